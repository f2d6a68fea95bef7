//! Properties of URL normalisation: whatever spelling a link arrives in, the crawler must reach
//! one frontier key for one page, never keep what only tracks clicks, and never change what
//! identifies the page (the other query parameters, in their order, byte for byte).

use proptest::prelude::*;
use url::Url;
use warta_fetch::normalize::{TRACKING, is_tracking_param, normalize, resolve};

/// A URL as written by a site, kept in parts so a test knows what the normalised form must be.
#[derive(Debug, Clone)]
struct Parts {
    https: bool,
    host: String,
    port: Option<u16>,
    segments: Vec<String>,
    params: Vec<(String, Option<String>)>,
}

impl Parts {
    fn scheme(&self) -> &'static str {
        if self.https { "https" } else { "http" }
    }

    fn default_port(&self) -> u16 {
        if self.https { 443 } else { 80 }
    }

    fn query_of(params: &[(String, Option<String>)]) -> String {
        params
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.clone(),
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The URL with `params` as its query, `port` spelled out, and an optional fragment.
    fn render(
        &self,
        host: &str,
        port: Option<u16>,
        params: &[(String, Option<String>)],
        fragment: Option<&str>,
    ) -> String {
        let mut s = format!("{}://{host}", self.scheme());
        if let Some(p) = port {
            s.push_str(&format!(":{p}"));
        }
        s.push('/');
        s.push_str(&self.segments.join("/"));
        if !params.is_empty() {
            s.push('?');
            s.push_str(&Parts::query_of(params));
        }
        if let Some(f) = fragment {
            s.push('#');
            s.push_str(f);
        }
        s
    }

    fn plain(&self) -> String {
        self.render(&self.host, self.port, &self.params, None)
    }
}

fn label() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9]{0,8}"
}

fn host() -> impl Strategy<Value = String> {
    (
        prop::option::of(Just("WwW".to_string())),
        prop::collection::vec(label(), 1..3),
        prop::sample::select(vec!["id", "co.id", "ID", "com", "Net"]),
    )
        .prop_map(|(www, labels, tld)| {
            let mut parts: Vec<String> = www.into_iter().collect();
            parts.extend(labels);
            parts.push(tld.to_string());
            parts.join(".")
        })
}

fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9._~-]{1,12}",
        1 => "[a-z]{1,4}%2F[a-z]{1,4}",
        1 => Just("berita-2025".to_string()),
        1 => Just(String::new()),
    ]
    .prop_filter("no dot segments", |s| s != "." && s != "..")
}

/// A parameter that identifies content: never one of the tracking names.
fn param() -> impl Strategy<Value = (String, Option<String>)> {
    (
        "[a-z][a-z0-9]{0,6}",
        prop::option::weighted(0.85, "[a-zA-Z0-9._~+-]{0,8}(%2F[a-z]{1,3})?"),
    )
        .prop_filter("not a tracking name", |(k, _)| !is_tracking_param(k))
}

/// A tracking parameter in any case: `utm_*` or one of the listed click ids.
fn tracker() -> impl Strategy<Value = (String, Option<String>)> {
    let name = prop_oneof![
        "[uU][tT][mM]_[a-z]{1,8}",
        prop::sample::select(TRACKING.to_vec()).prop_map(str::to_string),
        prop::sample::select(TRACKING.to_vec()).prop_map(|t| t.to_ascii_uppercase()),
    ];
    (name, prop::option::of("[a-zA-Z0-9._-]{0,10}"))
}

fn parts() -> impl Strategy<Value = Parts> {
    (
        any::<bool>(),
        host(),
        prop::option::weighted(0.3, 1024u16..65535),
        prop::collection::vec(segment(), 0..4),
        prop::collection::vec(param(), 0..5),
    )
        .prop_map(|(https, host, port, segments, params)| Parts {
            https,
            host,
            port,
            segments,
            params,
        })
}

fn norm(s: &str) -> Option<Url> {
    Url::parse(s).ok().and_then(normalize)
}

