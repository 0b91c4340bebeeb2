//! `mma status`: where a running migration stands against its plan. Pure: the exports Exchange
//! Online PowerShell writes (`export`) are reconciled with `plan.json` into a [`Report`] — per
//! batch, planned mailboxes against each status; mailboxes the plan does not know and planned
//! ones missing; late batches and synced batches waiting for completion; failed users grouped by
//! error with the documented next step (`steps`); the observed pace and a revised finish date —
//! which `view` turns into what the templates render.

pub mod export;
pub mod steps;
pub mod view;

use std::collections::BTreeMap;

use jiff::civil::Date;
use rustc_hash::FxHashMap;
use serde::Serialize;

use self::export::{BatchStatus, Batches, Category, UserRow, Users};
use self::steps::Trouble;
use crate::plan::Plan;

/// Counts of mailboxes by where they stand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Mailboxes the plan puts here.
    pub planned: usize,
    /// Completed.
    pub completed: usize,
    /// Synced, waiting for completion.
    pub synced: usize,
    /// In progress (queued, provisioning, syncing, completing, …).
    pub syncing: usize,
    /// Failed.
    pub failed: usize,
    /// Stopped.
    pub stopped: usize,
    /// With a status Microsoft does not list.
    pub unknown_status: usize,
    /// Planned, not in the export, and not due to have started.
    pub not_started: usize,
    /// Planned, not in the export, though their batch is due to have started or has started.
    pub missing: usize,
}

impl Counts {
    fn add(&mut self, category: Option<Category>) {
        match category {
            Some(Category::Completed) => self.completed += 1,
            Some(Category::Synced) => self.synced += 1,
            Some(Category::Syncing) => self.syncing += 1,
            Some(Category::Failed) => self.failed += 1,
            Some(Category::Stopped) => self.stopped += 1,
            None => self.unknown_status += 1,
        }
    }
}

/// Where a batch stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BatchState {
    /// Every planned mailbox completed.
    Complete,
    /// Its migration day has passed and it is not complete.
    Late,
    /// Every mailbox synced or completed, some waiting for completion.
    WaitingForCompletion,
    /// Started: some mailboxes are in the export.
    InProgress,
    /// Due to have started (its sync start or migration day has come), but no mailbox is in
    /// the export.
    NotCreated,
    /// Not due yet.
    NotStarted,
}

/// One planned batch against the export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BatchReport {
    /// Position in the plan.
    pub number: usize,
    /// Name.
    pub name: String,
    /// Migration day, when the plan has a schedule.
    pub date: Option<String>,
    /// Day to create and start it (remote moves).
    pub sync_start: Option<String>,
    /// Counts of its planned mailboxes.
    #[serde(flatten)]
    pub counts: Counts,
    /// Its planned mailboxes by exact status, in name order.
    pub statuses: BTreeMap<String, usize>,
    /// Its status in the `Get-MigrationBatch` export, when given and listed there.
    pub export_status: Option<String>,
    /// Where it stands.
    pub state: BatchState,
    /// For a batch waiting for completion whose day has come: the command that completes it.
    pub complete_command: Option<String>,
}

/// A failed user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failed {
    /// Address.
    pub address: String,
    /// Batch in the export.
    pub batch: String,
    /// Status as exported.
    pub status: String,
    /// Error text (the statistics' `Error` when given, else the export's `ErrorSummary`).
    pub error: String,
}

/// Users that share an error (or are all stopped), with what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorGroup {
    /// The error text shared.
    pub error: String,
    /// The trouble it is.
    pub trouble: Trouble,
    /// The users, sorted.
    pub users: Vec<String>,
    /// Their batches, sorted.
    pub batches: Vec<String>,
    /// The documented next step.
    pub next_step: &'static str,
    /// The pages it follows.
    pub pages: &'static [&'static str],
    /// The PowerShell, first line `# shell: exchange-online`.
    pub commands: Vec<String>,
}

/// A mailbox in the export that the plan does not know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unknown {
    /// Address.
    pub address: String,
    /// Batch in the export.
    pub batch: String,
    /// Status as exported.
    pub status: String,
}

/// A planned mailbox missing from the export though its batch is due or started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// Address.
    pub address: String,
    /// Its planned batch.
    pub batch: String,
}

/// A planned mailbox migrating in another batch than the plan's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// Address.
    pub address: String,
    /// The plan's batch.
    pub planned_batch: String,
    /// The export's batch.
    pub export_batch: String,
}

