//! `warta gazetteer ner-eval`: the gazetteer rules, the learned tagger and both together,
//! scored on a small CoNLL file of our own sentences with invented names.

use std::path::Path;
use std::process::Output;

/// Two people and a company no gazetteer holds, and a confederation it does.
const CONLL: &str = "\
Yohanes\tB-PERSON\nSiregar\tI-PERSON\nhadir\tO\ndalam\tO\npertemuan\tO\nitu\tO\nbersama\tO\n\
puluhan\tO\nburuh\tO\ndari\tO\nPT\tB-ORGANISATION\nAngkasa\tI-ORGANISATION\n\
Karya\tI-ORGANISATION\nLestari\tI-ORGANISATION\n.\tO\n\n\
Pertemuan\tO\nitu\tO\njuga\tO\ndihadiri\tO\nRosalina\tB-PERSON\nHutapea\tI-PERSON\ndan\tO\n\
pengurus\tO\nKSPI\tB-ORGANISATION\n.\tO\n";

fn ner_eval(file: &Path, tagger: &str) -> Output {
    crate::util::bin()
        .args(["gazetteer", "ner-eval", "--json", "--tagger", tagger])
        .arg(file)
        .output()
        .expect("the warta binary runs")
}

fn scores(file: &Path, tagger: &str) -> serde_json::Value {
    let out = ner_eval(file, tagger);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

#[test]
fn the_tagger_fills_the_gaps_the_rules_leave() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("own.conll");
    std::fs::write(&file, CONLL).unwrap();

    let rules = scores(&file, "rules");
    assert_eq!(rules["sentences"], 2);
    assert_eq!(rules["person"]["gold"], 2);
    assert_eq!(rules["organisation"]["gold"], 2);
    // no title, honorific or speech verb: the rules find neither person
    assert_eq!(rules["person"]["correct"], 0);

    let learned = scores(&file, "learned");
    assert_eq!(learned["person"]["correct"], 2, "{learned}");
    assert_eq!(learned["person"]["precision"], 1.0, "{learned}");

    let both = scores(&file, "both");
    assert_eq!(both["person"]["correct"], 2, "{both}");
    assert!(both["organisation"]["correct"].as_u64() >= rules["organisation"]["correct"].as_u64());
    assert!(both["both"]["f1"].as_f64() > rules["both"]["f1"].as_f64());
}

#[test]
fn a_bad_line_is_named_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.conll");
    std::fs::write(&file, "Budi\tB-PERSON\nSantoso\tPERSON\n").unwrap();
    let out = ner_eval(&file, "learned");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.conll:2:"), "{err}");
    let missing = ner_eval(&dir.path().join("missing.conll"), "rules");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("missing.conll"));
}
