//! Gazetteer matching straight over the caller's text, folding on the fly.
//!
//! The result is defined on the folded text ([`fold`]: NFKC, lower case, whitespace runs as one
//! space): at every position where a word starts (the folded character before is not a letter
//! or digit), the longest alias of the automaton that starts there, ends on a word boundary and
//! satisfies its case rule; positions are taken left to right and a match's end is where the
//! search resumes. A title that swallowed the start of an organisation or office ("Kepala
//! Dinas|Tenaga Kerja ...") is cut back so the office is found.
//!
//! Why not fold first: building the folded copy and its offset map cost as much as the
//! matching itself, and Indonesian news is almost all ASCII, where folding is only "lower case,
//! and whitespace runs read as one space" — two table lookups done while reading each byte.
//! The automaton is walked only from word starts (one anchored walk yields every alias that
//! starts there, longest last), so most words cost one or two transitions before the walk dies.
//!
//! Non-ASCII characters are folded one at a time with the same code as [`fold`]
//! ([`fold_char`]) and cached. That is exact as long as every character folds to a *unit* that
//! reads the same wherever it sits: all letters/digits, all whitespace, or punctuation that no
//! alias can start with after its first character. A text with a character outside those
//! (for example "İ", which folds to a letter plus a combining mark) is folded in full first and
//! matched over the folded copy; the scanner then reads that copy as is.

use aho_corasick::Anchored;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;

use std::sync::Arc;

use crate::normalize::{Folded, fold, fold_char, is_word_char};
use crate::{EntryKind, Gazetteer};

/// A gazetteer match: byte offsets into the caller's text (on char boundaries) and the entries
/// it stands for.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub entries: Arc<[usize]>,
}

/// Entries a match stands for and whether they are all titles.
type Accepted = (Arc<[usize]>, bool);

/// Finds every gazetteer match in `text` (see the module docs for the rules).
pub(crate) fn find(g: &Gazetteer, text: &str) -> Vec<Found> {
    let mut scan = Scan::new(g, text, text, None);
    if scan.foldable() {
        return scan.hits();
    }
    let folded = fold(text);
    Scan::new(g, text, &folded.text, Some(&folded)).hits()
}

/// The ASCII words aliases start with ("dinas", "kota", "di" …, ~2,000 of them), each with
/// the automaton state reached after reading it.
///
/// Every word of a text is a place a match may start, but three words in four start no
/// alias. The scanner hashes each word while finding its end and looks it up here: a miss
/// skips the word with no automaton step at all, a hit resumes the walk after the word. That
/// matters because the automaton (~4 MB) does not fit in cache: its first steps from the
/// start state were the costliest part of matching, and this table (~40 KB) stays in cache.
/// Only a match ending at the word's end counts (inside a word there is no boundary), so
/// nothing is lost by not stepping through it.
#[derive(Debug, Clone)]
pub(crate) struct FirstWords {
    /// Open addressing: (hash tag, index into `words` + 1; 0 = empty).
    slots: Vec<(u32, u32)>,
    words: Vec<FirstWord>,
    /// A 65,536-bit filter over the first eight bytes of every first word ([`filter_key`]),
    /// tested for every word of a text without a branch: a clear bit means no alias starts
    /// with the word. (8 KB, so it stays in the first-level cache.)
    filter: Vec<u64>,
}

/// One word aliases start with, and what the automaton does after it. One cache line each,
/// so a lookup touches one line.
#[derive(Debug, Clone)]
#[repr(C, align(64))]
struct FirstWord {
    /// The word's first eight bytes (zero-padded) and its length, compared before anything
    /// else; the bytes after the eighth in `tail`.
    head: u64,
    len: usize,
    /// Bit `b & 63` is set for every byte `b` that can follow "word " in some alias: most
    /// words after a first word continue no alias, and this tells without touching the
    /// automaton.
    next: u64,
    /// The state after the word.
    state: StateID,
    /// The state after the word and a space (dead when no alias continues with a space).
    after_space: StateID,
    /// Aliases that are exactly this word.
    matches: Box<[usize]>,
    tail: Box<[u8]>,
}

impl FirstWord {
    /// Whether an alias may go on after this word ending at `e` in `b`: always when a
    /// punctuation or non-ASCII character follows (the walk decides), after spaces only when
    /// the byte after them can follow "word " in some alias.
    #[inline]
    fn continues(&self, b: &[u8], e: usize) -> bool {
        match b.get(e) {
            None => false,
            Some(&c) if c < 0x80 && ASCII_CLASS[usize::from(c)] == SPACE => {
                let mut j = e + 1;
                while b
                    .get(j)
                    .is_some_and(|&c| c < 0x80 && ASCII_CLASS[usize::from(c)] == SPACE)
                {
                    j += 1;
                }
                self.next != 0
                    && b.get(j).is_some_and(|&c| {
                        c >= 0x80 || self.next & (1 << (FOLD_ASCII[usize::from(c)] & 63)) != 0
                    })
            }
            Some(_) => true,
        }
    }
}

