//! `projektsok`: the command line over the Projektsök libraries.
//!
//! Thin glue: argument parsing and output formatting live here, everything else in the library
//! crates, so the command line and the HTTP API give the same answers.

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "projektsok",
    version,
    about = "Search and analyse ESF project-bank sheets"
)]
struct Cli {
    /// Index directory.
    #[arg(long, global = true, env = "PROJEKTSOK_INDEX", default_value = "index")]
    index: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse sheets (text or HTML) and print one `Project` JSON line per file, in argument order.
    Parse(commands::parse::Args),
    /// Add or replace sheets (files or folders) in the index, by id.
    Ingest(commands::ingest::Args),
    /// Search the index: free text, phrases, -exclusion, OR, field:value, filters, facets.
    Search(commands::search::Args),
    /// The most similar projects to a project of the index or a draft text, with why.
    Similar(commands::similar::Args),
    /// Budget figures (count, sum, mean, median, min, max) per group.
    Stats(commands::stats::Args),
    /// Export the projects matching a query as CSV or JSONL.
    Export(commands::export::Args),
    /// Serve the HTTP API and web pages (writes need PROJEKTSOK_ADMIN_TOKEN).
    Serve(commands::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Parse(args) => commands::parse::run(&args),
        Command::Ingest(args) => commands::ingest::run(&cli.index, &args),
        Command::Search(args) => commands::search::run(&cli.index, &args),
        Command::Similar(args) => commands::similar::run(&cli.index, &args),
        Command::Stats(args) => commands::stats::run(&cli.index, &args),
        Command::Export(args) => commands::export::run(&cli.index, &args),
        Command::Serve(args) => commands::serve::run(&cli.index, &args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("projektsok: {error:#}");
            ExitCode::FAILURE
        }
    }
}
