#compdef mma

autoload -U is-at-least

_mma() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_mma_commands" \
"*::: :->mma" \
&& ret=0
    case $state in
    (mma)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:mma-command-$line[1]:"
        case $line[1] in
            (init)
_arguments "${_arguments_options[@]}" : \
'-o+[Where to write the answer file]:OUTPUT:_files' \
'--output=[Where to write the answer file]:OUTPUT:_files' \
'--organization=[The organisation'\''s name]:ORGANIZATION:_default' \
'--source=[The current mail system (\`exchange_2016\`, \`google_workspace\`, \`imap\`, …)]:SOURCE:_default' \
'--mailboxes=[How many mailboxes move]:MAILBOXES:_default' \
'--timeline=[How quickly\: \`days\`, \`weeks\` or \`months\`]:TIMELINE:_default' \
'--manage-users-on-premises=[Keep on-premises Active Directory as the source of authority afterwards]:true|false:(true false)' \
'--coexistence=[Full coexistence while both sides run]:true|false:(true false)' \
'--chosen-path=[The path the team has decided on, when it differs from the recommendation]:CHOSEN_PATH:_default' \
'--tenant=[The tenant'\''s initial domain, \`NAME.onmicrosoft.com\`]:NAME.onmicrosoft.com:_default' \
'*--domain=[The organisation'\''s mail domains (accepted domains), the primary first; repeat or separate with commas]:DOMAIN:_default' \
'--source-host=[The source server'\''s public host name\: the hybrid migration endpoint (EWS and MRS Proxy), the Outlook Anywhere host, or the IMAP server]:HOST:_default' \
'--imap-security=[IMAP only\: how the connection is protected]:ssl|tls|none:_default' \
'--imap-port=[IMAP only\: the server'\''s port (993 with SSL, 143 otherwise, when not given)]:PORT:_default' \
'--imap-login-format=[IMAP only\: how batches sign in on each user'\''s behalf (\`none\`\: each user'\''s own password)]:exchange|dovecot|mirapoint|none:_default' \
'--start=[The first day a batch may run]:YYYY-MM-DD:_default' \
'--time-zone=[The IANA time zone of the dates and the window (UTC when not given)]:ZONE:_default' \
'*--days=[The days batches run on (monday to friday when not given); repeat or separate with commas]:DAY:_default' \
'--window=[The hours batches run in, on a 24-hour clock (20\:00-06\:00 when not given)]:HH:MM-HH:MM:_default' \
'*--blackout=[Dates no batch runs on; repeat or separate with commas]:YYYY-MM-DD:_default' \
'--throughput=[The data the migration moves per hour, in GB]:GB:_default' \
'--max-batch-mailboxes=[The most mailboxes one batch holds (the path'\''s own limit when not given)]:N:_default' \
'*--pilot=[Addresses of the pilot mailboxes, which move first; repeat or separate with commas]:ADDRESS:_default' \
'*--notify=[Addresses that receive each batch'\''s status reports; repeat or separate with commas]:ADDRESS:_default' \
'--schema-ref=[The schema reference written on the first line for editors. A path (not a URL) is read from the answer file'\''s folder, and \`init\` writes the draft-07 schema there unless the same file is there already]:SCHEMA_REF:_default' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'--force[Replace the answer file if it exists, and the schema file its first line names if that differs from this mma'\''s]' \
'--non-interactive[Ask nothing\: every answer comes from the flags below. Implied without a terminal]' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format]:FORMAT:((human\:"\`FILE\:LINE\:COLUMN\: error\[code\]\: …\` lines and a summary; colour on a terminal only"
json\:"One JSON document for the whole run"
github\:"GitHub Actions annotations (\`\:\:error file=…,line=…,col=…\:\:…\`)"))' \
'--input-format=[Syntax of standard input and of files whose extension does not say]:INPUT_FORMAT:((yaml\:"YAML 1.2"
json\:"JSON"
toml\:"TOML"))' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'--deny-warnings[Fail (exit 1) on warnings too]' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::paths -- Answer files, or directories to search for `.yaml`, `.yml`, `.json` and `.toml` files; `-` reads standard input (its format from `--input-format` or its content):_files' \
&& ret=0
;;
(recommend)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format]:FORMAT:((human\:"Text for a terminal"
json\:"One JSON object\: \`path\`, \`rule\`, \`why\`, \`alternatives\`, \`warnings\`, …"
markdown\:"Markdown, for a ticket or a design document"))' \
'--templates=[A directory of templates that replace the built-ins of the same name]:DIR:_files' \
'--input-format=[Syntax of standard input, or of a file whose extension does not say]:INPUT_FORMAT:((yaml\:"YAML 1.2"
json\:"JSON"
toml\:"TOML"))' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':file -- The answer file; `-` reads standard input (its format from `--input-format` or its content):_files' \
&& ret=0
;;
(plan)
_arguments "${_arguments_options[@]}" : \
'--inventory=[The mailbox inventory (CSV)\: our columns or a \`Get-Mailbox\`/\`Get-MailboxStatistics\` export]:CSV:_files' \
'*--permissions=[A permission export (CSV); repeat for each file. Its kind is told by its header]:CSV:_files' \
'--out=[The output directory]:DIR:_files' \
'*--link=[Rights that keep two mailboxes in one batch (comma-separated)\: full-access, send-as, send-on-behalf, calendar, folder]:LINK:_default' \
'--hub-threshold=[An account linked with more mailboxes than this is a hub\: its links do not group]:HUB_THRESHOLD:_default' \
'--imap-admin=[IMAP administrator login, for the admin-credential user-name forms]:IMAP_ADMIN:_default' \
'--imap-domain=[IMAP domain, for the Exchange \`Domain/Admin/User\` form]:IMAP_DOMAIN:_default' \
'--templates=[A directory of templates that replace the built-ins of the same name]:DIR:_files' \
'--input-format=[Syntax of the answer file when its extension does not say]:INPUT_FORMAT:((yaml\:"YAML 1.2"
json\:"JSON"
toml\:"TOML"))' \
'--previous=[Re-plan against this earlier plan (\`OLD/plan.json\`)\: every mailbox it placed keeps its batch, batches started before \`--as-of\` are frozen, new mailboxes join open batches or new ones after the last; \`changes.md\` and \`plan.json\`'\''s \`changes\` say what changed]:PLAN.json:_files' \
'--as-of=[The day of re-planning (\`YYYY-MM-DD\`)\: batches of the previous plan starting before it (syncing, for remote moves, else migrating) are frozen. Needs \`--previous\`]:DATE:_default' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'--force[Replace an output directory that mma plan wrote before (it refuses one holding anything else)]' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':answers -- The answer file:_files' \
&& ret=0
;;
(runbook)
_arguments "${_arguments_options[@]}" : \
'--plan=[A plan written by \`mma plan\` (\`DIR/plan.json\`), for per-batch sections]:PLAN_JSON:_files' \
'--format=[Output format]:FORMAT:((markdown\:"Markdown"
html\:"One self-contained, printable HTML page"
powershell\:"The runbook'\''s PowerShell as a script to review and run step by step"
communications\:"The user-communication drafts"))' \
'-o+[Write to this file (atomically) instead of standard output]:OUTPUT:_files' \
'--output=[Write to this file (atomically) instead of standard output]:OUTPUT:_files' \
'--templates=[A directory of templates that replace the built-ins of the same name]:DIR:_files' \
'--input-format=[Syntax of the answer file when its extension does not say]:INPUT_FORMAT:((yaml\:"YAML 1.2"
json\:"JSON"
toml\:"TOML"))' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':answers -- The answer file:_files' \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
'--users=[\`Get-MigrationUser | Export-Csv\` output]:CSV:_files' \
'--batches=[\`Get-MigrationBatch | Export-Csv\` output]:CSV:_files' \
'--statistics=[\`Get-MigrationUser | Get-MigrationUserStatistics | Export-Csv\` output (fuller error texts and Data Consistency Scores)]:CSV:_files' \
'--as-of=[The day the report is for (\`YYYY-MM-DD\`); today in the plan'\''s time zone when omitted]:DATE:_default' \
'--format=[Output format]:FORMAT:((human\:"Text for a terminal"
json\:"One JSON document\: totals, batches, failed users and the rest"
markdown\:"Markdown"
html\:"One HTML page with a burn-up chart (inline SVG, no script)"))' \
'-o+[Write to this file (atomically) instead of standard output]:OUTPUT:_files' \
'--output=[Write to this file (atomically) instead of standard output]:OUTPUT:_files' \
'--templates=[A directory of templates that replace the built-ins of the same name]:DIR:_files' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':plan -- The plan written by `mma plan` (`DIR/plan.json`):_files' \
&& ret=0
;;
(templates)
_arguments "${_arguments_options[@]}" : \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
":: :_mma__subcmd__templates_commands" \
"*::: :->templates" \
&& ret=0

    case $state in
    (templates)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:mma-templates-command-$line[1]:"
        case $line[1] in
            (export)
_arguments "${_arguments_options[@]}" : \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'--force[Replace files that exist]' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':dir -- The directory to write into:_files' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_mma__subcmd__templates__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:mma-templates-help-command-$line[1]:"
        case $line[1] in
            (export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(convert)
_arguments "${_arguments_options[@]}" : \
'--to=[The format to write]:TO:((yaml\:"YAML 1.2"
json\:"JSON"
toml\:"TOML"))' \
'-o+[Write to this file (atomically) instead of standard output]:OUTPUT:_files' \
'--output=[Write to this file (atomically) instead of standard output]:OUTPUT:_files' \
'--input-format=[Syntax of standard input, or of a file whose extension does not say]:INPUT_FORMAT:((yaml\:"YAML 1.2"
json\:"JSON"
toml\:"TOML"))' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':file -- The answer file; `-` reads standard input (its format from `--input-format` or its content):_files' \
&& ret=0
;;
(schema)
_arguments "${_arguments_options[@]}" : \
'-o+[Write to this file (atomically) instead of standard output]:OUTPUT:_files' \
'--output=[Write to this file (atomically) instead of standard output]:OUTPUT:_files' \
'--draft=[The JSON Schema dialect\: \`2020-12\` (the canonical schema, for form tools and validators) or \`07\` (for the YAML language server in VS Code and other editors)]:DRAFT:((2020-12\:"Draft 2020-12"
07\:"Draft-07"))' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(table)
_arguments "${_arguments_options[@]}" : \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
":: :_mma__subcmd__table_commands" \
"*::: :->table" \
&& ret=0

    case $state in
    (table)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:mma-table-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format]:FORMAT:((human\:"\`FILE\:LINE\:COLUMN\: error\[code\]\: message\` lines"
json\:"One JSON document"))' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::csv -- The CSV to verify; the table built into mma when omitted:_files' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format]:FORMAT:((markdown\:"A Markdown document"
csv\:"Normalised CSV"
json\:"JSON"))' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::csv -- The CSV to print; the table built into mma when omitted:_files' \
&& ret=0
;;
(eval)
_arguments "${_arguments_options[@]}" : \
'--table=[The CSV to evaluate; the table built into mma when omitted]:TABLE:_files' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::assignments -- `NAME=VALUE` for every input of the table:_default' \
&& ret=0
;;
(codegen)
_arguments "${_arguments_options[@]}" : \
'-o+[Write to this file (atomically) instead of stdout]:OUTPUT:_files' \
'--output=[Write to this file (atomically) instead of stdout]:OUTPUT:_files' \
'--layout=[How \`decide\` is laid out\: \`auto\` (what build.rs does) is flat up to 1,000 rules and a tree above]:LAYOUT:((auto\:"Flat up to 1,000 rules, a tree above"
flat\:"One match on the tuple of inputs, one arm per rule"
tree\:"Nested per-input matches, with the flat match kept as a checked proof"))' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::csv -- The CSV to compile; the table built into mma when omitted:_files' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_mma__subcmd__table__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:mma-table-help-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(eval)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(codegen)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':shell -- The shell to complete in:((bash\:"Bash (source it from \`~/.bashrc\` or put it in \`bash-completion\`'\''s directory)"
zsh\:"Zsh (save it as \`_mma\` in a directory of \`\$fpath\`)"
fish\:"Fish (save it as \`~/.config/fish/completions/mma.fish\`)"
powershell\:"PowerShell (dot-source it from \`\$PROFILE\`)"
elvish\:"Elvish (\`eval\` it from \`rc.elv\`)"))' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'--out=[Write \`mma.1\` and one page per subcommand (\`mma-plan.1\`, \`mma-table-check.1\`, …) into this directory (created if missing) instead of printing \`mma.1\`]:DIR:_files' \
'--color=[When to colour diagnostics, help and errors (\`auto\`\: on a terminal, unless \`NO_COLOR\` is set; \`CLICOLOR_FORCE\` forces colour)]:WHEN:((auto\:"On a terminal, unless \`NO_COLOR\` is set; always when \`CLICOLOR_FORCE\` is"
always\:"Always, even into a pipe or a file"
never\:"Never"))' \
'-q[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'--quiet[Print only what the command produces, errors and diagnostics\: no summaries, no \`wrote …\` lines, no progress display. Exit statuses are unchanged]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_mma__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:mma-help-command-$line[1]:"
        case $line[1] in
            (init)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(recommend)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(plan)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(runbook)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(templates)
_arguments "${_arguments_options[@]}" : \
":: :_mma__subcmd__help__subcmd__templates_commands" \
"*::: :->templates" \
&& ret=0

    case $state in
    (templates)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:mma-help-templates-command-$line[1]:"
        case $line[1] in
            (export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(convert)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(schema)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(table)
_arguments "${_arguments_options[@]}" : \
":: :_mma__subcmd__help__subcmd__table_commands" \
"*::: :->table" \
&& ret=0

    case $state in
    (table)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:mma-help-table-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(eval)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(codegen)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_mma_commands] )) ||
_mma_commands() {
    local commands; commands=(
'init:Ask the questions one at a time and write an answer file' \
'validate:Check answer files (for CI)\: every problem in every file, located. Exit 0 when all are valid, 1 when any is invalid, 2 on usage or IO errors' \
'recommend:The migration path for an answer file\: the rule that chose it, why, the alternatives and the warnings' \
'plan:Plan batches from an inventory and permission exports\: batch CSVs for Exchange Online, plan.json, plan.md, broken-links.csv and the runbook documents (runbook.md, runbook.html, commands.ps1, communications.md)' \
'runbook:Render the runbook (Markdown, HTML, PowerShell or user communications) for an answer file, with per-batch sections when given a plan' \
'status:Where a running migration stands against its plan, from Exchange Online'\''s exports. Exit 0 when nothing needs attention, 1 when something does, 2 on usage or IO errors' \
'templates:Work with the runbook templates' \
'convert:Convert an answer file between YAML, JSON and TOML (it is validated first)' \
'schema:Print the answers JSON Schema (draft 2020-12, or draft-07 for editors)' \
'table:Verify, print or evaluate a decision table' \
'completions:Print the shell completion script for bash, zsh, fish, PowerShell or elvish' \
'man:Print the man page \`mma.1\`, or write it and one page per subcommand into a directory' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'mma commands' commands "$@"
}
(( $+functions[_mma__subcmd__completions_commands] )) ||
_mma__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'mma completions commands' commands "$@"
}
(( $+functions[_mma__subcmd__convert_commands] )) ||
_mma__subcmd__convert_commands() {
    local commands; commands=()
    _describe -t commands 'mma convert commands' commands "$@"
}
(( $+functions[_mma__subcmd__help_commands] )) ||
_mma__subcmd__help_commands() {
    local commands; commands=(
'init:Ask the questions one at a time and write an answer file' \
'validate:Check answer files (for CI)\: every problem in every file, located. Exit 0 when all are valid, 1 when any is invalid, 2 on usage or IO errors' \
'recommend:The migration path for an answer file\: the rule that chose it, why, the alternatives and the warnings' \
'plan:Plan batches from an inventory and permission exports\: batch CSVs for Exchange Online, plan.json, plan.md, broken-links.csv and the runbook documents (runbook.md, runbook.html, commands.ps1, communications.md)' \
'runbook:Render the runbook (Markdown, HTML, PowerShell or user communications) for an answer file, with per-batch sections when given a plan' \
'status:Where a running migration stands against its plan, from Exchange Online'\''s exports. Exit 0 when nothing needs attention, 1 when something does, 2 on usage or IO errors' \
'templates:Work with the runbook templates' \
'convert:Convert an answer file between YAML, JSON and TOML (it is validated first)' \
'schema:Print the answers JSON Schema (draft 2020-12, or draft-07 for editors)' \
'table:Verify, print or evaluate a decision table' \
'completions:Print the shell completion script for bash, zsh, fish, PowerShell or elvish' \
'man:Print the man page \`mma.1\`, or write it and one page per subcommand into a directory' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'mma help commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__completions_commands] )) ||
_mma__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'mma help completions commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__convert_commands] )) ||
_mma__subcmd__help__subcmd__convert_commands() {
    local commands; commands=()
    _describe -t commands 'mma help convert commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__help_commands] )) ||
_mma__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'mma help help commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__init_commands] )) ||
_mma__subcmd__help__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'mma help init commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__man_commands] )) ||
_mma__subcmd__help__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'mma help man commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__plan_commands] )) ||
_mma__subcmd__help__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'mma help plan commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__recommend_commands] )) ||
_mma__subcmd__help__subcmd__recommend_commands() {
    local commands; commands=()
    _describe -t commands 'mma help recommend commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__runbook_commands] )) ||
_mma__subcmd__help__subcmd__runbook_commands() {
    local commands; commands=()
    _describe -t commands 'mma help runbook commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__schema_commands] )) ||
_mma__subcmd__help__subcmd__schema_commands() {
    local commands; commands=()
    _describe -t commands 'mma help schema commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__status_commands] )) ||
_mma__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'mma help status commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__table_commands] )) ||
_mma__subcmd__help__subcmd__table_commands() {
    local commands; commands=(
'check:Verify a decision table\: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics' \
'show:Print a decision table' \
'eval:Evaluate a table on one input with the reference interpreter, e.g. \`mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false\`' \
'codegen:Write the Rust code build.rs would generate for a table (for teams that compile their own)' \
    )
    _describe -t commands 'mma help table commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__table__subcmd__check_commands] )) ||
_mma__subcmd__help__subcmd__table__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'mma help table check commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__table__subcmd__codegen_commands] )) ||
_mma__subcmd__help__subcmd__table__subcmd__codegen_commands() {
    local commands; commands=()
    _describe -t commands 'mma help table codegen commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__table__subcmd__eval_commands] )) ||
_mma__subcmd__help__subcmd__table__subcmd__eval_commands() {
    local commands; commands=()
    _describe -t commands 'mma help table eval commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__table__subcmd__show_commands] )) ||
_mma__subcmd__help__subcmd__table__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'mma help table show commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__templates_commands] )) ||
_mma__subcmd__help__subcmd__templates_commands() {
    local commands; commands=(
'export:Write the built-in templates into DIR, to start a custom set from' \
    )
    _describe -t commands 'mma help templates commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__templates__subcmd__export_commands] )) ||
_mma__subcmd__help__subcmd__templates__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'mma help templates export commands' commands "$@"
}
(( $+functions[_mma__subcmd__help__subcmd__validate_commands] )) ||
_mma__subcmd__help__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'mma help validate commands' commands "$@"
}
(( $+functions[_mma__subcmd__init_commands] )) ||
_mma__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'mma init commands' commands "$@"
}
(( $+functions[_mma__subcmd__man_commands] )) ||
_mma__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'mma man commands' commands "$@"
}
(( $+functions[_mma__subcmd__plan_commands] )) ||
_mma__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'mma plan commands' commands "$@"
}
(( $+functions[_mma__subcmd__recommend_commands] )) ||
_mma__subcmd__recommend_commands() {
    local commands; commands=()
    _describe -t commands 'mma recommend commands' commands "$@"
}
(( $+functions[_mma__subcmd__runbook_commands] )) ||
_mma__subcmd__runbook_commands() {
    local commands; commands=()
    _describe -t commands 'mma runbook commands' commands "$@"
}
(( $+functions[_mma__subcmd__schema_commands] )) ||
_mma__subcmd__schema_commands() {
    local commands; commands=()
    _describe -t commands 'mma schema commands' commands "$@"
}
(( $+functions[_mma__subcmd__status_commands] )) ||
_mma__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'mma status commands' commands "$@"
}
(( $+functions[_mma__subcmd__table_commands] )) ||
_mma__subcmd__table_commands() {
    local commands; commands=(
'check:Verify a decision table\: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics' \
'show:Print a decision table' \
'eval:Evaluate a table on one input with the reference interpreter, e.g. \`mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false\`' \
'codegen:Write the Rust code build.rs would generate for a table (for teams that compile their own)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'mma table commands' commands "$@"
}
(( $+functions[_mma__subcmd__table__subcmd__check_commands] )) ||
_mma__subcmd__table__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'mma table check commands' commands "$@"
}
(( $+functions[_mma__subcmd__table__subcmd__codegen_commands] )) ||
_mma__subcmd__table__subcmd__codegen_commands() {
    local commands; commands=()
    _describe -t commands 'mma table codegen commands' commands "$@"
}
(( $+functions[_mma__subcmd__table__subcmd__eval_commands] )) ||
_mma__subcmd__table__subcmd__eval_commands() {
    local commands; commands=()
    _describe -t commands 'mma table eval commands' commands "$@"
}
(( $+functions[_mma__subcmd__table__subcmd__help_commands] )) ||
_mma__subcmd__table__subcmd__help_commands() {
    local commands; commands=(
'check:Verify a decision table\: syntax, cells, gaps, overlaps, unreachable rules. Exit 0 when clean, 1 with diagnostics' \
'show:Print a decision table' \
'eval:Evaluate a table on one input with the reference interpreter, e.g. \`mma table eval source=exchange_2016 mailboxes=300 timeline=weeks manage_users_on_premises=false coexistence=false\`' \
'codegen:Write the Rust code build.rs would generate for a table (for teams that compile their own)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'mma table help commands' commands "$@"
}
(( $+functions[_mma__subcmd__table__subcmd__help__subcmd__check_commands] )) ||
_mma__subcmd__table__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'mma table help check commands' commands "$@"
}
(( $+functions[_mma__subcmd__table__subcmd__help__subcmd__codegen_commands] )) ||
_mma__subcmd__table__subcmd__help__subcmd__codegen_commands() {
    local commands; commands=()
    _describe -t commands 'mma table help codegen commands' commands "$@"
}
(( $+functions[_mma__subcmd__table__subcmd__help__subcmd__eval_commands] )) ||
_mma__subcmd__table__subcmd__help__subcmd__eval_commands() {
    local commands; commands=()
    _describe -t commands 'mma table help eval commands' commands "$@"
}
(( $+functions[_mma__subcmd__table__subcmd__help__subcmd__help_commands] )) ||
_mma__subcmd__table__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'mma table help help commands' commands "$@"
}
(( $+functions[_mma__subcmd__table__subcmd__help__subcmd__show_commands] )) ||
_mma__subcmd__table__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'mma table help show commands' commands "$@"
}
(( $+functions[_mma__subcmd__table__subcmd__show_commands] )) ||
_mma__subcmd__table__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'mma table show commands' commands "$@"
}
(( $+functions[_mma__subcmd__templates_commands] )) ||
_mma__subcmd__templates_commands() {
    local commands; commands=(
'export:Write the built-in templates into DIR, to start a custom set from' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'mma templates commands' commands "$@"
}
(( $+functions[_mma__subcmd__templates__subcmd__export_commands] )) ||
_mma__subcmd__templates__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'mma templates export commands' commands "$@"
}
(( $+functions[_mma__subcmd__templates__subcmd__help_commands] )) ||
_mma__subcmd__templates__subcmd__help_commands() {
    local commands; commands=(
'export:Write the built-in templates into DIR, to start a custom set from' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'mma templates help commands' commands "$@"
}
(( $+functions[_mma__subcmd__templates__subcmd__help__subcmd__export_commands] )) ||
_mma__subcmd__templates__subcmd__help__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'mma templates help export commands' commands "$@"
}
(( $+functions[_mma__subcmd__templates__subcmd__help__subcmd__help_commands] )) ||
_mma__subcmd__templates__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'mma templates help help commands' commands "$@"
}
(( $+functions[_mma__subcmd__validate_commands] )) ||
_mma__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'mma validate commands' commands "$@"
}

if [ "$funcstack[1]" = "_mma" ]; then
    _mma "$@"
else
    compdef _mma mma
fi
