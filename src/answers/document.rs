//! Reads an answer file in YAML, JSON or TOML into one JSON value, keeping where every value and
//! key sits in the text, so any finding about a JSON pointer can name `LINE:COLUMN`.
//!
//! YAML is read as YAML 1.2 (`yes` and `no` stay strings; duplicate keys are errors), JSON with
//! serde_json (and its positions from the YAML reader, since JSON is YAML 1.2), TOML through the
//! `toml` crate's spanned tree. Numbers with no fractional part become integers in every format,
//! which is how JSON Schema reads them.

use std::collections::BTreeMap;

use saphyr::{LoadableYamlNode as _, MarkedYaml, Scalar, YamlData};
use serde_json::{Map, Number, Value};

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

/// A problem that stops reading the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where.
    pub location: Location,
    /// What, in the reader's words.
    pub message: String,
}

/// A parsed answer file: its value and where each part of it is written.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The file's content as JSON.
    pub value: Value,
    /// JSON pointer → location of the value.
    values: BTreeMap<String, Location>,
    /// JSON pointer → location of the key that names the value.
    keys: BTreeMap<String, Location>,
}

impl Document {
    /// A document with no positions, for a value built in memory.
    #[must_use]
    pub fn from_value(value: Value) -> Self {
        Self {
            value,
            ..Self::default()
        }
    }

    /// Where the value at `pointer` is written; for a pointer to nothing, its nearest ancestor.
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Location {
        let mut p = pointer;
        loop {
            if let Some(l) = self.values.get(p) {
                return *l;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return Location::START,
            }
        }
    }

    /// Where the key of the member at `pointer` is written (its value, for an array item).
    #[must_use]
    pub fn locate_key(&self, pointer: &str) -> Location {
        self.keys
            .get(pointer)
            .copied()
            .unwrap_or_else(|| self.locate(pointer))
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
/// A syntax error, located; or several, for TOML, which recovers and reports every one.
pub fn parse(text: &str, format: Format) -> Result<Document, Vec<SyntaxError>> {
    let mut doc = match format {
        Format::Yaml => yaml(text, true)?,
        Format::Json => json(text)?,
        Format::Toml => toml(text)?,
    };
    normalise_numbers(&mut doc.value);
    Ok(doc)
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

/// Reads YAML (or JSON, for positions). With `build`, the value is built too.
fn yaml(text: &str, build: bool) -> Result<Document, Vec<SyntaxError>> {
    let docs = MarkedYaml::load_from_str(text).map_err(|e| {
        let m = e.marker();
        let message = if e.info() == "duplicated key in mapping" {
            "a key appears twice in one mapping; each field may be given once"
        } else {
            e.info()
        };
        vec![at(m.line(), m.col() + 1, message)]
    })?;
    let mut docs = docs.into_iter();
    let Some(root) = docs.next() else {
        return Err(vec![at(
            1,
            1,
            "the file is empty; an answer file is a mapping that starts with `version: 1`",
        )]);
    };
    if let Some(second) = docs.next() {
        let m = second.span.start;
        return Err(vec![at(
            m.line(),
            m.col() + 1,
            "a second YAML document; an answer file holds one",
        )]);
    }
    let mut doc = Document::default();
    let mut pointer = String::new();
    let value = walk_yaml(&root, &mut pointer, &mut doc)?;
    if build {
        doc.value = value;
    }
    Ok(doc)
}

fn location(node: &MarkedYaml<'_>) -> Location {
    let m = node.span.start;
    Location {
        line: u32::try_from(m.line()).unwrap_or(u32::MAX),
        column: u32::try_from(m.col() + 1).unwrap_or(u32::MAX),
    }
}

fn walk_yaml(
    node: &MarkedYaml<'_>,
    pointer: &mut String,
    doc: &mut Document,
) -> Result<Value, Vec<SyntaxError>> {
    doc.values.insert(pointer.clone(), location(node));
    let here = location(node);
    let error = |message: String| {
        vec![SyntaxError {
            location: here,
            message,
        }]
    };
    Ok(match &node.data {
        YamlData::Value(scalar) => scalar_value(scalar).map_err(error)?,
        YamlData::Representation(text, _, _) => Value::String(text.to_string()),
        YamlData::Tagged(_, inner) => walk_yaml(inner, pointer, doc)?,
        YamlData::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                out.push(walk_yaml(item, pointer, doc)?);
                pointer.truncate(len);
            }
            Value::Array(out)
        }
        YamlData::Mapping(entries) => {
            let mut out = Map::new();
            for (key, value) in entries {
                let name = match &key.data {
                    YamlData::Value(Scalar::String(s)) => s.to_string(),
                    YamlData::Value(other) => match scalar_value(other) {
                        Ok(Value::String(s)) => s,
                        Ok(v) => v.to_string(),
                        Err(e) => return Err(error(e)),
                    },
                    _ => {
                        return Err(vec![SyntaxError {
                            location: location(key),
                            message: "a mapping key must be a plain name".to_owned(),
                        }]);
                    }
                };
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape(&name));
                doc.keys.insert(pointer.clone(), location(key));
                let v = walk_yaml(value, pointer, doc)?;
                pointer.truncate(len);
                out.insert(name, v);
            }
            Value::Object(out)
        }
        YamlData::Alias(_) | YamlData::BadValue => {
            return Err(error("a value YAML cannot resolve".to_owned()));
        }
    })
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
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |i| &message[..i]);
        vec![at(e.line(), e.column(), message)]
    })?;
    // Positions (and duplicate keys, which serde_json would silently merge) from the YAML reader.
    let mut doc = match yaml(text, false) {
        Ok(doc) => doc,
        Err(errors) if errors.iter().any(|e| e.message.contains("twice")) => {
            return Err(errors);
        }
        Err(_) => Document::default(),
    };
    doc.value = value;
    Ok(doc)
}

