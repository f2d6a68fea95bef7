//! warta-gazetteer: curated entities (unions, governments, offices, places, titles, topics) and a
//! fast, exact recogniser that finds them — and the people acting for them — in article text.
//!
//! An event is only trusted if its participants are right, so recognition is deliberately
//! dictionary-driven: every organisation comes from a reviewed TSV file in `gazetteers/`
//! (embedded in the binary by [`Gazetteer::bundled`]), matched with one Aho-Corasick automaton
//! over case-folded NFKC text. Context rules then attach units, factions and regions, resolve
//! region-less offices ("Disnaker Provinsi") to the region the article is about, and find people
//! through titles and honorifics.

pub mod candidates;
mod data;
mod lint;
mod matcher;
mod normalize;
mod recognise;
mod rules;

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use sha2::{Digest, Sha256};
use warta_model::{Region, RegionLevel};

pub use data::{COLUMNS, Entry, EntryKind, RawEntry, parse_tsv};
pub use lint::{LintIssue, LintKind, lint};
pub use normalize::{Folded, fold};
pub use recognise::{Entity, EntityKind, Span};
pub use rules::{RuleEntry, RuleList};

/// Everything that can go wrong loading a gazetteer. Errors name the file and line so a data
/// reviewer can fix the TSV directly.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Parse {
        file: String,
        line: usize,
        message: String,
    },
    #[error("no gazetteer files (*.tsv) in {0}")]
    Empty(String),
    #[error("building the matcher failed: {0}")]
    Automaton(String),
    #[error(
        "{dir}: rule file rules/{file} is missing (a gazetteer directory carries every rule file)"
    )]
    MissingRules { dir: String, file: String },
}

/// The files compiled into the binary, in load order.
const BUNDLED: [(&str, &str); 9] = [
    (
        "employers.tsv",
        include_str!("../../../gazetteers/employers.tsv"),
    ),
    (
        "honorifics.tsv",
        include_str!("../../../gazetteers/honorifics.tsv"),
    ),
    (
        "national.tsv",
        include_str!("../../../gazetteers/national.tsv"),
    ),
    (
        "office-types.tsv",
        include_str!("../../../gazetteers/office-types.tsv"),
    ),
    (
        "regional-gov.tsv",
        include_str!("../../../gazetteers/regional-gov.tsv"),
    ),
    (
        "regions.tsv",
        include_str!("../../../gazetteers/regions.tsv"),
    ),
    ("titles.tsv", include_str!("../../../gazetteers/titles.tsv")),
    ("topics.tsv", include_str!("../../../gazetteers/topics.tsv")),
    ("unions.tsv", include_str!("../../../gazetteers/unions.tsv")),
];

/// The rule files compiled into the binary (`gazetteers/rules/NAME.tsv`, see the `rules`
/// module for the format). Adding a rule file is one file plus one row here; a directory
/// passed to [`Gazetteer::load_dir`] must carry every file named here.
const BUNDLED_RULES: &[(&str, &str)] = &[
    (
        "acronym-owners.tsv",
        include_str!("../../../gazetteers/rules/acronym-owners.tsv"),
    ),
    (
        "company-forms.tsv",
        include_str!("../../../gazetteers/rules/company-forms.tsv"),
    ),
    (
        "company-name-words.tsv",
        include_str!("../../../gazetteers/rules/company-name-words.tsv"),
    ),
    (
        "days-months.tsv",
        include_str!("../../../gazetteers/rules/days-months.tsv"),
    ),
    (
        "field.tsv",
        include_str!("../../../gazetteers/rules/field.tsv"),
    ),
    (
        "government-heads.tsv",
        include_str!("../../../gazetteers/rules/government-heads.tsv"),
    ),
    (
        "labour-org.tsv",
        include_str!("../../../gazetteers/rules/labour-org.tsv"),
    ),
    (
        "not-name.tsv",
        include_str!("../../../gazetteers/rules/not-name.tsv"),
    ),
    (
        "role-of.tsv",
        include_str!("../../../gazetteers/rules/role-of.tsv"),
    ),
    (
        "speech.tsv",
        include_str!("../../../gazetteers/rules/speech.tsv"),
    ),
    (
        "title-as-thing.tsv",
        include_str!("../../../gazetteers/rules/title-as-thing.tsv"),
    ),
    (
        "title-prefix.tsv",
        include_str!("../../../gazetteers/rules/title-prefix.tsv"),
    ),
    (
        "claim-cues.tsv",
        include_str!("../../../gazetteers/rules/claim-cues.tsv"),
    ),
    (
        "counterpart-cues.tsv",
        include_str!("../../../gazetteers/rules/counterpart-cues.tsv"),
    ),
    (
        "furniture-cues.tsv",
        include_str!("../../../gazetteers/rules/furniture-cues.tsv"),
    ),
    (
        "dateline-cues.tsv",
        include_str!("../../../gazetteers/rules/dateline-cues.tsv"),
    ),
    (
        "city-nicknames.tsv",
        include_str!("../../../gazetteers/rules/city-nicknames.tsv"),
    ),
    (
        "event-triggers.tsv",
        include_str!("../../../gazetteers/rules/event-triggers.tsv"),
    ),
    (
        "labour-cues.tsv",
        include_str!("../../../gazetteers/rules/labour-cues.tsv"),
    ),
    (
        "modality-cues.tsv",
        include_str!("../../../gazetteers/rules/modality-cues.tsv"),
    ),
    (
        "protest-landmarks.tsv",
        include_str!("../../../gazetteers/rules/protest-landmarks.tsv"),
    ),
    (
        "venue-cues.tsv",
        include_str!("../../../gazetteers/rules/venue-cues.tsv"),
    ),
];