impl FirstWords {
    /// Hash of a folded ASCII word, eight bytes at a time (the same chunks [`ascii_word`]
    /// hashes while it scans).
    fn hash(word: &[u8]) -> u64 {
        word.chunks(8).fold(0, |h, c| {
            let mut buf = [0u8; 8];
            buf[..c.len()].copy_from_slice(c);
            hash_step(h, u64::from_le_bytes(buf))
        })
    }

    /// Builds the table from the folded patterns: their leading runs of ASCII letters and
    /// digits (a pattern whose first word has other characters is left to the plain walk).
    pub(crate) fn build(nfa: &NFA, start: StateID, patterns: &[String]) -> FirstWords {
        let mut seen: std::collections::BTreeSet<&[u8]> = Default::default();
        for p in patterns {
            let b = p.as_bytes();
            let end = b
                .iter()
                .position(|&c| c >= 0x80 || ASCII_CLASS[usize::from(c)] != WORD)
                .unwrap_or(b.len());
            // a word followed by a non-ASCII letter is longer than its ASCII run
            let whole = b.get(end).is_none_or(|&c| c < 0x80)
                || !p[end..].chars().next().is_some_and(is_word_char);
            if end > 0 && whole {
                seen.insert(&b[..end]);
            }
        }
        let mut filter = vec![0u64; 1024];
        let mut set = |key: usize| {
            if let Some(f) = filter.get_mut(key >> 6) {
                *f |= 1 << (key & 63);
            }
        };
        for p in patterns {
            // the pattern's first word (letters and digits, any script) and its leading ASCII
            // run: the scanner keys a text word on the run's first eight bytes, and keeps
            // without asking a shorter run that a non-ASCII byte ends
            let word_end = p
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(p.len(), |(i, _)| i);
            let run = p.as_bytes()[..word_end]
                .iter()
                .take_while(|&&c| c < 0x80)
                .count();
            if run >= 8 {
                set(filter_key(chunk_of(&p.as_bytes()[..8]), true));
            } else if run == word_end && run > 0 {
                set(filter_key(chunk_of(&p.as_bytes()[..run]), false));
            }
        }
        let mut words = Vec::new();
        for w in seen {
            let mut sid = start;
            for &b in w {
                sid = nfa.next_state(Anchored::Yes, sid, b);
            }
            if nfa.is_dead(sid) {
                continue;
            }
            let mut matches = Vec::new();
            if nfa.is_match(sid) {
                for i in 0..nfa.match_len(sid) {
                    let pid = nfa.match_pattern(sid, i);
                    if nfa.pattern_len(pid) == w.len() {
                        matches.push(pid.as_usize());
                    }
                }
            }
            let after_space = nfa.next_state(Anchored::Yes, sid, b' ');
            let mut next = 0u64;
            if !nfa.is_dead(after_space) {
                for b in 0..=255u8 {
                    if !nfa.is_dead(nfa.next_state(Anchored::Yes, after_space, b)) {
                        next |= 1 << (b & 63);
                    }
                }
            }
            words.push(FirstWord {
                head: chunk_of(w),
                len: w.len(),
                tail: Box::from(w.get(8..).unwrap_or(&[])),
                state: sid,
                matches: matches.into(),
                after_space,
                next,
            });
        }
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![(0u32, 0u32); size];
        for (i, fw) in words.iter().enumerate() {
            let mut word = fw.head.to_le_bytes()[..fw.len.min(8)].to_vec();
            word.extend_from_slice(&fw.tail);
            let h = Self::hash(&word);
            let mut k = h as usize & (size - 1);
            while slots[k].1 != 0 {
                k = (k + 1) & (size - 1);
            }
            slots[k] = ((h >> 32) as u32, i as u32 + 1);
        }
        FirstWords {
            slots,
            words,
            filter,
        }
    }

    /// False only if no alias starts with the text word whose filter key is `key`.
    #[inline]
    fn may_start(&self, key: usize) -> bool {
        self.filter
            .get(key >> 6)
            .is_some_and(|f| f & (1 << (key & 63)) != 0)
    }

    /// The entry for `word` (ASCII letters and digits, any case), if some alias starts with
    /// it. `h` is the hash of the lower-cased word.
    #[inline]
    fn get(&self, h: u64, head: u64, word: &[u8]) -> Option<&FirstWord> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut k = h as usize & mask;
        loop {
            let &(tag, i) = self.slots.get(k)?;
            if i == 0 {
                return None;
            }
            if tag == (h >> 32) as u32
                && let Some(fw) = self.words.get(i as usize - 1)
                && fw.head == head
                && fw.len == word.len()
                && fw
                    .tail
                    .iter()
                    .zip(word.get(8..).unwrap_or(&[]))
                    .all(|(&a, &b)| a == FOLD_ASCII[usize::from(b & 0x7f)])
            {
                return Some(fw);
            }
            k = (k + 1) & mask;
        }
    }
}

