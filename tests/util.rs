//! What every end-to-end test needs: the binary with a clean environment, a run that must
//! succeed, the demo archive, JSON Lines output.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The `warta` binary, unaffected by the environment the tests happen to run in.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_warta"));
    c.env_remove("WARTA_DATA_DIR")
        .env_remove("WARTA_GAZETTEERS")
        .env_remove("WARTA_FAULT_PANIC_URL")
        .env_remove("WARTA_FAULT_PANIC_MERGE")
        .env_remove("WARTA_LOG");
    c
}

/// `warta --data-dir DATA ARGS...`, run to the end.
pub fn warta(data: &Path, args: &[&str]) -> Output {
    bin()
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("the warta binary runs")
}

/// Like [`warta`], failing the test unless it succeeds; its stdout.
pub fn ok(data: &Path, args: &[&str]) -> String {
    let out = warta(data, args);
    assert!(
        out.status.success(),
        "warta {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// `warta --data-dir DATA ARGS...` started in the background, stderr kept for the test.
pub fn spawn(data: &Path, args: &[&str]) -> Child {
    bin()
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the warta binary starts")
}

/// One line on stderr, starting with `warta: error:`.
pub fn one_line_error(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line expected: {err}");
    assert!(lines[0].starts_with("warta: error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    lines[0].to_string()
}

/// The bundled demo archive (40 pages in eight site templates).
pub fn demo_warc() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo/demo.warc.gz")
}

/// Every JSON object of a JSON Lines file.
pub fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}
