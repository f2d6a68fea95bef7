//! Indonesian calendar words, in one place: month names and abbreviations (with the English ones
//! that Indonesian sites print in date lines) and weekday names.
//!
//! Both the page reader (`warta-article`, publication dates) and the event extractor
//! (`warta-extract`, event dates) read Indonesian dates; they share these tables so that a month
//! spelling added for one is known to the other. No other warta crate is imported here.

use chrono::Weekday;

/// Month names and abbreviations as a regex alternation (no groups), longest spellings first so
/// that "Juni" is not read as "Jun" + "i". Case-insensitive matching is up to the caller.
pub const MONTH_PATTERN: &str = "januari|january|februari|pebruari|february|maret|march|april|mei|juni|june|juli|july|agustus|august|september|oktober|october|nopember|november|desember|december|agus|agst|sept|jan|feb|peb|mar|mrt|apr|may|jun|jul|agu|agt|ags|aug|sep|okt|oct|nov|nop|des|dec";

/// Weekday names as a regex alternation (no groups), with the spellings of "Jumat".
pub const WEEKDAY_PATTERN: &str = "Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Jum’at|Sabtu|Minggu|Ahad";

/// Month number (1–12) from an Indonesian or English month name or abbreviation, with or
/// without a trailing full stop ("Agt.", "Nopember", "Okt").
pub fn month_number(name: &str) -> Option<u32> {
    let n = name.trim().trim_end_matches('.').to_lowercase();
    Some(match n.as_str() {
        "januari" | "jan" | "january" => 1,
        "februari" | "pebruari" | "feb" | "peb" | "february" => 2,
        "maret" | "mar" | "march" | "mrt" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "jun" | "june" => 6,
        "juli" | "jul" | "july" => 7,
        "agustus" | "agu" | "agt" | "ags" | "agus" | "agst" | "aug" | "august" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "okt" | "oct" | "october" => 10,
        "november" | "nov" | "nop" | "nopember" => 11,
        "desember" | "des" | "dec" | "december" => 12,
        _ => return None,
    })
}

/// The weekday of an Indonesian day name ("Jum'at" and "Ahad" included).
pub fn weekday(name: &str) -> Option<Weekday> {
    let s = name.trim().to_lowercase().replace(['\'', '’'], "");
    Some(match s.as_str() {
        "senin" => Weekday::Mon,
        "selasa" => Weekday::Tue,
        "rabu" => Weekday::Wed,
        "kamis" => Weekday::Thu,
        "jumat" => Weekday::Fri,
        "sabtu" => Weekday::Sat,
        "minggu" | "ahad" => Weekday::Sun,
        _ => return None,
    })
}

/// Whether a capitalised word is a weekday or a month written in full ("Senin", "Agustus",
/// "Nopember"): a word that ends a name in running text. Abbreviations ("Jan", "Des", "Mar")
/// are left out on purpose — they are also given names and name parts.
pub fn is_calendar_word(word: &str) -> bool {
    let w = word.trim().trim_end_matches('.');
    if weekday(w).is_some() {
        return true;
    }
    const FULL: &[&str] = &[
        "januari",
        "februari",
        "pebruari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "nopember",
        "november",
        "desember",
    ];
    FULL.contains(&w.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_listed_spelling_has_a_number() {
        for m in MONTH_PATTERN.split('|') {
            assert!(month_number(m).is_some(), "{m}");
        }
        for d in WEEKDAY_PATTERN.split('|') {
            assert!(weekday(d).is_some(), "{d}");
        }
        assert_eq!(month_number("Agt."), Some(8));
        assert_eq!(month_number("Nopember"), Some(11));
        assert_eq!(weekday("Jum’at"), Some(Weekday::Fri));
    }

    #[test]
    fn calendar_words_are_full_names_only() {
        for w in ["Senin", "Jumat", "Ahad", "Agustus", "Nopember", "Mei"] {
            assert!(is_calendar_word(w), "{w}");
        }
        for w in ["Jan", "Des", "Mar", "Agus", "Buruh", ""] {
            assert!(!is_calendar_word(w), "{w}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_safe(s in "\\PC*") {
            let m = month_number(&s);
            prop_assert!(m.is_none_or(|m| (1..=12).contains(&m)));
            let _ = weekday(&s);
            let _ = is_calendar_word(&s);
        }
    }
}
