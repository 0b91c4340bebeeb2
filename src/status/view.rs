//! The status report's numbers over time — the observed pace, the revised finish date, the
//! burn-up — and the view the `status.*` templates render: the report with its long lists cut
//! to their first entries and the burn-up drawn as inline SVG.

use std::collections::BTreeMap;

use jiff::ToSpan as _;
use jiff::civil::Date;
use serde::Serialize;

use super::{Day, Pace, Report};
use crate::plan::Plan;
use crate::render::{View, ViewKind};

/// The most burn-up days drawn (ten years): a plan longer than that is cut.
const MAX_DAYS: i32 = 3660;
/// Entries of each list the documents show; `--format json` has them all.
pub const SHOWN: usize = 50;

/// One decimal.
fn tenth(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Bytes as GB (10^9), unrounded.
#[expect(
    clippy::cast_precision_loss,
    reason = "a size in GB, shown to one decimal"
)]
fn gb(bytes: u128) -> f64 {
    bytes as f64 / 1e9
}

/// The pace and the burn-up of `report` (whose batches are counted), with completed users by
/// completion day `completed_on`, on `as_of`.
#[must_use]
#[expect(
    clippy::cast_precision_loss,
    reason = "counts per day, shown to one decimal"
)]
pub fn pace(
    plan: &Plan,
    report: &Report,
    completed_on: &BTreeMap<Date, usize>,
    as_of: Date,
) -> (Option<Pace>, Vec<Day>) {
    let days: Vec<(Option<Date>, Option<Date>)> =
        plan.batches.iter().map(super::batch_days).collect();
    let Some(start) = days.iter().filter_map(|d| d.0).min() else {
        return (None, Vec::new());
    };
    let Some(finish) = days.iter().filter_map(|d| d.1).max() else {
        return (None, Vec::new());
    };
    let burnup = burnup(plan, &days, completed_on, start, finish.max(as_of), as_of);
    let elapsed = i64::from((as_of - start).get_days()) + 1;
    if elapsed < 1 {
        return (None, burnup);
    }
    let completed = report.totals.completed;
    let bytes: u128 = plan
        .batches
        .iter()
        .zip(&report.batches)
        .filter(|(b, _)| !b.members.is_empty())
        .map(|(b, r)| u128::from(b.bytes) * r.counts.completed as u128 / b.members.len() as u128)
        .sum();
    let planned_days = i64::from((finish - start).get_days().max(0)) + 1;
    let total = report.totals.planned;
    let remaining = total.saturating_sub(completed);
    let revised_finish = if remaining == 0 {
        Some(as_of.to_string())
    } else if completed == 0 {
        None
    } else {
        // ceil(remaining / (completed / elapsed)) days after the report's day.
        let ahead =
            (remaining as u128 * elapsed.unsigned_abs() as u128).div_ceil(completed as u128);
        i64::try_from(ahead)
            .ok()
            .filter(|&d| d <= 365 * 100)
            .and_then(|d| as_of.checked_add(d.days()).ok())
            .map(|d| d.to_string())
    };
    let pace = Pace {
        start: start.to_string(),
        planned_finish: finish.to_string(),
        elapsed_days: elapsed,
        completed_mailboxes: completed,
        completed_gb: tenth(gb(bytes)),
        mailboxes_per_day: tenth(completed as f64 / elapsed as f64),
        gb_per_day: tenth(gb(bytes) / elapsed as f64),
        planned_mailboxes_per_day: tenth(total as f64 / planned_days as f64),
        planned_gb_per_day: tenth(gb(u128::from(plan.totals.bytes)) / planned_days as f64),
        revised_finish,
    };
    (Some(pace), burnup)
}

/// Planned and completed mailboxes, cumulative, each day from `start` to `end`.
fn burnup(
    plan: &Plan,
    days: &[(Option<Date>, Option<Date>)],
    completed_on: &BTreeMap<Date, usize>,
    start: Date,
    end: Date,
    as_of: Date,
) -> Vec<Day> {
    let mut planned_on: BTreeMap<Date, usize> = BTreeMap::new();
    for (b, (_, date)) in plan.batches.iter().zip(days) {
        if let Some(d) = date {
            *planned_on.entry(*d).or_insert(0) += b.members.len();
        }
    }
    let count = (end - start).get_days().clamp(0, MAX_DAYS);
    let mut out = Vec::new();
    let (mut planned, mut completed) = (0, 0);
    // Completions before the start (a clock set wrong) count on the first day.
    completed += completed_on.range(..start).map(|(_, n)| n).sum::<usize>();
    planned += planned_on.range(..start).map(|(_, n)| n).sum::<usize>();
    for k in 0..=count {
        let Ok(day) = start.checked_add(k.days()) else {
            break;
        };
        planned += planned_on.get(&day).copied().unwrap_or(0);
        completed += completed_on.get(&day).copied().unwrap_or(0);
        out.push(Day {
            date: day.to_string(),
            planned,
            completed: (day <= as_of).then_some(completed),
        });
    }
    out
}

