//! `mma plan`: reads the answers, the inventory and the permission exports (and, re-planning,
//! the previous `plan.json`), plans, and writes the batch CSVs, `plan.json`, `plan.md` (and
//! `changes.md`) and the runbooks into `--out` (see `out_dir`).

use std::path::PathBuf;

use clap::Args;

use super::answers_cmd::{InputFormat, load_answers};
use super::runbook_cmd::Documents;
use super::{EXIT_INVALID, EXIT_OK, Failure, out_dir, print_stdout};
use crate::answers::Answers;
use crate::plan::{self, Inventory, Options, Plan, Right};
use crate::recommend::Recommendation;
use crate::render::Templates;
use crate::runbook;

#[derive(Debug, Args)]
pub(super) struct PlanArgs {
    /// The answer file.
    #[arg(value_name = "ANSWERS")]
    answers: PathBuf,
    /// The mailbox inventory (CSV): our columns or a `Get-Mailbox`/`Get-MailboxStatistics` export.
    #[arg(long, value_name = "CSV")]
    inventory: PathBuf,
    /// A permission export (CSV); repeat for each file. Its kind is told by its header.
    #[arg(long = "permissions", value_name = "CSV")]
    permissions: Vec<PathBuf>,
    /// The output directory.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Replace an output directory that mma plan wrote before (it refuses one holding anything
    /// else).
    #[arg(long)]
    force: bool,
    /// Rights that keep two mailboxes in one batch (comma-separated): full-access, send-as,
    /// send-on-behalf, calendar, folder.
    #[arg(long, value_delimiter = ',', value_parser = parse_right, default_value = "full-access,send-as,send-on-behalf,calendar,folder")]
    link: Vec<Right>,
    /// An account linked with more mailboxes than this is a hub: its links do not group.
    #[arg(long, default_value_t = 50)]
    hub_threshold: usize,
    /// IMAP administrator login, for the admin-credential user-name forms.
    #[arg(long)]
    imap_admin: Option<String>,
    /// IMAP domain, for the Exchange `Domain/Admin/User` form.
    #[arg(long)]
    imap_domain: Option<String>,
    /// A directory of templates that replace the built-ins of the same name.
    #[arg(long, value_name = "DIR", long_help = crate::render::templates_help())]
    templates: Option<PathBuf>,
    /// Syntax of the answer file when its extension does not say.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Re-plan against this earlier plan (`OLD/plan.json`): every mailbox it placed keeps its
    /// batch, batches started before `--as-of` are frozen, new mailboxes join open batches or
    /// new ones after the last; `changes.md` and `plan.json`'s `changes` say what changed.
    #[arg(long, value_name = "PLAN.json", requires = "as_of")]
    previous: Option<PathBuf>,
    /// The day of re-planning (`YYYY-MM-DD`): batches of the previous plan starting before it
    /// (syncing, for remote moves, else migrating) are frozen. Needs `--previous`.
    #[arg(long, value_name = "DATE", requires = "previous", value_parser = parse_day)]
    as_of: Option<crate::answers::model::Date>,
}

fn parse_day(text: &str) -> Result<crate::answers::model::Date, String> {
    crate::answers::time::parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a date; expected `YYYY-MM-DD`"))
}

fn parse_right(text: &str) -> Result<Right, String> {
    Right::from_name(text).ok_or_else(|| {
        format!("unknown right `{text}`; expected full-access, send-as, send-on-behalf, calendar or folder")
    })
}

/// Opens an exported CSV file, to be read as its text ([`crate::text::Stream`]): UTF-8 with or
/// without a byte-order mark, or UTF-16 with one (what Windows PowerShell 5's `Export-Csv
/// -Encoding Unicode`, `Out-File` and `>` write); anything else is exit 1 with the line and
/// column of the first bad byte ([`unread`]).
fn open_csv(path: &std::path::Path) -> Result<super::progress::Counted, Failure> {
    super::progress::open(path).map_err(|e| unread(path, e.into()))
}

/// The failure for a file that could not be read, or is not text mma reads.
fn unread(path: &std::path::Path, e: crate::text::ReadError) -> Failure {
    match e {
        crate::text::ReadError::Io(e) => {
            Failure::usage(format!("cannot read {}: {e}", path.display()))
        }
        crate::text::ReadError::Decode(e) => Failure {
            code: EXIT_INVALID,
            message: format!("{}:{e}", path.display()),
        },
    }
}

/// Writes the plan directory `staged`: the batch CSVs, `plan.md` (each written as soon as it is
/// made), `plan.json` (straight to its file) and the runbook documents (each rendered straight
/// into its file), the documents made ready on a second thread meanwhile (they do not need the
/// others) and then rendered on both; and on a third thread the summary printed at the end
/// (`written`), which is returned.
fn write_outputs(
    staged: &out_dir::Staged,
    (plan, places): (&Plan, &plan::Places),
    (answers, recommendation): (&Answers, &Recommendation),
    inventory: &Inventory,
    (options, templates): (&Options, &Templates),
    written: plan::output::Written,
) -> Result<String, Failure> {
    let invalid = |e: plan::PlanError| Failure {
        code: EXIT_INVALID,
        message: format!("{e}; nothing was written"),
    };
    // The runbook's documents are made ready on a second thread while the plan's files are
    // written here; then both threads render what documents are left.
    let documents = std::sync::OnceLock::new();
    let (files, prepared, summary) = std::thread::scope(|scope| {
        let prepared = scope.spawn(|| {
            let view = runbook::view(answers, recommendation, Some(plan));
            if let Ok(ready) = documents.get_or_init(|| Documents::prepare(templates, &view)) {
                ready.write(staged);
            }
        });
        // The summary printed at the end, made while the files are written; an override of it
        // that fails leaves nothing written.
        let summary = scope.spawn(|| {
            plan::output::terminal_summary(plan, templates, written)
                .map_err(|e| super::runbook_cmd::template_failure(&e))
        });
        let files = plan::output::each_file(
            plan,
            (answers, inventory, Some(places)),
            options,
            templates,
            (&invalid, &mut |(name, bytes)| {
                super::progress::tick();
                staged.add(&name, &bytes)
            }),
        );
        // `plan.json` too while the runbook is made ready.
        let files = files.and_then(|()| {
            staged.add_with("plan.json", |out| plan::output::write_plan_json(plan, out))
        });
        if let Some(Ok(ready)) = documents.get() {
            ready.write(staged);
        }
        (files, prepared.join(), summary.join())
    });
    files?;
    let failed = || Failure::usage("rendering the runbook failed".to_owned());
    prepared.map_err(|_| failed())?;
    documents.into_inner().ok_or_else(failed)??.finish()?;
    summary.map_err(|_| failed())?
}

