//! Reading the CSV files admins export, as they are: a UTF-8 byte-order mark, a `#TYPE …` line
//! from Windows PowerShell's `Export-Csv`, every value quoted, header names in any case. Errors
//! name the file, the line, the column and what was expected.

use std::fmt;

use crate::text::{ReadError, Stream};

/// A problem in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file, as given on the command line.
    pub file: String,
    /// 1-based line (0 when the whole file is concerned).
    pub line: u64,
    /// The column (its header name), when one cell is concerned.
    pub column: Option<String>,
    /// What was found and what is expected.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: error: ", self.file, self.line)?;
        } else {
            write!(f, "{}: error: ", self.file)?;
        }
        if let Some(c) = &self.column {
            write!(f, "column `{c}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

/// A CSV file's header (names matched in lower case), read from the start of a [`Stream`],
/// whose records [`Table::rows`] then reads one at a time as the stream goes: a million-row
/// export is never held whole.
#[derive(Debug)]
pub struct Table {
    /// The file name for messages.
    pub file: String,
    /// Header names as written.
    pub headers: Vec<String>,
    lower: Vec<String>,
    /// Where the records begin in the stream's piece: past the header, as the CSV reader
    /// left it.
    body: usize,
}

/// What reading a file gives: its rows' errors inside, a file that is not text mma reads (or
/// that cannot be read) outside.
pub type Parsed<T> = Result<Result<T, Vec<InputError>>, ReadError>;

/// Reads `text`, held whole (a test's, or a file decoded whole), with `read`, a reader of a
/// [`Stream`] ([`Stream::whole`]).
///
/// # Errors
/// `read`'s.
pub fn read_text<T>(
    file: &str,
    text: &str,
    read: impl FnOnce(&mut Stream<'_>) -> Parsed<T>,
) -> Result<T, Vec<InputError>> {
    match read(&mut Stream::whole(text)) {
        Ok(read) => read,
        Err(e) => Err(vec![unread(file, e)]),
    }
}

/// Reads `text`, held whole (a file decoded whole), as a table: its header, then `read`, given
/// the table and its rows to read with [`WholeRows::each`].
///
/// # Errors
/// A file with no header, `read`'s, and a NUL character.
pub fn read_table<T>(
    file: &str,
    text: &str,
    read: impl FnOnce(&Table, &mut WholeRows<'_, '_>) -> Result<T, Vec<InputError>>,
) -> Result<T, Vec<InputError>> {
    read_text(file, text, |stream| {
        let table = match Table::read(file, stream)? {
            Ok(table) => table,
            Err(e) => return Ok(Err(e)),
        };
        let mut rows = WholeRows {
            stream,
            failed: None,
        };
        let read = read(&table, &mut rows);
        match rows.failed {
            Some(e) => Err(e),
            None => Ok(read),
        }
    })
}

/// The rows of a table read by [`read_table`].
#[derive(Debug)]
pub struct WholeRows<'s, 'r> {
    stream: &'s mut Stream<'r>,
    failed: Option<ReadError>,
}

impl WholeRows<'_, '_> {
    /// [`Table::rows`], for `table`, whose rows these are.
    ///
    /// # Errors
    /// Every malformed record.
    pub fn each(
        &mut self,
        table: &Table,
        f: impl FnMut(u64, &Record<'_>),
    ) -> Result<(), Vec<InputError>> {
        match table.rows(self.stream, f) {
            Ok(rows) => rows,
            Err(e) => {
                self.failed = Some(e);
                Ok(())
            }
        }
    }
}

/// A file that could not be read as text, as an error of the file (or its line).
#[must_use]
pub fn unread(file: &str, e: ReadError) -> InputError {
    let (line, message) = match e {
        ReadError::Decode(e) => (e.line, e.message),
        ReadError::Io(e) => (0, format!("cannot be read: {e}")),
    };
    InputError {
        file: file.to_owned(),
        line,
        column: None,
        message,
    }
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// One record of a table: its cells, borrowed from the text when the record is plainly
/// written (see [`plain_record`]), else as the CSV reader read it.
#[derive(Debug)]
pub struct Record<'t> {
    text: &'t str,
    /// Each cell's place in `text`, for a plainly written record.
    cells: Vec<(usize, usize)>,
    /// The record as the CSV reader read it, for any other.
    read: Option<csv::StringRecord>,
}

impl<'t> Record<'t> {
    const fn new(text: &'t str) -> Self {
        Self {
            text,
            cells: Vec::new(),
            read: None,
        }
    }

    /// The number of cells.
    #[must_use]
    pub fn len(&self) -> usize {
        self.read
            .as_ref()
            .map_or(self.cells.len(), csv::StringRecord::len)
    }

    /// Whether the record has no cells.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Cell `i`, as written (unquoted).
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&str> {
        match &self.read {
            Some(record) => record.get(i),
            None => self
                .cells
                .get(i)
                .and_then(|&(start, end)| self.text.get(start..end)),
        }
    }
}

impl std::ops::Index<usize> for Record<'_> {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        self.get(i).unwrap_or("")
    }
}

/// The cells of the record starting at `start` in `bytes`, when it is plainly written: each
/// cell unquoted, or quoted with no quote inside and followed by a comma or a line end. Its end
/// (its line end, or the end of the text) and the line ends inside it (in quoted cells) are
/// returned; `None` leaves the record to the CSV
/// reader (a comment, a doubled quote, text after a closing quote, no closing quote), which
/// reads plainly written records the same way, only slower: it copies and checks each record.
fn plain_record(
    bytes: &[u8],
    start: usize,
    cells: &mut Vec<(usize, usize)>,
) -> Option<(usize, u64)> {
    cells.clear();
    if bytes.get(start) == Some(&b'#') {
        return None;
    }
    let mut at = start;
    // Line ends inside quoted cells, counted as the closing quotes are looked for.
    let mut newlines = 0;
    loop {
        let after = if bytes.get(at) == Some(&b'"') {
            let mut from = at + 1;
            let close = loop {
                let i = from + memchr::memchr2(b'"', b'\n', bytes.get(from..)?)?;
                if bytes.get(i) == Some(&b'"') {
                    break i;
                }
                newlines += 1;
                from = i + 1;
            };
            cells.push((at + 1, close));
            close + 1
        } else {
            // A quote inside an unquoted cell is a character like any other.
            let rest = bytes.get(at..)?;
            let end = at + memchr::memchr3(b',', b'\n', b'\r', rest).unwrap_or(rest.len());
            cells.push((at, end));
            end
        };
        match bytes.get(after) {
            Some(b',') => at = after + 1,
            Some(b'\r' | b'\n') | None => return Some((after, newlines)),
            Some(_) => return None,
        }
    }
}

/// The 1-based line of the records met in increasing order, counted from the text itself: the
/// csv crate's own line numbers run one behind after `\r\n` line ends, which is how Windows
/// writes exports.
struct Lines<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
    first: u64,
}

impl<'t> Lines<'t> {
    /// Lines of `text`, whose first is line `first`.
    const fn new(text: &'t str, first: u64) -> Self {
        Self {
            text: text.as_bytes(),
            byte: 0,
            line: first,
            first,
        }
    }

    /// The line `position` starts on (0 when there is none).
    #[cfg(test)]
    fn of(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else {
            return 0;
        };
        self.at(usize::try_from(position.byte()).unwrap_or(usize::MAX))
    }

    /// The line of the record the reader began at byte `to`.
    fn at(&mut self, to: usize) -> u64 {
        let mut to = to.min(self.text.len());
        // The reader's position is where it began reading: before the line end of the record
        // before it, and before any blank lines it skipped. A record starts after them.
        while self
            .text
            .get(to)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            to += 1;
        }
        if to < self.byte {
            // Not in increasing order: count from the start.
            self.byte = 0;
            self.line = self.first;
        }
        // Most often the line ends after the last record read: a byte or two.
        let newlines = self.text[self.byte..to]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines as u64;
        self.byte = to;
        self.line
    }

    /// Moves past the record [`Self::at`] was last given, which ends at `end` with `inner` line
    /// ends inside it, so that its text is not counted again.
    const fn past(&mut self, end: usize, inner: u64) {
        self.byte = end;
        self.line += inner;
    }
}

