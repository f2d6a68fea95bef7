//! Where an event happened: the venue as written, the most specific region below the province,
//! and the province.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use warta_gazetteer::{Entity, EntityKind, EntryKind, Gazetteer};
use warta_model::{Region, RegionLevel};

use crate::Doc;
use crate::rules::Rules;
use crate::text::Range;

pub(crate) struct Located {
    pub venue: Option<Range>,
    pub place: Option<Region>,
    pub place_span: Option<Range>,
    pub province: Option<Region>,
}

/// Words that end a venue phrase: what follows them is time, purpose or a new clause.
static VENUE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:pada|yang|untuk|dalam|sekitar|sejak|mulai|hari|tanggal|dengan|guna|serta|setelah|sebelum|saat|ketika|kemarin|bersama)\b").expect("static regex")
});

/// `date_at` is where the event's date was read: the venue is often named beside it. `span` is
/// the part of the body that tells this event; venues are looked for only there. `at_seat`: the
/// event happens where its national body sits when no place is named (a hearing, a meeting), not
/// where its recipients live (a handing over of benefits).
#[allow(clippy::too_many_arguments)] // each is one input of the decision, read once
pub(crate) fn locate(
    text: &str,
    doc: &Doc,
    entities: &[Entity],
    anchor: usize,
    date_at: Option<usize>,
    span: Range,
    gazetteer: &Gazetteer,
    rules: &Rules,
    at_seat: bool,
) -> Located {
    let extra: Vec<usize> = date_at
        .map(|d| doc.paragraph_index(d))
        .into_iter()
        .collect();
    let venue = find_venue(rules, text, doc, anchor, &extra, span);
    let mut located = Located {
        venue,
        place: None,
        place_span: None,
        province: None,
    };

    // 1. A dateline ("Palembang, Fspkep.id |", "CIKARANG PUSAT -") names where the report comes from.
    // 2. Else a region named in the trigger's or the venue's sentence.
    let dateline = rules
        .dateline
        .as_ref()
        .and_then(|re| re.captures(text))
        .and_then(|c| c.name("p"))
        .map(|m| (m.start(), m.end()));
    let nickname_entities: Vec<Entity> =
        named_places(text, gazetteer, &rules.nicknames, &rules.nickname_region);
    let places: Vec<(&Entity, Range)> = entities
        .iter()
        .chain(nickname_entities.iter())
        .filter(|e| e.kind == EntityKind::Place && e.region.is_some())
        .flat_map(|e| e.mentions.iter().map(move |m| (e, (m.start, m.end))))
        .collect();
    // A landmark in the venue or in the trigger's sentence ("di depan Gedung Sate") fixes the city.
    let landmark_entities: Vec<Entity> =
        named_places(text, gazetteer, &rules.landmarks, &rules.landmark_region);
    let trigger_sentence = doc.sentence_range(anchor);
    let landmark = landmark_entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (e, (m.start, m.end))))
        .find(|(_, r)| {
            venue.is_some_and(|v| r.0 >= v.0 && r.1 <= v.1)
                || trigger_sentence.is_some_and(|s| r.0 >= s.0 && r.1 <= s.1)
        });
    let in_dateline = dateline
        .and_then(|(s, e)| places.iter().find(|(_, r)| r.0 >= s && r.1 <= e))
        .copied();
    let near = || {
        let sentences: Vec<Range> = [Some(anchor), venue.map(|v| v.0)]
            .into_iter()
            .flatten()
            .filter_map(|p| doc.sentence_range(p))
            .collect();
        places
            .iter()
            .filter(|(_, r)| sentences.iter().any(|s| r.0 >= s.0 && r.1 <= s.1))
            .max_by_key(|(e, r)| (level_rank(e.region.as_ref()), -(r.0 as i64)))
            .copied()
    };
    // A national outlet files from the capital ("Jakarta, CNN Indonesia --") about events
    // elsewhere: a place in another province named in the trigger's sentence beats the dateline.
    let elsewhere = in_dateline.and_then(|(d, _)| {
        let province = d.region.as_ref()?.province_code().to_string();
        let s = trigger_sentence?;
        places
            .iter()
            .filter(|(_, r)| r.0 >= s.0 && r.1 <= s.1)
            // District names repeat across the country ("Teluk Bayur"): only a city, regency or
            // province is sure enough to overrule the dateline.
            .filter(|(e, _)| {
                e.region.as_ref().is_some_and(|r| {
                    r.province_code() != province && r.level != RegionLevel::District
                })
            })
            .max_by_key(|(e, r)| (level_rank(e.region.as_ref()), -(r.0 as i64)))
            .copied()
    });
    let in_dateline = if elsewhere.is_some() {
        None
    } else {
        in_dateline
    };
    let chosen = landmark.or(elsewhere).or(in_dateline).or_else(near);
    if let Some((entity, span)) = chosen {
        let Some(mut region) = entity.region.clone() else {
            return located;
        };
        // A dateline names the town the report is filed from: "YOGYAKARTA –" is the provincial
        // capital of that name, not the whole province.
        if landmark.is_none()
            && in_dateline.is_some()
            && let Some(city) = city_named(gazetteer, &text[span.0..span.1], &region)
        {
            region = city;
        }
        located.place_span = Some(span);
        located.province = gazetteer.region(region.province_code());
        if region.level != RegionLevel::Province {
            located.place = Some(region);
        }
    }

    // 3. Else the regions of the governments and places the article names, the most frequent first.
    if located.province.is_none() || located.place.is_none() {
        let mut votes: HashMap<String, (usize, Region)> = HashMap::new();
        for e in entities.iter().filter(|e| {
            matches!(
                e.kind,
                EntityKind::Government | EntityKind::Place | EntityKind::Union
            )
        }) {
            if let Some(r) = &e.region {
                let weight = if e.kind == EntityKind::Government {
                    2
                } else {
                    1
                } * e.mentions.len();
                votes.entry(r.code.clone()).or_insert((0, r.clone())).0 += weight;
            }
        }
        let mut ranked: Vec<(usize, Region)> = votes.into_values().collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.code.cmp(&b.1.code)));
        if located.province.is_none()
            && let Some((_, top)) = ranked.first()
        {
            located.province = gazetteer.region(top.province_code());
        }
        // A national body (a ministry, the DPR) with no region named anywhere acts from the capital
        // — unless the event is one that goes to the people it serves (`at_seat` false).
        if at_seat
            && located.province.is_none()
            && entities
                .iter()
                .any(|e| e.kind == EntityKind::Government && e.region.is_none() && e.id.is_some())
        {
            located.province = gazetteer.region(CAPITAL_PROVINCE);
        }
        if located.place.is_none()
            && let Some(province) = &located.province
        {
            located.place = ranked
                .iter()
                .map(|(_, r)| r)
                .find(|r| r.level != RegionLevel::Province && r.province_code() == province.code)
                .cloned();
        }
    }
    located
}

