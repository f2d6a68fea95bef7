//! Integration-style tests on a real index in a temporary directory.

use chrono::{DateTime, FixedOffset, NaiveDate};
use tempfile::TempDir;
use warta_model::{
    Article, Crosswalk, DateMethod, DatePrecision, Event, EventDate, EventType, ExtractorInfo,
    Location, Modality, Participant, ParticipantKind, Region, RegionLevel, Role, Source,
};

use super::*;

fn ts(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("test timestamp")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn article(id: &str, title: &str, text: &str, published: &str) -> Article {
    Article {
        id: id.to_string(),
        url: format!("https://warta.test/{id}"),
        canonical_url: None,
        site: "warta.test".to_string(),
        title: title.to_string(),
        published: Some(ts(published)),
        modified: None,
        authors: Vec::new(),
        text: text.to_string(),
        lang: Some("id".to_string()),
        relevant: true,
        why: None,
        fetched_at: None,
        archive: None,
    }
}

fn region(name: &str, code: &str) -> Region {
    let level = if code.contains('.') {
        RegionLevel::City
    } else {
        RegionLevel::Province
    };
    Region {
        name: name.to_string(),
        code: code.to_string(),
        level,
    }
}

fn doc<'a>(a: &'a Article, orgs: &[&str], types: &[&str], provinces: &[Region]) -> ArticleDoc<'a> {
    ArticleDoc {
        article: a,
        orgs: orgs.iter().map(|s| s.to_string()).collect(),
        org_keys: orgs
            .iter()
            .filter(|s| s.contains('/'))
            .map(|s| s.to_string())
            .collect(),
        event_types: types.iter().map(|s| s.to_string()).collect(),
        provinces: provinces.to_vec(),
    }
}

fn org(kind: ParticipantKind, id: Option<&str>, name: &str, acronym: Option<&str>) -> Participant {
    Participant {
        kind,
        id: id.map(str::to_string),
        name: name.to_string(),
        mention: name.to_string(),
        acronym: acronym.map(str::to_string),
        parent: None,
        unit: None,
        faction: None,
        region: None,
        title: None,
        affiliation: None,
        honorific: None,
        role: Role::Attendee,
    }
}

fn event(
    id: &str,
    kind: EventType,
    trigger: &str,
    date: &str,
    participants: Vec<Participant>,
    province: Option<Region>,
) -> Event {
    Event {
        schema_version: warta_model::SCHEMA_VERSION,
        id: id.to_string(),
        event_type: kind,
        trigger: trigger.to_string(),
        date: EventDate {
            value: Some(day(date)),
            end: None,
            precision: DatePrecision::Day,
            text: None,
            method: DateMethod::Explicit,
        },
        modality: Modality::Occurred,
        location: Location {
            venue: Some("aula kantor dinas".to_string()),
            place: None,
            province,
        },
        participants,
        topics: vec!["wages".to_string()],
        claims: Vec::new(),
        quotes: Vec::new(),
        figures: Vec::new(),
        sources: vec![Source {
            article_id: format!("src-{id}"),
            url: format!("https://warta.test/src-{id}"),
            site: "warta.test".to_string(),
            title: format!("Berita tentang {trigger}"),
            published: None,
        }],
        evidence: Vec::new(),
        confidence: 0.9,
        crosswalk: Crosswalk::default(),
        extractor: ExtractorInfo {
            version: "test".to_string(),
            gazetteers: "none".to_string(),
        },
    }
}

fn open() -> (TempDir, SearchIndex) {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = SearchIndex::open(&dir.path().join("index")).expect("open index");
    (dir, idx)
}

