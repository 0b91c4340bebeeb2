//! The questionnaire behind `mma init`: the questions, in plain words with the schema's
//! descriptions as help, asked through a [`Prompter`] so the same interview runs on a terminal,
//! from flags (`--non-interactive`) and, scripted, in tests. Every answer is checked as it is
//! given by the checks `mma validate` runs (the schema, the typed parsers and the cross-field
//! rules, on the answers so far), so a refused answer is asked again with the reason.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{Map, Value};

use crate::answers::check;
use crate::answers::document::Document;
use crate::answers::model::{
    AdminLoginFormat, Answers, Date, FormatVersion, MigrationPath, Named, Security, Source,
    Timeline, Window,
};
use crate::answers::schema;
use crate::recommend::{self, Recommendation};
use crate::table::diagnostic::{Diagnostic, Severity};
use crate::text::printable;

/// A question: the prompt and the help line under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The answer file's field the question fills, dotted (`schedule.window`).
    pub field: &'static str,
    /// The flag of `mma init` that answers it ahead.
    pub flag: &'static str,
    /// What is asked.
    pub prompt: String,
    /// The schema's description of the field.
    pub help: String,
}

/// Why an interview stopped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PromptError {
    /// The user cancelled (Esc, Ctrl-C).
    #[error("cancelled")]
    Cancelled,
    /// The terminal failed.
    #[error("the terminal failed: {0}")]
    Io(String),
    /// A flag's value that the answers refuse.
    #[error("{flag} `{}`: {message}", printable(.value))]
    Flag {
        /// The flag, such as `--window`.
        flag: &'static str,
        /// The value given.
        value: String,
        /// Why it is refused and what is allowed.
        message: String,
    },
    /// The answers, complete, are refused (a bug: each was checked as it was given).
    #[error("the answers are not valid: {0}")]
    Invalid(String),
    /// Without questions, flags that every answer file needs are missing.
    #[error("missing: {}", .0.join(", "))]
    Missing(Vec<&'static str>),
    /// The recommendation shown at the end does not render (a bug of a built-in template).
    #[error("the recommendation does not render: {0}")]
    Render(String),
}

/// A check of typed text: `Err` holds the message shown while the user types. It may hold the
/// answers given so far (a pilot no larger than the batches), so it is a shared closure.
#[derive(Clone)]
pub struct TextCheck(Rc<CheckFn>);

/// The closure behind a [`TextCheck`].
type CheckFn = dyn Fn(&str) -> Result<(), String>;

impl TextCheck {
    /// A check from a closure.
    pub fn new(check: impl Fn(&str) -> Result<(), String> + 'static) -> Self {
        Self(Rc::new(check))
    }

    /// Checks `text`.
    ///
    /// # Errors
    /// The message to show when `text` is refused.
    pub fn check(&self, text: &str) -> Result<(), String> {
        (self.0)(text)
    }
}

impl std::fmt::Debug for TextCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TextCheck")
    }
}

/// Asks questions. The terminal implementation lives in the command layer; tests script one.
pub trait Prompter {
    /// Free text, re-asked until `check` accepts it. An empty reply takes `default`.
    ///
    /// # Errors
    /// When the user cancels or the terminal fails.
    fn text(
        &mut self,
        question: &Question,
        default: Option<&str>,
        check: TextCheck,
    ) -> Result<String, PromptError>;

    /// One of `options` (labels); returns its index.
    ///
    /// # Errors
    /// When the user cancels or the terminal fails.
    fn select(
        &mut self,
        question: &Question,
        options: &[String],
        default: usize,
    ) -> Result<usize, PromptError>;

    /// Yes or no.
    ///
    /// # Errors
    /// When the user cancels or the terminal fails.
    fn confirm(&mut self, question: &Question, default: bool) -> Result<bool, PromptError>;

    /// Shows the recommendation before the path is chosen.
    fn show(&mut self, text: &str);
}

