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

/// The mailbox a key names, or [`AMBIGUOUS`] when several share it (then it resolves to none).
type Entry = u32;

/// The entry of a key that several mailboxes share.
const AMBIGUOUS: Entry = u32::MAX;

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

/// One lookup table: the exact folded key → mailbox. Keys are compared whole, never by hash
/// alone, so two different names can never be taken for one.
#[derive(Debug)]
struct Table<'m> {
    map: FxHashMap<Cow<'m, str>, Entry>,
}

impl<'m> Table<'m> {
    fn new(f: Field, mailboxes: &'m [Mailbox]) -> Self {
        let mut map: FxHashMap<Cow<'m, str>, Entry> =
            FxHashMap::with_capacity_and_hasher(mailboxes.len(), Default::default());
        for (i, m) in mailboxes.iter().enumerate() {
            let key = field(m, f);
            if key.is_empty() {
                continue;
            }
            // Indexes past `u32` (four billion mailboxes) are not indexed: they resolve to none.
            let i = Entry::try_from(i).unwrap_or(AMBIGUOUS);
            map.entry(fold(key))
                .and_modify(|e| {
                    if *e != i {
                        *e = AMBIGUOUS;
                    }
                })
                .or_insert(i);
        }
        Self { map }
    }

    /// The mailbox a folded key names, if exactly one.
    fn get(&self, folded: &str) -> Option<usize> {
        match self.map.get(folded) {
            Some(&i) if i != AMBIGUOUS => Some(i as usize),
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
        // Folded once: lower-casing never makes or removes the `@`, `\`, `/` and `:` looked at.
        let folded = fold(identity.trim());
        let t = folded.as_ref();
        let t = t.strip_prefix("smtp:").unwrap_or(t);
        if t.contains('@') && !t.contains('/') && !t.contains('\\') {
            return self.address.get(t);
        }
        if let Some((_, account)) = t.rsplit_once('\\') {
            return self.sam.get(account).or_else(|| self.alias.get(account));
        }
        if t.contains('/') {
            let last = t.rsplit('/').next().unwrap_or(t);
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
    }
}
