//! Every PowerShell command mma writes, for every path and every source version, with and
//! without a plan, in every document that carries commands (runbook Markdown and HTML code
//! blocks, `commands.ps1`): it parses with a real PowerShell grammar (tree-sitter-powershell,
//! no error or missing node), and it fits Microsoft's documented cmdlet syntax (the shared
//! checker, `../shared/tools/check_ps_commands.py`, over `../shared/reference/cmdlets.json`):
//! every parameter exists, the parameters fit one parameter set, mandatory ones are present, no
//! on-premises-only cmdlet runs in an Exchange Online part, none the source's Exchange version
//! lacks. Zero errors and zero warnings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use mma::answers::{self, Format};
use mma::plan::{self, Export, Inventory, Options};
use mma::recommend;
use mma::runbook::{self, Templates};

use crate::support::{root, scratch};

const PATHS: [&str; 9] = [
    "full_hybrid",
    "minimal_hybrid",
    "express_hybrid",
    "staged",
    "cutover",
    "imap",
    "google_workspace",
    "cross_tenant",
    "third_party",
];

const SOURCES: [&str; 12] = [
    "exchange_2000_or_earlier",
    "exchange_2003",
    "exchange_2007",
    "exchange_2010",
    "exchange_2013",
    "exchange_2016",
    "exchange_2019",
    "exchange_se",
    "google_workspace",
    "imap",
    "microsoft_365",
    "other",
];

/// An answer file for `source` choosing `path`, with every answer a runbook uses.
fn answers_text(source: &str, path: &str) -> String {
    let imap = matches!(source, "imap" | "exchange_2000_or_earlier");
    let mut text = format!(
        "version: 1\norganization: Fabrikam\nsource: {source}\nmailboxes: 120\ntimeline: weeks\n\
         manage_users_on_premises: false\ncoexistence: false\nchosen_path: {path}\n\
         tenant:\n  domain: fabrikam.onmicrosoft.com\n  accepted_domains: [fabrikam.com]\n\
         source_server:\n  hostname: mail.fabrikam.com\n"
    );
    if imap {
        text.push_str("  port: 993\n  security: ssl\n  admin_login_format: dovecot\n");
    }
    text.push_str(
        "schedule:\n  start: 2026-03-02\n  time_zone: Europe/Paris\n  days: [monday, wednesday]\n  \
         window: \"20:00-06:00\"\n  max_batch_mailboxes: 4\n  pilot: [m0@fabrikam.com]\n  \
         notify: [migration-team@fabrikam.com]\n",
    );
    text
}

/// A small inventory with linked mailboxes and a hub, so every section of a planned runbook
/// (batches, hubs, broken links) has content.
fn small_plan(a: &answers::Answers) -> plan::Plan {
    let inventory: String = (0..12u64)
        .map(|i| format!("m{i}@fabrikam.com,User {i},{}\n", (i + 1) * 300_000_000))
        .collect();
    let mut inv = Inventory::parse(
        "inventory.csv",
        &format!("EmailAddress,DisplayName,SizeBytes\n{inventory}"),
    )
    .expect("inventory parses");
    let mut perms = String::from("Mailbox,Delegate,Right\n");
    for i in 1..12 {
        perms.push_str(&format!("m{i}@fabrikam.com,m11@fabrikam.com,FullAccess\n"));
    }
    for (m, d, r) in [(1, 2, "SendAs"), (3, 4, "SendOnBehalf"), (5, 6, "Calendar")] {
        perms.push_str(&format!("m{m}@fabrikam.com,m{d}@fabrikam.com,{r}\n"));
    }
    let export = Export::parse("perms.csv", &perms).expect("permissions parse");
    let options = Options {
        hub_threshold: 5,
        imap_admin: Some("mailadmin".to_owned()),
        imap_domain: Some("fabrikam".to_owned()),
        ..Options::default()
    };
    plan::plan(a, &recommend::recommend(a), &mut inv, &[export], &options).expect("plans")
}

/// The `<pre>` blocks of an HTML runbook, unescaped.
fn html_code(html: &str) -> Vec<String> {
    html.split("<pre>")
        .skip(1)
        .filter_map(|s| s.split("</pre>").next())
        .map(unescape_html)
        .collect()
}

