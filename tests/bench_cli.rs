//! The researcher's bench, end to end through the binary on the demo archive: one meaning per
//! filter across `search`, `export` and `stats`; `show`; `--facets`; `export --id`; manifests.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::util::{demo_warc, ok, warta};

/// One data directory with the demo archive imported, extracted and indexed, shared by every
/// test here (they only read it): building it once keeps the suite quick.
fn demo() -> &'static Path {
    static DATA: OnceLock<PathBuf> = OnceLock::new();
    DATA.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("bench-cli-demo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let data = root.join("data");
        let warc = demo_warc();
        ok(&data, &["import", warc.to_str().unwrap()]);
        ok(&data, &["extract"]);
        ok(&data, &["index"]);
        data
    })
}

fn lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// Ids of the events `export` selects with `filter`.
fn exported(filter: &[&str]) -> Vec<String> {
    let mut args = vec!["export"];
    args.extend_from_slice(filter);
    let mut ids: Vec<String> = lines(&ok(demo(), &args))
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// Ids of the events `search --events` (filters only, no words) finds with `filter`.
fn searched(filter: &[&str]) -> Vec<String> {
    let mut args = vec!["search", "", "--events", "--limit", "100000", "--json"];
    args.extend_from_slice(filter);
    let found: serde_json::Value = serde_json::from_str(&ok(demo(), &args)).unwrap();
    let mut ids: Vec<String> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// Articles: `search` without `--events` against `export --what articles`.
fn articles_agree(filter: &[&str]) {
    let mut args = vec!["search", "", "--limit", "100000", "--json"];
    args.extend_from_slice(filter);
    let found: serde_json::Value = serde_json::from_str(&ok(demo(), &args)).unwrap();
    let mut searched: Vec<String> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    searched.sort();
    let mut args = vec!["export", "--what", "articles"];
    args.extend_from_slice(filter);
    let mut exported: Vec<String> = lines(&ok(demo(), &args))
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    exported.sort();
    assert_eq!(searched, exported, "articles with {filter:?}");
}

#[test]
fn a_province_means_the_same_in_search_and_export_by_name_short_form_or_code() {
    let by_name = exported(&["--province", "Jawa Tengah"]);
    assert!(!by_name.is_empty(), "the demo has events in Central Java");
    for value in [
        "Jawa Tengah",
        "jateng",
        "JATENG",
        "33",
        "Provinsi Jawa Tengah",
    ] {
        let filter = ["--province", value];
        assert_eq!(exported(&filter), by_name, "export {value}");
        assert_eq!(searched(&filter), by_name, "search {value}");
        articles_agree(&filter);
    }
    let south_sumatra = exported(&["--province", "16"]);
    assert!(!south_sumatra.is_empty());
    for value in ["sumsel", "Sumatera Selatan", "sumatra selatan"] {
        assert_eq!(exported(&["--province", value]), south_sumatra, "{value}");
        assert_eq!(searched(&["--province", value]), south_sumatra, "{value}");
    }
    for (short, code) in [("DKI", "31"), ("Jogja", "34"), ("DIY", "34")] {
        assert_eq!(
            exported(&["--province", short]),
            exported(&["--province", code])
        );
    }
}

#[test]
fn an_unknown_filter_value_is_a_usage_error_naming_the_nearest() {
    for (args, nearest) in [
        (["--province", "Narnia"], "nearest:"),
        (["--province", "Jawa Tengha"], "Jawa Tengah"),
        (["--org", "KSPSII"], "KSPSI"),
        (["--type", "picnic"], "audience"),
    ] {
        for command in [
            vec!["search", "upah"],
            vec!["search", "upah", "--events"],
            vec!["export"],
        ] {
            let mut full = command.clone();
            full.extend_from_slice(&args);
            let out = warta(demo(), &full);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{full:?}: {stderr}");
            assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
            assert!(stderr.contains(nearest), "{full:?}: {stderr}");
            assert!(out.stdout.is_empty(), "{full:?} printed results");
        }
    }
}

#[test]
fn an_org_means_the_same_everywhere_and_members_widen_it() {
    // An office type: every regional labour office.
    let labour_offices = exported(&["--org", "Disnaker"]);
    assert!(!labour_offices.is_empty());
    assert_eq!(searched(&["--org", "Disnaker"]), labour_offices);
    articles_agree(&["--org", "Disnaker"]);
    for e in lines(&ok(demo(), &["export", "--org", "disnaker"])) {
        let offices = e["participants"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["id"].as_str().is_some_and(|id| id.ends_with("/disnaker")))
            .count();
        assert!(offices > 0, "{}", e["id"]);
    }

    // A confederation alone, then with its federations and factions.
    let alone = exported(&["--org", "KSPSI"]);
    assert_eq!(exported(&["--org", "org/kspsi"]), alone);
    assert_eq!(searched(&["--org", "kspsi"]), alone);
    let with = exported(&["--org", "KSPSI", "--with-members"]);
    assert_eq!(searched(&["--org", "KSPSI", "--with-members"]), with);
    articles_agree(&["--org", "KSPSI", "--with-members"]);
    assert!(alone.iter().all(|id| with.contains(id)));
    assert!(with.len() > alone.len(), "the demo has KSPSI federations");
    // What members add are events of organisations whose gazetteer parent is KSPSI.
    for e in lines(&ok(demo(), &["export", "--org", "KSPSI", "--with-members"])) {
        if alone.contains(&e["id"].as_str().unwrap().to_string()) {
            continue;
        }
        let member = e["participants"].as_array().unwrap().iter().any(|p| {
            p["parent"].as_str() == Some("org/kspsi")
                || p["id"]
                    .as_str()
                    .is_some_and(|id| id.starts_with("org/kspsi-"))
        });
        assert!(member, "{}", e["id"]);
    }
}

#[test]
fn type_and_dates_mean_the_same_in_search_and_export() {
    for filter in [
        vec!["--type", "wage_setting"],
        vec!["--type", "Wage-Setting"],
        vec!["--from", "2025-01-01"],
        vec!["--from", "2024-06-01", "--to", "2025-06-30"],
    ] {
        assert_eq!(searched(&filter), exported(&filter), "{filter:?}");
        articles_agree(&filter);
    }
    let out = warta(
        demo(),
        &["export", "--from", "2025-02-01", "--to", "2025-01-01"],
    );
    assert_eq!(out.status.code(), Some(2));
}

/// The first event `search --events` finds for `query`, as its JSON hit.
fn first_event(query: &str) -> serde_json::Value {
    let found: serde_json::Value =
        serde_json::from_str(&ok(demo(), &["search", query, "--events", "--json"])).unwrap();
    found["hits"][0].clone()
}

#[test]
fn search_prints_ids_that_show_and_export_take() {
    let hit = first_event("upah");
    let id = hit["id"].as_str().unwrap();
    // Plain search output names the id too.
    let plain = ok(demo(), &["search", "upah", "--events"]);
    assert!(plain.contains(id), "{plain}");

    // show: the whole record, then the source text with its evidence in brackets (stdout is a
    // pipe here: no escape codes).
    let shown = ok(demo(), &["show", id]);
    assert!(!shown.contains('\x1b'), "colour codes on a pipe");
    assert!(shown.contains(&format!("event {id}")), "{shown}");
    let record: serde_json::Value =
        serde_json::from_str(ok(demo(), &["export", "--id", id]).trim()).unwrap();
    for word in ["date", "participants", "extractor"] {
        assert!(shown.contains(word), "{word}: {shown}");
    }
    assert!(shown.contains(record["type"].as_str().unwrap()));
    for p in record["participants"].as_array().unwrap() {
        assert!(shown.contains(p["name"].as_str().unwrap()), "{}", p["name"]);
    }
    // Every evidence text is shown marked: inside [[ ]] with its field named after.
    let marked: Vec<&str> = shown.split("[[").skip(1).collect();
    assert!(!marked.is_empty(), "{shown}");
    for ev in record["evidence"].as_array().unwrap() {
        let field = ev["field"].as_str().unwrap();
        assert!(
            marked
                .iter()
                .any(|m| m.split_once("]]{").is_some_and(|(_, rest)| {
                    rest.split('}')
                        .next()
                        .unwrap_or("")
                        .split(',')
                        .any(|f| f == field)
                })),
            "field {field} not marked"
        );
    }

    // --json: the record with its sources' texts, whose evidence offsets point at the words.
    let json: serde_json::Value =
        serde_json::from_str(&ok(demo(), &["show", id, "--json"])).unwrap();
    assert_eq!(json["id"], record["id"]);
    for ev in json["evidence"].as_array().unwrap() {
        let text = json["sources"][ev["source"].as_u64().unwrap() as usize]["text"]
            .as_str()
            .unwrap();
        let (start, end) = (
            ev["start"].as_u64().unwrap() as usize,
            ev["end"].as_u64().unwrap() as usize,
        );
        let words: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(words, ev["text"].as_str().unwrap());
    }

    // By article URL: the article and its events.
    let url = hit["url"].as_str().unwrap();
    let by_url = ok(demo(), &["show", url]);
    assert!(by_url.contains(&format!("event {id}")), "{by_url}");
    let by_url: serde_json::Value =
        serde_json::from_str(&ok(demo(), &["show", url, "--json"])).unwrap();
    assert!(
        by_url["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == id)
    );

    // Unknown: a usage error.
    let out = warta(demo(), &["show", "ev-0000000000000000"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_by_id_selects_those_records_and_filters_still_apply() {
    let all = exported(&[]);
    assert!(all.len() >= 3);
    let picked = [all[0].as_str(), all[2].as_str()];
    assert_eq!(exported(&["--id", picked[0], picked[1]]), picked);
    assert_eq!(exported(&["--id", picked[0], "--id", picked[1]]), picked);
    assert!(exported(&["--id", "ev-none"]).is_empty());
    // With a filter that excludes one of them, only the other.
    let record: serde_json::Value =
        serde_json::from_str(ok(demo(), &["export", "--id", picked[0]]).trim()).unwrap();
    let ty = record["type"].as_str().unwrap();
    let same_type = exported(&["--id", picked[0], picked[1], "--type", ty]);
    assert!(same_type.contains(&picked[0].to_string()));
}

/// `stats --format json` rows as (values joined by " | ", count).
fn stats_rows(args: &[&str]) -> Vec<(String, u64)> {
    let mut full = vec!["stats", "--format", "json"];
    full.extend_from_slice(args);
    let value: serde_json::Value = serde_json::from_str(&ok(demo(), &full)).unwrap();
    let by: Vec<String> = value["by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap().to_string())
        .collect();
    let mut rows: Vec<(String, u64)> = value["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let key: Vec<&str> = by.iter().map(|b| r[b].as_str().unwrap()).collect();
            (key.join(" | "), r["events"].as_u64().unwrap())
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn stats_count_what_export_selects_and_cross_tables_add_up() {
    for filter in [
        vec![],
        vec!["--province", "jateng"],
        vec!["--org", "KSPSI", "--with-members"],
        vec!["--from", "2025-01-01"],
    ] {
        let mut args = vec!["--by", "type"];
        args.extend_from_slice(&filter);
        let by_type = stats_rows(&args);
        let total: u64 = by_type.iter().map(|(_, n)| n).sum();
        // Every event has one type: the type counts add up to what export selects.
        assert_eq!(total as usize, exported(&filter).len(), "{filter:?}");
        let mut args = vec!["--by", "province", "--by", "type"];
        args.extend_from_slice(&filter);
        let cross = stats_rows(&args);
        // ... and one province at most: the cross-table adds up to the same.
        assert_eq!(
            cross.iter().map(|(_, n)| n).sum::<u64>(),
            total,
            "{filter:?}"
        );
    }
    // CSV for a spreadsheet: a header of the dimensions, then rows.
    let csv = ok(
        demo(),
        &["stats", "--by", "month", "--by", "type", "--format", "csv"],
    );
    assert!(csv.starts_with("month,type,events\n"), "{csv}");
    // --format follows --out's extension.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("by-site.csv");
    ok(
        demo(),
        &["stats", "--by", "site", "--out", out.to_str().unwrap()],
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("site,events\n")
    );
    let bad = warta(demo(), &["stats", "--by", "colour"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn search_facets_agree_with_stats_for_the_same_filter() {
    for filter in [
        vec![],
        vec!["--province", "sumsel"],
        vec!["--org", "Disnaker"],
        vec!["--type", "protest"],
    ] {
        for by in ["province", "type", "org", "month", "site"] {
            let mut args = vec!["search", "", "--events", "--json", "--facets", "--by", by];
            args.extend_from_slice(&filter);
            let found: serde_json::Value = serde_json::from_str(&ok(demo(), &args)).unwrap();
            let mut facets: Vec<(String, u64)> = found["facets"][by]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r[by].as_str().unwrap().to_string(),
                        r["events"].as_u64().unwrap(),
                    )
                })
                .collect();
            facets.sort();
            let mut stats_args = vec!["--by", by];
            stats_args.extend_from_slice(&filter);
            assert_eq!(facets, stats_rows(&stats_args), "{by} {filter:?}");
        }
    }
    // With words, the facets count only the hits' events: never more than stats.
    let found: serde_json::Value = serde_json::from_str(&ok(
        demo(),
        &[
            "search", "upah", "--events", "--json", "--facets", "--limit", "1",
        ],
    ))
    .unwrap();
    let counted: u64 = found["facets"]["type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["events"].as_u64().unwrap())
        .sum();
    assert_eq!(found["hits"].as_array().unwrap().len(), 1);
    assert!(
        counted >= 1,
        "facets count every hit, not only the printed one"
    );
    let plain = ok(demo(), &["search", "upah", "--events", "--facets"]);
    assert!(plain.contains("events"), "{plain}");
}

#[test]
fn a_manifest_cites_the_export_exactly_and_sources_cite_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jateng.jsonl");
    ok(
        demo(),
        &[
            "export",
            "--province",
            "jateng",
            "--out",
            out.to_str().unwrap(),
            "--manifest",
        ],
    );
    let manifest_path = dir.path().join("jateng.jsonl.manifest.json");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    // The SHA-256 is the written file's, computed here independently.
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(manifest["bytes"].as_u64().unwrap() as usize, bytes.len());
    assert_eq!(manifest["sha256"].as_str().unwrap(), sha256_hex(&bytes));
    let records = lines(&String::from_utf8(bytes).unwrap());
    assert_eq!(
        manifest["records"].as_u64().unwrap() as usize,
        records.len()
    );
    assert_eq!(manifest["filters"]["province"], "jateng");
    assert_eq!(manifest["resolved_filters"]["regions"][0], "33");
    assert_eq!(manifest["what"], "events");
    let hashes = manifest["gazetteer_hashes"].as_array().unwrap();
    for e in &records {
        assert!(hashes.contains(&e["extractor"]["gazetteers"]));
        // Each source names the WARC file and the offset of its record in the archive.
        for s in e["sources"].as_array().unwrap() {
            let file = s["archive"]["file"].as_str().unwrap();
            assert!(demo().join("archive").join(file).is_file(), "{file}");
            assert!(s["archive"]["offset"].is_u64());
        }
    }
    // Changing the file makes the manifest's hash wrong: it really is this file's.
    std::fs::write(&out, b"changed\n").unwrap();
    assert_ne!(
        manifest["sha256"].as_str().unwrap(),
        sha256_hex(&std::fs::read(&out).unwrap())
    );

    // --format follows the extension; CSV gets the archive column.
    let csv = dir.path().join("all.csv");
    ok(demo(), &["export", "--out", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("id,type,"), "{}", &text[..40]);
    assert!(text.lines().next().unwrap().ends_with(",source_archives"));
    // A manifest needs a file to describe.
    assert_eq!(
        warta(demo(), &["export", "--manifest"]).status.code(),
        Some(2)
    );
}

/// SHA-256 in hex, computed here with the `sha2` crate, independently of the export's code.
fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn output_conventions_snippets_order_dates_and_quiet() {
    // An event's snippet is words of its source article, in their order, not glued fields.
    let found: serde_json::Value = serde_json::from_str(&ok(
        demo(),
        &["search", "upah", "--events", "--json", "--limit", "50"],
    ))
    .unwrap();
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut checked = 0;
    for h in found["hits"].as_array().unwrap() {
        let snippet = h["snippet"].as_str().unwrap().replace(['«', '»'], "");
        let snippet = snippet.trim_end_matches('…').trim();
        let event: serde_json::Value =
            serde_json::from_str(&ok(demo(), &["show", h["id"].as_str().unwrap(), "--json"]))
                .unwrap();
        let text = flat(event["sources"][0]["text"].as_str().unwrap());
        // A snippet may join two evidence sentences that are apart in the article: each of its
        // sentences is the article's.
        for part in snippet.split(". ").filter(|p| p.len() > 20) {
            assert!(
                text.contains(part.trim_end_matches('.')),
                "{part:?} not in the article of {}",
                h["id"]
            );
        }
        checked += 1;
    }
    assert!(checked > 1);

    // --newest: by date, whatever the relevance.
    let newest: serde_json::Value = serde_json::from_str(&ok(
        demo(),
        &[
            "search", "upah", "--events", "--newest", "--json", "--limit", "50",
        ],
    ))
    .unwrap();
    let dates: Vec<&str> = newest["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(dates.len() > 1);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    // A publication day without a time of day prints as a day; a time prints with its zone.
    let articles: serde_json::Value =
        serde_json::from_str(&ok(demo(), &["search", "", "--json", "--limit", "100"])).unwrap();
    for h in articles["hits"].as_array().unwrap() {
        let Some(date) = h["date"].as_str() else {
            continue;
        };
        assert!(
            date.len() == 10 || !date.contains("T00:00:00"),
            "a midnight time is a date without a time: {date}"
        );
    }

    // -q: only errors.
    let out = warta(demo(), &["-q", "index"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let out = warta(demo(), &["-q", "search", "x", "--province", "Narnia"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());
    // Logs on a pipe carry no colour codes.
    let out = warta(demo(), &["-vv", "search", "upah", "--province", "sumsel"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\x1b'));
}
