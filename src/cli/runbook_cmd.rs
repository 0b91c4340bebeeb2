//! `mma runbook` and `mma templates export`: render the runbook for an answer file (and plan),
//! and write the built-in templates out to start a custom set from; reading a `--templates`
//! directory for every command that renders documents.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::{Args, Subcommand, ValueEnum};

use super::answers_cmd::{InputFormat, load_answers};
use super::{EXIT_INVALID, EXIT_OK, Failure, print_stdout, read_text, write_atomic};
use crate::recommend;
use crate::render::{
    MAX_TEMPLATE_BYTES, Override, Prepared, RenderError, Template, ViewKind, templates_help,
};
use crate::runbook::{self, RunbookView, Templates};

/// Runbook output formats, each a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum RunbookFormat {
    /// Markdown.
    Markdown,
    /// One self-contained, printable HTML page.
    Html,
    /// The runbook's PowerShell as a script to review and run step by step.
    Powershell,
    /// The user-communication drafts.
    Communications,
}

#[derive(Debug, Args)]
pub(super) struct RunbookArgs {
    /// The answer file.
    #[arg(value_name = "ANSWERS")]
    answers: PathBuf,
    /// A plan written by `mma plan` (`DIR/plan.json`), for per-batch sections.
    #[arg(long, value_name = "PLAN_JSON")]
    plan: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RunbookFormat::Markdown)]
    format: RunbookFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// A directory of templates that replace the built-ins of the same name.
    #[arg(long, value_name = "DIR", long_help = templates_help())]
    templates: Option<PathBuf>,
    /// Syntax of the answer file when its extension does not say.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
}

impl RunbookFormat {
    const fn template(self) -> Template {
        match self {
            Self::Markdown => Template::RunbookMd,
            Self::Html => Template::RunbookHtml,
            Self::Powershell => Template::CommandsPs1,
            Self::Communications => Template::CommunicationsMd,
        }
    }
}

#[derive(Debug, Subcommand)]
pub(super) enum TemplatesCommand {
    /// Write the built-in templates into DIR, to start a custom set from.
    Export {
        /// The directory to write into.
        dir: PathBuf,
        /// Replace files that exist.
        #[arg(long)]
        force: bool,
    },
}

/// Reads `*.tera` overrides from `dir`: (template name, text), in name order. Each file is
/// decoded like every input (UTF-8, or UTF-16 with a byte-order mark); anything but a regular
/// file (a FIFO would block) is skipped with a warning; every entry that cannot be read is named
/// before the command fails (exit 2).
pub(super) fn read_overrides(dir: Option<&Path>) -> Result<Vec<Override>, Failure> {
    let Some(dir) = dir else {
        return Ok(Vec::new());
    };
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", dir.display())))?;
    let mut errors = Vec::new();
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(e) => errors.push(format!("cannot read an entry of {}: {e}", dir.display())),
        }
    }
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".tera"))
        else {
            continue;
        };
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => {
                match read_text(&path, (MAX_TEMPLATE_BYTES, "a template")) {
                    Ok(text) => out.push(Override {
                        name: name.to_owned(),
                        origin: path.display().to_string(),
                        text,
                    }),
                    Err(f) if f.code == EXIT_INVALID => return Err(f),
                    Err(f) => errors.push(f.message),
                }
            }
            Ok(_) => super::warning(&format!("{}: not a regular file; skipped", path.display())),
            Err(e) => errors.push(format!("cannot read {}: {e}", path.display())),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Failure::usage(errors.join("\n")))
    }
}

/// The templates, with any overrides; a template error is an input error (exit 1).
pub(super) fn templates(dir: Option<&Path>) -> Result<Templates, Failure> {
    let overrides = read_overrides(dir)?;
    Templates::with_overrides(&overrides).map_err(|e| template_failure(&e))
}

/// A template error is an input error (exit 1): the message names the template and the place.
pub(super) fn template_failure(e: &crate::render::TemplateError) -> Failure {
    Failure {
        code: EXIT_INVALID,
        message: e.to_string(),
    }
}

/// Renders `name` or fails with exit 1 naming the template.
pub(super) fn render(t: &Templates, name: &str, view: &RunbookView) -> Result<String, Failure> {
    t.render(name, view).map_err(|e| template_failure(&e))
}

/// The runbook documents `mma plan` writes (`runbook.md`, `runbook.html`, …), in the order of
/// the template list.
pub(super) fn document_names() -> Vec<&'static str> {
    Template::ALL
        .iter()
        .filter(|d| d.view() == ViewKind::Runbook)
        .map(|d| d.name())
        .collect()
}

/// The runbook documents of a plan, written into the plan directory by as many threads as call
/// [`Documents::write`]: each takes the next document no thread has taken, renders it straight
/// into its file, and goes on until none is left.
pub(super) struct Documents<'t> {
    templates: &'t Templates,
    prepared: Prepared<RunbookView>,
    names: Vec<&'static str>,
    /// How many documents threads have taken.
    taken: AtomicUsize,
    /// Each failed document's place in `names`, and why.
    failed: Mutex<Vec<(usize, Failure)>>,
}

impl<'t> Documents<'t> {
    /// The documents of `view`, its variables built once for all of them.
    ///
    /// # Errors
    /// A template that fails while they are built (`messages.txt`), located.
    pub(super) fn prepare(templates: &'t Templates, view: &RunbookView) -> Result<Self, Failure> {
        Ok(Self {
            templates,
            prepared: templates.prepare(view).map_err(|e| template_failure(&e))?,
            names: document_names(),
            taken: AtomicUsize::new(0),
            failed: Mutex::new(Vec::new()),
        })
    }

