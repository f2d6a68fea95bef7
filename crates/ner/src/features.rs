//! Features of one token, hashed: the word and its neighbours two either side, prefixes and
//! suffixes (Indonesian names and organisations are recognised as much by their affixes and
//! the words around them — "kata", "Bupati", "PT", "Serikat" — as by the word itself), the
//! word shape and its neighbours' shapes, and the sentence start.
//!
//! Everything that looks at case is conjoined with the text's case mode, so the lower-cased
//! training set (where names are written in lower case) does not teach the model that a
//! lower-case word may be a name in cased text, while both sets share what words mean.

use crate::tokens::{SEED, Token, mix};

/// Number of features per token.
pub(crate) const COUNT: usize = 22;

/// How far features look either side of a token.
pub(crate) const REACH: usize = 2;

/// Stand-ins for the words before the first and after the last token.
const BEFORE: u64 = 0x5f3b_1a2c_9d4e_7f60;
const AFTER: u64 = 0x1c8e_6a4b_2d3f_5e71;

/// How the text is written: names capitalised, or everything in lower case (as in one of the
/// training sets, and in some headlines and social media).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Cased,
    Lower,
}

impl Mode {
    /// Cased when any letter of the tokens is upper-case.
    pub(crate) fn of(tokens: &[Token]) -> Mode {
        if tokens.iter().any(|t| t.upper) {
            Mode::Cased
        } else {
            Mode::Lower
        }
    }
}

/// A token that can be part of a name in cased text.
pub(crate) fn candidate(t: &Token) -> bool {
    t.upper && t.word_like
}

/// End of the run of candidates starting at `i`; one non-candidate token between two
/// candidates does not end it ("Tenaga Kerja dan Transmigrasi", "Dr. Sutomo").
pub(crate) fn run_end(tokens: &[Token], i: usize) -> usize {
    let mut end = i + 1;
    loop {
        if tokens.get(end).is_some_and(candidate) {
            end += 1;
        } else if tokens.get(end + 1).is_some_and(candidate) {
            end += 2;
        } else {
            return end;
        }
    }
}

/// The hashed features of token `i` into `out`.
pub(crate) fn extract(tokens: &[Token], i: usize, mode: Mode, out: &mut [u64; COUNT]) {
    let word = |j: Option<usize>, pad: u64| j.and_then(|j| tokens.get(j)).map_or(pad, |t| t.word);
    let shape = |j: Option<usize>, pad: u64| j.and_then(|j| tokens.get(j)).map_or(pad, |t| t.shape);
    let t = &tokens[i];
    let (w0, s0) = (t.word, t.shape);
    let (wp, wpp) = (
        word(i.checked_sub(1), BEFORE),
        word(i.checked_sub(2), BEFORE),
    );
    let (wn, wnn) = (word(Some(i + 1), AFTER), word(Some(i + 2), AFTER));
    let (sp, sn) = (shape(i.checked_sub(1), BEFORE), shape(Some(i + 1), AFTER));
    let m = match mode {
        Mode::Cased => 0x6361_7365,
        Mode::Lower => 0x6c6f_7765,
    };
    let initial = u64::from(t.initial);
    let f =
        |template: u64, parts: &[u64]| parts.iter().fold(mix(SEED, template), |h, &p| mix(h, p));
    *out = [
        f(0, &[m]),
        f(1, &[w0]),
        f(2, &[wp]),
        f(3, &[wn]),
        f(4, &[wpp]),
        f(5, &[wnn]),
        f(6, &[wp, w0]),
        f(7, &[w0, wn]),
        f(8, &[t.prefix2]),
        f(9, &[t.prefix3]),
        f(10, &[t.suffix2]),
        f(11, &[t.suffix3]),
        f(12, &[t.suffix4]),
        f(13, &[m, s0]),
        f(14, &[m, sp]),
        f(15, &[m, sn]),
        f(16, &[m, sp, s0, sn]),
        f(17, &[m, initial, s0]),
        f(18, &[m, wp, s0]),
        f(19, &[m, s0, wn]),
        f(20, &[wpp, wp]),
        f(21, &[m, initial, w0]),
    ];
}
