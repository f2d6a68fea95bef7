//! Matching form of a text: NFKC, lower case, whitespace runs collapsed to one space, with a
//! map from every byte of the folded text back to the original so spans can be reported in
//! the caller's byte offsets.
//!
//! Normalisation is done one source character at a time. That is slightly weaker than full
//! NFKC (a base letter followed by a separate combining mark is not composed), but it keeps
//! the offset map exact and simple, and news text is almost always precomposed.

use unicode_normalization::UnicodeNormalization;

/// The folded text and a compact map back to the original.
///
/// The map is a list of segments rather than one entry per byte: news text is mostly ASCII
/// with single spaces, where folded and original bytes correspond one to one, so a segment
/// only starts where that correspondence breaks (a collapsed whitespace run, a non-ASCII
/// character). That keeps folding close to memory speed, which the matcher's throughput
/// depends on.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    segs: Vec<Seg>,
}

/// A run of the folded text starting at folded byte `f`. With `olen == 0` the run is linear
/// (folded byte `f + k` is the ASCII byte `o + k` of the original); otherwise every folded byte
/// of the run comes from the one original character at `o..o + olen`.
#[derive(Debug, Clone, Copy)]
struct Seg {
    f: usize,
    o: usize,
    olen: usize,
}

/// Opens a linear segment (folded byte `f` is original byte `o`, and so on) unless one is open.
#[inline]
fn start_linear(segs: &mut Vec<Seg>, linear: &mut bool, f: usize, o: usize) {
    if !*linear {
        segs.push(Seg { f, o, olen: 0 });
        *linear = true;
    }
}

impl Folded {
    /// Original byte range for the folded range `start..end` (`start < end`). Always lands on
    /// character boundaries of the original because it maps to whole source characters.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let len = self.text.len();
        if len == 0 || start >= end {
            let p = if start < len {
                self.orig_start(start)
            } else {
                0
            };
            return (p, p);
        }
        let s = self.orig_start(start.min(len - 1));
        let e = self.orig_end((end - 1).min(len - 1));
        (s, e.max(s))
    }

    fn seg(&self, pos: usize) -> Option<&Seg> {
        let i = self.segs.partition_point(|s| s.f <= pos);
        i.checked_sub(1).and_then(|i| self.segs.get(i))
    }

    /// Start of the original character folded byte `pos` came from.
    fn orig_start(&self, pos: usize) -> usize {
        match self.seg(pos) {
            Some(s) if s.olen == 0 => s.o + (pos - s.f),
            Some(s) => s.o,
            None => 0,
        }
    }

    /// End of the original character folded byte `pos` came from.
    fn orig_end(&self, pos: usize) -> usize {
        match self.seg(pos) {
            Some(s) if s.olen == 0 => s.o + (pos - s.f) + 1,
            Some(s) => s.o + s.olen,
            None => 0,
        }
    }
}

/// Folds `text` for matching (see the module docs).
pub fn fold(text: &str) -> Folded {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut segs: Vec<Seg> = Vec::new();
    let mut last_space = true; // drop leading whitespace
    // whether the last segment is linear and still lines up with `i`
    let mut linear = false;
    let mut i = 0;
    let mut tmp = String::new();
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // fast path: ASCII is already NFKC
            if b.is_ascii_whitespace() {
                if last_space {
                    linear = false;
                    i += 1;
                    continue;
                }
                last_space = true;
                start_linear(&mut segs, &mut linear, out.len(), i);
                out.push(b' ');
                i += 1;
                continue;
            }
            start_linear(&mut segs, &mut linear, out.len(), i);
            // the whole run of non-space ASCII at once
            let run_end = bytes[i..]
                .iter()
                .position(|&c| c >= 0x80 || c.is_ascii_whitespace())
                .map_or(bytes.len(), |k| i + k);
            out.extend(bytes[i..run_end].iter().map(u8::to_ascii_lowercase));
            last_space = false;
            i = run_end;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        tmp.clear();
        fold_char(c, &mut last_space, &mut tmp);
        linear = false;
        if !tmp.is_empty() {
            segs.push(Seg {
                f: out.len(),
                o: i,
                olen: clen,
            });
            out.extend_from_slice(tmp.as_bytes());
        }
        i += clen;
    }
    let text = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Folded { text, segs }
}

/// Appends the folded form of one non-ASCII source character to `out`: its NFKC
/// decomposition, lower-cased, with whitespace turned into one space unless the previous folded
/// character already was one (`last_space`, updated). [`fold`] and the matcher's on-the-fly
/// folding both go through here, so the two can never disagree.
pub(crate) fn fold_char(c: char, last_space: &mut bool, out: &mut String) {
    for n in std::iter::once(c).nfkc() {
        if n.is_whitespace() {
            if !*last_space {
                out.push(' ');
                *last_space = true;
            }
            continue;
        }
        out.extend(n.to_lowercase());
        *last_space = false;
    }
}

/// Folded form of an alias (no offset map needed); trailing space removed.
pub fn fold_str(text: &str) -> String {
    let mut f = fold(text).text;
    while f.ends_with(' ') {
        f.pop();
    }
    f
}

/// Letters and digits are word characters; a match must not continue a word on either side.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_width_and_space() {
        let f = fold("  Dinas\u{00a0}Tenaga\n\nKERJA ﬁ Ｓumsel");
        assert_eq!(f.text, "dinas tenaga kerja fi sumsel");
    }

    #[test]
    fn maps_back_to_original() {
        let src = "Ké  ＫSPI!";
        let f = fold(src);
        let pos = f.text.find("kspi").unwrap();
        let (s, e) = f.original_range(pos, pos + 4);
        assert_eq!(&src[s..e], "ＫSPI");
        let (s, e) = f.original_range(0, 3);
        assert_eq!(&src[s..e], "Ké");
    }

    #[test]
    fn fold_str_trims() {
        assert_eq!(fold_str("Kab.  Bekasi "), "kab. bekasi");
    }
}