    /// Writes documents into `staged` until every one has been taken.
    pub(super) fn write(&self, staged: &super::out_dir::Staged) {
        loop {
            let at = self.taken.fetch_add(1, Ordering::Relaxed);
            let Some(&name) = self.names.get(at) else {
                break;
            };
            if let Err(e) = self.write_one(name, staged) {
                self.failed
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((at, e));
            }
        }
    }

    fn write_one(&self, name: &str, staged: &super::out_dir::Staged) -> Result<(), Failure> {
        let mut failed = None;
        let written = staged.add_with(name, |out| {
            self.templates
                .render_prepared(name, &self.prepared, out)
                .or_else(|e| match e {
                    RenderError::Write(e) => Err(e),
                    RenderError::Template(e) => {
                        failed = Some(e);
                        Ok(())
                    }
                })
        });
        match failed {
            Some(e) => Err(template_failure(&e)),
            None => written,
        }
    }

    /// Whether every document was written: if not, the failure of the first in the template
    /// list's order, whichever thread met it first.
    ///
    /// # Errors
    /// That failure.
    pub(super) fn finish(self) -> Result<(), Failure> {
        let failed = self
            .failed
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match failed.into_iter().min_by_key(|&(at, _)| at) {
            Some((_, e)) => Err(e),
            None => Ok(()),
        }
    }
}

/// Reads a `plan.json` strictly, refusing one larger than [`crate::plan::read::MAX_PLAN_BYTES`]
/// before reading it (a plan is held in memory about twice: its text and its values).
pub(super) fn read_plan(path: &Path) -> Result<crate::plan::Plan, Failure> {
    let text = read_plan_text(path)?;
    crate::plan::read::parse(&path.display().to_string(), &text).map_err(|message| Failure {
        code: EXIT_INVALID,
        message,
    })
}

/// The text of a `plan.json`, refused unread when larger than
/// [`crate::plan::read::MAX_PLAN_BYTES`].
pub(super) fn read_plan_text(path: &Path) -> Result<String, Failure> {
    use std::io::Read as _;
    let cap = crate::plan::read::MAX_PLAN_BYTES;
    let invalid = |message: String| Failure {
        code: EXIT_INVALID,
        message,
    };
    let too_large = || {
        invalid(format!(
            "{}: larger than 1 GiB, which no plan written by `mma plan` is; not read",
            path.display()
        ))
    };
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
    if file.metadata().is_ok_and(|m| m.len() > cap) {
        return Err(too_large());
    }
    // A device or a growing file has no size to trust: read at most one byte past the cap, and
    // stop at a NUL byte, which no JSON text holds (so `/dev/zero` fails at once).
    let mut bytes: Vec<u8> = Vec::new();
    let mut utf16 = None;
    let mut reader = file.take(cap + 1);
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = reader
            .read(&mut chunk)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
        if n == 0 {
            break;
        }
        // UTF-16 (with its byte-order mark, as Windows PowerShell 5 writes) holds NUL bytes.
        let is_utf16 = *utf16.get_or_insert_with(|| {
            chunk[..n].starts_with(&[0xFF, 0xFE]) || chunk[..n].starts_with(&[0xFE, 0xFF])
        });
        if let Some(at) = chunk[..n]
            .iter()
            .position(|&b| b == 0)
            .filter(|_| !is_utf16)
        {
            return Err(invalid(format!(
                "{}: a NUL byte at byte {}; a plan.json is UTF-8 JSON text",
                path.display(),
                bytes.len() + at + 1
            )));
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    if bytes.len() as u64 > cap {
        return Err(too_large());
    }
    super::decode_named(&path.display().to_string(), bytes, crate::text::Kind::Text)
}

pub(super) fn run(args: RunbookArgs) -> Result<u8, Failure> {
    let templates = templates(args.templates.as_deref())?;
    let (answers, _) = load_answers(&args.answers, args.input_format)?;
    let plan = match &args.plan {
        Some(path) => Some(read_plan(path)?),
        None => None,
    };
    let rec = recommend::recommend(&answers);
    if let Some(p) = &plan
        && p.path != rec.path
    {
        return Err(Failure {
            code: EXIT_INVALID,
            message: format!(
                "the plan is for `{}`, the answers for `{}`; plan again with these answers",
                p.path, rec.path
            ),
        });
    }
    let view = runbook::view(&answers, &rec, plan.as_ref());
    for m in &view.missing {
        super::warning(&format!("missing answer, shown as a placeholder: {m}"));
    }
    let text = render(&templates, args.format.template().name(), &view)?;
    match args.output {
        Some(path) => write_atomic(&path, text.as_bytes())?,
        None => print_stdout(&text)?,
    }
    Ok(EXIT_OK)
}

pub(super) fn templates_cmd(cmd: TemplatesCommand) -> Result<u8, Failure> {
    match cmd {
        TemplatesCommand::Export { dir, force } => {
            std::fs::create_dir_all(&dir)
                .map_err(|e| Failure::usage(format!("cannot create {}: {e}", dir.display())))?;
            for t in Template::ALL {
                let path = dir.join(format!("{}.tera", t.name()));
                if path.exists() && !force {
                    return Err(Failure::usage(format!(
                        "{} exists; pass --force to replace it",
                        path.display()
                    )));
                }
            }
            for t in Template::ALL {
                write_atomic(&dir.join(format!("{}.tera", t.name())), t.text().as_bytes())?;
            }
            super::inform_stdout(&format!(
                "wrote {} templates to {}; pass --templates {} to use them\n",
                Template::ALL.len(),
                dir.display(),
                dir.display()
            ))?;
            Ok(EXIT_OK)
        }
    }
}
