//! The crawl engine: one worker per site walks that site's frontier; every request, whichever
//! site asks for it, goes through the gate of its host, which holds robots.txt for the host's
//! origins and the time the next request may start. Holding the gate for the whole request is
//! what makes "one request in flight per host" true by construction, and stamping the next start
//! time when a response is complete makes every gap at least the policy.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::SecondsFormat;
use tokio::sync::{Mutex as AsyncMutex, Semaphore};
use url::Url;
use warta_store::Store;
use warta_store::archive::{ArchiveWriter, Written, encode_record, http_record_headers};
use warta_store::crawl::{
    FetchRecord, FrontierEntry, FrontierItem, FrontierState, FrontierUpdate, Validators,
};

use crate::FetchError;
use crate::config::{Config, CrawlConfig, SiteConfig};
use crate::discover;
use crate::guard::{self, GuardedResolver};
use crate::normalize::{self, in_site, site_host};
use crate::robots::{Robots, agent_token};

const ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// What a run did for one site.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SiteSummary {
    pub site: String,
    /// 2xx responses archived (pages, feeds, sitemaps).
    pub fetched: u64,
    /// 304 responses, and 2xx bodies identical to the last fetch.
    pub unchanged: u64,
    /// URLs given up: 404/410, other 4xx, too large, retries exhausted, refused.
    pub failed: u64,
    pub skipped_robots: u64,
    /// Not fetched: content type, crawl limits.
    pub skipped_other: u64,
    /// Retries scheduled after a 5xx, a 429 or a network error.
    pub retries: u64,
    /// URLs still pending when the run stopped (limits, long Retry-After): the next run continues.
    pub pending: u64,
}

impl SiteSummary {
    /// Whether the site failed as a whole this run: nothing came back (fetched or unchanged)
    /// and something was refused, failed or barred by robots.txt. One bad URL is not that; an
    /// unreachable or blocking site is, and the nightly job reports it.
    pub fn failed_as_a_whole(&self) -> bool {
        self.fetched + self.unchanged == 0 && self.failed + self.skipped_robots > 0
    }

    fn add(&mut self, other: &SiteSummary) {
        self.fetched += other.fetched;
        self.unchanged += other.unchanged;
        self.failed += other.failed;
        self.skipped_robots += other.skipped_robots;
        self.skipped_other += other.skipped_other;
        self.retries += other.retries;
        self.pending += other.pending;
    }
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CrawlSummary {
    pub sites: Vec<SiteSummary>,
    /// HTTP requests sent, robots.txt included.
    pub requests: u64,
}

impl CrawlSummary {
    /// The per-site counts added up, under the site name `total`.
    pub fn totals(&self) -> SiteSummary {
        let mut t = SiteSummary {
            site: "total".into(),
            ..SiteSummary::default()
        };
        for s in &self.sites {
            t.add(s);
        }
        t
    }

