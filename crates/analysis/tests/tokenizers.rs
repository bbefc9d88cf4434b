//! The tantivy tokenizers, alone and in a real index.

use projektsok_analysis::{
    Analyzer, ENGLISH, SWEDISH, SWEDISH_FOLDED, register_query_tokenizers, register_tokenizers,
};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::tokenizer::{Token, TokenizerManager};
use tantivy::{Index, TantivyDocument, doc};

fn tokens(name: &str, text: &str) -> Vec<Token> {
    let manager = TokenizerManager::default();
    register_tokenizers(&manager);
    let mut analyzer = manager.get(name).expect("registered");
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

fn texts(name: &str, text: &str) -> Vec<String> {
    tokens(name, text).into_iter().map(|t| t.text).collect()
}

#[test]
fn swedish_splits_compounds_at_the_same_position() {
    let toks = tokens(SWEDISH, "Många långtidsarbetslösa");
    let t: Vec<(&str, usize)> = toks.iter().map(|t| (t.text.as_str(), t.position)).collect();
    assert_eq!(
        t,
        [
            ("mång", 0),
            ("långtidsarbetslös", 1),
            ("långtid", 1),
            ("arbetslös", 1)
        ]
    );
    // the parts carry the whole word's offsets
    assert!(
        toks[1..]
            .iter()
            .all(|t| (t.offset_from, t.offset_to) == (toks[1].offset_from, toks[1].offset_to))
    );
}

#[test]
fn the_issue_examples() {
    assert!(texts(SWEDISH, "språkpraktik").contains(&"praktik".to_string()));
    assert!(texts(SWEDISH, "arbetsmarknadsinsatser").contains(&"insats".to_string()));
    let q = Analyzer::SWEDISH.for_query().terms("insatser");
    assert_eq!(q, ["insats"]);
    assert!(
        texts(SWEDISH, "kompetensutvecklingsinsatser").contains(&"kompetensutveckling".to_string())
    );
    assert_eq!(
        texts(SWEDISH, "ungdomsarbetslösheten"),
        ["ungdomsarbetslös", "ungdom", "arbetslös"]
    );
}

#[test]
fn folded_twin_matches_unaccented_spellings() {
    for (written, typed) in [
        ("Malmö", "malmo"),
        ("Örebro", "orebro"),
        ("Västerås", "vasteras"),
        ("Jönköping", "jonkoping"),
        ("Gävleborg", "gavleborg"),
        ("långtidsarbetslösa", "langtidsarbetslosa"),
        ("Café", "cafe"),
    ] {
        let doc = texts(SWEDISH_FOLDED, written);
        let q = Analyzer::SWEDISH_FOLDED.for_query().terms(typed);
        assert_eq!(q.len(), 1);
        assert!(doc.contains(&q[0]), "{written} {doc:?} vs {typed} {q:?}");
    }
}

#[test]
fn english_stems() {
    assert_eq!(
        texts(ENGLISH, "Employers offering trainees"),
        ["employ", "offer", "traine"]
    );
}

/// The whole pipeline in a real index: parts match, the whole compound ranks exact matches
/// first, the folded twin finds Malmö.
#[test]
fn in_a_tantivy_index() {
    let mut schema = Schema::builder();
    let opts = |tok: &str| {
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tok)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let body = schema.add_text_field("body", opts(SWEDISH));
    let folded = schema.add_text_field("body_folded", opts(SWEDISH_FOLDED));
    let name = schema.add_text_field("name", STORED);
    let schema = schema.build();
    let index = Index::create_in_ram(schema.clone());
    register_tokenizers(index.tokenizers());
    let mut writer = index.writer(15_000_000).expect("writer");
    let docs = [
        (
            "exact",
            "Projektet vänder sig till långtidsarbetslösa i Malmö.",
        ),
        (
            "plain",
            "Projektet vänder sig till arbetslösa och erbjuder praktik.",
        ),
        (
            "compound",
            "Språkpraktik och arbetsmarknadsinsatser för unga i Umeå.",
        ),
    ];
    for (n, text) in docs {
        writer
            .add_document(doc!(body => text, folded => text, name => n))
            .expect("add");
    }
    writer.commit().expect("commit");
    let reader = index.reader().expect("reader");
    let searcher = reader.searcher();

    let query_manager = TokenizerManager::default();
    register_query_tokenizers(&query_manager);
    let search = |q: &str, field| -> Vec<String> {
        let parser = QueryParser::new(schema.clone(), vec![field], query_manager.clone());
        let query = parser.parse_query(q).expect("query");
        searcher
            .search(&query, &TopDocs::with_limit(10).order_by_score())
            .expect("search")
            .into_iter()
            .map(|(_, addr)| {
                let d: TantivyDocument = searcher.doc(addr).expect("doc");
                d.get_first(name)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    };
    // a part finds the compound
    let mut hits = search("arbetslösa", body);
    hits.sort();
    assert_eq!(hits, ["exact", "plain"]);
    assert_eq!(search("praktik", body).len(), 2);
    assert_eq!(search("insatser", body), ["compound"]);
    // the whole compound only matches the sheet that has it
    assert_eq!(search("långtidsarbetslösa", body), ["exact"]);
    // a phrase still works across a compound
    assert_eq!(search("\"till långtidsarbetslösa\"", body), ["exact"]);
    assert_eq!(search("\"till arbetslösa\"", body).len(), 2);
    // unaccented spelling
    assert_eq!(search("malmo", folded), ["exact"]);
    assert_eq!(search("umea", folded), ["compound"]);
}
