//! Writing events and articles for researchers: JSON Lines (the contract of
//! `shared/design/event-schema.md`), CSV (one row per record, lists joined with `; `) and the JSON
//! Schema generated from the model types.
//!
//! This crate only formats what it is given; selecting records ([`Filter`]) is plain in-memory
//! matching so that `export` and `search` agree on what a filter means.

mod filter;
mod resolve;
mod stats;

use std::io::Write;

pub use filter::{Filter, event_region_keys, is_region_code, participant_keys, region_keys};
pub use resolve::{FilterSpec, ResolveError, Resolver, event_type};
pub use stats::{Counts, Dimension, count};
use warta_model::{Article, Event};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the export failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing CSV failed: {0}")]
    Csv(#[from] csv::Error),
    #[error("serialising a record failed: {0}")]
    Json(#[from] serde_json::Error),
}

/// The output formats `warta export --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

/// Writes events, one JSON object per line (or one CSV row each).
pub fn write_events(
    events: &[Event],
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    match format {
        Format::Jsonl => write_jsonl(events, out),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(EVENT_COLUMNS)?;
            for e in events {
                w.write_record(event_row(e))?;
            }
            w.flush()?;
            Ok(events.len())
        }
    }
}

/// Writes articles, one JSON object per line (or one CSV row each).
pub fn write_articles(
    articles: &[Article],
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    match format {
        Format::Jsonl => write_jsonl(articles, out),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(ARTICLE_COLUMNS)?;
            for a in articles {
                w.write_record(article_row(a))?;
            }
            w.flush()?;
            Ok(articles.len())
        }
    }
}

fn write_jsonl<T: serde::Serialize>(
    records: &[T],
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    for r in records {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(records.len())
}

/// The JSON Schema of one exported event line, generated from the Rust types so that it cannot
/// drift from what is written.
pub fn event_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Event)).unwrap_or_default();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$id".into(),
            "https://example.org/warta/schema/event-v1.json".into(),
        );
        obj.insert(
            "title".into(),
            "warta event record (schema version 1)".into(),
        );
    }
    schema
}

/// The JSON Schema of one exported article line.
pub fn article_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Article)).unwrap_or_default()
}

const EVENT_COLUMNS: [&str; 16] = [
    "id",
    "type",
    "date",
    "date_end",
    "date_method",
    "modality",
    "province_code",
    "province",
    "place_code",
    "place",
    "venue",
    "unions",
    "government",
    "people",
    "topics",
    "sources",
];

fn event_row(e: &Event) -> Vec<String> {
    use warta_model::ParticipantKind as K;
    let names = |kind: K| -> String {
        e.participants
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let people = e
        .participants
        .iter()
        .filter(|p| p.kind == K::Person)
        .map(|p| match &p.title {
            Some(t) => format!("{} ({t})", p.name),
            None => p.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let opt = |v: Option<&str>| v.unwrap_or("").to_string();
    vec![
        e.id.clone(),
        e.event_type.code().to_string(),
        e.date.value.map(|d| d.to_string()).unwrap_or_default(),
        e.date.end.map(|d| d.to_string()).unwrap_or_default(),
        serde_plain(&e.date.method),
        serde_plain(&e.modality),
        opt(e.location.province.as_ref().map(|r| r.code.as_str())),
        opt(e.location.province.as_ref().map(|r| r.name.as_str())),
        opt(e.location.place.as_ref().map(|r| r.code.as_str())),
        opt(e.location.place.as_ref().map(|r| r.name.as_str())),
        opt(e.location.venue.as_deref()),
        names(K::Union),
        names(K::Government),
        people,
        e.topics.join("; "),
        e.sources
            .iter()
            .map(|s| s.url.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    ]
}

const ARTICLE_COLUMNS: [&str; 9] = [
    "id",
    "url",
    "site",
    "title",
    "published",
    "authors",
    "relevant",
    "fetched_at",
    "text",
];

fn article_row(a: &Article) -> Vec<String> {
    vec![
        a.id.clone(),
        a.url.clone(),
        a.site.clone(),
        a.title.clone(),
        a.published.map(|p| p.to_rfc3339()).unwrap_or_default(),
        a.authors
            .iter()
            .map(|x| x.name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        a.relevant.to_string(),
        a.fetched_at.map(|p| p.to_rfc3339()).unwrap_or_default(),
        a.text.clone(),
    ]
}

/// A unit enum's serde name (`DateMethod::Explicit` → `explicit`).
fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
