//! What was asked for, proposed, promised, agreed or decided; who said what; and the numbers.

use std::sync::LazyLock;

use regex::Regex;
use warta_gazetteer::{Entity, EntityKind};
use warta_model::{Claim, ClaimKind, Evidence, Figure, FigureKind, Quote, SpeakerRef};

use crate::Doc;
use crate::rules::Rules;
use crate::text::{self, Range};

pub(crate) struct Said {
    pub claims: Vec<(Claim, Range)>,
    pub quotes: Vec<(Quote, Range)>,
}

/// A word that opens a verb: the active (me-, ber-, per-) and passive (di-) prefixes of
/// Indonesian, on a word long enough to be a verb rather than a preposition ("di").
fn is_verb(word: &str) -> bool {
    let w = word.to_lowercase();
    w.chars().count() >= 5
        && w.chars().all(char::is_alphabetic)
        && ["me", "ber", "di", "per"].iter().any(|p| w.starts_with(p))
}

/// Where the first demand cue of `sentence` ends ("meminta", "mendesak"), if it has one.
pub(crate) fn demand_at(rules: &Rules, sentence: &str) -> Option<usize> {
    rules.claims.find_all(sentence).into_iter().find_map(|f| {
        (rules.claim_meta.get(f.entry).map(|m| m.0) == Some(ClaimKind::Demand)).then_some(f.end)
    })
}

/// Words between a plan marker and its verb that keep the plan ("akan kembali menanggung").
const PLAN_ADVERBS: &[&str] = &[
    "kembali", "segera", "terus", "tetap", "juga", "pun", "lebih",
];

/// The first claim cue of `sentence` (by `claim-cues.tsv`): its kind and byte span. A cue that
/// counts only before a verb ("akan") is skipped where no verb follows ("akan datang").
fn first_cue(rules: &Rules, sentence: &str) -> Option<(ClaimKind, Range)> {
    rules.claims.find_all(sentence).into_iter().find_map(|f| {
        let &(kind, before_verb) = rules.claim_meta.get(f.entry)?;
        if before_verb {
            let next = sentence[f.end..]
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .find(|w| !PLAN_ADVERBS.contains(&w.to_lowercase().as_str()))?;
            if !is_verb(next) {
                return None;
            }
        }
        Some((kind, (f.start, f.end)))
    })
}

/// At most this many claims per event: a long article restates its claims, and researchers want
/// the distinct ones, not every sentence.
const MAX_CLAIMS: usize = 10;

/// Claims and quotes in the byte range `span` of the body (the part that tells the event).
pub(crate) fn find(
    rules: &Rules,
    text: &str,
    doc: &Doc,
    span: Range,
    entities: &[Entity],
    to_participant: &[Option<usize>],
) -> Said {
    let mut claims: Vec<(Claim, Range)> = Vec::new();
    for (si, &(s, e)) in doc.sentences.iter().enumerate() {
        if s < span.0 || e > span.1 {
            continue;
        }
        let sentence = &text[s..e];
        let Some((kind, cue)) = first_cue(rules, sentence) else {
            continue;
        };
        // A sentence that announces a list ("menyepakati sejumlah langkah:") claims the list items.
        let mut end = e;
        if sentence.trim_end().ends_with(':') {
            for &(ls, le) in doc.sentences.iter().skip(si + 1).take(8) {
                let item = &text[ls..le];
                if doc.paragraph_index(ls) == doc.paragraph_index(end.saturating_sub(1))
                    || item.len() > 200
                {
                    break;
                }
                end = le;
            }
        }
        let claim_text = text[s..end].split("\n\n").collect::<Vec<_>>().join("; ");
        if claims.iter().any(|(c, _)| c.text == claim_text) {
            continue;
        }
        let by = subject(entities, to_participant, s, s + cue.0);
        claims.push((
            Claim {
                kind,
                by,
                text: claim_text,
                evidence: empty_evidence(),
            },
            (s, end),
        ));
        if claims.len() >= MAX_CLAIMS {
            break;
        }
    }
    Said {
        claims,
        quotes: quotes(text, doc, entities, to_participant)
            .into_iter()
            .filter(|(_, (s, e))| *s >= span.0 && *e <= span.1)
            .collect(),
    }
}

/// The participant named last before the cue word in the sentence: Indonesian puts the subject
/// before the verb ("DPD FSP KEP KSPI ... mengusulkan").
fn subject(
    entities: &[Entity],
    to_participant: &[Option<usize>],
    from: usize,
    cue: usize,
) -> Option<usize> {
    entities
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            matches!(
                e.kind,
                EntityKind::Union
                    | EntityKind::Government
                    | EntityKind::Person
                    | EntityKind::Employer
            )
        })
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (i, m.start)))
        .filter(|(_, start)| *start >= from && *start < cue)
        .max_by_key(|(_, start)| *start)
        .and_then(|(i, _)| to_participant.get(i).copied().flatten())
}

static QUOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"“(?P<q>[^”]{12,}?)”|"(?P<q2>[^"]{12,}?)""#).expect("static regex")
});
static SPEECH_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:kata|ujar|ucap|ungkap|jelas|tegas|tambah|pungkas|tutur|terang|imbuh|sebut|papar|tandas|tutup|lanjut|katanya|ujarnya|ucapnya|ungkapnya|jelasnya|tegasnya|tambahnya|pungkasnya|tuturnya|terangnya|imbuhnya|sebutnya|paparnya|tandasnya|tutupnya|lanjutnya)\b")
        .expect("static regex")
});

