//! The dated Markdown section: machine, commit, command, figures and a verdict per target.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::{Args, Figures};

/// One criterion benchmark of this run.
#[derive(Debug, Clone)]
pub struct CriterionFig {
    pub name: String,
    pub median_ns: f64,
    pub mean_ns: f64,
    pub bytes: Option<u64>,
}

/// Criterion results under `dir` written after `since` (Unix seconds).
pub fn read_criterion(dir: &Path, since: u64) -> Vec<CriterionFig> {
    let mut out = Vec::new();
    let Ok(groups) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut group_dirs: Vec<_> = groups.flatten().map(|e| e.path()).collect();
    group_dirs.sort();
    for g in group_dirs {
        let Ok(benches) = std::fs::read_dir(&g) else {
            continue;
        };
        let mut bench_dirs: Vec<_> = benches.flatten().map(|e| e.path()).collect();
        bench_dirs.sort();
        for b in bench_dirs {
            let est = b.join("new/estimates.json");
            let fresh = std::fs::metadata(&est)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .is_some_and(|d| d.as_secs() >= since);
            if !fresh {
                continue;
            }
            let read = |p: &Path| -> Option<serde_json::Value> {
                serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()
            };
            let Some(e) = read(&est) else { continue };
            let meta = read(&b.join("new/benchmark.json"));
            let name = meta
                .as_ref()
                .and_then(|m| {
                    m.get("full_id")
                        .and_then(|v| v.as_str())
                        .map(str::to_string)
                })
                .unwrap_or_else(|| b.display().to_string());
            let bytes = meta.as_ref().and_then(|m| {
                m.get("throughput")
                    .and_then(|t| t.get("Bytes").or_else(|| t.get("BytesDecimal")))
                    .and_then(|v| v.as_u64())
            });
            let point = |k: &str| {
                e.get(k)
                    .and_then(|v| v.get("point_estimate"))
                    .and_then(|v| v.as_f64())
                    .unwrap_or(f64::NAN)
            };
            out.push(CriterionFig {
                name,
                median_ns: point("median"),
                mean_ns: point("mean"),
                bytes,
            });
        }
    }
    out
}

fn sh(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem_kb: u64 = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0);
    let nproc = std::thread::available_parallelism().map_or(0, usize::from);
    format!(
        "nproc {nproc}, {cpu}, {:.1} GiB RAM",
        mem_kb as f64 / 1024.0 / 1024.0
    )
}

fn verdict(ok: bool) -> &'static str {
    if ok { "**PASS**" } else { "**MISS**" }
}

fn ms3(l: &crate::Lat) -> String {
    format!("{:.2} / {:.2} / {:.2}", l.p50, l.p95, l.p99)
}

