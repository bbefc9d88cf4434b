//! Target-group and method lexicons (data: `data/lexicon.toml`), producing the contract's
//! `target_groups` and `methods` facets.
//!
//! [`target_groups`] and [`methods`] take a whole sheet as text and find its sections by the
//! standard headings of the sheets (Sammanfattning, Bakgrund, Syfte, ...);
//! [`target_groups_in_sections`] and [`methods_in_sections`] take the parser's sections
//! directly ([`target_groups_and_methods_in_sections`] both at once, splitting the words once,
//! as the parser asks). All weigh a mention by its section and skip negated mentions, see the
//! data file.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::analyzer::stem_sv;
use crate::{compound, text};

mod word_ids;

static DATA: &str = include_str!("../data/lexicon.toml");

#[derive(Deserialize)]
struct RawLexicon {
    settings: RawSettings,
    sections: HashMap<String, f64>,
    target_group: Vec<RawLabel>,
    method: Vec<RawLabel>,
}

#[derive(Deserialize)]
struct RawSettings {
    min_score: f64,
    #[serde(default = "one_usize")]
    target_group_min_mentions: usize,
    #[serde(default = "one_usize")]
    method_min_mentions: usize,
    negations: Vec<String>,
    negation_window: usize,
    negation_exceptions: Vec<String>,
    #[serde(default)]
    focus_cues: Vec<String>,
    #[serde(default)]
    method_focus_cues: Vec<String>,
    #[serde(default)]
    focus_window: usize,
    #[serde(default = "one")]
    subheading_factor: f64,
    #[serde(default = "one")]
    focus_factor: f64,
}

fn one() -> f64 {
    1.0
}

fn one_usize() -> usize {
    1
}

#[derive(Deserialize)]
struct RawLabel {
    label: String,
    phrases: Vec<String>,
    #[serde(default)]
    min_score: Option<f64>,
    #[serde(default)]
    min_mentions: Option<usize>,
    #[serde(default)]
    sections: HashMap<String, f64>,
    /// Phrases that alone assign the label (one mention in a section of non-zero weight).
    #[serde(default)]
    strong: Vec<String>,
    /// Phrases whose matches never count (`utbildningsanordnare` is not a training method).
    #[serde(default)]
    exclude: Vec<String>,
}

/// One word of a phrase pattern.
#[derive(Debug, Clone)]
enum WordPattern {
    /// Matches a position having this term (whole-word stem or a part's stem).
    Stem(String),
    /// Matches a position whose word or one of whose parts starts with this.
    Prefix(String),
}

/// Index of a distinct [`WordPattern`] of the lexicon. Every analysed word knows which atoms
/// it matches, so matching a phrase is a few integer comparisons.
type Atom = u32;

/// The distinct word patterns of all phrases and cues.
#[derive(Default)]
struct Atoms {
    stems: HashMap<String, Atom>,
    prefixes: Vec<(String, Atom)>,
    len: usize,
}

impl Atoms {
    fn intern(&mut self, wp: WordPattern) -> Atom {
        let next = self.len as Atom;
        let atom = match wp {
            WordPattern::Stem(s) => *self.stems.entry(s).or_insert(next),
            WordPattern::Prefix(p) => match self.prefixes.iter().find(|(q, _)| *q == p) {
                Some((_, a)) => *a,
                None => {
                    self.prefixes.push((p, next));
                    next
                }
            },
        };
        if atom == next {
            self.len += 1;
        }
        atom
    }

    /// The atoms a word matches, sorted: a `Stem` when the word's stem or a part's stem is it,
    /// a `Prefix` when the word or one of its parts starts with it.
    fn of_word(&self, word: &str) -> Box<[Atom]> {
        let mut out: Vec<Atom> = Vec::new();
        if let Some(&a) = self.stems.get(&stem_sv(word)) {
            out.push(a);
        }
        compound::with_split(word, |parts| {
            for part in parts {
                if let Some(&a) = self.stems.get(&stem_sv(part)) {
                    out.push(a);
                }
            }
            for (p, a) in &self.prefixes {
                if word.starts_with(p.as_str()) || parts.iter().any(|x| x.starts_with(p.as_str())) {
                    out.push(*a);
                }
            }
        });
        out.sort_unstable();
        out.dedup();
        out.into_boxed_slice()
    }
}

