//! Compound splitting with a real word list (Debian `wswedish`, embedded by build.rs) patched
//! by `data/compounds.toml`.
//!
//! A word is split when it can be read as a sequence of dictionary words, each at least
//! [`MIN_PART`] chars, with the Swedish linking morphemes between modifiers handled
//! (`arbet-s-marknad`, `kvinn-o-dominerad`, `gat-u-kök`, `arbet(e)-s-`). Among all readings the
//! one with the fewest parts wins, then the one whose shortest part is longest (which avoids
//! junk like `kom` + `mun`). Words that are themselves in the dictionary are lexicalised and
//! are only split in two when both halves are long words (`kompetens` + `utveckling`), and
//! `never_split` in the data file protects common words outright.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use crate::fxhash::FxBuild;

/// Minimum length (chars) of every part.
pub const MIN_PART: usize = 3;
/// Minimum length of a word for it to be considered a compound.
pub const MIN_COMPOUND: usize = 6;
/// Words longer than this are not split (cost guard; no real word is that long).
pub const MAX_COMPOUND: usize = 48;

static WORDLIST: &str = include_str!(concat!(env!("OUT_DIR"), "/sv_words.txt"));
static WORDLIST_SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/sv_words_source.txt"));
static DATA: &str = include_str!("../data/compounds.toml");
static PLACES: &str = include_str!("../data/places.txt");

#[derive(Deserialize)]
struct Data {
    extra_words: Vec<String>,
    not_parts: Vec<String>,
    never_split: Vec<String>,
    fixed: HashMap<String, Vec<String>>,
}

struct Lexicon {
    words: HashSet<&'static str, FxBuild>,
    extra: HashSet<String, FxBuild>,
    not_parts: HashSet<String, FxBuild>,
    never_split: HashSet<String, FxBuild>,
    fixed: HashMap<String, Vec<String>, FxBuild>,
}

impl Lexicon {
    fn is_word(&self, w: &str) -> bool {
        self.words.contains(w) || self.extra.contains(w)
    }
    fn is_part(&self, w: &str) -> bool {
        w.chars().count() >= MIN_PART && !self.not_parts.contains(w) && self.is_word(w)
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let data: Data = toml::from_str(DATA).expect("data/compounds.toml is valid (tested)");
    let mut never_split: HashSet<String, FxBuild> = data.never_split.into_iter().collect();
    // Place names are not compounds for searching (`Örebro` is not `öre` + `bro`).
    never_split.extend(
        PLACES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase),
    );
    Lexicon {
        words: WORDLIST.lines().filter(|l| !l.is_empty()).collect(),
        extra: data.extra_words.into_iter().collect(),
        not_parts: data.not_parts.into_iter().collect(),
        never_split,
        fixed: data.fixed.into_iter().collect(),
    }
});

/// Which word list the build embedded, e.g. `/usr/share/dict/swedish (117000 words)`, or
/// `built-in supplement only` when the build machine lacked `wswedish`.
pub fn wordlist_source() -> &'static str {
    WORDLIST_SOURCE
}

/// Number of words in the embedded system word list (0 without `wswedish`).
pub fn wordlist_len() -> usize {
    LEXICON.words.len()
}

/// Whether `word` (lowercase) is a known word.
pub fn is_known_word(word: &str) -> bool {
    LEXICON.is_word(word)
}

/// One part of a compound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// As written inside the compound, linking morpheme included (`arbets`).
    pub surface: String,
    /// Dictionary form (`arbete`): what gets stemmed and indexed.
    pub base: String,
}

/// Splits a lowercase word into its parts (dictionary forms), or returns an empty vector when
/// the word is not a compound (or is protected). `arbetsmarknadsinsatser` ->
/// `["arbetsmarknad", "insatser"]`.
pub fn split(word: &str) -> Vec<String> {
    with_split(word, <[String]>::to_vec)
}

/// Calls `f` with the parts of `word` (as [`split`] returns them) without copying them out of
/// the per-thread cache.
pub fn with_split<R>(word: &str, f: impl FnOnce(&[String]) -> R) -> R {
    thread_local! {
        static CACHE: RefCell<HashMap<Box<str>, Box<[String]>, FxBuild>> = RefCell::new(HashMap::default());
    }
    CACHE.with(|c| {
        if let Some(hit) = c.borrow().get(word) {
            return f(hit);
        }
        let parts: Box<[String]> = split_parts(word).into_iter().map(|p| p.base).collect();
        let r = f(&parts);
        let mut c = c.borrow_mut();
        if c.len() >= SPLIT_CACHE_WORDS {
            c.clear();
        }
        c.insert(word.into(), parts);
        r
    })
}

