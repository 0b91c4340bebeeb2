//! `mma validate` on 10,000 small answer files in one invocation (target: under a second on the
//! 2-core development machine), and the check of one file in each format.
//!
//! `cargo bench --bench validate` measures; `cargo test --benches` runs each case once.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mma::answers::{self, Format, write};
use mma::cli::answers_cmd::{ValidateFormat, validate_paths};

const FILES: usize = 10_000;

/// Writes `FILES` answer files (YAML, JSON and TOML in turn, every tenth one invalid) once.
fn corpus() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-validate/files");
    let marker = dir.join(format!(".complete-{FILES}"));
    if marker.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the corpus directory");
    let mut examples = Vec::new();
    for entry in std::fs::read_dir(root.join("examples")).expect("examples/") {
        let path = entry.expect("entry").path();
        if Format::from_path(&path).is_none() {
            continue; // the inventories and exports beside the answer files
        }
        let text = std::fs::read_to_string(&path).expect("read example");
        if let Some(a) = answers::check(&text, Format::Yaml).answers {
            examples.push(a);
        }
    }
    examples.sort_by(|a, b| a.organization.cmp(&b.organization));
    for i in 0..FILES {
        let mut a = examples[i % examples.len()].clone();
        a.organization = format!("{} {i}", a.organization);
        a.mailboxes = 1 + (i as u32 * 7) % 1500;
        a.chosen_path = None;
        let (mut text, ext) = match i % 3 {
            0 => (write::to_yaml(&a, None).expect("serialises"), "yaml"),
            1 => (write::to_json(&a).expect("serialises"), "json"),
            _ => (write::to_toml(&a).expect("serialises"), "toml"),
        };
        if i % 10 == 9 {
            text = text.replace("weeks", "weekz");
        }
        let sub = dir.join(format!("{:02}", i % 100));
        std::fs::create_dir_all(&sub).expect("create subdirectory");
        std::fs::write(sub.join(format!("answers-{i:05}.{ext}")), text).expect("write file");
    }
    std::fs::write(&marker, "").expect("write marker");
    dir
}

fn validate(c: &mut Criterion) {
    let dir = corpus();
    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(FILES as u64));
    group.bench_function(BenchmarkId::new("directory", FILES), |b| {
        b.iter(|| {
            let v = validate_paths(
                black_box(std::slice::from_ref(&dir)),
                ValidateFormat::Human,
                None,
                false,
                false,
            );
            assert!(v.errors.is_empty());
            v.code
        });
    });
    group.finish();

    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full-hybrid.yaml"),
    )
    .expect("example");
    let a = answers::check(&example, Format::Yaml)
        .answers
        .expect("a valid example");
    let mut group = c.benchmark_group("check");
    for (format, text) in [
        (Format::Yaml, write::to_yaml(&a, None).expect("serialises")),
        (Format::Json, write::to_json(&a).expect("serialises")),
        (Format::Toml, write::to_toml(&a).expect("serialises")),
    ] {
        group.bench_with_input(BenchmarkId::new("file", format.name()), &text, |b, text| {
            b.iter(|| answers::check(black_box(text), format).is_valid());
        });
    }
    group.finish();
}

criterion_group!(benches, validate);
criterion_main!(benches);
