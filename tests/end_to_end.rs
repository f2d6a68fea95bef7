//! End-to-end tests of the `warta` binary on the bundled demo archive: the real binary, a real
//! SQLite catalogue, a real tantivy index, all in a temporary data directory.

use std::path::Path;

use crate::util::{demo_warc, jsonl, ok, warta};

#[test]
fn import_extract_index_search_export_on_the_demo_archive() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let warc = demo_warc();
    let imported = ok(&data, &["import", warc.to_str().unwrap()]);
    assert!(imported.contains("added"), "{imported}");
    ok(&data, &["extract"]);
    ok(&data, &["index"]);

    // The demo search finds an article about union cooperatives, with the words marked.
    let found: serde_json::Value =
        serde_json::from_str(&ok(&data, &["search", "koperasi buruh", "--json"])).unwrap();
    let hits = found["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "no hits for koperasi buruh");
    let first = &hits[0];
    let snippet = first["snippet"].as_str().unwrap().to_lowercase();
    assert!(
        snippet.contains("«koperasi") || snippet.contains("«buruh"),
        "snippet marks matches: {snippet}"
    );

    // Every exported event validates against the schema the binary publishes.
    let schema: serde_json::Value =
        serde_json::from_str(&ok(&data, &["export", "--schema"])).unwrap();
    let validator =
        jsonschema::validator_for(&schema).expect("the published schema is a valid JSON Schema");
    let events_path = dir.path().join("events.jsonl");
    ok(
        &data,
        &[
            "export",
            "--what",
            "events",
            "--format",
            "jsonl",
            "--out",
            events_path.to_str().unwrap(),
        ],
    );
    let events = jsonl(&events_path);
    assert!(
        events.len() >= 10,
        "the demo reports many events, got {}",
        events.len()
    );
    for e in &events {
        let errors: Vec<String> = validator
            .iter_errors(e)
            .map(|err| err.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "event {} does not validate: {errors:?}",
            e["id"]
        );
        assert_eq!(e["schema_version"], 1);
    }
    // Evidence offsets slice the source article's text to the evidence text.
    let articles_path = dir.path().join("articles.jsonl");
    ok(
        &data,
        &[
            "export",
            "--what",
            "articles",
            "--out",
            articles_path.to_str().unwrap(),
        ],
    );
    let articles = jsonl(&articles_path);
    for e in &events {
        for ev in e["evidence"].as_array().unwrap() {
            let src = &e["sources"][ev["source"].as_u64().unwrap() as usize];
            let article = articles
                .iter()
                .find(|a| a["id"] == src["article_id"])
                .expect("source article exported");
            let text: Vec<char> = article["text"].as_str().unwrap().chars().collect();
            let (s, t) = (
                ev["start"].as_u64().unwrap() as usize,
                ev["end"].as_u64().unwrap() as usize,
            );
            let sliced: String = text[s..t].iter().collect();
            assert_eq!(
                sliced,
                ev["text"].as_str().unwrap(),
                "evidence {} of event {}",
                ev["field"],
                e["id"]
            );
        }
    }

    // Filters: by event type and by province short form.
    let protests: serde_json::Value = serde_json::from_str(&ok(
        &data,
        &["search", "--events", "buruh", "--type", "protest", "--json"],
    ))
    .unwrap();
    for h in protests["hits"].as_array().unwrap() {
        assert_eq!(h["type"], "protest");
    }
}

#[test]
fn importing_and_extracting_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let warc = demo_warc();
    ok(&data, &["import", warc.to_str().unwrap()]);
    ok(&data, &["extract"]);
    let first = ok(&data, &["export", "--what", "events"]);
    let again = ok(&data, &["import", warc.to_str().unwrap()]);
    assert!(
        again.contains(" 0 added"),
        "second import adds nothing: {again}"
    );
    ok(&data, &["extract"]);
    assert_eq!(ok(&data, &["export", "--what", "events"]), first);
    ok(&data, &["extract", "--all"]);
    assert_eq!(
        ok(&data, &["export", "--what", "events"]),
        first,
        "re-extracting everything keeps events and ids"
    );
}