struct Label {
    label: String,
    min_mentions: usize,
    /// `(pattern, strong)`
    phrases: Vec<(Vec<Atom>, bool)>,
    exclude: Vec<Vec<Atom>>,
    min_score: f64,
    sections: HashMap<String, f64>,
}

struct Lexicon {
    negations: Vec<String>,
    negation_window: usize,
    negation_exceptions: Vec<Vec<String>>,
    focus_cues: Vec<Vec<Atom>>,
    method_focus_cues: Vec<Vec<Atom>>,
    focus_window: usize,
    subheading_factor: f64,
    focus_factor: f64,
    sections: HashMap<String, f64>,
    target_groups: Vec<Label>,
    methods: Vec<Label>,
    atoms: Atoms,
    /// For each atom, the `(label, phrase)` of `target_groups` whose phrase starts with it.
    target_group_starts: Vec<Vec<(usize, usize)>>,
    /// The same for `methods`.
    method_starts: Vec<Vec<(usize, usize)>>,
}

fn compile_phrase(phrase: &str) -> Vec<WordPattern> {
    let lower = phrase.to_lowercase();
    let prefix_words: Vec<bool> = lower
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .map(|s| s.ends_with('*'))
        .collect();
    let words = text::words(&lower);
    words
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            if prefix_words.get(i).copied().unwrap_or(false) {
                WordPattern::Prefix(w.text)
            } else {
                WordPattern::Stem(stem_sv(&w.text))
            }
        })
        .collect()
}

fn compile(raw: RawLexicon) -> Lexicon {
    let min_score = raw.settings.min_score;
    let atoms = RefCell::new(Atoms::default());
    let phrase = |p: &str| -> Vec<Atom> {
        compile_phrase(p)
            .into_iter()
            .map(|wp| atoms.borrow_mut().intern(wp))
            .collect()
    };
    let labels = |v: Vec<RawLabel>, min_mentions: usize| -> Vec<Label> {
        v.into_iter()
            .map(|l| Label {
                min_mentions: l.min_mentions.unwrap_or(min_mentions),
                label: l.label,
                phrases: l
                    .phrases
                    .iter()
                    .map(|p| (phrase(p), false))
                    .chain(l.strong.iter().map(|p| (phrase(p), true)))
                    .filter(|(p, _)| !p.is_empty())
                    .collect(),
                exclude: l
                    .exclude
                    .iter()
                    .map(|p| phrase(p))
                    .filter(|p| !p.is_empty())
                    .collect(),
                min_score: l.min_score.unwrap_or(min_score),
                sections: l.sections,
            })
            .collect()
    };
    let target_groups = labels(raw.target_group, raw.settings.target_group_min_mentions);
    let methods = labels(raw.method, raw.settings.method_min_mentions);
    let cues = |v: &[String]| -> Vec<Vec<Atom>> {
        v.iter()
            .map(|p| phrase(p))
            .filter(|p| !p.is_empty())
            .collect()
    };
    let focus_cues = cues(&raw.settings.focus_cues);
    let method_focus_cues = cues(&raw.settings.method_focus_cues);
    let atoms = atoms.into_inner();
    let starts = |labels: &[Label]| -> Vec<Vec<(usize, usize)>> {
        let mut out = vec![Vec::new(); atoms.len];
        for (li, label) in labels.iter().enumerate() {
            for (pi, (p, _)) in label.phrases.iter().enumerate() {
                if let Some(&first) = p.first() {
                    out[first as usize].push((li, pi));
                }
            }
        }
        out
    };
    let target_group_starts = starts(&target_groups);
    let method_starts = starts(&methods);
    Lexicon {
        negations: raw.settings.negations,
        negation_window: raw.settings.negation_window,
        negation_exceptions: raw
            .settings
            .negation_exceptions
            .iter()
            .map(|p| text::words(p).into_iter().map(|w| w.text).collect())
            .collect(),
        focus_cues,
        method_focus_cues,
        focus_window: raw.settings.focus_window,
        subheading_factor: raw.settings.subheading_factor,
        focus_factor: raw.settings.focus_factor,
        sections: raw.sections,
        target_groups,
        methods,
        atoms,
        target_group_starts,
        method_starts,
    }
}

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| compile(toml::from_str(DATA).expect("data/lexicon.toml is valid (tested)")));

