use super::*;
use std::sync::OnceLock;

fn g() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::bundled().expect("bundled gazetteer"))
}

fn by_id<'a>(es: &'a [Entity], id: &str) -> Vec<&'a Entity> {
    es.iter().filter(|e| e.id.as_deref() == Some(id)).collect()
}

fn person<'a>(es: &'a [Entity], name: &str) -> &'a Entity {
    es.iter()
        .find(|e| e.kind == EntityKind::Person && e.name == name)
        .unwrap_or_else(|| panic!("no person {name}: {es:#?}"))
}

fn check_spans(text: &str, es: &[Entity]) {
    for e in es {
        assert!(!e.mentions.is_empty());
        for m in &e.mentions {
            assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
        }
    }
}

#[test]
fn union_leader_and_deputy_mayor() {
    let t = "Ketua DPW FSPMI Jawa Barat, Bapak Rudi Hartono, memimpin rombongan buruh yang \
             diterima Wakil Wali Kota Bandung, Ir. H. Budi Santoso, di Balai Kota. Budi berjanji \
             meneruskan usulan kenaikan upah kepada Disnaker Kota Bandung. \"Kami mendengar \
             aspirasi pekerja,\" ujar Budi.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let f = by_id(&es, "org/fspmi");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].unit.as_deref(), Some("DPW"));
    assert_eq!(f[0].region.as_ref().map(|r| r.code.as_str()), Some("32"));
    assert_eq!(f[0].parent.as_deref(), Some("org/kspi"));
    let rudi = person(&es, "Rudi Hartono");
    assert_eq!(rudi.title.as_deref(), Some("Ketua DPW FSPMI Jawa Barat"));
    assert_eq!(rudi.honorific.as_deref(), Some("Bapak"));
    assert_eq!(
        es[rudi.affiliation.unwrap()].id.as_deref(),
        Some("org/fspmi")
    );
    let budi = person(&es, "Budi Santoso");
    assert_eq!(budi.title.as_deref(), Some("Wakil Wali Kota Bandung"));
    assert_eq!(budi.honorific.as_deref(), Some("Ir. H."));
    assert_eq!(
        es[budi.affiliation.unwrap()].id.as_deref(),
        Some("gov/32.73")
    );
    assert_eq!(budi.mentions.len(), 3, "{:?}", budi.mentions);
    assert_eq!(by_id(&es, "gov/32.73/disnaker").len(), 1);
    assert!(es.iter().all(|e| e.name != "Balai Kota"));
}

#[test]
fn factions_and_inherited_offices() {
    let t = "Pemkot Bekasi menggelar dialog dengan KSPSI versi Andi Gani dan KSPSI Kota Bekasi \
             versi Jumhur Hidayat. Kepala Disnaker, Siti Rahmawati, hadir bersama perwakilan \
             Kesbangpol.";
    let es = g().recognise(t);
    check_spans(t, &es);
    assert_eq!(by_id(&es, "org/kspsi-agn").len(), 1);
    let k = by_id(&es, "org/kspsi");
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].faction.as_deref(), Some("versi Jumhur Hidayat"));
    assert_eq!(k[0].region.as_ref().map(|r| r.code.as_str()), Some("32.75"));
    let siti = person(&es, "Siti Rahmawati");
    assert_eq!(siti.title.as_deref(), Some("Kepala Disnaker"));
    assert_eq!(
        es[siti.affiliation.unwrap()].id.as_deref(),
        Some("gov/32.75/disnaker")
    );
    assert_eq!(by_id(&es, "gov/32.75/kesbangpol").len(), 1);
    // no person is made of the faction leaders
    assert!(es.iter().all(|e| e.name != "Jumhur Hidayat"));
}

#[test]
fn acronym_definition_speech_verb_and_title_without_name() {
    let t = "Serikat Pekerja Kuliner Nusantara (SPKN) menggelar aksi di depan kantor Bupati. \
             Pak Bupati belum menemui massa. \"Kami menuntut pesangon dibayar,\" kata Andi \
             Wijaya Kusuma. SPKN juga menolak PHK sepihak.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let u = es
        .iter()
        .find(|e| e.acronym.as_deref() == Some("SPKN"))
        .expect("acronym entity");
    assert_eq!(u.kind, EntityKind::Union);
    assert_eq!(u.id, None);
    assert_eq!(u.name, "Serikat Pekerja Kuliner Nusantara");
    assert_eq!(u.mentions.len(), 3);
    let people: Vec<&str> = es
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(people, vec!["Andi Wijaya Kusuma"]);
    assert_eq!(by_id(&es, "topic/layoffs").len(), 1);
}

