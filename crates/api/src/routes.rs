//! Every route and every middleware layer, in one place.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use tower_http::CompressionLevel;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::ApiError;
use crate::handlers::{export, health, projects, search, similar, stats};
use crate::openapi::ApiDoc;

/// The routes and their OpenAPI description (without middleware).
pub(crate) fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(search::search))
        .routes(routes!(projects::create_project))
        .routes(routes!(projects::get_project, projects::delete_project))
        .routes(routes!(similar::similar_to_project))
        .routes(routes!(similar::similar_to_text))
        .routes(routes!(stats::stats))
        .routes(routes!(export::export))
        .routes(routes!(health::healthz))
        .routes(routes!(health::openapi_json))
}

/// The OpenAPI document of [`app`].
pub fn openapi() -> utoipa::openapi::OpenApi {
    api_router().into_openapi()
}

/// The whole service: routes, fallbacks and middleware.
///
/// Layers, outermost first: request tracing, compression (gzip, br), CORS (GET from any
/// origin), JSON bodies for errors made by layers, panic catching, request timeout, body size
/// limit.
pub fn app(state: AppState) -> Router {
    let config = state.config().clone();
    let (router, doc) = api_router().split_for_parts();
    let doc_json = serde_json::to_string(&doc).unwrap_or_else(|_| "{}".to_string());
    // The web pages (crates/api/src/web/).
    router
        .merge(crate::web::router())
        .fallback(unknown_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(Extension(health::OpenApiJson(Arc::new(doc_json))))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .with_state(state.clone())
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.timeout,
        ))
        .layer(CatchPanicLayer::custom(
            |_panic: Box<dyn std::any::Any + Send>| {
                ApiError::Internal("a handler panicked".into()).into_response()
            },
        ))
        .layer(middleware::from_fn_with_state(state, json_errors))
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::HEAD]),
        )
        // Quality 4: brotli's default (11) costs tens of milliseconds per answer.
        .layer(
            CompressionLayer::new()
                .gzip(true)
                .br(true)
                .quality(CompressionLevel::Precise(4)),
        )
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO))
                .on_failure(DefaultOnFailure::new().level(Level::ERROR)),
        )
}

/// JSON under `/api`, where scripts call; the site's HTML 404 elsewhere, where people browse.
async fn unknown_route(method: Method, uri: axum::http::Uri) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        ApiError::NotFound(format!(
            "no route for {method} {path}; the API is described at /api/openapi.json"
        ))
        .into_response()
    } else {
        crate::web::page_not_found(&uri)
    }
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::MethodNotAllowed(format!(
        "{method} is not allowed on {}; see the Allow header and /api/openapi.json",
        uri.path()
    ))
}

/// Gives error responses made by layers (body limit, timeout, ...) a JSON `{"error"}` body,
/// keeping their status and headers. JSON and HTML error pages pass unchanged.
async fn json_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("application/json") || content_type.starts_with("text/html") {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let fresh = ApiError::from_status(status, state.config()).into_response();
    let (fresh_parts, body) = fresh.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Some(v) = fresh_parts.headers.get(header::WWW_AUTHENTICATE) {
        parts.headers.insert(header::WWW_AUTHENTICATE, v.clone());
    }
    Response::from_parts(parts, body)
}