fn ids(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

fn sorted_ids(hits: &[Hit]) -> Vec<&str> {
    let mut v = ids(hits);
    v.sort_unstable();
    v
}

fn q(text: &str) -> SearchQuery {
    SearchQuery::new(text)
}

/// Three short articles used by several tests.
fn coop_corpus(idx: &mut SearchIndex) {
    let a = article(
        "a",
        "Koperasi buruh diresmikan",
        "Pemerintah kota meresmikan koperasi buruh di kawasan industri.",
        "2025-07-01T09:00:00+07:00",
    );
    let b = article(
        "b",
        "Serikat menolak outsourcing",
        "Para buruh pabrik sepatu menolak outsourcing dan meminta koperasi simpan pinjam.",
        "2025-07-02T09:00:00+07:00",
    );
    let c = article(
        "c",
        "Rapat anggota tahunan",
        "Koperasi nelayan menggelar rapat anggota tahunan.",
        "2025-07-03T09:00:00+07:00",
    );
    idx.index_articles(&[
        doc(&a, &[], &[], &[]),
        doc(&b, &[], &[], &[]),
        doc(&c, &[], &[], &[]),
    ])
    .expect("index");
}

#[test]
fn words_are_and_phrases_are_adjacent_and_operators_work() {
    let (_d, mut idx) = open();
    coop_corpus(&mut idx);
    let and = idx.search(&q("koperasi buruh")).unwrap();
    assert_eq!(sorted_ids(&and), vec!["a", "b"]);
    let phrase = idx.search(&q("\"koperasi buruh\"")).unwrap();
    assert_eq!(ids(&phrase), vec!["a"]);
    let or = idx.search(&q("nelayan OR outsourcing")).unwrap();
    assert_eq!(sorted_ids(&or), vec!["b", "c"]);
    let not = idx.search(&q("koperasi NOT buruh")).unwrap();
    assert_eq!(ids(&not), vec!["c"]);
    let explicit_and = idx.search(&q("koperasi AND nelayan")).unwrap();
    assert_eq!(ids(&explicit_and), vec!["c"]);
}

#[test]
fn title_prefix_restricts_to_headlines() {
    let (_d, mut idx) = open();
    coop_corpus(&mut idx);
    let hits = idx.search(&q("title:koperasi")).unwrap();
    assert_eq!(ids(&hits), vec!["a"]);
    // The body still gets the highlight even though the word was asked of the title.
    assert!(
        hits[0].snippet.contains("«koperasi»"),
        "{}",
        hits[0].snippet
    );
}

#[test]
fn snowball_stemming_matches_affixed_forms() {
    // frostem's Indonesian Snowball stems both "pelatihan" and "dilatih" to "latih", and
    // "pekerjaan"/"pekerja" to "kerja"; it does not relate "menuntut" to "tuntutan".
    let stem = |w: &str| {
        frostem::Stemmer::new(frostem::Algorithm::Indonesian)
            .stem(w)
            .into_owned()
    };
    assert_eq!(stem("pelatihan"), "latih");
    assert_eq!(stem("dilatih"), "latih");
    assert_eq!(stem("pekerjaan"), "kerja");
    assert_ne!(stem("menuntut"), stem("tuntutan"));

    let (_d, mut idx) = open();
    let a = article(
        "s1",
        "Kelas menjahit",
        "Sebanyak 40 pekerja dilatih menjahit oleh dinas.",
        "2025-06-01T10:00:00+07:00",
    );
    let b = article(
        "s2",
        "Aksi di depan kantor gubernur",
        "Massa menuntut kenaikan upah.",
        "2025-06-02T10:00:00+07:00",
    );
    idx.index_articles(&[doc(&a, &[], &[], &[]), doc(&b, &[], &[], &[])])
        .unwrap();
    let hits = idx.search(&q("pelatihan pekerjaan")).unwrap();
    assert_eq!(ids(&hits), vec!["s1"]);
    assert!(hits[0].snippet.contains("«dilatih»"), "{}", hits[0].snippet);
    assert!(hits[0].snippet.contains("«pekerja»"), "{}", hits[0].snippet);
    assert!(idx.search(&q("tuntutan")).unwrap().is_empty());
    // Case and accents do not matter.
    assert_eq!(ids(&idx.search(&q("PELATIHAN")).unwrap()), vec!["s1"]);
}

#[test]
fn snippets_mark_matched_words_in_both_forms() {
    let (_d, mut idx) = open();
    let a = article(
        "h",
        "Upah minimum",
        "Dewan pengupahan membahas upah minimum <2026> & tunjangan.\n\nRapat berlangsung alot.",
        "2025-10-01T10:00:00+07:00",
    );
    idx.index_articles(&[doc(&a, &[], &[], &[])]).unwrap();
    let hits = idx.search(&q("upah tunjangan")).unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert!(h.snippet.contains("«upah»"), "{}", h.snippet);
    assert!(h.snippet.contains("«tunjangan»"), "{}", h.snippet);
    // "pengupahan" shares the stem "upah", so it is marked too.
    assert!(h.snippet.contains("«pengupahan»"), "{}", h.snippet);
    assert!(
        h.snippet.contains("<2026> &"),
        "plain form is not escaped: {}",
        h.snippet
    );
    assert!(h.snippet_html.contains("<b>upah</b>"), "{}", h.snippet_html);
    assert!(
        h.snippet_html.contains("&lt;2026&gt; &amp;"),
        "{}",
        h.snippet_html
    );
    assert!(!h.snippet.contains('\n'));
    assert_eq!(h.date.as_deref(), Some("2025-10-01T10:00:00+07:00"));
    assert_eq!(h.kind, Target::Articles);
    assert_eq!(h.url, "https://warta.test/h");
}

#[test]
fn org_prefix_and_org_filter() {
    let (_d, mut idx) = open();
    let a = article(
        "o1",
        "Audiensi dengan wali kota",
        "Pengurus konfederasi bertemu wali kota membahas upah.",
        "2025-05-01T10:00:00+07:00",
    );
    let b = article(
        "o2",
        "Audiensi dengan bupati",
        "Pengurus federasi bertemu bupati membahas upah.",
        "2025-05-02T10:00:00+07:00",
    );
    idx.index_articles(&[
        doc(
            &a,
            &["org/kspi", "KSPI", "Konfederasi Serikat Pekerja Indonesia"],
            &["audience"],
            &[],
        ),
        doc(&b, &["org/fspmi", "FSPMI"], &["audience"], &[]),
    ])
    .unwrap();
    assert_eq!(ids(&idx.search(&q("org:kspi")).unwrap()), vec!["o1"]);
    assert_eq!(ids(&idx.search(&q("org:fspmi upah")).unwrap()), vec!["o2"]);
    // The resolved `--org` selects by participant key; several keys are any of them.
    let orgs = |keys: &[&str]| Filter {
        orgs: Some(keys.iter().map(|k| k.to_string()).collect()),
        ..Filter::default()
    };
    let query = SearchQuery {
        filter: orgs(&["org/kspi"]),
        ..q("upah")
    };
    assert_eq!(ids(&idx.search(&query).unwrap()), vec!["o1"]);
    let query = SearchQuery {
        filter: orgs(&["org/kspi", "org/fspmi"]),
        ..q("upah")
    };
    assert_eq!(sorted_ids(&idx.search(&query).unwrap()), vec!["o1", "o2"]);
    // A name is not a key: names are resolved before searching.
    let query = SearchQuery {
        filter: orgs(&["KSPI"]),
        ..q("upah")
    };
    assert!(idx.search(&query).unwrap().is_empty());
    // Filters do not change scores: the same query with and without a filter scores the same.
    let plain = idx.search(&q("bupati")).unwrap();
    let filtered = idx
        .search(&SearchQuery {
            filter: orgs(&["org/fspmi"]),
            ..q("bupati")
        })
        .unwrap();
    assert_eq!(plain[0].score, filtered[0].score);
}

#[test]
fn type_and_province_filters() {
    let (_d, mut idx) = open();
    let a = article(
        "p1",
        "Demo buruh",
        "Buruh berunjuk rasa soal upah.",
        "2025-04-01T10:00:00+07:00",
    );
    let b = article(
        "p2",
        "Rapat upah",
        "Dewan membahas upah buruh.",
        "2025-04-02T10:00:00+07:00",
    );
    let c = article(
        "p3",
        "Upah buruh",
        "Upah buruh dibahas di ibu kota.",
        "2025-04-03T10:00:00+07:00",
    );
    idx.index_articles(&[
        doc(&a, &[], &["protest"], &[region("Kota Palembang", "16.71")]),
        doc(
            &b,
            &[],
            &["wage_setting", "meeting"],
            &[region("Sumatera Selatan", "16")],
        ),
        doc(&c, &[], &["meeting"], &[region("Jawa Barat", "32")]),
    ])
    .unwrap();
    let with = |f: &dyn Fn(&mut Filter)| {
        let mut query = q("upah buruh");
        f(&mut query.filter);
        idx.search(&query)
    };
    let regions = |codes: &[&str]| Some(codes.iter().map(|c| c.to_string()).collect());
    assert_eq!(
        ids(&with(&|s| s.event_type = Some(EventType::Protest)).unwrap()),
        vec!["p1"]
    );
    assert_eq!(
        sorted_ids(&with(&|s| s.event_type = Some(EventType::Meeting)).unwrap()),
        vec!["p2", "p3"]
    );
    let hits = with(&|s| s.event_type = Some(EventType::WageSetting)).unwrap();
    assert_eq!(hits[0].event_type.as_deref(), Some("meeting,wage_setting"));

    // A province code holds its cities; a city code only the city; several codes, any.
    let hits = with(&|s| s.regions = regions(&["16"])).unwrap();
    assert_eq!(sorted_ids(&hits), vec!["p1", "p2"]);
    assert_eq!(
        ids(&with(&|s| s.regions = regions(&["16.71"])).unwrap()),
        vec!["p1"]
    );
    assert_eq!(
        sorted_ids(&with(&|s| s.regions = regions(&["16.71", "32"])).unwrap()),
        vec!["p1", "p3"]
    );
    assert!(with(&|s| s.regions = regions(&["51"])).unwrap().is_empty());
}

#[test]
fn date_range_is_inclusive_and_uses_local_days() {
    let (_d, mut idx) = open();
    let a = article("d1", "Upah", "upah", "2025-07-30T10:00:00+07:00");
    // 00:30 WIB on 1 August is still 31 July in UTC; the newsroom's day must count.
    let b = article("d2", "Upah", "upah", "2025-08-01T00:30:00+07:00");
    let c = article("d3", "Upah", "upah", "2025-07-31T23:59:00+07:00");
    let e = article("d4", "Upah", "upah", "2025-08-02T08:00:00+07:00");
    idx.index_articles(&[
        doc(&a, &[], &[], &[]),
        doc(&b, &[], &[], &[]),
        doc(&c, &[], &[], &[]),
        doc(&e, &[], &[], &[]),
    ])
    .unwrap();
    let range = |from: Option<&str>, to: Option<&str>| {
        idx.search(&SearchQuery {
            filter: Filter {
                from: from.map(day),
                to: to.map(day),
                ..Filter::default()
            },
            ..q("upah")
        })
    };
    assert_eq!(
        ids(&range(Some("2025-07-31"), Some("2025-07-31")).unwrap()),
        vec!["d3"]
    );
    assert_eq!(
        sorted_ids(&range(Some("2025-07-31"), Some("2025-08-01")).unwrap()),
        vec!["d2", "d3"]
    );
    assert_eq!(
        sorted_ids(&range(Some("2025-08-01"), None).unwrap()),
        vec!["d2", "d4"]
    );
    assert_eq!(ids(&range(None, Some("2025-07-30")).unwrap()), vec!["d1"]);
    let err = range(Some("2025-08-02"), Some("2025-08-01")).unwrap_err();
    assert!(matches!(err, IndexError::InvalidFilter { .. }), "{err}");
    // Equal scores: newest first.
    assert_eq!(
        ids(&range(None, None).unwrap()),
        vec!["d4", "d2", "d3", "d1"]
    );
}

#[test]
fn reindexing_is_idempotent_and_updates_in_place() {
    let (_d, mut idx) = open();
    coop_corpus(&mut idx);
    coop_corpus(&mut idx);
    assert_eq!(idx.doc_count().unwrap(), (3, 0));
    assert_eq!(idx.search(&q("koperasi")).unwrap().len(), 3);
    // A changed article replaces the old version.
    let a = article(
        "a",
        "Koperasi karyawan dibubarkan",
        "Koperasi karyawan dibubarkan.",
        "2025-07-01T09:00:00+07:00",
    );
    idx.index_articles(&[doc(&a, &[], &[], &[])]).unwrap();
    assert_eq!(idx.doc_count().unwrap(), (3, 0));
    assert!(idx.search(&q("diresmikan")).unwrap().is_empty());
    assert_eq!(ids(&idx.search(&q("dibubarkan")).unwrap()), vec!["a"]);
    // Duplicates inside one batch also leave one copy.
    idx.index_articles(&[doc(&a, &[], &[], &[]), doc(&a, &[], &[], &[])])
        .unwrap();
    assert_eq!(idx.doc_count().unwrap(), (3, 0));
    // Empty batches are no-ops; clear removes everything.
    idx.index_articles(&[]).unwrap();
    idx.clear().unwrap();
    assert_eq!(idx.doc_count().unwrap(), (0, 0));
}

#[test]
fn unparseable_queries_are_errors_that_point_at_the_problem() {
    let (_d, mut idx) = open();
    coop_corpus(&mut idx);
    let err_of = |text: &str| match idx.search(&q(text)) {
        Err(IndexError::QueryParse { query, message }) => {
            assert_eq!(query, text);
            message
        }
        other => panic!("{text:?} should not parse, got {other:?}"),
    };
    let m = err_of("title:(");
    assert!(m.contains("character 7"), "{m}");
    let m = err_of("koperasi \"buruh");
    assert!(m.contains("quote") && m.contains("character 10"), "{m}");
    let m = err_of("koperasi)");
    assert!(m.contains("`)`"), "{m}");
    let m = err_of("wilayah:sumsel");
    assert!(m.contains("`wilayah:`"), "{m}");
    let m = err_of("NOT buruh");
    assert!(m.contains("only excludes"), "{m}");
    let m = err_of("date:[kemarin TO *]");
    assert!(m.contains("RFC 3339"), "{m}");
    let m = err_of("koperasi AND");
    assert!(m.contains("`AND` at character 10"), "{m}");
    let m = err_of("title:");
    assert!(m.contains("end of the query"), "{m}");
    // Whatever the input, search answers or returns a typed error; it never panics.
    for text in [
        "title:",
        "AND",
        "OR OR",
        "((",
        "))",
        "\\",
        "\"\"",
        "koperasi^",
        "a:b:c",
        "title:\"",
        "-",
        "+",
        "*",
        "~",
        "[a TO",
        "{",
        "org:",
        "🙂 buruh",
        "koperasi ~2",
        "IN [a b",
    ] {
        match idx.search(&q(text)) {
            Ok(_) | Err(IndexError::QueryParse { .. }) => {}
            Err(other) => panic!("{text:?}: unexpected error {other}"),
        }
    }
}

#[test]
fn ranking_is_relevance_first_then_newest() {
    let (_d, mut idx) = open();
    // Same text, different days: an exact tie broken by recency.
    let old = article(
        "old",
        "Mogok kerja",
        "Buruh mogok kerja di pabrik.",
        "2024-01-01T10:00:00+07:00",
    );
    let new = article(
        "new",
        "Mogok kerja",
        "Buruh mogok kerja di pabrik.",
        "2025-01-01T10:00:00+07:00",
    );
    // Older but far more relevant (headline and repeated body match) stays first.
    let strong = article(
        "strong",
        "Mogok mogok mogok",
        "Mogok. Mogok nasional. Mogok.",
        "2023-01-01T10:00:00+07:00",
    );
    // Newest but only a passing mention in a long text.
    let weak_text = format!(
        "{} Ada juga kabar mogok.",
        "Berita lain tentang cuaca. ".repeat(40)
    );
    let weak = article("weak", "Cuaca", &weak_text, "2026-01-01T10:00:00+07:00");
    idx.index_articles(&[
        doc(&old, &[], &[], &[]),
        doc(&new, &[], &[], &[]),
        doc(&strong, &[], &[], &[]),
        doc(&weak, &[], &[], &[]),
    ])
    .unwrap();
    let hits = idx.search(&q("mogok")).unwrap();
    assert_eq!(ids(&hits), vec!["strong", "new", "old", "weak"]);
    assert!(hits[0].score > hits[3].score);
    // Limit applies after ranking.
    let top2 = idx
        .search(&SearchQuery {
            limit: 2,
            ..q("mogok")
        })
        .unwrap();
    assert_eq!(ids(&top2), vec!["strong", "new"]);
    assert!(
        idx.search(&SearchQuery {
            limit: 0,
            ..q("mogok")
        })
        .unwrap()
        .is_empty()
    );
    // Filters only: newest first.
    let all = idx.search(&q("  ")).unwrap();
    assert_eq!(ids(&all), vec!["weak", "new", "old", "strong"]);
}

#[test]
fn ranking_stays_exact_beyond_the_first_candidate_pool() {
    let (_d, mut idx) = open();
    // 150 identical articles (one score band) on consecutive days, indexed oldest first: the
    // newest must come first whatever the doc order.
    let articles: Vec<Article> = (0..150)
        .map(|i| {
            let date = day("2025-01-01") + chrono::Days::new(i);
            article(
                &format!("n{i:03}"),
                "Upah",
                "Upah naik.",
                &format!("{date}T10:00:00+07:00"),
            )
        })
        .collect();
    let docs: Vec<ArticleDoc> = articles.iter().map(|a| doc(a, &[], &[], &[])).collect();
    idx.index_articles(&docs).unwrap();
    let hits = idx
        .search(&SearchQuery {
            limit: 3,
            ..q("upah")
        })
        .unwrap();
    assert_eq!(ids(&hits), vec!["n149", "n148", "n147"]);
}

#[test]
fn events_search_by_org_type_and_text() {
    let (_d, mut idx) = open();
    let sumsel = region("Sumatera Selatan", "16");
    let e1 = event(
        "e1",
        EventType::Audience,
        "audiensi",
        "2025-07-31",
        vec![
            org(
                ParticipantKind::Union,
                Some("org/kspi"),
                "Konfederasi Serikat Pekerja Indonesia",
                Some("KSPI"),
            ),
            org(
                ParticipantKind::Government,
                None,
                "Dinas Tenaga Kerja Kota Palembang",
                Some("Disnaker"),
            ),
        ],
        Some(sumsel.clone()),
    );
    let e2 = event(
        "e2",
        EventType::Protest,
        "unjuk rasa",
        "2025-08-05",
        vec![org(
            ParticipantKind::Union,
            Some("org/fspmi"),
            "Federasi Serikat Pekerja Metal Indonesia",
            Some("FSPMI"),
        )],
        None,
    );
    idx.index_events(&[e1.clone(), e2.clone()]).unwrap();
    idx.index_events(&[e1, e2]).unwrap();
    assert_eq!(idx.doc_count().unwrap(), (0, 2));
    let ev = |f: &dyn Fn(&mut SearchQuery)| {
        let mut query = SearchQuery {
            target: Target::Events,
            ..q("")
        };
        f(&mut query);
        idx.search(&query).unwrap()
    };
    let keys = |k: &[&str]| Some(k.iter().map(|k| k.to_string()).collect());
    assert_eq!(
        ids(&ev(&|s| s.filter.orgs = keys(&["org/kspi"]))),
        vec!["e1"]
    );
    assert_eq!(
        ids(&ev(&|s| s.filter.orgs = keys(&["org/fspmi"]))),
        vec!["e2"]
    );
    assert_eq!(
        ids(&ev(&|s| s.filter.event_type = Some(EventType::Protest))),
        vec!["e2"]
    );
    assert_eq!(ids(&ev(&|s| s.filter.regions = keys(&["16"]))), vec!["e1"]);
    assert_eq!(ids(&ev(&|s| s.text = "org:disnaker".into())), vec!["e1"]);
    assert_eq!(ids(&ev(&|s| s.text = "\"unjuk rasa\"".into())), vec!["e2"]);
    assert_eq!(ids(&ev(&|s| s.text = "aula".into())), vec!["e2", "e1"]);
    let hits = ev(&|s| s.filter.from = Some(day("2025-08-01")));
    assert_eq!(ids(&hits), vec!["e2"]);
    let h = &hits[0];
    assert_eq!(h.kind, Target::Events);
    assert_eq!(h.title, "protest: unjuk rasa — FSPMI");
    assert_eq!(h.url, "https://warta.test/src-e2");
    assert_eq!(h.date.as_deref(), Some("2025-08-05"));
    assert_eq!(h.event_type.as_deref(), Some("protest"));
    // Articles and events never leak into each other's results.
    assert!(idx.search(&q("audiensi")).unwrap().is_empty());
}

#[test]
fn schema_version_mismatch_rebuilds_and_same_version_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ix");
    {
        let mut idx = SearchIndex::open(&path).unwrap();
        assert!(!idx.was_rebuilt());
        coop_corpus(&mut idx);
    }
    {
        let idx = SearchIndex::open(&path).unwrap();
        assert!(!idx.was_rebuilt());
        assert_eq!(idx.doc_count().unwrap(), (3, 0));
    }
    std::fs::write(path.join(VERSION_FILE), "0\n").unwrap();
    std::fs::write(path.join("notes.txt"), "not ours").unwrap();
    let mut idx = SearchIndex::open(&path).unwrap();
    assert!(idx.was_rebuilt());
    assert_eq!(idx.doc_count().unwrap(), (0, 0));
    // Until the new index is complete, the old one stays where searches look for it.
    let old_files = std::fs::read_dir(&path).unwrap().count();
    assert!(old_files > 3, "{old_files}");
    assert!(
        SearchIndex::open_read_only(&path).is_err(),
        "outdated, not empty"
    );
    let a = article("baru", "Upah", "upah buruh", "2025-01-01T10:00:00+07:00");
    idx.replace_all(&[doc(&a, &[], &[], &[])], &[]).unwrap();
    assert_eq!(idx.doc_count().unwrap(), (1, 0));
    drop(idx);
    assert!(
        path.join("notes.txt").exists(),
        "foreign files are left alone"
    );
    let staging = dir.path().join("ix.next");
    assert!(!staging.exists(), "the staging directory is removed");
    let again = SearchIndex::open(&path).unwrap();
    assert!(!again.was_rebuilt());
    assert_eq!(again.doc_count().unwrap(), (1, 0));
    assert_eq!(
        SearchIndex::open_read_only(&path)
            .unwrap()
            .doc_count()
            .unwrap(),
        (1, 0)
    );
}

