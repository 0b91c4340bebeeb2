//! Runbooks, PowerShell and user communications: one `Serialize` view model per document, built
//! from the answers, the recommendation and (optionally) a plan, rendered by the templates of
//! [`crate::render`]. What users are told comes from `messages.txt`, rendered per batch as plain
//! text before the documents that show it escape it for their format.

pub mod cite;
pub mod steps;

use serde::Serialize;

pub use crate::markdown::escape_markdown;
pub use crate::render::{TemplateError, Templates};

use crate::answers::{Answers, MigrationPath};
use crate::plan::output::{HubSummary, gib, hub_summaries, person_links};
use crate::plan::{Plan, slug};
use crate::recommend::Recommendation;
use crate::render::{Template, View, ViewKind};

use self::steps::{BatchTiming, Facts, Section, Shell, Step};

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
    /// For remote moves: the day to create and start it.
    pub sync_start: Option<String>,
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
    /// What the split does to the right on this path.
    pub impact: String,
}

/// A migration day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DayView {
    /// The date.
    pub date: String,
    /// Batches created and started that day (remote moves are pre-staged).
    pub sync_starts: Vec<String>,
    /// Batch names that migrate (or complete) that day.
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
    /// Broken links that are not a hub's (the first 500).
    pub broken_links: Vec<LinkView>,
    /// Such links beyond those listed.
    pub broken_more: usize,
    /// Hubs, each with a summary of its links across batches.
    pub hubs: Vec<HubSummary>,
    /// Day by day.
    pub calendar: Vec<DayView>,
    /// The plan's warnings.
    pub warnings: Vec<String>,
}

/// One message: its subject and body, as rendered from `messages.txt`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Subject line.
    pub subject: String,
    /// Body.
    pub body: String,
}

/// A batch whose users are told about their move.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Communication {
    /// Batch name.
    pub batch: String,
    /// Its migration day (or a placeholder).
    pub date: String,
    /// Mailboxes.
    pub mailboxes: usize,
}

/// What `messages.txt` is given for one batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MessageView<'a> {
    /// The organisation.
    pub organization: &'a str,
    /// The path's name.
    pub path: &'a str,
    /// The path's title.
    pub path_title: &'a str,
    /// Batch name.
    pub batch: &'a str,
    /// Its migration day (or a placeholder).
    pub date: &'a str,
    /// Mailboxes.
    pub mailboxes: usize,
}

impl View for MessageView<'_> {
    const KIND: ViewKind = ViewKind::Messages;
}

/// A batch's messages, as the runbook templates see `communications`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Messages {
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

/// One step of `commands.ps1`: its title, sources and commands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScriptStep {
    /// What it does.
    pub title: String,
    /// The public pages it follows.
    pub sources: Vec<String>,
    /// The commands.
    pub commands: Vec<String>,
}

/// A part of `commands.ps1` that runs in one shell: the script says which, and connects to
/// Exchange Online (and disconnects) around the parts that need it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScriptPart {
    /// The runbook section it belongs to.
    pub section: String,
    /// `exchange-online` or `exchange-server`, for the `# shell:` line.
    pub shell: Shell,
    /// Where it runs, for people.
    pub runs_in: String,
    /// The steps.
    pub steps: Vec<ScriptStep>,
}

/// A section of the runbook, as the contents list it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// Anchor id.
    pub id: String,
    /// Heading.
    pub title: String,
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
    /// Source host (or a placeholder); none on paths that do not connect to a source server
    /// (Google Workspace, cross-tenant, third-party) when the answers name none.
    pub source_host: Option<String>,
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
    /// The PowerShell of every section, in order, split where the shell changes.
    pub script: Vec<ScriptPart>,
    /// The path's limits for building batches, and the page that states them.
    pub batch_limits: Option<(String, cite::Cite)>,
    /// The batches whose users are told (one generic set without a plan); templates see each
    /// with its messages, rendered from `messages.txt` ([`Messages`]).
    pub communications: Vec<Communication>,
    /// The runbook's sections in order, the same in every format.
    pub contents: Vec<Heading>,
    /// The pages that say what users experience on this path, which the messages follow.
    pub communication_sources: Vec<cite::Cite>,
}

