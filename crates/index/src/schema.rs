//! The tantivy schema and the mapping from warta records to tantivy documents.
//!
//! Articles and events live in **one index**, told apart by the raw `kind` field. Reasons:
//! both kinds share the fields a user filters and prefixes on (`title`, `text`, `org`, `type`,
//! `province`, `date`), so one query parser configuration and one filter builder serve both
//! targets; `clear` + re-index is a single commit, so the two kinds can never be out of step on
//! disk; and there is one writer lock and one directory to manage. The price is that BM25 term
//! statistics are pooled over both kinds, which is harmless here because event text is drawn
//! from the very articles it is indexed next to (same vocabulary, same proportions).

use chrono::{NaiveDate, NaiveTime};
use tantivy::DateTime;
use tantivy::TantivyDocument;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use warta_model::{Article, Event, ParticipantKind, Region};

use crate::analyzer::{INDONESIAN, NAMES};
use crate::{ArticleDoc, EventDoc};

/// Bump whenever the schema or an analyzer changes: an index written with another version is
/// rebuilt from scratch (see [`crate::SearchIndex::open`]).
pub const INDEX_SCHEMA_VERSION: u32 = 2;

pub(crate) const KIND_ARTICLE: &str = "article";
pub(crate) const KIND_EVENT: &str = "event";

/// Handles of every field, resolved once per open index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// `"article:<id>"` / `"event:<id>"`: the upsert key, unique across both kinds.
    pub key: Field,
    pub kind: Field,
    pub id: Field,
    pub url: Field,
    pub site: Field,
    pub title: Field,
    pub text: Field,
    /// Event words that are not sentences (participants, venue, places, trigger): searched like
    /// `text`, never shown, so an event's snippet is article sentences, not glued fields.
    pub extra: Field,
    pub org: Field,
    /// Participant keys (gazetteer ids and office types), raw: what `--org` selects by.
    pub org_id: Field,
    pub person: Field,
    pub event_type: Field,
    pub topic: Field,
    /// Region names (province and more specific place), analysed as names.
    pub province: Field,
    /// Region codes, raw: the full code (`16.71.01`) and every enclosing one (`16`, `16.71`).
    pub code: Field,
    /// Local calendar time of publication (articles) or the event day (events), stored as if it
    /// were UTC so that day boundaries are the newsroom's, not Greenwich's.
    pub date: Field,
    /// The date as shown to users: RFC 3339 with offset for articles, `YYYY-MM-DD` for events.
    pub date_text: Field,
}

/// Builds the schema; field names double as the query-language prefixes (`title:`, `org:` ...).
pub(crate) fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analysed = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        key: b.add_text_field("key", STRING),
        kind: b.add_text_field("kind", STRING | STORED),
        id: b.add_text_field("id", STRING | STORED),
        url: b.add_text_field("url", STRING | STORED),
        site: b.add_text_field("site", STRING | STORED),
        title: b.add_text_field("title", analysed(INDONESIAN).set_stored()),
        text: b.add_text_field("text", analysed(INDONESIAN).set_stored()),
        extra: b.add_text_field("extra", analysed(INDONESIAN)),
        org: b.add_text_field("org", analysed(NAMES)),
        org_id: b.add_text_field("org_id", STRING),
        person: b.add_text_field("person", analysed(NAMES)),
        event_type: b.add_text_field("type", STRING | STORED),
        topic: b.add_text_field("topic", STRING),
        province: b.add_text_field("province", analysed(NAMES)),
        code: b.add_text_field("code", STRING),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        date_text: b.add_text_field("date_text", STORED),
    };
    (b.build(), fields)
}

