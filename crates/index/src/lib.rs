//! warta-index: full-text search over articles and events with tantivy.
//!
//! The pipeline upserts [`ArticleDoc`]s and [`warta_model::Event`]s into a [`SearchIndex`]; the
//! CLI's `warta search` runs a [`SearchQuery`] and prints [`Hit`]s. Prose is analysed with an
//! Indonesian Snowball stemmer ([`IndonesianStemmer`]); ids and codes are matched raw. See
//! `schema.rs` for why articles and events share one index.

mod analyzer;
mod query;
mod schema;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{
    DateTime, DocAddress, DocId, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Score,
    Searcher, SegmentReader, TantivyDocument, TantivyError, Term,
};

pub use analyzer::{IndonesianStemmer, IndonesianStemmerFilter, IndonesianStemmerStream};
pub use schema::INDEX_SCHEMA_VERSION;
pub use warta_export::Filter;

use schema::{Fields, KIND_ARTICLE, KIND_EVENT};

/// File in the index directory holding [`INDEX_SCHEMA_VERSION`] of the index stored there.
const VERSION_FILE: &str = "warta-index-version";
/// Writer heap: tantivy needs ≥15 MB per thread; 64 MB gives at most four indexing threads,
/// which is plenty on the small machines warta runs on.
const WRITER_HEAP_BYTES: usize = 64_000_000;
/// Number of relevance bands used for "newest-relevant first" (see [`SearchIndex::search`]).
const SCORE_BANDS: f32 = 10.0;
/// Maximum length of a snippet, in characters.
const SNIPPET_CHARS: usize = 200;

/// Which kind of record a query searches and a hit describes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub enum Target {
    #[default]
    #[serde(rename = "article")]
    Articles,
    #[serde(rename = "event")]
    Events,
}

/// An article plus what extraction learned about it: indexed together so `--org`, `--type` and
/// `--province` work on articles without a join against the event store at query time.
#[derive(Debug, Clone)]
pub struct ArticleDoc<'a> {
    pub article: &'a warta_model::Article,
    /// Ids and names/acronyms of organisations in the article's events (searched by `org:`).
    pub orgs: Vec<String>,
    /// Participant keys of the article's events ([`warta_export::participant_keys`]), what
    /// an `--org` filter selects by.
    pub org_keys: Vec<String>,
    /// Event type codes of the article's events.
    pub event_types: Vec<String>,
    /// Provinces and places of the article's events.
    pub provinces: Vec<warta_model::Region>,
}

/// An event plus the sentences of its source article it is shown by (around its evidence):
/// search snippets of events are those sentences, not its fields glued together.
#[derive(Debug, Clone)]
pub struct EventDoc<'a> {
    pub event: &'a warta_model::Event,
    /// Article sentences in text order; empty: the event's claims and quotes stand in.
    pub sentences: Vec<String>,
}

/// One search request, as `warta search` receives it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    /// Words, "quoted phrases", AND/OR/NOT, `title:`/`org:` prefixes; empty = filters only,
    /// newest first.
    pub text: String,
    pub target: Target,
    /// The resolved filter (see [`warta_export::Resolver`]): the same value `export` and
    /// `stats` select with, so the three agree. Dates are the article's publication day or the
    /// event's day, local time.
    pub filter: Filter,
    /// Newest first, whatever the relevance (default: newest-relevant first, see
    /// [`SearchIndex::search`]).
    pub newest: bool,
    pub limit: usize,
}

impl SearchQuery {
    /// A query for `text` over articles with no filters and the CLI's default limit of 20.
    pub fn new(text: impl Into<String>) -> SearchQuery {
        SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        }
    }
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            target: Target::Articles,
            filter: Filter::default(),
            newest: false,
            limit: 20,
        }
    }
}

/// One search result, ready to print or serialise (`--json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub kind: Target,
    pub id: String,
    /// Article headline; for events a generated one-line summary (type, trigger, bodies).
    pub title: String,
    /// Article URL; for events the URL of the first source.
    pub url: String,
    pub site: String,
    /// Article: publication time (RFC 3339 with offset); event: event day (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Event: its type code; article: the comma-separated codes of its events, if any.
    pub event_type: Option<String>,
    /// BM25 relevance (0 for filter-only queries).
    pub score: f32,
    /// Plain text with matched words wrapped in `«…»`.
    pub snippet: String,
    /// The same fragment as HTML-escaped text with matched words in `<b>…</b>`.
    pub snippet_html: String,
}

