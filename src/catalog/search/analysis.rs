//! German text analysis: the tokenizers registered on the index and the
//! matching query-side analysis.

use std::collections::HashMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
    TokenizerManager,
};

/// Whole words: lowercase, stop words, umlaut/ß folding, German stemming.
pub(crate) const WORDS_TOKENIZER: &str = "lr_de";
/// Folded but unstemmed words plus their compound-member suffixes.
pub(crate) const SUFFIX_TOKENIZER: &str = "lr_de_suffix";

/// Shortest query stem that is looked up inside compounds; shorter stems
/// ("lot" from "Löten") are too ambiguous as substrings.
pub(crate) const MIN_COMPOUND_LEN: usize = 4;
/// Typo tolerance needs this many letters in the typed word ...
pub(crate) const MIN_FUZZY_WORD_LEN: usize = 5;
/// ... and in its stem, otherwise one edit reaches too many unrelated words
/// ("lack" -> "lach", "pack", "sack").
pub(crate) const MIN_FUZZY_STEM_LEN: usize = 5;
/// Typos inside compounds (prefix-fuzzy over member suffixes) only for longer stems.
pub(crate) const MIN_FUZZY_COMPOUND_LEN: usize = 6;

/// A compound member must leave at least this many characters in front of it,
/// which keeps inseparable prefixes ("be", "ge", "er") from producing members.
const MIN_HEAD_LEN: usize = 3;
/// When the part in front of a suffix is exactly one of these verbal prefixes,
/// the rest is a derivation, not a compound member ("Einführung" is not "Führung").
const VERBAL_PREFIXES: &[&str] = &[
    "auf", "aus", "bei", "ein", "ent", "fort", "her", "hin", "miss", "mit", "nach", "uber",
    "unter", "ver", "vor", "weg", "wider", "zer", "zuruck",
];
/// Stop words as they look after folding: tantivy's German list only knows the
/// umlaut spelling, but users also type "fuer", "ueber", "dass".
const FOLDED_STOP_WORDS: &[&str] = &[
    "bzw", "dass", "fur", "konnen", "konnte", "sowie", "uber", "usw", "wahrend", "wurde", "wurden",
];

fn german_stop_words() -> StopWordFilter {
    // The list is compiled in with tantivy's default "stopwords" feature.
    StopWordFilter::new(Language::German).unwrap_or_else(|| StopWordFilter::remove(Vec::new()))
}

/// Analyzer producing one stem per (non stop) word.
pub(crate) fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(german_stop_words())
        .filter(AsciiFoldingFilter)
        .filter(DigraphFold)
        .filter(CachedStemmer)
        .build()
}

/// Analyzer producing, per word, the folded word and its compound-member
/// suffixes. Deliberately unstemmed: the stemmer cuts a compound differently
/// than its last member alone ("Schweißtechnik" -> "schweisstechn", but
/// "Technik" -> "technik"), whereas a query stem is always a prefix of the
/// folded word it came from, so "stem is a prefix of a member suffix" finds
/// every inflection of the member.
pub(crate) fn suffix_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(german_stop_words())
        .filter(AsciiFoldingFilter)
        .filter(DigraphFold)
        .filter(CompoundSuffixes)
        .build()
}

pub(crate) fn register(manager: &TokenizerManager) {
    manager.register(WORDS_TOKENIZER, words_analyzer());
    manager.register(SUFFIX_TOKENIZER, suffix_analyzer());
}

/// Replaces the umlaut transcriptions ae/oe/ue by the plain vowel, so that
/// "Fuehrung", "Führung" (already folded to "fuhrung") and "Fuhrung" agree,
/// and drops stop words that only become recognisable after folding.
#[derive(Clone, Copy)]
struct DigraphFold;

