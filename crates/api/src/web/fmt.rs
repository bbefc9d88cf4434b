//! Swedish number formatting: `17 069 852 kr`, `39,3 %`.

use super::Lang;

/// Digits grouped by three with spaces: `17069852` -> `17 069 852`.
pub fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Whole kronor: `17 069 852 kr`.
pub fn kr(n: i64) -> String {
    format!("{} kr", group(n))
}

/// Optional kronor, `–` when missing.
pub fn kr_opt(n: Option<i64>) -> String {
    n.map(kr).unwrap_or_else(|| "–".to_string())
}

/// A mean or median in kronor, rounded to whole kronor.
pub fn kr_f(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => kr(v.round() as i64),
        _ => "–".to_string(),
    }
}

/// Compact kronor for chart labels: `43,5 mnkr`, `812 tkr`.
pub fn kr_short(n: i64, lang: Lang) -> String {
    let a = n.unsigned_abs() as f64;
    let sign = if n < 0 { "−" } else { "" };
    let (v, unit) = if a >= 1e9 {
        (a / 1e9, lang.t("mdkr", "bn SEK"))
    } else if a >= 1e6 {
        (a / 1e6, lang.t("mnkr", "m SEK"))
    } else if a >= 1e3 {
        (a / 1e3, lang.t("tkr", "k SEK"))
    } else {
        return format!("{sign}{} kr", a as i64);
    };
    let s = if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    let s = match lang {
        Lang::Sv => s.replace('.', ","),
        Lang::En => s,
    };
    format!("{sign}{s} {unit}")
}

/// A share 0..1 as a percentage with one decimal: `39,3 %`.
pub fn pct(share: Option<f64>, lang: Lang) -> String {
    match share {
        Some(s) if s.is_finite() => {
            let v = format!("{:.1}", s * 100.0);
            match lang {
                Lang::Sv => format!("{} %", v.replace('.', ",")),
                Lang::En => format!("{v} %"),
            }
        }
        _ => "–".to_string(),
    }
}

/// A whole number with grouped digits (counts, participants).
pub fn int(n: i64) -> String {
    group(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_numbers() {
        assert_eq!(kr(17_069_852), "17 069 852 kr");
        assert_eq!(kr(0), "0 kr");
        assert_eq!(kr(999), "999 kr");
        assert_eq!(kr(1000), "1 000 kr");
        assert_eq!(group(-1_234_567), "−1 234 567");
        assert_eq!(pct(Some(0.39277), Lang::Sv), "39,3 %");
        assert_eq!(pct(None, Lang::Sv), "–");
        assert_eq!(kr_short(43_459_612, Lang::Sv), "43,5 mnkr");
        assert_eq!(kr_short(812_000, Lang::Sv), "812 tkr");
        assert_eq!(kr_f(Some(10.6)), "11 kr");
    }
}
