//! Section language by whatlang. Project sheets are written in Swedish, some with an English
//! summary, so detection is restricted to those two: it keeps short Swedish texts from being
//! called Danish or Norwegian, and whatlang's cost grows with every language it weighs.
//!
//! whatlang was still a quarter of a parse (about 8 µs a section: it counts and sorts every
//! trigram of the sample), so plainly Swedish prose, which most sections are, is recognised
//! first by its function words and whatlang only asked about the rest. The shortcut answers
//! only where whatlang says `sv` with confidence too (tested on the corpus and on random
//! mixtures of Swedish and English).

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
    if plainly_swedish(sample) {
        return Some("sv".to_string());
    }
    by_whatlang(sample)
}

fn by_whatlang(sample: &str) -> Option<String> {
    let info = DETECTOR.detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    LANGS
        .iter()
        .find(|&&(lang, _)| lang == info.lang())
        .map(|&(_, code)| code.to_string())
}

/// A sample shorter than this is left to whatlang: on a sentence or two it is often unsure,
/// and the shortcut must not be surer than it.
const MIN_PLAIN_BYTES: usize = 120;

/// Function words of Swedish that are not English words.
const SWEDISH_WORDS: &[&str] = &[
    "och", "att", "som", "för", "med", "till", "av", "på", "är", "det", "ett", "har", "ska",
    "kommer", "inom", "vi", "från", "inte", "kan", "sig", "där", "genom", "samt", "eller", "också",
    "detta", "dessa", "deras", "hos", "mot", "alla", "mer", "nya", "andra", "en", "de",
];
/// How many of them a plainly Swedish sample has at least.
const MIN_SWEDISH_WORDS: usize = 4;

/// Common English words, rare in Swedish (not `it`: `IT-branschen`): a single one
/// leaves the sample to whatlang (an English summary, or Swedish mixed with English).
const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "of", "to", "is", "are", "with", "for", "this", "that", "which", "will", "be",
    "by", "from", "on", "as", "at", "we", "our", "have", "has", "was", "were", "not", "or", "an",
];

/// The listed words as [`key`]s: every word of a sample is looked up in both lists.
const SWEDISH_KEYS: [u64; SWEDISH_WORDS.len()] = keys(SWEDISH_WORDS);
const ENGLISH_KEYS: [u64; ENGLISH_WORDS.len()] = keys(ENGLISH_WORDS);

/// The longest listed words (`kommer`, `också`) have this many bytes: longer words are not
/// looked up.
const LISTED_BYTES: usize = 6;

/// A word of at most [`LISTED_BYTES`] as a number (its bytes, zero-padded; words have no NUL),
/// so a comparison with a listed word is one instruction.
const fn key(word: &[u8]) -> u64 {
    assert!(
        word.len() <= LISTED_BYTES,
        "a listed word is longer than LISTED_BYTES"
    );
    let mut buf = [0u8; 8];
    let mut i = 0;
    while i < word.len() {
        buf[i] = word[i];
        i += 1;
    }
    u64::from_le_bytes(buf)
}

const fn keys<const N: usize>(words: &[&str]) -> [u64; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = key(words[i].as_bytes());
        i += 1;
    }
    out
}

/// Whether `sample` is Swedish prose beyond doubt: long enough, Latin letters only, no English
/// word, at least [`MIN_SWEDISH_WORDS`] Swedish function words and at least one word in six
/// (English nouns strung together by a few `och` stay whatlang's). Words are compared
/// ASCII-lowercased, so a capitalised `Är` is simply not counted.
fn plainly_swedish(sample: &str) -> bool {
    if sample.len() < MIN_PLAIN_BYTES {
        return false;
    }
    let (mut swedish, mut words) = (0, 0);
    // (`char::is_alphanumeric` after an inlined test for ASCII, the most chars)
    let alphanumeric = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        }
    };
    for word in sample.split(|c| !alphanumeric(c)) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        if !word.is_ascii() && word.chars().any(|c| !is_latin(c)) {
            return false;
        }
        if word.len() > LISTED_BYTES {
            continue;
        }
        let mut buf = [0u8; 8];
        buf[..word.len()].copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        let lower = u64::from_le_bytes(buf);
        // (no early exit: the compiler unrolls this into compares without a branch)
        let listed = |keys: &[u64]| keys.iter().fold(false, |found, &k| found | (k == lower));
        if listed(&ENGLISH_KEYS) {
            return false;
        }
        swedish += usize::from(listed(&SWEDISH_KEYS));
    }
    swedish >= MIN_SWEDISH_WORDS && swedish * 6 >= words
}

/// Latin letters (with the Latin-1 and Latin Extended-A/B blocks): other scripts make
/// whatlang weigh the sample differently, so they are left to it.
fn is_latin(c: char) -> bool {
    c.is_ascii() || ('\u{c0}'..='\u{24f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    /// The shortcut answers only where whatlang agrees, on every section of the corpus.
    #[test]
    fn shortcut_agrees_with_whatlang_on_the_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut shortcuts = 0;
        for dir in [root.clone(), root.join("excerpts"), root.join("written")] {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let Ok(bytes) = std::fs::read(e.path()) else {
                    continue;
                };
                let options = crate::ParseOptions { lexicons: false };
                let Ok(p) = crate::parse_bytes_with("test", &bytes, options) else {
                    continue;
                };
                for s in &p.sections {
                    let sample = crate::text::prefix_at_most(&s.text, SAMPLE_BYTES);
                    if plainly_swedish(sample) {
                        shortcuts += 1;
                        assert_eq!(by_whatlang(sample).as_deref(), Some("sv"), "{sample}");
                    }
                }
            }
        }
        assert!(
            shortcuts >= 30,
            "{shortcuts} sections taken by the shortcut"
        );
    }

    proptest! {
        /// Random mixtures of Swedish and English sentences, names, numbers and lists.
        #[test]
        fn shortcut_agrees_with_whatlang(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "Projektet ska öka deltagarnas möjligheter till arbete och egen försörjning.",
                "Målgruppen är unga mellan 16 och 24 år som varken arbetar eller studerar.",
                "Insatserna riktas till långtidsarbetslösa inom IT-branschen i Västerås.",
                "Vi har genom förstudien sett att det finns ett stort behov av praktik.",
                "Samverkan med Arbetsförmedlingen och kommunen är en del av projektet.",
                "Deltagarna erbjuds coachning, mentorskap och språkstöd på arbetsplatsen.",
                "Lokalerna är tillgängliga och informationen finns i flera format.",
                "Allt informationsmaterial tas fram i lättläst form.",
                "The project aims to increase the participants' chances of finding work.",
                "Young people in Malmö are offered training and internships.",
                "Participants will receive mentoring, coaching and language support.",
                "In English",
                "Summary of the project",
                "Training in welding, logistics and health care.",
                "ESF", "AF:s", "2014–2020", "17 000 kr", "45 %", "Göteborg", "Umeå", "Sápmi",
                "- 200 deltagare", "• praktik", "\n", "\n\n",
            ]),
            0..12,
        )) {
            let text = parts.join(" ");
            let sample = crate::text::prefix_at_most(&text, SAMPLE_BYTES);
            if plainly_swedish(sample) {
                prop_assert_eq!(by_whatlang(sample), Some("sv".to_string()), "{}", sample);
            }
        }
    }
}
