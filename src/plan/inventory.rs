//! The mailbox inventory: our simple columns (`EmailAddress`, `DisplayName`, `Type`,
//! `SizeBytes`, …) or those of `Get-Mailbox | Get-MailboxStatistics` exports
//! (`PrimarySmtpAddress`, `Name`, `Alias`, `SamAccountName`, `RecipientTypeDetails`,
//! `Database`, `TotalItemSize`, `ItemCount`, archive size), matched without regard to case.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::cells;
use super::input::{InputError, Table, is_address, parse_size, trim};
use super::resolve::fold;

/// One mailbox to migrate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mailbox {
    /// Primary SMTP address, as written in the inventory.
    pub address: String,
    /// Display name.
    pub display_name: String,
    /// `Name` (the last segment of its canonical name).
    #[serde(skip)]
    pub name: String,
    /// Alias.
    #[serde(skip)]
    pub alias: String,
    /// `SamAccountName`.
    #[serde(skip)]
    pub sam: String,
    /// Recipient type (`UserMailbox`, `SharedMailbox`, `RoomMailbox`, …).
    pub kind: String,
    /// Mailbox database, when the export has it.
    #[serde(skip)]
    pub database: String,
    /// Size of the primary mailbox in bytes.
    pub size_bytes: u64,
    /// Size of the archive in bytes (0 without an archive).
    pub archive_bytes: u64,
    /// Item count, when the export has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<u64>,
    /// The inventory line it was read from, for messages.
    #[serde(skip)]
    pub line: u64,
}

impl Mailbox {
    /// Primary and archive together.
    #[must_use]
    pub const fn total_bytes(&self) -> u64 {
        self.size_bytes.saturating_add(self.archive_bytes)
    }
}

/// The mailboxes, sorted by address (lower case), with the indexes identities resolve through.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Every mailbox, sorted by folded address ([`fold`]).
    pub mailboxes: Vec<Mailbox>,
}

const ADDRESS: &[&str] = &[
    "emailaddress",
    "primarysmtpaddress",
    "windowsemailaddress",
    "mail",
];
const DISPLAY: &[&str] = &["displayname"];
const NAME: &[&str] = &["name"];
const ALIAS: &[&str] = &["alias", "mailnickname"];
const SAM: &[&str] = &["samaccountname"];
const KIND: &[&str] = &[
    "type",
    "recipienttypedetails",
    "recipienttype",
    "mailboxtype",
];
const DATABASE: &[&str] = &["database"];
const SIZE: &[&str] = &["sizebytes", "totalitemsize", "size", "mailboxsize"];
const ARCHIVE: &[&str] = &[
    "archivesizebytes",
    "archivesize",
    "archivetotalitemsize",
    "archivemailboxsize",
];
const ITEMS: &[&str] = &["itemcount", "items"];

/// An item count: digits, with or without thousands separators; empty is none.
fn parse_items(text: &str) -> Result<Option<u64>, String> {
    let t = trim(text);
    let t: std::borrow::Cow<'_, str> = if t.contains(',') {
        t.replace(',', "").into()
    } else {
        t.into()
    };
    if t.is_empty() {
        Ok(None)
    } else {
        t.parse()
            .map(Some)
            .map_err(|_| format!("`{t}` is not a whole number of items"))
    }
}

