//! Reading what Exchange Online PowerShell exports about a running migration: `Get-MigrationUser
//! | Export-Csv`, `Get-MigrationBatch | Export-Csv` and `Get-MigrationUserStatistics |
//! Export-Csv`, in any column order and case, with extra columns, a `#TYPE` line, a byte-order
//! mark and quotes (the CSV layer is the planner's [`crate::plan::input::Table`]). The status
//! values are the ones Microsoft lists; every problem names the file, the line and the column.

use crate::plan::cells::shown;
use crate::plan::input::{InputError, Record, Table, is_address, read_table, trim};

/// Where the user status values come from: the `-Status` parameter of `Get-MigrationUser`.
pub const USER_STATUS_PAGE: &str =
    "https://learn.microsoft.com/powershell/module/exchangepowershell/get-migrationuser";
/// Where the batch status values come from: the `-Status` parameter of `Get-MigrationBatch`.
pub const BATCH_STATUS_PAGE: &str =
    "https://learn.microsoft.com/powershell/module/exchangepowershell/get-migrationbatch";
/// What the statuses mean: Microsoft's migration users status report.
pub const USER_STATUS_REPORT_PAGE: &str =
    "https://learn.microsoft.com/exchange/mailbox-migration/migration-users-status-report";
/// What the batch statuses mean and allow: Microsoft's page on managing migration batches.
pub const MANAGE_BATCHES_PAGE: &str =
    "https://learn.microsoft.com/exchange/mailbox-migration/manage-migration-batches";

/// Where a migration user stands, summed up in the five counts the report shows (and a sixth,
/// stopped, which needs a restart).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The migration is complete.
    Completed,
    /// Initial synchronisation done; incremental sync runs until completion.
    Synced,
    /// In progress: queued, provisioning, validating, syncing, completing, stopping, removing.
    Syncing,
    /// Failed: provisioning, initial or incremental synchronisation, or completion.
    Failed,
    /// Stopped by an administrator or by the service.
    Stopped,
}

impl Category {
    /// The name in reports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::Synced => "synced",
            Self::Syncing => "syncing",
            Self::Failed => "failed",
            Self::Stopped => "stopped",
        }
    }
}

/// Declares a status enum from Microsoft's list: each value's name as PowerShell writes it and
/// its category.
macro_rules! statuses {
    ($(#[doc = $doc:literal])+ $name:ident { $($variant:ident => $category:ident,)+ }) => {
        $(#[doc = $doc])+
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = concat!("`", stringify!($variant), "`.")] $variant,)+
        }

        impl $name {
            /// Every value, in the order Microsoft's page lists them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The value as PowerShell writes it.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => stringify!($variant)),+
                }
            }

            /// Where it counts in the report.
            #[must_use]
            pub const fn category(self) -> Category {
                match self {
                    $(Self::$variant => Category::$category),+
                }
            }

            /// The value `text` names, ignoring case and spaces (the admin center writes
            /// `Synced with errors`, PowerShell `SyncedWithErrors`).
            #[must_use]
            pub fn parse(text: &str) -> Option<Self> {
                let key: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                Self::ALL.iter().copied().find(|s| s.name().eq_ignore_ascii_case(&key))
            }

            /// Every value's name, for messages.
            #[must_use]
            pub fn known() -> String {
                Self::ALL.iter().map(|s| format!("`{}`", s.name())).collect::<Vec<_>>().join(", ")
            }
        }
    };
}

statuses! {
    /// A migration user's status: the values of `Get-MigrationUser -Status`
    /// (<https://learn.microsoft.com/powershell/module/exchangepowershell/get-migrationuser>),
    /// described on the migration users status report
    /// (<https://learn.microsoft.com/exchange/mailbox-migration/migration-users-status-report>).
    UserStatus {
        Completed => Completed,
        CompletedWithWarnings => Completed,
        Completing => Syncing,
        CompletionFailed => Failed,
        CompletionSynced => Synced,
        Corrupted => Failed,
        Failed => Failed,
        IncrementalFailed => Failed,
        IncrementalStopped => Stopped,
        IncrementalSynced => Synced,
        IncrementalSyncing => Syncing,
        Provisioning => Syncing,
        ProvisionUpdating => Syncing,
        Queued => Syncing,
        Removing => Syncing,
        Starting => Syncing,
        Stopped => Stopped,
        Stopping => Syncing,
        Synced => Synced,
        Syncing => Syncing,
        Validating => Syncing,
    }
}

