//! `mma table …` as a user runs it: golden outputs for bad tables, exit codes, and the shipped
//! table broken in the ways a reviewer would miss.

use crate::support::{assert_fresh, line_of, mma, root, scratch, shipped_csv};

const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test --test integration cli_table";

#[test]
fn bad_tables_give_their_golden_diagnostics() {
    let dir = root().join("tests/golden/table");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/golden/table exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "golden cases: {names:?}");
    for name in names {
        let (code, stdout, stderr) = mma(&dir, &["table", "check", &name]);
        let expected_code = if name.starts_with("clean") { 0 } else { 1 };
        assert_eq!(code, expected_code, "{name}: exit code; stderr: {stderr}");
        let stem = name.trim_end_matches(".csv");
        assert_fresh(&format!("tests/golden/table/{stem}.out"), &stdout, REFRESH);
    }
}

#[test]
fn json_report_is_one_document_with_every_finding() {
    let dir = root().join("tests/golden/table");
    let (code, stdout, _) = mma(&dir, &["table", "check", "gaps.csv", "--format", "json"]);
    assert_eq!(code, 1);
    assert_fresh("tests/golden/table/gaps.json", &stdout, REFRESH);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(doc["valid"], false);
    assert_eq!(doc["summary"]["gaps"], 3);
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(3));
}

/// Writes a broken copy of the shipped table as `decision-table.csv` and checks it.
fn check_broken(name: &str, edit: impl FnOnce(&str) -> String) -> (i32, String) {
    let dir = scratch(name);
    std::fs::write(dir.join("decision-table.csv"), edit(&shipped_csv())).expect("write table");
    let (code, stdout, _) = mma(&dir, &["table", "check", "decision-table.csv"]);
    (code, stdout)
}

#[test]
fn removing_a_row_is_reported_as_a_gap() {
    let (code, out) = check_broken("drop", |t| {
        t.lines()
            .filter(|l| !l.starts_with("modern-medium-fast,"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    assert_eq!(code, 1);
    assert!(
        out.contains("error[gap]: no rule matches source=exchange_2010|exchange_2013|exchange_2016|exchange_2019|exchange_se, mailboxes=150..=2000, timeline=days|weeks, manage_users_on_premises=false, coexistence=false"),
        "{out}"
    );
    assert!(
        out.contains("for example: source=exchange_2010, mailboxes=150, timeline=days"),
        "{out}"
    );
}

#[test]
fn duplicating_a_row_is_reported_as_an_overlap() {
    let (code, out) = check_broken("dup", |t| {
        let row = t
            .lines()
            .find(|l| l.starts_with("google-source,"))
            .unwrap_or_default();
        format!(
            "{t}{}\n",
            row.replacen("google-source", "google-source-again", 1)
        )
    });
    assert_eq!(code, 1);
    let google = line_of("google-source,");
    let appended = shipped_csv().lines().count() + 1;
    assert!(
        out.contains(&format!(
            "decision-table.csv:{appended}:1: error[overlap]: rules `google-source` (line {google}) and `google-source-again` (line {appended}) both match source=google_workspace"
        )),
        "{out}"
    );
}

#[test]
fn a_misspelt_value_is_located_with_a_suggestion() {
    let (code, out) = check_broken("typo", |t| {
        t.replacen(
            "legacy-large,exchange_2003|exchange_2007",
            "legacy-large,exchange_2003|exchange_2070",
            1,
        )
    });
    assert_eq!(code, 1);
    let line = line_of("legacy-large,");
    assert!(
        out.contains(&format!(
            "decision-table.csv:{line}:28: error[unknown-value]: unknown value `exchange_2070` for `source`"
        )),
        "{out}"
    );
    assert!(out.contains("did you mean `exchange_2007`?"), "{out}");
}

#[test]
fn the_shipped_table_checks_clean() {
    let (code, stdout, _) = mma(&root(), &["table", "check"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "decision-table.csv: ok: 16 rules over 5 inputs, complete and without overlaps\n"
    );
    let (code, stdout, _) = mma(&root(), &["table", "check", "decision-table.csv"]);
    assert_eq!(
        (code, stdout.starts_with("decision-table.csv: ok")),
        (0, true)
    );
}

#[test]
fn unreadable_files_and_bad_usage_exit_2() {
    let (code, _, stderr) = mma(&root(), &["table", "check", "no-such-table.csv"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read no-such-table.csv"), "{stderr}");
    let (code, _, _) = mma(&root(), &["table", "frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn eval_uses_the_interpreter() {
    let args = [
        "table",
        "eval",
        "source=exchange_2016",
        "mailboxes=300",
        "timeline=weeks",
        "manage_users_on_premises=false",
        "coexistence=false",
    ];
    let (code, stdout, _) = mma(&root(), &args);
    assert_eq!(code, 0);
    let line = line_of("modern-medium-fast,");
    assert!(
        stdout.starts_with(&format!(
            "rule modern-medium-fast (decision-table.csv:{line})\npath: express_hybrid\n"
        )),
        "{stdout}"
    );
    let (code, _, stderr) = mma(
        &root(),
        &["table", "eval", "source=exchange_2061", "mailboxes=3"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`exchange_2061` is not a value of `source`"),
        "{stderr}"
    );
}

#[test]
fn show_formats_round_trip() {
    let (code, csv, _) = mma(&root(), &["table", "show", "--format", "csv"]);
    assert_eq!(code, 0);
    let reparsed = mma::table::check(&csv);
    assert!(
        reparsed.diagnostics.is_empty(),
        "{:?}",
        reparsed.diagnostics
    );
    let original = mma::table::check(&shipped_csv()).table.expect("parses");
    let back = reparsed.table.expect("parses");
    assert!(
        back.rules
            .iter()
            .map(|r| (&r.id, &r.conditions, &r.outputs))
            .eq(original
                .rules
                .iter()
                .map(|r| (&r.id, &r.conditions, &r.outputs)))
    );
    let (code, json, _) = mma(&root(), &["table", "show", "--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(
        doc["rules"].as_array().map(Vec::len),
        Some(original.rules.len())
    );
    assert_eq!(
        doc["rules"][0]["then"]["alternatives"],
        serde_json::json!(["minimal_hybrid"])
    );
}

#[test]
fn codegen_writes_the_file_atomically() {
    let dir = scratch("codegen");
    let (code, _, stderr) = mma(
        &root(),
        &[
            "table",
            "codegen",
            "-o",
            dir.join("t.rs").to_str().unwrap_or_default(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(dir.join("t.rs")).unwrap_or_default();
    let committed =
        std::fs::read_to_string(root().join("generated/decision_table.rs")).unwrap_or_default();
    assert_eq!(written, committed);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.count())
        .into_iter()
        .collect();
    assert_eq!(leftovers, [1], "no temporary file is left behind");
}

#[test]
fn commands_that_need_a_clean_table_print_its_errors_once_and_stop() {
    let dir = root().join("tests/golden/table");
    for command in [
        &["table", "eval", "--table", "gaps.csv", "source=imap"][..],
        &["table", "codegen", "gaps.csv"],
    ] {
        let (code, stdout, stderr) = mma(&dir, command);
        assert_eq!(code, 1, "{command:?}");
        assert!(
            stdout.is_empty(),
            "{command:?}: nothing generated: {stdout}"
        );
        assert_eq!(stderr.matches("error[gap]").count(), 3, "{stderr}");
        assert!(
            stderr
                .trim_end()
                .ends_with("gaps.csv has 3 errors; fix them and run the command again"),
            "{command:?}: {stderr}"
        );
        assert!(!stderr.contains("to see them"), "{stderr}");
    }
}
