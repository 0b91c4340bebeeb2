//! The questionnaire behind `mma init`: the questions, in plain words with the schema's
//! descriptions as help, asked through a [`Prompter`] so the same interview runs on a terminal
//! and, scripted, in tests.

use serde_json::Value;

use crate::answers::check;
use crate::answers::document::Document;
use crate::answers::model::{
    Answers, FormatVersion, MigrationPath, Named, Source, Tenant, Timeline,
};
use crate::answers::schema;
use crate::recommend::{self, Recommendation};
use crate::table::diagnostic::Severity;

/// A question: the prompt and the help line under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The answer file's field the question fills.
    pub field: &'static str,
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
}

impl From<crate::render::TemplateError> for PromptError {
    fn from(e: crate::render::TemplateError) -> Self {
        Self::Io(format!("template error: {e}"))
    }
}

/// A check of typed text: `Err` holds the message shown while the user types.
pub type TextCheck = fn(&str) -> Result<(), String>;

/// Asks questions. The terminal implementation lives in the command layer; tests script one.
pub trait Prompter {
    /// Free text, re-asked until `check` accepts it.
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

    /// Shows the recommendation before the last question.
    fn show(&mut self, text: &str);
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
    /// `tenant.domain`
    pub tenant_domain: Option<String>,
}

impl Preset {
    /// The command-line flags still missing for a run without questions.
    #[must_use]
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.organization.is_none() {
            out.push("--organization");
        }
        if self.source.is_none() {
            out.push("--source");
        }
        if self.mailboxes.is_none() {
            out.push("--mailboxes");
        }
        if self.timeline.is_none() {
            out.push("--timeline");
        }
        if self.manage_users_on_premises.is_none() {
            out.push("--manage-users-on-premises");
        }
        if self.coexistence.is_none() {
            out.push("--coexistence");
        }
        out
    }

    /// The answers, when every required one is given.
    #[must_use]
    pub fn answers(&self) -> Option<Answers> {
        Some(Answers {
            version: FormatVersion,
            organization: self.organization.clone()?,
            source: self.source?,
            mailboxes: self.mailboxes?,
            timeline: self.timeline?,
            manage_users_on_premises: self.manage_users_on_premises?,
            coexistence: self.coexistence?,
            chosen_path: self.chosen_path,
            tenant: self.tenant_domain.clone().map(|domain| Tenant {
                domain,
                accepted_domains: Vec::new(),
            }),
            source_server: None,
            schedule: None,
        })
    }
}

