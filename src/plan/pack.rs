//! Grouping and packing: union-find over the links that break across platforms (hubs left
//! out), groups larger than a batch split where the fewest links break, and groups packed into
//! batches under the path's limits. Everything is ordered by mailbox index (the inventory sorted
//! by address), so the result depends on content only.

use std::collections::{BTreeSet, HashMap};

/// Union-find with path halving and union by smaller index (so a group's root is its first
/// member).
#[derive(Debug)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    #[must_use]
    pub fn new(n: usize) -> Self {
        Self {
            parent: (0..n)
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
        }
    }

    /// The root of `i`.
    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] as usize != i {
            let grand = self.parent[self.parent[i] as usize];
            self.parent[i] = grand;
            i = grand as usize;
        }
        i
    }

    /// Joins the groups of `a` and `b`.
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = u32::try_from(lo).unwrap_or(u32::MAX);
        }
    }
}

/// The limits of one batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    /// Most mailboxes (rows).
    pub mailboxes: usize,
    /// Most data, in bytes (`u64::MAX` when unlimited).
    pub bytes: u64,
    /// Most CSV bytes (`u64::MAX` when unlimited).
    pub csv_bytes: u64,
}

/// What one mailbox weighs against the caps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Weight {
    /// Data bytes.
    pub bytes: u64,
    /// Its CSV row's bytes.
    pub csv_bytes: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Load {
    mailboxes: usize,
    bytes: u64,
    csv_bytes: u64,
}

impl Load {
    fn add(&mut self, w: Weight) {
        self.mailboxes += 1;
        self.bytes = self.bytes.saturating_add(w.bytes);
        self.csv_bytes = self.csv_bytes.saturating_add(w.csv_bytes);
    }

    fn plus(self, other: Self) -> Self {
        Self {
            mailboxes: self.mailboxes + other.mailboxes,
            bytes: self.bytes.saturating_add(other.bytes),
            csv_bytes: self.csv_bytes.saturating_add(other.csv_bytes),
        }
    }

    /// Whether the load fits; an empty batch takes anything (one mailbox over a cap moves alone).
    fn fits(self, caps: Caps, empty: bool) -> bool {
        empty
            || (self.mailboxes <= caps.mailboxes
                && self.bytes <= caps.bytes
                && self.csv_bytes <= caps.csv_bytes)
    }
}

/// Splits `members` (a group too large for one batch) into pieces that fit `caps`, growing each
/// piece from its best-connected mailbox by the mailbox with the most links into it, so few links
/// cross pieces. `adjacency[i]` lists the group-internal neighbours of mailbox `i`.
#[must_use]
pub fn split_group(
    members: &[usize],
    adjacency: &HashMap<usize, Vec<usize>>,
    weights: &[Weight],
    caps: Caps,
) -> Vec<Vec<usize>> {
    let mut unassigned: BTreeSet<usize> = members.iter().copied().collect();
    let degree = |i: usize| adjacency.get(&i).map_or(0, Vec::len);
    let mut pieces = Vec::new();
    while let Some(&seed) = unassigned
        .iter()
        .max_by_key(|&&i| (degree(i), std::cmp::Reverse(i)))
    {
        let mut piece = Vec::new();
        let mut load = Load::default();
        // Candidates by (links into the piece, lowest index first).
        let mut gain: HashMap<usize, usize> = HashMap::new();
        let mut frontier: BTreeSet<(std::cmp::Reverse<usize>, usize)> = BTreeSet::new();
        let mut next = Some(seed);
        while let Some(i) = next {
            let mut after = load;
            after.add(weights[i]);
            if !after.fits(caps, piece.is_empty()) {
                break;
            }
            load = after;
            unassigned.remove(&i);
            frontier.remove(&(std::cmp::Reverse(gain.get(&i).copied().unwrap_or(0)), i));
            piece.push(i);
            for &j in adjacency.get(&i).map_or(&[][..], Vec::as_slice) {
                if unassigned.contains(&j) {
                    let g = gain.entry(j).or_insert(0);
                    frontier.remove(&(std::cmp::Reverse(*g), j));
                    *g += 1;
                    frontier.insert((std::cmp::Reverse(*g), j));
                }
            }
            next = frontier
                .iter()
                .next()
                .map(|&(_, j)| j)
                .or_else(|| unassigned.iter().next().copied());
        }
        piece.sort_unstable();
        pieces.push(piece);
    }
    pieces
}

/// Packs pieces (groups that fit) into batches: largest first, each into the first of the
/// recently opened batches it fits, else a new one. Returns each batch's members, sorted.
#[must_use]
pub fn pack(mut pieces: Vec<Vec<usize>>, weights: &[Weight], caps: Caps) -> Vec<Vec<usize>> {
    const LOOKBACK: usize = 64;
    let load_of = |piece: &[usize]| {
        let mut l = Load::default();
        for &i in piece {
            l.add(weights[i]);
        }
        l
    };
    let mut keyed: Vec<(Load, Vec<usize>)> = pieces.drain(..).map(|p| (load_of(&p), p)).collect();
    keyed.sort_by(|(a, pa), (b, pb)| {
        b.mailboxes
            .cmp(&a.mailboxes)
            .then(b.bytes.cmp(&a.bytes))
            .then(pa.first().cmp(&pb.first()))
    });
    let mut batches: Vec<(Load, Vec<usize>)> = Vec::new();
    // Index of the first batch that may still take something.
    let mut open = 0;
    for (load, piece) in keyed {
        while open < batches.len() && batches[open].0.mailboxes >= caps.mailboxes {
            open += 1;
        }
        let target = (open..batches.len().min(open + LOOKBACK))
            .find(|&b| batches[b].0.plus(load).fits(caps, batches[b].1.is_empty()));
        match target {
            Some(b) => {
                batches[b].0 = batches[b].0.plus(load);
                batches[b].1.extend(piece);
            }
            None => batches.push((load, piece)),
        }
    }
    batches
        .into_iter()
        .map(|(_, mut members)| {
            members.sort_unstable();
            members
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_splits_into_runs() {
        // 0-1-2-3-4-5 in a line, caps of 3: two pieces, one link broken.
        let mut adjacency: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..5 {
            adjacency.entry(i).or_default().push(i + 1);
            adjacency.entry(i + 1).or_default().push(i);
        }
        let weights = vec![Weight::default(); 6];
        let caps = Caps {
            mailboxes: 3,
            bytes: u64::MAX,
            csv_bytes: u64::MAX,
        };
        let pieces = split_group(&[0, 1, 2, 3, 4, 5], &adjacency, &weights, caps);
        assert_eq!(pieces.len(), 2);
        let crossing = (0..5)
            .filter(|&i| {
                pieces.iter().position(|p| p.contains(&i))
                    != pieces.iter().position(|p| p.contains(&(i + 1)))
            })
            .count();
        assert_eq!(crossing, 1);
    }

    #[test]
    fn packing_respects_caps() {
        let weights = vec![
            Weight {
                bytes: 10,
                csv_bytes: 1
            };
            10
        ];
        let caps = Caps {
            mailboxes: 4,
            bytes: 30,
            csv_bytes: u64::MAX,
        };
        let batches = pack((0..10).map(|i| vec![i]).collect(), &weights, caps);
        assert!(batches.iter().all(|b| b.len() <= 3));
        assert_eq!(batches.iter().map(Vec::len).sum::<usize>(), 10);
    }
}
