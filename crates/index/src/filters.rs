//! Filters shared by search, stats, similar and export: facet values (OR within a facet, AND
//! across facets) and numeric ranges, the same names as the HTTP API's query parameters.

use std::collections::BTreeMap;
use std::ops::Bound;

use serde::{Deserialize, Serialize};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::error::{IndexError, Result};
use crate::facets::ActiveFilter;
use crate::schema::{FACETS, Facet, Fields, START_YEAR_N};

/// Facet filters and ranges. Empty means "everything".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// Facet name -> accepted values (OR). Keys are [`Facet::name`]s.
    #[serde(default)]
    pub facets: BTreeMap<String, Vec<String>>,
    pub budget_min: Option<i64>,
    pub budget_max: Option<i64>,
    pub grant_min: Option<i64>,
    pub grant_max: Option<i64>,
    pub year_from: Option<i64>,
    pub year_to: Option<i64>,
}

/// Parameter names accepted by [`Filters::set`] besides the facet names.
pub const RANGE_PARAMS: [&str; 6] = [
    "budget_min",
    "budget_max",
    "grant_min",
    "grant_max",
    "year_from",
    "year_to",
];

impl Filters {
    /// Sets one parameter the way the HTTP API and `--filter FIELD=VALUE` do: a facet name adds a
    /// value (repeat for OR), a range name sets the bound. Unknown names are an error listing the
    /// allowed ones.
    pub fn set(&mut self, name: &str, value: &str) -> Result<()> {
        let n = name.trim().to_lowercase();
        if let Some(facet) = Facet::from_name(&n) {
            let v = value.trim();
            if v.is_empty() {
                return Err(IndexError::invalid(name, value, "empty value"));
            }
            let list = self.facets.entry(facet.name().to_string()).or_default();
            if !list.iter().any(|x| x == v) {
                list.push(v.to_string());
            }
            return Ok(());
        }
        let slot = match n.as_str() {
            "budget_min" => &mut self.budget_min,
            "budget_max" => &mut self.budget_max,
            "grant_min" => &mut self.grant_min,
            "grant_max" => &mut self.grant_max,
            "year_from" => &mut self.year_from,
            "year_to" => &mut self.year_to,
            _ => {
                return Err(IndexError::Unknown {
                    what: "filter",
                    name: name.to_string(),
                    allowed: format!("{}, {}", Facet::allowed(), RANGE_PARAMS.join(", ")),
                });
            }
        };
        let cleaned: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_')
            .collect();
        let parsed = cleaned
            .parse::<i64>()
            .map_err(|_| IndexError::invalid(name, value, "not a whole number"))?;
        *slot = Some(parsed);
        Ok(())
    }

    /// Parses `FIELD=VALUE` (the CLI's `--filter`).
    pub fn set_pair(&mut self, pair: &str) -> Result<()> {
        match pair.split_once('=') {
            Some((k, v)) => self.set(k, v),
            None => Err(IndexError::invalid(
                "--filter",
                pair,
                "expected FIELD=VALUE, e.g. region=Övre Norrland",
            )),
        }
    }

    /// Checks facet names (for values deserialised from JSON) and range order.
    pub fn validate(&self) -> Result<()> {
        for k in self.facets.keys() {
            if Facet::from_name(k).is_none() {
                return Err(IndexError::Unknown {
                    what: "filter",
                    name: k.clone(),
                    allowed: format!("{}, {}", Facet::allowed(), RANGE_PARAMS.join(", ")),
                });
            }
        }
        Ok(())
    }

    /// Accepted values of a facet, if it is filtered.
    pub fn values(&self, facet: Facet) -> Option<&[String]> {
        self.facets
            .iter()
            .find(|(k, v)| Facet::from_name(k) == Some(facet) && !v.is_empty())
            .map(|(_, v)| v.as_slice())
    }

    /// Whether the facet has an active filter (for multi-select facet counts; the year range
    /// counts as a filter of `start_year`).
    pub fn is_active(&self, facet: Facet) -> bool {
        self.values(facet).is_some()
            || (facet == Facet::StartYear && (self.year_from.is_some() || self.year_to.is_some()))
    }

    /// The filter clauses as scoreless tantivy queries, leaving out the filter of `except`
    /// (multi-select facet counts).
    pub(crate) fn clauses(
        &self,
        fields: &Fields,
        searcher: &Searcher,
        except: Option<Facet>,
    ) -> Result<Vec<Box<dyn Query>>> {
        self.validate()?;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for facet in FACETS {
            if Some(facet) == except {
                continue;
            }
            if let Some(values) = self.values(facet) {
                let field = fields.facet(facet);
                let mut terms = Vec::new();
                for v in values {
                    terms.extend(resolve_keyword(searcher, field, v)?);
                }
                out.push(keyword_query(field, terms));
            }
        }
        let ranges = [
            (
                fields.total_budget_sek,
                self.budget_min,
                self.budget_max,
                None,
            ),
            (fields.esf_grant_sek, self.grant_min, self.grant_max, None),
            (
                fields.start_year_n,
                self.year_from,
                self.year_to,
                Some(Facet::StartYear),
            ),
        ];
        for (field, lo, hi, facet) in ranges {
            if facet.is_some() && facet == except {
                continue;
            }
            if lo.is_none() && hi.is_none() {
                continue;
            }
            out.push(Box::new(ConstScoreQuery::new(
                Box::new(i64_range(
                    field,
                    lo.map(Bound::Included),
                    hi.map(Bound::Included),
                )),
                0.0,
            )));
        }
        Ok(out)
    }
}

