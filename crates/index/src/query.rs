//! Turning a [`SearchQuery`] into a tantivy query: the user's text plus MUST filter clauses.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Query, QueryParser, QueryParserError, RangeQuery, TermQuery,
};
use tantivy::query_grammar::parse_query_lenient;
use tantivy::schema::{Field, IndexRecordOption};

use crate::schema::{Fields, KIND_ARTICLE, KIND_EVENT, day_start};
use crate::{IndexError, SearchQuery, Target};

/// Field names a user may put before `:`; listed in the error for an unknown prefix.
const PREFIXES: &str =
    "title, text, org, org_id, person, type, topic, province, code, site, url, id, date";

/// Up to 24 characters of `query` from byte `pos`, for "near …" in error messages.
fn near(query: &str, pos: usize) -> String {
    if pos >= query.len() {
        return "the end of the query".to_string();
    }
    let start = query
        .char_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i <= pos)
        .last()
        .unwrap_or(0);
    let excerpt: String = query[start..].chars().take(24).collect();
    if excerpt.is_empty() {
        "the end of the query".to_string()
    } else {
        format!("`{excerpt}`")
    }
}

/// 1-based character column of byte offset `pos`.
fn column(query: &str, pos: usize) -> usize {
    query.char_indices().take_while(|&(i, _)| i < pos).count() + 1
}

/// Finds unbalanced quotes and parentheses before tantivy does, because tantivy's strict parser
/// reports only "syntax error" for the whole string and the user needs to know *where*.
fn check_balance(query: &str) -> Result<(), String> {
    let mut open_quote: Option<usize> = None;
    let mut parens: Vec<usize> = Vec::new();
    let mut escaped = false;
    for (i, c) in query.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => {
                open_quote = match open_quote {
                    Some(_) => None,
                    None => Some(i),
                }
            }
            '(' if open_quote.is_none() => parens.push(i),
            ')' if open_quote.is_none() => {
                let Some(_) = parens.pop() else {
                    return Err(format!(
                        "unexpected `)` at character {} (near {}): no `(` is open",
                        column(query, i),
                        near(query, i)
                    ));
                };
            }
            _ => {}
        }
    }
    if let Some(i) = open_quote {
        return Err(format!(
            "unbalanced quotes: the `\"` at character {} (near {}) is never closed",
            column(query, i),
            near(query, i)
        ));
    }
    if let Some(&i) = parens.last() {
        return Err(format!(
            "unbalanced parentheses: the `(` at character {} (near {}) is never closed",
            column(query, i),
            near(query, i)
        ));
    }
    Ok(())
}

