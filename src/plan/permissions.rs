//! Permission exports, each file's kind told by its header: `Get-MailboxPermission`,
//! `Get-ADPermission` (Send-As), `Get-RecipientPermission`, `Get-MailboxFolderPermission`,
//! `GrantSendOnBehalfTo` lists, and our simple `Mailbox,Delegate,Right`. Rows that grant nothing
//! across mailboxes (inherited, denied, `NT AUTHORITY\SELF`, `Default`, `Anonymous`, SIDs, no
//! rights) are dropped here; the identities of the rest are resolved later.

use std::fmt;

use super::input::{InputError, Parsed, Table, read_text, trim};
use crate::text::Stream;
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
    /// The names the grants use, as exported: each delegate once, each mailbox once per run of
    /// its rows (a name is resolved once, not per row).
    pub names: Names,
    /// Rows that link nothing (inherited, denied, system accounts, no rights).
    pub ignored: usize,
}

/// Whether a trustee is a system principal or a SID, which links no mailbox.
#[must_use]
pub fn is_system(trustee: &str) -> bool {
    let t = trim(trustee);
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
    let t = trim(text);
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

/// Names stored one after another in one string (a million names make one allocation, not a
/// million), each found by its index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    text: String,
    /// Where each name ends in `text`.
    ends: Vec<usize>,
}

impl Names {
    /// The number of names.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Where name `i` is in `text`.
    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        start..self.ends[i]
    }

    /// Name `i` (empty for an index past the end).
    #[must_use]
    pub fn get(&self, i: usize) -> &str {
        if i >= self.ends.len() {
            return "";
        }
        self.text.get(self.range(i)).unwrap_or("")
    }

    /// Makes room for the names of `rows` rows in all, as many and as long as those of the
    /// `read` rows stored so far, and an eighth more: the names are then stored with no copy
    /// as they grow (a room doubled again and again copies them all, into fresh memory).
    fn reserve_like(&mut self, read: usize, rows: usize) {
        let scale = |held: usize| {
            let all = held.saturating_mul(rows) / read.max(1);
            (all + all / 8).saturating_sub(held)
        };
        self.ends.reserve(scale(self.ends.len()));
        self.text.reserve(scale(self.text.len()));
    }

    /// Adds a name at the end.
    pub fn push(&mut self, name: &str) {
        self.text.push_str(name);
        self.ends.push(self.text.len());
    }

    /// Every name, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

impl<'a> FromIterator<&'a str> for Names {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut names = Self::default();
        for name in iter {
            names.push(name);
        }
        names
    }
}

/// The names of an export: each delegate stored once, found by hash and checked against the
/// stored name (so names that share a hash are told apart); each mailbox stored once per run
/// of rows, as exports list a mailbox's rows one after another (a mailbox listed in two places
/// is stored, and resolved, twice: cheaper than looking each one up).
#[derive(Debug, Default)]
struct Interner {
    names: Names,
    /// Each delegate's index in `names` and the upper half of its name's hash: all the table
    /// holds (names are compared where they are stored), and all it needs to grow.
    by_hash: hashbrown::HashTable<(u32, u32)>,
    /// The mailbox of the run of rows being read.
    run: Option<(std::ops::Range<usize>, u32)>,
}

/// The hash the table of an [`Interner`] places an entry by, from the half of its name's hash
/// the entry holds.
fn placed(half: u32) -> u64 {
    (u64::from(half) << 32) | u64::from(half)
}

impl Interner {
    /// A mailbox's name: the run's, or stored anew.
    fn mailbox(&mut self, name: &str) -> u32 {
        if let Some((range, id)) = &self.run
            && self.names.text.get(range.clone()) == Some(name)
        {
            return *id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name);
        self.run = Some((self.names.range(id as usize), id));
        id
    }

    /// A delegate's name, stored once.
    fn intern(&mut self, name: &str) -> u32 {
        use std::hash::{BuildHasher as _, Hasher as _};
        let mut h = rustc_hash::FxBuildHasher.build_hasher();
        h.write(name.as_bytes());
        let half = (h.finish() >> 32) as u32;
        let Self { names, by_hash, .. } = self;
        let same = |&(id, h): &(u32, u32)| h == half && names.get(id as usize) == name;
        if let Some(&(id, _)) = by_hash.find(placed(half), same) {
            return id;
        }
        let next = u32::try_from(names.len()).unwrap_or(u32::MAX);
        by_hash.insert_unique(placed(half), (next, half), |&(_, h)| placed(h));
        names.push(name);
        next
    }
}

