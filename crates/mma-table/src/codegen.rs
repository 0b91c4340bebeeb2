//! Emits the Rust source of a verified table: input and output enums, the rule array and one
//! `decide` whose body is a single exhaustive `match` with one arm per rule and no `_` arm.
//!
//! The emitted code is laid out for review and depends only on the table and the CSV's hash, so
//! two runs are byte-identical. Arm bodies are a reference into a `static` array,
//! which keeps each arm tiny: the compile time of a large table is the match itself.

use std::fmt::Write as _;

use super::parse::camel;
use super::tree::{self, Node};
use super::{
    HitPolicy, Input, InputKind, OutputKind, OutputValue, Table, TypeDoc, ValueDoc, ValueSet,
};

/// Where the generated file says it came from.
#[derive(Clone, Copy, Debug)]
pub struct Provenance<'a> {
    /// File name of the CSV as shown to readers (`decision-table.csv`).
    pub source_name: &'a str,
    /// SHA-256 of the CSV bytes, hex.
    pub source_sha256: &'a str,
}

fn doc(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

/// Whether `c` may not appear raw in a comment of generated code: a control character (a line
/// break would end the comment and start code) or a Unicode control of text direction or line
/// separation (rustc refuses those in comments).
pub(crate) fn unsafe_in_comment(c: char) -> bool {
    crate::diagnostic::is_control_or_bidi(c)
}

/// Text from outside (a file name) for a `//` comment: one line, controls written as `\u{…}`.
fn comment_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if unsafe_in_comment(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// A column description for a doc comment: one line of plain Markdown text. Line breaks and
/// controls become spaces, runs of spaces one, and every ASCII punctuation mark that Markdown
/// reads (code spans and fences, emphasis, links, HTML, lists, headings) is backslash-escaped, so
/// a description can neither open a code block (which rustdoc would run as a doctest) nor add
/// markup.
fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if unsafe_in_comment(c) || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if matches!(
            c,
            '\\' | '`'
                | '~'
                | '*'
                | '_'
                | '['
                | ']'
                | '('
                | ')'
                | '#'
                | '|'
                | '!'
                | '{'
                | '}'
                | '<'
                | '>'
                | '&'
                | '+'
                | '='
                | '$'
        ) || (c == '-' && out.is_empty())
        {
            out.push('\\');
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out
}

/// A value's title or description for a doc comment line: the text as written, with every
/// ASCII punctuation mark Markdown reads inline (code spans, emphasis, links, HTML, entities)
/// backslash-escaped, and a mark that would start a block (heading, list, quote, fence) escaped
/// at the start. The text is one line already (the parser refuses line breaks and controls), so
/// it cannot open a code block; runs of spaces become one, as Markdown would show them.
fn doc_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if matches!(
            c,
            '\\' | '`' | '~' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|'
        ) || (out.is_empty() && matches!(c, '#' | '-' | '+' | '='))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out
}

/// serde's `rename_all = "snake_case"` of a variant name.
fn serde_snake_case(variant: &str) -> String {
    let mut out = String::with_capacity(variant.len() + 4);
    for (i, c) in variant.char_indices() {
        if i > 0 && c.is_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// One enum column as the code generator sees it.
struct EnumColumn<'a> {
    /// Column name.
    column: &'a str,
    /// What the column means (`@input`/`@output` description).
    description: &'a str,
    /// Values, in declaration order.
    values: &'a [String],
    /// Type name and doc comments.
    doc: &'a TypeDoc,
}

impl EnumColumn<'_> {
    fn type_name(&self) -> String {
        self.doc.type_name(self.column)
    }
}

/// The enum's own doc comment and container attributes.
fn emit_enum_head(out: &mut String, e: &EnumColumn<'_>, derives: Derives, snake: bool) {
    let described = doc_line(&e.doc.description);
    if described.is_empty() {
        doc(
            out,
            "",
            &format!("Values of the `{}` column of the decision table.", e.column),
        );
        let description = doc_text(e.description);
        if !description.is_empty() {
            out.push_str("///\n");
            doc(out, "", &description);
        }
    } else {
        let _ = writeln!(out, "/// {described}");
    }
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n");
    if derives == Derives::Serde {
        out.push_str(
            "#[derive(::serde::Serialize, ::serde::Deserialize, ::schemars::JsonSchema)]\n",
        );
        if snake {
            out.push_str("#[serde(rename_all = \"snake_case\")]\n");
        }
        // The schema names the type after its column, whatever its Rust name.
        let schema_name = camel(e.column);
        if e.type_name() != schema_name {
            let _ = writeln!(out, "#[schemars(rename = {schema_name:?})]");
        }
        if !described.is_empty() && described != e.doc.description {
            let _ = writeln!(out, "#[schemars(description = {:?})]", e.doc.description);
        }
        out.push_str("#[schemars(extend(\"type\" = \"string\"))]\n");
    }
}

/// One variant: its doc comment (the value's title and description, or its name), its exact
/// schema text where the doc comment had to escape something, and its serde name.
fn emit_variant(out: &mut String, e: &EnumColumn<'_>, index: usize, derives: Derives, snake: bool) {
    let value = &e.values[index];
    match e.doc.values.get(index) {
        Some(ValueDoc { title, description }) => {
            let (title_line, description_line) = (doc_line(title), doc_line(description));
            let _ = writeln!(out, "    /// # {title_line}");
            if !description_line.is_empty() {
                let _ = writeln!(out, "    ///\n    /// {description_line}");
            }
            if derives == Derives::Serde
                && (title_line != *title || description_line != *description)
            {
                let _ = writeln!(
                    out,
                    "    #[schemars(title = {title:?}, description = {description:?})]"
                );
            }
        }
        None => {
            let _ = writeln!(out, "    /// `{value}`");
        }
    }
    if derives == Derives::Serde && !snake {
        let _ = writeln!(out, "    #[serde(rename = {value:?})]");
    }
    let _ = writeln!(out, "    {},", camel(value));
}

/// A `const fn` mapping each value to a string.
fn emit_str_fn(
    out: &mut String,
    doc_comment: &str,
    name: &str,
    values: &[String],
    text: impl Fn(usize) -> String,
) {
    let _ = writeln!(out, "    /// {doc_comment}");
    out.push_str("    #[must_use]\n");
    let _ = writeln!(
        out,
        "    pub const fn {name}(self) -> &'static str {{\n        match self {{"
    );
    for (i, value) in values.iter().enumerate() {
        let _ = writeln!(out, "            Self::{} => {:?},", camel(value), text(i));
    }
    out.push_str("        }\n    }\n\n");
}

fn emit_enum(out: &mut String, e: &EnumColumn<'_>, derives: Derives) {
    let type_name = e.type_name();
    let values = e.values;
    let snake = values.iter().all(|v| serde_snake_case(&camel(v)) == *v);
    emit_enum_head(out, e, derives, snake);
    let _ = writeln!(out, "pub enum {type_name} {{");
    for index in 0..values.len() {
        emit_variant(out, e, index, derives, snake);
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "impl {type_name} {{");
    out.push_str("    /// Every value, in the order the table declares them.\n");
    let _ = writeln!(out, "    pub const ALL: [Self; {}] = [", values.len());
    for value in values {
        let _ = writeln!(out, "        Self::{},", camel(value));
    }
    out.push_str("    ];\n\n");
    emit_str_fn(
        out,
        "The value's name as written in the table and in answer files.",
        "name",
        values,
        |i| values[i].clone(),
    );
    if e.doc.values.len() == values.len() {
        let docs = &e.doc.values;
        emit_str_fn(
            out,
            "The value's title, for people.",
            "title",
            values,
            |i| docs[i].title.clone(),
        );
        emit_str_fn(
            out,
            "What the value means, for people.",
            "description",
            values,
            |i| docs[i].description.clone(),
        );
    }
    out.push_str("    /// The value with this name, if there is one.\n");
    out.push_str("    #[must_use]\n");
    out.push_str("    pub fn from_name(name: &str) -> Option<Self> {\n        match name {\n");
    for value in values {
        let _ = writeln!(
            out,
            "            {value:?} => Some(Self::{}),",
            camel(value)
        );
    }
    out.push_str("            _ => None,\n        }\n    }\n}\n\n");
    let _ = writeln!(out, "impl ::core::fmt::Display for {type_name} {{");
    out.push_str(
        "    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {\n\
         \x20       f.write_str(self.name())\n    }\n}\n\n",
    );
}

/// Every enum column, inputs first, in declaration order.
fn enum_columns(table: &Table) -> Vec<EnumColumn<'_>> {
    let inputs = table.inputs.iter().filter_map(|i| match &i.kind {
        InputKind::Enum(values) => Some(EnumColumn {
            column: &i.name,
            description: &i.description,
            values,
            doc: &i.doc,
        }),
        _ => None,
    });
    let outputs = table.outputs.iter().filter_map(|o| match &o.kind {
        OutputKind::Enum(values) => Some(EnumColumn {
            column: &o.name,
            description: &o.description,
            values,
            doc: &o.doc,
        }),
        _ => None,
    });
    inputs.chain(outputs).collect()
}

