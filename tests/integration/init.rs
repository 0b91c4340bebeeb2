//! `mma init` end to end: the interview against a scripted prompter (every question, refused
//! answers asked again with the reason), the same answers from flags with located errors, the
//! schema file the answer file points at, and an interview whose plan and runbook keep no
//! placeholder.

use std::collections::{BTreeMap, VecDeque};

use mma::answers::model::{MigrationPath, Source};
use mma::answers::{self, Format};
use mma::init::{Detail, Preset, PromptError, Prompter, Question, TextCheck, interview};

use crate::support::{mma, root, scratch};

/// The six facts as flags.
const FLAGS: &[&str] = &[
    "--organization",
    "Contoso",
    "--source",
    "exchange_2016",
    "--mailboxes",
    "120",
    "--timeline",
    "days",
    "--manage-users-on-premises",
    "false",
    "--coexistence",
    "false",
];

/// Replays answers, as a person at the terminal would type them.
struct Script {
    replies: VecDeque<&'static str>,
    asked: Vec<Question>,
    /// Each refused reply: the field and the reason shown.
    refused: Vec<(&'static str, String)>,
    shown: String,
}

impl Script {
    fn new(replies: &[&'static str]) -> Self {
        Self {
            replies: replies.iter().copied().collect(),
            asked: Vec::new(),
            refused: Vec::new(),
            shown: String::new(),
        }
    }

    fn next(&mut self, q: &Question) -> Result<&'static str, PromptError> {
        self.asked.push(q.clone());
        self.replies.pop_front().ok_or(PromptError::Cancelled)
    }

    fn fields(&self) -> Vec<&'static str> {
        let mut fields: Vec<_> = self.asked.iter().map(|q| q.field).collect();
        fields.dedup();
        fields
    }

    fn refusal(&self, field: &str) -> String {
        self.refused
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, why)| why.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

impl Prompter for Script {
    fn text(
        &mut self,
        q: &Question,
        default: Option<&str>,
        check: TextCheck,
    ) -> Result<String, PromptError> {
        // Like the terminal: an empty reply takes the default unchecked, a refused reply is
        // asked again.
        loop {
            let reply = self.next(q)?;
            if reply.is_empty()
                && let Some(d) = default
            {
                return Ok(d.to_owned());
            }
            match check.check(reply) {
                Ok(()) => return Ok(reply.to_owned()),
                Err(why) => self.refused.push((q.field, why)),
            }
        }
    }

    fn select(&mut self, q: &Question, options: &[String], _: usize) -> Result<usize, PromptError> {
        let reply = self.next(q)?;
        options
            .iter()
            .position(|o| o.starts_with(reply))
            .ok_or_else(|| PromptError::Io(format!("no option {reply} in {options:?}")))
    }

    fn confirm(&mut self, q: &Question, _default: bool) -> Result<bool, PromptError> {
        Ok(self.next(q)? == "y")
    }