pub fn render(args: &Args, f: &Figures) -> String {
    let mut s = String::new();
    let date = sh("date", &["-u", "+%Y-%m-%d %H:%M UTC"]);
    let commit = sh("git", &["rev-parse", "--short", "HEAD"]);
    let dirty = !sh("git", &["status", "--porcelain", "--untracked-files=no"]).is_empty();
    let seed = std::fs::read_to_string(args.corpus.join("generator.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.pointer("/config/seed").and_then(|x| x.as_u64()));
    let n = f.count;
    let at_target = n == 100_000;
    let scale_note = if at_target {
        String::new()
    } else {
        format!(" (targets are set at 100 000 sheets; this run has {n})")
    };
    let load1: f64 = f
        .load_before
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let load_end: f64 = f
        .load_after
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);

    let _ = writeln!(
        s,
        "## {date}: {n} sheets{}\n",
        if args.label.is_empty() {
            String::new()
        } else {
            format!(" ({})", args.label)
        }
    );
    let _ = writeln!(s, "- Command: `{}`", args.command);
    let _ = writeln!(s, "- Machine: {}", machine());
    let _ = writeln!(
        s,
        "- Commit: `{commit}`{}",
        if dirty {
            " (with uncommitted changes of other engineers in the workspace)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        s,
        "- Corpus: {n} generated sheets, {:.1} MB, seed {}, `{}`",
        f.corpus_bytes as f64 / 1e6,
        seed.map_or("?".into(), |x| x.to_string()),
        args.corpus.display()
    );
    let _ = writeln!(
        s,
        "- Load average (1/5/15 min, running/total, last pid) at start: `{}`; at end: `{}`{}",
        f.load_before,
        f.load_after,
        if load1 > 2.0 || load_end > 2.0 {
            ". **The machine was loaded** (other engineers compiling on the same 2 cores): latencies and throughputs are pessimistic."
        } else {
            ""
        }
    );
    let _ = writeln!(s);

    // Verdicts.
    let p1 = f.parse.first();
    let ing2 = f.ingest.iter().find(|i| i.cpus == "2");
    let kind = |k: &str| f.mix.iter().position(|q| q.kind == k);
    let ours = |k: &str| kind(k).and_then(|i| f.ours.get(i));
    let _ = writeln!(s, "### Verdicts{scale_note}\n");
    let _ = writeln!(s, "| target | figure | verdict |\n|---|---|---|");
    if let Some(p) = p1 {
        let v = p.text_mb_per_cpu_s();
        let _ = writeln!(
            s,
            "| parse ≥ 100 MB/s per core, text sheets (issue 3) | {v:.1} MB per CPU-second on the generated text sheets ({:.1} MB/s wall, 1 thread) | {} |",
            p.text_mb_s_per_thread(),
            verdict(v >= 100.0)
        );
    }
    if let Some(i) = ing2 {
        let at100k = i.secs * 100_000.0 / n.max(1) as f64;
        let fig = if at_target {
            format!("{:.1} s", i.secs)
        } else {
            format!(
                "{:.1} s for {n}, projected {at100k:.0} s for 100 000",
                i.secs
            )
        };
        let _ = writeln!(
            s,
            "| ingest 100 000 sheets < 90 s, 2 threads (issue 8) | {fig} | {} |",
            verdict(i.ok && at100k < 90.0)
        );
    }
    if let Some(l) = ours("two_facets") {
        let _ = writeln!(
            s,
            "| faceted full-text median < 20 ms in process (issue 5) | p50 {:.2} ms | {} |",
            l.p50,
            verdict(l.p50 < 20.0)
        );
        let _ = writeln!(
            s,
            "| faceted full-text p50 < 3 ms in process (issue 8) | p50 {:.2} ms | {} |",
            l.p50,
            verdict(l.p50 < 3.0)
        );
        let _ = writeln!(
            s,
            "| faceted full-text p99 < 15 ms in process (issue 8) | p99 {:.2} ms | {} |",
            l.p99,
            verdict(l.p99 < 15.0)
        );
    }
    match &f.http {
        Some(h) => {
            let _ = writeln!(
                s,
                "| HTTP p99 < 25 ms at 8 connections, zero errors (issues 6, 8) | p99 {:.2} ms, {} non-2xx, {} socket errors, {:.0} req/s | {} |",
                h.p99_ms,
                h.non2xx,
                h.socket_errors,
                h.rps,
                verdict(h.p99_ms < 25.0 && h.non2xx == 0 && h.socket_errors == 0)
            );
            let _ = writeln!(
                s,
                "| server RSS < 1 GiB (issue 8) | peak (VmHWM) {:.0} MB after the HTTP mix | {} |",
                h.server_hwm_kb as f64 / 1024.0,
                verdict(h.server_hwm_kb > 0 && h.server_hwm_kb < 1024 * 1024)
            );
        }
        None => {
            let _ = writeln!(
                s,
                "| HTTP p99 < 25 ms, zero errors; server RSS < 1 GiB | not measured (the HTTP part failed, see the log) | **MISS** |"
            );
        }
    }
    if let Some(l) = ours("similar_text") {
        let _ = writeln!(
            s,
            "| similar by text p99 < 50 ms (issue 8) | p99 {:.2} ms | {} |",
            l.p99,
            verdict(l.p99 < 50.0)
        );
    }
    if let Some(l) = ours("stats_region") {
        let _ = writeln!(
            s,
            "| stats by region < 20 ms (issue 8; judged on p99) | p50 {:.2} ms, p99 {:.2} ms | {} |",
            l.p50,
            l.p99,
            verdict(l.p99 < 20.0)
        );
    }
    let faceted: Vec<(&str, f64)> = f
        .mix
        .iter()
        .zip(f.ours.iter().zip(&f.peer))
        .filter(|(q, _)| q.is_faceted())
        .map(|(q, (a, b))| (q.kind, b.p50 / a.p50.max(1e-9)))
        .collect();
    if !faceted.is_empty() {
        let geo = (faceted.iter().map(|(_, r)| r.ln()).sum::<f64>() / faceted.len() as f64).exp();
        let (min_kind, min) = faceted
            .iter()
            .copied()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or(("-", f64::NAN));
        let below: Vec<String> = faceted
            .iter()
            .filter(|(_, r)| *r < 5.0)
            .map(|(k, r)| format!("{k} {r:.1}×"))
            .collect();
        let _ = writeln!(
            s,
            "| ≥ 5× faster than SQLite FTS5 on the faceted part (issue 8; geometric mean of p50 speed-ups over the 7 searches) | {geo:.1}× (lowest: {min_kind} {min:.1}×{}) | {} |",
            if below.is_empty() {
                String::new()
            } else {
                format!("; below 5×: {}", below.join(", "))
            },
            verdict(geo >= 5.0)
        );
    }
    if !f.recall.is_empty() {
        let worse: Vec<&str> = f
            .recall
            .iter()
            .filter(|r| r.ours_found < r.sqlite_found)
            .map(|r| r.label.as_str())
            .collect();
        let ours_all: usize = f.recall.iter().map(|r| r.ours_found).sum();
        let sq_all: usize = f.recall.iter().map(|r| r.sqlite_found).sum();
        let planted: usize = f.recall.iter().map(|r| r.planted).sum::<usize>().max(1);
        let _ = writeln!(
            s,
            "| … at equal or better recall on the planted labels (issue 8) | ours {:.1} %, SQLite {:.1} % (micro-average over {} labels){} | {} |",
            100.0 * ours_all as f64 / planted as f64,
            100.0 * sq_all as f64 / planted as f64,
            f.recall.len(),
            if worse.is_empty() {
                String::new()
            } else {
                format!("; lower than SQLite on: {}", worse.join(", "))
            },
            verdict(worse.is_empty())
        );
    }
    let _ = writeln!(s);

    // Parse.
    let _ = writeln!(
        s,
        "### Parse (in process, `projektsok_parser::parse_bytes` over the generated files read into memory first)\n"
    );
    let _ = writeln!(
        s,
        "| threads | sheets | MB | seconds (wall) | MB/s (wall) | CPU seconds | MB per CPU-second | text sheets: MB/s per thread (wall) | text sheets: MB per CPU-second | failed |\n|---|---|---|---|---|---|---|---|---|---|"
    );
    for p in &f.parse {
        let _ = writeln!(
            s,
            "| {} | {} | {:.1} | {:.2} | {:.1} | {:.2} | {:.1} | {:.1} | {:.1} | {} |",
            p.threads,
            p.files,
            p.bytes as f64 / 1e6,
            p.secs,
            p.mb_s(),
            p.cpu_secs,
            p.mb_per_cpu_s(),
            p.text_mb_s_per_thread(),
            p.text_mb_per_cpu_s(),
            p.failed
        );
    }
    let _ = writeln!(
        s,
        "\nCPU seconds come from `/proc/thread-self/schedstat` of the parse threads: MB per CPU-second is the per-core figure whatever else the machine runs; wall MB/s drops when other work takes the cores."
    );
    let _ = writeln!(s);

    // Ingest.
    let _ = writeln!(
        s,
        "### Ingest (`projektsok ingest` on the sheets folder, release binary, fresh index each time)\n"
    );
    let _ = writeln!(
        s,
        "`projektsok ingest` has no thread setting: it parses on one worker thread per core and hands the documents, in file order, to tantivy's `IndexWriter` (one indexing thread per core, here 2); a bulk load ends with its segments merged into one. \"1 thread\" below is the same command pinned to one CPU with `taskset -c 0`; \"2\" is unpinned.\n"
    );
    let _ = writeln!(
        s,
        "| CPUs | seconds | sheets/s | MB/s | CPU seconds (user+sys) | peak RSS (`/usr/bin/time -v`) | index on disk | summary |\n|---|---|---|---|---|---|---|---|"
    );
    for i in &f.ingest {
        let _ = writeln!(
            s,
            "| {} | {:.1} | {:.0} | {:.1} | {:.1} | {:.0} MB | {:.0} MB | {}{} |",
            i.cpus,
            i.secs,
            n as f64 / i.secs.max(1e-9),
            f.corpus_bytes as f64 / 1e6 / i.secs.max(1e-9),
            i.cpu_secs,
            i.max_rss_kb as f64 / 1024.0,
            i.index_bytes as f64 / 1e6,
            i.summary,
            if i.ok { "" } else { " (non-zero exit)" }
        );
    }
    let _ = writeln!(
        s,
        "\nSQLite peer, loaded from the same parsed records (2-thread parse pass): {:.1} s, database {:.0} MB (tables, facet table and its two indexes, FTS5 index).\n",
        f.sqlite_load_secs,
        f.sqlite_bytes as f64 / 1e6
    );

    // Mix.
    let _ = writeln!(
        s,
        "### Query mix in process: ours (`projektsok_index::Index`) vs SQLite FTS5 (rusqlite, bundled SQLite)\n"
    );
    let _ = writeln!(
        s,
        "Latency in ms (p50 / p95 / p99) after 5 warm-up runs; up to {} timed runs per kind (at least 20, at most ~15 s). Each search returns the total, 20 hits with snippets and the counts of all nine facets (multi-select). First query after opening the index: {:.1} ms.\n",
        args.iters, f.first_query_ms
    );
    let _ = writeln!(
        s,
        "| kind | query | ours p50/p95/p99 | SQLite p50/p95/p99 | ours/SQLite (p50) | speed-up | results ours / SQLite | runs |\n|---|---|---|---|---|---|---|---|"
    );
    for (q, (a, b)) in f.mix.iter().zip(f.ours.iter().zip(&f.peer)) {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {:.3} | {:.1}× | {} / {} | {} / {} |",
            q.kind,
            q.label.replace('|', "\\|"),
            ms3(a),
            ms3(b),
            a.p50 / b.p50.max(1e-9),
            b.p50 / a.p50.max(1e-9),
            a.result,
            b.result,
            a.n,
            b.n
        );
    }
    let _ = writeln!(
        s,
        "\nResults: hits for searches, groups for stats, hits returned for similar. SQLite's \"similar\" is the 30 most distinctive terms (tf·idf from `fts5vocab`) ORed and ranked by bm25; it has no target-group/method/region boosts.\n"
    );

    // Recall.
    let _ = writeln!(
        s,
        "### Recall on the generator's planted labels (full hit sets)\n"
    );
    let _ = writeln!(
        s,
        "For each label, the sheets whose truth plants it, and the hits of the label typed as a query (phrases quoted). Recall = planted sheets found / planted sheets; precision = planted sheets found / hits. SQLite prefix: the same word with `*` (what a SQLite user would add to catch inflections and compound heads).\n"
    );
    let _ = writeln!(
        s,
        "| label | planted | ours recall | ours precision | SQLite recall | SQLite precision | SQLite prefix query | prefix recall | prefix precision |\n|---|---|---|---|---|---|---|---|---|"
    );
    let pct = |a: usize, b: usize| {
        if b == 0 {
            "–".to_string()
        } else {
            format!("{:.1} %", 100.0 * a as f64 / b as f64)
        }
    };
    for r in &f.recall {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | `{}` | {} | {} |",
            r.label,
            r.planted,
            pct(r.ours_found, r.planted),
            pct(r.ours_found, r.ours_hits),
            pct(r.sqlite_found, r.planted),
            pct(r.sqlite_found, r.sqlite_hits),
            r.sqlite_prefix_query,
            pct(r.sqlite_prefix_found, r.planted),
            pct(r.sqlite_prefix_found, r.sqlite_prefix_hits)
        );
    }
    let _ = writeln!(s);

    // HTTP.
    if let Some(h) = &f.http {
        let _ = writeln!(
            s,
            "### HTTP: `wrk -t2 -c8 -d{}s` against `projektsok serve --addr 127.0.0.1:0` (RUST_LOG=warn)\n",
            h.seconds
        );
        let _ = writeln!(
            s,
            "The Lua script rotates over the ten requests of the mix (the draft for similar-by-text is a JSON POST to `/api/similar`) and counts non-2xx answers; wrk, client and server share the 2 cores. A 3 s warm-up run precedes it.\n"
        );
        let _ = writeln!(
            s,
            "| requests | req/s | p50 | p99 | mean | non-2xx | socket errors | server CPU per request | server VmHWM | server VmRSS after |\n|---|---|---|---|---|---|---|---|---|---|"
        );
        let cpu_ms = 1e3 * h.server_cpu_secs / (h.requests.max(1) as f64);
        let _ = writeln!(
            s,
            "| {} | {:.0} | {:.2} ms | {:.2} ms | {:.2} ms | {} | {} | {cpu_ms:.2} ms | {:.0} MB | {:.0} MB |\n",
            h.requests,
            h.rps,
            h.p50_ms,
            h.p99_ms,
            h.mean_ms,
            h.non2xx,
            h.socket_errors,
            h.server_hwm_kb as f64 / 1024.0,
            h.server_rss_kb as f64 / 1024.0
        );
        let _ = writeln!(
            s,
            "With 8 requests always in flight on 2 cores, the mean latency cannot drop below 8 × {cpu_ms:.2} / 2 = {:.1} ms however quiet the machine (server CPU from `/proc/PID/stat` over the measured run).\n",
            8.0 * cpu_ms / 2.0
        );
    }

    // Criterion.
    if !f.criterion.is_empty() {
        let _ = writeln!(
            s,
            "### Criterion benches of this run (`crates/parser/benches/parse.rs`, `crates/index/benches/search.rs`)\n"
        );
        let _ = writeln!(
            s,
            "| bench | median | mean | throughput (median) |\n|---|---|---|---|"
        );
        for c in &f.criterion {
            let tp = c.bytes.map_or(String::new(), |b| {
                format!("{:.1} MB/s", b as f64 / 1e6 / (c.median_ns / 1e9))
            });
            let _ = writeln!(
                s,
                "| {} | {:.3} ms | {:.3} ms | {tp} |",
                c.name,
                c.median_ns / 1e6,
                c.mean_ns / 1e6
            );
        }
        let _ = writeln!(s);
    }
    s
}