/// Everything that can go wrong; each message names the directory, query or filter at fault.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index directory {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the search index in {path} is being written by another warta process; retry when it has finished"
    )]
    Locked { path: PathBuf },
    #[error("search index: {0}")]
    Tantivy(#[from] TantivyError),
    #[error("invalid query `{query}`: {message}")]
    QueryParse { query: String, message: String },
    #[error("invalid {filter} filter `{value}`: {message}")]
    InvalidFilter {
        filter: &'static str,
        value: String,
        message: String,
    },
}

/// A tantivy index of articles and events in one directory.
///
/// The writer is taken only for the duration of an `index_*`/`clear` call, so searches from
/// other processes (a user running `warta search` while the nightly job indexes) keep working
/// and see each commit once it is done.
pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    rebuilt: bool,
    /// Set while a new index is staged beside the one it replaces: the directory it moves to.
    swap_into: Option<PathBuf>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .field("rebuilt", &self.rebuilt)
            .finish_non_exhaustive()
    }
}

/// Whether `name` is a file tantivy (or this crate) writes into an index directory: the only
/// files a schema rebuild may delete, in case the user pointed warta at a shared directory.
fn is_index_file(name: &str) -> bool {
    const FIXED: [&str; 5] = [
        "meta.json",
        ".managed.json",
        ".tantivy-meta.lock",
        ".tantivy-writer.lock",
        VERSION_FILE,
    ];
    if FIXED.contains(&name) {
        return true;
    }
    // Segment files: 32 hex digits of segment id, then an extension (`<uuid>.idx`, `<uuid>.123.del`).
    let bytes = name.as_bytes();
    bytes.len() > 33 && bytes[..32].iter().all(u8::is_ascii_hexdigit) && bytes[32] == b'.'
}

/// Where an index of a new schema is built while the old one still answers searches.
fn staging_dir(dir: &Path) -> PathBuf {
    let mut name = dir
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".next");
    dir.with_file_name(name)
}

