//! Event counts by province, type, organisation, month or site: what `warta stats` prints and
//! `warta search --facets` prints for its hits. One function counts for both, so the two agree.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use warta_model::{Event, ParticipantKind};

/// What events can be counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// The event's province (`Sumatera Selatan (16)`); `(none)` when unknown.
    Province,
    /// The event type code.
    Type,
    /// Each organisation or office taking part (acronym or name); an event with three counts
    /// under each of the three. `(none)` when only people or nobody are named.
    Org,
    /// `YYYY-MM` of the event date; `(undated)` without one.
    Month,
    /// Each site reporting the event.
    Site,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Province,
        Dimension::Type,
        Dimension::Org,
        Dimension::Month,
        Dimension::Site,
    ];

    /// The name used on the command line and as a column header.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Province => "province",
            Dimension::Type => "type",
            Dimension::Org => "org",
            Dimension::Month => "month",
            Dimension::Site => "site",
        }
    }

    /// The values of one event under this dimension (never empty: a placeholder stands for none).
    pub fn values(self, e: &Event) -> Vec<String> {
        let mut out: Vec<String> = match self {
            Dimension::Province => e
                .location
                .province
                .iter()
                .map(|r| format!("{} ({})", r.name, r.code))
                .collect(),
            Dimension::Type => vec![e.event_type.code().to_string()],
            Dimension::Org => {
                // One value per organisation: its id groups spellings of one body.
                let mut seen = BTreeSet::new();
                e.participants
                    .iter()
                    .filter(|p| p.kind != ParticipantKind::Person)
                    .filter(|p| seen.insert(p.id.clone().unwrap_or_else(|| p.name.clone())))
                    .map(|p| match (&p.acronym, &p.id) {
                        (Some(a), Some(_)) => a.clone(),
                        _ => p.name.clone(),
                    })
                    .collect()
            }
            Dimension::Month => e
                .date
                .value
                .map(|d| d.format("%Y-%m").to_string())
                .into_iter()
                .collect(),
            Dimension::Site => e.sources.iter().map(|s| s.site.clone()).collect(),
        };
        out.sort();
        out.dedup();
        if out.is_empty() {
            out.push(
                match self {
                    Dimension::Month => "(undated)",
                    _ => "(none)",
                }
                .to_string(),
            );
        }
        out
    }
}

impl std::str::FromStr for Dimension {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Dimension::ALL
            .into_iter()
            .find(|d| d.name() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Dimension::ALL.iter().map(|d| d.name()).collect();
                format!("unknown dimension {s:?} (one of {})", names.join(", "))
            })
    }
}

/// Counts of events per combination of values, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub by: Vec<Dimension>,
    /// Events counted (each once, whatever its number of values).
    pub events: usize,
    /// `(values in the order of by, count)`.
    pub rows: Vec<(Vec<String>, usize)>,
}

/// Counts `events` by `by` (a cross-table for several dimensions: an event counts once in each
/// combination of its values).
pub fn count<'a>(events: impl IntoIterator<Item = &'a Event>, by: &[Dimension]) -> Counts {
    let mut table: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut n = 0;
    for e in events {
        n += 1;
        let mut combos: Vec<Vec<String>> = vec![Vec::new()];
        for d in by {
            let values = d.values(e);
            combos = combos
                .into_iter()
                .flat_map(|c| {
                    values.iter().map(move |v| {
                        let mut c = c.clone();
                        c.push(v.clone());
                        c
                    })
                })
                .collect();
        }
        for c in combos {
            *table.entry(c).or_default() += 1;
        }
    }
    let mut rows: Vec<(Vec<String>, usize)> = table.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Counts {
        by: by.to_vec(),
        events: n,
        rows,
    }
}

impl Counts {
    /// As CSV: one column per dimension, then `events`.
    pub fn write_csv(&self, out: &mut dyn std::io::Write) -> Result<(), crate::ExportError> {
        let mut w = csv::Writer::from_writer(out);
        let mut header: Vec<&str> = self.by.iter().map(|d| d.name()).collect();
        header.push("events");
        w.write_record(&header)?;
        for (values, n) in &self.rows {
            let mut row = values.clone();
            row.push(n.to_string());
            w.write_record(&row)?;
        }
        w.flush()?;
        Ok(())
    }