/// Top-level headings of the 2007–2013 sheets, lowercase.
const HEADINGS: &[&str] = &[
    "sammanfattning",
    "bakgrund",
    "syfte",
    "målsättning",
    "tillgänglighet för personer med funktionsnedsättning",
    "jämställdhetsintegrering",
    "transnationellt samarbete",
    "medfinansiärer",
    "samarbetspartners",
    "kommun",
    "in english",
];

/// Splits a whole sheet into `(heading, text)` sections by the standard headings, each alone
/// on its line. Text before the first heading gets the heading `preamble`; a sheet without any
/// known heading is one section `body_only`.
pub fn split_sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut heading = "preamble".to_string();
    let mut body = String::new();
    let mut seen_heading = false;
    for line in text.lines() {
        let t = line.trim().to_lowercase();
        if HEADINGS.contains(&t.as_str()) {
            out.push((heading, std::mem::take(&mut body)));
            heading = t;
            seen_heading = true;
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    out.push((heading, body));
    if !seen_heading {
        for s in &mut out {
            s.0 = "body_only".to_string();
        }
    }
    out.retain(|(_, b)| !b.trim().is_empty());
    out
}

/// A label with its evidence, for explaining and tuning.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub label: String,
    pub score: f64,
    pub assigned: bool,
    /// `(section heading, matched text)` of each counted mention.
    pub mentions: Vec<(String, String)>,
}

/// What the matcher knows about a distinct word.
struct WordInfo {
    /// The word as segmented (lowercase, NFC).
    word: Box<str>,
    /// The atoms it matches, sorted.
    atoms: Box<[Atom]>,
    /// Whether it is one of the negations.
    negation: bool,
}

impl WordInfo {
    fn has(&self, atom: Atom) -> bool {
        self.atoms.contains(&atom)
    }
}

/// One word of a section: its byte range and its entry in the [`WordCache`].
#[derive(Clone, Copy)]
struct Tok {
    from: usize,
    to: usize,
    id: usize,
}

/// The words of a section.
#[derive(Default)]
struct Toks {
    all: Vec<Tok>,
    /// Indexes into `all` of the words where a target group's phrase may start, and of those
    /// where a method's may: few (about a tenth of the words matching any atom, in the corpus),
    /// and the matcher looks at these only.
    starts: [Vec<usize>; 2],
}

/// The distinct words seen by this thread, each analysed once (stem, compound parts, atoms).
#[derive(Default)]
struct WordCache {
    ids: word_ids::WordIds,
    infos: Vec<WordInfo>,
    /// Whether each word may start a phrase of the target groups, and of the methods: tested
    /// for every word of every section, so kept apart from `infos`, in few cache lines.
    starts: Vec<[bool; 2]>,
    /// The sections of the last call and their words.
    last: Vec<(Box<str>, Toks)>,
}

/// Distinct words whose analysis each thread remembers; the cache starts over when a call
/// begins with more.
const WORD_CACHE_WORDS: usize = 200_000;

thread_local! {
    static WORDS: RefCell<WordCache> = RefCell::new(WordCache::default());
}

impl WordCache {
    fn tokens(&mut self, lex: &Lexicon, section: &str) -> Toks {
        // (a word and its space take about seven bytes of Swedish text)
        let mut out = Toks {
            all: Vec::with_capacity(section.len() / 7),
            starts: Default::default(),
        };
        text::for_each_word(section, |from, to, word| {
            let id = match self.ids.get(word, |id| &self.infos[id].word) {
                Ok(id) => id,
                Err(vacant) => {
                    let id = self.infos.len();
                    self.infos.push(WordInfo {
                        word: word.into(),
                        atoms: lex.atoms.of_word(word),
                        negation: lex.negations.iter().any(|n| n == word),
                    });
                    let atoms = &self.infos[id].atoms;
                    let starts = |phrases: &[Vec<(usize, usize)>]| {
                        atoms.iter().any(|&a| !phrases[a as usize].is_empty())
                    };
                    self.starts
                        .push([starts(&lex.target_group_starts), starts(&lex.method_starts)]);
                    self.ids.insert(vacant, id);
                    id
                }
            };
            for (starts, at) in out.starts.iter_mut().zip(self.starts[id]) {
                if at {
                    starts.push(out.all.len());
                }
            }
            out.all.push(Tok { from, to, id });
        });
        out
    }
}

