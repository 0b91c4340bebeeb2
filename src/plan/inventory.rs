//! The mailbox inventory: our simple columns (`EmailAddress`, `DisplayName`, `Type`,
//! `SizeBytes`, …) or those of `Get-Mailbox | Get-MailboxStatistics` exports
//! (`PrimarySmtpAddress`, `Name`, `Alias`, `SamAccountName`, `RecipientTypeDetails`,
//! `Database`, `TotalItemSize`, `ItemCount`, archive size), matched without regard to case.

use rustc_hash::FxHashMap as HashMap;

use super::cells;
#[cfg(test)]
use super::input::read_table;
use super::input::{InputError, Parsed, Table, is_address, parse_size, read_text, trim};
use super::resolve::{Index, fold};
use crate::text::{ReadError, Stream};

/// One mailbox to migrate. Its address and names are held in one string (a million mailboxes
/// make a million allocations for them, not six million), read through the methods of the
/// same name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mailbox {
    /// Primary SMTP address as written in the inventory, then display name, `Name` (the last
    /// segment of its canonical name), alias, `SamAccountName` and mailbox database, one after
    /// another; then the recipient type, when it is not one of [`KINDS`].
    text: Box<str>,
    /// Where the address and each name end in `text`.
    ends: [u32; 6],
    /// Recipient type: an index into [`KINDS`], or [`KIND_IN_TEXT`].
    kind: u8,
    /// Size of the primary mailbox in bytes.
    pub size_bytes: u64,
    /// Size of the archive in bytes (0 without an archive).
    pub archive_bytes: u64,
    /// Item count, when the export has it.
    pub items: Option<u64>,
    /// The inventory line it was read from, for messages.
    pub line: u64,
}

// A million mailboxes take 88 MB, besides their text.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(size_of::<Mailbox>() == 88);

/// [`Mailbox::kind`]: the recipient type is the end of the mailbox's text.
const KIND_IN_TEXT: u8 = u8::MAX;

/// A mailbox's names as the inventory gives them.
#[derive(Clone, Copy, Debug, Default)]
pub struct MailboxNames<'a> {
    /// Display name.
    pub display_name: &'a str,
    /// `Name`.
    pub name: &'a str,
    /// Alias.
    pub alias: &'a str,
    /// `SamAccountName`.
    pub sam: &'a str,
    /// Mailbox database (empty when the export has none).
    pub database: &'a str,
}

/// The recipient types written once for all the mailboxes of that type.
const KINDS: [&str; 4] = [
    "UserMailbox",
    "SharedMailbox",
    "RoomMailbox",
    "EquipmentMailbox",
];

impl Mailbox {
    /// A mailbox of `kind` (`UserMailbox` when empty) with no data yet.
    #[must_use]
    pub fn new(address: &str, names: MailboxNames<'_>, kind: &str) -> Self {
        let known = match kind {
            "" => Some(0),
            k => KINDS.iter().position(|known| *known == k),
        };
        let parts = [
            address,
            names.display_name,
            names.name,
            names.alias,
            names.sam,
            names.database,
        ];
        let unknown = if known.is_some() { "" } else { kind };
        let mut text =
            String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + unknown.len());
        let mut ends = [0u32; 6];
        for (end, part) in ends.iter_mut().zip(parts) {
            text.push_str(part);
            // A cell of 4 GB is no name: past that, names read as empty.
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        text.push_str(unknown);
        Self {
            text: text.into_boxed_str(),
            ends,
            kind: known
                .and_then(|k| u8::try_from(k).ok())
                .unwrap_or(KIND_IN_TEXT),
            size_bytes: 0,
            archive_bytes: 0,
            items: None,
            line: 0,
        }
    }

