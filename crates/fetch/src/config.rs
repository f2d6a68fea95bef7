//! The crawl configuration (TOML, keys as in `shared/design/cli.md`). Unknown keys are refused so
//! that a typo in a nightly config fails loudly instead of silently crawling with defaults.

use std::path::Path;

use serde::Deserialize;

use crate::FetchError;

/// The whole file: crawl settings and the sites.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub crawl: CrawlConfig,
    #[serde(default, rename = "site")]
    pub sites: Vec<SiteConfig>,
}

/// How politely, how much and how safely to crawl.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CrawlConfig {
    pub user_agent: String,
    /// Gap between two requests to one host; robots `Crawl-delay` wins if larger.
    pub min_delay_ms: u64,
    /// Requests in flight over all hosts.
    pub concurrency: usize,
    /// Pages fetched per run; 0 = unlimited.
    pub max_pages: u64,
    pub timeout_s: u64,
    pub max_body_bytes: u64,
    /// Off by default: a crawler must not be turned against the machine's own network.
    pub allow_private_addresses: bool,
    /// Retries of a URL after a timeout or a 5xx before it is given up for this run.
    pub max_retries: u32,
    /// First backoff; doubled on every retry, plus up to as much again of jitter.
    pub backoff_ms: u64,
    /// Longest `Retry-After` honoured; longer waits give the URL up for this run.
    pub max_retry_after_s: u64,
    pub max_redirects: u32,
    /// Link depth from a seed listing page (feed and sitemap entries count as depth 1).
    pub max_depth: u32,
    /// Pages per site per run; 0 = unlimited. Bounds crawler traps.
    pub max_pages_per_site: u64,
    /// Distinct query strings accepted per path (pagination `?page=N` and calendar traps).
    pub max_query_variants: u32,
    /// Size at which archive files are rotated.
    pub warc_rotate_bytes: u64,
}

impl Default for CrawlConfig {
    fn default() -> Self {
        CrawlConfig {
            user_agent: "warta/0.1 (+https://example.org/warta; research crawler)".into(),
            min_delay_ms: 1000,
            concurrency: 8,
            max_pages: 5000,
            timeout_s: 30,
            max_body_bytes: 10_000_000,
            allow_private_addresses: false,
            max_retries: 3,
            backoff_ms: 2000,
            max_retry_after_s: 600,
            max_redirects: 5,
            max_depth: 2,
            max_pages_per_site: 2000,
            max_query_variants: 20,
            warc_rotate_bytes: 1 << 30,
        }
    }
}

/// One news site: where its feeds, sitemaps and listing pages are.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub name: String,
    pub base_url: String,
    #[serde(default)]
    pub feeds: Vec<String>,
    #[serde(default)]
    pub sitemaps: Vec<String>,
    #[serde(default)]
    pub seeds: Vec<String>,
    /// Kemendagri code of the province the outlet covers ("31" for Jakarta), when it is a
    /// regional outlet: lets a source list be checked for its spread and filtered by region.
    #[serde(default)]
    pub province: Option<String>,
    /// CSS selectors overriding the generic article extractor for this site, when it gets
    /// the site wrong (`[site.extract] body = ["div.detail-text"]`, `drop = [".promo"]`).
    #[serde(default)]
    pub extract: Option<ExtractRules>,
}

/// Per-site extraction rules as written in the configuration (checked by whoever compiles
/// them: the crawler does not parse HTML selectors).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExtractRules {
    /// Elements holding the article body.
    #[serde(default)]
    pub body: Vec<String>,
    /// Elements that are never body text.
    #[serde(default)]
    pub drop: Vec<String>,
    /// The element holding the headline.
    #[serde(default)]
    pub title: Option<String>,
}

/// The bundled default source list (`sources/default.toml`), used when no `--config` is given.
const BUNDLED: &str = include_str!("../sources/default.toml");