statuses! {
    /// A migration batch's status: the values of `Get-MigrationBatch -Status`
    /// (<https://learn.microsoft.com/powershell/module/exchangepowershell/get-migrationbatch>),
    /// described on <https://learn.microsoft.com/exchange/mailbox-migration/manage-migration-batches>.
    BatchStatus {
        Completed => Completed,
        CompletedWithErrors => Failed,
        Completing => Syncing,
        Corrupted => Failed,
        Created => Stopped,
        Failed => Failed,
        IncrementalSyncing => Syncing,
        Removing => Syncing,
        Starting => Syncing,
        Stopped => Stopped,
        Syncing => Syncing,
        Stopping => Syncing,
        Synced => Synced,
        SyncedWithErrors => Failed,
        Waiting => Syncing,
    }
}

/// The most characters of an error text kept (longer ones are cut, ending in `…`).
pub const ERROR_MAX: usize = 1000;

/// `text` cut to at most `max` characters, ending in `…` when cut.
#[must_use]
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The most characters of a cell a message quotes.
const QUOTE_MAX: usize = 120;

/// `text` for a message: control characters escaped, at most [`QUOTE_MAX`] characters.
#[must_use]
pub fn quoted(text: &str) -> String {
    let mut out: String = text.chars().take(QUOTE_MAX).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    shown(&out)
}

/// One row of a `Get-MigrationUser` (or statistics) export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    /// The line it starts on.
    pub line: u64,
    /// The user's address (`Identity`), as exported.
    pub address: String,
    /// The batch (`BatchId`), empty when the export has none.
    pub batch: String,
    /// Its status, `None` when the value is not one Microsoft lists (a warning names it).
    pub status: Option<UserStatus>,
    /// The status as exported.
    pub status_text: String,
    /// `ErrorSummary` (or `Error`), trimmed.
    pub error: String,
    /// `DataConsistencyScore`, trimmed (`Perfect`, `Good`, `Investigate`, `Poor`), when exported.
    pub consistency: String,
    /// `LastSuccessfulSyncTime`, as exported.
    pub last_sync: String,
}

/// A read export: its rows and the warnings about them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Users {
    /// The rows, in file order.
    pub rows: Vec<UserRow>,
    /// Unknown status values, located.
    pub warnings: Vec<InputError>,
}

/// One row of a `Get-MigrationBatch` export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchRow {
    /// The line it starts on.
    pub line: u64,
    /// The batch name (`Identity`).
    pub name: String,
    /// Its status, `None` when not one Microsoft lists.
    pub status: Option<BatchStatus>,
    /// The status as exported.
    pub status_text: String,
}

/// A read batch export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Batches {
    /// The rows, in file order.
    pub rows: Vec<BatchRow>,
    /// Unknown status values, located.
    pub warnings: Vec<InputError>,
}

/// The columns that hold a user's address, in the order they are looked for.
const ADDRESS: &[&str] = &[
    "identity",
    "emailaddress",
    "mailboxemailaddress",
    "identifier",
];
/// The columns that hold a user's error, in the order they are looked for (`Error` is the
/// statistics' full text, `ErrorSummary` the user's summary).
const ERROR: &[&str] = &["error", "errorsummary"];

