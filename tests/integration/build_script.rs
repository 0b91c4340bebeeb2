//! The real build script on real tables: a probe crate holding `build.rs`, with the `mma-table`
//! crate as its build dependency (and serde and schemars, which the generated enums derive), and a
//! decision table is built with cargo. A broken table must fail the build with
//! located diagnostics; a sound one must compile, with rustc proving the `match` exhaustive.
//! rustc's own checks are the second line of defence, shown on hand-broken generated code.

use std::path::PathBuf;
use std::process::Command;

use mma::table::codegen;

use crate::support::{line_of, root, rustc_check, scratch, shipped_csv};

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Builds a probe crate with `table` as its decision-table.csv; returns (success, stderr).
fn build_probe(name: &str, table: &str) -> (bool, String) {
    let dir = scratch(&format!("probe-{name}"));
    std::fs::create_dir_all(dir.join("src")).expect("probe dirs");
    std::fs::copy(root().join("build.rs"), dir.join("build.rs")).expect("copy build.rs");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"table-probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
             [workspace]\n\n[dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
             schemars = \"1\"\n\n[build-dependencies]\nmma-table = {{ path = {:?} }}\n",
            root().join("crates/mma-table").display().to_string()
        ),
    )
    .expect("manifest");
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! Probe.\ninclude!(concat!(env!(\"OUT_DIR\"), \"/decision_table.rs\"));\n",
    )
    .expect("lib.rs");
    std::fs::write(dir.join("decision-table.csv"), table).expect("table");
    let target: PathBuf = root().join("target/build-probe");
    let out = Command::new(cargo())
        .args(["build", "--quiet", "--offline"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_build_script_accepts_sound_tables_and_refuses_broken_ones() {
    let (ok, stderr) = build_probe("clean", &shipped_csv());
    assert!(ok, "the shipped table builds: {stderr}");

    let header = line_of("id,");
    let dropped: String = shipped_csv()
        .lines()
        .filter(|l| !l.starts_with("modern-slow,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let (ok, stderr) = build_probe("drop", &dropped);
    assert!(!ok);
    assert!(
        stderr.contains(&format!(
            "decision-table.csv:{header}: error[gap]: no rule matches"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("timeline=months"), "{stderr}");

    let row = shipped_csv()
        .lines()
        .find(|l| l.starts_with("tenant-source,"))
        .unwrap_or_default()
        .to_owned();
    let duplicated = format!(
        "{}{}\n",
        shipped_csv(),
        row.replacen("tenant-source", "tenant-source-2", 1)
    );
    let (ok, stderr) = build_probe("dup", &duplicated);
    assert!(!ok);
    let appended = shipped_csv().lines().count() + 1;
    assert!(
        stderr.contains(&format!("decision-table.csv:{appended}:1: error[overlap]")),
        "{stderr}"
    );

    let misspelt = shipped_csv().replacen(
        "google-source,google_workspace",
        "google-source,gogle_workspace",
        1,
    );
    let (ok, stderr) = build_probe("typo", &misspelt);
    assert!(!ok);
    let line = line_of("google-source,");
    assert!(
        stderr.contains(&format!(
            "decision-table.csv:{line}:15: error[unknown-value]: unknown value `gogle_workspace`"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `google_workspace`?"),
        "{stderr}"
    );
}

#[test]
fn rustc_independently_proves_the_generated_match() {
    let dir = scratch("rustc-backstop");
    // The shipped table's code without the serde and schemars derives (the committed copy has
    // them), so that rustc compiles it alone: the `match` is the same.
    let table = mma::table::check(&shipped_csv())
        .table
        .expect("the shipped table parses");
    let options = codegen::Options {
        derives: codegen::Derives::Std,
        ..codegen::Options::new(codegen::Layout::auto(&table))
    };
    let code = codegen::generate_with_options(
        &table,
        codegen::Provenance {
            source_name: "decision-table.csv",
            source_sha256: "0",
        },
        options,
    );
    let (ok, stderr) = rustc_check(&dir, &code);
    assert!(ok, "{stderr}");

    // Delete the arm of one rule: rustc reports the uncovered inputs (E0004).
    let lines: Vec<&str> = code.lines().collect();
    let arm = lines
        .iter()
        .position(|l| l.contains("=> &RULES[4],"))
        .expect("arm 4");
    let without: String = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != arm)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let (ok, stderr) = rustc_check(&dir, &without);
    assert!(!ok);
    assert!(stderr.contains("E0004"), "{stderr}");

    // Repeat an arm: `deny(unreachable_patterns)` refuses it.
    let mut repeated: Vec<&str> = lines.clone();
    repeated.insert(arm + 1, lines[arm]);
    let (ok, stderr) = rustc_check(&dir, &(repeated.join("\n") + "\n"));
    assert!(!ok);
    assert!(stderr.contains("unreachable pattern"), "{stderr}");
}
