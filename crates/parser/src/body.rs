//! The body below the header: headed sections in page order, and the bullet lists
//! (`Medfinansiärer`, `Samarbetspartners`, `Kommun`) that close a 2007–2013 page.
//!
//! Section heading rule: a line is a heading when it stands alone between blank lines (or at
//! the start of the body) and either is a known heading ([`KNOWN_HEADINGS`], any case) or looks
//! like one: short, capitalised, no final punctuation, and followed by text. A heading
//! candidate that comes right after another heading, before any text, is a sub-heading and part
//! of the text (`Bakgrund` / `Problemformulering`), unless it is a different known heading.
//! Sub-headings glued to their paragraph (no blank line after) are text. Text before the first
//! heading — the later layouts have no headings at all — becomes a section headed
//! [`DEFAULT_HEADING`].

use crate::labels::{self, Key};
use crate::text::{fold, fold_into, strip_bullet};

/// Heading given to body text that comes before any heading: on the later layouts the opening
/// text is the project's summary.
pub(crate) const DEFAULT_HEADING: &str = "Sammanfattning";

/// Section headings of the project bank, lowercased.
const KNOWN_HEADINGS: &[&str] = &[
    "sammanfattning",
    "projektbeskrivning",
    "bakgrund",
    "syfte",
    "mål",
    "målsättning",
    "målgrupp",
    "målgrupper",
    "metod",
    "aktiviteter",
    "tillgänglighet",
    "tillgänglighet för personer med funktionsnedsättning",
    "jämställdhetsintegrering",
    "jämställdhet",
    "likabehandling",
    "icke-diskriminering",
    "horisontella principer",
    "transnationellt samarbete",
    "projektets resultat",
    "resultat",
    "förväntade resultat",
    "erfarenheter",
    "lärdomar",
    "långsiktiga effekter",
    "effekter",
    "organisation",
    "projektorganisation",
    "utvärdering",
    "uppföljning och utvärdering",
    "spridning",
    "lärande och spridning",
    "innovativa inslag",
    "summary",
    "background",
    "purpose",
    "objectives",
];

/// Structural headings are at most this many words.
const MAX_HEADING_WORDS: usize = 10;

#[derive(Debug, Default)]
pub(crate) struct Body {
    /// (heading, text) in page order.
    pub sections: Vec<(String, String)>,
    /// Items of the closing lists, by the field they feed, in page order.
    pub lists: Vec<(Key, Vec<String>)>,
}

fn is_known_heading(line: &str) -> bool {
    let mut buf = [0u8; 80];
    line.len() <= 80
        && fold_into(line.trim_end_matches(':'), &mut buf)
            .is_some_and(|folded| KNOWN_HEADINGS.contains(&folded))
}

/// The list field a line heads (`Kommun`, `Medfinansiärer`, ...), if any.
fn list_key(line: &str) -> Option<Key> {
    labels::lookup(line)
        .map(|label| label.key)
        .filter(|key| key.is_list())
}

/// Looks like a heading: short, capitalised, no final punctuation, not a bullet.
fn heading_shaped(line: &str) -> bool {
    line.len() <= 100
        && line.chars().next().is_some_and(char::is_uppercase)
        && !line.ends_with(['.', ',', ';', ':', '!', '?', ')', '"', '”'])
        && line.split_whitespace().count() <= MAX_HEADING_WORDS
        && strip_bullet(line).is_none()
}

pub(crate) fn parse(lines: &[&str]) -> Body {
    let n = lines.len();
    let blank = |i: usize| i >= n || lines[i].is_empty();
    let mut body = Body::default();
    let mut current: Option<Section> = None;
    let mut i = 0;
    // The `In English` link may survive at the top of the body.
    while i < n && (lines[i].is_empty() || lines[i].eq_ignore_ascii_case("in english")) {
        i += 1;
    }
    while i < n {
        let line = lines[i];
        if line.is_empty() {
            if let Some(section) = current.as_mut() {
                section.gap();
            }
            i += 1;
            continue;
        }
        let starts_block = i == 0 || blank(i - 1);
        if starts_block && let Some((key, items, next)) = list_at(lines, i) {
            body.lists.push((key, items));
            i = next;
            continue;
        }
        if starts_block && blank(i + 1) && is_heading(lines, i, current.as_ref()) {
            if let Some(section) = current.take() {
                body.sections.push(section.finish());
            }
            current = Some(Section::new(line.trim_end_matches(':').trim_end()));
            i += 1;
            continue;
        }
        current
            .get_or_insert_with(|| Section::new(DEFAULT_HEADING))
            .push(line);
        i += 1;
    }
    if let Some(section) = current {
        body.sections.push(section.finish());
    }
    body
}

