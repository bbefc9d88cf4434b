//! Router tests: every endpoint, the error cases of the issue's "Bad input" list and the auth
//! rules, with `tower::ServiceExt::oneshot` against an in-RAM index of the corpus.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use bytes::Bytes;
use http_body_util::BodyExt;
use projektsok_index::Index;
use projektsok_parser::Project;
use serde_json::Value;
use tower::ServiceExt;

use crate::{AppState, Config, app};

const TOKEN: &str = "s3cret-token";

fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            corpus_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt" || e == "html") {
            out.push(p);
        }
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The projects of every sheet of `corpus/` (expectations are computed from them, so the
/// tests follow the corpus as it grows).
fn corpus_projects() -> Vec<Project> {
    let mut files = Vec::new();
    corpus_files(&corpus_dir(), &mut files);
    let mut out: Vec<Project> = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        if let Ok(p) = projektsok_parser::parse_bytes(&f.display().to_string(), &bytes) {
            out.retain(|o| o.id != p.id);
            out.push(p);
        }
    }
    out
}

/// An in-RAM index of the corpus.
fn corpus_index() -> (Index, Vec<Project>) {
    let index = Index::create_in_ram().expect("index");
    let projects = corpus_projects();
    {
        let mut w = index.writer().expect("writer");
        for p in &projects {
            w.add(p).expect("add");
        }
        w.commit().expect("commit");
    }
    (index, projects)
}

fn router_with(token: Option<&str>, config: Config) -> (Router, Vec<Project>) {
    let (index, projects) = corpus_index();
    (
        app(AppState::new(index, token.map(String::from), config)),
        projects,
    )
}

fn router(token: Option<&str>, config: Config) -> (Router, usize) {
    let (app, projects) = router_with(token, config);
    (app, projects.len())
}

fn default_router() -> (Router, usize) {
    router(Some(TOKEN), Config::default())
}

fn count(projects: &[Project], f: impl Fn(&Project) -> bool) -> u64 {
    projects.iter().filter(|p| f(p)).count() as u64
}

