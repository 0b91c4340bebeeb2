//! Answer files end to end: the committed schema is fresh and names what product.md names; the
//! examples and golden cases recommend what they should in every format; every file of
//! `tests/invalid/` is refused with its committed messages; `validate` and `recommend` keep their
//! exit codes and output formats (`init` has its own file).

use std::path::Path;

use mma::answers::model::{MigrationPath, Source};
use mma::answers::{self, Format};

use crate::support::{assert_fresh, mma, root, scratch};

const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test --test integration answers";

#[test]
fn the_committed_draft_07_schema_for_editors_is_fresh() {
    assert_fresh(
        "schema/answers.draft-07.schema.json",
        &answers::schema::draft07_text(),
        REFRESH,
    );
    let (code, out, _) = mma(&root(), &["schema", "--draft", "07"]);
    assert_eq!(code, 0);
    assert_eq!(out, answers::schema::draft07_text());
}

#[test]
fn convert_writes_every_format_and_reads_back_the_same() {
    let dir = scratch("answers-convert");
    let example = root().join("examples/imap.yaml");
    let example = example.to_str().expect("utf-8");
    let (_, original, _) = mma(&dir, &["recommend", "--format", "json", example]);
    for (to, file) in [("json", "a.json"), ("toml", "a.toml"), ("yaml", "a.yaml")] {
        let (code, out, err) = mma(&dir, &["convert", example, "--to", to]);
        assert_eq!(code, 0, "{err}");
        std::fs::write(dir.join(file), out).expect("write");
        let (code, rec, err) = mma(&dir, &["recommend", "--format", "json", file]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(rec, original, "{to}");
    }
    let (code, _, _) = mma(&dir, &["convert", "missing.yaml", "--to", "json"]);
    assert_eq!(code, 2);
}

#[test]
fn the_committed_schema_is_fresh() {
    assert_fresh(
        "schema/answers.schema.json",
        &answers::schema::schema_text(),
        REFRESH,
    );
    let (code, out, _) = mma(&root(), &["schema"]);
    assert_eq!(code, 0);
    assert_eq!(out, answers::schema::schema_text());
}

/// The `const` values of an enum in the schema's `$defs`.
fn schema_values(def: &str) -> Vec<String> {
    let schema = answers::schema::schema();
    schema
        .pointer(&format!("/$defs/{def}/oneOf"))
        .and_then(|v| v.as_array())
        .expect("a documented enum")
        .iter()
        .map(|b| {
            assert!(b.get("title").is_some(), "{def} value without a title: {b}");
            assert!(
                b.get("description").is_some(),
                "{def} value without a description: {b}"
            );
            b["const"].as_str().expect("a string const").to_owned()
        })
        .collect()
}

#[test]
fn the_schema_names_every_source_product_md_names_and_the_table_decides() {
    let product = std::fs::read_to_string(root().join("../shared/product.md")).unwrap_or_default();
    let sources = schema_values("Source");
    let table: Vec<&str> = Source::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(
        sources, table,
        "answers and decision table list the same sources"
    );
    for s in &sources {
        if !product.is_empty() {
            assert!(
                product.contains(&format!("`{s}`")),
                "{s} is not in product.md"
            );
        }
    }
    // The serde names are the names the code uses (no `exchange2016` from `snake_case`).
    for s in Source::ALL {
        assert_eq!(serde_json::to_value(s).expect("serialises"), s.name());
    }
    let paths = schema_values("Path");
    let decided: Vec<&str> = MigrationPath::ALL.iter().map(|p| p.name()).collect();
    assert_eq!(paths, decided);
    for p in MigrationPath::ALL {
        assert_eq!(serde_json::to_value(p).expect("serialises"), p.name());
    }
}

#[test]
fn every_schema_property_has_a_title_and_a_description() {
    fn walk(node: &serde_json::Value, at: &str) {
        if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
            for (name, prop) in props {
                assert!(prop.get("title").is_some(), "{at}/{name} has no title");
                assert!(
                    prop.get("description").is_some(),
                    "{at}/{name} has no description"
                );
            }
        }
        if let Some(defs) = node.get("$defs").and_then(|d| d.as_object()) {
            for (name, def) in defs {
                walk(def, &format!("#/$defs/{name}"));
            }
        }
    }
    walk(&answers::schema::schema(), "#");
}

#[test]
fn the_schema_examples_are_valid_answers() {
    let schema = answers::schema::schema();
    for example in schema["examples"].as_array().expect("examples") {
        let text = serde_json::to_string(example).expect("json");
        let report = answers::check(&text, Format::Json);
        assert!(report.is_valid(), "{:?}", report.diagnostics);
    }
}

