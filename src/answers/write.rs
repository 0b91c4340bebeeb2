//! Writes answers as a commented YAML file (what `mma init` produces), as TOML and as JSON. Every
//! output reads back, through `check`, to the same answers.

use std::fmt::Write as _;

use serde_json::Value;

use super::model::Answers;
use super::schema;

/// A scalar as TOML (and YAML 1.2) reads it: strings double-quoted, with every character either
/// format refuses raw (control characters, DEL, the C1 range, U+FEFF, U+FFFE, U+FFFF) written as
/// a `\uXXXX` escape, which both read as the same text.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => quoted(s),
        other => other.to_string(),
    }
}

fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}') => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A scalar for YAML: names such as `exchange_2010` or `contoso.com` plain, anything YAML could
/// read as another type or as syntax double-quoted.
fn yaml_scalar(value: &Value) -> String {
    if let Value::String(s) = value {
        let plain = s.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && s.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'@' | b'/')
            })
            && !matches!(
                s.to_ascii_lowercase().as_str(),
                "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "inf" | "nan"
            );
        if plain {
            return s.clone();
        }
    }
    scalar(value)
}

/// The schema's `title: description` for a top-level field, as comment lines.
fn field_comment(out: &mut String, schema: &Value, field: &str) {
    let Some(node) = schema.pointer(&format!("/properties/{field}")) else {
        return;
    };
    let target = match node.get("$ref").and_then(Value::as_str) {
        Some(r) => schema.pointer(r.trim_start_matches('#')).unwrap_or(node),
        None => node,
    };
    let text = |key: &str| {
        node.get(key)
            .or_else(|| target.get(key))
            .and_then(Value::as_str)
    };
    let title = text("title").unwrap_or(field);
    let description = text("description").unwrap_or("").replace("\n\n", " ");
    let _ = writeln!(out, "# {title}: {description}");
}

fn yaml_value(out: &mut String, value: &Value, indent: usize) {
    let pad = "  ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::Object(inner) if inner.is_empty() => {
                        let _ = writeln!(out, "{pad}{k}: {{}}");
                    }
                    Value::Object(_) => {
                        let _ = writeln!(out, "{pad}{k}:");
                        yaml_value(out, v, indent + 1);
                    }
                    Value::Array(items) if items.is_empty() => {
                        let _ = writeln!(out, "{pad}{k}: []");
                    }
                    Value::Array(items) => {
                        let _ = writeln!(out, "{pad}{k}:");
                        for item in items {
                            let _ = writeln!(out, "{pad}  - {}", yaml_scalar(item));
                        }
                    }
                    other => {
                        let _ = writeln!(out, "{pad}{k}: {}", yaml_scalar(other));
                    }
                }
            }
        }
        other => {
            let _ = writeln!(out, "{pad}{}", yaml_scalar(other));
        }
    }
}

/// The answers as a commented YAML file. With `schema_ref`, the first line tells the YAML
/// language server (VS Code and others) which schema completes and checks the file.
///
/// # Errors
/// When the answers cannot be serialised (not for answers `check` accepted).
pub fn to_yaml(answers: &Answers, schema_ref: Option<&str>) -> Result<String, serde_json::Error> {
    let schema = schema::schema();
    let value = serde_json::to_value(answers)?;
    let mut out = String::new();
    if let Some(r) = schema_ref {
        // A reference is a URL or a path: control characters (a line break would end the
        // comment and start YAML) are percent-encoded, so the comment stays one line.
        let r: String = r
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                    let mut buf = [0u8; 4];
                    c.encode_utf8(&mut buf)
                        .bytes()
                        .map(|b| format!("%{b:02X}"))
                        .collect()
                } else {
                    c.to_string()
                }
            })
            .collect();
        let _ = writeln!(out, "# yaml-language-server: $schema={r}");
    }
    out.push_str(
        "# mma answer file: describes the source mail system for `mma recommend`, `mma plan` and\n\
         # `mma runbook`. Check it with `mma validate`.\n",
    );
    if let Value::Object(map) = &value {
        for (k, v) in map {
            out.push('\n');
            field_comment(&mut out, &schema, k);
            let mut one = serde_json::Map::new();
            one.insert(k.clone(), v.clone());
            yaml_value(&mut out, &Value::Object(one), 0);
        }
    }
    Ok(out)
}

/// The answers as TOML: top-level values first, then one table per nested object.
///
/// # Errors
/// When the answers cannot be serialised (not for answers `check` accepted).
pub fn to_toml(answers: &Answers) -> Result<String, serde_json::Error> {
    let value = serde_json::to_value(answers)?;
    let mut out = String::new();
    let Value::Object(map) = &value else {
        return Ok(out);
    };
    let inline = |v: &Value| match v {
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(scalar).collect::<Vec<_>>().join(", ")
        ),
        other => scalar(other),
    };
    for (k, v) in map {
        if !v.is_object() {
            let _ = writeln!(out, "{k} = {}", inline(v));
        }
    }
    for (k, v) in map {
        if let Value::Object(table) = v {
            let _ = writeln!(out, "\n[{k}]");
            for (tk, tv) in table {
                let _ = writeln!(out, "{tk} = {}", inline(tv));
            }
        }
    }
    Ok(out)
}

/// The answers as pretty JSON.
///
/// # Errors
/// When the answers cannot be serialised (not for answers `check` accepted).
pub fn to_json(answers: &Answers) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(answers)?;
    text.push('\n');
    Ok(text)
}
