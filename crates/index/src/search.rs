//! Search: query language + filters + sort + pagination + snippets + multi-select facets.
//!
//! Facet counts follow the multi-select convention (Algolia, Meilisearch, Elasticsearch
//! `post_filter`): the counts of a facet ignore that facet's own filter, so a user who ticked
//! one region still sees how many hits the other regions would add. Facets without an active
//! filter are counted in the same pass as the hits; each filtered facet costs one more pass.

use std::collections::HashMap;
use std::time::Instant;

use projektsok_parser::Period;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::compile::Compiler;
use crate::error::{IndexError, Result};
use crate::facets::{MultiSelect, top_values};
use crate::filters::{Filters, all};
use crate::schema::{self, FACETS, Facet};
use crate::{Index, project_of};

/// Most hits per page.
pub const MAX_PER_PAGE: usize = 100;
/// Deepest hit reachable by paging (`page * per_page`).
pub const MAX_DEPTH: usize = 10_000;
/// Default number of values per facet.
pub const DEFAULT_FACET_SIZE: usize = 50;
/// Most values per facet.
pub const MAX_FACET_SIZE: usize = 1_000;
/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;

/// Order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Relevance,
    BudgetDesc,
    BudgetAsc,
    StartDesc,
    StartAsc,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::BudgetDesc,
        Sort::BudgetAsc,
        Sort::StartDesc,
        Sort::StartAsc,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::BudgetDesc => "budget_desc",
            Sort::BudgetAsc => "budget_asc",
            Sort::StartDesc => "start_desc",
            Sort::StartAsc => "start_asc",
        }
    }
}

impl std::str::FromStr for Sort {
    type Err = IndexError;

    fn from_str(s: &str) -> Result<Sort> {
        Sort::ALL
            .iter()
            .copied()
            .find(|x| x.name() == s.trim())
            .ok_or_else(|| IndexError::Unknown {
                what: "sort",
                name: s.to_string(),
                allowed: Sort::ALL.map(Sort::name).join(", "),
            })
    }
}

/// A search, as the HTTP API's `/api/search` parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Query language (see `projektsok-query`); empty or `*` matches all.
    pub q: String,
    pub filters: Filters,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
    /// Values per facet.
    pub facet_size: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            page: 1,
            per_page: 20,
            facet_size: DEFAULT_FACET_SIZE,
        }
    }
}

impl SearchRequest {
    pub fn new(q: impl Into<String>) -> SearchRequest {
        SearchRequest {
            q: q.into(),
            ..SearchRequest::default()
        }
    }

    /// Checks pagination caps; returns the offset.
    fn offset(&self) -> Result<usize> {
        if self.page == 0 {
            return Err(IndexError::Pagination("page starts at 1".into()));
        }
        if self.per_page == 0 || self.per_page > MAX_PER_PAGE {
            return Err(IndexError::Pagination(format!(
                "per_page must be between 1 and {MAX_PER_PAGE} (got {})",
                self.per_page
            )));
        }
        let depth = self.page.saturating_mul(self.per_page);
        if depth > MAX_DEPTH {
            return Err(IndexError::Pagination(format!(
                "page {} with per_page {} reaches hit {depth}; paging stops at {MAX_DEPTH} hits (narrow the query or use export)",
                self.page, self.per_page
            )));
        }
        Ok((self.page - 1) * self.per_page)
    }
}

/// One hit, as in the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub region: Option<String>,
    pub total_budget_sek: Option<i64>,
    pub esf_grant_sek: Option<i64>,
    pub period: Period,
    /// HTML: the text escaped, matches in `<mark>`.
    pub snippet: String,
}

/// One facet value and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Facet name -> values, in [`FACETS`] order (serialised as a JSON object).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets(pub Vec<(String, Vec<FacetCount>)>);

impl Facets {
    pub fn get(&self, name: &str) -> Option<&[FacetCount]> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_slice())
    }
}

impl Serialize for Facets {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Facets {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let m: std::collections::BTreeMap<String, Vec<FacetCount>> =
            std::collections::BTreeMap::deserialize(d)?;
        let mut v: Vec<(String, Vec<FacetCount>)> = m.into_iter().collect();
        v.sort_by_key(|(k, _)| {
            FACETS
                .iter()
                .position(|f| f.name() == k)
                .unwrap_or(usize::MAX)
        });
        Ok(Facets(v))
    }
}

/// The answer of `/api/search` and `projektsok search --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub total: u64,
    pub took_ms: u64,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
}

/// Text query ∧ filters (minus `except`), as one tantivy query.
pub(crate) fn build_query(
    index: &Index,
    searcher: &Searcher,
    text: Option<&dyn Query>,
    filters: &Filters,
    except: Option<Facet>,
) -> Result<Box<dyn Query>> {
    let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(t) = text {
        subs.push((Occur::Must, t.box_clone()));
    }
    for c in filters.clauses(&index.fields, searcher, except)? {
        subs.push((Occur::Must, c));
    }
    Ok(match subs.len() {
        0 => all(),
        1 => subs.remove(0).1,
        _ => Box::new(BooleanQuery::new(subs)),
    })
}

