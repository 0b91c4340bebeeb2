//! Planning stage 9, report: the links the batches split (and why), the warnings about the
//! plan as a whole, and the totals.

use std::collections::BTreeMap;

use super::caps::Budget;
use super::group::Hubs;
use super::inventory::{Mailbox, read_ahead};
use super::links::Link;
use super::model::{Batch, BrokenLink, Impact, LinkReason, Totals, Unresolved};
use super::schedule::LARGEST_SUPPORTED_BYTES;
use crate::answers::{MigrationPath, Source};
use crate::limits::MAX_BATCHES_PER_TENANT;

/// The links whose two mailboxes move in different batches, in link order (which follows the
/// inventory's address order).
#[must_use]
pub fn broken_links(
    (path, source): (MigrationPath, Source),
    linking: &[Link],
    batches: &[Vec<usize>],
    (hubs, in_pilot): (&Hubs, &[bool]),
    mailboxes: &[Mailbox],
) -> Vec<BrokenLink> {
    let mut batch_of = vec![0usize; mailboxes.len()];
    for (b, members) in batches.iter().enumerate() {
        for &i in members {
            batch_of[i] = b + 1;
        }
    }
    let broken: Vec<&Link> = linking
        .iter()
        .filter(|(m, d, _)| batch_of[*m as usize] != batch_of[*d as usize])
        .collect();
    let made = |link @ &(m, d, right): &Link| {
        let (m, d) = (m as usize, d as usize);
        let reason = if hubs.touches(link) {
            LinkReason::Hub
        } else if in_pilot[m] != in_pilot[d] {
            LinkReason::Pilot
        } else {
            LinkReason::Split
        };
        BrokenLink {
            mailbox: mailboxes[m].address().to_owned(),
            delegate: mailboxes[d].address().to_owned(),
            right,
            mailbox_batch: batch_of[m],
            delegate_batch: batch_of[d],
            reason: reason.as_str().to_owned(),
            impact: Impact::of(path, source, right),
        }
    };
    let mut out = Vec::with_capacity(broken.len());
    for links in broken.chunks(1024) {
        let ends = |&&(m, d, _): &&Link| [&mailboxes[m as usize], &mailboxes[d as usize]];
        read_ahead(links.iter().flat_map(ends));
        out.extend(links.iter().map(|link| made(link)));
    }
    out
}

/// Warnings about the plan as a whole: too many batches for a tenant, mailboxes too large to
/// move, permissions the path does not carry, mailboxes larger than a window moves.
#[must_use]
pub fn plan_warnings(
    path: MigrationPath,
    batches: usize,
    links: usize,
    mailboxes: &[Mailbox],
    budget: &Budget,
) -> Vec<String> {
    let mut warnings = Vec::new();
    if batches > MAX_BATCHES_PER_TENANT {
        warnings.push(format!(
            "{batches} batches: a tenant holds at most {MAX_BATCHES_PER_TENANT} migration batches, so remove completed batches before creating batch {}",
            MAX_BATCHES_PER_TENANT + 1
        ));
    }
    let oversized: Vec<&str> = mailboxes
        .iter()
        .filter(|m| m.size_bytes > LARGEST_SUPPORTED_BYTES)
        .map(|m| m.address())
        .collect();
    if !oversized.is_empty() {
        warnings.push(format!(
            "{} mailboxes are larger than 200 GB, which Microsoft does not support moving: {}",
            oversized.len(),
            oversized[..oversized.len().min(10)].join(", ")
        ));
    }
    if !path.limits().remote_move && links > 0 {
        warnings.push(format!(
            "{} does not carry permissions: re-grant the {links} links after the move",
            path.title(),
        ));
    }
    if budget.volume_cap != u64::MAX && budget.weights.iter().any(|w| w.bytes > budget.volume_cap) {
        warnings.push(
            "some mailboxes hold more data than one migration window moves at the given throughput; they run alone and overrun the window"
                .to_owned(),
        );
    }
    warnings
}

/// The unresolved names as the plan lists them, and their rows in all.
#[must_use]
pub fn unresolved(names: BTreeMap<String, usize>) -> (Vec<Unresolved>, usize) {
    let rows = names.values().sum();
    let list = names
        .into_iter()
        .map(|(name, rows)| Unresolved { name, rows })
        .collect();
    (list, rows)
}

