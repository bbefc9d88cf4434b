//! Similar projects, MoreLikeThis style.
//!
//! The source (a project of the index, or a draft text) is analysed with the Swedish query
//! analyzer (whole-word stems); its distinctive terms are the top [`MAX_TERMS`] by
//! `(1 + ln tf) * idf`, where title occurrences count 3 and summary occurrences 2, words
//! shorter than 6 letters are scaled by 0.6 and stopwords are skipped (idf over summary and
//! body, terms in at most [`MAX_DF_RATIO`] of the projects). The query ORs those terms over
//! title, summary and body, weighted by idf, plus a constant score for each shared target
//! group (3), method (1.5) and the region (1.5), each times `1 + ln(N / df)` so rare shared
//! values count more. Filters apply; the source project itself is never returned.
//!
//! `why` is a human-readable string (Swedish, like the UI):
//! `samma region (Övre Norrland); målgrupper: unga; metoder: praktik; ord: kooperativ, arbetsträning`
//! — the region when shared, the shared target groups and methods, and up to
//! [`WHY_WORDS`] shared distinctive words (as written in the source, lowercased): the key
//! terms the hit has in its title, summary or body, read from the postings, which are the
//! terms that scored it.

use std::collections::HashMap;

use projektsok_analysis::Analyzer;
use projektsok_parser::Project;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term};

use crate::error::{IndexError, Result};
use crate::filters::{Filters, keyword_query};
use crate::schema::{self, Facet, Fields};
use crate::{Index, project_of};

/// Distinctive terms taken from the source.
pub const MAX_TERMS: usize = 30;
/// Terms in more than this share of the projects are not distinctive (when there are at least
/// 20 projects).
pub const MAX_DF_RATIO: f64 = 0.5;
/// Shared words listed in `why`.
pub const WHY_WORDS: usize = 6;
/// Most hits.
pub const MAX_LIMIT: usize = 100;

const TARGET_GROUP_BOOST: f32 = 3.0;
const METHOD_BOOST: f32 = 1.5;
const REGION_BOOST: f32 = 1.5;

/// Parameters of a similar-projects request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimilarRequest {
    pub limit: usize,
    pub filters: Filters,
}

impl Default for SimilarRequest {
    fn default() -> Self {
        SimilarRequest {
            limit: 10,
            filters: Filters::default(),
        }
    }
}

/// One similar project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarHit {
    pub id: String,
    pub title: String,
    pub score: f32,
    /// Why it is similar; see the module docs.
    pub why: String,
}

/// The answer of `/api/projects/{id}/similar`, `POST /api/similar` and `projektsok similar --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarResponse {
    pub hits: Vec<SimilarHit>,
}

/// A distinctive term of the source.
struct KeyTerm {
    term: String,
    /// The source word it came from, for `why`.
    word: String,
    weight: f32,
}

fn analyzer() -> Analyzer {
    Analyzer::SWEDISH.for_query()
}

/// Swedish function words and sheet boilerplate never taken as distinctive.
const STOPWORDS: &[&str] = &[
    "alla",
    "allt",
    "andra",
    "annat",
    "att",
    "av",
    "bara",
    "bli",
    "blir",
    "blivit",
    "både",
    "dag",
    "dem",
    "den",
    "denna",
    "dessa",
    "detta",
    "det",
    "där",
    "efter",
    "eftersom",
    "ej",
    "eller",
    "en",
    "ett",
    "finns",
    "från",
    "för",
    "genom",
    "ha",
    "hade",
    "har",
    "hela",
    "här",
    "hos",
    "hur",
    "i",
    "idag",
    "ingen",
    "inom",
    "inte",
    "just",
    "kan",
    "kommer",
    "kunna",
    "kunde",
    "man",
    "med",
    "mellan",
    "men",
    "mer",
    "mot",
    "många",
    "mycket",
    "ned",
    "när",
    "och",
    "också",
    "om",
    "oss",
    "på",
    "samt",
    "sedan",
    "ska",
    "skall",
    "skulle",
    "som",
    "så",
    "sådan",
    "sådana",
    "sätt",
    "till",
    "under",
    "upp",
    "ut",
    "utan",
    "vad",
    "var",
    "vara",
    "varit",
    "vi",
    "vid",
    "vilka",
    "vilket",
    "vill",
    "väl",
    "än",
    "är",
    "även",
    "över",
    "projekt",
    "projektet",
    "projektets",
    "genom",
    "inom",
    "olika",
    "sina",
    "sitt",
    "sin",
    "deras",
    "vår",
    "våra",
    "vårt",
    "dels",
    "bland",
    "annan",
    "ny",
    "nya",
    "nytt",
    "handlar",
    "handla",
    "bör",
    "sker",
    "ske",
    "fast",
    "bättre",
    "bra",
    "stor",
    "stora",
    "större",
    "eventuell",
    "eventuella",
    "slag",
    "lämpligen",
    "respektive",
    "fortsatt",
    "emellan",
    "konkret",
    "konkreta",
    "exempel",
    "exempelvis",
    "genomföra",
    "gäller",
    "göra",
    "gör",
    "får",
    "fått",
    "finnas",
    "därför",
    "därmed",
    "dock",
    "enligt",
    "framför",
    "främst",
    "samtidigt",
    "särskilt",
    "särskild",
    "tidigare",
    "utifrån",
    "vidare",
    "viktigt",
    "vissa",
    "egen",
    "eget",
    "egna",
    "första",
    "tre",
    "två",
    "mm",
    "osv",
    "situation",
    "möjliggör",
    "starkt",
    "riktning",
];

