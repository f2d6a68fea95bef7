//! Event type triggers: the Indonesian words that say what kind of interaction a report is about,
//! and the cues of modality (announced, threatened, cancelled, postponed).

use std::sync::LazyLock;

use regex::Regex;
use warta_model::{EventType, Modality};

use crate::rules::{ModalityCue, Rules, is_acronym};

/// One trigger found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    pub event_type: EventType,
    pub start: usize,
    pub end: usize,
    /// How specific the word is for its type: "audiensi" says more than "bertemu".
    pub strength: u8,
}

/// Words that make the next trigger the *subject* of a cooperation rather than an event of its
/// own: in "perjanjian kerja sama pelatihan ulang" or "MoU bidang pelatihan" nobody is trained
/// yet; the event is the signing.
static SUBJECT_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:kerja\s*sama|MoU|nota\s+kesepahaman|perjanjian|kesepakatan)\s+(?:(?:tentang|soal|terkait|mengenai|bidang|program|untuk)\s+)?$")
        .expect("static regex")
});

/// Every trigger word in `text`, in text order: the phrases of `event-triggers.tsv`, longest
/// first at one position, except a word that is only the subject of a cooperation ("MoU bidang
/// pelatihan" trains nobody).
pub(crate) fn find_triggers(rules: &Rules, text: &str) -> Vec<Trigger> {
    let mut out: Vec<Trigger> = Vec::new();
    let mut spelt_otherwise: Option<Vec<&str>> = None;
    for f in rules.triggers.find_all(text) {
        let Some(&(event_type, strength)) = rules.trigger_meta.get(f.entry) else {
            continue;
        };
        let word = &text[f.start..f.end];
        if is_acronym(word) {
            let owned = rules
                .acronym_owners
                .find_all(&text[floor_boundary(text, f.start.saturating_sub(40))..f.start])
                .last()
                .is_some_and(|o| {
                    let before = &text[floor_boundary(text, f.start.saturating_sub(40))..f.start];
                    before[o.end..].trim().is_empty()
                });
            let defined = spelt_otherwise
                .get_or_insert_with(|| acronyms_spelt_otherwise(rules, text))
                .contains(&word);
            if owned || defined {
                continue;
            }
        }
        if event_type != EventType::Agreement
            && SUBJECT_OF.is_match(&text[floor_boundary(text, f.start.saturating_sub(60))..f.start])
        {
            continue;
        }
        out.push(Trigger {
            event_type,
            start: f.start,
            end: f.end,
            strength,
        });
    }
    out
}

static SPELT_OUT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([A-Z]{2,5})\)").expect("static regex"));

/// Acronym triggers an article spells out as something else: "Partai Kebangkitan Bangsa (PKB)"
/// makes every "PKB" of the article the party. An acronym counts as spelt otherwise when the
/// capitalised words right before its parentheses (two or more) hold no trigger of the acronym's
/// own type; "perjanjian kerja bersama (PKB)" keeps it.
fn acronyms_spelt_otherwise<'t>(rules: &Rules, text: &'t str) -> Vec<&'t str> {
    let mut out = Vec::new();
    for c in SPELT_OUT.captures_iter(text) {
        let (Some(whole), Some(acr)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Some(types) = trigger_types(rules, acr.as_str()) else {
            continue;
        };
        let before = &text[floor_boundary(text, whole.start().saturating_sub(120))..whole.start()];
        let words: Vec<&str> = before.split_whitespace().rev().take(8).collect();
        let capitalised = words
            .iter()
            .take_while(|w| w.starts_with(char::is_uppercase))
            .count();
        let window_start = words
            .last()
            .and_then(|w| before.rfind(w))
            .unwrap_or(before.len());
        let same_type = rules
            .triggers
            .find_all(&before[window_start..])
            .iter()
            .any(|f| {
                rules
                    .trigger_meta
                    .get(f.entry)
                    .is_some_and(|(t, _)| types.contains(t))
            });
        if capitalised >= 2 && !same_type {
            out.push(acr.as_str());
        }
    }
    out
}

/// The types an acronym stands for as a trigger, if it is one.
fn trigger_types(rules: &Rules, word: &str) -> Option<Vec<EventType>> {
    let types: Vec<EventType> = rules
        .triggers
        .entries(word)
        .iter()
        .filter_map(|&i| rules.trigger_meta.get(i).map(|m| m.0))
        .collect();
    (!types.is_empty()).then_some(types)
}

/// The largest char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The trigger as a researcher would quote it: capitalised words that name the event go with it
/// ("Konsolidasi Akbar", "Rapat Koordinasi Daerah").
pub fn trigger_phrase(text: &str, t: &Trigger) -> (usize, usize) {
    const NAME_STARTS: &[&str] = &[
        "Konfederasi",
        "Federasi",
        "Serikat",
        "Pemerintah",
        "Pemprov",
        "Pemkab",
        "Pemkot",
        "Dinas",
        "Provinsi",
        "Kabupaten",
        "Kota",
        "Kementerian",
        "Wakil",
        "Bupati",
        "Gubernur",
        "Ketua",
        "Presiden",
    ];
    let head = &text[t.start..t.end];
    if !head.starts_with(char::is_uppercase) || !text[t.end..].starts_with(' ') {
        return (t.start, t.end);
    }
    let mut end = t.end;
    for word in text[t.end..].split(' ').skip(1).take(2) {
        let clean = word.trim_end_matches([',', '.', ';', ':', ')']);
        let acronym = clean
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
        if clean.is_empty()
            || !clean.starts_with(char::is_uppercase)
            || acronym
            || NAME_STARTS.contains(&clean)
        {
            break;
        }
        end += 1 + clean.len();
        if clean.len() != word.len() {
            break;
        }
    }
    (t.start, end)
}

