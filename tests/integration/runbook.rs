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
        assert!(html.contains("<nav>") && html.contains("type=\"checkbox\""));
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
    assert!(err.contains("runbook.md:2:"), "{err}");
    // An undefined variable is an error at render time, located.
    std::fs::write(dir.join("t/runbook.md.tera"), "{{ organisation }}\n").expect("write");
    let (code, _, err) = mma(&dir, &["runbook", answers, "--templates", "t"]);
    assert_eq!(code, 1);
    assert!(err.contains("runbook.md:1:"), "{err}");
    // A template name mma does not have.
    std::fs::remove_file(dir.join("t/runbook.md.tera")).expect("remove");
    std::fs::write(dir.join("t/runbok.md.tera"), "x").expect("write");
    let (code, _, err) = mma(&dir, &["runbook", answers, "--templates", "t"]);
    assert_eq!(code, 1);
    assert!(err.contains("overrides no template"), "{err}");
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
        ("communications", "## 03-2026-04-15: 2026-04-15 (3 mailboxes)"),
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
        "Please keep working as usual until then.",
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
        assert!(!text.contains("Please keep working as usual"), "{f}");
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

#[test]
fn rendering_documents_together_is_rendering_each() {
    let templates = Templates::new(&[]).expect("built-in templates parse");
    let names: Vec<&str> = Template::ALL
        .iter()
        .filter(|t| t.view() == ViewKind::Runbook)
        .map(|t| t.name())
        .collect();
    for (_, a) in examples() {
        let view = runbook::view(&a, &recommend::recommend(&a), None);
        let together = templates.render_each(&names, &view).expect("renders");
        for (name, text) in names.iter().zip(&together) {
            assert_eq!(
                *text,
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
    assert!(
        templates
            .render_each(&["runbook.md", "plan.md"], &view)
            .is_err()
    );
}
