//! Concurrency: the server keeps answering searches while `projektsok ingest` writes to the
//! same index directory from another process, and a second writer (another ingest, or a
//! `POST /api/projects`) is refused with a clear message instead of corrupting the index.
//!
//! Short version (`make test`): 2 000 sheets; long (`PROJEKTSOK_SOAK=1`, `make soak`): 10 000.

mod common;
mod reliability_common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reliability_common::*;

/// The tests of this file measure latency: one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

const QUERIES: &[&str] = &[
    "/api/search?q=unga",
    "/api/search?q=%22socialt+f%C3%B6retagande%22",
    "/api/search?q=arbetsl%C3%B6sa+-praktik&region=Stockholm",
    "/api/search?q=*&sort=budget_desc&per_page=50",
    "/api/search?q=kompetens+OR+utbildning&page=3",
    "/api/stats?group_by=region",
    "/api/search?q=budget:%3E5000000+year:2015..2020",
    "/healthz",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[test]
fn searches_keep_answering_while_another_process_ingests() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let (count, readers, deadline) = scale((2_000u64, 2usize, 180u64), (10_000, 4, 1_800));
    let dir = tempfile::tempdir().expect("tempdir");
    let (sheets, files) = if soak() {
        generate_cached(count, 7_003)
    } else {
        let files = generate(&dir.path().join("gen"), count, 7_003);
        (dir.path().join("gen/sheets"), files)
    };
    let expected: BTreeSet<String> = file_ids(&files).into_iter().collect();
    let index = dir.path().join("index");
    // A small committed start, served while the rest comes in.
    ingest(&index, &[files[0].as_path()]);
    let server = Serve::start(&index, None, "warn", &dir.path().join("serve.log"));
    let rss_before = server.rss_kb().unwrap_or(0);

    let done = Arc::new(AtomicBool::new(false));
    let stats: Arc<Mutex<(Vec<f64>, Vec<String>)>> = Arc::default(); // (latencies ms, errors)
    let handles: Vec<_> = (0..readers)
        .map(|r| {
            let (done, stats, addr) = (done.clone(), stats.clone(), server.addr);
            std::thread::spawn(move || {
                let mut i = r;
                let mut last_total = 0u64;
                while !done.load(Ordering::Relaxed) {
                    let path = QUERIES[i % QUERIES.len()];
                    i += 1;
                    let t = Instant::now();
                    let answer = common::get(addr, path);
                    let ms = t.elapsed().as_secs_f64() * 1e3;
                    let mut s = stats.lock().expect("stats");
                    s.0.push(ms);
                    match answer {
                        Ok(a) if a.status == 200 => {
                            // Projects only come in: a reader never sees the count go down.
                            if path == "/healthz" {
                                let v: serde_json::Value =
                                    serde_json::from_slice(&a.body).unwrap_or_default();
                                let n = v["projects"].as_u64().unwrap_or(0);
                                if n < last_total {
                                    s.1.push(format!("healthz went from {last_total} to {n}"));
                                }
                                last_total = n;
                            }
                        }
                        Ok(a) => s.1.push(format!("{path}: {} {}", a.status, a.text())),
                        Err(e) => s.1.push(format!("{path}: {e}")),
                    }
                }
            })
        })
        .collect();

    let t = Instant::now();
    let mut writer = ingest_cmd(&index, &[&sheets])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start ingest");
    let status = loop {
        if let Some(s) = writer.try_wait().expect("wait ingest") {
            break s;
        }
        if t.elapsed() > Duration::from_secs(deadline) {
            kill9(&mut writer);
            panic!("ingest of {count} sheets took over {deadline} s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let ingest_secs = t.elapsed().as_secs_f64();
    let mut err = String::new();
    if let Some(mut e) = writer.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    assert!(status.success(), "ingest failed: {err}");
    // The server follows the last commit shortly (its reader reloads on commit).
    let until = Instant::now() + Duration::from_secs(30);
    while server.projects() != expected.len() as u64 && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(100));
    }
    done.store(true, Ordering::Relaxed);
    for h in handles {
        h.join().expect("reader thread");
    }
    assert_eq!(
        server.projects(),
        expected.len() as u64,
        "the server does not serve the last commit"
    );
    assert_eq!(check_consistent(&index), expected);
    let (mut lat, errors) = std::mem::take(&mut *stats.lock().expect("stats"));
    lat.sort_by(f64::total_cmp);
    let max = lat.last().copied().unwrap_or(0.0);
    eprintln!(
        "concurrency: {count} sheets ingested by another process in {ingest_secs:.1} s while \
         {readers} readers sent {} requests: {} errors, latency p50 {:.1} ms, p99 {:.1} ms, max \
         {max:.1} ms; server RSS {} -> {} kB; {:.1} s",
        lat.len(),
        errors.len(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        rss_before,
        server.rss_kb().unwrap_or(0),
        started.elapsed().as_secs_f64()
    );
    assert!(errors.is_empty(), "errors while ingesting: {errors:?}");
    assert!(lat.len() >= readers, "the readers sent nothing");
    // A sanity bound only (2 shared cores, debug build); the figures go in RELIABILITY.md.
    assert!(max < 2_000.0, "a request took {max:.0} ms during ingest");
}

const TOKEN: &str = "two-writers-token";

#[test]
fn a_second_writer_is_refused_with_a_clear_message_and_corrupts_nothing() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("tempdir");
    let files = generate(&dir.path().join("a"), scale(1_000, 3_000), 7_004);
    let others = generate(&dir.path().join("b"), 5, 7_005);
    let a_ids: BTreeSet<String> = file_ids(&files).into_iter().collect();
    let b_ids: BTreeSet<String> = file_ids(&others).into_iter().collect();
    assert!(a_ids.is_disjoint(&b_ids));
    let index = dir.path().join("index");
    ingest(&index, &[files[0].as_path()]);
    let server = Serve::start(&index, Some(TOKEN), "warn", &dir.path().join("serve.log"));

    let sheets = dir.path().join("a/sheets");
    let mut first = ingest_cmd(&index, &[&sheets])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start first ingest");
    // The first ingest takes the writer lock as it starts.
    std::thread::sleep(Duration::from_millis(700));
    let mut refusals = 0;
    let mut expected = a_ids.clone();
    let running = |c: &mut std::process::Child| matches!(c.try_wait(), Ok(None));
    for f in &others {
        if !running(&mut first) {
            break;
        }
        let t = Instant::now();
        let out = ingest_cmd(&index, &[f.as_path()])
            .output()
            .expect("run second ingest");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            // Only possible if the first ingest ended while this one started.
            assert!(!running(&mut first), "two ingests wrote at once: {stderr}");
            expected.extend(file_ids(std::slice::from_ref(f)));
            break;
        }
        assert_eq!(out.status.code(), Some(1), "second ingest: {stderr}");
        assert!(
            stderr.contains("index is locked by another writer"),
            "second ingest's message: {stderr}"
        );
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "refusal took {:?}",
            t.elapsed()
        );
        refusals += 1;
        // The server, as a writer, is refused the same way: 503 with a JSON message.
        let sheet = std::fs::read(f).expect("sheet");
        let r = post_sheet(server.addr, TOKEN, &sheet)
            .expect("POST")
            .expect("an answer");
        if r.status == 201 {
            assert!(!running(&mut first), "POST wrote during the ingest");
            expected.extend(file_ids(std::slice::from_ref(f)));
            break;
        }
        assert_eq!(r.status, 503, "POST during ingest: {}", r.text());
        assert!(
            r.error()
                .is_some_and(|e| e.contains("locked by another writer")),
            "503 body: {}",
            r.text()
        );
        refusals += 1;
    }
    assert!(
        refusals >= 2,
        "the first ingest ended before a second writer could be tried; the test proves nothing"
    );
    let status = first.wait().expect("first ingest");
    assert!(status.success(), "the first ingest failed");
    // Nothing of the refused writers got in, nothing of the first is missing or doubled.
    assert_eq!(check_consistent(&index), expected);
    // Once the lock is free, writes work again.
    let r = post_sheet(
        server.addr,
        TOKEN,
        &std::fs::read(&others[4]).expect("sheet"),
    )
    .expect("POST")
    .expect("an answer");
    assert_eq!(r.status, 201, "POST after the ingest: {}", r.text());
    eprintln!(
        "two writers: {refusals} refusals (ingest exit 1 'index is locked by another writer', \
         POST 503) while an ingest of {} sheets ran; index consistent",
        files.len()
    );
}
