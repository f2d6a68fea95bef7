//! Writing events and articles for researchers: JSON Lines (the contract of
//! `shared/design/event-schema.md`), CSV (one row per record, lists joined with `; `) and the JSON
//! Schema generated from the model types.
//!
//! This crate only formats what it is given; selecting records ([`Filter`]) is plain in-memory
//! matching so that `export` and `search` agree on what a filter means.

mod filter;
mod resolve;
mod stats;

use std::collections::HashMap;
use std::io::Write;

pub use filter::{Filter, event_region_keys, is_region_code, participant_keys, region_keys};
pub use resolve::{FilterSpec, ResolveError, Resolver, event_type};
pub use stats::{Counts, Dimension, count};
use warta_model::{ArchiveRef, Article, Event};

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
    write_events_citing(events, &Default::default(), format, out)
}

/// [`write_events`] with each source's archive reference (`sources[i].archive`: the WARC file
/// and the record's offset in it, from `archives` by article id), so a citation leads to the
/// exact bytes the record was extracted from. In CSV, the column `source_archives`
/// (`file@offset`, joined with `; `).
pub fn write_events_citing(
    events: &[Event],
    archives: &HashMap<String, ArchiveRef>,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    match format {
        Format::Jsonl => {
            for e in events {
                let mut value = serde_json::to_value(e)?;
                if let Some(sources) = value.get_mut("sources").and_then(|s| s.as_array_mut()) {
                    for (s, src) in sources.iter_mut().zip(&e.sources) {
                        if let (Some(obj), Some(r)) =
                            (s.as_object_mut(), archives.get(&src.article_id))
                        {
                            obj.insert("archive".into(), serde_json::to_value(r)?);
                        }
                    }
                }
                serde_json::to_writer(&mut *out, &value)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
            Ok(events.len())
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(EVENT_COLUMNS)?;
            for e in events {
                let mut row = event_row(e);
                row.push(
                    e.sources
                        .iter()
                        .filter_map(|s| archives.get(&s.article_id))
                        .map(|r| format!("{}@{}", r.file, r.offset))
                        .collect::<Vec<_>>()
                        .join("; "),
                );
                w.write_record(row)?;
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
        // Exports add each source's archive reference (see `write_events_citing`); the model's
        // Source does not carry it, so the schema says it here: optional, like every addition.
        let archive = serde_json::to_value(schemars::schema_for!(ArchiveRef)).unwrap_or_default();
        if let Some(defs) = obj.get_mut("$defs").and_then(|d| d.as_object_mut()) {
            let mut def = archive.clone();
            if let Some(d) = def.as_object_mut() {
                d.remove("$schema");
                d.remove("title");
                d.insert(
                    "description".into(),
                    "Where the raw HTTP response behind an article lives: a WARC file under the data directory's archive/ and the byte offset of its gzip member.".into(),
                );
            }
            defs.insert("ArchiveRef".into(), def);
            if let Some(props) = defs
                .get_mut("Source")
                .and_then(|s| s.get_mut("properties"))
                .and_then(|p| p.as_object_mut())
            {
                props.insert(
                    "archive".into(),
                    serde_json::json!({
                        "description": "The archived record this source was extracted from (added by `warta export`; absent when unknown).",
                        "$ref": "#/$defs/ArchiveRef"
                    }),
                );
            }
        }
    }
    schema
}

/// The JSON Schema of one exported article line.
pub fn article_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Article)).unwrap_or_default()
}

const EVENT_COLUMNS: [&str; 17] = [
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
    "source_archives",
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
