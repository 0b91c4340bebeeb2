//! The command layer: parses arguments, reads and writes files, prints results, maps outcomes to
//! exit codes. The only module that does IO; everything it calls is pure.

pub mod answers_cmd;
mod completions;
mod init;
mod out_dir;
mod plan_cmd;
mod progress;
mod runbook_cmd;
mod status_cmd;
mod table_cmd;

use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Severity;

use crate::text::Kind;

/// The exit statuses of `mma`, each with the meaning the README's exit-code table gives it (a
/// test compares the two).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// The input was read and has problems (invalid table, failed check).
    Invalid = 1,
    /// Usage error, or a file could not be read or written.
    Usage = 2,
}

impl Exit {
    /// Every exit status, in numeric order.
    pub const ALL: [Self; 3] = [Self::Ok, Self::Invalid, Self::Usage];

    /// The number the process exits with.
    #[must_use]
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// What the status means, as the README's exit-code table says it.
    #[must_use]
    pub const fn meaning(self) -> &'static str {
        match self {
            Self::Ok => {
                "success; every file is valid (warnings allowed unless `--deny-warnings`), the table is clean"
            }
            Self::Invalid => {
                "the input was read and has problems (diagnostics on stdout for `validate` and `table check`, whose report they are; on stderr for the other commands)"
            }
            Self::Usage => {
                "usage error, or a file could not be read or written (message on stderr)"
            }
        }
    }
}

/// Exit status: success.
pub const EXIT_OK: u8 = Exit::Ok.code();
/// Exit status: the input was read and has problems (invalid table, failed check).
pub const EXIT_INVALID: u8 = Exit::Invalid.code();
/// Exit status: usage error, or a file could not be read or written.
pub const EXIT_USAGE: u8 = Exit::Usage.code();

/// mma, the mail migration advisor: from a description of the source mail system to a verified
/// Exchange Online migration path.
#[derive(Debug, Parser)]
#[command(name = "mma", version, about, long_about = None)]
struct Cli {
    /// When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR`
    /// is set; `CLICOLOR_FORCE` forces colour).
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto"
    )]
    color: ColorWhen,
    /// Print only what the command produces, errors and diagnostics: no summaries, no
    /// `wrote …` lines, no progress display. Exit statuses are unchanged.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// When `mma` colours what it prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is.
    #[default]
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    /// The `--color` of raw arguments (the last one given before `--`), read before clap
    /// parses them so its own help and errors follow it; `auto` when absent or not a value.
    fn from_args(args: &[OsString]) -> Self {
        let mut choice = Self::Auto;
        let mut args = args.iter().skip(1).map(|a| a.to_str().unwrap_or_default());
        while let Some(arg) = args.next() {
            let value = match arg {
                "--" => break,
                "--color" => args.next().unwrap_or_default(),
                _ => match arg.strip_prefix("--color=") {
                    Some(value) => value,
                    None => continue,
                },
            };
            if let Ok(parsed) = Self::from_str(value, false) {
                choice = parsed;
            }
        }
        choice
    }

    /// Makes this choice the one of every coloured stream of the process (anstream's, which
    /// clap's help and errors and [`colour_stdout`] read).
    fn apply(self) {
        match self {
            Self::Auto => anstream::ColorChoice::Auto,
            Self::Always => anstream::ColorChoice::Always,
            Self::Never => anstream::ColorChoice::Never,
        }
        .write_global();
    }
}

/// The global options of the invocation, set once it is parsed.
#[derive(Clone, Copy, Debug, Default)]
struct Ui {
    quiet: bool,
}

static UI: OnceLock<Ui> = OnceLock::new();

#[derive(Debug, Subcommand)]
enum Command {
    /// Ask the questions one at a time and write an answer file.
    Init(init::InitArgs),
    /// Check answer files (for CI): every problem in every file, located. Exit 0 when all are
    /// valid, 1 when any is invalid, 2 on usage or IO errors.
    Validate(answers_cmd::ValidateArgs),
    /// The migration path for an answer file: the rule that chose it, why, the alternatives and
    /// the warnings.
    Recommend(answers_cmd::RecommendArgs),
    /// Plan batches from an inventory and permission exports: batch CSVs for Exchange Online,
    /// plan.json, plan.md, broken-links.csv and the runbook documents (runbook.md, runbook.html,
    /// commands.ps1, communications.md).
    Plan(Box<plan_cmd::PlanArgs>),
    /// Render the runbook (Markdown, HTML, PowerShell or user communications) for an answer
    /// file, with per-batch sections when given a plan.
    Runbook(Box<runbook_cmd::RunbookArgs>),
    /// Where a running migration stands against its plan, from Exchange Online's exports. Exit
    /// 0 when nothing needs attention, 1 when something does, 2 on usage or IO errors.
    Status(Box<status_cmd::StatusArgs>),
    /// Work with the runbook templates.
    #[command(subcommand)]
    Templates(runbook_cmd::TemplatesCommand),
    /// Convert an answer file between YAML, JSON and TOML (it is validated first).
    Convert(answers_cmd::ConvertArgs),
    /// Print the answers JSON Schema (draft 2020-12, or draft-07 for editors).
    Schema(answers_cmd::SchemaArgs),
    /// Verify, print or evaluate a decision table.
    #[command(subcommand)]
    Table(table_cmd::TableCommand),
    /// Print the shell completion script for bash, zsh, fish, PowerShell or elvish.
    Completions(completions::CompletionsArgs),
    /// Print the man page `mma.1`, or write it and one page per subcommand into a directory.
    Man(completions::ManArgs),
}

