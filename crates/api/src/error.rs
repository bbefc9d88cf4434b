//! The one error type of the API and the one table from error to HTTP status.
//!
//! | variant | status | when |
//! |---|---|---|
//! | [`ApiError::BadParameter`] | 400 | a query parameter or body field is unknown, repeated, malformed or out of range; names the parameter and what was expected |
//! | [`ApiError::BadRequest`] | 400 | other client faults: malformed JSON, bad query syntax, deep paging, unknown filter values |
//! | [`ApiError::Unauthorized`] | 401 | a write without `Authorization: Bearer <token>` or with a wrong token |
//! | [`ApiError::WritesDisabled`] | 403 | a write while no admin token is configured |
//! | [`ApiError::NotFound`] | 404 | unknown project id or route |
//! | [`ApiError::MethodNotAllowed`] | 405 | known route, other method |
//! | [`ApiError::Timeout`] | 408 | the response did not start within the request timeout |
//! | [`ApiError::PayloadTooLarge`] | 413 | the body is over the size limit |
//! | [`ApiError::UnsupportedMediaType`] | 415 | a body of a content type the endpoint does not read |
//! | [`ApiError::NotASheet`] | 422 | a posted body that is not a project sheet |
//! | [`ApiError::Unavailable`] | 503 | the index is locked by another writer (e.g. a running `projektsok ingest`), or too many exports are running |
//! | [`ApiError::Internal`] | 500 | anything else; the details are logged, never sent |
//!
//! Every error body is `{"error": "..."}`.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use projektsok_index::IndexError;
use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{param}: {message}")]
    BadParameter { param: String, message: String },
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error(
        "writes are disabled: the server was started without PROJEKTSOK_ADMIN_TOKEN, so the index is read-only"
    )]
    WritesDisabled,
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("{0}")]
    Timeout(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    NotASheet(String),
    #[error("{0}")]
    Unavailable(String),
    /// The string is logged, never sent to the client.
    #[error("internal error")]
    Internal(String),
}

/// The body of every error response.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong and, for client errors, what to change.
    pub error: String,
}

impl ApiError {
    /// `name: message` error of one parameter.
    pub fn param(name: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::BadParameter {
            param: name.into(),
            message: message.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadParameter { .. } | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::WritesDisabled => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Timeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::NotASheet(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The error of a response that some layer (body limit, timeout, method router) made
    /// without a JSON body.
    pub fn from_status(status: StatusCode, limits: &crate::Config) -> ApiError {
        match status.as_u16() {
            404 => {
                ApiError::NotFound("not found; the API is described at /api/openapi.json".into())
            }
            405 => ApiError::MethodNotAllowed(
                "method not allowed on this path (see the Allow header and /api/openapi.json)"
                    .into(),
            ),
            408 => ApiError::Timeout(format!(
                "the request took longer than {} s and was cancelled (for large result sets use /api/export)",
                limits.timeout.as_secs()
            )),
            413 => ApiError::PayloadTooLarge(format!(
                "request body too large: at most {} bytes",
                limits.max_body_bytes
            )),
            415 => ApiError::UnsupportedMediaType("unsupported content type".into()),
            s if (400..500).contains(&s) => ApiError::BadRequest(
                status
                    .canonical_reason()
                    .unwrap_or("bad request")
                    .to_lowercase(),
            ),
            _ => ApiError::Internal(format!("a layer answered {status}")),
        }
    }
}

impl From<IndexError> for ApiError {
    fn from(e: IndexError) -> ApiError {
        match e {
            IndexError::NotFound(id) => ApiError::NotFound(format!("no project with id '{id}'")),
            IndexError::Query(q) => ApiError::param("q", format!("bad query: {q}")),
            IndexError::Pagination(m) => ApiError::BadRequest(format!(
                "{m}; to get a whole result set use /api/export?format=csv|jsonl with the same q and filters"
            )),
            IndexError::Locked => ApiError::Unavailable(
                "the index is locked by another writer (a running `projektsok ingest`?); retry later".into(),
            ),
            e if e.is_client_error() => ApiError::BadRequest(e.to_string()),
            e => ApiError::Internal(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let error = match &self {
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                "internal error (details are in the server log)".to_string()
            }
            other => other.to_string(),
        };
        let mut response = (status, Json(ErrorBody { error })).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