/// The first 16 bytes of `key`, zero-padded, as a number: numbers in order are keys in order,
/// and equal numbers are keys that agree in their first 16 bytes.
fn prefix(key: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = key.len().min(16);
    bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

/// `mailboxes` sorted by folded address ([`fold`]) in place, without a folded copy of each
/// address (most are folded already) or of the list. Folded addresses are unique (a second one
/// is an error): the order is total.
fn sort_by_address(mailboxes: &mut [Mailbox]) {
    // `order[k]`: the mailbox that belongs at position `k`.
    let mut order: Vec<usize> = {
        let keys: Vec<std::borrow::Cow<'_, str>> =
            mailboxes.iter().map(|m| fold(&m.address)).collect();
        // Compared by their first bytes, held beside the index, and only on a tie by the whole
        // key: most comparisons then read no string.
        let mut keyed: Vec<(u128, usize)> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (prefix(k), i))
            .collect();
        keyed
            .sort_unstable_by(|&(pa, a), &(pb, b)| pa.cmp(&pb).then_with(|| keys[a].cmp(&keys[b])));
        keyed.into_iter().map(|(_, i)| i).collect()
    };
    // Follow each cycle of the permutation, swapping each mailbox into its place once.
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            mailboxes.swap(at, from);
            at = from;
        }
    }
}

/// Rows in `text` at most (its line ends), to reserve room for them once.
#[must_use]
pub fn lines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// The error for an inventory with no address column.
fn no_address(file: &str, table: &Table<'_>) -> InputError {
    InputError {
        file: file.to_owned(),
        line: 1,
        column: None,
        message: format!(
            "no address column; expected one of `EmailAddress`, `PrimarySmtpAddress`, `WindowsEmailAddress` (found {})",
            table.headers.join(", ")
        ),
    }
}

/// The columns an inventory's rows are read from.
#[derive(Clone, Copy, Debug)]
struct Columns {
    address: usize,
    display: Option<usize>,
    name: Option<usize>,
    alias: Option<usize>,
    sam: Option<usize>,
    kind: Option<usize>,
    database: Option<usize>,
    size: Option<usize>,
    archive: Option<usize>,
    items: Option<usize>,
}

/// The mailboxes of `table`'s rows and the errors of its bad ones, in file order. With
/// `duplicates`, an address listed before is an error (and its row is not read further);
/// without, no address is remembered (see [`Inventory::parse`]).
fn read_rows(
    table: &Table<'_>,
    c: Columns,
    capacity: usize,
    duplicates: bool,
) -> (Vec<Mailbox>, Vec<InputError>) {
    let mut errors = Vec::new();
    let mut mailboxes = Vec::with_capacity(capacity);
    let mut seen: HashMap<String, u64> = HashMap::default();
    let rows = table.rows(|line, record| {
        let line = &line;
        let get = |c: Option<usize>| trim(c.and_then(|i| record.get(i)).unwrap_or("")).to_owned();
        let addr = get(Some(c.address));
        if !is_address(&addr) {
            errors.push(table.cell_error(
                *line,
                c.address,
                format!("`{addr}` is not an email address"),
            ));
            return;
        }
        if duplicates && let Some(first) = seen.insert(fold(&addr).into_owned(), *line) {
            errors.push(table.cell_error(
                *line,
                c.address,
                format!("`{addr}` is listed twice (first on line {first})"),
            ));
            return;
        }
        let mut bytes = |c: Option<usize>| match c {
            Some(i) => match parse_size(record.get(i).unwrap_or("")) {
                Ok(n) => n,
                Err(message) => {
                    errors.push(table.cell_error(*line, i, message));
                    0
                }
            },
            None => 0,
        };
        let size_bytes = bytes(c.size);
        let archive_bytes = bytes(c.archive);
        let items = match c
            .items
            .map(|i| (i, parse_items(record.get(i).unwrap_or(""))))
        {
            Some((i, Err(message))) => {
                errors.push(table.cell_error(*line, i, message));
                None
            }
            Some((_, Ok(n))) => n,
            None => None,
        };
        let alias_text = get(c.alias);
        if let (Some(column), Some(problem)) = (c.alias, cells::alias_problem(&alias_text)) {
            errors.push(table.cell_error(*line, column, problem));
            return;
        }
        let kind = match get(c.kind) {
            k if k.is_empty() => "UserMailbox".to_owned(),
            k => k,
        };
        mailboxes.push(Mailbox {
            display_name: get(c.display),
            name: get(c.name),
            alias: alias_text,
            sam: get(c.sam),
            kind,
            database: get(c.database),
            size_bytes,
            archive_bytes,
            items,
            address: addr,
            line: *line,
        });
    });
    if let Err(e) = rows {
        errors.extend(e);
    }
    (mailboxes, errors)
}

