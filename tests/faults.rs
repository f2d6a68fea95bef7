//! "Nothing lost, ever": the binary under faults. Kills at seeded random points of import,
//! extract, index and export; a filesystem that fills; damaged and read-only stores; searches
//! while the index is rebuilt; one-line errors. Archives are small so the whole module stays
//! well under two minutes.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{bin, demo_warc, ok, one_line_error, spawn, warta};

/// A small deterministic generator: the seeds make every kill point reproducible.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A WARC of `n` small HTML responses under `host`, written with the archive's own encoder.
fn synthetic_warc(path: &Path, host: &str, n: usize, body_bytes: usize) {
    let mut out = Vec::new();
    for i in 0..n {
        let filler = "Serikat pekerja menggelar rapat dengan dinas tenaga kerja. "
            .repeat(body_bytes / 60 + 1);
        let html = format!(
            "<html><head><title>Berita {i}</title></head><body><article><h1>Berita {i}</h1><p>{filler}</p></article></body></html>"
        );
        let block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        let headers = vec![
            ("WARC-Type".to_string(), "response".to_string()),
            (
                "WARC-Record-ID".to_string(),
                format!("<urn:uuid:00000000-0000-0000-0000-{i:012}>"),
            ),
            ("WARC-Date".to_string(), "2025-01-02T03:04:05Z".to_string()),
            (
                "WARC-Target-URI".to_string(),
                format!("https://{host}/berita/{i}"),
            ),
            (
                "Content-Type".to_string(),
                "application/http; msgtype=response".to_string(),
            ),
        ];
        out.extend(warta_store::archive::encode_record("1.1", &headers, block.as_bytes()).unwrap());
    }
    std::fs::write(path, out).unwrap();
}

/// (responses in the archive files, their distinct URLs).
fn archive_responses(data: &Path) -> (usize, usize) {
    let mut urls = Vec::new();
    let Ok(entries) = std::fs::read_dir(data.join("archive")) else {
        return (0, 0);
    };
    for e in entries {
        let path = e.unwrap().path();
        if !path.to_string_lossy().ends_with(".warc.gz")
            || std::fs::metadata(&path).unwrap().len() == 0
        {
            continue;
        }
        warta_store::archive::read_warc(&path, |r| {
            if r.record_type() == "response" {
                urls.push(r.header("WARC-Target-URI").unwrap_or("").to_string());
            }
            Ok(())
        })
        .unwrap();
    }
    let n = urls.len();
    urls.sort();
    urls.dedup();
    (n, urls.len())
}

fn catalogued_pages(data: &Path) -> usize {
    let conn = rusqlite::Connection::open(data.join("catalogue.sqlite")).unwrap();
    conn.query_row("SELECT COUNT(*) FROM pages", [], |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

fn kill9(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn signal(child: &Child, sig: &str) {
    Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .expect("kill runs");
}

/// `warta extract` with a debug build's fault hook set.
fn extract_with_fault(data: &Path, hook: &str, value: &str) -> std::process::Output {
    bin()
        .arg("--data-dir")
        .arg(data)
        .arg("extract")
        .env(hook, value)
        .output()
        .unwrap()
}

/// (pages, articles) from `extract`'s summary line "N pages: M articles ...".
fn pages_and_articles(summary: &str) -> (usize, usize) {
    let words: Vec<&str> = summary.split_whitespace().collect();
    let pages = words[0].parse().expect("a page count");
    let articles = words[2].parse().expect("an article count");
    (pages, articles)
}

#[test]
fn a_panicking_page_is_skipped_recorded_and_not_retried() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the fault hook exists in debug builds only");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    // One page's extraction panics (a fault injected by URL): the run finishes, rc 0.
    let out = extract_with_fault(&data, "WARTA_FAULT_PANIC_URL", "muara-angke");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("muara-angke"),
        "the skip names the URL: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let faulted = pages_and_articles(&String::from_utf8_lossy(&out.stdout));
    // The reason is stored: `check` lists it, and the next run does not retry the page.
    let check = ok(&data, &["check"]);
    assert!(
        check.contains("extraction failed: ") && check.contains("injected fault"),
        "{check}"
    );
    let again = extract_with_fault(&data, "WARTA_FAULT_PANIC_URL", "muara-angke");
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("0 pages"));
    // `extract --all` (here without the fault) retries it.
    let all = pages_and_articles(&ok(&data, &["extract", "--all"]));
    assert_eq!(faulted.0, all.0, "every page was read both times");
    assert_eq!(faulted.1 + 1, all.1, "only the faulty page was missing");
    assert!(!ok(&data, &["check"]).contains("extraction failed"));
}

/// K from `extract`'s summary line "...; K events in the catalogue".
fn events_in_summary(summary: &str) -> usize {
    let words: Vec<&str> = summary.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| *w == "events")
        .expect("an event count");
    words[at - 1].parse().expect("an event count")
}

