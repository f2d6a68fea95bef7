//! The one place where what a user types after `--province`, `--org`, `--type`, `--from/--to`
//! becomes a [`Filter`]: every command resolves through here, so a filter means one thing.
//!
//! Names come from the gazetteer's own files (regions, unions, national and regional bodies),
//! read as a table of a few columns: building the full gazetteer (its matcher over every alias)
//! takes most of a second, scanning the rows for one name takes about a millisecond.

use chrono::NaiveDate;
use warta_gazetteer::GazetteerError;
use warta_model::EventType;

use crate::Filter;
use crate::filter::is_region_code;

/// What the user typed, before resolution.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterSpec {
    /// Gazetteer id (`org/kspi`), acronym (`KSPI`), name or alias of an organisation or office.
    pub org: Option<String>,
    /// Also select the organisations below `org` in the gazetteer (federations, factions,
    /// branches, a government's offices).
    pub with_members: bool,
    /// Event type code, any case (`wage_setting`, `wage-setting`).
    pub event_type: Option<String>,
    /// Province name, short form (`sumsel`, `Jateng`, `DKI`, `Jogja`), region code (`16`,
    /// `16.71`), or the name of a regency or city.
    pub province: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A filter value that names nothing: the user's to fix (the CLI exits with status 2).
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("--province {value}: unknown province or region (nearest: {})", .nearest.join(", "))]
    UnknownProvince { value: String, nearest: Vec<String> },
    #[error("--org {value}: not an organisation in the gazetteer (nearest: {})", .nearest.join(", "))]
    UnknownOrg { value: String, nearest: Vec<String> },
    #[error("--type {value}: unknown event type (one of {})", .known.join(", "))]
    UnknownType { value: String, known: Vec<String> },
    #[error("--to {to} is before --from {from}")]
    DateOrder { from: NaiveDate, to: NaiveDate },
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
}

impl ResolveError {
    /// True for every error except a gazetteer directory that cannot be read: a usage error.
    pub fn is_usage(&self) -> bool {
        !matches!(self, ResolveError::Gazetteer(_))
    }
}

/// The gazetteer's rows as a table of the columns filters need, over the bundled files or those
/// of a `--gazetteers` directory. Rows are parsed only when asked, and only their first columns.
#[derive(Debug, Clone)]
pub struct Resolver {
    files: Vec<(String, std::borrow::Cow<'static, str>)>,
    /// The files with ASCII letters lowercased (same byte offsets), made on first use: exact
    /// SIMD substring search over them finds a name in any letter case.
    lower: std::sync::OnceLock<Vec<Vec<u8>>>,
}

/// One gazetteer row, borrowed from the file text (parsed by the gazetteer crate, which owns
/// the column layout).
type Row<'a> = warta_gazetteer::RawEntry<'a>;

/// Organisations, government bodies and offices: what `--org` may name.
fn is_org(row: &Row<'_>) -> bool {
    ["org/", "gov/", "office/"]
        .iter()
        .any(|p| row.id.starts_with(p))
}

/// How a row is listed among the nearest names: `KSPI (Konfederasi …)` or the name.
fn label(row: &Row<'_>) -> String {
    let acronym = row.acronym.trim();
    if acronym.is_empty() {
        row.name.trim().to_string()
    } else {
        format!("{acronym} ({})", row.name.trim())
    }
}

const REGION_KINDS: [&str; 3] = ["province", "regency", "city"];

impl Resolver {
    /// Over the gazetteer compiled into the binary (no copy, no parsing until asked).
    pub fn bundled() -> Resolver {
        Resolver {
            files: warta_gazetteer::bundled_entity_files()
                .iter()
                .map(|(n, t)| (n.to_string(), std::borrow::Cow::Borrowed(*t)))
                .collect(),
            lower: Default::default(),
        }
    }

    /// Over the entity files of a gazetteer directory (`--gazetteers DIR`).
    pub fn from_dir(dir: &std::path::Path) -> Result<Resolver, ResolveError> {
        let files = warta_gazetteer::read_entity_files(dir)?;
        Ok(Resolver {
            files: files
                .into_iter()
                .map(|(n, t)| (n, std::borrow::Cow::Owned(t)))
                .collect(),
            lower: Default::default(),
        })
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.files
            .iter()
            .flat_map(|(_, text)| text.lines().filter_map(Row::parse))
    }

    /// The row of the line around byte `at` of file `i`, and where that line ends.
    fn row_at(&self, i: usize, at: usize) -> (Option<Row<'_>>, usize) {
        let text: &str = &self.files[i].1;
        let bytes = text.as_bytes();
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p);
        (text.get(start..end).and_then(Row::parse), end)
    }

