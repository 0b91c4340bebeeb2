//! Hostile and real-world input, data-driven: every file under `tests/hostile/<kind>/` runs
//! through `mma` with the exit status and message substrings its `.expected` sidecar names, and
//! large or special inputs (deep nesting, big files, symlink loops, FIFOs, unreadable entries)
//! are generated here and checked the same way. On every case the output holds no raw terminal
//! control character and no panic, and the run ends within a time limit.
//!
//! A sidecar holds `# comments` and one directive a line:
//! - `args: …` the arguments, split on spaces (default `validate {file}`, `table check {file}`
//!   under `table/`); `{file}` is the case, `{root}` the repository, `{out}` a fresh directory
//!   path, `{as-dir:NAME}` a fresh directory holding the case as `NAME`;
//! - `exit: N` the exit status;
//! - `contains: TEXT` and `not-contains: TEXT`, on standard output and error together;
//! - `raw: allowed` for data output (JSON), which may hold bidirectional characters as they are.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::support::{root, scratch};

/// The longest any case may take, in a debug build on a busy machine.
const TIME_LIMIT: Duration = Duration::from_secs(180);

/// What a case expects.
#[derive(Debug, Default)]
struct Expected {
    args: Option<String>,
    exit: Option<i32>,
    contains: Vec<String>,
    not_contains: Vec<String>,
    /// The output is data (JSON), where bidirectional characters stay as they are.
    raw_allowed: bool,
}

fn parse_expected(text: &str) -> Expected {
    let mut e = Expected::default();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("not `key: value`: {line}"));
        match key {
            "args" => e.args = Some(value.to_owned()),
            "exit" => e.exit = Some(value.parse().expect("an exit status")),
            "contains" => e.contains.push(value.to_owned()),
            "not-contains" => e.not_contains.push(value.to_owned()),
            "raw" => e.raw_allowed = value == "allowed",
            other => panic!("unknown directive `{other}`"),
        }
    }
    e
}

/// A fresh directory for one case.
fn fresh(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    scratch(&format!(
        "hostile-{tag}-{}",
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Runs `mma` with `args` and no standard input, killing it past [`TIME_LIMIT`]; returns the
/// exit status and standard output and error together.
fn run(args: &[String], dir: &Path) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mma"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mma runs");
    let start = Instant::now();
    // Read both pipes on threads, so a large output cannot block the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut buf);
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut buf);
        buf
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("mma {args:?} ran longer than {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut text = out.join().expect("stdout thread");
    text.extend(err.join().expect("stderr thread"));
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&text).into_owned(),
    )
}

/// Expands the placeholders of `args` for the case at `file`.
fn expand(args: &str, file: &Path) -> Vec<String> {
    args.split(' ')
        .map(|a| {
            if let Some(name) = a.strip_prefix("{as-dir:").and_then(|n| n.strip_suffix('}')) {
                let dir = fresh("as-dir");
                std::fs::copy(file, dir.join(name)).expect("copy the case");
                return dir.display().to_string();
            }
            a.replace("{file}", &file.display().to_string())
                .replace("{root}", &root().display().to_string())
                .replace("{out}", &fresh("out").join("plan").display().to_string())
        })
        .collect()
}

/// Runs one case and returns what is wrong with it, if anything.
fn check(name: &str, args: &[String], dir: &Path, e: &Expected) -> Option<String> {
    let (code, output) = run(args, dir);
    let mut problems = Vec::new();
    if let Some(want) = e.exit
        && code != want
    {
        problems.push(format!("exit {code}, expected {want}"));
    }
    for c in &e.contains {
        if !output.contains(c.as_str()) {
            problems.push(format!("no `{c}`"));
        }
    }
    for c in &e.not_contains {
        if output.contains(c.as_str()) {
            problems.push(format!("has `{c}`"));
        }
    }
    if output.contains("panicked") || output.contains("stack overflow") {
        problems.push("a panic".to_owned());
    }
    // No case prints a raw terminal control; only data formats keep bidirectional characters.
    if let Some(c) = output.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\n' | '\t'))
            || (!e.raw_allowed && matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    }) {
        problems.push(format!("the raw character U+{:04X}", u32::from(c)));
    }
    if problems.is_empty() {
        None
    } else {
        let cut: String = output.chars().take(3000).collect();
        Some(format!(
            "{name} (mma {}): {}\n--- output ---\n{cut}",
            args.join(" "),
            problems.join("; ")
        ))
    }
}

