//! Resolving the identities permission exports use to mailboxes of the inventory: SMTP
//! addresses, aliases, display names, `DOMAIN\sam`, and canonical names `domain/OU/…/Name`
//! (by the last segment, against `Name`, then `DisplayName`).

use super::hash::{FxHashMap as HashMap, FxHasher};

use super::inventory::Mailbox;

/// A key that names one mailbox, or several (then it resolves to none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry {
    One(usize),
    Ambiguous,
}

/// Which field of a mailbox a table indexes.
#[derive(Clone, Copy, Debug)]
enum Field {
    Address,
    Alias,
    Sam,
    Name,
    Display,
}

fn field(m: &Mailbox, f: Field) -> &str {
    match f {
        Field::Address => &m.address,
        Field::Alias => &m.alias,
        Field::Sam => &m.sam,
        Field::Name => &m.name,
        Field::Display => &m.display_name,
    }
}

/// The hash of `key` in lower case, computed without allocating (ASCII eight bytes at a time).
fn key_hash(key: &str) -> u64 {
    use std::hash::Hasher as _;
    let mut h = FxHasher::default();
    if key.is_ascii() {
        let mut chunks = key.as_bytes().chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            word.make_ascii_lowercase();
            h.write_u64(u64::from_le_bytes(word));
        }
        let mut word = [0u8; 8];
        let rest = chunks.remainder();
        word[..rest.len()].copy_from_slice(rest);
        word.make_ascii_lowercase();
        h.write_u64(u64::from_le_bytes(word));
    } else {
        for c in key.chars().flat_map(char::to_lowercase) {
            h.write_u32(u32::from(c));
        }
    }
    h.finish()
}

/// Case-insensitive equality, as `key_hash` sees it.
fn same(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// One lookup table: hash of the lower-cased key → mailbox. A hash shared by two different
/// keys counts as ambiguous, so a collision can only leave a name unresolved, never resolve it
/// wrongly.
#[derive(Debug)]
struct Table {
    field: Field,
    map: HashMap<u64, Entry>,
}

impl Table {
    fn new(field: Field, mailboxes: &[Mailbox]) -> Self {
        let mut map: HashMap<u64, Entry> =
            HashMap::with_capacity_and_hasher(mailboxes.len(), Default::default());
        for (i, m) in mailboxes.iter().enumerate() {
            let key = super::resolve::field(m, field);
            if key.is_empty() {
                continue;
            }
            map.entry(key_hash(key))
                .and_modify(|e| {
                    if *e != Entry::One(i) {
                        *e = Entry::Ambiguous;
                    }
                })
                .or_insert(Entry::One(i));
        }
        Self { field, map }
    }

    fn get(&self, key: &str, mailboxes: &[Mailbox]) -> Option<usize> {
        match self.map.get(&key_hash(key)) {
            Some(Entry::One(i)) if same(field(&mailboxes[*i], self.field), key) => Some(*i),
            _ => None,
        }
    }
}

/// Lookup tables over the inventory.
#[derive(Debug)]
pub struct Resolver<'m> {
    mailboxes: &'m [Mailbox],
    address: Table,
    alias: Table,
    sam: Table,
    name: Table,
    display: Table,
}

impl<'m> Resolver<'m> {
    /// Indexes `mailboxes`.
    #[must_use]
    pub fn new(mailboxes: &'m [Mailbox]) -> Self {
        Self {
            mailboxes,
            address: Table::new(Field::Address, mailboxes),
            alias: Table::new(Field::Alias, mailboxes),
            sam: Table::new(Field::Sam, mailboxes),
            name: Table::new(Field::Name, mailboxes),
            display: Table::new(Field::Display, mailboxes),
        }
    }

    /// The mailbox an identity names, if exactly one.
    #[must_use]
    pub fn resolve(&self, identity: &str) -> Option<usize> {
        let m = self.mailboxes;
        let t = identity.trim();
        let t = t
            .strip_prefix("SMTP:")
            .or_else(|| t.strip_prefix("smtp:"))
            .unwrap_or(t);
        if t.contains('@') && !t.contains('/') && !t.contains('\\') {
            return self.address.get(t, m);
        }
        if let Some((_, account)) = t.rsplit_once('\\') {
            return self
                .sam
                .get(account, m)
                .or_else(|| self.alias.get(account, m));
        }
        if t.contains('/') {
            let last = t.rsplit('/').next().unwrap_or(t);
            return self.name.get(last, m).or_else(|| self.display.get(last, m));
        }
        self.alias
            .get(t, m)
            .or_else(|| self.sam.get(t, m))
            .or_else(|| self.name.get(t, m))
            .or_else(|| self.display.get(t, m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox(address: &str, name: &str, alias: &str, display: &str) -> Mailbox {
        Mailbox {
            address: address.to_owned(),
            display_name: display.to_owned(),
            name: name.to_owned(),
            alias: alias.to_owned(),
            sam: alias.to_owned(),
            kind: "UserMailbox".to_owned(),
            database: String::new(),
            size_bytes: 0,
            archive_bytes: 0,
            items: None,
        }
    }

    #[test]
    fn every_identity_form() {
        let mailboxes = [
            mailbox("anna@contoso.com", "Anna Smith", "anna", "Anna Smith"),
            mailbox("bob@contoso.com", "Bob Jones", "bob", "Sales"),
            mailbox("carl@contoso.com", "Carl Ray", "carl", "Sales"),
        ];
        let r = Resolver::new(&mailboxes);
        assert_eq!(r.resolve("ANNA@contoso.com"), Some(0));
        assert_eq!(r.resolve("smtp:bob@contoso.com"), Some(1));
        assert_eq!(r.resolve("CONTOSO\\carl"), Some(2));
        assert_eq!(r.resolve("contoso.com/Users/Anna Smith"), Some(0));
        assert_eq!(r.resolve("anna"), Some(0));
        assert_eq!(r.resolve("Bob Jones"), Some(1));
        // Two mailboxes share the display name `Sales`: it names neither.
        assert_eq!(r.resolve("Sales"), None);
        assert_eq!(r.resolve("dave@contoso.com"), None);
    }
}
