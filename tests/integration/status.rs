//! `mma status` as a user runs it: export-shaped fixtures (`tests/status/`, written by
//! `tests/status/make-fixtures.py` from the plan of the README's first command) against golden
//! outputs in every format, every encoding PowerShell writes, exit codes, located errors, the
//! PowerShell it writes checked against Microsoft's cmdlet syntax, and hostile input.

use std::path::{Path, PathBuf};
use std::process::Command;

use mma::status::export::{BatchStatus, UserStatus};

use crate::support::{assert_fresh, mma, root, scratch};

const DIR: &str = "tests/status/tailspin";
const AS_OF: &str = "2026-02-24";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// `mma status` on the Tailspin fixture with `users` and `extra` arguments.
fn status(users: &str, extra: &[&str]) -> (i32, String, String) {
    status_of(&fixture(users), AS_OF, extra)
}

/// `mma status` on the Tailspin plan with the users export at `users`, as of `as_of`.
fn status_of(users: &str, as_of: &str, extra: &[&str]) -> (i32, String, String) {
    let plan = fixture("plan.json");
    let mut args = vec!["status", plan.as_str(), "--users", users, "--as-of", as_of];
    args.extend_from_slice(extra);
    mma(&root(), &args)
}

fn full(format: &str) -> (i32, String, String) {
    let batches = fixture("batches.csv");
    let statistics = fixture("statistics.csv");
    status(
        "users.csv",
        &[
            "--batches",
            &batches,
            "--statistics",
            &statistics,
            "--format",
            format,
        ],
    )
}

#[test]
fn the_report_in_every_format_matches_its_golden_file() {
    for (format, ext) in [
        ("human", "txt"),
        ("markdown", "md"),
        ("json", "json"),
        ("html", "html"),
    ] {
        let (code, out, err) = full(format);
        assert_eq!(code, 1, "{format}: failed users and a late batch: {err}");
        assert_eq!(err, "", "{format}");
        assert_fresh(
            &format!("tests/golden/status/tailspin.{ext}"),
            &out,
            "UPDATE_GOLDEN=1 cargo test --test integration status",
        );
        let (_, again, _) = full(format);
        assert_eq!(out, again, "{format}: same input, same bytes");
    }
}

#[test]
fn the_json_report_has_the_documented_shape() {
    let (_, out, _) = full("json");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let t = &v["totals"];
    for key in [
        "planned",
        "completed",
        "synced",
        "syncing",
        "failed",
        "not_started",
    ] {
        assert!(t[key].is_u64(), "totals.{key}");
    }
    assert_eq!(t["planned"], 800);
    assert_eq!(t["failed"], 5);
    assert_eq!(t["missing"], 1);
    let batches = v["batches"].as_array().expect("batches");
    assert_eq!(batches.len(), 19);
    let late: Vec<&str> = batches
        .iter()
        .filter(|b| b["state"] == "late")
        .map(|b| b["name"].as_str().expect("name"))
        .collect();
    assert_eq!(late, ["08-2026-02-18"]);
    for b in batches {
        assert!(b["name"].is_string() && b["planned"].is_u64());
    }
    let failed = v["failed"].as_array().expect("failed");
    assert_eq!(failed.len(), 5);
    for f in failed {
        assert!(f["address"].is_string() && f["batch"].is_string() && f["error"].is_string());
    }
    assert_eq!(v["unknown"][0]["address"], "newhire@tailspintoys.com");
    assert_eq!(v["missing"][0]["address"], "ydiaz@tailspintoys.com");
    assert_eq!(v["unknown_batches"][0]["name"], "test-batch");
    assert_eq!(
        v["batches"][9]["complete_command"],
        "Complete-MigrationBatch -Identity '10-2026-02-24'"
    );
    // The statistics export's full error and score decide the group.
    assert!(
        v["error_groups"]
            .as_array()
            .expect("groups")
            .iter()
            .any(|g| g["trouble"] == "skipped-items"
                && g["users"][0] == "fnakamura@tailspintoys.com")
    );
}

#[test]
fn the_fixture_holds_every_status_microsoft_lists() {
    let (_, out, _) = full("json");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let mut seen: Vec<String> = v["batches"]
        .as_array()
        .expect("batches")
        .iter()
        .flat_map(|b| b["statuses"].as_object().expect("statuses").keys().cloned())
        .collect();
    seen.sort();
    seen.dedup();
    let mut all: Vec<String> = UserStatus::ALL
        .iter()
        .map(|s| s.name().to_owned())
        .collect();
    all.sort();
    assert_eq!(seen, all);
}