/// Up to eight bytes as a little-endian word, zero-padded.
fn chunk_of(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = bytes.len().min(8);
    buf[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(buf)
}

/// The eight bytes of `b` from `at`, zero-padded past the end.
#[inline]
fn load8(b: &[u8], at: usize) -> u64 {
    match b.get(at..at + 8) {
        Some(c) => u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
        None => chunk_of(b.get(at..).unwrap_or(&[])),
    }
}

/// Filter key of a word from its first (up to) eight folded bytes, zero-padded, and whether
/// it is eight bytes or longer.
#[inline]
fn filter_key(chunk: u64, long: bool) -> usize {
    let x = chunk ^ (u64::from(long) << 63);
    (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize
}

/// The high bit of each byte of `m` (others clear) gathered into the low eight bits.
#[inline]
fn gather(m: u64) -> u64 {
    (m.wrapping_mul(0x0002_0408_1020_4081)) >> 56
}

/// Per byte of `chunk`: 0x80 where it equals `v`.
#[inline]
fn eq_bytes(chunk: u64, v: u8) -> u64 {
    let t = chunk ^ (u64::from(v) * ONES);
    !(((t & LOW7).wrapping_add(LOW7)) | t) & HI
}

/// One step of the word hash: mixes in eight folded bytes.
#[inline]
fn hash_step(h: u64, chunk: u64) -> u64 {
    let h = (h.rotate_left(26) ^ chunk).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 29)
}

const HI: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const ONES: u64 = 0x0101_0101_0101_0101;

/// Per byte of `x` (each below 0x80): 0x80 where the byte is `>= c`, else 0. No carry crosses
/// bytes because every sum stays below 0x100.
#[inline]
fn ge(x: u64, c: u8) -> u64 {
    x.wrapping_add(u64::from(0x80 - c) * ONES) & HI
}

/// Per byte of `chunk`: 0x80 where it is an ASCII letter or digit.
#[inline]
fn word_bytes(chunk: u64) -> u64 {
    let y = chunk & LOW7;
    let digit = ge(y, b'0') & !ge(y, b'9' + 1);
    let l = y | (0x20 * ONES);
    let letter = ge(l, b'a') & !ge(l, b'z' + 1);
    (digit | letter) & !(chunk & HI)
}

/// The end of the run of ASCII letters and digits starting at `start`, the hash of the run
/// lower-cased ([`FirstWords::hash`]) and its first eight bytes lower-cased, found eight bytes
/// at a time: words are most of the
/// text, so this is the scanner's inner loop.
#[inline]
fn ascii_word(b: &[u8], start: usize) -> (usize, u64, u64) {
    let mut e = start;
    let mut h = 0;
    let mut head = 0;
    loop {
        let chunk = match b.get(e..e + 8) {
            Some(c) => u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
            None => {
                let mut buf = [0u8; 8];
                let rest = b.get(e..).unwrap_or(&[]);
                buf[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(buf)
            }
        };
        let n = (!word_bytes(chunk) & HI).trailing_zeros() as usize / 8;
        if n == 0 {
            return (e, h, head);
        }
        let keep = if n == 8 {
            u64::MAX
        } else {
            (1u64 << (n * 8)) - 1
        };
        // letters get their lower-case bit; digits already have it
        let folded = (chunk | (0x20 * ONES)) & keep;
        if e == start {
            head = folded;
        }
        h = hash_step(h, folded);
        e += n;
        if n < 8 {
            return (e, h, head);
        }
    }
}

/// ASCII byte classes for the scanner.
const WORD: u8 = 0;
const SPACE: u8 = 1;
const OTHER: u8 = 2;

/// Class of every ASCII byte: letters and digits are word bytes, `u8::is_ascii_whitespace`
/// (what [`fold`] collapses) is space, the rest is punctuation.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() {
            t[i] = WORD;
        } else if b.is_ascii_whitespace() {
            t[i] = SPACE;
        }
        i += 1;
    }
    t
};

/// The folded byte of every ASCII byte: lower case, whitespace as a space.
const FOLD_ASCII: [u8; 128] = {
    let mut t = [0; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_whitespace() {
            b' '
        } else {
            b.to_ascii_lowercase()
        };
        i += 1;
    }
    t
};

/// What a non-ASCII character folds to, as far as matching is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Only letters and digits ("é", "ﬁ" → "fi").
    Word,
    /// Only whitespace: one space, or nothing after another space.
    Space,
    /// Punctuation or symbols, none of which (after the first) an alias starts with.
    Other,
    /// Anything else: the text must be folded in full before matching.
    Complex,
}