/// Query pieces of a normalised URL, as written.
fn pieces(url: &Url) -> Vec<String> {
    url.query()
        .map(|q| q.split('&').map(str::to_string).collect())
        .unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn normalising_is_idempotent(p in parts(), trackers in prop::collection::vec(tracker(), 0..3),
                                 frag in prop::option::of("[a-z0-9]{0,6}")) {
        let mut params = p.params.clone();
        params.extend(trackers);
        let s = p.render(&p.host, p.port, &params, frag.as_deref());
        let once = norm(&s).expect("a generated http(s) URL normalises");
        let twice = normalize(once.clone()).expect("a normalised URL stays valid");
        prop_assert_eq!(twice.as_str(), once.as_str());
    }

    #[test]
    fn fragments_never_survive(p in parts(), frag in "[a-zA-Z0-9/?=&%#-]{0,12}") {
        let s = p.render(&p.host, p.port, &p.params, Some(&frag));
        let u = norm(&s).expect("normalises");
        prop_assert!(u.fragment().is_none());
        prop_assert!(!u.as_str().contains('#'));
    }

    #[test]
    fn trackers_go_and_the_other_parameters_keep_order_and_bytes(
        p in parts(),
        trackers in prop::collection::vec((tracker(), any::<prop::sample::Index>()), 1..4),
    ) {
        let mut params = p.params.clone();
        for (t, at) in trackers {
            params.insert(at.index(params.len() + 1), t);
        }
        let u = norm(&p.render(&p.host, p.port, &params, None)).expect("normalises");
        for piece in pieces(&u) {
            let name = piece.split_once('=').map_or(piece.as_str(), |(k, _)| k);
            prop_assert!(!is_tracking_param(name), "{} kept in {}", name, u);
        }
        let expected: Vec<String> = p
            .params
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.clone(),
            })
            .collect();
        prop_assert_eq!(pieces(&u), expected);
    }

    #[test]
    fn default_ports_are_dropped_and_others_kept(p in parts()) {
        let with_default = norm(&p.render(&p.host, Some(p.default_port()), &p.params, None))
            .expect("normalises");
        prop_assert_eq!(with_default.port(), None);
        let spelled = format!(":{}/", p.default_port());
        prop_assert!(!with_default.as_str().contains(&spelled), "{}", with_default);
        if let Some(port) = p.port.filter(|port| *port != p.default_port()) {
            let u = norm(&p.plain()).expect("normalises");
            prop_assert_eq!(u.port(), Some(port));
        }
    }

    #[test]
    fn the_host_is_lowercase(p in parts()) {
        let u = norm(&p.plain()).expect("normalises");
        let host = u.host_str().unwrap_or_default();
        prop_assert_eq!(host, p.host.to_ascii_lowercase());
        prop_assert!(!host.chars().any(|c| c.is_ascii_uppercase()));
    }

    #[test]
    fn a_url_and_its_tracked_variant_normalise_equal(
        p in parts(),
        trackers in prop::collection::vec((tracker(), any::<prop::sample::Index>()), 0..4),
        frag in prop::option::of("[a-z0-9-]{1,8}"),
        upper in any::<bool>(),
        spell_port in any::<bool>(),
    ) {
        let clean = norm(&p.plain()).expect("normalises");
        let mut params = p.params.clone();
        for (t, at) in trackers {
            params.insert(at.index(params.len() + 1), t);
        }
        let host = if upper { p.host.to_ascii_uppercase() } else { p.host.clone() };
        let port = p.port.or(spell_port.then(|| p.default_port()));
        let decorated = p.render(&host, port, &params, frag.as_deref());
        let got = norm(&decorated).expect("normalises");
        prop_assert_eq!(got.as_str(), clean.as_str(), "from {}", decorated);
    }

    #[test]
    fn resolve_never_panics_on_arbitrary_hrefs(href in any::<String>()) {
        let base = Url::parse("https://www.contoh.id/berita/2025/06/a.html?page=2").expect("base");
        if let Some(u) = resolve(&base, &href) {
            prop_assert!(matches!(u.scheme(), "http" | "https"));
            prop_assert!(u.fragment().is_none());
            let again = normalize(u.clone()).expect("stays valid");
            prop_assert_eq!(again.as_str(), u.as_str());
        }
    }

    #[test]
    fn resolve_of_url_like_hrefs_is_normalised_and_stable(
        href in "(https?:)?(//)?[a-zA-Z0-9%./?=&#:@_~+-]{0,40}",
    ) {
        let base = Url::parse("http://Contoh.ID:80/kanal/daerah/").expect("base");
        if let Some(u) = resolve(&base, &href) {
            prop_assert!(u.fragment().is_none());
            let host = u.host_str().unwrap_or_default();
            prop_assert_eq!(host.to_ascii_lowercase(), host);
            for piece in pieces(&u) {
                let name = piece.split_once('=').map_or(piece.as_str(), |(k, _)| k);
                prop_assert!(!is_tracking_param(name));
            }
            let again = normalize(u.clone()).expect("stays valid");
            prop_assert_eq!(again.as_str(), u.as_str());
        }
    }
}
