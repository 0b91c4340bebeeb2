//! `mma plan --previous OLD/plan.json --as-of DATE` end to end: the shipped example planned,
//! then re-planned after mailboxes left, joined (some linked to mailboxes already in other
//! batches) and new links appeared; goldens of `changes.md` and `plan.json`'s `changes`; kept
//! batches and frozen batches checked; byte-identical reruns; refusals of a previous plan of
//! another organisation, another path, a newer format or a malformed file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{assert_fresh, mma, root, scratch};

const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test --test integration replan";

const EXPORTS: [&str; 4] = [
    "examples/tailspin/mailbox-permissions.csv",
    "examples/tailspin/send-as.csv",
    "examples/tailspin/calendar-permissions.csv",
    "examples/tailspin/send-on-behalf.csv",
];

/// Mailboxes that leave: one of a frozen batch, three of open ones (one of a full batch).
const GONE: [&str; 4] = [
    "bpatel@tailspintoys.com",
    "aivanova@tailspintoys.com",
    "akowalski@tailspintoys.com",
    "aevans@tailspintoys.com",
];

/// New mailboxes: (alias, size) in the inventory's `Get-MailboxStatistics` form.
const JOINERS: [(&str, &str); 5] = [
    ("newhire1", "1.000 GB (1,073,741,824 bytes)"),
    ("newhire2", "2.000 GB (2,147,483,648 bytes)"),
    ("newhire3", "512.000 MB (536,870,912 bytes)"),
    ("newhire4", "3.000 GB (3,221,225,472 bytes)"),
    ("records", "150.000 GB (161,061,273,600 bytes)"),
];

/// New links (`Mailbox,Delegate,Right`): newhire1 with a member of an open batch with room, newhire2
/// with one of a frozen batch, newhire4 with one of a full batch, and two mailboxes already in
/// different batches.
const NEW_LINKS: &str = "Mailbox,Delegate,Right\n\
    adiaz3@tailspintoys.com,newhire1@tailspintoys.com,FullAccess\n\
    bjones@tailspintoys.com,newhire2@tailspintoys.com,FullAccess\n\
    adiaz@tailspintoys.com,newhire4@tailspintoys.com,SendAs\n\
    ahughes@tailspintoys.com,achen@tailspintoys.com,FullAccess\n";

const AS_OF: &str = "2026-02-20";

/// The batches of `plan` that start (sync, for the example's hybrid path) before [`AS_OF`].
fn frozen(plan: &serde_json::Value) -> Vec<serde_json::Value> {
    plan["batches"]
        .as_array()
        .expect("batches")
        .iter()
        .filter(|b| b["sync_start"].as_str().is_some_and(|s| s < AS_OF))
        .map(|b| b["name"].clone())
        .collect()
}

/// Runs `mma plan` on the example's answers with `inventory`, its exports and `extra`.
fn plan(inventory: &str, extra: &[&str], out: &Path) -> (i32, String, String) {
    let out = out.to_str().expect("utf-8");
    let mut args = vec![
        "plan",
        "examples/minimal-hybrid.yaml",
        "--inventory",
        inventory,
    ];
    for e in EXPORTS {
        args.extend(["--permissions", e]);
    }
    args.extend(extra);
    args.extend(["--out", out, "--force"]);
    mma(&root(), &args)
}

/// The example planned once, into `dir/old`.
fn first_plan(dir: &Path) -> PathBuf {
    let old = dir.join("old");
    let (code, _, stderr) = plan("examples/tailspin/inventory.csv", &[], &old);
    assert_eq!(code, 0, "{stderr}");
    old
}

/// The example's inventory less [`GONE`], with [`JOINERS`], and the new links; their paths.
fn changed_inputs(dir: &Path) -> (String, String) {
    let text =
        std::fs::read_to_string(root().join("examples/tailspin/inventory.csv")).expect("inventory");
    let mut out: String = text
        .lines()
        .filter(|l| !GONE.iter().any(|g| l.contains(&format!("\"{g}\""))))
        .map(|l| format!("{l}\r\n"))
        .collect();
    for (alias, size) in JOINERS {
        out.push_str(&format!(
            "\"New {alias}\",\"New {alias}\",\"{alias}\",\"{alias}\",\"{alias}@tailspintoys.com\",\"UserMailbox\",\"MBX-DB05\",\"{size}\",\"100\",\"\"\r\n"
        ));
    }
    let inventory = dir.join("inventory.csv");
    std::fs::write(&inventory, out).expect("write inventory");
    let links = dir.join("new-links.csv");
    std::fs::write(&links, NEW_LINKS).expect("write links");
    (
        inventory.to_str().expect("utf-8").to_owned(),
        links.to_str().expect("utf-8").to_owned(),
    )
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("plan.json")).expect("json")
}

