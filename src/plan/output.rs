//! The files `mma plan` writes: one CSV per batch in the exact Exchange Online format for the
//! path (domain.md §3), `plan.json`, and `plan.md` for people (and, re-planning, `changes.md`).
//! Pure: returns names and bytes.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::cells::neutralise;
use super::inventory::{Inventory, Mailbox, read_ahead};
use super::model::{BrokenLink, Plan, Totals, Unresolved};
use super::permissions::Right;
use super::{Options, Places, PlanError, imap_user_name};
use crate::answers::model::AdminLoginFormat;
use crate::answers::{Answers, MigrationPath};
use crate::render::{Template, TemplateError, Templates, View, ViewKind};

/// A file to write: its path relative to the output directory, and its bytes.
pub type File = (String, Vec<u8>);

/// A CSV file written in memory with CRLF line ends (what Exchange Online's tooling expects on
/// Windows), every cell [`neutralise`]d, row by row as it is made.
struct CsvOut<'n> {
    name: &'n str,
    writer: csv::Writer<Vec<u8>>,
}

impl<'n> CsvOut<'n> {
    /// An empty file named `name` (for messages), with room for `capacity` bytes.
    fn new(name: &'n str, capacity: usize) -> Self {
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::with_capacity(capacity));
        Self { name, writer }
    }

    fn failed(&self, e: &dyn std::fmt::Display) -> PlanError {
        PlanError(format!("{} cannot be written: {e}", self.name))
    }

    /// Writes one row.
    ///
    /// # Errors
    /// When the CSV writer fails, which writing to memory does not; the error is returned
    /// rather than an empty file written.
    fn row(&mut self, cells: &[&str]) -> Result<(), PlanError> {
        for cell in cells {
            if let Err(e) = self.writer.write_field(neutralise(cell).as_bytes()) {
                return Err(self.failed(&e));
            }
        }
        match self.writer.write_record(None::<&[u8]>) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.failed(&e)),
        }
    }

    /// The file's bytes.
    ///
    /// # Errors
    /// As [`Self::row`].
    fn finish(self) -> Result<Vec<u8>, PlanError> {
        let name = self.name;
        self.writer
            .into_inner()
            .map_err(|e| PlanError(format!("{name} cannot be written: {e}")))
    }
}

/// The batch CSV `name` for `path`: its header and a row per member.
fn batch_csv(
    name: &str,
    path: MigrationPath,
    members: &[&Mailbox],
    form: Option<AdminLoginFormat>,
    options: &Options,
) -> Result<Vec<u8>, PlanError> {
    let mut out = CsvOut::new(name, members.len() * 40 + 64);
    read_ahead(members.iter().copied());
    match path {
        MigrationPath::FullHybrid
        | MigrationPath::MinimalHybrid
        | MigrationPath::ExpressHybrid
        | MigrationPath::CrossTenant => {
            let archives = members.iter().any(|m| m.archive_bytes > 0);
            if archives {
                out.row(&["EmailAddress", "MailboxType"])?;
                for m in members {
                    // Blank inherits the batch's default (primary and archive).
                    let kind = if m.archive_bytes > 0 {
                        "PrimaryAndArchive"
                    } else {
                        ""
                    };
                    out.row(&[m.address(), kind])?;
                }
            } else {
                out.row(&["EmailAddress"])?;
                for m in members {
                    out.row(&[m.address()])?;
                }
            }
        }
        MigrationPath::Staged => {
            out.row(&["EmailAddress", "Password", "ForceChangePassword"])?;
            // Passwords are never written: set them in the tenant, or leave them to directory sync.
            for m in members {
                out.row(&[m.address(), "", ""])?;
            }
        }
        MigrationPath::Imap => {
            out.row(&["EmailAddress", "UserName", "Password"])?;
            for m in members {
                out.row(&[m.address(), &imap_user_name(m, form, options)?, ""])?;
            }
        }
        MigrationPath::GoogleWorkspace => {
            out.row(&["EmailAddress"])?;
            for m in members {
                out.row(&[m.address()])?;
            }
        }
        MigrationPath::Cutover | MigrationPath::ThirdParty => {}
    }
    out.finish()
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
fn broken_links_csv(plan: &Plan) -> Result<Vec<u8>, PlanError> {
    let mut out = CsvOut::new("broken-links.csv", plan.broken_links.len() * 120 + 128);
    out.row(&[
        "Mailbox",
        "Delegate",
        "Right",
        "MailboxBatch",
        "DelegateBatch",
        "Reason",
        "Impact",
    ])?;
    for l in &plan.broken_links {
        out.row(&[
            &l.mailbox,
            &l.delegate,
            l.right.name(),
            &l.mailbox_batch.to_string(),
            &l.delegate_batch.to_string(),
            &l.reason,
            l.impact.name(),
        ])?;
    }
    out.finish()
}

/// Bytes as GB with one decimal (binary, as Exchange prints sizes).
#[must_use]
pub fn gib(bytes: u64) -> String {
    let g = bytes as f64 / f64::from(1u32 << 30);
    format!("{g:.1} GB")
}

/// Broken links `plan.md` lists row by row; the rest are in `broken-links.csv`.
const SUMMARY_LINKS: usize = 200;

/// Names outside the inventory `plan.md` lists; the rest are in `plan.json`.
const SUMMARY_UNRESOLVED: usize = 100;

/// The plan's totals, with the data as people read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TotalsView<'a> {
    /// The counts.
    #[serde(flatten)]
    pub totals: &'a Totals,
    /// The data, in GB ([`gib`]).
    pub data: String,
}

