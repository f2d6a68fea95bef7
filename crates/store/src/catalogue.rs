use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use warta_model::{Article, Event};

use crate::StoreError;
use crate::archive::{self, ArchiveWriter, WarcRecord};
use crate::http::{self, HttpResponse};

const SCHEMA_VERSION: i64 = 1;
const ROTATE_BYTES: u64 = 1 << 30;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT,
    fetched_at TEXT,
    payload_sha256 TEXT NOT NULL,
    warc_file TEXT NOT NULL,
    warc_offset INTEGER NOT NULL,
    warc_length INTEGER NOT NULL,
    origin TEXT NOT NULL,
    extracted_at TEXT,
    extract_note TEXT,
    UNIQUE (url, payload_sha256)
);
CREATE INDEX IF NOT EXISTS pages_pending ON pages (extracted_at);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages (id),
    url TEXT NOT NULL,
    published TEXT,
    relevant INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_seq ON articles (seq);
CREATE TABLE IF NOT EXISTS article_events (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    date TEXT,
    record TEXT NOT NULL
);
";

/// A page in the archive, as the catalogue knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRow {
    pub id: i64,
    pub url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub fetched_at: Option<String>,
    pub warc_file: String,
    pub warc_offset: u64,
}

/// The columns [`page_row`] reads, in its order.
const PAGE_COLUMNS: &str = "id, url, status, content_type, fetched_at, warc_file, warc_offset";

fn page_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PageRow> {
    Ok(PageRow {
        id: r.get(0)?,
        url: r.get(1)?,
        status: r.get::<_, i64>(2)? as u16,
        content_type: r.get(3)?,
        fetched_at: r.get(4)?,
        warc_file: r.get(5)?,
        warc_offset: r.get::<_, i64>(6)? as u64,
    })
}

/// What one `import` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub records: u64,
    pub responses: u64,
    pub added: u64,
    pub duplicates: u64,
    pub skipped: u64,
}

/// An open data directory.
pub struct Store {
    pub(crate) root: PathBuf,
    pub(crate) db_path: PathBuf,
    pub(crate) conn: Connection,
    pub(crate) read_only: bool,
}

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Meta key of an import in progress: `file\tlength` of the archive file before it started.
/// Written (committed) before the first record is appended and deleted in the import's own
/// transaction, so a row left behind means the import died and its records are orphans.
const IMPORT_JOURNAL: &str = "import_journal";

/// The cheap checks run before a catalogue is opened: a 0-byte file or one that is not SQLite
/// is damage, never a fresh start.
fn check_header(db_path: &Path) -> Result<(), StoreError> {
    use std::io::Read;
    let damaged = |message: &str| StoreError::Damaged {
        path: db_path.to_path_buf(),
        message: message.to_string(),
    };
    let mut file = std::fs::File::open(db_path).map_err(|e| StoreError::io(db_path, e))?;
    let mut head = [0u8; 16];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) => return Err(StoreError::io(db_path, e)),
        }
    }
    if got == 0 {
        return Err(damaged("the file is empty (0 bytes)"));
    }
    if got < head.len() || &head != SQLITE_HEADER {
        return Err(damaged("not an SQLite database"));
    }
    Ok(())
}

