//! Benchmarks of the decision table: compiled `decide` against the reference interpreter, and the
//! verifier on large tree-derived tables with planted gaps and overlaps.
//!
//! `cargo bench --bench decision_table` measures; `cargo test --benches` runs each once.

#[path = "support/synth.rs"]
mod synth;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mma::decision::{self, Source, TABLE_CSV, Timeline};
use mma::table::{analyze, interpret};

/// Inputs spread over every band of the shipped table.
fn sample_inputs() -> Vec<(Source, u32, Timeline, bool, bool)> {
    let mut out = Vec::new();
    for (i, &source) in Source::ALL.iter().enumerate() {
        for &mailboxes in &[1u32, 149, 150, 2000, 2001, 50_000] {
            for &timeline in &Timeline::ALL {
                out.push((source, mailboxes, timeline, i % 2 == 0, mailboxes % 3 == 0));
            }
        }
    }
    out
}

fn decide(c: &mut Criterion) {
    let table = mma::table::check(TABLE_CSV)
        .table
        .expect("the shipped table parses");
    let inputs = sample_inputs();
    let codes: Vec<Vec<u64>> = inputs
        .iter()
        .map(|&(s, m, t, o, x)| vec![s as u64, u64::from(m), t as u64, u64::from(o), u64::from(x)])
        .collect();
    let mut group = c.benchmark_group("decide");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("compiled", |b| {
        b.iter(|| {
            for &(s, m, t, o, x) in &inputs {
                black_box(decision::decide(
                    black_box(s),
                    black_box(m),
                    black_box(t),
                    black_box(o),
                    black_box(x),
                ));
            }
        });
    });
    group.bench_function("interpreter", |b| {
        b.iter(|| {
            for point in &codes {
                black_box(interpret::evaluate(&table, black_box(point)));
            }
        });
    });
    group.finish();
}

fn verify(c: &mut Criterion) {
    let mut group = c.benchmark_group("verify");
    group.sample_size(10);
    for &(inputs, rows, faults) in &[(7usize, 1_500usize, 75usize), (8, 5_000, 250)] {
        let mut table = synth::tree_table(inputs, rows, 7);
        let planted = synth::plant(&mut table, faults, faults, 11);
        let findings = analyze::analyze(&table);
        assert!(
            planted.gaps.iter().all(|g| {
                let w = analyze::witness(g);
                findings
                    .gaps
                    .iter()
                    .any(|b| b.iter().zip(&w).all(|(s, &v)| s.contains(v)))
            }),
            "every planted gap is reported"
        );
        assert!(
            planted
                .overlapping_rules
                .iter()
                .all(|r| findings.overlaps.iter().any(|o| o.rules.contains(r))),
            "every planted overlap is reported"
        );
        group.bench_with_input(
            BenchmarkId::new("analyze", format!("{rows}x{inputs}")),
            &table,
            |b, t| b.iter(|| black_box(analyze::analyze(black_box(t)))),
        );
    }
    group.finish();
}

criterion_group!(benches, decide, verify);
criterion_main!(benches);
