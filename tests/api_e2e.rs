//! End-to-end tests of the HTTP API: the real `projektsok` binary ingests `corpus/` into a
//! temporary index, `projektsok serve --addr 127.0.0.1:0` serves it (the bound address is read
//! from its stdout), and a blocking HTTP client (ureq) exercises every endpoint, the error
//! cases, the auth rules and a graceful SIGTERM. The server is killed on drop, so a failing
//! test leaves no process behind.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;
use common::{bin, corpus_dir, ingest_corpus};

const TOKEN: &str = "e2e-admin-token";

/// A running `projektsok serve`, killed on drop.
struct Server {
    child: Option<Child>,
    base: String,
    log: PathBuf,
    index: PathBuf,
    projects: u64,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(token: Option<&str>) -> Server {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = dir.path().join("index");
        let projects = ingest_corpus(&index);
        let log = dir.path().join("serve.log");
        let mut cmd = bin();
        cmd.arg("--index")
            .arg(&index)
            .arg("serve")
            .arg("--addr")
            .arg("127.0.0.1:0")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("log file"));
        if let Some(t) = token {
            cmd.env("PROJEKTSOK_ADMIN_TOKEN", t);
        }
        let mut child = cmd.spawn().expect("start projektsok serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut server = Server {
            child: Some(child),
            base: String::new(),
            log,
            index,
            projects,
            _dir: dir,
        };
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        server.base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("no address on stdout ({line:?}): {}", server.log()))
            .to_string();
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(a) = server.get("/healthz")
                && a.status == 200
            {
                break;
            }
            assert!(Instant::now() < until, "no /healthz: {}", server.log());
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into()
    }

    fn get(&self, path: &str) -> Result<Answer, ureq::Error> {
        Answer::of(Self::agent().get(&self.url(path)).call()?)
    }

    fn must_get(&self, path: &str) -> Answer {
        self.get(path)
            .unwrap_or_else(|e| panic!("GET {path}: {e}; log: {}", self.log()))
    }

    fn post(&self, path: &str, auth: Option<&str>, content_type: &str, body: &[u8]) -> Answer {
        let mut req = Self::agent()
            .post(&self.url(path))
            .header("Content-Type", content_type);
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        req.send(body)
            .map_err(|e| e.to_string())
            .and_then(|r| Answer::of(r).map_err(|e| e.to_string()))
            .unwrap_or_else(|e| panic!("POST {path}: {e}; log: {}", self.log()))
    }

    fn delete(&self, path: &str, auth: Option<&str>) -> Answer {
        let mut req = Self::agent().delete(&self.url(path));
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        req.call()
            .map_err(|e| e.to_string())
            .and_then(|r| Answer::of(r).map_err(|e| e.to_string()))
            .unwrap_or_else(|e| panic!("DELETE {path}: {e}; log: {}", self.log()))
    }

    /// Sends SIGTERM and waits for the exit; returns whether it exited successfully.
    fn terminate(&mut self) -> bool {
        let Some(mut child) = self.child.take() else {
            return false;
        };
        let ok = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "could not send SIGTERM");
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return status.success();
            }
            if Instant::now() > until {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[derive(Debug)]
struct Answer {
    status: u16,
    content_type: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn of(mut r: ureq::http::Response<ureq::Body>) -> Result<Answer, ureq::Error> {
        let status = r.status().as_u16();
        let headers: Vec<(String, String)> = r
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let content_type = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = r
            .body_mut()
            .with_config()
            .limit(200 * 1024 * 1024)
            .read_to_vec()?;
        Ok(Answer {
            status,
            content_type,
            headers,
            body,
        })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// The message of a `{"error": "..."}` body.
    fn error(&self) -> String {
        assert!(
            self.content_type.starts_with("application/json"),
            "error is not JSON: {} {}",
            self.content_type,
            self.text()
        );
        let v = self.json();
        let msg = v["error"].as_str().unwrap_or_default().to_string();
        assert!(!msg.is_empty(), "no error message: {v}");
        msg
    }
}

fn bearer(t: &str) -> String {
    format!("Bearer {t}")
}

fn cli_json(index: &Path, args: &[&str]) -> Value {
    let out = bin()
        .arg("--index")
        .arg(index)
        .args(args)
        .output()
        .expect("run projektsok");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("CLI JSON")
}

/// `took_ms` differs between two runs of the same search.
fn without_took(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("took_ms");
    }
    v
}

/// A corpus sheet turned into a new project.
fn new_sheet() -> String {
    std::fs::read_to_string(corpus_dir().join("excerpts/07_klara.txt"))
        .expect("sheet")
        .replace("2019/00074 - Klara", "2019/09999 - Zebrafinkprojektet")
        .replace("Namn:\nKlara", "Namn:\nZebrafinkprojektet")
        .replace("Projektnummer:\n2019/00074", "Projektnummer:\n2019/09999")
        .replace("Projekt Klara kommer", "Projekt Zebrafinkprojektet kommer")
}

#[test]
fn api_end_to_end() {
    let mut s = Server::start(Some(TOKEN));
    let n = s.projects;

    // healthz and the OpenAPI document.
    let h = s.must_get("/healthz");
    assert_eq!(h.status, 200);
    assert_eq!(h.json(), serde_json::json!({"status": "ok", "projects": n}));
    let doc = s.must_get("/api/openapi.json");
    assert_eq!(doc.status, 200);
    let doc = doc.json();
    for path in [
        "/api/search",
        "/api/projects",
        "/api/projects/{id}",
        "/api/projects/{id}/similar",
        "/api/similar",
        "/api/stats",
        "/api/export",
        "/healthz",
        "/api/openapi.json",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} undocumented");
    }

    // Search: the same JSON as `projektsok search --json`.
    let a = s.must_get("/api/search?q=unga&per_page=10&facet_size=50");
    assert_eq!(a.status, 200, "{}", a.text());
    let api = a.json();
    assert!(api["total"].as_u64().unwrap_or(0) > 0);
    let cli = cli_json(
        &s.index,
        &[
            "search",
            "unga",
            "--facet-size",
            "50",
            "--limit",
            "10",
            "--json",
        ],
    );
    assert_eq!(without_took(api), without_took(cli));
    let all = s.must_get("/api/search").json();
    assert_eq!(all["total"], n);
    let or = s
        .must_get("/api/search?region=%C3%96vre+Norrland&region=Stockholm")
        .json();
    let one = s.must_get("/api/search?region=Stockholm").json();
    assert!(or["total"].as_u64() >= one["total"].as_u64());
    assert!(one["total"].as_u64().unwrap_or(0) > 0);
    let hits = s
        .must_get("/api/search?q=%22socialt+f%C3%B6retagande%22&sort=budget_desc")
        .json();
    assert!(hits["hits"].as_array().is_some_and(|h| !h.is_empty()));

    // One project, and the same record `projektsok parse` prints.
    let p = s.must_get("/api/projects/2019-00074");
    assert_eq!(p.status, 200);
    let p = p.json();
    let parsed: Value = {
        let out = bin()
            .arg("parse")
            .arg(corpus_dir().join("excerpts/07_klara.txt"))
            .output()
            .expect("parse");
        serde_json::from_slice(&out.stdout).expect("parse JSON")
    };
    let mut a = p.clone();
    let mut b = parsed;
    a["source"] = Value::Null;
    b["source"] = Value::Null;
    assert_eq!(a, b);

    // Similar, by id (same as the CLI) and by draft text.
    let sim = s.must_get("/api/projects/2019-00074/similar?limit=5");
    assert_eq!(sim.status, 200);
    let sim = sim.json();
    assert_eq!(
        sim,
        cli_json(
            &s.index,
            &["similar", "2019-00074", "--limit", "5", "--json"]
        )
    );
    let draft = s.post(
        "/api/similar",
        None,
        "application/json",
        r#"{"text": "Unga som varken arbetar eller studerar får praktik, coachning och en mentor."}"#
            .as_bytes(),
    );
    assert_eq!(draft.status, 200, "{}", draft.text());
    assert!(
        draft.json()["hits"]
            .as_array()
            .is_some_and(|h| !h.is_empty())
    );

    // Stats, same as the CLI.
    let st = s.must_get("/api/stats?group_by=region");
    assert_eq!(st.status, 200);
    let st = st.json();
    assert_eq!(
        st,
        cli_json(&s.index, &["stats", "--by", "region", "--json"])
    );
    let total: u64 = st["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total, n);

    // Export, streamed: CSV rows and JSONL lines for every project.
    let csv_answer = s.must_get("/api/export?format=csv");
    assert_eq!(csv_answer.status, 200);
    assert!(csv_answer.content_type.starts_with("text/csv"));
    let rows = csv::Reader::from_reader(csv_answer.body.as_slice())
        .records()
        .filter(|r| r.is_ok())
        .count();
    assert_eq!(rows as u64, n);
    let jsonl = s.must_get("/api/export?format=jsonl&region=Stockholm");
    assert_eq!(jsonl.status, 200);
    let lines: Vec<Value> = jsonl
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(Some(lines.len() as u64), one["total"].as_u64());

    // Writes: the auth rules.
    let sheet = new_sheet();
    for auth in [
        None,
        Some("Bearer wrong".to_string()),
        Some(format!("Basic {TOKEN}")),
    ] {
        let a = s.post(
            "/api/projects",
            auth.as_deref(),
            "text/plain",
            sheet.as_bytes(),
        );
        assert_eq!(a.status, 401, "{auth:?}: {}", a.text());
        assert_eq!(a.header("www-authenticate"), Some("Bearer"));
        a.error();
        let a = s.delete("/api/projects/2019-00074", auth.as_deref());
        assert_eq!(a.status, 401);
    }
    assert_eq!(s.must_get("/api/projects/2019-00074").status, 200);
    // A posted sheet is searchable right after its 201.
    let a = s.post(
        "/api/projects",
        Some(&bearer(TOKEN)),
        "text/plain; charset=utf-8",
        sheet.as_bytes(),
    );
    assert_eq!(a.status, 201, "{}", a.text());
    assert_eq!(a.header("location"), Some("/api/projects/2019-09999"));
    let created = a.json();
    assert_eq!(created["id"], "2019-09999");
    assert!(created["warnings"].is_array());
    let found = s.must_get("/api/search?q=Zebrafinkprojektet").json();
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["id"], "2019-09999");
    assert_eq!(s.must_get("/healthz").json()["projects"], n + 1);
    assert_eq!(
        s.must_get("/api/projects/2019-09999").json()["title"],
        "Zebrafinkprojektet"
    );
    let d = s.delete("/api/projects/2019-09999", Some(&bearer(TOKEN)));
    assert_eq!(d.status, 204);
    assert_eq!(s.must_get("/api/projects/2019-09999").status, 404);
    assert_eq!(
        s.delete("/api/projects/2019-09999", Some(&bearer(TOKEN)))
            .status,
        404
    );

    // Bad input: each a 4xx with a message, and the server stays up.
    let bad_gets: &[(&str, u16, &str)] = &[
        ("/api/search?colour=red", 400, "unknown parameter 'colour'"),
        ("/api/search?region=Atlantis&sort=sideways", 400, "sort"),
        ("/api/search?per_page=-1", 400, "per_page"),
        ("/api/search?page=99999999", 400, "/api/export"),
        (
            "/api/search?budget_min=abc",
            400,
            "budget_min: expected a whole number of kronor, got \"abc\"",
        ),
        ("/api/search?year_from=2020&year_to=2010", 400, "year_from"),
        ("/api/search?q=%22socialt+f%C3%B6retagande", 400, "column"),
        ("/api/stats?group_by=colour", 400, "group_by"),
        ("/api/export?format=xml", 400, "format"),
        ("/api/projects/no-such-id", 404, "no-such-id"),
        ("/api/projects/..%2F..", 404, "no project"),
        (
            "/api/projects/..%2F..%2F..%2Fetc%2Fpasswd",
            404,
            "no project",
        ),
        ("/api/projects/no-such-id/similar", 404, "no-such-id"),
        ("/api/nowhere", 404, "no route"),
    ];
    for (path, status, needle) in bad_gets {
        let a = s.must_get(path);
        assert_eq!(a.status, *status, "{path}: {}", a.text());
        let e = a.error();
        assert!(e.contains(needle), "{path}: {e:?} lacks {needle:?}");
    }
    let long_q = format!("/api/search?q={}", "ord+".repeat(400));
    let a = s.must_get(&long_q);
    assert_eq!(a.status, 400);
    assert!(a.error().contains("q:"));
    for (body, needle) in [
        (&b"{\"text\": "[..], "JSON"),
        (&b"{\"text\": \"\"}"[..], "text"),
    ] {
        let a = s.post("/api/similar", None, "application/json", body);
        assert_eq!(a.status, 400, "{}", a.text());
        assert!(a.error().contains(needle));
    }
    let a = s.post(
        "/api/projects",
        Some(&bearer(TOKEN)),
        "text/plain",
        b"Detta \xc3\xa4r inget projektblad, bara en rad text.",
    );
    assert_eq!(a.status, 422, "{}", a.text());
    a.error();
    big_body_gets_413(&s);
    for _ in 0..3 {
        assert_eq!(s.must_get("/healthz").status, 200);
    }
    let log = s.log();
    assert!(!log.contains("panicked"), "{log}");
    assert!(!log.contains(TOKEN), "the token was logged");

    // SIGTERM: a clean exit.
    assert!(s.terminate(), "no clean exit on SIGTERM: {}", s.log());
    assert!(s.log().contains("stopped"), "{}", s.log());
}

