//! What is asked for is not what happened: a generic meeting word after "diminta" or "diimbau",
//! and an official asking employers for something in a story with no word of interaction —
//! on sentences written for these tests.

use warta_extract::Extractor;
use warta_gazetteer::Gazetteer;
use warta_model::{Article, EventType};

mod common;

fn article(title: &str, published: (i32, u32, u32), text: &str) -> Article {
    common::article("q1", title, published, text)
}

#[test]
fn a_meeting_word_that_is_asked_for_is_no_meeting() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Surabaya - Pemerintah Provinsi Jawa Timur diminta memanggil perusahaan yang menunda upah buruh pabrik. Desakan itu disampaikan pengurus KSPI Jawa Timur, Selasa (2/9/2025).\n\nPara pekerja sudah dua bulan belum menerima upah penuh, kata pengurus serikat.\n\nSebelumnya Disnakertrans Jawa Timur menggelar rapat koordinasi dengan perusahaan, Senin (1/9/2025).";
    let events = Extractor::new(&g)
        .analyse(&article(
            "Pemprov Jatim Diminta Panggil Perusahaan",
            (2025, 9, 3),
            text,
        ))
        .events;
    assert_eq!(events.len(), 1, "{events:#?}");
    // "memanggil" was only asked for; the meeting held is the coordination meeting.
    assert_eq!(events[0].trigger.to_lowercase(), "rapat koordinasi");
    assert_eq!(events[0].date.value.unwrap().to_string(), "2025-09-01");
}

#[test]
fn an_official_asking_employers_is_an_interaction_of_no_listed_type() {
    let g = Gazetteer::bundled().unwrap();
    let x = Extractor::new(&g);
    let text = "Bupati Karawang Hendra Saputra mengingatkan pentingnya keselamatan pekerja di kawasan industri.\n\nIa pun meminta perusahaan pemilik pabrik memeriksa ulang alat pelindung diri para pekerja, kata Bupati di kantornya, Kamis (4/9/2025).\n\nSejumlah pekerja pabrik mengalami kecelakaan kerja sepanjang bulan lalu.";
    let events = x
        .analyse(&article(
            "Bupati Minta Perusahaan Lindungi Pekerja",
            (2025, 9, 5),
            text,
        ))
        .events;
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].event_type, EventType::Other);
    // Asking the workers themselves is no interaction with employers.
    let own = text.replace("meminta perusahaan pemilik pabrik", "meminta para buruh");
    let events = x
        .analyse(&article("Bupati Ingatkan Pekerja", (2025, 9, 5), &own))
        .events;
    assert!(events.is_empty(), "{events:#?}");
}

#[test]
fn an_empowerment_programme_is_a_programme() {
    let g = Gazetteer::bundled().unwrap();
    let text = "Dinas Koperasi Kota Makassar menjalankan program pemberdayaan bagi pengemudi ojek daring, Senin (1/9/2025). Para pengemudi ojol mendapat modal usaha.\n\nPara pengemudi ojol juga sempat berdiskusi dengan petugas dinas.";
    let events = Extractor::new(&g)
        .analyse(&article(
            "Pengemudi Ojol Dapat Modal Usaha",
            (2025, 9, 2),
            text,
        ))
        .events;
    assert_eq!(
        events.first().map(|e| e.event_type),
        Some(EventType::Program)
    );
}
