//! One linear pass over the parsed DOM that turns it into text blocks plus per-element
//! statistics (text length, link length, furniture flags, pre-order extent).
//!
//! Everything downstream (container scoring, cleaning, byline and date-line search) works on
//! this flat form, so no step needs recursion (deeply nested junk HTML cannot overflow the
//! stack) and no step walks a subtree more than a constant number of times.

use rustc_hash::FxHashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use crate::text::{is_invisible, is_negative_class, is_positive_class};

/// Per-element facts gathered in the walk. Elements are stored in document (pre-)order, so an
/// element's descendants are exactly the indices `idx+1 ..= end`.
#[derive(Debug, Clone)]
pub(crate) struct El {
    pub node: NodeId,
    pub parent: Option<usize>,
    pub tag: String,
    /// Lowercased `class` and `id`, space-joined (used for furniture and byline detection).
    pub class_id: String,
    /// Furniture by tag (nav, aside, footer, form, figure...) or by class/id vocabulary.
    pub neg: bool,
    pub pos: bool,
    /// Marked `itemprop="articleBody"` (schema.org microdata): the publisher's own statement
    /// of where the story is, so it outranks class-name guesses in either direction.
    pub body_hint: bool,
    /// Number of `neg` elements on the path from the root to this element, inclusive.
    pub neg_cum: u32,
    /// Last descendant index (pre-order extent).
    pub end: usize,
    /// Characters of visible text in the subtree / of that inside links.
    pub text_len: usize,
    pub link_len: usize,
    pub depth: u32,
    /// `<img>`/`<picture>` elements in the subtree: a short text next to an image is a caption.
    pub imgs: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Para,
    Item,
    Heading(u8),
    Quote,
    Cell,
    Other,
}

/// A run of text between block boundaries (block-level tags and `<br>`).
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub text: String,
    /// Innermost block-level element holding the text.
    pub owner: usize,
    pub kind: BlockKind,
    /// Characters inside `<a>`.
    pub link_chars: usize,
    /// Byte ranges of link text inside `text`.
    pub links: Vec<(usize, usize)>,
}

pub(crate) struct Doc {
    pub els: Vec<El>,
    pub blocks: Vec<Block>,
    /// Fx hashing: node ids and class strings are hashed once per element, and SipHash was a
    /// visible share of building the page model.
    pub index: FxHashMap<NodeId, usize>,
}

const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "select", "textarea",
    "button", "object", "embed", "canvas", "math", "video", "audio", "map", "input", "option",
    "title", "meta", "link",
];

const FURNITURE_TAGS: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "form",
    "figure",
    "figcaption",
    "header",
    "menu",
    "dialog",
];

fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "form"
            | "figure"
            | "figcaption"
            | "pre"
            | "address"
            | "center"
            | "fieldset"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "hr"
            | "caption"
            | "legend"
            | "hgroup"
            | "menu"
            | "dialog"
    )
}

fn kind_of(tag: &str) -> BlockKind {
    match tag {
        "p" => BlockKind::Para,
        "li" | "dd" | "dt" => BlockKind::Item,
        "h1" => BlockKind::Heading(1),
        "h2" => BlockKind::Heading(2),
        "h3" => BlockKind::Heading(3),
        "h4" => BlockKind::Heading(4),
        "h5" => BlockKind::Heading(5),
        "h6" => BlockKind::Heading(6),
        "blockquote" => BlockKind::Quote,
        "td" | "th" => BlockKind::Cell,
        _ => BlockKind::Other,
    }
}

/// The attributes the page model reads, gathered in one pass over the element's attributes
/// (one lookup per name was a linear scan each, six times per element).
#[derive(Default)]
struct Attrs<'a> {
    hidden: bool,
    style: Option<&'a str>,
    class: Option<&'a str>,
    id: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn of(el: &'a scraper::node::Element) -> Attrs<'a> {
        let mut a = Attrs::default();
        for (name, value) in el.attrs() {
            match name {
                "hidden" => a.hidden = true,
                "style" => a.style = Some(value),
                "class" => a.class = Some(value),
                "id" => a.id = Some(value),
                "role" => a.role = Some(value),
                "itemprop" => a.itemprop = Some(value),
                _ => {}
            }
        }
        a
    }

    fn is_hidden(&self) -> bool {
        if self.hidden {
            return true;
        }
        if let Some(style) = self.style {
            let s: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_lowercase();
            if s.contains("display:none") || s.contains("visibility:hidden") {
                return true;
            }
        }
        false
    }
}