/// A batch in the `Get-MigrationBatch` export that the plan does not know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnknownBatch {
    /// Name.
    pub name: String,
    /// Status as exported.
    pub status: String,
}

/// Observed pace against the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pace {
    /// First day of the plan (its earliest sync start or migration day).
    pub start: String,
    /// The plan's last migration day.
    pub planned_finish: String,
    /// Days from the start to the report's day, both counted.
    pub elapsed_days: i64,
    /// Mailboxes completed.
    pub completed_mailboxes: usize,
    /// Their data, from the plan's batch sizes (each completed mailbox counted at its batch's
    /// average), in GB (10^9 bytes, one decimal).
    pub completed_gb: f64,
    /// Mailboxes completed per day so far (one decimal).
    pub mailboxes_per_day: f64,
    /// GB completed per day so far (one decimal).
    pub gb_per_day: f64,
    /// Mailboxes per day the plan needs, from its start to its last day (one decimal).
    pub planned_mailboxes_per_day: f64,
    /// GB per day the plan needs (one decimal).
    pub planned_gb_per_day: f64,
    /// When the rest completes at the observed pace; none before anything completed.
    pub revised_finish: Option<String>,
}

/// One day of the burn-up: mailboxes planned to be migrated by then, and completed by then
/// (none after the report's day).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Day {
    /// The day.
    pub date: String,
    /// Planned, cumulative.
    pub planned: usize,
    /// Completed, cumulative; none after the report's day.
    pub completed: Option<usize>,
}

/// The report: everything `mma status` says, and what `--format json` writes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The organisation.
    pub organization: String,
    /// The path's human name.
    pub path_title: String,
    /// The day the report is for (`--as-of`).
    pub as_of: String,
    /// Whether something needs attention (the exit status is 1 then).
    pub attention: bool,
    /// What needs attention, one line each.
    pub attention_reasons: Vec<String>,
    /// Totals over the plan's mailboxes.
    pub totals: Counts,
    /// Each planned batch.
    pub batches: Vec<BatchReport>,
    /// Failed users, by batch then address.
    pub failed: Vec<Failed>,
    /// Stopped users, by batch then address.
    pub stopped: Vec<Failed>,
    /// Failed and stopped users grouped by error, largest group first.
    pub error_groups: Vec<ErrorGroup>,
    /// Mailboxes migrating that the plan does not know.
    pub unknown: Vec<Unknown>,
    /// Planned mailboxes missing from the export.
    pub missing: Vec<Missing>,
    /// Planned mailboxes migrating in another batch.
    pub moved: Vec<Moved>,
    /// Batches Exchange Online lists that the plan does not know.
    pub unknown_batches: Vec<UnknownBatch>,
    /// Observed pace, when the plan has dates and the report's day is past its start.
    pub pace: Option<Pace>,
    /// The burn-up, one entry a day from the plan's start.
    pub burnup: Vec<Day>,
    /// Warnings about the exports (unknown status values, rows listed twice), located.
    pub warnings: Vec<String>,
}

/// The optional exports beside `Get-MigrationUser`'s.
#[derive(Clone, Copy, Debug, Default)]
pub struct Extra<'a> {
    /// `Get-MigrationBatch | Export-Csv`.
    pub batches: Option<&'a Batches>,
    /// `Get-MigrationUserStatistics | Export-Csv`.
    pub statistics: Option<&'a Users>,
}

/// Case-folded address for matching (the plan and Exchange may differ in case).
fn fold(address: &str) -> String {
    address.to_lowercase()
}

/// A batch's start (sync start, else migration day) and migration day.
fn batch_days(b: &crate::plan::model::Batch) -> (Option<Date>, Option<Date>) {
    let date = b.date.as_deref().and_then(|d| d.parse::<Date>().ok());
    let start = b
        .sync_start
        .as_deref()
        .and_then(|d| d.parse::<Date>().ok())
        .or(date);
    (start, date)
}

/// The state of the export as read into the plan's batches.
struct Tally<'p> {
    plan: &'p Plan,
    /// Folded address → (batch index, line of its export row; 0 until seen).
    index: FxHashMap<String, (u32, u64)>,
    counts: Vec<Counts>,
    statuses: Vec<BTreeMap<String, usize>>,
    /// Completed users by completion day.
    completed_on: BTreeMap<Date, usize>,
    report: Report,
    /// Error text for failed users from the statistics export, by folded address.
    statistics: FxHashMap<String, (String, String)>,
    troubles: BTreeMap<(Trouble, String), (Vec<String>, Vec<String>)>,
    seen_unknown: FxHashMap<String, u64>,
}

