//! `projektsok-bench`: the measuring half of `make bench` (the driver is `scripts/bench`).
//!
//! On a corpus written by the generator (`--corpus DIR`, holding `sheets/` and `truth.jsonl`):
//! parse throughput in process (1 and 2 threads), ingest throughput and peak RSS of the real
//! `projektsok ingest` (1 and 2 CPUs), index size, the query mix in process on our index and on
//! SQLite FTS5 (same records, same queries) with p50/p95/p99 and the ratio, recall of both on the
//! generator's planted labels, the mix over HTTP with `wrk` at 8 connections against
//! `projektsok serve` on 127.0.0.1, peak RSS of the server, the criterion figures of this run;
//! then a verdict per target, printed and appended to `docs/BENCHMARKS.md`.

mod http;
mod mix;
mod report;
mod sqlite;

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use projektsok_generator::Truth;
use projektsok_index::Index;
use projektsok_parser::Project;

use crate::mix::Query;

const USAGE: &str = "usage: projektsok-bench --corpus DIR --work DIR --bin PATH [--http-seconds S] \
[--iters N] [--doc FILE] [--command TEXT] [--criterion DIR] [--since EPOCH_SECS] [--label TEXT]";

/// Command-line settings.
pub struct Args {
    pub corpus: PathBuf,
    /// Scratch: indexes and the SQLite database.
    pub work: PathBuf,
    /// The release `projektsok` binary.
    pub bin: PathBuf,
    pub http_seconds: u64,
    /// Timed iterations per query kind (after warm-up).
    pub iters: usize,
    pub doc: Option<PathBuf>,
    pub command: String,
    pub criterion: Option<PathBuf>,
    /// Criterion results older than this (Unix seconds) are not from this run.
    pub since: u64,
    pub label: String,
}

fn parse_args() -> Result<Args> {
    let mut a = Args {
        corpus: PathBuf::new(),
        work: PathBuf::new(),
        bin: PathBuf::from("target/release/projektsok"),
        http_seconds: 30,
        iters: 200,
        doc: None,
        command: "make bench".into(),
        criterion: None,
        since: 0,
        label: String::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            bail!("{USAGE}");
        }
        let v = it
            .next()
            .with_context(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--corpus" => a.corpus = v.into(),
            "--work" => a.work = v.into(),
            "--bin" => a.bin = v.into(),
            "--http-seconds" => a.http_seconds = v.parse().context("--http-seconds")?,
            "--iters" => a.iters = v.parse().context("--iters")?,
            "--doc" => a.doc = Some(v.into()),
            "--command" => a.command = v,
            "--criterion" => a.criterion = Some(v.into()),
            "--since" => a.since = v.parse().context("--since")?,
            "--label" => a.label = v,
            _ => bail!("unknown argument {flag}\n{USAGE}"),
        }
    }
    if a.corpus.as_os_str().is_empty() || a.work.as_os_str().is_empty() {
        bail!("--corpus and --work are required\n{USAGE}");
    }
    Ok(a)
}

/// Latency percentiles of one query kind, in milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Lat {
    pub n: usize,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    /// Hits (searches) or groups/hits (stats, similar) of the last run.
    pub result: u64,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    // Nearest rank.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Warm-up, then up to `iters` timed runs (at most `budget` of wall time, at least 20 runs).
fn measure(iters: usize, budget: Duration, mut f: impl FnMut() -> Result<u64>) -> Result<Lat> {
    let mut result = 0;
    for _ in 0..5 {
        result = f()?;
    }
    let mut ms = Vec::with_capacity(iters);
    let started = Instant::now();
    while ms.len() < iters && (ms.len() < 20 || started.elapsed() < budget) {
        let t = Instant::now();
        result = std::hint::black_box(f()?);
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    ms.sort_by(f64::total_cmp);
    Ok(Lat {
        n: ms.len(),
        p50: percentile(&ms, 50.0),
        p95: percentile(&ms, 95.0),
        p99: percentile(&ms, 99.0),
        result,
    })
}

/// Parse figures of one pass.
#[derive(Debug, Clone, Default)]
pub struct ParseFig {
    pub threads: usize,
    pub files: usize,
    pub bytes: u64,
    pub secs: f64,
    /// On-CPU seconds of the parse threads (`/proc/thread-self/schedstat`), robust to load.
    pub cpu_secs: f64,
    /// Text sheets only (timed together, wall and on-CPU).
    pub text_bytes: u64,
    pub text_secs: f64,
    pub text_cpu_secs: f64,
    pub failed: usize,
}

impl ParseFig {
    pub fn mb_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.secs.max(1e-9)
    }
    /// Per thread: text bytes over the summed thread wall time spent on text sheets.
    pub fn text_mb_s_per_thread(&self) -> f64 {
        self.text_bytes as f64 / 1e6 / self.text_secs.max(1e-9)
    }
    /// All sheets: bytes per on-CPU second (per core, whatever else runs).
    pub fn mb_per_cpu_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.cpu_secs.max(1e-9)
    }
    /// Text sheets: bytes per on-CPU second.
    pub fn text_mb_per_cpu_s(&self) -> f64 {
        self.text_bytes as f64 / 1e6 / self.text_cpu_secs.max(1e-9)
    }
}

