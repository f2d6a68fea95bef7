//! The pipeline over one data directory: `import` → `extract` → `index` → `search`.
//!
//! Each step is a function of the [`Store`] and its inputs; the CLI only parses arguments and
//! prints. Every step is incremental and idempotent: running it twice, or after an interruption,
//! gives the same stored result as running it once.

mod progress;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use warta_article::{ExtractedArticle, SiteRules};
use warta_extract::{Extractor, merge_events};
use warta_gazetteer::Gazetteer;
use warta_index::{ArticleDoc, EventDoc, SearchIndex};
use warta_model::{ArchiveRef, Article, Event, Timestamp};
use warta_store::{Extraction, HttpResponse, ImportStats, PageRow, Store};

pub use progress::{NoProgress, Progress};

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Store(#[from] warta_store::StoreError),
    #[error(transparent)]
    Index(#[from] warta_index::IndexError),
    #[error(transparent)]
    Gazetteer(#[from] warta_gazetteer::GazetteerError),
}

/// Pages read from the archive per batch: enough to keep every core busy, small enough that an
/// interrupted run loses little work.
const BATCH: usize = 256;

/// Response bytes read from the archive per batch at most: with pages up to the page cap
/// (`warta_store::archive::MAX_PAGE_BYTES`), a batch of large pages stays this size plus one.
const BATCH_BYTES: usize = 48 << 20;

/// Imports WARC files. Every file is validated before the data directory is opened, so a bad
/// file leaves the directory exactly as it was (not even created).
pub fn import(
    data_dir: &Path,
    files: &[PathBuf],
) -> Result<Vec<(PathBuf, ImportStats)>, PipelineError> {
    for f in files {
        warta_store::validate_warc(f)?;
    }
    import_validated(data_dir, files, &|| false)
}

/// [`import`] of files the caller has already validated (each file is then read once more,
/// not twice), stopping at a record boundary, with that file undone, when `stop` turns true.
pub fn import_validated(
    data_dir: &Path,
    files: &[PathBuf],
    stop: &dyn Fn() -> bool,
) -> Result<Vec<(PathBuf, ImportStats)>, PipelineError> {
    let mut store = Store::open(data_dir)?;
    let mut out = Vec::new();
    for f in files {
        let stats = store.import_warc_until(f, stop)?;
        tracing::info!(file = %f.display(), added = stats.added, duplicates = stats.duplicates, "imported");
        out.push((f.clone(), stats));
    }
    Ok(out)
}

/// What one `extract` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtractStats {
    pub pages: usize,
    pub articles: usize,
    pub relevant: usize,
    pub skipped: usize,
    /// Of the skipped pages, those the extractor failed on (a panic caught and recorded).
    pub failed: usize,
    pub events: usize,
}

/// Start of the stored skip reason of a page whose extraction failed (panicked): such pages are
/// queued again when [`EXTRACTOR_VERSION`] changes, or by `extract --all`.
pub const FAILED: &str = "extractor failed: ";

/// The extractor build that decides whether failed pages are worth retrying: a new warta
/// version may have fixed what failed.
pub const EXTRACTOR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Runs one page's pure extraction step so that a bug in it (a panic) costs that page only:
/// the panic becomes the page's skip reason, stored in the catalogue, and the run goes on.
/// Without this one bad page aborted every later run and the data directory was stuck.
fn fail_safe<T>(step: impl FnOnce() -> T) -> Result<T, String> {
    IN_FAIL_SAFE.with(|f| f.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(step));
    IN_FAIL_SAFE.with(|f| f.set(false));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        format!("{FAILED}{}", message.replace('\n', " "))
    })
}

