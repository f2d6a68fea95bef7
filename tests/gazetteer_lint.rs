//! `warta gazetteer lint` on a copy of the gazetteer directory: the extractor's rule entries
//! that cannot be used are reported and fail the lint, as the gazetteer's own problems do.

use std::path::Path;
use std::process::Output;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn lint(gazetteers: &Path, data: &Path) -> Output {
    crate::util::bin()
        .arg("--data-dir")
        .arg(data)
        .arg("--gazetteers")
        .arg(gazetteers)
        .args(["gazetteer", "lint"])
        .output()
        .expect("the warta binary runs")
}

#[test]
fn lint_reports_rule_entries_the_extractor_cannot_use() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gazetteers");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers"),
        &dir,
    );
    let data = tmp.path().join("data");

    let clean = lint(&dir, &data);
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );

    // An event type that does not exist.
    let path = dir.join("rules/event-triggers.tsv");
    let mut rules = std::fs::read_to_string(&path).unwrap();
    rules.push_str("kumpul akbar\tgathering\t5\n");
    std::fs::write(&path, rules).unwrap();
    let bad = lint(&dir, &data);
    assert!(!bad.status.success());
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.lines()
            .any(|l| l.starts_with("Rule\tevent-triggers.tsv:") && l.contains("gathering")),
        "{out}"
    );
}
