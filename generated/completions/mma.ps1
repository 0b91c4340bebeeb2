
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'mma' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'mma'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'mma' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Ask the questions one at a time and write an answer file')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check answer files (for CI): every problem in every file, located. Exit 0 when all are valid, 1 when any is invalid, 2 on usage or IO errors')
            [CompletionResult]::new('recommend', 'recommend', [CompletionResultType]::ParameterValue, 'The migration path for an answer file: the rule that chose it, why, the alternatives and the warnings')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Plan batches from an inventory and permission exports: batch CSVs for Exchange Online, plan.json, plan.md, broken-links.csv and the runbook documents (runbook.md, runbook.html, commands.ps1, communications.md)')
            [CompletionResult]::new('runbook', 'runbook', [CompletionResultType]::ParameterValue, 'Render the runbook (Markdown, HTML, PowerShell or user communications) for an answer file, with per-batch sections when given a plan')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Where a running migration stands against its plan, from Exchange Online''s exports. Exit 0 when nothing needs attention, 1 when something does, 2 on usage or IO errors')
            [CompletionResult]::new('templates', 'templates', [CompletionResultType]::ParameterValue, 'Work with the runbook templates')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert an answer file between YAML, JSON and TOML (it is validated first)')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the answers JSON Schema (draft 2020-12, or draft-07 for editors)')
            [CompletionResult]::new('table', 'table', [CompletionResultType]::ParameterValue, 'Verify, print or evaluate a decision table')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for bash, zsh, fish, PowerShell or elvish')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page `mma.1`, or write it and one page per subcommand into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mma;init' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the answer file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the answer file')
            [CompletionResult]::new('--organization', '--organization', [CompletionResultType]::ParameterName, 'The organisation''s name')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'The current mail system (`exchange_2016`, `google_workspace`, `imap`, …)')
            [CompletionResult]::new('--mailboxes', '--mailboxes', [CompletionResultType]::ParameterName, 'How many mailboxes move')
            [CompletionResult]::new('--timeline', '--timeline', [CompletionResultType]::ParameterName, 'How quickly: `days`, `weeks` or `months`')
            [CompletionResult]::new('--manage-users-on-premises', '--manage-users-on-premises', [CompletionResultType]::ParameterName, 'Keep on-premises Active Directory as the source of authority afterwards')
            [CompletionResult]::new('--coexistence', '--coexistence', [CompletionResultType]::ParameterName, 'Full coexistence while both sides run')
            [CompletionResult]::new('--chosen-path', '--chosen-path', [CompletionResultType]::ParameterName, 'The path the team has decided on, when it differs from the recommendation')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The tenant''s initial domain, `NAME.onmicrosoft.com`')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'The organisation''s mail domains (accepted domains), the primary first; repeat or separate with commas')
            [CompletionResult]::new('--source-host', '--source-host', [CompletionResultType]::ParameterName, 'The source server''s public host name: the hybrid migration endpoint (EWS and MRS Proxy), the Outlook Anywhere host, or the IMAP server')
            [CompletionResult]::new('--imap-security', '--imap-security', [CompletionResultType]::ParameterName, 'IMAP only: how the connection is protected')
            [CompletionResult]::new('--imap-port', '--imap-port', [CompletionResultType]::ParameterName, 'IMAP only: the server''s port (993 with SSL, 143 otherwise, when not given)')
            [CompletionResult]::new('--imap-login-format', '--imap-login-format', [CompletionResultType]::ParameterName, 'IMAP only: how batches sign in on each user''s behalf (`none`: each user''s own password)')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'The first day a batch may run')
            [CompletionResult]::new('--time-zone', '--time-zone', [CompletionResultType]::ParameterName, 'The IANA time zone of the dates and the window (UTC when not given)')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'The days batches run on (monday to friday when not given); repeat or separate with commas')
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'The hours batches run in, on a 24-hour clock (20:00-06:00 when not given)')
            [CompletionResult]::new('--blackout', '--blackout', [CompletionResultType]::ParameterName, 'Dates no batch runs on; repeat or separate with commas')
            [CompletionResult]::new('--throughput', '--throughput', [CompletionResultType]::ParameterName, 'The data the migration moves per hour, in GB')
            [CompletionResult]::new('--max-batch-mailboxes', '--max-batch-mailboxes', [CompletionResultType]::ParameterName, 'The most mailboxes one batch holds (the path''s own limit when not given)')
            [CompletionResult]::new('--pilot', '--pilot', [CompletionResultType]::ParameterName, 'Addresses of the pilot mailboxes, which move first; repeat or separate with commas')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Addresses that receive each batch''s status reports; repeat or separate with commas')
            [CompletionResult]::new('--schema-ref', '--schema-ref', [CompletionResultType]::ParameterName, 'The schema reference written on the first line for editors. A path (not a URL) is read from the answer file''s folder, and `init` writes the draft-07 schema there unless the same file is there already')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the answer file if it exists, and the schema file its first line names if that differs from this mma''s')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Ask nothing: every answer comes from the flags below. Implied without a terminal')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;validate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'Syntax of standard input and of files whose extension does not say')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Fail (exit 1) on warnings too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;recommend' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--templates', '--templates', [CompletionResultType]::ParameterName, 'A directory of templates that replace the built-ins of the same name')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'Syntax of standard input, or of a file whose extension does not say')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;plan' {
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'The mailbox inventory (CSV): our columns or a `Get-Mailbox`/`Get-MailboxStatistics` export')
            [CompletionResult]::new('--permissions', '--permissions', [CompletionResultType]::ParameterName, 'A permission export (CSV); repeat for each file. Its kind is told by its header')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The output directory')
            [CompletionResult]::new('--link', '--link', [CompletionResultType]::ParameterName, 'Rights that keep two mailboxes in one batch (comma-separated): full-access, send-as, send-on-behalf, calendar, folder')
            [CompletionResult]::new('--hub-threshold', '--hub-threshold', [CompletionResultType]::ParameterName, 'An account linked with more mailboxes than this is a hub: its links do not group')
            [CompletionResult]::new('--imap-admin', '--imap-admin', [CompletionResultType]::ParameterName, 'IMAP administrator login, for the admin-credential user-name forms')
            [CompletionResult]::new('--imap-domain', '--imap-domain', [CompletionResultType]::ParameterName, 'IMAP domain, for the Exchange `Domain/Admin/User` form')
            [CompletionResult]::new('--templates', '--templates', [CompletionResultType]::ParameterName, 'A directory of templates that replace the built-ins of the same name')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'Syntax of the answer file when its extension does not say')
            [CompletionResult]::new('--previous', '--previous', [CompletionResultType]::ParameterName, 'Re-plan against this earlier plan (`OLD/plan.json`): every mailbox it placed keeps its batch, batches started before `--as-of` are frozen, new mailboxes join open batches or new ones after the last; `changes.md` and `plan.json`''s `changes` say what changed')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The day of re-planning (`YYYY-MM-DD`): batches of the previous plan starting before it (syncing, for remote moves, else migrating) are frozen. Needs `--previous`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an output directory that mma plan wrote before (it refuses one holding anything else)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;runbook' {
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'A plan written by `mma plan` (`DIR/plan.json`), for per-batch sections')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--templates', '--templates', [CompletionResultType]::ParameterName, 'A directory of templates that replace the built-ins of the same name')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'Syntax of the answer file when its extension does not say')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;status' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, '`Get-MigrationUser | Export-Csv` output')
            [CompletionResult]::new('--batches', '--batches', [CompletionResultType]::ParameterName, '`Get-MigrationBatch | Export-Csv` output')
            [CompletionResult]::new('--statistics', '--statistics', [CompletionResultType]::ParameterName, '`Get-MigrationUser | Get-MigrationUserStatistics | Export-Csv` output (fuller error texts and Data Consistency Scores)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'The day the report is for (`YYYY-MM-DD`); today in the plan''s time zone when omitted')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--templates', '--templates', [CompletionResultType]::ParameterName, 'A directory of templates that replace the built-ins of the same name')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;templates' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the built-in templates into DIR, to start a custom set from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mma;templates;export' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace files that exist')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;templates;help' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the built-in templates into DIR, to start a custom set from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mma;templates;help;export' {
            break
        }
        'mma;templates;help;help' {
            break
        }
        'mma;convert' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The format to write')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'Syntax of standard input, or of a file whose extension does not say')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;schema' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of standard output')
            [CompletionResult]::new('--draft', '--draft', [CompletionResultType]::ParameterName, 'The JSON Schema dialect: `2020-12` (the canonical schema, for form tools and validators) or `07` (for the YAML language server in VS Code and other editors)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;table' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Verify a decision table: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a decision table')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate a table on one input with the reference interpreter, e.g. `mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false`')
            [CompletionResult]::new('codegen', 'codegen', [CompletionResultType]::ParameterValue, 'Write the Rust code build.rs would generate for a table (for teams that compile their own)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mma;table;check' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;table;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;table;eval' {
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The CSV to evaluate; the table built into mma when omitted')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;table;codegen' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file (atomically) instead of stdout')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'How `decide` is laid out: `auto` (what build.rs does) is flat up to 1,000 rules and a tree above')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;table;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Verify a decision table: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a decision table')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate a table on one input with the reference interpreter, e.g. `mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false`')
            [CompletionResult]::new('codegen', 'codegen', [CompletionResultType]::ParameterValue, 'Write the Rust code build.rs would generate for a table (for teams that compile their own)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mma;table;help;check' {
            break
        }
        'mma;table;help;show' {
            break
        }
        'mma;table;help;eval' {
            break
        }
        'mma;table;help;codegen' {
            break
        }
        'mma;table;help;help' {
            break
        }
        'mma;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;man' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write `mma.1` and one page per subcommand (`mma-plan.1`, `mma-table-check.1`, …) into this directory (created if missing) instead of printing `mma.1`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mma;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Ask the questions one at a time and write an answer file')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check answer files (for CI): every problem in every file, located. Exit 0 when all are valid, 1 when any is invalid, 2 on usage or IO errors')
            [CompletionResult]::new('recommend', 'recommend', [CompletionResultType]::ParameterValue, 'The migration path for an answer file: the rule that chose it, why, the alternatives and the warnings')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Plan batches from an inventory and permission exports: batch CSVs for Exchange Online, plan.json, plan.md, broken-links.csv and the runbook documents (runbook.md, runbook.html, commands.ps1, communications.md)')
            [CompletionResult]::new('runbook', 'runbook', [CompletionResultType]::ParameterValue, 'Render the runbook (Markdown, HTML, PowerShell or user communications) for an answer file, with per-batch sections when given a plan')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Where a running migration stands against its plan, from Exchange Online''s exports. Exit 0 when nothing needs attention, 1 when something does, 2 on usage or IO errors')
            [CompletionResult]::new('templates', 'templates', [CompletionResultType]::ParameterValue, 'Work with the runbook templates')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert an answer file between YAML, JSON and TOML (it is validated first)')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the answers JSON Schema (draft 2020-12, or draft-07 for editors)')
            [CompletionResult]::new('table', 'table', [CompletionResultType]::ParameterValue, 'Verify, print or evaluate a decision table')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for bash, zsh, fish, PowerShell or elvish')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page `mma.1`, or write it and one page per subcommand into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mma;help;init' {
            break
        }
        'mma;help;validate' {
            break
        }
        'mma;help;recommend' {
            break
        }
        'mma;help;plan' {
            break
        }
        'mma;help;runbook' {
            break
        }
        'mma;help;status' {
            break
        }
        'mma;help;templates' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the built-in templates into DIR, to start a custom set from')
            break
        }
        'mma;help;templates;export' {
            break
        }
        'mma;help;convert' {
            break
        }
        'mma;help;schema' {
            break
        }
        'mma;help;table' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Verify a decision table: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a decision table')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate a table on one input with the reference interpreter, e.g. `mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false`')
            [CompletionResult]::new('codegen', 'codegen', [CompletionResultType]::ParameterValue, 'Write the Rust code build.rs would generate for a table (for teams that compile their own)')
            break
        }
        'mma;help;table;check' {
            break
        }
        'mma;help;table;show' {
            break
        }
        'mma;help;table;eval' {
            break
        }
        'mma;help;table;codegen' {
            break
        }
        'mma;help;completions' {
            break
        }
        'mma;help;man' {
            break
        }
        'mma;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
