//! Query-string parsing by hand: repeatable parameters (`region=A&region=B` is an OR), strict
//! names (an unknown parameter is a 400 listing the allowed ones), and values checked with
//! messages that name the parameter and what was expected.
//!
//! An empty value (`region=` from an HTML form's "any" option) is the same as no value.

use projektsok_index::filters::RANGE_PARAMS;
use projektsok_index::{FACETS, Facet, Filters};

use crate::Config;
use crate::error::ApiError;

/// The `name=value` pairs of a query string, decoded strictly: bytes that are not UTF-8 are a
/// 400 naming the parameter, not U+FFFD (the request would quietly search for something else).
fn decode_pairs(raw: &str) -> Result<Vec<(String, String)>, ApiError> {
    let decode = |part: &str| -> Option<String> {
        let plus_as_space = part.replace('+', " ");
        percent_encoding::percent_decode_str(&plus_as_space)
            .decode_utf8()
            .ok()
            .map(|s| s.into_owned())
    };
    let mut pairs = Vec::new();
    for pair in raw.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = decode(name).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "parameter name '{}' is not UTF-8 once percent-decoded",
                clip(name)
            ))
        })?;
        let value = decode(value)
            .ok_or_else(|| ApiError::param(&name, "is not UTF-8 once percent-decoded"))?;
        if !name.is_empty() {
            pairs.push((name, value));
        }
    }
    Ok(pairs)
}

/// The decoded `name=value` pairs of a query string, in order.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

/// The names of the filter parameters (facets, then ranges), for docs and error messages.
pub fn filter_names() -> Vec<&'static str> {
    FACETS
        .iter()
        .map(|f| f.name())
        .chain(RANGE_PARAMS)
        .collect()
}

fn is_filter(name: &str) -> bool {
    RANGE_PARAMS.contains(&name) || (Facet::from_name(name).is_some() && name == name.trim())
}

impl Params {
    /// Decodes `raw` and checks every name is in `allowed` (or a filter name, when `filters`).
    pub fn parse(raw: Option<&str>, allowed: &[&str], filters: bool) -> Result<Params, ApiError> {
        let pairs = decode_pairs(raw.unwrap_or(""))?;
        for (k, _) in &pairs {
            if !(allowed.contains(&k.as_str()) || (filters && is_filter(k))) {
                let mut names: Vec<&str> = allowed.to_vec();
                if filters {
                    names.extend(filter_names());
                }
                return Err(ApiError::BadRequest(format!(
                    "unknown parameter '{}' (allowed: {})",
                    clip(k),
                    names.join(", ")
                )));
            }
        }
        Ok(Params { pairs })
    }

