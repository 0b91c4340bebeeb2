//! Synthetic decision tables for benchmarks and tests: tree-derived tables that tile the input
//! space (as in Calvanese et al.'s evaluation), with gaps and overlaps planted on request.

use mma::table::{
    HitPolicy, Input, InputKind, Output, OutputKind, OutputValue, Rule, Table, TypeDoc, ValueSet,
};

/// A small deterministic pseudo-random generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Input `i` of a synthetic table: every fourth an enum of 8 values, then a boolean, then
/// integers `0..=999`.
fn input(i: usize) -> Input {
    let kind = match i % 4 {
        0 => InputKind::Enum((0..8).map(|v| format!("v{v}")).collect()),
        1 => InputKind::Bool,
        _ => InputKind::Int { lo: 0, hi: 999 },
    };
    Input {
        name: format!("in{i}"),
        kind,
        description: String::new(),
        doc: TypeDoc::default(),
        line: 1 + i as u32,
    }
}

/// A table of `rows` disjoint rules over `inputs` inputs that together cover every input: start
/// from the whole space and split a random box along a random input until there are `rows` boxes.
#[must_use]
pub fn tree_table(inputs: usize, rows: usize, seed: u64) -> Table {
    let mut rng = Rng::new(seed);
    let ins: Vec<Input> = (0..inputs).map(input).collect();
    let mut boxes: Vec<Vec<(u64, u64)>> = vec![ins.iter().map(Input::bounds).collect()];
    let mut attempts = 0;
    while boxes.len() < rows && attempts < rows * 100 {
        attempts += 1;
        let b = rng.below(boxes.len() as u64) as usize;
        let c = rng.below(inputs as u64) as usize;
        let (lo, hi) = boxes[b][c];
        if lo == hi {
            continue;
        }
        let cut = lo + rng.below(hi - lo); // left part lo..=cut, right cut+1..=hi
        let mut right = boxes[b].clone();
        boxes[b][c] = (lo, cut);
        right[c] = (cut + 1, hi);
        boxes.push(right);
    }
    let header_line = 2 + inputs as u32;
    let rules = boxes
        .into_iter()
        .enumerate()
        .map(|(i, b)| Rule {
            id: format!("r{i}"),
            line: header_line + 1 + i as u32,
            conditions: b
                .into_iter()
                .map(|(lo, hi)| ValueSet::range(lo, hi))
                .collect(),
            outputs: vec![OutputValue::Enum(i % 4)],
        })
        .collect();
    Table {
        hit_policy: HitPolicy::Unique,
        inputs: ins,
        outputs: vec![Output {
            name: "out".to_owned(),
            kind: OutputKind::Enum((0..4).map(|v| format!("o{v}")).collect()),
            description: String::new(),
            doc: TypeDoc::default(),
            line: 1 + inputs as u32,
        }],
        rules,
        header_line,
    }
}

/// Faults planted by [`plant`].
#[derive(Debug, Clone, Default)]
pub struct Planted {
    /// Regions that no rule matches any more.
    pub gaps: Vec<Vec<ValueSet>>,
    /// Rules widened into a neighbour.
    pub overlapping_rules: Vec<usize>,
}

/// Narrows `gaps` rules (leaving a gap) and widens `overlaps` others (making an overlap), the
/// Calvanese et al. noise protocol, on distinct rules, so no planted fault hides another.
pub fn plant(table: &mut Table, gaps: usize, overlaps: usize, seed: u64) -> Planted {
    let mut rng = Rng::new(seed ^ 0xDEC1_510E);
    let mut planted = Planted::default();
    let mut touched = vec![false; table.rules.len()];
    let mut tries = 0;
    while planted.gaps.len() < gaps && tries < 100_000 {
        tries += 1;
        let r = rng.below(table.rules.len() as u64) as usize;
        let c = rng.below(table.inputs.len() as u64) as usize;
        let (lo, hi) = match table.rules[r].conditions[c].intervals() {
            [(lo, hi)] if lo < hi => (*lo, *hi),
            _ => continue,
        };
        if touched[r] {
            continue;
        }
        touched[r] = true;
        let mid = lo + (hi - lo) / 2;
        table.rules[r].conditions[c] = ValueSet::range(lo, mid);
        let mut region = table.rules[r].conditions.clone();
        region[c] = ValueSet::range(mid + 1, hi);
        planted.gaps.push(region);
    }
    while planted.overlapping_rules.len() < overlaps && tries < 200_000 {
        tries += 1;
        let r = rng.below(table.rules.len() as u64) as usize;
        let c = rng.below(table.inputs.len() as u64) as usize;
        if touched[r] {
            continue;
        }
        let (dlo, dhi) = table.inputs[c].bounds();
        let (lo, hi) = match table.rules[r].conditions[c].intervals() {
            [(lo, hi)] => (*lo, *hi),
            _ => continue,
        };
        let widened = if hi < dhi {
            ValueSet::range(lo, (hi + 1 + rng.below(50)).min(dhi))
        } else if lo > dlo {
            ValueSet::range(lo.saturating_sub(1 + rng.below(50)).max(dlo), hi)
        } else {
            continue;
        };
        let mut grown = table.rules[r].conditions.clone();
        grown[c] = widened;
        let hides_gap = planted.gaps.iter().any(|g| {
            g.iter()
                .zip(&grown)
                .all(|(a, b)| !a.intersect(b).is_empty())
        });
        if hides_gap {
            continue;
        }
        touched[r] = true;
        table.rules[r].conditions = grown;
        planted.overlapping_rules.push(r);
    }
    planted
}
