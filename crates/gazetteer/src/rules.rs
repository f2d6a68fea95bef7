//! Language rules as data: the word lists that steer recognition and extraction (words that are
//! never names, speech verbs, company forms, trigger words, ...) live in reviewed files under
//! `gazetteers/rules/`, so a researcher who finds a missed title adds a line, not a Rust patch.
//!
//! Format of every rule file `rules/NAME.tsv`:
//! - UTF-8; lines starting with `#` are comments; blank lines are ignored;
//! - the file starts with a `#` comment saying what the list is for (checked by [`crate::lint`]);
//! - a `#! columns: a b c` line declares the tab-separated columns (required, before the first
//!   entry); a `#! case: sensitive` line makes matching case-sensitive (default: insensitive);
//! - one entry per line, with exactly the declared number of fields.
//!
//! A file without a columns line, an entry with the wrong number of fields or an unknown `#!`
//! directive is a load error naming file and line; duplicates and blanks around fields are
//! lint issues.

use std::collections::HashSet;

use crate::GazetteerError;

/// One rule file: its name (file name without `.tsv`), columns and entries in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleList {
    pub name: String,
    pub columns: Vec<String>,
    pub entries: Vec<RuleEntry>,
    /// The leading `#` comment saying what the list is for (empty if missing: a lint issue).
    pub description: String,
    /// Whether matching compares words exactly (`#! case: sensitive`) instead of folded.
    pub case_sensitive: bool,
    /// First-column words as [`RuleList::key`] gives them, for [`RuleList::contains`].
    index: HashSet<String>,
}

/// One entry of a rule file: its 1-based line number (for error messages and lint) and fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleEntry {
    pub line: usize,
    pub fields: Vec<String>,
}

impl RuleEntry {
    /// The first column: the word or phrase the entry is about.
    pub fn word(&self) -> &str {
        self.fields.first().map(String::as_str).unwrap_or("")
    }
}

