//! `make eval` (issue 4): relevance of the product index against the plain tantivy default
//! analyzer on the judged queries of `eval/queries.toml`, precision/recall of the parser's
//! target groups and methods against `crates/analysis/tests/labels.toml`, and precision@3 of
//! similar projects against `eval/similar.toml`.
//!
//! `cargo run --release -p projektsok-eval [-- -v]` (`-v`: the top 10 of every query that
//! misses). Exits with status 1 when ours is not ahead of the default analyzer on both mean
//! recall@10 and mean nDCG@10, or when a lexicon's precision or recall is below 0.9.

mod metrics;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use metrics::{Counts, ndcg_at, recall_at};
use projektsok_index::{SearchRequest, SimilarRequest};
use projektsok_parser::Project;
use serde::Deserialize;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, Schema, TEXT, Value};
use tantivy::{TantivyDocument, doc};

const K: usize = 10;
const SIMILAR_K: usize = 3;
const MIN_LEXICON: f64 = 0.9;

#[derive(Deserialize)]
struct Queries {
    query: Vec<Query>,
}

#[derive(Deserialize)]
struct Query {
    id: String,
    text: String,
    relevant: HashMap<String, u32>,
}

#[derive(Deserialize)]
struct Labels {
    sheet: Vec<Labelled>,
    #[serde(default)]
    written: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    file: String,
    target_groups: Vec<String>,
    methods: Vec<String>,
}

#[derive(Deserialize)]
struct Similar {
    sheet: Vec<SimilarSheet>,
}

#[derive(Deserialize)]
struct SimilarSheet {
    file: String,
    similar: Vec<String>,
}

/// One parsed sheet of corpus/.
struct Sheet {
    file: String,
    project: Project,
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Every sheet under corpus/ (the top level, excerpts/ and written/), parsed.
fn load_corpus(root: &Path) -> Result<Vec<Sheet>> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in ["corpus", "corpus/excerpts", "corpus/written"] {
        let rd = std::fs::read_dir(root.join(dir)).with_context(|| format!("reading {dir}"))?;
        for e in rd.flatten() {
            let p = e.path();
            if p.is_file() && p.extension().is_some_and(|x| x == "txt" || x == "html") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    let mut sheets = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
        let source = p.to_string_lossy().into_owned();
        let project = projektsok_parser::parse_bytes(&source, &bytes)
            .with_context(|| format!("parsing {}", p.display()))?;
        sheets.push(Sheet {
            file: file_name(&p),
            project,
        });
    }
    Ok(sheets)
}

/// A naive tantivy user's index: title and all section text with the `default` analyzer,
/// searched with `QueryParser` over both fields (default conjunction off: words are OR'ed).
struct DefaultIndex {
    index: tantivy::Index,
    parser: QueryParser,
    name: tantivy::schema::Field,
}

impl DefaultIndex {
    fn build(sheets: &[Sheet]) -> Result<DefaultIndex> {
        let mut sb = Schema::builder();
        let title = sb.add_text_field("title", TEXT);
        let body = sb.add_text_field("body", TEXT);
        let name = sb.add_text_field("name", STORED);
        let index = tantivy::Index::create_in_ram(sb.build());
        let mut w = index.writer(50_000_000)?;
        for s in sheets {
            let text: Vec<&str> = s
                .project
                .sections
                .iter()
                .flat_map(|sec| [sec.heading.as_str(), sec.text.as_str()])
                .collect();
            w.add_document(doc!(
                title => s.project.title.as_str(),
                body => text.join("\n"),
                name => s.file.as_str(),
            ))?;
        }
        w.commit()?;
        let parser = QueryParser::for_index(&index, vec![title, body]);
        Ok(DefaultIndex {
            index,
            parser,
            name,
        })
    }

    fn search(&self, q: &str) -> Result<Vec<String>> {
        let searcher = self.index.reader()?.searcher();
        let (query, _errors) = self.parser.parse_query_lenient(q);
        let mut out = Vec::new();
        for (_, addr) in searcher.search(&query, &TopDocs::with_limit(K).order_by_score())? {
            let d: TantivyDocument = searcher.doc(addr)?;
            if let Some(n) = d.get_first(self.name).and_then(|v| v.as_str()) {
                out.push(n.to_string());
            }
        }
        Ok(out)
    }
}

/// The product index, fed through its writer and searched like the CLI does.
struct Ours {
    index: projektsok_index::Index,
    id_to_file: HashMap<String, String>,
}

impl Ours {
    fn build(sheets: &[Sheet]) -> Result<Ours> {
        let index = projektsok_index::Index::create_in_ram()?;
        {
            let mut w = index.writer()?;
            for s in sheets {
                w.add(&s.project)?;
            }
            w.commit()?;
        }
        index.reload()?;
        let id_to_file = sheets
            .iter()
            .map(|s| (s.project.id.clone(), s.file.clone()))
            .collect();
        Ok(Ours { index, id_to_file })
    }

