//! Answer files: the types and their JSON Schema, reading YAML/JSON/TOML with positions, and the
//! checks `mma validate` runs (schema, then cross-field rules).

pub mod check;
pub mod document;
pub mod model;
pub mod render;
pub mod schema;
pub mod time;
pub mod write;

pub use check::{Diagnostic, Report, check};
pub use document::{Format, Location};
pub use model::{Answers, Path, Source, Timeline};

/// The largest answer file read, in bytes (10 MB): a real one is a few kilobytes, and a file
/// this large is a mistake or an attack. Memory for checking one is a small multiple of it.
pub const MAX_BYTES: u64 = 10_000_000;
