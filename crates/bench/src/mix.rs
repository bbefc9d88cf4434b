//! The fixed query mix, run the same way on our index (in process), over HTTP and on SQLite.

use anyhow::{Context, Result};
use projektsok_index::{Index, SearchRequest, SimilarRequest, Sort, StatsRequest};

/// A draft application (not in the index) for "similar by text".
pub const DRAFT: &str = "Projektet vill ge långtidsarbetslösa och unga vuxna i kommunen en väg \
till arbete genom arbetsträning i sociala företag, handledning på arbetsplatsen och \
individuell coachning. Deltagarna får kartläggning av sina kompetenser, validering av \
yrkeskunskaper och praktik hos lokala arbetsgivare. Samverkan med Arbetsförmedlingen och \
Försäkringskassan är central, liksom jämställdhet och tillgänglighet.";

/// What one query of the mix does.
#[derive(Debug, Clone)]
pub enum Action {
    Search(SearchRequest),
    Stats(StatsRequest),
    SimilarId(String),
    SimilarText(String),
}

/// One query of the mix.
#[derive(Debug, Clone)]
pub struct Query {
    /// Kind, e.g. `two_facets`.
    pub kind: &'static str,
    /// What a reader sees in the report (`q=… region=…`).
    pub label: String,
    pub action: Action,
}

impl Query {
    /// Part of "the faceted part of the mix": searches that return facet counts.
    pub fn is_faceted(&self) -> bool {
        matches!(self.action, Action::Search(_))
    }
}

fn search(q: &str, filters: &[(&str, &str)]) -> Result<SearchRequest> {
    let mut req = SearchRequest::new(q);
    for (k, v) in filters {
        req.filters
            .set(k, v)
            .with_context(|| format!("filter {k}={v}"))?;
    }
    Ok(req)
}

/// The mix. `region` is a region that occurs in the corpus, `similar_id` a project id in it.
pub fn mix(region: &str, similar_id: &str) -> Result<Vec<Query>> {
    let mut out = Vec::new();
    let mut push = |kind: &'static str, label: String, action: Action| {
        out.push(Query {
            kind,
            label,
            action,
        })
    };
    push(
        "single_word",
        "q=arbetsträning".into(),
        Action::Search(search("arbetsträning", &[])?),
    );
    push(
        "compound_part",
        "q=arbetslösa".into(),
        Action::Search(search("arbetslösa", &[])?),
    );
    push(
        "phrase",
        "q=\"socialt företagande\"".into(),
        Action::Search(search("\"socialt företagande\"", &[])?),
    );
    push(
        "two_facets",
        format!("q=handledning region={region} target_group=unga"),
        Action::Search(search(
            "handledning",
            &[("region", region), ("target_group", "unga")],
        )?),
    );
    push(
        "range",
        "q=coachning budget_min=2000000 budget_max=10000000".into(),
        Action::Search(search(
            "coachning",
            &[("budget_min", "2000000"), ("budget_max", "10000000")],
        )?),
    );
    let mut sorted = search("praktik", &[])?;
    sorted.sort = Sort::BudgetDesc;
    push(
        "sort_budget",
        "q=praktik sort=budget_desc".into(),
        Action::Search(sorted),
    );
    let mut deep = search("utbildning", &[])?;
    deep.page = 100;
    deep.per_page = 20;
    push(
        "deep_page",
        "q=utbildning page=100 per_page=20".into(),
        Action::Search(deep),
    );
    push(
        "stats_region",
        "stats group_by=region (all projects)".into(),
        Action::Stats(StatsRequest::default()),
    );
    push(
        "similar_id",
        format!("similar to {similar_id} (limit 10)"),
        Action::SimilarId(similar_id.to_string()),
    );
    push(
        "similar_text",
        format!(
            "similar to a {}-word draft (limit 10)",
            DRAFT.split_whitespace().count()
        ),
        Action::SimilarText(DRAFT.to_string()),
    );
    Ok(out)
}

/// Runs a query on our index; returns a figure to keep the work observable (hits or groups).
pub fn run_ours(index: &Index, q: &Query) -> Result<u64> {
    Ok(match &q.action {
        Action::Search(req) => index.search(req)?.total,
        Action::Stats(req) => index.stats(req)?.groups.len() as u64,
        Action::SimilarId(id) => index.similar(id, &SimilarRequest::default())?.hits.len() as u64,
        Action::SimilarText(text) => index
            .similar_text(text, &SimilarRequest::default())?
            .hits
            .len() as u64,
    })
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The HTTP request of a query: method, path and query string, JSON body.
pub fn http_request(q: &Query) -> (String, String, Option<String>) {
    match &q.action {
        Action::Search(req) => {
            let mut qs = vec![format!("q={}", enc(&req.q))];
            for (k, vs) in &req.filters.facets {
                for v in vs {
                    qs.push(format!("{k}={}", enc(v)));
                }
            }
            if let Some(v) = req.filters.budget_min {
                qs.push(format!("budget_min={v}"));
            }
            if let Some(v) = req.filters.budget_max {
                qs.push(format!("budget_max={v}"));
            }
            if req.sort != Sort::Relevance {
                qs.push(format!("sort={}", req.sort.name()));
            }
            if req.page != 1 {
                qs.push(format!("page={}&per_page={}", req.page, req.per_page));
            }
            ("GET".into(), format!("/api/search?{}", qs.join("&")), None)
        }
        Action::Stats(req) => (
            "GET".into(),
            format!("/api/stats?group_by={}", enc(&req.group_by)),
            None,
        ),
        Action::SimilarId(id) => (
            "GET".into(),
            format!("/api/projects/{}/similar", enc(id)),
            None,
        ),
        Action::SimilarText(text) => (
            "POST".into(),
            "/api/similar".into(),
            Some(serde_json::json!({ "text": text }).to_string()),
        ),
    }
}