/// The pages that say what users experience on `path`: an online move they keep working
/// through (hybrid), or a new mailbox they sign in to (the others).
#[must_use]
pub fn communication_sources(path: MigrationPath) -> Vec<cite::Cite> {
    match path {
        MigrationPath::FullHybrid | MigrationPath::MinimalHybrid | MigrationPath::ExpressHybrid => {
            vec![cite::BEST_PRACTICES, cite::HYBRID_MOVES]
        }
        MigrationPath::Cutover => vec![cite::CUTOVER],
        MigrationPath::Staged => vec![cite::STAGED_KNOW],
        MigrationPath::CrossTenant => vec![cite::CROSS_TENANT],
        MigrationPath::Imap => vec![cite::IMAP],
        MigrationPath::GoogleWorkspace => vec![cite::GOOGLE],
        MigrationPath::ThirdParty => vec![cite::BEST_PRACTICES],
    }
}

/// The sections of a runbook with these parts, in the order every format shows them.
fn contents(view: &RunbookView) -> Vec<Heading> {
    let heading = |id: &str, title: &str| Heading {
        id: id.to_owned(),
        title: title.to_owned(),
    };
    let sections = |list: &[Section]| -> Vec<Heading> {
        list.iter().map(|s| heading(&s.id, &s.title)).collect()
    };
    let mut out = Vec::new();
    let fixed = [
        (!view.missing.is_empty(), "missing", "Missing answers"),
        (!view.warnings.is_empty(), "before", "Before you start"),
        (
            !view.alternatives.is_empty(),
            "alternatives",
            "Alternatives",
        ),
    ];
    out.extend(fixed.iter().filter(|f| f.0).map(|f| heading(f.1, f.2)));
    out.extend(sections(&view.sections));
    if let Some(p) = &view.plan {
        out.push(heading("batches", "Batches"));
        out.push(heading("calendar", "Calendar"));
        if !p.hubs.is_empty() {
            out.push(heading("hubs", "Hubs"));
        }
        if !p.broken_links.is_empty() {
            out.push(heading("broken", "Broken links"));
        }
    }
    out.extend(sections(&view.closing));
    out.push(heading("pitfalls", "Pitfalls"));
    out.push(heading("communications", "User communications"));
    out
}

