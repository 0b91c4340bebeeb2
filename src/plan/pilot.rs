//! Planning stage 5, choose the pilot: the answers' pilot mailboxes with their groups when
//! those fit one batch, else the pilot mailboxes alone; none on a path that moves every
//! mailbox in one batch.

use super::group::Groups;
use super::pack::{Caps, Weight};
use super::resolve::Resolver;

/// The pilot: which mailboxes move in the pilot batch.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pilot {
    /// Whether each mailbox is in the pilot.
    pub members: Vec<bool>,
    /// Whether the answers' pilot list named any mailbox of the inventory (and is used).
    pub chosen: bool,
}

/// The addresses of the answers' pilot list, each with the mailbox it names: looked up with the
/// permission exports' names, while the inventory's index is at hand.
pub type Named<'a> = Vec<(&'a str, Option<usize>)>;

/// Looks up each of `addresses` (see [`Named`]).
#[must_use]
pub fn look_up<'a>(addresses: &'a [String], resolver: &Resolver) -> Named<'a> {
    addresses
        .iter()
        .map(|address| (address.as_str(), resolver.resolve(address)))
        .collect()
}

/// The pilot for the answers' pilot list, `named`; a warning for each address the inventory
/// does not hold, and one when the path moves everything in one batch.
#[must_use]
pub fn choose_pilot(
    named: &Named<'_>,
    single_batch: bool,
    groups: &Groups,
    (weights, caps): (&[Weight], Caps),
    warnings: &mut Vec<String>,
) -> Pilot {
    let mut pilot: Vec<usize> = Vec::new();
    for &(address, found) in named {
        match found {
            Some(i) => pilot.push(i),
            None => warnings.push(format!("pilot address {address} is not in the inventory")),
        }
    }
    pilot.sort_unstable();
    pilot.dedup();
    if single_batch && !pilot.is_empty() {
        warnings.push(
            "a cutover moves every mailbox in one batch; the pilot list is not used".to_owned(),
        );
        pilot.clear();
    }
    let mut members = vec![false; weights.len()];
    if pilot.is_empty() {
        return Pilot {
            members,
            chosen: false,
        };
    }
    let mut with_groups: Vec<usize> = pilot
        .iter()
        .flat_map(|&i| groups.of(i).iter().map(|&j| j as usize))
        .collect();
    with_groups.sort_unstable();
    with_groups.dedup();
    let bytes = with_groups
        .iter()
        .fold(0u64, |b, &i| b.saturating_add(weights[i].bytes));
    let chosen = if with_groups.len() <= caps.mailboxes && bytes <= caps.bytes {
        with_groups
    } else {
        pilot
    };
    for i in chosen {
        members[i] = true;
    }
    Pilot {
        members,
        chosen: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::group::{find_hubs, group};
    use crate::plan::{Inventory, Right};

    #[test]
    fn the_pilot_takes_its_groups_when_they_fit() {
        let inventory = Inventory::parse(
            "inv.csv",
            "EmailAddress\na@x.com\nb@x.com\nc@x.com\nd@x.com\n",
        )
        .expect("parses");
        let m = &inventory.mailboxes();
        let links = [(0, 1, Right::FullAccess), (1, 2, Right::FullAccess)];
        let groups = group(4, &links, &find_hubs(m, &links, 50));
        let resolver = Resolver::new(m);
        let weights = vec![Weight::default(); 4];
        let caps = |mailboxes| Caps {
            mailboxes,
            bytes: u64::MAX,
            csv_bytes: u64::MAX,
        };
        let pick = |caps, single| {
            let mut warnings = Vec::new();
            let addresses = ["a@x.com".to_owned(), "z@x.com".to_owned()];
            let p = choose_pilot(
                &look_up(&addresses, &resolver),
                single,
                &groups,
                (&weights, caps),
                &mut warnings,
            );
            (p.members, warnings.len())
        };
        assert_eq!(pick(caps(3), false), (vec![true, true, true, false], 1));
        // Its group does not fit: the pilot mailbox alone.
        assert_eq!(pick(caps(2), false), (vec![true, false, false, false], 1));
        // A cutover has no pilot.
        assert_eq!(pick(caps(3), true), (vec![false; 4], 2));
    }
}
