//! What each migration path asks of the engineer: prerequisites with how to check them, the
//! ordered steps with the exact PowerShell, DNS work with its waits, post-migration work,
//! decommissioning and the pitfalls, each naming its source in `domain.md`. Values come from
//! [`Facts`]; nothing here is a secret (credentials come from `Get-Credential`).

use serde::Serialize;

use crate::answers::{Path, Source};

/// One step of a runbook section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// What to do.
    pub title: String,
    /// Why and how, in a sentence or two.
    pub detail: String,
    /// How to check it is done, when there is a check.
    pub check: Option<String>,
    /// PowerShell to run, in order.
    pub commands: Vec<String>,
    /// Where the facts come from (a section of `domain.md`).
    pub source: String,
}

/// A section of a runbook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Anchor id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// The steps.
    pub steps: Vec<Step>,
}

/// The values steps are written with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// The organisation.
    pub organization: String,
    /// The source mail system.
    pub source: Source,
    /// `<name>.onmicrosoft.com`.
    pub tenant: String,
    /// The hybrid `TargetDeliveryDomain`, `<name>.mail.onmicrosoft.com`.
    pub delivery: String,
    /// The organisation's primary mail domain.
    pub domain: String,
    /// The source server's host name.
    pub host: String,
    /// The migration endpoint's name.
    pub endpoint: String,
    /// IMAP port and security.
    pub imap_port: u16,
    /// `Ssl`, `Tls` or `None`.
    pub imap_security: String,
    /// Number of mailboxes.
    pub mailboxes: u32,
}

fn step(title: &str, detail: &str, source: &str) -> Step {
    Step {
        title: title.to_owned(),
        detail: detail.to_owned(),
        check: None,
        commands: Vec::new(),
        source: source.to_owned(),
    }
}

impl Step {
    fn check(mut self, check: &str) -> Self {
        self.check = Some(check.to_owned());
        self
    }

    fn run(mut self, command: impl Into<String>) -> Self {
        self.commands.push(command.into());
        self
    }
}

fn section(id: &str, title: &str, steps: Vec<Step>) -> Section {
    Section {
        id: id.to_owned(),
        title: title.to_owned(),
        steps,
    }
}

