//! Reads an answer file in YAML, JSON or TOML into one JSON value, keeping where every value and
//! key sits in the text, so any finding about a JSON pointer can name `LINE:COLUMN`.
//!
//! YAML is read as YAML 1.2 (`yes` and `no` stay strings; duplicate keys are errors), JSON with
//! serde_json (and its positions from the YAML reader, since JSON is YAML 1.2), TOML through the
//! `toml` crate's spanned tree. Numbers with no fractional part become integers in every format,
//! which is how JSON Schema reads them.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use saphyr::Scalar;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};
use serde_json::{Map, Number, Value};
use toml::de::DeValue;

use crate::text::LineIndex;

/// The syntax of an answer file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.yaml`, `.yml`
    Yaml,
    /// `.json`
    Json,
    /// `.toml`
    Toml,
}

impl Format {
    /// The format a file name's extension says, if any.
    #[must_use]
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Some(Self::Yaml),
            "json" => Some(Self::Json),
            "toml" => Some(Self::Toml),
            _ => None,
        }
    }

    /// The format the text itself says, when it says: an editor modeline (`# yaml-language-server:`
    /// for YAML, `#:schema` for TOML), else the first line that is not blank or a comment: `{`
    /// opens JSON, `key = value` or a `[table]` header is TOML, `key:` or `---` is YAML.
    #[must_use]
    pub fn from_content(text: &str) -> Option<Self> {
        for line in text.trim_start_matches('\u{feff}').lines() {
            let line = line.trim();
            if line.starts_with("# yaml-language-server:") {
                return Some(Self::Yaml);
            }
            if line.starts_with("#:schema") {
                return Some(Self::Toml);
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            return Self::from_first_line(line);
        }
        None
    }

    /// The format a first meaningful line belongs to, if only one fits.
    fn from_first_line(line: &str) -> Option<Self> {
        if line.starts_with('{') {
            return Some(Self::Json);
        }
        if line.starts_with("---") {
            return Some(Self::Yaml);
        }
        if line.starts_with('[') {
            // `[table]` or `[[array]]` in TOML; a JSON or YAML top level is a mapping.
            return Some(Self::Toml);
        }
        let key_end = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
        match line[key_end..].trim_start().chars().next() {
            Some('=') => Some(Self::Toml),
            Some(':') => Some(Self::Yaml),
            _ => None,
        }
    }

    /// `yaml`, `json` or `toml`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Yaml => "yaml",
            Self::Json => "json",
            Self::Toml => "toml",
        }
    }
}

/// A place in the text: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

impl Location {
    const START: Self = Self { line: 1, column: 1 };
}

/// The deepest nesting of lists and mappings read, in any format. An answer file is three levels
/// deep; the limit keeps every walk over the value (the schema validator's, serde's, drop) far
/// from the end of the stack.
pub const MAX_DEPTH: usize = 128;

/// Most values that YAML aliases (`*name`) may produce in one file, against "billion laughs".
const ALIAS_BUDGET: usize = 100_000;

/// A problem that stops reading the file, shown as `LINE:COLUMN: message`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}:{}: {message}", .location.line, .location.column)]
pub struct SyntaxError {
    /// Where.
    pub location: Location,
    /// What, in the reader's words.
    pub message: String,
}

/// Where one value is written: its own place, its key's (its own, for an array item) and where
/// its children's entries start.
#[derive(Clone, Copy, Debug, Default)]
struct Pos {
    value: Location,
    key: Location,
    /// Index of the first child's entry (the children are contiguous, in file order), or
    /// [`NO_CHILDREN`] for a scalar or a value whose parts have no places of their own (a YAML
    /// alias).
    first_child: u32,
}

const NO_CHILDREN: u32 = u32::MAX;

/// A parsed answer file: its value and where each part of it is written.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The file's content as JSON.
    pub value: Value,
    /// One entry per value, the root's last: about 20 bytes per value, with no copy of any key.
    positions: Vec<Pos>,
    /// For mappings with many keys, by their first child's entry: each key's index, so that
    /// locating every key of a file full of unknown keys stays linear overall.
    key_index: HashMap<u32, HashMap<String, usize>>,
}

/// A mapping with more keys than this gets a [`Document::key_index`] entry.
const INDEXED_KEYS: usize = 32;

