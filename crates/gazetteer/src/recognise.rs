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

    fn resolve_places(&mut self) {
        // codes named unambiguously anywhere in the text
        let mut named: Vec<String> = Vec::new();
        for h in &self.hits {
            if h.entries.len() == 1
                && let Some(r) = &self.g.entry_at(h.entries[0]).region
            {
                named.push(r.clone());
            }
        }
        for i in 0..self.hits.len() {
            if self.hits[i].entries.len() < 2 {
                continue;
            }
            let cands = self.hits[i].entries.clone();
            let prev = word_before(self.text, self.hits[i].start)
                .map(|(s, e)| self.text[s..e].to_lowercase())
                .unwrap_or_default();
            let prev2 = word_before(
                self.text,
                word_before(self.text, self.hits[i].start).map_or(0, |w| w.0),
            )
            .map(|(s, e)| self.text[s..e].to_lowercase())
            .unwrap_or_default();
            let want = if ["pemkab", "kabupaten", "kab.", "bupati", "wabup", "sekkab"]
                .contains(&prev.as_str())
            {
                Some(EntryKind::Regency)
            } else if ["pemkot", "kota", "walikota", "walkot", "wawali", "sekkot"]
                .contains(&prev.as_str())
                || (prev == "kota" && prev2 == "wali")
            {
                Some(EntryKind::City)
            } else {
                None
            };
            let pick = want
                .and_then(|k| {
                    cands
                        .iter()
                        .copied()
                        .find(|&c| self.g.entry_at(c).kind == k)
                })
                .or_else(|| {
                    cands.iter().copied().find(|&c| {
                        self.g
                            .entry_at(c)
                            .region
                            .as_ref()
                            .is_some_and(|code| named.contains(code))
                    })
                })
                .or_else(|| {
                    cands
                        .iter()
                        .copied()
                        .find(|&c| self.g.entry_at(c).kind == EntryKind::Regency)
                })
                .unwrap_or(cands[0]);
            self.hits[i].entries = std::sync::Arc::from([pick]);
        }
    }

    fn decide_region(&mut self) {
        let mut prov: HashMap<String, usize> = HashMap::new();
        let mut reg: HashMap<String, usize> = HashMap::new();
        let mut reg_gov: HashMap<String, usize> = HashMap::new();
        for h in &self.hits {
            let e = self.g.entry_at(h.entries[0]);
            let Some(code) = &e.region else { continue };
            let w = if e.kind.is_government() { 3 } else { 1 };
            let mut parts = code.split('.');
            let p = parts.next().unwrap_or_default().to_string();
            *prov.entry(p.clone()).or_default() += w;
            if let Some(k) = parts.next() {
                let rc = format!("{p}.{k}");
                *reg.entry(rc.clone()).or_default() += w;
                if e.kind.is_government() {
                    *reg_gov.entry(rc).or_default() += 1;
                }
            }
        }
        let best = |m: &HashMap<String, usize>| {
            let mut v: Vec<(&String, &usize)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v.first().map(|(k, _)| (*k).clone())
        };
        self.province = best(&prov);
        let r = best(&reg);
        if let (Some(r), Some(p)) = (r, &self.province)
            && r.starts_with(&format!("{p}."))
            && (reg_gov.contains_key(&r) || reg.get(&r) >= prov.get(p))
        {
            self.regency = Some(r);
        }
    }

    // -- step 3: acronym definitions ---------------------------------------------------------

    fn acronyms(&mut self) {
        let text = self.text;
        let mut defs: Vec<(String, usize)> = Vec::new(); // (acronym, proto)
        let mut search = 0;
        while let Some(off) = text[search..].find('(') {
            let open = search + off;
            search = open + 1;
            let Some(close_off) = text[open + 1..].find(')') else {
                break;
            };
            let close = open + 1 + close_off;
            let inner = text[open + 1..close].trim();
            if inner.is_empty() || inner.chars().count() > 20 || inner.contains(['\n', ',']) {
                continue;
            }
            let upper = inner.chars().filter(|c| c.is_uppercase()).count();
            if upper < 2 || !inner.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let inner_start =
                open + 1 + (text[open + 1..close].len() - text[open + 1..close].trim_start().len());
            let inner_hit = self.hit_covering(inner_start);
            // what ends right before the parenthesis
            let before = text[..open].trim_end_matches(is_space);
            let prev_hit = self
                .hits
                .iter()
                .rposition(|h| h.end == before.len() && !before.is_empty());
            if inner_hit.is_some() || prev_hit.is_some_and(|h| self.kind_of(h).is_actor()) {
                continue; // a known entity: handled by the gazetteer match itself
            }
            // on-the-fly: the capitalised run before the parenthesis whose initials spell the acronym
            let mut words: Vec<(usize, usize)> = Vec::new();
            let mut p = before.len();
            while words.len() < 10 {
                let Some((s, e)) = word_before(text, p) else {
                    break;
                };
                let w = &text[s..e];
                let connector = matches!(w, "dan" | "&" | "of" | "and");
                if !(capitalised(w) || connector) {
                    break;
                }
                if let Some(h) = self.hit_covering(s)
                    && !matches!(self.kind_of(h), EntryKind::Topic)
                    && !self.kind_of(h).is_place()
                {
                    break;
                }
                words.push((s, e));
                // allow a slash between words ("Pekerja/Serikat")
                p = s;
                if text[..p].ends_with('/') {
                    p -= 1;
                } else if !text[..p].ends_with(is_space) {
                    break;
                }
            }
            words.reverse();
            let letters: Vec<char> = inner
                .chars()
                .filter(|c| c.is_uppercase())
                .flat_map(char::to_lowercase)
                .collect();
            let initials: Vec<(usize, char)> = words
                .iter()
                .enumerate()
                .filter(|(_, (s, e))| capitalised(&text[*s..*e]))
                .filter_map(|(i, (s, _))| text[*s..].chars().next().map(|c| (i, c)))
                .flat_map(|(i, c)| c.to_lowercase().map(move |l| (i, l)))
                .collect();
            // shortest suffix of the run whose initials contain the acronym's capitals in order,
            // starting with its first letter
            let mut found = None;
            for start in (0..initials.len()).rev() {
                if initials[start].1 != letters[0] {
                    continue;
                }
                let mut k = 0;
                for &(_, c) in &initials[start..] {
                    if k < letters.len() && c == letters[k] {
                        k += 1;
                    }
                }
                if k == letters.len() && initials.len() - start <= letters.len() + 2 {
                    found = Some(initials[start].0);
                    break;
                }
            }
            let Some(first_word) = found else { continue };
            let (ls, _) = words[first_word];
            let long = &text[ls..before.len()];
            if long.split_whitespace().count() < 2 {
                continue;
            }
            let lower = long.to_lowercase();
            let kind = if ["serikat", "federasi", "konfederasi", "buruh", "pekerja"]
                .iter()
                .any(|w| lower.starts_with(w) || lower.contains(&format!(" {w} ")))
                && !lower.starts_with("koperasi")
                && !lower.starts_with("kartu")
            {
                EntityKind::Union
            } else if [
                "dinas",
                "badan",
                "kementerian",
                "pemerintah",
                "direktorat",
                "biro",
                "kantor",
            ]
            .iter()
            .any(|w| lower.starts_with(w))
            {
                EntityKind::Government
            } else if [
                "asosiasi pengusaha",
                "himpunan pengusaha",
                "perusahaan",
                "pt ",
            ]
            .iter()
            .any(|w| lower.starts_with(w))
            {
                EntityKind::Employer
            } else {
                EntityKind::Other
            };
            let acr = inner.to_string();
            let pi = self.proto_for_key(format!("acr|{acr}"), || {
                let mut p = Proto::new(kind, long.to_string());
                p.acronym = Some(acr.clone());
                p
            });
            self.protos[pi].mentions.push((ls, before.len()));
            self.protos[pi]
                .mentions
                .push((inner_start, inner_start + inner.len()));
            defs.push((acr, pi));
            // words of the long name are no longer free (e.g. for name detection)
            for h in &mut self.hits {
                if h.start >= ls && h.end <= before.len() {
                    h.absorbed = true;
                }
            }
        }
        // later bare uses of a defined acronym
        for (acr, pi) in defs {
            let mut from = 0;
            while let Some(off) = text[from..].find(acr.as_str()) {
                let s = from + off;
                let e = s + acr.len();
                from = e;
                let bounded = !text[..s].chars().next_back().is_some_and(is_word_char)
                    && !text[e..].chars().next().is_some_and(is_word_char);
                if bounded && self.hit_covering(s).is_none() {
                    self.protos[pi].mentions.push((s, e));
                }
            }
        }
    }

    // -- step 4: organisations, offices, places, topics --------------------------------------

    /// "Biro Kepegawaian Setda Provinsi Riau", "Bagian Umum Setda Kabupaten Kudus": a bureau
    /// or section the gazetteer does not list, written before a known secretariat, is a
    /// sub-unit of that secretariat (named as written, parent = the setda entry) rather than
    /// the secretariat itself plus loose words.
    fn sub_units(&mut self) {
        let text = self.text;
        for i in 0..self.hits.len() {
            if self.hits[i].absorbed || !self.id_of(i).ends_with("/setda") {
                continue;
            }
            if self.kind_of(i) == EntryKind::OfficeType {
                self.written_out_sub_unit(i);
                continue;
            }
            if self.kind_of(i) != EntryKind::Office {
                continue;
            }
            // capitalised words (and "dan") back to "Biro" / "Bagian"
            let mut p = self.hits[i].start;
            let mut head = None;
            for _ in 0..8 {
                let Some((s, e)) = word_before(text, p) else {
                    break;
                };
                if !text[e..p].chars().all(is_space) || e == p && s == p {
                    break;
                }
                let w = &text[s..e];
                if w == "Biro" || w == "Bagian" {
                    head = Some(s);
                    break;
                }
                if !(capitalised(w) || w == "dan" || w == "&") || self.lex.not_a_name(w) {
                    break;
                }
                p = s;
            }
            let Some(start) = head else { continue };
            // at least one word between the head and the secretariat
            if text[start..self.hits[i].start].split_whitespace().count() < 2 {
                continue;
            }
            let end = self.hits[i].end;
            let e = self.g.entry_at(self.hits[i].entries[0]);
            let (setda_id, region) = (e.id.clone(), e.region.clone());
            let name = collapse(&text[start..end]);
            let key = format!("subunit|{}", name.to_lowercase());
            let pi = self.proto_for_key(key, || {
                let mut p = Proto::new(EntityKind::Government, name.clone());
                p.parent = Some(setda_id);
                p.region = region;
                p
            });
            self.protos[pi].mentions.push((start, end));
            for h in self.hits.iter_mut() {
                if h.start >= start && h.end <= end {
                    h.absorbed = true;
                    h.proto = Some(pi);
                }
            }
        }
    }

    /// "Biro Perekonomian Sekretariat Daerah (Setda) Aceh": a bureau before the secretariat
    /// written out, its acronym in parentheses and then the region. The same bureau written
    /// compactly ("Biro Perekonomian Setda Aceh") is looked up in the gazetteer, so a generated
    /// bureau keeps its id; nothing is done when that form is not known.
    fn written_out_sub_unit(&mut self, i: usize) {
        let text = self.text;
        let (hs, he) = (self.hits[i].start, self.hits[i].end);
        // the bureau words: "Biro"/"Bagian" and 1-4 capitalised words right before
        let mut p = hs;
        let mut head = None;
        for _ in 0..5 {
            let Some((s, e)) = word_before(text, p) else {
                break;
            };
            if !text[e..p].chars().all(is_space) || e == p {
                break;
            }
            let w = &text[s..e];
            if w == "Biro" || w == "Bagian" {
                head = Some(s);
                break;
            }
            if !capitalised(w) && w != "dan" {
                break;
            }
            p = s;
        }
        let Some(start) = head else { return };
        let bureau = collapse(text[start..hs].trim_end_matches(is_space));
        if bureau.split_whitespace().count() < 2 {
            return;
        }
        // "(Setda)" then the region
        let mut q = skip_spaces(text, he);
        if text[q..].starts_with('(')
            && let Some(close) = text[q..].char_indices().take(16).find(|&(_, c)| c == ')')
        {
            q = skip_spaces(text, q + close.0 + 1);
        }
        let Some(ph) = self.hit_at(q).filter(|&h| self.kind_of(h).is_place()) else {
            return;
        };
        let (ps, pe) = (self.hits[ph].start, self.hits[ph].end);
        let compact = format!("{bureau} Setda {}", &text[ps..pe]);
        let found = self
            .g
            .matches(&compact)
            .into_iter()
            .find(|m| m.start == 0 && m.end == compact.len())
            .and_then(|m| m.entries.first().copied())
            .filter(|&e| {
                self.g
                    .entry_at(e)
                    .parent
                    .as_deref()
                    .is_some_and(|p| p.ends_with("/setda"))
            });
        let Some(entry) = found else { return };
        let Some(pi) = self.proto_for_entry(entry, None) else {
            return;
        };
        self.protos[pi].mentions.push((start, pe));
        for h in self.hits.iter_mut() {
            if h.start >= start && h.end <= pe {
                h.absorbed = true;
                h.proto = Some(pi);
            }
        }
    }

    /// Unit word written right before an organisation ("DPD FSP KEP", "Dewan Pengurus Wilayah").
    fn unit_before(&self, pos: usize) -> Option<(String, usize)> {
        let before = self.text[..pos].trim_end_matches([' ', '\t', '(']);
        const UNITS: &[(&str, &str)] = &[
            ("dewan pengurus pusat", "DPP"),
            ("dewan pengurus wilayah", "DPW"),
            ("dewan pengurus daerah", "DPD"),
            ("dewan pengurus cabang", "DPC"),
            ("pimpinan unit kerja", "PUK"),
            ("pimpinan cabang", "PC"),
            ("pimpinan wilayah", "PW"),
            ("pengurus cabang", "PC"),
            ("pengurus pusat", "DPP"),
            ("dpp", "DPP"),
            ("dpw", "DPW"),
            ("dpd", "DPD"),
            ("dpc", "DPC"),
            ("puk", "PUK"),
            ("pc", "PC"),
        ];
        for (w, code) in UNITS {
            let Some(s) = before.len().checked_sub(w.len()) else {
                continue;
            };
            let Some(surface) = before.get(s..) else {
                continue;
            };
            if surface.eq_ignore_ascii_case(w)
                && !before[..s].chars().next_back().is_some_and(is_word_char)
            {
                // short forms must be written in capitals
                if w.len() <= 3 && surface != surface.to_uppercase() {
                    continue;
                }
                return Some((code.to_string(), s));
            }
        }
        None
    }

    /// Capitalised name words from `pos` (for faction leaders): up to `max` words.
    fn cap_run(&self, pos: usize, max: usize) -> Option<(usize, usize)> {
        let mut p = skip_spaces(self.text, pos);
        let start = p;
        let mut end = None;
        for _ in 0..max {
            let Some((s, e)) = word_at(self.text, p) else {
                break;
            };
            let w = &self.text[s..e];
            if !capitalised(w) || self.lex.not_a_name(w) {
                break;
            }
            if let Some(h) = self.hit_covering(s)
                && !self.bare_place(h)
            {
                break;
            }
            end = Some(e);
            p = e;
            if !self.text[p..].starts_with(' ') {
                break;
            }
            p = skip_spaces(self.text, p);
        }
        end.map(|e| (start, e))
    }

    /// A one-word region name without a type word ("Bekasi", "Deru"): may be part of a name.
    fn bare_place(&self, h: usize) -> bool {
        let hit = &self.hits[h];
        let s = &self.text[hit.start..hit.end];
        self.kind_of(h).is_place() && !s.contains(' ')
    }

    fn organisations(&mut self) {
        for i in 0..self.hits.len() {
            if self.hits[i].absorbed {
                continue;
            }
            let kind = self.kind_of(i);
            let entry = self.hits[i].entries[0];
            if kind.is_union() || kind == EntryKind::Employer || kind == EntryKind::Party {
                self.union_hit(i, entry);
            } else if kind == EntryKind::OfficeType {
                self.office_hit(i, entry);
            } else if matches!(kind, EntryKind::Agency | EntryKind::Court)
                && self.g.entry_at(entry).region.is_none()
                && self.regional_body(i, entry)
            {
                // made that region's body ("Dewan Pengupahan Provinsi Riau")
            } else if (kind.is_government() || kind.is_place() || kind == EntryKind::Topic)
                && let Some(p) = self.proto_for_entry(entry, None)
            {
                let (mut s, e) = (self.hits[i].start, self.hits[i].end);
                if self.id_of(i).ends_with("/dprd")
                    && let Some((ks, unit)) = self.commission_before(s)
                {
                    s = ks;
                    self.protos[p].unit.get_or_insert(unit);
                }
                self.protos[p].mentions.push((s, e));
                self.hits[i].proto = Some(p);
            }
        }
        self.written_office_names();
    }

    /// A regional labour office's generated name is a guess ("Dinas Tenaga Kerja Kabupaten
    /// X"): regions merge functions and name the office after them. When the article writes the
    /// office out in full ("Dinas Tenaga Kerja dan Transmigrasi Kabupaten X"), that written
    /// form names it, so a later bare "Disnakertrans" still reads as the office written.
    fn written_office_names(&mut self) {
        let text = self.text;
        for p in &mut self.protos {
            if p.dead || !p.id.as_deref().is_some_and(|id| id.ends_with("/disnaker")) {
                continue;
            }
            let written = p
                .mentions
                .iter()
                .map(|&(s, e)| collapse(&text[s..e]))
                .find(|m| {
                    m.starts_with("Dinas ")
                        && [" Provinsi ", " Kabupaten ", " Kota "]
                            .iter()
                            .any(|w| m.contains(w))
                });
            if let Some(w) = written
                && w != p.name
            {
                p.name = w;
            }
        }
    }

    fn union_hit(&mut self, i: usize, entry: usize) {
        let text = self.text;
        let unit = self.unit_before(self.hits[i].start);
        let mut pos = self.hits[i].end;
        let mut extent = pos;
        // "(FSP KEP)" right after the long name: same entity, already a hit of its own
        let p = skip_spaces(text, pos);
        let mut acr_hit = None;
        if text[p..].starts_with('(')
            && let Some(h) = self.hit_at(p + 1)
            && self.hits[h].entries[0] == entry
            && text[self.hits[h].end..].starts_with(')')
        {
            pos = self.hits[h].end + 1;
            acr_hit = Some(h);
        }
        let mut region = None;
        let mut p = skip_spaces(text, pos);
        if let Some((s, e)) = word_at(text, p)
            && [
                "Daerah", "Wilayah", "Cabang", "Tingkat", "daerah", "wilayah", "cabang",
            ]
            .contains(&&text[s..e])
        {
            p = skip_spaces(text, e);
        }
        if let Some(h) = self.hit_at(p)
            && self.kind_of(h).is_place()
        {
            region = self.g.entry_at(self.hits[h].entries[0]).region.clone();
            extent = self.hits[h].end;
            pos = extent;
        }
        let mut faction = None;
        let p = skip_spaces(text, pos);
        if let Some((s, e)) = word_at(text, p)
            && ["versi", "kubu", "pimpinan"].contains(&&text[s..e])
            && let Some((_, ne)) = self.cap_run(e, 5)
        {
            faction = Some(text[s..ne].to_string());
            extent = ne;
        }
        let Some(pi) = self.proto_for_entry(entry, faction.as_deref()) else {
            return;
        };
        if let Some(h) = acr_hit {
            self.hits[h].absorbed = true;
            self.hits[h].proto = Some(pi);
            let span = (self.hits[h].start, self.hits[h].end);
            self.protos[pi].mentions.push(span);
        }
        let proto = &mut self.protos[pi];
        proto.mentions.push((self.hits[i].start, self.hits[i].end));
        if proto.unit.is_none() {
            proto.unit = unit.map(|u| u.0);
        }
        if proto.region.is_none() {
            proto.region = region;
        }
        self.hits[i].proto = Some(pi);
        self.hits[i].extent = extent;
    }

    /// Two office types written together ("Disnaker ESDM Bali", "Dinas Tenaga Kerja dan ESDM
    /// Provinsi X") are one merged office, not two: the entity is named as written and later
    /// bare mentions of either part in the same region resolve to it. Returns true when `i`
    /// headed such a pair.
    fn combined_office(&mut self, i: usize, suffix: &str) -> bool {
        let text = self.text;
        let mut q = skip_spaces(text, self.hits[i].end);
        if text[q..].starts_with("dan ") {
            q = skip_spaces(text, q + 3);
        }
        let Some(h2) = self.hit_at(q) else {
            return false;
        };
        if h2 == i || self.kind_of(h2) != EntryKind::OfficeType || self.hits[h2].absorbed {
            return false;
        }
        let suffix2 = self
            .id_of(h2)
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        if suffix2 == suffix {
            return false;
        }
        let mut extent = self.hits[h2].end;
        let mut name = collapse(&text[self.hits[i].start..extent]);
        // "(Disnaker ESDM)" between the office and its region: the article's acronym
        let acronym = self.defined_acronym(extent);
        let mut r = skip_spaces(text, extent);
        let mut paren = None;
        if acronym.is_some()
            && let Some(close) = text[r..].find(')')
        {
            paren = Some((r, r + close + 1));
            r = skip_spaces(text, r + close + 1);
        }
        let mut code = None;
        if let Some(ph) = self.hit_at(r)
            && self.kind_of(ph).is_place()
        {
            code = self.g.entry_at(self.hits[ph].entries[0]).region.clone();
            extent = self.hits[ph].end;
            self.hits[ph].absorbed = true;
            name = format!("{name} {}", collapse(&text[self.hits[ph].start..extent]));
        } else if paren.is_some() {
            paren = None;
        }
        let Some(code) = code.or_else(|| self.regency.clone().or_else(|| self.province.clone()))
        else {
            return false;
        };
        let start = self.hits[i].start;
        let parent = self
            .g
            .index_of(&format!("gov/{code}"))
            .map(|_| format!("gov/{code}"));
        let key = format!("gov/{code}/{suffix}+{suffix2}");
        let pi = self.proto_for_key(key, || {
            let mut p = Proto::new(EntityKind::Government, name);
            p.parent = parent;
            p.region = Some(code.clone());
            p
        });
        if acronym.is_some() {
            self.protos[pi].acronym = acronym;
        }
        // the acronym's own matches are this office, not a second one
        if let Some((ps, pe)) = paren {
            for h in self.hits.iter_mut().filter(|h| h.start > ps && h.end < pe) {
                h.absorbed = true;
                h.proto = Some(pi);
            }
        }
        self.protos[pi].mentions.push((start, extent));
        self.hits[i].proto = Some(pi);
        self.hits[i].extent = extent;
        self.hits[h2].absorbed = true;
        self.hits[h2].proto = Some(pi);
        self.combined
            .push(((code, suffix.to_string(), suffix2), pi));
        true
    }

    fn office_hit(&mut self, i: usize, entry: usize) {
        let text = self.text;
        let g = self.g;
        let e = g.entry_at(entry);
        let suffix = e.id.rsplit('/').next().unwrap_or_default().to_string();
        if self.combined_office(i, &suffix) {
            return;
        }
        let mut extent = self.hits[i].end;
        let mut p = skip_spaces(text, extent);
        // "Dinas Tenaga Kerja dan Transmigrasi Daerah Provinsi Sulawesi Utara"
        if text[p..].starts_with("Daerah ") {
            let q = skip_spaces(text, p + "Daerah".len());
            if self.hit_at(q).is_some_and(|h| self.kind_of(h).is_place())
                || ["Provinsi ", "Kabupaten ", "Kota "]
                    .iter()
                    .any(|w| text[q..].starts_with(w))
            {
                p = q;
            }
        }
        let mut code: Option<String> = None;
        let mut level_word: Option<&str> = None;
        if let Some(h) = self.hit_at(p)
            && self.kind_of(h).is_place()
        {
            code = g.entry_at(self.hits[h].entries[0]).region.clone();
            extent = self.hits[h].end;
            self.hits[h].absorbed = true;
        } else if let Some((s, we)) = word_at(text, p) {
            let w = &text[s..we];
            if ["Provinsi", "Prov.", "Kabupaten", "Kab.", "Kota", "provinsi"].contains(&w) {
                level_word = Some(if w.eq_ignore_ascii_case("kota") {
                    "kota"
                } else if w.starts_with('K') {
                    "kab"
                } else {
                    "prov"
                });
                extent = we;
            }
        }
        let code = code.or_else(|| match level_word {
            Some("prov") => self.province.clone(),
            _ => self.regency.clone().or_else(|| self.province.clone()),
        });
        // a bare "Disnaker" after "Disnaker ESDM Bali" is that combined office
        let explicit = extent > self.hits[i].end;
        if !explicit
            && let Some(code) = &code
            && let Some(&(_, pi)) = self
                .combined
                .iter()
                .find(|(k, _)| k.0 == *code && (k.1 == suffix || k.2 == suffix))
        {
            self.protos[pi].mentions.push((self.hits[i].start, extent));
            self.hits[i].proto = Some(pi);
            self.hits[i].extent = extent;
            return;
        }
        let pi = match code {
            Some(code) => {
                let id = format!("gov/{code}/{suffix}");
                if let Some(ei) = g.index_of(&id) {
                    self.proto_for_entry(ei, None)
                } else {
                    let name = text[self.hits[i].start..self.hits[i].end].to_string();
                    let region = code.clone();
                    Some(self.proto_for_key(format!("{id}|local"), || {
                        let mut p = Proto::new(EntityKind::Government, name);
                        p.acronym = e.acronym.clone();
                        p.parent = g
                            .index_of(&format!("gov/{code}"))
                            .map(|_| format!("gov/{code}"));
                        p.region = Some(region);
                        p
                    }))
                }
            }
            None => self.proto_for_entry(entry, None),
        };
        if let Some(pi) = pi {
            let mut start = self.hits[i].start;
            // "Komisi IV DPRD Kota Batam": the commission is the unit of the parliament
            if suffix == "dprd"
                && let Some((ks, unit)) = self.commission_before(start)
            {
                start = ks;
                self.protos[pi].unit.get_or_insert(unit);
            }
            self.protos[pi].mentions.push((start, extent));
            self.hits[i].proto = Some(pi);
            self.hits[i].extent = extent;
            // "Dinas Tenaga Kerja, Perindustrian, Koperasi dan UKM (Disnakerperinkop UKM)": the
            // article's own acronym for a merged office names it better than the generic one
            if let Some(acr) = self.defined_acronym(self.hits[i].end) {
                self.protos[pi].acronym = Some(acr);
            }
        }
    }

    /// Region inheritance: a national body written with a level word and a region ("Dewan
    /// Pengupahan Provinsi Riau", "Dewan Pengupahan Kota Pekanbaru") is that region's body of the
    /// same kind, not the national one. A level word alone ("Dewan Pengupahan Provinsi") takes
    /// the region the text is about. Returns false (nothing done) without a level word.
    fn regional_body(&mut self, i: usize, entry: usize) -> bool {
        let text = self.text;
        let g = self.g;
        let p = skip_spaces(text, self.hits[i].end);
        let level = |w: &str| match w {
            "Provinsi" | "Prov." => Some("prov"),
            "Kabupaten" | "Kab." => Some("kab"),
            "Kota" => Some("kota"),
            _ => None,
        };
        let Some((ws, we)) = word_at(text, p) else {
            return false;
        };
        let Some(lv) = level(&text[ws..we]) else {
            return false;
        };
        let mut extent = we;
        let mut code = None;
        // the place hit may start at the level word ("Provinsi Riau") or after it
        let place = self
            .hit_at(p)
            .or_else(|| self.hit_at(skip_spaces(text, we)))
            .filter(|&h| self.kind_of(h).is_place());
        if let Some(h) = place {
            code = g.entry_at(self.hits[h].entries[0]).region.clone();
            extent = self.hits[h].end;
            self.hits[h].absorbed = true;
        }
        let code = code.or_else(|| match lv {
            "prov" => self.province.clone(),
            _ => self.regency.clone(),
        });
        let Some(code) = code else {
            return false;
        };
        // the level word must agree with the region's depth ("Provinsi" + a province code)
        if (lv == "prov") == code.contains('.') {
            return false;
        }
        let start = self.hits[i].start;
        let name = collapse(&text[start..extent]);
        let parent = g
            .index_of(&format!("gov/{code}"))
            .map(|_| format!("gov/{code}"));
        let key = format!("{}@{code}", g.entry_at(entry).id);
        let pi = self.proto_for_key(key, || {
            let mut p = Proto::new(EntityKind::Government, name);
            p.parent = parent;
            p.region = Some(code.clone());
            p
        });
        self.protos[pi].mentions.push((start, extent));
        self.hits[i].proto = Some(pi);
        self.hits[i].extent = extent;
        true
    }

    /// "Komisi IV" / "Komisi B" written right before `pos`: (start, unit).
    fn commission_before(&self, pos: usize) -> Option<(usize, String)> {
        let text = self.text;
        let (ns, ne) = word_before(text, pos)?;
        let num = &text[ns..ne];
        let numbered = is_roman(num)
            || num.len() == 1
                && num
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !numbered {
            return None;
        }
        let (ks, ke) = word_before(text, ns)?;
        (&text[ks..ke] == "Komisi").then(|| (ks, format!("Komisi {num}")))
    }

    /// The acronym written in parentheses right after `pos` ("(Disnakerperinkop UKM)"), if it
    /// is one: 1-3 words starting with a capital, no digits.
    fn defined_acronym(&self, pos: usize) -> Option<String> {
        let q = skip_spaces(self.text, pos);
        let rest = self.text[q..].strip_prefix('(')?;
        let close = rest.char_indices().take(40).find(|&(_, c)| c == ')')?.0;
        let inner = rest[..close].trim();
        let words = inner.split_whitespace().count();
        let ok = (1..=3).contains(&words)
            && inner.chars().next().is_some_and(char::is_uppercase)
            && !inner.chars().any(|c| c.is_ascii_digit())
            && inner.split_whitespace().all(capitalised);
        ok.then(|| inner.to_string())
    }

    // -- step 5: people ----------------------------------------------------------------------

    /// Honorifics starting at `pos` (after spaces): their surface and the position after them.
    fn honorifics(&self, pos: usize) -> (Option<String>, usize) {
        let mut p = skip_spaces(self.text, pos);
        let mut parts = Vec::new();
        let mut end = pos;
        while let Some(h) = self.hit_at(p) {
            // "Mas'ud" is a name, not the honorific "Mas"
            if self.kind_of(h) != EntryKind::Honorific
                || self.text[self.hits[h].end..].starts_with(['\'', '’'])
            {
                break;
            }
            parts.push(&self.text[self.hits[h].start..self.hits[h].end]);
            end = self.hits[h].end;
            p = skip_spaces(self.text, end);
        }
        if parts.is_empty() {
            (None, pos)
        } else {
            (Some(parts.join(" ")), end)
        }
    }

    /// A person's name starting at `pos`: 1-4 capitalised words, none a known organisation,
    /// title or common capitalised word.
    fn name_at(&self, pos: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut p = skip_spaces(text, pos);
        let start = p;
        let mut end = None;
        let mut n = 0;
        let mut only_places = true;
        while n < 4 {
            let Some((s, e)) = word_at(text, p) else {
                break;
            };
            let w = &text[s..e];
            if !capitalised(w)
                || self.defined.contains(w)
                || self.lex.not_a_name(w.trim_end_matches('.'))
                || (all_caps(w) && !w.ends_with('.'))
                || w.chars().any(|c| c.is_ascii_digit())
            {
                break;
            }
            // a match that ends inside the word ("Mas" in "Mas'ud") is no match
            let covering = self.hit_covering(s).filter(|&h| self.hits[h].end >= e);
            if let Some(h) = covering {
                let inner_honorific = n >= 2
                    && self.kind_of(h) == EntryKind::Honorific
                    && !w.ends_with('.')
                    && text[e..].starts_with(' ')
                    && word_at(text, skip_spaces(text, e)).is_some_and(|(a, b)| {
                        capitalised(&text[a..b]) && self.hit_covering(a).is_none()
                    });
                if inner_honorific {
                    only_places = false;
                } else if !self.bare_place(h) || self.hits[h].start != s {
                    break;
                }
            } else {
                only_places = false;
            }
            n += 1;
            end = Some(e);
            p = e;
            if !text[p..].starts_with([' ', '\u{a0}']) {
                break;
            }
            p = skip_spaces(text, p);
        }
        let end = end?;
        if only_places {
            return None;
        }
        // "Tri Indonesia", "Astra Group": a company, not a person
        if let Some((ws, we)) = word_at(text, skip_spaces(text, end))
            && text[end..ws].chars().all(is_space)
            && ["Indonesia", "Tbk", "Group", "Grup", "Persero"].contains(&&text[ws..we])
        {
            return None;
        }
        // a lone initial is not a name
        let name = &text[start..end];
        if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return None;
        }
        Some((start, end))
    }

    /// Everything a title says after it: descriptive words ("Hubungan Industrial"), the body
    /// acted for (hit index) and where that ends. Returns (title end incl. descriptive words,
    /// affiliation hit, position after the affiliation).
    fn title_tail(&self, t: usize, limit: usize) -> (usize, Option<usize>, usize) {
        let text = self.text;
        let title_end = self.hits[t].end;
        let mut p = title_end;
        let mut words = 0;
        // end of the descriptive words that can never be a name ("Pemuda dan Olahraga")
        let mut field_end = title_end;
        let mut field_run = true;
        loop {
            let q = skip_spaces(text, p);
            if q >= limit {
                break;
            }
            if let Some(h) = self.hit_at(q) {
                let k = self.kind_of(h);
                if k == EntryKind::Topic && words < 6 {
                    p = self.hits[h].end;
                    words += 1;
                    if field_run {
                        field_end = p;
                    }
                    continue;
                }
                if k.is_actor() || k.is_place() {
                    // descriptive words end where the body starts
                    return (
                        if words > 0 { p } else { title_end },
                        Some(h),
                        self.hits[h].extent.max(self.hits[h].end),
                    );
                }
                break;
            }
            let Some((s, e)) = word_at(text, q) else {
                break;
            };
            let w = &text[s..e];
            let connector = w == "dan" || w == "&";
            if !(capitalised(w) || connector)
                || words >= 6
                || self.lex.not_a_name(w) && !connector && !self.lex.field.contains(w)
            {
                break;
            }
            if self.company_at(q).is_some() {
                break;
            }
            p = e;
            words += 1;
            let numbered = is_roman(w)
                && word_before(text, s).is_some_and(|(a, b)| self.lex.field.contains(&text[a..b]));
            if field_run && (self.lex.field.contains(w) || numbered) {
                field_end = p;
            } else if !connector {
                field_run = false;
            }
        }
        // no body follows: only the words that cannot be a name describe the title, the rest
        // is probably the name
        (field_end, None, field_end)
    }

    /// Title string as it should be reported: title + descriptive words, plus the organisation
    /// for union titles ("Presiden KSPI") and the office type for heads of office.
    fn title_text(&self, t: usize, title_end: usize, aff: Option<usize>) -> String {
        let mut end = title_end;
        if let Some(a) = aff {
            let k = self.kind_of(a);
            let tid = self.id_of(t);
            if k.is_union() || k == EntryKind::Party || k == EntryKind::Employer {
                end = self.hits[a].end;
            } else if matches!(k, EntryKind::OfficeType | EntryKind::Office)
                && (tid == "title/kepala"
                    || tid == "title/kepala-dinas"
                    || tid == "title/kepala-badan")
                && self.hits[a].start <= end + 1
            {
                // the office words without the region ("... Energi Provinsi DKI Jakarta")
                let surface = &self.text[self.hits[a].start..self.hits[a].end];
                let cut = [" Provinsi ", " Prov. ", " Kabupaten ", " Kab. ", " Kota "]
                    .iter()
                    .filter_map(|w| surface.find(w))
                    .min()
                    .unwrap_or(surface.len());
                end = self.hits[a].start + cut;
            }
        }
        collapse(&self.text[self.hits[t].start..end])
    }

    /// Proto of the body a person acts for: the affiliation hit's entity, or for a bare region
    /// after a title ("Gubernur Sumatera Selatan") that region's government.
    fn affiliation_proto(&mut self, a: usize) -> Option<usize> {
        if self.kind_of(a).is_place() {
            let code = self.g.entry_at(self.hits[a].entries[0]).region.clone()?;
            let gi = self.g.index_of(&format!("gov/{code}"))?;
            let p = self.proto_for_entry(gi, None)?;
            let span = (self.hits[a].start, self.hits[a].end);
            if !self.protos[p].mentions.contains(&span) {
                self.protos[p].mentions.push(span);
            }
            return Some(p);
        }
        self.hits[a].proto
    }

    #[allow(clippy::too_many_arguments)]
    fn add_person(
        &mut self,
        name: (usize, usize),
        title: Option<String>,
        title_id: Option<String>,
        honorific: Option<String>,
        affiliation: Option<usize>,
    ) {
        let text = self.text;
        if headline_like(text, name.0) {
            return;
        }
        let full = collapse(&text[name.0..name.1]);
        let key = format!("person|{}", full.to_lowercase());
        let pi = self.proto_for_key(key, || Proto::new(EntityKind::Person, full.clone()));
        let p = &mut self.protos[pi];
        p.mentions.push(name);
        if p.title.is_none() {
            p.title = title;
            p.title_id = title_id;
        }
        if p.honorific.is_none() {
            p.honorific = honorific;
        }
        if p.affiliation.is_none() {
            p.affiliation = affiliation;
        }
    }

    /// Step 4b: companies named by their legal form ("PT Cahaya Kimia Mandiri", "PT Gajah
    /// Tunggal Tbk") become employer entities: the form followed by 1-5 capitalised words.
    fn companies(&mut self) {
        let text = self.text;
        let mut pos = 0;
        for i in 0..self.words.len() {
            let (s, e) = self.words[i];
            if s < pos {
                continue; // inside the company just found
            }
            pos = e;
            if !self.lex.company_forms.contains(&text[s..e])
                || self.hit_covering(s).is_some()
                || headline_like(text, s)
            {
                continue;
            }
            let mut end = None;
            let mut p = e;
            for _ in 0..5 {
                if !text[p..].starts_with([' ', '\u{a0}']) {
                    break;
                }
                let q = skip_spaces(text, p);
                let Some((ws, we)) = word_at(text, q) else {
                    break;
                };
                let w = &text[ws..we];
                if !capitalised(w)
                    || self.lex.not_a_name(w) && !self.lex.company_name_words.contains(w)
                    || self.hit_at(ws).is_some_and(|h| !self.kind_of(h).is_place())
                {
                    break;
                }
                end = Some(we);
                p = we;
                if w == "Tbk" {
                    break;
                }
            }
            let Some(end) = end else {
                continue;
            };
            let name = collapse(&text[s..end]);
            let key = format!("employer|{}", name.to_lowercase());
            let pi = self.proto_for_key(key, || Proto::new(EntityKind::Employer, name.clone()));
            self.protos[pi].mentions.push((s, end));
            self.companies.push((s, end, pi));
            pos = end;
        }
    }

    /// The on-the-fly company starting at `pos`: (end, proto).
    fn company_at(&self, pos: usize) -> Option<(usize, usize)> {
        self.companies
            .iter()
            .find(|c| c.0 == pos)
            .map(|&(_, end, pi)| (end, pi))
    }

    /// Skips what may stand between a title's body and the name: a parenthesised acronym
    /// ("(Disnakerperinkop UKM)"), a region, a branch ("Cabang Manado", "Wilayah I"), more
    /// fields of a combined office (", Perindustrian, Koperasi dan UKM") and a company ("PT X").
    /// Returns the position after them and the company, if one was passed.
    fn skip_qualifiers(&self, mut p: usize) -> (usize, Option<usize>) {
        let text = self.text;
        let mut company = None;
        let mut prev_field = false;
        // still in the lower-case words right after a role ("kuasa hukum para pekerja")
        let mut role_run = true;
        for _ in 0..12 {
            let q = skip_spaces(text, p);
            if text[q..].starts_with('(') {
                let close = text[q..]
                    .char_indices()
                    .take(60)
                    .find(|&(_, c)| c == ')' || c == '\n')
                    .filter(|&(_, c)| c == ')');
                let inner = close.map(|(i, _)| &text[q + 1..q + i]);
                if let (Some((i, _)), Some(inner)) = (close, inner)
                    && inner.chars().next().is_some_and(char::is_uppercase)
                {
                    p = q + i + 1;
                    prev_field = false;
                    continue;
                }
                break;
            }
            if let Some((end, pi)) = self.company_at(q) {
                company = Some(pi);
                p = end;
                prev_field = false;
                continue;
            }
            if let Some(h) = self.hit_at(q) {
                if self.kind_of(h).is_place() {
                    p = self.hits[h].extent.max(self.hits[h].end);
                    prev_field = false;
                    continue;
                }
                break;
            }
            // ", Perindustrian, Koperasi dan UKM": a list of fields continues the office
            if text[q..].starts_with(',')
                && let Some((ws, we)) = word_at(text, skip_spaces(text, q + 1))
                && self.lex.field.contains(&text[ws..we])
                && !all_caps(&text[ws..we])
            {
                p = ws;
                continue;
            }
            let Some((ws, we)) = word_at(text, q) else {
                break;
            };
            let w = &text[ws..we];
            role_run &= self.lex.role_of.contains(w);
            let after_dan = (w == "dan" || w == "&")
                && word_at(text, skip_spaces(text, we)).is_some_and(|(a, b)| {
                    let n = &text[a..b];
                    self.lex.field.contains(n) || all_caps(n)
                });
            if self.lex.field.contains(w) && !all_caps(w)
                || self.lex.role_of.contains(w) && role_run
                || prev_field && is_roman(w)
                || after_dan
                || self.defined.contains(w)
                || prev_field && all_caps(w) && w.len() <= 5
            {
                prev_field = true;
            } else {
                break;
            }
            p = we;
        }
        (p, company)
    }

    /// A short relative clause between a title and the name it introduces ("Ketua DPD X yang
    /// baru dilantik, Nama"): "yang" and up to five lower-case words closed by a comma. Returns
    /// the position of that comma, or `p` unchanged when the words are not such a clause, so the
    /// clause is neither the name nor part of the title.
    fn skip_relative_clause(&self, p: usize) -> usize {
        let text = self.text;
        let Some((s, e)) = word_at(text, p) else {
            return p;
        };
        if s != p || &text[s..e] != "yang" {
            return p;
        }
        let mut q = e;
        for _ in 0..5 {
            let r = skip_spaces(text, q);
            if text[r..].starts_with(',') {
                return if r > e && text[e..r].contains(|c: char| c.is_alphabetic()) {
                    r
                } else {
                    p
                };
            }
            let Some((ws, we)) = word_at(text, r) else {
                return p;
            };
            if ws != r || !text[ws..we].chars().all(|c| c.is_lowercase() || c == '-') {
                return p;
            }
            q = we;
        }
        let r = skip_spaces(text, q);
        if text[r..].starts_with(',') { r } else { p }
    }

    /// Start of a title including the words that qualify it ("Penjabat (Pj) Bupati").
    fn title_start(&self, t: usize) -> usize {
        let s = self.hits[t].start;
        let pre = text_trim_end(&self.text[..s]);
        for form in self.lex.title_prefix.words() {
            if let Some(head) = pre.strip_suffix(form)
                && !head.chars().next_back().is_some_and(char::is_alphanumeric)
                && pre.len() < s
            {
                return head.len();
            }
        }
        s
    }

    fn people(&mut self) {
        let text = self.text;
        let mut used_hon: Vec<usize> = Vec::new();
        // A: title first — "Wakil Bupati Bekasi, dr. Asep Surya Atmaja", "Presiden KSPI Said Iqbal"
        // B: name first — "Marihot Sianipar, Kepala Seksi ... Disnakertrans Sumsel"
        for t in 0..self.hits.len() {
            if self.kind_of(t) != EntryKind::Title || self.hits[t].absorbed {
                continue;
            }
            let tid = self.id_of(t).to_string();
            if let Some((ws, we)) = word_before(text, self.hits[t].start)
                && self.lex.title_as_thing.contains(&text[ws..we])
            {
                continue;
            }
            let (title_end, aff, after) = self.title_tail(t, text.len());
            let implied = self
                .g
                .entry_at(self.hits[t].entries[0])
                .parent
                .clone()
                .and_then(|pid| self.g.index_of(&pid));
            let mut title = self.title_text(t, title_end, aff);
            let (after, company) = self.skip_qualifiers(after);
            let mut p = self.skip_relative_clause(skip_spaces(text, after));
            let comma = text[p..].starts_with(',');
            if comma {
                p += 1;
            }
            let (hon, hp) = self.honorifics(p);
            if let Some(h) = self.hit_at(skip_spaces(text, p))
                && self.kind_of(h) == EntryKind::Honorific
            {
                used_hon.push(h);
            }
            let name = self.name_at(hp);
            // B: name before the title
            let before_name = if name.is_none() {
                let s = self.hits[t].start;
                let pre = text[..s].trim_end_matches(is_space);
                if pre.ends_with(',') {
                    self.name_before(pre.len() - 1)
                } else {
                    None
                }
            } else {
                None
            };
            let after_title = name.is_some();
            let Some(name) = name.or(before_name) else {
                continue;
            };
            if headline_like(text, name.0) {
                continue;
            }
            // the title as written, with its body, region and branch ("Ketua DPC KSPSI Kota
            // Makassar"), up to the name or the end of the apposition
            let written = &text[self.title_start(t)..after];
            let written = [" versi ", " kubu ", " pimpinan "]
                .iter()
                .filter_map(|f| written.find(f))
                .min()
                .map_or(written, |cut| &written[..cut]);
            let written = written.trim_end_matches(|c: char| c == ',' || is_space(c));
            if (!after_title || written.len() >= title.len()) && !written.contains('\n') {
                title = collapse(written);
            }
            let aff_proto = match aff {
                Some(a) => self.affiliation_proto(a),
                None => company.or_else(|| implied.and_then(|i| self.proto_for_entry(i, None))),
            };
            self.add_person(name, Some(title), Some(tid), hon, aff_proto);
        }
        // C: honorific + name, optional "(title / body)" — "Ibu Eky (Kabid ... Disnaker Provinsi)"
        for h in 0..self.hits.len() {
            if self.kind_of(h) != EntryKind::Honorific
                || used_hon.contains(&h)
                || self.hits[h].absorbed
            {
                continue;
            }
            // only the first of a run of honorifics starts a pattern
            if h > 0
                && self.kind_of(h - 1) == EntryKind::Honorific
                && skip_spaces(text, self.hits[h - 1].end) == self.hits[h].start
            {
                continue;
            }
            // a degree after a name ("Hendra Siregar, S.H. Turut hadir ...") starts nothing;
            // degrees have two or more dots, unlike "H." or "Dr." before a name
            let surface = &text[self.hits[h].start..self.hits[h].end];
            if surface.matches('.').count() >= 2
                && text[..self.hits[h].start]
                    .trim_end_matches(is_space)
                    .ends_with(',')
            {
                continue;
            }
            let (hon, hp) = self.honorifics(self.hits[h].start);
            let Some(name) = self.name_at(hp) else {
                continue;
            };
            if headline_like(text, name.0) {
                continue;
            }
            let mut title = None;
            let mut title_id = None;
            let mut aff = None;
            let p = skip_spaces(text, name.1);
            if text[p..].starts_with('(')
                && let Some(close) = text[p..].find(')').map(|c| p + c)
            {
                let q = skip_spaces(text, p + 1);
                if let Some(x) = self.hit_at(q) {
                    let k = self.kind_of(x);
                    if k == EntryKind::Title {
                        let (te, a, _) = self.title_tail(x, close);
                        title = Some(self.title_text(x, te, a));
                        title_id = Some(self.id_of(x).to_string());
                        aff = a.and_then(|a| self.affiliation_proto(a));
                    } else if k.is_actor() || k.is_place() {
                        aff = self.affiliation_proto(x);
                    }
                }
            }
            self.add_person(name, title, title_id, hon, aff);
        }
        // E: a name set off by commas right after the body it speaks for, then a verb —
        // "narasumber dari Disnakertrans Sulsel, Rosmiati Baso, menjelaskan ..."
        for h in 0..self.hits.len() {
            if self.hits[h].absorbed || !self.kind_of(h).is_actor() {
                continue;
            }
            let end = self.hits[h].extent.max(self.hits[h].end);
            let p = skip_spaces(text, end);
            if !text[p..].starts_with(',') {
                continue;
            }
            let Some((ns, ne)) = self.name_at(p + 1) else {
                continue;
            };
            if text[ns..ne].split_whitespace().count() < 2 || !text[ne..].starts_with(',') {
                continue;
            }
            let verb = word_at(text, skip_spaces(text, ne + 1)).map(|(a, b)| &text[a..b]);
            if !verb.is_some_and(|v| v.len() > 4 && v.starts_with("me")) {
                continue;
            }
            let aff = self.hits[h].proto;
            self.add_person((ns, ne), None, None, None, aff);
        }
        // D: after a speech verb, a two-word name ("kata Haiyani Rumondang")
        for i in 0..self.words.len() {
            let (s, e) = self.words[i];
            // speech verbs are short ASCII words: test without allocating where possible
            let word = &text[s..e];
            let is_speech = self.lex.speech.contains(word);
            if !is_speech {
                continue;
            }
            let (hon, hp) = self.honorifics(e);
            if let Some((ns, ne)) = self.name_at(hp)
                && (hon.is_some() || text[ns..ne].split_whitespace().count() >= 2)
                && self.hit_covering(ns).is_none()
            {
                self.add_person((ns, ne), None, None, hon, None);
            }
        }
        self.merge_people();
    }

    /// The name ending at `end` (exclusive), scanning backwards over capitalised words; the
    /// word before it must not be capitalised (so a sentence's subject is not taken whole).
    fn name_before(&self, end: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut words = Vec::new();
        let mut p = end;
        while words.len() < 4 {
            let Some((s, e)) = word_before(text, p) else {
                break;
            };
            let w = &text[s..e];
            if e != p || !capitalised(w) || self.lex.not_a_name(w) || all_caps(w) {
                break;
            }
            if self.hit_covering(s).is_some() {
                break;
            }
            words.push((s, e));
            p = s;
            if !text[..p].ends_with(' ') {
                break;
            }
            p -= 1;
        }
        let first = words.last()?.0;
        let last = words.first()?.1;
        Some((first, last)).filter(|(s, e)| self.name_at(*s).is_some_and(|n| n.1 >= *e))
    }

    fn merge_people(&mut self) {
        let people: Vec<usize> = (0..self.protos.len())
            .filter(|&i| self.protos[i].kind == EntityKind::Person)
            .collect();
        // merge a one-word name into a longer name containing it, or into the person holding
        // the same specific title ("Wagub Ariza" = "Wakil Gubernur Ahmad Riza Patria")
        for &i in &people {
            let toks: Vec<String> = self.protos[i]
                .name
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            if toks.len() != 1 {
                continue;
            }
            let target = people.iter().copied().find(|&j| {
                j != i
                    && !self.protos[j].dead
                    && self.protos[j].name.split_whitespace().count() > 1
                    && self.protos[j]
                        .name
                        .split_whitespace()
                        .any(|t| t.to_lowercase() == toks[0])
            });
            let target = target.or_else(|| {
                let tid = self.protos[i].title_id.as_deref()?;
                if [
                    "title/kepala",
                    "title/ketua",
                    "title/wakil-ketua",
                    "title/sekretaris",
                    "title/pengurus",
                    "title/presiden",
                    "title/koordinator",
                ]
                .contains(&tid)
                {
                    return None;
                }
                people.iter().copied().find(|&j| {
                    j != i
                        && !self.protos[j].dead
                        && self.protos[j].title_id.as_deref() == Some(tid)
                        && self.protos[j].name.split_whitespace().count() > 1
                })
            });
            if let Some(j) = target {
                let src = std::mem::take(&mut self.protos[i].mentions);
                self.protos[i].dead = true;
                let (t, tid, h, a) = (
                    self.protos[i].title.clone(),
                    self.protos[i].title_id.clone(),
                    self.protos[i].honorific.clone(),
                    self.protos[i].affiliation,
                );
                let pj = &mut self.protos[j];
                pj.mentions.extend(src);
                if pj.title.is_none() {
                    pj.title = t;
                    pj.title_id = tid;
                }
                if pj.honorific.is_none() {
                    pj.honorific = h;
                }
                if pj.affiliation.is_none() {
                    pj.affiliation = a;
                }
            }
        }
        // later short mentions: full name, first or last word, written alone elsewhere
        let live: Vec<usize> = people
            .into_iter()
            .filter(|&i| !self.protos[i].dead)
            .collect();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for &i in &live {
            for t in self.protos[i].name.split_whitespace() {
                *counts.entry(t.to_string()).or_default() += 1;
            }
        }
        for &i in &live {
            let name = self.protos[i].name.clone();
            let toks: Vec<&str> = name.split_whitespace().collect();
            let mut forms: Vec<String> = vec![name.clone()];
            if toks.len() > 1 {
                for t in [toks[0], toks[toks.len() - 1]] {
                    if t.chars().count() >= 3 && counts.get(t) == Some(&1) && !t.ends_with('.') {
                        forms.push(t.to_string());
                    }
                }
            }
            let mut found = Vec::new();
            for f in &forms {
                if f.is_empty() {
                    continue;
                }
                // memmem (vectorised) rather than str::find: this runs once per person and
                // form over the whole article, and was a tenth of recognise(); occurrences are
                // the same (non-overlapping, left to right)
                for s in memchr::memmem::find_iter(self.text.as_bytes(), f.as_bytes()) {
                    let e = s + f.len();
                    let bounded = !self.text[..s].chars().next_back().is_some_and(is_word_char)
                        && !self.text[e..].chars().next().is_some_and(is_word_char);
                    if !bounded || self.hit_covering(s).is_some() {
                        continue;
                    }
                    // not the start of a longer capitalised name ("Asep" in "Asep Lain")
                    if f != &name
                        && let Some((ws, we)) = word_at(self.text, skip_spaces(self.text, e))
                        && skip_spaces(self.text, e) == e + 1
                        && capitalised(&self.text[ws..we])
                        && !self.lex.not_a_name(&self.text[ws..we])
                    {
                        continue;
                    }
                    found.push((s, e));
                }
            }
            let p = &mut self.protos[i];
            for sp in found {
                if !p.mentions.iter().any(|m| m.0 < sp.1 && sp.0 < m.1) {
                    p.mentions.push(sp);
                }
            }
        }
    }

    // -- output --------------------------------------------------------------------------------

    fn finish(mut self) -> Vec<Entity> {
        let mut order: Vec<usize> = (0..self.protos.len())
            .filter(|&i| !self.protos[i].dead && !self.protos[i].mentions.is_empty())
            .collect();
        for p in &mut self.protos {
            p.mentions.sort_unstable();
            p.mentions.dedup();
        }
        order.sort_by_key(|&i| self.protos[i].mentions[0]);
        let mut index = vec![None; self.protos.len()];
        for (k, &i) in order.iter().enumerate() {
            index[i] = Some(k);
        }
        let text = self.text;
        order
            .iter()
            .map(|&i| {
                let p = &self.protos[i];
                Entity {
                    kind: p.kind,
                    id: p.id.clone(),
                    name: p.name.clone(),
                    acronym: p.acronym.clone(),
                    parent: p.parent.clone(),
                    region: p.region.as_deref().and_then(|c| self.g.region(c)),
                    unit: p.unit.clone(),
                    faction: p.faction.clone(),
                    title: p.title.clone(),
                    honorific: p.honorific.clone(),
                    affiliation: p.affiliation.and_then(|a| index[a]),
                    mentions: p
                        .mentions
                        .iter()
                        .map(|&(s, e)| Span {
                            start: s,
                            end: e,
                            text: text[s..e].to_string(),
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

/// True when the line containing `pos` is written in Title Case (a headline or link list):
/// there every word is capitalised, so capitalisation says nothing about names.
fn headline_like(text: &str, pos: usize) -> bool {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let words: Vec<&str> = text[start..end]
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let caps = words.iter().filter(|w| capitalised(w)).count();
    (6..=25).contains(&words.len()) && caps * 10 >= words.len() * 7
}

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
        province: None,
        regency: None,
    };
    ctx.resolve_places();
    ctx.decide_region();
    ctx.acronyms();
    ctx.sub_units();
    ctx.organisations();
    ctx.companies();
    ctx.people();
    ctx.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn g() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::bundled().expect("bundled gazetteer"))
    }

    fn by_id<'a>(es: &'a [Entity], id: &str) -> Vec<&'a Entity> {
        es.iter().filter(|e| e.id.as_deref() == Some(id)).collect()
    }

    fn person<'a>(es: &'a [Entity], name: &str) -> &'a Entity {
        es.iter()
            .find(|e| e.kind == EntityKind::Person && e.name == name)
            .unwrap_or_else(|| panic!("no person {name}: {es:#?}"))
    }

    fn check_spans(text: &str, es: &[Entity]) {
        for e in es {
            assert!(!e.mentions.is_empty());
            for m in &e.mentions {
                assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
            }
        }
    }

    #[test]
    fn union_leader_and_deputy_mayor() {
        let t = "Ketua DPW FSPMI Jawa Barat, Bapak Rudi Hartono, memimpin rombongan buruh yang \
                 diterima Wakil Wali Kota Bandung, Ir. H. Budi Santoso, di Balai Kota. Budi berjanji \
                 meneruskan usulan kenaikan upah kepada Disnaker Kota Bandung. \"Kami mendengar \
                 aspirasi pekerja,\" ujar Budi.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let f = by_id(&es, "org/fspmi");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].unit.as_deref(), Some("DPW"));
        assert_eq!(f[0].region.as_ref().map(|r| r.code.as_str()), Some("32"));
        assert_eq!(f[0].parent.as_deref(), Some("org/kspi"));
        let rudi = person(&es, "Rudi Hartono");
        assert_eq!(rudi.title.as_deref(), Some("Ketua DPW FSPMI Jawa Barat"));
        assert_eq!(rudi.honorific.as_deref(), Some("Bapak"));
        assert_eq!(
            es[rudi.affiliation.unwrap()].id.as_deref(),
            Some("org/fspmi")
        );
        let budi = person(&es, "Budi Santoso");
        assert_eq!(budi.title.as_deref(), Some("Wakil Wali Kota Bandung"));
        assert_eq!(budi.honorific.as_deref(), Some("Ir. H."));
        assert_eq!(
            es[budi.affiliation.unwrap()].id.as_deref(),
            Some("gov/32.73")
        );
        assert_eq!(budi.mentions.len(), 3, "{:?}", budi.mentions);
        assert_eq!(by_id(&es, "gov/32.73/disnaker").len(), 1);
        assert!(es.iter().all(|e| e.name != "Balai Kota"));
    }

    #[test]
    fn factions_and_inherited_offices() {
        let t = "Pemkot Bekasi menggelar dialog dengan KSPSI versi Andi Gani dan KSPSI Kota Bekasi \
                 versi Jumhur Hidayat. Kepala Disnaker, Siti Rahmawati, hadir bersama perwakilan \
                 Kesbangpol.";
        let es = g().recognise(t);
        check_spans(t, &es);
        assert_eq!(by_id(&es, "org/kspsi-agn").len(), 1);
        let k = by_id(&es, "org/kspsi");
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].faction.as_deref(), Some("versi Jumhur Hidayat"));
        assert_eq!(k[0].region.as_ref().map(|r| r.code.as_str()), Some("32.75"));
        let siti = person(&es, "Siti Rahmawati");
        assert_eq!(siti.title.as_deref(), Some("Kepala Disnaker"));
        assert_eq!(
            es[siti.affiliation.unwrap()].id.as_deref(),
            Some("gov/32.75/disnaker")
        );
        assert_eq!(by_id(&es, "gov/32.75/kesbangpol").len(), 1);
        // no person is made of the faction leaders
        assert!(es.iter().all(|e| e.name != "Jumhur Hidayat"));
    }

    #[test]
    fn acronym_definition_speech_verb_and_title_without_name() {
        let t = "Serikat Pekerja Kuliner Nusantara (SPKN) menggelar aksi di depan kantor Bupati. \
                 Pak Bupati belum menemui massa. \"Kami menuntut pesangon dibayar,\" kata Andi \
                 Wijaya Kusuma. SPKN juga menolak PHK sepihak.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let u = es
            .iter()
            .find(|e| e.acronym.as_deref() == Some("SPKN"))
            .expect("acronym entity");
        assert_eq!(u.kind, EntityKind::Union);
        assert_eq!(u.id, None);
        assert_eq!(u.name, "Serikat Pekerja Kuliner Nusantara");
        assert_eq!(u.mentions.len(), 3);
        let people: Vec<&str> = es
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(people, vec!["Andi Wijaya Kusuma"]);
        assert_eq!(by_id(&es, "topic/layoffs").len(), 1);
    }

    #[test]
    fn provincial_office_from_context() {
        let t = "Pemerintah Provinsi Jawa Tengah melalui Disnakertrans Provinsi menggelar \
                 pelatihan. Kabid Pengawasan Ketenagakerjaan Disnakertrans Provinsi, Ibu Sri \
                 Lestari, membuka acara. Sri Lestari berharap peserta aktif.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let d = by_id(&es, "gov/33/disnaker");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].mentions.len(), 2);
        assert_eq!(d[0].parent.as_deref(), Some("gov/33"));
        let sri = person(&es, "Sri Lestari");
        assert_eq!(
            sri.title.as_deref(),
            Some("Kabid Pengawasan Ketenagakerjaan Disnakertrans Provinsi")
        );
        assert_eq!(sri.honorific.as_deref(), Some("Ibu"));
        assert_eq!(
            es[sri.affiliation.unwrap()].id.as_deref(),
            Some("gov/33/disnaker")
        );
        assert_eq!(sri.mentions.len(), 2);
    }

    #[test]
    fn federation_with_confederation() {
        let t = "DPD FSP KEP KSPI Provinsi Riau bertemu pengurus Konfederasi Serikat Pekerja \
                 Indonesia (KSPI) di Pekanbaru.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let f = by_id(&es, "org/fsp-kep-kspi");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].unit.as_deref(), Some("DPD"));
        assert_eq!(f[0].region.as_ref().map(|r| r.code.as_str()), Some("14"));
        assert_eq!(f[0].parent.as_deref(), Some("org/kspi"));
        let k = by_id(&es, "org/kspi");
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].mentions.len(), 2);
        assert_eq!(by_id(&es, "place/14.71").len(), 1); // Kota Pekanbaru
    }

    #[test]
    fn case_rules_and_boundaries() {
        // lower-case "batu" is a stone, "kspi" inside a word is nothing, "Phi" is not the court
        let t = "Mereka membawa batu ke Fspkep.id dan kspi-nya; Phi bukan PHI.";
        let es = g().recognise(t);
        check_spans(t, &es);
        assert!(by_id(&es, "place/35.79").is_empty());
        assert!(by_id(&es, "org/kspi").is_empty());
        assert_eq!(by_id(&es, "gov/phi")[0].mentions.len(), 1);
    }

    #[test]
    fn ambiguous_regency_or_city() {
        let t = "Bupati Bekasi meninjau pabrik. Warga Bekasi menyambutnya.";
        let es = g().recognise(t);
        assert_eq!(by_id(&es, "place/32.16").len(), 1);
        assert!(by_id(&es, "place/32.75").is_empty());
        let t = "Pemkot Bekasi dan Disnaker Bekasi bertemu di Bekasi.";
        let es = g().recognise(t);
        assert_eq!(by_id(&es, "gov/32.75/disnaker").len(), 1);
        assert!(by_id(&es, "place/32.16").is_empty());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "",
            " ",
            "(",
            "()",
            "(A)",
            "Ibu",
            "Bapak (",
            "kata",
            "Ketua,",
            "ǅ (ǅǅ) ﬁ",
            "\u{0301}KSPI",
        ] {
            let es = g().recognise(t);
            check_spans(t, &es);
        }
    }

    #[test]
    fn commission_with_numeral_and_degree_after_name() {
        let t = "Rapat dipimpin Ketua Komisi II, Budi Santoso, S.H. Turut hadir para anggota dewan. \
                 Pertemuan itu berlangsung cukup lama karena banyak hal yang perlu dibahas oleh semua pihak yang hadir di sana, dan para peserta tampak tekun mendengarkan penjelasan yang disampaikan satu per satu sampai selesai.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let p = person(&es, "Budi Santoso");
        assert_eq!(p.title.as_deref(), Some("Ketua Komisi II"));
        assert!(
            !es.iter()
                .any(|e| e.kind == EntityKind::Person && e.name == "Turut")
        );
    }

    #[test]
    fn title_with_branch_org_and_region_before_name() {
        let t = "Aksi dipimpin Ketua Konsulat Cabang Federasi Serikat Pekerja Metal Indonesia \
                 (FSPMI) Bekasi, Wawan Kurniawan, di depan pabrik. \
                 Pertemuan itu berlangsung cukup lama karena banyak hal yang perlu dibahas oleh semua pihak yang hadir di sana, dan para peserta tampak tekun mendengarkan penjelasan yang disampaikan satu per satu sampai selesai.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let p = person(&es, "Wawan Kurniawan");
        let title = p.title.as_deref().unwrap_or("");
        assert!(title.starts_with("Ketua Konsulat Cabang"), "{title}");
        assert!(title.ends_with("Bekasi"), "{title}");
    }

    #[test]
    fn companies_on_the_fly_and_their_officers() {
        let t = "Direktur Operasional PT Maju Karya Abadi, Hendro Gunawan, menemui Ketua PUK \
                 FSP LEM SPSI PT Maju Karya Abadi, Sutrisno Hadi. Pekerja CV Karya Rejeki ikut. \
                 Pertemuan itu berlangsung cukup lama karena banyak hal yang perlu dibahas oleh semua pihak yang hadir di sana, dan para peserta tampak tekun mendengarkan penjelasan yang disampaikan satu per satu sampai selesai.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let pt: Vec<_> = es
            .iter()
            .filter(|e| e.kind == EntityKind::Employer && e.name == "PT Maju Karya Abadi")
            .collect();
        assert_eq!(pt.len(), 1, "{es:#?}");
        assert_eq!(pt[0].mentions.len(), 2);
        assert!(
            es.iter()
                .any(|e| e.kind == EntityKind::Employer && e.name == "CV Karya Rejeki")
        );
        let dir = person(&es, "Hendro Gunawan");
        assert_eq!(
            dir.title.as_deref(),
            Some("Direktur Operasional PT Maju Karya Abadi")
        );
        assert!(
            dir.affiliation
                .is_some_and(|a| es[a].name == "PT Maju Karya Abadi")
        );
        let puk = person(&es, "Sutrisno Hadi");
        assert!(puk.title.as_deref().unwrap_or("").starts_with("Ketua PUK"));
    }

    #[test]
    fn acting_heads_branches_and_lower_case_roles() {
        let t = "Acara dibuka Penjabat (Pj) Bupati Blora Drs. Agus Salim, M.Si. Kepala BPJS \
                 Ketenagakerjaan Cabang Blora, Rahmat Hidayat, juga hadir. Menurut mediator \
                 hubungan industrial Disnaker Blora, Siti Aminah, kasus itu sudah dimediasi. \
                 Sementara kuasa hukum perusahaan, Daniel Sitorus, menolak berkomentar. \
                 Pertemuan itu berlangsung cukup lama karena banyak hal yang perlu dibahas oleh semua pihak yang hadir di sana, dan para peserta tampak tekun mendengarkan penjelasan yang disampaikan satu per satu sampai selesai.";
        let es = g().recognise(t);
        check_spans(t, &es);
        assert_eq!(
            person(&es, "Agus Salim").title.as_deref(),
            Some("Penjabat (Pj) Bupati Blora")
        );
        assert_eq!(
            person(&es, "Rahmat Hidayat").title.as_deref(),
            Some("Kepala BPJS Ketenagakerjaan Cabang Blora")
        );
        assert!(
            person(&es, "Siti Aminah")
                .title
                .as_deref()
                .unwrap_or("")
                .starts_with("mediator")
        );
    }

    #[test]
    fn names_with_apostrophe_and_inner_address() {
        let t = "Perda itu diteken Bupati Gresik H. Ma'ruf Hasan. Ketua DPC KSPSI Kota Makassar, \
                 Andi Baso Daeng Naba, menyambutnya. Bendahara DPC, Rina Wulandari, mencatat. \
                 Pertemuan itu berlangsung cukup lama karena banyak hal yang perlu dibahas oleh semua pihak yang hadir di sana, dan para peserta tampak tekun mendengarkan penjelasan yang disampaikan satu per satu sampai selesai.";
        let es = g().recognise(t);
        check_spans(t, &es);
        assert_eq!(
            person(&es, "Ma'ruf Hasan").title.as_deref(),
            Some("Bupati Gresik")
        );
        person(&es, "Andi Baso Daeng Naba");
        assert_eq!(
            person(&es, "Rina Wulandari").title.as_deref(),
            Some("Bendahara DPC")
        );
    }

    #[test]
    fn merged_offices_and_their_acronyms() {
        let t = "Nota kesepahaman diteken Kepala Disnaker ESDM Bali Made Suarta bersama pengurus \
                 serikat pekerja hotel di kantor dinas pada pagi hari. Menurut Made, Disnaker akan \
                 memantau pelaksanaannya setiap tiga bulan sekali bersama para pengusaha yang ikut.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let merged: Vec<_> = es
            .iter()
            .filter(|e| e.kind == EntityKind::Government && e.name == "Disnaker ESDM Bali")
            .collect();
        assert_eq!(merged.len(), 1, "{es:#?}");
        assert_eq!(
            merged[0].mentions.len(),
            2,
            "bare Disnaker joins the merged office"
        );
        assert!(by_id(&es, "gov/51/esdm").is_empty() && by_id(&es, "gov/51/disnaker").is_empty());
        assert_eq!(
            person(&es, "Made Suarta").title.as_deref(),
            Some("Kepala Disnaker ESDM Bali")
        );

        let t = "Hadir pula Kepala Dinas Tenaga Kerja, Perindustrian, Koperasi dan UKM \
                 (Disnakerperinkop UKM) Kabupaten Kudus Dewi Lestari bersama pengurus serikat \
                 pekerja rokok yang datang dari berbagai pabrik di wilayah itu sejak pagi hari.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let office = &by_id(&es, "gov/33.19/disnaker")[0];
        assert_eq!(office.acronym.as_deref(), Some("Disnakerperinkop UKM"));
        assert!(
            person(&es, "Dewi Lestari")
                .title
                .as_deref()
                .unwrap_or("")
                .ends_with("(Disnakerperinkop UKM) Kabupaten Kudus")
        );
        assert!(
            !es.iter()
                .any(|e| e.kind == EntityKind::Person && e.name == "Perindustrian")
        );
    }

    #[test]
    fn commission_of_a_regional_parliament_and_office_with_daerah() {
        let t = "Audiensi diterima Komisi IV DPRD Kota Batam di ruang rapat dewan pada siang hari \
                 itu. Kepala Dinas Tenaga Kerja dan Transmigrasi Daerah Provinsi Sulawesi Utara, \
                 Dr. Marlina Pandelaki, S.H., ikut memberikan penjelasan kepada para peserta rapat.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let dprd = &by_id(&es, "gov/21.71/dprd")[0];
        assert_eq!(dprd.unit.as_deref(), Some("Komisi IV"));
        assert_eq!(dprd.mentions[0].text, "Komisi IV DPRD Kota Batam");
        let dinas = &by_id(&es, "gov/71/disnaker")[0];
        assert!(
            dinas.mentions[0]
                .text
                .ends_with("Daerah Provinsi Sulawesi Utara")
        );
        assert!(
            person(&es, "Marlina Pandelaki")
                .title
                .as_deref()
                .unwrap_or("")
                .starts_with("Kepala Dinas")
        );
    }

    #[test]
    fn secretariat_bureaus_generated_and_on_the_fly() {
        let t = "Audiensi diterima Biro Perekonomian Setda Provinsi Sumatera Selatan di Palembang. \
                 Biro Kesra Setdaprov Sumsel ikut hadir, begitu pula Bagian Kesra Setda Kabupaten \
                 Kudus dan Biro Kepegawaian dan Diklat Setda Provinsi Riau.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let b = &by_id(&es, "gov/16/biro-perekonomian")[0];
        assert_eq!(b.parent.as_deref(), Some("gov/16/setda"));
        assert_eq!(b.region.as_ref().map(|r| r.code.as_str()), Some("16"));
        assert_eq!(by_id(&es, "gov/16/biro-kesra").len(), 1);
        assert_eq!(
            by_id(&es, "gov/33.19/bagian-kesra")[0].parent.as_deref(),
            Some("gov/33.19/setda")
        );
        // not generated: a sub-unit of the Riau secretariat, named as written
        let u = es
            .iter()
            .find(|e| e.name == "Biro Kepegawaian dan Diklat Setda Provinsi Riau")
            .unwrap_or_else(|| panic!("{es:#?}"));
        assert_eq!(u.kind, EntityKind::Government);
        assert_eq!(u.id, None);
        assert_eq!(u.parent.as_deref(), Some("gov/14/setda"));
        assert!(by_id(&es, "gov/14/setda").is_empty(), "{es:#?}");
    }

    #[test]
    fn name_in_apposition_after_the_body() {
        let t = "Materi pengawasan disampaikan narasumber dari Dinas Tenaga Kerja dan Transmigrasi \
                 Provinsi Jawa Tengah, Wulan Anggraeni, menjelaskan cara melapor pelanggaran upah \
                 kepada para peserta pelatihan yang datang dari berbagai pabrik di daerah itu.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let p = person(&es, "Wulan Anggraeni");
        assert!(
            p.affiliation
                .is_some_and(|a| es[a].id.as_deref() == Some("gov/33/disnaker"))
        );
        // a list of bodies is not a name
        let t = "Pertemuan itu dihadiri Disnaker Kota Semarang, Apindo Kota Semarang, serta para \
                 pengurus serikat pekerja yang menyampaikan berbagai keluhan dari para anggotanya.";
        let es = g().recognise(t);
        assert!(!es.iter().any(|e| e.kind == EntityKind::Person), "{es:#?}");
    }

    #[test]
    fn company_job_title_with_department() {
        let t = "Dalam perundingan yang berlangsung alot itu, pihak perusahaan diwakili oleh \
                 Direktur Produksi, Wahyu Prasetyo, bersama dua orang staf.\n\
                 Pada hari kedua, giliran Kepala Bagian Personalia PT Mega Tekstil Abadi, Dewi \
                 Lestari, yang datang ke ruang rapat.\n\
                 Sementara itu Manager HRD, Gilang Saputra, membacakan tawaran yang sudah \
                 disiapkan sejak pekan lalu.";
        let es = g().recognise(t);
        check_spans(t, &es);
        assert_eq!(
            person(&es, "Wahyu Prasetyo").title.as_deref(),
            Some("Direktur Produksi")
        );
        assert_eq!(
            person(&es, "Gilang Saputra").title.as_deref(),
            Some("Manager HRD")
        );
        assert!(
            person(&es, "Dewi Lestari")
                .title
                .as_deref()
                .is_some_and(|t| t.starts_with("Kepala Bagian Personalia"))
        );
        for bad in ["Produksi", "Personalia", "HRD"] {
            assert!(
                !es.iter()
                    .any(|e| e.kind == EntityKind::Person && e.name == bad),
                "{es:#?}"
            );
        }
    }

    #[test]
    fn relative_clause_between_title_and_name() {
        let t = "Acara dibuka Ketua DPD KSPSI Provinsi Bengkulu yang baru terpilih, Sutrisno \
                 Hadi, di aula serikat.";
        let es = g().recognise(t);
        check_spans(t, &es);
        let p = person(&es, "Sutrisno Hadi");
        let title = p.title.as_deref().unwrap_or_default();
        assert!(title.starts_with("Ketua DPD KSPSI"), "{title}");
        assert!(!title.contains("yang"), "{title}");
    }

    #[test]
    fn national_body_with_a_region_is_that_regions_body() {
        let t = "Sidang Dewan Pengupahan Provinsi Jawa Tengah membahas usulan serikat. Sehari \
                 kemudian Dewan Pengupahan Kota Semarang bersidang. Ketua Dewan Pengupahan \
                 Provinsi memimpin rapat lanjutan.";
        let es = g().recognise(t);
        check_spans(t, &es);
        assert!(by_id(&es, "gov/depenas").is_empty(), "{es:#?}");
        let prov = es
            .iter()
            .find(|e| e.name == "Dewan Pengupahan Provinsi Jawa Tengah")
            .unwrap_or_else(|| panic!("{es:#?}"));
        assert_eq!(prov.region.as_ref().map(|r| r.code.as_str()), Some("33"));
        assert_eq!(prov.parent.as_deref(), Some("gov/33"));
        assert_eq!(prov.mentions.len(), 2, "{prov:#?}");
        let city = es
            .iter()
            .find(|e| e.name == "Dewan Pengupahan Kota Semarang")
            .unwrap_or_else(|| panic!("{es:#?}"));
        assert_eq!(city.region.as_ref().map(|r| r.code.as_str()), Some("33.74"));
        // without a level word it stays the national council
        let es = g().recognise("Dewan Pengupahan Nasional menggelar rapat pleno di Jakarta.");
        assert_eq!(by_id(&es, "gov/depenas").len(), 1, "{es:#?}");
    }

    #[test]
    fn province_named_plainly_after_an_office_word() {
        let t = "Rapat digelar di Biro Perekonomian Setda Aceh bersama Disnakermobduk Aceh dan \
                 Disnakertrans Kabupaten Sambas.";
        let es = g().recognise(t);
        check_spans(t, &es);
        assert_eq!(by_id(&es, "gov/11/biro-perekonomian").len(), 1, "{es:#?}");
        assert_eq!(by_id(&es, "gov/11/disnaker").len(), 1, "{es:#?}");
        assert_eq!(by_id(&es, "gov/61.01/disnaker").len(), 1, "{es:#?}");
    }

    #[test]
    fn bureau_before_a_written_out_secretariat() {
        let t = "Kemarin, Biro Hukum Sekretariat Daerah (Setda) Aceh menerima perwakilan serikat \
                 pekerja untuk membahas rancangan qanun.";
        let es = g().recognise(t);
        check_spans(t, &es);
        assert_eq!(by_id(&es, "gov/11/biro-hukum").len(), 1, "{es:#?}");
        assert!(by_id(&es, "gov/11/setda").is_empty(), "{es:#?}");
    }
}
