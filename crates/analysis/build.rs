//! Embeds a Swedish word list for compound splitting.
//!
//! Source: Debian's `wswedish` package (`/usr/share/dict/swedish`, ISO-8859-1, GPL-2),
//! installed with `apt-get install -y wswedish`. Override the path with
//! `PROJEKTSOK_SV_WORDLIST`. If the file is absent the build still succeeds with a
//! `cargo:warning` and only the team's small supplement (`data/compound_words.txt`) is used,
//! which makes compound splitting much weaker: `wordlist_source()` reports which one was used.
use std::{env, fs, path::PathBuf};

const DEFAULT_PATH: &str = "/usr/share/dict/swedish";

fn main() {
    println!("cargo:rerun-if-env-changed=PROJEKTSOK_SV_WORDLIST");
    let path = env::var("PROJEKTSOK_SV_WORDLIST").unwrap_or_else(|_| DEFAULT_PATH.to_string());
    println!("cargo:rerun-if-changed={path}");
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    let (words, source) = match fs::read(&path) {
        Ok(bytes) => {
            // The Debian list is Latin-1; accept UTF-8 too (hunspell-derived lists).
            let text = match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
            };
            let mut words: Vec<String> = text
                .lines()
                .map(str::trim)
                // Proper nouns (capitalised entries) are not compound parts.
                .filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
                .filter(|w| w.chars().all(|c| c.is_alphabetic()))
                .filter(|w| w.chars().count() >= 2)
                .map(str::to_lowercase)
                .collect();
            words.sort();
            words.dedup();
            (words, format!("{path} ({} words)", 0))
        }
        Err(err) => {
            println!(
                "cargo:warning=Swedish word list {path} not readable ({err}); compound splitting \
                 falls back to the small built-in supplement. Install it with: apt-get install -y wswedish"
            );
            (Vec::new(), "built-in supplement only".to_string())
        }
    };
    let source = source.replace("0 words", &format!("{} words", words.len()));
    let mut out = words.join("\n");
    out.push('\n');
    fs::write(out_dir.join("sv_words.txt"), out).expect("write OUT_DIR/sv_words.txt");
    fs::write(out_dir.join("sv_words_source.txt"), source).expect("write source note");
}
