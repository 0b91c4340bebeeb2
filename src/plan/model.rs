//! The plan `mma plan` writes to `plan.json` (schema committed as `schema/plan.schema.json`):
//! batches with members, sizes, dates and estimates; groups; broken links; hubs; unresolved
//! trustees; totals. Reading it back is strict (see [`super::read`]): each member says how it is
//! checked.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::permissions::Right;
use super::{read, slug};
use crate::answers::MigrationPath;

/// # Migration plan
///
/// Batches, schedule and the permission links the plan keeps or breaks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Format version of this file: 1.
    #[serde(deserialize_with = "read::format_version")]
    #[schemars(range(min = 1, max = 1))]
    pub format_version: u32,
    /// The organisation.
    #[serde(deserialize_with = "read::text")]
    pub organization: String,
    /// The path the batches are for.
    pub path: MigrationPath,
    /// The path's human name.
    #[serde(deserialize_with = "read::text")]
    pub path_title: String,
    /// The rule of the decision table behind the recommendation.
    #[serde(deserialize_with = "read::text")]
    pub rule: String,
    /// Time zone of dates and windows.
    #[serde(deserialize_with = "read::text")]
    pub time_zone: String,
    /// Totals over the plan.
    pub totals: Totals,
    /// The batches, in the order they run.
    pub batches: Vec<Batch>,
    /// Mailboxes linked by permissions that move together (groups of two or more).
    #[serde(deserialize_with = "read::groups")]
    pub groups: Vec<Vec<String>>,
    /// Accounts with rights on so many mailboxes that their links are left out of grouping.
    pub hubs: Vec<Hub>,
    /// Links whose two mailboxes move in different batches.
    pub broken_links: Vec<BrokenLink>,
    /// Trustees and mailboxes the permission exports name but the inventory does not hold.
    pub unresolved: Vec<Unresolved>,
    /// Things to know about the plan.
    #[serde(deserialize_with = "read::texts")]
    pub warnings: Vec<String>,
    /// What re-planning against a previous plan (`--previous`) changed; absent on a first plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<super::changes::Changes>,
}

/// Totals over the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// Mailboxes in the inventory.
    pub mailboxes: usize,
    /// Their data, primary and archive, in bytes.
    pub bytes: u64,
    /// Batches.
    pub batches: usize,
    /// Groups of two or more linked mailboxes.
    pub groups: usize,
    /// Permission rows that link two mailboxes of the inventory.
    pub links: usize,
    /// Links whose mailboxes move in different batches.
    pub broken_links: usize,
    /// Hub accounts.
    pub hubs: usize,
    /// Permission rows naming someone the inventory does not hold.
    pub unresolved_rows: usize,
}

/// One migration batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    /// Position in the plan, from 1.
    pub number: usize,
    /// Batch name for `New-MigrationBatch` (letters, digits and hyphens), e.g. `01-pilot`: the
    /// batch number with at least two digits, alone or followed by a hyphen and a label of
    /// lower-case letters, digits and single hyphens.
    #[serde(deserialize_with = "read::batch_name")]
    #[schemars(regex(pattern = r"^[0-9]{2,}(-[a-z0-9]+)*$"))]
    pub name: String,
    /// The CSV file, relative to the output directory (none for paths without one):
    /// `batches/<name>.csv`.
    #[serde(default, deserialize_with = "read::batch_file")]
    #[schemars(regex(pattern = r"^batches/[0-9]{2,}(-[a-z0-9]+)*\.csv$"))]
    pub file: Option<String>,
    /// Whether this is the pilot batch.
    pub pilot: bool,
    /// Members, by primary address.
    #[serde(deserialize_with = "read::addresses")]
    pub members: Vec<String>,
    /// Data to move, primary and archive, in bytes.
    pub bytes: u64,
    /// Largest mailbox of the batch, in bytes.
    pub largest_bytes: u64,
    /// The migration day (`YYYY-MM-DD`), when the answers have a schedule.
    #[serde(default, deserialize_with = "read::date")]
    pub date: Option<String>,
    /// The window on that day (`HH:MM-HH:MM`, local time).
    #[serde(default, deserialize_with = "read::window")]
    pub window: Option<String>,
    /// For remote moves (hybrid, cross-tenant): the day to create and start the batch, ahead
    /// of its migration day by Microsoft's 90th-percentile sync time and never before the
    /// schedule's start (`YYYY-MM-DD`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "read::date"
    )]
    pub sync_start: Option<String>,
    /// For remote moves: when to complete, in UTC (`New-MigrationBatch -CompleteAfter`), the
    /// start of the window on the migration day.
    #[serde(default, deserialize_with = "read::utc")]
    pub complete_after_utc: Option<String>,
    /// How long the batch takes.
    pub estimate: Estimate,
}

/// How long a batch takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// Hours at the answers' `throughput_gb_per_hour`, when given.
    pub hours: Option<f64>,
    /// Microsoft's published median duration, in days, for the batch's largest mailbox.
    pub p50_days: u32,
    /// Microsoft's published 90th-percentile duration, in days.
    pub p90_days: u32,
}

/// An account linked to very many mailboxes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hub {
    /// Its address.
    #[serde(deserialize_with = "read::address")]
    pub address: String,
    /// Distinct mailboxes it is linked with.
    pub degree: usize,
}

