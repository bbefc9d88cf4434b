//! The analyzers behind the tantivy tokenizer names, usable directly too.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::fxhash::FxBuild;
use crate::{compound, text};

static SV_STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Swedish));
static EN_STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Swedish stem of a lowercase word.
pub fn stem_sv(word: &str) -> String {
    SV_STEMMER.stem(word).into_owned()
}

/// English stem of a lowercase word.
pub fn stem_en(word: &str) -> String {
    EN_STEMMER.stem(word).into_owned()
}

/// Language of an analyzer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Swedish,
    English,
}

/// Configuration of one analyzer: which language, whether compounds are split into extra
/// tokens (index side) and whether terms are ASCII-folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analyzer {
    pub lang: Lang,
    pub split_compounds: bool,
    pub fold: bool,
}

/// One analysed word: the original word and the terms it produces at its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedWord {
    pub offset_from: usize,
    pub offset_to: usize,
    pub position: usize,
    /// The word, lowercased (and folded if the analyzer folds).
    pub word: String,
    /// Compound parts in dictionary form (empty when not a compound), folded if folding.
    pub parts: Vec<String>,
    /// Terms emitted at this position, whole-word stem first, then the parts' stems, no
    /// duplicates.
    pub terms: Vec<String>,
}

impl Analyzer {
    pub const SWEDISH: Analyzer = Analyzer {
        lang: Lang::Swedish,
        split_compounds: true,
        fold: false,
    };
    pub const SWEDISH_FOLDED: Analyzer = Analyzer {
        lang: Lang::Swedish,
        split_compounds: true,
        fold: true,
    };
    pub const ENGLISH: Analyzer = Analyzer {
        lang: Lang::English,
        split_compounds: false,
        fold: false,
    };

    /// The same analyzer without compound splitting (the query side).
    pub const fn for_query(self) -> Analyzer {
        Analyzer {
            split_compounds: false,
            ..self
        }
    }

    fn term(&self, word: &str) -> String {
        match self.lang {
            Lang::English => stem_en(word),
            Lang::Swedish if self.fold => stem_sv(&text::fold(word)),
            Lang::Swedish => stem_sv(word),
        }
    }

    /// Slot of this configuration in a [`WordEntry`].
    fn slot(&self) -> usize {
        usize::from(self.lang == Lang::English) * 4
            + usize::from(self.split_compounds) * 2
            + usize::from(self.fold)
    }

    fn analyze_word(&self, word: &str) -> WordAnalysis {
        let mut terms = vec![self.term(word)];
        let mut parts = Vec::new();
        if self.split_compounds && self.lang == Lang::Swedish {
            compound::with_split(word, |split| {
                for part in split {
                    let t = self.term(part);
                    if !terms.contains(&t) {
                        terms.push(t);
                    }
                    parts.push(if self.fold {
                        text::fold(part)
                    } else {
                        part.clone()
                    });
                }
            });
        }
        WordAnalysis {
            word: if self.fold {
                text::fold(word)
            } else {
                word.to_string()
            },
            parts,
            terms,
        }
    }

    /// Calls `f(offset_from, offset_to, position, analysis)` for every word of `text`.
    fn for_each_word(&self, text: &str, mut f: impl FnMut(usize, usize, usize, &WordAnalysis)) {
        let slot = self.slot();
        for (position, w) in text_words(text).iter().enumerate() {
            let analysis =
                w.entry.analyses[slot].get_or_init(|| Box::new(self.analyze_word(&w.entry.word)));
            f(w.offset_from, w.offset_to, position, analysis);
        }
    }

    /// Analyses `text` word by word.
    pub fn analyze_words(&self, text: &str) -> Vec<AnalyzedWord> {
        let mut out = Vec::new();
        self.for_each_word(text, |offset_from, offset_to, position, a| {
            out.push(AnalyzedWord {
                offset_from,
                offset_to,
                position,
                word: a.word.clone(),
                parts: a.parts.clone(),
                terms: a.terms.clone(),
            })
        });
        out
    }

    /// Calls `f(offset_from, offset_to, position, term)` for every term of `text`: every term of
    /// a word at the word's position and with the word's offsets (so highlighting marks the
    /// whole compound).
    fn for_each_term(&self, text: &str, mut f: impl FnMut(usize, usize, usize, &str)) {
        self.for_each_word(text, |from, to, position, a| {
            for term in a.terms.iter().filter(|t| !t.is_empty()) {
                f(from, to, position, term);
            }
        });
    }

    /// Analyses `text` into tantivy tokens: every term of a word at the word's position and
    /// with the word's offsets.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.for_each_term(text, |offset_from, offset_to, position, term| {
            out.push(Token {
                offset_from,
                offset_to,
                position,
                text: term.to_string(),
                position_length: 1,
            })
        });
        out
    }

    /// Just the terms, in order (handy for tests and for building queries by hand).
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.tokens(text).into_iter().map(|t| t.text).collect()
    }
}

/// What one word yields under one analyzer (the word-independent part of [`AnalyzedWord`]).
struct WordAnalysis {
    word: String,
    parts: Vec<String>,
    terms: Vec<String>,
}

/// Analyzer configurations (see [`Analyzer::slot`]).
const SLOTS: usize = 8;

