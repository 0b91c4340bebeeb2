//! `mma plan` end to end: golden outputs for export-format inputs (a hybrid plan from real
//! `Get-Mailbox`/`Get-MailboxPermission`-style exports, an IMAP plan with an admin login form, a
//! staged plan), byte-identical reruns, located input errors, and the output directory contract.

use std::path::Path;

use crate::support::{assert_fresh, mma, root, scratch};

const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test --test integration plan";

/// A golden case: its name, the answers, and the rest of the arguments.
const CASES: &[(&str, &[&str])] = &[
    (
        "tailspin",
        &[
            "examples/minimal-hybrid.yaml",
            "--inventory",
            "examples/tailspin/inventory.csv",
            "--permissions",
            "examples/tailspin/mailbox-permissions.csv",
            "--permissions",
            "examples/tailspin/send-as.csv",
            "--permissions",
            "examples/tailspin/calendar-permissions.csv",
            "--permissions",
            "examples/tailspin/send-on-behalf.csv",
        ],
    ),
    (
        "imap",
        &[
            "tests/plan/imap/answers.toml",
            "--inventory",
            "tests/plan/imap/inventory.csv",
            "--permissions",
            "tests/plan/imap/permissions.csv",
            "--permissions",
            "tests/plan/imap/send-on-behalf.csv",
            "--imap-admin",
            "mailadmin",
        ],
    ),
    (
        "staged",
        &[
            "tests/plan/staged/answers.yaml",
            "--inventory",
            "tests/plan/staged/inventory.csv",
            "--permissions",
            "tests/plan/staged/mailbox-permissions.csv",
            "--permissions",
            "tests/plan/staged/recipient-permissions.csv",
        ],
    ),
];

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).expect("inside");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn run_case(args: &[&str], out: &Path) -> (i32, String, String) {
    let out = out.to_str().expect("utf-8");
    let mut all = vec!["plan"];
    all.extend(args);
    all.extend(["--out", out, "--force"]);
    mma(&root(), &all)
}

#[test]
fn golden_plans_from_export_format_inputs() {
    for (name, args) in CASES {
        let out = scratch(&format!("plan-{name}"));
        let (code, stdout, stderr) = run_case(args, &out);
        assert_eq!(code, 0, "{name}: {stderr}");
        let files = tree(&out);
        assert!(files.contains(&"plan.json".to_owned()) && files.contains(&"plan.md".to_owned()));
        assert_fresh(
            &format!("tests/golden/plan/{name}/files.txt"),
            &(files.join("\n") + "\n"),
            REFRESH,
        );
        for file in &files {
            let text = std::fs::read_to_string(out.join(file)).expect("utf-8 output");
            assert_fresh(&format!("tests/golden/plan/{name}/{file}"), &text, REFRESH);
        }
        let summary = stdout.replace(out.to_str().expect("utf-8"), "OUT");
        assert_fresh(
            &format!("tests/golden/plan/{name}/stdout.txt"),
            &summary,
            REFRESH,
        );
    }
}

#[test]
fn batch_csvs_are_in_the_exchange_online_format_of_the_path() {
    let out = scratch("plan-formats");
    for (name, args) in CASES {
        let dir = out.join(name);
        let (code, _, stderr) = run_case(args, &dir);
        assert_eq!(code, 0, "{stderr}");
        let batches = dir.join("batches");
        for file in tree(&batches) {
            let text = std::fs::read_to_string(batches.join(&file)).expect("csv");
            let header = text.lines().next().expect("a header");
            let expected: &[&str] = match *name {
                "tailspin" => &["EmailAddress", "EmailAddress,MailboxType"],
                "imap" => &["EmailAddress,UserName,Password"],
                _ => &["EmailAddress,Password,ForceChangePassword"],
            };
            assert!(expected.contains(&header), "{name}/{file}: {header}");
            // CRLF throughout, no formula cells, no password.
            assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
            for line in text.lines().skip(1) {
                assert!(!line.starts_with(['=', '+', '-', '@']), "{line}");
                if *name != "tailspin" {
                    assert!(line.ends_with(','), "password left empty: {line}");
                }
            }
        }
    }
}

#[test]
fn reruns_are_byte_identical() {
    let (_, args) = CASES[0];
    let a = scratch("plan-rerun-a");
    let b = scratch("plan-rerun-b");
    assert_eq!(run_case(args, &a).0, 0);
    assert_eq!(run_case(args, &b).0, 0);
    let files = tree(&a);
    assert_eq!(files, tree(&b));
    for f in files {
        assert_eq!(
            std::fs::read(a.join(&f)).expect("a"),
            std::fs::read(b.join(&f)).expect("b"),
            "{f}"
        );
    }
}

#[test]
fn bad_rows_are_all_reported_with_file_line_and_column() {
    let dir = scratch("plan-bad-rows");
    std::fs::write(
        dir.join("inventory.csv"),
        "EmailAddress,SizeBytes,ItemCount\n\
         anna@contoso.com,1 GB,10\n\
         not-an-address,1 GB,10\n\
         bob@contoso.com,lots,10\n\
         anna@contoso.com,2 GB,many\n",
    )
    .expect("write");
    std::fs::write(dir.join("perms.csv"), "Owner,Reader\na,b\n").expect("write");
    let answers = root().join("examples/express-hybrid.yaml");
    let (code, _, err) = mma(
        &dir,
        &[
            "plan",
            answers.to_str().expect("utf-8"),
            "--inventory",
            "inventory.csv",
            "--permissions",
            "perms.csv",
            "--out",
            "out",
        ],
    );
    assert_eq!(code, 1, "{err}");
    for expected in [
        "inventory.csv:3: error: column `EmailAddress`: `not-an-address` is not an email address",
        "inventory.csv:4: error: column `SizeBytes`: `lots` is not a size",
        "inventory.csv:5: error: column `EmailAddress`: `anna@contoso.com` is listed twice (first on line 2)",
        "perms.csv:1: error: not a permission export mma knows",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    assert!(!dir.join("out").exists(), "nothing is written");
}

#[test]
fn a_non_empty_output_directory_needs_force() {
    let dir = scratch("plan-force");
    std::fs::create_dir_all(dir.join("out")).expect("mkdir");
    std::fs::write(dir.join("out/keep.txt"), "keep").expect("write");
    let (_, args) = CASES[2];
    let mut all = vec!["plan"];
    all.extend(args);
    let out = dir.join("out");
    all.extend(["--out", out.to_str().expect("utf-8")]);
    let (code, _, err) = mma(&root(), &all);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--force"));
    assert!(out.join("keep.txt").exists());
    all.push("--force");
    let (code, _, err) = mma(&root(), &all);
    assert_eq!(code, 0, "{err}");
    assert!(!out.join("keep.txt").exists());
    assert!(out.join("plan.json").exists());
}

#[test]
fn imap_admin_forms_need_the_admin_login() {
    let (_, args) = CASES[1];
    let without: Vec<&str> = args
        .iter()
        .copied()
        .filter(|a| *a != "--imap-admin" && *a != "mailadmin")
        .collect();
    let out = scratch("plan-imap-admin");
    let (code, _, err) = run_case(&without, &out.join("o"));
    assert_eq!(code, 1);
    assert!(err.contains("--imap-admin"), "{err}");
}

#[test]
fn the_plan_schema_is_fresh() {
    assert_fresh(
        "schema/plan.schema.json",
        &mma::plan::output::plan_schema_text(),
        REFRESH,
    );
}
