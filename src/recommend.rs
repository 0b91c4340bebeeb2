//! The recommendation for a set of answers: the path the decision table picks, the rule and why,
//! the alternatives with when to prefer each, and the warnings the answers call for. Rendered as
//! text, JSON or Markdown; pure, no IO.

use std::fmt::Write as _;

use serde::Serialize;

use crate::answers::{Answers, Path, Source};
use crate::decision;
use crate::markdown::escape_markdown;
use crate::text::printable;

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
    pub path: Path,
    /// Its human name.
    pub title: &'static str,
    /// When to prefer it.
    pub when: &'static str,
}

/// Something the engineer should know before starting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable kind: `large-organisation`, `cutover-size`, `imap-mail-only`,
    /// `exchange-2003-unsupported`, `end-of-support`, `chosen-path`.
    pub code: &'static str,
    /// The warning.
    pub message: String,
}

/// What `mma recommend` says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recommendation {
    /// The organisation, from the answers.
    pub organization: String,
    /// The path plans and runbooks follow: the chosen path if the answers set one, else the
    /// recommended one.
    pub path: Path,
    /// The path's human name.
    pub title: &'static str,
    /// The path the decision table recommends.
    pub recommended: Path,
    /// The path the team chose, when it set one.
    pub chosen_path: Option<Path>,
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
pub const fn when_to_prefer(path: Path) -> &'static str {
    match path {
        Path::FullHybrid => {
            "both sides must work together for a long time: shared free/busy, cross-premises mail flow, MailTips, moving mailboxes back"
        }
        Path::MinimalHybrid => {
            "mailboxes move online over weeks or months with directory synchronisation kept, without coexistence features"
        }
        Path::ExpressHybrid => {
            "a quick online move over days or a couple of weeks, with a one-time directory synchronisation"
        }
        Path::Staged => {
            "Exchange 2003 or 2007 moves in batches with directory synchronisation; users need new Outlook profiles"
        }
        Path::Cutover => {
            "fewer than 150 mailboxes move at once over a weekend (2,000 at most); users need new Outlook profiles"
        }
        Path::Imap => {
            "only mail has to move and the source offers IMAP; calendars and contacts stay behind"
        }
        Path::GoogleWorkspace => {
            "the source is Google Workspace: mail, calendars and contacts move through Google's API"
        }
        Path::CrossTenant => {
            "mailboxes move between Microsoft 365 tenants; each user needs the Cross Tenant User Data Migration licence"
        }
        Path::ThirdParty => {
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
            code: "chosen-path",
            message: format!(
                "the answers choose `{path}`; the table recommends `{recommended}` (rule `{}`)",
                decision.rule
            ),
        });
    }
    if answers.mailboxes >= 5000 {
        warnings.push(Warning {
            code: "large-organisation",
            message: format!(
                "{} mailboxes: from 5,000 mailboxes Microsoft advises engaging a partner (FastTrack or a solution provider)",
                answers.mailboxes
            ),
        });
    }
    if path == Path::Cutover && answers.mailboxes > 150 {
        warnings.push(Warning {
            code: "cutover-size",
            message: format!(
                "a cutover of {} mailboxes: performance suffers above 150, and 2,000 is the hard limit",
                answers.mailboxes
            ),
        });
    }
    if path == Path::Imap {
        warnings.push(Warning {
            code: "imap-mail-only",
            message: "IMAP migration moves mail only: calendars, contacts and tasks stay behind; at most 500,000 items per mailbox and 35 MB per message".to_owned(),
        });
    }
    if answers.source == Source::Exchange2003 && matches!(path, Path::Cutover | Path::Staged) {
        warnings.push(Warning {
            code: "exchange-2003-unsupported",
            message: "Microsoft KB 2389390 states that migrating from on-premises Exchange 2003 to Office 365 is not supported, and Outlook Anywhere on Exchange 2003 needs Basic authentication: the alternatives are upgrading to a supported Exchange version first, IMAP migration (mail only) or a third-party tool".to_owned(),
        });
    }
    if let Some(eos) = end_of_support(answers.source) {
        warnings.push(Warning {
            code: "end-of-support",
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

impl Recommendation {
    /// Plain text for a terminal.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {} (`{}`)",
            printable(&self.organization),
            self.title,
            self.path
        );
        if self.path != self.recommended {
            let _ = writeln!(
                out,
                "  chosen in the answers; recommended: {} (`{}`)",
                self.recommended.title(),
                self.recommended
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "rule  {} ({}:{})",
            self.rule.id, self.rule.file, self.rule.line
        );
        let _ = writeln!(out, "why   {}", printable(self.why));
        if !self.alternatives.is_empty() {
            let _ = writeln!(out, "\nalternatives");
            for a in &self.alternatives {
                let _ = writeln!(
                    out,
                    "  - {} (`{}`): prefer it when {}",
                    a.title, a.path, a.when
                );
            }
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "\nwarnings");
            for w in &self.warnings {
                let _ = writeln!(out, "  - {}", printable(&w.message));
            }
        }
        out
    }

    /// Markdown, for a ticket or a design document.
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Migration path for {}: {}\n",
            escape_markdown(&self.organization),
            self.title
        );
        let _ = writeln!(out, "- **Path:** `{}`", self.path);
        if self.path != self.recommended {
            let _ = writeln!(
                out,
                "- **Recommended by the table:** {} (`{}`)",
                self.recommended.title(),
                self.recommended
            );
        }
        let _ = writeln!(
            out,
            "- **Rule:** `{}` ({} line {})",
            self.rule.id, self.rule.file, self.rule.line
        );
        let _ = writeln!(out, "- **Why:** {}", self.why);
        if !self.alternatives.is_empty() {
            let _ = writeln!(out, "\n## Alternatives\n");
            let _ = writeln!(out, "| Path | Prefer it when |\n|---|---|");
            for a in &self.alternatives {
                let _ = writeln!(out, "| {} (`{}`) | {} |", a.title, a.path, a.when);
            }
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "\n## Warnings\n");
            for w in &self.warnings {
                let _ = writeln!(out, "- {}", w.message);
            }
        }
        out
    }

    /// One JSON document, with `format_version`.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut value = serde_json::json!({ "format_version": 1 });
        if let (Some(map), Ok(serde_json::Value::Object(fields))) =
            (value.as_object_mut(), serde_json::to_value(self))
        {
            map.extend(fields);
        }
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}