/// Modality from the sentence that carries the trigger (the cues of `modality-cues.tsv`), and
/// whether the event date lies after publication (an event reported before it happens is at most
/// planned). Cancelled beats postponed beats threatened beats planned.
pub(crate) fn modality(rules: &Rules, sentence: &str, after_publication: bool) -> Modality {
    let found = rules.modality.find_all(sentence);
    let is = |f: &crate::rules::Found, c: ModalityCue| {
        rules
            .modality
            .entries(&sentence[f.start..f.end])
            .iter()
            .any(|&i| rules.modality_meta.get(i) == Some(&c))
    };
    let has = |m: Modality| found.iter().any(|f| is(f, ModalityCue::Set(m)));
    for m in [
        Modality::Cancelled,
        Modality::Postponed,
        Modality::Threatened,
    ] {
        if has(m) {
            return m;
        }
    }
    if after_publication {
        return Modality::Planned;
    }
    if !has(Modality::Planned) || found.iter().any(|f| is(f, ModalityCue::Past)) {
        return Modality::Occurred;
    }
    // "akan" in a sentence about a past meeting usually describes what was said there ("akan
    // menindaklanjuti"), not the meeting itself; only a plan word right before a verb of holding
    // the event ("akan menggelar", "bakal kembali mogok") plans it.
    for (i, f) in found.iter().enumerate() {
        if !is(f, ModalityCue::PlanVerb) {
            continue;
        }
        let next = found[i + 1..]
            .iter()
            .find(|g| g.start >= f.end && is(g, ModalityCue::HoldVerb));
        if let Some(g) = next {
            let gap = sentence[f.end..g.start].trim();
            if gap.is_empty() || gap.eq_ignore_ascii_case("kembali") {
                return Modality::Planned;
            }
        }
    }
    Modality::Occurred
}

/// Whether `sentence` tells something still to come: a plan or future marker of
/// `modality-cues.tsv` ("akan", "rencananya", "pekan depan") anywhere in it.
pub(crate) fn plans(rules: &Rules, sentence: &str) -> bool {
    has_cue(rules, sentence, |c| {
        matches!(
            c,
            ModalityCue::Set(Modality::Planned) | ModalityCue::PlanVerb
        )
    })
}

/// Whether `text` holds a future marker used before a verb ("akan", "dijadwalkan"): "akan
/// bertemu" plans a meeting, while "rencana tersebut mengemuka saat … bertemu" names a plan and
/// tells a meeting that took place.
pub(crate) fn plan_verb(rules: &Rules, text: &str) -> bool {
    has_cue(rules, text, |c| c == ModalityCue::PlanVerb)
}

fn has_cue(rules: &Rules, sentence: &str, want: impl Fn(ModalityCue) -> bool) -> bool {
    rules.modality.find_all(sentence).iter().any(|f| {
        rules
            .modality
            .entries(&sentence[f.start..f.end])
            .iter()
            .any(|&i| rules.modality_meta.get(i).is_some_and(|&c| want(c)))
    })
}

/// A policy that someone demands or judges ("mendesak pemerintah segera menerbitkan juklak",
/// "menilai kebijakan manajemen sudah sesuai hukum") has not been made at this event: the event is
/// the demand or the statement, an interaction of no listed type (`other`). The `demand` cues of
/// `modality-cues.tsv` mark it when one stands before the trigger in its sentence.
pub(crate) fn asked_for(rules: &Rules, text: &str, doc: &crate::Doc, t: &Trigger) -> EventType {
    if t.event_type == EventType::Policy && demanded(rules, text, doc, t) {
        EventType::Other
    } else {
        t.event_type
    }
}

/// Whether a `demand` cue of `modality-cues.tsv` stands before the trigger in its sentence
/// ("Pemerintah diimbau memanggil …": the summons is asked for, nobody was summoned).
pub(crate) fn demanded(rules: &Rules, text: &str, doc: &crate::Doc, t: &Trigger) -> bool {
    let start = doc.sentence_range(t.start).map(|s| s.0).unwrap_or(0);
    has_cue(rules, &text[start..t.start], |c| c == ModalityCue::Demand)
}

