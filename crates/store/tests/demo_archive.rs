//! The committed demo archive must be exactly what its pages pack to, so nobody edits a page and
//! forgets the archive (`cargo run -p warta-store --example pack_pages -- fixtures/demo/pages.jsonl fixtures/demo/demo.warc.gz`).

use std::path::Path;

use warta_store::archive::{SavedPage, pack_pages};

#[test]
fn demo_archive_matches_its_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/demo");
    let manifest = std::fs::read_to_string(dir.join("pages.jsonl")).unwrap();
    let pages: Vec<SavedPage> = manifest
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_string();
            SavedPage {
                url: s("url"),
                fetched_at: s("fetched_at"),
                content_type: s("content_type"),
                body: std::fs::read(dir.join(s("file"))).unwrap(),
            }
        })
        .collect();
    let committed = std::fs::read(dir.join("demo.warc.gz")).unwrap();
    assert!(
        pack_pages(&pages).unwrap() == committed,
        "fixtures/demo/demo.warc.gz is stale: re-run the pack_pages example"
    );
}
