//! Consistency checks over the gazetteer data, run in CI (`bundled()` must lint clean) and by
//! reviewers after editing a TSV: an alias shared by two ids would make recognition depend on
//! load order, a dangling parent would export a broken reference.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::normalize::fold_str;
use crate::{EntryKind, Gazetteer};

/// What kind of problem a [`LintIssue`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LintKind {
    DuplicateId,
    AliasCollision,
    DanglingParent,
    BadRegion,
    /// A rule file (`rules/NAME.tsv`) problem: no description comment, a duplicate entry,
    /// blanks around a field. The id is `rules/NAME.tsv:LINE`.
    Rule,
}

/// One problem in the data, with the id it concerns and a human-readable explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintIssue {
    pub kind: LintKind,
    pub id: String,
    pub message: String,
}

fn valid_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    (1..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// Duplicate ids, one surface form used by several ids, parents that do not exist, region codes
/// that are malformed or not in the region table; rule files without a description, with
/// duplicate entries or blanks around fields.
pub fn lint(g: &Gazetteer) -> Vec<LintIssue> {
    let mut issues = Vec::new();
    for list in g.rule_lists() {
        for (line, message) in list.issues() {
            issues.push(LintIssue {
                kind: LintKind::Rule,
                id: format!("rules/{}.tsv:{line}", list.name),
                message,
            });
        }
    }
    let mut seen = HashSet::new();
    for e in g.entries() {
        if !seen.insert(e.id.as_str()) {
            issues.push(LintIssue {
                kind: LintKind::DuplicateId,
                id: e.id.clone(),
                message: format!("id {} is defined more than once", e.id),
            });
        }
    }
    let mut forms: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for e in g.entries() {
        for f in e.surface_forms() {
            forms.entry(fold_str(f)).or_default().insert(e.id.as_str());
        }
    }
    for (form, ids) in forms {
        if ids.len() > 1 {
            let ids: Vec<&str> = ids.into_iter().collect();
            issues.push(LintIssue {
                kind: LintKind::AliasCollision,
                id: ids[0].to_string(),
                message: format!("surface form {form:?} is used by {}", ids.join(", ")),
            });
        }
    }
    for e in g.entries() {
        if let Some(p) = &e.parent
            && g.entry(p).is_none()
        {
            issues.push(LintIssue {
                kind: LintKind::DanglingParent,
                id: e.id.clone(),
                message: format!("parent {p} does not exist"),
            });
        }
        if let Some(r) = &e.region {
            let ok = valid_code(r)
                && g.entry(&format!("place/{r}"))
                    .is_some_and(|p| p.kind.is_place());
            if !ok {
                issues.push(LintIssue {
                    kind: LintKind::BadRegion,
                    id: e.id.clone(),
                    message: format!("region {r:?} is not a known Kemendagri code"),
                });
            }
        }
        if e.kind.is_place() && e.region.as_deref() != e.id.strip_prefix("place/") {
            issues.push(LintIssue {
                kind: LintKind::BadRegion,
                id: e.id.clone(),
                message: "a place's region must be its own code".to_string(),
            });
        }
        if e.kind == EntryKind::OfficeType && e.region.is_some() {
            issues.push(LintIssue {
                kind: LintKind::BadRegion,
                id: e.id.clone(),
                message: "an office type is region-less by definition".to_string(),
            });
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_kind_of_problem() {
        let h = crate::COLUMNS.join("\t");
        let text = format!(
            "{h}\n\
             place/16\tprovince\tSumatera Selatan\tSumsel\t\t\t16\t\t\t\n\
             org/a\tunion\tSerikat A\tSA\t\torg/zzz\t\t\t\t\n\
             org/a\tunion\tSerikat A2\t\t\t\t\t\t\t\n\
             org/b\tunion\tSerikat B\tsa\t\t\t77\t\t\t\n"
        );
        let g = Gazetteer::from_files(&[("t.tsv".into(), text)]).unwrap();
        let kinds: Vec<LintKind> = lint(&g).iter().map(|i| i.kind).collect();
        assert!(kinds.contains(&LintKind::DuplicateId));
        assert!(kinds.contains(&LintKind::AliasCollision));
        assert!(kinds.contains(&LintKind::DanglingParent));
        assert!(kinds.contains(&LintKind::BadRegion));
        assert!(!kinds.contains(&LintKind::Rule));
        let rules = [(
            "speech.tsv".to_string(),
            "#! columns: word\nkata\nkata\n".to_string(),
        )];
        let g = Gazetteer::from_parts(&[], &rules).unwrap();
        let issues = lint(&g);
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert!(issues.iter().all(|i| i.kind == LintKind::Rule));
        assert_eq!(issues[1].id, "rules/speech.tsv:3");
    }

    #[test]
    fn codes() {
        assert!(valid_code("32.16.20"));
        assert!(!valid_code("32..1"));
        assert!(!valid_code("x"));
    }
}
