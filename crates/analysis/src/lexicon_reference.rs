//! Test oracle: the straightforward lexicon matcher (every label, every position, every
//! phrase, every word analysed afresh) that `lexicon.rs` replaced for speed. The fast matcher
//! must give exactly the same evidence (`lexicon::tests::fast_matcher_agrees_with_the_reference`).
//! Compiled for tests only.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::analyzer::{AnalyzedWord, Analyzer, stem_sv};
use crate::text;

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

impl WordPattern {
    fn matches(&self, w: &AnalyzedWord) -> bool {
        match self {
            WordPattern::Stem(s) => w.terms.iter().any(|t| t == s),
            WordPattern::Prefix(p) => {
                w.word.starts_with(p) || w.parts.iter().any(|x| x.starts_with(p))
            }
        }
    }
}

struct Label {
    label: String,
    min_mentions: usize,
    /// `(pattern, strong)`
    phrases: Vec<(Vec<WordPattern>, bool)>,
    exclude: Vec<Vec<WordPattern>>,
    min_score: f64,
    sections: HashMap<String, f64>,
}

struct Lexicon {
    negations: Vec<String>,
    negation_window: usize,
    negation_exceptions: Vec<Vec<String>>,
    focus_cues: Vec<Vec<WordPattern>>,
    method_focus_cues: Vec<Vec<WordPattern>>,
    focus_window: usize,
    subheading_factor: f64,
    focus_factor: f64,
    sections: HashMap<String, f64>,
    target_groups: Vec<Label>,
    methods: Vec<Label>,
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
    let labels = |v: Vec<RawLabel>, min_mentions: usize| -> Vec<Label> {
        v.into_iter()
            .map(|l| Label {
                min_mentions: l.min_mentions.unwrap_or(min_mentions),
                label: l.label,
                phrases: l
                    .phrases
                    .iter()
                    .map(|p| (compile_phrase(p), false))
                    .chain(l.strong.iter().map(|p| (compile_phrase(p), true)))
                    .filter(|(p, _)| !p.is_empty())
                    .collect(),
                exclude: l
                    .exclude
                    .iter()
                    .map(|p| compile_phrase(p))
                    .filter(|p| !p.is_empty())
                    .collect(),
                min_score: l.min_score.unwrap_or(min_score),
                sections: l.sections,
            })
            .collect()
    };
    Lexicon {
        negations: raw.settings.negations,
        negation_window: raw.settings.negation_window,
        negation_exceptions: raw
            .settings
            .negation_exceptions
            .iter()
            .map(|p| text::words(p).into_iter().map(|w| w.text).collect())
            .collect(),
        focus_cues: raw
            .settings
            .focus_cues
            .iter()
            .map(|p| compile_phrase(p))
            .filter(|p| !p.is_empty())
            .collect(),
        method_focus_cues: raw
            .settings
            .method_focus_cues
            .iter()
            .map(|p| compile_phrase(p))
            .filter(|p| !p.is_empty())
            .collect(),
        focus_window: raw.settings.focus_window,
        subheading_factor: raw.settings.subheading_factor,
        focus_factor: raw.settings.focus_factor,
        sections: raw.sections,
        target_groups: labels(raw.target_group, raw.settings.target_group_min_mentions),
        methods: labels(raw.method, raw.settings.method_min_mentions),
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

use super::Evidence;

impl Lexicon {
    fn weight(&self, label: &Label, heading: &str) -> f64 {
        let h = heading.trim().to_lowercase();
        if let Some(w) = label.sections.get(&h) {
            return *w;
        }
        self.sections
            .get(&h)
            .or_else(|| self.sections.get("default"))
            .copied()
            .unwrap_or(1.0)
    }

    fn negated(&self, section: &str, words: &[AnalyzedWord], at: usize) -> bool {
        let from = at.saturating_sub(self.negation_window);
        for k in (from..at).rev() {
            // stop at a sentence boundary between the candidate negation and the mention
            let gap = section
                .get(words[k].offset_to..words[k + 1].offset_from)
                .unwrap_or("");
            if gap.contains(['.', '!', '?', ';', '\n']) {
                return false;
            }
            if self.negations.iter().any(|n| *n == words[k].word) {
                let is_exception = self.negation_exceptions.iter().any(|ex| {
                    ex.iter()
                        .enumerate()
                        .all(|(i, e)| words.get(k + i).is_some_and(|w| w.word == *e))
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
        cues: &[Vec<WordPattern>],
        section: &str,
        words: &[AnalyzedWord],
        at: usize,
    ) -> bool {
        let from = at.saturating_sub(self.focus_window);
        for k in (from..at).rev() {
            let gap = section
                .get(words[k].offset_to..words[k + 1].offset_from)
                .unwrap_or("");
            if gap.contains(['.', '!', '?', ';', '\n']) {
                return false;
            }
            let hit = cues.iter().any(|cue| {
                cue.iter()
                    .enumerate()
                    .all(|(i, wp)| k + i < at && wp.matches(&words[k + i]))
            });
            if hit {
                return true;
            }
        }
        false
    }

    fn evidence(&self, labels: &[Label], sections: &[(&str, &str)], focus: bool) -> Vec<Evidence> {
        let analyzed: Vec<(&str, &str, Vec<AnalyzedWord>)> = sections
            .iter()
            .map(|(h, t)| (*h, *t, Analyzer::SWEDISH.analyze_words(t)))
            .collect();
        labels
            .iter()
            .map(|label| {
                let mut score = 0.0;
                let mut units = 0;
                let mut mentions = Vec::new();
                for (heading, section_text, words) in &analyzed {
                    let weight = self.weight(label, heading);
                    let mut covered_until = 0;
                    for start in 0..words.len() {
                        if start < covered_until {
                            continue;
                        }
                        let hit = label
                            .phrases
                            .iter()
                            .filter(|(p, _)| {
                                p.iter().enumerate().all(|(i, wp)| {
                                    words.get(start + i).is_some_and(|w| wp.matches(w))
                                })
                            })
                            .map(|(p, strong)| (p.len(), *strong))
                            .max();
                        let Some((len, strong)) = hit else { continue };
                        covered_until = start + len;
                        let excluded = label.exclude.iter().any(|p| {
                            p.iter()
                                .enumerate()
                                .all(|(i, wp)| words.get(start + i).is_some_and(|w| wp.matches(w)))
                        });
                        if excluded {
                            continue;
                        }
                        if self.negated(section_text, words, start) {
                            continue;
                        }
                        let mut w = weight;
                        let cues = if focus {
                            &self.focus_cues
                        } else {
                            &self.method_focus_cues
                        };
                        // a focused, subheading or strong mention counts as two mentions
                        let mut unit = 1;
                        if self.focused(cues, section_text, words, start) {
                            w *= self.focus_factor;
                            unit = 2;
                        } else if is_subheading(section_text, words[start].offset_from) {
                            w *= self.subheading_factor;
                            unit = 2;
                        }
                        if strong && w > 0.0 {
                            w = w.max(label.min_score);
                            unit = 2;
                        }
                        score += w;
                        if w > 0.0 {
                            units += unit;
                        }
                        if weight > 0.0 {
                            let end = words[start + len - 1].offset_to;
                            let matched = section_text
                                .get(words[start].offset_from..end)
                                .unwrap_or("")
                                .to_string();
                            mentions.push((heading.to_string(), matched));
                        }
                    }
                }
                Evidence {
                    label: label.label.clone(),
                    score,
                    assigned: score >= label.min_score
                        && score > 0.0
                        && units >= label.min_mentions,
                    mentions,
                }
            })
            .collect()
    }
}

/// Whether the byte offset lies on a short line without sentence punctuation: an in-body
/// subheading such as "Praktik och arbete" or "Entreprenörskap och socialt företagande".
fn is_subheading(section: &str, at: usize) -> bool {
    let start = section
        .get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = section
        .get(at..)
        .and_then(|s| s.find('\n'))
        .map_or(section.len(), |i| at + i);
    let line = section.get(start..end).unwrap_or("").trim();
    !line.is_empty()
        && line.split_whitespace().count() <= 6
        && !line.ends_with(['.', ':', ',', ';', '!', '?'])
        && !line.starts_with(['-', '•', '*'])
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
    assigned(LEXICON.evidence(&LEXICON.target_groups, sections, true))
}

/// Methods from the parser's sections, like [`target_groups_in_sections`].
pub fn methods_in_sections(sections: &[(&str, &str)]) -> Vec<String> {
    assigned(LEXICON.evidence(&LEXICON.methods, sections, false))
}

/// Scores and mentions of every target group (assigned or not), for explanations and tuning.
pub fn target_group_evidence(text: &str) -> Vec<Evidence> {
    LEXICON.evidence(
        &LEXICON.target_groups,
        &as_refs(&split_sections(text)),
        true,
    )
}

/// Scores and mentions of every method (assigned or not).
pub fn method_evidence(text: &str) -> Vec<Evidence> {
    LEXICON.evidence(&LEXICON.methods, &as_refs(&split_sections(text)), false)
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
