//! Located findings about a decision table, rendered as `FILE:LINE:COLUMN: error: message`.

use std::fmt::Write as _;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The table is refused.
    Error,
    /// The table is accepted, but something deserves a look.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// One finding, located in the CSV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters), when the finding is about one cell.
    pub column: Option<u32>,
    /// Short kind, stable for tools: `syntax`, `cell`, `unknown-value`, `gap`, `overlap`, …
    pub code: &'static str,
    /// What was found and what is allowed.
    pub message: String,
    /// Further lines: witnesses, the rows involved, suggestions.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error at `line`, optionally at `column`.
    #[must_use]
    pub fn error(code: &'static str, line: u32, column: Option<u32>, message: String) -> Self {
        Self {
            severity: Severity::Error,
            line,
            column,
            code,
            message,
            notes: Vec::new(),
        }
    }

    /// Adds a note line.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Renders the finding for a terminal or log, prefixed by `file`:
    /// `file:LINE:COL: error[code]: message` and one `  = note: …` line per note.
    #[must_use]
    pub fn render(&self, file: &str) -> String {
        let mut out = format!("{file}:{}", self.line);
        if let Some(column) = self.column {
            let _ = write!(out, ":{column}");
        }
        let _ = write!(
            out,
            ": {}[{}]: {}",
            self.severity.name(),
            self.code,
            self.message
        );
        for note in &self.notes {
            let _ = write!(out, "\n  = note: {note}");
        }
        out
    }
}

/// Orders findings by position, then severity and text, so reports are stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.line, a.column, a.severity, &a.message).cmp(&(b.line, b.column, b.severity, &b.message))
    });
}

/// The closest candidate to `found` by edit distance, if it is close enough to be a likely typo.
#[must_use]
pub fn suggest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (found.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(found, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// Edit distance over characters, counting a swap of two neighbours as one edit (optimal string
/// alignment, `strsim::osa_distance`), so `exchange_2061` is closer to `exchange_2016` than to
/// `exchange_2003`.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_swaps_once() {
        assert_eq!(edit_distance("exchange_2061", "exchange_2016"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(
            suggest("mailboxs", ["mailboxes", "timeline"].into_iter()),
            Some("mailboxes")
        );
        assert_eq!(suggest("zzz", ["mailboxes"].into_iter()), None);
    }
}
