//! Parse throughput over the corpus sheets (text layouts), repeated to a few MB per iteration.
//! Run with `cargo bench -p projektsok-parser --bench parse`.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use projektsok_parser::ParseOptions;

/// Every `.txt` sheet of `corpus/` and `corpus/excerpts/`.
fn sheets() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("excerpts")] {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("corpus directory")
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        out.extend(paths.iter().map(|p| std::fs::read(p).expect("sheet")));
    }
    out
}

fn parse_corpus(c: &mut Criterion) {
    let sheets = sheets();
    // Repeat the corpus to about 4 MB so one iteration is long enough to time well.
    let once: usize = sheets.iter().map(Vec::len).sum();
    let repeats = (4 << 20) / once + 1;
    let batch: Vec<&[u8]> = (0..repeats)
        .flat_map(|_| sheets.iter().map(Vec::as_slice))
        .collect();
    let bytes: usize = batch.iter().map(|s| s.len()).sum();

    let mut group = c.benchmark_group("parse_bytes");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    // The whole record, as `projektsok parse` produces it.
    group.bench_function("corpus_text_sheets", |b| {
        b.iter(|| {
            for sheet in &batch {
                let project = projektsok_parser::parse_bytes("bench", sheet).expect("sheet");
                std::hint::black_box(project);
            }
        })
    });
    // The parser alone: everything but the target-group and method lexicons.
    let options = ParseOptions { lexicons: false };
    group.bench_function("corpus_text_sheets_without_lexicons", |b| {
        b.iter(|| {
            for sheet in &batch {
                let project =
                    projektsok_parser::parse_bytes_with("bench", sheet, options).expect("sheet");
                std::hint::black_box(project);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, parse_corpus);
criterion_main!(benches);
