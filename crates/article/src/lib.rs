//! warta-article: raw HTML of an Indonesian news page → clean article (title, dates, authors,
//! body text).
//!
//! The body feeds the event extractor, so every line of boilerplate that leaks in becomes a
//! potential false participant; the extractor is therefore conservative about *furniture*
//! (navigation, related lists, captions, credits, comment forms) and generous about prose.
//! Nothing here is site-specific: the container is chosen by text/link density scoring and
//! cleaned with a vocabulary of Indonesian (and English) page furniture.
//!
//! Pure functions only: no I/O, no clock, no mutable global state.

mod body;
mod dates;
mod decode;
mod dom;
mod meta;
mod pages;
mod prepare;
mod rules;
mod text;

use std::sync::LazyLock;

use regex::Regex;
use scraper::Html;
use warta_model::{Author, Timestamp};

pub use decode::decode_html;
pub use rules::{RuleError, SiteRules};

use crate::dom::{BlockKind, Doc};
use crate::text::{fold, normalize_ws, word_count};

/// Pages larger than this are refused: a news article is never this big, and parsing a
/// multi-hundred-megabyte blob would stall the pipeline.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The clean article as the pipeline stores it (see `warta_model::Article`).
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedArticle {
    /// Headline, without the " | Site" / " - Site" suffix of `<title>`.
    pub title: String,
    /// With the page's own offset (WIB +07, WITA +08, WIT +09); WIB when the page gives none.
    pub published: Option<Timestamp>,
    pub modified: Option<Timestamp>,
    /// Authors, reporters and editors; never photographers or generic site names.
    pub authors: Vec<Author>,
    /// Body paragraphs in document order joined by `"\n\n"`.
    pub text: String,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    /// Primary language subtag from `<html lang>` (`"id"` for `id-ID`).
    pub lang: Option<String>,
    /// The URL of this article's next page when it is split over several pages: the caller
    /// that has that page appends its text (see [`ExtractedArticle::append_page`]).
    pub next_page: Option<String>,
    /// The URL of the previous page when this page continues an article.
    pub previous_page: Option<String>,
}

impl ExtractedArticle {
    /// Stitches the following page of a multi-page article onto this one: its paragraphs are
    /// appended (those repeated from this page, such as a lead repeated on every page, once),
    /// and its own next page becomes this article's.
    pub fn append_page(&mut self, next: ExtractedArticle) {
        let have: std::collections::HashSet<&str> = self.text.split("\n\n").collect();
        let fresh: Vec<&str> = next
            .text
            .split("\n\n")
            .filter(|p| !have.contains(p))
            .collect();
        let fresh = fresh.join("\n\n");
        if !fresh.is_empty() {
            self.text.push_str("\n\n");
            self.text.push_str(&fresh);
        }
        for a in next.authors {
            if !self.authors.contains(&a) {
                self.authors.push(a);
            }
        }
        self.next_page = next.next_page;
    }
}

/// Why a page could not be turned into an article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ArticleError {
    /// The response is not an HTML document (image, PDF, JSON, binary).
    #[error("not an HTML document")]
    NotHtml,
    /// The page parsed but has no article text (listing page, empty shell, JS-only app).
    #[error("no article content found at {url}")]
    NoContent { url: String },
    /// The body exceeds [`MAX_BYTES`].
    #[error("page too large: {bytes} bytes")]
    TooLarge { bytes: usize },
}

/// Extract from raw HTTP bytes; `content_type` is the Content-Type header value if known.
pub fn extract_bytes(
    body: &[u8],
    content_type: Option<&str>,
    url: &str,
) -> Result<ExtractedArticle, ArticleError> {
    extract_bytes_with(body, content_type, url, &SiteRules::default())
}

/// [`extract_bytes`] with a site's own rules from the crawl configuration.
pub fn extract_bytes_with(
    body: &[u8],
    content_type: Option<&str>,
    url: &str,
    rules: &SiteRules,
) -> Result<ExtractedArticle, ArticleError> {
    if body.len() > MAX_BYTES {
        return Err(ArticleError::TooLarge { bytes: body.len() });
    }
    if let Some(ct) = content_type {
        let mime = ct
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let htmlish = mime.is_empty()
            || mime.contains("html")
            || mime.contains("xml")
            || mime == "text/plain"
            || mime == "application/octet-stream";
        if !htmlish {
            return Err(ArticleError::NotHtml);
        }
    }
    let text = decode::decode_html_cow(body, content_type);
    extract_with(&text, url, rules)
}

/// Extract from an already decoded HTML document.
pub fn extract(html: &str, url: &str) -> Result<ExtractedArticle, ArticleError> {
    extract_with(html, url, &SiteRules::default())
}

