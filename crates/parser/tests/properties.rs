//! Properties over arbitrary input: `parse_bytes` never panics, on random bytes and on real
//! sheets mutated (lines shuffled, dropped, duplicated, truncated, garbage inserted), and what
//! it returns keeps the record's invariants.

use std::path::Path;
use std::sync::LazyLock;

use projektsok_parser::{Project, parse_bytes, parse_text};
use proptest::prelude::*;

static SHEETS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("excerpts")] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        out.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
    }
    out
});

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn check_invariants(p: &Project) {
    assert!(!p.id.is_empty());
    for date in [&p.period.start, &p.period.end].into_iter().flatten() {
        assert!(is_iso_date(date), "{date}");
    }
    if let Some(share) = p.esf_share {
        assert!(share.is_finite() && share >= 0.0);
    }
    let mut counties = p.counties.clone();
    counties.dedup();
    assert_eq!(counties.len(), p.counties.len());
    serde_json::to_string(p).unwrap();
}

#[derive(Debug, Clone)]
enum Mutation {
    Shuffle(Vec<usize>),
    DropLine(usize),
    DuplicateLine(usize),
    TruncateBytes(usize),
    InsertGarbage(usize, Vec<u8>),
    InsertText(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        prop::collection::vec(any::<usize>(), 1..40).prop_map(Mutation::Shuffle),
        any::<usize>().prop_map(Mutation::DropLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::TruncateBytes),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..32))
            .prop_map(|(at, g)| Mutation::InsertGarbage(at, g)),
        (any::<usize>(), "\\PC{0,40}").prop_map(|(at, t)| Mutation::InsertText(at, t)),
    ]
}

fn apply(bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let n = lines.len().max(1);
    match m {
        Mutation::Shuffle(swaps) => {
            for pair in swaps.chunks(2) {
                if let [a, b] = pair {
                    let (a, b) = (a % n, b % n);
                    if a < lines.len() && b < lines.len() {
                        lines.swap(a, b);
                    }
                }
            }
        }
        Mutation::DropLine(i) => {
            if !lines.is_empty() {
                lines.remove(i % lines.len());
            }
        }
        Mutation::DuplicateLine(i) => {
            if !lines.is_empty() {
                let line = lines[i % lines.len()].clone();
                lines.insert(i % lines.len(), line);
            }
        }
        Mutation::TruncateBytes(at) => {
            let mut b = bytes.clone();
            b.truncate(at % (b.len() + 1));
            return b;
        }
        Mutation::InsertGarbage(at, garbage) => {
            let mut b = bytes.clone();
            let at = at % (b.len() + 1);
            b.splice(at..at, garbage.iter().copied());
            return b;
        }
        Mutation::InsertText(at, text) => {
            let i = at % n;
            lines.insert(i.min(lines.len()), text.clone().into_bytes());
        }
    }
    lines.join(&b'\n')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(p) = parse_bytes("prop", &bytes) {
            check_invariants(&p);
        }
    }

    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        if let Ok(p) = parse_text("prop", &text) {
            check_invariants(&p);
        }
    }

    #[test]
    fn never_panics_on_line_soup(lines in prop::collection::vec(prop_oneof![
        Just("Projektägare:".to_string()),
        Just("ProjektägareX".to_string()),
        Just("Region".to_string()),
        Just("Kommun".to_string()),
        Just("  • Mjölby".to_string()),
        Just("In English".to_string()),
        Just(String::new()),
        Just("Sammanfattning".to_string()),
        Just("Beviljat ESF-stöd1,5 Mkr".to_string()),
        Just("Projektperiod:".to_string()),
        Just("2016-02-01 - 2019-06-30".to_string()),
        "\\PC{0,30}",
    ], 0..60)) {
        if let Ok(p) = parse_text("prop", &lines.join("\n")) {
            check_invariants(&p);
        }
    }

    #[test]
    fn never_panics_on_mutated_sheets(
        sheet in 0..SHEETS.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = SHEETS[sheet].clone().into_bytes();
        for m in &mutations {
            bytes = apply(bytes, m);
        }
        if let Ok(p) = parse_bytes("prop", &bytes) {
            check_invariants(&p);
        }
    }
}