/// Longest folded form kept in a [`Unit`]; longer ones (a handful of ligature-like symbols)
/// make the character [`Kind::Complex`].
const UNIT_MAX: usize = 14;

/// The folded bytes of one non-ASCII character and their kind.
#[derive(Debug, Clone, Copy)]
struct Unit {
    kind: Kind,
    len: u8,
    bytes: [u8; UNIT_MAX],
}

impl Unit {
    fn bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

/// An empty cache slot's unit (its key, `u32::MAX`, is no character).
const EMPTY_UNIT: Unit = Unit {
    kind: Kind::Complex,
    len: 0,
    bytes: [0; UNIT_MAX],
};

/// Slots in the direct-mapped cache of folded non-ASCII characters: news uses a few distinct
/// ones (dashes, curly quotes, accented letters) over and over.
const CACHE_SLOTS: usize = 32;

/// An automaton match end: byte offset just past the source character that held the match's
/// last folded byte, and how many folded bytes of that character come after it (non-zero only
/// inside a multi-character punctuation unit such as "…" → "...").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct End {
    at: usize,
    rem: u8,
}

impl End {
    /// True when `self` is further along the folded text than `other`.
    fn after(self, other: End) -> bool {
        self.at > other.at || (self.at == other.at && self.rem < other.rem)
    }
}

/// `(end, pattern)` of every alias found starting at one position, in increasing length.
#[derive(Default)]
struct Ends(Vec<(End, usize)>);

impl Ends {
    fn push(&mut self, end: End, pid: usize) {
        self.0.push((end, pid));
    }

    /// The aliases matching in state `sid` after `fed` folded bytes that start where the walk
    /// started (not ones reached by a suffix).
    fn record(&mut self, nfa: &NFA, sid: StateID, fed: usize, end: End) {
        for i in 0..nfa.match_len(sid) {
            let pid = nfa.match_pattern(sid, i);
            if nfa.pattern_len(pid) == fed {
                self.push(end, pid.as_usize());
            }
        }
    }
}

/// One scan of one text.
struct Scan<'a> {
    g: &'a Gazetteer,
    /// The caller's text (case rules read its surface).
    text: &'a str,
    /// The text scanned: `text` itself, or its folded copy.
    s: &'a str,
    /// `Some` when `s` is the folded copy: positions map back through it, and `s` is read as
    /// is (already folded).
    folded: Option<&'a Folded>,
    /// Kept inline (640 bytes): a heap cache per text cost more in the allocator than it
    /// saved.
    cache: [(u32, Unit); CACHE_SLOTS],
    /// The walk's buffer of alias ends, reused.
    ends: Ends,
}

impl<'a> Scan<'a> {
    fn new(g: &'a Gazetteer, text: &'a str, s: &'a str, folded: Option<&'a Folded>) -> Self {
        Scan {
            g,
            text,
            s,
            folded,
            cache: [(u32::MAX, EMPTY_UNIT); CACHE_SLOTS],
            ends: Ends::default(),
        }
    }

    /// The non-ASCII character at `i` (a char boundary of `s`): its length in `s` and its unit.
    fn unit(&mut self, i: usize) -> (usize, Unit) {
        let Some(c) = self.s.get(i..).and_then(|r| r.chars().next()) else {
            // not reached: every caller passes a char boundary; skip one byte as punctuation
            let empty = Unit {
                kind: Kind::Other,
                len: 0,
                bytes: [0; UNIT_MAX],
            };
            return (1, empty);
        };
        let slot = c as usize % CACHE_SLOTS;
        if let Some(&(k, u)) = self.cache.get(slot)
            && k == c as u32
        {
            return (c.len_utf8(), u);
        }
        let u = self.make_unit(c);
        if let Some(e) = self.cache.get_mut(slot) {
            *e = (c as u32, u);
        }
        (c.len_utf8(), u)
    }

    fn make_unit(&self, c: char) -> Unit {
        let mut out = String::new();
        if self.folded.is_some() {
            // already folded: the character stands for itself
            out.push(c);
        } else {
            fold_char(c, &mut false, &mut out);
        }
        let mut u = Unit {
            kind: Kind::Complex,
            len: 0,
            bytes: [0; UNIT_MAX],
        };
        let Some(dst) = u.bytes.get_mut(..out.len()) else {
            return u;
        };
        dst.copy_from_slice(out.as_bytes());
        u.len = out.len() as u8;
        u.kind = if out == " " {
            // fold_char emits a space first and nothing after it only when every character
            // of the decomposition is whitespace
            Kind::Space
        } else if out.is_empty() || out.contains(' ') {
            Kind::Complex
        } else if out.chars().all(is_word_char) {
            Kind::Word
        } else if out.chars().any(is_word_char)
            || out
                .char_indices()
                .skip(1)
                .any(|(i, _)| self.g.starts[usize::from(out.as_bytes()[i])])
        {
            Kind::Complex
        } else {
            Kind::Other
        };
        u
    }

