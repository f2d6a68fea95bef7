//! The records that flow between warta's stages: [`Article`], [`Event`] and their parts.
//!
//! These types *are* the export contract (`shared/design/event-schema.md`, schema version 1):
//! field names and meanings may be added to, never renamed or re-purposed. The JSON Schema that
//! researchers validate against is generated from them (`warta export --schema`).
//!
//! This crate must never do I/O or depend on another warta crate: everything else depends on it.

mod article;
mod event;
mod region;

pub use article::{ArchiveRef, Article, Author, AuthorRole, Reason, ReasonCode, Why};
pub use event::{
    Claim, ClaimKind, Crosswalk, DateMethod, DatePrecision, Event, EventDate, EventType, Evidence,
    ExtractorInfo, Figure, FigureKind, Location, Modality, Participant, ParticipantKind, Quote,
    Role, SCHEMA_VERSION, Source, SpeakerRef,
};
pub use region::{Region, RegionLevel};

/// Timestamps with the offset the page gave (WIB +07:00, WITA +08:00, WIT +09:00), so a
/// researcher sees the local time of the newsroom rather than a converted UTC instant.
pub type Timestamp = chrono::DateTime<chrono::FixedOffset>;