/// Kemendagri code of DKI Jakarta, where national bodies sit.
const CAPITAL_PROVINCE: &str = "31";

/// Places named by a rule list (nicknames, landmarks) as place entities of their region.
fn named_places(
    text: &str,
    gazetteer: &Gazetteer,
    set: &crate::rules::PhraseSet,
    codes: &[String],
) -> Vec<Entity> {
    set.find_all(text)
        .into_iter()
        .filter_map(|f| {
            let region = gazetteer.region(codes.get(f.entry)?)?;
            Some(Entity {
                kind: EntityKind::Place,
                id: None,
                name: region.name.clone(),
                acronym: None,
                parent: None,
                region: Some(region),
                unit: None,
                faction: None,
                title: None,
                honorific: None,
                affiliation: None,
                mentions: vec![warta_gazetteer::Span {
                    start: f.start,
                    end: f.end,
                    text: text[f.start..f.end].to_string(),
                }],
            })
        })
        .collect()
}

/// The city (kota) in the province `within` whose bare name is `written` ("Yogyakarta" → Kota
/// Yogyakarta). A kabupaten read from a dateline is left alone: regency sites file from it.
fn city_named(gazetteer: &Gazetteer, written: &str, within: &Region) -> Option<Region> {
    let folded = fold_words(written);
    if folded.is_empty() || within.level != RegionLevel::Province {
        return None;
    }
    let bare = |name: &str| {
        fold_words(
            name.trim_start_matches("Kabupaten ")
                .trim_start_matches("Kota ")
                .trim_start_matches("Administrasi "),
        )
    };
    let prefix = format!("{}.", within.province_code());
    gazetteer
        .entries()
        .iter()
        .filter(|e| e.kind == EntryKind::City)
        .filter(|e| e.region.as_deref().is_some_and(|r| r.starts_with(&prefix)))
        .find(|e| bare(&e.name) == folded)
        .and_then(|e| e.region.as_deref())
        .and_then(|code| gazetteer.region(code))
}

