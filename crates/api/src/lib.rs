//! The Projektsök HTTP API: an axum [`Router`](axum::Router) over the index library, so the
//! command line and the API answer from the same library calls.
//!
//! * [`app`] lists every route and middleware in one place (`routes.rs`);
//! * [`AppState`] holds the [`Index`](projektsok_index::Index), the admin token, the write lock
//!   and the [`Config`] limits;
//! * handlers are small functions in [`handlers`], one module per area;
//! * [`ApiError`] is the one error type; its `IntoResponse` impl is the table error -> status,
//!   with `{"error": "..."}` bodies;
//! * [`params`] parses query strings by hand (repeatable parameters, strict validation);
//! * `GET /api/openapi.json` is generated from the handlers' annotations ([`openapi`]).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let index = projektsok_index::Index::open("index")?;
//! let state = projektsok_api::AppState::new(index, None, projektsok_api::Config::default());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! projektsok_api::serve(listener, state, projektsok_api::shutdown_signal()).await?;
//! # Ok(()) }
//! ```

pub mod auth;
pub mod error;
pub mod handlers;
pub mod openapi;
pub mod params;
mod routes;
mod server;
pub mod state;
mod stream;
#[cfg(test)]
mod tests;
pub mod web;

pub use error::ApiError;
pub use routes::{app, openapi};
pub use server::{init_tracing, serve, shutdown_signal};
pub use state::{AppState, Config};
