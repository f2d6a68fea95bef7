//! Event type triggers: the Indonesian words that say what kind of interaction a report is about,
//! and the cues of modality (announced, threatened, cancelled, postponed).

use std::sync::LazyLock;

use regex::Regex;
use warta_model::{EventType, Modality};

/// One trigger found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    pub event_type: EventType,
    pub start: usize,
    pub end: usize,
    /// How specific the word is for its type: "audiensi" says more than "bertemu".
    pub strength: u8,
}

struct Lexicon {
    event_type: EventType,
    strength: u8,
    pattern: Regex,
}

static LEXICON: LazyLock<Vec<Lexicon>> = LazyLock::new(|| {
    let entry = |event_type, strength, words: &str| Lexicon {
        event_type,
        strength,
        pattern: Regex::new(&format!(r"(?i)\b(?:{words})\b")).expect("static trigger regex"),
    };
    vec![
        entry(
            EventType::Strike,
            10,
            r"mogok(?:\s+(?:kerja|nasional|massal|daerah))?|pemogokan|stop\s+produksi",
        ),
        entry(
            EventType::Protest,
            9,
            r"unjuk\s+rasa|berunjuk\s+rasa|demonstrasi|berdemonstrasi|demo\s+buruh|menggelar\s+demo|aksi\s+(?:massa|damai|demo|unjuk\s+rasa|protes|solidaritas|buruh|serentak|nasional|long\s+march)|long\s+march|menggeruduk|geruduk|berorasi",
        ),
        entry(
            EventType::WageSetting,
            8,
            r"dewan\s+pengupahan|penetapan\s+(?:upah|UMP|UMK|UMSK)|rekomendasi\s+(?:upah|UMP|UMK|UMSK)|sidang\s+pengupahan|rapat\s+pleno\s+(?:dewan\s+)?pengupahan|upah\s+minimum\s+(?:provinsi|kabupaten|kota|sektoral)",
        ),
        entry(
            EventType::Agreement,
            8,
            r"MoU|nota\s+kesepahaman|perjanjian\s+kerja\s*sama|perjanjian\s+kerja\s+bersama|PKB|penandatanganan|menandatangani|ditandatangani|kesepakatan\s+bersama|(?:teken|meneken|diteken|penekenan)\s+(?:(?:naskah|dokumen)\s+)?(?:kerja\s*sama|MoU|perjanjian|nota|kesepakatan|PKB)",
        ),
        entry(
            EventType::Dispute,
            8,
            r"perselisihan(?:\s+hubungan\s+industrial)?|mediasi|bipartit|gugatan|Pengadilan\s+Hubungan\s+Industrial|sengketa\s+(?:buruh|ketenagakerjaan|perburuhan)",
        ),
        // Lay-offs are often the background of another event ("gelombang PHK mendorong Pemda
        // meneken kerja sama"); they make a dispute only when nothing more specific is said.
        entry(EventType::Dispute, 5, r"pemutusan\s+hubungan\s+kerja"),
        entry(
            EventType::Audience,
            8,
            r"audiensi|beraudiensi|menerima\s+(?:kunjungan|audiensi|perwakilan|kedatangan|rombongan)|rapat\s+dengar\s+pendapat|RDP|hearing",
        ),
        entry(
            EventType::Training,
            7,
            r"pelatihan|melatih|latih|dilatih|sosialisasi|mensosialisasikan|disosialisasikan|bimtek|bimbingan\s+teknis|workshop|lokakarya|seminar|webinar|penguatan\s+kapasitas|peningkatan\s+kapasitas|diklat|pendidikan\s+dan\s+pelatihan|training",
        ),
        entry(
            EventType::Assembly,
            7,
            r"konsolidasi|kongres|musyawarah\s+(?:nasional|wilayah|daerah|cabang|besar)|munas|munaslub|musda|muswil|muscab|rakernas|rakerwil|rakerda|deklarasi|pelantikan|dilantik|dikukuhkan|pengukuhan",
        ),
        entry(
            EventType::Policy,
            6,
            r"Perbup|Pergub|Perwali|Perwalkot|Permenaker|Perda|Peraturan\s+(?:Bupati|Gubernur|Wali\s*kota|Menteri|Daerah|Pemerintah)|Keputusan\s+(?:Gubernur|Bupati|Wali\s*kota|Menteri)|surat\s+edaran",
        ),
        entry(
            EventType::Program,
            6,
            r"peluncuran|meluncurkan|diluncurkan|launching|penyaluran|menyalurkan|disalurkan|peresmian|meresmikan|diresmikan|penyerahan\s+(?:kartu|bantuan|santunan|sertifikat|secara\s+simbolis)|(?:menyerahkan|diserahkan)\s+(?:secara\s+simbolis|kartu|bantuan|santunan)|iuran(?:nya)?\s+(?:yang\s+)?(?:ditanggung|dibayar(?:kan)?)|menanggung\s+iuran|membayarkan\s+iuran",
        ),
        entry(
            EventType::Meeting,
            4,
            r"pertemuan|bertemu|rapat(?:\s+koordinasi|\s+kerja)?|dialog|silaturahmi|silaturahim|halal\s+bihalal|koordinasi|FGD|focus\s+group\s+discussion|diskusi|membahas|bahas|kunjungan|berkunjung",
        ),
    ]
});

