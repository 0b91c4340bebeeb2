//! Answer files: the types and their JSON Schema, reading YAML/JSON/TOML with positions, and the
//! checks `mma validate` runs (schema, then cross-field rules).

pub mod check;
pub mod document;
pub mod model;
pub mod render;
pub mod schema;
pub mod write;

pub use check::{Diagnostic, Report, check};
pub use document::{Format, Location};
pub use model::{Answers, Path, Source, Timeline};
