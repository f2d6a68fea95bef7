//! `warta crawl` and `warta run`: the nightly job. The crawling itself is `warta_fetch`, the
//! extraction and indexing are the same `warta_pipeline` calls as `warta extract` and
//! `warta index`; this module takes the data directory's lock, wires progress reporting, and
//! prints the per-site summary (a table on stderr, JSON on stdout with `--json`).

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Result, bail};
use warta_article::SiteRules;
use warta_fetch::{Config, CrawlSummary, SiteSummary};
use warta_pipeline::{ExtractStats, IndexStats, SiteRuleBook};
use warta_store::Store;

use crate::progress::{CrawlProgress, Reporter};
use crate::{Cli, UsageError, commands, lock};

/// The per-site extraction rules of a configuration; a selector that does not parse is a
/// usage error naming the file and the site.
pub(crate) fn rule_book(cfg: &Config, origin: &str) -> Result<SiteRuleBook> {
    let mut book = SiteRuleBook::default();
    for site in &cfg.sites {
        let Some(r) = &site.extract else { continue };
        let rules = SiteRules::parse(&r.body, &r.drop, r.title.as_deref())
            .map_err(|e| UsageError(format!("{origin}: site {}: {e}", site.name)))?;
        book.insert(&site.base_url, rules);
    }
    Ok(book)
}

/// Loads a crawl configuration (the bundled list without a path); errors are usage errors.
pub(crate) fn load_config(config: Option<&Path>) -> Result<Config> {
    Ok(match config {
        Some(path) => Config::load(path),
        None => Config::bundled(),
    }
    .map_err(|e| UsageError(e.to_string()))?)
}

/// Crawls the configured sites; with `process`, also extracts and indexes what is new.
pub fn crawl(cli: &Cli, config: Option<&Path>, json: bool, process: bool) -> Result<()> {
    let cfg = load_config(config)?;
    // Loaded before the lock and the crawl, so a broken gazetteer fails fast rather than after
    // an hour of fetching.
    let origin = config.map_or("the bundled source list".to_string(), |p| {
        p.display().to_string()
    });
    let rules = rule_book(&cfg, &origin)?;
    let gazetteer = if process {
        Some(commands::load_gazetteer(cli)?)
    } else {
        None
    };
    let _lock = lock::acquire(&cli.data_dir)?;
    let started = Instant::now();
    let first_fetch = Store::open(&cli.data_dir)?.last_fetch_id()?;
    let progress = Arc::new(CrawlProgress::new(cli.quiet));
    let result = warta_fetch::crawl_blocking_with(&cfg, &cli.data_dir, progress.clone());
    progress.finish();
    let summary = result?;
    // What went wrong at each site that failed as a whole, from this run's fetch records.
    let mut reasons = std::collections::HashMap::new();
    {
        let store = Store::open(&cli.data_dir)?;
        for s in summary.sites.iter().filter(|s| s.failed_as_a_whole()) {
            if let Some(r) = store.last_fetch_problem(&s.site, first_fetch)? {
                reasons.insert(s.site.clone(), r);
            }
        }
    }
    let mut processed = None;
    if let Some(gazetteer) = &gazetteer {
        let mut store = Store::open(&cli.data_dir)?;
        let extracted = warta_pipeline::extract_with_rules(
            &mut store,
            gazetteer,
            false,
            &rules,
            &Reporter::new(cli.quiet),
        )?;
        let indexed = warta_pipeline::index(&store)?;
        processed = Some((extracted, indexed));
    }
    let seconds = started.elapsed().as_secs_f64();
    if !cli.quiet {
        eprint!("{}", table(&summary, processed.as_ref(), seconds, &reasons));
    }
    if json {
        let mut value = summary_json(&summary, processed.as_ref(), seconds);
        if let Some(sites) = value["sites"].as_array_mut() {
            for site in sites {
                let reason = site["site"].as_str().and_then(|n| reasons.get(n)).cloned();
                if let (Some(r), Some(map)) = (reason, site.as_object_mut()) {
                    map.insert("failure".into(), serde_json::Value::String(r));
                }
            }
        }
        let mut out = std::io::stdout().lock();
        // One line, so that nightly summaries can be appended to a JSON Lines log.
        serde_json::to_writer(&mut out, &value)?;
        writeln!(out)?;
    }
    if summary.all_failed() {
        bail!(
            "every site failed ({} sites): nothing could be fetched",
            summary.sites.len()
        );
    }
    Ok(())
}