impl Document {
    /// A document with no positions, for a value built in memory.
    #[must_use]
    pub fn from_value(value: Value) -> Self {
        Self {
            value,
            ..Self::default()
        }
    }

    /// The entry of the value at `pointer`, or of its nearest ancestor that has one, and whether
    /// that is the value itself.
    fn find(&self, pointer: &str) -> Option<(Pos, bool)> {
        let mut pos = *self.positions.last()?;
        if pointer.is_empty() {
            return Some((pos, true));
        }
        let Some(rest) = pointer.strip_prefix('/') else {
            return Some((pos, false));
        };
        let mut value = &self.value;
        for segment in rest.split('/') {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            let found = match value {
                Value::Array(items) => segment
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| Some((i, items.get(i)?))),
                Value::Object(map) => map.get(&segment).and_then(|v| {
                    let index = match self.key_index.get(&pos.first_child) {
                        Some(keys) => *keys.get(&segment)?,
                        None => map.keys().position(|k| *k == segment)?,
                    };
                    Some((index, v))
                }),
                _ => None,
            };
            let Some((index, child)) = found else {
                return Some((pos, false));
            };
            if pos.first_child == NO_CHILDREN {
                return Some((pos, false));
            }
            let Some(next) = self.positions.get(pos.first_child as usize + index) else {
                return Some((pos, false));
            };
            pos = *next;
            value = child;
        }
        Some((pos, true))
    }

    /// Where the value at `pointer` is written; for a pointer to nothing, its nearest ancestor.
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Location {
        self.find(pointer).map_or(Location::START, |(p, _)| p.value)
    }

    /// Where the key of the member at `pointer` is written (its value, for an array item).
    #[must_use]
    pub fn locate_key(&self, pointer: &str) -> Location {
        match self.find(pointer) {
            Some((p, true)) => p.key,
            Some((p, false)) => p.value,
            None => Location::START,
        }
    }
}

/// Collects [`Pos`] entries while a document is read: the children of each open container wait
/// on a stack and move, contiguous, into the finished list when it closes.
#[derive(Default)]
struct Positions {
    done: Vec<Pos>,
    open: Vec<Vec<Pos>>,
    root: Option<Pos>,
}

impl Positions {
    fn add(&mut self, pos: Pos) {
        match self.open.last_mut() {
            Some(children) => children.push(pos),
            None => self.root = Some(pos),
        }
    }

    fn open(&mut self) {
        self.open.push(Vec::new());
    }

    fn close(&mut self, mut pos: Pos) {
        let children = self.open.pop().unwrap_or_default();
        pos.first_child = u32::try_from(self.done.len()).unwrap_or(NO_CHILDREN);
        self.done.extend(children);
        self.add(pos);
    }

    fn finish(mut self, root: Location) -> Vec<Pos> {
        if let Some(mut pos) = self.root {
            pos.value = root;
            pos.key = root;
            self.done.push(pos);
        }
        self.done.shrink_to_fit();
        self.done
    }
}

/// Escapes one JSON pointer segment.
#[must_use]
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Parses `text` as `format`.
///
/// # Errors
/// A syntax error, located; or several, for TOML, which recovers and reports every one. Nesting
/// deeper than [`MAX_DEPTH`] is an error.
pub fn parse(text: &str, format: Format) -> Result<Document, Vec<SyntaxError>> {
    let mut doc = match format {
        Format::Yaml => yaml(text)?,
        Format::Json => json(text)?,
        Format::Toml => toml(text)?,
    };
    normalise_numbers(&mut doc.value);
    doc.key_index = key_index(&doc.value, &doc.positions);
    Ok(doc)
}

/// The key index of every mapping with more than [`INDEXED_KEYS`] keys that has places.
fn key_index(value: &Value, positions: &[Pos]) -> HashMap<u32, HashMap<String, usize>> {
    let mut out = HashMap::new();
    let Some(root) = positions.len().checked_sub(1) else {
        return out;
    };
    // Iterative, like every walk over input: (value, index of its entry).
    let mut stack = vec![(value, root)];
    while let Some((v, at)) = stack.pop() {
        let Some(first) = positions.get(at).map(|p| p.first_child) else {
            continue;
        };
        if first == NO_CHILDREN {
            continue;
        }
        let base = first as usize;
        match v {
            Value::Object(map) => {
                if map.len() > INDEXED_KEYS {
                    out.insert(
                        first,
                        map.keys()
                            .enumerate()
                            .map(|(i, k)| (k.clone(), i))
                            .collect(),
                    );
                }
                stack.extend(map.values().enumerate().map(|(i, c)| (c, base + i)));
            }
            Value::Array(items) => {
                stack.extend(items.iter().enumerate().map(|(i, c)| (c, base + i)));
            }
            _ => {}
        }
    }
    out
}