fn fold_digraphs(text: &mut String) {
    let has_digraph = text
        .as_bytes()
        .windows(2)
        .any(|pair| matches!(pair, [b'a' | b'o' | b'u', b'e']));
    if !has_digraph {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if c == 'e' && matches!(prev, Some('a' | 'o' | 'u')) {
            prev = None;
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    *text = out;
}

impl TokenFilter for DigraphFold {
    type Tokenizer<T: Tokenizer> = DigraphFoldTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        DigraphFoldTokenizer { inner: tokenizer }
    }
}

#[derive(Clone)]
pub(crate) struct DigraphFoldTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for DigraphFoldTokenizer<T> {
    type TokenStream<'a> = DigraphFoldStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DigraphFoldStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub(crate) struct DigraphFoldStream<S> {
    tail: S,
}

impl<S: TokenStream> TokenStream for DigraphFoldStream<S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            fold_digraphs(&mut token.text);
            if !FOLDED_STOP_WORDS.contains(&token.text.as_str()) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Bound on memoised stems per analyzer instance; the vocabulary of a
/// catalogue is far smaller, this only guards against pathological input.
const STEM_CACHE_LIMIT: usize = 100_000;

/// The German Snowball stemmer, memoised: it dominated indexing time, and the
/// same few thousand words recur in every offering.
#[derive(Clone, Copy)]
struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        CachedStemmerTokenizer {
            inner: tokenizer,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::German))
                .build(),
            cache: HashMap::new(),
        }
    }
}

#[derive(Clone)]
pub(crate) struct CachedStemmerTokenizer<T> {
    inner: T,
    stemmer: TextAnalyzer,
    cache: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerTokenizer<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            cache: &mut self.cache,
        }
    }
}

pub(crate) struct CachedStemmerStream<'a, S> {
    tail: S,
    stemmer: &'a mut TextAnalyzer,
    cache: &'a mut HashMap<String, String>,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = self
            .stemmer
            .token_stream(&token.text)
            .next()
            .map_or_else(|| token.text.clone(), |t| t.text.clone());
        if self.cache.len() >= STEM_CACHE_LIMIT {
            self.cache.clear();
        }
        self.cache
            .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Start offsets (in bytes) of the compound-member suffixes of a folded word,
/// excluding the word itself. Empty for non-alphabetic or short words.
pub(crate) fn member_offsets(word: &str) -> Vec<usize> {
    let mut offsets = Vec::new();
    if !word.chars().all(char::is_alphabetic) {
        return offsets;
    }
    let n_chars = word.chars().count();
    for (char_idx, (byte_idx, _)) in word.char_indices().enumerate() {
        if char_idx < MIN_HEAD_LEN {
            continue;
        }
        if n_chars - char_idx < MIN_COMPOUND_LEN {
            break;
        }
        if VERBAL_PREFIXES.contains(&&word[..byte_idx]) {
            continue;
        }
        offsets.push(byte_idx);
    }
    offsets
}

/// Separates the anchor letter from the word in compound-field tokens.
const ANCHOR_SEPARATOR: char = '|';

/// Compound-field form of a word or suffix: its first letter, a separator,
/// then the text ("schweissen" -> "s|schweissen"). With one edit allowed, a
/// fuzzy query can then no longer slide onto the next suffix by dropping or
/// replacing the first letter (which would let "Führung" reach the "uhrung"
/// of "Einführung"): that costs at least two edits.
pub(crate) fn anchored(text: &str, out: &mut String) {
    out.clear();
    if let Some(first) = text.chars().next() {
        out.push(first);
        out.push(ANCHOR_SEPARATOR);
    }
    out.push_str(text);
}

/// Emits each word followed by its compound-member suffixes (see
/// `member_offsets`), all at the word's position and in `anchored` form. A
/// prefix query on these tokens is a substring match inside one word, which
/// is what finds "Schutzgasschweißen" for "Schweißen".
#[derive(Clone, Copy)]
struct CompoundSuffixes;

impl TokenFilter for CompoundSuffixes {
    type Tokenizer<T: Tokenizer> = CompoundSuffixTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        CompoundSuffixTokenizer { inner: tokenizer }
    }
}

#[derive(Clone)]
pub(crate) struct CompoundSuffixTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CompoundSuffixTokenizer<T> {
    type TokenStream<'a> = CompoundSuffixStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CompoundSuffixStream {
            tail: self.inner.token_stream(text),
            token: Token::default(),
            word: String::new(),
            offsets: Vec::new(),
            next: 0,
        }
    }
}

pub(crate) struct CompoundSuffixStream<S> {
    tail: S,
    token: Token,
    word: String,
    offsets: Vec<usize>,
    next: usize,
}

