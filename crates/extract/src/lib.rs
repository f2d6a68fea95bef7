//! Article + gazetteer → event records with evidence.
//!
//! A report of union–government interaction usually states its main event in the headline and
//! the lead: *who* met *whom*, *what kind* of meeting, *when* and *where*. This crate reads those
//! from the clean body text using the entities the gazetteer recognises, Indonesian trigger words,
//! date expressions and a few syntactic cues, and records for every field the words it came from.
//! Reports of the same event by several outlets are merged by [`merge_events`].
//!
//! Pure: no I/O, no clock, no global state — the same article and gazetteer always give the same
//! events with the same ids, so re-extraction is idempotent and the code runs under rayon, in tests
//! and in benchmarks unchanged.

mod claims;
mod dates;
mod merge;
mod participants;
mod place;
mod rules;
mod screen;
mod text;
mod triggers;

use chrono::Datelike;
use sha2::{Digest, Sha256};
use warta_gazetteer::{Entity, EntityKind, Gazetteer};
use warta_model::{
    Article, Crosswalk, DateMethod, DatePrecision, Event, EventDate, EventType, Evidence,
    ExtractorInfo, Location, Modality, SCHEMA_VERSION, Source,
};

pub use dates::{DateMention, find_dates};
pub use merge::merge_events;
pub use rules::{RULE_FILES, RuleRows, event_type_code, parse_rows};
pub use triggers::Trigger;

use rules::Rules;
use text::{CharIndex, Range};
use warta_model::{Reason, ReasonCode, Why};

/// What the extractor concluded about one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Whether the article is about labour relations at all.
    pub relevant: bool,
    pub events: Vec<Event>,
    /// The reasons of this decision, step by step (what was found, what was missing); the same
    /// steps that produced `events`, so `warta explain` never guesses.
    pub why: Why,
}

/// Extracts events with one gazetteer; cheap to share across threads.
pub struct Extractor<'g> {
    gazetteer: &'g Gazetteer,
    rules: Rules,
    info: ExtractorInfo,
}