    /// Every configured site failed as a whole: the run as such failed (network down, a
    /// blocked crawler), which is what should make a cron job's exit status non-zero.
    pub fn all_failed(&self) -> bool {
        !self.sites.is_empty() && self.sites.iter().all(SiteSummary::failed_as_a_whole)
    }
}

/// What happened during a crawl, as it happens: for progress bars and log lines. Terminal
/// events (`Fetched`, `Failed`, `Skipped`) come once per frontier URL dealt with in this run.
#[derive(Debug, Clone, Copy)]
pub enum CrawlEvent<'a> {
    /// A site's worker starts, with the URLs already waiting for it (entry points included).
    SiteStarted { site: &'a str, pending: u64 },
    /// A URL was fetched (or found unchanged) and is done.
    Fetched {
        site: &'a str,
        url: &'a str,
        status: Option<u16>,
        outcome: &'a str,
    },
    /// A URL was given up for good (404, retries used up, refused, too large).
    Failed {
        site: &'a str,
        url: &'a str,
        outcome: &'a str,
        error: Option<&'a str>,
    },
    /// A URL was not fetched on purpose (robots.txt, content type).
    Skipped {
        site: &'a str,
        url: &'a str,
        outcome: &'a str,
    },
    /// A URL will be tried again later (5xx, 429, network error).
    Retry { site: &'a str, url: &'a str },
    /// New URLs entered the site's frontier.
    Discovered { site: &'a str, added: u64 },
    /// The site's worker stopped (frontier empty or a limit reached).
    SiteFinished { summary: &'a SiteSummary },
}

/// Receives [`CrawlEvent`]s. Called from the crawl's worker tasks, so it must be cheap and must
/// not block; it is never called while the archive is locked.
pub trait CrawlObserver: Send + Sync {
    fn on_event(&self, event: &CrawlEvent<'_>);
}

/// An observer that ignores everything: what [`crawl`] uses.
pub struct NoObserver;

impl CrawlObserver for NoObserver {
    fn on_event(&self, _: &CrawlEvent<'_>) {}
}

/// Crawls the configured sites into the data directory at `data_dir`: pending URLs first, then
/// whatever the feeds, sitemaps and listing pages lead to, within the configured limits.
pub async fn crawl(config: &Config, data_dir: &Path) -> Result<CrawlSummary, FetchError> {
    crawl_with(config, data_dir, Arc::new(NoObserver)).await
}

/// [`crawl`], reporting progress to `observer`.
///
/// The caller must be the only writer of the data directory while this runs (the CLI holds a
/// lock file): on start, archive records that a killed earlier run wrote but never catalogued
/// are cut off the end of the newest archive file, so a refetch does not archive a page twice.
pub async fn crawl_with(
    config: &Config,
    data_dir: &Path,
    observer: Arc<dyn CrawlObserver>,
) -> Result<CrawlSummary, FetchError> {
    let store = Store::open(data_dir)?;
    let active = ActiveDir::wait_for(store.root()).await;
    drop_uncatalogued_tail(&store)?;
    let writer = ArchiveWriter::new(&store.archive_dir(), config.crawl.warc_rotate_bytes)?;
    let shared = Arc::new(Shared::new(&config.crawl, store, writer, observer, active)?);
    let mut sites = Vec::new();
    for site in &config.sites {
        sites.push(shared.prepare_site(site)?);
    }
    // A JoinSet: if the crawl future is dropped (Ctrl-C, a caller's timeout), the site tasks
    // stop with it instead of running on detached.
    let mut tasks = tokio::task::JoinSet::new();
    for site in sites {
        let shared = Arc::clone(&shared);
        tasks.spawn(async move { shared.run_site(site).await });
    }
    let mut summary = CrawlSummary::default();
    let mut first_error = None;
    while let Some(done) = tasks.join_next().await {
        match done {
            Ok(Ok(s)) => summary.sites.push(s),
            Ok(Err(e)) => first_error = first_error.or(Some(e)),
            Err(e) => first_error = first_error.or(Some(FetchError::Task(e.to_string()))),
        }
    }
    summary.sites.sort_by_key(|s| {
        config
            .sites
            .iter()
            .position(|c| c.name == s.site)
            .unwrap_or(usize::MAX)
    });
    shared.sink()?.writer.sync()?;
    if let Some(e) = first_error {
        return Err(e);
    }
    summary.requests = shared.requests.load(Ordering::Relaxed);
    Ok(summary)
}

struct Sink {
    store: Store,
    writer: ArchiveWriter,
}

/// Data directories a crawl of this process is writing to.
static ACTIVE_DIRS: Mutex<Vec<std::path::PathBuf>> = Mutex::new(Vec::new());

/// This process's claim on a data directory, released when the crawl's last task is gone.
///
/// A dropped crawl future aborts its tasks, but a task busy in synchronous code (appending to
/// the archive, committing a catalogue row) finishes that step first. A new crawl of the same
/// directory in the same process waits for that, so it never trims or appends to an archive
/// file another writer is still using. (Other processes are kept out by the CLI's lock file.)
struct ActiveDir(std::path::PathBuf);

impl ActiveDir {
    async fn wait_for(dir: &Path) -> ActiveDir {
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        loop {
            {
                let mut active = ACTIVE_DIRS.lock().unwrap_or_else(|e| e.into_inner());
                if !active.contains(&dir) {
                    active.push(dir.clone());
                    return ActiveDir(dir);
                }
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

impl Drop for ActiveDir {
    fn drop(&mut self) {
        // A poisoned registry still holds valid paths: recover it rather than leak the claim.
        let mut active = ACTIVE_DIRS.lock().unwrap_or_else(|e| e.into_inner());
        active.retain(|d| *d != self.0);
    }
}

/// Most records a killed run can have written without cataloguing them: one request/response
/// pair per site worker plus redirect hops. A longer uncatalogued tail means something else is
/// going on (a catalogue restored from an old backup), and then nothing is cut.
const MAX_ORPHAN_RECORDS: usize = 256;

/// Cuts records off the end of the newest archive file that no catalogue row points at.
///
/// Every record the crawler writes is catalogued right after it is written and synced (a request
/// record just before its response); a `kill -9` between the two leaves a record pair that no
/// row refers to, and the URL still pending — so the next run would fetch and archive it again.
/// Torn gzip members are cut first. Only the newest file can end with such records, as long as
/// one process writes at a time.
fn drop_uncatalogued_tail(store: &Store) -> Result<(), FetchError> {
    let dir = store.archive_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(());
    };
    let mut files: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .collect();
    files.sort();
    let Some(path) = files.pop() else {
        return Ok(());
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    warta_store::archive::truncate_torn_tail(&path)?;
    let mut last: Option<u64> = None;
    for f in store.crawl_fetches()? {
        if f.warc_file.as_deref() == Some(name.as_str()) {
            last = last.max(f.warc_offset);
        }
    }
    for p in store.pending_pages(true)? {
        if p.warc_file == name {
            last = last.max(Some(p.warc_offset));
        }
    }
    // A file no row points at is left alone: it was not written by a crawl of this catalogue.
    let Some(last) = last else {
        return Ok(());
    };
    let io = |e| warta_store::StoreError::Io {
        path: path.clone(),
        source: e,
    };
    let mut tail = Vec::new();
    {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = std::fs::File::open(&path).map_err(io)?;
        file.seek(SeekFrom::Start(last)).map_err(io)?;
        file.read_to_end(&mut tail).map_err(io)?;
    }
    let members = gzip_members(&tail);
    if members.len() <= 1 {
        return Ok(());
    }
    if members.len() - 1 > MAX_ORPHAN_RECORDS {
        tracing::warn!(file = %path.display(), records = members.len() - 1,
            "the archive holds more uncatalogued records than a killed crawl leaves; not cutting");
        return Ok(());
    }
    let cut = last + members[1];
    tracing::warn!(file = %path.display(), offset = cut, records = members.len() - 1,
        "removing archive records of an interrupted crawl that were never catalogued");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .map_err(io)?;
    file.set_len(cut).map_err(io)?;
    file.sync_all().map_err(io)?;
    Ok(())
}

/// Start offsets of the complete gzip members at the start of `bytes` (the first is 0).
fn gzip_members(bytes: &[u8]) -> Vec<u64> {
    let mut starts = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let start = (bytes.len() - rest.len()) as u64;
        let mut decoder = flate2::bufread::GzDecoder::new(&mut rest);
        if std::io::copy(&mut decoder, &mut std::io::sink()).is_err() {
            break;
        }
        drop(decoder);
        starts.push(start);
        if start == (bytes.len() - rest.len()) as u64 {
            break;
        }
    }
    starts
}

#[derive(Default)]
struct HostGate {
    next_at: Option<Instant>,
    delay: Duration,
    /// robots.txt per origin (scheme, host, port) on this host, or why the SSRF guard refused
    /// the origin.
    robots: HashMap<String, Result<Arc<Robots>, String>>,
}

struct Shared {
    cfg: CrawlConfig,
    agent: String,
    client: reqwest::Client,
    sink: Mutex<Sink>,
    archive_dir: std::path::PathBuf,
    hosts: Mutex<HashMap<String, Arc<AsyncMutex<HostGate>>>>,
    permits: Semaphore,
    pages_left: AtomicU64,
    requests: AtomicU64,
    /// RFC 3339 start of this run: entry points fetched before it are due again.
    started: String,
    observer: Arc<dyn CrawlObserver>,
    /// Dropped last, with the last task.
    _active: ActiveDir,
}

struct SiteRun {
    name: String,
    host: String,
    summary: SiteSummary,
    pages: u64,
    query_variants: HashMap<String, HashSet<String>>,
}

/// One HTTP exchange, archived.
struct Exchange {
    url: Url,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    truncated: bool,
    body_skipped: bool,
    unchanged: bool,
    digest: Option<String>,
    fetched_at: String,
    warc: Option<Written>,
}

impl Exchange {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

enum Hop {
    RobotsDenied,
    Refused(String),
    Network { error: String, fetched_at: String },
    Response(Box<Exchange>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Page,
    Feed,
    Sitemap,
    Robots,
}

impl Kind {
    fn parse(s: &str) -> Kind {
        match s {
            "feed" => Kind::Feed,
            "sitemap" => Kind::Sitemap,
            _ => Kind::Page,
        }
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(SecondsFormat::Millis, false)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Sitemap `lastmod` values in the form `fetched_at` is stored in, so the catalogue can compare
/// them as strings; unparsable dates are dropped rather than guessed.
fn normalize_lastmod(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(
            t.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(SecondsFormat::Millis, false),
        );
    }
    chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().to_rfc3339_opts(SecondsFormat::Millis, false))
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let ms = when.timestamp_millis() - now_ms();
    Some(Duration::from_millis(ms.max(0) as u64))
}

fn jitter(bound_ms: u64, salt: &str) -> u64 {
    if bound_ms == 0 {
        return 0;
    }
    let h = std::collections::hash_map::RandomState::new().hash_one((salt, now_ms()));
    h % bound_ms
}

impl Shared {
    fn new(
        cfg: &CrawlConfig,
        store: Store,
        writer: ArchiveWriter,
        observer: Arc<dyn CrawlObserver>,
        active: ActiveDir,
    ) -> Result<Shared, FetchError> {
        // TLS runs on ring: reqwest's default provider (aws-lc) is a large C build that cost a
        // newcomer minutes of compiling for nothing a news crawler needs. Installing fails only
        // when a provider is already installed, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .user_agent(cfg.user_agent.clone())
            .timeout(Duration::from_secs(cfg.timeout_s.max(1)))
            .connect_timeout(Duration::from_secs(cfg.timeout_s.clamp(1, 10)))
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(GuardedResolver {
                allow_private: cfg.allow_private_addresses,
            }))
            .no_proxy()
            .build()
            .map_err(|e| FetchError::Client(e.to_string()))?;
        Ok(Shared {
            agent: agent_token(&cfg.user_agent),
            cfg: cfg.clone(),
            client,
            archive_dir: store.archive_dir(),
            sink: Mutex::new(Sink { store, writer }),
            hosts: Mutex::new(HashMap::new()),
            permits: Semaphore::new(cfg.concurrency.max(1)),
            pages_left: AtomicU64::new(if cfg.max_pages == 0 {
                u64::MAX
            } else {
                cfg.max_pages
            }),
            requests: AtomicU64::new(0),
            started: now_rfc3339(),
            observer,
            _active: active,
        })
    }

    fn sink(&self) -> Result<std::sync::MutexGuard<'_, Sink>, FetchError> {
        self.sink.lock().map_err(|_| FetchError::Poisoned)
    }

    fn gate(&self, host: &str) -> Result<Arc<AsyncMutex<HostGate>>, FetchError> {
        let mut hosts = self.hosts.lock().map_err(|_| FetchError::Poisoned)?;
        Ok(Arc::clone(hosts.entry(host.to_string()).or_insert_with(
            || {
                Arc::new(AsyncMutex::new(HostGate {
                    delay: Duration::from_millis(self.cfg.min_delay_ms),
                    ..HostGate::default()
                }))
            },
        )))
    }

    /// Queues the site's entry points again (they change between runs) and returns its state.
    fn prepare_site(&self, site: &SiteConfig) -> Result<SiteRun, FetchError> {
        let base = Url::parse(&site.base_url).map_err(|e| FetchError::Config {
            origin: site.name.clone(),
            line: None,
            message: format!("bad base_url: {e}"),
        })?;
        let mut entries = Vec::new();
        let lists = [
            (&site.sitemaps, "sitemap"),
            (&site.feeds, "feed"),
            (&site.seeds, "page"),
        ];
        for (urls, kind) in lists {
            for u in urls {
                if let Some(url) = Url::parse(u).ok().and_then(normalize::normalize) {
                    entries.push(FrontierEntry {
                        url: url.to_string(),
                        site: site.name.clone(),
                        kind: kind.into(),
                        depth: 0,
                        lastmod: None,
                    });
                }
            }
        }
        self.sink()?
            .store
            .frontier_requeue(&entries, &self.started)?;
        Ok(SiteRun {
            name: site.name.clone(),
            host: site_host(&base),
            summary: SiteSummary {
                site: site.name.clone(),
                ..SiteSummary::default()
            },
            pages: 0,
            query_variants: HashMap::new(),
        })
    }

    async fn run_site(&self, mut site: SiteRun) -> Result<SiteSummary, FetchError> {
        let horizon = self.cfg.max_retry_after_s as i64 * 1000;
        let pending = self
            .sink()?
            .store
            .frontier_count(&site.name, FrontierState::Pending)?;
        self.observer.on_event(&CrawlEvent::SiteStarted {
            site: &site.name,
            pending,
        });
        loop {
            let Some(item) = self.sink()?.store.frontier_next(&site.name)? else {
                break;
            };
            let wait = item.next_at - now_ms();
            if wait > horizon {
                break;
            }
            if wait > 0 {
                tokio::time::sleep(Duration::from_millis(wait as u64)).await;
            }
            if Kind::parse(&item.kind) == Kind::Page {
                if self.cfg.max_pages_per_site > 0 && site.pages >= self.cfg.max_pages_per_site {
                    break;
                }
                let left = self
                    .pages_left
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
                if left.is_err() {
                    break;
                }
                site.pages += 1;
            }
            self.process(&mut site, &item).await?;
        }
        site.summary.pending = self
            .sink()?
            .store
            .frontier_count(&site.name, FrontierState::Pending)?;
        self.observer.on_event(&CrawlEvent::SiteFinished {
            summary: &site.summary,
        });
        Ok(site.summary)
    }

    fn record(&self, rec: &FetchRecord, update: Option<FrontierUpdate>) -> Result<(), FetchError> {
        // Write-ahead: the WARC records a catalogue row points at are on disk before the row.
        // The sync runs outside the sink lock so that other sites keep writing meanwhile.
        if let Some(w) = &rec.warc {
            ArchiveWriter::sync_file(&self.archive_dir, &w.file)?;
        }
        let mut sink = self.sink()?;
        sink.store.record_fetch(rec, update)?;
        drop(sink);
        if let Some(u) = update {
            let (site, url, outcome) = (rec.site.as_str(), rec.url.as_str(), rec.outcome.as_str());
            let event = match u.state {
                FrontierState::Done => CrawlEvent::Fetched {
                    site,
                    url,
                    status: rec.status,
                    outcome,
                },
                FrontierState::Failed => CrawlEvent::Failed {
                    site,
                    url,
                    outcome,
                    error: rec.error.as_deref(),
                },
                FrontierState::Skipped => CrawlEvent::Skipped { site, url, outcome },
                FrontierState::Pending => CrawlEvent::Retry { site, url },
            };
            self.observer.on_event(&event);
        }
        Ok(())
    }

    /// Adds discovered URLs; sitemaps are entry points, due again once per run.
    fn add(&self, entries: &[FrontierEntry]) -> Result<(), FetchError> {
        if entries.is_empty() {
            return Ok(());
        }
        let (sitemaps, others): (Vec<FrontierEntry>, Vec<FrontierEntry>) =
            entries.iter().cloned().partition(|e| e.kind == "sitemap");
        let mut sink = self.sink()?;
        let added = sink.store.frontier_add(&others)?;
        sink.store.frontier_requeue(&sitemaps, &self.started)?;
        drop(sink);
        if added > 0
            && let Some(site) = entries.first().map(|e| e.site.as_str())
        {
            self.observer
                .on_event(&CrawlEvent::Discovered { site, added });
        }
        Ok(())
    }

    async fn process(&self, site: &mut SiteRun, item: &FrontierItem) -> Result<(), FetchError> {
        let kind = Kind::parse(&item.kind);
        let base = FetchRecord {
            site: site.name.clone(),
            url: item.url.clone(),
            final_url: item.url.clone(),
            ..FetchRecord::default()
        };
        let mut current = match Url::parse(&item.url) {
            Ok(u) => u,
            Err(e) => {
                let rec = FetchRecord {
                    outcome: "error".into(),
                    error: Some(format!("bad URL: {e}")),
                    fetched_at: now_rfc3339(),
                    ..base
                };
                site.summary.failed += 1;
                return self.record(&rec, Some(update(FrontierState::Failed, item.attempts, 0)));
            }
        };
        let mut redirects = 0;
        loop {
            let validators = self.sink()?.store.validators(current.as_str())?;
            let (hop, sitemaps) = self
                .fetch_one(&site.name, &current, kind, validators.as_ref())
                .await?;
            if let Some(sitemaps) = sitemaps {
                let entries: Vec<FrontierEntry> = sitemaps
                    .iter()
                    .filter_map(|s| Url::parse(s).ok().and_then(normalize::normalize))
                    .filter(|u| in_site(u, &site.host))
                    .map(|u| FrontierEntry {
                        url: u.to_string(),
                        site: site.name.clone(),
                        kind: "sitemap".into(),
                        depth: 0,
                        lastmod: None,
                    })
                    .collect();
                self.add(&entries)?;
            }
            let rec = FetchRecord {
                final_url: current.to_string(),
                redirects,
                ..base.clone()
            };
            let ex = match hop {
                Hop::RobotsDenied => {
                    site.summary.skipped_robots += 1;
                    let rec = FetchRecord {
                        outcome: "robots_denied".into(),
                        fetched_at: now_rfc3339(),
                        ..rec
                    };
                    return self
                        .record(&rec, Some(update(FrontierState::Skipped, item.attempts, 0)));
                }
                Hop::Refused(msg) => {
                    site.summary.failed += 1;
                    let rec = FetchRecord {
                        outcome: "refused".into(),
                        error: Some(msg),
                        fetched_at: now_rfc3339(),
                        ..rec
                    };
                    return self
                        .record(&rec, Some(update(FrontierState::Failed, item.attempts, 0)));
                }
                Hop::Network { error, fetched_at } => {
                    let rec = FetchRecord {
                        outcome: "error".into(),
                        error: Some(error),
                        fetched_at,
                        ..rec
                    };
                    return self.retry(site, item, rec, None);
                }
                Hop::Response(ex) => ex,
            };
            let rec = FetchRecord {
                status: Some(ex.status),
                fetched_at: ex.fetched_at.clone(),
                bytes: ex.body.len() as u64,
                digest: ex.digest.clone(),
                warc: ex.warc.clone(),
                content_type: ex.header("content-type").map(str::to_string),
                etag: ex.header("etag").map(str::to_string),
                last_modified: ex.header("last-modified").map(str::to_string),
                ..rec
            };
            let location = ex
                .header("location")
                .and_then(|l| normalize::resolve(&ex.url, l));
            match (ex.status, location) {
                (300..=399, Some(next)) if ex.status != 304 => {
                    redirects += 1;
                    // The hop is its own row; the item's row comes with the final response.
                    let hop_rec = FetchRecord {
                        url: current.to_string(),
                        final_url: next.to_string(),
                        outcome: "redirect".into(),
                        ..rec.clone()
                    };
                    self.record(&hop_rec, None)?;
                    // The redirect chain ends here without an archived response of its own.
                    let end_chain = |outcome: &str, state| {
                        let rec = FetchRecord {
                            outcome: outcome.into(),
                            final_url: next.to_string(),
                            warc: None,
                            digest: None,
                            ..rec.clone()
                        };
                        self.record(&rec, Some(update(state, item.attempts + 1, 0)))
                    };
                    if redirects > self.cfg.max_redirects {
                        site.summary.failed += 1;
                        return end_chain("too_many_redirects", FrontierState::Failed);
                    }
                    let known = next.as_str() != item.url
                        && self.sink()?.store.frontier_state(next.as_str())?
                            == Some(FrontierState::Done);
                    if known {
                        // Already archived under its own URL: following it again would duplicate it.
                        return end_chain("redirect_to_known", FrontierState::Done);
                    }
                    current = next;
                    continue;
                }
                _ => {}
            }
            return self.finish(site, item, kind, rec, *ex);
        }
    }

    fn finish(
        &self,
        site: &mut SiteRun,
        item: &FrontierItem,
        kind: Kind,
        rec: FetchRecord,
        ex: Exchange,
    ) -> Result<(), FetchError> {
        let attempts = item.attempts + 1;
        let done = |state| Some(update(state, attempts, 0));
        match ex.status {
            200..=299 if ex.truncated => {
                site.summary.failed += 1;
                let rec = FetchRecord {
                    outcome: "too_large".into(),
                    error: Some(format!(
                        "body over max_body_bytes ({})",
                        self.cfg.max_body_bytes
                    )),
                    digest: None,
                    ..rec
                };
                self.record(&rec, done(FrontierState::Failed))
            }
            200..=299 if ex.body_skipped => {
                site.summary.skipped_other += 1;
                let rec = FetchRecord {
                    outcome: "content_type".into(),
                    digest: None,
                    ..rec
                };
                self.record(&rec, done(FrontierState::Skipped))
            }
            200..=299 => {
                if ex.unchanged {
                    site.summary.unchanged += 1;
                } else {
                    site.summary.fetched += 1;
                }
                let entries = self.discover(site, item, kind, &ex);
                let rec = FetchRecord {
                    outcome: if ex.unchanged { "unchanged" } else { "ok" }.into(),
                    is_page: kind == Kind::Page && !ex.unchanged,
                    ..rec
                };
                self.record(&rec, done(FrontierState::Done))?;
                self.add(&entries)
            }
            304 => {
                site.summary.unchanged += 1;
                let rec = FetchRecord {
                    outcome: "not_modified".into(),
                    digest: None,
                    ..rec
                };
                self.record(&rec, done(FrontierState::Done))
            }
            404 | 410 => {
                site.summary.failed += 1;
                let rec = FetchRecord {
                    outcome: "not_found".into(),
                    digest: None,
                    ..rec
                };
                self.record(&rec, done(FrontierState::Failed))
            }
            429 | 503 | 500..=599 => {
                let wait = ex.header("retry-after").and_then(retry_after);
                let rec = FetchRecord {
                    outcome: "http_error".into(),
                    digest: None,
                    ..rec
                };
                self.retry(site, item, rec, wait)
            }
            _ => {
                site.summary.failed += 1;
                let rec = FetchRecord {
                    outcome: "http_error".into(),
                    digest: None,
                    ..rec
                };
                self.record(&rec, done(FrontierState::Failed))
            }
        }
    }

    /// Schedules another attempt after exponential backoff with jitter (or the server's
    /// `Retry-After`), or gives the URL up once `max_retries` is used.
    fn retry(
        &self,
        site: &mut SiteRun,
        item: &FrontierItem,
        rec: FetchRecord,
        wait: Option<Duration>,
    ) -> Result<(), FetchError> {
        let attempts = item.attempts + 1;
        if attempts > self.cfg.max_retries {
            site.summary.failed += 1;
            let rec = FetchRecord {
                error: Some(format!(
                    "{}; gave up after {attempts} attempts",
                    rec.error.as_deref().unwrap_or(&rec.outcome)
                )),
                ..rec
            };
            return self.record(&rec, Some(update(FrontierState::Failed, attempts, 0)));
        }
        site.summary.retries += 1;
        let backoff = self
            .cfg
            .backoff_ms
            .saturating_mul(1 << (attempts - 1).min(16));
        let wait_ms = match wait {
            Some(w) => w.as_millis() as u64,
            None => backoff + jitter(backoff, &item.url),
        };
        let next_at = now_ms() + wait_ms as i64;
        self.record(
            &rec,
            Some(update(FrontierState::Pending, attempts, next_at)),
        )
    }

    /// The URLs a fetched document leads to, within the site and the trap limits.
    fn discover(
        &self,
        site: &mut SiteRun,
        item: &FrontierItem,
        kind: Kind,
        ex: &Exchange,
    ) -> Vec<FrontierEntry> {
        let mut found: Vec<(Url, &'static str, u32, Option<String>)> = Vec::new();
        match kind {
            Kind::Sitemap | Kind::Feed => {
                let links = discover::parse_xml(&ex.body);
                for l in links.sitemaps {
                    if let Some(u) = normalize::resolve(&ex.url, &l.url) {
                        found.push((u, "sitemap", 0, None));
                    }
                }
                for l in links.pages {
                    if let Some(u) = normalize::resolve(&ex.url, &l.url) {
                        let lastmod = l.lastmod.as_deref().and_then(normalize_lastmod);
                        found.push((u, "page", 1, lastmod));
                    }
                }
            }
            Kind::Page => {
                let ct = ex.header("content-type");
                let html = discover::decode_html(&ex.body, ct);
                let links = discover::parse_html(&html);
                let base = links
                    .base
                    .as_deref()
                    .and_then(|b| normalize::resolve(&ex.url, b))
                    .unwrap_or_else(|| ex.url.clone());
                if let Some(c) = links
                    .canonical
                    .as_deref()
                    .and_then(|c| normalize::resolve(&base, c))
                    && c != ex.url
                {
                    // The page names its canonical URL: count that URL as fetched too.
                    found.push((c, "alias", item.depth, None));
                }
                if item.depth == 0 {
                    for f in &links.feeds {
                        if let Some(u) = normalize::resolve(&base, f) {
                            found.push((u, "feed", 0, None));
                        }
                    }
                }
                if item.depth < self.cfg.max_depth {
                    for l in &links.links {
                        if let Some(u) = normalize::resolve(&base, l) {
                            found.push((u, "page", item.depth + 1, None));
                        }
                    }
                }
            }
            Kind::Robots => {}
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (url, kind, depth, lastmod) in found {
            if !in_site(&url, &site.host) || !seen.insert(url.to_string()) {
                continue;
            }
            if let Some(q) = url.query() {
                let mut path = url.clone();
                path.set_query(None);
                let variants = site.query_variants.entry(path.to_string()).or_default();
                if !variants.contains(q) {
                    if variants.len() >= self.cfg.max_query_variants as usize {
                        continue;
                    }
                    variants.insert(q.to_string());
                }
            }
            if kind == "alias" {
                if let Ok(mut sink) = self.sink() {
                    let e = FrontierEntry {
                        url: url.to_string(),
                        site: site.name.clone(),
                        kind: "page".into(),
                        depth,
                        lastmod: None,
                    };
                    let added = sink
                        .store
                        .frontier_add(std::slice::from_ref(&e))
                        .unwrap_or(0);
                    if added > 0 {
                        let _ = sink.store.frontier_set(
                            e.url.as_str(),
                            FrontierState::Done,
                            0,
                            0,
                            Some(&format!("canonical of {}", ex.url)),
                        );
                    }
                }
                continue;
            }
            out.push(FrontierEntry {
                url: url.to_string(),
                site: site.name.clone(),
                kind: kind.into(),
                depth,
                lastmod,
            });
        }
        out
    }

    /// One request through the host's gate, robots.txt first. Returns the sitemaps of a
    /// robots.txt read during this call, for discovery.
    async fn fetch_one(
        &self,
        site: &str,
        url: &Url,
        kind: Kind,
        validators: Option<&Validators>,
    ) -> Result<(Hop, Option<Vec<String>>), FetchError> {
        if let Err(r) = guard::check_literal(url, self.cfg.allow_private_addresses) {
            return Ok((Hop::Refused(r.to_string()), None));
        }
        let gate = self.gate(&normalize::host_key(url))?;
        let mut host = gate.lock().await;
        let origin = url.origin().ascii_serialization();
        let mut new_sitemaps = None;
        let robots = match host.robots.get(&origin) {
            Some(Ok(r)) => Arc::clone(r),
            Some(Err(msg)) => return Ok((Hop::Refused(msg.clone()), None)),
            None => {
                let r = match self.fetch_robots(site, &mut host, url).await? {
                    Ok(r) => Arc::new(r),
                    Err(msg) => {
                        host.robots.insert(origin, Err(msg.clone()));
                        return Ok((Hop::Refused(msg), None));
                    }
                };
                new_sitemaps = Some(r.sitemaps.clone());
                if let Some(d) = r.crawl_delay {
                    let d = Duration::from_secs_f64(d.min(86_400.0));
                    host.delay = host.delay.max(d);
                }
                // The gap after robots.txt already obeys its Crawl-delay.
                host.next_at = Some(Instant::now() + host.delay);
                host.robots.insert(origin, Ok(Arc::clone(&r)));
                r
            }
        };
        if !robots.allowed(url) {
            return Ok((Hop::RobotsDenied, new_sitemaps));
        }
        let hop = self.request(&mut host, url, kind, validators).await?;
        Ok((hop, new_sitemaps))
    }

    async fn fetch_robots(
        &self,
        site: &str,
        host: &mut HostGate,
        url: &Url,
    ) -> Result<Result<Robots, String>, FetchError> {
        let Ok(mut target) = url.join("/robots.txt") else {
            return Ok(Ok(Robots::from_fetch(None, b"", &self.agent)));
        };
        for _ in 0..=5 {
            let hop = self.request(host, &target, Kind::Robots, None).await?;
            let ex = match hop {
                Hop::Response(ex) => ex,
                Hop::Network { error, fetched_at } => {
                    let rec = FetchRecord {
                        site: site.into(),
                        url: target.to_string(),
                        final_url: target.to_string(),
                        outcome: "robots_unreachable".into(),
                        error: Some(error),
                        fetched_at,
                        ..FetchRecord::default()
                    };
                    self.record(&rec, None)?;
                    return Ok(Ok(Robots::from_fetch(None, b"", &self.agent)));
                }
                Hop::Refused(msg) => return Ok(Err(msg)),
                Hop::RobotsDenied => return Ok(Ok(Robots::from_fetch(None, b"", &self.agent))),
            };
            let next = ex
                .header("location")
                .and_then(|l| normalize::resolve(&ex.url, l));
            let rec = FetchRecord {
                site: site.into(),
                url: target.to_string(),
                final_url: next.as_ref().unwrap_or(&target).to_string(),
                status: Some(ex.status),
                outcome: "robots".into(),
                fetched_at: ex.fetched_at.clone(),
                bytes: ex.body.len() as u64,
                warc: ex.warc.clone(),
                ..FetchRecord::default()
            };
            self.record(&rec, None)?;
            match (ex.status, next) {
                (300..=399, Some(next)) => {
                    // Only redirects on the same host are followed: another host has its own
                    // gate, and an unfollowable redirect counts as "no robots.txt" (RFC 9309).
                    if normalize::host_key(&next) != normalize::host_key(url) {
                        return Ok(Ok(Robots::allow_all()));
                    }
                    target = next;
                }
                (300..=399, None) => return Ok(Ok(Robots::allow_all())),
                (status, _) => {
                    return Ok(Ok(Robots::from_fetch(Some(status), &ex.body, &self.agent)));
                }
            }
        }
        Ok(Ok(Robots::allow_all()))
    }

    /// Sends one request once the host's gap has passed, reads the body up to the cap, archives
    /// request and response, and stamps when the host may be asked again.
    async fn request(
        &self,
        host: &mut HostGate,
        url: &Url,
        kind: Kind,
        validators: Option<&Validators>,
    ) -> Result<Hop, FetchError> {
        if let Some(at) = host.next_at {
            tokio::time::sleep_until(at.into()).await;
        }
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| FetchError::Task(e.to_string()))?;
        self.requests.fetch_add(1, Ordering::Relaxed);
        let mut req = self.client.get(url.as_str()).header("Accept", ACCEPT);
        let mut conditional = Vec::new();
        if let Some(v) = validators.filter(|_| kind != Kind::Robots) {
            if let Some(etag) = &v.etag {
                conditional.push(("If-None-Match", etag.clone()));
            }
            if let Some(lm) = &v.last_modified {
                conditional.push(("If-Modified-Since", lm.clone()));
            }
        }
        for (k, v) in &conditional {
            req = req.header(*k, v.as_str());
        }
        let fetched_at = now_rfc3339();
        let sent = req.send().await;
        let mut resp = match sent {
            Ok(r) => r,
            Err(e) => {
                host.next_at = Some(Instant::now() + host.delay);
                if let Some(msg) = guard::refusal_in(&e) {
                    return Ok(Hop::Refused(msg));
                }
                return Ok(Hop::Network {
                    error: error_chain(&e),
                    fetched_at,
                });
            }
        };
        let status = resp.status().as_u16();
        let headers: Vec<(String, String)> = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let is_html = content_type.is_empty()
            || content_type.contains("html")
            || content_type.contains("xml");
        let body_skipped = kind == Kind::Page && (200..300).contains(&status) && !is_html;
        let mut body = Vec::new();
        let mut truncated = false;
        if !body_skipped {
            loop {
                match resp.chunk().await {
                    Ok(Some(chunk)) => {
                        let room = (self.cfg.max_body_bytes as usize).saturating_sub(body.len());
                        if chunk.len() > room {
                            body.extend_from_slice(&chunk[..room]);
                            truncated = true;
                            break;
                        }
                        body.extend_from_slice(&chunk);
                    }
                    Ok(None) => break,
                    Err(e) => {
                        host.next_at = Some(Instant::now() + host.delay);
                        return Ok(Hop::Network {
                            error: error_chain(&e),
                            fetched_at,
                        });
                    }
                }
            }
        }
        drop(resp);
        let mut next = Instant::now() + host.delay;
        if matches!(status, 429 | 503)
            && let Some(wait) = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("retry-after"))
                .and_then(|(_, v)| retry_after(v))
            && wait.as_secs() <= self.cfg.max_retry_after_s
        {
            // The whole host asked for a pause, not just this URL.
            next = next.max(Instant::now() + wait);
        }
        host.next_at = Some(next);

        let digest = (!truncated && !body_skipped).then(|| sha256_hex(&body));
        let unchanged = (200..300).contains(&status)
            && digest.is_some()
            && validators.and_then(|v| v.digest.as_ref()) == digest.as_ref();
        let warc = self.archive(
            url,
            status,
            &headers,
            &body,
            &conditional,
            &fetched_at,
            truncated,
            body_skipped,
            unchanged,
        )?;
        Ok(Hop::Response(Box::new(Exchange {
            url: url.clone(),
            status,
            headers,
            body,
            truncated,
            body_skipped,
            unchanged,
            digest,
            fetched_at,
            warc: Some(warc),
        })))
    }

    /// Writes the request record and the response record (a `revisit` when the body is the one
    /// already archived for this URL), returning where the response went.
    #[allow(clippy::too_many_arguments)]
    fn archive(
        &self,
        url: &Url,
        status: u16,
        headers: &[(String, String)],
        body: &[u8],
        conditional: &[(&str, String)],
        fetched_at: &str,
        truncated: bool,
        body_skipped: bool,
        unchanged: bool,
    ) -> Result<Written, FetchError> {
        let mut target = url.path().to_string();
        if let Some(q) = url.query() {
            target.push('?');
            target.push_str(q);
        }
        let authority = match url.port() {
            Some(p) => format!("{}:{p}", url.host_str().unwrap_or("")),
            None => url.host_str().unwrap_or("").to_string(),
        };
        let mut request = format!(
            "GET {target} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: {}\r\nAccept: {ACCEPT}\r\nAccept-Encoding: gzip, br\r\n",
            self.cfg.user_agent
        );
        for (k, v) in conditional {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        request.push_str("\r\n");
        let reason = reqwest::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
        for (k, v) in headers {
            // The body is stored decoded and whole, so framing and coding headers would lie.
            if matches!(
                k.to_ascii_lowercase().as_str(),
                "content-length" | "transfer-encoding" | "content-encoding"
            ) {
                continue;
            }
            head.push_str(&format!("{k}: {}\r\n", v.replace(['\r', '\n'], " ")));
        }
        let keep_body = !unchanged && !body_skipped;
        if keep_body {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut block = head.into_bytes();
        if keep_body {
            block.extend_from_slice(body);
        }
        let uri = url.as_str();
        let req_headers = http_record_headers("request", uri, fetched_at, request.as_bytes());
        let req_id = req_headers
            .iter()
            .find(|(k, _)| k == "WARC-Record-ID")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let kind = if unchanged { "revisit" } else { "response" };
        let mut resp_headers = http_record_headers(kind, uri, fetched_at, &block);
        resp_headers.push(("WARC-Concurrent-To".into(), req_id));
        if unchanged {
            resp_headers.push((
                "WARC-Profile".into(),
                "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest".into(),
            ));
            resp_headers.push(("WARC-Refers-To-Target-URI".into(), uri.into()));
            resp_headers.push((
                "WARC-Payload-Digest".into(),
                format!("sha256:{}", sha256_hex(body)),
            ));
        }
        if truncated {
            resp_headers.push(("WARC-Truncated".into(), "length".into()));
        } else if body_skipped {
            resp_headers.push(("WARC-Truncated".into(), "unspecified".into()));
        }
        // Compress outside the lock (most of the CPU of archiving); hold it only to write.
        let encode = |headers: &[(String, String)], block: &[u8]| {
            encode_record("1.1", headers, block)
                .map_err(|e| FetchError::Store(warta_store::StoreError::io(&self.archive_dir, e)))
        };
        let request_record = encode(&req_headers, request.as_bytes())?;
        let response_record = encode(&resp_headers, &block)?;
        let mut sink = self.sink()?;
        sink.writer.append_encoded(&request_record)?;
        let written = sink.writer.append_encoded(&response_record)?;
        Ok(written)
    }
}

fn update(state: FrontierState, attempts: u32, next_at: i64) -> FrontierUpdate {
    FrontierUpdate {
        state,
        attempts,
        next_at,
    }
}

fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        out.push_str(": ");
        out.push_str(&s.to_string());
        cur = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(uri: &str) -> (Vec<(String, String)>, Vec<u8>) {
        let block =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>{uri}</p>").into_bytes();
        (
            http_record_headers("response", uri, "2025-01-01T00:00:00Z", &block),
            block,
        )
    }

    /// A killed run leaves records no row points at; the next run cuts exactly those, and
    /// leaves archives of other origins alone.
    #[test]
    fn uncatalogued_records_at_the_end_are_cut() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let mut writer = ArchiveWriter::new(&store.archive_dir(), 1 << 30).unwrap();
        let (h, b) = rec("http://a.example/1");
        let first = writer.append("1.1", &h, &b).unwrap();
        let fetch = FetchRecord {
            site: "a".into(),
            url: "http://a.example/1".into(),
            final_url: "http://a.example/1".into(),
            status: Some(200),
            outcome: "ok".into(),
            fetched_at: "2025-01-01T00:00:00Z".into(),
            warc: Some(first.clone()),
            ..FetchRecord::default()
        };
        store.record_fetch(&fetch, None).unwrap();
        for u in ["http://a.example/2", "http://a.example/3"] {
            let (h, b) = rec(u);
            writer.append("1.1", &h, &b).unwrap();
        }
        writer.sync().unwrap();
        drop(writer);
        let path = store.archive_dir().join(&first.file);
        let before = std::fs::metadata(&path).unwrap().len();
        assert!(before > first.length);
        drop_uncatalogued_tail(&store).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), first.length);
        assert_eq!(warta_store::validate_warc(&path).unwrap(), 1);
        // Nothing more to cut.
        drop_uncatalogued_tail(&store).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), first.length);

        // A file no catalogue row refers to is not touched.
        let other = tempfile::tempdir().unwrap();
        let store2 = Store::open(other.path()).unwrap();
        let mut w = ArchiveWriter::new(&store2.archive_dir(), 1 << 30).unwrap();
        let (h, b) = rec("http://b.example/");
        let written = w.append("1.1", &h, &b).unwrap();
        w.sync().unwrap();
        drop(w);
        drop_uncatalogued_tail(&store2).unwrap();
        let p2 = store2.archive_dir().join(&written.file);
        assert_eq!(std::fs::metadata(&p2).unwrap().len(), written.length);
    }

    #[test]
    fn gzip_member_starts() {
        let (h, b) = rec("http://a.example/");
        let one = warta_store::archive::encode_record("1.1", &h, &b).unwrap();
        let mut two = one.clone();
        two.extend_from_slice(&one);
        assert_eq!(gzip_members(&two), vec![0, one.len() as u64]);
        two.extend_from_slice(&one[..10]);
        assert_eq!(gzip_members(&two), vec![0, one.len() as u64]);
        assert!(gzip_members(b"not gzip").is_empty());
    }

    #[test]
    fn lastmod_and_retry_after_forms() {
        assert_eq!(
            normalize_lastmod("2025-03-02T10:00:00+07:00").as_deref(),
            Some("2025-03-02T03:00:00.000+00:00")
        );
        assert_eq!(
            normalize_lastmod("2025-03-02").as_deref(),
            Some("2025-03-02T00:00:00.000+00:00")
        );
        assert_eq!(normalize_lastmod("kemarin"), None);
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
        assert_eq!(sha256_hex(b"").len(), 64);
    }
}