impl Table {
    /// Reads the header at the start of `stream`. Lines starting with `#` (the `#TYPE` line)
    /// are skipped.
    ///
    /// # Errors
    /// A file with no header; a file that is not text.
    pub fn read(file: &str, stream: &mut Stream<'_>) -> Parsed<Self> {
        let error = |message: String| InputError {
            file: file.to_owned(),
            line: 0,
            column: None,
            message,
        };
        loop {
            let last = stream.at_end();
            let text = stream.piece()?;
            let mut header_reader = reader(text);
            let read = header_reader.headers().cloned();
            let body = usize::try_from(header_reader.position().byte())
                .unwrap_or(text.len())
                .min(text.len());
            if body >= text.len() && !last {
                // The header may go on in the next piece.
                stream.advance(0)?;
                continue;
            }
            let headers: Vec<String> = match read {
                Ok(h) if h.iter().any(|cell| !cell.trim().is_empty()) => {
                    h.iter().map(|cell| cell.trim().to_owned()).collect()
                }
                Ok(_) => {
                    return Ok(Err(vec![error(
                        "the file is empty; expected a header row".to_owned(),
                    )]));
                }
                Err(e) => return Ok(Err(vec![error(format!("cannot read the header: {e}"))])),
            };
            let lower = headers.iter().map(|h| h.to_ascii_lowercase()).collect();
            return Ok(Ok(Self {
                file: file.to_owned(),
                headers,
                lower,
                body,
            }));
        }
    }