/// Runs every committed case; returns (cases run, failures).
fn committed_cases() -> (usize, Vec<String>) {
    let base = root().join("tests/hostile");
    let mut kinds: Vec<PathBuf> = std::fs::read_dir(&base)
        .expect("tests/hostile")
        .map(|e| e.expect("entry").path())
        // `tests/hostile/plan/` holds directory cases with a `case` file: `hostile_plan` runs them.
        .filter(|p| p.is_dir() && !p.ends_with("plan"))
        .collect();
    kinds.sort();
    let (mut run_count, mut failures) = (0, Vec::new());
    for kind in kinds {
        let default_args = if kind.ends_with("table") {
            "table check {file}"
        } else {
            "validate {file}"
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&kind)
            .expect("a case directory")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_none_or(|x| x != "expected"))
            .collect();
        files.sort();
        for file in files {
            let sidecar = PathBuf::from(format!("{}.expected", file.display()));
            let text = std::fs::read_to_string(&sidecar)
                .unwrap_or_else(|_| panic!("{} has no .expected sidecar", file.display()));
            let e = parse_expected(&text);
            assert!(
                e.exit.is_some(),
                "{} names no exit status",
                sidecar.display()
            );
            let args = expand(e.args.as_deref().unwrap_or(default_args), &file);
            let name = file
                .strip_prefix(&base)
                .unwrap_or(&file)
                .display()
                .to_string();
            run_count += 1;
            failures.extend(check(&name, &args, &fresh("cwd"), &e));
        }
    }
    (run_count, failures)
}

