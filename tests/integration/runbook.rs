//! Runbooks: the committed Markdown runbook of every example is fresh; every template renders
//! for every path in every format; values from input stay inert in Markdown, HTML and
//! PowerShell; missing answers become placeholders; templates can be exported and overridden,
//! and a broken override is a located error.

use mma::answers::{self, Format};
use mma::recommend;
use mma::render::{Template, ViewKind};
use mma::runbook::{self, Templates};

use crate::support::{assert_fresh, mma, root, scratch};

const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test --test integration runbook";

fn examples() -> Vec<(String, answers::Answers)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("examples")).expect("examples/") {
        let path = entry.expect("entry").path();
        let Some(format) = Format::from_path(&path) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("read");
        let a = answers::check(&text, format)
            .answers
            .expect("valid example");
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
        out.push((stem.to_owned(), a));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The Markdown runbook of `examples/NAME.yaml`, without a plan.
fn example_runbook(name: &str) -> String {
    let (_, a) = examples()
        .into_iter()
        .find(|(n, _)| n == name)
        .expect("the example exists");
    let view = runbook::view(&a, &recommend::recommend(&a), None);
    Templates::new(&[])
        .expect("templates")
        .render("runbook.md", &view)
        .expect("renders")
}

#[test]
fn the_committed_example_runbooks_are_fresh() {
    let templates = Templates::new(&[]).expect("built-in templates parse");
    for (name, a) in examples() {
        let view = runbook::view(&a, &recommend::recommend(&a), None);
        let text = templates.render("runbook.md", &view).expect("renders");
        assert_fresh(&format!("generated/examples/{name}.md"), &text, REFRESH);
    }
}

#[test]
fn every_template_renders_for_every_path() {
    let templates = Templates::new(&[]).expect("built-in templates parse");
    let mut paths = Vec::new();
    for (name, a) in examples() {
        let rec = recommend::recommend(&a);
        paths.push(rec.path);
        let view = runbook::view(&a, &rec, None);
        let documents = Template::ALL
            .iter()
            .filter(|t| t.view() == ViewKind::Runbook)
            .map(|t| t.name());
        for template in documents {
            let text = templates.render(template, &view).expect("renders");
            assert!(
                !text.replace("$null", "").contains("null"),
                "{name}/{template} shows a null"
            );
            assert!(
                !text.contains("ConvertTo-SecureString"),
                "{name}/{template}"
            );
        }
        let html = templates.render("runbook.html", &view).expect("html");
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(
            html.contains("<nav aria-label=\"Contents\">") && html.contains("type=\"checkbox\"")
        );
        assert!(
            !html.contains("<link") && !html.contains("<script"),
            "self-contained"
        );
        let md = templates.render("runbook.md", &view).expect("md");
        assert!(md.contains(&format!("(`{}`)", rec.path.name())));
    }
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 9, "every path has a runbook");
}

#[test]
fn the_hybrid_runbook_uses_the_real_values() {
    let md = example_runbook("full-hybrid");
    assert!(md.contains("northwind.mail.onmicrosoft.com"));
    assert!(md.contains("-RemoteServer 'mail.northwindtraders.com'"));
    assert!(md.contains("Set-OrganizationConfig -ACLableSyncedObjectEnabled $true"));
    assert!(
        md.contains("Source: [Hybrid deployment prerequisites](https://learn.microsoft.com/exchange/hybrid-deployment-prerequisites)"),
        "steps cite Microsoft's public pages"
    );
    assert!(!md.contains("domain.md"), "never an internal file");
}

const HOSTILE: &str = "<script>alert(\"x\")</script> {{ 7*7 }} {% if true %}yes{% endif %} =HYPERLINK(\"http://evil\") 'q' \u{202e}txet";

