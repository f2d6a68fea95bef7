//! Crawler benchmark: serves a synthetic news web on loopback addresses (one address per site,
//! so every site is its own host for politeness) and crawls it with the real
//! [`warta_fetch::crawl`] into a temporary data directory, with no delay between requests.
//!
//! Each site has a robots.txt, a sitemap index with sitemaps of up to 5,000 URLs, a home page,
//! category listings with pagination, and article pages of 30-60 KB (navigation, inline script
//! and style, JSON-LD, body text, related links, some of them decorated with tracking parameters
//! and fragments so that normalisation has work to do).
//!
//! ```text
//! cargo run --release -p warta-fetch --example crawl_bench -- --pages 20000
//! cargo run --release -p warta-fetch --example crawl_bench -- --pages 200000 --max-pages 20000
//! ```
//! `--pages` is the number of articles the sitemaps list (the frontier the crawl is given);
//! `--max-pages` caps how many pages the crawl fetches (0: all). The output is a markdown table
//! row and one JSON line (prefixed `JSON `) per run.
//!
//! CPU time comes from `getrusage(RUSAGE_SELF)` (user + system of the whole process); the
//! server runs on its own single-threaded runtime, whose thread's on-CPU time
//! (`/proc/self/task/<tid>/schedstat`) is subtracted to give the crawler's share. Peak RSS is
//! `ru_maxrss` of the whole process: it includes the server, which holds nothing but the
//! responses in flight.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use warta_fetch::{Config, crawl};
use warta_store::Store;
use warta_store::crawl::FrontierState;

/// Articles listed per sitemap file.
const PER_SITEMAP: u64 = 5000;
/// Articles per listing page.
const PER_LISTING: u64 = 20;
const CATEGORIES: &[&str] = &[
    "nasional",
    "daerah",
    "ekonomi",
    "ketenagakerjaan",
    "hukum",
    "politik",
    "pendidikan",
    "kesehatan",
    "olahraga",
    "teknologi",
    "lingkungan",
    "hiburan",
];

