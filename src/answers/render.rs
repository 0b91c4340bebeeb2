//! Renders an answer file's report as a JSON object for tools. Each finding renders itself
//! through the one diagnostics renderer ([`crate::table::diagnostic`]): text for people,
//! GitHub Actions annotations and JSON.

use serde_json::{Value, json};

use super::check::Report;
use crate::table::diagnostic::Severity;

/// The title of GitHub annotations from `mma validate`.
pub const GITHUB_TITLE: &str = "mma validate";

/// A file's report as a JSON object.
#[must_use]
pub fn json_file(file: &str, format: &str, report: &Report) -> Value {
    json!({
        "file": file,
        "format": format,
        "valid": report.is_valid(),
        "errors": report.count(Severity::Error),
        "warnings": report.count(Severity::Warning),
        "diagnostics": report.diagnostics.iter().map(|d| d.json()).collect::<Vec<_>>(),
    })
}
