//! Scores warta's articles and events against hand-made gold, with the same rules as the shared
//! evaluation scorer (`score.py`): names are compared after folding case, punctuation and
//! honorifics; a participant matching nothing is a false positive, one matching an `optional`
//! name is ignored, one matching a `never` name is a boilerplate leak.
//!
//! Keeping the scorer in the project lets `warta eval` and the tests measure the bundled gold
//! without anything outside the repository.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;
use warta_model::{Article, Event};

/// One gold line.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub url: String,
    #[serde(default)]
    pub article: GoldArticle,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub extra_events_ok: usize,
    #[serde(default)]
    pub optional: Vec<String>,
    #[serde(default)]
    pub never: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldArticle {
    pub title: Option<String>,
    pub published: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub date: Value,
    pub modality: Option<String>,
    #[serde(default)]
    pub province: Value,
    #[serde(default)]
    pub place: Option<Vec<Option<String>>>,
    #[serde(default)]
    pub venue: Vec<String>,
    #[serde(default)]
    pub unions: Vec<Vec<String>>,
    #[serde(default)]
    pub government: Vec<Vec<String>>,
    #[serde(default)]
    pub employers: Vec<Vec<String>>,
    #[serde(default)]
    pub people: Vec<GoldPerson>,
    #[serde(default)]
    pub claims: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldPerson {
    pub names: Vec<String>,
    #[serde(default)]
    pub titles: Vec<String>,
}

const HONORIFICS: &[&str] = &[
    "bapak", "bpk", "pak", "ibu", "bu", "h", "hj", "dr", "drs", "dra", "ir", "prof", "kh", "sdr",
    "saudara", "st", "se", "sh", "mh", "mm", "msi", "mpd", "spd", "skm", "mt", "ak",
];

fn fold(s: &str) -> String {
    let s: String = s.nfkc().collect::<String>().to_lowercase();
    let s: String = s
        .chars()
        .map(|c| {
            if ('\u{2010}'..='\u{2015}').contains(&c) || "-/&.,()'\"“”‘’:".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fold_person(s: &str) -> String {
    fold(s)
        .split(' ')
        .filter(|w| !HONORIFICS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn tokens(s: &str) -> Vec<String> {
    let s: String = s.nfkc().collect::<String>().to_lowercase();
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn bag_f1(pred: &str, gold: &str) -> (f64, f64, f64) {
    let count = |s: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for t in tokens(s) {
            *m.entry(t).or_default() += 1;
        }
        m
    };
    let (p, g) = (count(pred), count(gold));
    let (np, ng): (usize, usize) = (p.values().sum(), g.values().sum());
    if np == 0 && ng == 0 {
        return (1.0, 1.0, 1.0);
    }
    let common: usize = p
        .iter()
        .map(|(t, n)| (*n).min(*g.get(t).unwrap_or(&0)))
        .sum();
    let prec = common as f64 / np.max(1) as f64;
    let rec = common as f64 / ng.max(1) as f64;
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    (prec, rec, f1)
}

fn participant_names(p: &warta_model::Participant) -> Vec<String> {
    let mut names = vec![p.name.clone(), p.mention.clone()];
    names.extend(p.acronym.clone());
    if let Some(id) = &p.id {
        names.push(id.rsplit('/').next().unwrap_or(id).to_string());
    }
    names.into_iter().filter(|n| !n.is_empty()).collect()
}

fn matches(pred: &[String], gold: &[String], person: bool) -> bool {
    let f = if person { fold_person } else { fold };
    let ps: HashSet<String> = pred
        .iter()
        .map(|n| f(n))
        .filter(|n| !n.is_empty())
        .collect();
    let gs: HashSet<String> = gold
        .iter()
        .map(|n| f(n))
        .filter(|n| !n.is_empty())
        .collect();
    if ps.intersection(&gs).next().is_some() {
        return true;
    }
    person
        && ps.iter().any(|a| {
            gs.iter().any(|b| {
                format!(" {b} ").contains(&format!(" {a} "))
                    || format!(" {a} ").contains(&format!(" {b} "))
            })
        })
}

/// A gold value is one acceptable value or a list of them (null in the list: missing is fine).
fn one_of(value: Option<&str>, gold: &Value) -> bool {
    let accept = |g: &Value| match g {
        Value::Null => value.is_none(),
        Value::String(s) => value == Some(s.as_str()),
        _ => false,
    };
    match gold {
        Value::Array(list) => list.iter().any(accept),
        other => accept(other),
    }
}

/// The scores, with the lists of leaks, misses and extra participants, as a JSON object in the
/// same shape `score.py --json` prints.
pub fn score(gold: &[Gold], articles: &[Article], events: &[Event]) -> Value {
    let mut by_url: HashMap<&str, &Article> = HashMap::new();
    for a in articles {
        by_url.insert(a.url.as_str(), a);
        if let Some(c) = &a.canonical_url {
            by_url.insert(c.as_str(), a);
        }
    }
    let mut ev_by_url: HashMap<&str, Vec<&Event>> = HashMap::new();
    for e in events {
        for s in &e.sources {
            ev_by_url.entry(s.url.as_str()).or_default().push(e);
        }
    }
    let mut m: BTreeMap<&str, f64> = BTreeMap::new();
    let add = |m: &mut BTreeMap<&str, f64>, k: &'static str, v: f64| *m.entry(k).or_default() += v;
    let (mut leaks, mut misses, mut extras) = (Vec::new(), Vec::new(), Vec::new());
    for g in gold {
        add(&mut m, "articles", 1.0);
        match by_url.get(g.url.as_str()) {
            None => misses.push(format!("{}: no article exported", g.url)),
            Some(art) => {
                add(
                    &mut m,
                    "title_ok",
                    (fold(&art.title) == fold(g.article.title.as_deref().unwrap_or(""))) as u8
                        as f64,
                );
                let published = art
                    .published
                    .map(|p| p.format("%Y-%m-%d").to_string())
                    .unwrap_or_default();
                add(
                    &mut m,
                    "published_ok",
                    (Some(published.as_str()) == g.article.published.as_deref()) as u8 as f64,
                );
                if let Some(text) = &g.article.text {
                    let (p, r, f) = bag_f1(&art.text, text);
                    add(&mut m, "body_p", p);
                    add(&mut m, "body_r", r);
                    add(&mut m, "body_f1", f);
                }
                let names: Vec<String> = art.authors.iter().map(|a| a.name.clone()).collect();
                add(&mut m, "authors_gold", g.article.authors.len() as f64);
                let found = g
                    .article
                    .authors
                    .iter()
                    .filter(|x| {
                        names.iter().any(|n| {
                            matches(std::slice::from_ref(n), std::slice::from_ref(x), true)
                        })
                    })
                    .count();
                add(&mut m, "authors_found", found as f64);
            }
        }
        let preds: Vec<&Event> = ev_by_url.get(g.url.as_str()).cloned().unwrap_or_default();
        add(&mut m, "events_gold", g.events.len() as f64);
        let counted = if preds.len() > g.events.len() {
            g.events
                .len()
                .max(preds.len().saturating_sub(g.extra_events_ok))
        } else {
            preds.len()
        };
        add(&mut m, "events_pred", counted as f64);
        let mut used = HashSet::new();
        for ge in &g.events {
            let gold_ents: Vec<(&str, &Vec<String>, bool)> = ge
                .unions
                .iter()
                .map(|n| ("union", n, false))
                .chain(ge.government.iter().map(|n| ("government", n, false)))
                .chain(ge.employers.iter().map(|n| ("employer", n, false)))
                .chain(ge.people.iter().map(|p| ("person", &p.names, true)))
                .collect();
            let mut best: Option<(usize, i64)> = None;
            for (i, pe) in preds.iter().enumerate() {
                if used.contains(&i) {
                    continue;
                }
                let mut hits = gold_ents
                    .iter()
                    .filter(|(_, names, person)| {
                        pe.participants
                            .iter()
                            .any(|pp| matches(&participant_names(pp), names, *person))
                    })
                    .count() as i64;
                hits += 2 * ge.types.iter().any(|t| t == pe.event_type.code()) as i64;
                hits +=
                    2 * one_of(pe.date.value.map(|d| d.to_string()).as_deref(), &ge.date) as i64;
                if best.is_none_or(|(_, b)| hits > b) {
                    best = Some((i, hits));
                }
            }
            let Some((bi, _)) = best else {
                misses.push(format!(
                    "{}: gold event {} not found",
                    g.url,
                    ge.types.first().cloned().unwrap_or_default()
                ));
                add(&mut m, "ent_fn", gold_ents.len() as f64);
                continue;
            };
            used.insert(bi);
            let pe = preds[bi];
            add(&mut m, "events_matched", 1.0);
            add(
                &mut m,
                "type_ok",
                ge.types.iter().any(|t| t == pe.event_type.code()) as u8 as f64,
            );
            add(
                &mut m,
                "date_ok",
                one_of(pe.date.value.map(|d| d.to_string()).as_deref(), &ge.date) as u8 as f64,
            );
            if let Some(modality) = &ge.modality {
                add(&mut m, "modality_n", 1.0);
                let got = serde_json::to_value(pe.modality)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                add(&mut m, "modality_ok", (&got == modality) as u8 as f64);
            }
            add(
                &mut m,
                "province_ok",
                one_of(
                    pe.location.province.as_ref().map(|r| r.code.as_str()),
                    &ge.province,
                ) as u8 as f64,
            );
            if let Some(places) = &ge.place
                && places.iter().any(Option::is_some)
            {
                add(&mut m, "place_n", 1.0);
                let code = pe.location.place.as_ref().map(|r| r.code.clone());
                add(&mut m, "place_ok", places.contains(&code) as u8 as f64);
            }
            if !ge.venue.is_empty() {
                add(&mut m, "venue_n", 1.0);
                let v = fold(pe.location.venue.as_deref().unwrap_or(""));
                let ok = !v.is_empty()
                    && ge
                        .venue
                        .iter()
                        .any(|x| fold(x).contains(&v) || v.contains(&fold(x)));
                add(&mut m, "venue_ok", ok as u8 as f64);
            }
            let mut found = vec![false; gold_ents.len()];
            for pp in &pe.participants {
                let names = participant_names(pp);
                let person = pp.kind == warta_model::ParticipantKind::Person;
                let hit: Vec<usize> = gold_ents
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, gn, gp))| matches(&names, gn, *gp || person))
                    .map(|(k, _)| k)
                    .collect();
                if !hit.is_empty() {
                    for k in hit {
                        if !found[k] {
                            found[k] = true;
                            add(&mut m, "ent_tp", 1.0);
                            if gold_ents[k].0 == "person"
                                && let Some(gp) =
                                    ge.people.iter().find(|p| &p.names == gold_ents[k].1)
                                && !gp.titles.is_empty()
                            {
                                add(&mut m, "ptitle_n", 1.0);
                                let t = fold(pp.title.as_deref().unwrap_or(""));
                                add(
                                    &mut m,
                                    "ptitle_ok",
                                    gp.titles.iter().any(|x| t.contains(&fold(x))) as u8 as f64,
                                );
                            }
                        }
                    }
                    continue;
                }
                if g.never
                    .iter()
                    .any(|n| matches(&names, std::slice::from_ref(n), person))
                {
                    leaks.push(format!("{}: {}", g.url, pp.name));
                    add(&mut m, "ent_fp", 1.0);
                } else if g
                    .optional
                    .iter()
                    .any(|n| matches(&names, std::slice::from_ref(n), true))
                {
                    continue;
                } else {
                    extras.push(format!("{}: {} {}", g.url, pp.kind.code(), pp.name));
                    add(&mut m, "ent_fp", 1.0);
                }
            }
            for (k, ok) in found.iter().enumerate() {
                if !ok {
                    add(&mut m, "ent_fn", 1.0);
                    misses.push(format!(
                        "{}: missing {} {}",
                        g.url,
                        gold_ents[k].0,
                        gold_ents[k].1.first().cloned().unwrap_or_default()
                    ));
                }
            }
            for c in &ge.claims {
                add(&mut m, "claims_n", 1.0);
                add(
                    &mut m,
                    "claims_ok",
                    pe.claims.iter().any(|cl| fold(&cl.text).contains(&fold(c))) as u8 as f64,
                );
            }
        }
    }
    let get = |k: &str| m.get(k).copied().unwrap_or(0.0);
    let ratio = |a: &str, b: &str| {
        if get(b) > 0.0 {
            json!(round(get(a) / get(b)))
        } else {
            Value::Null
        }
    };
    let (tp, fp, fn_) = (get("ent_tp"), get("ent_fp"), get("ent_fn"));
    let prec = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let rec = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let n = get("articles");
    json!({
        "articles": n,
        "title_acc": ratio("title_ok", "articles"),
        "published_acc": ratio("published_ok", "articles"),
        "body_f1": if n > 0.0 { json!(round(get("body_f1") / n)) } else { Value::Null },
        "body_precision": if n > 0.0 { json!(round(get("body_p") / n)) } else { Value::Null },
        "body_recall": if n > 0.0 { json!(round(get("body_r") / n)) } else { Value::Null },
        "author_recall": ratio("authors_found", "authors_gold"),
        "event_recall": ratio("events_matched", "events_gold"),
        "event_precision": ratio("events_matched", "events_pred"),
        "type_acc": ratio("type_ok", "events_gold"),
        "date_acc": ratio("date_ok", "events_gold"),
        "modality_acc": ratio("modality_ok", "modality_n"),
        "province_acc": ratio("province_ok", "events_gold"),
        "place_acc": ratio("place_ok", "place_n"),
        "venue_acc": ratio("venue_ok", "venue_n"),
        "participant_precision": round(prec),
        "participant_recall": round(rec),
        "participant_f1": if prec + rec > 0.0 { round(2.0 * prec * rec / (prec + rec)) } else { 0.0 },
        "person_title_acc": ratio("ptitle_ok", "ptitle_n"),
        "claim_recall": ratio("claims_ok", "claims_n"),
        "boilerplate_leaks": leaks.len(),
        "leaks": leaks, "missing": misses, "extra": extras,
    })
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Reads a gold file (JSON Lines); errors name the line.
pub fn parse_gold(text: &str) -> Result<Vec<Gold>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// The scores as the aligned table `score.py` prints.
pub fn table(result: &Value) -> String {
    let mut out = String::new();
    if let Some(obj) = result.as_object() {
        for (k, v) in obj {
            if matches!(k.as_str(), "leaks" | "missing" | "extra") {
                continue;
            }
            let shown = if v.is_null() {
                "None".to_string()
            } else {
                v.to_string()
            };
            out.push_str(&format!("{k:24} {shown}\n"));
        }
        for (k, label) in [
            ("leaks", "leak"),
            ("missing", "missing"),
            ("extra", "extra"),
        ] {
            for line in obj.get(k).and_then(Value::as_array).into_iter().flatten() {
                out.push_str(&format!("{label}: {}\n", line.as_str().unwrap_or_default()));
            }
        }
    }
    out
}
