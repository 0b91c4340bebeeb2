//! The tree layout of `decide` decides exactly as the reference interpreter does, and its region
//! proofs still make rustc refuse a missing or repeated rule: the decision tree is checked in
//! process on random and large tables, and the emitted code is compiled and run.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use mma::table::codegen::{self, Layout, Provenance};
use mma::table::{InputKind, Table, analyze, interpret, tree};
use quickcheck::{Arbitrary, Gen, QuickCheck};

use crate::support::{rustc, rustc_check, scratch, shipped_csv};
use crate::verifier::{Small, all_points, synth};

const PROVENANCE: Provenance<'static> = Provenance {
    source_name: "test.csv",
    source_sha256: "0",
};

/// The code for `table` without serde and schemars derives, so that rustc compiles it alone;
/// the tree layout's proof in regions of at most `proof_max_rules` rules.
fn generated(table: &Table, layout: Layout, proof_max_rules: usize) -> String {
    let options = codegen::Options {
        layout,
        derives: codegen::Derives::Std,
        proof_max_rules,
    };
    codegen::generate_with_options(table, PROVENANCE, options)
}

/// The tree's rule for `point`, integers clamped into their domains first (as `decide` does).
fn tree_rule(table: &Table, root: &tree::Node, point: &[u64]) -> Option<usize> {
    let clamped: Vec<u64> = table
        .inputs
        .iter()
        .zip(point)
        .map(|(input, &code)| input.clamp(code))
        .collect();
    tree::eval(root, &clamped)
}

#[test]
fn the_tree_decides_as_the_interpreter_on_random_small_tables() {
    fn prop(small: Small) -> bool {
        let table = small.0;
        if !analyze::analyze(&table).is_clean() {
            return true;
        }
        let Some(root) = tree::build(&table, usize::MAX) else {
            return false;
        };
        all_points(&table)
            .iter()
            .all(|p| tree_rule(&table, &root, p) == interpret::evaluate(&table, p))
    }
    QuickCheck::new()
        .tests(3000)
        .quickcheck(prop as fn(Small) -> bool);
}

