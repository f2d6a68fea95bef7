//! Page metadata: `<meta>` tags, JSON-LD, `<link rel=canonical>`, `<html lang>`, plus the
//! helpers that turn bylines and credit lines into [`Author`]s.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use warta_model::{Author, AuthorRole};

use crate::text::{fold, is_generic_author, normalize_ws};

static TIME_SEL: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("time, abbr[title], [itemprop=datePublished], [itemprop=dateCreated]")
        .expect("static selector")
});

/// The article-ish object(s) found in JSON-LD.
#[derive(Debug, Default, Clone)]
pub(crate) struct LdArticle {
    pub headline: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub authors: Vec<String>,
    /// `editor` names: schema.org gives editors their own property, and newsrooms that
    /// credit an editor in the byline fill it (inside `@graph` too).
    pub editors: Vec<String>,
    pub body: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// 2 = a NewsArticle-family type, 1 = WebPage-like.
    pub rank: u8,
}

#[derive(Debug, Default)]
pub(crate) struct Meta {
    /// (key, content): key is the lowercased `property`/`name`/`itemprop`/`http-equiv`.
    pub tags: Vec<(String, String)>,
    pub ld: Option<LdArticle>,
    pub canonical: Option<String>,
    pub title_tag: Option<String>,
    pub lang: Option<String>,
    /// `href`s that may lead to another page of the same article: `<link rel=next|prev>` and
    /// `<a>` with a digit in the URL (a page number), in document order.
    pub page_links: Vec<String>,
    /// `datetime` attributes of `<time>` elements, with whether they look like the publish date.
    pub times: Vec<(ego_tree::NodeId, String, bool)>,
}

impl Meta {
    pub(crate) fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.tags
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| v.as_str())
        })
    }
}

pub(crate) fn read(html: &Html) -> Meta {
    let mut m = Meta::default();
    // One walk over the tree instead of one selector pass per kind of element: on a large
    // page each pass visits thousands of elements.
    let mut metas = Vec::new();
    let mut ld_scripts = Vec::new();
    let mut links = Vec::new();
    let mut title = None;
    let mut root = None;
    let mut times = Vec::new();
    for node in html.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let v = el.value();
        match v.name() {
            "meta" if metas.len() < 2000 => metas.push(el),
            "script" if ld_scripts.len() < 200 && v.attr("type").is_some() => ld_scripts.push(el),
            "link" if links.len() < 2000 && v.attr("rel").is_some() && v.attr("href").is_some() => {
                let rel = v.attr("rel").unwrap_or_default().to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "next" || r == "prev")
                    && let Some(h) = v.attr("href")
                {
                    m.page_links.push(h.trim().to_string());
                }
                links.push(el)
            }
            "a" if m.page_links.len() < 5000 => {
                if let Some(h) = v.attr("href")
                    && h.bytes().any(|c| c.is_ascii_digit())
                {
                    m.page_links.push(h.trim().to_string());
                }
            }
            "title" if title.is_none() => title = Some(el),
            "html" if root.is_none() => root = Some(el),
            _ => {}
        }
        if times.len() < 500 && TIME_SEL.matches(&el) {
            times.push(el);
        }
    }
    for el in metas {
        let v = el.value();
        let Some(content) = v.attr("content") else {
            continue;
        };
        for k in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = v.attr(k) {
                m.tags
                    .push((key.trim().to_lowercase(), normalize_ws(content)));
            }
        }
    }
    let mut best: Option<LdArticle> = None;
    for el in ld_scripts {
        let ty = el
            .value()
            .attr("type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !ty.contains("ld+json") {
            continue;
        }
        let raw: String = el.text().collect();
        if let Some(v) = parse_lenient_json(&raw) {
            let mut found = Vec::new();
            walk_ld(&v, 0, &mut found);
            for a in found {
                if best.as_ref().is_none_or(|b| a.rank > b.rank) {
                    best = Some(a);
                }
            }
        }
    }
    m.ld = best;
    for el in links {
        let rel = el
            .value()
            .attr("rel")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if rel.split_whitespace().any(|r| r == "canonical") {
            m.canonical = el.value().attr("href").map(|h| h.trim().to_string());
            break;
        }
    }
    m.title_tag = title.map(|t| normalize_ws(&t.text().collect::<String>()));
    m.lang = root
        .and_then(|h| {
            h.value()
                .attr("lang")
                .or_else(|| h.value().attr("xml:lang"))
        })
        .and_then(normalize_lang)
        .or_else(|| {
            m.get(&["content-language", "og:locale", "language", "dc.language"])
                .and_then(normalize_lang)
        });
    for t in times {
        let v = t.value();
        let dt = v
            .attr("datetime")
            .or_else(|| v.attr("content"))
            .or_else(|| {
                // Blogger's `<abbr class="published" title="2023-11-05T19:20:00+07:00">`.
                (v.name() == "abbr").then(|| v.attr("title")).flatten()
            });
        if let Some(dt) = dt {
            let hint = format!(
                "{} {} {}",
                v.attr("itemprop").unwrap_or_default(),
                v.attr("class").unwrap_or_default(),
                v.attr("pubdate").map(|_| "published").unwrap_or_default()
            )
            .to_lowercase();
            let publ = hint.contains("publish")
                || hint.contains("datepublished")
                || hint.contains("entry-date")
                || hint.contains("datecreated");
            m.times.push((t.id(), dt.to_string(), publ));
        }
    }
    m
}

