//! The data directory: raw responses in WARC files, and a SQLite catalogue of pages, articles and
//! events. Every other crate reaches stored data through [`Store`], so none of them sees SQL or
//! file layout.
//!
//! Layout of a data directory:
//! ```text
//! archive/warta-<stamp>-<n>.warc.gz   raw responses, one gzip member per record
//! catalogue.sqlite                    pages, articles, per-article event candidates, merged events
//! index/                              the search index (owned by warta-index)
//! ```
//! This crate must never lose stored data: imports are all-or-nothing (a failed import truncates
//! the archive back and rolls the catalogue back), and writes happen in transactions.

pub mod archive;
mod catalogue;
pub mod crawl;
pub mod http;

use std::path::{Path, PathBuf};

pub use catalogue::{Counts, Extraction, ImportStats, PageRow, Store};
pub use http::HttpResponse;

/// What went wrong, always with the file (and offset) or the database operation at fault.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: at offset {offset}: {message}")]
    Corrupt {
        path: PathBuf,
        offset: u64,
        message: String,
    },
    #[error("catalogue {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("catalogue {path}: stored record {id} is unreadable: {message}")]
    Record {
        path: PathBuf,
        id: String,
        message: String,
    },
    /// The catalogue exists but is not a healthy warta catalogue: never treated as an empty
    /// store (that would hide every stored page behind a fresh start).
    #[error(
        "catalogue {path} is damaged: {message}; restore it from a backup (`warta check` reports what is wrong)"
    )]
    Damaged { path: PathBuf, message: String },
    /// A file the catalogue refers to is gone.
    #[error(
        "{path}: archive file missing ({pages} catalogued pages point into it); restore it from a backup"
    )]
    MissingArchive { path: PathBuf, pages: u64 },
    /// A write was needed in a data directory opened read-only.
    #[error("{path}: the data directory is read-only; {what} needs to write to it")]
    ReadOnly { path: PathBuf, what: String },
    /// A stored response over the page cap ([`archive::MAX_PAGE_BYTES`]), not loaded.
    #[error("{path}: at offset {offset}: response over the {limit_mib} MiB page cap, not loaded")]
    TooLarge {
        path: PathBuf,
        offset: u64,
        limit_mib: u64,
    },
    /// The import was stopped by a signal (Ctrl-C, SIGTERM) at a record boundary and undone.
    #[error("{path}: import interrupted; nothing of this file was kept, the archive is as it was")]
    Interrupted { path: PathBuf },
    #[error(
        "{path}: the catalogue was written by a newer warta (schema {found}, this build knows {known})"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
}

impl StoreError {
    /// An I/O failure on `path` (also for callers that write archive files through this crate).
    pub fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn corrupt(path: &Path, offset: u64, message: &str) -> StoreError {
        StoreError::Corrupt {
            path: path.to_path_buf(),
            offset,
            message: message.to_string(),
        }
    }
}

/// Checks that a file is a readable WARC before anything is written, so that a bad file given to
/// `warta import` leaves the data directory untouched (not even created).
pub fn validate_warc(path: &Path) -> Result<u64, StoreError> {
    archive::read_warc(path, |_| Ok(()))
}

/// A stable id for the article at a URL: re-importing or refetching the page keeps it.
pub fn article_id(url: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(url.trim().as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}