/// A 50 MB body is refused with 413 and a JSON error (declared length: refused before it is
/// read; the server may close the connection while the client is still sending).
fn big_body_gets_413(s: &Server) {
    let addr = s.base.trim_start_matches("http://").to_string();
    let mut stream = std::net::TcpStream::connect(&addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let len = 50 * 1024 * 1024;
    let head = format!(
        "POST /api/projects HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: text/plain\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).expect("write head");
    // Start sending the body; the server answers without reading it.
    let _ = stream.write_all(&vec![b'x'; 64 * 1024]);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.contains("{\"error\":\"request body too large"),
        "{answer}"
    );
}

#[test]
fn writes_are_forbidden_without_a_token() {
    let mut s = Server::start(None);
    let a = s.post(
        "/api/projects",
        Some(&bearer(TOKEN)),
        "text/plain",
        new_sheet().as_bytes(),
    );
    assert_eq!(a.status, 403, "{}", a.text());
    assert!(a.error().contains("PROJEKTSOK_ADMIN_TOKEN"));
    let a = s.delete("/api/projects/2019-00074", Some(&bearer(TOKEN)));
    assert_eq!(a.status, 403);
    // Reads stay open.
    assert_eq!(s.must_get("/api/projects/2019-00074").status, 200);
    assert!(s.terminate(), "no clean exit on SIGTERM: {}", s.log());
}
