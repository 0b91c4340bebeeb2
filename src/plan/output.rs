//! The files `mma plan` writes: one CSV per batch in the exact Exchange Online format for the
//! path (domain.md §3), `plan.json`, and `plan.md` for people. Pure: returns names and bytes.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::cells::neutralise;
use super::inventory::{Inventory, Mailbox};
use super::model::{BrokenLink, Plan};
use super::permissions::Right;
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

/// The links of one hub that the plan splits across batches, summarised for people.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct HubSummary {
    /// The hub's address.
    pub address: String,
    /// Distinct mailboxes it is linked with.
    pub degree: usize,
    /// Its links that end up across batches.
    pub split_links: usize,
    /// The rights of those links, by name.
    pub rights: Vec<&'static str>,
    /// What happens to them on this path, by name.
    pub impacts: Vec<&'static str>,
}

/// Whether a broken link is one of a hub's (reported once per hub, not row by row).
fn hub_of<'a>(plan: &'a Plan, link: &BrokenLink) -> Option<&'a str> {
    if link.reason != "hub" {
        return None;
    }
    plan.hubs
        .iter()
        .map(|h| h.address.as_str())
        .find(|h| *h == link.mailbox || *h == link.delegate)
}

/// One summary per hub, in the plan's hub order.
#[must_use]
pub fn hub_summaries(plan: &Plan) -> Vec<HubSummary> {
    plan.hubs
        .iter()
        .map(|h| {
            let mut rights: Vec<Right> = Vec::new();
            let mut impacts = Vec::new();
            let mut split_links = 0;
            for l in &plan.broken_links {
                if hub_of(plan, l) == Some(h.address.as_str()) {
                    split_links += 1;
                    rights.push(l.right);
                    impacts.push(l.impact);
                }
            }
            rights.sort_unstable();
            rights.dedup();
            impacts.sort_unstable();
            impacts.dedup();
            HubSummary {
                address: h.address.clone(),
                degree: h.degree,
                split_links,
                rights: rights.into_iter().map(Right::name).collect(),
                impacts: impacts.into_iter().map(|i| i.name()).collect(),
            }
        })
        .collect()
}

/// The broken links people read row by row: those that are not a hub's.
pub fn person_links(plan: &Plan) -> impl Iterator<Item = &BrokenLink> {
    plan.broken_links
        .iter()
        .filter(|l| hub_of(plan, l).is_none())
}

/// Every broken link as CSV, hub links included, for filtering in a spreadsheet.
fn broken_links_csv(plan: &Plan) -> Vec<u8> {
    let mut rows = vec![
        [
            "Mailbox",
            "Delegate",
            "Right",
            "MailboxBatch",
            "DelegateBatch",
            "Reason",
            "Impact",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for l in &plan.broken_links {
        rows.push(vec![
            l.mailbox.clone(),
            l.delegate.clone(),
            l.right.name().to_owned(),
            l.mailbox_batch.to_string(),
            l.delegate_batch.to_string(),
            l.reason.clone(),
            l.impact.name().to_owned(),
        ]);
    }
    csv_bytes(&rows)
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
    // Day by day: the batches that start syncing (remote moves are pre-staged) and those
    // that migrate. Dates are `YYYY-MM-DD`, so their order is the calendar's.
    let mut by_day: std::collections::BTreeMap<&str, (Vec<&str>, usize, usize)> =
        std::collections::BTreeMap::new();
    for b in &plan.batches {
        if let Some(start) = &b.sync_start {
            by_day
                .entry(start.as_str())
                .or_default()
                .0
                .push(b.name.as_str());
        }
        if let Some(d) = &b.date {
            let day = by_day.entry(d.as_str()).or_default();
            day.1 += 1;
            day.2 += b.members.len();
        }
    }
    if !by_day.is_empty() {
        let _ = writeln!(out, "\n## Calendar\n");
        for (day, (starts, batches, members)) in by_day {
            let mut parts = Vec::new();
            if !starts.is_empty() {
                parts.push(format!("start syncing {}", starts.join(", ")));
            }
            if batches > 0 {
                parts.push(format!(
                    "{}, {}",
                    count(batches, "batch", "batches"),
                    count(members, "mailbox", "mailboxes")
                ));
            }
            let _ = writeln!(out, "- {day}: {}", parts.join("; "));
        }
    }
    let hubs = hub_summaries(plan);
    if !hubs.is_empty() {
        let _ = writeln!(
            out,
            "\n## Hubs\n\nThese accounts hold or grant rights on so many mailboxes that grouping by them would glue the organisation into one batch; their links are left out of grouping. Each row sums up its links that end up across batches (every row is in `broken-links.csv` and `plan.json`): re-check the account's access after each batch.\n"
        );
        for h in &hubs {
            let _ = writeln!(
                out,
                "- {} — linked with {}; {} across batches ({}: {})",
                escape_markdown(&h.address),
                count(h.degree, "mailbox", "mailboxes"),
                count(h.split_links, "link", "links"),
                h.rights.join(", "),
                h.impacts.join("; ")
            );
        }
    }
    let links: Vec<&BrokenLink> = person_links(plan).collect();
    if !links.is_empty() {
        let _ = writeln!(
            out,
            "\n## Broken links\n\nThese links join mailboxes in different batches. The impact says what happens to the right between the two moves on this path.\n"
        );
        let _ = writeln!(
            out,
            "| Mailbox | Delegate | Right | Batches | Why | Impact |\n|---|---|---|---|---|---|"
        );
        for l in links.iter().take(200) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} → {} | {} | {} |",
                escape_markdown(&l.mailbox),
                escape_markdown(&l.delegate),
                l.right,
                l.mailbox_batch,
                l.delegate_batch,
                escape_markdown(&l.reason),
                l.impact.name()
            );
        }
        if links.len() > 200 {
            let _ = writeln!(
                out,
                "\n…and {} more in `broken-links.csv`.",
                links.len() - 200
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
    if !plan.broken_links.is_empty() {
        out.push(("broken-links.csv".to_owned(), broken_links_csv(plan)));
    }
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