fn at(line: usize, column: usize, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        location: Location {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        },
        message: message.into(),
    }
}

fn marker_location(m: Marker) -> Location {
    Location {
        line: u32::try_from(m.line()).unwrap_or(u32::MAX),
        column: u32::try_from(m.col() + 1).unwrap_or(u32::MAX),
    }
}

fn too_deep(location: Location) -> SyntaxError {
    SyntaxError {
        location,
        message: format!(
            "lists and mappings nested more than {MAX_DEPTH} levels deep; an answer file needs three"
        ),
    }
}

/// An open YAML list or mapping.
enum Open {
    Sequence(Vec<Value>),
    /// The members so far, and the key (name and place) waiting for its value.
    Mapping(Map<String, Value>, Option<(String, Location)>),
}

struct Frame {
    open: Open,
    pos: Pos,
    anchor: usize,
}

/// Whether the innermost open value is a mapping waiting for its next key.
fn awaits_key(frames: &[Frame]) -> bool {
    matches!(
        frames.last(),
        Some(Frame {
            open: Open::Mapping(_, None),
            ..
        })
    )
}

/// A list, mapping or alias where a mapping key belongs.
fn not_a_plain_key(location: Location) -> SyntaxError {
    SyntaxError {
        location,
        message: "a mapping key must be a plain name".to_owned(),
    }
}

/// The state of reading one YAML document from the parser's events: the open lists and
/// mappings, the places found so far, the anchors, and the first error of each kind.
struct YamlReader {
    frames: Vec<Frame>,
    positions: Positions,
    anchors: HashMap<usize, Value>,
    alias_budget: usize,
    root: Option<Value>,
    /// An error saphyr's loader reports (a duplicate key, an alias bomb).
    load_error: Option<SyntaxError>,
    /// A value that cannot be read.
    walk_error: Option<SyntaxError>,
}

impl YamlReader {
    fn new() -> Self {
        Self {
            frames: Vec::new(),
            positions: Positions::default(),
            anchors: HashMap::new(),
            alias_budget: ALIAS_BUDGET,
            root: None,
            load_error: None,
            walk_error: None,
        }
    }

    /// A list (`sequence`) or mapping starts at `here`.
    fn start(&mut self, sequence: bool, anchor: usize, here: Location) {
        if awaits_key(&self.frames) {
            self.walk_error = Some(not_a_plain_key(here));
            return;
        }
        let open = if sequence {
            Open::Sequence(Vec::new())
        } else {
            Open::Mapping(Map::new(), None)
        };
        self.positions.open();
        self.frames.push(Frame {
            open,
            pos: Pos {
                value: here,
                key: here,
                first_child: NO_CHILDREN,
            },
            anchor,
        });
    }

    /// The innermost list or mapping ends: its value and anchor, to be placed.
    fn end(&mut self) -> Option<(Value, usize)> {
        let frame = self.frames.pop()?;
        let value = match frame.open {
            Open::Sequence(mut items) => {
                items.shrink_to_fit();
                Value::Array(items)
            }
            Open::Mapping(map, _) => Value::Object(map),
        };
        // `close` places the entry; the caller only places the value.
        self.positions.close(frame.pos);
        Some((value, frame.anchor))
    }