/// One section, segmented.
struct Analysed<'s> {
    heading: &'s str,
    text: &'s str,
    toks: Toks,
    /// Offsets of the `\n`s, to find the line of a mention without scanning a paragraph.
    newlines: Vec<usize>,
}

/// Score, mention units and mentions of one label so far.
#[derive(Default)]
struct Tally {
    score: f64,
    units: usize,
    mentions: Vec<(String, String)>,
}

impl Lexicon {
    fn weight(&self, label: &Label, heading_lower: &str) -> f64 {
        if let Some(w) = label.sections.get(heading_lower) {
            return *w;
        }
        self.sections
            .get(heading_lower)
            .or_else(|| self.sections.get("default"))
            .copied()
            .unwrap_or(1.0)
    }

    /// Whether a sentence boundary lies between word `k` and word `k + 1`.
    fn boundary_after(section: &str, toks: &[Tok], k: usize) -> bool {
        section
            .get(toks[k].to..toks[k + 1].from)
            .unwrap_or("")
            .contains(['.', '!', '?', ';', '\n'])
    }

    fn negated(&self, section: &str, toks: &[Tok], infos: &[WordInfo], at: usize) -> bool {
        let from = at.saturating_sub(self.negation_window);
        for k in (from..at).rev() {
            // stop at a sentence boundary between the candidate negation and the mention
            if Self::boundary_after(section, toks, k) {
                return false;
            }
            if infos[toks[k].id].negation {
                let is_exception = self.negation_exceptions.iter().any(|ex| {
                    ex.iter()
                        .enumerate()
                        .all(|(i, e)| toks.get(k + i).is_some_and(|t| *infos[t.id].word == **e))
                });
                if !is_exception {
                    return true;
                }
            }
        }
        false
    }

    /// Whether a focus cue ("målgruppen", "vänder sig till") precedes the mention at `at`
    /// within `focus_window` words in the same sentence.
    fn focused(
        &self,
        cues: &[Vec<Atom>],
        section: &str,
        toks: &[Tok],
        infos: &[WordInfo],
        at: usize,
    ) -> bool {
        let from = at.saturating_sub(self.focus_window);
        for k in (from..at).rev() {
            if Self::boundary_after(section, toks, k) {
                return false;
            }
            // (cues are not empty: a word matching no atom, as most words, starts none)
            if infos[toks[k].id].atoms.is_empty() {
                continue;
            }
            let hit = cues.iter().any(|cue| {
                cue.iter()
                    .enumerate()
                    .all(|(i, &a)| k + i < at && infos[toks[k + i].id].has(a))
            });
            if hit {
                return true;
            }
        }
        false
    }

    /// Evidence for the target groups (or the methods) of the sections; `mentions` says
    /// whether to collect the matched text of each mention.
    fn evidence(&self, methods: bool, sections: &[(&str, &str)], mentions: bool) -> Vec<Evidence> {
        // Callers ask for target groups and then methods of the same text: the words of the
        // previous call's sections are reused when the text is the same.
        self.with_words(sections, true, |analysed, infos| {
            self.evidence_in(methods, analysed, infos, mentions)
        })
    }

