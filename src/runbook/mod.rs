//! Runbooks, PowerShell and user communications: one `Serialize` view model per document, built
//! from the answers, the recommendation and (optionally) a plan, rendered by Tera templates that
//! are embedded in the binary and can be overridden by name from a directory.

pub mod steps;

use serde::Serialize;

use crate::answers::{Answers, Path};
use crate::plan::output::gib;
use crate::plan::{Plan, slug};
use crate::recommend::Recommendation;

use self::steps::{Facts, Section, Step};

/// The built-in templates: name (as rendered and as overridden) and text. `section.*` are
/// partials the runbooks include for each section.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("section.md", include_str!("templates/section.md.tera")),
    ("section.html", include_str!("templates/section.html.tera")),
    ("runbook.md", include_str!("templates/runbook.md.tera")),
    ("runbook.html", include_str!("templates/runbook.html.tera")),
    ("commands.ps1", include_str!("templates/commands.ps1.tera")),
    (
        "communications.md",
        include_str!("templates/communications.md.tera"),
    ),
];

/// A batch as the runbook shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BatchView {
    /// Position.
    pub number: usize,
    /// Batch name.
    pub name: String,
    /// CSV file, relative to the plan directory.
    pub file: Option<String>,
    /// Whether it is the pilot.
    pub pilot: bool,
    /// Migration day.
    pub date: String,
    /// Window, local time.
    pub window: String,
    /// Members.
    pub mailboxes: usize,
    /// Data, human.
    pub data: String,
    /// Hours at the given throughput, human.
    pub estimate: String,
    /// Microsoft's p50 days.
    pub p50_days: u32,
    /// Microsoft's p90 days.
    pub p90_days: u32,
    /// `CompleteAfter`, UTC.
    pub complete_after_utc: Option<String>,
    /// The commands for this batch.
    pub commands: Vec<String>,
}

/// A permission link that breaks, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkView {
    /// The mailbox.
    pub mailbox: String,
    /// The delegate.
    pub delegate: String,
    /// The right.
    pub right: String,
    /// Batch numbers, `3 → 5`.
    pub batches: String,
    /// Why it breaks.
    pub reason: String,
}

/// A migration day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DayView {
    /// The date.
    pub date: String,
    /// Batch names that day.
    pub batches: Vec<String>,
    /// Mailboxes that day.
    pub mailboxes: usize,
}

/// The plan, as the runbook shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanView {
    /// Mailboxes.
    pub mailboxes: usize,
    /// Data, human.
    pub data: String,
    /// The batches.
    pub batches: Vec<BatchView>,
    /// Broken links (the first 500).
    pub broken_links: Vec<LinkView>,
    /// Broken links beyond those listed.
    pub broken_more: usize,
    /// Hubs: address and degree.
    pub hubs: Vec<(String, usize)>,
    /// Day by day.
    pub calendar: Vec<DayView>,
    /// The plan's warnings.
    pub warnings: Vec<String>,
}

/// One message: its subject and body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Subject line.
    pub subject: String,
    /// Body.
    pub body: String,
}

/// The messages for the users of one batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Communication {
    /// Batch name.
    pub batch: String,
    /// Its migration day (or a placeholder).
    pub date: String,
    /// Mailboxes.
    pub mailboxes: usize,
    /// A week before.
    pub announcement: Message,
    /// The day before.
    pub reminder: Message,
    /// On the day.
    pub day_of: Message,
    /// After the move.
    pub after: Message,
}

/// An alternative path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AlternativeView {
    /// Name.
    pub path: String,
    /// Title.
    pub title: String,
    /// When to prefer it.
    pub when: String,
}

