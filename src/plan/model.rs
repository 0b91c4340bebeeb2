//! The plan `mma plan` writes to `plan.json` (schema committed as `schema/plan.schema.json`):
//! batches with members, sizes, dates and estimates; groups; broken links; hubs; unresolved
//! trustees; totals.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::permissions::Right;
use crate::answers::Path;

/// # Migration plan
///
/// Batches, schedule and the permission links the plan keeps or breaks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Plan {
    /// Format version of this file: 1.
    pub format_version: u32,
    /// The organisation.
    pub organization: String,
    /// The path the batches are for.
    pub path: Path,
    /// The path's human name.
    pub path_title: String,
    /// The rule of the decision table behind the recommendation.
    pub rule: String,
    /// Time zone of dates and windows.
    pub time_zone: String,
    /// Totals over the plan.
    pub totals: Totals,
    /// The batches, in the order they run.
    pub batches: Vec<Batch>,
    /// Mailboxes linked by permissions that move together (groups of two or more).
    pub groups: Vec<Vec<String>>,
    /// Accounts with rights on so many mailboxes that their links are left out of grouping.
    pub hubs: Vec<Hub>,
    /// Links whose two mailboxes move in different batches.
    pub broken_links: Vec<BrokenLink>,
    /// Trustees and mailboxes the permission exports name but the inventory does not hold.
    pub unresolved: Vec<Unresolved>,
    /// Things to know about the plan.
    pub warnings: Vec<String>,
}

/// Totals over the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
pub struct Batch {
    /// Position in the plan, from 1.
    pub number: usize,
    /// Batch name for `New-MigrationBatch` (letters, digits and hyphens), e.g. `01-pilot`.
    pub name: String,
    /// The CSV file, relative to the output directory (none for paths without one).
    pub file: Option<String>,
    /// Whether this is the pilot batch.
    pub pilot: bool,
    /// Members, by primary address.
    pub members: Vec<String>,
    /// Data to move, primary and archive, in bytes.
    pub bytes: u64,
    /// Largest mailbox of the batch, in bytes.
    pub largest_bytes: u64,
    /// The migration day (`YYYY-MM-DD`), when the answers have a schedule.
    pub date: Option<String>,
    /// The window on that day (`HH:MM-HH:MM`, local time).
    pub window: Option<String>,
    /// For remote moves (hybrid, cross-tenant): the day to create and start the batch, ahead
    /// of its migration day by Microsoft's 90th-percentile sync time and never before the
    /// schedule's start (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_start: Option<String>,
    /// For remote moves: when to complete, in UTC (`New-MigrationBatch -CompleteAfter`), the
    /// start of the window on the migration day.
    pub complete_after_utc: Option<String>,
    /// How long the batch takes.
    pub estimate: Estimate,
}

/// How long a batch takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
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
pub struct Hub {
    /// Its address.
    pub address: String,
    /// Distinct mailboxes it is linked with.
    pub degree: usize,
}

/// A permission link whose two mailboxes move in different batches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BrokenLink {
    /// The mailbox the right is on.
    pub mailbox: String,
    /// Who holds the right.
    pub delegate: String,
    /// The right.
    pub right: Right,
    /// The mailbox's batch number.
    pub mailbox_batch: usize,
    /// The delegate's batch number.
    pub delegate_batch: usize,
    /// Why: `hub` (a hub's links are left out), `split` (a group larger than a batch), or
    /// `pilot` (the pilot batch took one side).
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
    pub const fn of(path: Path, source: crate::answers::Source, right: Right) -> Self {
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
pub struct Unresolved {
    /// The name as exported.
    pub name: String,
    /// Rows naming it.
    pub rows: usize,
}