    /// Calls `f` with each record of `stream` (whose header this is) and its 1-based line,
    /// skipping blank lines. Cells are as written: callers trim the ones they read. Plainly
    /// written records are cut out of the text where they are ([`plain_record`]); the CSV reader
    /// reads the others. A record cut by the end of a piece is read again from the next.
    ///
    /// # Errors
    /// Every malformed record (a different number of fields than the header, or bad quoting)
    /// inside; a file that is not text outside.
    pub fn rows(&self, stream: &mut Stream<'_>, mut f: impl FnMut(u64, &Record<'_>)) -> Parsed<()> {
        let mut errors = Vec::new();
        let mut at = self.body;
        loop {
            let last = stream.at_end();
            let first = stream.line();
            let text = stream.piece()?;
            let more = self.rows_of((text, first, last), &mut at, &mut errors, &mut f);
            if !more {
                break;
            }
            at = stream.advance(at)?;
        }
        Ok(if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        })
    }

    /// [`Self::rows`] in one piece, `text`, starting on line `first` (the rest of the file when
    /// `last`), from byte `at`, which is left where the reading stopped. Whether the next
    /// piece is needed.
    fn rows_of(
        &self,
        (text, first, last): (&str, u64, bool),
        at: &mut usize,
        errors: &mut Vec<InputError>,
        f: &mut impl FnMut(u64, &Record<'_>),
    ) -> bool {
        let bytes = text.as_bytes();
        let mut record = Record::new(text);
        let mut lines = Lines::new(text, first);
        let mut fallback = None;
        loop {
            // Line ends, and the blank lines the CSV reader skips too.
            while bytes.get(*at).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
                *at += 1;
            }
            if *at >= bytes.len() {
                return !last;
            }
            let line = if let Some((end, inner)) = plain_record(bytes, *at, &mut record.cells) {
                if end >= bytes.len() && !last {
                    return true;
                }
                record.read = None;
                let line = lines.at(*at);
                lines.past(end, inner);
                *at = end;
                line
            } else {
                // One reader for all such records, moved to each: building a reader builds
                // its parsing automaton, which costs more than the record.
                let reader = fallback.get_or_insert_with(|| {
                    csv::ReaderBuilder::new()
                        .comment(Some(b'#'))
                        .flexible(true)
                        .has_headers(false)
                        .from_reader(std::io::Cursor::new(bytes))
                });
                let mut start = csv::Position::new();
                start.set_byte(*at as u64);
                let mut read = record.read.take().unwrap_or_default();
                let from = *at;
                let byte = |p: Option<&csv::Position>| {
                    p.map_or(from, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
                };
                let result = reader
                    .seek(start)
                    .and_then(|()| reader.read_record(&mut read));
                // Past the record: the reader took at least one byte.
                let after = byte(Some(reader.position())).max(from + 1);
                if !last && (after >= bytes.len() || !matches!(result, Ok(true))) {
                    // Cut by the end of the piece, or nothing but comments to its end.
                    return true;
                }
                match result {
                    Ok(false) => return false,
                    Ok(true) => {
                        let line = lines.at(byte(read.position()));
                        *at = after;
                        record.read = Some(read);
                        line
                    }
                    Err(e) => {
                        let line = lines.at(byte(e.position()));
                        errors.push(self.line_error(line, format!("not valid CSV: {e}")));
                        return false;
                    }
                }
            };
            match self.shape(line, record.len(), &record[0]) {
                Ok(true) => f(line, &record),
                Ok(false) => {}
                Err(e) => errors.push(e),
            }
        }
    }

    /// An error about one line.
    fn line_error(&self, line: u64, message: String) -> InputError {
        InputError {
            file: self.file.clone(),
            line,
            column: None,
            message,
        }
    }

    /// Whether a record of `len` cells, the first `first`, read on `line` is read (`true`), or
    /// skipped as a blank line (one blank cell); an error when its length is not the header's.
    fn shape(&self, line: u64, len: usize, first: &str) -> Result<bool, InputError> {
        if len == 1 && first.trim().is_empty() {
            Ok(false)
        } else if len == self.headers.len() {
            Ok(true)
        } else {
            let header = self.headers.len();
            Err(self.line_error(line, format!("{len} fields, but the header has {header}")))
        }
    }

    /// [`Self::rows`] as the CSV reader alone reads them: what the plain path must agree with.
    #[cfg(test)]
    fn rows_by_reader(
        &self,
        text: &str,
        mut f: impl FnMut(u64, &csv::StringRecord),
    ) -> Result<(), Vec<InputError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = reader(text);
        let mut errors = Vec::new();
        let mut record = csv::StringRecord::new();
        let mut lines = Lines::new(text, 1);
        // The header was read by `read`.
        let _ = reader.headers();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let line = lines.of(record.position());
                    match self.shape(line, record.len(), record.get(0).unwrap_or("")) {
                        Ok(true) => f(line, &record),
                        Ok(false) => {}
                        Err(e) => errors.push(e),
                    }
                }
                Err(e) => {
                    let line = lines.of(e.position());
                    errors.push(self.line_error(line, format!("not valid CSV: {e}")));
                    if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                        break;
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The index of the first column named any of `names` (lower case), ignoring case.
    #[must_use]
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.lower.iter().position(|h| h == n))
    }

    /// Whether the header has a column named `name` (lower case).
    #[must_use]
    pub fn has(&self, name: &str) -> bool {
        self.lower.iter().any(|h| h == name)
    }

    /// An error about one cell.
    #[must_use]
    pub fn cell_error(&self, line: u64, column: usize, message: String) -> InputError {
        InputError {
            file: self.file.clone(),
            line,
            column: self.headers.get(column).cloned(),
            message,
        }
    }
}