/// Reconciles `users` (and the optional exports) with `plan` as of `as_of`.
#[must_use]
pub fn reconcile(plan: &Plan, users: &Users, extra: Extra<'_>, as_of: Date) -> Report {
    let mut tally = Tally::new(plan, as_of);
    if let Some(stats) = extra.statistics {
        for r in &stats.rows {
            tally
                .statistics
                .insert(fold(&r.address), (r.error.clone(), r.consistency.clone()));
        }
        tally
            .report
            .warnings
            .extend(stats.warnings.iter().map(ToString::to_string));
    }
    tally
        .report
        .warnings
        .extend(users.warnings.iter().map(ToString::to_string));
    for row in &users.rows {
        tally.user(row, as_of);
    }
    tally.missing(as_of);
    tally.batches(extra.batches, as_of);
    tally.finish(as_of)
}

impl<'p> Tally<'p> {
    fn new(plan: &'p Plan, as_of: Date) -> Self {
        let mut index = FxHashMap::default();
        index.reserve(plan.totals.mailboxes);
        for (i, b) in plan.batches.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            for m in &b.members {
                index.entry(fold(m)).or_insert((i, 0));
            }
        }
        let counts = plan
            .batches
            .iter()
            .map(|b| Counts {
                planned: b.members.len(),
                ..Counts::default()
            })
            .collect();
        Self {
            plan,
            index,
            counts,
            statuses: vec![BTreeMap::new(); plan.batches.len()],
            completed_on: BTreeMap::new(),
            report: Report {
                organization: plan.organization.clone(),
                path_title: plan.path_title.clone(),
                as_of: as_of.to_string(),
                attention: false,
                attention_reasons: Vec::new(),
                totals: Counts::default(),
                batches: Vec::new(),
                failed: Vec::new(),
                stopped: Vec::new(),
                error_groups: Vec::new(),
                unknown: Vec::new(),
                missing: Vec::new(),
                moved: Vec::new(),
                unknown_batches: Vec::new(),
                pace: None,
                burnup: Vec::new(),
                warnings: Vec::new(),
            },
            statistics: FxHashMap::default(),
            troubles: BTreeMap::new(),
            seen_unknown: FxHashMap::default(),
        }
    }

    fn user(&mut self, row: &UserRow, as_of: Date) {
        let key = fold(&row.address);
        let Some(entry) = self.index.get_mut(&key) else {
            if let Some(first) = self.seen_unknown.insert(key, row.line) {
                self.report.warnings.push(twice(row, first));
                return;
            }
            self.report.unknown.push(Unknown {
                address: row.address.clone(),
                batch: row.batch.clone(),
                status: row.status_text.clone(),
            });
            return;
        };
        if entry.1 > 0 {
            self.report.warnings.push(twice(row, entry.1));
            return;
        }
        entry.1 = row.line.max(1);
        let i = entry.0 as usize;
        let batch = &self.plan.batches[i];
        if !row.batch.is_empty() && !row.batch.eq_ignore_ascii_case(&batch.name) {
            self.report.moved.push(Moved {
                address: row.address.clone(),
                planned_batch: batch.name.clone(),
                export_batch: row.batch.clone(),
            });
        }
        let category = row.status.map(export::UserStatus::category);
        self.counts[i].add(category);
        let name = row
            .status
            .map_or_else(|| row.status_text.clone(), |s| s.name().to_owned());
        *self.statuses[i].entry(name).or_insert(0) += 1;
        let export_batch = if row.batch.is_empty() {
            batch.name.clone()
        } else {
            row.batch.clone()
        };
        match category {
            Some(Category::Completed) => {
                let (_, date) = batch_days(batch);
                let day = completion_day(&row.last_sync)
                    .or(date)
                    .unwrap_or(as_of)
                    .min(as_of);
                *self.completed_on.entry(day).or_insert(0) += 1;
            }
            Some(Category::Failed) => self.failed(row, &key, export_batch),
            Some(Category::Stopped) => {
                let entry = self
                    .troubles
                    .entry((Trouble::Stopped, String::new()))
                    .or_default();
                entry.0.push(row.address.clone());
                entry.1.push(export_batch.clone());
                self.report.stopped.push(Failed {
                    address: row.address.clone(),
                    batch: export_batch,
                    status: row.status_text.clone(),
                    error: row.error.clone(),
                });
            }
            _ => {}
        }
    }

    fn failed(&mut self, row: &UserRow, key: &str, batch: String) {
        let (error, consistency) = match self.statistics.get(key) {
            Some((e, c)) => (
                if e.is_empty() { &row.error } else { e },
                if c.is_empty() { &row.consistency } else { c },
            ),
            None => (&row.error, &row.consistency),
        };
        let trouble = Trouble::of_failure(error, consistency);
        let entry = self.troubles.entry((trouble, error.clone())).or_default();
        entry.0.push(row.address.clone());
        entry.1.push(batch.clone());
        self.report.failed.push(Failed {
            address: row.address.clone(),
            batch,
            status: row.status_text.clone(),
            error: error.clone(),
        });
    }

    /// Planned mailboxes not in the export: missing when their batch is due or has members
    /// in the export, else not started.
    fn missing(&mut self, as_of: Date) {
        for (i, b) in self.plan.batches.iter().enumerate() {
            let (start, _) = batch_days(b);
            let seen_any = self.statuses[i].values().sum::<usize>() > 0;
            let due = seen_any || start.is_some_and(|s| s <= as_of);
            for m in &b.members {
                let seen = self.index.get(&fold(m)).is_some_and(|e| e.1 > 0);
                if seen {
                    continue;
                }
                if due {
                    self.counts[i].missing += 1;
                    self.report.missing.push(Missing {
                        address: m.clone(),
                        batch: b.name.clone(),
                    });
                } else {
                    self.counts[i].not_started += 1;
                }
            }
        }
    }

    fn batches(&mut self, export: Option<&Batches>, as_of: Date) {
        let mut listed: BTreeMap<String, String> = BTreeMap::new();
        if let Some(export) = export {
            self.report
                .warnings
                .extend(export.warnings.iter().map(ToString::to_string));
            for r in &export.rows {
                let name = r
                    .status
                    .map_or_else(|| r.status_text.clone(), |s| s.name().to_owned());
                listed.insert(r.name.to_ascii_lowercase(), name);
                if !self
                    .plan
                    .batches
                    .iter()
                    .any(|b| b.name.eq_ignore_ascii_case(&r.name))
                {
                    self.report.unknown_batches.push(UnknownBatch {
                        name: r.name.clone(),
                        status: r.status_text.clone(),
                    });
                }
            }
        }
        for (i, b) in self.plan.batches.iter().enumerate() {
            let c = std::mem::take(&mut self.counts[i]);
            let (start, date) = batch_days(b);
            let state = state(&c, start, date, as_of);
            let complete_command = (state == BatchState::WaitingForCompletion
                && date.is_some_and(|d| d <= as_of))
            .then(|| steps::complete_batch(&b.name));
            add_counts(&mut self.report.totals, &c);
            self.report.batches.push(BatchReport {
                number: b.number,
                name: b.name.clone(),
                date: b.date.clone(),
                sync_start: b.sync_start.clone(),
                counts: c,
                statuses: std::mem::take(&mut self.statuses[i]),
                export_status: listed.get(&b.name.to_ascii_lowercase()).cloned(),
                state,
                complete_command,
            });
        }
    }

    fn finish(mut self, as_of: Date) -> Report {
        for ((trouble, error), (mut users, mut batches)) in std::mem::take(&mut self.troubles) {
            users.sort();
            batches.sort();
            batches.dedup();
            let commands = trouble.commands(&users, &batches);
            self.report.error_groups.push(ErrorGroup {
                error,
                trouble,
                users,
                batches,
                next_step: trouble.next_step(),
                pages: trouble.pages(),
                commands,
            });
        }
        // Largest group first; ties in the order of trouble and error (the map's order).
        self.report
            .error_groups
            .sort_by_key(|g| std::cmp::Reverse(g.users.len()));
        let by_batch = |a: &Failed, b: &Failed| (&a.batch, &a.address).cmp(&(&b.batch, &b.address));
        self.report.failed.sort_by(by_batch);
        self.report.stopped.sort_by(by_batch);
        self.report
            .unknown
            .sort_by(|a, b| a.address.cmp(&b.address));
        self.report.moved.sort_by(|a, b| a.address.cmp(&b.address));
        self.report
            .unknown_batches
            .sort_by(|a, b| a.name.cmp(&b.name));
        let (pace, burnup) = view::pace(self.plan, &self.report, &self.completed_on, as_of);
        self.report.pace = pace;
        self.report.burnup = burnup;
        attention(&mut self.report);
        self.report
    }
}