    /// True when every character of `s` can be folded on the fly (no [`Kind::Complex`]).
    fn foldable(&mut self) -> bool {
        let s: &'a str = self.s;
        if s.is_ascii() {
            return true;
        }
        let b = s.as_bytes();
        let mut i = 0;
        while let Some(k) = b.get(i..).and_then(|r| r.iter().position(|&c| c >= 0x80)) {
            let (len, u) = self.unit(i + k);
            if u.kind == Kind::Complex {
                return false;
            }
            i += k + len;
        }
        true
    }

    /// Whether the folded character just before `pos` is a word character.
    fn word_before(&mut self, pos: usize) -> bool {
        let s: &'a str = self.s;
        let b = s.as_bytes();
        match pos.checked_sub(1).and_then(|p| b.get(p)) {
            None => false,
            Some(&c) if c < 0x80 => ASCII_CLASS[usize::from(c)] == WORD,
            Some(_) => {
                let Some(c) = self.s.get(..pos).and_then(|r| r.chars().next_back()) else {
                    return false;
                };
                self.unit(pos - c.len_utf8()).1.kind == Kind::Word
            }
        }
    }

    /// Whether the folded character at `pos` (a char boundary) is a word character.
    fn word_at(&mut self, pos: usize) -> bool {
        match self.s.as_bytes().get(pos) {
            None => false,
            Some(&c) if c < 0x80 => ASCII_CLASS[usize::from(c)] == WORD,
            Some(_) => self.unit(pos).1.kind == Kind::Word,
        }
    }

    /// Whether the character at `pos` folds to a space (or to nothing after one), and its
    /// length.
    fn space_at(&mut self, pos: usize) -> (bool, usize) {
        match self.s.as_bytes().get(pos) {
            None => (false, 1),
            Some(&c) if c < 0x80 => (ASCII_CLASS[usize::from(c)] == SPACE, 1),
            Some(_) => {
                let (len, u) = self.unit(pos);
                (u.kind == Kind::Space, len)
            }
        }
    }

    /// The candidates in the 64 bytes of `s` from `at` (fewer at the end of the text): every
    /// position whose folded character before is not a word character and which is a word
    /// character or punctuation some alias starts with. ASCII words go through the
    /// first-word filter. Written to `out` in order; returns their number, where the next block
    /// starts and whether the character before it is a word character.
    ///
    /// An all-ASCII block is classified eight bytes at a time into bit masks and the words are
    /// filtered without a branch per word: on a shared machine a mispredicted branch per word
    /// cost more than everything else the scanner does.
    fn block(&mut self, at: usize, prev_word: bool, out: &mut [usize; 64]) -> (usize, usize, bool) {
        let s: &'a str = self.s;
        let b = s.as_bytes();
        let avail = b.len().saturating_sub(at).min(64);
        let mut word = 0u64;
        let mut wide = 0u64;
        let mut punct = 0u64;
        for k in 0..8 {
            let chunk = load8(b, at + 8 * k);
            word |= gather(word_bytes(chunk)) << (8 * k);
            wide |= gather(chunk & HI) << (8 * k);
            let mut p = 0;
            for &v in &self.g.punct_starts {
                p |= eq_bytes(chunk, v);
            }
            punct |= gather(p) << (8 * k);
        }
        let valid = if avail == 64 {
            u64::MAX
        } else {
            (1u64 << avail) - 1
        };
        if wide & valid != 0 || self.g.punct_other {
            return self.block_scalar(at, prev_word, out);
        }
        let after_non_word = !((word << 1) | u64::from(prev_word));
        let mut cands = (word | punct) & after_non_word & valid;
        let fw = &self.g.first_words;
        let mut n = 0;
        while cands != 0 {
            let i = cands.trailing_zeros() as usize;
            cands &= cands - 1;
            let p = at + i;
            let keep = if word & (1 << i) == 0 {
                true
            } else {
                let chunk = load8(b, p);
                let len = (!word_bytes(chunk) & HI).trailing_zeros() as usize / 8;
                // a run ended by a non-ASCII byte may be the start of a longer word
                let wide_end = len < 8 && (chunk >> (8 * len)) & 0x80 != 0;
                let keep = u64::MAX >> (64 - 8 * len.max(1));
                let key = filter_key((chunk | (0x20 * ONES)) & keep, len == 8);
                wide_end | fw.may_start(key)
            };
            out[n & 63] = p;
            n += usize::from(keep);
        }
        (n.min(64), at + avail, (word >> (avail.max(1) - 1)) & 1 == 1)
    }