impl<'g> Extractor<'g> {
    /// An extractor with the gazetteer's entities and its rule files (`rules/*.tsv`: bundled,
    /// or those of `--gazetteers DIR`).
    pub fn new(gazetteer: &'g Gazetteer) -> Extractor<'g> {
        let rows = |name: &str| -> RuleRows {
            gazetteer
                .rules(name)
                .map(|list| {
                    list.entries
                        .iter()
                        .map(|e| (e.line, e.fields.clone()))
                        .collect()
                })
                .unwrap_or_default()
        };
        Extractor::with_rules(gazetteer, &rows)
    }

    /// An extractor whose rule files come from `rows(name)`: the entries of `rules/NAME.tsv` as
    /// (line, fields). The entries that cannot be read are listed by [`Extractor::rule_problems`].
    pub fn with_rules(gazetteer: &'g Gazetteer, rows: &dyn Fn(&str) -> RuleRows) -> Extractor<'g> {
        let rows = |name: &str| -> RuleRows { rows(name) };
        Extractor {
            gazetteer,
            rules: Rules::compile(&rows),
            info: ExtractorInfo {
                version: env!("CARGO_PKG_VERSION").to_string(),
                gazetteers: gazetteer.content_hash(),
            },
        }
    }

    /// Rule entries that could not be used ("event-triggers.tsv:12: unknown type …").
    pub fn rule_problems(&self) -> &[String] {
        &self.rules.problems
    }

    /// Every trigger word of `text` by the rule files, in text order.
    pub fn find_triggers(&self, text: &str) -> Vec<Trigger> {
        triggers::find_triggers(&self.rules, text)
    }

    /// Finds the events an article reports. Articles without a labour actor, or whose frame is
    /// foreign news, statistics, a crime story or a campaign, give no events; `why` says which.
    pub fn analyse(&self, article: &Article) -> Analysis {
        let text = article.text.as_str();
        let entities = self.gazetteer.recognise(text);
        let doc = Doc::new(text);
        let screened = screen::screen(&self.rules, article, &doc, &entities);
        let mut reasons = screened.reasons;
        let done =
            |relevant: bool, events: Vec<Event>, mut reasons: Vec<Reason>, last: Option<Reason>| {
                reasons.extend(last);
                Analysis {
                    relevant,
                    why: Why {
                        events: events.len(),
                        reasons,
                    },
                    events,
                }
            };
        if !screened.relevant || screened.blocked {
            return done(screened.relevant, Vec::new(), reasons, None);
        }
        let whole = (0, text.len());
        let Some((first, first_anchor)) =
            self.event_in(article, &doc, &entities, &entities, whole, 0, None)
        else {
            let no = Reason {
                code: ReasonCode::NoTrigger,
                words: Vec::new(),
            };
            return done(true, Vec::new(), reasons, Some(no));
        };
        reasons.push(Reason {
            code: ReasonCode::Trigger,
            words: vec![first.trigger.clone()]
                .into_iter()
                .filter(|w| !w.is_empty())
                .collect(),
        });
        // An interaction needs someone on the other side: a government body, an official or an
        // employer, recognised or at least named by a word of `counterpart-cues`. Workers acting
        // alone (a union's own congress with no guest) are labour news, not an interaction.
        if !has_counterpart(&first)
            && !entities
                .iter()
                .any(|e| matches!(e.kind, EntityKind::Government | EntityKind::Employer))
            && self.rules.counterparts.find_all(text).is_empty()
            && self.rules.counterparts.find_all(&article.title).is_empty()
        {
            let no = Reason {
                code: ReasonCode::NoCounterpart,
                words: Vec::new(),
            };
            return done(true, Vec::new(), reasons, Some(no));
        }
        // A report of two events on different days ("Selasa … bimtek; sehari kemudian, Rabu …
        // pelantikan") becomes two records, each with the participants of its own paragraphs.
        if let Some((split, kind)) = self.second_event_start(text, &doc, &first, first_anchor)
            && let Some((mut a, _)) = self.event_in(
                article,
                &doc,
                &restrict(&entities, (0, split)),
                &entities,
                (0, split),
                0,
                None,
            )
            && let Some((mut b, _)) = self.event_in(
                article,
                &doc,
                &restrict(&entities, (split, text.len())),
                &entities,
                (split, text.len()),
                1,
                match kind {
                    Split::Occasion(t) => Some(t),
                    _ => None,
                },
            )
            && a.event_type != b.event_type
            && (kind != Split::SameDay || street(a.event_type) != street(b.event_type))
            && (kind != Split::SameDay
                || [a.event_type, b.event_type]
                    .iter()
                    .any(|t| matches!(t, EventType::Audience | EventType::Meeting)))
        {
            if kind == Split::SameDay {
                // The second interaction was told as part of the same day ("the hearing that
                // followed the protest"): a later date in its paragraphs is background.
                b.evidence.retain(|e| e.field != "date");
                b.evidence
                    .extend(a.evidence.iter().filter(|e| e.field == "date").cloned());
                b.date = a.date.clone();
            }
            if matches!(kind, Split::Occasion(_))
                && a.modality == Modality::Planned
                && a.date.method == DateMethod::Publication
                && let Some(d) = self.planned_date(article, &doc)
            {
                a.evidence.push(doc.evidence(text, "date", d.start, d.end));
                a.date = event_date(text, &d);
            }
            return done(true, vec![a, b], reasons, None);
        }
        done(true, vec![first], reasons, None)
    }

    /// The main event told in the byte range `span` of the body (the whole body, or one part of a
    /// report of several events), with the byte offset of its trigger. `entities` are those of
    /// the span; `all` are the whole article's, whose places (the dateline) locate every part.
    #[allow(clippy::too_many_arguments)] // each is one input of the decision, read once
    fn event_in(
        &self,
        article: &Article,
        doc: &Doc,
        entities: &[Entity],
        all: &[Entity],
        span: Range,
        idx: usize,
        only: Option<EventType>,
    ) -> Option<(Event, usize)> {
        let text = article.text.as_str();
        let published = article.published.map(|p| p.date_naive());
        let title_types: Vec<EventType> = self
            .find_triggers(&article.title)
            .iter()
            .map(|t| t.event_type)
            .collect();
        let first_para = doc.paragraph_index(span.0);
        let triggers: Vec<Trigger> = self
            .find_triggers(text)
            .into_iter()
            .filter(|t| t.start >= span.0 && t.end <= span.1)
            .filter(|t| only.is_none_or(|o| t.event_type == o))
            // A generic word asked for ("diminta memanggil", "mendesak bertemu") tells a demand,
            // not a meeting held; a specific one ("menuntut … mogok") is still the action.
            .filter(|t| {
                t.strength > 5
                    || t.event_type == EventType::Policy
                    || !triggers::demanded(&self.rules, text, doc, t)
            })
            .collect();
        let main = triggers.iter().max_by_key(|t| {
            let para = text::containing(&doc.paragraphs, t.start)
                .map(|p| p.saturating_sub(first_para))
                .unwrap_or(usize::MAX);
            let position = 4usize.saturating_sub(para) as i32;
            // A headline leads with its main event ("Latih Pengurus PUK Susun PKB" is a
            // training about an agreement): its first trigger weighs most.
            // It names what the lead tells: a later paragraph's trigger of the headline's type
            // ("tempat pelatihan" under a headline about a training deal) gets less of the bonus.
            let in_title = match (title_types.iter().position(|ty| *ty == t.event_type), para) {
                (Some(0), 0..=1) => 6,
                (Some(_), 0..=1) | (Some(0), _) => 2,
                (Some(_), _) => 1,
                (None, _) => 0,
            };
            // Earlier wins among equals: max_by_key keeps the last maximum, so subtract position.
            (t.strength as i32 + position + in_title, -(t.start as i64))
        });
        let (event_type, trigger_span) = match (main, title_types.first()) {
            (Some(t), _) => (
                triggers::asked_for(&self.rules, text, doc, t),
                Some(triggers::trigger_phrase(text, t)),
            ),
            (None, Some(t)) => (*t, None),
            (None, None) => {
                let unions = entities
                    .iter()
                    .filter(|e| e.kind == EntityKind::Union)
                    .count();
                let govs = entities
                    .iter()
                    .filter(|e| e.kind == EntityKind::Government)
                    .count();
                if (unions == 0 || govs == 0) && !self.official_asks_employers(text, doc, entities)
                {
                    return None;
                }
                (EventType::Other, None)
            }
        };
        let anchor = trigger_span.map(|s| s.0).unwrap_or(span.0);
        let trigger = match trigger_span {
            Some((s, e)) => text[s..e].to_string(),
            None => self.main_title_trigger(&article.title).unwrap_or_default(),
        };

        let mut evidence = Vec::new();
        if let Some((s, e)) = trigger_span {
            evidence.push(doc.evidence(text, "type", s, e));
        }

        // When: the date expression nearest the trigger, else the publication date.
        let mut found: Vec<DateMention> = find_dates(text, published)
            .into_iter()
            .filter(|d| d.start >= span.0 && d.end <= span.1)
            .collect();
        let anchored = anchor_yesterdays(text, doc, &mut found, published);
        let date_mention = nearest_date(doc, &found, &anchored, anchor, published, first_para);
        let has_explicit_date = date_mention.is_some();
        let date_at = date_mention.as_ref().map(|d| d.start);
        let date = match date_mention {
            Some(d) => {
                evidence.push(doc.evidence(text, "date", d.start, d.end));
                event_date(text, &d)
            }
            None => EventDate {
                value: published,
                end: None,
                precision: DatePrecision::Day,
                text: None,
                method: DateMethod::Publication,
            },
        };
        let after_publication = matches!((date.value, published), (Some(d), Some(p)) if d > p);
        let trigger_sentence = doc.sentence_at(text, anchor);
        let modality = if trigger_span.is_some() {
            triggers::modality(&self.rules, trigger_sentence, after_publication)
        } else {
            Modality::Occurred
        };

        // Where.
        let located = place::locate(
            text,
            doc,
            all,
            anchor,
            date_at,
            span,
            self.gazetteer,
            &self.rules,
            // Benefits and programmes are handed over where their recipients are.
            event_type != EventType::Program,
        );
        let mut location = Location {
            venue: None,
            place: located.place.clone(),
            province: located.province.clone(),
        };
        if let Some((s, e)) = located.venue {
            location.venue = Some(text[s..e].to_string());
            evidence.push(doc.evidence(text, "location", s, e));
        } else if let Some((s, e)) = located.place_span {
            evidence.push(doc.evidence(text, "location", s, e));
        }

        // Who, and what they said or asked for.
        let people = participants::build(text, doc, entities, event_type);
        for (i, first) in people.first_mentions.iter().enumerate() {
            evidence.push(doc.evidence(text, &format!("participants[{i}]"), first.0, first.1));
        }
        let mut participants = people.participants;
        let said = claims::find(
            &self.rules,
            text,
            doc,
            span,
            entities,
            &people.entity_to_participant,
        );
        participants::mark_speakers(&mut participants, &said.quotes);
        let claims = said
            .claims
            .into_iter()
            .enumerate()
            .map(|(i, (c, (s, e)))| warta_model::Claim {
                evidence: doc.evidence(text, &format!("claims[{i}]"), s, e),
                ..c
            })
            .collect();
        let quotes = said
            .quotes
            .into_iter()
            .enumerate()
            .map(|(i, (q, (s, e)))| warta_model::Quote {
                evidence: doc.evidence(text, &format!("quotes[{i}]"), s, e),
                ..q
            })
            .collect();

        let mut topics: Vec<String> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Topic)
            .filter_map(|e| {
                e.id.as_deref()
                    .map(|id| id.trim_start_matches("topic/").to_string())
            })
            .collect();
        topics.sort();
        topics.dedup();

        let unions = participants
            .iter()
            .filter(|p| p.kind == warta_model::ParticipantKind::Union)
            .count();
        let govs = participants
            .iter()
            .filter(|p| p.kind == warta_model::ParticipantKind::Government)
            .count();
        let confidence = (0.35
            + 0.1 * unions.min(2) as f64
            + 0.15 * (govs > 0) as u8 as f64
            + 0.15 * has_explicit_date as u8 as f64
            + 0.1 * (main.is_some()) as u8 as f64)
            .min(0.95);
        let (cameo, plover) = triggers::crosswalk(event_type);
        let event = Event {
            schema_version: SCHEMA_VERSION,
            id: candidate_id(&article.id, idx),
            event_type,
            trigger,
            date,
            modality,
            location,
            participants,
            topics,
            claims,
            quotes,
            figures: claims::figures(&text[span.0..span.1]),
            sources: vec![Source {
                article_id: article.id.clone(),
                url: article.url.clone(),
                site: article.site.clone(),
                title: article.title.clone(),
                published: article.published,
            }],
            evidence,
            confidence: (confidence * 100.0).round() / 100.0,
            crosswalk: Crosswalk {
                cameo: cameo.map(str::to_string),
                plover: plover.map(str::to_string),
            },
            extractor: self.info.clone(),
        };
        Some((event, anchor))
    }

    /// Where a second event starts, and whether it was the same day: a later paragraph whose first
    /// sentence carries both a specific trigger of another type and a day date other than the main
    /// event's, a few days apart ("Sehari kemudian, Rabu (14/5), pengurus … dilantik"); or, with no
    /// other date, the other half of the pair that news tells of one day — a street action and the
    /// hearing of its delegates ("Dari hasil rapat dengar pendapat …" after a protest at the
    /// council; "ratusan guru menggeruduk kantor dewan" after the council's meeting). Background
    /// history (a strike years ago) is too far in time, and a quote is what someone said, not what
    /// happened. A plan told in the lead and the meeting at which it was made known are two
    /// records too: the meeting happened, the plan is to come.
    fn second_event_start(
        &self,
        text: &str,
        doc: &Doc,
        main: &Event,
        anchor: usize,
    ) -> Option<(usize, Split)> {
        let main_date = main.date.value?;
        if main.date.method == DateMethod::Publication {
            return None;
        }
        let published = main.sources.first()?.published.map(|p| p.date_naive());
        let dates = find_dates(text, published);
        let triggers = self.find_triggers(text);
        let anchor_para = doc.paragraph_index(anchor);
        let far_day_in = |ss: usize, se: usize| {
            dates
                .iter()
                .any(|d| d.start >= ss && d.end <= se && (d.value - main_date).num_days().abs() > 1)
        };
        // A street action that opens a later paragraph ("Diberitakan sebelumnya, ratusan guru
        // menggeruduk kantor dewan, Senin.") after paragraphs telling the meeting of that day.
        if street(main.event_type)
            && main.modality == Modality::Occurred
            && anchor_para > 0
            && let Some(&(ps, _)) = doc.paragraphs.get(anchor_para)
            && let Some((ss, se)) = doc.sentence_range(ps)
            && anchor < se
            && !far_day_in(ss, se)
            && !triggers::plans(&self.rules, &text[ss..anchor])
        {
            return Some((ps, Split::SameDay));
        }
        for &(ps, pe) in doc.paragraphs.iter().skip(anchor_para + 1) {
            let (ss, se) = doc.sentence_range(ps).unwrap_or((ps, pe));
            let sentence = &text[ss..se];
            if sentence.starts_with(['“', '"', '‘', '\'']) {
                continue;
            }
            let other_day = dates.iter().any(|d| {
                d.start >= ss
                    && d.end <= se
                    && d.precision == DatePrecision::Day
                    && d.value != main_date
                    && (d.value - main_date).num_days().abs() <= 10
            });
            let other_kind = triggers.iter().any(|t| {
                t.start >= ss
                && t.end <= se
                && t.strength >= 7
                && t.event_type != main.event_type
                // A demonstration during a strike is the same action told again.
                && !(street(t.event_type) && street(main.event_type))
            });
            if other_day && other_kind {
                return Some((ps, Split::OtherDay));
            }
            let far_day = far_day_in(ss, se);
            // "akan memanggil … dalam rapat dengar pendapat pekan depan" plans a hearing; what
            // a held hearing decided may be a plan ("… bakal ditertibkan").
            let pair = triggers.iter().any(|t| {
                t.start >= ss
                    && t.end <= se
                    && !triggers::plans(&self.rules, &text[ss..t.start])
                    && t.strength >= 7
                    && ((street(main.event_type) && t.event_type == EventType::Audience)
                        || (matches!(main.event_type, EventType::Audience | EventType::Meeting)
                            && street(t.event_type)))
            });
            if pair && !far_day && main.modality == Modality::Occurred {
                return Some((ps, Split::SameDay));
            }
            // A plan told in the lead and the meeting it came from ("Rencana tersebut mengemuka
            // saat Menteri bertemu …, Senin (11/12)"): the meeting happened, the plan is to come.
            let occasion = triggers.iter().find(|t| {
                t.start >= ss
                    && t.end <= se
                    && matches!(t.event_type, EventType::Audience | EventType::Meeting)
                    && !triggers::plan_verb(&self.rules, &text[ss..t.start])
            });
            let written_day = dates.iter().any(|d| {
                d.start >= ss && d.end <= se && !d.relative && d.precision == DatePrecision::Day
            });
            if main.modality == Modality::Planned
                && !matches!(main.event_type, EventType::Audience | EventType::Meeting)
                && written_day
                && let Some(t) = occasion
            {
                return Some((ps, Split::Occasion(t.event_type)));
            }
        }
        None
    }

    /// The time a plan names for itself anywhere in the report ("Rencananya, Desember 2017, …
    /// sudah dimulai"): the first day from publication on, or month from the month of publication
    /// on, in a sentence with a plan cue of `modality-cues`. For a planned event whose own paragraphs give no date.
    fn planned_date(&self, article: &Article, doc: &Doc) -> Option<DateMention> {
        let text = article.text.as_str();
        let published = article.published.map(|p| p.date_naive())?;
        let month_start = published.with_day(1)?;
        find_dates(text, Some(published)).into_iter().find(|d| {
            let ahead = match d.precision {
                DatePrecision::Day => d.value >= published,
                _ => d.value >= month_start,
            };
            ahead
                && doc
                    .sentence_range(d.start)
                    .is_some_and(|(s, e)| triggers::plans(&self.rules, &text[s..e]))
        })
    }

    /// A story with no word of interaction whose lead (first two paragraphs) has a sentence in
    /// which an official asks employers for something ("Wakil Gubernur meminta perusahaan
    /// kontraktor menambah pekerja"): the government acting towards employers on workers' behalf,
    /// an interaction of no listed type. The official is a recognised government body or titled
    /// person named in that sentence; the employers a word of `counterpart-cues` (employer side)
    /// after the demand cue of `claim-cues`.
    fn official_asks_employers(&self, text: &str, doc: &Doc, entities: &[Entity]) -> bool {
        let lead_end = doc.lead_end();
        doc.sentences
            .iter()
            .filter(|(_, e)| *e <= lead_end)
            .any(|&(s, e)| {
                let sentence = &text[s..e];
                let Some(ask) = claims::demand_at(&self.rules, sentence) else {
                    return false;
                };
                let official = entities.iter().any(|en| {
                    (en.kind == EntityKind::Government
                        || (en.kind == EntityKind::Person && en.title.is_some()))
                        && en.mentions.iter().any(|m| m.end <= e)
                });
                let employers = self
                    .rules
                    .counterparts
                    .find_all(&sentence[ask..])
                    .iter()
                    .any(|f| self.rules.counterpart_employer.get(f.entry) == Some(&true));
                official && employers
            })
    }

    fn main_title_trigger(&self, title: &str) -> Option<String> {
        self.find_triggers(title)
            .first()
            .map(|t| title[t.start..t.end].to_string())
    }
}

/// Whether an event names a counterpart of the workers: a government body or an employer, or a
/// person holding an office who does not act for a union.
fn has_counterpart(e: &Event) -> bool {
    use warta_model::ParticipantKind as K;
    e.participants.iter().any(|p| match p.kind {
        K::Government | K::Employer => true,
        K::Person => {
            p.title.is_some()
                && p.affiliation
                    .and_then(|i| e.participants.get(i))
                    .is_none_or(|a| a.kind != K::Union)
        }
        _ => false,
    })
}

/// How a report of two events is cut in two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Split {
    /// The second part tells another day.
    OtherDay,
    /// A street action and the hearing or meeting of the same day.
    SameDay,
    /// A plan in the lead and the meeting (this type) at which it was made known.
    Occasion(EventType),
}

