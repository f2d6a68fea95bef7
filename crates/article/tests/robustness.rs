//! The extractor must never panic, whatever bytes it is given, and must stay fast on big pages.

use proptest::prelude::*;

const SEED: &str = r#"<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Judul Berita | Situs</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Judul Berita","datePublished":"2024-01-02T03:04:05+07:00","author":{"name":"Ani Lestari"}}</script></head>
<body><nav><a href="/">Beranda</a></nav><div class="isi"><h1>Judul Berita</h1><div class="tanggal">Selasa, 2 Januari 2024 | 10:04 WIB</div>
<p>Paragraf pertama yang cukup panjang untuk dipilih sebagai isi berita, dengan koma, dan titik.</p>
<p>Paragraf kedua (Baca juga: <a href="/x">Judul lain</a>) masih berlanjut di sini.</p>
<ul><li>butir satu</li><li>butir dua</li></ul><p>Reporter: Budi | Editor: Citra</p></div>
<aside class="terkait"><a href="/y">Berita Terkait</a></aside></body></html>"#;

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096), ct in proptest::option::of("[a-z/;= -]{0,40}")) {
        let _ = warta_article::extract_bytes(&bytes, ct.as_deref(), "https://contoh.id/a");
        let _ = warta_article::decode_html(&bytes, ct.as_deref());
    }

    #[test]
    fn truncated_seed_never_panics(cut in 0usize..SEED.len()) {
        let mut cut = cut;
        while !SEED.is_char_boundary(cut) { cut -= 1; }
        let _ = warta_article::extract(&SEED[..cut], "https://contoh.id/a");
    }

    #[test]
    fn mutated_seed_never_panics(edits in proptest::collection::vec((0usize..2000, any::<u8>()), 1..40)) {
        let mut bytes = SEED.as_bytes().to_vec();
        for (pos, b) in edits {
            let p = pos % bytes.len();
            match b % 3 {
                0 => bytes[p] = b,
                1 => { bytes.remove(p); }
                _ => bytes.insert(p, b"<>/\"'&;:()"[usize::from(b) % 10]),
            }
        }
        let _ = warta_article::extract_bytes(&bytes, None, "not a url");
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,600}") {
        let _ = warta_article::extract(&s, "");
    }
}

#[test]
fn seed_extracts() {
    let a = warta_article::extract(SEED, "https://contoh.id/a").expect("seed extracts");
    assert_eq!(a.title, "Judul Berita");
    assert!(
        a.text.contains("Paragraf kedua masih berlanjut di sini."),
        "{}",
        a.text
    );
    assert!(!a.text.contains("Judul lain"));
    assert!(!a.text.contains("Reporter"));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut s = String::from("<html><body>");
    for _ in 0..50_000 {
        s.push_str("<div><span>");
    }
    s.push_str(
        "<p>Teks di dasar pohon yang sangat dalam, dengan koma, dan isi yang cukup panjang.</p>",
    );
    // The parser is quadratic in nesting depth; without the depth limit this takes minutes.
    // (Speed is measured by `examples/scaling.rs`, not asserted here.)
    let a = warta_article::extract(&s, "https://contoh.id/a").expect("extracts");
    assert!(a.text.contains("Teks di dasar pohon"));
}

#[test]
fn large_page_keeps_the_story_and_drops_the_furniture() {
    let mut s = String::from("<html><body><div class='isi'>");
    let para = "<p>Serikat pekerja menggelar rapat anggota untuk membahas upah, lembur, dan cuti, kata ketua serikat kepada wartawan.</p>\n";
    while s.len() < 10 * 1024 * 1024 {
        s.push_str(para);
        s.push_str("<div class='related'><a href='/x'>Berita lain</a></div>");
    }
    s.push_str("</div></body></html>");
    let a = warta_article::extract(&s, "https://contoh.id/a").expect("extracts");
    assert!(a.text.contains("Serikat pekerja menggelar rapat"));
    assert!(!a.text.contains("Berita lain"));
}
