//! The schedule's typed values, each parsed once by one parser: calendar dates (`YYYY-MM-DD`, as
//! `jiff::civil::Date`), the migration window (`HH:MM-HH:MM`) and the time zone (an IANA name,
//! resolved against jiff's bundled database, its name kept for output).
//!
//! The planner and the runbook read these types; nothing below `answers` parses the text again.

use std::fmt;

use jiff::civil;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date.
pub type Date = civil::Date;

/// Parses `YYYY-MM-DD` exactly (four-digit year, two-digit month and day), refusing dates that
/// do not exist (`2026-02-30`).
#[must_use]
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i16> {
        text.get(range)
            .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))?
            .parse()
            .ok()
    };
    let year = digits(0..4)?;
    let month = i8::try_from(digits(5..7)?).ok()?;
    let day = i8::try_from(digits(8..10)?).ok()?;
    civil::Date::new(year, month, day).ok()
}

/// `date` as `YYYY-MM-DD`.
fn date_text(date: Date) -> String {
    date.to_string()
}

fn date_from<'de, D: Deserializer<'de>>(text: &str) -> Result<Date, D::Error> {
    parse_date(text)
        .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
}

/// Serde for an optional date (`#[serde(with = "time::optional_date")]`).
pub mod optional_date {
    use super::{Date, Deserialize as _, Deserializer, Serializer};

    /// Writes the date as `YYYY-MM-DD`.
    ///
    /// # Errors
    /// The serializer's.
    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_some(&super::date_text(*d)),
            None => s.serialize_none(),
        }
    }

    /// Reads `YYYY-MM-DD`.
    ///
    /// # Errors
    /// Text that is not a real date.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| super::date_from::<D>(&text))
            .transpose()
    }
}

/// Serde for a list of dates (`#[serde(with = "time::dates")]`).
pub mod dates {
    use super::{Date, Deserialize as _, Deserializer, Serializer};

    /// Writes each date as `YYYY-MM-DD`.
    ///
    /// # Errors
    /// The serializer's.
    pub fn serialize<S: Serializer>(dates: &[Date], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(dates.iter().map(|d| super::date_text(*d)))
    }

    /// Reads a list of `YYYY-MM-DD`.
    ///
    /// # Errors
    /// An item that is not a real date.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Date>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|text| super::date_from::<D>(text))
            .collect()
    }
}

/// The JSON Schema of a date (the Rust type is `jiff::civil::Date`).
#[derive(Debug)]
pub struct DateSchema;

impl JsonSchema for DateSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date", "examples": ["2026-03-07"] })
    }
}

/// Minutes in a day.
const DAY_MINUTES: u16 = 24 * 60;

/// The hours batches run in: a start and an end in minutes after midnight. The end is before
/// the start when the window passes midnight; a window whose start and end are equal is empty
/// (the cross-field rules refuse it), except [`Window::DAY`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    start: u16,
    end: u16,
}

/// Why a window's text was refused, with the byte offset of the problem in it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a window (`HH:MM-HH:MM` on a 24-hour clock): {problem} at character {}", .at + 1)]
pub struct WindowError {
    /// The text refused.
    pub text: String,
    /// Byte offset of the problem.
    pub at: usize,
    /// What is wrong there.
    pub problem: &'static str,
}

impl Window {
    /// The whole day.
    pub const DAY: Self = Self {
        start: 0,
        end: DAY_MINUTES,
    };

    /// Parses `HH:MM-HH:MM` (24-hour clock, two digits each).
    ///
    /// # Errors
    /// Text of another form, or an hour above 23 or a minute above 59, located.
    pub fn parse(text: &str) -> Result<Self, WindowError> {
        let error = |at, problem| WindowError {
            text: text.to_owned(),
            at,
            problem,
        };
        let bytes = text.as_bytes();
        if bytes.len() != 11 {
            return Err(error(bytes.len().min(11), "expected 11 characters"));
        }
        if bytes[5] != b'-' {
            return Err(error(5, "expected `-`"));
        }
        let time = |at: usize| -> Result<u16, WindowError> {
            if bytes[at + 2] != b':' {
                return Err(error(at + 2, "expected `:`"));
            }
            let number = |from: usize| -> Result<u16, WindowError> {
                let pair = &bytes[from..from + 2];
                if pair.iter().all(u8::is_ascii_digit) {
                    Ok(u16::from(pair[0] - b'0') * 10 + u16::from(pair[1] - b'0'))
                } else {
                    Err(error(from, "expected two digits"))
                }
            };
            let (hour, minute) = (number(at)?, number(at + 3)?);
            if hour > 23 {
                return Err(error(at, "an hour is 00 to 23"));
            }
            if minute > 59 {
                return Err(error(at + 3, "a minute is 00 to 59"));
            }
            Ok(hour * 60 + minute)
        };
        Ok(Self {
            start: time(0)?,
            end: time(6)?,
        })
    }

