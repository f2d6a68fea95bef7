//! warta-ner: a learned name tagger for Indonesian news, the backstop of the gazetteer
//! recogniser for people, companies and unions that no list holds, and the CoNLL scoring that
//! measures it (and any other recogniser) on the IndoNLU sets.
//!
//! The model is an averaged structured perceptron over hand-written, hashed features (see
//! [`train`]), trained on the IndoNLU NER training sets (MIT; Wilie et al., 2020, "IndoNLU:
//! Benchmark and Resources for Evaluating Indonesian Natural Language Understanding") and
//! shipped in `gazetteers/ner/` with their licence. Tagging is pure and cheap: no I/O, no
//! allocation per token, and in cased text only capitalised runs are scored.
//!
//! A recogniser uses it as a backstop: `Tagger::bundled().tag(text)` gives people,
//! organisations and places as byte spans with a confidence; [`fill_gaps`] keeps those that
//! overlap nothing the curated rules found, so the gazetteer always wins.

pub mod conll;
mod features;
mod labels;
mod tagger;
mod tokens;
pub mod train;

pub use tagger::Tagger;

/// The kinds of name the tagger finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    Person,
    /// Any organisation: company, union, agency, party, school.
    Organisation,
    Place,
}

/// A name found in a text: byte offsets into it (on char boundaries) and how sure the tagger
/// is that exactly this span is a name of this kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Name {
    pub kind: NameKind,
    pub start: usize,
    pub end: usize,
    /// The lowest per-token probability of the span's labels (forward-backward over the
    /// model's scores), in (0, 1].
    pub confidence: f32,
}

/// A model file that cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a warta name tagger model (bad magic)")]
    Magic,
    #[error("name tagger model version {0} is not supported")]
    Version(u32),
    #[error("name tagger model is truncated or has the wrong size")]
    Truncated,
    #[error("name tagger model checksum does not match (damaged file)")]
    Checksum,
}

/// A line of a CoNLL file that cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}:{line}: {message}")]
pub struct ConllError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The bundled model file: `gazetteers/ner/tagger.bin`, as written by
/// `cargo run --release -p warta-ner --example train`.
const BUNDLED: &[u8] = include_bytes!("../../../gazetteers/ner/tagger.bin");

impl Tagger {
    /// The tagger compiled into the binary, read once (a few milliseconds) and shared.
    pub fn bundled() -> &'static Tagger {
        static TAGGER: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
        TAGGER.get_or_init(|| {
            Tagger::from_bytes(BUNDLED).expect("the bundled model is checked by a test")
        })
    }
}

/// The names of `learned` that overlap no span of `known` (byte ranges, e.g. the gazetteer's
/// entities): the tagger only fills gaps, the curated data always wins.
pub fn fill_gaps(known: &[(usize, usize)], learned: Vec<Name>) -> Vec<Name> {
    learned
        .into_iter()
        .filter(|n| !known.iter().any(|&(s, e)| s < n.end && n.start < e))
        .collect()
}
