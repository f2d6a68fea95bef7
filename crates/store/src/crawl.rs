//! The crawler's state in the catalogue: the frontier (what to fetch, when, and how far it is from
//! a seed), one row per fetch attempt (every HTTP outcome, with where its response was archived)
//! and the validators (ETag / Last-Modified) that make the next visit a conditional request.
//!
//! Kept in SQLite beside the pages so that a crawl killed at any moment resumes from the same
//! frontier, and so that a page and the fetch that archived it are committed in one transaction.

use rusqlite::{OptionalExtension, params};

use crate::StoreError;
use crate::archive::Written;
use crate::catalogue::{Store, sql};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS crawl_frontier (
    url TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    kind TEXT NOT NULL,
    depth INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL DEFAULT 0,
    lastmod TEXT,
    discovered_at TEXT NOT NULL,
    fetched_at TEXT,
    note TEXT
);
CREATE INDEX IF NOT EXISTS crawl_frontier_next ON crawl_frontier (site, state, next_at, depth);
CREATE TABLE IF NOT EXISTS crawl_fetches (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    url TEXT NOT NULL,
    final_url TEXT NOT NULL,
    status INTEGER,
    outcome TEXT NOT NULL,
    error TEXT,
    fetched_at TEXT NOT NULL,
    redirects INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    digest TEXT,
    warc_file TEXT,
    warc_offset INTEGER
);
CREATE INDEX IF NOT EXISTS crawl_fetches_url ON crawl_fetches (url);
CREATE TABLE IF NOT EXISTS crawl_validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    digest TEXT,
    fetched_at TEXT NOT NULL
);
";

/// Where a URL stands in the frontier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontierState {
    /// Still to be fetched (possibly not before `next_at`, after a retryable failure).
    Pending,
    /// Fetched (or found unchanged); not fetched again unless a sitemap says it changed.
    Done,
    /// Failed permanently (404/410, retries exhausted, refused by the SSRF guard).
    Failed,
    /// Not fetched on purpose (robots.txt, content type, crawl limits).
    Skipped,
}

impl FrontierState {
    pub fn as_str(self) -> &'static str {
        match self {
            FrontierState::Pending => "pending",
            FrontierState::Done => "done",
            FrontierState::Failed => "failed",
            FrontierState::Skipped => "skipped",
        }
    }
}

/// A URL to add to the frontier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontierEntry {
    pub url: String,
    pub site: String,
    /// `page`, `feed` or `sitemap`: decides how the response is read for more links.
    pub kind: String,
    pub depth: u32,
    /// RFC 3339 modification time from a sitemap: a done URL whose `lastmod` is newer than its
    /// last fetch is queued again.
    pub lastmod: Option<String>,
}

/// The next URL a site's worker should fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontierItem {
    pub url: String,
    pub kind: String,
    pub depth: u32,
    pub attempts: u32,
    /// Unix milliseconds before which it must not be fetched.
    pub next_at: i64,
}

/// What one fetch produced, written in one transaction with the frontier update.
#[derive(Debug, Clone, Default)]
pub struct FetchRecord {
    pub site: String,
    pub url: String,
    pub final_url: String,
    pub status: Option<u16>,
    /// A short word: `ok`, `not_modified`, `redirect`, `not_found`, `http_error`, `too_large`,
    /// `retry`, `error`, `robots_denied`, `refused`, `content_type`.
    pub outcome: String,
    pub error: Option<String>,
    /// RFC 3339.
    pub fetched_at: String,
    pub redirects: u32,
    pub bytes: u64,
    /// SHA-256 of the body, hex.
    pub digest: Option<String>,
    pub warc: Option<Written>,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Whether the response is a page for the extractor (a complete 2xx page): it then gets a
    /// row in `pages`.
    pub is_page: bool,
}

/// How a fetch changes its URL's frontier row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontierUpdate {
    pub state: FrontierState,
    pub attempts: u32,
    /// Unix milliseconds before which a pending URL must not be fetched again.
    pub next_at: i64,
}

/// Stored validators of a URL, for a conditional request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// SHA-256 of the last body: an identical body is archived as a `revisit`, not again.
    pub digest: Option<String>,
}