    /// Rows of the lines holding `needle` (exact bytes), each once; `lower`: search the
    /// lowercased copy (`needle` must then be lower case). `bounded`: only where the match
    /// is a whole cell or list item (tab or `;` on both sides).
    fn rows_with(&self, needle: &str, lower: bool, bounded: bool) -> Vec<Row<'_>> {
        let mut out = Vec::new();
        if needle.is_empty() {
            return out;
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let lowered = lower.then(|| {
            self.lower.get_or_init(|| {
                self.files
                    .iter()
                    .map(|(_, t)| t.as_bytes().to_ascii_lowercase())
                    .collect()
            })
        });
        for i in 0..self.files.len() {
            let hay: &[u8] = match lowered {
                Some(l) => &l[i],
                None => self.files[i].1.as_bytes(),
            };
            let mut line_end = 0;
            for at in finder.find_iter(hay) {
                if at < line_end {
                    continue;
                }
                if bounded {
                    let delim = |b: Option<&u8>| matches!(b, Some(b'\t' | b';'));
                    let before = at.checked_sub(1).and_then(|p| hay.get(p));
                    if !delim(before) || !delim(hay.get(at + needle.len())) {
                        continue;
                    }
                }
                let (row, end) = self.row_at(i, at);
                out.extend(row);
                line_end = end;
            }
        }
        out
    }

    /// Rows of the lines holding any of `patterns` (exact bytes), each once: one pass for a
    /// whole generation of `--with-members`.
    fn rows_with_any(&self, patterns: &[String]) -> Vec<Row<'_>> {
        let Ok(finder) = aho_corasick::AhoCorasick::new(patterns) else {
            return self.rows().collect();
        };
        let mut out = Vec::new();
        for i in 0..self.files.len() {
            let hay = self.files[i].1.as_bytes();
            let mut line_end = 0;
            for m in finder.find_iter(hay) {
                if m.start() < line_end {
                    continue;
                }
                let (row, end) = self.row_at(i, m.start());
                out.extend(row);
                line_end = end;
            }
        }
        out
    }

    /// Rows that may carry a name folding to `folded`: first those with `typed` as a whole cell
    /// or list item in any letter case (a fast exact search, what a user usually types); when
    /// none, every row whose line holds the longest word of `folded`, so other spacing and
    /// punctuation still resolve (every row when that word is not ASCII).
    fn rows_naming(&self, typed: &str, folded: &str) -> Vec<Row<'_>> {
        let exact = self.rows_with(&typed.trim().to_ascii_lowercase(), true, true);
        if exact.iter().any(|r| r.names().any(|n| fold_eq(n, folded))) {
            return exact;
        }
        match folded.split(' ').max_by_key(|w| w.len()) {
            Some(word) if word.is_ascii() && !word.is_empty() => self.rows_with(word, true, false),
            _ => self.rows().collect(),
        }
    }

    /// Resolves every condition of `spec`; the first value that names nothing is the error.
    pub fn resolve(&self, spec: &FilterSpec) -> Result<Filter, ResolveError> {
        if let (Some(from), Some(to)) = (spec.from, spec.to)
            && to < from
        {
            return Err(ResolveError::DateOrder { from, to });
        }
        Ok(Filter {
            orgs: match &spec.org {
                Some(o) => Some(self.orgs(o, spec.with_members)?),
                None => None,
            },
            event_type: match &spec.event_type {
                Some(t) => Some(event_type(t)?),
                None => None,
            },
            regions: match &spec.province {
                Some(p) => Some(self.regions(p)?),
                None => None,
            },
            from: spec.from,
            to: spec.to,
        })
    }

    /// The region codes a `--province` value names: a code the gazetteer knows; else provinces
    /// whose name, short form or alias it is; else regencies and cities so named.
    pub fn regions(&self, wanted: &str) -> Result<Vec<String>, ResolveError> {
        let w = wanted.trim();
        if is_region_code(w) {
            let id = format!("place/{w}");
            if self
                .rows_with(&format!("{id}\t"), false, false)
                .iter()
                .any(|r| r.id == id)
            {
                return Ok(vec![w.to_string()]);
            }
        } else if !fold(w).is_empty() {
            let folded = fold(w);
            let rows = self.rows_naming(w, &folded);
            for kinds in [&REGION_KINDS[..1], &REGION_KINDS[1..]] {
                let mut codes: Vec<String> = rows
                    .iter()
                    .filter(|r| kinds.contains(&r.kind) && r.names().any(|n| fold_eq(n, &folded)))
                    .filter_map(|r| r.id.strip_prefix("place/").map(str::to_string))
                    .collect();
                if !codes.is_empty() {
                    codes.sort();
                    codes.dedup();
                    return Ok(codes);
                }
            }
        }
        let provinces: Vec<Row> = self.rows().filter(|r| r.kind == "province").collect();
        Err(ResolveError::UnknownProvince {
            value: wanted.to_string(),
            nearest: nearest(w, &provinces, 3, |r| r.name.trim().to_string()),
        })
    }

    /// The participant keys an `--org` value names (see [`crate::participant_keys`]): the ids of
    /// every organisation, body or office type whose id, name, acronym or alias it is; with
    /// `members`, also every entry below them through the gazetteer's parent links.
    pub fn orgs(&self, wanted: &str, members: bool) -> Result<Vec<String>, ResolveError> {
        let folded = fold(wanted);
        let mut ids: Vec<String> = if folded.is_empty() {
            Vec::new()
        } else {
            self.rows_naming(wanted, &folded)
                .into_iter()
                .filter(|r| is_org(r))
                .filter(|r| {
                    r.id.eq_ignore_ascii_case(wanted.trim())
                        || r.names().any(|n| fold_eq(n, &folded))
                })
                .map(|r| r.id.to_string())
                .collect()
        };
        if ids.is_empty() {
            let orgs: Vec<Row> = self
                .rows()
                .filter(|r| is_org(r) && r.kind != "office")
                .collect();
            return Err(ResolveError::UnknownOrg {
                value: wanted.to_string(),
                nearest: nearest(wanted.trim(), &orgs, 3, label),
            });
        }
        if members {
            // Parent links form a forest; add children until nothing new is found, one pass
            // over the text per generation for the lines naming a frontier id as parent.
            let mut frontier = ids.clone();
            while !frontier.is_empty() {
                let patterns: Vec<String> = frontier.iter().map(|f| format!("\t{f}\t")).collect();
                let found: Vec<String> = self
                    .rows_with_any(&patterns)
                    .into_iter()
                    .filter(|r| is_org(r) && frontier.iter().any(|f| f == r.parent))
                    .filter(|r| !ids.iter().any(|i| i == r.id))
                    .map(|r| r.id.to_string())
                    .collect();
                ids.extend(found.iter().cloned());
                frontier = found;
                frontier.sort();
                frontier.dedup();
            }
        }
        ids.sort();
        ids.dedup();
        Ok(ids)
    }
}

