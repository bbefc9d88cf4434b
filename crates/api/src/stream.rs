//! Streaming a blocking writer (the index's export) into a response body without holding the
//! whole output: the blocking task writes into a [`ChannelWriter`], whose chunks flow through
//! a bounded channel (backpressure) into `Body::from_stream`.
//!
//! Errors before the first chunk (a bad query) become a normal error response; errors after it
//! abort the body, so the client sees a truncated transfer instead of a silently short file.

use std::io::{self, Write};
use std::sync::Arc;

use axum::body::Body;
use bytes::Bytes;
use projektsok_index::Index;
use tokio::sync::mpsc;

use crate::AppState;
use crate::error::ApiError;

enum Msg {
    Data(Bytes),
    Fail(ApiError),
}

/// An `io::Write` that sends chunks of at least `chunk` bytes down a channel.
struct ChannelWriter {
    tx: mpsc::Sender<Msg>,
    buf: Vec<u8>,
    chunk: usize,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let data = Bytes::from(std::mem::replace(
            &mut self.buf,
            Vec::with_capacity(self.chunk),
        ));
        self.tx
            .blocking_send(Msg::Data(data))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= self.chunk {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// Runs `produce` on the blocking pool and streams what it writes.
pub(crate) async fn stream_blocking<F>(state: &AppState, produce: F) -> Result<Body, ApiError>
where
    F: FnOnce(&Index, &mut dyn Write) -> Result<(), ApiError> + Send + 'static,
{
    let permit = Arc::clone(state.exports())
        .try_acquire_owned()
        .map_err(|_| {
            ApiError::Unavailable(format!(
                "{} exports are running already; retry in a moment",
                state.config().max_exports.max(1)
            ))
        })?;
    let (tx, mut rx) = mpsc::channel::<Msg>(8);
    let index = Arc::clone(state.index());
    let chunk = state.config().export_chunk_bytes.max(1);
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut w = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(chunk),
            chunk,
        };
        let outcome = produce(&index, &mut w).and_then(|()| {
            w.flush()
                .map_err(|e| ApiError::Internal(format!("export stream: {e}")))
        });
        if let Err(e) = outcome
            && tx.blocking_send(Msg::Fail(e)).is_err()
        {
            tracing::debug!("export stopped: the client went away");
        }
    });
    let first = match rx.recv().await {
        None => return Ok(Body::empty()),
        Some(Msg::Fail(e)) => return Err(e),
        Some(Msg::Data(b)) => b,
    };
    let rest = futures_util::stream::unfold(rx, |mut rx| async move {
        match rx.recv().await {
            None => None,
            Some(Msg::Data(b)) => Some((Ok(b), rx)),
            Some(Msg::Fail(e)) => {
                tracing::warn!(error = %e, detail = ?e, "export failed after it started; body aborted");
                Some((Err(io::Error::other(e.to_string())), rx))
            }
        }
    });
    let first = futures_util::stream::once(async move { Ok::<Bytes, io::Error>(first) });
    // Fused: compression layers may poll again after the end.
    let stream = futures_util::StreamExt::fuse(futures_util::StreamExt::chain(first, rest));
    Ok(Body::from_stream(stream))
}
