//! Text as people's tools write it, in and out: decoding file bytes (UTF-8 with or without a
//! byte-order mark, UTF-16 with one, as Windows PowerShell 5 writes), turning byte offsets into
//! `LINE:COLUMN` in logarithmic time, and making untrusted text safe to print on a terminal.

/// What kind of file is decoded, for the hint on how to re-export it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A CSV export (`Export-Csv`).
    Csv,
    /// Any other text file (`Out-File`, `>`).
    Text,
}

impl Kind {
    fn hint(self) -> &'static str {
        match self {
            Self::Csv => {
                "save it as UTF-8: in PowerShell, `Export-Csv -Encoding UTF8` (or UTF-16 with its byte-order mark, `-Encoding Unicode`)"
            }
            Self::Text => {
                "save it as UTF-8: in PowerShell, `Out-File -Encoding utf8` (or `Set-Content -Encoding utf8`)"
            }
        }
    }
}

/// Text that cannot be decoded: where the first bad byte is and what was found. Shown as
/// `LINE:COLUMN: message`, to follow a file name and a colon.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct DecodeError {
    /// 1-based line of the first bad byte.
    pub line: u64,
    /// 1-based column (characters) of the first bad byte.
    pub column: u64,
    /// 0-based byte offset of the first bad byte in the file.
    pub offset: u64,
    /// What was found and how to fix it.
    pub message: String,
}

/// Line and column (characters, both from 1) of byte `offset` in `text`, counted once.
fn line_column(text: &str, offset: usize) -> (u64, u64) {
    line_column_of(text.as_bytes().get(..offset).unwrap_or(text.as_bytes()))
}

/// Line and column (characters, both from 1) of the byte just after `before`, text from the
/// start of a line; bytes that are not UTF-8 count one column each.
fn line_column_of(before: &[u8]) -> (u64, u64) {
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let last = &before[start..];
    let column = std::str::from_utf8(last).map_or(last.len(), |s| s.chars().count()) + 1;
    (line as u64, column as u64)
}

/// The byte-order marks of UTF-32, which mma does not read.
fn utf32_error(bytes: &[u8], kind: Kind) -> Option<DecodeError> {
    (bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF])).then(|| {
        DecodeError {
            line: 1,
            column: 1,
            offset: 0,
            message: format!("UTF-32 text, which mma does not read; {}", kind.hint()),
        }
    })
}

/// Whether `bytes` start with UTF-16's byte-order mark, and which: big-endian or not.
fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(false),
        Some([0xFE, 0xFF]) => Some(true),
        _ => None,
    }
}

/// The length of UTF-8's byte-order mark at the start of `bytes` (0 or 3).
fn utf8_bom(bytes: &[u8]) -> usize {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    }
}

/// Whether the start of a file's text (past its byte-order mark) holds the NUL bytes of
/// UTF-16 without one.
fn looks_utf16(body: &[u8], bom: usize) -> bool {
    body.iter().take(200 - bom).filter(|&&b| b == 0).count() >= 10
}

/// The first bad byte of a text, as reported.
enum Bad {
    /// A byte that is not UTF-8.
    NotUtf8(u8),
    /// A NUL byte; whether the text looks like UTF-16 without a byte-order mark.
    Nul(bool),
}

impl Bad {
    /// The error for this byte, just after `before` (text from the start of line
    /// `first_line`), at byte `offset` of the file.
    fn error(self, before: &[u8], first_line: u64, offset: u64, kind: Kind) -> DecodeError {
        let (line, column) = line_column_of(before);
        let found = match self {
            Self::NotUtf8(byte) => format!(
                "byte 0x{byte:02X}, which is not UTF-8 (perhaps Windows-1252 or Latin-1 text)"
            ),
            Self::Nul(true) => {
                "a NUL byte: the file looks like UTF-16 without a byte-order mark".to_owned()
            }
            Self::Nul(false) => "a NUL byte, which no text file holds".to_owned(),
        };
        DecodeError {
            line: first_line - 1 + line,
            column,
            offset,
            message: format!("{found}; {}", kind.hint()),
        }
    }
}