/// The plan's totals.
#[must_use]
pub fn totals(
    budget: &Budget,
    batches: &[Batch],
    (groups, links, broken_links, hubs): (usize, usize, usize, usize),
    unresolved_rows: usize,
) -> Totals {
    Totals {
        mailboxes: budget.weights.len(),
        bytes: budget
            .weights
            .iter()
            .fold(0, |sum, w| sum.saturating_add(w.bytes)),
        batches: batches.len(),
        groups,
        links,
        broken_links,
        hubs,
        unresolved_rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Right;
    use crate::plan::group::find_hubs;

    #[test]
    fn broken_links_say_why() {
        let inventory = crate::plan::Inventory::parse(
            "inv.csv",
            "EmailAddress\na@x.com\nb@x.com\nc@x.com\nd@x.com\n",
        )
        .expect("parses");
        let m = &inventory.mailboxes();
        let links = [
            (0, 1, Right::FullAccess),
            (1, 2, Right::SendAs),
            (2, 3, Right::Calendar),
            (3, 2, Right::FullAccess),
        ];
        let mut hubs = find_hubs(m, &links, 50);
        hubs.is_hub[3] = true;
        let batches = [vec![0], vec![1, 2], vec![3]];
        let in_pilot = [true, false, false, false];
        let broken = broken_links(
            (MigrationPath::FullHybrid, Source::Exchange2016),
            &links,
            &batches,
            (&hubs, &in_pilot),
            m,
        );
        let got: Vec<(&str, &str, usize, usize)> = broken
            .iter()
            .map(|b| {
                (
                    b.mailbox.as_str(),
                    b.reason.as_str(),
                    b.mailbox_batch,
                    b.delegate_batch,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a@x.com", "pilot", 1, 2),
                ("c@x.com", "hub", 2, 3),
                ("d@x.com", "hub", 3, 2)
            ]
        );
        assert_eq!(broken[0].impact, Impact::WorksAcrossPremises);
    }

    #[test]
    fn thousands_of_broken_links_keep_the_links_order() {
        let inventory = crate::plan::Inventory::parse(
            "inv.csv",
            "EmailAddress\na@x.com\nb@x.com\nc@x.com\nd@x.com\n",
        )
        .expect("parses");
        let m = &inventory.mailboxes();
        // 4,001 links, most of them across batches (made in runs of a thousand).
        let links: Vec<Link> = (0..4001u32)
            .map(|k| (k % 4, (k / 4) % 4, Right::SendAs))
            .filter(|&(a, b, _)| a != b)
            .collect();
        let batches = [vec![0, 1], vec![2], vec![3]];
        let hubs = find_hubs(m, &[], 50);
        let broken = broken_links(
            (MigrationPath::FullHybrid, Source::Exchange2016),
            &links,
            &batches,
            (&hubs, &[false; 4]),
            m,
        );
        let batch = |i: u32| [1, 1, 2, 3][i as usize];
        let want: Vec<(String, String, usize)> = links
            .iter()
            .filter(|&&(a, b, _)| batch(a) != batch(b))
            .map(|&(a, b, _)| {
                let address = |i: u32| m[i as usize].address().to_owned();
                (address(a), address(b), batch(b))
            })
            .collect();
        let got: Vec<(String, String, usize)> = broken
            .into_iter()
            .map(|b| (b.mailbox, b.delegate, b.delegate_batch))
            .collect();
        assert!(want.len() > 2000);
        assert_eq!(got, want);
    }

    #[test]
    fn warnings_about_the_whole_plan() {
        let inventory = crate::plan::Inventory::parse(
            "inv.csv",
            "EmailAddress,SizeBytes\na@x.com,300000000000\nb@x.com,1\n",
        )
        .expect("parses");
        let m = &inventory.mailboxes();
        let budget = Budget {
            caps: crate::plan::pack::Caps {
                mailboxes: 1,
                bytes: 1 << 30,
                csv_bytes: u64::MAX,
            },
            weights: m
                .iter()
                .map(|m| crate::plan::pack::Weight {
                    bytes: m.total_bytes(),
                    csv_bytes: 0,
                })
                .collect(),
            throughput: Some(1.0),
            volume_cap: 1 << 30,
        };
        let w = plan_warnings(MigrationPath::Staged, 101, 3, m, &budget);
        assert_eq!(w.len(), 4, "{w:?}");
        assert!(w[0].starts_with("101 batches: a tenant holds at most 100"));
        assert!(w[1].ends_with(": a@x.com"));
        assert!(w[2].contains("re-grant the 3 links"));
        assert!(
            plan_warnings(
                MigrationPath::FullHybrid,
                2,
                3,
                &m[1..],
                &Budget {
                    volume_cap: u64::MAX,
                    ..budget
                }
            )
            .is_empty()
        );
    }
}
