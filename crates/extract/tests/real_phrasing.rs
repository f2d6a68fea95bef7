//! Constructions of real Indonesian labour news, on sentences written for these tests: worker
//! groups without a union, protests aimed at a body (the `target` role), landmarks and city
//! nicknames, frames that rule an event out (and the reasons `why` gives), and rule files that
//! change extraction when edited in a copy of the gazetteer directory.

use std::path::Path;

use warta_extract::Extractor;
use warta_gazetteer::Gazetteer;
use warta_model::{Article, EventType, ReasonCode, Role};

mod common;

fn article(title: &str, published: (i32, u32, u32), text: &str) -> Article {
    common::article("t1", title, published, text)
}

const DRIVERS: &str = "Pekanbaru - Ratusan sopir angkot menggeruduk kantor DPRD Kota Pekanbaru, Senin (4/8). Para pengemudi menuntut pemerintah menertibkan angkutan daring yang dinilai merugikan pendapatan mereka.\n\nPerwakilan sopir kemudian diterima anggota dewan untuk menyampaikan tuntutan para pekerja transportasi itu.";

#[test]
fn a_protest_of_a_worker_group_without_a_union() {
    let g = Gazetteer::bundled().unwrap();
    let a = article("Sopir Angkot Geruduk DPRD", (2025, 8, 5), DRIVERS);
    let x = Extractor::new(&g);
    let analysis = x.analyse(&a);
    assert!(analysis.relevant, "{:?}", analysis.why);
    let e = &analysis.events[0];
    assert_eq!(e.event_type, EventType::Protest);
    assert_eq!(e.date.value.unwrap().to_string(), "2025-08-04");
    assert_eq!(
        e.location.province.as_ref().map(|r| r.code.as_str()),
        Some("14")
    );
    assert!(
        analysis
            .why
            .reasons
            .iter()
            .any(|r| r.code == ReasonCode::LabourActor)
    );
}

#[test]
fn the_body_a_protest_is_aimed_at_is_its_target() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Semarang - Ratusan buruh pabrik garmen berunjuk rasa dan mendesak Pemerintah Provinsi Jawa Tengah menaikkan upah minimum, Rabu (6/8/2025). Massa buruh berorasi di depan kantor gubernur sejak pagi.\n\nKoordinator aksi meminta pekerja kontrak diangkat menjadi karyawan tetap.";
    let a = article("Buruh Garmen Demo Tuntut Kenaikan Upah", (2025, 8, 6), text);
    let e = &Extractor::new(&g).analyse(&a).events[0];
    assert_eq!(e.event_type, EventType::Protest);
    let gov = e
        .participants
        .iter()
        .find(|p| p.kind == warta_model::ParticipantKind::Government)
        .expect("the provincial government is named");
    assert_eq!(gov.role, Role::Target);
}

#[test]
fn a_nickname_in_the_dateline_and_a_landmark_fix_the_city() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Solo - Puluhan buruh tekstil menggelar unjuk rasa menolak pemutusan hubungan kerja sepihak, Kamis (7/8/2025). Para pekerja meminta dinas tenaga kerja memanggil manajemen perusahaan.\n\nMereka juga menuntut pesangon dibayar penuh.";
    let e = &Extractor::new(&g)
        .analyse(&article("Buruh Tekstil Tolak PHK", (2025, 8, 8), text))
        .events[0];
    assert_eq!(
        e.location.place.as_ref().map(|r| r.code.as_str()),
        Some("33.72")
    );
    let text = "Ribuan buruh dari berbagai daerah berunjuk rasa di depan Gedung Sate, Selasa (12/8/2025). Para pekerja menuntut gubernur menolak rencana pemutusan hubungan kerja massal.\n\nMassa buruh membubarkan diri menjelang sore.";
    let e = &Extractor::new(&g)
        .analyse(&article("Buruh Demo Tolak PHK Massal", (2025, 8, 12), text))
        .events[0];
    assert_eq!(
        e.location.place.as_ref().map(|r| r.code.as_str()),
        Some("32.73")
    );
}

