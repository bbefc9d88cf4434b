//! The analyzers behind the tantivy tokenizer names, usable directly too.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

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

    /// Analyses `text` word by word.
    pub fn analyze_words(&self, text: &str) -> Vec<AnalyzedWord> {
        text::words(text)
            .into_iter()
            .enumerate()
            .map(|(position, w)| {
                let mut terms = vec![self.term(&w.text)];
                let mut parts = Vec::new();
                if self.split_compounds && self.lang == Lang::Swedish {
                    compound::with_split(&w.text, |split| {
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
                AnalyzedWord {
                    offset_from: w.offset_from,
                    offset_to: w.offset_to,
                    position,
                    word: if self.fold {
                        text::fold(&w.text)
                    } else {
                        w.text
                    },
                    parts,
                    terms,
                }
            })
            .collect()
    }

    /// Analyses `text` into tantivy tokens: every term of a word at the word's position and
    /// with the word's offsets (so highlighting marks the whole compound).
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        for w in self.analyze_words(text) {
            for term in w.terms.into_iter().filter(|t| !t.is_empty()) {
                out.push(Token {
                    offset_from: w.offset_from,
                    offset_to: w.offset_to,
                    position: w.position,
                    text: term,
                    position_length: 1,
                });
            }
        }
        out
    }

    /// Just the terms, in order (handy for tests and for building queries by hand).
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.tokens(text).into_iter().map(|t| t.text).collect()
    }
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

/// Token stream over pre-analysed tokens.
pub struct AnalysisTokenStream {
    tokens: Vec<Token>,
    /// Index of the current token + 1 (0 before the first `advance`).
    cursor: usize,
    empty: Token,
}

impl Tokenizer for AnalysisTokenizer {
    type TokenStream<'a> = AnalysisTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        AnalysisTokenStream {
            tokens: self.analyzer.tokens(text),
            cursor: 0,
            empty: Token::default(),
        }
    }
}

impl TokenStream for AnalysisTokenStream {
    fn advance(&mut self) -> bool {
        if self.cursor < self.tokens.len() {
            self.cursor += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.cursor
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .unwrap_or(&self.empty)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.cursor.checked_sub(1) {
            Some(i) if i < self.tokens.len() => &mut self.tokens[i],
            _ => &mut self.empty,
        }
    }
}