/// The rows an export's names are sampled over to make room for the rest of them once
/// ([`Names::reserve_like`]).
const SAMPLE_ROWS: usize = 4096;

/// The columns an export's rows are read from.
#[derive(Clone, Copy, Debug)]
struct Columns {
    identity: usize,
    trustee: usize,
    rights: Option<usize>,
    inherited: Option<usize>,
    deny: Option<usize>,
    folder: Option<usize>,
}

/// The kind of export `table` is, told by its header.
fn kind_of(file: &str, table: &Table) -> Result<ExportKind, Vec<InputError>> {
    Ok(if table.has("grantsendonbehalfto") {
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
    })
}

/// The columns a `kind` export is read from.
fn columns(file: &str, table: &Table, kind: ExportKind) -> Result<Columns, Vec<InputError>> {
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
    Ok(Columns {
        identity,
        trustee,
        rights: column(&["accessrights", "extendedrights", "right"]),
        inherited: column(&["isinherited"]),
        deny: column(&["deny"]),
        folder: column(&["foldername"]),
    })
}

/// The right a row of a `kind` export grants, if any; for a folder permission, `folder` is the
/// `FolderName` cell (none without that column) and `mailbox` the `alias:\Folder` identity.
///
/// # Errors
/// An unknown right in our simple format.
fn right_of(
    kind: ExportKind,
    rights: &str,
    folder: Option<&str>,
    mailbox: &str,
) -> Result<Option<Right>, String> {
    Ok(match kind {
        ExportKind::MailboxPermission => lists(rights, "FullAccess").then_some(Right::FullAccess),
        ExportKind::AdPermission => lists(rights, "Send-As").then_some(Right::SendAs),
        ExportKind::RecipientPermission => lists(rights, "SendAs").then_some(Right::SendAs),
        ExportKind::FolderPermission => {
            let name = folder.unwrap_or_else(|| mailbox.split_once(":\\").map_or("", |(_, f)| f));
            let calendar = name
                .trim_start_matches('\\')
                .eq_ignore_ascii_case("calendar");
            links_folder(rights).then_some(if calendar {
                Right::Calendar
            } else {
                Right::Folder
            })
        }
        ExportKind::SendOnBehalf => Some(Right::SendOnBehalf),
        ExportKind::Simple => match Right::from_name(rights) {
            Some(r) => Some(r),
            None => {
                return Err(format!(
                    "unknown right `{rights}`; expected FullAccess, SendAs, SendOnBehalf, Calendar or Folder"
                ));
            }
        },
    })
}

impl Export {
    /// Reads a permission export held whole: [`Self::read`].
    ///
    /// # Errors
    /// As [`Self::read`].
    pub fn parse(file: &str, text: &str) -> Result<Self, Vec<InputError>> {
        read_text(file, text, |stream| Self::read(file, stream))
    }