/// A required column, or an error naming what the header has.
fn required(table: &Table, names: &[&str], what: &str) -> Result<usize, InputError> {
    table.column(names).ok_or_else(|| InputError {
        file: table.file.clone(),
        line: 1,
        column: None,
        message: format!(
            "no {what} column; expected one of {}, found {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", "),
            table
                .headers
                .iter()
                .map(|h| format!("`{}`", quoted(h)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

/// The trimmed cell `column` of `record`, empty when the column is absent.
fn cell<'r>(record: &'r Record<'_>, column: Option<usize>) -> &'r str {
    trim(column.and_then(|c| record.get(c)).unwrap_or(""))
}

/// Reads a `Get-MigrationUser | Export-Csv` or `Get-MigrationUserStatistics | Export-Csv` file:
/// an address column (`Identity`, `EmailAddress`, `MailboxEmailAddress` or `Identifier`) and
/// `Status` are required; `BatchId`, `ErrorSummary` or `Error`, `DataConsistencyScore` and
/// `LastSuccessfulSyncTime` are read when present; other columns are ignored.
///
/// # Errors
/// A missing column, malformed CSV, an empty or malformed address, an empty status: every one,
/// located. A status Microsoft does not list is a warning, not an error.
pub fn users(file: &str, text: &str) -> Result<Users, Vec<InputError>> {
    read_table(file, text, |table, rows| {
        let address = required(table, ADDRESS, "address").map_err(|e| vec![e])?;
        let status = required(table, &["status"], "status").map_err(|e| vec![e])?;
        let batch = table.column(&["batchid"]);
        let error = table.column(ERROR);
        let consistency = table.column(&["dataconsistencyscore"]);
        let last_sync = table.column(&["lastsuccessfulsynctime"]);
        let mut out = Users::default();
        let mut errors = Vec::new();
        let read = rows.each(table, |line, record| {
            let a = cell(record, Some(address));
            if !is_address(a) {
                errors.push(table.cell_error(
                    line,
                    address,
                    format!(
                        "`{}` is not an email address; expected the user's address, as `Get-MigrationUser` exports it",
                        quoted(a)
                    ),
                ));
                return;
            }
            let b = cell(record, batch);
            if b.chars().any(char::is_control) {
                if let Some(column) = batch {
                    errors.push(table.cell_error(
                        line,
                        column,
                        format!("`{}` holds a control character; expected a batch name", quoted(b)),
                    ));
                }
                return;
            }
            let s = cell(record, Some(status));
            let statuses: Statuses<UserStatus> = (UserStatus::parse, UserStatus::known, "status");
            let found = (&mut errors, &mut out.warnings);
            let Some(parsed) =
                status_cell((table, line, status), (s, statuses, USER_STATUS_PAGE), found)
            else {
                return;
            };
            out.rows.push(UserRow {
                line,
                address: a.to_owned(),
                batch: b.to_owned(),
                status: parsed,
                status_text: s.to_owned(),
                error: cut(cell(record, error), ERROR_MAX),
                consistency: cell(record, consistency).to_owned(),
                last_sync: cell(record, last_sync).to_owned(),
            });
        });
        collected(out, errors, read)
    })
}

/// `out`, read with the errors of its rows, `errors`, and of its records, `read`: every one of
/// them, the rows' first.
fn collected<T>(
    out: T,
    mut errors: Vec<InputError>,
    read: Result<(), Vec<InputError>>,
) -> Result<T, Vec<InputError>> {
    if let Err(mut e) = read {
        errors.append(&mut e);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// How a kind of status is read: its parser, the statuses Microsoft lists, and its name.
type Statuses<S> = (fn(&str) -> Option<S>, fn() -> String, &'static str);

/// The status `text` in `column` of `line`: none, with an error in `errors`, when empty (the row
/// is not read); `Some(None)`, with a warning in `warnings`, when Microsoft lists no such status
/// (see `page`).
fn status_cell<S>(
    (table, line, column): (&Table, u64, usize),
    (text, (parse, known, what), page): (&str, Statuses<S>, &str),
    (errors, warnings): (&mut Vec<InputError>, &mut Vec<InputError>),
) -> Option<Option<S>> {
    if text.is_empty() {
        let message = format!("empty; expected one of {}", known());
        errors.push(table.cell_error(line, column, message));
        return None;
    }
    let parsed = parse(text);
    if parsed.is_none() {
        warnings.push(table.cell_error(
            line,
            column,
            format!(
                "unknown {what} `{}`, counted as needing attention; Microsoft lists {} ({page})",
                quoted(text),
                known()
            ),
        ));
    }
    Some(parsed)
}

/// Reads a `Get-MigrationBatch | Export-Csv` file: `Identity` (the batch name) and `Status`.
///
/// # Errors
/// A missing column, malformed CSV, an empty name or status, located.
pub fn batches(file: &str, text: &str) -> Result<Batches, Vec<InputError>> {
    read_table(file, text, |table, rows| {
        let name =
            required(table, &["identity", "batchid", "name"], "batch name").map_err(|e| vec![e])?;
        let status = required(table, &["status"], "status").map_err(|e| vec![e])?;
        let mut out = Batches::default();
        let mut errors = Vec::new();
        let read = rows.each(table, |line, record| {
            let n = cell(record, Some(name));
            let s = cell(record, Some(status));
            if n.is_empty() || n.chars().any(char::is_control) {
                errors.push(table.cell_error(
                    line,
                    name,
                    format!("`{}` is not a batch name", quoted(n)),
                ));
                return;
            }
            let statuses: Statuses<BatchStatus> =
                (BatchStatus::parse, BatchStatus::known, "batch status");
            let found = (&mut errors, &mut out.warnings);
            let Some(parsed) = status_cell(
                (table, line, status),
                (s, statuses, BATCH_STATUS_PAGE),
                found,
            ) else {
                return;
            };
            out.rows.push(BatchRow {
                line,
                name: n.to_owned(),
                status: parsed,
                status_text: s.to_owned(),
            });
        });
        collected(out, errors, read)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_ignoring_case_and_spaces() {
        assert_eq!(
            UserStatus::parse("incrementalfailed"),
            Some(UserStatus::IncrementalFailed)
        );
        assert_eq!(
            UserStatus::parse("Provision Updating"),
            Some(UserStatus::ProvisionUpdating)
        );
        assert_eq!(
            BatchStatus::parse("Synced with errors"),
            Some(BatchStatus::SyncedWithErrors)
        );
        assert_eq!(UserStatus::parse("Done"), None);
        assert_eq!(UserStatus::ALL.len(), 21);
        assert_eq!(BatchStatus::ALL.len(), 15);
    }

    #[test]
    fn an_export_reads_in_any_column_order_and_case() {
        let text = "\u{feff}#TYPE Microsoft.Exchange.Data.Storage.Management.MigrationUser\n\
                    \"STATUS\",\"Extra\",\"BatchId\",\"Identity\",\"ErrorSummary\"\n\
                    \"Failed\",\"x\",\"01-pilot\",\"a@contoso.com\",\"Error, with a comma\"\n";
        let users = users("u.csv", text).expect("reads");
        assert_eq!(users.rows.len(), 1);
        let r = &users.rows[0];
        assert_eq!(
            (r.address.as_str(), r.batch.as_str(), r.status),
            ("a@contoso.com", "01-pilot", Some(UserStatus::Failed))
        );
        assert_eq!(r.error, "Error, with a comma");
        assert_eq!(r.line, 3);
    }

    #[test]
    fn problems_are_located() {
        let err = users("u.csv", "Name,Status\nx,Synced\n").expect_err("no address");
        assert_eq!(
            err[0].to_string(),
            "u.csv:1: error: no address column; expected one of `identity`, `emailaddress`, `mailboxemailaddress`, `identifier`, found `Name`, `Status`"
        );
        let err = users("u.csv", "Identity,Status\nnobody,Synced\na@b.c,\n").expect_err("bad");
        assert_eq!(err.len(), 2);
        assert!(
            err[0]
                .to_string()
                .starts_with("u.csv:2: error: column `Identity`: `nobody` is not an email address")
        );
        assert!(
            err[1]
                .to_string()
                .starts_with("u.csv:3: error: column `Status`: empty; expected one of `Completed`")
        );
        let ok = users("u.csv", "Identity,Status\na@b.c,Finished\n").expect("a warning");
        assert!(
            ok.warnings[0]
                .to_string()
                .contains("unknown status `Finished`, counted as needing attention; Microsoft lists `Completed`, `CompletedWithWarnings`")
        );
        let err = batches(
            "b.csv",
            "Identity,Status
01-pilot,
",
        )
        .expect_err("empty status");
        assert!(
            err[0]
                .to_string()
                .starts_with("b.csv:2: error: column `Status`: empty; expected one of `Completed`"),
            "{}",
            err[0]
        );
        let ok = batches(
            "b.csv",
            "Identity,Status
01-pilot,Finished
",
        )
        .expect("a warning");
        assert!(ok.rows[0].status.is_none());
        // Warnings are `InputError`s too; the command layer prints them as warnings.
        assert!(
            ok.warnings[0].to_string().starts_with(
                "b.csv:2: error: column `Status`: unknown batch status `Finished`, counted as needing attention; Microsoft lists `Completed`, `CompletedWithErrors`"
            ),
            "{}",
            ok.warnings[0]
        );
    }
}