/// Title, summary and other sections with their term weights.
fn project_pieces(p: &Project) -> Vec<(String, f64)> {
    vec![
        (p.title.clone(), TITLE_TF),
        (schema::summary_text(p), SUMMARY_TF),
        (schema::body_text(p), 1.0),
    ]
}

fn is_candidate(term: &str, word: &str) -> bool {
    term.chars().count() >= 3
        && !term.chars().all(|c| c.is_ascii_digit())
        && !STOPWORDS.contains(&word)
}

/// Weight of a term occurrence in the title and in the summary, relative to the body.
const TITLE_TF: f64 = 3.0;
const SUMMARY_TF: f64 = 2.0;
/// Short words are more often function words and fillers: their weight is scaled by this.
const SHORT_WORD_FACTOR: f64 = 0.6;
const SHORT_WORD_CHARS: usize = 6;

fn key_terms(
    index: &Index,
    searcher: &Searcher,
    pieces: &[(String, f64)],
    in_index: bool,
) -> Result<Vec<KeyTerm>> {
    let mut tf: HashMap<String, (f64, String)> = HashMap::new();
    for (text, piece_weight) in pieces {
        for w in analyzer().analyze_words(text) {
            if let Some(term) = w.terms.into_iter().next()
                && is_candidate(&term, &w.word)
            {
                let e = tf.entry(term).or_insert((0.0, w.word));
                e.0 += piece_weight;
            }
        }
    }
    let n = searcher.num_docs().max(1) as f64;
    let min_df = if in_index { 2 } else { 1 };
    let mut out = Vec::new();
    for (term, (count, word)) in tf {
        let df = searcher.doc_freq(&Term::from_field_text(index.fields.body, &term))?
            + searcher.doc_freq(&Term::from_field_text(index.fields.summary, &term))?;
        let df = df.min(n as u64);
        if df < min_df {
            continue;
        }
        if n >= 20.0 && df as f64 > MAX_DF_RATIO * n {
            continue;
        }
        let idf = (1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
        let short = if word.chars().count() < SHORT_WORD_CHARS {
            SHORT_WORD_FACTOR
        } else {
            1.0
        };
        let weight = ((1.0 + count.max(1.0).ln()) * idf * short) as f32;
        out.push(KeyTerm { term, word, weight });
    }
    out.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.term.cmp(&b.term))
    });
    out.truncate(MAX_TERMS);
    Ok(out)
}

/// What the source brings besides text.
struct Source {
    exclude_id: Option<String>,
    /// Texts and the weight of their term occurrences.
    pieces: Vec<(String, f64)>,
    region: Option<String>,
    target_groups: Vec<String>,
    methods: Vec<String>,
}

impl Index {
    /// Projects similar to the project `id` (never itself).
    pub fn similar(&self, id: &str, req: &SimilarRequest) -> Result<SimilarResponse> {
        let p = self
            .get(id)?
            .ok_or_else(|| IndexError::NotFound(id.to_string()))?;
        self.similar_to(
            Source {
                exclude_id: Some(p.id.clone()),
                pieces: project_pieces(&p),
                region: p.region.clone(),
                target_groups: p.target_groups.clone(),
                methods: p.methods.clone(),
            },
            req,
        )
    }

    /// Projects similar to a draft text that is not in the index. Target groups and methods
    /// are read from the text with the same lexicons as the parser's.
    pub fn similar_text(&self, text: &str, req: &SimilarRequest) -> Result<SimilarResponse> {
        self.similar_to(
            Source {
                exclude_id: None,
                pieces: vec![(text.to_string(), 1.0)],
                region: None,
                target_groups: projektsok_analysis::lexicon::target_groups(text),
                methods: projektsok_analysis::lexicon::methods(text),
            },
            req,
        )
    }

