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
pub use model::{Answers, MigrationPath, Source, Timeline};

/// The largest answer file read, in bytes (10 MB): a real one is a few kilobytes, and a file
/// this large is a mistake or an attack. Memory for checking one is a small multiple of it.
pub const MAX_BYTES: u64 = 10_000_000;

#[cfg(test)]
mod tests {
    /// `answers` sits below the planner, the runbook, the recommendation and the command layer:
    /// arrows point downwards only, so none of its files names a module above it.
    #[test]
    fn answers_depends_on_nothing_above_it() {
        let files = [
            ("check.rs", include_str!("check.rs")),
            ("document.rs", include_str!("document.rs")),
            ("model.rs", include_str!("model.rs")),
            ("render.rs", include_str!("render.rs")),
            ("schema.rs", include_str!("schema.rs")),
            ("time.rs", include_str!("time.rs")),
            ("write.rs", include_str!("write.rs")),
        ];
        for (file, text) in files {
            for above in [
                "crate::plan",
                "crate::runbook",
                "crate::recommend",
                "crate::cli",
                "crate::init",
            ] {
                assert!(!text.contains(above), "answers/{file} uses {above}");
            }
        }
    }
}