struct Args {
    pages: u64,
    max_pages: u64,
    hosts: u64,
    concurrency: usize,
    label: String,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        pages: 20_000,
        max_pages: 0,
        hosts: 8,
        concurrency: 8,
        label: String::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let num = |v: String| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--pages" => args.pages = num(value()?)?,
            "--max-pages" => args.max_pages = num(value()?)?,
            "--hosts" => args.hosts = num(value()?)?.clamp(1, 200),
            "--concurrency" => args.concurrency = num(value()?)?.max(1) as usize,
            "--label" => args.label = value()?,
            "-h" | "--help" => {
                return Err(
                    "usage: crawl_bench [--pages N] [--max-pages M] [--hosts H] [--concurrency C] [--label L]"
                        .into(),
                );
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.label.is_empty() {
        args.label = format!("{} listed", args.pages);
    }
    Ok(args)
}

/// One synthetic site: articles `0..articles`, addressed as `/berita/<id>/<slug>.html`.
struct Site {
    articles: u64,
    base: String,
    bytes: Arc<AtomicU64>,
    requests: Arc<AtomicU64>,
}

/// A small deterministic generator (splitmix64), so every run serves the same web.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

const WORDS: &[&str] = &[
    "pemerintah",
    "kabupaten",
    "warga",
    "pekerja",
    "buruh",
    "pabrik",
    "upah",
    "minimum",
    "dinas",
    "tenaga",
    "kerja",
    "mogok",
    "tuntutan",
    "perusahaan",
    "serikat",
    "pertemuan",
    "bupati",
    "gubernur",
    "provinsi",
    "desa",
    "kecamatan",
    "jalan",
    "banjir",
    "harga",
    "beras",
    "pasar",
    "nelayan",
    "petani",
    "sekolah",
    "rumah",
    "sakit",
    "polisi",
    "laporan",
    "menurut",
    "kepala",
    "bidang",
    "sejak",
    "pekan",
    "lalu",
    "hingga",
    "kini",
    "belum",
    "ada",
    "kepastian",
    "soal",
    "pembayaran",
    "pesangon",
    "kontrak",
    "karyawan",
    "unjuk",
    "rasa",
    "di",
    "depan",
    "kantor",
    "dan",
    "yang",
    "dengan",
    "untuk",
    "dari",
    "pada",
    "akan",
    "telah",
    "juga",
    "mereka",
    "meminta",
    "agar",
    "segera",
    "ditindaklanjuti",
    "anggaran",
    "daerah",
    "tahun",
    "ini",
    "sebanyak",
    "ratusan",
    "orang",
    "berkumpul",
    "sejak",
    "pagi",
];

fn sentence(rng: &mut Rng, out: &mut String) {
    let n = 8 + rng.below(14);
    for i in 0..n {
        let w = WORDS[rng.below(WORDS.len() as u64) as usize];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push_str(". ");
}

fn slug(id: u64) -> String {
    let mut rng = Rng(id.wrapping_mul(31));
    let parts: Vec<&str> = (0..5)
        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
        .collect();
    parts.join("-")
}

fn article_path(id: u64) -> String {
    format!("/berita/{id}/{}.html", slug(id))
}

fn category_of(id: u64) -> usize {
    (id % CATEGORIES.len() as u64) as usize
}

/// Articles of a category, newest (highest id) first.
fn category_articles(site: &Site, cat: usize) -> u64 {
    let n = CATEGORIES.len() as u64;
    let cat = cat as u64;
    if site.articles <= cat {
        0
    } else {
        (site.articles - cat).div_ceil(n)
    }
}

fn nav(out: &mut String) {
    out.push_str("<header class=\"site\"><nav><ul>");
    for c in CATEGORIES {
        let _ = write!(out, "<li><a href=\"/kanal/{c}/\">{c}</a></li>");
    }
    for i in 0..40 {
        let _ = write!(out, "<li><a href=\"/topik/topik-{i}/\">topik {i}</a></li>");
    }
    out.push_str("<li><a href=\"/cari/?q=upah\">cari</a></li></ul></nav></header>\n");
}

fn footer(out: &mut String) {
    out.push_str("<footer><ul>");
    for p in [
        "redaksi",
        "pedoman-media-siber",
        "kontak",
        "karir",
        "iklan",
        "privasi",
    ] {
        let _ = write!(out, "<li><a href=\"/halaman/{p}/\">{p}</a></li>");
    }
    out.push_str("<li><a href=\"https://facebook.example/warta-bench\">fb</a></li>");
    out.push_str("<li><a href=\"mailto:redaksi@bench.invalid\">surel</a></li>");
    out.push_str("</ul></footer></body></html>\n");
}

fn head(out: &mut String, title: &str, canonical: &str) {
    let _ = write!(
        out,
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"canonical\" href=\"{canonical}\">\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed/\">\
         <meta name=\"viewport\" content=\"width=device-width\">"
    );
}

fn article(site: &Site, id: u64) -> String {
    let mut rng = Rng(id ^ 0xA5A5_5A5A);
    let mut out = String::with_capacity(64 * 1024);
    let title = slug(id).replace('-', " ");
    let canonical = format!("{}{}", site.base, article_path(id));
    head(&mut out, &title, &canonical);
    // Real news pages carry a lot of inline script and style; it is what makes them 30-60 KB.
    let filler = 12_000 + rng.below(24_000);
    out.push_str("<style>");
    let mut i = 0;
    while out.len() < 4000 + filler as usize / 3 {
        let _ = write!(
            out,
            ".c{i}{{margin:{}px;padding:{}px;color:#{:06x}}}",
            rng.below(20),
            rng.below(20),
            rng.below(0xFFFFFF)
        );
        i += 1;
    }
    out.push_str("</style><script>window.__cfg={\"ads\":[");
    while out.len() < 4000 + filler as usize {
        let _ = write!(
            out,
            "{{\"slot\":\"div-gpt-{}\",\"size\":[{},{}]}},",
            rng.next(),
            rng.below(970),
            rng.below(250)
        );
    }
    out.push_str("{}]};</script>");
    let _ = writeln!(
        out,
        "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"{title}\",\
         \"datePublished\":\"2025-{:02}-{:02}T{:02}:00:00+07:00\"}}</script></head><body>",
        1 + id % 12,
        1 + id % 28,
        id % 24
    );
    nav(&mut out);
    let _ = write!(
        out,
        "<main><article><h1>{title}</h1><div class=\"meta\">Kanal <a href=\"/kanal/{}/\">{}</a></div>",
        CATEGORIES[category_of(id)],
        CATEGORIES[category_of(id)]
    );
    let paragraphs = 8 + rng.below(12);
    for p in 0..paragraphs {
        out.push_str("<p>");
        for _ in 0..3 + rng.below(4) {
            sentence(&mut rng, &mut out);
        }
        out.push_str("</p>\n");
        if p == 3 {
            let other = rng.below(site.articles);
            let _ = writeln!(
                out,
                "<p><strong>Baca juga: <a href=\"{}?utm_source=bacajuga&amp;utm_medium=inline\">{}</a></strong></p>",
                article_path(other),
                slug(other).replace('-', " ")
            );
        }
    }
    out.push_str("</article><aside class=\"related\"><h2>Berita terkait</h2><ul>");
    for k in 0..10 {
        let other = rng.below(site.articles);
        let path = article_path(other);
        // Spellings a real site produces for one article: plain, absolute, tracked, with a
        // fragment, with a default port.
        let href = match k % 5 {
            0 => path,
            1 => format!("{}{path}", site.base),
            2 => format!("{path}?utm_source=terkait&utm_campaign=box&fbclid=x{k}"),
            3 => format!("{path}#komentar"),
            _ => format!("{path}?gclid=abc{k}"),
        };
        let _ = write!(out, "<li><a href=\"{href}\">{}</a></li>", slug(other));
    }
    out.push_str("</ul></aside></main>\n");
    footer(&mut out);
    out
}

fn listing(site: &Site, cat: usize, page: u64) -> Option<String> {
    let total = category_articles(site, cat);
    let pages = total.div_ceil(PER_LISTING).max(1);
    if page == 0 || page > pages {
        return None;
    }
    let name = CATEGORIES[cat];
    let mut out = String::with_capacity(32 * 1024);
    let canonical = if page == 1 {
        format!("{}/kanal/{name}/", site.base)
    } else {
        format!("{}/kanal/{name}/page/{page}/", site.base)
    };
    head(&mut out, name, &canonical);
    out.push_str("</head><body>\n");
    nav(&mut out);
    let _ = write!(out, "<main><h1>{name}</h1><ul class=\"list\">");
    // Position j of the category (newest first) is article id = cat + n*(total-1-j).
    let n = CATEGORIES.len() as u64;
    let first = (page - 1) * PER_LISTING;
    for j in first..(first + PER_LISTING).min(total) {
        let id = cat as u64 + n * (total - 1 - j);
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a><p>",
            article_path(id),
            slug(id).replace('-', " ")
        );
        let mut rng = Rng(id);
        sentence(&mut rng, &mut out);
        out.push_str("</p></li>");
    }
    out.push_str("</ul><div class=\"pagination\">");
    for p in 1..=pages.min(5) {
        let _ = write!(out, "<a href=\"/kanal/{name}/page/{p}/\">{p}</a>");
    }
    if page < pages {
        let _ = write!(
            out,
            "<a rel=\"next\" href=\"/kanal/{name}/page/{}/\">berikutnya</a>",
            page + 1
        );
    }
    out.push_str("</div></main>\n");
    footer(&mut out);
    Some(out)
}

fn home(site: &Site) -> String {
    let mut out = String::with_capacity(32 * 1024);
    head(&mut out, "Beranda", &format!("{}/", site.base));
    out.push_str("</head><body>\n");
    nav(&mut out);
    out.push_str("<main><h1>Terkini</h1><ul>");
    for id in (site.articles.saturating_sub(30)..site.articles).rev() {
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a></li>",
            article_path(id),
            slug(id)
        );
    }
    out.push_str("</ul></main>\n");
    footer(&mut out);
    out
}

