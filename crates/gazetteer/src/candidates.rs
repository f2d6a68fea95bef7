//! The curation loop: organisations, acronyms and officials' titles that appear in the archive
//! but not in the gazetteer, counted over documents and shown with example sentences, so a
//! maintainer can see what to add next (`warta gazetteer candidates`).
//!
//! Three signals, all cheap and all checked against the gazetteer's own matches so nothing it
//! already recognises at that span is proposed:
//! - **organisations**: a capitalised phrase headed by an organisation word ("Serikat Buruh",
//!   "Federasi", "Dinas", "Biro", "Forum", "Koperasi" …), extended over capitalised words,
//!   connectors and known places ("Dinas Pariwisata Kota Palembang");
//! - **acronym definitions** "Long Name (ABC)" whose long form and acronym are both unknown
//!   (when the long form is also an organisation phrase the two are one candidate);
//! - **officials**: an unknown title ("Kasatgas Ketenagakerjaan", "Kabag Humas") set off by
//!   commas before a person's name.

use std::collections::{HashMap, HashSet};

use crate::normalize::is_word_char;
use crate::{EntryKind, Gazetteer, Match};

/// What a candidate would become in the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CandidateKind {
    /// A union, office, bureau, association … (an entry of an organisation kind).
    Organisation,
    /// An official's title (an entry in `titles.tsv`).
    Official,
    /// An acronym defined in the text whose long form is not an organisation phrase.
    Acronym,
}

/// One thing the gazetteer does not know, with how often it was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub kind: CandidateKind,
    /// The name as first written (whitespace collapsed).
    pub name: String,
    /// The acronym the text defines for it, if any.
    pub acronym: Option<String>,
    /// Number of documents it was seen in.
    pub documents: usize,
    /// Number of mentions over all documents.
    pub mentions: usize,
    /// Up to three example sentences (trimmed to 300 characters), from different documents.
    pub examples: Vec<String>,
}

#[derive(Debug, Default)]
struct Acc {
    kind: Option<CandidateKind>,
    name: String,
    acronym: Option<String>,
    docs: HashSet<String>,
    mentions: usize,
    examples: Vec<String>,
    /// Documents an example was taken from (one example per document).
    example_docs: Vec<String>,
}

/// Collects candidates over many documents.
///
/// ```
/// use warta_gazetteer::{Gazetteer, candidates::{Collector, CandidateKind}};
/// let g = Gazetteer::bundled().unwrap();
/// let mut c = Collector::new(&g);
/// c.add("a1", "Aksi digelar Serikat Buruh Pelabuhan Sejahtera di depan kantor bupati.");
/// c.add("a2", "Serikat Buruh Pelabuhan Sejahtera kembali menuntut kenaikan upah.");
/// let found = c.finish(2);
/// assert_eq!(found[0].name, "Serikat Buruh Pelabuhan Sejahtera");
/// assert_eq!(found[0].kind, CandidateKind::Organisation);
/// assert_eq!(found[0].documents, 2);
/// ```
#[derive(Debug)]
pub struct Collector<'g> {
    g: &'g Gazetteer,
    found: HashMap<(CandidateKind, String), Acc>,
}

/// Words that head an organisation's name. Two-word heads come first so "Serikat Pekerja" is
/// preferred over a bare "Serikat".
const ORG_HEADS: &[&str] = &[
    "Serikat Pekerja",
    "Serikat Buruh",
    "Serikat",
    "Federasi",
    "Konfederasi",
    "Gabungan",
    "Dinas",
    "Suku Dinas",
    "Badan",
    "Biro",
    "Bagian",
    "Kantor",
    "Komisi",
    "Forum",
    "Aliansi",
    "Asosiasi",
    "Persatuan",
    "Perkumpulan",
    "Himpunan",
    "Ikatan",
    "Lembaga",
    "Koperasi",
    "Direktorat",
    "Kementerian",
    "Sekretariat",
    "Balai",
    "Dewan",
    "Majelis",
    "Yayasan",
    "Unit Pelaksana Teknis",
    "UPT",
    "UPTD",
];