/// `cell` without the white space around it, as `str::trim` gives it, found without a scan
/// when the cell starts and ends with a printable ASCII character, as nearly every cell does.
#[must_use]
pub fn trim(cell: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b.is_ascii());
    if printable(cell.as_bytes().first()) && printable(cell.as_bytes().last()) {
        cell
    } else {
        cell.trim()
    }
}

/// The most one mailbox (or archive) can hold before mma calls a size absurd: 1 PB (2^50
/// bytes), far above any supported mailbox (200 GB) and far below where sums of a million of them
/// could overflow.
pub const MAX_MAILBOX_BYTES: u64 = 1 << 50;

/// Parses a size: plain bytes (`1699391285`), a number with a unit (`1.5 GB`, `300 MB`; binary
/// multiples, as Exchange prints them), or Exchange's `1.583 GB (1,699,391,285 bytes)`. Empty is
/// zero (no archive, or a mailbox never logged on to).
///
/// `Unlimited` is refused: it is a quota value (`ProhibitSendReceiveQuota`, `ArchiveQuota`), never
/// a size, so a column holding it is the wrong column, and reading it as 0 would pack batches as
/// if those mailboxes were empty. The migration engineer re-exports the right column rather than
/// get a plan whose volumes and estimates are silently wrong.
///
/// # Errors
/// The text is none of those, is a quota word, or is above [`MAX_MAILBOX_BYTES`].
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = trim(text);
    if t.is_empty() {
        return Ok(0);
    }
    if t.eq_ignore_ascii_case("unlimited") {
        return Err(format!(
            "`{t}` is a quota, not a size; this column seems to hold quota settings: export the mailbox \
             sizes instead (`TotalItemSize` of Get-MailboxStatistics, or bytes)"
        ));
    }
    let bytes = size_bytes(t)?;
    if bytes > MAX_MAILBOX_BYTES {
        return Err(format!(
            "`{t}` is larger than any mailbox can be (at most 1 PB, {MAX_MAILBOX_BYTES} bytes); check the export"
        ));
    }
    Ok(bytes)
}

