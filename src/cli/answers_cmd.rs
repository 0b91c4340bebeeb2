//! `mma validate`, `mma recommend` and `mma schema`: answer files on the command line.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde_json::json;

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE, Failure, print_stdout, write_atomic};
use crate::answers::{self, Format, Location, Report, render};
use crate::recommend;
use crate::table::diagnostic::Severity;
use crate::text::Kind;

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
    /// `-` reads standard input (its format from `--input-format` or its content).
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
    /// The answer file; `-` reads standard input (its format from `--input-format` or its content).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RecommendFormat::Human)]
    format: RecommendFormat,
    /// A directory of templates that replace the built-ins of the same name.
    #[arg(long, value_name = "DIR", long_help = crate::render::templates_help())]
    templates: Option<PathBuf>,
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
    /// The answer file; `-` reads standard input (its format from `--input-format` or its content).
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

/// Why an answer file could not be checked.
pub(super) enum Unread {
    /// Usage or IO (exit 2).
    Failure(Failure),
    /// Its bytes are not text mma reads, or it is too large (exit 1): a report to show.
    Refused {
        /// The name diagnostics use.
        name: String,
        format: Format,
        report: Box<Report>,
    },
}

impl From<Failure> for Unread {
    fn from(f: Failure) -> Self {
        Self::Failure(f)
    }
}

/// Reads `path` (`-` for stdin), choosing the format from `--input-format`, the extension or,
/// when neither says, the content ([`Format::from_content`]). A file over [`answers::MAX_BYTES`]
/// is refused before it is read; text is decoded by [`crate::text::decode`] (UTF-8, or UTF-16
/// with a byte-order mark).
pub(super) fn read_input(path: &Path, forced: Option<InputFormat>) -> Result<Input, Unread> {
    let stdin = path.as_os_str() == "-";
    let known = forced
        .map(Format::from)
        .or_else(|| if stdin { None } else { Format::from_path(path) });
    let (name, reader): (String, Box<dyn std::io::Read>) = if stdin {
        ("<stdin>".to_owned(), Box::new(std::io::stdin().lock()))
    } else {
        let name = path.display().to_string();
        let file = std::fs::File::open(path)
            .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
        (name, Box::new(file))
    };
    let mut bytes = Vec::new();
    reader
        .take(answers::MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
    let format = match known.or_else(|| sniff(&bytes)) {
        Some(format) => format,
        None if stdin => {
            return Err(Failure::usage(
                "cannot tell the format of standard input from its content; use `--input-format yaml|json|toml`",
            )
            .into());
        }
        None => {
            return Err(Failure::usage(format!(
                "{}: cannot tell the format from the extension or the content; use .yaml, .yml, .json or .toml, or `--input-format`",
                name
            ))
            .into());
        }
    };
    let refused = |name: String, location: Location, code, message: String| Unread::Refused {
        name,
        format,
        report: Box::new(Report::refused(location, code, message)),
    };
    if bytes.len() as u64 > answers::MAX_BYTES {
        return Err(refused(
            name,
            Location { line: 1, column: 1 },
            answers::check::Code::TooLarge,
            format!(
                "larger than {} MB, the most an answer file may be (a real one is a few kilobytes); not read",
                answers::MAX_BYTES / 1_000_000
            ),
        ));
    }
    match crate::text::decode(bytes, Kind::Text) {
        Ok(text) => Ok(Input { name, format, text }),
        Err(e) => Err(refused(
            name,
            Location {
                line: u32::try_from(e.line).unwrap_or(u32::MAX),
                column: u32::try_from(e.column).unwrap_or(u32::MAX),
            },
            answers::check::Code::Encoding,
            e.message,
        )),
    }
}

/// The format the content of an answer file says ([`Format::from_content`]), read from its
/// first 64 KB.
fn sniff(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    match crate::text::decode(head.to_vec(), Kind::Text) {
        Ok(text) => Format::from_content(&text),
        Err(_) => Format::from_content(&String::from_utf8_lossy(head)),
    }
}

/// How many directories deep `mma validate DIR` searches.
const MAX_WALK_DEPTH: usize = 128;

/// What a directory search found: answer files in name order, entries that could not be read
/// (errors) and entries skipped (warnings), each naming its path.
#[derive(Debug, Default)]
pub(super) struct Walk {
    pub files: Vec<PathBuf>,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    /// Directories searched, by device and inode, so a symlink loop is searched once.
    seen: std::collections::HashSet<(u64, u64)>,
}

/// The device and inode of a directory, where the platform has them.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// What a file that is neither a regular file nor a directory is.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// Searches `dir` for files whose extension names an answer format (`is_wanted`), recursively,
/// in name order; hidden entries are skipped. An entry that cannot be read is an error and the
/// search goes on; a symlink loop, a directory too deep and anything but a regular file (a FIFO
/// named `x.yaml` would block reading) are warnings.
pub(super) fn walk(dir: &Path, is_wanted: &dyn Fn(&Path) -> bool, depth: usize, w: &mut Walk) {
    if depth > MAX_WALK_DEPTH {
        w.warnings.push(format!(
            "{}: more than {MAX_WALK_DEPTH} directories deep; not searched",
            dir.display()
        ));
        return;
    }
    match std::fs::metadata(dir) {
        Ok(meta) => {
            if let Some(id) = identity(&meta)
                && !w.seen.insert(id)
            {
                w.warnings.push(format!(
                    "{}: a directory already searched (a symbolic link loop or a second link to it); skipped",
                    dir.display()
                ));
                return;
            }
        }
        Err(e) => {
            w.errors
                .push(format!("cannot read directory {}: {e}", dir.display()));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            w.errors
                .push(format!("cannot read directory {}: {e}", dir.display()));
            return;
        }
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(e) => w
                .errors
                .push(format!("cannot read an entry of {}: {e}", dir.display())),
        }
    }
    paths.retain(|p| {
        !p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
    });
    paths.sort();
    for path in paths {
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, is_wanted, depth + 1, w),
            Ok(meta) if meta.is_file() => {
                if is_wanted(&path) {
                    w.files.push(path);
                }
            }
            Ok(meta) => {
                if is_wanted(&path) {
                    w.warnings
                        .push(format!("{}: {}; skipped", path.display(), kind_of(&meta)));
                }
            }
            Err(e) => {
                if is_wanted(&path) {
                    w.errors
                        .push(format!("cannot read {}: {e}", path.display()));
                } else {
                    w.warnings.push(format!(
                        "cannot tell what {} is: {e}; skipped",
                        path.display()
                    ));
                }
            }
        }
    }
}

