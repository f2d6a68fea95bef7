//! Whether an article is labour news about an interaction at all, and if not, why not.
//!
//! A labour actor must be named: a union, a labour agency, or a group of working people (drivers,
//! honorary teachers, contract workers) — real labour news often names no union at all. Then the
//! frame of the story must not rule an event out: news from abroad with no Indonesian party,
//! figures from a statistics office, a crime or trial story, an election campaign, an opinion
//! piece. The cues are the phrases of `labour-cues.tsv`.

use std::collections::HashSet;

use warta_gazetteer::{Entity, EntityKind};
use warta_model::{Article, Reason, ReasonCode};

use crate::Doc;
use crate::rules::{CueKind, Rules, Scope};

/// The outcome of screening one article.
pub(crate) struct Screened {
    /// The article is about labour (a labour actor and labour vocabulary).
    pub relevant: bool,
    /// Its frame rules an event out (foreign news, statistics, crime, campaign, commentary).
    pub blocked: bool,
    pub reasons: Vec<Reason>,
}

/// One cue found: its kind, whether it is in the title, in the lead, in the first sentence, and
/// the words as written.
type Hit = (CueKind, bool, bool, bool, String);

/// At most this many words are quoted per reason.
const MAX_WORDS: usize = 4;

/// A paragraph opened by a furniture label of `furniture-cues.tsv` ("Baca juga", "Foto:") or
/// made only of a parenthesised credit ("(Humas Disnaker)").
fn is_furniture(rules: &Rules, para: &str) -> bool {
    let p = para.trim();
    if p.starts_with('(') && p.ends_with(')') && p.chars().count() <= 80 {
        return true;
    }
    rules.furniture.find_all(p).first().is_some_and(|f| {
        f.start == 0
            && (rules.furniture_lead_in.get(f.entry) == Some(&true)
                || p[f.end..]
                    .trim_start()
                    .starts_with([':', '-', '–', '—', '|']))
    })
}

