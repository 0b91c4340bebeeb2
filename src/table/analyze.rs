//! Verification of a parsed table: gaps, overlaps (unique policy) and rows that can never fire
//! (first-hit policy), complete for any size.
//!
//! The method is the per-column interval sweep of Calvanese et al. ("Semantics and analysis of DMN
//! decision tables", BPM 2016), with three refinements that keep it fast on large tables without
//! ever giving up:
//!
//! - the column to split next is chosen per node (the one that separates the active rules best),
//!   so tables derived from decision trees are swept along their own tree;
//! - segments of a column with the same set of active rules are handled once, as one value set
//!   (this is also what merges `exchange_2013|exchange_2016` into one gap box);
//! - sub-results are memoised by (columns already split, active rules), so a sub-space that recurs
//!   under many prefixes is solved once.
//!
//! Regions are boxes: one [`ValueSet`] per input. Reported gap and overlap boxes are disjoint and
//! are merged until no two differ in a single column.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

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
    region.iter().map(|s| s.min().unwrap_or(0)).collect()
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
    let mut sweep = Sweep::new(&domain, &rules, mode);
    let all: Vec<u32> = (0..rules.len() as u32).collect();
    let regions = sweep.solve(0, &all);
    let mut gaps = Vec::new();
    let mut overlapping: BTreeMap<Vec<u32>, Vec<Region>> = BTreeMap::new();
    for (class, region) in regions.iter() {
        match class {
            Class::Gap => gaps.push(region.clone()),
            Class::Overlap(set) => overlapping
                .entry(set.clone())
                .or_default()
                .push(region.clone()),
        }
    }
    let gaps = merge(gaps);
    let overlaps = overlapping
        .into_iter()
        .flat_map(|(set, regions)| {
            merge(regions).into_iter().map(move |region| Overlap {
                rules: set.iter().map(|&r| r as usize).collect(),
                region,
            })
        })
        .collect();
    let mut unreachable = Vec::new();
    if table.hit_policy == HitPolicy::First {
        for (index, fired) in sweep.fired.iter().enumerate() {
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
    let mut sweep = Sweep::new(domain, rules, Mode::Cover);
    let all: Vec<u32> = (0..rules.len() as u32).collect();
    sweep.solve(0, &all).is_empty()
}

/// An inclusion-minimal set of rules before `target` that together cover it.
fn minimal_cover(rules: &[&[ValueSet]], target: usize) -> Vec<usize> {
    let region = rules[target];
    let mut chosen: Vec<usize> = (0..target)
        .filter(|&i| {
            rules[i]
                .iter()
                .zip(region)
                .all(|(a, b)| !a.intersect(b).is_empty())
        })
        .collect();
    // Try to drop the latest rules first, so the earliest (most general) ones tend to remain.
    let mut i = chosen.len();
    while i > 0 {
        i -= 1;
        let without: Vec<&[ValueSet]> = chosen
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, &r)| rules[r])
            .collect();
        if covers(region, &without) {
            chosen.remove(i);
        }
    }
    chosen
}

