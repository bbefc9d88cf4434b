//! Router tests of the web pages with `tower::ServiceExt::oneshot` on the whole app (so the
//! middleware is the real one), over a small in-RAM index of hand-made projects.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use projektsok_index::Index;
use projektsok_parser::{Contact, Field, Period, Project, Section, Warning};
use tower::ServiceExt;

use crate::{AppState, Config, app};

#[allow(clippy::too_many_arguments)]
fn project(
    id: &str,
    title: &str,
    region: &str,
    municipalities: &[&str],
    counties: &[&str],
    budget: Option<i64>,
    grant: Option<i64>,
    start: &str,
    summary: &str,
) -> Project {
    Project {
        id: id.into(),
        source: format!("corpus/{id}.txt"),
        title: title.into(),
        programme_area: Some("Programområde 2 Ökat arbetskraftsutbud".into()),
        phase: Some("Genomförande".into()),
        owner: Some(format!("Ägare {id}")),
        owner_type: Some("kommun".into()),
        contact: Contact {
            name: Some("Eddie Davidsson".into()),
            email: Some("eddie@example.se".into()),
            phone: Some("0142-85892".into()),
        },
        region: Some(region.into()),
        municipalities: municipalities.iter().map(|s| s.to_string()).collect(),
        counties: counties.iter().map(|s| s.to_string()).collect(),
        total_budget_sek: budget,
        esf_grant_sek: grant,
        esf_share: match (grant, budget) {
            (Some(g), Some(b)) if b > 0 => Some(g as f64 / b as f64),
            _ => None,
        },
        period: Period {
            start: Some(start.into()),
            end: Some("2013-12-31".into()),
        },
        target_groups: vec!["unga".into()],
        methods: vec!["praktik".into(), "coachning".into()],
        case_number: Some(format!("2015-{id}")),
        planned_participants: Some(120),
        other_fields: vec![Field {
            label: "Utlysning".into(),
            value: "Unga till arbete".into(),
        }],
        co_financiers: vec!["Arbetsförmedlingen".into()],
        partners: vec!["Mjölby kommun".into()],
        sections: vec![
            Section {
                heading: "Sammanfattning".into(),
                text: summary.into(),
                lang: Some("sv".into()),
            },
            Section {
                heading: "Summary in English".into(),
                text: "The project helps young people into work through internships.".into(),
                lang: Some("en".into()),
            },
        ],
        ..Project::default()
    }
}

fn projects() -> Vec<Project> {
    let mut a = project(
        "visioncenter",
        "Visioncenter - genomförande",
        "Östra Mellansverige",
        &["Mjölby", "Vadstena", "Motala"],
        &["Östergötlands län"],
        Some(43_459_612),
        Some(17_069_852),
        "2010-01-15",
        "Visioncenter ger unga praktik och coachning mot arbete.\nAndra stycket om arbetsmarknaden.",
    );
    a.warnings = vec![Warning {
        field: "region".into(),
        message: "stavning okänd".into(),
    }];
    let b = project(
        "unga-jobb",
        "Unga till jobb",
        "Övre Norrland",
        &["Umeå"],
        &["Västerbottens län"],
        Some(10_000_000),
        Some(5_000_000),
        "2016-02-01",
        "Unga arbetslösa får praktik och handledning på arbetsplatser.",
    );
    let c = project(
        "evil",
        "Elakt <script>alert(1)</script> projekt",
        "Övre Norrland",
        &["Luleå"],
        &["Norrbottens län"],
        None,
        None,
        "2019-09-01",
        "Texten har <b>taggar</b> & tecken som ska escapas, och unga i praktik.",
    );
    vec![a, b, c]
}

fn test_app() -> Router {
    let index = Index::create_in_ram().expect("index");
    {
        let mut w = index.writer().expect("writer");
        for p in projects() {
            w.add(&p).expect("add");
        }
        w.commit().expect("commit");
    }
    index.reload().expect("reload");
    app(AppState::new(index, None, Config::default()))
}

