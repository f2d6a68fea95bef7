//! Dates as Indonesian news writes them, resolved against the publication date:
//! "Kamis (31/7/2025)", "( 19/6/2025)", "31 Juli 2025", "Kamis, 31 Juli 2025", "pada 2 Februari lalu",
//! "Agustus 2019", "kemarin", "Senin lalu", "Jumat pekan lalu", "Rabu dan Kamis pekan lalu", "besok".

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use warta_model::DatePrecision;

/// A date expression found in a text, with its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: NaiveDate,
    pub end_value: Option<NaiveDate>,
    pub precision: DatePrecision,
    /// Resolved from a relative expression ("kemarin", "Senin lalu") rather than written out.
    pub relative: bool,
}

impl DateMention {
    /// A day written out in the text (not resolved from a relative expression).
    fn written_day(
        whole: &regex::Match<'_>,
        value: NaiveDate,
        end_value: Option<NaiveDate>,
    ) -> Self {
        DateMention {
            start: whole.start(),
            end: whole.end(),
            value,
            end_value,
            precision: DatePrecision::Day,
            relative: false,
        }
    }
}

/// Weekday and month spellings come from `warta-lang`, shared with the page reader.
static DAY: LazyLock<String> = LazyLock::new(|| format!("(?:{})", warta_lang::WEEKDAY_PATTERN));
static MONTH: LazyLock<String> = LazyLock::new(|| format!(r"(?:{})\.?", warta_lang::MONTH_PATTERN));

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    let day = DAY.as_str();
    Regex::new(&format!(
        r"(?i)(?:\b(?P<day>{day})\s*,?\s*)?\(\s*(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})(?:\s*[/.-]\s*(?P<y>\d{{2,4}}))?\s*\)"
    ))
    .expect("static regex")
});

static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    let (day, month) = (DAY.as_str(), MONTH.as_str());
    Regex::new(&format!(
        r"(?i)(?:\b(?P<day>{day})\s*,?\s*(?:tanggal\s+)?)?\b(?P<d>\d{{1,2}})(?:\s*(?:-|–|s\.d\.?|sampai|hingga)\s*(?P<d2>\d{{1,2}}))?\s+(?P<m>{month})(?:\s+(?P<y>(?:19|20)\d{{2}}))?\b"
    ))
    .expect("static regex")
});

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let month = MONTH.as_str();
    Regex::new(&format!(
        r"(?i)\b(?:bulan\s+)?(?P<m>{month})\s+(?P<y>(?:19|20)\d{{2}})\b"
    ))
    .expect("static regex")
});

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    let day = DAY.as_str();
    Regex::new(&format!(
        r"(?i)\b(?:(?P<yday>kemarin(?:\s+lusa)?)|(?P<today>hari\s+ini|tadi\s+pagi|tadi\s+siang)|(?P<tomorrow>besok(?:\s+lusa)?)|(?:(?:(?:pada|sejak)\s+)?(?:hari\s+)?(?P<wd>{day})(?:\s*(?:,|dan|hingga|sampai|s\.d\.?|-|–)\s*(?P<wd2>{day}))?\s+(?:(?P<week>pekan|minggu)\s+)?(?P<dir>lalu|kemarin|depan|mendatang))|(?:pada|sejak|hari)\s+(?:hari\s+)?(?P<bare>{day}))\b"
    ))
    .expect("static regex")
});

/// A weekday alone after a comma at the end of a clause ("... menggelar rapat, Senin." or
/// "kata dia, Kamis, di kantornya"): the attribution of news writing, naming the day of the
/// week in which the story is published.
static ATTRIBUTED_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let day = DAY.as_str();
    Regex::new(&format!(r"(?i),\s*(?P<d>{day})\s*[.,;]")).expect("static regex")
});

