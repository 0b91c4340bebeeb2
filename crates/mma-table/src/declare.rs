//! Reads the `@` declarations of a decision table: the hit policy, the columns, and the names and
//! doc comments of the generated enums (`@type`, `@value`), collecting every located problem.
//!
//! `@type` and `@value` rows may come before or after the column they name, and after the header
//! too: they are resolved once every column is declared, as `list(OUTPUT)` is.

use std::collections::BTreeMap;

use super::codegen::unsafe_in_comment;
use super::csv::{Field, Record};
use super::diagnostic::{self, Diagnostic};
use super::parse::{
    INT_MAX, MAX_LISTED, cell_column, check_name, enum_domain, int_range, quoted_list,
    unknown_value,
};
use super::{HitPolicy, Input, InputKind, Output, OutputKind, TypeDoc, ValueDoc};

/// Every declaration kind, as a message lists them.
const KINDS: [&str; 5] = ["@hit_policy", "@input", "@output", "@type", "@value"];

/// Type names the generated code itself uses: an enum named so would break it.
const RESERVED_TYPES: &[&str] = &[
    "Box", "Decision", "Err", "None", "Ok", "Option", "Result", "Self", "Some", "String", "Vec",
];

/// What the declarations say, and whether all of them are sound.
#[derive(Default)]
pub(crate) struct Declarations {
    /// `@hit_policy` and its line.
    pub policy: Option<(HitPolicy, u32)>,
    /// `@input` rows, in order.
    pub inputs: Vec<Input>,
    /// `@output` rows, in order.
    pub outputs: Vec<Output>,
    /// Whether any declaration has an error.
    pub broken: bool,
    /// Outputs declared as `list(NAME)` and the cell naming the target.
    pending_lists: Vec<(usize, Field)>,
    /// `@type` rows, resolved once every column is known.
    pending_types: Vec<Record>,
    /// `@value` rows, resolved once every column is known.
    pending_values: Vec<Record>,
    /// The line of each column's `@type` row.
    type_lines: BTreeMap<String, u32>,
}

/// Whether `record` is a `@type` or `@value` row, which may also follow the header (the shipped
/// table keeps them after its rules, so describing a value moves no rule's line).
pub(crate) fn is_doc_declaration(record: &Record) -> bool {
    matches!(record.fields[0].text.as_str(), "@type" | "@value")
}

/// Reads the declarations at the start of `records` and the `@type` and `@value` rows anywhere;
/// returns them and the index of the first record that is not a declaration (the header).
pub(crate) fn read(records: &[Record], diags: &mut Vec<Diagnostic>) -> (Declarations, usize) {
    let mut declared = Declarations::default();
    let end = records
        .iter()
        .position(|r| !r.fields[0].text.starts_with('@'))
        .unwrap_or(records.len());
    let trailing = records[end..].iter().filter(|r| is_doc_declaration(r));
    for record in records[..end].iter().chain(trailing) {
        if !declared.declare(record, diags) {
            declared.broken = true;
        }
    }
    declared.resolve_lists(diags);
    declared.resolve_types(diags);
    declared.check_type_names(diags);
    declared.resolve_values(diags);
    (declared, end)
}

fn arity_error(record: &Record, expected: &str, diags: &mut Vec<Diagnostic>) -> bool {
    diags.push(Diagnostic::error(
        "declaration",
        record.line,
        None,
        format!(
            "`{}` takes {expected}, found {} cells",
            record.fields[0].text,
            record.fields.len()
        ),
    ));
    false
}

/// Whether `text` is an UpperCamelCase ASCII identifier (`MigrationPath`).
fn is_type_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// Refuses a title or description that is not one line of text: it becomes a doc comment line.
fn one_line(field: &Field, what: &str, diags: &mut Vec<Diagnostic>) -> bool {
    let Some(c) = field.text.chars().find(|&c| unsafe_in_comment(c)) else {
        return true;
    };
    diags.push(Diagnostic::error(
        "declaration",
        field.line,
        Some(field.column),
        format!(
            "the {what} holds the control character U+{:04X}; a {what} is one line of text",
            u32::from(c)
        ),
    ));
    false
}

/// The enum column named `name`: its values, its type doc and its declaration line.
fn enum_column<'a>(
    inputs: &'a mut [Input],
    outputs: &'a mut [Output],
    name: &str,
) -> Option<(&'a [String], &'a mut TypeDoc, u32)> {
    for input in inputs {
        if let Input {
            name: n,
            kind: InputKind::Enum(values),
            doc,
            line,
            ..
        } = input
            && n == name
        {
            return Some((values, doc, *line));
        }
    }
    for output in outputs {
        if let Output {
            name: n,
            kind: OutputKind::Enum(values),
            doc,
            line,
            ..
        } = output
            && n == name
        {
            return Some((values, doc, *line));
        }
    }
    None
}