#[test]
fn provincial_office_from_context() {
    let t = "Pemerintah Provinsi Jawa Tengah melalui Disnakertrans Provinsi menggelar \
             pelatihan. Kabid Pengawasan Ketenagakerjaan Disnakertrans Provinsi, Ibu Sri \
             Lestari, membuka acara. Sri Lestari berharap peserta aktif.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let d = by_id(&es, "gov/33/disnaker");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].mentions.len(), 2);
    assert_eq!(d[0].parent.as_deref(), Some("gov/33"));
    let sri = person(&es, "Sri Lestari");
    assert_eq!(
        sri.title.as_deref(),
        Some("Kabid Pengawasan Ketenagakerjaan Disnakertrans Provinsi")
    );
    assert_eq!(sri.honorific.as_deref(), Some("Ibu"));
    assert_eq!(
        es[sri.affiliation.unwrap()].id.as_deref(),
        Some("gov/33/disnaker")
    );
    assert_eq!(sri.mentions.len(), 2);
}

#[test]
fn federation_with_confederation() {
    let t = "DPD FSP KEP KSPI Provinsi Riau bertemu pengurus Konfederasi Serikat Pekerja \
             Indonesia (KSPI) di Pekanbaru.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let f = by_id(&es, "org/fsp-kep-kspi");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].unit.as_deref(), Some("DPD"));
    assert_eq!(f[0].region.as_ref().map(|r| r.code.as_str()), Some("14"));
    assert_eq!(f[0].parent.as_deref(), Some("org/kspi"));
    let k = by_id(&es, "org/kspi");
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].mentions.len(), 2);
    assert_eq!(by_id(&es, "place/14.71").len(), 1); // Kota Pekanbaru
}

#[test]
fn case_rules_and_boundaries() {
    // lower-case "batu" is a stone, "kspi" inside a word is nothing, "Phi" is not the court
    let t = "Mereka membawa batu ke Fspkep.id dan kspi-nya; Phi bukan PHI.";
    let es = g().recognise(t);
    check_spans(t, &es);
    assert!(by_id(&es, "place/35.79").is_empty());
    assert!(by_id(&es, "org/kspi").is_empty());
    assert_eq!(by_id(&es, "gov/phi")[0].mentions.len(), 1);
}

#[test]
fn ambiguous_regency_or_city() {
    let t = "Bupati Bekasi meninjau pabrik. Warga Bekasi menyambutnya.";
    let es = g().recognise(t);
    assert_eq!(by_id(&es, "place/32.16").len(), 1);
    assert!(by_id(&es, "place/32.75").is_empty());
    let t = "Pemkot Bekasi dan Disnaker Bekasi bertemu di Bekasi.";
    let es = g().recognise(t);
    assert_eq!(by_id(&es, "gov/32.75/disnaker").len(), 1);
    assert!(by_id(&es, "place/32.16").is_empty());
}

#[test]
fn odd_input_does_not_panic() {
    for t in [
        "",
        " ",
        "(",
        "()",
        "(A)",
        "Ibu",
        "Bapak (",
        "kata",
        "Ketua,",
        "ǅ (ǅǅ) ﬁ",
        "\u{0301}KSPI",
    ] {
        let es = g().recognise(t);
        check_spans(t, &es);
    }
}

#[test]
fn commission_with_numeral_and_degree_after_name() {
    let t = "Rapat dipimpin Ketua Komisi II, Budi Santoso, S.H. Turut hadir para anggota dewan. \
             Pertemuan itu berlangsung cukup lama karena banyak hal yang perlu dibahas oleh semua pihak yang hadir di sana, dan para peserta tampak tekun mendengarkan penjelasan yang disampaikan satu per satu sampai selesai.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let p = person(&es, "Budi Santoso");
    assert_eq!(p.title.as_deref(), Some("Ketua Komisi II"));
    assert!(
        !es.iter()
            .any(|e| e.kind == EntityKind::Person && e.name == "Turut")
    );
}

#[test]
fn title_with_branch_org_and_region_before_name() {
    let t = "Aksi dipimpin Ketua Konsulat Cabang Federasi Serikat Pekerja Metal Indonesia \
             (FSPMI) Bekasi, Wawan Kurniawan, di depan pabrik. \
             Pertemuan itu berlangsung cukup lama karena banyak hal yang perlu dibahas oleh semua pihak yang hadir di sana, dan para peserta tampak tekun mendengarkan penjelasan yang disampaikan satu per satu sampai selesai.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let p = person(&es, "Wawan Kurniawan");
    let title = p.title.as_deref().unwrap_or("");
    assert!(title.starts_with("Ketua Konsulat Cabang"), "{title}");
    assert!(title.ends_with("Bekasi"), "{title}");
}