thread_local! {
    static IN_FAIL_SAFE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the current thread is inside a per-page step whose panic is caught and recorded as
/// the page's skip reason: a panic hook uses it to stay quiet about panics that are handled.
pub fn panic_is_handled() -> bool {
    IN_FAIL_SAFE.with(|f| f.get())
}

/// Debug builds only: `WARTA_FAULT_PANIC_URL=substring` makes extraction panic on pages whose URL
/// contains it, so the end-to-end tests exercise the fail-safe path whatever bugs the extractor
/// has or no longer has. Compiled out of release builds.
fn inject_fault(url: &str) {
    #[cfg(debug_assertions)]
    {
        static FAULT: std::sync::LazyLock<Option<String>> = std::sync::LazyLock::new(|| {
            std::env::var("WARTA_FAULT_PANIC_URL")
                .ok()
                .filter(|s| !s.is_empty())
        });
        if let Some(f) = FAULT.as_deref()
            && url.contains(f)
        {
            panic!("injected fault for {url}");
        }
    }
    let _ = url;
}

/// Turns archived pages into articles and event candidates, then merges candidates across
/// outlets into events. Only pages not yet processed are read unless `all` is set.
///
/// Multi-page articles are stitched: a page whose next page is archived gets that page's text
/// appended before its events are read, and the later pages are stored as articles of their
/// own without events. When a later page arrives after its first page was extracted, the
/// first page is extracted again in the same run.
pub fn extract(
    store: &mut Store,
    gazetteer: &Gazetteer,
    all: bool,
    progress: &dyn Progress,
) -> Result<ExtractStats, PipelineError> {
    extract_with_rules(store, gazetteer, all, &SiteRuleBook::default(), progress)
}

/// Per-site extraction rules by host (from the crawl configuration's `[site.extract]`).
#[derive(Debug, Clone, Default)]
pub struct SiteRuleBook {
    by_host: std::collections::HashMap<String, SiteRules>,
}

impl SiteRuleBook {
    /// Adds the rules of the site at `base_url` (its host without "www.").
    pub fn insert(&mut self, base_url: &str, rules: SiteRules) {
        if !rules.is_empty() {
            self.by_host.insert(site_of(base_url), rules);
        }
    }

    fn for_url(&self, url: &str) -> &SiteRules {
        static NONE: std::sync::LazyLock<SiteRules> = std::sync::LazyLock::new(SiteRules::default);
        self.by_host.get(&site_of(url)).unwrap_or(&NONE)
    }
}

/// [`extract`] with per-site rules that override the generic extractor where they match.
pub fn extract_with_rules(
    store: &mut Store,
    gazetteer: &Gazetteer,
    all: bool,
    rules: &SiteRuleBook,
    progress: &dyn Progress,
) -> Result<ExtractStats, PipelineError> {
    let extractor = Extractor::new(gazetteer);
    // Pages the extractor failed on are retried by a new extractor, not on every run.
    let requeued = store.requeue_failed(FAILED, EXTRACTOR_VERSION)?;
    if requeued > 0 {
        tracing::info!(
            pages = requeued,
            "retrying pages an earlier extractor version failed on"
        );
    }
    let mut pages = store.pending_pages(all)?;
    let mut stats = ExtractStats {
        pages: pages.len(),
        ..Default::default()
    };
    progress.start("extract", pages.len() as u64);
    let mut done: HashSet<i64> = HashSet::new();
    while !pages.is_empty() {
        let mut first_pages = Vec::new();
        let mut start = 0;
        while start < pages.len() {
            // Pages are read lazily, up to BATCH pages or BATCH_BYTES of responses, so the
            // memory of a run is bounded whatever the pages weigh.
            let mut loaded: Vec<(&PageRow, Result<HttpResponse, String>)> = Vec::new();
            let mut bytes = 0;
            while let Some(p) = pages.get(start + loaded.len())
                && loaded.len() < BATCH
                && bytes < BATCH_BYTES
            {
                let response = store.load_response(p).map_err(|e| e.to_string());
                bytes += response.as_ref().map_or(0, |r| r.body.len());
                loaded.push((p, response));
            }
            let batch = &pages[start..start + loaded.len()];
            start += loaded.len();
            let mut read: Vec<(&PageRow, Result<ExtractedArticle, String>)> = loaded
                .into_par_iter()
                .map(|(page, response)| {
                    let article = fail_safe(|| read_page(page, response, rules.for_url(&page.url)))
                        .and_then(|r| r);
                    (page, article)
                })
                .collect();
            // Stitching reads the store, so it runs here, between the parallel steps.
            let mut continues = Vec::with_capacity(read.len());
            for (_, article) in read.iter_mut() {
                let mut is_continuation = false;
                if let Ok(a) = article {
                    if let Some(prev) = &a.previous_page
                        && let Some(first) = store.page_by_url(prev)?
                    {
                        is_continuation = true;
                        first_pages.push(first.id);
                    }
                    stitch(store, a, rules)?;
                }
                continues.push(is_continuation);
            }
            let outcomes: Vec<Extraction> =
                read.into_par_iter()
                    .zip(continues)
                    .map(|((page, article), continuation)| {
                        fail_safe(|| analyse(page, article, continuation, &extractor))
                            .unwrap_or_else(|reason| Extraction::Skipped {
                                page_id: page.id,
                                reason,
                            })
                    })
                    .collect();
            for o in &outcomes {
                match o {
                    Extraction::Article { article, .. } => {
                        stats.articles += 1;
                        stats.relevant += article.relevant as usize;
                    }
                    Extraction::Skipped { page_id, reason } => {
                        if reason.starts_with(FAILED) {
                            let url = batch
                                .iter()
                                .find(|p| p.id == *page_id)
                                .map(|p| p.url.as_str())
                                .unwrap_or_default();
                            tracing::warn!("skipping {url}: {reason}");
                            stats.failed += 1;
                        } else {
                            tracing::debug!(page_id, reason, "skipped");
                        }
                        stats.skipped += 1;
                    }
                }
            }
            store.save_extractions(&outcomes)?;
            progress.inc(batch.len() as u64);
        }
        done.extend(pages.iter().map(|p| p.id));
        // First pages extracted in an earlier run, before this later page was archived.
        first_pages.retain(|id| !done.contains(id));
        first_pages.sort_unstable();
        first_pages.dedup();
        if first_pages.is_empty() {
            break;
        }
        store.requeue_pages(&first_pages)?;
        pages = store.pending_pages(false)?;
        pages.retain(|p| !done.contains(&p.id));
        stats.pages += pages.len();
    }
    progress.finish();
    let events = merge_safely(store)?;
    stats.events = events.len();
    store.replace_events(&events)?;
    Ok(stats)
}

/// Merges event candidates across outlets. A bug in merging (a panic) must not leave every later
/// run stuck on the same error with yesterday's events: the candidates are stored unmerged, one
/// record per report, and the log says why, until a fixed warta merges them.
fn merge_safely(store: &Store) -> Result<Vec<Event>, PipelineError> {
    let merged = fail_safe(|| {
        inject_merge_fault();
        store.event_candidates().map(merge_events)
    });
    match merged {
        Ok(events) => Ok(events?),
        Err(reason) => {
            // Read again rather than kept aside on every run for this rare case.
            let unmerged: Vec<Event> = store
                .event_candidates()?
                .into_iter()
                .flat_map(|(_, events)| events)
                .collect();
            tracing::error!(
                "merging events across outlets failed ({reason}); {} events stored unmerged",
                unmerged.len()
            );
            Ok(unmerged)
        }
    }
}

/// Debug builds only: `WARTA_FAULT_PANIC_MERGE=1` makes the merge step panic, for the tests of
/// [`merge_safely`]. Compiled out of release builds.
fn inject_merge_fault() {
    #[cfg(debug_assertions)]
    if std::env::var_os("WARTA_FAULT_PANIC_MERGE").is_some_and(|v| v == "1") {
        panic!("injected fault in merging");
    }
}

/// Pages of one article stitched together at most: pagination beyond this is a trap.
const MAX_ARTICLE_PAGES: usize = 20;

/// Appends the archived following pages of a multi-page article, in order.
fn stitch(
    store: &Store,
    article: &mut ExtractedArticle,
    rules: &SiteRuleBook,
) -> Result<(), PipelineError> {
    let mut seen = HashSet::new();
    let mut count = 1;
    while let Some(next) = article.next_page.clone() {
        if count >= MAX_ARTICLE_PAGES || !seen.insert(next.clone()) {
            break;
        }
        let Some(row) = store.page_by_url(&next)? else {
            break;
        };
        let response = match store.load_response(&row) {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(url = %next, error = %e, "next page unreadable");
                break;
            }
        };
        let more = fail_safe(|| {
            warta_article::extract_bytes_with(
                &response.body,
                response.content_type(),
                &row.url,
                rules.for_url(&row.url),
            )
            .map_err(|e| e.to_string())
        })
        .and_then(|r| r);
        match more {
            Ok(more) => article.append_page(more),
            Err(e) => {
                tracing::debug!(url = %next, error = %e, "next page has no article");
                break;
            }
        }
        count += 1;
    }
    Ok(())
}