/// Finds every date expression in `text`, resolving partial and relative ones against
/// `published` (the publication date). Without a publication date, only full dates are kept.
pub fn find_dates(text: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    for c in NUMERIC.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let (Some(d), Some(m)) = (num(&c, "d"), num(&c, "m")) else {
            continue;
        };
        let year = match num(&c, "y") {
            Some(y) if y < 100 => Some(2000 + y),
            Some(y) => Some(y),
            None => None,
        };
        if let Some(value) =
            resolve_day_month(d, m, year, published, c.name("day").map(|x| x.as_str()))
        {
            out.push(DateMention::written_day(&whole, value, None));
        }
    }
    for c in WRITTEN.captures_iter(text) {
        let whole = c.get(0).expect("match");
        if overlaps(&out, whole.start(), whole.end()) {
            continue;
        }
        let (Some(d), Some(m)) = (
            num(&c, "d"),
            c.name("m").and_then(|m| month_number(m.as_str())),
        ) else {
            continue;
        };
        let year = num(&c, "y");
        let Some(value) =
            resolve_day_month(d, m, year, published, c.name("day").map(|x| x.as_str()))
        else {
            continue;
        };
        let end_value = num(&c, "d2")
            .and_then(|d2| NaiveDate::from_ymd_opt(value.year(), value.month(), d2 as u32));
        out.push(DateMention::written_day(&whole, value, end_value));
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let whole = c.get(0).expect("match");
        if overlaps(&out, whole.start(), whole.end()) {
            continue;
        }
        let (Some(m), Some(y)) = (
            c.name("m").and_then(|m| month_number(m.as_str())),
            num(&c, "y"),
        ) else {
            continue;
        };
        if let Some(value) = NaiveDate::from_ymd_opt(y, m as u32, 1) {
            out.push(DateMention {
                start: whole.start(),
                end: whole.end(),
                value,
                end_value: None,
                precision: DatePrecision::Month,
                relative: false,
            });
        }
    }
    if let Some(pub_date) = published {
        for c in RELATIVE.captures_iter(text) {
            let whole = c.get(0).expect("match");
            if overlaps(&out, whole.start(), whole.end()) {
                continue;
            }
            let value = if let Some(y) = c.name("yday") {
                Some(
                    pub_date
                        - Duration::days(if y.as_str().to_lowercase().contains("lusa") {
                            2
                        } else {
                            1
                        }),
                )
            } else if c.name("today").is_some() {
                Some(pub_date)
            } else if let Some(t) = c.name("tomorrow") {
                Some(
                    pub_date
                        + Duration::days(if t.as_str().to_lowercase().contains("lusa") {
                            2
                        } else {
                            1
                        }),
                )
            } else {
                if let Some(bare) = c.name("bare") {
                    // "pada Senin": the last such weekday up to the publication day itself.
                    weekday(bare.as_str()).map(|wd| {
                        if pub_date.weekday() == wd {
                            pub_date
                        } else {
                            nearest_weekday(pub_date, wd, false)
                        }
                    })
                } else {
                    let wd = c.name("wd").and_then(|w| weekday(w.as_str()));
                    let forward = c.name("dir").is_some_and(|d| {
                        matches!(d.as_str().to_lowercase().as_str(), "depan" | "mendatang")
                    });
                    let whole_week = c.name("week").is_some();
                    wd.map(|wd| {
                        if whole_week {
                            weekday_of_adjacent_week(pub_date, wd, forward)
                        } else {
                            nearest_weekday(pub_date, wd, forward)
                        }
                    })
                }
            };
            // "Rabu dan Kamis pekan lalu": the second weekday ends a multi-day event.
            let end_value = value.and_then(|v| {
                let wd2 = c.name("wd2").and_then(|w| weekday(w.as_str()))?;
                let gap = (wd2.num_days_from_monday() + 7 - v.weekday().num_days_from_monday()) % 7;
                (gap > 0).then(|| v + Duration::days(i64::from(gap)))
            });
            if let Some(value) = value {
                out.push(DateMention {
                    start: whole.start(),
                    end: whole.end(),
                    value,
                    end_value,
                    precision: DatePrecision::Day,
                    relative: true,
                });
            }
        }
    }
    if let Some(pub_date) = published {
        for c in ATTRIBUTED_DAY.captures_iter(text) {
            let Some(d) = c.name("d") else { continue };
            if overlaps(&out, d.start(), d.end()) {
                continue;
            }
            if let Some(wd) = weekday(d.as_str()) {
                let value = if pub_date.weekday() == wd {
                    pub_date
                } else {
                    nearest_weekday(pub_date, wd, false)
                };
                out.push(DateMention {
                    start: d.start(),
                    end: d.end(),
                    value,
                    end_value: None,
                    precision: DatePrecision::Day,
                    relative: true,
                });
            }
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

fn overlaps(found: &[DateMention], start: usize, end: usize) -> bool {
    found.iter().any(|d| start < d.end && d.start < end)
}

fn num(c: &regex::Captures<'_>, name: &str) -> Option<i32> {
    c.name(name)?.as_str().parse().ok()
}

/// Builds a date from day and month, taking the year from the text or, failing that, the latest
/// year that does not put the date more than a month after publication (news reports the past).
/// A weekday written beside the date breaks ties and rejects impossible readings.
fn resolve_day_month(
    d: i32,
    m: i32,
    year: Option<i32>,
    published: Option<NaiveDate>,
    day_name: Option<&str>,
) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let wanted = day_name.and_then(weekday);
    let date = match year {
        Some(y) if (1945..=2100).contains(&y) => NaiveDate::from_ymd_opt(y, m as u32, d as u32)?,
        Some(_) => return None,
        None => {
            let pub_date = published?;
            let candidates = [pub_date.year(), pub_date.year() - 1, pub_date.year() + 1];
            let fits = |y: i32| NaiveDate::from_ymd_opt(y, m as u32, d as u32);
            let by_weekday = wanted.and_then(|w| {
                candidates
                    .iter()
                    .filter_map(|y| fits(*y))
                    .find(|dt| dt.weekday() == w)
            });
            match by_weekday {
                Some(dt) => dt,
                None => {
                    let this_year = fits(pub_date.year())?;
                    if this_year > pub_date + Duration::days(31) {
                        fits(pub_date.year() - 1)?
                    } else {
                        this_year
                    }
                }
            }
        }
    };
    Some(date)
}

fn nearest_weekday(from: NaiveDate, wd: Weekday, forward: bool) -> NaiveDate {
    let mut d = from;
    for _ in 0..7 {
        d = if forward {
            d + Duration::days(1)
        } else {
            d - Duration::days(1)
        };
        if d.weekday() == wd {
            return d;
        }
    }
    d
}

/// "Senin pekan lalu" names a day of the calendar week (Monday to Sunday) before the week of
/// `from`, not merely the last Monday: published on a Tuesday, "Senin lalu" is yesterday but
/// "Senin pekan lalu" is eight days earlier. "pekan depan" counts forward the same way.
fn weekday_of_adjacent_week(from: NaiveDate, wd: Weekday, forward: bool) -> NaiveDate {
    let monday = from - Duration::days(i64::from(from.weekday().num_days_from_monday()));
    let week_start = if forward {
        monday + Duration::days(7)
    } else {
        monday - Duration::days(7)
    };
    week_start + Duration::days(i64::from(wd.num_days_from_monday()))
}

/// Month number of an Indonesian month name (`warta-lang`'s table).
pub fn month_number(s: &str) -> Option<i32> {
    warta_lang::month_number(s).map(|m| m as i32)
}

fn weekday(s: &str) -> Option<Weekday> {
    warta_lang::weekday(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn values(text: &str, published: NaiveDate) -> Vec<(NaiveDate, &str)> {
        find_dates(text, Some(published))
            .into_iter()
            .map(|d| (d.value, &text[d.start..d.end]))
            .collect()
    }

    #[test]
    fn numeric_dates_in_parentheses() {
        let p = ymd(2025, 8, 1);
        assert_eq!(
            values("digelar pada Kamis (31/7/2025), di mana", p),
            vec![(ymd(2025, 7, 31), "Kamis (31/7/2025)")]
        );
        assert_eq!(
            values("Sumsel. Kamis ( 19/6/2025)", p),
            vec![(ymd(2025, 6, 19), "Kamis ( 19/6/2025)")]
        );
        // No year: the weekday picks the year.
        assert_eq!(
            values("Selasa (14/3) lalu", ymd(2023, 3, 16))[0].0,
            ymd(2023, 3, 14)
        );
    }

    #[test]
    fn written_dates_ranges_and_months() {
        let p = ymd(2025, 8, 1);
        assert_eq!(
            values("pada hari Kamis, 31 Juli 2025, bertempat", p)[0],
            (ymd(2025, 7, 31), "Kamis, 31 Juli 2025")
        );
        let d = find_dates("mogok pada 10-12 Agustus 2025", Some(p));
        assert_eq!(
            (d[0].value, d[0].end_value),
            (ymd(2025, 8, 10), Some(ymd(2025, 8, 12)))
        );
        // A day and month after publication with no year is last year's.
        assert_eq!(
            values("pada 20 Desember lalu", ymd(2025, 2, 3))[0].0,
            ymd(2024, 12, 20)
        );
        let m = find_dates("diluncurkan pada Agustus 2019.", Some(p));
        assert_eq!(
            (m[0].value, m[0].precision),
            (ymd(2019, 8, 1), DatePrecision::Month)
        );
    }

    #[test]
    fn a_weekday_attribution_is_the_last_such_day_up_to_publication() {
        // Published on a Wednesday: "Senin" is two days before, "Rabu" the day itself.
        let p = ymd(2024, 3, 13);
        assert_eq!(
            values(
                "Massa mendatangi kantor bupati, Senin. Mereka pulang sore.",
                p
            )[0]
            .0,
            ymd(2024, 3, 11)
        );
        assert_eq!(
            values(
                "\"Kami terima,\" kata Kepala Dinas, Rabu, di ruang kerjanya.",
                p
            )[0]
            .0,
            p
        );
        // A weekday with its date in parentheses is read once, as the written date.
        assert_eq!(values("kata dia, Senin (11/3/2024).", p).len(), 1);
    }

    #[test]
    fn relative_dates_need_a_publication_date() {
        let p = ymd(2025, 11, 12); // a Wednesday
        assert_eq!(
            values("aksi kemarin di depan kantor", p)[0].0,
            ymd(2025, 11, 11)
        );
        assert_eq!(values("rapat Senin lalu", p)[0].0, ymd(2025, 11, 10));
        assert_eq!(values("mogok Jumat depan", p)[0].0, ymd(2025, 11, 14));
        assert!(find_dates("aksi kemarin", None).is_empty());
        // A bare weekday after "pada" is the last such day up to publication.
        assert_eq!(
            values("unjuk rasa pada Senin siang", p)[0].0,
            ymd(2025, 11, 10)
        );
        assert_eq!(values("rapat pada hari Rabu", p)[0].0, ymd(2025, 11, 12));
    }

    #[test]
    fn weekdays_of_last_or_next_week() {
        let p = ymd(2026, 3, 3); // a Tuesday
        assert_eq!(values("rapat Senin lalu", p)[0].0, ymd(2026, 3, 2));
        assert_eq!(values("rapat Senin pekan lalu", p)[0].0, ymd(2026, 2, 23));
        assert_eq!(values("sidang Sabtu minggu lalu", p)[0].0, ymd(2026, 2, 28));
        assert_eq!(values("aksi Kamis pekan depan", p)[0].0, ymd(2026, 3, 12));
        let d = find_dates("pelatihan Selasa dan Rabu pekan lalu di balai", Some(p));
        assert_eq!(
            (d[0].value, d[0].end_value),
            (ymd(2026, 2, 24), Some(ymd(2026, 2, 25)))
        );
        let d = find_dates("digelar Jumat hingga Minggu lalu", Some(p));
        assert_eq!(
            (d[0].value, d[0].end_value),
            (ymd(2026, 2, 27), Some(ymd(2026, 3, 1)))
        );
    }

    #[test]
    fn impossible_dates_are_ignored() {
        assert!(values("(45/13/2025) dan 32 Mei lalu", ymd(2025, 1, 1)).is_empty());
    }
}
