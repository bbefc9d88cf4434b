//! Amounts, dates, periods and percentages as the project bank writes them.
//!
//! Each parser returns `None`/`Err` for text it cannot read; the caller turns that into a warning
//! naming the field and the raw text, so nothing is guessed silently.

/// A kronor amount and whether the page said it was approximate (`ca 300 000 kr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Amount {
    pub kronor: i64,
    pub approximate: bool,
}

/// Words that mark an amount as approximate.
const APPROX_PREFIXES: &[&str] = &[
    "cirka", "circa", "ca.", "ca", "ungefär", "omkring", "approx.", "~",
];

/// Units and their multipliers; longest spellings first so `mkr` wins over `kr`.
const UNITS: &[(&str, i64)] = &[
    ("miljoner kronor", 1_000_000),
    ("miljoner kr", 1_000_000),
    ("miljoner", 1_000_000),
    ("milj. kr", 1_000_000),
    ("milj kr", 1_000_000),
    ("milj.", 1_000_000),
    ("milj", 1_000_000),
    ("mnkr", 1_000_000),
    ("msek", 1_000_000),
    ("mkr", 1_000_000),
    ("mn", 1_000_000),
    ("tusen kronor", 1_000),
    ("tusen kr", 1_000),
    ("tusen", 1_000),
    ("tsek", 1_000),
    ("tkr", 1_000),
    ("kronor", 1),
    ("kr.", 1),
    ("kr", 1),
    ("sek", 1),
    (":-", 1),
    ("", 1),
];

/// Reads `3 742 943 kr`, `68 320 536`, `1,5 Mkr`, `2 MSEK`, `300 tkr`, `ca 300 000 kr`,
/// `45 511 728,50 kr` (rounded). Spaces (any kind, already normalised), dots and
/// apostrophes group thousands; a `,` or `.` followed by other than three digits is a decimal mark.
pub(crate) fn parse_amount(raw: &str) -> Option<Amount> {
    let lower = crate::text::fold(raw);
    let mut s = lower.as_str();
    let mut approximate = false;
    for prefix in APPROX_PREFIXES {
        if let Some(rest) = s.strip_prefix(prefix) {
            // `ca` must be a word of its own, not the start of something else.
            if prefix.ends_with(['.', '~'])
                || rest.starts_with(' ')
                || rest.starts_with(|c: char| c.is_ascii_digit())
            {
                s = rest.trim_start();
                approximate = true;
                break;
            }
        }
    }
    let number_len = s
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ' ' | '.' | ',' | '\'')))
        .unwrap_or(s.len());
    let number = s[..number_len].trim_end_matches([' ', '.', ',']);
    let unit = s[number.len()..].trim();
    let multiplier = UNITS.iter().find(|(u, _)| *u == unit).map(|&(_, m)| m)?;
    let (int_part, frac_part) = split_decimal(number)?;
    if int_part.is_empty() || int_part.len() > 15 || frac_part.len() > 6 {
        return None;
    }
    let int: i64 = int_part.parse().ok()?;
    let mut kronor = int.checked_mul(multiplier)?;
    if !frac_part.is_empty() {
        let frac: i64 = frac_part.parse().ok()?;
        let scale = 10i64.pow(frac_part.len() as u32);
        kronor = kronor.checked_add((frac * multiplier + scale / 2) / scale)?;
    }
    Some(Amount {
        kronor,
        approximate,
    })
}

/// Splits `17 069 852` / `1,5` / `1.234.567,50` into integer digits and decimal digits.
fn split_decimal(number: &str) -> Option<(String, String)> {
    let digits_only = |s: &str| -> String { s.chars().filter(char::is_ascii_digit).collect() };
    // The last `,` or `.` is a decimal mark unless exactly three digits follow it (a thousands
    // group), or it is a `.` and another `.` came before (`1.234.567`).
    if let Some(pos) = number.rfind([',', '.']) {
        let after = &number[pos + 1..];
        let after_digits = after.trim();
        let is_group = after_digits.len() == 3 && after_digits.chars().all(|c| c.is_ascii_digit());
        let multiple_marks = number[..pos].contains(number.as_bytes()[pos] as char);
        if !is_group && !multiple_marks {
            if !after_digits.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            return Some((digits_only(&number[..pos]), after_digits.to_owned()));
        }
    }
    Some((digits_only(number), String::new()))
}

/// Swedish month names and abbreviations (lowercase), 1-based.
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("februari", 2),
    ("mars", 3),
    ("april", 4),
    ("maj", 5),
    ("juni", 6),
    ("juli", 7),
    ("augusti", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("okt", 10),
    ("nov", 11),
    ("dec", 12),
];

