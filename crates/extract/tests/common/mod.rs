//! What the extractor's tests share: an article of our own text, published at 10:00 WIB.

use chrono::{FixedOffset, TimeZone};
use warta_model::Article;

/// An Indonesian news article with `id`, published on `published` (year, month, day).
pub fn article(id: &str, title: &str, published: (i32, u32, u32), text: &str) -> Article {
    let wib = FixedOffset::east_opt(7 * 3600).unwrap();
    Article {
        id: id.into(),
        url: format!("https://berita.example.id/{id}"),
        canonical_url: None,
        site: "berita.example.id".into(),
        title: title.into(),
        published: Some(
            wib.with_ymd_and_hms(published.0, published.1, published.2, 10, 0, 0)
                .unwrap(),
        ),
        modified: None,
        authors: vec![],
        text: text.into(),
        lang: Some("id".into()),
        relevant: false,
        why: None,
        fetched_at: None,
        archive: None,
    }
}