impl Filters {
    /// The budget and grant ranges only (the facet filters and the year range are applied by
    /// the multi-select collector).
    pub(crate) fn range_clauses(&self, fields: &Fields) -> Vec<Box<dyn Query>> {
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for (field, lo, hi) in [
            (fields.total_budget_sek, self.budget_min, self.budget_max),
            (fields.esf_grant_sek, self.grant_min, self.grant_max),
        ] {
            if lo.is_none() && hi.is_none() {
                continue;
            }
            out.push(Box::new(ConstScoreQuery::new(
                Box::new(i64_range(
                    field,
                    lo.map(Bound::Included),
                    hi.map(Bound::Included),
                )),
                0.0,
            )));
        }
        out
    }

    /// The facet filters (and the year range, as a filter of `start_year`) for the
    /// multi-select collector, values resolved against the index like [`resolve_keyword`].
    pub(crate) fn active_filters(
        &self,
        fields: &Fields,
        searcher: &Searcher,
    ) -> Result<Vec<ActiveFilter>> {
        self.validate()?;
        let mut out = Vec::new();
        for (i, facet) in FACETS.iter().enumerate() {
            let values = match self.values(*facet) {
                Some(values) => {
                    let mut resolved = Vec::new();
                    for v in values {
                        resolved.extend(resolve_keyword(searcher, fields.facet(*facet), v)?);
                    }
                    Some(resolved)
                }
                None => None,
            };
            let range = (*facet == Facet::StartYear
                && (self.year_from.is_some() || self.year_to.is_some()))
            .then_some((START_YEAR_N, self.year_from, self.year_to));
            if values.is_some() || range.is_some() {
                out.push(ActiveFilter {
                    facet_index: i,
                    values,
                    range,
                });
            }
        }
        Ok(out)
    }
}

/// A range query on an i64 field; `None` bounds are unbounded.
pub(crate) fn i64_range(
    field: Field,
    lo: Option<Bound<i64>>,
    hi: Option<Bound<i64>>,
) -> RangeQuery {
    let map = |b: Option<Bound<i64>>| match b {
        Some(Bound::Included(v)) => Bound::Included(Term::from_field_i64(field, v)),
        Some(Bound::Excluded(v)) => Bound::Excluded(Term::from_field_i64(field, v)),
        _ => Bound::Unbounded,
    };
    RangeQuery::new(map(lo), map(hi))
}

/// OR of exact terms of a raw field, scoreless. No term: matches nothing.
pub(crate) fn keyword_query(field: Field, values: Vec<String>) -> Box<dyn Query> {
    let mut values = values;
    values.sort();
    values.dedup();
    if values.is_empty() {
        // A term that no facet value has: matches nothing.
        values.push("\u{0}".to_string());
    }
    let subs: Vec<(Occur, Box<dyn Query>)> = values
        .into_iter()
        .map(|v| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, &v),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(subs)), 0.0))
}

/// Lowercased and ASCII-folded, whitespace collapsed: how keyword values are compared.
pub(crate) fn norm_keyword(s: &str) -> String {
    let lower = s.trim().to_lowercase();
    let collapsed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    projektsok_analysis::text::fold(&collapsed)
}

/// The indexed values of a raw field equal to `value` up to case, diacritics and spacing
/// (`övre norrland` finds `Övre Norrland`). The exact value is always included.
pub(crate) fn resolve_keyword(
    searcher: &Searcher,
    field: Field,
    value: &str,
) -> Result<Vec<String>> {
    let want = norm_keyword(value);
    let mut out = vec![value.trim().to_string()];
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            if let Ok(term) = std::str::from_utf8(stream.key())
                && norm_keyword(term) == want
                && !out.iter().any(|o| o == term)
            {
                out.push(term.to_string());
            }
        }
    }
    Ok(out)
}

/// Matches every live document.
pub(crate) fn all() -> Box<dyn Query> {
    Box::new(AllQuery)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_parses_facets_and_ranges() {
        let mut f = Filters::default();
        f.set("region", "Övre Norrland").unwrap();
        f.set("region", "Stockholm").unwrap();
        f.set("region", "Stockholm").unwrap();
        f.set_pair("budget_min=5 000 000").unwrap();
        f.set_pair("kommun=Mjölby").unwrap();
        assert_eq!(f.values(Facet::Region).unwrap().len(), 2);
        assert_eq!(f.values(Facet::Municipality).unwrap(), ["Mjölby"]);
        assert_eq!(f.budget_min, Some(5_000_000));
        assert!(f.is_active(Facet::Region));
        assert!(!f.is_active(Facet::StartYear));
        f.set("year_from", "2010").unwrap();
        assert!(f.is_active(Facet::StartYear));
    }

    #[test]
    fn set_rejects_unknown_and_bad_numbers() {
        let mut f = Filters::default();
        let e = f.set("colour", "red").unwrap_err().to_string();
        assert!(
            e.contains("unknown filter 'colour'") && e.contains("region"),
            "{e}"
        );
        let e = f.set("budget_min", "lots").unwrap_err().to_string();
        assert!(e.contains("not a whole number"), "{e}");
        assert!(f.set_pair("region").is_err());
        assert!(f.set("region", "  ").is_err());
    }

    #[test]
    fn norm() {
        assert_eq!(norm_keyword("  Övre   Norrland "), "ovre norrland");
    }
}
