//! One event, many outlets: candidates from different articles that report the same interaction
//! become one record with several sources.

use std::collections::{HashMap, HashSet};

use warta_model::{Event, EventType, Participant, ParticipantKind, SpeakerRef};

/// Merges per-article event candidates into events. Deterministic: candidates are taken in
/// article-id order and a merged event keeps the smallest candidate id, so the same sources always
/// give the same ids.
pub fn merge_events(candidates: Vec<(String, Vec<Event>)>) -> Vec<Event> {
    let mut candidates = candidates;
    candidates.sort_by(|a, b| a.0.cmp(&b.0));
    let mut merged: Vec<Event> = Vec::new();
    // Only reports of the same day can be one event, so each report is compared with the events
    // of its day, never with the whole store: merging stays linear in the number of reports.
    let mut by_day: HashMap<_, Vec<usize>> = HashMap::new();
    for (_, events) in candidates {
        for event in events {
            let Some(day) = event.date.value else {
                merged.push(event);
                continue;
            };
            let same_day = by_day.entry(day).or_default();
            match same_day
                .iter()
                .copied()
                .find(|&i| same_event(&merged[i], &event))
            {
                Some(i) => absorb(&mut merged[i], event),
                None => {
                    same_day.push(merged.len());
                    merged.push(event);
                }
            }
        }
    }
    merged.sort_by(|a, b| {
        a.date
            .value
            .cmp(&b.date.value)
            .then_with(|| a.id.cmp(&b.id))
    });
    merged
}

/// Same day, compatible type, same province (when both know it), and the same actors: at least
/// two shared organisations, or one shared organisation and one shared person. National bodies
/// (a confederation, Apindo, a Dewan Pengupahan) sit at every wage hearing in the country, so an
/// organisation counts as shared only when both reports place it in the same region or one of
/// them names no region for it.
fn same_event(a: &Event, b: &Event) -> bool {
    let compatible = a.event_type == b.event_type
        || matches!(
            (a.event_type, b.event_type),
            (EventType::Audience, EventType::Meeting) | (EventType::Meeting, EventType::Audience)
        );
    if !compatible || a.date.value.is_none() || a.date.value != b.date.value {
        return false;
    }
    let a_sources: HashSet<&str> = a.sources.iter().map(|s| s.article_id.as_str()).collect();
    if b.sources
        .iter()
        .any(|s| a_sources.contains(s.article_id.as_str()))
    {
        return false;
    }
    if let (Some(pa), Some(pb)) = (&a.location.province, &b.location.province)
        && pa.code != pb.code
    {
        return false;
    }
    let orgs = |e: &Event| -> Vec<(String, Option<String>)> {
        let mut out: Vec<(String, Option<String>)> = e
            .participants
            .iter()
            .filter(|p| p.kind != ParticipantKind::Person)
            .filter_map(|p| Some((p.id.clone()?, p.region.as_ref().map(|r| r.code.clone()))))
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let people = |e: &Event| -> HashSet<String> {
        e.participants
            .iter()
            .filter(|p| p.kind == ParticipantKind::Person)
            .map(|p| fold(&p.name))
            .collect()
    };
    let orgs_b = orgs(b);
    let mut shared: Vec<&str> = orgs(a)
        .iter()
        .filter_map(|(id, region)| {
            orgs_b
                .iter()
                .find(|(other, r)| other == id && (region.is_none() || r.is_none() || r == region))
                .map(|(other, _)| other.as_str())
        })
        .collect();
    shared.sort();
    shared.dedup();
    let shared_orgs = shared.len();
    let shared_people = people(a).intersection(&people(b)).count();
    shared_orgs >= 2 || (shared_orgs >= 1 && shared_people >= 1)
}

fn absorb(target: &mut Event, other: Event) {
    let source_base = target.sources.len();
    // Map the other event's participant indices onto the target's.
    let mut map = Vec::with_capacity(other.participants.len());
    for p in &other.participants {
        let found = target
            .participants
            .iter()
            .position(|t| same_participant(t, p));
        let idx = match found {
            Some(i) => {
                fill_missing(&mut target.participants[i], p);
                i
            }
            None => {
                target.participants.push(p.clone());
                target.participants.len() - 1
            }
        };
        map.push(idx);
    }
    for (old, &new) in map.iter().enumerate() {
        if let Some(a) = other.participants[old].affiliation {
            target.participants[new].affiliation =
                target.participants[new].affiliation.or(map.get(a).copied());
        }
    }
    target.sources.extend(other.sources);
    for mut ev in other.evidence {
        ev.source += source_base;
        if let Some(i) = ev
            .field
            .strip_prefix("participants[")
            .and_then(|r| r.strip_suffix(']'))
            .and_then(|n| n.parse::<usize>().ok())
        {
            ev.field = format!("participants[{}]", map.get(i).copied().unwrap_or(i));
        }
        target.evidence.push(ev);
    }
    for mut claim in other.claims {
        claim.by = claim.by.and_then(|b| map.get(b).copied());
        claim.evidence.source += source_base;
        target.claims.push(claim);
    }
    for mut quote in other.quotes {
        if let Some(SpeakerRef::Participant(i)) = quote.speaker {
            quote.speaker = map.get(i).copied().map(SpeakerRef::Participant);
        }
        quote.evidence.source += source_base;
        target.quotes.push(quote);
    }
    for f in other.figures {
        if !target
            .figures
            .iter()
            .any(|t| t.kind == f.kind && t.value == f.value)
        {
            target.figures.push(f);
        }
    }
    for t in other.topics {
        if !target.topics.contains(&t) {
            target.topics.push(t);
        }
    }
    target.topics.sort();
    if target.location.venue.is_none() {
        target.location.venue = other.location.venue;
    }
    if target.location.place.is_none() {
        target.location.place = other.location.place;
    }
    if target.location.province.is_none() {
        target.location.province = other.location.province;
    }
    target.confidence = target.confidence.max(other.confidence);
    if other.id < target.id {
        target.id = other.id;
    }
}

fn same_participant(a: &Participant, b: &Participant) -> bool {
    a.kind == b.kind
        && match (&a.id, &b.id) {
            (Some(x), Some(y)) => x == y,
            _ => fold(&a.name) == fold(&b.name),
        }
}

fn fill_missing(t: &mut Participant, p: &Participant) {
    t.title = t.title.take().or_else(|| p.title.clone());
    t.honorific = t.honorific.take().or_else(|| p.honorific.clone());
    t.unit = t.unit.take().or_else(|| p.unit.clone());
    t.faction = t.faction.take().or_else(|| p.faction.clone());
    t.region = t.region.take().or_else(|| p.region.clone());
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
