//! Build script: verifies decision-table.csv and compiles it into `$OUT_DIR/decision_table.rs`.
//!
//! The verifier is the `mma-table` workspace crate, the same code `mma table check` runs, so
//! `cargo build` and `mma table check` report exactly the same diagnostics. A table with any
//! error does not build.

use mma_table as table;

use std::path::PathBuf;
use std::process::ExitCode;

const TABLE: &str = "decision-table.csv";

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed={TABLE}");
    let src = match std::fs::read_to_string(TABLE) {
        Ok(src) => src,
        Err(e) => {
            println!("cargo::error={TABLE}: cannot read the decision table: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = table::check(&src);
    for d in &report.diagnostics {
        let rendered = d.render(TABLE);
        // Cargo shows one `cargo::error=`/`cargo::warning=` per line.
        let key = match d.severity {
            table::Severity::Error => "error",
            table::Severity::Warning => "warning",
        };
        for line in rendered.lines() {
            println!("cargo::{key}={line}");
        }
    }
    let has_errors = report.has_errors();
    let (Some(parsed), false) = (report.table, has_errors) else {
        // The `cargo::error=` lines above fail the build ("build script logged errors") without
        // cargo repeating the whole output of the script.
        return ExitCode::SUCCESS;
    };
    let sha = table::sha256::hex(src.as_bytes());
    let code = table::codegen::generate(
        &parsed,
        table::codegen::Provenance {
            source_name: TABLE,
            source_sha256: &sha,
        },
    );
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        println!("cargo::error=OUT_DIR is not set; run the build through cargo");
        return ExitCode::FAILURE;
    };
    if let Err(e) = std::fs::write(out_dir.join("decision_table.rs"), code) {
        println!("cargo::error=cannot write $OUT_DIR/decision_table.rs: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
