//! Date parsing for the formats Indonesian news sites actually print.
//!
//! Machine dates (JSON-LD, `<meta>`, `<time datetime>`) are ISO-8601-ish but often lack an
//! offset; visible date lines are Indonesian ("Sabtu, 08 Agustus 2020 - 03:01 WIB"). A time
//! without a zone is taken as WIB (+07:00) because that is where most Indonesian newsrooms sit,
//! and a wrong offset of one or two hours is far less harmful than losing the date.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use regex::Regex;
use warta_model::Timestamp;

/// WIB, the default newsroom offset.
pub(crate) fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(utc)
}

fn utc() -> FixedOffset {
    chrono::Utc.fix()
}

fn offset_hours(h: i32) -> FixedOffset {
    FixedOffset::east_opt(h * 3600).unwrap_or_else(wib)
}

/// Month number from an Indonesian or English month name (shared with the event extractor).
pub(crate) use warta_lang::month_number;

const MONTHS: &str = warta_lang::MONTH_PATTERN;

static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(
        r"(?i)\b(\d{{1,2}})\s*(?:\s|-|/)\s*({MONTHS})\.?\s*(?:\s|-|/|,)\s*(\d{{4}})\b(?:\s*(?:[,|\-–—/]|pukul|jam|at)?\s*(?:pukul|jam)?\s*(\d{{1,2}})[:.](\d{{2}})(?:[:.](\d{{2}}))?\b)?(?:\s*(WIB|WITA|WIT|GMT\s*[+-]\s*\d{{1,2}}|UTC\s*[+-]\s*\d{{1,2}}|UTC|GMT))?"
    );
    Regex::new(&re).expect("static regex is valid")
});

static TEXT_DATE_MDY: LazyLock<Regex> = LazyLock::new(|| {
    // English order: "August 8, 2020 03:01"
    let re = format!(
        r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b(?:\s*(?:[,|\-–—/]|at)?\s*(\d{{1,2}})[:.](\d{{2}})(?:[:.](\d{{2}}))?\s*(am|pm)?\b)?(?:\s*(WIB|WITA|WIT|GMT\s*[+-]\s*\d{{1,2}}|UTC|GMT))?"
    );
    Regex::new(&re).expect("static regex is valid")
});

static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b(?:\s*(?:[,|\-–—]|pukul|jam)?\s*(?:pukul|jam)?\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\b)?(?:\s*(WIB|WITA|WIT|GMT\s*[+-]\s*\d{1,2}|UTC|GMT))?",
    )
    .expect("static regex is valid")
});

static ISO_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b)?)?",
    )
    .expect("static regex is valid")
});

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)").expect("static regex is valid")
});

fn zone_offset(z: Option<&str>) -> Option<FixedOffset> {
    let z = z?.to_uppercase().replace(' ', "");
    match z.as_str() {
        "WIB" => Some(offset_hours(7)),
        "WITA" => Some(offset_hours(8)),
        "WIT" => Some(offset_hours(9)),
        "UTC" | "GMT" => Some(utc()),
        other => {
            let rest = other.trim_start_matches("GMT").trim_start_matches("UTC");
            let (sign, num) = rest.split_at(1.min(rest.len()));
            let h: i32 = num.parse().ok()?;
            if h > 14 {
                return None;
            }
            Some(offset_hours(if sign == "-" { -h } else { h }))
        }
    }
}

fn build(
    y: i32,
    mo: u32,
    d: u32,
    h: Option<u32>,
    mi: Option<u32>,
    s: Option<u32>,
    off: FixedOffset,
) -> Option<Timestamp> {
    if !(1990..=2100).contains(&y) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y, mo, d)?;
    let time = NaiveTime::from_hms_opt(h.unwrap_or(0), mi.unwrap_or(0), s.unwrap_or(0))?;
    off.from_local_datetime(&NaiveDateTime::new(date, time))
        .single()
}

fn cap_u32(c: &regex::Captures<'_>, i: usize) -> Option<u32> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

/// Parse a machine-readable date (ISO 8601 / RFC 3339, with or without offset, space or `T`).
/// A missing offset means WIB.
pub(crate) fn parse_machine(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt);
    }
    if let Some(c) = ISO_LIKE.captures(s) {
        let y: i32 = c.get(1)?.as_str().parse().ok()?;
        let mo = cap_u32(&c, 2)?;
        let d = cap_u32(&c, 3)?;
        let off = match c.get(7).map(|m| m.as_str()) {
            None => wib(),
            Some("Z") => utc(),
            Some(o) => {
                let sign = if o.starts_with('-') { -1 } else { 1 };
                let digits: String = o.chars().filter(char::is_ascii_digit).collect();
                let (hh, mm) = match digits.len() {
                    2 => (digits.parse::<i32>().ok()?, 0),
                    4 => (
                        digits[..2].parse::<i32>().ok()?,
                        digits[2..].parse::<i32>().ok()?,
                    ),
                    _ => return None,
                };
                FixedOffset::east_opt(sign * (hh * 3600 + mm * 60))?
            }
        };
        return build(
            y,
            mo,
            d,
            cap_u32(&c, 4),
            cap_u32(&c, 5),
            cap_u32(&c, 6),
            off,
        );
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt);
    }
    parse_text(s)
}

