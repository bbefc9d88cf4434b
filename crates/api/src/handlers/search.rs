//! `GET /api/search`

use axum::Json;
use axum::extract::{RawQuery, State};
use projektsok_index::{SearchRequest, SearchResponse, Sort};

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::openapi::{FilterParams, SearchParams, schemas};
use crate::params::{Params, quoted};

/// Parameters besides the filters.
const NAMES: [&str; 5] = ["q", "sort", "page", "per_page", "facet_size"];

/// Full-text search with filters, facets, sorting and paging.
#[utoipa::path(
    get,
    path = "/api/search",
    tag = "search",
    params(SearchParams, FilterParams),
    responses(
        (status = 200, description = "Hits of the page and facet counts (multi-select: a facet's counts ignore its own filter)", body = schemas::SearchResponse),
        (status = 400, description = "A bad parameter, query syntax error or a page past the paging cap", body = ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let req = request(&state, raw.as_deref())?;
    let res = state.blocking(move |index| Ok(index.search(&req)?)).await?;
    Ok(Json(res))
}

/// The [`SearchRequest`] of a query string (also for the web pages).
pub fn request(state: &AppState, raw: Option<&str>) -> Result<SearchRequest, ApiError> {
    let c = state.config();
    let p = Params::parse(raw, &NAMES, true)?;
    let max_per_page = c.max_per_page.min(projektsok_index::search::MAX_PER_PAGE);
    let max_depth = c.max_depth.min(projektsok_index::search::MAX_DEPTH);
    let per_page = p.number("per_page", 1, max_per_page, 20.min(max_per_page))?;
    let page = p.number("page", 1, usize::MAX, 1)?;
    let depth = page.saturating_mul(per_page);
    if depth > max_depth {
        return Err(ApiError::param(
            "page",
            format!(
                "page {page} with per_page {per_page} goes past hit {max_depth}, the deepest reachable by paging; narrow the query, or get the whole result set from /api/export?format=csv|jsonl with the same q and filters"
            ),
        ));
    }
    let sort = match p.one("sort")? {
        None => Sort::Relevance,
        Some(s) => s.parse::<Sort>().map_err(|_| {
            ApiError::param(
                "sort",
                format!(
                    "expected one of {}, got {}",
                    Sort::ALL.map(Sort::name).join(", "),
                    quoted(s)
                ),
            )
        })?,
    };
    let facet_size = p.number(
        "facet_size",
        1,
        projektsok_index::search::MAX_FACET_SIZE,
        projektsok_index::search::DEFAULT_FACET_SIZE,
    )?;
    Ok(SearchRequest {
        q: p.query(c)?,
        filters: p.filters(c)?,
        sort,
        page,
        per_page,
        facet_size,
    })
}