impl RuleList {
    /// The first column of every entry, in file order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(RuleEntry::word)
    }

    /// Whether `word` is one of the first-column words, under the file's case rule. Costs one
    /// hash lookup (plus a lower-casing when the word is not already lower case), so it can be
    /// called per word of a text.
    pub fn contains(&self, word: &str) -> bool {
        if self.case_sensitive || !word.chars().any(char::is_uppercase) {
            self.index.contains(word)
        } else {
            self.index.contains(&word.to_lowercase())
        }
    }

    /// The entries whose first column is `word` (under the file's case rule), in file order.
    pub fn lookup<'a>(&'a self, word: &'a str) -> impl Iterator<Item = &'a RuleEntry> + 'a {
        let key = self.key(word);
        self.entries
            .iter()
            .filter(move |e| self.key(e.word()) == key)
    }

    /// How a word is compared: as written when the file is case-sensitive, else lower-cased.
    pub fn key(&self, word: &str) -> String {
        if self.case_sensitive {
            word.to_string()
        } else {
            word.to_lowercase()
        }
    }

    /// Parses the rule file `file` (e.g. `speech.tsv`); the list is named after the file
    /// without `.tsv`.
    pub fn parse(file: &str, text: &str) -> Result<RuleList, GazetteerError> {
        let err = |line: usize, message: String| GazetteerError::Parse {
            file: format!("rules/{file}"),
            line,
            message,
        };
        let name = file.strip_suffix(".tsv").unwrap_or(file).to_string();
        let mut columns: Option<Vec<String>> = None;
        let mut case_sensitive = false;
        let mut description = String::new();
        let mut leading_comment = true;
        let mut entries = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let l = raw.strip_suffix('\r').unwrap_or(raw);
            if l.trim().is_empty() {
                continue;
            }
            if let Some(d) = l.strip_prefix("#!") {
                let d = d.trim();
                if let Some(c) = d.strip_prefix("columns:") {
                    if columns.is_some() {
                        return Err(err(line, "a second `#! columns:` line".into()));
                    }
                    let cols: Vec<String> = c.split_whitespace().map(str::to_string).collect();
                    if cols.is_empty() {
                        return Err(err(line, "`#! columns:` names no column".into()));
                    }
                    columns = Some(cols);
                } else if let Some(c) = d.strip_prefix("case:") {
                    case_sensitive = match c.trim() {
                        "sensitive" => true,
                        "insensitive" => false,
                        other => {
                            return Err(err(
                                line,
                                format!("unknown case rule {other:?} (sensitive|insensitive)"),
                            ));
                        }
                    };
                } else {
                    return Err(err(line, format!("unknown directive {d:?}")));
                }
                leading_comment = false;
                continue;
            }
            if let Some(c) = l.strip_prefix('#') {
                if leading_comment {
                    if !description.is_empty() {
                        description.push(' ');
                    }
                    description.push_str(c.trim());
                }
                continue;
            }
            leading_comment = false;
            let Some(cols) = &columns else {
                return Err(err(
                    line,
                    "entry before the `#! columns:` line (every rule file declares its columns)"
                        .into(),
                ));
            };
            let fields: Vec<String> = l.split('\t').map(str::to_string).collect();
            if fields.len() != cols.len() {
                return Err(err(
                    line,
                    format!(
                        "{} fields, the file declares {} ({})",
                        fields.len(),
                        cols.len(),
                        cols.join(" ")
                    ),
                ));
            }
            entries.push(RuleEntry { line, fields });
        }
        let Some(columns) = columns else {
            return Err(err(1, "no `#! columns:` line".into()));
        };
        let mut list = RuleList {
            name,
            columns,
            entries,
            description,
            case_sensitive,
            index: HashSet::new(),
        };
        list.index = list.entries.iter().map(|e| list.key(e.word())).collect();
        Ok(list)
    }

    /// Problems a reviewer should fix that do not stop loading: no leading description
    /// comment, exact duplicate entries, blanks around a field, an empty first field.
    /// Each is `(line, message)`.
    pub fn issues(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        if self.description.is_empty() {
            out.push((
                1,
                "the file must start with a `#` comment saying what the list is for".into(),
            ));
        }
        let mut seen: HashSet<&[String]> = HashSet::new();
        for e in &self.entries {
            if !seen.insert(&e.fields) {
                out.push((e.line, format!("duplicate entry {:?}", e.fields.join("\t"))));
            }
            if e.fields.iter().any(|f| f.trim() != f) {
                out.push((e.line, "blank at the start or end of a field".into()));
            }
            if e.word().trim().is_empty() {
                out.push((e.line, "empty first field".into()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_columns_comments_and_case() {
        let l = RuleList::parse(
            "speech.tsv",
            "# Speech verbs.\n# Second line.\n#! columns: word\n\nkata\n# note\nUjar\n",
        )
        .unwrap();
        assert_eq!(l.name, "speech");
        assert_eq!(l.columns, vec!["word"]);
        assert_eq!(l.description, "Speech verbs. Second line.");
        assert_eq!(l.words().collect::<Vec<_>>(), vec!["kata", "Ujar"]);
        assert_eq!(l.entries[1].line, 7);
        assert!(l.contains("KATA") && l.contains("ujar") && !l.contains("tutur"));
        assert!(l.issues().is_empty());
        let s = RuleList::parse("x.tsv", "# X\n#! columns: w\n#! case: sensitive\nPT\n").unwrap();
        assert!(s.contains("PT") && !s.contains("pt"));
    }

    #[test]
    fn malformed_files_are_errors_with_file_and_line() {
        let e = RuleList::parse("a.tsv", "# A\nkata\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("rules/a.tsv:2:"), "{e}");
        let e = RuleList::parse("a.tsv", "# A\n#! columns: w k\nkata\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("rules/a.tsv:3:"), "{e}");
        let e = RuleList::parse("a.tsv", "# A\n").unwrap_err().to_string();
        assert!(e.starts_with("rules/a.tsv:1:"), "{e}");
        let e = RuleList::parse("a.tsv", "# A\n#! colums: w\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown directive"), "{e}");
    }

    #[test]
    fn lint_issues() {
        let l = RuleList::parse("a.tsv", "#! columns: w k\nkata\tx\nkata\tx\n ujar\ty\n").unwrap();
        let msgs: Vec<String> = l.issues().into_iter().map(|(_, m)| m).collect();
        assert!(msgs.iter().any(|m| m.contains("must start")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("duplicate")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("blank")), "{msgs:?}");
    }
}
