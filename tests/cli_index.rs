//! End-to-end tests of `ingest`, `search`, `stats`, `similar` and `export`: the real binary
//! against a temporary index of `corpus/`, checked against what `projektsok parse` reads from
//! the same files.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use projektsok_parser::Project;
use serde_json::Value;

mod common;
use common::{bin, corpus_dir};

fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            corpus_files(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "html" | "htm")
        ) {
            out.push(p);
        }
    }
}

fn run(index: &Path, args: &[&str]) -> Output {
    bin()
        .arg("--index")
        .arg(index)
        .args(args)
        .env_remove("PROJEKTSOK_INDEX")
        .output()
        .expect("run projektsok")
}

fn ok(index: &Path, args: &[&str]) -> String {
    let out = run(index, args);
    assert!(
        out.status.success(),
        "projektsok {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 stdout")
}

fn json(index: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(index, args)).expect("JSON output")
}

struct Fixture {
    _dir: tempfile::TempDir,
    index: PathBuf,
    /// What `projektsok parse` reads from the corpus, one per distinct id (last wins, like
    /// ingest).
    projects: Vec<Project>,
    ingest_outputs: Vec<String>,
}

/// The corpus parsed with `projektsok parse`, and ingested twice into a temp index.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = dir.path().join("index");
        let mut files = Vec::new();
        corpus_files(&corpus_dir(), &mut files);
        assert!(!files.is_empty(), "empty corpus");
        let mut parse = bin();
        parse.arg("parse").args(&files);
        let out = parse.output().expect("run parse");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut by_id: BTreeMap<String, Project> = BTreeMap::new();
        for line in String::from_utf8(out.stdout).expect("utf-8").lines() {
            let p: Project = serde_json::from_str(line).expect("Project JSON");
            by_id.insert(p.id.clone(), p);
        }
        let corpus = corpus_dir();
        let corpus = corpus.to_str().expect("utf-8 path");
        let first = ok(&index, &["ingest", corpus]);
        let second = ok(&index, &["ingest", corpus]);
        Fixture {
            _dir: dir,
            index,
            projects: by_id.into_values().collect(),
            ingest_outputs: vec![first, second],
        }
    })
}

fn start_year(p: &Project) -> Option<String> {
    p.period
        .start
        .as_ref()
        .and_then(|s| s.get(..4))
        .map(str::to_string)
}

/// Distinct values of a facet, computed from the record directly.
fn facet_values(p: &Project, facet: &str) -> BTreeSet<String> {
    let one = |v: &Option<String>| v.iter().cloned().collect::<BTreeSet<_>>();
    let many = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
    match facet {
        "region" => one(&p.region),
        "county" => many(&p.counties),
        "municipality" => many(&p.municipalities),
        "phase" => one(&p.phase),
        "programme_area" => one(&p.programme_area),
        "owner_type" => one(&p.owner_type),
        "target_group" => many(&p.target_groups),
        "method" => many(&p.methods),
        "start_year" => start_year(p).into_iter().collect(),
        _ => unreachable!("{facet}"),
    }
}

const FACETS: [&str; 9] = [
    "region",
    "county",
    "municipality",
    "phase",
    "programme_area",
    "owner_type",
    "target_group",
    "method",
    "start_year",
];

fn hit_ids(v: &Value) -> BTreeSet<String> {
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn ingest_twice_leaves_one_copy() {
    let f = fixture();
    let n = f.projects.len();
    assert!(
        f.ingest_outputs[0].contains(&format!("ingested {n}, updated 0, warnings")),
        "{}",
        f.ingest_outputs[0]
    );
    assert!(
        f.ingest_outputs[1].contains(&format!("ingested 0, updated {n}, warnings")),
        "{}",
        f.ingest_outputs[1]
    );
    assert!(f.ingest_outputs[1].trim_end().ends_with("failed 0"));
    let v = json(&f.index, &["search", "", "--json", "--limit", "100"]);
    assert_eq!(v["total"].as_u64(), Some(n as u64));
    let jsonl = ok(&f.index, &["export", "--format", "jsonl"]);
    let ids: Vec<String> = jsonl
        .lines()
        .map(|l| {
            let p: Project = serde_json::from_str(l).expect("Project");
            p.id
        })
        .collect();
    let distinct: HashSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), n);
    assert_eq!(distinct.len(), n);
}

