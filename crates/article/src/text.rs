//! Small text utilities and the boilerplate vocabulary (Indonesian first, English second).
//!
//! The vocabulary is deliberately about *page furniture* ("Baca juga", "Berita Terkait",
//! "Pengunjung hari ini") and never about topics, so it generalises to sites never seen.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

/// Collapse all whitespace runs (including NBSP and zero-width characters) into one space and
/// trim; news CMSs sprinkle `&nbsp;` and U+200B everywhere.
pub(crate) fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

/// Lowercased letters and digits only: the key used to compare titles, names and site names.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

pub(crate) fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// Whether a class/id string marks page furniture (share bars, related lists, comments...).
/// Matching is per token (`td_block_related_posts` → `related`), plus a few substrings that
/// are unambiguous even inside compound names (`beritaterkait`, `bacajuga`). Weak markers
/// (`header`, `meta`, `modal`...) are overruled by a body marker in the same attribute
/// (`article-header`, `entry-content-read-more`), strong ones (`related`, `komentar`) are not.
pub(crate) fn is_negative_class(class_id: &str) -> bool {
    if class_id.is_empty() {
        return false;
    }
    let lower = class_id.to_lowercase();
    let joined: String = lower
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let (mut strong, mut weak) = (false, false);
    for m in CLASS_SUBSTR.find_overlapping_iter(&joined) {
        if m.pattern().as_usize() < STRONG_SUBSTR.len() {
            strong = true;
        } else {
            weak = true;
        }
    }
    for t in lower.split(|c: char| !c.is_ascii_alphanumeric()) {
        strong |= STRONG_TOKEN_SET.contains(t);
        weak |= NEG_TOKEN_SET.contains(t);
    }
    strong || (weak && !is_positive_class(class_id))
}

/// Strong then weak furniture substrings, for one overlapping pass over a class string (the
/// per-word `contains` loop it replaces was the costliest step of building the page model).
static CLASS_SUBSTR: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(STRONG_SUBSTR.iter().chain(NEG_SUBSTR)).expect("static patterns")
});
static STRONG_TOKEN_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STRONG_TOKENS.iter().copied().collect());
static NEG_TOKEN_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NEG_TOKENS.iter().copied().collect());
static POS_TOKEN_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| POS_TOKENS.iter().copied().collect());

/// Furniture markers that win even next to "content"/"article" (`related-articles`).
const STRONG_SUBSTR: &[&str] = &[
    "bacajuga",
    "bacapula",
    "simakjuga",
    "lihatjuga",
    "related",
    "terkait",
    "komentar",
    "comment",
    "disqus",
    "sharing",
    "sharedaddy",
    "social",
    "sosmed",
    "newsletter",
    "terpopuler",
    "populer",
    "popular",
    "rekomendasi",
    "recommend",
    "breadcrumb",
    "sidebar",
    "widget",
    "outbrain",
    "taboola",
    "advert",
    "iklan",
    "jprelated",
    "beritalain",
    "artikellain",
    "morestories",
    "readalso",
    "alsoread",
    "wpcaption",
    "figcaption",
];
const STRONG_TOKENS: &[&str] = &[
    "nav", "navbar", "menu", "footer", "tags", "tag", "ads", "ad", "share", "comments", "byline",
    "caption", "lainnya", "terkini", "pilihan", "breaking", "ticker",
];

/// Whether a class/id string suggests the article body.
pub(crate) fn is_positive_class(class_id: &str) -> bool {
    let lower = class_id.to_lowercase();
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|t| POS_TOKEN_SET.contains(t))
}

/// Weak furniture substrings (the strong ones in [`STRONG_SUBSTR`] are not repeated here).
const NEG_SUBSTR: &[&str] = &[
    "share",
    "subscribe",
    "pagination",
    "ticker",
    "marquee",
    "copyright",
    "readmore",
    "authorbox",
    "authorbio",
    "postnavigation",
    "navlinks",
    "navigasi",
    "pengunjung",
    "visitor",
    "counter",
];

const NEG_TOKENS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "footer",
    "header",
    "masthead",
    "aside",
    "tags",
    "tag",
    "tagging",
    "ads",
    "ad",
    "adsbygoogle",
    "banner",
    "caption",
    "credit",
    "credits",
    "meta",
    "byline",
    "author",
    "date",
    "time",
    "breaking",
    "follow",
    "lainnya",
    "terkini",
    "terbaru",
    "pilihan",
    "promo",
    "print",
    "tools",
    "toolbar",
    "hidden",
    "modal",
    "popup",
    "cookie",
    "login",
    "search",
    "skip",
    "tanggal",
    "waktu",
    "penulis",
    "reporter",
    "editor",
    "info",
    "foto",
    "photo",
    "gallery",
    "galeri",
    "video",
    "rating",
    "reaction",
    "emoji",
    "topic",
    "topik",
    "kategori",
    "category",
    "categories",
    "label",
    "labels",
    "comments",
    "respond",
    "sponsor",
    "sponsored",
    "pager",
    "paging",
    "halaman",
    "signup",
    "newsletter",
    "rss",
    "logo",
    "brand",
    "branding",
    "title",
    "judul",
    "headline",
    "bottom",
    "prev",
    "next",
    "crumbs",
    "sosial",
    "bagikan",
    "trending",
    "viral",
    "most",
    "hot",
];