    fn show(&mut self, text: &str) {
        self.shown.push_str(text);
    }
}

/// The interview for the shipped example's organisation (`examples/minimal-hybrid.yaml`), with a
/// wrong answer to each checked question first.
const TAILSPIN: &[&str] = &[
    "Tailspin Toys",
    "Exchange Server 2013",
    "800",
    "Months",
    "n", // managed on premises
    "n", // coexistence
    "y", // follow the recommendation: minimal hybrid
    "tailspin toys.onmicrosoft.com",
    "tailspintoys.onmicrosoft.com",
    "tailspintoys.com, tailspin..com",
    "tailspintoys.com",
    "owa tailspintoys.com",
    "owa.tailspintoys.com",
    "2026-02-30",
    "2026-02-02",
    "America/Chicgo",
    "America/Chicago",
    "tuesday, wensday",
    "tuesday, wednesday, thursday",
    "20:00-20:00",
    "24:00-05:00",
    "20:00-05:00",
    "", // no blackout dates
    "12 GB",
    "12",
    "0",
    "100",
    "dweber@tailspintoys.com, helpdesk",
    "dweber@tailspintoys.com, helpdesk@tailspintoys.com",
    "migration-team@tailspintoys.com",
];

/// The same answers as flags.
const TAILSPIN_FLAGS: &[&str] = &[
    "--organization",
    "Tailspin Toys",
    "--source",
    "exchange_2013",
    "--mailboxes",
    "800",
    "--timeline",
    "months",
    "--manage-users-on-premises",
    "false",
    "--coexistence",
    "false",
    "--tenant",
    "tailspintoys.onmicrosoft.com",
    "--domain",
    "tailspintoys.com",
    "--source-host",
    "owa.tailspintoys.com",
    "--start",
    "2026-02-02",
    "--time-zone",
    "America/Chicago",
    "--days",
    "tuesday,wednesday,thursday",
    "--window",
    "20:00-05:00",
    "--throughput",
    "12",
    "--max-batch-mailboxes",
    "100",
    "--pilot",
    "dweber@tailspintoys.com",
    "--pilot",
    "helpdesk@tailspintoys.com",
    "--notify",
    "migration-team@tailspintoys.com",
];

#[test]
fn the_interview_asks_what_the_plan_and_runbook_need_and_re_asks_refused_answers() {
    let mut script = Script::new(TAILSPIN);
    let (answers, rec) = interview(&mut script, &Preset::default()).expect("completes");
    assert!(script.replies.is_empty(), "{:?}", script.replies);
    assert_eq!(rec.path, MigrationPath::MinimalHybrid);
    // The answers are the shipped example's, field for field.
    let example =
        std::fs::read_to_string(root().join("examples/minimal-hybrid.yaml")).expect("example");
    let expected = answers::check(&example, Format::Yaml)
        .answers
        .expect("valid example");
    assert_eq!(answers, expected);
    // Every question the path uses, in order; no IMAP question on a hybrid path.
    assert_eq!(
        script.fields(),
        [
            "organization",
            "source",
            "mailboxes",
            "timeline",
            "manage_users_on_premises",
            "coexistence",
            "chosen_path",
            "tenant.domain",
            "tenant.accepted_domains",
            "source_server.hostname",
            "schedule.start",
            "schedule.time_zone",
            "schedule.days",
            "schedule.window",
            "schedule.blackout",
            "schedule.throughput_gb_per_hour",
            "schedule.max_batch_mailboxes",
            "schedule.pilot",
            "schedule.notify",
        ]
    );
    // Each refused reply was asked again with the checks' reason.
    for (field, why) in [
        (
            "tenant.domain",
            "`domain` is not a host name: `tailspin toys.onmicrosoft.com`",
        ),
        (
            "tenant.accepted_domains",
            "item 2 of `accepted_domains` is not a host name",
        ),
        ("source_server.hostname", "`hostname` is not a host name"),
        (
            "schedule.start",
            "`start` is not a real date (YYYY-MM-DD): `2026-02-30`",
        ),
        (
            "schedule.time_zone",
            "`America/Chicgo` is not a time zone of the IANA database",
        ),
        ("schedule.days", "did you mean `wednesday`?"),
        (
            "schedule.window",
            "the window `20:00-20:00` starts and ends at the same time",
        ),
        ("schedule.window", "an hour is 00 to 23 at character 1"),
        ("schedule.throughput_gb_per_hour", "found text `12 GB`"),
        ("schedule.max_batch_mailboxes", "is too small: `0`"),
        (
            "schedule.pilot",
            "item 2 of `pilot` is not an email address: `helpdesk`",
        ),
    ] {
        assert!(
            script.refusal(field).contains(why),
            "{field}: {}",
            script.refusal(field)
        );
    }
    // Help lines are the schema's descriptions, nested fields included.
    let help = |field: &str| {
        script
            .asked
            .iter()
            .find(|q| q.field == field)
            .map(|q| q.help.clone())
            .expect("asked")
    };
    assert_eq!(help("source"), "The mail system the mailboxes move from.");
    assert!(help("schedule.window").starts_with("The hours in which batches run"));
    assert!(help("schedule.notify").contains("-NotificationEmails"));
}

#[test]
fn an_imap_interview_asks_for_the_server_s_port_security_and_login() {
    let mut script = Script::new(&[
        "Northwind",
        "Another IMAP server",
        "2",
        "Weeks",
        "n",
        "n",
        "y", // IMAP migration
        "northwind.onmicrosoft.com",
        "northwind.com",
        "imap.northwind.com",
        "TLS",
        "", // port: the default for TLS, 143
        "Dovecot",
        "2026-03-02",
        "",           // time zone: UTC
        "",           // days: monday to friday
        "",           // window: 20:00-06:00
        "2026-03-01", // before the start: a warning, not a refusal
        "",           // throughput: left out
        "",           // batch size: the path's own
        "a@northwind.com, b@northwind.com, c@northwind.com",
        "a@northwind.com",
        "", // no status reports
    ]);
    let (answers, rec) = interview(&mut script, &Preset::default()).expect("completes");
    assert!(script.replies.is_empty(), "{:?}", script.replies);
    assert_eq!(rec.path, MigrationPath::Imap);
    let server = answers.source_server.expect("server");
    assert_eq!(server.port, Some(143));
    assert_eq!(server.security.map(|s| s.name()), Some("tls"));
    assert_eq!(server.admin_login_format.map(|s| s.name()), Some("dovecot"));
    let schedule = answers.schedule.expect("schedule");
    assert_eq!(schedule.zone().name(), "UTC");
    assert_eq!(schedule.days.len(), 5);
    assert_eq!(
        schedule.window.map(|w| w.text()).as_deref(),
        Some("20:00-06:00")
    );
    assert_eq!(schedule.pilot, ["a@northwind.com"]);
    assert!(schedule.notify.is_empty() && schedule.throughput_gb_per_hour.is_none());
    assert!(
        script
            .refusal("schedule.pilot")
            .contains("3 pilot mailboxes, but only 2 mailboxes move"),
        "{:?}",
        script.refused
    );
}

#[test]
fn the_interview_skips_what_flags_answer_and_refuses_bad_flags() {
    let details: BTreeMap<Detail, String> = [
        (Detail::Tenant, "contoso.onmicrosoft.com"),
        (Detail::Domains, "contoso.com"),
        (Detail::SourceHost, "imap.contoso.com"),
        (Detail::ImapSecurity, "ssl"),
        (Detail::ImapPort, "993"),
        (Detail::ImapLoginFormat, "none"),
        (Detail::Start, "2026-03-02"),
        (Detail::TimeZone, "Europe/London"),
        (Detail::Days, "monday, tuesday"),
        (Detail::Window, "19:00-23:00"),
        (Detail::Blackout, "2026-04-03"),
        (Detail::Throughput, "5.5"),
        (Detail::MaxBatchMailboxes, "20"),
        (Detail::Pilot, "a@contoso.com"),
        (Detail::Notify, "it@contoso.com"),
    ]
    .into_iter()
    .map(|(d, t)| (d, t.to_owned()))
    .collect();
    let mut preset = Preset {
        organization: Some("Contoso".to_owned()),
        source: Some(Source::Imap),
        mailboxes: Some(40),
        timeline: None,
        manage_users_on_premises: Some(false),
        coexistence: Some(false),
        chosen_path: Some(MigrationPath::Imap),
        details,
        today: None,
    };
    let mut script = Script::new(&["Days"]);
    let (answers, _) = interview(&mut script, &preset).expect("completes");
    assert_eq!(script.fields(), ["timeline"]);
    assert_eq!(answers.source, Source::Imap);
    assert_eq!(
        answers.schedule.and_then(|s| s.throughput_gb_per_hour),
        Some(5.5)
    );
    // A flag's value is checked as the answer typed would be, and names the flag.
    preset
        .details
        .insert(Detail::Window, "19:00-19:60".to_owned());
    let err = interview(&mut Script::new(&["Days"]), &preset).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "--window `19:00-19:60`: `19:00-19:60` is not a window (`HH:MM-HH:MM` on a 24-hour clock): a minute is 00 to 59 at character 10"
    );
    // Cancelling stops the interview.
    let mut cancelled = Script::new(&[]);
    assert_eq!(
        interview(&mut cancelled, &Preset::default()).err(),
        Some(PromptError::Cancelled)
    );
}

