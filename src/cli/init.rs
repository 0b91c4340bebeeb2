//! `mma init`: the questionnaire on a terminal (inquire), or from flags in scripts, writing a
//! commented YAML answer file that never replaces an existing one without `--force`.

use std::collections::BTreeMap;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{EXIT_INVALID, EXIT_OK, Failure, write_atomic};
use crate::answers::model::{Answers, MigrationPath, Source, Timeline, parse_named};
use crate::answers::{self, write};
use crate::init::{
    self, Detail, Preset, PromptError, Prompter, Question, TextCheck, from_flags, interview,
};
use crate::recommend::Recommendation;
use crate::table::diagnostic::Severity;
use crate::text::printable;

#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// Where to write the answer file.
    #[arg(short, long, default_value = "answers.yaml")]
    output: PathBuf,
    /// Replace the answer file if it exists, and the schema file its first line names if that
    /// differs from this mma's.
    #[arg(long)]
    force: bool,
    /// Ask nothing: every answer comes from the flags below. Implied without a terminal.
    #[arg(long)]
    non_interactive: bool,
    /// The organisation's name.
    #[arg(long)]
    organization: Option<String>,
    /// The current mail system (`exchange_2016`, `google_workspace`, `imap`, …).
    #[arg(long, value_parser = parse_named::<Source>)]
    source: Option<Source>,
    /// How many mailboxes move.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    mailboxes: Option<u32>,
    /// How quickly: `days`, `weeks` or `months`.
    #[arg(long, value_parser = parse_named::<Timeline>)]
    timeline: Option<Timeline>,
    /// Keep on-premises Active Directory as the source of authority afterwards.
    #[arg(long, value_name = "true|false")]
    manage_users_on_premises: Option<bool>,
    /// Full coexistence while both sides run.
    #[arg(long, value_name = "true|false")]
    coexistence: Option<bool>,
    /// The path the team has decided on, when it differs from the recommendation.
    #[arg(long, value_parser = parse_named::<MigrationPath>)]
    chosen_path: Option<MigrationPath>,
    /// The answers after the path: tenant, source server and schedule.
    #[command(flatten)]
    details: Box<DetailArgs>,
    /// The schema reference written on the first line for editors. A path (not a URL) is read
    /// from the answer file's folder, and `init` writes the draft-07 schema there unless the same
    /// file is there already.
    #[arg(long, default_value = "answers.draft-07.schema.json", value_parser = schema_ref)]
    schema_ref: String,
}

/// The flags of the questions after the path (each one question of the interview).
#[derive(Debug, Args)]
struct DetailArgs {
    /// The tenant's initial domain, `NAME.onmicrosoft.com`.
    #[arg(long, alias = "tenant-domain", value_name = "NAME.onmicrosoft.com")]
    tenant: Option<String>,
    /// The organisation's mail domains (accepted domains), the primary first; repeat or separate
    /// with commas.
    #[arg(long = "domain", value_name = "DOMAIN", value_delimiter = ',')]
    domains: Vec<String>,
    /// The source server's public host name: the hybrid migration endpoint (EWS and MRS Proxy),
    /// the Outlook Anywhere host, or the IMAP server.
    #[arg(long, value_name = "HOST")]
    source_host: Option<String>,
    /// IMAP only: how the connection is protected.
    #[arg(long, value_name = "ssl|tls|none")]
    imap_security: Option<String>,
    /// IMAP only: the server's port (993 with SSL, 143 otherwise, when not given).
    #[arg(long, value_name = "PORT")]
    imap_port: Option<String>,
    /// IMAP only: how batches sign in on each user's behalf (`none`: each user's own password).
    #[arg(long, value_name = "exchange|dovecot|mirapoint|none")]
    imap_login_format: Option<String>,
    /// The first day a batch may run.
    #[arg(long, value_name = "YYYY-MM-DD")]
    start: Option<String>,
    /// The IANA time zone of the dates and the window (UTC when not given).
    #[arg(long, value_name = "ZONE")]
    time_zone: Option<String>,
    /// The days batches run on (monday to friday when not given); repeat or separate with commas.
    #[arg(long, value_name = "DAY", value_delimiter = ',')]
    days: Vec<String>,
    /// The hours batches run in, on a 24-hour clock (20:00-06:00 when not given).
    #[arg(long, value_name = "HH:MM-HH:MM")]
    window: Option<String>,
    /// Dates no batch runs on; repeat or separate with commas.
    #[arg(long, value_name = "YYYY-MM-DD", value_delimiter = ',')]
    blackout: Vec<String>,
    /// The data the migration moves per hour, in GB.
    #[arg(long, value_name = "GB")]
    throughput: Option<String>,
    /// The most mailboxes one batch holds (the path's own limit when not given).
    #[arg(long, value_name = "N")]
    max_batch_mailboxes: Option<String>,
    /// Addresses of the pilot mailboxes, which move first; repeat or separate with commas.
    #[arg(long, value_name = "ADDRESS", value_delimiter = ',')]
    pilot: Vec<String>,
    /// Addresses that receive each batch's status reports; repeat or separate with commas.
    #[arg(long, value_name = "ADDRESS", value_delimiter = ',')]
    notify: Vec<String>,
}