#[test]
fn every_batch_status_microsoft_lists_is_read() {
    let dir = scratch("status-batch-statuses");
    let mut text = String::from(
        "\u{feff}#TYPE Microsoft.Exchange.Migration.MigrationBatch\r\n\"Status\",\"Identity\"\r\n",
    );
    for s in BatchStatus::ALL {
        text.push_str(&format!("\"{}\",\"b-{}\"\r\n", s.name(), s.name()));
    }
    text.push_str("\"Synced with errors\",\"eac-form\"\r\n");
    std::fs::write(dir.join("batches.csv"), text).expect("write");
    let batches = dir.join("batches.csv");
    let (code, out, err) = status(
        "users.csv",
        &[
            "--batches",
            batches.to_str().expect("path"),
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["warnings"].as_array().expect("warnings").len(), 0);
    assert_eq!(
        v["unknown_batches"].as_array().expect("listed").len(),
        BatchStatus::ALL.len() + 1
    );
}

#[test]
fn utf16_exports_read_as_their_utf8_twin() {
    let (_, utf8, _) = status("users.csv", &["--format", "json"]);
    for name in ["users-utf16le.csv", "users-utf16be.csv"] {
        let (code, out, err) = status(name, &["--format", "json"]);
        assert_eq!((code, err.as_str()), (1, ""), "{name}");
        assert_eq!(out, utf8, "{name}");
    }
}

#[test]
fn output_goes_to_a_file_when_asked() {
    let dir = scratch("status-output");
    let out = dir.join("status.html");
    let (code, stdout, err) = full("html");
    assert_eq!(code, 1, "{err}");
    let path = out.to_str().expect("path");
    let (code, printed, err) = status(
        "users.csv",
        &[
            "--batches",
            &fixture("batches.csv"),
            "--statistics",
            &fixture("statistics.csv"),
            "--format",
            "html",
            "-o",
            path,
        ],
    );
    assert_eq!((code, printed.as_str(), err.as_str()), (1, "", ""));
    assert_eq!(std::fs::read_to_string(&out).expect("written"), stdout);
    assert!(stdout.contains("<svg") && stdout.contains("<polyline"));
    assert!(!stdout.contains("<script"));
}

/// Writes a plan with the Tailspin plan's batches and a users export of `rows` (address,
/// batch, status) into a scratch directory; returns (plan, users).
fn scenario(name: &str, rows: &[(String, String, &str)]) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let plan = dir.join("plan.json");
    std::fs::copy(root().join(fixture("plan.json")), &plan).expect("copy");
    let mut text = String::from("Identity,BatchId,Status,ErrorSummary\n");
    for (a, b, s) in rows {
        text.push_str(&format!("{a},{b},{s},\n"));
    }
    let users = dir.join("users.csv");
    std::fs::write(&users, text).expect("write");
    (plan, users)
}

fn plan_batches() -> Vec<(String, Vec<String>, String)> {
    let plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join(fixture("plan.json"))).expect("plan"),
    )
    .expect("JSON");
    plan["batches"]
        .as_array()
        .expect("batches")
        .iter()
        .map(|b| {
            (
                b["name"].as_str().expect("name").to_owned(),
                b["members"]
                    .as_array()
                    .expect("members")
                    .iter()
                    .map(|m| m.as_str().expect("address").to_owned())
                    .collect(),
                b["sync_start"].as_str().expect("sync start").to_owned(),
            )
        })
        .collect()
}

fn run_scenario(plan: &Path, users: &Path, as_of: &str) -> (i32, String, String) {
    mma(
        &root(),
        &[
            "status",
            plan.to_str().expect("path"),
            "--users",
            users.to_str().expect("path"),
            "--as-of",
            as_of,
        ],
    )
}