/// One distinct (lowercase) word and its analysis under each analyzer, made when first asked
/// for: stemming, compound splitting and folding were over half of ingest, and the vocabulary
/// of a corpus is small and Zipfian.
struct WordEntry {
    word: Box<str>,
    analyses: [OnceCell<Box<WordAnalysis>>; SLOTS],
}

/// One word of a text: where it is and its entry.
struct TextWord {
    offset_from: usize,
    offset_to: usize,
    entry: Rc<WordEntry>,
}

/// Distinct words each thread remembers.
const WORD_CACHE_WORDS: usize = 200_000;
/// Texts each thread remembers the words of: tantivy analyses all values of a field, then all
/// of its twin (`body`, then `body_folded`), so the twin finds them without splitting again.
const RECENT_TEXTS: usize = 64;

/// The words of `text`, from the recent texts of this thread or split and looked up now.
fn text_words(text: &str) -> Rc<[TextWord]> {
    type Recent = VecDeque<(Box<str>, Rc<[TextWord]>)>;
    thread_local! {
        static WORDS: RefCell<HashMap<Box<str>, Rc<WordEntry>, FxBuild>> = RefCell::default();
        static RECENT: RefCell<Recent> = RefCell::default();
    }
    let recent = RECENT.with(|r| {
        r.borrow()
            .iter()
            .find(|(t, _)| **t == *text)
            .map(|(_, words)| Rc::clone(words))
    });
    if let Some(words) = recent {
        return words;
    }
    let words: Rc<[TextWord]> = WORDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let mut out = Vec::new();
        text::for_each_word(text, |offset_from, offset_to, w| {
            let entry = match cache.get(w) {
                Some(e) => Rc::clone(e),
                None => {
                    if cache.len() >= WORD_CACHE_WORDS {
                        cache.clear();
                    }
                    let e = Rc::new(WordEntry {
                        word: w.into(),
                        analyses: Default::default(),
                    });
                    cache.insert(w.into(), Rc::clone(&e));
                    e
                }
            };
            out.push(TextWord {
                offset_from,
                offset_to,
                entry,
            });
        });
        out.into()
    });
    RECENT.with(|r| {
        let mut r = r.borrow_mut();
        if r.len() >= RECENT_TEXTS {
            r.pop_front();
        }
        r.push_back((text.into(), Rc::clone(&words)));
    });
    words
}

/// tantivy [`Tokenizer`] wrapping an [`Analyzer`].
#[derive(Debug, Clone)]
pub struct AnalysisTokenizer {
    analyzer: Analyzer,
}

impl AnalysisTokenizer {
    pub fn new(analyzer: Analyzer) -> Self {
        AnalysisTokenizer { analyzer }
    }
}

/// Token stream over pre-analysed terms, kept in one string so that a text costs a few
/// allocations rather than one per token.
pub struct AnalysisTokenStream {
    spans: Vec<TermSpan>,
    /// The terms of `spans`, one after the other.
    terms: String,
    /// Index of the next span.
    next: usize,
    /// The current token (tantivy's default before the first `advance`).
    token: Token,
}

/// One token of an [`AnalysisTokenStream`]: where its word is and its term's bytes in `terms`.
struct TermSpan {
    offset_from: usize,
    offset_to: usize,
    position: usize,
    term: std::ops::Range<usize>,
}

impl Tokenizer for AnalysisTokenizer {
    type TokenStream<'a> = AnalysisTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let mut stream = AnalysisTokenStream {
            spans: Vec::new(),
            terms: String::new(),
            next: 0,
            token: Token::default(),
        };
        self.analyzer
            .for_each_term(text, |offset_from, offset_to, position, term| {
                let start = stream.terms.len();
                stream.terms.push_str(term);
                stream.spans.push(TermSpan {
                    offset_from,
                    offset_to,
                    position,
                    term: start..stream.terms.len(),
                });
            });
        stream
    }
}

impl TokenStream for AnalysisTokenStream {
    fn advance(&mut self) -> bool {
        let Some(span) = self.spans.get(self.next) else {
            return false;
        };
        self.next += 1;
        let token = &mut self.token;
        token.offset_from = span.offset_from;
        token.offset_to = span.offset_to;
        token.position = span.position;
        token.position_length = 1;
        token.text.clear();
        token
            .text
            .push_str(self.terms.get(span.term.clone()).unwrap_or(""));
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tantivy stream yields what [`Analyzer::tokens`] gives, first time and from the cache.
    #[test]
    fn stream_agrees_with_tokens() {
        let text = "Långtidsarbetslösa i Malmö får praktik; långtidsarbetslösa AF:s coachning";
        for analyzer in [
            Analyzer::SWEDISH,
            Analyzer::SWEDISH_FOLDED,
            Analyzer::ENGLISH,
            Analyzer::SWEDISH.for_query(),
        ] {
            for _ in 0..2 {
                let mut tokenizer = AnalysisTokenizer::new(analyzer);
                let mut stream = tokenizer.token_stream(text);
                let mut streamed = Vec::new();
                while stream.advance() {
                    streamed.push(stream.token().clone());
                }
                assert_eq!(streamed, analyzer.tokens(text), "{analyzer:?}");
            }
        }
    }
}