/// An error that stops a command, with the exit status it maps to.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    /// Exit status.
    pub code: u8,
    /// Message for stderr.
    pub message: String,
}

impl Failure {
    /// A usage or IO error (exit 2).
    #[must_use]
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: EXIT_USAGE,
            message: message.into(),
        }
    }
}

/// Runs `mma` with the process arguments.
#[must_use]
pub fn run() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    ColorWhen::from_args(&args).apply();
    let mut cmd = Cli::command();
    let parsed = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with status 0, usage errors with status 2.
            let e = e.format(&mut cmd);
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE));
        }
    };
    cli.color.apply();
    let _ = UI.set(Ui { quiet: cli.quiet });
    let result = dispatch(cli.command);
    progress::clear();
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!(
                "mma: {}: {}",
                Severity::Error.label(colour_stderr()),
                crate::text::printable_lines(&failure.message)
            );
            ExitCode::from(failure.code)
        }
    }
}

/// Runs one command.
fn dispatch(command: Command) -> Result<u8, Failure> {
    match command {
        Command::Init(args) => init::run(args),
        Command::Validate(args) => answers_cmd::validate(args),
        Command::Recommend(args) => answers_cmd::recommend(args),
        Command::Schema(args) => answers_cmd::schema(args),
        Command::Convert(args) => answers_cmd::convert(args),
        Command::Plan(args) => plan_cmd::run(*args),
        Command::Runbook(args) => runbook_cmd::run(*args),
        Command::Status(args) => status_cmd::run(*args),
        Command::Templates(cmd) => runbook_cmd::templates_cmd(cmd),
        Command::Table(cmd) => table_cmd::run(cmd),
        Command::Completions(args) => completions::completions(&args),
        Command::Man(args) => completions::man(&args),
    }
}

/// Whether to colour standard output: as `--color` says; with `auto`, only a terminal, and as
/// anstream reads the environment (`NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`, `TERM=dumb`, …).
pub(crate) fn colour_stdout() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// Whether to colour standard error, by the same rules.
pub(crate) fn colour_stderr() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// Whether `--quiet` was given: no summaries, no `wrote …` lines, no progress display.
pub(crate) fn quiet() -> bool {
    UI.get().is_some_and(|ui| ui.quiet)
}

/// Prints an informational line (a summary, `wrote …`) to stderr, unless `--quiet`.
pub(crate) fn inform(text: &str) {
    if !quiet() {
        progress::suspend(|| eprint!("{text}"));
    }
}

/// Prints informational text that goes to stdout (`templates export`'s `wrote …`), unless
/// `--quiet`.
pub(crate) fn inform_stdout(text: &str) -> Result<(), Failure> {
    if quiet() { Ok(()) } else { print_stdout(text) }
}

/// Prints `mma: warning: MESSAGE` to stderr (also with `--quiet`), the label coloured as
/// `--color` says and the message made printable.
pub(crate) fn warning(message: &str) {
    report(Severity::Warning, message);
}

/// Prints `mma: error: MESSAGE` to stderr, as [`warning`] does.
pub(crate) fn error(message: &str) {
    report(Severity::Error, message);
}

fn report(severity: Severity, message: &str) {
    let label = severity.label(colour_stderr());
    let message = crate::text::printable(message);
    progress::suspend(|| eprintln!("mma: {label}: {message}"));
}

/// A located problem in an input file (`FILE:LINE: error: …`), its place and label coloured
/// as `--color` says.
pub(crate) fn input_error(e: &crate::plan::InputError) -> String {
    if !colour_stderr() {
        return e.to_string();
    }
    let place = if e.line > 0 {
        format!("{}:{}", e.file, e.line)
    } else {
        e.file.clone()
    };
    let bold = anstyle::Style::new().bold();
    let column = e
        .column
        .as_ref()
        .map_or(String::new(), |c| format!("column `{c}`: "));
    format!(
        "{}{place}{}: {}: {column}{}",
        bold.render(),
        bold.render_reset(),
        Severity::Error.label(true),
        e.message
    )
}