/// Decodes a file's bytes into text.
///
/// UTF-8, with or without a byte-order mark (which is dropped), and UTF-16 little- or big-endian
/// with its byte-order mark are read. Invalid UTF-8, UTF-16 or UTF-32 without a byte-order mark
/// (which shows as NUL bytes), unpaired surrogates and NUL characters are refused with the place
/// of the first bad byte and how to save the file again: the first byte that is not UTF-8, else
/// the first NUL. Valid UTF-8 is not copied.
///
/// # Errors
/// The bytes are not text in an encoding above.
pub fn decode(mut bytes: Vec<u8>, kind: Kind) -> Result<String, DecodeError> {
    if let Some(e) = utf32_error(&bytes, kind) {
        return Err(e);
    }
    if let Some(big_endian) = utf16_bom(&bytes) {
        return decode_utf16(&bytes[2..], big_endian, kind);
    }
    let bom = utf8_bom(&bytes);
    // The byte-order mark goes first, so the text is checked once, where it will stay.
    if bom > 0 {
        bytes.drain(..bom);
    }
    let (at, bytes, bad) = match String::from_utf8(bytes) {
        Ok(text) => match memchr::memchr(0, text.as_bytes()) {
            None => return Ok(text),
            Some(at) => {
                let utf16 = looks_utf16(text.as_bytes(), bom);
                (at, text.into_bytes(), Bad::Nul(utf16))
            }
        },
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let byte = bytes[at];
            (at, bytes, Bad::NotUtf8(byte))
        }
    };
    Err(bad.error(&bytes[..at], 1, (bom + at) as u64, kind))
}

fn decode_utf16(body: &[u8], big_endian: bool, kind: Kind) -> Result<String, DecodeError> {
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut out = String::with_capacity(body.len() / 2);
    let mut offset = 2u64;
    let error = |out: &str, offset: u64, found: String| {
        let (line, column) = line_column(out, out.len());
        DecodeError {
            line,
            column,
            offset,
            message: format!("{found}; {}", kind.hint()),
        }
    };
    for c in char::decode_utf16(units) {
        match c {
            Ok('\0') => return Err(error(&out, offset, "a NUL character".to_owned())),
            Ok(c) => {
                out.push(c);
                offset += 2 * c.len_utf16() as u64;
            }
            Err(e) => {
                return Err(error(
                    &out,
                    offset,
                    format!(
                        "an unpaired UTF-16 surrogate 0x{:04X}",
                        e.unpaired_surrogate()
                    ),
                ));
            }
        }
    }
    if body.len() % 2 == 1 {
        return Err(error(
            &out,
            offset,
            "an odd number of bytes in UTF-16 text (the file is cut short)".to_owned(),
        ));
    }
    Ok(out)
}

/// How many bytes a [`Stream`] reads at a time: enough that reading costs little per byte,
/// little enough that the piece read is still in the caches when it is parsed.
const CHUNK: usize = 1 << 20;

/// Why a [`Stream`] stopped: its source could not be read, or is not text mma reads.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Reading failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The bytes are not text ([`decode`]'s errors).
    #[error("{0}")]
    Decode(#[from] DecodeError),
}

/// A file's text, read and decoded a piece at a time, so that a file of any size is never held
/// whole: each piece ([`Stream::piece`]) is whole lines of text, and the reader of the pieces
/// tells [`Stream::advance`] where it is done with the text. The text is what [`decode`] makes
/// of the whole file, and a file it refuses is refused with the same error, found as the pieces
/// are read (the first byte that is not UTF-8, else the first NUL).
pub struct Stream<'r> {
    /// What is read; none for text held whole.
    source: Option<&'r mut dyn std::io::Read>,
    /// Text held whole ([`Stream::whole`]): the one piece.
    whole: Option<&'r str>,
    kind: Kind,
    /// The bytes read and not yet let go, in `buf[..filled]`; the rest is room to read into.
    buf: Vec<u8>,
    filled: usize,
    /// The current piece is `buf[..end]`: up to a line end, or all of it at the end.
    end: usize,
    /// Whether the source is read to its end.
    eof: bool,
    /// The line `buf[0]` is on (it always starts a line).
    line: u64,
    /// The file offset of `buf[0]`.
    offset: u64,
    /// The size of the file, told by the caller: for [`Stream::lines_hint`].
    size: u64,
    /// Whether the file's start looks like UTF-16 without a byte-order mark.
    utf16: bool,
    /// The first NUL byte met, reported once the rest is known to be UTF-8.
    nul: Option<DecodeError>,
    /// How much to read at a time: [`CHUNK`], less in tests.
    chunk: usize,
}

