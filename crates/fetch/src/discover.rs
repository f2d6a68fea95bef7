//! Finding more URLs in what was fetched: sitemap indexes, sitemaps (plain, `.xml.gz`, Google
//! News), RSS and Atom feeds, and HTML pages (links, `rel=canonical`, feed links, pagination).
//!
//! Parsers here never fail: a broken document yields the links read before the damage, because a
//! crawler should keep what it can from a half-valid sitemap rather than drop the site.

use std::io::Read;

use encoding_rs::Encoding;
use quick_xml::events::Event;
use scraper::{Html, Selector};

/// Decompressed sitemaps larger than this are cut (the sitemap protocol caps files at 50 MB).
const MAX_XML_BYTES: u64 = 50 * 1024 * 1024;

/// A URL listed by a sitemap or feed, with its modification time when the document gave one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub url: String,
    pub lastmod: Option<String>,
}

/// What an XML document (sitemap, sitemap index, RSS, Atom) lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XmlLinks {
    /// Pages (sitemap `<url>`, feed items).
    pub pages: Vec<Listed>,
    /// Child sitemaps of a sitemap index.
    pub sitemaps: Vec<Listed>,
}

/// Undoes gzip when the bytes are gzip (a `.xml.gz` sitemap served as a file, not as a
/// content-coding), capped against bombs.
pub fn gunzip_if_needed(bytes: &[u8]) -> Vec<u8> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        let _ = flate2::read::GzDecoder::new(bytes)
            .take(MAX_XML_BYTES)
            .read_to_end(&mut out);
        out
    } else {
        bytes.to_vec()
    }
}

/// Reads the links of a sitemap, sitemap index, RSS or Atom document.
pub fn parse_xml(bytes: &[u8]) -> XmlLinks {
    let bytes = gunzip_if_needed(bytes);
    let mut reader = quick_xml::Reader::from_reader(&bytes[..]);
    reader.config_mut().trim_text(true);
    let mut out = XmlLinks::default();
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut loc: Option<String> = None;
    let mut lastmod: Option<String> = None;
    let mut buf = Vec::new();
    while let Ok(event) = reader.read_event_into(&mut buf) {
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if name == "link" {
                    atom_link(&e, &stack, &mut out);
                }
                if matches!(name.as_str(), "url" | "sitemap" | "item" | "entry") {
                    loc = None;
                    lastmod = None;
                }
                stack.push(name);
                text.clear();
            }
            Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if name == "link" {
                    atom_link(&e, &stack, &mut out);
                }
            }
            Event::Text(t) => {
                if let Ok(s) = t.decode() {
                    text.push_str(&s);
                }
            }
            Event::CData(t) => {
                if let Ok(s) = t.decode() {
                    text.push_str(&s);
                }
            }
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    let name = String::from_utf8_lossy(&r).into_owned();
                    text.push_str(match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(_) => {
                let Some(name) = stack.pop() else { break };
                let parent = stack.last().map(String::as_str).unwrap_or("");
                let value = text.trim().to_string();
                match (parent, name.as_str()) {
                    ("url" | "sitemap", "loc") | ("item", "link") => loc = Some(value),
                    ("url" | "sitemap", "lastmod") | ("news", "publication_date") => {
                        lastmod = lastmod.or(Some(value))
                    }
                    (_, "url" | "item") => {
                        if let Some(url) = loc.take() {
                            out.pages.push(Listed {
                                url,
                                lastmod: lastmod.take(),
                            });
                        }
                    }
                    (_, "sitemap") => {
                        if let Some(url) = loc.take() {
                            out.sitemaps.push(Listed {
                                url,
                                lastmod: lastmod.take(),
                            });
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

/// An Atom `<entry><link href rel="alternate"?>` is the entry's page.
fn atom_link(e: &quick_xml::events::BytesStart<'_>, stack: &[String], out: &mut XmlLinks) {
    if stack.last().map(String::as_str) != Some("entry") {
        return;
    }
    let mut href = None;
    let mut rel = None;
    for attr in e.attributes().flatten() {
        let value = attr
            .unescape_value()
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match attr.key.local_name().as_ref() {
            b"href" => href = Some(value),
            b"rel" => rel = Some(value),
            _ => {}
        }
    }
    if let (Some(url), None | Some("alternate")) = (href, rel.as_deref()) {
        out.pages.push(Listed { url, lastmod: None });
    }
}

/// What an HTML page points at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlLinks {
    /// `<a href>` targets, as written (resolve against `base` or the page URL).
    pub links: Vec<String>,
    pub canonical: Option<String>,
    /// `<link rel=alternate type=application/rss+xml|atom+xml>`.
    pub feeds: Vec<String>,
    /// `<base href>`, when present.
    pub base: Option<String>,
    /// `<meta name=robots content=nofollow>`: the page asks crawlers not to follow its links.
    pub nofollow: bool,
}

/// Reads the links of an HTML page (decoded with [`decode_html`]).
pub fn parse_html(html: &str) -> HtmlLinks {
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).ok();
    let mut out = HtmlLinks::default();
    if let Some(s) = sel("meta[name]") {
        out.nofollow = doc.select(&s).any(|m| {
            m.value()
                .attr("name")
                .is_some_and(|n| n.eq_ignore_ascii_case("robots"))
                && m.value()
                    .attr("content")
                    .is_some_and(|c| c.to_ascii_lowercase().contains("nofollow"))
        });
    }
    if let Some(s) = sel("base[href]") {
        out.base = doc
            .select(&s)
            .next()
            .and_then(|b| b.value().attr("href"))
            .map(str::to_string);
    }
    if let Some(s) = sel("link[rel][href]") {
        for l in doc.select(&s) {
            let rel = l.value().attr("rel").unwrap_or("").to_ascii_lowercase();
            let href = l.value().attr("href").unwrap_or("").to_string();
            let ty = l.value().attr("type").unwrap_or("").to_ascii_lowercase();
            if rel.split_ascii_whitespace().any(|r| r == "canonical") && out.canonical.is_none() {
                out.canonical = Some(href);
            } else if rel.split_ascii_whitespace().any(|r| r == "alternate")
                && (ty.contains("rss") || ty.contains("atom"))
            {
                out.feeds.push(href);
            } else if rel.split_ascii_whitespace().any(|r| r == "next") {
                out.links.push(href);
            }
        }
    }
    if !out.nofollow
        && let Some(s) = sel("a[href]")
    {
        out.links.extend(
            doc.select(&s)
                .filter_map(|a| a.value().attr("href"))
                .map(str::to_string),
        );
    }
    out
}

/// Decodes an HTML body: BOM first, then the `charset` of the Content-Type header, then a
/// `<meta charset>` in the first 1024 bytes, then a guess (chardetng) — the order browsers use.
pub fn decode_html(body: &[u8], content_type: Option<&str>) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(body) {
        return enc.decode_without_bom_handling(&body[bom..]).0.into_owned();
    }
    let declared = content_type
        .and_then(charset_param)
        .or_else(|| meta_charset(&body[..body.len().min(1024)]))
        .and_then(|label| Encoding::for_label(label.as_bytes()));
    let enc = declared.unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(body, true);
        det.guess(None, chardetng::Utf8Detection::Allow)
    });
    enc.decode_without_bom_handling(body).0.into_owned()
}

fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

fn meta_charset(head: &[u8]) -> Option<String> {
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = lower[at..].trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sitemap_index_sitemap_and_google_news() {
        let index = br#"<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://a.id/sm-1.xml.gz</loc><lastmod>2025-03-01</lastmod></sitemap>
<sitemap><loc>https://a.id/sm-2.xml</loc></sitemap></sitemapindex>"#;
        let links = parse_xml(index);
        assert_eq!(links.sitemaps.len(), 2);
        assert_eq!(links.sitemaps[0].lastmod.as_deref(), Some("2025-03-01"));

        let news = br#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://a.id/berita?id=1&amp;p=2</loc><news:news><news:publication_date>2025-03-02T10:00:00+07:00</news:publication_date><news:title>T</news:title></news:news></url>
<url><loc><![CDATA[https://a.id/b]]></loc><lastmod>2025-03-03</lastmod></url></urlset>"#;
        let links = parse_xml(news);
        assert_eq!(
            links.pages,
            vec![
                Listed {
                    url: "https://a.id/berita?id=1&p=2".into(),
                    lastmod: Some("2025-03-02T10:00:00+07:00".into())
                },
                Listed {
                    url: "https://a.id/b".into(),
                    lastmod: Some("2025-03-03".into())
                }
            ]
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, news).unwrap();
        assert_eq!(parse_xml(&gz.finish().unwrap()).pages.len(), 2);
    }

    #[test]
    fn reads_rss_and_atom_and_survives_garbage() {
        let rss = br#"<rss version="2.0"><channel><link>https://a.id/</link><item><title>x</title><link>https://a.id/1</link></item><item><link>https://a.id/2</link></item></channel></rss>"#;
        let urls: Vec<_> = parse_xml(rss).pages.into_iter().map(|l| l.url).collect();
        assert_eq!(urls, vec!["https://a.id/1", "https://a.id/2"]);
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://a.id/"/><entry><link rel="self" href="https://a.id/e.xml"/><link href="https://a.id/3"/></entry></feed>"#;
        let urls: Vec<_> = parse_xml(atom).pages.into_iter().map(|l| l.url).collect();
        assert_eq!(urls, vec!["https://a.id/3"]);
        assert_eq!(parse_xml(b"\x00\xffnot xml <<<"), XmlLinks::default());
        assert_eq!(
            parse_xml(b"<urlset><url><loc>https://a.id/x</loc></url><url><loc>tor")
                .pages
                .len(),
            1
        );
    }

    #[test]
    fn reads_html_links_canonical_and_feeds() {
        let html = r#"<html><head><link rel="canonical" href="/c"><link rel="alternate" type="application/rss+xml" href="/feed/">
<link rel="next" href="?page=2"></head><body><a href="/a">a</a><a href="b">b</a></body></html>"#;
        let l = parse_html(html);
        assert_eq!(l.canonical.as_deref(), Some("/c"));
        assert_eq!(l.feeds, vec!["/feed/"]);
        assert_eq!(l.links, vec!["?page=2", "/a", "b"]);
        let nf =
            parse_html(r#"<meta name="robots" content="noindex, nofollow"><a href="/x">x</a>"#);
        assert!(nf.nofollow && nf.links.is_empty());
    }

    #[test]
    fn decodes_by_bom_header_meta_and_guess() {
        let cp1252 = b"<p>caf\xe9 \x93kutip\x94</p>";
        assert_eq!(
            decode_html(cp1252, Some("text/html; charset=windows-1252")),
            "<p>caf\u{e9} \u{201c}kutip\u{201d}</p>"
        );
        let meta = b"<meta charset=\"windows-1252\"><p>caf\xe9</p>";
        assert!(decode_html(meta, Some("text/html")).contains("caf\u{e9}"));
        assert_eq!(decode_html(b"\xef\xbb\xbfhai", None), "hai");
        assert!(decode_html("Rp 5.000 – naik".as_bytes(), None).contains('–'));
    }
}