#[test]
fn companies_on_the_fly_and_their_officers() {
    let t = "Direktur Operasional PT Maju Karya Abadi, Hendro Gunawan, menemui Ketua PUK \
             FSP LEM SPSI PT Maju Karya Abadi, Sutrisno Hadi. Pekerja CV Karya Rejeki ikut. \
             Pertemuan itu berlangsung cukup lama karena banyak hal yang perlu dibahas oleh semua pihak yang hadir di sana, dan para peserta tampak tekun mendengarkan penjelasan yang disampaikan satu per satu sampai selesai.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let pt: Vec<_> = es
        .iter()
        .filter(|e| e.kind == EntityKind::Employer && e.name == "PT Maju Karya Abadi")
        .collect();
    assert_eq!(pt.len(), 1, "{es:#?}");
    assert_eq!(pt[0].mentions.len(), 2);
    assert!(
        es.iter()
            .any(|e| e.kind == EntityKind::Employer && e.name == "CV Karya Rejeki")
    );
    let dir = person(&es, "Hendro Gunawan");
    assert_eq!(
        dir.title.as_deref(),
        Some("Direktur Operasional PT Maju Karya Abadi")
    );
    assert!(
        dir.affiliation
            .is_some_and(|a| es[a].name == "PT Maju Karya Abadi")
    );
    let puk = person(&es, "Sutrisno Hadi");
    assert!(puk.title.as_deref().unwrap_or("").starts_with("Ketua PUK"));
}

#[test]
fn acting_heads_branches_and_lower_case_roles() {
    let t = "Acara dibuka Penjabat (Pj) Bupati Blora Drs. Agus Salim, M.Si. Kepala BPJS \
             Ketenagakerjaan Cabang Blora, Rahmat Hidayat, juga hadir. Menurut mediator \
             hubungan industrial Disnaker Blora, Siti Aminah, kasus itu sudah dimediasi. \
             Sementara kuasa hukum perusahaan, Daniel Sitorus, menolak berkomentar. \
             Pertemuan itu berlangsung cukup lama karena banyak hal yang perlu dibahas oleh semua pihak yang hadir di sana, dan para peserta tampak tekun mendengarkan penjelasan yang disampaikan satu per satu sampai selesai.";
    let es = g().recognise(t);
    check_spans(t, &es);
    assert_eq!(
        person(&es, "Agus Salim").title.as_deref(),
        Some("Penjabat (Pj) Bupati Blora")
    );
    assert_eq!(
        person(&es, "Rahmat Hidayat").title.as_deref(),
        Some("Kepala BPJS Ketenagakerjaan Cabang Blora")
    );
    assert!(
        person(&es, "Siti Aminah")
            .title
            .as_deref()
            .unwrap_or("")
            .starts_with("mediator")
    );
}

#[test]
fn names_with_apostrophe_and_inner_address() {
    let t = "Perda itu diteken Bupati Gresik H. Ma'ruf Hasan. Ketua DPC KSPSI Kota Makassar, \
             Andi Baso Daeng Naba, menyambutnya. Bendahara DPC, Rina Wulandari, mencatat. \
             Pertemuan itu berlangsung cukup lama karena banyak hal yang perlu dibahas oleh semua pihak yang hadir di sana, dan para peserta tampak tekun mendengarkan penjelasan yang disampaikan satu per satu sampai selesai.";
    let es = g().recognise(t);
    check_spans(t, &es);
    assert_eq!(
        person(&es, "Ma'ruf Hasan").title.as_deref(),
        Some("Bupati Gresik")
    );
    person(&es, "Andi Baso Daeng Naba");
    assert_eq!(
        person(&es, "Rina Wulandari").title.as_deref(),
        Some("Bendahara DPC")
    );
}

#[test]
fn merged_offices_and_their_acronyms() {
    let t = "Nota kesepahaman diteken Kepala Disnaker ESDM Bali Made Suarta bersama pengurus \
             serikat pekerja hotel di kantor dinas pada pagi hari. Menurut Made, Disnaker akan \
             memantau pelaksanaannya setiap tiga bulan sekali bersama para pengusaha yang ikut.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let merged: Vec<_> = es
        .iter()
        .filter(|e| e.kind == EntityKind::Government && e.name == "Disnaker ESDM Bali")
        .collect();
    assert_eq!(merged.len(), 1, "{es:#?}");
    assert_eq!(
        merged[0].mentions.len(),
        2,
        "bare Disnaker joins the merged office"
    );
    assert!(by_id(&es, "gov/51/esdm").is_empty() && by_id(&es, "gov/51/disnaker").is_empty());
    assert_eq!(
        person(&es, "Made Suarta").title.as_deref(),
        Some("Kepala Disnaker ESDM Bali")
    );

    let t = "Hadir pula Kepala Dinas Tenaga Kerja, Perindustrian, Koperasi dan UKM \
             (Disnakerperinkop UKM) Kabupaten Kudus Dewi Lestari bersama pengurus serikat \
             pekerja rokok yang datang dari berbagai pabrik di wilayah itu sejak pagi hari.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let office = &by_id(&es, "gov/33.19/disnaker")[0];
    assert_eq!(office.acronym.as_deref(), Some("Disnakerperinkop UKM"));
    assert!(
        person(&es, "Dewi Lestari")
            .title
            .as_deref()
            .unwrap_or("")
            .ends_with("(Disnakerperinkop UKM) Kabupaten Kudus")
    );
    assert!(
        !es.iter()
            .any(|e| e.kind == EntityKind::Person && e.name == "Perindustrian")
    );
}

