//! What each path's runbook tells the engineer to do, checked against Microsoft's pages: IMAP
//! passwords filled in memory, licence checks that read the licence, full paths, the shell of
//! every part, the service connection point cmdlet by Exchange version, licensing order,
//! pre-staged hybrid batches, link impact by path and right, and the path-specific fixes.

use mma::answers::{self, Format, Source};
use mma::plan::model::Impact;
use mma::plan::{self, Export, Inventory, Options, Right};
use mma::recommend;
use mma::runbook::{self, Templates};

use crate::support::{mma, root, scratch};

fn answers_for(source: &str, path: &str, extra: &str) -> answers::Answers {
    let text = format!(
        "version: 1\norganization: Fabrikam\nsource: {source}\nmailboxes: 120\ntimeline: weeks\n\
         manage_users_on_premises: false\ncoexistence: false\nchosen_path: {path}\n\
         tenant:\n  domain: fabrikam.onmicrosoft.com\n  accepted_domains: [fabrikam.com]\n\
         source_server:\n  hostname: mail.fabrikam.com\n{extra}"
    );
    answers::check(&text, Format::Yaml)
        .answers
        .unwrap_or_else(|| panic!("valid answers for {source} / {path}"))
}

fn render(a: &answers::Answers, plan: Option<&plan::Plan>, template: &str) -> String {
    let view = runbook::view(a, &recommend::recommend(a), plan);
    Templates::new(&[])
        .expect("templates")
        .render(template, &view)
        .expect("renders")
}

const SCHEDULE: &str = "schedule:\n  start: 2026-03-02\n  time_zone: Europe/Paris\n  \
    days: [tuesday]\n  window: \"20:00-06:00\"\n  max_batch_mailboxes: 3\n  \
    notify: [team@fabrikam.com]\n";

fn plan_for(a: &answers::Answers, sizes_gb: &[u64], perms: &str) -> plan::Plan {
    let rows: String = sizes_gb
        .iter()
        .enumerate()
        .map(|(i, gb)| format!("m{i}@fabrikam.com,User {i},{}\n", gb << 30))
        .collect();
    let mut inv = Inventory::parse(
        "inventory.csv",
        &format!("EmailAddress,DisplayName,SizeBytes\n{rows}"),
    )
    .expect("inventory");
    let export = Export::parse("perms.csv", &format!("Mailbox,Delegate,Right\n{perms}"))
        .expect("permissions");
    let options = Options {
        imap_admin: Some("mailadmin".to_owned()),
        ..Options::default()
    };
    plan::plan(a, &recommend::recommend(a), &mut inv, &[export], &options).expect("plans")
}

