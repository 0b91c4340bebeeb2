//! What each migration path asks of the engineer: prerequisites with how to check them, the
//! ordered steps with the exact PowerShell, DNS work with its waits, post-migration work,
//! decommissioning and the pitfalls. Every step says where it runs (the on-premises Exchange
//! Management Shell, Exchange Online PowerShell, an admin center, DNS, …) and cites the public
//! Microsoft pages its facts come from. Values come from [`Facts`]; nothing here is a secret
//! (credentials are asked for with `Get-Credential` and live only in memory).

pub use crate::text::ps;
use serde::Serialize;

use super::cite::{self, Cite};
use crate::answers::model::AdminLoginFormat;
use crate::answers::{MigrationPath, Source};

/// Where a step runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shell {
    /// The Exchange Management Shell on an on-premises Exchange server.
    ExchangeServer,
    /// Exchange Online PowerShell (`Connect-ExchangeOnline`).
    ExchangeOnline,
    /// The Microsoft 365 or Exchange admin center.
    AdminCenter,
    /// The Hybrid Configuration Wizard, on a domain-joined computer on premises.
    HybridWizard,
    /// The organisation's DNS host.
    Dns,
    /// Microsoft Entra: the admin center, or Entra Connect on premises.
    Entra,
    /// The source mail system's own console (Google Admin, the IMAP server).
    SourceSystem,
    /// Each user's Outlook.
    Outlook,
    /// The third-party migration tool.
    Tool,
}

impl Shell {
    /// Whether the step's commands are PowerShell for an Exchange shell.
    #[must_use]
    pub const fn is_powershell(self) -> bool {
        matches!(self, Self::ExchangeServer | Self::ExchangeOnline)
    }

    /// The name of the place, for people.
    #[must_use]
    pub fn label(self, f: &Facts) -> String {
        match self {
            Self::ExchangeServer => match f.hybrid_server {
                Some(version) => format!(
                    "Exchange Management Shell on the on-premises Exchange {version} hybrid server"
                ),
                None => "Exchange Management Shell on an on-premises Exchange server".to_owned(),
            },
            Self::ExchangeOnline => "Exchange Online PowerShell".to_owned(),
            Self::AdminCenter => "Microsoft 365 admin center".to_owned(),
            Self::HybridWizard => {
                "Hybrid Configuration Wizard on a domain-joined computer on premises".to_owned()
            }
            Self::Dns => format!("DNS host of {}", f.domain),
            Self::Entra => "Microsoft Entra (admin center, Entra Connect server)".to_owned(),
            Self::SourceSystem => match f.source {
                Source::GoogleWorkspace => {
                    "Google Admin console and Google Cloud console".to_owned()
                }
                Source::Microsoft365 => "the source tenant".to_owned(),
                _ => "the source mail server".to_owned(),
            },
            Self::Outlook => "each user's Outlook".to_owned(),
            Self::Tool => "the migration tool".to_owned(),
        }
    }
}

/// One step of a runbook section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// What to do.
    pub title: String,
    /// Why and how, in a sentence or two.
    pub detail: String,
    /// How to check it is done, when there is a check.
    pub check: Option<String>,
    /// Where it runs.
    pub shell: Shell,
    /// Where it runs, for people.
    pub runs_in: String,
    /// PowerShell to run, in order, in `shell`.
    pub commands: Vec<String>,
    /// The public pages the step's facts come from.
    pub sources: Vec<Cite>,
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
    /// The batches' `TargetDeliveryDomain`: `<name>.mail.onmicrosoft.com`, or for Google
    /// Workspace the routing subdomain `o365.<domain>`.
    pub delivery: String,
    /// The organisation's primary mail domain.
    pub domain: String,
    /// The source server's host name.
    pub host: String,
    /// Whether the path connects to a source server (so a missing host is a placeholder to fill).
    pub needs_host: bool,
    /// The migration endpoint's name.
    pub endpoint: String,
    /// IMAP port and security.
    pub imap_port: u16,
    /// `Ssl`, `Tls` or `None`.
    pub imap_security: String,
    /// How IMAP batches log in: an administrator's login form, or each user's own.
    pub imap_login: Option<AdminLoginFormat>,
    /// Addresses for the batches' status reports (`-NotificationEmails`).
    pub notify: Vec<String>,
    /// Number of mailboxes.
    pub mailboxes: u32,
    /// The Exchange version whose shell runs the on-premises steps when it is not the source's
    /// own (an Exchange 2007 organisation goes hybrid through an Exchange 2013 server).
    pub hybrid_server: Option<&'static str>,
    /// A cross-tenant move's source tenant, `<name>.onmicrosoft.com`.
    pub source_tenant: String,
    /// A cross-tenant move's migration application (client) ID.
    pub application_id: String,
}

impl Facts {
    /// The on-premises Exchange version the Exchange Management Shell steps run against, as
    /// Microsoft's cmdlet reference names it (`2016`, `SE`), when the source is Exchange.
    #[must_use]
    pub const fn onprem_version(&self) -> Option<&'static str> {
        if let Some(v) = self.hybrid_server {
            return Some(v);
        }
        match self.source {
            Source::Exchange2003 => Some("2003"),
            Source::Exchange2007 => Some("2007"),
            Source::Exchange2010 => Some("2010"),
            Source::Exchange2013 => Some("2013"),
            Source::Exchange2016 => Some("2016"),
            Source::Exchange2019 => Some("2019"),
            Source::ExchangeSe => Some("SE"),
            _ => None,
        }
    }
}