/// The bytes a size text gives, saturating at `u64::MAX` (then [`parse_size`] refuses it).
fn size_bytes(t: &str) -> Result<u64, String> {
    let whole = |digits: &str| -> Result<u64, String> {
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            // All digits: only too many of them fail, which is too large a size.
            Ok(digits.parse().unwrap_or(u64::MAX))
        } else {
            Err(format!("`{t}` is not a whole number of bytes"))
        }
    };
    if let (Some(open), true) = (t.find('('), t.ends_with("bytes)")) {
        // The digits, separators left out; too many of them saturate (a size too large).
        let (mut value, mut digits, mut other) = (0u64, false, false);
        for c in t[open + 1..t.len() - "bytes)".len()].chars() {
            match c {
                ',' | ' ' | '.' | '\u{a0}' => {}
                _ => match c.to_digit(10) {
                    Some(d) => {
                        digits = true;
                        value = value.saturating_mul(10).saturating_add(u64::from(d));
                    }
                    None => other = true,
                },
            }
        }
        return if digits && !other {
            Ok(value)
        } else {
            Err(format!("`{t}` has no byte count in its parentheses"))
        };
    }
    let split = t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number = number.trim().replace(',', "");
    let factor: u64 = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" | "BYTES" => 1,
        "KB" | "KIB" => 1 << 10,
        "MB" | "MIB" => 1 << 20,
        "GB" | "GIB" => 1 << 30,
        "TB" | "TIB" => 1 << 40,
        _ => {
            return Err(format!(
                "`{t}` is not a size; expected bytes, a number with KB/MB/GB/TB, or `1.5 GB (1,610,612,736 bytes)`"
            ));
        }
    };
    if factor == 1 {
        return whole(&number);
    }
    let value: f64 = number.parse().map_err(|_| format!("`{t}` is not a size"))?;
    if !(value.is_finite() && value >= 0.0) {
        return Err(format!("`{t}` is not a size"));
    }
    // A float-to-integer `as` saturates: an enormous value gives `u64::MAX`, refused by the caller.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "non-negative and finite; saturates above u64::MAX"
    )]
    Ok((value * factor as f64).round() as u64)
}

