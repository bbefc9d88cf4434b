//! `projektsok export [QUERY] --format csv|jsonl [--filter ...] [--output FILE]`

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use projektsok_index::{ExportFormat, Index};

use super::util::{filters, query_error};

#[derive(clap::Args)]
pub struct Args {
    /// Query (as for `search`); empty matches all.
    #[arg(default_value = "")]
    query: String,
    /// csv (RFC 4180, UTF-8, lists joined with "; ") or jsonl (one Project per line).
    #[arg(long, default_value = "csv")]
    format: String,
    /// FIELD=VALUE filters, as for `search`.
    #[arg(long = "filter", short = 'f')]
    filters: Vec<String>,
    /// Write here instead of stdout.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
}

pub fn run(index_dir: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let index = Index::open(index_dir)?;
    let format: ExportFormat = args.format.parse()?;
    let filters = filters(&args.filters)?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let n = index
        .export(&args.query, &filters, format, out)
        .map_err(|e| query_error(&args.query, e))?;
    if args.output.is_some() {
        eprintln!("exported {n} projects");
    }
    Ok(ExitCode::SUCCESS)
}
