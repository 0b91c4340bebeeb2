//! Permission exports, each file's kind told by its header: `Get-MailboxPermission`,
//! `Get-ADPermission` (Send-As), `Get-RecipientPermission`, `Get-MailboxFolderPermission`,
//! `GrantSendOnBehalfTo` lists, and our simple `Mailbox,Delegate,Right`. Rows that grant nothing
//! across mailboxes (inherited, denied, `NT AUTHORITY\SELF`, `Default`, `Anonymous`, SIDs, no
//! rights) are dropped here; the identities of the rest are resolved later.

use std::fmt;

use super::input::{InputError, Table};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// A right that breaks when the two mailboxes sit on different platforms.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum Right {
    /// Full Access to the whole mailbox.
    FullAccess,
    /// Send As the mailbox.
    SendAs,
    /// Send on Behalf of the mailbox.
    SendOnBehalf,
    /// A delegate on the calendar.
    Calendar,
    /// Rights on another folder.
    Folder,
}

impl Right {
    /// Every right.
    pub const ALL: [Self; 5] = [
        Self::FullAccess,
        Self::SendAs,
        Self::SendOnBehalf,
        Self::Calendar,
        Self::Folder,
    ];

    /// The name used on the command line and in reports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::FullAccess => "full-access",
            Self::SendAs => "send-as",
            Self::SendOnBehalf => "send-on-behalf",
            Self::Calendar => "calendar",
            Self::Folder => "folder",
        }
    }

    /// The right for a name (`full-access`, `FullAccess`, `Full Access`, …).
    #[must_use]
    pub fn from_name(text: &str) -> Option<Self> {
        let key: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        Some(match key.as_str() {
            "fullaccess" => Self::FullAccess,
            "sendas" => Self::SendAs,
            "sendonbehalf" | "sendonbehalfof" | "grantsendonbehalfto" => Self::SendOnBehalf,
            "calendar" | "calendardelegate" => Self::Calendar,
            "folder" => Self::Folder,
            _ => return None,
        })
    }
}

impl fmt::Display for Right {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The kind of a permission export, told by its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// `Get-MailboxPermission`: `Identity,User,AccessRights,IsInherited,Deny`.
    MailboxPermission,
    /// `Get-ADPermission`: `Identity,User,ExtendedRights` (Send-As).
    AdPermission,
    /// `Get-RecipientPermission`: `Identity,Trustee,AccessRights`.
    RecipientPermission,
    /// `Get-MailboxFolderPermission`: `Identity` like `alias:\Calendar`, `User`, `AccessRights`.
    FolderPermission,
    /// A mailbox column and `GrantSendOnBehalfTo` (`;`-separated).
    SendOnBehalf,
    /// `Mailbox,Delegate,Right`.
    Simple,
}

impl ExportKind {
    /// The kind as named in reports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::MailboxPermission => "Get-MailboxPermission",
            Self::AdPermission => "Get-ADPermission",
            Self::RecipientPermission => "Get-RecipientPermission",
            Self::FolderPermission => "Get-MailboxFolderPermission",
            Self::SendOnBehalf => "GrantSendOnBehalfTo",
            Self::Simple => "Mailbox,Delegate,Right",
        }
    }
}

/// A permission as exported, before its identities are resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The mailbox the right is on: an index into [`Export::names`].
    pub mailbox: u32,
    /// Who holds the right: an index into [`Export::names`].
    pub delegate: u32,
    /// The right.
    pub right: Right,
    /// Where it was read.
    pub line: u64,
}

/// A permission file read: its kind and the grants that link two accounts.
#[derive(Debug)]
pub struct Export {
    /// The file name.
    pub file: String,
    /// The kind told by the header.
    pub kind: ExportKind,
    /// The grants.
    pub grants: Vec<Grant>,
    /// The distinct names the grants use, as exported (a name is resolved once, not per row).
    pub names: Vec<String>,
    /// Rows that link nothing (inherited, denied, system accounts, no rights).
    pub ignored: usize,
}