    /// A scalar at `here`: a key waiting for its value, or a value (with its anchor) to place.
    fn scalar(
        &mut self,
        text: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<Cow<'_, Tag>>,
        here: Location,
    ) -> Option<(Value, usize)> {
        let resolved = match &tag {
            Some(t) if !t.is_yaml_core_schema() => {
                Scalar::parse_from_cow_and_metadata(text, style, None)
            }
            _ => Scalar::parse_from_cow_and_metadata(text, style, tag.as_ref()),
        };
        let value = match resolved.as_ref().map(scalar_value) {
            Some(Ok(value)) => value,
            Some(Err(message)) => {
                self.walk_error = Some(SyntaxError {
                    location: here,
                    message,
                });
                return None;
            }
            None => {
                self.walk_error = Some(SyntaxError {
                    location: here,
                    message: "a value YAML cannot resolve".to_owned(),
                });
                return None;
            }
        };
        if let Some(Frame {
            open: Open::Mapping(_, pending @ None),
            ..
        }) = self.frames.last_mut()
        {
            if anchor > 0 {
                self.anchors.insert(anchor, value.clone());
            }
            let name = match value {
                Value::String(s) => s,
                other => other.to_string(),
            };
            *pending = Some((name, here));
            return None;
        }
        self.positions.add(Pos {
            value: here,
            key: here,
            first_child: NO_CHILDREN,
        });
        Some((value, anchor))
    }

    /// An alias at `here`: a copy of its anchor's value, within the alias budget.
    fn alias(&mut self, id: usize, here: Location) -> Option<(Value, usize)> {
        if awaits_key(&self.frames) {
            self.walk_error = Some(not_a_plain_key(here));
            return None;
        }
        let Some(target) = self.anchors.get(&id) else {
            self.walk_error = Some(SyntaxError {
                location: here,
                message: "a value YAML cannot resolve".to_owned(),
            });
            return None;
        };
        if !within_budget(target, &mut self.alias_budget) {
            self.load_error = Some(SyntaxError {
                location: here,
                message: "alias expansion exceeded the maximum node budget (possible billion-laughs attack)".to_owned(),
            });
            return None;
        }
        let value = target.clone();
        self.positions.add(Pos {
            value: here,
            key: here,
            first_child: NO_CHILDREN,
        });
        Some((value, 0))
    }

    /// Places a finished value in the innermost open list or mapping (or as the root), and
    /// records it under its anchor.
    fn place(&mut self, value: Value, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.frames.last_mut() {
            None => self.root = Some(value),
            Some(frame) => match &mut frame.open {
                Open::Sequence(items) => items.push(value),
                Open::Mapping(map, pending) => {
                    let Some((name, key_at)) = pending.take() else {
                        return;
                    };
                    if map.insert(name, value).is_some() {
                        self.load_error = Some(SyntaxError {
                            location: key_at,
                            message:
                                "a key appears twice in one mapping; each field may be given once"
                                    .to_owned(),
                        });
                    }
                    // The member's entry is the last one added to this mapping's children.
                    if let Some(entry) = self.positions.open.last_mut().and_then(|c| c.last_mut()) {
                        entry.key = key_at;
                    }
                }
            },
        }
    }
}

/// Reads YAML from the parser's events, without recursion: nesting is counted and refused past
/// [`MAX_DEPTH`].
///
/// Errors are reported as saphyr's loader did: a syntax error anywhere first, then a duplicate
/// key or an alias bomb, then an empty file or a second document, then a value that cannot be
/// read.
fn yaml(text: &str) -> Result<Document, Vec<SyntaxError>> {
    let mut parser = Parser::new_from_str(text);
    let mut reader = YamlReader::new();
    let mut documents = 0usize;
    let mut second: Option<Location> = None;
    // Events after the first error, and of documents after the first, are only scanned.
    let mut depth = 0usize;
    let mut after_start = false;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            vec![at(m.line(), m.col() + 1, e.info())]
        })?;
        let here = marker_location(span.start);
        if after_start {
            after_start = false;
            if documents == 2 {
                second = Some(here);
            }
        }
        let building = documents == 1 && reader.load_error.is_none() && reader.walk_error.is_none();
        let finished = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart(_) => {
                documents += 1;
                after_start = true;
                None
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(vec![too_deep(here)]);
                }
                if building {
                    let sequence = matches!(event, Event::SequenceStart(..));
                    reader.start(sequence, anchor, here);
                }
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                depth = depth.saturating_sub(1);
                if building { reader.end() } else { None }
            }
            Event::Scalar(v, style, anchor, tag) if building => {
                reader.scalar(v, style, anchor, tag, here)
            }
            Event::Alias(id) if building => reader.alias(id, here),
            Event::Scalar(..) | Event::Alias(_) => None,
        };
        if let Some((value, anchor)) = finished {
            reader.place(value, anchor);
        }
    }
    if let Some(e) = reader.load_error {
        return Err(vec![e]);
    }
    if documents == 0 {
        return Err(vec![at(
            1,
            1,
            "the file is empty; an answer file is a mapping that starts with `version: 1`",
        )]);
    }
    if let Some(location) = second {
        return Err(vec![SyntaxError {
            location,
            message: "a second YAML document; an answer file holds one".to_owned(),
        }]);
    }
    if let Some(e) = reader.walk_error {
        return Err(vec![e]);
    }
    let root_at = reader.positions.root.map_or(Location::START, |p| p.value);
    Ok(Document {
        value: reader.root.unwrap_or(Value::Null),
        positions: reader.positions.finish(root_at),
        key_index: HashMap::new(),
    })
}

