//! The extractor's language rules, compiled once from the gazetteer's rule files
//! (`gazetteers/rules/*.tsv`): trigger words of each event type, modality cues, venue cues,
//! protest landmarks, city nicknames and the cues that decide whether an article is labour news.
//!
//! Words live in reviewed data files rather than in Rust so that a researcher can add the phrasing
//! of a new outlet with `--gazetteers DIR` and see extraction change without a rebuild.

use std::collections::HashMap;

use regex::Regex;
use warta_model::{ClaimKind, EventType, Modality};

/// One entry of a rule file: its line number (for messages) and its tab-separated fields.
pub type RuleRows = Vec<(usize, Vec<String>)>;

/// A list of phrases compiled into one matcher; each match tells which entry it was.
#[derive(Debug)]
pub(crate) struct PhraseSet {
    /// Case-insensitive phrases; `None` when the list has none.
    folded: Option<Regex>,
    /// Acronyms written in capitals ("AS", "RI", "PHI") match only in capitals.
    exact: Option<Regex>,
    /// Normalised phrase (lower case, single blanks) → entry index.
    index: HashMap<String, Vec<usize>>,
    exact_index: HashMap<String, Vec<usize>>,
}

/// One phrase found in a text: byte span and entry index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// An entry in capitals of at most five letters is an acronym and keeps its case: "AS" is the
/// United States, "as" is an axle.
pub(crate) fn is_acronym(phrase: &str) -> bool {
    let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.len() <= 5
        && !phrase.contains(char::is_whitespace)
        && letters.iter().all(|c| c.is_uppercase())
}

impl PhraseSet {
    pub(crate) fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseSet {
        let mut folded: Vec<(String, usize)> = Vec::new();
        let mut exact: Vec<(String, usize)> = Vec::new();
        for (i, p) in phrases.into_iter().enumerate() {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            if is_acronym(p) {
                exact.push((p.to_string(), i));
            } else {
                folded.push((p.to_string(), i));
            }
        }
        let build = |list: &mut Vec<(String, usize)>, flags: &str| -> Option<Regex> {
            if list.is_empty() {
                return None;
            }
            // Longest first: at one position the longer phrase ("rapat dengar pendapat") wins.
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
            let alternatives: Vec<String> = list
                .iter()
                .map(|(p, _)| {
                    p.split_whitespace()
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join(r"\s+")
                })
                .collect();
            Regex::new(&format!(r"{flags}\b(?:{})\b", alternatives.join("|"))).ok()
        };
        let folded_re = build(&mut folded, "(?i)");
        let exact_re = build(&mut exact, "");
        let mut index = HashMap::new();
        for (p, i) in &folded {
            index.entry(normalise(p)).or_insert_with(Vec::new).push(*i);
        }
        let mut exact_index = HashMap::new();
        for (p, i) in &exact {
            exact_index
                .entry(p.clone())
                .or_insert_with(Vec::new)
                .push(*i);
        }
        for list in index.values_mut().chain(exact_index.values_mut()) {
            list.sort_unstable();
        }
        PhraseSet {
            folded: folded_re,
            exact: exact_re,
            index,
            exact_index,
        }
    }

    /// Every entry written as the words `matched` (one phrase may stand in several entries, e.g.
    /// "akan" as a plan marker and as a plan verb).
    pub(crate) fn entries(&self, matched: &str) -> &[usize] {
        self.exact_index
            .get(matched)
            .or_else(|| self.index.get(&normalise(matched)))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Every phrase in `text`, in text order; at one position the longest phrase.
    pub(crate) fn find_all(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        if let Some(re) = &self.folded {
            for m in re.find_iter(text) {
                if let Some(&entry) = self
                    .index
                    .get(&normalise(m.as_str()))
                    .and_then(|l| l.first())
                {
                    out.push(Found {
                        start: m.start(),
                        end: m.end(),
                        entry,
                    });
                }
            }
        }
        if let Some(re) = &self.exact {
            for m in re.find_iter(text) {
                if out.iter().any(|f| m.start() < f.end && f.start < m.end()) {
                    continue;
                }
                if let Some(&entry) = self.exact_index.get(m.as_str()).and_then(|l| l.first()) {
                    out.push(Found {
                        start: m.start(),
                        end: m.end(),
                        entry,
                    });
                }
            }
            out.sort_by_key(|f| f.start);
        }
        out
    }
}

/// What a labour cue says about an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CueKind {
    Worker,
    Labour,
    Foreign,
    Indonesian,
    Statistics,
    Crime,
    Campaign,
    Commentary,
}

