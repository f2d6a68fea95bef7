//! Entity recognition: gazetteer matches plus the context rules that turn them into
//! participants.
//!
//! Steps, in order:
//! 1. gazetteer matches (the `matcher` module): on the text folded (NFKC, lower case, spaces;
//!    on the fly for almost all text), the one Aho-Corasick automaton is walked anchored at
//!    each word start whose word some alias begins with, keeping matches that sit on word
//!    boundaries and satisfy their alias's case rule; when the longest candidate fails,
//!    shorter ones at the same start are tried. A title that swallowed the start of an office
//!    ("Kepala Dinas|Tenaga Kerja ...") is cut back so the office is found;
//! 2. resolve ambiguous bare region names (kabupaten vs kota) from the words before them or
//!    from the region named elsewhere in the text;
//! 3. acronym definitions `Long Name (ACR)` confirm gazetteer entities or create new ones;
//! 4. organisations get their unit (DPD/DPW/...), region and faction ("versi X") from the words
//!    around them; office types are composed with a following region or inherit the region the
//!    text is about; two office types written together ("Disnaker ESDM Bali") are one merged
//!    office named as written; "Komisi IV" before a DPRD becomes its unit; companies named by
//!    their legal form ("PT Sinar Baja Perkasa", "CV X") become employers on the fly; a
//!    bureau or section written before a known secretariat ("Biro Kepegawaian Setda Provinsi
//!    Riau") is a sub-unit of that secretariat even when the gazetteer does not list it;
//! 5. people are found through four patterns — title first ("Wakil Bupati Bekasi, dr. Asep
//!    Surya Atmaja", "Presiden KSPI Said Iqbal"), name then title ("Marihot Sianipar, Kepala
//!    Seksi ..."), honorific with an optional parenthesis ("Ibu Eky (Kabid ... Disnaker
//!    Provinsi)") and a two-word name after a speech verb ("kata Haiyani Rumondang"); one-word
//!    names and same-title mentions ("Wagub Ariza") are merged into the full name, and later
//!    bare uses of the first or last name become mentions. A title without a name is no person.
//!    The title is reported as written, with its body, region and branch ("Ketua Konsulat
//!    Cabang FSPMI Pasuruan", "Penjabat (Pj) Bupati Kudus"); degrees after a name ("S.H.") and
//!    acronyms the article defines in parentheses are never names.
//!
//!    Organisations the gazetteer lacks are read by construction: labour organisations
//!    ("Serikat Pekerja PT X", "SP X", "Jaringan Buruh Migran"; `rules/labour-org.tsv`) and
//!    government bodies ("Otorita X", "Kementerian Agama"; `rules/government-heads.tsv`). A name
//!    after a title may follow the title's body (acronyms, known names, field words, commas
//!    with more fields or regions: "Sekretaris Jendral SP X Nama", "Kepala Bidang Lalu Lintas
//!    ... Dishub X, Nama"); a one-word name follows a speech verb in a quote's attribution; a
//!    full name may carry its short form in parentheses.
//!
//! Each step is a submodule adding methods to the shared context [`Ctx`] (read top-down in this
//! order): `places`, `acronyms`, `sub_units`, `organisations`, `companies`, `unions`, `bodies`,
//! `titles`, `people`, `merge`. The word lists the rules consult are data (`gazetteers/rules/*.tsv`, see [`Lex`]).

mod acronyms;
mod bodies;
mod companies;
mod merge;
mod organisations;
mod people;
mod places;
mod sub_units;
mod titles;
mod unions;

use std::collections::HashMap;

use warta_model::Region;

use crate::matcher;
use crate::normalize::is_word_char;
use crate::{EntryKind, Gazetteer, RuleList};

/// The coarse kind of a recognised entity; mirrors `ParticipantKind` plus places and topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Union,
    Government,
    Employer,
    Person,
    Other,
    Place,
    Topic,
}