/// Merges boxes that differ in exactly one input until none do. Input boxes must be disjoint;
/// the result is disjoint and sorted.
#[must_use]
pub fn merge(mut boxes: Vec<Region>) -> Vec<Region> {
    let columns = boxes.first().map_or(0, Vec::len);
    loop {
        let before = boxes.len();
        for c in 0..columns {
            let mut grouped: BTreeMap<Region, ValueSet> = BTreeMap::new();
            for mut b in boxes.drain(..) {
                let set = std::mem::take(&mut b[c]);
                let entry = grouped.entry(b).or_default();
                *entry = entry.union(&set);
            }
            boxes = grouped
                .into_iter()
                .map(|(mut b, set)| {
                    b[c] = set;
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Unique,
    First,
    /// Only gaps matter, and the first one found ends the search.
    Cover,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Gap,
    Overlap(Vec<u32>),
}

type Regions = Rc<Vec<(Class, Region)>>;

struct Sweep<'a> {
    domain: &'a [ValueSet],
    rules: &'a [&'a [ValueSet]],
    mode: Mode,
    memo: HashMap<(u64, Vec<u32>), Regions>,
    /// Rules that are the deciding match somewhere.
    fired: Vec<bool>,
    /// In cover mode: a gap was found, so the answer is known.
    done: bool,
}

impl<'a> Sweep<'a> {
    fn new(domain: &'a [ValueSet], rules: &'a [&'a [ValueSet]], mode: Mode) -> Self {
        Self {
            domain,
            rules,
            mode,
            memo: HashMap::new(),
            fired: vec![false; rules.len()],
            done: false,
        }
    }

    fn full_on_rest(&self, rule: u32, split: u64) -> bool {
        self.rules[rule as usize]
            .iter()
            .enumerate()
            .all(|(c, set)| split & (1 << c) != 0 || self.domain[c].is_subset(set))
    }

    /// Regions of interest in the sub-space where the columns in `split` are already fixed (by the
    /// caller) and exactly the rules in `active` (ascending) match on them. Returned boxes hold the
    /// whole domain in the split columns; the caller narrows them.
    fn solve(&mut self, split: u64, active: &[u32]) -> Regions {
        if self.done {
            return Rc::default();
        }
        let key = (split, active.to_vec());
        if let Some(hit) = self.memo.get(&key) {
            return Rc::clone(hit);
        }
        let result = Rc::new(self.compute(split, active));
        if self.mode == Mode::Cover && !result.is_empty() {
            self.done = true;
        }
        self.memo.insert(key, Rc::clone(&result));
        result
    }

    fn compute(&mut self, split: u64, active: &[u32]) -> Vec<(Class, Region)> {
        let whole: Region = self.domain.to_vec();
        let Some(&first) = active.first() else {
            return vec![(Class::Gap, whole)];
        };
        match self.mode {
            Mode::First | Mode::Cover if active.iter().any(|&r| self.full_on_rest(r, split)) => {
                if self.mode == Mode::First {
                    if self.full_on_rest(first, split) {
                        self.fired[first as usize] = true;
                        return Vec::new();
                    }
                } else {
                    return Vec::new();
                }
            }
            Mode::Unique if active.len() == 1 => {
                self.fired[first as usize] = true;
                return self.complement(split, first);
            }
            Mode::Unique if active.iter().all(|&r| self.full_on_rest(r, split)) => {
                return vec![(Class::Overlap(active.to_vec()), whole)];
            }
            _ => {}
        }
        let Some(column) = self.choose_column(split, active) else {
            // Every column is split, so one of the shortcuts above applied.
            return Vec::new();
        };
        let groups = self.groups(column, active);
        let mut merged: BTreeMap<(Class, Region), ValueSet> = BTreeMap::new();
        for (set, members) in groups {
            let child = self.solve(split | (1 << column), &members);
            for (class, region) in child.iter() {
                let mut key_region = region.clone();
                key_region[column] = ValueSet::empty();
                let entry = merged.entry((class.clone(), key_region)).or_default();
                *entry = entry.union(&set);
            }
        }
        merged
            .into_iter()
            .map(|((class, mut region), set)| {
                region[column] = set;
                (class, region)
            })
            .collect()
    }

    /// The part of the sub-space that the single active `rule` does not match, as disjoint boxes.
    fn complement(&self, split: u64, rule: u32) -> Vec<(Class, Region)> {
        let conditions = self.rules[rule as usize];
        let mut out = Vec::new();
        let mut prefix: Region = self.domain.to_vec();
        for c in 0..self.domain.len() {
            if split & (1 << c) != 0 {
                continue;
            }
            let outside = self.domain[c].minus(&conditions[c]);
            if !outside.is_empty() {
                let mut region = prefix.clone();
                region[c] = outside;
                out.push((Class::Gap, region));
            }
            prefix[c] = self.domain[c].intersect(&conditions[c]);
        }
        out
    }

    /// Elementary segments of `column` (split at every bound of the active rules), as the
    /// `[lo, hi]` pieces inside the domain.
    fn segments(&self, column: usize, active: &[u32]) -> Vec<(u64, u64)> {
        let mut points: Vec<u64> = Vec::new();
        let mut push = |set: &ValueSet| {
            for &(lo, hi) in set.intervals() {
                points.push(lo);
                points.push(hi.saturating_add(1));
            }
        };
        push(&self.domain[column]);
        for &r in active {
            push(&self.rules[r as usize][column]);
        }
        points.sort_unstable();
        points.dedup();
        points
            .windows(2)
            .map(|w| (w[0], w[1] - 1))
            .filter(|&(lo, _)| self.domain[column].contains(lo))
            .collect()
    }

    /// For each segment, the active rules (ascending) whose condition contains it.
    fn membership(&self, column: usize, active: &[u32], segments: &[(u64, u64)]) -> Vec<Vec<u32>> {
        let mut per_segment: Vec<Vec<u32>> = vec![Vec::new(); segments.len()];
        for &r in active {
            for &(lo, hi) in self.rules[r as usize][column].intervals() {
                let start = segments.partition_point(|&(_, shi)| shi < lo);
                let end = segments.partition_point(|&(slo, _)| slo <= hi);
                for members in &mut per_segment[start..end] {
                    members.push(r);
                }
            }
        }
        per_segment
    }

    /// Picks the unsplit column whose split leaves the least work: the smallest sum of squared
    /// active-rule counts over its segments (ties: the leftmost column).
    fn choose_column(&self, split: u64, active: &[u32]) -> Option<usize> {
        let mut best: Option<(u128, usize)> = None;
        for column in 0..self.domain.len() {
            if split & (1 << column) != 0 {
                continue;
            }
            let segments = self.segments(column, active);
            let mut delta = vec![0i64; segments.len() + 1];
            for &r in active {
                for &(lo, hi) in self.rules[r as usize][column].intervals() {
                    let start = segments.partition_point(|&(_, shi)| shi < lo);
                    let end = segments.partition_point(|&(slo, _)| slo <= hi);
                    delta[start] += 1;
                    delta[end] -= 1;
                }
            }
            let mut running = 0i64;
            let mut score: u128 = 0;
            for d in &delta[..segments.len()] {
                running += d;
                let n = running.unsigned_abs() as u128;
                score += n * n;
            }
            if best.is_none_or(|(s, _)| score < s) {
                best = Some((score, column));
            }
        }
        best.map(|(_, c)| c)
    }

    /// Segments of `column` grouped by identical active-rule sets, in order of first appearance.
    fn groups(&self, column: usize, active: &[u32]) -> Vec<(ValueSet, Vec<u32>)> {
        let segments = self.segments(column, active);
        let members = self.membership(column, active, &segments);
        let mut index: HashMap<&[u32], usize> = HashMap::new();
        let mut groups: Vec<(Vec<(u64, u64)>, Vec<u32>)> = Vec::new();
        for (segment, rules) in segments.iter().zip(&members) {
            match index.get(rules.as_slice()) {
                Some(&g) => groups[g].0.push(*segment),
                None => {
                    index.insert(rules.as_slice(), groups.len());
                    groups.push((vec![*segment], rules.clone()));
                }
            }
        }
        groups
            .into_iter()
            .map(|(intervals, rules)| (ValueSet::from_intervals(intervals), rules))
            .collect()
    }
}
