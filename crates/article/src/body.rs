//! Choosing the article container and cleaning the blocks inside it.
//!
//! Scoring follows Readability: every prose-like block (≥ 25 characters) gives points to its
//! container, half to the grandparent, and less further up; containers are then discounted by
//! their link density and nudged by class vocabulary. Blocks under furniture (nav, aside,
//! "related", "komentar"...) count only a quarter, so a long related-articles list cannot win.
//! Inside the winner, furniture subtrees, link lists and boilerplate lines are dropped
//! (jusText-like block classification), which is what keeps "Baca juga" titles and captions out
//! of the event extractor's input.

use std::sync::LazyLock;

use regex::Regex;

use crate::dom::{BlockKind, Doc};
use crate::text::{READ_ALSO, is_boilerplate_block};

/// A body paragraph after cleaning, with the block it came from.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    pub block: usize,
    pub text: String,
    pub kind: BlockKind,
}

fn para_like(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "li"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "dd"
            | "dt"
            | "td"
            | "th"
    )
}

fn tag_weight(tag: &str) -> f64 {
    match tag {
        "article" => 10.0,
        "div" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        "body" | "html" => -20.0,
        _ => 0.0,
    }
}

/// Is `x` inside furniture that is small relative to the page? A "sidebar"-named wrapper
/// holding half the page's prose (`content-with-sidebar`) is a layout wrapper, not furniture.
fn under_small_furniture(doc: &Doc, x: usize, page_text: usize) -> bool {
    let mut cur = Some(x);
    for _ in 0..64 {
        let Some(c) = cur else { return false };
        let e = &doc.els[c];
        if e.body_hint {
            // Whatever the layout wrappers above are called, the publisher marked this subtree
            // as the story.
            return false;
        }
        if e.neg {
            let own = e.text_len.saturating_sub(e.link_len);
            let furniture_tag = matches!(
                e.tag.as_str(),
                "nav" | "aside" | "footer" | "form" | "figure" | "figcaption"
            );
            if furniture_tag || own * 5 < page_text * 2 {
                return true;
            }
        }
        cur = e.parent;
    }
    true
}