/// One page's HTTP response to its clean article, or the reason it is not one.
fn read_page(
    page: &PageRow,
    response: Result<HttpResponse, String>,
    rules: &SiteRules,
) -> Result<ExtractedArticle, String> {
    let response = response?;
    if !(200..300).contains(&response.status) {
        return Err(format!("HTTP status {}", response.status));
    }
    if let Some(ct) = response.content_type()
        && !ct.to_ascii_lowercase().contains("html")
    {
        return Err(format!("not HTML: {ct}"));
    }
    let extracted = warta_article::extract_bytes_with(
        &response.body,
        response.content_type(),
        &page.url,
        rules,
    )
    .map_err(|e| e.to_string())?;
    if extracted.text.trim().is_empty() {
        return Err("no article text".into());
    }
    Ok(extracted)
}

/// The article with its events. A later page of a multi-page article has none: its text is
/// read as part of the first page.
fn analyse(
    page: &PageRow,
    extracted: Result<ExtractedArticle, String>,
    continuation: bool,
    extractor: &Extractor<'_>,
) -> Extraction {
    let extracted = match extracted {
        Ok(a) => a,
        Err(reason) => {
            return Extraction::Skipped {
                page_id: page.id,
                reason,
            };
        }
    };
    inject_fault(&page.url);
    let mut article = Article {
        id: warta_store::article_id(&page.url),
        url: page.url.clone(),
        canonical_url: extracted.canonical_url,
        site: site_of(&page.url),
        title: extracted.title,
        published: extracted.published,
        modified: extracted.modified,
        authors: extracted.authors,
        text: extracted.text,
        lang: extracted.lang,
        relevant: false,
        why: None,
        fetched_at: page
            .fetched_at
            .as_deref()
            .and_then(|t| Timestamp::parse_from_rfc3339(t).ok()),
        archive: Some(ArchiveRef {
            file: page.warc_file.clone(),
            offset: page.warc_offset,
        }),
    };
    if continuation {
        return Extraction::Article {
            page_id: page.id,
            article: Box::new(article),
            events: Vec::new(),
        };
    }
    let analysis = extractor.analyse(&article);
    article.relevant = analysis.relevant;
    article.why = Some(analysis.why.clone());
    Extraction::Article {
        page_id: page.id,
        article: Box::new(article),
        events: analysis.events,
    }
}