/// One mention: byte offsets into the input `&str` (always on char boundaries) and the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One referent in the text, all its mentions merged (coreference: "Asep Surya Atmaja" …
/// "Asep"; "Wagub Ariza").
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    /// Gazetteer id; `None` for entities found on the fly (people, acronym definitions).
    pub id: Option<String>,
    /// Canonical (gazetteer) name or best surface form; for a person the full name without
    /// title or honorific.
    pub name: String,
    pub acronym: Option<String>,
    pub parent: Option<String>,
    pub region: Option<Region>,
    /// Organisational level named in the text: DPD / DPW / DPC / PC / PUK / DPP.
    pub unit: Option<String>,
    /// Faction qualifier as written, e.g. `"versi Andi Gani Nena Wea"`.
    pub faction: Option<String>,
    /// Person: the office as written, with the body and region it names ("Wakil Bupati
    /// Bekasi", "Kabid Hubungan Industrial Disnaker Kota Batam"), so it can be shown and
    /// compared without re-reading the article.
    pub title: Option<String>,
    /// Person: honorifics as written ("dr.", "Bapak H.").
    pub honorific: Option<String>,
    /// Person: index (in the returned Vec) of the organisation or government they act for.
    pub affiliation: Option<usize>,
    /// Every mention in text order; the first is the first mention.
    pub mentions: Vec<Span>,
}

// ---------------------------------------------------------------------------------------------
// Step 1: raw matches

/// A gazetteer match in the original text.
#[derive(Debug, Clone)]
struct Hit {
    start: usize,
    end: usize,
    /// Entries this match may stand for (more than one only for ambiguous bare region names).
    entries: std::sync::Arc<[usize]>,
    /// The entity (proto index) this hit was assigned to.
    proto: Option<usize>,
    /// End of the composite this hit heads (an organisation with its region and faction, an
    /// office with its region); `end` if nothing was attached.
    extent: usize,
    /// Consumed by a composite headed by another hit.
    absorbed: bool,
}

// ---------------------------------------------------------------------------------------------
// Text helpers (byte offsets into the original text)

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}'
}

/// Skips spaces and tabs (not line breaks: a name never continues on the next line).
fn skip_spaces(text: &str, mut pos: usize) -> usize {
    while let Some(c) = text[pos..].chars().next() {
        if !is_space(c) {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

/// The word starting at `pos`: letters/digits with inner `-` or `'`; an initial or short
/// abbreviation keeps its trailing dot ("M.", "Moh.").
fn word_at(text: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = &text[pos..];
    let first = rest.chars().next()?;
    if !first.is_alphanumeric() {
        return None;
    }
    let mut end = pos;
    let mut prev_joiner = false;
    for (i, c) in rest.char_indices() {
        if c.is_alphanumeric() {
            end = pos + i + c.len_utf8();
            prev_joiner = false;
        } else if (c == '-' || c == '\'' || c == '’') && !prev_joiner {
            prev_joiner = true;
        } else {
            break;
        }
    }
    let word = &text[pos..end];
    // (the dot test first: counting characters for every word is measurable)
    if text[end..].starts_with('.')
        && word.chars().count() <= 3
        && text[end + 1..].chars().next().is_none_or(|c| c == ' ')
        && word.chars().all(char::is_alphabetic)
    {
        end += 1;
    }
    Some((pos, end))
}

/// The word ending just before `pos` (skipping spaces), as `(start, end)`.
fn word_before(text: &str, pos: usize) -> Option<(usize, usize)> {
    let mut end = pos;
    while let Some(c) = text[..end].chars().next_back() {
        if !is_space(c) {
            break;
        }
        end -= c.len_utf8();
    }
    let mut start = end;
    while let Some(c) = text[..start].chars().next_back() {
        if !(c.is_alphanumeric() || c == '.' || c == '-') {
            break;
        }
        start -= c.len_utf8();
    }
    (start < end).then_some((start, end))
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
}

/// Roman numerals used to number commissions, regions and branches ("Komisi IV", "Wilayah I").
fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 5 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

// ---------------------------------------------------------------------------------------------
// Entities under construction

#[derive(Debug, Clone)]
struct Proto {
    kind: EntityKind,
    id: Option<String>,
    name: String,
    acronym: Option<String>,
    parent: Option<String>,
    region: Option<String>,
    unit: Option<String>,
    faction: Option<String>,
    title: Option<String>,
    /// Title entry id, used to merge "Wagub Ariza" with "Wakil Gubernur Ahmad Riza Patria".
    title_id: Option<String>,
    honorific: Option<String>,
    affiliation: Option<usize>,
    mentions: Vec<(usize, usize)>,
    /// Merged into another proto.
    dead: bool,
}

impl Proto {
    /// What one more mention says about a person, kept only where nothing was known: the first
    /// title, honorific and affiliation written with the name win.
    fn fill_person(
        &mut self,
        title: Option<String>,
        title_id: Option<String>,
        honorific: Option<String>,
        affiliation: Option<usize>,
    ) {
        if self.title.is_none() {
            self.title = title;
            self.title_id = title_id;
        }
        if self.honorific.is_none() {
            self.honorific = honorific;
        }
        if self.affiliation.is_none() {
            self.affiliation = affiliation;
        }
    }

    fn new(kind: EntityKind, name: String) -> Proto {
        Proto {
            kind,
            id: None,
            name,
            acronym: None,
            parent: None,
            region: None,
            unit: None,
            faction: None,
            title: None,
            title_id: None,
            honorific: None,
            affiliation: None,
            mentions: Vec::new(),
            dead: false,
        }
    }
}

/// The rule lists recognition reads (`gazetteers/rules/*.tsv`), looked up once per text.
struct Lex<'a> {
    not_name: &'a RuleList,
    days_months: &'a RuleList,
    title_as_thing: &'a RuleList,
    field: &'a RuleList,
    role_of: &'a RuleList,
    company_forms: &'a RuleList,
    company_name_words: &'a RuleList,
    title_prefix: &'a RuleList,
    speech: &'a RuleList,
    labour_org: &'a RuleList,
    government_heads: &'a RuleList,
}

/// An empty rule list, standing in for a list a hand-built gazetteer does not carry
/// ([`Gazetteer::from_parts`] with other rule files): recognition then simply lacks that rule.
fn empty_rules() -> &'static RuleList {
    static EMPTY: std::sync::OnceLock<RuleList> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| RuleList::empty("empty"))
}