async fn send(app: &Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = app.clone().oneshot(req).await.expect("response");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.expect("body").to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

async fn get(app: &Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let req = Request::builder()
        .uri(uri)
        .body(Body::empty())
        .expect("request");
    send(app, req).await
}

fn is_html(h: &axum::http::HeaderMap) -> bool {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

#[tokio::test]
async fn search_page_lists_hits_facets_and_swedish_amounts() {
    let app = test_app();
    let (status, h, body) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(is_html(&h));
    assert!(body.starts_with("<!DOCTYPE html>"), "{}", &body[..60]);
    assert!(body.contains("<html lang=\"sv\">"));
    assert!(body.contains("data-total=\"3\""), "count of all projects");
    assert!(body.contains("Visioncenter - genomförande"));
    assert!(body.contains("17 069 852 kr"), "Swedish amounts");
    assert!(body.contains("href=\"/projekt/visioncenter\""));
    // Facet checkboxes with counts, in a GET form.
    assert!(body.contains("method=\"get\""));
    assert!(body.contains("name=\"region\" value=\"Övre Norrland\""));
    assert!(body.contains("data-facet=\"start_year\""));
    assert!(body.contains("class=\"skip\" href=\"#main\""));
    for id in [
        "q",
        "sort",
        "budget_min",
        "budget_max",
        "grant_min",
        "grant_max",
        "year_from",
        "year_to",
    ] {
        assert!(body.contains(&format!("for=\"{id}\"")), "label for {id}");
    }
    // No request to another host: no absolute URL in src/href.
    assert!(
        !body.contains("src=\"http") && !body.contains("href=\"http"),
        "external resource"
    );
}

#[tokio::test]
async fn ticking_a_facet_filters_and_keeps_state_in_links() {
    let app = test_app();
    let (status, _, body) = get(&app, "/?q=unga&region=%C3%96vre+Norrland&sort=budget_desc").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("data-total=\"2\""), "{body}");
    assert!(!body.contains("href=\"/projekt/visioncenter\""));
    // The ticked box is checked; multi-select: the other region still has its count.
    assert!(body.contains("value=\"Övre Norrland\" checked"));
    assert!(body.contains("value=\"Östra Mellansverige\""));
    assert!(body.contains("<option value=\"budget_desc\" selected"));
    // Snippets are highlighted with <mark> and the rest of the text stays escaped.
    assert!(body.contains("<mark>"), "highlight");
    assert!(body.contains("&lt;b&gt;taggar&lt;/b&gt;") || !body.contains("taggar"));
    assert!(!body.contains("<b>taggar</b>"));
    // Links to analysis and export keep the filters.
    assert!(
        body.contains("/analys?q=unga&amp;region=%C3%96vre+Norrland"),
        "analysis link"
    );
    assert!(body.contains("/api/export?format=csv&amp;q=unga&amp;region=%C3%96vre+Norrland"));
}

#[tokio::test]
async fn pagination_marks_the_current_page() {
    let app = test_app();
    let (status, _, body) = get(&app, "/?per_page=1&page=2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("aria-current=\"page\""));
    assert!(
        body.contains("href=\"/?per_page=1&amp;page=3\""),
        "next page link"
    );
    assert!(body.contains("rel=\"prev\""));
    let (status, _, body) = get(&app, "/?per_page=1&page=9").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Till första sidan"), "past the last page");
}

#[tokio::test]
async fn script_in_query_is_escaped() {
    let app = test_app();
    let (status, _, body) = get(&app, "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert!(
        status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
        "{status}"
    );
    assert!(!body.contains("<script>alert(1)"), "unescaped script");
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // A title with a script tag is escaped on the result list and on its page.
    let (_, _, body) = get(&app, "/?q=elakt").await;
    assert!(!body.contains("<script>alert(1)"));
    let (status, _, body) = get(&app, "/projekt/evil").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("<script>alert(1)"));
    assert!(body.contains("Elakt &lt;script&gt;alert(1)&lt;/script&gt; projekt"));
}

