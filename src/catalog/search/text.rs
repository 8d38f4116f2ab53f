//! Text matching, evaluated per segment straight on the inverted index.
//!
//! Each query word matches a document through any of: the stemmed word in
//! title, competences, description or provider (BM25, boosted per field), a
//! compound member (prefix of a word or member suffix in the compound field)
//! or one typo. Words are ANDed. Rather than a tantivy BooleanQuery, the
//! alternatives of a word are ORed as bitsets and the words ANDed 64 documents
//! at a time; BM25 is accumulated from the postings blocks, and the constant
//! compound/typo bonuses are only added for documents that end up as hit
//! candidates. This skips the per-document union/intersection machinery,
//! which dominated query time.

use tantivy::query::{Bm25Weight, DfaWrapper, FuzzyTermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, Searcher, SegmentReader, Term};

use crate::catalog::search::SearchError;
use crate::catalog::search::analysis::{self, QueryWord};
use crate::catalog::search::columns::Bits;

/// Per-field weights of whole-word (BM25) matches.
const FIELD_BOOSTS: [f32; 4] = [3.0, 2.0, 1.0, 1.0];
/// Constant scores of compound-member and typo matches; below typical BM25
/// scores of whole-word title matches, and they add up with them, so whole
/// words > compound members > typos.
pub(crate) const COMPOUND_SCORE: f32 = 1.5;
pub(crate) const FUZZY_SCORE: f32 = 0.5;

#[derive(Clone, Copy)]
pub(crate) struct TextFields {
    /// title, competences, description, provider (same order as `FIELD_BOOSTS`).
    pub words: [Field; 4],
    pub compound: Field,
}

struct ExactTerm {
    field: Field,
    term: Term,
    weight: Bm25Weight,
}

struct WordPlan {
    exact: Vec<ExactTerm>,
    compound: Option<DfaWrapper>,
    fuzzy: Option<DfaWrapper>,
}

/// Segment-independent part of a text query.
pub(crate) struct TextPlan {
    words: Vec<WordPlan>,
    compound_field: Field,
}