    /// Every non-empty value of `name`.
    pub fn all<'a>(&'a self, name: &str) -> Vec<&'a str> {
        self.pairs
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The value of a parameter that may appear once.
    pub fn one<'a>(&'a self, name: &str) -> Result<Option<&'a str>, ApiError> {
        let all = self.all(name);
        let first = all.first().copied();
        if all.len() > 1 {
            return Err(ApiError::param(
                name,
                "given more than once; expected one value",
            ));
        }
        Ok(first)
    }

    /// A whole number in `lo..=hi`, or `default` when absent.
    pub fn number(
        &self,
        name: &str,
        lo: usize,
        hi: usize,
        default: usize,
    ) -> Result<usize, ApiError> {
        match self.one(name)? {
            None => Ok(default),
            Some(v) => match v.trim().parse::<usize>() {
                Ok(n) if (lo..=hi).contains(&n) => Ok(n),
                Ok(_) | Err(_) => Err(ApiError::param(
                    name,
                    if hi == usize::MAX {
                        format!("expected a whole number from {lo}, got {}", quoted(v))
                    } else {
                        format!(
                            "expected a whole number from {lo} to {hi}, got {}",
                            quoted(v)
                        )
                    },
                )),
            },
        }
    }

    /// The query `q` (empty matches everything), checked against the length cap.
    pub fn query(&self, config: &Config) -> Result<String, ApiError> {
        let q = self.one("q")?.unwrap_or("").to_string();
        let n = q.chars().count();
        if n > config.max_query_chars {
            return Err(ApiError::param(
                "q",
                format!("at most {} characters, got {n}", config.max_query_chars),
            ));
        }
        Ok(q)
    }

    /// Facet filters (repeat for OR) and ranges, checked.
    pub fn filters(&self, config: &Config) -> Result<Filters, ApiError> {
        let mut f = Filters::default();
        let mut counts: std::collections::HashMap<&str, usize> = Default::default();
        for (name, value) in &self.pairs {
            if value.trim().is_empty() || RANGE_PARAMS.contains(&name.as_str()) {
                continue;
            }
            if Facet::from_name(name).is_none() {
                continue;
            }
            let n = counts.entry(name.as_str()).or_default();
            *n += 1;
            if *n > config.max_filter_values {
                return Err(ApiError::param(
                    name.as_str(),
                    format!("at most {} values", config.max_filter_values),
                ));
            }
            f.set(name, value)
                .map_err(|e| ApiError::param(name.as_str(), e.to_string()))?;
        }
        f.budget_min = self.money("budget_min")?;
        f.budget_max = self.money("budget_max")?;
        f.grant_min = self.money("grant_min")?;
        f.grant_max = self.money("grant_max")?;
        f.year_from = self.year("year_from")?;
        f.year_to = self.year("year_to")?;
        for (lo, hi, a, b) in [
            ("budget_min", "budget_max", f.budget_min, f.budget_max),
            ("grant_min", "grant_max", f.grant_min, f.grant_max),
            ("year_from", "year_to", f.year_from, f.year_to),
        ] {
            if let (Some(a), Some(b)) = (a, b)
                && a > b
            {
                return Err(ApiError::param(
                    lo,
                    format!("{lo} ({a}) is greater than {hi} ({b}); expected {lo} <= {hi}"),
                ));
            }
        }
        Ok(f)
    }

    /// Whole kronor (`5000000`, `5 000 000`, `5_000_000`), not negative.
    fn money(&self, name: &str) -> Result<Option<i64>, ApiError> {
        let Some(v) = self.one(name)? else {
            return Ok(None);
        };
        let cleaned: String = v
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_')
            .collect();
        match cleaned.parse::<i64>() {
            Ok(n) if n >= 0 => Ok(Some(n)),
            _ => Err(ApiError::param(
                name,
                format!("expected a whole number of kronor, got {}", quoted(v)),
            )),
        }
    }

    fn year(&self, name: &str) -> Result<Option<i64>, ApiError> {
        let Some(v) = self.one(name)? else {
            return Ok(None);
        };
        match v.trim().parse::<i64>() {
            Ok(n) if (1000..=9999).contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::param(
                name,
                format!("expected a year such as 2015, got {}", quoted(v)),
            )),
        }
    }
}

/// A value as JSON-ish quoted text, clipped so an error never echoes a huge input.
pub fn quoted(v: &str) -> String {
    format!("{:?}", clip(v))
}

fn clip(v: &str) -> String {
    const MAX: usize = 80;
    if v.chars().count() <= MAX {
        v.to_string()
    } else {
        let mut s: String = v.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(raw: &str) -> Result<Params, ApiError> {
        Params::parse(Some(raw), &["q", "page"], true)
    }

    #[test]
    fn decoding_is_strict_utf8() {
        let ok = p("q=socialt+f%C3%B6retagande&page=2").unwrap();
        assert_eq!(ok.one("q").unwrap(), Some("socialt företagande"));
        let e = p("q=%FF%FE").unwrap_err().to_string();
        assert!(e.starts_with("q:") && e.contains("UTF-8"), "{e}");
        let e = p("%FF=1").unwrap_err().to_string();
        assert!(e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn repeated_filters_are_or_and_empty_values_ignored() {
        let c = Config::default();
        let f = p("region=A&region=B&county=&q=x")
            .unwrap()
            .filters(&c)
            .unwrap();
        assert_eq!(f.facets.get("region").map(Vec::len), Some(2));
        assert!(!f.facets.contains_key("county"));
    }

    #[test]
    fn unknown_names_list_the_allowed_ones() {
        let e = p("colour=red").unwrap_err().to_string();
        assert!(
            e.contains("unknown parameter 'colour'") && e.contains("budget_min"),
            "{e}"
        );
        assert!(Params::parse(Some("region=A"), &["q"], false).is_err());
    }

    #[test]
    fn numbers_and_ranges_are_checked() {
        let c = Config::default();
        let e = p("budget_min=abc")
            .unwrap()
            .filters(&c)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "budget_min: expected a whole number of kronor, got \"abc\""
        );
        let e = p("year_from=2020&year_to=2010")
            .unwrap()
            .filters(&c)
            .unwrap_err();
        assert!(e.to_string().starts_with("year_from:"), "{e}");
        let f = p("budget_min=5%20000%20000").unwrap().filters(&c).unwrap();
        assert_eq!(f.budget_min, Some(5_000_000));
        let e = p("page=-1")
            .unwrap()
            .number("page", 1, usize::MAX, 1)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "page: expected a whole number from 1, got \"-1\""
        );
        let e = p("page=1&page=2")
            .unwrap()
            .number("page", 1, 9, 1)
            .unwrap_err();
        assert!(e.to_string().contains("more than once"));
        assert!(quoted(&"x".repeat(500)).len() < 100);
    }
}
