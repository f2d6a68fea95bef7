//! `warta show ID|URL`: one event (or every event of one article) in full, and under it each
//! source's text with every evidence span marked, so a researcher can check a record against
//! the words it came from without leaving the terminal.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};

use anyhow::Result;
use warta_model::{Article, Event, SpeakerRef};
use warta_store::Store;

use crate::{Cli, UsageError};

/// What a key names: the events to show and the articles behind them, in source order.
struct Found {
    article: Option<Article>,
    events: Vec<Event>,
    sources: Vec<Article>,
}

pub(crate) fn show(cli: &Cli, key: &str, json: bool) -> Result<()> {
    let store = crate::commands::open_read_only(&cli.data_dir)?;
    let found = find(&store, key)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let value = match &found.article {
            None => embed_texts(&found.events[0], &found.sources),
            Some(a) => serde_json::json!({
                "article": a,
                "events": found.events.iter().map(|e| embed_texts(e, &found.sources)).collect::<Vec<_>>(),
            }),
        };
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    let style = Style::for_stdout();
    if let Some(a) = &found.article {
        writeln!(
            out,
            "{}article {}{} · {}",
            style.bold, a.id, style.reset, a.url
        )?;
        if found.events.is_empty() {
            writeln!(out, "no events (`warta explain {}` says why)", a.url)?;
        }
    }
    for e in &found.events {
        print_event(&mut out, e, &style)?;
    }
    // Each source once, with the spans of every event shown marked.
    for (i, a) in found.sources.iter().enumerate() {
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        for e in &found.events {
            for ev in e
                .evidence
                .iter()
                .chain(e.claims.iter().map(|c| &c.evidence))
                .chain(e.quotes.iter().map(|q| &q.evidence))
            {
                if e.sources
                    .get(ev.source)
                    .is_some_and(|s| s.article_id == a.id)
                {
                    spans.push((ev.start, ev.end, ev.field.clone()));
                }
            }
        }
        writeln!(out)?;
        writeln!(
            out,
            "{}[{}] {}{} — {} · {}",
            style.bold,
            i + 1,
            a.title,
            style.reset,
            a.site,
            a.published
                .map(|p| p.to_rfc3339())
                .unwrap_or_else(|| "undated".into())
        )?;
        writeln!(out, "    {}", a.url)?;
        if let Some(r) = &a.archive {
            writeln!(out, "    archive: {} @ {}", r.file, r.offset)?;
        }
        writeln!(out)?;
        writeln!(out, "{}", mark(&a.text, &spans, &style))?;
    }
    out.flush()?;
    Ok(())
}

/// An event id, else an article id or URL (the article's events); else a usage error.
fn find(store: &Store, key: &str) -> Result<Found> {
    let key = key.trim();
    let (article, events) = match store.event(key)? {
        Some(e) => (None, vec![e]),
        None => match store.article(key)? {
            Some(a) => {
                let events = store.events_of_article(&a.id)?;
                (Some(a), events)
            }
            None => {
                return Err(UsageError(format!(
                    "{key}: no stored event or article with this id or URL (search results print ids)"
                ))
                .into());
            }
        },
    };
    let mut sources: Vec<Article> = Vec::new();
    if let Some(a) = &article {
        sources.push(a.clone());
    }
    for e in &events {
        for s in &e.sources {
            if sources.iter().any(|a| a.id == s.article_id) {
                continue;
            }
            if let Some(a) = store.article(&s.article_id)? {
                sources.push(a);
            }
        }
    }
    Ok(Found {
        article,
        events,
        sources,
    })
}

/// The event record with each source's article text (and archive reference) embedded.
fn embed_texts(e: &Event, articles: &[Article]) -> serde_json::Value {
    let mut value = serde_json::to_value(e).unwrap_or_default();
    if let Some(sources) = value.get_mut("sources").and_then(|s| s.as_array_mut()) {
        for (s, src) in sources.iter_mut().zip(&e.sources) {
            if let (Some(obj), Some(a)) = (
                s.as_object_mut(),
                articles.iter().find(|a| a.id == src.article_id),
            ) {
                obj.insert("text".into(), a.text.clone().into());
                if let Some(r) = &a.archive {
                    obj.insert(
                        "archive".into(),
                        serde_json::to_value(r).unwrap_or_default(),
                    );
                }
            }
        }
    }
    value
}

fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn print_event(out: &mut dyn Write, e: &Event, s: &Style) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{}event {}{} · {} «{}» · modality {} · confidence {:.2}",
        s.bold,
        e.id,
        s.reset,
        e.event_type.code(),
        e.trigger,
        code(&e.modality),
        e.confidence
    )?;
    let d = &e.date;
    let day = match (d.value, d.end) {
        (Some(v), Some(end)) if end != v => format!("{v} to {end}"),
        (Some(v), _) => v.to_string(),
        (None, _) => "undated".into(),
    };
    let words = d
        .text
        .as_deref()
        .map(|t| format!(" from «{t}»"))
        .unwrap_or_default();
    writeln!(
        out,
        "  date          {day} ({}, {}{words})",
        code(&d.precision),
        code(&d.method)
    )?;
    let l = &e.location;
    let mut place: Vec<String> = Vec::new();
    if let Some(v) = &l.venue {
        place.push(v.clone());
    }
    for r in [&l.place, &l.province].into_iter().flatten() {
        place.push(format!("{} ({})", r.name, r.code));
    }
    if !place.is_empty() {
        writeln!(out, "  place         {}", place.join(", "))?;
    }
    if !e.participants.is_empty() {
        writeln!(out, "  participants")?;
    }
    for (i, p) in e.participants.iter().enumerate() {
        let mut line = format!("    #{i:<2} {:<10} {}", code(&p.role), p.name);
        if let Some(a) = p.acronym.as_deref().filter(|a| *a != p.name) {
            line.push_str(&format!(" ({a})"));
        }
        if let Some(t) = &p.title {
            line.push_str(&format!(", {t}"));
        }
        if let Some(u) = &p.unit {
            line.push_str(&format!(", {u}"));
        }
        if let Some(a) = p.affiliation {
            line.push_str(&format!(", of #{a}"));
        }
        line.push_str(&format!(" · {}", code(&p.kind)));
        if let Some(id) = &p.id {
            line.push_str(&format!(" [{id}]"));
        }
        writeln!(out, "{line}")?;
    }
    if !e.topics.is_empty() {
        writeln!(out, "  topics        {}", e.topics.join(", "))?;
    }
    for c in &e.claims {
        let by =
            c.by.and_then(|i| e.participants.get(i))
                .map(|p| format!(" by {}", p.name))
                .unwrap_or_default();
        writeln!(out, "  claim         {}{by}: {}", code(&c.kind), c.text)?;
    }
    for q in &e.quotes {
        let by = match &q.speaker {
            Some(SpeakerRef::Participant(i)) => e
                .participants
                .get(*i)
                .map(|p| format!(" — {}", p.name))
                .unwrap_or_default(),
            Some(SpeakerRef::Name(n)) => format!(" — {n}"),
            None => String::new(),
        };
        writeln!(out, "  quote         “{}”{by}", q.text)?;
    }
    for f in &e.figures {
        let unit = f
            .unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  figure        {} {}{unit} «{}»",
            code(&f.kind),
            f.value,
            f.text
        )?;
    }
    let cross: Vec<String> = [
        ("CAMEO", &e.crosswalk.cameo),
        ("PLOVER", &e.crosswalk.plover),
    ]
    .into_iter()
    .filter_map(|(n, v)| v.as_ref().map(|v| format!("{n} {v}")))
    .collect();
    if !cross.is_empty() {
        writeln!(out, "  crosswalk     {}", cross.join(", "))?;
    }
    for (i, src) in e.sources.iter().enumerate() {
        writeln!(
            out,
            "  source {:<6} {} ({})",
            format!("[{}]", i),
            src.url,
            src.site
        )?;
    }
    writeln!(
        out,
        "  extractor     {} · gazetteers {}",
        e.extractor.version, e.extractor.gazetteers
    )?;
    Ok(())
}

