//! The command layer: parses arguments, reads and writes files, prints results, maps outcomes to
//! exit codes. The only module that does IO; everything it calls is pure.

pub mod answers_cmd;
mod init;
mod out_dir;
mod plan_cmd;
mod runbook_cmd;
mod status_cmd;
mod table_cmd;

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
                "the input was read and has problems (diagnostics on stdout; for `recommend`, on stderr)"
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
    #[command(subcommand)]
    command: Command,
}

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
    /// plan.json and plan.md.
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with status 0, usage errors with status 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE));
        }
    };
    let result = match cli.command {
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
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!(
                "mma: error: {}",
                crate::text::printable_lines(&failure.message)
            );
            ExitCode::from(failure.code)
        }
    }
}

/// Whether to colour standard output: only a terminal, and as anstream reads the environment
/// (`NO_COLOR`, `CLICOLOR`, `TERM=dumb`, …).
pub(crate) fn colour_stdout() -> bool {
    let out = std::io::stdout();
    out.is_terminal() && anstream::AutoStream::choice(&out) != anstream::ColorChoice::Never
}

/// Whether to colour standard error, by the same rules.
pub(crate) fn colour_stderr() -> bool {
    let err = std::io::stderr();
    err.is_terminal() && anstream::AutoStream::choice(&err) != anstream::ColorChoice::Never
}

/// Writes to stdout; a closed pipe (`mma … | head`) is not an error.
pub(crate) fn print_stdout(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::usage(format!("cannot write to stdout: {e}"))),
    }
}

/// Reads a text file (UTF-8, or UTF-16 with a byte-order mark; see [`crate::text::decode`]),
/// naming it in errors: one that cannot be read is exit 2, one that is not text exit 1 with
/// `FILE:LINE:COLUMN` of the first bad byte. A `.csv` file's hint names `Export-Csv`.
pub(crate) fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
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
    use super::Exit;

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