/// [`extract`] with a site's own rules: where they match they replace the generic choice of
/// body and title; where they do not, the generic algorithm decides.
pub fn extract_with(
    html: &str,
    url: &str,
    rules: &SiteRules,
) -> Result<ExtractedArticle, ArticleError> {
    if html.len() > MAX_BYTES {
        return Err(ArticleError::TooLarge { bytes: html.len() });
    }
    if looks_binary(html) {
        return Err(ArticleError::NotHtml);
    }
    let html = if std::env::var_os("WARTA_NOPREP").is_some() {
        std::borrow::Cow::Borrowed(html)
    } else {
        prepare::prepare(html)
    };
    let doc_html = Html::parse_document(&html);
    let dropped: rustc_hash::FxHashSet<ego_tree::NodeId> = rules
        .drop
        .iter()
        .flat_map(|s| doc_html.select(s).map(|e| e.id()))
        .collect();
    let doc = dom::build(&doc_html, &dropped);
    let meta = meta::read(&doc_html);
    let site_name = site_name(&meta);
    let site_keys = site_keys(url, site_name.as_deref());

    let roots = match ruled_roots(&doc_html, &doc, rules) {
        Some(r) => r,
        None => body::select_roots(&doc),
    };
    let paras = body::collect(&doc, &roots);
    let title = rules
        .title
        .as_ref()
        .and_then(|sel| doc_html.select(sel).next())
        .map(|el| normalize_ws(&el.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| choose_title(&doc, &meta, &site_keys));

    let mut raw_authors: Vec<Author> = Vec::new();
    if let Some(ld) = &meta.ld {
        raw_authors.extend(ld.authors.iter().map(|n| Author {
            name: n.clone(),
            role: warta_model::AuthorRole::Author,
        }));
        raw_authors.extend(ld.editors.iter().map(|n| Author {
            name: n.clone(),
            role: warta_model::AuthorRole::Editor,
        }));
    }
    let kept = clean_paras(paras, &title, &mut raw_authors);
    let first_body_block = kept.first().map_or(usize::MAX, |(b, _)| *b);
    let last_body_block = kept
        .iter()
        .map(|(b, _)| *b)
        .filter(|b| *b != usize::MAX)
        .max();
    let mut lines: Vec<String> = kept.into_iter().map(|(_, t)| t).collect();
    raw_authors.extend(page_bylines(&doc_html, &doc));
    if first_body_block != usize::MAX
        && let Some(last) = last_body_block
    {
        raw_authors.extend(labelled_credits(&doc, first_body_block, last));
    }
    if let Some(a) = meta.get(&[
        "author",
        "article:author",
        "content_author",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
    ]) && !a.starts_with("http")
    {
        raw_authors.extend(meta::parse_byline(&format!("oleh {a}")).unwrap_or_default());
    }
    if let Some(e) = meta.get(&["content_editor", "article:editor"])
        && !e.starts_with("http")
    {
        raw_authors.extend(meta::parse_byline(&format!("editor {e}")).unwrap_or_default());
    }

    // JSON-LD articleBody is a cross-check: used when the DOM gave clearly less text
    // (JS-rendered bodies, paywalled teasers).
    if let Some(ld_body) = meta.ld.as_ref().and_then(|l| l.body.as_deref()) {
        let ours = word_count(&lines.join(" "));
        let theirs = word_count(ld_body);
        if theirs >= 40 && ours * 2 < theirs {
            let ld_paras: Vec<body::Para> = ld_body
                .split(['\n', '\r'])
                .map(normalize_ws)
                .filter(|l| !l.is_empty())
                .map(|text| body::Para {
                    block: usize::MAX,
                    text,
                    kind: BlockKind::Para,
                })
                .collect();
            let mut extra = Vec::new();
            lines = clean_paras(ld_paras, &title, &mut extra)
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            raw_authors.extend(extra);
        }
    }

    if raw_authors.is_empty()
        && let Some(name) = lines.last().and_then(|l| sign_off(l))
    {
        raw_authors.push(Author {
            name,
            role: warta_model::AuthorRole::Reporter,
        });
    }
    let text = lines.join("\n\n");
    if text.trim().is_empty() {
        return Err(ArticleError::NoContent {
            url: url.to_string(),
        });
    }

    let (published, modified) = choose_dates(&doc_html, &doc, &meta, url, first_body_block);
    let authors = meta::clean_authors(raw_authors, &site_keys);
    let canonical_url = meta
        .canonical
        .as_deref()
        .or_else(|| meta.get(&["og:url"]))
        .or_else(|| meta.ld.as_ref().and_then(|l| l.url.as_deref()))
        .and_then(|c| resolve(url, c));
    let pagination = pages::find(url, &meta.page_links);
    Ok(ExtractedArticle {
        next_page: pagination.next,
        previous_page: pagination.previous,
        title,
        published,
        modified,
        authors,
        text,
        canonical_url,
        site_name,
        lang: meta.lang.clone(),
    })
}

/// The body roots a site rule names, outermost only, or `None` when no rule matches.
fn ruled_roots(html: &Html, doc: &Doc, rules: &SiteRules) -> Option<Vec<usize>> {
    let mut roots: Vec<usize> = rules
        .body
        .iter()
        .flat_map(|s| html.select(s))
        .filter_map(|e| doc.index.get(&e.id()).copied())
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let inside_another = |i: usize| {
        let mut p = doc.els[i].parent;
        while let Some(x) = p {
            if roots.binary_search(&x).is_ok() {
                return true;
            }
            p = doc.els[x].parent;
        }
        false
    };
    let outer: Vec<usize> = roots
        .iter()
        .copied()
        .filter(|&i| !inside_another(i))
        .collect();
    (!outer.is_empty()).then_some(outer)
}

/// A decoded "page" full of NULs or control bytes is not HTML, whatever the header said.
fn looks_binary(s: &str) -> bool {
    let head: Vec<char> = s.chars().take(2048).collect();
    if head.is_empty() {
        return false;
    }
    let bad = head
        .iter()
        .filter(|&&c| c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')))
        .count();
    bad * 10 > head.len()
}

fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match url::Url::parse(base) {
        Ok(b) => b.join(href).ok().map(|u| u.to_string()),
        Err(_) => url::Url::parse(href).ok().map(|u| u.to_string()),
    }
}

fn site_name(meta: &meta::Meta) -> Option<String> {
    meta.get(&[
        "og:site_name",
        "application-name",
        "twitter:site",
        "publisher",
    ])
    .map(|s| s.trim_start_matches('@').to_string())
    .or_else(|| meta.ld.as_ref().and_then(|l| l.publisher.clone()))
    .filter(|s| !s.is_empty())
}

/// Folded strings that identify the outlet (host labels, site name), used to strip title
/// suffixes and to refuse the outlet as an author.
fn site_keys(url: &str, site: Option<&str>) -> Vec<String> {
    let mut keys = Vec::new();
    if let Ok(u) = url::Url::parse(url)
        && let Some(host) = u.host_str()
    {
        const GENERIC: &[&str] = &[
            "www", "m", "com", "co", "id", "go", "or", "ac", "net", "org", "web", "news", "amp",
            "sch", "my", "desa", "info", "biz",
        ];
        for label in host.split('.') {
            let l = label.to_ascii_lowercase();
            if l.len() >= 3 && !GENERIC.contains(&l.as_str()) {
                keys.push(fold(&l));
            }
        }
        keys.push(fold(host.trim_start_matches("www.")));
    }
    if let Some(s) = site {
        keys.push(fold(s));
    }
    keys.retain(|k| k.len() >= 3);
    keys
}

// ---------------------------------------------------------------------------------------------
// Title

const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " • ", " ~ ", " / ",
];