#[test]
fn values_from_input_stay_inert() {
    let dir = scratch("runbook-hostile");
    let answers = format!(
        "version: 1\norganization: {}\nsource: exchange_2016\nmailboxes: 3\ntimeline: months\n\
         manage_users_on_premises: false\ncoexistence: false\ntenant:\n  domain: contoso.onmicrosoft.com\n\
         source_server:\n  hostname: mail.contoso.com\nschedule:\n  start: 2026-03-02\n",
        serde_json::to_string(HOSTILE).expect("json string")
    );
    std::fs::write(dir.join("answers.yaml"), answers).expect("write");
    std::fs::write(
        dir.join("inventory.csv"),
        format!(
            "EmailAddress,DisplayName,Database,SizeBytes\n\
             a@contoso.com,{q},{q},1 GB\nb@contoso.com,{q},{q},1 GB\nc@contoso.com,x,y,1 GB\n",
            q = serde_json::to_string(HOSTILE).expect("quoted")
        ),
    )
    .expect("write");
    std::fs::write(
        dir.join("perms.csv"),
        format!(
            "Mailbox,Delegate,Right\na@contoso.com,b@contoso.com,FullAccess\na@contoso.com,{},SendAs\n",
            serde_json::to_string(HOSTILE).expect("quoted")
        ),
    )
    .expect("write");
    let (code, _, err) = mma(
        &dir,
        &[
            "plan",
            "answers.yaml",
            "--inventory",
            "inventory.csv",
            "--permissions",
            "perms.csv",
            "--out",
            "out",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let read = |f: &str| std::fs::read_to_string(dir.join("out").join(f)).expect("output");
    let html = read("runbook.html");
    assert!(!html.contains("<script"), "HTML escapes input");
    assert!(html.contains("&lt;script&gt;"));
    assert!(
        !html.contains("yes{%") || html.contains("{% if true %}"),
        "no template syntax evaluated"
    );
    assert!(!html.contains(">49<") && !html.contains(" 49 "));
    for f in ["runbook.md", "communications.md", "plan.md"] {
        let md = read(f);
        assert!(!md.contains("<script"), "{f} escapes input");
        assert!(
            !md.contains(" 49 "),
            "{f}: template syntax in data is not evaluated"
        );
    }
    let ps1 = read("commands.ps1");
    for line in ps1
        .lines()
        .filter(|l| l.contains("HYPERLINK") || l.contains("<script"))
    {
        assert!(
            line.starts_with('#'),
            "input reaches PowerShell only in comments: {line}"
        );
    }
    for file in std::fs::read_dir(dir.join("out/batches")).expect("batches") {
        let csv = std::fs::read_to_string(file.expect("entry").path()).expect("csv");
        assert!(!csv.contains("HYPERLINK"), "batch CSVs hold addresses only");
    }
}

#[test]
fn missing_answers_become_placeholders_and_warnings() {
    let dir = scratch("runbook-missing");
    std::fs::write(
        dir.join("a.yaml"),
        "version: 1\norganization: Fabrikam\nsource: exchange_2019\nmailboxes: 50\ntimeline: days\n\
         manage_users_on_premises: false\ncoexistence: false\n",
    )
    .expect("write");
    let (code, out, err) = mma(&dir, &["runbook", "a.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("<tenant>.mail.onmicrosoft.com")
            || out.contains("&lt;tenant&gt;.mail.onmicrosoft.com")
    );
    assert!(out.contains("## Missing answers"));
    assert!(
        err.contains("missing answer, shown as a placeholder: tenant.domain"),
        "{err}"
    );
    assert!(!out.replace("$null", "").contains("null"));
}

#[test]
fn templates_export_and_override_by_name() {
    let dir = scratch("runbook-templates");
    let (code, out, _) = mma(&dir, &["templates", "export", "t"]);
    assert_eq!(code, 0);
    assert!(out.contains(&format!("wrote {} templates", Template::ALL.len())));
    let (code, _, err) = mma(&dir, &["templates", "export", "t"]);
    assert_eq!(code, 2, "no overwrite without --force: {err}");
    for t in Template::ALL {
        assert_eq!(
            std::fs::read_to_string(dir.join("t").join(format!("{}.tera", t.name())))
                .expect("exported"),
            t.text()
        );
    }
    let answers = root().join("examples/cutover.yaml");
    let answers = answers.to_str().expect("utf-8");
    std::fs::write(
        dir.join("t/runbook.md.tera"),
        "Custom runbook for {{ organization | md }} ({{ path }})\n",
    )
    .expect("write");
    let (code, out, err) = mma(&dir, &["runbook", answers, "--templates", "t"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Custom runbook for Fourth Coffee (cutover)\n");

    // A broken template names the file and the place.
    std::fs::write(
        dir.join("t/runbook.md.tera"),
        "line one\n{{ organization | md }\n",
    )
    .expect("write");
    let (code, _, err) = mma(&dir, &["runbook", answers, "--templates", "t"]);
    assert_eq!(code, 1);
    assert!(err.contains("t/runbook.md.tera:2:"), "{err}");
    assert!(
        err.starts_with("mma: error: in t/runbook.md.tera: Found"),
        "one prefix, the override's path: {err}"
    );
    // An undefined variable is an error at render time, located.
    std::fs::write(dir.join("t/runbook.md.tera"), "{{ organisation }}\n").expect("write");
    let (code, _, err) = mma(&dir, &["runbook", answers, "--templates", "t"]);
    assert_eq!(code, 1);
    assert!(err.contains("t/runbook.md.tera:1:"), "{err}");
    // A template name mma does not have.
    std::fs::remove_file(dir.join("t/runbook.md.tera")).expect("remove");
    std::fs::write(dir.join("t/runbok.md.tera"), "x").expect("write");
    let (code, _, err) = mma(&dir, &["runbook", answers, "--templates", "t"]);
    assert_eq!(code, 1);
    assert!(err.contains("overrides no template"), "{err}");
}

/// The runbook documents are rendered straight into the plan directory being written: one that
/// fails part way (an override with an undefined variable after some text) fails the plan,
/// exit 1, located, and the plan directory already there is left as it was.
#[test]
fn a_runbook_document_that_fails_part_way_leaves_the_plan_directory_as_it_was() {
    let dir = scratch("plan-template-fails");
    let out = dir.join("plan");
    let run = |templates: Option<&str>| {
        let mut args = vec![
            "plan".to_owned(),
            root()
                .join("tests/plan/staged/answers.yaml")
                .display()
                .to_string(),
            "--inventory".to_owned(),
            root()
                .join("tests/plan/staged/inventory.csv")
                .display()
                .to_string(),
            "--out".to_owned(),
            out.display().to_string(),
            "--force".to_owned(),
        ];
        if let Some(t) = templates {
            args.extend(["--templates".to_owned(), t.to_owned()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        mma(&dir, &args)
    };
    let (code, _, err) = run(None);
    assert_eq!(code, 0, "{err}");
    let before = std::fs::read(out.join("runbook.html")).expect("written");
    std::fs::create_dir_all(dir.join("t")).expect("mkdir");
    std::fs::write(
        dir.join("t/runbook.html.tera"),
        format!(
            "{}\n{{{{ organisation }}}}\n",
            "<p>text</p>".repeat(100_000)
        ),
    )
    .expect("write");
    let (code, _, err) = run(Some("t"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("t/runbook.html.tera:2:"), "{err}");
    assert_eq!(
        std::fs::read(out.join("runbook.html")).expect("kept"),
        before
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no staging debris: {names:?}");

    // The summary printed at the end is made before the directory is replaced: an override of
    // it that fails leaves the plan as it was (a batch file that a new plan would remove stays).
    std::fs::write(out.join("batches/99-old.csv"), "EmailAddress\r\n").expect("write");
    std::fs::create_dir_all(dir.join("s")).expect("mkdir");
    std::fs::write(
        dir.join("s/plan.txt.tera"),
        "{{ organization }}\n{{ written.nothing.here }}\n",
    )
    .expect("write");
    let (code, _, err) = run(Some("s"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("s/plan.txt.tera:2:"), "{err}");
    assert!(out.join("batches/99-old.csv").exists(), "the plan is kept");

    // Documents are rendered on two threads: when two fail, the first in the template list is
    // the one reported, every time.
    std::fs::create_dir_all(dir.join("u")).expect("mkdir");
    for name in ["runbook.md", "communications.md"] {
        std::fs::write(
            dir.join(format!("u/{name}.tera")),
            "{{ organization }}\n{{ nothing.here }}\n",
        )
        .expect("write");
    }
    let (code, _, err) = run(Some("u"));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("u/runbook.md.tera:2:") && !err.contains("communications.md"),
        "{err}"
    );
    assert!(out.join("batches/99-old.csv").exists(), "the plan is kept");
}

#[test]
fn a_runbook_from_a_plan_has_a_section_per_batch() {
    let out = scratch("runbook-plan");
    let (code, _, err) = mma(
        &root(),
        &[
            "plan",
            "tests/plan/staged/answers.yaml",
            "--inventory",
            "tests/plan/staged/inventory.csv",
            "--out",
            out.to_str().expect("utf-8"),
            "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let plan = out.join("plan.json");
    for (format, needle) in [
        ("markdown", "### Batch 3: `03-2026-04-15`"),
        ("html", "<h3>Batch 3: <code>03-2026-04-15</code></h3>"),
        (
            "powershell",
            "# ==== Batch 3: 03-2026-04-15: Exchange Online PowerShell ====\n# shell: exchange-online",
        ),
        (
            "communications",
            "## 03-2026-04-15: 2026-04-15 (3 mailboxes)",
        ),
    ] {
        let (code, text, err) = mma(
            &root(),
            &[
                "runbook",
                "tests/plan/staged/answers.yaml",
                "--plan",
                plan.to_str().expect("utf-8"),
                "--format",
                format,
            ],
        );
        assert_eq!(code, 0, "{err}");
        assert!(text.contains(needle), "{format}: no `{needle}` in\n{text}");
    }
    // A plan for another path is refused.
    let (code, _, err) = mma(
        &root(),
        &[
            "runbook",
            "examples/cutover.yaml",
            "--plan",
            plan.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("plan again"), "{err}");
}

#[test]
fn a_cutover_from_exchange_2003_names_the_server_and_creates_its_one_batch() {
    let md = example_runbook("cutover");
    // Exchange 2003 has no Autodiscover.
    assert!(md.contains(
        "-ExchangeServer 'mail.fourthcoffee.com' -RpcProxyServer 'mail.fourthcoffee.com'"
    ));
    assert!(!md.contains("-Autodiscover"), "{md}");
    // Without a plan the runbook still says how to create the batch.
    assert!(md.contains(
        "New-MigrationBatch -Name 'cutover' -SourceEndpoint 'fourth-coffee-cutover' -AutoStart"
    ));
}

#[test]
fn the_readme_lists_every_template() {
    const START: &str = "<!-- templates: generated from src/render.rs";
    const END: &str = "<!-- end of templates -->";
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme
        .find(START)
        .expect("the README has the templates table");
    let table_at = start + readme[start..].find('\n').expect("a line after the marker") + 1;
    let end = readme.find(END).expect("the table ends");
    let fresh = Template::markdown_table();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let updated = format!("{}{fresh}{}", &readme[..table_at], &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[table_at..end],
        fresh,
        "the README's templates table is stale; refresh it with: UPDATE_GOLDEN=1 cargo test --test integration readme"
    );
}

#[test]
fn one_messages_override_changes_what_users_are_told_in_every_document() {
    let dir = scratch("runbook-messages");
    let (code, _, err) = mma(&dir, &["templates", "export", "t"]);
    assert_eq!(code, 0, "{err}");
    let builtin = Template::MessagesTxt.text();
    let custom = builtin.replace(
        "Until then, keep working as usual.",
        "Questions? Ask <Helpdesk> & co.",
    );
    assert_ne!(custom, builtin);
    std::fs::write(dir.join("t/messages.txt.tera"), custom).expect("write");
    let out = dir.join("out");
    let staged = root().join("tests/plan/staged");
    let (code, _, err) = mma(
        &dir,
        &[
            "plan",
            staged.join("answers.yaml").to_str().expect("utf-8"),
            "--inventory",
            staged.join("inventory.csv").to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
            "--templates",
            "t",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let read = |f: &str| std::fs::read_to_string(out.join(f)).expect("written");
    for f in ["communications.md", "runbook.md", "runbook.html"] {
        let text = read(f);
        assert!(
            text.contains("Questions? Ask &lt;Helpdesk&gt; &amp; co."),
            "{f} shows the override's message, escaped"
        );
        assert!(!text.contains("Until then, keep working as usual"), "{f}");
    }
    // The other documents do not change.
    let (code, _, err) = mma(
        &dir,
        &[
            "plan",
            staged.join("answers.yaml").to_str().expect("utf-8"),
            "--inventory",
            staged.join("inventory.csv").to_str().expect("utf-8"),
            "--out",
            dir.join("plain").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    for f in ["commands.ps1", "plan.md", "plan.json"] {
        assert_eq!(
            read(f),
            std::fs::read_to_string(dir.join("plain").join(f)).expect("written"),
            "{f}"
        );
    }
}

#[test]
fn recommendation_and_plan_summary_overrides_replace_their_documents() {
    let dir = scratch("runbook-overrides");
    std::fs::create_dir(dir.join("t")).expect("dir");
    std::fs::write(
        dir.join("t/recommendation.md.tera"),
        "{{ organization | md }}: `{{ path }}`{% if chosen %} (chosen){% endif %}, rule {{ rule.id }} line {{ rule.line }}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("t/plan.md.tera"),
        "{{ organization | md }}: {{ batches | length }} batches, {{ totals.data }}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("t/plan.txt.tera"),
        "{{ organization }} in {{ written.dir }}: {{ written.batch_csvs }} CSVs, first {{ first_date }}\n",
    )
    .expect("write");
    let answers = root().join("tests/plan/staged/answers.yaml");
    let answers = answers.to_str().expect("utf-8");
    let (code, out, err) = mma(
        &dir,
        &[
            "recommend",
            answers,
            "--format",
            "markdown",
            "--templates",
            "t",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Litware Inc.: `staged`, rule "), "{out}");
    // Without an override for it, the text format is the built-in one.
    let (code, text, _) = mma(&dir, &["recommend", answers, "--templates", "t"]);
    let (_, builtin, _) = mma(&dir, &["recommend", answers]);
    assert_eq!((code, &text), (0, &builtin));
    let inventory = root().join("tests/plan/staged/inventory.csv");
    let (code, printed, err) = mma(
        &dir,
        &[
            "plan",
            answers,
            "--inventory",
            inventory.to_str().expect("utf-8"),
            "--out",
            "out",
            "--templates",
            "t",
        ],
    );
    assert_eq!(code, 0, "{err}");
    // What `mma plan` prints is the override's too.
    assert_eq!(printed, "Litware Inc. in out: 3 CSVs, first 2026-04-13\n");
    let summary = std::fs::read_to_string(dir.join("out/plan.md")).expect("plan.md");
    assert!(summary.starts_with("Litware Inc.: "), "{summary}");
    assert!(summary.ends_with(" GB\n"), "{summary}");
}

#[test]
fn every_templates_option_lists_every_template() {
    let dir = scratch("runbook-help");
    for command in ["recommend", "plan", "runbook"] {
        let (code, out, _) = mma(&dir, &[command, "--help"]);
        assert_eq!(code, 0);
        for t in Template::ALL {
            assert!(
                out.contains(&format!("{}.tera", t.name())),
                "`mma {command} --help` names {}",
                t.name()
            );
        }
    }
}

/// A writer that takes `room` bytes and then fails.
struct Full {
    room: usize,
}

impl std::io::Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left",
            ));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn rendering_documents_into_writers_is_rendering_each() {
    use mma::render::RenderError;
    let templates = Templates::new(&[]).expect("built-in templates parse");
    let names: Vec<&str> = Template::ALL
        .iter()
        .filter(|t| t.view() == ViewKind::Runbook)
        .map(|t| t.name())
        .collect();
    for (_, a) in examples() {
        let view = runbook::view(&a, &recommend::recommend(&a), None);
        let prepared = templates.prepare(&view).expect("prepares");
        for name in &names {
            let mut out = Vec::new();
            templates
                .render_prepared(name, &prepared, &mut out)
                .expect("renders");
            assert_eq!(
                String::from_utf8(out).expect("UTF-8"),
                templates.render(name, &view).expect("renders"),
                "{name}"
            );
        }
    }
    let view = runbook::view(
        &examples()[0].1,
        &recommend::recommend(&examples()[0].1),
        None,
    );
    let prepared = templates.prepare(&view).expect("prepares");
    // A template of another view is refused before anything is written.
    let mut out = Vec::new();
    let refused = templates.render_prepared("plan.md", &prepared, &mut out);
    assert!(
        matches!(refused, Err(RenderError::Template(_))),
        "{refused:?}"
    );
    assert!(out.is_empty());
    // A writer that fails is told apart from a template that does.
    let failed = templates.render_prepared("runbook.md", &prepared, &mut Full { room: 100 });
    match failed {
        Err(RenderError::Write(e)) => assert_eq!(e.kind(), std::io::ErrorKind::StorageFull),
        other => panic!("expected the writer's error, got {other:?}"),
    }
}

/// The views of every shipped example without a plan, and of the committed plans with theirs
/// (the shipped Tailspin example, and the staged and IMAP test plans), each with a name.
fn views_with_and_without_plans() -> Vec<(String, runbook::RunbookView)> {
    let mut out = Vec::new();
    for (name, a) in examples() {
        out.push((name, runbook::view(&a, &recommend::recommend(&a), None)));
    }
    for (golden, answers) in [
        ("tailspin", "examples/minimal-hybrid.yaml"),
        ("staged", "tests/plan/staged/answers.yaml"),
        ("imap", "tests/plan/imap/answers.toml"),
    ] {
        let path = root().join(answers);
        let text = std::fs::read_to_string(&path).expect("answers");
        let format = Format::from_path(&path).expect("a format");
        let a = answers::check(&text, format).answers.expect("valid");
        let file = format!("tests/golden/plan/{golden}/plan.json");
        let json = std::fs::read_to_string(root().join(&file)).expect("plan.json");
        let plan = mma::plan::read::parse(&file, &json).expect("the golden plan reads");
        let view = runbook::view(&a, &recommend::recommend(&a), Some(&plan));
        out.push((format!("{golden} with its plan"), view));
    }
    out
}

/// Markdown and HTML character references back to text, for comparing headings.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The `##` and `###` headings of a Markdown document outside fenced code, as text.
fn markdown_headings(md: &str) -> Vec<(u8, String)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let (level, rest) = match (line.strip_prefix("## "), line.strip_prefix("### ")) {
            (Some(rest), _) => (2, rest),
            (_, Some(rest)) => (3, rest),
            _ => continue,
        };
        if !fenced {
            let mut text = String::new();
            let mut chars = rest.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => text.extend(chars.next()),
                    '`' => {}
                    c => text.push(c),
                }
            }
            out.push((level, unescape(&text)));
        }
    }
    out
}

/// The `<h2>` and `<h3>` headings of an HTML document, tags dropped, as text.
fn html_headings(html: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    for (level, open, close) in [(2, "<h2", "</h2>"), (3, "<h3", "</h3>")] {
        let mut at = 0;
        while let Some(start) = html[at..].find(open).map(|i| i + at) {
            let end = html[start..].find(close).expect("a closed heading") + start;
            let inner = &html[start..end];
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            out.push((start, level, unescape(&text)));
            at = end;
        }
    }
    out.sort_by_key(|h| h.0);
    out.into_iter().map(|(_, l, t)| (l, t)).collect()
}

#[test]
fn markdown_and_html_runbooks_have_the_same_sections_in_the_same_order() {
    let templates = Templates::new(&[]).expect("templates");
    for (name, view) in views_with_and_without_plans() {
        let md = templates.render("runbook.md", &view).expect("markdown");
        let html = templates.render("runbook.html", &view).expect("html");
        let (md_headings, html_headings) = (markdown_headings(&md), html_headings(&html));
        assert_eq!(md_headings, html_headings, "{name}");
        let sections: Vec<&str> = md_headings
            .iter()
            .filter(|h| h.0 == 2)
            .map(|h| h.1.as_str())
            .collect();
        let contents: Vec<&str> = view.contents.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(
            sections, contents,
            "{name}: the contents list every section"
        );
        for must in ["Pitfalls", "User communications"] {
            assert!(sections.contains(&must), "{name}: {sections:?}");
        }
        if !view.alternatives.is_empty() {
            assert!(sections.contains(&"Alternatives"), "{name}");
        }
        if view.plan.as_ref().is_some_and(|p| !p.hubs.is_empty()) {
            assert!(sections.contains(&"Hubs"), "{name}");
            assert!(html.contains("<a href=\"#hubs\">Hubs</a>"), "{name}");
        }
    }
}

/// The code spans of a Markdown line outside fenced code (CommonMark: a run of backticks opens
/// one, the next run of the same length closes it; a backslash-escaped backtick is text), or
/// `None` when a span is left open.
fn code_spans(line: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = line.chars().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '`' => {
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                let start = i + run;
                let mut j = start;
                let close = loop {
                    if j >= chars.len() {
                        break None;
                    }
                    let r = chars[j..].iter().take_while(|&&c| c == '`').count();
                    if r == run {
                        break Some(j);
                    }
                    j += r.max(1);
                };
                let end = close?;
                spans.push(chars[start..end].iter().collect());
                i = end + run;
            }
            _ => i += 1,
        }
    }
    Some(spans)
}

#[test]
fn markdown_runbooks_keep_their_own_code_spans() {
    let templates = Templates::new(&[]).expect("templates");
    let mut seen = std::collections::BTreeSet::new();
    for (name, view) in views_with_and_without_plans() {
        let md = templates.render("runbook.md", &view).expect("markdown");
        assert!(!md.contains("\\`"), "{name}: an escaped backtick");
        let mut fenced = false;
        for line in md.lines() {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
                continue;
            }
            if fenced {
                continue;
            }
            let spans = code_spans(line).unwrap_or_else(|| panic!("{name}: open span in {line}"));
            for s in spans {
                assert!(!s.contains('\\'), "{name}: an escape inside code: {line}");
                seen.insert(s);
            }
        }
        let html = templates.render("runbook.html", &view).expect("html");
        let outside_pre: String = html
            .split("<pre>")
            .map(|part| part.split_once("</pre>").map_or(part, |(_, after)| after))
            .collect();
        assert!(
            !outside_pre.contains('`'),
            "{name}: a backtick in HTML text, not <code>"
        );
        assert!(html.contains("<code>"), "{name}");
    }
    for span in ["mma plan", "Get-AcceptedDomain", "Result", "Success"] {
        assert!(seen.contains(span), "`{span}` is shown as code");
    }
}

#[test]
fn each_path_tells_users_one_consistent_story() {
    let templates = Templates::new(&[]).expect("templates");
    let mut paths = std::collections::BTreeSet::new();
    for (name, a) in examples() {
        let view = runbook::view(&a, &recommend::recommend(&a), None);
        paths.insert(view.path.clone());
        let said: String = view
            .messages(&templates)
            .expect("messages")
            .iter()
            .flat_map(|m| [&m.announcement, &m.reminder, &m.day_of, &m.after])
            .map(|m| format!("{}\n{}\n", m.subject, m.body))
            .collect();
        let lower = said.to_lowercase();
        let hybrid =
            ["full_hybrid", "minimal_hybrid", "express_hybrid"].contains(&view.path.as_str());
        if hybrid {
            // An online move: users keep working and keep access to their mailbox.
            assert!(lower.contains("in the background"), "{name}: {said}");
            assert!(
                lower.contains("keep access to your mailbox"),
                "{name}: {said}"
            );
            for never in [
                "close outlook",
                "restart",
                "new outlook profile",
                "new microsoft 365 mailbox",
            ] {
                assert!(!lower.contains(never), "{name} says `{never}`: {said}");
            }
        } else {
            // A new mailbox: never an online move in the background.
            assert!(
                lower.contains("new microsoft 365 mailbox"),
                "{name}: {said}"
            );
            for never in ["background", "close outlook", "restart"] {
                assert!(!lower.contains(never), "{name} says `{never}`: {said}");
            }
        }
        if ["cutover", "staged", "cross_tenant"].contains(&view.path.as_str()) {
            assert!(lower.contains("new outlook profile"), "{name}: {said}");
        }
        assert!(
            !view.communication_sources.is_empty()
                && view
                    .communication_sources
                    .iter()
                    .all(|c| c.url.starts_with("https://learn.microsoft.com/")),
            "{name}: what users are told cites Microsoft"
        );
    }
    assert_eq!(paths.len(), 9, "every path has an example: {paths:?}");
}
