//! `mma status`: reads `plan.json` and the Exchange Online exports (`Get-MigrationUser`, and
//! optionally `Get-MigrationBatch` and `Get-MigrationUserStatistics`), reconciles them
//! (`crate::status`), and prints or writes the report; exit 1 when something needs attention.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::runbook_cmd::{read_plan, template_failure, templates};
use super::{EXIT_INVALID, EXIT_OK, Failure, print_stdout, write_atomic};
use crate::plan::InputError;
use crate::render::Template;
use crate::status::{self, Extra, export};

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum StatusFormat {
    /// Text for a terminal.
    Human,
    /// One JSON document: totals, batches, failed users and the rest.
    Json,
    /// Markdown.
    Markdown,
    /// One HTML page with a burn-up chart (inline SVG, no script).
    Html,
}

#[derive(Debug, Args)]
pub(super) struct StatusArgs {
    /// The plan written by `mma plan` (`DIR/plan.json`).
    #[arg(value_name = "PLAN_JSON")]
    plan: PathBuf,
    /// `Get-MigrationUser | Export-Csv` output.
    #[arg(long, value_name = "CSV")]
    users: PathBuf,
    /// `Get-MigrationBatch | Export-Csv` output.
    #[arg(long, value_name = "CSV")]
    batches: Option<PathBuf>,
    /// `Get-MigrationUser | Get-MigrationUserStatistics | Export-Csv` output (fuller error texts
    /// and Data Consistency Scores).
    #[arg(long, value_name = "CSV")]
    statistics: Option<PathBuf>,
    /// The day the report is for (`YYYY-MM-DD`); today in the plan's time zone when omitted.
    #[arg(long, value_name = "DATE")]
    as_of: Option<jiff::civil::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
    format: StatusFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// A directory of templates that replace the built-ins of the same name.
    #[arg(long, value_name = "DIR", long_help = crate::render::templates_help())]
    templates: Option<PathBuf>,
}

/// Located input errors are exit 1, every one listed.
fn invalid(errors: &[InputError]) -> Failure {
    Failure {
        code: EXIT_INVALID,
        message: errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Reads and decodes an export (UTF-8 with or without a byte-order mark, UTF-16 with one).
fn read_export(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
    super::decode_named(&path.display().to_string(), bytes, crate::text::Kind::Csv)
}

fn read_users(path: &Path) -> Result<export::Users, Failure> {
    let text = read_export(path)?;
    export::users(&path.display().to_string(), &text).map_err(|e| invalid(&e))
}

/// The report as pretty JSON, bidirectional controls escaped (`\u202e`) as serde_json escapes
/// the other control characters, so printing it cannot reorder a terminal's text. They only
/// occur inside strings, where the escape means the same character.
fn json(report: &status::Report) -> Result<String, Failure> {
    let text = serde_json::to_string_pretty(report)
        .map_err(|e| Failure::usage(format!("cannot write the report: {e}")))?;
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
        {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

pub(super) fn run(args: StatusArgs) -> Result<u8, Failure> {
    let templates = templates(args.templates.as_deref())?;
    let plan = read_plan(&args.plan)?;
    let users = read_users(&args.users)?;
    let statistics = args.statistics.as_deref().map(read_users).transpose()?;
    let batches = match &args.batches {
        Some(path) => {
            let text = read_export(path)?;
            Some(export::batches(&path.display().to_string(), &text).map_err(|e| invalid(&e))?)
        }
        None => None,
    };
    // Today in the plan's time zone (its dates are in it), UTC when the zone is unknown.
    let as_of = args.as_of.unwrap_or_else(|| {
        let zone = jiff::tz::TimeZone::get(&plan.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        zone.to_datetime(jiff::Timestamp::now()).date()
    });
    let extra = Extra {
        batches: batches.as_ref(),
        statistics: statistics.as_ref(),
    };
    let report = status::reconcile(&plan, &users, extra, as_of);
    let text = match args.format {
        StatusFormat::Json => json(&report)?,
        format => {
            let template = match format {
                StatusFormat::Markdown => Template::StatusMd,
                StatusFormat::Html => Template::StatusHtml,
                _ => Template::StatusTxt,
            };
            templates
                .render(template.name(), &status::view::view(&report))
                .map_err(|e| template_failure(&e))?
        }
    };
    match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())?,
        None => print_stdout(&text)?,
    }
    Ok(if report.attention {
        EXIT_INVALID
    } else {
        EXIT_OK
    })
}
