//! `/projekt/{id}`: one project, every field of the `Project` record, its sections in page
//! order, its municipalities by county, and its most similar projects with why.

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use projektsok_index::{SimilarRequest, SimilarResponse};
use projektsok_parser::Project;

use super::layout::{self, Lang, Nav, PageError, Toggle};
use super::search::{facet_label, period_text};
use super::{PageQuery, fmt, path_segment, project_href};
use crate::AppState;
use crate::error::ApiError;
use crate::handlers::projects::project_id;

/// Similar projects shown on the page.
const SIMILAR: usize = 6;

/// The parser's reference table (the same file it normalises municipalities with), for
/// grouping a project's municipalities by county.
const MUNICIPALITY_CSV: &str = include_str!("../../../parser/data/municipality_county.csv");

/// Municipality short name -> county name.
static COUNTY_OF: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    MUNICIPALITY_CSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split(',').map(str::trim).collect();
            match cols.as_slice() {
                [_, _, short, _, county, ..] => Some((*short, *county)),
                _ => None,
            }
        })
        .collect()
});

/// The municipalities grouped by county: counties in the project's order, then any other.
pub fn by_county(p: &Project) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> =
        p.counties.iter().map(|c| (c.clone(), Vec::new())).collect();
    for m in &p.municipalities {
        let county = COUNTY_OF.get(m.as_str()).copied().unwrap_or("");
        match groups.iter_mut().find(|(c, _)| c == county) {
            Some((_, list)) => list.push(m.clone()),
            None => groups.push((county.to_string(), vec![m.clone()])),
        }
    }
    groups.retain(|(_, list)| !list.is_empty());
    groups
}

