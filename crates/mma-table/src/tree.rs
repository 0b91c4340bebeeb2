//! A decision tree over a verified table: nested per-input splits ending in one rule each. It is
//! the runtime layout of `decide` for large tables, where one flat match costs rustc minutes.
//!
//! Each node splits the region it is reached with on one input, into the groups of values that
//! leave the same candidate rules; a leaf is the first candidate once it covers the whole region.
//! The input chosen at a node is the one that leaves the fewest candidates summed over its
//! branches, so the tree stays close to the table's own structure.

use std::collections::BTreeMap;

use super::{HitPolicy, Table, ValueSet};

/// Branches of a split in the making: the values of each and the rules that meet them.
type Groups = Vec<(ValueSet, Vec<usize>)>;

/// A node of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// The rule (index into `Table::rules`) that decides the whole region.
    Leaf(usize),
    /// A split on one input; the branch sets are disjoint and cover the region on that input.
    Split {
        /// Index of the input (declaration order).
        input: usize,
        /// The values of each branch, ordered by smallest value, and the subtree.
        branches: Vec<(ValueSet, Node)>,
    },
}

/// Builds the tree of a table that has no gaps (and, under `unique`, no overlaps). `None` when
/// the table has a gap or the tree would need more than `max_nodes` nodes.
#[must_use]
pub fn build(table: &Table, max_nodes: usize) -> Option<Node> {
    let mut region: Vec<ValueSet> = table.inputs.iter().map(super::Input::full).collect();
    let candidates: Vec<usize> = (0..table.rules.len()).collect();
    let mut budget = max_nodes;
    grow(table, &candidates, &mut region, &mut budget)
}

/// The rule the tree decides for a point of input codes (clamped into each domain).
#[must_use]
pub fn eval(node: &Node, point: &[u64]) -> Option<usize> {
    let mut node = node;
    loop {
        match node {
            Node::Leaf(rule) => return Some(*rule),
            Node::Split { input, branches } => {
                let code = *point.get(*input)?;
                node = &branches.iter().find(|(set, _)| set.contains(code))?.1;
            }
        }
    }
}

/// Number of nodes.
#[must_use]
pub fn size(node: &Node) -> usize {
    match node {
        Node::Leaf(_) => 1,
        Node::Split { branches, .. } => 1 + branches.iter().map(|(_, n)| size(n)).sum::<usize>(),
    }
}

/// Longest path from the root to a leaf, in splits.
#[must_use]
pub fn depth(node: &Node) -> usize {
    match node {
        Node::Leaf(_) => 0,
        Node::Split { branches, .. } => {
            1 + branches.iter().map(|(_, n)| depth(n)).max().unwrap_or(0)
        }
    }
}

/// `candidates` are the rules (in file order) that meet `region`.
fn grow(
    table: &Table,
    candidates: &[usize],
    region: &mut [ValueSet],
    budget: &mut usize,
) -> Option<Node> {
    *budget = budget.checked_sub(1)?;
    let &first = candidates.first()?;
    let covers = |rule: usize| {
        region
            .iter()
            .zip(&table.rules[rule].conditions)
            .all(|(r, c)| r.is_subset(c))
    };
    if covers(first) {
        // Under `unique`, a rule covering the region is the only one that meets it.
        debug_assert!(table.hit_policy == HitPolicy::First || candidates.len() == 1);
        return Some(Node::Leaf(first));
    }
    // Prefer a split that shares no rule between branches (each rule goes one way, so the tree
    // has as many leaves as the table has rules), the most even one; else the split that copies
    // the fewest rules into several branches.
    let mut best: Option<((usize, usize), usize, Groups)> = None;
    for (input, within) in region.iter().enumerate() {
        let pieces = pieces(table, candidates, input, within);
        let groups = components(table, candidates, input, &pieces);
        if groups.len() < 2 {
            continue;
        }
        let largest = groups
            .iter()
            .map(|(_, rules)| rules.len())
            .max()
            .unwrap_or(0);
        let score = (0, largest);
        if best.as_ref().is_none_or(|(s, _, _)| score < *s) {
            best = Some((score, input, groups));
        }
    }
    if best.is_none() {
        for (input, within) in region.iter().enumerate() {
            let pieces = pieces(table, candidates, input, within);
            let groups = by_candidates(table, candidates, input, pieces);
            if groups.len() < 2 {
                continue;
            }
            let score = (1, groups.iter().map(|(_, rules)| rules.len()).sum());
            if best.as_ref().is_none_or(|(s, _, _)| score < *s) {
                best = Some((score, input, groups));
            }
        }
    }
    let (_, input, groups) = best?;
    let saved = region[input].clone();
    let mut branches = Vec::with_capacity(groups.len());
    for (set, rules) in groups {
        if rules.is_empty() {
            return None; // a gap: the table was not verified
        }
        region[input] = set.clone();
        let child = grow(table, &rules, region, budget);
        region[input] = saved.clone();
        branches.push((set, child?));
    }
    Some(Node::Split { input, branches })
}