/// The values the steps are written with, from the answers; answers the runbook needs but
/// the file lacks become placeholders, listed in `missing`.
fn facts(answers: &Answers, path: MigrationPath, missing: &mut Vec<String>) -> Facts {
    let tenant = match &answers.tenant {
        Some(t) => t.domain.clone(),
        None => {
            missing.push("tenant.domain: the tenant's <name>.onmicrosoft.com domain".to_owned());
            "<tenant>.onmicrosoft.com".to_owned()
        }
    };
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
    // Google Workspace batches deliver to the routing subdomain; every other remote move to
    // the tenant's mail.onmicrosoft.com domain.
    let delivery = if path == MigrationPath::GoogleWorkspace {
        format!("o365.{domain}")
    } else {
        tenant.strip_suffix(".onmicrosoft.com").map_or_else(
            || "<tenant>.mail.onmicrosoft.com".to_owned(),
            |name| format!("{name}.mail.onmicrosoft.com"),
        )
    };
    let server = answers.source_server.as_ref();
    let needs_host = !matches!(
        path,
        MigrationPath::GoogleWorkspace | MigrationPath::CrossTenant | MigrationPath::ThirdParty
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
    let (source_tenant, application_id) = cross_tenant_facts(answers, path, missing);
    Facts {
        organization: answers.organization.clone(),
        source: answers.source,
        tenant,
        delivery,
        domain,
        host,
        needs_host,
        endpoint: format!("{}-{}", slug(&answers.organization), slug(path.name())),
        imap_port: server.and_then(|s| s.port).unwrap_or(993),
        imap_security: security.to_owned(),
        imap_login: server.and_then(|s| s.admin_login_format),
        notify: answers
            .schedule
            .as_ref()
            .map(|s| s.notify.clone())
            .unwrap_or_default(),
        mailboxes: answers.mailboxes,
        hybrid_server: (path.is_hybrid() && answers.source == crate::answers::Source::Exchange2007)
            .then_some("2013"),
        source_tenant,
        application_id,
    }
}

/// A cross-tenant move's source tenant and migration application ID, from the answers'
/// `cross_tenant`; placeholders, listed in `missing` on that path, when the file lacks them.
fn cross_tenant_facts(
    answers: &Answers,
    path: MigrationPath,
    missing: &mut Vec<String>,
) -> (String, String) {
    if let Some(c) = &answers.cross_tenant {
        return (c.source_tenant.clone(), c.application_id.clone());
    }
    if path == MigrationPath::CrossTenant {
        missing.push(
            "cross_tenant.source_tenant: the source tenant's <name>.onmicrosoft.com domain"
                .to_owned(),
        );
        missing.push(
            "cross_tenant.application_id: the migration application's (client) ID".to_owned(),
        );
    }
    (
        "<source-tenant>.onmicrosoft.com".to_owned(),
        "<application-id>".to_owned(),
    )
}

/// The on-premises Exchange version whose Exchange Management Shell runs the runbook's
/// on-premises steps on `path` (`2013`, `SE`), when the source is Exchange.
#[must_use]
pub fn onprem_version(answers: &Answers, path: MigrationPath) -> Option<&'static str> {
    facts(answers, path, &mut Vec::new()).onprem_version()
}

/// The shown broken links at most.
const SHOWN_LINKS: usize = 500;

fn batch_view(path: MigrationPath, facts: &Facts, b: &crate::plan::model::Batch) -> BatchView {
    let timing = BatchTiming {
        sync_start: b.sync_start.clone(),
        date: b.date.clone(),
        complete_after_utc: b.complete_after_utc.clone(),
    };
    BatchView {
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
        sync_start: b.sync_start.clone(),
        complete_after_utc: b.complete_after_utc.clone(),
        commands: steps::batch_commands(path, facts, &b.name, b.file.as_deref(), &timing),
    }
}

/// Day by day: the batches that start syncing and those that migrate, in date order.
fn calendar(batches: &[BatchView]) -> Vec<DayView> {
    fn day<'a>(
        days: &'a mut std::collections::BTreeMap<String, DayView>,
        date: &str,
    ) -> &'a mut DayView {
        days.entry(date.to_owned()).or_insert_with(|| DayView {
            date: date.to_owned(),
            sync_starts: Vec::new(),
            batches: Vec::new(),
            mailboxes: 0,
        })
    }
    let mut days = std::collections::BTreeMap::new();
    for b in batches {
        if let Some(start) = &b.sync_start {
            day(&mut days, start).sync_starts.push(b.name.clone());
        }
        let d = day(&mut days, &b.date);
        d.batches.push(b.name.clone());
        d.mailboxes += b.mailboxes;
    }
    days.into_values().collect()
}

fn plan_view(path: MigrationPath, facts: &Facts, p: &Plan) -> PlanView {
    let batches: Vec<BatchView> = p
        .batches
        .iter()
        .map(|b| batch_view(path, facts, b))
        .collect();
    let links: Vec<_> = person_links(p).collect();
    PlanView {
        mailboxes: p.totals.mailboxes,
        data: gib(p.totals.bytes),
        calendar: calendar(&batches),
        batches,
        broken_links: links
            .iter()
            .take(SHOWN_LINKS)
            .map(|l| LinkView {
                mailbox: l.mailbox.clone(),
                delegate: l.delegate.clone(),
                right: l.right.name().to_owned(),
                batches: format!("{} → {}", l.mailbox_batch, l.delegate_batch),
                reason: l.reason.clone(),
                impact: l.impact.name().to_owned(),
            })
            .collect(),
        broken_more: links.len().saturating_sub(SHOWN_LINKS),
        hubs: hub_summaries(p),
        warnings: p.warnings.clone(),
    }
}

