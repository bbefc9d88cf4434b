//! Budget analysis: per group (region, county, ...), count, sum, mean, median, min and max of
//! the total budget and the ESF grant, and the mean ESF share, under any query and filters.
//!
//! Values come from fast fields; medians need the values, so they are collected per group
//! (8 bytes per project and group). A project with several values of the group field (two
//! counties) counts in each of its groups; a project with none counts in the group whose `key`
//! is null, so sums over the groups of a single-valued field equal the overall sums.
//! Groups are ordered by count (descending, then key), except `start_year`, ordered by year.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::Index;
use crate::error::{IndexError, Result};
use crate::filters::Filters;
use crate::schema::Facet;
use crate::search::{build_query, text_query};
use crate::segment_cache::{SegmentCache, SegmentColumns};

/// A stats request, as `/api/stats` parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatsRequest {
    /// A facet name: region, county, municipality, owner_type, start_year, phase,
    /// programme_area, target_group, method.
    pub group_by: String,
    pub q: String,
    pub filters: Filters,
}

impl Default for StatsRequest {
    fn default() -> Self {
        StatsRequest {
            group_by: "region".into(),
            q: String::new(),
            filters: Filters::default(),
        }
    }
}

/// Figures of a money field over the projects of a group that have it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MoneyStats {
    pub sum: i64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShareStats {
    pub mean: Option<f64>,
}

/// One group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupStats {
    /// The group's value; null for projects without one.
    pub key: Option<String>,
    pub count: u64,
    pub total_budget_sek: MoneyStats,
    pub esf_grant_sek: MoneyStats,
    pub esf_share: ShareStats,
}

/// The answer of `/api/stats` and `projektsok stats --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatsResponse {
    pub groups: Vec<GroupStats>,
}

impl MoneyStats {
    /// Figures of a list of values (reordered in place). Linear: the median is selected,
    /// not sorted for (a stats request over all projects reads 100 000 budgets).
    pub fn of(values: &mut [i64]) -> MoneyStats {
        let n = values.len();
        if n == 0 {
            return MoneyStats::default();
        }
        let sum: i128 = values.iter().map(|v| *v as i128).sum();
        let (lower, upper_median, _) = values.select_nth_unstable(n / 2);
        let upper_median = *upper_median as f64;
        let median = if n % 2 == 1 {
            upper_median
        } else {
            // The other middle value is the largest of the lower half.
            let lower_median = lower.iter().copied().max().unwrap_or_default();
            (lower_median as f64 + upper_median) / 2.0
        };
        MoneyStats {
            sum: sum.clamp(i64::MIN as i128, i64::MAX as i128) as i64,
            mean: Some(sum as f64 / n as f64),
            median: Some(median),
            min: values.iter().copied().min(),
            max: values.iter().copied().max(),
        }
    }
}

#[derive(Default, Clone)]
struct Acc {
    count: u64,
    budgets: Vec<i64>,
    grants: Vec<i64>,
    share_sum: f64,
    share_n: u64,
}

impl Acc {
    fn merge(&mut self, o: Acc) {
        self.count += o.count;
        self.budgets.extend(o.budgets);
        self.grants.extend(o.grants);
        self.share_sum += o.share_sum;
        self.share_n += o.share_n;
    }
}

struct StatsCollector<'a> {
    /// [`Facet::position`] of the facet grouped by.
    group: usize,
    cache: &'a SegmentCache,
}

struct StatsSegmentCollector {
    group: usize,
    columns: Arc<SegmentColumns>,
    /// By term ordinal.
    accs: Vec<Acc>,
    none: Acc,
}

type StatsFruit = HashMap<Option<String>, Acc>;