#[tokio::test]
async fn bad_parameters_are_a_friendly_400_page() {
    let app = test_app();
    for uri in [
        "/?budget_min=abc",
        "/?year_from=2020&year_to=2010",
        "/?colour=red",
        "/?sort=sideways",
        "/?page=0",
        "/?q=%22unclosed",
        "/analys?budget_min=x",
        "/analys.csv?group_by=colour",
    ] {
        let (status, h, body) = get(&app, uri).await;
        if uri.contains("unclosed") && status == StatusCode::OK {
            continue; // the query language may accept an unclosed quote
        }
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(is_html(&h), "{uri}: HTML error page");
        assert!(body.contains("role=\"alert\""), "{uri}: message");
    }
    let (_, _, body) = get(&app, "/?budget_min=abc&q=unga").await;
    assert!(body.contains("budget_min"), "names the parameter");
    assert!(body.contains("value=\"unga\""), "the form keeps the query");
    let (_, _, body) = get(&app, "/?budget_min=abc&region=%C3%96vre+Norrland").await;
    assert!(
        body.contains("type=\"hidden\" name=\"region\" value=\"Övre Norrland\""),
        "the form keeps the ticked facets"
    );
}

#[tokio::test]
async fn project_page_shows_every_field_sections_and_similar() {
    let app = test_app();
    let (status, _, body) = get(&app, "/projekt/visioncenter").await;
    assert_eq!(status, StatusCode::OK);
    for text in [
        "<h1>Visioncenter - genomförande</h1>",
        "Ägare visioncenter",
        "Eddie Davidsson",
        "mailto:eddie@example.se",
        "0142-85892",
        "43 459 612 kr",
        "17 069 852 kr",
        "39,3 %",
        "2010-01-15 – 2013-12-31",
        "Programområde 2 Ökat arbetskraftsutbud",
        "Genomförande",
        "2015-visioncenter",
        "120",
        "Utlysning",
        "Unga till arbete",
        "Arbetsförmedlingen",
        "Mjölby kommun",
        "coachning",
        "stavning okänd",
        "<h2>Sammanfattning</h2>",
        "<p>Andra stycket om arbetsmarknaden.</p>",
        "lang=\"en\"",
        "Östergötlands län",
        "Liknande projekt",
    ] {
        assert!(body.contains(text), "missing {text:?}");
    }
    // Sections in order; municipalities listed under their county.
    let s = body.find("<h2>Sammanfattning</h2>").unwrap_or(usize::MAX);
    let e = body.find("<h2>Summary in English</h2>").unwrap_or(0);
    assert!(s < e, "section order");
    let county = body
        .find("?county=%C3%96sterg%C3%B6tlands+l%C3%A4n")
        .unwrap_or(usize::MAX);
    let mjolby = body.find("?municipality=Mj%C3%B6lby").unwrap_or(0);
    assert!(county < mjolby, "municipality after its county");
    // A similar project links to its page.
    assert!(
        body.contains("href=\"/projekt/unga-jobb\""),
        "similar project link"
    );
}

#[tokio::test]
async fn unknown_project_is_a_404_page() {
    let app = test_app();
    let (status, h, body) = get(&app, "/projekt/finns-inte").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(is_html(&h));
    assert!(body.contains("finns-inte"));
    let (status, _, body) = get(&app, "/projekt/%3Cscript%3E").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("<script>"));
}