/// A permission link whose two mailboxes move in different batches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BrokenLink {
    /// The mailbox the right is on.
    #[serde(deserialize_with = "read::address")]
    pub mailbox: String,
    /// Who holds the right.
    #[serde(deserialize_with = "read::address")]
    pub delegate: String,
    /// The right.
    pub right: Right,
    /// The mailbox's batch number.
    pub mailbox_batch: usize,
    /// The delegate's batch number.
    pub delegate_batch: usize,
    /// Why: `hub` (a hub's links are left out), `split` (a group larger than a batch),
    /// `pilot` (the pilot batch took one side), or `previous-plan` (re-planning keeps both
    /// mailboxes in the batches a previous plan gave them).
    #[serde(deserialize_with = "read::reason")]
    #[schemars(extend("enum" = ["hub", "split", "pilot", "previous-plan"]))]
    pub reason: String,
    /// What the split does to the right on this path.
    pub impact: Impact,
}

/// What a permission link split across batches does on a path, per Microsoft's page on
/// permissions in hybrid deployments.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Impact {
    /// Full Access and Send on Behalf keep working between an on-premises and a cloud mailbox
    /// in hybrid (with ACLable synced objects).
    WorksAcrossPremises,
    /// Send As does not follow across premises: grant it again in Exchange Online after the
    /// later move.
    RegrantAfterMove,
    /// The right does not work until both mailboxes have moved (and, on paths that do not
    /// carry permissions, must then be granted again).
    LostUntilBothMoved,
}

impl Impact {
    /// The impact of splitting a link with `right` on `path` from `source`.
    #[must_use]
    pub const fn of(path: MigrationPath, source: crate::answers::Source, right: Right) -> Self {
        use crate::answers::Source;
        // Exchange 2010 no longer supports delegated permissions across premises, 2007 never did.
        let cross_premises =
            path.is_hybrid() && !matches!(source, Source::Exchange2010 | Source::Exchange2007);
        match right {
            Right::FullAccess | Right::SendOnBehalf if cross_premises => Self::WorksAcrossPremises,
            Right::SendAs if path.is_hybrid() => Self::RegrantAfterMove,
            _ => Self::LostUntilBothMoved,
        }
    }

    /// The name in reports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::WorksAcrossPremises => "works across premises",
            Self::RegrantAfterMove => "re-grant after the move",
            Self::LostUntilBothMoved => "lost until both moved",
        }
    }
}

/// A name the permission exports use that resolves to no mailbox of the inventory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unresolved {
    /// The name as exported.
    #[serde(deserialize_with = "read::text")]
    pub name: String,
    /// Rows naming it.
    pub rows: usize,
}

/// Why a link is broken: the values of [`BrokenLink::reason`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkReason {
    /// A hub's links are left out of grouping.
    Hub,
    /// The group was larger than a batch.
    Split,
    /// The pilot batch took one side.
    Pilot,
    /// A previous plan put the two mailboxes in different batches, and re-planning moves nobody.
    PreviousPlan,
}

impl LinkReason {
    /// Every reason.
    pub const ALL: [Self; 4] = [Self::Hub, Self::Split, Self::Pilot, Self::PreviousPlan];

    /// The reason as `plan.json` writes it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Hub => "hub",
            Self::Split => "split",
            Self::Pilot => "pilot",
            Self::PreviousPlan => "previous-plan",
        }
    }
}

/// The name of batch `number` (written with at least `width` digits) labelled `label`, a
/// [`slug`]: `01-pilot`, `12-db03`.
#[must_use]
pub fn batch_name(number: usize, width: usize, label: &str) -> String {
    format!("{number:0width$}-{label}")
}

/// Why `name` is not a batch name mma gives, if it is not: it must be what [`batch_name`] makes
/// of its own number, digit count and label, the label a [`slug`] of itself, or the number
/// alone.
#[must_use]
pub fn batch_name_problem(name: &str) -> Option<String> {
    let (digits, label) = name.split_once('-').unwrap_or((name, ""));
    let made = digits.parse::<usize>().ok().and_then(|number| {
        let fits =
            digits.len() >= 2 && digits.bytes().all(|b| b.is_ascii_digit()) && slug(label) == label;
        fits.then(|| match label {
            "" => format!("{number:0width$}", width = digits.len()),
            _ => batch_name(number, digits.len(), label),
        })
    });
    if made.as_deref() == Some(name) {
        None
    } else {
        Some(format!(
            "`{}` is not a batch name mma gives; expected the batch number (two digits or more), \
             alone or followed by a hyphen and lower-case letters, digits and single hyphens, \
             e.g. `01-pilot` or `02`",
            super::cells::shown(name)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_names_are_checked_by_the_function_that_makes_them() {
        for name in [
            "01-pilot",
            "12-db03",
            "003-batch",
            "100-mailbox-db-01",
            "04",
            "04-2026-12-05",
        ] {
            assert_eq!(batch_name_problem(name), None, "{name}");
        }
        for name in [
            "1-pilot",
            "1",
            "01-",
            "01-Pilot",
            "01--x",
            "01-x-",
            "-01-x",
            "pilot",
            "01-a b",
            "01-é",
            "01-x\n",
            "+1-x",
            "01-x/../y",
        ] {
            assert!(batch_name_problem(name).is_some(), "{name}");
        }
        assert_eq!(batch_name(3, 2, "db01"), "03-db01");
        // Every label mma makes from a database name is one the check accepts.
        let long = format!("{}-{}", "a".repeat(39), "b".repeat(10));
        for db in [
            "DB01",
            "Mailbox Database 0123",
            "a--b",
            "ÄÖ db",
            "-x-",
            &long,
        ] {
            let label = slug(db);
            assert_eq!(batch_name_problem(&batch_name(7, 2, &label)), None, "{db}");
        }
    }
}
