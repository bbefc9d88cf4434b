//! Faceted full-text search at 100 000 projects.
//!
//! The projects come from a small deterministic generator (real municipalities and counties
//! from the parser's reference data, Swedish sentences from a small vocabulary, budgets and
//! dates from a fixed-seed PRNG). The index is built once in a temp dir; then criterion times
//! whole `Index::search` calls (parse, compile, top hits, total, all nine facets with
//! multi-select passes, snippets, stored documents of the page).
//!
//! `BENCH_DOCS` overrides the number of projects (default 100 000).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use projektsok_index::{Index, SearchRequest, Sort, StatsRequest};
use projektsok_parser::{Contact, Period, Project, Section};

const MUNICIPALITIES: &str = include_str!("../../parser/data/municipality_county.csv");
const REGIONS: &str = include_str!("../../parser/data/esf_regions.csv");

/// SplitMix64: tiny, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const SUBJECTS: [&str; 10] = [
    "Projektet",
    "Kommunen",
    "Arbetsförmedlingen",
    "Samordningsförbundet",
    "Föreningen",
    "Deltagarna",
    "Handledarna",
    "Arbetsgivarna",
    "Regionen",
    "Verksamheten",
];
const VERBS: [&str; 10] = [
    "erbjuder",
    "utvecklar",
    "stärker",
    "bygger",
    "prövar",
    "samordnar",
    "följer upp",
    "förbättrar",
    "sprider",
    "kartlägger",
];
const OBJECTS: [&str; 16] = [
    "praktik för unga",
    "arbetsträning i sociala kooperativ",
    "mentorskap för utrikes födda kvinnor",
    "validering av yrkeskompetens",
    "coachning mot arbetsmarknaden",
    "socialt företagande på landsbygden",
    "språkstöd på arbetsplatsen",
    "vägledning för långtidsarbetslösa",
    "utbildning inom vård och omsorg",
    "entreprenörskap bland nyanlända",
    "handledning för personer med funktionsnedsättning",
    "kompetensutveckling för sysselsatta",
    "rehabilitering för sjukskrivna",
    "stöd till personer med försörjningsstöd",
    "samverkan mellan myndigheter",
    "digital kompetens för äldre",
];
const TAILS: [&str; 8] = [
    "i samverkan med näringslivet",
    "under hela projektperioden",
    "med individuellt stöd",
    "för att minska utanförskapet",
    "i flera kommuner",
    "enligt en beprövad modell",
    "med fokus på jämställdhet",
    "så att fler får arbete",
];
const TARGET_GROUPS: [&str; 9] = [
    "unga",
    "långtidsarbetslösa",
    "utrikes födda",
    "personer med funktionsnedsättning",
    "sjukskrivna",
    "försörjningsstöd",
    "äldre",
    "sysselsatta",
    "företagare",
];
const METHODS: [&str; 12] = [
    "mentorskap",
    "coachning",
    "praktik",
    "arbetsträning",
    "kartläggning",
    "validering",
    "socialt företagande",
    "entreprenörskap",
    "utbildning",
    "vägledning",
    "språkstöd",
    "handledning",
];
const PHASES: [&str; 4] = ["Förstudie", "Förprojektering", "Genomförande", "Avslutat"];
const OWNER_TYPES: [&str; 6] = [
    "kommun",
    "region",
    "myndighet",
    "ideell",
    "företag",
    "övrig",
];
const AREAS: [&str; 3] = [
    "Programområde 1 Kompetensförsörjning",
    "Programområde 2 Ökat arbetskraftsutbud",
    "Programområde 3 Socialt företagande",
];
const TITLE_WORDS: [&str; 12] = [
    "Vägen",
    "Framåt",
    "Bron",
    "Steget",
    "Nyckeln",
    "Kraften",
    "Språnget",
    "Kompassen",
    "Startpunkt",
    "Lyftet",
    "Öppna dörrar",
    "Jobbspåret",
];

fn sentence(r: &mut Rng) -> String {
    format!(
        "{} {} {} {}.",
        r.pick(&SUBJECTS),
        r.pick(&VERBS),
        r.pick(&OBJECTS),
        r.pick(&TAILS)
    )
}

fn paragraph(r: &mut Rng, n: usize) -> String {
    (0..n).map(|_| sentence(r)).collect::<Vec<_>>().join(" ")
}

fn some<T: Clone>(r: &mut Rng, v: &[T], max: usize) -> Vec<T> {
    let n = 1 + r.below(max);
    let mut out: Vec<T> = Vec::new();
    for _ in 0..n {
        out.push(r.pick(v).clone());
    }
    out
}

struct Reference {
    /// (municipality, county)
    municipalities: Vec<(String, String)>,
    county_region: BTreeMap<String, String>,
}

fn reference() -> Reference {
    let municipalities = MUNICIPALITIES
        .lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            Some((c.get(2)?.to_string(), c.get(4)?.to_string()))
        })
        .collect();
    let county_region = REGIONS
        .lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            Some((c.get(3)?.to_string(), c.first()?.to_string()))
        })
        .collect();
    Reference {
        municipalities,
        county_region,
    }
}

