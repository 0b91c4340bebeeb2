//! Resolving the identities permission exports use to mailboxes of the inventory: SMTP
//! addresses, aliases, display names, `DOMAIN\sam`, and canonical names `domain/OU/…/Name`
//! (by the last segment, against `Name`, then `DisplayName`).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::inventory::Mailbox;

/// The one case folding identities are compared under, for the inventory and the permission
/// exports alike: Unicode lower case (`str::to_lowercase`), so `änna@x` and `ÄNNA@x` name one
/// mailbox. Borrows when the text is folded already (most addresses and aliases).
#[must_use]
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    } else {
        let lower = text.to_lowercase();
        if lower == text {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(lower)
        }
    }
}

/// `text` folded (see [`fold`]) into `out`, which is cleared first: no allocation once `out`
/// has grown, for ASCII text.
fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&text.to_lowercase());
    }
}

/// Whether `text` folds to `folded`, without allocating for ASCII text.
fn folds_to(text: &str, folded: &str) -> bool {
    if text.is_ascii() {
        text.len() == folded.len()
            && text
                .bytes()
                .zip(folded.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        fold(text) == folded
    }
}

fn hash(folded: &str) -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(folded.as_bytes());
    h.finish()
}

/// The first mailbox a key names, and whether another shares it (then it names none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    first: u32,
    ambiguous: bool,
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

/// One lookup table: folded key → mailbox. Indexed by the key's hash and checked against the
/// mailbox's own field, so the table holds no copy of the keys; keys are compared whole, never
/// by hash alone, so two different names can never be taken for one. Keys whose hash another
/// key took first go to a second table keyed by the text.
#[derive(Debug)]
struct Table<'m> {
    mailboxes: &'m [Mailbox],
    field: Field,
    by_hash: FxHashMap<u64, Entry>,
    collided: FxHashMap<String, Entry>,
}

impl<'m> Table<'m> {
    fn new(f: Field, mailboxes: &'m [Mailbox]) -> Self {
        let mut table = Self {
            mailboxes,
            field: f,
            by_hash: FxHashMap::with_capacity_and_hasher(mailboxes.len(), Default::default()),
            collided: FxHashMap::default(),
        };
        let mut folded = String::new();
        // Indexes past `u32` (four billion mailboxes) are not indexed: they resolve to none.
        for (i, m) in mailboxes.iter().enumerate().take(u32::MAX as usize) {
            let key = field(m, f);
            if key.is_empty() {
                continue;
            }
            fold_into(key, &mut folded);
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let fresh = Entry {
                first: i,
                ambiguous: false,
            };
            match table.by_hash.entry(hash(&folded)) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(fresh);
                }
                std::collections::hash_map::Entry::Occupied(mut e) => {
                    let entry = e.get_mut();
                    if folds_to(field(&mailboxes[entry.first as usize], f), &folded) {
                        entry.ambiguous = true;
                    } else {
                        table
                            .collided
                            .entry(folded.clone())
                            .and_modify(|e| e.ambiguous = true)
                            .or_insert(fresh);
                    }
                }
            }
        }
        table
    }

    /// The mailbox a folded key names, if exactly one.
    fn get(&self, folded: &str) -> Option<usize> {
        let entry = match self.by_hash.get(&hash(folded)) {
            Some(e) if folds_to(field(&self.mailboxes[e.first as usize], self.field), folded) => {
                Some(e)
            }
            Some(_) => self.collided.get(folded),
            None => None,
        };
        match entry {
            Some(e) if !e.ambiguous => Some(e.first as usize),
            _ => None,
        }
    }
}

/// Lookup tables over the inventory.
#[derive(Debug)]
pub struct Resolver<'m> {
    address: Table<'m>,
    alias: Table<'m>,
    sam: Table<'m>,
    name: Table<'m>,
    display: Table<'m>,
}

impl<'m> Resolver<'m> {
    /// Indexes `mailboxes`.
    #[must_use]
    pub fn new(mailboxes: &'m [Mailbox]) -> Self {
        Self {
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
        self.resolve_with(identity, &mut String::new())
    }

    /// [`Self::resolve`] with a buffer for the folded identity, kept between calls so resolving
    /// a million names does not allocate a million times.
    #[must_use]
    pub fn resolve_with(&self, identity: &str, scratch: &mut String) -> Option<usize> {
        // Folded once: lower-casing never makes or removes the `@`, `\`, `/` and `:` looked at.
        fold_into(identity.trim(), scratch);
        let t = scratch.as_str();
        let t = t.strip_prefix("smtp:").unwrap_or(t);
        if t.contains('@') && !t.contains('/') && !t.contains('\\') {
            return self.address.get(t);
        }
        if let Some((_, account)) = t.rsplit_once('\\') {
            return self.sam.get(account).or_else(|| self.alias.get(account));
        }
        if let Some((_, last)) = t.rsplit_once('/') {
            return self.name.get(last).or_else(|| self.display.get(last));
        }
        self.alias
            .get(t)
            .or_else(|| self.sam.get(t))
            .or_else(|| self.name.get(t))
            .or_else(|| self.display.get(t))
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
            line: 0,
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

    #[test]
    fn keys_are_compared_whole_and_folded_one_way() {
        // Names whose 64-bit FxHash values once collided stay two mailboxes.
        let mailboxes = [
            mailbox(
                "ataylor14@contoso.com",
                "W1",
                "ataylor14",
                "Wanda Silva 35205",
            ),
            mailbox(
                "ataylor99@contoso.com",
                "W2",
                "ataylor99",
                "Wanda Silva 35288",
            ),
            mailbox("änna@contoso.com", "Änna", "änna", "Änna Öberg"),
        ];
        let r = Resolver::new(&mailboxes);
        assert_eq!(r.resolve("ataylor14@contoso.com"), Some(0));
        assert_eq!(r.resolve("ATAYLOR99@contoso.com"), Some(1));
        assert_eq!(r.resolve("Wanda Silva 35205"), Some(0));
        assert_eq!(r.resolve("wanda silva 35288"), Some(1));
        assert_eq!(r.resolve("ÄNNA@CONTOSO.COM"), Some(2));
        assert_eq!(r.resolve("CONTOSO\\ÄNNA"), Some(2));
        assert_eq!(r.resolve("änna öberg"), Some(2));
        assert_eq!(fold("ÄNNA@x.com"), fold("änna@X.com"));
        assert!(folds_to("ÄNNA@x.com", "änna@x.com"));
        assert!(!folds_to("Anna", "anne"));
    }

    #[test]
    fn keys_sharing_a_hash_stay_apart() {
        let mailboxes = [
            mailbox("a@x.com", "Same", "a", "A"),
            mailbox("b@x.com", "Same", "b", "B"),
            mailbox("c@x.com", "Other", "c", "C"),
        ];
        let mut table = Table::new(Field::Name, &mailboxes);
        assert_eq!(table.get("same"), None);
        assert_eq!(table.get("other"), Some(2));
        // Force a collision: `zed` under the hash of `other` goes to the second table.
        let other = *table.by_hash.get(&hash("other")).expect("indexed");
        table.by_hash.insert(hash("zed"), other);
        assert_eq!(table.get("zed"), None);
        table.collided.insert(
            "zed".to_owned(),
            Entry {
                first: 0,
                ambiguous: false,
            },
        );
        assert_eq!(table.get("zed"), Some(0));
    }
}
