//! `projektsok parse FILE...`

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(clap::Args)]
pub struct Args {
    /// Sheet files, text or HTML (detected from the content).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Prints one JSON line per readable file; an unreadable file is named on stderr, the others are
/// still parsed, and the exit code is 1.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for path in &args.files {
        let source = path.display().to_string();
        let parsed = std::fs::read(path)
            .map_err(anyhow::Error::from)
            .and_then(|bytes| Ok(projektsok_parser::parse_bytes(&source, &bytes)?));
        match parsed {
            Ok(project) => {
                serde_json::to_writer(&mut out, &project).context("writing JSON")?;
                writeln!(out).context("writing JSON")?;
            }
            Err(error) => {
                failed += 1;
                eprintln!("projektsok: {source}: {error}");
            }
        }
    }
    out.flush().context("writing JSON")?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