/// `GET /projekt/{id}`
pub async fn page(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Response {
    let pq = PageQuery::parse(raw.as_deref());
    let l = pq.lang;
    let id = match project_id(path) {
        Ok(id) => id,
        Err(e) => return PageError::of(e, l).into_response(),
    };
    let lookup = id.clone();
    let found = state
        .blocking(move |index| {
            let Some(p) = index.get(&lookup)? else {
                return Ok(None);
            };
            let similar = index
                .similar(
                    &lookup,
                    &SimilarRequest {
                        limit: SIMILAR,
                        ..SimilarRequest::default()
                    },
                )
                .unwrap_or(SimilarResponse { hits: Vec::new() });
            Ok::<_, ApiError>(Some((p, similar)))
        })
        .await;
    match found {
        Ok(Some((p, similar))) => {
            let path = format!("/projekt/{}", path_segment(&p.id));
            let toggle = Toggle::of(&path, "");
            let title = p.title.clone();
            layout::page(l, &title, Nav::Project, &toggle, render(&p, &similar, l)).into_response()
        }
        Ok(None) => PageError::not_found(
            l,
            format!(
                "{} '{id}'.",
                l.t(
                    "Det finns inget projekt med id",
                    "There is no project with id"
                )
            ),
        )
        .into_response(),
        Err(e) => PageError::of(e, l).into_response(),
    }
}

/// A link to the search filtered by one value.
fn filter_link(name: &str, value: &str, l: Lang) -> Markup {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair(name, value);
    if l == Lang::En {
        s.append_pair("lang", "en");
    }
    html! { a href=(format!("/?{}", s.finish())) { (value) } }
}

fn list_links(name: &str, values: &[String], l: Lang) -> Markup {
    html! {
        @if values.is_empty() { "–" } @else {
            ul.inline {
                @for v in values { li { (filter_link(name, v, l)) } }
            }
        }
    }
}

fn list_plain(values: &[String]) -> Markup {
    html! {
        @if values.is_empty() { "–" } @else {
            ul.inline { @for v in values { li { (v) } } }
        }
    }
}

fn opt(v: &Option<String>) -> Markup {
    html! {
        @match v { Some(s) if !s.trim().is_empty() => (s), _ => span.muted { "–" } }
    }
}

fn opt_link(name: &str, v: &Option<String>, l: Lang) -> Markup {
    html! {
        @match v { Some(s) if !s.trim().is_empty() => (filter_link(name, s, l)), _ => span.muted { "–" } }
    }
}

/// Paragraphs of a section text (blank lines or line breaks separate them).
fn paragraphs(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn render(p: &Project, similar: &SimilarResponse, l: Lang) -> Markup {
    let groups = by_county(p);
    let start_year = p
        .period
        .start
        .as_deref()
        .and_then(|s| s.get(..4))
        .map(str::to_string);
    html! {
        article.project {
            header.project-head {
                p.crumbs { a href=(format!("/{}", l.suffix(false))) { (l.t("Sök", "Search")) } " › " (l.t("Projekt", "Project")) }
                h1 { (p.title) }
                @if let Some(o) = &p.owner {
                    p.lead {
                        (o)
                        @if let Some(t) = &p.owner_type { " · " span.tag { (t) } }
                        @if let Some(r) = &p.region { " · " (r) }
                    }
                }
                ul.figures aria-label=(l.t("Nyckeltal", "Key figures")) {
                    li { span.label { (l.t("Total budget", "Total budget")) } span.value data-field="total_budget_sek" { (fmt::kr_opt(p.total_budget_sek)) } }
                    li { span.label { (l.t("Beviljat ESF-stöd", "ESF grant")) } span.value data-field="esf_grant_sek" { (fmt::kr_opt(p.esf_grant_sek)) } }
                    li { span.label { (l.t("ESF-andel", "ESF share")) } span.value data-field="esf_share" { (fmt::pct(p.esf_share, l)) } }
                    li { span.label { (l.t("Projektperiod", "Project period")) } span.value { (period_text(p.period.start.as_deref(), p.period.end.as_deref())) } }
                }
            }
            div.project-layout {
                div.project-text {
                    @if p.sections.is_empty() {
                        p.muted { (l.t("Projektbladet har inga beskrivande avsnitt.", "The sheet has no descriptive sections.")) }
                    }
                    @for s in &p.sections {
                        section.sheet-section lang=[s.lang.as_deref()] {
                            h2 { (s.heading) }
                            @for para in paragraphs(&s.text) { p { (para) } }
                        }
                    }
                }
                aside.project-facts {
                    section.similar aria-labelledby="similar-h" {
                        h2 #similar-h { (l.t("Liknande projekt", "Similar projects")) }
                        (similar_list(similar, l))
                    }
                    section aria-labelledby="facts-h" {
                        h2 #facts-h { (l.t("Uppgifter", "Details")) }
                        dl.facts {
                            dt { (l.t("Projektägare", "Owner")) } dd { (opt(&p.owner)) }
                            dt { (facet_label("owner_type", l)) } dd { (opt_link("owner_type", &p.owner_type, l)) }
                            dt { (l.t("Kontaktperson", "Contact")) } dd { (opt(&p.contact.name)) }
                            dt { (l.t("E-post", "Email")) } dd {
                                @match &p.contact.email {
                                    Some(e) if !e.trim().is_empty() => a href=(format!("mailto:{e}")) { (e) },
                                    _ => span.muted { "–" },
                                }
                            }
                            dt { (l.t("Telefon", "Phone")) } dd { (opt(&p.contact.phone)) }
                            dt { (l.t("Total budget", "Total budget")) } dd.num { (fmt::kr_opt(p.total_budget_sek)) }
                            dt { (l.t("Beviljat ESF-stöd", "ESF grant")) } dd.num { (fmt::kr_opt(p.esf_grant_sek)) }
                            dt { (l.t("ESF-andel", "ESF share")) } dd.num { (fmt::pct(p.esf_share, l)) }
                            dt { (l.t("Projektperiod", "Project period")) } dd {
                                (period_text(p.period.start.as_deref(), p.period.end.as_deref()))
                                @if let Some(y) = &start_year { " (" (filter_link("start_year", y, l)) ")" }
                            }
                            dt { (facet_label("region", l)) } dd { (opt_link("region", &p.region, l)) }
                            dt { (l.t("Län", "Counties")) } dd { (list_links("county", &p.counties, l)) }
                            dt { (facet_label("programme_area", l)) } dd { (opt_link("programme_area", &p.programme_area, l)) }
                            dt { (facet_label("phase", l)) } dd { (opt_link("phase", &p.phase, l)) }
                            dt { (l.t("Ärendenummer", "Case number")) } dd { (opt(&p.case_number)) }
                            dt { (l.t("Planerat antal deltagare", "Planned participants")) } dd.num {
                                @match p.planned_participants { Some(n) => (fmt::int(n)), None => span.muted { "–" } }
                            }
                            dt { (l.t("Medfinansiärer", "Co-financiers")) } dd { (list_plain(&p.co_financiers)) }
                            dt { (l.t("Samarbetspartners", "Partners")) } dd { (list_plain(&p.partners)) }
                            dt { (l.t("Målgrupper", "Target groups")) } dd { (list_links("target_group", &p.target_groups, l)) }
                            dt { (l.t("Metoder", "Methods")) } dd { (list_links("method", &p.methods, l)) }
                            @for f in &p.other_fields {
                                dt { (f.label) } dd { (f.value) }
                            }
                            dt { (l.t("Id", "Id")) } dd { code { (p.id) } }
                            dt { (l.t("Källa", "Source")) } dd.source { (p.source) }
                        }
                        p.small {
                            a href=(format!("/api/projects/{}", path_segment(&p.id))) { (l.t("Som JSON", "As JSON")) }
                        }
                    }
                    section aria-labelledby="places-h" {
                        h2 #places-h { (l.t("Kommuner", "Municipalities")) }
                        @if groups.is_empty() {
                            p.muted { (l.t("Inga kommuner angivna.", "No municipalities given.")) }
                        } @else {
                            dl.places {
                                @for (county, list) in &groups {
                                    dt {
                                        @if county.is_empty() { (l.t("Okänt län", "Unknown county")) }
                                        @else { (filter_link("county", county, l)) }
                                    }
                                    dd { (list_links("municipality", list, l)) }
                                }
                            }
                        }
                    }
                }
            }
            @if !p.warnings.is_empty() {
                section.warnings aria-labelledby="warnings-h" {
                    h2 #warnings-h { (l.t("Varningar från inläsningen", "Parsing warnings")) }
                    ul {
                        @for w in &p.warnings { li { code { (w.field) } ": " (w.message) } }
                    }
                }
            }
        }
    }
}

/// A list of similar projects with their `why` (also used by `/liknande`).
pub fn similar_list(similar: &SimilarResponse, l: Lang) -> Markup {
    html! {
        @if similar.hits.is_empty() {
            p.muted { (l.t("Inga liknande projekt hittades.", "No similar projects found.")) }
        } @else {
            ol.similar-list {
                @for h in &similar.hits {
                    li data-id=(h.id) {
                        a href=(project_href(&h.id, l)) { (h.title) }
                        @if !h.why.is_empty() { p.why { (h.why) } }
                    }
                }
            }
        }
    }
}