/// Distinct words whose splits each thread remembers (the vocabulary of a corpus repeats).
const SPLIT_CACHE_WORDS: usize = 200_000;

/// Like [`split`] with the surface form of every part.
pub fn split_parts(word: &str) -> Vec<Part> {
    let lex = &*LEXICON;
    if let Some(parts) = lex.fixed.get(word) {
        return parts
            .iter()
            .map(|p| Part {
                surface: p.clone(),
                base: p.clone(),
            })
            .collect();
    }
    if word.len() < MIN_COMPOUND || word.len() > MAX_COMPOUND * 4 {
        // (fewer bytes than MIN_COMPOUND chars, or surely more than MAX_COMPOUND chars)
        return Vec::new();
    }
    // byte offset of every char, and the end
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    let n = bounds.len() - 1;
    if !(MIN_COMPOUND..=MAX_COMPOUND).contains(&n)
        || lex.never_split.contains(word)
        || !word.chars().all(char::is_alphabetic)
    {
        return Vec::new();
    }
    let mut split = Splitter {
        lex,
        word,
        bounds: &bounds,
        memo: vec![None; n + 1],
        buf: String::with_capacity(word.len() + 2),
    };
    let Some(best) = split.best_from(0) else {
        return Vec::new();
    };
    if best.count < 2 {
        return Vec::new();
    }
    let parts = split.parts();
    if lex.is_word(word) {
        // Lexicalised compound: split only into two long words.
        let long = parts.len() == 2
            && parts
                .iter()
                .all(|p| p.surface.chars().count() >= 5 && p.base.chars().count() >= 5)
            // and the modifier as written (no reconstructed vowel: not `arbet(e)` + `slösa`)
            && (parts[0].surface == parts[0].base
                || (parts[0].surface.len() == parts[0].base.len() + 1
                    && parts[0].surface.starts_with(parts[0].base.as_str())
                    && parts[0].surface.ends_with('s')))
            && n >= 10;
        if !long {
            return Vec::new();
        }
    }
    parts
}

/// The best reading of the word from one char index on: its first part and where the rest
/// starts (the rest's reading is in the memo at `next`).
#[derive(Clone)]
struct Node {
    /// Parts in this reading.
    count: usize,
    /// Length (chars) of its shortest part.
    min_len: usize,
    /// Dictionary form of the first part.
    base: String,
    /// Char index where the next part starts (`n` for the head).
    next: usize,
}

impl Node {
    fn better_than(&self, other: &Node) -> bool {
        (self.count, std::cmp::Reverse(self.min_len))
            < (other.count, std::cmp::Reverse(other.min_len))
    }
}

/// Dynamic programming over the char positions of one word, without allocating per
/// candidate part: substrings are slices of the word, candidate base forms are built in one
/// reused buffer.
struct Splitter<'a> {
    lex: &'a Lexicon,
    word: &'a str,
    bounds: &'a [usize],
    memo: Vec<Option<Option<Node>>>,
    buf: String,
}

