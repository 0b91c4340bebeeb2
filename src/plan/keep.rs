//! Re-planning stages, in place of choosing the pilot, packing, naming and scheduling afresh:
//! pin every mailbox still in the inventory to the batch a previous plan gave it; place the new
//! ones in an open batch (not frozen, not the pilot) where their links and the caps allow, else
//! pack them into new batches numbered after the last; keep the existing batches' names and
//! timing (frozen ones verbatim) and schedule the new ones after the last scheduled day; and
//! report the links the batches split, a link the previous plan's placement splits with the
//! reason `previous-plan`.

use rustc_hash::FxHashMap;

use super::PlanError;
use super::caps::Budget;
use super::dates;
use super::group::{Groups, Hubs};
use super::inventory::Mailbox;
use super::links::Link;
use super::model::{Batch, BrokenLink, Estimate, Impact, LinkReason, batch_name};
use super::name::Named;
use super::pack::{self, Caps, Graph, Load, Packed, Pieces, Weight};
use super::previous::PreviousPlan;
use super::schedule::{Calendar, published_days};
use crate::answers::model::{Date, Schedule};
use crate::answers::{MigrationPath, Source};

/// The mailboxes of the inventory a previous plan placed, and those it placed that are gone.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pinned {
    /// Each mailbox's batch in the previous plan (its position), if it had one.
    pub batch_of: Vec<Option<u32>>,
    /// Each previous batch's members still in the inventory, in inventory order.
    pub members: Vec<Vec<usize>>,
    /// Mailboxes of the previous plan no longer in the inventory, with their batch's position.
    pub removed: Vec<(String, usize)>,
    /// For each previous batch whose name states a database (`02-mbx-db01`), that database: a
    /// new mailbox joins it only from the same database, so the name stays true.
    pub databases: Vec<Option<String>>,
}

/// The database a previous batch's name states, when its members still share it and the name
/// ends with its label (see [`super::name::database_label`]).
fn stated_database(name: &str, members: &[usize], mailboxes: &[Mailbox]) -> Option<String> {
    let db = mailboxes[*members.first()?].database();
    let shared = !db.is_empty() && members.iter().all(|&i| mailboxes[i].database() == db);
    let label = super::name::database_label(db);
    (shared && !label.is_empty() && name.ends_with(&format!("-{label}"))).then(|| db.to_owned())
}

/// Re-planning stage, pin: every mailbox of the inventory to the batch the previous plan gave
/// it.
#[must_use]
pub fn pin(previous: &PreviousPlan, mailboxes: &[Mailbox]) -> Pinned {
    let mut index: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(mailboxes.len(), Default::default());
    index.extend(mailboxes.iter().enumerate().map(|(i, m)| (m.address(), i)));
    let mut pinned = Pinned {
        batch_of: vec![None; mailboxes.len()],
        members: Vec::with_capacity(previous.plan.batches.len()),
        removed: Vec::new(),
        databases: Vec::with_capacity(previous.plan.batches.len()),
    };
    for (b, batch) in previous.plan.batches.iter().enumerate() {
        let mut members = Vec::with_capacity(batch.members.len());
        for address in &batch.members {
            match index.get(address.as_str()) {
                Some(&i) => {
                    pinned.batch_of[i] = u32::try_from(b).ok();
                    members.push(i);
                }
                None => pinned.removed.push((address.clone(), b)),
            }
        }
        members.sort_unstable();
        pinned
            .databases
            .push(stated_database(&batch.name, &members, mailboxes));
        pinned.members.push(members);
    }
    pinned.removed.sort_unstable();
    pinned
}

/// For each group with new mailboxes linked straight to pinned mailboxes of open batches, the
/// open batch (by position) most of those links lead to, the first on a tie: (the group's
/// first member, the batch), sorted.
fn linked_batches(
    groups: &Groups,
    (linking, hubs): (&[Link], &Hubs),
    pinned: &Pinned,
    open: &[bool],
) -> Vec<(u32, u32)> {
    let mut ends: Vec<(u32, u32)> = Vec::new();
    for link in linking.iter().filter(|l| !hubs.touches(l)) {
        let (m, d) = (link.0 as usize, link.1 as usize);
        let (new, old) = match (pinned.batch_of[m], pinned.batch_of[d]) {
            (None, Some(b)) => (m, b),
            (Some(b), None) => (d, b),
            _ => continue,
        };
        if open[old as usize]
            && let Some(&first) = groups.of(new).first()
        {
            ends.push((first, old));
        }
    }
    ends.sort_unstable();
    let mut best: Vec<(u32, u32)> = Vec::new();
    for run in ends.chunk_by(|a, b| a.0 == b.0) {
        let most = run
            .chunk_by(|a, b| a.1 == b.1)
            .max_by(|a, b| a.len().cmp(&b.len()).then(b[0].1.cmp(&a[0].1)));
        if let Some(most) = most {
            best.push(most[0]);
        }
    }
    best
}