/// Whether line `i` (alone between blank lines) opens a new section.
fn is_heading(lines: &[&str], i: usize, current: Option<&Section>) -> bool {
    let line = lines[i];
    let known = is_known_heading(line);
    if !known {
        if !heading_shaped(line) {
            return false;
        }
        // A structural heading must be followed by text, not by a heading, a list or the end.
        let Some(next) = (i + 1..lines.len()).find(|&j| !lines[j].is_empty()) else {
            return false;
        };
        if is_known_heading(lines[next]) || list_key(lines[next]).is_some() {
            return false;
        }
    }
    match current {
        // Right after a heading, before any text: a sub-heading, unless a different known one.
        Some(section) if section.is_empty() => {
            let previous = fold(&section.heading);
            let this = fold(line.trim_end_matches(':'));
            known && !previous.starts_with(&this)
        }
        _ => true,
    }
}

/// A list heading at `i` followed by its items: bullets (`•`, `·`, `-`, `*`, indented or not,
/// blank lines between allowed) or, without bullets, a block of short lines.
/// Returns the field, the items and the index after the list.
fn list_at(lines: &[&str], i: usize) -> Option<(Key, Vec<String>, usize)> {
    let key = list_key(lines[i])?;
    let n = lines.len();
    let mut j = (i + 1..n).find(|&j| !lines[j].is_empty())?;
    let mut items = Vec::new();
    if strip_bullet(lines[j]).is_some() {
        while j < n {
            if lines[j].is_empty() {
                match (j..n).find(|&k| !lines[k].is_empty()) {
                    Some(k) if strip_bullet(lines[k]).is_some() => j = k,
                    _ => break,
                }
            }
            let Some(item) = strip_bullet(lines[j]) else {
                break;
            };
            items.push(crate::text::collapse_spaces(item));
            j += 1;
        }
    } else {
        let end = (j..n).find(|&k| lines[k].is_empty()).unwrap_or(n);
        let block = &lines[j..end];
        let listy = block
            .iter()
            .all(|line| line.len() <= 80 && !line.ends_with('.') && list_key(line).is_none());
        if !listy {
            return None;
        }
        items.extend(block.iter().map(|line| crate::text::collapse_spaces(line)));
        j = end;
    }
    Some((key, items, j))
}

/// A section being collected: heading and paragraphs of lines.
struct Section {
    heading: String,
    text: String,
    pending_gap: bool,
}

impl Section {
    fn new(heading: &str) -> Self {
        Section {
            heading: crate::text::collapse_spaces(heading),
            text: String::new(),
            pending_gap: false,
        }
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn gap(&mut self) {
        self.pending_gap = !self.text.is_empty();
    }

    fn push(&mut self, line: &str) {
        // The page sometimes repeats the heading as the first line of its text (`Sammanfattning`
        // / `Sammanfattning`, `Bakgrund` / `BAKGRUND`); the repeat carries nothing.
        if self.text.is_empty()
            && line.len() <= self.heading.len() * 2
            && fold(line) == fold(&self.heading)
        {
            return;
        }
        if !self.text.is_empty() {
            self.text
                .push_str(if self.pending_gap { "\n\n" } else { "\n" });
        }
        self.pending_gap = false;
        self.text.push_str(line);
    }

    fn finish(self) -> (String, String) {
        (self.heading, self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Body {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        parse(&lines)
    }

    #[test]
    fn sections_and_subheadings() {
        let body = parse_text(
            "\nSammanfattning\n\nSammanfattning\nText ett.\n\nBakgrund\n\nProblemformulering\n\nText två.\n\nEgen rubrik\n\nText tre.\n\nMetod, se bilaga\n\nSyfte\n\n",
        );
        let got: Vec<(&str, &str)> = body
            .sections
            .iter()
            .map(|(h, t)| (h.as_str(), t.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Sammanfattning", "Text ett."),
                ("Bakgrund", "Problemformulering\n\nText två."),
                ("Egen rubrik", "Text tre.\n\nMetod, se bilaga"),
                ("Syfte", ""),
            ]
        );
    }

    #[test]
    fn lists() {
        let body = parse_text(
            "Text.\n\nMedfinansiärer\n\n  • Arbetsförmedlingen, Västerås\n  · proAros\n\nKommun\n\n- Boxholm\n\n- Mjölby\n\nSamarbetspartners\n\nSamteam\nVuxenskolan\n",
        );
        assert_eq!(
            body.lists,
            [
                (
                    Key::CoFinanciers,
                    vec![
                        "Arbetsförmedlingen, Västerås".to_string(),
                        "proAros".to_string()
                    ]
                ),
                (
                    Key::Municipalities,
                    vec!["Boxholm".to_string(), "Mjölby".to_string()]
                ),
                (
                    Key::Partners,
                    vec!["Samteam".to_string(), "Vuxenskolan".to_string()]
                ),
            ]
        );
        assert_eq!(body.sections.len(), 1);
    }

    #[test]
    fn text_without_headings_is_one_section() {
        let body = parse_text("Första stycket.\n\nAndra stycket.");
        assert_eq!(
            body.sections,
            [(
                DEFAULT_HEADING.to_string(),
                "Första stycket.\n\nAndra stycket.".to_string()
            )]
        );
    }
}