/// A schema reference is a URL or a path on one line: control characters (a line break would
/// write YAML into the answer file) are refused.
fn schema_ref(text: &str) -> Result<String, String> {
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(format!(
            "a schema reference is a URL or a path on one line; found the control character U+{:04X}",
            u32::from(c)
        )),
        None if text.trim().is_empty() => Err("a schema reference cannot be empty".to_owned()),
        None => Ok(text.to_owned()),
    }
}

/// Questions on a terminal, through inquire.
struct Terminal;

fn inquire_error(e: inquire::InquireError) -> PromptError {
    match e {
        inquire::InquireError::OperationCanceled | inquire::InquireError::OperationInterrupted => {
            PromptError::Cancelled
        }
        other => PromptError::Io(other.to_string()),
    }
}

impl Prompter for Terminal {
    fn text(
        &mut self,
        question: &Question,
        default: Option<&str>,
        check: TextCheck,
    ) -> Result<String, PromptError> {
        let validator = move |input: &str| {
            Ok(match check.check(input) {
                Ok(()) => inquire::validator::Validation::Valid,
                Err(message) => inquire::validator::Validation::Invalid(message.into()),
            })
        };
        let mut prompt = inquire::Text::new(&question.prompt)
            .with_help_message(&question.help)
            .with_validator(validator);
        if let Some(d) = default.filter(|d| !d.is_empty()) {
            prompt = prompt.with_default(d);
        }
        prompt.prompt().map_err(inquire_error)
    }

    fn select(
        &mut self,
        question: &Question,
        options: &[String],
        default: usize,
    ) -> Result<usize, PromptError> {
        let choice = inquire::Select::new(&question.prompt, options.to_vec())
            .with_help_message(&question.help)
            .with_starting_cursor(default)
            .prompt()
            .map_err(inquire_error)?;
        options
            .iter()
            .position(|o| *o == choice)
            .ok_or_else(|| PromptError::Io("the choice is not an option".to_owned()))
    }

    fn confirm(&mut self, question: &Question, default: bool) -> Result<bool, PromptError> {
        inquire::Confirm::new(&question.prompt)
            .with_help_message(&question.help)
            .with_default(default)
            .prompt()
            .map_err(inquire_error)
    }

    fn show(&mut self, text: &str) {
        eprintln!("\n{text}");
    }
}

impl InitArgs {
    /// The answers the flags give, the details as the text typed.
    fn preset(&self) -> Preset {
        let d = &self.details;
        let mut details = BTreeMap::new();
        let mut one = |detail: Detail, value: &Option<String>| {
            if let Some(v) = value {
                details.insert(detail, v.clone());
            }
        };
        one(Detail::Tenant, &d.tenant);
        one(Detail::SourceHost, &d.source_host);
        one(Detail::ImapSecurity, &d.imap_security);
        one(Detail::ImapPort, &d.imap_port);
        one(Detail::ImapLoginFormat, &d.imap_login_format);
        one(Detail::Start, &d.start);
        one(Detail::TimeZone, &d.time_zone);
        one(Detail::Window, &d.window);
        one(Detail::Throughput, &d.throughput);
        one(Detail::MaxBatchMailboxes, &d.max_batch_mailboxes);
        for (detail, items) in [
            (Detail::Domains, &d.domains),
            (Detail::Days, &d.days),
            (Detail::Blackout, &d.blackout),
            (Detail::Pilot, &d.pilot),
            (Detail::Notify, &d.notify),
        ] {
            if !items.is_empty() {
                details.insert(detail, items.join(", "));
            }
        }
        Preset {
            organization: self.organization.clone(),
            source: self.source,
            mailboxes: self.mailboxes,
            timeline: self.timeline,
            manage_users_on_premises: self.manage_users_on_premises,
            coexistence: self.coexistence,
            chosen_path: self.chosen_path,
            details,
            today: None,
        }
    }
}

/// Whether a schema reference is a URL (`https:`, `file:`), not a path; a one-letter scheme is
/// a Windows drive.
fn is_url(reference: &str) -> bool {
    reference.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    })
}