#[test]
fn every_committed_hostile_input_gets_its_expected_answer() {
    let (count, failures) = committed_cases();
    assert!(count >= 35, "only {count} committed cases");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A generated case: files to write in a fresh directory, the arguments, what to expect.
struct Generated {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: Vec<&'static str>,
    expected: Expected,
}

fn expect(exit: i32, contains: &[&str]) -> Expected {
    Expected {
        exit: Some(exit),
        contains: contains.iter().map(|s| (*s).to_owned()).collect(),
        ..Expected::default()
    }
}

fn run_generated(cases: Vec<Generated>) {
    let mut failures = Vec::new();
    for case in cases {
        let dir = fresh(case.name);
        for (name, bytes) in &case.files {
            std::fs::write(dir.join(name), bytes).expect("write a generated file");
        }
        let args: Vec<String> = case.args.iter().map(|a| (*a).to_owned()).collect();
        failures.extend(check(case.name, &args, &dir, &case.expected));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

const VALID: &str = "version: 1\norganization: Contoso\nsource: exchange_2016\nmailboxes: 300\n\
                     timeline: weeks\nmanage_users_on_premises: false\ncoexistence: false\n";

#[test]
fn deep_nesting_is_refused_with_its_place_by_every_command() {
    // 12,000 nested block sequences (about 25 KB), and as many `? ` complex keys: each overflowed
    // the stack before nesting was bounded.
    let sequences = format!("{}x\n", "- ".repeat(12_000)).into_bytes();
    let keys = format!("{}x\n", "? ".repeat(12_000)).into_bytes();
    let json = format!("{}{}", "[".repeat(12_000), "]".repeat(12_000)).into_bytes();
    let toml = format!("a = {}{}\n", "[".repeat(12_000), "]".repeat(12_000)).into_bytes();
    let inline = format!("a = {}1{}\n", "{b = ".repeat(12_000), "}".repeat(12_000)).into_bytes();
    let too_deep = "deep.yaml:1:257: error[syntax]: YAML syntax: lists and mappings nested more than 128 levels deep";
    let mut cases = Vec::new();
    for (name, args) in [
        ("validate", vec!["validate", "deep.yaml"]),
        ("recommend", vec!["recommend", "deep.yaml"]),
        ("convert", vec!["convert", "deep.yaml", "--to", "json"]),
        (
            "plan",
            vec![
                "plan",
                "deep.yaml",
                "--inventory",
                "inventory.csv",
                "--out",
                "out",
            ],
        ),
        ("runbook", vec!["runbook", "deep.yaml"]),
    ] {
        cases.push(Generated {
            name,
            files: vec![
                ("deep.yaml", sequences.clone()),
                (
                    "inventory.csv",
                    b"PrimarySmtpAddress\na@contoso.com\n".to_vec(),
                ),
            ],
            args,
            expected: expect(1, &[too_deep]),
        });
    }
    cases.push(Generated {
        name: "complex-keys",
        files: vec![("deep.yaml", keys)],
        args: vec!["validate", "deep.yaml"],
        expected: expect(1, &[too_deep]),
    });
    cases.push(Generated {
        name: "json",
        files: vec![("deep.json", json)],
        args: vec!["validate", "deep.json"],
        expected: expect(
            1,
            &["deep.json:1:128: error[syntax]: JSON syntax: recursion limit exceeded"],
        ),
    });
    cases.push(Generated {
        name: "toml-arrays",
        files: vec![("deep.toml", toml)],
        args: vec!["validate", "deep.toml"],
        expected: expect(1, &["deep.toml:1:", "error[syntax]: TOML syntax"]),
    });
    cases.push(Generated {
        name: "toml-tables",
        files: vec![("deep.toml", inline)],
        args: vec!["recommend", "deep.toml"],
        expected: expect(1, &["deep.toml:1:", "error[syntax]: TOML syntax"]),
    });
    // Within the limit, nesting is read (and refused by the schema, not the reader).
    cases.push(Generated {
        name: "within-the-limit",
        files: vec![(
            "ok.yaml",
            format!("{VALID}x: {}1{}\n", "[".repeat(120), "]".repeat(120)).into_bytes(),
        )],
        args: vec!["validate", "ok.yaml"],
        expected: expect(1, &["ok.yaml:8:1: error[unknown-field]: unknown field `x`"]),
    });
    run_generated(cases);
}

#[test]
fn large_inputs_are_refused_or_read_in_linear_time() {
    // Over 10 MB: refused before it is parsed, naming the file and the limit.
    let mut big = VALID.as_bytes().to_vec();
    big.extend(format!("# {}\n", "x".repeat(10_000_000)).into_bytes());
    // A 690 KB TOML file with one value per line and one long line: locations are found by
    // binary search over line starts (this took 75 s when each was counted from the start).
    let mut toml = String::from("version = 1\n[x]\n");
    let mut i = 0;
    while toml.len() < 400_000 {
        toml.push_str(&format!("k{i} = {i}\n"));
        i += 1;
    }
    toml.push_str("y = [");
    toml.push_str(&vec!["0"; 145_000].join(","));
    toml.push_str("]\n");
    // A 9 MB JSON list of addresses: read, checked and refused for its unknown field.
    let mut json = String::from("{\"version\": 1, \"pilot_list\": [");
    json.push_str(
        &(0..300_000)
            .map(|i| format!("\"user{i}@contoso.com\""))
            .collect::<Vec<_>>()
            .join(", "),
    );
    json.push_str("]}\n");
    run_generated(vec![
        Generated {
            name: "over-10-mb",
            files: vec![("big.yaml", big.clone())],
            args: vec!["validate", "big.yaml"],
            expected: expect(
                1,
                &[
                    "big.yaml:1:1: error[too-large]: larger than 10 MB, the most an answer file may be",
                ],
            ),
        },
        Generated {
            name: "over-10-mb-recommend",
            files: vec![("big.yaml", big)],
            args: vec!["recommend", "big.yaml"],
            expected: expect(
                1,
                &["error[too-large]", "big.yaml is not a valid answer file"],
            ),
        },
        Generated {
            name: "long-toml",
            files: vec![("long.toml", toml.into_bytes())],
            args: vec!["validate", "long.toml"],
            expected: expect(
                1,
                &["long.toml:2:2: error[unknown-field]: unknown field `x`"],
            ),
        },
        Generated {
            name: "big-json",
            files: vec![("big.json", json.into_bytes())],
            args: vec!["validate", "big.json"],
            expected: expect(
                1,
                &["big.json:1:16: error[unknown-field]: unknown field `pilot_list`"],
            ),
        },
    ]);
}

#[test]
fn a_huge_enum_is_checked_in_near_linear_time() {
    // 80,000 values, one rule per value but every other one: one gap, named briefly.
    let n = 80_000;
    let values: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
    let mut csv = format!(
        "@hit_policy,unique\n@input,x,{},X\n@output,p,a|b,P\nid,x,p\n",
        values.join("|")
    );
    for (i, v) in values.iter().enumerate().step_by(2) {
        csv.push_str(&format!("r{i},{v},a\n"));
    }
    let mut all = format!(
        "@hit_policy,first\n@input,x,{},X\n@input,y,bool,Y\n@output,p,a|b,P\nid,x,y,p\n",
        values.join("|")
    );
    for (i, v) in values.iter().enumerate() {
        all.push_str(&format!("r{i},{v},*,a\n"));
    }
    all.push_str("last,*,*,b\n");
    let one_cell = format!(
        "@hit_policy,unique\n@input,x,{},X\n@output,p,a|b,P\nid,x,p\nr1,{}|v0,a\n",
        values.join("|"),
        values.join("|")
    );
    run_generated(vec![
        Generated {
            name: "gaps",
            files: vec![("t.csv", csv.into_bytes())],
            args: vec!["table", "check", "t.csv"],
            expected: expect(
                1,
                &["error[gap]: no rule matches x=v1|v3|v5|", "and 39960 more"],
            ),
        },
        Generated {
            name: "unreachable",
            files: vec![("t.csv", all.into_bytes())],
            args: vec!["table", "check", "t.csv"],
            expected: expect(
                1,
                &[
                    "rule `last` can never fire",
                    "and 79980 more together match",
                ],
            ),
        },
        Generated {
            name: "repeated-value",
            files: vec![("t.csv", one_cell.into_bytes())],
            args: vec!["table", "check", "t.csv"],
            expected: expect(1, &["`v0` repeats values already listed in this cell"]),
        },
    ]);
}

#[cfg(unix)]
#[test]
fn directory_walks_survive_loops_fifos_and_unreadable_entries() {
    use std::os::unix::fs::symlink;

    let dir = fresh("walk");
    let tree = dir.join("answers");
    std::fs::create_dir_all(tree.join("a/b")).expect("dirs");
    std::fs::write(tree.join("a/one.yaml"), VALID).expect("write");
    std::fs::write(tree.join("a/b/two.yaml"), "version: 2\n").expect("write");
    std::fs::write(tree.join("z.yaml"), VALID).expect("write");
    // A loop back to an ancestor, a link to itself, a dangling link named like an answer file.
    symlink("..", tree.join("a/b/up")).expect("symlink");
    symlink("self.yaml", tree.join("self.yaml")).expect("symlink");
    symlink("nowhere", tree.join("m-dangling.yaml")).expect("symlink");
    // A FIFO named like an answer file: reading it would block for ever.
    let fifo = tree.join("n-pipe.yaml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    // A directory that cannot be listed (as root, it can: then it is searched).
    let locked = tree.join("locked");
    std::fs::create_dir(&locked).expect("dir");
    std::fs::write(locked.join("three.yaml"), VALID).expect("write");
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let listable = std::fs::read_dir(&locked).is_ok();

    let (code, output) = run(&["validate".to_owned(), "answers".to_owned()], &dir);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(code, 2, "{output}");
    for want in [
        "answers/a/b/two.yaml:1:10: error[version]",
        "a directory already searched (a symbolic link loop",
        "cannot read answers/m-dangling.yaml",
        "cannot read answers/self.yaml",
    ] {
        assert!(output.contains(want), "no `{want}` in:\n{output}");
    }
    if made {
        assert!(
            output.contains("answers/n-pipe.yaml: a named pipe (FIFO); skipped"),
            "{output}"
        );
    }
    if listable {
        assert!(
            output.contains("6 files: 3 valid, 1 invalid, 2 unreadable"),
            "{output}"
        );
    } else {
        assert!(
            output.contains("cannot read directory answers/locked"),
            "{output}"
        );
        assert!(
            output.contains("6 files: 2 valid, 1 invalid, 3 unreadable"),
            "{output}"
        );
    }
    // The file after the unreadable entries was still checked, and the output is the same twice.
    let (_, again) = run(&["validate".to_owned(), "answers".to_owned()], &dir);
    assert_eq!(output, again);

    // Templates: a FIFO named like a template is skipped, the rest is read.
    let templates = dir.join("templates");
    std::fs::create_dir(&templates).expect("dir");
    std::fs::write(
        templates.join("runbook.md.tera"),
        "custom {{ organization }}\n",
    )
    .expect("write");
    let made = Command::new("mkfifo")
        .arg(templates.join("communications.md.tera"))
        .status()
        .is_ok_and(|s| s.success());
    let example = root().join("examples/imap.yaml").display().to_string();
    let (code, output) = run(
        &[
            "runbook".to_owned(),
            example,
            "--templates".to_owned(),
            "templates".to_owned(),
        ],
        &dir,
    );
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("custom "), "{output}");
    if made {
        assert!(output.contains("communications.md.tera: not a regular file; skipped"));
    }
}

#[test]
fn schema_reference_and_file_names_cannot_inject() {
    let dir = fresh("inject");
    let (code, output) = run(
        &[
            "init",
            "--non-interactive",
            "-o",
            "a.yaml",
            "--schema-ref",
            "x\nversion: 2",
            "--organization",
            "Contoso",
            "--source",
            "exchange_2016",
            "--mailboxes",
            "300",
            "--timeline",
            "weeks",
            "--manage-users-on-premises",
            "false",
            "--coexistence",
            "false",
        ]
        .map(str::to_owned),
        &dir,
    );
    assert_eq!(code, 2, "{output}");
    assert!(output.contains("a schema reference is a URL or a path on one line"));
    assert!(!dir.join("a.yaml").exists());
    // A table whose file name holds a line break: the generated comments stay comments.
    #[cfg(unix)]
    {
        let name = "t\nfn injected() {}\n.csv";
        std::fs::copy(root().join("decision-table.csv"), dir.join(name)).expect("copy");
        let out = Command::new(env!("CARGO_BIN_EXE_mma"))
            .args(["table", "codegen", name])
            .current_dir(&dir)
            .output()
            .expect("mma runs");
        assert!(out.status.success());
        let code = String::from_utf8_lossy(&out.stdout);
        assert!(
            code.contains("// from t\\u{a}fn injected() {}\\u{a}.csv."),
            "{code}"
        );
        assert!(
            !code.lines().any(|l| l.starts_with("fn injected")),
            "{code}"
        );
    }
}
