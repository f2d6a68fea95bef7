//! Importing WARC files into a real data directory: dedupe, all-or-nothing failure, read-back.

use std::io::Write;
use std::path::Path;

use warta_store::Store;
use warta_store::archive::{encode_record, http_record_headers};

fn write_warc(path: &Path, pages: &[(&str, &str)]) {
    let mut f = std::fs::File::create(path).unwrap();
    for (url, body) in pages {
        let block =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}")
                .into_bytes();
        let headers = http_record_headers("response", url, "2025-08-01T02:00:00Z", &block);
        f.write_all(&encode_record("1.0", &headers, &block).unwrap())
            .unwrap();
    }
}

#[test]
fn import_dedupes_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("in.warc.gz");
    write_warc(
        &warc,
        &[
            ("https://a.test/1", "<p>satu</p>"),
            ("https://a.test/2", "<p>dua</p>"),
            ("https://a.test/1", "<p>satu</p>"),
        ],
    );
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    let s = store.import_warc(&warc).unwrap();
    assert_eq!((s.responses, s.added, s.duplicates), (3, 2, 1));
    let again = store.import_warc(&warc).unwrap();
    assert_eq!((again.added, again.duplicates), (0, 3));
    let pages = store.pending_pages(false).unwrap();
    assert_eq!(pages.len(), 2);
    let r = store.load_response(&pages[1]).unwrap();
    assert_eq!((r.status, &r.body[..]), (200, &b"<p>dua</p>"[..]));
    assert_eq!(r.content_type(), Some("text/html; charset=utf-8"));
}

#[test]
fn a_failed_import_leaves_archive_and_catalogue_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.warc.gz");
    write_warc(&good, &[("https://a.test/1", "<p>satu</p>")]);
    let bad = dir.path().join("bad.warc.gz");
    write_warc(
        &bad,
        &[
            ("https://b.test/1", "<p>x</p>"),
            ("https://b.test/2", &"y".repeat(10_000)),
        ],
    );
    let bytes = std::fs::read(&bad).unwrap();
    std::fs::write(&bad, &bytes[..bytes.len() - 40]).unwrap();

    let mut store = Store::open(&dir.path().join("data")).unwrap();
    store.import_warc(&good).unwrap();
    let archive = dir.path().join("data/archive");
    let before: Vec<u64> = std::fs::read_dir(&archive)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .collect();
    let err = store.import_warc(&bad).unwrap_err().to_string();
    assert!(
        err.contains("bad.warc.gz") && err.contains("offset"),
        "{err}"
    );
    let after: Vec<u64> = std::fs::read_dir(&archive)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .collect();
    assert_eq!(before, after);
    assert_eq!(store.counts().unwrap().pages, 1);
}