/// All ways of cutting whole separator-delimited segments off the start or end of a title.
fn title_variants(t: &str) -> Vec<String> {
    let mut parts: Vec<(usize, usize)> = Vec::new(); // segment byte ranges
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in TITLE_SEPARATORS {
        let mut from = 0;
        while let Some(i) = t[from..].find(sep) {
            cuts.push((from + i, from + i + sep.len()));
            from += i + sep.len();
        }
    }
    cuts.sort_unstable();
    let mut start = 0;
    for (a, b) in &cuts {
        if *a >= start {
            parts.push((start, *a));
            start = *b;
        }
    }
    parts.push((start, t.len()));
    let mut out = Vec::new();
    for i in 0..parts.len() {
        for j in i..parts.len() {
            if i == 0 && j == parts.len() - 1 {
                continue;
            }
            out.push(t[parts[i].0..parts[j].1].trim().to_string());
        }
    }
    out
}

/// Strip a site-name segment from a `<title>` when no other source says which part is the
/// headline.
fn strip_site(t: &str, site_keys: &[String]) -> String {
    let is_site = |seg: &str| {
        let f = fold(seg);
        !f.is_empty()
            && (site_keys
                .iter()
                .any(|k| k == &f || (f.len() >= 4 && k.contains(&f)) || f.contains(k.as_str()))
                || seg.contains(".com")
                || seg.contains(".co.id")
                || seg.contains(".go.id")
                || seg.to_lowercase().starts_with("pemerintah ")
                || seg.to_lowercase().starts_with("portal ")
                || seg.to_lowercase().starts_with("website "))
    };
    // "KapanLagi.com: Judul" — a colon only separates when the head is the outlet.
    if let Some((head, tail)) = t.split_once(": ")
        && is_site(head)
        && word_count(tail) >= 2
    {
        return tail.trim().to_string();
    }
    for sep in TITLE_SEPARATORS {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            if is_site(tail)
                || (word_count(tail) <= 3
                    && word_count(head) >= 4
                    && word_count(head) > word_count(tail) * 2)
            {
                return head.trim().to_string();
            }
        }
        if let Some(i) = t.find(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            if is_site(head) && word_count(tail) >= 2 {
                return tail.trim().to_string();
            }
        }
    }
    t.trim().to_string()
}