#[test]
fn ingest_names_failed_files_and_exits_non_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("empty.txt");
    std::fs::write(&bad, "").expect("write");
    let missing = dir.path().join("missing.txt");
    let out = run(
        &dir.path().join("index"),
        &[
            "ingest",
            bad.to_str().expect("path"),
            missing.to_str().expect("path"),
        ],
    );
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("failed 2"), "{stdout}");
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(stderr.contains("empty.txt"), "{stderr}");
}

#[test]
fn facet_counts_equal_counts_from_parsed_records() {
    let f = fixture();
    let v = json(&f.index, &["search", "*", "--json", "--facet-size", "1000"]);
    for facet in FACETS {
        let mut expected: BTreeMap<String, u64> = BTreeMap::new();
        for p in &f.projects {
            for value in facet_values(p, facet) {
                *expected.entry(value).or_insert(0) += 1;
            }
        }
        let got: BTreeMap<String, u64> = v["facets"][facet]
            .as_array()
            .unwrap_or_else(|| panic!("facet {facet} missing"))
            .iter()
            .map(|e| {
                (
                    e["value"].as_str().expect("value").to_string(),
                    e["count"].as_u64().expect("count"),
                )
            })
            .collect();
        assert_eq!(got, expected, "facet {facet}");
    }
}

#[test]
fn range_and_facet_filters_combine() {
    let f = fixture();
    // The most common region, and the median budget as a threshold.
    let mut regions: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &f.projects {
        if let Some(r) = &p.region {
            *regions.entry(r).or_insert(0) += 1;
        }
    }
    let (region, _) = regions
        .iter()
        .max_by_key(|(r, n)| (**n, std::cmp::Reverse(**r)))
        .expect("a region");
    let mut budgets: Vec<i64> = f
        .projects
        .iter()
        .filter_map(|p| p.total_budget_sek)
        .collect();
    budgets.sort();
    let threshold = budgets[budgets.len() / 2];
    let expected: BTreeSet<String> = f
        .projects
        .iter()
        .filter(|p| p.region.as_deref() == Some(region))
        .filter(|p| p.total_budget_sek.is_some_and(|b| b >= threshold))
        .map(|p| p.id.clone())
        .collect();
    let region_filter = format!("region={region}");
    let budget_filter = format!("budget_min={threshold}");
    let v = json(
        &f.index,
        &[
            "search",
            "",
            "--filter",
            &region_filter,
            "--filter",
            &budget_filter,
            "--json",
            "--limit",
            "100",
        ],
    );
    assert_eq!(hit_ids(&v), expected);
    assert_eq!(v["total"].as_u64(), Some(expected.len() as u64));
    // Same through the query language.
    let q = format!("region:\"{region}\" budget:>={threshold}");
    let v = json(&f.index, &["search", &q, "--json", "--limit", "100"]);
    assert_eq!(hit_ids(&v), expected);

    // Two regions OR, year range AND.
    let mut years: Vec<i64> = f
        .projects
        .iter()
        .filter_map(|p| start_year(p).and_then(|y| y.parse().ok()))
        .collect();
    years.sort();
    let year_from = years[years.len() / 2];
    let two: Vec<&str> = regions.keys().take(2).copied().collect();
    let expected: BTreeSet<String> = f
        .projects
        .iter()
        .filter(|p| p.region.as_deref().is_some_and(|r| two.contains(&r)))
        .filter(|p| {
            start_year(p)
                .and_then(|y| y.parse::<i64>().ok())
                .is_some_and(|y| y >= year_from)
        })
        .map(|p| p.id.clone())
        .collect();
    let r0 = format!("region={}", two[0]);
    let r1 = format!("region={}", two.get(1).unwrap_or(&two[0]));
    let yf = format!("year_from={year_from}");
    let v = json(
        &f.index,
        &[
            "search", "", "-f", &r0, "-f", &r1, "-f", &yf, "--json", "--limit", "100",
        ],
    );
    assert_eq!(hit_ids(&v), expected);
    // Multi-select: the region facet ignores the region filter but honours the year range.
    let region_counts: BTreeMap<String, u64> = v["facets"]["region"]
        .as_array()
        .expect("region facet")
        .iter()
        .map(|e| {
            (
                e["value"].as_str().expect("v").to_string(),
                e["count"].as_u64().expect("c"),
            )
        })
        .collect();
    let mut expected_counts: BTreeMap<String, u64> = BTreeMap::new();
    for p in &f.projects {
        let y = start_year(p).and_then(|y| y.parse::<i64>().ok());
        if let (Some(r), Some(y)) = (&p.region, y)
            && y >= year_from
        {
            *expected_counts.entry(r.clone()).or_insert(0) += 1;
        }
    }
    assert_eq!(region_counts, expected_counts);
}

