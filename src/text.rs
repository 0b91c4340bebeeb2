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
    let before = text.get(..offset).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[start..].chars().count() + 1;
    (line as u64, column as u64)
}

/// Decodes a file's bytes into text.
///
/// UTF-8, with or without a byte-order mark (which is dropped), and UTF-16 little- or big-endian
/// with its byte-order mark are read. Invalid UTF-8, UTF-16 or UTF-32 without a byte-order mark
/// (which shows as NUL bytes), unpaired surrogates and NUL characters are refused with the place
/// of the first bad byte and how to save the file again. Valid UTF-8 is not copied.
///
/// # Errors
/// The bytes are not text in an encoding above.
pub fn decode(mut bytes: Vec<u8>, kind: Kind) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(DecodeError {
            line: 1,
            column: 1,
            offset: 0,
            message: format!("UTF-32 text, which mma does not read; {}", kind.hint()),
        });
    }
    if let Some(big_endian) = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(false),
        Some([0xFE, 0xFF]) => Some(true),
        _ => None,
    } {
        return decode_utf16(&bytes[2..], big_endian, kind);
    }
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    // The byte-order mark goes first, so the text is checked once, where it will stay.
    if bom > 0 {
        bytes.drain(..bom);
    }
    let (at, bytes, utf8) = match String::from_utf8(bytes) {
        Ok(text) => match memchr::memchr(0, text.as_bytes()) {
            None => return Ok(text),
            Some(at) => (at, text.into_bytes(), false),
        },
        Err(e) => (e.utf8_error().valid_up_to(), e.into_bytes(), true),
    };
    // The text before the first bad byte is valid UTF-8.
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let (line, column) = line_column(valid, at);
    let found = if utf8 {
        let byte = bytes[at];
        format!("byte 0x{byte:02X}, which is not UTF-8 (perhaps Windows-1252 or Latin-1 text)")
    } else {
        let utf16 = bytes.iter().take(200 - bom).filter(|&&b| b == 0).count() >= 10;
        if utf16 {
            "a NUL byte: the file looks like UTF-16 without a byte-order mark".to_owned()
        } else {
            "a NUL byte, which no text file holds".to_owned()
        }
    };
    Err(DecodeError {
        line,
        column,
        offset: (bom + at) as u64,
        message: format!("{found}; {}", kind.hint()),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

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