#[test]
fn init_without_a_terminal_writes_a_valid_commented_file_and_never_overwrites() {
    let dir = scratch("init-flags");
    let mut args = vec!["init", "-o", "answers.yaml", "--non-interactive"];
    args.extend(FLAGS);
    let (code, _, err) = mma(&dir, &args);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.join("answers.yaml")).expect("written");
    assert!(text.starts_with("# yaml-language-server: $schema=answers.draft-07.schema.json\n"));
    assert!(text.contains("# Organisation: The organisation's name"));
    let report = answers::check(&text, Format::Yaml);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let a = report.answers.expect("answers");
    assert_eq!(a.mailboxes, 120);
    // What was not given takes the interview's defaults, or is left out and named.
    let schedule = a.schedule.expect("schedule");
    assert_eq!(
        schedule.window.map(|w| w.text()).as_deref(),
        Some("20:00-06:00")
    );
    assert!(schedule.start.is_none() && a.tenant.is_none());
    assert!(
        err.contains("not answered: tenant.domain (--tenant), tenant.accepted_domains (--domain), source_server.hostname (--source-host), schedule.start (--start)"),
        "{err}"
    );

    // An existing file stays as it is without --force.
    std::fs::write(dir.join("answers.yaml"), "keep me\n").expect("write");
    let (code, _, err) = mma(&dir, &args);
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("answers.yaml")).expect("read"),
        "keep me\n"
    );
    args.push("--force");
    let (code, _, _) = mma(&dir, &args);
    assert_eq!(code, 0);

    // Missing answers and no terminal: exit 2, naming the flags.
    let (code, _, err) = mma(&dir, &["init", "-o", "b.yaml", "--source", "imap"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--organization") && err.contains("--mailboxes"),
        "{err}"
    );
    assert!(!dir.join("b.yaml").exists());
}

