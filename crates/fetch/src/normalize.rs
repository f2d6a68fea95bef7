//! URL normalisation, so that one page reached through many spellings (tracking parameters,
//! fragments, default ports, parameter order) is fetched and archived once.

use url::Url;

/// Query parameters that only track where a click came from: dropped.
const TRACKING: &[&str] = &[
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "ref_src",
];

/// Parses `href` against `base` and normalises it; `None` for what a crawler must not follow
/// (other schemes, no host, unparsable).
pub fn resolve(base: &Url, href: &str) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("javascript:") || href.starts_with("mailto:") {
        return None;
    }
    base.join(href).ok().and_then(normalize)
}

/// Normalises an absolute URL: http(s) only, lowercase host (the url crate does that), no
/// fragment, no default port, no tracking parameters, remaining parameters sorted, `//` runs in
/// the path collapsed. Trailing slashes are kept: on many servers `/a` and `/a/` differ.
pub fn normalize(mut url: Url) -> Option<Url> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    // `Url` already drops a port equal to the scheme's default.
    if url.username() != "" || url.password().is_some() {
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    if url.path().contains("//") {
        let mut path = String::with_capacity(url.path().len());
        for c in url.path().chars() {
            if !(c == '/' && path.ends_with('/')) {
                path.push(c);
            }
        }
        url.set_path(&path);
    }
    if url.query().is_some() {
        let mut pairs: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| {
                let k = k.to_ascii_lowercase();
                !k.starts_with("utm_") && !TRACKING.contains(&k.as_str())
            })
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        pairs.sort();
        if pairs.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(pairs);
        }
    }
    Some(url)
}

/// The host a site's links must stay on, without a leading `www.`: `www.a.id` and `a.id` are the
/// same site, `other.id` is not.
pub fn site_host(url: &Url) -> String {
    let host = url.host_str().unwrap_or("");
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

/// Whether `url` belongs to the site whose host is `host` (itself or a subdomain of it).
pub fn in_site(url: &Url, host: &str) -> bool {
    let h = site_host(url);
    h == host || h.ends_with(&format!(".{host}"))
}

/// `host:port` as the politeness key: two ports on one machine are still one server to spare.
pub fn host_key(url: &Url) -> String {
    url.host_str().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(Url::parse(s).unwrap()).unwrap().to_string()
    }

    #[test]
    fn strips_what_does_not_identify_a_page() {
        assert_eq!(
            n("HTTP://Www.Example.ID:80/a//b/?utm_source=x&b=2&a=1&fbclid=z#top"),
            "http://www.example.id/a/b/?a=1&b=2"
        );
        assert_eq!(n("https://x.id:443/?utm_medium=m"), "https://x.id/");
        assert_eq!(n("https://x.id:8443/p"), "https://x.id:8443/p");
        assert_eq!(n("https://u:p@x.id/p"), "https://x.id/p");
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        for s in [
            "http://a.id/x/?b=1&a=2#f",
            "https://a.id/%7Euser/a b",
            "http://a.id:8080//x//y?utm_x=1",
            "http://a.id/?q=%20x&q=y",
        ] {
            let once = n(s);
            assert_eq!(n(&once), once, "{s}");
        }
    }

    #[test]
    fn resolves_relative_links_and_refuses_other_schemes() {
        let base = Url::parse("https://a.id/news/x.html").unwrap();
        assert_eq!(
            resolve(&base, "../y.html#c").unwrap().as_str(),
            "https://a.id/y.html"
        );
        assert!(resolve(&base, "mailto:a@b").is_none());
        assert!(resolve(&base, "javascript:void(0)").is_none());
        assert!(resolve(&base, "ftp://a.id/f").is_none());
        let sub = Url::parse("https://m.a.id/z").unwrap();
        assert!(in_site(&sub, "a.id"));
        assert!(!in_site(&Url::parse("https://evil-a.id/").unwrap(), "a.id"));
    }
}