impl TextPlan {
    /// None when the query has no words (empty or only stop words).
    pub fn new(
        words: &[QueryWord],
        fields: TextFields,
        searcher: &Searcher,
    ) -> Result<Option<TextPlan>, SearchError> {
        if words.is_empty() {
            return Ok(None);
        }
        let mut plans = Vec::with_capacity(words.len());
        let mut anchored = String::new();
        for word in words {
            let mut exact = Vec::new();
            for (field, boost) in fields.words.into_iter().zip(FIELD_BOOSTS) {
                let term = Term::from_field_text(field, &word.stem);
                // Statistics over the whole index, as tantivy's TermQuery does.
                if searcher.doc_freq(&term)? > 0 {
                    let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(&term))?
                        .boost_by(boost);
                    exact.push(ExactTerm {
                        field,
                        term,
                        weight,
                    });
                }
            }
            let compound = match word.compound_key() {
                Some(key) => {
                    analysis::anchored(key, &mut anchored);
                    let term = Term::from_field_text(fields.compound, &anchored);
                    Some(FuzzyTermQuery::new_prefix(term, 0, false).automaton()?)
                }
                None => None,
            };
            let fuzzy = if word.use_fuzzy() {
                analysis::anchored(&word.stem, &mut anchored);
                let term = Term::from_field_text(fields.compound, &anchored);
                let query = if word.use_fuzzy_compound() {
                    FuzzyTermQuery::new_prefix(term, 1, true)
                } else {
                    FuzzyTermQuery::new(term, 1, true)
                };
                Some(query.automaton()?)
            } else {
                None
            };
            plans.push(WordPlan {
                exact,
                compound,
                fuzzy,
            });
        }
        Ok(Some(TextPlan {
            words: plans,
            compound_field: fields.compound,
        }))
    }

    /// Matches of the query in one segment.
    pub fn match_segment(
        &self,
        reader: &SegmentReader,
        n_words: usize,
    ) -> Result<SegmentMatches, SearchError> {
        let max_doc = reader.max_doc();
        let mut matched: Option<Vec<u64>> = None;
        let mut exact_docs = vec![0u64; n_words];
        let mut max_bonus: Score = 0.0;
        let mut bm25: Vec<Score> = Vec::new();
        let mut bonuses = Vec::with_capacity(self.words.len());
        for word in &self.words {
            let mut any = vec![0u64; n_words];
            for exact in &word.exact {
                let inverted = reader.inverted_index(exact.field)?;
                let Some(mut block) =
                    inverted.read_block_postings(&exact.term, IndexRecordOption::WithFreqs)?
                else {
                    continue;
                };
                let norms = reader.get_fieldnorms_reader(exact.field)?;
                if bm25.is_empty() {
                    bm25 = vec![0.0; max_doc as usize];
                }
                loop {
                    let docs = block.docs();
                    if docs.is_empty() {
                        break;
                    }
                    for (&doc, &tf) in docs.iter().zip(block.freqs()) {
                        if let Some(slot) = bm25.get_mut(doc as usize) {
                            *slot += exact.weight.score(norms.fieldnorm_id(doc), tf);
                        }
                        set(&mut any, doc);
                        set(&mut exact_docs, doc);
                    }
                    block.advance();
                }
            }
            if word.compound.is_some() {
                max_bonus += COMPOUND_SCORE;
            }
            if word.fuzzy.is_some() {
                max_bonus += FUZZY_SCORE;
            }
            let compound = self.automaton_docs(reader, word.compound.as_ref(), n_words)?;
            let fuzzy = self.automaton_docs(reader, word.fuzzy.as_ref(), n_words)?;
            for extra in [&compound, &fuzzy].into_iter().flatten() {
                for (a, b) in any.iter_mut().zip(&extra.0) {
                    *a |= b;
                }
            }
            matched = Some(match matched {
                None => any,
                Some(mut m) => {
                    for (a, b) in m.iter_mut().zip(&any) {
                        *a &= b;
                    }
                    m
                }
            });
            bonuses.push((compound, fuzzy));
        }
        Ok(SegmentMatches {
            matched: matched.unwrap_or_else(|| vec![0; n_words]),
            exact_docs,
            max_bonus,
            bm25,
            bonuses,
        })
    }

    /// Documents containing any term of the compound field accepted by `dfa`.
    fn automaton_docs(
        &self,
        reader: &SegmentReader,
        dfa: Option<&DfaWrapper>,
        n_words: usize,
    ) -> Result<Option<Bits>, SearchError> {
        let Some(dfa) = dfa else {
            return Ok(None);
        };
        let inverted = reader.inverted_index(self.compound_field)?;
        let mut bits = Bits(vec![0; n_words]);
        let mut terms = inverted.terms().search(dfa).into_stream()?;
        while terms.advance() {
            let mut block = inverted
                .read_block_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            loop {
                let docs = block.docs();
                if docs.is_empty() {
                    break;
                }
                for &doc in docs {
                    set(&mut bits.0, doc);
                }
                block.advance();
            }
        }
        Ok(Some(bits))
    }
}

fn set(words: &mut [u64], doc: DocId) {
    if let Some(word) = words.get_mut((doc / 64) as usize) {
        *word |= 1 << (doc % 64);
    }
}

fn contains(bits: &Bits, doc: DocId) -> bool {
    bits.0
        .get((doc / 64) as usize)
        .is_some_and(|w| w & (1 << (doc % 64)) != 0)
}

/// Text matches of one segment and what is needed to score them.
pub(crate) struct SegmentMatches {
    pub matched: Vec<u64>,
    /// Documents with at least one whole-word (BM25) match.
    pub exact_docs: Vec<u64>,
    /// Highest score a document without whole-word match can reach.
    pub max_bonus: Score,
    /// Accumulated BM25 per document (empty when no exact term exists).
    bm25: Vec<Score>,
    /// Per query word: documents matching through a compound member / a typo.
    bonuses: Vec<(Option<Bits>, Option<Bits>)>,
}

impl SegmentMatches {
    pub fn score(&self, doc: DocId) -> Score {
        let mut score = self.bm25.get(doc as usize).copied().unwrap_or(0.0);
        for (compound, fuzzy) in &self.bonuses {
            if compound.as_ref().is_some_and(|b| contains(b, doc)) {
                score += COMPOUND_SCORE;
            }
            if fuzzy.as_ref().is_some_and(|b| contains(b, doc)) {
                score += FUZZY_SCORE;
            }
        }
        score
    }
}
