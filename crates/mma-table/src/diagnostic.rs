//! Located findings, for every input `mma` reads (a decision table's CSV, an answer file), and
//! their one renderer: `FILE:LINE:COLUMN: error[code]: message` lines for people (coloured through
//! `anstyle` when asked), GitHub Actions workflow commands, and JSON objects for tools.
//!
//! A finding is placed by line and column, and in a JSON, YAML or TOML document also by JSON
//! pointer. Text from input passes through [`printable`] in the human and GitHub forms, so it
//! cannot drive the terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde_json::{Value, json};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input is refused.
    Error,
    /// The input is accepted, but something deserves a look.
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

    /// `error` or `warning`, painted as in [`Diagnostic::human`] when `colour` (for the
    /// `mma: error: …` lines of the command layer).
    #[must_use]
    pub fn label(self, colour: bool) -> String {
        if colour {
            let style = self.style();
            format!("{}{}{}", style.render(), self.name(), style.render_reset())
        } else {
            self.name().to_owned()
        }
    }

    /// How the severity is painted on a terminal.
    const fn style(self) -> Style {
        match self {
            Self::Error => Style::new()
                .bold()
                .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red))),
            Self::Warning => Style::new()
                .bold()
                .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow))),
        }
    }
}

/// One finding, located in its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters), when the finding is about one place in the line.
    pub column: Option<u32>,
    /// In a JSON, YAML or TOML document: the JSON pointer of the value concerned (`""` for the
    /// whole document). `None` for a CSV.
    pub pointer: Option<String>,
    /// Short kind, stable for tools: `syntax`, `cell`, `unknown-value`, `gap`, `overlap`,
    /// `unknown-field`, `missing-field`, …
    pub code: &'static str,
    /// What was found and what is allowed.
    pub message: String,
    /// The value found, as JSON, when there is one (documents only).
    pub found: Option<Value>,
    /// What is allowed, in words.
    pub allowed: Option<String>,
    /// A suggestion (`did you mean …?`) or a hint.
    pub help: Option<String>,
    /// Further lines: witnesses, the rows involved.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error at `line`, optionally at `column`.
    #[must_use]
    pub fn error(code: &'static str, line: u32, column: Option<u32>, message: String) -> Self {
        Self::new(Severity::Error, code, line, column, message)
    }

    /// A finding of `severity` at `line`, optionally at `column`.
    #[must_use]
    pub const fn new(
        severity: Severity,
        code: &'static str,
        line: u32,
        column: Option<u32>,
        message: String,
    ) -> Self {
        Self {
            severity,
            line,
            column,
            pointer: None,
            code,
            message,
            found: None,
            allowed: None,
            help: None,
            notes: Vec::new(),
        }
    }

    /// The finding about the value at `pointer` of a document.
    #[must_use]
    pub fn at_pointer(mut self, pointer: &str) -> Self {
        self.pointer = Some(pointer.to_owned());
        self
    }

    /// Sets the message.
    #[must_use]
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Adds a note line.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Renders the finding for a log, prefixed by `file`, without colour or a final newline:
    /// `file:LINE:COL: error[code]: message` and one `  = note: …` line per note.
    #[must_use]
    pub fn render(&self, file: &str) -> String {
        let mut text = self.human(file, false);
        text.pop();
        text
    }

    /// The finding for a terminal or a log, one line per part, each ending in a newline: a
    /// located headline (with ` (at POINTER)` in a document), then `  = allowed: …`,
    /// `  = help: …` and `  = note: …` lines. With `colour`, the severity, place and `=` are
    /// painted.
    #[must_use]
    pub fn human(&self, file: &str, colour: bool) -> String {
        let paint = |style: Style, text: &str| {
            if colour {
                format!("{}{text}{}", style.render(), style.render_reset())
            } else {
                text.to_owned()
            }
        };
        let mut place = format!("{}:{}", printable(file), self.line);
        if let Some(column) = self.column {
            let _ = write!(place, ":{column}");
        }
        let severity = format!("{}[{}]", self.severity.name(), self.code);
        let mut out = format!(
            "{}: {}: {}",
            paint(Style::new().bold(), &place),
            paint(self.severity.style(), &severity),
            printable(&self.message)
        );
        if let Some(pointer) = self.pointer.as_deref().filter(|p| !p.is_empty()) {
            let _ = write!(out, " (at {})", printable(pointer));
        }
        out.push('\n');
        let equals = paint(
            Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan))),
            "=",
        );
        for (label, text) in self.details() {
            let _ = writeln!(out, "  {equals} {label}: {}", printable(text));
        }
        out
    }

    /// The further lines, labelled: `allowed`, `help`, then each `note`.
    fn details(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let allowed = self.allowed.as_deref().map(|a| ("allowed", a));
        let help = self.help.as_deref().map(|h| ("help", h));
        let notes = self.notes.iter().map(|n| ("note", n.as_str()));
        allowed.into_iter().chain(help).chain(notes)
    }

    /// The finding as a GitHub Actions annotation
    /// (`::error file=…,line=…,col=…,title=TITLE [code]::…`), one line ending in a newline.
    #[must_use]
    pub fn github(&self, file: &str, title: &str) -> String {
        let mut message = printable(&self.message).into_owned();
        if let Some(pointer) = self.pointer.as_deref().filter(|p| !p.is_empty()) {
            let _ = write!(message, " (at {})", printable(pointer));
        }
        for (label, text) in self.details() {
            let _ = write!(message, "\n{label}: {}", printable(text));
        }
        let mut place = format!(
            "file={},line={}",
            escape_property(&printable(file)),
            self.line
        );
        if let Some(column) = self.column {
            let _ = write!(place, ",col={column}");
        }
        format!(
            "::{} {place},title={}::{}\n",
            self.severity.name(),
            escape_property(&format!("{title} [{}]", self.code)),
            escape_data(&message)
        )
    }

    /// The finding as a JSON object: `severity`, `code`, `line`, `column`, then for a document
    /// `pointer`, `message`, `found`, `allowed` and `help`, and for a CSV `message` and `notes`.
    #[must_use]
    pub fn json(&self) -> Value {
        match &self.pointer {
            Some(pointer) => json!({
                "severity": self.severity.name(),
                "code": self.code,
                "line": self.line,
                "column": self.column,
                "pointer": pointer,
                "message": self.message,
                "found": self.found,
                "allowed": self.allowed,
                "help": self.help,
            }),
            None => json!({
                "severity": self.severity.name(),
                "code": self.code,
                "line": self.line,
                "column": self.column,
                "message": self.message,
                "notes": self.notes,
            }),
        }
    }
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