/// The result of validating a set of paths: what to print and the exit status.
#[derive(Debug)]
pub struct Validation {
    /// The output (stdout).
    pub output: String,
    /// Problems reading files and directories (stderr).
    pub errors: Vec<String>,
    /// Entries of directories that were skipped, and why (stderr).
    pub warnings: Vec<String>,
    /// Exit status: 0 valid, 1 invalid, 2 usage or IO.
    pub code: u8,
}

/// The counts of one validation run.
#[derive(Debug)]
struct Tally {
    files: usize,
    valid: usize,
    invalid: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
}

impl Tally {
    /// The human summary line: `3 files: 2 valid, 1 invalid (1 error, 0 warnings)`.
    fn summary(&self) -> String {
        let unreadable = if self.unreadable == 0 {
            String::new()
        } else {
            format!(", {} unreadable", self.unreadable)
        };
        format!(
            "{}: {} valid, {} invalid{unreadable} ({}, {})\n",
            plural(self.valid + self.invalid + self.unreadable, "file"),
            self.valid,
            self.invalid,
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
        )
    }

    /// The JSON document of the run, holding each file's report.
    fn json(&self, valid: bool, files: Vec<serde_json::Value>) -> String {
        let doc = json!({
            "format_version": 1,
            "valid": valid,
            "summary": {
                "files": self.files,
                "valid": self.valid,
                "invalid": self.invalid,
                "errors": self.errors,
                "warnings": self.warnings,
                "unreadable": self.unreadable,
            },
            "files": files,
        });
        crate::text::pretty_json(&doc)
    }
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
    let mut w = Walk::default();
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            walk(path, &|p| Format::from_path(p).is_some(), 0, &mut w);
        } else {
            w.files.push(path.clone());
        }
    }
    let Walk {
        files,
        mut errors,
        warnings,
        ..
    } = w;
    let mut output = String::new();
    let mut json_files = Vec::new();
    let (mut valid, mut invalid, mut n_errors, mut n_warnings) = (0usize, 0usize, 0usize, 0usize);
    for path in &files {
        let (name, file_format, report) = match read_input(path, input_format) {
            Ok(input) => {
                let report = answers::check(&input.text, input.format);
                (input.name, input.format, report)
            }
            Err(Unread::Refused {
                name,
                format: f,
                report,
            }) => (name, f, *report),
            Err(Unread::Failure(e)) => {
                errors.push(e.message);
                continue;
            }
        };
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
                    output.push_str(&d.human(&name, colour));
                }
            }
            ValidateFormat::Github => {
                for d in &report.diagnostics {
                    output.push_str(&d.github(&name, render::GITHUB_TITLE));
                }
            }
            ValidateFormat::Json => {
                json_files.push(render::json_file(&name, file_format.name(), &report));
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
    let tally = Tally {
        files: files.len(),
        valid,
        invalid,
        unreadable: errors.len(),
        errors: n_errors,
        warnings: n_warnings,
    };
    match format {
        ValidateFormat::Human => output.push_str(&tally.summary()),
        ValidateFormat::Github => {}
        ValidateFormat::Json => output = tally.json(code == EXIT_OK, json_files),
    }
    Validation {
        output,
        errors,
        warnings,
        code,
    }
}

