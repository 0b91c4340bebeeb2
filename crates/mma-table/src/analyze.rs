//! Verification of a parsed table: gaps, overlaps (unique policy) and rows that can never fire
//! (first-hit policy), complete for any size.
//!
//! The method generalises the per-column interval sweep of Calvanese et al. ("Semantics and
//! analysis of DMN decision tables", BPM 2016) into a recursive binary partition of the input
//! space (a k-d tree over the rules' boxes). A node is a box with the rules that reach into it:
//!
//! - no rule: the box is a gap;
//! - unique policy, one rule: the box minus that rule is a gap, as at most one box per input;
//! - unique policy, several rules that all contain the box: the box is an overlap of exactly them;
//! - first-hit policy: rules after the first one that contains the box cannot fire there, and if
//!   that is the first rule, it fires on the whole box;
//! - otherwise the box is cut in two at a rule bound, on the input and at the point that leave the
//!   least work (rules cut in two count twice, lopsided cuts are penalised).
//!
//! Each cut is exact, so the analysis is complete; it never gives up for size. A tree-derived
//! table is cut along its own tree, so a clean 5,000-rule table takes a few thousand nodes.
//! Reported gap and overlap boxes are merged until no two differ in a single input, then each gap
//! box is grown along every input as far as it stays uncovered.

use std::collections::BTreeMap;

use super::{HitPolicy, Table, ValueSet};

/// A region (one set per input) that no rule matches.
pub type Region = Vec<ValueSet>;

/// Rules that match the same inputs under the unique hit policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlap {
    /// Indexes of the rules (into `Table::rules`), ascending.
    pub rules: Vec<usize>,
    /// The inputs they all match.
    pub region: Region,
}

/// A rule that can never be the first match under the first-hit policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreachable {
    /// Index of the rule.
    pub rule: usize,
    /// A minimal set of earlier rules that together match everything it matches: dropping any of
    /// them leaves part of the rule uncovered.
    pub covered_by: Vec<usize>,
}

/// Everything the verifier found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Findings {
    /// Regions no rule matches, merged.
    pub gaps: Vec<Region>,
    /// Overlapping rules (unique policy), one entry per merged box.
    pub overlaps: Vec<Overlap>,
    /// Rules that never fire (first-hit policy).
    pub unreachable: Vec<Unreachable>,
}

impl Findings {
    /// Whether the table is complete and unambiguous.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.gaps.is_empty() && self.overlaps.is_empty() && self.unreachable.is_empty()
    }
}

/// The smallest value of each set: a concrete input inside `region`.
#[must_use]
pub fn witness(region: &[ValueSet]) -> Vec<u64> {
    region.iter().map(|s| s.smallest().unwrap_or(0)).collect()
}

/// Verifies `table`.
#[must_use]
pub fn analyze(table: &Table) -> Findings {
    let domain: Vec<ValueSet> = table.inputs.iter().map(super::Input::full).collect();
    let rules: Vec<&[ValueSet]> = table
        .rules
        .iter()
        .map(|r| r.conditions.as_slice())
        .collect();
    let mode = match table.hit_policy {
        HitPolicy::Unique => Mode::Unique,
        HitPolicy::First => Mode::First,
    };
    let mut partition = Partition::new(&domain, &rules, mode);
    partition.run();
    let mut overlapping: BTreeMap<Vec<u32>, Vec<Region>> = BTreeMap::new();
    for (set, region) in std::mem::take(&mut partition.overlaps) {
        overlapping.entry(set).or_default().push(region);
    }
    let gaps = grow(
        &domain,
        &rules,
        &[],
        merge(std::mem::take(&mut partition.gaps)),
    );
    let overlaps = overlapping
        .into_iter()
        .flat_map(|(set, regions)| {
            let set: Vec<usize> = set.iter().map(|&r| r as usize).collect();
            merge(regions).into_iter().map(move |region| Overlap {
                rules: set.clone(),
                region,
            })
        })
        .collect();
    let mut unreachable = Vec::new();
    if table.hit_policy == HitPolicy::First {
        for (index, fired) in partition.fired.iter().enumerate() {
            if !fired {
                unreachable.push(Unreachable {
                    rule: index,
                    covered_by: minimal_cover(&rules, index),
                });
            }
        }
    }
    Findings {
        gaps,
        overlaps,
        unreachable,
    }
}