fn sitemap_index(site: &Site) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for k in 0..site.articles.div_ceil(PER_SITEMAP) {
        let _ = writeln!(
            out,
            "<sitemap><loc>{}/sitemap/{k}.xml</loc><lastmod>2025-06-01</lastmod></sitemap>",
            site.base
        );
    }
    out.push_str("</sitemapindex>\n");
    out
}

fn sitemap(site: &Site, k: u64) -> Option<String> {
    let start = k.checked_mul(PER_SITEMAP)?;
    if start >= site.articles {
        return None;
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for id in start..(start + PER_SITEMAP).min(site.articles) {
        let _ = writeln!(
            out,
            "<url><loc>{}{}</loc><lastmod>2025-{:02}-{:02}T08:00:00+07:00</lastmod></url>",
            site.base,
            article_path(id),
            1 + id % 12,
            1 + id % 28
        );
    }
    out.push_str("</urlset>\n");
    Some(out)
}

fn respond(status: u16, ct: &str, body: String, site: &Site) -> Response {
    site.bytes.fetch_add(body.len() as u64, Ordering::Relaxed);
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header("content-type", ct)
        .body(Body::from(body))
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

async fn handle(State(site): State<Arc<Site>>, req: Request) -> Response {
    site.requests.fetch_add(1, Ordering::Relaxed);
    let path = req.uri().path();
    let html = "text/html; charset=utf-8";
    let xml = "application/xml";
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let found = match parts.as_slice() {
        [] => Some((html, home(&site))),
        ["robots.txt"] => Some((
            "text/plain",
            format!(
                "User-agent: *\nDisallow: /cari/\nDisallow: /topik/\nDisallow: /halaman/\n\nSitemap: {}/sitemap_index.xml\n",
                site.base
            ),
        )),
        ["sitemap_index.xml"] => Some((xml, sitemap_index(&site))),
        ["sitemap", file] => file
            .strip_suffix(".xml")
            .and_then(|k| k.parse().ok())
            .and_then(|k| sitemap(&site, k))
            .map(|s| (xml, s)),
        ["kanal", name] => CATEGORIES
            .iter()
            .position(|c| c == name)
            .and_then(|c| listing(&site, c, 1))
            .map(|s| (html, s)),
        ["kanal", name, "page", p] => CATEGORIES
            .iter()
            .position(|c| c == name)
            .zip(p.parse().ok())
            .and_then(|(c, p)| listing(&site, c, p))
            .map(|s| (html, s)),
        ["berita", id, file] => id
            .parse::<u64>()
            .ok()
            .filter(|id| *id < site.articles && *file == format!("{}.html", slug(*id)))
            .map(|id| (html, article(&site, id))),
        _ => None,
    };
    match found {
        Some((ct, body)) => respond(200, ct, body, &site),
        None => respond(404, "text/plain", "tidak ditemukan".into(), &site),
    }
}

/// Runs the sites on one thread with a single-threaded runtime, so that its CPU time can be
/// read (and subtracted) separately. Returns the site bases and the thread's schedstat path.
fn start_server(
    args: &Args,
    bytes: Arc<AtomicU64>,
    requests: Arc<AtomicU64>,
) -> Result<(Vec<String>, PathBuf), String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let hosts = args.hosts;
    let per_host = args.pages / hosts;
    let extra = args.pages % hosts;
    std::thread::Builder::new()
        .name("bench-server".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = tx.send(Err(e.to_string()));
                    return;
                }
            };
            rt.block_on(async move {
                let stat = std::fs::read_link("/proc/thread-self")
                    .map(|p| Path::new("/proc").join(p).join("schedstat"))
                    .unwrap_or_default();
                let mut bases = Vec::new();
                for h in 0..hosts {
                    let ip = format!("127.0.0.{}", 11 + h);
                    let listener = match tokio::net::TcpListener::bind(format!("{ip}:0")).await {
                        Ok(l) => l,
                        Err(e) => {
                            let _ = tx.send(Err(format!("bind {ip}: {e}")));
                            return;
                        }
                    };
                    let addr: SocketAddr = match listener.local_addr() {
                        Ok(a) => a,
                        Err(e) => {
                            let _ = tx.send(Err(e.to_string()));
                            return;
                        }
                    };
                    let site = Arc::new(Site {
                        articles: per_host + u64::from(h < extra),
                        base: format!("http://{addr}"),
                        bytes: Arc::clone(&bytes),
                        requests: Arc::clone(&requests),
                    });
                    bases.push(site.base.clone());
                    let app = axum::Router::new().fallback(handle).with_state(site);
                    tokio::spawn(async move { axum::serve(listener, app).await });
                }
                let _ = tx.send(Ok((bases, stat)));
                std::future::pending::<()>().await;
            });
        })
        .map_err(|e| e.to_string())?;
    rx.recv().map_err(|e| e.to_string())?
}

