//! Parses decision-table CSV text into a [`Table`], collecting every located problem.
//!
//! The file format (documented for authors in the README, "The decision table"):
//!
//! ```text
//! @hit_policy,unique                     # or `first`
//! @input,NAME,DOMAIN[,DESCRIPTION]       # DOMAIN: `a|b|c`, `bool`, `LO..=HI`, `LO..`
//! @output,NAME,KIND[,DESCRIPTION]        # KIND: `a|b|c`, `list(OUTPUT)`, `text`
//! @type,COLUMN,TypeName[,DESCRIPTION]    # an enum column's generated type: name, doc
//! @value,COLUMN,VALUE,TITLE[,DESCRIPTION] # one enum value's doc: all of a column's or none
//! id,NAME,NAME,…                         # header: `id` then every declared column once
//! RULE_ID,CELL,CELL,…                    # one rule per row
//! ```
//!
//! `@type` and `@value` rows may also follow the header (the shipped table keeps them after the
//! rules); they are read by `declare.rs`.
//!
//! An input cell is `*` (any value), one value, several values joined by `|`, or integer ranges
//! (`150..=2000`, `..=149`, `2001..`, `7`), also joined by `|`.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::csv::{self, Field, Record};
use super::declare;
use super::diagnostic::{self, Diagnostic};
use super::{HitPolicy, Input, InputKind, Output, OutputKind, OutputValue, Rule, Table, ValueSet};

/// The largest integer an input domain may reach (inputs are `u32` in generated code).
pub const INT_MAX: u64 = u32::MAX as u64;

/// The most inputs a table may have.
pub const MAX_INPUTS: usize = 64;

/// The most allowed values a message lists.
pub(crate) const MAX_LISTED: usize = 40;

/// The largest domain for which an unknown value gets a `did you mean` note.
const MAX_SUGGEST: usize = 1_000;

/// What parsing produced: the table when its declarations and header are sound (rules with errors
/// are left out of it), and every problem found.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The table, unless the declarations or the header are broken.
    pub table: Option<Table>,
    /// Every problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Lines of rule rows left out of `table` because they have errors.
    pub rejected_rows: Vec<u32>,
}

/// A column as the header names it.
#[derive(Clone, Copy)]
enum Column {
    Id,
    Input(usize),
    Output(usize),
}

/// Parses `src`. Never panics; every problem becomes a [`Diagnostic`].
#[must_use]
pub fn parse(src: &str) -> Parsed {
    let (records, syntax) = csv::read(src);
    let mut diags: Vec<Diagnostic> = syntax
        .into_iter()
        .map(|e| Diagnostic::error("syntax", e.line, Some(e.column), e.message))
        .collect();
    let (declared, end) = declare::read(&records, &mut diags);
    let header = records.get(end);
    let declarations_ok = check_input_count(&declared.inputs, header, !declared.broken, &mut diags);
    let Some(header) = header else {
        diags.push(Diagnostic::error(
            "header",
            records.last().map_or(1, |r| r.line),
            None,
            "no header row; after the declarations write `id` and the column names, e.g. `id,source,…,path`"
                .to_owned(),
        ));
        diagnostic::sort(&mut diags);
        return Parsed {
            table: None,
            diagnostics: diags,
            rejected_rows: Vec::new(),
        };
    };
    let columns = parse_header(header, &declared.inputs, &declared.outputs, &mut diags);
    let lookup = Lookup::new(&declared.inputs, &declared.outputs);
    let rows = &records[end + 1..];
    let (rules, rejected_rows) = match (&columns, declarations_ok) {
        (Some(columns), true) => parse_rules(rows, columns, &lookup, &mut diags),
        _ => {
            refuse_late_declarations(rows, &mut diags);
            (Vec::new(), Vec::new())
        }
    };
    diagnostic::sort(&mut diags);
    let table = match (declarations_ok, columns) {
        (true, Some(_)) => Some(Table {
            hit_policy: declared.policy.map_or(HitPolicy::Unique, |(p, _)| p),
            inputs: declared.inputs,
            outputs: declared.outputs,
            rules,
            header_line: header.line,
        }),
        _ => None,
    };
    Parsed {
        table,
        diagnostics: diags,
        rejected_rows,
    }
}

