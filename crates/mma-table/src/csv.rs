//! A small CSV reader that keeps the line and column of every cell, for located diagnostics.
//!
//! General CSV parsing (inventories, permission exports) uses the `csv` crate; this reader exists
//! because the decision table needs the exact position of each cell, including after quoted cells,
//! and because the build script shares it without pulling dependencies into the build.
//!
//! Accepted syntax: RFC 4180 fields separated by `,`, records ended by `\n` or `\r\n`, fields in
//! double quotes with `""` for a quote. Whitespace around an unquoted field is not part of it, so
//! columns can be aligned for review. Lines whose first non-blank character is `#` are comments;
//! blank lines are skipped; a leading UTF-8 byte-order mark is ignored.

/// One cell of a record, with its 1-based position in the source (columns count characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The cell's text, unquoted and trimmed.
    pub text: String,
    /// Line of the cell's first character.
    pub line: u32,
    /// Column of the cell's first character (for an empty cell: where it would start).
    pub column: u32,
    /// Whether the cell was written in double quotes (its text then starts one column later).
    pub quoted: bool,
}

/// One record (a row of cells) and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Line the record starts on.
    pub line: u32,
    /// Column just past the record's last character, for "missing cell" diagnostics.
    pub end_column: u32,
    /// The cells, left to right.
    pub fields: Vec<Field>,
}

/// A syntax error in the CSV text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Line of the error.
    pub line: u32,
    /// Column of the error.
    pub column: u32,
    /// What is wrong and what is allowed.
    pub message: String,
}

struct Cursor<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: u32,
    column: u32,
}

impl Cursor<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Consumes `\r\n` or `\n` if next; returns whether a line ended.
    fn eat_newline(&mut self) -> bool {
        match self.peek() {
            Some('\n') => {
                self.bump();
                true
            }
            Some('\r') => {
                self.bump();
                if self.peek() == Some('\n') {
                    self.bump();
                } else {
                    // A lone `\r` (classic Mac OS) also ends the line.
                    self.line += 1;
                    self.column = 1;
                }
                true
            }
            _ => false,
        }
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
        }
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.peek() {
            if c == '\n' || c == '\r' {
                self.eat_newline();
                return;
            }
            self.bump();
        }
    }
}

/// Splits `src` into records. Syntax errors are collected, never fatal: the reader resumes at the
/// next line so every error of the file is reported in one run.
#[must_use]
pub fn read(src: &str) -> (Vec<Record>, Vec<SyntaxError>) {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut cur = Cursor {
        chars: src.chars().peekable(),
        line: 1,
        column: 1,
    };
    let mut records = Vec::new();
    let mut errors = Vec::new();
    loop {
        cur.skip_blanks();
        match cur.peek() {
            None => break,
            Some('#') => {
                cur.skip_line();
                continue;
            }
            Some('\n' | '\r') => {
                cur.eat_newline();
                continue;
            }
            Some(_) => {}
        }
        if let Some(record) = read_record(&mut cur, &mut errors) {
            records.push(record);
        }
    }
    (records, errors)
}

/// Reads the record starting at the cursor, through its line end; `None` after a syntax error
/// (recorded in `errors`), with the cursor past the rest of the line.
fn read_record(cur: &mut Cursor<'_>, errors: &mut Vec<SyntaxError>) -> Option<Record> {
    let line = cur.line;
    let mut fields = Vec::new();
    let mut failed = false;
    loop {
        cur.skip_blanks();
        let (field_line, field_column) = (cur.line, cur.column);
        let quoted = cur.peek() == Some('"');
        let text = if quoted {
            match quoted_field(cur, field_line, field_column) {
                Ok(text) => text,
                Err(error) => {
                    errors.push(error);
                    failed = true;
                    break;
                }
            }
        } else {
            unquoted_field(cur, errors, &mut failed)
        };
        fields.push(Field {
            text,
            line: field_line,
            column: field_column,
            quoted,
        });
        if cur.peek() == Some(',') {
            cur.bump();
            continue;
        }
        break;
    }
    let end_column = cur.column;
    if !cur.eat_newline() && cur.peek().is_some() {
        // Only reachable after an error that stopped mid-line.
        cur.skip_line();
    }
    (!failed).then_some(Record {
        line,
        end_column,
        fields,
    })
}

/// Reads a quoted cell, the cursor on its opening quote, up to the `,` or line end after it.
fn quoted_field(cur: &mut Cursor<'_>, line: u32, column: u32) -> Result<String, SyntaxError> {
    let mut text = String::new();
    cur.bump();
    let mut closed = false;
    while let Some(c) = cur.bump() {
        if c == '"' {
            if cur.peek() == Some('"') {
                cur.bump();
                text.push('"');
            } else {
                closed = true;
                break;
            }
        } else if c == '\r' {
            // `\r\n` inside a quoted cell is kept as `\n`.
            if cur.peek() != Some('\n') {
                text.push('\n');
            }
        } else {
            text.push(c);
        }
    }
    if !closed {
        return Err(SyntaxError {
            line,
            column,
            message: "quoted cell is never closed; add the closing `\"`".to_owned(),
        });
    }
    cur.skip_blanks();
    if !matches!(cur.peek(), None | Some(',' | '\n' | '\r')) {
        return Err(SyntaxError {
            line: cur.line,
            column: cur.column,
            message:
                "text after a closing quote; a quoted cell must end at `,` or the end of the line"
                    .to_owned(),
        });
    }
    Ok(text)
}

/// Reads an unquoted cell up to the `,` or line end, trimmed; a `"` in it is an error (recorded,
/// `failed` set) but reading goes on to the end of the cell.
fn unquoted_field(
    cur: &mut Cursor<'_>,
    errors: &mut Vec<SyntaxError>,
    failed: &mut bool,
) -> String {
    let mut text = String::new();
    while let Some(c) = cur.peek() {
        if c == ',' || c == '\n' || c == '\r' {
            break;
        }
        if c == '"' {
            errors.push(SyntaxError {
                line: cur.line,
                column: cur.column,
                message: "`\"` inside an unquoted cell; quote the whole cell and double the quote (`\"\"`)"
                    .to_owned(),
            });
            *failed = true;
        }
        text.push(c);
        cur.bump();
    }
    let trimmed_len = text.trim_end_matches([' ', '\t']).len();
    text.truncate(trimmed_len);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_quotes_and_padding() {
        let (records, errors) = read("# c\nid, a ,\"x,\"\"y\"\"\",z\r\n\n  b,\"multi\nline\",c\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(records.len(), 2);
        let r = &records[0];
        assert_eq!(r.line, 2);
        let texts: Vec<_> = r.fields.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["id", "a", "x,\"y\"", "z"]);
        assert_eq!(r.fields[1].column, 5);
        assert_eq!(r.fields[2].column, 8);
        assert_eq!(r.fields[3].column, 18);
        let r = &records[1];
        assert_eq!((r.line, r.fields[0].column), (4, 3));
        assert_eq!(r.fields[1].text, "multi\nline");
        assert_eq!((r.fields[2].line, r.fields[2].column), (5, 7));
    }

    #[test]
    fn errors_are_located_and_reading_resumes() {
        let (records, errors) = read("a,b\"c\nd,\"e\"f,x\n\"p\"q\ng,h\n\"open");
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].fields[0].text, "g");
        let located: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(located, [(1, 4), (2, 6), (3, 4), (5, 1)]);
    }
}
