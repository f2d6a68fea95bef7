//! robots.txt per RFC 9309, read with texting_robots: what a fetch of `/robots.txt` means for the
//! rest of the run on that origin.

use texting_robots::Robot;

/// RFC 9309 asks crawlers to parse at least 500 KiB; more is ignored.
pub const MAX_ROBOTS_BYTES: usize = 500 * 1024;

/// The rules of one origin for this run.
pub struct Robots {
    rules: Rules,
    /// `Crawl-delay` for our agent (or `*`), in seconds.
    pub crawl_delay: Option<f64>,
    /// `Sitemap:` lines, for discovery.
    pub sitemaps: Vec<String>,
}

enum Rules {
    AllowAll,
    DisallowAll,
    Parsed(Box<Robot>),
}

impl Robots {
    /// Interprets the outcome of fetching robots.txt: a 2xx body is parsed; 4xx (no robots.txt)
    /// allows everything; 5xx or no answer at all disallows everything, because the site may be
    /// in trouble and RFC 9309 says to assume complete disallow.
    pub fn from_fetch(status: Option<u16>, body: &[u8], agent_token: &str) -> Robots {
        match status {
            Some(200..=299) => {
                let body = &body[..body.len().min(MAX_ROBOTS_BYTES)];
                match Robot::new(agent_token, body) {
                    Ok(robot) => Robots {
                        crawl_delay: robot
                            .delay
                            .map(f64::from)
                            .filter(|d| d.is_finite() && *d >= 0.0),
                        sitemaps: robot.sitemaps.clone(),
                        rules: Rules::Parsed(Box::new(robot)),
                    },
                    // Unparsable means no usable group: treated like an empty file.
                    Err(_) => Robots::allow_all(),
                }
            }
            // 429 is a request to slow down, not "no robots.txt": treated like a 5xx.
            Some(429) => Robots::from_fetch(None, body, agent_token),
            Some(400..=499) => Robots::allow_all(),
            _ => Robots {
                rules: Rules::DisallowAll,
                crawl_delay: None,
                sitemaps: Vec::new(),
            },
        }
    }

    pub fn allow_all() -> Robots {
        Robots {
            rules: Rules::AllowAll,
            crawl_delay: None,
            sitemaps: Vec::new(),
        }
    }

    /// Whether our agent may fetch `url` (robots.txt itself is always allowed).
    pub fn allowed(&self, url: &url::Url) -> bool {
        if url.path() == "/robots.txt" {
            return true;
        }
        match &self.rules {
            Rules::AllowAll => true,
            Rules::DisallowAll => false,
            Rules::Parsed(robot) => robot.allowed(url.as_str()),
        }
    }
}

/// The product token of a User-Agent (`warta/0.1 (+…)` → `warta`): robots.txt groups name
/// products, not whole header values.
pub fn agent_token(user_agent: &str) -> String {
    user_agent
        .split(['/', ' ', ';', '('])
        .find(|s| !s.is_empty())
        .unwrap_or("*")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> url::Url {
        url::Url::parse(s).unwrap()
    }

    #[test]
    fn status_decides_before_the_body() {
        let body =
            b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\nSitemap: https://a.id/sm.xml\n";
        let r = Robots::from_fetch(Some(200), body, "warta");
        assert!(r.allowed(&u("https://a.id/news/1")));
        assert!(!r.allowed(&u("https://a.id/private/x")));
        assert_eq!(r.crawl_delay, Some(2.0));
        assert_eq!(r.sitemaps, vec!["https://a.id/sm.xml"]);
        assert!(Robots::from_fetch(Some(404), b"", "warta").allowed(&u("https://a.id/private/x")));
        assert!(!Robots::from_fetch(Some(503), body, "warta").allowed(&u("https://a.id/news/1")));
        assert!(!Robots::from_fetch(None, b"", "warta").allowed(&u("https://a.id/")));
        assert!(Robots::from_fetch(Some(500), b"", "warta").allowed(&u("https://a.id/robots.txt")));
    }

    #[test]
    fn our_group_wins_over_the_star_group() {
        let body = b"User-agent: *\nDisallow: /\n\nUser-agent: warta\nDisallow: /tmp/\n";
        let r = Robots::from_fetch(Some(200), body, &agent_token("warta/0.1 (+https://x)"));
        assert!(r.allowed(&u("https://a.id/news")));
        assert!(!r.allowed(&u("https://a.id/tmp/x")));
    }
}
