//! Recognition quality on short gold articles written for this test (`tests/data/people.jsonl`):
//! unions, government bodies, employers and people with their titles, in varied regions and
//! writing styles. Guards the general patterns (titles with body, region and branch; degrees
//! after names; companies named on the fly; merged offices) against regressions.

use serde_json::Value;
use warta_gazetteer::{Entity, EntityKind, Gazetteer};

fn kind(k: &str) -> Option<EntityKind> {
    match k {
        "union" => Some(EntityKind::Union),
        "government" => Some(EntityKind::Government),
        "employer" => Some(EntityKind::Employer),
        "person" => Some(EntityKind::Person),
        _ => None,
    }
}

/// An organisation matches by its canonical name, acronym or any mention as written; a person
/// by the full name.
fn same(e: &Entity, k: EntityKind, name: &str) -> bool {
    let eq = |s: &str| s.to_lowercase() == name.to_lowercase();
    e.kind == k
        && (eq(&e.name)
            || k != EntityKind::Person
                && (e.acronym.as_deref().is_some_and(eq) || e.mentions.iter().any(|m| eq(&m.text))))
}

#[test]
fn precision_recall_and_titles_on_own_gold() {
    let g = Gazetteer::bundled().expect("bundled gazetteer");
    let data = include_str!("data/people.jsonl");
    let (mut tp, mut gold_n, mut pred_n) = (0usize, 0usize, 0usize);
    let (mut title_ok, mut title_n) = (0usize, 0usize);
    let mut report = Vec::new();
    for (line, text) in data
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let doc: Value = serde_json::from_str(text).expect("valid JSON line");
        let body = doc["text"].as_str().expect("text");
        let entities = g.recognise(body);
        let gold = doc["entities"].as_array().expect("entities");
        let predicted: Vec<&Entity> = entities
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EntityKind::Union
                        | EntityKind::Government
                        | EntityKind::Employer
                        | EntityKind::Person
                )
            })
            .collect();
        pred_n += predicted.len();
        let mut used = vec![false; predicted.len()];
        for ge in gold {
            let k = kind(ge["kind"].as_str().unwrap_or_default()).expect("known kind");
            let name = ge["name"].as_str().expect("name");
            gold_n += 1;
            let hit = predicted
                .iter()
                .enumerate()
                .find(|(i, e)| !used[*i] && same(e, k, name));
            match hit {
                Some((i, e)) => {
                    used[i] = true;
                    tp += 1;
                    if let Some(t) = ge.get("title").and_then(Value::as_str) {
                        title_n += 1;
                        let got = e.title.clone().unwrap_or_default();
                        if got.to_lowercase().contains(&t.to_lowercase()) {
                            title_ok += 1;
                        } else {
                            report.push(format!(
                                "line {}: {name}: title {got:?}, want {t:?}",
                                line + 1
                            ));
                        }
                    }
                }
                None => report.push(format!("line {}: missing {k:?} {name}", line + 1)),
            }
        }
        for (i, e) in predicted.iter().enumerate() {
            if !used[i] {
                report.push(format!("line {}: extra {:?} {}", line + 1, e.kind, e.name));
            }
        }
    }
    let precision = tp as f64 / pred_n.max(1) as f64;
    let recall = tp as f64 / gold_n.max(1) as f64;
    let titles = title_ok as f64 / title_n.max(1) as f64;
    let summary = format!(
        "P {precision:.3} R {recall:.3} titles {titles:.3} ({gold_n} gold)\n{}",
        report.join("\n")
    );
    assert!(gold_n >= 40, "{summary}");
    assert!(
        precision >= 0.9 && recall >= 0.9 && titles >= 0.9,
        "{summary}"
    );
    eprintln!("{summary}");
}