/// The questions after the path is chosen: what the plan and the runbook are written with.
/// Each is one flag of `mma init` and one field of the answer file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Detail {
    /// `tenant.domain`
    Tenant,
    /// `tenant.accepted_domains`
    Domains,
    /// `source_server.hostname`
    SourceHost,
    /// `source_server.security`
    ImapSecurity,
    /// `source_server.port`
    ImapPort,
    /// `source_server.admin_login_format`
    ImapLoginFormat,
    /// `schedule.start`
    Start,
    /// `schedule.time_zone`
    TimeZone,
    /// `schedule.days`
    Days,
    /// `schedule.window`
    Window,
    /// `schedule.blackout`
    Blackout,
    /// `schedule.throughput_gb_per_hour`
    Throughput,
    /// `schedule.max_batch_mailboxes`
    MaxBatchMailboxes,
    /// `schedule.pilot`
    Pilot,
    /// `schedule.notify`
    Notify,
}

/// How a detail's text becomes a value of the answer file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Text, trimmed.
    Text,
    /// Items separated by commas.
    List,
    /// A whole number (`,` and `_` between digits allowed).
    Integer,
    /// A number.
    Number,
    /// One of an enum's names, chosen from a list on a terminal.
    Choice,
}

impl Detail {
    /// Every detail, in the order asked.
    pub const ALL: [Self; 15] = [
        Self::Tenant,
        Self::Domains,
        Self::SourceHost,
        Self::ImapSecurity,
        Self::ImapPort,
        Self::ImapLoginFormat,
        Self::Start,
        Self::TimeZone,
        Self::Days,
        Self::Window,
        Self::Blackout,
        Self::Throughput,
        Self::MaxBatchMailboxes,
        Self::Pilot,
        Self::Notify,
    ];