fn start_year(p: &Project) -> Option<i64> {
    p.period.start.as_deref()?.get(..4)?.parse().ok()
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn error(&self) -> String {
        let v = self.json();
        assert_eq!(
            v.as_object().map(|o| o.len()),
            Some(1),
            "error body must be exactly {{\"error\"}}: {v}"
        );
        v["error"].as_str().expect("error string").to_string()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn send(app: &Router, req: Request<Body>) -> Answer {
    let res = app.clone().oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.expect("body").to_bytes();
    Answer {
        status,
        headers,
        body,
    }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

fn write_req(
    method: Method,
    uri: &str,
    auth: Option<&str>,
    ct: Option<&str>,
    body: impl Into<Body>,
) -> Request<Body> {
    let mut b = Request::builder().method(method).uri(uri);
    if let Some(a) = auth {
        b = b.header(header::AUTHORIZATION, a);
    }
    if let Some(ct) = ct {
        b = b.header(header::CONTENT_TYPE, ct);
    }
    b.body(body.into()).expect("request")
}

fn bearer() -> String {
    format!("Bearer {TOKEN}")
}

/// A corpus sheet turned into a new project (new case number, title and a unique word).
fn new_sheet() -> String {
    let klara = std::fs::read_to_string(corpus_dir().join("excerpts/07_klara.txt")).expect("sheet");
    klara
        .replace("2019/00074 - Klara", "2019/09999 - Zebrafinkprojektet")
        .replace("Namn:\nKlara", "Namn:\nZebrafinkprojektet")
        .replace("Projektnummer:\n2019/00074", "Projektnummer:\n2019/09999")
        .replace("Projekt Klara kommer", "Projekt Zebrafinkprojektet kommer")
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

#[tokio::test]
async fn healthz_counts_projects() {
    let (app, n) = default_router();
    let a = get(&app, "/healthz").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json(), serde_json::json!({"status": "ok", "projects": n}));
}

#[tokio::test]
async fn search_all_has_the_contract_shape() {
    let (app, n) = default_router();
    let a = get(&app, "/api/search").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let v = a.json();
    assert_eq!(keys(&v), ["facets", "hits", "took_ms", "total"]);
    assert_eq!(v["total"], n as u64);
    let hits = v["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), n.min(20));
    assert_eq!(
        keys(&hits[0]),
        [
            "esf_grant_sek",
            "id",
            "owner",
            "period",
            "region",
            "snippet",
            "title",
            "total_budget_sek"
        ]
    );
    let regions = v["facets"]["region"].as_array().expect("region facet");
    let total: u64 = regions
        .iter()
        .map(|r| r["count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total, n as u64);
}

#[tokio::test]
async fn search_text_filters_sort_and_pages() {
    let (app, projects) = router_with(Some(TOKEN), Config::default());
    let n = projects.len();
    let v = get(&app, "/api/search?q=%22socialt+f%C3%B6retagande%22")
        .await
        .json();
    assert!(v["total"].as_u64().unwrap_or(0) >= 1, "{v}");
    // Repeated parameter = OR; different parameters = AND.
    let in_two = |p: &Project| {
        matches!(
            p.region.as_deref(),
            Some("Övre Norrland") | Some("Stockholm")
        )
    };
    let v = get(
        &app,
        "/api/search?region=%C3%96vre+Norrland&region=Stockholm",
    )
    .await
    .json();
    assert_eq!(v["total"], count(&projects, in_two), "{v}");
    let v = get(
        &app,
        "/api/search?region=%C3%96vre+Norrland&region=Stockholm&phase=Genomf%C3%B6rande",
    )
    .await
    .json();
    let want = count(&projects, |p| {
        in_two(p) && p.phase.as_deref() == Some("Genomförande")
    });
    assert_eq!(v["total"], want, "{v}");
    // Multi-select facets: the region counts ignore the region filter.
    let v = get(&app, "/api/search?region=Stockholm").await.json();
    assert!(
        v["facets"]["region"].as_array().map_or(0, |r| r.len()) > 1,
        "{v}"
    );
    let v = get(&app, "/api/search?sort=budget_desc&per_page=3")
        .await
        .json();
    let budgets: Vec<i64> = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["total_budget_sek"].as_i64().unwrap_or(0))
        .collect();
    assert_eq!(budgets.len(), 3);
    assert!(budgets.windows(2).all(|w| w[0] >= w[1]), "{budgets:?}");
    assert_eq!(
        Some(budgets[0]),
        projects.iter().filter_map(|p| p.total_budget_sek).max()
    );
    let v = get(
        &app,
        "/api/search?budget_min=40+000+000&year_from=2016&year_to=2019",
    )
    .await
    .json();
    let want = count(&projects, |p| {
        p.total_budget_sek.is_some_and(|b| b >= 40_000_000)
            && start_year(p).is_some_and(|y| (2016..=2019).contains(&y))
    });
    assert!(want > 0);
    assert_eq!(v["total"], want, "{v}");
    let v = get(&app, "/api/search?per_page=5&page=2").await.json();
    assert_eq!(
        v["hits"].as_array().map(Vec::len),
        Some(n.saturating_sub(5).min(5)),
        "{v}"
    );
    // Empty values (an HTML form's "any") are ignored.
    let a = get(&app, "/api/search?q=&region=&page=").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert_eq!(a.json()["total"], n as u64);
}

#[tokio::test]
async fn search_snippets_mark_matches() {
    let (app, _) = default_router();
    let v = get(&app, "/api/search?q=kvinnor").await.json();
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty(), "{v}");
    assert!(
        hits.iter()
            .any(|h| h["snippet"].as_str().unwrap_or("").contains("<mark>")),
        "{v}"
    );
}

#[tokio::test]
async fn search_bad_input_is_400_with_a_message() {
    let (app, _) = default_router();
    let cases: &[(&str, &[&str])] = &[
        (
            "/api/search?colour=red",
            &["unknown parameter 'colour'", "region", "per_page"],
        ),
        (
            "/api/search?per_page=-1",
            &["per_page", "1 to 100", "\"-1\""],
        ),
        ("/api/search?per_page=0", &["per_page"]),
        ("/api/search?per_page=101", &["per_page", "100"]),
        ("/api/search?page=0", &["page"]),
        ("/api/search?page=99999999", &["page", "/api/export"]),
        ("/api/search?page=x", &["page", "whole number"]),
        ("/api/search?page=1&page=2", &["page", "more than once"]),
        (
            "/api/search?budget_min=abc",
            &["budget_min: expected a whole number of kronor, got \"abc\""],
        ),
        ("/api/search?grant_max=-5", &["grant_max"]),
        (
            "/api/search?year_from=2020&year_to=2010",
            &["year_from", "year_to"],
        ),
        ("/api/search?year_from=twenty", &["year_from", "year"]),
        ("/api/search?budget_min=9&budget_max=1", &["budget_min"]),
        ("/api/search?sort=random", &["sort", "budget_desc"]),
        ("/api/search?facet_size=0", &["facet_size"]),
        (
            "/api/search?q=%22socialt+f%C3%B6retagande",
            &["q:", "column"],
        ),
        ("/api/search?q=(unga", &["q:"]),
        ("/api/search?q=budget:%3Eabc", &["q:"]),
    ];
    for (uri, needles) in cases {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}: {}", a.text());
        let e = a.error();
        for n in *needles {
            assert!(e.contains(n), "{uri}: {e:?} lacks {n:?}");
        }
    }
    let long = format!("/api/search?q={}", "a".repeat(1001));
    let a = get(&app, &long).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.error().contains("q: at most 1000 characters"));
    let many = format!("/api/search?{}", "region=x&".repeat(51));
    assert_eq!(get(&app, &many).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn nothing_panics_on_odd_input() {
    let (app, _) = default_router();
    let odd = [
        "q=%22",
        "q=(((",
        "q=)",
        "q=-",
        "q=OR",
        "q=AND+OR+NOT",
        "q=region:",
        "q=year:..",
        "q=budget:%3E%3E5",
        "q=%FF%FE",
        "q=*",
        "q=**",
        "q=%00",
        "q=id:",
        "q=%5C",
        "region=%FF",
        "q=a%20OR%20(b%20-c)",
        "per_page=18446744073709551616",
        "page=18446744073709551615",
        "%FF=1",
        "=x",
        "&&&",
        "q=year:1..99999999999999999999",
        "budget_min=99999999999999999999",
        "q=",
        "q=title:%22%22",
        "q=-%22%22",
        "q=%E2%80%8B",
        "facet_size=1000",
    ];
    for path in ["/api/search", "/api/stats", "/api/export"] {
        for q in odd {
            let uri = format!("{path}?{q}");
            let a = get(&app, &uri).await;
            assert!(
                a.status.is_success() || a.status.is_client_error(),
                "{uri}: {} {}",
                a.status,
                a.text()
            );
            if a.status.is_client_error() {
                a.error();
            }
        }
    }
}

#[tokio::test]
async fn project_by_id() {
    let (app, _) = default_router();
    let a = get(&app, "/api/projects/2019-00074").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let v = a.json();
    assert_eq!(v["title"], "Klara");
    let want = projektsok_parser::parse_bytes(
        "x",
        &std::fs::read(corpus_dir().join("excerpts/07_klara.txt")).expect("sheet"),
    )
    .expect("parse");
    assert_eq!(keys(&v), keys(&serde_json::to_value(&want).expect("json")));

    let a = get(&app, "/api/projects/no-such-project").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.error().contains("no-such-project"));
    for trick in [
        "/api/projects/..%2F..",
        "/api/projects/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/projects/%2e%2e",
        "/api/projects/..",
        "/api/projects/..%5C..%5CCargo.toml",
        "/api/projects/%2Fetc%2Fpasswd",
    ] {
        let a = get(&app, trick).await;
        assert!(
            a.status == StatusCode::NOT_FOUND || a.status == StatusCode::BAD_REQUEST,
            "{trick}: {}",
            a.status
        );
        let e = a.error();
        assert!(!e.contains("root:"), "{trick}: {e}");
    }
    let a = get(&app, "/api/projects/%FF%FE").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.text());
    assert!(a.error().starts_with("id:"));
    let a = get(&app, &format!("/api/projects/{}", "x".repeat(300))).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let a = get(&app, "/api/projects/2019-00074?x=1").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn similar_by_id_and_by_text() {
    let (app, _) = default_router();
    let a = get(&app, "/api/projects/2019-00074/similar?limit=3").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let v = a.json();
    assert_eq!(keys(&v), ["hits"]);
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty() && hits.len() <= 3, "{v}");
    assert_eq!(keys(&hits[0]), ["id", "score", "title", "why"]);
    assert!(hits.iter().all(|h| h["id"] != "2019-00074"));
    for (uri, status) in [
        ("/api/projects/nope/similar", StatusCode::NOT_FOUND),
        (
            "/api/projects/2019-00074/similar?limit=0",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/projects/2019-00074/similar?limit=abc",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/projects/2019-00074/similar?limit=101",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/projects/2019-00074/similar?lmit=3",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, status, "{uri}: {}", a.text());
        a.error();
    }

    let post = |ct: Option<&'static str>, body: &'static str| {
        write_req(Method::POST, "/api/similar", None, ct, body)
    };
    let text = r#"{"text": "Vi vill ge unga långtidsarbetslösa praktik och handledning i socialt företagande", "limit": 5}"#;
    let a = send(&app, post(Some("application/json"), text)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let hits = a.json()["hits"].as_array().cloned().expect("hits");
    assert!(!hits.is_empty() && hits.len() <= 5);
    assert!(hits[0]["why"].as_str().is_some_and(|w| !w.is_empty()));
    // No content type: still JSON. text/plain: the body is the text.
    assert_eq!(send(&app, post(None, text)).await.status, StatusCode::OK);
    let a = send(
        &app,
        post(
            Some("text/plain; charset=utf-8"),
            "unga praktik socialt företagande",
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());

    for (ct, body, needle) in [
        (Some("application/json"), "{\"text\": ", "EOF"),
        (
            Some("application/json"),
            "not json",
            "expected ident at line 1 column 2",
        ),
        (Some("application/json"), "{\"text\": \"  \"}", "text:"),
        (
            Some("application/json"),
            "{\"txt\": \"unga\"}",
            "unknown field",
        ),
        (
            Some("application/json"),
            "{\"text\": \"unga\", \"limit\": 0}",
            "limit",
        ),
        (Some("application/json"), "[1,2]", "expected"),
        (None, "", "EOF"),
    ] {
        let a = send(&app, post(ct, body)).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{body}: {}", a.text());
        let e = a.error();
        assert!(e.contains(needle), "{body}: {e}");
    }
    let a = send(&app, post(Some("image/png"), "x")).await;
    assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    a.error();
}

#[tokio::test]
async fn stats_groups_and_caps() {
    let (app, n) = default_router();
    let a = get(&app, "/api/stats?group_by=region").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let v = a.json();
    assert_eq!(keys(&v), ["groups"]);
    let groups = v["groups"].as_array().expect("groups");
    let count: u64 = groups
        .iter()
        .map(|g| g["count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(count, n as u64);
    assert_eq!(
        keys(&groups[0]),
        [
            "count",
            "esf_grant_sek",
            "esf_share",
            "key",
            "total_budget_sek"
        ]
    );
    assert_eq!(
        keys(&groups[0]["total_budget_sek"]),
        ["max", "mean", "median", "min", "sum"]
    );
    let (app2, projects) = router_with(None, Config::default());
    let v = get(&app2, "/api/stats?group_by=start_year&region=Stockholm")
        .await
        .json();
    let mut years: Vec<Option<i64>> = projects
        .iter()
        .filter(|p| p.region.as_deref() == Some("Stockholm"))
        .map(start_year)
        .collect();
    years.sort();
    years.dedup();
    assert_eq!(
        v["groups"].as_array().map(Vec::len),
        Some(years.len()),
        "{v}"
    );
    let v = get(&app, "/api/stats?group_by=region&limit=2").await.json();
    assert_eq!(v["groups"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["truncated"], true);
    assert!(v["total_groups"].as_u64().unwrap_or(0) > 2);
    for uri in [
        "/api/stats?group_by=colour",
        "/api/stats?group_by=region&limit=0",
        "/api/stats?group_by=region&limit=501",
        "/api/stats?group_by=region&page=2",
        "/api/stats?budget_min=abc",
        "/api/stats?q=%22open",
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}");
        a.error();
    }
    let e = get(&app, "/api/stats?group_by=colour").await.error();
    assert!(e.contains("group_by") && e.contains("municipality"), "{e}");
}

#[tokio::test]
async fn export_streams_csv_and_jsonl() {
    let (app, n) = router(
        Some(TOKEN),
        Config {
            export_chunk_bytes: 100,
            ..Config::default()
        },
    );
    let a = get(&app, "/api/export?format=csv").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert!(
        a.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .starts_with("text/csv")
    );
    let text = a.text();
    assert!(
        text.starts_with("id,title,"),
        "{}",
        &text[..80.min(text.len())]
    );
    for id in ["2019-00074", "2015-00646", "p-b2d5733a424cb379"] {
        assert!(text.contains(id), "{id}");
    }
    let a = get(
        &app,
        "/api/export?format=jsonl&region=%C3%96stra+Mellansverige",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    let lines: Vec<Value> = a
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(!lines.is_empty() && lines.len() < n);
    assert!(lines.iter().all(|p| p["region"] == "Östra Mellansverige"));
    // Default format: CSV. Nothing matches: only the header.
    let a = get(&app, "/api/export?q=zzzzzzzz").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.text().lines().count(), 1);
    for uri in [
        "/api/export?format=xml",
        "/api/export?q=%22unbalanced",
        "/api/export?per_page=5",
        "/api/export?year_from=2020&year_to=2000",
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}: {}", a.text());
        a.error();
    }
}

#[tokio::test]
async fn writes_are_refused_without_a_configured_token() {
    let (app, _) = router(None, Config::default());
    let a = send(
        &app,
        write_req(
            Method::POST,
            "/api/projects",
            Some(&bearer()),
            Some("text/plain"),
            new_sheet(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(a.error().contains("PROJEKTSOK_ADMIN_TOKEN"));
    let a = send(
        &app,
        write_req(
            Method::DELETE,
            "/api/projects/2019-00074",
            Some(&bearer()),
            None,
            Body::empty(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    // An empty token counts as none.
    let (app, _) = router(Some("  "), Config::default());
    let a = send(
        &app,
        write_req(
            Method::DELETE,
            "/api/projects/2019-00074",
            Some("Bearer   "),
            None,
            Body::empty(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn writes_need_the_right_token() {
    let (app, _) = default_router();
    for auth in [
        None,
        Some("Bearer wrong"),
        Some("Basic czNjcmV0LXRva2Vu"),
        Some("Bearer"),
        Some("s3cret-token"),
        Some("Bearer s3cret-token-and-more"),
    ] {
        let a = send(
            &app,
            write_req(
                Method::POST,
                "/api/projects",
                auth,
                Some("text/plain"),
                new_sheet(),
            ),
        )
        .await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{auth:?}");
        assert_eq!(a.headers[header::WWW_AUTHENTICATE], "Bearer");
        assert!(!a.error().contains(TOKEN));
        let a = send(
            &app,
            write_req(
                Method::DELETE,
                "/api/projects/2019-00074",
                auth,
                None,
                Body::empty(),
            ),
        )
        .await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{auth:?}");
    }
    // Nothing was deleted.
    assert_eq!(
        get(&app, "/api/projects/2019-00074").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn post_then_search_then_delete() {
    let (app, n) = default_router();
    let a = send(
        &app,
        write_req(
            Method::POST,
            "/api/projects?source=zebra.txt",
            Some(&bearer()),
            Some("text/plain; charset=utf-8"),
            new_sheet(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let p = a.json();
    assert_eq!(p["id"], "2019-09999");
    assert_eq!(p["title"], "Zebrafinkprojektet");
    assert_eq!(p["source"], "zebra.txt");
    assert!(p["warnings"].is_array());
    assert_eq!(a.headers[header::LOCATION], "/api/projects/2019-09999");
    // Searchable right away.
    let v = get(&app, "/api/search?q=Zebrafinkprojektet").await.json();
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(v["hits"][0]["id"], "2019-09999");
    assert_eq!(get(&app, "/healthz").await.json()["projects"], n as u64 + 1);
    // Posting it again replaces it.
    let a = send(
        &app,
        write_req(
            Method::POST,
            "/api/projects",
            Some(&bearer()),
            None,
            new_sheet(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED);
    assert_eq!(get(&app, "/healthz").await.json()["projects"], n as u64 + 1);
    // HTML works too.
    let html = format!(
        "<html><body><pre>{}</pre></body></html>",
        new_sheet().replace("09999", "09998")
    );
    let a = send(
        &app,
        write_req(
            Method::POST,
            "/api/projects",
            Some(&bearer()),
            Some("text/html"),
            html,
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());

    let a = send(
        &app,
        write_req(
            Method::DELETE,
            "/api/projects/2019-09999",
            Some(&bearer()),
            None,
            Body::empty(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.text());
    assert_eq!(
        get(&app, "/api/projects/2019-09999").await.status,
        StatusCode::NOT_FOUND
    );
    let a = send(
        &app,
        write_req(
            Method::DELETE,
            "/api/projects/2019-09999",
            Some(&bearer()),
            None,
            Body::empty(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    a.error();
    let a = send(
        &app,
        write_req(
            Method::DELETE,
            "/api/projects/..%2F..",
            Some(&bearer()),
            None,
            Body::empty(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn post_bad_bodies() {
    let (app, n) = default_router();
    let cases: Vec<(Option<&str>, Body, StatusCode)> = vec![
        (
            Some("text/plain"),
            Body::from("hello world, this is not a sheet"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some("text/html"),
            Body::from("<html><body><p>Nope</p></body></html>"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some("application/octet-stream"),
            Body::from(vec![0u8, 159, 146, 150, 255, 0, 1]),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some("text/plain"),
            Body::from("   \n"),
            StatusCode::BAD_REQUEST,
        ),
        (None, Body::empty(), StatusCode::BAD_REQUEST),
        (
            Some("application/json"),
            Body::from("{\"title\": \"x\"}"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            Some("multipart/form-data; boundary=x"),
            Body::from("--x--"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
    ];
    for (ct, body, status) in cases {
        let a = send(
            &app,
            write_req(Method::POST, "/api/projects", Some(&bearer()), ct, body),
        )
        .await;
        assert_eq!(a.status, status, "{ct:?}: {}", a.text());
        a.error();
    }
    let a = send(
        &app,
        write_req(
            Method::POST,
            "/api/projects?colour=red",
            Some(&bearer()),
            None,
            new_sheet(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(get(&app, "/healthz").await.json()["projects"], n as u64);
}

#[tokio::test]
async fn bodies_over_the_limit_get_413_json() {
    let (app, _) = router(
        Some(TOKEN),
        Config {
            max_body_bytes: 4096,
            ..Config::default()
        },
    );
    let big = "x".repeat(5000);
    // With a Content-Length: refused before the body is read (also before auth).
    for (uri, auth) in [
        ("/api/projects", Some(bearer())),
        ("/api/similar", None),
        ("/api/projects", None),
    ] {
        let mut req = write_req(
            Method::POST,
            uri,
            auth.as_deref(),
            Some("text/plain"),
            big.clone(),
        );
        req.headers_mut()
            .insert(header::CONTENT_LENGTH, big.len().into());
        let a = send(&app, req).await;
        assert_eq!(
            a.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{uri}: {}",
            a.text()
        );
        assert!(a.error().contains("4096"));
    }
    // A sheet over the sheet cap (below the body cap).
    let (app2, _) = router(
        Some(TOKEN),
        Config {
            max_sheet_bytes: 1000,
            ..Config::default()
        },
    );
    let a = send(
        &app2,
        write_req(
            Method::POST,
            "/api/projects",
            Some(&bearer()),
            None,
            new_sheet(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.text());
    assert!(a.error().contains("a sheet is at most 1000 bytes"));
    // Streamed, without a Content-Length.
    let chunks = futures_util::stream::iter(
        (0..5).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b'x'; 1000]))),
    );
    let req = write_req(
        Method::POST,
        "/api/projects",
        Some(&bearer()),
        Some("text/plain"),
        Body::from_stream(chunks),
    );
    let a = send(&app, req).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.text());
    a.error();
}

#[tokio::test]
async fn unknown_routes_and_methods_are_json_errors() {
    let (app, _) = default_router();
    let a = get(&app, "/api/nope").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.error().contains("/api/nope"));
    // Outside the API, people browse: the site's HTML page.
    let a = get(&app, "/nope?lang=en").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    let body = String::from_utf8_lossy(&a.body);
    assert!(body.contains("There is no page at /nope"), "{body}");
    let a = send(
        &app,
        write_req(Method::PUT, "/api/search", None, None, Body::empty()),
    )
    .await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    a.error();
    let a = send(
        &app,
        write_req(
            Method::POST,
            "/api/projects/2019-00074",
            Some(&bearer()),
            None,
            Body::empty(),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(a.headers.contains_key(header::ALLOW));
}

#[tokio::test]
async fn compression_and_cors() {
    let (app, _) = default_router();
    let req = Request::get("/api/search?per_page=100")
        .header(header::ACCEPT_ENCODING, "gzip")
        .header(header::ORIGIN, "https://example.org")
        .body(Body::empty())
        .expect("request");
    let a = send(&app, req).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(a.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let req = Request::get("/api/export?format=jsonl")
        .header(header::ACCEPT_ENCODING, "br")
        .body(Body::empty())
        .expect("request");
    let a = send(&app, req).await;
    assert_eq!(a.headers[header::CONTENT_ENCODING], "br");
    // Preflight: GET allowed from anywhere, writes not.
    let req = Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/search")
        .header(header::ORIGIN, "https://example.org")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .body(Body::empty())
        .expect("request");
    let a = send(&app, req).await;
    let methods = a.headers[header::ACCESS_CONTROL_ALLOW_METHODS]
        .to_str()
        .unwrap_or("")
        .to_string();
    assert!(
        methods.contains("GET") && !methods.contains("POST") && !methods.contains("DELETE"),
        "{methods}"
    );
}

/// The `properties` of a component schema of the document.
fn schema_props(doc: &Value, name: &str) -> Vec<String> {
    let mut k: Vec<String> = doc["components"]["schemas"][name]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("no schema {name}"))
        .keys()
        .cloned()
        .collect();
    k.sort();
    k
}

#[tokio::test]
async fn openapi_documents_every_route_and_matches_the_answers() {
    let (app, _) = default_router();
    let a = get(&app, "/api/openapi.json").await;
    assert_eq!(a.status, StatusCode::OK);
    // It is a valid OpenAPI document for utoipa's own types.
    let parsed: utoipa::openapi::OpenApi =
        serde_json::from_slice(&a.body).expect("OpenAPI document");
    assert!(parsed.info.title.contains("Projektsök"));
    let doc = a.json();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let routes = [
        ("/api/search", "get"),
        ("/api/projects", "post"),
        ("/api/projects/{id}", "get"),
        ("/api/projects/{id}", "delete"),
        ("/api/projects/{id}/similar", "get"),
        ("/api/similar", "post"),
        ("/api/stats", "get"),
        ("/api/export", "get"),
        ("/healthz", "get"),
        ("/api/openapi.json", "get"),
    ];
    let paths = doc["paths"].as_object().expect("paths");
    let mut documented = 0;
    for (path, ops) in paths {
        for method in ops.as_object().expect("ops").keys() {
            documented += 1;
            assert!(
                routes.contains(&(path.as_str(), method.as_str())),
                "documented but not in this test's list: {method} {path}"
            );
        }
    }
    assert_eq!(documented, routes.len());
    for (path, method) in routes {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is not documented");
        assert!(
            op["responses"]["200"].is_object()
                || op["responses"]["201"].is_object()
                || op["responses"]["204"].is_object(),
            "{method} {path}"
        );
        // Every documented route answers (not the fallback's 404/405).
        let uri = path.replace("{id}", "2019-00074");
        let m = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        let a = send(&app, write_req(m, &uri, None, None, Body::empty())).await;
        assert!(
            a.status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        if a.status == StatusCode::NOT_FOUND {
            assert!(!a.error().contains("no route"), "{method} {path}");
        }
    }
    for (path, method) in [("/api/projects", "post"), ("/api/projects/{id}", "delete")] {
        assert!(
            doc["paths"][path][method]["security"].is_array(),
            "{method} {path} needs security"
        );
    }
    assert!(doc["components"]["securitySchemes"]["admin_token"].is_object());
    let search_params: Vec<&str> = doc["paths"]["/api/search"]["get"]["parameters"]
        .as_array()
        .expect("params")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    for p in [
        "q",
        "region",
        "county",
        "budget_min",
        "year_to",
        "sort",
        "page",
        "per_page",
    ] {
        assert!(search_params.contains(&p), "{p} undocumented");
    }

    // The mirrored schemas match real answers key by key.
    let search = get(&app, "/api/search?q=unga").await.json();
    assert_eq!(keys(&search), schema_props(&doc, "SearchResponse"));
    assert_eq!(keys(&search["hits"][0]), schema_props(&doc, "SearchHit"));
    assert_eq!(
        keys(&search["hits"][0]["period"]),
        schema_props(&doc, "Period")
    );
    assert_eq!(
        keys(&search["facets"]["region"][0]),
        schema_props(&doc, "FacetCount")
    );
    let project = get(&app, "/api/projects/2019-00074").await.json();
    assert_eq!(keys(&project), schema_props(&doc, "Project"));
    assert_eq!(keys(&project["contact"]), schema_props(&doc, "Contact"));
    assert_eq!(keys(&project["sections"][0]), schema_props(&doc, "Section"));
    let similar = get(&app, "/api/projects/2019-00074/similar").await.json();
    assert_eq!(keys(&similar), schema_props(&doc, "SimilarResponse"));
    assert_eq!(keys(&similar["hits"][0]), schema_props(&doc, "SimilarHit"));
    let stats = get(&app, "/api/stats?limit=1").await.json();
    assert_eq!(keys(&stats), schema_props(&doc, "StatsResponse"));
    assert_eq!(keys(&stats["groups"][0]), schema_props(&doc, "GroupStats"));
    assert_eq!(
        keys(&stats["groups"][0]["esf_grant_sek"]),
        schema_props(&doc, "MoneyStats")
    );
    assert_eq!(
        keys(&stats["groups"][0]["esf_share"]),
        schema_props(&doc, "ShareStats")
    );
    assert_eq!(
        keys(&get(&app, "/healthz").await.json()),
        schema_props(&doc, "Health")
    );
    assert_eq!(
        keys(&get(&app, "/api/nope").await.json()),
        schema_props(&doc, "ErrorBody")
    );
    let with_warning = serde_json::to_value(projektsok_parser::Warning {
        field: "f".into(),
        message: "m".into(),
    })
    .expect("json");
    assert_eq!(keys(&with_warning), schema_props(&doc, "Warning"));
}

#[tokio::test]
async fn internal_errors_do_not_leak_details() {
    let e = crate::ApiError::Internal("secret path /var/lib/index".into());
    let res = axum::response::IntoResponse::into_response(e);
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = res.into_body().collect().await.expect("body").to_bytes();
    let text = String::from_utf8_lossy(&body);
    assert!(!text.contains("secret"), "{text}");
    let e: crate::ApiError = projektsok_index::IndexError::Locked.into();
    assert_eq!(e.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn timeout_answers_408_json() {
    let (app, _) = router(
        Some(TOKEN),
        Config {
            timeout: std::time::Duration::from_nanos(1),
            ..Config::default()
        },
    );
    let a = get(&app, "/api/export?format=jsonl").await;
    // Either the tiny timeout fired (408, JSON) or the answer was faster than the timer.
    if a.status == StatusCode::REQUEST_TIMEOUT {
        assert!(a.error().contains("took longer"));
    } else {
        assert_eq!(a.status, StatusCode::OK);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_finishes_in_flight_writes() {
    use std::io::{Read, Write};
    let (index, _) = corpus_index();
    let state = AppState::new(index, Some(TOKEN.into()), Config::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    // Hold the write lock, so the POST below stays in flight across the shutdown signal.
    let held = state.write_lock().clone().lock_owned().await;
    let server = tokio::spawn(crate::serve(listener, state.clone(), async {
        let _ = stopped.await;
    }));
    let sheet = new_sheet();
    let client = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        let req = format!(
            "POST /api/projects HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{sheet}",
            sheet.len()
        );
        s.write_all(req.as_bytes()).expect("send");
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    });
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let _ = stop.send(());
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!server.is_finished(), "stopped with a request in flight");
    drop(held);
    let answer = client.await.expect("client");
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    server.await.expect("join").expect("serve");
    // The write was committed before the server returned.
    assert!(state.index().get("2019-09999").expect("get").is_some());
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "still accepting"
    );
}

#[tokio::test]
async fn index_calls_wait_for_a_free_permit() {
    let (index, _) = corpus_index();
    let state = AppState::new(
        index,
        None,
        Config {
            max_concurrent_queries: 1,
            ..Config::default()
        },
    );
    let app = app(state.clone());
    // Occupy the only permit until told to stop.
    let (release, released) = std::sync::mpsc::channel::<()>();
    let busy = tokio::spawn({
        let state = state.clone();
        async move {
            state
                .blocking(move |_| {
                    let _ = released.recv();
                    Ok(())
                })
                .await
        }
    });
    let search = tokio::spawn(async move { get(&app, "/api/search?q=praktik").await });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(!search.is_finished(), "the search ran without a permit");
    release.send(()).expect("release");
    busy.await.expect("busy task").expect("busy call");
    assert_eq!(search.await.expect("search task").status, StatusCode::OK);
}

#[tokio::test]
async fn exports_are_capped() {
    let (index, _) = corpus_index();
    let state = AppState::new(
        index,
        None,
        Config {
            max_exports: 1,
            ..Config::default()
        },
    );
    let app = app(state.clone());
    let held = state.exports().clone().try_acquire_owned().expect("permit");
    let a = get(&app, "/api/export").await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(a.error().contains("exports are running"));
    drop(held);
    let a = get(&app, "/api/export").await;
    assert_eq!(a.status, StatusCode::OK);
    // The permit is back once the export is done.
    assert_eq!(state.exports().available_permits(), 1);
}
