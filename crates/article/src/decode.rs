//! Turning raw HTTP bodies into text: Indonesian regional sites still serve windows-1252 and
//! iso-8859-1 pages, often with a header or `<meta>` that contradicts the bytes.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex as BytesRegex;
use std::sync::LazyLock;

/// How many bytes of the document are scanned for a `<meta charset>` declaration (the HTML
/// standard's prescan looks at 1024; real pages put long `<script>` blocks first, so look further).
const META_PRESCAN: usize = 8192;

static META_CHARSET: LazyLock<BytesRegex> = LazyLock::new(|| {
    BytesRegex::new(r#"(?i)<meta[^>]{0,400}?charset\s*=\s*["']?\s*([a-z0-9_\-:.]{1,40})"#)
        .expect("static regex")
});

/// The charset parameter of a `Content-Type` header value (`text/html; charset=UTF-8`).
pub(crate) fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let idx = lower.find("charset")?;
    let rest = lower[idx + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end])
}

fn charset_from_meta(body: &[u8]) -> Option<&'static Encoding> {
    let head = &body[..body.len().min(META_PRESCAN)];
    let caps = META_CHARSET.captures(head)?;
    let enc = Encoding::for_label(caps.get(1)?.as_bytes())?;
    // A page that declares UTF-16 in ASCII-compatible bytes cannot be UTF-16 (HTML standard).
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    Some(enc)
}

/// Whether bytes that claim to be UTF-8 really are: servers frequently send windows-1252 pages
/// with a UTF-8 header, and trusting the header would turn every "é" or curly quote into U+FFFD.
fn utf8_plausible(body: &[u8]) -> bool {
    match std::str::from_utf8(body) {
        Ok(_) => true,
        Err(e) => {
            // A truncated multi-byte sequence at the very end is a cut-off download, not a lie.
            e.error_len().is_none() && e.valid_up_to() + 4 >= body.len()
        }
    }
}

fn detect(body: &[u8]) -> &'static Encoding {
    if utf8_plausible(body) {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(body, true);
    let enc = det.guess(Some(b"id"), chardetng::Utf8Detection::Allow);
    if enc == UTF_8 { WINDOWS_1252 } else { enc }
}

/// Chooses the encoding of an HTML body. Order: byte-order mark (it cannot lie), the
/// `Content-Type` charset, `<meta charset>`/`http-equiv`, then statistical detection. A declared
/// UTF-8 that the bytes contradict falls through to detection.
pub(crate) fn sniff_encoding(body: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(body) {
        return enc;
    }
    let declared = content_type
        .and_then(charset_from_content_type)
        .or_else(|| charset_from_meta(body));
    match declared {
        Some(enc) if enc == UTF_8 => {
            if utf8_plausible(body) {
                UTF_8
            } else {
                detect(body)
            }
        }
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
            // Without a BOM a UTF-16 label on an HTML page is almost always wrong.
            detect(body)
        }
        Some(enc) => {
            // Pure-ASCII or valid multi-byte UTF-8 labelled latin-1 is more likely mislabelled
            // UTF-8 than genuine latin-1 (valid UTF-8 multibyte sequences are rare in cp1252 text).
            if enc != UTF_8 && has_utf8_multibyte(body) && std::str::from_utf8(body).is_ok() {
                UTF_8
            } else {
                enc
            }
        }
        None => detect(body),
    }
}

fn has_utf8_multibyte(body: &[u8]) -> bool {
    body.iter().any(|b| *b >= 0x80)
}

/// Decodes an HTTP body to a `String` (see [`sniff_encoding`] for the order of evidence).
/// Undecodable bytes become U+FFFD; this never fails, because a partly garbled page is still
/// worth extracting.
pub fn decode_html(body: &[u8], content_type: Option<&str>) -> String {
    decode_html_cow(body, content_type).into_owned()
}

/// [`decode_html`] without copying a body that is already valid UTF-8.
pub(crate) fn decode_html_cow<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
) -> std::borrow::Cow<'a, str> {
    let enc = sniff_encoding(body, content_type);
    enc.decode(body).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_is_used() {
        let body = b"<html><body>caf\xe9</body></html>";
        let s = decode_html(body, Some("text/html; charset=ISO-8859-1"));
        assert!(s.contains("caf\u{e9}"));
    }

    #[test]
    fn meta_charset_is_used() {
        let body =
            b"<html><head><meta charset=\"windows-1252\"></head><body>\x93kutip\x94</body></html>";
        let s = decode_html(body, None);
        assert!(s.contains("\u{201c}kutip\u{201d}"));
    }

    #[test]
    fn lying_utf8_header_falls_back_to_detection() {
        let body = b"<html><body>Pekerja \x93mogok\x94 di pabrik caf\xe9</body></html>";
        let s = decode_html(body, Some("text/html; charset=utf-8"));
        assert!(s.contains("\u{201c}mogok\u{201d}"), "{s}");
    }

    #[test]
    fn bom_wins() {
        let mut body = vec![0xEF, 0xBB, 0xBF];
        body.extend_from_slice("<p>Ã</p>".as_bytes());
        let s = decode_html(&body, Some("text/html; charset=iso-8859-1"));
        assert!(s.contains("<p>Ã</p>"));
    }

    #[test]
    fn content_type_parsing() {
        assert_eq!(
            charset_from_content_type("text/html;charset=\"utf-8\""),
            Some(UTF_8)
        );
        assert_eq!(charset_from_content_type("text/html"), None);
    }
}