/// The Rust pattern for one condition.
fn pattern(kind: &InputKind, type_name: &str, lo: u64, hi: u64, set: &ValueSet) -> String {
    if set.intervals() == [(lo, hi)] {
        return "_".to_owned();
    }
    let parts: Vec<String> = match kind {
        InputKind::Enum(values) => set
            .intervals()
            .iter()
            .flat_map(|&(a, b)| a..=b)
            .map(|code| format!("{type_name}::{}", camel(&values[code as usize])))
            .collect(),
        InputKind::Bool => set
            .intervals()
            .iter()
            .flat_map(|&(a, b)| a..=b)
            .map(|code| (if code == 0 { "false" } else { "true" }).to_owned())
            .collect(),
        // Ranges touching a domain bound are left open, so out-of-domain values clamp to the
        // nearest rule and the match is exhaustive over all of `u32`.
        InputKind::Int { .. } => set
            .intervals()
            .iter()
            .map(|&(a, b)| match (a == lo, b == hi) {
                (true, true) => "_".to_owned(),
                (true, false) => format!("..={b}"),
                (false, true) => format!("{a}.."),
                (false, false) if a == b => a.to_string(),
                (false, false) => format!("{a}..={b}"),
            })
            .collect(),
    };
    parts.join(" | ")
}