/// A batch as `plan.md` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryBatch<'a> {
    /// Position.
    pub number: usize,
    /// Batch name.
    pub name: &'a str,
    /// Whether it is the pilot.
    pub pilot: bool,
    /// Migration day, when scheduled.
    pub date: Option<&'a str>,
    /// Window, local time, when scheduled.
    pub window: Option<&'a str>,
    /// Members.
    pub mailboxes: usize,
    /// Data, in GB.
    pub data: String,
    /// Hours at the answers' throughput, when given.
    pub hours: Option<String>,
    /// Microsoft's p50 days.
    pub p50_days: u32,
    /// Microsoft's p90 days.
    pub p90_days: u32,
    /// CSV file, relative to the plan directory.
    pub file: Option<&'a str>,
}

/// A day of the calendar: batches that start syncing, and those that migrate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryDay<'a> {
    /// The date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// Batches created and started that day (remote moves are pre-staged).
    pub sync_starts: Vec<&'a str>,
    /// Batches migrating that day.
    pub batches: usize,
    /// Their mailboxes.
    pub mailboxes: usize,
}

/// A broken link as `plan.md` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryLink<'a> {
    /// The mailbox.
    pub mailbox: &'a str,
    /// The delegate.
    pub delegate: &'a str,
    /// The right's name.
    pub right: &'static str,
    /// The mailbox's batch number.
    pub mailbox_batch: usize,
    /// The delegate's batch number.
    pub delegate_batch: usize,
    /// Why it breaks.
    pub reason: &'a str,
    /// What the split does to the right on this path.
    pub impact: &'static str,
}

/// Everything `plan.md` can show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SummaryView<'a> {
    /// The organisation.
    pub organization: &'a str,
    /// The id of the decision table's rule behind the path.
    pub rule: &'a str,
    /// The first migration day, when scheduled.
    pub first_date: Option<&'a str>,
    /// The last migration day, when scheduled.
    pub last_date: Option<&'a str>,
    /// What `mma plan` wrote, for the summary it prints (`plan.txt`); none in `plan.md`.
    pub written: Option<Written>,
    /// The path's title.
    pub path_title: &'a str,
    /// Time zone of windows.
    pub time_zone: &'a str,
    /// The totals.
    pub totals: TotalsView<'a>,
    /// The plan's warnings.
    pub warnings: &'a [String],
    /// The batches.
    pub batches: Vec<SummaryBatch<'a>>,
    /// Day by day, in date order.
    pub calendar: Vec<SummaryDay<'a>>,
    /// Hubs, each with a summary of its links across batches.
    pub hubs: Vec<HubSummary>,
    /// Broken links that are not a hub's (the first 200).
    pub broken_links: Vec<SummaryLink<'a>>,
    /// Such links beyond those listed.
    pub broken_more: usize,
    /// Names outside the inventory (the first 100).
    pub unresolved: &'a [Unresolved],
    /// Such names beyond those listed.
    pub unresolved_more: usize,
}

/// The output directory `mma plan` wrote and what it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Written {
    /// The directory, as given on the command line.
    pub dir: String,
    /// The documents and data files, in the order they are named.
    pub files: Vec<String>,
    /// How many batch CSVs.
    pub batch_csvs: usize,
}

impl View for SummaryView<'_> {
    const KIND: ViewKind = ViewKind::PlanSummary;
}

