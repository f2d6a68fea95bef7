//! Event extraction on short reports written for these tests, with the bundled gazetteer.

use chrono::{FixedOffset, TimeZone};
use warta_extract::{Extractor, merge_events};
use warta_gazetteer::Gazetteer;
use warta_model::{Article, EventType, Modality, ParticipantKind};

fn article(id: &str, title: &str, published: (i32, u32, u32), text: &str) -> Article {
    let wib = FixedOffset::east_opt(7 * 3600).unwrap();
    Article {
        id: id.into(),
        url: format!("https://berita.example.id/{id}"),
        canonical_url: None,
        site: "berita.example.id".into(),
        title: title.into(),
        published: Some(
            wib.with_ymd_and_hms(published.0, published.1, published.2, 10, 0, 0)
                .unwrap(),
        ),
        modified: None,
        authors: vec![],
        text: text.into(),
        lang: Some("id".into()),
        relevant: false,
        fetched_at: None,
        archive: None,
    }
}

const AUDIENSI: &str = "Jambi - Sekretaris Daerah Provinsi Jambi menerima audiensi pengurus Dewan Pimpinan Daerah Federasi Serikat Pekerja Metal Indonesia (FSPMI) Jambi di ruang rapat Sekda, Selasa (14/2/2023). Pertemuan membahas upah minimum dan nasib pekerja kontrak.\n\nKetua DPW FSPMI Jambi, Budi Santoso, meminta pemerintah provinsi mengawasi perusahaan yang membayar buruh di bawah upah minimum. Pemerintah Provinsi Jambi berjanji menindaklanjuti laporan serikat pekerja itu melalui Dinas Tenaga Kerja dan Transmigrasi Provinsi Jambi.\n\n“Kami akan memanggil perusahaan yang dilaporkan,” kata Budi Santoso.";

#[test]
fn an_audience_with_its_date_venue_place_and_participants() {
    let g = Gazetteer::bundled().unwrap();
    let a = article(
        "a1",
        "Sekda Jambi Terima Audiensi FSPMI",
        (2023, 2, 15),
        AUDIENSI,
    );
    let analysis = Extractor::new(&g).analyse(&a);
    assert!(analysis.relevant);
    let e = &analysis.events[0];
    assert_eq!(e.event_type, EventType::Audience);
    assert_eq!(e.date.value.unwrap().to_string(), "2023-02-14");
    assert_eq!(e.modality, Modality::Occurred);
    assert_eq!(e.location.venue.as_deref(), Some("ruang rapat Sekda"));
    assert_eq!(
        e.location.province.as_ref().map(|r| r.code.as_str()),
        Some("15")
    );
    assert!(
        e.participants
            .iter()
            .any(|p| p.kind == ParticipantKind::Union && p.acronym.as_deref() == Some("FSPMI"))
    );
    assert!(
        e.participants
            .iter()
            .any(|p| p.kind == ParticipantKind::Government)
    );
    assert!(
        e.claims
            .iter()
            .any(|c| c.text.contains("mengawasi perusahaan"))
    );
    // Every evidence span slices the text to its words.
    let chars: Vec<char> = a.text.chars().collect();
    for ev in &e.evidence {
        assert_eq!(
            chars[ev.start..ev.end].iter().collect::<String>(),
            ev.text,
            "{}",
            ev.field
        );
    }
}

#[test]
fn an_announced_strike_is_planned() {
    let g = Gazetteer::bundled().unwrap();
    let text = "SERANG - Ratusan buruh anggota Konfederasi Serikat Pekerja Indonesia (KSPI) akan menggelar mogok kerja pada 20 Juni 2023 jika perundingan upah dengan manajemen tetap buntu. Pemberitahuan mogok telah dikirim ke Dinas Tenaga Kerja Kabupaten Serang.\n\nMenurut serikat pekerja, perusahaan belum membayar upah lembur sejak awal tahun.";
    let a = article("s1", "Buruh Ancam Mogok Kerja", (2023, 6, 6), text);
    let e = &Extractor::new(&g).analyse(&a).events[0];
    assert_eq!(e.event_type, EventType::Strike);
    assert_eq!(e.modality, Modality::Planned);
    assert_eq!(e.date.value.unwrap().to_string(), "2023-06-20");
}

#[test]
fn unrelated_news_gives_no_events() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Tim dayung Kepulauan Riau meraih tiga medali emas pada kejuaraan nasional di Jakarta, Minggu (18/8/2024). Pelatih menyebut hasil itu buah latihan sejak awal tahun.";
    let analysis =
        Extractor::new(&g).analyse(&article("x1", "Tim Dayung Raih Emas", (2024, 8, 19), text));
    assert!(!analysis.relevant);
    assert!(analysis.events.is_empty());
}

#[test]
fn two_outlets_reporting_one_event_merge_with_stable_ids() {
    let g = Gazetteer::bundled().unwrap();
    let x = Extractor::new(&g);
    let first = article(
        "a1",
        "Sekda Jambi Terima Audiensi FSPMI",
        (2023, 2, 15),
        AUDIENSI,
    );
    let other_text = "JAMBI - Pengurus Federasi Serikat Pekerja Metal Indonesia (FSPMI) Jambi beraudiensi dengan Pemerintah Provinsi Jambi pada Selasa (14/2/2023) di ruang rapat Sekda. Dinas Tenaga Kerja dan Transmigrasi Provinsi Jambi ikut hadir.\n\nSerikat pekerja meminta pengawasan upah diperketat.";
    let second = article(
        "b2",
        "FSPMI Jambi Beraudiensi dengan Pemprov",
        (2023, 2, 14),
        other_text,
    );
    let candidates = vec![
        ("b2".to_string(), x.analyse(&second).events),
        ("a1".to_string(), x.analyse(&first).events),
    ];
    let merged = merge_events(candidates.clone());
    assert_eq!(
        merged.len(),
        1,
        "{:#?}",
        merged
            .iter()
            .map(|e| (&e.id, e.event_type, e.date.value))
            .collect::<Vec<_>>()
    );
    assert_eq!(merged[0].sources.len(), 2);
    let again = merge_events(candidates.into_iter().rev().collect());
    assert_eq!(again[0].id, merged[0].id);
    // Evidence of the second source points into the second source's text.
    for ev in merged[0].evidence.iter().filter(|e| e.source == 1) {
        let src = if merged[0].sources[1].article_id == "a1" {
            &first
        } else {
            &second
        };
        let chars: Vec<char> = src.text.chars().collect();
        assert_eq!(chars[ev.start..ev.end].iter().collect::<String>(), ev.text);
    }
}
