//! `GET /api/projects/{id}`, `POST /api/projects`, `DELETE /api/projects/{id}`

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use projektsok_parser::{ParseError, Project};

use crate::AppState;
use crate::auth::Admin;
use crate::error::{ApiError, ErrorBody};
use crate::openapi::schemas;
use crate::params::Params;

/// Longest accepted id.
pub const MAX_ID_CHARS: usize = 256;

/// The id of a `{id}` path segment, checked. Ids are looked up as exact index terms, never used
/// as paths, so `..%2F..` is just an unknown id.
pub(crate) fn project_id(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    let Path(id) = path.map_err(|e| ApiError::param("id", e.body_text()))?;
    if id.trim().is_empty() {
        return Err(ApiError::param("id", "must not be empty"));
    }
    if id.chars().count() > MAX_ID_CHARS || id.chars().any(char::is_control) {
        return Err(ApiError::param(
            "id",
            format!(
                "expected a project id (at most {MAX_ID_CHARS} characters, no control characters)"
            ),
        ));
    }
    Ok(id)
}

/// No query parameters accepted.
pub(crate) fn no_params(raw: Option<&str>) -> Result<(), ApiError> {
    Params::parse(raw, &[], false).map(|_| ())
}

/// One project, the same `Project` record as `projektsok parse` prints.
#[utoipa::path(
    get,
    path = "/api/projects/{id}",
    tag = "projects",
    params(("id" = String, Path, description = "Project id")),
    responses(
        (status = 200, description = "The project", body = schemas::Project),
        (status = 400, description = "Not a usable id", body = ErrorBody),
        (status = 404, description = "No project with this id", body = ErrorBody),
    )
)]
pub async fn get_project(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Project>, ApiError> {
    let id = project_id(path)?;
    no_params(raw.as_deref())?;
    let project = state
        .blocking(move |index| {
            index
                .get(&id)?
                .ok_or_else(|| ApiError::NotFound(format!("no project with id '{id}'")))
        })
        .await?;
    Ok(Json(project))
}

fn readable_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(ct) = headers.get(header::CONTENT_TYPE) else {
        return Ok(());
    };
    let ct = ct.to_str().unwrap_or("").to_ascii_lowercase();
    let essence = ct.split(';').next().unwrap_or("").trim();
    if essence.is_empty()
        || essence.starts_with("text/")
        || essence == "application/octet-stream"
        || essence == "application/xhtml+xml"
    {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType(format!(
            "cannot read a body of type '{essence}': send one sheet as the raw body, text/plain or text/html"
        )))
    }
}

pub(crate) fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge(format!("request body too large: {}", e.body_text()))
        } else {
            ApiError::BadRequest(format!(
                "could not read the request body: {}",
                e.body_text()
            ))
        }
    })
}

/// Adds or replaces (by id) one sheet: parses it (text or HTML), indexes it and commits, so it
/// is searchable as soon as this answers.
#[utoipa::path(
    post,
    path = "/api/projects",
    tag = "projects",
    security(("admin_token" = [])),
    params(("source" = Option<String>, Query, description = "Where the sheet came from (file name or URL), stored as `source`; default `api`")),
    request_body(content = String, description = "One project sheet, text or HTML (detected from the content)", content_type = "text/plain"),
    responses(
        (status = 201, description = "Indexed (new or replacing the project with the same id); the parsed project with its warnings", body = schemas::Project),
        (status = 400, description = "Empty body or bad parameter", body = ErrorBody),
        (status = 401, description = "Missing or wrong token", body = ErrorBody),
        (status = 403, description = "Writes are disabled (no token configured)", body = ErrorBody),
        (status = 413, description = "Body over the size limit (10 MB), or a sheet over 2 MB", body = ErrorBody),
        (status = 415, description = "A content type other than text or HTML", body = ErrorBody),
        (status = 422, description = "The body is not a project sheet", body = ErrorBody),
        (status = 503, description = "The index is locked by another writer", body = ErrorBody),
    )
)]
pub async fn create_project(
    _admin: Admin,
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), &["source"], false)?;
    let source = match p.one("source")? {
        Some(s) if s.chars().count() > 1000 => {
            return Err(ApiError::param("source", "at most 1000 characters"));
        }
        Some(s) => s.to_string(),
        None => "api".to_string(),
    };
    readable_content_type(&headers)?;
    let body = body_bytes(body)?;
    let max = state.config().max_sheet_bytes;
    if body.len() > max {
        return Err(ApiError::PayloadTooLarge(format!(
            "a sheet is at most {max} bytes, this one has {}; send one project sheet per request",
            body.len()
        )));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest(
            "empty body: send one project sheet (text or HTML) as the request body".into(),
        ));
    }
    let project = state
        .blocking(move |_| {
            projektsok_parser::parse_bytes(&source, &body).map_err(|e| match e {
                ParseError::NotASheet(_) => ApiError::NotASheet(e.to_string()),
            })
        })
        .await?;
    if project.id.trim().is_empty() {
        return Err(ApiError::NotASheet(
            "not a project sheet: no id could be derived from it".into(),
        ));
    }
    let guard = state.write_lock().clone().lock_owned().await;
    let project = state
        .blocking(move |index| {
            let _guard = guard;
            let mut writer = index.writer()?;
            writer.add(&project)?;
            writer.commit()?;
            Ok(project)
        })
        .await?;
    tracing::info!(id = %project.id, warnings = project.warnings.len(), "project indexed");
    let mut response = (StatusCode::CREATED, Json(&project)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/projects/{}", encode_segment(&project.id)))
    {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

/// Removes a project from the index.
#[utoipa::path(
    delete,
    path = "/api/projects/{id}",
    tag = "projects",
    security(("admin_token" = [])),
    params(("id" = String, Path, description = "Project id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Missing or wrong token", body = ErrorBody),
        (status = 403, description = "Writes are disabled (no token configured)", body = ErrorBody),
        (status = 404, description = "No project with this id", body = ErrorBody),
        (status = 503, description = "The index is locked by another writer", body = ErrorBody),
    )
)]
pub async fn delete_project(
    _admin: Admin,
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<StatusCode, ApiError> {
    let id = project_id(path)?;
    no_params(raw.as_deref())?;
    let guard = state.write_lock().clone().lock_owned().await;
    state
        .blocking(move |index| {
            let _guard = guard;
            if index.get(&id)?.is_none() {
                return Err(ApiError::NotFound(format!("no project with id '{id}'")));
            }
            let mut writer = index.writer()?;
            writer.delete(&id);
            writer.commit()?;
            tracing::info!(%id, "project deleted");
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Percent-encodes a path segment (RFC 3986 unreserved characters kept).
pub(crate) fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
