//! Word segmentation: the first step shared by every analyzer.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Words longer than this (in chars) are dropped: they are noise (URLs glued together,
/// base64, ...) and tantivy refuses terms over 65 530 bytes anyway.
pub const MAX_WORD_CHARS: usize = 64;

/// One word of the input: byte offsets into the original text and its normalised form
/// (NFC, lowercase, soft hyphens removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawWord {
    pub offset_from: usize,
    pub offset_to: usize,
    pub text: String,
}

/// Soft hyphen and the `¬` that PDF-to-text conversion leaves in its place (`prak¬tik`):
/// invisible inside a word, so `prak¬tik` is the word `praktik`.
fn is_invisible_hyphen(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{00AC}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}'
    )
}

/// `char::to_lowercase` of a char pushed onto `s`, with ASCII and the letters of Swedish text
/// looked up quickly.
fn push_lower(s: &mut String, c: char) {
    match c {
        _ if c.is_ascii() => s.push(c.to_ascii_lowercase()),
        'å' | 'ä' | 'ö' | 'é' => s.push(c),
        'Å' => s.push('å'),
        'Ä' => s.push('ä'),
        'Ö' => s.push('ö'),
        'É' => s.push('é'),
        _ => s.extend(c.to_lowercase()),
    }
}

/// Whether `c` is its own lowercase, with the letters of Swedish text answered quickly.
fn is_own_lowercase(c: char) -> bool {
    matches!(c, 'å' | 'ä' | 'ö' | 'é') || {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    }
}

/// `char::is_alphanumeric`, with the letters of Swedish text answered quickly.
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        matches!(c, 'å' | 'ä' | 'ö' | 'é' | 'Å' | 'Ä' | 'Ö' | 'É') || c.is_alphanumeric()
    }
}

/// Splits `text` into words: maximal runs of letters and digits (any script; å, ä, ö, é, ü are
/// letters like any other), combining marks kept with their base letter. A genitive after a
/// colon (`AF:s`, `SFI:n`) belongs to the word and is dropped from its text.
pub fn words(text: &str) -> Vec<RawWord> {
    let mut out = Vec::new();
    for_each_word(text, |offset_from, offset_to, w| {
        out.push(RawWord {
            offset_from,
            offset_to,
            text: w.to_string(),
        })
    });
    out
}

/// Like [`words`], calling `f(offset_from, offset_to, text)` for every word without allocating
/// a string per word (the text lives in one reused buffer, or is a slice of `text`).
///
/// Works on bytes: most words of Swedish text are runs of ASCII letters and digits, or such
/// runs with lowercase å, ä and ö, passed on as they are; only other characters are decoded one
/// by one, and only words with capitals or invisible hyphens are copied to be lowercased.
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    let bytes = text.as_bytes();
    let char_at = |i: usize| text[i..].chars().next().unwrap_or_default();
    let mut lower = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let c = char_at(i);
            if !is_alphanumeric(c) {
                i += c.len_utf8();
                continue;
            }
        }
        let start = i;
        // whether the word's text is other than its bytes (capitals, invisible hyphens)
        let mut changed;
        (i, changed) = ascii_run(bytes, i);
        // whether the word is that one run of ASCII letters and digits
        let ascii = bytes.get(i).is_none_or(u8::is_ascii);
        let mut raw_chars = i - start;
        // a non-ASCII char at `i`, then maybe another ASCII run, and so on
        while i < bytes.len() && !bytes[i].is_ascii() {
            let c = char_at(i);
            if is_alphanumeric(c) || is_combining_mark(c) {
                changed |= !is_own_lowercase(c);
                raw_chars += 1;
            } else if is_invisible_hyphen(c)
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
            {
                changed = true;
            } else {
                break;
            }
            i += c.len_utf8();
            let (run_end, upper) = ascii_run(bytes, i);
            changed |= upper;
            raw_chars += run_end - i;
            i = run_end;
        }
        let word_end = i;
        // `AF:s`, `SFI:n`, `ESF:ens`: colon + 1..3 lowercase letters + end of word.
        if bytes.get(i) == Some(&b':') {
            let mut ahead = text[i + 1..].char_indices();
            let mut suffix_len = 0;
            let mut suffix_end = 0;
            let mut next = ahead.next();
            while suffix_len < 3 {
                match next {
                    Some((b, c)) if c.is_lowercase() => {
                        suffix_len += 1;
                        suffix_end = i + 1 + b + c.len_utf8();
                        next = ahead.next();
                    }
                    _ => break,
                }
            }
            if suffix_len > 0 && next.is_none_or(|(_, c)| !is_alphanumeric(c)) {
                i = suffix_end;
            }
        }
        if raw_chars > MAX_WORD_CHARS {
            continue;
        }
        let raw = &text[start..word_end];
        let word = if changed {
            // (inside a word, a char is kept, lowercased, unless it is an invisible hyphen)
            lower.clear();
            for c in raw.chars().filter(|&c| !is_invisible_hyphen(c)) {
                push_lower(&mut lower, c);
            }
            &lower
        } else {
            raw
        };
        // NFC only changes text with chars from U+0300 on, whose UTF-8 bytes are >= 0xCC
        if ascii || word.bytes().all(|b| b < 0xcc) {
            f(start, i, word);
        } else {
            let nfc: String = word.nfc().collect();
            if !nfc.is_empty() {
                f(start, i, &nfc);
            }
        }
    }
}