/// Exchanges two directories. On Linux one atomic `renameat2(RENAME_EXCHANGE)`: a search sees
/// either the old index or the new one, never none. Elsewhere (or on a filesystem without it) two
/// renames, with a moment in which the index is missing and a search says so.
fn swap_dirs(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes());
        let (ca, cb) = (c(a)?, c(b)?);
        // SAFETY: both pointers are valid NUL-terminated paths for the duration of the call.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(());
        }
        let err = std::io::Error::last_os_error();
        if !matches!(err.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(err);
        }
    }
    let mut old_name = b.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    old_name.push(".old");
    let old = b.with_file_name(old_name);
    let _ = fs::remove_dir_all(&old);
    fs::rename(b, &old)?;
    fs::rename(a, b)?;
    fs::rename(&old, a)
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the directory and an empty index if missing.
    ///
    /// An index written with another [`INDEX_SCHEMA_VERSION`] (or a different schema) cannot be
    /// queried correctly, so it is deleted and replaced by an empty one; [`Self::was_rebuilt`]
    /// then returns `true`, the signal for the caller to re-index everything.
    pub fn open(dir: &Path) -> Result<SearchIndex, IndexError> {
        let io = |source| IndexError::Io {
            path: dir.to_path_buf(),
            source,
        };
        fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = schema::build_schema();
        let version_path = dir.join(VERSION_FILE);
        let expected = INDEX_SCHEMA_VERSION.to_string();
        let index = if dir.join("meta.json").exists() {
            let version_ok = fs::read_to_string(&version_path)
                .map(|v| v.trim() == expected)
                .unwrap_or(false);
            let existing = if version_ok {
                Some(Index::open_in_dir(dir)?)
            } else {
                None
            };
            match existing {
                Some(index) if index.schema() == schema => index,
                _ => return SearchIndex::staged(dir, schema, fields),
            }
        } else {
            Index::create_in_dir(dir, schema)?
        };
        if !version_path.exists() {
            fs::write(&version_path, format!("{expected}\n")).map_err(io)?;
        }
        SearchIndex::ready(dir, index, fields, false)
    }

    /// An empty index of the current schema built beside `dir` (in `dir.next`), for an index of
    /// another schema: searches keep the old index — which tells them it is outdated, never an
    /// empty answer — until [`Self::replace_all`] has committed the new one and swaps the two.
    /// A run killed meanwhile leaves the old index, and the next run starts the staging again.
    fn staged(
        dir: &Path,
        schema: tantivy::schema::Schema,
        fields: Fields,
    ) -> Result<SearchIndex, IndexError> {
        let next = staging_dir(dir);
        let io = |source| IndexError::Io {
            path: next.clone(),
            source,
        };
        if next.exists() {
            fs::remove_dir_all(&next).map_err(io)?;
        }
        fs::create_dir_all(&next).map_err(io)?;
        let index = Index::create_in_dir(&next, schema)?;
        fs::write(next.join(VERSION_FILE), format!("{INDEX_SCHEMA_VERSION}\n")).map_err(io)?;
        let mut staged = SearchIndex::ready(&next, index, fields, true)?;
        staged.swap_into = Some(dir.to_path_buf());
        Ok(staged)
    }

    /// Opens an existing index for searching only: no file is created, written or locked, so
    /// it works on a read-only data directory (a read-only mount, a copy the user may not
    /// write). A missing or outdated index is an error that says to run `warta index`.
    pub fn open_read_only(dir: &Path) -> Result<SearchIndex, IndexError> {
        let (schema, fields) = schema::build_schema();
        let missing = |what: &str| IndexError::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{what}; run `warta index` where the data directory is writable"),
            ),
        };
        if !dir.join("meta.json").exists() {
            return Err(missing("no search index"));
        }
        let version_ok = fs::read_to_string(dir.join(VERSION_FILE))
            .is_ok_and(|v| v.trim() == INDEX_SCHEMA_VERSION.to_string());
        let mmap = tantivy::directory::MmapDirectory::open(dir).map_err(|e| IndexError::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let index = Index::open(ReadOnlyDirectory(mmap))?;
        if !version_ok || index.schema() != schema {
            return Err(missing(
                "the search index was built by another warta version",
            ));
        }
        SearchIndex::ready(dir, index, fields, false)
    }

    /// The one way an opened tantivy index becomes a `SearchIndex`: the analyzers its fields
    /// name are registered and a manually reloaded reader is made, for writers and readers alike.
    fn ready(
        dir: &Path,
        index: Index,
        fields: schema::Fields,
        rebuilt: bool,
    ) -> Result<SearchIndex, IndexError> {
        index
            .tokenizers()
            .register(analyzer::INDONESIAN, analyzer::indonesian_analyzer());
        index
            .tokenizers()
            .register(analyzer::NAMES, analyzer::name_analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            rebuilt,
            swap_into: None,
        })
    }

    /// [`Self::open`] for the writer (`warta index`): an index that cannot be opened (damaged
    /// files, a meta.json cut short) is derived data, so its files are deleted and an empty index
    /// created in their place; the reason is returned so the caller can say so, and
    /// [`Self::was_rebuilt`] is `true`. A locked index is still an error.
    pub fn open_or_repair(dir: &Path) -> Result<(SearchIndex, Option<String>), IndexError> {
        match SearchIndex::open(dir) {
            Ok(index) => Ok((index, None)),
            Err(e @ (IndexError::Locked { .. } | IndexError::Io { .. })) => Err(e),
            Err(damage) => {
                let reason = damage.to_string();
                let io = |source| IndexError::Io {
                    path: dir.to_path_buf(),
                    source,
                };
                for entry in fs::read_dir(dir).map_err(io)? {
                    let entry = entry.map_err(io)?;
                    if entry.file_name().to_str().is_some_and(is_index_file) {
                        fs::remove_file(entry.path()).map_err(io)?;
                    }
                }
                let mut index = SearchIndex::open(dir)?;
                index.rebuilt = true;
                Ok((index, Some(reason)))
            }
        }
    }

    /// True when [`Self::open`] replaced an index of an older schema by an empty one, so every
    /// article and event must be indexed again.
    pub fn was_rebuilt(&self) -> bool {
        self.rebuilt
    }

    fn writer(&self) -> Result<IndexWriter, IndexError> {
        self.index.writer(WRITER_HEAP_BYTES).map_err(|e| match e {
            TantivyError::LockFailure(..) => IndexError::Locked {
                path: self.dir.clone(),
            },
            other => IndexError::Tantivy(other),
        })
    }

    /// Upserts documents (delete by key, then add) in one commit, so a crash leaves either the
    /// old or the new version of the batch, and re-indexing never duplicates.
    fn upsert(&mut self, docs: Vec<(String, TantivyDocument)>) -> Result<(), IndexError> {
        if docs.is_empty() {
            return Ok(());
        }
        let mut writer = self.writer()?;
        for (key, doc) in docs {
            writer.delete_term(Term::from_field_text(self.fields.key, &key));
            writer.add_document(doc)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Upserts articles and commits once at the end. Idempotent: indexing the same docs twice
    /// leaves one copy each.
    pub fn index_articles(&mut self, docs: &[ArticleDoc]) -> Result<(), IndexError> {
        let f = self.fields;
        let docs = docs
            .iter()
            .map(|d| {
                (
                    schema::key(KIND_ARTICLE, &d.article.id),
                    schema::article_document(&f, d),
                )
            })
            .collect();
        self.upsert(docs)
    }

    /// Upserts events and commits once at the end; idempotent like [`Self::index_articles`].
    /// Without their article sentences: claims and quotes are the snippets (see
    /// [`Self::index_event_docs`]).
    pub fn index_events(&mut self, events: &[warta_model::Event]) -> Result<(), IndexError> {
        let docs: Vec<EventDoc> = events
            .iter()
            .map(|event| EventDoc {
                event,
                sentences: Vec::new(),
            })
            .collect();
        self.index_event_docs(&docs)
    }

    /// Upserts events with their article sentences; idempotent like [`Self::index_articles`].
    pub fn index_event_docs(&mut self, events: &[EventDoc]) -> Result<(), IndexError> {
        let f = self.fields;
        let docs = events
            .iter()
            .map(|d| {
                (
                    schema::key(KIND_EVENT, &d.event.id),
                    schema::event_document(&f, d),
                )
            })
            .collect();
        self.upsert(docs)
    }

    /// Replaces the whole content of the index by `articles` and `events` in ONE commit: a
    /// search running meanwhile (another process) sees the previous complete index until the
    /// commit, then the new one — never an empty index half-way, and a killed rebuild leaves the
    /// last good commit in place.
    pub fn replace_all(
        &mut self,
        articles: &[ArticleDoc],
        events: &[EventDoc],
    ) -> Result<(), IndexError> {
        let f = self.fields;
        let mut writer = self.writer()?;
        writer.delete_all_documents()?;
        for d in articles {
            writer.add_document(schema::article_document(&f, d))?;
        }
        for e in events {
            writer.add_document(schema::event_document(&f, e))?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        if let Some(target) = self.swap_into.take() {
            let io = |source| IndexError::Io {
                path: target.clone(),
                source,
            };
            swap_dirs(&self.dir, &target).map_err(io)?;
            // The staging directory now holds the old index; searches that still have it open
            // keep their mapped files until they finish. Files that are not the index's (a
            // user's notes) move over with the index.
            for entry in fs::read_dir(&self.dir).map_err(io)? {
                let entry = entry.map_err(io)?;
                let name = entry.file_name();
                if !name.to_str().is_some_and(is_index_file) {
                    fs::rename(entry.path(), target.join(&name)).map_err(io)?;
                }
            }
            let _ = fs::remove_dir_all(&self.dir);
            *self = SearchIndex::open(&target)?;
        }
        Ok(())
    }

    /// Removes every document (for `warta extract --all` followed by a full re-index).
    pub fn clear(&mut self) -> Result<(), IndexError> {
        let mut writer = self.writer()?;
        writer.delete_all_documents()?;
        writer.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Number of indexed (articles, events).
    pub fn doc_count(&self) -> Result<(u64, u64), IndexError> {
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let count = |kind: &str| -> Result<u64, IndexError> {
            let q = TermQuery::new(
                Term::from_field_text(self.fields.kind, kind),
                IndexRecordOption::Basic,
            );
            Ok(searcher.search(&q, &Count)? as u64)
        };
        Ok((count(KIND_ARTICLE)?, count(KIND_EVENT)?))
    }

    fn query_parser(&self) -> QueryParser {
        let f = &self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.text, f.extra, f.org]);
        parser.set_conjunction_by_default();
        // A word in the headline says more about what an article is about than one in the body.
        parser.set_field_boost(f.title, 2.0);
        parser
    }

    /// Runs `query` and returns at most `query.limit` hits, **newest-relevant first**.
    ///
    /// Ranking: BM25 scores are divided into ten bands relative to the best hit (scores above
    /// 90 % of the best form the top band, 80–90 % the next, ...); within a band hits are
    /// ordered newest first, then by score. Compared with adding a recency boost to the score,
    /// bands keep the order explainable ("as relevant, but newer") and independent of today's
    /// date, so the same index always answers the same way — which tests and researchers'
    /// reproducible queries need. An empty `text` means "filters only": newest first.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>, IndexError> {
        if query.limit == 0 {
            return Ok(Vec::new());
        }
        let (full, scored) = self.build(query)?;
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        // No more hits than documents: a huge `--limit` must not size tantivy's heap.
        let limit = query
            .limit
            .min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX))
            .max(1);
        let ranked: Vec<(f32, DocAddress)> = if scored && !query.newest {
            self.rank_newest_relevant(&searcher, &full, limit)?
        } else {
            let by_date: Vec<(Option<DateTime>, DocAddress)> = searcher.search(
                &full,
                &TopDocs::with_limit(limit).order_by_fast_field::<DateTime>("date", Order::Desc),
            )?;
            by_date.into_iter().map(|(_, a)| (0.0, a)).collect()
        };

        let snippets = self.snippet_generator(&searcher, &full)?;
        let f = &self.fields;
        let mut hits = Vec::with_capacity(ranked.len());
        for (score, addr) in ranked {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let first = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let kind = match first(f.kind).as_deref() {
                Some(KIND_EVENT) => Target::Events,
                _ => Target::Articles,
            };
            let types: Vec<&str> = doc
                .get_all(f.event_type)
                .filter_map(|v| v.as_str())
                .collect();
            let (snippet, snippet_html) = render_snippet(snippets.snippet_from_doc(&doc), || {
                first(f.text).unwrap_or_default()
            });
            hits.push(Hit {
                kind,
                id: first(f.id).unwrap_or_default(),
                title: first(f.title).unwrap_or_default(),
                url: first(f.url).unwrap_or_default(),
                site: first(f.site).unwrap_or_default(),
                date: first(f.date_text),
                event_type: (!types.is_empty()).then(|| types.join(",")),
                score,
                snippet,
                snippet_html,
            });
        }
        Ok(hits)
    }

    /// The whole query (text plus filter clauses) and whether it has words to score.
    fn build(&self, query: &SearchQuery) -> Result<(BooleanQuery, bool), IndexError> {
        let filters = query::filter_clauses(&self.fields, query)?;
        let text_query: Option<Box<dyn Query>> = if query.text.trim().is_empty() {
            None
        } else {
            let parsed =
                query::parse_text(&self.query_parser(), &query.text).map_err(|message| {
                    IndexError::QueryParse {
                        query: query.text.clone(),
                        message,
                    }
                })?;
            Some(parsed)
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let scored = text_query.is_some();
        clauses.push((
            Occur::Must,
            text_query.unwrap_or_else(|| Box::new(AllQuery)),
        ));
        clauses.extend(filters.into_iter().map(|q| (Occur::Must, q)));
        Ok((BooleanQuery::new(clauses), scored))
    }

    /// The ids of every record `query` matches, unranked and without snippets (`query.limit`
    /// is ignored): what `search --facets` counts.
    pub fn matching_ids(&self, query: &SearchQuery) -> Result<Vec<String>, IndexError> {
        let (full, _) = self.build(query)?;
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let found = searcher.search(&full, &tantivy::collector::DocSetCollector)?;
        let mut ids = Vec::with_capacity(found.len());
        for addr in found {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = doc.get_first(self.fields.id).and_then(|v| v.as_str()) {
                ids.push(id.to_string());
            }
        }
        Ok(ids)
    }

    /// Top `limit` by (score band, date, score), exactly, in two passes: the best score first
    /// (cheap: tantivy prunes with block-max WAND), then one pass that ranks every match by its
    /// band relative to that best score, its date fast field and its score.
    fn rank_newest_relevant(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        limit: usize,
    ) -> Result<Vec<(f32, DocAddress)>, IndexError> {
        let best: Vec<(f32, DocAddress)> =
            searcher.search(query, &TopDocs::with_limit(1).order_by_score())?;
        let Some(&(best, _)) = best.first() else {
            return Ok(Vec::new());
        };
        let ranked: Vec<((i64, i64, f32), DocAddress)> = searcher.search(
            query,
            &TopDocs::with_limit(limit).tweak_score(move |segment: &SegmentReader| {
                let dates: Option<Column<DateTime>> = segment.fast_fields().date("date").ok();
                move |doc: DocId, score: Score| {
                    let band = if best > 0.0 {
                        ((score / best) * SCORE_BANDS).ceil() as i64
                    } else {
                        0
                    };
                    let date = dates
                        .as_ref()
                        .and_then(|c| c.first(doc))
                        .map_or(i64::MIN, |d| d.into_timestamp_secs());
                    (band, date, score)
                }
            }),
        )?;
        Ok(ranked
            .into_iter()
            .map(|((_, _, score), addr)| (score, addr))
            .collect())
    }

    /// A snippet generator over the `text` field that highlights the query's words whether
    /// they were asked of `title` or `text` (both share one analyzer), so `title:koperasi` still
    /// marks "koperasi" in the body.
    fn snippet_generator(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
    ) -> Result<SnippetGenerator, IndexError> {
        let f = &self.fields;
        let mut words: Vec<String> = Vec::new();
        query.query_terms(&mut |term, _| {
            if (term.field() == f.text || term.field() == f.title || term.field() == f.extra)
                && let Some(s) = term.value().as_str()
            {
                words.push(s.to_string());
            }
        });
        let mut terms: BTreeMap<String, f32> = BTreeMap::new();
        for w in words {
            let df = searcher.doc_freq(&Term::from_field_text(f.text, &w))?;
            if df > 0 {
                // Rarer words make better snippets, as in SnippetGenerator::create.
                terms.insert(w, 1.0 / (1.0 + df as f32));
            }
        }
        let analyzer = self.index.tokenizer_for_field(f.text)?;
        Ok(SnippetGenerator::new(
            terms,
            analyzer,
            f.text,
            SNIPPET_CHARS,
        ))
    }
}

