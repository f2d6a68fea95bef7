//! The tagger at run time: a hashed linear model over the features of [`crate::features`],
//! decoded with first-order transitions, and its file format.
//!
//! Cost is kept to a few table lookups per token that can be a name: in cased text only runs
//! of capitalised tokens (with one other token allowed between two of them, for "Tenaga Kerja
//! dan Transmigrasi" or "Dr. Sutomo") are scored at all, every other token is outside a name
//! by definition. Lower-case text is scored whole.

use crate::features::{self, Mode};
use crate::labels::{self, COUNT, O, START};
use crate::tokens::{self, Token};
use crate::{ModelError, Name};

const MAGIC: &[u8; 8] = b"WARTANER";
const VERSION: u32 = 1;

/// A trained name tagger. Cheap to share between threads (`&self` only).
#[derive(Debug, Clone)]
pub struct Tagger {
    /// log2 of the number of feature buckets.
    bits: u32,
    /// `COUNT` weights per bucket, quantised.
    weights: Vec<i16>,
    /// `[previous label][label]`, row [`START`] for the first token, same units as `weights`.
    transitions: [[i32; COUNT]; COUNT + 1],
    /// Weight units per perceptron update.
    units: f32,
    /// Perceptron scores divided by this are read as log-probabilities for the confidence
    /// (fitted on held-out training sentences, see [`crate::train`]).
    temperature: f32,
    /// The transitions as [`labels::exp_transitions`] gives them for this temperature.
    exp_transitions: [[f64; COUNT]; COUNT + 1],
}

/// Per-call buffers, so tagging allocates per text, not per token.
#[derive(Default)]
struct Work {
    tokens: Vec<Token>,
    chars: Vec<char>,
    emissions: Vec<[i32; COUNT]>,
    back: Vec<[u8; COUNT]>,
    path: Vec<u8>,
    marginals: Vec<[f64; COUNT]>,
    beta: Vec<[f64; COUNT]>,
}

impl Tagger {
    /// Builds a tagger from trained weights (`weights.len()` must be `COUNT << bits`).
    pub(crate) fn from_parts(
        bits: u32,
        weights: Vec<i16>,
        transitions: [[i32; COUNT]; COUNT + 1],
        units: f32,
        temperature: f32,
    ) -> Tagger {
        assert_eq!(weights.len(), COUNT << bits);
        let to_log = 1.0 / f64::from(units * temperature);
        let exp_transitions =
            labels::exp_transitions(&transitions.map(|row| row.map(|t| f64::from(t) * to_log)));
        Tagger {
            bits,
            weights,
            transitions,
            units,
            temperature,
            exp_transitions,
        }
    }

    /// The names in `text`: people, organisations and places, in text order, as byte spans on
    /// char boundaries, each with a confidence in (0, 1]. Never panics.
    pub fn tag(&self, text: &str) -> Vec<Name> {
        let mut work = Work::default();
        tokens::split(text, &mut work.tokens);
        let n = work.tokens.len();
        let mode = Mode::of(&work.tokens);
        let mut names = Vec::new();
        // tokens below this index have their hashes
        let mut hashed = 0;
        let mut i = 0;
        while i < n {
            let end = match mode {
                Mode::Lower => n,
                Mode::Cased if features::candidate(&work.tokens[i]) => {
                    features::run_end(&work.tokens, i)
                }
                Mode::Cased => {
                    i += 1;
                    continue;
                }
            };
            let reach = features::REACH;
            for tok in &mut work.tokens[hashed.max(i.saturating_sub(reach))..n.min(end + reach)] {
                tokens::hash(text, tok, &mut work.chars);
            }
            hashed = n.min(end + reach);
            self.decode(&mut work, i, end, mode, &mut names);
            i = end;
        }
        names
    }

    /// Labels tokens `from..to` (everything outside is outside a name) and appends the names.
    fn decode(&self, work: &mut Work, from: usize, to: usize, mode: Mode, names: &mut Vec<Name>) {
        let mut feats = [0u64; features::COUNT];
        work.emissions.clear();
        for i in from..to {
            features::extract(&work.tokens, i, mode, &mut feats);
            let mut em = [0i32; COUNT];
            for &f in &feats {
                let row = bucket(f, self.bits) * COUNT;
                for (e, &w) in em.iter_mut().zip(&self.weights[row..row + COUNT]) {
                    *e += i32::from(w);
                }
            }
            work.emissions.push(em);
        }
        let start_row = if from == 0 { START } else { usize::from(O) };
        labels::best_path(
            &work.emissions,
            &self.transitions,
            start_row,
            &mut work.back,
            &mut work.path,
        );
        if work.path.iter().all(|&l| l == O) {
            return;
        }
        let to_log = 1.0 / f64::from(self.units * self.temperature);
        work.marginals.clear();
        work.marginals.extend(
            work.emissions
                .iter()
                .map(|em| em.map(|e| f64::from(e) * to_log)),
        );
        labels::marginals(
            &mut work.marginals,
            &self.exp_transitions,
            start_row,
            &mut work.beta,
        );
        let marginals = &work.marginals;
        let mut t = 0;
        while t < work.path.len() {
            let Some(kind) = labels::kind(work.path[t]) else {
                t += 1;
                continue;
            };
            let first = t;
            let mut confidence = marginals[t][usize::from(work.path[t])] as f32;
            t += 1;
            while t < work.path.len() && labels::is_inside(work.path[t]) {
                confidence = confidence.min(marginals[t][usize::from(work.path[t])] as f32);
                t += 1;
            }
            names.push(Name {
                kind,
                start: work.tokens[from + first].start,
                end: work.tokens[from + t - 1].end,
                confidence: confidence.clamp(f32::MIN_POSITIVE, 1.0),
            });
        }
    }