#[test]
fn a_staged_index_never_swapped_in_leaves_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ix");
    coop_corpus(&mut SearchIndex::open(&path).unwrap());
    std::fs::write(path.join(VERSION_FILE), "0\n").unwrap();
    // A run that stages a new index and dies before completing it.
    drop(SearchIndex::open(&path).unwrap());
    let idx = SearchIndex::open(&path).unwrap();
    assert!(idx.was_rebuilt(), "the next run stages again");
    assert_eq!(
        std::fs::read_to_string(path.join(VERSION_FILE)).unwrap(),
        "0\n"
    );
}

#[test]
fn a_busy_writer_is_reported_as_locked() {
    let (_d, mut idx) = open();
    let other = SearchIndex::open(&idx.dir.clone()).unwrap();
    let held: IndexWriter = other.index.writer(15_000_000).unwrap();
    let a = article("l", "Upah", "upah", "2025-01-01T10:00:00+07:00");
    let err = idx.index_articles(&[doc(&a, &[], &[], &[])]).unwrap_err();
    assert!(matches!(err, IndexError::Locked { .. }), "{err}");
    drop(held);
    idx.index_articles(&[doc(&a, &[], &[], &[])]).unwrap();
    // Searching needs no lock and sees the other handle's commit.
    assert_eq!(other.doc_count().unwrap(), (1, 0));
}

