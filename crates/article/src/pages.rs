//! Multi-page articles: which link on a page leads to the article's next page, and which to
//! its previous one.
//!
//! A link only counts if its URL *is* the same article at the adjacent page number — same host
//! and path, with a page parameter (`?page=2`, `?hal=2`, `?p=2`) or a trailing page segment
//! (`/2`, `/2/`, `/page/2`). Text such as "Selanjutnya" is not trusted on its own: on most
//! sites it leads to the next *story*.

use url::Url;

/// Query parameters news CMSs use for the page of an article.
const PAGE_PARAMS: &[&str] = &["page", "hal", "halaman", "p", "pg", "paged", "pages"];

/// Highest page number believed: article pagination is short, and a larger trailing number
/// is an id (`/berita/2024`, `/read/123456`).
const MAX_PAGE: u32 = 50;

/// Where an article continues and where it came from.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Pagination {
    pub next: Option<String>,
    pub previous: Option<String>,
}

/// A page URL split into the URL of the whole article and the page number.
#[derive(Debug, PartialEq, Eq)]
struct PageKey {
    base: String,
    number: u32,
}

/// Reads the page number out of `url`. `None` means the URL shows the article on one page
/// ("?page=all", "?single=1"): such a page has no next page.
fn page_key(url: &Url) -> Option<PageKey> {
    let mut url = url.clone();
    url.set_fragment(None);
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut number = None;
    let mut kept = Vec::new();
    for (k, v) in pairs {
        let key = k.to_ascii_lowercase();
        if PAGE_PARAMS.contains(&key.as_str()) {
            match v.parse::<u32>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => number = Some(n),
                _ => return None,
            }
        } else if key == "single" || key == "showall" || key == "all" {
            return None;
        } else {
            kept.push((k, v));
        }
    }
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    if number.is_none() {
        let path = url.path().trim_end_matches('/').to_string();
        let (rest, last) = path.rsplit_once('/').unwrap_or(("", &path));
        let rest_slug = rest.strip_suffix("/page").unwrap_or(rest);
        // Only after a slug ("/buruh-demo-di-kantor/2"): "/berita/12" is story 12.
        if let Ok(n) = last.parse::<u32>()
            && (2..=MAX_PAGE).contains(&n)
            && rest_slug
                .rsplit('/')
                .next()
                .is_some_and(|s| s.contains('-'))
        {
            number = Some(n);
            url.set_path(rest_slug);
        }
    }
    let mut base = url.to_string();
    while base.ends_with('/') {
        base.pop();
    }
    Some(PageKey {
        base: base.to_ascii_lowercase(),
        number: number.unwrap_or(1),
    })
}

/// Picks the next and previous page of the article at `url` among `links` (the `href`s of
/// `<link rel>` and `<a>` elements in document order, relative or absolute: each is resolved
/// against the page once, here).
pub(crate) fn find(url: &str, links: &[String]) -> Pagination {
    let mut out = Pagination::default();
    let Ok(here) = Url::parse(url) else {
        return out;
    };
    let Some(key) = page_key(&here) else {
        return out;
    };
    for href in links {
        let Ok(target) = here.join(href.trim()) else {
            continue;
        };
        let link = target.to_string();
        if target.host_str() != here.host_str() {
            continue;
        }
        let Some(other) = page_key(&target) else {
            continue;
        };
        if other.base != key.base {
            continue;
        }
        if other.number == key.number + 1 && out.next.is_none() {
            out.next = Some(link);
        } else if other.number + 1 == key.number && out.previous.is_none() {
            out.previous = Some(link);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn query_parameter_pages() {
        let p = find(
            "https://kabar.id/read/2024/01/02/123/judul",
            &links(&[
                "https://kabar.id/read/2024/01/02/124/berita-lain",
                "https://kabar.id/read/2024/01/02/123/judul?page=2",
                "https://kabar.id/read/2024/01/02/123/judul?page=3",
            ]),
        );
        assert_eq!(
            p.next.as_deref(),
            Some("https://kabar.id/read/2024/01/02/123/judul?page=2")
        );
        assert_eq!(p.previous, None);
        let p = find(
            "https://kabar.id/read/2024/01/02/123/judul?page=2",
            &links(&[
                "https://kabar.id/read/2024/01/02/123/judul",
                "https://kabar.id/read/2024/01/02/123/judul?page=3",
            ]),
        );
        assert_eq!(
            p.previous.as_deref(),
            Some("https://kabar.id/read/2024/01/02/123/judul")
        );
        assert_eq!(
            p.next.as_deref(),
            Some("https://kabar.id/read/2024/01/02/123/judul?page=3")
        );
    }

    #[test]
    fn relative_links_are_resolved_against_the_page() {
        let p = find(
            "https://kabar.id/read/123/judul",
            &links(&["/read/124/lain", "judul?page=2", "?page=3"]),
        );
        assert_eq!(
            p.next.as_deref(),
            Some("https://kabar.id/read/123/judul?page=2")
        );
    }

    #[test]
    fn path_segment_pages() {
        let p = find(
            "https://portal.id/buruh-demo-di-kantor-gubernur/",
            &links(&["https://portal.id/buruh-demo-di-kantor-gubernur/2/"]),
        );
        assert!(p.next.is_some());
        let p = find(
            "https://portal.id/buruh-demo/page/2",
            &links(&[
                "https://portal.id/buruh-demo",
                "https://portal.id/buruh-demo/page/3",
            ]),
        );
        assert_eq!(p.previous.as_deref(), Some("https://portal.id/buruh-demo"));
        assert_eq!(
            p.next.as_deref(),
            Some("https://portal.id/buruh-demo/page/3")
        );
    }

    #[test]
    fn other_stories_and_whole_article_views_are_not_pages() {
        // "Berita selanjutnya" to another story, an id that looks like a number, other hosts.
        let p = find(
            "https://portal.id/read/2024/buruh-demo",
            &links(&[
                "https://portal.id/read/2024/mogok-kerja",
                "https://portal.id/read/2025",
                "https://lain.id/read/2024/buruh-demo?page=2",
            ]),
        );
        assert_eq!(p, Pagination::default());
        let p = find(
            "https://portal.id/berita/12",
            &links(&["https://portal.id/berita/13", "https://portal.id/berita/11"]),
        );
        assert_eq!(p, Pagination::default());
        let p = find(
            "https://portal.id/read/buruh-demo?page=all",
            &links(&["https://portal.id/read/buruh-demo?page=2"]),
        );
        assert_eq!(p, Pagination::default());
    }
}
