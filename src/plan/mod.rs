//! The batch planner: from the answers, a mailbox inventory and permission exports to batches
//! that keep permission-linked mailboxes together, fit the path's limits, and run on the
//! answers' migration days. Pure: inputs are texts, outputs are a [`Plan`] and file contents.

pub mod caps;
pub mod cells;
pub mod changes;
pub mod dates;
pub mod group;
pub mod input;
pub mod inventory;
pub mod keep;
pub mod links;
pub mod model;
pub mod name;
pub mod output;
pub mod pack;
pub mod permissions;
pub mod pilot;
pub mod previous;
pub mod read;
pub mod report;
pub mod resolve;
pub mod schedule;

pub use input::InputError;
pub use inventory::Inventory;
pub use model::Plan;
pub use permissions::{Export, Right};
pub use previous::PreviousPlan;

use std::borrow::Borrow;

use self::resolve::Resolver;
use crate::answers::model::{self as answers_model, AdminLoginFormat};
use crate::answers::{Answers, MigrationPath};
use crate::recommend::Recommendation;
use crate::text::{Kind, ReadError, Stream};

/// Planner settings beyond the answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The rights that keep two mailboxes in one batch.
    pub links: Vec<Right>,
    /// An account linked with more mailboxes than this is a hub.
    pub hub_threshold: usize,
    /// IMAP administrator login, for the admin-credential `UserName` forms.
    pub imap_admin: Option<String>,
    /// IMAP domain, for the Exchange `Domain/Admin/User` form.
    pub imap_domain: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            links: Right::ALL.to_vec(),
            hub_threshold: 50,
            imap_admin: None,
            imap_domain: None,
        }
    }
}

/// Why no plan could be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PlanError(pub String);

/// The inventory and the permission exports parsed, or every bad row of every file.
pub type Inputs = Result<(Inventory, Vec<Export>), Vec<InputError>>;

/// One file parsed by [`load_each`]: the inventory or a permission export.
type Loaded = Result<Either, Vec<InputError>>;

/// What a file held, as read.
#[derive(Debug)]
enum Read {
    Inventory(inventory::Unsorted),
    Export(Export),
}

/// What a file held.
#[derive(Debug)]
enum Either {
    Inventory(Inventory),
    Export(Export),
}

/// Reads the inventory and the permission exports (name, text), held whole: see
/// [`load_each`].
///
/// # Errors
/// Every bad row of every file.
pub fn load(inventory: (&str, &str), permissions: &[(String, String)]) -> Inputs {
    let texts: Vec<&str> = std::iter::once(inventory.1)
        .chain(permissions.iter().map(|(_, t)| t.as_str()))
        .collect();
    let files: Vec<(&str, u64)> = std::iter::once(inventory.0)
        .chain(permissions.iter().map(|(n, _)| n.as_str()))
        .zip(texts.iter().map(|t| t.len() as u64))
        .collect();
    let take = |k: usize| {
        read_one(k, files[k].0, &mut Stream::whole(texts[k]))
            .map(sorted)
            .map_err(|e| input::unread(files[k].0, e))
    };
    match load_with(&files, take) {
        Ok(loaded) => loaded,
        Err(e) => Err(vec![e]),
    }
}

/// File `k` read from `stream`: the inventory (file 0), unsorted, or a permission export.
fn read_one(k: usize, name: &str, stream: &mut Stream<'_>) -> input::Parsed<Read> {
    Ok(if k == 0 {
        Inventory::read(name, stream)?.map(Read::Inventory)
    } else {
        Export::read(name, stream)?.map(Read::Export)
    })
}

/// A file read, its mailboxes sorted and indexed (once its text has gone).
fn sorted(read: Result<Read, Vec<InputError>>) -> Loaded {
    read.map(|read| match read {
        Read::Inventory(read) => Either::Inventory(read.into_inventory()),
        Read::Export(export) => Either::Export(export),
    })
}