/// The outlet's host name without "www.": what researchers call the site.
pub fn site_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        })
        .unwrap_or_default()
}

/// What one `index` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexStats {
    pub articles: usize,
    pub events: usize,
    pub rebuilt: bool,
    /// Why the index was found damaged and rebuilt from the catalogue, if it was.
    pub repaired: Option<String>,
}

/// Brings the search index up to date: new or changed articles are added; when the merged
/// events changed, everything is re-indexed (article filters depend on events).
pub fn index(store: &Store) -> Result<IndexStats, PipelineError> {
    index_with(store, false)
}

/// [`index`], rebuilding everything from the catalogue when `rebuild` is set.
pub fn index_with(store: &Store, rebuild: bool) -> Result<IndexStats, PipelineError> {
    let (mut idx, repaired) = SearchIndex::open_or_repair(&store.index_dir())?;
    if let Some(reason) = &repaired {
        tracing::warn!(
            "the search index in {} was damaged ({reason}); rebuilding it from the catalogue",
            store.index_dir().display()
        );
    }
    let events_version = store.meta("events_version")?.unwrap_or_default();
    let indexed_version = store.meta("indexed_events_version")?.unwrap_or_default();
    let mut since: i64 = store
        .meta("indexed_article_seq")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let (indexed_articles, _) = idx.doc_count()?;
    let rebuild = rebuild
        || events_version != indexed_version
        || indexed_articles == 0
        || idx.was_rebuilt()
        || repaired.is_some();
    if rebuild {
        since = 0;
    }
    let (articles, max_seq) = store.articles_since(since)?;
    let events = store.events()?;
    // One pass over the events, then a lookup per article: linear, not articles × events.
    let by_article = events_by_article(&events);
    let docs: Vec<ArticleDoc<'_>> = articles
        .iter()
        .map(|a| article_doc(a, by_article.get(a.id.as_str()).map_or(&[], Vec::as_slice)))
        .collect();
    if rebuild {
        // Every article is at hand here: each event is shown by its first source's sentences.
        let texts: std::collections::HashMap<&str, &str> = articles
            .iter()
            .map(|a| (a.id.as_str(), a.text.as_str()))
            .collect();
        let event_docs: Vec<EventDoc<'_>> = events
            .iter()
            .map(|event| EventDoc {
                event,
                sentences: event
                    .sources
                    .first()
                    .and_then(|s| texts.get(s.article_id.as_str()))
                    .map(|text| evidence_sentences(event, text))
                    .unwrap_or_default(),
            })
            .collect();
        // One commit: concurrent searches see the old index until the new one is complete.
        idx.replace_all(&docs, &event_docs)?;
    } else {
        idx.index_articles(&docs)?;
    }
    store.set_meta("indexed_article_seq", &max_seq.to_string())?;
    store.set_meta("indexed_events_version", &events_version)?;
    Ok(IndexStats {
        articles: articles.len(),
        events: if rebuild { events.len() } else { 0 },
        rebuilt: rebuild,
        repaired,
    })
}

