//! Running the service: tracing setup, serving with graceful shutdown.

use tokio::net::TcpListener;

use crate::{AppState, app};

/// Logs to stderr, filtered by `RUST_LOG` (default `info`). Safe to call twice.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown signal received; finishing in-flight requests");
}

/// How long in-flight requests (a slow export reader, say) may run after the shutdown signal.
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(30);

/// Serves [`app`] on `listener` until `shutdown` resolves; in-flight requests finish (for at
/// most [`SHUTDOWN_GRACE`]), then any write in progress is waited for (every write commits
/// before it answers, so nothing is left pending).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = app(state.clone());
    let signalled = std::sync::Arc::new(tokio::sync::Notify::new());
    let notify = std::sync::Arc::clone(&signalled);
    let server = axum::serve(listener, router).with_graceful_shutdown(async move {
        shutdown.await;
        notify.notify_one();
    });
    let deadline = async {
        signalled.notified().await;
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        result = server.into_future() => result?,
        () = deadline => tracing::warn!(
            "requests still running {} s after the shutdown signal; stopping anyway",
            SHUTDOWN_GRACE.as_secs()
        ),
    }
    // Writes hold this lock inside their blocking task until their commit is done.
    let _writes_done = state.write_lock().lock().await;
    tracing::info!("stopped");
    Ok(())
}
