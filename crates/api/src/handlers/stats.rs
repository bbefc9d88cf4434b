//! `GET /api/stats`

use axum::Json;
use axum::extract::{RawQuery, State};
use projektsok_index::{Facet, GroupStats, StatsRequest};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::openapi::{FilterParams, StatsParams, schemas};
use crate::params::{Params, quoted};

/// The answer of `/api/stats`: the contract's `{groups}`, plus `truncated` and `total_groups`
/// when there were more groups than `limit`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatsAnswer {
    pub groups: Vec<GroupStats>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_groups: Option<usize>,
}

/// Count and budget figures (sum, mean, median, min, max) per group, under any query and filters.
#[utoipa::path(
    get,
    path = "/api/stats",
    tag = "stats",
    params(StatsParams, FilterParams),
    responses(
        (status = 200, description = "One entry per group; projects without a value are in the group whose key is null", body = schemas::StatsResponse),
        (status = 400, description = "A bad parameter", body = ErrorBody),
    )
)]
pub async fn stats(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<StatsAnswer>, ApiError> {
    let c = state.config();
    let p = Params::parse(raw.as_deref(), &["q", "group_by", "limit"], true)?;
    let group_by = p.one("group_by")?.unwrap_or("region").trim().to_string();
    let Some(facet) = Facet::from_name(&group_by) else {
        return Err(ApiError::param(
            "group_by",
            format!(
                "expected one of {}, got {}",
                Facet::allowed(),
                quoted(&group_by)
            ),
        ));
    };
    let limit = p.number("limit", 1, c.max_groups, c.max_groups)?;
    let req = StatsRequest {
        group_by: facet.name().to_string(),
        q: p.query(c)?,
        filters: p.filters(c)?,
    };
    let mut res = state.blocking(move |index| Ok(index.stats(&req)?)).await?;
    let total = res.groups.len();
    let mut answer = StatsAnswer {
        groups: Vec::new(),
        truncated: None,
        total_groups: None,
    };
    if total > limit {
        res.groups.truncate(limit);
        answer.truncated = Some(true);
        answer.total_groups = Some(total);
    }
    answer.groups = res.groups;
    Ok(Json(answer))
}