/// Protests and strikes: the street actions of workers, told interchangeably by reporters.
fn street(t: EventType) -> bool {
    matches!(t, EventType::Protest | EventType::Strike)
}

/// The entities mentioned inside `span`, with only those mentions; affiliations to entities not
/// mentioned there are dropped.
fn restrict(entities: &[Entity], span: Range) -> Vec<Entity> {
    let mut map = vec![None; entities.len()];
    let mut out: Vec<Entity> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        let mentions: Vec<_> = e
            .mentions
            .iter()
            .filter(|m| m.start >= span.0 && m.end <= span.1)
            .cloned()
            .collect();
        if mentions.is_empty() {
            continue;
        }
        map[i] = Some(out.len());
        out.push(Entity {
            mentions,
            ..e.clone()
        });
    }
    for e in &mut out {
        e.affiliation = e.affiliation.and_then(|a| map.get(a).copied().flatten());
    }
    out
}

/// Paragraph and sentence spans of a text plus its code point index, computed once per article.
/// The event's date from the words that wrote it.
fn event_date(text: &str, d: &DateMention) -> EventDate {
    EventDate {
        value: Some(d.value),
        end: d.end_value,
        precision: d.precision,
        text: Some(text[d.start..d.end].to_string()),
        method: if d.relative {
            DateMethod::Relative
        } else {
            DateMethod::Explicit
        },
    }
}