fn fold_words(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn level_rank(r: Option<&Region>) -> u8 {
    match r.map(|r| r.level) {
        Some(RegionLevel::District) => 3,
        Some(RegionLevel::City) | Some(RegionLevel::Regency) => 2,
        Some(RegionLevel::Province) => 1,
        None => 0,
    }
}

/// The first venue phrase in the trigger's paragraph, else in the first three paragraphs of the
/// span, else in the paragraph of the date.
fn find_venue(
    rules: &Rules,
    text: &str,
    doc: &Doc,
    anchor: usize,
    extra_paragraphs: &[usize],
    span: Range,
) -> Option<Range> {
    let para = doc.paragraph_index(anchor);
    let mut order: Vec<Range> = doc.paragraphs.get(para).copied().into_iter().collect();
    order.extend(
        doc.paragraphs
            .iter()
            .filter(|p| p.0 >= span.0 && p.1 <= span.1)
            .take(3)
            .copied(),
    );
    order.extend(
        extra_paragraphs
            .iter()
            .filter_map(|p| doc.paragraphs.get(*p))
            .copied(),
    );
    let venue = rules.venue.as_ref()?;
    for (ps, pe) in order {
        if let Some(c) = venue.captures(&text[ps..pe]) {
            let v = c.name("v").expect("group");
            let mut end = v.end();
            if let Some(m) = VENUE_END.find(&text[ps + v.start()..ps + v.end()]) {
                end = v.start() + m.start();
            }
            let phrase = text[ps + v.start()..ps + end].trim_end();
            if phrase.chars().count() >= 4 && phrase.chars().count() <= 90 {
                return Some((ps + v.start(), ps + v.start() + phrase.len()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn venue_phrases_stop_before_time_and_clauses() {
        let cases = [
            (
                "audiensi yang digelar di ruang rapat Asisten I pada Kamis (31/7/2025), di mana",
                "ruang rapat Asisten I",
            ),
            (
                "dilaksanakan di Aula Kantor Disnakertrans Provinsi Sumsel. Kamis",
                "Aula Kantor Disnakertrans Provinsi Sumsel",
            ),
            (
                "berlangsung di Gedung Swatantra Wibawamukti, Komplek Pemerintah",
                "Gedung Swatantra Wibawamukti",
            ),
            (
                "Mediasi digelar di ruang mediasi Disnakertrans Lampung, Jalan Cut Mutia",
                "ruang mediasi Disnakertrans Lampung",
            ),
            (
                "berorasi di depan Kantor Gubernur NTB, Jalan Pejanggik",
                "Kantor Gubernur NTB",
            ),
            (
                "menerima audiensi di ruang kerjanya, Kantor Gubernur Jambi",
                "ruang kerjanya",
            ),
            (
                "Naskah diteken di Gedhong Sasana, Kompleks Balai Kota.",
                "Gedhong Sasana",
            ),
            (
                "lalu bertemu di Kompleks Kepatihan untuk makan siang",
                "Kompleks Kepatihan",
            ),
        ];
        for (text, want) in cases {
            let doc = Doc::new(text);
            let rules = crate::rules::bundled_for_tests();
            let (s, e) = find_venue(&rules, text, &doc, 0, &[], (0, text.len())).unwrap();
            assert_eq!(&text[s..e], want);
        }
    }

    #[test]
    fn datelines_with_and_without_site_names() {
        let rules = crate::rules::bundled_for_tests();
        for (text, want) in [
            ("Palembang, Fspkep.id | Pemerintah", "Palembang"),
            ("SumselPost.co.id. Palembang, – Dinas", "Palembang"),
            ("CIKARANG PUSAT - Wakil Bupati", "CIKARANG PUSAT"),
            ("JAKARTA, KOMPAS.com - Buruh", "JAKARTA"),
            ("MEDAN, KOMPAS.com - Buruh", "MEDAN"),
            ("Jakarta, CNN Indonesia -- Pemerintah", "Jakarta"),
            ("Solo - Ratusan buruh", "Solo"),
            ("SEMARANG (ANTARA) - Buruh", "SEMARANG"),
        ] {
            let c = rules.dateline.as_ref().unwrap().captures(text).unwrap();
            assert_eq!(c.name("p").unwrap().as_str(), want);
        }
    }
}