/// Whether the `rules` together match every input of `domain`.
#[must_use]
pub fn covers(domain: &[ValueSet], rules: &[&[ValueSet]]) -> bool {
    let mut partition = Partition::new(domain, rules, Mode::Cover);
    partition.run();
    partition.gaps.is_empty()
}

/// An inclusion-minimal set of rules before `target` that together cover it.
fn minimal_cover(rules: &[&[ValueSet]], target: usize) -> Vec<usize> {
    let region = rules[target];
    let candidates: Vec<usize> = (0..target)
        .filter(|&i| rules[i].iter().zip(region).all(|(a, b)| a.meets(b)))
        .collect();
    // One partition of the region into boxes, each met only by rules that hold it whole: a set
    // of candidates covers the region exactly when it holds a rule of every box. So a rule can be
    // dropped when every box it holds keeps another rule, and dropping only lowers counts.
    let sets: Vec<&[ValueSet]> = candidates.iter().map(|&r| rules[r]).collect();
    let mut partition = Partition::new(region, &sets, Mode::Leaves);
    partition.run();
    let mut count: Vec<usize> = partition.leaves.iter().map(Vec::len).collect();
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); candidates.len()];
    for (leaf, rules_there) in partition.leaves.iter().enumerate() {
        for &r in rules_there {
            held[r as usize].push(leaf);
        }
    }
    let mut kept = vec![true; candidates.len()];
    // Try to drop the latest rules first, so the earliest (most general) ones tend to remain.
    for i in (0..candidates.len()).rev() {
        if held[i].iter().all(|&leaf| count[leaf] >= 2) {
            kept[i] = false;
            for &leaf in &held[i] {
                count[leaf] -= 1;
            }
        }
    }
    candidates
        .into_iter()
        .zip(kept)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

/// Merges boxes that differ in exactly one input until none do. Input boxes must be disjoint;
/// the result is disjoint and sorted.
#[must_use]
pub fn merge(mut boxes: Vec<Region>) -> Vec<Region> {
    let columns = boxes.first().map_or(0, Vec::len);
    loop {
        let before = boxes.len();
        for c in 0..columns {
            // The intervals of each group are gathered first and joined once.
            let mut grouped: BTreeMap<Region, Vec<(u64, u64)>> = BTreeMap::new();
            for mut b in boxes.drain(..) {
                let set = std::mem::take(&mut b[c]);
                grouped
                    .entry(b)
                    .or_default()
                    .extend_from_slice(set.intervals());
            }
            boxes = grouped
                .into_iter()
                .map(|(mut b, intervals)| {
                    b[c] = ValueSet::from_intervals(intervals);
                    b
                })
                .collect();
        }
        if boxes.len() == before {
            break;
        }
    }
    boxes.sort();
    boxes
}

/// Grows each box along every input to all the values where it keeps its class: held by every
/// rule of `inside` and met by no other rule. Boxes contained in others are dropped. The union of
/// the boxes is unchanged (a box only grows into space of the same class and keeps what it had);
/// the boxes get fewer and larger, though they may now overlap each other.
fn grow(
    domain: &[ValueSet],
    rules: &[&[ValueSet]],
    inside: &[usize],
    boxes: Vec<Region>,
) -> Vec<Region> {
    let mut grown: Vec<Region> = Vec::new();
    for start in boxes {
        let contained = |g: &Region| {
            g.iter()
                .zip(&start)
                .all(|(big, small)| small.is_subset(big))
        };
        if grown.iter().any(contained) {
            continue;
        }
        let mut region = start;
        for c in 0..region.len() {
            let mut allowed = domain[c].clone();
            for &r in inside {
                allowed = allowed.intersect(&rules[r][c]);
            }
            // What other rules take away, gathered and removed at once: removing one rule at a
            // time would copy the whole set per rule.
            let mut taken: Vec<(u64, u64)> = Vec::new();
            for (index, rule) in rules.iter().enumerate() {
                if inside.contains(&index) {
                    continue;
                }
                let meets_elsewhere = rule
                    .iter()
                    .zip(&region)
                    .enumerate()
                    .all(|(j, (a, b))| j == c || a.meets(b));
                if meets_elsewhere && rule[c].meets(&allowed) {
                    taken.extend_from_slice(rule[c].intervals());
                }
            }
            region[c] = allowed.minus(&ValueSet::from_intervals(taken));
        }
        grown.retain(|g| {
            !g.iter()
                .zip(&region)
                .all(|(small, big)| small.is_subset(big))
        });
        grown.push(region);
    }
    grown.sort();
    grown
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Unique,
    First,
    /// Only gaps matter, and the first one found ends the search.
    Cover,
    /// The boxes where every rule that meets the box holds it whole, and those rules.
    Leaves,
}