/// Re-planning stage, place: the new mailboxes of each group into the open batch most of their
/// links to pinned mailboxes lead to, else the first open batch they fit, else into new batches
/// packed (and split where a group's new mailboxes exceed a batch) after the existing ones.
/// Open batches are those neither frozen nor the pilot.
///
/// # Errors
/// On a single-batch path (cutover) whose one batch is frozen, or full, when new mailboxes
/// cannot join it.
pub fn place(
    (pinned, mailboxes): (&Pinned, &[Mailbox]),
    previous: &PreviousPlan,
    (groups, (linking, hubs, prebuilt)): (&Groups, (&[Link], &Hubs, Option<&Graph>)),
    (weights, caps): (&[Weight], Caps),
    single_batch: bool,
) -> Result<Packed, PlanError> {
    let open: Vec<bool> = (previous.plan.batches.iter().zip(&previous.frozen))
        .map(|(b, &frozen)| !frozen && !b.pilot)
        .collect();
    let linked = linked_batches(groups, (linking, hubs), pinned, &open);
    let mut batches = pinned.members.clone();
    let mut loads: Vec<Load> = batches.iter().map(|m| Load::of(m, weights)).collect();
    let mut left: Vec<Vec<usize>> = Vec::new();
    let mut new: Vec<usize> = Vec::new();
    for members in groups.iter() {
        new.clear();
        new.extend(
            members
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| pinned.batch_of[i].is_none()),
        );
        if new.is_empty() {
            continue;
        }
        let load = Load::of(&new, weights);
        let named_for = |b: usize| {
            pinned
                .databases
                .get(b)
                .and_then(Option::as_deref)
                .is_none_or(|db| new.iter().all(|&i| mailboxes[i].database() == db))
        };
        let fits = |b: usize, loads: &[Load]| {
            open[b] && loads[b].plus(load).fits(caps, false) && named_for(b)
        };
        let first = members.first().copied().unwrap_or_default();
        let target = linked
            .binary_search_by_key(&first, |&(g, _)| g)
            .ok()
            .map(|k| linked[k].1 as usize)
            .filter(|&b| fits(b, &loads))
            .or_else(|| (0..batches.len()).find(|&b| fits(b, &loads)));
        match target {
            Some(b) => {
                batches[b].extend(new.iter().copied());
                loads[b] = loads[b].plus(load);
            }
            None => left.push(new.clone()),
        }
    }
    if single_batch && !left.is_empty() {
        let count: usize = left.iter().map(Vec::len).sum();
        return Err(PlanError(format!(
            "{}: a cutover migration moves every mailbox in its one batch, which is frozen as of {} \
             (or full); {count} new mailboxes cannot join it: plan them afresh, without --previous",
            previous.file, previous.as_of
        )));
    }
    for b in &mut batches {
        b.sort_unstable();
    }
    let mut pieces = Pieces::default();
    let mut built: Option<Graph> = None;
    let mut splitter = pack::Splitter::default();
    for piece in left {
        if Load::of(&piece, weights).fits(caps, piece.len() == 1) {
            pieces.push(piece);
            continue;
        }
        let graph = match prebuilt {
            Some(graph) => graph,
            None => built.get_or_insert_with(|| pack::link_graph(weights.len(), linking, hubs)),
        };
        for part in splitter.split(&piece, graph, weights, caps) {
            pieces.push(part);
        }
    }
    batches.extend(pack::pack(&pieces, weights, caps));
    Ok(Packed {
        batches,
        pilot_batches: 0,
    })
}

/// Re-planning stage, name: the existing batches keep their names; the new ones (from position
/// `kept`) are named as a plan names them (see [`super::name`]), numbered after the last
/// existing batch.
#[must_use]
pub fn name(
    path: MigrationPath,
    previous: &PreviousPlan,
    packed: &Packed,
    mailboxes: &[Mailbox],
) -> Vec<Named> {
    let kept = previous.plan.batches.len();
    let mut names: Vec<Named> = previous
        .plan
        .batches
        .iter()
        .map(|b| Named {
            name: b.name.clone(),
            file: b.file.clone(),
        })
        .collect();
    let new = packed.batches.get(kept..).unwrap_or_default();
    let width = packed.batches.len().to_string().len().max(2);
    for (k, named) in super::name::name_batches(path, new, 0, mailboxes)
        .into_iter()
        .enumerate()
    {
        // Renumbered after the existing batches; a name that is its number alone stays so, and
        // gains its day when scheduled.
        let number = kept + k + 1;
        let name = match named.name.split_once('-') {
            Some((_, label)) => batch_name(number, width, label),
            None => format!("{number:0width$}"),
        };
        let file = named.file.map(|_| format!("batches/{name}.csv"));
        names.push(Named { name, file });
    }
    names
}