/// Everything a runbook template can show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunbookView {
    /// `mma <version>`.
    pub tool: String,
    /// The organisation.
    pub organization: String,
    /// The path's name and title.
    pub path: String,
    /// The path's title.
    pub path_title: String,
    /// Whether the answers chose the path rather than the table.
    pub chosen: bool,
    /// The rule and its line.
    pub rule: String,
    /// Its line in decision-table.csv.
    pub rule_line: u32,
    /// Why the rule recommends its path.
    pub why: String,
    /// Source system.
    pub source: String,
    /// Mailboxes in the answers.
    pub mailboxes: u32,
    /// Tenant domain (or a placeholder).
    pub tenant: String,
    /// Hybrid `TargetDeliveryDomain` (or a placeholder).
    pub delivery_domain: String,
    /// Source host (or a placeholder).
    pub source_host: String,
    /// Time zone of dates.
    pub time_zone: String,
    /// Answers the runbook needed and did not find (shown as placeholders).
    pub missing: Vec<String>,
    /// The recommendation's warnings.
    pub warnings: Vec<String>,
    /// Other paths.
    pub alternatives: Vec<AlternativeView>,
    /// Sections before the batches.
    pub sections: Vec<Section>,
    /// Sections after the batches.
    pub closing: Vec<Section>,
    /// Pitfalls for the path.
    pub pitfalls: Vec<Step>,
    /// The plan, when given.
    pub plan: Option<PlanView>,
    /// User communications per batch (one generic set without a plan).
    pub communications: Vec<Communication>,
}

/// What changes for a user on `path`, for the messages.
fn user_change(path: Path) -> (&'static str, &'static str) {
    match path {
        Path::FullHybrid | Path::MinimalHybrid | Path::ExpressHybrid => (
            "Your mailbox moves to Exchange Online in the background. Outlook may ask you to restart it once; nothing else changes.",
            "Nothing to do: keep using Outlook as before. If Outlook asks you to restart, do so.",
        ),
        Path::Cutover | Path::Staged | Path::CrossTenant => (
            "Your mailbox moves to Exchange Online. Afterwards you create a new Outlook profile and sign in with your Microsoft 365 account.",
            "Create a new Outlook profile (Control Panel > Mail > Show Profiles > Add) and sign in with your Microsoft 365 account; Outlook downloads your mailbox again.",
        ),
        Path::Imap => (
            "Your mail folders are copied to your new Microsoft 365 mailbox. Calendars and contacts are not copied: export them beforehand.",
            "Sign in to Outlook on the web with your Microsoft 365 account, set your time zone, and import your contacts and calendar.",
        ),
        Path::GoogleWorkspace => (
            "Your Gmail, calendar and contacts are copied to Microsoft 365. Mail filters arrive turned off, and vacation replies are not copied.",
            "Sign in to Outlook with your Microsoft 365 account; turn your mail rules back on and set your vacation reply again.",
        ),
        Path::ThirdParty => (
            "Your mailbox is copied to Microsoft 365 by the migration tool.",
            "Sign in to Outlook with your Microsoft 365 account.",
        ),
    }
}

fn communication(
    org: &str,
    path: Path,
    batch: &str,
    date: &str,
    mailboxes: usize,
) -> Communication {
    let (before, after) = user_change(path);
    Communication {
        batch: batch.to_owned(),
        date: date.to_owned(),
        mailboxes,
        announcement: Message {
            subject: format!("Your mailbox moves to Microsoft 365 on {date}"),
            body: format!(
                "{org} is moving email to Microsoft 365. Your mailbox is in batch {batch}, which moves on {date}. {before} Please keep working as usual until then."
            ),
        },
        reminder: Message {
            subject: format!("Reminder: your mailbox moves tomorrow ({date})"),
            body: format!(
                "Your mailbox moves tomorrow. Please close Outlook at the end of your working day. {before}"
            ),
        },
        day_of: Message {
            subject: "Your mailbox is moving today".to_owned(),
            body: format!(
                "Your mailbox is moving today ({date}). You can keep reading and sending mail; some messages may appear a little later than usual."
            ),
        },
        after: Message {
            subject: "Your mailbox is now in Microsoft 365".to_owned(),
            body: format!(
                "Your mailbox has moved. {after} Contact the helpdesk if anything is missing."
            ),
        },
    }
}

