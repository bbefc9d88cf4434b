//! The header block: title and `label → value` pairs, in both layouts.
//!
//! Structural rules, not sample-specific ones:
//! - the header starts at the first *known* label that has another label within the next three
//!   lines (a single stray `Region` in a title is not a header);
//! - the title is the last non-banner line before it;
//! - `Label:` (or a known label alone) takes the following line as its value unless that line is
//!   itself a label: `Startdatum:` directly followed by `Slutdatum:` means no start date;
//! - the header ends at `In English`, or at a blank line not followed by a known label, or at a
//!   line that is neither a label nor a value.

use crate::banner::is_banner;
use crate::labels::{self, Key, Label};

/// Headers sit at the top of a page; looking further would mistake body lists for labels.
const HEADER_SEARCH_LINES: usize = 200;

/// One `label → value` pair as the page wrote it.
#[derive(Debug)]
pub(crate) struct RawField<'a> {
    /// The label as written (without the colon).
    pub label: &'a str,
    pub known: Option<&'static Label>,
    /// Value lines; one for most labels, several for a list label (`Kommun:` + names).
    pub values: Vec<&'a str>,
}

impl RawField<'_> {
    pub fn key(&self) -> Option<Key> {
        self.known.map(|label| label.key)
    }

    /// The value lines joined with a space (continuation lines of a wrapped value).
    pub fn value(&self) -> String {
        crate::text::collapse_spaces(&self.values.join(" "))
    }
}

#[derive(Debug, Default)]
pub(crate) struct Header<'a> {
    pub title_line: Option<&'a str>,
    pub fields: Vec<RawField<'a>>,
    /// Lines inside the header that are neither label nor value; kept, and warned about.
    pub unrecognised: Vec<&'a str>,
    /// Index of the first body line.
    pub body_start: usize,
    /// Whether any header label was found at all.
    pub found: bool,
}

#[derive(Debug, Clone, Copy)]
enum Line<'a> {
    Blank,
    /// `In English`: the 2007–2013 pages end their header with this link.
    End,
    Pair {
        label: &'a str,
        known: Option<&'static Label>,
        value: &'a str,
        /// `ProjektägareX` rather than `Projektägare: X`.
        glued: bool,
    },
    LabelOnly {
        label: &'a str,
        known: Option<&'static Label>,
        /// `Label:` rather than a bare known label.
        colon: bool,
    },
    Other,
}

impl Line<'_> {
    fn is_label(self) -> bool {
        matches!(self, Line::Pair { .. } | Line::LabelOnly { .. })
    }

    /// In the `Label:` layout the line after a label is its value even when it happens to start
    /// like a glued label (`Projektägare:` / `Region Gävleborg`); only colon labels end it.
    fn ends_colon_value(self) -> bool {
        matches!(
            self,
            Line::Pair { glued: false, .. } | Line::LabelOnly { .. }
        )
    }

    fn is_list(self) -> bool {
        matches!(
            self,
            Line::Pair { known: Some(k), .. } | Line::LabelOnly { known: Some(k), .. } if k.key.is_list()
        )
    }

    fn is_known_label(self) -> bool {
        matches!(
            self,
            Line::Pair { known: Some(_), .. } | Line::LabelOnly { known: Some(_), .. }
        )
    }
}

fn classify(line: &str) -> Line<'_> {
    if line.is_empty() {
        return Line::Blank;
    }
    if line.eq_ignore_ascii_case("in english") {
        return Line::End;
    }
    if let Some(label) = labels::colon_label(line) {
        return Line::LabelOnly {
            label,
            known: labels::lookup(label),
            colon: true,
        };
    }
    let pair = labels::colon_pair(line);
    if let Some((label, value)) = pair
        && let Some(known) = labels::lookup(label)
    {
        return Line::Pair {
            label,
            known: Some(known),
            value,
            glued: false,
        };
    }
    if let Some((known, value)) = labels::match_glued(line) {
        return Line::Pair {
            label: known.name,
            known: Some(known),
            value,
            glued: true,
        };
    }
    if let Some(known) = labels::lookup(line) {
        return Line::LabelOnly {
            label: line,
            known: Some(known),
            colon: false,
        };
    }
    match pair {
        Some((label, value)) => Line::Pair {
            label,
            known: None,
            value,
            glued: false,
        },
        None => Line::Other,
    }
}