#[test]
fn a_panic_in_merging_keeps_the_reports_unmerged_and_the_run_going() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the fault hook exists in debug builds only");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    let out = extract_with_fault(&data, "WARTA_FAULT_PANIC_MERGE", "1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("merging events"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let unmerged = events_in_summary(&String::from_utf8_lossy(&out.stdout));
    // The demo's outlets report the same events: merged, there are fewer records.
    let merged = events_in_summary(&ok(&data, &["extract", "--all"]));
    assert!(merged > 0 && merged < unmerged, "{merged} vs {unmerged}");
    ok(&data, &["index"]);
    let found: serde_json::Value =
        serde_json::from_str(&ok(&data, &["search", "--events", "buruh", "--json"])).unwrap();
    assert!(!found["hits"].as_array().unwrap().is_empty(), "{found}");
}

#[test]
fn import_killed_at_seeded_points_leaves_no_orphans_or_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.warc.gz");
    let big = dir.path().join("big.warc.gz");
    synthetic_warc(&base, "lama.example", 20, 500);
    synthetic_warc(&big, "baru.example", 300, 2_000);
    // How long a full import takes here, to spread the kill points over it.
    let probe = dir.path().join("probe");
    ok(&probe, &["import", base.to_str().unwrap()]);
    let t = Instant::now();
    ok(&probe, &["import", big.to_str().unwrap()]);
    let full = t.elapsed().as_millis() as u64 + 20;
    let mut rng = Lcg(14);
    for seed in 0..20 {
        let data = dir.path().join(format!("d{seed}"));
        ok(&data, &["import", base.to_str().unwrap()]);
        let mut child = spawn(&data, &["import", big.to_str().unwrap()]);
        std::thread::sleep(Duration::from_millis(rng.below(full)));
        kill9(&mut child);
        // The next import recovers and completes: each record once, all catalogued.
        ok(&data, &["import", big.to_str().unwrap()]);
        assert_eq!(archive_responses(&data), (320, 320), "seed {seed}");
        assert_eq!(catalogued_pages(&data), 320, "seed {seed}");
    }
}

#[test]
fn sigterm_and_ctrl_c_stop_an_import_cleanly_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.warc.gz");
    let big = dir.path().join("big.warc.gz");
    synthetic_warc(&base, "lama.example", 10, 500);
    synthetic_warc(&big, "baru.example", 10_000, 2_000);
    for sig in ["-TERM", "-INT"] {
        let data = dir.path().join(format!("d{sig}"));
        ok(&data, &["import", base.to_str().unwrap()]);
        let archive_bytes = || -> u64 {
            std::fs::read_dir(data.join("archive"))
                .unwrap()
                .map(|e| e.unwrap().metadata().unwrap().len())
                .sum()
        };
        let before = archive_bytes();
        let child = spawn(&data, &["import", big.to_str().unwrap()]);
        // Validation reads the file first; signal once records are being appended.
        let t = Instant::now();
        while archive_bytes() == before && t.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(1));
        }
        signal(&child, sig);
        let out = child.wait_with_output().unwrap();
        assert!(!out.status.success(), "the import finished before {sig}");
        let line = one_line_error(&out);
        assert!(line.contains("interrupted"), "{line}");
        assert_eq!(archive_responses(&data), (10, 10), "{sig}");
        assert_eq!(catalogued_pages(&data), 10);
    }
}