    /// The flag of `mma init` that gives it.
    #[must_use]
    pub const fn flag(self) -> &'static str {
        match self {
            Self::Tenant => "--tenant",
            Self::Domains => "--domain",
            Self::SourceHost => "--source-host",
            Self::ImapSecurity => "--imap-security",
            Self::ImapPort => "--imap-port",
            Self::ImapLoginFormat => "--imap-login-format",
            Self::Start => "--start",
            Self::TimeZone => "--time-zone",
            Self::Days => "--days",
            Self::Window => "--window",
            Self::Blackout => "--blackout",
            Self::Throughput => "--throughput",
            Self::MaxBatchMailboxes => "--max-batch-mailboxes",
            Self::Pilot => "--pilot",
            Self::Notify => "--notify",
        }
    }

    /// The answer file's field, dotted.
    #[must_use]
    pub const fn field(self) -> &'static str {
        match self {
            Self::Tenant => "tenant.domain",
            Self::Domains => "tenant.accepted_domains",
            Self::SourceHost => "source_server.hostname",
            Self::ImapSecurity => "source_server.security",
            Self::ImapPort => "source_server.port",
            Self::ImapLoginFormat => "source_server.admin_login_format",
            Self::Start => "schedule.start",
            Self::TimeZone => "schedule.time_zone",
            Self::Days => "schedule.days",
            Self::Window => "schedule.window",
            Self::Blackout => "schedule.blackout",
            Self::Throughput => "schedule.throughput_gb_per_hour",
            Self::MaxBatchMailboxes => "schedule.max_batch_mailboxes",
            Self::Pilot => "schedule.pilot",
            Self::Notify => "schedule.notify",
        }
    }

    /// The field's JSON pointer.
    fn pointer(self) -> String {
        format!("/{}", self.field().replace('.', "/"))
    }

    const fn kind(self) -> Kind {
        match self {
            Self::Domains | Self::Days | Self::Blackout | Self::Pilot | Self::Notify => Kind::List,
            Self::ImapPort | Self::MaxBatchMailboxes => Kind::Integer,
            Self::Throughput => Kind::Number,
            Self::ImapSecurity | Self::ImapLoginFormat => Kind::Choice,
            _ => Kind::Text,
        }
    }

    /// Why the detail is not asked on `path` with the answers so far, or `None` when it is.
    fn unused(self, path: MigrationPath, so_far: &Value) -> Option<String> {
        let title = path.title();
        match self {
            Self::SourceHost
                if matches!(
                    path,
                    MigrationPath::GoogleWorkspace
                        | MigrationPath::CrossTenant
                        | MigrationPath::ThirdParty
                ) =>
            {
                Some(format!(
                    "{title} does not reach a source server by host name"
                ))
            }
            Self::ImapSecurity | Self::ImapPort | Self::ImapLoginFormat
                if path != MigrationPath::Imap =>
            {
                Some(format!(
                    "only an IMAP migration reads it, and the path is {title}"
                ))
            }
            Self::ImapSecurity | Self::ImapPort | Self::ImapLoginFormat
                if so_far.pointer("/source_server/hostname").is_none() =>
            {
                Some("it needs the IMAP server's host name (--source-host)".to_owned())
            }
            Self::MaxBatchMailboxes | Self::Pilot if path == MigrationPath::Cutover => {
                Some("a cutover moves every mailbox in one batch".to_owned())
            }
            _ => None,
        }
    }

    /// The question, in plain words for `path`.
    fn prompt(self, path: MigrationPath) -> String {
        match self {
            Self::Tenant => "What is the tenant's initial domain (name.onmicrosoft.com)?",
            Self::Domains => {
                "Which mail domains does the organisation use (its accepted domains, the primary first, separated by commas)?"
            }
            Self::SourceHost => match path {
                p if p.is_hybrid() => {
                    "Which public host name reaches the on-premises Exchange server's EWS and MRS Proxy (the hybrid migration endpoint, such as mail.contoso.com)?"
                }
                MigrationPath::Imap => "What is the IMAP server's host name (such as imap.contoso.com)?",
                _ => "What is the Exchange server's public Outlook Anywhere host name (such as mail.contoso.com)?",
            },
            Self::ImapSecurity => "How is the IMAP connection protected?",
            Self::ImapPort => "Which port does the IMAP server listen on?",
            Self::ImapLoginFormat => {
                "How do batches sign in to the IMAP server: as an administrator on each user's behalf, or with each user's own password?"
            }
            Self::Start => "On which date may the first batch run (YYYY-MM-DD)?",
            Self::TimeZone => {
                "In which time zone are the dates and the window (an IANA name such as Europe/London, or UTC)?"
            }
            Self::Days => {
                "On which days of the week may batches run (such as tuesday, wednesday, thursday)?"
            }
            Self::Window => {
                "In which hours may batches run (HH:MM-HH:MM on a 24-hour clock; it may pass midnight)?"
            }
            Self::Blackout => {
                "On which dates may no batch run (YYYY-MM-DD, separated by commas; empty for none)?"
            }
            Self::Throughput => {
                "How many GB per hour does the migration move (measured in a pilot, or estimated)?"
            }
            Self::MaxBatchMailboxes => {
                "At most how many mailboxes may one batch hold (empty for the path's own limit)?"
            }
            Self::Pilot => {
                "Which mailboxes move first, as a pilot (addresses separated by commas; empty for none)?"
            }
            Self::Notify => {
                "Who receives each batch's status reports (addresses separated by commas)?"
            }
        }
        .to_owned()
    }

    /// What an empty reply takes, from the answers so far and the terminal's hints.
    fn default(self, so_far: &Value, preset: &Preset) -> Option<String> {
        match self {
            Self::ImapPort => Some(
                match so_far
                    .pointer("/source_server/security")
                    .and_then(Value::as_str)
                {
                    Some("tls" | "none") => "143",
                    _ => "993",
                }
                .to_owned(),
            ),
            Self::Start => preset
                .today
                .and_then(|d| d.checked_add(jiff::Span::new().days(7)).ok())
                .map(|d| d.to_string()),
            Self::TimeZone => Some(crate::answers::time::UTC.to_owned()),
            Self::Days => Some("monday, tuesday, wednesday, thursday, friday".to_owned()),
            Self::Window => Some("20:00-06:00".to_owned()),
            _ => None,
        }
    }

    /// `text` as the answer file's value; `None` for an empty reply (the field is left out).
    fn value(self, text: &str) -> Option<Value> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        Some(match self.kind() {
            Kind::Text | Kind::Choice => Value::String(t.to_owned()),
            Kind::List => Value::Array(
                t.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            ),
            Kind::Integer => t
                .replace([',', '_'], "")
                .parse::<u64>()
                .map_or_else(|_| Value::String(t.to_owned()), Value::from),
            Kind::Number => match t.parse::<u64>() {
                Ok(n) => Value::from(n),
                Err(_) => t
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Value::String(t.to_owned()), Value::Number),
            },
        })
    }

    /// Checks `text` as this detail's answer on top of the answers `so_far`, with the checks
    /// of `mma validate`: the typed parser of the field where it has one (the window), then
    /// the schema and the cross-field rules on the answers with this one added.
    ///
    /// # Errors
    /// Why the answer is refused and what is allowed.
    fn check(self, so_far: &Value, text: &str) -> Result<(), String> {
        let Some(value) = self.value(text) else {
            return Ok(());
        };
        if self == Self::Window
            && let Value::String(s) = &value
        {
            Window::parse(s).map_err(|e| e.to_string())?;
        }
        let pointer = self.pointer();
        let mut candidate = so_far.clone();
        insert(&mut candidate, &pointer, value);
        let report = check::check_value(&Document::from_value(candidate));
        let refusals: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter(|d| {
                d.pointer.as_deref().is_some_and(|p| {
                    p == pointer
                        || p.strip_prefix(pointer.as_str())
                            .is_some_and(|r| r.starts_with('/'))
                })
            })
            .map(describe)
            .collect();
        if refusals.is_empty() {
            Ok(())
        } else {
            Err(refusals.join("; "))
        }
    }
}