pub(crate) fn screen(rules: &Rules, article: &Article, doc: &Doc, entities: &[Entity]) -> Screened {
    let text = article.text.as_str();
    let title = article.title.as_str();
    // The lead: the first two paragraphs, where the story says what it is about.
    let lead_end = doc.lead_end();
    let first_sentence_end = doc.sentences.first().map(|s| s.1).unwrap_or(0);

    let mut hits: Vec<Hit> = Vec::new();
    for f in rules.cues.find_all(title) {
        if let Some(&(kind, _)) = rules.cue_meta.get(f.entry) {
            hits.push((kind, true, true, true, title[f.start..f.end].to_string()));
        }
    }
    // Paragraphs that are page furniture left in the body ("Simak juga Video: …", "Foto: …"):
    // labour words there do not make the story labour news.
    let furniture: Vec<(usize, usize)> = doc
        .paragraphs
        .iter()
        .copied()
        .filter(|&(s, e)| is_furniture(rules, &text[s..e]))
        .collect();
    let in_furniture = |pos: usize| furniture.iter().any(|&(s, e)| pos >= s && pos < e);
    let mut furniture_hits: Vec<Hit> = Vec::new();
    for f in rules.cues.find_all(text) {
        if let Some(&(kind, scope)) = rules.cue_meta.get(f.entry) {
            if in_furniture(f.start) {
                furniture_hits.push((kind, false, false, false, text[f.start..f.end].to_string()));
                continue;
            }
            let in_lead = f.start < lead_end;
            if scope == Scope::Title || (scope == Scope::Lead && !in_lead) {
                continue;
            }
            hits.push((
                kind,
                false,
                in_lead,
                f.end <= first_sentence_end,
                text[f.start..f.end].to_string(),
            ));
        }
    }
    let words_of = |pred: &dyn Fn(&Hit) -> bool| -> Vec<String> {
        let mut seen = HashSet::new();
        hits.iter()
            .filter(|h| pred(h))
            .map(|h| h.4.clone())
            .filter(|w| seen.insert(w.to_lowercase()))
            .take(MAX_WORDS)
            .collect()
    };
    let count = |kind: CueKind| hits.iter().filter(|h| h.0 == kind).count();

    let outside = |e: &&Entity| e.mentions.iter().any(|m| !in_furniture(m.start));
    let unions_anywhere = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Union)
        .count();
    let unions: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Union)
        .filter(outside)
        .collect();
    let labour_bodies: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Government)
        .filter(|e| {
            let id = e.id.as_deref().unwrap_or("");
            let name = e.name.to_lowercase();
            id.contains("disnaker")
                || id.contains("kemnaker")
                || name.contains("tenaga kerja")
                || name.contains("ketenagakerjaan")
        })
        .filter(outside)
        .collect();
    let workers = words_of(&|h| h.0 == CueKind::Worker);
    let worker_count = count(CueKind::Worker);
    let worker_in_lead = hits.iter().any(|h| h.0 == CueKind::Worker && h.2);
    let vocabulary = worker_count + count(CueKind::Labour) + unions.len();

    let mut reasons = Vec::new();
    let worker_in_title = hits.iter().any(|h| h.0 == CueKind::Worker && h.1);
    let labour_count = count(CueKind::Labour);
    // A group of workers is the actor when the headline names it, when the lead names it twice,
    // when it recurs, or when it appears once in a story full of labour words (severance, lay-offs).
    let has_actor = !unions.is_empty()
        || !labour_bodies.is_empty()
        || worker_in_title
        || (worker_in_lead && worker_count >= 2)
        || worker_count >= 3
        || (worker_count >= 1 && labour_count >= 3);
    let relevant = has_actor && vocabulary >= 3;
    if !relevant {
        // Labour words that only the furniture holds: the story itself is about something else.
        let boiler: Vec<String> = furniture_hits
            .iter()
            .filter(|h| matches!(h.0, CueKind::Worker | CueKind::Labour))
            .map(|h| h.4.clone())
            .take(MAX_WORDS)
            .collect();
        let only_boilerplate = unions_anywhere > unions.len() || !boiler.is_empty();
        reasons.push(if only_boilerplate {
            Reason {
                code: ReasonCode::OnlyBoilerplate,
                words: boiler,
            }
        } else {
            Reason {
                code: ReasonCode::NoLabourActor,
                words: words_of(&|h| matches!(h.0, CueKind::Worker | CueKind::Labour)),
            }
        });
        return Screened {
            relevant: false,
            blocked: true,
            reasons,
        };
    }
    let mut actor_words: Vec<String> = unions
        .iter()
        .chain(labour_bodies.iter())
        .filter_map(|e| e.mentions.first().map(|m| m.text.clone()))
        .collect();
    actor_words.extend(workers);
    actor_words.dedup();
    actor_words.truncate(MAX_WORDS);
    reasons.push(Reason {
        code: ReasonCode::LabourActor,
        words: actor_words,
    });

    // Frames, strongest evidence first.
    let lead_places = entities
        .iter()
        .any(|e| e.kind == EntityKind::Place && e.mentions.iter().any(|m| m.start < lead_end));
    let foreign = words_of(&|h| h.0 == CueKind::Foreign && h.2);
    let indonesian = hits.iter().any(|h| h.0 == CueKind::Indonesian && h.2) || lead_places;
    let statistics = words_of(&|h| h.0 == CueKind::Statistics && (h.1 || h.3));
    let crime = words_of(&|h| h.0 == CueKind::Crime && h.2);
    let crime_count = hits.iter().filter(|h| h.0 == CueKind::Crime && h.2).count();
    let campaign = words_of(&|h| h.0 == CueKind::Campaign && h.1);
    let commentary = words_of(&|h| h.0 == CueKind::Commentary && h.1);
    let frame = if !foreign.is_empty() && !indonesian {
        Some((ReasonCode::Foreign, foreign))
    } else if !statistics.is_empty() {
        Some((ReasonCode::Statistics, statistics))
    } else if crime_count >= 2 {
        Some((ReasonCode::Crime, crime))
    } else if !campaign.is_empty() {
        Some((ReasonCode::Campaign, campaign))
    } else if !commentary.is_empty() {
        Some((ReasonCode::Commentary, commentary))
    } else {
        None
    };
    let blocked = frame.is_some();
    if let Some((code, words)) = frame {
        reasons.push(Reason { code, words });
    }
    Screened {
        relevant,
        blocked,
        reasons,
    }
}
