//! Properties of the verifier: on random small tables its gaps, overlaps and unreachable rules are
//! exactly what brute-force enumeration finds; mutations of the shipped table are all caught;
//! planted faults in large synthetic tables are all found.

#[path = "../../benches/support/synth.rs"]
pub mod synth;

use mma::table::analyze::{self, Findings};
use mma::table::{
    HitPolicy, Input, InputKind, Output, OutputKind, OutputValue, Rule, Table, TypeDoc, ValueSet,
    interpret, parse, render,
};
use quickcheck::{Arbitrary, Gen, QuickCheck};

use crate::support::shipped_csv;

/// A random table over a domain small enough to enumerate.
#[derive(Clone, Debug)]
pub struct Small(pub Table);

fn random_set(g: &mut Gen, lo: u64, hi: u64) -> ValueSet {
    if u8::arbitrary(g) % 3 == 0 {
        return ValueSet::range(lo, hi);
    }
    let size = hi - lo + 1;
    loop {
        let mask = u64::arbitrary(g) % (1 << size);
        if mask != 0 {
            return ValueSet::from_intervals(
                (0..size)
                    .filter(|b| mask & (1 << b) != 0)
                    .map(|b| (lo + b, lo + b))
                    .collect(),
            );
        }
    }
}

impl Arbitrary for Small {
    fn arbitrary(g: &mut Gen) -> Self {
        let n_inputs = 1 + usize::arbitrary(g) % 3;
        let inputs: Vec<Input> = (0..n_inputs)
            .map(|i| {
                let kind = match u8::arbitrary(g) % 3 {
                    0 => InputKind::Enum(
                        (0..2 + u64::arbitrary(g) % 3)
                            .map(|v| format!("v{v}"))
                            .collect(),
                    ),
                    1 => InputKind::Bool,
                    _ => {
                        let lo = u64::arbitrary(g) % 3;
                        InputKind::Int {
                            lo,
                            hi: lo + 1 + u64::arbitrary(g) % 5,
                        }
                    }
                };
                Input {
                    name: format!("in{i}"),
                    kind,
                    description: String::new(),
                    doc: TypeDoc::default(),
                    line: 2 + i as u32,
                }
            })
            .collect();
        let header_line = 3 + n_inputs as u32;
        let n_rules = usize::arbitrary(g) % 7;
        let rules = (0..n_rules)
            .map(|r| Rule {
                id: format!("r{r}"),
                line: header_line + 1 + r as u32,
                conditions: inputs
                    .iter()
                    .map(|i| {
                        let (lo, hi) = i.bounds();
                        random_set(g, lo, hi)
                    })
                    .collect(),
                outputs: vec![OutputValue::Enum(r % 2)],
            })
            .collect();
        let hit_policy = if bool::arbitrary(g) {
            HitPolicy::Unique
        } else {
            HitPolicy::First
        };
        Self(Table {
            hit_policy,
            inputs,
            outputs: vec![Output {
                name: "out".to_owned(),
                kind: OutputKind::Enum(vec!["o0".to_owned(), "o1".to_owned()]),
                description: String::new(),
                doc: TypeDoc::default(),
                line: 2 + n_inputs as u32,
            }],
            rules,
            header_line,
        })
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        let t = self.0.clone();
        Box::new((0..t.rules.len()).rev().map(move |drop| {
            let mut smaller = t.clone();
            smaller.rules.remove(drop);
            Self(smaller)
        }))
    }
}

pub fn all_points(t: &Table) -> Vec<Vec<u64>> {
    let axes: Vec<Vec<u64>> = t
        .inputs
        .iter()
        .map(|i| {
            let (lo, hi) = i.bounds();
            (lo..=hi).collect()
        })
        .collect();
    let mut points = Vec::new();
    interpret::for_each_point(&axes, |p| points.push(p.to_vec()));
    points
}

fn inside(region: &[ValueSet], point: &[u64]) -> bool {
    region.iter().zip(point).all(|(s, &v)| s.contains(v))
}

/// Checks the findings against enumeration; returns a description of the first disagreement.
fn disagreement(t: &Table, f: &Findings) -> Option<String> {
    let mut first_hits = vec![false; t.rules.len()];
    for p in all_points(t) {
        let matches = interpret::matching(t, &p);
        let in_gap = f.gaps.iter().any(|g| inside(g, &p));
        if in_gap != matches.is_empty() {
            return Some(format!("gap report wrong at {p:?} (matches {matches:?})"));
        }
        if let Some(&first) = matches.first() {
            first_hits[first] = true;
        }
        let overlaps: Vec<_> = f
            .overlaps
            .iter()
            .filter(|o| inside(&o.region, &p))
            .collect();
        match t.hit_policy {
            HitPolicy::Unique
                if matches.len() >= 2 && (overlaps.len() != 1 || overlaps[0].rules != matches) =>
            {
                return Some(format!(
                    "overlap report wrong at {p:?} (matches {matches:?})"
                ));
            }
            HitPolicy::Unique if matches.len() >= 2 => {}
            _ if !overlaps.is_empty() => {
                return Some(format!("overlap reported at {p:?} (matches {matches:?})"));
            }
            _ => {}
        }
    }
    let expected: Vec<usize> = match t.hit_policy {
        HitPolicy::First => (0..t.rules.len()).filter(|&r| !first_hits[r]).collect(),
        HitPolicy::Unique => Vec::new(),
    };
    let reported: Vec<usize> = f.unreachable.iter().map(|u| u.rule).collect();
    if expected != reported {
        return Some(format!(
            "unreachable rules {reported:?}, expected {expected:?}"
        ));
    }
    let points = all_points(t);
    for u in &f.unreachable {
        let of_rule: Vec<&Vec<u64>> = points
            .iter()
            .filter(|p| inside(&t.rules[u.rule].conditions, p))
            .collect();
        let covered = |set: &[usize]| {
            of_rule
                .iter()
                .all(|p| set.iter().any(|&r| inside(&t.rules[r].conditions, p)))
        };
        if u.covered_by.iter().any(|&r| r >= u.rule) || !covered(&u.covered_by) {
            return Some(format!(
                "rule {} is not covered by {:?}",
                u.rule, u.covered_by
            ));
        }
        for skip in 0..u.covered_by.len() {
            let mut fewer = u.covered_by.clone();
            fewer.remove(skip);
            if covered(&fewer) {
                return Some(format!(
                    "cover {:?} of rule {} is not minimal",
                    u.covered_by, u.rule
                ));
            }
        }
    }
    None
}