/// Random points of a synthetic table: mostly inside every domain, some integers beyond it.
fn random_points(table: &Table, count: usize, seed: u64) -> Vec<Vec<u64>> {
    let mut rng = synth::Rng::new(seed);
    (0..count)
        .map(|_| {
            table
                .inputs
                .iter()
                .map(|input| {
                    let (lo, hi) = input.bounds();
                    match input.kind {
                        InputKind::Int { .. } if rng.below(10) == 0 => hi + 1 + rng.below(1 << 20),
                        _ => lo + rng.below(hi - lo + 1),
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_tree_decides_as_the_interpreter_on_large_tables() {
    for (inputs, rows) in [(7, 1500), (8, 5000)] {
        let table = synth::tree_table(inputs, rows, 7);
        let root = tree::build(&table, 64 * rows + 1024).expect("a tree within the budget");
        // One leaf per rule: the synthetic tables tile the space, so no rule is copied.
        assert!(tree::size(&root) < 2 * rows, "{} nodes", tree::size(&root));
        for point in random_points(&table, 20_000, 11) {
            assert_eq!(
                tree_rule(&table, &root, &point),
                interpret::evaluate(&table, &point),
                "at {point:?}"
            );
        }
    }
}

/// Compiles `program` (a binary) with rustc; returns the binary, or rustc's stderr.
fn compile(dir: &Path, program: &str) -> Result<std::path::PathBuf, String> {
    let file = dir.join("program.rs");
    std::fs::write(&file, program).expect("write program");
    let binary = dir.join("program");
    let out = Command::new(rustc())
        .args(["--edition", "2024", "--crate-name", "program", "-o"])
        .arg(&binary)
        .arg(&file)
        .output()
        .expect("rustc runs");
    if out.status.success() {
        Ok(binary)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// A program holding each table's generated code in its own module and printing, for every
/// point, the id of the rule `decide_codes` picks (or `-`).
fn program(cases: &[(String, Vec<Vec<u64>>)]) -> String {
    let mut out = String::new();
    for (i, (code, _)) in cases.iter().enumerate() {
        let _ = writeln!(out, "#[allow(dead_code)]\nmod t{i} {{\n{code}\n}}");
    }
    out.push_str("fn main() {\n");
    for (i, (_, points)) in cases.iter().enumerate() {
        let _ = writeln!(out, "    for p in {points:?} {{");
        let _ = writeln!(
            out,
            "        println!(\"{{}}\", t{i}::decide_codes(&p).map_or(\"-\", |d| d.rule));"
        );
        out.push_str("    }\n");
    }
    out.push_str("}\n");
    out
}

/// The rule ids the interpreter gives for `points`, in the program's output format.
fn expected(table: &Table, points: &[Vec<u64>]) -> Vec<String> {
    points
        .iter()
        .map(|p| {
            interpret::evaluate(table, p).map_or("-".to_owned(), |i| table.rules[i].id.clone())
        })
        .collect()
}

/// Compiles the cases, runs them and compares every answer with the interpreter's.
fn compile_and_compare(name: &str, cases: &[(Table, String, Vec<Vec<u64>>)]) {
    let dir = scratch(name);
    let source: Vec<(String, Vec<Vec<u64>>)> = cases
        .iter()
        .map(|(_, code, points)| (code.clone(), points.clone()))
        .collect();
    let binary = compile(&dir, &program(&source)).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new(binary).output().expect("program runs");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut lines = stdout.lines();
    for (table, _, points) in cases {
        for (point, want) in points.iter().zip(expected(table, points)) {
            assert_eq!(lines.next(), Some(want.as_str()), "at {point:?}");
        }
    }
    assert_eq!(lines.next(), None);
}

#[test]
fn the_tree_layout_of_the_shipped_table_compiles_and_agrees_on_every_cell() {
    let table = mma::table::check(&shipped_csv())
        .table
        .expect("the shipped table parses");
    let mut points = Vec::new();
    interpret::for_each_point(&interpret::representatives(&table), |p| {
        points.push(p.to_vec());
    });
    // The smallest regions: every leaf of the tree is proved on its own.
    let code = generated(&table, Layout::Tree, 1);
    assert!(
        code.contains("Region 2 of"),
        "the proof is cut into regions"
    );
    compile_and_compare("tree-shipped", &[(table, code, points)]);
}

#[test]
fn both_layouts_compile_and_agree_on_random_small_tables_of_both_hit_policies() {
    let mut g = Gen::new(8);
    let mut cases = Vec::new();
    let mut first_hit = 0;
    while cases.len() < 80 {
        let table = Small::arbitrary(&mut g).0;
        if table.rules.is_empty() || !analyze::analyze(&table).is_clean() {
            continue;
        }
        first_hit += usize::from(table.hit_policy == mma::table::HitPolicy::First);
        let mut points = all_points(&table);
        // Integers beyond the domain are decided as its nearest bound.
        for p in points.clone() {
            let beyond: Vec<u64> = table
                .inputs
                .iter()
                .zip(&p)
                .map(|(input, &code)| match input.kind {
                    InputKind::Int { .. } => input.bounds().1 + 3,
                    _ => code,
                })
                .collect();
            points.push(beyond);
        }
        // The flat layout, then the tree with every leaf proved on its own.
        let flat = generated(&table, Layout::Flat, codegen::PROOF_MAX_RULES);
        cases.push((table.clone(), flat, points.clone()));
        let code = generated(&table, Layout::Tree, 1);
        cases.push((table, code, points));
    }
    assert!(first_hit > 0, "both hit policies are exercised");
    compile_and_compare("tree-small", &cases);
}

#[test]
fn a_large_tree_layout_compiles_and_agrees_with_the_interpreter() {
    let table = synth::tree_table(7, 1500, 7);
    let code = generated(&table, Layout::Tree, codegen::PROOF_MAX_RULES);
    assert!(
        code.contains("Region 2 of"),
        "a large table is proved in regions"
    );
    let points = random_points(&table, 3000, 5);
    compile_and_compare("tree-large", &[(table, code, points)]);
}

/// The generated code of a 1,500-rule table with one rule arm of its first region proof removed
/// or repeated.
fn mutated_proof(repeat: bool) -> String {
    let table = synth::tree_table(7, 1500, 7);
    let code = generated(&table, Layout::Tree, codegen::PROOF_MAX_RULES);
    let lines: Vec<&str> = code.lines().collect();
    let proof = lines
        .iter()
        .position(|l| l.starts_with("const _: fn"))
        .expect("a proof");
    let arm = proof
        + lines[proof..]
            .iter()
            .position(|l| l.trim_start().starts_with("// row "))
            .expect("a rule arm")
        + 1;
    let mut mutated: Vec<&str> = lines.clone();
    if repeat {
        mutated.insert(arm + 1, lines[arm]);
    } else {
        mutated.remove(arm);
    }
    mutated.join("\n") + "\n"
}

#[test]
fn a_region_proof_refuses_a_missing_rule() {
    let (ok, stderr) = rustc_check(&scratch("tree-missing"), &mutated_proof(false));
    assert!(!ok);
    assert!(stderr.contains("E0004"), "{stderr}");
}

#[test]
fn a_region_proof_refuses_a_repeated_rule() {
    let (ok, stderr) = rustc_check(&scratch("tree-repeated"), &mutated_proof(true));
    assert!(!ok);
    assert!(stderr.contains("unreachable pattern"), "{stderr}");
}
