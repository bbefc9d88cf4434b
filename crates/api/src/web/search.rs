//! `/`: the search page. One GET form holds the whole state (query, facet checkboxes, ranges,
//! sort), so every search is a URL; paging links keep it.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, PreEscaped, html};
use projektsok_index::{FACETS, FacetCount, SearchRequest, SearchResponse, Sort};

use super::layout::{self, Lang, Nav, PageError, Toggle};
use super::{PageQuery, fmt, project_href};
use crate::AppState;
use crate::handlers::search::request;

/// Facets whose box is open without a selection (the long lists start closed).
const OPEN_FACETS: [&str; 6] = [
    "region",
    "phase",
    "owner_type",
    "target_group",
    "method",
    "start_year",
];

/// The label of a facet or range parameter.
pub fn facet_label(name: &str, l: Lang) -> &'static str {
    match name {
        "region" => l.t("Region", "Region"),
        "county" => l.t("Län", "County"),
        "municipality" => l.t("Kommun", "Municipality"),
        "phase" => l.t("Projektfas", "Phase"),
        "programme_area" => l.t("Programområde", "Programme area"),
        "owner_type" => l.t("Typ av projektägare", "Owner type"),
        "target_group" => l.t("Målgrupp", "Target group"),
        "method" => l.t("Metod", "Method"),
        "start_year" => l.t("Startår", "Start year"),
        "budget_min" => l.t("Budget minst", "Budget at least"),
        "budget_max" => l.t("Budget högst", "Budget at most"),
        "grant_min" => l.t("ESF-stöd minst", "ESF grant at least"),
        "grant_max" => l.t("ESF-stöd högst", "ESF grant at most"),
        "year_from" => l.t("Startår från", "Start year from"),
        "year_to" => l.t("Startår till", "Start year to"),
        _ => l.t("Filter", "Filter"),
    }
}

fn sort_label(s: Sort, l: Lang) -> &'static str {
    match s {
        Sort::Relevance => l.t("Relevans", "Relevance"),
        Sort::BudgetDesc => l.t("Störst budget först", "Largest budget first"),
        Sort::BudgetAsc => l.t("Minst budget först", "Smallest budget first"),
        Sort::StartDesc => l.t("Senast startade först", "Latest start first"),
        Sort::StartAsc => l.t("Tidigast startade först", "Earliest start first"),
    }
}

/// `2010-01-15 – 2013-12-31`
pub fn period_text(start: Option<&str>, end: Option<&str>) -> String {
    match (start, end) {
        (None, None) => "–".to_string(),
        (s, e) => format!("{} – {}", s.unwrap_or("?"), e.unwrap_or("?")),
    }
}

/// `GET /`
pub async fn page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pq = PageQuery::parse(raw.as_deref());
    let outcome = match request(&state, Some(&pq.api_query(&[]))) {
        Ok(req) => {
            let r = req.clone();
            state
                .blocking(move |index| Ok(index.search(&r)?))
                .await
                .map(|res| (req, res))
        }
        Err(e) => Err(e),
    };
    let toggle = Toggle::of("/", &pq.encode_without(&[]));
    let l = pq.lang;
    match outcome {
        Ok((req, res)) => {
            let title = match req.q.trim() {
                "" | "*" => l.t("Sök projekt", "Search projects").to_string(),
                q => format!("{} {q}", l.t("Sök:", "Search:")),
            };
            let main = render(&pq, Some((&req, &res)), None);
            layout::page(l, &title, Nav::Search, &toggle, main).into_response()
        }
        Err(e) => {
            let err = PageError::of(e, l);
            let status = err.status;
            if status == StatusCode::BAD_REQUEST {
                let main = render(&pq, None, Some(&err.message));
                let title = l.t("Felaktig sökning", "Bad search");
                (status, layout::page(l, title, Nav::Search, &toggle, main)).into_response()
            } else {
                err.into_response()
            }
        }
    }
}