struct Builder {
    els: Vec<El>,
    blocks: Vec<Block>,
    /// Open elements (indices into `els`).
    stack: Vec<usize>,
    /// Open block-level elements.
    block_stack: Vec<usize>,
    skip_depth: usize,
    link_depth: usize,
    buf: String,
    pending_space: bool,
    links: Vec<(usize, usize)>,
    link_open_at: Vec<usize>,
    link_chars: usize,
}

impl Builder {
    fn owner(&self) -> usize {
        self.block_stack.last().copied().unwrap_or(0)
    }

    fn flush(&mut self) {
        // Close any open link span at the current end, and reopen it for the next block.
        let len = self.buf.len();
        for start in self.link_open_at.iter_mut() {
            if *start < len {
                self.links.push((*start, len));
            }
            *start = 0;
        }
        if !self.buf.is_empty() && !self.els.is_empty() {
            let owner = self.owner();
            let kind = kind_of(&self.els[owner].tag);
            self.blocks.push(Block {
                text: std::mem::take(&mut self.buf),
                owner,
                kind,
                link_chars: self.link_chars,
                links: std::mem::take(&mut self.links),
            });
        }
        self.buf.clear();
        self.links.clear();
        self.link_chars = 0;
        self.pending_space = false;
    }

    fn push_text(&mut self, t: &str) {
        let Some(&cur) = self.stack.last() else {
            return;
        };
        let mut added = 0usize;
        for c in t.chars() {
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.buf.is_empty() {
                self.buf.push(' ');
            }
            self.pending_space = false;
            self.buf.push(c);
            added += 1;
        }
        if added == 0 {
            return;
        }
        let el = &mut self.els[cur];
        el.text_len += added;
        if self.link_depth > 0 {
            el.link_len += added;
            self.link_chars += added;
        }
    }
}