    /// [`Scan::block`] one character at a time, for blocks with non-ASCII characters (and for
    /// gazetteers with many punctuation starts); no filter.
    fn block_scalar(
        &mut self,
        at: usize,
        mut prev_word: bool,
        out: &mut [usize; 64],
    ) -> (usize, usize, bool) {
        let s: &'a str = self.s;
        let b = s.as_bytes();
        let limit = (at + 64).min(b.len());
        let mut n = 0;
        let mut pos = at;
        while pos < limit {
            let (len, is_word, starts) = match b.get(pos) {
                Some(&c) if c < 0x80 => (
                    1,
                    ASCII_CLASS[usize::from(c)] == WORD,
                    self.g.starts[usize::from(c)],
                ),
                _ => {
                    let (len, u) = self.unit(pos);
                    let starts = u
                        .bytes()
                        .first()
                        .is_some_and(|&f| self.g.starts[usize::from(f)]);
                    (len, u.kind == Kind::Word, starts)
                }
            };
            if !prev_word && (is_word || starts) && n < 64 {
                out[n] = pos;
                n += 1;
            }
            prev_word = is_word;
            pos += len;
        }
        (n, pos, prev_word)
    }

    /// Longest valid match starting at `fs` whose source ends at or before `max_end`. One walk
    /// of the automaton collects every alias starting at `fs`; they are tried longest first, so
    /// a failed case or boundary check on the longest falls back to a shorter alias.
    fn anchored(&mut self, fs: usize, max_end: usize) -> Option<(End, Accepted)> {
        self.walk(fs, max_end, None)
    }