impl<'a> Splitter<'a> {
    fn slice(&self, i: usize, j: usize) -> &'a str {
        let word: &'a str = self.word;
        word.get(self.bounds[i]..self.bounds[j]).unwrap_or("")
    }

    fn n(&self) -> usize {
        self.bounds.len() - 1
    }

    /// Dictionary form of the modifier `chars[i..j]` as written before the next part, handling
    /// linking morphemes. Candidates in order of preference; the first that is a word wins.
    fn modifier_base(&mut self, i: usize, j: usize) -> Option<String> {
        let m = self.slice(i, j);
        let last = m.chars().next_back()?;
        let stem = m.get(..m.len() - last.len_utf8()).unwrap_or("");
        let stem_chars = j - i - 1;
        // (base, appended vowel)
        let mut candidates: [(&str, Option<char>); 12] = [("", None); 12];
        let mut k = 0;
        if last == 's' && stem_chars >= 4 {
            // linking -s-: ungdom-s-, arbetsmarknad-s-, funktion-s-; arbet(e)-s-, vård-s-
            candidates[k] = (stem, None);
            candidates[k + 1] = (stem, Some('e'));
            k += 2;
        }
        // the modifier as written (kurs-, språk-, praktik-)
        candidates[k] = (m, None);
        k += 1;
        if matches!(last, 'u' | 'o') {
            // gat-u- (gata), kvinn-o- (kvinna), häls-o- (hälsa)
            candidates[k] = (stem, Some('a'));
            candidates[k + 1] = (stem, None);
            k += 2;
        }
        if matches!(last, 'e' | 'a') {
            // flick-e-, (dropped) skol-a-
            candidates[k] = (stem, None);
            candidates[k + 1] = (stem, Some('a'));
            k += 2;
        }
        if last == 's' {
            candidates[k] = (stem, None);
            candidates[k + 1] = (stem, Some('e'));
            candidates[k + 2] = (stem, Some('a'));
            k += 3;
        }
        // dropped final vowel: skol- (skola), arbet- (arbete)
        candidates[k] = (m, Some('e'));
        candidates[k + 1] = (m, Some('a'));
        k += 2;
        for &(base, vowel) in &candidates[..k] {
            self.buf.clear();
            self.buf.push_str(base);
            if let Some(v) = vowel {
                self.buf.push(v);
            }
            if self.lex.is_part(&self.buf) {
                return Some(self.buf.clone());
            }
        }
        None
    }

    fn best_from(&mut self, i: usize) -> Option<Node> {
        if let Some(r) = &self.memo[i] {
            return r.clone();
        }
        let n = self.n();
        let mut best: Option<Node> = None;
        // Head: the rest of the word is a word.
        // (at i == 0 the whole word is not a reading: we look for splits)
        if i > 0 && n - i >= MIN_PART && self.lex.is_part(self.slice(i, n)) {
            best = Some(Node {
                count: 1,
                min_len: n - i,
                base: self.slice(i, n).to_string(),
                next: n,
            });
        }
        // Modifier chars[i..j] followed by a reading of chars[j..].
        for j in (i + MIN_PART)..=n.saturating_sub(MIN_PART) {
            let Some(tail) = self.best_from(j) else {
                continue;
            };
            let cand_key = (tail.count + 1, std::cmp::Reverse(tail.min_len.min(j - i)));
            if best
                .as_ref()
                .is_some_and(|b| cand_key >= (b.count, std::cmp::Reverse(b.min_len)))
            {
                // not strictly better whatever the modifier's base is
                continue;
            }
            let Some(base) = self.modifier_base(i, j) else {
                continue;
            };
            let cand = Node {
                count: tail.count + 1,
                min_len: tail.min_len.min(j - i),
                base,
                next: j,
            };
            if best.as_ref().is_none_or(|b| cand.better_than(b)) {
                best = Some(cand);
            }
        }
        self.memo[i] = Some(best.clone());
        best
    }

    /// The parts of the best reading from 0 (after [`Splitter::best_from`]`(0)`).
    fn parts(&self) -> Vec<Part> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(Some(Some(node))) = self.memo.get(i) {
            out.push(Part {
                surface: self.slice(i, node.next).to_string(),
                base: node.base.clone(),
            });
            if node.next <= i {
                break;
            }
            i = node.next;
        }
        out
    }
}

#[cfg(test)]
mod reference {
    use super::{LEXICON, Lexicon, MAX_COMPOUND, MIN_COMPOUND, MIN_PART, Part};

    /// The straightforward implementation the fast one must agree with.
    pub(super) fn split_parts(word: &str) -> Vec<Part> {
        let lex = &*LEXICON;
        if let Some(parts) = lex.fixed.get(word) {
            return parts
                .iter()
                .map(|p| Part {
                    surface: p.clone(),
                    base: p.clone(),
                })
                .collect();
        }
        let n = word.chars().count();
        if !(MIN_COMPOUND..=MAX_COMPOUND).contains(&n)
            || lex.never_split.contains(word)
            || !word.chars().all(char::is_alphabetic)
        {
            return Vec::new();
        }
        let chars: Vec<char> = word.chars().collect();
        let mut memo: Vec<Option<Option<Reading>>> = vec![None; n + 1];
        let Some(best) = best_from(lex, &chars, 0, &mut memo) else {
            return Vec::new();
        };
        if best.parts.len() < 2 {
            return Vec::new();
        }
        if lex.is_word(word) {
            // Lexicalised compound: split only into two long words.
            let long = best.parts.len() == 2
                && best
                    .parts
                    .iter()
                    .all(|p| p.surface.chars().count() >= 5 && p.base.chars().count() >= 5)
                // and the modifier as written (no reconstructed vowel: not `arbet(e)` + `slösa`)
                && (best.parts[0].surface == best.parts[0].base
                    || best.parts[0].surface == format!("{}s", best.parts[0].base))
                && n >= 10;
            if !long {
                return Vec::new();
            }
        }
        best.parts
    }

    #[derive(Clone)]
    struct Reading {
        parts: Vec<Part>,
        min_len: usize,
    }