    /// As JSON: `{"by": [...], "events": N, "rows": [{"province": ..., "events": n}, ...]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|(values, n)| {
                let mut row = serde_json::Map::new();
                for (d, v) in self.by.iter().zip(values) {
                    row.insert(d.name().into(), v.clone().into());
                }
                row.insert("events".into(), (*n).into());
                serde_json::Value::Object(row)
            })
            .collect();
        serde_json::json!({
            "by": self.by.iter().map(|d| d.name()).collect::<Vec<_>>(),
            "events": self.events,
            "rows": rows,
        })
    }

    /// As an aligned text table with a total line.
    pub fn write_table(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut header: Vec<String> = self.by.iter().map(|d| d.name().to_string()).collect();
        header.push("events".into());
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for (values, n) in &self.rows {
            for (i, v) in values.iter().enumerate() {
                widths[i] = widths[i].max(v.chars().count());
            }
            let last = widths.len() - 1;
            widths[last] = widths[last].max(n.to_string().len());
        }
        let line = |cells: &[String]| -> String {
            let last = cells.len() - 1;
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                if i == last {
                    s.push_str(&format!("{c:>w$}", w = widths[i]));
                } else {
                    s.push_str(&format!("{c:<w$}  ", w = widths[i]));
                }
            }
            s
        };
        writeln!(out, "{}", line(&header))?;
        for (values, n) in &self.rows {
            let mut cells = values.clone();
            cells.push(n.to_string());
            writeln!(out, "{}", line(&cells))?;
        }
        writeln!(out, "{} events", self.events)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(json: &str) -> Event {
        let mut v: serde_json::Value = serde_json::from_str(
            r#"{"schema_version":1,"id":"e","type":"audience","trigger":"audiensi",
                "date":{"value":"2025-03-04","precision":"day","method":"explicit"},
                "modality":"occurred","location":{},"participants":[],"topics":[],"claims":[],
                "quotes":[],"figures":[],"sources":[],"evidence":[],"confidence":0.5,
                "crosswalk":{},"extractor":{"version":"t","gazetteers":"h"}}"#,
        )
        .unwrap();
        let patch: serde_json::Value = serde_json::from_str(json).unwrap();
        for (k, x) in patch.as_object().unwrap() {
            v[k] = x.clone();
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn cross_tables_count_each_combination_once_per_event() {
        let a = event(
            r#"{"id":"a","participants":[
                {"kind":"union","id":"org/x","name":"Serikat X","mention":"SX","acronym":"SX","role":"host"},
                {"kind":"government","name":"Dinas Y","mention":"Dinas Y","role":"attendee"},
                {"kind":"person","name":"Budi","mention":"Budi","role":"speaker"}]}"#,
        );
        let b = event(
            r#"{"id":"b","type":"protest","date":{"precision":"year","method":"publication"}}"#,
        );
        let c = count([&a, &b], &[Dimension::Type]);
        assert_eq!(c.events, 2);
        assert_eq!(
            c.rows,
            vec![(vec!["audience".into()], 1), (vec!["protest".into()], 1)]
        );
        let c = count([&a, &b], &[Dimension::Month, Dimension::Org]);
        assert_eq!(
            c.rows,
            vec![
                (vec!["(undated)".into(), "(none)".into()], 1),
                (vec!["2025-03".into(), "Dinas Y".into()], 1),
                (vec!["2025-03".into(), "SX".into()], 1),
            ]
        );
        let mut csv = Vec::new();
        c.write_csv(&mut csv).unwrap();
        assert!(
            String::from_utf8(csv)
                .unwrap()
                .starts_with("month,org,events\n")
        );
        assert_eq!(c.to_json()["rows"][0]["events"], 1);
        assert!("Site".parse::<Dimension>().is_ok());
        assert!(
            "colour"
                .parse::<Dimension>()
                .unwrap_err()
                .contains("province")
        );
    }
}