/// An event type code, any case, `-` or space for `_`.
pub fn event_type(value: &str) -> Result<EventType, ResolveError> {
    let code = value.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    EventType::from_code(&code).ok_or_else(|| ResolveError::UnknownType {
        value: value.to_string(),
        known: EventType::ALL
            .iter()
            .map(|t| t.code().to_string())
            .collect(),
    })
}

/// Lower case, every run of non-alphanumerics one space, trimmed: `"Prov. Sumsel"` and
/// `"prov sumsel"` compare equal.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `fold(raw) == folded`, without allocating and stopping at the first difference: the resolver
/// compares one value against tens of thousands of aliases.
fn fold_eq(raw: &str, folded: &str) -> bool {
    let mut want = folded.chars();
    let mut pending_space = false;
    let mut started = false;
    for c in raw.chars() {
        if c.is_alphanumeric() {
            if pending_space && started && want.next() != Some(' ') {
                return false;
            }
            pending_space = false;
            started = true;
            for l in c.to_lowercase() {
                if want.next() != Some(l) {
                    return false;
                }
            }
        } else {
            pending_space = true;
        }
    }
    started && want.next().is_none()
}

/// Up to `n` labels of the rows whose name, acronym or alias is closest to `wanted` (edit
/// distance on folded forms), for the error that refuses an unknown value.
fn nearest<'a>(
    wanted: &str,
    rows: &[Row<'a>],
    n: usize,
    label: impl Fn(&Row<'a>) -> String,
) -> Vec<String> {
    let w = fold(wanted);
    let mut scored: Vec<(usize, String)> = rows
        .iter()
        .map(|r| {
            let best = r
                .names()
                .map(|name| edit_distance(&w, &fold(name)))
                .min()
                .unwrap_or(usize::MAX);
            (best, label(r))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, l)| l).collect()
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small gazetteer directory of our own, so the tests do not depend on the bundled data.
    fn resolver() -> Resolver {
        let header =
            "id\tkind\tname\tacronym\taliases\tparent\tregion\tvalid_from\tvalid_to\tnotes\n";
        let regions = format!(
            "# test regions\n{header}\
             place/16\tprovince\tSumatera Selatan\tSumsel\tSumsel;Sumatra Selatan;Provinsi Sumatera Selatan\t\t16\t\t\t\n\
             place/34\tprovince\tDaerah Istimewa Yogyakarta\tDIY\tDIY;Jogja;Yogyakarta\t\t34\t\t\t\n\
             place/16.71\tcity\tKota Palembang\t\tPalembang\tplace/16\t16.71\t\t\t\n\
             place/16.71.01\tdistrict\tIlir Barat I\t\t\tplace/16.71\t16.71.01\t\t\t\n"
        );
        let orgs = format!(
            "{header}\
             org/kspi\tconfederation\tKonfederasi Serikat Pekerja Indonesia\tKSPI\t\t\t\t\t\t\n\
             org/fspmi\tfederation\tFederasi Serikat Pekerja Metal Indonesia\tFSPMI\tSPMI\torg/kspi\t\t\t\t\n\
             org/fspmi-x\tunion\tPUK SPMI Pabrik X\t\t\torg/fspmi\t\t\t\t\n\
             office/disnaker\toffice_type\tDinas Tenaga Kerja\tDisnaker\tDisnakertrans\t\t\t\t\t\n\
             gov/16.71/disnaker\toffice\tDinas Tenaga Kerja Kota Palembang\t\tDisnaker Palembang\tgov/16.71\t16.71\t\t\t\n"
        );
        Resolver {
            files: vec![
                ("regions.tsv".into(), regions.into()),
                ("unions.tsv".into(), orgs.into()),
            ],
            lower: Default::default(),
        }
    }

    #[test]
    fn provinces_by_name_short_form_and_code() {
        let r = resolver();
        for v in [
            "sumsel",
            "SUMSEL",
            "Sumatera  Selatan",
            "sumatra selatan",
            "16",
            "Provinsi Sumatera Selatan",
        ] {
            assert_eq!(r.regions(v).unwrap(), ["16"], "{v}");
        }
        assert_eq!(r.regions("jogja").unwrap(), ["34"]);
        assert_eq!(r.regions("Palembang").unwrap(), ["16.71"]);
        assert_eq!(r.regions("16.71.01").unwrap(), ["16.71.01"]);
        let e = r.regions("Sumatera Selatn").unwrap_err();
        assert!(e.to_string().contains("nearest: Sumatera Selatan"), "{e}");
        assert!(r.regions("99").is_err());
        assert!(r.regions(" - ").is_err());
    }

    #[test]
    fn orgs_with_and_without_members() {
        let r = resolver();
        assert_eq!(r.orgs("kspi", false).unwrap(), ["org/kspi"]);
        assert_eq!(r.orgs("ORG/KSPI", false).unwrap(), ["org/kspi"]);
        assert_eq!(
            r.orgs("KSPI", true).unwrap(),
            ["org/fspmi", "org/fspmi-x", "org/kspi"]
        );
        assert_eq!(r.orgs("Disnaker", false).unwrap(), ["office/disnaker"]);
        assert_eq!(
            r.orgs("disnaker palembang", false).unwrap(),
            ["gov/16.71/disnaker"]
        );
        let e = r.orgs("KSPJ", false).unwrap_err();
        assert!(e.is_usage());
        assert!(e.to_string().contains("KSPI (Konfederasi"), "{e}");
    }

    #[test]
    fn types_and_dates() {
        assert_eq!(event_type("Wage-Setting").unwrap(), EventType::WageSetting);
        assert!(
            event_type("party")
                .unwrap_err()
                .to_string()
                .contains("audience")
        );
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let spec = FilterSpec {
            from: Some(day("2025-02-01")),
            to: Some(day("2025-01-01")),
            ..FilterSpec::default()
        };
        assert!(matches!(
            resolver().resolve(&spec),
            Err(ResolveError::DateOrder { .. })
        ));
    }

    #[test]
    fn folding_compares_without_allocating() {
        for (raw, wanted) in [
            ("Prov. Sumsel", "prov sumsel"),
            ("  DKI  ", "dki"),
            ("K-SPSI", "k spsi"),
        ] {
            assert!(fold_eq(raw, &fold(wanted)), "{raw}");
            assert_eq!(fold(raw), fold(wanted));
        }
        assert!(!fold_eq("Sumsel", "sumsel barat"));
        assert!(!fold_eq("Sumsel Barat", "sumsel"));
        assert!(!fold_eq("", ""));
    }

    #[test]
    fn the_bundled_gazetteer_knows_the_short_forms() {
        let r = Resolver::bundled();
        assert_eq!(r.regions("Jateng").unwrap(), ["33"]);
        assert_eq!(r.regions("DKI").unwrap(), ["31"]);
        assert_eq!(r.regions("DIY").unwrap(), ["34"]);
        assert!(r.orgs("KSPI", true).unwrap().len() > 1);
    }
}