/// "id-ID" → "id", "in" (the withdrawn code) → "id", "en_US" → "en".
pub(crate) fn normalize_lang(s: &str) -> Option<String> {
    let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if primary.is_empty() || primary.len() > 3 || !primary.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    Some(if primary == "in" {
        "id".to_string()
    } else {
        primary
    })
}

/// JSON-LD in the wild has raw newlines inside strings, HTML comments and CDATA wrappers,
/// trailing semicolons; fix those before giving up.
fn parse_lenient_json(raw: &str) -> Option<Value> {
    let t = raw.trim();
    if let Ok(v) = serde_json::from_str(t) {
        return Some(v);
    }
    let mut s: String = t
        .replace("<![CDATA[", "")
        .replace("]]>", "")
        .replace("<!--", "")
        .replace("-->", "")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    while s.trim_end().ends_with(';') {
        let cut = s.trim_end().len() - 1;
        s.truncate(cut);
    }
    serde_json::from_str(s.trim()).ok()
}

fn type_rank(v: &Value) -> u8 {
    let names: Vec<&str> = match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let mut rank = 0;
    for n in names {
        let n = n.rsplit([':', '/']).next().unwrap_or(n);
        let r = match n {
            "NewsArticle"
            | "Article"
            | "ReportageNewsArticle"
            | "AnalysisNewsArticle"
            | "OpinionNewsArticle"
            | "BackgroundNewsArticle"
            | "ReviewNewsArticle"
            | "BlogPosting"
            | "LiveBlogPosting"
            | "Report"
            | "SocialMediaPosting"
            | "TechArticle"
            | "ScholarlyArticle"
            | "AdvertiserContentArticle"
            | "SatiricalArticle"
            | "Posting" => 2,
            "WebPage" | "ItemPage" => 1,
            _ => 0,
        };
        rank = rank.max(r);
    }
    rank
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(normalize_ws(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        Value::Object(o) => str_of(
            o.get("@value")
                .or_else(|| o.get("name"))
                .or_else(|| o.get("@id")),
        ),
        _ => None,
    }
}

fn ld_authors(v: Option<&Value>, out: &mut Vec<String>) {
    match v {
        Some(Value::String(s)) => out.push(normalize_ws(s)),
        Some(Value::Array(a)) => a.iter().take(20).for_each(|x| ld_authors(Some(x), out)),
        Some(Value::Object(o)) => {
            let is_org = matches!(o.get("@type"), Some(Value::String(t)) if t == "Organization" || t == "NewsMediaOrganization");
            if !is_org && let Some(n) = str_of(o.get("name")) {
                out.push(n);
            }
        }
        _ => {}
    }
}

fn walk_ld(v: &Value, depth: usize, out: &mut Vec<LdArticle>) {
    if depth > 12 || out.len() > 50 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().take(200).for_each(|x| walk_ld(x, depth + 1, out)),
        Value::Object(o) => {
            let rank = type_rank(v);
            if rank > 0 {
                let mut authors = Vec::new();
                ld_authors(o.get("author").or_else(|| o.get("creator")), &mut authors);
                let mut editors = Vec::new();
                ld_authors(o.get("editor"), &mut editors);
                out.push(LdArticle {
                    headline: str_of(o.get("headline")).or_else(|| {
                        if rank == 2 {
                            str_of(o.get("name"))
                        } else {
                            None
                        }
                    }),
                    published: str_of(o.get("datePublished"))
                        .or_else(|| str_of(o.get("dateCreated"))),
                    modified: str_of(o.get("dateModified")),
                    authors,
                    editors,
                    body: match o.get("articleBody") {
                        Some(Value::String(s)) => Some(s.clone()),
                        _ => None,
                    },
                    publisher: o
                        .get("publisher")
                        .and_then(|p| str_of(p.get("name")).or_else(|| str_of(Some(p)))),
                    url: str_of(o.get("url")).or_else(|| match o.get("mainEntityOfPage") {
                        Some(Value::String(s)) => Some(s.clone()),
                        Some(Value::Object(m)) => str_of(m.get("@id")),
                        _ => None,
                    }),
                    rank,
                });
            }
            for key in [
                "@graph",
                "mainEntity",
                "mainEntityOfPage",
                "itemListElement",
                "hasPart",
            ] {
                if let Some(x) = o.get(key)
                    && (x.is_array() || x.is_object())
                {
                    walk_ld(x, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Bylines and credit lines

static CREDIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s|/,;(\[•·])(reporter|wartawan|pewarta|kontributor|koresponden|laporan|liputan|penulis|ditulis\s+oleh|writer|written\s+by|author|editor|redaktur|penyunting|editing|copy\s*editor|red|teks|text|foto|fotografer|photographer|photo|sumber|source|video|videografer|grafis|ilustrasi|infografis|narasumber|publisher|uploader|diunggah\s+oleh|posted\s+by|dipublikasikan\s+oleh)\s*[:：]\s*",
    )
    .expect("static regex is valid")
});

fn role_of(label: &str) -> Option<AuthorRole> {
    let l = label.to_lowercase();
    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
    match l.as_str() {
        "reporter" | "wartawan" | "pewarta" | "kontributor" | "koresponden" | "laporan"
        | "liputan" => Some(AuthorRole::Reporter),
        "editor" | "redaktur" | "penyunting" | "editing" | "red" | "copy editor" | "copyeditor" => {
            Some(AuthorRole::Editor)
        }
        "penulis"
        | "ditulis oleh"
        | "writer"
        | "written by"
        | "author"
        | "teks"
        | "text"
        | "posted by"
        | "publisher"
        | "uploader"
        | "diunggah oleh"
        | "dipublikasikan oleh" => Some(AuthorRole::Author),
        // Photo, video and source credits are never authors.
        _ => None,
    }
}

/// Does `s` look like a personal name (or a newsroom's initials such as "Bman")? Rejects
/// sentences, dates, lowercase words and anything long.
pub(crate) fn looks_like_name(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    if !(2..=60).contains(&n)
        || s.chars()
            .any(|c| c.is_ascii_digit() || c == '@' || c == '?')
    {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    const PARTICLES: &[&str] = &[
        "bin", "binti", "van", "von", "de", "der", "al", "el", "da", "di", "dos", "la",
    ];
    words.iter().all(|w| {
        let first = w.chars().find(|c| c.is_alphabetic());
        match first {
            Some(c) => {
                c.is_uppercase()
                    || PARTICLES.contains(&w.to_lowercase().as_str())
                    || w.contains('.')
            }
            None => false,
        }
    }) && words[0]
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// Split "A dan B", "A, B", "A & B" into names; strips academic suffixes after a comma only
/// when they are not names ("Fuad Fauzi, S.Sos").
fn split_names(v: &str) -> Vec<String> {
    let cleaned = v.trim().trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | '|' | '/' | '-' | '–' | '—' | ',' | ';' | '.' | ':' | '•' | '·'
        ) || c.is_whitespace()
    });
    let mut out = Vec::new();
    for part in cleaned
        .split([',', '&', ';', '/'])
        .flat_map(|p| p.split(" dan "))
        .flat_map(|p| p.split(" and "))
    {
        let p = part.trim().trim_end_matches('.').trim();
        if p.is_empty() {
            continue;
        }
        // Academic degrees ("S.Sos", "M.Si") after a comma belong to the previous name.
        if p.contains('.') && p.len() <= 8 && !p.contains(' ') {
            continue;
        }
        // Dates glued to the byline ("12 Maret 2024") are not names.
        if p.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // A day name glued on from the date that follows: "Yohanes Kambu Selasa, 12 Maret".
        let mut words: Vec<&str> = p.split_whitespace().collect();
        const DAYS: &[&str] = &[
            "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
        ];
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| DAYS.contains(&w.to_lowercase().as_str()))
        {
            words.pop();
        }
        out.push(words.join(" "));
    }
    out
}

/// Parse a whole block that consists only of credit lines ("Reporter : A", "Editor: B",
/// "Pewarta: A | Editor: B"). Returns `None` when the block is anything else.
pub(crate) fn parse_credit_block(text: &str) -> Option<Vec<Author>> {
    let t = text
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']'])
        .trim();
    if t.chars().count() > 200 {
        return None;
    }
    let labels: Vec<_> = CREDIT_LABEL.captures_iter(t).collect();
    let first = labels.first()?;
    let first_start = first.get(0)?.start();
    if !t[..first_start].trim().is_empty() {
        return None;
    }
    let mut authors = Vec::new();
    for (i, c) in labels.iter().enumerate() {
        let (Some(label), Some(whole)) = (c.get(1), c.get(0)) else {
            continue;
        };
        let end = labels
            .get(i + 1)
            .and_then(|n| n.get(0))
            .map_or(t.len(), |m| m.start());
        let value = t.get(whole.end()..end).unwrap_or_default();
        let names = split_names(value);
        if names.is_empty() {
            continue;
        }
        // A "value" that is a sentence means this was prose starting with "Sumber:" etc.
        if names.iter().any(|n| n.split_whitespace().count() > 6) {
            return None;
        }
        if let Some(role) = role_of(label.as_str()) {
            for n in names {
                authors.push(Author { name: n, role });
            }
        }
    }
    Some(authors)
}

