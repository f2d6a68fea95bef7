//! Per-site rules override the generic extractor where they match, and only there.

use warta_article::{SiteRules, extract, extract_with};

const PAGE: &str = r#"<html><head><title>Portal Kabar Timur</title></head><body>
<div class="kolom-utama">
  <h2 class="judul-berita">Serikat Buruh Kebun Gelar Rapat Anggota di Sorong</h2>
  <div class="isi">
    <p>SORONG - Pengurus serikat buruh perkebunan sawit di Kabupaten Sorong menggelar rapat anggota tahunan pada Sabtu, membahas upah dan jaminan sosial bagi pekerja harian lepas.</p>
    <p>Ketua serikat mengatakan rapat juga memilih tim perunding untuk perjanjian kerja bersama yang akan dibahas dengan perusahaan bulan depan.</p>
    <p class="catatan-kaki">Punya cerita dari tempat kerja Anda? Kirim tulisan, foto, dan video Anda ke meja redaksi kami lewat formulir kontributor yang tersedia di halaman ini.</p>
    <p>Dinas tenaga kerja setempat berjanji mengawasi pelaksanaan perundingan agar berjalan sesuai aturan yang berlaku bagi kedua belah pihak.</p>
  </div>
</div>
</body></html>"#;

const URL: &str = "https://kabartimur.example/berita/rapat-serikat-buruh-sorong";

#[test]
fn drop_and_title_rules_override_the_generic_choice() {
    let generic = extract(PAGE, URL).expect("extracts");
    assert!(
        generic.text.contains("Kirim tulisan"),
        "the generic extractor keeps the promo"
    );

    let rules = SiteRules::parse(&[], &["p.catatan-kaki".into()], Some("h2.judul-berita"))
        .expect("rules parse");
    let ruled = extract_with(PAGE, URL, &rules).expect("extracts");
    assert!(!ruled.text.contains("Kirim tulisan"));
    assert!(ruled.text.contains("Dinas tenaga kerja setempat"));
    assert_eq!(
        ruled.title,
        "Serikat Buruh Kebun Gelar Rapat Anggota di Sorong"
    );
}

#[test]
fn body_rule_reads_only_the_named_element() {
    let rules =
        SiteRules::parse(&["div.isi p:first-child".into()], &[], None).expect("rules parse");
    let ruled = extract_with(PAGE, URL, &rules).expect("extracts");
    assert!(ruled.text.starts_with("SORONG - Pengurus serikat"));
    assert!(!ruled.text.contains("tim perunding"), "{}", ruled.text);
}

#[test]
fn rules_that_match_nothing_fall_back_to_the_generic_result() {
    let rules = SiteRules::parse(
        &["div.tidak-ada".into()],
        &["aside.tidak-ada".into()],
        Some("h1.tidak-ada"),
    )
    .expect("rules parse");
    assert_eq!(
        extract_with(PAGE, URL, &rules).expect("extracts"),
        extract(PAGE, URL).expect("extracts")
    );
}
