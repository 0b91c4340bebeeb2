//! What each migration path allows and does, in one place: mailboxes per batch (the default
//! and Microsoft's hard limit), the IMAP CSV's byte limit, the columns of a path's batch CSV,
//! and whether its moves are remote (carrying permissions across premises). Validation
//! (`answers::check`), the planner and the runbooks read these, never their own copies.

use crate::decision::MigrationPath;

/// The facts of one migration path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Mailboxes per batch when the answers do not say (`schedule.max_batch_mailboxes`).
    pub default_batch_mailboxes: usize,
    /// Most mailboxes (CSV rows) one batch takes.
    pub max_batch_mailboxes: usize,
    /// Most bytes of one batch CSV, when Microsoft limits it.
    pub max_csv_bytes: Option<u64>,
    /// Every mailbox moves in one batch (a cutover); the pilot list and data volumes do not
    /// split it.
    pub single_batch: bool,
    /// The columns of the path's batch CSV, none when the path has no CSV. Remote moves add
    /// `MailboxType` when a batch holds an archive.
    pub csv_columns: &'static [&'static str],
    /// Remote moves (hybrid, cross-tenant): mailbox permissions move with the mailbox, batches
    /// are pre-staged and completed at a set time.
    pub remote_move: bool,
    /// On-premises and cloud mailboxes coexist in one organisation (hybrid), so a right split
    /// across batches may work across premises.
    pub cross_premises: bool,
}

/// A cutover's one batch: at most 2,000 mailboxes.
const CUTOVER_MAILBOXES: usize = 2000;

/// Most rows of a staged batch CSV.
const STAGED_ROWS: usize = 2000;

/// Most rows of a CSV for the paths that state no lower limit (IMAP, remote moves, Google).
const CSV_ROWS: usize = 50_000;

/// Most bytes of one IMAP CSV (10 MB).
const IMAP_CSV_BYTES: u64 = 10_000_000;

/// Most migration batches a tenant holds at once.
pub const MAX_BATCHES_PER_TENANT: usize = 100;

impl MigrationPath {
    /// Whether this is one of the hybrid paths.
    #[must_use]
    pub const fn is_hybrid(self) -> bool {
        matches!(
            self,
            Self::FullHybrid | Self::MinimalHybrid | Self::ExpressHybrid
        )
    }

    /// The path's facts.
    #[must_use]
    pub const fn limits(self) -> Limits {
        let remote = matches!(
            self,
            Self::FullHybrid | Self::MinimalHybrid | Self::ExpressHybrid | Self::CrossTenant
        );
        let base = Limits {
            // No documented row limit; Microsoft's 100-batch guidance uses 1,000 users per batch.
            default_batch_mailboxes: 1000,
            max_batch_mailboxes: CSV_ROWS,
            max_csv_bytes: None,
            single_batch: false,
            csv_columns: &["EmailAddress"],
            remote_move: remote,
            cross_premises: self.is_hybrid(),
        };
        match self {
            Self::Cutover => Limits {
                default_batch_mailboxes: CUTOVER_MAILBOXES,
                max_batch_mailboxes: CUTOVER_MAILBOXES,
                single_batch: true,
                csv_columns: &[],
                ..base
            },
            Self::Staged => Limits {
                default_batch_mailboxes: STAGED_ROWS,
                max_batch_mailboxes: STAGED_ROWS,
                csv_columns: &["EmailAddress", "Password", "ForceChangePassword"],
                ..base
            },
            // Microsoft advises splitting large IMAP migrations (10,000 accounts as 4 × 2,500).
            Self::Imap => Limits {
                default_batch_mailboxes: 2500,
                max_csv_bytes: Some(IMAP_CSV_BYTES),
                csv_columns: &["EmailAddress", "UserName", "Password"],
                ..base
            },
            Self::ThirdParty => Limits {
                csv_columns: &[],
                ..base
            },
            _ => base,
        }
    }
}

/// `n` with thousands separated by commas, as the documents write counts: `2,000`, `50,000`.
#[must_use]
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes in decimal megabytes, as Microsoft states the IMAP limit: `10 MB`.
#[must_use]
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_path() {
        assert_eq!(MigrationPath::Cutover.limits().max_batch_mailboxes, 2000);
        assert!(MigrationPath::Cutover.limits().single_batch);
        assert!(MigrationPath::Cutover.limits().csv_columns.is_empty());
        assert_eq!(MigrationPath::Staged.limits().default_batch_mailboxes, 2000);
        assert_eq!(MigrationPath::Imap.limits().default_batch_mailboxes, 2500);
        assert_eq!(MigrationPath::Imap.limits().max_csv_bytes, Some(10_000_000));
        assert_eq!(MigrationPath::Imap.limits().csv_columns[1], "UserName");
        assert_eq!(
            MigrationPath::FullHybrid.limits().default_batch_mailboxes,
            1000
        );
        assert!(MigrationPath::CrossTenant.limits().remote_move);
        assert!(!MigrationPath::CrossTenant.limits().cross_premises);
        assert!(MigrationPath::ExpressHybrid.limits().cross_premises);
        assert!(!MigrationPath::GoogleWorkspace.limits().remote_move);
        assert!(MigrationPath::ThirdParty.limits().csv_columns.is_empty());
        for path in [
            MigrationPath::Cutover,
            MigrationPath::Staged,
            MigrationPath::Imap,
            MigrationPath::FullHybrid,
            MigrationPath::GoogleWorkspace,
            MigrationPath::ThirdParty,
        ] {
            let l = path.limits();
            assert!(
                l.default_batch_mailboxes <= l.max_batch_mailboxes,
                "{path:?}"
            );
        }
    }

    #[test]
    fn numbers_as_documents_write_them() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(150), "150");
        assert_eq!(thousands(2000), "2,000");
        assert_eq!(thousands(50_000), "50,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(megabytes(10_000_000), "10 MB");
    }
}
