//! `projektsok stats --by FIELD [QUERY] [--filter ...] [--json]`

use std::path::Path;
use std::process::ExitCode;

use projektsok_index::{Index, StatsRequest};

use super::util::{filters, query_error, sek, sek_f};

#[derive(clap::Args)]
pub struct Args {
    /// Group by: region, county, municipality, phase, programme_area, owner_type,
    /// target_group, method, start_year.
    #[arg(long = "by")]
    by: String,
    /// Query (as for `search`); empty matches all.
    #[arg(default_value = "")]
    query: String,
    /// FIELD=VALUE filters, as for `search`.
    #[arg(long = "filter", short = 'f')]
    filters: Vec<String>,
    /// Print the same JSON object as GET /api/stats.
    #[arg(long)]
    json: bool,
}

pub fn run(index_dir: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let index = Index::open(index_dir)?;
    let req = StatsRequest {
        group_by: args.by.clone(),
        q: args.query.clone(),
        filters: filters(&args.filters)?,
    };
    let res = index.stats(&req).map_err(|e| query_error(&args.query, e))?;
    if args.json {
        println!("{}", serde_json::to_string(&res)?);
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<[String; 9]> = res
        .groups
        .iter()
        .map(|g| {
            [
                g.key.clone().unwrap_or_else(|| "(saknas)".into()),
                g.count.to_string(),
                sek(Some(g.total_budget_sek.sum)),
                sek_f(g.total_budget_sek.mean),
                sek_f(g.total_budget_sek.median),
                sek(g.total_budget_sek.min),
                sek(g.total_budget_sek.max),
                sek(Some(g.esf_grant_sek.sum)),
                g.esf_share
                    .mean
                    .map_or("–".into(), |m| format!("{:.1} %", m * 100.0)),
            ]
        })
        .collect();
    let header = [
        args.by.as_str(),
        "antal",
        "budget summa",
        "medel",
        "median",
        "min",
        "max",
        "ESF-stöd summa",
        "ESF-andel",
    ];
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w.saturating_sub(c.chars().count());
            if i == 0 {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            }
        }
        println!("{}", s.trim_end());
    };
    line(header.to_vec());
    for r in &rows {
        line(r.iter().map(String::as_str).collect());
    }
    Ok(ExitCode::SUCCESS)
}