/// Where in the article a cue counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Any,
    Lead,
    Title,
}

/// A modality cue's job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ModalityCue {
    Set(Modality),
    PlanVerb,
    HoldVerb,
    Past,
    /// A word of demanding or judging that, before a policy trigger, makes it asked for.
    Demand,
}

/// The compiled rule files.
#[derive(Debug)]
pub(crate) struct Rules {
    pub triggers: PhraseSet,
    pub trigger_meta: Vec<(EventType, u8)>,
    pub modality: PhraseSet,
    pub modality_meta: Vec<ModalityCue>,
    /// "di [depan] <venue head> …": the venue phrase pattern built from `venue-cues`.
    pub venue: Option<Regex>,
    pub landmarks: PhraseSet,
    pub landmark_region: Vec<String>,
    pub nicknames: PhraseSet,
    pub nickname_region: Vec<String>,
    pub cues: PhraseSet,
    pub cue_meta: Vec<(CueKind, Scope)>,
    /// The words that make a sentence a claim (`claim-cues`): its kind, and whether the word
    /// counts only right before a verb ("akan memprioritaskan").
    pub claims: PhraseSet,
    pub claim_meta: Vec<(ClaimKind, bool)>,
    /// Words before an acronym trigger that make it an organisation's name ("Fraksi PKB").
    pub acronym_owners: PhraseSet,
    /// Words naming the other side of an interaction (`counterpart-cues`).
    pub counterparts: PhraseSet,
    /// Per counterpart entry: `true` when it names an employer.
    pub counterpart_employer: Vec<bool>,
    /// Words that open a furniture paragraph (`furniture-cues`); `true` for a lead-in that needs
    /// no colon after it.
    pub furniture: PhraseSet,
    pub furniture_lead_in: Vec<bool>,
    /// "Palembang, Fspkep.id |": the dateline pattern built from `dateline-cues`; group `p` is
    /// the place.
    pub dateline: Option<Regex>,
    /// Entries that could not be read (an unknown type code, a strength that is not a number),
    /// as "file:line: problem", so `warta gazetteer lint` and `warta explain` can show them.
    pub problems: Vec<String>,
}

/// The names of the rule files this crate reads (without `.tsv`).
pub const RULE_FILES: &[&str] = &[
    "event-triggers",
    "modality-cues",
    "venue-cues",
    "protest-landmarks",
    "city-nicknames",
    "labour-cues",
    "claim-cues",
    "acronym-owners",
    "counterpart-cues",
    "furniture-cues",
    "dateline-cues",
];

/// Parses an event type code as written in the schema ("wage_setting").
pub fn event_type_code(code: &str) -> Option<EventType> {
    Some(match code.trim() {
        "audience" => EventType::Audience,
        "meeting" => EventType::Meeting,
        "assembly" => EventType::Assembly,
        "training" => EventType::Training,
        "protest" => EventType::Protest,
        "strike" => EventType::Strike,
        "agreement" => EventType::Agreement,
        "policy" => EventType::Policy,
        "wage_setting" => EventType::WageSetting,
        "dispute" => EventType::Dispute,
        "program" => EventType::Program,
        "other" => EventType::Other,
        _ => return None,
    })
}

