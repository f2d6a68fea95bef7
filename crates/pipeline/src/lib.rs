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
use warta_index::{ArticleDoc, SearchIndex};
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

/// Imports WARC files. Every file is validated before the data directory is opened, so a bad
/// file leaves the directory exactly as it was (not even created).
pub fn import(
    data_dir: &Path,
    files: &[PathBuf],
) -> Result<Vec<(PathBuf, ImportStats)>, PipelineError> {
    for f in files {
        warta_store::validate_warc(f)?;
    }
    let mut store = Store::open(data_dir)?;
    let mut out = Vec::new();
    for f in files {
        let stats = store.import_warc(f)?;
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
    pub events: usize,
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
    let mut pages = store.pending_pages(all)?;
    let mut stats = ExtractStats {
        pages: pages.len(),
        ..Default::default()
    };
    progress.start("extract", pages.len() as u64);
    let mut done: HashSet<i64> = HashSet::new();
    while !pages.is_empty() {
        let mut first_pages = Vec::new();
        for batch in pages.chunks(BATCH) {
            let loaded: Vec<(&PageRow, Result<HttpResponse, String>)> = batch
                .iter()
                .map(|p| (p, store.load_response(p).map_err(|e| e.to_string())))
                .collect();
            let mut read: Vec<(&PageRow, Result<ExtractedArticle, String>)> = loaded
                .into_par_iter()
                .map(|(page, response)| (page, read_page(page, response, rules.for_url(&page.url))))
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
            let outcomes: Vec<Extraction> = read
                .into_par_iter()
                .zip(continues)
                .map(|((page, article), continuation)| {
                    analyse(page, article, continuation, &extractor)
                })
                .collect();
            for o in &outcomes {
                match o {
                    Extraction::Article { article, .. } => {
                        stats.articles += 1;
                        stats.relevant += article.relevant as usize;
                    }
                    Extraction::Skipped { page_id, reason } => {
                        tracing::debug!(page_id, reason, "skipped");
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
    let events = merge_events(store.event_candidates()?);
    stats.events = events.len();
    store.replace_events(&events)?;
    Ok(stats)
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
        match warta_article::extract_bytes_with(
            &response.body,
            response.content_type(),
            &row.url,
            rules.for_url(&row.url),
        ) {
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexStats {
    pub articles: usize,
    pub events: usize,
    pub rebuilt: bool,
}

/// Brings the search index up to date: new or changed articles are added; when the merged
/// events changed, everything is re-indexed (article filters depend on events).
pub fn index(store: &Store) -> Result<IndexStats, PipelineError> {
    let mut idx = SearchIndex::open(&store.index_dir())?;
    let events_version = store.meta("events_version")?.unwrap_or_default();
    let indexed_version = store.meta("indexed_events_version")?.unwrap_or_default();
    let mut since: i64 = store
        .meta("indexed_article_seq")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let (indexed_articles, _) = idx.doc_count()?;
    let rebuild = events_version != indexed_version || indexed_articles == 0;
    if rebuild {
        idx.clear()?;
        since = 0;
    }
    let (articles, max_seq) = store.articles_since(since)?;
    let events = store.events()?;
    let docs: Vec<ArticleDoc<'_>> = articles.iter().map(|a| article_doc(a, &events)).collect();
    idx.index_articles(&docs)?;
    if rebuild {
        idx.index_events(&events)?;
    }
    store.set_meta("indexed_article_seq", &max_seq.to_string())?;
    store.set_meta("indexed_events_version", &events_version)?;
    Ok(IndexStats {
        articles: articles.len(),
        events: if rebuild { events.len() } else { 0 },
        rebuilt: rebuild,
    })
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

fn article_doc<'a>(article: &'a Article, events: &[Event]) -> ArticleDoc<'a> {
    let mut doc = ArticleDoc {
        article,
        orgs: Vec::new(),
        event_types: Vec::new(),
        provinces: Vec::new(),
    };
    for e in events
        .iter()
        .filter(|e| e.sources.iter().any(|s| s.article_id == article.id))
    {
        doc.event_types.push(e.event_type.code().to_string());
        for p in &e.participants {
            doc.orgs.extend(p.id.iter().cloned());
            doc.orgs.push(p.name.clone());
            doc.orgs.extend(p.acronym.iter().cloned());
        }
        doc.provinces.extend(e.location.province.iter().cloned());
    }
    doc.orgs.sort();
    doc.orgs.dedup();
    doc
}

/// Events that the given article reports, for export filters.
pub fn events_of<'e>(article: &Article, events: &'e [Event]) -> Vec<&'e Event> {
    events
        .iter()
        .filter(|e| e.sources.iter().any(|s| s.article_id == article.id))
        .collect()
}
