//! Write a synthetic corpus: `cargo run --release -p projektsok-generator --example generate --
//! --count 100000 --seed 1 --out /tmp/gen [--html-share 0.2] [--defect-rate 0.05] [--threads T]` (default: all cores; the output is the same for any T).
//!
//! Prints the run's summary as one JSON line on stdout and the throughput on stderr.

use std::path::PathBuf;
use std::process::ExitCode;

use projektsok_generator::{GeneratorConfig, generate};

const USAGE: &str =
    "usage: generate --count N --seed S --out DIR [--html-share F] [--defect-rate F] [--threads T]";

fn parse_args() -> Result<(GeneratorConfig, PathBuf), String> {
    // The output does not depend on the thread count: use the machine.
    let mut config = GeneratorConfig {
        threads: std::thread::available_parallelism().map_or(1, usize::from),
        ..GeneratorConfig::default()
    };
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
            None => (arg.clone(), None),
        };
        if flag == "--help" || flag == "-h" {
            return Err(USAGE.to_string());
        }
        let value = match inline {
            Some(value) => value,
            None => args
                .next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?,
        };
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--count" => config.count = value.parse().map_err(|e| bad(&e))?,
            "--seed" => config.seed = value.parse().map_err(|e| bad(&e))?,
            "--out" => out = Some(PathBuf::from(&value)),
            "--html-share" => config.html_share = value.parse().map_err(|e| bad(&e))?,
            "--defect-rate" => config.defect_rate = value.parse().map_err(|e| bad(&e))?,
            "--threads" => config.threads = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    let out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
    Ok((config, out))
}

fn main() -> ExitCode {
    let (config, out) = match parse_args() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match generate(&config, &out) {
        Ok(summary) => {
            match serde_json::to_string(&summary) {
                Ok(line) => println!("{line}"),
                Err(e) => eprintln!("summary: {e}"),
            }
            let secs = summary.seconds.max(1e-9);
            eprintln!(
                "generated {} sheets ({:.1} MB) in {:.2} s: {:.0} sheets/s, {:.1} MB/s, into {}",
                summary.count,
                summary.bytes as f64 / 1e6,
                summary.seconds,
                summary.count as f64 / secs,
                summary.bytes as f64 / 1e6 / secs,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::FAILURE
        }
    }
}