/// How the original surface must be written for an alias to count. Folding makes matching
/// case-insensitive; these rules put back the case information that separates a name from a
/// common word ("Batu" the city, "batu" a stone; "PHI" the court, "phi" noise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CaseRule {
    /// Lower-case alias (topic triggers): any case.
    Any,
    /// Capitalised alias: the surface must start with a capital letter.
    Initial,
    /// Short all-caps acronym: the surface must be written exactly so.
    Exact(String),
}

impl CaseRule {
    fn for_alias(alias: &str) -> CaseRule {
        let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
        let has_lower = alias.chars().any(char::is_lowercase);
        let has_upper = alias.chars().any(char::is_uppercase);
        if has_upper && !has_lower && letters <= 6 {
            CaseRule::Exact(collapse_ws(alias))
        } else if alias.chars().next().is_some_and(char::is_uppercase) {
            CaseRule::Initial
        } else {
            CaseRule::Any
        }
    }

    pub(crate) fn accepts(&self, surface: &str) -> bool {
        match self {
            CaseRule::Any => true,
            CaseRule::Initial => surface.chars().next().is_some_and(|c| !c.is_lowercase()),
            // `a` is already collapsed: compare word by word without allocating
            CaseRule::Exact(a) => surface.split_whitespace().eq(a.split_whitespace()),
        }
    }
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the matcher needs per automaton pattern without touching the entries: the entries it
/// leads to (shared, so a match costs no allocation when all of them accept it) and facts
/// about them.
#[derive(Debug, Clone)]
pub(crate) struct PatternInfo {
    /// The target entries in order, consecutive repeats removed.
    pub entries: std::sync::Arc<[usize]>,
    /// Every target is a title.
    pub titles: bool,
    /// No target has a case rule, so the surface need not be read.
    pub any_case: bool,
}

/// One way an alias key leads to an entry.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub entry: usize,
    pub case: CaseRule,
}

/// The loaded gazetteer: entries, their index and the matcher built over all their aliases.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// One automaton (leftmost-longest) over all folded aliases, walked anchored at word
    /// starts only: a match must start on a word boundary, so starting anywhere else is wasted
    /// work, and one anchored walk yields every alias starting there (longest first is
    /// leftmost-longest). The contiguous NFA is ~4 MB; a DFA over 50,000 aliases is ~80 MB and
    /// slower in practice because nearly every step misses the cache.
    pub(crate) nfa: NFA,
    pub(crate) nfa_start: StateID,
    /// First bytes of the folded aliases, so the scanner starts a walk at punctuation
    /// ("(Pj)") only where some alias can start. Never set for the space: folding drops
    /// leading whitespace, so no alias starts with one.
    pub(crate) starts: [bool; 256],
    /// The ASCII punctuation bytes aliases start with ("(" of "(Pj)"), when there are at
    /// most four; with more, `punct_other` is set and the scanner checks every byte.
    pub(crate) punct_starts: Vec<u8>,
    pub(crate) punct_other: bool,
    /// The ASCII words aliases start with, and the automaton state after each (see
    /// [`matcher::FirstWords`]).
    pub(crate) first_words: matcher::FirstWords,
    /// Per automaton pattern: the entries it leads to.
    pub(crate) targets: Vec<Vec<Target>>,
    pub(crate) pattern_info: Vec<PatternInfo>,
    /// The rule lists by name (file name without `.tsv`).
    rules: std::collections::BTreeMap<String, RuleList>,
    hash: String,
    alias_count: usize,
}