/// The PowerShell of `sections`, the plan's batches and `closing`, in runbook order, in parts
/// of one shell each.
fn script(
    sections: &[Section],
    plan: Option<&PlanView>,
    closing: &[Section],
    f: &Facts,
) -> Vec<ScriptPart> {
    let mut parts: Vec<ScriptPart> = Vec::new();
    let mut push = |section: &str, shell: Shell, st: ScriptStep| match parts.last_mut() {
        Some(last) if last.section == section && last.shell == shell => last.steps.push(st),
        _ => parts.push(ScriptPart {
            section: section.to_owned(),
            shell,
            runs_in: shell.label(f),
            steps: vec![st],
        }),
    };
    let add = |s: &Section, push: &mut dyn FnMut(&str, Shell, ScriptStep)| {
        for st in s.steps.iter().filter(|st| !st.commands.is_empty()) {
            push(
                &s.title,
                st.shell,
                ScriptStep {
                    title: st.title.clone(),
                    sources: st.sources.iter().map(|c| c.url.to_owned()).collect(),
                    commands: st.commands.clone(),
                },
            );
        }
    };
    for s in sections {
        add(s, &mut push);
    }
    if let Some(p) = plan {
        for b in p.batches.iter().filter(|b| !b.commands.is_empty()) {
            push(
                &format!("Batch {}: {}", b.number, b.name),
                Shell::ExchangeOnline,
                ScriptStep {
                    title: format!(
                        "{} ({} mailboxes, {} {})",
                        b.name, b.mailboxes, b.date, b.window
                    ),
                    sources: vec![cite::NEW_MIGRATION_BATCH.url.to_owned()],
                    commands: b.commands.clone(),
                },
            );
        }
    }
    for s in closing {
        add(s, &mut push);
    }
    parts
}

/// The batch names the steps use: the plan's, or a placeholder (cutover's one batch is named).
fn batch_names(path: MigrationPath, plan: Option<&Plan>) -> Vec<String> {
    match plan {
        Some(p) => p.batches.iter().map(|b| b.name.clone()).collect(),
        None if path == MigrationPath::Cutover => vec!["cutover".to_owned()],
        None => vec!["<batch-name>".to_owned()],
    }
}

/// The batches whose users are told: the plan's, or one generic set.
fn communications(answers: &Answers, plan: Option<&PlanView>) -> Vec<Communication> {
    match plan {
        Some(p) => p
            .batches
            .iter()
            .map(|b| Communication {
                batch: b.name.clone(),
                date: b.date.clone(),
                mailboxes: b.mailboxes,
            })
            .collect(),
        None => vec![Communication {
            batch: "<batch>".to_owned(),
            date: "<date>".to_owned(),
            mailboxes: answers.mailboxes as usize,
        }],
    }
}

/// The other paths, as the runbook names them.
fn alternatives(rec: &Recommendation) -> Vec<AlternativeView> {
    rec.alternatives
        .iter()
        .map(|a| AlternativeView {
            path: a.path.name().to_owned(),
            title: a.title.to_owned(),
            when: a.when.to_owned(),
        })
        .collect()
}