impl<'a> Lex<'a> {
    fn new(g: &'a Gazetteer) -> Lex<'a> {
        let get = |name: &str| -> &'a RuleList {
            match g.rules(name) {
                Some(l) => l,
                None => empty_rules(),
            }
        };
        Lex {
            not_name: get("not-name"),
            days_months: get("days-months"),
            title_as_thing: get("title-as-thing"),
            field: get("field"),
            role_of: get("role-of"),
            company_forms: get("company-forms"),
            company_name_words: get("company-name-words"),
            title_prefix: get("title-prefix"),
            speech: get("speech"),
            labour_org: get("labour-org"),
            government_heads: get("government-heads"),
        }
    }

    /// Capitalised words that are never part of a person's name: `not-name` and `days-months`.
    fn not_a_name(&self, w: &str) -> bool {
        self.not_name.contains(w) || self.days_months.contains(w)
    }
}

struct Ctx<'a> {
    g: &'a Gazetteer,
    lex: Lex<'a>,
    text: &'a str,
    hits: Vec<Hit>,
    /// hit start → hit index
    by_start: HashMap<usize, usize>,
    protos: Vec<Proto>,
    keys: HashMap<String, usize>,
    /// Words that open a parenthesis somewhere in the text ("(Disnakerperinkop UKM)"): acronyms
    /// the article defines, never a person's name.
    defined: std::collections::HashSet<&'a str>,
    /// Merged offices found so far: ((region code, first type, second type), proto).
    combined: Vec<((String, String, String), usize)>,
    /// Companies found on the fly: (start, end, proto).
    companies: Vec<(usize, usize, usize)>,
    /// Every word of the text in order (as [`word_at`] reads them): scanned once, used by
    /// the passes that look at all words (companies, speech verbs).
    words: Vec<(usize, usize)>,
    /// The words of the text written in lower case, collected on first use (common nouns).
    lower_words: std::cell::OnceCell<std::collections::HashSet<&'a str>>,
    /// Region the text is about: (province code, regency/city code if one dominates).
    province: Option<String>,
    regency: Option<String>,
}

fn entity_kind(k: EntryKind) -> Option<EntityKind> {
    if k.is_union() {
        Some(EntityKind::Union)
    } else if k.is_government() {
        Some(EntityKind::Government)
    } else if k.is_place() {
        Some(EntityKind::Place)
    } else {
        match k {
            EntryKind::Employer => Some(EntityKind::Employer),
            EntryKind::Party => Some(EntityKind::Other),
            EntryKind::Topic => Some(EntityKind::Topic),
            _ => None,
        }
    }
}

impl<'a> Ctx<'a> {
    fn kind_of(&self, h: usize) -> EntryKind {
        self.g.entry_at(self.hits[h].entries[0]).kind
    }

    fn id_of(&self, h: usize) -> &str {
        &self.g.entry_at(self.hits[h].entries[0]).id
    }

    fn hit_at(&self, pos: usize) -> Option<usize> {
        self.by_start.get(&pos).copied()
    }

