//! `mma validate`, `mma recommend` and `mma schema`: answer files on the command line.

use std::io::{IsTerminal as _, Read as _};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde_json::json;

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE, Failure, print_stdout, write_atomic};
use crate::answers::{self, Format, Report, render};
use crate::recommend;
use crate::table::diagnostic::Severity;

/// `--input-format`: the syntax of stdin, or of files whose extension does not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// YAML 1.2.
    Yaml,
    /// JSON.
    Json,
    /// TOML.
    Toml,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Self {
        match f {
            InputFormat::Yaml => Self::Yaml,
            InputFormat::Json => Self::Json,
            InputFormat::Toml => Self::Toml,
        }
    }
}

/// `mma validate` output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// `FILE:LINE:COLUMN: error[code]: …` lines and a summary; colour on a terminal only.
    Human,
    /// One JSON document for the whole run.
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…,col=…::…`).
    Github,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Answer files, or directories to search for `.yaml`, `.yml`, `.json` and `.toml` files;
    /// `-` reads standard input (with `--input-format`).
    #[arg(required = true, value_name = "FILE|DIR")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Human)]
    format: ValidateFormat,
    /// Syntax of standard input and of files whose extension does not say.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

/// `mma recommend` output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum RecommendFormat {
    /// Text for a terminal.
    Human,
    /// One JSON object: `path`, `rule`, `why`, `alternatives`, `warnings`, ….
    Json,
    /// Markdown, for a ticket or a design document.
    Markdown,
}

#[derive(Debug, Args)]
pub(super) struct RecommendArgs {
    /// The answer file; `-` reads standard input (with `--input-format`).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RecommendFormat::Human)]
    format: RecommendFormat,
    /// Syntax of standard input, or of a file whose extension does not say.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
}

#[derive(Debug, Args)]
pub(super) struct SchemaArgs {
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The JSON Schema dialect: `2020-12` (the canonical schema, for form tools and validators)
    /// or `07` (for the YAML language server in VS Code and other editors).
    #[arg(long, value_enum, default_value_t = Dialect::Draft2020)]
    draft: Dialect,
}

/// JSON Schema dialects `mma schema` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Dialect {
    /// Draft 2020-12.
    #[value(name = "2020-12")]
    Draft2020,
    /// Draft-07.
    #[value(name = "07")]
    Draft07,
}

#[derive(Debug, Args)]
pub(super) struct ConvertArgs {
    /// The answer file; `-` reads standard input (with `--input-format`).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    to: InputFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Syntax of standard input, or of a file whose extension does not say.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
}

/// One answer file read into memory.
pub(super) struct Input {
    /// The name diagnostics use.
    pub name: String,
    pub format: Format,
    pub text: String,
}

/// Reads `path` (`-` for stdin), choosing the format from `--input-format` or the extension.
pub(super) fn read_input(path: &Path, forced: Option<InputFormat>) -> Result<Input, Failure> {
    if path.as_os_str() == "-" {
        let Some(format) = forced else {
            return Err(Failure::usage(
                "reading standard input needs `--input-format yaml|json|toml`",
            ));
        };
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::usage(format!("cannot read standard input: {e}")))?;
        return Ok(Input {
            name: "<stdin>".to_owned(),
            format: format.into(),
            text,
        });
    }
    let format = forced.map(Format::from).or_else(|| Format::from_path(path)).ok_or_else(|| {
        Failure::usage(format!(
            "{}: cannot tell the format from the extension; use .yaml, .yml, .json or .toml, or `--input-format`",
            path.display()
        ))
    })?;
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::usage(format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    // A byte-order mark is not part of the document.
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    Ok(Input {
        name: path.display().to_string(),
        format,
        text,
    })
}

/// The answer files under `dir`, recursively, by extension, in name order; hidden entries are
/// skipped.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Failure::usage(format!("cannot read directory {}: {e}", dir.display())))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if Format::from_path(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
}

/// The result of validating a set of paths: what to print and the exit status.
#[derive(Debug)]
pub struct Validation {
    /// The output (stdout).
    pub output: String,
    /// Problems reading files (stderr).
    pub errors: Vec<String>,
    /// Exit status: 0 valid, 1 invalid, 2 usage or IO.
    pub code: u8,
}

/// Validates `paths` (files, directories, `-`) and renders the run in `format`.
#[must_use]
pub fn validate_paths(
    paths: &[PathBuf],
    format: ValidateFormat,
    input_format: Option<InputFormat>,
    deny_warnings: bool,
    colour: bool,
) -> Validation {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            if let Err(e) = walk(path, &mut files) {
                errors.push(e.message);
            }
        } else {
            files.push(path.clone());
        }
    }
    let mut output = String::new();
    let mut json_files = Vec::new();
    let (mut valid, mut invalid, mut n_errors, mut n_warnings) = (0usize, 0usize, 0usize, 0usize);
    for path in &files {
        let input = match read_input(path, input_format) {
            Ok(input) => input,
            Err(e) => {
                errors.push(e.message);
                continue;
            }
        };
        let report = answers::check(&input.text, input.format);
        let e = report.count(Severity::Error);
        let w = report.count(Severity::Warning);
        n_errors += e;
        n_warnings += w;
        if e > 0 || (deny_warnings && w > 0) {
            invalid += 1;
        } else {
            valid += 1;
        }
        match format {
            ValidateFormat::Human => {
                for d in &report.diagnostics {
                    output.push_str(&render::human(&input.name, d, colour));
                }
            }
            ValidateFormat::Github => {
                for d in &report.diagnostics {
                    output.push_str(&render::github(&input.name, d));
                }
            }
            ValidateFormat::Json => {
                json_files.push(render::json_file(&input.name, input.format.name(), &report));
            }
        }
    }
    let code = if !errors.is_empty() {
        EXIT_USAGE
    } else if invalid > 0 {
        EXIT_INVALID
    } else {
        EXIT_OK
    };
    match format {
        ValidateFormat::Human => {
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            let unreadable = if errors.is_empty() {
                String::new()
            } else {
                format!(", {} unreadable", errors.len())
            };
            output.push_str(&format!(
                "{}: {valid} valid, {invalid} invalid{unreadable} ({}, {})\n",
                plural(valid + invalid + errors.len(), "file"),
                plural(n_errors, "error"),
                plural(n_warnings, "warning"),
            ));
        }
        ValidateFormat::Github => {}
        ValidateFormat::Json => {
            let doc = json!({
                "format_version": 1,
                "valid": code == EXIT_OK,
                "summary": {
                    "files": files.len(),
                    "valid": valid,
                    "invalid": invalid,
                    "errors": n_errors,
                    "warnings": n_warnings,
                    "unreadable": errors.len(),
                },
                "files": json_files,
            });
            output = serde_json::to_string_pretty(&doc).unwrap_or_default();
            output.push('\n');
        }
    }
    Validation {
        output,
        errors,
        code,
    }
}

/// Whether to colour standard output: a terminal, and `NO_COLOR` unset.
fn colour_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Whether to colour standard error.
pub(super) fn colour_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

pub(super) fn validate(args: ValidateArgs) -> Result<u8, Failure> {
    let v = validate_paths(
        &args.paths,
        args.format,
        args.input_format,
        args.deny_warnings,
        args.format == ValidateFormat::Human && colour_stdout(),
    );
    print_stdout(&v.output)?;
    for e in &v.errors {
        eprintln!("mma: error: {e}");
    }
    Ok(v.code)
}

/// Reads and checks one answer file; its diagnostics go to stderr. `None` when it is invalid.
pub(super) fn load_answers(
    path: &Path,
    forced: Option<InputFormat>,
) -> Result<(answers::Answers, Input), Failure> {
    let input = read_input(path, forced)?;
    let report: Report = answers::check(&input.text, input.format);
    let colour = colour_stderr();
    let mut text = String::new();
    for d in &report.diagnostics {
        text.push_str(&render::human(&input.name, d, colour));
    }
    eprint!("{text}");
    match report.answers {
        Some(a) => Ok((a, input)),
        None => Err(Failure {
            code: EXIT_INVALID,
            message: format!(
                "{} is not a valid answer file ({} errors)",
                input.name,
                report.count(Severity::Error)
            ),
        }),
    }
}

pub(super) fn recommend(args: RecommendArgs) -> Result<u8, Failure> {
    let (answers, _) = load_answers(&args.file, args.input_format)?;
    let r = recommend::recommend(&answers);
    let text = match args.format {
        RecommendFormat::Human => r.to_text(),
        RecommendFormat::Json => r.to_json(),
        RecommendFormat::Markdown => r.to_markdown(),
    };
    print_stdout(&text)?;
    Ok(EXIT_OK)
}

pub(super) fn schema(args: SchemaArgs) -> Result<u8, Failure> {
    let text = match args.draft {
        Dialect::Draft2020 => answers::schema::schema_text(),
        Dialect::Draft07 => answers::schema::draft07_text(),
    };
    match args.output {
        Some(path) => write_atomic(&path, text.as_bytes())?,
        None => print_stdout(&text)?,
    }
    Ok(EXIT_OK)
}

pub(super) fn convert(args: ConvertArgs) -> Result<u8, Failure> {
    let (answers, _) = load_answers(&args.file, args.input_format)?;
    let text = match args.to {
        InputFormat::Yaml => answers::write::to_yaml(&answers, None),
        InputFormat::Json => answers::write::to_json(&answers),
        InputFormat::Toml => answers::write::to_toml(&answers),
    };
    match args.output {
        Some(path) => write_atomic(&path, text.as_bytes())?,
        None => print_stdout(&text)?,
    }
    Ok(EXIT_OK)
}
