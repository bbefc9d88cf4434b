//! `GET /api/projects/{id}/similar` and `POST /api/similar`

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, header};
use projektsok_index::{SimilarRequest, SimilarResponse};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::handlers::projects::{body_bytes, project_id};
use crate::openapi::{FilterParams, schemas};
use crate::params::Params;

const DEFAULT_LIMIT: usize = 10;

/// The body of `POST /api/similar`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SimilarDraft {
    /// The draft text (Swedish), e.g. a planned project's summary.
    pub text: String,
    /// Most hits (1..=100, default 10).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// The projects most similar to a project of the index (never itself), with why.
#[utoipa::path(
    get,
    path = "/api/projects/{id}/similar",
    tag = "similar",
    params(
        ("id" = String, Path, description = "Project id"),
        ("limit" = Option<usize>, Query, description = "Most hits, 1..=100 (default 10)"),
        FilterParams,
    ),
    responses(
        (status = 200, description = "Similar projects, best first", body = schemas::SimilarResponse),
        (status = 400, description = "A bad parameter", body = ErrorBody),
        (status = 404, description = "No project with this id", body = ErrorBody),
    )
)]
pub async fn similar_to_project(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SimilarResponse>, ApiError> {
    let id = project_id(path)?;
    let p = Params::parse(raw.as_deref(), &["limit"], true)?;
    let req = SimilarRequest {
        limit: p.number("limit", 1, state.config().max_similar, DEFAULT_LIMIT)?,
        filters: p.filters(state.config())?,
    };
    let res = state
        .blocking(move |index| Ok(index.similar(&id, &req)?))
        .await?;
    Ok(Json(res))
}

/// The projects most similar to a draft text that is not in the index, with why.
#[utoipa::path(
    post,
    path = "/api/similar",
    tag = "similar",
    params(FilterParams),
    request_body(content = SimilarDraft, description = "`{\"text\": \"...\"}` as JSON; a text/plain body is taken as the text itself"),
    responses(
        (status = 200, description = "Similar projects, best first", body = schemas::SimilarResponse),
        (status = 400, description = "Malformed JSON, empty text or a bad parameter", body = ErrorBody),
        (status = 413, description = "Body over the size limit", body = ErrorBody),
        (status = 415, description = "Neither JSON nor text", body = ErrorBody),
    )
)]
pub async fn similar_to_text(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SimilarResponse>, ApiError> {
    let c = state.config();
    let p = Params::parse(raw.as_deref(), &[], true)?;
    let filters = p.filters(c)?;
    let body = body_bytes(body)?;
    let draft = draft(&headers, &body)?;
    if draft.text.trim().is_empty() {
        return Err(ApiError::param(
            "text",
            "must not be empty; send the draft text",
        ));
    }
    let n = draft.text.chars().count();
    if n > c.max_text_chars {
        return Err(ApiError::param(
            "text",
            format!("at most {} characters, got {n}", c.max_text_chars),
        ));
    }
    let limit = draft.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=c.max_similar).contains(&limit) {
        return Err(ApiError::param(
            "limit",
            format!(
                "expected a whole number from 1 to {}, got {limit}",
                c.max_similar
            ),
        ));
    }
    let req = SimilarRequest { limit, filters };
    let res = state
        .blocking(move |index| Ok(index.similar_text(&draft.text, &req)?))
        .await?;
    Ok(Json(res))
}

/// The draft of a body: JSON (`application/json` or no content type) or plain text.
fn draft(headers: &HeaderMap, body: &[u8]) -> Result<SimilarDraft, ApiError> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let essence = ct.split(';').next().unwrap_or("").trim().to_string();
    if essence == "text/plain" {
        let text = String::from_utf8(body.to_vec())
            .map_err(|_| ApiError::BadRequest("body: the text is not valid UTF-8".into()))?;
        return Ok(SimilarDraft { text, limit: None });
    }
    if !(essence.is_empty() || essence == "application/json" || essence.ends_with("+json")) {
        return Err(ApiError::UnsupportedMediaType(format!(
            "cannot read a body of type '{essence}': send application/json {{\"text\": \"...\"}} or text/plain"
        )));
    }
    serde_json::from_slice::<SimilarDraft>(body).map_err(|e| {
        ApiError::BadRequest(format!(
            "body: not the expected JSON ({e}); expected {{\"text\": \"...\", \"limit\": 10}}"
        ))
    })
}