static BYLINE_SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(oleh|by|ditulis\s+oleh|written\s+by|posted\s+by|diposting\s+oleh|penulis|author|writer|reporter|wartawan|pewarta|kontributor|editor|redaktur|penyunting)\s*[:：]?\s+(.+)$",
    )
    .expect("static regex is valid")
});

/// A short byline → author names: "oleh X", "By X - 1 Agustus 2025", "Penulis: X",
/// "Penulis X | Editor Y" (labels without colons, separated by bars or bullets).
pub(crate) fn parse_byline(text: &str) -> Option<Vec<Author>> {
    let t = normalize_ws(text);
    if t.chars().count() > 150 {
        return None;
    }
    if let Some(a) = parse_credit_block(&t)
        && !a.is_empty()
    {
        return Some(a);
    }
    let mut authors = Vec::new();
    let mut any_label = false;
    // Empty segments are separators at the edges: "| Editor Dwi" continues a credit line
    // that the template split across elements.
    let segments = t
        .split(['|', '•', '·', '\n'])
        .filter(|seg| !seg.trim().is_empty());
    for (i, seg) in segments.enumerate() {
        let Some(c) = BYLINE_SEGMENT.captures(seg) else {
            if i == 0 {
                return None;
            }
            continue;
        };
        any_label = true;
        let (Some(label), Some(value)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let role = match label.as_str().to_lowercase().as_str() {
            "oleh" | "by" => Some(AuthorRole::Author),
            l if l.starts_with("ditulis")
                || l.starts_with("written")
                || l.starts_with("posted")
                || l.starts_with("diposting") =>
            {
                Some(AuthorRole::Author)
            }
            l => role_of(l),
        };
        let Some(role) = role else { continue };
        // Stop at a dash or comma that introduces a date or place: "Bman - 1 Agustus 2025".
        let v = value.as_str();
        let cut = [" - ", " – ", " — ", ", "]
            .iter()
            .filter_map(|s| v.find(s))
            .min()
            .unwrap_or(v.len());
        for name in split_names(&v[..cut]) {
            if looks_like_name(&name) {
                authors.push(Author { name, role });
            }
        }
    }
    any_label.then_some(authors)
}

static LABEL_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s|/•·\-–—]*(penulis|ditulis\s+oleh|writer|written\s+by|author|editor|redaktur|penyunting|reporter|wartawan|pewarta|kontributor|oleh|by)\s*[:：]?\s*$",
    )
    .expect("static regex is valid")
});