/// A finding as one line: what was found, what is allowed, the hint.
#[must_use]
pub fn describe(d: &Diagnostic) -> String {
    let mut out = d.message.clone();
    if let Some(allowed) = &d.allowed {
        out.push_str(&format!("; allowed: {allowed}"));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("; {help}"));
    }
    out
}

/// Sets the value at `pointer` (object keys only), making the objects on the way.
fn insert(root: &mut Value, pointer: &str, value: Value) {
    let mut node = root;
    let mut keys = pointer.split('/').skip(1).peekable();
    while let Some(key) = keys.next() {
        if !node.is_object() {
            *node = Value::Object(Map::new());
        }
        let Value::Object(map) = node else { return };
        if keys.peek().is_none() {
            map.insert(key.to_owned(), value);
            return;
        }
        node = map
            .entry(key.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// Answers given ahead (on the command line); the interview asks only for the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preset {
    /// `organization`
    pub organization: Option<String>,
    /// `source`
    pub source: Option<Source>,
    /// `mailboxes`
    pub mailboxes: Option<u32>,
    /// `timeline`
    pub timeline: Option<Timeline>,
    /// `manage_users_on_premises`
    pub manage_users_on_premises: Option<bool>,
    /// `coexistence`
    pub coexistence: Option<bool>,
    /// `chosen_path`
    pub chosen_path: Option<MigrationPath>,
    /// The details as given on the command line, as text (a list's items joined with `, `);
    /// each is checked as if typed at its question.
    pub details: BTreeMap<Detail, String>,
    /// Today, on a terminal: the start date offered is a week later. Left out without one, so
    /// the same flags always write the same file.
    pub today: Option<Date>,
}

impl Preset {
    /// The command-line flags still missing for a run without questions: the six facts the
    /// recommendation is decided on, which have no default.
    #[must_use]
    pub fn missing(&self) -> Vec<&'static str> {
        [
            ("--organization", self.organization.is_none()),
            ("--source", self.source.is_none()),
            ("--mailboxes", self.mailboxes.is_none()),
            ("--timeline", self.timeline.is_none()),
            (
                "--manage-users-on-premises",
                self.manage_users_on_premises.is_none(),
            ),
            ("--coexistence", self.coexistence.is_none()),
        ]
        .into_iter()
        .filter_map(|(flag, missing)| missing.then_some(flag))
        .collect()
    }

    /// The six facts, when every one is given.
    fn basics(&self) -> Option<Answers> {
        Some(Answers {
            version: FormatVersion,
            organization: self.organization.clone()?,
            source: self.source?,
            mailboxes: self.mailboxes?,
            timeline: self.timeline?,
            manage_users_on_premises: self.manage_users_on_premises?,
            coexistence: self.coexistence?,
            chosen_path: None,
            tenant: None,
            source_server: None,
            cross_tenant: None,
            schedule: None,
        })
    }
}

/// The description of the field at dotted `field`, following `$ref`s.
fn help(schema: &Value, field: &str) -> String {
    let resolve = |node: &Value| -> Value {
        node.get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| schema.pointer(r.trim_start_matches('#')))
            .cloned()
            .unwrap_or_else(|| node.clone())
    };
    let mut node = schema.clone();
    let mut description = None;
    for key in field.split('.') {
        let Some(next) = resolve(&node)
            .get("properties")
            .and_then(|p| p.get(key))
            .cloned()
        else {
            return String::new();
        };
        description = next
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| {
                resolve(&next)
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            });
        node = next;
    }
    description.unwrap_or_default().replace("\n\n", " ")
}

