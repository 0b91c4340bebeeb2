//! What every command shares: the committed completion scripts and man pages are what `mma
//! completions` and `mma man` print (and bash completes the subcommands and their flags),
//! `--color` and `NO_COLOR`/`CLICOLOR_FORCE` decide the ANSI escapes, `--quiet` keeps only the
//! product, errors and diagnostics, and the progress display reaches only a terminal's stderr.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{assert_fresh, root, scratch};

const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test --test integration cli_global";

const SHELLS: [(&str, &str); 5] = [
    ("bash", "bash"),
    ("zsh", "zsh"),
    ("fish", "fish"),
    ("powershell", "ps1"),
    ("elvish", "elv"),
];

/// Runs `mma` in the repository root with `env` set and the colour variables of the caller's
/// environment removed; returns (exit code, stdout, stderr).
fn mma_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mma"));
    cmd.args(args).current_dir(root());
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().expect("mma runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mma(args: &[&str]) -> (i32, String, String) {
    mma_env(args, &[])
}

/// `mma plan` on the shipped Tailspin example into `out`, with `extra` arguments first.
fn plan_args<'a>(out: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = extra.to_vec();
    args.extend([
        "plan",
        "examples/minimal-hybrid.yaml",
        "--inventory",
        "examples/tailspin/inventory.csv",
        "--permissions",
        "examples/tailspin/mailbox-permissions.csv",
        "--permissions",
        "examples/tailspin/send-as.csv",
        "--out",
        out,
        "--force",
    ]);
    args
}

/// Every file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn committed_completion_scripts_are_fresh() {
    for (shell, ext) in SHELLS {
        let (code, stdout, stderr) = mma(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(stdout.contains("plan"), "{shell}: {stdout}");
        assert_fresh(
            &format!("generated/completions/mma.{ext}"),
            &stdout,
            REFRESH,
        );
    }
}

#[test]
fn committed_man_pages_are_fresh() {
    let dir = scratch("man-pages");
    let out = dir.to_string_lossy().into_owned();
    let (code, _, stderr) = mma(&["man", "--out", &out]);
    assert_eq!(code, 0, "{stderr}");
    let written: Vec<String> = files(&dir)
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    for page in [
        "mma.1",
        "mma-plan.1",
        "mma-table-check.1",
        "mma-completions.1",
    ] {
        assert!(written.iter().any(|w| w == page), "{page} in {written:?}");
    }
    for name in &written {
        let text = std::fs::read_to_string(dir.join(name)).expect("page");
        assert!(text.contains(".TH "), "{name} is a man page");
        assert_fresh(&format!("generated/man/{name}"), &text, REFRESH);
    }
    if std::env::var_os("UPDATE_GOLDEN").is_none() {
        let committed: Vec<String> = files(&root().join("generated/man"))
            .iter()
            .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            committed, written,
            "generated/man holds pages mma man no longer writes; remove them and refresh with: {REFRESH}"
        );
    }
    // Without --out, mma.1 goes to stdout.
    let (code, stdout, _) = mma(&["man"]);
    assert_eq!(code, 0);
    let page = std::fs::read_to_string(dir.join("mma.1")).expect("mma.1");
    assert_eq!(stdout, page);
    assert!(stdout.contains("completions") && stdout.contains("\\-\\-quiet"));
}