impl Store {
    /// Opens the data directory, creating it and the catalogue on first use.
    ///
    /// An existing catalogue that is empty, foreign or fails its header/schema checks is an
    /// error ([`StoreError::Damaged`]), as is a missing catalogue next to archive files: both
    /// would otherwise look like a new, empty store. Records left in the archive by an import
    /// that was killed are cut here.
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        let db_path = root.join("catalogue.sqlite");
        if root.exists() && !dir_writable(root) {
            return Err(StoreError::ReadOnly {
                path: root.to_path_buf(),
                what: "this command".into(),
            });
        }
        if db_path.exists() {
            check_header(&db_path)?;
        } else if archive_files(&root.join("archive")).next().is_some() {
            return Err(StoreError::Damaged {
                path: db_path,
                message: "the file is missing but the archive holds WARC files".into(),
            });
        }
        std::fs::create_dir_all(root.join("archive")).map_err(|e| StoreError::io(root, e))?;
        let conn = Connection::open(&db_path).map_err(|e| sql(&db_path, e))?;
        let store = Store {
            root: root.to_path_buf(),
            db_path,
            conn,
            read_only: false,
        };
        store.check_schema()?;
        store.migrate()?;
        store.recover_import()?;
        store.check_archive_files()?;
        Ok(store)
    }

    /// Opens an existing data directory for reading only (`search`, `export`): no migration, no
    /// WAL or journal writes. When the directory is not writable (or `immutable` is set), SQLite
    /// opens the catalogue as immutable, which needs no `-shm`/`-wal` files at all.
    pub fn open_read_only(root: &Path, immutable: bool) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let db_path = root.join("catalogue.sqlite");
        check_header(&db_path)?;
        let immutable = immutable || !dir_writable(root);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if immutable {
            let mut uri = url::Url::from_file_path(
                std::path::absolute(&db_path).map_err(|e| StoreError::io(&db_path, e))?,
            )
            .map_err(|()| StoreError::Damaged {
                path: db_path.clone(),
                message: "the path cannot be opened as a URI".into(),
            })?;
            uri.set_query(Some("immutable=1"));
            Connection::open_with_flags(uri.as_str(), flags)
        } else {
            Connection::open_with_flags(&db_path, flags)
        }
        .map_err(|e| sql(&db_path, e))?;
        let store = Store {
            root: root.to_path_buf(),
            db_path,
            conn,
            read_only: true,
        };
        store.check_schema()?;
        if let Some(v) = store.meta("schema_version")? {
            let found: i64 = v.parse().unwrap_or(0);
            if found > SCHEMA_VERSION {
                return Err(StoreError::NewerSchema {
                    path: store.db_path.clone(),
                    found,
                    known: SCHEMA_VERSION,
                });
            }
        }
        store.check_archive_files()?;
        Ok(store)
    }

    /// Every archive file the catalogue points into must exist: a missing one is named at
    /// open rather than turning each of its pages into a "skipped" article later.
    fn check_archive_files(&self) -> Result<(), StoreError> {
        for (file, pages, _) in self.archive_extents()? {
            let path = self.archive_dir().join(&file);
            if !path.exists() {
                return Err(StoreError::MissingArchive { path, pages });
            }
        }
        Ok(())
    }

    /// Whether this store was opened with [`Store::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A catalogue that already has tables must have warta's: a foreign SQLite file is named,
    /// not migrated into.
    fn check_schema(&self) -> Result<(), StoreError> {
        let tables: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
                .map_err(|e| sql(&self.db_path, e))?;
            let rows = stmt
                .query_map([], |r| r.get(0))
                .map_err(|e| sql(&self.db_path, e))?;
            rows.collect::<Result<_, _>>()
                .map_err(|e| sql(&self.db_path, e))?
        };
        if tables.is_empty() {
            if self.read_only {
                return Err(StoreError::Damaged {
                    path: self.db_path.clone(),
                    message: "the catalogue has no tables".into(),
                });
            }
            return Ok(());
        }
        for wanted in ["meta", "pages", "articles", "events"] {
            if !tables.iter().any(|t| t == wanted) {
                return Err(StoreError::Damaged {
                    path: self.db_path.clone(),
                    message: format!("not a warta catalogue (no `{wanted}` table)"),
                });
            }
        }
        Ok(())
    }

    /// Full consistency check for `warta check`: SQLite's `integrity_check`, then every archive
    /// file the catalogue points into must exist and be long enough. Returns the problems found,
    /// one line each (empty when the store is healthy).
    pub fn check(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare("PRAGMA integrity_check")
                .map_err(|e| sql(&self.db_path, e))?;
            let rows = stmt
                .query_map([], |r| r.get::<_, String>(0))
                .map_err(|e| sql(&self.db_path, e))?;
            for row in rows {
                let line = row.map_err(|e| sql(&self.db_path, e))?;
                if line != "ok" {
                    problems.push(format!("{}: {line}", self.db_path.display()));
                }
            }
        }
        for (file, pages, end) in self.archive_extents()? {
            let path = self.archive_dir().join(&file);
            match std::fs::metadata(&path) {
                Err(_) => problems.push(
                    StoreError::MissingArchive {
                        path: path.clone(),
                        pages,
                    }
                    .to_string(),
                ),
                Ok(m) if m.len() < end => problems.push(format!(
                    "{}: {} bytes, but catalogued records reach byte {end}; the file was cut short",
                    path.display(),
                    m.len()
                )),
                Ok(_) => {}
            }
        }
        Ok(problems)
    }

    /// Per archive file: (name, catalogued pages, end of the last catalogued record). One
    /// grouped query instead of reading archive files back.
    fn archive_extents(&self) -> Result<Vec<(String, u64, u64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT warc_file, COUNT(*), MAX(warc_offset + warc_length) FROM pages GROUP BY warc_file ORDER BY warc_file")
            .map_err(|e| sql(&self.db_path, e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)? as u64,
                    r.get::<_, i64>(2)? as u64,
                ))
            })
            .map_err(|e| sql(&self.db_path, e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| sql(&self.db_path, e))
    }

    /// The newest archive file the pages point into and the end of its last catalogued record:
    /// one indexed query instead of reading the file back.
    fn newest_catalogued_end(&self) -> Result<Option<(String, u64)>, StoreError> {
        self.conn
            .query_row(
                "SELECT warc_file, MAX(warc_offset + warc_length) FROM pages
                 WHERE warc_file = (SELECT MAX(warc_file) FROM pages) GROUP BY warc_file",
                [],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)),
            )
            .optional()
            .map_err(|e| sql(&self.db_path, e))
    }

    /// Undoes the archive appends of an import that died before its commit (kill -9, power
    /// loss, a failed rollback): cuts the file back to its length before the import and removes
    /// newer archive files that no catalogue row refers to. Re-importing then adds each record
    /// once, never a duplicate.
    fn recover_import(&self) -> Result<(), StoreError> {
        let Some(journal) = self.meta(IMPORT_JOURNAL)? else {
            return Ok(());
        };
        let Some((file, len)) = journal
            .split_once('\t')
            .and_then(|(f, l)| Some((f.to_string(), l.parse::<u64>().ok()?)))
        else {
            return self.clear_journal();
        };
        let dir = self.archive_dir();
        let path = dir.join(&file);
        if let Ok(m) = std::fs::metadata(&path)
            && m.len() > len
        {
            tracing::warn!(file = %path.display(), offset = len,
                "removing the archive records of an interrupted import that were never catalogued");
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(|e| StoreError::io(&path, e))?;
            f.set_len(len).map_err(|e| StoreError::io(&path, e))?;
            f.sync_all().map_err(|e| StoreError::io(&path, e))?;
        }
        let known: std::collections::HashSet<String> = self
            .archive_extents()?
            .into_iter()
            .map(|(f, _, _)| f)
            .collect();
        for newer in archive_files(&dir) {
            let name = newer
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.as_str() > file.as_str() && !known.contains(&name) {
                tracing::warn!(file = %newer.display(), "removing an archive file of an interrupted import");
                std::fs::remove_file(&newer).map_err(|e| StoreError::io(&newer, e))?;
            }
        }
        self.clear_journal()
    }

    fn clear_journal(&self) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM meta WHERE key = ?1", [IMPORT_JOURNAL])
            .map(|_| ())
            .map_err(|e| sql(&self.db_path, e))
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let db = &self.db_path;
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(|e| sql(db, e))?;
        self.conn.execute_batch(SCHEMA).map_err(|e| sql(db, e))?;
        self.conn
            .execute_batch(crate::crawl::SCHEMA)
            .map_err(|e| sql(db, e))?;
        match self.meta("schema_version")? {
            Some(v) => {
                let found: i64 = v.parse().unwrap_or(0);
                if found > SCHEMA_VERSION {
                    return Err(StoreError::NewerSchema {
                        path: db.clone(),
                        found,
                        known: SCHEMA_VERSION,
                    });
                }
            }
            None => self.set_meta("schema_version", &SCHEMA_VERSION.to_string())?,
        }
        Ok(())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn index_dir(&self) -> PathBuf {
        self.root.join("index")
    }

    pub fn archive_dir(&self) -> PathBuf {
        self.root.join("archive")
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| sql(&self.db_path, e))
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .execute("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2", [key, value])
            .map(|_| ())
            .map_err(|e| sql(&self.db_path, e))
    }

    /// Adds the response records of a WARC file to the archive. All or nothing: on any error the
    /// archive file is cut back and the catalogue rolled back, so a re-run starts clean.
    /// Responses already stored (same URL and same payload) are skipped, so importing a file twice
    /// changes nothing.
    pub fn import_warc(&mut self, path: &Path) -> Result<ImportStats, StoreError> {
        self.import_warc_until(path, &|| false)
    }

    /// [`Store::import_warc`] that checks `stop` before every record: when it returns true
    /// (Ctrl-C, SIGTERM) the import is undone like a failed one and
    /// [`StoreError::Interrupted`] returned. The file is read once: a damaged file fails
    /// part-way and is rolled back, so callers that must refuse a bad file before touching the
    /// store validate it first ([`crate::validate_warc`]).
    pub fn import_warc_until(
        &mut self,
        path: &Path,
        stop: &dyn Fn() -> bool,
    ) -> Result<ImportStats, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.root.clone(),
                what: "import".into(),
            });
        }
        let mut writer = ArchiveWriter::new(&self.archive_dir(), ROTATE_BYTES)?;
        if let Some((name, end)) = self.newest_catalogued_end()? {
            writer.trust_up_to(&name, end);
        }
        let (file, len) = writer.position()?;
        // The journal is durable before the first append: whatever kills this process from
        // here on, the next open knows what to cut.
        self.set_meta(IMPORT_JOURNAL, &format!("{file}\t{len}"))?;
        let origin = format!(
            "import:{}",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        let db = self.db_path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&db, e))?;
        let mut stats = ImportStats::default();
        let result = archive::read_warc(path, |record| {
            if stop() {
                return Err(StoreError::Interrupted {
                    path: path.to_path_buf(),
                });
            }
            stats.records += 1;
            import_record(&tx, &db, &mut writer, &record, &origin, &mut stats)
        })
        .and_then(|_| writer.sync())
        .and_then(|()| {
            tx.execute("DELETE FROM meta WHERE key = ?1", [IMPORT_JOURNAL])
                .map_err(|e| sql(&db, e))?;
            tx.commit().map_err(|e| sql(&db, e))
        });
        match result {
            Ok(()) => Ok(stats),
            Err(err) => {
                // The transaction is gone (rolled back on drop or by the failed commit); the
                // archive is cut back too. Should even the cut fail (disk trouble), the journal
                // row stays and the next open finishes the job.
                writer.rollback_to(&file, len)?;
                self.clear_journal()?;
                Err(err)
            }
        }
    }

    /// Pages still to be turned into articles (all archived pages with `all`).
    pub fn pending_pages(&self, all: bool) -> Result<Vec<PageRow>, StoreError> {
        let filter = if all {
            ""
        } else {
            "WHERE extracted_at IS NULL"
        };
        let q = format!("SELECT {PAGE_COLUMNS} FROM pages {filter} ORDER BY fetched_at, id");
        let mut stmt = self.conn.prepare(&q).map_err(|e| sql(&self.db_path, e))?;
        let rows = stmt
            .query_map([], page_row)
            .map_err(|e| sql(&self.db_path, e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| sql(&self.db_path, e))
    }

    /// The newest successful response archived for `url`: how a multi-page article finds its
    /// following pages.
    pub fn page_by_url(&self, url: &str) -> Result<Option<PageRow>, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {PAGE_COLUMNS} FROM pages
                 WHERE url = ?1 AND status BETWEEN 200 AND 299 ORDER BY fetched_at DESC, id DESC LIMIT 1"
                ),
                [url],
                page_row,
            )
            .optional()
            .map_err(|e| sql(&self.db_path, e))
    }

    /// Queues already extracted pages for extraction again: a later page of their article has
    /// arrived and must be stitched in.
    pub fn requeue_pages(&mut self, page_ids: &[i64]) -> Result<(), StoreError> {
        let db = self.db_path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&db, e))?;
        for id in page_ids {
            tx.execute("UPDATE pages SET extracted_at = NULL WHERE id = ?1", [id])
                .map_err(|e| sql(&db, e))?;
        }
        tx.commit().map_err(|e| sql(&db, e))
    }

    /// Queues again the pages whose stored skip reason starts with `failed_prefix` when the
    /// extractor version differs from the one that failed on them; returns how many. A failure
    /// is stored so that one bad page is not retried (and does not fail) on every run, but a
    /// new extractor deserves another try.
    pub fn requeue_failed(
        &mut self,
        failed_prefix: &str,
        extractor_version: &str,
    ) -> Result<usize, StoreError> {
        let db = self.db_path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&db, e))?;
        let stored: Option<String> = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'extractor_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| sql(&db, e))?;
        if stored.as_deref() == Some(extractor_version) {
            return Ok(0);
        }
        let n = tx
            .execute(
                "UPDATE pages SET extracted_at = NULL WHERE extracted_at IS NOT NULL AND substr(extract_note, 1, length(?1)) = ?1",
                [failed_prefix],
            )
            .map_err(|e| sql(&db, e))?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('extractor_version', ?1) ON CONFLICT (key) DO UPDATE SET value = ?1",
            [extractor_version],
        )
        .map_err(|e| sql(&db, e))?;
        tx.commit().map_err(|e| sql(&db, e))?;
        Ok(n)
    }

    /// Pages skipped with a reason starting with `prefix`, as (url, reason): what `warta check`
    /// lists as failed extractions.
    pub fn skipped_pages(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT url, extract_note FROM pages WHERE substr(extract_note, 1, length(?1)) = ?1 ORDER BY id")
            .map_err(|e| sql(&self.db_path, e))?;
        let rows = stmt
            .query_map([prefix], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| sql(&self.db_path, e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| sql(&self.db_path, e))
    }

    /// Reads a page's HTTP response back from the archive.
    pub fn load_response(&self, page: &PageRow) -> Result<HttpResponse, StoreError> {
        let path = self.archive_dir().join(&page.warc_file);
        let record = archive::read_record_at(&path, page.warc_offset)?;
        http::parse_response(&record.block)
            .map_err(|e| StoreError::corrupt(&path, page.warc_offset, &e.to_string()))
    }

    /// Stores the outcome of extracting a batch of pages in one transaction.
    pub fn save_extractions(&mut self, outcomes: &[Extraction]) -> Result<(), StoreError> {
        let db = self.db_path.clone();
        let now = chrono::Utc::now().to_rfc3339();
        let tx = self.conn.transaction().map_err(|e| sql(&db, e))?;
        let mut seq: i64 = tx
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| {
                r.get(0)
            })
            .map_err(|e| sql(&db, e))?;
        for outcome in outcomes {
            match outcome {
                Extraction::Article {
                    page_id,
                    article,
                    events,
                } => {
                    let record = to_json(article);
                    let unchanged: bool = tx
                        .query_row(
                            "SELECT record = ?2 FROM articles WHERE id = ?1",
                            params![article.id, record],
                            |r| r.get(0),
                        )
                        .optional()
                        .map_err(|e| sql(&db, e))?
                        .unwrap_or(false);
                    if !unchanged {
                        seq += 1;
                        tx.execute(
                            "INSERT INTO articles (id, page_id, url, published, relevant, seq, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                             ON CONFLICT (id) DO UPDATE SET page_id = ?2, url = ?3, published = ?4, relevant = ?5, seq = ?6, record = ?7",
                            params![
                                article.id,
                                page_id,
                                article.url,
                                article.published.map(|p| p.to_rfc3339()),
                                article.relevant,
                                seq,
                                record
                            ],
                        )
                        .map_err(|e| sql(&db, e))?;
                    }
                    tx.execute(
                        "DELETE FROM article_events WHERE article_id = ?1",
                        [&article.id],
                    )
                    .map_err(|e| sql(&db, e))?;
                    for (idx, event) in events.iter().enumerate() {
                        tx.execute(
                            "INSERT INTO article_events (article_id, idx, record) VALUES (?1, ?2, ?3)",
                            params![article.id, idx as i64, to_json(event)],
                        )
                        .map_err(|e| sql(&db, e))?;
                    }
                    tx.execute(
                        "UPDATE pages SET extracted_at = ?2, extract_note = NULL WHERE id = ?1",
                        params![page_id, now],
                    )
                    .map_err(|e| sql(&db, e))?;
                }
                Extraction::Skipped { page_id, reason } => {
                    tx.execute(
                        "UPDATE pages SET extracted_at = ?2, extract_note = ?3 WHERE id = ?1",
                        params![page_id, now, reason],
                    )
                    .map_err(|e| sql(&db, e))?;
                }
            }
        }
        tx.commit().map_err(|e| sql(&db, e))
    }

    /// Every article's event candidates, ordered by article id: the input of cross-outlet merging.
    pub fn event_candidates(&self) -> Result<Vec<(String, Vec<Event>)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT article_id, record FROM article_events ORDER BY article_id, idx")
            .map_err(|e| sql(&self.db_path, e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| sql(&self.db_path, e))?;
        let mut out: Vec<(String, Vec<Event>)> = Vec::new();
        for row in rows {
            let (article_id, record) = row.map_err(|e| sql(&self.db_path, e))?;
            let event: Event = self.parse(&article_id, &record)?;
            match out.last_mut() {
                Some((id, events)) if *id == article_id => events.push(event),
                _ => out.push((article_id, vec![event])),
            }
        }
        Ok(out)
    }

    /// Replaces the merged events with `events`, touching only rows that changed. Returns whether
    /// anything changed (the search index then needs its events refreshed).
    pub fn replace_events(&mut self, events: &[Event]) -> Result<bool, StoreError> {
        let db = self.db_path.clone();
        let tx = self.conn.transaction().map_err(|e| sql(&db, e))?;
        let mut changed = false;
        let keep: std::collections::HashSet<&str> = events.iter().map(|e| e.id.as_str()).collect();
        let existing: Vec<String> = {
            let mut stmt = tx
                .prepare("SELECT id FROM events")
                .map_err(|e| sql(&db, e))?;
            let ids = stmt.query_map([], |r| r.get(0)).map_err(|e| sql(&db, e))?;
            ids.collect::<Result<_, _>>().map_err(|e| sql(&db, e))?
        };
        for id in existing.iter().filter(|id| !keep.contains(id.as_str())) {
            tx.execute("DELETE FROM events WHERE id = ?1", [id])
                .map_err(|e| sql(&db, e))?;
            changed = true;
        }
        for event in events {
            let record = to_json(event);
            let date = event.date.value.map(|d| d.to_string());
            let n = tx
                .execute(
                    "INSERT INTO events (id, type, date, record) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (id) DO UPDATE SET type = ?2, date = ?3, record = ?4 WHERE record != ?4",
                    params![event.id, event.event_type.code(), date, record],
                )
                .map_err(|e| sql(&db, e))?;
            changed |= n > 0;
        }
        if changed {
            let version: i64 = tx
                .query_row("SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'events_version'), 0)", [], |r| r.get(0))
                .map_err(|e| sql(&db, e))?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('events_version', ?1) ON CONFLICT (key) DO UPDATE SET value = ?1",
                [(version + 1).to_string()],
            )
            .map_err(|e| sql(&db, e))?;
        }
        tx.commit().map_err(|e| sql(&db, e))?;
        Ok(changed)
    }

    pub fn articles(&self) -> Result<Vec<Article>, StoreError> {
        self.records("SELECT id, record FROM articles ORDER BY published, id", [])
    }

    /// Articles stored or changed after sequence number `seq`, with the newest sequence number.
    pub fn articles_since(&self, seq: i64) -> Result<(Vec<Article>, i64), StoreError> {
        let articles = self.records(
            "SELECT id, record FROM articles WHERE seq > ?1 ORDER BY seq",
            [seq],
        )?;
        let max: i64 = self
            .conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| {
                r.get(0)
            })
            .map_err(|e| sql(&self.db_path, e))?;
        Ok((articles, max))
    }

    pub fn events(&self) -> Result<Vec<Event>, StoreError> {
        self.records("SELECT id, record FROM events ORDER BY date, id", [])
    }

    /// Every article's archive reference (WARC file and record offset) by article id, read
    /// from the records by SQLite without parsing them: what each exported event's sources cite.
    pub fn archive_refs(
        &self,
    ) -> Result<std::collections::HashMap<String, warta_model::ArchiveRef>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, json_extract(record, '$.archive.file'), json_extract(record, '$.archive.offset')
                 FROM articles WHERE json_extract(record, '$.archive.file') IS NOT NULL",
            )
            .map_err(|e| sql(&self.db_path, e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(|e| sql(&self.db_path, e))?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (id, file, offset) = row.map_err(|e| sql(&self.db_path, e))?;
            out.insert(
                id,
                warta_model::ArchiveRef {
                    file,
                    offset: u64::try_from(offset).unwrap_or_default(),
                },
            );
        }
        Ok(out)
    }

    /// The merged event with this id, if any (`warta show`, `export --id`).
    pub fn event(&self, id: &str) -> Result<Option<Event>, StoreError> {
        Ok(self
            .records("SELECT id, record FROM events WHERE id = ?1", [id])?
            .pop())
    }

    /// The merged events one of whose sources is the article `article_id`, by date: found by
    /// SQLite over the stored records, not by reading every event into memory.
    pub fn events_of_article(&self, article_id: &str) -> Result<Vec<Event>, StoreError> {
        self.records(
            "SELECT e.id, e.record FROM events e WHERE EXISTS (
                 SELECT 1 FROM json_each(e.record, '$.sources') s
                 WHERE json_extract(s.value, '$.article_id') = ?1)
             ORDER BY e.date, e.id",
            [article_id],
        )
    }

    /// The article with this id, URL or canonical URL, if any.
    pub fn article(&self, key: &str) -> Result<Option<Article>, StoreError> {
        let found = self.records(
            "SELECT id, record FROM articles WHERE id = ?1 OR url = ?1 ORDER BY id = ?1 DESC LIMIT 1",
            [key],
        )?;
        if !found.is_empty() {
            return Ok(found.into_iter().next());
        }
        Ok(self
            .records(
                "SELECT id, record FROM articles WHERE json_extract(record, '$.canonical_url') = ?1 LIMIT 1",
                [key],
            )?
            .pop())
    }

    pub fn counts(&self) -> Result<Counts, StoreError> {
        let count = |q: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(q, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(|e| sql(&self.db_path, e))
        };
        Ok(Counts {
            pages: count("SELECT COUNT(*) FROM pages")?,
            pending: count("SELECT COUNT(*) FROM pages WHERE extracted_at IS NULL")?,
            articles: count("SELECT COUNT(*) FROM articles")?,
            relevant: count("SELECT COUNT(*) FROM articles WHERE relevant")?,
            events: count("SELECT COUNT(*) FROM events")?,
        })
    }

    fn records<T: serde::de::DeserializeOwned, P: rusqlite::Params>(
        &self,
        q: &str,
        p: P,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare(q).map_err(|e| sql(&self.db_path, e))?;
        let rows = stmt
            .query_map(p, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| sql(&self.db_path, e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, record) = row.map_err(|e| sql(&self.db_path, e))?;
            out.push(self.parse(&id, &record)?);
        }
        Ok(out)
    }

    fn parse<T: serde::de::DeserializeOwned>(
        &self,
        id: &str,
        record: &str,
    ) -> Result<T, StoreError> {
        serde_json::from_str(record).map_err(|e| StoreError::Record {
            path: self.db_path.clone(),
            id: id.to_string(),
            message: e.to_string(),
        })
    }
}