    /// Part `i` of `text`: the address (0), then the names.
    fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..self.ends[i] as usize).unwrap_or("")
    }

    /// Primary SMTP address, as written in the inventory.
    #[must_use]
    pub fn address(&self) -> &str {
        self.part(0)
    }

    /// Display name.
    #[must_use]
    pub fn display_name(&self) -> &str {
        self.part(1)
    }

    /// `Name` (the last segment of its canonical name).
    #[must_use]
    pub fn name(&self) -> &str {
        self.part(2)
    }

    /// Alias.
    #[must_use]
    pub fn alias(&self) -> &str {
        self.part(3)
    }

    /// `SamAccountName`.
    #[must_use]
    pub fn sam(&self) -> &str {
        self.part(4)
    }

    /// Mailbox database, when the export has it (else empty).
    #[must_use]
    pub fn database(&self) -> &str {
        self.part(5)
    }

    /// Recipient type (`UserMailbox`, `SharedMailbox`, `RoomMailbox`, …).
    #[must_use]
    pub fn kind(&self) -> &str {
        match KINDS.get(usize::from(self.kind)) {
            Some(known) => known,
            None => self.text.get(self.ends[5] as usize..).unwrap_or(KINDS[0]),
        }
    }

    /// Primary and archive together.
    #[must_use]
    pub const fn total_bytes(&self) -> u64 {
        self.size_bytes.saturating_add(self.archive_bytes)
    }
}

/// Reads the start of each mailbox's address in one short loop, ahead of a loop that uses them.
/// The members of a batch lie all over memory: reads made together in a short loop overlap,
/// where the same reads among other work (a string made, a CSV row written) wait one after
/// another. Worth it for at most a few thousand mailboxes at a time, which stay in the cache.
pub fn read_ahead<'m>(mailboxes: impl IntoIterator<Item = &'m Mailbox>) {
    let first = |m: &Mailbox| m.address().as_bytes().first().copied().unwrap_or(0);
    std::hint::black_box(mailboxes.into_iter().fold(0, |seen, m| seen ^ first(m)));
}

/// The mailboxes, sorted by address (lower case), with the indexes identities resolve through.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Every mailbox, sorted by folded address ([`fold`]).
    mailboxes: Vec<Mailbox>,
    /// Their names, indexed as they were read, until [`Inventory::take_index`].
    index: Option<Index>,
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

/// The order of `mailboxes` by folded address ([`fold`]): `order[k]` is the mailbox that
/// belongs at place `k`; and whether two mailboxes have one folded address. No folded copy of
/// each address is kept (most are folded already).
fn address_order(mailboxes: &[Mailbox]) -> (Vec<usize>, bool) {
    let keys: Vec<std::borrow::Cow<'_, str>> =
        mailboxes.iter().map(|m| fold(m.address())).collect();
    // Compared by their first bytes, held beside the index, and only on a tie by the whole
    // key: most comparisons then read no string.
    let mut keyed: Vec<(u128, usize)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (prefix(k), i))
        .collect();
    keyed.sort_unstable_by(|&(pa, a), &(pb, b)| pa.cmp(&pb).then_with(|| keys[a].cmp(&keys[b])));
    let twice = keyed
        .windows(2)
        .any(|pair| pair[0].0 == pair[1].0 && keys[pair[0].1] == keys[pair[1].1]);
    (keyed.into_iter().map(|(_, i)| i).collect(), twice)
}