impl Rules {
    /// Compiles the rule files; `rows(name)` gives the entries of `rules/NAME.tsv` (empty when the
    /// gazetteer has no such file).
    pub(crate) fn compile(rows: &dyn Fn(&str) -> RuleRows) -> Rules {
        let mut problems = Vec::new();
        let mut field = |file: &str, line: usize, fields: &[String], i: usize| -> Option<String> {
            let f = fields.get(i).map(|s| s.trim().to_string());
            if f.as_deref().is_none_or(str::is_empty) {
                problems.push(format!("{file}.tsv:{line}: column {} missing", i + 1));
            }
            f
        };

        let mut trig_words = Vec::new();
        let mut trigger_meta = Vec::new();
        let mut bad = Vec::new();
        for (line, f) in rows("event-triggers") {
            let (Some(p), Some(t), Some(s)) = (
                field("event-triggers", line, &f, 0),
                field("event-triggers", line, &f, 1),
                field("event-triggers", line, &f, 2),
            ) else {
                continue;
            };
            match (event_type_code(&t), s.parse::<u8>()) {
                (Some(t), Ok(s)) => {
                    trig_words.push(p);
                    trigger_meta.push((t, s.min(10)));
                }
                _ => bad.push(format!(
                    "event-triggers.tsv:{line}: unknown type {t:?} or strength {s:?}"
                )),
            }
        }

        let mut mod_words = Vec::new();
        let mut modality_meta = Vec::new();
        for (line, f) in rows("modality-cues") {
            let (Some(p), Some(c)) = (
                field("modality-cues", line, &f, 0),
                field("modality-cues", line, &f, 1),
            ) else {
                continue;
            };
            let cue = match c.as_str() {
                "cancelled" => ModalityCue::Set(Modality::Cancelled),
                "postponed" => ModalityCue::Set(Modality::Postponed),
                "threatened" => ModalityCue::Set(Modality::Threatened),
                "planned" => ModalityCue::Set(Modality::Planned),
                "plan-verb" => ModalityCue::PlanVerb,
                "hold-verb" => ModalityCue::HoldVerb,
                "past" => ModalityCue::Past,
                "demand" => ModalityCue::Demand,
                other => {
                    bad.push(format!("modality-cues.tsv:{line}: unknown cue {other:?}"));
                    continue;
                }
            };
            mod_words.push(p);
            modality_meta.push(cue);
        }

        let venue_rows = rows("venue-cues");
        let heads = Rules::venue_alternation(&venue_rows);
        let venue = (!heads.is_empty())
            .then(|| Regex::new(&format!(r"(?i)\b(?:di|bertempat\s+di|berlokasi\s+di|di\s+dalam)\s+(?:depan\s+|halaman\s+|pelataran\s+|sekitar\s+)?(?P<v>(?:{heads})\b[^,.;:()\n“”\x22]*)")).ok())
            .flatten();

        let mut regioned = |file: &str| -> (Vec<String>, Vec<String>) {
            let mut words = Vec::new();
            let mut codes = Vec::new();
            for (line, f) in rows(file) {
                if let (Some(p), Some(c)) = (field(file, line, &f, 0), field(file, line, &f, 1)) {
                    words.push(p);
                    codes.push(c);
                }
            }
            (words, codes)
        };
        let (landmark_words, landmark_region) = regioned("protest-landmarks");
        let (nick_words, nickname_region) = regioned("city-nicknames");

        let mut cue_words = Vec::new();
        let mut cue_meta = Vec::new();
        for (line, f) in rows("labour-cues") {
            let (Some(p), Some(k), Some(w)) = (
                field("labour-cues", line, &f, 0),
                field("labour-cues", line, &f, 1),
                field("labour-cues", line, &f, 2),
            ) else {
                continue;
            };
            let kind = match k.as_str() {
                "worker" => CueKind::Worker,
                "labour" => CueKind::Labour,
                "foreign" => CueKind::Foreign,
                "indonesian" => CueKind::Indonesian,
                "statistics" => CueKind::Statistics,
                "crime" => CueKind::Crime,
                "campaign" => CueKind::Campaign,
                "commentary" => CueKind::Commentary,
                other => {
                    bad.push(format!("labour-cues.tsv:{line}: unknown kind {other:?}"));
                    continue;
                }
            };
            let scope = match w.as_str() {
                "any" => Scope::Any,
                "lead" => Scope::Lead,
                "title" => Scope::Title,
                other => {
                    bad.push(format!("labour-cues.tsv:{line}: unknown scope {other:?}"));
                    continue;
                }
            };
            cue_words.push(p);
            cue_meta.push((kind, scope));
        }
        let mut claim_words = Vec::new();
        let mut claim_meta = Vec::new();
        for (line, f) in rows("claim-cues") {
            let (Some(p), Some(k)) = (
                field("claim-cues", line, &f, 0),
                field("claim-cues", line, &f, 1),
            ) else {
                continue;
            };
            let kind = match k.as_str() {
                "demand" => ClaimKind::Demand,
                "proposal" => ClaimKind::Proposal,
                "commitment" => ClaimKind::Commitment,
                "agreement" => ClaimKind::Agreement,
                "policy" => ClaimKind::Policy,
                other => {
                    bad.push(format!("claim-cues.tsv:{line}: unknown kind {other:?}"));
                    continue;
                }
            };
            let before_verb = match f.get(2).map(|v| v.trim()).unwrap_or("any") {
                "any" => false,
                "verb" => true,
                other => {
                    bad.push(format!("claim-cues.tsv:{line}: unknown flag {other:?}"));
                    continue;
                }
            };
            claim_words.push(p);
            claim_meta.push((kind, before_verb));
        }
        let owner_words: Vec<String> = rows("acronym-owners")
            .into_iter()
            .filter_map(|(line, f)| field("acronym-owners", line, &f, 0))
            .collect();
        let mut counterpart_words = Vec::new();
        let mut counterpart_employer = Vec::new();
        for (line, f) in rows("counterpart-cues") {
            let (Some(p), Some(side)) = (
                field("counterpart-cues", line, &f, 0),
                field("counterpart-cues", line, &f, 1),
            ) else {
                continue;
            };
            let employer = match side.as_str() {
                "employer" => true,
                "government" => false,
                other => {
                    bad.push(format!(
                        "counterpart-cues.tsv:{line}: unknown side {other:?}"
                    ));
                    continue;
                }
            };
            counterpart_words.push(p);
            counterpart_employer.push(employer);
        }
        let mut furniture_words = Vec::new();
        let mut furniture_lead_in = Vec::new();
        for (line, f) in rows("furniture-cues") {
            let (Some(p), Some(form)) = (
                field("furniture-cues", line, &f, 0),
                field("furniture-cues", line, &f, 1),
            ) else {
                continue;
            };
            let lead_in = match form.as_str() {
                "lead-in" => true,
                "label" => false,
                other => {
                    bad.push(format!("furniture-cues.tsv:{line}: unknown form {other:?}"));
                    continue;
                }
            };
            furniture_words.push(p);
            furniture_lead_in.push(lead_in);
        }
        let mut separators = Vec::new();
        let mut domains = Vec::new();
        for (line, f) in rows("dateline-cues") {
            let (Some(c), Some(k)) = (
                field("dateline-cues", line, &f, 0),
                field("dateline-cues", line, &f, 1),
            ) else {
                continue;
            };
            match k.as_str() {
                "separator" => separators.push(regex::escape(&c)),
                "domain" => domains.push(regex::escape(&c)),
                other => bad.push(format!("dateline-cues.tsv:{line}: unknown kind {other:?}")),
            }
        }
        // Longest first: "--" before "-".
        separators.sort_by_key(|s| std::cmp::Reverse(s.len()));
        domains.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let dateline = (!separators.is_empty())
            .then(|| {
                let site = if domains.is_empty() {
                    String::new()
                } else {
                    format!(
                        r"(?:[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:{})\.?\s+)?",
                        domains.join("|")
                    )
                };
                Regex::new(&format!(
                    r"^{site}(?P<p>[A-Z][A-Za-z'.]*(?:\s+[A-Z][A-Za-z'.]*){{0,3}})\s*(?:\([^)]{{1,30}}\)\s*)?(?:{})",
                    separators.join("|")
                ))
                .ok()
            })
            .flatten();
        problems.extend(bad);

        Rules {
            triggers: PhraseSet::new(trig_words.iter().map(String::as_str)),
            trigger_meta,
            modality: PhraseSet::new(mod_words.iter().map(String::as_str)),
            modality_meta,
            venue,
            landmarks: PhraseSet::new(landmark_words.iter().map(String::as_str)),
            landmark_region,
            nicknames: PhraseSet::new(nick_words.iter().map(String::as_str)),
            nickname_region,
            cues: PhraseSet::new(cue_words.iter().map(String::as_str)),
            cue_meta,
            claims: PhraseSet::new(claim_words.iter().map(String::as_str)),
            claim_meta,
            acronym_owners: PhraseSet::new(owner_words.iter().map(String::as_str)),
            counterparts: PhraseSet::new(counterpart_words.iter().map(String::as_str)),
            counterpart_employer,
            furniture: PhraseSet::new(furniture_words.iter().map(String::as_str)),
            furniture_lead_in,
            dateline,
            problems,
        }
    }

