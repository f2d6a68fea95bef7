//! Paragraphs and sentences of an article body as byte spans, and byte → code point offsets.

/// A byte range of the text.
pub type Range = (usize, usize);

/// The largest char boundary of `text` at or below `at`: windows measured in bytes ("the next
/// 120 bytes") must never cut a multi-byte character such as `”` or `–`.
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Paragraph spans: the body's paragraphs are separated by blank lines.
pub fn paragraphs(text: &str) -> Vec<Range> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices("\n\n") {
        push_trimmed(text, start, i, &mut out);
        start = i + 2;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Sentence spans. A full stop ends a sentence unless it closes an abbreviation or an initial
/// ("H. Sunarto", "dr. Asep", "Prov. Sumsel", "No. 5"), so titles and names stay whole.
pub fn sentences(text: &str) -> Vec<Range> {
    let mut out = Vec::new();
    for (ps, pe) in paragraphs(text) {
        let para = &text[ps..pe];
        let mut start = 0;
        let bytes = para.as_bytes();
        for (i, ch) in para.char_indices() {
            if !matches!(ch, '.' | '!' | '?') {
                continue;
            }
            let after = i + ch.len_utf8();
            let next = para[after..].chars().next();
            let closes = match next {
                None => true,
                Some(c) if c.is_whitespace() => {
                    let rest = para[after..].trim_start();
                    rest.chars().next().is_some_and(|c| {
                        c.is_uppercase() || c.is_ascii_digit() || "“\"(‘'".contains(c)
                    })
                }
                Some(c) => {
                    "”\"’'".contains(c)
                        && para[after + c.len_utf8()..].starts_with(char::is_whitespace)
                }
            };
            if !closes || (ch == '.' && is_abbreviation(para, i)) {
                continue;
            }
            let mut end = after;
            if let Some(c) = next.filter(|c| "”\"’'".contains(*c)) {
                end += c.len_utf8();
            }
            push_trimmed(text, ps + start, ps + end, &mut out);
            start = end;
            let _ = bytes;
        }
        push_trimmed(text, ps + start, pe, &mut out);
    }
    out
}

fn is_abbreviation(para: &str, dot: usize) -> bool {
    let word: String = para[..dot]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.chars().count() == 1 {
        return true; // an initial: "H.", "M.", "A."
    }
    const ABBREVIATIONS: &[&str] = &[
        "dr", "Dr", "Drs", "Dra", "Ir", "Prof", "Hj", "St", "Sdr", "Sdri", "Kab", "Prov", "Kec",
        "Kel", "Jl", "Jln", "No", "Tbk", "PT", "CV", "Bpk", "Yth", "dll", "dsb", "Rp", "Kol",
        "Letkol", "Brigjen", "Irjen", "Kompol", "AKBP", "Ny", "SH", "MH", "MM", "MSi", "SE", "SPd",
        "MPd", "Ak", "SKM", "MT", "ST", "SIP", "SSos", "MAP", "Mr", "Mrs", "vs",
    ];
    ABBREVIATIONS.contains(&word.as_str())
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        out.push((start + lead, end - trail));
    }
}

/// Converts byte offsets into code point offsets (the unit of evidence spans in the schema).
pub struct CharIndex {
    /// Byte offset of every char boundary, plus the text length.
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharIndex { starts }
    }

    pub fn chars(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// Index of the range containing `pos`, if any.
pub fn containing(ranges: &[Range], pos: usize) -> Option<usize> {
    let i = ranges.partition_point(|r| r.1 <= pos);
    ranges.get(i).filter(|r| r.0 <= pos).map(|_| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_titles_and_initials_together() {
        let t = "Pesan disampaikan oleh Asisten I, Bapak H. Sunarto. Beliau hadir.\n\nKata dr. Asep: “Mari.” Lalu pulang.";
        let s: Vec<&str> = sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            vec![
                "Pesan disampaikan oleh Asisten I, Bapak H. Sunarto.",
                "Beliau hadir.",
                "Kata dr. Asep: “Mari.”",
                "Lalu pulang."
            ]
        );
    }

    #[test]
    fn char_index_counts_code_points() {
        let t = "“Aé” b";
        let idx = CharIndex::new(t);
        assert_eq!(idx.chars(t.find('b').unwrap()), 5);
        assert_eq!(idx.chars(t.len()), t.chars().count());
    }

    proptest::proptest! {
        #[test]
        fn spans_fall_on_char_boundaries(s in "(\\PC|\\. |”|–|\n\n|H\\. ){0,80}", at in 0usize..400) {
            let b = floor_boundary(&s, at);
            proptest::prop_assert!(s.is_char_boundary(b) && b <= s.len());
            for (a, e) in paragraphs(&s).into_iter().chain(sentences(&s)) {
                proptest::prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(e) && a <= e);
            }
            let idx = CharIndex::new(&s);
            proptest::prop_assert!(idx.chars(b) <= s.chars().count());
        }
    }
}