fn choose_title(doc: &Doc, meta: &meta::Meta, site_keys: &[String]) -> String {
    // (text, priority, is a page-level string that may carry a site suffix)
    let mut cands: Vec<(String, bool)> = Vec::new();
    if let Some(h) = meta.ld.as_ref().and_then(|l| l.headline.clone()) {
        cands.push((h, true));
    }
    for k in ["og:title", "twitter:title", "title", "dc.title", "headline"] {
        if let Some(v) = meta.get(&[k]) {
            cands.push((v.to_string(), true));
        }
    }
    let mut in_page = 0;
    for b in &doc.blocks {
        if in_page >= 8 {
            break;
        }
        let Some(owner) = doc.els.get(b.owner) else {
            continue;
        };
        let titled = matches!(b.kind, BlockKind::Heading(1))
            || owner
                .class_id
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|t| matches!(t, "title" | "judul" | "headline" | "jdl"));
        let n = b.text.chars().count();
        if titled && (8..=300).contains(&n) && b.link_chars * 2 < n {
            cands.push((b.text.clone(), false));
            in_page += 1;
        }
    }
    let title_tag = meta.title_tag.clone().unwrap_or_default();
    let tag_variants = title_variants(&title_tag);
    let folded: Vec<String> = cands.iter().map(|(t, _)| fold(t)).collect();
    let mut best: Option<(usize, usize, String)> = None; // (support, -priority via index, text)
    for (i, (t, page_level)) in cands.iter().enumerate() {
        let f = &folded[i];
        if f.is_empty() {
            continue;
        }
        // A page-level title may itself carry the suffix; prefer the agreeing variant.
        let mut text = t.clone();
        if *page_level {
            for v in title_variants(t) {
                let fv = fold(&v);
                if folded.iter().enumerate().any(|(j, o)| j != i && *o == fv) {
                    text = v;
                    break;
                }
            }
            if text == *t {
                text = strip_site(t, site_keys);
            }
        }
        let ft = fold(&text);
        let mut support = folded
            .iter()
            .enumerate()
            .filter(|(j, o)| *j != i && **o == ft)
            .count();
        if fold(&title_tag) == ft || tag_variants.iter().any(|v| fold(v) == ft) {
            support += 1;
        }
        if best.as_ref().is_none_or(|(s, _, _)| support > *s) {
            best = Some((support, i, text));
        }
    }
    if let Some((_, _, t)) = best {
        return t;
    }
    // Nothing but <title>: if a variant equals an in-page text, it was handled above; else strip.
    strip_site(&title_tag, site_keys)
}

// ---------------------------------------------------------------------------------------------
// Body post-processing

/// A reporter's full name in brackets closing the last paragraph ("… di luar negeri. [Siti
/// Rahma]"), the sign-off of pages that print no byline. Initials ("(rhm)", "[lav/lav]") are
/// not names and stay text only.
static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\[(]\s*(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,3})\s*[\])]\s*$")
        .expect("static regex is valid")
});

/// Words of an office or of a news outlet, never of a reporter's name, in a closing bracket
/// ("(Humas Pemkot)", "[Sumber Antara]", "[Anadolu Agency]", "[The Next Web]").
const NOT_A_REPORTER: &[&str] = &[
    "the",
    "agency",
    "post",
    "web",
    "news",
    "times",
    "daily",
    "journal",
    "press",
    "tribune",
    "herald",
    "guardian",
    "today",
    "online",
    "media",
    "tv",
    "channel",
    "reuters",
    "bloomberg",
    "arabiya",
    "jazeera",
    "kantor",
    "berita",
    "humas",
    "dok",
    "dokumentasi",
    "foto",
    "sumber",
    "antara",
    "tim",
    "redaksi",
    "pemkot",
    "pemkab",
    "pemprov",
    "diskominfo",
    "kominfo",
    "rilis",
    "setda",
    "biro",
    "bagian",
    "dinas",
];

fn sign_off(last: &str) -> Option<String> {
    let name = SIGN_OFF.captures(last)?.get(1)?.as_str();
    let official = name
        .split_whitespace()
        .any(|w| NOT_A_REPORTER.contains(&w.to_lowercase().as_str()));
    (!official).then(|| name.to_string())
}

static INITIALS_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(\s*[\p{L}./ ]{1,20}\s*\)$").expect("static regex is valid"));

/// Remove credit lines (collecting their authors), bylines, date lines and the repeated
/// headline from the paragraphs; keep "(wib)"-style initials.
fn clean_paras(
    paras: Vec<body::Para>,
    title: &str,
    authors: &mut Vec<Author>,
) -> Vec<(usize, String)> {
    let ft = fold(title);
    let n = paras.len();
    let mut out = Vec::with_capacity(n);
    for (i, p) in paras.into_iter().enumerate() {
        let t = p.text;
        if INITIALS_ONLY.is_match(&t) {
            out.push((p.block, t));
            continue;
        }
        if let Some(a) = meta::parse_credit_block(&t) {
            authors.extend(a);
            continue;
        }
        let near_edge = i < 3 || i + 3 >= n;
        if near_edge
            && t.chars().count() <= 80
            && let Some(a) = meta::parse_byline(&t)
            && !a.is_empty()
        {
            authors.extend(a);
            continue;
        }
        // "ISTANBUL, 23 Februari 2016 (Antara) --" alone in a block is the story's own dateline
        // (place and wire source) cut off from the lead by markup, not a page date strip.
        let story_dateline = i < 3 && t.trim_end().ends_with(['-', '–', '—']);
        if near_edge && !story_dateline && dates::is_date_line(&t) {
            continue;
        }
        if !ft.is_empty() && fold(&t) == ft {
            continue;
        }
        out.push((p.block, t));
    }
    out
}

