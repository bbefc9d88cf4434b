//! Precision and recall of the lexicons against the hand labels in `tests/labels.toml`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use projektsok_analysis::lexicon;
use serde::Deserialize;

#[derive(Deserialize)]
struct Labels {
    sheet: Vec<Sheet>,
    #[serde(default)]
    written: Vec<Sheet>,
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
    // the same through `*_in_sections`, with sections the way the parser hands them over:
    // the standard headings, no header block, a body without headings as "Sammanfattning"
    let (mut tg_s, mut m_s) = (Counts::default(), Counts::default());
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
        let sections: Vec<(String, String)> = lexicon::split_sections(&text)
            .into_iter()
            .filter(|(h, _)| h != "preamble")
            .map(|(h, t)| {
                if h == "body_only" {
                    ("Sammanfattning".to_string(), t)
                } else {
                    (h, t)
                }
            })
            .collect();
        let refs: Vec<(&str, &str)> = sections
            .iter()
            .map(|(h, t)| (h.as_str(), t.as_str()))
            .collect();
        tg_s.add(
            &sheet.target_groups,
            &lexicon::target_groups_in_sections(&refs),
            &sheet.file,
            "target group (sections)",
        );
        m_s.add(
            &sheet.methods,
            &lexicon::methods_in_sections(&refs),
            &sheet.file,
            "method (sections)",
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
    println!(
        "lexicon via sections (parser-like): target groups precision {:.3} recall {:.3}; \
         methods precision {:.3} recall {:.3}",
        tg_s.precision(),
        tg_s.recall(),
        m_s.precision(),
        m_s.recall()
    );
    assert!(read >= 5, "the corpus sheets must be readable");
    assert!(
        tg_s.precision() >= 0.9 && tg_s.recall() >= 0.9,
        "target groups (sections) below 0.9"
    );
    assert!(
        m_s.precision() >= 0.9 && m_s.recall() >= 0.9,
        "methods (sections) below 0.9"
    );
    assert!(
        tg.precision() >= 0.9 && tg.recall() >= 0.9,
        "target groups below 0.9"
    );
    assert!(
        m.precision() >= 0.9 && m.recall() >= 0.9,
        "methods below 0.9"
    );
}

/// The team-written sheets: printed, not asserted (we wrote both them and the lexicon).
#[test]
fn lexicons_on_the_written_sheets() {
    let labels: Labels = toml::from_str(include_str!("labels.toml")).expect("labels.toml");
    let (mut tg, mut m) = (Counts::default(), Counts::default());
    for sheet in &labels.written {
        let Ok(text) = std::fs::read_to_string(repo_root().join(&sheet.file)) else {
            continue;
        };
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
        "lexicon on {} written sheets: target groups precision {:.3} recall {:.3}; methods \
         precision {:.3} recall {:.3}",
        labels.written.len(),
        tg.precision(),
        tg.recall(),
        m.precision(),
        m.recall()
    );
}
