//! `/analys`: for the current query and filters, total budget and ESF grant per region, county,
//! owner type and start year as SVG bar charts drawn here (no script), the distribution of the
//! ESF share in 10 % bins, and the figures as tables; `/analys.csv?group_by=...` downloads a
//! table. Every bar carries `data-key` and `data-value` (the exact sum in kronor, as in
//! `/api/stats`).

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use projektsok_index::{Facet, GroupStats, ShareHistogram, StatsRequest};

use super::layout::{self, Lang, Nav, PageError, Toggle};
use super::search::facet_label;
use super::{PageQuery, fmt};
use crate::AppState;
use crate::error::ApiError;
use crate::handlers::search::request;
use crate::params::quoted;

/// The groupings drawn, in page order.
const GROUPINGS: [&str; 4] = ["region", "owner_type", "start_year", "county"];

/// Most bars in one chart (the table has every group).
const MAX_BARS: usize = 25;

/// Chart geometry (SVG user units; the SVG scales to its box).
const W: f64 = 420.0;
const ROW: f64 = 40.0;
const VALUE_W: f64 = 96.0;

fn grouping_label(name: &str, l: Lang) -> &'static str {
    match name {
        "region" => l.t("Per region", "By region"),
        "county" => l.t("Per län", "By county"),
        "owner_type" => l.t("Per typ av projektägare", "By owner type"),
        "start_year" => l.t("Per startår", "By start year"),
        _ => l.t("Per grupp", "By group"),
    }
}

fn key_label(key: &Option<String>, l: Lang) -> String {
    match key {
        Some(k) => k.clone(),
        None => l.t("Uppgift saknas", "Not given").to_string(),
    }
}

struct Analysis {
    groupings: Vec<(&'static str, Vec<GroupStats>)>,
    hist: ShareHistogram,
}

/// `GET /analys`
pub async fn page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pq = PageQuery::parse(raw.as_deref());
    let l = pq.lang;
    let req = match request(&state, Some(&pq.api_query(&[]))) {
        Ok(r) => r,
        Err(e) => return bad(&pq, e),
    };
    let (q, filters) = (req.q.clone(), req.filters.clone());
    let run = state
        .blocking(move |index| {
            let mut groupings = Vec::new();
            for g in GROUPINGS {
                let res = index.stats(&StatsRequest {
                    group_by: g.to_string(),
                    q: q.clone(),
                    filters: filters.clone(),
                })?;
                groupings.push((g, res.groups));
            }
            let hist = index.share_histogram(&q, &filters)?;
            Ok(Analysis { groupings, hist })
        })
        .await;
    let a = match run {
        Ok(a) => a,
        Err(e) => return bad(&pq, e),
    };
    let toggle = Toggle::of("/analys", &pq.encode_without(&[]));
    let main = render(&pq, &a);
    layout::page(
        l,
        l.t("Budgetanalys", "Budget analysis"),
        Nav::Analysis,
        &toggle,
        main,
    )
    .into_response()
}

fn bad(pq: &PageQuery, e: ApiError) -> Response {
    let mut err = PageError::of(e, pq.lang);
    let l = pq.lang;
    err.extra = Some(html! {
        p { a href=(pq.href("/", &[], &[])) { (l.t("Ändra sökningen", "Change the search")) } }
    });
    err.into_response()
}