/// Writes to stdout (with the progress display erased meanwhile, should both be one
/// terminal); a closed pipe (`mma … | head`) is not an error.
pub(crate) fn print_stdout(text: &str) -> Result<(), Failure> {
    let written = progress::suspend(|| {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|()| out.flush())
    });
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::usage(format!("cannot write to stdout: {e}"))),
    }
}

/// Reads a text file (UTF-8, or UTF-16 with a byte-order mark; see [`crate::text::decode`]),
/// naming it in errors: one that cannot be read is exit 2, one that is not text exit 1 with
/// `FILE:LINE:COLUMN` of the first bad byte. A `.csv` file's hint names `Export-Csv`. A file
/// larger than `most` bytes is exit 1, read no further than that: `what` it is, in the message,
/// may not be larger.
pub(crate) fn read_text(path: &Path, (most, what): (u64, &str)) -> Result<String, Failure> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| Failure::usage(format!("cannot read {}: {e}", path.display()));
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(most + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > most {
        return Err(Failure {
            code: EXIT_INVALID,
            message: format!(
                "{}: larger than {} MB, the most {what} may be; not read",
                path.display(),
                most / 1_000_000
            ),
        });
    }
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let kind = if csv { Kind::Csv } else { Kind::Text };
    decode_named(&path.display().to_string(), bytes, kind)
}

/// Decodes the bytes of the file `name`; text that cannot be decoded is exit 1, located.
pub(crate) fn decode_named(name: &str, bytes: Vec<u8>, kind: Kind) -> Result<String, Failure> {
    crate::text::decode(bytes, kind).map_err(|e| Failure {
        code: EXIT_INVALID,
        message: format!("{name}:{e}"),
    })
}

/// Writes `contents` to `path` through a temporary file created exclusively, under an
/// unpredictable name, in the same directory, synced and then renamed over `path`: the file is
/// either complete or untouched. A file replaced keeps its permissions; a new one gets the
/// usual ones (`0666` less the umask), not a temporary file's `0600`.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let error =
        |e: &dyn std::fmt::Display| Failure::usage(format!("cannot write {}: {e}", path.display()));
    if path.is_dir() {
        return Err(error(&"it is a directory"));
    }
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| error(&e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| error(&e))?;
    }
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| error(&e))?;
    // On an error the temporary file is removed when `tmp` drops.
    tmp.persist(path).map_err(|e| error(&e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{ColorWhen, Exit};

    fn colour_of(args: &[&str]) -> ColorWhen {
        let args: Vec<std::ffi::OsString> = std::iter::once("mma")
            .chain(args.iter().copied())
            .map(Into::into)
            .collect();
        ColorWhen::from_args(&args)
    }

    #[test]
    fn the_color_flag_is_read_before_clap_parses() {
        assert_eq!(colour_of(&["plan"]), ColorWhen::Auto);
        assert_eq!(colour_of(&["--color", "always", "plan"]), ColorWhen::Always);
        assert_eq!(colour_of(&["plan", "--color=never"]), ColorWhen::Never);
        assert_eq!(
            colour_of(&["--color=never", "plan", "--color", "always"]),
            ColorWhen::Always
        );
        // A value clap will refuse, and anything after `--`, leave the choice alone.
        assert_eq!(colour_of(&["--color", "blue"]), ColorWhen::Auto);
        assert_eq!(
            colour_of(&["validate", "--", "--color=always"]),
            ColorWhen::Auto
        );
        assert_eq!(colour_of(&["--color"]), ColorWhen::Auto);
    }

    /// The rows of the README's `### Exit codes` table, as (code, meaning).
    fn readme_exit_codes() -> Vec<(u8, String)> {
        let readme = include_str!("../../README.md");
        let section = readme
            .split("### Exit codes")
            .nth(1)
            .expect("the README has an exit-code section");
        section
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2)
            .map(|row| {
                let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
                assert_eq!(cells.len(), 2, "README exit-code row `{row}`");
                (cells[0].parse().expect("a number"), cells[1].to_owned())
            })
            .collect()
    }

    #[test]
    fn the_readme_documents_every_exit_code() {
        let documented = readme_exit_codes();
        let defined: Vec<(u8, String)> = Exit::ALL
            .iter()
            .map(|e| (e.code(), e.meaning().to_owned()))
            .collect();
        assert_eq!(documented, defined);
    }
}
