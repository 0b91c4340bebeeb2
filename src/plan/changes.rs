//! Re-planning stage, changes: what a plan made with `--previous` changed against the previous
//! plan — mailboxes added (and the batch each went to), removed (and the batch each left),
//! batches touched, links newly broken — as `plan.json`'s `changes` section and the view
//! `changes.md` is rendered from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::inventory::Mailbox;
use super::keep::Pinned;
use super::model::{Batch, BrokenLink, Plan};
use super::pack::Packed;
use super::previous::PreviousPlan;
use super::read;
use crate::render::{Template, TemplateError, Templates, View, ViewKind};

/// What re-planning changed against the previous plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Changes {
    /// The day the plan was re-made as of (`--as-of`, `YYYY-MM-DD`): batches starting earlier
    /// (syncing, for remote moves, else migrating) are frozen.
    #[serde(deserialize_with = "day")]
    pub as_of: String,
    /// The batches frozen as of that day, in batch order.
    #[serde(deserialize_with = "batch_names")]
    pub frozen: Vec<String>,
    /// Mailboxes the previous plan did not hold, in address order, with the batch each joined.
    pub added: Vec<Added>,
    /// Mailboxes of the previous plan the inventory no longer holds, in address order.
    pub removed: Vec<Removed>,
    /// Batches that gained or lost members, or are new, in batch order.
    pub batches: Vec<Touched>,
    /// Links split across batches that the previous plan did not list as broken.
    pub newly_broken: Vec<BrokenLink>,
}

/// A mailbox added by re-planning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Added {
    /// Its address.
    #[serde(deserialize_with = "read::address")]
    pub address: String,
    /// The batch it joined.
    #[serde(deserialize_with = "read::batch_name")]
    pub batch: String,
}

/// A mailbox the inventory no longer holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Removed {
    /// Its address.
    #[serde(deserialize_with = "read::address")]
    pub address: String,
    /// The batch it was in.
    #[serde(deserialize_with = "read::batch_name")]
    pub batch: String,
}

/// Where a batch stands after re-planning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Started before the re-planning day: same members (less those gone), same dates.
    Frozen,
    /// Of the previous plan and not started: may take new mailboxes.
    Open,
    /// Made by re-planning.
    New,
}

/// A batch re-planning changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Touched {
    /// Its number.
    pub number: usize,
    /// Its name.
    #[serde(deserialize_with = "read::batch_name")]
    pub name: String,
    /// Frozen, open or new.
    pub state: State,
    /// Mailboxes it gained.
    pub added: usize,
    /// Mailboxes it lost (gone from the inventory).
    pub removed: usize,
    /// Its mailboxes now.
    pub mailboxes: usize,
}

/// Batch names of the form mma gives.
fn batch_names<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let names = Vec::<String>::deserialize(d)?;
    match names
        .iter()
        .find_map(|n| super::model::batch_name_problem(n))
    {
        Some(problem) => Err(serde::de::Error::custom(problem)),
        None => Ok(names),
    }
}

/// A day, `YYYY-MM-DD`.
fn day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    read::date(d)?
        .ok_or_else(|| serde::de::Error::custom("found null; expected a date `YYYY-MM-DD`"))
}

/// The changes of `batches` (the new plan's, the previous plan's first, with their members
/// as inventory indexes in `packed`) and `broken` against `previous`, whose mailboxes `pinned`
/// placed.
#[must_use]
pub fn diff(
    previous: &PreviousPlan,
    pinned: &Pinned,
    (packed, batches, broken): (&Packed, &[Batch], &[BrokenLink]),
    mailboxes: &[Mailbox],
) -> Changes {
    let kept = previous.plan.batches.len();
    let mut touched: Vec<Touched> = batches
        .iter()
        .enumerate()
        .map(|(b, batch)| Touched {
            number: batch.number,
            name: batch.name.clone(),
            state: match previous.frozen.get(b) {
                Some(true) => State::Frozen,
                Some(false) => State::Open,
                None => State::New,
            },
            added: 0,
            removed: 0,
            mailboxes: batch.members.len(),
        })
        .collect();
    let mut added = Vec::new();
    for (b, batch) in batches.iter().enumerate() {
        let fresh = if b < kept {
            pinned.members.get(b).map_or(0, Vec::len)
        } else {
            0
        };
        touched[b].added = batch.members.len().saturating_sub(fresh);
    }
    let mut batch_of = vec![usize::MAX; mailboxes.len()];
    for (b, members) in packed.batches.iter().enumerate() {
        for &i in members {
            batch_of[i] = b;
        }
    }
    for (i, m) in mailboxes.iter().enumerate() {
        if pinned.batch_of[i].is_none()
            && let Some(batch) = batches.get(batch_of[i])
        {
            added.push(Added {
                address: m.address().to_owned(),
                batch: batch.name.clone(),
            });
        }
    }
    let removed = pinned
        .removed
        .iter()
        .map(|(address, b)| {
            if let Some(t) = touched.get_mut(*b) {
                t.removed += 1;
            }
            Removed {
                address: address.clone(),
                batch: previous.plan.batches[*b].name.clone(),
            }
        })
        .collect();
    let reasons = previous.reasons();
    let newly_broken = broken
        .iter()
        .filter(|l| !reasons.contains_key(&(l.mailbox.as_str(), l.delegate.as_str(), l.right)))
        .cloned()
        .collect();
    touched.retain(|t| t.added > 0 || t.removed > 0 || t.state == State::New);
    Changes {
        as_of: previous.as_of.to_string(),
        frozen: previous
            .plan
            .batches
            .iter()
            .zip(&previous.frozen)
            .filter(|(_, frozen)| **frozen)
            .map(|(b, _)| b.name.clone())
            .collect(),
        added,
        removed,
        batches: touched,
        newly_broken,
    }
}

