//! `projektsok search QUERY [--filter FIELD=VALUE]... [--limit N] [--page N] [--sort S] [--json]`

use std::path::Path;
use std::process::ExitCode;

use projektsok_index::{Index, SearchRequest, Sort};

use super::util::{filters, query_error, sek};

#[derive(clap::Args)]
pub struct Args {
    /// Query (`*` or empty matches all): words, "phrases", -exclusion, OR, (groups),
    /// field:value such as region:"Övre Norrland", budget:>5000000, year:2010..2012.
    #[arg(default_value = "")]
    query: String,
    /// FIELD=VALUE: region, county, municipality, phase, programme_area, owner_type,
    /// target_group, method, start_year (repeat: OR within a field, AND across fields), or
    /// budget_min, budget_max, grant_min, grant_max, year_from, year_to.
    #[arg(long = "filter", short = 'f')]
    filters: Vec<String>,
    /// Hits per page (at most 100).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Page, from 1.
    #[arg(long, default_value_t = 1)]
    page: usize,
    /// relevance, budget_desc, budget_asc, start_desc, start_asc.
    #[arg(long, default_value = "relevance")]
    sort: String,
    /// Values shown per facet (human output) / returned per facet (--json).
    #[arg(long, default_value_t = 50)]
    facet_size: usize,
    /// Print the same JSON object as GET /api/search.
    #[arg(long)]
    json: bool,
}

fn plain(snippet: &str) -> String {
    snippet
        .replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

pub fn run(index_dir: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let index = Index::open(index_dir)?;
    let req = SearchRequest {
        q: args.query.clone(),
        filters: filters(&args.filters)?,
        sort: args.sort.parse::<Sort>()?,
        page: args.page,
        per_page: args.limit,
        facet_size: args.facet_size,
    };
    let res = index
        .search(&req)
        .map_err(|e| query_error(&args.query, e))?;
    if args.json {
        println!("{}", serde_json::to_string(&res)?);
        return Ok(ExitCode::SUCCESS);
    }
    let first = (args.page - 1) * args.limit;
    println!(
        "{} projekt ({} ms){}",
        res.total,
        res.took_ms,
        if res.hits.is_empty() {
            String::new()
        } else {
            format!(", visar {}–{}", first + 1, first + res.hits.len())
        }
    );
    for (i, h) in res.hits.iter().enumerate() {
        println!();
        println!("{:>3}. {}  [{}]", first + i + 1, h.title, h.id);
        let period = match (&h.period.start, &h.period.end) {
            (None, None) => "–".to_string(),
            (s, e) => format!(
                "{}–{}",
                s.as_deref().unwrap_or("?"),
                e.as_deref().unwrap_or("?")
            ),
        };
        println!(
            "     {} · {} · budget {} kr · ESF {} kr · {}",
            h.owner.as_deref().unwrap_or("–"),
            h.region.as_deref().unwrap_or("–"),
            sek(h.total_budget_sek),
            sek(h.esf_grant_sek),
            period
        );
        if !h.snippet.is_empty() {
            println!("     {}", plain(&h.snippet));
        }
    }
    println!();
    for (name, values) in &res.facets.0 {
        if values.is_empty() {
            continue;
        }
        let shown: Vec<String> = values
            .iter()
            .take(8)
            .map(|v| format!("{} ({})", v.value, v.count))
            .collect();
        let more = if values.len() > 8 { ", …" } else { "" };
        println!("{name}: {}{more}", shown.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}
