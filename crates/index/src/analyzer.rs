//! Text analysis for Indonesian news.
//!
//! tantivy's built-in `Stemmer` filter only knows the 18 languages of its `Language` enum, which
//! does not include Indonesian, although the Snowball Indonesian algorithm ships in the `frostem`
//! crate tantivy already compiles. [`IndonesianStemmer`] is the small adapter between the two.

use std::borrow::Cow;
use std::mem;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// Name under which the stemming analyzer is registered (titles and body text).
pub(crate) const INDONESIAN: &str = "warta_id";
/// Name under which the non-stemming analyzer is registered (organisation and place names).
pub(crate) const NAMES: &str = "warta_name";

/// Tokens longer than this many bytes are dropped: they are URLs, base64 blobs or glued-together
/// words from broken markup, never something a researcher types.
const MAX_TOKEN_BYTES: usize = 40;

/// The analyzer for prose: `SimpleTokenizer → RemoveLongFilter → LowerCaser →
/// AsciiFoldingFilter → IndonesianStemmer`, so that `pelatihan`, `Pelatihan` and affixed forms
/// that Snowball reduces to the same stem match each other.
pub(crate) fn indonesian_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(IndonesianStemmer)
        .build()
}

/// The analyzer for names: like [`indonesian_analyzer`] without stemming, because stripping
/// affixes from proper names (`Pemkot`, `Disnaker`, `Serikat Pekerja`) merges unrelated bodies.
pub(crate) fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// A tantivy [`TokenFilter`] that replaces each token by its Snowball Indonesian stem.
///
/// Tokens must already be lower-cased (the Snowball algorithm is case-sensitive).
#[derive(Clone, Copy, Debug, Default)]
pub struct IndonesianStemmer;

impl TokenFilter for IndonesianStemmer {
    type Tokenizer<T: Tokenizer> = IndonesianStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> IndonesianStemmerFilter<T> {
        IndonesianStemmerFilter { inner: tokenizer }
    }
}

/// The tokenizer produced by [`IndonesianStemmer`]; wraps the previous stage of the chain.
#[derive(Clone)]
pub struct IndonesianStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for IndonesianStemmerFilter<T> {
    type TokenStream<'a> = IndonesianStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        IndonesianStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::Indonesian),
            buffer: String::new(),
        }
    }
}

/// Token stream that stems each token of `tail` in place.
pub struct IndonesianStemmerStream<T> {
    tail: T,
    stemmer: frostem::Stemmer,
    /// Reused allocation, so unchanged tokens cost no allocation.
    buffer: String,
}

impl<T: TokenStream> TokenStream for IndonesianStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        match self.stemmer.stem(&token.text) {
            Cow::Owned(stemmed) => token.text = stemmed,
            Cow::Borrowed(same) => {
                // The stem equals the input; `same` borrows `token.text`, so copy before swapping.
                self.buffer.clear();
                self.buffer.push_str(same);
                mem::swap(&mut token.text, &mut self.buffer);
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Runs `analyzer` over `text` and returns the token texts (used for filters and tests).
#[cfg(test)]
pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_lowercases_folds_and_stems() {
        let mut a = indonesian_analyzer();
        let toks = tokens(&mut a, "Pelatihan KOPERASI café");
        assert_eq!(toks.len(), 3);
        assert_eq!(toks[1], "koperasi");
        assert_eq!(toks[2], "cafe");
        // Whatever frostem makes of the word, the analyzer must agree with it.
        let direct = frostem::Stemmer::new(frostem::Algorithm::Indonesian)
            .stem("pelatihan")
            .into_owned();
        assert_eq!(toks[0], direct);
    }

    #[test]
    fn long_tokens_are_dropped_and_names_are_not_stemmed() {
        let mut a = indonesian_analyzer();
        let long = "x".repeat(MAX_TOKEN_BYTES + 5);
        assert_eq!(tokens(&mut a, &format!("buruh {long}")), vec!["buruh"]);
        let mut n = name_analyzer();
        assert_eq!(
            tokens(&mut n, "Dinas Ketenagakerjaan"),
            vec!["dinas", "ketenagakerjaan"]
        );
    }
}