/// Batch name of each member, and each batch's (members, date, sync start) by name.
type Batches = (
    BTreeMap<String, String>,
    BTreeMap<String, (Vec<String>, serde_json::Value, serde_json::Value)>,
);

fn batches(plan: &serde_json::Value) -> Batches {
    let mut of = BTreeMap::new();
    let mut by_name = BTreeMap::new();
    for b in plan["batches"].as_array().expect("batches") {
        let name = b["name"].as_str().expect("name").to_owned();
        let members: Vec<String> = b["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|m| m.as_str().expect("address").to_owned())
            .collect();
        for m in &members {
            of.insert(m.clone(), name.clone());
        }
        by_name.insert(name, (members, b["date"].clone(), b["sync_start"].clone()));
    }
    (of, by_name)
}

#[test]
fn replan_keeps_every_mailbox_in_its_batch_and_reports_the_changes() {
    let dir = scratch("replan");
    let old = first_plan(&dir);
    let (inventory, links) = changed_inputs(&dir);
    let new = dir.join("new");
    let previous = old.join("plan.json");
    let previous = previous.to_str().expect("utf-8");
    let extra = [
        "--permissions",
        &links,
        "--previous",
        previous,
        "--as-of",
        AS_OF,
    ];
    let (code, stdout, stderr) = plan(&inventory, &extra, &new);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("changes.md"), "{stdout}");
    let changes_md = std::fs::read_to_string(new.join("changes.md")).expect("changes.md");
    assert_fresh("tests/golden/replan/changes.md", &changes_md, REFRESH);
    let now = json(&new.join("plan.json"));
    let changes = serde_json::to_string_pretty(&now["changes"]).expect("json") + "\n";
    assert_fresh("tests/golden/replan/changes.json", &changes, REFRESH);

    let (old_of, old_batches) = batches(&json(&old.join("plan.json")));
    let (new_of, new_batches) = batches(&now);
    // Every mailbox still in the inventory is in the batch of the same name.
    for (m, b) in &old_of {
        if !GONE.contains(&m.as_str()) {
            assert_eq!(new_of.get(m), Some(b), "{m} moved");
        }
    }
    // Batches started before the day (sync start, for hybrid) keep their members and dates.
    let mut frozen = 0;
    for (name, (members, date, sync)) in &old_batches {
        let start = sync.as_str().or(date.as_str()).expect("scheduled");
        let (now_members, now_date, now_sync) = &new_batches[name];
        assert_eq!((now_date, now_sync), (date, sync), "{name}: dates changed");
        if start < AS_OF {
            frozen += 1;
            let kept: Vec<&String> = members
                .iter()
                .filter(|m| !GONE.contains(&m.as_str()))
                .collect();
            assert_eq!(now_members.iter().collect::<Vec<_>>(), kept, "{name}");
        }
    }
    assert_eq!(frozen, 12);
    // New batches come after the last, numbered on.
    let names: Vec<&str> = now["batches"]
        .as_array()
        .expect("batches")
        .iter()
        .map(|b| b["name"].as_str().expect("name"))
        .collect();
    assert!(names.len() > old_batches.len());
    assert!(names[old_batches.len()].starts_with("20-"), "{names:?}");
    // The new link between mailboxes already in different batches is broken, not mended.
    let csv = std::fs::read_to_string(new.join("broken-links.csv")).expect("csv");
    assert!(
        csv.lines().any(|l| l.starts_with(
            "ahughes@tailspintoys.com,achen@tailspintoys.com,full-access,13,11,previous-plan,"
        )),
        "{csv}"
    );

    // Same inputs, same bytes.
    let again = dir.join("again");
    let (code, _, stderr) = plan(&inventory, &extra, &again);
    assert_eq!(code, 0, "{stderr}");
    for file in ["changes.md", "plan.json", "plan.md", "broken-links.csv"] {
        assert_eq!(
            std::fs::read(new.join(file)).expect("first"),
            std::fs::read(again.join(file)).expect("second"),
            "{file}"
        );
    }
}

