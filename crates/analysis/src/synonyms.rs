//! Query-time synonyms and abbreviations (data: `data/synonyms.toml`).
//! Never applied at index time: the sheets are indexed as written.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::analyzer::stem_sv;
use crate::text;

static DATA: &str = include_str!("../data/synonyms.toml");

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    group: Vec<RawGroup>,
    #[serde(default)]
    expand: Vec<RawExpand>,
}

#[derive(Deserialize)]
struct RawGroup {
    terms: Vec<String>,
}

#[derive(Deserialize)]
struct RawExpand {
    from: Vec<String>,
    to: Vec<String>,
}

/// `(keys, expansions)`: a word equal to one of the keys expands to the expansions.
struct Rule {
    keys: Vec<String>,
    to: Vec<String>,
}

fn norm(s: &str) -> String {
    text::words(s)
        .into_iter()
        .map(|w| w.text)
        .collect::<Vec<_>>()
        .join(" ")
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let raw: Raw = toml::from_str(DATA).expect("data/synonyms.toml is valid (tested)");
    let mut rules = Vec::new();
    for g in raw.group {
        let terms: Vec<String> = g.terms.iter().map(|t| norm(t)).collect();
        rules.push(Rule {
            keys: terms.clone(),
            to: terms,
        });
    }
    for e in raw.expand {
        rules.push(Rule {
            keys: e.from.iter().map(|t| norm(t)).collect(),
            to: e.to.iter().map(|t| norm(t)).collect(),
        });
    }
    rules
});

/// Query-time expansions of one user word or abbreviation (or a multi-word phrase such as
/// `utrikes födda`): other words/phrases to OR with it, lowercase, in data-file order, without
/// the word itself. Matching is exact on the lowercase word first, then on the Swedish stem
/// (`ungdomarna` -> the `ungdomar` group), then ASCII-folded (`forsakringskassan`). Empty if
/// none.
pub fn expansions(word: &str) -> Vec<String> {
    let w = norm(word);
    if w.is_empty() {
        return Vec::new();
    }
    let exact = |k: &String| *k == w;
    let stem_w = stem_sv(&w);
    let by_stem = |k: &String| !k.contains(' ') && stem_sv(k) == stem_w;
    let folded_w = text::fold(&w);
    let by_fold = |k: &String| text::fold(k) == folded_w;
    let tests: [&dyn Fn(&String) -> bool; 3] = [&exact, &by_stem, &by_fold];
    for test in tests {
        let mut out: Vec<String> = Vec::new();
        for rule in RULES.iter() {
            if rule.keys.iter().any(test) {
                for t in &rule.to {
                    if *t != w && !test(t) && !out.contains(t) {
                        out.push(t.clone());
                    }
                }
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses() {
        let raw: Raw = toml::from_str(DATA).expect("synonyms.toml");
        assert!(!raw.group.is_empty());
        assert!(!RULES.is_empty());
    }

    #[test]
    fn examples_from_the_contract() {
        assert_eq!(expansions("AF")[0], "arbetsförmedlingen");
        assert!(expansions("af").contains(&"arbetsförmedlingen".to_string()));
        assert!(expansions("ungdomar").contains(&"unga".to_string()));
        let inv = expansions("invandrare");
        assert!(inv.contains(&"utrikes födda".to_string()), "{inv:?}");
        assert!(inv.contains(&"nyanlända".to_string()), "{inv:?}");
        assert!(expansions("FK").contains(&"försäkringskassan".to_string()));
        assert!(expansions("IFO").contains(&"socialtjänsten".to_string()));
        assert!(expansions("SFI").contains(&"svenska för invandrare".to_string()));
        assert!(expansions("xyzzy").is_empty());
        assert!(expansions("").is_empty());
    }

    #[test]
    fn inflected_and_unaccented() {
        assert!(expansions("ungdomarna").contains(&"unga".to_string()));
        assert!(expansions("forsakringskassan").contains(&"fk".to_string()));
    }
}

/// Expansions for a whole query: walks the query's words left to right and, at each word,
/// takes the longest span of up to [`MAX_SPAN`] words that has expansions (`ekonomiskt
/// bistånd` -> `försörjningsstöd`, ...), else the single word. Returns `(span, expansions)`
/// for every span or word that has any, in query order. The query parser ORs each span with
/// its expansions (best with a lower boost than the words typed).
pub fn expand_query(query: &str) -> Vec<(String, Vec<String>)> {
    let words: Vec<String> = text::words(query).into_iter().map(|w| w.text).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut taken = 1;
        for len in (1..=MAX_SPAN.min(words.len() - i)).rev() {
            let span = words[i..i + len].join(" ");
            let exp = expansions(&span);
            if !exp.is_empty() {
                out.push((span, exp));
                taken = len;
                break;
            }
        }
        i += taken;
    }
    out
}

/// Longest phrase (in words) [`expand_query`] looks up.
pub const MAX_SPAN: usize = 4;

#[cfg(test)]
mod query_tests {
    use super::*;

    #[test]
    fn expand_query_prefers_the_longest_span() {
        let e = expand_query("ekonomiskt bistånd i Malmö");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].0, "ekonomiskt bistånd");
        assert!(e[0].1.contains(&"försörjningsstöd".to_string()));
        let e = expand_query("AF och utrikes födda");
        assert_eq!(e[0].0, "af");
        assert_eq!(e[1].0, "utrikes födda");
        assert!(expand_query("").is_empty());
    }
}
