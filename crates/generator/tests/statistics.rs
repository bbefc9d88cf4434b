//! The generated corpus keeps the reference tables and the distributions it promises.

use std::collections::BTreeSet;

use projektsok_generator::{
    DefectKind, Format, GeneratorConfig, Layout, METHODS, TARGET_GROUPS, generate_sheet, reference,
};

const N: u64 = 3000;

fn sheets(config: &GeneratorConfig) -> Vec<projektsok_generator::GeneratedSheet> {
    (0..N).map(|i| generate_sheet(config, i)).collect()
}

#[test]
fn places_are_in_the_reference_and_in_the_region() {
    let r = reference();
    let config = GeneratorConfig {
        defect_rate: 0.0,
        ..GeneratorConfig::default()
    };
    let mut seen = BTreeSet::new();
    for sheet in sheets(&config) {
        let t = &sheet.truth;
        let region = t.region.as_deref().expect("region without defects");
        assert!(
            (1..=40).contains(&t.municipalities.len()),
            "{}: {} municipalities",
            t.file,
            t.municipalities.len()
        );
        let mut counties = BTreeSet::new();
        for name in &t.municipalities {
            let m = r
                .municipality(name)
                .unwrap_or_else(|| panic!("{}: {name} not in the table", t.file));
            counties.insert(m.county.to_string());
            seen.insert(name.clone());
            if region != "Nationellt" {
                let reg = r
                    .region(region)
                    .unwrap_or_else(|| panic!("{}: unknown region {region}", t.file));
                assert!(
                    reg.counties.contains(&m.county),
                    "{}: {name} ({}) not in {region}",
                    t.file,
                    m.county
                );
            } else {
                assert_ne!(
                    t.layout,
                    Layout::Esf2007,
                    "national projects only in later layouts"
                );
            }
        }
        assert_eq!(
            counties.into_iter().collect::<Vec<_>>(),
            t.counties,
            "{}",
            t.file
        );
        let distinct: BTreeSet<_> = t.municipalities.iter().collect();
        assert_eq!(
            distinct.len(),
            t.municipalities.len(),
            "{}: duplicate municipality",
            t.file
        );
        // The sheet lists them.
        for name in &t.municipalities {
            assert!(
                sheet.content.contains(name.as_str()),
                "{}: {name} not written",
                t.file
            );
        }
    }
    assert!(
        seen.len() > 280,
        "nearly all 290 municipalities used in {N} sheets ({})",
        seen.len()
    );
}

#[test]
fn budgets_shares_and_periods_in_range() {
    let config = GeneratorConfig {
        defect_rate: 0.0,
        ..GeneratorConfig::default()
    };
    let mut budgets = Vec::new();
    for sheet in sheets(&config) {
        let t = &sheet.truth;
        let (start, end) = (
            t.period.start.clone().expect("start"),
            t.period.end.clone().expect("end"),
        );
        assert!(start < end, "{}: {start} .. {end}", t.file);
        let year: i32 = start[..4].parse().expect("year");
        let (from, to) = match t.layout {
            Layout::Esf2007 => (2007, 2013),
            Layout::Esf2014 => (2014, 2020),
            Layout::Esf2021 => (2022, 2027),
        };
        assert!(
            (from..=to).contains(&year),
            "{}: start {start} outside {from}-{to}",
            t.file
        );
        match t.layout {
            Layout::Esf2021 => {
                assert_eq!(t.total_budget_sek, None);
                assert_eq!(t.esf_grant_sek, None);
            }
            _ => {
                let total = t.total_budget_sek.expect("budget");
                let grant = t.esf_grant_sek.expect("grant");
                assert!(
                    (50_000..=900_000_000).contains(&total),
                    "{}: {total}",
                    t.file
                );
                let share = grant as f64 / total as f64;
                assert!(
                    (0.2999..=0.7001).contains(&share),
                    "{}: share {share}",
                    t.file
                );
                assert_eq!(t.esf_share, Some(share));
                if t.phase.as_deref() != Some("Förprojektering")
                    && t.phase.as_deref() != Some("Förstudie")
                {
                    budgets.push(total);
                }
            }
        }
    }
    budgets.sort_unstable();
    let median = budgets[budgets.len() / 2];
    assert!(
        (6_000_000..=10_000_000).contains(&median),
        "median budget {median}"
    );
    let p99 = budgets[budgets.len() * 99 / 100];
    assert!(p99 > 50_000_000, "long tail: p99 {p99}");
}

#[test]
fn rates_formats_layouts_and_planting() {
    let config = GeneratorConfig {
        html_share: 0.3,
        defect_rate: 0.1,
        ..GeneratorConfig::default()
    };
    let all = sheets(&config);
    let html = all
        .iter()
        .filter(|s| s.truth.format == Format::Html)
        .count() as f64
        / N as f64;
    assert!((0.26..=0.34).contains(&html), "html share {html}");
    let defective = all.iter().filter(|s| !s.truth.defects.is_empty()).count() as f64 / N as f64;
    assert!(
        (0.08..=0.12).contains(&defective),
        "defect rate {defective}"
    );
    for layout in Layout::ALL {
        assert!(
            all.iter().any(|s| s.truth.layout == layout),
            "{layout:?} missing"
        );
    }
    for kind in [
        DefectKind::Omitted,
        DefectKind::Empty,
        DefectKind::Malformed,
    ] {
        assert!(
            all.iter()
                .any(|s| s.truth.defects.iter().any(|d| d.kind == kind)),
            "{kind:?} never drawn"
        );
    }
    let groups: BTreeSet<&str> = all
        .iter()
        .flat_map(|s| s.truth.target_groups.iter().map(String::as_str))
        .collect();
    let methods: BTreeSet<&str> = all
        .iter()
        .flat_map(|s| s.truth.methods.iter().map(String::as_str))
        .collect();
    assert_eq!(groups, TARGET_GROUPS.iter().copied().collect());
    assert_eq!(methods, METHODS.iter().copied().collect());
    let none = all
        .iter()
        .filter(|s| s.truth.target_groups.is_empty() && s.truth.methods.is_empty())
        .count();
    assert!(none > 0, "some sheets plant nothing");
    // Owners of every type.
    let owner_types: BTreeSet<&str> = all
        .iter()
        .filter_map(|s| s.truth.owner_type.as_deref())
        .collect();
    assert_eq!(
        owner_types,
        ["företag", "ideell", "kommun", "myndighet", "region"]
            .into_iter()
            .collect()
    );
    // Compounds planted.
    for compound in [
        "ungdomsarbetslösheten",
        "praktikplatser",
        "arbetsträningsplatser",
        "språkpraktik",
        "långtidsarbetslösa",
    ] {
        assert!(
            all.iter().any(|s| s.content.contains(compound)),
            "{compound} never planted"
        );
    }
    // HTML pages escape what they must.
    for s in all.iter().filter(|s| s.truth.format == Format::Html) {
        assert!(!s.content.contains(" & "), "{}: unescaped &", s.truth.file);
        assert!(s.content.starts_with("<!DOCTYPE html>"));
    }
}