impl<S: TokenStream> TokenStream for CompoundSuffixStream<S> {
    fn advance(&mut self) -> bool {
        if let Some(&offset) = self.offsets.get(self.next) {
            self.next += 1;
            anchored(&self.word[offset..], &mut self.token.text);
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        self.token.clone_from(self.tail.token());
        self.word.clone_from(&self.token.text);
        anchored(&self.word, &mut self.token.text);
        self.offsets = member_offsets(&self.word);
        self.next = 0;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Analyzer folding like `words_analyzer`, without stemming.
pub(crate) fn folding_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(german_stop_words())
        .filter(AsciiFoldingFilter)
        .filter(DigraphFold)
        .build()
}

/// Query-side analyzers, cloned per search (analyzers need `&mut`).
#[derive(Clone)]
pub(crate) struct QueryAnalyzer {
    stemming: TextAnalyzer,
    folding: TextAnalyzer,
}

impl QueryAnalyzer {
    pub fn new() -> Self {
        QueryAnalyzer {
            stemming: words_analyzer(),
            folding: folding_analyzer(),
        }
    }
}

/// One analysed query word.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QueryWord {
    /// Stem as indexed.
    pub stem: String,
    /// Folded, unstemmed form.
    pub folded: String,
    /// Length in characters of the word as typed.
    pub typed_len: usize,
}

impl QueryWord {
    fn alphabetic(&self) -> bool {
        self.stem.chars().all(char::is_alphabetic)
    }

    pub fn stem_len(&self) -> usize {
        self.stem.chars().count()
    }

    /// Text looked up inside compounds, if any: the stem, or when that is too
    /// short to be specific, the folded word ("loten" rather than "lot").
    pub fn compound_key(&self) -> Option<&str> {
        if !self.alphabetic() {
            None
        } else if self.stem_len() >= MIN_COMPOUND_LEN {
            Some(&self.stem)
        } else if self.folded.chars().count() > MIN_COMPOUND_LEN {
            Some(&self.folded)
        } else {
            None
        }
    }

    pub fn use_fuzzy(&self) -> bool {
        self.alphabetic()
            && self.typed_len >= MIN_FUZZY_WORD_LEN
            && self.stem_len() >= MIN_FUZZY_STEM_LEN
    }

    pub fn use_fuzzy_compound(&self) -> bool {
        self.use_fuzzy() && self.stem_len() >= MIN_FUZZY_COMPOUND_LEN
    }
}

/// Splits user input like the index tokenizer does and analyses each word;
/// stop words disappear, duplicates are merged.
pub(crate) fn analyze_query(analyzer: &mut QueryAnalyzer, text: &str) -> Vec<QueryWord> {
    let mut words: Vec<QueryWord> = Vec::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() {
            continue;
        }
        let Some(stem) = analyzer
            .stemming
            .token_stream(raw)
            .next()
            .map(|t| t.text.clone())
        else {
            continue;
        };
        let folded = analyzer
            .folding
            .token_stream(raw)
            .next()
            .map_or_else(|| stem.clone(), |t| t.text.clone());
        if !words.iter().any(|w| w.stem == stem) {
            words.push(QueryWord {
                stem,
                folded,
                typed_len: raw.chars().count(),
            });
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn umlaut_and_sharp_s_variants_fold_to_the_same_stem() {
        let mut a = words_analyzer();
        assert_eq!(stems(&mut a, "Schweißen"), stems(&mut a, "Schweissen"));
        assert_eq!(stems(&mut a, "Führung"), stems(&mut a, "Fuehrung"));
        assert_eq!(stems(&mut a, "Führung"), stems(&mut a, "Fuhrung"));
        assert_eq!(
            stems(&mut a, "Qualitätsprüfung"),
            stems(&mut a, "Qualitaetspruefung")
        );
    }

    #[test]
    fn stop_words_are_removed_in_all_spellings() {
        let mut a = words_analyzer();
        assert!(stems(&mut a, "der die das und für mit im fuer ueber dass").is_empty());
        assert_eq!(stems(&mut a, "Excel für Einsteiger").len(), 2);
    }

    #[test]
    fn member_suffixes_skip_verbal_prefixes_and_short_heads() {
        let offsets = |s: &str| -> Vec<String> {
            member_offsets(s)
                .into_iter()
                .map(|o| s[o..].to_string())
                .collect()
        };
        assert!(offsets("einfuhrung").iter().all(|s| s != "fuhrung"));
        assert!(offsets("bearbeitung").iter().all(|s| s != "arbeitung"));
        assert!(offsets("schutzgasschweissen").contains(&"schweissen".to_string()));
        assert!(offsets("66025").is_empty());
    }
}