/// `Title: description` labels of an enum's values, from the schema's `$defs`.
fn labels<T: Named>(schema: &Value, def: &str) -> Vec<String> {
    let branches = schema
        .pointer(&format!("/$defs/{def}/oneOf"))
        .and_then(Value::as_array);
    T::all()
        .iter()
        .map(|v| {
            let branch = branches.and_then(|b| {
                b.iter()
                    .find(|x| x.get("const").and_then(Value::as_str) == Some(v.name()))
            });
            let title = branch
                .and_then(|b| b.get("title"))
                .and_then(Value::as_str)
                .unwrap_or(v.name());
            match branch
                .and_then(|b| b.get("description"))
                .and_then(Value::as_str)
            {
                Some(d) => format!("{title}: {}", d.replace('\n', " ")),
                None => title.to_owned(),
            }
        })
        .collect()
}

/// Non-empty text of at most 256 characters.
fn check_organization(text: &str) -> Result<(), String> {
    let n = text.trim().chars().count();
    if n == 0 {
        Err("the organisation's name cannot be empty".to_owned())
    } else if n > 256 {
        Err("at most 256 characters".to_owned())
    } else {
        Ok(())
    }
}

/// A whole number of mailboxes from 1 to 10,000,000.
fn check_mailboxes(text: &str) -> Result<(), String> {
    match text.trim().replace([',', '_'], "").parse::<u32>() {
        Ok(n) if (1..=10_000_000).contains(&n) => Ok(()),
        Ok(_) => Err("from 1 to 10,000,000".to_owned()),
        Err(_) => Err("a whole number, such as 250".to_owned()),
    }
}

fn question(schema: &Value, field: &'static str, flag: &'static str, prompt: &str) -> Question {
    Question {
        field,
        flag,
        prompt: prompt.to_owned(),
        help: help(schema, field),
    }
}

/// Asks to pick one of `T`'s values; returns its index in `T::all()`.
fn select_index<T: Named + PartialEq>(
    p: &mut dyn Prompter,
    question: &Question,
    def: &str,
    schema: &Value,
    default: Option<T>,
) -> Result<usize, PromptError> {
    let options = labels::<T>(schema, def);
    let start = default
        .and_then(|d| T::all().iter().position(|v| *v == d))
        .unwrap_or(0);
    let i = p.select(question, &options, start)?;
    if i < T::all().len() {
        Ok(i)
    } else {
        Err(PromptError::Io(format!(
            "no option {i} for `{}`",
            question.field
        )))
    }
}