/// A PowerShell single-quoted string literal (quotes doubled), so a value is never code.
#[must_use]
pub fn ps(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

const CONNECT: &str = "Connect-ExchangeOnline";
const CRED: &str = "$cred = Get-Credential";

/// The prerequisite section of a path.
fn prerequisites(path: Path, f: &Facts) -> Section {
    let mut steps = vec![
        step(
            "Verify the organisation's domains in the tenant",
            &format!("Add and verify {} (a TXT record; allow about 15 minutes) in the Microsoft 365 admin center.", f.domain),
            "domain.md §2.1",
        )
        .check("The domain shows as Healthy under Settings > Domains.")
        .run(CONNECT)
        .run(format!("Get-AcceptedDomain | Where-Object DomainName -eq {}", ps(&f.domain))),
    ];
    match path {
        Path::FullHybrid | Path::MinimalHybrid | Path::ExpressHybrid => {
            steps.push(
                step(
                    "Run a supported Exchange build on every server",
                    "Hybrid needs the latest cumulative update or the one before it on every Exchange server, and the April 2025 hotfix update or later.",
                    "domain.md §2.3, §6",
                )
                .check("On premises: every server reports a current build.")
                .run("Get-ExchangeServer | Format-Table Name, Edition, AdminDisplayVersion"),
            );
            steps.push(
                step(
                    "Publish Autodiscover and EWS with a public certificate, MRS Proxy on",
                    &format!("{} must answer on TCP 443 at /ews/mrsproxy.svc without pre-authentication, with a certificate from a public authority naming Autodiscover and EWS.", f.host),
                    "domain.md §2.3",
                )
                .check("MRSProxyEnabled is True on every EWS virtual directory, and the availability test succeeds.")
                .run("Get-WebServicesVirtualDirectory | Format-List Server, ExternalUrl, MRSProxyEnabled")
                .run("Get-WebServicesVirtualDirectory | Set-WebServicesVirtualDirectory -MRSProxyEnabled $true")
                .run(CRED)
                .run(format!("Test-MigrationServerAvailability -ExchangeRemoteMove -RemoteServer {} -Credentials $cred", ps(&f.host))),
            );
            let sync = if path == Path::ExpressHybrid {
                "Express: the Hybrid Configuration Wizard installs Entra Connect with express settings and synchronises users and passwords once; synchronisation is then turned off."
            } else {
                "Entra Connect (not cloud sync) with the Exchange hybrid deployment option, kept running: on-premises Active Directory stays the source of authority."
            };
            steps.push(step(
                "Synchronise the directory",
                sync,
                "domain.md §2.3, §2.4",
            ));
            let hcw = match path {
                Path::FullHybrid => {
                    "Run the Hybrid Configuration Wizard and choose Full Hybrid: connectors (TCP 25 both ways), OAuth, organisation relationship and free/busy. Create the dedicated Exchange hybrid app for free/busy and MailTips."
                }
                _ => "Run the Hybrid Configuration Wizard and choose Minimal Hybrid.",
            };
            steps.push(step("Configure hybrid", hcw, "domain.md §2.3, §2.4"));
        }
        Path::Cutover | Path::Staged => {
            steps.push(
                step(
                    "Publish Outlook Anywhere with a public certificate",
                    if f.source == Source::Exchange2003 {
                        "Outlook Anywhere (RPC over HTTP) with a certificate from a public authority naming Outlook Anywhere and Autodiscover. Exchange 2003 also needs TCP 6001, 6002 and 6004 open, and has no Autodiscover: the endpoint takes the server and RPC proxy names."
                    } else {
                        "Outlook Anywhere (RPC over HTTP) with a certificate from a public authority naming Outlook Anywhere and Autodiscover."
                    },
                    "domain.md §2.1, §2.2",
                )
                .check("The availability test below succeeds.")
                .run(CRED)
                .run(if f.source == Source::Exchange2003 {
                    format!(
                        "Test-MigrationServerAvailability -ExchangeOutlookAnywhere -ExchangeServer {h} -RPCProxyServer {h} -Authentication NTLM -EmailAddress {} -Credentials $cred",
                        ps(&format!("migration-admin@{}", f.domain)),
                        h = ps(&f.host)
                    )
                } else {
                    format!(
                        "Test-MigrationServerAvailability -ExchangeOutlookAnywhere -Autodiscover -EmailAddress {} -Credentials $cred",
                        ps(&format!("migration-admin@{}", f.domain))
                    )
                }),
            );
            steps.push(step(
                "Give the migration account its rights",
                if path == Path::Staged {
                    "Full Access on every mailbox (or Receive As on the databases) and WriteProperty on TargetAddress, or Domain Admins."
                } else {
                    "Full Access on every mailbox, or Receive As on the databases, or Domain Admins."
                },
                "domain.md §2.1, §2.2",
            ));
            let sync = if path == Path::Staged {
                "Staged migration needs directory synchronisation: it creates the mail-enabled users the batches convert."
            } else {
                "Turn directory synchronisation off: a cutover creates the users in the cloud."
            };
            steps.push(step(
                "Directory synchronisation",
                sync,
                "domain.md §2.1, §2.2",
            ));
            steps.push(step(
                "Prepare the mailboxes",
                "Unhide mailboxes from the address lists, turn Unified Messaging off, pre-create mail-enabled security groups, and remove managers and delegates that are not migrated.",
                "domain.md §2.1, §7",
            ));
        }
        Path::Imap => {
            steps.push(step(
                "Create and license the cloud mailboxes",
                "IMAP migration copies mail into mailboxes that already exist; add the custom domain as an accepted domain before creating the users.",
                "domain.md §2.5",
            ));
            steps.push(
                step(
                    "Raise the source's connection limits",
                    "Raise total, per-user and per-IP connection limits on the IMAP server, and allow Microsoft's datacenter addresses through the firewall.",
                    "domain.md §2.5",
                )
                .check("The availability test succeeds.")
                .run(CRED)
                .run(format!(
                    "Test-MigrationServerAvailability -IMAP -RemoteServer {} -Port {} -Security {} -Credentials $cred",
                    ps(&f.host),
                    f.imap_port,
                    f.imap_security
                )),
            );
        }
        Path::GoogleWorkspace => {
            steps.push(step(
                "Create the routing domains",
                &format!("A subdomain routed to Microsoft 365 (o365.{d}, the TargetDeliveryDomain, an accepted domain) and one routed to Google (gsuite.{d}); allow up to 24 hours to propagate. Let the remote domain forward automatically.", d = f.domain),
                "domain.md §2.6",
            ));
            steps.push(step(
                "Provision mail users",
                &format!("One MailUser per Google user: primary address at {d}, ExternalEmailAddress at gsuite.{d}, a proxy at o365.{d}. Turn retention and archive policies off until the migration ends.", d = f.domain),
                "domain.md §2.6, §7",
            ));
            steps.push(
                step(
                    "Prepare Google Workspace",
                    "A project and service account with domain-wide delegation, the Gmail, Calendar, Contacts and People APIs, and the migration scopes (15 minutes to 24 hours to take effect).",
                    "domain.md §2.6",
                )
                .check("The availability test succeeds.")
                .run(CRED)
                .run(format!(
                    "Test-MigrationServerAvailability -Gmail -ServiceAccountKeyFileData ([System.IO.File]::ReadAllBytes('service-account.json')) -EmailAddress {}",
                    ps(&format!("admin@{}", f.domain))
                )),
            );
        }
        Path::CrossTenant => {
            steps.push(step(
                "Buy the Cross Tenant User Data Migration licences",
                "One per user, assigned in the source or target tenant; migrations fail without it.",
                "domain.md §2.8",
            ));
            steps.push(step(
                "Create the migration app and organisation relationships",
                "In the target tenant, a multi-tenant app with Mailbox.Migration and consent in both tenants; MailboxMoveCapability Inbound in the target, RemoteOutbound with a mail-enabled security group of the users in the source.",
                "domain.md §2.8",
            ));
            steps.push(step(
                "Stamp the target mail users",
                "Each target MailUser carries the source ExchangeGuid, ArchiveGuid and LegacyExchangeDN as an x500 address; license only after the ExchangeGuid is stamped. Mailboxes on hold do not move.",
                "domain.md §2.8, §7",
            ));
        }
        Path::ThirdParty => {
            steps.push(step(
                "Choose and size the tool",
                "Third-party tools read the source over its own protocols and write through EWS or Graph; ApplicationImpersonation is gone from Exchange Online, so grant the tool an Entra app registration. EWS throttling can be relaxed for 30, 60 or 90 days through support.",
                "domain.md §2.9, §7",
            ));
        }
    }
    section("prerequisites", "Prerequisites", steps)
}

/// The migration steps of a path, before any batch.
fn migration(path: Path, f: &Facts) -> Section {
    let endpoint = ps(&f.endpoint);
    let mut steps = vec![step(
        "Lower the MX record's TTL",
        "Set the MX record's TTL to 3,600 seconds or less well before the switch, so the change takes effect quickly.",
        "domain.md §2.1",
    )];
    let create = match path {
        Path::FullHybrid | Path::MinimalHybrid | Path::ExpressHybrid => Some(format!(
            "New-MigrationEndpoint -ExchangeRemoteMove -Name {endpoint} -RemoteServer {} -Credentials $cred",
            ps(&f.host)
        )),
        // Exchange 2003 has no Autodiscover: the endpoint names the server and the RPC proxy.
        Path::Cutover | Path::Staged if f.source == Source::Exchange2003 => Some(format!(
            "New-MigrationEndpoint -ExchangeOutlookAnywhere -Name {endpoint} -ExchangeServer {h} -RpcProxyServer {h} -Authentication NTLM -EmailAddress {} -Credentials $cred",
            ps(&format!("migration-admin@{}", f.domain)),
            h = ps(&f.host)
        )),
        Path::Cutover | Path::Staged => Some(format!(
            "New-MigrationEndpoint -ExchangeOutlookAnywhere -Name {endpoint} -Autodiscover -EmailAddress {} -Credentials $cred",
            ps(&format!("migration-admin@{}", f.domain))
        )),
        Path::Imap => Some(format!(
            "New-MigrationEndpoint -IMAP -Name {endpoint} -RemoteServer {} -Port {} -Security {}",
            ps(&f.host),
            f.imap_port,
            f.imap_security
        )),
        Path::GoogleWorkspace => Some(format!(
            "New-MigrationEndpoint -Gmail -Name {endpoint} -ServiceAccountKeyFileData ([System.IO.File]::ReadAllBytes('service-account.json')) -EmailAddress {}",
            ps(&format!("admin@{}", f.domain))
        )),
        Path::CrossTenant => Some(format!(
            "New-MigrationEndpoint -ExchangeRemoteMove -Name {endpoint} -RemoteServer 'outlook.office.com' -RemoteTenant {} -ApplicationId '<application-id>' -Credentials $cred",
            ps("<source-tenant>.onmicrosoft.com")
        )),
        Path::ThirdParty => None,
    };
    if let Some(create) = create {
        steps.push(
            step(
                "Create the migration endpoint",
                "One endpoint serves every batch.",
                "domain.md §5",
            )
            .check("The endpoint is listed.")
            .run(CONNECT)
            .run(CRED)
            .run(create)
            .run(format!("Get-MigrationEndpoint {endpoint} | Format-List Identity, EndpointType, MaxConcurrentMigrations")),
        );
    }
    if path == Path::Staged {
        steps.push(step(
            "Convert each migrated batch's mailboxes to mail-enabled users",
            "After a batch syncs, convert its on-premises mailboxes to mail-enabled users with Microsoft's scripts (ExportO365UserInfo.ps1, then Exchange2007MBtoMEU.ps1 or the Exchange 2003 equivalent), which copy the proxy addresses so Active Directory stays authoritative; users then create new Outlook profiles.",
            "domain.md §2.2",
        ));
    }
    section("migration", "Migration", steps)
}

/// DNS, finalisation, post-migration and decommissioning.
fn after(path: Path, f: &Facts) -> Vec<Section> {
    let mut dns = Vec::new();
    match path {
        Path::Cutover | Path::Staged | Path::Imap => {
            dns.push(step(
                "Point MX to Microsoft 365",
                &format!("Once every batch is synced, switch the MX record of {} to Exchange Online. Keep every batch for at least 72 hours after the switch: mail still reaching the source is copied only while the batch exists.", f.domain),
                "domain.md §2.1, §2.5, §7",
            ).check("Each user's Last Synced Time is later than the MX switch.").run("Get-MigrationUser | Format-Table Identity, Status, LastSyncedTime"));
        }
        Path::GoogleWorkspace => dns.push(step(
            "Switch the primary MX after the last batch",
            &format!("When every batch is completed, point the MX record of {d} to Microsoft 365, then remove the routing domains and aliases (o365.{d}, gsuite.{d}).", d = f.domain),
            "domain.md §2.6",
        )),
        _ => dns.push(step(
            "Point MX and Autodiscover to Exchange Online when the last mailbox has moved",
            &format!("Switch the MX record of {} to Exchange Online and Autodiscover (internal and external DNS) to autodiscover.outlook.com.", f.domain),
            "domain.md §2.3",
        )),
    }
    if matches!(path, Path::Cutover | Path::Staged | Path::CrossTenant) {
        dns.push(
            step(
                "Point Autodiscover to Exchange Online",
                "A CNAME autodiscover → autodiscover.outlook.com; if an Exchange server stays, clear its service connection point so Outlook stops finding it.",
                "domain.md §2.1, §7",
            )
            .run("Get-ClientAccessService | Set-ClientAccessService -AutoDiscoverServiceInternalUri $null"),
        );
    }
    let mut post = vec![step(
        "Assign licences",
        match path {
            Path::GoogleWorkspace => "License each user only after the migration has turned its mail user into a mailbox, and within 30 days.",
            Path::CrossTenant => "License each user only after its ExchangeGuid is stamped, and within 30 days.",
            _ => "Assign an Exchange Online licence to every migrated user within 30 days, or the mailbox is disabled.",
        },
        "domain.md §2.1, §2.3, §7",
    )
    .check("No migrated user is unlicensed.")
    .run("Get-EXOMailbox -ResultSize Unlimited | Where-Object SKUAssigned -ne $true | Format-Table UserPrincipalName")];
    if matches!(path, Path::Cutover | Path::Staged | Path::CrossTenant) {
        post.push(step(
            "New Outlook profiles",
            "Users create a new Outlook profile (and download their mailbox again); send the after-migration message below.",
            "domain.md §2.1, §2.2, §2.8",
        ));
    }
    if path.is_hybrid() {
        post.push(step(
            "Carry over what the move does not",
            "Forwarding settings are not copied: export them before and set them after. Send As granted on premises must be added in Exchange Online too.",
            "domain.md §2.3, §7",
        ));
    } else {
        post.push(step(
            "Re-grant permissions",
            "This path does not carry mailbox permissions: add Full Access, Send As and delegates again in Exchange Online.",
            "domain.md §4.3",
        ));
    }
    if path == Path::Imap {
        post.push(step(
            "Contacts and calendars",
            "IMAP moves mail only: users import contacts and calendars themselves, or from PST files.",
            "domain.md §2.5",
        ));
    }
    let decommission = match path {
        Path::FullHybrid | Path::MinimalHybrid => step(
            "Decommission, keeping one management server",
            "While Entra Connect synchronises the directory, keep one Exchange server (Subscription Edition or another supported version) to manage recipients; remove the rest. Going cloud-only: remove the hybrid connectors and organisation relationship, then turn synchronisation off.",
            "domain.md §2.3, §6",
        ),
        Path::GoogleWorkspace => step(
            "Decommission Google Workspace",
            "After the MX switch and the last completed batch, remove the routing domains and close the Google tenant.",
            "domain.md §2.6",
        ),
        Path::CrossTenant | Path::ThirdParty => step(
            "Retire the source",
            "Once every user works in the new tenant, retire the source accounts as the organisation's retention rules allow.",
            "domain.md §2.8",
        ),
        _ => step(
            "Decommission the source",
            "When nothing reaches the source any more, uninstall it (for Exchange, contact support first; keep one server if directory synchronisation manages recipients).",
            "domain.md §2.1, §2.2",
        ),
    };
    vec![
        section("dns", "DNS", dns),
        section("post-migration", "After the migration", post),
        section("decommissioning", "Decommissioning", vec![decommission]),
    ]
}

/// The sections of a runbook for `path`, before the per-batch sections.
#[must_use]
pub fn sections(path: Path, f: &Facts) -> (Vec<Section>, Vec<Section>) {
    (
        vec![prerequisites(path, f), migration(path, f)],
        after(path, f),
    )
}

/// Without a plan: how to create and run the batches, with placeholders for what `mma plan`
/// would name (a cutover has its one batch and no CSV).
#[must_use]
pub fn unplanned_batches(path: Path, f: &Facts) -> Option<Section> {
    let (title, detail, name, csv) = match path {
        Path::ThirdParty => return None,
        Path::Cutover => (
            "Create and start the cutover batch",
            "One batch moves every mailbox; it needs no CSV. Watch it reach Synced, then license users and switch MX.",
            "cutover",
            None,
        ),
        _ => (
            "Create and run each batch",
            "Run `mma plan` with the mailbox inventory and permission exports for named batches, their CSV files and dates; each batch runs these commands.",
            "<batch-name>",
            Some("<batch>.csv"),
        ),
    };
    let mut s = step(title, detail, "domain.md §5");
    s.commands = batch_commands(path, f, name, csv, None);
    Some(section("batches", "Batches", vec![s]))
}

/// The commands that run one batch.
#[must_use]
pub fn batch_commands(
    path: Path,
    f: &Facts,
    name: &str,
    csv: Option<&str>,
    complete_after_utc: Option<&str>,
) -> Vec<String> {
    let batch = ps(name);
    let endpoint = ps(&f.endpoint);
    let csv_data = csv.map(|c| format!(" -CSVData ([System.IO.File]::ReadAllBytes({}))", ps(c)));
    let mut out = Vec::new();
    match path {
        Path::FullHybrid | Path::MinimalHybrid | Path::ExpressHybrid | Path::CrossTenant => {
            let complete = complete_after_utc
                .map(|t| format!(" -CompleteAfter {}", ps(t)))
                .unwrap_or_default();
            out.push(format!(
                "New-MigrationBatch -Name {batch} -SourceEndpoint {endpoint} -TargetDeliveryDomain {}{}{complete} -AutoStart",
                ps(&f.delivery),
                csv_data.unwrap_or_default()
            ));
            out.push(format!("Get-MigrationBatch {batch} | Format-List Status, TotalCount, SyncedCount, FailedCount"));
            out.push("# Just before the window: a last incremental sync, and approve skipped items if any.".to_owned());
            out.push(format!("Set-MigrationBatch -Identity {batch} -SyncNow"));
            out.push(format!(
                "Set-MigrationBatch -Identity {batch} -ApproveSkippedItems"
            ));
            if complete_after_utc.is_none() {
                out.push(format!("Complete-MigrationBatch -Identity {batch}"));
            }
            out.push("# When the batch shows Completed:".to_owned());
            out.push(format!(
                "Remove-MigrationBatch -Identity {batch} -Confirm:$false"
            ));
        }
        Path::GoogleWorkspace => {
            out.push(format!(
                "New-MigrationBatch -Name {batch} -SourceEndpoint {endpoint} -TargetDeliveryDomain {}{} -AutoStart",
                ps(&format!("o365.{}", f.domain)),
                csv_data.unwrap_or_default()
            ));
            out.push(format!("Get-MigrationBatch {batch} | Format-List Status, TotalCount, SyncedCount, FailedCount"));
            out.push("# When the batch shows Synced:".to_owned());
            out.push(format!(
                "Set-MigrationBatch -Identity {batch} -ApproveSkippedItems"
            ));
            out.push(format!("Complete-MigrationBatch -Identity {batch}"));
            out.push("# When the batch shows Completed:".to_owned());
            out.push(format!(
                "Remove-MigrationBatch -Identity {batch} -Confirm:$false"
            ));
        }
        Path::Cutover | Path::Staged | Path::Imap => {
            let exclude = if path == Path::Imap {
                " -ExcludeFolders 'Deleted Items','Junk Email'"
            } else {
                ""
            };
            out.push(format!(
                "New-MigrationBatch -Name {batch} -SourceEndpoint {endpoint}{}{exclude} -AutoStart",
                csv_data.unwrap_or_default()
            ));
            out.push(format!("Get-MigrationBatch {batch} | Format-List Status, TotalCount, SyncedCount, FailedCount"));
            out.push("# After the MX switch and at least 72 hours, once Last Synced Time is later than the switch:".to_owned());
            out.push(format!("Set-MigrationBatch -Identity {batch} -SyncNow"));
            out.push(format!(
                "Remove-MigrationBatch -Identity {batch} -Confirm:$false"
            ));
        }
        Path::ThirdParty => {}
    }
    out
}

/// The pitfalls that apply to `path`, each with its source.
#[must_use]
pub fn pitfalls(path: Path) -> Vec<Step> {
    let p = |text: &str| step(text, "", "domain.md §7");
    let mut out = vec![p(
        "Batch CSVs fail on unknown or misspelt columns: use the files mma wrote as they are.",
    )];
    match path {
        Path::FullHybrid | Path::MinimalHybrid | Path::ExpressHybrid => {
            out.push(p("Every user needs a proxy address in the TargetDeliveryDomain, or the move fails with \"The target mailbox doesn't have an SMTP proxy matching\"."));
            out.push(p("Licensing a synced user before its move provisions an empty cloud mailbox that blocks the move."));
            out.push(p("MRS Proxy off, Windows authentication off on EWS, or a pre-authenticating reverse proxy in front of /ews/mrsproxy.svc fail every move."));
            out.push(p("Batches stop at Synced until skipped items are approved (Set-MigrationBatch -ApproveSkippedItems)."));
            out.push(p(
                "A tenant holds at most 100 migration batches: remove completed ones.",
            ));
            if path == Path::FullHybrid {
                out.push(p("Without the April 2025 hotfix update and the dedicated hybrid app, free/busy and MailTips break for on-premises users."));
            }
        }
        Path::Cutover | Path::Staged => {
            out.push(p("Deleting a batch before 72 hours after the MX switch loses mail that still reached the source."));
            out.push(p("Users need new Outlook profiles; stale Autodiscover records (SCP, SRV) keep Outlook pointing at the old server."));
            if path == Path::Staged {
                out.push(p("The Out of Office text is not migrated, and PowerShell examples that omit -CSVData create empty batches."));
            }
        }
        Path::Imap => {
            out.push(p("Users who change their password during the migration break incremental sync; prefer administrator credentials."));
            out.push(p("Retention and archive policies on the target during the migration show up as missing items."));
        }
        Path::GoogleWorkspace => {
            out.push(p("Existing cloud mailboxes collide with the mail users (\"The proxy address … is already being used\")."));
            out.push(p(
                "Completion fails if the Google organisation blocks automatic forwarding.",
            ));
            out.push(p("Wrong scopes or delegation that has not propagated fail the batch after it starts."));
        }
        Path::CrossTenant => {
            out.push(p("A missing or different ExchangeGuid fails the move; mailboxes on hold do not move."));
        }
        Path::ThirdParty => {
            out.push(p("Tools configured with the retired ApplicationImpersonation role fail: use an Entra app."));
        }
    }
    out
}
