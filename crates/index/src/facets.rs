//! Facet counting: a collector that counts the values of several raw string fast fields by
//! term ordinal per segment, then merges by value.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
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