pub(super) fn validate(args: ValidateArgs) -> Result<u8, Failure> {
    let v = validate_paths(
        &args.paths,
        args.format,
        args.input_format,
        args.deny_warnings,
        args.format == ValidateFormat::Human && super::colour_stdout(),
    );
    print_stdout(&v.output)?;
    for w in &v.warnings {
        super::warning(w);
    }
    for e in &v.errors {
        super::error(e);
    }
    Ok(v.code)
}

/// Reads and checks one answer file; its diagnostics go to stderr. An invalid file (or one that
/// is not text, or too large) is exit 1.
pub(super) fn load_answers(
    path: &Path,
    forced: Option<InputFormat>,
) -> Result<(answers::Answers, Input), Failure> {
    let (input, report) = match read_input(path, forced) {
        Ok(input) => {
            let report = answers::check(&input.text, input.format);
            (input, report)
        }
        Err(Unread::Failure(f)) => return Err(f),
        Err(Unread::Refused {
            name,
            format,
            report,
        }) => (
            Input {
                name,
                format,
                text: String::new(),
            },
            *report,
        ),
    };
    let colour = super::colour_stderr();
    let mut text = String::new();
    for d in &report.diagnostics {
        text.push_str(&d.human(&input.name, colour));
    }
    eprint!("{text}");
    match report.answers {
        Some(a) => Ok((a, input)),
        None => Err(Failure {
            code: EXIT_INVALID,
            message: format!(
                "{} is not a valid answer file ({})",
                input.name,
                plural(report.count(Severity::Error), "error")
            ),
        }),
    }
}

pub(super) fn recommend(args: RecommendArgs) -> Result<u8, Failure> {
    let templates = super::runbook_cmd::templates(args.templates.as_deref())?;
    let (answers, _) = load_answers(&args.file, args.input_format)?;
    let r = recommend::recommend(&answers);
    let document = |format| {
        r.render(&templates, format)
            .map_err(|e| super::runbook_cmd::template_failure(&e))
    };
    let text = match args.format {
        RecommendFormat::Human => document(recommend::Format::Text)?,
        RecommendFormat::Markdown => document(recommend::Format::Markdown)?,
        RecommendFormat::Json => r
            .to_json()
            .map_err(|e| Failure::usage(format!("cannot write the recommendation as JSON: {e}")))?,
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
    }
    .map_err(|e| Failure::usage(format!("cannot serialise the answers: {e}")))?;
    match args.output {
        Some(path) => write_atomic(&path, text.as_bytes())?,
        None => print_stdout(&text)?,
    }
    Ok(EXIT_OK)
}

/// `n` and the word, plural unless `n` is 1: "1 error", "2 errors".
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