/// Reads the inventory (file 0) and the permission exports (the others), each given as its
/// name and size, on two threads: each thread takes the next file (the inventory first, as its
/// mailboxes are also sorted and indexed, then the largest export first), `open`s it and
/// parses its text as it is read ([`Stream`]), a piece at a time, so no file is held whole
/// and reading one file overlaps parsing another. Every error of every file is returned, the
/// inventory's first, then each export's in the order given.
///
/// # Errors
/// A file `open` fails on, or that cannot be read as text (`unread` makes its error): the
/// first in the order given, when several do; no file is taken after a failure. Else, every
/// bad row of every file.
pub fn load_each<R: std::io::Read, E: Send>(
    files: &[(&str, u64)],
    open: impl Fn(usize) -> Result<R, E> + Sync,
    unread: impl Fn(usize, ReadError) -> E + Sync,
) -> Result<Inputs, E> {
    load_with(files, |k| {
        let (name, size) = files[k];
        let mut source = open(k)?;
        let read = Stream::new(&mut source, Kind::Csv, size)
            .and_then(|mut stream| read_one(k, name, &mut stream));
        drop(source);
        read.map(sorted).map_err(|e| unread(k, e))
    })
}

/// [`load_each`] with `take`, which reads and parses file `k`.
fn load_with<E: Send>(
    files: &[(&str, u64)],
    take: impl Fn(usize) -> Result<Loaded, E> + Sync,
) -> Result<Inputs, E> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    // The inventory first (it is also sorted and indexed), then the largest exports first.
    order.sort_by_key(|&k| (k != 0, std::cmp::Reverse(files[k].1)));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let work = || {
        let mut done: Vec<(usize, Result<Loaded, E>)> = Vec::new();
        while !failed.load(std::sync::atomic::Ordering::Relaxed) {
            let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&k) = order.get(at) else {
                break;
            };
            let loaded = take(k);
            if loaded.is_err() {
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            done.push((k, loaded));
        }
        done
    };
    let mut results = std::thread::scope(|scope| {
        let other = scope.spawn(work);
        let mut results = work();
        // A panic on the other thread is a bug; report it as an input error rather than abort.
        results.extend(other.join().unwrap_or_else(|_| {
            vec![(
                files.len(),
                Ok(Err(vec![InputError {
                    file: String::new(),
                    line: 0,
                    column: None,
                    message: "reading the input files failed".to_owned(),
                }])),
            )]
        }));
        results
    });
    results.sort_by_key(|(k, _)| *k);
    let mut errors = Vec::new();
    let mut inventory = None;
    let mut exports = Vec::new();
    for (_, loaded) in results {
        match loaded? {
            Ok(Either::Inventory(inv)) => inventory = Some(inv),
            Ok(Either::Export(export)) => exports.push(export),
            Err(e) => errors.extend(e),
        }
    }
    Ok(match inventory {
        Some(inv) if errors.is_empty() => Ok((inv, exports)),
        _ => Err(errors),
    })
}

/// The IMAP `UserName` for a mailbox.
fn imap_user(mailbox: &inventory::Mailbox) -> String {
    if mailbox.alias().is_empty() {
        mailbox
            .address()
            .split('@')
            .next()
            .unwrap_or(mailbox.address())
            .to_owned()
    } else {
        mailbox.alias().to_owned()
    }
}

/// The `UserName` cell of an IMAP batch CSV in the configured admin-login form.
///
/// # Errors
/// When the form needs an administrator (or a domain) the options do not give.
pub fn imap_user_name(
    mailbox: &inventory::Mailbox,
    form: Option<AdminLoginFormat>,
    options: &Options,
) -> Result<String, PlanError> {
    let user = imap_user(mailbox);
    cells::check_login(mailbox, &user)?;
    let admin = || {
        options.imap_admin.clone().ok_or_else(|| {
            PlanError(
                "the answers' admin_login_format needs the administrator's login: pass --imap-admin"
                    .to_owned(),
            )
        })
    };
    Ok(match form {
        None | Some(AdminLoginFormat::None) => user,
        Some(AdminLoginFormat::Exchange) => {
            let domain = options.imap_domain.clone().ok_or_else(|| {
                PlanError(
                    "the Exchange admin login form `Domain/Admin/User` needs the domain: pass --imap-domain"
                        .to_owned(),
                )
            })?;
            format!("{domain}/{}/{user}", admin()?)
        }
        Some(AdminLoginFormat::Dovecot) => format!("{user}*{}", admin()?),
        Some(AdminLoginFormat::Mirapoint) => format!("#{}#{}#", mailbox.address(), admin()?),
    })
}