/// Reads the previous plan at `path` (`--previous`) as of `as_of`, before the inputs: its text
/// is freed before they are read.
fn read_previous(
    (path, as_of): (&std::path::Path, crate::answers::model::Date),
    (answers, recommendation): (&Answers, &Recommendation),
) -> Result<plan::previous::PreviousPlan, Failure> {
    let text = super::runbook_cmd::read_plan_text(path)?;
    plan::previous::parse(
        &path.display().to_string(),
        &text,
        (&answers.organization, recommendation.path),
        as_of,
    )
    .map_err(|message| Failure {
        code: EXIT_INVALID,
        message,
    })
}

/// Reads the inventory and the permission exports (see [`plan::load_each`]), printing every
/// error of every file.
fn load_inputs(
    inventory: &PathBuf,
    permissions: &[PathBuf],
) -> Result<(Inventory, Vec<plan::Export>), Failure> {
    let paths: Vec<&PathBuf> = std::iter::once(inventory).chain(permissions).collect();
    super::progress::expect_files(paths.iter().copied());
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    // Sizes order the work (largest first); a file that cannot be read fails in `open_csv`.
    let files: Vec<(&str, u64)> = names
        .iter()
        .zip(&paths)
        .map(|(name, path)| {
            (
                name.as_str(),
                std::fs::metadata(path).map_or(0, |m| m.len()),
            )
        })
        .collect();
    match plan::load_each(&files, |k| open_csv(paths[k]), |k, e| unread(paths[k], e))? {
        Ok(loaded) => Ok(loaded),
        Err(errors) => {
            for e in &errors {
                super::progress::suspend(|| eprintln!("{}", super::input_error(e)));
            }
            Err(Failure {
                code: EXIT_INVALID,
                message: format!(
                    "{} errors in the input files; nothing was written",
                    errors.len()
                ),
            })
        }
    }
}

pub(super) fn run(args: PlanArgs) -> Result<u8, Failure> {
    out_dir::precheck(&args.out, args.force)?;
    for (flag, value) in [
        ("--imap-admin", &args.imap_admin),
        ("--imap-domain", &args.imap_domain),
    ] {
        if let Some(problem) = value.as_deref().and_then(plan::cells::login_problem) {
            return Err(Failure::usage(format!("{flag}: {problem}")));
        }
    }
    let stage = |what: &str| super::progress::stage(&format!("mma plan: {what}"));
    let templates = super::runbook_cmd::templates(args.templates.as_deref())?;
    let (answers, _) = load_answers(&args.answers, args.input_format)?;
    let recommendation = crate::recommend::recommend(&answers);
    let previous = match (&args.previous, args.as_of) {
        (Some(path), Some(as_of)) => {
            Some(read_previous((path, as_of), (&answers, &recommendation))?)
        }
        _ => None,
    };
    stage("reading and checking the inventory and permission exports");
    let (mut inventory, exports) = load_inputs(&args.inventory, &args.permissions)?;
    let options = Options {
        links: args.link,
        hub_threshold: args.hub_threshold,
        imap_admin: args.imap_admin,
        imap_domain: args.imap_domain,
    };
    stage("planning");
    let invalid = |e: plan::PlanError| Failure {
        code: EXIT_INVALID,
        message: format!("{e}; nothing was written"),
    };
    let (plan, places) = plan::placed(
        &answers,
        &recommendation,
        &mut inventory,
        exports,
        &options,
        previous.as_ref(),
    )
    .map_err(invalid)?;
    super::progress::counting("mma plan: writing the plan and the runbook");
    let mut files: Vec<String> = super::runbook_cmd::document_names()
        .into_iter()
        .map(str::to_owned)
        .collect();
    files.extend(["plan.md", "plan.json", "broken-links.csv"].map(str::to_owned));
    if plan.changes.is_some() {
        files.push("changes.md".to_owned());
    }
    let written = plan::output::Written {
        dir: args.out.display().to_string(),
        files,
        batch_csvs: plan.batches.iter().filter(|b| b.file.is_some()).count(),
    };
    let staged = out_dir::stage(&args.out, args.force)?;
    let summary = write_outputs(
        &staged,
        (&plan, &places),
        (&answers, &recommendation),
        &inventory,
        (&options, &templates),
        written,
    )?;
    staged.finish()?;
    if super::quiet() {
        plan.warnings.iter().for_each(|w| super::warning(w));
    } else {
        print_stdout(&summary)?;
    }
    // The plan and the inventory, millions of strings at scale, go with the process: freeing
    // them one by one would add half a second to a plan of a million mailboxes.
    std::mem::forget((plan, inventory));
    Ok(EXIT_OK)
}