/// Refuses a table without inputs (only reported when the declarations are otherwise `sound`)
/// or with more than [`MAX_INPUTS`]; `true` when the declarations are sound and the count too.
fn check_input_count(
    inputs: &[Input],
    header: Option<&Record>,
    sound: bool,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if inputs.is_empty() && sound {
        diags.push(Diagnostic::error(
            "declaration",
            header.map_or(1, |h| h.line),
            None,
            "no `@input` declared; declare each input before the header, e.g. `@input,source,a|b|c`"
                .to_owned(),
        ));
        return false;
    }
    if inputs.len() > MAX_INPUTS {
        diags.push(Diagnostic::error(
            "declaration",
            inputs[MAX_INPUTS].line,
            None,
            format!(
                "{} inputs declared; a table may have at most {MAX_INPUTS}",
                inputs.len()
            ),
        ));
        return false;
    }
    sound
}

/// Whether a record after the header is a declaration (`@…`); each one but `@type` and `@value`
/// (read with the declarations) gets an error.
fn late_declaration(record: &Record, diags: &mut Vec<Diagnostic>) -> bool {
    if !record.fields[0].text.starts_with('@') {
        return false;
    }
    if declare::is_doc_declaration(record) {
        return true;
    }
    diags.push(Diagnostic::error(
        "declaration",
        record.line,
        Some(record.fields[0].column),
        "declaration after the header; move it above the `id,…` row".to_owned(),
    ));
    true
}

/// Reports the declarations among `rows` when the rules themselves are not read.
fn refuse_late_declarations(rows: &[Record], diags: &mut Vec<Diagnostic>) {
    for record in rows {
        late_declaration(record, diags);
    }
}

/// Parses the rule rows; returns the sound rules and the lines of the rows left out.
fn parse_rules(
    rows: &[Record],
    columns: &[Column],
    lookup: &Lookup<'_>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Rule>, Vec<u32>) {
    let mut rules = Vec::new();
    let mut rejected_rows = Vec::new();
    let mut ids: BTreeMap<String, u32> = BTreeMap::new();
    for record in rows {
        if late_declaration(record, diags) {
            continue;
        }
        match parse_rule(record, columns, lookup, &mut ids, diags) {
            Some(rule) => rules.push(rule),
            None => rejected_rows.push(record.line),
        }
    }
    (rules, rejected_rows)
}

pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Words that cannot name a column because they are Rust keywords or names the generated code uses.
const RESERVED: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
    "move", "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "try", "type", "unsafe", "use", "where", "while", "yield", "id", "line", "rule", "decision",
];

pub(crate) fn check_name(field: &Field, what: &str, diags: &mut Vec<Diagnostic>) -> bool {
    if !is_identifier(&field.text) {
        diags.push(Diagnostic::error(
            "declaration",
            field.line,
            Some(field.column),
            format!(
                "{what} name `{}` is not allowed; use lowercase letters, digits and `_`, starting with a letter",
                field.text
            ),
        ));
        return false;
    }
    if RESERVED.contains(&field.text.as_str()) {
        diags.push(Diagnostic::error(
            "declaration",
            field.line,
            Some(field.column),
            format!(
                "{what} name `{}` is reserved (a Rust keyword or a name the generated code uses); choose another",
                field.text
            ),
        ));
        return false;
    }
    true
}

