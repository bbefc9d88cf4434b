//! Helpers shared by the index subcommands.

/// Applies `--filter FIELD=VALUE` arguments.
pub fn filters(pairs: &[String]) -> anyhow::Result<projektsok_index::Filters> {
    let mut f = projektsok_index::Filters::default();
    for p in pairs {
        f.set_pair(p)?;
    }
    Ok(f)
}

/// Whole kronor with thin grouping: `43 459 612`.
pub fn sek(v: Option<i64>) -> String {
    match v {
        None => "–".into(),
        Some(v) => {
            let digits = v.unsigned_abs().to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(' ');
                }
                out.push(c);
            }
            if v < 0 { format!("-{out}") } else { out }
        }
    }
}

/// Same as [`sek`] for a float, rounded.
pub fn sek_f(v: Option<f64>) -> String {
    sek(v.map(|x| x.round() as i64))
}

/// Prints a query error with a caret under the fault, or passes other errors on.
pub fn query_error(q: &str, e: projektsok_index::IndexError) -> anyhow::Error {
    if let projektsok_index::IndexError::Query(qe) = &e {
        anyhow::anyhow!("bad query: {qe}\n  {}", qe.pointer(q).replace('\n', "\n  "))
    } else {
        e.into()
    }
}
