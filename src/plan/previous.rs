//! Re-planning, reading the previous plan (`mma plan --previous OLD/plan.json --as-of DATE`):
//! its `plan.json` parsed strictly, refused when it is of another organisation, another path or
//! a newer format, and checked for what re-planning relies on (each mailbox in one batch, batch
//! names unique); then which of its batches are frozen as of a day. Pure: the command layer
//! reads the file.

use serde::Deserialize;

use super::cells::shown;
use super::model::{LinkReason, Plan};
use super::permissions::Right;
use super::read;
use crate::answers::MigrationPath;
use crate::answers::model::Date;

/// The format version this mma writes and re-plans from.
const FORMAT_VERSION: u64 = 1;

/// A previous plan, read and checked, with the day re-planning is done as of.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviousPlan {
    /// The file it was read from, for messages.
    pub file: String,
    /// The plan.
    pub plan: Plan,
    /// The day re-planning is done as of (`--as-of`).
    pub as_of: Date,
    /// Whether each batch is frozen (see [`frozen`]).
    pub frozen: Vec<bool>,
}

/// The version of a file the strict reader refused, to tell a newer format from a broken file.
#[derive(Deserialize)]
struct Header {
    format_version: Option<u64>,
}

/// Whether a batch starting on `start` (`YYYY-MM-DD`) is frozen as of `as_of`: its start (for
/// remote moves the day it is created and starts syncing, else its migration day) is before
/// `as_of`. An unscheduled batch is never frozen.
#[must_use]
pub fn frozen(start: Option<&str>, as_of: Date) -> bool {
    start
        .and_then(crate::answers::time::parse_date)
        .is_some_and(|d| d < as_of)
}

/// Reads `text`, the previous plan in `file`, to re-plan `organization`'s migration on `path`
/// as of `as_of`.
///
/// # Errors
/// `FILE: at /pointer: …` (what was found, what is allowed) for a plan of a newer format, of
/// another organisation or path, a mailbox in two batches or two batches of one name;
/// `FILE:LINE:COLUMN: …` for anything that is not a plan `mma plan` wrote.
pub fn parse(
    file: &str,
    text: &str,
    (organization, path): (&str, MigrationPath),
    as_of: Date,
) -> Result<PreviousPlan, String> {
    let at = |pointer: &str, message: String| {
        format!("{file}: at {pointer}: the previous plan cannot be re-planned from: {message}")
    };
    let plan = read::parse(file, text).map_err(|e| {
        // A newer format may hold members this mma does not know: say it is newer, not that.
        match serde_json::from_str::<Header>(text) {
            Ok(Header {
                format_version: Some(v),
            }) if v > FORMAT_VERSION => at(
                "/format_version",
                format!(
                    "found format version {v}, written by a newer mma; allowed: {FORMAT_VERSION} \
                     (re-plan with the mma that wrote it, or plan afresh without --previous)"
                ),
            ),
            _ => e,
        }
    })?;
    if plan.organization != organization {
        return Err(at(
            "/organization",
            format!(
                "found the organisation `{}`; allowed: `{}`, the answers' organization \
                 (--previous must be a plan of the same organisation)",
                shown(&plan.organization),
                shown(organization)
            ),
        ));
    }
    if plan.path != path {
        return Err(at(
            "/path",
            format!(
                "found the path `{}`; allowed: `{}`, the path the answers decide \
                 (a plan for another path has other batches and limits: plan afresh without --previous)",
                plan.path.name(),
                path.name()
            ),
        ));
    }
    check(&plan).map_err(|(pointer, message)| at(&pointer, message))?;
    let frozen = plan
        .batches
        .iter()
        .map(|b| frozen(b.sync_start.as_deref().or(b.date.as_deref()), as_of))
        .collect();
    Ok(PreviousPlan {
        file: file.to_owned(),
        plan,
        as_of,
        frozen,
    })
}

/// What re-planning relies on and the strict reader does not check: every mailbox in one batch,
/// batch names unique. Returns the JSON pointer and the problem.
fn check(plan: &Plan) -> Result<(), (String, String)> {
    let mut names = std::collections::BTreeMap::new();
    let mut seen = rustc_hash::FxHashMap::default();
    for (i, b) in plan.batches.iter().enumerate() {
        if let Some(first) = names.insert(b.name.as_str(), i) {
            return Err((
                format!("/batches/{i}/name"),
                format!(
                    "found the batch name `{}` again (batch {} has it); allowed: a name no other batch has",
                    b.name,
                    first + 1
                ),
            ));
        }
        for (j, m) in b.members.iter().enumerate() {
            if let Some(first) = seen.insert(m.as_str(), i) {
                return Err((
                    format!("/batches/{i}/members/{j}"),
                    format!(
                        "found `{m}`, already a member of batch {}; allowed: each mailbox in one batch",
                        first + 1
                    ),
                ));
            }
        }
    }
    Ok(())
}

