//! Hostile and real-world input on the plan side, as data: each `tests/hostile/plan/NAME/`
//! holds input files and a `case` file (`args:` with `$ROOT` for the repository, `exit:`, and
//! `stderr:`/`stdout:` lines that must each appear). A case runs in a copy of its directory;
//! a refused case must leave that copy exactly as it was (nothing written, nothing removed), and
//! no case may panic.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{mma, root, scratch};

/// A parsed `case` file.
#[derive(Debug, Default)]
struct Case {
    args: Vec<String>,
    exit: i32,
    stderr: Vec<String>,
    stdout: Vec<String>,
}

fn parse(text: &str) -> Case {
    let mut case = Case {
        exit: -1,
        ..Case::default()
    };
    let root = root();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (key, value) = line.split_once(": ").expect("`key: value` lines");
        match key {
            "args" => {
                case.args = value
                    .split_whitespace()
                    .map(|a| a.replace("$ROOT", root.to_str().expect("utf-8")))
                    .collect();
            }
            "exit" => case.exit = value.parse().expect("an exit code"),
            "stderr" => case.stderr.push(value.to_owned()),
            "stdout" => case.stdout.push(value.to_owned()),
            _ => panic!("unknown key `{key}`"),
        }
    }
    assert!(
        !case.args.is_empty() && case.exit >= 0,
        "args and exit are required"
    );
    case
}

/// Every file under `dir` with its bytes (directories end in `/`).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            let rel = path
                .strip_prefix(base)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(base, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn hostile_plan_inputs_get_their_exit_codes_and_located_messages() {
    let dir = root().join("tests/hostile/plan");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/hostile/plan")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 25, "{} hostile cases", names.len());
    let work = scratch("hostile-plan");
    let mut failures = Vec::new();
    for name in &names {
        let case =
            parse(&std::fs::read_to_string(dir.join(name).join("case")).expect("a case file"));
        let here = work.join(name);
        copy(&dir.join(name), &here);
        std::fs::remove_file(here.join("case")).expect("remove the case file");
        let before = snapshot(&here);
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let (code, stdout, stderr) = mma(&here, &args);
        let mut problems = Vec::new();
        if code != case.exit {
            problems.push(format!("exit {code}, expected {}", case.exit));
        }
        if stderr.contains("panicked") {
            problems.push("panicked".to_owned());
        }
        for s in &case.stderr {
            if !stderr.contains(s.as_str()) {
                problems.push(format!("stderr lacks `{s}`"));
            }
        }
        for s in &case.stdout {
            if !stdout.contains(s.as_str()) {
                problems.push(format!("stdout lacks `{s}`"));
            }
        }
        if case.exit != 0 && snapshot(&here) != before {
            problems.push("a refused run changed its directory".to_owned());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{name}: {}\n  stdout: {stdout}\n  stderr: {stderr}",
                problems.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_plan_json_over_1_gib_is_refused_before_it_is_read() {
    let dir = scratch("hostile-plan-large");
    let plan = dir.join("plan.json");
    let file = std::fs::File::create(&plan).expect("create");
    // Sparse: takes no space, but says it holds 1 GiB and one byte.
    file.set_len((1 << 30) + 1).expect("set_len");
    let answers = root().join("tests/plan/staged/answers.yaml");
    let (code, _, err) = mma(
        &dir,
        &[
            "runbook",
            answers.to_str().expect("utf-8"),
            "--plan",
            "plan.json",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("plan.json: larger than 1 GiB"), "{err}");
}

#[test]
fn template_overrides_and_tables_larger_than_their_caps_are_refused_unread() {
    let dir = scratch("hostile-large-overrides");
    std::fs::create_dir(dir.join("t")).expect("mkdir");
    // Sparse: no space taken, but a byte over each cap.
    let sparse = |path: &str, len: u64| {
        let file = std::fs::File::create(dir.join(path)).expect("create");
        file.set_len(len).expect("set_len");
    };
    sparse("t/runbook.md.tera", 16_000_001);
    sparse("table.csv", 64_000_001);
    let answers = root().join("tests/plan/staged/answers.yaml");
    let answers = answers.to_str().expect("utf-8");
    let (code, out, err) = mma(&dir, &["runbook", answers, "--templates", "t"]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(
        err.contains("runbook.md.tera: larger than 16 MB, the most a template may be; not read"),
        "{err}"
    );
    let (code, out, err) = mma(&dir, &["table", "check", "table.csv"]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(
        err.contains("table.csv: larger than 64 MB, the most a decision table may be"),
        "{err}"
    );
    // At the cap, a template is read (and this one, all NUL bytes, refused as not text).
    sparse("t/runbook.md.tera", 16_000_000);
    let (code, _, err) = mma(&dir, &["runbook", answers, "--templates", "t"]);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("larger than"), "{err}");
}
