//! Every text function of the extractor takes arbitrary Unicode without panicking: byte windows
//! ("the next 120 bytes") must never cut a multi-byte character such as ” or – (issue 9).

use proptest::prelude::*;
use warta_extract::{Extractor, find_dates};
use warta_gazetteer::Gazetteer;
use warta_model::Article;

static GAZETTEER: std::sync::LazyLock<Gazetteer> =
    std::sync::LazyLock::new(|| Gazetteer::bundled().unwrap());

/// Indonesian words that trigger every code path, mixed with arbitrary characters.
const TEXT: &str = "(\\PC|mogok|unjuk rasa|di depan Kantor Gubernur|Senin (4/8)|kemarin|pada Jumat|buruh|Serikat Pekerja|mendesak|“|”|–|—|\\n\\n|\\. |, | ){0,80}";

fn article(title: &str, text: &str) -> Article {
    Article {
        id: "u".into(),
        url: "https://contoh.id/u".into(),
        canonical_url: None,
        site: "contoh.id".into(),
        title: title.into(),
        published: chrono::DateTime::parse_from_rfc3339("2025-08-06T10:00:00+07:00").ok(),
        modified: None,
        authors: vec![],
        text: text.into(),
        lang: None,
        relevant: false,
        why: None,
        fetched_at: None,
        archive: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn dates_take_any_unicode(s in TEXT) {
        let published = chrono::NaiveDate::from_ymd_opt(2025, 8, 6);
        for d in find_dates(&s, published) {
            prop_assert!(s.is_char_boundary(d.start) && s.is_char_boundary(d.end));
        }
    }

    #[test]
    fn triggers_and_whole_analysis_take_any_unicode(title in TEXT, body in TEXT) {
        let x = Extractor::new(&GAZETTEER);
        for t in x.find_triggers(&body) {
            prop_assert!(body.is_char_boundary(t.start) && body.is_char_boundary(t.end));
        }
        let a = article(&title, &body);
        let analysis = x.analyse(&a);
        for e in &analysis.events {
            for ev in &e.evidence {
                prop_assert!(ev.end <= body.chars().count());
            }
        }
    }
}