/// Find the first date written for humans in `s` ("Senin, 30 Agustus 2021 | 15:30 WIB",
/// "10/11/2025 15:00 WITA", "Diterbitkan 20 Agu 2021, 00:01 WIB").
pub(crate) fn parse_text(s: &str) -> Option<Timestamp> {
    let mut best: Option<(usize, Timestamp)> = None;
    let mut consider = |pos: usize, ts: Option<Timestamp>| {
        if let Some(ts) = ts
            && best.as_ref().is_none_or(|(p, _)| pos < *p)
        {
            best = Some((pos, ts));
        }
    };
    // The first match of `re` whose fields make a real time, with its position.
    let first = |re: &Regex, parse: &dyn Fn(&regex::Captures<'_>) -> Option<Timestamp>| {
        re.captures_iter(s)
            .find_map(|c| Some((c.get(0)?.start(), parse(&c)?)))
    };
    // Day, month (as `month` reads group 2), year, then hour, minute, second and zone groups.
    let day_month_year = |c: &regex::Captures<'_>, month: Option<u32>| {
        let y: i32 = c.get(3)?.as_str().parse().ok()?;
        let off = zone_offset(c.get(7).map(|m| m.as_str())).unwrap_or_else(wib);
        build(
            y,
            month?,
            cap_u32(c, 1)?,
            cap_u32(c, 4),
            cap_u32(c, 5),
            cap_u32(c, 6),
            off,
        )
    };
    if let Some((pos, ts)) = first(&TEXT_DATE, &|c| {
        day_month_year(c, c.get(2).and_then(|m| month_number(m.as_str())))
    }) {
        consider(pos, Some(ts));
    }
    if let Some((pos, ts)) = first(&TEXT_DATE_MDY, &|c| {
        let mo = month_number(c.get(1)?.as_str())?;
        let d = cap_u32(c, 2)?;
        let y: i32 = c.get(3)?.as_str().parse().ok()?;
        let mut h = cap_u32(c, 4);
        if let (Some(hh), Some(ampm)) = (h, c.get(7)) {
            let pm = ampm.as_str().eq_ignore_ascii_case("pm");
            h = Some(match (hh, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (x, true) => x + 12,
                (x, false) => x,
            });
        }
        let off = zone_offset(c.get(8).map(|m| m.as_str())).unwrap_or_else(wib);
        build(y, mo, d, h, cap_u32(c, 5), cap_u32(c, 6), off)
    }) {
        consider(pos, Some(ts));
    }
    // Indonesian order is day/month/year.
    if let Some((pos, ts)) = first(&NUMERIC_DATE, &|c| day_month_year(c, cap_u32(c, 2))) {
        consider(pos, Some(ts));
    }
    for c in ISO_LIKE.captures_iter(s) {
        let pos = c.get(0).map_or(0, |m| m.start());
        if let Some(ts) = parse_machine(c.get(0).map_or("", |m| m.as_str()))
            && c.get(4).is_some()
        {
            consider(pos, Some(ts));
            break;
        }
    }
    best.map(|(_, t)| t)
}

/// The zone a visible date line names (WIB/WITA/WIT), used to present a UTC machine date in
/// the newsroom's own offset.
pub(crate) fn text_zone(s: &str) -> Option<FixedOffset> {
    TEXT_DATE
        .captures(s)
        .or_else(|| NUMERIC_DATE.captures(s))
        .and_then(|c| c.get(7))
        .and_then(|m| zone_offset(Some(m.as_str())))
}

/// True when `s` is little more than a date line (so it can be dropped from the body).
pub(crate) fn is_date_line(s: &str) -> bool {
    if s.chars().count() > 90 {
        return false;
    }
    // A meta strip such as "Rabu, 6 Maret 2024 - 14:30 WIB | Dibaca: 573 kali | Kategori: Daerah".
    if s.contains(['|', '·', '•'])
        && s.split(['|', '·', '•'])
            .any(|seg| is_date_segment(seg.trim()))
    {
        return true;
    }
    is_date_segment(s)
}

fn is_date_segment(s: &str) -> bool {
    // Every date pattern has a four-digit year; most blocks have none, and this check is far
    // cheaper than the patterns (which need captures and Unicode word boundaries).
    if !s
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
    {
        return false;
    }
    let m = TEXT_DATE
        .find(s)
        .or_else(|| NUMERIC_DATE.find(s))
        .or_else(|| TEXT_DATE_MDY.find(s));
    match m {
        Some(m) => {
            let count = |t: &str| {
                t.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .count()
            };
            let (before, after) = (count(&s[..m.start()]), count(&s[m.end()..]));
            // A meta strip that opens with the date (at most the weekday before it) may run on
            // with a category and a view counter: "Senin, 19 Juni 2017 23:00 WIB Berita Daerah
            // Dibaca 2.137 kali".
            before + after <= 6 || (before <= 1 && after <= 8)
        }
        None => false,
    }
}