/// How many of each thing the data directory holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub pages: u64,
    pub pending: u64,
    pub articles: u64,
    pub relevant: u64,
    pub events: u64,
}

/// The result of extracting one page.
#[derive(Debug, Clone)]
pub enum Extraction {
    Article {
        page_id: i64,
        article: Box<Article>,
        events: Vec<Event>,
    },
    /// Not an article (not HTML, an error status, no content): recorded so it is not retried.
    Skipped { page_id: i64, reason: String },
}

fn import_record(
    tx: &rusqlite::Transaction<'_>,
    db: &Path,
    writer: &mut ArchiveWriter,
    record: &WarcRecord,
    origin: &str,
    stats: &mut ImportStats,
) -> Result<(), StoreError> {
    if record.record_type() != "response" {
        return Ok(());
    }
    stats.responses += 1;
    let Some(url) = record
        .header("WARC-Target-URI")
        .map(|u| u.trim_matches(['<', '>', ' ']).to_string())
    else {
        stats.skipped += 1;
        return Ok(());
    };
    if let Some(length) = record.oversize {
        tracing::warn!(%url, offset = record.offset,
            "skipping a response of {length} bytes, over the {} MiB page cap", crate::archive::MAX_PAGE_BYTES >> 20);
        stats.skipped += 1;
        return Ok(());
    }
    // A response must say where it came from: article ids, sites and search results all hang
    // on its URL.
    match url::Url::parse(&url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {}
        _ => {
            tracing::warn!(
                offset = record.offset,
                "skipping a response whose WARC-Target-URI is not an http(s) URL: {url:?}"
            );
            stats.skipped += 1;
            return Ok(());
        }
    }
    let response = match http::parse_response(&record.block) {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(%url, offset = record.offset, "skipping a response that is not HTTP: {e}");
            stats.skipped += 1;
            return Ok(());
        }
    };
    let digest: String = Sha256::digest(&response.body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let exists: bool = tx
        .query_row(
            "SELECT 1 FROM pages WHERE url = ?1 AND payload_sha256 = ?2",
            params![url, digest],
            |_| Ok(()),
        )
        .optional()
        .map_err(|e| sql(db, e))?
        .is_some();
    if exists {
        stats.duplicates += 1;
        return Ok(());
    }
    let written = writer.append(&record.version, &record.headers, &record.block)?;
    tx.execute(
        "INSERT INTO pages (url, status, content_type, fetched_at, payload_sha256, warc_file, warc_offset, warc_length, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            url,
            response.status,
            response.content_type(),
            record.header("WARC-Date"),
            digest,
            written.file,
            written.offset as i64,
            written.length as i64,
            origin
        ],
    )
    .map_err(|e| sql(db, e))?;
    stats.added += 1;
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("model types always serialise")
}

pub(crate) fn sql(path: &Path, source: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode as C;
    match source.sqlite_error_code() {
        Some(C::DatabaseCorrupt | C::NotADatabase) => StoreError::Damaged {
            path: path.to_path_buf(),
            message: source.to_string(),
        },
        Some(C::ReadOnly) => StoreError::ReadOnly {
            path: path.to_path_buf(),
            what: "this command".into(),
        },
        _ => StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// The WARC files of an archive directory, in name (= time) order.
fn archive_files(dir: &Path) -> impl Iterator<Item = PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .collect();
    files.sort();
    files.into_iter()
}

/// Whether the current user may create files in `dir`: false for a directory without write
/// permission and for a read-only mount (root passes permission bits, not a read-only mount).
fn dir_writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call; access(2) only reads it.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}
