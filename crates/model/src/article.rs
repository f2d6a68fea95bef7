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
    /// Why the extractor reported the events it did, or none: the reasons of its own decision
    /// path, so a researcher can see what a missed article lacked. `None` before extraction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Why>,
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

/// The extractor's decision on one article, with the words that decided it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Why {
    /// How many events the article gave.
    pub events: usize,
    /// The steps of the decision in order; for an article without events the last one says what
    /// was missing.
    pub reasons: Vec<Reason>,
}

/// One step of the extractor's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reason {
    pub code: ReasonCode,
    /// The words of the article that set this step (at most a few), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
}

/// What one decision step found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// A union, a labour agency or a group of workers is named.
    LabourActor,
    /// No union, labour agency or group of workers is named.
    NoLabourActor,
    /// Labour actors are named only in boilerplate (related links, credits), not in the story.
    OnlyBoilerplate,
    /// The story happens abroad with no Indonesian party.
    Foreign,
    /// The story reports figures (poverty, unemployment, a survey), not an interaction.
    Statistics,
    /// The story is about a crime, an arrest or a trial.
    Crime,
    /// The story is about an election campaign.
    Campaign,
    /// The piece is an opinion or an expert's commentary.
    Commentary,
    /// A word of interaction (protest, hearing, meeting, …) was found.
    Trigger,
    /// No word of interaction between labour and government was found.
    NoTrigger,
    /// A labour actor and an interaction but no counterpart (government, employer) to interact with.
    NoCounterpart,
}
