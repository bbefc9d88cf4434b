//! `/liknande`: a funder pastes an application text and gets the closest prior projects, with
//! why. GET shows the form; POST (`application/x-www-form-urlencoded`, field `text`) answers.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use projektsok_index::{SimilarRequest, SimilarResponse};

use super::PageQuery;
use super::layout::{self, Lang, Nav, Toggle};
use super::project::similar_list;
use crate::AppState;

/// Hits shown.
const LIMIT: usize = 10;

/// `GET /liknande`
pub async fn form(RawQuery(raw): RawQuery) -> Response {
    let pq = PageQuery::parse(raw.as_deref());
    respond(pq.lang, StatusCode::OK, "", None, None)
}

/// `POST /liknande`
pub async fn submit(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let l = PageQuery::parse(raw.as_deref()).lang;
    let body = match body {
        Ok(b) => b,
        Err(e) => {
            let status = e.status();
            let msg = if status == StatusCode::PAYLOAD_TOO_LARGE {
                l.t("Texten är för stor.", "The text is too large.")
                    .to_string()
            } else {
                e.body_text()
            };
            return respond(l, status, "", Some(msg), None);
        }
    };
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let text = if ct.starts_with("text/plain") {
        String::from_utf8_lossy(&body).into_owned()
    } else {
        form_urlencoded::parse(&body)
            .find(|(k, _)| k == "text")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    if text.trim().is_empty() {
        let msg = l.t(
            "Klistra in en text först: en projektidé, en sammanfattning eller en hel ansökan.",
            "Paste a text first: a project idea, a summary or a whole application.",
        );
        return respond(
            l,
            StatusCode::BAD_REQUEST,
            &text,
            Some(msg.to_string()),
            None,
        );
    }
    let max = state.config().max_text_chars;
    let n = text.chars().count();
    if n > max {
        let msg = format!(
            "{} {max} {} ({n}).",
            l.t("Texten får vara högst", "The text may have at most"),
            l.t("tecken", "characters")
        );
        return respond(l, StatusCode::BAD_REQUEST, "", Some(msg), None);
    }
    let draft = text.clone();
    let req = SimilarRequest {
        limit: LIMIT.min(state.config().max_similar),
        ..SimilarRequest::default()
    };
    match state
        .blocking(move |index| Ok(index.similar_text(&draft, &req)?))
        .await
    {
        Ok(res) => respond(l, StatusCode::OK, &text, None, Some(&res)),
        Err(e) => {
            let err = super::layout::PageError::of(e, l);
            respond(l, err.status, &text, Some(err.message), None)
        }
    }
}

fn respond(
    l: Lang,
    status: StatusCode,
    text: &str,
    error: Option<String>,
    res: Option<&SimilarResponse>,
) -> Response {
    let toggle = Toggle::of("/liknande", "");
    let main = render(l, text, error.as_deref(), res);
    let title = l.t("Liknande projekt", "Similar projects");
    (status, layout::page(l, title, Nav::Similar, &toggle, main)).into_response()
}

fn render(l: Lang, text: &str, error: Option<&str>, res: Option<&SimilarResponse>) -> Markup {
    html! {
        h1 { (l.t("Liknande projekt till ditt utkast", "Projects similar to your draft")) }
        p.lead {
            (l.t("Klistra in en ansökningstext eller projektidé. Du får de tidigare projekt som liknar den mest, och varför.",
                 "Paste an application text or project idea. You get the prior projects most like it, and why."))
        }
        form.draft method="post" action=(format!("/liknande{}", l.suffix(false))) {
            label for="text" { (l.t("Ansökningstext eller projektidé", "Application text or project idea")) }
            textarea #text name="text" rows="10" required aria-describedby="text-help" { (text) }
            p #text-help .help { (l.t("Texten sparas inte.", "The text is not stored.")) }
            button type="submit" { (l.t("Hitta liknande projekt", "Find similar projects")) }
        }
        @if let Some(msg) = error {
            div.alert role="alert" { p { (msg) } }
        }
        @if let Some(res) = res {
            section.similar aria-labelledby="similar-h" {
                h2 #similar-h { (l.t("Mest lika tidigare projekt", "Most similar prior projects")) }
                (similar_list(res, l))
            }
        }
    }
}
