//! The tagger's view of text: tokens with byte offsets and the hashes its features are built
//! from, computed in one pass over the characters.
//!
//! A token is a run of letters and digits, joined across one inner `-`, `.`, `/`, `'` or `’`
//! when a letter or digit follows ("undang-undang", "kompas.com", "Ma'ruf"), with the full stop
//! of a one-letter initial kept ("M."); every other character that is not white space is a token
//! of its own. This is close to how the IndoNLU sets are tokenised, so a name in the data and
//! in running text cover the same characters.
//!
//! Words are identified by a 64-bit hash of their lower-cased characters, so building features
//! never allocates: the per-call buffers (`Vec<Token>`, the character scratch) are reused for
//! every token.

/// FNV-1a over 64 bits, one step per code point: cheap, stable across builds and platforms (the
/// model file depends on it), and good enough for hashing features into a table.
pub(crate) const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

pub(crate) fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(PRIME)
}

fn hash_chars(chars: &[char]) -> u64 {
    chars.iter().fold(SEED, |h, &c| mix(h, u64::from(c)))
}

/// One token and everything the features need from it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Token {
    /// Byte offsets into the text, on char boundaries.
    pub start: usize,
    pub end: usize,
    /// Hash of the lower-cased token.
    pub word: u64,
    /// Hashes of the lower-cased first two and three, and last two, three and four
    /// characters (the whole word when it is shorter).
    pub prefix2: u64,
    pub prefix3: u64,
    pub suffix2: u64,
    pub suffix3: u64,
    pub suffix4: u64,
    /// Hash of the word shape: upper → `X`, lower → `x`, digit → `d`, other characters as
    /// they are, runs of the same class collapsed ("Sinar" → `Xx`, "PT" → `X`, "09.00" → `d.d`).
    pub shape: u64,
    /// Some character is upper-case (candidate for a name in cased text).
    pub upper: bool,
    /// Made of letters and digits (not a punctuation token).
    pub word_like: bool,
    /// First token of a sentence: after `.`, `!`, `?` or a line break, or the first of the text.
    pub initial: bool,
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | '/' | '\'' | '’')
}

/// Splits `text` into tokens, appending to `out` (cleared first), without their hashes: see
/// [`hash`], which the tagger calls only for tokens it scores or looks at.
pub(crate) fn split(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut at = 0;
    let mut sentence_start = true;
    while let Some(c) = char_at(text, at) {
        let start = at;
        at += c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                sentence_start = true;
            }
            continue;
        }
        let mut tok = Token {
            start,
            initial: sentence_start,
            ..Token::default()
        };
        if is_word_char(c) {
            tok.word_like = true;
            tok.upper = c.is_uppercase();
            let mut letters = 1;
            while let Some(d) = char_at(text, at) {
                if is_word_char(d) {
                    tok.upper |= d.is_uppercase();
                    letters += 1;
                    at += d.len_utf8();
                } else if is_joiner(d) && char_at(text, at + d.len_utf8()).is_some_and(is_word_char)
                {
                    letters += 1;
                    at += d.len_utf8();
                } else {
                    // "M." — the full stop of a one-letter initial belongs to it
                    if d == '.' && letters == 1 && c.is_uppercase() {
                        at += 1;
                    }
                    break;
                }
            }
        }
        tok.end = at;
        sentence_start = match c {
            _ if tok.word_like => false,
            '.' | '!' | '?' => true,
            // an opening quote or bracket leaves the next word where the sentence starts
            '"' | '“' | '\'' | '‘' | '(' => sentence_start,
            _ => false,
        };
        out.push(tok);
    }
}

/// The character starting at byte `at` (a char boundary), decoding only outside ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    let b = *text.as_bytes().get(at)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text[at..].chars().next()
    }
}

/// Fills in the hashes of a token of `text`; `chars` is scratch space.
pub(crate) fn hash(text: &str, tok: &mut Token, chars: &mut Vec<char>) {
    let surface = &text[tok.start..tok.end];
    chars.clear();
    for c in surface.chars() {
        if c.is_ascii() {
            chars.push(c.to_ascii_lowercase());
        } else {
            chars.extend(c.to_lowercase());
        }
    }
    fill_hashes(tok, chars, surface);
}

/// [`split`] and [`hash`] every token.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Token>, chars: &mut Vec<char>) {
    split(text, out);
    for tok in out.iter_mut() {
        hash(text, tok, chars);
    }
}

fn fill_hashes(tok: &mut Token, lower: &[char], surface: &str) {
    let n = lower.len();
    tok.word = hash_chars(lower);
    tok.prefix2 = hash_chars(&lower[..n.min(2)]);
    tok.prefix3 = hash_chars(&lower[..n.min(3)]);
    tok.suffix2 = hash_chars(&lower[n.saturating_sub(2)..]);
    tok.suffix3 = hash_chars(&lower[n.saturating_sub(3)..]);
    tok.suffix4 = hash_chars(&lower[n.saturating_sub(4)..]);
    let mut shape = SEED;
    let mut last = '\0';
    let mut len = 0;
    for c in surface.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class != last && len < 6 {
            shape = mix(shape, u64::from(class));
            last = class;
            len += 1;
        }
    }
    tok.shape = shape;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<&str> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks, &mut Vec::new());
        toks.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn splits_like_the_training_data() {
        assert_eq!(
            surfaces("Ketua SP-PT Sinar (M. Yusuf), kata “dia” 09.00 WIB."),
            [
                "Ketua", "SP-PT", "Sinar", "(", "M.", "Yusuf", ")", ",", "kata", "“", "dia", "”",
                "09.00", "WIB", "."
            ]
        );
        assert_eq!(surfaces("undang-undang - x"), ["undang-undang", "-", "x"]);
        assert_eq!(
            surfaces("Ma'ruf di kompas.com."),
            ["Ma'ruf", "di", "kompas.com", "."]
        );
    }

    #[test]
    fn case_is_folded_and_sentence_starts_are_marked() {
        let mut toks = Vec::new();
        tokenize("Buruh buruh. Sinar\nJaya", &mut toks, &mut Vec::new());
        assert_eq!(toks[0].word, toks[1].word);
        assert!(toks[0].upper && !toks[1].upper);
        assert_ne!(toks[0].shape, toks[1].shape);
        let initial: Vec<bool> = toks.iter().map(|t| t.initial).collect();
        assert_eq!(initial, [true, false, false, true, true]);
    }
}
