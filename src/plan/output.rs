//! The files `mma plan` writes: one CSV per batch in the exact Exchange Online format for the
//! path (domain.md §3), `plan.json`, and `plan.md` for people. Pure: returns names and bytes.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::cells::neutralise;
use super::inventory::{Inventory, Mailbox};
use super::model::Plan;
use super::{Options, PlanError, imap_user_name};
use crate::answers::model::AdminLoginFormat;
use crate::answers::{Answers, Path};
use crate::markdown::escape_markdown;

/// A file to write: its path relative to the output directory, and its bytes.
pub type File = (String, Vec<u8>);

/// The header and rows of a batch CSV for `path`.
fn batch_rows(
    path: Path,
    members: &[&Mailbox],
    form: Option<AdminLoginFormat>,
    options: &Options,
) -> Result<Vec<Vec<String>>, PlanError> {
    let mut rows = Vec::with_capacity(members.len() + 1);
    match path {
        Path::FullHybrid | Path::MinimalHybrid | Path::ExpressHybrid | Path::CrossTenant => {
            let archives = members.iter().any(|m| m.archive_bytes > 0);
            if archives {
                rows.push(vec!["EmailAddress".to_owned(), "MailboxType".to_owned()]);
                for m in members {
                    // Blank inherits the batch's default (primary and archive).
                    let kind = if m.archive_bytes > 0 {
                        "PrimaryAndArchive"
                    } else {
                        ""
                    };
                    rows.push(vec![m.address.clone(), kind.to_owned()]);
                }
            } else {
                rows.push(vec!["EmailAddress".to_owned()]);
                rows.extend(members.iter().map(|m| vec![m.address.clone()]));
            }
        }
        Path::Staged => {
            rows.push(
                ["EmailAddress", "Password", "ForceChangePassword"]
                    .map(str::to_owned)
                    .to_vec(),
            );
            // Passwords are never written: set them in the tenant, or leave them to directory sync.
            rows.extend(
                members
                    .iter()
                    .map(|m| vec![m.address.clone(), String::new(), String::new()]),
            );
        }
        Path::Imap => {
            rows.push(
                ["EmailAddress", "UserName", "Password"]
                    .map(str::to_owned)
                    .to_vec(),
            );
            for m in members {
                rows.push(vec![
                    m.address.clone(),
                    imap_user_name(m, form, options)?,
                    String::new(),
                ]);
            }
        }
        Path::GoogleWorkspace => {
            rows.push(vec!["EmailAddress".to_owned()]);
            rows.extend(members.iter().map(|m| vec![m.address.clone()]));
        }
        Path::Cutover | Path::ThirdParty => {}
    }
    Ok(rows)
}

/// Writes rows as CSV with CRLF line ends (what Exchange Online's tooling expects on Windows),
/// every cell [`neutralise`]d.
fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        for cell in row {
            let _ = writer.write_field(neutralise(cell).as_bytes());
        }
        let _ = writer.write_record(None::<&[u8]>);
    }
    writer.into_inner().unwrap_or_default()
}

/// `1 batch`, `2 batches`.
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Bytes as GB with one decimal (binary, as Exchange prints sizes).
#[must_use]
pub fn gib(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss, reason = "for display")]
    let g = bytes as f64 / f64::from(1u32 << 30);
    format!("{g:.1} GB")
}

/// The plan's totals in one sentence: mailboxes and data, batches, groups, broken links, hubs
/// and rows naming accounts outside the inventory.
#[must_use]
pub fn totals_sentence(plan: &Plan) -> String {
    let t = &plan.totals;
    format!(
        "{} ({}) in {}; {} of linked mailboxes; {}, {} broken; {}; {} naming accounts outside the inventory",
        count(t.mailboxes, "mailbox", "mailboxes"),
        gib(t.bytes),
        count(t.batches, "batch", "batches"),
        count(t.groups, "group", "groups"),
        count(t.links, "permission link", "permission links"),
        t.broken_links,
        count(t.hubs, "hub", "hubs"),
        count(t.unresolved_rows, "permission row", "permission rows"),
    )
}

