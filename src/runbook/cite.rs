//! The public Microsoft pages runbook steps cite: one constant per page, title and address, so a
//! step names where its facts come from in a form every reader can open.

use serde::Serialize;

/// A public page a step's facts come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Cite {
    /// The page's title.
    pub title: &'static str,
    /// Its address.
    pub url: &'static str,
}

const fn page(title: &'static str, url: &'static str) -> Cite {
    Cite { title, url }
}

/// Cutover migration, the admin-center procedure.
pub const CUTOVER: Cite = page(
    "Perform a cutover migration to Microsoft 365",
    "https://learn.microsoft.com/exchange/mailbox-migration/cutover-migration-to-office-365",
);
/// Cutover migration with PowerShell (one cutover batch at a time).
pub const CUTOVER_PS: Cite = page(
    "Use PowerShell to perform a cutover migration to Microsoft 365",
    "https://learn.microsoft.com/microsoft-365/enterprise/use-powershell-to-perform-a-cutover-migration-to-microsoft-365",
);
/// Staged migration, the procedure.
pub const STAGED: Cite = page(
    "Perform a staged migration of Exchange Server to Microsoft 365",
    "https://learn.microsoft.com/exchange/mailbox-migration/perform-a-staged-migration/perform-a-staged-migration",
);
/// What to know about a staged migration.
pub const STAGED_KNOW: Cite = page(
    "What you need to know about a staged email migration to Microsoft 365",
    "https://learn.microsoft.com/exchange/mailbox-migration/what-to-know-about-a-staged-migration",
);
/// Converting Exchange 2007 mailboxes to mail-enabled users after a staged batch.
pub const CONVERT_2007: Cite = page(
    "Convert Exchange 2007 mailboxes to mail-enabled users",
    "https://learn.microsoft.com/exchange/mailbox-migration/perform-a-staged-migration/convert-exchange-2007-mailboxes",
);
/// Converting Exchange 2003 mailboxes to mail-enabled users after a staged batch.
pub const CONVERT_2003: Cite = page(
    "Convert Exchange 2003 mailboxes to mail-enabled users",
    "https://learn.microsoft.com/exchange/mailbox-migration/perform-a-staged-migration/convert-exchange-2003-mailboxes",
);
/// Permissions the migration administrator needs.
pub const MIGRATION_PERMISSIONS: Cite = page(
    "Assign Exchange permissions to migrate mailboxes to Microsoft 365",
    "https://learn.microsoft.com/exchange/mailbox-migration/assign-permissions-for-migration",
);
/// Hybrid prerequisites.
pub const HYBRID_PREREQUISITES: Cite = page(
    "Hybrid deployment prerequisites",
    "https://learn.microsoft.com/exchange/hybrid-deployment-prerequisites",
);
/// Moving mailboxes in a hybrid deployment.
pub const HYBRID_MOVES: Cite = page(
    "Move mailboxes between on-premises and Exchange Online organizations in hybrid deployments",
    "https://learn.microsoft.com/exchange/hybrid-deployment/move-mailboxes",
);
/// Which mailbox permissions work across premises.
pub const HYBRID_PERMISSIONS: Cite = page(
    "Permissions in Exchange hybrid deployments",
    "https://learn.microsoft.com/exchange/permissions",
);
/// Setting up delegated permissions across premises.
pub const HYBRID_DELEGATION: Cite = page(
    "Configure Exchange to support delegated mailbox permissions in a hybrid deployment",
    "https://learn.microsoft.com/exchange/hybrid-deployment/set-up-delegated-mailbox-permissions",
);
/// The Hybrid Configuration Wizard's options.
pub const HCW_OPTIONS: Cite = page(
    "Hybrid Configuration Wizard options",
    "https://learn.microsoft.com/exchange/hybrid-configuration-wizard-options",
);
/// The dedicated Exchange hybrid application.
pub const DEDICATED_HYBRID_APP: Cite = page(
    "Deploy dedicated Exchange hybrid app",
    "https://learn.microsoft.com/exchange/hybrid-deployment/deploy-dedicated-hybrid-app",
);
/// Decommissioning on-premises Exchange.
pub const DECOMMISSION: Cite = page(
    "Decommission on-premises Exchange servers in a hybrid deployment",
    "https://learn.microsoft.com/exchange/decommission-on-premises-exchange",
);
/// Minimal and express hybrid.
pub const MINIMAL_HYBRID: Cite = page(
    "Use minimal hybrid to quickly migrate on-premises Exchange mailboxes",
    "https://learn.microsoft.com/exchange/mailbox-migration/use-minimal-hybrid-to-quickly-migrate",
);
/// IMAP migration, the procedure.
pub const IMAP: Cite = page(
    "Migrate your IMAP mailboxes to Microsoft 365",
    "https://learn.microsoft.com/exchange/mailbox-migration/migrating-imap-mailboxes/migrating-imap-mailboxes",
);
/// IMAP batch CSV files.
pub const IMAP_CSV: Cite = page(
    "CSV files for IMAP migration batches",
    "https://learn.microsoft.com/exchange/mailbox-migration/migrating-imap-mailboxes/csv-files-for-imap-migrations",
);
/// IMAP migration with PowerShell.
pub const IMAP_PS: Cite = page(
    "Use PowerShell to perform an IMAP migration to Microsoft 365",
    "https://learn.microsoft.com/microsoft-365/enterprise/use-powershell-to-perform-an-imap-migration-to-microsoft-365",
);
/// Tuning IMAP migrations (connection limits).
pub const IMAP_TUNING: Cite = page(
    "Tips for optimizing IMAP migrations",
    "https://learn.microsoft.com/exchange/mailbox-migration/migrating-imap-mailboxes/optimizing-imap-migrations",
);
/// Google Workspace migration, the overview.
pub const GOOGLE: Cite = page(
    "Perform a Google Workspace migration to Microsoft 365",
    "https://learn.microsoft.com/exchange/mailbox-migration/perform-g-suite-migration",
);
/// Google Workspace migration with PowerShell.
pub const GOOGLE_PS: Cite = page(
    "Perform Google Workspace migration to Microsoft 365 using Exchange Online PowerShell",
    "https://learn.microsoft.com/exchange/mailbox-migration/perform-gspace-migration-powershell",
);
/// Cross-tenant mailbox migration.
pub const CROSS_TENANT: Cite = page(
    "Cross-tenant mailbox migration",
    "https://learn.microsoft.com/microsoft-365/enterprise/cross-tenant-mailbox-migration",
);
/// Migration best practices: throughput, EWS throttling for third-party tools.
pub const BEST_PRACTICES: Cite = page(
    "Microsoft 365 and Office 365 migration performance and best practices",
    "https://learn.microsoft.com/exchange/mailbox-migration/office-365-migration-best-practices",
);
/// Managing migration batches (retention, completion, removal).
pub const MANAGE_BATCHES: Cite = page(
    "Manage migration batches in Exchange Online",
    "https://learn.microsoft.com/exchange/mailbox-migration/manage-migration-batches",
);
/// CSV files for migration batches.
pub const CSV_FILES: Cite = page(
    "CSV files for mailbox migration",
    "https://learn.microsoft.com/exchange/mailbox-migration/csv-files-for-migration",
);
/// `Get-EXOMailbox` property sets.
pub const PROPERTY_SETS: Cite = page(
    "Property sets in Exchange Online PowerShell module cmdlets",
    "https://learn.microsoft.com/powershell/exchange/cmdlet-property-sets",
);
/// Adding a domain to Microsoft 365.
pub const ADD_DOMAIN: Cite = page(
    "Add a domain to Microsoft 365",
    "https://learn.microsoft.com/microsoft-365/admin/setup/add-domain",
);
/// Connecting to Exchange Online PowerShell.
pub const CONNECT_EXO: Cite = page(
    "Connect to Exchange Online PowerShell",
    "https://learn.microsoft.com/powershell/exchange/connect-to-exchange-online-powershell",
);
/// `New-MigrationBatch`.
pub const NEW_MIGRATION_BATCH: Cite = page(
    "New-MigrationBatch",
    "https://learn.microsoft.com/powershell/module/exchangepowershell/new-migrationbatch",
);
/// `Set-MigrationBatch`.
pub const SET_MIGRATION_BATCH: Cite = page(
    "Set-MigrationBatch",
    "https://learn.microsoft.com/powershell/module/exchangepowershell/set-migrationbatch",
);
/// `Test-MigrationServerAvailability`.
pub const TEST_MIGRATION_SERVER: Cite = page(
    "Test-MigrationServerAvailability",
    "https://learn.microsoft.com/powershell/module/exchangepowershell/test-migrationserveravailability",
);
/// `Set-ClientAccessService` (Exchange 2016 and later).
pub const SET_CLIENT_ACCESS_SERVICE: Cite = page(
    "Set-ClientAccessService",
    "https://learn.microsoft.com/powershell/module/exchangepowershell/set-clientaccessservice",
);
/// `Set-ClientAccessServer` (Exchange 2010 and 2013).
pub const SET_CLIENT_ACCESS_SERVER: Cite = page(
    "Set-ClientAccessServer",
    "https://learn.microsoft.com/powershell/module/exchangepowershell/set-clientaccessserver",
);
/// Microsoft's statement that Exchange 2003 to Office 365 migration is not supported.
pub const KB_2389390: Cite = page(
    "Microsoft KB 2389390: migrating from Exchange 2003 to Office 365 is not supported",
    "https://support.microsoft.com/kb/2389390",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cited_page_is_public_and_microsofts() {
        for c in [
            CUTOVER,
            CUTOVER_PS,
            STAGED,
            STAGED_KNOW,
            HYBRID_PERMISSIONS,
            IMAP_CSV,
            GOOGLE_PS,
            CROSS_TENANT,
            KB_2389390,
        ] {
            assert!(
                c.url.starts_with("https://learn.microsoft.com/")
                    || c.url.starts_with("https://support.microsoft.com/"),
                "{}",
                c.url
            );
            assert!(!c.title.is_empty());
        }
    }
}