impl Declarations {
    /// Records one declaration; `false` when it has an error.
    fn declare(&mut self, record: &Record, diags: &mut Vec<Diagnostic>) -> bool {
        let f = &record.fields;
        match f[0].text.as_str() {
            "@hit_policy" => self.hit_policy(record, diags),
            "@input" | "@output" => self.column(record, diags),
            "@type" if (3..=4).contains(&f.len()) => {
                self.pending_types.push(record.clone());
                true
            }
            "@type" => arity_error(
                record,
                "a column, a type name and an optional description",
                diags,
            ),
            "@value" if (4..=5).contains(&f.len()) => {
                self.pending_values.push(record.clone());
                true
            }
            "@value" => arity_error(
                record,
                "a column, a value, a title and an optional description",
                diags,
            ),
            other => {
                let mut d = Diagnostic::error(
                    "declaration",
                    record.line,
                    Some(f[0].column),
                    format!(
                        "unknown declaration `{other}`; allowed: {}",
                        quoted_list(KINDS.into_iter())
                    ),
                );
                if let Some(s) = diagnostic::suggest(other, KINDS) {
                    d = d.note(format!("did you mean `{s}`?"));
                }
                diags.push(d);
                false
            }
        }
    }

    fn hit_policy(&mut self, record: &Record, diags: &mut Vec<Diagnostic>) -> bool {
        let f = &record.fields;
        if f.len() != 2 {
            return arity_error(record, "one value (`@hit_policy,unique`)", diags);
        }
        let p = match f[1].text.as_str() {
            "unique" => HitPolicy::Unique,
            "first" => HitPolicy::First,
            other => {
                diags.push(Diagnostic::error(
                    "declaration",
                    record.line,
                    Some(f[1].column),
                    format!("unknown hit policy `{other}`; allowed: `unique`, `first`"),
                ));
                return false;
            }
        };
        if let Some((_, line)) = self.policy {
            diags.push(Diagnostic::error(
                "declaration",
                record.line,
                Some(f[0].column),
                format!("hit policy declared twice (first on line {line})"),
            ));
            return false;
        }
        self.policy = Some((p, record.line));
        true
    }

    /// `@input` or `@output`.
    fn column(&mut self, record: &Record, diags: &mut Vec<Diagnostic>) -> bool {
        let f = &record.fields;
        if !(3..=4).contains(&f.len()) {
            return arity_error(
                record,
                "a name, a domain and an optional description",
                diags,
            );
        }
        let is_input = f[0].text == "@input";
        if !check_name(&f[1], if is_input { "input" } else { "output" }, diags) {
            return false;
        }
        let name = f[1].text.clone();
        if let Some(line) = self
            .inputs
            .iter()
            .map(|i| (&i.name, i.line))
            .chain(self.outputs.iter().map(|o| (&o.name, o.line)))
            .find(|(n, _)| **n == name)
            .map(|(_, line)| line)
        {
            diags.push(Diagnostic::error(
                "declaration",
                record.line,
                Some(f[1].column),
                format!("column `{name}` is declared twice (first on line {line})"),
            ));
            return false;
        }
        let description = f.get(3).map(|d| d.text.clone()).unwrap_or_default();
        if is_input {
            let Some(kind) = input_kind(&f[2], diags) else {
                return false;
            };
            self.inputs.push(Input {
                name,
                kind,
                description,
                doc: TypeDoc::default(),
                line: record.line,
            });
        } else {
            let Some(kind) = self.output_kind(&f[2], diags) else {
                return false;
            };
            self.outputs.push(Output {
                name,
                kind,
                description,
                doc: TypeDoc::default(),
                line: record.line,
            });
        }
        true
    }

    /// An output's kind; a `list(NAME)` is resolved later.
    fn output_kind(&mut self, spec: &Field, diags: &mut Vec<Diagnostic>) -> Option<OutputKind> {
        let text = spec.text.as_str();
        if text == "text" {
            return Some(OutputKind::Text);
        }
        if let Some(inner) = text.strip_prefix("list(").and_then(|t| t.strip_suffix(')')) {
            let mut target = spec.clone();
            target.text = inner.trim().to_owned();
            target.column = cell_column(spec, 5);
            self.pending_lists.push((self.outputs.len(), target));
            return Some(OutputKind::List(usize::MAX));
        }
        enum_domain(spec, diags).map(OutputKind::Enum)
    }