/// The page body: the form (with facets when there is an answer), the hits, paging.
fn render(
    pq: &PageQuery,
    answer: Option<(&SearchRequest, &SearchResponse)>,
    error: Option<&str>,
) -> Markup {
    let l = pq.lang;
    let q = pq.get("q").unwrap_or("");
    let sort = pq.get("sort").unwrap_or("relevance");
    html! {
        h1.visually-hidden { (l.t("Sök bland ESF-projekt", "Search ESF projects")) }
        form #search method="get" action="/" {
            @if l == Lang::En { input type="hidden" name="lang" value="en"; }
            div.searchbar role="search" {
                label for="q" { (l.t("Sök i projektbanken", "Search the project bank")) }
                div.searchrow {
                    input #q type="search" name="q" value=(q) autocomplete="off"
                        placeholder=(l.t("t.ex. unga praktik -Stockholm", "e.g. unga praktik -Stockholm"))
                        aria-describedby="q-help";
                    button type="submit" { (l.t("Sök", "Search")) }
                }
                p #q-help .help {
                    (l.t("Fraser inom citattecken, -ord utesluter, OR mellan alternativ, fält:värde (t.ex. region:\"Övre Norrland\").",
                         "Phrases in quotes, -word excludes, OR between alternatives, field:value (e.g. region:\"Övre Norrland\")."))
                }
            }
            div.layout {
                aside.filters aria-labelledby="filters-h" {
                    h2 #filters-h { (l.t("Filtrera", "Filter")) }
                    @if let Some((_, res)) = answer {
                        @for facet in FACETS {
                            (facet_box(pq, facet.name(), res.facets.get(facet.name()).unwrap_or(&[])))
                        }
                    } @else {
                        // No counts to show: keep the ticked values, so a corrected search keeps them.
                        @for (k, v) in &pq.pairs {
                            @if is_facet(k) || k == "per_page" {
                                input type="hidden" name=(k) value=(v);
                            }
                        }
                    }
                    (ranges(pq))
                    div.filter-actions {
                        button type="submit" { (l.t("Använd filter", "Apply filters")) }
                        a href=(pq.href("/", &all_filter_names(), &[])) { (l.t("Rensa filter", "Clear filters")) }
                    }
                }
                section.results aria-labelledby="results-h" {
                    h2 #results-h .visually-hidden { (l.t("Resultat", "Results")) }
                    @if let Some(msg) = error {
                        div.alert role="alert" {
                            p { strong { (l.t("Sökningen gick inte att göra: ", "The search could not be run: ")) } (msg) }
                            p { (l.t("Ändra sökningen eller ", "Change the search or ")) a href=(format!("/{}", l.suffix(false))) { (l.t("börja om", "start over")) } "." }
                        }
                    }
                    @if let Some((req, res)) = answer {
                        (results(pq, req, res, sort))
                    }
                }
            }
        }
    }
}

fn is_facet(name: &str) -> bool {
    FACETS.iter().any(|f| f.name() == name)
}

fn all_filter_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = FACETS.iter().map(|f| f.name()).collect();
    v.extend(projektsok_index::filters::RANGE_PARAMS);
    v.push("page");
    v
}

