//! Reading `plan.json` back (`mma runbook --plan`), strictly: only what `mma plan` writes is
//! accepted — format version 1, no unknown members, batch names and files of the form mma
//! gives them, known link reasons, addresses that are addresses, no control characters — and
//! every refusal names `FILE:LINE:COLUMN` (or a JSON pointer), what was found and what is allowed.

use serde::{Deserialize, Deserializer, de::Error as _};

use super::cells::shown;
use super::input::is_address;
use super::model::{LinkReason, Plan, batch_name_problem};

/// The largest `plan.json` read (1 GiB): a million mailboxes in a thousand batches make about
/// 100 MB; anything larger is not a plan mma wrote, and reading it would only exhaust memory.
pub const MAX_PLAN_BYTES: u64 = 1 << 30;

/// Reads `text`, the contents of `file`, as a plan `mma plan` wrote.
///
/// # Errors
/// `FILE:LINE:COLUMN: …` for JSON that is not such a plan, or `FILE: at /pointer: …` for
/// members that contradict each other.
pub fn parse(file: &str, text: &str) -> Result<Plan, String> {
    let plan: Plan = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = message.strip_suffix(&suffix).unwrap_or(&message);
        format!(
            "{file}:{}:{}: not a plan written by `mma plan`: {message}",
            e.line(),
            e.column()
        )
    })?;
    for (i, b) in plan.batches.iter().enumerate() {
        let at = |member: &str, message: String| {
            format!("{file}: at /batches/{i}/{member}: not a plan written by `mma plan`: {message}")
        };
        if b.number != i + 1 {
            return Err(at(
                "number",
                format!(
                    "batch number {} in position {}; expected {}",
                    b.number,
                    i + 1,
                    i + 1
                ),
            ));
        }
        if let Some(f) = &b.file {
            let expected = format!("batches/{}.csv", b.name);
            if *f != expected {
                return Err(at(
                    "file",
                    format!(
                        "`{f}` is not the file of batch `{}`; expected `{expected}`",
                        b.name
                    ),
                ));
            }
        }
    }
    Ok(plan)
}

/// Text with no control characters (line breaks and tabs included).
fn plain<E: serde::de::Error>(text: &str) -> Result<(), E> {
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(E::custom(format!(
            "`{}` holds the control character U+{:04X}; expected text on one line",
            shown(text),
            u32::from(c)
        ))),
        None => Ok(()),
    }
}

/// `format_version`: 1.
pub(super) fn format_version<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = u32::deserialize(d)?;
    if v == 1 {
        Ok(v)
    } else {
        Err(D::Error::custom(format!(
            "format_version {v} is not one this mma reads; expected 1"
        )))
    }
}

/// A string on one line.
pub(super) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    plain(&s)?;
    Ok(s)
}

/// Strings on one line.
pub(super) fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let list = Vec::<String>::deserialize(d)?;
    for s in &list {
        plain(s)?;
    }
    Ok(list)
}

fn check_address<E: serde::de::Error>(s: &str) -> Result<(), E> {
    plain(s)?;
    if is_address(s) {
        Ok(())
    } else {
        Err(E::custom(format!(
            "`{s}` is not an email address; expected the primary SMTP address of a mailbox"
        )))
    }
}

/// A mailbox's address.
pub(super) fn address<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    check_address(&s)?;
    Ok(s)
}

/// Mailbox addresses.
pub(super) fn addresses<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let list = Vec::<String>::deserialize(d)?;
    for s in &list {
        check_address(s)?;
    }
    Ok(list)
}

/// Groups of mailbox addresses.
pub(super) fn groups<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<String>>, D::Error> {
    let groups = Vec::<Vec<String>>::deserialize(d)?;
    for s in groups.iter().flatten() {
        check_address(s)?;
    }
    Ok(groups)
}

/// A batch name of the form mma gives.
pub(super) fn batch_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    match batch_name_problem(&s) {
        Some(problem) => Err(D::Error::custom(problem)),
        None => Ok(s),
    }
}

/// A batch file: `batches/<name>.csv`, or none.
pub(super) fn batch_file<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let Some(s) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    let problem = match s
        .strip_prefix("batches/")
        .and_then(|f| f.strip_suffix(".csv"))
    {
        Some(name) => batch_name_problem(name),
        None => Some(format!(
            "`{}` is not a batch file mma writes; expected `batches/<batch name>.csv`",
            shown(&s)
        )),
    };
    match problem {
        Some(problem) => Err(D::Error::custom(problem)),
        None => Ok(Some(s)),
    }
}

/// A link reason mma gives.
pub(super) fn reason<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if LinkReason::ALL.iter().any(|r| r.as_str() == s) {
        Ok(s)
    } else {
        Err(D::Error::custom(format!(
            "`{}` is not a reason mma gives; expected one of {}",
            shown(&s),
            LinkReason::ALL
                .map(|r| format!("`{}`", r.as_str()))
                .join(", ")
        )))
    }
}

/// An optional value that `parse` accepts, described by `expected` when it does not.
fn optional_form<'de, D: Deserializer<'de>>(
    d: D,
    ok: impl Fn(&str) -> bool,
    expected: &str,
) -> Result<Option<String>, D::Error> {
    let s = Option::<String>::deserialize(d)?;
    match &s {
        Some(v) if !ok(v) => Err(D::Error::custom(format!(
            "`{}` is not {expected}",
            shown(v)
        ))),
        _ => Ok(s),
    }
}

/// A migration day, `YYYY-MM-DD`.
pub(super) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    optional_form(
        d,
        |s| crate::answers::time::parse_date(s).is_some_and(|date| date.to_string() == s),
        "a date; expected `YYYY-MM-DD`",
    )
}

/// A window, `HH:MM-HH:MM`.
pub(super) fn window<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    optional_form(
        d,
        |s| super::schedule::Window::parse(s).is_ok_and(|w| w.text() == s),
        "a window; expected `HH:MM-HH:MM`",
    )
}

/// A UTC time, `2026-01-12T19:00:00Z`.
pub(super) fn utc<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    optional_form(
        d,
        |s| {
            s.ends_with('Z')
                && s.parse::<jiff::Timestamp>()
                    .is_ok_and(|t| t.to_string() == s)
        },
        "a UTC time; expected `YYYY-MM-DDTHH:MM:SSZ`",
    )
}