#[test]
fn commission_of_a_regional_parliament_and_office_with_daerah() {
    let t = "Audiensi diterima Komisi IV DPRD Kota Batam di ruang rapat dewan pada siang hari \
             itu. Kepala Dinas Tenaga Kerja dan Transmigrasi Daerah Provinsi Sulawesi Utara, \
             Dr. Marlina Pandelaki, S.H., ikut memberikan penjelasan kepada para peserta rapat.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let dprd = &by_id(&es, "gov/21.71/dprd")[0];
    assert_eq!(dprd.unit.as_deref(), Some("Komisi IV"));
    assert_eq!(dprd.mentions[0].text, "Komisi IV DPRD Kota Batam");
    let dinas = &by_id(&es, "gov/71/disnaker")[0];
    assert!(
        dinas.mentions[0]
            .text
            .ends_with("Daerah Provinsi Sulawesi Utara")
    );
    assert!(
        person(&es, "Marlina Pandelaki")
            .title
            .as_deref()
            .unwrap_or("")
            .starts_with("Kepala Dinas")
    );
}

#[test]
fn secretariat_bureaus_generated_and_on_the_fly() {
    let t = "Audiensi diterima Biro Perekonomian Setda Provinsi Sumatera Selatan di Palembang. \
             Biro Kesra Setdaprov Sumsel ikut hadir, begitu pula Bagian Kesra Setda Kabupaten \
             Kudus dan Biro Kepegawaian dan Diklat Setda Provinsi Riau.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let b = &by_id(&es, "gov/16/biro-perekonomian")[0];
    assert_eq!(b.parent.as_deref(), Some("gov/16/setda"));
    assert_eq!(b.region.as_ref().map(|r| r.code.as_str()), Some("16"));
    assert_eq!(by_id(&es, "gov/16/biro-kesra").len(), 1);
    assert_eq!(
        by_id(&es, "gov/33.19/bagian-kesra")[0].parent.as_deref(),
        Some("gov/33.19/setda")
    );
    // not generated: a sub-unit of the Riau secretariat, named as written
    let u = es
        .iter()
        .find(|e| e.name == "Biro Kepegawaian dan Diklat Setda Provinsi Riau")
        .unwrap_or_else(|| panic!("{es:#?}"));
    assert_eq!(u.kind, EntityKind::Government);
    assert_eq!(u.id, None);
    assert_eq!(u.parent.as_deref(), Some("gov/14/setda"));
    assert!(by_id(&es, "gov/14/setda").is_empty(), "{es:#?}");
}

#[test]
fn name_in_apposition_after_the_body() {
    let t = "Materi pengawasan disampaikan narasumber dari Dinas Tenaga Kerja dan Transmigrasi \
             Provinsi Jawa Tengah, Wulan Anggraeni, menjelaskan cara melapor pelanggaran upah \
             kepada para peserta pelatihan yang datang dari berbagai pabrik di daerah itu.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let p = person(&es, "Wulan Anggraeni");
    assert!(
        p.affiliation
            .is_some_and(|a| es[a].id.as_deref() == Some("gov/33/disnaker"))
    );
    // a list of bodies is not a name
    let t = "Pertemuan itu dihadiri Disnaker Kota Semarang, Apindo Kota Semarang, serta para \
             pengurus serikat pekerja yang menyampaikan berbagai keluhan dari para anggotanya.";
    let es = g().recognise(t);
    assert!(!es.iter().any(|e| e.kind == EntityKind::Person), "{es:#?}");
}

#[test]
fn company_job_title_with_department() {
    let t = "Dalam perundingan yang berlangsung alot itu, pihak perusahaan diwakili oleh \
             Direktur Produksi, Wahyu Prasetyo, bersama dua orang staf.\n\
             Pada hari kedua, giliran Kepala Bagian Personalia PT Mega Tekstil Abadi, Dewi \
             Lestari, yang datang ke ruang rapat.\n\
             Sementara itu Manager HRD, Gilang Saputra, membacakan tawaran yang sudah \
             disiapkan sejak pekan lalu.";
    let es = g().recognise(t);
    check_spans(t, &es);
    assert_eq!(
        person(&es, "Wahyu Prasetyo").title.as_deref(),
        Some("Direktur Produksi")
    );
    assert_eq!(
        person(&es, "Gilang Saputra").title.as_deref(),
        Some("Manager HRD")
    );
    assert!(
        person(&es, "Dewi Lestari")
            .title
            .as_deref()
            .is_some_and(|t| t.starts_with("Kepala Bagian Personalia"))
    );
    for bad in ["Produksi", "Personalia", "HRD"] {
        assert!(
            !es.iter()
                .any(|e| e.kind == EntityKind::Person && e.name == bad),
            "{es:#?}"
        );
    }
}

