//! Planning stages 2 and 3, find hubs and group: an account linked with more distinct
//! mailboxes than the threshold is a hub, whose links are left out; the other links join
//! mailboxes into groups (union-find), which the packing keeps in one batch where it can.

use super::inventory::Mailbox;
use super::links::Link;
use super::model::Hub;
use super::pack::UnionFind;

/// The hubs: which mailboxes are hubs, and the hubs with their degrees in address order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Hubs {
    /// Whether each mailbox is a hub.
    pub is_hub: Vec<bool>,
    /// The hubs, in inventory order.
    pub list: Vec<Hub>,
}

impl Hubs {
    /// Whether a link touches a hub.
    #[must_use]
    pub fn touches(&self, link: &Link) -> bool {
        self.is_hub[link.0 as usize] || self.is_hub[link.1 as usize]
    }
}

/// The mailboxes linked with more than `threshold` distinct mailboxes. Only a mailbox with more
/// than `threshold` links (counted with repeats) can be one: those few have their neighbours
/// gathered and counted, no graph of every link is built.
#[must_use]
pub fn find_hubs(mailboxes: &[Mailbox], linking: &[Link], threshold: usize) -> Hubs {
    let n = mailboxes.len();
    let mut degree = vec![0usize; n];
    for &(m, d, _) in linking {
        degree[m as usize] += 1;
        degree[d as usize] += 1;
    }
    let many = |i: u32| degree[i as usize] > threshold;
    // (mailbox, neighbour) for each link end at a mailbox with many links.
    let mut ends: Vec<(u32, u32)> = Vec::new();
    for &(m, d, _) in linking {
        if many(m) {
            ends.push((m, d));
        }
        if many(d) {
            ends.push((d, m));
        }
    }
    ends.sort_unstable();
    ends.dedup();
    let mut hubs = Hubs {
        is_hub: vec![false; n],
        list: Vec::new(),
    };
    for run in ends.chunk_by(|a, b| a.0 == b.0) {
        let i = run[0].0 as usize;
        if run.len() > threshold {
            hubs.is_hub[i] = true;
            hubs.list.push(Hub {
                address: mailboxes[i].address().to_owned(),
                degree: run.len(),
            });
        }
    }
    hubs
}

/// Groups of mailboxes joined by links between non-hubs: every mailbox is in exactly one
/// group (most alone), groups ordered by their first member, members in inventory order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Groups {
    /// The members of all groups, group after group.
    members: Vec<u32>,
    /// Where each group starts in `members`, and the end.
    starts: Vec<u32>,
    /// The group of each mailbox.
    group_of: Vec<u32>,
}

impl Groups {
    /// The number of groups, singletons included.
    #[must_use]
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether there are no groups (an empty inventory).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The members of group `g`.
    #[must_use]
    pub fn members(&self, g: usize) -> &[u32] {
        &self.members[self.starts[g] as usize..self.starts[g + 1] as usize]
    }

    /// Every group's members, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> {
        (0..self.len()).map(|g| self.members(g))
    }

    /// The members of the group of mailbox `i`.
    #[must_use]
    pub fn of(&self, i: usize) -> &[u32] {
        self.members(self.group_of[i] as usize)
    }
}

/// Joins the mailboxes of each link that touches no hub.
#[must_use]
pub fn group(n: usize, linking: &[Link], hubs: &Hubs) -> Groups {
    let mut uf = UnionFind::new(n);
    for link in linking.iter().filter(|l| !hubs.touches(l)) {
        uf.union(link.0 as usize, link.1 as usize);
    }
    // A group's root is its first member: number the groups in root order.
    let mut group_of = vec![0u32; n];
    let mut sizes: Vec<u32> = Vec::new();
    for i in 0..n {
        let root = uf.find(i);
        let g = if root == i {
            sizes.push(0);
            u32::try_from(sizes.len() - 1).unwrap_or(u32::MAX)
        } else {
            group_of[root]
        };
        group_of[i] = g;
        sizes[g as usize] += 1;
    }
    let mut starts = Vec::with_capacity(sizes.len() + 1);
    let mut sum = 0u32;
    for s in &sizes {
        starts.push(sum);
        sum += s;
    }
    starts.push(sum);
    let mut fill = starts.clone();
    let mut members = vec![0u32; n];
    for (i, &g) in group_of.iter().enumerate() {
        members[fill[g as usize] as usize] = u32::try_from(i).unwrap_or(u32::MAX);
        fill[g as usize] += 1;
    }
    Groups {
        members,
        starts,
        group_of,
    }
}

/// The groups of two or more, by member address, as the plan lists them.
#[must_use]
pub fn listed(groups: &Groups, mailboxes: &[Mailbox]) -> Vec<Vec<String>> {
    groups
        .iter()
        .filter(|g| g.len() > 1)
        .map(|g| {
            g.iter()
                .map(|&i| mailboxes[i as usize].address().to_owned())
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Right;

    fn mailboxes(n: usize) -> Vec<Mailbox> {
        let text: String = std::iter::once("EmailAddress\n".to_owned())
            .chain((0..n).map(|i| format!("m{i:02}@x.com\n")))
            .collect();
        crate::plan::Inventory::parse("inv.csv", &text)
            .expect("parses")
            .mailboxes()
            .to_vec()
    }

    #[test]
    fn hubs_count_distinct_neighbours_over_the_threshold() {
        let m = mailboxes(5);
        // 0 is linked with 1, 2 and 3 (twice with 1, by two rights); 4 with 0.
        let links = [
            (0, 1, Right::FullAccess),
            (0, 1, Right::SendAs),
            (2, 0, Right::FullAccess),
            (3, 0, Right::Calendar),
            (4, 0, Right::Calendar),
        ];
        let hubs = find_hubs(&m, &links, 3);
        assert_eq!(hubs.is_hub, vec![true, false, false, false, false]);
        assert_eq!(hubs.list[0].degree, 4);
        assert!(find_hubs(&m, &links, 4).list.is_empty());
    }

    #[test]
    fn groups_follow_links_except_a_hubs() {
        let m = mailboxes(6);
        let links = [
            (1, 3, Right::FullAccess),
            (4, 3, Right::SendAs),
            (5, 0, Right::FullAccess),
            (5, 2, Right::FullAccess),
        ];
        let mut hubs = find_hubs(&m, &links, 10);
        let groups = group(6, &links, &hubs);
        assert_eq!(
            groups.iter().collect::<Vec<_>>(),
            [&[0, 2, 5][..], &[1, 3, 4],]
        );
        assert_eq!(groups.of(4), &[1, 3, 4]);
        // With 5 a hub, 0 and 2 move alone.
        hubs.is_hub[5] = true;
        let groups = group(6, &links, &hubs);
        assert_eq!(groups.len(), 4);
        assert_eq!(
            listed(&groups, &m),
            vec![vec!["m01@x.com", "m03@x.com", "m04@x.com"]]
        );
    }
}