/// Whether `text` is a plausible email address: one `@`, a local part, a dotted domain, no
/// spaces, and no first character a spreadsheet would read as a formula.
#[must_use]
pub fn is_address(text: &str) -> bool {
    ascii_address(text.as_bytes()).unwrap_or_else(|| any_address(text))
}

/// [`is_address`] for ASCII text, in one pass (an inventory has a million addresses); `None`
/// for text with other characters, which [`any_address`] judges.
fn ascii_address(text: &[u8]) -> Option<bool> {
    let mut at = None;
    let (mut dot, mut before) = (false, 0);
    for (i, &b) in text.iter().enumerate() {
        if !b.is_ascii() {
            return None;
        }
        let fits = if at.is_none() {
            if b == b'@' {
                at = Some(i);
            }
            b > b' ' && b != 0x7f && !matches!(b, b',' | b';' | b'"' | b'<' | b'>')
        } else if b == b'.' {
            dot = true;
            before != b'.' && before != b'@'
        } else {
            b.is_ascii_alphanumeric() || b == b'-'
        };
        if !fits {
            // The rest may hold a character that is not ASCII, which decides nothing here.
            return Some(text[i..].is_ascii().then_some(false)).flatten();
        }
        before = b;
    }
    Some(
        at.is_some_and(|at| at > 0)
            && dot
            && before != b'.'
            && !matches!(text.first(), Some(b'=' | b'+' | b'-' | b'@')),
    )
}