/// The sentences of `text` (the event's first source) that hold its evidence, in text order,
/// each once: what a search result shows for the event. A sentence ends at `.`, `!` or `?`
/// followed by a space or a line end, or at a line end.
fn evidence_sentences(event: &Event, text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let ends_sentence = |i: usize| -> bool {
        match chars.get(i) {
            Some('\n') => true,
            Some('.' | '!' | '?') => chars.get(i + 1).is_none_or(|c| c.is_whitespace()),
            _ => false,
        }
    };
    let mut spans: Vec<(usize, usize)> = event
        .evidence
        .iter()
        .filter(|ev| ev.source == 0 && ev.start < ev.end && ev.end <= chars.len())
        .map(|ev| {
            let mut start = ev.start;
            while start > 0 && !ends_sentence(start - 1) {
                start -= 1;
            }
            let mut end = ev.end;
            while end < chars.len() && !ends_sentence(end - 1) {
                end += 1;
            }
            (start, end)
        })
        .collect();
    spans.sort_unstable();
    spans.dedup();
    let mut out: Vec<String> = Vec::new();
    let mut covered = 0;
    for (start, end) in spans {
        if end <= covered {
            continue;
        }
        let sentence: String = chars[start.max(covered)..end].iter().collect();
        let sentence = sentence.trim();
        if !sentence.is_empty() {
            out.push(sentence.to_string());
        }
        covered = end;
    }
    out
}

/// How many articles the index has not seen yet (to warn a user who searches a stale index).
pub fn unindexed(store: &Store) -> Result<usize, PipelineError> {
    let since: i64 = store
        .meta("indexed_article_seq")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let stale_events = store.meta("events_version")?.unwrap_or_default()
        != store.meta("indexed_events_version")?.unwrap_or_default();
    let (articles, _) = store.articles_since(since)?;
    Ok(articles.len() + stale_events as usize)
}

fn article_doc<'a>(article: &'a Article, events: &[&Event]) -> ArticleDoc<'a> {
    let mut doc = ArticleDoc {
        article,
        orgs: Vec::new(),
        org_keys: Vec::new(),
        event_types: Vec::new(),
        provinces: Vec::new(),
    };
    for e in events {
        doc.event_types.push(e.event_type.code().to_string());
        for p in &e.participants {
            doc.orgs.extend(p.id.iter().cloned());
            doc.orgs.push(p.name.clone());
            doc.orgs.extend(p.acronym.iter().cloned());
            doc.org_keys.extend(warta_export::participant_keys(p));
        }
        // Province and place, as `Filter::matches_article` tests them.
        doc.provinces.extend(e.location.province.iter().cloned());
        doc.provinces.extend(e.location.place.iter().cloned());
    }
    doc.orgs.sort();
    doc.orgs.dedup();
    doc.org_keys.sort();
    doc.org_keys.dedup();
    doc
}