pub(crate) struct Doc {
    pub paragraphs: Vec<Range>,
    pub sentences: Vec<Range>,
    chars: CharIndex,
}

impl Doc {
    fn new(text: &str) -> Doc {
        Doc {
            paragraphs: text::paragraphs(text),
            sentences: text::sentences(text),
            chars: CharIndex::new(text),
        }
    }

    /// Where the lead ends: the first two paragraphs, where a story says what it is about.
    pub(crate) fn lead_end(&self) -> usize {
        self.paragraphs
            .get(1)
            .or(self.paragraphs.first())
            .map(|p| p.1)
            .unwrap_or(0)
    }

    pub(crate) fn evidence(&self, text: &str, field: &str, start: usize, end: usize) -> Evidence {
        Evidence {
            field: field.to_string(),
            source: 0,
            start: self.chars.chars(start),
            end: self.chars.chars(end),
            text: text[start..end].to_string(),
        }
    }

    pub(crate) fn sentence_range(&self, pos: usize) -> Option<Range> {
        text::containing(&self.sentences, pos).map(|i| self.sentences[i])
    }

    pub(crate) fn sentence_at<'t>(&self, text: &'t str, pos: usize) -> &'t str {
        self.sentence_range(pos)
            .map(|(s, e)| &text[s..e])
            .unwrap_or("")
    }

    pub(crate) fn paragraph_index(&self, pos: usize) -> usize {
        text::containing(&self.paragraphs, pos).unwrap_or(self.paragraphs.len())
    }
}

