//! `extract_file FILE.html URL` → the extracted article as JSON on stdout.
//! `extract_file --stdin-text` → HTML on stdin, body text on stdout (for `score_extraction.py --cmd`).
//! `extract_file --dir DIR OUT.json` → every `DIR/<id>.html[.gz]` (gz via `gzip -dc`) into a
//! `{id: {"articleBody": text, "title", "published"}}` file for `score_extraction.py`-style scoring.

use std::io::Read;

fn article_json(a: &warta_article::ExtractedArticle) -> serde_json::Value {
    serde_json::json!({
        "title": a.title,
        "published": a.published.map(|t| t.to_rfc3339()),
        "modified": a.modified.map(|t| t.to_rfc3339()),
        "authors": a.authors.iter().map(|x| serde_json::json!({"name": x.name, "role": format!("{:?}", x.role).to_lowercase()})).collect::<Vec<_>>(),
        "canonical_url": a.canonical_url,
        "site_name": a.site_name,
        "lang": a.lang,
        "text": a.text,
    })
}

fn read_any(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    if path.extension().is_some_and(|e| e == "gz") {
        let out = std::process::Command::new("gzip")
            .arg("-dc")
            .arg(path)
            .output()?;
        Ok(out.stdout)
    } else {
        let mut v = Vec::new();
        std::fs::File::open(path)?.read_to_end(&mut v)?;
        Ok(v)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--dir") {
        let dir = args.get(1).ok_or("--dir DIR OUT.json")?;
        let out = args.get(2).ok_or("--dir DIR OUT.json")?;
        let mut map = serde_json::Map::new();
        let start = std::time::Instant::now();
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let Some(id) = name
                .strip_suffix(".html.gz")
                .or_else(|| name.strip_suffix(".html"))
            else {
                continue;
            };
            let bytes = read_any(&path)?;
            let text = match warta_article::extract_bytes(&bytes, None, "") {
                Ok(a) => article_json(&a),
                Err(e) => serde_json::json!({"error": e.to_string(), "text": ""}),
            };
            let mut v = serde_json::Map::new();
            v.insert("articleBody".into(), text["text"].clone());
            v.insert("title".into(), text["title"].clone());
            v.insert("published".into(), text["published"].clone());
            map.insert(id.to_string(), serde_json::Value::Object(v));
        }
        eprintln!("{} docs in {:?}", map.len(), start.elapsed());
        std::fs::write(out, serde_json::to_string_pretty(&map)?)?;
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("--stdin-text") {
        // For score_extraction.py --cmd: HTML on stdin, body text on stdout (DOC_URL if set).
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        let url = std::env::var("DOC_URL").unwrap_or_default();
        if let Ok(a) = warta_article::extract_bytes(&bytes, None, &url) {
            print!("{}", a.text);
        }
        return Ok(());
    }
    let file = args.first().ok_or("usage: extract_file FILE.html URL")?;
    let url = args.get(1).cloned().unwrap_or_default();
    let bytes = read_any(std::path::Path::new(file))?;
    let start = std::time::Instant::now();
    let a = warta_article::extract_bytes(&bytes, None, &url)?;
    eprintln!("extracted in {:?}", start.elapsed());
    println!("{}", serde_json::to_string_pretty(&article_json(&a))?);
    Ok(())
}