#[test]
fn foreign_news_statistics_and_trials_give_no_event_and_say_why() {
    let g = Gazetteer::bundled().unwrap();
    let x = Extractor::new(&g);
    let cases = [
        (
            "Serikat Buruh Jepang Mogok",
            "Ribuan buruh pabrik mobil di Jepang mogok kerja menuntut kenaikan upah, Senin (4/8/2025). Serikat pekerja di negara itu menyebut gaji buruh tertinggal dari inflasi.\n\nManajemen perusahaan Jepang itu belum menanggapi tuntutan serikat buruh.",
            ReasonCode::Foreign,
        ),
        (
            "Pengangguran Naik",
            "Badan Pusat Statistik mencatat jumlah pekerja yang kehilangan pekerjaan naik pada semester pertama. Data itu menunjukkan buruh sektor tekstil paling terdampak pemutusan hubungan kerja.\n\nPara buruh yang kehilangan upah disebut beralih ke sektor informal.",
            ReasonCode::Statistics,
        ),
        (
            "Sidang Kasus Demo Buruh Ditunda",
            "Majelis hakim menunda pembacaan putusan terhadap tiga terdakwa kasus unjuk rasa buruh, Selasa (5/8/2025). Para terdakwa didampingi kuasa hukum dari serikat pekerja.\n\nPuluhan buruh memadati ruang sidang sejak pagi.",
            ReasonCode::Crime,
        ),
        (
            "Harga Cabai Naik",
            "Harga cabai rawit di pasar tradisional naik tajam sejak awal pekan, Senin (4/8/2025). Pedagang menyebut pasokan dari petani berkurang karena hujan.",
            ReasonCode::NoLabourActor,
        ),
    ];
    for (title, text, want) in cases {
        let analysis = x.analyse(&article(title, (2025, 8, 6), text));
        assert!(analysis.events.is_empty(), "{title}: {:?}", analysis.events);
        assert_eq!(analysis.why.events, 0);
        assert!(
            analysis.why.reasons.iter().any(|r| r.code == want),
            "{title}: {:?}",
            analysis.why
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn one_more_line_in_a_trigger_file_changes_extraction() {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../gazetteers");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&bundled, dir.path());
    // "apel akbar" (a mass rally) is not in the bundled trigger list.
    let text = "Bekasi - Ribuan buruh menggelar apel akbar di halaman pabrik, Jumat (8/8/2025). Para pekerja menolak rencana pemutusan hubungan kerja dan meminta dinas tenaga kerja turun tangan.\n\nPengurus serikat pekerja menyebut upah lembur belum dibayar.";
    let a = article("Apel Akbar Buruh", (2025, 8, 8), text);
    let before = Gazetteer::load_dir(dir.path()).unwrap();
    let before_type = Extractor::new(&before)
        .analyse(&a)
        .events
        .first()
        .map(|e| e.event_type);
    assert_ne!(before_type, Some(EventType::Protest));
    let path = dir.path().join("rules/event-triggers.tsv");
    let mut rules = std::fs::read_to_string(&path).unwrap();
    rules.push_str("apel akbar\tprotest\t9\n");
    std::fs::write(&path, rules).unwrap();
    let after = Gazetteer::load_dir(dir.path()).unwrap();
    let e = &Extractor::new(&after).analyse(&a).events[0];
    assert_eq!(e.event_type, EventType::Protest);
    assert_eq!(e.trigger.to_lowercase(), "apel akbar");
}

#[test]
fn a_national_outlet_dateline_yields_to_the_place_of_the_event() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Jakarta, Kabar Nasional -- Ratusan karyawan perusahaan tambang menggelar unjuk rasa di Timika, Sabtu (9/8/2025). Para pekerja menuntut manajemen mempekerjakan kembali rekan mereka yang terkena pemutusan hubungan kerja.\n\nAparat kepolisian berjaga di sekitar lokasi aksi para karyawan.";
    let e = &Extractor::new(&g)
        .analyse(&article(
            "Karyawan Tambang Demo di Timika",
            (2025, 8, 10),
            text,
        ))
        .events[0];
    assert_eq!(e.event_type, EventType::Protest);
    assert_eq!(
        e.location.province.as_ref().map(|r| r.code.as_str()),
        Some("94")
    );
}

#[test]
fn a_bare_month_long_before_publication_is_background() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Jakarta - Serikat pekerja pelaut mendesak Kementerian Ketenagakerjaan menerbitkan aturan pelaksana undang-undang perlindungan awak kapal yang disahkan pada Maret 2024. Para pelaut menilai tanpa aturan itu hak pekerja di kapal tidak terlindungi.\n\nSerikat pekerja juga meminta pengawasan upah awak kapal diperketat.";
    let e = &Extractor::new(&g)
        .analyse(&article(
            "Pelaut Desak Aturan Pelaksana",
            (2025, 8, 6),
            text,
        ))
        .events[0];
    assert_eq!(e.date.value.unwrap().to_string(), "2025-08-06");
    assert_eq!(e.date.method, warta_model::DateMethod::Publication);
}

#[test]
fn a_worker_group_in_the_headline_is_a_labour_actor() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Pemerintah Indonesia dan pemerintah negara penempatan menyepakati sistem baru perlindungan bagi warga yang bekerja di sektor domestik, Senin (4/8/2025). Kesepakatan itu mengatur visa kerja satu pintu dan jaminan sosial.\n\nKedua negara juga sepakat membentuk tim pengawas bersama.";
    let analysis = Extractor::new(&g).analyse(&article(
        "Pemerintah Sepakati Sistem Baru Penempatan TKI",
        (2025, 8, 5),
        text,
    ));
    assert_eq!(analysis.events[0].event_type, EventType::Agreement);
}