    /// The sections split into words, handed to `f` with the word cache's infos. With
    /// `remember`, a section whose text equals the one at its place in the previous
    /// remembering call reuses that split, and this call's split is kept for the next one.
    fn with_words<R>(
        &self,
        sections: &[(&str, &str)],
        remember: bool,
        f: impl FnOnce(&[Analysed], &[WordInfo]) -> R,
    ) -> R {
        WORDS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.infos.len() >= WORD_CACHE_WORDS {
                *cache = WordCache::default();
            }
            let mut last = if remember {
                std::mem::take(&mut cache.last)
            } else {
                Vec::new()
            };
            let analysed: Vec<Analysed> = sections
                .iter()
                .enumerate()
                .map(|(i, &(heading, text))| {
                    let toks = match last.get_mut(i) {
                        Some((t, toks)) if **t == *text => std::mem::take(toks),
                        _ => cache.tokens(self, text),
                    };
                    Analysed {
                        heading,
                        text,
                        toks,
                        newlines: text.match_indices('\n').map(|(i, _)| i).collect(),
                    }
                })
                .collect();
            let result = f(&analysed, &cache.infos);
            if remember {
                last.clear();
                last.extend(analysed.into_iter().map(|a| (Box::from(a.text), a.toks)));
                cache.last = last;
            }
            result
        })
    }

    fn evidence_in(
        &self,
        methods: bool,
        sections: &[Analysed],
        infos: &[WordInfo],
        mentions: bool,
    ) -> Vec<Evidence> {
        let (labels, starts, cues) = if methods {
            (&self.methods, &self.method_starts, &self.method_focus_cues)
        } else {
            (
                &self.target_groups,
                &self.target_group_starts,
                &self.focus_cues,
            )
        };
        let matches_at = |p: &[Atom], toks: &[Tok], start: usize| {
            p.iter()
                .enumerate()
                .all(|(i, &a)| toks.get(start + i).is_some_and(|t| infos[t.id].has(a)))
        };
        let mut tallies: Vec<Tally> = labels.iter().map(|_| Tally::default()).collect();
        // per label: the longest (then strong) phrase matching at the current start
        let mut best: Vec<Option<(usize, bool)>> = vec![None; labels.len()];
        let mut touched: Vec<usize> = Vec::new();
        for section in sections {
            let toks = &section.toks.all;
            let heading_lower = section.heading.trim().to_lowercase();
            let mut covered_until = vec![0usize; labels.len()];
            for &start in &section.toks.starts[usize::from(methods)] {
                for &atom in infos[toks[start].id].atoms.iter() {
                    for &(li, pi) in &starts[atom as usize] {
                        if start < covered_until[li] {
                            continue;
                        }
                        let (p, strong) = &labels[li].phrases[pi];
                        if !matches_at(p, toks, start) {
                            continue;
                        }
                        let cand = (p.len(), *strong);
                        match best[li] {
                            None => {
                                best[li] = Some(cand);
                                touched.push(li);
                            }
                            Some(b) if cand > b => best[li] = Some(cand),
                            Some(_) => {}
                        }
                    }
                }
                for li in touched.drain(..) {
                    let Some((len, strong)) = best[li].take() else {
                        continue;
                    };
                    let label = &labels[li];
                    covered_until[li] = start + len;
                    if label.exclude.iter().any(|p| matches_at(p, toks, start)) {
                        continue;
                    }
                    if self.negated(section.text, toks, infos, start) {
                        continue;
                    }
                    let weight = self.weight(label, &heading_lower);
                    let mut w = weight;
                    // a focused, subheading or strong mention counts as two mentions
                    let mut unit = 1;
                    if self.focused(cues, section.text, toks, infos, start) {
                        w *= self.focus_factor;
                        unit = 2;
                    } else if is_subheading(section.text, &section.newlines, toks[start].from) {
                        w *= self.subheading_factor;
                        unit = 2;
                    }
                    if strong && w > 0.0 {
                        w = w.max(label.min_score);
                        unit = 2;
                    }
                    let tally = &mut tallies[li];
                    tally.score += w;
                    if w > 0.0 {
                        tally.units += unit;
                    }
                    if mentions && weight > 0.0 {
                        let end = toks[start + len - 1].to;
                        let matched = section
                            .text
                            .get(toks[start].from..end)
                            .unwrap_or("")
                            .to_string();
                        tally.mentions.push((section.heading.to_string(), matched));
                    }
                }
            }
        }
        labels
            .iter()
            .zip(tallies)
            .map(|(label, t)| Evidence {
                label: label.label.clone(),
                score: t.score,
                assigned: t.score >= label.min_score
                    && t.score > 0.0
                    && t.units >= label.min_mentions,
                mentions: t.mentions,
            })
            .collect()
    }
}

/// Whether the byte offset lies on a short line without sentence punctuation: an in-body
/// subheading such as "Praktik och arbete" or "Entreprenörskap och socialt företagande".
/// `newlines` are the offsets of the section's `\n`s.
fn is_subheading(section: &str, newlines: &[usize], at: usize) -> bool {
    let next = newlines.partition_point(|&n| n < at);
    let start = next.checked_sub(1).map_or(0, |k| newlines[k] + 1);
    let end = newlines.get(next).copied().unwrap_or(section.len());
    let line = section.get(start..end).unwrap_or("").trim();
    // (cheap tests first; a paragraph is one long line ending in a full stop)
    !line.is_empty()
        && !line.ends_with(['.', ':', ',', ';', '!', '?'])
        && !line.starts_with(['-', '•', '*'])
        && line.split_whitespace().nth(6).is_none()
}