#[test]
fn relative_clause_between_title_and_name() {
    let t = "Acara dibuka Ketua DPD KSPSI Provinsi Bengkulu yang baru terpilih, Sutrisno \
             Hadi, di aula serikat.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let p = person(&es, "Sutrisno Hadi");
    let title = p.title.as_deref().unwrap_or_default();
    assert!(title.starts_with("Ketua DPD KSPSI"), "{title}");
    assert!(!title.contains("yang"), "{title}");
}

#[test]
fn national_body_with_a_region_is_that_regions_body() {
    let t = "Sidang Dewan Pengupahan Provinsi Jawa Tengah membahas usulan serikat. Sehari \
             kemudian Dewan Pengupahan Kota Semarang bersidang. Ketua Dewan Pengupahan \
             Provinsi memimpin rapat lanjutan.";
    let es = g().recognise(t);
    check_spans(t, &es);
    assert!(by_id(&es, "gov/depenas").is_empty(), "{es:#?}");
    let prov = es
        .iter()
        .find(|e| e.name == "Dewan Pengupahan Provinsi Jawa Tengah")
        .unwrap_or_else(|| panic!("{es:#?}"));
    assert_eq!(prov.region.as_ref().map(|r| r.code.as_str()), Some("33"));
    assert_eq!(prov.parent.as_deref(), Some("gov/33"));
    assert_eq!(prov.mentions.len(), 2, "{prov:#?}");
    let city = es
        .iter()
        .find(|e| e.name == "Dewan Pengupahan Kota Semarang")
        .unwrap_or_else(|| panic!("{es:#?}"));
    assert_eq!(city.region.as_ref().map(|r| r.code.as_str()), Some("33.74"));
    // without a level word it stays the national council
    let es = g().recognise("Dewan Pengupahan Nasional menggelar rapat pleno di Jakarta.");
    assert_eq!(by_id(&es, "gov/depenas").len(), 1, "{es:#?}");
}

#[test]
fn province_named_plainly_after_an_office_word() {
    let t = "Rapat digelar di Biro Perekonomian Setda Aceh bersama Disnakermobduk Aceh dan \
             Disnakertrans Kabupaten Sambas.";
    let es = g().recognise(t);
    check_spans(t, &es);
    assert_eq!(by_id(&es, "gov/11/biro-perekonomian").len(), 1, "{es:#?}");
    assert_eq!(by_id(&es, "gov/11/disnaker").len(), 1, "{es:#?}");
    assert_eq!(by_id(&es, "gov/61.01/disnaker").len(), 1, "{es:#?}");
}

#[test]
fn bureau_before_a_written_out_secretariat() {
    let t = "Kemarin, Biro Hukum Sekretariat Daerah (Setda) Aceh menerima perwakilan serikat \
             pekerja untuk membahas rancangan qanun.";
    let es = g().recognise(t);
    check_spans(t, &es);
    assert_eq!(by_id(&es, "gov/11/biro-hukum").len(), 1, "{es:#?}");
    assert!(by_id(&es, "gov/11/setda").is_empty(), "{es:#?}");
}

#[test]
fn headline_lines_are_found_within_reach_only() {
    let head = "Ketua Serikat Pekerja Bertemu Bupati Bekasi Bahas Upah Minimum Tahun Depan";
    let text = format!("Isi berita pertama.\n{head}\nisi berita lain di sini.");
    let pos = text.find("Bertemu").unwrap();
    assert!(headline_like(&text, pos));
    // a line far longer than any headline is none, wherever the position falls; multi-byte
    // letters around the reach limit never cut a char
    let long = "Ketua Ébé Serikat ".repeat(200);
    for pos in (0..long.len())
        .filter(|&i| long.is_char_boundary(i))
        .step_by(97)
    {
        assert!(!headline_like(&long, pos));
    }
}

#[test]
fn seafarers_captain_rank_is_an_honorific() {
    let text = "Ketua serikat pelaut itu, Capt Rudi Hartono, mendesak pemerintah segera bertindak.";
    let es = g().recognise(text);
    check_spans(text, &es);
    let p = person(&es, "Rudi Hartono");
    assert_eq!(p.honorific.as_deref(), Some("Capt"));
    assert!(es.iter().all(|e| e.name != "Capt"));
}

