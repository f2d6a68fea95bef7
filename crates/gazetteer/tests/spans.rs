//! Property tests: recognition never panics and every reported span slices the input to
//! exactly its text, whatever Unicode it is given.

use std::sync::OnceLock;

use proptest::prelude::*;
use warta_gazetteer::candidates::Collector;
use warta_gazetteer::{Gazetteer, fold};

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
    // raw gazetteer matches slice the input on char boundaries, in order, without overlap
    let mut last = 0;
    for m in g().matches(text) {
        assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!(m.start >= last, "overlapping matches in {text:?}");
        last = m.end;
    }
    // every folded byte maps back to whole characters of the input
    let f = fold(text);
    for i in 0..f.text.len() {
        let (s, e) = f.original_range(i, i + 1);
        assert!(
            s < e && e <= text.len() && text.get(s..e).is_some(),
            "{text:?} @{i}"
        );
    }
    let mut c = Collector::new(g());
    c.add("doc", text);
    for cand in c.finish(1) {
        assert!(!cand.name.is_empty());
        assert!(cand.examples.len() <= 3);
    }
}

/// Characters that change length or shape under NFKC and case folding: combining marks,
/// fullwidth forms, ligatures and compatibility characters NFKC expands, and letters whose
/// lower case is longer or different in UTF-8 (ß, ẞ, İ, the Kelvin sign, final sigma).
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        proptest::char::range('\u{0300}', '\u{036f}'), // combining diacritics
        proptest::char::range('\u{ff01}', '\u{ff5e}'), // fullwidth ASCII
        proptest::char::range('\u{fb00}', '\u{fb06}'), // ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
        proptest::char::range('\u{3380}', '\u{33df}'), // ㎀ … squared units (expand to 2-4 chars)
        proptest::char::range('\u{2160}', '\u{217f}'), // roman numerals Ⅰ … ⅿ
        Just('ß'),
        Just('ẞ'),
        Just('İ'),
        Just('ı'),
        Just('\u{212a}'), // Kelvin sign, lower-cases to ASCII k
        Just('Σ'),
        Just('ς'),
        Just('ǅ'),
        Just('\u{00a0}'),
        Just('\u{2003}'),
        Just('\u{200b}'),
        Just('\u{feff}'),
        Just('\u{fdfa}'), // one character NFKC expands to 18
        Just('e'),
        Just('K'),
        Just(' '),
        Just('('),
        Just('.'),
    ]
}

/// Gazetteer words in random case, so matches happen around the tricky characters.
fn cased_word() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("kspi"),
            Just("disnaker provinsi"),
            Just("biro kesra setda provinsi sumsel"),
            Just("serikat buruh"),
            Just("bapak"),
            Just("bekasi"),
            Just("phi"),
        ],
        proptest::collection::vec(any::<bool>(), 40),
    )
        .prop_map(|(w, upper)| {
            w.chars()
                .zip(upper.iter().cycle())
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect()
        })
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
    fn tricky_unicode(chars in proptest::collection::vec(tricky_char(), 0..80)) {
        check(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn tricky_unicode_around_aliases(
        parts in proptest::collection::vec(
            prop_oneof![
                cased_word(),
                proptest::collection::vec(tricky_char(), 0..4)
                    .prop_map(|v| v.into_iter().collect::<String>()),
            ],
            0..24,
        )
    ) {
        check(&parts.concat());
    }

    #[test]
    fn glued_fragments(parts in proptest::collection::vec(fragment(), 0..16)) {
        check(&parts.concat());
    }
}
