//! Library tests on small in-memory indexes built from hand-made `Project`s.

use projektsok_parser::{Period, Project, Section};

use crate::{
    ExportFormat, Filters, Index, IndexError, SearchRequest, SimilarRequest, Sort, StatsRequest,
};

#[allow(clippy::too_many_arguments)]
fn project(
    id: &str,
    title: &str,
    region: &str,
    counties: &[&str],
    budget: Option<i64>,
    grant: Option<i64>,
    start: &str,
    summary: &str,
    body: &str,
    target_groups: &[&str],
    methods: &[&str],
) -> Project {
    Project {
        id: id.into(),
        source: format!("{id}.txt"),
        title: title.into(),
        phase: Some("Genomförande".into()),
        owner: Some(format!("Ägare {id}")),
        owner_type: Some("kommun".into()),
        region: Some(region.into()),
        counties: counties.iter().map(|s| s.to_string()).collect(),
        municipalities: vec![],
        total_budget_sek: budget,
        esf_grant_sek: grant,
        esf_share: match (grant, budget) {
            (Some(g), Some(b)) if b > 0 => Some(g as f64 / b as f64),
            _ => None,
        },
        period: Period {
            start: Some(start.into()),
            end: None,
        },
        target_groups: target_groups.iter().map(|s| s.to_string()).collect(),
        methods: methods.iter().map(|s| s.to_string()).collect(),
        sections: vec![
            Section {
                heading: "Sammanfattning".into(),
                text: summary.into(),
                lang: Some("sv".into()),
            },
            Section {
                heading: "Bakgrund".into(),
                text: body.into(),
                lang: Some("sv".into()),
            },
        ],
        ..Project::default()
    }
}

fn corpus() -> Vec<Project> {
    vec![
        project(
            "a",
            "Kooperativ väg till arbete",
            "Övre Norrland",
            &["Norrbottens län"],
            Some(10_000_000),
            Some(5_000_000),
            "2010-01-15",
            "Projektet bygger sociala kooperativ och arbetsträning för unga i Luleå.",
            "Socialt företagande ger nya vägar till arbete. Praktik ingår.",
            &["unga"],
            &["socialt företagande", "arbetsträning"],
        ),
        project(
            "b",
            "Praktik för nyanlända",
            "Övre Norrland",
            &["Norrbottens län", "Västerbottens län"],
            Some(4_000_000),
            Some(2_000_000),
            "2012-03-01",
            "Praktik och språkstöd för utrikes födda <kvinnor> & män.",
            "Arbetsförmedlingen samverkar med kommunen om praktikplatser.",
            &["utrikes födda"],
            &["praktik", "språkstöd"],
        ),
        project(
            "c",
            "Socialt företagande i Stockholm",
            "Stockholm",
            &["Stockholms län"],
            Some(20_000_000),
            Some(8_000_000),
            "2015-06-01",
            "Sociala företag och kooperativ skapar arbete för långtidsarbetslösa.",
            "Arbetsträning i kooperativ med handledning.",
            &["långtidsarbetslösa"],
            &["socialt företagande", "arbetsträning", "handledning"],
        ),
        project(
            "d",
            "Kompetensutveckling för anställda",
            "Västsverige",
            &["Västra Götalands län"],
            None,
            Some(1_000_000),
            "2016-09-01",
            "Utbildning av sysselsatta inom vården.",
            "Validering av kompetens och kurser.",
            &["sysselsatta"],
            &["utbildning", "validering"],
        ),
    ]
}

fn index() -> Index {
    let index = Index::create_in_ram().unwrap();
    let mut w = index.writer().unwrap();
    let projects = corpus();
    let report = w.ingest(&projects).unwrap();
    assert_eq!(report.ingested, 4);
    drop(w);
    index
}

