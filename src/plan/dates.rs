//! Planning stage 8, schedule: each batch's migration day on the answers' calendar (a new day
//! for the pilot, the first batch after it, and whenever the day's data would exceed what the
//! window moves), its window, for remote moves the day to start syncing and the UTC time to
//! complete, and its estimates.

use super::PlanError;
use super::caps::Budget;
use super::inventory::{Mailbox, read_ahead};
use super::model::{Batch, Estimate};
use super::name::Named;
use super::pack::Packed;
use super::schedule::{Calendar, published_days};
use crate::answers::MigrationPath;
use crate::answers::model::{Date, Schedule};

/// When a batch runs: its day, window, sync start and completion time.
#[derive(Debug, Default)]
struct When {
    date: Option<String>,
    window: Option<String>,
    sync_start: Option<String>,
    complete_after_utc: Option<String>,
}

/// Walks the calendar batch by batch.
struct Days<'c> {
    calendar: &'c mut Calendar,
    day: Option<Date>,
    used: u64,
}

impl Days<'_> {
    /// The day batch `b` (of `bytes`) runs on, and the rest of its timing.
    fn next(
        &mut self,
        (b, bytes, p90): (usize, u64, u32),
        path: MigrationPath,
        (pilot_batches, start): (usize, Option<Date>),
        budget: &Budget,
    ) -> Result<When, PlanError> {
        let new_day = self.day.is_none()
            || b <= pilot_batches
            || budget.throughput.is_none()
            || self.used.saturating_add(bytes) > budget.volume_cap;
        let day = match self.day {
            Some(d) if !new_day => d,
            _ => {
                self.used = 0;
                *self.day.insert(self.calendar.next_day()?)
            }
        };
        self.used = self.used.saturating_add(bytes);
        let remote = path.limits().remote_move;
        // Remote moves are pre-staged: created and started the p90 sync time ahead.
        Ok(When {
            date: Some(day.to_string()),
            window: Some(self.calendar.window.text()),
            complete_after_utc: remote.then(|| self.calendar.start_utc(day)).transpose()?,
            sync_start: match (remote, start) {
                (true, Some(floor)) => Some(Calendar::days_before(day, p90, floor).to_string()),
                _ => None,
            },
        })
    }
}

/// Hours to move `bytes` at `throughput` GiB per hour, to a tenth.
pub(super) fn hours(bytes: u64, throughput: Option<f64>) -> Option<f64> {
    #[expect(clippy::cast_precision_loss, reason = "an estimate")]
    throughput.map(|t| {
        let h = bytes as f64 / f64::from(1u32 << 30) / t;
        (h * 10.0).round() / 10.0
    })
}

/// The batches of the plan: members, sizes, names, days and estimates.
///
/// # Errors
/// When the schedule's calendar cannot be made or runs out of days (see [`Calendar`]).
pub fn schedule_batches(
    path: MigrationPath,
    schedule: &Schedule,
    (packed, names): (&Packed, Vec<Named>),
    budget: &Budget,
    mailboxes: &[Mailbox],
    warnings: &mut Vec<String>,
) -> Result<Vec<Batch>, PlanError> {
    let mut calendar = Calendar::new(schedule)?;
    if calendar.is_none() {
        warnings.push(
            "the answers have no schedule start date (schedule.start): batches are not scheduled"
                .to_owned(),
        );
    } else if budget.throughput.is_none() {
        warnings.push(
            "the answers have no throughput_gb_per_hour: one batch per migration day, and no hour estimates"
                .to_owned(),
        );
    }
    let mut days = calendar.as_mut().map(|calendar| Days {
        calendar,
        day: None,
        used: 0,
    });
    let mut batches = Vec::with_capacity(packed.batches.len());
    for ((b, members), named) in packed.batches.iter().enumerate().zip(names) {
        let weights = members.iter().map(|&i| budget.weights[i].bytes);
        let bytes = weights.clone().fold(0, u64::saturating_add);
        let largest = weights.max().unwrap_or(0);
        let (p50, p90) = published_days(largest);
        let when = match days.as_mut() {
            Some(days) => days.next(
                (b, bytes, p90),
                path,
                (packed.pilot_batches, schedule.start),
                budget,
            )?,
            None => When::default(),
        };
        let named = named.on(when.date.as_deref());
        read_ahead(members.iter().map(|&i| &mailboxes[i]));
        batches.push(Batch {
            number: b + 1,
            name: named.name,
            file: named.file,
            pilot: b < packed.pilot_batches,
            members: members
                .iter()
                .map(|&i| mailboxes[i].address().to_owned())
                .collect(),
            bytes,
            largest_bytes: largest,
            date: when.date,
            window: when.window,
            sync_start: when.sync_start,
            complete_after_utc: when.complete_after_utc,
            estimate: Estimate {
                hours: hours(bytes, budget.throughput),
                p50_days: p50,
                p90_days: p90,
            },
        });
    }
    Ok(batches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_rounded_to_a_tenth() {
        assert_eq!(hours(3 << 30, Some(2.0)), Some(1.5));
        assert_eq!(hours(1 << 30, Some(3.0)), Some(0.3));
        assert_eq!(hours(1 << 30, None), None);
    }

    #[test]
    fn unscheduled_batches_have_no_days_and_a_warning() {
        let inventory = crate::plan::Inventory::parse(
            "inv.csv",
            "EmailAddress,SizeBytes\na@x.com,1073741824\nb@x.com,2147483648\n",
        )
        .expect("parses");
        let m = &inventory.mailboxes();
        let schedule = Schedule::default();
        let budget = super::super::caps::budget(
            MigrationPath::Staged,
            &schedule,
            m,
            None,
            &super::super::Options::default(),
        )
        .expect("a budget");
        let packed = Packed {
            batches: vec![vec![0, 1]],
            pilot_batches: 0,
        };
        let names = super::super::name::name_batches(MigrationPath::Staged, &packed.batches, 0, m);
        let mut warnings = Vec::new();
        let batches = schedule_batches(
            MigrationPath::Staged,
            &schedule,
            (&packed, names),
            &budget,
            m,
            &mut warnings,
        )
        .expect("batches");
        assert_eq!(batches[0].bytes, 3 << 30);
        assert_eq!(batches[0].largest_bytes, 2 << 30);
        assert_eq!(batches[0].date, None);
        assert_eq!(batches[0].members, ["a@x.com", "b@x.com"]);
        assert_eq!(warnings.len(), 1);
    }
}