#[test]
fn extract_killed_at_seeded_points_resumes_to_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean");
    ok(&clean, &["import", demo_warc().to_str().unwrap()]);
    let t = Instant::now();
    ok(&clean, &["extract"]);
    let full = t.elapsed().as_millis() as u64 + 20;
    // Two stores name their archive files by import time: the records must agree apart from it.
    let same_store_apart = |export: String| -> Vec<serde_json::Value> {
        export
            .lines()
            .map(|l| {
                let mut e: serde_json::Value = serde_json::from_str(l).unwrap();
                for s in e["sources"].as_array_mut().unwrap() {
                    assert!(s["archive"]["file"].is_string(), "{s}");
                    s["archive"]["file"] = "ARCHIVE".into();
                }
                e
            })
            .collect()
    };
    let expected = same_store_apart(ok(&clean, &["export"]));
    let mut rng = Lcg(15);
    for seed in 0..20 {
        let data = dir.path().join(format!("d{seed}"));
        ok(&data, &["import", demo_warc().to_str().unwrap()]);
        let mut child = spawn(&data, &["extract"]);
        std::thread::sleep(Duration::from_millis(rng.below(full)));
        kill9(&mut child);
        ok(&data, &["extract"]);
        assert_eq!(
            same_store_apart(ok(&data, &["export"])),
            expected,
            "seed {seed}"
        );
        std::fs::remove_dir_all(&data).unwrap();
    }
}

#[test]
fn search_never_goes_blank_while_the_index_is_rebuilt_or_killed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    ok(&data, &["extract"]);
    ok(&data, &["index"]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let searcher = {
        let data = data.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let (mut n, mut blank) = (0, 0);
            while n < 200 || !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let out = warta(&data, &["search", "koperasi", "--json"]);
                let v: serde_json::Value = serde_json::from_slice(&out.stdout)
                    .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
                blank += v["hits"].as_array().is_none_or(|h| h.is_empty()) as usize;
                n += 1;
            }
            (n, blank)
        })
    };
    // Rebuilds, some completed and some killed at seeded points, while searches run.
    let mut rng = Lcg(16);
    let t = Instant::now();
    ok(&data, &["index", "--rebuild"]);
    let full = t.elapsed().as_millis() as u64 + 20;
    for seed in 0..20 {
        let mut child = spawn(&data, &["index", "--rebuild"]);
        if seed % 4 == 3 {
            child.wait().unwrap();
        } else {
            std::thread::sleep(Duration::from_millis(rng.below(full)));
            kill9(&mut child);
        }
        let v: serde_json::Value =
            serde_json::from_str(&ok(&data, &["search", "koperasi", "--json"])).unwrap();
        assert!(!v["hits"].as_array().unwrap().is_empty(), "seed {seed}");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (n, blank) = searcher.join().unwrap();
    eprintln!("{n} searches during rebuilds, {blank} blank");
    assert!(n >= 200);
    assert_eq!(blank, 0, "{blank} of {n} searches answered nothing");
}