/// Byline elements (class/id/itemprop/rel naming the author) outside related lists and
/// comment sections.
fn page_bylines(html: &Html, doc: &Doc) -> Vec<Author> {
    let mut out = Vec::new();
    let mut seen = 0;
    for (i, e) in doc.els.iter().enumerate() {
        if seen >= 6 {
            break;
        }
        let byline_class = e
            .class_id
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|t| {
                matches!(
                    t,
                    "author"
                        | "byline"
                        | "penulis"
                        | "reporter"
                        | "writer"
                        | "editor"
                        | "redaktur"
                        | "pewarta"
                )
            })
            || e.class_id.contains("author-name")
            || e.class_id.contains("authorname");
        let node = html.tree.get(e.node);
        let el = node.as_ref().and_then(|n| n.value().as_element());
        let attr_byline = el.is_some_and(|el| {
            el.attr("itemprop")
                .is_some_and(|v| v.eq_ignore_ascii_case("author"))
                || el
                    .attr("rel")
                    .is_some_and(|v| v.eq_ignore_ascii_case("author"))
        });
        if !(byline_class || attr_byline) || e.text_len == 0 || e.text_len > 150 {
            continue;
        }
        if in_byline_furniture(doc, i) {
            continue;
        }
        seen += 1;
        let Some(er) = node.and_then(scraper::ElementRef::wrap) else {
            continue;
        };
        let text = normalize_ws(&er.text().collect::<Vec<_>>().join(" "));
        let role_hint = if e.class_id.contains("editor") || e.class_id.contains("redaktur") {
            Some(warta_model::AuthorRole::Editor)
        } else if e.class_id.contains("reporter") || e.class_id.contains("pewarta") {
            Some(warta_model::AuthorRole::Reporter)
        } else {
            None
        };
        let parsed = meta::parse_byline(&text).or_else(|| {
            // Bare name inside an author element.
            let name = text
                .split(['|', '•', '·'])
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            meta::looks_like_name(&name).then(|| {
                vec![Author {
                    name,
                    role: warta_model::AuthorRole::Author,
                }]
            })
        });
        for mut a in parsed.unwrap_or_default() {
            if let Some(r) = role_hint
                && a.role == warta_model::AuthorRole::Author
            {
                a.role = r;
            }
            out.push(a);
        }
    }
    out
}

/// Blocks before the body's first block and after its last that may hold the credit line;
/// further away lie other stories' teasers, whose "Penulis X" lines are not ours.
const CREDIT_WINDOW_BEFORE: usize = 60;
const CREDIT_WINDOW_AFTER: usize = 40;

/// Credit lines recognised by their label rather than by class names: a short block that
/// starts with "Penulis"/"Editor"/"Reporter"/"Pewarta"... ("Penulis <a>Nama</a>",
/// "<span>Editor:</span> Nama", "| Editor Nama"), or a block that is only the label with the
/// name in the block right after it (`<div>By</div> <a>Nama</a>`).
fn labelled_credits(doc: &Doc, first_body: usize, last_body: usize) -> Vec<Author> {
    let lo = first_body.saturating_sub(CREDIT_WINDOW_BEFORE);
    let hi = last_body.saturating_add(CREDIT_WINDOW_AFTER);
    let mut out = Vec::new();
    let mut hits = 0;
    for (bi, b) in doc.blocks.iter().enumerate().take(hi + 1).skip(lo) {
        if hits >= 8 {
            break;
        }
        let t = b.text.trim();
        if t.chars().count() > 100 {
            continue;
        }
        let label = meta::label_only(t);
        if label.is_none() && !meta::starts_with_credit_label(t) {
            continue;
        }
        if in_byline_furniture(doc, b.owner) {
            continue;
        }
        hits += 1;
        let line = match label {
            Some(label) => {
                // The name must sit right beside the label: in the same small box.
                let Some(next) = doc.blocks.get(bi + 1) else {
                    continue;
                };
                let scope = doc.ancestors(b.owner).nth(1).unwrap_or(b.owner);
                let near = (scope..=doc.els[scope].end).contains(&next.owner);
                if !near || next.text.chars().count() > 80 {
                    continue;
                }
                format!("{label} {}", next.text)
            }
            None => t.to_string(),
        };
        // "Editor Pick", "Penulis Lainnya": section headings, not credits.
        const NOT_NAMES: &[&str] = &[
            "pick",
            "picks",
            "pilihan",
            "choice",
            "lainnya",
            "terpopuler",
            "populer",
            "terkait",
            "terbaru",
            "tamu",
        ];
        out.extend(
            meta::parse_byline(&line)
                .unwrap_or_default()
                .into_iter()
                .filter(|a| {
                    let first = a.name.split_whitespace().next().unwrap_or_default();
                    !NOT_NAMES.contains(&first.to_lowercase().as_str())
                }),
        );
    }
    out
}

/// [`in_furniture_region`] for credit lines: an article's own `<footer>`/`<header>` (inside
/// `<article>`) is where many themes print "oleh Nama", so it does not count as page furniture.
fn in_byline_furniture(doc: &Doc, i: usize) -> bool {
    let inside_article = doc
        .ancestors(i)
        .take(60)
        .any(|a| doc.els[a].tag == "article");
    furniture_region(doc, i, !inside_article)
}

/// Inside an aside/nav/footer, a related list, a comment section or a sidebar?
fn in_furniture_region(doc: &Doc, i: usize) -> bool {
    furniture_region(doc, i, true)
}

fn furniture_region(doc: &Doc, i: usize, footer_counts: bool) -> bool {
    doc.ancestors(i).take(60).any(|a| {
        let e = &doc.els[a];
        matches!(e.tag.as_str(), "aside" | "nav" | "form")
            || (footer_counts && e.tag == "footer")
            || [
                "related",
                "terkait",
                "comment",
                "komentar",
                "populer",
                "popular",
                "widget",
                "sidebar",
                "rekomendasi",
                "lainnya",
                "terkini",
                "recommend",
            ]
            .iter()
            .any(|k| e.class_id.contains(k))
    })
}

// ---------------------------------------------------------------------------------------------
// Dates

