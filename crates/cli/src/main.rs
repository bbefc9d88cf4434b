//! `projektsok`: the command line over the Projektsök libraries.
//!
//! Thin glue: argument parsing and output formatting live here, everything else in the library
//! crates, so the command line and the HTTP API give the same answers.

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "projektsok", version, about = "Search and analyse ESF project-bank sheets")]
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Parse(args) => commands::parse::run(&args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("projektsok: {error:#}");
            ExitCode::FAILURE
        }
    }
}
