//! Compile time of the code the table compiler emits: `rustc -C opt-level=3` (the release
//! profile) on the generated module of large synthetic tables, flat and tree layouts.
//!
//! `cargo bench --bench compile_time` measures; `cargo test --benches` compiles each case once.
//! Set `MMA_COMPILE_BENCH_FULL=1` to add the slow flat layouts of the large tables, kept as the
//! baseline the tree layout is measured against.

#[path = "support/synth.rs"]
#[expect(dead_code, reason = "the verifier bench uses the rest")]
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mma::table::codegen::{self, Layout, Provenance};

/// A scratch directory for the generated files and rustc's output.
fn scratch() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-compile");
    std::fs::create_dir_all(&dir).expect("create target/bench-compile");
    dir
}

/// Compiles `source` as a library the way a release build compiles the crate's generated module.
fn rustc(dir: &Path, name: &str, source: &str) {
    let file = dir.join(format!("{name}.rs"));
    std::fs::write(&file, source).expect("write the generated module");
    let status = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned()))
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--crate-name",
            name,
        ])
        .args(["-C", "opt-level=3", "-C", "codegen-units=4"])
        .arg("--out-dir")
        .arg(dir)
        .arg(&file)
        .status()
        .expect("run rustc");
    assert!(status.success(), "rustc failed on {}", file.display());
}

fn compile(c: &mut Criterion) {
    let dir = scratch();
    let full = std::env::var_os("MMA_COMPILE_BENCH_FULL").is_some();
    let mut cases = vec![
        (1000, 8, Layout::Flat),
        (1500, 7, Layout::Tree),
        (5000, 8, Layout::Tree),
    ];
    if full {
        cases.extend([(1500, 7, Layout::Flat), (5000, 8, Layout::Flat)]);
    }
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    for (rows, inputs, layout) in cases {
        let table = synth::tree_table(inputs, rows, 7);
        // Without serde and schemars derives: rustc compiles the file alone.
        let options = codegen::Options {
            derives: codegen::Derives::Std,
            ..codegen::Options::new(layout)
        };
        let source = codegen::generate_with_options(
            &table,
            Provenance {
                source_name: "synthetic.csv",
                source_sha256: "0",
            },
            options,
        );
        let name = format!("t{rows}x{inputs}_{}", layout.name());
        group.bench_with_input(
            BenchmarkId::new(layout.name(), format!("{rows}x{inputs}")),
            &source,
            |b, source| b.iter(|| rustc(&dir, &name, source)),
        );
    }
    group.finish();
}

criterion_group!(benches, compile);
criterion_main!(benches);