fn choose_dates(
    html: &Html,
    doc: &Doc,
    meta: &meta::Meta,
    url: &str,
    first_body_block: usize,
) -> (Option<Timestamp>, Option<Timestamp>) {
    let machine_pub = meta
        .ld
        .as_ref()
        .and_then(|l| l.published.as_deref())
        .and_then(dates::parse_machine)
        .or_else(|| {
            meta.get(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "publishdate",
                "pubdate",
                "publish-date",
                "publish_date",
                "published_time",
                "date",
                "dc.date.issued",
                "dc.date",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
                "content_publisheddate",
                "article.published",
                "datecreated",
            ])
            .and_then(dates::parse_machine)
        })
        .or_else(|| {
            let usable = |id: &ego_tree::NodeId| {
                doc.index
                    .get(id)
                    .is_none_or(|&i| !in_furniture_region(doc, i))
            };
            meta.times
                .iter()
                .filter(|(id, _, p)| *p && usable(id))
                .chain(meta.times.iter().filter(|(id, _, p)| !*p && usable(id)))
                .find_map(|(_, d, _)| dates::parse_machine(d))
        });
    let text_line = date_line(doc, first_body_block);
    let text_pub = text_line.as_deref().and_then(dates::parse_text);
    // Some CMSs stamp local (WIB) clock times with a bogus "Z"; when the visible date line shows
    // the same wall-clock time, the visible line (with its zone) is the truth.
    let machine_pub = match (machine_pub, text_pub) {
        (Some(m), Some(t))
            if m.offset().local_minus_utc() == 0
                && m.naive_local().format("%Y%m%d%H%M").to_string()
                    == t.naive_local().format("%Y%m%d%H%M").to_string() =>
        {
            use chrono::TimeZone;
            t.offset()
                .from_local_datetime(&m.naive_local())
                .single()
                .or(Some(t))
        }
        (m, _) => m,
    };
    let mut published = machine_pub.or(text_pub).or_else(|| dates::from_url(url));
    // Present a UTC machine date in the newsroom's offset (the zone its date line names, or
    // WIB for Indonesian pages) so the calendar date is the local one.
    if let Some(p) = published
        && p.offset().local_minus_utc() == 0
    {
        let indonesian =
            meta.lang.as_deref() == Some("id") || url.contains(".id/") || url.ends_with(".id");
        let zone = text_line.as_deref().and_then(dates::text_zone);
        if let Some(z) = zone.or_else(|| indonesian.then(dates::wib)) {
            published = Some(p.with_timezone(&z));
        }
    }
    let mut modified = meta
        .ld
        .as_ref()
        .and_then(|l| l.modified.as_deref())
        .and_then(dates::parse_machine)
        .or_else(|| {
            meta.get(&[
                "article:modified_time",
                "og:updated_time",
                "datemodified",
                "last-modified",
                "dcterms.modified",
            ])
            .and_then(dates::parse_machine)
        });
    if let (Some(m), Some(p)) = (modified, published)
        && m.offset().local_minus_utc() == 0
    {
        modified = Some(m.with_timezone(p.offset()));
    }
    let _ = html;
    (published, modified)
}