/// Text of HTML with its character references decoded.
fn unescape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..end];
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The ```powershell blocks of a Markdown runbook, de-indented.
fn markdown_code(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for line in md.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match &mut current {
            None if trimmed == "```powershell" => current = Some((indent, String::new())),
            Some((_, block)) if trimmed == "```" => {
                out.push(std::mem::take(block));
                current = None;
            }
            Some((n, block)) => {
                block.push_str(line.get(*n..).unwrap_or(trimmed));
                block.push('\n');
            }
            None => {}
        }
    }
    assert!(current.is_none(), "an unclosed code block");
    out
}

/// Parses `code` with tree-sitter-powershell; the first error or missing node, if any.
fn parse_error(code: &str) -> Option<String> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .expect("the PowerShell grammar loads");
    let tree = parser.parse(code, None).expect("the parser returns a tree");
    let mut cursor = tree.walk();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            let p = node.start_position();
            let line = code.lines().nth(p.row).unwrap_or("");
            return Some(format!(
                "{} at {}:{}: {line}",
                if node.is_missing() {
                    "missing"
                } else {
                    "error"
                },
                p.row + 1,
                p.column + 1
            ));
        }
        if node.has_error() {
            stack.extend(node.children(&mut cursor));
        }
    }
    None
}

fn shared(rel: &str) -> PathBuf {
    let p = root().join("..").join("shared").join(rel);
    assert!(
        p.exists(),
        "{} is missing: the command check needs the shared reference beside the repository",
        p.display()
    );
    p
}

/// Runs the shared checker on `files`; its findings (errors, warnings) as lines.
fn check(files: &[PathBuf], version: Option<&str>, context: &str) -> Vec<String> {
    let mut cmd = Command::new("python3");
    cmd.arg(shared("tools/check_ps_commands.py"))
        .arg("--catalogue")
        .arg(shared("reference/cmdlets.json"))
        .arg("--context")
        .arg(context);
    if let Some(v) = version {
        cmd.arg("--onprem-version").arg(v);
    }
    let out = cmd.args(files).output().expect("python3 runs the checker");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let findings: Vec<String> = stdout
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_owned)
        .collect();
    assert!(
        out.status.code() == Some(0) || !findings.is_empty(),
        "the checker failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(" error(s), ") || stdout.contains(" error(s), "),
        "the checker printed no summary: {stdout}{stderr}"
    );
    findings
}

