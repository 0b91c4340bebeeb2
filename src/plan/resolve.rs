//! Resolving the identities permission exports use to mailboxes of the inventory: SMTP
//! addresses, aliases, display names, `DOMAIN\sam`, and canonical names `domain/OU/…/Name`
//! (by the last segment, against `Name`, then `DisplayName`).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::inventory::{Inventory, Mailbox};

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
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

fn hash(folded: &str) -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(folded.as_bytes());
    h.finish()
}

/// Which field of a mailbox a key is.
#[derive(Clone, Copy, Debug)]
enum Field {
    Address,
    Alias,
    Sam,
    Name,
    Display,
}

impl Field {
    const ALL: [Self; 5] = [
        Self::Address,
        Self::Alias,
        Self::Sam,
        Self::Name,
        Self::Display,
    ];
}

fn field(m: &Mailbox, f: Field) -> &str {
    match f {
        Field::Address => &m.address,
        Field::Alias => m.alias(),
        Field::Sam => m.sam(),
        Field::Name => m.name(),
        Field::Display => m.display_name(),
    }
}

/// No mailbox has the key in this field.
const NONE: u32 = u32::MAX;
/// Set on a mailbox index when another mailbox has the same key in the same field (then the key
/// names none in that field).
const AMBIGUOUS: u32 = 1 << 31;

/// What one folded key names, field by field: a mailbox index, [`NONE`], or an index with
/// [`AMBIGUOUS`] set. One key is often several fields of a mailbox (alias and
/// `SamAccountName`, `Name` and display name): they share a slot, found with one lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot([u32; 5]);

impl Slot {
    const EMPTY: Self = Self([NONE; 5]);

    /// The one mailbox with the key in field `f`.
    fn one(self, f: Field) -> Option<usize> {
        match self.0[f as usize] {
            i if i == NONE || i & AMBIGUOUS != 0 => None,
            i => Some(i as usize),
        }
    }

    /// Records mailbox `i` as having the key in field `f`.
    fn add(&mut self, f: Field, i: u32) {
        let e = &mut self.0[f as usize];
        *e = if *e == NONE { i } else { *e | AMBIGUOUS };
    }
}

/// A key of the index: where its folded text is in the arena, and its slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    start: usize,
    len: u32,
    slot: Slot,
}

/// The inventory's names indexed: folded key → [`Slot`], indexed by the key's hash and checked
/// against the key's text, kept once in one arena (so a lookup reads the table and the arena,
/// not a mailbox and its string). Keys are compared whole, never by hash alone, so two
/// different names can never be taken for one. A key whose hash another key took first goes to
/// a second table keyed by the text.
///
/// Built once, as the inventory is read ([`Index::build`]), on the thread that read it, while
/// other threads still read the permission exports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    keys: String,
    by_hash: FxHashMap<u64, Entry>,
    collided: FxHashMap<String, Slot>,
}

impl Index {
    /// Indexes `mailboxes`, mailbox `i` recorded as mailbox `at[i]`: its place once the list is
    /// sorted. The mailboxes are read in the order they were read from the file, where their
    /// strings lie one after another in memory, so indexing reads memory in order.
    ///
    /// # Panics
    /// When `at` is shorter than `mailboxes` (a bug).
    #[must_use]
    pub fn build(mailboxes: &[Mailbox], at: &[u32]) -> Self {
        let mut index = Self {
            keys: String::new(),
            by_hash: FxHashMap::with_capacity_and_hasher(mailboxes.len() * 3, Default::default()),
            collided: FxHashMap::default(),
        };
        let mut folded = String::new();
        for (m, &i) in mailboxes.iter().zip(at) {
            // Places from 2^31 (two billion mailboxes) are not indexed: they resolve to none.
            if i & AMBIGUOUS != 0 {
                continue;
            }
            // The last key folded (into `folded`) and its hash: a field written as the one
            // before it (a `SamAccountName` that is the alias, a display name that is the
            // `Name`) is not folded and hashed again.
            let mut last: Option<(&str, u64)> = None;
            for f in Field::ALL {
                let key = field(m, f);
                if key.is_empty() {
                    continue;
                }
                let h = match last {
                    Some((before, h)) if before == key => h,
                    _ => {
                        fold_into(key, &mut folded);
                        hash(&folded)
                    }
                };
                last = Some((key, h));
                index.add(&folded, h, f, i);
            }
        }
        index
    }