/// Day by day: the batches that start syncing (remote moves are pre-staged) and those that
/// migrate. Dates are `YYYY-MM-DD`, so their order is the calendar's.
fn summary_calendar(plan: &Plan) -> Vec<SummaryDay<'_>> {
    fn day<'m, 'a>(
        days: &'m mut BTreeMap<&'a str, SummaryDay<'a>>,
        date: &'a str,
    ) -> &'m mut SummaryDay<'a> {
        days.entry(date).or_insert_with(|| SummaryDay {
            date,
            sync_starts: Vec::new(),
            batches: 0,
            mailboxes: 0,
        })
    }
    let mut days = BTreeMap::new();
    for b in &plan.batches {
        if let Some(start) = &b.sync_start {
            day(&mut days, start).sync_starts.push(&b.name);
        }
        if let Some(date) = &b.date {
            let d = day(&mut days, date);
            d.batches += 1;
            d.mailboxes += b.members.len();
        }
    }
    days.into_values().collect()
}

/// The view `plan.md` renders.
#[must_use]
pub fn summary_view(plan: &Plan) -> SummaryView<'_> {
    let links: Vec<&BrokenLink> = person_links(plan).collect();
    SummaryView {
        organization: &plan.organization,
        rule: &plan.rule,
        first_date: plan.batches.iter().find_map(|b| b.date.as_deref()),
        last_date: plan.batches.iter().rev().find_map(|b| b.date.as_deref()),
        written: None,
        path_title: &plan.path_title,
        time_zone: &plan.time_zone,
        totals: TotalsView {
            totals: &plan.totals,
            data: gib(plan.totals.bytes),
        },
        warnings: &plan.warnings,
        batches: plan
            .batches
            .iter()
            .map(|b| SummaryBatch {
                number: b.number,
                name: &b.name,
                pilot: b.pilot,
                date: b.date.as_deref(),
                window: b.window.as_deref(),
                mailboxes: b.members.len(),
                data: gib(b.bytes),
                hours: b.estimate.hours.map(|h| h.to_string()),
                p50_days: b.estimate.p50_days,
                p90_days: b.estimate.p90_days,
                file: b.file.as_deref(),
            })
            .collect(),
        calendar: summary_calendar(plan),
        hubs: hub_summaries(plan),
        broken_links: links
            .iter()
            .take(SUMMARY_LINKS)
            .map(|l| SummaryLink {
                mailbox: &l.mailbox,
                delegate: &l.delegate,
                right: l.right.name(),
                mailbox_batch: l.mailbox_batch,
                delegate_batch: l.delegate_batch,
                reason: &l.reason,
                impact: l.impact.name(),
            })
            .collect(),
        broken_more: links.len().saturating_sub(SUMMARY_LINKS),
        unresolved: &plan.unresolved[..plan.unresolved.len().min(SUMMARY_UNRESOLVED)],
        unresolved_more: plan.unresolved.len().saturating_sub(SUMMARY_UNRESOLVED),
    }
}

/// What `mma plan` prints once it has written the plan to `written.dir`, rendered from
/// `plan.txt`: the path, the rule, the dates, the totals, the files and the warnings.
///
/// # Errors
/// A `plan.txt` override that fails to render, located.
pub fn terminal_summary(
    plan: &Plan,
    templates: &Templates,
    written: Written,
) -> Result<String, TemplateError> {
    let mut view = summary_view(plan);
    view.written = Some(written);
    templates.render(Template::PlanTxt.name(), &view)
}

/// The summary a person reads, rendered from `plan.md`.
///
/// # Errors
/// A `plan.md` override that fails to render, located.
pub fn markdown(plan: &Plan, templates: &Templates) -> Result<String, TemplateError> {
    templates.render(Template::PlanMd.name(), &summary_view(plan))
}

/// Every file of the plan's output directory, `plan.md` from the built-in templates.
///
/// # Errors
/// As [`files_with`].
pub fn files(
    plan: &Plan,
    answers: &Answers,
    inventory: &Inventory,
    options: &Options,
) -> Result<Vec<File>, PlanError> {
    let templates = Templates::builtin()
        .map_err(|e| PlanError(format!("the built-in templates do not load: {e}")))?;
    files_with(plan, answers, inventory, options, templates)
}

/// Every file of the plan's output directory, `plan.md` rendered from `templates`.
///
/// # Errors
/// When an IMAP user name cannot be formed (see [`imap_user_name`]), a CSV or `plan.json`
/// cannot be written (which writing to memory never makes happen), or `plan.md` does not render
/// (a broken override).
pub fn files_with(
    plan: &Plan,
    answers: &Answers,
    inventory: &Inventory,
    options: &Options,
    templates: &Templates,
) -> Result<Vec<File>, PlanError> {
    let mut out = Vec::new();
    each_file(
        plan,
        (answers, inventory, None),
        options,
        templates,
        (&|e| e, &mut |file| {
            out.push(file);
            Ok(())
        }),
    )?;
    out.push(("plan.json".to_owned(), plan_json(plan)?));
    Ok(out)
}