impl std::fmt::Debug for Stream<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stream")
            .field("line", &self.line)
            .field("offset", &self.offset)
            .field("eof", &self.eof)
            .finish_non_exhaustive()
    }
}

impl<'r> Stream<'r> {
    /// Starts reading `source`, a file of about `size` bytes: its encoding is told from its
    /// first bytes, and the first piece is read. UTF-16 text (with its byte-order mark) is
    /// read and decoded whole.
    ///
    /// # Errors
    /// Reading fails, or the file starts with UTF-32's byte-order mark or bad UTF-16.
    pub fn new(
        source: &'r mut dyn std::io::Read,
        kind: Kind,
        size: u64,
    ) -> Result<Self, ReadError> {
        Self::reading(source, (kind, size), CHUNK)
    }

    /// [`Stream::new`], reading `chunk` bytes at a time.
    pub(crate) fn reading(
        source: &'r mut dyn std::io::Read,
        (kind, size): (Kind, u64),
        chunk: usize,
    ) -> Result<Self, ReadError> {
        let mut stream = Self {
            source: Some(source),
            whole: None,
            kind,
            buf: vec![0; chunk.max(1)],
            filled: 0,
            end: 0,
            eof: false,
            line: 1,
            offset: 0,
            size,
            utf16: false,
            nul: None,
            chunk: chunk.max(1),
        };
        // Enough to tell the encoding and to guess UTF-16 without a byte-order mark.
        while stream.filled < 200 && !stream.eof {
            stream.read_some()?;
        }
        let head = &stream.buf[..stream.filled];
        if let Some(e) = utf32_error(head, kind) {
            return Err(e.into());
        }
        if let Some(big_endian) = utf16_bom(head) {
            let mut body = stream.buf[2..stream.filled].to_vec();
            if let Some(source) = stream.source.as_mut() {
                source.read_to_end(&mut body)?;
            }
            stream.buf = decode_utf16(&body, big_endian, kind)?.into_bytes();
            stream.filled = stream.buf.len();
            stream.end = stream.filled;
            stream.eof = true;
            return Ok(stream);
        }
        let bom = utf8_bom(head);
        stream.buf.copy_within(bom..stream.filled, 0);
        stream.filled -= bom;
        stream.offset = bom as u64;
        stream.utf16 = looks_utf16(&stream.buf[..stream.filled], bom);
        stream.extend()?;
        Ok(stream)
    }

    /// Text already decoded and held whole (a byte-order mark at its start is dropped), as one
    /// piece: nothing is copied or checked again.
    #[must_use]
    pub fn whole(text: &'r str) -> Self {
        Self {
            source: None,
            whole: Some(text.strip_prefix('\u{feff}').unwrap_or(text)),
            kind: Kind::Text,
            buf: Vec::new(),
            filled: 0,
            end: 0,
            eof: true,
            line: 1,
            offset: 0,
            size: text.len() as u64,
            utf16: false,
            nul: None,
            chunk: CHUNK,
        }
    }

