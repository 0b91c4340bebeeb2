//! Renders answer-file diagnostics: `FILE:LINE:COLUMN: error[code]: …` lines for people,
//! GitHub Actions workflow commands, and JSON objects for tools. Text from the file passes through
//! [`printable`] in the first two, so it cannot drive the terminal.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::check::{Diagnostic, Report};
use crate::table::diagnostic::Severity;
use crate::text::printable;

const RED_BOLD: &str = "\x1b[1;31m";
const YELLOW_BOLD: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// One diagnostic for a terminal or a log: a located headline, then what was found, what is
/// allowed and a suggestion, each on its own `= ` line.
#[must_use]
pub fn human(file: &str, d: &Diagnostic, colour: bool) -> String {
    let paint = |style: &str, text: &str| {
        if colour {
            format!("{style}{text}{RESET}")
        } else {
            text.to_owned()
        }
    };
    let severity = match d.severity {
        Severity::Error => paint(RED_BOLD, &format!("error[{}]", d.code)),
        Severity::Warning => paint(YELLOW_BOLD, &format!("warning[{}]", d.code)),
    };
    let mut out = String::new();
    let place = format!(
        "{}:{}:{}",
        printable(file),
        d.location.line,
        d.location.column
    );
    let _ = write!(
        out,
        "{}: {severity}: {}",
        paint(BOLD, &place),
        printable(&d.message)
    );
    if !d.pointer.is_empty() {
        let _ = write!(out, " (at {})", printable(&d.pointer));
    }
    out.push('\n');
    if let Some(allowed) = &d.allowed {
        let _ = writeln!(
            out,
            "  {} allowed: {}",
            paint(CYAN, "="),
            printable(allowed)
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  {} help: {}", paint(CYAN, "="), printable(help));
    }
    out
}

/// Escapes a workflow command's message (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One diagnostic as a GitHub Actions annotation (`::error file=…,line=…,col=…::…`).
#[must_use]
pub fn github(file: &str, d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = printable(&d.message).into_owned();
    if !d.pointer.is_empty() {
        let _ = write!(message, " (at {})", printable(&d.pointer));
    }
    if let Some(allowed) = &d.allowed {
        let _ = write!(message, "\nallowed: {}", printable(allowed));
    }
    if let Some(help) = &d.help {
        let _ = write!(message, "\nhelp: {}", printable(help));
    }
    format!(
        "::{command} file={},line={},col={},title={}::{}\n",
        escape_property(&printable(file)),
        d.location.line,
        d.location.column,
        escape_property(&format!("mma validate [{}]", d.code)),
        escape_data(&message)
    )
}

/// One diagnostic as a JSON object.
#[must_use]
pub fn json_diagnostic(d: &Diagnostic) -> Value {
    json!({
        "severity": d.severity.name(),
        "code": d.code,
        "line": d.location.line,
        "column": d.location.column,
        "pointer": d.pointer,
        "message": d.message,
        "found": d.found,
        "allowed": d.allowed,
        "help": d.help,
    })
}

/// A file's report as a JSON object.
#[must_use]
pub fn json_file(file: &str, format: &str, report: &Report) -> Value {
    json!({
        "file": file,
        "format": format,
        "valid": report.is_valid(),
        "errors": report.count(Severity::Error),
        "warnings": report.count(Severity::Warning),
        "diagnostics": report.diagnostics.iter().map(json_diagnostic).collect::<Vec<_>>(),
    })
}
