//! The recommendation for a set of answers: the path the decision table picks, the rule and why,
//! the alternatives with when to prefer each, and the warnings the answers call for. Rendered as
//! JSON (serde) or, from templates, as text or Markdown; pure, no IO.

use serde::Serialize;

use crate::answers::{Answers, MigrationPath, Source};
use crate::decision;
use crate::render::{Template, TemplateError, Templates, View, ViewKind};

/// The rule of `decision-table.csv` that chose the path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The rule's stable id.
    pub id: &'static str,
    /// Its line in the table.
    pub line: u32,
    /// The table's file name.
    pub file: &'static str,
}

/// Another workable path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Alternative {
    /// The path's name.
    pub path: MigrationPath,
    /// Its human name.
    pub title: &'static str,
    /// When to prefer it.
    pub when: &'static str,
}

/// Something the engineer should know before starting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable kind, written as its kebab-case name.
    pub code: WarningCode,
    /// The warning.
    pub message: String,
}

/// The kinds of warning, each with a stable name (`cutover-size`, …) in JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningCode {
    /// The answers choose another path than the table recommends.
    ChosenPath,
    /// From 5,000 mailboxes Microsoft advises a partner.
    LargeOrganisation,
    /// A cutover above the advised size.
    CutoverSize,
    /// IMAP moves mail only.
    ImapMailOnly,
    /// Exchange 2003 to Microsoft 365 is not supported (KB 2389390).
    #[serde(rename = "exchange-2003-unsupported")]
    Exchange2003Unsupported,
    /// The source is out of support.
    EndOfSupport,
}

/// What `mma recommend` says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recommendation {
    /// The organisation, from the answers.
    pub organization: String,
    /// The path plans and runbooks follow: the chosen path if the answers set one, else the
    /// recommended one.
    pub path: MigrationPath,
    /// The path's human name.
    pub title: &'static str,
    /// The path the decision table recommends.
    pub recommended: MigrationPath,
    /// The path the team chose, when it set one.
    pub chosen_path: Option<MigrationPath>,
    /// The rule that recommended it.
    pub rule: Rule,
    /// Why the rule recommends it.
    pub why: &'static str,
    /// Other workable paths, best first.
    pub alternatives: Vec<Alternative>,
    /// What to know before starting.
    pub warnings: Vec<Warning>,
}

/// When to prefer a path, in one line.
#[must_use]
pub const fn when_to_prefer(path: MigrationPath) -> &'static str {
    match path {
        MigrationPath::FullHybrid => {
            "both sides must work together for a long time: shared free/busy, cross-premises mail flow, MailTips, moving mailboxes back"
        }
        MigrationPath::MinimalHybrid => {
            "mailboxes move online over weeks or months with directory synchronisation kept, without coexistence features"
        }
        MigrationPath::ExpressHybrid => {
            "mailboxes move online within days or a couple of weeks, with the directory synchronised once"
        }
        MigrationPath::Staged => {
            "Exchange 2003 or 2007 moves in batches with directory synchronisation; users need new Outlook profiles"
        }
        MigrationPath::Cutover => {
            "fewer than 150 mailboxes move at once over a weekend (2,000 at most); users need new Outlook profiles"
        }
        MigrationPath::Imap => {
            "only mail has to move and the source offers IMAP; calendars and contacts stay behind"
        }
        MigrationPath::GoogleWorkspace => {
            "the source is Google Workspace: mail, calendars and contacts move through Google's API"
        }
        MigrationPath::CrossTenant => {
            "mailboxes move between Microsoft 365 tenants; each user needs the Cross Tenant User Data Migration licence"
        }
        MigrationPath::ThirdParty => {
            "no native path reads the source, or data a native path leaves behind (calendars, contacts) must move too"
        }
    }
}

/// The support end of a source that is out of support, as written in the warning.
const fn end_of_support(source: Source) -> Option<&'static str> {
    match source {
        Source::Exchange2000OrEarlier => {
            Some("Exchange 2000 and earlier have long been out of support")
        }
        Source::Exchange2003 => Some("Exchange Server 2003 support ended on 8 April 2014"),
        Source::Exchange2007 => Some("Exchange Server 2007 support ended on 11 April 2017"),
        Source::Exchange2010 => Some("Exchange Server 2010 support ended on 13 October 2020"),
        Source::Exchange2013 => Some("Exchange Server 2013 support ended on 11 April 2023"),
        Source::Exchange2016 => Some("Exchange Server 2016 support ended on 14 October 2025"),
        Source::Exchange2019 => Some("Exchange Server 2019 support ended on 14 October 2025"),
        Source::ExchangeSe
        | Source::GoogleWorkspace
        | Source::Imap
        | Source::Microsoft365
        | Source::Other => None,
    }
}

