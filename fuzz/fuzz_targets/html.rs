//! The HTML path of the parser must never panic, whatever the page: `parse_html` on the input
//! as text, and `parse_bytes` on the input behind an HTML preamble (so content detection picks
//! the HTML reader even for inputs that do not start with a tag). When a page parses, the record
//! must serialise. Seeds: `fuzz/seeds/html/` (generated HTML sheets, small hostile fragments) and,
//! through `scripts/fuzz`, the parser's HTML fixtures where they are.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(project) = projektsok_parser::parse_html("fuzz.html", &text) {
        serde_json::to_string(&project).expect("a parsed project serialises");
    }
    let mut page = b"<!doctype html><html><body>".to_vec();
    page.extend_from_slice(data);
    if let Ok(project) = projektsok_parser::parse_bytes("fuzz.html", &page) {
        serde_json::to_string(&project).expect("a parsed project serialises");
    }
});