    /// The model file: magic, version, bucket bits, units, temperature, transitions, weights (little
    /// endian), then an FNV-1a checksum of everything before it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.units.to_le_bytes());
        out.extend_from_slice(&self.temperature.to_le_bytes());
        for v in self.transitions.iter().flatten() {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model written by [`Tagger::to_bytes`], checking its size and checksum.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let (body, sum) = bytes.split_last_chunk::<8>().ok_or(ModelError::Truncated)?;
        if checksum(body) != u64::from_le_bytes(*sum) {
            return Err(ModelError::Checksum);
        }
        let mut r = Reader(body);
        if r.take(8)? != MAGIC {
            return Err(ModelError::Magic);
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let bits = r.u32()?;
        if !(8..=24).contains(&bits) {
            return Err(ModelError::Truncated);
        }
        let units = f32::from_le_bytes(r.array()?);
        let temperature = f32::from_le_bytes(r.array()?);
        if !(units > 0.0 && temperature > 0.0) {
            return Err(ModelError::Truncated);
        }
        let mut transitions = [[0i32; COUNT]; COUNT + 1];
        for v in transitions.iter_mut().flatten() {
            *v = i32::from_le_bytes(r.array()?);
        }
        let weights: Vec<i16> = r
            .take(2 * (COUNT << bits))?
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        if !r.0.is_empty() {
            return Err(ModelError::Truncated);
        }
        Ok(Tagger::from_parts(
            bits,
            weights,
            transitions,
            units,
            temperature,
        ))
    }
}

/// The table row of a hashed feature (Fibonacci hashing: the top bits of the product).
pub(crate) fn bucket(feature: u64, bits: u32) -> usize {
    (feature.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

fn checksum(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(tokens::SEED, |h, &b| tokens::mix(h, u64::from(b)))
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.0.len() < n {
            return Err(ModelError::Truncated);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        Ok(self.take(N)?.try_into().expect("take returned N bytes"))
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NameKind;
    use proptest::prelude::*;

    fn tagger() -> &'static Tagger {
        Tagger::bundled()
    }

    fn found(text: &str) -> Vec<(NameKind, &str)> {
        tagger()
            .tag(text)
            .into_iter()
            .map(|n| (n.kind, &text[n.start..n.end]))
            .collect()
    }

    #[test]
    fn finds_a_person_and_a_company_no_list_holds() {
        // invented names: none is in the gazetteers
        let text = "Ketua Serikat Pekerja Cahaya Mandiri, Yohanes Siregar, mengatakan PT Angkasa \
                    Karya Lestari belum membayar upah buruh sejak Maret.";
        let names = found(text);
        assert!(
            names.contains(&(NameKind::Person, "Yohanes Siregar")),
            "{names:?}"
        );
        assert!(
            names.contains(&(NameKind::Organisation, "PT Angkasa Karya Lestari")),
            "{names:?}"
        );
        let text = "\"Kami menuntut kejelasan,\" ujar Margaretha Simanjuntak kepada wartawan.";
        assert_eq!(found(text), [(NameKind::Person, "Margaretha Simanjuntak")]);
    }

    #[test]
    fn lower_case_text_is_tagged_whole() {
        let names = found("kata hendra wijayakusuma kepada wartawan di jakarta.");
        assert!(
            names.contains(&(NameKind::Person, "hendra wijayakusuma")),
            "{names:?}"
        );
    }

    #[test]
    fn nothing_in_plain_prose() {
        assert!(found("harga beras naik menjelang akhir tahun, kata pedagang.").is_empty());
        assert!(found("").is_empty());
    }

    #[test]
    fn model_file_round_trips_and_damage_is_reported() {
        let bytes = Tagger::bundled().to_bytes();
        assert_eq!(bytes, BUNDLED_BYTES);
        let mut damaged = bytes.clone();
        damaged[100] ^= 1;
        assert_eq!(
            Tagger::from_bytes(&damaged).unwrap_err(),
            ModelError::Checksum
        );
        assert_eq!(
            Tagger::from_bytes(&bytes[..4]).unwrap_err(),
            ModelError::Truncated
        );
        let mut other = b"NOTMODEL".to_vec();
        other.extend_from_slice(&[0; 8]);
        let sum = checksum(&other[..8]);
        other[8..].copy_from_slice(&sum.to_le_bytes());
        assert_eq!(Tagger::from_bytes(&other).unwrap_err(), ModelError::Magic);
    }

    const BUNDLED_BYTES: &[u8] = include_bytes!("../../../gazetteers/ner/tagger.bin");

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn spans_sit_on_char_boundaries(text in "(\\PC|[ .,\\n\"“”'’A-Z]){0,120}") {
            for n in tagger().tag(&text) {
                prop_assert!(n.start < n.end && n.end <= text.len());
                prop_assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
                prop_assert!(n.confidence > 0.0 && n.confidence <= 1.0);
            }
        }

        #[test]
        fn capitalised_words_in_any_script_never_panic(
            words in proptest::collection::vec("[A-ZÀ-ÖĀ-ſ][a-zà-öß-ÿ\\u{300}-\\u{36f}ǅ]{0,8}[.'’-]?", 0..30)
        ) {
            let text = words.join(" ");
            for n in tagger().tag(&text) {
                prop_assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
            }
        }
    }
}
