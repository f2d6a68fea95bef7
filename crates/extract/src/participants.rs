//! Participants of an event and the role each played, from the recognised entities.

use std::sync::LazyLock;

use regex::Regex;
use warta_gazetteer::{Entity, EntityKind};
use warta_model::{EventType, Participant, ParticipantKind, Quote, Role, SpeakerRef};

use crate::Doc;
use crate::text::{self, Range};

pub(crate) struct People {
    pub participants: Vec<Participant>,
    /// First mention of each participant, for its evidence.
    pub first_mentions: Vec<Range>,
    /// For each entity index, its participant index (entities that are places or topics have none).
    pub entity_to_participant: Vec<Option<usize>>,
}

static ORGANISER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^.;]{0,60}?\b(?:menggelar|menyelenggarakan|mengadakan|melaksanakan|menggagas|menginisiasi|menghelat|membuka)\b").expect("static regex")
});
static ORGANISER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:diselenggarakan|digelar|diadakan|dilaksanakan|diinisiasi|diprakarsai|digagas)\s+oleh\s*$").expect("static regex")
});
static HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:memimpin|dipimpin|menerima|diterima|menyambut|didampingi|mendampingi)\b")
        .expect("static regex")
});
/// Words that aim a protest, demand or strike at whom follows: "menggeruduk kantor Bupati",
/// "mendesak pemerintah", "menuntut manajemen", "unjuk rasa di depan DPRD".
static AIMED_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:menggeruduk|geruduk|mendatangi|mendesak|menuntut|memprotes|menolak\s+kebijakan|meminta|menagih|melawan|terhadap|kepada|di\s+depan|depan\s+kantor|ke\s+kantor|ke)\s+(?:(?:kantor|gedung|pihak|jajaran|manajemen|direksi)\s+)?$")
        .expect("static regex")
});
static SENDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:pesan|menitipkan|titip|tidak\s+dapat\s+hadir|berhalangan(?:\s+hadir)?|sambutan\s+tertulis|dibacakan|diwakili|surat)\b").expect("static regex")
});

/// Builds participants from every organisation, government body and person recognised in the
/// article. Places and topics are not participants; an acronym the text merely defines without a
/// gazetteer entry ("Kartu Pekerja Jakarta (KPJ)") is kept out unless it is a union or government.
pub(crate) fn build(text: &str, doc: &Doc, entities: &[Entity], event_type: EventType) -> People {
    let mut participants = Vec::new();
    let mut first_mentions = Vec::new();
    let mut entity_to_participant = vec![None; entities.len()];
    let short_of = short_names(entities);
    for (i, e) in entities.iter().enumerate() {
        if short_of[i].is_some() {
            continue;
        }
        let kind = match e.kind {
            EntityKind::Union => ParticipantKind::Union,
            EntityKind::Government => ParticipantKind::Government,
            EntityKind::Employer => ParticipantKind::Employer,
            EntityKind::Person => ParticipantKind::Person,
            EntityKind::Other if e.id.is_some() => ParticipantKind::Other,
            _ => continue,
        };
        let Some(first) = e.mentions.first() else {
            continue;
        };
        entity_to_participant[i] = Some(participants.len());
        first_mentions.push((first.start, first.end));
        participants.push(Participant {
            kind,
            id: e.id.clone(),
            name: e.name.clone(),
            mention: first.text.clone(),
            acronym: e.acronym.clone(),
            parent: e.parent.clone(),
            unit: e.unit.clone(),
            faction: e.faction.clone(),
            region: e.region.clone(),
            title: e.title.clone(),
            affiliation: None,
            honorific: e.honorific.clone(),
            role: role(text, doc, e, kind, event_type),
        });
    }
    for (i, full) in short_of.iter().enumerate() {
        if let Some(j) = full {
            entity_to_participant[i] = entity_to_participant[*j];
        }
    }
    for (i, e) in entities.iter().enumerate() {
        if let (Some(p), Some(a)) = (entity_to_participant[i], e.affiliation) {
            participants[p].affiliation = entity_to_participant.get(a).copied().flatten();
        }
    }
    People {
        participants,
        first_mentions,
        entity_to_participant,
    }
}

/// For each person entity written later by the first words of a longer name of the same article
/// ("kata Sri Lestari" after "Direktur …, Dr. Sri Lestari Wibowo"), the entity of that full name:
/// one person, who keeps the title given with the full name. Only when exactly one full name fits.
fn short_names(entities: &[Entity]) -> Vec<Option<usize>> {
    let words = |e: &Entity| -> Vec<String> {
        e.name
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let people: Vec<(usize, Vec<String>)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .map(|(i, e)| (i, words(e)))
        .collect();
    let mut out = vec![None; entities.len()];
    for (i, short) in &people {
        if short.len() < 2 {
            continue;
        }
        let mut fits = people
            .iter()
            .filter(|(j, long)| j != i && long.len() > short.len() && long.starts_with(short));
        if let (Some((j, _)), None) = (fits.next(), fits.next()) {
            out[*i] = Some(*j);
        }
    }
    out
}

/// The role from the words around the entity's mentions: "X menggelar" organises, "dipimpin X"
/// hosts, "pesan dari X" sends; in an audience or protest the unions are the ones asking.
fn role(text: &str, doc: &Doc, e: &Entity, kind: ParticipantKind, event_type: EventType) -> Role {
    for m in &e.mentions {
        let before = &text[doc.sentence_range(m.start).map(|s| s.0).unwrap_or(0)..m.start];
        let after = &text[m.end
            ..doc
                .sentence_range(m.start)
                .map(|s| s.1)
                .unwrap_or(text.len())
                .max(m.end)];
        if ORGANISER_AFTER.is_match(after) && !after.trim_start().starts_with("yang")
            || ORGANISER_BEFORE.is_match(before)
        {
            return Role::Organiser;
        }
    }
    // Whom a protest, strike or demand is aimed at: the word right before the mention aims it.
    if matches!(
        kind,
        ParticipantKind::Government | ParticipantKind::Employer
    ) {
        for m in &e.mentions {
            let from = doc.sentence_range(m.start).map(|s| s.0).unwrap_or(0);
            let from = text::floor_boundary(text, m.start.saturating_sub(40)).max(from);
            if AIMED_AT.is_match(&text[from..m.start]) {
                return Role::Target;
            }
        }
        if matches!(event_type, EventType::Protest | EventType::Strike) {
            return Role::Target;
        }
    }
    let first = &e.mentions[0];
    let sentence = doc.sentence_at(text, first.start);
    if kind == ParticipantKind::Person {
        if HOST.is_match(sentence)
            && !SENDER.is_match(&sentence[..text::floor_boundary(sentence, 40)])
        {
            return Role::Host;
        }
        if SENDER.is_match(sentence) {
            return Role::Sender;
        }
    }
    match (event_type, kind) {
        (
            EventType::Audience | EventType::Protest | EventType::Strike | EventType::Dispute,
            ParticipantKind::Union,
        ) => Role::Requester,
        (EventType::Audience, ParticipantKind::Government) => Role::Host,
        _ => Role::Attendee,
    }
}

/// Whoever is quoted spoke at the event, unless a stronger role was already found.
pub(crate) fn mark_speakers(participants: &mut [Participant], quotes: &[(Quote, Range)]) {
    for (q, _) in quotes {
        if let Some(SpeakerRef::Participant(i)) = q.speaker
            && let Some(p) = participants.get_mut(i)
            && matches!(p.role, Role::Attendee | Role::Mentioned)
        {
            p.role = Role::Speaker;
        }
    }
}
