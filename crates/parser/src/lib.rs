//! Project-bank sheets into typed [`Project`] records.
//!
//! A sheet comes as bytes: the text rendering of a project-bank page (2007–2013 pages with labels
//! glued to their values, 2014–2020 and 2021–2027 pages with `Label:` and value on separate lines)
//! or the page's HTML. [`parse_bytes`] detects encoding and form; every field it cannot read becomes
//! a [`Warning`], never a panic and never a silent loss.
//!
//! Pipeline: `decode` (bytes → text) → `text` (line endings, spaces) → `header` (title and
//! `label → value` pairs, by the rules in `labels` and `banner`) → `body` (sections and closing
//! lists) → `sheet` (typed fields via `values`, normalisation via `places`, derived `owner`
//! type, `id`).

mod banner;
mod body;
mod decode;
mod header;
mod html;
mod id;
mod labels;
mod lang;
mod owner;
mod places;
mod project;
mod sheet;
mod text;
mod values;

pub use project::{Contact, Field, Period, Project, Section, Warning};

/// Why a file could not be read as a sheet at all.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("not a project sheet: {0}")]
    NotASheet(String),
}

/// What to compute besides the fields read from the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Derive `target_groups` and `methods` with the analysis lexicons (the costliest step by
    /// far; off for callers that only need the header, and for measuring the parser alone).
    pub lexicons: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { lexicons: true }
    }
}

/// Parses a sheet file's bytes: decodes them (BOM, UTF-8, else Windows-1252 with an `encoding`
/// warning), then reads them as HTML or text, decided by the content, not the file name.
pub fn parse_bytes(source: &str, bytes: &[u8]) -> Result<Project, ParseError> {
    parse_bytes_with(source, bytes, ParseOptions::default())
}

/// [`parse_bytes`] with options.
pub fn parse_bytes_with(
    source: &str,
    bytes: &[u8],
    options: ParseOptions,
) -> Result<Project, ParseError> {
    let decoded = decode::decode(bytes)?;
    if looks_like_html(&decoded.text) {
        let text = html::sheet_text(&decoded.text);
        sheet::parse(source, &text, decoded.note, options)
    } else {
        sheet::parse(source, &decoded.text, decoded.note, options)
    }
}

/// Parses the text rendering of a sheet.
pub fn parse_text(source: &str, text: &str) -> Result<Project, ParseError> {
    sheet::parse(source, text, None, ParseOptions::default())
}

/// Parses a project-bank HTML page: its visible content as text, then [`parse_text`].
pub fn parse_html(source: &str, html: &str) -> Result<Project, ParseError> {
    parse_text(source, &html::sheet_text(html))
}

/// Tags that only HTML starts with.
const HTML_STARTS: &[&str] = &[
    "<!doctype html",
    "<html",
    "<head",
    "<body",
    "<meta",
    "<div",
    "<main",
    "<article",
    "<section",
    "<h1",
    "<h2",
    "<p>",
    "<p ",
    "<table",
    "<dl",
    "<ul",
    "<!--",
    "<?xml",
];

/// HTML when the text starts with a tag of [`HTML_STARTS`] (after whitespace and BOM), or
/// mentions `<html` / `<body` early on (a page saved with some preamble).
fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head = text::prefix_at_most(start, 1024).to_ascii_lowercase();
    HTML_STARTS.iter().any(|tag| head.starts_with(tag))
        || head.contains("<html")
        || head.contains("<body")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_html_by_content() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<div class=x>Projektägare</div>"));
        assert!(!looks_like_html(
            "Kraftverket\n\nProjektägareBjurholms kommun <b>"
        ));
    }
}
