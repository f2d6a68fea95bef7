//! `warta explain URL|ID`: why a stored article gave the events it did, or none.
//!
//! The article is read back from the catalogue and run through the same extractor that
//! `warta extract` uses; what is printed is that run's own `Analysis` (its reasons and each
//! event's evidence), never a second reading of the text.

use std::io::{self, Write};

use anyhow::Result;
use warta_extract::Extractor;
use warta_model::{Article, ReasonCode};

use crate::commands::{load_gazetteer, open_existing};
use crate::{Cli, UsageError};

pub(crate) fn explain(cli: &Cli, key: &str, json: bool) -> Result<()> {
    let store = open_existing(&cli.data_dir)?;
    let article: Article = store
        .articles()?
        .into_iter()
        .find(|a| a.id == key || a.url == key || a.canonical_url.as_deref() == Some(key))
        .ok_or_else(|| UsageError(format!("{key}: no stored article with this URL or id")))?;
    let gazetteer = load_gazetteer(cli)?;
    let analysis = Extractor::new(&gazetteer).analyse(&article);
    let mut out = io::stdout().lock();
    if json {
        let value = serde_json::json!({
            "id": article.id, "url": article.url, "title": article.title,
            "relevant": analysis.relevant, "why": analysis.why,
            "events": analysis.events.iter().map(|e| serde_json::json!({
                "id": e.id, "type": e.event_type, "evidence": e.evidence, "date": e.date,
            })).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{}\n{}", article.title, article.url)?;
    for r in &analysis.why.reasons {
        let words = if r.words.is_empty() {
            String::new()
        } else {
            format!(": {}", r.words.join(", "))
        };
        writeln!(out, "  {}{words}", describe(r.code))?;
    }
    if analysis.events.is_empty() {
        writeln!(out, "no event")?;
    }
    for e in &analysis.events {
        let ty = serde_json::to_value(e.event_type)?;
        writeln!(out, "event {} ({})", e.id, ty.as_str().unwrap_or(""))?;
        let method = serde_json::to_value(e.date.method)?;
        writeln!(
            out,
            "  date {} ({})",
            e.date.value.map(|d| d.to_string()).unwrap_or_default(),
            method.as_str().unwrap_or("")
        )?;
        for ev in &e.evidence {
            writeln!(
                out,
                "  {:<16} «{}» at {}..{}",
                ev.field, ev.text, ev.start, ev.end
            )?;
        }
    }
    Ok(())
}

fn describe(code: ReasonCode) -> &'static str {
    match code {
        ReasonCode::LabourActor => "labour actor",
        ReasonCode::NoLabourActor => {
            "no labour actor (no union, labour agency or group of workers)"
        }
        ReasonCode::OnlyBoilerplate => "labour words only in boilerplate",
        ReasonCode::Foreign => "foreign news with no Indonesian party",
        ReasonCode::Statistics => "statistics, not an interaction",
        ReasonCode::Crime => "a crime or trial story",
        ReasonCode::Campaign => "an election campaign",
        ReasonCode::Commentary => "commentary or opinion",
        ReasonCode::Trigger => "interaction word",
        ReasonCode::NoTrigger => "no word of interaction (protest, hearing, meeting, …)",
        ReasonCode::NoCounterpart => "no counterpart to interact with",
    }
}
