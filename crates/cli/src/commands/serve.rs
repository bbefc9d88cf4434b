//! `projektsok serve [--addr 127.0.0.1:8080] [--create]`: the HTTP API and web pages.
//!
//! Writes (`POST /api/projects`, `DELETE /api/projects/{id}`) need
//! `Authorization: Bearer $PROJEKTSOK_ADMIN_TOKEN`; without that variable they answer 403.
//! Logs go to stderr, filtered by `RUST_LOG` (default `info`). SIGINT or SIGTERM stops the
//! server gracefully: in-flight requests finish and any write in progress commits.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use projektsok_api::{AppState, Config};
use projektsok_index::Index;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on. Port 0 picks a free port; the bound address is printed on stdout
    /// as `listening on http://ADDR`.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Start with an empty index when the index directory holds none (POST fills it).
    #[arg(long)]
    create: bool,
}

pub fn run(index_dir: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    projektsok_api::init_tracing();
    let index = if args.create {
        Index::open_or_create(index_dir)?
    } else {
        Index::open(index_dir)?
    };
    index.warm_cache().context("reading the facet values")?;
    let token = std::env::var("PROJEKTSOK_ADMIN_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty());
    let projects = index.num_projects();
    let state = AppState::new(index, token, Config::default());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "listening on http://{local}");
            let _ = out.flush();
        }
        eprintln!(
            "projektsok: serving {projects} projects from {} on http://{local}; writes {}",
            index_dir.display(),
            if state.writes_enabled() {
                "enabled"
            } else {
                "disabled (set PROJEKTSOK_ADMIN_TOKEN to enable POST/DELETE /api/projects)"
            }
        );
        projektsok_api::serve(listener, state, projektsok_api::shutdown_signal())
            .await
            .context("serving")
    })?;
    Ok(ExitCode::SUCCESS)
}
