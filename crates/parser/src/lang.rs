//! Section language by whatlang. Project sheets are written in Swedish, some with an English
//! summary, so detection is restricted to those two: it keeps short Swedish texts from being
//! called Danish or Norwegian, and whatlang's cost grows with every language it weighs (it is
//! the largest single cost of a parse; see the parse bench).

use std::sync::LazyLock;

use whatlang::{Detector, Lang};

/// Languages considered, with their ISO 639-1 codes.
const LANGS: &[(Lang, &str)] = &[(Lang::Swe, "sv"), (Lang::Eng, "en")];

/// Detection looks at this much text at most (about 30 words): enough for whatlang to tell
/// Swedish from English reliably, and it bounds the cost.
const SAMPLE_BYTES: usize = 200;

static DETECTOR: LazyLock<Detector> =
    LazyLock::new(|| Detector::with_allowlist(LANGS.iter().map(|&(lang, _)| lang).collect()));

/// `sv`, `en`, ... or `None` when whatlang is not confident (short or mixed text).
pub(crate) fn detect(text: &str) -> Option<String> {
    let sample = crate::text::prefix_at_most(text, SAMPLE_BYTES);
    let info = DETECTOR.detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    LANGS
        .iter()
        .find(|&&(lang, _)| lang == info.lang())
        .map(|&(_, code)| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn languages() {
        assert_eq!(
            detect("Projektet ska öka deltagarnas möjligheter till arbete och egen försörjning genom praktik och utbildning.").as_deref(),
            Some("sv")
        );
        assert_eq!(
            detect("The project aims to increase the participants' chances of finding work through training.").as_deref(),
            Some("en")
        );
        assert_eq!(detect("Ja."), None);
    }
}