fn select_value<T: Named + PartialEq>(
    p: &mut dyn Prompter,
    schema: &Value,
    (field, flag, def): (&'static str, &'static str, &str),
    prompt: &str,
    default: Option<T>,
) -> Result<T, PromptError> {
    let q = question(schema, field, flag, prompt);
    let i = select_index(p, &q, def, schema, default)?;
    T::all()
        .get(i)
        .copied()
        .ok_or_else(|| PromptError::Io(format!("no option {i} for `{field}`")))
}

/// Asks for every answer `preset` does not give: the six facts, then (after showing the
/// recommendation and asking whether to follow it) the details the chosen path's plan and
/// runbook are written with. Returns the answers and the recommendation for them.
///
/// # Errors
/// When the user cancels, the terminal fails, or a flag's value is refused.
pub fn interview(
    p: &mut dyn Prompter,
    preset: &Preset,
) -> Result<(Answers, Recommendation), PromptError> {
    let schema = schema::schema();
    let basics = ask(p, preset, &schema)?;
    let rec = recommend::recommend(&basics);
    let (answers, rec) = match preset.chosen_path {
        Some(path) => {
            let mut answers = basics;
            answers.chosen_path = Some(path).filter(|&c| c != rec.recommended);
            if let Some(refusal) = refusals(&answers) {
                return Err(PromptError::Flag {
                    flag: "--chosen-path",
                    value: path.name().to_owned(),
                    message: refusal,
                });
            }
            let rec = recommend::recommend(&answers);
            (answers, rec)
        }
        None => choose_path(p, &schema, basics, rec)?,
    };
    let answers = ask_details(p, preset, &schema, &answers, rec.path)?;
    let rec = recommend::recommend(&answers);
    Ok((answers, rec))
}

/// The answers from flags alone: the six facts must be given; every detail not given takes the
/// default the interview offers, or is left out.
///
/// # Errors
/// [`PromptError::Missing`] naming the flags missing, or [`PromptError::Flag`] for a value
/// refused.
pub fn from_flags(preset: &Preset) -> Result<(Answers, Recommendation), PromptError> {
    let missing = preset.missing();
    if !missing.is_empty() {
        return Err(PromptError::Missing(missing));
    }
    interview(&mut Defaults, preset)
}

/// Answers every question with its default: the interview without a person.
struct Defaults;

impl Prompter for Defaults {
    fn text(
        &mut self,
        question: &Question,
        default: Option<&str>,
        check: TextCheck,
    ) -> Result<String, PromptError> {
        let text = default.unwrap_or("").to_owned();
        check.check(&text).map_err(|message| PromptError::Flag {
            flag: question.flag,
            value: text.clone(),
            message,
        })?;
        Ok(text)
    }

    fn select(&mut self, _: &Question, _: &[String], default: usize) -> Result<usize, PromptError> {
        Ok(default)
    }

    fn confirm(&mut self, _: &Question, default: bool) -> Result<bool, PromptError> {
        Ok(default)
    }

    fn show(&mut self, _: &str) {}
}