/// Orders findings by position, then severity and text, so reports are stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.line, a.column, a.severity, &a.message).cmp(&(b.line, b.column, b.severity, &b.message))
    });
}

/// Whether `c` is a control character (it could drive a terminal, or end a comment in generated
/// code) or a Unicode control of text direction or line separation (it reorders what a terminal
/// shows; rustc refuses it in comments).
pub(crate) fn is_control_or_bidi(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `c` could drive a terminal or reorder what it shows (a byte-order mark included).
fn is_unsafe(c: char) -> bool {
    is_control_or_bidi(c) || c == '\u{FEFF}'
}

/// Text from input, made safe to print on a terminal: every control character (ESC, line
/// breaks, tabs, …) and every bidirectional-text control is written as `\u{1b}`, so nothing read
/// from a file can move the cursor, set a title, colour the screen or reorder what is shown.
/// Every human-format renderer passes untrusted text through this.
#[must_use]
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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

    #[test]
    fn one_renderer_for_tables_and_documents() {
        let table = Diagnostic::error("gap", 3, None, "no rule for x".to_owned()).note("row 4");
        assert_eq!(
            table.render("t.csv"),
            "t.csv:3: error[gap]: no rule for x\n  = note: row 4"
        );
        assert_eq!(
            table.json().to_string(),
            r#"{"severity":"error","code":"gap","line":3,"column":null,"message":"no rule for x","notes":["row 4"]}"#
        );
        let mut doc = Diagnostic::new(Severity::Warning, "type", 2, Some(5), String::new())
            .at_pointer("/a")
            .message("bad\x1b[2J");
        doc.help = Some("write 1, not `one`".to_owned());
        assert_eq!(
            doc.human("a.yaml", false),
            "a.yaml:2:5: warning[type]: bad\\u{1b}[2J (at /a)\n  = help: write 1, not `one`\n"
        );
        assert_eq!(
            doc.human("a.yaml", true),
            "\x1b[1ma.yaml:2:5\x1b[0m: \x1b[1m\x1b[33mwarning[type]\x1b[0m: bad\\u{1b}[2J (at /a)\n  \x1b[36m=\x1b[0m help: write 1, not `one`\n"
        );
        assert_eq!(
            doc.github("a.yaml", "mma validate"),
            "::warning file=a.yaml,line=2,col=5,title=mma validate [type]::bad\\u{1b}[2J (at /a)%0Ahelp: write 1, not `one`\n"
        );
    }
}