/// The parsed and compiled text query (None: everything).
pub(crate) fn text_query(
    index: &Index,
    searcher: &Searcher,
    q: &str,
) -> Result<(projektsok_query::Ast, Option<Box<dyn Query>>)> {
    let ast = projektsok_query::parse(q)?;
    let compiled = Compiler {
        fields: &index.fields,
        searcher,
        source: q,
    }
    .compile(&ast)?;
    Ok((ast, compiled))
}

impl Index {
    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        let offset = req.offset()?;
        req.filters.validate()?;
        let facet_size = req.facet_size.clamp(1, MAX_FACET_SIZE);
        let searcher = self.searcher();
        let (ast, text) = text_query(self, &searcher, &req.q)?;
        // Text and budget/grant ranges; facet filters and the year range are applied by the
        // multi-select collector in the same pass.
        let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(t) = &text {
            subs.push((Occur::Must, t.box_clone()));
        }
        for c in req.filters.range_clauses(&self.fields) {
            subs.push((Occur::Must, c));
        }
        let query: Box<dyn Query> = match subs.len() {
            0 => all(),
            1 => subs.remove(0).1,
            _ => Box::new(BooleanQuery::new(subs)),
        };

        let active = req.filters.active_filters(&self.fields, &searcher)?;
        let top = TopDocs::with_limit(req.per_page).and_offset(offset);
        let (addrs, total, counts): (Vec<DocAddress>, usize, Vec<HashMap<String, u64>>) =
            match req.sort {
                Sort::Relevance => {
                    let collector = MultiSelect {
                        inner: (top.order_by_score(), Count),
                        filters: active,
                        cache: &self.segment_cache,
                    };
                    let ((hits, total), counts) = searcher.search(&*query, &collector)?;
                    (hits.into_iter().map(|h| h.1).collect(), total, counts)
                }
                sort => {
                    let (field, order) = match sort {
                        Sort::BudgetDesc => (schema::BUDGET, Order::Desc),
                        Sort::BudgetAsc => (schema::BUDGET, Order::Asc),
                        Sort::StartDesc => (schema::START_DAYS, Order::Desc),
                        _ => (schema::START_DAYS, Order::Asc),
                    };
                    let collector = MultiSelect {
                        inner: (top.order_by_fast_field::<i64>(field, order), Count),
                        filters: active,
                        cache: &self.segment_cache,
                    };
                    let ((hits, total), counts) = searcher.search(&*query, &collector)?;
                    (hits.into_iter().map(|h| h.1).collect(), total, counts)
                }
            };
        let facets = Facets(
            FACETS
                .iter()
                .zip(counts)
                .map(|(f, counts)| {
                    let values = top_values(counts, facet_size)
                        .into_iter()
                        .map(|(value, count)| FacetCount { value, count })
                        .collect();
                    (f.name().to_string(), values)
                })
                .collect(),
        );

        let highlight = Compiler {
            fields: &self.fields,
            searcher: &searcher,
            source: &req.q,
        }
        .highlight_query(&ast);
        let generators = match &highlight {
            Some(h) => {
                let mut gens = Vec::new();
                for field in [self.fields.summary, self.fields.body] {
                    let mut g = SnippetGenerator::create(&searcher, &**h, field)?;
                    g.set_max_num_chars(SNIPPET_CHARS);
                    gens.push(g);
                }
                gens
            }
            None => Vec::new(),
        };
        let mut hits = Vec::with_capacity(addrs.len());
        for addr in addrs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let p = project_of(&self.fields, &doc)?;
            let summary = schema::summary_text(&p);
            let mut snippet = String::new();
            if let [sum_gen, body_gen] = generators.as_slice() {
                let mut s = sum_gen.snippet(&summary);
                if s.is_empty() {
                    s = body_gen.snippet(&schema::body_text(&p));
                }
                if !s.is_empty() {
                    s.set_snippet_prefix_postfix("<mark>", "</mark>");
                    snippet = s.to_html();
                }
            }
            if snippet.is_empty() {
                let lead = if summary.is_empty() {
                    schema::body_text(&p)
                } else {
                    summary
                };
                snippet = escape_html(&truncate_chars(&lead, SNIPPET_CHARS));
            }
            hits.push(SearchHit {
                id: p.id,
                title: p.title,
                owner: p.owner,
                region: p.region,
                total_budget_sek: p.total_budget_sek,
                esf_grant_sek: p.esf_grant_sek,
                period: p.period,
                snippet,
            });
        }
        Ok(SearchResponse {
            total: total as u64,
            took_ms: started.elapsed().as_millis() as u64,
            hits,
            facets,
        })
    }
}

/// The first `n` characters, cut at a word boundary when possible, with `…` if cut.
pub(crate) fn truncate_chars(s: &str, n: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= n {
        return s.to_string();
    }
    let cut: String = s.chars().take(n).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > n / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// Minimal HTML escaping for text placed in element content or attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}
