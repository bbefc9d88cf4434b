//! Parse accuracy on 1 000 generated sheets against their planted truth: 100 % for every field
//! the generator wrote cleanly. Planted target groups and methods are heuristic (the lexicon),
//! so their precision and recall are printed, not required.
//!
//! Run with `--nocapture` to see the table.

use std::collections::BTreeMap;

use projektsok_generator::{GeneratorConfig, Truth, generate_sheet};
use projektsok_parser::{Project, parse_bytes};

const N: u64 = 1000;

/// The fields checked, each a comparison of the parsed record with the truth. `None`: the field
/// is not checked on this sheet (not clean).
type Check = fn(&Project, &Truth) -> Option<(String, String)>;

fn pair<T: std::fmt::Debug>(got: T, want: T) -> Option<(String, String)> {
    Some((format!("{got:?}"), format!("{want:?}")))
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v
}

const CHECKS: &[(&str, Check)] = &[
    ("title", |p, t| pair(&p.title, &t.title)),
    ("owner", |p, t| pair(&p.owner, &t.owner)),
    ("programme_area", |p, t| {
        pair(&p.programme_area, &t.programme_area)
    }),
    ("phase", |p, t| pair(&p.phase, &t.phase)),
    ("contact.name", |p, t| {
        pair(&p.contact.name, &t.contact.name)
    }),
    ("contact.email", |p, t| {
        pair(&p.contact.email, &t.contact.email)
    }),
    ("contact.phone", |p, t| {
        pair(&p.contact.phone, &t.contact.phone)
    }),
    ("esf_grant_sek", |p, t| {
        pair(p.esf_grant_sek, t.esf_grant_sek)
    }),
    ("total_budget_sek", |p, t| {
        pair(p.total_budget_sek, t.total_budget_sek)
    }),
    // The parser rounds the share to four decimals.
    ("esf_share", |p, t| {
        let close = match (p.esf_share, t.esf_share) {
            (Some(a), Some(b)) => (a - b).abs() <= 0.5e-4 + 1e-12,
            (a, b) => a == b,
        };
        if close {
            pair(0, 0)
        } else {
            pair(p.esf_share, t.esf_share)
        }
    }),
    ("period.start", |p, t| {
        pair(&p.period.start, &t.period.start)
    }),
    ("period.end", |p, t| pair(&p.period.end, &t.period.end)),
    ("region", |p, t| pair(&p.region, &t.region)),
    ("municipalities", |p, t| {
        pair(sorted(&p.municipalities), sorted(&t.municipalities))
    }),
    ("counties", |p, t| {
        pair(sorted(&p.counties), sorted(&t.counties))
    }),
    ("co_financiers", |p, t| {
        pair(&p.co_financiers, &t.co_financiers)
    }),
    ("partners", |p, t| pair(&p.partners, &t.partners)),
    ("case_number", |p, t| pair(&p.case_number, &t.case_number)),
    ("planned_participants", |p, t| {
        pair(p.planned_participants, t.planned_participants)
    }),
];

/// Fields whose check is waived, with the reason (a parser bug reported upstream). Empty when
/// the parser reads every clean field.
const WAIVED: &[(&str, &str)] = &[];

#[derive(Default)]
struct Score {
    checked: u64,
    wrong: u64,
    examples: Vec<String>,
}

#[derive(Default)]
struct Labels {
    tp: u64,
    fp: u64,
    fn_: u64,
    exact_sheets: u64,
    missed: BTreeMap<String, u64>,
    extra: BTreeMap<String, u64>,
}

impl Labels {
    fn add(&mut self, got: &[String], want: &[String]) {
        let tp = got.iter().filter(|g| want.contains(g)).count() as u64;
        self.tp += tp;
        self.fp += got.len() as u64 - tp;
        self.fn_ += want.len() as u64 - tp;
        if sorted(got) == sorted(want) {
            self.exact_sheets += 1;
        }
        for w in want.iter().filter(|w| !got.contains(w)) {
            *self.missed.entry(w.clone()).or_default() += 1;
        }
        for g in got.iter().filter(|g| !want.contains(g)) {
            *self.extra.entry(g.clone()).or_default() += 1;
        }
    }

    fn report(&self, name: &str) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        format!(
            "{name}: precision {:.3}, recall {:.3}, exact set on {:.1} % of sheets (tp {}, fp {}, fn {})",
            p,
            r,
            self.exact_sheets as f64 * 100.0 / N as f64,
            self.tp,
            self.fp,
            self.fn_
        ) + &format!(
            "\n    missed: {:?}\n    not planted: {:?}",
            self.missed, self.extra
        )
    }
}

#[test]
fn parse_accuracy_is_total_on_clean_fields() {
    let config = GeneratorConfig {
        count: N,
        seed: 20_260_126,
        html_share: 0.3,
        defect_rate: 0.1,
        threads: 1,
    };
    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    let (mut groups, mut methods) = (Labels::default(), Labels::default());
    let mut parse_errors = Vec::new();
    for i in 0..N {
        let sheet = generate_sheet(&config, i);
        let t = &sheet.truth;
        let project = match parse_bytes(&t.file, sheet.content.as_bytes()) {
            Ok(p) => p,
            Err(e) => {
                parse_errors.push(format!("{}: {e}", t.file));
                continue;
            }
        };
        for (field, check) in CHECKS {
            let clean_key = match *field {
                "period.start" | "period.end" => "period",
                f => f,
            };
            if !t.is_clean(clean_key) {
                continue;
            }
            let score = scores.entry(field).or_default();
            score.checked += 1;
            if let Some((got, want)) = check(&project, t)
                && got != want
            {
                score.wrong += 1;
                if score.examples.len() < 3 {
                    score.examples.push(format!(
                        "{} ({} {:?}): got {got}, want {want}",
                        t.file,
                        t.layout.as_str(),
                        t.format
                    ));
                }
            }
        }
        groups.add(&project.target_groups, &t.target_groups);
        methods.add(&project.methods, &t.methods);
    }

    println!("parse accuracy on {N} generated sheets (clean fields only):");
    let mut failures = Vec::new();
    for (field, score) in &scores {
        let accuracy = 100.0 * (score.checked - score.wrong) as f64 / score.checked.max(1) as f64;
        println!(
            "  {field:<22} {accuracy:>7.2} %  ({} checked, {} wrong)",
            score.checked, score.wrong
        );
        for example in &score.examples {
            println!("      {example}");
        }
        let waived = WAIVED.iter().any(|(f, _)| f == field);
        if score.wrong > 0 && !waived {
            failures.push(format!(
                "{field}: {} of {} wrong, e.g. {:?}",
                score.wrong, score.checked, score.examples
            ));
        }
    }
    println!("{}", groups.report("target_groups"));
    println!("{}", methods.report("methods"));
    assert!(
        parse_errors.is_empty(),
        "sheets the parser refused: {parse_errors:?}"
    );
    assert!(
        failures.is_empty(),
        "parse mismatches on clean fields:\n{}",
        failures.join("\n")
    );
}