/// Pick the container element(s) holding the article body: returns roots (element indices).
pub(crate) fn select_roots(doc: &Doc) -> Vec<usize> {
    let n = doc.els.len();
    if n == 0 {
        return Vec::new();
    }
    let page_text = doc.els[0].text_len.saturating_sub(doc.els[0].link_len);
    let mut score = vec![0.0f64; n];
    let mut touched = vec![false; n];
    for b in &doc.blocks {
        let len = b.text.chars().count();
        if len < 25 || is_boilerplate_block(&b.text) {
            continue;
        }
        let Some(owner) = doc.els.get(b.owner) else {
            continue;
        };
        let link_ratio = b.link_chars as f64 / len as f64;
        if link_ratio > 0.5 {
            continue;
        }
        let commas = b.text.matches([',', '،', '、']).count() as f64;
        let mut s = 1.0 + commas + (len as f64 / 100.0).min(3.0);
        if owner.neg_cum > 0 && under_small_furniture(doc, b.owner, page_text) {
            s *= 0.25;
        }
        let start = if para_like(&owner.tag) {
            owner.parent
        } else {
            Some(b.owner)
        };
        let Some(start) = start else { continue };
        let mut cur = Some(start);
        for level in 0..5 {
            let Some(c) = cur else { break };
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => (l as f64) * 3.0,
            };
            score[c] += s / div;
            touched[c] = true;
            cur = doc.els.get(c).and_then(|e| e.parent);
        }
    }
    let mut best: Option<(usize, f64)> = None;
    for i in 0..n {
        if !touched[i] {
            continue;
        }
        let e = &doc.els[i];
        // Class hints count fully only for elements holding a real amount of text, so a
        // 'content-title' box cannot outrank the story on the strength of its name alone.
        let weight = 25.0 * (e.text_len.saturating_sub(e.link_len) as f64 / 500.0).min(1.0);
        let mut s = score[i] + tag_weight(&e.tag);
        if e.pos {
            s += weight;
        }
        if e.body_hint {
            s += weight;
        }
        if e.neg {
            s -= weight;
        }
        s *= 1.0 - doc.link_density(i);
        score[i] = s;
        if best.is_none_or(|(_, bs)| s > bs) {
            best = Some((i, s));
        }
    }
    let Some((top, top_score)) = best else {
        // No prose at all: fall back to <body> (or the root).
        let body = doc.els.iter().position(|e| e.tag == "body").unwrap_or(0);
        return vec![body];
    };
    // Sibling merge: a body split across sibling containers (ads between halves) is kept whole.
    let mut roots = vec![top];
    // Templates that wrap each chunk of the story in its own layout box (a chunk plus an ad
    // rail, repeated) make the chunks cousins, not siblings: climb through wrappers that add
    // almost no text of their own, then merge the wrapper's siblings.
    let own = |i: usize| doc.els[i].text_len.saturating_sub(doc.els[i].link_len);
    let mut anchor = top;
    while let Some(p) = doc.els[anchor].parent {
        let pe = &doc.els[p];
        if matches!(pe.tag.as_str(), "body" | "html") || pe.neg || own(p) > own(anchor) + 100 {
            break;
        }
        anchor = p;
    }
    if let Some(parent) = doc.els[anchor].parent {
        let threshold = (top_score * 0.2).max(10.0);
        let mut i = parent + 1;
        let pend = doc.els[parent].end;
        while i <= pend {
            let e = &doc.els[i];
            if i != anchor && e.parent == Some(parent) {
                let image_box = e.imgs > 0 && e.text_len < 200;
                let keep = if image_box {
                    false
                } else if anchor != top {
                    // Cousin chunks repeat the same layout box; anything else next to the
                    // wrapper (author card, photo block) is not more of the story.
                    e.tag == doc.els[anchor].tag
                        && !e.class_id.is_empty()
                        && e.class_id == doc.els[anchor].class_id
                        && touched[i]
                        && score[i] >= threshold
                        && !e.neg
                } else if touched[i] && score[i] >= threshold && !e.neg {
                    true
                } else if e.tag == "p" && !e.neg {
                    e.text_len > 80 && doc.link_density(i) < 0.25
                } else {
                    false
                };
                if keep {
                    roots.push(i);
                }
            }
            i = e.end + 1;
        }
    }
    roots.sort_unstable();
    roots
}

static TRAILING_PUNCT_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s\p{P}\p{S}]*$").expect("static regex is valid"));

/// Remove inline "(Baca juga: <a>…</a>)" fragments from a block; the lead-in must be followed
/// by a link (or be the whole remainder of a short block) so a sentence that happens to say
/// "lihat juga" is left alone.
pub(crate) fn strip_read_also(text: &str, links: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    for m in READ_ALSO.find_iter(text) {
        if m.start() < pos {
            continue;
        }
        let after = m.end();
        let link = links
            .iter()
            .find(|(s, _)| *s >= after && text[after..*s].trim().is_empty());
        let cut_end = match link {
            Some(&(_, le)) => {
                let mut e = le;
                // Swallow a closing bracket (and the space before it) of "(Baca juga; …)".
                let rest = &text[e..];
                let trimmed = rest.trim_start();
                if trimmed.starts_with(')') || trimmed.starts_with(']') {
                    e += rest.len() - trimmed.len() + 1;
                }
                e
            }
            None => {
                // "(Baca juga: Judul)" without a link: drop up to the closing bracket if the
                // lead-in opened one.
                let opened = text[m.start()..after].trim_start().starts_with(['(', '[']);
                match (opened, text[after..].find([')', ']'])) {
                    (true, Some(off)) if off < 300 => after + off + 1,
                    _ => continue,
                }
            }
        };
        out.push_str(&text[pos..m.start()]);
        pos = cut_end.min(text.len());
    }
    out.push_str(&text[pos..]);
    crate::text::normalize_ws(&out)
}

