//! Snapshot of the whole `Project` JSON of every sheet of `corpus/` (five whole 2007–2013
//! sheets) and `corpus/excerpts/` (nine openings of pages of all three programme periods).
//! Each accepted snapshot was checked by eye against its page: every header field as written.
//! The lexicon-derived `target_groups` and `methods` are left out (see below).

use std::path::{Path, PathBuf};

use projektsok_parser::parse_bytes;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Snapshots every sheet of `dir`; `whole` sheets must also yield some lexicon label.
fn snapshot_dir(dir: &Path, whole: bool) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no sheets in {}", dir.display());
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let source = format!("corpus/{}", path.file_name().unwrap().to_string_lossy());
        let bytes = std::fs::read(&path).unwrap();
        let mut project = parse_bytes(&source, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        // `target_groups` and `methods` come from the analysis crate's lexicons, which have
        // their own tests and evolve separately; here only that they were derived at all.
        assert!(
            !whole || !project.target_groups.is_empty() || !project.methods.is_empty(),
            "{name}: no lexicon labels"
        );
        project.target_groups.clear();
        project.methods.clear();
        insta::with_settings!({snapshot_suffix => name.clone(), prepend_module_to_snapshot => false}, {
            insta::assert_json_snapshot!("sheet", project);
        });
    }
}

#[test]
fn whole_sheets() {
    snapshot_dir(&corpus_dir(), true);
}

#[test]
fn excerpts() {
    snapshot_dir(&corpus_dir().join("excerpts"), false);
}