fn render(pq: &PageQuery, a: &Analysis) -> Markup {
    let l = pq.lang;
    let listing = pq.encode_without(&["page", "sort", "per_page", "facet_size"]);
    let amp = |base: &str| {
        if listing.is_empty() {
            base.to_string()
        } else if base.contains('?') {
            format!("{base}&{listing}")
        } else {
            format!("{base}?{listing}")
        }
    };
    // Region is single-valued, so its groups (with the null group) add up to the whole set.
    let all: Vec<&GroupStats> = a
        .groupings
        .iter()
        .find(|(g, _)| *g == "region")
        .map(|(_, gs)| gs.iter().collect())
        .unwrap_or_default();
    let count: u64 = all.iter().map(|g| g.count).sum();
    let budget: i64 = all.iter().map(|g| g.total_budget_sek.sum).sum();
    let grant: i64 = all.iter().map(|g| g.esf_grant_sek.sum).sum();
    let filters: Vec<(&str, &str)> = pq
        .pairs
        .iter()
        .filter(|(k, v)| {
            !matches!(
                k.as_str(),
                "q" | "sort" | "page" | "per_page" | "facet_size"
            ) && !v.trim().is_empty()
        })
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    html! {
        h1 { (l.t("Budgetanalys", "Budget analysis")) }
        div.scope {
            form.refine method="get" action="/analys" role="search" {
                @if l == Lang::En { input type="hidden" name="lang" value="en"; }
                @for (k, v) in &pq.pairs {
                    @if k != "q" && !matches!(k.as_str(), "page" | "sort" | "per_page" | "facet_size") && !v.trim().is_empty() {
                        input type="hidden" name=(k) value=(v);
                    }
                }
                label for="q" { (l.t("Sökord", "Query")) }
                div.searchrow {
                    input #q type="search" name="q" value=(pq.get("q").unwrap_or(""));
                    button type="submit" { (l.t("Analysera", "Analyse")) }
                }
            }
            p.summary #summary data-total=(count) {
                strong { (fmt::int(count as i64)) } " " (l.t("projekt", "projects"))
                " · " (l.t("total budget", "total budget")) " " span.num { (fmt::kr(budget)) }
                " · " (l.t("ESF-stöd", "ESF grant")) " " span.num { (fmt::kr(grant)) }
            }
            @if filters.is_empty() && pq.get("q").is_none() {
                p.muted { (l.t("Alla projekt i indexet. Sök eller filtrera för att analysera ett urval.", "All projects of the index. Search or filter to analyse a subset.")) }
            } @else if !filters.is_empty() {
                ul.chips aria-label=(l.t("Filter", "Filters")) {
                    @for (k, v) in &filters {
                        li { span.chip { (facet_label(k, l)) ": " (v) } }
                    }
                }
            }
            p.actions {
                a href=(pq.href("/", &["page"], &[])) { (l.t("Ändra urvalet i sökningen", "Change the selection in the search")) }
                " · "
                a #export-link href=(amp("/api/export?format=csv")) download { (l.t("Ladda ner projekten (CSV)", "Download the projects (CSV)")) }
            }
        }
        nav.toc aria-label=(l.t("På sidan", "On this page")) {
            ul {
                @for (i, (g, _)) in a.groupings.iter().enumerate() {
                    li { a href=(format!("#{g}")) { (grouping_label(g, l)) } }
                    @if i == 0 { li { a href="#share" { (l.t("ESF-andel", "ESF share")) } } }
                }
            }
        }
        @for (i, (g, groups)) in a.groupings.iter().enumerate() {
            (grouping_section(g, groups, &amp(&format!("/analys.csv?group_by={g}")), l))
            @if i == 0 { (share_section(&a.hist, l)) }
        }
    }
}

fn grouping_section(g: &str, groups: &[GroupStats], csv_href: &str, l: Lang) -> Markup {
    html! {
        section.grouping #(g) aria-labelledby=(format!("{g}-h")) {
            h2 id=(format!("{g}-h")) { (grouping_label(g, l)) }
            @if groups.is_empty() {
                p.muted { (l.t("Inga projekt i urvalet.", "No projects in the selection.")) }
            } @else {
                div.charts {
                    (bar_chart(g, "total_budget_sek", l.t("Total budget", "Total budget"), groups, l))
                    (bar_chart(g, "esf_grant_sek", l.t("Beviljat ESF-stöd", "ESF grant"), groups, l))
                }
                (table(g, groups, l))
                p.download {
                    a.csv-link data-group=(g) href=(csv_href) download {
                        (l.t("Ladda ner tabellen (CSV)", "Download the table (CSV)"))
                    }
                }
            }
        }
    }
}

fn share_section(hist: &ShareHistogram, l: Lang) -> Markup {
    html! {
        section.grouping #share aria-labelledby="share-h" {
            h2 #share-h { (l.t("Fördelning av ESF-andel", "Distribution of the ESF share")) }
            p.muted {
                (l.t("Antal projekt per andel av budgeten som är ESF-stöd, i steg om 10 procentenheter.", "Projects per share of the budget that is ESF grant, in steps of 10 percentage points."))
                @if hist.missing > 0 {
                    " " (hist.missing) " " (l.t("projekt saknar uppgift.", "projects have no share."))
                }
            }
            (histogram_chart(hist, l))
        }
    }
}