#[test]
fn corrupt_input_is_one_line_naming_file_and_offset_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let whole = std::fs::read(demo_warc()).unwrap();
    let truncated = dir.path().join("truncated.warc.gz");
    std::fs::write(&truncated, &whole[..whole.len() * 2 / 3]).unwrap();
    let random = dir.path().join("random.bin");
    std::fs::write(
        &random,
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    let empty = dir.path().join("empty.warc");
    std::fs::write(&empty, b"").unwrap();

    for bad in [&truncated, &random, &empty] {
        let out = warta(&data, &["import", bad.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", bad.display());
        let err = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "one line: {err}");
        assert!(
            lines[0].contains(bad.file_name().unwrap().to_str().unwrap())
                && lines[0].contains("offset"),
            "{err}"
        );
        assert!(
            !data.exists(),
            "a failed import must not create the data directory"
        );
    }

    // With data already stored, a bad import leaves it exactly as it was.
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    let before = snapshot(&data);
    let out = warta(&data, &["import", truncated.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(snapshot(&data), before);
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for sub in ["archive"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let p = e.unwrap().path();
            files.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
    files.sort();
    files
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = warta(&data, &["search", "anything"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "no data directory is a usage error"
    );
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    ok(&data, &["index"]);
    let out = warta(&data, &["search", "title:("]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("title:("), "{err}");
}

#[test]
fn gazetteer_candidates_and_site_rules_on_the_demo_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    ok(&data, &["extract"]);

    // Unknown organisations seen in several articles, with examples that contain them.
    let out = ok(
        &data,
        &["gazetteer", "candidates", "--json", "--min-articles", "2"],
    );
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert!(r["articles"].as_u64().unwrap() >= 2, "{r}");
        let name = r["name"].as_str().unwrap();
        assert!(
            r["examples"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e.as_str().unwrap().contains(name)),
            "{r}"
        );
    }

    // A per-site rule in the crawl config changes what is extracted for that site only.
    let paragraphs = |a: &serde_json::Value| a["text"].as_str().unwrap().split("\n\n").count();
    let before = tmp.path().join("before.jsonl");
    ok(
        &data,
        &[
            "export",
            "--what",
            "articles",
            "--out",
            before.to_str().unwrap(),
        ],
    );
    let before: std::collections::HashMap<String, usize> = jsonl(&before)
        .iter()
        .map(|a| (a["url"].as_str().unwrap().to_string(), paragraphs(a)))
        .collect();
    let config = tmp.path().join("sites.toml");
    std::fs::write(
        &config,
        "[[site]]\nname = \"sorotnusa\"\nbase_url = \"https://www.sorotnusa.id/\"\n\
         [site.extract]\nbody = [\"div.detail-text p:first-of-type\"]\n",
    )
    .unwrap();
    ok(
        &data,
        &["extract", "--all", "--config", config.to_str().unwrap()],
    );
    let export = tmp.path().join("articles.jsonl");
    ok(
        &data,
        &[
            "export",
            "--what",
            "articles",
            "--out",
            export.to_str().unwrap(),
        ],
    );
    let arts = jsonl(&export);
    assert!(arts.iter().any(|a| a["site"] == "sorotnusa.id"));
    for a in &arts {
        let was = before[a["url"].as_str().unwrap()];
        if a["site"] == "sorotnusa.id" {
            // The first paragraph of each page (a stitched article has two pages).
            assert!(paragraphs(a) <= 2 && paragraphs(a) < was, "{}", a["url"]);
        } else {
            assert_eq!(paragraphs(a), was, "{}", a["url"]);
        }
    }

    // A selector that does not parse is a usage error naming the file and the site.
    std::fs::write(&config, "[[site]]\nname = \"x\"\nbase_url = \"https://x.id/\"\n[site.extract]\ndrop = [\"div..a\"]\n").unwrap();
    let out = warta(&data, &["extract", "--config", config.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sites.toml") && err.contains("site x"),
        "{err}"
    );
}

#[test]
fn explain_gives_the_reasons_of_a_stored_article_and_its_export_carries_why() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["import", demo_warc().to_str().unwrap()]);
    ok(&data, &["extract"]);
    let out = dir.path().join("articles.jsonl");
    ok(
        &data,
        &[
            "export",
            "--what",
            "articles",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let articles = jsonl(&out);
    let with_event = articles
        .iter()
        .find(|a| a["why"]["events"].as_u64().unwrap_or(0) > 0)
        .expect("an article with an event");
    let without = articles
        .iter()
        .find(|a| a["why"]["events"].as_u64() == Some(0))
        .expect("an article without an event");

    // By URL: the words behind each field of its events.
    let url = with_event["url"].as_str().unwrap();
    let text = ok(&data, &["explain", url]);
    assert!(text.contains("interaction word"), "{text}");
    assert!(text.contains("type") && text.contains("date"), "{text}");
    // By id, as JSON: the same reasons the export carries.
    let id = without["id"].as_str().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&ok(&data, &["explain", id, "--json"])).unwrap();
    assert_eq!(json["why"], without["why"]);
    assert!(json["events"].as_array().unwrap().is_empty());
    // An unknown URL is a usage error naming it.
    let bad = warta(&data, &["explain", "https://nowhere.example/x"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nowhere.example"));
}

#[test]
fn help_says_what_warta_is_and_every_command_has_an_example() {
    let top = ok(Path::new("unused"), &["--help"]);
    assert!(top.starts_with("Indonesian regional news"), "{top}");
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 10, "{commands:?}");
    for command in commands {
        let help = ok(Path::new("unused"), &[command, "--help"]);
        assert!(
            help.contains("Examples:\n  warta "),
            "`warta {command} --help` has no example: {help}"
        );
    }
}
