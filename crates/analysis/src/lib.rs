//! Swedish-aware text analysis shared by indexing and querying, so the two can never drift.
//!
//! * Tokenizers for tantivy: [`SWEDISH`], [`SWEDISH_FOLDED`], [`ENGLISH`], registered by
//!   [`register_tokenizers`] (index side: compounds split) and [`register_query_tokenizers`]
//!   (query side: the same names, compounds NOT split; see below).
//! * [`lexicon`]: target groups and methods of a sheet (the contract's facets).
//! * [`synonyms`]: query-time expansions of abbreviations and synonyms.
//! * [`compound`]: the compound splitter itself.
//!
//! ## Compounds, index side vs query side
//! At index time a compound yields, at the SAME position and with the same offsets, the stem
//! of the whole word and the stems of its parts: `långtidsarbetslösa` ->
//! `långtidsarbetslös`, `långtid`, `arbetslös`. So `arbetslösa` finds `långtidsarbetslösa`
//! and phrase queries keep working.
//! At query time words are not split: a query for `långtidsarbetslösa` is the single term
//! `långtidsarbetslös`, which only sheets containing the whole compound have, so exact matches
//! come first and no sheet is matched on `tid` alone. If the query side uses the index-side
//! analyzer anyway (tantivy's `QueryParser` with the index's own `TokenizerManager`), the parts
//! come back at the same position and tantivy builds a phrase query over them, which again
//! only matches the compound: the same result, so either way is safe. Prefer building the
//! `QueryParser` with a manager filled by [`register_query_tokenizers`].

pub mod analyzer;
pub mod compound;
mod fxhash;
pub mod lexicon;
pub mod synonyms;
pub mod text;

use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

pub use analyzer::{AnalyzedWord, Analyzer, Lang};

/// Tokenizer name: Swedish text (tokenize, lowercase, compound split, stem).
pub const SWEDISH: &str = "sv";
/// Tokenizer name: ASCII-folded twin of [`SWEDISH`] (å->a, ä->a, ö->o, é->e), so `malmo`,
/// `orebro`, `vasteras` match. Folding happens before stemming on both sides.
pub const SWEDISH_FOLDED: &str = "sv_folded";
/// Tokenizer name: English sections (tokenize, lowercase, English stemmer).
pub const ENGLISH: &str = "en";

fn analyzer(a: Analyzer) -> TextAnalyzer {
    TextAnalyzer::from(analyzer::AnalysisTokenizer::new(a))
}

/// Registers the index-side tokenizers [`SWEDISH`], [`SWEDISH_FOLDED`] and [`ENGLISH`].
pub fn register_tokenizers(manager: &TokenizerManager) {
    manager.register(SWEDISH, analyzer(Analyzer::SWEDISH));
    manager.register(SWEDISH_FOLDED, analyzer(Analyzer::SWEDISH_FOLDED));
    manager.register(ENGLISH, analyzer(Analyzer::ENGLISH));
}

/// Registers the query-side twins under the SAME names (so a `QueryParser` built with this
/// manager analyses each field's query text like the field was indexed, minus compound
/// splitting): `QueryParser::new(schema, fields, query_manager)`.
pub fn register_query_tokenizers(manager: &TokenizerManager) {
    manager.register(SWEDISH, analyzer(Analyzer::SWEDISH.for_query()));
    manager.register(
        SWEDISH_FOLDED,
        analyzer(Analyzer::SWEDISH_FOLDED.for_query()),
    );
    manager.register(ENGLISH, analyzer(Analyzer::ENGLISH.for_query()));
}