/// One row of `crawl_fetches`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRow {
    pub site: String,
    pub url: String,
    pub final_url: String,
    pub status: Option<u16>,
    pub outcome: String,
    pub warc_file: Option<String>,
    pub warc_offset: Option<u64>,
}

impl Store {
    /// Adds URLs not yet known; a known URL that is done is queued again when the entry's
    /// `lastmod` is newer than its last fetch. Returns how many rows were added or re-queued.
    pub fn frontier_add(&mut self, entries: &[FrontierEntry]) -> Result<u64, StoreError> {
        if entries.is_empty() {
            return Ok(0);
        }
        let db = self.db_path.clone();
        let now = chrono::Utc::now().to_rfc3339();
        let tx = self.conn.transaction().map_err(|e| sql(&db, e))?;
        let mut n = 0;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO crawl_frontier (url, site, kind, depth, state, lastmod, discovered_at)
                     VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6)
                     ON CONFLICT (url) DO UPDATE SET state = 'pending', attempts = 0, next_at = 0,
                         lastmod = excluded.lastmod
                     WHERE state = 'done' AND excluded.lastmod IS NOT NULL
                         AND (fetched_at IS NULL OR excluded.lastmod > fetched_at)",
                )
                .map_err(|e| sql(&db, e))?;
            for e in entries {
                n += stmt
                    .execute(params![e.url, e.site, e.kind, e.depth, e.lastmod, now])
                    .map_err(|e| sql(&db, e))? as u64;
            }
        }
        tx.commit().map_err(|e| sql(&db, e))?;
        Ok(n)
    }

    /// Queues entry points (feeds, sitemaps, listing pages) again at the start of a run: unlike
    /// article pages they change between runs. Conditional requests keep this cheap. Only URLs
    /// last fetched before `fetched_before` (RFC 3339, the run's start) are queued, so a sitemap
    /// index that lists itself cannot loop within one run.
    pub fn frontier_requeue(
        &mut self,
        entries: &[FrontierEntry],
        fetched_before: &str,
    ) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        self.frontier_add(entries)?;
        let db = self.db_path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&db, e))?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "UPDATE crawl_frontier SET state = 'pending', attempts = 0, next_at = 0, depth = MIN(depth, ?2)
                     WHERE url = ?1 AND state != 'pending' AND (fetched_at IS NULL OR fetched_at < ?3)",
                )
                .map_err(|e| sql(&db, e))?;
            for e in entries {
                stmt.execute(params![e.url, e.depth, fetched_before])
                    .map_err(|e| sql(&db, e))?;
            }
        }
        tx.commit().map_err(|e| sql(&db, e))
    }

    /// The pending URL of `site` that is due first (then the shallowest, then the oldest).
    pub fn frontier_next(&self, site: &str) -> Result<Option<FrontierItem>, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT url, kind, depth, attempts, next_at FROM crawl_frontier
                 WHERE site = ?1 AND state = 'pending' ORDER BY next_at, depth, rowid LIMIT 1",
            )
            .and_then(|mut stmt| {
                stmt.query_row([site], |r| {
                    Ok(FrontierItem {
                        url: r.get(0)?,
                        kind: r.get(1)?,
                        depth: r.get(2)?,
                        attempts: r.get(3)?,
                        next_at: r.get(4)?,
                    })
                })
                .optional()
            })
            .map_err(|e| sql(&self.db_path, e))
    }

    /// Whether a URL is in the frontier at all (in any state).
    pub fn frontier_state(&self, url: &str) -> Result<Option<FrontierState>, StoreError> {
        let state: Option<String> = self
            .conn
            .prepare_cached("SELECT state FROM crawl_frontier WHERE url = ?1")
            .and_then(|mut stmt| stmt.query_row([url], |r| r.get(0)).optional())
            .map_err(|e| sql(&self.db_path, e))?;
        Ok(state.map(|s| match s.as_str() {
            "pending" => FrontierState::Pending,
            "done" => FrontierState::Done,
            "failed" => FrontierState::Failed,
            _ => FrontierState::Skipped,
        }))
    }

    /// Counts the URLs of a site in a state.
    pub fn frontier_count(&self, site: &str, state: FrontierState) -> Result<u64, StoreError> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM crawl_frontier WHERE site = ?1 AND state = ?2",
                params![site, state.as_str()],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(|e| sql(&self.db_path, e))
    }

    /// Sets a URL's state without a fetch (robots denial, limits), or schedules a retry:
    /// `next_at` in Unix milliseconds, `attempts` so far.
    pub fn frontier_set(
        &mut self,
        url: &str,
        state: FrontierState,
        attempts: u32,
        next_at: i64,
        note: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE crawl_frontier SET state = ?2, attempts = ?3, next_at = ?4, note = ?5 WHERE url = ?1",
            )
            .and_then(|mut stmt| stmt.execute(params![url, state.as_str(), attempts, next_at, note]))
            .map(|_| ())
            .map_err(|e| sql(&self.db_path, e))
    }

    /// Records one fetch: its outcome row, the frontier state of the URL (and of the final URL of
    /// a redirect, so it is not fetched again), its validators, and for pages a `pages` row the
    /// extractor will pick up. All in one transaction, after the WARC records are synced.
    pub fn record_fetch(
        &mut self,
        rec: &FetchRecord,
        update: Option<FrontierUpdate>,
    ) -> Result<(), StoreError> {
        let db = self.db_path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&db, e))?;
        tx.prepare_cached(
            "INSERT INTO crawl_fetches (site, url, final_url, status, outcome, error, fetched_at, redirects, bytes, digest, warc_file, warc_offset)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        ).and_then(|mut stmt| stmt.execute(params![
                rec.site,
                rec.url,
                rec.final_url,
                rec.status,
                rec.outcome,
                rec.error,
                rec.fetched_at,
                rec.redirects,
                rec.bytes as i64,
                rec.digest,
                rec.warc.as_ref().map(|w| w.file.clone()),
                rec.warc.as_ref().map(|w| w.offset as i64)
            ]))
        .map_err(|e| sql(&db, e))?;
        if let Some(FrontierUpdate {
            state,
            attempts,
            next_at,
        }) = update
        {
            let fetched = (state != FrontierState::Pending).then_some(rec.fetched_at.as_str());
            tx.prepare_cached(
                "UPDATE crawl_frontier SET state = ?2, attempts = ?3, next_at = ?4, note = ?5,
                     fetched_at = COALESCE(?6, fetched_at) WHERE url = ?1",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    rec.url,
                    state.as_str(),
                    attempts,
                    next_at,
                    rec.error.as_deref().unwrap_or(&rec.outcome),
                    fetched
                ])
            })
            .map_err(|e| sql(&db, e))?;
            if rec.final_url != rec.url && state == FrontierState::Done {
                tx.prepare_cached(
                    "UPDATE crawl_frontier SET state = 'done', fetched_at = ?2, note = 'reached by redirect'
                     WHERE url = ?1 AND state = 'pending'",
                ).and_then(|mut stmt| stmt.execute(params![rec.final_url, rec.fetched_at]))
                .map_err(|e| sql(&db, e))?;
            }
        }
        if rec.etag.is_some() || rec.last_modified.is_some() || rec.digest.is_some() {
            tx.prepare_cached(
                "INSERT INTO crawl_validators (url, etag, last_modified, digest, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (url) DO UPDATE SET etag = COALESCE(?2, etag),
                     last_modified = COALESCE(?3, last_modified), digest = COALESCE(?4, digest), fetched_at = ?5",
            ).and_then(|mut stmt| stmt.execute(params![rec.url, rec.etag, rec.last_modified, rec.digest, rec.fetched_at]))
            .map_err(|e| sql(&db, e))?;
        }
        if let (true, Some(w), Some(digest), Some(status)) =
            (rec.is_page, &rec.warc, &rec.digest, rec.status)
        {
            tx.prepare_cached(
                "INSERT INTO pages (url, status, content_type, fetched_at, payload_sha256, warc_file, warc_offset, warc_length, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (url, payload_sha256) DO NOTHING",
            ).and_then(|mut stmt| stmt.execute(params![
                    rec.final_url,
                    status,
                    rec.content_type,
                    rec.fetched_at,
                    digest,
                    w.file,
                    w.offset as i64,
                    w.length as i64,
                    format!("crawl:{}", rec.site)
                ]))
            .map_err(|e| sql(&db, e))?;
        }
        tx.commit().map_err(|e| sql(&db, e))
    }

    /// The newest fetch id, to tell this run's fetches from earlier ones.
    pub fn last_fetch_id(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM crawl_fetches", [], |r| {
                r.get(0)
            })
            .map_err(|e| sql(&self.db_path, e))
    }

    /// Why the latest failed fetch of `site` after fetch id `after` failed: its error (a refused
    /// private address, a robots.txt timeout, a network error) or its outcome and HTTP status,
    /// so a summary can say what went wrong rather than only that something did.
    pub fn last_fetch_problem(&self, site: &str, after: i64) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT COALESCE(error, outcome || COALESCE(' (HTTP ' || status || ')', '')) FROM crawl_fetches
                 WHERE site = ?1 AND id > ?2 AND (error IS NOT NULL OR status >= 400 OR status IS NULL)
                 ORDER BY id DESC LIMIT 1",
                params![site, after],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| sql(&self.db_path, e))
    }

    /// The stored validators of a URL.
    pub fn validators(&self, url: &str) -> Result<Option<Validators>, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT etag, last_modified, digest FROM crawl_validators WHERE url = ?1",
            )
            .and_then(|mut stmt| {
                stmt.query_row([url], |r| {
                    Ok(Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                        digest: r.get(2)?,
                    })
                })
                .optional()
            })
            .map_err(|e| sql(&self.db_path, e))
    }

    /// Every fetch recorded, oldest first: for run summaries and tests.
    pub fn crawl_fetches(&self) -> Result<Vec<FetchRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT site, url, final_url, status, outcome, warc_file, warc_offset FROM crawl_fetches ORDER BY id")
            .map_err(|e| sql(&self.db_path, e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(FetchRow {
                    site: r.get(0)?,
                    url: r.get(1)?,
                    final_url: r.get(2)?,
                    status: r.get(3)?,
                    outcome: r.get(4)?,
                    warc_file: r.get(5)?,
                    warc_offset: r.get::<_, Option<i64>>(6)?.map(|o| o as u64),
                })
            })
            .map_err(|e| sql(&self.db_path, e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| sql(&self.db_path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: &str, lastmod: Option<&str>) -> FrontierEntry {
        FrontierEntry {
            url: url.into(),
            site: "s".into(),
            kind: "page".into(),
            depth: 1,
            lastmod: lastmod.map(String::from),
        }
    }

    #[test]
    fn frontier_dedups_and_requeues_on_newer_lastmod() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.frontier_add(&[entry("http://a/1", None)]).unwrap(), 1);
        assert_eq!(store.frontier_add(&[entry("http://a/1", None)]).unwrap(), 0);
        let next = store.frontier_next("s").unwrap().unwrap();
        assert_eq!(next.url, "http://a/1");
        let rec = FetchRecord {
            site: "s".into(),
            url: "http://a/1".into(),
            final_url: "http://a/1".into(),
            status: Some(200),
            outcome: "ok".into(),
            fetched_at: "2025-05-01T00:00:00+00:00".into(),
            etag: Some("\"v1\"".into()),
            ..FetchRecord::default()
        };
        let done = FrontierUpdate {
            state: FrontierState::Done,
            attempts: 1,
            next_at: 0,
        };
        store.record_fetch(&rec, Some(done)).unwrap();
        assert!(store.frontier_next("s").unwrap().is_none());
        assert_eq!(
            store
                .validators("http://a/1")
                .unwrap()
                .unwrap()
                .etag
                .as_deref(),
            Some("\"v1\"")
        );
        // An older lastmod leaves it done; a newer one queues it again.
        let old = entry("http://a/1", Some("2025-04-01T00:00:00+00:00"));
        assert_eq!(store.frontier_add(&[old]).unwrap(), 0);
        let new = entry("http://a/1", Some("2025-06-01T00:00:00+00:00"));
        assert_eq!(store.frontier_add(&[new]).unwrap(), 1);
        assert_eq!(
            store.frontier_state("http://a/1").unwrap(),
            Some(FrontierState::Pending)
        );
        assert_eq!(store.crawl_fetches().unwrap().len(), 1);
    }
}