/// Horizontal bars, one row per group: the label above its bar, the value at the right.
fn bar_chart(group: &str, field: &str, title: &str, groups: &[GroupStats], l: Lang) -> Markup {
    let mut rows: Vec<(&Option<String>, i64)> = groups
        .iter()
        .map(|g| {
            let v = if field == "esf_grant_sek" {
                g.esf_grant_sek.sum
            } else {
                g.total_budget_sek.sum
            };
            (&g.key, v)
        })
        .collect();
    if group != "start_year" {
        rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    }
    let hidden = rows.len().saturating_sub(MAX_BARS);
    rows.truncate(MAX_BARS);
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let height = rows.len() as f64 * ROW + 4.0;
    let bar_w = W - VALUE_W;
    let summary: Vec<String> = rows
        .iter()
        .map(|(k, v)| format!("{} {}", key_label(k, l), fmt::kr_short(*v, l)))
        .collect();
    let aria = format!(
        "{title} {}: {}",
        grouping_label(group, l).to_lowercase(),
        summary.join("; ")
    );
    html! {
        figure.chart {
            figcaption { h3 { (title) } }
            svg.bars role="img" aria-label=(aria) viewBox=(format!("0 0 {W} {height}"))
                data-chart=(field) data-group=(group) preserveAspectRatio="xMinYMin meet" {
                @for (i, (key, value)) in rows.iter().enumerate() {
                    @let y = i as f64 * ROW;
                    @let w = (*value as f64 / max * bar_w).max(if *value > 0 { 1.0 } else { 0.0 });
                    g.bar-row {
                        title { (key_label(key, l)) ": " (fmt::kr(*value)) }
                        text.label x="0" y=(y + 14.0) { (key_label(key, l)) }
                        rect.bar x="0" y=(y + 19.0) width=(format!("{w:.1}")) height="14" rx="2"
                            data-key=(key.as_deref().unwrap_or("")) data-value=(value) {}
                        text.value x=(format!("{:.1}", w + 6.0)) y=(y + 31.0) { (fmt::kr_short(*value, l)) }
                    }
                }
            }
            @if hidden > 0 {
                p.muted.small { (hidden) " " (l.t("grupper till finns i tabellen.", "more groups are in the table.")) }
            }
        }
    }
}

/// Vertical bars: projects per 10 % bin of the ESF share.
fn histogram_chart(h: &ShareHistogram, l: Lang) -> Markup {
    let (w, top, plot_h, gap) = (600.0, 18.0, 140.0, 8.0);
    let bin_w = w / 10.0;
    let max = h.bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let height = top + plot_h + 22.0;
    let summary: Vec<String> = h
        .bins
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{}–{} %: {c}", i * 10, i * 10 + 10))
        .collect();
    let aria = format!(
        "{}: {}",
        l.t("Projekt per ESF-andel", "Projects by ESF share"),
        summary.join("; ")
    );
    html! {
        figure.chart.wide {
            svg.bars role="img" aria-label=(aria) viewBox=(format!("0 0 {w} {height}")) data-chart="esf_share" {
                line.axis x1="0" x2=(w) y1=(top + plot_h) y2=(top + plot_h) {}
                @for (i, count) in h.bins.iter().enumerate() {
                    @let bh = *count as f64 / max * plot_h;
                    @let x = i as f64 * bin_w;
                    g.bar-row {
                        title { (i * 10) "–" (i * 10 + 10) " %: " (count) " " (l.t("projekt", "projects")) }
                        rect.bar x=(format!("{:.1}", x + gap / 2.0)) y=(format!("{:.1}", top + plot_h - bh))
                            width=(format!("{:.1}", bin_w - gap)) height=(format!("{bh:.1}")) rx="2"
                            data-key=(format!("{}-{}", i * 10, i * 10 + 10)) data-value=(count) {}
                        @if *count > 0 {
                            text.value text-anchor="middle" x=(format!("{:.1}", x + bin_w / 2.0)) y=(format!("{:.1}", top + plot_h - bh - 4.0)) { (count) }
                        }
                        text.tick text-anchor="middle" x=(format!("{:.1}", x + bin_w / 2.0)) y=(format!("{:.1}", top + plot_h + 16.0)) { (i * 10) }
                    }
                }
            }
            figcaption.small.muted { (l.t("ESF-andel i procent (nedre gräns för varje stapel)", "ESF share in per cent (lower bound of each bar)")) }
        }
    }
}