/// Walk the document once and build the flat representation.
/// `dropped`: elements a site rule says are never body text; skipped with their subtrees.
pub(crate) fn build(html: &Html, dropped: &rustc_hash::FxHashSet<NodeId>) -> Doc {
    let mut b = Builder {
        els: Vec::new(),
        blocks: Vec::new(),
        stack: Vec::new(),
        block_stack: Vec::new(),
        skip_depth: 0,
        link_depth: 0,
        buf: String::new(),
        pending_space: false,
        links: Vec::new(),
        link_open_at: Vec::new(),
        link_chars: 0,
    };
    let mut index = FxHashMap::default();
    // Class vocabulary checks are the costliest per-element step, and templates repeat the
    // same class strings hundreds of times: classify each distinct string once.
    let mut class_verdicts: FxHashMap<String, (bool, bool)> = FxHashMap::default();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let tag = el.name().to_ascii_lowercase();
                    if b.skip_depth > 0 {
                        b.skip_depth += 1;
                        continue;
                    }
                    let attrs = Attrs::of(el);
                    let skip = SKIP_TAGS.contains(&tag.as_str())
                        || attrs.is_hidden()
                        || dropped.contains(&node.id());
                    if skip {
                        b.skip_depth += 1;
                        // Skipped subtrees are not recorded as elements at all.
                        continue;
                    }
                    if tag == "br" || tag == "hr" {
                        b.flush();
                        continue;
                    }
                    let block = is_block_tag(&tag);
                    if block {
                        b.flush();
                    }
                    let mut class_id = String::new();
                    if let Some(c) = attrs.class {
                        class_id.push_str(c);
                    }
                    if let Some(i) = attrs.id {
                        class_id.push(' ');
                        class_id.push_str(i);
                    }
                    if let Some(r) = attrs.role {
                        // ARIA roles name furniture explicitly.
                        if matches!(
                            r,
                            "navigation"
                                | "banner"
                                | "contentinfo"
                                | "complementary"
                                | "search"
                                | "menu"
                        ) {
                            class_id.push_str(" nav");
                        }
                    }
                    let class_id = class_id.to_lowercase();
                    let parent = b.stack.last().copied();
                    let body_hint = attrs.itemprop.is_some_and(|v| {
                        v.split_ascii_whitespace()
                            .any(|t| t.eq_ignore_ascii_case("articlebody"))
                    });
                    let (class_neg, class_pos) = match class_verdicts.get(&class_id) {
                        Some(&v) => v,
                        None => {
                            let v = (is_negative_class(&class_id), is_positive_class(&class_id));
                            class_verdicts.insert(class_id.clone(), v);
                            v
                        }
                    };
                    let neg = !body_hint
                        && (FURNITURE_TAGS.contains(&tag.as_str())
                            || (!matches!(tag.as_str(), "body" | "html") && class_neg));
                    let pos = body_hint || class_pos;
                    let neg_cum = parent.map_or(0, |p| b.els[p].neg_cum) + u32::from(neg);
                    let depth = parent.map_or(0, |p| b.els[p].depth + 1);
                    let idx = b.els.len();
                    index.insert(node.id(), idx);
                    b.els.push(El {
                        node: node.id(),
                        parent,
                        tag: tag.clone(),
                        class_id,
                        neg,
                        pos,
                        body_hint,
                        neg_cum,
                        end: idx,
                        text_len: 0,
                        link_len: 0,
                        depth,
                        imgs: u32::from(matches!(tag.as_str(), "img" | "picture")),
                    });
                    b.stack.push(idx);
                    if block {
                        b.block_stack.push(idx);
                    }
                    if tag == "a" {
                        b.link_depth += 1;
                        let at = b.buf.len() + usize::from(b.pending_space && !b.buf.is_empty());
                        b.link_open_at.push(at);
                    }
                }
                Node::Text(t) if b.skip_depth == 0 => b.push_text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if b.skip_depth > 0 {
                        b.skip_depth -= 1;
                        continue;
                    }
                    let tag = el.name().to_ascii_lowercase();
                    if tag == "br" || tag == "hr" {
                        continue;
                    }
                    let Some(idx) = b.stack.pop() else { continue };
                    if tag == "a" {
                        b.link_depth = b.link_depth.saturating_sub(1);
                        if let Some(start) = b.link_open_at.pop() {
                            let end = b.buf.len();
                            if start < end {
                                b.links.push((start, end));
                            }
                        }
                    }
                    if is_block_tag(&tag) {
                        b.flush();
                        if b.block_stack.last() == Some(&idx) {
                            b.block_stack.pop();
                        }
                    }
                    let end = b.els.len() - 1;
                    b.els[idx].end = end;
                    if let Some(p) = b.els[idx].parent {
                        let (t, l, im) =
                            (b.els[idx].text_len, b.els[idx].link_len, b.els[idx].imgs);
                        b.els[p].text_len += t;
                        b.els[p].link_len += l;
                        b.els[p].imgs = b.els[p].imgs.saturating_add(im);
                    }
                }
            }
        }
    }
    b.flush();
    Doc {
        els: b.els,
        blocks: b.blocks,
        index,
    }
}

impl Doc {
    /// Is `x` equal to or inside `root`?
    pub(crate) fn within(&self, x: usize, root: usize) -> bool {
        root <= x && self.els.get(root).is_some_and(|r| x <= r.end)
    }

    /// Number of furniture elements strictly below `root` on the way to `x` (inclusive of `x`).
    pub(crate) fn neg_between(&self, root: usize, x: usize) -> u32 {
        match (self.els.get(root), self.els.get(x)) {
            (Some(r), Some(e)) => e.neg_cum.saturating_sub(r.neg_cum),
            _ => 0,
        }
    }

    pub(crate) fn link_density(&self, i: usize) -> f64 {
        self.els.get(i).map_or(0.0, |e| {
            if e.text_len == 0 {
                0.0
            } else {
                e.link_len as f64 / e.text_len as f64
            }
        })
    }

    /// Ancestors of `i` (nearest first), excluding `i`.
    pub(crate) fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.els.get(i).and_then(|e| e.parent), move |&p| {
            self.els.get(p).and_then(|e| e.parent)
        })
    }
}