/// Asks for every fact `preset` does not give.
fn ask(p: &mut dyn Prompter, preset: &Preset, schema: &Value) -> Result<Answers, PromptError> {
    let organization = match &preset.organization {
        Some(o) => o.clone(),
        None => p
            .text(
                &question(
                    schema,
                    "organization",
                    "--organization",
                    "What is the organisation called?",
                ),
                None,
                TextCheck::new(check_organization),
            )?
            .trim()
            .to_owned(),
    };
    let source = match preset.source {
        Some(s) => s,
        None => select_value(
            p,
            schema,
            ("source", "--source", "Source"),
            "Which mail system do the mailboxes move from?",
            Some(Source::Exchange2016),
        )?,
    };
    let mailboxes = match preset.mailboxes {
        Some(n) => n,
        None => {
            let text = p.text(
                &question(
                    schema,
                    "mailboxes",
                    "--mailboxes",
                    "How many mailboxes move?",
                ),
                Some("100"),
                TextCheck::new(check_mailboxes),
            )?;
            text.trim()
                .replace([',', '_'], "")
                .parse()
                .map_err(|_| PromptError::Io(format!("`{text}` is not a number")))?
        }
    };
    let timeline = match preset.timeline {
        Some(t) => t,
        None => select_value(
            p,
            schema,
            ("timeline", "--timeline", "Timeline"),
            "How quickly does the migration have to be done?",
            Some(Timeline::Weeks),
        )?,
    };
    let manage_users_on_premises = match preset.manage_users_on_premises {
        Some(b) => b,
        None => p.confirm(
            &question(
                schema,
                "manage_users_on_premises",
                "--manage-users-on-premises",
                "Will users still be managed from on-premises Active Directory afterwards?",
            ),
            false,
        )?,
    };
    let coexistence = match preset.coexistence {
        Some(b) => b,
        None => p.confirm(
            &question(
                schema,
                "coexistence",
                "--coexistence",
                "Must both sides work together while the migration runs (shared free/busy, mail flow)?",
            ),
            false,
        )?,
    };
    Preset {
        organization: Some(organization),
        source: Some(source),
        mailboxes: Some(mailboxes),
        timeline: Some(timeline),
        manage_users_on_premises: Some(manage_users_on_premises),
        coexistence: Some(coexistence),
        ..Preset::default()
    }
    .basics()
    .ok_or_else(|| PromptError::Io("an answer is missing".to_owned()))
}

/// The errors the answers' checks find, joined; `None` when there are none.
fn refusals(answers: &Answers) -> Option<String> {
    let value = serde_json::to_value(answers).unwrap_or(Value::Null);
    let report = check::check_value(&Document::from_value(value));
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    (!errors.is_empty()).then(|| errors.join("; "))
}

/// Shows the recommendation and asks whether to follow it; if not, asks for another path until
/// the answers allow the one chosen.
fn choose_path(
    p: &mut dyn Prompter,
    schema: &Value,
    answers: Answers,
    rec: Recommendation,
) -> Result<(Answers, Recommendation), PromptError> {
    p.show(
        &rec.to_text()
            .map_err(|e| PromptError::Render(e.to_string()))?,
    );
    let follow = p.confirm(
        &question(
            schema,
            "chosen_path",
            "--chosen-path",
            &format!("Follow the recommendation ({})?", rec.title),
        ),
        true,
    )?;
    if follow {
        return Ok((answers, rec));
    }
    loop {
        let path = select_value(
            p,
            schema,
            ("chosen_path", "--chosen-path", "Path"),
            "Which path will the team take?",
            rec.alternatives.first().map(|a| a.path),
        )?;
        let mut candidate = answers.clone();
        candidate.chosen_path = Some(path).filter(|&c| c != rec.recommended);
        match refusals(&candidate) {
            None => {
                let rec = recommend::recommend(&candidate);
                return Ok((candidate, rec));
            }
            Some(why) => p.show(&format!("Not possible: {why}\n")),
        }
    }
}

