//! Packs saved pages into a WARC file, one request and one response record per page:
//!
//! ```text
//! cargo run -p warta-store --example pack_pages -- fixtures/demo/pages.jsonl fixtures/demo/demo.warc.gz
//! ```
//! `pages.jsonl` lines: `{"file": "pages/000.html", "url": "...", "fetched_at": "RFC 3339",
//! "content_type": "text/html; charset=UTF-8"}` (file relative to the manifest). The output is
//! byte-for-byte reproducible, and a test checks the committed demo archive against its pages.

use std::path::Path;

use warta_store::archive::{SavedPage, pack_pages};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [manifest, out] = args.as_slice() else {
        return Err("usage: pack_pages PAGES.jsonl OUT.warc.gz".into());
    };
    let pages = read_manifest(Path::new(manifest))?;
    std::fs::write(out, pack_pages(&pages)?)?;
    eprintln!("packed {} pages into {out}", pages.len());
    Ok(())
}

fn read_manifest(manifest: &Path) -> Result<Vec<SavedPage>, Box<dyn std::error::Error>> {
    let base = manifest.parent().unwrap_or(Path::new("."));
    let mut pages = Vec::new();
    for (i, line) in std::fs::read_to_string(manifest)?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: {e}", manifest.display(), i + 1))?;
        let field = |k: &str| {
            v[k].as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("{}:{}: missing {k}", manifest.display(), i + 1))
        };
        pages.push(SavedPage {
            url: field("url")?,
            fetched_at: field("fetched_at")?,
            content_type: field("content_type")?,
            body: std::fs::read(base.join(field("file")?))?,
        });
    }
    Ok(pages)
}
