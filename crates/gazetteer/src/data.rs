//! Gazetteer entries and the TSV format they are stored in.
//!
//! The data lives in plain TSV so that it can be reviewed like code: one entry per line, ten
//! tab-separated columns, `#` comments and one header line. Parsing is strict (wrong column
//! count, unknown kind, empty id or name are errors naming file and line) because a silently
//! skipped line would silently lose participants.

use crate::GazetteerError;

/// The columns every gazetteer file has, in order.
pub const COLUMNS: [&str; 10] = [
    "id",
    "kind",
    "name",
    "acronym",
    "aliases",
    "parent",
    "region",
    "valid_from",
    "valid_to",
    "notes",
];

/// One data line's columns, borrowed and unchecked: for readers that look at a few rows of the
/// files' text (the filter resolver) instead of building the whole gazetteer. [`parse_tsv`] is
/// the checking reader; both follow [`COLUMNS`].
#[derive(Debug, Clone, Copy)]
pub struct RawEntry<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub name: &'a str,
    pub acronym: &'a str,
    /// `;`-separated, as written.
    pub aliases: &'a str,
    pub parent: &'a str,
}

impl<'a> RawEntry<'a> {
    /// The row of one data line; comments, the header and lines without id or kind are none.
    pub fn parse(line: &'a str) -> Option<RawEntry<'a>> {
        if line.starts_with('#') || line.starts_with("id\t") {
            return None;
        }
        let mut cols = line.trim_end_matches('\r').split('\t');
        let id = cols.next()?.trim();
        let kind = cols.next()?.trim();
        if id.is_empty() || kind.is_empty() {
            return None;
        }
        Some(RawEntry {
            id,
            kind,
            name: cols.next().unwrap_or(""),
            acronym: cols.next().unwrap_or(""),
            aliases: cols.next().unwrap_or(""),
            parent: cols.next().unwrap_or("").trim(),
        })
    }

    /// Name, acronym and aliases, trimmed, the empty ones left out.
    pub fn names(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        [self.name, self.acronym]
            .into_iter()
            .chain(self.aliases.split(';'))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// What an entry names. The kind decides how a match is used: organisations become
/// participants, titles and honorifics only help find people, office types are resolved
/// to a concrete regional office from context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Confederation,
    Federation,
    Union,
    Faction,
    International,
    Employer,
    Ministry,
    Agency,
    Government,
    Office,
    OfficeType,
    Parliament,
    Court,
    Party,
    Province,
    Regency,
    City,
    District,
    Title,
    Honorific,
    Topic,
}

impl EntryKind {
    /// The spelling used in the TSV `kind` column.
    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Confederation => "confederation",
            EntryKind::Federation => "federation",
            EntryKind::Union => "union",
            EntryKind::Faction => "faction",
            EntryKind::International => "international",
            EntryKind::Employer => "employer",
            EntryKind::Ministry => "ministry",
            EntryKind::Agency => "agency",
            EntryKind::Government => "government",
            EntryKind::Office => "office",
            EntryKind::OfficeType => "office_type",
            EntryKind::Parliament => "parliament",
            EntryKind::Court => "court",
            EntryKind::Party => "party",
            EntryKind::Province => "province",
            EntryKind::Regency => "regency",
            EntryKind::City => "city",
            EntryKind::District => "district",
            EntryKind::Title => "title",
            EntryKind::Honorific => "honorific",
            EntryKind::Topic => "topic",
        }
    }

    /// Parses the TSV spelling; `None` for anything else.
    pub fn from_code(code: &str) -> Option<EntryKind> {
        const ALL: [EntryKind; 21] = [
            EntryKind::Confederation,
            EntryKind::Federation,
            EntryKind::Union,
            EntryKind::Faction,
            EntryKind::International,
            EntryKind::Employer,
            EntryKind::Ministry,
            EntryKind::Agency,
            EntryKind::Government,
            EntryKind::Office,
            EntryKind::OfficeType,
            EntryKind::Parliament,
            EntryKind::Court,
            EntryKind::Party,
            EntryKind::Province,
            EntryKind::Regency,
            EntryKind::City,
            EntryKind::District,
            EntryKind::Title,
            EntryKind::Honorific,
            EntryKind::Topic,
        ];
        ALL.into_iter().find(|k| k.code() == code)
    }

    /// Trade-union side: confederations, federations, local unions, factions, global unions.
    pub fn is_union(self) -> bool {
        matches!(
            self,
            EntryKind::Confederation
                | EntryKind::Federation
                | EntryKind::Union
                | EntryKind::Faction
                | EntryKind::International
        )
    }

