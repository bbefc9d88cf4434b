//! The page frame (head, skip link, header with navigation and language toggle, footer), the
//! two languages, and the HTML error page.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

use super::assets;
use crate::error::ApiError;

/// The language of the labels: Swedish by default, English with `?lang=en`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub fn from_param(v: &str) -> Lang {
        if v.trim().eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Sv
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The Swedish or the English text.
    pub fn t(self, sv: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// `?lang=en` (or `&lang=en` when `amp`) in English, nothing in Swedish.
    pub fn suffix(self, amp: bool) -> &'static str {
        match (self, amp) {
            (Lang::Sv, _) => "",
            (Lang::En, false) => "?lang=en",
            (Lang::En, true) => "&lang=en",
        }
    }
}

/// Which navigation entry is the current page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Search,
    Project,
    Analysis,
    Similar,
    Error,
}

/// Where the language toggle points: the same page in the other language.
pub struct Toggle {
    pub sv: String,
    pub en: String,
}

impl Toggle {
    /// `path` plus the page's query (without `lang`), in both languages.
    pub fn of(path: &str, query: &str) -> Toggle {
        let sv = if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        };
        let en = if query.is_empty() {
            format!("{path}?lang=en")
        } else {
            format!("{path}?{query}&lang=en")
        };
        Toggle { sv, en }
    }
}

/// A whole page: `title` is the page's own title (the `<title>` adds the site name).
pub fn page(lang: Lang, title: &str, nav: Nav, toggle: &Toggle, main: Markup) -> Markup {
    let l = lang;
    let item = |href: String, label: &str, me: Nav| {
        html! {
            li {
                a href=(href) aria-current=[(nav == me).then_some("page")] { (label) }
            }
        }
    };
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Projektsök" }
                // No favicon request: an empty data URL.
                link rel="icon" href="data:,";
                link rel="stylesheet" href=(assets::href("style.css"));
                script src=(assets::href("app.js")) defer {}
            }
            body {
                a.skip href="#main" { (l.t("Hoppa till innehållet", "Skip to content")) }
                header.site {
                    div.wrap {
                        a.brand href=(format!("/{}", l.suffix(false))) {
                            span.logo aria-hidden="true" { "◆" }
                            "Projektsök"
                        }
                        nav aria-label=(l.t("Huvudmeny", "Main menu")) {
                            ul {
                                (item(format!("/{}", l.suffix(false)), l.t("Sök", "Search"), Nav::Search))
                                (item(format!("/analys{}", l.suffix(false)), l.t("Analys", "Analysis"), Nav::Analysis))
                                (item(format!("/liknande{}", l.suffix(false)), l.t("Liknande projekt", "Similar projects"), Nav::Similar))
                            }
                        }
                        @match lang {
                            Lang::Sv => a.lang href=(toggle.en) lang="en" hreflang="en" { "English" },
                            Lang::En => a.lang href=(toggle.sv) lang="sv" hreflang="sv" { "Svenska" },
                        }
                    }
                }
                main #main tabindex="-1" {
                    div.wrap { (main) }
                }
                footer.site {
                    div.wrap {
                        p {
                            (l.t("Projektsök söker i projektbladen i Svenska ESF-rådets projektbank.", "Projektsök searches the project sheets of the Swedish ESF Council's project bank."))
                            " "
                            a href="/api/openapi.json" { (l.t("API-beskrivning", "API description")) }
                        }
                    }
                }
            }
        }
    }
}

/// An error shown as a page: the status, a headline and what to change.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub lang: Lang,
    pub message: String,
    /// Markup to show below the message (e.g. the search form to correct the input).
    pub extra: Option<Markup>,
}

impl PageError {
    pub fn of(e: ApiError, lang: Lang) -> PageError {
        let status = e.status();
        let message = match &e {
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error on a web page");
                lang.t(
                    "Ett internt fel inträffade (detaljerna finns i serverns logg).",
                    "An internal error occurred (the details are in the server log).",
                )
                .to_string()
            }
            other => other.to_string(),
        };
        PageError {
            status,
            lang,
            message,
            extra: None,
        }
    }

    pub fn not_found(lang: Lang, message: String) -> PageError {
        PageError {
            status: StatusCode::NOT_FOUND,
            lang,
            message,
            extra: None,
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let l = self.lang;
        let title = match self.status.as_u16() {
            400 => l.t("Felaktig sökning", "Bad request"),
            404 => l.t("Sidan finns inte", "Not found"),
            413 => l.t("För stor text", "Text too large"),
            503 => l.t("Tillfälligt otillgänglig", "Temporarily unavailable"),
            s if s >= 500 => l.t("Något gick fel", "Something went wrong"),
            _ => l.t("Det gick inte", "That did not work"),
        };
        let main = html! {
            h1 { (title) }
            div.alert role="alert" {
                p { (self.message) }
            }
            @if let Some(extra) = &self.extra {
                (extra)
            } @else {
                p { a href=(format!("/{}", l.suffix(false))) { (l.t("Till sökningen", "Back to search")) } }
            }
        };
        let toggle = Toggle::of("/", "");
        (self.status, page(l, title, Nav::Error, &toggle, main)).into_response()
    }
}