/// A name's slug for batch and endpoint names: lower-case letters, digits and hyphens.
#[must_use]
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    // Cut before trimming, so a cut never leaves a trailing hyphen.
    out.truncate(40);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The inventory's size against the answers and the path: an error for none, or for more
/// mailboxes than a single-batch path moves; a warning when the answers' count is off by more
/// than a tenth.
fn check_size(answers: &Answers, path: MigrationPath, n: usize) -> Result<Vec<String>, PlanError> {
    if n == 0 {
        return Err(PlanError("the inventory lists no mailboxes".to_owned()));
    }
    let mut warnings = Vec::new();
    let declared = answers.mailboxes as usize;
    if declared.abs_diff(n) * 10 > declared.max(n) {
        warnings.push(format!(
            "the answers say {declared} mailboxes; the inventory lists {n}"
        ));
    }
    let limits = path.limits();
    if limits.single_batch && n > limits.max_batch_mailboxes {
        return Err(PlanError(format!(
            "a cutover migration moves at most {} mailboxes in its one batch; the inventory lists {n}",
            crate::limits::thousands(limits.max_batch_mailboxes)
        )));
    }
    Ok(warnings)
}

/// What the planner shares between its stages once the links are grouped.
struct Grouped<'a> {
    path: MigrationPath,
    schedule: answers_model::Schedule,
    mailboxes: &'a [inventory::Mailbox],
    /// The answers' pilot addresses and the mailboxes they name.
    pilot: pilot::Named<'a>,
    links: links::Links,
    hubs: group::Hubs,
    groups: group::Groups,
    /// The links touching no hub as a graph, built beforehand for a large inventory (else when
    /// a group too large for one batch needs it).
    graph: Option<pack::Graph>,
    budget: caps::Budget,
}

/// The inventories from which the planner lists groups and builds the link graph on a second
/// thread: below it, starting the thread costs about what the work does.
const SECOND_THREAD_FROM: usize = 50_000;

/// The links grouped ([`group::group`]) and, for a large inventory on a path of several
/// batches, meanwhile on a second thread, the graph oversized groups are split on
/// ([`pack::link_graph`]).
fn group_and_graph(
    n: usize,
    path: MigrationPath,
    linking: &[links::Link],
    hubs: &group::Hubs,
) -> (group::Groups, Option<pack::Graph>) {
    if n < SECOND_THREAD_FROM || path.limits().single_batch {
        return (group::group(n, linking, hubs), None);
    }
    std::thread::scope(|scope| {
        let graph = scope.spawn(|| pack::link_graph(n, linking, hubs));
        let groups = group::group(n, linking, hubs);
        // A panic there is a bug: the graph is built when needed instead.
        (groups, graph.join().ok())
    })
}

/// The batches and the links they break, and, re-planning, what changed.
type Batched = (
    Vec<model::Batch>,
    Vec<model::BrokenLink>,
    Option<changes::Changes>,
    Places,
);

/// Where each batch's members are in the inventory (indices into `inventory.mailboxes()`),
/// batch by batch in the plan's order: what the outputs read the members from, rather than
/// looking up each member's address again (see [`placed`]).
pub type Places = Vec<Vec<usize>>;

/// Plans the migration of `inventory` on the path `recommendation` decided for `answers`:
/// resolve links → find hubs → group → (budget) → choose the pilot → split oversized groups and
/// pack under the limits → name → schedule → report. `exports` may be handed over, to be freed
/// once their links are resolved. The inventory's name index is taken from it and freed once
/// the names are looked up (planning the inventory again indexes its mailboxes again).
///
/// # Errors
/// When the path's limits cannot hold the inventory (a cutover of more than 2,000 mailboxes),
/// an IMAP user-name form needs options that are missing, or the schedule has no days.
pub fn plan(
    answers: &Answers,
    recommendation: &Recommendation,
    inventory: &mut Inventory,
    exports: impl IntoIterator<Item = impl Borrow<Export> + Send>,
    options: &Options,
) -> Result<Plan, PlanError> {
    placed(answers, recommendation, inventory, exports, options, None).map(|(plan, _)| plan)
}

