//! Quick relevance check of the analyzers on `eval/queries.toml` (NOT the `make eval`
//! harness, which lives with the index): indexes corpus/ and corpus/written/ in RAM twice,
//! once with tantivy's default analyzer and once with ours (sv + sv_folded fields, query side
//! without compound splitting, synonyms OR'ed in), and prints recall@10 and nDCG@10.
//!
//! `cargo run -p projektsok-analysis --example quick_eval [-- -v]`
use std::collections::HashMap;
use std::path::Path;

use projektsok_analysis::{
    SWEDISH, SWEDISH_FOLDED, register_query_tokenizers, register_tokenizers, synonyms,
};
use serde::Deserialize;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Index, TantivyDocument, doc};

#[derive(Deserialize)]
struct Queries {
    query: Vec<Query>,
}
#[derive(Deserialize)]
struct Query {
    id: String,
    text: String,
    relevant: HashMap<String, u32>,
}

fn corpus(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in [root.join("corpus"), root.join("corpus/written")] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                out.push((
                    p.file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                    t,
                ));
            }
        }
    }
    out.sort();
    out
}

fn ndcg(ranked: &[String], rel: &HashMap<String, u32>, k: usize) -> f64 {
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, d)| (2f64.powi(*rel.get(d).unwrap_or(&0) as i32) - 1.0) / ((i + 2) as f64).log2())
        .sum();
    let mut ideal: Vec<u32> = rel.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, g)| (2f64.powi(*g as i32) - 1.0) / ((i + 2) as f64).log2())
        .sum();
    if idcg == 0.0 { 0.0 } else { dcg / idcg }
}

fn escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

fn main() -> tantivy::Result<()> {
    let verbose = std::env::args().any(|a| a == "-v");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let qs: Queries = toml::from_str(&std::fs::read_to_string(root.join("eval/queries.toml"))?)
        .map_err(|e| tantivy::TantivyError::InvalidArgument(e.to_string()))?;
    let docs = corpus(&root);
    for ours in [false, true] {
        let mut sb = Schema::builder();
        let opts = |tok: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tok)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        let (body, folded) = if ours {
            (
                sb.add_text_field("body", opts(SWEDISH)),
                Some(sb.add_text_field("folded", opts(SWEDISH_FOLDED))),
            )
        } else {
            (sb.add_text_field("body", opts("default")), None)
        };
        let name = sb.add_text_field("name", STORED);
        let schema = sb.build();
        let index = Index::create_in_ram(schema.clone());
        register_tokenizers(index.tokenizers());
        let mut w = index.writer(50_000_000)?;
        for (n, t) in &docs {
            let mut d = doc!(body => t.as_str(), name => n.as_str());
            if let Some(f) = folded {
                d.add_text(f, t);
            }
            w.add_document(d)?;
        }
        w.commit()?;
        let searcher = index.reader()?.searcher();
        let qm = if ours {
            let m = TokenizerManager::default();
            register_query_tokenizers(&m);
            m
        } else {
            TokenizerManager::default()
        };
        let fields = folded.map_or(vec![body], |f| vec![body, f]);
        let mut parser = QueryParser::new(schema.clone(), fields, qm);
        if let Some(f) = folded {
            parser.set_field_boost(f, 0.5);
        }
        let (mut r_sum, mut n_sum) = (0.0, 0.0);
        for q in &qs.query {
            let text = escape(&q.text);
            let qstr = if ours {
                // the words as typed, plus each expandable span OR'ed with its expansions
                let mut parts = vec![text.clone()];
                for (span, exps) in synonyms::expand_query(&q.text) {
                    let mut alts = vec![format!("\"{}\"", escape(&span))];
                    for e in exps {
                        alts.push(format!("\"{}\"^0.5", escape(&e)));
                    }
                    parts.push(format!("({})", alts.join(" OR ")));
                }
                parts.join(" ")
            } else {
                text.clone()
            };
            let query = parser.parse_query_lenient(&qstr).0;
            let ranked: Vec<String> = searcher
                .search(&query, &TopDocs::with_limit(10).order_by_score())?
                .into_iter()
                .filter_map(|(_, a)| {
                    let d: TantivyDocument = searcher.doc(a).ok()?;
                    d.get_first(name).and_then(|v| v.as_str()).map(String::from)
                })
                .collect();
            let found = ranked
                .iter()
                .filter(|d| q.relevant.contains_key(*d))
                .count();
            let recall = found as f64 / q.relevant.len().clamp(1, 10) as f64;
            let nd = ndcg(&ranked, &q.relevant, 10);
            r_sum += recall;
            n_sum += nd;
            if verbose && nd < 0.9 {
                println!(
                    "     top: {}",
                    ranked
                        .iter()
                        .map(|d| format!(
                            "{}{}",
                            &d[..3.min(d.len())],
                            q.relevant
                                .get(d)
                                .map_or(String::new(), |g| format!("({g})"))
                        ))
                        .collect::<Vec<_>>()
                        .join(" ")
                );
            }
            if verbose {
                println!(
                    "{} {:<4} {:<45} R@10 {recall:.2} nDCG@10 {nd:.2}",
                    if ours { "ours" } else { "dflt" },
                    q.id,
                    q.text
                );
            }
        }
        let n = qs.query.len() as f64;
        println!(
            "{:<8} queries {}  recall@10 {:.3}  nDCG@10 {:.3}",
            if ours { "ours" } else { "default" },
            qs.query.len(),
            r_sum / n,
            n_sum / n
        );
    }
    Ok(())
}
