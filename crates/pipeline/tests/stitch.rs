//! Multi-page articles through the real pipeline: WARC files imported into a store in a temp
//! dir, extracted with the bundled gazetteer.

use std::path::Path;

use warta_gazetteer::Gazetteer;
use warta_pipeline::{NoProgress, extract, import};
use warta_store::Store;
use warta_store::archive::{SavedPage, pack_pages};

const URL: &str = "https://warta-uji.id/daerah/d-501/buruh-pelabuhan-mogok-tuntut-kenaikan-upah";

fn page(n: u32, paragraphs: &[&str]) -> SavedPage {
    let url = if n == 1 {
        URL.to_string()
    } else {
        format!("{URL}?page={n}")
    };
    let head_link = if n == 1 {
        format!("<link rel=\"next\" href=\"{URL}?page=2\">")
    } else {
        format!("<link rel=\"prev\" href=\"{URL}\">")
    };
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    let pager = format!(
        "<div class=\"pagination\">Halaman <a href=\"{URL}\">1</a> <a href=\"{URL}?page=2\">2</a></div>"
    );
    let html = format!(
        "<html><head><title>Buruh Pelabuhan Mogok Tuntut Kenaikan Upah</title>{head_link}\
         <meta property=\"article:published_time\" content=\"2025-02-11T10:00:00+07:00\"></head>\
         <body><nav><a href=\"/\">Beranda</a></nav><article><h1>Buruh Pelabuhan Mogok Tuntut Kenaikan Upah</h1>\
         <div class=\"detail-text\">{body}</div>{pager}</article><footer>Hak cipta dilindungi</footer></body></html>"
    );
    SavedPage {
        url,
        fetched_at: format!("2025-02-11T0{n}:00:00Z"),
        content_type: "text/html; charset=UTF-8".into(),
        body: html.into_bytes(),
    }
}

fn first_page() -> SavedPage {
    page(
        1,
        &[
            "SURABAYA - Sekitar dua ratus buruh bongkar muat Pelabuhan Tanjung Perak mogok kerja pada Senin (10/2/2025) untuk menuntut kenaikan upah harian.",
            "Aksi dipimpin Ketua DPC KSPSI Kota Surabaya, Bambang Hariyanto, yang menyebut upah harian tidak naik selama tiga tahun terakhir.",
            "Para buruh berkumpul sejak pagi di depan kantor koperasi tenaga kerja bongkar muat dan membentangkan spanduk tuntutan.",
        ],
    )
}

fn second_page() -> SavedPage {
    page(
        2,
        &[
            "Kepala Dinas Tenaga Kerja Kota Surabaya, Achmad Zaini, datang menemui massa menjelang siang dan berjanji memfasilitasi perundingan.",
            "Perundingan antara serikat dan pengelola koperasi dijadwalkan pekan depan di kantor dinas, kata Zaini kepada wartawan.",
        ],
    )
}

fn write_warc(dir: &Path, name: &str, pages: &[SavedPage]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, pack_pages(pages).expect("packs")).expect("writes");
    path
}

fn article_text(data: &Path, url: &str) -> (String, bool) {
    let store = Store::open(data).expect("opens");
    let a = store
        .articles()
        .expect("articles")
        .into_iter()
        .find(|a| a.url == url)
        .expect("article stored");
    (a.text, a.relevant)
}

#[test]
fn both_pages_archived_together_are_stitched() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let warc = write_warc(tmp.path(), "a.warc.gz", &[first_page(), second_page()]);
    import(&data, &[warc]).expect("imports");
    let gaz = Gazetteer::bundled().expect("gazetteer");
    let mut store = Store::open(&data).expect("opens");
    extract(&mut store, &gaz, false, &NoProgress).expect("extracts");
    drop(store);

    let (text, relevant) = article_text(&data, URL);
    assert!(text.contains("Bambang Hariyanto"), "{text}");
    assert!(text.contains("Achmad Zaini"), "page 2 stitched in: {text}");
    assert!(relevant);
    let (page2, page2_relevant) = article_text(&data, &format!("{URL}?page=2"));
    assert!(page2.contains("Achmad Zaini"));
    assert!(!page2_relevant, "a later page carries no events of its own");

    let store = Store::open(&data).expect("opens");
    let events = store.events().expect("events");
    assert_eq!(events.len(), 1, "{events:#?}");
    assert!(
        events[0]
            .participants
            .iter()
            .any(|p| p.name.contains("Zaini")),
        "the page-2 official is a participant: {:#?}",
        events[0].participants
    );
}

#[test]
fn a_later_page_archived_afterwards_is_stitched_into_the_first() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let gaz = Gazetteer::bundled().expect("gazetteer");

    let one = write_warc(tmp.path(), "1.warc.gz", &[first_page()]);
    import(&data, &[one]).expect("imports");
    let mut store = Store::open(&data).expect("opens");
    extract(&mut store, &gaz, false, &NoProgress).expect("extracts");
    drop(store);
    assert!(!article_text(&data, URL).0.contains("Achmad Zaini"));

    let two = write_warc(tmp.path(), "2.warc.gz", &[second_page()]);
    import(&data, &[two]).expect("imports");
    let mut store = Store::open(&data).expect("opens");
    let stats = extract(&mut store, &gaz, false, &NoProgress).expect("extracts");
    assert_eq!(stats.pages, 2, "page 2, then page 1 again: {stats:?}");
    drop(store);
    assert!(article_text(&data, URL).0.contains("Achmad Zaini"));

    // Nothing left to do: a third run reads no page.
    let mut store = Store::open(&data).expect("opens");
    let stats = extract(&mut store, &gaz, false, &NoProgress).expect("extracts");
    assert_eq!(stats.pages, 0);
}