/// A date as ISO `YYYY-MM-DD`, from `2011-02-28`, `20110228`, `2011-2-8`, `2011/02/28`,
/// `28/2 2011`, `28.2.2011`, `28 februari 2011`. Impossible dates (`2011-02-30`) are `None`.
pub(crate) fn parse_date(raw: &str) -> Option<String> {
    let lower = raw.trim().to_lowercase();
    if lower.len() > 40 {
        return None;
    }
    // Tokens: runs of digits or of letters; everything else separates.
    let mut tokens: Vec<&str> = Vec::with_capacity(4);
    let mut start = None;
    let mut prev_digit = false;
    for (i, c) in lower.char_indices() {
        let is_digit = c.is_ascii_digit();
        let is_word = is_digit || c.is_alphabetic();
        match start {
            Some(s) if !is_word || is_digit != prev_digit => {
                tokens.push(&lower[s..i]);
                start = is_word.then_some(i);
            }
            None if is_word => start = Some(i),
            _ => {}
        }
        prev_digit = is_digit;
    }
    if let Some(s) = start {
        tokens.push(&lower[s..]);
    }
    let num = |t: &str| {
        t.parse::<u32>()
            .ok()
            .filter(|_| t.chars().all(|c| c.is_ascii_digit()))
    };
    let month_name = |t: &str| MONTHS.iter().find(|(m, _)| *m == t).map(|&(_, n)| n);
    let (y, m, d) = match tokens.as_slice() {
        [t] if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) => {
            (num(&t[..4])?, num(&t[4..6])?, num(&t[6..])?)
        }
        [y, m, d] if y.len() == 4 => (num(y)?, num(m)?, num(d)?),
        [d, m, y] if y.len() == 4 && d.len() <= 2 => {
            let month = num(m).or_else(|| month_name(m))?;
            (num(y)?, month, num(d)?)
        }
        _ => return None,
    };
    valid_date(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn valid_date(y: u32, m: u32, d: u32) -> bool {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

/// Words and dashes that separate the two dates of a period.
const PERIOD_SEPARATORS: &[&str] = &[
    " till ", " t.o.m. ", " tom ", " to ", " – ", " — ", " - ", "–", "—",
];

/// The two raw halves of a period: `A till B`, `A - B`, `A–B`, and `A-B` with ISO dates (where
/// the dash between the dates is found by trying each dash until both halves read as dates).
pub(crate) fn split_period(raw: &str) -> Option<(&str, &str)> {
    let raw = raw.trim();
    for sep in PERIOD_SEPARATORS {
        if let Some((a, b)) = raw.split_once(sep) {
            return Some((a.trim(), b.trim()));
        }
    }
    if raw.len() <= 60 {
        for (i, c) in raw.char_indices().filter(|&(_, c)| c == '-') {
            let (a, b) = (&raw[..i], &raw[i + c.len_utf8()..]);
            if parse_date(a).is_some() && parse_date(b).is_some() {
                return Some((a.trim(), b.trim()));
            }
        }
    }
    None
}

/// `67%`, `67 %`, `66,5 %` as a percentage number.
pub(crate) fn parse_percent(raw: &str) -> Option<f64> {
    let s = raw.trim().strip_suffix('%')?.trim().replace(',', ".");
    s.parse::<f64>()
        .ok()
        .filter(|p| p.is_finite() && (0.0..=100.0).contains(p))
}

/// `1236`, `1 236`, `ca 400` as a count of people.
pub(crate) fn parse_count(raw: &str) -> Option<i64> {
    let a = parse_amount(raw)?;
    Some(a.kronor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(raw: &str) -> Option<i64> {
        parse_amount(raw).map(|a| a.kronor)
    }

    #[test]
    fn amounts() {
        assert_eq!(kr("3 742 943 kr"), Some(3_742_943));
        assert_eq!(kr("68 320 536"), Some(68_320_536));
        assert_eq!(kr("1,5 Mkr"), Some(1_500_000));
        assert_eq!(kr("2 MSEK"), Some(2_000_000));
        assert_eq!(kr("300 tkr"), Some(300_000));
        assert_eq!(kr("1.234.567 kr"), Some(1_234_567));
        assert_eq!(kr("45 511 728,50 kr"), Some(45_511_729));
        assert_eq!(kr("108 880 SEK"), Some(108_880));
        assert_eq!(kr("0"), Some(0));
        let ca = parse_amount("ca 300 000 kr").unwrap();
        assert_eq!((ca.kronor, ca.approximate), (300_000, true));
        assert!(parse_amount("cirka 2 Mkr").unwrap().approximate);
        for bad in [
            "",
            "kr",
            "okänt",
            "300 000 - 400 000 kr",
            "12 äpplen",
            "99999999999999999999 kr",
        ] {
            assert_eq!(kr(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates() {
        for (raw, iso) in [
            ("2011-02-28", "2011-02-28"),
            ("20110228", "2011-02-28"),
            ("2011-2-8", "2011-02-08"),
            ("2011/02/28", "2011-02-28"),
            ("28/2 2011", "2011-02-28"),
            ("28.2.2011", "2011-02-28"),
            ("28 februari 2011", "2011-02-28"),
            ("1 Sept. 2012", "2012-09-01"),
            ("2012-02-29", "2012-02-29"),
        ] {
            assert_eq!(parse_date(raw).as_deref(), Some(iso), "{raw}");
        }
        for bad in [
            "",
            "2011-02-30",
            "2011-13-01",
            "snart",
            "2011",
            "28 smörgås 2011",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn multibyte_tokens_are_not_dates() {
        // Eight bytes but four characters: must not be sliced as `YYYYMMDD`.
        assert_eq!(parse_date("åäöå"), None);
        assert_eq!(parse_date("28 åäöå 2011"), None);
    }

    #[test]
    fn periods() {
        assert_eq!(
            split_period("2011-02-28 till 2014-02-28"),
            Some(("2011-02-28", "2014-02-28"))
        );
        assert_eq!(
            split_period("2016-02-01 - 2019-06-30"),
            Some(("2016-02-01", "2019-06-30"))
        );
        assert_eq!(
            split_period("2016-02-01-2019-06-30"),
            Some(("2016-02-01", "2019-06-30"))
        );
        assert_eq!(
            split_period("2016-02-01–2019-06-30"),
            Some(("2016-02-01", "2019-06-30"))
        );
        assert_eq!(split_period("pågående"), None);
    }

    #[test]
    fn percent() {
        assert_eq!(parse_percent("67%"), Some(67.0));
        assert_eq!(parse_percent("66,5 %"), Some(66.5));
        assert_eq!(parse_percent("67"), None);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// `1234567` → `1 234 567` with the given separator.
    fn grouped(n: u64, sep: &str) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #[test]
        fn amounts_round_trip(n in 0u64..1_000_000_000_000, sep in prop_oneof![Just(" "), Just("."), Just("")],
                              unit in prop_oneof![Just(" kr"), Just(""), Just(" SEK"), Just(" kronor")]) {
            let text = format!("{}{unit}", grouped(n, sep));
            prop_assert_eq!(parse_amount(&text).map(|a| a.kronor), Some(n as i64), "{}", text);
        }

        #[test]
        fn millions_round_trip(whole in 0u64..10_000, tenths in 0u64..10) {
            let text = format!("{whole},{tenths} Mkr");
            let expected = (whole * 1_000_000 + tenths * 100_000) as i64;
            prop_assert_eq!(parse_amount(&text).map(|a| a.kronor), Some(expected));
        }

        #[test]
        fn dates_round_trip(y in 1950u32..2100, m in 1u32..=12, d in 1u32..=28) {
            let iso = format!("{y:04}-{m:02}-{d:02}");
            let month = MONTHS[(m - 1) as usize].0;
            for text in [
                iso.clone(),
                format!("{y}{m:02}{d:02}"),
                format!("{y}-{m}-{d}"),
                format!("{d}/{m} {y}"),
                format!("{d} {month} {y}"),
            ] {
                prop_assert_eq!(parse_date(&text), Some(iso.clone()), "{}", text);
            }
        }

        #[test]
        fn periods_round_trip(a in 1950u32..2100, b in 1950u32..2100, m in 1u32..=12, d in 1u32..=28,
                              sep in prop_oneof![Just(" till "), Just(" - "), Just("-"), Just("–")]) {
            let (start, end) = (format!("{a}-{m:02}-{d:02}"), format!("{b}-{m:02}-{d:02}"));
            let text = format!("{start}{sep}{end}");
            prop_assert_eq!(split_period(&text), Some((start.as_str(), end.as_str())));
        }

        #[test]
        fn never_panic(s in "\\PC{0,60}") {
            let _ = parse_amount(&s);
            let _ = parse_date(&s);
            let _ = split_period(&s);
            let _ = parse_percent(&s);
        }
    }
}
