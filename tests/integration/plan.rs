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

/// The staged case's arguments with `--out out` (and `extra`).
fn staged_args<'a>(out: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let (_, args) = CASES[2];
    let mut all = vec!["plan"];
    all.extend(args);
    all.extend(["--out", out]);
    all.extend(extra);
    all
}

#[test]
fn force_replaces_only_a_directory_mma_wrote() {
    let dir = scratch("plan-force");
    let out = dir.join("out");
    let o = out.to_str().expect("utf-8");
    // A directory of the user's: refused without --force, and with it, naming the files.
    std::fs::create_dir_all(out.join("notes")).expect("mkdir");
    std::fs::write(out.join("keep.txt"), "keep").expect("write");
    let (code, _, err) = mma(&root(), &staged_args(o, &[]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--force"), "{err}");
    let (code, _, err) = mma(&root(), &staged_args(o, &["--force"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`keep.txt`") && err.contains("`notes`"),
        "{err}"
    );
    assert!(out.join("keep.txt").exists() && out.join("notes").is_dir());
    assert!(!out.join("plan.json").exists());
    std::fs::remove_dir_all(&out).expect("clean");

    // A directory mma wrote: replaced whole, stale batch files included.
    assert_eq!(mma(&root(), &staged_args(o, &[])).0, 0);
    std::fs::write(out.join("batches/99-old.csv"), "EmailAddress\r\n").expect("write");
    let (code, _, err) = mma(&root(), &staged_args(o, &["--force"]));
    assert_eq!(code, 0, "{err}");
    assert!(!out.join("batches/99-old.csv").exists());
    assert!(out.join("plan.json").exists() && out.join(".mma-plan").exists());

    // …unless someone put a file of their own in it.
    std::fs::write(out.join("batches/budget.xlsx"), "x").expect("write");
    std::fs::write(out.join("todo.md"), "x").expect("write");
    let (code, _, err) = mma(&root(), &staged_args(o, &["--force"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`batches/budget.xlsx`, `todo.md`"),
        "the foreign files are named: {err}"
    );
    assert!(out.join("todo.md").exists() && out.join("plan.json").exists());

    // No debris beside the output.
    let beside: Vec<String> = std::fs::read_dir(&dir)
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["out"]);
}

#[test]
fn an_output_that_is_a_file_is_refused_untouched() {
    let dir = scratch("plan-out-file");
    let out = dir.join("out");
    std::fs::write(&out, "mine").expect("write");
    let o = out.to_str().expect("utf-8");
    for extra in [&[][..], &["--force"][..]] {
        let (code, _, err) = mma(&root(), &staged_args(o, extra));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("is a file, not a directory"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).expect("still there"), "mine");
    }
}

#[test]
fn a_killed_run_s_temporary_directory_is_removed_by_the_next() {
    let dir = scratch("plan-debris");
    let debris = dir.join(".out.mma-tmp-Xk3j9Q");
    std::fs::create_dir_all(debris.join("batches")).expect("mkdir");
    std::fs::write(debris.join("plan.json"), "{").expect("write");
    let out = dir.join("out");
    let (code, _, err) = mma(&root(), &staged_args(out.to_str().expect("utf-8"), &[]));
    assert_eq!(code, 0, "{err}");
    assert!(!debris.exists());
    assert!(out.join("plan.json").exists());
}

#[test]
fn concurrent_runs_on_one_output_take_turns() {
    use std::process::{Command, Stdio};
    let dir = scratch("plan-lock");
    let out = dir.join("out");
    let o = out.to_str().expect("utf-8");
    assert_eq!(mma(&root(), &staged_args(o, &[])).0, 0);
    let expected = tree(&out);
    // While the lock is held, a run waits (and says so); released, it completes.
    let lock = std::fs::File::open(&dir).expect("open the directory");
    lock.lock().expect("lock");
    let mut child = Command::new(env!("CARGO_BIN_EXE_mma"))
        .args(staged_args(o, &["--force"]))
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mma runs");
    let mut stderr = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).expect("a line");
    assert!(line.contains("waiting for another mma plan"), "{line}");
    drop(lock);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).expect("the rest");
    assert!(rest.is_empty(), "{rest}");
    assert!(child.wait().expect("mma ends").success());
    // Several at once: each succeeds, and the directory is whole.
    let runs: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_mma"))
                .args(staged_args(o, &["--force"]))
                .current_dir(root())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("mma runs")
        })
        .collect();
    for run in runs {
        let run = run.wait_with_output().expect("mma ends");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    assert_eq!(tree(&out), expected);
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
        &mma::plan::output::plan_schema_text().expect("the schema serialises"),
        REFRESH,
    );
}