#[test]
fn stats_sums_equal_sums_of_parsed_budgets() {
    let f = fixture();
    let v = json(&f.index, &["stats", "--by", "region", "--json"]);
    let groups = v["groups"].as_array().expect("groups");
    let sum = |key: &str| -> i64 {
        groups
            .iter()
            .map(|g| g[key]["sum"].as_i64().expect("sum"))
            .sum()
    };
    let budget: i64 = f.projects.iter().filter_map(|p| p.total_budget_sek).sum();
    let grant: i64 = f.projects.iter().filter_map(|p| p.esf_grant_sek).sum();
    assert_eq!(sum("total_budget_sek"), budget);
    assert_eq!(sum("esf_grant_sek"), grant);
    let count: u64 = groups
        .iter()
        .map(|g| g["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(count, f.projects.len() as u64);

    // Multi-valued: each county's sum is the sum over the projects in that county.
    let v = json(&f.index, &["stats", "--by", "county", "--json"]);
    for g in v["groups"].as_array().expect("groups") {
        let key = g["key"].as_str();
        let members: Vec<&Project> = f
            .projects
            .iter()
            .filter(|p| match key {
                Some(k) => p.counties.iter().any(|c| c == k),
                None => p.counties.is_empty(),
            })
            .collect();
        assert_eq!(g["count"].as_u64(), Some(members.len() as u64), "{key:?}");
        let expected: i64 = members.iter().filter_map(|p| p.total_budget_sek).sum();
        assert_eq!(
            g["total_budget_sek"]["sum"].as_i64(),
            Some(expected),
            "{key:?}"
        );
        let mut values: Vec<i64> = members.iter().filter_map(|p| p.total_budget_sek).collect();
        values.sort();
        if !values.is_empty() {
            let n = values.len();
            let median = if n % 2 == 1 {
                values[n / 2] as f64
            } else {
                (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
            };
            assert_eq!(g["total_budget_sek"]["median"].as_f64(), Some(median));
            assert_eq!(
                g["total_budget_sek"]["min"].as_i64(),
                values.first().copied()
            );
            assert_eq!(
                g["total_budget_sek"]["max"].as_i64(),
                values.last().copied()
            );
        }
    }

    let out = run(&f.index, &["stats", "--by", "colour"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("colour") && err.contains("start_year"),
        "{err}"
    );
}

#[test]
fn similar_never_returns_the_query_project() {
    let f = fixture();
    for p in &f.projects {
        let v = json(&f.index, &["similar", &p.id, "--json", "--limit", "50"]);
        let hits = v["hits"].as_array().expect("hits");
        assert!(
            hits.iter().all(|h| h["id"].as_str() != Some(p.id.as_str())),
            "{}",
            p.id
        );
        for h in hits {
            assert!(h["score"].is_number());
            assert!(h["why"].is_string());
            assert!(h["title"].is_string());
        }
    }
    let out = run(&f.index, &["similar", "no-such-id"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-id"));
}

#[test]
fn similar_text_finds_the_draft_source() {
    let f = fixture();
    let mut files = Vec::new();
    corpus_files(&corpus_dir(), &mut files);
    let file = files[0].to_str().expect("path").to_string();
    let v = json(
        &f.index,
        &["similar", "--text", &file, "--json", "--limit", "3"],
    );
    let source = f
        .projects
        .iter()
        .find(|p| p.source == file)
        .expect("first corpus file parsed");
    assert_eq!(v["hits"][0]["id"].as_str(), Some(source.id.as_str()));
}

#[test]
fn export_csv_round_trips() {
    let f = fixture();
    let csv_text = ok(&f.index, &["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let mut seen = 0;
    for row in reader.records() {
        let row = row.expect("CSV row");
        let p = f
            .projects
            .iter()
            .find(|p| p.id == row[col("id")])
            .expect("exported id is a parsed id");
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let num = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
        let list = |v: &[String]| v.join("; ");
        assert_eq!(&row[col("title")], p.title);
        assert_eq!(&row[col("source")], p.source);
        assert_eq!(row[col("programme_area")], opt(&p.programme_area));
        assert_eq!(row[col("phase")], opt(&p.phase));
        assert_eq!(row[col("owner")], opt(&p.owner));
        assert_eq!(row[col("owner_type")], opt(&p.owner_type));
        assert_eq!(row[col("contact_name")], opt(&p.contact.name));
        assert_eq!(row[col("contact_email")], opt(&p.contact.email));
        assert_eq!(row[col("contact_phone")], opt(&p.contact.phone));
        assert_eq!(row[col("total_budget_sek")], num(p.total_budget_sek));
        assert_eq!(row[col("esf_grant_sek")], num(p.esf_grant_sek));
        assert_eq!(
            row[col("planned_participants")],
            num(p.planned_participants)
        );
        let share: Option<f64> = Some(&row[col("esf_share")])
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().expect("share"));
        assert_eq!(share, p.esf_share);
        assert_eq!(row[col("period_start")], opt(&p.period.start));
        assert_eq!(row[col("period_end")], opt(&p.period.end));
        assert_eq!(row[col("region")], opt(&p.region));
        assert_eq!(row[col("case_number")], opt(&p.case_number));
        assert_eq!(row[col("municipalities")], list(&p.municipalities));
        assert_eq!(row[col("counties")], list(&p.counties));
        assert_eq!(row[col("co_financiers")], list(&p.co_financiers));
        assert_eq!(row[col("partners")], list(&p.partners));
        assert_eq!(row[col("target_groups")], list(&p.target_groups));
        assert_eq!(row[col("methods")], list(&p.methods));
        seen += 1;
    }
    assert_eq!(seen, f.projects.len());
}

#[test]
fn bad_query_syntax_points_at_the_fault() {
    let f = fixture();
    let out = run(&f.index, &["search", "unga \"socialt företagande"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unbalanced quote at column 6"), "{err}");
    let out = run(&f.index, &["search", "(unga OR äldre"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("column 1"));
    let out = run(&f.index, &["search", "budget:>mycket"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("column 9"));
    let out = run(&f.index, &["search", "x", "--filter", "colour=red"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown filter 'colour'"));
}

#[test]
fn search_json_has_the_contract_shape() {
    let f = fixture();
    let v = json(&f.index, &["search", "arbete", "--json", "--limit", "2"]);
    let mut keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["facets", "hits", "took_ms", "total"]);
    for h in v["hits"].as_array().expect("hits") {
        let mut keys: Vec<&str> = h
            .as_object()
            .expect("hit")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "esf_grant_sek",
                "id",
                "owner",
                "period",
                "region",
                "snippet",
                "title",
                "total_budget_sek"
            ]
        );
    }
    // Human output works too.
    let text = ok(&f.index, &["search", "arbete", "--limit", "2"]);
    assert!(text.contains("projekt"));
    let out = run(&f.index.join("nope"), &["search", "x"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no index"));
}
