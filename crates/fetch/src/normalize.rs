//! URL normalisation, so that one page reached through many spellings (tracking parameters,
//! fragments, default ports, percent-encoding case, `//` runs) is fetched and archived once.
//!
//! Everything here only removes or rewrites what RFC 3986 (or every web server in practice)
//! treats as equivalent: the crawler must never invent a URL the site did not link to. That is
//! why the query string is kept byte for byte and in its order, minus tracking parameters —
//! sorting it would merge a few more spellings but fetch URLs no page ever wrote, which some
//! servers answer differently.

use url::Url;

/// Query parameters that only say where a click came from (ad and mail click ids, analytics
/// linkers), plus `amp`, which asks for the AMP rendering of the same article: dropped.
/// Parameters starting with `utm_` are dropped too. Compared without regard to case.
pub const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "igshid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "ref_src",
    "amp",
];

/// Longer URLs are refused: real article URLs are far shorter, and ever-growing URLs are the
/// classic crawler trap (relative links that append a segment on every page).
pub const MAX_URL_LEN: usize = 2048;

/// Whether a query parameter name (as written, possibly percent-encoded) is tracking noise.
pub fn is_tracking_param(name: &str) -> bool {
    let decoded: String = url::form_urlencoded::parse(name.as_bytes())
        .next()
        .map(|(k, _)| k.into_owned())
        .unwrap_or_default();
    let k = decoded.to_ascii_lowercase();
    k.starts_with("utm_") || TRACKING.contains(&k.as_str())
}

/// Parses `href` against `base` and normalises it; `None` for what a crawler must not follow
/// (other schemes, no host, unparsable, longer than [`MAX_URL_LEN`]).
pub fn resolve(base: &Url, href: &str) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.len() > MAX_URL_LEN {
        return None;
    }
    let lower = href.get(..11).unwrap_or(href).to_ascii_lowercase();
    if lower.starts_with("javascript:") || lower.starts_with("mailto:") {
        return None;
    }
    base.join(href).ok().and_then(normalize)
}

/// Normalises an absolute URL: http(s) only, lowercase host without a trailing dot (the url
/// crate lowercases), no user info, no fragment, no default port, `//` runs in the path
/// collapsed, percent-escapes of unreserved characters decoded and the others in upper case,
/// tracking parameters and empty `&&` pieces removed from the query. The remaining parameters
/// keep their order and their bytes. Trailing slashes are kept: on many servers `/a` and `/a/`
/// differ.
pub fn normalize(mut url: Url) -> Option<Url> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    // `Url` already drops a port equal to the scheme's default.
    if !url.username().is_empty() || url.password().is_some() {
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    if let Some(host) = url.domain().and_then(|d| d.strip_suffix('.'))
        && !host.is_empty()
        && !host.ends_with('.')
    {
        let host = host.to_string();
        let _ = url.set_host(Some(&host));
    }
    let path = url.path();
    let mut fixed = None;
    if path.contains("//") {
        let mut p = String::with_capacity(path.len());
        for c in path.chars() {
            if !(c == '/' && p.ends_with('/')) {
                p.push(c);
            }
        }
        fixed = Some(p);
    }
    let current = fixed.as_deref().unwrap_or(url.path());
    if current.contains('%') {
        fixed = Some(tidy_escapes(current));
    }
    if let Some(p) = fixed
        && p != url.path()
    {
        url.set_path(&p);
    }
    if let Some(query) = url.query() {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|piece| {
                let name = piece.split_once('=').map_or(*piece, |(k, _)| k);
                !piece.is_empty() && !is_tracking_param(name)
            })
            .collect();
        let joined = tidy_escapes(&kept.join("&"));
        if joined.is_empty() {
            url.set_query(None);
        } else if joined != query {
            url.set_query(Some(&joined));
        }
    }
    (url.as_str().len() <= MAX_URL_LEN).then_some(url)
}

/// RFC 3986 §6.2.2: `%7E` is `~` and `%2f` is `%2F`. Decodes escapes of unreserved characters
/// and upper-cases the hex digits of the others; anything that is not a valid escape is left.
fn tidy_escapes(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |i: usize| b.get(i).and_then(|c| (*c as char).to_digit(16));
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2))
        {
            let byte = (h * 16 + l) as u8;
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                out.push(byte);
            } else {
                out.extend([
                    b'%',
                    b[i + 1].to_ascii_uppercase(),
                    b[i + 2].to_ascii_uppercase(),
                ]);
            }
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text is still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
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
    h == host
        || h.len() > host.len()
            && h.ends_with(host)
            && h.as_bytes()[h.len() - host.len() - 1] == b'.'
}

/// The host as the politeness key: two ports on one machine are still one server to spare.
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
            "http://www.example.id/a/b/?b=2&a=1"
        );
        assert_eq!(n("https://x.id:443/?utm_medium=m"), "https://x.id/");
        assert_eq!(n("https://x.id:8443/p"), "https://x.id:8443/p");
        assert_eq!(n("https://u:p@x.id/p"), "https://x.id/p");
        assert_eq!(n("https://x.id./p"), "https://x.id/p");
        assert_eq!(n("https://x.id/p?amp=1"), "https://x.id/p");
        assert_eq!(n("https://x.id/p?UTM_Source=a&id=3"), "https://x.id/p?id=3");
        assert_eq!(
            n("https://x.id/p?utm%5Fsource=a&id=3"),
            "https://x.id/p?id=3"
        );
    }

    #[test]
    fn keeps_other_parameters_byte_for_byte() {
        assert_eq!(
            n("http://a.id/s?q=a+b&&z&tag=x%2fy&gclid=1&q=c"),
            "http://a.id/s?q=a+b&z&tag=x%2Fy&q=c"
        );
        assert_eq!(n("http://a.id/s?"), "http://a.id/s");
        assert_eq!(
            n("http://a.id/%7euser/%e2%82%ac"),
            "http://a.id/~user/%E2%82%AC"
        );
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        for s in [
            "http://a.id/x/?b=1&a=2#f",
            "https://a.id/%7Euser/a b",
            "http://a.id:8080//x//y?utm_x=1",
            "http://a.id/?q=%20x&q=y",
            "http://a.id/%%32%35?%%41",
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
        assert!(resolve(&base, "JavaScript:void(0)").is_none());
        assert!(resolve(&base, "ftp://a.id/f").is_none());
        assert!(resolve(&base, &"a/".repeat(2000)).is_none());
        let sub = Url::parse("https://m.a.id/z").unwrap();
        assert!(in_site(&sub, "a.id"));
        assert!(!in_site(&Url::parse("https://evil-a.id/").unwrap(), "a.id"));
    }
}