/// Events that the given article reports, for export filters.
pub fn events_of<'e>(article: &Article, events: &'e [Event]) -> Vec<&'e Event> {
    events
        .iter()
        .filter(|e| e.sources.iter().any(|s| s.article_id == article.id))
        .collect()
}

/// The events each article reports, by article id, in one pass over the events: for work over
/// many articles (indexing, `export --what articles`), where [`events_of`] per article would
/// cost articles × events.
pub fn events_by_article(events: &[Event]) -> std::collections::HashMap<&str, Vec<&Event>> {
    let mut map: std::collections::HashMap<&str, Vec<&Event>> = std::collections::HashMap::new();
    for e in events {
        let mut seen: Vec<&str> = Vec::new();
        for s in &e.sources {
            if !seen.contains(&s.article_id.as_str()) {
                seen.push(&s.article_id);
                map.entry(&s.article_id).or_default().push(e);
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use warta_model::{
        Crosswalk, DateMethod, DatePrecision, EventDate, EventType, Evidence, ExtractorInfo,
        Location, Modality,
    };

    fn event_with(evidence: &[(usize, usize)]) -> Event {
        Event {
            schema_version: warta_model::SCHEMA_VERSION,
            id: "ev".into(),
            event_type: EventType::Audience,
            trigger: "audiensi".into(),
            date: EventDate {
                value: None,
                end: None,
                precision: DatePrecision::Day,
                text: None,
                method: DateMethod::Publication,
            },
            modality: Modality::Occurred,
            location: Location::default(),
            participants: Vec::new(),
            topics: Vec::new(),
            claims: Vec::new(),
            quotes: Vec::new(),
            figures: Vec::new(),
            sources: Vec::new(),
            evidence: evidence
                .iter()
                .map(|&(start, end)| Evidence {
                    field: "type".into(),
                    source: 0,
                    start,
                    end,
                    text: String::new(),
                })
                .collect(),
            confidence: 0.5,
            crosswalk: Crosswalk::default(),
            extractor: ExtractorInfo {
                version: "t".into(),
                gazetteers: "h".into(),
            },
        }
    }

    #[test]
    fn events_by_article_lists_each_event_under_each_source_once() {
        let source = |id: &str| warta_model::Source {
            article_id: id.into(),
            url: format!("https://warta.test/{id}"),
            site: "warta.test".into(),
            title: String::new(),
            published: None,
        };
        let mut a = event_with(&[]);
        a.id = "a".into();
        a.sources = vec![source("x"), source("y"), source("x")];
        let mut b = event_with(&[]);
        b.id = "b".into();
        b.sources = vec![source("y")];
        let events = [a, b];
        let map = events_by_article(&events);
        let ids = |k: &str| -> Vec<&str> { map[k].iter().map(|e| e.id.as_str()).collect() };
        assert_eq!(ids("x"), ["a"]);
        assert_eq!(ids("y"), ["a", "b"]);
        assert!(!map.contains_key("z"));
        // The same answer as the per-article scan it replaces.
        let article = Article {
            id: "y".into(),
            url: "https://warta.test/y".into(),
            canonical_url: None,
            site: "warta.test".into(),
            title: String::new(),
            published: None,
            modified: None,
            authors: Vec::new(),
            text: String::new(),
            lang: None,
            relevant: true,
            why: None,
            fetched_at: None,
            archive: None,
        };
        let scanned: Vec<&str> = events_of(&article, &events)
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(scanned, ids("y"));
    }

    #[test]
    fn evidence_sentences_are_whole_sentences_in_order_once() {
        let text = "Serikat datang pukul 09.00 WIB. Mereka diterima Pak Bupati di pendopo!\nAcara usai siang.";
        let at = |w: &str| text[..text.find(w).unwrap()].chars().count();
        let span = |w: &str| (at(w), at(w) + w.chars().count());
        let e = event_with(&[span("pendopo"), span("Serikat"), span("Bupati")]);
        assert_eq!(
            evidence_sentences(&e, text),
            [
                "Serikat datang pukul 09.00 WIB.",
                "Mereka diterima Pak Bupati di pendopo!"
            ]
        );
        // Spans outside the text are ignored; no evidence, no sentences.
        assert!(evidence_sentences(&event_with(&[(500, 510)]), text).is_empty());
        assert!(evidence_sentences(&event_with(&[]), text).is_empty());
    }
}