    /// Records mailbox `i` as having the folded key `folded` (of hash `h`) in field `f`.
    fn add(&mut self, folded: &str, h: u64, f: Field, i: u32) {
        use std::collections::hash_map::Entry as Found;
        match self.by_hash.entry(h) {
            Found::Occupied(mut e) => {
                let e = e.get_mut();
                if self.keys.get(e.start..e.start + e.len as usize) == Some(folded) {
                    e.slot.add(f, i);
                    return;
                }
            }
            Found::Vacant(e) => {
                if let Ok(len) = u32::try_from(folded.len()) {
                    let start = self.keys.len();
                    self.keys.push_str(folded);
                    let mut slot = Slot::EMPTY;
                    slot.add(f, i);
                    e.insert(Entry { start, len, slot });
                    return;
                }
            }
        }
        self.collided
            .entry(folded.to_owned())
            .or_insert(Slot::EMPTY)
            .add(f, i);
    }

    /// The slot of a folded key.
    fn slot(&self, folded: &str) -> Slot {
        let h = hash(folded);
        if let Some(e) = self.by_hash.get(&h)
            && self.keys.get(e.start..e.start + e.len as usize) == Some(folded)
        {
            return e.slot;
        }
        if self.collided.is_empty() {
            return Slot::EMPTY;
        }
        self.collided.get(folded).copied().unwrap_or(Slot::EMPTY)
    }
}

/// Resolves the identities of permission exports to mailboxes through an [`Index`]: the one an
/// inventory was read with ([`Resolver::of`]), or one built for a list of mailboxes.
#[derive(Debug)]
pub struct Resolver<'m> {
    index: Cow<'m, Index>,
}

impl<'m> Resolver<'m> {
    /// Indexes `mailboxes` (in their order).
    #[must_use]
    pub fn new(mailboxes: &'m [Mailbox]) -> Self {
        let at: Vec<u32> = (0..mailboxes.len())
            .map(|i| u32::try_from(i).unwrap_or(NONE))
            .collect();
        Self {
            index: Cow::Owned(Index::build(mailboxes, &at)),
        }
    }

    /// Resolves through the index `inventory` was read with.
    #[must_use]
    pub fn of(inventory: &'m Inventory) -> Self {
        Self {
            index: Cow::Borrowed(inventory.index()),
        }
    }

    /// The slot of a folded key.
    fn slot(&self, folded: &str) -> Slot {
        self.index.slot(folded)
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
        // Folded once: lower-casing never makes or removes the `@`, `\\`, `/` and `:` looked at.
        fold_into(identity.trim(), scratch);
        let t = scratch.as_str();
        let t = t.strip_prefix("smtp:").unwrap_or(t);
        if t.contains('@') && !t.contains('/') && !t.contains('\\') {
            return self.slot(t).one(Field::Address);
        }
        if let Some((_, account)) = t.rsplit_once('\\') {
            let slot = self.slot(account);
            return slot.one(Field::Sam).or_else(|| slot.one(Field::Alias));
        }
        if let Some((_, last)) = t.rsplit_once('/') {
            let slot = self.slot(last);
            return slot.one(Field::Name).or_else(|| slot.one(Field::Display));
        }
        let slot = self.slot(t);
        [Field::Alias, Field::Sam, Field::Name, Field::Display]
            .into_iter()
            .find_map(|f| slot.one(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox(address: &str, name: &str, alias: &str, display: &str) -> Mailbox {
        let names = crate::plan::inventory::MailboxNames {
            display_name: display,
            name,
            alias,
            sam: alias,
            database: "",
        };
        Mailbox::new(address.to_owned(), names, "UserMailbox")
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

    #[test]
    fn keys_sharing_a_hash_stay_apart() {
        let mailboxes = [
            mailbox("a@x.com", "Same", "a", "A"),
            mailbox("b@x.com", "Same", "b", "B"),
            mailbox("c@x.com", "Other", "c", "C"),
        ];
        let mut r = Resolver::new(&mailboxes);
        assert_eq!(r.resolve("Same"), None);
        assert_eq!(r.resolve("other"), Some(2));
        assert_eq!(r.resolve("c"), Some(2));
        // Force a collision: `zed` under the hash of `other` goes to the second table.
        let other = r.index.by_hash[&hash("other")];
        let zed = r.index.to_mut();
        let start = zed.keys.len();
        zed.keys.push_str("other");
        zed.by_hash.insert(hash("zed"), Entry { start, ..other });
        assert_eq!(r.resolve("zed"), None);
        let mut slot = Slot::EMPTY;
        slot.add(Field::Display, 0);
        r.index.to_mut().collided.insert("zed".to_owned(), slot);
        assert_eq!(r.resolve("zed"), Some(0));
        slot.add(Field::Display, 1);
        assert_eq!(slot.one(Field::Display), None);
    }
}
