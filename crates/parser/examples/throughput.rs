//! Parse throughput per CPU second, for a machine shared with other work where wall-clock
//! benches (criterion, `benches/parse.rs`) are noisy: parses the corpus sheets repeatedly and
//! divides the bytes by the thread's own on-CPU time (`/proc/thread-self/schedstat`, Linux).
//!
//! `cargo run --release -p projektsok-parser --example throughput [MB] [--no-lexicons]`

use std::path::Path;
use std::time::Instant;

use projektsok_parser::{ParseOptions, parse_bytes_with};

fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let megabytes: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(200);
    let options = ParseOptions {
        lexicons: !args.iter().any(|a| a == "--no-lexicons"),
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut sheets = Vec::new();
    for dir in [root.clone(), root.join("excerpts")] {
        for entry in std::fs::read_dir(dir).expect("corpus") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                sheets.push(std::fs::read(path).expect("sheet"));
            }
        }
    }
    let (wall, cpu0) = (Instant::now(), cpu_ns());
    let mut bytes = 0usize;
    while bytes < megabytes << 20 {
        for sheet in &sheets {
            let project = parse_bytes_with("throughput", sheet, options).expect("sheet");
            std::hint::black_box(project);
            bytes += sheet.len();
        }
    }
    let mb = bytes as f64 / (1 << 20) as f64;
    let wall = wall.elapsed().as_secs_f64();
    println!("lexicons: {}", options.lexicons);
    println!("parsed {mb:.1} MiB: {:.1} MiB/s wall", mb / wall);
    if let (Some(a), Some(b)) = (cpu0, cpu_ns()) {
        println!("{:.1} MiB per CPU second", mb / ((b - a) as f64 / 1e9));
    }
}