/// Re-plans the migration against `previous` (see [`keep`]): resolve links → find hubs → group
/// → (budget) → pin the mailboxes the previous plan placed → place the new ones → name →
/// schedule → report → changes.
///
/// # Errors
/// As [`plan`], and on a cutover whose one batch new mailboxes cannot join.
pub fn replan(
    answers: &Answers,
    recommendation: &Recommendation,
    inventory: &mut Inventory,
    exports: impl IntoIterator<Item = impl Borrow<Export> + Send>,
    options: &Options,
    previous: &PreviousPlan,
) -> Result<Plan, PlanError> {
    placed(
        answers,
        recommendation,
        inventory,
        exports,
        options,
        Some(previous),
    )
    .map(|(plan, _)| plan)
}

/// [`plan`], or [`replan`] with a `previous` plan, and where the batches' members are in the
/// inventory.
///
/// # Errors
/// As [`plan`] and [`replan`].
pub fn placed(
    answers: &Answers,
    recommendation: &Recommendation,
    inventory: &mut Inventory,
    exports: impl IntoIterator<Item = impl Borrow<Export> + Send>,
    options: &Options,
    previous: Option<&PreviousPlan>,
) -> Result<(Plan, Places), PlanError> {
    let path = recommendation.path;
    let mut warnings = check_size(answers, path, inventory.mailboxes().len())?;
    // The index is taken from the inventory: once the exports' and the pilot's names are
    // looked up, it is freed before the plan grows. Exports handed over (not borrowed) are
    // freed as their links are made.
    let resolver = Resolver::of(inventory);
    let mailboxes = inventory.mailboxes();
    let links = links::resolve_links(&resolver, exports, &options.links);
    let pilot = pilot::look_up(
        answers
            .schedule
            .as_ref()
            .map_or(&[], |s| s.pilot.as_slice()),
        &resolver,
    );
    drop(resolver);
    let hubs = group::find_hubs(mailboxes, &links.linking, options.hub_threshold);
    let (groups, graph) = group_and_graph(mailboxes.len(), path, &links.linking, &hubs);
    let schedule = answers.schedule.clone().unwrap_or_default();
    let form = answers
        .source_server
        .as_ref()
        .and_then(|s| s.admin_login_format);
    let budget = caps::budget(path, &schedule, mailboxes, form, options)?;
    let g = Grouped {
        path,
        schedule,
        mailboxes,
        pilot,
        links,
        hubs,
        groups,
        graph,
        budget,
    };
    let batch = |warnings: &mut Vec<String>| match previous {
        None => batch_afresh(answers, &g, warnings),
        Some(previous) => batch_again(answers, &g, previous, warnings),
    };
    // The groups are listed by address on a second thread while the batches are made (a large
    // group is split on this one meanwhile).
    let (batched, listed) = if mailboxes.len() < SECOND_THREAD_FROM {
        (batch(&mut warnings), None)
    } else {
        std::thread::scope(|scope| {
            let listed = scope.spawn(|| group::listed(&g.groups, mailboxes));
            (batch(&mut warnings), listed.join().ok())
        })
    };
    let (batches, broken, changes, places) = batched?;
    let Grouped {
        schedule,
        links,
        hubs,
        groups,
        budget,
        ..
    } = g;
    warnings.extend(report::plan_warnings(
        path,
        batches.len(),
        links.linking.len(),
        mailboxes,
        &budget,
    ));
    let (unresolved, unresolved_rows) = report::unresolved(links.unresolved);
    // A panic listing them there is a bug: list them here instead.
    let groups = listed.unwrap_or_else(|| group::listed(&groups, mailboxes));
    let counts = (
        groups.len(),
        links.linking.len(),
        broken.len(),
        hubs.list.len(),
    );
    let plan = Plan {
        format_version: 1,
        organization: answers.organization.clone(),
        path,
        path_title: path.title().to_owned(),
        rule: recommendation.rule.id.to_owned(),
        time_zone: schedule.zone().name().to_owned(),
        totals: report::totals(&budget, &batches, counts, unresolved_rows),
        batches,
        groups,
        hubs: hubs.list,
        broken_links: broken,
        unresolved,
        warnings,
        changes,
    };
    Ok((plan, places))
}

