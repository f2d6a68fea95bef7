//! Two interactions told of one day (a street action and the hearing of its delegates), a plan and
//! the meeting it came from, stories with no counterpart or with labour words only in furniture, acronyms
//! that name a party rather than a collective agreement, and where a national body's handing over
//! of benefits took place — on sentences written for these tests.

use warta_extract::Extractor;
use warta_gazetteer::Gazetteer;
use warta_model::{Article, EventType};

mod common;

fn article(title: &str, published: (i32, u32, u32), text: &str) -> Article {
    common::article("s1", title, published, text)
}

fn kinds_and_days(a: &Article) -> Vec<(EventType, String)> {
    let g = Gazetteer::bundled().unwrap();
    Extractor::new(&g)
        .analyse(a)
        .events
        .iter()
        .map(|e| (e.event_type, e.date.value.unwrap().to_string()))
        .collect()
}

#[test]
fn a_protest_and_the_hearing_that_followed_are_two_records_of_one_day() {
    let text = "Jambi - Ratusan buruh kebun berunjuk rasa di depan kantor DPRD Provinsi Jambi, Selasa (9/9/2025), menolak pemotongan upah.\n\nDari hasil rapat dengar pendapat yang dipimpin Ketua Komisi IV, dewan bakal memanggil manajemen perusahaan. Hadir Dinas Tenaga Kerja dan Transmigrasi Provinsi Jambi.\n\nKetegangan itu bermula dari pemotongan upah yang diumumkan perusahaan, Jumat (5/9/2025).";
    let a = article("Buruh Kebun Demo di DPRD Jambi", (2025, 9, 10), text);
    assert_eq!(
        kinds_and_days(&a),
        vec![
            (EventType::Protest, "2025-09-09".to_string()),
            (EventType::Audience, "2025-09-09".to_string()),
        ]
    );
}

#[test]
fn a_hearing_only_planned_after_a_protest_is_no_second_record() {
    let text = "Jambi - Ratusan buruh kebun berunjuk rasa di depan kantor DPRD Provinsi Jambi, Selasa (9/9/2025), menolak pemotongan upah.\n\nKetua Komisi IV mengatakan dewan akan memanggil perusahaan dalam rapat dengar pendapat pekan depan. Hadir Dinas Tenaga Kerja dan Transmigrasi Provinsi Jambi.";
    let a = article("Buruh Kebun Demo di DPRD Jambi", (2025, 9, 10), text);
    assert_eq!(
        kinds_and_days(&a),
        vec![(EventType::Protest, "2025-09-09".to_string())]
    );
}

#[test]
fn a_council_meeting_and_the_protest_told_after_it_are_two_records() {
    let text = "Kepala Dinas Pendidikan Kabupaten Bima memastikan gaji guru honorer dibayar bulan ini. Hal itu disampaikan saat rapat terbatas bersama DPRD Kabupaten Bima, Rabu (3/9/2025).\n\nMenurut dia, data guru honorer sedang diverifikasi ulang.\n\nSebelumnya, ratusan guru honorer menggeruduk kantor DPRD Kabupaten Bima, Rabu. Mereka menuntut kejelasan gaji yang belum dibayar tiga bulan.";
    let a = article("Gaji Guru Honorer Dibayar Bulan Ini", (2025, 9, 3), text);
    assert_eq!(
        kinds_and_days(&a),
        vec![
            (EventType::Meeting, "2025-09-03".to_string()),
            (EventType::Protest, "2025-09-03".to_string()),
        ]
    );
}

#[test]
fn a_party_spelt_out_is_no_collective_agreement() {
    let text = "Menteri Ketenagakerjaan bertemu pengurus serikat pekerja di kantor Dewan Pimpinan Pusat Partai Kebangkitan Bangsa (PKB), Jakarta, Kamis (4/9/2025). Pertemuan membahas nasib pekerja kontrak.\n\n\"Kami bahas banyak hal,\" kata Sekjen PKB usai pertemuan.";
    let a = article("Menaker Bertemu Serikat Pekerja", (2025, 9, 5), text);
    let got = kinds_and_days(&a);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, EventType::Meeting);
}

#[test]
fn benefits_handed_over_by_a_ministry_are_not_placed_in_the_capital() {
    let text = "Kementerian Ketenagakerjaan menyerahkan santunan kematian kepada ahli waris seorang pekerja konstruksi, Senin (1/9/2025). Santunan diserahkan langsung kepada istri almarhum.\n\nPara pekerja konstruksi diminta mendaftar jaminan sosial ketenagakerjaan.";
    let a = article("Ahli Waris Pekerja Terima Santunan", (2025, 9, 2), text);
    let g = Gazetteer::bundled().unwrap();
    let events = Extractor::new(&g).analyse(&a).events;
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].event_type, EventType::Program);
    assert_eq!(events[0].location.province, None);
}

