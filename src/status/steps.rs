//! What to do about failed and stopped migration users: their errors grouped, each group with
//! the next step Microsoft documents and the exact Exchange Online PowerShell for those users.

use serde::Serialize;

use crate::text::ps;

/// `Get-MigrationUserStatistics`: `-IncludeReport` and `-IncludeSkippedItems` (its examples 1
/// and 3).
pub const STATISTICS_PAGE: &str =
    "https://learn.microsoft.com/powershell/module/exchangepowershell/get-migrationuserstatistics";
/// `Start-MigrationBatch`: "can be run at any time to retry failed users within the batch", and
/// resumes a stopped batch.
pub const START_BATCH_PAGE: &str =
    "https://learn.microsoft.com/powershell/module/exchangepowershell/start-migrationbatch";
/// `Start-MigrationUser`: starts the migration of a user in an existing batch.
pub const START_USER_PAGE: &str =
    "https://learn.microsoft.com/powershell/module/exchangepowershell/start-migrationuser";
/// `Set-MigrationUser -ApproveSkippedItems`; its `-BadItemLimit` and `-LargeItemLimit` are
/// deprecated in Exchange Online.
pub const SET_USER_PAGE: &str =
    "https://learn.microsoft.com/powershell/module/exchangepowershell/set-migrationuser";
/// The Data Consistency Score: approve skipped items at `Investigate`, call Microsoft Support at
/// `Poor`.
pub const DCS_PAGE: &str =
    "https://learn.microsoft.com/exchange/mailbox-migration/track-prevent-data-loss-dcs";
/// `Complete-MigrationBatch`: finalises a synced batch.
pub const COMPLETE_BATCH_PAGE: &str =
    "https://learn.microsoft.com/powershell/module/exchangepowershell/complete-migrationbatch";

/// The users a group writes commands for, one line each; the rest are in `--format json`.
pub const COMMAND_USERS: usize = 20;

/// What kind of trouble a group of users is in, which decides the documented next step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trouble {
    /// Skipped items (Data Consistency Score `Investigate`, or an error about bad, large or
    /// skipped items): review them, approve them, retry.
    SkippedItems,
    /// Data Consistency Score `Poor`: Microsoft Support.
    PoorConsistency,
    /// Any other failure: read the user's report, fix what it names, retry the batch.
    Failed,
    /// Stopped: start the users again.
    Stopped,
}

impl Trouble {
    /// Which trouble a failed user with `error` and Data Consistency Score `consistency` has.
    #[must_use]
    pub fn of_failure(error: &str, consistency: &str) -> Self {
        if consistency.eq_ignore_ascii_case("poor") {
            return Self::PoorConsistency;
        }
        let lower = error.to_ascii_lowercase();
        let skipped = ["skipped", "baditem", "largeitem", "dataconsistency"]
            .iter()
            .any(|k| lower.contains(k));
        if skipped || consistency.eq_ignore_ascii_case("investigate") {
            Self::SkippedItems
        } else {
            Self::Failed
        }
    }

    /// The next step, as Microsoft documents it.
    #[must_use]
    pub const fn next_step(self) -> &'static str {
        match self {
            Self::SkippedItems => {
                "Review the skipped items, then approve them: a migration whose Data Consistency Score is Investigate cannot complete until its skipped items are approved (BadItemLimit and LargeItemLimit are deprecated in Exchange Online). Then retry the failed users of the batch."
            }
            Self::PoorConsistency => {
                "Major data loss was detected (Data Consistency Score Poor): the migration cannot be forced to succeed; contact Microsoft Support. Review the skipped items to give them."
            }
            Self::Failed => {
                "Read each user's migration report for the cause and fix it, then retry: Start-MigrationBatch retries the failed users of a batch."
            }
            Self::Stopped => {
                "Start the users again: Start-MigrationUser starts a user in an existing batch (Start-MigrationBatch resumes a stopped batch)."
            }
        }
    }

    /// The pages the next step follows.
    #[must_use]
    pub const fn pages(self) -> &'static [&'static str] {
        match self {
            Self::SkippedItems => &[DCS_PAGE, SET_USER_PAGE, START_BATCH_PAGE],
            Self::PoorConsistency => &[DCS_PAGE, STATISTICS_PAGE],
            Self::Failed => &[STATISTICS_PAGE, START_BATCH_PAGE],
            Self::Stopped => &[START_USER_PAGE, START_BATCH_PAGE],
        }
    }

    /// The commands for `users` (the first [`COMMAND_USERS`] of them) in `batches`, to run in
    /// Exchange Online PowerShell, the first line saying so.
    #[must_use]
    pub fn commands(self, users: &[String], batches: &[String]) -> Vec<String> {
        let mut out = vec!["# shell: exchange-online".to_owned()];
        for u in users.iter().take(COMMAND_USERS) {
            let id = ps(u);
            match self {
                Self::SkippedItems | Self::PoorConsistency => {
                    out.push(format!(
                        "Get-MigrationUserStatistics -Identity {id} -IncludeSkippedItems | Select-Object -ExpandProperty SkippedItems | Format-List DateReceived, Subject"
                    ));
                    if self == Self::SkippedItems {
                        out.push(format!("Set-MigrationUser -Identity {id} -ApproveSkippedItems"));
                    }
                }
                Self::Failed => out.push(format!(
                    "Get-MigrationUserStatistics -Identity {id} -IncludeReport | Format-List Status, Error, Report"
                )),
                Self::Stopped => out.push(format!("Start-MigrationUser -Identity {id}")),
            }
        }
        if users.len() > COMMAND_USERS {
            out.push(format!(
                "# … and {} more users: `mma status --format json` lists every one",
                users.len() - COMMAND_USERS
            ));
        }
        if matches!(self, Self::SkippedItems | Self::Failed) {
            for b in batches {
                out.push(format!("Start-MigrationBatch -Identity {}", ps(b)));
            }
        }
        out
    }
}

/// The command that completes a synced batch.
#[must_use]
pub fn complete_batch(name: &str) -> String {
    format!("Complete-MigrationBatch -Identity {}", ps(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_told_apart_by_error_and_score() {
        assert_eq!(Trouble::of_failure("", "Poor"), Trouble::PoorConsistency);
        assert_eq!(
            Trouble::of_failure("", "Investigate"),
            Trouble::SkippedItems
        );
        assert_eq!(
            Trouble::of_failure("TooManyBadItemsPermanentException", ""),
            Trouble::SkippedItems
        );
        assert_eq!(
            Trouble::of_failure("MigrationPermanentException: x", "Perfect"),
            Trouble::Failed
        );
    }

    #[test]
    fn commands_quote_every_value_and_say_where_they_run() {
        let users = vec!["o'brien@contoso.com".to_owned()];
        let c = Trouble::Failed.commands(&users, &["02-x".to_owned()]);
        assert_eq!(
            c,
            [
                "# shell: exchange-online",
                "Get-MigrationUserStatistics -Identity 'o''brien@contoso.com' -IncludeReport | Format-List Status, Error, Report",
                "Start-MigrationBatch -Identity '02-x'",
            ]
        );
    }
}
