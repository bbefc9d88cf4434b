//! Small handlers, one module per area. Each parses its input, runs the index call on the
//! blocking pool and returns the library's own answer type (the contract's JSON shape).

pub mod export;
pub mod health;
pub mod projects;
pub mod search;
pub mod similar;
pub mod stats;
