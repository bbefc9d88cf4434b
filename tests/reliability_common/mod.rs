//! Helpers of the reliability tests (`tests/reliability_*.rs`), on top of `tests/common`:
//! generated sheets, ids of sheet files, `projektsok ingest` / `export` runs, a `projektsok
//! serve` over any index directory (with a token, killable with SIGKILL and restartable), and a
//! raw HTTP/1.x client that can send what a well-behaved client would not.
//!
//! Scale: the tests run a short version by default (debug binary, `make test`) and the long one
//! when `PROJEKTSOK_SOAK=1` (release binary, `make soak`).

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, Answer, bin};

/// True for the long versions (`make soak`).
pub fn soak() -> bool {
    std::env::var("PROJEKTSOK_SOAK").is_ok_and(|v| v == "1")
}

/// `short` normally, `long` under `PROJEKTSOK_SOAK=1`.
pub fn scale<T>(short: T, long: T) -> T {
    if soak() { long } else { short }
}

/// A tiny deterministic generator (SplitMix64) for kill points and load mixes.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo).max(1)
    }
}

/// Writes `count` generated sheets (seed `seed`) under `dir/sheets/` with the generator library
/// and returns their paths in the order `projektsok ingest` reads them (sorted).
pub fn generate(dir: &Path, count: u64, seed: u64) -> Vec<PathBuf> {
    let config = projektsok_generator::GeneratorConfig {
        count,
        seed,
        threads: 2,
        ..Default::default()
    };
    projektsok_generator::generate(&config, dir).expect("generate sheets");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("sheets"))
        .expect("sheets dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    files.sort();
    assert_eq!(files.len() as u64, count);
    files
}

/// Generated sheets cached under `target/reliability-sheets/seed-S-count-N/` (the soak's
/// 100 000 sheets take a while to write).
pub fn generate_cached(count: u64, seed: u64) -> (PathBuf, Vec<PathBuf>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/reliability-sheets")
        .join(format!("seed-{seed}-count-{count}"));
    let done = dir.join(".complete");
    if !done.is_file() {
        let _ = std::fs::remove_dir_all(&dir);
        generate(&dir, count, seed);
        std::fs::write(&done, b"").expect("marker");
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("sheets"))
        .expect("sheets dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    files.sort();
    (dir.join("sheets"), files)
}

/// The id each sheet file gets (header only: the id does not depend on the lexicons), in order.
pub fn file_ids(files: &[PathBuf]) -> Vec<String> {
    let options = projektsok_parser::ParseOptions { lexicons: false };
    files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).expect("read sheet");
            projektsok_parser::parse_bytes_with(&f.display().to_string(), &bytes, options)
                .expect("a generated sheet parses")
                .id
        })
        .collect()
}

/// `projektsok --index INDEX ingest PATHS...` (not started).
pub fn ingest_cmd(index: &Path, paths: &[&Path]) -> std::process::Command {
    let mut c = bin();
    c.arg("--index").arg(index).arg("ingest");
    for p in paths {
        c.arg(p);
    }
    c.stdin(Stdio::null());
    c
}