/// Mailboxes and links `changes.md` lists one by one; the rest are in `plan.json`.
const LISTED: usize = 200;

/// Everything `changes.md` can show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangesView<'a> {
    /// The organisation.
    pub organization: &'a str,
    /// The re-planning day.
    pub as_of: &'a str,
    /// The batches frozen as of that day.
    pub frozen: &'a [String],
    /// Mailboxes now, and batches now.
    pub mailboxes: usize,
    /// Batches now.
    pub batches_now: usize,
    /// Mailboxes added, in all.
    pub added_count: usize,
    /// The first 200 added.
    pub added: &'a [Added],
    /// Mailboxes removed, in all.
    pub removed_count: usize,
    /// The first 200 removed.
    pub removed: &'a [Removed],
    /// Batches touched, each with its state as a word (`frozen`, `open`, `new`).
    pub batches: Vec<TouchedView<'a>>,
    /// Links newly broken, in all.
    pub newly_broken_count: usize,
    /// The first 200, with the right and impact by name.
    pub newly_broken: Vec<super::output::SummaryLink<'a>>,
}

/// A touched batch as `changes.md` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TouchedView<'a> {
    /// The batch.
    #[serde(flatten)]
    pub batch: &'a Touched,
    /// Its migration day, when scheduled.
    pub date: Option<&'a str>,
}

impl View for ChangesView<'_> {
    const KIND: ViewKind = ViewKind::PlanChanges;
}

/// The view `changes.md` renders; none for a plan made without `--previous`.
#[must_use]
pub fn view(plan: &Plan) -> Option<ChangesView<'_>> {
    let changes = plan.changes.as_ref()?;
    let first = |n: usize| n.min(LISTED);
    Some(ChangesView {
        organization: &plan.organization,
        as_of: &changes.as_of,
        frozen: &changes.frozen,
        mailboxes: plan.totals.mailboxes,
        batches_now: plan.batches.len(),
        added_count: changes.added.len(),
        added: &changes.added[..first(changes.added.len())],
        removed_count: changes.removed.len(),
        removed: &changes.removed[..first(changes.removed.len())],
        batches: changes
            .batches
            .iter()
            .map(|t| TouchedView {
                batch: t,
                date: plan
                    .batches
                    .get(t.number.wrapping_sub(1))
                    .and_then(|b| b.date.as_deref()),
            })
            .collect(),
        newly_broken_count: changes.newly_broken.len(),
        newly_broken: changes
            .newly_broken
            .iter()
            .take(LISTED)
            .map(|l| super::output::SummaryLink {
                mailbox: &l.mailbox,
                delegate: &l.delegate,
                right: l.right.name(),
                mailbox_batch: l.mailbox_batch,
                delegate_batch: l.delegate_batch,
                reason: &l.reason,
                impact: l.impact.name(),
            })
            .collect(),
    })
}

/// `changes.md`, rendered from `templates`; none for a plan made without `--previous`.
///
/// # Errors
/// A `changes.md` override that fails to render, located.
pub fn markdown(plan: &Plan, templates: &Templates) -> Result<Option<String>, TemplateError> {
    view(plan)
        .map(|v| templates.render(Template::ChangesMd.name(), &v))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{MigrationPath, Source};
    use crate::plan::keep::{self, tests as scenario};

    #[test]
    fn the_changes_name_who_came_where_who_left_and_the_links_newly_broken() {
        let previous = scenario::previous_plan("2026-03-03");
        let (inventory, links, budget, schedule) = scenario::now();
        let m = &inventory.mailboxes();
        let (pinned, hubs, packed) = scenario::placed(&previous, m, &links, &budget, false);
        let packed = packed.expect("placed");
        let batches = scenario::schedule_batches(
            &previous,
            &packed,
            (&budget, &schedule),
            m,
            &mut Vec::new(),
        );
        let broken = keep::broken_links(
            (MigrationPath::Staged, Source::Exchange2016),
            &links,
            (&packed.batches, &hubs),
            (&pinned, &previous),
            m,
        );
        let c = diff(&previous, &pinned, (&packed, &batches, &broken), m);
        assert_eq!(c.as_of, "2026-03-03");
        assert_eq!(c.frozen, ["01-db1"]);
        let added: Vec<(&str, &str)> = c
            .added
            .iter()
            .map(|a| (a.address.as_str(), a.batch.as_str()))
            .collect();
        assert_eq!(
            added,
            [
                ("e@x.com", "02-db1"),
                ("f@x.com", "03-db2"),
                ("g@x.com", "03-db2")
            ]
        );
        assert_eq!(
            c.removed,
            [Removed {
                address: "b@x.com".to_owned(),
                batch: "01-db1".to_owned()
            }]
        );
        let touched: Vec<(&str, State, usize, usize, usize)> = c
            .batches
            .iter()
            .map(|t| (t.name.as_str(), t.state, t.added, t.removed, t.mailboxes))
            .collect();
        assert_eq!(
            touched,
            [
                ("01-db1", State::Frozen, 0, 1, 1),
                ("02-db1", State::Open, 1, 0, 3),
                ("03-db2", State::New, 2, 0, 2)
            ]
        );
        assert_eq!(c.newly_broken.len(), 2);
    }
}
