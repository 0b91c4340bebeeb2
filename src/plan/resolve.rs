//! Resolving the identities permission exports use to mailboxes of the inventory: SMTP
//! addresses, aliases, display names, `DOMAIN\sam`, and canonical names `domain/OU/…/Name`
//! (by the last segment, against `Name`, then `DisplayName`).

use super::hash::FxHashMap as HashMap;

use super::inventory::Mailbox;

/// A key that names one mailbox, or several (then it resolves to none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry {
    One(usize),
    Ambiguous,
}

/// Lookup tables over the inventory, keys in lower case.
#[derive(Debug, Default)]
pub struct Resolver {
    address: HashMap<String, usize>,
    alias: HashMap<String, Entry>,
    sam: HashMap<String, Entry>,
    name: HashMap<String, Entry>,
    display: HashMap<String, Entry>,
}

fn add(map: &mut HashMap<String, Entry>, key: &str, index: usize) {
    if key.is_empty() {
        return;
    }
    map.entry(key.to_lowercase())
        .and_modify(|e| {
            if *e != Entry::One(index) {
                *e = Entry::Ambiguous;
            }
        })
        .or_insert(Entry::One(index));
}

/// `key` in lower case, borrowed when it already is.
fn lower(key: &str) -> std::borrow::Cow<'_, str> {
    if key.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(key.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(key)
    }
}

fn get(map: &HashMap<String, Entry>, key: &str) -> Option<usize> {
    match map.get(lower(key).as_ref()) {
        Some(Entry::One(i)) => Some(*i),
        _ => None,
    }
}

impl Resolver {
    /// Indexes `mailboxes`.
    #[must_use]
    pub fn new(mailboxes: &[Mailbox]) -> Self {
        let mut r = Self {
            address: HashMap::with_capacity_and_hasher(mailboxes.len(), Default::default()),
            ..Self::default()
        };
        for (i, m) in mailboxes.iter().enumerate() {
            r.address.insert(m.address.to_lowercase(), i);
            add(&mut r.alias, &m.alias, i);
            add(&mut r.sam, &m.sam, i);
            add(&mut r.name, &m.name, i);
            add(&mut r.display, &m.display_name, i);
        }
        r
    }

    /// The mailbox an identity names, if exactly one.
    #[must_use]
    pub fn resolve(&self, identity: &str) -> Option<usize> {
        let t = identity.trim();
        let t = t
            .strip_prefix("SMTP:")
            .or_else(|| t.strip_prefix("smtp:"))
            .unwrap_or(t);
        if t.contains('@') && !t.contains('/') && !t.contains('\\') {
            return self.address.get(lower(t).as_ref()).copied();
        }
        if let Some((_, account)) = t.rsplit_once('\\') {
            return get(&self.sam, account).or_else(|| get(&self.alias, account));
        }
        if t.contains('/') {
            let last = t.rsplit('/').next().unwrap_or(t);
            return get(&self.name, last).or_else(|| get(&self.display, last));
        }
        get(&self.alias, t)
            .or_else(|| get(&self.sam, t))
            .or_else(|| get(&self.name, t))
            .or_else(|| get(&self.display, t))
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
        let r = Resolver::new(&[
            mailbox("anna@contoso.com", "Anna Smith", "anna", "Anna Smith"),
            mailbox("bob@contoso.com", "Bob Jones", "bob", "Sales"),
            mailbox("carl@contoso.com", "Carl Ray", "carl", "Sales"),
        ]);
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
