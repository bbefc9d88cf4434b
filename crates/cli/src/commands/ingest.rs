//! `projektsok ingest PATH...`

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use projektsok_index::{Index, ingest::collect_files};

#[derive(clap::Args)]
pub struct Args {
    /// Sheet files or folders (walked recursively for *.txt, *.html, *.htm).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

/// Adds or replaces every sheet by id, prints `ingested N, updated N, warnings N, failed N`;
/// exit 1 naming the files when any failed.
pub fn run(index_dir: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let (files, mut failed) = collect_files(&args.paths);
    let index = Index::open_or_create(index_dir)
        .with_context(|| format!("opening index {}", index_dir.display()))?;
    let mut writer = index.writer()?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} sheets {elapsed_precise} {wide_msg}",
        ) {
            bar.set_style(style);
        }
        Some(bar)
    } else {
        None
    };
    let mut report = writer.ingest_files(&files, |done, path| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
            bar.set_message(path.display().to_string());
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    failed.append(&mut report.failed);
    report.failed = failed;
    println!("{}", report.summary());
    for f in &report.failed {
        eprintln!("projektsok: failed: {}: {}", f.source, f.message);
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