    /// State side: ministries, agencies, regional governments and offices, parliaments, courts.
    pub fn is_government(self) -> bool {
        matches!(
            self,
            EntryKind::Ministry
                | EntryKind::Agency
                | EntryKind::Government
                | EntryKind::Office
                | EntryKind::OfficeType
                | EntryKind::Parliament
                | EntryKind::Court
        )
    }

    /// Administrative regions (the `place/...` entries generated from the Kemendagri table).
    pub fn is_place(self) -> bool {
        matches!(
            self,
            EntryKind::Province | EntryKind::Regency | EntryKind::City | EntryKind::District
        )
    }

    /// Anything that can act in an event (a participant), as opposed to places, titles, topics.
    pub fn is_actor(self) -> bool {
        self.is_union()
            || self.is_government()
            || matches!(self, EntryKind::Employer | EntryKind::Party)
    }
}

/// One gazetteer line: a named thing with its canonical name and every way news writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable id (`org/kspi`, `gov/16/disnaker`, `place/16.71`); exported as participant id.
    pub id: String,
    pub kind: EntryKind,
    /// Canonical name, exported as participant name.
    pub name: String,
    /// Canonical short form (`KSPI`); also matched.
    pub acronym: Option<String>,
    /// Other surface forms; all matched.
    pub aliases: Vec<String>,
    /// Confederation of a federation, government of an office, region containing a region.
    pub parent: Option<String>,
    /// Kemendagri code of the region the entry belongs to.
    pub region: Option<String>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub notes: Option<String>,
}

impl Entry {
    /// Name, acronym and aliases: every surface form the recogniser looks for.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.acronym.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Parses one gazetteer file. `file` is only used in error messages.
pub fn parse_tsv(file: &str, text: &str) -> Result<Vec<Entry>, GazetteerError> {
    let mut out = Vec::new();
    let mut seen_header = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| GazetteerError::Parse {
            file: file.to_string(),
            line: line_no,
            message,
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if !seen_header {
            if cols != COLUMNS {
                return Err(err(format!(
                    "expected the header line `{}`",
                    COLUMNS.join("\\t")
                )));
            }
            seen_header = true;
            continue;
        }
        if cols.len() != COLUMNS.len() {
            return Err(err(format!(
                "expected {} tab-separated columns, found {}",
                COLUMNS.len(),
                cols.len()
            )));
        }
        let id = cols[0].trim();
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err(err(format!("bad id {id:?}")));
        }
        let kind = EntryKind::from_code(cols[1].trim())
            .ok_or_else(|| err(format!("unknown kind {:?}", cols[1])))?;
        let name = cols[2].trim();
        if name.is_empty() {
            return Err(err("empty name".to_string()));
        }
        let aliases = cols[4]
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        out.push(Entry {
            id: id.to_string(),
            kind,
            name: name.to_string(),
            acronym: opt(cols[3]),
            aliases,
            parent: opt(cols[5]),
            region: opt(cols[6]),
            valid_from: opt(cols[7]),
            valid_to: opt(cols[8]),
            notes: opt(cols[9]),
        });
    }
    if !seen_header {
        return Err(GazetteerError::Parse {
            file: file.to_string(),
            line: 0,
            message: "no header line".to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "id\tkind\tname\tacronym\taliases\tparent\tregion\tvalid_from\tvalid_to\tnotes\n";

    #[test]
    fn parses_entries_and_comments() {
        let text = format!(
            "# a comment\n{HEADER}org/x\tconfederation\tKonfederasi X\tKX\tK-X; Konf X \t\t\t2001\t\tnote\n"
        );
        let e = parse_tsv("t.tsv", &text).unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].kind, EntryKind::Confederation);
        assert_eq!(e[0].aliases, vec!["K-X", "Konf X"]);
        assert_eq!(e[0].acronym.as_deref(), Some("KX"));
        assert_eq!(e[0].parent, None);
        assert_eq!(e[0].valid_from.as_deref(), Some("2001"));
        assert_eq!(e[0].surface_forms().count(), 4);
    }

    #[test]
    fn errors_name_file_and_line() {
        let text = format!("{HEADER}\norg/x\tconfederation\tX\n");
        match parse_tsv("u.tsv", &text) {
            Err(GazetteerError::Parse { file, line, .. }) => {
                assert_eq!(file, "u.tsv");
                assert_eq!(line, 3);
            }
            other => panic!("unexpected {other:?}"),
        }
        let text = format!("{HEADER}org/x\tplanet\tX\t\t\t\t\t\t\t\n");
        assert!(matches!(
            parse_tsv("u.tsv", &text),
            Err(GazetteerError::Parse { line: 2, .. })
        ));
        assert!(parse_tsv("u.tsv", "org/x\tunion\n").is_err());
    }
}