    /// Reads a permission export from `stream`, telling its kind from the header.
    ///
    /// # Errors
    /// An unrecognised header, or rows with a missing identity or an unknown right, inside; a
    /// file that is not text outside.
    pub fn read(file: &str, stream: &mut Stream<'_>) -> Parsed<Self> {
        let table = match Table::read(file, stream)? {
            Ok(table) => table,
            Err(e) => return Ok(Err(e)),
        };
        let (kind, c) =
            match kind_of(file, &table).and_then(|kind| Ok((kind, columns(file, &table, kind)?))) {
                Ok(found) => found,
                Err(e) => return Ok(Err(e)),
            };
        let rows = stream.lines_hint();
        let mut grants = Vec::with_capacity(rows);
        let mut names = Interner::default();
        let (mut ignored, mut seen) = (0, 0);
        let mut errors = Vec::new();
        let rows = table.rows(stream, |line, record| {
            seen += 1;
            if seen == SAMPLE_ROWS {
                names.names.reserve_like(SAMPLE_ROWS, rows);
            }
            let cell = |c: Option<usize>| trim(c.and_then(|i| record.get(i)).unwrap_or(""));
            let mailbox = cell(Some(c.identity));
            if mailbox.is_empty() {
                let message = "empty; expected the mailbox the right is on".to_owned();
                errors.push(table.cell_error(line, c.identity, message));
                return;
            }
            if truthy(cell(c.inherited)) || truthy(cell(c.deny)) {
                ignored += 1;
                return;
            }
            let folder = c.folder.map(|_| cell(c.folder));
            let right = match right_of(kind, cell(c.rights), folder, mailbox) {
                Ok(Some(right)) => right,
                Ok(None) => {
                    ignored += 1;
                    return;
                }
                Err(message) => {
                    errors.push(table.cell_error(line, c.rights.unwrap_or(0), message));
                    return;
                }
            };
            let mailbox = match kind {
                ExportKind::FolderPermission => {
                    mailbox.split_once(":\\").map_or(mailbox, |(m, _)| m)
                }
                _ => mailbox,
            };
            // Interned with its first grant: a mailbox whose rows name only system accounts
            // (`NT AUTHORITY\SELF`) is no name to resolve.
            let mut interned = None;
            // A `GrantSendOnBehalfTo` cell lists several delegates; other cells name one.
            let separator = if kind == ExportKind::SendOnBehalf {
                ';'
            } else {
                '\0'
            };
            let delegates = cell(Some(c.trustee))
                .split(separator)
                .map(str::trim)
                .filter(|s| !s.is_empty());
            for delegate in delegates {
                if is_system(delegate) {
                    ignored += 1;
                    continue;
                }
                let mailbox = *interned.get_or_insert_with(|| names.mailbox(mailbox));
                let delegate = names.intern(delegate);
                grants.push(Grant {
                    mailbox,
                    delegate,
                    right,
                });
            }
        });
        if let Err(e) = rows? {
            errors.extend(e);
        }
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        Ok(Ok(Self {
            file: file.to_owned(),
            kind,
            grants,
            names: names.names,
            ignored,
        }))
    }
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher as _;

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
        // Only the names of grants are kept to be resolved.
        assert_eq!(
            e.names.iter().collect::<Vec<_>>(),
            ["contoso.com/Users/Anna", "CONTOSO\\bob"]
        );
        let e = Export::parse(
            "mp.csv",
            "Identity,User,AccessRights,IsInherited,Deny\nx/Carl,NT AUTHORITY\\SELF,FullAccess,False,False\n",
        )
        .expect("parses");
        assert!(e.names.is_empty() && e.grants.is_empty());

        let fp = "Identity,User,AccessRights\nanna:\\Calendar,Bob Jones,Editor\nanna:\\Calendar,Default,AvailabilityOnly\nanna:\\Inbox,Carl,Reviewer\n";
        let e = Export::parse("fp.csv", fp).expect("parses");
        assert_eq!(e.kind, ExportKind::FolderPermission);
        assert_eq!(
            e.grants
                .iter()
                .map(|g| (e.names.get(g.mailbox as usize), g.right))
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

    #[test]
    fn a_mailbox_is_stored_once_per_run_of_rows_and_a_delegate_once() {
        let text = "Mailbox,Delegate,Right\na@x.com,b@x.com,FullAccess\na@x.com,c@x.com,SendAs\n\
                    d@x.com,b@x.com,FullAccess\na@x.com,b@x.com,Calendar\n";
        let e = Export::parse("s.csv", text).expect("parses");
        assert_eq!(
            e.names.iter().collect::<Vec<_>>(),
            ["a@x.com", "b@x.com", "c@x.com", "d@x.com", "a@x.com"]
        );
        let pairs: Vec<(&str, &str)> = e
            .grants
            .iter()
            .map(|g| {
                (
                    e.names.get(g.mailbox as usize),
                    e.names.get(g.delegate as usize),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            [
                ("a@x.com", "b@x.com"),
                ("a@x.com", "c@x.com"),
                ("d@x.com", "b@x.com"),
                ("a@x.com", "b@x.com")
            ]
        );
    }

    #[test]
    fn names_are_interned_once_even_when_hashes_collide() {
        let mut names = Interner::default();
        assert_eq!(names.intern("anna"), 0);
        assert_eq!(names.intern("bob"), 1);
        assert_eq!(names.intern("anna"), 0);
        // A name under a hash another name took: kept apart, found again.
        let mut h = rustc_hash::FxBuildHasher.build_hasher();
        std::hash::Hasher::write(&mut h, b"carl");
        let half = (std::hash::Hasher::finish(&h) >> 32) as u32;
        names.by_hash.clear();
        names
            .by_hash
            .insert_unique(placed(half), (0, half), |&(_, h)| placed(h));
        assert_eq!(names.intern("carl"), 2);
        assert_eq!(names.intern("carl"), 2);
        assert_eq!(
            names.names.iter().collect::<Vec<_>>(),
            ["anna", "bob", "carl"]
        );
    }
}