    /// Points each `list(NAME)` output at its enum output.
    fn resolve_lists(&mut self, diags: &mut Vec<Diagnostic>) {
        for (index, field) in std::mem::take(&mut self.pending_lists) {
            let outputs = &mut self.outputs;
            let target = outputs
                .iter()
                .position(|o| o.name == field.text && matches!(o.kind, OutputKind::Enum(_)));
            if let Some(t) = target {
                outputs[index].kind = OutputKind::List(t);
                continue;
            }
            self.broken = true;
            let names = outputs
                .iter()
                .filter(|o| matches!(o.kind, OutputKind::Enum(_)))
                .map(|o| o.name.as_str());
            let mut d = Diagnostic::error(
                "declaration",
                field.line,
                Some(field.column),
                format!(
                    "`list({})` names no enum output; a list holds values of an output declared with `a|b|c`",
                    field.text
                ),
            );
            if let Some(s) = diagnostic::suggest(&field.text, names) {
                d = d.note(format!("did you mean `{s}`?"));
            }
            diags.push(d);
        }
    }

    /// The error for a `@type` or `@value` naming no enum column.
    fn no_enum_column(&self, field: &Field) -> Diagnostic {
        let names: Vec<&str> = self
            .inputs
            .iter()
            .filter(|i| matches!(i.kind, InputKind::Enum(_)))
            .map(|i| i.name.as_str())
            .chain(
                self.outputs
                    .iter()
                    .filter(|o| matches!(o.kind, OutputKind::Enum(_)))
                    .map(|o| o.name.as_str()),
            )
            .collect();
        let mut d = Diagnostic::error(
            "declaration",
            field.line,
            Some(field.column),
            format!(
                "`{}` is not a declared enum column; enum columns: {}",
                field.text,
                quoted_list(names.iter().copied())
            ),
        );
        if let Some(s) = diagnostic::suggest(&field.text, names.iter().copied()) {
            d = d.note(format!("did you mean `{s}`?"));
        }
        d
    }

    /// Applies the `@type` rows: `@type,COLUMN,TypeName[,DESCRIPTION]`.
    fn resolve_types(&mut self, diags: &mut Vec<Diagnostic>) {
        for record in std::mem::take(&mut self.pending_types) {
            let ok = self.apply_type(&record, diags);
            self.broken |= !ok;
            if ok {
                self.type_lines
                    .insert(record.fields[1].text.clone(), record.line);
            }
        }
    }

    fn apply_type(&mut self, record: &Record, diags: &mut Vec<Diagnostic>) -> bool {
        let f = &record.fields;
        let (column, type_name) = (&f[1], &f[2]);
        if enum_column(&mut self.inputs, &mut self.outputs, &column.text).is_none() {
            diags.push(self.no_enum_column(column));
            return false;
        }
        if let Some(line) = self.type_lines.get(&column.text) {
            diags.push(Diagnostic::error(
                "declaration",
                record.line,
                Some(column.column),
                format!(
                    "the type of `{}` is declared twice (first on line {line})",
                    column.text
                ),
            ));
            return false;
        }
        if !is_type_name(&type_name.text) {
            diags.push(Diagnostic::error(
                "declaration",
                type_name.line,
                Some(type_name.column),
                format!(
                    "type name `{}` is not allowed; use ASCII letters and digits, starting with an uppercase letter (`MigrationPath`)",
                    type_name.text
                ),
            ));
            return false;
        }
        let description = f.get(3);
        if description.is_some_and(|d| !one_line(d, "description", diags)) {
            return false;
        }
        if let Some((_, doc, _)) = enum_column(&mut self.inputs, &mut self.outputs, &column.text) {
            doc.name = Some(type_name.text.clone());
            doc.description = description.map(|d| d.text.clone()).unwrap_or_default();
        }
        true
    }

    /// Refuses two enum columns with one type name, and type names the generated code uses.
    fn check_type_names(&mut self, diags: &mut Vec<Diagnostic>) {
        let columns = self
            .inputs
            .iter()
            .filter(|i| matches!(i.kind, InputKind::Enum(_)))
            .map(|i| (i.name.as_str(), i.type_name(), i.line))
            .chain(
                self.outputs
                    .iter()
                    .filter(|o| matches!(o.kind, OutputKind::Enum(_)))
                    .map(|o| (o.name.as_str(), o.type_name(), o.line)),
            );
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (column, type_name, line) in columns {
            let message = if RESERVED_TYPES.contains(&type_name.as_str()) {
                format!(
                    "column `{column}` generates the type `{type_name}`, a name the generated code uses; choose another with `@type,{column},…`"
                )
            } else if let Some(other) = seen.insert(type_name.clone(), column) {
                format!(
                    "columns `{other}` and `{column}` both generate the type `{type_name}`; name one with `@type,{column},…`"
                )
            } else {
                continue;
            };
            // At the `@type` row that named the type, if any.
            let line = self.type_lines.get(column).copied().unwrap_or(line);
            diags.push(Diagnostic::error("declaration", line, None, message));
            self.broken = true;
        }
    }