/// The runbook's view of `answers`, their recommendation and an optional plan. Answers the
/// runbook needs but the file lacks become clear placeholders, listed in `missing`.
#[must_use]
pub fn view(answers: &Answers, rec: &Recommendation, plan: Option<&Plan>) -> RunbookView {
    let path = rec.path;
    let mut missing = Vec::new();
    let facts = facts(answers, path, &mut missing);
    let (mut sections, closing) = steps::sections(path, &facts, &batch_names(path, plan));
    if plan.is_none() {
        sections.extend(steps::unplanned_batches(path, &facts).map(|s| steps::labelled(s, &facts)));
    }
    let plan_view = plan.map(|p| plan_view(path, &facts, p));
    let mut view = RunbookView {
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
        tenant: facts.tenant.clone(),
        delivery_domain: facts.delivery.clone(),
        source_host: (facts.needs_host || facts.host != "<source-server>")
            .then(|| facts.host.clone()),
        time_zone: answers
            .schedule
            .as_ref()
            .map_or_else(
                crate::answers::model::Zone::utc,
                crate::answers::model::Schedule::zone,
            )
            .name()
            .to_owned(),
        missing,
        warnings: rec.warnings.iter().map(|w| w.message.clone()).collect(),
        alternatives: alternatives(rec),
        script: script(&sections, plan_view.as_ref(), &closing, &facts),
        communications: communications(answers, plan_view.as_ref()),
        sections,
        closing,
        pitfalls: steps::pitfalls(path),
        plan: plan_view,
        batch_limits: steps::batch_limits(path).map(|(t, c)| (t.to_owned(), c)),
        contents: Vec::new(),
        communication_sources: communication_sources(path),
    };
    view.contents = contents(&view);
    view
}

/// The messages of `messages.txt`, in the order users get them; each is two blocks,
/// `{message}_subject` and `{message}_body`.
pub const MESSAGES: [&str; 4] = ["announcement", "reminder", "day_of", "after"];

/// Renders one message of `messages.txt`: blocks `{which}_subject` and `{which}_body`.
fn message(
    templates: &Templates,
    context: &tera::Context,
    which: &str,
) -> Result<Message, TemplateError> {
    let block = |part: &str| {
        templates
            .render_block(Template::MessagesTxt, &format!("{which}_{part}"), context)
            .map_err(|e| {
                if e.0.contains("not found in template") {
                    let blocks: Vec<String> = MESSAGES
                        .iter()
                        .flat_map(|m| [format!("`{m}_subject`"), format!("`{m}_body`")])
                        .collect();
                    TemplateError(format!(
                        "{e}; `messages.txt.tera` holds the blocks {}",
                        blocks.join(", ")
                    ))
                } else {
                    e
                }
            })
    };
    Ok(Message {
        subject: block("subject")?,
        body: block("body")?,
    })
}

impl RunbookView {
    /// Every batch's messages, rendered from `messages.txt` as plain text (each document
    /// escapes them for its format).
    ///
    /// # Errors
    /// A `messages.txt` override that lacks a block or fails to render, located.
    pub fn messages(&self, templates: &Templates) -> Result<Vec<Messages>, TemplateError> {
        self.communications
            .iter()
            .map(|c| {
                let view = MessageView {
                    organization: &self.organization,
                    path: &self.path,
                    path_title: &self.path_title,
                    batch: &c.batch,
                    date: &c.date,
                    mailboxes: c.mailboxes,
                };
                let context = view.context(templates)?;
                let [announcement, reminder, day_of, after] =
                    MESSAGES.map(|m| message(templates, &context, m));
                Ok(Messages {
                    batch: c.batch.clone(),
                    date: c.date.clone(),
                    mailboxes: c.mailboxes,
                    announcement: announcement?,
                    reminder: reminder?,
                    day_of: day_of?,
                    after: after?,
                })
            })
            .collect()
    }
}

impl View for RunbookView {
    const KIND: ViewKind = ViewKind::Runbook;

    /// The view's fields, with `communications` holding each batch's rendered messages.
    fn context(&self, templates: &Templates) -> Result<tera::Context, TemplateError> {
        let mut context =
            tera::Context::from_serialize(self).map_err(|e| crate::render::tera_error(&e))?;
        context.insert("communications", &self.messages(templates)?);
        Ok(context)
    }
}