    /// Its start, minutes after midnight.
    #[must_use]
    pub const fn start_minutes(self) -> u16 {
        self.start
    }

    /// Whether it starts and ends at the same time (and is not the whole day).
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Its length in hours.
    #[must_use]
    pub fn hours(self) -> f64 {
        let minutes = if self.end > self.start {
            self.end - self.start
        } else {
            DAY_MINUTES - self.start + self.end
        };
        f64::from(minutes) / 60.0
    }

    /// `HH:MM-HH:MM`.
    #[must_use]
    pub fn text(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = self.end % DAY_MINUTES;
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            end / 60,
            end % 60
        )
    }
}

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The name every schedule without a time zone is in.
pub const UTC: &str = "UTC";

/// A time zone of the IANA database, resolved once, with the name it was given (for output).
#[derive(Clone, Debug)]
pub struct Zone {
    name: String,
    zone: jiff::tz::TimeZone,
}

/// A time zone name the bundled IANA database does not hold.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a time zone of the IANA database")]
pub struct UnknownZone(pub String);

impl Zone {
    /// The zone named `name`.
    ///
    /// # Errors
    /// A name the bundled IANA database does not hold.
    pub fn get(name: &str) -> Result<Self, UnknownZone> {
        jiff::tz::TimeZone::get(name)
            .map(|zone| Self {
                name: name.to_owned(),
                zone,
            })
            .map_err(|_| UnknownZone(name.to_owned()))
    }

    /// UTC, the zone of a schedule that names none.
    #[must_use]
    pub fn utc() -> Self {
        Self {
            name: UTC.to_owned(),
            zone: jiff::tz::TimeZone::UTC,
        }
    }

    /// The name as written in the answers.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The resolved zone.
    #[must_use]
    pub const fn zone(&self) -> &jiff::tz::TimeZone {
        &self.zone
    }
}

impl Default for Zone {
    fn default() -> Self {
        Self::utc()
    }
}

/// Two zones are equal when their names are (the name is what the answers say).
impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name)
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Self::get(&name).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_parse_once_and_print_back() {
        let w = Window::parse("20:00-06:00").expect("parses");
        assert!((w.hours() - 10.0).abs() < f64::EPSILON);
        assert_eq!(w.text(), "20:00-06:00");
        assert!(!w.is_empty());
        assert!(Window::parse("08:30-08:30").expect("parses").is_empty());
        assert!((Window::DAY.hours() - 24.0).abs() < f64::EPSILON);
        assert!(!Window::DAY.is_empty());
        assert_eq!(Window::DAY.text(), "00:00-00:00");
    }

    #[test]
    fn window_errors_are_located() {
        let e = Window::parse("25:00-01:00").expect_err("hour 25");
        assert_eq!((e.at, e.problem), (0, "an hour is 00 to 23"));
        let e = Window::parse("20:00-06:60").expect_err("minute 60");
        assert_eq!((e.at, e.problem), (9, "a minute is 00 to 59"));
        let e = Window::parse("20:00/06:00").expect_err("no dash");
        assert_eq!(
            e.to_string(),
            "`20:00/06:00` is not a window (`HH:MM-HH:MM` on a 24-hour clock): expected `-` at character 6"
        );
        assert!(Window::parse("2:00-06:00").is_err());
        assert!(Window::parse("20:0x-06:00").is_err());
    }

    #[test]
    fn dates_are_exact() {
        assert_eq!(
            parse_date("2024-02-29").map(date_text).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            parse_date("0001-01-01").map(date_text).as_deref(),
            Some("0001-01-01")
        );
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2026-1-01").is_none());
        assert!(parse_date("+2026-01-01").is_none());
    }

    #[test]
    fn zones_keep_their_name() {
        let z = Zone::get("Europe/London").expect("known");
        assert_eq!(z.name(), "Europe/London");
        assert_eq!(Zone::default().name(), "UTC");
        assert_eq!(
            Zone::get("Mars/Olympus").expect_err("unknown").to_string(),
            "`Mars/Olympus` is not a time zone of the IANA database"
        );
    }
}