/// A warning for a user listed twice.
fn twice(row: &UserRow, first: u64) -> String {
    format!(
        "line {}: `{}` is listed again (first at line {first}); the first row is used",
        row.line,
        export::quoted(&row.address)
    )
}

/// The day a completed user completed: the date of `LastSuccessfulSyncTime` when it reads as
/// `YYYY-MM-DD…` or as PowerShell's invariant `MM/DD/YYYY …`.
fn completion_day(text: &str) -> Option<Date> {
    let head = text.split([' ', 'T']).next()?;
    if let Ok(d) = head.parse::<Date>() {
        return Some(d);
    }
    let mut parts = head.split('/');
    let month: i8 = parts.next()?.parse().ok()?;
    let day: i8 = parts.next()?.parse().ok()?;
    let year: i16 = parts.next()?.parse().ok()?;
    Date::new(year, month, day).ok()
}

fn add_counts(total: &mut Counts, c: &Counts) {
    total.planned += c.planned;
    total.completed += c.completed;
    total.synced += c.synced;
    total.syncing += c.syncing;
    total.failed += c.failed;
    total.stopped += c.stopped;
    total.unknown_status += c.unknown_status;
    total.not_started += c.not_started;
    total.missing += c.missing;
}

/// Where a batch with counts `c` stands on `as_of`.
fn state(c: &Counts, start: Option<Date>, date: Option<Date>, as_of: Date) -> BatchState {
    let present = c.completed + c.synced + c.syncing + c.failed + c.stopped + c.unknown_status;
    if c.completed == c.planned {
        BatchState::Complete
    } else if date.is_some_and(|d| d < as_of) {
        BatchState::Late
    } else if present > 0 && c.completed + c.synced == c.planned {
        BatchState::WaitingForCompletion
    } else if present > 0 {
        BatchState::InProgress
    } else if start.is_some_and(|s| s <= as_of) {
        BatchState::NotCreated
    } else {
        BatchState::NotStarted
    }
}

