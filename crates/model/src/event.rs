use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Region, Timestamp};

/// The version of the event schema written into every record.
pub const SCHEMA_VERSION: u32 = 1;

/// One union–government interaction, possibly reported by several outlets.
///
/// Every field that was read from text has an [`Evidence`] entry pointing at the words it came
/// from, so a researcher can audit any value without trusting the extractor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    pub schema_version: u32,
    /// Stable across re-extraction of the same sources.
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// The words that set the type (`"audiensi"`, `"Konsolidasi Akbar"`).
    pub trigger: String,
    pub date: EventDate,
    pub modality: Modality,
    pub location: Location,
    pub participants: Vec<Participant>,
    /// Topic codes (`wages`, `outsourcing`, `cooperative`, ...).
    pub topics: Vec<String>,
    pub claims: Vec<Claim>,
    pub quotes: Vec<Quote>,
    pub figures: Vec<Figure>,
    pub sources: Vec<Source>,
    pub evidence: Vec<Evidence>,
    /// 0..1: how sure the extractor is that this is a real labour-relations event.
    pub confidence: f64,
    pub crosswalk: Crosswalk,
    pub extractor: ExtractorInfo,
}

/// The taxonomy of event types; codes are the contract, the comments list typical triggers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// audiensi, menerima kunjungan/perwakilan, RDP
    Audience,
    /// pertemuan, rapat, dialog, silaturahmi, koordinasi, FGD
    Meeting,
    /// konsolidasi, kongres, musyawarah, rakernas, deklarasi, pelantikan
    Assembly,
    /// pelatihan, sosialisasi, bimtek, workshop, seminar
    Training,
    /// unjuk rasa, demo, aksi, long march
    Protest,
    /// mogok kerja, mogok nasional
    Strike,
    /// MoU, nota kesepahaman, PKB, kesepakatan
    Agreement,
    /// Perbup/Pergub/Permenaker issued or announced
    Policy,
    /// Dewan Pengupahan, UMP/UMK/UMSK
    WageSetting,
    /// perselisihan, PHK, mediasi, bipartit, tripartit, PHI
    Dispute,
    /// peluncuran program/koperasi/kartu, penyaluran bantuan
    Program,
    /// labour-related, none of the above
    Other,
}

impl EventType {
    pub const ALL: [EventType; 12] = [
        EventType::Audience,
        EventType::Meeting,
        EventType::Assembly,
        EventType::Training,
        EventType::Protest,
        EventType::Strike,
        EventType::Agreement,
        EventType::Policy,
        EventType::WageSetting,
        EventType::Dispute,
        EventType::Program,
        EventType::Other,
    ];

    /// The code used in exports, queries and the gold files (`"wage_setting"`).
    pub fn code(self) -> &'static str {
        match self {
            EventType::Audience => "audience",
            EventType::Meeting => "meeting",
            EventType::Assembly => "assembly",
            EventType::Training => "training",
            EventType::Protest => "protest",
            EventType::Strike => "strike",
            EventType::Agreement => "agreement",
            EventType::Policy => "policy",
            EventType::WageSetting => "wage_setting",
            EventType::Dispute => "dispute",
            EventType::Program => "program",
            EventType::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// When the event happened — not when it was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EventDate {
    pub value: Option<NaiveDate>,
    /// Last day of a multi-day event (a three-day strike).
    pub end: Option<NaiveDate>,
    pub precision: DatePrecision,
    /// The words the date was read from (`"Kamis (31/7/2025)"`).
    pub text: Option<String>,
    pub method: DateMethod,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

/// How the date was resolved; `publication` is the fallback when the text gives no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateMethod {
    Explicit,
    Relative,
    Dateline,
    Publication,
}

/// An announced strike is not a strike: modality keeps plans and threats apart from facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Occurred,
    Planned,
    Threatened,
    Cancelled,
    Postponed,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// The room or building as written (`"ruang rapat Asisten I"`).
    pub venue: Option<String>,
    /// The most specific region named for the event.
    pub place: Option<Region>,
    pub province: Option<Region>,
}

/// Someone or something that took part in, hosted, organised or sent a message to an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Participant {
    pub kind: ParticipantKind,
    /// Gazetteer id (`"org/kspi"`), or null when recognised but not in the gazetteer.
    pub id: Option<String>,
    /// Canonical name from the gazetteer, or the best surface form.
    pub name: String,
    /// The surface form as written in the first evidence.
    pub mention: String,
    pub acronym: Option<String>,
    /// For a federation its confederation's id; for an office the government it belongs to.
    pub parent: Option<String>,
    /// Organisational level named in the text (`"DPD"`, `"DPW"`, `"PC"`, `"PUK"`).
    pub unit: Option<String>,
    /// A split confederation's faction (`"versi Andi Gani Nena Wea"`).
    pub faction: Option<String>,
    pub region: Option<Region>,
    /// For a person: the office as written, with its body and region when the text gives them
    /// (`"Wakil Bupati Bekasi"`, `"Ketua DPC KSPSI Kota Makassar"`): researchers quote it.
    pub title: Option<String>,
    /// For a person: index in `participants` of the body they act for.
    pub affiliation: Option<usize>,
    /// `"H."`, `"dr."`, `"Bapak"`, kept apart from the name.
    pub honorific: Option<String>,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantKind {
    Union,
    Government,
    Employer,
    Person,
    Other,
}

impl ParticipantKind {
    pub fn code(self) -> &'static str {
        match self {
            ParticipantKind::Union => "union",
            ParticipantKind::Government => "government",
            ParticipantKind::Employer => "employer",
            ParticipantKind::Person => "person",
            ParticipantKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Host,
    Organiser,
    Requester,
    Speaker,
    Attendee,
    /// Sent a message without attending.
    Sender,
    Mentioned,
    /// Whom a protest, demand or strike is aimed at: the governor's office, a company, the
    /// ministry, the DPRD. A building is a venue, never a participant.
    Target,
}

/// What was asked for, promised or decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Claim {
    pub kind: ClaimKind,
    /// Index in `participants` of who made the claim.
    pub by: Option<usize>,
    pub text: String,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Demand,
    Proposal,
    Commitment,
    Agreement,
    Policy,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    pub speaker: Option<SpeakerRef>,
    pub text: String,
    pub evidence: Evidence,
}

/// A quote's speaker: a participant index when resolved, else the name as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SpeakerRef {
    Participant(usize),
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Figure {
    pub kind: FigureKind,
    pub value: f64,
    pub unit: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    Companies,
    Workers,
    Attendees,
    Money,
    Other,
}

/// One article that reports the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    pub article_id: String,
    pub url: String,
    pub site: String,
    pub title: String,
    pub published: Option<Timestamp>,
}

/// The words behind one field: `start`/`end` count Unicode code points into the `text` of the
/// article `sources[source]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// `"type"`, `"date"`, `"location"`, `"participants[3]"`, `"claims[0]"`, ...
    pub field: String,
    pub source: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Codes for comparing warta's events with other event datasets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Crosswalk {
    pub cameo: Option<String>,
    pub plover: Option<String>,
}

/// Which extractor and gazetteer produced the record, so results can be reproduced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExtractorInfo {
    pub version: String,
    /// Content hash of the gazetteers used.
    pub gazetteers: String,
}