/// The end of the run of ASCII letters and digits at `i`, and whether it has an uppercase
/// letter: eight bytes at a time, as the end of a word is too unpredictable for a branch per
/// byte.
fn ascii_run(bytes: &[u8], mut i: usize) -> (usize, bool) {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = LOW * 0x80;
    // the high bit of each byte of `x` (bytes below 0x80) that lies in `lo..=hi`: adding
    // `0x80 - lo` sets it from `lo` on, adding `0x7f - hi` from `hi + 1` on (no carries)
    let within = |x: u64, lo: u8, hi: u8| {
        (x + LOW * u64::from(0x80 - lo)) & !(x + LOW * u64::from(0x7f - hi)) & HIGH
    };
    let mut upper = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let x = w & !HIGH;
        let alnum = (within(x, b'0', b'9') | within(x | (LOW * 0x20), b'a', b'z')) & !w;
        let other = !alnum & HIGH;
        // (the bytes before the first other one)
        upper |= within(x, b'A', b'Z') & other.wrapping_sub(1) & !other;
        if other != 0 {
            return (i + other.trailing_zeros() as usize / 8, upper != 0);
        }
        i += 8;
    }
    while let Some(b) = bytes.get(i).filter(|b| b.is_ascii_alphanumeric()) {
        upper |= u64::from(b.is_ascii_uppercase());
        i += 1;
    }
    (i, upper != 0)
}