/// Fills in whether something needs attention and what.
fn attention(r: &mut Report) {
    let t = &r.totals;
    let late = r
        .batches
        .iter()
        .filter(|b| b.state == BatchState::Late)
        .count();
    let failing = r
        .batches
        .iter()
        .filter(|b| {
            b.export_status.as_deref().is_some_and(|s| {
                BatchStatus::parse(s).is_none_or(|s| s.category() == Category::Failed)
            })
        })
        .count();
    let mailboxes = |n: usize| if n == 1 { "mailbox" } else { "mailboxes" };
    let batches = |n: usize| if n == 1 { "batch" } else { "batches" };
    let reasons: Vec<String> = [
        (t.failed, format!("failed {}", mailboxes(t.failed))),
        (t.stopped, format!("stopped {}", mailboxes(t.stopped))),
        (
            t.unknown_status,
            format!(
                "{} with a status Microsoft does not list",
                mailboxes(t.unknown_status)
            ),
        ),
        (late, format!("late {}", batches(late))),
        (
            t.missing,
            format!("planned {} missing from the export", mailboxes(t.missing)),
        ),
        (
            r.unknown.len(),
            format!(
                "{} migrating that the plan does not know",
                mailboxes(r.unknown.len())
            ),
        ),
        (
            r.moved.len(),
            format!(
                "{} migrating in another batch than planned",
                mailboxes(r.moved.len())
            ),
        ),
        (
            failing,
            format!(
                "{} Exchange Online reports failed or with errors",
                batches(failing)
            ),
        ),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    r.attention = !reasons.is_empty();
    r.attention_reasons = reasons;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::{Batch, Estimate, Totals};
    use export::UserStatus;
    use quickcheck::quickcheck;

    /// A plan of `batches` batches of `size` mailboxes on consecutive days from 2026-03-02.
    fn plan(batches: usize, size: usize) -> Plan {
        let batches: Vec<Batch> = (0..batches)
            .map(|k| {
                let day = format!("2026-03-{:02}", k + 2);
                Batch {
                    number: k + 1,
                    name: format!("{:02}-b", k + 1),
                    file: None,
                    pilot: false,
                    members: (0..size).map(|i| format!("u{k}-{i}@contoso.com")).collect(),
                    bytes: 1_000_000_000 * size as u64,
                    largest_bytes: 1_000_000_000,
                    date: Some(day.clone()),
                    window: None,
                    sync_start: Some(day),
                    complete_after_utc: None,
                    estimate: Estimate {
                        hours: None,
                        p50_days: 1,
                        p90_days: 7,
                    },
                }
            })
            .collect();
        Plan {
            format_version: 1,
            organization: "Contoso".to_owned(),
            path: crate::answers::MigrationPath::FullHybrid,
            path_title: "Full hybrid".to_owned(),
            rule: "r".to_owned(),
            time_zone: "UTC".to_owned(),
            totals: Totals {
                mailboxes: batches.iter().map(|b| b.members.len()).sum(),
                ..Totals::default()
            },
            batches,
            groups: Vec::new(),
            hubs: Vec::new(),
            broken_links: Vec::new(),
            unresolved: Vec::new(),
            warnings: Vec::new(),
            changes: None,
        }
    }

    /// Export rows from random picks: (mailbox, status) indexes; a mailbox index past the plan
    /// is a mailbox the plan does not know, a status index past Microsoft's list an unknown one.
    fn users(plan: &Plan, picks: &[(u8, u8)]) -> Users {
        let members: Vec<(&str, &str)> = plan
            .batches
            .iter()
            .flat_map(|b| b.members.iter().map(move |m| (m.as_str(), b.name.as_str())))
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Users::default();
        for (line, &(m, s)) in picks.iter().enumerate() {
            if !seen.insert(m) {
                continue;
            }
            let (address, batch) = members.get(usize::from(m)).map_or_else(
                || (format!("x{m}@contoso.com"), "adhoc".to_owned()),
                |(a, b)| ((*a).to_owned(), (*b).to_owned()),
            );
            let status = UserStatus::ALL
                .get(usize::from(s) % (UserStatus::ALL.len() + 1))
                .copied();
            out.rows.push(UserRow {
                line: line as u64 + 2,
                address,
                batch,
                status,
                status_text: status.map_or("Odd", UserStatus::name).to_owned(),
                error: if s % 2 == 0 {
                    "E1".to_owned()
                } else {
                    "E2".to_owned()
                },
                consistency: String::new(),
                last_sync: String::new(),
            });
        }
        out
    }

    quickcheck! {
        fn every_planned_mailbox_is_counted_once_whatever_the_row_order(picks: Vec<(u8, u8)>, day: u8) -> bool {
            let plan = plan(4, 30);
            let as_of = Date::new(2026, 3, 1).expect("a day").checked_add(jiff::Span::new().days(i64::from(day % 10))).expect("a day");
            let forward = users(&plan, &picks);
            let mut backward = forward.clone();
            backward.rows.reverse();
            let a = reconcile(&plan, &forward, Extra::default(), as_of);
            let b = reconcile(&plan, &backward, Extra::default(), as_of);
            let balanced = a.batches.iter().all(|b| {
                let c = &b.counts;
                c.planned == c.completed + c.synced + c.syncing + c.failed + c.stopped
                    + c.unknown_status + c.not_started + c.missing
            });
            let mut totals = Counts::default();
            for b in &a.batches {
                add_counts(&mut totals, &b.counts);
            }
            let failed_listed = a.failed.len() == a.totals.failed
                && a.error_groups.iter().map(|g| g.users.len()).sum::<usize>() == a.totals.failed + a.totals.stopped;
            balanced && totals == a.totals && failed_listed && a.totals.planned == 120
                && Report { warnings: Vec::new(), ..a.clone() } == Report { warnings: Vec::new(), ..b }
                && a.attention != a.attention_reasons.is_empty()
        }
    }

    #[test]
    fn completion_days_read_iso_and_invariant_dates() {
        let d = |s: &str| completion_day(s).map(|d| d.to_string());
        assert_eq!(d("2026-02-04T02:13:05Z").as_deref(), Some("2026-02-04"));
        assert_eq!(d("02/04/2026 02:13:05").as_deref(), Some("2026-02-04"));
        assert_eq!(d("2/4/2026 2:13:05 AM").as_deref(), Some("2026-02-04"));
        assert_eq!(d("").as_deref(), None);
        assert_eq!(d("31/31/2026").as_deref(), None);
    }
}