fn output_type(table: &Table, kind: &OutputKind) -> String {
    match kind {
        OutputKind::Enum(_) => String::new(),
        OutputKind::List(target) => format!("&'static [{}]", table.outputs[*target].type_name()),
        OutputKind::Text => "&'static str".to_owned(),
    }
}

/// The generated Rust source for `table`, as `build.rs` writes it.
#[must_use]
pub fn generate(table: &Table, provenance: Provenance<'_>) -> String {
    generate_with(table, provenance, Layout::auto(table))
}

/// How `decide` is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One `match` on the tuple of inputs, one arm per rule.
    Flat,
    /// A tree of per-input matches for `decide`, plus the flat match as a checked, never-run
    /// proof. Falls back to `Flat` for a table whose tree would be too large.
    Tree,
}

impl Layout {
    /// Largest table laid out flat by default. Above it a flat match's code generation grows
    /// past seconds (`benches/compile_time.rs`).
    pub const FLAT_MAX_RULES: usize = 1000;

    /// Flat up to [`Self::FLAT_MAX_RULES`] rules, a tree above.
    #[must_use]
    pub fn auto(table: &Table) -> Self {
        if table.rules.len() <= Self::FLAT_MAX_RULES {
            Self::Flat
        } else {
            Self::Tree
        }
    }

    /// The name used on the command line.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Flat => "flat",
            Self::Tree => "tree",
        }
    }
}

/// What the generated enums derive, so what the crate compiling them must depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derives {
    /// The standard traits only: the code compiles with nothing but `core`.
    Std,
    /// Also `serde`'s `Serialize` and `Deserialize` (values by their names) and `schemars`'
    /// `JsonSchema` (titles and descriptions from `@value`, the type's from `@type`), so the
    /// enums can be fields of a file format. The crate needs `serde` (with `derive`) and
    /// `schemars`.
    Serde,
}

/// How the code is generated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// How `decide` is laid out.
    pub layout: Layout,
    /// What the enums derive.
    pub derives: Derives,
    /// The most rules in one region of the tree layout's proof (tests use small regions to
    /// check the proof on small tables).
    pub proof_max_rules: usize,
}