/// An AND/OR/NOT with no word on the side it needs one (the lenient grammar accepts these
/// silently, so the strict parser's bare "syntax error" would otherwise be all the user sees).
fn dangling_operator(query: &str) -> Option<String> {
    let words: Vec<(usize, &str)> = query
        .split(char::is_whitespace)
        .scan(0usize, |offset, w| {
            let at = *offset;
            *offset += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let is_op = |w: &str| matches!(w, "AND" | "OR" | "NOT");
    if let Some(&(at, w)) = words.last().filter(|(_, w)| is_op(w)) {
        return Some(format!(
            "`{w}` at character {} has no word after it",
            column(query, at)
        ));
    }
    if let Some(&(at, w)) = words.first().filter(|(_, w)| matches!(*w, "AND" | "OR")) {
        return Some(format!(
            "`{w}` at character {} has no word before it",
            column(query, at)
        ));
    }
    None
}

/// Parses the user's query text strictly; the error string says which part is wrong.
pub(crate) fn parse_text(parser: &QueryParser, text: &str) -> Result<Box<dyn Query>, String> {
    check_balance(text)?;
    parser.parse_query(text).map_err(|e| match e {
        QueryParserError::SyntaxError(_) => {
            // The lenient grammar knows positions; use its first complaint.
            let (_, errors) = parse_query_lenient(text);
            match errors.first() {
                Some(err) => format!(
                    "{} at character {} (near {})",
                    err.message,
                    column(text, err.pos),
                    near(text, err.pos)
                ),
                None => dangling_operator(text).unwrap_or_else(|| {
                    "the query is not valid syntax (check operators and field prefixes)"
                        .to_string()
                }),
            }
        }
        QueryParserError::FieldDoesNotExist(field) => format!(
            "unknown field prefix `{field}:` (known: {PREFIXES}); put the words in quotes to search \
             for a literal colon"
        ),
        QueryParserError::FieldNotIndexed(field) => {
            format!("the field `{field}:` cannot be searched (known: {PREFIXES})")
        }
        QueryParserError::AllButQueryForbidden => {
            "the query only excludes words (NOT / -); add at least one word to search for"
                .to_string()
        }
        QueryParserError::DateFormatError(_) => {
            "a `date:` value must be RFC 3339 (`date:[2025-01-01T00:00:00Z TO *]`); prefer the \
             from/to filters"
                .to_string()
        }
        other => other.to_string(),
    })
}

/// A filter clause: matches like `inner` but adds nothing to the score, so filters never
/// reorder results.
fn filter(inner: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(inner, 0.0))
}

fn term_query(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn invalid(filter: &'static str, value: &str, message: impl Into<String>) -> IndexError {
    IndexError::InvalidFilter {
        filter,
        value: value.to_string(),
        message: message.into(),
    }
}

/// The MUST clauses for the target kind and every filter set in `q`.
pub(crate) fn filter_clauses(
    f: &Fields,
    q: &SearchQuery,
) -> Result<Vec<Box<dyn Query>>, IndexError> {
    let kind = match q.target {
        Target::Articles => KIND_ARTICLE,
        Target::Events => KIND_EVENT,
    };
    let mut out = vec![filter(term_query(f.kind, kind))];

    let any_of = |field: Field, values: &[String]| -> Box<dyn Query> {
        let terms: Vec<Box<dyn Query>> = values.iter().map(|v| term_query(field, v)).collect();
        Box::new(BooleanQuery::union(terms))
    };
    let filter_spec = &q.filter;
    if let Some(orgs) = &filter_spec.orgs {
        out.push(filter(any_of(f.org_id, orgs)));
    }
    if let Some(t) = filter_spec.event_type {
        out.push(filter(term_query(f.event_type, t.code())));
    }
    if let Some(regions) = &filter_spec.regions {
        out.push(filter(any_of(f.code, regions)));
    }
    let (from, to) = (filter_spec.from, filter_spec.to);
    if from.is_some() || to.is_some() {
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(invalid(
                "from/to",
                &format!("{from}..{to}"),
                "the start date is after the end date",
            ));
        }
        let lower = match from {
            Some(d) => Bound::Included(Term::from_field_date_for_search(f.date, day_start(d))),
            None => Bound::Unbounded,
        };
        // `to` is inclusive: everything before the start of the next day.
        let upper = match to.and_then(|d| d.succ_opt()) {
            Some(next) => {
                Bound::Excluded(Term::from_field_date_for_search(f.date, day_start(next)))
            }
            None => Bound::Unbounded,
        };
        if !matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
            out.push(filter(Box::new(RangeQuery::new(lower, upper))));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_errors_point_at_the_culprit() {
        let e = check_balance("koperasi \"buruh tani").unwrap_err();
        assert!(e.contains("character 10"), "{e}");
        assert!(e.contains("`\"buruh tani`"), "{e}");
        let e = check_balance("title:(koperasi").unwrap_err();
        assert!(e.contains("character 7"), "{e}");
        let e = check_balance("a) b").unwrap_err();
        assert!(e.contains("unexpected `)`"), "{e}");
        assert!(check_balance("\"a (b\" (c) \\\"").is_ok());
    }
}