/// On-CPU time of the calling thread, in seconds (Linux; 0 elsewhere).
fn thread_cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0.0, |ns| ns as f64 / 1e9)
}

const CHUNK: usize = 10_000;

/// Parses every file with `threads` threads, chunk by chunk (files are read before the timer
/// starts, so this is parse time, not disk time). `sink` gets each chunk's projects in order.
fn parse_pass(
    files: &[PathBuf],
    threads: usize,
    mut sink: impl FnMut(usize, &[Option<Project>]) -> Result<()>,
) -> Result<ParseFig> {
    let mut fig = ParseFig {
        threads,
        files: files.len(),
        ..ParseFig::default()
    };
    for (c, chunk) in files.chunks(CHUNK).enumerate() {
        let contents: Vec<(String, Vec<u8>)> = chunk
            .iter()
            .map(|p| {
                std::fs::read(p)
                    .map(|b| (p.display().to_string(), b))
                    .with_context(|| format!("reading {}", p.display()))
            })
            .collect::<Result<_>>()?;
        fig.bytes += contents.iter().map(|(_, b)| b.len() as u64).sum::<u64>();
        let per = contents.len().div_ceil(threads.max(1)).max(1);
        let started = Instant::now();
        type Part = (Vec<Option<Project>>, u64, f64, f64, f64);
        let parts: Vec<Part> = std::thread::scope(|s| {
            let handles: Vec<_> = contents
                .chunks(per)
                .map(|part| {
                    s.spawn(move || {
                        // Text sheets first, timed as one run (a clock read per file would
                        // cost a tenth of a sheet's parse), then the HTML ones.
                        let is_text = |source: &String| source.ends_with(".txt");
                        let mut out: Vec<Option<Project>> = part.iter().map(|_| None).collect();
                        let mut parse = |text: bool| {
                            let mut bytes_parsed = 0u64;
                            for (i, (source, bytes)) in part.iter().enumerate() {
                                if is_text(source) == text {
                                    out[i] = projektsok_parser::parse_bytes(source, bytes).ok();
                                    bytes_parsed += bytes.len() as u64;
                                }
                            }
                            bytes_parsed
                        };
                        let cpu0 = thread_cpu_secs();
                        let t = Instant::now();
                        let tb = parse(true);
                        let ts = t.elapsed().as_secs_f64();
                        let tc = thread_cpu_secs() - cpu0;
                        parse(false);
                        (out, tb, ts, tc, thread_cpu_secs() - cpu0)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| (Vec::new(), 0, 0.0, 0.0, 0.0)))
                .collect()
        });
        fig.secs += started.elapsed().as_secs_f64();
        let mut projects = Vec::with_capacity(contents.len());
        for (out, tb, ts, tc, cpu) in parts {
            fig.text_bytes += tb;
            fig.text_secs += ts;
            fig.text_cpu_secs += tc;
            fig.cpu_secs += cpu;
            projects.extend(out);
        }
        if projects.len() != contents.len() {
            bail!("a parse thread panicked");
        }
        fig.failed += projects.iter().filter(|p| p.is_none()).count();
        sink(c * CHUNK, &projects)?;
    }
    Ok(fig)
}

/// One run of `projektsok ingest`.
#[derive(Debug, Clone, Default)]
pub struct IngestFig {
    pub cpus: String,
    pub secs: f64,
    pub max_rss_kb: u64,
    /// User + system CPU seconds (`/usr/bin/time -v`).
    pub cpu_secs: f64,
    pub summary: String,
    pub ok: bool,
    pub index_bytes: u64,
}

fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => total += dir_size(&e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

fn ingest(bin: &Path, index_dir: &Path, sheets: &Path, one_cpu: bool) -> Result<IngestFig> {
    if index_dir.exists() {
        std::fs::remove_dir_all(index_dir)
            .with_context(|| format!("removing {}", index_dir.display()))?;
    }
    let mut cmd = Command::new("/usr/bin/time");
    cmd.arg("-v");
    if one_cpu {
        cmd.args(["taskset", "-c", "0"]);
    }
    cmd.arg(bin)
        .arg("--index")
        .arg(index_dir)
        .arg("ingest")
        .arg(sheets)
        .stdin(Stdio::null());
    let started = Instant::now();
    let out = cmd
        .output()
        .context("running /usr/bin/time -v projektsok ingest")?;
    let secs = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let max_rss_kb = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let time_field = |key: &str| -> f64 {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0.0)
    };
    let cpu_secs = time_field("User time (seconds):") + time_field("System time (seconds):");
    let summary = String::from_utf8_lossy(&out.stdout)
        .lines()
        .rfind(|l| l.starts_with("ingested"))
        .unwrap_or("")
        .to_string();
    if !out.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        eprintln!(
            "bench: ingest exited with {}; stderr tail:\n{}",
            out.status,
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
    Ok(IngestFig {
        cpus: if one_cpu { "1 (taskset -c 0)" } else { "2" }.into(),
        secs,
        max_rss_kb,
        cpu_secs,
        summary,
        ok: out.status.success(),
        index_bytes: dir_size(index_dir),
    })
}

/// Recall of one planted label.
#[derive(Debug, Clone)]
pub struct Recall {
    pub label: String,
    pub query: String,
    pub planted: usize,
    pub ours_hits: usize,
    pub ours_found: usize,
    pub sqlite_hits: usize,
    pub sqlite_found: usize,
    pub sqlite_prefix_query: String,
    pub sqlite_prefix_hits: usize,
    pub sqlite_prefix_found: usize,
}

/// A `Write` that takes the `id` of each JSONL line (our export), so the full hit set of a query
/// is read without holding it.
struct IdSink {
    line: Vec<u8>,
    ids: Vec<String>,
}

#[derive(serde::Deserialize)]
struct IdOnly {
    id: String,
}

impl Write for IdSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if b == b'\n' {
                let parsed: IdOnly = serde_json::from_slice(&self.line)
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                self.ids.push(parsed.id);
                self.line.clear();
            } else {
                self.line.push(b);
            }
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn recall(
    index: &Index,
    peer: &sqlite::Peer,
    truths: &[Truth],
    ids: &[String],
) -> Result<Vec<Recall>> {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        if !id.is_empty() {
            by_id.entry(id.as_str()).or_default().push(i);
        }
    }
    let labels = [
        "praktik",
        "arbetsträning",
        "mentorskap",
        "validering",
        "coachning",
        "socialt företagande",
        "långtidsarbetslösa",
        "sjukskrivna",
        "unga",
    ];
    let mut out = Vec::new();
    for label in labels {
        let planted: Vec<bool> = truths
            .iter()
            .map(|t| {
                t.target_groups.iter().any(|g| g == label) || t.methods.iter().any(|m| m == label)
            })
            .collect();
        let n_planted = planted.iter().filter(|b| **b).count();
        let query = if label.contains(' ') {
            format!("\"{label}\"")
        } else {
            label.to_string()
        };
        let mut sink = IdSink {
            line: Vec::new(),
            ids: Vec::new(),
        };
        index.export(
            &query,
            &projektsok_index::Filters::default(),
            projektsok_index::ExportFormat::Jsonl,
            &mut sink,
        )?;
        let mut hit = vec![false; truths.len()];
        for id in &sink.ids {
            for &i in by_id.get(id.as_str()).map(Vec::as_slice).unwrap_or(&[]) {
                hit[i] = true;
            }
        }
        let ours_found = (0..truths.len()).filter(|&i| hit[i] && planted[i]).count();
        let count_sqlite = |fts_q: &str| -> Result<(usize, usize)> {
            let rows = peer.matching_rowids(fts_q)?;
            let found = rows
                .iter()
                .filter(|&&r| {
                    usize::try_from(r - 1)
                        .ok()
                        .and_then(|i| planted.get(i))
                        .copied()
                        .unwrap_or(false)
                })
                .count();
            Ok((rows.len(), found))
        };
        let fts_q = sqlite::to_fts(&query).unwrap_or_default();
        let (sqlite_hits, sqlite_found) = count_sqlite(&fts_q)?;
        let prefix_q = if label.contains(' ') {
            fts_q.clone()
        } else {
            format!("{}*", sqlite::tokens(label).join(""))
        };
        let (sqlite_prefix_hits, sqlite_prefix_found) = count_sqlite(&prefix_q)?;
        out.push(Recall {
            label: label.into(),
            query,
            planted: n_planted,
            ours_hits: sink.ids.len(),
            ours_found,
            sqlite_hits,
            sqlite_found,
            sqlite_prefix_query: prefix_q,
            sqlite_prefix_hits,
            sqlite_prefix_found,
        });
    }
    Ok(out)
}

/// Everything measured, for the report.
pub struct Figures {
    pub count: usize,
    pub corpus_bytes: u64,
    pub parse: Vec<ParseFig>,
    pub sqlite_load_secs: f64,
    pub sqlite_bytes: u64,
    pub ingest: Vec<IngestFig>,
    pub mix: Vec<Query>,
    pub ours: Vec<Lat>,
    pub peer: Vec<Lat>,
    pub recall: Vec<Recall>,
    pub http: Option<http::HttpFig>,
    pub criterion: Vec<report::CriterionFig>,
    pub load_before: String,
    pub load_after: String,
    pub first_query_ms: f64,
}

fn step(msg: &str) {
    eprintln!("bench: {msg}");
}

fn run(args: &Args) -> Result<()> {
    let load_before = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let sheets = args.corpus.join("sheets");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&sheets)
        .with_context(|| format!("listing {}", sheets.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "txt" || e == "html" || e == "htm")
        })
        .collect();
    files.sort();
    let truth_path = args.corpus.join("truth.jsonl");
    let truths: Vec<Truth> = std::io::BufReader::new(
        std::fs::File::open(&truth_path)
            .with_context(|| format!("opening {}", truth_path.display()))?,
    )
    .lines()
    .map(|l| Ok(serde_json::from_str(&l?)?))
    .collect::<Result<_>>()
    .context("reading truth.jsonl")?;
    if truths.len() != files.len() {
        bail!(
            "{} sheets but {} truth lines in {}",
            files.len(),
            truths.len(),
            args.corpus.display()
        );
    }
    for (i, (t, f)) in truths.iter().zip(&files).enumerate() {
        if !f.ends_with(&t.file) {
            bail!(
                "sheet {i}: truth names {} but the file is {}",
                t.file,
                f.display()
            );
        }
    }
    let count = files.len();
    std::fs::create_dir_all(&args.work)?;

    // 1. Parse, 1 thread; then 2 threads, loading SQLite from the records as they come.
    step(&format!("parsing {count} sheets with 1 thread"));
    let p1 = parse_pass(&files, 1, |_, _| Ok(()))?;
    step(&format!(
        "  {:.1} MB/s wall, {:.1} MB per CPU-second ({:.1} on text sheets)",
        p1.mb_s(),
        p1.mb_per_cpu_s(),
        p1.text_mb_per_cpu_s()
    ));
    let db_path = args.work.join("peer.sqlite");
    let mut peer = sqlite::Peer::create(&db_path)?;
    let mut ids = vec![String::new(); count];
    let mut load_secs = 0.0;
    step("parsing with 2 threads (and loading SQLite between chunks, timed apart)");
    let p2 = parse_pass(&files, 2, |first, projects| {
        for (i, p) in projects.iter().enumerate() {
            if let Some(p) = p {
                ids[first + i] = p.id.clone();
            }
        }
        let ok: Vec<(usize, Project)> = projects
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.clone().map(|p| (first + i, p)))
            .collect();
        let t = Instant::now();
        // Contiguous runs keep rowid = file index + 1.
        let mut start = 0;
        while start < ok.len() {
            let mut end = start + 1;
            while end < ok.len() && ok[end].0 == ok[end - 1].0 + 1 {
                end += 1;
            }
            let run: Vec<Project> = ok[start..end].iter().map(|(_, p)| p.clone()).collect();
            peer.add(ok[start].0 as i64 + 1, &run)?;
            start = end;
        }
        load_secs += t.elapsed().as_secs_f64();
        Ok(())
    })?;
    step(&format!("  {:.1} MB/s", p2.mb_s()));
    let t = Instant::now();
    peer.finish()?;
    load_secs += t.elapsed().as_secs_f64();
    let sqlite_bytes = std::fs::metadata(&db_path).map(|m| m.len()).unwrap_or(0);
    step(&format!(
        "SQLite loaded in {load_secs:.1} s ({:.0} MB)",
        sqlite_bytes as f64 / 1e6
    ));

    // 2. Ingest with the real binary: one CPU, then both (the index of the second is kept).
    let index_dir = args.work.join("index");
    let mut ingest_figs = Vec::new();
    for one_cpu in [true, false] {
        step(&format!(
            "projektsok ingest on {} CPU(s)",
            if one_cpu { 1 } else { 2 }
        ));
        let fig = ingest(&args.bin, &index_dir, &sheets, one_cpu)?;
        step(&format!(
            "  {:.1} s, {:.0} sheets/s, peak RSS {} MB, {}",
            fig.secs,
            count as f64 / fig.secs,
            fig.max_rss_kb / 1024,
            fig.summary
        ));
        ingest_figs.push(fig);
    }

    // 3. The mix in process, ours then SQLite.
    let index = Index::open(&index_dir)?;
    let region = truths
        .iter()
        .filter_map(|t| t.region.as_deref())
        .fold(HashMap::<&str, usize>::new(), |mut m, r| {
            *m.entry(r).or_default() += 1;
            m
        })
        .into_iter()
        .filter(|(r, _)| *r != "Nationellt")
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(r, _)| r.to_string())
        .unwrap_or_else(|| "Västsverige".into());
    let similar_id = ids
        .iter()
        .find(|id| !id.is_empty())
        .cloned()
        .context("no sheet parsed")?;
    let queries = mix::mix(&region, &similar_id)?;
    let budget = Duration::from_secs(15);
    let t = Instant::now();
    mix::run_ours(&index, &queries[3])?;
    let first_query_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for q in &queries {
        let a = measure(args.iters, budget, || mix::run_ours(&index, q))
            .with_context(|| format!("ours: {}", q.kind))?;
        let b = measure(args.iters, budget, || peer.run(q))
            .with_context(|| format!("SQLite: {}", q.kind))?;
        step(&format!(
            "  {:<14} ours p50 {:>8.2} ms p99 {:>8.2} ms ({} results) | SQLite p50 {:>8.2} ms p99 {:>8.2} ms ({} results)",
            q.kind, a.p50, a.p99, a.result, b.p50, b.p99, b.result
        ));
        ours.push(a);
        theirs.push(b);
    }

    // 4. Recall on the planted labels.
    step("recall on planted labels");
    let rec = recall(&index, &peer, &truths, &ids)?;
    drop(index);
    drop(peer);

    // 5. HTTP.
    step(&format!(
        "HTTP: wrk, 8 connections, {} s, against projektsok serve on 127.0.0.1",
        args.http_seconds
    ));
    let http = match http::run(
        &args.bin,
        &index_dir,
        &args.work,
        &queries,
        args.http_seconds,
    ) {
        Ok(h) => Some(h),
        Err(e) => {
            eprintln!("bench: HTTP part failed: {e:#}");
            None
        }
    };

    let criterion = match &args.criterion {
        Some(dir) => report::read_criterion(dir, args.since),
        None => Vec::new(),
    };
    let corpus_bytes = p1.bytes;
    let figs = Figures {
        count,
        corpus_bytes,
        parse: vec![p1, p2],
        sqlite_load_secs: load_secs,
        sqlite_bytes,
        ingest: ingest_figs,
        mix: queries,
        ours,
        peer: theirs,
        recall: rec,
        http,
        criterion,
        load_before: load_before.trim().to_string(),
        load_after: std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
            .to_string(),
        first_query_ms,
    };
    let text = report::render(args, &figs);
    println!("{text}");
    if let Some(doc) = &args.doc {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(doc)
            .with_context(|| format!("opening {}", doc.display()))?;
        write!(f, "\n{text}")?;
        step(&format!("appended to {}", doc.display()));
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e:#}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("projektsok-bench: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
