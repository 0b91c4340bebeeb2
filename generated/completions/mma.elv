
use builtin;
use str;

set edit:completion:arg-completer[mma] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'mma'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'mma'= {
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Ask the questions one at a time and write an answer file'
            cand validate 'Check answer files (for CI): every problem in every file, located. Exit 0 when all are valid, 1 when any is invalid, 2 on usage or IO errors'
            cand recommend 'The migration path for an answer file: the rule that chose it, why, the alternatives and the warnings'
            cand plan 'Plan batches from an inventory and permission exports: batch CSVs for Exchange Online, plan.json, plan.md, broken-links.csv and the runbook documents (runbook.md, runbook.html, commands.ps1, communications.md)'
            cand runbook 'Render the runbook (Markdown, HTML, PowerShell or user communications) for an answer file, with per-batch sections when given a plan'
            cand status 'Where a running migration stands against its plan, from Exchange Online''s exports. Exit 0 when nothing needs attention, 1 when something does, 2 on usage or IO errors'
            cand templates 'Work with the runbook templates'
            cand convert 'Convert an answer file between YAML, JSON and TOML (it is validated first)'
            cand schema 'Print the answers JSON Schema (draft 2020-12, or draft-07 for editors)'
            cand table 'Verify, print or evaluate a decision table'
            cand completions 'Print the shell completion script for bash, zsh, fish, PowerShell or elvish'
            cand man 'Print the man page `mma.1`, or write it and one page per subcommand into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mma;init'= {
            cand -o 'Where to write the answer file'
            cand --output 'Where to write the answer file'
            cand --organization 'The organisation''s name'
            cand --source 'The current mail system (`exchange_2016`, `google_workspace`, `imap`, …)'
            cand --mailboxes 'How many mailboxes move'
            cand --timeline 'How quickly: `days`, `weeks` or `months`'
            cand --manage-users-on-premises 'Keep on-premises Active Directory as the source of authority afterwards'
            cand --coexistence 'Full coexistence while both sides run'
            cand --chosen-path 'The path the team has decided on, when it differs from the recommendation'
            cand --tenant 'The tenant''s initial domain, `NAME.onmicrosoft.com`'
            cand --domain 'The organisation''s mail domains (accepted domains), the primary first; repeat or separate with commas'
            cand --source-host 'The source server''s public host name: the hybrid migration endpoint (EWS and MRS Proxy), the Outlook Anywhere host, or the IMAP server'
            cand --imap-security 'IMAP only: how the connection is protected'
            cand --imap-port 'IMAP only: the server''s port (993 with SSL, 143 otherwise, when not given)'
            cand --imap-login-format 'IMAP only: how batches sign in on each user''s behalf (`none`: each user''s own password)'
            cand --start 'The first day a batch may run'
            cand --time-zone 'The IANA time zone of the dates and the window (UTC when not given)'
            cand --days 'The days batches run on (monday to friday when not given); repeat or separate with commas'
            cand --window 'The hours batches run in, on a 24-hour clock (20:00-06:00 when not given)'
            cand --blackout 'Dates no batch runs on; repeat or separate with commas'
            cand --throughput 'The data the migration moves per hour, in GB'
            cand --max-batch-mailboxes 'The most mailboxes one batch holds (the path''s own limit when not given)'
            cand --pilot 'Addresses of the pilot mailboxes, which move first; repeat or separate with commas'
            cand --notify 'Addresses that receive each batch''s status reports; repeat or separate with commas'
            cand --schema-ref 'The schema reference written on the first line for editors. A path (not a URL) is read from the answer file''s folder, and `init` writes the draft-07 schema there unless the same file is there already'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand --force 'Replace the answer file if it exists, and the schema file its first line names if that differs from this mma''s'
            cand --non-interactive 'Ask nothing: every answer comes from the flags below. Implied without a terminal'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;validate'= {
            cand --format 'Output format'
            cand --input-format 'Syntax of standard input and of files whose extension does not say'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand --deny-warnings 'Fail (exit 1) on warnings too'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;recommend'= {
            cand --format 'Output format'
            cand --templates 'A directory of templates that replace the built-ins of the same name'
            cand --input-format 'Syntax of standard input, or of a file whose extension does not say'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;plan'= {
            cand --inventory 'The mailbox inventory (CSV): our columns or a `Get-Mailbox`/`Get-MailboxStatistics` export'
            cand --permissions 'A permission export (CSV); repeat for each file. Its kind is told by its header'
            cand --out 'The output directory'
            cand --link 'Rights that keep two mailboxes in one batch (comma-separated): full-access, send-as, send-on-behalf, calendar, folder'
            cand --hub-threshold 'An account linked with more mailboxes than this is a hub: its links do not group'
            cand --imap-admin 'IMAP administrator login, for the admin-credential user-name forms'
            cand --imap-domain 'IMAP domain, for the Exchange `Domain/Admin/User` form'
            cand --templates 'A directory of templates that replace the built-ins of the same name'
            cand --input-format 'Syntax of the answer file when its extension does not say'
            cand --previous 'Re-plan against this earlier plan (`OLD/plan.json`): every mailbox it placed keeps its batch, batches started before `--as-of` are frozen, new mailboxes join open batches or new ones after the last; `changes.md` and `plan.json`''s `changes` say what changed'
            cand --as-of 'The day of re-planning (`YYYY-MM-DD`): batches of the previous plan starting before it (syncing, for remote moves, else migrating) are frozen. Needs `--previous`'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand --force 'Replace an output directory that mma plan wrote before (it refuses one holding anything else)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;runbook'= {
            cand --plan 'A plan written by `mma plan` (`DIR/plan.json`), for per-batch sections'
            cand --format 'Output format'
            cand -o 'Write to this file (atomically) instead of standard output'
            cand --output 'Write to this file (atomically) instead of standard output'
            cand --templates 'A directory of templates that replace the built-ins of the same name'
            cand --input-format 'Syntax of the answer file when its extension does not say'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;status'= {
            cand --users '`Get-MigrationUser | Export-Csv` output'
            cand --batches '`Get-MigrationBatch | Export-Csv` output'
            cand --statistics '`Get-MigrationUser | Get-MigrationUserStatistics | Export-Csv` output (fuller error texts and Data Consistency Scores)'
            cand --as-of 'The day the report is for (`YYYY-MM-DD`); today in the plan''s time zone when omitted'
            cand --format 'Output format'
            cand -o 'Write to this file (atomically) instead of standard output'
            cand --output 'Write to this file (atomically) instead of standard output'
            cand --templates 'A directory of templates that replace the built-ins of the same name'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;templates'= {
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand export 'Write the built-in templates into DIR, to start a custom set from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mma;templates;export'= {
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand --force 'Replace files that exist'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;templates;help'= {
            cand export 'Write the built-in templates into DIR, to start a custom set from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mma;templates;help;export'= {
        }
        &'mma;templates;help;help'= {
        }
        &'mma;convert'= {
            cand --to 'The format to write'
            cand -o 'Write to this file (atomically) instead of standard output'
            cand --output 'Write to this file (atomically) instead of standard output'
            cand --input-format 'Syntax of standard input, or of a file whose extension does not say'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;schema'= {
            cand -o 'Write to this file (atomically) instead of standard output'
            cand --output 'Write to this file (atomically) instead of standard output'
            cand --draft 'The JSON Schema dialect: `2020-12` (the canonical schema, for form tools and validators) or `07` (for the YAML language server in VS Code and other editors)'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;table'= {
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand check 'Verify a decision table: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics'
            cand show 'Print a decision table'
            cand eval 'Evaluate a table on one input with the reference interpreter, e.g. `mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false`'
            cand codegen 'Write the Rust code build.rs would generate for a table (for teams that compile their own)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mma;table;check'= {
            cand --format 'Output format'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;table;show'= {
            cand --format 'Output format'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;table;eval'= {
            cand --table 'The CSV to evaluate; the table built into mma when omitted'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;table;codegen'= {
            cand -o 'Write to this file (atomically) instead of stdout'
            cand --output 'Write to this file (atomically) instead of stdout'
            cand --layout 'How `decide` is laid out: `auto` (what build.rs does) is flat up to 1,000 rules and a tree above'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;table;help'= {
            cand check 'Verify a decision table: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics'
            cand show 'Print a decision table'
            cand eval 'Evaluate a table on one input with the reference interpreter, e.g. `mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false`'
            cand codegen 'Write the Rust code build.rs would generate for a table (for teams that compile their own)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mma;table;help;check'= {
        }
        &'mma;table;help;show'= {
        }
        &'mma;table;help;eval'= {
        }
        &'mma;table;help;codegen'= {
        }
        &'mma;table;help;help'= {
        }
        &'mma;completions'= {
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;man'= {
            cand --out 'Write `mma.1` and one page per subcommand (`mma-plan.1`, `mma-table-check.1`, …) into this directory (created if missing) instead of printing `mma.1`'
            cand --color 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)'
            cand -q 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand --quiet 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mma;help'= {
            cand init 'Ask the questions one at a time and write an answer file'
            cand validate 'Check answer files (for CI): every problem in every file, located. Exit 0 when all are valid, 1 when any is invalid, 2 on usage or IO errors'
            cand recommend 'The migration path for an answer file: the rule that chose it, why, the alternatives and the warnings'
            cand plan 'Plan batches from an inventory and permission exports: batch CSVs for Exchange Online, plan.json, plan.md, broken-links.csv and the runbook documents (runbook.md, runbook.html, commands.ps1, communications.md)'
            cand runbook 'Render the runbook (Markdown, HTML, PowerShell or user communications) for an answer file, with per-batch sections when given a plan'
            cand status 'Where a running migration stands against its plan, from Exchange Online''s exports. Exit 0 when nothing needs attention, 1 when something does, 2 on usage or IO errors'
            cand templates 'Work with the runbook templates'
            cand convert 'Convert an answer file between YAML, JSON and TOML (it is validated first)'
            cand schema 'Print the answers JSON Schema (draft 2020-12, or draft-07 for editors)'
            cand table 'Verify, print or evaluate a decision table'
            cand completions 'Print the shell completion script for bash, zsh, fish, PowerShell or elvish'
            cand man 'Print the man page `mma.1`, or write it and one page per subcommand into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mma;help;init'= {
        }
        &'mma;help;validate'= {
        }
        &'mma;help;recommend'= {
        }
        &'mma;help;plan'= {
        }
        &'mma;help;runbook'= {
        }
        &'mma;help;status'= {
        }
        &'mma;help;templates'= {
            cand export 'Write the built-in templates into DIR, to start a custom set from'
        }
        &'mma;help;templates;export'= {
        }
        &'mma;help;convert'= {
        }
        &'mma;help;schema'= {
        }
        &'mma;help;table'= {
            cand check 'Verify a decision table: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics'
            cand show 'Print a decision table'
            cand eval 'Evaluate a table on one input with the reference interpreter, e.g. `mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false`'
            cand codegen 'Write the Rust code build.rs would generate for a table (for teams that compile their own)'
        }
        &'mma;help;table;check'= {
        }
        &'mma;help;table;show'= {
        }
        &'mma;help;table;eval'= {
        }
        &'mma;help;table;codegen'= {
        }
        &'mma;help;completions'= {
        }
        &'mma;help;man'= {
        }
        &'mma;help;help'= {
        }
    ]
    $completions[$command]
}
