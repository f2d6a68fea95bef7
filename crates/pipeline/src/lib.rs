//! The pipeline over one data directory: `import` → `extract` → `index` → `search`.
//!
//! Each step is a function of the [`Store`] and its inputs; the CLI only parses arguments and
//! prints. Every step is incremental and idempotent: running it twice, or after an interruption,
//! gives the same stored result as running it once.

mod progress;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
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
pub fn extract(
    store: &mut Store,
    gazetteer: &Gazetteer,
    all: bool,
    progress: &dyn Progress,
) -> Result<ExtractStats, PipelineError> {
    let pages = store.pending_pages(all)?;
    let extractor = Extractor::new(gazetteer);
    let mut stats = ExtractStats {
        pages: pages.len(),
        ..Default::default()
    };
    progress.start("extract", pages.len() as u64);
    for batch in pages.chunks(BATCH) {
        let loaded: Vec<(&PageRow, Result<HttpResponse, String>)> = batch
            .iter()
            .map(|p| (p, store.load_response(p).map_err(|e| e.to_string())))
            .collect();
        let outcomes: Vec<Extraction> = loaded
            .into_par_iter()
            .map(|(page, response)| process(page, response, &extractor))
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
    progress.finish();
    let events = merge_events(store.event_candidates()?);
    stats.events = events.len();
    store.replace_events(&events)?;
    Ok(stats)
}

/// One page to an article with its events, or the reason it is not an article.
fn process(
    page: &PageRow,
    response: Result<HttpResponse, String>,
    extractor: &Extractor<'_>,
) -> Extraction {
    let skip = |reason: String| Extraction::Skipped {
        page_id: page.id,
        reason,
    };
    let response = match response {
        Ok(r) => r,
        Err(e) => return skip(e),
    };
    if !(200..300).contains(&response.status) {
        return skip(format!("HTTP status {}", response.status));
    }
    if let Some(ct) = response.content_type()
        && !ct.to_ascii_lowercase().contains("html")
    {
        return skip(format!("not HTML: {ct}"));
    }
    let extracted =
        match warta_article::extract_bytes(&response.body, response.content_type(), &page.url) {
            Ok(a) => a,
            Err(e) => return skip(e.to_string()),
        };
    if extracted.text.trim().is_empty() {
        return skip("no article text".into());
    }
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
        fetched_at: page
            .fetched_at
            .as_deref()
            .and_then(|t| Timestamp::parse_from_rfc3339(t).ok()),
        archive: Some(ArchiveRef {
            file: page.warc_file.clone(),
            offset: page.warc_offset,
        }),
    };
    let analysis = extractor.analyse(&article);
    article.relevant = analysis.relevant;
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