const POS_TOKENS: &[&str] = &[
    "article",
    "artikel",
    "content",
    "konten",
    "entry",
    "post",
    "body",
    "text",
    "isi",
    "berita",
    "detail",
    "story",
    "main",
    "news",
    "read",
    "baca",
    "single",
    "page",
    "blog",
    "txt",
    "itemfulltext",
    "fulltext",
    "articlebody",
];

/// Whole-block furniture: a block matching this is never body text.
static BOILER_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[-–—\s•·|*_~=]*(?:
          (?:baca|simak|lihat|cek|tonton|saksikan)\s+(?:juga|pula|selengkapnya|video|berita)(?-u:\b).{0,200}
        | (?:berita|artikel|postingan|tulisan)\s+(?:terkait|lainnya|lain|terbaru|terpopuler|pilihan|populer)(?-u:\b).{0,200}
        | (?:tag|tags|topik|kategori|label|keywords?)\s*[:：].{0,300}
        | (?:bagikan|share|sebarkan)(?:\s+(?:this|artikel|berita|ini|ke|via|on))*\s*(?:[:：].{0,120}|(?:\s*(?:facebook|twitter|whatsapp|wa|telegram|line|email|copy\s+link|x|linkedin))*\s*)
        | (?:leave\s+a\s+(?:reply|comment)|tulis\s+komentar|beri\s+komentar|berikan\s+komentar|kirim\s+komentar|tinggalkan\s+(?:balasan|komentar)|post\s+a\s+comment)(?-u:\b).{0,200}
        | (?:\d+\s+)?(?:komentar|comments?|balasan|responses?)\s*(?:\(\d+\))?\s*[:：]?
        | (?:total\s+|statistik\s+)?(?:pengunjung|visitors?|pengguna\s+online|hits)\s+(?:hari\s+ini|kemarin|bulan\s+ini|minggu\s+ini|tahun\s+ini|online|today|total)?\s*[:：]\s*[\d.,]+.{0,120}
        | (?:total\s+)?(?:pengunjung|visitors?)\s*[:：]\s*[\d.,]+.{0,120}
        | (?:halaman|page)\s*[:]?\s*\d+(?:\s*(?:dari|of|/)\s*\d+)?(?:\s+\d+)*(?:\s+(?:selanjutnya|berikutnya|next|sebelumnya|prev))?\s*[»›>]*
        | (?:\d+\s+){1,}(?:selanjutnya|berikutnya|next|lanjut)\s*[»›>]*
        | (?:selanjutnya|berikutnya|sebelumnya|next|previous|prev)\s*[»›>]*
        | (?:dapatkan|ikuti|follow|simak)(?-u:\b).{0,160}(?-u:\b)(?:google\s+news|whatsapp|telegram|ponsel(?:mu|\s+anda)?|instagram|twitter|facebook|tiktok|youtube|channel|klik\s+di\s*sini|berita\s+terkini|update\s+berita|newsletter)(?-u:\b).{0,200}
        | (?:copyright|hak\s+cipta\s+dilindungi|©|\(c\)\s*\d{4}).{0,200}
        | (?:tags?|topik|kategori|label)
        | (?:advertisement|advert|iklan|scroll\s+to\s+(?:continue|resume)|lanjutkan\s+membaca|continue\s+reading|read\s+more|selengkapnya)\s*[:.»›>]*\s*
        | (?:sign\s+up|subscribe)(?-u:\b).{0,120}
        | (?:foto|photo|ilustrasi|image|gambar|video)\s*[:：].{0,200}
        | (?:related|also\s+read|read\s+also|more\s+from|recommended|trending|terpopuler|terkini|populer|rekomendasi|pilihan\s+editor|editor'?s\s+pick)(?-u:\b).{0,100}
        | (?:jangan\s+(?:lewatkan|sampai\s+ketinggalan|lupa\s+(?:baca|simak|tonton))|don'?t\s+miss)(?-u:\b).{0,100}
        )[-–—\s•·|*_~=]*$",
    )
    .expect("static regex is valid")
});