static LABEL_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s|/•·\-–—]*(?:(?:penulis|ditulis\s+oleh|writer|written\s+by|author|editor|redaktur|penyunting|reporter|wartawan|pewarta|kontributor)(?:\s*[:：]\s*|\s+)|oleh\s*[:：]\s*)\S",
    )
    .expect("static regex is valid")
});

/// A text that is nothing but a credit label ("Editor:", "Penulis", "By"): templates often
/// put the label in its own element and the name in the next one. Returns the label word.
pub(crate) fn label_only(text: &str) -> Option<String> {
    LABEL_ONLY
        .captures(text.trim())
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

/// Does `text` start with an explicit credit label ("Penulis Ahmad", "| Editor: Dwi")?
/// A bare "oleh"/"by" is left out on purpose: in prose they start ordinary sentences; "Oleh:"
/// with a colon is a label.
pub(crate) fn starts_with_credit_label(text: &str) -> bool {
    LABEL_START.is_match(text)
}

/// Keep real people only: drop generic and site names and non-names, dedupe by folded name.
pub(crate) fn clean_authors(raw: Vec<Author>, site_keys: &[String]) -> Vec<Author> {
    let mut out: Vec<Author> = Vec::new();
    for mut a in raw {
        a.name =
            normalize_ws(a.name.trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | '|' | '-' | ':')
            }));
        // "Bman" from "(Bman)" is fine; "Tim Redaksi", "Admin" and the outlet itself are not.
        if a.name.is_empty() || is_generic_author(&a.name) || !looks_like_name(&a.name) {
            continue;
        }
        let f = fold(&a.name);
        if f.len() < 2
            || site_keys
                .iter()
                .any(|k| !k.is_empty() && (f == *k || f.contains(k.as_str())))
        {
            continue;
        }
        if out.iter().any(|o| fold(&o.name) == f) {
            continue;
        }
        out.push(a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits() {
        let a = parse_credit_block("Reporter : Refki Maulana").unwrap_or_default();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].role, AuthorRole::Reporter);
        let a = parse_credit_block("Pewarta: Ahmad Yani | Editor: Budi Santoso, S.Sos")
            .unwrap_or_default();
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].name, "Budi Santoso");
        assert_eq!(a[1].role, AuthorRole::Editor);
        assert_eq!(
            parse_credit_block("Foto: Dok. Humas").map(|v| v.len()),
            Some(0)
        );
        assert!(parse_credit_block("Menurut dia, Reporter: bukan apa-apa").is_none());
    }

    #[test]
    fn bylines() {
        let a = parse_byline("oleh Bman").unwrap_or_default();
        assert_eq!(a[0].name, "Bman");
        let a = parse_byline("By Siti Aminah - 1 Agustus 2025").unwrap_or_default();
        assert_eq!(a[0].name, "Siti Aminah");
        assert!(
            parse_byline("Oleh karena itu kami menolak")
                .unwrap_or_default()
                .is_empty()
        );
    }

    #[test]
    fn split_credit_lines_and_bare_labels() {
        let a = parse_byline("| Editor Dwi Kurniasih").unwrap_or_default();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].name, "Dwi Kurniasih");
        assert_eq!(a[0].role, AuthorRole::Editor);
        assert_eq!(label_only("Editor:").as_deref(), Some("Editor"));
        assert_eq!(label_only(" By ").as_deref(), Some("By"));
        assert!(label_only("Editor: Ani").is_none());
        assert!(starts_with_credit_label("Penulis Ahmad Yani"));
        assert!(starts_with_credit_label("| Reporter: Ani"));
        assert!(!starts_with_credit_label("Oleh karena itu"));
        assert!(!starts_with_credit_label("Penulisan laporan"));
    }

    #[test]
    fn names() {
        assert!(looks_like_name("Refki Maulana"));
        assert!(looks_like_name("Bman"));
        assert!(!looks_like_name("wib"));
        assert!(!looks_like_name("1 Agustus 2025"));
        let c = clean_authors(
            vec![
                Author {
                    name: "Redaksi".into(),
                    role: AuthorRole::Author,
                },
                Author {
                    name: "Tim Redaksi".into(),
                    role: AuthorRole::Author,
                },
                Author {
                    name: "SumselPost".into(),
                    role: AuthorRole::Author,
                },
                Author {
                    name: "Ani".into(),
                    role: AuthorRole::Editor,
                },
                Author {
                    name: "ani".into(),
                    role: AuthorRole::Author,
                },
            ],
            &["sumselpost".to_string()],
        );
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn ld_graph() {
        let v = parse_lenient_json(
            "<!-- {\"@graph\":[{\"@type\":\"WebPage\",\"name\":\"x\"},{\"@type\":[\"NewsArticle\"],\"headline\":\"Judul\",\n\"author\":[{\"@type\":\"Person\",\"name\":\"A B\"}],\"datePublished\":\"2020-01-02\"}]} -->;",
        );
        let mut out = Vec::new();
        if let Some(v) = v {
            walk_ld(&v, 0, &mut out);
        }
        let best = out.into_iter().max_by_key(|a| a.rank);
        assert_eq!(
            best.as_ref().and_then(|b| b.headline.clone()).as_deref(),
            Some("Judul")
        );
        assert_eq!(
            best.map(|b| b.authors).unwrap_or_default(),
            vec!["A B".to_string()]
        );
    }
}
