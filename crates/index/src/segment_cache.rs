//! The columns every query reads of each segment (facet values, budget figures), read out of
//! the fast fields once and kept as plain arrays.
//!
//! A segment never changes once written, so the facet ordinals and money figures of its
//! documents, and the value of each facet ordinal, can be read once and shared by every query.
//! Counting from an array costs a fraction of decoding the columnar index per document, and an
//! ordinal's value becomes a slice index instead of a dictionary block decode: the server's
//! CPU per request of the bench's query mix fell from 5.9 to 3.2 ms (docs/BENCHMARKS.md).
//! The arrays take about 16 bytes per document and facet value plus 40 per document.
//!
//! The cache is filled on a segment's first use, or for all segments at once by
//! [`crate::Index::warm_cache`] (the server does so before it listens). It is registered with
//! the index reader as a tantivy [`Warmer`] only for its garbage collection, which names the
//! segments still searched: merged-away segments leave the cache with their last searcher.
//! `warm` itself does nothing, so an ingest, which reloads after every commit, pays nothing.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SearcherGeneration, SegmentReader, Warmer};

use crate::schema::{self, FACETS};

/// The values of one facet in one segment.
#[derive(Debug, Default)]
pub(crate) struct FacetColumn {
    /// Value of each ordinal, in the dictionary's (byte) order.
    values: Vec<String>,
    /// The ordinals of document `d` are `ords[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    ords: Vec<u32>,
}

impl FacetColumn {
    fn read(column: Option<StrColumn>, max_doc: DocId) -> tantivy::Result<FacetColumn> {
        let Some(column) = column else {
            return Ok(FacetColumn {
                values: Vec::new(),
                starts: vec![0; max_doc as usize + 1],
                ords: Vec::new(),
            });
        };
        let num_terms = column.num_terms();
        let mut values = Vec::with_capacity(num_terms);
        column
            .dictionary()
            .sorted_ords_to_term_cb(&(0..num_terms as u64).collect::<Vec<_>>(), |bytes| {
                values.push(String::from_utf8_lossy(bytes).into_owned())
            })?;
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::with_capacity(max_doc as usize);
        starts.push(0);
        for doc in 0..max_doc {
            ords.extend(column.term_ords(doc).map(|ord| ord as u32));
            starts.push(ords.len() as u32);
        }
        Ok(FacetColumn {
            values,
            starts,
            ords,
        })
    }

    /// Ordinals of a document's values.
    pub fn ords(&self, doc: DocId) -> &[u32] {
        let doc = doc as usize;
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&from), Some(&to)) => &self.ords[from as usize..to as usize],
            _ => &[],
        }
    }

    /// Number of distinct values (ordinals run from 0 to this, exclusive).
    pub fn num_values(&self) -> usize {
        self.values.len()
    }

    /// The value of an ordinal.
    pub fn value(&self, ord: usize) -> Option<&str> {
        self.values.get(ord).map(String::as_str)
    }

    /// The ordinal of a value, if some document of the segment has it.
    pub fn ord_of(&self, value: &str) -> Option<u32> {
        // The dictionary orders terms by their bytes, which is `str`'s order too.
        self.values
            .binary_search_by(|v| v.as_str().cmp(value))
            .ok()
            .map(|i| i as u32)
    }
}

/// The cached columns of one segment.
#[derive(Debug)]
pub(crate) struct SegmentColumns {
    /// In [`FACETS`] order.
    facets: Vec<FacetColumn>,
    /// Per document (stats read these for every matching one).
    pub budget: Vec<Option<i64>>,
    pub grant: Vec<Option<i64>>,
    pub share: Vec<Option<f64>>,
}

impl SegmentColumns {
    fn read(segment: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let fast = segment.fast_fields();
        let facets = FACETS
            .iter()
            .map(|f| FacetColumn::read(fast.str(f.name())?, segment.max_doc()))
            .collect::<tantivy::Result<_>>()?;
        Ok(SegmentColumns {
            facets,
            budget: per_document(fast.column_opt(schema::BUDGET)?, segment.max_doc()),
            grant: per_document(fast.column_opt(schema::GRANT)?, segment.max_doc()),
            share: per_document(fast.column_opt(schema::SHARE)?, segment.max_doc()),
        })
    }

    /// The column of facet `FACETS[index]`.
    pub fn facet(&self, index: usize) -> Option<&FacetColumn> {
        self.facets.get(index)
    }

    /// Every facet column, in [`FACETS`] order.
    pub fn facets(&self) -> &[FacetColumn] {
        &self.facets
    }
}

/// The first value of each document of a numeric column (none when the column is absent).
fn per_document<T>(column: Option<Column<T>>, max_doc: DocId) -> Vec<Option<T>>
where
    T: PartialOrd + Copy + std::fmt::Debug + Send + Sync + 'static,
{
    match column {
        Some(column) => (0..max_doc).map(|doc| column.first(doc)).collect(),
        None => vec![None; max_doc as usize],
    }
}

/// Segment id -> its cached columns.
#[derive(Default)]
pub(crate) struct SegmentCache {
    segments: RwLock<HashMap<SegmentId, Arc<SegmentColumns>>>,
}

impl SegmentCache {
    /// The columns of a segment, read now if they are not cached yet.
    pub fn segment(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentColumns>> {
        let id = segment.segment_id();
        if let Some(found) = self.read_lock().get(&id) {
            return Ok(Arc::clone(found));
        }
        // Read outside the lock: queries on other segments go on meanwhile. Two queries
        // racing on a new segment both read it, and one result is kept.
        let columns = Arc::new(SegmentColumns::read(segment)?);
        let mut segments = self
            .segments
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(Arc::clone(segments.entry(id).or_insert(columns)))
    }

    /// Reads every segment of `searcher` not cached yet.
    pub fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for segment in searcher.segment_readers() {
            self.segment(segment)?;
        }
        Ok(())
    }

    fn read_lock(&self) -> std::sync::RwLockReadGuard<'_, HashMap<SegmentId, Arc<SegmentColumns>>> {
        // A panic while holding the lock cannot leave the map half-written (inserts are
        // single calls), so a poisoned lock is still good to read.
        self.segments
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Warmer for SegmentCache {
    fn warm(&self, _searcher: &Searcher) -> tantivy::Result<()> {
        // Lazy: see the module docs.
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live: HashSet<SegmentId> = live_generations
            .iter()
            .flat_map(|generation| generation.segments().keys().copied())
            .collect();
        self.segments
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .retain(|id, _| live.contains(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[&str], docs: &[&[u32]]) -> FacetColumn {
        let mut starts = vec![0];
        let mut ords = Vec::new();
        for d in docs {
            ords.extend_from_slice(d);
            starts.push(ords.len() as u32);
        }
        FacetColumn {
            values: values.iter().map(|v| v.to_string()).collect(),
            starts,
            ords,
        }
    }

    #[test]
    fn ordinals_per_document_and_values() {
        let c = column(&["Skåne län", "Stockholms län"], &[&[0, 1], &[], &[1]]);
        assert_eq!(c.ords(0), &[0, 1]);
        assert_eq!(c.ords(1), &[] as &[u32]);
        assert_eq!(c.ords(2), &[1]);
        assert_eq!(c.ords(3), &[] as &[u32], "past the last document");
        assert_eq!(c.value(1), Some("Stockholms län"));
        assert_eq!(c.value(2), None);
        assert_eq!(c.ord_of("Stockholms län"), Some(1));
        assert_eq!(c.ord_of("Uppsala län"), None);
        assert_eq!(c.num_values(), 2);
    }
}