    /// The venue heads as one regex alternation (escaped), for the venue phrase pattern.
    pub(crate) fn venue_alternation(rows: &RuleRows) -> String {
        let mut words: Vec<String> = rows
            .iter()
            .filter_map(|(_, f)| f.first())
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .map(|w| {
                w.split_whitespace()
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words.dedup();
        words.join("|")
    }
}

/// The repository's rule files read directly, for this crate's unit tests (the binary gets them
/// from the gazetteer, which embeds the same files).
#[cfg(test)]
pub(crate) fn bundled_rows(name: &str) -> RuleRows {
    parse_rows(match name {
        "event-triggers" => include_str!("../../../gazetteers/rules/event-triggers.tsv"),
        "modality-cues" => include_str!("../../../gazetteers/rules/modality-cues.tsv"),
        "venue-cues" => include_str!("../../../gazetteers/rules/venue-cues.tsv"),
        "protest-landmarks" => include_str!("../../../gazetteers/rules/protest-landmarks.tsv"),
        "city-nicknames" => include_str!("../../../gazetteers/rules/city-nicknames.tsv"),
        "labour-cues" => include_str!("../../../gazetteers/rules/labour-cues.tsv"),
        "claim-cues" => include_str!("../../../gazetteers/rules/claim-cues.tsv"),
        "acronym-owners" => include_str!("../../../gazetteers/rules/acronym-owners.tsv"),
        "counterpart-cues" => include_str!("../../../gazetteers/rules/counterpart-cues.tsv"),
        "furniture-cues" => include_str!("../../../gazetteers/rules/furniture-cues.tsv"),
        "dateline-cues" => include_str!("../../../gazetteers/rules/dateline-cues.tsv"),
        _ => "",
    })
}

/// Rows of a rule file: comments (`#`) and blank lines skipped, fields split at tabs.
pub fn parse_rows(text: &str) -> RuleRows {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()))
        .collect()
}

/// The bundled rules, for this crate's unit tests.
#[cfg(test)]
pub(crate) fn bundled_for_tests() -> Rules {
    Rules::compile(&bundled_rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins_and_acronyms_keep_their_case() {
        let s = PhraseSet::new(["rapat", "rapat dengar pendapat", "AS", "aksi"]);
        let t = "Rapat  dengar pendapat di AS, as roda, aksi.";
        let found: Vec<&str> = s.find_all(t).iter().map(|f| &t[f.start..f.end]).collect();
        assert_eq!(found, vec!["Rapat  dengar pendapat", "AS", "aksi"]);
    }

    #[test]
    fn bad_entries_are_reported_not_fatal() {
        let rows = |name: &str| -> RuleRows {
            match name {
                "event-triggers" => vec![
                    (3, vec!["demo".into(), "protest".into(), "9".into()]),
                    (4, vec!["rapat".into(), "gathering".into(), "4".into()]),
                ],
                _ => Vec::new(),
            }
        };
        let r = Rules::compile(&rows);
        assert_eq!(r.trigger_meta, vec![(EventType::Protest, 9)]);
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].starts_with("event-triggers.tsv:4"));
    }
}