#[test]
fn an_index_of_an_older_schema_is_replaced_without_a_blank_search() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    ok(&data, &["extract"]);
    ok(&data, &["index"]);
    // As a warta of an older index schema left it.
    std::fs::write(data.join("index/warta-index-version"), "0\n").unwrap();
    let outdated = warta(&data, &["search", "koperasi", "--json"]);
    assert!(!outdated.status.success());
    assert!(
        String::from_utf8_lossy(&outdated.stderr).contains("another warta version"),
        "{}",
        String::from_utf8_lossy(&outdated.stderr)
    );
    // `check` reports it and changes nothing.
    assert!(!warta(&data, &["check"]).status.success());
    assert!(!data.join("index.next").exists());
    let mut indexing = spawn(&data, &["index"]);
    let (mut answers, mut blank) = (0, 0);
    while indexing.try_wait().unwrap().is_none() {
        let out = warta(&data, &["search", "koperasi", "--json"]);
        if out.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            answers += 1;
            blank += v["hits"].as_array().is_none_or(|h| h.is_empty()) as usize;
        }
    }
    assert!(indexing.wait().unwrap().success());
    assert_eq!(
        blank, 0,
        "{blank} of {answers} answers during the rebuild were empty"
    );
    let v: serde_json::Value =
        serde_json::from_str(&ok(&data, &["search", "koperasi", "--json"])).unwrap();
    assert!(!v["hits"].as_array().unwrap().is_empty());
    assert!(
        !data.join("index.next").exists(),
        "the staging directory is gone"
    );
    assert!(ok(&data, &["check"]).contains("ok"));
}