/// Names of organisational levels, which the recogniser attaches to a known organisation as
/// its unit; never candidates themselves.
const UNIT_PHRASES: &[&str] = &[
    "dewan pimpinan pusat",
    "dewan pimpinan wilayah",
    "dewan pimpinan daerah",
    "dewan pimpinan cabang",
    "dewan pengurus pusat",
    "dewan pengurus wilayah",
    "dewan pengurus daerah",
    "dewan pengurus cabang",
    "pimpinan unit kerja",
    "pimpinan cabang",
    "pimpinan wilayah",
    "pengurus cabang",
    "pengurus unit kerja",
];

/// End of the organisation head word(s) starting at `pos`, if one starts there.
fn org_head_end(text: &str, pos: usize) -> Option<usize> {
    ORG_HEADS.iter().find_map(|h| {
        let end = pos + h.len();
        (text.get(pos..end) == Some(h) && !text[end..].chars().next().is_some_and(is_word_char))
            .then_some(end)
    })
}

/// Capitalised words that end a name: days, months and words that open a new clause.
fn ends_name(w: &str) -> bool {
    STOP.contains(&w) || warta_lang::is_calendar_word(w)
}

/// Clause openers and place/time words; days and months are `warta_lang`'s calendar words.
const STOP: &[&str] = &[
    "Jalan",
    "Jl",
    "Gedung",
    "WIB",
    "WITA",
    "WIT",
    "Foto",
    "Baca",
    "Sementara",
    "Namun",
    "Menurut",
];

/// Lower-case words allowed inside a name when a capitalised word follows.
const CONNECTORS: &[&str] = &["dan", "&", "untuk", "se", "serta"];

/// Heads of officials' titles that the gazetteer may lack; abbreviated titles starting with
/// "Ka" ("Kasatgas", "Kabag", "Kanit") are accepted by shape.
const TITLE_HEADS: &[&str] = &[
    "Kepala",
    "Ketua",
    "Wakil",
    "Sekretaris",
    "Direktur",
    "Koordinator",
    "Staf",
    "Staff",
    "Pejabat",
    "Penyuluh",
    "Analis",
    "Pembina",
    "Penasihat",
    "Penasehat",
    "Komisaris",
    "General",
    "Supervisor",
    "Kabag",
    "Kasat",
    "Kanit",
    "Karo",
    "Plt",
    "Plh",
    "Danramil",
    "Lurah",
];

/// "Ka…" words that are not abbreviated titles.
const NOT_TITLE: &[&str] = &[
    "Kamis",
    "Kami",
    "Karena",
    "Kalau",
    "Kala",
    "Kata",
    "Katanya",
    "Kawasan",
    "Kali",
    "Kamu",
    "Kantor",
    "Kabupaten",
    "Kasus",
];