/// Where [`each_file`] hands its files (each as soon as it is made) and how it reports its own
/// errors to the caller.
pub type Sink<'s, E> = (
    &'s dyn Fn(PlanError) -> E,
    &'s mut dyn FnMut(File) -> Result<(), E>,
);

/// [`files_with`] but for `plan.json` (written with [`write_plan_json`]), handing each file to
/// `put` as soon as it is made instead of collecting them.
///
/// # Errors
/// As [`files_with`] (mapped by `invalid`), and whatever `put` returns.
pub fn each_file<E>(
    plan: &Plan,
    (answers, inventory, places): (&Answers, &Inventory, Option<&Places>),
    options: &Options,
    templates: &Templates,
    (invalid, put): Sink<'_, E>,
) -> Result<(), E> {
    let form = answers
        .source_server
        .as_ref()
        .and_then(|s| s.admin_login_format);
    for (b, members) in plan.batches.iter().zip(members(plan, inventory, places)) {
        let Some(file) = &b.file else {
            continue;
        };
        let bytes = batch_csv(file, plan.path, &members, form, options).map_err(invalid)?;
        put((file.clone(), bytes))?;
    }
    let summary = markdown(plan, templates)
        .map_err(|e| invalid(PlanError(format!("{e}\nplan.md does not render"))))?;
    put(("plan.md".to_owned(), summary.into_bytes()))?;
    let changes = super::changes::markdown(plan, templates)
        .map_err(|e| invalid(PlanError(format!("{e}\nchanges.md does not render"))))?;
    if let Some(changes) = changes {
        put(("changes.md".to_owned(), changes.into_bytes()))?;
    }
    if !plan.broken_links.is_empty() {
        put((
            "broken-links.csv".to_owned(),
            broken_links_csv(plan).map_err(invalid)?,
        ))?;
    }
    Ok(())
}

/// Each batch's members in the inventory: where `places` (the planner's, when given for this
/// plan) puts them, else found by address.
fn members<'i>(
    plan: &Plan,
    inventory: &'i Inventory,
    places: Option<&Places>,
) -> Vec<Vec<&'i Mailbox>> {
    let mailboxes = inventory.mailboxes();
    if let Some(places) = places.filter(|p| p.len() == plan.batches.len()) {
        return places
            .iter()
            .map(|at| at.iter().filter_map(|&i| mailboxes.get(i)).collect())
            .collect();
    }
    let mut by_address: FxHashMap<&str, &Mailbox> =
        FxHashMap::with_capacity_and_hasher(mailboxes.len(), Default::default());
    by_address.extend(mailboxes.iter().map(|m| (m.address(), m)));
    plan.batches
        .iter()
        .map(|b| {
            b.members
                .iter()
                .filter_map(|a| by_address.get(a.as_str()).copied())
                .collect()
        })
        .collect()
}

/// Counts the bytes written to it.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes `plan.json` to `out`: the plan as pretty JSON and a line end.
///
/// # Errors
/// When `out` fails.
pub fn write_plan_json(plan: &Plan, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // serde_json writes a few bytes at a time: into a buffer of a known type, not through `dyn`.
    use std::io::Write as _;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, plan)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// `plan.json`: the plan as pretty JSON and a line end, in a buffer of its exact size, measured
/// by writing it once to a counter (a million mailboxes make about 180 MB, which a buffer grown by
/// doubling would hold twice over while it is copied).
fn plan_json(plan: &Plan) -> Result<Vec<u8>, PlanError> {
    let failed = |e: serde_json::Error| PlanError(format!("plan.json cannot be written: {e}"));
    let mut size = Counter(0);
    serde_json::to_writer_pretty(&mut size, plan).map_err(failed)?;
    let mut json = Vec::with_capacity(size.0 + 1);
    serde_json::to_writer_pretty(&mut json, plan).map_err(failed)?;
    json.push(b'\n');
    Ok(json)
}

/// The plan's JSON Schema, committed as `schema/plan.schema.json`.
///
/// # Errors
/// When the schema does not serialise, which a schema (a JSON value written in schemars'
/// keyword order) never does; the error is returned rather than an empty file written.
pub fn plan_schema_text() -> Result<String, serde_json::Error> {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(schemars::transform::RestrictFormats::default())
        .into_generator();
    let schema = generator.into_root_schema_for::<Plan>();
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    Ok(text)
}