fn table(group: &str, groups: &[GroupStats], l: Lang) -> Markup {
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(format!("{} {}", l.t("Tabell", "Table"), grouping_label(group, l).to_lowercase())) {
            table.figures data-group=(group) {
                caption { (l.t("Budget och ESF-stöd", "Budget and ESF grant")) " " (grouping_label(group, l).to_lowercase()) }
                thead {
                    tr {
                        th scope="col" rowspan="2" { (facet_label(group, l)) }
                        th scope="col" rowspan="2" { (l.t("Antal", "Count")) }
                        th scope="colgroup" colspan="3" { (l.t("Total budget", "Total budget")) }
                        th scope="colgroup" colspan="3" { (l.t("ESF-stöd", "ESF grant")) }
                        th scope="col" rowspan="2" { (l.t("Medelandel ESF", "Mean ESF share")) }
                    }
                    tr {
                        th scope="col" { (l.t("Summa", "Sum")) }
                        th scope="col" { (l.t("Medel", "Mean")) }
                        th scope="col" { (l.t("Median", "Median")) }
                        th scope="col" { (l.t("Summa", "Sum")) }
                        th scope="col" { (l.t("Medel", "Mean")) }
                        th scope="col" { (l.t("Median", "Median")) }
                    }
                }
                tbody {
                    @for g in groups {
                        tr data-key=(g.key.as_deref().unwrap_or("")) {
                            th scope="row" { (key_label(&g.key, l)) }
                            td.num { (fmt::int(g.count as i64)) }
                            td.num { (fmt::kr(g.total_budget_sek.sum)) }
                            td.num { (fmt::kr_f(g.total_budget_sek.mean)) }
                            td.num { (fmt::kr_f(g.total_budget_sek.median)) }
                            td.num { (fmt::kr(g.esf_grant_sek.sum)) }
                            td.num { (fmt::kr_f(g.esf_grant_sek.mean)) }
                            td.num { (fmt::kr_f(g.esf_grant_sek.median)) }
                            td.num { (fmt::pct(g.esf_share.mean, l)) }
                        }
                    }
                }
            }
        }
    }
}

/// One CSV field, quoted when needed (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn num_f(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite())
        .map(|v| format!("{v:.2}"))
        .unwrap_or_default()
}

fn num_i(x: Option<i64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// The CSV of one grouping's table.
pub fn csv_text(group: &str, groups: &[GroupStats]) -> String {
    let mut out = String::new();
    let header = [
        group,
        "count",
        "total_budget_sek_sum",
        "total_budget_sek_mean",
        "total_budget_sek_median",
        "total_budget_sek_min",
        "total_budget_sek_max",
        "esf_grant_sek_sum",
        "esf_grant_sek_mean",
        "esf_grant_sek_median",
        "esf_grant_sek_min",
        "esf_grant_sek_max",
        "esf_share_mean",
    ];
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for g in groups {
        let b = &g.total_budget_sek;
        let e = &g.esf_grant_sek;
        let row = [
            csv_field(g.key.as_deref().unwrap_or("")),
            g.count.to_string(),
            b.sum.to_string(),
            num_f(b.mean),
            num_f(b.median),
            num_i(b.min),
            num_i(b.max),
            e.sum.to_string(),
            num_f(e.mean),
            num_f(e.median),
            num_i(e.min),
            num_i(e.max),
            g.esf_share
                .mean
                .map(|v| format!("{v:.4}"))
                .unwrap_or_default(),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// `GET /analys.csv?group_by=...&<search parameters>`
pub async fn csv(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pq = PageQuery::parse(raw.as_deref());
    let group = pq.get("group_by").unwrap_or("region").trim().to_string();
    let Some(facet) = Facet::from_name(&group) else {
        return bad(
            &pq,
            ApiError::param(
                "group_by",
                format!(
                    "expected one of {}, got {}",
                    Facet::allowed(),
                    quoted(&group)
                ),
            ),
        );
    };
    let req = match request(&state, Some(&pq.api_query(&["group_by"]))) {
        Ok(r) => r,
        Err(e) => return bad(&pq, e),
    };
    let name = facet.name();
    let stats = StatsRequest {
        group_by: name.to_string(),
        q: req.q,
        filters: req.filters,
    };
    match state.blocking(move |index| Ok(index.stats(&stats)?)).await {
        Ok(res) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"analys-{name}.csv\""),
                ),
            ],
            csv_text(name, &res.groups),
        )
            .into_response(),
        Err(e) => bad(&pq, e),
    }
}