/// One facet: a collapsible box of checkboxes with counts. Ticked values missing from the
/// counts (no hits under the other filters) are still listed, so they can be unticked.
fn facet_box(pq: &PageQuery, name: &str, counts: &[FacetCount]) -> Markup {
    let l = pq.lang;
    let mut values: Vec<(String, u64)> =
        counts.iter().map(|c| (c.value.clone(), c.count)).collect();
    for (k, v) in &pq.pairs {
        if k == name && !v.trim().is_empty() && !values.iter().any(|(x, _)| x == v) {
            values.push((v.clone(), 0));
        }
    }
    if name == "start_year" {
        values.sort_by(|a, b| a.0.cmp(&b.0));
    }
    // Ticked values first, so they are in sight in a long, scrolling list.
    values.sort_by_key(|(v, _)| !pq.has(name, v));
    let selected = values.iter().filter(|(v, _)| pq.has(name, v)).count();
    let open = selected > 0 || OPEN_FACETS.contains(&name);
    let id = format!("facet-{name}");
    html! {
        details.facet open[open] data-facet=(name) data-selected=[(selected > 0).then_some("1")] {
            summary {
                span { (facet_label(name, l)) }
                @if selected > 0 { " " span.badge { (selected) span.visually-hidden { (l.t(" valda", " selected")) } } }
            }
            fieldset {
                legend.visually-hidden { (facet_label(name, l)) }
                @if values.is_empty() {
                    p.muted { (l.t("Inga värden", "No values")) }
                } @else {
                    ul.checks .long[values.len() > 8] {
                        @for (i, (value, count)) in values.iter().enumerate() {
                            li {
                                input type="checkbox" id=(format!("{id}-{i}")) name=(name) value=(value) checked[pq.has(name, value)];
                                label for=(format!("{id}-{i}")) {
                                    span.value { (value) }
                                    span.count { (count) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn ranges(pq: &PageQuery) -> Markup {
    let l = pq.lang;
    let field = |name: &str, label: &str, numeric_year: bool| {
        let v = pq.get(name).unwrap_or("");
        html! {
            div.range-field {
                label for=(name) { (label) }
                @if numeric_year {
                    input id=(name) name=(name) type="number" min="1990" max="2100" step="1" value=(v) inputmode="numeric";
                } @else {
                    input id=(name) name=(name) type="text" inputmode="numeric" value=(v) placeholder="kr";
                }
            }
        }
    };
    let any = projektsok_index::filters::RANGE_PARAMS
        .iter()
        .any(|n| pq.get(n).is_some());
    html! {
        details.facet open data-facet="ranges" data-selected=[any.then_some("1")] {
            summary { span { (l.t("Belopp och period", "Amounts and period")) } }
            fieldset.range {
                legend { (l.t("Total budget (kr)", "Total budget (SEK)")) }
                div.range-row {
                    (field("budget_min", l.t("Minst", "At least"), false))
                    (field("budget_max", l.t("Högst", "At most"), false))
                }
            }
            fieldset.range {
                legend { (l.t("Beviljat ESF-stöd (kr)", "ESF grant (SEK)")) }
                div.range-row {
                    (field("grant_min", l.t("Minst", "At least"), false))
                    (field("grant_max", l.t("Högst", "At most"), false))
                }
            }
            fieldset.range {
                legend { (l.t("Projektstart (år)", "Project start (year)")) }
                div.range-row {
                    (field("year_from", l.t("Från", "From"), true))
                    (field("year_to", l.t("Till", "To"), true))
                }
            }
        }
    }
}

/// The pairs of the page minus one `name=value` (and the page number), as a link.
fn without_pair(pq: &PageQuery, name: &str, value: &str) -> String {
    let mut copy = pq.clone();
    copy.pairs
        .retain(|(k, v)| !(k == name && v == value) && k != "page");
    copy.href("/", &[], &[])
}

fn results(pq: &PageQuery, req: &SearchRequest, res: &SearchResponse, sort: &str) -> Markup {
    let l = pq.lang;
    let chips: Vec<(&str, &str)> = pq
        .pairs
        .iter()
        .filter(|(k, v)| {
            k != "q" && k != "sort" && k != "page" && k != "per_page" && !v.trim().is_empty()
        })
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let listing = pq.encode_without(&["page", "sort", "per_page", "facet_size"]);
    let export = if listing.is_empty() {
        "/api/export?format=csv".to_string()
    } else {
        format!("/api/export?format=csv&{listing}")
    };
    html! {
        div.toolbar {
            p.summary #summary data-total=(res.total) {
                strong { (fmt::int(res.total as i64)) } " " (l.t("projekt", "projects"))
                " · " (res.took_ms) " ms"
            }
            div.sort {
                label for="sort" { (l.t("Sortera", "Sort")) }
                select #sort name="sort" data-autosubmit {
                    @for s in Sort::ALL {
                        option value=(s.name()) selected[s.name() == sort] { (sort_label(s, l)) }
                    }
                }
                noscript { button type="submit" { (l.t("Sortera", "Sort")) } }
            }
        }
        @if !chips.is_empty() {
            ul.chips aria-label=(l.t("Valda filter", "Active filters")) {
                @for (k, v) in &chips {
                    li {
                        a href=(without_pair(pq, k, v)) {
                            span.visually-hidden { (l.t("Ta bort filter ", "Remove filter ")) }
                            (facet_label(k, l)) ": " (v)
                            span aria-hidden="true" { " ×" }
                        }
                    }
                }
            }
        }
        p.actions {
            a href=(pq.href("/analys", &["page", "sort", "per_page", "facet_size"], &[])) { (l.t("Analysera budgetar för urvalet", "Analyse the budgets of these projects")) }
            " · "
            a href=(export) download { (l.t("Ladda ner urvalet (CSV)", "Download these projects (CSV)")) }
        }
        @if res.hits.is_empty() && res.total > 0 {
            div.empty {
                p { (l.t("Sidan finns inte: sökningen har färre träffar.", "There is no such page: the search has fewer hits.")) }
                p { a href=(pq.href("/", &["page"], &[])) { (l.t("Till första sidan", "To the first page")) } }
            }
        } @else if res.hits.is_empty() {
            div.empty {
                p { (l.t("Inga projekt matchar sökningen.", "No project matches the search.")) }
                p { (l.t("Pröva färre ord, ta bort ett filter eller sök på ett bredare begrepp.", "Try fewer words, remove a filter or search for a broader term.")) }
            }
        } @else {
            ol.hits start=((req.page - 1) * req.per_page + 1) {
                @for h in &res.hits {
                    li.hit data-id=(h.id) {
                        h3 { a href=(project_href(&h.id, l)) { (h.title) } }
                        dl.meta {
                            @if let Some(o) = &h.owner { div { dt { (l.t("Projektägare", "Owner")) } dd { (o) } } }
                            @if let Some(r) = &h.region { div { dt { (l.t("Region", "Region")) } dd { (r) } } }
                            div { dt { (l.t("Period", "Period")) } dd { (period_text(h.period.start.as_deref(), h.period.end.as_deref())) } }
                            div { dt { (l.t("Budget", "Budget")) } dd.num { (fmt::kr_opt(h.total_budget_sek)) } }
                            div { dt { (l.t("ESF-stöd", "ESF grant")) } dd.num { (fmt::kr_opt(h.esf_grant_sek)) } }
                        }
                        // The index escapes the snippet text itself; only its <mark> tags are markup.
                        @if !h.snippet.is_empty() { p.snippet { (PreEscaped(&h.snippet)) } }
                    }
                }
            }
            (pagination(pq, req, res.total))
        }
    }
}

fn pagination(pq: &PageQuery, req: &SearchRequest, total: u64) -> Markup {
    let l = pq.lang;
    let per = req.per_page.max(1);
    let reachable = projektsok_index::search::MAX_DEPTH / per;
    let pages = (total as usize).div_ceil(per).min(reachable.max(1));
    if pages <= 1 {
        return html! {};
    }
    let cur = req.page;
    let link = |n: usize| pq.href("/", &["page"], &[("page", &n.to_string())]);
    let mut shown: Vec<usize> = vec![1, pages];
    for n in cur.saturating_sub(2)..=cur + 2 {
        if (1..=pages).contains(&n) {
            shown.push(n);
        }
    }
    shown.sort_unstable();
    shown.dedup();
    html! {
        nav.pagination aria-label=(l.t("Sidor", "Pages")) {
            ul {
                @if cur > 1 {
                    li { a rel="prev" href=(link(cur - 1)) { "← " (l.t("Föregående", "Previous")) } }
                }
                @for (i, n) in shown.iter().enumerate() {
                    @if i > 0 && *n > shown[i - 1] + 1 { li.gap aria-hidden="true" { "…" } }
                    li {
                        @if *n == cur {
                            a href=(link(*n)) aria-current="page" {
                                span.visually-hidden { (l.t("Sida ", "Page ")) } (n)
                            }
                        } @else {
                            a href=(link(*n)) { span.visually-hidden { (l.t("Sida ", "Page ")) } (n) }
                        }
                    }
                }
                @if cur < pages {
                    li { a rel="next" href=(link(cur + 1)) { (l.t("Nästa", "Next")) " →" } }
                }
            }
        }
    }
}