impl Config {
    /// Parses a config; errors name the file and the line.
    pub fn parse(text: &str, origin: &str) -> Result<Config, FetchError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| {
                text.as_bytes()[..s.start.min(text.len())]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count()
                    + 1
            });
            FetchError::Config {
                origin: origin.to_string(),
                line,
                message: e.message().to_string(),
            }
        })?;
        config.validate(origin)?;
        Ok(config)
    }

    /// The bundled list of Indonesian regional and national news sites, so that `warta crawl`
    /// works out of the box. Embedded at build time; a test keeps it parsing.
    pub fn bundled() -> Result<Config, FetchError> {
        Config::parse(BUNDLED, "bundled sources/default.toml")
    }

    pub fn load(path: &Path) -> Result<Config, FetchError> {
        let text = std::fs::read_to_string(path).map_err(|e| FetchError::Config {
            origin: path.display().to_string(),
            line: None,
            message: e.to_string(),
        })?;
        Config::parse(&text, &path.display().to_string())
    }

    fn validate(&self, origin: &str) -> Result<(), FetchError> {
        let bad = |message: String| FetchError::Config {
            origin: origin.to_string(),
            line: None,
            message,
        };
        if self.crawl.concurrency == 0 {
            return Err(bad("crawl.concurrency must be at least 1".into()));
        }
        if self.crawl.user_agent.trim().is_empty() {
            return Err(bad("crawl.user_agent must not be empty".into()));
        }
        let mut names = std::collections::HashSet::new();
        for site in &self.sites {
            if !names.insert(site.name.as_str()) {
                return Err(bad(format!("site name {:?} is used twice", site.name)));
            }
            if let Some(p) = &site.province
                && !(p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            {
                return Err(bad(format!(
                    "site {}: province {p:?} is not a two-digit Kemendagri code",
                    site.name
                )));
            }
            for u in std::iter::once(&site.base_url)
                .chain(&site.feeds)
                .chain(&site.sitemaps)
                .chain(&site.seeds)
            {
                let parsed = url::Url::parse(u)
                    .map_err(|e| bad(format!("site {}: bad URL {u:?}: {e}", site.name)))?;
                if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
                    return Err(bad(format!(
                        "site {}: {u:?} is not an http(s) URL",
                        site.name
                    )));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_keys_and_fills_defaults() {
        let text = r#"
[crawl]
user_agent = "test-agent/1"
min_delay_ms = 250
concurrency = 2
max_pages = 10
timeout_s = 5
max_body_bytes = 10_000
allow_private_addresses = true

[[site]]
name = "a"
base_url = "https://a.example/"
feeds = ["https://a.example/feed/"]
sitemaps = ["https://a.example/sitemap.xml"]
seeds = ["https://a.example/category/x/"]
"#;
        let c = Config::parse(text, "t.toml").unwrap();
        assert_eq!(c.crawl.min_delay_ms, 250);
        assert_eq!(c.crawl.max_body_bytes, 10_000);
        assert!(c.crawl.allow_private_addresses);
        assert_eq!(c.crawl.max_redirects, 5);
        assert_eq!(c.sites[0].feeds, vec!["https://a.example/feed/"]);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let err = Config::parse("[crawl]\nmin_delay_ms = 1\nbogus = 2\n", "c.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("c.toml") && err.contains("line 3"), "{err}");
        let err = Config::parse(
            "[[site]]\nname = \"x\"\nbase_url = \"ftp://x/\"\n",
            "c.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("not an http(s) URL"), "{err}");
        let err = Config::parse(
            "[[site]]\nname = \"x\"\nbase_url = \"https://x.example/\"\nprovince = \"Jabar\"\n",
            "c.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("two-digit"), "{err}");
    }

    /// The bundled list is what a fresh install crawls: it must parse, be large and spread over
    /// the country, use https only, and name every site and host once.
    #[test]
    fn the_bundled_source_list_is_broad_and_clean() {
        let c = Config::bundled().unwrap();
        assert!(c.sites.len() >= 30, "{} sites", c.sites.len());
        let provinces: std::collections::HashSet<&str> = c
            .sites
            .iter()
            .filter_map(|s| s.province.as_deref())
            .collect();
        assert!(provinces.len() >= 15, "{} provinces", provinces.len());
        let national = c.sites.iter().filter(|s| s.province.is_none()).count();
        assert!(national >= 3, "{national} national sites");
        let mut hosts = std::collections::HashSet::new();
        for s in &c.sites {
            let base = url::Url::parse(&s.base_url).unwrap();
            let host = base
                .host_str()
                .unwrap()
                .trim_start_matches("www.")
                .to_string();
            assert!(hosts.insert(host.clone()), "host {host} twice");
            assert!(
                !s.feeds.is_empty() || !s.sitemaps.is_empty(),
                "{}: no feed or sitemap",
                s.name
            );
            for u in std::iter::once(&s.base_url)
                .chain(&s.feeds)
                .chain(&s.sitemaps)
                .chain(&s.seeds)
            {
                let parsed = url::Url::parse(u).unwrap();
                assert_eq!(parsed.scheme(), "https", "{u}");
                // Entry points must belong to the site, or the crawler would drop them.
                let h = parsed.host_str().unwrap().trim_start_matches("www.");
                assert!(
                    h == host || h.ends_with(&format!(".{host}")),
                    "{}: {u} is off the site",
                    s.name
                );
            }
        }
        // Defaults a nightly crawl of real sites relies on.
        assert!(!c.crawl.allow_private_addresses);
        assert!(c.crawl.min_delay_ms >= 1000);
    }
}