fn step(shell: Shell, title: &str, detail: &str, sources: &[Cite]) -> Step {
    Step {
        title: title.to_owned(),
        detail: detail.to_owned(),
        check: None,
        shell,
        runs_in: String::new(),
        commands: Vec::new(),
        sources: sources.to_vec(),
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

/// A list of single-quoted PowerShell strings, `'a','b'`.
fn ps_list(items: &[String]) -> String {
    items.iter().map(|i| ps(i)).collect::<Vec<_>>().join(",")
}

/// The full path of a file in the plan folder: the folder of `commands.ps1` when it runs as a
/// script, PowerShell's current location when its lines are pasted into a console.
pub const PLAN_FOLDER: &str =
    "$PlanFolder = if ($PSScriptRoot) { $PSScriptRoot } else { (Get-Location).Path }";

fn plan_file(relative: &str) -> String {
    format!(
        "(Join-Path $PlanFolder {})",
        ps(&relative.replace('/', "\\"))
    )
}

const fn is_remote_move(path: MigrationPath) -> bool {
    matches!(
        path,
        MigrationPath::FullHybrid
            | MigrationPath::MinimalHybrid
            | MigrationPath::ExpressHybrid
            | MigrationPath::CrossTenant
    )
}

fn admin_address(f: &Facts) -> String {
    format!("migration-admin@{}", f.domain)
}

/// `Get-Credential` for the on-premises migration account.
fn source_credential(f: &Facts) -> String {
    format!(
        "$cred = Get-Credential -UserName {} -Message {}",
        ps(&admin_address(f)),
        ps("The on-premises migration account")
    )
}

/// The licence check, with the property `Get-EXOMailbox` does not return by default.
const LICENCE_CHECK: &str = "Get-EXOMailbox -ResultSize Unlimited -Properties SKUAssigned | Where-Object SKUAssigned -ne $true | Format-Table UserPrincipalName, SKUAssigned";

fn verify_domain(f: &Facts) -> Step {
    step(
        Shell::AdminCenter,
        "Verify the organisation's domains in the tenant",
        &format!(
            "Add {} under Settings > Domains and verify it with the TXT record the admin center shows (allow about 15 minutes). Leave MX where it is for now.",
            f.domain
        ),
        &[cite::ADD_DOMAIN, cite::CUTOVER],
    )
    .check(&format!(
        "In Exchange Online PowerShell, the domain is listed: `Get-AcceptedDomain` shows {}.",
        f.domain
    ))
}

fn hybrid_build(f: &Facts) -> Step {
    let modern = matches!(
        f.source,
        Source::Exchange2016 | Source::Exchange2019 | Source::ExchangeSe
    );
    let detail = if f.hybrid_server.is_some() {
        "Exchange 2007 organisations go hybrid through an Exchange 2013 server: install it with the latest cumulative update (or the one before) and run every hybrid step there."
    } else if modern {
        "Hybrid needs the latest cumulative update or the one before it on every Exchange server."
    } else {
        "Hybrid needs the latest cumulative update or the one before it on every Exchange server; this version is out of support and gets no more updates, so bring every server to its final cumulative update."
    };
    step(
        Shell::ExchangeServer,
        "Run a supported Exchange build on every server",
        detail,
        &[cite::HYBRID_PREREQUISITES],
    )
    .check("Every server reports the latest or the previous cumulative update.")
    .run("Get-ExchangeServer | Format-Table Name, Edition, AdminDisplayVersion")
}

fn hybrid_prerequisites(path: MigrationPath, f: &Facts) -> Vec<Step> {
    let mut steps = vec![hybrid_build(f)];
    steps.push(
        step(
            Shell::ExchangeServer,
            "Turn on the MRS Proxy endpoint",
            &format!(
                "{} must answer on TCP 443 at /EWS/mrsproxy.svc without pre-authentication, with a certificate from a public authority naming the EWS and Autodiscover host names; the MRS Proxy endpoint must be on for every EWS virtual directory.",
                f.host
            ),
            &[cite::HYBRID_PREREQUISITES, cite::HYBRID_MOVES],
        )
        .check("`MRSProxyEnabled` is `True` on every EWS virtual directory.")
        .run("Get-WebServicesVirtualDirectory | Format-List Server, ExternalUrl, MRSProxyEnabled")
        .run("Get-WebServicesVirtualDirectory | Set-WebServicesVirtualDirectory -MRSProxyEnabled $true"),
    );
    steps.push(
        step(
            Shell::ExchangeOnline,
            "Test the MRS Proxy endpoint from Exchange Online",
            "The test signs in to the MRS Proxy endpoint with the on-premises migration account.",
            &[cite::TEST_MIGRATION_SERVER, cite::HYBRID_MOVES],
        )
        .check("The result's `Result` is `Success`.")
        .run(source_credential(f))
        .run(format!(
            "Test-MigrationServerAvailability -ExchangeRemoteMove -RemoteServer {} -Credentials $cred",
            ps(&f.host)
        )),
    );
    steps.extend(directory_and_wizard(path));
    if path == MigrationPath::FullHybrid {
        let app = if matches!(
            f.source,
            Source::Exchange2016 | Source::Exchange2019 | Source::ExchangeSe
        ) {
            "Free/busy, MailTips and profile photos across premises need the dedicated Exchange hybrid app, which needs the April 2025 hotfix update or later on Exchange 2016 and 2019 (Exchange SE has it). Moves, management and mail flow do not depend on it."
        } else {
            "Free/busy, MailTips and profile photos across premises need the dedicated Exchange hybrid app, which needs an Exchange 2016 or 2019 server with the April 2025 hotfix update or later, or an Exchange SE server; this version gets no such update. Moves, management and mail flow do not depend on it."
        };
        steps.push(step(
            Shell::Entra,
            "Create the dedicated Exchange hybrid app",
            app,
            &[cite::DEDICATED_HYBRID_APP],
        ));
    }
    // Cross-premises Full Access and Send on Behalf need ACLable synced objects; Exchange 2010
    // no longer supports them, and the setting does not exist there.
    if f.source != Source::Exchange2010 {
        steps.push(
            step(
                Shell::ExchangeServer,
                "Allow delegated permissions across premises",
                "Full Access and Send on Behalf work between on-premises and cloud mailboxes once the organisation stamps ACLs on synced objects (Exchange 2013 needs CU10 or later, and Entra Connect the Exchange hybrid option). Mailboxes moved before this setting need their ACLs set by hand.",
                &[cite::HYBRID_PERMISSIONS, cite::HYBRID_DELEGATION],
            )
            .check("`ACLableSyncedObjectEnabled` is `True`.")
            .run("Set-OrganizationConfig -ACLableSyncedObjectEnabled $true")
            .run("Get-OrganizationConfig | Format-List ACLableSyncedObjectEnabled"),
        );
    }
    if matches!(
        path,
        MigrationPath::MinimalHybrid | MigrationPath::ExpressHybrid
    ) {
        steps.push(
            step(
                Shell::AdminCenter,
                "Assign licences before the moves",
                "License each user before starting its move; a synced user whose mailbox is still on premises does not get a second mailbox in the cloud when licensed.",
                &[cite::MINIMAL_HYBRID],
            ),
        );
    }
    steps
}

/// The hybrid paths' directory synchronisation and Hybrid Configuration Wizard steps.
fn directory_and_wizard(path: MigrationPath) -> Vec<Step> {
    let sync = if path == MigrationPath::ExpressHybrid {
        "Express: the Hybrid Configuration Wizard installs Entra Connect with express settings and synchronises users and passwords once; synchronisation is then turned off."
    } else {
        "Entra Connect (not cloud sync) with the Exchange hybrid deployment option, kept running: on-premises Active Directory stays the source of authority."
    };
    let sync_sources: &[Cite] = if path == MigrationPath::FullHybrid {
        &[cite::HYBRID_PREREQUISITES]
    } else {
        &[cite::MINIMAL_HYBRID, cite::HCW_OPTIONS]
    };
    let wizard = match path {
        MigrationPath::FullHybrid => step(
            Shell::HybridWizard,
            "Configure full hybrid",
            "Download the Hybrid Configuration Wizard (admin center > Setup > Migrations), run it and choose Full Hybrid: connectors (TCP 25 both ways), OAuth, organisation relationship and free/busy.",
            &[cite::HYBRID_PREREQUISITES, cite::HCW_OPTIONS],
        ),
        _ => step(
            Shell::HybridWizard,
            "Configure minimal hybrid",
            "Download the Hybrid Configuration Wizard (admin center > Setup > Migrations), run it and choose Minimal Hybrid Configuration.",
            &[cite::MINIMAL_HYBRID, cite::HCW_OPTIONS],
        ),
    };
    vec![
        step(
            Shell::Entra,
            "Synchronise the directory",
            sync,
            sync_sources,
        ),
        wizard,
    ]
}

fn outlook_anywhere_test(f: &Facts) -> String {
    if f.source == Source::Exchange2003 {
        format!(
            "Test-MigrationServerAvailability -ExchangeOutlookAnywhere -ExchangeServer {h} -RPCProxyServer {h} -Authentication Basic -EmailAddress {} -Credentials $cred",
            ps(&admin_address(f)),
            h = ps(&f.host)
        )
    } else {
        format!(
            "Test-MigrationServerAvailability -ExchangeOutlookAnywhere -Autodiscover -EmailAddress {} -Credentials $cred",
            ps(&admin_address(f))
        )
    }
}

fn cutover_staged_prerequisites(path: MigrationPath, f: &Facts) -> Vec<Step> {
    let main = if path == MigrationPath::Staged {
        cite::STAGED
    } else {
        cite::CUTOVER
    };
    let mut steps = vec![
        step(
            Shell::ExchangeServer,
            "Publish Outlook Anywhere with a public certificate",
            if f.source == Source::Exchange2003 {
                "Outlook Anywhere (RPC over HTTP) with Basic authentication and a certificate from a public authority naming the Outlook Anywhere host. Exchange 2003 also needs TCP 6001, 6002 and 6004 open, and has no Autodiscover: the endpoint names the Exchange server and the RPC proxy server."
            } else {
                "Outlook Anywhere (RPC over HTTP) with a certificate from a public authority naming the Outlook Anywhere and Autodiscover host names."
            },
            &[main],
        ),
        step(
            Shell::ExchangeOnline,
            "Test the connection from Exchange Online",
            "The test signs in to Outlook Anywhere as the migration account.",
            &[cite::TEST_MIGRATION_SERVER, main],
        )
        .check("The result's `Result` is `Success`.")
        .run(source_credential(f))
        .run(outlook_anywhere_test(f)),
        step(
            Shell::ExchangeServer,
            "Give the migration account its rights",
            if path == MigrationPath::Staged {
                "Full Access on every mailbox (or Receive As on the mailbox databases) and WriteProperty on TargetAddress, or membership of Domain Admins."
            } else {
                "Full Access on every mailbox, or Receive As on the mailbox databases, or membership of Domain Admins."
            },
            &[cite::MIGRATION_PERMISSIONS, main],
        ),
    ];
    if path == MigrationPath::Staged {
        steps.push(step(
            Shell::Entra,
            "Synchronise the directory",
            "A staged migration needs directory synchronisation: it creates the mail-enabled users each batch converts to mailboxes, and brings over the groups and contacts. Users stay managed on premises.",
            &[cite::STAGED, cite::STAGED_KNOW],
        ));
        steps.push(step(
            Shell::ExchangeServer,
            "Prepare the mailboxes",
            "Turn Unified Messaging off for the mailboxes that move.",
            &[cite::STAGED],
        ));
    } else {
        steps.push(step(
            Shell::Entra,
            "Turn directory synchronisation off",
            "A cutover creates the users in the cloud; directory synchronisation must be off before it starts.",
            &[cite::CUTOVER],
        ));
        steps.push(step(
            Shell::ExchangeServer,
            "Prepare the mailboxes",
            "Unhide mailboxes from the address lists, turn Unified Messaging off, and remove managers and delegates that are not migrated. The cutover creates groups as distribution groups: create the mail-enabled security groups you need in Microsoft 365 first.",
            &[cite::CUTOVER],
        ));
    }
    steps
}

fn imap_prerequisites(f: &Facts) -> Vec<Step> {
    vec![
        step(
            Shell::AdminCenter,
            "Create and license the cloud mailboxes",
            "IMAP migration copies mail into mailboxes that already exist, so license them now; add the organisation's domain before creating the users.",
            &[cite::IMAP],
        ),
        step(
            Shell::SourceSystem,
            "Raise the source's connection limits",
            "Raise the total, per-user and per-IP connection limits on the IMAP server, and let Microsoft's datacenter addresses through the firewall.",
            &[cite::IMAP, cite::IMAP_TUNING],
        ),
        step(
            Shell::ExchangeOnline,
            "Test the IMAP server from Exchange Online",
            "The test checks that Exchange Online reaches the server on the given port and security.",
            &[cite::TEST_MIGRATION_SERVER, cite::IMAP_PS],
        )
        .check("The result's `Result` is `Success`.")
        .run(format!(
            "Test-MigrationServerAvailability -Imap -RemoteServer {} -Port {} -Security {}",
            ps(&f.host),
            f.imap_port,
            f.imap_security
        )),
    ]
}

fn google_prerequisites(f: &Facts) -> Vec<Step> {
    vec![
        step(
            Shell::SourceSystem,
            "Create the routing domains",
            &format!(
                "In Google Workspace, a user alias domain routed to Microsoft 365 (o365.{d}: its MX points to Microsoft 365, and it is an accepted domain of the tenant; it is the batches' TargetDeliveryDomain) and one routed to Google (gsuite.{d}); allow up to 24 hours. The tenant's remote domains must allow automatic forwarding.",
                d = f.domain
            ),
            &[cite::GOOGLE_PS],
        ),
        step(
            Shell::ExchangeOnline,
            "Provision mail users",
            &format!(
                "One mail user per Google user: primary address at {d}, ExternalEmailAddress at gsuite.{d}, a proxy address at o365.{d}. Do not license them yet. Turn retention and archive policies off until the migration ends.",
                d = f.domain
            ),
            &[cite::GOOGLE_PS],
        ),
        step(
            Shell::SourceSystem,
            "Prepare Google Workspace",
            "A Google Cloud project and service account with domain-wide delegation and a JSON key; turn on the Gmail, Calendar, Contacts and People APIs and grant the migration scopes (15 minutes to 24 hours to take effect).",
            &[cite::GOOGLE_PS],
        ),
        step(
            Shell::ExchangeOnline,
            "Test the connection to Google",
            "Give the full path of the service account's JSON key and a super administrator's address.",
            &[cite::TEST_MIGRATION_SERVER, cite::GOOGLE_PS],
        )
        .check("The result's `Result` is `Success`.")
        .run("$KeyFile = Read-Host 'Full path of the service account JSON key file'")
        .run(format!(
            "Test-MigrationServerAvailability -Gmail -ServiceAccountKeyFileData ([System.IO.File]::ReadAllBytes($KeyFile)) -EmailAddress {}",
            ps(&format!("admin@{}", f.domain))
        )),
    ]
}

fn cross_tenant_prerequisites() -> Vec<Step> {
    vec![
        step(
            Shell::AdminCenter,
            "Buy the Cross Tenant User Data Migration licences",
            "One per user, assigned in the source or the target tenant; moves fail without it.",
            &[cite::CROSS_TENANT],
        ),
        step(
            Shell::Entra,
            "Create the migration app and organisation relationships",
            "In the target tenant, a multi-tenant app with the Mailbox.Migration permission and a secret, consented in both tenants; MailboxMoveCapability Inbound in the target, RemoteOutbound with a mail-enabled security group of the moving users in the source.",
            &[cite::CROSS_TENANT],
        ),
        step(
            Shell::ExchangeOnline,
            "Prepare the target mail users",
            "Each target mail user carries the source mailbox's ExchangeGuid, ArchiveGuid and LegacyExchangeDN (as an x500 address). License a user only after its ExchangeGuid is stamped, or Exchange Online creates a new, empty mailbox. Mailboxes on hold do not move.",
            &[cite::CROSS_TENANT],
        ),
    ]
}

/// The prerequisite section of a path.
fn prerequisites(path: MigrationPath, f: &Facts) -> Section {
    let mut steps = vec![verify_domain(f)];
    steps.extend(match path {
        MigrationPath::FullHybrid | MigrationPath::MinimalHybrid | MigrationPath::ExpressHybrid => {
            hybrid_prerequisites(path, f)
        }
        MigrationPath::Cutover | MigrationPath::Staged => cutover_staged_prerequisites(path, f),
        MigrationPath::Imap => imap_prerequisites(f),
        MigrationPath::GoogleWorkspace => google_prerequisites(f),
        MigrationPath::CrossTenant => cross_tenant_prerequisites(),
        MigrationPath::ThirdParty => vec![step(
            Shell::Tool,
            "Choose and size the tool",
            "Tools read the source over its own protocols and write through EWS or Graph. Grant the tool an Entra app registration: the ApplicationImpersonation role is gone from Exchange Online. EWS throttling can be relaxed for 30, 60 or 90 days through a support request.",
            &[cite::BEST_PRACTICES],
        )],
    });
    section("prerequisites", "Prerequisites", steps)
}

/// The command that creates the migration endpoint, with the commands before it.
fn endpoint_commands(path: MigrationPath, f: &Facts) -> Vec<String> {
    let endpoint = ps(&f.endpoint);
    match path {
        MigrationPath::FullHybrid | MigrationPath::MinimalHybrid | MigrationPath::ExpressHybrid => {
            vec![
                source_credential(f),
                format!(
                    "New-MigrationEndpoint -ExchangeRemoteMove -Name {endpoint} -RemoteServer {} -Credentials $cred",
                    ps(&f.host)
                ),
            ]
        }
        // Exchange 2003 has no Autodiscover: the endpoint names the server and the RPC proxy,
        // with Basic authentication.
        MigrationPath::Cutover | MigrationPath::Staged if f.source == Source::Exchange2003 => vec![
            source_credential(f),
            format!(
                "New-MigrationEndpoint -ExchangeOutlookAnywhere -Name {endpoint} -ExchangeServer {h} -RpcProxyServer {h} -Authentication Basic -EmailAddress {} -Credentials $cred",
                ps(&admin_address(f)),
                h = ps(&f.host)
            ),
        ],
        MigrationPath::Cutover | MigrationPath::Staged => vec![
            source_credential(f),
            format!(
                "New-MigrationEndpoint -ExchangeOutlookAnywhere -Name {endpoint} -Autodiscover -EmailAddress {} -Credentials $cred",
                ps(&admin_address(f))
            ),
        ],
        MigrationPath::Imap => vec![format!(
            "New-MigrationEndpoint -IMAP -Name {endpoint} -RemoteServer {} -Port {} -Security {}",
            ps(&f.host),
            f.imap_port,
            f.imap_security
        )],
        MigrationPath::GoogleWorkspace => vec![
            "$KeyFile = Read-Host 'Full path of the service account JSON key file'".to_owned(),
            format!(
                "New-MigrationEndpoint -Gmail -Name {endpoint} -ServiceAccountKeyFileData ([System.IO.File]::ReadAllBytes($KeyFile)) -EmailAddress {}",
                ps(&format!("admin@{}", f.domain))
            ),
        ],
        // The credential is the migration app's id and secret.
        MigrationPath::CrossTenant => vec![
            format!(
                "$cred = Get-Credential -UserName {} -Message {}",
                ps(&f.application_id),
                ps("The migration app's secret")
            ),
            format!(
                "New-MigrationEndpoint -ExchangeRemoteMove -Name {endpoint} -RemoteServer 'outlook.office.com' -RemoteTenant {} -ApplicationId {} -Credentials $cred",
                ps(&f.source_tenant),
                ps(&f.application_id)
            ),
        ],
        MigrationPath::ThirdParty => Vec::new(),
    }
}

/// The migration steps of a path, before any batch.
fn migration(path: MigrationPath, f: &Facts) -> Section {
    let mut steps = Vec::new();
    if !is_remote_move(path) {
        steps.push(step(
            Shell::Dns,
            "Lower the MX record's TTL",
            "Set the MX record's TTL to 3,600 seconds or less well before the switch, so the change takes effect quickly.",
            &[cite::CUTOVER],
        ));
    }
    let create = endpoint_commands(path, f);
    if !create.is_empty() {
        let source = match path {
            MigrationPath::Cutover => cite::CUTOVER_PS,
            MigrationPath::Staged => cite::STAGED,
            MigrationPath::Imap => cite::IMAP_PS,
            MigrationPath::GoogleWorkspace => cite::GOOGLE_PS,
            MigrationPath::CrossTenant => cite::CROSS_TENANT,
            _ => cite::HYBRID_MOVES,
        };
        let mut s = step(
            Shell::ExchangeOnline,
            "Create the migration endpoint",
            "One endpoint serves every batch.",
            &[source],
        )
        .check("The endpoint is listed.");
        s.commands = create;
        s.commands.push(format!(
            "Get-MigrationEndpoint -Identity {} | Format-List Identity, EndpointType, MaxConcurrentMigrations",
            ps(&f.endpoint)
        ));
        steps.push(s);
    }
    if path == MigrationPath::ThirdParty {
        steps.push(step(
            Shell::Tool,
            "Run the tool's migration",
            "Follow the tool's documentation for connections, batches and the final sync.",
            &[cite::BEST_PRACTICES],
        ));
    }
    section("migration", "Migration", steps)
}

/// How the batches are built: the path's limits.
#[must_use]
pub fn batch_limits(path: MigrationPath) -> Option<(String, Cite)> {
    use crate::limits::{MAX_BATCHES_PER_TENANT, megabytes, thousands};
    let limits = path.limits();
    let rows = thousands(limits.max_batch_mailboxes);
    Some(match path {
        MigrationPath::Cutover => (
            format!(
                "A cutover moves every mailbox in one batch, with no CSV: at most {rows} mailboxes, and Microsoft advises 150 or fewer. Only one cutover batch can exist at a time."
            ),
            cite::CUTOVER_PS,
        ),
        MigrationPath::Staged => (
            format!(
                "At most {rows} rows per staged batch CSV; batches can run one after another or at the same time."
            ),
            cite::STAGED,
        ),
        MigrationPath::Imap => (
            format!(
                "At most {rows} rows and {} per IMAP batch CSV.",
                megabytes(limits.max_csv_bytes.unwrap_or_default())
            ),
            cite::IMAP_CSV,
        ),
        MigrationPath::FullHybrid
        | MigrationPath::MinimalHybrid
        | MigrationPath::ExpressHybrid
        | MigrationPath::GoogleWorkspace
        | MigrationPath::CrossTenant => (
            format!(
                "A tenant holds at most {MAX_BATCHES_PER_TENANT} migration batches at once: remove each batch once it has completed."
            ),
            cite::MANAGE_BATCHES,
        ),
        MigrationPath::ThirdParty => return None,
    })
}

/// Without a plan: how to create and run the batches, with placeholders for what `mma plan`
/// would name (a cutover has its one batch and no CSV).
#[must_use]
pub fn unplanned_batches(path: MigrationPath, f: &Facts) -> Option<Section> {
    let (limits, limits_cite) = batch_limits(path)?;
    let (title, detail, name, csv) = match path {
        MigrationPath::Cutover => (
            "Create and start the cutover batch",
            format!("{limits} Watch it reach Synced, then license the users and switch MX."),
            "cutover",
            None,
        ),
        _ => (
            "Create and run each batch",
            format!(
                "{limits} Run `mma plan` with the mailbox inventory and permission exports for named batches, their CSV files and dates; each batch runs these commands from the folder `mma plan` wrote."
            ),
            "<batch-name>",
            Some("batches/<batch-name>.csv"),
        ),
    };
    let mut s = step(
        Shell::ExchangeOnline,
        title,
        &detail,
        &[limits_cite, cite::NEW_MIGRATION_BATCH],
    );
    s.commands = batch_commands(path, f, name, csv, &BatchTiming::default());
    Some(section("batches", "Batches", vec![s]))
}

/// When a batch runs: from the plan, or nothing without one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchTiming {
    /// The day its initial sync starts (hybrid and cross-tenant moves are pre-staged).
    pub sync_start: Option<String>,
    /// Its migration day.
    pub date: Option<String>,
    /// For remote moves: when it completes by itself, UTC.
    pub complete_after_utc: Option<String>,
}

fn new_batch(
    path: MigrationPath,
    f: &Facts,
    name: &str,
    csv_data: &str,
    timing: &BatchTiming,
) -> String {
    let mut cmd = format!(
        "New-MigrationBatch -Name {} -SourceEndpoint {}",
        ps(name),
        ps(&f.endpoint)
    );
    if is_remote_move(path) || path == MigrationPath::GoogleWorkspace {
        cmd.push_str(&format!(" -TargetDeliveryDomain {}", ps(&f.delivery)));
    }
    cmd.push_str(csv_data);
    if path == MigrationPath::Imap {
        cmd.push_str(" -ExcludeFolders 'Deleted Items','Junk Email'");
    }
    if let Some(t) = &timing.complete_after_utc {
        cmd.push_str(&format!(" -CompleteAfter {}", ps(t)));
    }
    if !f.notify.is_empty() {
        cmd.push_str(&format!(" -NotificationEmails {}", ps_list(&f.notify)));
    }
    cmd.push_str(" -AutoStart");
    cmd
}

/// The IMAP batch's CSV with the `Password` column filled in memory: from one administrator
/// credential, or from a copy the engineer filled with each user's password.
fn imap_csv(f: &Facts, csv: &str, out: &mut Vec<String>) -> String {
    match f.imap_login {
        Some(
            AdminLoginFormat::Exchange | AdminLoginFormat::Dovecot | AdminLoginFormat::Mirapoint,
        ) => {
            out.push(
                "# The CSV on disk has no password: the administrator's is added in memory."
                    .to_owned(),
            );
            out.push(format!(
                "$imapAdmin = Get-Credential -Message {}",
                ps("The IMAP administrator named in the batch CSV's UserName column")
            ));
            out.push(format!(
                "$rows = Import-Csv -LiteralPath {}",
                plan_file(csv)
            ));
            out.push("foreach ($row in $rows) { $row.Password = $imapAdmin.GetNetworkCredential().Password }".to_owned());
            out.push("$csvData = [System.Text.Encoding]::UTF8.GetBytes((($rows | ConvertTo-Csv -NoTypeInformation) -join \"`r`n\"))".to_owned());
            " -CSVData $csvData".to_owned()
        }
        _ => {
            out.push("# Each user's own password: fill the Password column of a copy of the batch CSV kept off shared storage, then delete the copy once the batch is created.".to_owned());
            out.push(
                "$FilledCsv = Read-Host 'Full path of the copy with passwords filled in'"
                    .to_owned(),
            );
            " -CSVData ([System.IO.File]::ReadAllBytes($FilledCsv))".to_owned()
        }
    }
}

/// The commands that run one batch.
#[must_use]
pub fn batch_commands(
    path: MigrationPath,
    f: &Facts,
    name: &str,
    csv: Option<&str>,
    timing: &BatchTiming,
) -> Vec<String> {
    let batch = ps(name);
    let mut out = Vec::new();
    if path == MigrationPath::ThirdParty {
        return out;
    }
    if is_remote_move(path)
        && let Some(start) = &timing.sync_start
    {
        out.push(format!(
            "# On {start}: create and start the batch, ahead of its window by Microsoft's 90th-percentile sync time."
        ));
    }
    let csv_data = match csv {
        Some(c) if path == MigrationPath::Imap => {
            out.push(PLAN_FOLDER.to_owned());
            imap_csv(f, c, &mut out)
        }
        Some(c) => {
            out.push(PLAN_FOLDER.to_owned());
            format!(
                " -CSVData ([System.IO.File]::ReadAllBytes({}))",
                plan_file(c)
            )
        }
        None => String::new(),
    };
    out.push(new_batch(path, f, name, &csv_data, timing));
    if path == MigrationPath::Imap && csv.is_some() {
        out.push("Remove-Variable -Name rows, csvData, imapAdmin, FilledCsv -ErrorAction SilentlyContinue".to_owned());
    }
    out.push(format!(
        "Get-MigrationBatch -Identity {batch} | Format-List Status, TotalCount, SyncedCount, FailedCount"
    ));
    match path {
        MigrationPath::FullHybrid | MigrationPath::MinimalHybrid | MigrationPath::ExpressHybrid | MigrationPath::CrossTenant => {
            match &timing.date {
                Some(day) => out.push(format!(
                    "# On {day}, a few hours before the window: a last incremental sync, and approve skipped items if any."
                )),
                None => out.push("# Shortly before completing: a last incremental sync, and approve skipped items if any.".to_owned()),
            }
            out.push(format!("Set-MigrationBatch -Identity {batch} -SyncNow"));
            out.push(format!(
                "Set-MigrationBatch -Identity {batch} -ApproveSkippedItems"
            ));
            if timing.complete_after_utc.is_none() {
                out.push(format!("Complete-MigrationBatch -Identity {batch}"));
            }
            out.push("# When the batch shows Completed:".to_owned());
            out.push(format!(
                "Remove-MigrationBatch -Identity {batch} -Confirm:$false"
            ));
        }
        MigrationPath::GoogleWorkspace => {
            out.push("# Once the batch has started, its mail users are mailboxes: license them now.".to_owned());
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
        MigrationPath::Staged => out.push(
            "# When the batch shows Synced: convert its mailboxes to mail-enabled users (After each batch). Keep the batch until MX has moved (DNS)."
                .to_owned(),
        ),
        MigrationPath::Cutover | MigrationPath::Imap => out.push(
            "# Keep the batch: it syncs every 24 hours until it is removed after the MX switch (DNS)."
                .to_owned(),
        ),
        MigrationPath::ThirdParty => {}
    }
    out
}

fn scp_step(f: &Facts) -> Option<Step> {
    let (cmdlet, page) = match f.source {
        Source::Exchange2016 | Source::Exchange2019 | Source::ExchangeSe => {
            ("ClientAccessService", cite::SET_CLIENT_ACCESS_SERVICE)
        }
        Source::Exchange2010 | Source::Exchange2013 => {
            ("ClientAccessServer", cite::SET_CLIENT_ACCESS_SERVER)
        }
        // Exchange 2007's Set-ClientAccessServer is outside Microsoft's current cmdlet
        // reference: say what to do, without a command the reference cannot vouch for.
        Source::Exchange2007 => {
            return Some(step(
                Shell::ExchangeServer,
                "Clear the Autodiscover service connection point",
                "If an Exchange 2007 server stays, clear `AutoDiscoverServiceInternalUri` on each Client Access server (`Set-ClientAccessServer` in the Exchange 2007 shell) so Outlook stops finding it.",
                &[cite::CUTOVER],
            ));
        }
        // Exchange 2003 has no Autodiscover service connection point.
        _ => return None,
    };
    Some(
        step(
            Shell::ExchangeServer,
            "Clear the Autodiscover service connection point",
            "If an Exchange server stays, clear its service connection point so domain-joined Outlook stops finding it.",
            &[cite::CUTOVER, page],
        )
        .run(format!(
            "Get-{cmdlet} | Set-{cmdlet} -AutoDiscoverServiceInternalUri $null"
        )),
    )
}

fn remove_batches(names: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(names.len() + 1);
    out.push(
        "Get-MigrationUser | Format-Table Identity, BatchId, Status, LastSuccessfulSyncTime"
            .to_owned(),
    );
    for n in names {
        out.push(format!(
            "Remove-MigrationBatch -Identity {} -Confirm:$false",
            ps(n)
        ));
    }
    out
}

fn dns(path: MigrationPath, f: &Facts, batches: &[String]) -> Section {
    let mut dns = Vec::new();
    match path {
        MigrationPath::Cutover | MigrationPath::Staged | MigrationPath::Imap => {
            if path == MigrationPath::Cutover {
                dns.push(
                    step(
                        Shell::AdminCenter,
                        "Assign licences",
                        "When the batch shows Synced, assign each new user an Exchange Online licence (within 30 days, or the mailbox is disabled).",
                        &[cite::CUTOVER, cite::CUTOVER_PS],
                    )
                    .check("Under Users > Active users, every migrated user has a licence."),
                );
            }
            let source = match path {
                MigrationPath::Imap => cite::IMAP,
                MigrationPath::Staged => cite::STAGED,
                _ => cite::CUTOVER,
            };
            dns.push(step(
                Shell::Dns,
                "Point MX to Microsoft 365",
                &format!(
                    "Once every batch has synced, switch the MX record of {} to Exchange Online; the change can take up to 72 hours to reach every sender. Mail still reaching the source is copied only while its batch exists.",
                    f.domain
                ),
                &[source],
            ));
            let mut remove = step(
                Shell::ExchangeOnline,
                "Remove the batches after 72 hours",
                "At least 72 hours after the MX switch, and once each user's last successful sync is later than the switch, remove the batches: that stops the sync.",
                &[source, cite::MANAGE_BATCHES],
            )
            .check("Every `LastSuccessfulSyncTime` is later than the MX switch.");
            remove.commands = if path == MigrationPath::Imap {
                let mut c: Vec<String> = batches
                    .iter()
                    .map(|n| format!("Set-MigrationBatch -Identity {} -SyncNow", ps(n)))
                    .collect();
                c.extend(remove_batches(batches));
                c
            } else {
                remove_batches(batches)
            };
            dns.push(remove);
        }
        MigrationPath::GoogleWorkspace => dns.push(step(
            Shell::Dns,
            "Switch the primary MX after the last batch",
            &format!(
                "When every batch has completed, point the MX record of {d} to Microsoft 365, then remove the routing domains and aliases (o365.{d}, gsuite.{d}).",
                d = f.domain
            ),
            &[cite::GOOGLE_PS],
        )),
        MigrationPath::CrossTenant => dns.push(step(
            Shell::AdminCenter,
            "Move the domain to the target tenant",
            &format!(
                "A domain belongs to one tenant at a time: once the last batch has completed, remove {} from every object of the source tenant and the source tenant itself, add and verify it in the target tenant, then point MX and Autodiscover to it.",
                f.domain
            ),
            &[cite::CROSS_TENANT],
        )),
        MigrationPath::ThirdParty => dns.push(step(
            Shell::Dns,
            "Point MX to Microsoft 365",
            &format!(
                "When the tool's last pass is done, switch the MX record of {} to Exchange Online.",
                f.domain
            ),
            &[cite::ADD_DOMAIN],
        )),
        MigrationPath::FullHybrid | MigrationPath::MinimalHybrid | MigrationPath::ExpressHybrid => dns.push(step(
            Shell::Dns,
            "Point MX and Autodiscover to Exchange Online when the last mailbox has moved",
            &format!(
                "Switch the MX record of {} to Exchange Online, and Autodiscover (internal and external DNS) to autodiscover.outlook.com.",
                f.domain
            ),
            &[cite::DECOMMISSION],
        )),
    }
    if matches!(path, MigrationPath::Cutover | MigrationPath::Staged) {
        dns.push(step(
            Shell::Dns,
            "Point Autodiscover to Exchange Online",
            "A CNAME record autodiscover → autodiscover.outlook.com, so Outlook finds the new mailboxes.",
            &[cite::CUTOVER],
        ));
        dns.extend(scp_step(f));
    }
    section("dns", "DNS", dns)
}

fn post(path: MigrationPath) -> Section {
    let mut post = Vec::new();
    let licence = match path {
        MigrationPath::Cutover
        | MigrationPath::MinimalHybrid
        | MigrationPath::ExpressHybrid
        | MigrationPath::ThirdParty => None,
        MigrationPath::Imap => Some((
            "Every mailbox was licensed before its batch; check that none has lost its licence.",
            cite::IMAP,
        )),
        MigrationPath::GoogleWorkspace => Some((
            "License each user only after its batch has turned the mail user into a mailbox, and within 30 days.",
            cite::GOOGLE_PS,
        )),
        MigrationPath::CrossTenant => Some((
            "License each user only after its ExchangeGuid is stamped, and within 30 days.",
            cite::CROSS_TENANT,
        )),
        MigrationPath::Staged => Some((
            "Assign an Exchange Online licence to every migrated user within 30 days, or the mailbox is disabled.",
            cite::STAGED,
        )),
        MigrationPath::FullHybrid => Some((
            "Assign an Exchange Online licence to every moved user within 30 days of its move; licensing a synced user whose mailbox is still on premises does not create a second mailbox.",
            cite::HYBRID_MOVES,
        )),
    };
    if let Some((detail, source)) = licence {
        post.push(
            step(
                Shell::ExchangeOnline,
                "Check licences",
                detail,
                &[source, cite::PROPERTY_SETS],
            )
            .check("The command lists no mailbox.")
            .run(LICENCE_CHECK),
        );
    }
    if matches!(
        path,
        MigrationPath::Cutover | MigrationPath::Staged | MigrationPath::CrossTenant
    ) {
        post.push(step(
            Shell::Outlook,
            "New Outlook profiles",
            "Users create a new Outlook profile and download their mailbox again; send the after-migration message below.",
            &[match path {
                MigrationPath::CrossTenant => cite::CROSS_TENANT,
                MigrationPath::Staged => cite::STAGED,
                _ => cite::CUTOVER,
            }],
        ));
    }
    if path.is_hybrid() {
        post.push(step(
            Shell::ExchangeOnline,
            "Carry over what the move does not",
            "Forwarding settings are not copied: export them before each batch and set them again after. Send As works across premises only when granted on both sides: add it in Exchange Online for moved mailboxes.",
            &[cite::HYBRID_MOVES, cite::HYBRID_PERMISSIONS],
        ));
    } else {
        post.push(step(
            Shell::ExchangeOnline,
            "Re-grant permissions",
            "This path does not carry mailbox permissions: add Full Access, Send As, Send on Behalf and folder permissions again in Exchange Online.",
            &[cite::HYBRID_PERMISSIONS],
        ));
    }
    if path == MigrationPath::Imap {
        post.push(step(
            Shell::Outlook,
            "Contacts and calendars",
            "IMAP moves mail only: users import contacts and calendars themselves, or from PST files.",
            &[cite::IMAP],
        ));
    }
    section("post-migration", "After the migration", post)
}

fn decommission(path: MigrationPath) -> Section {
    let s = match path {
        MigrationPath::FullHybrid | MigrationPath::MinimalHybrid | MigrationPath::ExpressHybrid => {
            step(
                Shell::ExchangeServer,
                "Decommission, keeping one management server",
                "While Entra Connect synchronises the directory, keep one Exchange server (Exchange SE or another supported version) to manage recipients; remove the rest. Going cloud-only: remove the hybrid connectors and organisation relationship, then turn synchronisation off.",
                &[cite::DECOMMISSION],
            )
        }
        MigrationPath::GoogleWorkspace => step(
            Shell::SourceSystem,
            "Decommission Google Workspace",
            "After the MX switch and the last completed batch, remove the routing domains and close the Google Workspace subscription.",
            &[cite::GOOGLE_PS],
        ),
        MigrationPath::CrossTenant => step(
            Shell::SourceSystem,
            "Retire the source accounts",
            "Moved mailboxes become mail users in the source tenant that point at the target; retire them as the organisation's retention rules allow.",
            &[cite::CROSS_TENANT],
        ),
        MigrationPath::ThirdParty => step(
            Shell::SourceSystem,
            "Retire the source system",
            "When nothing reaches the source any more and the tool's last pass is verified, retire it as the organisation's retention rules allow.",
            &[cite::BEST_PRACTICES],
        ),
        MigrationPath::Imap => step(
            Shell::SourceSystem,
            "Retire the IMAP server",
            "When the batches are removed and nothing reaches the server any more, retire it.",
            &[cite::IMAP],
        ),
        MigrationPath::Cutover | MigrationPath::Staged => step(
            Shell::ExchangeServer,
            "Decommission the source",
            "When nothing reaches the source any more, uninstall Exchange (contact Microsoft support first); if directory synchronisation still manages recipients, keep one server.",
            &[if path == MigrationPath::Staged {
                cite::STAGED
            } else {
                cite::CUTOVER
            }],
        ),
    };
    section("decommissioning", "Decommissioning", vec![s])
}

/// The staged path's work after each batch has synced.
fn after_each_batch(f: &Facts) -> Section {
    let (script, page) = if f.source == Source::Exchange2003 {
        ("the Exchange 2003 VBScript", cite::CONVERT_2003)
    } else {
        ("Exchange2007MBtoMEU.ps1", cite::CONVERT_2007)
    };
    section(
        "after-each-batch",
        "After each batch",
        vec![step(
            Shell::ExchangeServer,
            "Convert the batch's mailboxes to mail-enabled users",
            &format!(
                "Once a batch shows Synced, convert its on-premises mailboxes to mail-enabled users with Microsoft's scripts (ExportO365UserInfo.ps1 in Exchange Online PowerShell, then {script} on premises): they copy the cloud mailboxes' proxy addresses so Active Directory stays authoritative and Outlook finds the new mailbox. Users then create new Outlook profiles."
            ),
            &[page, cite::STAGED],
        )],
    )
}

fn label(mut sections: Vec<Section>, f: &Facts) -> Vec<Section> {
    for s in &mut sections {
        for st in &mut s.steps {
            st.runs_in = st.shell.label(f);
        }
    }
    sections
}

/// The sections of a runbook for `path`: those before the batches, and those after, whose
/// commands name `batches` (the plan's batch names, or a placeholder).
#[must_use]
pub fn sections(
    path: MigrationPath,
    f: &Facts,
    batches: &[String],
) -> (Vec<Section>, Vec<Section>) {
    let mut closing = Vec::new();
    if path == MigrationPath::Staged {
        closing.push(after_each_batch(f));
    }
    closing.push(dns(path, f, batches));
    closing.push(post(path));
    closing.push(decommission(path));
    (
        label(vec![prerequisites(path, f), migration(path, f)], f),
        label(closing, f),
    )
}

/// Labels the steps of a section built elsewhere (the batches without a plan).
#[must_use]
pub fn labelled(section: Section, f: &Facts) -> Section {
    label(vec![section], f).remove(0)
}

/// The pitfalls that apply to `path`, each with its source.
#[must_use]
pub fn pitfalls(path: MigrationPath) -> Vec<Step> {
    let p = |text: &str, source: Cite| step(Shell::ExchangeOnline, text, "", &[source]);
    let mut out = Vec::new();
    if !matches!(path, MigrationPath::Cutover | MigrationPath::ThirdParty) {
        out.push(p(
            "Batch CSVs fail on unknown or misspelt columns: use the files mma wrote as they are.",
            cite::CSV_FILES,
        ));
    }
    match path {
        MigrationPath::FullHybrid | MigrationPath::MinimalHybrid | MigrationPath::ExpressHybrid => {
            out.push(p("Every user needs a proxy address in the TargetDeliveryDomain, or the move fails with \"The target mailbox doesn't have an SMTP proxy matching\".", cite::HYBRID_MOVES));
            out.push(p("MRS Proxy off, Windows authentication off on EWS, or a pre-authenticating reverse proxy in front of /EWS/mrsproxy.svc fail every move.", cite::HYBRID_PREREQUISITES));
            out.push(p("Batches wait at Synced until skipped items are approved (Set-MigrationBatch -ApproveSkippedItems).", cite::SET_MIGRATION_BATCH));
            out.push(p(
                "A tenant holds at most 100 migration batches: remove completed ones.",
                cite::MANAGE_BATCHES,
            ));
            out.push(p("Send As, auto-mapping and folder permissions do not work across premises: keep those mailboxes in one batch, or re-grant after the later move.", cite::HYBRID_PERMISSIONS));
        }
        MigrationPath::Cutover | MigrationPath::Staged => {
            out.push(p("Removing a batch less than 72 hours after the MX switch loses mail that still reached the source.", cite::CUTOVER));
            out.push(p("Users need new Outlook profiles; stale Autodiscover records (service connection point, SRV) keep Outlook pointing at the old server.", cite::CUTOVER));
            if path == MigrationPath::Staged {
                out.push(p(
                    "The Out of Office text is not migrated; every staged batch needs its CSV.",
                    cite::STAGED_KNOW,
                ));
            }
        }
        MigrationPath::Imap => {
            out.push(p("Users who change their password during the migration break incremental sync; prefer administrator credentials.", cite::IMAP));
            out.push(p("The IMAP batch CSV's Password column is required: commands.ps1 fills it in memory; never keep a filled copy.", cite::IMAP_CSV));
            out.push(p("Retention and archive policies on the target during the migration show up as missing items.", cite::IMAP));
        }
        MigrationPath::GoogleWorkspace => {
            out.push(p("Existing cloud mailboxes collide with the mail users (\"The proxy address … is already being used\").", cite::GOOGLE_PS));
            out.push(p("Licensing a mail user before its batch converts it provisions an empty mailbox that blocks the migration.", cite::GOOGLE_PS));
            out.push(p(
                "Completion fails if the Google organisation blocks automatic forwarding.",
                cite::GOOGLE_PS,
            ));
            out.push(p("Wrong scopes or delegation that has not propagated fail the batch after it starts.", cite::GOOGLE_PS));
        }
        MigrationPath::CrossTenant => {
            out.push(p("A missing or different ExchangeGuid fails the move; licensing before it is stamped creates an empty mailbox; mailboxes on hold do not move.", cite::CROSS_TENANT));
        }
        MigrationPath::ThirdParty => {
            out.push(p("Tools configured with the retired ApplicationImpersonation role fail: use an Entra app.", cite::BEST_PRACTICES));
        }
    }
    out
}