#[test]
fn findings_are_exactly_what_enumeration_finds() {
    fn prop(small: Small) -> bool {
        let findings = analyze::analyze(&small.0);
        match disagreement(&small.0, &findings) {
            None => true,
            Some(why) => {
                eprintln!("{why}\n{}", render::csv(&small.0));
                false
            }
        }
    }
    QuickCheck::new()
        .tests(3000)
        .quickcheck(prop as fn(Small) -> bool);
}

#[test]
fn normalised_csv_parses_back_to_the_same_table() {
    fn prop(small: Small) -> bool {
        let text = render::csv(&small.0);
        let parsed = parse::parse(&text);
        let Some(back) = parsed.table else {
            return false;
        };
        parsed.diagnostics.is_empty()
            && back.hit_policy == small.0.hit_policy
            && back
                .inputs
                .iter()
                .map(|i| &i.kind)
                .eq(small.0.inputs.iter().map(|i| &i.kind))
            && back
                .rules
                .iter()
                .map(|r| (&r.id, &r.conditions, &r.outputs))
                .eq(small
                    .0
                    .rules
                    .iter()
                    .map(|r| (&r.id, &r.conditions, &r.outputs)))
    }
    QuickCheck::new()
        .tests(1000)
        .quickcheck(prop as fn(Small) -> bool);
}

fn shipped() -> Table {
    mma::table::check(&shipped_csv())
        .table
        .expect("the shipped table parses")
}

#[test]
fn dropping_any_row_leaves_a_gap() {
    let table = shipped();
    for drop in 0..table.rules.len() {
        let mut t = table.clone();
        let removed = t.rules.remove(drop);
        let f = analyze::analyze(&t);
        let witness = analyze::witness(&removed.conditions);
        assert!(
            f.gaps.iter().any(|g| inside(g, &witness)),
            "dropping {} is not reported",
            removed.id
        );
    }
}

#[test]
fn duplicating_any_row_is_an_overlap() {
    let table = shipped();
    for dup in 0..table.rules.len() {
        let mut t = table.clone();
        let mut copy = t.rules[dup].clone();
        copy.id.push_str("-copy");
        t.rules.push(copy);
        let f = analyze::analyze(&t);
        let last = t.rules.len() - 1;
        assert!(
            f.overlaps.iter().any(|o| o.rules == [dup, last]),
            "duplicate of {} is not reported",
            t.rules[dup].id
        );
    }
}

#[test]
fn widening_or_narrowing_any_condition_is_caught() {
    let table = shipped();
    let mut mutations = 0;
    for r in 0..table.rules.len() {
        for c in 0..table.inputs.len() {
            let set = &table.rules[r].conditions[c];
            let full = table.inputs[c].full();
            // Widen by the first value outside the condition.
            if let Some(extra) = full.minus(set).smallest() {
                let mut t = table.clone();
                t.rules[r].conditions[c] = set.union(&ValueSet::range(extra, extra));
                let f = analyze::analyze(&t);
                assert!(
                    f.overlaps.iter().any(|o| o.rules.contains(&r)),
                    "widening {} on {} is not reported",
                    table.rules[r].id,
                    table.inputs[c].name
                );
                mutations += 1;
            }
            // Narrow by dropping the smallest value, when something is left.
            if let Some(low) = set.smallest() {
                let narrowed = set.minus(&ValueSet::range(low, low));
                if !narrowed.is_empty() {
                    let mut t = table.clone();
                    t.rules[r].conditions[c] = narrowed;
                    let f = analyze::analyze(&t);
                    let mut witness = analyze::witness(&table.rules[r].conditions);
                    witness[c] = low;
                    assert!(
                        f.gaps.iter().any(|g| inside(g, &witness)),
                        "narrowing {} on {} is not reported",
                        table.rules[r].id,
                        table.inputs[c].name
                    );
                    mutations += 1;
                }
            }
        }
    }
    assert!(mutations > 100, "only {mutations} mutations tried");
}

#[test]
fn every_planted_fault_in_a_large_table_is_found() {
    for (inputs, rows, faults, seed) in [
        (5usize, 400usize, 20usize, 1u64),
        (7, 800, 40, 2),
        (8, 1200, 60, 3),
    ] {
        let mut table = synth::tree_table(inputs, rows, seed);
        assert!(
            analyze::analyze(&table).is_clean(),
            "the generated tiling is clean"
        );
        let planted = synth::plant(&mut table, faults, faults, seed);
        assert_eq!(
            (planted.gaps.len(), planted.overlapping_rules.len()),
            (faults, faults)
        );
        let f = analyze::analyze(&table);
        for gap in &planted.gaps {
            let w = analyze::witness(gap);
            assert!(
                f.gaps.iter().any(|g| inside(g, &w)),
                "planted gap at {w:?} not found"
            );
        }
        for r in &planted.overlapping_rules {
            assert!(
                f.overlaps.iter().any(|o| o.rules.contains(r)),
                "planted overlap of rule {r} not found"
            );
        }
    }
}
