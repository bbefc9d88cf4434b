//! No analyzer panics on any input; offsets are char boundaries within the text; positions
//! never decrease.

use projektsok_analysis::{
    ENGLISH, SWEDISH, SWEDISH_FOLDED, lexicon, register_tokenizers, synonyms,
};
use proptest::prelude::*;
use tantivy::tokenizer::TokenizerManager;

fn check(text: &str) {
    let manager = TokenizerManager::default();
    register_tokenizers(&manager);
    for name in [SWEDISH, SWEDISH_FOLDED, ENGLISH] {
        let mut analyzer = manager.get(name).expect("registered");
        let mut stream = analyzer.token_stream(text);
        let mut last_pos = 0;
        while stream.advance() {
            let t = stream.token();
            assert!(t.offset_from <= t.offset_to && t.offset_to <= text.len());
            assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
            assert!(t.position >= last_pos, "positions decrease");
            assert!(!t.text.is_empty());
            last_pos = t.position;
        }
    }
    let _ = lexicon::target_groups(text);
    let _ = lexicon::methods(text);
    let _ = synonyms::expansions(text);
}

fn swedishish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("långtidsarbetslösa".to_string()),
            Just("praktik".to_string()),
            Just("AF:s".to_string()),
            Just("prak¬tik".to_string()),
            Just("inte".to_string()),
            Just("\nSammanfattning\n".to_string()),
            Just("Tillgänglighet för personer med funktionsnedsättning\n".to_string()),
            Just("a\u{308}\u{301}".to_string()),
            Just("👩‍👩‍👧".to_string()),
            Just("مرحبا".to_string()),
            Just("\u{200f}שלום".to_string()),
            Just("ǅ İ ß ﬁ".to_string()),
            "[a-zåäöé]{1,80}",
            "\\PC{0,12}",
            any::<String>(),
        ],
        0..30,
    )
    .prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_unicode(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn swedish_like_text(text in swedishish()) {
        check(&text);
    }

    #[test]
    fn huge_words(c in "[a-zåäö]", n in 0usize..5000) {
        check(&c.repeat(n));
    }
}

#[test]
fn edge_cases() {
    for t in [
        "", " ", "\u{301}", "¬", "a¬", "¬a", ":s", "x:", "x:sss", "\u{0}", "🙂🙂",
    ] {
        check(t);
    }
}
