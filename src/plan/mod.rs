//! The batch planner: from the answers, a mailbox inventory and permission exports to batches
//! that keep permission-linked mailboxes together, fit the path's limits, and run on the
//! answers' migration days. Pure: inputs are texts, outputs are a [`Plan`] and file contents.

pub mod cells;
pub mod input;
pub mod inventory;
pub mod model;
pub mod output;
pub mod pack;
pub mod permissions;
pub mod read;
pub mod resolve;
pub mod schedule;

use std::collections::BTreeMap;

pub use input::InputError;
pub use inventory::Inventory;
pub use model::Plan;
pub use permissions::{Export, Right};

use self::model::{Batch, BrokenLink, Estimate, Hub, LinkReason, Totals, Unresolved};
use self::pack::{Caps, UnionFind, Weight};
use self::resolve::Resolver;
use self::schedule::{Calendar, LARGEST_SUPPORTED_BYTES, published_days};
use crate::answers::model::AdminLoginFormat;
use crate::answers::{Answers, Path};
use crate::recommend;

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError(pub String);

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads the inventory and the permission exports (name, text), the exports on a second thread
/// while the inventory is read: every error of every file is returned.
///
/// # Errors
/// Every bad row of every file.
pub fn load(
    inventory: (&str, &str),
    permissions: &[(String, String)],
) -> Result<(Inventory, Vec<Export>), Vec<InputError>> {
    let (inv, exports) = std::thread::scope(|scope| {
        let exports = scope.spawn(|| {
            permissions
                .iter()
                .map(|(name, text)| Export::parse(name, text))
                .collect::<Vec<_>>()
        });
        let inv = Inventory::parse(inventory.0, inventory.1);
        // A panic on the other thread is a bug; report it as an input error rather than abort.
        let exports = exports.join().unwrap_or_else(|_| {
            vec![Err(vec![InputError {
                file: String::new(),
                line: 0,
                column: None,
                message: "reading the permission exports failed".to_owned(),
            }])]
        });
        (inv, exports)
    });
    let mut errors = Vec::new();
    let inventory = inv.map_err(|e| errors.extend(e)).ok();
    let mut out = Vec::new();
    for e in exports {
        match e {
            Ok(export) => out.push(export),
            Err(e) => errors.extend(e),
        }
    }
    match inventory {
        Some(inv) if errors.is_empty() => Ok((inv, out)),
        _ => Err(errors),
    }
}

/// Default and hard most mailboxes per batch for a path.
const fn batch_limits(path: Path) -> (usize, usize) {
    match path {
        // One batch holds every mailbox.
        Path::Cutover => (2000, 2000),
        Path::Staged => (2000, 2000),
        // Microsoft advises splitting large IMAP migrations (10,000 accounts as 4 × 2,500).
        Path::Imap => (2500, 50_000),
        // No documented row limit; Microsoft's 100-batch guidance uses 1,000 users per batch.
        _ => (1000, 50_000),
    }
}

/// Most bytes of one IMAP CSV (10 MB).
const IMAP_CSV_BYTES: u64 = 10_000_000;

