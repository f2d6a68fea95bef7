use chrono::NaiveDate;
use warta_model::{Article, Event, EventType, Participant, Region};

/// The selection shared by `warta search`, `export`, `stats` and `show`, **already resolved**:
/// names the user typed ("sumsel", "Disnaker", "KSPI") have become region codes and participant
/// keys by [`crate::Resolver`], so every command and the search index test the same values the
/// same way and cannot disagree on what a filter means.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Participant keys (see [`participant_keys`]); an event passes when one of its participants
    /// has one of them. `None`: no organisation condition.
    pub orgs: Option<Vec<String>>,
    pub event_type: Option<EventType>,
    /// Kemendagri region codes; an event passes when its province or place lies in one of them
    /// (`"16"` holds `"16.71"`). `None`: no place condition.
    pub regions: Option<Vec<String>>,
    /// Inclusive first day (event day; for articles the publication day).
    pub from: Option<NaiveDate>,
    /// Inclusive last day.
    pub to: Option<NaiveDate>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether an event passes every given condition. Dates compare the event date; an event with
    /// no date never passes a date condition.
    pub fn matches_event(&self, e: &Event) -> bool {
        if self.event_type.is_some_and(|t| e.event_type != t) {
            return false;
        }
        if let Some(orgs) = &self.orgs {
            let hit = e
                .participants
                .iter()
                .flat_map(participant_keys)
                .any(|k| orgs.contains(&k));
            if !hit {
                return false;
            }
        }
        if let Some(regions) = &self.regions
            && !event_region_keys(e).any(|k| regions.contains(&k))
        {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            let Some(d) = e.date.value else { return false };
            if !self.day_in_range(d) {
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
            if !self.day_in_range(d) {
                return false;
            }
        }
        if self.orgs.is_some() || self.event_type.is_some() || self.regions.is_some() {
            let rest = Filter {
                from: None,
                to: None,
                ..self.clone()
            };
            return events.iter().any(|e| rest.matches_event(e));
        }
        true
    }

    /// [`Self::matches_event`] without the date condition: for the events of articles selected
    /// by their publication day.
    pub fn matches_event_ignoring_dates(&self, e: &Event) -> bool {
        Filter {
            from: None,
            to: None,
            ..self.clone()
        }
        .matches_event(e)
    }

    fn day_in_range(&self, d: NaiveDate) -> bool {
        !(self.from.is_some_and(|f| d < f) || self.to.is_some_and(|t| d > t))
    }
}

/// The keys an `--org` filter can select a participant by: its gazetteer id, and for a regional
/// office (`gov/16.71/disnaker`, the gazetteer's convention `gov/{region code}/{office suffix}`)
/// also the office type it is an instance of (`office/disnaker`), so `--org Disnaker` means every
/// labour office. A participant the gazetteer does not know has no keys. The search index stores
/// exactly these keys, so search and export select the same events.
pub fn participant_keys(p: &Participant) -> Vec<String> {
    let Some(id) = p.id.as_deref().filter(|id| !id.trim().is_empty()) else {
        return Vec::new();
    };
    let mut keys = vec![id.to_string()];
    let parts: Vec<&str> = id.split('/').collect();
    if let ["gov", region, suffix] = parts.as_slice()
        && is_region_code(region)
        && !suffix.is_empty()
    {
        keys.push(format!("office/{suffix}"));
    }
    keys
}

/// Every code a region can be selected by: its own and each enclosing one (`"16.71.01"` →
/// `"16"`, `"16.71"`, `"16.71.01"`).
pub fn region_keys(r: &Region) -> impl Iterator<Item = String> + '_ {
    let code = r.code.trim();
    code.match_indices('.')
        .map(move |(i, _)| code[..i].to_string())
        .chain(std::iter::once(code.to_string()))
        .filter(|c| !c.is_empty())
}

/// The region keys of an event: those of its province and of its place.
pub fn event_region_keys(e: &Event) -> impl Iterator<Item = String> + '_ {
    [e.location.province.as_ref(), e.location.place.as_ref()]
        .into_iter()
        .flatten()
        .flat_map(region_keys)
}

/// Whether `s` looks like a Kemendagri code (`16`, `16.71`, `32.16.20`).
pub fn is_region_code(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use warta_model::RegionLevel;

    fn region(code: &str) -> Region {
        Region {
            name: String::new(),
            code: code.into(),
            level: RegionLevel::District,
        }
    }

    #[test]
    fn region_keys_are_every_enclosing_code() {
        let keys: Vec<String> = region_keys(&region("16.71.01")).collect();
        assert_eq!(keys, ["16", "16.71", "16.71.01"]);
        let keys: Vec<String> = region_keys(&region("31")).collect();
        assert_eq!(keys, ["31"]);
        assert!(is_region_code("16.71"));
        assert!(!is_region_code("16."));
        assert!(!is_region_code("kemnaker"));
    }

    #[test]
    fn an_office_is_also_its_office_type() {
        let mut p: Participant =
            serde_json::from_str(r#"{"kind":"government","name":"x","mention":"x","role":"host"}"#)
                .unwrap();
        assert!(participant_keys(&p).is_empty());
        p.id = Some("gov/16.71/disnaker".into());
        assert_eq!(
            participant_keys(&p),
            ["gov/16.71/disnaker", "office/disnaker"]
        );
        p.id = Some("gov/kemnaker/sekjen".into());
        assert_eq!(participant_keys(&p), ["gov/kemnaker/sekjen"]);
    }
}
