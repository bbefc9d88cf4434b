//! Helpers shared by the end-to-end tests that run the real server: a temp index of `corpus/`
//! built with `projektsok ingest`, `projektsok serve` on a free port (killed on drop), and a
//! tiny HTTP/1.0 client (std only).

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The `projektsok` binary built for these tests.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_projektsok"));
    c.env_remove("PROJEKTSOK_INDEX")
        .env_remove("PROJEKTSOK_ADMIN_TOKEN");
    c
}

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Ingests `corpus/` into `index` with `projektsok ingest`; returns the number of projects
/// its summary line reports as ingested.
pub fn ingest_corpus(index: &Path) -> u64 {
    let out = bin()
        .arg("--index")
        .arg(index)
        .arg("ingest")
        .arg(corpus_dir())
        .output()
        .expect("run projektsok ingest");
    assert!(
        out.status.success(),
        "projektsok ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let n = summary
        .split("ingested ")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| panic!("no summary line in {summary:?}"));
    assert!(n > 0, "nothing ingested: {summary}");
    n
}

/// A port that was free a moment ago (bind to :0, read the port, let it go).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// Waits until something accepts connections on `addr`.
pub fn wait_for_port(addr: SocketAddr, timeout: Duration) -> bool {
    let until = Instant::now() + timeout;
    while Instant::now() < until {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// A running `projektsok serve` over a temp index of the corpus.
pub struct Server {
    pub addr: SocketAddr,
    child: Child,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Ingests `corpus/` into a temp index and serves it on a free port; waits for `/healthz`.
    pub fn start() -> Server {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = dir.path().join("index");
        ingest_corpus(&index);
        let log = dir.path().join("serve.log");
        let log_file = std::fs::File::create(&log).expect("log file");
        // Port 0: the server picks a free port and prints `listening on http://ADDR`.
        let mut child = bin()
            .arg("--index")
            .arg(&index)
            .arg("serve")
            .arg("--addr")
            .arg("127.0.0.1:0")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .expect("start projektsok serve");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if let Some(a) = line
                    .trim()
                    .strip_prefix("listening on http://")
                    .and_then(|a| a.parse().ok())
                {
                    let _ = tx.send(a);
                }
            }
        });
        let addr = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(a) => a,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "projektsok serve printed no `listening on http://ADDR` within 30 s: {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
        };
        let mut server = Server {
            addr,
            child,
            log,
            _dir: dir,
        };
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "projektsok serve exited ({status}) before answering: {}",
                    server.log()
                );
            }
            if let Ok(r) = get(addr, "/healthz")
                && r.status == 200
            {
                break;
            }
            assert!(
                Instant::now() < until,
                "projektsok serve did not answer /healthz on {addr} within 30 s: {}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// What the server wrote to stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The `error` of a `{"error": "..."}` body.
    pub fn error(&self) -> Option<String> {
        self.json()
            .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string))
    }
}

/// `GET path` with HTTP/1.0 (so the body ends with the connection: no chunked decoding).
pub fn get(addr: SocketAddr, path: &str) -> std::io::Result<Answer> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no end of headers"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Ok(Answer {
        status,
        headers,
        body,
    })
}