/// Rough throughput numbers: `cargo test -p warta-index --release -- --ignored --nocapture`.
#[test]
#[ignore]
fn measure_index_and_search() {
    let words = [
        "buruh",
        "upah",
        "koperasi",
        "pelatihan",
        "dinas",
        "serikat",
        "pekerja",
        "mogok",
        "rapat",
        "pemerintah",
        "kota",
        "kabupaten",
        "audiensi",
        "tuntutan",
        "outsourcing",
        "pabrik",
    ];
    let articles: Vec<Article> = (0..5000u64)
        .map(|i| {
            let text: Vec<&str> = (0..300u64)
                .map(|j| words[((i * 31 + j * 7 + (j * j) / 3) % words.len() as u64) as usize])
                .collect();
            let date = day("2020-01-01") + chrono::Days::new(i % 2000);
            article(
                &format!("m{i}"),
                &text[..6].join(" "),
                &text.join(" "),
                &format!("{date}T10:00:00+07:00"),
            )
        })
        .collect();
    let docs: Vec<ArticleDoc> = articles
        .iter()
        .map(|a| doc(a, &["org/kspi"], &["meeting"], &[]))
        .collect();
    let (_d, mut idx) = open();
    let t = std::time::Instant::now();
    idx.index_articles(&docs).unwrap();
    println!(
        "indexed {} articles (~300 words) in {:?}",
        docs.len(),
        t.elapsed()
    );
    let t = std::time::Instant::now();
    idx.index_articles(&docs).unwrap();
    println!(
        "re-indexed (upsert) in {:?}; counts {:?}",
        t.elapsed(),
        idx.doc_count().unwrap()
    );
    for text in [
        "buruh upah",
        "\"koperasi pelatihan\"",
        "mogok OR audiensi",
        "",
    ] {
        let query = SearchQuery {
            filter: Filter {
                orgs: Some(vec!["org/kspi".into()]),
                from: Some(day("2021-01-01")),
                ..Filter::default()
            },
            ..q(text)
        };
        let t = std::time::Instant::now();
        let n = 20;
        let mut hits = 0;
        for _ in 0..n {
            hits = idx.search(&query).unwrap().len();
        }
        println!(
            "search {text:?}: {hits} hits, {:?} per query",
            t.elapsed() / n
        );
    }
}

#[test]
fn nearly_as_relevant_but_newer_comes_first() {
    let (_d, mut idx) = open();
    // Same words, slightly different lengths: scores within 10 % of each other.
    let older = article(
        "older",
        "Upah",
        "Upah buruh naik.",
        "2024-03-01T10:00:00+07:00",
    );
    let newer = article(
        "newer",
        "Upah",
        "Upah buruh naik lagi.",
        "2025-03-01T10:00:00+07:00",
    );
    idx.index_articles(&[doc(&older, &[], &[], &[]), doc(&newer, &[], &[], &[])])
        .unwrap();
    let hits = idx.search(&q("upah buruh")).unwrap();
    assert!(hits[0].score < hits[1].score * 1.1 && hits[1].score < hits[0].score * 1.1);
    assert!(hits[1].score > hits[0].score, "the older one scores higher");
    assert_eq!(ids(&hits), vec!["newer", "older"]);
}