impl Collector for StatsCollector<'_> {
    type Fruit = StatsFruit;
    type Child = StatsSegmentCollector;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<StatsSegmentCollector> {
        let columns = self.cache.segment(segment)?;
        let n = columns.facet(self.group).map_or(0, |c| c.num_values());
        Ok(StatsSegmentCollector {
            group: self.group,
            columns,
            accs: vec![Acc::default(); n],
            none: Acc::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<StatsFruit>) -> tantivy::Result<StatsFruit> {
        let mut out: StatsFruit = HashMap::new();
        for f in fruits {
            for (k, acc) in f {
                out.entry(k).or_default().merge(acc);
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for StatsSegmentCollector {
    type Fruit = StatsFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let at = doc as usize;
        let budget = self.columns.budget.get(at).copied().flatten();
        let grant = self.columns.grant.get(at).copied().flatten();
        let share = self.columns.share.get(at).copied().flatten();
        let add = |acc: &mut Acc| {
            acc.count += 1;
            if let Some(b) = budget {
                acc.budgets.push(b);
            }
            if let Some(g) = grant {
                acc.grants.push(g);
            }
            if let Some(s) = share {
                acc.share_sum += s;
                acc.share_n += 1;
            }
        };
        let mut any = false;
        if let Some(column) = self.columns.facet(self.group) {
            for &ord in column.ords(doc) {
                if let Some(acc) = self.accs.get_mut(ord as usize) {
                    add(acc);
                    any = true;
                }
            }
        }
        if !any {
            add(&mut self.none);
        }
    }

    fn harvest(self) -> StatsFruit {
        let mut out = HashMap::new();
        let column = self.columns.facet(self.group);
        for (ord, acc) in self.accs.into_iter().enumerate() {
            if acc.count == 0 {
                continue;
            }
            if let Some(value) = column.and_then(|c| c.value(ord)) {
                out.insert(Some(value.to_string()), acc);
            }
        }
        if self.none.count > 0 {
            out.insert(None, self.none);
        }
        out
    }
}

/// Matching projects per ESF-share bin: `[0, 10)`, `[10, 20)`, ... `[90, 100]` % (shares
/// above 100 % in the last bin, below 0 in the first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareHistogram {
    pub bins: [u64; 10],
    /// Matching projects without a share.
    pub missing: u64,
}

impl ShareHistogram {
    fn add(&mut self, share: Option<f64>) {
        match share {
            Some(s) if s.is_finite() => {
                let i = ((s * 10.0).floor().max(0.0) as usize).min(9);
                self.bins[i] += 1;
            }
            _ => self.missing += 1,
        }
    }

    fn merge(&mut self, other: &ShareHistogram) {
        for (a, b) in self.bins.iter_mut().zip(other.bins) {
            *a += b;
        }
        self.missing += other.missing;
    }
}

struct HistogramCollector<'a> {
    cache: &'a SegmentCache,
}

struct HistogramSegmentCollector {
    columns: Arc<SegmentColumns>,
    histogram: ShareHistogram,
}

impl Collector for HistogramCollector<'_> {
    type Fruit = ShareHistogram;
    type Child = HistogramSegmentCollector;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<HistogramSegmentCollector> {
        Ok(HistogramSegmentCollector {
            columns: self.cache.segment(segment)?,
            histogram: ShareHistogram::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<ShareHistogram>) -> tantivy::Result<ShareHistogram> {
        let mut out = ShareHistogram::default();
        for f in &fruits {
            out.merge(f);
        }
        Ok(out)
    }
}

impl SegmentCollector for HistogramSegmentCollector {
    type Fruit = ShareHistogram;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let share = self.columns.share.get(doc as usize).copied().flatten();
        self.histogram.add(share);
    }

    fn harvest(self) -> ShareHistogram {
        self.histogram
    }
}

/// Allowed `group_by` values.
pub fn group_by_allowed() -> String {
    Facet::allowed()
}

impl Index {
    /// Budget figures per group.
    pub fn stats(&self, req: &StatsRequest) -> Result<StatsResponse> {
        let facet = Facet::from_name(&req.group_by).ok_or_else(|| IndexError::Unknown {
            what: "group_by",
            name: req.group_by.clone(),
            allowed: group_by_allowed(),
        })?;
        let searcher = self.searcher();
        let (_, text) = text_query(self, &searcher, &req.q)?;
        let query = build_query(self, &searcher, text.as_deref(), &req.filters, None)?;
        let fruit = searcher.search(
            &*query,
            &StatsCollector {
                group: facet.position(),
                cache: &self.segment_cache,
            },
        )?;
        let mut groups: Vec<GroupStats> = fruit
            .into_iter()
            .map(|(key, mut acc)| GroupStats {
                key,
                count: acc.count,
                total_budget_sek: MoneyStats::of(&mut acc.budgets),
                esf_grant_sek: MoneyStats::of(&mut acc.grants),
                esf_share: ShareStats {
                    mean: (acc.share_n > 0).then(|| acc.share_sum / acc.share_n as f64),
                },
            })
            .collect();
        if facet == Facet::StartYear {
            groups.sort_by(|a, b| match (&a.key, &b.key) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, _) => std::cmp::Ordering::Greater,
                (_, None) => std::cmp::Ordering::Less,
                (Some(x), Some(y)) => x.cmp(y),
            });
        } else {
            groups.sort_by(|a, b| {
                b.count.cmp(&a.count).then_with(|| match (&a.key, &b.key) {
                    (None, None) => std::cmp::Ordering::Equal,
                    (None, _) => std::cmp::Ordering::Greater,
                    (_, None) => std::cmp::Ordering::Less,
                    (Some(x), Some(y)) => x.cmp(y),
                })
            });
        }
        Ok(StatsResponse { groups })
    }

    /// The ESF shares of the projects matching `q` and `filters`, in 10 % bins.
    pub fn share_histogram(&self, q: &str, filters: &Filters) -> Result<ShareHistogram> {
        let searcher = self.searcher();
        let (_, text) = text_query(self, &searcher, q)?;
        let query = build_query(self, &searcher, text.as_deref(), filters, None)?;
        Ok(searcher.search(
            &*query,
            &HistogramCollector {
                cache: &self.segment_cache,
            },
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_stats_math() {
        let s = MoneyStats::of(&mut [5, 1, 3]);
        assert_eq!(s.sum, 9);
        assert_eq!(s.mean, Some(3.0));
        assert_eq!(s.median, Some(3.0));
        assert_eq!((s.min, s.max), (Some(1), Some(5)));
        let s = MoneyStats::of(&mut [4, 1, 3, 10]);
        assert_eq!(s.median, Some(3.5));
        assert_eq!(s.mean, Some(4.5));
        let s = MoneyStats::of(&mut []);
        assert_eq!(s, MoneyStats::default());
        assert_eq!(s.mean, None);
    }

    #[test]
    fn histogram_bins() {
        let mut h = ShareHistogram::default();
        for s in [
            Some(0.0),
            Some(0.099),
            Some(0.1),
            Some(0.39),
            Some(1.0),
            Some(1.2),
            Some(-0.1),
        ] {
            h.add(s);
        }
        h.add(None);
        h.add(Some(f64::NAN));
        assert_eq!(h.bins, [3, 1, 0, 1, 0, 0, 0, 0, 0, 2]);
        assert_eq!(h.missing, 2);
    }

    proptest::proptest! {
        #[test]
        fn selected_median_equals_the_sorted_one(mut values in proptest::collection::vec(-1_000_000i64..1_000_000, 1..200)) {
            let mut sorted = values.clone();
            sorted.sort_unstable();
            let n = sorted.len();
            let median = if n % 2 == 1 {
                sorted[n / 2] as f64
            } else {
                (sorted[n / 2 - 1] as f64 + sorted[n / 2] as f64) / 2.0
            };
            let s = MoneyStats::of(&mut values);
            proptest::prop_assert_eq!(s.median, Some(median));
            proptest::prop_assert_eq!((s.min, s.max), (sorted.first().copied(), sorted.last().copied()));
            proptest::prop_assert_eq!(s.sum, sorted.iter().sum::<i64>());
        }
    }
}
