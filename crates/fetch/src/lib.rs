//! warta's crawler: fetches new pages of the configured news sites into the archive, politely
//! (robots.txt, one request at a time per host, gaps of at least the configured delay),
//! incrementally (conditional requests, sitemap `lastmod`) and resumably (the frontier lives in
//! the catalogue; a killed run continues where it stopped).
//!
//! ```text
//! config ──► frontier (SQLite) ──► site workers ──► host gates (robots, gap) ──► HTTP
//!                ▲                                                  │
//!                └──── discovery (sitemaps, feeds, links) ◄──── WARC + catalogue
//! ```

pub mod config;
mod crawler;
pub mod discover;
pub mod guard;
pub mod normalize;
pub mod robots;

pub use config::{Config, CrawlConfig, ExtractRules, SiteConfig};
pub use crawler::{
    CrawlEvent, CrawlObserver, CrawlSummary, NoObserver, SiteSummary, crawl, crawl_with,
};

/// What can stop a crawl as a whole. Failures of single URLs are not errors: they are recorded
/// in the catalogue and counted in the summary.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{origin}{}: {message}", .line.map(|l| format!(": line {l}")).unwrap_or_default())]
    Config {
        origin: String,
        line: Option<usize>,
        message: String,
    },
    #[error(transparent)]
    Store(#[from] warta_store::StoreError),
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
    #[error("a crawl task failed: {0}")]
    Task(String),
    #[error("a crawl task panicked while holding the archive; the run was stopped")]
    Poisoned,
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

/// Runs [`crawl`] on its own Tokio runtime, for callers that are not async (the CLI).
pub fn crawl_blocking(
    config: &Config,
    data_dir: &std::path::Path,
) -> Result<CrawlSummary, FetchError> {
    crawl_blocking_with(config, data_dir, std::sync::Arc::new(NoObserver))
}

/// [`crawl_with`] on its own Tokio runtime: the CLI's entry point, with its progress observer.
pub fn crawl_blocking_with(
    config: &Config,
    data_dir: &std::path::Path,
    observer: std::sync::Arc<dyn CrawlObserver>,
) -> Result<CrawlSummary, FetchError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(FetchError::Runtime)?
        .block_on(crawl_with(config, data_dir, observer))
}