#[test]
fn exports_are_atomic_and_never_touch_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    ok(&data, &["extract"]);
    let out = dir.path().join("articles.jsonl");
    std::fs::write(&out, "previous\n").unwrap();
    // Bad arguments: the previous file stays.
    for args in [
        vec!["--type", "nope"],
        vec!["--province", "Atlantis"],
        vec!["--from", "2025-02-01", "--to", "2025-01-01"],
    ] {
        let mut all = vec!["export", "--out", out.to_str().unwrap()];
        all.extend(args);
        let o = warta(&data, &all);
        assert_eq!(o.status.code(), Some(2), "{all:?}");
        one_line_error(&o);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous\n");
    }
    // An output over the store's own files is refused; the catalogue is untouched.
    let catalogue = data.join("catalogue.sqlite");
    let before = std::fs::read(&catalogue).unwrap();
    let o = warta(&data, &["export", "--out", catalogue.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(one_line_error(&o).contains("would overwrite the store"));
    assert_eq!(std::fs::read(&catalogue).unwrap(), before);
    // Beside the store's files is fine (the evaluation scripts export there).
    let beside = data.join("events.jsonl");
    let o = warta(&data, &["export", "--out", beside.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(beside.exists());
    assert_eq!(std::fs::read(&catalogue).unwrap(), before);
    // Killed at seeded points: the file is the previous one or the complete new one.
    let complete = {
        ok(
            &data,
            &[
                "export",
                "--what",
                "articles",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        std::fs::read(&out).unwrap()
    };
    let mut rng = Lcg(17);
    for seed in 0..20 {
        std::fs::write(&out, "previous\n").unwrap();
        let mut child = spawn(
            &data,
            &[
                "export",
                "--what",
                "articles",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        std::thread::sleep(Duration::from_millis(rng.below(400)));
        kill9(&mut child);
        let now = std::fs::read(&out).unwrap();
        assert!(
            now == b"previous\n" || now == complete,
            "seed {seed}: a partial export"
        );
    }
    // No temporary files are left next to it by completed exports.
    ok(&data, &["export", "--out", out.to_str().unwrap()]);
}

#[test]
fn damaged_stores_are_named_never_taken_for_empty_ones() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    ok(&data, &["extract"]);
    ok(&data, &["index"]);
    let catalogue = data.join("catalogue.sqlite");
    let good = std::fs::read(&catalogue).unwrap();
    for wal in ["catalogue.sqlite-wal", "catalogue.sqlite-shm"] {
        let _ = std::fs::remove_file(data.join(wal));
    }
    // 0 bytes, then a foreign SQLite database, then random bytes.
    std::fs::write(&catalogue, b"").unwrap();
    for args in [
        &["extract"][..],
        &["search", "koperasi"],
        &["export"],
        &["check"],
    ] {
        let o = warta(&data, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let line = one_line_error(&o);
        assert!(
            line.contains("catalogue.sqlite") && line.contains("empty"),
            "{line}"
        );
    }
    std::fs::remove_file(&catalogue).unwrap();
    {
        let conn = rusqlite::Connection::open(&catalogue).unwrap();
        conn.execute_batch("CREATE TABLE recipes (name TEXT)")
            .unwrap();
    }
    let o = warta(&data, &["extract"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(one_line_error(&o).contains("not a warta catalogue"));
    std::fs::write(&catalogue, b"this is not a database at all, just text").unwrap();
    let o = warta(&data, &["search", "koperasi"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(one_line_error(&o).contains("not an SQLite database"));
    // A catalogue whose pages are damaged fails `check`.
    let mut broken = good.clone();
    let mid = broken.len() / 2;
    let end = (mid + 4096).min(broken.len());
    for b in &mut broken[mid..end] {
        *b = 0xA5;
    }
    std::fs::write(&catalogue, &broken).unwrap();
    let o = warta(&data, &["check"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // A missing catalogue next to an archive is not a fresh start.
    std::fs::remove_file(&catalogue).unwrap();
    let o = warta(&data, &["import", demo_warc().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(one_line_error(&o).contains("missing"));
    // A missing archive file is named.
    std::fs::write(&catalogue, &good).unwrap();
    let archive: Vec<PathBuf> = std::fs::read_dir(data.join("archive"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let moved = dir.path().join("moved.warc.gz");
    std::fs::rename(&archive[0], &moved).unwrap();
    let o = warta(&data, &["extract", "--all"]);
    assert_eq!(o.status.code(), Some(1));
    let line = one_line_error(&o);
    assert!(
        line.contains("archive file missing") && line.contains(".warc.gz"),
        "{line}"
    );
    std::fs::rename(&moved, &archive[0]).unwrap();
    ok(&data, &["check"]);
    // A damaged search index is rebuilt by `index`, saying so.
    std::fs::write(data.join("index/meta.json"), b"{ not json").unwrap();
    let o = warta(&data, &["search", "koperasi"]);
    assert_eq!(o.status.code(), Some(1));
    let line = one_line_error(&o);
    assert!(
        line.contains("index") && line.contains("warta index"),
        "{line}"
    );
    let o = warta(&data, &["index"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("damaged"));
    assert!(ok(&data, &["search", "koperasi"]).contains("http"));
}

#[test]
fn read_only_stores_answer_search_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    ok(&data, &["extract"]);
    ok(&data, &["index"]);
    // As root, permission bits do not bite: a read-only bind mount does.
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let mounted = Command::new("mount")
        .args(["--bind", data.to_str().unwrap(), ro.to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot bind-mount here (not root or no mount permission)");
        return;
    }
    let remounted = Command::new("mount")
        .args(["-o", "remount,bind,ro", ro.to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success());
    let result = std::panic::catch_unwind(|| {
        if !remounted {
            eprintln!("skipped: cannot remount read-only here");
            return;
        }
        assert!(ok(&ro, &["search", "koperasi"]).contains("http"));
        let out = dir.path().join("events.jsonl");
        ok(&ro, &["export", "--out", out.to_str().unwrap()]);
        assert!(std::fs::read_to_string(&out).unwrap().lines().count() > 0);
        let o = warta(&ro, &["extract", "--all"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(one_line_error(&o).contains("read-only"), "{:?}", o);
    });
    let _ = Command::new("umount").arg(&ro).status();
    result.unwrap();
}

#[test]
fn a_full_disk_leaves_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            "size=3m",
            "tmpfs",
            mnt.to_str().unwrap(),
        ])
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here");
        return;
    }
    let result = std::panic::catch_unwind(|| {
        let data = mnt.join("data");
        let base = dir.path().join("base.warc.gz");
        let big = dir.path().join("big.warc.gz");
        synthetic_warc(&base, "lama.example", 10, 500);
        synthetic_warc(&big, "baru.example", 400, 30_000);
        ok(&data, &["import", base.to_str().unwrap()]);
        let export = mnt.join("events.jsonl");
        std::fs::write(&export, "previous\n").unwrap();
        // Fill the disk to a few hundred kB of room.
        let free = nix_free_bytes(&mnt);
        std::fs::write(
            mnt.join("filler"),
            vec![0u8; free.saturating_sub(300_000) as usize],
        )
        .ok();
        let o = warta(&data, &["import", big.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        one_line_error(&o);
        assert_eq!(archive_responses(&data), (10, 10));
        assert_eq!(catalogued_pages(&data), 10);
        // An export that cannot be written leaves the previous file.
        std::fs::write(
            mnt.join("filler2"),
            vec![0u8; nix_free_bytes(&mnt) as usize],
        )
        .ok();
        let o = warta(
            &data,
            &[
                "export",
                "--what",
                "articles",
                "--out",
                export.to_str().unwrap(),
            ],
        );
        let _ = o;
        assert_eq!(std::fs::read_to_string(&export).unwrap(), "previous\n");
        // Room again: the import completes, each record once.
        std::fs::remove_file(mnt.join("filler")).unwrap();
        let _ = std::fs::remove_file(mnt.join("filler2"));
        ok(&data, &["import", big.to_str().unwrap()]);
        assert_eq!(archive_responses(&data), (410, 410));
    });
    let _ = Command::new("umount").arg(&mnt).status();
    result.unwrap();
}

/// Free bytes on the filesystem holding `dir`, from `df`.
fn nix_free_bytes(dir: &Path) -> u64 {
    let out = Command::new("df")
        .args(["-B1", "--output=avail"])
        .arg(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn errors_are_one_line_with_the_right_status() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    ok(&data, &["extract"]);
    ok(&data, &["index"]);
    // A huge limit is not a panic.
    let o = warta(
        &data,
        &["search", "koperasi", "--limit", "18446744073709551615"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = warta(
        &data,
        &[
            "search",
            "koperasi",
            "--from",
            "2025-02-01",
            "--to",
            "2025-01-01",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    one_line_error(&o);
    let o = warta(
        &data,
        &["search", "koperasi", "--province", "Sumatera Selatn"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(one_line_error(&o).contains("Sumatera Selatan"));
    // A reader that stops early is success.
    let mut child = bin()
        .arg("--data-dir")
        .arg(&data)
        .args(["export", "--what", "articles"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Read;
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A response whose WARC-Target-URI is not a URL is skipped, not stored.
    let bad = dir.path().join("bad.warc.gz");
    let block =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>teks</p></body></html>";
    let headers = vec![
        ("WARC-Type".to_string(), "response".to_string()),
        (
            "WARC-Target-URI".to_string(),
            "not a url at all".to_string(),
        ),
        ("WARC-Date".to_string(), "2025-01-02T03:04:05Z".to_string()),
    ];
    std::fs::write(
        &bad,
        warta_store::archive::encode_record("1.1", &headers, block).unwrap(),
    )
    .unwrap();
    let fresh = dir.path().join("fresh");
    let o = warta(&fresh, &["import", bad.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("0 added, 0 already stored, 1 skipped"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a url at all"));
}

#[test]
fn a_response_over_the_page_cap_is_skipped_while_streaming() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("big.warc.gz");
    // Two normal pages around one whose body is over the 32 MiB page cap.
    let mut bytes = Vec::new();
    for (i, size) in [(0usize, 2_000usize), (1, 33 << 20), (2, 2_000)] {
        let part = dir.path().join(format!("part{i}.warc.gz"));
        synthetic_warc(&part, &format!("s{i}.example"), 1, size);
        bytes.extend(std::fs::read(&part).unwrap());
    }
    std::fs::write(&warc, bytes).unwrap();
    let data = dir.path().join("data");
    let o = warta(&data, &["import", warc.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("2 added, 0 already stored, 1 skipped"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("page cap"));
    assert_eq!(archive_responses(&data), (2, 2));
}