#[tokio::test]
async fn analysis_page_bars_match_stats() {
    let app = test_app();
    let (status, _, body) = get(&app, "/analys").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("role=\"img\""));
    assert!(body.contains("data-chart=\"total_budget_sek\" data-group=\"region\""));
    // Östra Mellansverige: one project; Övre Norrland: 10 000 000 + nothing.
    assert!(body.contains("data-key=\"Östra Mellansverige\" data-value=\"43459612\""));
    assert!(body.contains("data-key=\"Övre Norrland\" data-value=\"10000000\""));
    assert!(
        body.contains("data-key=\"Övre Norrland\" data-value=\"5000000\""),
        "grant bar"
    );
    assert!(body.contains("data-chart=\"esf_share\""));
    // Shares 0.39 and 0.5: bins 30-40 and 50-60.
    assert!(body.contains("data-key=\"30-40\" data-value=\"1\""));
    assert!(body.contains("data-key=\"50-60\" data-value=\"1\""));
    assert!(body.contains("<title>Östra Mellansverige: 43 459 612 kr</title>"));
    assert!(body.contains("/analys.csv?group_by=county"));
    assert!(body.contains("/api/export?format=csv"));
    // Same parameters as the search.
    let (status, _, body) = get(&app, "/analys?region=%C3%96vre+Norrland").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("data-total=\"2\""));
    assert!(!body.contains("data-key=\"Östra Mellansverige\""));
    assert!(
        body.contains("type=\"hidden\" name=\"region\" value=\"Övre Norrland\""),
        "the query box on the analysis page keeps the filters"
    );
}

#[tokio::test]
async fn analysis_csv_has_a_header_and_one_row_per_group() {
    let app = test_app();
    let (status, h, body) = get(&app, "/analys.csv?group_by=region&q=unga").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        h.get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"))
    );
    let lines: Vec<&str> = body.lines().collect();
    assert!(lines[0].starts_with("region,count,total_budget_sek_sum"));
    assert_eq!(lines.len(), 3, "{body}");
    assert!(body.contains("Östra Mellansverige,1,43459612"));
}

#[tokio::test]
async fn similar_to_draft_form_and_post() {
    let app = test_app();
    let (status, _, body) = get(&app, "/liknande").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<textarea"));
    assert!(body.contains("for=\"text\""));
    let req = Request::builder()
        .method(Method::POST)
        .uri("/liknande")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "text=unga+arbetsl%C3%B6sa+praktik+handledning+%3Cscript%3E",
        ))
        .expect("request");
    let (status, _, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("href=\"/projekt/unga-jobb\""), "{body}");
    assert!(body.contains("class=\"why\""));
    assert!(
        body.contains("&lt;script&gt;"),
        "the draft is kept, escaped"
    );
    let req = Request::builder()
        .method(Method::POST)
        .uri("/liknande")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("text=++"))
        .expect("request");
    let (status, _, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("role=\"alert\""));
}

#[tokio::test]
async fn english_toggle() {
    let app = test_app();
    let (status, _, body) = get(&app, "/?lang=en&q=unga").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<html lang=\"en\">"));
    assert!(body.contains("Search the project bank"));
    assert!(body.contains("name=\"lang\" value=\"en\""));
    assert!(body.contains("href=\"/projekt/visioncenter?lang=en\""));
    assert!(body.contains("href=\"/?q=unga\""), "toggle back to Swedish");
}

#[tokio::test]
async fn assets_are_cached_and_revalidated() {
    let app = test_app();
    let (_, _, page) = get(&app, "/").await;
    let start = page.find("/assets/style.").expect("css link");
    let end = start + page[start..].find('"').expect("end of href");
    let href = &page[start..end];
    let (status, h, css) = get(&app, href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(css.contains(":focus-visible"));
    assert!(
        h.get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("immutable"))
    );
    let etag = h.get(header::ETAG).expect("etag").clone();
    let req = Request::builder()
        .uri("/assets/style.css")
        .header(header::IF_NONE_MATCH, etag)
        .body(Body::empty())
        .expect("request");
    let (status, _, _) = send(&app, req).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    let (status, _, js) = get(&app, "/assets/app.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(js.contains("requestSubmit"));
    let (status, _, _) = get(&app, "/assets/nope.css").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