/// CAMEO and PLOVER codes for comparison with other event datasets, where a type maps cleanly.
pub fn crosswalk(t: EventType) -> (Option<&'static str>, Option<&'static str>) {
    match t {
        EventType::Audience => (Some("042"), Some("CONSULT")),
        EventType::Meeting => (Some("040"), Some("CONSULT")),
        EventType::Protest => (Some("141"), Some("PROTEST")),
        EventType::Strike => (Some("143"), Some("PROTEST")),
        EventType::Agreement => (Some("057"), Some("AGREE")),
        EventType::Dispute => (Some("046"), Some("CONSULT")),
        EventType::Program => (Some("070"), Some("AID")),
        EventType::Training => (None, Some("COOPERATE")),
        EventType::Assembly | EventType::Policy | EventType::WageSetting | EventType::Other => {
            (None, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::bundled_for_tests as rules;

    #[test]
    fn specific_triggers_win_over_generic_words() {
        let t = find_triggers(
            &rules(),
            "Mereka menggelar rapat dengar pendapat lalu bertemu Wakil Bupati.",
        );
        assert_eq!(
            t.iter().map(|t| t.event_type).collect::<Vec<_>>(),
            vec![EventType::Audience, EventType::Meeting]
        );
    }

    #[test]
    fn real_phrasing_of_protests_strikes_and_hearings() {
        let r = rules();
        for (text, want) in [
            (
                "Ratusan buruh menggeruduk kantor bupati.",
                EventType::Protest,
            ),
            (
                "Para pengemudi turun ke jalan menolak aturan baru.",
                EventType::Protest,
            ),
            (
                "Massa menggelar long march menuju gedung dewan.",
                EventType::Protest,
            ),
            ("Karyawan pabrik mogok kerja sejak pagi.", EventType::Strike),
            (
                "Komisi IV menggelar RDP dengan serikat pekerja.",
                EventType::Audience,
            ),
            ("Kasus itu dibawa ke PHI oleh pekerja.", EventType::Dispute),
            (
                "Pemkot membentuk tim khusus untuk masalah pegawai.",
                EventType::Policy,
            ),
        ] {
            let t = find_triggers(&r, text);
            let best = t.iter().max_by_key(|t| t.strength).map(|t| t.event_type);
            assert_eq!(best, Some(want), "{text}");
        }
    }

    #[test]
    fn an_acronym_is_an_agreement_only_where_it_is_not_a_party() {
        let r = rules();
        let types = |text: &str| -> Vec<EventType> {
            find_triggers(&r, text)
                .iter()
                .map(|t| t.event_type)
                .collect()
        };
        // Spelt out as a party in the article: every mention is the party.
        assert_eq!(
            types(
                "Menteri datang ke kantor Partai Kebangkitan Bangsa (PKB) di Jakarta. Kader PKB menyambut."
            ),
            Vec::<EventType>::new()
        );
        // A party office or faction before it.
        assert_eq!(
            types("Ia bertemu pengurus DPW PKB."),
            vec![EventType::Meeting]
        );
        assert_eq!(
            types("Fraksi PKB menolak usulan itu."),
            Vec::<EventType>::new()
        );
        // The collective agreement, spelt out or bare.
        assert_eq!(
            types("Serikat dan manajemen menyusun Perjanjian Kerja Bersama (PKB) baru."),
            vec![EventType::Agreement, EventType::Agreement]
        );
        assert_eq!(
            types("pelatihan penyusunan perjanjian kerja bersama (PKB) bagi pengurus"),
            vec![
                EventType::Training,
                EventType::Agreement,
                EventType::Agreement
            ]
        );
        assert_eq!(
            types("Kedua pihak meneken PKB ketiga."),
            vec![EventType::Agreement, EventType::Agreement]
        );
    }

    #[test]
    fn capitalised_event_names_extend_the_trigger() {
        let text = "menghadiri kegiatan Konsolidasi Akbar Konfederasi Serikat";
        let t = &find_triggers(&rules(), text)[0];
        let (s, e) = trigger_phrase(text, t);
        assert_eq!(&text[s..e], "Konsolidasi Akbar");
    }

    #[test]
    fn modality_cues() {
        let r = rules();
        assert_eq!(
            modality(
                &r,
                "Buruh akan menggelar mogok kerja pada 10 Desember.",
                false
            ),
            Modality::Planned
        );
        assert_eq!(
            modality(&r, "Manajemen bakal membentuk tim khusus.", false),
            Modality::Planned
        );
        assert_eq!(
            modality(&r, "Serikat mengancam mogok nasional.", false),
            Modality::Threatened
        );
        assert_eq!(
            modality(&r, "Aksi unjuk rasa dibatalkan.", false),
            Modality::Cancelled
        );
        assert_eq!(
            modality(&r, "Audiensi digelar di ruang rapat.", false),
            Modality::Occurred
        );
        assert_eq!(
            modality(
                &r,
                "Pemerintah akan menindaklanjuti usulan itu, kata dia usai audiensi.",
                false
            ),
            Modality::Occurred
        );
    }

    proptest::proptest! {
        #[test]
        fn trigger_phrases_and_modality_take_any_unicode(
            s in "(\\PC|Konsolidasi|Rapat|akan|menggelar|mogok|dibatalkan| |”|–){0,60}"
        ) {
            let r = rules();
            for t in find_triggers(&r, &s) {
                let (a, e) = trigger_phrase(&s, &t);
                proptest::prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(e));
            }
            let _ = modality(&r, &s, false);
        }
    }
}