#[test]
fn national_in_a_title_is_a_field_word_not_a_name() {
    let text =
        "Sekretaris Nasional Aliansi Pekerja Rumahan, Wulan Sari, mengatakan upah belum dibayar.";
    let es = g().recognise(text);
    check_spans(text, &es);
    let people: Vec<&str> = es
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.name.as_str())
        .collect();
    assert!(!people.iter().any(|n| n.contains("Nasional")), "{people:?}");
}

fn no_person(es: &[Entity], name: &str) {
    assert!(
        !es.iter()
            .any(|e| e.kind == EntityKind::Person && e.name == name),
        "unexpected person {name}: {es:#?}"
    );
}

#[test]
fn name_after_a_title_body_of_acronyms_and_known_words() {
    let t = "Sekretaris Jenderal SPTI Hendra Gunawan mengatakan mogok akan berlanjut. \
             Sekretaris Nasional Aliansi Buruh Pelabuhan Rina Marlina menyampaikan hal serupa \
             kepada para buruh di pelabuhan.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let h = person(&es, "Hendra Gunawan");
    assert!(
        h.title
            .as_deref()
            .unwrap_or("")
            .starts_with("Sekretaris Jenderal SPTI"),
        "{:?}",
        h.title
    );
    person(&es, "Rina Marlina");
    no_person(&es, "Jenderal");
    no_person(&es, "Aliansi");
}

#[test]
fn name_after_a_comma_that_closes_a_body_not_in_the_gazetteer() {
    let t = "Kepala Bidang Lalu Lintas dan Angkutan Jalan Dinas Perhubungan Kota Medan, Herman \
             menjelaskan bahwa razia akan diperketat. Sekretaris Kabinet Hadi Pranoto hadir.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let h = person(&es, "Herman");
    assert!(
        h.title
            .as_deref()
            .unwrap_or("")
            .contains("Lalu Lintas dan Angkutan Jalan"),
        "{:?}",
        h.title
    );
    person(&es, "Hadi Pranoto");
    no_person(&es, "Lalu Lintas");
    no_person(&es, "Lalu");
}

#[test]
fn foreign_official_after_the_name_of_the_state() {
    let t = "Nota itu diteken Menteri Tenaga Kerja Arab Saudi Ahmad Bin Sulaiman Al - Rajhi di \
             Riyadh pada pekan lalu.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let p = person(&es, "Ahmad Bin Sulaiman Al - Rajhi");
    assert!(
        p.title.as_deref().unwrap_or("").ends_with("Arab Saudi"),
        "{:?}",
        p.title
    );
    assert!(es.iter().all(|e| !e.name.starts_with("Arab")));
}

#[test]
fn lists_of_titles_or_bodies_are_no_names() {
    let t = "Presiden meminta Menkeu, Mendag, Menperin untuk menyederhanakan izin. Rapat itu \
             dihadiri Perwakilan Kementerian Perhubungan, Organda Kota, Perwakilan Polresta \
             dan pengemudi.";
    let es = g().recognise(t);
    check_spans(t, &es);
    no_person(&es, "Mendag");
    no_person(&es, "Organda Kota");
}

#[test]
fn one_word_name_after_a_speech_verb() {
    let t = "Para guru honorer menunggu kepastian gaji sejak awal tahun. \"Kami sudah mengajukan \
             anggaran,\" kata Wiryono, Senin. \"Semua data sudah masuk,\" ujar Satpam itu. \
             Menurut Rencana kerja dinas, pembayaran dilakukan bulan depan sesuai rencana. \
             Angka itu, menurut Teknoria, naik dua kali lipat.";
    let es = g().recognise(t);
    check_spans(t, &es);
    person(&es, "Wiryono");
    no_person(&es, "Satpam");
    no_person(&es, "Rencana");
    no_person(&es, "Teknoria");
}

#[test]
fn a_company_written_shorter_elsewhere_ends_before_the_name() {
    let t = "Direktur Utama PT Angkutan Mitra Raya Hendro Susilo mengatakan tim khusus akan \
             dibentuk. Pegawai PT Angkutan Mitra Raya menuntut kejelasan status. Karyawan PT \
             Sinar Laut Indonesia juga hadir, begitu pula PT Sinar Laut.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let p = person(&es, "Hendro Susilo");
    assert_eq!(
        p.title.as_deref(),
        Some("Direktur Utama PT Angkutan Mitra Raya")
    );
    assert!(
        es.iter()
            .any(|e| e.kind == EntityKind::Employer && e.name == "PT Angkutan Mitra Raya")
    );
    assert!(
        es.iter()
            .any(|e| e.kind == EntityKind::Employer && e.name == "PT Sinar Laut Indonesia")
    );
    assert!(
        !es.iter()
            .any(|e| e.name.contains("Hendro") && e.kind == EntityKind::Employer)
    );
}

