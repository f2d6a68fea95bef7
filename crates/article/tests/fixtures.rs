//! Every `fixtures/article/<name>.html` must extract to `<name>.expected.json`.

use std::path::PathBuf;

use serde::Deserialize;

#[derive(Deserialize)]
struct ExpAuthor {
    name: String,
    role: String,
}

#[derive(Deserialize)]
struct Expected {
    url: String,
    title: String,
    published: Option<String>,
    authors: Vec<ExpAuthor>,
    canonical_url: Option<String>,
    lang: Option<String>,
    text: String,
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/article")
}

fn role_name(r: warta_model::AuthorRole) -> &'static str {
    match r {
        warta_model::AuthorRole::Author => "author",
        warta_model::AuthorRole::Reporter => "reporter",
        warta_model::AuthorRole::Editor => "editor",
    }
}

#[test]
fn all_fixtures_match() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".html"))
                .map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(
        names.len() >= 7,
        "expected at least 7 fixtures, found {names:?}"
    );
    let mut failures = Vec::new();
    for name in &names {
        let dir = fixtures_dir();
        let html = std::fs::read(dir.join(format!("{name}.html"))).expect("read html");
        let exp: Expected = serde_json::from_slice(
            &std::fs::read(dir.join(format!("{name}.expected.json"))).expect("read expected"),
        )
        .expect("parse expected");
        let a = match warta_article::extract_bytes(&html, Some("text/html"), &exp.url) {
            Ok(a) => a,
            Err(e) => {
                failures.push(format!("{name}: error {e}"));
                continue;
            }
        };
        let mut check = |what: &str, got: String, want: String| {
            if got != want {
                failures.push(format!("{name}: {what}\n  got:  {got:?}\n  want: {want:?}"));
            }
        };
        check("title", a.title.clone(), exp.title.clone());
        check(
            "published",
            format!("{:?}", a.published.map(|t| t.to_rfc3339())),
            format!("{:?}", exp.published),
        );
        let got_auth: Vec<String> = a
            .authors
            .iter()
            .map(|x| format!("{}/{}", x.name, role_name(x.role)))
            .collect();
        let want_auth: Vec<String> = exp
            .authors
            .iter()
            .map(|x| format!("{}/{}", x.name, x.role))
            .collect();
        check("authors", format!("{got_auth:?}"), format!("{want_auth:?}"));
        check(
            "canonical",
            format!("{:?}", a.canonical_url),
            format!("{:?}", exp.canonical_url),
        );
        check("lang", format!("{:?}", a.lang), format!("{:?}", exp.lang));
        check("text", a.text.clone(), exp.text.clone());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