/// The schema's description of a top-level field.
fn help(schema: &Value, field: &str) -> String {
    schema
        .pointer(&format!("/properties/{field}/description"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .replace("\n\n", " ")
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

/// Empty (skip), or a host name such as `contoso.onmicrosoft.com`.
fn check_domain(text: &str) -> Result<(), String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if t.len() <= 253 && t.contains('.') && t.split('.').all(label_ok) {
        Ok(())
    } else {
        Err("a domain such as contoso.onmicrosoft.com, or nothing to skip".to_owned())
    }
}

fn select_value<T: Named + PartialEq>(
    p: &mut dyn Prompter,
    schema: &Value,
    field: &'static str,
    def: &str,
    prompt: &str,
    default: Option<T>,
) -> Result<T, PromptError> {
    let options = labels::<T>(schema, def);
    let start = default
        .and_then(|d| T::all().iter().position(|v| *v == d))
        .unwrap_or(0);
    let question = Question {
        field,
        prompt: prompt.to_owned(),
        help: help(schema, field),
    };
    let i = p.select(&question, &options, start)?;
    T::all()
        .get(i)
        .copied()
        .ok_or_else(|| PromptError::Io(format!("no option {i} for `{field}`")))
}

/// Asks for every answer `preset` does not give, shows the recommendation, and asks whether to
/// follow it. Returns the answers and the recommendation for them.
///
/// # Errors
/// When the user cancels or the terminal fails.
pub fn interview(
    p: &mut dyn Prompter,
    preset: &Preset,
) -> Result<(Answers, Recommendation), PromptError> {
    let schema = schema::schema();
    let answers = ask(p, preset, &schema)?
        .answers()
        .ok_or_else(|| PromptError::Io("an answer is missing".to_owned()))?;
    let rec = recommend::recommend(&answers);
    if preset.chosen_path.is_some() {
        return Ok((answers, rec));
    }
    choose_path(p, &schema, answers, rec)
}

/// Asks for every fact `preset` does not give; the result gives them all.
fn ask(p: &mut dyn Prompter, preset: &Preset, schema: &Value) -> Result<Preset, PromptError> {
    let q = |field: &'static str, prompt: &str| Question {
        field,
        prompt: prompt.to_owned(),
        help: help(schema, field),
    };
    let organization = match &preset.organization {
        Some(o) => o.clone(),
        None => p
            .text(
                &q("organization", "What is the organisation called?"),
                None,
                check_organization,
            )?
            .trim()
            .to_owned(),
    };
    let source = match preset.source {
        Some(s) => s,
        None => select_value(
            p,
            schema,
            "source",
            "Source",
            "Which mail system do the mailboxes move from?",
            Some(Source::Exchange2016),
        )?,
    };
    let mailboxes = match preset.mailboxes {
        Some(n) => n,
        None => {
            let text = p.text(
                &q("mailboxes", "How many mailboxes move?"),
                Some("100"),
                check_mailboxes,
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
            "timeline",
            "Timeline",
            "How quickly does the migration have to be done?",
            Some(Timeline::Weeks),
        )?,
    };
    let manage_users_on_premises = match preset.manage_users_on_premises {
        Some(b) => b,
        None => p.confirm(
            &q(
                "manage_users_on_premises",
                "Will users still be managed from on-premises Active Directory afterwards?",
            ),
            false,
        )?,
    };
    let coexistence = match preset.coexistence {
        Some(b) => b,
        None => p.confirm(
            &q(
                "coexistence",
                "Must both sides work together while the migration runs (shared free/busy, mail flow)?",
            ),
            false,
        )?,
    };
    let tenant_domain = match &preset.tenant_domain {
        Some(d) => Some(d.clone()),
        None => {
            let d = p.text(
                &Question {
                    field: "tenant",
                    prompt: "What is the tenant's domain (<name>.onmicrosoft.com)? Leave empty to fill in later."
                        .to_owned(),
                    help: help(schema, "tenant"),
                },
                Some(""),
                check_domain,
            )?;
            Some(d.trim().to_owned()).filter(|d| !d.is_empty())
        }
    };
    Ok(Preset {
        organization: Some(organization),
        source: Some(source),
        mailboxes: Some(mailboxes),
        timeline: Some(timeline),
        manage_users_on_premises: Some(manage_users_on_premises),
        coexistence: Some(coexistence),
        chosen_path: preset.chosen_path,
        tenant_domain,
    })
}

/// Shows the recommendation and asks whether to follow it; if not, asks for another path until
/// the answers allow the one chosen.
fn choose_path(
    p: &mut dyn Prompter,
    schema: &Value,
    mut answers: Answers,
    mut rec: Recommendation,
) -> Result<(Answers, Recommendation), PromptError> {
    p.show(&rec.to_text()?);
    let follow = p.confirm(
        &Question {
            field: "chosen_path",
            prompt: format!("Follow the recommendation ({})?", rec.title),
            help: help(schema, "chosen_path"),
        },
        true,
    )?;
    if follow {
        return Ok((answers, rec));
    }
    loop {
        let path = select_value(
            p,
            schema,
            "chosen_path",
            "Path",
            "Which path will the team take?",
            rec.alternatives.first().map(|a| a.path),
        )?;
        let mut candidate = answers.clone();
        candidate.chosen_path = Some(path).filter(|&c| c != rec.recommended);
        let value = serde_json::to_value(&candidate).unwrap_or(Value::Null);
        let report = check::check_value(&Document::from_value(value));
        let refusals: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.message.as_str())
            .collect();
        if refusals.is_empty() {
            answers = candidate;
            rec = recommend::recommend(&answers);
            return Ok((answers, rec));
        }
        p.show(&format!("Not possible: {}\n", refusals.join("; ")));
    }
}