/// ASCII-folds a (lowercase) word: `malmö` -> `malmo`, `västerås` -> `vasteras`,
/// `café` -> `cafe`, `æ` -> `ae`. Letters without a Latin base are kept.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push('o'),
            'œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'đ' | 'ð' => out.push('d'),
            'ł' => out.push('l'),
            'þ' => out.push_str("th"),
            'ı' => out.push('i'),
            _ => out.push(c),
        }
    }
    if out.is_empty() {
        // a "word" of marks only (possible in some scripts): keep it rather than lose it
        return word.to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The straightforward implementation [`words`] must agree with.
    fn words_reference(text: &str) -> Vec<RawWord> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            if !c.is_alphanumeric() {
                i += 1;
                continue;
            }
            let mut raw = String::new();
            let mut j = i;
            while j < chars.len() {
                let c = chars[j].1;
                if c.is_alphanumeric() || is_combining_mark(c) {
                    raw.push(c);
                    j += 1;
                } else if is_invisible_hyphen(c)
                    && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphabetic())
                {
                    j += 1;
                } else {
                    break;
                }
            }
            // `AF:s`, `SFI:n`, `ESF:ens`: colon + 1..3 lowercase letters + end of word.
            if chars.get(j).is_some_and(|&(_, c)| c == ':') {
                let mut k = j + 1;
                while k < chars.len() && k - j <= 3 && chars[k].1.is_lowercase() {
                    k += 1;
                }
                let suffix_len = k - j - 1;
                let ends = chars.get(k).is_none_or(|&(_, c)| !c.is_alphanumeric());
                if (1..=3).contains(&suffix_len) && ends {
                    j = k;
                }
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            i = j;
            if raw.chars().count() > MAX_WORD_CHARS {
                continue;
            }
            let lower: String = raw.chars().flat_map(char::to_lowercase).collect();
            let text: String = lower.nfc().collect();
            if text.is_empty() {
                continue;
            }
            out.push(RawWord {
                offset_from: start,
                offset_to: end,
                text,
            });
        }
        out
    }

    fn texts(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn keeps_swedish_letters_and_digits() {
        assert_eq!(
            texts("Långtidsarbetslösa i Västerås 2011-02-28, café Über"),
            [
                "långtidsarbetslösa",
                "i",
                "västerås",
                "2011",
                "02",
                "28",
                "café",
                "über"
            ]
        );
    }

    #[test]
    fn soft_hyphens_and_genitive_colon() {
        assert_eq!(
            texts("prak¬tik/arbets\u{ad}prövning"),
            ["praktik", "arbetsprövning"]
        );
        assert_eq!(
            texts("AF:s och SFI:n, ESF:ens 10:00"),
            ["af", "och", "sfi", "esf", "10", "00"]
        );
    }

    #[test]
    fn decomposed_input_is_composed() {
        assert_eq!(texts("Va\u{308}stera\u{30a}s"), ["västerås"]);
    }

    #[test]
    fn offsets_cover_the_word() {
        let s = "Ö AF:s";
        let w = words(s);
        assert_eq!(&s[w[0].offset_from..w[0].offset_to], "Ö");
        assert_eq!(&s[w[1].offset_from..w[1].offset_to], "AF:s");
    }

    #[test]
    fn folding() {
        assert_eq!(fold("malmö"), "malmo");
        assert_eq!(fold("västerås"), "vasteras");
        assert_eq!(fold("örebro"), "orebro");
        assert_eq!(fold("jönköping"), "jonkoping");
        assert_eq!(fold("entrée"), "entree");
        assert_eq!(fold("über"), "uber");
    }

    #[test]
    fn agrees_with_the_reference_on_the_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        for dir in [root.clone(), root.join("excerpts"), root.join("written")] {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    assert_eq!(words(&t), words_reference(&t), "{}", e.path().display());
                }
            }
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_reference(
            s in "([a-zA-ZåäöÅÄÖİ0-9 :.\u{AD}\u{AC}\u{301}\u{308}\u{212B}\u{1100}\u{1161}]|AF:s|x{70}){0,40}"
        ) {
            prop_assert_eq!(words(&s), words_reference(&s));
        }

        #[test]
        fn ascii_run_is_the_run_of_letters_and_digits(
            bytes in proptest::collection::vec(proptest::sample::select(
                b"09AZaz/:@[`{\x80\xc1\xc3\xda\xe1\xff".to_vec()), 0..40),
            i in 0usize..40,
        ) {
            let i = i.min(bytes.len());
            let end = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(bytes.len(), |n| i + n);
            let upper = bytes[i..end].iter().any(u8::is_ascii_uppercase);
            prop_assert_eq!(ascii_run(&bytes, i), (end, upper));
        }

        #[test]
        fn agrees_with_the_reference_on_any_text(s in "\\PC{0,80}") {
            prop_assert_eq!(words(&s), words_reference(&s));
        }
    }
}
