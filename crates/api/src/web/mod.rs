//! The web pages: server-rendered HTML (maud, escaped by default) over the same library calls
//! and the same query parameters as the JSON API, so every page is a bookmarkable URL.
//!
//! | path | page |
//! |---|---|
//! | `/` | search: query box, facet sidebar (multi-select checkboxes), ranges, sort, hits, paging |
//! | `/projekt/{id}` | one project: every field, sections, municipalities by county, similar projects |
//! | `/analys` | budget and grant per region, county, owner type, start year (SVG bars), share histogram, tables |
//! | `/analys.csv?group_by=...` | the table of one grouping as CSV |
//! | `/liknande` | similar projects to a pasted draft (GET form, POST `application/x-www-form-urlencoded`) |
//! | `/assets/{file}` | CSS and JS embedded in the binary, with `ETag` and `Cache-Control` |
//!
//! Pages take the `/api/search` parameters (parsed by the same code, [`crate::params`]) plus
//! `lang=en` for English labels. A bad parameter is a 400 page that says what to change.
//! The pages make no request to any other host (no CDN, no web fonts), so they work offline.

mod analysis;
mod assets;
mod fmt;
mod layout;
mod project;
mod search;
mod similar;
#[cfg(test)]
mod tests;

use axum::Router;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

pub use layout::Lang;

/// The routes of the web pages, merged into [`crate::app`].
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(search::page))
        .route("/projekt/{id}", get(project::page))
        .route("/analys", get(analysis::page))
        .route("/analys.csv", get(analysis::csv))
        .route("/liknande", get(similar::form).post(similar::submit))
        .route("/assets/{file}", get(assets::serve))
}

/// The HTML 404 page for a path outside the API (the API's own paths answer JSON).
pub(crate) fn page_not_found(uri: &Uri) -> Response {
    let l = PageQuery::parse(uri.query()).lang;
    let message = format!(
        "{} {}",
        l.t("Det finns ingen sida på", "There is no page at"),
        uri.path()
    );
    layout::PageError::not_found(l, message).into_response()
}

/// The query string of a page, split into `lang` and the pairs passed on to the API's parser.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageQuery {
    pub lang: Lang,
    /// Every other `name=value` pair, decoded, in order.
    pub pairs: Vec<(String, String)>,
}

impl PageQuery {
    pub fn parse(raw: Option<&str>) -> PageQuery {
        let mut lang = Lang::Sv;
        let mut pairs = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if k == "lang" {
                lang = Lang::from_param(&v);
            } else if !k.is_empty() {
                pairs.push((k.into_owned(), v.into_owned()));
            }
        }
        PageQuery { lang, pairs }
    }

    /// The first non-empty value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Whether `name=value` is among the pairs.
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.pairs.iter().any(|(k, v)| k == name && v == value)
    }

    /// The pairs (without `lang`) minus the names in `drop`, encoded.
    pub fn encode_without(&self, drop: &[&str]) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            if !drop.contains(&k.as_str()) && !v.trim().is_empty() {
                s.append_pair(k, v);
            }
        }
        s.finish()
    }

    /// The pairs to hand to the API's parser: all but `drop`, keeping empty values.
    pub fn api_query(&self, drop: &[&str]) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            if !drop.contains(&k.as_str()) {
                s.append_pair(k, v);
            }
        }
        s.finish()
    }

    /// `path?pairs` (minus `drop`, plus `extra`, plus `lang=en` when English).
    pub fn href(&self, path: &str, drop: &[&str], extra: &[(&str, &str)]) -> String {
        let mut q = self.encode_without(drop);
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in extra {
            s.append_pair(k, v);
        }
        if self.lang == Lang::En {
            s.append_pair("lang", "en");
        }
        let more = s.finish();
        if !more.is_empty() {
            if !q.is_empty() {
                q.push('&');
            }
            q.push_str(&more);
        }
        if q.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{q}")
        }
    }
}

/// A path segment, percent-encoded (project ids in links).
pub(crate) fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The link to a project page.
pub(crate) fn project_href(id: &str, lang: Lang) -> String {
    let base = format!("/projekt/{}", path_segment(id));
    match lang {
        Lang::Sv => base,
        Lang::En => format!("{base}?lang=en"),
    }
}