impl PreviousPlan {
    /// The reason the previous plan gave each link it broke, by (mailbox, delegate, right).
    #[must_use]
    pub fn reasons(&self) -> rustc_hash::FxHashMap<(&str, &str, Right), LinkReason> {
        self.plan
            .broken_links
            .iter()
            .filter_map(|l| {
                let reason = LinkReason::ALL
                    .into_iter()
                    .find(|r| r.as_str() == l.reason)?;
                Some(((l.mailbox.as_str(), l.delegate.as_str(), l.right), reason))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"{
  "format_version": 1,
  "organization": "Contoso",
  "path": "staged",
  "path_title": "Staged migration",
  "rule": "r",
  "time_zone": "Europe/Paris",
  "totals": {"mailboxes": 2, "bytes": 0, "batches": 2, "groups": 0, "links": 0,
             "broken_links": 0, "hubs": 0, "unresolved_rows": 0},
  "batches": [
    {"number": 1, "name": "01-db1", "file": "batches/01-db1.csv", "pilot": false,
     "members": ["a@x.com"], "bytes": 0, "largest_bytes": 0, "date": "2026-03-02",
     "window": "20:00-06:00", "complete_after_utc": null,
     "estimate": {"hours": null, "p50_days": 1, "p90_days": 7}},
    {"number": 2, "name": "02-db1", "file": "batches/02-db1.csv", "pilot": false,
     "members": ["b@x.com"], "bytes": 0, "largest_bytes": 0, "date": "2026-03-03",
     "window": "20:00-06:00", "complete_after_utc": null,
     "estimate": {"hours": null, "p50_days": 1, "p90_days": 7}}
  ],
  "groups": [], "hubs": [], "broken_links": [], "unresolved": [], "warnings": []
}"#;

    fn day(s: &str) -> Date {
        crate::answers::time::parse_date(s).expect("a date")
    }

    fn read(text: &str) -> Result<PreviousPlan, String> {
        parse(
            "old/plan.json",
            text,
            ("Contoso", MigrationPath::Staged),
            day("2026-03-03"),
        )
    }

    #[test]
    fn batches_that_started_before_the_day_are_frozen() {
        let p = read(PLAN).expect("reads");
        assert_eq!(p.frozen, [true, false]);
        assert!(!frozen(None, day("2026-03-03")));
        assert!(frozen(Some("2026-03-02"), day("2026-03-03")));
        assert!(!frozen(Some("2026-03-03"), day("2026-03-03")));
    }

    #[test]
    fn other_organisations_paths_and_newer_formats_are_refused_with_their_pointer() {
        let e = read(&PLAN.replace("\"Contoso\"", "\"Fabrikam\"")).expect_err("refused");
        assert!(e.starts_with("old/plan.json: at /organization: "), "{e}");
        assert!(
            e.contains("found the organisation `Fabrikam`; allowed: `Contoso`"),
            "{e}"
        );
        let e = read(&PLAN.replace("\"staged\"", "\"imap\"")).expect_err("refused");
        assert!(e.starts_with("old/plan.json: at /path: "), "{e}");
        assert!(
            e.contains("found the path `imap`; allowed: `staged`"),
            "{e}"
        );
        let newer = PLAN.replace("\"format_version\": 1", "\"format_version\": 2, \"x\": 1");
        let e = read(&newer).expect_err("refused");
        assert!(e.starts_with("old/plan.json: at /format_version: "), "{e}");
        assert!(
            e.contains("found format version 2, written by a newer mma; allowed: 1"),
            "{e}"
        );
    }

    #[test]
    fn malformed_plans_are_located() {
        let e = read("{\"format_version\": 1,").expect_err("refused");
        assert!(e.starts_with("old/plan.json:1:"), "{e}");
        let e = read(&PLAN.replace("[\"b@x.com\"]", "[\"a@x.com\"]")).expect_err("refused");
        assert!(
            e.starts_with("old/plan.json: at /batches/1/members/0: "),
            "{e}"
        );
        assert!(e.contains("already a member of batch 1"), "{e}");
        let e = read(&PLAN.replace("02-db1", "01-db1")).expect_err("refused");
        assert!(e.contains("at /batches/1/name"), "{e}");
    }
}