impl<'g> Collector<'g> {
    /// A collector that checks every phrase against `g`.
    pub fn new(g: &'g Gazetteer) -> Collector<'g> {
        Collector {
            g,
            found: HashMap::new(),
        }
    }

    /// Scans one document. `doc_id` only counts documents (the same id twice counts once).
    pub fn add(&mut self, doc_id: &str, text: &str) {
        let matches = self.g.matches(text);
        let doc = Doc {
            g: self.g,
            text,
            matches: &matches,
        };
        let mut found: Vec<(CandidateKind, usize, usize, Option<String>)> = Vec::new();
        let orgs = doc.organisations();
        for (s, e) in &orgs {
            found.push((CandidateKind::Organisation, *s, *e, None));
        }
        for (s, e, acr, acr_span) in doc.acronym_definitions() {
            // "Serikat Buruh X (SBX)": the organisation phrase gets the acronym
            if let Some(f) = found
                .iter_mut()
                .find(|f| f.0 == CandidateKind::Organisation && f.2 == e)
            {
                f.3 = Some(acr.clone());
            } else if !orgs.iter().any(|&(os, oe)| os < e && s < oe) {
                // a long form headed by an organisation word is an organisation
                let kind = if org_head_end(text, s).is_some() {
                    CandidateKind::Organisation
                } else {
                    CandidateKind::Acronym
                };
                found.push((kind, s, e, Some(acr.clone())));
            }
            let _ = acr_span;
        }
        for (s, e) in doc.officials() {
            found.push((CandidateKind::Official, s, e, None));
        }
        // bare uses of a defined acronym count as mentions of its candidate
        let mut extra: HashMap<usize, usize> = HashMap::new();
        for (i, f) in found.iter().enumerate() {
            if let Some(acr) = &f.3 {
                let n = doc.bare_uses(acr).saturating_sub(1); // the definition itself
                extra.insert(i, n);
            }
        }
        for (i, (kind, s, e, acr)) in found.into_iter().enumerate() {
            let name = collapse(&text[s..e]);
            let key = (kind, name.to_lowercase());
            let acc = self.found.entry(key).or_default();
            if acc.kind.is_none() {
                acc.kind = Some(kind);
                acc.name = name;
            }
            if acc.acronym.is_none() {
                acc.acronym = acr;
            }
            acc.docs.insert(doc_id.to_string());
            acc.mentions += 1 + extra.get(&i).copied().unwrap_or(0);
            if acc.examples.len() < 3 && !acc.example_docs.iter().any(|d| d == doc_id) {
                acc.examples.push(sentence_around(text, s, e));
                acc.example_docs.push(doc_id.to_string());
            }
        }
    }

    /// Candidates seen in at least `min_count` documents, most documents first, then most
    /// mentions, then by name.
    pub fn finish(self, min_count: usize) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = self
            .found
            .into_values()
            .filter(|a| a.docs.len() >= min_count.max(1))
            .filter_map(|a| {
                Some(Candidate {
                    kind: a.kind?,
                    name: a.name,
                    acronym: a.acronym,
                    documents: a.docs.len(),
                    mentions: a.mentions,
                    examples: a.examples,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.documents
                .cmp(&a.documents)
                .then(b.mentions.cmp(&a.mentions))
                .then(a.name.cmp(&b.name))
                .then(a.kind.cmp(&b.kind))
        });
        out
    }
}

/// One document being scanned, with the gazetteer's matches in it.
struct Doc<'a> {
    g: &'a Gazetteer,
    text: &'a str,
    matches: &'a [Match],
}

impl Doc<'_> {
    fn kind(&self, m: &Match) -> Option<EntryKind> {
        m.entries
            .first()
            .and_then(|&i| self.g.entries().get(i))
            .map(|e| e.kind)
    }

    /// The gazetteer match starting exactly at `pos`.
    fn match_at(&self, pos: usize) -> Option<&Match> {
        let i = self.matches.partition_point(|m| m.start < pos);
        self.matches.get(i).filter(|m| m.start == pos)
    }

    /// The gazetteer match covering byte `pos`.
    fn covering(&self, pos: usize) -> Option<&Match> {
        let i = self.matches.partition_point(|m| m.start <= pos);
        i.checked_sub(1)
            .and_then(|i| self.matches.get(i))
            .filter(|m| m.end > pos)
    }

    fn known_actor_at(&self, pos: usize) -> bool {
        self.covering(pos)
            .and_then(|m| self.kind(m))
            .is_some_and(|k| k.is_actor() || k == EntryKind::Title)
    }