/// A rule's set on one input, restricted to the input's domain: sorted disjoint intervals.
type Intervals = Vec<(u64, u64)>;

/// Smallest and largest value of `set` within `lo..=hi`, if any.
fn span_within(set: &[(u64, u64)], lo: u64, hi: u64) -> Option<(u64, u64)> {
    let first = set.partition_point(|&(_, b)| b < lo);
    let (a, _) = *set.get(first)?;
    if a > hi {
        return None;
    }
    let last = set.partition_point(|&(a, _)| a <= hi) - 1;
    let (_, b) = set[last];
    Some((a.max(lo), b.min(hi)))
}

/// Number of values of `set` within `lo..=hi`.
fn count_within(set: &[(u64, u64)], lo: u64, hi: u64) -> u64 {
    let first = set.partition_point(|&(_, b)| b < lo);
    set[first..]
        .iter()
        .take_while(|&&(a, _)| a <= hi)
        .map(|&(a, b)| b.min(hi) - a.max(lo) + 1)
        .sum()
}

fn restrict(set: &[(u64, u64)], lo: u64, hi: u64) -> ValueSet {
    ValueSet::from_intervals(
        set.iter()
            .filter(|&&(a, b)| b >= lo && a <= hi)
            .map(|&(a, b)| (a.max(lo), b.min(hi)))
            .collect(),
    )
}

struct Partition<'a> {
    /// Per input: the values that count (the domain, or the region being covered).
    domain: Vec<Intervals>,
    /// Per rule, per input: the rule's values within `domain`.
    rules: Vec<Vec<Intervals>>,
    /// The original rule sets, for complements.
    source: &'a [&'a [ValueSet]],
    mode: Mode,
    gaps: Vec<Region>,
    overlaps: Vec<(Vec<u32>, Region)>,
    /// Rules that decide some input.
    fired: Vec<bool>,
    /// In cover mode: a gap was found, so the answer is known.
    done: bool,
    /// In leaves mode: the rules of each box.
    leaves: Vec<Vec<u32>>,
}

