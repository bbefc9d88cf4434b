//! One module per subcommand.

pub mod export;
pub mod ingest;
pub mod parse;
pub mod search;
pub mod serve;
pub mod similar;
pub mod stats;
pub mod util;
