//! `mma plan`: reads the answers, the inventory and the permission exports, plans, and writes
//! the batch CSVs, `plan.json` and `plan.md` into a temporary directory renamed into `--out`.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::answers_cmd::{InputFormat, load_answers};
use super::{EXIT_INVALID, EXIT_OK, Failure, print_stdout, read_text};
use crate::plan::output::count;
use crate::plan::{self, Options, Right};
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
    /// Replace a non-empty output directory.
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
    /// A directory of templates (`runbook.md.tera`, …) that replace the built-ins of the same name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Syntax of the answer file when its extension does not say.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
}

fn parse_right(text: &str) -> Result<Right, String> {
    Right::from_name(text).ok_or_else(|| {
        format!("unknown right `{text}`; expected full-access, send-as, send-on-behalf, calendar or folder")
    })
}

/// Whether `dir` exists with something in it.
fn non_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}

/// Writes `files` under a fresh temporary directory beside `out`, then renames it into place
/// (replacing an old `out` only after the new one is complete).
fn write_tree(out: &Path, files: &[plan::output::File]) -> Result<(), Failure> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".to_owned());
    let io = |what: &str, path: &Path, e: std::io::Error| {
        Failure::usage(format!("cannot {what} {}: {e}", path.display()))
    };
    std::fs::create_dir_all(&parent).map_err(|e| io("create", &parent, e))?;
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = (|| {
        for (rel, bytes) in files {
            let path = tmp.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| io("create", dir, e))?;
            }
            std::fs::write(&path, bytes).map_err(|e| io("write", &path, e))?;
        }
        if out.exists() {
            let old = parent.join(format!(".{name}.old-{}", std::process::id()));
            std::fs::rename(out, &old).map_err(|e| io("replace", out, e))?;
            std::fs::rename(&tmp, out).map_err(|e| io("write", out, e))?;
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&tmp, out).map_err(|e| io("write", out, e))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

pub(super) fn run(args: PlanArgs) -> Result<u8, Failure> {
    if non_empty(&args.out) && !args.force {
        return Err(Failure::usage(format!(
            "{} is not empty; pass --force to replace it",
            args.out.display()
        )));
    }
    let progress = std::io::stderr().is_terminal();
    let stage = |what: &str| {
        if progress {
            eprintln!("mma plan: {what}…");
        }
    };
    let templates = super::runbook_cmd::templates(args.templates.as_deref())?;
    let (answers, _) = load_answers(&args.answers, args.input_format)?;
    stage("reading the inventory and permission exports");
    let inventory_name = args.inventory.display().to_string();
    let inventory_text = read_text(&args.inventory)?;
    let mut permission_texts = Vec::new();
    for path in &args.permissions {
        permission_texts.push((path.display().to_string(), read_text(path)?));
    }
    let (inventory, exports) =
        match plan::load((&inventory_name, &inventory_text), &permission_texts) {
            Ok(loaded) => loaded,
            Err(errors) => {
                for e in &errors {
                    eprintln!("{e}");
                }
                return Err(Failure {
                    code: EXIT_INVALID,
                    message: format!(
                        "{} errors in the input files; nothing was written",
                        errors.len()
                    ),
                });
            }
        };
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
    let plan = plan::plan(&answers, &inventory, &exports, &options).map_err(invalid)?;
    let mut files = plan::output::files(&plan, &answers, &inventory, &options).map_err(invalid)?;
    stage("rendering the runbook");
    let view = runbook::view(
        &answers,
        &crate::recommend::recommend(&answers),
        Some(&plan),
    );
    for name in [
        "runbook.md",
        "runbook.html",
        "commands.ps1",
        "communications.md",
    ] {
        let text = super::runbook_cmd::render(&templates, name, &view)?;
        files.push((name.to_owned(), text.into_bytes()));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    stage("writing");
    write_tree(&args.out, &files)?;
    let first = plan.batches.iter().find_map(|b| b.date.as_deref());
    let last = plan.batches.iter().rev().find_map(|b| b.date.as_deref());
    let when = match (first, last) {
        (Some(a), Some(b)) => format!("; from {a} to {b}"),
        _ => String::new(),
    };
    let csvs = plan.batches.iter().filter(|b| b.file.is_some()).count();
    let mut summary = format!(
        "{}: {} (rule {}{when}). {}. Wrote {}/: runbook.md, runbook.html, commands.ps1, communications.md, plan.md, plan.json and {}.\n",
        plan.organization,
        plan.path_title,
        plan.rule,
        plan::output::totals_sentence(&plan),
        args.out.display(),
        count(csvs, "batch CSV", "batch CSVs"),
    );
    for w in &plan.warnings {
        summary.push_str(&format!("warning: {w}\n"));
    }
    print_stdout(&summary)?;
    Ok(EXIT_OK)
}