fn quotes(
    text: &str,
    doc: &Doc,
    entities: &[Entity],
    to_participant: &[Option<usize>],
) -> Vec<(Quote, Range)> {
    let people: Vec<(usize, usize, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (i, m.start, m.end)))
        .collect();
    let mut out = Vec::new();
    for c in QUOTE.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let q = c
            .name("q")
            .or_else(|| c.name("q2"))
            .expect("one group matches");
        let after = &text[whole.end()..text::floor_boundary(text, whole.end() + 120)];
        let verb = SPEECH_VERB.find(after);
        // "…,” kata Haiyani" names the speaker right after the verb; "…,” ujarnya" points back to
        // the last person named before the quote; a quote inside a sentence that names one person
        // is theirs.
        let speaker_entity = match verb {
            Some(v) if !v.as_str().ends_with("nya") => {
                let from = whole.end() + v.end();
                people
                    .iter()
                    .filter(|(_, s, _)| *s >= from && *s <= from + 40)
                    .min_by_key(|(_, s, _)| *s)
                    .map(|p| p.0)
            }
            Some(_) => people
                .iter()
                .filter(|(_, s, _)| *s < whole.start())
                .max_by_key(|(_, s, _)| *s)
                .map(|p| p.0),
            None => {
                let (ss, se) = doc
                    .sentence_range(whole.start())
                    .unwrap_or((whole.start(), whole.end()));
                let mut in_sentence = people
                    .iter()
                    .filter(|(_, s, _)| *s >= ss && *s < se)
                    .map(|p| p.0)
                    .collect::<Vec<_>>();
                in_sentence.dedup();
                if in_sentence.len() == 1 {
                    in_sentence.first().copied()
                } else {
                    None
                }
            }
        };
        let speaker = speaker_entity
            .and_then(|i| to_participant.get(i).copied().flatten())
            .map(SpeakerRef::Participant);
        out.push((
            Quote {
                speaker,
                text: q.as_str().trim().to_string(),
                evidence: empty_evidence(),
            },
            (q.start(), q.end()),
        ));
    }
    out
}

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:lebih\s+dari|sekitar|sebanyak|hampir|kurang\s+lebih|mencapai|total)\s+)?(?P<n>\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(?P<mult>ribu|juta|miliar|triliun)?\s+(?P<unit>perusahaan|pekerja|buruh|karyawan|anggota|peserta|orang|massa|pengurus)\b")
        .expect("static regex")
});
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bRp\.?\s?(?P<n>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(?P<mult>ribu|juta|miliar|triliun)?").expect("static regex")
});

/// Counts of companies, workers and attendees, and sums of money, as written.
pub(crate) fn figures(text: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    for c in FIGURE.captures_iter(text) {
        let Some(value) = number(&c) else { continue };
        let unit = c["unit"].to_lowercase();
        let kind = match unit.as_str() {
            "perusahaan" => FigureKind::Companies,
            "pekerja" | "buruh" | "karyawan" | "anggota" => FigureKind::Workers,
            _ => FigureKind::Attendees,
        };
        out.push(Figure {
            kind,
            value,
            unit: Some(unit),
            text: c[0].to_string(),
        });
    }
    for c in MONEY.captures_iter(text) {
        let Some(value) = number(&c) else { continue };
        out.push(Figure {
            kind: FigureKind::Money,
            value,
            unit: Some("IDR".into()),
            text: c[0].trim().to_string(),
        });
    }
    out
}

fn number(c: &regex::Captures<'_>) -> Option<f64> {
    let digits = c.name("n")?.as_str().replace('.', "").replace(',', ".");
    let base: f64 = digits.parse().ok()?;
    let mult = match c.name("mult").map(|m| m.as_str().to_lowercase()).as_deref() {
        Some("ribu") => 1e3,
        Some("juta") => 1e6,
        Some("miliar") => 1e9,
        Some("triliun") => 1e12,
        _ => 1.0,
    };
    Some(base * mult)
}

fn empty_evidence() -> Evidence {
    Evidence {
        field: String::new(),
        source: 0,
        start: 0,
        end: 0,
        text: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::bundled_for_tests;

    #[test]
    fn claim_cues_read_plans_targets_passives_and_funding() {
        let r = bundled_for_tests();
        for (sentence, want) in [
            (
                "Dinas akan kembali membiayai pelatihan bagi pengurus serikat.",
                Some(ClaimKind::Commitment),
            ),
            (
                "Bupati menargetkan 50 koperasi buruh berdiri tahun depan.",
                Some(ClaimKind::Commitment),
            ),
            (
                "Dalam pertemuan itu disepakati tiga hal berikut:",
                Some(ClaimKind::Agreement),
            ),
            (
                "Biaya pendaftaran ditanggung pemerintah kabupaten.",
                Some(ClaimKind::Policy),
            ),
            (
                "Pemkab menyiapkan anggaran untuk posko pengaduan.",
                Some(ClaimKind::Commitment),
            ),
            // "akan" before no verb plans nothing; a sentence with no cue is no claim.
            ("Rapat akan datang digelar di aula.", None),
            ("Pertemuan berlangsung dua jam di aula.", None),
        ] {
            assert_eq!(first_cue(&r, sentence).map(|c| c.0), want, "{sentence}");
        }
    }

    #[test]
    fn figures_read_indonesian_numbers() {
        let f =
            figures("Lebih dari 4.000 perusahaan beroperasi, 23 ribu pekerja, dana Rp 1,5 miliar.");
        let got: Vec<(FigureKind, f64)> = f.iter().map(|f| (f.kind, f.value)).collect();
        assert_eq!(
            got,
            vec![
                (FigureKind::Companies, 4000.0),
                (FigureKind::Workers, 23000.0),
                (FigureKind::Money, 1.5e9)
            ]
        );
    }
}