/// Whether a trustee is a system principal or a SID, which links no mailbox.
#[must_use]
pub fn is_system(trustee: &str) -> bool {
    let t = trustee.trim();
    let starts = |prefix: &str| {
        t.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    t.is_empty()
        || starts("NT AUTHORITY\\")
        || starts("S-1-")
        || ["DEFAULT", "ANONYMOUS", "EVERYONE", "SELF"]
            .iter()
            .any(|name| t.eq_ignore_ascii_case(name))
}

fn truthy(text: &str) -> bool {
    let t = text.trim();
    t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("yes") || t == "1"
}

/// Whether a rights list (`FullAccess, ReadPermission`, `{Send-As}`) names `right`.
fn lists(rights: &str, right: &str) -> bool {
    rights
        .split([',', ';', ' ', '{', '}'])
        .any(|r| r.eq_ignore_ascii_case(right))
}

/// Folder rights that only show free/busy, which works across premises.
fn links_folder(rights: &str) -> bool {
    rights
        .split([',', ';', ' ', '{', '}'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .any(|r| {
            !matches!(
                r.to_ascii_lowercase().as_str(),
                "none" | "availabilityonly" | "limiteddetails"
            )
        })
}

impl Export {
    /// Reads a permission export, telling its kind from the header.
    ///
    /// # Errors
    /// An unrecognised header, or rows with a missing identity or an unknown right.
    pub fn parse(file: &str, text: &str) -> Result<Self, Vec<InputError>> {
        let table = Table::parse(file, text)?;
        let kind = if table.has("grantsendonbehalfto") {
            ExportKind::SendOnBehalf
        } else if table.has("delegate") && table.has("right") {
            ExportKind::Simple
        } else if table.has("extendedrights") {
            ExportKind::AdPermission
        } else if table.has("trustee") {
            ExportKind::RecipientPermission
        } else if table.has("identity") && table.has("user") && table.has("accessrights") {
            if table.has("foldername") || !table.has("isinherited") {
                ExportKind::FolderPermission
            } else {
                ExportKind::MailboxPermission
            }
        } else {
            return Err(vec![InputError {
                file: file.to_owned(),
                line: 1,
                column: None,
                message: format!(
                    "not a permission export mma knows (header: {}); expected Get-MailboxPermission \
                     (Identity,User,AccessRights,IsInherited,Deny), Get-ADPermission \
                     (Identity,User,ExtendedRights), Get-RecipientPermission (Identity,Trustee,AccessRights), \
                     Get-MailboxFolderPermission (Identity,User,AccessRights), a GrantSendOnBehalfTo list, \
                     or Mailbox,Delegate,Right",
                    table.headers.join(",")
                ),
            }]);
        };
        let column = |names: &[&str]| table.column(names);
        let identity = match kind {
            ExportKind::Simple => column(&["mailbox"]),
            ExportKind::SendOnBehalf => column(&[
                "primarysmtpaddress",
                "emailaddress",
                "identity",
                "mailbox",
                "name",
                "alias",
            ]),
            _ => column(&["identity"]),
        };
        let trustee = match kind {
            ExportKind::Simple => column(&["delegate"]),
            ExportKind::SendOnBehalf => column(&["grantsendonbehalfto"]),
            ExportKind::RecipientPermission => column(&["trustee"]),
            _ => column(&["user"]),
        };
        let (Some(identity), Some(trustee)) = (identity, trustee) else {
            return Err(vec![InputError {
                file: file.to_owned(),
                line: 1,
                column: None,
                message: format!("a {} export needs a mailbox column", kind.name()),
            }]);
        };
        let rights = column(&["accessrights", "extendedrights", "right"]);
        let inherited = column(&["isinherited"]);
        let deny = column(&["deny"]);
        let folder = column(&["foldername"]);
        let mut grants = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut intern = |name: &str| -> u32 {
            if let Some(&id) = ids.get(name) {
                return id;
            }
            let id = u32::try_from(names.len()).unwrap_or(u32::MAX);
            names.push(name.to_owned());
            ids.insert(name.to_owned(), id);
            id
        };
        let mut ignored = 0;
        let mut errors = Vec::new();
        let rows = table.rows(|line, record| {
            let line = &line;
            let cell = |c: Option<usize>| c.and_then(|i| record.get(i)).unwrap_or("").trim();
            let mailbox = cell(Some(identity)).trim();
            if mailbox.is_empty() {
                errors.push(table.cell_error(
                    *line,
                    identity,
                    "empty; expected the mailbox the right is on".to_owned(),
                ));
                return;
            }
            if truthy(cell(inherited)) || truthy(cell(deny)) {
                ignored += 1;
                return;
            }
            let rights_text = cell(rights);
            let right = match kind {
                ExportKind::MailboxPermission => {
                    lists(rights_text, "FullAccess").then_some(Right::FullAccess)
                }
                ExportKind::AdPermission => lists(rights_text, "Send-As").then_some(Right::SendAs),
                ExportKind::RecipientPermission => {
                    lists(rights_text, "SendAs").then_some(Right::SendAs)
                }
                ExportKind::FolderPermission => {
                    let name = if folder.is_some() {
                        cell(folder).to_owned()
                    } else {
                        mailbox
                            .split_once(":\\")
                            .map_or(String::new(), |(_, f)| f.to_owned())
                    };
                    let calendar = name
                        .trim_start_matches('\\')
                        .eq_ignore_ascii_case("calendar");
                    links_folder(rights_text).then_some(if calendar {
                        Right::Calendar
                    } else {
                        Right::Folder
                    })
                }
                ExportKind::SendOnBehalf => Some(Right::SendOnBehalf),
                ExportKind::Simple => match Right::from_name(rights_text) {
                    Some(r) => Some(r),
                    None => {
                        errors.push(table.cell_error(
                            *line,
                            rights.unwrap_or(0),
                            format!(
                                "unknown right `{rights_text}`; expected FullAccess, SendAs, SendOnBehalf, Calendar or Folder"
                            ),
                        ));
                        return;
                    }
                },
            };
            let Some(right) = right else {
                ignored += 1;
                return;
            };
            let mailbox = match kind {
                ExportKind::FolderPermission => {
                    mailbox.split_once(":\\").map_or(mailbox, |(m, _)| m)
                }
                _ => mailbox,
            };
            let mailbox = intern(mailbox);
            // A `GrantSendOnBehalfTo` cell lists several delegates; other cells name one.
            let separator = if kind == ExportKind::SendOnBehalf { ';' } else { '\0' };
            let delegates = cell(Some(trustee))
                .split(separator)
                .map(str::trim)
                .filter(|s| !s.is_empty());
            for delegate in delegates {
                if is_system(delegate) {
                    ignored += 1;
                    continue;
                }
                grants.push(Grant {
                    mailbox,
                    delegate: intern(delegate),
                    right,
                    line: *line,
                });
            }
        });
        if let Err(e) = rows {
            errors.extend(e);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            file: file.to_owned(),
            kind,
            grants,
            names,
            ignored,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_headers() {
        let mp = "Identity,User,AccessRights,IsInherited,Deny\n\
                  contoso.com/Users/Anna,CONTOSO\\bob,FullAccess,False,False\n\
                  contoso.com/Users/Anna,NT AUTHORITY\\SELF,\"FullAccess, ReadPermission\",False,False\n\
                  contoso.com/Users/Anna,CONTOSO\\carl,FullAccess,True,False\n";
        let e = Export::parse("mp.csv", mp).expect("parses");
        assert_eq!(e.kind, ExportKind::MailboxPermission);
        assert_eq!(e.grants.len(), 1);
        assert_eq!(e.ignored, 2);

        let fp = "Identity,User,AccessRights\nanna:\\Calendar,Bob Jones,Editor\nanna:\\Calendar,Default,AvailabilityOnly\nanna:\\Inbox,Carl,Reviewer\n";
        let e = Export::parse("fp.csv", fp).expect("parses");
        assert_eq!(e.kind, ExportKind::FolderPermission);
        assert_eq!(
            e.grants
                .iter()
                .map(|g| (e.names[g.mailbox as usize].as_str(), g.right))
                .collect::<Vec<_>>(),
            vec![("anna", Right::Calendar), ("anna", Right::Folder)]
        );

        let sob = "PrimarySmtpAddress,GrantSendOnBehalfTo\nanna@contoso.com,bob;carl\n";
        let e = Export::parse("sob.csv", sob).expect("parses");
        assert_eq!(e.kind, ExportKind::SendOnBehalf);
        assert_eq!(e.grants.len(), 2);

        let bad = "Mailbox,Delegate,Right\na@x.com,b@x.com,ReadOnly\n";
        let errors = Export::parse("s.csv", bad).expect_err("unknown right");
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].column.as_deref(), Some("Right"));

        assert!(Export::parse("x.csv", "A,B\n1,2\n").is_err());
    }
}