/// Each example recommends the path its file is named after.
#[test]
fn every_example_is_valid_and_recommends_its_path() {
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(root().join("examples")).expect("examples/") {
        let path = entry.expect("entry").path();
        if Format::from_path(&path).is_none() {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let format = Format::from_path(&path).expect("format");
        let report = answers::check(&text, format);
        assert!(
            report.diagnostics.is_empty(),
            "{}: {:?}",
            path.display(),
            report.diagnostics
        );
        let rec = mma::recommend::recommend(report.answers.as_ref().expect("answers"));
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
        assert_eq!(
            rec.path.name().replace('_', "-"),
            stem,
            "{}",
            path.display()
        );
        seen.push(rec.path);
    }
    seen.sort();
    assert_eq!(seen, MigrationPath::ALL.to_vec(), "one example per path");
}

#[test]
fn golden_cases_recommend_the_same_in_every_format() {
    let cases = root().join("tests/cases");
    let mut dirs: Vec<_> = std::fs::read_dir(&cases)
        .expect("tests/cases")
        .map(|e| e.expect("entry").path())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), MigrationPath::ALL.len(), "one case per path");
    for dir in dirs {
        let answers = std::fs::read_dir(&dir)
            .expect("case dir")
            .map(|e| e.expect("entry").path())
            .find(|p| p.file_stem().is_some_and(|s| s == "answers"))
            .expect("an answers file");
        let rel = answers.strip_prefix(root()).expect("inside the repo");
        let rel = rel.to_str().expect("utf-8");
        let case = dir
            .strip_prefix(root())
            .expect("inside")
            .to_str()
            .expect("utf-8");
        for (format, file) in [
            ("human", "recommend.txt"),
            ("json", "recommend.json"),
            ("markdown", "recommend.md"),
        ] {
            let (code, out, err) = mma(&root(), &["recommend", "--format", format, rel]);
            assert_eq!(code, 0, "{rel}: {err}");
            assert_fresh(&format!("{case}/{file}"), &out, REFRESH);
        }
        let (_, json, _) = mma(&root(), &["recommend", "--format", "json", rel]);
        let v: serde_json::Value = serde_json::from_str(&json).expect("json output");
        for key in ["path", "rule", "why", "alternatives", "warnings"] {
            assert!(v.get(key).is_some(), "{rel}: no `{key}`");
        }
        let name = dir.file_name().and_then(|n| n.to_str()).expect("name");
        assert_eq!(
            v["path"].as_str().map(|p| p.replace('_', "-")).as_deref(),
            Some(name)
        );
    }
}

/// `tests/invalid/NAME.EXT` is refused by `mma validate` with exactly `NAME.EXT.expected`.
#[test]
fn every_invalid_file_is_refused_with_its_committed_messages() {
    let dir = root().join("tests/invalid");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/invalid")
        .map(|e| e.expect("entry").path())
        .filter(|p| Format::from_path(p).is_some())
        .collect();
    files.sort();
    assert!(files.len() >= 25, "{} invalid cases", files.len());
    let mut formats = std::collections::BTreeSet::new();
    for file in files {
        let name = file.file_name().and_then(|n| n.to_str()).expect("name");
        formats.insert(Format::from_path(&file).expect("format").name());
        let (code, out, err) = mma(&dir, &["validate", name]);
        assert_eq!(code, 1, "{name} must be refused: {out}{err}");
        assert!(out.contains(": error["), "{name}: {out}");
        assert_fresh(&format!("tests/invalid/{name}.expected"), &out, REFRESH);
    }
    assert_eq!(formats.len(), 3, "invalid cases in YAML, JSON and TOML");
}