fn generate(n: usize) -> Vec<Project> {
    let reference = reference();
    let mut r = Rng(20_240_601);
    (0..n)
        .map(|i| {
            let mut munis: Vec<(String, String)> = some(&mut r, &reference.municipalities, 3);
            munis.sort();
            munis.dedup();
            let mut counties: Vec<String> = munis.iter().map(|m| m.1.clone()).collect();
            counties.sort();
            counties.dedup();
            let region = reference.county_region.get(&counties[0]).cloned();
            let budget = 500_000 + (r.below(60_000) as i64) * 1_000;
            let grant = budget * (30 + r.below(60) as i64) / 100;
            let year = 2008 + r.below(16);
            let month = 1 + r.below(12);
            let mut tg = some(&mut r, &TARGET_GROUPS, 3)
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>();
            tg.sort();
            tg.dedup();
            let mut me = some(&mut r, &METHODS, 4)
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>();
            me.sort();
            me.dedup();
            let title = format!("{} {}", r.pick(&TITLE_WORDS), munis[0].0);
            Project {
                id: format!("bench-{i:06}"),
                source: format!("bench/{i:06}.txt"),
                title,
                programme_area: Some(r.pick(&AREAS).to_string()),
                phase: Some(r.pick(&PHASES).to_string()),
                owner: Some(format!("{} kommun", munis[0].0)),
                owner_type: Some(r.pick(&OWNER_TYPES).to_string()),
                contact: Contact::default(),
                esf_grant_sek: Some(grant),
                total_budget_sek: Some(budget),
                esf_share: Some(grant as f64 / budget as f64),
                period: Period {
                    start: Some(format!("{year}-{month:02}-01")),
                    end: Some(format!("{}-{month:02}-01", year + 2)),
                },
                region,
                municipalities: munis.iter().map(|m| m.0.clone()).collect(),
                counties,
                target_groups: tg,
                methods: me,
                sections: vec![
                    Section {
                        heading: "Sammanfattning".into(),
                        text: paragraph(&mut r, 3),
                        lang: Some("sv".into()),
                    },
                    Section {
                        heading: "Bakgrund".into(),
                        text: paragraph(&mut r, 6),
                        lang: Some("sv".into()),
                    },
                    Section {
                        heading: "Syfte".into(),
                        text: paragraph(&mut r, 4),
                        lang: Some("sv".into()),
                    },
                ],
                ..Project::default()
            }
        })
        .collect()
}

fn build(dir: &std::path::Path, n: usize) -> Index {
    let index = Index::open_or_create(dir).expect("index");
    if index.num_projects() as usize == n {
        return index;
    }
    let t = Instant::now();
    let projects = generate(n);
    eprintln!("generated {n} projects in {:.1?}", t.elapsed());
    let t = Instant::now();
    let mut w = index.writer().expect("writer");
    for chunk in projects.chunks(20_000) {
        w.ingest(chunk).expect("ingest");
    }
    drop(w);
    index.reload().expect("reload");
    eprintln!("indexed {n} projects in {:.1?}", t.elapsed());
    index
}

fn bench(c: &mut Criterion) {
    let n: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    // BENCH_INDEX keeps the index between runs (it is rebuilt when the count differs).
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = std::env::var("BENCH_INDEX")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| tmp.path().to_path_buf());
    let index = build(&dir, n);
    assert_eq!(index.num_projects() as usize, n);

    let mut faceted = SearchRequest::new("kooperativ arbetsträning");
    faceted
        .filters
        .set("region", "Övre Norrland")
        .expect("filter");
    faceted.filters.set("target_group", "unga").expect("filter");
    let t = Instant::now();
    let res = index.search(&faceted).expect("search");
    eprintln!(
        "first search after open (analyzers and caches cold): {:.1?}",
        t.elapsed()
    );
    eprintln!(
        "faceted query: {} hits, first {:?}",
        res.total,
        res.hits.first().map(|h| &h.title)
    );

    let mut group = c.benchmark_group(format!("search_{n}"));
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("faceted_fulltext", |b| {
        b.iter(|| index.search(&faceted).expect("search"))
    });
    let mut phrase = SearchRequest::new("\"socialt företagande\" -praktik budget:>10000000");
    phrase.filters.set("method", "coachning").expect("filter");
    phrase.sort = Sort::BudgetDesc;
    group.bench_function("phrase_exclusion_range_sorted", |b| {
        b.iter(|| index.search(&phrase).expect("search"))
    });
    let all = SearchRequest::new("");
    group.bench_function("match_all_facets", |b| {
        b.iter(|| index.search(&all).expect("search"))
    });
    let stats = StatsRequest {
        group_by: "county".into(),
        q: "arbetsträning".into(),
        ..StatsRequest::default()
    };
    group.bench_function("stats_by_county", |b| {
        b.iter(|| index.stats(&stats).expect("stats"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