/// Line and column (characters) of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> Location {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Location {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

fn toml(text: &str) -> Result<Document, Vec<SyntaxError>> {
    use toml::de::{DeTable, DeValue};

    fn walk(
        text: &str,
        value: &DeValue<'_>,
        span: std::ops::Range<usize>,
        pointer: &mut String,
        doc: &mut Document,
    ) -> Result<Value, SyntaxError> {
        let here = position(text, span.start);
        doc.values.insert(pointer.clone(), here);
        let error = |message: String| SyntaxError {
            location: here,
            message,
        };
        Ok(match value {
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
            DeValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    out.push(walk(text, item.get_ref(), item.span(), pointer, doc)?);
                    pointer.truncate(len);
                }
                Value::Array(out)
            }
            DeValue::Table(table) => {
                let mut out = Map::new();
                // The spanned tree keeps keys in a map; file order comes from the spans.
                let mut entries: Vec<_> = table.iter().collect();
                entries.sort_by_key(|(k, _)| k.span().start);
                for (key, item) in entries {
                    let name = key.get_ref().to_string();
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape(&name));
                    doc.keys
                        .insert(pointer.clone(), position(text, key.span().start));
                    let v = walk(text, item.get_ref(), item.span(), pointer, doc)?;
                    pointer.truncate(len);
                    out.insert(name, v);
                }
                Value::Object(out)
            }
        })
    }

    if text.trim().is_empty() {
        return Err(vec![at(
            1,
            1,
            "the file is empty; an answer file is a table that starts with `version = 1`",
        )]);
    }
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| SyntaxError {
                location: e
                    .span()
                    .map_or(Location::START, |s| position(text, s.start)),
                message: e.message().trim().to_owned(),
            })
            .collect());
    }
    let mut doc = Document::default();
    let mut pointer = String::new();
    let span = root.span();
    let table = DeValue::Table(root.into_inner());
    doc.value = walk(text, &table, span, &mut pointer, &mut doc).map_err(|e| vec![e])?;
    doc.values.insert(String::new(), Location::START);
    Ok(doc)
}

/// Turns every number with no fractional part into an integer, as JSON Schema reads numbers.
fn normalise_numbers(value: &mut Value) {
    match value {
        Value::Number(n) if !(n.is_i64() || n.is_u64()) => {
            if let Some(f) = n.as_f64() {
                // Within ±2^53 every integral f64 is an exact integer.
                if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
                    #[allow(clippy::cast_possible_truncation, reason = "integral and in range")]
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