/// An existing batch with its members now: sizes and estimates from the inventory, its name,
/// pilot flag, day, window and completion time kept; an open batch's sync start moved earlier
/// when a larger mailbox needs a longer sync, never before `floor` (the schedule's start or the
/// re-planning day, whichever is later).
fn kept_batch(
    (number, previous, frozen): (usize, &Batch, bool),
    members: &[usize],
    (budget, floor): (&Budget, Option<Date>),
    mailboxes: &[Mailbox],
) -> Batch {
    let weights = members.iter().map(|&i| budget.weights[i].bytes);
    let bytes = weights.clone().fold(0, u64::saturating_add);
    let largest = weights.max().unwrap_or(0);
    let (p50, p90) = published_days(largest);
    let day = previous
        .date
        .as_deref()
        .and_then(crate::answers::time::parse_date);
    let sync_start = match (frozen, &previous.sync_start, day, floor) {
        (false, Some(_), Some(day), Some(floor)) => {
            Some(Calendar::days_before(day, p90, floor).to_string())
        }
        _ => previous.sync_start.clone(),
    };
    Batch {
        number,
        name: previous.name.clone(),
        file: previous.file.clone(),
        pilot: previous.pilot,
        members: members
            .iter()
            .map(|&i| mailboxes[i].address().to_owned())
            .collect(),
        bytes,
        largest_bytes: largest,
        date: previous.date.clone(),
        window: previous.window.clone(),
        sync_start,
        complete_after_utc: previous.complete_after_utc.clone(),
        estimate: Estimate {
            hours: dates::hours(bytes, budget.throughput),
            p50_days: p50,
            p90_days: p90,
        },
    }
}

/// Re-planning stage, schedule: the existing batches keep their timing ([`kept_batch`]); the
/// new ones run on the answers' calendar from the day after the last scheduled day (and not
/// before the re-planning day), synced no earlier than the re-planning day.
///
/// # Errors
/// As [`dates::schedule_batches`].
pub fn schedule(
    path: MigrationPath,
    schedule: &Schedule,
    previous: &PreviousPlan,
    (packed, names): (&Packed, Vec<Named>),
    budget: &Budget,
    (mailboxes, warnings): (&[Mailbox], &mut Vec<String>),
) -> Result<Vec<Batch>, PlanError> {
    let kept = previous.plan.batches.len();
    let floor = schedule.start.map(|s| s.max(previous.as_of));
    let mut batches: Vec<Batch> = previous
        .plan
        .batches
        .iter()
        .zip(&previous.frozen)
        .zip(&packed.batches)
        .enumerate()
        .map(|(b, ((p, &frozen), members))| {
            kept_batch((b + 1, p, frozen), members, (budget, floor), mailboxes)
        })
        .collect();
    let last = previous
        .plan
        .batches
        .iter()
        .filter_map(|b| b.date.as_deref().and_then(crate::answers::time::parse_date))
        .max();
    let after = last.and_then(|d| d.tomorrow().ok());
    let continued = Schedule {
        start: schedule
            .start
            .map(|s| s.max(previous.as_of).max(after.unwrap_or(s))),
        ..schedule.clone()
    };
    let mut names = names;
    let new = Packed {
        batches: packed.batches.get(kept..).unwrap_or_default().to_vec(),
        pilot_batches: 0,
    };
    let new_names = names.split_off(kept.min(names.len()));
    let scheduled = dates::schedule_batches(
        path,
        &continued,
        (&new, new_names),
        budget,
        mailboxes,
        warnings,
    )?;
    for mut b in scheduled {
        b.number += kept;
        // Synced from the re-planning day, not only from the continued calendar's first day.
        if let (Some(_), Some(day), Some(floor)) = (
            &b.sync_start,
            b.date.as_deref().and_then(crate::answers::time::parse_date),
            floor,
        ) {
            b.sync_start = Some(Calendar::days_before(day, b.estimate.p90_days, floor).to_string());
        }
        batches.push(b);
    }
    Ok(batches)
}