/// The visible date line of the article: a short block that is mostly a date, preferring one
/// in a date-classed element, then the last one before the body starts, then the first after.
fn date_line(doc: &Doc, first_body_block: usize) -> Option<String> {
    static HAS_TIME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b\d{1,2}[:.]\d{2}\b").expect("static regex is valid"));
    // (rank, block index, text): rank = date-classed element + has a time of day.
    let mut best: Option<(u8, usize, &str)> = None;
    let mut after: Option<&str> = None;
    let mut checked = 0;
    for (bi, b) in doc.blocks.iter().enumerate() {
        if b.text.chars().count() > 90 || checked > 400 || bi > first_body_block.saturating_add(200)
        {
            continue;
        }
        if !dates::is_date_line(&b.text) || dates::parse_text(&b.text).is_none() {
            continue;
        }
        checked += 1;
        if in_furniture_region(doc, b.owner) {
            continue;
        }
        let classy = std::iter::once(b.owner)
            .chain(doc.ancestors(b.owner).take(2))
            .any(|a| {
                let c = &doc.els[a].class_id;
                [
                    "date", "tanggal", "time", "waktu", "publish", "tgl", "posted",
                ]
                .iter()
                .any(|k| c.contains(k))
            });
        let rank = u8::from(classy) + 2 * u8::from(HAS_TIME.is_match(&b.text));
        if bi < first_body_block || classy {
            // Later candidates (closer to the body) win ties.
            if best.is_none_or(|(r, _, _)| rank >= r) {
                best = Some((rank, bi, &b.text));
            }
        } else if after.is_none() {
            after = Some(&b.text);
        }
    }
    best.map(|(_, _, t)| t).or(after).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_variants_and_strip() {
        let keys = site_keys("https://sumselpost.co.id/x", None);
        assert_eq!(
            strip_site("Disnakertrans Dorong Koperasi | SumselPost.co.id", &keys),
            "Disnakertrans Dorong Koperasi"
        );
        assert_eq!(
            strip_site(
                "Pemerintah Kabupaten Bekasi - Wabup Hadiri Konsolidasi",
                &keys
            ),
            "Wabup Hadiri Konsolidasi"
        );
        assert!(title_variants("A - B | C").contains(&"A - B".to_string()));
    }

    #[test]
    fn errors() {
        assert_eq!(
            extract_bytes(b"\x89PNG\r\n", Some("image/png"), "https://x.id/a"),
            Err(ArticleError::NotHtml)
        );
        assert!(matches!(
            extract("<html><body></body></html>", "u"),
            Err(ArticleError::NoContent { .. })
        ));
        let big = vec![b' '; MAX_BYTES + 1];
        assert_eq!(
            extract_bytes(&big, None, "u"),
            Err(ArticleError::TooLarge {
                bytes: MAX_BYTES + 1
            })
        );
    }

    /// Sentences of made-up prose for the structure tests below.
    fn prose(topic: &str, n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>Pengurus serikat di {topic} menyampaikan laporan bagian {i}, termasuk \
                     rencana kerja, anggaran, dan jadwal pertemuan berikutnya dengan dinas.</p>"
                )
            })
            .collect()
    }

    #[test]
    fn microdata_article_body_beats_class_names_and_footer_prose() {
        // The story sits in a box whose class says "breaking" (a ticker word) under a
        // "sidebar"-named wrapper; a longer legal footer has more commas. The publisher's
        // itemprop="articleBody" must still win.
        let footer = "<p>Data disediakan oleh pihak ketiga, tanpa jaminan, kecuali dinyatakan \
                      lain, dan seluruh hak cipta, merek, serta logo dilindungi, diatur, dan \
                      dilisensikan kepada pemiliknya masing-masing, sesuai ketentuan.</p>"
            .repeat(6);
        let html = format!(
            "<html><body><div class=\"side-rail\"><div class=\"breaking-news-box\" \
             itemprop=\"articleBody\">{}</div></div><footer><div>{footer}</div></footer>\
             </body></html>",
            prose("Bekasi", 3)
        );
        let a = extract(&html, "https://contoh.id/berita/1").expect("article");
        assert!(a.text.contains("Pengurus serikat di Bekasi"), "{}", a.text);
        assert!(!a.text.contains("pihak ketiga"), "{}", a.text);
    }

    #[test]
    fn story_chunks_in_repeated_layout_boxes_are_merged() {
        // Each chunk of the story lives in its own grid box next to an (empty) ad rail.
        let chunk = |t: &str| {
            format!(
                "<div class=\"grid grid-rail\"><div class=\"body chunk\">{}</div>\
                 <div class=\"rail\"></div></div>",
                prose(t, 3)
            )
        };
        let html = format!(
            "<html><body><main><div class=\"chunks\">{}{}{}</div></main>\
             <div class=\"author-card\"><p>Penulis tinggal di Bandung bersama keluarga, \
             kucing, dan sepeda tuanya, serta gemar menulis tentang buruh.</p></div>\
             </body></html>",
            chunk("Karawang"),
            chunk("Cikarang"),
            chunk("Purwakarta")
        );
        let a = extract(&html, "https://contoh.id/berita/2").expect("article");
        for place in ["Karawang", "Cikarang", "Purwakarta"] {
            assert!(a.text.contains(place), "{place} missing: {}", a.text);
        }
        assert!(!a.text.contains("sepeda tuanya"), "{}", a.text);
    }

    #[test]
    fn standalone_story_dateline_is_kept_and_promo_heading_dropped() {
        let html = format!(
            "<html><body><article><p>MEDAN, 12 Maret 2024 (Kantor Berita) --</p>{}\
             <h3>Jangan Lewatkan</h3><p>(abc/def)</p></article></body></html>",
            prose("Medan", 3)
        );
        let a = extract(&html, "https://contoh.id/berita/3").expect("article");
        assert!(a.text.starts_with("MEDAN, 12 Maret 2024"), "{}", a.text);
        assert!(!a.text.contains("Jangan Lewatkan"), "{}", a.text);
        // A page date strip at the top is still dropped.
        let html = format!(
            "<html><body><article><p>Selasa, 12 Maret 2024 14:30 WIB</p>{}</article>\
             </body></html>",
            prose("Medan", 3)
        );
        let a = extract(&html, "https://contoh.id/berita/4").expect("article");
        assert!(!a.text.contains("14:30"), "{}", a.text);
    }

    fn names_roles(a: &ExtractedArticle) -> Vec<(String, warta_model::AuthorRole)> {
        a.authors.iter().map(|x| (x.name.clone(), x.role)).collect()
    }

    fn page(head: &str, before: &str, after: &str) -> String {
        format!(
            "<html><head>{head}</head><body><div class=\"wrap\">{before}\
             <div class=\"content\">{}</div>{after}</div></body></html>",
            prose("Semarang", 4)
        )
    }

    #[test]
    fn label_with_link_and_split_editor_line() {
        use warta_model::AuthorRole::{Author, Editor};
        let html = page(
            "",
            "<div class=\"info\"><div class=\"credit-a\"><h6>Penulis <a href=\"/p/x\">Sekar \
             Ayu Lestari</a></h6></div><div class=\"credit-b\">| Editor Bambang Wijaya</div>\
             <div class=\"pic\">Foto: Joko Susilo</div></div>",
            "",
        );
        let a = extract(&html, "https://contoh.id/berita/5").expect("article");
        assert_eq!(
            names_roles(&a),
            vec![
                ("Sekar Ayu Lestari".to_string(), Author),
                ("Bambang Wijaya".to_string(), Editor)
            ]
        );
    }

    #[test]
    fn a_full_name_in_brackets_closing_the_story_is_its_reporter() {
        assert_eq!(
            sign_off("Serikat menunggu jawaban dinas. [Rahmat Hidayat]").as_deref(),
            Some("Rahmat Hidayat")
        );
        assert_eq!(sign_off("Serikat menunggu jawaban dinas. (rhm)"), None);
        assert_eq!(
            sign_off("Serikat menunggu jawaban dinas. (Humas Pemkot)"),
            None
        );
        assert_eq!(
            sign_off("Rapat dipimpin Ketua (Rahmat Hidayat) dan selesai."),
            None
        );
    }

    #[test]
    fn oleh_with_a_colon_in_a_meta_list_is_a_credit_but_admin_is_not() {
        use warta_model::AuthorRole::Author;
        let meta = |who: &str| {
            format!(
                "<ul class=\"list-inline post-meta\"><li>Senin, 14 Oktober 2024</li>\
                 <li>Oleh: {who}</li><li>Dibaca 1.204 kali</li></ul>"
            )
        };
        let a = extract(
            &page("", &meta("Rina Wulandari"), ""),
            "https://contoh.id/b/1",
        )
        .expect("article");
        assert_eq!(
            names_roles(&a),
            vec![("Rina Wulandari".to_string(), Author)]
        );
        let a = extract(&page("", &meta("Admin"), ""), "https://contoh.id/b/1").expect("article");
        assert!(a.authors.is_empty(), "{:?}", a.authors);
    }

    #[test]
    fn label_element_then_text_node_after_the_body() {
        use warta_model::AuthorRole::{Editor, Reporter};
        let html = page(
            "",
            "",
            "<div class=\"box\"><div class=\"info\"><span class=\"lbl\">Pewarta:</span> \
             <a href=\"/p/y\">Lina Marlina</a><br><span class=\"lbl\">Editor:</span> Yusuf \
             Hamdani<p class=\"bio\">Jurnalis biro Semarang.</p></div></div>\
             <div class=\"x\">Penulis: Tim Redaksi</div><div class=\"y\">Editor Pick</div>",
        );
        let a = extract(&html, "https://contoh.id/berita/6").expect("article");
        assert_eq!(
            names_roles(&a),
            vec![
                ("Lina Marlina".to_string(), Reporter),
                ("Yusuf Hamdani".to_string(), Editor)
            ]
        );
    }

    #[test]
    fn bare_label_element_takes_the_next_name_and_is_never_a_name() {
        let html = page(
            "",
            "<div class=\"meta\"><div class=\"m-name\"><div class=\"m-by\">By</div> \
             <a href=\"/a/z\">Dewi Anggraini</a><div class=\"sep\"> - </div></div></div>",
            "",
        );
        let a = extract(&html, "https://contoh.id/berita/7").expect("article");
        assert_eq!(
            names_roles(&a),
            vec![(
                "Dewi Anggraini".to_string(),
                warta_model::AuthorRole::Author
            )]
        );
    }

    #[test]
    fn json_ld_editor_in_graph_is_an_editor() {
        use warta_model::AuthorRole::{Author, Editor};
        let ld = "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\
                  \"@graph\":[{\"@type\":\"WebPage\",\"name\":\"x\"},{\"@type\":\"NewsArticle\",\
                  \"headline\":\"Judul\",\"author\":{\"@type\":\"Person\",\"name\":\"Rahmat \
                  Hidayat\"},\"editor\":{\"@type\":\"Person\",\"name\":\"Sari Wulandari\"}}]}\
                  </script>";
        let a = extract(&page(ld, "", ""), "https://contoh.id/berita/8").expect("article");
        assert_eq!(
            names_roles(&a),
            vec![
                ("Rahmat Hidayat".to_string(), Author),
                ("Sari Wulandari".to_string(), Editor)
            ]
        );
    }

    #[test]
    fn meta_content_author_and_editor() {
        use warta_model::AuthorRole::{Author, Editor};
        let head = "<meta name=\"content_author\" content=\"Fajar Nugroho\">\
                    <meta name=\"content_editor\" content=\"Maya Sari\">";
        let a = extract(&page(head, "", ""), "https://contoh.id/berita/9").expect("article");
        assert_eq!(
            names_roles(&a),
            vec![
                ("Fajar Nugroho".to_string(), Author),
                ("Maya Sari".to_string(), Editor)
            ]
        );
    }

    #[test]
    fn byline_in_the_articles_own_footer_counts_but_not_the_site_footer() {
        let html = format!(
            "<html><body><article><h1>Judul</h1><div class=\"entry-content\">{}</div>\
             <footer class=\"entry-footer\"><span class=\"byline\">oleh <a rel=\"author\" \
             href=\"/author/x\">Hendra Gunawan</a></span></footer></article>\
             <footer class=\"site\"><span class=\"byline\">oleh <a rel=\"author\">Putri \
             Maharani</a></span></footer></body></html>",
            prose("Medan", 4)
        );
        let a = extract(&html, "https://contoh.id/berita/10").expect("article");
        assert_eq!(
            names_roles(&a),
            vec![(
                "Hendra Gunawan".to_string(),
                warta_model::AuthorRole::Author
            )]
        );
    }
}
