//! Property tests: recognition never panics and every reported span slices the input to
//! exactly its text, whatever Unicode it is given.

use std::sync::OnceLock;

use proptest::prelude::*;
use warta_gazetteer::Gazetteer;

fn g() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::bundled().expect("bundled gazetteer"))
}

fn check(text: &str) {
    let entities = g().recognise(text);
    for e in &entities {
        assert!(!e.mentions.is_empty());
        for m in &e.mentions {
            assert!(m.start <= m.end && m.end <= text.len());
            assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
        }
        if let Some(a) = e.affiliation {
            assert!(a < entities.len());
        }
    }
}

/// Fragments that trigger the context rules, glued with arbitrary Unicode.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Wakil Bupati Bekasi, dr. ".to_string()),
        Just("Bapak H. ".to_string()),
        Just("Ibu ".to_string()),
        Just("(Kabid Hubungan Industrial Disnaker Provinsi)".to_string()),
        Just("DPD FSP KEP KSPI Provinsi Sumatera Selatan".to_string()),
        Just("KSPSI Provinsi Sumsel versi ".to_string()),
        Just("Konfederasi Serikat Pekerja Indonesia (KSPI)".to_string()),
        Just(" kata ".to_string()),
        Just(
            "Kepala Dinas Tenaga Kerja, Transmigrasi dan Energi Provinsi DKI Jakarta, ".to_string()
        ),
        Just("Kesbangpol".to_string()),
        Just("Ａｓｅｐ Ｓｕｒｙａ".to_string()),
        Just(" (".to_string()),
        Just(")".to_string()),
        Just(", ".to_string()),
        "[A-Z][a-z]{1,8}",
        "\\PC{0,12}",
        ".{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_unicode(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn any_chars(text in ".{0,120}") {
        check(&text);
    }

    #[test]
    fn glued_fragments(parts in proptest::collection::vec(fragment(), 0..16)) {
        check(&parts.concat());
    }
}