    /// Capitalised phrases headed by an organisation word, not recognised at their start.
    fn organisations(&self) -> Vec<(usize, usize)> {
        let text = self.text;
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some((ws, we)) = next_word(text, pos) {
            pos = we;
            let Some(head_end) = org_head_end(text, ws) else {
                continue;
            };
            if word_before_is_capitalised(text, ws) || self.known_actor_at(ws) {
                continue;
            }
            let Some((end, words, first_known)) = self.extend(head_end) else {
                continue;
            };
            // "Kantor Disnaker", "Komisi IV DPRD …": a venue or a unit of a known body
            if let Some(k) = first_known {
                let between = text[head_end..k].split_whitespace().collect::<Vec<_>>();
                if between
                    .iter()
                    .all(|w| is_numeral(w) || w.chars().count() == 1)
                {
                    pos = end;
                    continue;
                }
            }
            let phrase = collapse(&text[ws..end]).to_lowercase();
            let own: Vec<&str> = text[head_end..first_known.unwrap_or(end)]
                .split_whitespace()
                .collect();
            // "Komisi IV" alone, and the unit words of organisations ("Dewan Pimpinan
            // Daerah") are not organisations of their own
            let numbered = !own.is_empty() && own.iter().all(|w| is_numeral(w));
            if words >= 1 && !numbered && !UNIT_PHRASES.contains(&phrase.as_str()) {
                out.push((ws, end));
            }
            pos = end;
        }
        out
    }

    /// Extends a name from `pos` over capitalised words, connectors followed by a capitalised
    /// word, and gazetteer places/bodies. Returns (end, own words added, start of the first
    /// known body inside).
    fn extend(&self, mut pos: usize) -> Option<(usize, usize, Option<usize>)> {
        let text = self.text;
        let mut end = pos;
        let mut words = 0;
        let mut first_known = None;
        for _ in 0..12 {
            let gap = &text[pos..];
            let skipped = gap.len() - gap.trim_start_matches([' ', '\t', '\u{a0}']).len();
            if skipped == 0 {
                break;
            }
            let q = pos + skipped;
            if let Some(m) = self.match_at(q)
                && self
                    .kind(m)
                    .is_some_and(|k| k.is_actor() || k.is_place() || k == EntryKind::Topic)
            {
                if self.kind(m).is_some_and(|k| k.is_actor()) && first_known.is_none() {
                    first_known = Some(q);
                }
                end = m.end;
                pos = m.end;
                continue;
            }
            let Some((ws, we)) = word_at(text, q) else {
                break;
            };
            let w = &text[ws..we];
            if CONNECTORS.contains(&w) {
                let next = word_at(text, skip_space(text, we));
                if next.is_some_and(|(a, b)| capitalised(&text[a..b])) && we < text.len() {
                    pos = we;
                    continue;
                }
                break;
            }
            if !capitalised(w) || ends_name(w) {
                break;
            }
            words += 1;
            end = we;
            pos = we;
        }
        (end > 0).then_some((end, words, first_known))
    }

    /// "Long Name (ABC)" definitions where neither side is known: (long start, long end,
    /// acronym, acronym span).
    fn acronym_definitions(&self) -> Vec<(usize, usize, String, (usize, usize))> {
        let text = self.text;
        let mut out = Vec::new();
        for (open, _) in text.match_indices('(') {
            let Some(close_off) = text[open + 1..].find(')') else {
                continue;
            };
            let inner = &text[open + 1..open + 1 + close_off];
            let upper = inner.chars().filter(|c| c.is_uppercase()).count();
            if inner.is_empty()
                || inner.chars().count() > 12
                || inner.contains(char::is_whitespace)
                || upper < 2
                || !inner.chars().next().is_some_and(char::is_uppercase)
                || inner.chars().any(|c| !(c.is_alphanumeric() || c == '-'))
            {
                continue;
            }
            if self.covering(open + 1).is_some() {
                continue; // the acronym is known
            }
            // the capitalised run right before the parenthesis
            let before = text[..open].trim_end_matches([' ', '\t', '\u{a0}']);
            let mut words: Vec<usize> = Vec::new();
            let mut p = before.len();
            while words.len() < 10 {
                let Some((s, e)) = word_ending_at(text, p) else {
                    break;
                };
                let w = &text[s..e];
                if !(capitalised(w) || CONNECTORS.contains(&w)) {
                    break;
                }
                words.push(s);
                p = s;
                let t = text[..p].trim_end_matches([' ', '\t', '\u{a0}']);
                if t.len() == p {
                    break;
                }
                p = t.len();
            }
            // the long form starts at the word whose initial is the acronym's first letter
            let first = inner.chars().next().map(|c| c.to_lowercase().to_string());
            let start = words.iter().rev().copied().find(|&s| {
                text[s..]
                    .chars()
                    .next()
                    .map(|c| c.to_lowercase().to_string())
                    == first
                    && capitalised(&text[s..])
            });
            let Some(start) = start else { continue };
            if text[start..before.len()].split_whitespace().count() < 2
                || self.known_actor_at(start)
                || UNIT_PHRASES
                    .contains(&collapse(&text[start..before.len()]).to_lowercase().as_str())
            {
                continue;
            }
            out.push((
                start,
                before.len(),
                inner.to_string(),
                (open + 1, open + 1 + close_off),
            ));
        }
        out
    }