struct Outputs {
    scripts: Vec<PathBuf>,
    markdown: Vec<PathBuf>,
    parse_errors: Vec<String>,
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

/// Renders every document with commands for `a`, with and without a plan, into `dir`.
fn render_all(dir: &Path, name: &str, a: &answers::Answers, out: &mut Outputs) {
    let templates = Templates::new(&[]).expect("templates");
    let rec = recommend::recommend(a);
    let planned = small_plan(a);
    for (kind, plan) in [("runbook", None), ("plan", Some(&planned))] {
        let view = runbook::view(a, &rec, plan);
        let stem = format!("{name}-{kind}");
        let ps1 = templates.render("commands.ps1", &view).expect("ps1");
        let md = templates.render("runbook.md", &view).expect("md");
        let html = templates.render("runbook.html", &view).expect("html");
        let mut blocks = vec![(format!("{stem}.ps1"), ps1.clone())];
        blocks.extend(
            markdown_code(&md)
                .into_iter()
                .enumerate()
                .map(|(i, b)| (format!("{stem}.md block {}", i + 1), b)),
        );
        let html_blocks = html_code(&html);
        blocks.extend(
            html_blocks
                .iter()
                .enumerate()
                .map(|(i, b)| (format!("{stem}.html block {}", i + 1), b.clone())),
        );
        for (label, code) in &blocks {
            if let Some(e) = parse_error(code) {
                out.parse_errors.push(format!("{label}: {e}"));
            }
        }
        out.scripts.push(write(dir, &format!("{stem}.ps1"), &ps1));
        let joined: String = html_blocks
            .iter()
            .map(|b| format!("# ==== block ====\n{b}"))
            .collect();
        out.scripts
            .push(write(dir, &format!("{stem}-html-blocks.ps1"), &joined));
        out.markdown.push(write(dir, &format!("{stem}.md"), &md));
    }
}

#[test]
fn every_command_fits_the_grammar_and_microsofts_cmdlet_syntax() {
    let dir = scratch("ps-commands");
    let mut covered_paths = BTreeSet::new();
    let mut covered_sources = BTreeSet::new();
    // The files to check, by the on-premises Exchange version their on-premises steps run
    // against (an Exchange 2007 organisation's hybrid runs them on its Exchange 2013 server).
    let mut by_version: BTreeMap<Option<&str>, Outputs> = BTreeMap::new();
    let mut combinations = 0;
    for source in SOURCES {
        for path in PATHS {
            let Some(a) = answers::check(&answers_text(source, path), Format::Yaml).answers else {
                continue;
            };
            combinations += 1;
            covered_paths.insert(path);
            covered_sources.insert(source);
            let version = runbook::onprem_version(&a, recommend::recommend(&a).path);
            let out = by_version.entry(version).or_insert_with(|| Outputs {
                scripts: Vec::new(),
                markdown: Vec::new(),
                parse_errors: Vec::new(),
            });
            render_all(&dir, &format!("{source}-{path}"), &a, out);
        }
    }
    assert_eq!(covered_paths.len(), PATHS.len(), "every path is covered");
    assert_eq!(
        covered_sources.len(),
        SOURCES.len(),
        "every source is covered"
    );
    assert!(combinations >= 30, "{combinations} combinations");
    let mut findings = Vec::new();
    let mut parse_errors = Vec::new();
    for (version, out) in &by_version {
        findings.extend(check(&out.scripts, *version, "script"));
        findings.extend(check(&out.markdown, *version, "section"));
        parse_errors.extend(out.parse_errors.iter().cloned());
    }
    assert!(
        parse_errors.is_empty(),
        "{} blocks do not parse as PowerShell:\n{}",
        parse_errors.len(),
        parse_errors.join("\n")
    );
    assert!(
        findings.is_empty(),
        "{} findings against Microsoft's cmdlet syntax:\n{}",
        findings.len(),
        findings.join("\n")
    );
}

#[test]
fn the_checks_catch_what_they_are_for() {
    // The grammar check finds a broken line, and the catalogue check an unknown parameter, an
    // on-premises cmdlet after Connect-ExchangeOnline, and a cmdlet the version lacks.
    assert!(parse_error("New-MigrationBatch -Name 'x' -CSVData (").is_some());
    assert!(parse_error("Get-MigrationBatch -Identity 'x' | Format-List Status").is_none());
    let dir = scratch("ps-commands-negative");
    let bad = write(
        &dir,
        "bad.ps1",
        "# shell: exchange-online\nConnect-ExchangeOnline\n\
         Test-MigrationServerAvailability -Imap -RemoteServer 'x' -Port 993 -Security Ssl -Credentials $c\n\
         Get-ExchangeServer\n# shell: exchange-server\nGet-ClientAccessService\n",
    );
    let found = check(&[bad], Some("2013"), "script");
    assert!(
        found
            .iter()
            .any(|f| f.contains("Test-MigrationServerAvailability")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.contains("Get-ExchangeServer")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.contains("Get-ClientAccessService")),
        "{found:?}"
    );
}

#[test]
fn every_cmdlet_mma_writes_is_in_microsofts_catalogue() {
    // A template that emits an Exchange cmdlet the catalogue lacks would escape the syntax check:
    // every Verb-Noun command is either in the catalogue or one of PowerShell's own.
    let catalogue = std::fs::read_to_string(shared("reference/cmdlets.json")).expect("catalogue");
    let builtin = [
        "Get-Credential",
        "Format-List",
        "Format-Table",
        "Where-Object",
        "Import-Csv",
        "ConvertTo-Csv",
        "Join-Path",
        "Get-Location",
        "Read-Host",
        "Remove-Variable",
    ];
    let templates = Templates::new(&[]).expect("templates");
    let mut unknown = BTreeSet::new();
    for source in SOURCES {
        for path in PATHS {
            let Some(a) = answers::check(&answers_text(source, path), Format::Yaml).answers else {
                continue;
            };
            let planned = small_plan(&a);
            let view = runbook::view(&a, &recommend::recommend(&a), Some(&planned));
            let ps1 = templates.render("commands.ps1", &view).expect("ps1");
            for word in ps1.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
                let Some((verb, noun)) = word.split_once('-') else {
                    continue;
                };
                let is_cmdlet = verb.len() > 2
                    && verb.starts_with(|c: char| c.is_ascii_uppercase())
                    && noun.starts_with(|c: char| c.is_ascii_uppercase());
                if is_cmdlet
                    && !builtin.contains(&word)
                    && !catalogue.contains(&format!("\"{word}\": {{"))
                {
                    unknown.insert(word.to_owned());
                }
            }
        }
    }
    assert!(unknown.is_empty(), "not in the catalogue: {unknown:?}");
}