    impl Reading {
        fn better_than(&self, other: &Reading) -> bool {
            (self.parts.len(), std::cmp::Reverse(self.min_len))
                < (other.parts.len(), std::cmp::Reverse(other.min_len))
        }
    }

    /// Dictionary form of a modifier as written before the next part, handling linking morphemes.
    fn modifier_base(lex: &Lexicon, m: &str) -> Option<String> {
        let mut cs: Vec<char> = m.chars().collect();
        let last = *cs.last()?;
        cs.pop();
        let stem: String = cs.iter().collect();
        let mut candidates: Vec<String> = Vec::new();
        if last == 's' && stem.chars().count() >= 4 {
            // linking -s-: ungdom-s-, arbetsmarknad-s-, funktion-s-; arbet(e)-s-, vård-s-
            candidates.push(stem.clone());
            candidates.push(format!("{stem}e"));
        }
        // the modifier as written (kurs-, språk-, praktik-)
        candidates.push(m.to_string());
        if matches!(last, 'u' | 'o') {
            // gat-u- (gata), kvinn-o- (kvinna), häls-o- (hälsa)
            candidates.push(format!("{stem}a"));
            candidates.push(stem.clone());
        }
        if matches!(last, 'e' | 'a') {
            // flick-e-, (dropped) skol-a-
            candidates.push(stem.clone());
            candidates.push(format!("{stem}a"));
        }
        if last == 's' {
            candidates.push(stem.clone());
            candidates.push(format!("{stem}e"));
            candidates.push(format!("{stem}a"));
        }
        // dropped final vowel: skol- (skola), arbet- (arbete)
        candidates.push(format!("{m}e"));
        candidates.push(format!("{m}a"));
        candidates
            .into_iter()
            .find(|c| c.chars().count() >= MIN_PART && lex.is_part(c))
    }

    fn best_from(
        lex: &Lexicon,
        chars: &[char],
        i: usize,
        memo: &mut Vec<Option<Option<Reading>>>,
    ) -> Option<Reading> {
        if let Some(r) = &memo[i] {
            return r.clone();
        }
        let n = chars.len();
        let mut best: Option<Reading> = None;
        // Head: the rest of the word is a word.
        let rest: String = chars[i..].iter().collect();
        // (at i == 0 the whole word is not a reading: we look for splits)
        if i > 0 && n - i >= MIN_PART && lex.is_part(&rest) {
            best = Some(Reading {
                min_len: n - i,
                parts: vec![Part {
                    surface: rest.clone(),
                    base: rest,
                }],
            });
        }
        // Modifier chars[i..j] followed by a reading of chars[j..].
        for j in (i + MIN_PART)..=n.saturating_sub(MIN_PART) {
            let m: String = chars[i..j].iter().collect();
            let Some(base) = modifier_base(lex, &m) else {
                continue;
            };
            let Some(tail) = best_from(lex, chars, j, memo) else {
                continue;
            };
            let mut parts = Vec::with_capacity(tail.parts.len() + 1);
            parts.push(Part { surface: m, base });
            parts.extend(tail.parts);
            let cand = Reading {
                min_len: tail.min_len.min(j - i),
                parts,
            };
            if best.as_ref().is_none_or(|b| cand.better_than(b)) {
                best = Some(cand);
            }
        }
        memo[i] = Some(best.clone());
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses() {
        let _: Data = toml::from_str(DATA).expect("compounds.toml");
        assert!(LEXICON.extra.contains("långtid"));
    }

    /// Every word of corpus/ (and a slice of the word list) splits exactly like the reference.
    #[test]
    fn fast_split_agrees_with_the_reference() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut words: HashSet<String> = HashSet::new();
        for dir in [root.clone(), root.join("excerpts"), root.join("written")] {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    words.extend(crate::text::words(&t).into_iter().map(|w| w.text));
                }
            }
        }
        assert!(words.len() > 3000, "corpus words: {}", words.len());
        words.extend(LEXICON.words.iter().step_by(50).map(|w| w.to_string()));
        for w in [
            "",
            "a",
            "åäöåäöåäö",
            "ab\u{301}cdefgh",
            "arbetsmarknadsinsatser",
            "x".repeat(60).as_str(),
        ] {
            words.insert(w.to_string());
        }
        let mut split_words = 0;
        for w in &words {
            let fast = split_parts(w);
            assert_eq!(fast, reference::split_parts(w), "{w}");
            split_words += usize::from(!fast.is_empty());
        }
        assert!(split_words > 500, "{split_words}");
    }
}
