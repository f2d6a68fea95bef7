use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// A news article as researchers receive it: the clean body plus who wrote it and when.
///
/// `text` is the body with paragraphs separated by `"\n\n"`; every evidence offset in an
/// [`crate::Event`] counts Unicode code points into this string, so it must never be altered
/// after events have been extracted from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Article {
    /// Stable id: derived from the URL, so re-importing a page keeps it.
    pub id: String,
    pub url: String,
    pub canonical_url: Option<String>,
    /// Host name of the outlet (`"sumselpost.co.id"`).
    pub site: String,
    pub title: String,
    pub published: Option<Timestamp>,
    pub modified: Option<Timestamp>,
    pub authors: Vec<Author>,
    pub text: String,
    /// ISO 639-1 code when known (`"id"`).
    pub lang: Option<String>,
    /// Whether the article is about labour relations (it mentions a union, a labour agency or a
    /// labour topic); irrelevant articles are kept and searchable but produce no events.
    pub relevant: bool,
    pub fetched_at: Option<Timestamp>,
    pub archive: Option<ArchiveRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Author {
    pub name: String,
    pub role: AuthorRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthorRole {
    Author,
    Reporter,
    Editor,
}

/// Where the raw HTTP response behind an article lives, so it can be re-extracted without
/// refetching: a WARC file under the data directory and the byte offset of its gzip member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ArchiveRef {
    pub file: String,
    pub offset: u64,
}