    /// Word-bounded uses of `acr` in the text.
    fn bare_uses(&self, acr: &str) -> usize {
        let text = self.text;
        text.match_indices(acr)
            .filter(|&(s, _)| {
                let e = s + acr.len();
                !text[..s].chars().next_back().is_some_and(is_word_char)
                    && !text[e..].chars().next().is_some_and(is_word_char)
            })
            .count()
    }

    /// Unknown titles before a name: "<Title words>, <Name Name>," or "<Title words> <Name
    /// Name>, …" where the title's head is title-like and the gazetteer matches no title or
    /// body at its start. Returns the title's span (without the name or a known body).
    fn officials(&self) -> Vec<(usize, usize)> {
        let text = self.text;
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some((ws, we)) = next_word(text, pos) {
            pos = we;
            let w = &text[ws..we];
            let head = TITLE_HEADS.contains(&w)
                || (w.starts_with("Ka")
                    && (4..=9).contains(&w.chars().count())
                    && w.chars().skip(1).all(char::is_lowercase)
                    && !NOT_TITLE.contains(&w));
            if !head || word_before_is_capitalised(text, ws) || self.covering(ws).is_some() {
                continue;
            }
            // title words: capitalised, not known, up to a comma, a known body or 6 words
            let mut end = we;
            let mut p = we;
            let mut n = 1;
            while n < 6 {
                let q = skip_space(text, p);
                if q == p {
                    break;
                }
                // a topic word is part of the title ("Kasatgas Penanganan PHK"); any other
                // known thing ends it
                if let Some(m) = self.covering(q) {
                    if m.start == q && self.kind(m) == Some(EntryKind::Topic) {
                        end = m.end;
                        p = m.end;
                        n += 1;
                        continue;
                    }
                    break;
                }
                let Some((a, b)) = word_at(text, q) else {
                    break;
                };
                let x = &text[a..b];
                if CONNECTORS.contains(&x) {
                    p = b;
                    continue;
                }
                if !capitalised(x) || ends_name(x) {
                    break;
                }
                end = b;
                p = b;
                n += 1;
            }
            // skip a known body after the title ("Kasatgas PHK Disnaker Kota X")
            let mut after = end;
            loop {
                let q = skip_space(text, after);
                match self.match_at(q) {
                    Some(m) if self.kind(m).is_some_and(|k| k.is_actor() || k.is_place()) => {
                        after = m.end;
                    }
                    _ => break,
                }
            }
            // then ", Name Name," — a person's name in apposition
            let q = skip_space(text, after);
            if !text[q..].starts_with(',') {
                pos = end;
                continue;
            }
            let (ns, ne, k) = name_run(text, skip_space(text, q + 1));
            let name_ok = (2..=4).contains(&k)
                && self.covering(ns).is_none()
                && text[ne..].trim_start().starts_with([',', '.']);
            // a title needs at least two words ("Kabag Humas") unless it is an abbreviation
            if name_ok && (n >= 2 || !TITLE_HEADS.contains(&w)) {
                out.push((ws, end));
            }
            pos = end;
        }
        out
    }
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_numeral(w: &str) -> bool {
    w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) || w.chars().all(|c| c.is_ascii_digit())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn skip_space(text: &str, pos: usize) -> usize {
    pos + (text[pos..].len() - text[pos..].trim_start_matches([' ', '\t', '\u{a0}']).len())
}

/// The word starting at `pos` (letters/digits with inner `-`, `/`, `'`).
fn word_at(text: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = text.get(pos..)?;
    let first = rest.chars().next()?;
    if !(first.is_alphanumeric() || first == '&') {
        return None;
    }
    if first == '&' {
        return Some((pos, pos + 1));
    }
    let mut end = pos;
    let mut joiner = false;
    for (i, c) in rest.char_indices() {
        if c.is_alphanumeric() {
            end = pos + i + c.len_utf8();
            joiner = false;
        } else if matches!(c, '-' | '\'' | '’' | '/') && !joiner {
            joiner = true;
        } else {
            break;
        }
    }
    Some((pos, end))
}

/// The next word starting at or after `pos`.
fn next_word(text: &str, mut pos: usize) -> Option<(usize, usize)> {
    while pos < text.len() {
        let c = text[pos..].chars().next()?;
        if c.is_alphanumeric() && !text[..pos].chars().next_back().is_some_and(is_word_char) {
            return word_at(text, pos);
        }
        pos += c.len_utf8();
    }
    None
}

/// The word ending exactly at `end`.
fn word_ending_at(text: &str, end: usize) -> Option<(usize, usize)> {
    let mut start = end;
    while let Some(c) = text[..start].chars().next_back() {
        if !(c.is_alphanumeric() || c == '-' || c == '&') {
            break;
        }
        start -= c.len_utf8();
    }
    (start < end).then_some((start, end))
}

/// True when the word before `pos` (same line) is capitalised: then `pos` is inside a longer
/// name ("Gedung Serikat …", "Ketua Dewan …") rather than the start of one.
fn word_before_is_capitalised(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches([' ', '\t', '\u{a0}']);
    if before.len() == pos {
        return false;
    }
    word_ending_at(text, before.len()).is_some_and(|(s, e)| capitalised(&text[s..e]))
}

/// 1-4 capitalised words from `pos`: (start, end, count).
fn name_run(text: &str, pos: usize) -> (usize, usize, usize) {
    let mut p = pos;
    let mut end = pos;
    let mut n = 0;
    while n < 5 {
        let Some((a, b)) = word_at(text, p) else {
            break;
        };
        if !capitalised(&text[a..b]) || ends_name(&text[a..b]) {
            break;
        }
        n += 1;
        end = b;
        let q = skip_space(text, b);
        if q == b {
            break;
        }
        p = q;
    }
    (pos, end, n)
}

/// The sentence containing `start..end`, trimmed to about 300 characters around the span.
fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let is_break = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let mut s = text[..start]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_break(c) && text[i + c.len_utf8()..].starts_with([' ', '\n']))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut e = text[end..]
        .char_indices()
        .find(|&(i, c)| {
            is_break(c)
                && text[end + i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(i, c)| end + i + c.len_utf8());
    // keep long sentences readable: at most ~150 bytes either side of the mention
    if start - s > 150 {
        s = ceil_boundary(text, start - 150);
    }
    if e - end > 150 {
        e = floor_boundary(text, end + 150);
    }
    collapse(&text[s..e])
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn g() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::bundled().expect("bundled gazetteer"))
    }

    fn names(c: &[Candidate], kind: CandidateKind) -> Vec<&str> {
        c.iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.name.as_str())
            .collect()
    }

    #[test]
    fn unknown_organisations_ranked_by_documents() {
        let mut c = Collector::new(g());
        c.add(
            "d1",
            "Ratusan anggota Serikat Buruh Pelabuhan Sejahtera berunjuk rasa. Mereka didampingi \
             Aliansi Pekerja Tambang Kalimantan.",
        );
        c.add(
            "d2",
            "Serikat Buruh Pelabuhan Sejahtera menolak PHK. Serikat Buruh Pelabuhan Sejahtera \
             juga meminta Dinas Pariwisata Kota Palembang turun tangan.",
        );
        c.add("d2", "Serikat Buruh Pelabuhan Sejahtera lagi.");
        let found = c.finish(1);
        assert_eq!(found[0].name, "Serikat Buruh Pelabuhan Sejahtera");
        assert_eq!(found[0].documents, 2);
        assert_eq!(found[0].mentions, 4);
        assert_eq!(found[0].examples.len(), 2);
        assert!(found[0].examples[0].starts_with("Ratusan anggota"));
        let orgs = names(&found, CandidateKind::Organisation);
        assert!(
            orgs.contains(&"Aliansi Pekerja Tambang Kalimantan"),
            "{orgs:?}"
        );
        assert!(
            orgs.contains(&"Dinas Pariwisata Kota Palembang"),
            "{orgs:?}"
        );
        // min_count filters by documents
        let mut c = Collector::new(g());
        c.add("x", "Forum Pekerja Kebun Sawit bertemu bupati.");
        assert!(c.finish(2).is_empty());
    }

    #[test]
    fn known_entities_are_not_proposed() {
        let mut c = Collector::new(g());
        c.add(
            "d1",
            "Konfederasi Serikat Pekerja Indonesia (KSPI) dan Dinas Tenaga Kerja Kota Palembang \
             menerima Komisi IV DPRD Kota Batam di Kantor Disnaker. Federasi Serikat Pekerja \
             Metal Indonesia (FSPMI) ikut hadir bersama Kepala Dinas Tenaga Kerja.",
        );
        c.add(
            "d2",
            "Dewan Pimpinan Daerah (DPD) serikat itu bertemu Komisi IV kemarin. Pimpinan Unit \
             Kerja (PUK) juga hadir.",
        );
        let found = c.finish(1);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn acronym_definitions() {
        let mut c = Collector::new(g());
        c.add(
            "d1",
            "Pemerintah meluncurkan Kartu Pekerja Terampil (KPT) bagi buruh pabrik. Serikat \
             Pekerja Kuliner Nusantara (SPKN) menyambut baik KPT dan meminta KPT diperluas.",
        );
        let found = c.finish(1);
        let kpt = found
            .iter()
            .find(|x| x.acronym.as_deref() == Some("KPT"))
            .expect("KPT");
        assert_eq!(kpt.kind, CandidateKind::Acronym);
        assert_eq!(kpt.name, "Kartu Pekerja Terampil");
        assert_eq!(kpt.mentions, 3);
        let spkn = found
            .iter()
            .find(|x| x.acronym.as_deref() == Some("SPKN"))
            .expect("SPKN");
        assert_eq!(spkn.kind, CandidateKind::Organisation);
        assert_eq!(spkn.name, "Serikat Pekerja Kuliner Nusantara");
    }

    #[test]
    fn unknown_titles_of_officials() {
        let mut c = Collector::new(g());
        c.add(
            "d1",
            "Hal itu disampaikan Kasatgas Penanganan PHK, Rudi Hartawan, kepada wartawan. \
             Sementara Kabid Hubungan Industrial, Sri Wahyuni, menyebut mediasi berjalan. \
             Ketua panitia, Joko, hadir.",
        );
        let found = c.finish(1);
        let officials = names(&found, CandidateKind::Official);
        assert_eq!(officials, vec!["Kasatgas Penanganan PHK"], "{found:#?}");
    }

    #[test]
    fn odd_input_does_not_panic() {
        let mut c = Collector::new(g());
        for t in [
            "",
            "(",
            "()",
            "Serikat (",
            "Dinas",
            "Ka, A B,",
            "ǅ (ǅǅ) ﬁ Forum Ｘ",
            "Biro\u{0301} Umum (BU",
        ] {
            c.add(t, t);
        }
        let _ = c.finish(0);
    }
}