#[test]
fn init_writes_the_schema_its_first_line_names() {
    let dir = scratch("init-schema");
    std::fs::create_dir(dir.join("answers")).expect("mkdir");
    let mut args = vec!["init", "-o", "answers/a.yaml", "--non-interactive"];
    args.extend(FLAGS);
    let (code, _, err) = mma(&dir, &args);
    assert_eq!(code, 0, "{err}");
    let schema = dir.join("answers/answers.draft-07.schema.json");
    assert_eq!(
        std::fs::read_to_string(&schema).expect("schema written beside the answers"),
        answers::schema::draft07_text()
    );
    // A second answer file in the folder finds the same schema there and leaves it.
    args[2] = "answers/b.yaml";
    let (code, _, err) = mma(&dir, &args);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("schema.json"), "{err}");
    // Another file under that name is not replaced without --force, and nothing is written.
    std::fs::write(&schema, "{}\n").expect("write");
    args[2] = "answers/c.yaml";
    let (code, _, err) = mma(&dir, &args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not this mma's answer schema"), "{err}");
    assert!(!dir.join("answers/c.yaml").exists());
    assert_eq!(std::fs::read_to_string(&schema).expect("kept"), "{}\n");
    args.push("--force");
    let (code, _, err) = mma(&dir, &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&schema).expect("replaced"),
        answers::schema::draft07_text()
    );
    // A folder under that name is not read or replaced.
    std::fs::create_dir_all(dir.join("other/answers.draft-07.schema.json")).expect("mkdir");
    args[2] = "other/a.yaml";
    let (code, _, err) = mma(&dir, &args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a regular file"), "{err}");
    assert!(!dir.join("other/a.yaml").exists());
    // A URL names no file to write.
    let mut url = vec![
        "init",
        "-o",
        "d.yaml",
        "--non-interactive",
        "--schema-ref",
        "https://example.com/answers.schema.json",
    ];
    url.extend(FLAGS);
    let (code, _, err) = mma(&dir, &url);
    assert_eq!(code, 0, "{err}");
    assert!(!dir.join("answers.draft-07.schema.json").exists());
}

