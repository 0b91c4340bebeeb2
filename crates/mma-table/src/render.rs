//! Renders a table for readers: Markdown (`generated/decision-table.md`, `mma table show`) and a
//! normalised CSV that parses back to the same table.

use std::fmt::Write as _;

use super::{InputKind, OutputKind, Table, TypeDoc};

fn md_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

fn domain_text(kind: &InputKind) -> String {
    match kind {
        InputKind::Enum(values) => values.join(", "),
        InputKind::Bool => "true, false".to_owned(),
        InputKind::Int { lo, hi } if *hi == super::parse::INT_MAX => format!("integers from {lo}"),
        InputKind::Int { lo, hi } => format!("integers {lo} to {hi}"),
    }
}

/// The table as a Markdown document: the declarations, then one table row per rule.
#[must_use]
pub fn markdown(table: &Table, source_name: &str, source_sha256: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!-- @generated from {source_name} (sha256 {source_sha256}) by `mma table show --format markdown`. Do not edit. -->\n"
    );
    let _ = writeln!(out, "# Decision table\n");
    let _ = writeln!(
        out,
        "Hit policy: **{}** — {}. {} rules over {} inputs; `*` matches any value.\n",
        table.hit_policy.name(),
        match table.hit_policy {
            super::HitPolicy::Unique => "exactly one rule matches any input",
            super::HitPolicy::First => "the first matching rule wins",
        },
        table.rules.len(),
        table.inputs.len()
    );
    out.push_str("| input | meaning | values |\n|---|---|---|\n");
    for input in &table.inputs {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            input.name,
            md_escape(&input.description),
            md_escape(&domain_text(&input.kind))
        );
    }
    out.push('\n');
    out.push_str("| line | rule |");
    for input in &table.inputs {
        let _ = write!(out, " {} |", input.name);
    }
    for output in &table.outputs {
        let _ = write!(out, " {} |", output.name);
    }
    out.push_str("\n|---:|---|");
    for _ in 0..table.inputs.len() + table.outputs.len() {
        out.push_str("---|");
    }
    out.push('\n');
    for rule in &table.rules {
        let _ = write!(out, "| {} | `{}` |", rule.line, md_escape(&rule.id));
        for (input, set) in table.inputs.iter().zip(&rule.conditions) {
            let cell = input.describe(set).replace('|', ", ");
            let _ = write!(out, " {} |", md_escape(&cell));
        }
        for (i, (output, value)) in table.outputs.iter().zip(&rule.outputs).enumerate() {
            let mut cell = table.output_text(i, value);
            if matches!(output.kind, OutputKind::List(_)) {
                cell = if cell == "-" {
                    "—".to_owned()
                } else {
                    cell.replace('|', ", ")
                };
            }
            let _ = write!(out, " {} |", md_escape(&cell));
        }
        out.push('\n');
    }
    out
}

/// Quotes a CSV cell when it needs it.
#[must_use]
pub fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r', '#']) || text != text.trim() {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The `@type` and `@value` rows of one enum column.
fn csv_type_doc(out: &mut String, column: &str, values: &[String], doc: &TypeDoc) {
    if let Some(name) = &doc.name {
        let _ = write!(out, "@type,{column},{name}");
        if !doc.description.is_empty() {
            let _ = write!(out, ",{}", csv_cell(&doc.description));
        }
        out.push('\n');
    }
    for (value, d) in values.iter().zip(&doc.values) {
        let _ = write!(out, "@value,{column},{value},{}", csv_cell(&d.title));
        if !d.description.is_empty() {
            let _ = write!(out, ",{}", csv_cell(&d.description));
        }
        out.push('\n');
    }
}

/// The table as normalised CSV: declarations, header, and rules with canonical cells.
#[must_use]
pub fn csv(table: &Table) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "@hit_policy,{}", table.hit_policy.name());
    for input in &table.inputs {
        let domain = match &input.kind {
            InputKind::Enum(values) => values.join("|"),
            InputKind::Bool => "bool".to_owned(),
            InputKind::Int { lo, hi } if *hi == super::parse::INT_MAX => format!("{lo}.."),
            InputKind::Int { lo, hi } => format!("{lo}..={hi}"),
        };
        let _ = write!(out, "@input,{},{}", input.name, csv_cell(&domain));
        if !input.description.is_empty() {
            let _ = write!(out, ",{}", csv_cell(&input.description));
        }
        out.push('\n');
    }
    for output in &table.outputs {
        let kind = match &output.kind {
            OutputKind::Enum(values) => values.join("|"),
            OutputKind::List(target) => format!("list({})", table.outputs[*target].name),
            OutputKind::Text => "text".to_owned(),
        };
        let _ = write!(out, "@output,{},{}", output.name, csv_cell(&kind));
        if !output.description.is_empty() {
            let _ = write!(out, ",{}", csv_cell(&output.description));
        }
        out.push('\n');
    }
    let enums = table
        .inputs
        .iter()
        .filter_map(|i| match &i.kind {
            InputKind::Enum(values) => Some((&i.name, values, &i.doc)),
            _ => None,
        })
        .chain(table.outputs.iter().filter_map(|o| match &o.kind {
            OutputKind::Enum(values) => Some((&o.name, values, &o.doc)),
            _ => None,
        }));
    for (column, values, doc) in enums {
        csv_type_doc(&mut out, column, values, doc);
    }
    let mut header = vec!["id".to_owned()];
    header.extend(table.inputs.iter().map(|i| i.name.clone()));
    header.extend(table.outputs.iter().map(|o| o.name.clone()));
    let _ = writeln!(out, "{}", header.join(","));
    for rule in &table.rules {
        let mut cells = vec![csv_cell(&rule.id)];
        for (input, set) in table.inputs.iter().zip(&rule.conditions) {
            cells.push(csv_cell(&input.describe(set)));
        }
        for (i, value) in rule.outputs.iter().enumerate() {
            cells.push(csv_cell(&table.output_text(i, value)));
        }
        let _ = writeln!(out, "{}", cells.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_csv_keeps_the_enum_docs() {
        let src = "@input,source,a|b\n@output,path,x|y\n@type,path,MigrationPath,\"A path, or two\"\n\
                   @value,path,x,Ex,\"The # first\"\n@value,path,y,Why\nid,source,path\nr1,a,x\nr2,b,y\n\
                   @value,source,a,A,First\n@value,source,b,B,Second\n";
        let table = crate::check(src).table.expect("parses");
        let normalised = csv(&table);
        let back = crate::check(&normalised).table.expect("reparses");
        assert_eq!(back.outputs[0].doc, table.outputs[0].doc);
        assert_eq!(back.inputs[0].doc, table.inputs[0].doc);
        assert_eq!(back.outputs[0].type_name(), "MigrationPath");
        assert_eq!(back.inputs[0].doc.values[1].description, "Second");
        assert_eq!(back.outputs[0].doc.values[0].description, "The # first");
    }
}
