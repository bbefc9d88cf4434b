//! Page furniture printed above the title: logo captions, covid notices, webinar banners, cookie
//! consent blocks. Recognised by a data table plus the structural rule in `header`: the title is
//! the last non-banner line before the first header label, so an unknown banner placed *above*
//! the title is harmless; this table keeps known ones from becoming the title when the real title
//! is missing.

use crate::text::fold;

/// Whole lines (lowercased) that are page furniture.
const EXACT: &[&str] = &[
    "logotyp på utskrifter",
    "stäng",
    "cookies",
    "lär dig mer",
    "mer information",
    "mer information och anmälan",
    "mer information och anmälan.",
    "läs mer",
    "in english",
    "meny",
    "sök",
    "skriv ut",
    "dela",
    "tillbaka",
    "till innehållet",
    "hoppa till innehållet",
    "projektbanken",
    "tillbaka till projektbanken",
    "acceptera",
    "acceptera cookies",
    "godkänn",
    "jag förstår",
    "ok",
];

/// Line beginnings (lowercased) of notices.
const PREFIXES: &[&str] = &[
    "information med anledning av",
    "uppdaterad information med anledning av",
    "information (",
    "den här hemsidan använder cookies",
    "den här webbplatsen använder cookies",
    "vi använder cookies",
    "webbplatsen använder cookies",
    "genom att använda denna webbplats",
];

/// Words that only occur in notices, never in a project title.
const CONTAINS: &[&str] = &["webbinarium", "webbinar", "cookies", "anmälan.", "covid-19"];

/// Whether a (trimmed, non-blank) line before the header is page furniture, not a title.
pub(crate) fn is_banner(line: &str) -> bool {
    if line.len() > 600 {
        // A long paragraph above the header is a notice, not a title.
        return true;
    }
    let folded = fold(line);
    EXACT.contains(&folded.as_str())
        || PREFIXES.iter().any(|p| folded.starts_with(p))
        || CONTAINS.iter().any(|w| folded.contains(w))
}

#[cfg(test)]
mod tests {
    use super::is_banner;

    #[test]
    fn banners() {
        for line in [
            "Logotyp på utskrifter",
            "Information med anledning av covid-19",
            "Uppdaterad information med anledning av covid-19",
            "Stäng",
            "3 december - Webbinarium om fattigdom i dagens Sverige",
            "Mer information och anmälan.",
            "information (1)",
            "Cookies",
            "Den här hemsidan använder cookies för att säkerställa bästa möjliga upplevelse.",
            "Lär dig mer",
        ] {
            assert!(is_banner(line), "{line}");
        }
        for title in [
            "Visioncenter - genomförande",
            "Kraftverket",
            "2015/00646 - Ung i Gävleborg",
            "Stängsel och staket",
        ] {
            assert!(!is_banner(title), "{title}");
        }
    }
}