/// What the bash completion offers for the words of `line` (the last one being completed).
fn bash_complete(line: &[&str]) -> Vec<String> {
    let (code, text, _) = mma(&["completions", "bash"]);
    assert_eq!(code, 0);
    let script = scratch(&format!("bash-completion-{}", line.len())).join("mma.bash");
    std::fs::write(&script, text).expect("write the script");
    let words = line
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let program = format!(
        "source '{}'\nCOMP_WORDS=({words})\nCOMP_CWORD={}\n_mma mma '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        line.len() - 1,
        line[line.len() - 1],
        line[line.len().saturating_sub(2)],
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_subcommands_and_their_flags() {
    let offered = bash_complete(&["mma", ""]);
    for sub in [
        "init",
        "validate",
        "recommend",
        "plan",
        "runbook",
        "table",
        "completions",
        "man",
        "--color",
        "--quiet",
    ] {
        assert!(offered.iter().any(|o| o == sub), "{sub} in {offered:?}");
    }
    let offered = bash_complete(&["mma", "plan", "--"]);
    for flag in [
        "--inventory",
        "--permissions",
        "--out",
        "--force",
        "--link",
        "--hub-threshold",
        "--templates",
        "--color",
        "--quiet",
    ] {
        assert!(offered.iter().any(|o| o == flag), "{flag} in {offered:?}");
    }
    assert!(!offered.iter().any(|o| o == "--draft"), "{offered:?}");
    let offered = bash_complete(&["mma", "completions", ""]);
    let shells: Vec<&str> = offered
        .iter()
        .map(String::as_str)
        .filter(|o| !o.starts_with('-'))
        .collect();
    assert_eq!(shells, ["bash", "zsh", "fish", "powershell", "elvish"]);
}

const ESC: char = '\u{1b}';

#[test]
fn color_always_colours_pipes_and_never_or_no_color_does_not() {
    let dir = scratch("colour");
    let inventory = dir.join("inventory.csv");
    std::fs::write(&inventory, "Name,Size\nx,1\n").expect("write");
    let inventory = inventory.to_string_lossy().into_owned();
    let out = dir.join("plan").to_string_lossy().into_owned();
    let bad_plan = [
        "plan",
        "examples/minimal-hybrid.yaml",
        "--inventory",
        &inventory,
        "--out",
        &out,
    ];
    let cases: [(&[&str], &str); 6] = [
        // clap's own help, on stdout
        (&["plan", "--help"], "stdout"),
        // clap's own errors, on stderr
        (&["plan"], "stderr"),
        // mma's errors, on stderr
        (&["recommend", "missing.yaml"], "stderr"),
        // answer-file diagnostics on stderr
        (&["recommend", "tests/invalid/bad-date.yaml"], "stderr"),
        // a plan's input errors, on stderr
        (&bad_plan, "stderr"),
        // table diagnostics on stdout
        (&["table", "check", "tests/golden/table/gaps.csv"], "stdout"),
    ];
    for (args, stream) in cases {
        let pick =
            |(_, out, err): (i32, String, String)| if stream == "stdout" { out } else { err };
        let with = |flag: &[&str], env: &[(&str, &str)]| {
            let mut all = flag.to_vec();
            all.extend_from_slice(args);
            pick(mma_env(&all, env))
        };
        let always = with(&["--color", "always"], &[]);
        assert!(always.contains(ESC), "{args:?} --color always: {always}");
        let after = {
            let mut all = args.to_vec();
            all.extend(["--color=always"]);
            pick(mma_env(&all, &[]))
        };
        assert!(after.contains(ESC), "{args:?} --color=always last: {after}");
        let never = with(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]);
        assert!(!never.contains(ESC), "{args:?} --color never: {never}");
        let auto = with(&[], &[]);
        assert!(!auto.contains(ESC), "{args:?} auto into a pipe: {auto}");
        let no_color = with(&[], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]);
        assert!(!no_color.contains(ESC), "{args:?} NO_COLOR=1: {no_color}");
        let forced = with(&[], &[("CLICOLOR_FORCE", "1")]);
        assert!(forced.contains(ESC), "{args:?} CLICOLOR_FORCE=1: {forced}");
        let flag_wins = with(&["--color", "always"], &[("NO_COLOR", "1")]);
        assert!(
            flag_wins.contains(ESC),
            "{args:?} --color always over NO_COLOR"
        );
    }
}