/// The upsert key of a record.
pub(crate) fn key(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

/// A calendar date as the `date` field stores it (midnight, "UTC" = local).
pub(crate) fn day_start(day: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(day.and_time(NaiveTime::MIN).and_utc().timestamp())
}

fn add_regions(doc: &mut TantivyDocument, f: &Fields, regions: &[&Region]) {
    let mut codes: Vec<String> = Vec::new();
    for r in regions {
        doc.add_text(f.province, &r.name);
        codes.extend(warta_export::region_keys(r));
    }
    codes.sort();
    codes.dedup();
    for c in codes {
        doc.add_text(f.code, c);
    }
}

pub(crate) fn article_document(f: &Fields, d: &ArticleDoc<'_>) -> TantivyDocument {
    let a: &Article = d.article;
    let mut doc = TantivyDocument::default();
    doc.add_text(f.key, key(KIND_ARTICLE, &a.id));
    doc.add_text(f.kind, KIND_ARTICLE);
    doc.add_text(f.id, &a.id);
    doc.add_text(f.url, &a.url);
    if let Some(c) = a.canonical_url.as_deref().filter(|c| *c != a.url) {
        doc.add_text(f.url, c);
    }
    doc.add_text(f.site, &a.site);
    doc.add_text(f.title, &a.title);
    doc.add_text(f.text, &a.text);
    for o in &d.orgs {
        doc.add_text(f.org, o);
    }
    let mut keys: Vec<&str> = d.org_keys.iter().map(String::as_str).collect();
    keys.sort_unstable();
    keys.dedup();
    for k in keys {
        doc.add_text(f.org_id, k);
    }
    let mut types: Vec<&str> = d.event_types.iter().map(String::as_str).collect();
    types.sort_unstable();
    types.dedup();
    for t in types {
        doc.add_text(f.event_type, t);
    }
    let regions: Vec<&Region> = d.provinces.iter().collect();
    add_regions(&mut doc, f, &regions);
    if let Some(p) = a.published {
        let local = p.naive_local().and_utc().timestamp();
        doc.add_date(f.date, DateTime::from_timestamp_secs(local));
        // A publication day without a time of day (stored as local midnight) prints as a day.
        let shown = if p.time() == NaiveTime::MIN {
            p.format("%Y-%m-%d").to_string()
        } else {
            p.to_rfc3339()
        };
        doc.add_text(f.date_text, shown);
    }
    doc
}

/// One-line label for an event (`"audience: audiensi — KSPI, Disnaker Palembang"`): events have
/// no headline of their own, and this is what a result list needs to be scannable.
pub(crate) fn event_summary(e: &Event) -> String {
    let mut s = e.event_type.code().to_string();
    if !e.trigger.trim().is_empty() {
        s.push_str(": ");
        s.push_str(e.trigger.trim());
    }
    let bodies: Vec<&str> = e
        .participants
        .iter()
        .filter(|p| p.kind != ParticipantKind::Person)
        .map(|p| p.acronym.as_deref().unwrap_or(&p.name))
        .take(4)
        .collect();
    if !bodies.is_empty() {
        s.push_str(" — ");
        s.push_str(&bodies.join(", "));
    }
    s
}

/// The sentences an event is shown by: those of its source article around its evidence
/// (given by the pipeline, which has the article text), else its claims and quotes.
fn event_text(e: &Event, sentences: &[String]) -> String {
    let mut parts: Vec<String> = sentences.to_vec();
    if parts.is_empty() {
        parts.extend(e.claims.iter().map(|c| c.text.clone()));
        parts.extend(e.quotes.iter().map(|q| q.text.clone()));
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.join("\n")
}

/// Everything else a reader would recognise an event by: trigger, claims and quotes (when not
/// already shown), participants with titles, venue, places.
fn event_extra(e: &Event) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !e.trigger.is_empty() {
        parts.push(e.trigger.clone());
    }
    parts.extend(e.claims.iter().map(|c| c.text.clone()));
    parts.extend(e.quotes.iter().map(|q| q.text.clone()));
    for p in &e.participants {
        let label = match (&p.title, p.kind) {
            (Some(t), ParticipantKind::Person) => format!("{} ({t})", p.name),
            _ => p.name.clone(),
        };
        parts.push(label);
    }
    if let Some(v) = &e.location.venue {
        parts.push(v.clone());
    }
    for r in [&e.location.place, &e.location.province]
        .into_iter()
        .flatten()
    {
        parts.push(r.name.clone());
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.join("\n")
}

pub(crate) fn event_document(f: &Fields, d: &EventDoc<'_>) -> TantivyDocument {
    let e = d.event;
    let mut doc = TantivyDocument::default();
    doc.add_text(f.key, key(KIND_EVENT, &e.id));
    doc.add_text(f.kind, KIND_EVENT);
    doc.add_text(f.id, &e.id);
    doc.add_text(f.event_type, e.event_type.code());
    doc.add_text(f.title, event_summary(e));
    for s in &e.sources {
        if !s.title.is_empty() {
            doc.add_text(f.title, &s.title);
        }
        doc.add_text(f.url, &s.url);
        doc.add_text(f.site, &s.site);
    }
    doc.add_text(f.text, event_text(e, &d.sentences));
    doc.add_text(f.extra, event_extra(e));
    for p in &e.participants {
        let target = if p.kind == ParticipantKind::Person {
            f.person
        } else {
            f.org
        };
        doc.add_text(target, &p.name);
        if p.mention != p.name {
            doc.add_text(target, &p.mention);
        }
        if let Some(a) = &p.acronym {
            doc.add_text(target, a);
        }
        if let Some(id) = &p.id {
            doc.add_text(target, id);
        }
    }
    let mut keys: Vec<String> = e
        .participants
        .iter()
        .flat_map(warta_export::participant_keys)
        .collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        doc.add_text(f.org_id, k);
    }
    for t in &e.topics {
        doc.add_text(f.topic, t);
    }
    let regions: Vec<&Region> = [&e.location.place, &e.location.province]
        .into_iter()
        .flatten()
        .collect();
    add_regions(&mut doc, f, &regions);
    if let Some(day) = e.date.value {
        doc.add_date(f.date, day_start(day));
        doc.add_text(f.date_text, day.format("%Y-%m-%d").to_string());
    }
    doc
}
