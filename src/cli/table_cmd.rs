//! `mma table check|show|eval|codegen`: the decision-table verifier and friends on the command line.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use serde_json::{Value, json};

use super::{EXIT_INVALID, EXIT_OK, Failure, print_stdout, read_text, write_atomic};
use crate::decision::TABLE_CSV;
use crate::table::{
    self, InputKind, OutputKind, Severity, Table, codegen, interpret, render, sha256,
};
use crate::text::{printable, printable_lines};

/// Name shown for the table built into the binary.
const BUILT_IN: &str = "decision-table.csv";

#[derive(Debug, Subcommand)]
pub(super) enum TableCommand {
    /// Verify a decision table: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when
    /// clean, 1 with diagnostics.
    Check {
        /// The CSV to verify; the table built into mma when omitted.
        csv: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
    },
    /// Print a decision table.
    Show {
        /// The CSV to print; the table built into mma when omitted.
        csv: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Markdown)]
        format: ShowFormat,
    },
    /// Evaluate a table on one input with the reference interpreter, e.g.
    /// `mma table eval source=exchange_2016 mailboxes=300 timeline=weeks
    /// manage_users_on_premises=false coexistence=false`.
    Eval {
        /// `NAME=VALUE` for every input of the table.
        #[arg(required = true, value_name = "NAME=VALUE")]
        assignments: Vec<String>,
        /// The CSV to evaluate; the table built into mma when omitted.
        #[arg(long)]
        table: Option<PathBuf>,
    },
    /// Write the Rust code build.rs would generate for a table (for teams that compile their own).
    Codegen {
        /// The CSV to compile; the table built into mma when omitted.
        csv: Option<PathBuf>,
        /// Write to this file (atomically) instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// How `decide` is laid out: `auto` (what build.rs does) is flat up to 1,000 rules and a
        /// tree above.
        #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
        layout: LayoutArg,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum LayoutArg {
    /// Flat up to 1,000 rules, a tree above.
    Auto,
    /// One match on the tuple of inputs, one arm per rule.
    Flat,
    /// Nested per-input matches, with the flat match kept as a checked proof.
    Tree,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum CheckFormat {
    /// `FILE:LINE:COLUMN: error[code]: message` lines.
    Human,
    /// One JSON document.
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum ShowFormat {
    /// A Markdown document.
    Markdown,
    /// Normalised CSV.
    Csv,
    /// JSON.
    Json,
}

/// The most a decision table given to `mma table` may be: 64 MB (a table of 5,000 rules and eight
/// inputs is about 1 MB).
const MAX_TABLE_BYTES: u64 = 64_000_000;

/// The table's text and the name to show for it.
fn load(csv: Option<&PathBuf>) -> Result<(String, String), Failure> {
    match csv {
        Some(path) => Ok((
            read_text(path, (MAX_TABLE_BYTES, "a decision table"))?,
            path.display().to_string(),
        )),
        None => Ok((TABLE_CSV.to_owned(), BUILT_IN.to_owned())),
    }
}

/// A table that must be free of errors for the command to go on.
fn load_valid(csv: Option<&PathBuf>) -> Result<(Table, String, String), Failure> {
    let (src, name) = load(csv)?;
    let report = table::check(&src);
    match report.table {
        Some(t) if !report.has_errors() => Ok((t, src, name)),
        _ => {
            let errors: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.render(&name))
                .collect();
            let count = errors.len().max(1);
            Err(Failure {
                code: EXIT_INVALID,
                message: format!(
                    "{}\n{name} has {count} error{}; fix {} and run the command again",
                    errors.join("\n"),
                    if count == 1 { "" } else { "s" },
                    if count == 1 { "it" } else { "them" },
                ),
            })
        }
    }
}

pub(super) fn run(cmd: TableCommand) -> Result<u8, Failure> {
    match cmd {
        TableCommand::Check { csv, format } => check(csv.as_ref(), format),
        TableCommand::Show { csv, format } => {
            let (t, src, name) = load_valid(csv.as_ref())?;
            let text = match format {
                ShowFormat::Markdown => {
                    let file = std::path::Path::new(&name)
                        .file_name()
                        .map_or(name.clone(), |f| f.to_string_lossy().into_owned());
                    render::markdown(&t, &file, &sha256::hex(src.as_bytes()))
                }
                ShowFormat::Csv => render::csv(&t),
                ShowFormat::Json => pretty(&table_json(&t)),
            };
            // The table's own text must not drive the terminal (CSV and JSON keep their data).
            let text = match format {
                ShowFormat::Markdown => printable_lines(&text),
                ShowFormat::Csv | ShowFormat::Json => text,
            };
            print_stdout(&text)?;
            Ok(EXIT_OK)
        }
        TableCommand::Eval { assignments, table } => eval(table.as_ref(), &assignments),
        TableCommand::Codegen {
            csv,
            output,
            layout,
        } => {
            let (t, src, name) = load_valid(csv.as_ref())?;
            let file = std::path::Path::new(&name)
                .file_name()
                .map_or(name.clone(), |f| f.to_string_lossy().into_owned());
            let sha = sha256::hex(src.as_bytes());
            let layout = match layout {
                LayoutArg::Auto => codegen::Layout::auto(&t),
                LayoutArg::Flat => codegen::Layout::Flat,
                LayoutArg::Tree => codegen::Layout::Tree,
            };
            let code = codegen::generate_with(
                &t,
                codegen::Provenance {
                    source_name: &file,
                    source_sha256: &sha,
                },
                layout,
            );
            match output {
                Some(path) => write_atomic(&path, code.as_bytes())?,
                None => print_stdout(&code)?,
            }
            Ok(EXIT_OK)
        }
    }
}

fn pretty(value: &Value) -> String {
    crate::text::pretty_json(value)
}

fn check(csv: Option<&PathBuf>, format: CheckFormat) -> Result<u8, Failure> {
    let (src, name) = load(csv)?;
    let report = table::check(&src);
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    match format {
        CheckFormat::Human => {
            if report.diagnostics.is_empty() {
                let summary = report.table.as_ref().map_or(String::new(), |t| {
                    format!(
                        ": {} rules over {} inputs, complete and {}",
                        t.rules.len(),
                        t.inputs.len(),
                        match t.hit_policy {
                            table::HitPolicy::Unique => "without overlaps",
                            table::HitPolicy::First => "every rule reachable",
                        }
                    )
                });
                print_stdout(&format!("{}: ok{summary}\n", printable(&name)))?;
            } else {
                let colour = super::colour_stdout();
                let mut text: String = report
                    .diagnostics
                    .iter()
                    .map(|d| d.human(&name, colour))
                    .collect();
                text.push_str(&format!("{}: {errors} error(s)\n", printable(&name)));
                print_stdout(&text)?;
            }
        }
        CheckFormat::Json => {
            let diagnostics: Vec<Value> = report.diagnostics.iter().map(|d| d.json()).collect();
            let mut doc = json!({
                "format_version": 1,
                "file": name,
                "valid": errors == 0,
                "diagnostics": diagnostics,
            });
            if let (Some(t), Some(findings)) = (&report.table, &report.findings) {
                doc["summary"] = json!({
                    "hit_policy": t.hit_policy.name(),
                    "rules": t.rules.len(),
                    "inputs": t.inputs.len(),
                    "gaps": findings.gaps.len(),
                    "overlaps": findings.overlaps.len(),
                    "unreachable": findings.unreachable.len(),
                });
            }
            print_stdout(&pretty(&doc))?;
        }
    }
    Ok(if errors == 0 { EXIT_OK } else { EXIT_INVALID })
}

fn table_json(t: &Table) -> Value {
    let inputs: Vec<Value> = t
        .inputs
        .iter()
        .map(|i| {
            let mut v = json!({ "name": i.name, "description": i.description });
            match &i.kind {
                InputKind::Enum(values) => {
                    v["type"] = json!("enum");
                    v["values"] = json!(values);
                }
                InputKind::Bool => v["type"] = json!("bool"),
                InputKind::Int { lo, hi } => {
                    v["type"] = json!("integer");
                    v["minimum"] = json!(lo);
                    v["maximum"] = json!(hi);
                }
            }
            v
        })
        .collect();
    let outputs: Vec<Value> = t
        .outputs
        .iter()
        .map(|o| {
            let mut v = json!({ "name": o.name, "description": o.description });
            match &o.kind {
                OutputKind::Enum(values) => {
                    v["type"] = json!("enum");
                    v["values"] = json!(values);
                }
                OutputKind::List(target) => {
                    v["type"] = json!("list");
                    v["of"] = json!(t.outputs[*target].name);
                }
                OutputKind::Text => v["type"] = json!("text"),
            }
            v
        })
        .collect();
    let rules: Vec<Value> = t
        .rules
        .iter()
        .map(|r| {
            let mut when = serde_json::Map::new();
            for (input, set) in t.inputs.iter().zip(&r.conditions) {
                when.insert(input.name.clone(), json!(input.describe(set)));
            }
            let mut then = serde_json::Map::new();
            for (i, (output, value)) in t.outputs.iter().zip(&r.outputs).enumerate() {
                let v = match value {
                    table::OutputValue::List(_) => {
                        let text = t.output_text(i, value);
                        if text == "-" {
                            json!([])
                        } else {
                            json!(text.split('|').collect::<Vec<_>>())
                        }
                    }
                    _ => json!(t.output_text(i, value)),
                };
                then.insert(output.name.clone(), v);
            }
            json!({ "id": r.id, "line": r.line, "when": when, "then": then })
        })
        .collect();
    json!({
        "format_version": 1,
        "hit_policy": t.hit_policy.name(),
        "inputs": inputs,
        "outputs": outputs,
        "rules": rules,
    })
}

fn eval(csv: Option<&PathBuf>, assignments: &[String]) -> Result<u8, Failure> {
    let (t, _, name) = load_valid(csv)?;
    let mut point: Vec<Option<u64>> = vec![None; t.inputs.len()];
    for assignment in assignments {
        let Some((key, value)) = assignment.split_once('=') else {
            return Err(Failure::usage(format!("`{assignment}` is not NAME=VALUE")));
        };
        let Some(index) = t.inputs.iter().position(|i| i.name == key) else {
            let names: Vec<&str> = t.inputs.iter().map(|i| i.name.as_str()).collect();
            let hint = table::diagnostic::suggest(key, names.iter().copied())
                .map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
            return Err(Failure::usage(format!(
                "{name} has no input `{key}`{hint}; inputs: {}",
                names.join(", ")
            )));
        };
        let input = &t.inputs[index];
        let code = match &input.kind {
            InputKind::Enum(values) => values.iter().position(|v| v == value).map(|i| i as u64),
            InputKind::Bool => match value {
                "true" => Some(1),
                "false" => Some(0),
                _ => None,
            },
            InputKind::Int { .. } => value.parse::<u64>().ok(),
        };
        let Some(code) = code else {
            let allowed = match &input.kind {
                InputKind::Enum(values) => values.join(", "),
                InputKind::Bool => "true, false".to_owned(),
                InputKind::Int { lo, hi } => format!("integers {lo} to {hi}"),
            };
            return Err(Failure::usage(format!(
                "`{value}` is not a value of `{key}`; allowed: {allowed}"
            )));
        };
        point[index] = Some(code);
    }
    let missing: Vec<&str> = t
        .inputs
        .iter()
        .zip(&point)
        .filter(|(_, p)| p.is_none())
        .map(|(i, _)| i.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(Failure::usage(format!(
            "missing input(s): {}",
            missing.join(", ")
        )));
    }
    let point: Vec<u64> = point.into_iter().flatten().collect();
    let Some(index) = interpret::evaluate(&t, &point) else {
        return Err(Failure {
            code: EXIT_INVALID,
            message: format!("no single rule decides {}", t.describe_point(&point)),
        });
    };
    let rule = &t.rules[index];
    let mut text = format!("rule {} ({}:{})\n", rule.id, printable(&name), rule.line);
    for (i, output) in t.outputs.iter().enumerate() {
        text.push_str(&format!(
            "{}: {}\n",
            output.name,
            printable(&t.output_text(i, &rule.outputs[i]))
        ));
    }
    print_stdout(&text)?;
    Ok(EXIT_OK)
}