fn assigned(ev: Vec<Evidence>) -> Vec<String> {
    ev.into_iter()
        .filter(|e| e.assigned)
        .map(|e| e.label)
        .collect()
}

fn as_refs(sections: &[(String, String)]) -> Vec<(&str, &str)> {
    sections
        .iter()
        .map(|(h, t)| (h.as_str(), t.as_str()))
        .collect()
}

/// Canonical target-group labels found in the text, in vocabulary order, no duplicates.
pub fn target_groups(text: &str) -> Vec<String> {
    target_groups_in_sections(&as_refs(&split_sections(text)))
}

/// Canonical method labels found in the text, in vocabulary order, no duplicates.
pub fn methods(text: &str) -> Vec<String> {
    methods_in_sections(&as_refs(&split_sections(text)))
}

/// Target groups from the parser's sections `(heading, text)`: the heading decides the
/// weight of a mention (Sammanfattning and Syfte count double; the accessibility section does
/// not count for `personer med funktionsnedsättning`). Pass the title and header as a section
/// `preamble` if you want them considered.
pub fn target_groups_in_sections(sections: &[(&str, &str)]) -> Vec<String> {
    assigned(LEXICON.evidence(false, sections, false))
}

/// Methods from the parser's sections, like [`target_groups_in_sections`].
pub fn methods_in_sections(sections: &[(&str, &str)]) -> Vec<String> {
    assigned(LEXICON.evidence(true, sections, false))
}

/// [`target_groups_in_sections`] and [`methods_in_sections`] of the same sections, splitting
/// them into words once (and without keeping a copy of their text to recognise them by).
pub fn target_groups_and_methods_in_sections(
    sections: &[(&str, &str)],
) -> (Vec<String>, Vec<String>) {
    let lex = &*LEXICON;
    lex.with_words(sections, false, |analysed, infos| {
        let labels = |methods| assigned(lex.evidence_in(methods, analysed, infos, false));
        (labels(false), labels(true))
    })
}

/// Scores and mentions of every target group (assigned or not), for explanations and tuning.
pub fn target_group_evidence(text: &str) -> Vec<Evidence> {
    LEXICON.evidence(false, &as_refs(&split_sections(text)), true)
}

/// Scores and mentions of every method (assigned or not).
pub fn method_evidence(text: &str) -> Vec<Evidence> {
    LEXICON.evidence(true, &as_refs(&split_sections(text)), true)
}

/// All target-group labels, in vocabulary order.
pub fn target_group_labels() -> Vec<String> {
    LEXICON
        .target_groups
        .iter()
        .map(|l| l.label.clone())
        .collect()
}

/// All method labels, in vocabulary order.
pub fn method_labels() -> Vec<String> {
    LEXICON.methods.iter().map(|l| l.label.clone()).collect()
}