#[test]
fn regional_offices_for_transport_education_and_civil_service() {
    let t = "Sopir angkot mengadu ke Dinas Perhubungan Provinsi Jawa Tengah. Dishub Jateng \
             berjanji menertibkan taksi daring. Guru honorer juga menemui Disdik Kota Tangsel dan \
             BKD Kota Tangsel, didampingi Polres Jaksel.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let gov = |surface: &str| {
        es.iter()
            .find(|e| {
                e.kind == EntityKind::Government && e.mentions.iter().any(|m| m.text == surface)
            })
            .unwrap_or_else(|| panic!("no government {surface}: {es:#?}"))
    };
    let dishub = gov("Dishub Jateng");
    assert_eq!(dishub.region.as_ref().map(|r| r.code.as_str()), Some("33"));
    assert!(
        dishub
            .mentions
            .iter()
            .any(|m| m.text.starts_with("Dinas Perhubungan Provinsi"))
    );
    assert_eq!(
        gov("Disdik Kota Tangsel")
            .region
            .as_ref()
            .map(|r| r.code.as_str()),
        Some("36.74")
    );
    assert_eq!(
        gov("BKD Kota Tangsel")
            .region
            .as_ref()
            .map(|r| r.code.as_str()),
        Some("36.74")
    );
    assert_eq!(
        gov("Polres Jaksel")
            .region
            .as_ref()
            .map(|r| r.code.as_str()),
        Some("31.74")
    );
}

fn union<'a>(es: &'a [Entity], name: &str) -> &'a Entity {
    es.iter()
        .find(|e| e.kind == EntityKind::Union && e.name == name)
        .unwrap_or_else(|| panic!("no union {name}: {es:#?}"))
}

#[test]
fn enterprise_unions_and_networks_of_workers() {
    let t = "Serikat Pekerja PT Baja Timur Perkasa menolak rencana PHK. Sekretaris SP BTP Agus \
             Salim mengatakan mogok akan digelar. Aliansi Buruh Migran ikut mendukung, sementara \
             anggota Federasi Serikat Pekerja lain memilih menunggu.";
    let es = g().recognise(t);
    check_spans(t, &es);
    union(&es, "Serikat Pekerja PT Baja Timur Perkasa");
    union(&es, "SP BTP");
    union(&es, "Aliansi Buruh Migran");
    let p = person(&es, "Agus Salim");
    assert_eq!(es[p.affiliation.unwrap()].name, "SP BTP");
    assert!(!es.iter().any(|e| e.name == "Federasi Serikat Pekerja"));
}

#[test]
fn acronym_definitions_of_unions_need_a_head_and_a_name() {
    let t = "Federasi Serikat Buruh (FSB) Kimia Mandiri menolak aturan baru itu. Menurut \
             Federasi Serikat Buruh Kimia Mandiri, aturan melanggar Undang-Undang Perlindungan \
             Pekerja Migran Indonesia (PPMI). Kesatuan Nelayan Tradisional (KNT) ikut hadir.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let f = union(&es, "Federasi Serikat Buruh Kimia Mandiri");
    assert!(f.mentions.len() >= 2, "{:?}", f.mentions);
    union(&es, "Kesatuan Nelayan Tradisional");
    assert!(
        !es.iter()
            .any(|e| e.kind == EntityKind::Union && e.name.contains("Perlindungan"))
    );
    assert!(
        !es.iter()
            .any(|e| e.kind == EntityKind::Union && e.name == "Federasi Serikat Buruh")
    );
}

#[test]
fn government_bodies_by_their_head_and_field() {
    let t = "Bantuan disalurkan Otorita KSB kepada pekerja bangunan. Badan Pembina BUMD dan \
             Kementerian Kelautan juga hadir, bersama Badan Usaha Milik Desa setempat. Kepala \
             Biro Hukum Provinsi Riau, Hartono, menyebut kelautan dan perikanan menjadi prioritas.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let gov = |name: &str| {
        es.iter()
            .find(|e| e.kind == EntityKind::Government && e.name == name)
            .unwrap_or_else(|| panic!("no government {name}: {es:#?}"))
    };
    gov("Otorita KSB");
    gov("Badan Pembina BUMD");
    gov("Kementerian Kelautan");
    assert!(!es.iter().any(|e| e.name.starts_with("Badan Usaha")));
    let h = person(&es, "Hartono");
    assert!(
        h.title
            .as_deref()
            .unwrap_or("")
            .starts_with("Kepala Biro Hukum")
    );
}