/// The IMAP `UserName` for a mailbox.
fn imap_user(mailbox: &inventory::Mailbox) -> String {
    if mailbox.alias.is_empty() {
        mailbox
            .address
            .split('@')
            .next()
            .unwrap_or(&mailbox.address)
            .to_owned()
    } else {
        mailbox.alias.clone()
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
        Some(AdminLoginFormat::Mirapoint) => format!("#{}#{}#", mailbox.address, admin()?),
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

/// Plans the migration of `inventory` for `answers`.
///
/// # Errors
/// When the path's limits cannot hold the inventory (a cutover of more than 2,000 mailboxes),
/// or an IMAP user-name form needs options that are missing.
#[allow(
    clippy::too_many_lines,
    reason = "one pass over the planning stages, in order"
)]
pub fn plan(
    answers: &Answers,
    inventory: &Inventory,
    exports: &[Export],
    options: &Options,
) -> Result<Plan, PlanError> {
    let rec = recommend::recommend(answers);
    let path = rec.path;
    let mailboxes = &inventory.mailboxes;
    let n = mailboxes.len();
    let mut warnings = Vec::new();
    if n == 0 {
        return Err(PlanError("the inventory lists no mailboxes".to_owned()));
    }
    let declared = answers.mailboxes as usize;
    if declared.abs_diff(n) * 10 > declared.max(n) {
        warnings.push(format!(
            "the answers say {declared} mailboxes; the inventory lists {n}"
        ));
    }
    if path == Path::Cutover && n > 2000 {
        return Err(PlanError(format!(
            "a cutover migration moves at most 2,000 mailboxes in its one batch; the inventory lists {n}"
        )));
    }

    // Links between mailboxes of the inventory, deduplicated.
    let resolver = Resolver::new(mailboxes);
    let mut unresolved: BTreeMap<String, usize> = BTreeMap::new();
    let mut links: Vec<(u32, u32, Right)> = Vec::new();
    let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    for export in exports {
        let resolved: Vec<Option<usize>> = export
            .names
            .iter()
            .map(|name| resolver.resolve(name))
            .collect();
        let mut missing: Vec<usize> = vec![0; export.names.len()];
        links.reserve(export.grants.len());
        for grant in &export.grants {
            let (mi, di) = (grant.mailbox as usize, grant.delegate as usize);
            match (resolved[mi], resolved[di]) {
                (Some(m), Some(d)) if m != d => links.push((index(m), index(d), grant.right)),
                (Some(_), Some(_)) => {}
                (None, _) => missing[mi] += 1,
                (_, None) => missing[di] += 1,
            }
        }
        for (name, count) in export.names.iter().zip(missing) {
            if count > 0 {
                *unresolved.entry(name.clone()).or_default() += count;
            }
        }
    }
    links.sort_unstable();
    links.dedup();
    let linking: Vec<(u32, u32, Right)> = links
        .iter()
        .copied()
        .filter(|(_, _, r)| options.links.contains(r))
        .collect();

    // Hubs: distinct neighbours over linking rights.
    let mut neighbours: Vec<Vec<u32>> = vec![Vec::new(); n];
    for &(m, d, _) in &linking {
        neighbours[m as usize].push(d);
        neighbours[d as usize].push(m);
    }
    for list in &mut neighbours {
        list.sort_unstable();
        list.dedup();
    }
    let hub: Vec<bool> = neighbours
        .iter()
        .map(|l| l.len() > options.hub_threshold)
        .collect();
    let hubs: Vec<Hub> = (0..n)
        .filter(|&i| hub[i])
        .map(|i| Hub {
            address: mailboxes[i].address.clone(),
            degree: neighbours[i].len(),
        })
        .collect();

    // Groups: union-find over the links between non-hubs.
    let mut uf = UnionFind::new(n);
    for &(m, d, _) in &linking {
        if !hub[m as usize] && !hub[d as usize] {
            uf.union(m as usize, d as usize);
        }
    }
    let roots: Vec<usize> = (0..n).map(|i| uf.find(i)).collect();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &r) in roots.iter().enumerate() {
        groups.entry(r).or_default().push(i);
    }
    let group_list: Vec<Vec<String>> = groups
        .values()
        .filter(|g| g.len() > 1)
        .map(|g| g.iter().map(|&i| mailboxes[i].address.clone()).collect())
        .collect();

    // Limits.
    let schedule = answers.schedule.clone().unwrap_or_default();
    let (default_cap, hard_cap) = batch_limits(path);
    let cap = schedule
        .max_batch_mailboxes
        .map_or(default_cap, |m| m as usize)
        .min(hard_cap)
        .max(1);
    let window = schedule.window.unwrap_or(schedule::Window::DAY);
    let throughput = schedule.throughput_gb_per_hour.filter(|t| *t > 0.0);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "throughput and window are bounded by the schema"
    )]
    let volume_cap = throughput.map_or(u64::MAX, |t| {
        (t * window.hours() * f64::from(1u32 << 30)) as u64
    });
    let imap_form = answers
        .source_server
        .as_ref()
        .and_then(|s| s.admin_login_format);
    let mut weights = Vec::with_capacity(n);
    for m in mailboxes {
        let csv_bytes = if path == Path::Imap {
            (m.address.len() + imap_user_name(m, imap_form, options)?.len() + 4) as u64
        } else {
            0
        };
        weights.push(Weight {
            bytes: m.total_bytes(),
            csv_bytes,
        });
    }
    let caps = Caps {
        mailboxes: if path == Path::Cutover { 2000 } else { cap },
        bytes: if path == Path::Cutover {
            u64::MAX
        } else {
            volume_cap
        },
        csv_bytes: if path == Path::Imap {
            IMAP_CSV_BYTES
        } else {
            u64::MAX
        },
    };

    // The pilot batch: the pilot mailboxes with their groups when those fit, else alone.
    let mut pilot: Vec<usize> = Vec::new();
    for address in &schedule.pilot {
        match resolver.resolve(address) {
            Some(i) => pilot.push(i),
            None => warnings.push(format!("pilot address {address} is not in the inventory")),
        }
    }
    pilot.sort_unstable();
    pilot.dedup();
    if path == Path::Cutover && !pilot.is_empty() {
        warnings.push(
            "a cutover moves every mailbox in one batch; the pilot list is not used".to_owned(),
        );
        pilot.clear();
    }
    let mut in_pilot = vec![false; n];
    if !pilot.is_empty() {
        let mut with_groups: Vec<usize> = pilot
            .iter()
            .flat_map(|&i| groups[&roots[i]].iter().copied())
            .collect();
        with_groups.sort_unstable();
        with_groups.dedup();
        let load: (usize, u64) = with_groups.iter().fold((0, 0), |(c, b), &i| {
            (c + 1, b.saturating_add(weights[i].bytes))
        });
        let chosen = if load.0 <= caps.mailboxes && load.1 <= caps.bytes {
            with_groups
        } else {
            pilot.clone()
        };
        for i in chosen {
            in_pilot[i] = true;
        }
    }

    // Pieces: each group's non-pilot members, split where a group is larger than a batch.
    let mut graph: Option<pack::Graph> = None;
    let mut pieces: Vec<Vec<usize>> = Vec::new();
    let fits = |members: &[usize]| {
        let (c, b, x) = members.iter().fold((0usize, 0u64, 0u64), |(c, b, x), &i| {
            (
                c + 1,
                b.saturating_add(weights[i].bytes),
                x.saturating_add(weights[i].csv_bytes),
            )
        });
        c <= caps.mailboxes && b <= caps.bytes && x <= caps.csv_bytes
    };
    let mut batches_idx: Vec<Vec<usize>> = Vec::new();
    if path == Path::Cutover {
        batches_idx.push((0..n).collect());
    } else {
        for members in groups.values() {
            let rest: Vec<usize> = members.iter().copied().filter(|&i| !in_pilot[i]).collect();
            if rest.is_empty() {
                continue;
            }
            if rest.len() == 1 || fits(&rest) {
                pieces.push(rest);
                continue;
            }
            let graph = graph.get_or_insert_with(|| {
                let edges: Vec<(u32, u32)> = linking
                    .iter()
                    .filter(|(m, d, _)| !hub[*m as usize] && !hub[*d as usize])
                    .map(|&(m, d, _)| (m, d))
                    .collect();
                pack::Graph::new(n, &edges)
            });
            pieces.extend(pack::split_group(&rest, graph, &weights, caps));
        }
        let pilot_members: Vec<usize> = (0..n).filter(|&i| in_pilot[i]).collect();
        if !pilot_members.is_empty() {
            if fits(&pilot_members) {
                batches_idx.push(pilot_members);
            } else {
                batches_idx.extend(pack::split_group(
                    &pilot_members,
                    &pack::Graph::default(),
                    &weights,
                    caps,
                ));
            }
        }
        batches_idx.extend(pack::pack(pieces, &weights, caps));
    }
    let pilot_batches = if pilot.is_empty() {
        0
    } else {
        batches_idx
            .iter()
            .take_while(|b| b.iter().all(|&i| in_pilot[i]))
            .count()
    };

    // Batch of each mailbox; broken links.
    let mut batch_of = vec![0usize; n];
    for (b, members) in batches_idx.iter().enumerate() {
        for &i in members {
            batch_of[i] = b + 1;
        }
    }
    let broken: Vec<BrokenLink> = linking
        .iter()
        .filter(|(m, d, _)| batch_of[*m as usize] != batch_of[*d as usize])
        .map(|&(m, d, right)| {
            let (m, d) = (m as usize, d as usize);
            let reason = if hub[m] || hub[d] {
                LinkReason::Hub
            } else if in_pilot[m] != in_pilot[d] {
                LinkReason::Pilot
            } else {
                LinkReason::Split
            };
            BrokenLink {
                mailbox: mailboxes[m].address.clone(),
                delegate: mailboxes[d].address.clone(),
                right,
                mailbox_batch: batch_of[m],
                delegate_batch: batch_of[d],
                reason: reason.as_str().to_owned(),
                impact: model::Impact::of(path, answers.source, right),
            }
        })
        .collect();
    // `linking` is sorted by (mailbox, delegate, right) index, and indexes follow the
    // inventory's address order: the list is in address order already.

    // Names, files, schedule and estimates.
    let width = batches_idx.len().to_string().len().max(2);
    let mut calendar = Calendar::new(&schedule)?;
    if calendar.is_none() {
        warnings.push(
            "the answers have no schedule start date (schedule.start): batches are not scheduled"
                .to_owned(),
        );
    } else if throughput.is_none() {
        warnings.push(
            "the answers have no throughput_gb_per_hour: one batch per migration day, and no hour estimates"
                .to_owned(),
        );
    }
    let mut day: Option<crate::answers::model::Date> = None;
    let mut used: u64 = 0;
    let mut batches = Vec::with_capacity(batches_idx.len());
    for (b, members) in batches_idx.iter().enumerate() {
        let is_pilot = b < pilot_batches;
        let bytes = members
            .iter()
            .fold(0, |sum: u64, &i| sum.saturating_add(weights[i].bytes));
        let largest = members.iter().map(|&i| weights[i].bytes).max().unwrap_or(0);
        let label = if is_pilot {
            "pilot".to_owned()
        } else if path == Path::Cutover {
            "cutover".to_owned()
        } else {
            let mut count: BTreeMap<&str, usize> = BTreeMap::new();
            for &i in members {
                *count.entry(mailboxes[i].database.as_str()).or_default() += 1;
            }
            let top = count
                .iter()
                .filter(|(db, _)| !db.is_empty())
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(db, _)| slug(db));
            top.filter(|s| !s.is_empty())
                .unwrap_or_else(|| "batch".to_owned())
        };
        let name = model::batch_name(b + 1, width, &label);
        let file = match path {
            Path::Cutover | Path::ThirdParty => None,
            _ => Some(format!("batches/{name}.csv")),
        };
        let (p50, p90) = published_days(largest);
        let (date, window_text, complete_after, sync_start) = match calendar.as_mut() {
            Some(cal) => {
                let new_day = day.is_none()
                    || b <= pilot_batches
                    || throughput.is_none()
                    || used.saturating_add(bytes) > volume_cap;
                if new_day {
                    day = Some(cal.next_day()?);
                    used = 0;
                }
                used = used.saturating_add(bytes);
                let remote = path.is_hybrid() || path == Path::CrossTenant;
                let complete = if remote {
                    day.map(|d| cal.start_utc(d)).transpose()?
                } else {
                    None
                };
                // Remote moves are pre-staged: created and started the p90 sync time ahead.
                let sync_start = match (remote, day, schedule.start) {
                    (true, Some(d), Some(floor)) => {
                        Some(Calendar::days_before(d, p90, floor).to_string())
                    }
                    _ => None,
                };
                (
                    day.map(|d| d.to_string()),
                    Some(cal.window.text()),
                    complete,
                    sync_start,
                )
            }
            None => (None, None, None, None),
        };
        #[allow(clippy::cast_precision_loss, reason = "an estimate")]
        let hours = throughput.map(|t| {
            let h = bytes as f64 / f64::from(1u32 << 30) / t;
            (h * 10.0).round() / 10.0
        });
        batches.push(Batch {
            number: b + 1,
            name,
            file,
            pilot: is_pilot,
            members: members
                .iter()
                .map(|&i| mailboxes[i].address.clone())
                .collect(),
            bytes,
            largest_bytes: largest,
            date,
            window: window_text,
            sync_start,
            complete_after_utc: complete_after,
            estimate: Estimate {
                hours,
                p50_days: p50,
                p90_days: p90,
            },
        });
    }
    if batches.len() > 100 {
        warnings.push(format!(
            "{} batches: a tenant holds at most 100 migration batches, so remove completed batches before creating batch 101",
            batches.len()
        ));
    }
    let oversized: Vec<&str> = mailboxes
        .iter()
        .filter(|m| m.size_bytes > LARGEST_SUPPORTED_BYTES)
        .map(|m| m.address.as_str())
        .collect();
    if !oversized.is_empty() {
        warnings.push(format!(
            "{} mailboxes are larger than 200 GB, which Microsoft does not support moving: {}",
            oversized.len(),
            oversized
                .iter()
                .take(10)
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !path.is_hybrid() && path != Path::CrossTenant && !linking.is_empty() {
        warnings.push(format!(
            "{} does not carry permissions: re-grant the {} links after the move",
            path.title(),
            linking.len()
        ));
    }
    if volume_cap != u64::MAX && oversized_for_window(&weights, volume_cap) {
        warnings.push(
            "some mailboxes hold more data than one migration window moves at the given throughput; they run alone and overrun the window"
                .to_owned(),
        );
    }
    let unresolved_rows = unresolved.values().sum();
    let unresolved: Vec<Unresolved> = unresolved
        .into_iter()
        .map(|(name, rows)| Unresolved { name, rows })
        .collect();
    let totals = Totals {
        mailboxes: n,
        bytes: weights.iter().fold(0, |sum, w| sum.saturating_add(w.bytes)),
        batches: batches.len(),
        groups: group_list.len(),
        links: linking.len(),
        broken_links: broken.len(),
        hubs: hubs.len(),
        unresolved_rows,
    };
    Ok(Plan {
        format_version: 1,
        organization: answers.organization.clone(),
        path,
        path_title: path.title().to_owned(),
        rule: rec.rule.id.to_owned(),
        time_zone: schedule.zone().name().to_owned(),
        totals,
        batches,
        groups: group_list,
        hubs,
        broken_links: broken,
        unresolved,
        warnings,
    })
}

fn oversized_for_window(weights: &[Weight], cap: u64) -> bool {
    weights.iter().any(|w| w.bytes > cap)
}
