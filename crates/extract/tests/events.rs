//! Event extraction on short reports written for these tests, with the bundled gazetteer.

use warta_extract::{Extractor, merge_events};
use warta_gazetteer::Gazetteer;
use warta_model::{DateMethod, EventType, Modality, ParticipantKind};

mod common;
use common::article;

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

#[test]
fn a_weekday_of_last_week_is_resolved_against_publication() {
    let g = Gazetteer::bundled().unwrap();
    // Published on Tuesday 25 November 2025: "Kamis pekan lalu" is Thursday 20 November.
    let text = "BALIKPAPAN – Dewan Pengupahan Kota Balikpapan menyepakati rekomendasi upah minimum kota tahun 2026 dalam sidang pleno pada Kamis pekan lalu. Unsur serikat pekerja diwakili DPC KSPSI Kota Balikpapan, unsur pengusaha oleh Apindo.\n\nDinas Tenaga Kerja Kota Balikpapan akan meneruskan angka itu kepada wali kota untuk ditetapkan.";
    let a = article(
        "w1",
        "Dewan Pengupahan Balikpapan Sepakati UMK 2026",
        (2025, 11, 25),
        text,
    );
    let e = &Extractor::new(&g).analyse(&a).events[0];
    assert_eq!(e.event_type, EventType::WageSetting);
    assert_eq!(e.date.value.unwrap().to_string(), "2025-11-20");
    assert_eq!(e.date.method, DateMethod::Relative);
}

#[test]
fn two_weekdays_of_last_week_give_a_start_and_an_end() {
    let g = Gazetteer::bundled().unwrap();
    // Published on Monday 6 October 2025; "Selasa dan Rabu pekan lalu" are 30 September and 1 October.
    let text = "Palu - Dinas Tenaga Kerja dan Transmigrasi Provinsi Sulawesi Tengah menggelar pelatihan juru runding bagi pengurus serikat pekerja pada Selasa dan Rabu pekan lalu. Sebanyak 40 pengurus DPD KSPSI Sulawesi Tengah mengikuti kegiatan itu.\n\nMateri meliputi teknik perundingan upah dan penyusunan perjanjian kerja bersama bagi buruh.";
    let a = article(
        "w2",
        "Disnakertrans Sulteng Latih Juru Runding Serikat",
        (2025, 10, 6),
        text,
    );
    let e = &Extractor::new(&g).analyse(&a).events[0];
    assert_eq!(e.event_type, EventType::Training);
    assert_eq!(e.date.value.unwrap().to_string(), "2025-09-30");
    assert_eq!(e.date.end.unwrap().to_string(), "2025-10-01");
}

#[test]
fn wage_hearings_in_two_provinces_on_one_day_stay_apart() {
    let g = Gazetteer::bundled().unwrap();
    let x = Extractor::new(&g);
    let riau = "PEKANBARU – Dewan Pengupahan Kota Pekanbaru merekomendasikan upah minimum kota 2026 dalam sidang di kantor Dinas Tenaga Kerja Kota Pekanbaru, Selasa (2/12/2025). Hadir DPC KSPSI Kota Pekanbaru dan Apindo Kota Pekanbaru.\n\nKetua DPC KSPSI Kota Pekanbaru, Arif Siregar, meminta kenaikan upah buruh di atas inflasi.";
    let kaltim = "SAMARINDA – Dewan Pengupahan Provinsi Kalimantan Timur menyepakati rekomendasi upah minimum provinsi 2026 dalam sidang pleno, Selasa (2/12/2025). Hadir DPD KSPSI Provinsi Kalimantan Timur dan Apindo Kalimantan Timur.\n\nKetua DPD KSPSI Kalimantan Timur, Dedi Kurniawan, meminta pengawasan upah buruh diperketat.";
    let a = article(
        "r1",
        "Dewan Pengupahan Pekanbaru Rekomendasikan UMK",
        (2025, 12, 3),
        riau,
    );
    let b = article(
        "k1",
        "Dewan Pengupahan Kaltim Sepakati UMP",
        (2025, 12, 3),
        kaltim,
    );
    let ea = x.analyse(&a).events;
    let eb = x.analyse(&b).events;
    assert_eq!(ea[0].date.value, eb[0].date.value);
    let merged = merge_events(vec![("r1".into(), ea), ("k1".into(), eb)]);
    assert_eq!(merged.len(), 2);
}

#[test]
fn signing_a_training_deal_is_an_agreement() {
    let g = Gazetteer::bundled().unwrap();
    let text = "SEMARANG – Dinas Tenaga Kerja Kota Semarang meneken perjanjian kerja sama pelatihan kerja dengan DPC KSPN Kota Semarang, Senin (3/3/2025). Kerja sama itu membuka kursus menjahit dan tata boga bagi buruh yang terkena PHK.\n\nPelatihan angkatan pertama dijadwalkan mulai bulan depan di balai latihan kerja milik pemerintah kota.";
    let a = article(
        "g1",
        "Disnaker Semarang dan KSPN Teken Kerja Sama Pelatihan",
        (2025, 3, 4),
        text,
    );
    let e = &Extractor::new(&g).analyse(&a).events[0];
    assert_eq!(e.event_type, EventType::Agreement);
    assert_eq!(e.date.value.unwrap().to_string(), "2025-03-03");
}

