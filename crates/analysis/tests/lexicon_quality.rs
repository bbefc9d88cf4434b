//! Precision and recall of the lexicons against the hand labels in `tests/labels.toml`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use projektsok_analysis::lexicon;
use serde::Deserialize;

#[derive(Deserialize)]
struct Labels {
    sheet: Vec<Sheet>,
}

#[derive(Deserialize)]
struct Sheet {
    file: String,
    target_groups: Vec<String>,
    methods: Vec<String>,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, gold: &[String], got: &[String], file: &str, what: &str) {
        let g: BTreeSet<&String> = gold.iter().collect();
        let p: BTreeSet<&String> = got.iter().collect();
        for x in p.difference(&g) {
            println!("  FP {what} {x:?} in {file}");
        }
        for x in g.difference(&p) {
            println!("  FN {what} {x:?} in {file}");
        }
        self.tp += g.intersection(&p).count();
        self.fp += p.difference(&g).count();
        self.fn_ += g.difference(&p).count();
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

#[test]
fn lexicons_reach_precision_and_recall_of_0_9() {
    let labels: Labels = toml::from_str(include_str!("labels.toml")).expect("labels.toml");
    let vocab_tg = lexicon::target_group_labels();
    let vocab_m = lexicon::method_labels();
    let (mut tg, mut m) = (Counts::default(), Counts::default());
    let mut read = 0;
    for sheet in &labels.sheet {
        for l in &sheet.target_groups {
            assert!(vocab_tg.contains(l), "unknown target group {l:?} in labels");
        }
        for l in &sheet.methods {
            assert!(vocab_m.contains(l), "unknown method {l:?} in labels");
        }
        let path = if sheet.file.starts_with('/') {
            PathBuf::from(&sheet.file)
        } else {
            repo_root().join(&sheet.file)
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("  skipped (not readable): {}", path.display());
            continue;
        };
        read += 1;
        tg.add(
            &sheet.target_groups,
            &lexicon::target_groups(&text),
            &sheet.file,
            "target group",
        );
        m.add(
            &sheet.methods,
            &lexicon::methods(&text),
            &sheet.file,
            "method",
        );
    }
    println!(
        "lexicon on {read} hand-labelled sheets: target groups precision {:.3} recall {:.3} \
         (tp {} fp {} fn {}); methods precision {:.3} recall {:.3} (tp {} fp {} fn {})",
        tg.precision(),
        tg.recall(),
        tg.tp,
        tg.fp,
        tg.fn_,
        m.precision(),
        m.recall(),
        m.tp,
        m.fp,
        m.fn_
    );
    assert!(read >= 5, "the corpus sheets must be readable");
    assert!(
        tg.precision() >= 0.9 && tg.recall() >= 0.9,
        "target groups below 0.9"
    );
    assert!(
        m.precision() >= 0.9 && m.recall() >= 0.9,
        "methods below 0.9"
    );
}
