//! The tantivy index of project sheets and the query engine on it: ingest (add or replace by
//! `id`), faceted full-text search, budget statistics, similar projects and export. The CLI and
//! the HTTP API are thin layers over [`Index`]; the JSON shapes of [`SearchResponse`],
//! [`StatsResponse`] and [`SimilarResponse`] are the outside contract's.
//!
//! ```no_run
//! # fn main() -> Result<(), projektsok_index::IndexError> {
//! let index = projektsok_index::Index::open_or_create("index")?;
//! let mut req = projektsok_index::SearchRequest::new("\"socialt företagande\" -praktik");
//! req.filters.set("region", "Övre Norrland")?;
//! let answer = index.search(&req)?;
//! println!("{}", serde_json::to_string(&answer)?);
//! # Ok(()) }
//! ```

mod compile;
pub mod error;
pub mod export;
pub mod facets;
pub mod filters;
pub mod ingest;
pub mod schema;
pub mod search;
mod segment_cache;
pub mod similar;
pub mod stats;
#[cfg(test)]
mod tests;

use std::path::Path;
use std::sync::{Arc, Weak};

use projektsok_parser::Project;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term, Warmer};

use crate::segment_cache::SegmentCache;

pub use error::{IndexError, Result};
pub use export::ExportFormat;
pub use filters::Filters;
pub use ingest::{IngestFailure, IngestReport, ProjectWriter};
pub use projektsok_query::QueryError;
pub use schema::{FACETS, Facet, Fields};
pub use search::{FacetCount, Facets, SearchHit, SearchRequest, SearchResponse, Sort};
pub use similar::{SimilarHit, SimilarRequest, SimilarResponse};
pub use stats::{GroupStats, MoneyStats, ShareHistogram, ShareStats, StatsRequest, StatsResponse};

/// The project index: a tantivy index with our schema and tokenizers, and a reader that
/// follows commits (searchers keep answering during ingest).
pub struct Index {
    index: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    segment_cache: Arc<SegmentCache>,
}

impl Index {
    /// Opens the index in `dir`, creating the directory and an empty index if needed.
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)?;
        let fields = Fields::new();
        let mmap = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| IndexError::Io(std::io::Error::other(e.to_string())))?;
        let index =
            tantivy::Index::open_or_create(mmap, fields.schema.clone()).map_err(|e| match e {
                tantivy::TantivyError::SchemaError(_) => {
                    IndexError::SchemaMismatch(dir.display().to_string())
                }
                other => other.into(),
            })?;
        if index.schema() != fields.schema {
            return Err(IndexError::SchemaMismatch(dir.display().to_string()));
        }
        Index::wrap(index, fields)
    }

    /// Opens an existing index; [`IndexError::NoIndex`] if `dir` holds none.
    pub fn open(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref();
        if !dir.join("meta.json").is_file() {
            return Err(IndexError::NoIndex(dir.display().to_string()));
        }
        Index::open_or_create(dir)
    }

    /// An empty index in memory (tests, benchmarks of small sets).
    pub fn create_in_ram() -> Result<Index> {
        let fields = Fields::new();
        let index = tantivy::Index::create_in_ram(fields.schema.clone());
        Index::wrap(index, fields)
    }

    fn wrap(index: tantivy::Index, fields: Fields) -> Result<Index> {
        projektsok_analysis::register_tokenizers(index.tokenizers());
        let segment_cache = Arc::new(SegmentCache::default());
        let warmer: Weak<dyn Warmer> = Arc::downgrade(&segment_cache) as Weak<dyn Warmer>;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![warmer])
            .try_into()?;
        Ok(Index {
            index,
            reader,
            fields,
            segment_cache,
        })
    }

    /// The writer; takes tantivy's lock, so a second writer gets [`IndexError::Locked`].
    pub fn writer(&self) -> Result<ProjectWriter<'_>> {
        ProjectWriter::new(self)
    }

    /// Picks up the latest commit now (instead of waiting for the reload policy).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    /// Reads the facet values of every segment into memory now rather than on first use (a
    /// server does this before it listens, so no early query pays for it).
    pub fn warm_cache(&self) -> Result<()> {
        self.segment_cache.warm(&self.searcher())?;
        Ok(())
    }

    /// The schema's field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The underlying tantivy index.
    pub fn tantivy(&self) -> &tantivy::Index {
        &self.index
    }

    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Number of projects in the index (as of the last reload).
    pub fn num_projects(&self) -> u64 {
        self.searcher().num_docs()
    }

    /// One project by id.
    pub fn get(&self, id: &str) -> Result<Option<Project>> {
        let searcher = self.searcher();
        let q = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        match top.first() {
            Some((_, addr)) => {
                let doc: TantivyDocument = searcher.doc(*addr)?;
                Ok(Some(project_of(&self.fields, &doc)?))
            }
            None => Ok(None),
        }
    }
}

/// The stored `Project` of a document.
pub(crate) fn project_of(fields: &Fields, doc: &TantivyDocument) -> Result<Project> {
    let json = doc
        .get_first(fields.project)
        .and_then(|v| v.as_str())
        .unwrap_or("{}");
    Ok(serde_json::from_str(json)?)
}
