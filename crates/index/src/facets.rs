//! Facet counting from the per-segment [`SegmentCache`]: counts by ordinal in arrays, values
//! resolved once per segment at harvest, merged across segments by value.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema::FACETS;
use crate::segment_cache::{SegmentCache, SegmentColumns};

/// Per facet (in [`FACETS`] order): value -> count.
pub type FacetFruit = Vec<HashMap<String, u64>>;

/// Counts of every facet in one segment, by ordinal.
struct FacetCounts {
    columns: Arc<SegmentColumns>,
    /// `counts[i][ord]`: documents with value `ord` of facet `FACETS[i]`.
    counts: Vec<Vec<u64>>,
}

impl FacetCounts {
    fn new(columns: Arc<SegmentColumns>) -> FacetCounts {
        let counts = columns
            .facets()
            .iter()
            .map(|c| vec![0; c.num_values()])
            .collect();
        FacetCounts { columns, counts }
    }

    /// Counts a document in every facet.
    fn count(&mut self, doc: DocId) {
        for (column, counts) in self.columns.facets().iter().zip(&mut self.counts) {
            count_in(counts, column.ords(doc));
        }
    }

    /// Counts a document in facet `FACETS[index]` only.
    fn count_one(&mut self, index: usize, doc: DocId) {
        if let (Some(column), Some(counts)) =
            (self.columns.facet(index), self.counts.get_mut(index))
        {
            count_in(counts, column.ords(doc));
        }
    }

    fn harvest(self) -> FacetFruit {
        self.columns
            .facets()
            .iter()
            .zip(self.counts)
            .map(|(column, counts)| {
                counts
                    .into_iter()
                    .enumerate()
                    .filter(|&(_, count)| count > 0)
                    .filter_map(|(ord, count)| Some((column.value(ord)?.to_string(), count)))
                    .collect()
            })
            .collect()
    }
}

fn count_in(counts: &mut [u64], ords: &[u32]) {
    for &ord in ords {
        if let Some(c) = counts.get_mut(ord as usize) {
            *c += 1;
        }
    }
}

fn merge_facet_fruits(fruits: Vec<FacetFruit>) -> FacetFruit {
    let mut out: FacetFruit = vec![HashMap::new(); FACETS.len()];
    for fruit in fruits {
        for (acc, part) in out.iter_mut().zip(fruit) {
            for (k, v) in part {
                *acc.entry(k).or_insert(0) += v;
            }
        }
    }
    out
}

/// An active facet filter, checked per document from fast fields.
#[derive(Debug, Clone)]
pub(crate) struct ActiveFilter {
    /// Index in [`crate::schema::FACETS`] of the facet it filters.
    pub facet_index: usize,
    /// Accepted exact values (OR); None: no value filter.
    pub values: Option<Vec<String>>,
    /// Inclusive i64 range on `range_field` (the year range of `start_year`).
    pub range: Option<(&'static str, Option<i64>, Option<i64>)>,
}

struct SegmentFilter {
    columns: Arc<SegmentColumns>,
    /// Sorted accepted ordinals; None: no value filter.
    ords: Option<Vec<u32>>,
    range: Option<(Column<i64>, i64, i64)>,
    facet_index: usize,
}

impl SegmentFilter {
    fn passes(&self, doc: DocId) -> bool {
        if let Some(ords) = &self.ords {
            let Some(column) = self.columns.facet(self.facet_index) else {
                return false;
            };
            if !column
                .ords(doc)
                .iter()
                .any(|o| ords.binary_search(o).is_ok())
            {
                return false;
            }
        }
        if let Some((col, lo, hi)) = &self.range
            && !col.values_for_doc(doc).any(|v| v >= *lo && v <= *hi)
        {
            return false;
        }
        true
    }
}

/// Single-pass multi-select faceting around an inner collector (top docs, count).
///
/// The query it runs under carries the text and non-facet filters only. Per document it
/// checks the active facet filters: a document passing all of them goes to the inner collector
/// and counts in every facet; a document failing exactly one filter counts only in that
/// filter's facet (whose counts ignore its own filter); failing two or more, it is skipped.
pub(crate) struct MultiSelect<'a, C> {
    pub inner: C,
    pub filters: Vec<ActiveFilter>,
    pub cache: &'a SegmentCache,
}

pub(crate) struct MultiSelectSegment<S> {
    inner: S,
    filters: Vec<SegmentFilter>,
    counts: FacetCounts,
}

impl<C: Collector> Collector for MultiSelect<'_, C> {
    type Fruit = (C::Fruit, FacetFruit);
    type Child = MultiSelectSegment<C::Child>;

    fn for_segment(
        &self,
        segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let inner = self.inner.for_segment(segment_local_id, segment)?;
        let columns = self.cache.segment(segment)?;
        let filters = self
            .filters
            .iter()
            .map(|f| {
                let ords = f.values.as_ref().map(|values| {
                    let column = columns.facet(f.facet_index);
                    let mut ords: Vec<u32> =
                        values.iter().filter_map(|v| column?.ord_of(v)).collect();
                    ords.sort_unstable();
                    ords.dedup();
                    ords
                });
                let range = match f.range {
                    None => None,
                    Some((name, lo, hi)) => {
                        let col = segment
                            .fast_fields()
                            .column_opt::<i64>(name)?
                            .unwrap_or_else(|| Column::build_empty_column(segment.max_doc()));
                        Some((col, lo.unwrap_or(i64::MIN), hi.unwrap_or(i64::MAX)))
                    }
                };
                Ok(SegmentFilter {
                    columns: Arc::clone(&columns),
                    ords,
                    range,
                    facet_index: f.facet_index,
                })
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(MultiSelectSegment {
            inner,
            filters,
            counts: FacetCounts::new(columns),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(<C::Child as SegmentCollector>::Fruit, FacetFruit)>,
    ) -> tantivy::Result<Self::Fruit> {
        let (inner, counts): (Vec<_>, Vec<_>) = fruits.into_iter().unzip();
        Ok((self.inner.merge_fruits(inner)?, merge_facet_fruits(counts)))
    }
}

impl<S: SegmentCollector> SegmentCollector for MultiSelectSegment<S> {
    type Fruit = (S::Fruit, FacetFruit);

    fn collect(&mut self, doc: DocId, score: Score) {
        let mut failed = None;
        for f in &self.filters {
            if !f.passes(doc) {
                if failed.is_some() {
                    return;
                }
                failed = Some(f.facet_index);
            }
        }
        match failed {
            None => {
                self.inner.collect(doc, score);
                self.counts.count(doc);
            }
            Some(i) => self.counts.count_one(i, doc),
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.inner.harvest(), self.counts.harvest())
    }
}

/// Top `limit` values: count descending, then value ascending.
pub fn top_values(counts: HashMap<String, u64>, limit: usize) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(limit);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_values_sorts_by_count_then_value() {
        let m: HashMap<String, u64> = [("b", 2), ("a", 2), ("c", 5), ("d", 1)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let top = top_values(m, 3);
        assert_eq!(top, vec![("c".into(), 5), ("a".into(), 2), ("b".into(), 2)]);
    }
}