/// The summary a person reads.
#[must_use]
pub fn markdown(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Migration plan for {}: {}\n",
        escape_markdown(&plan.organization),
        plan.path_title
    );
    let _ = writeln!(out, "{}.\n", totals_sentence(plan));
    if !plan.warnings.is_empty() {
        let _ = writeln!(out, "## Warnings\n");
        for w in &plan.warnings {
            let _ = writeln!(out, "- {}", escape_markdown(w));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Batches\n");
    let _ = writeln!(
        out,
        "| # | Batch | Day | Window ({}) | Mailboxes | Data | Estimate | p50 / p90 days | CSV |",
        plan.time_zone
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    for b in &plan.batches {
        let _ = writeln!(
            out,
            "| {} | `{}`{} | {} | {} | {} | {} | {} | {} / {} | {} |",
            b.number,
            b.name,
            if b.pilot { " (pilot)" } else { "" },
            b.date.as_deref().unwrap_or("—"),
            b.window.as_deref().unwrap_or("—"),
            b.members.len(),
            gib(b.bytes),
            b.estimate
                .hours
                .map_or_else(|| "—".to_owned(), |h| format!("{h} h")),
            b.estimate.p50_days,
            b.estimate.p90_days,
            b.file
                .as_deref()
                .map_or_else(|| "—".to_owned(), |f| format!("`{f}`")),
        );
    }
    let mut by_day: Vec<(&str, usize, usize)> = Vec::new();
    for b in &plan.batches {
        if let Some(d) = &b.date {
            match by_day.last_mut() {
                Some((day, batches, members)) if *day == d.as_str() => {
                    *batches += 1;
                    *members += b.members.len();
                }
                _ => by_day.push((d.as_str(), 1, b.members.len())),
            }
        }
    }
    if !by_day.is_empty() {
        let _ = writeln!(out, "\n## Calendar\n");
        for (day, batches, members) in by_day {
            let _ = writeln!(
                out,
                "- {day}: {}, {}",
                count(batches, "batch", "batches"),
                count(members, "mailbox", "mailboxes")
            );
        }
    }
    if !plan.hubs.is_empty() {
        let _ = writeln!(
            out,
            "\n## Hubs\n\nThese accounts hold or grant rights on so many mailboxes that grouping by them would glue the organisation into one batch; their links are left out of grouping, and those that end up across batches are listed below as broken (reason `hub`).\n"
        );
        for h in &plan.hubs {
            let _ = writeln!(
                out,
                "- {} — linked with {} mailboxes",
                escape_markdown(&h.address),
                h.degree
            );
        }
    }
    if !plan.broken_links.is_empty() {
        let _ = writeln!(
            out,
            "\n## Broken links\n\nDuring the migration these rights work only once both mailboxes have moved; re-check them after the later batch.\n"
        );
        let _ = writeln!(
            out,
            "| Mailbox | Delegate | Right | Batches | Why |\n|---|---|---|---|---|"
        );
        for l in plan.broken_links.iter().take(200) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} → {} | {} |",
                escape_markdown(&l.mailbox),
                escape_markdown(&l.delegate),
                l.right,
                l.mailbox_batch,
                l.delegate_batch,
                l.reason
            );
        }
        if plan.broken_links.len() > 200 {
            let _ = writeln!(
                out,
                "\n…and {} more in `plan.json`.",
                plan.broken_links.len() - 200
            );
        }
    }
    if !plan.unresolved.is_empty() {
        let _ = writeln!(
            out,
            "\n## Names outside the inventory\n\nPermission rows name these accounts, which the inventory does not hold (groups, users without mailboxes, deleted accounts); they link nothing.\n"
        );
        for u in plan.unresolved.iter().take(100) {
            let _ = writeln!(
                out,
                "- {} ({})",
                escape_markdown(&u.name),
                count(u.rows, "row", "rows")
            );
        }
        if plan.unresolved.len() > 100 {
            let _ = writeln!(
                out,
                "\n…and {} more in `plan.json`.",
                plan.unresolved.len() - 100
            );
        }
    }
    out
}

/// Every file of the plan's output directory.
///
/// # Errors
/// When an IMAP user name cannot be formed (see [`imap_user_name`]).
pub fn files(
    plan: &Plan,
    answers: &Answers,
    inventory: &Inventory,
    options: &Options,
) -> Result<Vec<File>, PlanError> {
    let by_address: HashMap<&str, &Mailbox> = inventory
        .mailboxes
        .iter()
        .map(|m| (m.address.as_str(), m))
        .collect();
    let form = answers
        .source_server
        .as_ref()
        .and_then(|s| s.admin_login_format);
    let mut out = Vec::new();
    for b in &plan.batches {
        let Some(file) = &b.file else {
            continue;
        };
        let members: Vec<&Mailbox> = b
            .members
            .iter()
            .filter_map(|a| by_address.get(a.as_str()).copied())
            .collect();
        let rows = batch_rows(plan.path, &members, form, options)?;
        out.push((file.clone(), csv_bytes(&rows)));
    }
    let mut json = serde_json::to_string_pretty(plan).unwrap_or_default();
    json.push('\n');
    out.push(("plan.json".to_owned(), json.into_bytes()));
    out.push(("plan.md".to_owned(), markdown(plan).into_bytes()));
    Ok(out)
}

/// The plan's JSON Schema, committed as `schema/plan.schema.json`.
#[must_use]
pub fn plan_schema_text() -> String {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(schemars::transform::RestrictFormats::default())
        .into_generator();
    let schema = generator.into_root_schema_for::<Plan>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
