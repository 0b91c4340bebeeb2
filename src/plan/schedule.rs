//! Scheduling: batches on migration days inside the window, around blackout dates, in the
//! answers' time zone; estimates from size and throughput and Microsoft's published p50/p90
//! durations; a UTC `CompleteAfter` for hybrid moves.

use jiff::civil::{self, Weekday as JiffWeekday};
use jiff::tz::TimeZone;

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
    next: civil::Date,
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
    /// The calendar of `schedule`; `None` without a start date or with an unknown time zone.
    #[must_use]
    pub fn new(schedule: &Schedule) -> Option<Self> {
        let next = to_jiff(schedule.start?)?;
        let zone = TimeZone::get(schedule.time_zone.as_deref().unwrap_or("UTC")).ok()?;
        Some(Self {
            next,
            days: schedule.days.clone(),
            blackout: schedule.blackout.clone(),
            window: schedule
                .window
                .as_deref()
                .and_then(Window::parse)
                .unwrap_or(Window::DAY),
            zone,
        })
    }

    /// The next migration day: on one of the days (any, when none are given), not a blackout.
    pub fn next_day(&mut self) -> Option<Date> {
        // A year holds every weekday; more means no day qualifies.
        for _ in 0..400 {
            let d = self.next;
            self.next = d.tomorrow().ok()?;
            let date = from_jiff(d);
            let on_day = self.days.is_empty() || self.days.contains(&weekday(d.weekday()));
            if on_day && !self.blackout.contains(&date) {
                return Some(date);
            }
        }
        None
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
    #[must_use]
    pub fn start_utc(&self, date: Date) -> Option<String> {
        let d = to_jiff(date)?;
        let h = i8::try_from(self.window.start / 60).ok()?;
        let m = i8::try_from(self.window.start % 60).ok()?;
        let zoned = d.at(h, m, 0, 0).to_zoned_datetime(self.zone.clone()).ok()?;
        Some(zoned.timestamp().to_string())
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
        let mut c = Calendar::new(&schedule).expect("calendar");
        let first = c.next_day().expect("a day");
        assert_eq!(first.to_string(), "2026-03-29");
        // British Summer Time starts on 29 March 2026: 20:00 BST is 19:00 UTC.
        assert_eq!(c.start_utc(first).as_deref(), Some("2026-03-29T19:00:00Z"));
        assert_eq!(
            c.next_day().map(|d| d.to_string()).as_deref(),
            Some("2026-04-04")
        );
    }

    #[test]
    fn published_figures() {
        assert_eq!(published_days(500 << 20), (1, 7));
        assert_eq!(published_days(20 << 30), (3, 14));
        assert_eq!(published_days(150 << 30), (8, 45));
    }
}
