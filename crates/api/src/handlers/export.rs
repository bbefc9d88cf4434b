//! `GET /api/export`: streamed CSV or JSONL.

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use projektsok_index::ExportFormat;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::openapi::{ExportParams, FilterParams};
use crate::params::{Params, quoted};
use crate::stream::stream_blocking;

/// Every project matching the query and filters, streamed (never built in memory).
#[utoipa::path(
    get,
    path = "/api/export",
    tag = "export",
    params(ExportParams, FilterParams),
    responses(
        (status = 200, description = "CSV (RFC 4180, header row, lists joined with \"; \") or JSONL (one Project per line)",
            content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A bad parameter or query", body = ErrorBody),
        (status = 503, description = "Too many exports are running; retry in a moment", body = ErrorBody),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let c = state.config();
    let p = Params::parse(raw.as_deref(), &["q", "format"], true)?;
    let format = match p.one("format")? {
        None => ExportFormat::Csv,
        Some(f) => f.parse::<ExportFormat>().map_err(|_| {
            ApiError::param(
                "format",
                format!("expected csv or jsonl, got {}", quoted(f)),
            )
        })?,
    };
    let q = p.query(c)?;
    let filters = p.filters(c)?;
    let body = stream_blocking(&state, move |index, out| {
        let n = index.export(&q, &filters, format, out)?;
        tracing::info!(projects = n, ?format, "export done");
        Ok(())
    })
    .await?;
    let (content_type, file) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "projekt.csv"),
        ExportFormat::Jsonl => ("application/x-ndjson; charset=utf-8", "projekt.jsonl"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response())
}