#[test]
fn init_flags_are_checked_like_the_answers_they_fill() {
    let dir = scratch("init-bad-flags");
    for (flags, message) in [
        (
            &["--window", "20:00-20:00"][..],
            "error: --window `20:00-20:00`: the window `20:00-20:00` starts and ends at the same time, so it is empty (nothing was written)",
        ),
        (
            &["--days", "monday,sundae"],
            "error: --days `monday, sundae`: unknown value `sundae` for item 2 of `days`",
        ),
        (
            &["--time-zone", "Europe/Lndon"],
            "error: --time-zone `Europe/Lndon`: `Europe/Lndon` is not a time zone of the IANA database",
        ),
        (
            &["--start", "2026-13-01"],
            "error: --start `2026-13-01`: `start` is not a real date (YYYY-MM-DD)",
        ),
        (
            &["--domain", "contoso.com", "--domain", "contoso .com"],
            "error: --domain `contoso.com, contoso .com`: item 2 of `accepted_domains` is not a host name",
        ),
        (
            &["--imap-port", "993"],
            "error: --imap-port `993`: not used here: only an IMAP migration reads it, and the path is Express hybrid",
        ),
        (
            &["--pilot", "a@contoso.com", "--max-batch-mailboxes", "many"],
            "error: --max-batch-mailboxes `many`: `max_batch_mailboxes` has the wrong type: found text `many`",
        ),
        (
            &["--chosen-path", "staged"],
            "error: --chosen-path `staged`: a staged migration works only from Exchange 2003 and 2007, not `exchange_2016`",
        ),
    ] {
        let mut args = vec!["init", "-o", "c.yaml", "--non-interactive"];
        args.extend(FLAGS);
        args.extend(flags);
        let (code, _, err) = mma(&dir, &args);
        assert_eq!(code, 2, "{flags:?}: {err}");
        assert!(err.contains(message), "{flags:?}: {err}");
        // The message names the flag, never a place in a file that was not written.
        assert!(!err.contains("c.yaml"), "{err}");
        assert!(!dir.join("c.yaml").exists());
    }
}

/// `<source-server>`, `<tenant>`: a placeholder left in a document.
fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        if name.starts_with(|c: char| c.is_ascii_lowercase()) && rest[name.len()..].starts_with('>')
        {
            found.push(format!("<{name}>"));
        }
    }
    found
}

/// A document's text as a reader sees it: HTML tags dropped (for `.html`), and `<`, `>` read
/// back from the escapes Markdown and HTML write them as.
fn as_read(name: &str, text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' if name.ends_with(".html") => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("\\<", "<")
        .replace("\\>", ">")
}