/// Asks for (or takes from `preset`) every detail `path` uses, each checked on top of the
/// answers so far.
fn ask_details(
    p: &mut dyn Prompter,
    preset: &Preset,
    schema: &Value,
    answers: &Answers,
    path: MigrationPath,
) -> Result<Answers, PromptError> {
    let mut so_far = serde_json::to_value(answers).map_err(|e| PromptError::Io(e.to_string()))?;
    for detail in Detail::ALL {
        let given = preset.details.get(&detail);
        if let Some(why) = detail.unused(path, &so_far) {
            if let Some(value) = given {
                return Err(PromptError::Flag {
                    flag: detail.flag(),
                    value: value.clone(),
                    message: format!("not used here: {why}"),
                });
            }
            continue;
        }
        let text = match given {
            Some(text) => {
                detail
                    .check(&so_far, text)
                    .map_err(|message| PromptError::Flag {
                        flag: detail.flag(),
                        value: text.clone(),
                        message,
                    })?;
                text.clone()
            }
            None => ask_detail(p, preset, schema, detail, &so_far, path)?,
        };
        if let Some(value) = detail.value(&text) {
            insert(&mut so_far, &detail.pointer(), value);
        }
    }
    let report = check::check_value(&Document::from_value(so_far));
    report.answers.ok_or_else(|| {
        let errors: Vec<String> = report.diagnostics.iter().map(describe).collect();
        PromptError::Invalid(errors.join("; "))
    })
}

/// Asks to pick one of `T`'s values; returns its name.
fn choose<T: Named + PartialEq>(
    p: &mut dyn Prompter,
    question: &Question,
    def: &str,
    schema: &Value,
    default: T,
) -> Result<String, PromptError> {
    let i = select_index(p, question, def, schema, Some(default))?;
    T::all()
        .get(i)
        .map(|v| v.name().to_owned())
        .ok_or_else(|| PromptError::Io(format!("no option {i} for `{}`", question.field)))
}

/// Asks one detail on a terminal: a list to choose from for an enum, text otherwise.
fn ask_detail(
    p: &mut dyn Prompter,
    preset: &Preset,
    schema: &Value,
    detail: Detail,
    so_far: &Value,
    path: MigrationPath,
) -> Result<String, PromptError> {
    let mut q = question(schema, detail.field(), detail.flag(), &detail.prompt(path));
    match detail {
        Detail::ImapSecurity => return choose(p, &q, "Security", schema, Security::Ssl),
        Detail::ImapLoginFormat => {
            return choose(p, &q, "AdminLoginFormat", schema, AdminLoginFormat::None);
        }
        _ => {}
    }
    let default = detail.default(so_far, preset);
    if default.is_none() {
        q.help
            .push_str(" Leave empty to leave it out (the plan and runbook then say so).");
    }
    let base = so_far.clone();
    let check = TextCheck::new(move |text| detail.check(&base, text));
    let text = p.text(&q, default.as_deref(), check)?;
    Ok(if text.trim().is_empty() {
        default.unwrap_or_default()
    } else {
        text
    })
}

/// The details the plan and runbook need that `answers` leave out (they show placeholders for
/// them): the tenant, the mail domain, the source host where the path reaches one, the start.
#[must_use]
pub fn unanswered(answers: &Answers, path: MigrationPath) -> Vec<Detail> {
    let value = serde_json::to_value(answers).unwrap_or(Value::Null);
    [
        Detail::Tenant,
        Detail::Domains,
        Detail::SourceHost,
        Detail::Start,
    ]
    .into_iter()
    .filter(|d| d.unused(path, &value).is_none() && value.pointer(&d.pointer()).is_none())
    .collect()
}

/// The flag of `mma init` that gives the field at `pointer` (or a value inside it).
#[must_use]
pub fn flag_for(pointer: &str) -> Option<&'static str> {
    let within =
        |p: &str| pointer == p || pointer.strip_prefix(p).is_some_and(|r| r.starts_with('/'));
    if let Some(d) = Detail::ALL.iter().find(|d| within(&d.pointer())) {
        return Some(d.flag());
    }
    [
        ("/organization", "--organization"),
        ("/source", "--source"),
        ("/mailboxes", "--mailboxes"),
        ("/timeline", "--timeline"),
        ("/manage_users_on_premises", "--manage-users-on-premises"),
        ("/coexistence", "--coexistence"),
        ("/chosen_path", "--chosen-path"),
    ]
    .into_iter()
    .find(|(p, _)| within(p))
    .map(|(_, flag)| flag)
}
