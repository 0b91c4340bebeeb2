//! The reference interpreter: evaluates a table by scanning its rules, exactly as the CSV reads.
//!
//! It is the oracle the compiled `decide` is tested against, and what `mma table check` uses to
//! evaluate a table that was not compiled into the binary.

use super::{HitPolicy, Table};

/// Indexes of every rule matching `point` (one code per input; integers outside a domain are
/// clamped to it, as the compiled code does).
#[must_use]
pub fn matching(table: &Table, point: &[u64]) -> Vec<usize> {
    table
        .rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| {
            rule.conditions
                .iter()
                .zip(&table.inputs)
                .zip(point)
                .all(|((set, input), &code)| set.contains(input.clamp(code)))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The rule that decides `point`: the first match under the first-hit policy, the only match
/// under the unique policy. `None` when no rule matches, or (unique) when several do.
#[must_use]
pub fn evaluate(table: &Table, point: &[u64]) -> Option<usize> {
    let matches = matching(table, point);
    match table.hit_policy {
        HitPolicy::First => matches.first().copied(),
        HitPolicy::Unique => match matches.as_slice() {
            [only] => Some(*only),
            _ => None,
        },
    }
}

/// One representative code per cell of the per-input partition: for each input, the smallest
/// value of every elementary interval between the bounds that any rule uses. Every rule, and so
/// both the interpreter and the compiled `match`, is constant on each cell of the product of these
/// partitions, so evaluating the product of representatives checks every behaviour of the table.
#[must_use]
pub fn representatives(table: &Table) -> Vec<Vec<u64>> {
    table
        .inputs
        .iter()
        .enumerate()
        .map(|(c, input)| {
            let (lo, hi) = input.bounds();
            let mut points = vec![lo];
            for rule in &table.rules {
                for &(a, b) in rule.conditions[c].intervals() {
                    points.push(a);
                    if b < hi {
                        points.push(b + 1);
                    }
                }
            }
            points.sort_unstable();
            points.dedup();
            points
        })
        .collect()
}

/// Calls `f` with every point of the product of `axes`, in lexicographic order.
pub fn for_each_point(axes: &[Vec<u64>], mut f: impl FnMut(&[u64])) {
    if axes.iter().any(Vec::is_empty) {
        return;
    }
    let mut index = vec![0usize; axes.len()];
    let mut point: Vec<u64> = axes.iter().map(|a| a[0]).collect();
    loop {
        f(&point);
        let mut c = axes.len();
        loop {
            if c == 0 {
                return;
            }
            c -= 1;
            index[c] += 1;
            if index[c] < axes[c].len() {
                point[c] = axes[c][index[c]];
                break;
            }
            index[c] = 0;
            point[c] = axes[c][0];
        }
    }
}
