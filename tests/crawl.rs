//! `warta crawl` and `warta run` as cron runs them: the real binary as a child process, against
//! a real HTTP server on a loopback address inside the test. What happened is judged from the
//! server's own request log, the archive files and the catalogue — never from timing: every
//! wait is a poll with a generous deadline.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;
use warta_store::Store;

const DEADLINE: Duration = Duration::from_secs(120);

/// A small regional news site: robots.txt, a sitemap of `pages` articles, the articles.
struct Site {
    base: String,
    pages: usize,
    /// Added to every response, so a crawl takes long enough to be caught in the middle.
    delay: Duration,
    /// robots.txt answers 500: the whole site is off limits for the run.
    down: bool,
    log: Mutex<Vec<(String, u16)>>,
}

impl Site {
    fn log(&self) -> Vec<(String, u16)> {
        self.log.lock().unwrap().clone()
    }

    fn articles_served(&self) -> usize {
        self.log()
            .iter()
            .filter(|(p, s)| p.starts_with("/berita/") && *s == 200)
            .count()
    }
}

fn serve(ip: &str, pages: usize, delay: Duration, down: bool) -> Arc<Site> {
    let (tx, rx) = std::sync::mpsc::channel();
    let ip = ip.to_string();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind(format!("{ip}:0"))
                .await
                .unwrap();
            let site = Arc::new(Site {
                base: format!("http://{}", listener.local_addr().unwrap()),
                pages,
                delay,
                down,
                log: Mutex::new(Vec::new()),
            });
            tx.send(Arc::clone(&site)).unwrap();
            let app = axum::Router::new().fallback(handle).with_state(site);
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

async fn handle(State(site): State<Arc<Site>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    tokio::time::sleep(site.delay).await;
    let (status, ct, body) = respond(&site, &path);
    site.log.lock().unwrap().push((path, status));
    Response::builder()
        .status(status)
        .header("content-type", ct)
        .body(Body::from(body))
        .unwrap()
}

fn respond(site: &Site, path: &str) -> (u16, &'static str, String) {
    let b = &site.base;
    match path {
        "/robots.txt" if site.down => (500, "text/plain", "sedang perbaikan".into()),
        "/robots.txt" => (
            200,
            "text/plain",
            "User-agent: *\nDisallow: /admin/\n".into(),
        ),
        "/sitemap.xml" => {
            let mut xml = String::from(
                "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
            );
            for n in 0..site.pages {
                xml.push_str(&format!("<url><loc>{b}/berita/{n}</loc></url>"));
            }
            xml.push_str("</urlset>");
            (200, "application/xml", xml)
        }
        p if p.starts_with("/berita/") => match p["/berita/".len()..].parse::<usize>() {
            Ok(n) if n < site.pages => (200, "text/html; charset=utf-8", article(n)),
            _ => (404, "text/html", "<p>tidak ditemukan</p>".into()),
        },
        _ => (404, "text/html", "<p>tidak ditemukan</p>".into()),
    }
}

/// An article in the shape of a small regional portal, written for these tests.
fn article(n: usize) -> String {
    // One article names a village that no other page mentions, for the search check.
    let place = if n == 3 { "Cempakasari" } else { "Sukamaju" };
    format!(
        r#"<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>Serikat pekerja bertemu bupati, laporan {n} - Kabar Lokal</title>
<meta property="og:title" content="Serikat pekerja bertemu bupati, laporan {n}">
<meta property="article:published_time" content="2025-06-{day:02}T09:30:00+07:00">
</head><body>
<header><nav><a href="https://portal.example/">Beranda</a> <a href="https://portal.example/daerah/">Daerah</a></nav></header>
<article>
<h1>Serikat pekerja bertemu bupati, laporan {n}</h1>
<p>Pengurus cabang serikat pekerja di desa {place} menemui bupati di kantor pemerintah kabupaten
pada Senin pagi untuk membicarakan upah minimum tahun depan dan nasib pekerja kontrak.</p>
<p>Dalam pertemuan yang berlangsung hampir dua jam itu, para pengurus menyerahkan catatan tentang
perusahaan yang belum mendaftarkan pekerjanya ke program jaminan sosial ketenagakerjaan.</p>
<p>Bupati berjanji meminta dinas tenaga kerja memeriksa perusahaan yang disebutkan dan mengundang
serikat pekerja ke rapat dewan pengupahan berikutnya, kata juru bicara pemerintah kabupaten.</p>
<p>Ketua serikat menyambut baik janji itu dan menyatakan anggotanya akan mengawal pelaksanaannya
sampai akhir tahun, sambil terus membuka posko pengaduan di sekretariat serikat.</p>
</article>
<footer><p>Hak cipta Kabar Lokal</p></footer>
</body></html>"#,
        day = n % 28 + 1
    )
}

fn config(dir: &Path, sites: &[(&str, &Site)]) -> PathBuf {
    let mut text = String::from(
        "[crawl]\nuser_agent = \"warta-test/0.1 (+https://example.org/warta; research crawler)\"\nmin_delay_ms = 0\nconcurrency = 4\nmax_pages = 0\ntimeout_s = 10\nallow_private_addresses = true\nbackoff_ms = 50\nmax_retries = 1\n",
    );
    for (name, site) in sites {
        text.push_str(&format!(
            "\n[[site]]\nname = \"{name}\"\nbase_url = \"{b}/\"\nsitemaps = [\"{b}/sitemap.xml\"]\n",
            b = site.base
        ));
    }
    let path = dir.join("crawl.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn warta(data: &Path) -> Command {
    let mut c = crate::util::bin();
    c.arg("--data-dir").arg(data);
    c
}

fn run(data: &Path, args: &[&str]) -> Output {
    warta(data)
        .args(args)
        .output()
        .expect("the warta binary runs")
}

fn spawn_crawl(data: &Path, config: &Path) -> Child {
    warta(data)
        .arg("crawl")
        .arg("--config")
        .arg(config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the warta binary starts")
}

/// Polls until `done` holds, failing the test at the deadline or if the child exits first.
fn wait_for(child: &mut Child, what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("warta exited ({status}) before {what}");
        }
        assert!(start.elapsed() < DEADLINE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every WARC record in the data directory's archive, read with the store's own reader (which
/// fails on a torn or malformed record), as (type, target URI).
fn archive_records(data: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("archive"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        warta_store::archive::read_warc(&f, |r| {
            out.push((
                r.record_type().to_string(),
                r.header("WARC-Target-URI").unwrap_or("").to_string(),
            ));
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{} does not read cleanly: {e}", f.display()));
    }
    out
}

fn page_urls(data: &Path) -> Vec<String> {
    Store::open(data)
        .expect("the catalogue opens")
        .pending_pages(true)
        .unwrap()
        .into_iter()
        .map(|p| p.url)
        .collect()
}

#[test]
fn a_crawl_killed_with_sigkill_resumes_without_duplicates() {
    const PAGES: usize = 60;
    let site = serve("127.0.0.7", PAGES, Duration::from_millis(30), false);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cfg = config(dir.path(), &[("lokal", &site)]);

    let mut child = spawn_crawl(&data, &cfg);
    wait_for(&mut child, "half the articles were served", || {
        site.articles_served() >= PAGES / 2
    });
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    let served_before = site.log().len();

    // The catalogue opens after the kill; what it lists as archived must not be fetched again.
    let archived: HashSet<String> = page_urls(&data).into_iter().collect();
    assert!(
        !archived.is_empty() && archived.len() < PAGES,
        "{} archived at the kill",
        archived.len()
    );

    let second = run(&data, &["crawl", "--config", cfg.to_str().unwrap()]);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );

    // The server saw no second 200 for a page that was already archived.
    for (path, status) in &site.log()[served_before..] {
        let url = format!("{}{path}", site.base);
        assert!(
            !(archived.contains(&url) && *status == 200),
            "{url} fetched again after it was archived"
        );
    }
    // No page missing, none catalogued twice.
    let pages = page_urls(&data);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for u in &pages {
        *counts.entry(u.as_str()).or_default() += 1;
    }
    for n in 0..PAGES {
        let url = format!("{}/berita/{n}", site.base);
        assert_eq!(counts.get(url.as_str()), Some(&1), "{url} in the catalogue");
    }
    // The archive reads cleanly to the end and holds every article exactly once.
    let mut responses: HashMap<String, usize> = HashMap::new();
    for (kind, uri) in archive_records(&data) {
        if kind == "response" {
            *responses.entry(uri).or_default() += 1;
        }
    }
    for n in 0..PAGES {
        let url = format!("{}/berita/{n}", site.base);
        assert_eq!(responses.get(&url), Some(&1), "{url} in the archive");
    }
    // And every catalogued page reads back from where the catalogue says it is.
    let store = Store::open(&data).unwrap();
    for p in store.pending_pages(true).unwrap() {
        store.load_response(&p).unwrap();
    }
}

#[test]
fn a_second_run_on_the_same_data_directory_is_refused() {
    // Slow enough that the first crawl is still going however long the second takes to start.
    let site = serve("127.0.0.8", 24, Duration::from_millis(500), false);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cfg = config(dir.path(), &[("lokal", &site)]);

    let mut first = spawn_crawl(&data, &cfg);
    // The lock is taken before the first request, so once the server has seen one, it is held.
    wait_for(&mut first, "the first crawl started", || {
        !site.log().is_empty()
    });
    for command in ["crawl", "run"] {
        let out = run(&data, &[command, "--config", cfg.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(&format!(
                "{} is in use by another warta process (pid {})",
                data.display(),
                first.id()
            )),
            "{stderr}"
        );
    }
    first.kill().unwrap();
    first.wait().unwrap();
    // The lock went with the process: a new run goes ahead.
    let out = run(&data, &["-q", "crawl", "--config", cfg.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn run_json_summarises_the_night_and_the_pages_become_searchable() {
    let site = serve("127.0.0.9", 6, Duration::ZERO, false);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cfg = config(dir.path(), &[("lokal", &site)]);

    let out = run(&data, &["run", "--config", cfg.to_str().unwrap(), "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The table goes to stderr, the JSON alone to stdout.
    assert!(
        stderr.contains("fetched") && stderr.contains("lokal"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["sites"][0]["site"], "lokal");
    // The sitemap and the six articles.
    assert_eq!(v["sites"][0]["fetched"], 7, "{v}");
    assert_eq!(v["totals"]["failed"], 0);
    assert_eq!(v["totals"]["pending"], 0);
    assert_eq!(v["extracted"]["articles"], 6, "{v}");
    assert_eq!(v["indexed"]["articles"], 6, "{v}");
    assert!(v["duration_s"].as_f64().is_some());
    assert_eq!(v["ok"], true);

    let found = run(&data, &["search", "Cempakasari", "--json"]);
    assert!(found.status.success());
    let hits: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    let hits = hits["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["url"], format!("{}/berita/3", site.base));

    // The next night: nothing new, nothing fetched twice, nothing extracted again.
    let before = site.articles_served();
    let again = run(&data, &["run", "--config", cfg.to_str().unwrap(), "--json"]);
    assert!(again.status.success());
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(site.articles_served(), before);
    assert_eq!(v["extracted"]["pages"], 0, "{v}");
    assert_eq!(v["sites"][0]["unchanged"], 1, "the sitemap, unchanged: {v}");
}

#[test]
fn the_exit_status_fails_only_when_every_site_failed() {
    let up = serve("127.0.0.10", 2, Duration::ZERO, false);
    let down = serve("127.0.0.11", 2, Duration::ZERO, true);
    let dir = tempfile::tempdir().unwrap();

    // One site down of two: reported, but the run succeeds.
    let cfg = config(dir.path(), &[("up", &up), ("down", &down)]);
    let out = run(
        &dir.path().join("a"),
        &["crawl", "--config", cfg.to_str().unwrap(), "--json"],
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sites"][1]["site"], "down");
    assert_eq!(v["sites"][1]["failed_as_a_whole"], true);
    assert_eq!(v["totals"]["sites_failed"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("site failed: "));
    assert!(v["sites"][1]["failure"].is_string(), "{v}");

    // Every site down: exit status 1, the summary still printed.
    let cfg = config(dir.path(), &[("down", &down)]);
    let out = run(
        &dir.path().join("b"),
        &["crawl", "--config", cfg.to_str().unwrap(), "--json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert!(String::from_utf8_lossy(&out.stderr).contains("every site failed"));

    // A broken config is the user's to fix: exit status 2, naming the file and line.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[crawl]\nmin_delay_ms = \"soon\"\n").unwrap();
    let out = run(
        &dir.path().join("c"),
        &["crawl", "--config", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.toml") && stderr.contains("line 2"),
        "{stderr}"
    );
}
