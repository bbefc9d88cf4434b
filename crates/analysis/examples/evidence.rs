//! `cargo run -p projektsok-analysis --example evidence -- FILE...`: lexicon scores and mentions.
fn main() {
    for f in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&f) else {
            eprintln!("cannot read {f}");
            continue;
        };
        println!("== {f}");
        let ev = projektsok_analysis::lexicon::target_group_evidence(&text)
            .into_iter()
            .chain(projektsok_analysis::lexicon::method_evidence(&text));
        for e in ev.filter(|e| e.score > 0.0) {
            let ms: Vec<String> = e.mentions.iter().map(|(h, m)| format!("{h}:{m}")).collect();
            println!(
                "  {} {:<34} {:>5.1}  {}",
                if e.assigned { "+" } else { " " },
                e.label,
                e.score,
                ms.join(" | ")
            );
        }
    }
}