/// Moves each mailbox to its place in `order` (see [`address_order`]).
fn put_in_order(mailboxes: &mut [Mailbox], mut order: Vec<usize>) {
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

/// The mailboxes of an inventory as read ([`Inventory::read`]), in the file's order, and their
/// order by address (no two with one folded address).
#[derive(Debug)]
pub struct Unsorted {
    mailboxes: Vec<Mailbox>,
    order: Vec<usize>,
}

impl Unsorted {
    /// The inventory: the mailboxes indexed for [`Resolver`](super::resolve::Resolver) first,
    /// in the order they were read, then sorted by address.
    #[must_use]
    pub fn into_inventory(self) -> Inventory {
        let Self {
            mut mailboxes,
            order,
        } = self;
        let mut at = vec![u32::MAX; order.len()];
        for (place, &i) in order.iter().enumerate() {
            at[i] = u32::try_from(place).unwrap_or(u32::MAX);
        }
        let index = Index::build(&mailboxes, &at);
        drop(at);
        put_in_order(&mut mailboxes, order);
        Inventory {
            mailboxes,
            index: Some(index),
        }
    }
}

/// The error for an inventory with no address column.
fn no_address(file: &str, table: &Table) -> InputError {
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

/// What one reading of an inventory's rows found, in file order: the mailboxes of its good
/// rows, the errors of its bad ones (each row's, then the malformed records'), and the
/// addresses of the rows read no further than their address (an alias that is not one).
struct Rows {
    mailboxes: Vec<Mailbox>,
    errors: Vec<InputError>,
    malformed: Vec<InputError>,
    unread: Vec<(String, u64)>,
}

/// The mailboxes of `table`'s rows in `stream` and the errors of its bad ones.
fn read_rows(
    table: &Table,
    stream: &mut Stream<'_>,
    c: Columns,
    capacity: usize,
) -> Result<Rows, ReadError> {
    let mut errors = Vec::new();
    let mut mailboxes = Vec::with_capacity(capacity);
    let mut unread = Vec::new();
    let rows = table.rows(stream, |line, record| {
        let line = &line;
        let addr = trim(record.get(c.address).unwrap_or(""));
        if !is_address(addr) {
            errors.push(table.cell_error(
                *line,
                c.address,
                format!("`{addr}` is not an email address"),
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
        let cell = |c: Option<usize>| trim(c.and_then(|i| record.get(i)).unwrap_or(""));
        let alias = cell(c.alias);
        if let (Some(column), Some(problem)) = (c.alias, cells::alias_problem(alias)) {
            errors.push(table.cell_error(*line, column, problem));
            unread.push((addr.to_owned(), *line));
            return;
        }
        let names = MailboxNames {
            display_name: cell(c.display),
            name: cell(c.name),
            alias,
            sam: cell(c.sam),
            database: cell(c.database),
        };
        let mut mailbox = Mailbox::new(addr, names, cell(c.kind));
        mailbox.size_bytes = size_bytes;
        mailbox.archive_bytes = archive_bytes;
        mailbox.items = items;
        mailbox.line = *line;
        mailboxes.push(mailbox);
    })?;
    Ok(Rows {
        mailboxes,
        errors,
        malformed: rows.err().unwrap_or_default(),
        unread,
    })
}

impl Rows {
    /// The errors of an inventory with a bad row or an address listed twice, in file order: a
    /// row whose address was listed on an earlier row is an error of its own and is read no
    /// further (its other errors are not reported).
    fn errors(self, table: &Table, address: usize) -> Vec<InputError> {
        let Self {
            mailboxes,
            errors,
            malformed,
            unread,
        } = self;
        let mut listed: Vec<(&str, u64)> = mailboxes
            .iter()
            .map(|m| (m.address(), m.line))
            .chain(unread.iter().map(|(a, line)| (a.as_str(), *line)))
            .collect();
        listed.sort_unstable_by_key(|&(_, line)| line);
        let mut seen: HashMap<std::borrow::Cow<'_, str>, u64> = HashMap::default();
        let mut twice = Vec::new();
        for (addr, line) in listed {
            if let Some(before) = seen.insert(fold(addr), line) {
                twice.push(table.cell_error(
                    line,
                    address,
                    format!("`{addr}` is listed twice (first on line {before})"),
                ));
            }
        }
        let mut out = Vec::with_capacity(errors.len() + twice.len() + malformed.len());
        let mut twice = twice.into_iter().peekable();
        let mut read_no_further = None;
        for e in errors {
            while let Some(t) = twice.next_if(|t| t.line <= e.line) {
                read_no_further = Some(t.line);
                out.push(t);
            }
            if read_no_further != Some(e.line) {
                out.push(e);
            }
        }
        out.extend(twice);
        out.extend(malformed);
        out
    }
}

impl Inventory {
    /// Reads an inventory export held whole: [`Self::read`], then
    /// [`Unsorted::into_inventory`].
    ///
    /// # Errors
    /// As [`Self::read`].
    pub fn parse(file: &str, text: &str) -> Result<Self, Vec<InputError>> {
        read_text(file, text, |stream| Self::read(file, stream)).map(Unsorted::into_inventory)
    }

    /// Reads the mailboxes of an inventory export from `stream`, to be sorted and indexed once
    /// its text has been let go.
    ///
    /// The rows are read once. An inventory with a bad row, or with one address on two rows,
    /// gets its errors in file order, a second row of one address among them.
    ///
    /// # Errors
    /// Every bad row (an address that is not one, a size that is not one, a duplicate address),
    /// and a missing address column, inside; a file that is not text outside.
    pub fn read(file: &str, stream: &mut Stream<'_>) -> Parsed<Unsorted> {
        let table = match Table::read(file, stream)? {
            Ok(table) => table,
            Err(e) => return Ok(Err(e)),
        };
        let Some(address) = table.column(ADDRESS) else {
            return Ok(Err(vec![no_address(file, &table)]));
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
        let rows = read_rows(&table, stream, c, stream.lines_hint())?;
        if rows.errors.is_empty() && rows.malformed.is_empty() {
            let (order, twice) = address_order(&rows.mailboxes);
            if !twice {
                let mailboxes = rows.mailboxes;
                return Ok(Ok(Unsorted { mailboxes, order }));
            }
        }
        Ok(Err(rows.errors(&table, address)))
    }

    /// Every mailbox, sorted by folded address ([`fold`]).
    #[must_use]
    pub fn mailboxes(&self) -> &[Mailbox] {
        &self.mailboxes
    }

    /// The index of the mailboxes' names, until [`Self::take_index`].
    #[must_use]
    pub const fn index(&self) -> Option<&Index> {
        self.index.as_ref()
    }

    /// Takes the index of the mailboxes' names, to be freed once no more names are to be
    /// looked up: a [`Resolver`](super::resolve::Resolver) of the inventory then indexes the
    /// mailboxes again.
    pub const fn take_index(&mut self) -> Option<Index> {
        self.index.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The errors of `text` as an inventory was once read when it had any: row by row, a row
    /// whose address was listed before being an error of its own, read no further.
    fn errors_row_by_row(text: &str) -> Vec<InputError> {
        read_table("inv.csv", text, |table, rows| {
            let c = |names| table.column(names);
            let (address, size, alias) = (c(ADDRESS).expect("address"), c(SIZE), c(ALIAS));
            let mut errors = Vec::new();
            let mut seen: HashMap<String, u64> = HashMap::default();
            let malformed = rows.each(table, |line, record| {
                let addr = trim(&record[address]);
                if !is_address(addr) {
                    let message = format!("`{addr}` is not an email address");
                    errors.push(table.cell_error(line, address, message));
                    return;
                }
                if let Some(first) = seen.insert(fold(addr).into_owned(), line) {
                    let message = format!("`{addr}` is listed twice (first on line {first})");
                    errors.push(table.cell_error(line, address, message));
                    return;
                }
                if let Some(i) = size
                    && let Err(message) = parse_size(&record[i])
                {
                    errors.push(table.cell_error(line, i, message));
                }
                if let Some(i) = alias
                    && let Some(problem) = cells::alias_problem(trim(&record[i]))
                {
                    errors.push(table.cell_error(line, i, problem));
                }
            });
            errors.extend(malformed.err().unwrap_or_default());
            Ok(errors)
        })
        .expect("a header")
    }

    /// An inventory with bad rows and addresses listed twice or more, read once, gets the
    /// errors, in the order, that reading it row by row gives.
    #[test]
    fn errors_come_as_read_row_by_row() {
        fn same(rows: Vec<(u8, u8, u8)>) -> bool {
            const ADDRESSES: [&str; 5] = ["a@x.com", "A@x.com", "b@x.com", "not one", "c@x.com"];
            const SIZES: [&str; 3] = ["1", "x", "2 GB"];
            const ALIASES: [&str; 3] = ["anna", "an na", "bob"];
            let mut text = "EmailAddress,SizeBytes,Alias\n".to_owned();
            for &(a, s, l) in &rows {
                if a % 8 == 7 {
                    text.push_str("too,many,cells,here\n");
                    continue;
                }
                let pick = |list: &[&'static str], k: u8| list[usize::from(k) % list.len()];
                let row = [pick(&ADDRESSES, a), pick(&SIZES, s), pick(&ALIASES, l)];
                text.push_str(&row.join(","));
                text.push('\n');
            }
            let expected = errors_row_by_row(&text);
            match Inventory::parse("inv.csv", &text) {
                Ok(_) => expected.is_empty(),
                Err(errors) => errors == expected,
            }
        }
        quickcheck::QuickCheck::new()
            .tests(1000)
            .quickcheck(same as fn(Vec<(u8, u8, u8)>) -> bool);
    }

    /// The index an inventory is read with (built in file order) resolves every name as an
    /// index built over the sorted mailboxes does: shuffled rows, names shared by several
    /// mailboxes, names one mailbox has in two fields.
    #[test]
    fn the_index_read_with_the_inventory_is_the_sorted_ones() {
        use crate::plan::resolve::Resolver;
        fn same(rows: Vec<(u8, u8, u8, u8)>) -> bool {
            let pool = |n: u8| ["Anna", "anna", "Bob", "Cé", "cÉ", ""][usize::from(n % 6)];
            let mut text = "PrimarySmtpAddress,DisplayName,Name,Alias,SamAccountName\n".to_owned();
            for (i, (d, n, a, s)) in rows.iter().enumerate() {
                let alias = if *a % 6 == 5 {
                    String::new()
                } else {
                    format!("al{}", a % 4)
                };
                text.push_str(&format!(
                    "m{}@x.com,{},{},{alias},{}\n",
                    (i * 7919) % 1000,
                    pool(*d),
                    pool(*n),
                    pool(*s)
                ));
            }
            let Ok(mut inventory) = Inventory::parse("inv.csv", &text) else {
                // Two rows drew one address.
                return true;
            };
            let read = Resolver::of(&mut inventory);
            let sorted = Resolver::new(inventory.mailboxes());
            let mut names: Vec<String> = vec!["al1".into(), "nobody".into()];
            for m in inventory.mailboxes() {
                for name in [m.display_name(), m.name(), m.alias(), m.sam()] {
                    names.push(name.to_owned());
                    names.push(format!("CONTOSO\\{name}"));
                    names.push(format!("contoso.com/Users/{name}"));
                }
                names.push(m.address().to_uppercase());
            }
            names.iter().all(|n| read.resolve(n) == sorted.resolve(n))
        }
        quickcheck::QuickCheck::new()
            .tests(500)
            .quickcheck(same as fn(Vec<(u8, u8, u8, u8)>) -> bool);
    }

    #[test]
    fn a_mailbox_keeps_its_address_names_and_type() {
        let text = "PrimarySmtpAddress,DisplayName,Name,Alias,SamAccountName,Database,RecipientTypeDetails\n\
                    anna@x.com,Anna Ä,Anna,anna,ANNA,DB1,SharedMailbox\n\
                    bob@x.com,,,,,,\n\
                    carl@x.com,Carl,Carl,carl,carl,DB2,LinkedMailbox\n";
        let inventory = Inventory::parse("inv.csv", text).expect("parses");
        let got: Vec<[&str; 7]> = inventory
            .mailboxes()
            .iter()
            .map(|m| {
                [
                    m.address(),
                    m.display_name(),
                    m.name(),
                    m.alias(),
                    m.sam(),
                    m.database(),
                    m.kind(),
                ]
            })
            .collect();
        assert_eq!(
            got,
            [
                [
                    "anna@x.com",
                    "Anna Ä",
                    "Anna",
                    "anna",
                    "ANNA",
                    "DB1",
                    "SharedMailbox"
                ],
                ["bob@x.com", "", "", "", "", "", "UserMailbox"],
                [
                    "carl@x.com",
                    "Carl",
                    "Carl",
                    "carl",
                    "carl",
                    "DB2",
                    "LinkedMailbox"
                ],
            ]
        );
    }

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
        let got: Vec<&str> = inventory.mailboxes.iter().map(|m| m.address()).collect();
        assert_eq!(
            got,
            [
                "a@x.com", "B@x.com", "C@x.com", "d@x.com", "e@x.com", "f@x.com", "g@x.com"
            ]
        );
        assert_eq!(inventory.mailboxes()[0].line, 4);
        // Addresses that agree in their first 16 bytes, or where one begins the other.
        let text = "EmailAddress\nsixteen-chars-xB@x.com\nsixteen-chars-xa@x.com\n\
                    sixteen-chars-x@x.com\nsixteen-chars-xa@x.co\n";
        let inventory = Inventory::parse("inv.csv", text).expect("parses");
        let got: Vec<&str> = inventory.mailboxes.iter().map(|m| m.address()).collect();
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