/// The runbook's view of `answers`, their recommendation and an optional plan. Answers the
/// runbook needs but the file lacks become clear placeholders, listed in `missing`.
#[must_use]
pub fn view(answers: &Answers, rec: &Recommendation, plan: Option<&Plan>) -> RunbookView {
    let path = rec.path;
    let mut missing = Vec::new();
    let tenant = match &answers.tenant {
        Some(t) => t.domain.clone(),
        None => {
            missing.push("tenant.domain: the tenant's <name>.onmicrosoft.com domain".to_owned());
            "<tenant>.onmicrosoft.com".to_owned()
        }
    };
    let delivery = tenant.strip_suffix(".onmicrosoft.com").map_or_else(
        || "<tenant>.mail.onmicrosoft.com".to_owned(),
        |name| format!("{name}.mail.onmicrosoft.com"),
    );
    let domain = match answers
        .tenant
        .as_ref()
        .and_then(|t| t.accepted_domains.first())
    {
        Some(d) => d.clone(),
        None => {
            missing.push("tenant.accepted_domains: the organisation's mail domain".to_owned());
            "<your-domain>".to_owned()
        }
    };
    let server = answers.source_server.as_ref();
    let needs_host = !matches!(
        path,
        Path::GoogleWorkspace | Path::CrossTenant | Path::ThirdParty
    );
    let host = match server {
        Some(s) => s.hostname.clone(),
        None => {
            if needs_host {
                missing.push(
                    "source_server.hostname: the source server's public host name".to_owned(),
                );
            }
            "<source-server>".to_owned()
        }
    };
    let security = server.and_then(|s| s.security).map_or("Ssl", |s| match s {
        crate::answers::model::Security::Ssl => "Ssl",
        crate::answers::model::Security::Tls => "Tls",
        crate::answers::model::Security::None => "None",
    });
    let facts = Facts {
        organization: answers.organization.clone(),
        source: answers.source,
        tenant: tenant.clone(),
        delivery: delivery.clone(),
        domain,
        host: host.clone(),
        endpoint: format!("{}-{}", slug(&answers.organization), slug(path.name())),
        imap_port: server.and_then(|s| s.port).unwrap_or(993),
        imap_security: security.to_owned(),
        mailboxes: answers.mailboxes,
    };
    let (mut sections, closing) = steps::sections(path, &facts);
    if plan.is_none() {
        sections.extend(steps::unplanned_batches(path, &facts));
    }
    let time_zone = answers
        .schedule
        .as_ref()
        .and_then(|s| s.time_zone.clone())
        .unwrap_or_else(|| "UTC".to_owned());
    let plan_view = plan.map(|p| {
        let batches: Vec<BatchView> = p
            .batches
            .iter()
            .map(|b| BatchView {
                number: b.number,
                name: b.name.clone(),
                file: b.file.clone(),
                pilot: b.pilot,
                date: b
                    .date
                    .clone()
                    .unwrap_or_else(|| "<not scheduled>".to_owned()),
                window: b.window.clone().unwrap_or_else(|| "<no window>".to_owned()),
                mailboxes: b.members.len(),
                data: gib(b.bytes),
                estimate: b
                    .estimate
                    .hours
                    .map_or_else(|| "<no throughput given>".to_owned(), |h| format!("{h} h")),
                p50_days: b.estimate.p50_days,
                p90_days: b.estimate.p90_days,
                complete_after_utc: b.complete_after_utc.clone(),
                commands: steps::batch_commands(
                    path,
                    &facts,
                    &b.name,
                    b.file.as_deref(),
                    b.complete_after_utc.as_deref(),
                ),
            })
            .collect();
        let mut calendar: Vec<DayView> = Vec::new();
        for b in &batches {
            match calendar.last_mut() {
                Some(day) if day.date == b.date => {
                    day.batches.push(b.name.clone());
                    day.mailboxes += b.mailboxes;
                }
                _ => calendar.push(DayView {
                    date: b.date.clone(),
                    batches: vec![b.name.clone()],
                    mailboxes: b.mailboxes,
                }),
            }
        }
        const SHOWN: usize = 500;
        PlanView {
            mailboxes: p.totals.mailboxes,
            data: gib(p.totals.bytes),
            batches,
            broken_links: p
                .broken_links
                .iter()
                .take(SHOWN)
                .map(|l| LinkView {
                    mailbox: l.mailbox.clone(),
                    delegate: l.delegate.clone(),
                    right: l.right.name().to_owned(),
                    batches: format!("{} → {}", l.mailbox_batch, l.delegate_batch),
                    reason: l.reason.clone(),
                })
                .collect(),
            broken_more: p.broken_links.len().saturating_sub(SHOWN),
            hubs: p
                .hubs
                .iter()
                .map(|h| (h.address.clone(), h.degree))
                .collect(),
            calendar,
            warnings: p.warnings.clone(),
        }
    });
    let communications = match &plan_view {
        Some(p) => p
            .batches
            .iter()
            .map(|b| communication(&answers.organization, path, &b.name, &b.date, b.mailboxes))
            .collect(),
        None => vec![communication(
            &answers.organization,
            path,
            "<batch>",
            "<date>",
            answers.mailboxes as usize,
        )],
    };
    RunbookView {
        tool: format!("mma {}", env!("CARGO_PKG_VERSION")),
        organization: answers.organization.clone(),
        path: path.name().to_owned(),
        path_title: path.title().to_owned(),
        chosen: rec.path != rec.recommended,
        rule: rec.rule.id.to_owned(),
        rule_line: rec.rule.line,
        why: rec.why.to_owned(),
        source: answers.source.name().to_owned(),
        mailboxes: answers.mailboxes,
        tenant,
        delivery_domain: delivery,
        source_host: host,
        time_zone,
        missing,
        warnings: rec.warnings.iter().map(|w| w.message.clone()).collect(),
        alternatives: rec
            .alternatives
            .iter()
            .map(|a| AlternativeView {
                path: a.path.name().to_owned(),
                title: a.title.to_owned(),
                when: a.when.to_owned(),
            })
            .collect(),
        sections,
        closing,
        pitfalls: steps::pitfalls(path),
        plan: plan_view,
        communications,
    }
}