/// Runs an ingest to the end; panics with its stderr if it fails.
pub fn ingest(index: &Path, paths: &[&Path]) -> String {
    let out = ingest_cmd(index, paths)
        .output()
        .expect("run projektsok ingest");
    assert!(
        out.status.success(),
        "projektsok ingest failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every project id of the index, in export order, via `projektsok export --format jsonl`
/// (duplicates kept, so a caller can count them).
pub fn export_ids(index: &Path) -> Vec<String> {
    let out = bin()
        .arg("--index")
        .arg(index)
        .args(["export", "--format", "jsonl"])
        .output()
        .expect("run projektsok export");
    assert!(
        out.status.success(),
        "projektsok export failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v["id"].as_str().expect("an id").to_string()
        })
        .collect()
}

/// `total` of `projektsok search '*' --json`.
pub fn search_total(index: &Path) -> u64 {
    let out = bin()
        .arg("--index")
        .arg(index)
        .args(["search", "*", "--json"])
        .output()
        .expect("run projektsok search");
    assert!(
        out.status.success(),
        "projektsok search failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("search JSON");
    v["total"].as_u64().expect("total")
}

/// Checks the index opens and holds no project twice: `search *` total == export lines ==
/// distinct ids. Returns the ids.
pub fn check_consistent(index: &Path) -> BTreeSet<String> {
    let ids = export_ids(index);
    let distinct: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(
        ids.len(),
        distinct.len(),
        "a project appears twice in {}",
        index.display()
    );
    assert_eq!(
        search_total(index),
        ids.len() as u64,
        "search * total differs from the exported projects"
    );
    distinct
}

/// Sends SIGKILL to a child and reaps it.
pub fn kill9(child: &mut Child) -> Option<ExitStatus> {
    let _ = child.kill(); // SIGKILL on Unix
    child.wait().ok()
}

/// A `projektsok serve` over an index directory, SIGKILLed on drop.
pub struct Serve {
    pub addr: SocketAddr,
    pub pid: u32,
    child: Option<Child>,
    log: PathBuf,
}

impl Serve {
    /// Serves `index` (`--create`) on a free loopback port, with `token` as the admin token
    /// and `rust_log` as `RUST_LOG`; stderr goes to `log`. Waits for `/healthz`.
    pub fn start(index: &Path, token: Option<&str>, rust_log: &str, log: &Path) -> Serve {
        let mut cmd = bin();
        cmd.arg("--index")
            .arg(index)
            .args(["serve", "--create", "--addr", "127.0.0.1:0"])
            .env("RUST_LOG", rust_log)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(log)
                    .expect("log file"),
            );
        if let Some(t) = token {
            cmd.env("PROJEKTSOK_ADMIN_TOKEN", t);
        }
        let mut child = cmd.spawn().expect("start projektsok serve");
        let pid = child.id();
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(a) = line
                    .trim()
                    .strip_prefix("listening on http://")
                    .and_then(|a| a.parse().ok())
                {
                    let _ = tx.send(a);
                }
            }
        });
        let mut serve = Serve {
            addr: "127.0.0.1:1".parse().expect("addr"),
            pid,
            child: Some(child),
            log: log.to_path_buf(),
        };
        serve.addr = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(a) => a,
            Err(_) => panic!("serve printed no address within 60 s: {}", serve.log()),
        };
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(Ok(Some(status))) = serve.child.as_mut().map(Child::try_wait) {
                panic!("serve exited ({status}) before answering: {}", serve.log());
            }
            if common::get(serve.addr, "/healthz").is_ok_and(|r| r.status == 200) {
                break;
            }
            assert!(
                Instant::now() < until,
                "serve did not answer /healthz within 60 s: {}",
                serve.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        serve
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Still running?
    pub fn alive(&mut self) -> bool {
        matches!(self.child.as_mut().map(Child::try_wait), Some(Ok(None)))
    }

    /// SIGKILL, and wait for the exit.
    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            kill9(&mut c);
        }
    }

    /// Resident set size of the server, from /proc/PID/status (kB).
    pub fn rss_kb(&self) -> Option<u64> {
        rss_kb(self.pid)
    }

    /// `projects` of `/healthz`.
    pub fn projects(&self) -> u64 {
        let r = common::get(self.addr, "/healthz").expect("healthz");
        assert_eq!(r.status, 200, "healthz: {}", r.text());
        let v: serde_json::Value = serde_json::from_slice(&r.body).expect("healthz JSON");
        v["projects"].as_u64().expect("projects")
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// `VmRSS` of a process in kB.
pub fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// Sends `request` (raw bytes) and reads the first answer until the server closes or the
/// answer's length is complete. `None` if the connection closed without an answer.
pub fn raw(addr: SocketAddr, request: &[u8], timeout: Duration) -> std::io::Result<Option<Answer>> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(timeout))?;
    s.set_write_timeout(Some(timeout))?;
    // The server may answer (413, 431) and close before taking the whole request. No
    // half-close: hyper drops a connection whose client shut its write side.
    let _ = s.write_all(request);
    read_reply(&mut s)
}

/// Reads one answer off `s`.
pub fn read_reply(s: &mut TcpStream) -> std::io::Result<Option<Answer>> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(p) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        match s.read(&mut buf) {
            Ok(0) => return Ok(None),
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset && raw.is_empty() => {
                return Ok(None);
            }
            Err(e) => return Err(e),
        }
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line in {head:?}")))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let find = |n: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.clone())
    };
    let mut body = raw[head_end + 4..].to_vec();
    let chunked = find("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    let length: Option<usize> = find("content-length").and_then(|v| v.parse().ok());
    loop {
        if let Some(n) = length
            && body.len() >= n
        {
            body.truncate(n);
            break;
        }
        if chunked && body.windows(5).any(|w| w == b"0\r\n\r\n") {
            break;
        }
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => body.extend_from_slice(&buf[..n]),
            Err(_) if !body.is_empty() || length == Some(0) => break,
            Err(e) => return Err(e),
        }
    }
    if chunked {
        body = dechunk(&body);
    }
    Ok(Some(Answer {
        status,
        headers,
        body,
    }))
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&data[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        let end = (start + size).min(data.len());
        out.extend_from_slice(&data[start..end]);
        data = data.get(end + 2..).unwrap_or(&[]);
    }
    out
}

/// A well-formed HTTP/1.1 request with `Connection: close`.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Option<Answer>> {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        r.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        r.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    r.push_str("\r\n");
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes, Duration::from_secs(30))
}

/// `POST /api/projects` of one sheet with the token.
pub fn post_sheet(addr: SocketAddr, token: &str, sheet: &[u8]) -> std::io::Result<Option<Answer>> {
    request(
        addr,
        "POST",
        "/api/projects",
        &[
            ("Authorization", &format!("Bearer {token}")),
            ("Content-Type", "text/plain; charset=utf-8"),
        ],
        sheet,
    )
}
