//! Matching form of a text: NFKC, lower case, whitespace runs collapsed to one space, with a
//! map from every byte of the folded text back to the original so spans can be reported in
//! the caller's byte offsets.
//!
//! Normalisation is done one source character at a time. That is slightly weaker than full
//! NFKC (a base letter followed by a separate combining mark is not composed), but it keeps
//! the offset map exact and simple, and news text is almost always precomposed.

use unicode_normalization::UnicodeNormalization;

/// The folded text and, for each of its bytes, the original byte range of the character it
/// came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Folded {
    /// Original byte range for the folded range `start..end` (`start < end`). Always lands on
    /// character boundaries of the original because it maps to whole source characters.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.starts.is_empty() || start >= end {
            let p = self.starts.get(start).copied().unwrap_or(0);
            return (p, p);
        }
        let s = self.starts[start.min(self.starts.len() - 1)];
        let e = self.ends[(end - 1).min(self.ends.len() - 1)];
        (s, e.max(s))
    }
}

/// Folds `text` for matching (see the module docs).
pub fn fold(text: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        starts: Vec::with_capacity(text.len()),
        ends: Vec::with_capacity(text.len()),
    };
    let mut last_space = true; // drop leading whitespace
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if c.is_ascii() {
            // fast path: ASCII is already NFKC
            if c.is_ascii_whitespace() {
                if !last_space {
                    push(&mut out, ' ', i, end, &mut buf);
                    last_space = true;
                }
            } else {
                push(&mut out, c.to_ascii_lowercase(), i, end, &mut buf);
                last_space = false;
            }
            continue;
        }
        for n in std::iter::once(c).nfkc() {
            if n.is_whitespace() {
                if !last_space {
                    push(&mut out, ' ', i, end, &mut buf);
                    last_space = true;
                }
                continue;
            }
            for l in n.to_lowercase() {
                push(&mut out, l, i, end, &mut buf);
            }
            last_space = false;
        }
    }
    out
}

fn push(out: &mut Folded, c: char, start: usize, end: usize, buf: &mut [u8; 4]) {
    let s = c.encode_utf8(buf);
    out.text.push_str(s);
    for _ in 0..s.len() {
        out.starts.push(start);
        out.ends.push(end);
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
