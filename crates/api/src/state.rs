//! The shared state of every handler.

use std::sync::Arc;
use std::time::Duration;

use projektsok_index::Index;
use tokio::sync::{Mutex, Semaphore};

use crate::error::ApiError;

/// Limits that keep the service up. The defaults are the service's; the index library's own
/// caps (`per_page`, paging depth, query length) still apply on top.
#[derive(Debug, Clone)]
pub struct Config {
    /// Most hits per page (`per_page`).
    pub max_per_page: usize,
    /// Deepest hit reachable by paging (`page * per_page`); deeper pages point to export.
    pub max_depth: usize,
    /// Longest `q`, in characters.
    pub max_query_chars: usize,
    /// Most values of one filter parameter (`region=A&region=B...`).
    pub max_filter_values: usize,
    /// Most groups returned by `/api/stats`.
    pub max_groups: usize,
    /// Most hits of the similar endpoints.
    pub max_similar: usize,
    /// Longest draft text of `POST /api/similar`, in characters.
    pub max_text_chars: usize,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Largest sheet of `POST /api/projects`, in bytes (real sheets are tens of kB; indexing
    /// must finish well within the timeout).
    pub max_sheet_bytes: usize,
    /// Time a request may take until its response starts.
    pub timeout: Duration,
    /// Size of the chunks an export is streamed in.
    pub export_chunk_bytes: usize,
    /// Exports running at once (each holds a blocking thread while its client reads); more
    /// answer 503.
    pub max_exports: usize,
    /// Index calls (searches, stats, similar, writes) running at once; the others wait their
    /// turn, first come first served. They are CPU-bound, so running more than there are cores
    /// only slows every one of them down, the longest most.
    pub max_concurrent_queries: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_per_page: projektsok_index::search::MAX_PER_PAGE,
            max_depth: projektsok_index::search::MAX_DEPTH,
            max_query_chars: 1000,
            max_filter_values: 50,
            max_groups: 500,
            max_similar: projektsok_index::similar::MAX_LIMIT,
            max_text_chars: 100_000,
            max_body_bytes: 10 * 1024 * 1024,
            max_sheet_bytes: 2 * 1024 * 1024,
            timeout: Duration::from_secs(10),
            export_chunk_bytes: 64 * 1024,
            max_exports: 4,
            max_concurrent_queries: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// Cheap to clone: everything is behind one `Arc`.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    index: Arc<Index>,
    admin_token: Option<String>,
    write_lock: Arc<Mutex<()>>,
    exports: Arc<Semaphore>,
    queries: Arc<Semaphore>,
    config: Config,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the token.
        f.debug_struct("AppState")
            .field("writes_enabled", &self.inner.admin_token.is_some())
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// `admin_token`: the bearer token writes need; `None` (or empty) disables writes.
    pub fn new(index: Index, admin_token: Option<String>, config: Config) -> AppState {
        let admin_token = admin_token.filter(|t| !t.trim().is_empty());
        AppState {
            inner: Arc::new(Inner {
                index: Arc::new(index),
                admin_token,
                write_lock: Arc::new(Mutex::new(())),
                exports: Arc::new(Semaphore::new(config.max_exports.max(1))),
                queries: Arc::new(Semaphore::new(config.max_concurrent_queries.max(1))),
                config,
            }),
        }
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.inner.index
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn writes_enabled(&self) -> bool {
        self.inner.admin_token.is_some()
    }

    pub(crate) fn admin_token(&self) -> Option<&str> {
        self.inner.admin_token.as_deref()
    }

    /// The lock of the single index writer. Write handlers move the guard into their blocking
    /// task, so holding the lock means no write is in progress (used at shutdown).
    pub fn write_lock(&self) -> &Arc<Mutex<()>> {
        &self.inner.write_lock
    }

    /// The permits of running exports.
    pub(crate) fn exports(&self) -> &Arc<Semaphore> {
        &self.inner.exports
    }

    /// Runs blocking index work on tokio's blocking pool once one of the
    /// [`Config::max_concurrent_queries`] permits is free. A request dropped while it waits
    /// (timeout, client gone) leaves the line; work already running keeps its permit to the end.
    pub(crate) async fn blocking<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Index) -> Result<T, ApiError> + Send + 'static,
    {
        let permit = Arc::clone(&self.inner.queries)
            .acquire_owned()
            .await
            .map_err(|e| ApiError::Internal(format!("query permits: {e}")))?;
        let index = Arc::clone(&self.inner.index);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f(&index)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
    }
}
