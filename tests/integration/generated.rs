//! `generated/` is the committed, reviewable mirror of what the build produces from
//! decision-table.csv; these tests fail when it is stale.

use mma::table::{codegen, render, sha256};

use crate::support::{assert_fresh, shipped_csv};

const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test --test integration generated";

fn shipped() -> (mma::table::Table, String) {
    let src = shipped_csv();
    let report = mma::table::check(&src);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    (
        report.table.expect("the shipped table parses"),
        sha256::hex(src.as_bytes()),
    )
}

#[test]
fn generated_rust_matches_the_csv() {
    let (table, sha) = shipped();
    let code = codegen::generate(
        &table,
        codegen::Provenance {
            source_name: "decision-table.csv",
            source_sha256: &sha,
        },
    );
    assert_fresh("generated/decision_table.rs", &code, REFRESH);
}

#[test]
fn generated_rust_matches_the_build_output() {
    let built = include_str!(concat!(env!("OUT_DIR"), "/decision_table.rs"));
    let committed =
        std::fs::read_to_string(crate::support::root().join("generated/decision_table.rs"))
            .unwrap_or_default();
    assert!(
        built == committed,
        "generated/decision_table.rs differs from $OUT_DIR/decision_table.rs; refresh it with: {REFRESH}"
    );
    assert_eq!(
        mma::decision::TABLE_SHA256,
        sha256::hex(shipped_csv().as_bytes())
    );
}

#[test]
fn generated_markdown_matches_the_csv() {
    let (table, sha) = shipped();
    let md = render::markdown(&table, "decision-table.csv", &sha);
    assert_fresh("generated/decision-table.md", &md, REFRESH);
}

#[test]
fn table_show_prints_the_generated_markdown() {
    let (code, stdout, _) = crate::support::mma(&crate::support::root(), &["table", "show"]);
    assert_eq!(code, 0);
    let committed =
        std::fs::read_to_string(crate::support::root().join("generated/decision-table.md"))
            .unwrap_or_default();
    assert_eq!(stdout, committed);
}