    /// [`Scan::anchored`] resumed after the first word: `first` is the end of that word
    /// (ASCII, ending before a non-word character) and its table entry.
    fn walk(
        &mut self,
        fs: usize,
        max_end: usize,
        first: Option<(usize, &FirstWord)>,
    ) -> Option<(End, Accepted)> {
        let g = self.g;
        let nfa = &g.nfa;
        let s: &'a str = self.s;
        let b = s.as_bytes();
        let max_end = max_end.min(b.len());
        // the buffer is kept in the scan and reused: a fresh one per walk was measurable
        let mut ends = std::mem::take(&mut self.ends);
        ends.0.clear();
        let mut sid = g.nfa_start;
        let mut fed = 0usize;
        let mut last_space = false;
        let mut i = fs;
        let mut done = false;
        if let Some((e, fw)) = first {
            sid = fw.state;
            fed = e - fs;
            i = e;
            for &pid in &fw.matches {
                ends.push(End { at: e, rem: 0 }, pid);
            }
            // "word" then spaces: go on only if the next byte can continue an alias
            if b.get(e)
                .is_some_and(|&c| c < 0x80 && ASCII_CLASS[usize::from(c)] == SPACE)
            {
                let mut j = e + 1;
                while b
                    .get(j)
                    .is_some_and(|&c| c < 0x80 && ASCII_CLASS[usize::from(c)] == SPACE)
                {
                    j += 1;
                }
                let go = !nfa.is_dead(fw.after_space)
                    && b.get(j).is_some_and(|&c| {
                        c >= 0x80 || fw.next & (1 << (FOLD_ASCII[usize::from(c)] & 63)) != 0
                    });
                if go {
                    sid = fw.after_space;
                    fed += 1;
                    i = j;
                    last_space = true;
                } else {
                    done = true;
                }
            }
        }
        'walk: while !done && i < max_end {
            let c = b[i];
            if c < 0x80 {
                let fb = FOLD_ASCII[usize::from(c)];
                i += 1;
                if fb == b' ' {
                    if last_space {
                        continue;
                    }
                    last_space = true;
                } else {
                    last_space = false;
                }
                sid = nfa.next_state(Anchored::Yes, sid, fb);
                fed += 1;
                if nfa.is_special(sid) {
                    if nfa.is_dead(sid) {
                        break;
                    }
                    if nfa.is_match(sid) {
                        ends.record(nfa, sid, fed, End { at: i, rem: 0 });
                    }
                }
            } else {
                let (len, u) = self.unit(i);
                i += len;
                let bytes: &[u8] = match u.kind {
                    Kind::Space if last_space => &[],
                    Kind::Space => b" ",
                    _ => u.bytes(),
                };
                last_space = u.kind == Kind::Space;
                for (k, &fb) in bytes.iter().enumerate() {
                    sid = nfa.next_state(Anchored::Yes, sid, fb);
                    fed += 1;
                    if nfa.is_special(sid) {
                        if nfa.is_dead(sid) {
                            break 'walk;
                        }
                        let rem = bytes.len() - k - 1;
                        // inside a word unit the next folded character is a letter: no
                        // boundary, so no match
                        if nfa.is_match(sid) && (rem == 0 || u.kind == Kind::Other) {
                            ends.record(
                                nfa,
                                sid,
                                fed,
                                End {
                                    at: i,
                                    rem: rem as u8,
                                },
                            );
                        }
                    }
                }
            }
        }
        let mut out = None;
        for &(end, pid) in ends.0.iter().rev() {
            if let Some(list) = self.validate(fs, end, pid) {
                out = Some((end, list));
                break;
            }
        }
        self.ends = ends;
        out
    }

    /// Checks the word boundary after the match and the case rules of the pattern's targets;
    /// returns the entries that accept this occurrence. (The boundary before holds by
    /// construction: walks start only after a non-word character.)
    fn validate(&mut self, fs: usize, end: End, pattern: usize) -> Option<Accepted> {
        // inside a punctuation unit the next folded character is punctuation too
        if end.rem == 0 && self.word_at(end.at) {
            return None;
        }
        let g = self.g;
        let targets = g.targets.get(pattern)?;
        let info = g.pattern_info.get(pattern)?;
        if targets.is_empty() {
            return None;
        }
        // only case rules need the original surface
        if info.any_case {
            return Some((info.entries.clone(), info.titles));
        }
        let (s, e) = self.original(fs, end.at);
        let surface = self.text.get(s..e).unwrap_or("");
        let accepted = targets.iter().filter(|t| t.case.accepts(surface)).count();
        if accepted == targets.len() {
            // the common case: the shared list, no allocation
            return Some((info.entries.clone(), info.titles));
        }
        let mut list: Vec<usize> = targets
            .iter()
            .filter(|t| t.case.accepts(surface))
            .map(|t| t.entry)
            .collect();
        list.dedup();
        let titles = self.all_titles(&list);
        (!list.is_empty()).then(|| (list.into(), titles))
    }

    /// Byte range in the caller's text for `start..end` of `s`.
    fn original(&self, start: usize, end: usize) -> (usize, usize) {
        match self.folded {
            Some(f) => f.original_range(start, end),
            None => (start, end),
        }
    }

    fn all_titles(&self, list: &[usize]) -> bool {
        list.iter()
            .all(|&e| self.g.entry_at(e).kind == EntryKind::Title)
    }

    fn hits(&mut self) -> Vec<Found> {
        let s: &'a str = self.s;
        let len = s.len();
        // about one match per 70 bytes of news text
        let mut out: Vec<Found> = Vec::with_capacity(len / 64 + 4);
        // where the next match may start (the end of the last one)
        let mut pos = 0;
        // where the next block of candidates starts, and whether a word character precedes
        let mut at = 0;
        let mut prev_word = false;
        let mut cands = [0usize; 64];
        while at < len {
            if pos > at {
                // inside a long match: nothing can start before its end
                at = pos;
                prev_word = self.word_before(at);
            }
            let (n, next, pw) = self.block(at, prev_word, &mut cands);
            at = next;
            prev_word = pw;
            for &fs in &cands[..n] {
                if fs >= pos {
                    self.try_at(fs, &mut pos, &mut out);
                }
            }
        }
        out
    }

    /// Looks for a match starting at the candidate `fs`; pushes what it finds to `out` and
    /// moves `pos` past it.
    fn try_at(&mut self, fs: usize, pos: &mut usize, out: &mut Vec<Found>) {
        let s: &'a str = self.s;
        let g: &'a Gazetteer = self.g;
        let b = s.as_bytes();
        // an ASCII word: skip it unless some alias starts with it
        let mut first = None;
        if b[fs] < 0x80 && ASCII_CLASS[usize::from(b[fs])] == WORD {
            let (e, h, head) = ascii_word(b, fs);
            if !self.word_at(e) {
                match g.first_words.get(h, head, &b[fs..e]) {
                    // the common outcome, decided without setting up a walk: the word is no
                    // alias itself and what follows it continues none
                    Some(fw) if fw.matches.is_empty() && !fw.continues(b, e) => return,
                    Some(fw) => first = Some((e, fw)),
                    None => return,
                }
            }
        }
        let Some((mut fe, mut list)) = self.walk(fs, usize::MAX, first) else {
            return;
        };
        // a title that swallowed the start of an organisation or office: look for an
        // actor starting after one of the title's spaces and reaching past its end
        let mut next: Option<(usize, End, Arc<[usize]>)> = None;
        if list.1 {
            let mut p = fs;
            while p < fe.at {
                let (space, len) = self.space_at(p);
                if !space {
                    p += len;
                    continue;
                }
                // a whitespace run folds to one space, read at the run's start
                let run = p;
                while p < fe.at {
                    let (space, len) = self.space_at(p);
                    if !space {
                        break;
                    }
                    p += len;
                }
                let ws = p;
                if let Some((e2, (l2, _))) = self.anchored(ws, usize::MAX)
                    && e2.after(fe)
                    && l2.iter().any(|&x| self.g.entry_at(x).kind.is_actor())
                {
                    match self.anchored(fs, run) {
                        Some((he, hl)) if he == (End { at: run, rem: 0 }) && hl.1 => {
                            fe = he;
                            list = hl;
                        }
                        _ => fe = End { at: fs, rem: 0 }, // drop the title
                    }
                    next = Some((ws, e2, l2));
                    break;
                }
            }
        }
        if fe.at > fs {
            out.push(self.found(fs, fe.at, list.0));
        }
        *pos = fe.at.max(fs + 1);
        if let Some((ws, e2, l2)) = next {
            out.push(self.found(ws, e2.at, l2));
            *pos = e2.at;
        }
    }

    fn found(&self, start: usize, end: usize, entries: Arc<[usize]>) -> Found {
        let (start, end) = self.original(start, end);
        Found {
            start,
            end,
            entries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn g() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::bundled().expect("bundled gazetteer"))
    }

    /// The reference: fold the whole text first, then scan the folded copy.
    fn find_folded(g: &Gazetteer, text: &str) -> Vec<(usize, usize, Vec<usize>)> {
        let folded = fold(text);
        let mut scan = Scan::new(g, text, &folded.text, Some(&folded));
        simple(scan.hits())
    }

    fn simple(found: Vec<Found>) -> Vec<(usize, usize, Vec<usize>)> {
        found
            .into_iter()
            .map(|f| (f.start, f.end, f.entries.to_vec()))
            .collect()
    }

    fn swar_word_bytes_scalar(b: &[u8; 8]) -> u64 {
        b.iter()
            .enumerate()
            .filter(|(_, c)| c.is_ascii_alphanumeric())
            .fold(0, |m, (i, _)| m | 1 << i)
    }

    proptest! {
        #[test]
        fn swar_helpers_agree_with_bytes(b in proptest::array::uniform8(any::<u8>())) {
            let x = u64::from_le_bytes(b);
            prop_assert_eq!(gather(word_bytes(x)), swar_word_bytes_scalar(&b));
            let hi = b.iter().enumerate().filter(|(_, c)| **c >= 0x80).fold(0, |m, (i, _)| m | 1 << i);
            prop_assert_eq!(gather(x & HI), hi);
            let paren = b.iter().enumerate().filter(|(_, c)| **c == b'(').fold(0, |m, (i, _)| m | 1 << i);
            prop_assert_eq!(gather(eq_bytes(x, b'(')), paren);
        }

        /// Folding on the fly finds exactly what folding first finds, for text made of alias
        /// pieces, case changes, odd whitespace and characters that fold to several.
        #[test]
        fn on_the_fly_equals_fold_first(parts in proptest::collection::vec(prop::sample::select(vec![
            "Dinas Tenaga Kerja", "DINAS  tenaga\nkerja", "Kota Bekasi", "Bekasi", "KSPI", "kspi",
            "Kepala Dinas Tenaga Kerja dan Transmigrasi", "Provinsi Jawa Barat", "(Pj)", "(",
            "Bupati", "Disnaker", "FSPMI", "upah minimum", " ", "  ", "\n", "\t", ",", ".", "-",
            "\u{a0}", "…", "é", "É", "ﬁ", "İ", "—", "“", "”", "’", "Ⅳ", "\u{200b}", "😀", "ǅ",
            "Ｋ", "x", "Sumsel", "DPRD", "Komisi IV", "PT Maju", "di", "Yogyakarta", "0",
        ]), 0..30)) {
            let text: String = parts.concat();
            let got = simple(find(g(), &text));
            prop_assert_eq!(got, find_folded(g(), &text));
        }
    }

    #[test]
    fn long_words_and_block_edges() {
        // words across 64-byte block edges, long first words, a non-ASCII letter after an
        // ASCII run, and the last partial block
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&"a".repeat(i % 13));
            text.push_str(" Disnakertrans Provinsi Jawa Tengah, Société KSPI ");
        }
        text.push_str("Kota Bekasi");
        assert_eq!(simple(find(g(), &text)), find_folded(g(), &text));
        assert!(
            find(g(), &text)
                .iter()
                .any(|f| &text[f.start..f.end] == "Kota Bekasi")
        );
    }

    #[test]
    fn complex_characters_fall_back_to_folding() {
        let scan = Scan::new(g(), "x", "x", None);
        assert_eq!(scan.make_unit('İ').kind, Kind::Complex);
        assert_eq!(scan.make_unit('é').kind, Kind::Word);
        assert_eq!(scan.make_unit('\u{a0}').kind, Kind::Space);
        assert_eq!(scan.make_unit('—').kind, Kind::Other);
        assert_eq!(scan.make_unit('…').kind, Kind::Other);
        let text = "İ Dinas Tenaga Kerja Kota Bekasi";
        let found = find(g(), text);
        assert_eq!(simple(found.clone()), find_folded(g(), text));
        assert!(
            found
                .iter()
                .all(|f| text.is_char_boundary(f.start) && text.is_char_boundary(f.end))
        );
    }
}