#[test]
fn quiet_keeps_the_product_errors_and_exit_codes() {
    let dir = scratch("quiet");
    let out = dir.join("plan").to_string_lossy().into_owned();
    let (code, stdout, stderr) = mma(&plan_args(&out, &[]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("batch"),
        "the summary without --quiet: {stdout}"
    );
    for quiet in ["--quiet", "-q"] {
        let (code, stdout, stderr) = mma(&plan_args(&out, &[quiet]));
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stdout, "", "{quiet}: no summary");
        assert!(
            Path::new(&out).join("plan.json").is_file(),
            "{quiet}: the plan is still written"
        );
    }
    // After the subcommand too, and the product is still printed.
    let (code, stdout, _) = mma(&["recommend", "examples/minimal-hybrid.yaml", "-q"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("modern-slow"), "{stdout}");
    let (code, stdout, _) = mma(&["-q", "schema"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("\"$schema\""));
    let (code, stdout, _) = mma(&["-q", "completions", "fish"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("complete -c mma"));
    // The `wrote …` line of templates export goes; the files are written.
    let templates = dir.join("templates").to_string_lossy().into_owned();
    let (code, stdout, _) = mma(&["templates", "export", &templates]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("wrote "), "{stdout}");
    let (code, stdout, _) = mma(&["-q", "templates", "export", &templates, "--force"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    // Errors and diagnostics still reach stderr, with the same exit codes.
    let (code, _, stderr) = mma(&["-q", "recommend", "missing.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("mma: error: cannot read missing.yaml"),
        "{stderr}"
    );
    let (code, _, stderr) = mma(&["-q", "recommend", "tests/invalid/bad-date.yaml"]);
    let (loud_code, _, loud) = mma(&["recommend", "tests/invalid/bad-date.yaml"]);
    assert_eq!((code, stderr), (loud_code, loud));
}

/// The plan's inputs hold no trace of the progress display: no stage line, no spinner, no
/// escape sequence.
fn assert_no_progress(what: &str, text: &str) {
    for trace in [
        "mma plan: planning",
        "checking the inventory",
        "KiB",
        "\u{1b}[",
    ] {
        assert!(!text.contains(trace), "{what} holds `{trace}`: {text}");
    }
}

#[test]
fn progress_reaches_neither_stdout_nor_files_nor_a_piped_stderr() {
    let dir = scratch("progress");
    let out = dir.join("plan").to_string_lossy().into_owned();
    let (code, stdout, stderr) = mma(&plan_args(&out, &[]));
    assert_eq!(code, 0, "{stderr}");
    assert_no_progress("stdout", &stdout);
    assert_no_progress("stderr (a pipe)", &stderr);
    for file in files(Path::new(&out)) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).expect("read")).into_owned();
        assert_no_progress(&file.display().to_string(), &text);
    }
}

#[test]
fn progress_is_drawn_on_a_terminal_s_stderr_only() {
    // `script` runs the command on a pseudo-terminal; stdout is redirected to a file inside it.
    let dir = scratch("progress-tty");
    let out = dir.join("plan").to_string_lossy().into_owned();
    let stdout_file = dir.join("stdout.txt");
    let run = |extra: &[&str]| {
        let mut words = vec![env!("CARGO_BIN_EXE_mma").to_owned()];
        words.extend(plan_args(&out, extra).iter().map(|a| (*a).to_owned()));
        let line = format!(
            "{} > '{}'",
            words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" "),
            stdout_file.display()
        );
        let log = dir.join("terminal.log");
        let status = Command::new("script")
            .args(["-qec", &line])
            .arg(&log)
            .current_dir(root())
            .env("TERM", "xterm")
            .output()
            .expect("script (util-linux) runs");
        assert!(status.status.success(), "{status:?}");
        (
            std::fs::read_to_string(&stdout_file).expect("stdout"),
            String::from_utf8_lossy(&std::fs::read(&log).expect("log")).into_owned(),
        )
    };
    let (stdout, terminal) = run(&[]);
    assert!(terminal.contains("mma plan: planning"), "{terminal}");
    assert!(stdout.contains("batch"), "{stdout}");
    assert_no_progress("stdout", &stdout);
    for file in files(Path::new(&out)) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).expect("read")).into_owned();
        assert_no_progress(&file.display().to_string(), &text);
    }
    let (stdout, terminal) = run(&["--quiet"]);
    assert_eq!(stdout, "");
    assert_no_progress("the terminal with --quiet", &terminal);
}