/// Whether `value` has at most `budget` nodes; takes them from the budget when it does.
fn within_budget(value: &Value, budget: &mut usize) -> bool {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    true
}

fn scalar_value(scalar: &Scalar<'_>) -> Result<Value, String> {
    Ok(match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Number((*i).into()),
        Scalar::FloatingPoint(f) => Number::from_f64(f.into_inner())
            .map(Value::Number)
            .ok_or_else(|| format!("`{}` is not a finite number", f.into_inner()))?,
        Scalar::String(s) => Value::String(s.to_string()),
    })
}

fn json(text: &str) -> Result<Document, Vec<SyntaxError>> {
    if text.trim().is_empty() {
        return Err(vec![at(
            1,
            1,
            "the file is empty; an answer file is an object that starts with `\"version\": 1`",
        )]);
    }
    // serde_json refuses nesting past 128 levels itself.
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |i| &message[..i]);
        vec![at(e.line(), e.column(), message)]
    })?;
    // Positions, and duplicate keys, which serde_json would silently merge.
    let positions = json_positions(text).map_err(|e| vec![e])?;
    Ok(Document {
        value,
        positions,
        key_index: HashMap::new(),
    })
}

/// An open JSON object or array: its entry, and for an object the names so far and the place of
/// the key waiting for its value.
struct OpenJson<'t> {
    pos: Pos,
    names: Option<HashSet<Cow<'t, str>>>,
    key: Option<Location>,
}

/// Whether `b` ends a bare JSON token (a number, `true`, `false`, `null`).
const fn ends_bare_token(b: u8) -> bool {
    matches!(
        b,
        b'{' | b'[' | b'}' | b']' | b',' | b':' | b' ' | b'\t' | b'\r' | b'\n' | b'"'
    )
}

/// The end of the JSON token that starts at byte `i`.
fn token_end(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b'"' => {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(bytes.len())
        }
        b'{' | b'[' | b'}' | b']' | b',' | b':' | b' ' | b'\t' | b'\r' | b'\n' => i + 1,
        _ => {
            let mut j = i + 1;
            while j < bytes.len() && !ends_bare_token(bytes[j]) {
                j += 1;
            }
            j
        }
    }
}

/// Records the key `token` (quotes included) at `here` in the innermost open object; a name it
/// already holds is an error.
fn note_key<'t>(
    open: &mut OpenJson<'t>,
    token: &'t str,
    here: Location,
) -> Result<(), SyntaxError> {
    let raw = &token[1..token.len().saturating_sub(1).max(1)];
    let name: Cow<'t, str> = if raw.contains('\\') {
        Cow::Owned(serde_json::from_str::<String>(token).unwrap_or_default())
    } else {
        Cow::Borrowed(raw)
    };
    if let Some(names) = &mut open.names
        && !names.insert(name)
    {
        return Err(SyntaxError {
            location: here,
            message: "a key appears twice in one mapping; each field may be given once".to_owned(),
        });
    }
    open.key = Some(here);
    Ok(())
}

