//! `projektsok similar ID` / `projektsok similar --text FILE` `[--limit N] [--json]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use projektsok_index::{Index, SimilarRequest};

use super::util::filters;

#[derive(clap::Args)]
pub struct Args {
    /// Id of a project in the index.
    #[arg(required_unless_present = "text", conflicts_with = "text")]
    id: Option<String>,
    /// A draft application (plain text) that is not in the index.
    #[arg(long)]
    text: Option<PathBuf>,
    /// Most hits (at most 100).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// FIELD=VALUE filters, as for `search`.
    #[arg(long = "filter", short = 'f')]
    filters: Vec<String>,
    /// Print the same JSON object as GET /api/projects/{id}/similar.
    #[arg(long)]
    json: bool,
}

pub fn run(index_dir: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let index = Index::open(index_dir)?;
    let req = SimilarRequest {
        limit: args.limit,
        filters: filters(&args.filters)?,
    };
    let res = match (&args.id, &args.text) {
        (_, Some(file)) => {
            let bytes =
                std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
            index.similar_text(&String::from_utf8_lossy(&bytes), &req)?
        }
        (Some(id), None) => index.similar(id, &req)?,
        (None, None) => anyhow::bail!("give a project ID or --text FILE"),
    };
    if args.json {
        println!("{}", serde_json::to_string(&res)?);
        return Ok(ExitCode::SUCCESS);
    }
    if res.hits.is_empty() {
        println!("inga liknande projekt");
    }
    for (i, h) in res.hits.iter().enumerate() {
        println!("{:>3}. {}  [{}]  {:.2}", i + 1, h.title, h.id, h.score);
        if !h.why.is_empty() {
            println!("     {}", h.why);
        }
    }
    Ok(ExitCode::SUCCESS)
}