/// Finds and reads the header of `lines` (trimmed lines of the whole sheet).
pub(crate) fn parse<'a>(lines: &[&'a str]) -> Header<'a> {
    let n = lines.len();
    let Some(start) = find_start(lines) else {
        // No labels: the first real line may still be a title (`2015/00646 - Namn`); the
        // caller decides whether that is a sheet. The body follows the title.
        let title = title_before(lines, lines.len().min(HEADER_SEARCH_LINES), true);
        return Header {
            title_line: title.map(|t| lines[t]),
            body_start: title.map_or(0, |t| t + 1),
            ..Header::default()
        };
    };
    let mut header = Header {
        title_line: title_before(lines, start, false).map(|t| lines[t]),
        found: true,
        ..Header::default()
    };
    let mut i = start;
    while i < n {
        match classify(lines[i]) {
            Line::End => {
                i += 1;
                break;
            }
            Line::Blank => {
                let Some(j) = next_nonblank(lines, i) else {
                    i = n;
                    break;
                };
                i = j;
                // After a gap only a known label continues the header; anything else is body,
                // and so is a list heading (`Kommun`, `Medfinansiärer`) with its items.
                let next = classify(lines[j]);
                if !next.is_known_label() || next.is_list() {
                    break;
                }
            }
            Line::Pair {
                label,
                known,
                value,
                ..
            } => {
                header.fields.push(RawField {
                    label,
                    known,
                    values: vec![value],
                });
                i += 1;
            }
            Line::LabelOnly {
                label,
                known,
                colon,
            } => {
                i += 1;
                let list = known.is_some_and(|k| k.key.is_list());
                let ends_value = |line: Line<'_>| match line {
                    Line::Blank | Line::End => true,
                    _ if colon => line.ends_colon_value(),
                    _ => line.is_label(),
                };
                let mut values = Vec::new();
                while i < n && !ends_value(classify(lines[i])) {
                    // A scalar takes one line, plus wrapped continuation lines only when a
                    // label follows them; a list takes every line up to the next gap or label.
                    let continues = list
                        || values.is_empty()
                        || lines
                            .get(i + 1)
                            .is_some_and(|next| classify(next).is_label());
                    if !continues {
                        break;
                    }
                    values.push(lines[i]);
                    i += 1;
                }
                header.fields.push(RawField {
                    label,
                    known,
                    values,
                });
            }
            Line::Other => {
                if lines
                    .get(i + 1)
                    .is_some_and(|next| classify(next).is_label())
                {
                    header.unrecognised.push(lines[i]);
                    i += 1;
                } else {
                    break;
                }
            }
        }
    }
    header.body_start = i.min(n);
    header
}

/// The first known label with another label close after it.
fn find_start(lines: &[&str]) -> Option<usize> {
    let limit = lines.len().min(HEADER_SEARCH_LINES);
    let mut first_known = None;
    for i in 0..limit {
        if !classify(lines[i]).is_known_label() {
            continue;
        }
        first_known.get_or_insert(i);
        let window = &lines[i + 1..lines.len().min(i + 4)];
        if window.iter().any(|line| classify(line).is_label()) {
            return Some(i);
        }
    }
    first_known
}

/// The index of the last (or with `first`, the first) non-blank, non-banner line before `end`.
fn title_before(lines: &[&str], end: usize, first: bool) -> Option<usize> {
    let is_title = |&i: &usize| !lines[i].is_empty() && !is_banner(lines[i]);
    if first {
        (0..end).find(is_title)
    } else {
        (0..end).rev().find(is_title)
    }
}

fn next_nonblank(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !lines[j].is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        text.lines().map(str::trim).collect()
    }

    #[test]
    fn glued_header() {
        let text = "Logotyp på utskrifter\n\nKraftverket\n\nProgramområdeProgramområde 2\nProjektägareBjurholms kommun\nIn English\n\nSammanfattning";
        let lines = lines(text);
        let h = parse(&lines);
        assert_eq!(h.title_line, Some("Kraftverket"));
        assert_eq!(h.fields.len(), 2);
        assert_eq!(h.fields[1].value(), "Bjurholms kommun");
        assert_eq!(lines[h.body_start], "");
    }

    #[test]
    fn empty_labels_take_no_value() {
        let text = "X - Y\n\nDiarienummer:\n1\nStartdatum:\nSlutdatum:\nStödmottagarens address:\nProgramområde:\nA\n\nText.";
        let lines = lines(text);
        let h = parse(&lines);
        let got: Vec<(&str, String)> = h.fields.iter().map(|f| (f.label, f.value())).collect();
        assert_eq!(
            got,
            [
                ("Diarienummer", "1".to_string()),
                ("Startdatum", String::new()),
                ("Slutdatum", String::new()),
                ("Stödmottagarens address", String::new()),
                ("Programområde", "A".to_string()),
            ]
        );
        assert_eq!(lines[h.body_start], "Text.");
    }

    #[test]
    fn colon_value_may_look_like_a_glued_label() {
        let lines = lines(
            "T\n\nProjektägare:\nRegion Gävleborg, Arbetsmarknad\nRegion:\nNorra Mellansverige\n",
        );
        let h = parse(&lines);
        let got: Vec<(&str, String)> = h.fields.iter().map(|f| (f.label, f.value())).collect();
        assert_eq!(
            got,
            [
                (
                    "Projektägare",
                    "Region Gävleborg, Arbetsmarknad".to_string()
                ),
                ("Region", "Norra Mellansverige".to_string()),
            ]
        );
    }

    #[test]
    fn bare_label_without_value_in_glued_layout() {
        let lines = lines("T\n\nKontaktperson\nE-postx@y.se\nIn English\n");
        let h = parse(&lines);
        let got: Vec<(&str, String)> = h.fields.iter().map(|f| (f.label, f.value())).collect();
        assert_eq!(
            got,
            [
                ("Kontaktperson", String::new()),
                ("E-post", "x@y.se".to_string())
            ]
        );
    }

    #[test]
    fn no_header() {
        let lines = lines("Bara lite text\nutan etiketter.");
        let h = parse(&lines);
        assert!(!h.found);
    }
}