impl<'a> Partition<'a> {
    fn new(domain: &[ValueSet], rules: &'a [&'a [ValueSet]], mode: Mode) -> Self {
        let rules_within = rules
            .iter()
            .map(|rule| {
                rule.iter()
                    .zip(domain)
                    .map(|(set, dom)| set.intersect(dom).intervals().to_vec())
                    .collect()
            })
            .collect();
        Self {
            domain: domain.iter().map(|d| d.intervals().to_vec()).collect(),
            rules: rules_within,
            source: rules,
            mode,
            gaps: Vec::new(),
            overlaps: Vec::new(),
            fired: vec![false; rules.len()],
            done: false,
            leaves: Vec::new(),
        }
    }

    fn run(&mut self) {
        let mut bounds = Vec::with_capacity(self.domain.len());
        for d in &self.domain {
            match (d.first(), d.last()) {
                (Some(&(lo, _)), Some(&(_, hi))) => bounds.push((lo, hi)),
                // An empty input domain: there is nothing to cover.
                _ => return,
            }
        }
        // Rules empty on some input match nothing.
        let active: Vec<u32> = (0..self.rules.len())
            .filter(|&r| self.rules[r].iter().all(|set| !set.is_empty()))
            .map(|r| r as u32)
            .collect();
        self.node(&mut bounds, active);
    }

    fn region(&self, bounds: &[(u64, u64)]) -> Region {
        self.domain
            .iter()
            .zip(bounds)
            .map(|(d, &(lo, hi))| restrict(d, lo, hi))
            .collect()
    }

    /// Whether rule `r` holds every value of the box.
    fn contains(&self, r: u32, bounds: &[(u64, u64)]) -> bool {
        self.rules[r as usize]
            .iter()
            .zip(&self.domain)
            .zip(bounds)
            .all(|((set, dom), &(lo, hi))| count_within(set, lo, hi) == count_within(dom, lo, hi))
    }

    /// Analyses the box `bounds` (intersected with the domain), reached by the rules in `active`
    /// (ascending).
    fn node(&mut self, bounds: &mut Vec<(u64, u64)>, mut active: Vec<u32>) {
        if self.done {
            return;
        }
        let Some(&first) = active.first() else {
            let region = self.region(bounds);
            self.gaps.push(region);
            self.done = self.mode == Mode::Cover;
            return;
        };
        match self.mode {
            Mode::First | Mode::Cover => {
                if let Some(pos) = active.iter().position(|&r| self.contains(r, bounds)) {
                    if pos == 0 || self.mode == Mode::Cover {
                        if self.mode == Mode::First {
                            self.fired[first as usize] = true;
                        }
                        return;
                    }
                    // Rules after one that holds the whole box cannot fire inside it.
                    active.truncate(pos + 1);
                }
            }
            Mode::Leaves => {
                if active.len() == 1 || active.iter().all(|&r| self.contains(r, bounds)) {
                    self.leaves.push(active);
                    return;
                }
            }
            Mode::Unique => {
                if active.len() == 1 {
                    self.fired[first as usize] = true;
                    self.complement(bounds, first);
                    return;
                }
                if active.iter().all(|&r| self.contains(r, bounds)) {
                    let region = self.region(bounds);
                    self.overlaps.push((active, region));
                    return;
                }
            }
        }
        let Some((column, cut)) = self.choose_cut(bounds, &active) else {
            // Unreachable: a box that no rule bound cuts is held whole by every active rule,
            // which the cases above handle. Treat it as decided rather than loop.
            return;
        };
        let (lo, hi) = bounds[column];
        let rules = &self.rules;
        let left: Vec<u32> = active
            .iter()
            .copied()
            .filter(|&r| span_within(&rules[r as usize][column], lo, cut - 1).is_some())
            .collect();
        let right: Vec<u32> = active
            .into_iter()
            .filter(|&r| span_within(&rules[r as usize][column], cut, hi).is_some())
            .collect();
        bounds[column] = (lo, cut - 1);
        self.node(bounds, left);
        bounds[column] = (cut, hi);
        self.node(bounds, right);
        bounds[column] = (lo, hi);
    }

    /// The part of the box that the single rule `r` misses, as disjoint boxes.
    fn complement(&mut self, bounds: &[(u64, u64)], r: u32) {
        let mut prefix = self.region(bounds);
        let whole = prefix.clone();
        for c in 0..whole.len() {
            let inside = whole[c].intersect(&self.source[r as usize][c]);
            let outside = whole[c].minus(&inside);
            if !outside.is_empty() {
                let mut region = prefix.clone();
                region[c] = outside;
                self.gaps.push(region);
                if self.mode == Mode::Cover {
                    self.done = true;
                    return;
                }
            }
            prefix[c] = inside;
        }
    }

    /// The input and cut point (the first value of the upper part) that leave the least work:
    /// rules on both sides count twice, and the larger side counts once more. `None` when no rule
    /// bound falls strictly inside the box.
    fn choose_cut(&self, bounds: &[(u64, u64)], active: &[u32]) -> Option<(usize, u64)> {
        let mut best: Option<(usize, usize, u64)> = None;
        let mut mins: Vec<u64> = Vec::with_capacity(active.len());
        let mut maxs: Vec<u64> = Vec::with_capacity(active.len());
        let mut candidates: Vec<u64> = Vec::new();
        for (column, &(lo, hi)) in bounds.iter().enumerate() {
            if lo == hi {
                continue;
            }
            mins.clear();
            maxs.clear();
            candidates.clear();
            for &r in active {
                let set = &self.rules[r as usize][column];
                let Some((a, b)) = span_within(set, lo, hi) else {
                    continue;
                };
                mins.push(a);
                maxs.push(b);
                let first = set.partition_point(|&(_, e)| e < lo);
                for &(s, e) in set[first..].iter().take_while(|&&(s, _)| s <= hi) {
                    if s > lo {
                        candidates.push(s);
                    }
                    if e < hi {
                        candidates.push(e + 1);
                    }
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            mins.sort_unstable();
            maxs.sort_unstable();
            let dom = &self.domain[column];
            for &p in &candidates {
                if span_within(dom, lo, p - 1).is_none() || span_within(dom, p, hi).is_none() {
                    continue;
                }
                let left = mins.partition_point(|&m| m < p);
                let right = maxs.len() - maxs.partition_point(|&m| m < p);
                let score = left + right + left.max(right);
                if best.is_none_or(|(s, _, _)| score < s) {
                    best = Some((score, column, p));
                }
            }
        }
        best.map(|(_, column, cut)| (column, cut))
    }
}