    /// Index of the hit covering byte `pos`, if any.
    fn hit_covering(&self, pos: usize) -> Option<usize> {
        let i = self.hits.partition_point(|h| h.start <= pos);
        (i > 0 && self.hits[i - 1].end > pos).then(|| i - 1)
    }

    fn proto_for_key(&mut self, key: String, make: impl FnOnce() -> Proto) -> usize {
        if let Some(&i) = self.keys.get(&key) {
            return i;
        }
        self.protos.push(make());
        let i = self.protos.len() - 1;
        self.keys.insert(key, i);
        i
    }

    /// Proto for a gazetteer entry (merging all mentions of the same id and faction).
    fn proto_for_entry(&mut self, entry: usize, faction: Option<&str>) -> Option<usize> {
        let g = self.g;
        let e = g.entry_at(entry);
        let kind = entity_kind(e.kind)?;
        let key = match faction {
            Some(f) => format!("{}|{}", e.id, f.to_lowercase()),
            None => e.id.clone(),
        };
        Some(self.proto_for_key(key, || {
            let mut p = Proto::new(kind, e.name.clone());
            p.id = Some(e.id.clone());
            p.acronym = e.acronym.clone();
            p.parent = e.parent.clone();
            p.region = e.region.clone();
            p.faction = faction.map(str::to_string);
            p
        }))
    }

    // -- step 2: ambiguous places and the region the text is about ---------------------------
}

/// True when the line containing `pos` is written in Title Case (a headline or link list):
/// there every word is capitalised, so capitalisation says nothing about names.
///
/// Only lines of at most 25 words qualify, so the line is looked for within
/// [`HEADLINE_REACH`] bytes of `pos`: a longer line is no headline. Scanning the whole line
/// made recognition quadratic on pages written as one huge line (every name re-read it).
fn headline_like(text: &str, pos: usize) -> bool {
    let bytes = text.as_bytes();
    let lo = pos.saturating_sub(HEADLINE_REACH);
    let start = match memchr::memrchr(b'\n', &bytes[lo..pos]) {
        Some(i) => lo + i + 1,
        None if lo == 0 => 0,
        None => return false,
    };
    let hi = (pos + HEADLINE_REACH).min(bytes.len());
    let end = match memchr::memchr(b'\n', &bytes[pos..hi]) {
        Some(i) => pos + i,
        None if hi == bytes.len() => hi,
        None => return false,
    };
    let words: Vec<&str> = text[start..end]
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let caps = words.iter().filter(|w| capitalised(w)).count();
    (6..=25).contains(&words.len()) && caps * 10 >= words.len() * 7
}

/// How far [`headline_like`] looks for the ends of a line: 25 words of a headline fit easily.
const HEADLINE_REACH: usize = 1000;

fn text_trim_end(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of `text` in order, read with [`word_at`] from the start.
fn all_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut pos = 0;
    while pos < text.len() {
        let Some((s, e)) = word_at(text, pos) else {
            pos += text[pos..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        out.push((s, e));
        pos = e;
    }
    out
}

pub(crate) fn raw_matches(g: &Gazetteer, text: &str) -> Vec<crate::Match> {
    matcher::find(g, text)
        .into_iter()
        .map(|f| crate::Match {
            start: f.start,
            end: f.end,
            entries: f.entries,
        })
        .collect()
}

pub(crate) fn recognise(g: &Gazetteer, text: &str) -> Vec<Entity> {
    let hits: Vec<Hit> = matcher::find(g, text)
        .into_iter()
        .map(|f| Hit {
            start: f.start,
            end: f.end,
            entries: f.entries,
            proto: None,
            extent: f.end,
            absorbed: false,
        })
        .collect();
    let by_start = hits.iter().enumerate().map(|(i, h)| (h.start, i)).collect();
    let mut ctx = Ctx {
        g,
        lex: Lex::new(g),
        text,
        hits,
        by_start,
        protos: Vec::new(),
        keys: HashMap::new(),
        companies: Vec::new(),
        combined: Vec::new(),
        defined: text
            .match_indices('(')
            .filter_map(|(i, _)| word_at(text, i + 1).map(|(a, b)| &text[a..b]))
            .filter(|w| capitalised(w))
            .collect(),
        words: all_words(text),
        lower_words: std::cell::OnceCell::new(),
        province: None,
        regency: None,
    };
    ctx.resolve_places();
    ctx.decide_region();
    ctx.acronyms();
    ctx.sub_units();
    ctx.organisations();
    ctx.companies();
    ctx.unions();
    ctx.bodies();
    ctx.people();
    ctx.finish()
}

#[cfg(test)]
mod tests;