/// The burn-up as SVG shapes, in a 640 × 240 drawing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Chart {
    /// `points` of the planned line.
    pub planned: String,
    /// `points` of the completed line.
    pub completed: String,
    /// The first day.
    pub first: String,
    /// The last day.
    pub last: String,
    /// The top of the scale (planned mailboxes).
    pub top: usize,
    /// The x of the report's day.
    pub today_x: u32,
}

const WIDTH: u64 = 600;
const HEIGHT: u64 = 200;
const LEFT: u64 = 30;
const TOP: u64 = 10;

fn chart(days: &[Day], as_of: &str) -> Option<Chart> {
    let last = days.last()?;
    let top = last.planned.max(1) as u64;
    let span = (days.len() as u64).saturating_sub(1).max(1);
    let x = |i: usize| LEFT + (i as u64) * WIDTH / span;
    let y = |n: usize| TOP + HEIGHT - (n as u64).min(top) * HEIGHT / top;
    let line = |f: &dyn Fn(&Day) -> Option<usize>| {
        days.iter()
            .enumerate()
            .filter_map(|(i, d)| f(d).map(|n| format!("{},{}", x(i), y(n))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let today = days
        .iter()
        .position(|d| d.date == as_of)
        .unwrap_or(days.len() - 1);
    Some(Chart {
        planned: line(&|d| Some(d.planned)),
        completed: line(&|d| d.completed),
        first: days[0].date.clone(),
        last: last.date.clone(),
        top: last.planned,
        today_x: u32::try_from(x(today)).unwrap_or(0),
    })
}

/// What the `status.*` templates render: the report with each list cut to [`SHOWN`] entries
/// (`more` says how many are left out), and the burn-up chart.
#[derive(Debug, Serialize)]
pub struct StatusView<'r> {
    /// The report, its lists cut.
    #[serde(flatten)]
    pub report: Shown<'r>,
    /// The burn-up drawn, when the plan has dates.
    pub chart: Option<Chart>,
    /// Entries left out of each list: `failed`, `stopped`, `unknown`, `missing`, `moved`,
    /// and the users of each error group beyond its first [`SHOWN`].
    pub more: BTreeMap<&'static str, usize>,
}

/// The report with its lists cut to their first entries.
#[derive(Debug, Serialize)]
pub struct Shown<'r> {
    organization: &'r str,
    path_title: &'r str,
    as_of: &'r str,
    attention: bool,
    attention_reasons: &'r [String],
    totals: &'r super::Counts,
    batches: &'r [super::BatchReport],
    complete_commands: Vec<&'r str>,
    failed: &'r [super::Failed],
    stopped: &'r [super::Failed],
    error_groups: Vec<GroupShown<'r>>,
    unknown: &'r [super::Unknown],
    missing: &'r [super::Missing],
    moved: &'r [super::Moved],
    unknown_batches: &'r [super::UnknownBatch],
    pace: &'r Option<Pace>,
    warnings: &'r [String],
}

/// An error group with its users cut.
#[derive(Debug, Serialize)]
pub struct GroupShown<'r> {
    error: &'r str,
    trouble: super::Trouble,
    count: usize,
    users: &'r [String],
    more_users: usize,
    batches: &'r [String],
    next_step: &'r str,
    pages: &'r [&'static str],
    commands: &'r [String],
}

fn cut<'a, T>(
    list: &'a [T],
    name: &'static str,
    more: &mut BTreeMap<&'static str, usize>,
) -> &'a [T] {
    more.insert(name, list.len().saturating_sub(SHOWN));
    &list[..list.len().min(SHOWN)]
}

/// The view of `report`.
#[must_use]
pub fn view(report: &Report) -> StatusView<'_> {
    let mut more = BTreeMap::new();
    let r = report;
    let error_groups = r
        .error_groups
        .iter()
        .map(|g| GroupShown {
            error: &g.error,
            trouble: g.trouble,
            count: g.users.len(),
            users: &g.users[..g.users.len().min(SHOWN)],
            more_users: g.users.len().saturating_sub(SHOWN),
            batches: &g.batches,
            next_step: g.next_step,
            pages: g.pages,
            commands: &g.commands,
        })
        .collect();
    let shown = Shown {
        organization: &r.organization,
        path_title: &r.path_title,
        as_of: &r.as_of,
        attention: r.attention,
        attention_reasons: &r.attention_reasons,
        totals: &r.totals,
        batches: &r.batches,
        complete_commands: r
            .batches
            .iter()
            .filter_map(|b| b.complete_command.as_deref())
            .collect(),
        failed: cut(&r.failed, "failed", &mut more),
        stopped: cut(&r.stopped, "stopped", &mut more),
        error_groups,
        unknown: cut(&r.unknown, "unknown", &mut more),
        missing: cut(&r.missing, "missing", &mut more),
        moved: cut(&r.moved, "moved", &mut more),
        unknown_batches: &r.unknown_batches,
        pace: &r.pace,
        warnings: cut(&r.warnings, "warnings", &mut more),
    };
    StatusView {
        report: shown,
        chart: chart(&r.burnup, &r.as_of),
        more,
    }
}

impl View for StatusView<'_> {
    const KIND: ViewKind = ViewKind::Status;
}