impl Options {
    /// What `build.rs` uses: the layout given, serde and schemars derives, proof regions of
    /// [`PROOF_MAX_RULES`].
    #[must_use]
    pub const fn new(layout: Layout) -> Self {
        Self {
            layout,
            derives: Derives::Serde,
            proof_max_rules: PROOF_MAX_RULES,
        }
    }
}

/// The generated Rust source for `table`, with `decide` laid out as `layout` says.
#[must_use]
pub fn generate_with(table: &Table, provenance: Provenance<'_>, layout: Layout) -> String {
    generate_with_options(table, provenance, Options::new(layout))
}

/// The generated Rust source for `table`, generated as `options` say.
#[must_use]
pub fn generate_with_options(
    table: &Table,
    provenance: Provenance<'_>,
    options: Options,
) -> String {
    let mut out = String::new();
    emit_preamble(&mut out, table, provenance);
    for e in enum_columns(table) {
        emit_enum(&mut out, &e, options.derives);
    }
    emit_decision_struct(&mut out, table, provenance);
    emit_rules(&mut out, table);
    let layout = match options.layout {
        Layout::Flat => None,
        Layout::Tree => tree::build(table, 64 * table.rules.len() + 1024),
    };
    if let Some(root) = &layout {
        emit_proof(&mut out, table, root, options.proof_max_rules);
    }
    emit_decide(&mut out, table, layout.as_ref());
    emit_decide_codes(&mut out, table);
    out
}

/// The header comment and `TABLE_SHA256`.
fn emit_preamble(out: &mut String, table: &Table, provenance: Provenance<'_>) {
    let _ = writeln!(
        out,
        "// @generated by mma's decision-table compiler (crates/mma-table/src/codegen.rs, run by build.rs)\n\
         // from {source}. Do not edit: change {source} and rebuild.\n\
         // {source} sha256: {sha}\n\
         // Refresh the committed copy: UPDATE_GOLDEN=1 cargo test --test integration generated\n\
         // Hit policy: {policy}; {rules} rules over {inputs} inputs.\n",
        source = comment_text(provenance.source_name),
        sha = comment_text(provenance.source_sha256),
        policy = table.hit_policy.name(),
        rules = table.rules.len(),
        inputs = table.inputs.len(),
    );
    let _ = writeln!(
        out,
        "/// SHA-256 of the {} this code was generated from.",
        doc_text(provenance.source_name)
    );
    let _ = writeln!(
        out,
        "pub const TABLE_SHA256: &str = {:?};\n",
        provenance.source_sha256
    );
}

/// `struct Decision`: one field per output.
fn emit_decision_struct(out: &mut String, table: &Table, provenance: Provenance<'_>) {
    out.push_str("/// One rule of the table: what it decides and where it is written.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq)]\n");
    out.push_str("pub struct Decision {\n");
    out.push_str("    /// The rule's stable id (`id` column).\n    pub rule: &'static str,\n");
    let _ = writeln!(
        out,
        "    /// Line of the rule in {}.\n    pub line: u32,",
        doc_text(provenance.source_name)
    );
    for output in &table.outputs {
        let ty = match &output.kind {
            OutputKind::Enum(_) => output.type_name(),
            other => output_type(table, other),
        };
        let _ = writeln!(
            out,
            "    /// The `{}` column.\n    pub {}: {ty},",
            output.name, output.name
        );
    }
    out.push_str("}\n\n");
}