/// The schema file the modeline names, when it names one (a path, read from the answer file's
/// folder), and whether to write it: not when the same schema is there, refused when another
/// file is there, unless `--force`.
fn schema_file(args: &InitArgs, text: &str) -> Result<Option<PathBuf>, Failure> {
    if is_url(&args.schema_ref) {
        return Ok(None);
    }
    let folder = args.output.parent().unwrap_or_else(|| Path::new(""));
    let path = folder.join(&args.schema_ref);
    let shown = printable(&path.display().to_string()).into_owned();
    let same = match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Some(path)),
        Err(e) => return Err(Failure::usage(format!("cannot read {shown}: {e}"))),
        Ok(meta) if !meta.is_file() => {
            return Err(Failure::usage(format!(
                "{shown} is not a regular file, so the schema the answer file's first line names cannot be written there; pass --schema-ref to name another"
            )));
        }
        // Read only a file of the schema's length (not a large or special file).
        Ok(meta) if meta.len() != text.len() as u64 => false,
        Ok(_) => {
            std::fs::read(&path).map_err(|e| Failure::usage(format!("cannot read {shown}: {e}")))?
                == text.as_bytes()
        }
    };
    if same {
        Ok(None)
    } else if args.force {
        Ok(Some(path))
    } else {
        Err(Failure::usage(format!(
            "{shown} exists and is not this mma's answer schema (which the answer file's first line names); pass --force to replace it, or --schema-ref to name another"
        )))
    }
}

/// The answers: from the flags alone, or asked for on the terminal.
fn answers(args: &InitArgs) -> Result<(Answers, Recommendation), Failure> {
    let mut preset = args.preset();
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let result = if args.non_interactive || !terminal {
        from_flags(&preset)
    } else {
        preset.today = Some(
            jiff::tz::TimeZone::UTC
                .to_datetime(jiff::Timestamp::now())
                .date(),
        );
        interview(&mut Terminal, &preset)
    };
    result.map_err(|e| match e {
        PromptError::Cancelled => Failure::usage("cancelled; nothing was written"),
        PromptError::Missing(missing) => {
            let why = if args.non_interactive {
                "--non-interactive"
            } else {
                "there is no terminal to ask on, so"
            };
            Failure::usage(format!(
                "{why} every answer comes from flags; missing: {}",
                missing.join(", ")
            ))
        }
        PromptError::Invalid(_) => Failure {
            code: EXIT_INVALID,
            message: format!("{e} (nothing was written)"),
        },
        other => Failure::usage(format!("{other} (nothing was written)")),
    })
}

pub(super) fn run(args: InitArgs) -> Result<u8, Failure> {
    if args.output.exists() && !args.force {
        return Err(Failure::usage(format!(
            "{} exists; pass --force to replace it",
            args.output.display()
        )));
    }
    let schema = answers::schema::draft07_text();
    let schema_path = schema_file(&args, &schema)?;
    let (answers, rec) = answers(&args)?;
    let text = write::to_yaml(&answers, Some(&args.schema_ref))
        .map_err(|e| Failure::usage(format!("cannot serialise the answers: {e}")))?;
    // Every answer was checked as it was given; this is the last guard. Nothing is written
    // yet, so a finding names the answer (and its flag), not a place in a file.
    let report = answers::check(&text, answers::Format::Yaml);
    if !report.is_valid() {
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            let pointer = d.pointer.as_deref().unwrap_or("");
            let field = pointer.trim_start_matches('/').replace('/', ".");
            let flag = init::flag_for(pointer)
                .map(|f| format!(" ({f})"))
                .unwrap_or_default();
            super::error(&format!("`{field}`{flag}: {}", init::describe(d)));
        }
        return Err(Failure {
            code: EXIT_INVALID,
            message: "these answers are not valid; nothing was written".to_owned(),
        });
    }
    if let Some(path) = &schema_path {
        write_atomic(path, schema.as_bytes())?;
    }
    write_atomic(&args.output, text.as_bytes())?;
    // The warnings are about the file now written, so they name its lines.
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
    {
        eprint!(
            "{}",
            d.human(&args.output.display().to_string(), super::colour_stderr())
        );
    }
    if let Some(path) = &schema_path {
        super::inform(&format!(
            "wrote {} (the schema the answer file's first line names)\n",
            path.display()
        ));
    }
    super::inform(&format!(
        "wrote {}: {} (`{}`), rule {}\n",
        args.output.display(),
        rec.title,
        rec.path,
        rec.rule.id
    ));
    let left = init::unanswered(&answers, rec.path);
    if !left.is_empty() {
        let named: Vec<String> = left
            .iter()
            .map(|d| format!("{} ({})", d.field(), d.flag()))
            .collect();
        super::warning(&format!(
            "not answered: {}; the plan and runbook show placeholders for them until the answer file has them",
            named.join(", ")
        ));
    }
    Ok(EXIT_OK)
}
