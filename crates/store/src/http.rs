//! The HTTP response inside a WARC `response` record: status, headers and the entity body, with
//! chunked transfer coding and gzip/deflate content coding undone (capped against bombs).

use std::io::Read;

use flate2::read::{GzDecoder, ZlibDecoder};

/// Decoded bodies larger than this are cut: enough for any article page, small enough that a
/// decompression bomb cannot exhaust memory.
pub const MAX_DECODED_BODY: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> Option<&str> {
        self.header("Content-Type")
    }
}

/// Why a response record's block could not be read as HTTP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("malformed HTTP response head: {0}")]
    Head(String),
    #[error("HTTP response head is incomplete")]
    Incomplete,
}

/// Parses an HTTP/1.x response message as stored in a WARC response record.
pub fn parse_response(block: &[u8]) -> Result<HttpResponse, HttpError> {
    let mut header_buf = [httparse::EMPTY_HEADER; 256];
    let mut response = httparse::Response::new(&mut header_buf);
    let head_len = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err(HttpError::Incomplete),
        Err(e) => return Err(HttpError::Head(e.to_string())),
    };
    let status = response.code.unwrap_or(0);
    let headers: Vec<(String, String)> = response
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_string(),
                String::from_utf8_lossy(h.value).trim().to_string(),
            )
        })
        .collect();
    let mut http = HttpResponse {
        status,
        headers,
        body: Vec::new(),
    };
    let raw = &block[head_len..];
    let chunked = http
        .header("Transfer-Encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let body = if chunked {
        dechunk(raw).unwrap_or_else(|| raw.to_vec())
    } else {
        raw.to_vec()
    };
    let coding = http
        .header("Content-Encoding")
        .map(|v| v.trim().to_ascii_lowercase());
    http.body = match coding.as_deref() {
        Some("gzip") | Some("x-gzip") => decode(GzDecoder::new(&body[..])).unwrap_or(body),
        Some("deflate") => decode(ZlibDecoder::new(&body[..])).unwrap_or(body),
        _ => body,
    };
    Ok(http)
}

fn decode(reader: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    reader.take(MAX_DECODED_BODY).read_to_end(&mut out).ok()?;
    Some(out)
}

/// Undoes chunked transfer coding; `None` when the bytes are not chunked after all (some archives
/// keep the header but store the de-chunked body).
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size_field = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size_hex = size_field.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        if raw.len() < size {
            out.extend_from_slice(raw);
            return Some(out);
        }
        out.extend_from_slice(&raw[..size]);
        raw = raw.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_chunked_and_gzip_bodies() {
        let r =
            parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>").unwrap();
        assert_eq!(
            (r.status, r.content_type(), &r.body[..]),
            (200, Some("text/html"), &b"<p>hi</p>"[..])
        );

        let r = parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap();
        assert_eq!(r.body, b"Wikipedia");

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"compressed page").unwrap();
        let mut msg = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        msg.extend(gz.finish().unwrap());
        assert_eq!(parse_response(&msg).unwrap().body, b"compressed page");
    }

    #[test]
    fn rejects_what_is_not_http() {
        assert!(parse_response(b"\x00\x01garbage").is_err());
        assert_eq!(
            parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: te"),
            Err(HttpError::Incomplete)
        );
    }
}
