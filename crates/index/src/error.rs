//! The one error type of the crate.

use projektsok_query::QueryError;

/// Everything that can go wrong in the index library.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Another `IndexWriter` (another process or thread) holds the index lock.
    #[error(
        "index is locked by another writer (is another `projektsok ingest` or server writing to it?)"
    )]
    Locked,
    /// The query string does not parse; the message points at the fault.
    #[error("bad query: {0}")]
    Query(#[from] QueryError),
    /// A filter, sort or group name that does not exist.
    #[error("unknown {what} '{name}' (allowed: {allowed})")]
    Unknown {
        what: &'static str,
        name: String,
        allowed: String,
    },
    /// A parameter value that cannot be used.
    #[error("invalid value '{value}' for '{name}': {reason}")]
    InvalidValue {
        name: String,
        value: String,
        reason: String,
    },
    /// Pagination beyond the caps.
    #[error("{0}")]
    Pagination(String),
    /// No project with this id.
    #[error("no project with id '{0}'")]
    NotFound(String),
    /// No index in the directory.
    #[error("no index in {0} (run `projektsok ingest` first, or pass --index DIR)")]
    NoIndex(String),
    /// The directory holds an index with another schema (an older version of Projektsök).
    #[error("the index in {0} was built with another schema; delete it and ingest again")]
    SchemaMismatch(String),
    #[error("index error: {0}")]
    Tantivy(tantivy::TantivyError),
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("stored project is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("CSV error: {0}")]
    Csv(#[from] csv::Error),
}

impl IndexError {
    /// True when the caller asked for something wrong (HTTP 4xx), false for server-side faults.
    pub fn is_client_error(&self) -> bool {
        matches!(
            self,
            IndexError::Query(_)
                | IndexError::Unknown { .. }
                | IndexError::InvalidValue { .. }
                | IndexError::Pagination(_)
                | IndexError::NotFound(_)
        )
    }

    pub(crate) fn invalid(name: &str, value: &str, reason: impl Into<String>) -> IndexError {
        IndexError::InvalidValue {
            name: name.to_string(),
            value: value.to_string(),
            reason: reason.into(),
        }
    }
}

impl From<tantivy::TantivyError> for IndexError {
    fn from(e: tantivy::TantivyError) -> Self {
        match e {
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            ) => IndexError::Locked,
            other => IndexError::Tantivy(other),
        }
    }
}

pub type Result<T, E = IndexError> = std::result::Result<T, E>;