/// "kemarin" in a quote means the day before the quote was spoken, and the attribution names
/// that day ("\"... kemarin terjadi unjuk rasa ...,\" kata Kapolda, Minggu (20/8)"): a "kemarin"
/// with a written day date after it in its paragraph is re-read against that date. Returns the
/// starts of the mentions re-read (as sure as a written date).
fn anchor_yesterdays(
    text: &str,
    doc: &Doc,
    found: &mut [DateMention],
    published: Option<chrono::NaiveDate>,
) -> Vec<usize> {
    let Some(published) = published else {
        return Vec::new();
    };
    let written: Vec<(usize, usize, chrono::NaiveDate)> = found
        .iter()
        .filter(|d| !d.relative && d.precision == DatePrecision::Day)
        .map(|d| (d.start, doc.paragraph_index(d.start), d.value))
        .collect();
    let mut out = Vec::new();
    for d in found.iter_mut() {
        let word = text[d.start..d.end].to_lowercase();
        if !d.relative || word != "kemarin" {
            continue;
        }
        let para = doc.paragraph_index(d.start);
        if let Some(&(_, _, said)) = written
            .iter()
            .find(|(s, p, v)| *s > d.start && *p == para && *v <= published)
        {
            d.value = said - chrono::Duration::days(1);
            out.push(d.start);
        }
    }
    out
}