/// Markers around evidence: bold and colour on a terminal (unless `NO_COLOR` is set), plain
/// brackets otherwise, so a pipe or a file never receives escape codes.
pub(crate) struct Style {
    pub bold: &'static str,
    pub reset: &'static str,
    open: &'static str,
    close: &'static str,
    label_open: &'static str,
    label_close: &'static str,
}

impl Style {
    pub(crate) fn for_stdout() -> Style {
        let colour = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        if colour {
            Style {
                bold: "\x1b[1m",
                reset: "\x1b[0m",
                open: "\x1b[1;33m",
                close: "\x1b[0m",
                label_open: "\x1b[2m{",
                label_close: "}\x1b[0m",
            }
        } else {
            Style {
                bold: "",
                reset: "",
                open: "[[",
                close: "]]",
                label_open: "{",
                label_close: "}",
            }
        }
    }
}

/// `text` with each span (code point offsets) wrapped in the style's markers and followed by the
/// fields it supports. Spans that overlap an earlier one are merged into it, so the markers
/// always nest properly; spans outside the text are ignored.
fn mark(text: &str, spans: &[(usize, usize, String)], style: &Style) -> String {
    let mut merged: BTreeMap<usize, (usize, Vec<String>)> = BTreeMap::new();
    let mut sorted: Vec<&(usize, usize, String)> = spans.iter().filter(|(s, e, _)| s < e).collect();
    sorted.sort();
    let mut current: Option<(usize, usize, Vec<String>)> = None;
    for (start, end, field) in sorted {
        match &mut current {
            Some((_, cur_end, fields)) if *start < *cur_end => {
                *cur_end = (*cur_end).max(*end);
                if !fields.contains(field) {
                    fields.push(field.clone());
                }
            }
            _ => {
                if let Some((s, e, f)) = current.take() {
                    merged.insert(s, (e, f));
                }
                current = Some((*start, *end, vec![field.clone()]));
            }
        }
    }
    if let Some((s, e, f)) = current {
        merged.insert(s, (e, f));
    }
    let mut out = String::with_capacity(text.len() + merged.len() * 16);
    let mut open_until: Option<(usize, Vec<String>)> = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if let Some((end, fields)) = &open_until
            && *end == i
        {
            out.push_str(style.close);
            out.push_str(style.label_open);
            out.push_str(&fields.join(","));
            out.push_str(style.label_close);
            open_until = None;
        }
        if open_until.is_none()
            && let Some((end, fields)) = merged.get(&i)
        {
            out.push_str(style.open);
            open_until = Some(((*end).min(chars.len()), fields.clone()));
        }
        out.push(*c);
    }
    if let Some((_, fields)) = open_until {
        out.push_str(style.close);
        out.push_str(style.label_open);
        out.push_str(&fields.join(","));
        out.push_str(style.label_close);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> Style {
        Style {
            bold: "",
            reset: "",
            open: "[[",
            close: "]]",
            label_open: "{",
            label_close: "}",
        }
    }

    #[test]
    fn spans_are_marked_by_code_points_and_overlaps_merge() {
        let text = "Buruh ke Disnaker hari Senin (3/3).";
        let spans = vec![
            (9, 17, "participants[1]".to_string()),
            (23, 34, "date".to_string()),
            (29, 34, "date".to_string()),
        ];
        assert_eq!(
            mark(text, &spans, &plain()),
            "Buruh ke [[Disnaker]]{participants[1]} hari [[Senin (3/3)]]{date}."
        );
        // Multi-byte characters count once; a span past the end closes at the end.
        let text = "“Upah” naik";
        let spans = vec![(1, 5, "quotes[0]".to_string()), (7, 99, "type".to_string())];
        assert_eq!(
            mark(text, &spans, &plain()),
            "“[[Upah]]{quotes[0]}” [[naik]]{type}"
        );
        assert_eq!(mark("abc", &[(5, 9, "x".into())], &plain()), "abc");
    }
}