#[test]
fn a_minister_named_without_the_ministry_brings_the_ministry() {
    let t = "Perjanjian itu diteken Menteri Ketenagakerjaan Budi Santoso di Jeddah pada pekan lalu \
             setelah perundingan panjang dengan pihak kerajaan.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let k = &by_id(&es, "gov/kemnaker")[0];
    assert_eq!(k.mentions[0].text, "Menteri Ketenagakerjaan");
    let p = person(&es, "Budi Santoso");
    assert_eq!(
        es[p.affiliation.unwrap()].id.as_deref(),
        Some("gov/kemnaker")
    );
}

#[test]
fn a_name_with_its_short_form_and_a_pair_of_names_after_titles() {
    let t = "Hendarto Wibisono (Anto) kembali aktif sebagai bupati Kolaka Utara pagi itu. Anto menyebut rapat \
             dipimpin Ketua dan Wakil Ketua DPRD Dewi Lestari dan Yoga Pratama. Mahasiswa \
             Universitas Cendana Raya (Uncera) ikut hadir.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let h = person(&es, "Hendarto Wibisono");
    assert!(
        h.mentions.iter().filter(|m| m.text == "Anto").count() >= 2,
        "{:?}",
        h.mentions
    );
    person(&es, "Dewi Lestari");
    let y = person(&es, "Yoga Pratama");
    assert!(y.title.as_deref().unwrap_or("").contains("Ketua"));
    assert!(
        !es.iter()
            .any(|e| e.kind == EntityKind::Person && e.name.starts_with("Universitas"))
    );
}

#[test]
fn short_forms_of_institutions_are_not_nicknames() {
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    use super::people::syllabic_acronym;
    assert!(syllabic_acronym(
        "uncera",
        &words("universitas cendana raya")
    ));
    assert!(syllabic_acronym(
        "dansatsiber",
        &words("komandan satuan siber")
    ));
    assert!(!syllabic_acronym("anto", &words("hendarto wibisono")));
    assert!(!syllabic_acronym("ucok", &words("martua sitompul")));
}

#[test]
fn name_given_an_office_with_sebagai_and_shorter_forms_merged() {
    let t = "Konferensi itu memilih Rahmat Hidayat Siregar sebagai Ketua DPD KSPSI Provinsi Jambi \
             untuk lima tahun. \"Kami akan merapikan organisasi,\" kata Rahmat Hidayat seusai \
             terpilih. Anggota Komisi D DPRD Kota Jambi, Yusuf Halim, ikut hadir.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let r = person(&es, "Rahmat Hidayat Siregar");
    assert!(
        r.title
            .as_deref()
            .unwrap_or("")
            .starts_with("Ketua DPD KSPSI"),
        "{:?}",
        r.title
    );
    assert!(r.mentions.iter().any(|m| m.text == "Rahmat Hidayat"));
    no_person(&es, "Rahmat Hidayat");
    let y = person(&es, "Yusuf Halim");
    assert!(
        y.title
            .as_deref()
            .unwrap_or("")
            .starts_with("Anggota Komisi D"),
        "{:?}",
        y.title
    );
}

#[test]
fn title_body_goes_on_past_commas_with_fields_and_regions() {
    let t = "Bantuan diserahkan Deputi Bidang Sosial, Budaya, dan Pemberdayaan Masyarakat Otorita \
             KSB, Marwan Effendi, kepada para pekerja. Kepala Dinas Pendidikan Pemuda dan Olahraga \
             (Dikpora), Kabupaten Bima, Nusa Tenggara Barat (NTB), Syamsudin memastikan data \
             guru honorer lengkap. Penyerahan dihadiri Wakil Menteri Agama Budi Santoso.";
    let es = g().recognise(t);
    check_spans(t, &es);
    let m = person(&es, "Marwan Effendi");
    assert!(
        m.title
            .as_deref()
            .unwrap_or("")
            .starts_with("Deputi Bidang Sosial, Budaya"),
        "{:?}",
        m.title
    );
    let s = person(&es, "Syamsudin");
    assert!(
        s.title
            .as_deref()
            .unwrap_or("")
            .starts_with("Kepala Dinas Pendidikan"),
        "{:?}",
        s.title
    );
    no_person(&es, "Budaya");
    let b = person(&es, "Budi Santoso");
    assert_eq!(b.title.as_deref(), Some("Wakil Menteri Agama"));
}

#[test]
fn streets_and_buildings_named_after_people_are_no_people() {
    let t = "Pertemuan digelar di kantor partai, Jalan Raden Mas Sutomo, Surabaya, dan dilanjutkan \
             di Jl. Gubernur Suryo Nomor 7 pada sore harinya bersama para pengurus serikat.";
    let es = g().recognise(t);
    check_spans(t, &es);
    assert!(!es.iter().any(|e| e.kind == EntityKind::Person), "{es:#?}");
}