/// On-CPU nanoseconds of one thread (first field of its schedstat).
fn thread_cpu_ns(stat: &Path) -> Option<u64> {
    std::fs::read_to_string(stat)
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

struct Usage {
    cpu: Duration,
    maxrss_kb: u64,
}

fn usage() -> Usage {
    // SAFETY: getrusage only writes into the struct we pass; a zeroed rusage is a valid value.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF with a valid pointer to a rusage.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    if rc != 0 {
        return Usage {
            cpu: Duration::ZERO,
            maxrss_kb: 0,
        };
    }
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    Usage {
        cpu: tv(ru.ru_utime) + tv(ru.ru_stime),
        maxrss_kb: ru.ru_maxrss.max(0) as u64,
    }
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    if let Err(e) = run() {
        eprintln!("crawl_bench: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let bytes = Arc::new(AtomicU64::new(0));
    let requests = Arc::new(AtomicU64::new(0));
    let (bases, server_stat) = start_server(&args, Arc::clone(&bytes), Arc::clone(&requests))?;
    let data = tempfile::Builder::new()
        .prefix("warta-crawl-bench-")
        .tempdir()
        .map_err(|e| e.to_string())?;
    // Built from TOML like a user's config, so fields added later with defaults need no change.
    let mut toml = format!(
        "[crawl]\nuser_agent = \"warta-bench/0.1 (+https://example.org/warta; benchmark)\"\n\
         min_delay_ms = 0\nconcurrency = {}\nmax_pages = {}\ntimeout_s = 30\n\
         allow_private_addresses = true\nmax_depth = 3\nmax_pages_per_site = 0\n\
         max_query_variants = 1000\n",
        args.concurrency, args.max_pages
    );
    for (i, b) in bases.iter().enumerate() {
        let _ = write!(
            toml,
            "\n[[site]]\nname = \"bench{i}\"\nbase_url = \"{b}/\"\n\
             sitemaps = [\"{b}/sitemap_index.xml\"]\nseeds = [\"{b}/\"]\n"
        );
    }
    let config = Config::parse(&toml, "crawl_bench").map_err(|e| e.to_string())?;

    let before = usage();
    let server_before = thread_cpu_ns(&server_stat).unwrap_or(0);
    let started = Instant::now();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let summary = rt
        .block_on(crawl(&config, data.path()))
        .map_err(|e| e.to_string())?;
    let wall = started.elapsed();
    let after = usage();
    let server_cpu = Duration::from_nanos(
        thread_cpu_ns(&server_stat)
            .unwrap_or(0)
            .saturating_sub(server_before),
    );
    drop(rt);

    let store = Store::open(data.path()).map_err(|e| e.to_string())?;
    let mut frontier = 0;
    let mut pending = 0;
    for site in &config.sites {
        for state in [
            FrontierState::Pending,
            FrontierState::Done,
            FrontierState::Failed,
            FrontierState::Skipped,
        ] {
            let n = store
                .frontier_count(&site.name, state)
                .map_err(|e| e.to_string())?;
            frontier += n;
            if state == FrontierState::Pending {
                pending += n;
            }
        }
    }
    let fetched: u64 = summary.sites.iter().map(|s| s.fetched).sum();
    let failed: u64 = summary.sites.iter().map(|s| s.failed).sum();
    let robots: u64 = summary.sites.iter().map(|s| s.skipped_robots).sum();
    let served = bytes.load(Ordering::Relaxed);
    let secs = wall.as_secs_f64().max(1e-9);
    let total_cpu = after.cpu.saturating_sub(before.cpu);
    let crawler_cpu = total_cpu.saturating_sub(server_cpu);
    let per_page_ms = |d: Duration| d.as_secs_f64() * 1000.0 / fetched.max(1) as f64;
    let warc = dir_bytes(&store.archive_dir());
    let catalogue = dir_bytes(store.root());
    drop(store);

    println!(
        "| run | listed | requests | 2xx fetched | wall s | pages/s | MB/s | crawler CPU ms/page | server CPU ms/page | peak RSS MB | frontier rows | pending |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {} | {} | {} | {:.1} | {:.0} | {:.1} | {:.2} | {:.2} | {:.0} | {} | {} |",
        args.label,
        args.pages,
        summary.requests,
        fetched,
        secs,
        fetched as f64 / secs,
        served as f64 / 1e6 / secs,
        per_page_ms(crawler_cpu),
        per_page_ms(server_cpu),
        after.maxrss_kb as f64 / 1024.0,
        frontier,
        pending
    );
    let json = serde_json::json!({
        "label": args.label,
        "listed": args.pages,
        "hosts": args.hosts,
        "concurrency": args.concurrency,
        "max_pages": args.max_pages,
        "requests": summary.requests,
        "server_requests": requests.load(Ordering::Relaxed),
        "fetched_2xx": fetched,
        "failed": failed,
        "skipped_robots": robots,
        "wall_s": secs,
        "pages_per_s": fetched as f64 / secs,
        "served_bytes": served,
        "mb_per_s": served as f64 / 1e6 / secs,
        "cpu_total_s": total_cpu.as_secs_f64(),
        "cpu_server_s": server_cpu.as_secs_f64(),
        "cpu_crawler_ms_per_page": per_page_ms(crawler_cpu),
        "cpu_server_ms_per_page": per_page_ms(server_cpu),
        "peak_rss_mb": after.maxrss_kb as f64 / 1024.0,
        "frontier_rows": frontier,
        "frontier_pending": pending,
        "warc_bytes": warc,
        "catalogue_bytes": catalogue,
        "data_dir_fs": fs_of(data.path()),
    });
    println!("JSON {json}");
    Ok(())
}

/// The filesystem type of the data directory: fsync costs differ by orders of magnitude
/// between tmpfs and a disk, and the archive syncs before every catalogue write.
fn fs_of(path: &Path) -> String {
    let Ok(mounts) = std::fs::read_to_string("/proc/self/mounts") else {
        return String::new();
    };
    let Ok(path) = path.canonicalize() else {
        return String::new();
    };
    mounts
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let _dev = f.next()?;
            let mnt = f.next()?;
            let ty = f.next()?;
            path.starts_with(mnt).then(|| (mnt.len(), ty.to_string()))
        })
        .max()
        .map(|(_, ty)| ty)
        .unwrap_or_default()
}