#[test]
fn a_policy_that_is_only_demanded_is_not_a_policy_event() {
    let g = Gazetteer::bundled().unwrap();
    let x = Extractor::new(&g);
    let demanded = "Surabaya - Federasi serikat pekerja mendesak Pemerintah Provinsi Jawa Timur segera menerbitkan surat edaran tentang upah lembur buruh pabrik, Selasa (5/8/2025). Para pekerja menilai banyak perusahaan belum membayar lembur sesuai aturan.\n\nSerikat buruh juga meminta pengawasan diperketat.";
    let e = &x
        .analyse(&article(
            "Serikat Pekerja Desak Surat Edaran",
            (2025, 8, 6),
            demanded,
        ))
        .events[0];
    assert_eq!(e.event_type, EventType::Other);
    let issued = "Surabaya - Pemerintah Provinsi Jawa Timur menerbitkan surat edaran tentang upah lembur buruh pabrik, Selasa (5/8/2025). Serikat pekerja menyambut baik aturan baru itu bagi para pekerja.\n\nDinas tenaga kerja akan mengawasi pelaksanaannya di perusahaan.";
    let e = &x
        .analyse(&article(
            "Pemprov Terbitkan Surat Edaran Lembur",
            (2025, 8, 6),
            issued,
        ))
        .events[0];
    assert_eq!(e.event_type, EventType::Policy);
}

#[test]
fn yesterday_in_a_quote_counts_from_the_day_it_was_said_and_a_demo_in_a_strike_is_one_event() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Jakarta - Polisi menyebut situasi mogok kerja karyawan pabrik semen di Kabupaten Tuban sudah terkendali.\n\n\"Memang kemarin terjadi unjuk rasa para pekerja di depan pabrik, sekarang sudah aman,\" kata juru bicara kepolisian di Jakarta, Minggu (10/8/2025).\n\nSehari kemudian, Senin (11/8/2025), para karyawan kembali menggelar demo di gerbang pabrik menuntut upah lembur.";
    let events = Extractor::new(&g)
        .analyse(&article("Mogok Karyawan Pabrik Semen", (2025, 8, 12), text))
        .events;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].date.value.unwrap().to_string(), "2025-08-09");
}

#[test]
fn a_governors_office_places_a_protest_in_the_seat_of_the_province() {
    let g = Gazetteer::bundled().unwrap();
    let x = Extractor::new(&g);
    for (text, city) in [
        // The governor of South Kalimantan sits in Banjarbaru, not in Banjarmasin.
        (
            "Ratusan buruh sawit berunjuk rasa di depan Kantor Gubernur Kalsel, Senin (1/9/2025). Para pekerja menuntut pemerintah provinsi menolak rencana pemutusan hubungan kerja.\n\nMassa buruh membubarkan diri sore hari.",
            "63.72",
        ),
        (
            "Ribuan buruh galangan kapal menggelar aksi unjuk rasa di Dataran Engku Putri, Selasa (2/9/2025). Mereka menuntut pemerintah kota menindak perusahaan yang menunda upah pekerja.\n\nMassa buruh bertahan hingga sore.",
            "21.71",
        ),
    ] {
        let a = article("Buruh Unjuk Rasa", (2025, 9, 3), text);
        let e = &x.analyse(&a).events[0];
        assert_eq!(
            e.location.place.as_ref().map(|r| r.code.as_str()),
            Some(city),
            "{text}"
        );
    }
}