#[test]
fn an_interview_answered_at_the_prompts_leaves_no_placeholder_in_the_runbook() {
    let dir = scratch("init-tailspin");
    // The interview, scripted, writes what the same answers as flags write.
    let (answers, _) =
        interview(&mut Script::new(TAILSPIN), &Preset::default()).expect("completes");
    let scripted =
        answers::write::to_yaml(&answers, Some("answers.draft-07.schema.json")).expect("yaml");
    let mut args = vec!["init", "-o", "answers.yaml", "--non-interactive"];
    args.extend(TAILSPIN_FLAGS);
    let (code, _, err) = mma(&dir, &args);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("not answered"), "{err}");
    let written = std::fs::read_to_string(dir.join("answers.yaml")).expect("written");
    assert_eq!(written, scripted);

    let tailspin = root().join("examples/tailspin");
    let file = |name: &str| tailspin.join(name).display().to_string();
    let (inventory, full, send_as, calendar, behalf) = (
        file("inventory.csv"),
        file("mailbox-permissions.csv"),
        file("send-as.csv"),
        file("calendar-permissions.csv"),
        file("send-on-behalf.csv"),
    );
    let (code, out, err) = mma(
        &dir,
        &[
            "plan",
            "answers.yaml",
            "--inventory",
            &inventory,
            "--permissions",
            &full,
            "--permissions",
            &send_as,
            "--permissions",
            &calendar,
            "--permissions",
            &behalf,
            "--out",
            "plan",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("in 19 batches"), "{out}");
    assert!(!err.contains("not scheduled"), "{err}");
    for name in [
        "runbook.md",
        "commands.ps1",
        "communications.md",
        "runbook.html",
    ] {
        let text = std::fs::read_to_string(dir.join("plan").join(name)).expect("written");
        assert_eq!(
            placeholders(&as_read(name, &text)),
            Vec::<String>::new(),
            "{name}"
        );
    }
    // The check finds what it looks for.
    for (name, text) in [
        ("a.html", "<p>host &lt;source-server&gt; <b>x</b></p>"),
        ("a.md", "host &lt;source-server&gt;, \\<source-server\\>"),
        ("a.ps1", "-RemoteServer '<source-server>'"),
    ] {
        assert!(placeholders(&as_read(name, text)).contains(&"<source-server>".to_owned()));
    }
}

/// `mma init` on a real terminal: `script` gives it a pseudo-terminal, and the keys arrive as a
/// person would type them, a moment apart (a refused mailbox count and window are corrected on
/// the way).
#[test]
fn init_asks_on_a_terminal_and_writes_the_answers() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};

    let dir = scratch("init-pty");
    let command = format!("{} init -o answers.yaml", env!("CARGO_BIN_EXE_mma"));
    let mut child = Command::new("script")
        .args(["-q", "-c", &command, "/dev/null"])
        .env("TERM", "xterm")
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let keys: &[&[u8]] = &[
        b"Tailspin\r",           // organisation
        b"\x1b[B\x1b[B\x1b[B\r", // source: three down from Exchange Server 2016
        b"12x\r",                // refused: not a number
        b"\x7f\r",               // corrected to 12
        b"\r",                   // timeline: the default, weeks
        b"n\r",                  // managed on premises
        b"n\r",                  // coexistence
        b"y\r",                  // follow the recommendation
        b"tailspin.onmicrosoft.com\r",
        b"tailspin.com\r",
        b"\r",            // start: a week from today
        b"\r",            // time zone: UTC
        b"\r",            // days: monday to friday
        b"21:00-06:61\r", // refused: a minute is 00 to 59
        b"\x7f\x7f00\r",  // corrected to 21:00-06:00
        b"\r",            // no blackout dates
        b"8\r",           // throughput
        b"\r",            // batch size: the path's own
        b"\r",            // no pilot
        b"it@tailspin.com\r",
    ];
    for k in keys {
        std::thread::sleep(std::time::Duration::from_millis(300));
        stdin.write_all(k).expect("type");
        stdin.flush().expect("flush");
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    drop(stdin);
    let out = child.wait_with_output().expect("init ends");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("a whole number, such as 250"), "{screen}");
    assert!(screen.contains("`21:00-06:61` is not a window"), "{screen}");
    let text = std::fs::read_to_string(dir.join("answers.yaml")).expect("answers written");
    let report = answers::check(&text, Format::Yaml);
    let a = report.answers.expect("valid answers");
    assert_eq!(a.organization, "Tailspin");
    assert_eq!(a.source, Source::GoogleWorkspace);
    assert_eq!(a.mailboxes, 12);
    assert_eq!(a.timeline, answers::Timeline::Weeks);
    assert_eq!(
        a.tenant.map(|t| t.accepted_domains),
        Some(vec!["tailspin.com".to_owned()])
    );
    let schedule = a.schedule.expect("schedule");
    assert!(schedule.start.is_some());
    assert_eq!(
        schedule.window.map(|w| w.text()).as_deref(),
        Some("21:00-06:00")
    );
    assert_eq!(schedule.notify, ["it@tailspin.com"]);
    assert!(dir.join("answers.draft-07.schema.json").exists());
}
