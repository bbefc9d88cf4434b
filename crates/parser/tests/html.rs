//! HTML pages and their text twins give the same `Project`.
//!
//! Each fixture in `tests/fixtures/` is a project-bank page written from one sheet of `corpus/`
//! (see the fixture list below): the whole page as the site serves it (head, scripts, cookie
//! banner, navigation, footer) with the sheet's content in one of the header layouts the bank has
//! used. `parse_bytes` must read the same header fields from the page as from the sheet, and the
//! same sections in the same order.
//!
//! Whitespace normalisation: section headings are compared trimmed; section texts line by line,
//! each line trimmed of spaces and tabs at both ends, runs of blank lines counted as one and blank
//! lines at either end dropped. So the text sheets' ` • item` and the HTML rendering's `  • item`
//! are the same item, and a double blank line in a sheet is one paragraph break; words, line breaks
//! and paragraph breaks must otherwise agree exactly.

use std::path::{Path, PathBuf};

use projektsok_parser::{Project, Section, parse_bytes};

/// (fixture, text twin under `corpus/`)
const FIXTURES: &[(&str, &str)] = &[
    ("001_0e62bca8852f1a35.html", "001_0e62bca8852f1a35.txt"),
    ("002_2883a2fc11e8d12c.html", "002_2883a2fc11e8d12c.txt"),
    ("003_2c740ab609feea10.html", "003_2c740ab609feea10.txt"),
    ("004_a9bc3cbe2c0d61c5.html", "004_a9bc3cbe2c0d61c5.txt"),
    ("05_ung-i-gavleborg.html", "excerpts/05_ung-i-gavleborg.txt"),
    ("07_klara.html", "excerpts/07_klara.txt"),
    (
        "08_forstudie-grona-rum-asf-mitt.html",
        "excerpts/08_forstudie-grona-rum-asf-mitt.txt",
    ),
];

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse_file(path: &Path) -> Project {
    let source = path.display().to_string();
    parse_bytes(&source, &read(path)).unwrap_or_else(|e| panic!("{source}: {e}"))
}