#[test]
fn validating_examples_and_invalid_cases_together() {
    let (code, out, _) = mma(&root(), &["validate", "examples/", "tests/invalid/"]);
    assert_eq!(code, 1);
    assert!(
        !out.contains("examples/"),
        "examples have no findings: {out}"
    );
    let summary = out.lines().last().expect("a summary");
    assert!(
        summary.starts_with("46 files: 9 valid, 37 invalid"),
        "{summary}"
    );

    let (code, out, _) = mma(&root(), &["validate", "examples/", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(v["valid"], true);
    assert_eq!(v["summary"]["files"], 9);

    let (code, out, _) = mma(
        &root(),
        &[
            "validate",
            "--format",
            "github",
            "tests/invalid/typo-value.yaml",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().next(),
        Some(
            "::error file=tests/invalid/typo-value.yaml,line=3,col=9,title=mma validate [unknown-value]::\
             unknown value `exchange_2061` for `source` (at /source)%0Aallowed: one of `exchange_2000_or_earlier`, \
             `exchange_2003`, `exchange_2007`, `exchange_2010`, `exchange_2013`, `exchange_2016`, `exchange_2019`, \
             `exchange_se`, `google_workspace`, `imap`, `microsoft_365`, `other`%0Ahelp: did you mean `exchange_2016`?"
        )
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = scratch("answers-warnings");
    std::fs::write(
        dir.join("a.yaml"),
        "version: 1\norganization: X\nsource: exchange_2016\nmailboxes: 300\ntimeline: weeks\n\
         manage_users_on_premises: false\ncoexistence: false\nchosen_path: cutover\n",
    )
    .expect("write");
    let (code, out, _) = mma(&dir, &["validate", "a.yaml"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("a.yaml:8:14: warning[cutover-size]"), "{out}");
    let (code, _, _) = mma(&dir, &["validate", "--deny-warnings", "a.yaml"]);
    assert_eq!(code, 1);

    // Cross-tenant settings on a move that is not cross-tenant are ignored, with a warning; on
    // the cross-tenant path they are read, without one.
    let cross = "cross_tenant:\n  source_tenant: fabrikam.onmicrosoft.com\n  \
                 application_id: 8c9d6e2a-3b1f-4c7d-9e0a-5f6b7c8d9e0f\n";
    for (source, chosen, warned) in [
        ("exchange_2016", "", true),
        ("microsoft_365", "chosen_path: third_party\n", true),
        ("microsoft_365", "", false),
    ] {
        std::fs::write(
            dir.join("c.yaml"),
            format!(
                "version: 1\norganization: X\nsource: {source}\nmailboxes: 300\ntimeline: weeks\n\
                 manage_users_on_premises: false\ncoexistence: false\n{chosen}{cross}"
            ),
        )
        .expect("write");
        let (code, out, _) = mma(&dir, &["validate", "c.yaml"]);
        assert_eq!(code, 0, "{out}");
        assert_eq!(
            out.contains("warning[cross-tenant-setting]"),
            warned,
            "{out}"
        );
    }
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = scratch("answers-usage");
    std::fs::write(dir.join("answers.txt"), "just words\n").expect("write");
    let (code, _, err) = mma(&dir, &["validate", "answers.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot tell the format"), "{err}");
    let (code, _, err) = mma(&dir, &["validate", "missing.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read missing.yaml"), "{err}");
    let (code, _, err) = mma(&dir, &["validate", "-"]);
    assert_eq!(code, 2);
    assert!(err.contains("--input-format"), "{err}");
    let (code, _, _) = mma(&dir, &["validate"]);
    assert_eq!(code, 2);
    // With an explicit format the extension does not matter.
    let (code, out, _) = mma(&dir, &["validate", "--input-format", "yaml", "answers.txt"]);
    assert_eq!(code, 1, "{out}");
}

#[test]
fn recommend_refuses_invalid_answers_with_validate_s_diagnostics() {
    let dir = root().join("tests/invalid");
    let (code, out, err) = mma(&dir, &["recommend", "typo-value.yaml"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    let (_, validate_out, _) = mma(&dir, &["validate", "typo-value.yaml"]);
    let first = validate_out.lines().next().expect("a diagnostic");
    assert!(err.contains(first), "{err}");
}

/// Runs `mma ARGS` with `input` on standard input: exit code, stdout, stderr.
fn mma_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mma"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(input.as_bytes())?;
            child.wait_with_output()
        })
        .expect("mma runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn stdin_and_unknown_extensions_take_the_format_the_content_says() {
    let yaml = std::fs::read_to_string(root().join("examples/cutover.yaml")).expect("example");
    for to in ["yaml", "json", "toml"] {
        let (code, text, err) = mma(&root(), &["convert", "examples/cutover.yaml", "--to", to]);
        assert_eq!(code, 0, "{err}");
        let (code, out, err) = mma_stdin(&["validate", "-"], &text);
        assert_eq!(code, 0, "{to}: {out}{err}");
        assert!(out.contains("1 valid"), "{to}: {out}");
        let dir = scratch(&format!("answers-sniffed-{to}"));
        std::fs::write(dir.join("answers.txt"), &text).expect("write");
        let (code, out, err) = mma(&dir, &["validate", "answers.txt"]);
        assert_eq!(code, 0, "{to}: {out}{err}");
    }
    let (code, out, err) = mma_stdin(&["validate", "-"], &yaml);
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = mma_stdin(&["validate", "-"], "just words\n");
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot tell the format of standard input from its content"),
        "{err}"
    );
}

#[test]
fn an_invalid_file_counts_its_errors_in_words() {
    let dir = root().join("tests/invalid");
    let (code, _, err) = mma(&dir, &["recommend", "typo-value.yaml"]);
    assert_eq!(code, 1);
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.ends_with("is not a valid answer file (1 error)"),
        "{err}"
    );
}

#[test]
fn recommend_reads_stdin_with_an_input_format() {
    let text = std::fs::read_to_string(root().join("examples/cutover.yaml")).expect("example");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mma"))
        .args([
            "recommend",
            "-",
            "--input-format",
            "yaml",
            "--format",
            "json",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(text.as_bytes())?;
            child.wait_with_output()
        })
        .expect("mma runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["path"], "cutover");
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_file() {
    let dir = scratch("answers-bom");
    let text = std::fs::read_to_string(root().join("examples/imap.yaml")).expect("example");
    std::fs::write(dir.join("a.yaml"), format!("\u{feff}{text}")).expect("write");
    let (code, out, _) = mma(&dir, &["validate", "a.yaml"]);
    assert_eq!(code, 0, "{out}");
    assert!(Path::new(&dir).join("a.yaml").exists());
}
