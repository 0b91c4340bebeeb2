//! Scheduling: batches on migration days inside the window, around blackout dates, in the
//! answers' time zone; estimates from size and throughput and Microsoft's published p50/p90
//! durations; a UTC `CompleteAfter` for hybrid moves.

use jiff::civil::{self, Weekday as JiffWeekday};
use jiff::tz::TimeZone;

use super::PlanError;
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

/// A parsed window: start and end minutes after midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Start, minutes after midnight.
    pub start: u32,
    /// End, minutes after midnight (before the start when the window passes midnight).
    pub end: u32,
}

impl Window {
    /// The whole day.
    pub const DAY: Self = Self {
        start: 0,
        end: 24 * 60,
    };

    /// Parses `HH:MM-HH:MM`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let (a, b) = text.split_once('-')?;
        let minutes = |t: &str| {
            let (h, m) = t.split_once(':')?;
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            (h < 24 && m < 60).then_some(h * 60 + m)
        };
        Some(Self {
            start: minutes(a)?,
            end: minutes(b)?,
        })
    }

    /// Its length in hours.
    #[must_use]
    pub fn hours(self) -> f64 {
        let minutes = if self.end > self.start {
            self.end - self.start
        } else {
            24 * 60 - self.start + self.end
        };
        f64::from(minutes) / 60.0
    }

    /// `HH:MM-HH:MM`.
    #[must_use]
    pub fn text(self) -> String {
        let end = self.end % (24 * 60);
        format!(
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            end / 60,
            end % 60
        )
    }
}

fn to_jiff(d: Date) -> Option<civil::Date> {
    civil::Date::new(
        i16::try_from(d.year).ok()?,
        i8::try_from(d.month).ok()?,
        i8::try_from(d.day).ok()?,
    )
    .ok()
}

fn from_jiff(d: civil::Date) -> Date {
    Date {
        year: u16::try_from(d.year()).unwrap_or(0),
        month: u8::try_from(d.month()).unwrap_or(1),
        day: u8::try_from(d.day()).unwrap_or(1),
    }
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
    next: Option<civil::Date>,
    days: Vec<Weekday>,
    blackout: Vec<Date>,
    /// The window on each day.
    pub window: Window,
    /// The time zone.
    pub zone: TimeZone,
}

/// Whether `name` is a time zone mma knows (IANA names, from the bundled database).
#[must_use]
pub fn known_time_zone(name: &str) -> bool {
    TimeZone::get(name).is_ok()
}

impl Calendar {
    /// The calendar of `schedule`; `None` without a start date.
    ///
    /// # Errors
    /// A start date or time zone the calendar cannot use.
    pub fn new(schedule: &Schedule) -> Result<Option<Self>, PlanError> {
        let Some(start) = schedule.start else {
            return Ok(None);
        };
        let next = to_jiff(start).ok_or_else(|| {
            PlanError(format!(
                "schedule.start `{start}` is not a date the calendar can use; expected a date from 0001-01-01 to 9999-12-31"
            ))
        })?;
        let zone_name = schedule.time_zone.as_deref().unwrap_or("UTC");
        let zone = TimeZone::get(zone_name).map_err(|_| {
            PlanError(format!(
                "schedule.time_zone `{zone_name}` is not a time zone mma knows; expected an IANA name such as `Europe/Paris`"
            ))
        })?;
        Ok(Some(Self {
            next: Some(next),
            days: schedule.days.clone(),
            blackout: schedule.blackout.clone(),
            window: schedule
                .window
                .as_deref()
                .and_then(Window::parse)
                .unwrap_or(Window::DAY),
            zone,
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
            let date = from_jiff(d);
            let on_day = self.days.is_empty() || self.days.contains(&weekday(d.weekday()));
            if on_day && !self.blackout.contains(&date) {
                return Ok(date);
            }
        }
        Err(PlanError(format!(
            "no migration day in the year from {}: check schedule.days and schedule.blackout",
            from.map_or_else(String::new, |d| from_jiff(d).to_string())
        )))
    }

    /// `days` before `date`, but never before `floor` (the schedule's start).
    #[must_use]
    pub fn days_before(date: Date, days: u32, floor: Date) -> Date {
        let (Some(d), Some(f)) = (to_jiff(date), to_jiff(floor)) else {
            return date;
        };
        let back = d
            .checked_sub(jiff::Span::new().days(i64::from(days)))
            .unwrap_or(f);
        from_jiff(back.max(f))
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
        let d = to_jiff(date).ok_or_else(error)?;
        let h = i8::try_from(self.window.start / 60).map_err(|_| error())?;
        let m = i8::try_from(self.window.start % 60).map_err(|_| error())?;
        let zoned = d
            .at(h, m, 0, 0)
            .to_zoned_datetime(self.zone.clone())
            .map_err(|_| error())?;
        Ok(zoned.timestamp().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        let w = Window::parse("20:00-06:00").expect("parses");
        assert!((w.hours() - 10.0).abs() < f64::EPSILON);
        assert_eq!(w.text(), "20:00-06:00");
        assert!((Window::DAY.hours() - 24.0).abs() < f64::EPSILON);
        assert_eq!(Window::DAY.text(), "00:00-00:00");
        assert!(Window::parse("25:00-01:00").is_none());
    }

    #[test]
    fn days_skip_blackouts_and_convert_to_utc() {
        let schedule = Schedule {
            start: Date::parse("2026-03-27"),
            time_zone: Some("Europe/London".to_owned()),
            days: vec![Weekday::Saturday, Weekday::Sunday],
            window: Some("20:00-06:00".to_owned()),
            blackout: vec![Date::parse("2026-03-28").expect("date")],
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
            start: Date::parse("9999-12-30"),
            time_zone: Some("America/New_York".to_owned()),
            days: Vec::new(),
            window: Some("20:00-06:00".to_owned()),
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