/// A section text modulo whitespace (see the module docs).
fn normalise_text(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim_matches([' ', '\t', '\r']);
        if !line.is_empty() || out.last().is_some_and(|l| !l.is_empty()) {
            out.push(line.to_string());
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

fn sections(sections: &[Section]) -> Vec<(String, Vec<String>)> {
    sections
        .iter()
        .map(|s| (s.heading.trim().to_string(), normalise_text(&s.text)))
        .collect()
}

/// The header fields that must agree, as one comparable JSON value per field.
fn header_fields(p: &Project) -> Vec<(&'static str, serde_json::Value)> {
    use serde_json::json;
    vec![
        ("title", json!(p.title)),
        ("programme_area", json!(p.programme_area)),
        ("phase", json!(p.phase)),
        ("owner", json!(p.owner)),
        ("owner_type", json!(p.owner_type)),
        ("contact", json!(p.contact)),
        ("esf_grant_sek", json!(p.esf_grant_sek)),
        ("total_budget_sek", json!(p.total_budget_sek)),
        ("esf_share", json!(p.esf_share)),
        ("period", json!(p.period)),
        ("region", json!(p.region)),
        ("municipalities", json!(p.municipalities)),
        ("counties", json!(p.counties)),
        ("co_financiers", json!(p.co_financiers)),
        ("partners", json!(p.partners)),
        ("case_number", json!(p.case_number)),
        ("planned_participants", json!(p.planned_participants)),
        ("other_fields", json!(p.other_fields)),
    ]
}

fn pairs() -> Vec<(Project, Project, String)> {
    FIXTURES
        .iter()
        .map(|(html, twin)| {
            let html_path = manifest_dir().join("tests/fixtures").join(html);
            let twin_path = manifest_dir().join("../../corpus").join(twin);
            (
                parse_file(&html_path),
                parse_file(&twin_path),
                html.to_string(),
            )
        })
        .collect()
}

#[test]
fn html_and_text_give_the_same_header_fields() {
    let mut mismatches = Vec::new();
    for (from_html, from_text, name) in pairs() {
        for ((field, h), (_, t)) in header_fields(&from_html)
            .into_iter()
            .zip(header_fields(&from_text))
        {
            if h != t {
                mismatches.push(format!("{name}: {field}: html {h} != text {t}"));
            }
        }
    }
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}

#[test]
fn html_and_text_give_the_same_sections() {
    for (from_html, from_text, name) in pairs() {
        let (h, t) = (sections(&from_html.sections), sections(&from_text.sections));
        let headings =
            |s: &[(String, Vec<String>)]| s.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
        assert_eq!(headings(&h), headings(&t), "{name}: section headings");
        for (hs, ts) in h.iter().zip(&t) {
            assert_eq!(hs.1, ts.1, "{name}: text of section {:?}", hs.0);
        }
        let langs = |p: &Project| {
            p.sections
                .iter()
                .map(|s| s.lang.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            langs(&from_html),
            langs(&from_text),
            "{name}: section languages"
        );
    }
}

/// The header fields are really there (so that agreeing is not agreeing on nothing).
#[test]
fn fixtures_have_their_header_fields() {
    for (p, _, name) in pairs() {
        assert!(!p.title.is_empty(), "{name}: title");
        assert!(p.owner.is_some(), "{name}: owner");
        assert!(p.region.is_some(), "{name}: region");
        assert!(
            p.period.start.is_some() && p.period.end.is_some(),
            "{name}: period"
        );
        if name.starts_with("00") {
            // 2007–2013: the whole sheet, lists and sections included.
            assert!(p.phase.is_some(), "{name}: phase");
            assert!(p.programme_area.is_some(), "{name}: programme area");
            assert!(p.esf_grant_sek.is_some(), "{name}: grant");
            assert!(p.total_budget_sek.is_some(), "{name}: budget");
            assert!(p.contact.email.is_some(), "{name}: e-mail");
            assert!(!p.municipalities.is_empty(), "{name}: municipalities");
            assert!(!p.counties.is_empty(), "{name}: counties");
            assert!(!p.co_financiers.is_empty(), "{name}: co-financiers");
            assert!(p.sections.len() >= 5, "{name}: sections");
        } else {
            // 2014–2020 and 2021–2027 openings.
            assert!(p.case_number.is_some(), "{name}: case number");
            assert!(p.planned_participants.is_some(), "{name}: participants");
            assert!(!p.other_fields.is_empty(), "{name}: other fields");
        }
    }
}

/// Not only the header: the whole record agrees (warnings, derived fields, id), but for `source`
/// and the whitespace of section texts.
#[test]
fn html_and_text_give_the_same_record() {
    for (mut from_html, mut from_text, name) in pairs() {
        for p in [&mut from_html, &mut from_text] {
            p.source.clear();
            for s in &mut p.sections {
                s.text = normalise_text(&s.text).join("\n");
            }
        }
        assert_eq!(from_html, from_text, "{name}");
    }
}

#[test]
fn spot_checks() {
    let p = parse_file(&manifest_dir().join("tests/fixtures/001_0e62bca8852f1a35.html"));
    assert_eq!(p.title, "Kraftverket");
    assert_eq!(p.owner.as_deref(), Some("Bjurholms kommun"));
    assert_eq!(p.esf_grant_sek, Some(3_742_943));
    assert_eq!(p.total_budget_sek, Some(9_697_681));
    assert_eq!(p.period.start.as_deref(), Some("2011-02-28"));
    assert_eq!(p.period.end.as_deref(), Some("2014-02-28"));
    assert_eq!(p.contact.email.as_deref(), Some("tomas.lilja@bjurholm.se"));
    assert_eq!(p.co_financiers.len(), 3);
    assert_eq!(p.partners.len(), 2);
    // Nothing of the site chrome leaks into the record.
    let json = serde_json::to_string(&p).unwrap();
    for chrome in [
        "Logotyp",
        "cookies",
        "Huvudmeny",
        "Hoppa till",
        "Skriv ut",
        "Stäng",
        "Webbinarium",
        "In English",
        "Box 47141",
        "dataLayer",
    ] {
        assert!(!json.contains(chrome), "{chrome} leaked: {json}");
    }
    let p = parse_file(&manifest_dir().join("tests/fixtures/004_a9bc3cbe2c0d61c5.html"));
    assert_eq!(p.title, "JOBBINVEST-ering");
    let json = serde_json::to_string(&p).unwrap();
    assert!(
        !json.contains("Webbinarium") && !json.contains("Stäng"),
        "{json}"
    );
    let p = parse_file(&manifest_dir().join("tests/fixtures/003_2c740ab609feea10.html"));
    let json = serde_json::to_string(&p).unwrap();
    assert!(
        !json.contains("covid") && !json.contains("Startsida"),
        "{json}"
    );
    let p = parse_file(&manifest_dir().join("tests/fixtures/05_ung-i-gavleborg.html"));
    assert_eq!(p.case_number.as_deref(), Some("2015/00646"));
    assert_eq!(p.planned_participants, Some(1236));
}

/// `parse_bytes` on HTML with a BOM, CRLF line endings or Latin-1 bytes reads the same page.
#[test]
fn encodings_and_line_endings() {
    let path = manifest_dir().join("tests/fixtures/001_0e62bca8852f1a35.html");
    let plain = parse_file(&path);
    let utf8 = String::from_utf8(read(&path)).unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(utf8.replace('\n', "\r\n").as_bytes());
    let with_bom = parse_bytes("bom.html", &bom).unwrap();
    assert_eq!(header_fields(&with_bom), header_fields(&plain));
    assert_eq!(sections(&with_bom.sections), sections(&plain.sections));
}