/// `static RULES`: every rule's outputs, in file order.
fn emit_rules(out: &mut String, table: &Table) {
    let _ = writeln!(out, "/// Every rule, in file order.");
    let _ = writeln!(
        out,
        "pub static RULES: [Decision; {}] = [",
        table.rules.len()
    );
    for rule in &table.rules {
        out.push_str("    Decision {\n");
        let _ = writeln!(out, "        rule: {:?},", rule.id);
        let _ = writeln!(out, "        line: {},", rule.line);
        for (output, value) in table.outputs.iter().zip(&rule.outputs) {
            let rendered = match (value, &output.kind) {
                (OutputValue::Enum(i), OutputKind::Enum(values)) => {
                    format!("{}::{}", output.type_name(), camel(&values[*i]))
                }
                (OutputValue::List(items), OutputKind::List(target)) => {
                    let target = &table.outputs[*target];
                    let OutputKind::Enum(values) = &target.kind else {
                        continue;
                    };
                    let type_name = target.type_name();
                    let items: Vec<String> = items
                        .iter()
                        .map(|&i| format!("{type_name}::{}", camel(&values[i])))
                        .collect();
                    format!("&[{}]", items.join(", "))
                }
                (OutputValue::Text(text), _) => format!("{text:?}"),
                _ => continue,
            };
            let _ = writeln!(out, "        {}: {rendered},", output.name);
        }
        out.push_str("    },\n");
    }
    out.push_str("];\n\n");
}

/// `fn decide`: its doc comment, signature and body, flat or along the tree `layout`.
fn emit_decide(out: &mut String, table: &Table, layout: Option<&Node>) {
    let params: Vec<String> = table
        .inputs
        .iter()
        .map(|input| format!("{}: {}", input.name, rust_type(input)))
        .collect();
    let policy_doc = match table.hit_policy {
        HitPolicy::Unique => {
            "Exactly one rule matches any input (hit policy `unique`), so arm order does not matter."
        }
        HitPolicy::First => "The first matching rule wins (hit policy `first`), as in the file.",
    };
    let _ = writeln!(
        out,
        "/// The rule that decides these inputs. {policy_doc}\n///"
    );
    if layout.is_some() {
        out.push_str(
            "/// A decision tree of exhaustive matches, one input at a time, laid out from the\n\
             /// table; the proof matches above prove every rule reachable and the table complete.\n\
             /// Integers outside a declared domain are decided as the nearest bound of the domain.\n",
        );
    } else {
        out.push_str(
            "/// There is no `_` arm: rustc proves the match exhaustive and, under\n\
             /// `deny(unreachable_patterns)`, every rule reachable. Integers outside a declared domain\n\
             /// are decided as the nearest bound of the domain.\n",
        );
    }
    out.push_str("#[deny(unreachable_patterns)]\n");
    if table.hit_policy == HitPolicy::First && layout.is_none() {
        out.push_str("#[allow(overlapping_range_endpoints)]\n");
    }
    if table.inputs.len() > 7 {
        out.push_str("#[allow(clippy::too_many_arguments)]\n");
    }
    out.push_str("#[must_use]\n");
    let signature = format!(
        "pub fn decide({}) -> &'static Decision {{",
        params.join(", ")
    );
    if signature.len() <= 100 {
        let _ = writeln!(out, "{signature}");
    } else {
        out.push_str("pub fn decide(\n");
        for p in &params {
            let _ = writeln!(out, "    {p},");
        }
        out.push_str(") -> &'static Decision {\n");
    }
    match layout {
        Some(root) => {
            out.push_str("    let index: u32 = ");
            emit_node(out, table, root, 1);
            out.push_str(";\n    &RULES[index as usize]\n}\n\n");
        }
        None => {
            let all: Vec<usize> = (0..table.rules.len()).collect();
            let full: Vec<ValueSet> = table.inputs.iter().map(Input::full).collect();
            let arms = rule_arms(table, &all, &full, |i| format!("&RULES[{i}]"));
            emit_flat_match(out, table, 1, &arms);
            out.push_str("}\n\n");
        }
    }
}

