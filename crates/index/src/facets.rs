//! Facet counting: a collector that counts the values of several raw string fast fields by
//! term ordinal per segment, then merges by value.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts values of the named string fast fields over the matching documents.
pub struct FacetCollector {
    pub fields: Vec<&'static str>,
}

pub struct FacetSegmentCollector {
    columns: Vec<Option<(StrColumn, Vec<u64>)>>,
}

/// Per field (same order as the collector's `fields`): value -> count.
pub type FacetFruit = Vec<HashMap<String, u64>>;

impl Collector for FacetCollector {
    type Fruit = FacetFruit;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCollector> {
        let mut columns = Vec::with_capacity(self.fields.len());
        for f in &self.fields {
            let col = segment.fast_fields().str(f)?;
            columns.push(col.map(|c| {
                let n = c.num_terms();
                (c, vec![0u64; n])
            }));
        }
        Ok(FacetSegmentCollector { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetFruit>) -> tantivy::Result<FacetFruit> {
        let mut out: FacetFruit = vec![HashMap::new(); self.fields.len()];
        for fruit in fruits {
            for (acc, part) in out.iter_mut().zip(fruit) {
                for (k, v) in part {
                    *acc.entry(k).or_insert(0) += v;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = FacetFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (col, counts) in self.columns.iter_mut().flatten() {
            for ord in col.term_ords(doc) {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> FacetFruit {
        let mut out = Vec::with_capacity(self.columns.len());
        for entry in self.columns {
            let mut map = HashMap::new();
            if let Some((col, counts)) = entry {
                let mut buf = String::new();
                for (ord, count) in counts.into_iter().enumerate() {
                    if count == 0 {
                        continue;
                    }
                    buf.clear();
                    if col.ord_to_str(ord as u64, &mut buf).unwrap_or(false) {
                        map.insert(buf.clone(), count);
                    }
                }
            }
            out.push(map);
        }
        out
    }
}

/// An active facet filter, checked per document from fast fields.
#[derive(Debug, Clone)]
pub(crate) struct ActiveFilter {
    /// Index in [`crate::schema::FACETS`] of the facet it filters.
    pub facet_index: usize,
    /// String fast field of the facet.
    pub field: &'static str,
    /// Accepted exact values (OR); None: no value filter.
    pub values: Option<Vec<String>>,
    /// Inclusive i64 range on `range_field` (the year range of `start_year`).
    pub range: Option<(&'static str, Option<i64>, Option<i64>)>,
}

struct SegmentFilter {
    column: Option<StrColumn>,
    /// Sorted accepted ordinals; None: no value filter.
    ords: Option<Vec<u64>>,
    range: Option<(Column<i64>, i64, i64)>,
    facet_index: usize,
}

impl SegmentFilter {
    fn passes(&self, doc: DocId) -> bool {
        if let Some(ords) = &self.ords {
            let Some(col) = &self.column else {
                return false;
            };
            if !col.term_ords(doc).any(|o| ords.binary_search(&o).is_ok()) {
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
pub(crate) struct MultiSelect<C> {
    pub inner: C,
    pub filters: Vec<ActiveFilter>,
    /// Facet fields counted, in [`crate::schema::FACETS`] order.
    pub count_fields: Vec<&'static str>,
}

pub(crate) struct MultiSelectSegment<S> {
    inner: S,
    filters: Vec<SegmentFilter>,
    counts: FacetSegmentCollector,
}

impl<C: Collector> Collector for MultiSelect<C> {
    type Fruit = (C::Fruit, FacetFruit);
    type Child = MultiSelectSegment<C::Child>;

    fn for_segment(
        &self,
        segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let inner = self.inner.for_segment(segment_local_id, segment)?;
        let counts = FacetCollector {
            fields: self.count_fields.clone(),
        }
        .for_segment(segment_local_id, segment)?;
        let mut filters = Vec::with_capacity(self.filters.len());
        for f in &self.filters {
            let column = segment.fast_fields().str(f.field)?;
            let ords = match &f.values {
                None => None,
                Some(values) => {
                    let mut ords = Vec::new();
                    if let Some(col) = &column {
                        for v in values {
                            if let Some(o) = col.dictionary().term_ord(v)? {
                                ords.push(o);
                            }
                        }
                    }
                    ords.sort_unstable();
                    ords.dedup();
                    Some(ords)
                }
            };
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
            filters.push(SegmentFilter {
                column,
                ords,
                range,
                facet_index: f.facet_index,
            });
        }
        Ok(MultiSelectSegment {
            inner,
            filters,
            counts,
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
        let merged = FacetCollector {
            fields: self.count_fields.clone(),
        }
        .merge_fruits(counts)?;
        Ok((self.inner.merge_fruits(inner)?, merged))
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
                self.counts.collect(doc, score);
            }
            Some(i) => self.counts.collect_one(i, doc),
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.inner.harvest(), self.counts.harvest())
    }
}

impl FacetSegmentCollector {
    /// Counts one document in one facet only.
    fn collect_one(&mut self, index: usize, doc: DocId) {
        if let Some(Some((col, counts))) = self.columns.get_mut(index) {
            for ord in col.term_ords(doc) {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
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