/// The bundled entity files as `(file name, text)` pairs, unparsed: for callers that need a few
/// columns of a few rows (the search filters' province and organisation table) and must not pay
/// for building the matcher over every alias, which takes most of a second.
pub fn bundled_entity_files() -> &'static [(&'static str, &'static str)] {
    &BUNDLED
}

/// The entity files (`*.tsv`, sorted by name, rule files not included) of a gazetteer directory,
/// unparsed: the same files [`Gazetteer::load_dir`] reads, for the same callers as
/// [`bundled_entity_files`] when the user passed `--gazetteers DIR`.
pub fn read_entity_files(dir: &Path) -> Result<Vec<(String, String)>, GazetteerError> {
    read_tsv_files(dir)
}

fn bundled_rule_files() -> Vec<(String, String)> {
    BUNDLED_RULES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

fn read_tsv_files(dir: &Path) -> Result<Vec<(String, String)>, GazetteerError> {
    let io = |source| GazetteerError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut names = Vec::new();
    for ent in std::fs::read_dir(dir).map_err(io)? {
        let path = ent.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "tsv") && path.is_file() {
            names.push(path);
        }
    }
    names.sort();
    let mut files = Vec::new();
    for p in names {
        let text = std::fs::read_to_string(&p).map_err(|source| GazetteerError::Io {
            path: p.display().to_string(),
            source,
        })?;
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        files.push((name, text));
    }
    Ok(files)
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, so the CLI works offline from any directory.
    pub fn bundled() -> Result<Gazetteer, GazetteerError> {
        let files: Vec<(String, String)> = BUNDLED
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        Gazetteer::from_parts(&files, &bundled_rule_files())
    }

    /// Loads every `*.tsv` file in `dir` and every rule file in `dir/rules/` (sorted by name),
    /// for trying out edited data without rebuilding. The directory replaces the bundled data
    /// wholesale, so it must carry every bundled rule file (a missing one is an error, not a
    /// silent fallback).
    pub fn load_dir(dir: &Path) -> Result<Gazetteer, GazetteerError> {
        let files = read_tsv_files(dir)?;
        if files.is_empty() {
            return Err(GazetteerError::Empty(dir.display().to_string()));
        }
        let rules_dir = dir.join("rules");
        let rule_files = if rules_dir.is_dir() {
            read_tsv_files(&rules_dir)?
        } else {
            Vec::new()
        };
        for (name, _) in BUNDLED_RULES {
            if !rule_files.iter().any(|(n, _)| n == name) {
                return Err(GazetteerError::MissingRules {
                    dir: dir.display().to_string(),
                    file: name.to_string(),
                });
            }
        }
        Gazetteer::from_parts(&files, &rule_files)
    }

    /// Builds a gazetteer from entity files given as `(file name, contents)` pairs, with the
    /// bundled rule files (for tests and tools that vary only the entities).
    pub fn from_files(files: &[(String, String)]) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_parts(files, &bundled_rule_files())
    }

    /// Builds a gazetteer from entity files and rule files (`(file name, contents)` pairs; rule
    /// file names like `speech.tsv`). The content hash covers both.
    pub fn from_parts(
        files: &[(String, String)],
        rule_files: &[(String, String)],
    ) -> Result<Gazetteer, GazetteerError> {
        let mut sorted: Vec<&(String, String)> = files.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut hasher = Sha256::new();
        let mut entries = Vec::new();
        for (name, text) in sorted {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(text.as_bytes());
            hasher.update([0]);
            entries.extend(parse_tsv(name, text)?);
        }
        let mut sorted_rules: Vec<&(String, String)> = rule_files.iter().collect();
        sorted_rules.sort_by(|a, b| a.0.cmp(&b.0));
        let mut rules = std::collections::BTreeMap::new();
        for (name, text) in sorted_rules {
            hasher.update(b"rules/");
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(text.as_bytes());
            hasher.update([0]);
            let list = RuleList::parse(name, text)?;
            rules.insert(list.name.clone(), list);
        }
        let hash: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut by_id = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_id.entry(e.id.clone()).or_insert(i);
        }

        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut alias_count = 0;
        fn add(
            keys: &mut HashMap<String, usize>,
            patterns: &mut Vec<String>,
            targets: &mut Vec<Vec<Target>>,
            key: String,
            t: Target,
        ) {
            if key.is_empty() {
                return;
            }
            let idx = *keys.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                targets.push(Vec::new());
                targets.len() - 1
            });
            let list = &mut targets[idx];
            if !list.iter().any(|o| o.entry == t.entry && o.case == t.case) {
                list.push(t);
            }
        }
        for (i, e) in entries.iter().enumerate() {
            if by_id.get(&e.id) != Some(&i) {
                continue; // duplicate id: reported by lint, first one wins
            }
            for form in e.surface_forms() {
                alias_count += 1;
                add(
                    &mut keys,
                    &mut patterns,
                    &mut targets,
                    normalize::fold_str(form),
                    Target {
                        entry: i,
                        case: CaseRule::for_alias(form),
                    },
                );
            }
        }
        // Bare short names shared by a kabupaten and a kota ("Bekasi") are not aliases in the
        // data (that would be an alias collision); they are added here as ambiguous keys that
        // the recogniser resolves from context.
        let mut short: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if matches!(e.kind, EntryKind::Regency | EntryKind::City)
                && by_id.get(&e.id) == Some(&i)
            {
                let bare = e
                    .name
                    .trim_start_matches("Kabupaten ")
                    .trim_start_matches("Kota ")
                    .trim_start_matches("Administrasi ");
                short.entry(normalize::fold_str(bare)).or_default().push(i);
            }
        }
        let mut short: Vec<(String, Vec<usize>)> = short.into_iter().collect();
        short.sort();
        for (key, list) in short {
            if list.len() > 1 && !keys.contains_key(&key) {
                for i in list {
                    add(
                        &mut keys,
                        &mut patterns,
                        &mut targets,
                        key.clone(),
                        Target {
                            entry: i,
                            case: CaseRule::Initial,
                        },
                    );
                }
            }
        }
        let mut starts = [false; 256];
        for p in &patterns {
            if let Some(&b) = p.as_bytes().first() {
                starts[usize::from(b)] = true;
            }
        }
        starts[usize::from(b' ')] = false;
        let punct_starts: Vec<u8> = (0..0x80u8)
            .filter(|&b| starts[usize::from(b)] && !b.is_ascii_alphanumeric())
            .collect();
        let punct_other = punct_starts.len() > 4;
        let nfa = NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(&patterns)
            .map_err(|e| GazetteerError::Automaton(e.to_string()))?;
        let nfa_start = nfa
            .start_state(Anchored::Yes)
            .map_err(|e| GazetteerError::Automaton(e.to_string()))?;
        let first_words = matcher::FirstWords::build(&nfa, nfa_start, &patterns);
        let pattern_info = targets
            .iter()
            .map(|ts| {
                let mut list: Vec<usize> = ts.iter().map(|t| t.entry).collect();
                list.dedup();
                PatternInfo {
                    entries: list.into(),
                    titles: ts.iter().all(|t| entries[t.entry].kind == EntryKind::Title),
                    any_case: ts.iter().all(|t| t.case == CaseRule::Any),
                }
            })
            .collect();
        Ok(Gazetteer {
            entries,
            by_id,
            nfa,
            nfa_start,
            starts,
            punct_starts,
            punct_other,
            first_words,
            targets,
            pattern_info,
            rules,
            hash,
            alias_count,
        })
    }

    /// The rule list `name` (a file `rules/NAME.tsv`, name given without `.tsv`): the word
    /// lists that steer recognition and extraction, kept as reviewed data.
    pub fn rules(&self, name: &str) -> Option<&RuleList> {
        self.rules.get(name)
    }

    /// Every rule list, by name.
    pub fn rule_lists(&self) -> impl Iterator<Item = &RuleList> {
        self.rules.values()
    }

    /// SHA-256 (hex) over the file names and contents, rule files included: recorded with every extracted event so
    /// results can be traced to the exact gazetteer version.
    pub fn content_hash(&self) -> String {
        self.hash.clone()
    }

    /// The entry with this id (first one if the data has duplicates).
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// All entries in load order, duplicates included (so [`lint`] can see them).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub(crate) fn entry_at(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The administrative region with this Kemendagri code (`"16.71"` → Kota Palembang, city).
    pub fn region(&self, code: &str) -> Option<Region> {
        let e = self.entry(&format!("place/{code}"))?;
        let level = match e.kind {
            EntryKind::Province => RegionLevel::Province,
            EntryKind::Regency => RegionLevel::Regency,
            EntryKind::City => RegionLevel::City,
            EntryKind::District => RegionLevel::District,
            _ => return None,
        };
        Some(Region {
            name: e.name.clone(),
            code: code.to_string(),
            level,
        })
    }

    /// Finds every organisation, government body, place, topic and person in `text`, with all
    /// their mentions merged and spans as byte offsets into `text`. Never panics; the rules
    /// (matching, region inheritance, units and factions, people) are described in the
    /// `recognise` module source.
    pub fn recognise(&self, text: &str) -> Vec<Entity> {
        recognise::recognise(self, text)
    }

    /// Number of entries (duplicates included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of surface forms (names, acronyms and aliases) the matcher looks for.
    pub fn alias_count(&self) -> usize {
        self.alias_count
    }

    /// Number of distinct automaton patterns (folded surface forms).
    pub fn pattern_count(&self) -> usize {
        self.targets.len()
    }

    /// Gazetteer matches only: folding, the automaton, word-boundary and case checks — no
    /// context rules, no people. This is the cheap first stage of [`Gazetteer::recognise`],
    /// exposed so callers (and the benchmark) can ask "does the gazetteer know this span?"
    /// without paying for the rest.
    pub fn matches(&self, text: &str) -> Vec<Match> {
        recognise::raw_matches(self, text)
    }
}