/// `fn decide_codes`: a bridge from input codes, for checking `decide` against the reference
/// interpreter.
fn emit_decide_codes(out: &mut String, table: &Table) {
    out.push_str(
        "/// `decide` on input codes in declaration order (an enum's index, 0 or 1 for a boolean, an\n\
         /// integer itself); `None` when an enum index is out of range. Used to check the compiled\n\
         /// match against the reference interpreter on every cell of the table.\n",
    );
    out.push_str("#[must_use]\n");
    out.push_str("pub fn decide_codes(codes: &[u64]) -> Option<&'static Decision> {\n");
    let names: Vec<&str> = table.inputs.iter().map(|i| i.name.as_str()).collect();
    let _ = writeln!(
        out,
        "    let [{}] = codes else {{\n        return None;\n    }};",
        names
            .iter()
            .map(|n| format!("{n}_code"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for input in &table.inputs {
        let n = &input.name;
        match input.kind {
            InputKind::Enum(_) => {
                let _ = writeln!(
                    out,
                    "    let {n} = *{}::ALL.get(usize::try_from(*{n}_code).ok()?)?;",
                    input.type_name()
                );
            }
            InputKind::Bool => {
                let _ = writeln!(out, "    let {n} = *{n}_code != 0;");
            }
            InputKind::Int { .. } => {
                let _ = writeln!(
                    out,
                    "    let {n} = u32::try_from(*{n}_code).unwrap_or(u32::MAX);"
                );
            }
        }
    }
    let _ = writeln!(out, "    Some(decide({}))\n}}", names.join(", "));
}

/// The Rust type of an input.
fn rust_type(input: &Input) -> String {
    match input.kind {
        InputKind::Enum(_) => input.type_name(),
        InputKind::Bool => "bool".to_owned(),
        InputKind::Int { .. } => "u32".to_owned(),
    }
}

/// Inputs in the order of the match scrutinee: enums and booleans first, then integers. rustc's
/// exhaustiveness check specialises column by column, and finite columns first keep it linear
/// where integer ranges first make it split every range by every other.
fn scrutinee_order(table: &Table) -> Vec<usize> {
    let (mut finite, ints): (Vec<usize>, Vec<usize>) = (0..table.inputs.len())
        .partition(|&i| !matches!(table.inputs[i].kind, InputKind::Int { .. }));
    finite.extend(ints);
    finite
}

/// One arm of an emitted flat match: a comment, one condition per input (declaration order)
/// and the arm's body.
struct Arm {
    comment: String,
    conditions: Vec<ValueSet>,
    body: String,
}

/// The arms of the rules `rules` (indices, in file order) within `region`, each arm's body given
/// by `body`. See [`arm_conditions`] for what each arm's patterns hold.
fn rule_arms(
    table: &Table,
    rules: &[usize],
    region: &[ValueSet],
    body: impl Fn(usize) -> String,
) -> Vec<Arm> {
    rules
        .iter()
        .zip(arm_conditions(table, rules, region))
        .map(|(&index, conditions)| {
            let rule = &table.rules[index];
            Arm {
                comment: format!("row {}: {}", rule.line, rule.id),
                conditions,
                body: body(index),
            }
        })
        .collect()
}

/// The conditions each rule's arm is written with: the rule's conditions within `region`, and
/// under `first` without the alternatives (values of an enum or boolean, intervals of an
/// integer) that earlier arms already decide, since rustc refuses an alternative of an
/// or-pattern that no input reaches. What is dropped is decided earlier, so the match still
/// decides as the table does; a rule that fires somewhere keeps a non-empty arm.
fn arm_conditions(table: &Table, rules: &[usize], region: &[ValueSet]) -> Vec<Vec<ValueSet>> {
    let mut arms: Vec<Vec<ValueSet>> = Vec::with_capacity(rules.len());
    for &rule in rules {
        let mut conditions: Vec<ValueSet> = table.rules[rule]
            .conditions
            .iter()
            .zip(region)
            .map(|(c, r)| c.intersect(r))
            .collect();
        if table.hit_policy == HitPolicy::First {
            prune_shadowed(table, &arms, &mut conditions);
        }
        arms.push(conditions);
    }
    arms
}

/// Drops from `conditions` every alternative whose inputs the `earlier` arms all decide, until
/// none is left to drop (dropping one may leave an alternative of another input shadowed).
fn prune_shadowed(table: &Table, earlier: &[Vec<ValueSet>], conditions: &mut [ValueSet]) {
    loop {
        let mut changed = false;
        for column in 0..conditions.len() {
            let alternatives: Vec<(u64, u64)> = match table.inputs[column].kind {
                InputKind::Int { .. } => conditions[column].intervals().to_vec(),
                _ => conditions[column]
                    .intervals()
                    .iter()
                    .flat_map(|&(lo, hi)| (lo..=hi).map(|v| (v, v)))
                    .collect(),
            };
            if alternatives.len() < 2 {
                continue;
            }
            let mut kept = Vec::with_capacity(alternatives.len());
            for (lo, hi) in alternatives {
                let mut sub = conditions.to_vec();
                sub[column] = ValueSet::range(lo, hi);
                let meeting: Vec<&[ValueSet]> = earlier
                    .iter()
                    .filter(|arm| arm.iter().zip(&sub).all(|(a, s)| a.meets(s)))
                    .map(Vec::as_slice)
                    .collect();
                if super::analyze::covers(&sub, &meeting) {
                    changed = true;
                } else {
                    kept.push((lo, hi));
                }
            }
            conditions[column] = ValueSet::from_intervals(kept);
        }
        if !changed {
            return;
        }
    }
}

/// `match (inputs…) { arms }` at `depth` levels of indentation.
fn emit_flat_match(out: &mut String, table: &Table, depth: usize, arms: &[Arm]) {
    let indent = "    ".repeat(depth);
    let order = scrutinee_order(table);
    let names: Vec<&str> = order
        .iter()
        .map(|&i| table.inputs[i].name.as_str())
        .collect();
    let scrutinee = if names.len() == 1 {
        names[0].to_owned()
    } else {
        format!("({})", names.join(", "))
    };
    let _ = writeln!(out, "{indent}match {scrutinee} {{");
    for arm in arms {
        let cells: Vec<String> = order
            .iter()
            .map(|&i| {
                let input = &table.inputs[i];
                let (lo, hi) = input.bounds();
                pattern(&input.kind, &input.type_name(), lo, hi, &arm.conditions[i])
            })
            .collect();
        let pat = if cells.len() == 1 {
            cells[0].clone()
        } else {
            format!("({})", cells.join(", "))
        };
        let _ = writeln!(out, "{indent}    // {}", arm.comment);
        let _ = writeln!(out, "{indent}    {pat} => {},", arm.body);
    }
    let _ = writeln!(out, "{indent}}}");
}

/// Largest number of rules in one proof match. rustc's exhaustiveness check grows faster than
/// linearly in the arms of a match over integer ranges (a 5,000-arm proof takes it about 19 s,
/// `benches/compile_time.rs`), so a large table is proved region by region.
pub const PROOF_MAX_RULES: usize = 256;

/// A region of the input space proved on its own: the conditions that lead to it, per input,
/// and the rules (file order) that decide some point of it.
struct ProofRegion {
    region: Vec<ValueSet>,
    rules: Vec<usize>,
}

/// Cuts the tree into regions of at most `max_rules` deciding rules, at whole subtrees (a single
/// leaf's region is never cut further). The regions partition the input space.
fn proof_regions(table: &Table, root: &Node, max_rules: usize) -> Vec<ProofRegion> {
    fn leaves(node: &Node, into: &mut std::collections::BTreeSet<usize>) {
        match node {
            Node::Leaf(rule) => {
                into.insert(*rule);
            }
            Node::Split { branches, .. } => {
                for (_, child) in branches {
                    leaves(child, into);
                }
            }
        }
    }
    fn walk(node: &Node, max: usize, region: &mut Vec<ValueSet>, out: &mut Vec<ProofRegion>) {
        let mut rules = std::collections::BTreeSet::new();
        leaves(node, &mut rules);
        match node {
            Node::Split { input, branches } if rules.len() > max => {
                let saved = region[*input].clone();
                for (set, child) in branches {
                    region[*input] = saved.intersect(set);
                    walk(child, max, region, out);
                }
                region[*input] = saved;
            }
            _ => out.push(ProofRegion {
                region: region.clone(),
                rules: rules.into_iter().collect(),
            }),
        }
    }
    let mut region: Vec<ValueSet> = table.inputs.iter().map(Input::full).collect();
    let mut out = Vec::new();
    walk(root, max_rules, &mut region, &mut out);
    out
}

/// rustc's proof for a tree-laid table: for each region of [`proof_regions`], a closure whose
/// match first sets aside everything outside the region (one arm per input the region
/// restricts) and then holds one arm per rule deciding in the region, with no `_` arm, under
/// `deny(unreachable_patterns)`. rustc so proves every region covered and every rule reachable;
/// the regions partition the input space and every rule decides in one of them. Checked, never
/// run.
fn emit_proof(out: &mut String, table: &Table, root: &Node, max_rules: usize) {
    let types: Vec<String> = table.inputs.iter().map(rust_type).collect();
    let names: Vec<&str> = table.inputs.iter().map(|i| i.name.as_str()).collect();
    let regions = proof_regions(table, root, max_rules);
    if regions.len() == 1 {
        out.push_str(
            "/// rustc's proof that the table is complete and every rule reachable: one arm per rule, no\n\
             /// `_` arm, under `deny(unreachable_patterns)`. It is checked, never run: `decide` below is\n\
             /// laid out as a tree, which compiles in a fraction of the time at this size.\n",
        );
    } else {
        let _ = writeln!(
            out,
            "// rustc's proof that the table is complete and every rule reachable, in {} regions that\n\
             // partition the inputs (one match over thousands of integer ranges would cost rustc's\n\
             // exhaustiveness check minutes). Each match first sets aside the inputs outside its\n\
             // region, then holds one arm per rule deciding in the region, with no `_` arm, under\n\
             // `deny(unreachable_patterns)`: rustc proves the region covered and each rule reachable\n\
             // in it. Checked, never run: `decide` below is laid out as a tree.\n",
            regions.len()
        );
    }
    for (number, proof) in regions.iter().enumerate() {
        if regions.len() > 1 {
            let _ = writeln!(
                out,
                "/// Region {} of {}: {}.",
                number + 1,
                regions.len(),
                table.describe_region(&proof.region)
            );
        }
        out.push_str("#[deny(unreachable_patterns)]\n");
        if table.hit_policy == HitPolicy::First {
            out.push_str("#[allow(overlapping_range_endpoints)]\n");
        }
        let _ = writeln!(
            out,
            "const _: fn({}) -> u32 = |{}| {{",
            types.join(", "),
            names.join(", ")
        );
        let mut arms = Vec::new();
        for (i, input) in table.inputs.iter().enumerate() {
            let outside = input.full().minus(&proof.region[i]);
            if outside.is_empty() {
                continue;
            }
            let mut conditions: Vec<ValueSet> = table.inputs.iter().map(Input::full).collect();
            conditions[i] = outside;
            arms.push(Arm {
                comment: format!("outside the region on `{}`", input.name),
                conditions,
                body: "u32::MAX".to_owned(),
            });
        }
        arms.extend(rule_arms(table, &proof.rules, &proof.region, |i| {
            i.to_string()
        }));
        emit_flat_match(out, table, 1, &arms);
        out.push_str("};\n\n");
    }
}

/// One node of the tree as an expression of type `u32`, at `depth` levels of indentation.
fn emit_node(out: &mut String, table: &Table, node: &Node, depth: usize) {
    match node {
        Node::Leaf(rule) => {
            let _ = write!(out, "{rule}");
        }
        Node::Split { input, branches } => {
            let input_decl = &table.inputs[*input];
            let type_name = input_decl.type_name();
            let type_max = match input_decl.kind {
                InputKind::Int { .. } => u64::from(u32::MAX),
                _ => input_decl.bounds().1,
            };
            let sets = tree::exhaustive_branches(branches, type_max);
            let indent = "    ".repeat(depth);
            let _ = writeln!(out, "match {} {{", input_decl.name);
            for (set, (_, child)) in sets.iter().zip(branches) {
                let pat = pattern(&input_decl.kind, &type_name, 0, type_max, set);
                let _ = write!(out, "{indent}    {pat} => ");
                emit_node(out, table, child, depth + 1);
                out.push_str(",\n");
            }
            let _ = write!(out, "{indent}}}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_escape_markdown_and_keep_plain_text() {
        let plain = "Google Workspace (formerly G Suite): mail, calendars and contacts.";
        assert_eq!(doc_line(plain), plain);
        assert_eq!(doc_line("```"), "\\`\\`\\`");
        assert_eq!(doc_line("  # a  <b>"), "\\# a \\<b\\>");
        assert_eq!(doc_line("a-b - c"), "a-b - c");
    }

    #[test]
    fn serde_snake_case_drops_the_digit_separator() {
        assert_eq!(serde_snake_case("Exchange2010"), "exchange2010");
        assert_eq!(serde_snake_case("FullHybrid"), "full_hybrid");
    }
}