/// Both snippet forms; without highlights, the start of the text (a filter-only query or a
/// match in another field still gets a useful preview).
fn render_snippet(snippet: Snippet, text: impl FnOnce() -> String) -> (String, String) {
    if snippet.highlighted().is_empty() || snippet.fragment().is_empty() {
        let lead = lead_text(&text(), SNIPPET_CHARS);
        let html = escape_html(&lead);
        return (lead, html);
    }
    let fragment = snippet.fragment();
    let mut ranges: Vec<std::ops::Range<usize>> = snippet.highlighted().to_vec();
    ranges.sort_by_key(|r| r.start);
    let mut plain = String::with_capacity(fragment.len() + 8);
    let mut at = 0;
    for r in ranges {
        if r.start < at || r.end > fragment.len() {
            continue;
        }
        let (Some(before), Some(word)) = (fragment.get(at..r.start), fragment.get(r.clone()))
        else {
            continue;
        };
        plain.push_str(before);
        plain.push('«');
        plain.push_str(word);
        plain.push('»');
        at = r.end;
    }
    plain.push_str(fragment.get(at..).unwrap_or_default());
    (flatten(&plain), flatten(&snippet.to_html()))
}

/// Snippets are one line: paragraph breaks become spaces.
fn flatten(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` characters of `text` on one line, cut at a word boundary.
fn lead_text(text: &str, max: usize) -> String {
    let flat = flatten(text);
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) if i > max / 2 => format!("{}…", &cut[..i]),
        _ => format!("{cut}…"),
    }
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;

/// An index directory that is only read: locks are not taken (taking one creates a file) and
/// every write is refused. Searches need no lock: tantivy's commit replaces `meta.json`
/// atomically, so a reader sees one complete commit or the next.
#[derive(Debug, Clone)]
struct ReadOnlyDirectory(tantivy::directory::MmapDirectory);

impl tantivy::Directory for ReadOnlyDirectory {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> Result<
        std::sync::Arc<dyn tantivy::directory::FileHandle>,
        tantivy::directory::error::OpenReadError,
    > {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), tantivy::directory::error::DeleteError> {
        Err(tantivy::directory::error::DeleteError::IoError {
            io_error: std::sync::Arc::new(read_only_error()),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, tantivy::directory::error::OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(
        &self,
        path: &Path,
    ) -> Result<tantivy::directory::WritePtr, tantivy::directory::error::OpenWriteError> {
        Err(tantivy::directory::error::OpenWriteError::IoError {
            io_error: std::sync::Arc::new(read_only_error()),
            filepath: path.to_path_buf(),
        })
    }

    fn atomic_read(
        &self,
        path: &Path,
    ) -> Result<Vec<u8>, tantivy::directory::error::OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(read_only_error())
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(
        &self,
        _lock: &tantivy::directory::Lock,
    ) -> Result<tantivy::directory::DirectoryLock, tantivy::directory::error::LockError> {
        Ok(tantivy::directory::DirectoryLock::from(Box::new(())))
    }

    fn watch(
        &self,
        watch_callback: tantivy::directory::WatchCallback,
    ) -> tantivy::Result<tantivy::directory::WatchHandle> {
        self.0.watch(watch_callback)
    }
}

fn read_only_error() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::ReadOnlyFilesystem,
        "the search index is opened read-only",
    )
}
