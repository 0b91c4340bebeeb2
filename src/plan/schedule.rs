//! Scheduling: batches on migration days inside the window, around blackout dates, in the
//! answers' time zone; estimates from size and throughput and Microsoft's published p50/p90
//! durations; a UTC `CompleteAfter` for hybrid moves.

use jiff::civil::Weekday as JiffWeekday;
use jiff::tz::TimeZone;

use super::PlanError;
pub use crate::answers::model::Window;
use crate::answers::model::{Date, Schedule, Weekday};

/// Microsoft's published onboarding durations by mailbox size (domain.md §4.1): the largest
/// size of the bucket in GiB, the median days and the 90th-percentile days.
const DURATIONS: [(u64, u32, u32); 5] = [
    (1, 1, 7),
    (10, 1, 7),
    (50, 3, 14),
    (100, 3, 30),
    (200, 8, 45),
];

/// Largest mailbox the published figures cover (200 GB); above, moves are not supported.
pub const LARGEST_SUPPORTED_BYTES: u64 = 200 << 30;

/// p50 and p90 days for a batch whose largest mailbox holds `bytes`.
#[must_use]
pub fn published_days(bytes: u64) -> (u32, u32) {
    DURATIONS
        .iter()
        .find(|(gib, _, _)| bytes <= gib << 30)
        .map_or((8, 45), |&(_, p50, p90)| (p50, p90))
}

const fn weekday(w: JiffWeekday) -> Weekday {
    match w {
        JiffWeekday::Monday => Weekday::Monday,
        JiffWeekday::Tuesday => Weekday::Tuesday,
        JiffWeekday::Wednesday => Weekday::Wednesday,
        JiffWeekday::Thursday => Weekday::Thursday,
        JiffWeekday::Friday => Weekday::Friday,
        JiffWeekday::Saturday => Weekday::Saturday,
        JiffWeekday::Sunday => Weekday::Sunday,
    }
}

/// The migration days of a schedule, in order from its start.
#[derive(Debug)]
pub struct Calendar {
    /// The first day not yet handed out; `None` past the end of the calendar.
    next: Option<Date>,
    days: Vec<Weekday>,
    blackout: Vec<Date>,
    /// The window on each day.
    pub window: Window,
    /// The time zone.
    pub zone: TimeZone,
}

impl Calendar {
    /// The calendar of `schedule`; `None` without a start date.
    ///
    /// # Errors
    /// None today: the answers' types hold only dates and zones the calendar can use; the
    /// `Result` stays for the planner's callers.
    pub fn new(schedule: &Schedule) -> Result<Option<Self>, PlanError> {
        let Some(start) = schedule.start else {
            return Ok(None);
        };
        Ok(Some(Self {
            next: Some(start),
            days: schedule.days.clone(),
            blackout: schedule.blackout.clone(),
            window: schedule.window.unwrap_or(Window::DAY),
            zone: schedule.zone().zone().clone(),
        }))
    }

    /// The next migration day: on one of the days (any, when none are given), not a blackout.
    ///
    /// # Errors
    /// When the calendar runs out (past 9999-12-31), or no day of a whole year qualifies: a
    /// batch left without a day must stop the plan, not leave it half scheduled.
    pub fn next_day(&mut self) -> Result<Date, PlanError> {
        let from = self.next;
        // A year holds every weekday; more means no day qualifies.
        for _ in 0..400 {
            let Some(d) = self.next else {
                return Err(PlanError(
                    "the schedule runs past 9999-12-31: no migration day is left for the remaining batches; \
                     set schedule.start to an earlier date"
                        .to_owned(),
                ));
            };
            self.next = d.tomorrow().ok();
            let on_day = self.days.is_empty() || self.days.contains(&weekday(d.weekday()));
            if on_day && !self.blackout.contains(&d) {
                return Ok(d);
            }
        }
        Err(PlanError(format!(
            "no migration day in the year from {}: check schedule.days and schedule.blackout",
            from.map_or_else(String::new, |d| d.to_string())
        )))
    }

    /// `days` before `date`, but never before `floor` (the schedule's start).
    #[must_use]
    pub fn days_before(date: Date, days: u32, floor: Date) -> Date {
        let back = date
            .checked_sub(jiff::Span::new().days(i64::from(days)))
            .unwrap_or(floor);
        back.max(floor)
    }

    /// The window's start on `date`, in UTC (`2026-01-12T19:00:00Z`).
    ///
    /// # Errors
    /// A start outside the range of times mma can convert (around the years 1 and 9999).
    pub fn start_utc(&self, date: Date) -> Result<String, PlanError> {
        let error = || {
            PlanError(format!(
                "the window on {date} cannot be converted to UTC in {}: set schedule.start to an earlier date",
                self.zone.iana_name().unwrap_or("the time zone")
            ))
        };
        let start = self.window.start_minutes();
        let h = i8::try_from(start / 60).map_err(|_| error())?;
        let m = i8::try_from(start % 60).map_err(|_| error())?;
        let zoned = date
            .at(h, m, 0, 0)
            .to_zoned_datetime(self.zone.clone())
            .map_err(|_| error())?;
        Ok(zoned.timestamp().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::model::Zone;
    use crate::answers::time::parse_date;

    #[test]
    fn days_skip_blackouts_and_convert_to_utc() {
        let schedule = Schedule {
            start: parse_date("2026-03-27"),
            time_zone: Some(Zone::get("Europe/London").expect("a zone")),
            days: vec![Weekday::Saturday, Weekday::Sunday],
            window: Some(Window::parse("20:00-06:00").expect("a window")),
            blackout: vec![parse_date("2026-03-28").expect("date")],
            throughput_gb_per_hour: None,
            max_batch_mailboxes: None,
            pilot: Vec::new(),
            notify: Vec::new(),
        };
        let mut c = Calendar::new(&schedule).expect("usable").expect("calendar");
        let first = c.next_day().expect("a day");
        assert_eq!(first.to_string(), "2026-03-29");
        // British Summer Time starts on 29 March 2026: 20:00 BST is 19:00 UTC.
        assert_eq!(c.start_utc(first).as_deref(), Ok("2026-03-29T19:00:00Z"));
        assert_eq!(
            c.next_day().map(|d| d.to_string()).as_deref(),
            Ok("2026-04-04")
        );
    }

    #[test]
    fn the_end_of_the_calendar_is_an_error_not_an_empty_day() {
        let schedule = Schedule {
            start: parse_date("9999-12-30"),
            time_zone: Some(Zone::get("America/New_York").expect("a zone")),
            days: Vec::new(),
            window: Some(Window::parse("20:00-06:00").expect("a window")),
            blackout: Vec::new(),
            throughput_gb_per_hour: None,
            max_batch_mailboxes: None,
            pilot: Vec::new(),
            notify: Vec::new(),
        };
        let mut c = Calendar::new(&schedule).expect("usable").expect("calendar");
        assert_eq!(
            c.next_day().map(|d| d.to_string()).as_deref(),
            Ok("9999-12-30")
        );
        let last = c.next_day().expect("the last day");
        assert_eq!(last.to_string(), "9999-12-31");
        // 20:00 in New York on the last day is already in the year 10000 in UTC.
        assert!(c.start_utc(last).is_err());
        let e = c.next_day().expect_err("no day left");
        assert!(e.0.contains("9999-12-31"), "{e}");
    }

    #[test]
    fn published_figures() {
        assert_eq!(published_days(500 << 20), (1, 7));
        assert_eq!(published_days(20 << 30), (3, 14));
        assert_eq!(published_days(150 << 30), (8, 45));
    }
}