/// The per-site table for a terminal or a cron mail.
fn table(
    summary: &CrawlSummary,
    processed: Option<&(ExtractStats, IndexStats)>,
    seconds: f64,
    reasons: &std::collections::HashMap<String, String>,
) -> String {
    let width = summary
        .sites
        .iter()
        .map(|s| s.site.chars().count())
        .max()
        .unwrap_or(0)
        .max(5);
    let row = |s: &SiteSummary, note: &str| {
        format!(
            "{:<width$} {:>7} {:>9} {:>6} {:>6} {:>7} {:>7}{note}\n",
            s.site, s.fetched, s.unchanged, s.failed, s.skipped_robots, s.skipped_other, s.pending
        )
    };
    let mut out = format!(
        "{:<width$} {:>7} {:>9} {:>6} {:>6} {:>7} {:>7}\n",
        "site", "fetched", "unchanged", "failed", "robots", "skipped", "pending"
    );
    for s in &summary.sites {
        let note = match (s.failed_as_a_whole(), reasons.get(&s.site)) {
            (true, Some(reason)) => format!("  site failed: {}", reason.replace('\n', " ")),
            (true, None) => "  site failed".to_string(),
            _ => String::new(),
        };
        out.push_str(&row(s, &note));
    }
    out.push_str(&row(&summary.totals(), ""));
    out.push_str(&format!("{} requests in {seconds:.1} s", summary.requests));
    if let Some((e, i)) = processed {
        out.push_str(&format!(
            "; {} new pages: {} articles ({} about labour relations), {} events; indexed {} articles",
            e.pages, e.articles, e.relevant, e.events, i.articles
        ));
    }
    out.push('\n');
    out
}

fn summary_json(
    summary: &CrawlSummary,
    processed: Option<&(ExtractStats, IndexStats)>,
    seconds: f64,
) -> serde_json::Value {
    let site = |s: &SiteSummary| {
        let mut v = serde_json::to_value(s).unwrap_or_default();
        if let Some(map) = v.as_object_mut() {
            map.insert(
                "failed_as_a_whole".into(),
                serde_json::Value::Bool(s.failed_as_a_whole()),
            );
        }
        v
    };
    let totals = summary.totals();
    let mut value = serde_json::json!({
        "sites": summary.sites.iter().map(site).collect::<Vec<_>>(),
        "totals": {
            "sites": summary.sites.len(),
            "sites_failed": summary.sites.iter().filter(|s| s.failed_as_a_whole()).count(),
            "fetched": totals.fetched,
            "unchanged": totals.unchanged,
            "failed": totals.failed,
            "skipped_robots": totals.skipped_robots,
            "skipped_other": totals.skipped_other,
            "retries": totals.retries,
            "pending": totals.pending,
            "requests": summary.requests,
        },
        "duration_s": (seconds * 1000.0).round() / 1000.0,
        "ok": !summary.all_failed(),
    });
    if let (Some((e, i)), Some(map)) = (processed, value.as_object_mut()) {
        map.insert(
            "extracted".into(),
            serde_json::json!({
                "pages": e.pages,
                "articles": e.articles,
                "relevant": e.relevant,
                "skipped": e.skipped,
                "events": e.events,
            }),
        );
        map.insert(
            "indexed".into(),
            serde_json::json!({
                "articles": i.articles,
                "events": i.events,
                "rebuilt": i.rebuilt,
            }),
        );
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> CrawlSummary {
        CrawlSummary {
            sites: vec![
                SiteSummary {
                    site: "a".into(),
                    fetched: 3,
                    failed: 1,
                    ..SiteSummary::default()
                },
                SiteSummary {
                    site: "down".into(),
                    failed: 2,
                    ..SiteSummary::default()
                },
            ],
            requests: 8,
        }
    }

    #[test]
    fn the_table_marks_failed_sites_and_adds_totals() {
        let t = table(&summary(), None, 1.25, &Default::default());
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[0].starts_with("site "), "{t}");
        assert!(lines[2].starts_with("down") && lines[2].ends_with("site failed"));
        assert!(lines[3].starts_with("total") && lines[3].contains(" 3 "));
        assert!(lines[4].contains("8 requests in 1.2"), "{t}");
        let reasons = [(
            "down".to_string(),
            "refused: private address 10.0.0.1".to_string(),
        )]
        .into();
        let t = table(&summary(), None, 1.25, &reasons);
        assert!(
            t.lines()
                .nth(2)
                .unwrap()
                .ends_with("site failed: refused: private address 10.0.0.1"),
            "{t}"
        );
    }

    #[test]
    fn the_json_has_rows_totals_and_the_processing_counts() {
        let e = ExtractStats {
            pages: 3,
            articles: 2,
            relevant: 1,
            skipped: 1,
            failed: 0,
            events: 1,
        };
        let i = IndexStats {
            articles: 2,
            events: 1,
            rebuilt: true,
            repaired: None,
        };
        let v = summary_json(&summary(), Some(&(e, i)), 2.0);
        assert_eq!(v["sites"][1]["failed_as_a_whole"], true);
        assert_eq!(v["totals"]["fetched"], 3);
        assert_eq!(v["totals"]["sites_failed"], 1);
        assert_eq!(v["extracted"]["articles"], 2);
        assert_eq!(v["indexed"]["articles"], 2);
        assert_eq!(v["ok"], true);
        assert!(
            summary_json(&summary(), None, 2.0)
                .get("extracted")
                .is_none()
        );
    }
}