/// The Rust identifier a value becomes: `exchange_2010` → `Exchange2010`.
#[must_use]
pub fn camel(name: &str) -> String {
    name.split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// Parses an enum domain `a|b|c`; `None` (with diagnostics) when malformed.
pub(crate) fn enum_domain(field: &Field, diags: &mut Vec<Diagnostic>) -> Option<Vec<String>> {
    let mut values: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut ok = true;
    let mut identifiers: BTreeMap<String, String> = BTreeMap::new();
    for (offset, part) in split_parts(&field.text) {
        let column = cell_column(field, offset);
        if !is_identifier(part) {
            diags.push(Diagnostic::error(
                "declaration",
                field.line,
                Some(column),
                format!(
                    "value `{part}` is not allowed; use lowercase letters, digits and `_`, starting with a letter"
                ),
            ));
            ok = false;
        } else if !seen.insert(part) {
            diags.push(Diagnostic::error(
                "declaration",
                field.line,
                Some(column),
                format!("value `{part}` is declared twice"),
            ));
            ok = false;
        } else if let Some(other) = identifiers.insert(camel(part), part.to_owned()) {
            diags.push(Diagnostic::error(
                "declaration",
                field.line,
                Some(column),
                format!(
                    "values `{other}` and `{part}` both become the Rust name `{}`; rename one",
                    camel(part)
                ),
            ));
            ok = false;
        } else {
            values.push(part.to_owned());
        }
    }
    if values.is_empty() && ok {
        diags.push(Diagnostic::error(
            "declaration",
            field.line,
            Some(field.column),
            "empty domain; list the values as `a|b|c`".to_owned(),
        ));
        ok = false;
    }
    ok.then_some(values)
}

/// Splits a cell on `|`, yielding each trimmed part with its character offset in the cell.
fn split_parts(text: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut offset = 0;
    for raw in text.split('|') {
        let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
        parts.push((offset + lead, raw.trim()));
        offset += raw.chars().count() + 1;
    }
    parts
}

pub(crate) fn cell_column(field: &Field, offset: usize) -> u32 {
    field
        .column
        .saturating_add(u32::from(field.quoted))
        .saturating_add(u32::try_from(offset).unwrap_or(u32::MAX))
}

/// Parses one integer bound.
fn integer(text: &str) -> Option<u64> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return None;
    }
    text.replace('_', "").parse().ok()
}

/// Parses `N`, `A..=B`, `..=B` or `A..` into inclusive bounds, with `lo`/`hi` for open ends.
pub(crate) fn int_range(text: &str, lo: u64, hi: u64) -> Result<(u64, u64), String> {
    let bad = || {
        format!(
            "`{text}` is not an integer or range; write `7`, `150..=2000`, `..=149` or `2001..`"
        )
    };
    if let Some((a, b)) = text.split_once("..") {
        if let Some(b) = b.strip_prefix('=') {
            let end = integer(b.trim()).ok_or_else(bad)?;
            let start = if a.trim().is_empty() {
                lo
            } else {
                integer(a.trim()).ok_or_else(bad)?
            };
            Ok((start, end))
        } else if b.trim().is_empty() {
            Ok((integer(a.trim()).ok_or_else(bad)?, hi))
        } else {
            Err(format!(
                "`{text}`: an exclusive range is ambiguous to reviewers; write the inclusive form `A..=B`"
            ))
        }
    } else {
        let n = integer(text).ok_or_else(bad)?;
        Ok((n, n))
    }
}

fn parse_header(
    header: &Record,
    inputs: &[Input],
    outputs: &[Output],
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Column>> {
    let mut columns = Vec::new();
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    let mut ok = true;
    let names: Vec<&str> = std::iter::once("id")
        .chain(inputs.iter().map(|i| i.name.as_str()))
        .chain(outputs.iter().map(|o| o.name.as_str()))
        .collect();
    for (i, field) in header.fields.iter().enumerate() {
        let name = field.text.as_str();
        if i == 0 && name != "id" {
            diags.push(Diagnostic::error(
                "header",
                field.line,
                Some(field.column),
                format!("the header must start with `id`, found `{name}`"),
            ));
            ok = false;
            continue;
        }
        if let Some(first) = seen.insert(name, field.column) {
            diags.push(Diagnostic::error(
                "header",
                field.line,
                Some(field.column),
                format!("column `{name}` appears twice in the header (first at column {first})"),
            ));
            ok = false;
            continue;
        }
        let column = if name == "id" {
            Some(Column::Id)
        } else if let Some(i) = inputs.iter().position(|c| c.name == name) {
            Some(Column::Input(i))
        } else {
            outputs
                .iter()
                .position(|c| c.name == name)
                .map(Column::Output)
        };
        match column {
            Some(c) => columns.push(c),
            None => {
                let mut d = Diagnostic::error(
                    "header",
                    field.line,
                    Some(field.column),
                    format!(
                        "column `{name}` is not declared; declared: {}",
                        quoted_list(names.iter().copied())
                    ),
                );
                if let Some(s) = diagnostic::suggest(name, names.iter().copied()) {
                    d = d.note(format!("did you mean `{s}`?"));
                }
                diags.push(d);
                ok = false;
            }
        }
    }
    for name in &names {
        if !seen.contains_key(name) {
            diags.push(Diagnostic::error(
                "header",
                header.line,
                None,
                format!("the header has no column `{name}`; every declared column needs one"),
            ));
            ok = false;
        }
    }
    ok.then_some(columns)
}

pub(crate) fn quoted_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The declared columns, with each enum's values indexed by name, so a cell's value is found in
/// constant time however large the domain.
struct Lookup<'a> {
    inputs: &'a [Input],
    outputs: &'a [Output],
    input_values: Vec<HashMap<&'a str, usize>>,
    output_values: Vec<HashMap<&'a str, usize>>,
}