    fn file(&self, id: &str) -> String {
        self.id_to_file
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("?{id}"))
    }

    fn search(&self, q: &str) -> Result<Vec<String>> {
        let req = SearchRequest {
            per_page: K,
            ..SearchRequest::new(q)
        };
        let resp = self.index.search(&req)?;
        Ok(resp.hits.iter().map(|h| self.file(&h.id)).collect())
    }

    fn similar(&self, id: &str) -> Result<Vec<String>> {
        let req = SimilarRequest {
            limit: SIMILAR_K,
            ..SimilarRequest::default()
        };
        let resp = self.index.similar(id, &req)?;
        Ok(resp.hits.iter().map(|h| self.file(&h.id)).collect())
    }
}

fn short(file: &str) -> &str {
    file.split(['_', '.']).next().unwrap_or(file)
}

fn show(ranked: &[String], rel: &HashMap<String, u32>) -> String {
    ranked
        .iter()
        .map(|d| match rel.get(d) {
            Some(g) => format!("{}({g})", short(d)),
            None => short(d).to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_toml<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

struct Ranking {
    recall: f64,
    ndcg: f64,
}

fn run() -> Result<bool> {
    let verbose = std::env::args().any(|a| a == "-v" || a == "--verbose");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().unwrap_or(root);
    let queries: Queries = read_toml(&root.join("eval/queries.toml"))?;
    let sheets = load_corpus(&root)?;
    let by_file: HashMap<&str, &Sheet> = sheets.iter().map(|s| (s.file.as_str(), s)).collect();
    for q in &queries.query {
        for f in q.relevant.keys() {
            if !by_file.contains_key(f.as_str()) {
                bail!("query {}: judged sheet {f} is not in corpus/", q.id);
            }
        }
    }
    let real = sheets.iter().filter(|s| !s.file.starts_with('w')).count();
    println!(
        "corpus: {} sheets parsed ({} real: corpus/*.txt and corpus/excerpts/; {} written by the team: corpus/written/)",
        sheets.len(),
        real,
        sheets.len() - real
    );

    let default = DefaultIndex::build(&sheets)?;
    let ours = Ours::build(&sheets)?;

    // 1. Judged queries.
    println!(
        "\n{} judged queries (eval/queries.toml), recall@{K} and graded nDCG@{K}:\n",
        queries.query.len()
    );
    println!(
        "{:<4} {:<44} {:>4} | {:>7} {:>7} | {:>7} {:>7}",
        "id", "query", "rel", "R dflt", "R ours", "N dflt", "N ours"
    );
    let mut sums = [0.0f64; 4];
    let mut ours_worse = Vec::new();
    let mut ours_missing = Vec::new();
    for q in &queries.query {
        let d = default.search(&q.text)?;
        let o = ours.search(&q.text)?;
        let rd = Ranking {
            recall: recall_at(&d, &q.relevant, K),
            ndcg: ndcg_at(&d, &q.relevant, K),
        };
        let ro = Ranking {
            recall: recall_at(&o, &q.relevant, K),
            ndcg: ndcg_at(&o, &q.relevant, K),
        };
        for (s, v) in sums
            .iter_mut()
            .zip([rd.recall, ro.recall, rd.ndcg, ro.ndcg])
        {
            *s += v;
        }
        let mark = if ro.ndcg + 1e-9 < rd.ndcg { " <" } else { "" };
        let title: String = q.text.chars().take(44).collect();
        println!(
            "{:<4} {:<44} {:>4} | {:>7.2} {:>7.2} | {:>7.2} {:>7.2}{mark}",
            q.id,
            title,
            q.relevant.len(),
            rd.recall,
            ro.recall,
            rd.ndcg,
            ro.ndcg
        );
        if ro.ndcg + 1e-9 < rd.ndcg {
            ours_worse.push(q.id.clone());
        }
        if ro.recall < 1.0 {
            let missing: Vec<&str> = q
                .relevant
                .keys()
                .filter(|f| !o.contains(f))
                .map(|f| short(f))
                .collect();
            ours_missing.push(format!("{} missing {}", q.id, missing.join(" ")));
        }
        if verbose && (ro.recall < 1.0 || ro.ndcg < 0.9) {
            println!("       default top: {}", show(&d, &q.relevant));
            println!("       ours top:    {}", show(&o, &q.relevant));
        }
    }
    let n = queries.query.len().max(1) as f64;
    let [rd, ro, nd, no] = sums.map(|s| s / n);
    println!(
        "\n{:<30} {:>12} {:>12}",
        "mean over all queries", "default", "ours"
    );
    println!("{:<30} {:>12.3} {:>12.3}", format!("recall@{K}"), rd, ro);
    println!("{:<30} {:>12.3} {:>12.3}", format!("nDCG@{K}"), nd, no);
    if !ours_worse.is_empty() {
        println!(
            "queries where ours ranks worse than default (<): {}",
            ours_worse.join(" ")
        );
    }
    if !ours_missing.is_empty() {
        println!("ours misses in the top {K}:");
        for m in &ours_missing {
            println!("  {m}");
        }
    }
    let mut ok = true;
    if ro <= rd || no <= nd {
        println!("FAIL: ours is not ahead of the default analyzer on both recall@{K} and nDCG@{K}");
        ok = false;
    }

    // 2. Lexicons, from the parser's output.
    let labels: Labels = read_toml(&root.join("crates/analysis/tests/labels.toml"))?;
    println!(
        "\ntarget groups and methods of the parsed projects vs crates/analysis/tests/labels.toml:"
    );
    let lex = |set: &[Labelled], what: &str| -> Result<(Counts, Counts)> {
        let (mut tg, mut m) = (Counts::default(), Counts::default());
        for l in set {
            let name = file_name(Path::new(&l.file));
            let Some(s) = by_file.get(name.as_str()) else {
                bail!("labels.toml: {} is not in corpus/", l.file);
            };
            let (fp, fn_) = tg.add(&l.target_groups, &s.project.target_groups);
            let (mfp, mfn) = m.add(&l.methods, &s.project.methods);
            if verbose {
                for (kind, v) in [
                    ("FP target group", fp),
                    ("FN target group", fn_),
                    ("FP method", mfp),
                    ("FN method", mfn),
                ] {
                    for x in v {
                        println!("  {what}: {kind} {x:?} in {name}");
                    }
                }
            }
        }
        Ok((tg, m))
    };
    let (tg, m) = lex(&labels.sheet, "real")?;
    let (wtg, wm) = lex(&labels.written, "written")?;
    println!(
        "{:<44} {:>9} {:>9} {:>5} {:>4} {:>4}",
        "", "precision", "recall", "tp", "fp", "fn"
    );
    for (what, c) in [
        (
            format!("target groups, {} real sheets", labels.sheet.len()),
            tg,
        ),
        (format!("methods, {} real sheets", labels.sheet.len()), m),
        (
            format!(
                "target groups, {} written sheets (info)",
                labels.written.len()
            ),
            wtg,
        ),
        (
            format!("methods, {} written sheets (info)", labels.written.len()),
            wm,
        ),
    ] {
        println!(
            "{:<44} {:>9.3} {:>9.3} {:>5} {:>4} {:>4}",
            what,
            c.precision(),
            c.recall(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    for (what, c) in [("target groups", tg), ("methods", m)] {
        if c.precision() < MIN_LEXICON || c.recall() < MIN_LEXICON {
            println!("FAIL: {what} precision or recall below {MIN_LEXICON} on the real sheets");
            ok = false;
        }
    }

    // 3. Similar projects.
    let similar_path = root.join("eval/similar.toml");
    if similar_path.exists() {
        let similar: Similar = read_toml(&similar_path)?;
        println!("\nsimilar projects (eval/similar.toml), precision@{SIMILAR_K}:");
        let mut sum = 0.0;
        for s in &similar.sheet {
            let Some(sheet) = by_file.get(s.file.as_str()) else {
                bail!("similar.toml: {} is not in corpus/", s.file);
            };
            for f in &s.similar {
                if !by_file.contains_key(f.as_str()) {
                    bail!("similar.toml: {f} is not in corpus/");
                }
            }
            let got = ours.similar(&sheet.project.id)?;
            let hits = got
                .iter()
                .take(SIMILAR_K)
                .filter(|g| s.similar.contains(g))
                .count();
            let p = hits as f64 / SIMILAR_K.min(s.similar.len()).max(1) as f64;
            sum += p;
            println!(
                "  {:<46} P@{SIMILAR_K} {:.2}  got: {}",
                s.file,
                p,
                got.iter().map(|g| short(g)).collect::<Vec<_>>().join(" ")
            );
        }
        println!(
            "mean precision@{SIMILAR_K} over {} sheets: {:.3}",
            similar.sheet.len(),
            sum / similar.sheet.len().max(1) as f64
        );
    }
    Ok(ok)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("eval: {e:#}");
            ExitCode::from(2)
        }
    }
}
