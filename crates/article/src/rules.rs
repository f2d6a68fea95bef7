//! Per-site extraction rules: CSS selectors a maintainer writes into the crawl configuration
//! when the generic algorithm gets one site wrong. They override the algorithm only where they
//! match, so a rule that stops matching after a redesign falls back to the generic result
//! instead of producing nothing.

use scraper::Selector;

/// Selectors for one site. Empty rules change nothing.
#[derive(Debug, Clone, Default)]
pub struct SiteRules {
    /// Elements holding the article body; when one matches, the body is read from the matches
    /// only (in document order) instead of the scored candidates.
    pub body: Vec<Selector>,
    /// Elements that are never body text (a site's own promo box, an inline widget).
    pub drop: Vec<Selector>,
    /// The element holding the headline, when `<title>`/`og:title` are wrong for the site.
    pub title: Option<Selector>,
}

/// A selector in a rule that does not parse.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("bad CSS selector {selector:?}: {message}")]
pub struct RuleError {
    pub selector: String,
    pub message: String,
}

impl SiteRules {
    /// Builds rules from selector strings (as written in the configuration).
    pub fn parse(
        body: &[String],
        drop: &[String],
        title: Option<&str>,
    ) -> Result<SiteRules, RuleError> {
        let one = |s: &str| {
            Selector::parse(s).map_err(|e| RuleError {
                selector: s.to_string(),
                message: format!("not a valid CSS selector ({e:?})"),
            })
        };
        Ok(SiteRules {
            body: body.iter().map(|s| one(s)).collect::<Result<_, _>>()?,
            drop: drop.iter().map(|s| one(s)).collect::<Result<_, _>>()?,
            title: title.map(one).transpose()?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.drop.is_empty() && self.title.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_selectors_are_named() {
        let e = SiteRules::parse(&["div..isi".into()], &[], None).unwrap_err();
        assert_eq!(e.selector, "div..isi");
        assert!(SiteRules::parse(&[], &[], None).unwrap().is_empty());
    }
}