/// Is there a furniture element between `root` (exclusive) and `x` (inclusive) that does not
/// itself hold most of the root's text? A "furniture" wrapper around most of the container is
/// a misnamed body wrapper (`<div class="article-header">` around the whole story), not furniture.
fn furniture_between(doc: &Doc, root: usize, x: usize, captions_ok: bool) -> bool {
    let root_text = doc
        .els
        .get(root)
        .map_or(0, |r| r.text_len.saturating_sub(r.link_len));
    let mut cur = Some(x);
    let mut steps = 0;
    while let Some(c) = cur {
        if c == root {
            return false;
        }
        steps += 1;
        if steps > 64 {
            // Absurdly deep nesting: trust the cumulative count.
            return true;
        }
        let e = &doc.els[c];
        if e.body_hint {
            // Nothing above the publisher-marked article body can make its text furniture.
            return false;
        }
        // A small box holding an image and a line of text is a photo with its caption/credit.
        let image_box = e.imgs > 0 && e.text_len < 200;
        let caption = matches!(e.tag.as_str(), "figure" | "figcaption")
            || e.class_id.contains("caption")
            || e.class_id.contains("gallery")
            || image_box;
        if image_box && !captions_ok {
            return true;
        }
        if e.neg && !(captions_ok && caption) {
            let own = e.text_len.saturating_sub(e.link_len);
            let furniture_tag = matches!(
                e.tag.as_str(),
                "nav" | "aside" | "footer" | "form" | "figure" | "figcaption"
            );
            if furniture_tag || own * 2 < root_text {
                return true;
            }
        }
        cur = e.parent;
    }
    false
}

/// The cleaned paragraphs under `roots`, in document order. A photo-gallery page whose only
/// prose is its captions yields those captions rather than nothing.
pub(crate) fn collect(doc: &Doc, roots: &[usize]) -> Vec<Para> {
    let paras = collect_with(doc, roots, false);
    if paras.is_empty() {
        collect_with(doc, roots, true)
    } else {
        paras
    }
}

fn collect_with(doc: &Doc, roots: &[usize], captions_ok: bool) -> Vec<Para> {
    let mut out = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        let Some(&root) = roots.iter().find(|&&r| doc.within(b.owner, r)) else {
            continue;
        };
        if doc.neg_between(root, b.owner) > 0 && furniture_between(doc, root, b.owner, captions_ok)
        {
            continue;
        }
        let len = b.text.chars().count();
        if len == 0 {
            continue;
        }
        let link_ratio = b.link_chars as f64 / len as f64;
        let limit = match b.kind {
            BlockKind::Item => 0.4,
            BlockKind::Quote => 0.9,
            _ => 0.6,
        };
        if link_ratio > limit {
            continue;
        }
        if matches!(b.kind, BlockKind::Heading(1)) {
            continue;
        }
        let text = if READ_ALSO.is_match(&b.text) {
            strip_read_also(&b.text, &b.links)
        } else {
            b.text.clone()
        };
        if text.is_empty() || TRAILING_PUNCT_ONLY.is_match(&text) || is_boilerplate_block(&text) {
            continue;
        }
        out.push(Para {
            block: bi,
            text,
            kind: b.kind,
        });
    }
    // Headings that introduce nothing (a trailing "Video Rekomendasi") are furniture.
    while out
        .last()
        .is_some_and(|p| matches!(p.kind, BlockKind::Heading(_)))
    {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_also_inline() {
        let t = "Wagub menyambut baik sinergi. (Baca juga; Pandemi, Warga Gugat Cerai ) Lalu dia pergi.";
        let start = t.find("Pandemi").unwrap_or(0);
        let end = t.find(" )").unwrap_or(0);
        assert_eq!(
            strip_read_also(t, &[(start, end)]),
            "Wagub menyambut baik sinergi. Lalu dia pergi."
        );
        let plain = "Silakan lihat juga data BPS tahun lalu.";
        assert_eq!(strip_read_also(plain, &[]), plain);
        assert_eq!(
            strip_read_also("Teks. (Baca juga: Judul Lain) Akhir.", &[]),
            "Teks. Akhir."
        );
    }
}