/// The date the event most likely happened on: the explicit date closest to the trigger, with
/// dates in other paragraphs, month-only dates and dates long before publication (background
/// history) made less likely.
fn nearest_date(
    doc: &Doc,
    found: &[DateMention],
    anchored: &[usize],
    anchor: usize,
    published: Option<chrono::NaiveDate>,
    first_para: usize,
) -> Option<DateMention> {
    let anchor_para = doc.paragraph_index(anchor);
    found
        .iter()
        .filter(|d| {
            doc.paragraph_index(d.start) <= anchor_para + 2
                || doc.paragraph_index(d.start) < first_para + 4
        })
        // A bare month long before publication ("disahkan pada September 2016") is background,
        // not the day of the event.
        .filter(|d| {
            d.precision == DatePrecision::Day
                || published.is_none_or(|p| (p - d.value).num_days() <= 60)
        })
        .min_by_key(|d| {
            let para_gap = doc.paragraph_index(d.start).abs_diff(anchor_para);
            let mut cost = d.start.abs_diff(anchor) + 2000 * para_gap;
            if d.start < anchor {
                cost += 50; // "pada Kamis (31/7)" follows the verb more often than it precedes it
            }
            if d.precision != DatePrecision::Day {
                cost += 5000;
            }
            if d.relative && !anchored.contains(&d.start) {
                cost += 300;
            }
            if let Some(p) = published {
                let days_before = (p - d.value).num_days();
                if !(-400..=45).contains(&days_before) {
                    cost += 4000;
                }
            }
            cost
        })
        .cloned()
}

fn candidate_id(article_id: &str, idx: usize) -> String {
    let digest = Sha256::digest(format!("{article_id}:{idx}").as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("ev-{hex}")
}
