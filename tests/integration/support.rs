//! Shared test helpers: paths, running the binary, and comparing with committed files.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped decision table's text.
pub fn shipped_csv() -> String {
    std::fs::read_to_string(root().join("decision-table.csv"))
        .expect("decision-table.csv is readable")
}

/// The 1-based line of the shipped table that starts with `prefix`.
pub fn line_of(prefix: &str) -> usize {
    shipped_csv()
        .lines()
        .position(|l| l.starts_with(prefix))
        .expect("rule exists")
        + 1
}

/// Runs `mma` with `args` in `dir`; returns (exit code, stdout, stderr).
pub fn mma(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mma"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("mma runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh empty directory under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root()
        .join("target")
        .join("test-scratch")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Compares `actual` with the committed file at `path` (relative to the root). With
/// `UPDATE_GOLDEN=1` the file is rewritten instead. On a mismatch the test fails with the first
/// differing line and the command that refreshes the file.
pub fn assert_fresh(path: &str, actual: &str, refresh: &str) {
    let file = root().join(path);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).expect("create directory");
        }
        std::fs::write(&file, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&file).unwrap_or_default();
    if expected == actual {
        return;
    }
    let (line, want, got) = expected
        .lines()
        .chain(std::iter::repeat("<end of file>"))
        .zip(actual.lines().chain(std::iter::repeat("<end of output>")))
        .enumerate()
        .find(|(_, (e, a))| e != a)
        .map_or((0, "", ""), |(i, (e, a))| (i + 1, e, a));
    panic!(
        "{path} is stale (first difference at line {line}):\n  committed: {want}\n  current:   {got}\n\
         refresh it with: {refresh}"
    );
}

/// The rustc cargo runs the tests with.
pub fn rustc() -> String {
    std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned())
}

/// Compiles `code` as a library with rustc (metadata only) in `dir`; returns (success, stderr).
pub fn rustc_check(dir: &Path, code: &str) -> (bool, String) {
    let file = dir.join("generated.rs");
    std::fs::write(&file, code).expect("write code");
    let out = Command::new(rustc())
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--emit=metadata",
        ])
        .args(["--crate-name", "probe", "-o"])
        .arg(dir.join("probe.rmeta"))
        .arg(&file)
        .output()
        .expect("rustc runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