/// Words that make the next trigger the *subject* of a cooperation rather than an event of its
/// own: in "perjanjian kerja sama pelatihan ulang" or "MoU bidang pelatihan" nobody is trained
/// yet; the event is the signing.
static SUBJECT_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:kerja\s*sama|MoU|nota\s+kesepahaman|perjanjian|kesepakatan)\s+(?:(?:tentang|soal|terkait|mengenai|bidang|program|untuk)\s+)?$")
        .expect("static regex")
});

/// Every trigger word in `text`, in text order.
pub fn find_triggers(text: &str) -> Vec<Trigger> {
    let mut out: Vec<Trigger> = Vec::new();
    for lex in LEXICON.iter() {
        for m in lex.pattern.find_iter(text) {
            // A stronger trigger over the same words wins ("rapat dengar pendapat" is not a "rapat").
            if out.iter().any(|t| m.start() < t.end && t.start < m.end()) {
                continue;
            }
            if lex.event_type != EventType::Agreement
                && SUBJECT_OF
                    .is_match(&text[floor_boundary(text, m.start().saturating_sub(60))..m.start()])
            {
                continue;
            }
            out.push(Trigger {
                event_type: lex.event_type,
                start: m.start(),
                end: m.end(),
                strength: lex.strength,
            });
        }
    }
    out.sort_by_key(|t| t.start);
    out
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

static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:akan|bakal|berencana|rencananya|direncanakan|dijadwalkan|rencana)\b")
        .expect("static regex")
});
static THREATENED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:mengancam|ancaman|ancam|siap\s+mogok|siap\s+menggelar)\b")
        .expect("static regex")
});
static CANCELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:batal|dibatalkan|membatalkan|urung)\b").expect("static regex")
});
static POSTPONED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ditunda|menunda|diundur|mengundurkan\s+jadwal)\b").expect("static regex")
});

/// Modality from the sentence that carries the trigger, and whether the event date lies after
/// publication (an event reported before it happens is at most planned).
pub fn modality(sentence: &str, after_publication: bool) -> Modality {
    if CANCELLED.is_match(sentence) {
        Modality::Cancelled
    } else if POSTPONED.is_match(sentence) {
        Modality::Postponed
    } else if THREATENED.is_match(sentence) {
        Modality::Threatened
    } else if after_publication
        || PLANNED.is_match(sentence) && !sentence.to_lowercase().contains("telah")
    {
        if after_publication {
            Modality::Planned
        } else {
            planned_only_if_future_tense(sentence)
        }
    } else {
        Modality::Occurred
    }
}

/// "akan" in a sentence about a past meeting usually describes what was said there ("akan
/// menindaklanjuti"), not the meeting itself; only an "akan" right before the trigger verb plans it.
fn planned_only_if_future_tense(sentence: &str) -> Modality {
    static PLAN_VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:akan|bakal|berencana|dijadwalkan|direncanakan)\s+(?:kembali\s+)?(?:menggelar|mengadakan|melakukan|melaksanakan|turun|mogok|aksi|berunjuk|unjuk|demo|menyelenggarakan|digelar|dilaksanakan|diadakan|berlangsung)")
            .expect("static regex")
    });
    if PLAN_VERB.is_match(sentence) {
        Modality::Planned
    } else {
        Modality::Occurred
    }
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

    #[test]
    fn specific_triggers_win_over_generic_words() {
        let t = find_triggers("Mereka menggelar rapat dengar pendapat lalu bertemu Wakil Bupati.");
        assert_eq!(
            t.iter().map(|t| t.event_type).collect::<Vec<_>>(),
            vec![EventType::Audience, EventType::Meeting]
        );
    }

    #[test]
    fn capitalised_event_names_extend_the_trigger() {
        let text = "menghadiri kegiatan Konsolidasi Akbar Konfederasi Serikat";
        let t = &find_triggers(text)[0];
        let (s, e) = trigger_phrase(text, t);
        assert_eq!(&text[s..e], "Konsolidasi Akbar");
    }

    #[test]
    fn modality_cues() {
        assert_eq!(
            modality("Buruh akan menggelar mogok kerja pada 10 Desember.", false),
            Modality::Planned
        );
        assert_eq!(
            modality("Serikat mengancam mogok nasional.", false),
            Modality::Threatened
        );
        assert_eq!(
            modality("Aksi unjuk rasa dibatalkan.", false),
            Modality::Cancelled
        );
        assert_eq!(
            modality("Audiensi digelar di ruang rapat.", false),
            Modality::Occurred
        );
        assert_eq!(
            modality(
                "Pemerintah akan menindaklanjuti usulan itu, kata dia usai audiensi.",
                false
            ),
            Modality::Occurred
        );
    }
}