/// A date encoded in the URL path (`/2025/08/01/`), midnight WIB: the last resort.
pub(crate) fn from_url(url: &str) -> Option<Timestamp> {
    let c = URL_DATE.captures(url)?;
    let y: i32 = c.get(1)?.as_str().parse().ok()?;
    build(y, cap_u32(&c, 2)?, cap_u32(&c, 3)?, None, None, None, wib())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse_text(s).map(|t| t.to_rfc3339()).unwrap_or_default()
    }

    #[test]
    fn indonesian_lines() {
        assert_eq!(
            p("Sabtu, 08 Agustus 2020 - 03:01 WIB"),
            "2020-08-08T03:01:00+07:00"
        );
        assert_eq!(
            p("Senin, 30 Agustus 2021 | 15:30 WIB"),
            "2021-08-30T15:30:00+07:00"
        );
        assert_eq!(p("Rabu 28 Sep 2022 04:48 WIB"), "2022-09-28T04:48:00+07:00");
        assert_eq!(
            p("Diterbitkan 20 Agu 2021, 00:01 WIB"),
            "2021-08-20T00:01:00+07:00"
        );
        assert_eq!(
            p("Senin, 10 November 2025 15:00"),
            "2025-11-10T15:00:00+07:00"
        );
        assert_eq!(p("10/11/2025 15:00 WITA"), "2025-11-10T15:00:00+08:00");
        assert_eq!(
            p("Kamis, 3 Okt 2024 pukul 09.15 WIT"),
            "2024-10-03T09:15:00+09:00"
        );
        assert_eq!(p("12 Des 2023"), "2023-12-12T00:00:00+07:00");
        assert_eq!(p("August 8, 2020 3:01 pm"), "2020-08-08T15:01:00+07:00");
        assert_eq!(p("tidak ada tanggal"), "");
        assert_eq!(p("31 Februari 2020"), "");
    }

    #[test]
    fn date_strips_with_category_and_counter() {
        assert!(is_date_line(
            "Senin, 19 Juni 2017 23:00 WIB Berita Daerah Dibaca 2.137 kali"
        ));
        assert_eq!(
            p("Senin, 19 Juni 2017 23:00 WIB Berita Daerah Dibaca 2.137 kali"),
            "2017-06-19T23:00:00+07:00"
        );
        assert!(!is_date_line(
            "Pada 19 Juni 2017 buruh dari tiga pabrik di kawasan industri itu menggelar aksi"
        ));
    }

    #[test]
    fn machine() {
        let m = |s: &str| parse_machine(s).map(|t| t.to_rfc3339()).unwrap_or_default();
        assert_eq!(m("2020-08-08 03:01:00"), "2020-08-08T03:01:00+07:00");
        assert_eq!(m("2025-08-01T09:15:00+07:00"), "2025-08-01T09:15:00+07:00");
        assert_eq!(
            m("2025-08-01T09:15:00.000+0800"),
            "2025-08-01T09:15:00+08:00"
        );
        assert_eq!(m("2025-08-01"), "2025-08-01T00:00:00+07:00");
        assert_eq!(m("2025-08-01T02:15:00Z"), "2025-08-01T02:15:00+00:00");
        assert_eq!(m("garbage"), "");
    }

    #[test]
    fn date_lines_and_urls() {
        assert!(is_date_line(
            "Rabu, 6 Maret 2024 - 14:30 WIB | Dibaca: 573 kali | Kategori: Berita Daerah"
        ));
        assert!(is_date_line("Sabtu, 08 Agustus 2020 - 03:01 WIB"));
        assert!(!is_date_line(
            "Pertemuan penting ini dilaksanakan pada hari Kamis, 31 Juli 2025, bertempat di ruang rapat Asisten I"
        ));
        assert_eq!(
            from_url("https://x.id/2025/08/01/judul/").map(|t| t.to_rfc3339()),
            Some("2025-08-01T00:00:00+07:00".to_string())
        );
    }

    proptest::proptest! {
        /// Every date reader takes any Unicode text (and Indonesian date words in it) without
        /// panicking: a cut through a multi-byte character is the usual way to fail.
        #[test]
        fn date_readers_take_any_unicode(
            s in "(\\PC|Senin, |19 Juni 2017|23:00 WIB|/|”|–| ){0,60}"
        ) {
            let _ = parse_text(&s);
            let _ = parse_machine(&s);
            let _ = text_zone(&s);
            let _ = is_date_line(&s);
            let _ = from_url(&s);
        }
    }
}