fn index(values: &[String]) -> HashMap<&str, usize> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (v.as_str(), i))
        .collect()
}

impl<'a> Lookup<'a> {
    fn new(inputs: &'a [Input], outputs: &'a [Output]) -> Self {
        Self {
            inputs,
            outputs,
            input_values: inputs
                .iter()
                .map(|i| match &i.kind {
                    InputKind::Enum(values) => index(values),
                    _ => HashMap::new(),
                })
                .collect(),
            output_values: outputs
                .iter()
                .map(|o| match &o.kind {
                    OutputKind::Enum(values) => index(values),
                    _ => HashMap::new(),
                })
                .collect(),
        }
    }
}

/// Whether a rule row has as many cells as the header; a located error when not.
fn row_width_ok(
    record: &Record,
    columns: &[Column],
    lookup: &Lookup<'_>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let (inputs, outputs) = (lookup.inputs, lookup.outputs);
    if record.fields.len() < columns.len() {
        let missing: Vec<&str> = columns[record.fields.len()..]
            .iter()
            .map(|c| match *c {
                Column::Id => "id",
                Column::Input(i) => inputs[i].name.as_str(),
                Column::Output(o) => outputs[o].name.as_str(),
            })
            .collect();
        diags.push(Diagnostic::error(
            "row",
            record.line,
            None,
            format!(
                "row has {} cells, the header has {}: missing {}",
                record.fields.len(),
                columns.len(),
                quoted_list(missing.into_iter())
            ),
        ));
        return false;
    } else if record.fields.len() > columns.len() {
        let extra = &record.fields[columns.len()];
        diags.push(Diagnostic::error(
            "row",
            extra.line,
            Some(extra.column),
            format!(
                "row has {} cells, the header has {}; remove the extra cells or quote a cell that contains `,`",
                record.fields.len(),
                columns.len()
            ),
        ));
        return false;
    }
    true
}

/// Whether a rule id is well formed and not yet used (then it is recorded); a located error
/// when not.
fn rule_id(
    field: &Field,
    line: u32,
    ids: &mut BTreeMap<String, u32>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let valid = !field.text.is_empty()
        && field
            .text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !valid {
        diags.push(Diagnostic::error(
            "cell",
            field.line,
            Some(field.column),
            format!(
                "rule id `{}` is not allowed; use letters, digits, `-`, `_` and `.`",
                field.text
            ),
        ));
        return false;
    } else if let Some(first) = ids.get(&field.text) {
        diags.push(Diagnostic::error(
            "duplicate-id",
            field.line,
            Some(field.column),
            format!(
                "rule id `{}` is already used on line {first}; ids must be unique and stay stable",
                field.text
            ),
        ));
        return false;
    } else {
        ids.insert(field.text.clone(), line);
    }
    true
}

