//! `cargo run -p projektsok-analysis --example analyze -- WORD...`: compound splits and terms.
fn main() {
    for w in std::env::args().skip(1) {
        let lower = w.to_lowercase();
        println!(
            "{w}: split={:?} sv={:?} folded={:?}",
            projektsok_analysis::compound::split(&lower),
            projektsok_analysis::Analyzer::SWEDISH.terms(&w),
            projektsok_analysis::Analyzer::SWEDISH_FOLDED.terms(&w),
        );
    }
}