#[test]
fn exit_0_when_every_started_batch_is_on_track() {
    // On 2026-02-02 the batches whose sync starts that day are syncing; nothing else is due.
    let rows: Vec<(String, String, &str)> = plan_batches()
        .into_iter()
        .filter(|(_, _, start)| start == "2026-02-02")
        .flat_map(|(name, members, _)| {
            members
                .into_iter()
                .map(move |m| (m, name.clone(), "Syncing"))
        })
        .collect();
    assert!(!rows.is_empty());
    let (plan, users) = scenario("status-on-track", &rows);
    let (code, out, err) = run_scenario(&plan, &users, "2026-02-02");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Nothing needs attention."), "{out}");
    // The same export a day after the pilot's migration day: the pilot is late.
    let (code, out, _) = run_scenario(&plan, &users, "2026-02-04");
    assert_eq!(code, 1);
    assert!(out.contains("01-pilot (2026-02-03): late"), "{out}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let (code, _, err) = status("no-such.csv", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read tests/status/tailspin/no-such.csv"),
        "{err}"
    );
    let (code, _, _) = status("users.csv", &["--format", "yaml"]);
    assert_eq!(code, 2);
    let (code, _, err) = status_of(&fixture("users.csv"), "2026-13-01", &[]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn bad_exports_are_refused_with_every_problem_located() {
    let dir = scratch("status-bad-export");
    let users = dir.join("users.csv");
    std::fs::write(
        &users,
        "#TYPE x\nIdentity,BatchId,Status\nnot-an-address,01-pilot,Synced\ndweber@tailspintoys.com,01-pilot,\n",
    )
    .expect("write");
    let (code, out, err) = status_of(users.to_str().expect("path"), AS_OF, &[]);
    assert_eq!((code, out.as_str()), (1, ""));
    let u = users.display();
    assert!(
        err.contains(&format!(
            "{u}:3: error: column `Identity`: `not-an-address` is not an email address"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{u}:4: error: column `Status`: empty; expected one of `Completed`, `CompletedWithWarnings`")),
        "{err}"
    );
    std::fs::write(&users, "Name,State\nx,y\n").expect("write");
    let (code, _, err) = status_of(users.to_str().expect("path"), AS_OF, &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no address column; expected one of `identity`"),
        "{err}"
    );
    // A status Microsoft does not list is a warning naming it and the known ones, and needs
    // attention.
    std::fs::write(
        &users,
        "Identity,BatchId,Status\ndweber@tailspintoys.com,01-pilot,Finished\n",
    )
    .expect("write");
    let (code, out, _) = status_of(users.to_str().expect("path"), "2026-02-02", &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "unknown status `Finished`, counted as needing attention; Microsoft lists `Completed`"
        ),
        "{out}"
    );
}

#[test]
fn a_plan_of_another_format_version_is_refused_located() {
    let dir = scratch("status-plan-version");
    let text = std::fs::read_to_string(root().join(fixture("plan.json"))).expect("plan");
    let plan = dir.join("plan.json");
    std::fs::write(
        &plan,
        text.replacen("\"format_version\": 1", "\"format_version\": 2", 1),
    )
    .expect("write");
    let (code, out, err) = mma(
        &root(),
        &[
            "status",
            plan.to_str().expect("path"),
            "--users",
            &fixture("users.csv"),
            "--as-of",
            AS_OF,
        ],
    );
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains(&format!("{}:2:", plan.display())) && err.contains("format"),
        "{err}"
    );
}

#[test]
fn hostile_error_texts_stay_inert() {
    let dir = scratch("status-hostile");
    let users = dir.join("users.csv");
    let huge = "x".repeat(1 << 20);
    std::fs::write(
        &users,
        format!(
            "Identity,BatchId,Status,ErrorSummary\n\
             dweber@tailspintoys.com,01-pilot,Failed,\"\u{1b}[31mred\u{202e}evil <script>alert(1)</script> `x` | y\"\n\
             achen@tailspintoys.com,01-pilot,Failed,{huge}\n"
        ),
    )
    .expect("write");
    for format in ["human", "markdown", "html", "json"] {
        let (code, out, err) = status_of(
            users.to_str().expect("path"),
            "2026-02-02",
            &["--format", format],
        );
        assert_eq!(code, 1, "{format}: {err}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{format}"
        );
        if matches!(format, "markdown" | "html") {
            assert!(!out.contains("<script>"), "{format}");
        }
        // A huge error is cut, not copied whole into every document.
        assert!(out.contains(&"x".repeat(999)), "{format}");
        assert!(!out.contains(&"x".repeat(1001)), "{format}");
    }
}

#[test]
fn a_template_override_replaces_the_report() {
    let dir = scratch("status-templates");
    std::fs::write(dir.join("status.txt.tera"), "{{ totals.failed }} failed\n").expect("write");
    let (code, out, err) = full_with_templates(&dir);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "5 failed\n", ""));
}

fn full_with_templates(dir: &Path) -> (i32, String, String) {
    status(
        "users.csv",
        &[
            "--statistics",
            &fixture("statistics.csv"),
            "--templates",
            dir.to_str().expect("path"),
        ],
    )
}

#[test]
fn every_command_fits_microsofts_cmdlet_syntax() {
    let dir = scratch("status-commands");
    let (_, md, _) = full("markdown");
    let file = dir.join("status.md");
    std::fs::write(&file, &md).expect("write");
    assert!(md.contains("```powershell\n# shell: exchange-online\n"));
    let shared = root().join("..").join("shared");
    let out = Command::new("python3")
        .arg(shared.join("tools/check_ps_commands.py"))
        .arg("--catalogue")
        .arg(shared.join("reference/cmdlets.json"))
        .arg(&file)
        .output()
        .expect("python3 runs the checker");
    let stdout = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("0 error(s), 0 warning(s)"), "{stdout}");
    for cmdlet in [
        "Get-MigrationUserStatistics",
        "Set-MigrationUser",
        "Start-MigrationBatch",
        "Start-MigrationUser",
        "Complete-MigrationBatch",
    ] {
        assert!(md.contains(&format!("\n{cmdlet} ")), "{cmdlet}");
    }
}
