//! `cargo run --release -p projektsok-analysis --example speed`: analysis throughput on corpus/.
use std::time::Instant;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let text: String = std::fs::read_dir(&root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
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
        let _ = projektsok_analysis::lexicon::target_groups(&text);
        let _ = projektsok_analysis::lexicon::methods(&text);
    }
    println!(
        "lexicons: {:.3} s for {} KB x10",
        t.elapsed().as_secs_f64(),
        text.len() / 1000
    );
}