#[test]
fn imap_batches_carry_no_password_on_disk_and_fill_it_in_memory() {
    let out = scratch("imap-password");
    let (code, _, err) = mma(
        &root(),
        &[
            "plan",
            "tests/plan/imap/answers.toml",
            "--inventory",
            "tests/plan/imap/inventory.csv",
            "--imap-admin",
            "mailadmin",
            "--out",
            out.to_str().expect("utf-8"),
            "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(out.join("batches/01-pilot.csv")).expect("batch CSV");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("EmailAddress,UserName,Password"));
    for row in lines {
        assert!(
            row.ends_with(','),
            "the Password cell stays empty on disk: {row}"
        );
    }
    let ps1 = std::fs::read_to_string(out.join("commands.ps1")).expect("commands.ps1");
    assert!(ps1.contains("$imapAdmin = Get-Credential"));
    assert!(ps1.contains("$row.Password = $imapAdmin.GetNetworkCredential().Password"));
    assert!(ps1.contains("-CSVData $csvData"));
    assert!(!ps1.contains("ConvertTo-SecureString"));
    // The availability test takes no credentials on the IMAP parameter set.
    assert!(ps1.contains("Test-MigrationServerAvailability -Imap -RemoteServer"));
    let test_line = ps1
        .lines()
        .find(|l| l.starts_with("Test-MigrationServerAvailability"))
        .expect("the test");
    assert!(!test_line.contains("-Credentials"), "{test_line}");
    // Per-user passwords: the runbook asks for a filled copy instead.
    let a = answers_for(
        "imap",
        "imap",
        "  admin_login_format: none\nschedule:\n  start: 2026-03-02\n",
    );
    let md = render(&a, None, "runbook.md");
    assert!(md.contains("Each user's own password"), "{md}");
}

#[test]
fn licence_checks_ask_for_the_licence_property() {
    for (source, path) in [
        ("exchange_2016", "full_hybrid"),
        ("exchange_2007", "staged"),
        ("imap", "imap"),
        ("google_workspace", "google_workspace"),
        ("microsoft_365", "cross_tenant"),
    ] {
        let md = render(&answers_for(source, path, ""), None, "runbook.md");
        let checks: Vec<&str> = md
            .lines()
            .filter(|l| l.contains("Where-Object SKUAssigned"))
            .collect();
        assert!(!checks.is_empty(), "{path}: a licence check");
        for c in checks {
            assert!(
                c.contains("Get-EXOMailbox -ResultSize Unlimited -Properties SKUAssigned"),
                "{c}"
            );
        }
    }
}

#[test]
fn files_are_read_by_full_path() {
    for (source, path) in [
        ("exchange_2016", "minimal_hybrid"),
        ("exchange_2007", "staged"),
        ("google_workspace", "google_workspace"),
    ] {
        let a = answers_for(source, path, SCHEDULE);
        let p = plan_for(&a, &[1, 1, 1, 1], "");
        let ps1 = render(&a, Some(&p), "commands.ps1");
        assert!(
            !ps1.contains("ReadAllBytes('"),
            "{path}: a relative path in\n{ps1}"
        );
        assert!(
            ps1.contains("ReadAllBytes((Join-Path $PlanFolder 'batches\\"),
            "{path}"
        );
        assert!(
            ps1.contains(
                "$PlanFolder = if ($PSScriptRoot) { $PSScriptRoot } else { (Get-Location).Path }"
            ),
            "{path}"
        );
    }
}

#[test]
fn every_script_part_names_its_shell_and_connects_only_to_exchange_online() {
    let a = answers_for("exchange_2016", "full_hybrid", SCHEDULE);
    let p = plan_for(&a, &[1, 1, 1, 1], "");
    let ps1 = render(&a, Some(&p), "commands.ps1");
    let parts: Vec<&str> = ps1.split("\n# ==== ").skip(1).collect();
    assert!(parts.len() > 5);
    for part in parts {
        let shell = part.lines().nth(1).unwrap_or_default();
        match shell {
            "# shell: exchange-online" => {
                assert!(part.contains("\nConnect-ExchangeOnline"), "{part}");
                assert!(
                    part.contains("\nDisconnect-ExchangeOnline -Confirm:$false"),
                    "{part}"
                );
            }
            "# shell: exchange-server" => {
                assert!(!part.contains("Connect-ExchangeOnline"), "{part}");
                let heading = part.lines().next().unwrap_or_default();
                assert!(
                    heading.ends_with(
                        ": Exchange Management Shell on an on-premises Exchange server ===="
                    ),
                    "{heading}"
                );
            }
            other => panic!("a part without its shell line: {other}\n{part}"),
        }
    }
}

#[test]
fn the_service_connection_point_cmdlet_follows_the_exchange_version() {
    let scp = |source: &str, path: &str| {
        render(&answers_for(source, path, ""), None, "commands.ps1")
            .lines()
            .find(|l| l.contains("-AutoDiscoverServiceInternalUri"))
            .map(str::to_owned)
    };
    assert_eq!(
        scp("exchange_2016", "cutover").as_deref(),
        Some(
            "Get-ClientAccessService | Set-ClientAccessService -AutoDiscoverServiceInternalUri $null"
        )
    );
    assert_eq!(
        scp("exchange_2013", "cutover").as_deref(),
        Some(
            "Get-ClientAccessServer | Set-ClientAccessServer -AutoDiscoverServiceInternalUri $null"
        )
    );
    assert_eq!(
        scp("exchange_2003", "cutover"),
        None,
        "Exchange 2003 has no SCP"
    );
    for (source, path) in [
        ("microsoft_365", "cross_tenant"),
        ("google_workspace", "google_workspace"),
        ("imap", "imap"),
        ("other", "third_party"),
    ] {
        let md = render(&answers_for(source, path, ""), None, "runbook.md");
        assert!(!md.contains("ClientAccessServ"), "{path}");
        assert!(
            !md.contains("Where: Exchange Management Shell"),
            "{path}: no on-premises Exchange step"
        );
    }
}

#[test]
fn licensing_comes_before_the_moves_in_minimal_and_express_hybrid() {
    for path in ["minimal_hybrid", "express_hybrid"] {
        let md = render(&answers_for("exchange_2016", path, ""), None, "runbook.md");
        let licence = md
            .find("Assign licences before the moves")
            .expect("the step");
        let batches = md.find("## Batches").expect("batches");
        assert!(licence < batches, "{path}");
        assert!(!md.contains("provisions an empty cloud mailbox"), "{path}");
    }
    let google = render(
        &answers_for("google_workspace", "google_workspace", ""),
        None,
        "runbook.md",
    );
    assert!(google.contains("Licensing a mail user before its batch converts it"));
}

#[test]
fn exchange_2003_carries_microsofts_statement_and_basic_authentication() {
    let a = answers_for("exchange_2003", "cutover", "");
    let rec = recommend::recommend(&a);
    let w = rec
        .warnings
        .iter()
        .find(|w| w.code == recommend::WarningCode::Exchange2003Unsupported)
        .expect("the warning");
    assert!(w.message.contains("KB 2389390"));
    assert!(w.message.contains("IMAP") && w.message.contains("third-party"));
    let ps1 = render(&a, None, "commands.ps1");
    assert!(ps1.contains("-Authentication Basic"));
    assert!(!ps1.contains("-Authentication NTLM"));
    let later = recommend::recommend(&answers_for("exchange_2007", "cutover", ""));
    assert!(
        later
            .warnings
            .iter()
            .all(|w| w.code != recommend::WarningCode::Exchange2003Unsupported)
    );
}

#[test]
fn hybrid_batches_are_pre_staged_and_report_by_mail() {
    let a = answers_for("exchange_2016", "minimal_hybrid", SCHEDULE);
    // 20 GB mailboxes: Microsoft's 90th percentile is 14 days.
    let p = plan_for(&a, &[20, 20, 20, 20, 20, 20, 20], "");
    for b in &p.batches {
        let date = b.date.as_deref().expect("scheduled");
        let start = b.sync_start.as_deref().expect("pre-staged");
        assert!(start <= date && start >= "2026-03-02", "{start} .. {date}");
        assert!(b.complete_after_utc.is_some());
    }
    let last = p.batches.last().expect("batches");
    assert_eq!(last.estimate.p90_days, 14);
    assert_eq!(last.sync_start.as_deref(), Some("2026-03-03"), "{last:?}");
    let md = render(&a, Some(&p), "runbook.md");
    assert!(
        md.contains("start syncing"),
        "the calendar shows sync starts"
    );
    assert!(md.contains("-NotificationEmails 'team@fabrikam.com'"));
    assert!(md.contains("-CompleteAfter '2026-03-03T19:00:00Z'"));
    let batch_one = md.split("### Batch 1").nth(1).expect("batch 1");
    let sync_now = batch_one.find("-SyncNow").expect("SyncNow");
    let create = batch_one.find("New-MigrationBatch").expect("create");
    assert!(create < sync_now);
    // Other paths are not pre-staged.
    let staged = answers_for("exchange_2007", "staged", SCHEDULE);
    let sp = plan_for(&staged, &[1, 1, 1, 1], "");
    assert!(sp.batches.iter().all(|b| b.sync_start.is_none()));
}

#[test]
fn split_links_say_what_happens_to_the_right() {
    use answers::MigrationPath;
    assert_eq!(
        Impact::of(
            MigrationPath::MinimalHybrid,
            Source::Exchange2016,
            Right::FullAccess
        ),
        Impact::WorksAcrossPremises
    );
    assert_eq!(
        Impact::of(
            MigrationPath::FullHybrid,
            Source::Exchange2013,
            Right::SendOnBehalf
        ),
        Impact::WorksAcrossPremises
    );
    assert_eq!(
        Impact::of(
            MigrationPath::FullHybrid,
            Source::Exchange2016,
            Right::SendAs
        ),
        Impact::RegrantAfterMove
    );
    assert_eq!(
        Impact::of(
            MigrationPath::FullHybrid,
            Source::Exchange2016,
            Right::Calendar
        ),
        Impact::LostUntilBothMoved
    );
    assert_eq!(
        Impact::of(
            MigrationPath::FullHybrid,
            Source::Exchange2010,
            Right::FullAccess
        ),
        Impact::LostUntilBothMoved,
        "Exchange 2010 no longer supports delegation across premises"
    );
    assert_eq!(
        Impact::of(
            MigrationPath::Staged,
            Source::Exchange2007,
            Right::FullAccess
        ),
        Impact::LostUntilBothMoved
    );
    // In documents for people, a hub's links are summed up once; every row stays in
    // broken-links.csv.
    let out = scratch("link-impact");
    let args: Vec<String> = [
        "plan",
        "examples/minimal-hybrid.yaml",
        "--inventory",
        "examples/tailspin/inventory.csv",
        "--permissions",
        "examples/tailspin/mailbox-permissions.csv",
        "--permissions",
        "examples/tailspin/send-as.csv",
        "--out",
        out.to_str().expect("utf-8"),
        "--force",
    ]
    .map(str::to_owned)
    .to_vec();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, err) = mma(&root(), &refs);
    assert_eq!(code, 0, "{err}");
    let md = std::fs::read_to_string(out.join("runbook.md")).expect("runbook");
    let hub_line = md
        .lines()
        .find(|l| l.starts_with("- svc-backup@tailspintoys.com"))
        .expect("the hub's summary");
    assert!(hub_line.contains("works across premises"), "{hub_line}");
    assert!(
        !md.contains("| svc-backup@tailspintoys.com |"),
        "hub rows are not listed one by one"
    );
    let csv = std::fs::read_to_string(out.join("broken-links.csv")).expect("broken-links.csv");
    assert!(csv.starts_with("Mailbox,Delegate,Right,MailboxBatch,DelegateBatch,Reason,Impact\r\n"));
    assert!(csv.lines().filter(|l| l.contains("svc-backup@")).count() > 100);
    let json = std::fs::read_to_string(out.join("plan.json")).expect("plan.json");
    assert!(json.contains("\"impact\": \"works-across-premises\""));
}

#[test]
fn each_path_gets_its_own_steps() {
    // Staged: no pre-created security groups; mailboxes convert after each batch, not before.
    let staged = render(
        &answers_for("exchange_2007", "staged", ""),
        None,
        "runbook.md",
    );
    assert!(!staged.contains("security groups"));
    let batches = staged.find("## Batches").expect("batches");
    let convert = staged
        .find("Convert the batch's mailboxes to mail-enabled users")
        .expect("conversion");
    assert!(convert > batches);
    // Cutover: the batch is removed only after the MX switch.
    let cutover = render(
        &answers_for("exchange_2010", "cutover", ""),
        None,
        "commands.ps1",
    );
    let remove = cutover.find("Remove-MigrationBatch").expect("remove");
    let mx = cutover.find("# ==== DNS").expect("DNS part");
    assert!(remove > mx, "{cutover}");
    let cutover_md = render(
        &answers_for("exchange_2010", "cutover", ""),
        None,
        "runbook.md",
    );
    assert!(
        cutover_md.find("Point MX to Microsoft 365")
            < cutover_md.find("Remove the batches after 72 hours")
    );
    // Cross-tenant: the domain moves, and the endpoint signs in as the migration app.
    let ct = render(
        &answers_for("microsoft_365", "cross_tenant", ""),
        None,
        "runbook.md",
    );
    assert!(ct.contains("Move the domain to the target tenant"));
    assert!(ct.contains("$cred = Get-Credential -UserName '<application-id>'"));
    // …and the script lists what to fill in.
    let script = render(
        &answers_for("microsoft_365", "cross_tenant", ""),
        None,
        "commands.ps1",
    );
    assert!(
        script.contains("#   cross_tenant.application_id")
            && script.contains("#   cross_tenant.source_tenant")
    );
    // Given in the answers, the source tenant and the app are in the commands, and not missing.
    let given = "cross_tenant:\n  source_tenant: northwind.onmicrosoft.com\n  \
                 application_id: 5f3c2a1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b\n";
    let ct = render(
        &answers_for("microsoft_365", "cross_tenant", given),
        None,
        "runbook.md",
    );
    assert!(ct.contains(
        "-RemoteTenant 'northwind.onmicrosoft.com' -ApplicationId '5f3c2a1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b'"
    ));
    assert!(!ct.contains("<application-id>") && !ct.contains("application\\_id"));
    // Third party: no cross-tenant decommission text, no batch CSV pitfall.
    let tp = render(&answers_for("other", "third_party", ""), None, "runbook.md");
    assert!(!tp.contains("ExchangeGuid") && !tp.contains("new tenant"));
    assert!(!tp.contains("Batch CSVs fail"));
    // Google: the header's delivery domain is the one the batches use.
    let g = render(
        &answers_for("google_workspace", "google_workspace", ""),
        None,
        "runbook.md",
    );
    assert!(g.contains("delivery domain o365.fabrikam.com"));
    assert!(g.contains("-TargetDeliveryDomain 'o365.fabrikam.com'"));
    // Exchange 2013 gets no prerequisite it cannot meet.
    let e2013 = render(
        &answers_for("exchange_2013", "full_hybrid", ""),
        None,
        "runbook.md",
    );
    assert!(!e2013.contains("April 2025 hotfix update or later on every"));
    assert!(e2013.contains("this version gets no such update"));
    // No step cites a file users do not have.
    for (source, path) in [("exchange_2016", "full_hybrid"), ("imap", "imap")] {
        for template in ["runbook.md", "runbook.html", "commands.ps1"] {
            let text = render(&answers_for(source, path, ""), None, template);
            assert!(!text.contains("domain.md"), "{path}/{template}");
        }
    }
}

#[test]
fn batch_limits_are_stated_where_batches_are_built() {
    for (source, path, limit) in [
        (
            "exchange_2010",
            "cutover",
            "at most 2,000 mailboxes, and Microsoft advises 150 or fewer",
        ),
        (
            "exchange_2007",
            "staged",
            "At most 2,000 rows per staged batch CSV",
        ),
        (
            "imap",
            "imap",
            "At most 50,000 rows and 10 MB per IMAP batch CSV",
        ),
        (
            "exchange_2016",
            "full_hybrid",
            "at most 100 migration batches at once",
        ),
    ] {
        let a = answers_for(source, path, SCHEDULE);
        assert!(render(&a, None, "runbook.md").contains(limit), "{path}");
        let p = plan_for(&a, &[1, 1, 1, 1], "");
        assert!(
            render(&a, Some(&p), "runbook.md").contains(limit),
            "{path} with a plan"
        );
    }
}

#[test]
fn powershell_strings_double_every_quote_that_ends_them() {
    // PowerShell ends a single-quoted string at ' and at U+2018–U+201B alike.
    let hostile = "02-db02\u{2019}; Get-Mailbox | Remove-Mailbox; \u{2018}x\u{201A}\u{201B}'";
    assert_eq!(
        runbook::steps::ps(hostile),
        "'02-db02\u{2019}\u{2019}; Get-Mailbox | Remove-Mailbox; \u{2018}\u{2018}x\u{201A}\u{201A}\u{201B}\u{201B}'''"
    );
}