    /// Reads once into the room after the bytes held; none read is the end of the source.
    fn read_some(&mut self) -> Result<(), ReadError> {
        if self.buf.len() - self.filled < (self.chunk / 4).max(1) {
            self.buf.resize(self.filled + self.chunk, 0);
        }
        let Some(source) = self.source.as_mut() else {
            self.eof = true;
            return Ok(());
        };
        loop {
            match source.read(&mut self.buf[self.filled..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.filled += n;
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Reads until the piece holds a line more (or the rest of the source), and looks for a
    /// NUL byte in what it gained.
    fn extend(&mut self) -> Result<(), ReadError> {
        let before = self.end;
        loop {
            if let Some(i) = memchr::memrchr(b'\n', &self.buf[self.end..self.filled]) {
                self.end += i + 1;
                break;
            }
            if self.eof {
                self.end = self.filled;
                break;
            }
            self.read_some()?;
        }
        if self.nul.is_none()
            && let Some(i) = memchr::memchr(0, &self.buf[before..self.end])
        {
            let at = before + i;
            self.nul = Some(Bad::Nul(self.utf16).error(
                &self.buf[..at],
                self.line,
                self.offset + at as u64,
                self.kind,
            ));
        }
        Ok(())
    }

    /// The current piece: whole lines of text (all that is left, at the end of the source),
    /// starting at the start of a line, [`Stream::line`].
    ///
    /// # Errors
    /// The text read so far is not UTF-8, or holds a NUL byte (once the rest of the source has
    /// been read and found to be UTF-8).
    pub fn piece(&mut self) -> Result<&str, ReadError> {
        if let Some(text) = self.whole {
            return Ok(text);
        }
        if self.nul.is_some() {
            return Err(self.not_utf8_or_nul());
        }
        match std::str::from_utf8(&self.buf[..self.end]) {
            Ok(text) => Ok(text),
            Err(e) => Err(self.not_utf8(e.valid_up_to()).into()),
        }
    }

    /// The error for the byte at `at`, which is not UTF-8.
    fn not_utf8(&self, at: usize) -> DecodeError {
        let byte = self.buf.get(at).copied().unwrap_or_default();
        Bad::NotUtf8(byte).error(
            &self.buf[..at],
            self.line,
            self.offset + at as u64,
            self.kind,
        )
    }

    /// The error to report once a NUL byte has been met: the first byte after it that is not
    /// UTF-8 if there is one (as [`decode`] reports), else the NUL.
    fn not_utf8_or_nul(&mut self) -> ReadError {
        loop {
            if let Err(e) = std::str::from_utf8(&self.buf[..self.end]) {
                return self.not_utf8(e.valid_up_to()).into();
            }
            if self.at_end() {
                return match self.nul.take() {
                    Some(nul) => nul.into(),
                    None => std::io::Error::other("no NUL byte").into(),
                };
            }
            if let Err(e) = self.advance(self.end) {
                return e;
            }
        }
    }

    /// The line the current piece starts on (from 1).
    #[must_use]
    pub const fn line(&self) -> u64 {
        self.line
    }

    /// Whether the current piece is the rest of the source.
    #[must_use]
    pub const fn at_end(&self) -> bool {
        self.eof && self.end == self.filled
    }

    /// Lets go of the text before the start of the line holding byte `at` of the current
    /// piece, where its reader is, and reads the next piece (the line at `at` and at least one
    /// more). Returns where `at` is in it.
    ///
    /// # Errors
    /// Reading fails.
    pub fn advance(&mut self, at: usize) -> Result<usize, ReadError> {
        let at = at.min(self.end);
        let done = memchr::memrchr(b'\n', &self.buf[..at]).map_or(0, |i| i + 1);
        self.line += memchr::memchr_iter(b'\n', &self.buf[..done]).count() as u64;
        self.offset += done as u64;
        self.buf.copy_within(done..self.filled, 0);
        self.filled -= done;
        self.end -= done;
        self.extend()?;
        Ok(at - done)
    }

    /// About how many lines the whole text has (its count, once it is all read), to reserve
    /// room for its rows once: the lines of the current piece, scaled to the file's size.
    #[must_use]
    pub fn lines_hint(&self) -> usize {
        let piece = self.whole.map_or(&self.buf[..self.end], str::as_bytes);
        let here = memchr::memchr_iter(b'\n', piece).count();
        if self.eof {
            return here;
        }
        let read = (self.offset + self.end as u64).max(1);
        let total = self.size.max(read);
        let lines = (here as u64).saturating_mul(total) / read;
        usize::try_from(lines + lines / 8).unwrap_or(usize::MAX)
    }
}

/// Turns byte offsets of one text into `LINE:COLUMN` (characters, from 1): the start of every
/// line is found once, each lookup is a binary search plus at most a short stretch of counting.
#[derive(Clone, Debug)]
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// Whether each line is ASCII, where a column is a byte count.
    ascii: Vec<bool>,
    /// Every `CHECKPOINT` bytes (moved forward to a character boundary): the byte offset and the
    /// number of characters before it, so a column on a long line is not counted from its start.
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

impl<'t> LineIndex<'t> {
    /// Indexes `text`.
    #[must_use]
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let ascii = starts
            .iter()
            .zip(starts.iter().skip(1).chain([&text.len()]))
            .map(|(&a, &b)| text.as_bytes()[a..b].is_ascii())
            .collect();
        let mut checkpoints = vec![(0, 0)];
        let (mut at, mut chars) = (0, 0);
        loop {
            let mut next = at + CHECKPOINT;
            if next >= text.len() {
                break;
            }
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += text[at..next].chars().count();
            checkpoints.push((next, chars));
            at = next;
        }
        Self {
            text,
            starts,
            ascii,
            checkpoints,
        }
    }

    /// Characters before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(o, _)| o <= offset) - 1;
        let (at, chars) = self.checkpoints[i];
        chars + self.text.get(at..offset).map_or(0, |s| s.chars().count())
    }

    /// Line and column of byte `offset` (clamped to the text and to a character boundary).
    #[must_use]
    pub fn locate(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = if self.ascii[line - 1] {
            offset - start
        } else {
            self.chars_before(offset) - self.chars_before(start)
        };
        (line, column + 1)
    }
}

/// Text from input, made safe to print on a terminal (the diagnostics renderer's rule, one
/// definition for every renderer).
pub use crate::table::diagnostic::printable;

/// [`printable`] line by line, keeping the line breaks of a multi-line message.
#[must_use]
pub fn printable_lines(text: &str) -> String {
    text.split('\n')
        .map(printable)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `value` as pretty JSON (two-space indent, as `serde_json::to_string_pretty`) with a final
/// newline. Infallible: a `Value` has only string keys and its `Serialize` never fails, so its
/// `Display` (which `{:#}` makes pretty) writes the same text without a `Result`.
#[must_use]
pub fn pretty_json(value: &serde_json::Value) -> String {
    format!("{value:#}\n")
}

/// A PowerShell single-quoted string literal, so a value is never code. PowerShell ends a
/// single-quoted string at `'` and at the typographic quotes U+2018–U+201B alike, and reads
/// any of them doubled as one literal quote: each is doubled.
#[must_use]
pub fn ps(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// A source that gives at most `step` bytes at each read, as a pipe may: for tests of readers
/// of a [`Stream`].
#[cfg(test)]
pub(crate) struct Trickle<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) step: usize,
}

#[cfg(test)]
impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All the text of `bytes` read as a [`Stream`] in pieces of `chunk` bytes, `step` bytes at
    /// a time, or its error.
    fn streamed(bytes: &[u8], chunk: usize, step: usize) -> Result<String, DecodeError> {
        let mut source = Trickle { bytes, step };
        let decoded = |e: ReadError| match e {
            ReadError::Decode(e) => e,
            ReadError::Io(e) => panic!("{e}"),
        };
        let mut stream = Stream::reading(&mut source, (Kind::Csv, bytes.len() as u64), chunk)
            .map_err(decoded)?;
        let mut text = String::new();
        loop {
            let last = stream.at_end();
            let piece = stream.piece().map_err(decoded)?;
            text.push_str(piece);
            if last {
                return Ok(text);
            }
            let end = piece.len();
            assert!(piece.ends_with('\n'), "{piece:?}");
            assert_eq!(stream.advance(end).map_err(decoded)?, 0);
        }
    }

    /// A file read a piece at a time decodes as it does read whole: the same text, or the same
    /// error at the same line, column and offset.
    #[test]
    fn text_read_in_pieces_decodes_as_read_whole() {
        fn same(bytes: Vec<u8>, chunk: u8, step: u8) -> bool {
            const ALPHABET: [&[u8]; 9] = [
                b"a",
                b"\n",
                b"\r\n",
                b"\0",
                b"\xE9",
                "é".as_bytes(),
                "😀".as_bytes(),
                b"\xEF\xBB\xBF",
                b"\xFF\xFE",
            ];
            let bytes: Vec<u8> = bytes
                .iter()
                .flat_map(|&b| ALPHABET[usize::from(b) % ALPHABET.len()].iter().copied())
                .collect();
            let whole = decode(bytes.clone(), Kind::Csv);
            let chunk = usize::from(chunk % 32) + 1;
            whole == streamed(&bytes, chunk, usize::from(step % 7) + 1)
                && whole == streamed(&bytes, 1 << 20, usize::MAX)
        }
        quickcheck::QuickCheck::new()
            .tests(2000)
            .rng(quickcheck::Gen::new(300))
            .quickcheck(same as fn(Vec<u8>, u8, u8) -> bool);
    }

    #[test]
    fn utf8_with_and_without_a_byte_order_mark() {
        assert_eq!(
            decode(b"a: 1\n".to_vec(), Kind::Text).as_deref(),
            Ok("a: 1\n")
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFa: \xC3\xA9\n".to_vec(), Kind::Text).as_deref(),
            Ok("a: é\n")
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let text = "a,b\né,😀\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(le, Kind::Csv).as_deref(), Ok(text));
        assert_eq!(decode(be.clone(), Kind::Csv).as_deref(), Ok(text));
        be.pop();
        let e = decode(be, Kind::Csv).expect_err("odd length");
        assert!(e.message.contains("odd number"), "{e}");
        // An unpaired surrogate on line 2.
        let e = decode(
            vec![0xFF, 0xFE, b'a', 0, b'\n', 0, b'b', 0, 0x00, 0xD8],
            Kind::Csv,
        )
        .expect_err("surrogate");
        assert_eq!((e.line, e.column), (2, 2));
        assert!(e.message.contains("Export-Csv -Encoding UTF8"), "{e}");
    }

    #[test]
    fn bad_bytes_are_located() {
        let e = decode(b"ok\nab\xE9c\n".to_vec(), Kind::Text).expect_err("latin-1");
        assert_eq!((e.line, e.column, e.offset), (2, 3, 5));
        assert!(e.message.contains("0xE9"), "{e}");
        assert!(e.message.contains("Out-File -Encoding utf8"), "{e}");
        let e = decode(b"v\0e\0r\0s\0i\0o\0n\0:\0 \x001\0\n\0".to_vec(), Kind::Text)
            .expect_err("utf-16 without a byte-order mark");
        assert_eq!((e.line, e.column), (1, 2));
        assert!(
            e.message.contains("UTF-16 without a byte-order mark"),
            "{e}"
        );
        let e = decode(vec![0xFF, 0xFE, 0, 0, b'a', 0, 0, 0], Kind::Text).expect_err("utf-32");
        assert!(e.message.contains("UTF-32"), "{e}");
    }

    #[test]
    fn line_index_agrees_with_counting() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(if i % 7 == 0 { "é😀x\n" } else { "abc=1, " });
        }
        let index = LineIndex::new(&text);
        for offset in (0..text.len()).step_by(13) {
            if !text.is_char_boundary(offset) {
                continue;
            }
            let (line, column) = line_column(&text, offset);
            assert_eq!(
                index.locate(offset),
                (line as usize, column as usize),
                "{offset}"
            );
        }
    }

    #[test]
    fn printable_escapes_terminal_controls_only() {
        assert_eq!(printable("Contoso ünd 😀"), "Contoso ünd 😀");
        assert_eq!(
            printable("a\u{1b}]0;x\u{7}b\u{202e}c\nd"),
            "a\\u{1b}]0;x\\u{7}b\\u{202e}c\\u{a}d"
        );
        assert_eq!(printable_lines("a\u{1b}\nb"), "a\\u{1b}\nb");
    }
}