/// Re-planning stage, report: the links whose two mailboxes are in different batches, in link
/// order. The reason is `hub` for a hub's link, else the one the previous plan gave it, else
/// `previous-plan` when either mailbox was pinned (re-planning moves nobody), else `split`.
#[must_use]
pub fn broken_links(
    (path, source): (MigrationPath, Source),
    linking: &[Link],
    (batches, hubs): (&[Vec<usize>], &Hubs),
    (pinned, previous): (&Pinned, &PreviousPlan),
    mailboxes: &[Mailbox],
) -> Vec<BrokenLink> {
    let mut batch_of = vec![0usize; mailboxes.len()];
    for (b, members) in batches.iter().enumerate() {
        for &i in members {
            batch_of[i] = b + 1;
        }
    }
    let reasons = previous.reasons();
    linking
        .iter()
        .filter(|(m, d, _)| batch_of[*m as usize] != batch_of[*d as usize])
        .map(|link @ &(m, d, right)| {
            let (m, d) = (m as usize, d as usize);
            let (ma, da) = (mailboxes[m].address(), mailboxes[d].address());
            let reason = if hubs.touches(link) {
                LinkReason::Hub
            } else if let Some(&r) = reasons.get(&(ma, da, right)) {
                r
            } else if pinned.batch_of[m].is_some() || pinned.batch_of[d].is_some() {
                LinkReason::PreviousPlan
            } else {
                LinkReason::Split
            };
            BrokenLink {
                mailbox: ma.to_owned(),
                delegate: da.to_owned(),
                right,
                mailbox_batch: batch_of[m],
                delegate_batch: batch_of[d],
                reason: reason.as_str().to_owned(),
                impact: Impact::of(path, source, right),
            }
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::answers::model::Window;
    use crate::plan::{Inventory, Options, Right, caps, group, previous};

    /// A previous staged plan: `01-db1` (a, b) on 2026-03-02, `02-db1` (c, d) on 2026-03-03.
    pub(in crate::plan) fn previous_plan(as_of: &str) -> PreviousPlan {
        let batch = |n: usize, members: &str, date: &str| {
            format!(
                r#"{{"number": {n}, "name": "0{n}-db1", "file": "batches/0{n}-db1.csv", "pilot": false,
                "members": [{members}], "bytes": 0, "largest_bytes": 0, "date": "{date}",
                "window": "20:00-06:00", "complete_after_utc": null,
                "estimate": {{"hours": null, "p50_days": 1, "p90_days": 7}}}}"#
            )
        };
        let text = format!(
            r#"{{"format_version": 1, "organization": "Contoso", "path": "staged",
            "path_title": "Staged migration", "rule": "r", "time_zone": "Europe/Paris",
            "totals": {{"mailboxes": 4, "bytes": 0, "batches": 2, "groups": 0, "links": 0,
                        "broken_links": 0, "hubs": 0, "unresolved_rows": 0}},
            "batches": [{}, {}],
            "groups": [], "hubs": [], "broken_links": [], "unresolved": [], "warnings": []}}"#,
            batch(1, r#""a@x.com", "b@x.com""#, "2026-03-02"),
            batch(2, r#""c@x.com", "d@x.com""#, "2026-03-03"),
        );
        let day = crate::answers::time::parse_date(as_of).expect("a date");
        previous::parse("old.json", &text, ("Contoso", MigrationPath::Staged), day).expect("reads")
    }

    /// The mailboxes now (b gone; e on DB1, f and g on DB2 new), links e–a and f–c, three to a
    /// batch.
    pub(in crate::plan) fn now() -> (Inventory, Vec<Link>, Budget, Schedule) {
        let inventory = Inventory::parse(
            "inv.csv",
            "EmailAddress,Database\na@x.com,DB1\nc@x.com,DB1\nd@x.com,DB1\ne@x.com,DB1\nf@x.com,DB2\ng@x.com,DB2\n",
        )
        .expect("parses");
        let links = vec![(0, 3, Right::FullAccess), (1, 4, Right::SendAs)];
        let schedule = Schedule {
            start: crate::answers::time::parse_date("2026-03-02"),
            max_batch_mailboxes: Some(3),
            window: Window::parse("20:00-06:00").ok(),
            ..Schedule::default()
        };
        let budget = caps::budget(
            MigrationPath::Staged,
            &schedule,
            inventory.mailboxes(),
            None,
            &Options::default(),
        )
        .expect("a budget");
        (inventory, links, budget, schedule)
    }

    /// Re-plans `m` against `previous` as far as placing: pins, finds hubs and groups, places.
    pub(in crate::plan) fn placed(
        previous: &PreviousPlan,
        m: &[Mailbox],
        links: &[Link],
        budget: &Budget,
        single_batch: bool,
    ) -> (Pinned, Hubs, Result<Packed, PlanError>) {
        let pinned = pin(previous, m);
        let hubs = group::find_hubs(m, links, 50);
        let groups = group::group(m.len(), links, &hubs);
        let packed = place(
            (&pinned, m),
            previous,
            (&groups, (links, &hubs, None)),
            (&budget.weights, budget.caps),
            single_batch,
        );
        (pinned, hubs, packed)
    }

    #[test]
    fn pinned_mailboxes_stay_and_new_ones_fill_open_batches_then_new_ones() {
        let previous = previous_plan("2026-03-03");
        assert_eq!(previous.frozen, [true, false]);
        let (inventory, links, budget, schedule) = now();
        let m = inventory.mailboxes();
        let (pinned, hubs, packed) = placed(&previous, m, &links, &budget, false);
        assert_eq!(
            pinned.batch_of,
            [Some(0), Some(1), Some(1), None, None, None]
        );
        assert_eq!(pinned.members, [vec![0], vec![1, 2]]);
        assert_eq!(pinned.removed, [("b@x.com".to_owned(), 0)]);
        let packed = packed.expect("placed");
        // e's link is to the frozen batch: it joins the open one (named after DB1, e's database
        // too); f's batch is then full, so f and g make a new batch.
        assert_eq!(
            pinned.databases,
            [Some("DB1".to_owned()), Some("DB1".to_owned())]
        );
        assert_eq!(packed.batches, [vec![0], vec![1, 2, 3], vec![4, 5]]);
        let names = name(MigrationPath::Staged, &previous, &packed, m);
        let names: Vec<&str> = names.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["01-db1", "02-db1", "03-db2"]);
        let mut warnings = Vec::new();
        let batches = schedule_batches(&previous, &packed, (&budget, &schedule), m, &mut warnings);
        let days: Vec<Option<&str>> = batches.iter().map(|b| b.date.as_deref()).collect();
        // The new batch runs on the next migration day after the last (any day is one here).
        assert_eq!(
            days,
            [Some("2026-03-02"), Some("2026-03-03"), Some("2026-03-04")]
        );
        assert_eq!(batches[2].number, 3);
        let broken = broken_links(
            (MigrationPath::Staged, Source::Exchange2016),
            &links,
            (&packed.batches, &hubs),
            (&pinned, &previous),
            m,
        );
        let got: Vec<(&str, &str, usize, usize)> = broken
            .iter()
            .map(|l| {
                (
                    l.mailbox.as_str(),
                    l.reason.as_str(),
                    l.mailbox_batch,
                    l.delegate_batch,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a@x.com", "previous-plan", 1, 2),
                ("c@x.com", "previous-plan", 2, 3)
            ]
        );
    }

    /// [`schedule`] for the test plan.
    pub(in crate::plan) fn schedule_batches(
        previous: &PreviousPlan,
        packed: &Packed,
        (budget, calendar): (&Budget, &Schedule),
        m: &[Mailbox],
        warnings: &mut Vec<String>,
    ) -> Vec<Batch> {
        let names = name(MigrationPath::Staged, previous, packed, m);
        schedule(
            MigrationPath::Staged,
            calendar,
            previous,
            (packed, names),
            budget,
            (m, warnings),
        )
        .expect("scheduled")
    }

    #[test]
    fn a_batch_named_after_a_database_takes_newcomers_from_that_database_only() {
        let previous = previous_plan("2026-03-03");
        let inventory = Inventory::parse(
            "inv.csv",
            "EmailAddress,Database\na@x.com,DB1\nc@x.com,DB1\nd@x.com,DB1\ne@x.com,DB1\nf@x.com,DB2\n",
        )
        .expect("parses");
        let m = inventory.mailboxes();
        let (_, _, budget, _) = now();
        let (_, _, packed) = placed(&previous, m, &[], &budget, false);
        let packed = packed.expect("placed");
        // e (DB1) joins `02-db1`; f (DB2) would make its name untrue, so it starts a new batch.
        assert_eq!(packed.batches, [vec![0], vec![1, 2, 3], vec![4]]);
    }

    #[test]
    fn a_frozen_cutover_takes_no_new_mailbox() {
        let previous = previous_plan("2026-03-10");
        let (inventory, links, budget, _) = now();
        let m = inventory.mailboxes();
        let (_, _, packed) = placed(&previous, m, &links, &budget, true);
        let e = packed.expect_err("refused");
        assert!(e.0.contains("3 new mailboxes cannot join it"), "{e}");
    }
}
