//! End-to-end crawls of small fixture sites served by a real HTTP server on loopback addresses
//! (127.0.0.x: one address per host). Politeness and coverage are judged from the server's own
//! request log, not from what the crawler says it did.

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use warta_fetch::{Config, crawl};
use warta_store::Store;

const UA: &str = "warta-test/0.1 (+https://example.org/warta; research crawler)";

#[derive(Debug, Clone)]
struct Hit {
    path: String,
    at: Instant,
    ua: String,
    if_none_match: Option<String>,
    status: u16,
}

struct Site {
    kind: &'static str,
    base: String,
    log: Mutex<Vec<Hit>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl Site {
    fn hits(&self) -> Vec<Hit> {
        self.log.lock().unwrap().clone()
    }
    fn count(&self, path: &str) -> usize {
        self.hits().iter().filter(|h| h.path == path).count()
    }
}

async fn serve(kind: &'static str, ip: &str) -> Arc<Site> {
    let listener = tokio::net::TcpListener::bind(format!("{ip}:0"))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let site = Arc::new(Site {
        kind,
        base: format!("http://{addr}"),
        log: Mutex::new(Vec::new()),
        in_flight: AtomicUsize::new(0),
        max_in_flight: AtomicUsize::new(0),
    });
    let app = axum::Router::new()
        .fallback(handle)
        .with_state(Arc::clone(&site));
    tokio::spawn(async move { axum::serve(listener, app).await });
    site
}

async fn handle(State(site): State<Arc<Site>>, req: Request) -> Response {
    let now = site.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    site.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let at = Instant::now();
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let headers = req.headers().clone();
    let seen = site.count(&path);
    // Long enough that two overlapping requests to one host would be seen overlapping.
    tokio::time::sleep(Duration::from_millis(15)).await;
    let resp = match site.kind {
        "alpha" => alpha(&site, &path, &headers, seen),
        "beta" => plain(500, "text/plain", b"down".to_vec()),
        _ => gamma(&path),
    };
    site.log.lock().unwrap().push(Hit {
        path,
        at,
        ua: header(&headers, "user-agent").unwrap_or_default(),
        if_none_match: header(&headers, "if-none-match"),
        status: resp.status().as_u16(),
    });
    site.in_flight.fetch_sub(1, Ordering::SeqCst);
    resp
}

fn header(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn plain(status: u16, ct: &str, body: Vec<u8>) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header("content-type", ct)
        .body(Body::from(body))
        .unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn page(links: &[&str], text: &str) -> String {
    let a: String = links
        .iter()
        .map(|l| format!("<a href=\"{l}\">tautan</a>\n"))
        .collect();
    format!(
        "<!doctype html><html><head><title>t</title></head><body><p>{text}</p>{a}</body></html>"
    )
}

fn alpha(site: &Site, path: &str, headers: &HeaderMap, seen: usize) -> Response {
    let b = &site.base;
    match path {
        "/robots.txt" => plain(
            200,
            "text/plain",
            format!(
                "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.2\nSitemap: {b}/sitemap_index.xml\n"
            )
            .into_bytes(),
        ),
        "/sitemap_index.xml" => plain(
            200,
            "application/xml",
            format!(
                "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>{b}/sitemap-news.xml.gz</loc></sitemap></sitemapindex>"
            )
            .into_bytes(),
        ),
        "/sitemap-news.xml.gz" => {
            let mut xml = String::from(
                "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">",
            );
            for (p, lastmod) in [
                ("/news/1", "2024-01-01"),
                ("/news/2", "2099-01-01T00:00:00+07:00"),
                ("/news/3", "2024-01-01"),
                ("/news/4", "2024-01-01"),
                ("/news/5", "2024-01-01"),
                ("/private/secret", "2024-01-01"),
            ] {
                xml.push_str(&format!(
                    "<url><loc>{b}{p}</loc><news:news><news:publication_date>{lastmod}</news:publication_date></news:news></url>"
                ));
            }
            xml.push_str("<url><loc>http://elsewhere.example/x</loc></url></urlset>");
            plain(200, "application/x-gzip", gzip(xml.as_bytes()))
        }
        "/feed/" => plain(
            200,
            "application/rss+xml",
            format!(
                "<rss version=\"2.0\"><channel><item><link>{b}/news/6</link></item><item><link>{b}/news/1</link></item><item><link>{b}/news/7?utm_source=rss&amp;utm_medium=feed</link></item></channel></rss>"
            )
            .into_bytes(),
        ),
        "/kategori/buruh/" => plain(
            200,
            "text/html",
            page(
                &[
                    "/news/8",
                    "?page=2",
                    "/lama",
                    "/besar",
                    "/cp1252",
                    "/kalender/?d=1",
                    "/news/1#komentar",
                    "/gambar.jpg",
                    "/private/rahasia",
                    "http://elsewhere.example/",
                ],
                "Daftar berita buruh",
            )
            .into_bytes(),
        ),
        "/kategori/buruh/?page=2" => plain(
            200,
            "text/html",
            page(&["/news/10", "/kategori/buruh/?page=3"], "Halaman 2").into_bytes(),
        ),
        "/kategori/buruh/?page=3" => plain(
            200,
            "text/html",
            page(&["/news/12"], "Halaman 3").into_bytes(),
        ),
        "/lama" => Response::builder()
            .status(301)
            .header("location", "/pindah")
            .body(Body::empty())
            .unwrap(),
        "/pindah" => Response::builder()
            .status(302)
            .header("location", format!("{b}/news/9"))
            .body(Body::empty())
            .unwrap(),
        "/besar" => plain(
            200,
            "text/html",
            page(&[], &"panjang sekali ".repeat(20_000)).into_bytes(),
        ),
        "/cp1252" => {
            let mut body = b"<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 \x93buruh\x94</p><a href=\"/news/11\">x</a></body></html>".to_vec();
            body.extend_from_slice(b"\n");
            plain(200, "text/html", body)
        }
        "/gambar.jpg" => plain(200, "image/jpeg", vec![0xff, 0xd8, 0xff, 0xe0]),
        p if p.starts_with("/kalender/?d=") => {
            let d: u32 = p["/kalender/?d=".len()..].parse().unwrap_or(0);
            plain(
                200,
                "text/html",
                page(&[&format!("/kalender/?d={}", d + 1)], "Kalender").into_bytes(),
            )
        }
        "/news/3" if seen == 0 => plain(500, "text/plain", b"oops".to_vec()),
        "/news/4" if seen == 0 => Response::builder()
            .status(429)
            .header("retry-after", "1")
            .body(Body::empty())
            .unwrap(),
        "/news/5" => plain(404, "text/html", b"<p>tidak ada</p>".to_vec()),
        p if p.starts_with("/news/") => {
            let n = &p["/news/".len()..];
            let etag = format!("\"n{n}\"");
            if header(headers, "if-none-match").as_deref() == Some(etag.as_str()) {
                return Response::builder()
                    .status(304)
                    .header("etag", etag)
                    .body(Body::empty())
                    .unwrap();
            }
            let html = format!(
                "<html><head><link rel=\"canonical\" href=\"{b}/news/{n}\"></head><body><h1>Berita {n}</h1><p>Serikat pekerja menggelar aksi.</p><a href=\"/news/1\">lain</a></body></html>"
            );
            let accepts_gzip = header(headers, "accept-encoding").is_some_and(|a| a.contains("gzip"));
            let mut r = Response::builder()
                .status(200)
                .header("content-type", "text/html; charset=utf-8")
                .header("etag", etag);
            let body = if accepts_gzip {
                r = r.header("content-encoding", "gzip");
                gzip(html.as_bytes())
            } else {
                html.into_bytes()
            };
            r.body(Body::from(body)).unwrap()
        }
        _ => plain(404, "text/html", b"<p>tidak ada</p>".to_vec()),
    }
}

fn gamma(path: &str) -> Response {
    match path {
        "/robots.txt" => plain(404, "text/plain", b"no".to_vec()),
        "/" => plain(
            200,
            "text/html",
            page(&["/a", "/b", "/c", "/private/x"], "beranda").into_bytes(),
        ),
        p if p.starts_with("/p/") || matches!(p, "/a" | "/b" | "/c" | "/private/x") => {
            plain(200, "text/html", page(&[], "isi").into_bytes())
        }
        "/many" => {
            let links: Vec<String> = (0..40).map(|i| format!("/p/{i}")).collect();
            let refs: Vec<&str> = links.iter().map(String::as_str).collect();
            plain(200, "text/html", page(&refs, "banyak").into_bytes())
        }
        _ => plain(404, "text/plain", b"no".to_vec()),
    }
}

fn config(extra: &str, sites: &str) -> Config {
    let text = format!(
        "[crawl]\nuser_agent = \"{UA}\"\nmin_delay_ms = 100\nconcurrency = 4\nmax_pages = 0\ntimeout_s = 5\nmax_body_bytes = 50_000\nallow_private_addresses = true\nbackoff_ms = 200\nmax_retries = 2\nmax_depth = 3\nmax_query_variants = 3\n{extra}\n{sites}"
    );
    Config::parse(&text, "test.toml").unwrap()
}

/// Gaps between consecutive request arrivals at one host, with the earlier request's status.
fn gaps(hits: &[Hit]) -> Vec<(Duration, u16, String)> {
    hits.windows(2)
        .map(|w| {
            (
                w[1].at.duration_since(w[0].at),
                w[0].status,
                w[1].path.clone(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_faulty_simulated_web_is_crawled_politely_and_completely() {
    let alpha = serve("alpha", "127.0.0.2").await;
    let beta = serve("beta", "127.0.0.3").await;
    let gamma = serve("gamma", "127.0.0.4").await;
    let sites = format!(
        r#"
[[site]]
name = "alpha"
base_url = "{a}/"
feeds = ["{a}/feed/"]
seeds = ["{a}/kategori/buruh/"]

[[site]]
name = "beta"
base_url = "{b}/"
seeds = ["{b}/"]

[[site]]
name = "gamma"
base_url = "{g}/"
seeds = ["{g}/"]
"#,
        a = alpha.base,
        b = beta.base,
        g = gamma.base
    );
    let cfg = config("", &sites);
    let dir = tempfile::tempdir().unwrap();
    let summary = crawl(&cfg, dir.path()).await.unwrap();

    // robots.txt first on every host; the configured User-Agent on every request.
    for site in [&alpha, &beta, &gamma] {
        let hits = site.hits();
        assert_eq!(hits[0].path, "/robots.txt", "{}", site.kind);
        assert!(hits.iter().all(|h| h.ua == UA));
        assert_eq!(
            site.max_in_flight.load(Ordering::SeqCst),
            1,
            "{}",
            site.kind
        );
    }
    // Zero robots violations.
    assert!(
        alpha
            .hits()
            .iter()
            .all(|h| !h.path.starts_with("/private/"))
    );
    // robots.txt answering 5xx: nothing else on that host.
    assert_eq!(beta.hits().len(), 1);
    // robots.txt 404: everything allowed.
    assert_eq!(gamma.count("/private/x"), 1);

    // Zero gaps shorter than the policy: max(min_delay 100 ms, Crawl-delay 0.2 s) on alpha,
    // and at least the Retry-After second after the 429.
    for (gap, prev_status, path) in gaps(&alpha.hits()) {
        assert!(gap >= Duration::from_millis(200), "{gap:?} before {path}");
        if prev_status == 429 {
            assert!(gap >= Duration::from_secs(1), "{gap:?} after 429");
        }
    }
    for (gap, _, path) in gaps(&gamma.hits()) {
        assert!(gap >= Duration::from_millis(100), "{gap:?} before {path}");
    }

    // Full coverage, zero duplicates: every article once (twice for the two that failed first).
    for n in [1, 2, 6, 7, 8, 9, 10, 11, 12] {
        assert_eq!(alpha.count(&format!("/news/{n}")), 1, "/news/{n}");
    }
    assert_eq!(alpha.count("/news/3"), 2, "500 then retried");
    assert_eq!(alpha.count("/news/4"), 2, "429 then retried");
    assert_eq!(alpha.count("/news/5"), 1, "404 is not retried");
    assert_eq!(alpha.count("/lama"), 1);
    assert_eq!(alpha.count("/pindah"), 1);
    // Trap bounded: three calendar variants at most, and nothing beyond the depth limit.
    let calendar = alpha
        .hits()
        .iter()
        .filter(|h| h.path.starts_with("/kalender/"))
        .count();
    assert!(calendar <= 3, "{calendar}");
    assert_eq!(alpha.count("/kalender/?d=4"), 0);

    let store = Store::open(dir.path()).unwrap();
    let pages: Vec<String> = store
        .pending_pages(true)
        .unwrap()
        .into_iter()
        .map(|p| p.url)
        .collect();
    let a = &alpha.base;
    for n in [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12] {
        let url = format!("{a}/news/{n}");
        assert_eq!(pages.iter().filter(|u| **u == url).count(), 1, "{url}");
    }
    assert!(!pages.iter().any(|u| u.contains("utm_")));
    assert!(!pages.iter().any(|u| u.ends_with("/besar")));
    // Archived bodies are readable and decoded (the news pages were served gzip-encoded).
    let row = store
        .pending_pages(true)
        .unwrap()
        .into_iter()
        .find(|p| p.url == format!("{a}/news/6"))
        .unwrap();
    let resp = store.load_response(&row).unwrap();
    assert!(String::from_utf8_lossy(&resp.body).contains("Berita 6"));

    let fetches = store.crawl_fetches().unwrap();
    let outcome = |suffix: &str| {
        fetches
            .iter()
            .filter(|f| f.url.ends_with(suffix))
            .map(|f| f.outcome.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(outcome("/besar"), vec!["too_large"]);
    assert_eq!(outcome("/gambar.jpg"), vec!["content_type"]);
    assert_eq!(outcome("/private/secret"), vec!["robots_denied"]);
    assert_eq!(outcome("/news/5"), vec!["not_found"]);
    assert_eq!(outcome("/lama"), vec!["redirect", "ok"]);
    assert!(
        fetches
            .iter()
            .filter(|f| f.status.is_some())
            .all(|f| f.warc_file.is_some())
    );

    let by_site: HashMap<_, _> = summary.sites.iter().map(|s| (s.site.as_str(), s)).collect();
    assert_eq!(by_site["alpha"].skipped_robots, 2);
    assert_eq!(by_site["alpha"].retries, 2);
    assert_eq!(by_site["alpha"].pending, 0);
    assert_eq!(by_site["beta"].skipped_robots, 1);
    let total: usize = [&alpha, &beta, &gamma].iter().map(|s| s.hits().len()).sum();
    assert_eq!(summary.requests as usize, total);

    // A second run fetches entry points again but no known article, except the one whose
    // sitemap lastmod is newer than its fetch — and that one conditionally (304).
    let before = alpha.hits().len();
    let second = crawl(&cfg, dir.path()).await.unwrap();
    let new: Vec<Hit> = alpha.hits()[before..].to_vec();
    let news: Vec<&Hit> = new
        .iter()
        .filter(|h| h.path.starts_with("/news/"))
        .collect();
    assert_eq!(news.len(), 1, "{news:?}");
    assert_eq!(news[0].path, "/news/2");
    assert_eq!(news[0].if_none_match.as_deref(), Some("\"n2\""));
    assert_eq!(news[0].status, 304);
    let second_alpha = second.sites.iter().find(|s| s.site == "alpha").unwrap();
    assert!(second_alpha.unchanged >= 1, "{second_alpha:?}");
    let pages_after = store.pending_pages(true).unwrap().len();
    assert_eq!(pages_after, pages.len(), "no page archived twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_targets_are_refused_without_a_single_request() {
    let site = serve("gamma", "127.0.0.5").await;
    let port = site.base.rsplit(':').next().unwrap();
    let sites = format!(
        "[[site]]\nname = \"x\"\nbase_url = \"{b}/\"\nseeds = [\"{b}/\", \"http://localhost:{port}/\"]\n",
        b = site.base
    );
    let mut cfg = config("", &sites);
    cfg.crawl.allow_private_addresses = false;
    let dir = tempfile::tempdir().unwrap();
    let summary = crawl(&cfg, dir.path()).await.unwrap();
    assert!(site.hits().is_empty(), "{:?}", site.hits());
    let store = Store::open(dir.path()).unwrap();
    let refused = store
        .crawl_fetches()
        .unwrap()
        .into_iter()
        .filter(|f| f.outcome == "refused")
        .count();
    assert_eq!(refused, 2);
    assert_eq!(summary.sites[0].failed, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_crawl_resumes_without_duplicates() {
    let site = serve("gamma", "127.0.0.6").await;
    let sites = format!(
        "[[site]]\nname = \"many\"\nbase_url = \"{b}/\"\nseeds = [\"{b}/many\"]\n",
        b = site.base
    );
    let mut cfg = config("", &sites);
    cfg.crawl.min_delay_ms = 20;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let first = {
        let cfg = cfg.clone();
        let path = path.clone();
        tokio::spawn(async move { crawl(&cfg, &path).await })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    first.abort();
    let _ = first.await;
    let done_before = site.hits().len();
    assert!(done_before > 3 && done_before < 42, "{done_before}");
    crawl(&cfg, &path).await.unwrap();

    let hits = site.hits();
    for i in 0..40 {
        let n = hits.iter().filter(|h| h.path == format!("/p/{i}")).count();
        // At most the one request in flight when the run was stopped is repeated.
        assert!((1..=2).contains(&n), "/p/{i}: {n}");
    }
    let repeated = (0..40)
        .filter(|i| hits.iter().filter(|h| h.path == format!("/p/{i}")).count() > 1)
        .count();
    assert!(repeated <= 1, "{repeated}");
    let store = Store::open(&path).unwrap();
    let pages = store.pending_pages(true).unwrap();
    let mut urls: Vec<_> = pages.iter().map(|p| p.url.clone()).collect();
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), pages.len(), "a page catalogued twice");
    assert_eq!(pages.len(), 41);
    for p in &pages {
        store.load_response(p).unwrap();
    }
}