/// True when a whole block is page furniture rather than article text.
pub(crate) fn is_boilerplate_block(s: &str) -> bool {
    let s = s.trim();
    // Long blocks are prose; furniture is short, and this keeps a real sentence that merely
    // starts with "Foto:" or "Pengunjung" safe.
    s.is_empty() || (s.chars().count() <= 300 && BOILER_BLOCK.is_match(s))
}

/// Inline "(Baca juga: ...)" lead-ins; what follows (usually a link) is removed with them.
pub(crate) static READ_ALSO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\(\[]?\s*(?-u:\b)(?:baca|simak|lihat|cek|tonton|saksikan)\s+(?:juga|pula|selengkapnya|artikel|berita)(?-u:\b)\s*[:;,.\-–—]*\s*",
    )
    .expect("static regex is valid")
});

/// Words that are site furniture or generic, never a person's name in a byline.
pub(crate) fn is_generic_author(name: &str) -> bool {
    let f = name.to_lowercase();
    let f = f.trim();
    const GENERIC: &[&str] = &[
        "redaksi",
        "tim redaksi",
        "admin",
        "administrator",
        "admin web",
        "webadmin",
        "web admin",
        "editor",
        "reporter",
        "penulis",
        "kontributor",
        "webmaster",
        "staff",
        "staf",
        "operator",
        "newsroom",
        "tim",
        "team",
        "humas",
        "rilis",
        "press release",
        "siaran pers",
        "unknown",
        "anonymous",
        "guest",
        "tamu",
        "wartawan",
        "pewarta",
        "kami",
        "desk",
        // A label that lost its name ("By" alone in a byline element).
        "by",
        "oleh",
        "ditulis oleh",
    ];
    // "Admin" alone or "Admin Web" is furniture; "Admin LEM" is the account a union or office
    // publishes under, named after it, and is the only credit such a page gives.
    let admin_of_nothing = f.strip_prefix("admin ").is_some_and(|rest| {
        const PLACE: &[&str] = &[
            "web", "website", "situs", "portal", "redaksi", "berita", "media",
        ];
        rest.split_whitespace().all(|w| PLACE.contains(&w))
    });
    GENERIC.contains(&f)
        || admin_of_nothing
        || f.starts_with("redaksi ")
        || f.starts_with("tim ")
        || f.ends_with(" redaksi")
        || f.ends_with(" admin")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_admin_account_named_after_its_organisation_is_a_credit() {
        assert!(is_generic_author("Admin"));
        assert!(is_generic_author("admin web"));
        assert!(is_generic_author("Admin Redaksi"));
        assert!(!is_generic_author("Admin SPN"));
        assert!(!is_generic_author("Admin Serikat Tani"));
    }

    #[test]
    fn ws() {
        assert_eq!(normalize_ws("  a\u{a0}\n b\u{200b}c  "), "a bc");
    }

    #[test]
    fn classes() {
        assert!(is_negative_class("td_block_related_posts"));
        assert!(is_negative_class("berita-terkait"));
        assert!(is_negative_class("baca-juga"));
        assert!(!is_negative_class("td-post-content"));
        assert!(!is_negative_class("article-text content"));
        assert!(is_positive_class("entry-content"));
    }

    #[test]
    fn blocks() {
        assert!(is_boilerplate_block("Baca Juga: Harga Cabai Naik"));
        assert!(is_boilerplate_block("Tag: KSPI, Sumsel"));
        assert!(is_boilerplate_block("Halaman 2"));
        assert!(is_boilerplate_block("- Advertisement -"));
        assert!(is_boilerplate_block("— ADVERTISEMENT —"));
        assert!(is_boilerplate_block(
            "Simak kabar terbaru dan pilihan redaksi kami setiap hari langsung dari ponselmu. \
             Gabung saluran Kabar Daerah di WhatsApp."
        ));
        assert!(!is_boilerplate_block(
            "Advertisement agency milik pengusaha itu ikut digugat serikat pekerja."
        ));
        assert!(is_boilerplate_block("1 2 3 Selanjutnya"));
        assert!(is_boilerplate_block("Pengunjung hari ini : 7"));
        assert!(is_boilerplate_block("Leave a Reply"));
        assert!(!is_boilerplate_block(
            "Komentar warga soal kenaikan upah ramai di media sosial, menurut dia."
        ));
        assert!(!is_boilerplate_block(
            "Bagikan sembako kepada warga terdampak banjir."
        ));
        assert!(!is_boilerplate_block(
            "Pengunjung pasar mengeluhkan harga beras."
        ));
        assert!(is_boilerplate_block("Bagikan: Facebook WhatsApp Twitter"));
        assert!(!is_boilerplate_block(
            "Buruh menuntut kenaikan upah 10 persen."
        ));
    }
}
