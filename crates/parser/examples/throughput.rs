//! Parse throughput per CPU second, for a machine shared with other work where wall-clock
//! benches (criterion, `benches/parse.rs`) are noisy: parses the `.txt` sheets of a directory
//! (default: the corpus) repeatedly and divides the bytes by the thread's own on-CPU time
//! (`/proc/thread-self/schedstat`, Linux). MB are 10^6 bytes, as in `make bench`'s figure.
//!
//! `cargo run --release -p projektsok-parser --example throughput [MB] [--no-lexicons] [DIR]`

use std::path::{Path, PathBuf};
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
    let dirs: Vec<PathBuf> = match args.iter().find(|a| Path::new(a).is_dir()) {
        Some(dir) => vec![dir.into()],
        None => {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
            vec![root.clone(), root.join("excerpts")]
        }
    };
    let mut sheets = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(dir).expect("sheet directory") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                sheets.push(std::fs::read(path).expect("sheet"));
            }
        }
    }
    let (wall, cpu0) = (Instant::now(), cpu_ns());
    let mut bytes = 0usize;
    'outer: loop {
        for sheet in &sheets {
            let project = parse_bytes_with("throughput", sheet, options).expect("sheet");
            std::hint::black_box(project);
            bytes += sheet.len();
            if bytes >= megabytes * 1_000_000 {
                break 'outer;
            }
        }
    }
    let mb = bytes as f64 / 1e6;
    let wall = wall.elapsed().as_secs_f64();
    println!("{} sheets, lexicons: {}", sheets.len(), options.lexicons);
    println!("parsed {mb:.1} MB: {:.1} MB/s wall", mb / wall);
    if let (Some(a), Some(b)) = (cpu0, cpu_ns()) {
        println!("{:.1} MB per CPU second", mb / ((b - a) as f64 / 1e9));
    }
}