    fn similar_to(&self, src: Source, req: &SimilarRequest) -> Result<SimilarResponse> {
        if req.limit == 0 || req.limit > MAX_LIMIT {
            return Err(IndexError::invalid(
                "limit",
                &req.limit.to_string(),
                format!("must be between 1 and {MAX_LIMIT}"),
            ));
        }
        let searcher = self.searcher();
        let f = &self.fields;
        let keys = key_terms(self, &searcher, &src.pieces, src.exclude_id.is_some())?;
        let max_w = keys.first().map_or(1.0, |k| k.weight.max(f32::EPSILON));

        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for k in &keys {
            let w = k.weight / max_w;
            for (field, b) in [(f.title, 1.5), (f.summary, 1.2), (f.body, 1.0)] {
                let q = TermQuery::new(
                    Term::from_field_text(field, &k.term),
                    IndexRecordOption::WithFreqs,
                );
                should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), w * b))));
            }
        }
        // A shared facet value counts more the rarer it is: base * (1 + ln(N / df)).
        let n = searcher.num_docs().max(1) as f32;
        let mut keyword_clauses = Vec::new();
        let mut add_keyword = |facet: Facet, value: &str, base: f32| -> Result<()> {
            let field = f.facet(facet);
            let df = searcher.doc_freq(&Term::from_field_text(field, value))?;
            let boost = base * (1.0 + (n / df.max(1) as f32).ln().max(0.0));
            let q = keyword_query(field, vec![value.to_string()]);
            keyword_clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(q, boost)) as Box<dyn Query>,
            ));
            Ok(())
        };
        for t in &src.target_groups {
            add_keyword(Facet::TargetGroup, t, TARGET_GROUP_BOOST)?;
        }
        for m in &src.methods {
            add_keyword(Facet::Method, m, METHOD_BOOST)?;
        }
        if let Some(r) = &src.region {
            add_keyword(Facet::Region, r, REGION_BOOST)?;
        }
        should.extend(keyword_clauses);
        if should.is_empty() {
            return Ok(SimilarResponse { hits: Vec::new() });
        }
        let mut subs: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(should)))];
        for c in req.filters.clauses(f, &searcher, None)? {
            subs.push((Occur::Must, c));
        }
        if let Some(id) = &src.exclude_id {
            subs.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.id, id),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let query = BooleanQuery::new(subs);
        let top = searcher.search(&query, &TopDocs::with_limit(req.limit).order_by_score())?;

        let matched = matched_key_terms(&searcher, f, &keys, top.iter().map(|&(_, addr)| addr))?;
        let mut hits = Vec::with_capacity(top.len());
        for ((score, addr), matched) in top.into_iter().zip(matched) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let p = project_of(f, &doc)?;
            if Some(&p.id) == src.exclude_id.as_ref() {
                continue;
            }
            let why = why(&src, &keys, &matched, &p);
            hits.push(SimilarHit {
                id: p.id,
                title: p.title,
                score,
                why,
            });
        }
        Ok(SimilarResponse { hits })
    }
}

/// For each hit, whether it has each key term in its title, summary or body.
fn matched_key_terms(
    searcher: &Searcher,
    fields: &Fields,
    keys: &[KeyTerm],
    hits: impl Iterator<Item = DocAddress>,
) -> Result<Vec<Vec<bool>>> {
    let hits: Vec<DocAddress> = hits.collect();
    let mut matched = vec![vec![false; keys.len()]; hits.len()];
    // Postings are read forwards: per segment, its hits in document order.
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| (hits[i].segment_ord, hits[i].doc_id));
    for segment_hits in order.chunk_by(|&a, &b| hits[a].segment_ord == hits[b].segment_ord) {
        let reader = searcher.segment_reader(hits[segment_hits[0]].segment_ord);
        for field in [fields.title, fields.summary, fields.body] {
            let inverted = reader.inverted_index(field)?;
            for (k, key) in keys.iter().enumerate() {
                let term = Term::from_field_text(field, &key.term);
                let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)?
                else {
                    continue;
                };
                for &i in segment_hits {
                    let doc = hits[i].doc_id;
                    // `seek` only moves forwards (a fresh list may already be past `doc`).
                    if postings.doc() < doc {
                        postings.seek(doc);
                    }
                    matched[i][k] |= postings.doc() == doc;
                }
            }
        }
    }
    Ok(matched)
}

fn shared(a: &[String], b: &[String]) -> Vec<String> {
    a.iter().filter(|x| b.contains(x)).cloned().collect()
}

fn why(src: &Source, keys: &[KeyTerm], matched: &[bool], hit: &Project) -> String {
    let mut parts = Vec::new();
    if let (Some(a), Some(b)) = (&src.region, &hit.region)
        && a == b
    {
        parts.push(format!("samma region ({a})"));
    }
    let tg = shared(&src.target_groups, &hit.target_groups);
    if !tg.is_empty() {
        parts.push(format!("målgrupper: {}", tg.join(", ")));
    }
    let me = shared(&src.methods, &hit.methods);
    if !me.is_empty() {
        parts.push(format!("metoder: {}", me.join(", ")));
    }
    let words: Vec<&str> = keys
        .iter()
        .zip(matched)
        .filter(|&(_, &m)| m)
        .take(WHY_WORDS)
        .map(|(k, _)| k.word.as_str())
        .collect();
    if !words.is_empty() {
        parts.push(format!("ord: {}", words.join(", ")));
    }
    parts.join("; ")
}
