//! The published schema files must be exactly what the types generate: researchers validate
//! against the files in `schema/`, so a change to the types must show up there (and in review).
//! Regenerate with `WARTA_UPDATE_SCHEMA=1 cargo test -p warta-export --test schema`.

use std::path::Path;

fn check(file: &str, generated: serde_json::Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schema")
        .join(file);
    let text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
    if std::env::var_os("WARTA_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        published == text,
        "{} is out of date; regenerate it (see this test's doc comment)",
        path.display()
    );
}

#[test]
fn published_event_schema_is_current() {
    check("event.schema.json", warta_export::event_schema());
}

#[test]
fn published_article_schema_is_current() {
    check("article.schema.json", warta_export::article_schema());
}