#[test]
fn replanning_an_unchanged_inventory_changes_nothing() {
    let dir = scratch("replan-same");
    let old = first_plan(&dir);
    let previous = old.join("plan.json");
    let new = dir.join("new");
    let extra = [
        "--previous",
        previous.to_str().expect("utf-8"),
        "--as-of",
        AS_OF,
    ];
    let (code, _, stderr) = plan("examples/tailspin/inventory.csv", &extra, &new);
    assert_eq!(code, 0, "{stderr}");
    let mut now = json(&new.join("plan.json"));
    let changes = now
        .as_object_mut()
        .and_then(|o| o.remove("changes"))
        .expect("a changes section");
    let frozen = frozen(&json(&previous));
    assert_eq!(frozen.len(), 12);
    assert_eq!(
        changes,
        serde_json::json!({"as_of": AS_OF, "frozen": frozen, "added": [], "removed": [], "batches": [], "newly_broken": []})
    );
    assert_eq!(now, json(&previous));
    for file in ["plan.md", "broken-links.csv", "runbook.md", "commands.ps1"] {
        assert_eq!(
            std::fs::read(old.join(file)).expect("old"),
            std::fs::read(new.join(file)).expect("new"),
            "{file}"
        );
    }
    // `--templates` overrides changes.md like any other document.
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(
        templates.join("changes.md.tera"),
        "As of {{ as_of }}: {{ added_count }} added, {{ frozen | length }} frozen.\n",
    )
    .expect("write template");
    let mut with = extra.to_vec();
    with.extend(["--templates", templates.to_str().expect("utf-8")]);
    let (code, _, stderr) = plan("examples/tailspin/inventory.csv", &with, &new);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(new.join("changes.md")).expect("changes.md"),
        format!("As of {AS_OF}: 0 added, 12 frozen.\n")
    );
}

#[test]
fn previous_plans_of_another_organisation_path_or_format_are_refused_where_they_differ() {
    let dir = scratch("replan-refused");
    let old = first_plan(&dir);
    let text = std::fs::read_to_string(old.join("plan.json")).expect("plan.json");
    let cases: [(&str, String, &str); 5] = [
        (
            "other-org.json",
            text.replacen("\"Tailspin Toys\"", "\"Fabrikam\"", 1),
            "other-org.json: at /organization: the previous plan cannot be re-planned from: found the organisation `Fabrikam`; allowed: `Tailspin Toys`",
        ),
        (
            "other-path.json",
            text.replacen("\"minimal_hybrid\"", "\"staged\"", 1),
            "other-path.json: at /path: the previous plan cannot be re-planned from: found the path `staged`; allowed: `minimal_hybrid`",
        ),
        (
            "newer.json",
            text.replacen("\"format_version\": 1", "\"format_version\": 2", 1),
            "newer.json: at /format_version: the previous plan cannot be re-planned from: found format version 2, written by a newer mma; allowed: 1",
        ),
        (
            "truncated.json",
            text[..text.len() / 2].to_owned(),
            "truncated.json:",
        ),
        (
            "twice.json",
            text.replacen(
                "\"helpdesk@tailspintoys.com\"",
                "\"boardroom1@tailspintoys.com\"",
                1,
            ),
            "twice.json: at /batches/1/members/0: the previous plan cannot be re-planned from: found `boardroom1@tailspintoys.com`, already a member of batch 1",
        ),
    ];
    for (name, bad, expected) in cases {
        std::fs::write(dir.join(name), &bad).expect("write");
        let out = dir.join(format!("out-{name}"));
        let (code, _, stderr) = mma(
            &dir,
            &[
                "plan",
                root()
                    .join("examples/minimal-hybrid.yaml")
                    .to_str()
                    .expect("utf-8"),
                "--inventory",
                root()
                    .join("examples/tailspin/inventory.csv")
                    .to_str()
                    .expect("utf-8"),
                "--out",
                out.to_str().expect("utf-8"),
                "--previous",
                name,
                "--as-of",
                AS_OF,
            ],
        );
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(!out.exists(), "{name}: nothing is written");
    }
    // The day and the previous plan go together.
    let (code, _, stderr) = plan(
        "examples/tailspin/inventory.csv",
        &["--as-of", AS_OF],
        &dir.join("no-previous"),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--previous"), "{stderr}");
}
