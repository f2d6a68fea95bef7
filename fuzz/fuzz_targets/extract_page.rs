//! Any bytes, with any Content-Type, through the article extractor: it must return an article
//! or an error, never panic, never hang. Seed the corpus with real pages
//! (`fuzz/seed-corpus.sh`) so that mutations explore news-page structure, not random noise.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a Content-Type the crawler might have recorded.
    let (ct, body) = match data.split_first() {
        Some((b, rest)) => (
            match b % 4 {
                0 => None,
                1 => Some("text/html; charset=utf-8"),
                2 => Some("text/html; charset=windows-1252"),
                _ => Some("application/xhtml+xml"),
            },
            rest,
        ),
        None => (None, data),
    };
    let _ = warta_article::extract_bytes(body, ct, "https://contoh.id/berita/2025/01/02/judul");
});