/// A template problem: which template, where, what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub use crate::markdown::escape_markdown;

/// The templates, parsed up front: the built-ins, then any override by name.
#[derive(Debug)]
pub struct Templates {
    tera: tera::Tera,
}

fn tera_error(e: &tera::Error) -> TemplateError {
    use std::error::Error as _;
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(&format!("\n{s}"));
        source = s.source();
    }
    TemplateError(message)
}

impl Templates {
    /// The built-in templates, with `overrides` (name, text) replacing those of the same name.
    ///
    /// # Errors
    /// A template that does not parse, named, with line and column; an override whose name is
    /// not a built-in template.
    pub fn new(overrides: &[(String, String)]) -> Result<Self, TemplateError> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        tera.register_filter("md", |s: &str, _: tera::Kwargs, _: &tera::State| {
            escape_markdown(s)
        });
        tera.register_filter("ps", |s: &str, _: tera::Kwargs, _: &tera::State| {
            steps::ps(s)
        });
        tera.register_filter("comment", |s: &str, _: tera::Kwargs, _: &tera::State| {
            s.replace(['\n', '\r'], " ")
        });
        tera.add_raw_templates(TEMPLATES.iter().copied())
            .map_err(|e| tera_error(&e))?;
        for (name, text) in overrides {
            if !TEMPLATES.iter().any(|(n, _)| n == name) {
                return Err(TemplateError(format!(
                    "`{name}.tera` overrides no template; the templates are {}",
                    TEMPLATES
                        .iter()
                        .map(|(n, _)| format!("`{n}.tera`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            tera.add_raw_template(name, text)
                .map_err(|e| tera_error(&e))?;
        }
        Ok(Self { tera })
    }

    /// Renders template `name` with `view`.
    ///
    /// # Errors
    /// An error while rendering (an undefined variable in an override), located.
    pub fn render(&self, name: &str, view: &RunbookView) -> Result<String, TemplateError> {
        let context = tera::Context::from_serialize(view).map_err(|e| tera_error(&e))?;
        self.tera.render(name, &context).map_err(|e| tera_error(&e))
    }
}
