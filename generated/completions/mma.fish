# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mma_global_optspecs
    string join \n color= q/quiet h/help V/version
end

function __fish_mma_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mma_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mma_using_subcommand
    set -l cmd (__fish_mma_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mma -n "__fish_mma_needs_command" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_needs_command" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_needs_command" -s V -l version -d 'Print version'
complete -c mma -n "__fish_mma_needs_command" -f -a "init" -d 'Ask the questions one at a time and write an answer file'
complete -c mma -n "__fish_mma_needs_command" -f -a "validate" -d 'Check answer files (for CI): every problem in every file, located. Exit 0 when all are valid, 1 when any is invalid, 2 on usage or IO errors'
complete -c mma -n "__fish_mma_needs_command" -f -a "recommend" -d 'The migration path for an answer file: the rule that chose it, why, the alternatives and the warnings'
complete -c mma -n "__fish_mma_needs_command" -f -a "plan" -d 'Plan batches from an inventory and permission exports: batch CSVs for Exchange Online, plan.json, plan.md, broken-links.csv and the runbook documents (runbook.md, runbook.html, commands.ps1, communications.md)'
complete -c mma -n "__fish_mma_needs_command" -f -a "runbook" -d 'Render the runbook (Markdown, HTML, PowerShell or user communications) for an answer file, with per-batch sections when given a plan'
complete -c mma -n "__fish_mma_needs_command" -f -a "status" -d 'Where a running migration stands against its plan, from Exchange Online\'s exports. Exit 0 when nothing needs attention, 1 when something does, 2 on usage or IO errors'
complete -c mma -n "__fish_mma_needs_command" -f -a "templates" -d 'Work with the runbook templates'
complete -c mma -n "__fish_mma_needs_command" -f -a "convert" -d 'Convert an answer file between YAML, JSON and TOML (it is validated first)'
complete -c mma -n "__fish_mma_needs_command" -f -a "schema" -d 'Print the answers JSON Schema (draft 2020-12, or draft-07 for editors)'
complete -c mma -n "__fish_mma_needs_command" -f -a "table" -d 'Verify, print or evaluate a decision table'
complete -c mma -n "__fish_mma_needs_command" -f -a "completions" -d 'Print the shell completion script for bash, zsh, fish, PowerShell or elvish'
complete -c mma -n "__fish_mma_needs_command" -f -a "man" -d 'Print the man page `mma.1`, or write it and one page per subcommand into a directory'
complete -c mma -n "__fish_mma_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mma -n "__fish_mma_using_subcommand init" -s o -l output -d 'Where to write the answer file' -r -F
complete -c mma -n "__fish_mma_using_subcommand init" -l organization -d 'The organisation\'s name' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l source -d 'The current mail system (`exchange_2016`, `google_workspace`, `imap`, …)' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l mailboxes -d 'How many mailboxes move' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l timeline -d 'How quickly: `days`, `weeks` or `months`' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l manage-users-on-premises -d 'Keep on-premises Active Directory as the source of authority afterwards' -r -f -a "true\t''
false\t''"
complete -c mma -n "__fish_mma_using_subcommand init" -l coexistence -d 'Full coexistence while both sides run' -r -f -a "true\t''
false\t''"
complete -c mma -n "__fish_mma_using_subcommand init" -l chosen-path -d 'The path the team has decided on, when it differs from the recommendation' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l tenant -d 'The tenant\'s initial domain, `NAME.onmicrosoft.com`' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l domain -d 'The organisation\'s mail domains (accepted domains), the primary first; repeat or separate with commas' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l source-host -d 'The source server\'s public host name: the hybrid migration endpoint (EWS and MRS Proxy), the Outlook Anywhere host, or the IMAP server' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l imap-security -d 'IMAP only: how the connection is protected' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l imap-port -d 'IMAP only: the server\'s port (993 with SSL, 143 otherwise, when not given)' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l imap-login-format -d 'IMAP only: how batches sign in on each user\'s behalf (`none`: each user\'s own password)' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l start -d 'The first day a batch may run' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l time-zone -d 'The IANA time zone of the dates and the window (UTC when not given)' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l days -d 'The days batches run on (monday to friday when not given); repeat or separate with commas' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l window -d 'The hours batches run in, on a 24-hour clock (20:00-06:00 when not given)' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l blackout -d 'Dates no batch runs on; repeat or separate with commas' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l throughput -d 'The data the migration moves per hour, in GB' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l max-batch-mailboxes -d 'The most mailboxes one batch holds (the path\'s own limit when not given)' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l pilot -d 'Addresses of the pilot mailboxes, which move first; repeat or separate with commas' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l notify -d 'Addresses that receive each batch\'s status reports; repeat or separate with commas' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l schema-ref -d 'The schema reference written on the first line for editors. A path (not a URL) is read from the answer file\'s folder, and `init` writes the draft-07 schema there unless the same file is there already' -r
complete -c mma -n "__fish_mma_using_subcommand init" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand init" -l force -d 'Replace the answer file if it exists, and the schema file its first line names if that differs from this mma\'s'
complete -c mma -n "__fish_mma_using_subcommand init" -l non-interactive -d 'Ask nothing: every answer comes from the flags below. Implied without a terminal'
complete -c mma -n "__fish_mma_using_subcommand init" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand validate" -l format -d 'Output format' -r -f -a "human\t'`FILE:LINE:COLUMN: error[code]: …` lines and a summary; colour on a terminal only'
json\t'One JSON document for the whole run'
github\t'GitHub Actions annotations (`::error file=…,line=…,col=…::…`)'"
complete -c mma -n "__fish_mma_using_subcommand validate" -l input-format -d 'Syntax of standard input and of files whose extension does not say' -r -f -a "yaml\t'YAML 1.2'
json\t'JSON'
toml\t'TOML'"
complete -c mma -n "__fish_mma_using_subcommand validate" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand validate" -l deny-warnings -d 'Fail (exit 1) on warnings too'
complete -c mma -n "__fish_mma_using_subcommand validate" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand recommend" -l format -d 'Output format' -r -f -a "human\t'Text for a terminal'
json\t'One JSON object: `path`, `rule`, `why`, `alternatives`, `warnings`, …'
markdown\t'Markdown, for a ticket or a design document'"
complete -c mma -n "__fish_mma_using_subcommand recommend" -l templates -d 'A directory of templates that replace the built-ins of the same name' -r -F
complete -c mma -n "__fish_mma_using_subcommand recommend" -l input-format -d 'Syntax of standard input, or of a file whose extension does not say' -r -f -a "yaml\t'YAML 1.2'
json\t'JSON'
toml\t'TOML'"
complete -c mma -n "__fish_mma_using_subcommand recommend" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand recommend" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand recommend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand plan" -l inventory -d 'The mailbox inventory (CSV): our columns or a `Get-Mailbox`/`Get-MailboxStatistics` export' -r -F
complete -c mma -n "__fish_mma_using_subcommand plan" -l permissions -d 'A permission export (CSV); repeat for each file. Its kind is told by its header' -r -F
complete -c mma -n "__fish_mma_using_subcommand plan" -l out -d 'The output directory' -r -F
complete -c mma -n "__fish_mma_using_subcommand plan" -l link -d 'Rights that keep two mailboxes in one batch (comma-separated): full-access, send-as, send-on-behalf, calendar, folder' -r
complete -c mma -n "__fish_mma_using_subcommand plan" -l hub-threshold -d 'An account linked with more mailboxes than this is a hub: its links do not group' -r
complete -c mma -n "__fish_mma_using_subcommand plan" -l imap-admin -d 'IMAP administrator login, for the admin-credential user-name forms' -r
complete -c mma -n "__fish_mma_using_subcommand plan" -l imap-domain -d 'IMAP domain, for the Exchange `Domain/Admin/User` form' -r
complete -c mma -n "__fish_mma_using_subcommand plan" -l templates -d 'A directory of templates that replace the built-ins of the same name' -r -F
complete -c mma -n "__fish_mma_using_subcommand plan" -l input-format -d 'Syntax of the answer file when its extension does not say' -r -f -a "yaml\t'YAML 1.2'
json\t'JSON'
toml\t'TOML'"
complete -c mma -n "__fish_mma_using_subcommand plan" -l previous -d 'Re-plan against this earlier plan (`OLD/plan.json`): every mailbox it placed keeps its batch, batches started before `--as-of` are frozen, new mailboxes join open batches or new ones after the last; `changes.md` and `plan.json`\'s `changes` say what changed' -r -F
complete -c mma -n "__fish_mma_using_subcommand plan" -l as-of -d 'The day of re-planning (`YYYY-MM-DD`): batches of the previous plan starting before it (syncing, for remote moves, else migrating) are frozen. Needs `--previous`' -r
complete -c mma -n "__fish_mma_using_subcommand plan" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand plan" -l force -d 'Replace an output directory that mma plan wrote before (it refuses one holding anything else)'
complete -c mma -n "__fish_mma_using_subcommand plan" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand runbook" -l plan -d 'A plan written by `mma plan` (`DIR/plan.json`), for per-batch sections' -r -F
complete -c mma -n "__fish_mma_using_subcommand runbook" -l format -d 'Output format' -r -f -a "markdown\t'Markdown'
html\t'One self-contained, printable HTML page'
powershell\t'The runbook\'s PowerShell as a script to review and run step by step'
communications\t'The user-communication drafts'"
complete -c mma -n "__fish_mma_using_subcommand runbook" -s o -l output -d 'Write to this file (atomically) instead of standard output' -r -F
complete -c mma -n "__fish_mma_using_subcommand runbook" -l templates -d 'A directory of templates that replace the built-ins of the same name' -r -F
complete -c mma -n "__fish_mma_using_subcommand runbook" -l input-format -d 'Syntax of the answer file when its extension does not say' -r -f -a "yaml\t'YAML 1.2'
json\t'JSON'
toml\t'TOML'"
complete -c mma -n "__fish_mma_using_subcommand runbook" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand runbook" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand runbook" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand status" -l users -d '`Get-MigrationUser | Export-Csv` output' -r -F
complete -c mma -n "__fish_mma_using_subcommand status" -l batches -d '`Get-MigrationBatch | Export-Csv` output' -r -F
complete -c mma -n "__fish_mma_using_subcommand status" -l statistics -d '`Get-MigrationUser | Get-MigrationUserStatistics | Export-Csv` output (fuller error texts and Data Consistency Scores)' -r -F
complete -c mma -n "__fish_mma_using_subcommand status" -l as-of -d 'The day the report is for (`YYYY-MM-DD`); today in the plan\'s time zone when omitted' -r
complete -c mma -n "__fish_mma_using_subcommand status" -l format -d 'Output format' -r -f -a "human\t'Text for a terminal'
json\t'One JSON document: totals, batches, failed users and the rest'
markdown\t'Markdown'
html\t'One HTML page with a burn-up chart (inline SVG, no script)'"
complete -c mma -n "__fish_mma_using_subcommand status" -s o -l output -d 'Write to this file (atomically) instead of standard output' -r -F
complete -c mma -n "__fish_mma_using_subcommand status" -l templates -d 'A directory of templates that replace the built-ins of the same name' -r -F
complete -c mma -n "__fish_mma_using_subcommand status" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand status" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand templates; and not __fish_seen_subcommand_from export help" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand templates; and not __fish_seen_subcommand_from export help" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand templates; and not __fish_seen_subcommand_from export help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand templates; and not __fish_seen_subcommand_from export help" -f -a "export" -d 'Write the built-in templates into DIR, to start a custom set from'
complete -c mma -n "__fish_mma_using_subcommand templates; and not __fish_seen_subcommand_from export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mma -n "__fish_mma_using_subcommand templates; and __fish_seen_subcommand_from export" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand templates; and __fish_seen_subcommand_from export" -l force -d 'Replace files that exist'
complete -c mma -n "__fish_mma_using_subcommand templates; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand templates; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand templates; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the built-in templates into DIR, to start a custom set from'
complete -c mma -n "__fish_mma_using_subcommand templates; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mma -n "__fish_mma_using_subcommand convert" -l to -d 'The format to write' -r -f -a "yaml\t'YAML 1.2'
json\t'JSON'
toml\t'TOML'"
complete -c mma -n "__fish_mma_using_subcommand convert" -s o -l output -d 'Write to this file (atomically) instead of standard output' -r -F
complete -c mma -n "__fish_mma_using_subcommand convert" -l input-format -d 'Syntax of standard input, or of a file whose extension does not say' -r -f -a "yaml\t'YAML 1.2'
json\t'JSON'
toml\t'TOML'"
complete -c mma -n "__fish_mma_using_subcommand convert" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand convert" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand schema" -s o -l output -d 'Write to this file (atomically) instead of standard output' -r -F
complete -c mma -n "__fish_mma_using_subcommand schema" -l draft -d 'The JSON Schema dialect: `2020-12` (the canonical schema, for form tools and validators) or `07` (for the YAML language server in VS Code and other editors)' -r -f -a "2020-12\t'Draft 2020-12'
07\t'Draft-07'"
complete -c mma -n "__fish_mma_using_subcommand schema" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand schema" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand table; and not __fish_seen_subcommand_from check show eval codegen help" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand table; and not __fish_seen_subcommand_from check show eval codegen help" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand table; and not __fish_seen_subcommand_from check show eval codegen help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand table; and not __fish_seen_subcommand_from check show eval codegen help" -f -a "check" -d 'Verify a decision table: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics'
complete -c mma -n "__fish_mma_using_subcommand table; and not __fish_seen_subcommand_from check show eval codegen help" -f -a "show" -d 'Print a decision table'
complete -c mma -n "__fish_mma_using_subcommand table; and not __fish_seen_subcommand_from check show eval codegen help" -f -a "eval" -d 'Evaluate a table on one input with the reference interpreter, e.g. `mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false`'
complete -c mma -n "__fish_mma_using_subcommand table; and not __fish_seen_subcommand_from check show eval codegen help" -f -a "codegen" -d 'Write the Rust code build.rs would generate for a table (for teams that compile their own)'
complete -c mma -n "__fish_mma_using_subcommand table; and not __fish_seen_subcommand_from check show eval codegen help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from check" -l format -d 'Output format' -r -f -a "human\t'`FILE:LINE:COLUMN: error[code]: message` lines'
json\t'One JSON document'"
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from check" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "markdown\t'A Markdown document'
csv\t'Normalised CSV'
json\t'JSON'"
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from show" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from eval" -l table -d 'The CSV to evaluate; the table built into mma when omitted' -r -F
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from eval" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from eval" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from eval" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from codegen" -s o -l output -d 'Write to this file (atomically) instead of stdout' -r -F
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from codegen" -l layout -d 'How `decide` is laid out: `auto` (what build.rs does) is flat up to 1,000 rules and a tree above' -r -f -a "auto\t'Flat up to 1,000 rules, a tree above'
flat\t'One match on the tuple of inputs, one arm per rule'
tree\t'Nested per-input matches, with the flat match kept as a checked proof'"
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from codegen" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from codegen" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from codegen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "check" -d 'Verify a decision table: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a decision table'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "eval" -d 'Evaluate a table on one input with the reference interpreter, e.g. `mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false`'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "codegen" -d 'Write the Rust code build.rs would generate for a table (for teams that compile their own)'
complete -c mma -n "__fish_mma_using_subcommand table; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mma -n "__fish_mma_using_subcommand completions" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand completions" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand man" -l out -d 'Write `mma.1` and one page per subcommand (`mma-plan.1`, `mma-table-check.1`, …) into this directory (created if missing) instead of printing `mma.1`' -r -F
complete -c mma -n "__fish_mma_using_subcommand man" -l color -d 'When to colour diagnostics, help and errors (`auto`: on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces colour)' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set; always when `CLICOLOR_FORCE` is'
always\t'Always, even into a pipe or a file'
never\t'Never'"
complete -c mma -n "__fish_mma_using_subcommand man" -s q -l quiet -d 'Print only what the command produces, errors and diagnostics: no summaries, no `wrote …` lines, no progress display. Exit statuses are unchanged'
complete -c mma -n "__fish_mma_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "init" -d 'Ask the questions one at a time and write an answer file'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "validate" -d 'Check answer files (for CI): every problem in every file, located. Exit 0 when all are valid, 1 when any is invalid, 2 on usage or IO errors'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "recommend" -d 'The migration path for an answer file: the rule that chose it, why, the alternatives and the warnings'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "plan" -d 'Plan batches from an inventory and permission exports: batch CSVs for Exchange Online, plan.json, plan.md, broken-links.csv and the runbook documents (runbook.md, runbook.html, commands.ps1, communications.md)'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "runbook" -d 'Render the runbook (Markdown, HTML, PowerShell or user communications) for an answer file, with per-batch sections when given a plan'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "status" -d 'Where a running migration stands against its plan, from Exchange Online\'s exports. Exit 0 when nothing needs attention, 1 when something does, 2 on usage or IO errors'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "templates" -d 'Work with the runbook templates'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "convert" -d 'Convert an answer file between YAML, JSON and TOML (it is validated first)'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "schema" -d 'Print the answers JSON Schema (draft 2020-12, or draft-07 for editors)'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "table" -d 'Verify, print or evaluate a decision table'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "completions" -d 'Print the shell completion script for bash, zsh, fish, PowerShell or elvish'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "man" -d 'Print the man page `mma.1`, or write it and one page per subcommand into a directory'
complete -c mma -n "__fish_mma_using_subcommand help; and not __fish_seen_subcommand_from init validate recommend plan runbook status templates convert schema table completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mma -n "__fish_mma_using_subcommand help; and __fish_seen_subcommand_from templates" -f -a "export" -d 'Write the built-in templates into DIR, to start a custom set from'
complete -c mma -n "__fish_mma_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "check" -d 'Verify a decision table: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics'
complete -c mma -n "__fish_mma_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "show" -d 'Print a decision table'
complete -c mma -n "__fish_mma_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "eval" -d 'Evaluate a table on one input with the reference interpreter, e.g. `mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false`'
complete -c mma -n "__fish_mma_using_subcommand help; and __fish_seen_subcommand_from table" -f -a "codegen" -d 'Write the Rust code build.rs would generate for a table (for teams that compile their own)'