    /// Applies the `@value` rows (`@value,COLUMN,VALUE,TITLE[,DESCRIPTION]`); a column that
    /// describes some of its values must describe them all.
    fn resolve_values(&mut self, diags: &mut Vec<Diagnostic>) {
        let mut described: BTreeMap<String, Vec<Option<(ValueDoc, u32)>>> = BTreeMap::new();
        for record in std::mem::take(&mut self.pending_values) {
            let ok = self.apply_value(&record, &mut described, diags);
            self.broken |= !ok;
        }
        for (column, docs) in described {
            let Some((values, doc, line)) =
                enum_column(&mut self.inputs, &mut self.outputs, &column)
            else {
                continue;
            };
            let missing: Vec<&str> = values
                .iter()
                .zip(&docs)
                .filter(|(_, d)| d.is_none())
                .map(|(v, _)| v.as_str())
                .collect();
            if missing.is_empty() {
                doc.values = docs.into_iter().flatten().map(|(d, _)| d).collect();
                continue;
            }
            let more = missing.len().saturating_sub(MAX_LISTED);
            diags.push(Diagnostic::error(
                "declaration",
                line,
                None,
                format!(
                    "`{column}` declares `@value` rows for {} of its {} values; missing: {}{}",
                    values.len() - missing.len(),
                    values.len(),
                    quoted_list(missing.into_iter().take(MAX_LISTED)),
                    if more == 0 {
                        String::new()
                    } else {
                        format!(" and {more} more")
                    }
                ),
            ));
            self.broken = true;
        }
    }

    fn apply_value(
        &mut self,
        record: &Record,
        described: &mut BTreeMap<String, Vec<Option<(ValueDoc, u32)>>>,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        let f = &record.fields;
        let (column, value, title) = (&f[1], &f[2], &f[3]);
        let Some((values, _, _)) = enum_column(&mut self.inputs, &mut self.outputs, &column.text)
        else {
            diags.push(self.no_enum_column(column));
            return false;
        };
        let Some(index) = values.iter().position(|v| *v == value.text) else {
            let column_at = cell_column(value, 0);
            diags.push(unknown_value(
                value,
                column_at,
                &value.text,
                &column.text,
                values,
            ));
            return false;
        };
        let count = values.len();
        if let Some(Some((_, line))) = described.get(&column.text).and_then(|d| d.get(index)) {
            diags.push(Diagnostic::error(
                "declaration",
                record.line,
                Some(value.column),
                format!(
                    "value `{}` of `{}` is described twice (first on line {line})",
                    value.text, column.text
                ),
            ));
            return false;
        }
        if title.text.is_empty() {
            diags.push(Diagnostic::error(
                "declaration",
                title.line,
                Some(title.column),
                format!(
                    "empty title for `{}`; write a short name for people",
                    value.text
                ),
            ));
            return false;
        }
        let description = f.get(4);
        if !one_line(title, "title", diags)
            || description.is_some_and(|d| !one_line(d, "description", diags))
        {
            return false;
        }
        let docs = described
            .entry(column.text.clone())
            .or_insert_with(|| vec![None; count]);
        if let Some(slot) = docs.get_mut(index) {
            *slot = Some((
                ValueDoc {
                    title: title.text.clone(),
                    description: description.map(|d| d.text.clone()).unwrap_or_default(),
                },
                record.line,
            ));
        }
        true
    }
}

/// An input's domain: `bool`, an integer range or an enum `a|b|c`.
fn input_kind(spec: &Field, diags: &mut Vec<Diagnostic>) -> Option<InputKind> {
    let text = spec.text.as_str();
    if text == "bool" {
        return Some(InputKind::Bool);
    }
    if !text.contains("..") {
        return enum_domain(spec, diags).map(InputKind::Enum);
    }
    let message = match int_range(text, 0, INT_MAX) {
        Ok((lo, hi)) if lo <= hi && hi <= INT_MAX => return Some(InputKind::Int { lo, hi }),
        Ok((lo, hi)) if lo > hi => format!("inverted domain `{text}`: {lo} is above {hi}"),
        Ok(_) => format!("domain `{text}` exceeds the largest integer input, {INT_MAX}"),
        Err(message) => message,
    };
    diags.push(Diagnostic::error(
        "declaration",
        spec.line,
        Some(spec.column),
        message,
    ));
    None
}