#[cfg(test)]
#[allow(dead_code)]
#[path = "lexicon_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn corpus_texts() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut out = Vec::new();
        for dir in [root.clone(), root.join("excerpts"), root.join("written")] {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    out.push((e.path().display().to_string(), t));
                }
            }
        }
        out
    }

    fn assert_agrees(text: &str, what: &str) {
        assert_eq!(
            target_group_evidence(text),
            reference::target_group_evidence(text),
            "target groups of {what}"
        );
        assert_eq!(
            method_evidence(text),
            reference::method_evidence(text),
            "methods of {what}"
        );
    }

    /// Scores, mentions and assignments on every corpus sheet are exactly those of the
    /// straightforward matcher, whole sheets and parser-like sections alike.
    #[test]
    fn fast_matcher_agrees_with_the_reference() {
        let texts = corpus_texts();
        assert!(texts.len() >= 30, "{} sheets", texts.len());
        for (name, text) in &texts {
            assert_agrees(text, name);
            let sections: Vec<(String, String)> = split_sections(text)
                .into_iter()
                .map(|(h, t)| (h.to_uppercase(), t))
                .collect();
            let refs = as_refs(&sections);
            assert_eq!(
                target_groups_in_sections(&refs),
                reference::target_groups_in_sections(&refs),
                "{name}"
            );
            assert_eq!(
                methods_in_sections(&refs),
                reference::methods_in_sections(&refs),
                "{name}"
            );
            assert_eq!(
                target_groups_and_methods_in_sections(&refs),
                (
                    reference::target_groups_in_sections(&refs),
                    reference::methods_in_sections(&refs)
                ),
                "{name}"
            );
        }
    }

    proptest! {
        /// Random soups of lexicon words, negations, cues and punctuation.
        #[test]
        fn fast_matcher_agrees_on_word_soup(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "unga", "ungdomar", "långtidsarbetslösa", "inte", "minst", "ej", "utan",
                "målgruppen", "vänder", "sig", "till", "erbjuds", "metoder", "praktik",
                "språkpraktik", "coachning", "mentorskap", "sociala", "företag", "utrikes",
                "födda", "personer", "med", "funktionsnedsättning", "och", "har",
                "försörjningsstöd", "utbildningsanordnare", "utbildning", ".", "\n", ",",
                "\nSyfte\n", "\nBakgrund\n", "\nTillgänglighet för personer med funktionsnedsättning\n",
                "kompetensutveckling", "sysselsatta", "äldre", "sjukskrivna", "validering",
            ]),
            0..80,
        )) {
            let text = words.join(" ");
            assert_agrees(&text, &text);
        }
    }

    #[test]
    fn data_file_parses_with_contract_labels() {
        let raw: RawLexicon = toml::from_str(DATA).expect("lexicon.toml");
        let lex = compile(raw);
        let tg: Vec<&str> = lex.target_groups.iter().map(|l| l.label.as_str()).collect();
        for l in [
            "unga",
            "långtidsarbetslösa",
            "utrikes födda",
            "personer med funktionsnedsättning",
            "sjukskrivna",
            "försörjningsstöd",
            "äldre",
            "sysselsatta",
            "företagare",
        ] {
            assert!(tg.contains(&l), "{l}");
        }
        let m: Vec<&str> = lex.methods.iter().map(|l| l.label.as_str()).collect();
        for l in [
            "mentorskap",
            "coachning",
            "praktik",
            "arbetsträning",
            "kartläggning",
            "validering",
            "socialt företagande",
            "entreprenörskap",
            "utbildning",
            "vägledning",
            "språkstöd",
            "handledning",
        ] {
            assert!(m.contains(&l), "{l}");
        }
        assert!(
            lex.target_groups
                .iter()
                .chain(&lex.methods)
                .all(|l| !l.phrases.is_empty())
        );
    }

    #[test]
    fn compounds_and_inflections_match() {
        assert_eq!(
            methods("Sammanfattning\n\nVi erbjuder språkpraktik."),
            ["praktik", "språkstöd"]
        );
        assert_eq!(
            target_groups("Syfte\n\nUngdomsarbetslösheten ska minska."),
            ["unga"]
        );
    }

    #[test]
    fn negation_blocks_a_mention() {
        assert!(target_groups("Syfte\n\nProjektet riktar sig inte till unga.").is_empty());
        assert_eq!(
            target_groups("Syfte\n\nInte minst unga ska nås."),
            ["unga"],
            "'inte minst' is not a negation"
        );
        assert_eq!(
            target_groups("Syfte\n\nDet är inte lätt. Unga är målgruppen."),
            ["unga"],
            "negation in the previous sentence"
        );
    }

    #[test]
    fn accessibility_heading_and_section_do_not_count() {
        let sheet = "Sammanfattning\n\nProjektet ger praktik.\n\nTillgänglighet för personer med funktionsnedsättning\n\nLokalerna är anpassade för personer med funktionsnedsättning och funktionshinder.\n";
        assert!(target_groups(sheet).is_empty());
    }

    #[test]
    fn one_body_mention_is_not_enough() {
        assert!(target_groups("Bakgrund\n\nAndelen äldre arbetstagare ökar.").is_empty());
        assert_eq!(
            target_groups("Bakgrund\n\nÄldre arbetstagare. Äldre arbetstagare."),
            ["äldre"]
        );
    }
}