/// Whether two neighbours of `mailboxes` (sorted by [`sort_by_address`]) have one folded address.
fn has_duplicates(mailboxes: &[Mailbox]) -> bool {
    mailboxes
        .windows(2)
        .any(|pair| fold(&pair[0].address) == fold(&pair[1].address))
}

impl Inventory {
    /// Reads an inventory export.
    ///
    /// A valid inventory is read once, its duplicates looked for in the sorted list (no copy of
    /// each folded address is kept); one with any error is read again row by row as before, so
    /// its errors (a duplicate's among them) come in file order.
    ///
    /// # Errors
    /// Every bad row (an address that is not one, a size that is not one, a duplicate address),
    /// and a missing address column.
    pub fn parse(file: &str, text: &str) -> Result<Self, Vec<InputError>> {
        let table = Table::parse(file, text)?;
        let Some(address) = table.column(ADDRESS) else {
            return Err(vec![no_address(file, &table)]);
        };
        let col = |names| table.column(names);
        let c = Columns {
            address,
            display: col(DISPLAY),
            name: col(NAME),
            alias: col(ALIAS),
            sam: col(SAM),
            kind: col(KIND),
            database: col(DATABASE),
            size: col(SIZE),
            archive: col(ARCHIVE),
            items: col(ITEMS),
        };
        let capacity = lines(text);
        let (mut mailboxes, errors) = read_rows(&table, c, capacity, false);
        if errors.is_empty() {
            sort_by_address(&mut mailboxes);
            if !has_duplicates(&mailboxes) {
                return Ok(Self { mailboxes });
            }
        }
        drop(mailboxes);
        let (mut mailboxes, errors) = read_rows(&table, c, capacity, true);
        if !errors.is_empty() {
            return Err(errors);
        }
        sort_by_address(&mut mailboxes);
        Ok(Self { mailboxes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailboxes_are_sorted_by_folded_address() {
        // Cycles of several lengths, a fixed point, and case that folds.
        let addresses = [
            "e@x.com", "B@x.com", "a@x.com", "d@x.com", "C@x.com", "f@x.com", "g@x.com",
        ];
        let text: String = std::iter::once("EmailAddress\n".to_owned())
            .chain(addresses.iter().map(|a| format!("{a}\n")))
            .collect();
        let inventory = Inventory::parse("inv.csv", &text).expect("parses");
        let got: Vec<&str> = inventory
            .mailboxes
            .iter()
            .map(|m| m.address.as_str())
            .collect();
        assert_eq!(
            got,
            [
                "a@x.com", "B@x.com", "C@x.com", "d@x.com", "e@x.com", "f@x.com", "g@x.com"
            ]
        );
        assert_eq!(inventory.mailboxes[0].line, 4);
        assert_eq!(lines(&text), 8);
        // Addresses that agree in their first 16 bytes, or where one begins the other.
        let text = "EmailAddress\nsixteen-chars-xB@x.com\nsixteen-chars-xa@x.com\n\
                    sixteen-chars-x@x.com\nsixteen-chars-xa@x.co\n";
        let inventory = Inventory::parse("inv.csv", text).expect("parses");
        let got: Vec<&str> = inventory
            .mailboxes
            .iter()
            .map(|m| m.address.as_str())
            .collect();
        assert_eq!(
            got,
            [
                "sixteen-chars-x@x.com",
                "sixteen-chars-xa@x.co",
                "sixteen-chars-xa@x.com",
                "sixteen-chars-xB@x.com"
            ]
        );
        assert!(prefix("ab") < prefix("ab-"));
        assert_eq!(prefix("0123456789abcdefX"), prefix("0123456789abcdefY"));
    }
}