/// [`is_address`] for any text.
fn any_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !text.starts_with(['=', '+', '-', '@'])
        && text.bytes().all(|b| {
            // ASCII first, as nearly every address is; other characters by their properties.
            !b.is_ascii()
                || (b > b' ' && b != 0x7f && !matches!(b, b',' | b';' | b'"' | b'<' | b'>'))
        })
        && (text.is_ascii()
            || text.chars().all(|c| {
                !c.is_whitespace() && !c.is_control() && !matches!(c, ',' | ';' | '"' | '<' | '>')
            }))
        && domain
            .bytes()
            .all(|b| !b.is_ascii() || b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        && (domain.is_ascii()
            || domain
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Kind;

    #[test]
    fn sizes() {
        assert_eq!(
            parse_size("1.583 GB (1,699,391,285 bytes)"),
            Ok(1_699_391_285)
        );
        assert_eq!(parse_size("0 B (0 bytes)"), Ok(0));
        assert_eq!(parse_size("1699391285"), Ok(1_699_391_285));
        assert_eq!(parse_size("1.5 GB"), Ok(1_610_612_736));
        assert_eq!(parse_size("300MB"), Ok(314_572_800));
        assert_eq!(parse_size(""), Ok(0));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("-1 GB").is_err());
        assert_eq!(parse_size("1024 TB"), Ok(MAX_MAILBOX_BYTES));
        for absurd in [
            "9000000 TB",
            "100000000000000000000000000000 GB",
            "99999999999999999999999",
            "1 PB (99,999,999,999,999,999,999 bytes)",
        ] {
            let e = parse_size(absurd).expect_err(absurd);
            assert!(e.contains("larger than any mailbox"), "{absurd}: {e}");
        }
        let e = parse_size("Unlimited").expect_err("a quota word");
        assert!(e.contains("is a quota, not a size"), "{e}");
    }

    #[test]
    fn cells_are_trimmed_as_str_trim_trims_them() {
        for cell in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\r",
            "\u{a0}a\u{a0}",
            "é",
            " é ",
            "a b",
            "\u{3000}x",
        ] {
            assert_eq!(trim(cell), cell.trim(), "{cell:?}");
        }
        fn same(cell: String) -> bool {
            trim(&cell) == cell.trim()
        }
        quickcheck::quickcheck(same as fn(String) -> bool);
    }

    /// A plainly written record's line ends are those of its text: each record's line is then
    /// counted from the record before it without reading that record's text again.
    #[test]
    fn plain_records_count_their_line_ends() {
        fn same(picks: Vec<u8>) -> bool {
            const ALPHABET: [&str; 8] = ["a", ",", "\"", "\n", "\r\n", " ", "é", "#"];
            let text: String = picks
                .iter()
                .map(|&c| ALPHABET[usize::from(c) % ALPHABET.len()])
                .collect();
            let bytes = text.as_bytes();
            let mut cells = Vec::new();
            (0..bytes.len())
                .filter(|&start| text.is_char_boundary(start))
                .all(|start| match plain_record(bytes, start, &mut cells) {
                    Some((end, inner)) => {
                        let counted = bytes[start..end].iter().filter(|&&b| b == b'\n');
                        counted.count() as u64 == inner
                    }
                    None => true,
                })
        }
        assert_eq!(
            plain_record(b"\"a\nb\",\"c\r\n\nd\"\ne", 0, &mut Vec::new()),
            Some((13, 3))
        );
        quickcheck::QuickCheck::new()
            .tests(5_000)
            .quickcheck(same as fn(Vec<u8>) -> bool);
    }

    #[test]
    fn addresses() {
        assert!(is_address("anna.smith@contoso.com"));
        assert!(!is_address("anna"));
        assert!(!is_address("=HYPERLINK(\"x\")@contoso.com"));
        assert!(!is_address("anna@contoso"));
        assert!(!is_address("an na@contoso.com"));
        assert!(is_address("anna@bücher.de"));
        // The one pass over ASCII text judges as the judgement of any text does.
        fn same(picks: Vec<u8>) -> bool {
            const ALPHABET: [&str; 12] =
                ["a", "Z", "0", "@", ".", "-", "=", "+", " ", ",", "é", "_"];
            let text: String = picks
                .iter()
                .map(|&c| ALPHABET[usize::from(c) % ALPHABET.len()])
                .collect();
            is_address(&text) == any_address(&text)
        }
        quickcheck::QuickCheck::new()
            .tests(20_000)
            .quickcheck(same as fn(Vec<u8>) -> bool);
    }

    /// Rows (line, cells) and errors (line, message) of `text` read with [`Table::rows`], in
    /// pieces of `chunk` bytes read at most `step` bytes at a time; `None` without a header.
    fn read_in_pieces(text: &str, chunk: usize, step: usize) -> Option<Read> {
        let mut source = crate::text::Trickle {
            bytes: text.as_bytes(),
            step,
        };
        let mut stream =
            Stream::reading(&mut source, (Kind::Csv, text.len() as u64), chunk).expect("text");
        let table = Table::read("x.csv", &mut stream).expect("text").ok()?;
        let mut rows = Vec::new();
        let read = table
            .rows(&mut stream, |line, r| {
                rows.push((line, (0..r.len()).map(|i| r[i].to_owned()).collect()));
            })
            .expect("text");
        Some((rows, errors(read)))
    }

    fn errors(read: Result<(), Vec<InputError>>) -> Vec<(u64, String)> {
        read.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.line, e.message))
            .collect()
    }

    #[test]
    fn export_csv_files_read_as_they_are() {
        let text = "\u{feff}#TYPE Selected.Microsoft.Exchange.Data.Directory.Management.Mailbox\n\
                    \"PrimarySmtpAddress\",\"DisplayName\"\n\"a@contoso.com\",\"A, B\"\n";
        let (rows, errors) = read_in_pieces(text, 1 << 20, usize::MAX).expect("a header");
        assert_eq!(
            rows,
            vec![(3, vec!["a@contoso.com".to_owned(), "A, B".to_owned()])]
        );
        assert!(errors.is_empty());
        let (_, errors) = read_in_pieces("a,b\n1,2,3\n4\n", 1 << 20, 1).expect("a header");
        // A blank header is no header, in one piece or in many.
        let blank = format!(",\n{}", "1,2\n".repeat(100));
        assert!(read_in_pieces(&blank, 1 << 20, usize::MAX).is_none());
        assert!(read_in_pieces(&blank, 8, 3).is_none());
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].0, 2);
    }

    /// Rows, cells and errors as [`Table::rows`] gives them, and as the CSV reader alone does.
    type Read = (Vec<(u64, Vec<String>)>, Vec<(u64, String)>);

    fn both(text: &str) -> Option<(Read, Read)> {
        let plain = read_in_pieces(text, 1 << 20, usize::MAX)?;
        let mut bytes = text.as_bytes();
        let mut stream = Stream::new(&mut bytes, Kind::Csv, 0).expect("text");
        let t = Table::read("x.csv", &mut stream).expect("text").ok()?;
        let mut read = Vec::new();
        let read_errors = errors(t.rows_by_reader(text, |line, r| {
            read.push((line, r.iter().map(str::to_owned).collect()));
        }));
        Some((plain, (read, read_errors)))
    }

    /// A header `h,i` and the strings of `alphabet` that `picks` pick, one after another.
    fn csv_text(alphabet: &[&str], picks: &[u8]) -> String {
        std::iter::once("h,i\n")
            .chain(
                picks
                    .iter()
                    .map(|&c| alphabet[usize::from(c) % alphabet.len()]),
            )
            .collect()
    }

    /// Text read a piece at a time, however small the pieces and the reads, gives the rows and
    /// errors it gives read whole, on the lines they are on.
    #[test]
    fn text_read_in_pieces_reads_as_read_whole() {
        fn same(cells: Vec<u8>, chunk: u8, step: u8) -> bool {
            let alphabet = [
                "a", "b", ",", "\"", "\r", "\n", "#", " ", "é", "\r\n", "\"\"",
            ];
            let text = csv_text(&alphabet, &cells);
            let whole = read_in_pieces(&text, 1 << 20, usize::MAX);
            let pieces = read_in_pieces(&text, usize::from(chunk % 16), usize::from(step % 5) + 1);
            whole == pieces
        }
        // Longer than the 200 bytes a stream reads before its first piece.
        quickcheck::QuickCheck::new()
            .tests(1500)
            .rng(quickcheck::Gen::new(600))
            .quickcheck(same as fn(Vec<u8>, u8, u8) -> bool);
    }

    #[test]
    fn plainly_written_records_read_as_the_csv_reader_reads_them() {
        for text in [
            "a,b\n1,2\n",
            "\u{feff}#TYPE x\r\n\"a\",\"b\"\r\n\"1\",\"2\"\r\n\r\n\"3\",\"4\"",
            "a,b\n\"x\"\"y\",2\n\"x\"z,2\n#c,d\n3,\"4\n5\"\n6\r7,8\n",
            "a,b\n1,\"2",
            "a,b\n1,2,3\n \n\"\"\n,\n",
            "a\rb\n",
        ] {
            let (plain, read) = both(text).expect("a header");
            assert_eq!(plain, read, "{text:?}");
        }
        // Any text made of the characters that matter to CSV.
        fn same(cells: Vec<u8>) -> bool {
            let alphabet = ["a", "b", ",", "\"", "\r", "\n", "#", " ", "é", "\r\n"];
            both(&csv_text(&alphabet, &cells)).is_none_or(|(plain, read)| plain == read)
        }
        quickcheck::QuickCheck::new()
            .tests(5000)
            .quickcheck(same as fn(Vec<u8>) -> bool);
    }

    #[test]
    fn rows_are_numbered_by_their_line_whatever_the_line_ends() {
        for end in ["\n", "\r\n"] {
            let text = format!(
                "{bom}#TYPE x{end}\"a\",\"b\"{end}\"1\",\"two{end}lines\"{end}{end}\"3\",\"4\"{end}5{end}",
                bom = '\u{feff}'
            );
            for chunk in [3, 1 << 20] {
                let (rows, errors) = read_in_pieces(&text, chunk, 2).expect("a header");
                let lines: Vec<(u64, &str)> = rows
                    .iter()
                    .map(|(line, r)| (*line, r[0].as_str()))
                    .collect();
                assert_eq!(lines, [(3, "1"), (6, "3")], "{end:?}");
                assert_eq!(errors[0].0, 7, "{end:?}");
            }
        }
    }
}