/// The places of the values (and keys) of JSON text that serde_json has accepted, in one pass
/// with an explicit stack; a key given twice in one object is an error at its second place.
fn json_positions(text: &str) -> Result<Vec<Pos>, SyntaxError> {
    let bytes = text.as_bytes();
    let mut positions = Positions::default();
    let mut stack: Vec<OpenJson<'_>> = Vec::new();
    let (mut line, mut column) = (1u32, 1u32);
    let mut i = 0;
    while i < bytes.len() {
        let here = Location { line, column };
        let b = bytes[i];
        let end = token_end(bytes, i);
        let token = &text[i..end];
        // A value starts here unless this is a key: a string in an object with no pending key.
        let is_key = b == b'"'
            && stack
                .last()
                .is_some_and(|o| o.names.is_some() && o.key.is_none());
        match b {
            b'{' | b'[' => {
                let key = stack.last_mut().and_then(|o| o.key.take());
                positions.open();
                stack.push(OpenJson {
                    pos: Pos {
                        value: here,
                        key: key.unwrap_or(here),
                        first_child: NO_CHILDREN,
                    },
                    names: (b == b'{').then(HashSet::new),
                    key: None,
                });
            }
            b'}' | b']' => {
                if let Some(open) = stack.pop() {
                    positions.close(open.pos);
                }
            }
            _ if is_key => {
                if let Some(open) = stack.last_mut() {
                    note_key(open, token, here)?;
                }
            }
            b',' | b':' | b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => {
                let key = stack.last_mut().and_then(|o| o.key.take());
                positions.add(Pos {
                    value: here,
                    key: key.unwrap_or(here),
                    first_child: NO_CHILDREN,
                });
            }
        }
        for &c in &bytes[i..end] {
            if c == b'\n' {
                line = line.saturating_add(1);
                column = 1;
            } else if c & 0xC0 != 0x80 {
                column = column.saturating_add(1);
            }
        }
        i = end;
    }
    let root = positions.root.map_or(Location::START, |p| p.value);
    Ok(positions.finish(root))
}

/// Reads a TOML tree into a JSON value, recording where each value is written.
struct TomlWalk<'t> {
    index: LineIndex<'t>,
    positions: Positions,
}

impl TomlWalk<'_> {
    fn location(&self, offset: usize) -> Location {
        let (line, column) = self.index.locate(offset);
        Location {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// Converts one value; `key` is where its key is written (its own place for an item).
    fn value(
        &mut self,
        value: &DeValue<'_>,
        span: std::ops::Range<usize>,
        key: Option<Location>,
        depth: usize,
    ) -> Result<Value, SyntaxError> {
        let here = self.location(span.start);
        let mut pos = Pos {
            value: here,
            key: key.unwrap_or(here),
            first_child: NO_CHILDREN,
        };
        let error = |message: String| SyntaxError {
            location: here,
            message,
        };
        let scalar = match value {
            DeValue::String(s) => Value::String(s.to_string()),
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .map(|n| Value::Number(n.into()))
                .map_err(|_| error(format!("`{i}` is out of range for an integer")))?,
            DeValue::Float(f) => f
                .as_str()
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| error(format!("`{}` is not a finite number", f.as_str())))?,
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(d) => Value::String(d.to_string()),
            DeValue::Array(_) | DeValue::Table(_) if depth >= MAX_DEPTH => {
                return Err(too_deep(here));
            }
            DeValue::Array(items) => {
                self.positions.open();
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.value(item.get_ref(), item.span(), None, depth + 1)?);
                }
                self.positions.close(pos);
                return Ok(Value::Array(out));
            }
            DeValue::Table(table) => {
                self.positions.open();
                let mut out = Map::new();
                // The spanned tree keeps keys in a map; file order comes from the spans.
                let mut entries: Vec<_> = table.iter().collect();
                entries.sort_by_key(|(k, _)| k.span().start);
                for (key, item) in entries {
                    let key_at = self.location(key.span().start);
                    let v = self.value(item.get_ref(), item.span(), Some(key_at), depth + 1)?;
                    out.insert(key.get_ref().to_string(), v);
                }
                self.positions.close(pos);
                return Ok(Value::Object(out));
            }
        };
        pos.first_child = NO_CHILDREN;
        self.positions.add(pos);
        Ok(scalar)
    }
}