/// A first plan: choose the pilot → split oversized groups and pack → name → schedule → report.
fn batch_afresh(
    answers: &Answers,
    g: &Grouped<'_>,
    warnings: &mut Vec<String>,
) -> Result<Batched, PlanError> {
    let single_batch = g.path.limits().single_batch;
    let weighed = (g.budget.weights.as_slice(), g.budget.caps);
    let pilot = pilot::choose_pilot(&g.pilot, single_batch, &g.groups, weighed, warnings);
    let packed = pack::pack_batches(
        single_batch,
        &g.groups,
        (&g.links.linking, &g.hubs, g.graph.as_ref()),
        &pilot.members,
        weighed,
    );
    let broken = || {
        report::broken_links(
            (g.path, answers.source),
            &g.links.linking,
            &packed.batches,
            (&g.hubs, &pilot.members),
            g.mailboxes,
        )
    };
    // The links the batches break are found on a second thread while the batches are named
    // and scheduled: both read the packed batches only.
    let (batches, broken) = std::thread::scope(|scope| {
        let found = scope.spawn(broken);
        let names = name::name_batches(g.path, &packed.batches, packed.pilot_batches, g.mailboxes);
        let batches = dates::schedule_batches(
            g.path,
            &g.schedule,
            (&packed, names),
            &g.budget,
            g.mailboxes,
            warnings,
        );
        // A panic there is a bug: find them here instead.
        (batches, found.join().unwrap_or_else(|_| broken()))
    });
    Ok((batches?, broken, None, packed.batches))
}

/// A plan that keeps the previous plan's word: pin → place the new mailboxes → name →
/// schedule → report → changes.
fn batch_again(
    answers: &Answers,
    g: &Grouped<'_>,
    previous: &PreviousPlan,
    warnings: &mut Vec<String>,
) -> Result<Batched, PlanError> {
    let pinned = keep::pin(previous, g.mailboxes);
    let packed = keep::place(
        (&pinned, g.mailboxes),
        previous,
        (&g.groups, (&g.links.linking, &g.hubs, g.graph.as_ref())),
        (&g.budget.weights, g.budget.caps),
        g.path.limits().single_batch,
    )?;
    let names = keep::name(g.path, previous, &packed, g.mailboxes);
    let batches = keep::schedule(
        g.path,
        &g.schedule,
        previous,
        (&packed, names),
        &g.budget,
        (g.mailboxes, warnings),
    )?;
    let broken = keep::broken_links(
        (g.path, answers.source),
        &g.links.linking,
        (&packed.batches, &g.hubs),
        (&pinned, previous),
        g.mailboxes,
    );
    let changes = changes::diff(previous, &pinned, (&packed, &batches, &broken), g.mailboxes);
    Ok((batches, broken, Some(changes), packed.batches))
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVENTORY: &str = "EmailAddress\nanna@x.com\nbob@x.com\n";
    const LINKS: &str = "Mailbox,Delegate,Right\nanna@x.com,bob@x.com,FullAccess\n";

    #[test]
    fn files_load_in_the_order_given_whatever_order_they_are_read_in() {
        let texts = [
            INVENTORY,
            LINKS,
            "Mailbox,Delegate,Right\nbob@x.com,anna@x.com,SendAs\n",
        ];
        // The smallest first: the largest is taken first.
        let files = [("inv.csv", 1), ("a.csv", 2), ("b.csv", 3)];
        let (inventory, exports) =
            load_each(&files, |k| Ok::<_, ()>(texts[k].as_bytes()), |_, _| ())
                .expect("read")
                .expect("parse");
        assert_eq!(inventory.mailboxes().len(), 2);
        let names: Vec<&str> = exports.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(names, ["a.csv", "b.csv"]);
    }

    #[test]
    fn a_file_that_cannot_be_read_fails_the_load_and_bad_rows_come_in_file_order() {
        let files = [("inv.csv", 1), ("a.csv", 2), ("b.csv", 3)];
        let open = |k| {
            if k == 1 {
                Err(k)
            } else {
                Ok(INVENTORY.as_bytes())
            }
        };
        let failed = load_each(&files, open, |k, _| k + 10);
        assert_eq!(failed.err(), Some(1));
        let texts = ["EmailAddress\nnot-an-address\n", "A,B\n1,2\n", LINKS];
        let errors = load_each(&files, |k| Ok::<_, ()>(texts[k].as_bytes()), |_, _| ())
            .expect("read")
            .expect_err("bad rows");
        let files: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(files, ["inv.csv", "a.csv"]);
    }
}
