use chrono::NaiveDate;
use warta_model::{Article, Event, Region};

/// The selection flags shared by `warta search` and `warta export`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Gazetteer id (`org/kspi`), acronym or name of a participating organisation.
    pub org: Option<String>,
    /// Event type code.
    pub event_type: Option<String>,
    /// Province name ("Sumatera Selatan"), or Kemendagri code ("16").
    pub province: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether an event passes every given condition. Dates compare the event date; an event with
    /// no date never passes a date condition.
    pub fn matches_event(&self, e: &Event) -> bool {
        if let Some(t) = &self.event_type
            && !e.event_type.code().eq_ignore_ascii_case(t)
        {
            return false;
        }
        if let Some(org) = &self.org {
            let org = fold(org);
            let hit = e.participants.iter().any(|p| {
                p.id.as_deref().is_some_and(|id| {
                    fold(id) == org || fold(id.rsplit('/').next().unwrap_or(id)) == org
                }) || fold(&p.name) == org
                    || p.acronym.as_deref().is_some_and(|a| fold(a) == org)
                    || fold(&p.mention) == org
            });
            if !hit {
                return false;
            }
        }
        if let Some(prov) = &self.province {
            let regions = [e.location.province.as_ref(), e.location.place.as_ref()];
            if !regions
                .into_iter()
                .flatten()
                .any(|r| region_matches(r, prov))
            {
                return false;
            }
        }
        if self.from.is_some() || self.to.is_some() {
            let Some(d) = e.date.value else { return false };
            if self.from.is_some_and(|f| d < f) || self.to.is_some_and(|t| d > t) {
                return false;
            }
        }
        true
    }

    /// Whether an article passes: dates compare the publication date; organisation, type and
    /// province conditions hold when one of `events` reported by the article passes them.
    pub fn matches_article(&self, a: &Article, events: &[&Event]) -> bool {
        if self.from.is_some() || self.to.is_some() {
            let Some(d) = a.published.map(|p| p.date_naive()) else {
                return false;
            };
            if self.from.is_some_and(|f| d < f) || self.to.is_some_and(|t| d > t) {
                return false;
            }
        }
        if self.org.is_some() || self.event_type.is_some() || self.province.is_some() {
            let rest = Filter {
                from: None,
                to: None,
                ..self.clone()
            };
            return events.iter().any(|e| rest.matches_event(e));
        }
        true
    }
}

/// A province condition matches a region by code prefix or by name ("Sumatera Selatan",
/// "Provinsi Sumatera Selatan", case and spacing ignored).
fn region_matches(r: &Region, wanted: &str) -> bool {
    let w = fold(wanted);
    if w.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return r.code == w || r.code.starts_with(&format!("{w}."));
    }
    let name = fold(&r.name);
    name == w || name.strip_prefix("provinsi ").is_some_and(|n| n == w)
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