#[test]
fn a_plan_in_the_lead_and_the_meeting_it_came_from_are_two_records() {
    let text = "Dinas Tenaga Kerja Kota Medan segera meluncurkan bursa kerja keliling bagi buruh korban pemutusan hubungan kerja.\n\nRencana tersebut mengemuka saat Kepala Dinas Tenaga Kerja Kota Medan bertemu pengurus DPC KSPSI Kota Medan di kantor dinas, Senin (8/9/2025).\n\nPeluncuran dijadwalkan pada Oktober 2025 di lapangan kantor wali kota.";
    let a = article(
        "Disnaker Medan Siapkan Bursa Kerja Keliling",
        (2025, 9, 9),
        text,
    );
    let g = Gazetteer::bundled().unwrap();
    let events = Extractor::new(&g).analyse(&a).events;
    let got: Vec<(EventType, warta_model::Modality)> =
        events.iter().map(|e| (e.event_type, e.modality)).collect();
    assert_eq!(
        got,
        vec![
            (EventType::Program, warta_model::Modality::Planned),
            (EventType::Meeting, warta_model::Modality::Occurred),
        ],
        "{events:#?}"
    );
    assert_eq!(events[1].date.value.unwrap().to_string(), "2025-09-08");
    // The plan's own time, told further down, dates the planned record.
    assert_eq!(events[0].date.value.unwrap().to_string(), "2025-10-01");
    assert_eq!(events[0].date.precision, warta_model::DatePrecision::Month);
}

#[test]
fn workers_acting_alone_give_no_event_and_say_there_is_no_counterpart() {
    let g = Gazetteer::bundled().unwrap();
    let x = Extractor::new(&g);
    let alone = "Semarang - Ratusan anggota KSPSI Jawa Tengah menggelar konsolidasi akbar di gedung serikat, Minggu (7/9/2025). Para buruh menyusun daftar tuntutan upah untuk tahun depan.\n\nKetua serikat meminta anggota serikat pekerja tetap kompak.";
    let a = article("Buruh Jateng Konsolidasi", (2025, 9, 8), alone);
    let analysis = x.analyse(&a);
    assert!(analysis.relevant);
    assert!(analysis.events.is_empty(), "{:#?}", analysis.events);
    assert_eq!(
        analysis.why.reasons.last().map(|r| r.code),
        Some(warta_model::ReasonCode::NoCounterpart)
    );
    // The same gathering with a guest from the government is an interaction.
    let guest = alone.replace(
        "Para buruh menyusun",
        "Gubernur Jawa Tengah hadir membuka acara. Para buruh menyusun",
    );
    let b = article("Buruh Jateng Konsolidasi", (2025, 9, 8), &guest);
    assert_eq!(x.analyse(&b).events.len(), 1);
}

#[test]
fn labour_words_only_in_left_over_furniture_say_only_boilerplate() {
    let g = Gazetteer::bundled().unwrap();
    let x = Extractor::new(&g);
    let text = "Bandung - Festival kuliner digelar di alun-alun kota, Sabtu (6/9/2025). Puluhan pedagang menjajakan makanan khas daerah.\n\nPengunjung memadati lokasi sejak sore hari.\n\nBaca juga: Ribuan buruh anggota KSPI berunjuk rasa menuntut kenaikan upah minimum, buruh pabrik ikut mogok kerja\n\nFoto: massa buruh dan serikat pekerja di depan gedung";
    let analysis = x.analyse(&article("Festival Kuliner Bandung", (2025, 9, 7), text));
    assert!(!analysis.relevant);
    assert!(analysis.events.is_empty());
    assert_eq!(
        analysis.why.reasons.first().map(|r| r.code),
        Some(warta_model::ReasonCode::OnlyBoilerplate),
        "{:?}",
        analysis.why
    );
    // The same words in the story itself make it labour news.
    let story = text.replace("Baca juga: ", "").replace("Foto: ", "");
    let analysis = x.analyse(&article("Festival Kuliner Bandung", (2025, 9, 7), &story));
    assert!(analysis.relevant, "{:?}", analysis.why);
}

#[test]
fn a_person_named_short_later_is_one_participant_with_the_title() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Medan - Dinas Tenaga Kerja Kota Medan menggelar sosialisasi upah minimum bagi pengurus serikat pekerja, Rabu (3/9/2025).\n\nHadir pengurus DPC KSPSI Kota Medan.\n\nKepala Dinas Tenaga Kerja Kota Medan, Hj. Rina Lestari Situmorang, S.H., mengatakan sosialisasi digelar agar tidak ada lagi perusahaan yang membayar di bawah upah minimum.\n\n\"Pengurus serikat harus paham aturan upah,\" kata Rina Lestari saat membuka kegiatan.";
    let events = Extractor::new(&g)
        .analyse(&article(
            "Disnaker Medan Sosialisasi Upah",
            (2025, 9, 4),
            text,
        ))
        .events;
    let rina: Vec<_> = events[0]
        .participants
        .iter()
        .filter(|p| p.name.contains("Rina"))
        .collect();
    assert_eq!(rina.len(), 1, "{rina:#?}");
    assert!(
        rina[0]
            .title
            .as_deref()
            .is_some_and(|t| t.starts_with("Kepala Dinas")),
        "{rina:#?}"
    );
}