#[test]
fn paying_workers_dues_and_handing_over_cards_is_a_program() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Medan - Sebanyak 1.500 buruh harian di Kota Medan kini terdaftar sebagai peserta BPJS Ketenagakerjaan dengan iuran yang ditanggung Pemerintah Kota Medan. Penyerahan kartu peserta secara simbolis berlangsung di kantor Dinas Tenaga Kerja Kota Medan, Senin (14/7/2025).\n\nDPC KSPSI Kota Medan membantu mendata pekerja yang berhak.";
    let a = article(
        "p1",
        "Iuran Jaminan Sosial 1.500 Buruh Harian Dibayar Pemkot Medan",
        (2025, 7, 15),
        text,
    );
    let e = &Extractor::new(&g).analyse(&a).events[0];
    assert_eq!(e.event_type, EventType::Program);
}

#[test]
fn two_events_on_different_days_become_two_records() {
    let g = Gazetteer::bundled().unwrap();
    let text = "MATARAM – Dinas Tenaga Kerja dan Transmigrasi Provinsi Nusa Tenggara Barat menggelar pelatihan perundingan bagi pengurus serikat pekerja, Senin (5/5/2025), di aula Disnakertrans NTB. Peserta datang dari DPD KSPSI NTB dan DPW FSPMI NTB.\n\nKepala Disnakertrans NTB, Ahmad Fauzi, meminta peserta membawa pulang ilmu perundingan ke perusahaan masing-masing.\n\nDua hari kemudian, Rabu (7/5/2025), pengurus baru DPD KSPSI NTB dilantik di Pendopo Gubernur NTB. Pelantikan disaksikan Wakil Gubernur NTB, Lalu Hamdani.\n\nLalu Hamdani meminta serikat pekerja menjaga hubungan industrial yang sehat.";
    let a = article(
        "t2",
        "Disnakertrans NTB Latih Serikat, Pengurus KSPSI Dilantik",
        (2025, 5, 8),
        text,
    );
    let events = Extractor::new(&g).analyse(&a).events;
    assert_eq!(events.len(), 2, "{events:#?}");
    let (first, second) = (&events[0], &events[1]);
    assert_eq!(first.event_type, EventType::Training);
    assert_eq!(first.date.value.unwrap().to_string(), "2025-05-05");
    assert_eq!(second.event_type, EventType::Assembly);
    assert_eq!(second.date.value.unwrap().to_string(), "2025-05-07");
    assert_ne!(first.id, second.id);
    let named = |e: &warta_model::Event, n: &str| e.participants.iter().any(|p| p.name.contains(n));
    assert!(named(second, "Lalu Hamdani"));
    assert!(!named(first, "Lalu Hamdani"));
    assert!(named(first, "Ahmad Fauzi"));
    assert!(!named(second, "Ahmad Fauzi"));
    assert_eq!(
        second.location.venue.as_deref(),
        Some("Pendopo Gubernur NTB")
    );
    // Evidence of both records slices the article text.
    let chars: Vec<char> = a.text.chars().collect();
    for ev in events.iter().flat_map(|e| &e.evidence) {
        assert_eq!(chars[ev.start..ev.end].iter().collect::<String>(), ev.text);
    }
}

#[test]
fn an_old_event_recalled_later_is_not_a_second_record() {
    let g = Gazetteer::bundled().unwrap();
    let text = "BEKASI – Ratusan buruh anggota PUK SPAI FSPMI menggelar mogok kerja di pabrik mereka, Senin (5/5/2025), menuntut pembayaran upah lembur.\n\nDinas Tenaga Kerja Kabupaten Bekasi memanggil manajemen untuk perundingan.\n\nPada Kamis (3/10/2019), serikat yang sama pernah menggelar unjuk rasa di depan kantor bupati.";
    let a = article("o1", "Buruh Mogok Tuntut Upah Lembur", (2025, 5, 6), text);
    let events = Extractor::new(&g).analyse(&a).events;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event_type, EventType::Strike);
}

#[test]
fn lay_offs_as_background_do_not_make_a_dispute_and_a_capital_dateline_is_the_city() {
    let g = Gazetteer::bundled().unwrap();
    let text = "YOGYAKARTA – Gelombang pemutusan hubungan kerja di pabrik sepatu mendorong Dinas Tenaga Kerja dan Transmigrasi DIY meneken nota kesepahaman dengan DPD KSPSI DIY, Kamis (4/9/2025), di Kompleks Kepatihan. Kesepakatan itu mengatur penyaluran kembali buruh yang kehilangan pekerjaan.\n\nSerikat pekerja akan mendata anggota yang terdampak.";
    let a = article(
        "y1",
        "Disnakertrans DIY dan KSPSI Teken MoU Penyaluran Buruh",
        (2025, 9, 5),
        text,
    );
    let e = &Extractor::new(&g).analyse(&a).events[0];
    assert_eq!(e.event_type, EventType::Agreement);
    assert_eq!(e.location.venue.as_deref(), Some("Kompleks Kepatihan"));
    assert_eq!(
        e.location.place.as_ref().map(|r| r.code.as_str()),
        Some("34.71")
    );
}

/// A quote followed within 120 bytes by a multi-byte character (curly quotes, dashes) once cut
/// the window after the quote in the middle of that character and panicked.
#[test]
fn windows_after_a_quote_never_cut_a_character() {
    let g = Gazetteer::bundled().unwrap();
    let extractor = Extractor::new(&g);
    for pad in 0..12 {
        let filler = "a".repeat(100 + pad);
        let text = format!(
            "Ratusan buruh anggota FSPMI berunjuk rasa di depan kantor Gubernur Jambi, Senin (13/2/2023).\n\n“Kami menolak upah murah,” {filler} “tegas” – ujar Budi Santoso, Ketua DPW FSPMI Jambi — ‘itu’ “jelas”."
        );
        let a = article("q1", "Buruh Berunjuk Rasa", (2023, 2, 14), &text);
        let analysis = extractor.analyse(&a);
        assert!(analysis.relevant);
    }
}