/// A gazetteer match in the caller's text: byte offsets (on char boundaries) and the entries
/// it may stand for (indices into [`Gazetteer::entries`]; more than one only for a bare region
/// name shared by a kabupaten and a kota).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    /// Shared with the gazetteer's per-alias list when every entry accepts the match, so
    /// matching allocates nothing per match in the common case.
    pub entries: std::sync::Arc<[usize]>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_loads_and_lints_clean() {
        let g = Gazetteer::bundled().unwrap();
        assert!(g.len() > 10_000);
        assert!(g.alias_count() > 10_000);
        let issues = lint(&g);
        assert!(issues.is_empty(), "{:#?}", &issues[..issues.len().min(20)]);
        assert_eq!(g.content_hash().len(), 64);
        assert_eq!(
            g.content_hash(),
            Gazetteer::bundled().unwrap().content_hash()
        );
    }

    #[test]
    fn region_lookup() {
        let g = Gazetteer::bundled().unwrap();
        let r = g.region("16.71").unwrap();
        assert_eq!(r.name, "Kota Palembang");
        assert_eq!(r.level, RegionLevel::City);
        assert_eq!(g.region("16").unwrap().level, RegionLevel::Province);
        assert_eq!(g.region("32.16.20").unwrap().level, RegionLevel::District);
        assert!(g.region("99.99").is_none());
        assert_eq!(
            g.entry("org/kspi").unwrap().acronym.as_deref(),
            Some("KSPI")
        );
    }

    #[test]
    fn case_rules() {
        assert_eq!(CaseRule::for_alias("PHI"), CaseRule::Exact("PHI".into()));
        assert_eq!(CaseRule::for_alias("Batu"), CaseRule::Initial);
        assert_eq!(CaseRule::for_alias("koperasi"), CaseRule::Any);
        assert!(!CaseRule::for_alias("PHI").accepts("Phi"));
        assert!(!CaseRule::Initial.accepts("batu"));
        assert!(CaseRule::Initial.accepts("BATU"));
    }

    /// A fresh directory holding the bundled rule files, for load_dir tests.
    fn temp_dir_with_rules(tag: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("warta-gaz-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("rules")).unwrap();
        for (name, text) in BUNDLED_RULES {
            std::fs::write(dir.join("rules").join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn load_dir_reports_file_and_line() {
        let dir = temp_dir_with_rules("line");
        std::fs::write(
            dir.join("a.tsv"),
            format!("{}\nx/1\tnope\tX\t\t\t\t\t\t\t\n", COLUMNS.join("\t")),
        )
        .unwrap();
        let err = Gazetteer::load_dir(&dir).unwrap_err().to_string();
        assert!(err.starts_with("a.tsv:2:"), "{err}");
        std::fs::write(
            dir.join("a.tsv"),
            format!(
                "{}\nx/1\tunion\tSerikat X\tSX\t\t\t\t\t\t\n",
                COLUMNS.join("\t")
            ),
        )
        .unwrap();
        let g = Gazetteer::load_dir(&dir).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g.alias_count(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn rule_files_load_from_the_directory_and_enter_the_hash() {
        let dir = temp_dir_with_rules("rules");
        std::fs::write(
            dir.join("a.tsv"),
            format!(
                "{}\nx/1\tunion\tSerikat X\tSX\t\t\t\t\t\t\n",
                COLUMNS.join("\t")
            ),
        )
        .unwrap();
        let before = Gazetteer::load_dir(&dir).unwrap();
        let speech = before.rules("speech").unwrap();
        assert!(speech.contains("kata"));
        assert!(!speech.contains("bisik"));
        assert!(!speech.description.is_empty());
        // one added line changes the list and the content hash
        let path = dir.join("rules").join("speech.tsv");
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("bisik\n");
        std::fs::write(&path, &text).unwrap();
        let after = Gazetteer::load_dir(&dir).unwrap();
        assert!(after.rules("speech").unwrap().contains("bisik"));
        assert_ne!(before.content_hash(), after.content_hash());
        // an extra rule file is loaded too; a malformed one names file and line
        std::fs::write(
            dir.join("rules").join("extra.tsv"),
            "# Extra.\n#! columns: word note\nsatu\tdua\ntiga\n",
        )
        .unwrap();
        let err = Gazetteer::load_dir(&dir).unwrap_err().to_string();
        assert!(err.starts_with("rules/extra.tsv:4:"), "{err}");
        std::fs::write(
            dir.join("rules").join("extra.tsv"),
            "# Extra.\n#! columns: word note\nsatu\tdua\n",
        )
        .unwrap();
        let g = Gazetteer::load_dir(&dir).unwrap();
        assert_eq!(g.rules("extra").unwrap().entries[0].fields, ["satu", "dua"]);
        // a missing bundled rule file is a typed error, not a silent fallback
        std::fs::remove_file(&path).unwrap();
        match Gazetteer::load_dir(&dir) {
            Err(GazetteerError::MissingRules { file, .. }) => assert_eq!(file, "speech.tsv"),
            other => panic!("{other:?}"),
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn one_added_rule_line_changes_recognition() {
        let dir = temp_dir_with_rules("recognition");
        for (name, text) in BUNDLED {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let text = "Upah harus naik tahun depan, bisik Joko Santoso di depan wartawan.";
        let people = |g: &Gazetteer| -> Vec<String> {
            g.recognise(text)
                .into_iter()
                .filter(|e| e.kind == EntityKind::Person)
                .map(|e| e.name)
                .collect()
        };
        let before = Gazetteer::load_dir(&dir).unwrap();
        assert!(people(&before).is_empty(), "{:?}", people(&before));
        let path = dir.join("rules").join("speech.tsv");
        let mut rules = std::fs::read_to_string(&path).unwrap();
        rules.push_str("bisik\n");
        std::fs::write(&path, rules).unwrap();
        let after = Gazetteer::load_dir(&dir).unwrap();
        assert_eq!(people(&after), ["Joko Santoso"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn every_bundled_rule_file_is_described_and_clean() {
        let g = Gazetteer::bundled().unwrap();
        for (name, _) in BUNDLED_RULES {
            let l = g.rules(name.trim_end_matches(".tsv")).unwrap();
            assert!(!l.entries.is_empty(), "{name}");
            assert!(l.issues().is_empty(), "{name}: {:?}", l.issues());
        }
    }
}