fn toml(text: &str) -> Result<Document, Vec<SyntaxError>> {
    use toml::de::DeTable;

    if text.trim().is_empty() {
        return Err(vec![at(
            1,
            1,
            "the file is empty; an answer file is a table that starts with `version = 1`",
        )]);
    }
    let index = LineIndex::new(text);
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut walk = TomlWalk {
        index,
        positions: Positions::default(),
    };
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| SyntaxError {
                location: e.span().map_or(Location::START, |s| walk.location(s.start)),
                message: e.message().trim().to_owned(),
            })
            .collect());
    }
    let span = root.span();
    let table = DeValue::Table(root.into_inner());
    let value = walk.value(&table, span, None, 0).map_err(|e| vec![e])?;
    Ok(Document {
        value,
        positions: walk.positions.finish(Location::START),
        key_index: HashMap::new(),
    })
}

/// Turns every number with no fractional part into an integer, as JSON Schema reads numbers.
/// Nesting is at most [`MAX_DEPTH`], so the recursion is bounded.
fn normalise_numbers(value: &mut Value) {
    match value {
        Value::Number(n) if !(n.is_i64() || n.is_u64()) => {
            if let Some(f) = n.as_f64() {
                // Within ±2^53 every integral f64 is an exact integer.
                if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
                    #[expect(clippy::cast_possible_truncation, reason = "integral and in range")]
                    let i = f as i64;
                    *n = i.into();
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalise_numbers),
        Value::Object(map) => map.values_mut().for_each(normalise_numbers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_names_its_format() {
        let cases = [
            ("{\"format_version\": 1}", Some(Format::Json)),
            ("\u{feff}\n  {\n", Some(Format::Json)),
            (
                "# yaml-language-server: $schema=x.json\n{}",
                Some(Format::Yaml),
            ),
            (
                "#:schema ./answers.schema.json\nformat_version = 1",
                Some(Format::Toml),
            ),
            ("# a comment\n\nformat_version = 1\n", Some(Format::Toml)),
            ("[tenant]\ndomain = \"x\"", Some(Format::Toml)),
            ("format_version: 1\n", Some(Format::Yaml)),
            ("---\nformat_version: 1\n", Some(Format::Yaml)),
            ("source:exchange_2010", Some(Format::Yaml)),
            ("just words", None),
            ("", None),
            ("# only a comment", None),
        ];
        for (text, format) in cases {
            assert_eq!(Format::from_content(text), format, "{text:?}");
        }
    }

    #[test]
    fn yaml_positions_and_values() {
        let doc = parse(
            "version: 1\nsource: exchange_2010\ntenant:\n  domain: x\n",
            Format::Yaml,
        )
        .expect("parses");
        assert_eq!(doc.value["tenant"]["domain"], "x");
        assert_eq!(doc.locate("/source"), Location { line: 2, column: 9 });
        assert_eq!(
            doc.locate_key("/tenant/domain"),
            Location { line: 4, column: 3 }
        );
        assert_eq!(
            doc.locate("/tenant/missing"),
            Location { line: 4, column: 3 }
        );
    }

    #[test]
    fn yaml_1_2_keeps_yes_a_string_and_refuses_duplicates() {
        let doc = parse("a: yes\nb: 5.0\n", Format::Yaml).expect("parses");
        assert_eq!(doc.value["a"], "yes");
        assert_eq!(doc.value["b"], 5);
        let errors = parse("a: 1\na: 2\n", Format::Yaml).expect_err("duplicate");
        assert_eq!(errors[0].location.line, 2);
    }

    #[test]
    fn toml_positions() {
        let doc = parse("version = 1\n\n[tenant]\ndomain = \"x\"\n", Format::Toml).expect("parses");
        assert_eq!(
            doc.locate("/tenant/domain"),
            Location {
                line: 4,
                column: 10
            }
        );
        assert_eq!(
            doc.locate_key("/tenant/domain"),
            Location { line: 4, column: 1 }
        );
    }

    #[test]
    fn json_positions_and_duplicates() {
        let doc = parse("{\n  \"a\": {\"b\": 2}\n}\n", Format::Json).expect("parses");
        assert_eq!(
            doc.locate("/a/b"),
            Location {
                line: 2,
                column: 14
            }
        );
        assert!(parse("{\"a\": 1, \"a\": 2}", Format::Json).is_err());
        let errors = parse("{\"a\": }", Format::Json).expect_err("syntax");
        assert_eq!(errors[0].location, Location { line: 1, column: 7 });
    }
}