/// The recommendation for valid answers.
#[must_use]
pub fn recommend(answers: &Answers) -> Recommendation {
    let decision = decision::decide(
        answers.source,
        answers.mailboxes,
        answers.timeline,
        answers.manage_users_on_premises,
        answers.coexistence,
    );
    let recommended = decision.path;
    let path = answers.chosen_path.unwrap_or(recommended);
    let mut alternatives: Vec<Alternative> = decision
        .alternatives
        .iter()
        .copied()
        .chain(std::iter::once(recommended))
        .filter(|&p| p != path)
        .map(|p| Alternative {
            path: p,
            title: p.title(),
            when: when_to_prefer(p),
        })
        .collect();
    alternatives.dedup_by_key(|a| a.path);

    let mut warnings = Vec::new();
    if path != recommended {
        warnings.push(Warning {
            code: WarningCode::ChosenPath,
            message: format!(
                "the answers choose `{path}`; the table recommends `{recommended}` (rule `{}`)",
                decision.rule
            ),
        });
    }
    if answers.mailboxes >= 5000 {
        warnings.push(Warning {
            code: WarningCode::LargeOrganisation,
            message: format!(
                "{} mailboxes: from 5,000 mailboxes Microsoft advises engaging a partner (FastTrack or a solution provider)",
                answers.mailboxes
            ),
        });
    }
    if path == MigrationPath::Cutover && answers.mailboxes > 150 {
        warnings.push(Warning {
            code: WarningCode::CutoverSize,
            message: format!(
                "a cutover of {} mailboxes: performance suffers above 150, and {} is the hard limit",
                answers.mailboxes,
                crate::limits::thousands(MigrationPath::Cutover.limits().max_batch_mailboxes)
            ),
        });
    }
    if path == MigrationPath::Imap {
        warnings.push(Warning {
            code: WarningCode::ImapMailOnly,
            message: "IMAP migration moves mail only: calendars, contacts and tasks stay behind; at most 500,000 items per mailbox and 35 MB per message".to_owned(),
        });
    }
    if answers.source == Source::Exchange2003
        && matches!(path, MigrationPath::Cutover | MigrationPath::Staged)
    {
        warnings.push(Warning {
            code: WarningCode::Exchange2003Unsupported,
            message: "Microsoft KB 2389390 states that migrating from on-premises Exchange 2003 to Office 365 is not supported, and Outlook Anywhere on Exchange 2003 needs Basic authentication: the alternatives are upgrading to a supported Exchange version first, IMAP migration (mail only) or a third-party tool".to_owned(),
        });
    }
    if let Some(eos) = end_of_support(answers.source) {
        warnings.push(Warning {
            code: WarningCode::EndOfSupport,
            message: format!("{eos}; plan the migration before anything else depends on it"),
        });
    }
    Recommendation {
        organization: answers.organization.clone(),
        path,
        title: path.title(),
        recommended,
        chosen_path: answers.chosen_path,
        rule: Rule {
            id: decision.rule,
            line: decision.line,
            file: "decision-table.csv",
        },
        why: decision.why,
        alternatives,
        warnings,
    }
}

/// What the recommendation templates (`recommendation.md`, `recommendation.txt`) are given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecommendationView<'a> {
    /// The organisation, from the answers.
    pub organization: &'a str,
    /// The path plans and runbooks follow.
    pub path: MigrationPath,
    /// Its human name.
    pub title: &'static str,
    /// Whether the answers chose it rather than the table.
    pub chosen: bool,
    /// The path the decision table recommends.
    pub recommended: MigrationPath,
    /// Its human name.
    pub recommended_title: &'static str,
    /// The rule that recommended it.
    pub rule: &'a Rule,
    /// Why the rule recommends it.
    pub why: &'static str,
    /// Other workable paths, best first.
    pub alternatives: &'a [Alternative],
    /// What to know before starting.
    pub warnings: &'a [Warning],
}

impl View for RecommendationView<'_> {
    const KIND: ViewKind = ViewKind::Recommendation;
}

/// The recommendation's document formats, each a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Text for a terminal (`recommendation.txt`).
    Text,
    /// Markdown, for a ticket or a design document (`recommendation.md`).
    Markdown,
}

impl Format {
    /// The template that renders it.
    #[must_use]
    pub const fn template(self) -> Template {
        match self {
            Self::Text => Template::RecommendationTxt,
            Self::Markdown => Template::RecommendationMd,
        }
    }
}

/// The recommendation as the JSON document: `format_version`, then its fields.
#[derive(Serialize)]
struct Json<'a> {
    format_version: u32,
    #[serde(flatten)]
    recommendation: &'a Recommendation,
}

impl Recommendation {
    /// The view the templates render.
    #[must_use]
    pub fn view(&self) -> RecommendationView<'_> {
        RecommendationView {
            organization: &self.organization,
            path: self.path,
            title: self.title,
            chosen: self.path != self.recommended,
            recommended: self.recommended,
            recommended_title: self.recommended.title(),
            rule: &self.rule,
            why: self.why,
            alternatives: &self.alternatives,
            warnings: &self.warnings,
        }
    }

    /// The recommendation in `format`, rendered from `templates`.
    ///
    /// # Errors
    /// An override of the format's template that fails to render, located.
    pub fn render(&self, templates: &Templates, format: Format) -> Result<String, TemplateError> {
        templates.render(format.template().name(), &self.view())
    }

    /// Plain text for a terminal, from the built-in template.
    ///
    /// # Errors
    /// When the built-in template fails (the test suite renders it for every path).
    pub fn to_text(&self) -> Result<String, TemplateError> {
        self.render(Templates::builtin()?, Format::Text)
    }

    /// Markdown, for a ticket or a design document, from the built-in template.
    ///
    /// # Errors
    /// When the built-in template fails (the test suite renders it for every path).
    pub fn to_markdown(&self) -> Result<String, TemplateError> {
        self.render(Templates::builtin()?, Format::Markdown)
    }

    /// One JSON document, with `format_version`.
    ///
    /// # Errors
    /// When serialisation fails, which a recommendation's strings, numbers and lists never make
    /// it do; the error is returned rather than an empty document written.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut text = serde_json::to_string_pretty(&Json {
            format_version: 1,
            recommendation: self,
        })?;
        text.push('\n');
        Ok(text)
    }
}
