//! `extract_file FILE.html URL` → the extracted article as JSON on stdout.
//! `extract_file --stdin-text` → HTML on stdin, body text on stdout (for `score_extraction.py --cmd`).
//! `extract_file --dir DIR OUT.json [--pred-dir PRED] [--gt GT.json]` → every `DIR/<id>.html[.gz]`
//! into a `{id: {"articleBody": text, "title", "published"}}` file, and `PRED/<id>.txt` for
//! `score_extraction.py --pred-dir`; prints extraction-only timing as one JSON line.

use std::io::Read;

/// The same allocator as the `warta` binary, so the benchmark measures what users run.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// Reads a page, inflating `.gz` in-process so a directory run measures extraction, not
/// process start-up.
fn read_any(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    let mut v = Vec::new();
    let file = std::fs::File::open(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::MultiGzDecoder::new(file).read_to_end(&mut v)?;
    } else {
        std::io::BufReader::new(file).read_to_end(&mut v)?;
    }
    Ok(v)
}

/// `--dir DIR OUT.json [--pred-dir PRED] [--gt GROUND_TRUTH.json]`: one process over all pages.
/// Pages are read and decompressed before the clock starts, so the reported time (one JSON line
/// on stdout: docs, seconds, docs_per_second) is extraction only, comparable to an in-process
/// library call in another language. `--gt` supplies each page's URL (scrapinghub layout).
fn run_dir(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    const USAGE: &str = "--dir DIR OUT.json [--pred-dir PRED] [--gt GROUND_TRUTH.json]";
    let dir = args.first().ok_or(USAGE)?;
    let out = args.get(1).ok_or(USAGE)?;
    let mut pred_dir = None;
    let mut urls: std::collections::HashMap<String, String> = Default::default();
    let mut rest = args[2..].iter();
    while let Some(flag) = rest.next() {
        let val = rest.next().ok_or(USAGE)?;
        match flag.as_str() {
            "--pred-dir" => pred_dir = Some(std::path::PathBuf::from(val)),
            "--gt" => {
                let gt: serde_json::Value = serde_json::from_slice(&std::fs::read(val)?)?;
                if let Some(m) = gt.as_object() {
                    for (id, d) in m {
                        if let Some(u) = d.get("url").and_then(|u| u.as_str()) {
                            urls.insert(id.clone(), u.to_string());
                        }
                    }
                }
            }
            _ => return Err(USAGE.into()),
        }
    }
    let mut pages = Vec::new();
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
        pages.push((id.to_string(), read_any(&path)?));
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    // Warm-up outside the clock, as in trafilatura_run.py: lazily compiled patterns are a
    // one-time cost per process, not a per-page one.
    let _ = warta_article::extract(WARM_UP, "https://example.org/warm-up");
    let (start, cpu_start) = (std::time::Instant::now(), cpu_seconds());
    let results: Vec<_> = pages
        .iter()
        .map(|(id, bytes)| {
            let url = urls.get(id).map_or("", String::as_str);
            warta_article::extract_bytes(bytes, None, url)
        })
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_start;
    let mut map = serde_json::Map::new();
    if let Some(p) = &pred_dir {
        std::fs::create_dir_all(p)?;
    }
    for ((id, _), r) in pages.iter().zip(&results) {
        let a = match r {
            Ok(a) => article_json(a),
            Err(e) => serde_json::json!({"error": e.to_string(), "text": ""}),
        };
        if let Some(p) = &pred_dir {
            std::fs::write(
                p.join(format!("{id}.txt")),
                a["text"].as_str().unwrap_or_default(),
            )?;
        }
        let mut v = serde_json::Map::new();
        v.insert("articleBody".into(), a["text"].clone());
        v.insert("title".into(), a["title"].clone());
        v.insert("published".into(), a["published"].clone());
        map.insert(id.clone(), serde_json::Value::Object(v));
    }
    std::fs::write(out, serde_json::to_string_pretty(&map)?)?;
    let n = pages.len();
    println!(
        "{}",
        serde_json::json!({"docs": n, "seconds": secs,
            "docs_per_second": if secs > 0.0 { n as f64 / secs } else { 0.0 },
            "cpu_seconds": cpu,
            "docs_per_cpu_second": if cpu > 0.0 { n as f64 / cpu } else { 0.0 }})
    );
    Ok(())
}

const WARM_UP: &str = "<html><head><title>Uji</title><meta property=\"article:published_time\" \
    content=\"2024-01-02T03:04:05+07:00\"></head><body><article><h1>Uji</h1><p>Senin, 1 Januari \
    2024 10:00 WIB</p><p>Serikat pekerja menggelar rapat anggota di kantor dinas, kata ketuanya.</p>\
    <p>Baca juga: Berita lain</p></article></body></html>";

/// CPU time of this process: on a shared machine wall time measures the neighbours too.
fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) } != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--dir") {
        return run_dir(&args[1..]);
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
