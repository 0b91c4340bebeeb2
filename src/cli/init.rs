//! `mma init`: the questionnaire on a terminal (inquire), or from flags in scripts, writing a
//! commented YAML answer file that never replaces an existing one without `--force`.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use clap::Args;

use super::{EXIT_INVALID, EXIT_OK, Failure, write_atomic};
use crate::answers::model::{MigrationPath, Source, Timeline, parse_named};
use crate::answers::{self, write};
use crate::init::{Preset, PromptError, Prompter, Question, TextCheck, interview};
use crate::recommend;
use crate::table::diagnostic::Severity;

#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// Where to write the answer file.
    #[arg(short, long, default_value = "answers.yaml")]
    output: PathBuf,
    /// Replace the file if it exists.
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
    /// The tenant's domain, `<name>.onmicrosoft.com`.
    #[arg(long)]
    tenant_domain: Option<String>,
    /// The schema reference written on the first line for editors (`mma schema --draft 07 -o FILE` writes
    /// the schema).
    #[arg(long, default_value = "answers.draft-07.schema.json", value_parser = schema_ref)]
    schema_ref: String,
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
            Ok(match check(input) {
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

pub(super) fn run(args: InitArgs) -> Result<u8, Failure> {
    if args.output.exists() && !args.force {
        return Err(Failure::usage(format!(
            "{} exists; pass --force to replace it",
            args.output.display()
        )));
    }
    let preset = Preset {
        organization: args.organization,
        source: args.source,
        mailboxes: args.mailboxes,
        timeline: args.timeline,
        manage_users_on_premises: args.manage_users_on_premises,
        coexistence: args.coexistence,
        chosen_path: args.chosen_path,
        tenant_domain: args.tenant_domain,
    };
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let (answers, rec) = if args.non_interactive || !terminal {
        let missing = preset.missing();
        let Some(answers) = preset.answers().filter(|_| missing.is_empty()) else {
            let why = if args.non_interactive {
                "--non-interactive"
            } else {
                "there is no terminal to ask on, so"
            };
            return Err(Failure::usage(format!(
                "{why} every answer comes from flags; missing: {}",
                missing.join(", ")
            )));
        };
        let rec = recommend::recommend(&answers);
        (answers, rec)
    } else {
        match interview(&mut Terminal, &preset) {
            Ok(done) => done,
            Err(PromptError::Cancelled) => {
                return Err(Failure::usage("cancelled; nothing was written"));
            }
            Err(PromptError::Io(e)) => {
                return Err(Failure::usage(format!("the terminal failed: {e}")));
            }
        }
    };
    let text = write::to_yaml(&answers, Some(&args.schema_ref))
        .map_err(|e| Failure::usage(format!("cannot serialise the answers: {e}")))?;
    // What is written must validate; flags can still break a cross-field rule.
    let report = answers::check(&text, answers::Format::Yaml);
    if !report.is_valid() {
        let name = args.output.display().to_string();
        for d in &report.diagnostics {
            eprint!("{}", d.human(&name, false));
        }
        return Err(Failure {
            code: EXIT_INVALID,
            message: "these answers are not valid; nothing was written".to_owned(),
        });
    }
    write_atomic(&args.output, text.as_bytes())?;
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
    {
        eprint!("{}", d.human(&args.output.display().to_string(), false));
    }
    super::inform(&format!(
        "wrote {}: {} (`{}`), rule {}\n",
        args.output.display(),
        rec.title,
        rec.path,
        rec.rule.id
    ));
    Ok(EXIT_OK)
}