fn parse_rule(
    record: &Record,
    columns: &[Column],
    lookup: &Lookup<'_>,
    ids: &mut BTreeMap<String, u32>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Rule> {
    let (inputs, outputs) = (lookup.inputs, lookup.outputs);
    let mut ok = row_width_ok(record, columns, lookup, diags);
    let mut id = String::new();
    let mut conditions = vec![ValueSet::empty(); inputs.len()];
    let mut values: Vec<Option<OutputValue>> = vec![None; outputs.len()];
    for (field, column) in record.fields.iter().zip(columns) {
        match *column {
            Column::Id => {
                ok &= rule_id(field, record.line, ids, diags);
                id.clone_from(&field.text);
            }
            Column::Input(i) => match input_cell(field, &inputs[i], &lookup.input_values[i], diags)
            {
                Some(set) => conditions[i] = set,
                None => ok = false,
            },
            Column::Output(o) => match output_cell(field, o, lookup, diags) {
                Some(v) => values[o] = Some(v),
                None => ok = false,
            },
        }
    }
    if !ok {
        return None;
    }
    Some(Rule {
        id,
        line: record.line,
        conditions,
        outputs: values.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

pub(crate) fn unknown_value(
    field: &Field,
    column: u32,
    part: &str,
    column_name: &str,
    allowed: &[String],
) -> Diagnostic {
    let shown = quoted_list(allowed.iter().take(MAX_LISTED).map(String::as_str));
    let more = allowed.len().saturating_sub(MAX_LISTED);
    let mut d = Diagnostic::error(
        "unknown-value",
        field.line,
        Some(column),
        if more == 0 {
            format!("unknown value `{part}` for `{column_name}`; allowed: {shown}")
        } else {
            format!(
                "unknown value `{part}` for `{column_name}`; allowed: {shown} and {more} more (see the declaration)"
            )
        },
    );
    // A suggestion costs an edit distance per value: only for domains of a readable size.
    if allowed.len() <= MAX_SUGGEST
        && let Some(s) = diagnostic::suggest(part, allowed.iter().map(String::as_str))
    {
        d = d.note(format!("did you mean `{s}`?"));
    }
    d
}

fn input_cell(
    field: &Field,
    input: &Input,
    names: &HashMap<&str, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<ValueSet> {
    let text = field.text.as_str();
    if text.is_empty() {
        diags.push(Diagnostic::error(
            "cell",
            field.line,
            Some(field.column),
            format!("empty cell for `{}`; write `*` for any value", input.name),
        ));
        return None;
    }
    if text == "*" {
        return Some(input.full());
    }
    let mut intervals: Vec<(u64, u64)> = Vec::new();
    // The values listed so far, as disjoint intervals by start, to find a repeat in log time.
    let mut listed: BTreeMap<u64, u64> = BTreeMap::new();
    let mut ok = true;
    for (offset, part) in split_parts(text) {
        let column = cell_column(field, offset);
        let parsed: Result<(u64, u64), Diagnostic> = match &input.kind {
            _ if part == "*" => Err(Diagnostic::error(
                "cell",
                field.line,
                Some(column),
                "`*` already means every value; it cannot be combined with others".to_owned(),
            )),
            _ if part.is_empty() => Err(Diagnostic::error(
                "cell",
                field.line,
                Some(column),
                "empty value between `|`".to_owned(),
            )),
            InputKind::Enum(values) => match names.get(part) {
                Some(&i) => Ok((i as u64, i as u64)),
                None => Err(unknown_value(field, column, part, &input.name, values)),
            },
            InputKind::Bool => match part {
                "false" => Ok((0, 0)),
                "true" => Ok((1, 1)),
                _ => Err(unknown_value(
                    field,
                    column,
                    part,
                    &input.name,
                    &["false".to_owned(), "true".to_owned()],
                )),
            },
            InputKind::Int { .. } => int_part(field, column, part, input).map_err(|d| *d),
        };
        match parsed {
            Ok((lo, hi)) => {
                if merge_listed(&mut listed, lo, hi) {
                    diags.push(Diagnostic::error(
                        "cell",
                        field.line,
                        Some(column),
                        format!("`{part}` repeats values already listed in this cell"),
                    ));
                    ok = false;
                }
                intervals.push((lo, hi));
            }
            Err(d) => {
                diags.push(d);
                ok = false;
            }
        }
    }
    ok.then(|| ValueSet::from_intervals(intervals))
}

/// One integer or range of an integer input's cell, within the input's domain.
fn int_part(
    field: &Field,
    column: u32,
    part: &str,
    input: &Input,
) -> Result<(u64, u64), Box<Diagnostic>> {
    let (dlo, dhi) = input.bounds();
    match int_range(part, dlo, dhi) {
        Err(message) => Err(Box::new(Diagnostic::error(
            "cell",
            field.line,
            Some(column),
            message,
        ))),
        Ok((lo, hi)) if lo > hi => Err(Box::new(Diagnostic::error(
            "range",
            field.line,
            Some(column),
            format!("inverted range `{part}`: {lo} is above {hi}, so it matches nothing"),
        ))),
        Ok((lo, hi)) if lo < dlo || hi > dhi => Err(Box::new(Diagnostic::error(
            "range",
            field.line,
            Some(column),
            format!(
                "`{part}` reaches outside the domain of `{}`, {}",
                input.name,
                domain_text(dlo, dhi)
            ),
        ))),
        Ok(range) => Ok(range),
    }
}

/// Merges `lo..=hi` into the disjoint intervals listed so far (keyed by start); whether it met
/// any of them, i.e. repeats a value.
fn merge_listed(listed: &mut BTreeMap<u64, u64>, lo: u64, hi: u64) -> bool {
    let (mut start, mut end, mut repeats) = (lo, hi, false);
    while let Some((&a, &b)) = listed.range(..=end).next_back() {
        if b < start {
            break;
        }
        repeats = true;
        listed.remove(&a);
        start = start.min(a);
        end = end.max(b);
    }
    listed.insert(start, end);
    repeats
}

fn domain_text(lo: u64, hi: u64) -> String {
    if hi == INT_MAX {
        format!("`{lo}..`")
    } else {
        format!("`{lo}..={hi}`")
    }
}

fn output_cell(
    field: &Field,
    index: usize,
    lookup: &Lookup<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<OutputValue> {
    let output = &lookup.outputs[index];
    let text = field.text.as_str();
    let column = cell_column(field, 0);
    if text.is_empty() {
        let hint = match output.kind {
            OutputKind::List(_) => "; write `-` for an empty list",
            _ => "",
        };
        diags.push(Diagnostic::error(
            "cell",
            field.line,
            Some(field.column),
            format!("empty cell for `{}`{hint}", output.name),
        ));
        return None;
    }
    match &output.kind {
        OutputKind::Text => Some(OutputValue::Text(text.to_owned())),
        OutputKind::Enum(values) => match lookup.output_values[index].get(text) {
            Some(&i) => Some(OutputValue::Enum(i)),
            None => {
                diags.push(unknown_value(field, column, text, &output.name, values));
                None
            }
        },
        OutputKind::List(target) => {
            if text == "-" {
                return Some(OutputValue::List(Vec::new()));
            }
            let OutputKind::Enum(values) = &lookup.outputs[*target].kind else {
                return None;
            };
            let names = &lookup.output_values[*target];
            let mut items = Vec::new();
            let mut listed = HashSet::new();
            let mut ok = true;
            for (offset, part) in split_parts(text) {
                let column = cell_column(field, offset);
                match names.get(part).copied() {
                    Some(i) if !listed.insert(i) => {
                        diags.push(Diagnostic::error(
                            "cell",
                            field.line,
                            Some(column),
                            format!("`{part}` is listed twice"),
                        ));
                        ok = false;
                    }
                    Some(i) => items.push(i),
                    None => {
                        diags.push(unknown_value(field, column, part, &output.name, values));
                        ok = false;
                    }
                }
            }
            ok.then_some(OutputValue::List(items))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_names() {
        assert_eq!(camel("exchange_2010"), "Exchange2010");
        assert_eq!(camel("exchange_2000_or_earlier"), "Exchange2000OrEarlier");
        assert_eq!(camel("source"), "Source");
    }

    #[test]
    fn ranges() {
        assert_eq!(int_range("..=149", 1, 99_999), Ok((1, 149)));
        assert_eq!(int_range("2001..", 1, 99_999), Ok((2001, 99_999)));
        assert_eq!(int_range("150..=2_000", 1, 99_999), Ok((150, 2000)));
        assert_eq!(int_range("7", 1, 9), Ok((7, 7)));
        assert!(int_range("1..5", 0, 9).is_err());
        assert!(int_range("x..=5", 0, 9).is_err());
    }
}