fn ids(index: &Index, req: &SearchRequest) -> Vec<String> {
    let mut v: Vec<String> = index
        .search(req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    v.sort();
    v
}

fn q(s: &str) -> SearchRequest {
    SearchRequest::new(s)
}

#[test]
fn ingest_twice_replaces_by_id() {
    let index = index();
    let mut w = index.writer().unwrap();
    let mut projects = corpus();
    projects[0].title = "Ny titel".into();
    let report = w.ingest(&projects).unwrap();
    assert_eq!((report.ingested, report.updated), (0, 4));
    // The same id twice in one batch leaves one copy too.
    let report = w.ingest([&projects[1], &projects[1]]).unwrap();
    assert_eq!(report.updated, 2);
    drop(w);
    assert_eq!(index.num_projects(), 4);
    assert_eq!(index.get("a").unwrap().unwrap().title, "Ny titel");
    assert!(index.get("zzz").unwrap().is_none());
}

#[test]
fn second_writer_is_refused() {
    let index = index();
    let _w = index.writer().unwrap();
    match index.writer() {
        Err(e @ IndexError::Locked) => {
            assert!(e.to_string().contains("index is locked by another writer"))
        }
        Err(e) => panic!("wrong error {e}"),
        Ok(_) => panic!("second writer accepted"),
    }
}

#[test]
fn free_text_phrase_exclusion_or() {
    let index = index();
    assert_eq!(ids(&index, &q("")), ["a", "b", "c", "d"]);
    assert_eq!(ids(&index, &q("*")), ["a", "b", "c", "d"]);
    assert_eq!(ids(&index, &q("kooperativ")), ["a", "c"]);
    // Stemming: kooperativen / arbetsträningen find the base forms.
    assert_eq!(ids(&index, &q("kooperativen")), ["a", "c"]);
    assert_eq!(ids(&index, &q("kooperativ arbetsträning")), ["a", "c"]);
    assert_eq!(ids(&index, &q("kooperativ -praktik")), ["c"]);
    assert_eq!(ids(&index, &q("-kooperativ")), ["b", "d"]);
    assert_eq!(ids(&index, &q("validering OR språkstöd")), ["b", "d"]);
    assert_eq!(ids(&index, &q("\"socialt företagande\"")), ["a", "c"]);
    assert_eq!(
        ids(&index, &q("\"företagande socialt\"")),
        Vec::<String>::new()
    );
    // ASCII-folded twin.
    assert_eq!(ids(&index, &q("sprakstod")), ["b"]);
    // Title beats body: "praktik" is in b's title, a's body.
    let res = index.search(&q("praktik")).unwrap();
    assert_eq!(res.hits[0].id, "b");
}

#[test]
fn field_clauses_and_ranges() {
    let index = index();
    assert_eq!(ids(&index, &q("region:\"Övre Norrland\"")), ["a", "b"]);
    assert_eq!(ids(&index, &q("region:\"övre norrland\"")), ["a", "b"]);
    assert_eq!(ids(&index, &q("län:\"Västerbottens län\"")), ["b"]);
    assert_eq!(ids(&index, &q("budget:>5000000")), ["a", "c"]);
    assert_eq!(ids(&index, &q("grant:<=2000000")), ["b", "d"]);
    assert_eq!(ids(&index, &q("year:2010..2012")), ["a", "b"]);
    assert_eq!(
        ids(&index, &q("målgrupp:unga OR metod:validering")),
        ["a", "d"]
    );
    assert_eq!(ids(&index, &q("id:c")), ["c"]);
    assert_eq!(ids(&index, &q("title:praktik")), ["b"]);
}

#[test]
fn bad_syntax_is_an_error_with_position() {
    let index = index();
    match index.search(&q("unga \"socialt")) {
        Err(IndexError::Query(e)) => {
            assert_eq!(e.column, 6);
            assert!(
                e.to_string().contains("unbalanced quote at column 6"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn filters_or_within_and_across() {
    let index = index();
    let mut req = q("");
    req.filters.set("region", "Övre Norrland").unwrap();
    req.filters.set("region", "Stockholm").unwrap();
    assert_eq!(ids(&index, &req), ["a", "b", "c"]);
    req.filters.set("method", "praktik").unwrap();
    assert_eq!(ids(&index, &req), ["b"]);
    let mut req = q("");
    req.filters.set("budget_min", "4000000").unwrap();
    req.filters.set("budget_max", "10000000").unwrap();
    assert_eq!(ids(&index, &req), ["a", "b"]);
    req.filters.set("year_from", "2011").unwrap();
    assert_eq!(ids(&index, &req), ["b"]);
    let mut req = q("");
    req.filters.set("county", "norrbottens län").unwrap();
    assert_eq!(ids(&index, &req), ["a", "b"]);
}

#[test]
fn facets_are_multi_select() {
    let index = index();
    let mut req = q("");
    req.filters.set("region", "Stockholm").unwrap();
    let res = index.search(&req).unwrap();
    assert_eq!(res.total, 1);
    // region counts ignore the region filter ...
    let region = res.facets.get("region").unwrap();
    assert_eq!(region[0].value, "Övre Norrland");
    assert_eq!(region[0].count, 2);
    assert_eq!(region.len(), 3);
    // ... other facets respect it.
    let method = res.facets.get("method").unwrap();
    assert!(method.iter().all(|m| m.value != "praktik"));
    assert_eq!(
        method
            .iter()
            .find(|m| m.value == "handledning")
            .map(|m| m.count),
        Some(1)
    );
    // Multi-valued: b counts in both counties.
    let res = index.search(&q("")).unwrap();
    let county = res.facets.get("county").unwrap();
    assert_eq!(county[0].value, "Norrbottens län");
    assert_eq!(county[0].count, 2);
    assert_eq!(county.iter().map(|c| c.count).sum::<u64>(), 5, "{county:?}");
    let years = res.facets.get("start_year").unwrap();
    assert_eq!(years.len(), 4);
    // Every facet key is present, in order.
    let keys: Vec<&str> = res.facets.0.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "region",
            "county",
            "municipality",
            "phase",
            "programme_area",
            "owner_type",
            "target_group",
            "method",
            "start_year"
        ]
    );
}

#[test]
fn sort_and_pagination() {
    let index = index();
    let mut req = q("");
    req.sort = Sort::BudgetDesc;
    let order: Vec<String> = index
        .search(&req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(order, ["c", "a", "b", "d"], "missing budget last");
    req.sort = Sort::BudgetAsc;
    let order: Vec<String> = index
        .search(&req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(order, ["b", "a", "c", "d"], "missing budget last");
    req.sort = Sort::StartDesc;
    req.per_page = 2;
    req.page = 2;
    let res = index.search(&req).unwrap();
    assert_eq!(res.total, 4);
    let order: Vec<String> = res.hits.into_iter().map(|h| h.id).collect();
    assert_eq!(order, ["b", "a"]);
    req.per_page = 101;
    assert!(matches!(index.search(&req), Err(IndexError::Pagination(_))));
    req.per_page = 100;
    req.page = 101;
    let e = index.search(&req).unwrap_err();
    assert!(e.to_string().contains("paging stops at 10000"), "{e}");
    req.page = 0;
    assert!(index.search(&req).is_err());
    assert!("sideways".parse::<Sort>().is_err());
}

#[test]
fn snippets_mark_matches_and_escape_html() {
    let index = index();
    let res = index.search(&q("språkstöd")).unwrap();
    let s = &res.hits[0].snippet;
    assert!(s.contains("<mark>språkstöd</mark>"), "{s}");
    assert!(s.contains("&lt;kvinnor&gt; &amp; män"), "{s}");
    assert!(!s.contains("<kvinnor>"));
    // No free text: the summary's start, escaped.
    let res = index.search(&q("id:b")).unwrap();
    assert!(res.hits[0].snippet.starts_with("Praktik och språkstöd"));
    assert!(res.hits[0].snippet.contains("&lt;kvinnor&gt;"));
}

#[test]
fn json_shape_matches_contract() {
    let index = index();
    let res = index.search(&q("kooperativ")).unwrap();
    let v = serde_json::to_value(&res).unwrap();
    let obj = v.as_object().unwrap();
    let mut keys: Vec<&String> = obj.keys().collect();
    keys.sort();
    assert_eq!(keys, ["facets", "hits", "took_ms", "total"]);
    let hit = v["hits"][0].as_object().unwrap();
    let mut keys: Vec<&String> = hit.keys().collect();
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
    assert!(v["hits"][0]["period"]["start"].is_string());
    assert!(v["facets"]["region"][0]["value"].is_string());
    assert!(v["facets"]["region"][0]["count"].is_u64());
    let stats = serde_json::to_value(index.stats(&StatsRequest::default()).unwrap()).unwrap();
    let g = &stats["groups"][0];
    for k in ["sum", "mean", "median", "min", "max"] {
        assert!(g["total_budget_sek"].get(k).is_some(), "{k}");
        assert!(g["esf_grant_sek"].get(k).is_some(), "{k}");
    }
    assert!(g["esf_share"]["mean"].is_number());
    assert!(g["key"].is_string() && g["count"].is_u64());
}

#[test]
fn stats_math_and_multi_valued_groups() {
    let index = index();
    let res = index
        .stats(&StatsRequest {
            group_by: "region".into(),
            ..StatsRequest::default()
        })
        .unwrap();
    let norr = &res.groups[0];
    assert_eq!(norr.key.as_deref(), Some("Övre Norrland"));
    assert_eq!(norr.count, 2);
    assert_eq!(norr.total_budget_sek.sum, 14_000_000);
    assert_eq!(norr.total_budget_sek.median, Some(7_000_000.0));
    assert_eq!(norr.total_budget_sek.min, Some(4_000_000));
    assert_eq!(norr.total_budget_sek.max, Some(10_000_000));
    assert_eq!(norr.esf_grant_sek.mean, Some(3_500_000.0));
    assert_eq!(norr.esf_share.mean, Some(0.5));
    let total: i64 = res.groups.iter().map(|g| g.total_budget_sek.sum).sum();
    assert_eq!(total, 34_000_000);
    // d has no budget: counted, but not in the budget figures.
    let vast = res
        .groups
        .iter()
        .find(|g| g.key.as_deref() == Some("Västsverige"))
        .unwrap();
    assert_eq!(vast.count, 1);
    assert_eq!(vast.total_budget_sek.mean, None);
    assert_eq!(vast.esf_grant_sek.sum, 1_000_000);

    let res = index
        .stats(&StatsRequest {
            group_by: "county".into(),
            ..StatsRequest::default()
        })
        .unwrap();
    let norrb = res
        .groups
        .iter()
        .find(|g| g.key.as_deref() == Some("Norrbottens län"))
        .unwrap();
    assert_eq!(norrb.count, 2);
    let vb = res
        .groups
        .iter()
        .find(|g| g.key.as_deref() == Some("Västerbottens län"))
        .unwrap();
    assert_eq!(vb.total_budget_sek.sum, 4_000_000);

    // Under a query and filters; start_year ordered by year.
    let mut filters = Filters::default();
    filters.set("region", "Övre Norrland").unwrap();
    let res = index
        .stats(&StatsRequest {
            group_by: "start_year".into(),
            q: "praktik".into(),
            filters,
        })
        .unwrap();
    let keys: Vec<_> = res.groups.iter().map(|g| g.key.clone().unwrap()).collect();
    assert_eq!(keys, ["2010", "2012"]);

    let e = index
        .stats(&StatsRequest {
            group_by: "colour".into(),
            ..StatsRequest::default()
        })
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("unknown group_by 'colour'") && e.contains("target_group"),
        "{e}"
    );
}

#[test]
fn similar_excludes_self_and_explains() {
    let index = index();
    let res = index.similar("a", &SimilarRequest::default()).unwrap();
    assert!(res.hits.iter().all(|h| h.id != "a"));
    assert_eq!(res.hits[0].id, "c", "{res:?}");
    let why = &res.hits[0].why;
    assert!(
        why.contains("metoder: socialt företagande, arbetsträning"),
        "{why}"
    );
    // The words are key terms of "a" the hit has: "praktik" is one, which "b" has and "c"
    // has not.
    let words = why.split("ord: ").nth(1).unwrap_or_default();
    assert!(words.contains("kooperativ"), "{why}");
    assert!(!words.contains("praktik"), "{why}");
    let b = res
        .hits
        .iter()
        .find(|h| h.id == "b")
        .expect("b shares region and praktik");
    assert!(b.why.contains("samma region (Övre Norrland)"), "{}", b.why);
    assert!(b.why.contains("ord: praktik"), "{}", b.why);
    // Filters apply.
    let mut req = SimilarRequest::default();
    req.filters.set("region", "Övre Norrland").unwrap();
    let res = index.similar("a", &req).unwrap();
    assert!(res.hits.iter().all(|h| h.id == "b"), "{res:?}");
    assert!(matches!(
        index.similar("nope", &SimilarRequest::default()),
        Err(IndexError::NotFound(_))
    ));
    let res = index
        .similar_text(
            "Vi vill starta ett socialt kooperativ med arbetsträning för långtidsarbetslösa.",
            &SimilarRequest::default(),
        )
        .unwrap();
    assert_eq!(res.hits[0].id, "c", "{res:?}");
}

#[test]
fn export_csv_and_jsonl() {
    let index = index();
    let mut buf = Vec::new();
    let n = index
        .export(
            "kooperativ",
            &Filters::default(),
            ExportFormat::Csv,
            &mut buf,
        )
        .unwrap();
    assert_eq!(n, 2);
    let mut r = csv::Reader::from_reader(buf.as_slice());
    let headers = r.headers().unwrap().clone();
    assert_eq!(headers.len(), crate::export::CSV_COLUMNS.len());
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    let a = rows.iter().find(|r| &r[0] == "a").unwrap();
    assert_eq!(&a[1], "Kooperativ väg till arbete");
    assert_eq!(&a[20], "socialt företagande; arbetsträning");
    assert_eq!(&a[11], "0.5");

    let mut buf = Vec::new();
    let n = index
        .export("", &Filters::default(), ExportFormat::Jsonl, &mut buf)
        .unwrap();
    assert_eq!(n, 4);
    let text = String::from_utf8(buf).unwrap();
    let back: Vec<Project> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut expected = corpus();
    expected.sort_by(|x, y| x.id.cmp(&y.id));
    let mut back = back;
    back.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(back, expected);
}

#[test]
fn deleted_projects_are_not_exported() {
    let index = index();
    let mut w = index.writer().unwrap();
    w.delete("a");
    w.commit().unwrap();
    drop(w);
    let mut buf = Vec::new();
    let n = index
        .export("", &Filters::default(), ExportFormat::Jsonl, &mut buf)
        .unwrap();
    assert_eq!(n, 3);
}

#[test]
fn open_or_create_on_disk_and_open_missing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Index::open(dir.path().join("none")),
        Err(IndexError::NoIndex(_))
    ));
    {
        let index = Index::open_or_create(dir.path()).unwrap();
        let mut w = index.writer().unwrap();
        w.ingest(&corpus()).unwrap();
    }
    let index = Index::open(dir.path()).unwrap();
    assert_eq!(index.num_projects(), 4);
    assert_eq!(ids(&index, &q("kooperativ")), ["a", "c"]);
}

#[test]
fn multi_select_with_several_filters_and_year_range() {
    let index = index();
    let mut req = q("");
    req.filters.set("region", "Övre Norrland").unwrap();
    req.filters.set("method", "arbetsträning").unwrap();
    req.filters.set("year_to", "2015").unwrap();
    let res = index.search(&req).unwrap();
    // Hits pass every filter: a (Övre Norrland, arbetsträning, 2010).
    let hit_ids: Vec<&str> = res.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(hit_ids, ["a"]);
    let count = |facet: &str, value: &str| {
        res.facets
            .get(facet)
            .unwrap()
            .iter()
            .find(|c| c.value == value)
            .map_or(0, |c| c.count)
    };
    // region ignores the region filter: a, c (arbetsträning, ≤2015) -> Övre Norrland 1, Stockholm 1.
    assert_eq!(count("region", "Övre Norrland"), 1);
    assert_eq!(count("region", "Stockholm"), 1);
    // method ignores the method filter: a, b (Övre Norrland, ≤2015).
    assert_eq!(count("method", "praktik"), 1);
    assert_eq!(count("method", "arbetsträning"), 1);
    assert_eq!(count("method", "socialt företagande"), 1);
    // start_year ignores the year range: a only (b lacks arbetsträning, c is in Stockholm).
    assert_eq!(count("start_year", "2010"), 1);
    assert_eq!(count("start_year", "2015"), 0);
    // Other facets count the hits only.
    assert_eq!(count("target_group", "unga"), 1);
    assert_eq!(count("target_group", "utrikes födda"), 0);
    // A value filter that matches nothing.
    let mut req = q("");
    req.filters.set("region", "Atlantis").unwrap();
    let res = index.search(&req).unwrap();
    assert_eq!(res.total, 0);
    assert_eq!(res.facets.get("region").unwrap().len(), 3);
}

#[test]
fn abbreviations_expand_to_synonyms() {
    let index = index();
    // b's body says "Arbetsförmedlingen".
    assert_eq!(ids(&index, &q("af")), ["b"]);
    assert_eq!(ids(&index, &q("arbetsformedlingen")), ["b"]);
}

#[test]
fn searchers_keep_answering_during_ingest() {
    let index = index();
    let mut w = index.writer().unwrap();
    let mut extra = corpus()[0].clone();
    extra.id = "e".into();
    w.add(&extra).unwrap();
    // Not committed: searches still answer from the last commit.
    assert_eq!(index.search(&q("")).unwrap().total, 4);
    assert_eq!(ids(&index, &q("kooperativ")), ["a", "c"]);
    w.commit().unwrap();
    assert_eq!(index.search(&q("")).unwrap().total, 5);
}

/// 12 sheets with `alfa beta`, 3 with `alfa`, 3 with `gamma delta`, 1 with all three
/// `alfa gamma delta`; regions alternate.
fn matching_index() -> Index {
    let mut projects = Vec::new();
    let mut add = |id: String, text: &str| {
        let region = if projects.len() % 2 == 0 {
            "Stockholm"
        } else {
            "Västsverige"
        };
        projects.push(project(
            &id,
            &format!("Projekt {id}"),
            region,
            &[],
            None,
            None,
            "2015-01-01",
            text,
            "",
            &[],
            &[],
        ));
    };
    for i in 0..12 {
        add(format!("s{i:02}"), "alfa beta");
    }
    for i in 0..3 {
        add(format!("a{i}"), "alfa");
        add(format!("g{i}"), "gamma delta");
    }
    add("x".into(), "alfa gamma delta");
    let index = Index::create_in_ram().unwrap();
    let mut w = index.writer().unwrap();
    w.ingest(&projects).unwrap();
    drop(w);
    index
}

fn total(index: &Index, s: &str) -> u64 {
    let mut req = q(s);
    req.per_page = 100;
    index.search(&req).unwrap().total
}

#[test]
fn implicit_and_is_strict_when_it_finds_enough() {
    let index = matching_index();
    const { assert!(crate::compile::ENOUGH_HITS <= 12) };
    // 12 sheets say both words: the implicit AND stays strict.
    assert_eq!(total(&index, "alfa beta"), 12);
    assert_eq!(total(&index, "alfa och beta"), 12, "stopword dropped");
}

#[test]
fn implicit_and_relaxes_to_the_most_words() {
    let index = matching_index();
    // All three words: only x. Two of three: x and g0..g2 (4). So any word: all 19, the
    // sheets with two or three of the words first.
    let res = index.search(&q("alfa gamma delta")).unwrap();
    assert_eq!(res.total, 19);
    let mut top: Vec<&str> = res.hits[..4].iter().map(|h| h.id.as_str()).collect();
    top.sort();
    assert_eq!(top, ["g0", "g1", "g2", "x"]);
    // Two words, one sheet with both: relaxed to either; the rarer word and the sheet with
    // both rank above the 15 sheets with only the common `alfa`.
    let res = index.search(&q("alfa gamma")).unwrap();
    assert_eq!(res.total, 19);
    let mut top: Vec<&str> = res.hits[..4].iter().map(|h| h.id.as_str()).collect();
    top.sort();
    assert_eq!(top, ["g0", "g1", "g2", "x"]);
}

#[test]
fn explicit_operators_stay_strict() {
    let index = matching_index();
    assert_eq!(ids(&index, &q("alfa AND gamma")), ["x"]);
    assert_eq!(ids(&index, &q("alfa gamma AND delta")), ["x"]);
    assert_eq!(ids(&index, &q("\"alfa gamma\"")), ["x"]);
    // An exclusion next to relaxed words still excludes.
    let mut req = q("alfa gamma -delta");
    req.per_page = 100;
    let res = index.search(&req).unwrap();
    assert_eq!(res.total, 15);
    assert!(
        res.hits
            .iter()
            .all(|h| !h.id.starts_with('g') && h.id != "x")
    );
    // A negated implicit conjunction is not relaxed: excludes only sheets with both.
    assert_eq!(total(&index, "-(alfa gamma)"), 18);
}

#[test]
fn facets_totals_and_export_follow_the_relaxed_query() {
    let index = matching_index();
    let res = index.search(&q("alfa gamma")).unwrap();
    let region = res.facets.get("region").unwrap();
    assert_eq!(region.iter().map(|r| r.count).sum::<u64>(), res.total);
    // Ticking a region gives exactly the count the facet showed, with the same relaxation.
    for r in region {
        let mut req = q("alfa gamma");
        req.filters.set("region", &r.value).unwrap();
        req.per_page = 100;
        let filtered = index.search(&req).unwrap();
        assert_eq!(filtered.total, r.count, "{}", r.value);
        assert_eq!(filtered.hits.len() as u64, r.count);
    }
    let mut buf = Vec::new();
    let n = index
        .export(
            "alfa gamma",
            &Filters::default(),
            ExportFormat::Jsonl,
            &mut buf,
        )
        .unwrap();
    assert_eq!(n, res.total);
}

#[test]
fn long_implicit_conjunction_is_answered() {
    let index = matching_index();
    let words: Vec<String> = (0..60).map(|i| format!("ord{i}")).collect();
    let res = index
        .search(&q(&format!("alfa gamma {}", words.join(" "))))
        .unwrap();
    assert_eq!(res.total, 19);
}

#[test]
fn share_histogram_counts_the_matching_shares() {
    let index = index();
    let all = index.share_histogram("", &Filters::default()).unwrap();
    // a and b: 50 %, c: 40 %, d: no budget, so no share.
    assert_eq!(all.bins, [0, 0, 0, 0, 1, 2, 0, 0, 0, 0]);
    assert_eq!(all.missing, 1);
    let mut filters = Filters::default();
    filters.set("region", "Stockholm").unwrap();
    let stockholm = index.share_histogram("", &filters).unwrap();
    assert_eq!(stockholm.bins, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    let praktik = index
        .share_histogram("praktik", &Filters::default())
        .unwrap();
    assert_eq!(praktik.bins.iter().sum::<u64>() + praktik.missing, 2);
}
