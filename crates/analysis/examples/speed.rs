//! `cargo run --release -p projektsok-analysis --example speed`: analysis throughput on corpus/.
//!
//! * `sv`: the index-side Swedish analyzer over the five real sheets, 10 times.
//! * `lexicons`: `target_groups` + `methods` over the same text, 10 times (the original figure).
//! * per sheet: `target_groups_in_sections` + `methods_in_sections` on every sheet of corpus/
//!   (real, excerpts, written), the way the parser calls them: first pass with this thread's
//!   caches cold, then warm passes.
use std::time::Instant;

use projektsok_analysis::lexicon;

fn read_dir(dir: &std::path::Path) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let real = read_dir(&root);
    let mut sheets = real.clone();
    sheets.extend(read_dir(&root.join("excerpts")));
    sheets.extend(read_dir(&root.join("written")));
    let sections: Vec<Vec<(String, String)>> =
        sheets.iter().map(|s| lexicon::split_sections(s)).collect();
    let bytes: usize = sheets.iter().map(String::len).sum();

    let pass = || {
        let t = Instant::now();
        let mut labels = 0;
        for s in &sections {
            let refs: Vec<(&str, &str)> = s.iter().map(|(h, t)| (h.as_str(), t.as_str())).collect();
            labels += lexicon::target_groups_in_sections(&refs).len();
            labels += lexicon::methods_in_sections(&refs).len();
        }
        (t.elapsed().as_secs_f64(), labels)
    };
    let report = |what: &str, secs: f64, rounds: usize| {
        let per_sheet_ms = secs * 1e3 / (sheets.len() * rounds) as f64;
        let mb_s = (bytes * rounds) as f64 / secs / 1e6;
        println!(
            "lexicons per sheet ({what}): {per_sheet_ms:.3} ms per sheet (mean {:.1} KB), {:.3} ms per 15 KB, {mb_s:.1} MB/s",
            bytes as f64 / sheets.len() as f64 / 1e3,
            15_000.0 / (mb_s * 1e6) * 1e3,
        );
    };
    // load the word list and compile the lexicon first (once per process, not per sheet)
    let t = Instant::now();
    let _ = projektsok_analysis::compound::is_known_word("arbete");
    let _ = lexicon::target_group_labels();
    println!(
        "start-up (word list, lexicon): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let (cold, labels) = pass();
    report("cold caches", cold, 1);
    let rounds = 20;
    let mut warm = 0.0;
    for _ in 0..rounds {
        warm += pass().0;
    }
    report("warm caches", warm, rounds);
    println!(
        "({} sheets, {} KB, {labels} labels)",
        sheets.len(),
        bytes / 1000
    );

    let text: String = real.concat();
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..10 {
        n += projektsok_analysis::Analyzer::SWEDISH.tokens(&text).len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "sv: {:.1} MB/s ({} tokens, {:.3} s for {} KB x10)",
        text.len() as f64 * 10.0 / secs / 1e6,
        n,
        secs,
        text.len() / 1000
    );
    let t = Instant::now();
    for _ in 0..10 {
        let _ = lexicon::target_groups(&text);
        let _ = lexicon::methods(&text);
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "lexicons: {secs:.3} s for {} KB x10 ({:.1} MB/s)",
        text.len() / 1000,
        text.len() as f64 * 10.0 / secs / 1e6
    );
}