/// The elementary intervals of `within` on `input`: `within` cut at every bound of a
/// candidate's condition, in order.
fn pieces(table: &Table, candidates: &[usize], input: usize, within: &ValueSet) -> Vec<(u64, u64)> {
    let mut cuts: Vec<u64> = Vec::new();
    for &(lo, hi) in within.intervals() {
        cuts.push(lo);
        cuts.extend(hi.checked_add(1));
    }
    for &rule in candidates {
        for &(lo, hi) in table.rules[rule].conditions[input].intervals() {
            cuts.push(lo);
            cuts.extend(hi.checked_add(1));
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.iter()
        .enumerate()
        .map(|(i, &lo)| (lo, cuts.get(i + 1).map_or(u64::MAX, |next| next - 1)))
        .filter(|&(lo, _)| within.contains(lo))
        .collect()
}

/// The index range of `pieces` that the interval `lo..=hi` covers.
fn covered(pieces: &[(u64, u64)], lo: u64, hi: u64) -> std::ops::Range<usize> {
    let start = pieces.partition_point(|&(_, phi)| phi < lo);
    let end = pieces.partition_point(|&(plo, _)| plo <= hi);
    start..end.max(start)
}

/// The pieces grouped into the classes no candidate's condition straddles, each with its
/// candidates (every candidate lands in exactly one class), ordered by smallest value.
fn components(table: &Table, candidates: &[usize], input: usize, pieces: &[(u64, u64)]) -> Groups {
    let n = pieces.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // crossed[j] > 0: some condition holds both piece j and piece j + 1.
    let mut crossed: Vec<i64> = vec![0; n + 1];
    let mut first_piece: Vec<Option<usize>> = Vec::with_capacity(candidates.len());
    for &rule in candidates {
        let mut first = None;
        for &(lo, hi) in table.rules[rule].conditions[input].intervals() {
            let range = covered(pieces, lo, hi);
            if range.is_empty() {
                continue;
            }
            crossed[range.start] += 1;
            crossed[range.end - 1] -= 1;
            match first {
                None => first = Some(range.start),
                Some(f) => {
                    let (a, b) = (root(&mut parent, f), root(&mut parent, range.start));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        first_piece.push(first);
    }
    let mut running = 0;
    for (j, delta) in crossed.iter().enumerate().take(n.saturating_sub(1)) {
        running += delta;
        if running > 0 {
            let (a, b) = (root(&mut parent, j), root(&mut parent, j + 1));
            parent[a.max(b)] = a.min(b);
        }
    }
    /// The pieces and the rules of one class.
    type Class = (Vec<(u64, u64)>, Vec<usize>);
    let mut classes: BTreeMap<usize, Class> = BTreeMap::new();
    for (j, &piece) in pieces.iter().enumerate() {
        let r = root(&mut parent, j);
        classes.entry(r).or_default().0.push(piece);
    }
    for (&rule, first) in candidates.iter().zip(first_piece) {
        if let Some(f) = first {
            let r = root(&mut parent, f);
            classes.entry(r).or_default().1.push(rule);
        }
    }
    let mut out: Groups = classes
        .into_values()
        .map(|(intervals, rules)| (ValueSet::from_intervals(intervals), rules))
        .collect();
    out.sort_by_key(|(set, _)| set.smallest());
    out
}

/// The pieces grouped by the candidates (in file order) whose condition holds them, ordered by
/// smallest value. A candidate may land in several groups.
fn by_candidates(
    table: &Table,
    candidates: &[usize],
    input: usize,
    pieces: Vec<(u64, u64)>,
) -> Groups {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); pieces.len()];
    for &rule in candidates {
        for &(lo, hi) in table.rules[rule].conditions[input].intervals() {
            for j in covered(&pieces, lo, hi) {
                members[j].push(rule);
            }
        }
    }
    let mut groups: BTreeMap<Vec<usize>, Vec<(u64, u64)>> = BTreeMap::new();
    for (piece, rules) in pieces.into_iter().zip(members) {
        groups.entry(rules).or_default().push(piece);
    }
    let mut out: Groups = groups
        .into_iter()
        .map(|(rules, intervals)| (ValueSet::from_intervals(intervals), rules))
        .collect();
    out.sort_by_key(|(set, _)| set.smallest());
    out
}

/// The branches of a split as patterns over a whole type (codes `0..=type_max`): every branch's
/// intervals, with the values outside `region` given to a neighbour so the patterns are
/// exhaustive. A value below the region goes with its smallest value and one above with its
/// largest, which is what clamping into the domain does.
#[must_use]
pub fn exhaustive_branches(branches: &[(ValueSet, Node)], type_max: u64) -> Vec<ValueSet> {
    let mut owned: Vec<(u64, u64, usize)> = branches
        .iter()
        .enumerate()
        .flat_map(|(b, (set, _))| set.intervals().iter().map(move |&(lo, hi)| (lo, hi, b)))
        .collect();
    owned.sort_unstable();
    let mut per_branch: Vec<Vec<(u64, u64)>> = vec![Vec::new(); branches.len()];
    let count = owned.len();
    for i in 0..count {
        let (lo, _, b) = owned[i];
        let lo = if i == 0 { 0 } else { lo };
        let hi = if i + 1 == count {
            type_max
        } else {
            owned[i + 1].0 - 1
        };
        per_branch[b].push((lo, hi));
    }
    per_branch
        .into_iter()
        .map(ValueSet::from_intervals)
        .collect()
}
