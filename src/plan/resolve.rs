//! Resolving the identities permission exports use to mailboxes of the inventory: SMTP
//! addresses, aliases, display names, `DOMAIN\sam`, and canonical names `domain/OU/…/Name`
//! (by the last segment, against `Name`, then `DisplayName`).

use std::borrow::Cow;

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
        Field::Address => m.address(),
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

/// A key of the index: where its folded text is in its part's arena, and what it names.
///
/// Nearly every key names one mailbox, in one field or in several (alias and
/// `SamAccountName`): that mailbox is `who` and `fields` has a bit per field (`1 << f`). A key
/// that names two mailboxes, or one twice in a field, has its [`Slot`] spilled: [`SPILLED`] in
/// `fields`, and `who` its place in the part's spilled slots. So an entry takes 16 bytes, not
/// the 28 a slot in every entry would.
#[derive(Clone, Copy, Debug)]
struct Entry {
    start: u32,
    len: u32,
    who: u32,
    fields: u8,
}

// The size the index's memory is reckoned in.
const _: () = assert!(size_of::<Entry>() == 16);

/// Set in [`Entry::fields`] when the entry's slot is spilled.
const SPILLED: u8 = 0x80;

/// The keys of one part of the [`Index`]: folded key → [`Slot`], found by the key's hash and
/// compared with the key's text, kept once in one arena (so a lookup reads the table and the
/// arena, not a mailbox and its string). Keys are compared whole, never by hash alone, so two
/// different names can never be taken for one.
#[derive(Clone, Debug, Default)]
struct Part {
    keys: String,
    table: hashbrown::HashTable<Entry>,
    /// The slots of keys that name more than one mailbox (or one twice in a field).
    spilled: Vec<Slot>,
}

/// The text at `start..start + len` of a part's arena `keys`.
fn text(keys: &str, start: u32, len: u32) -> &str {
    keys.get(start as usize..start as usize + len as usize)
        .unwrap_or_default()
}

/// The bit of field `f` in [`Entry::fields`].
const fn bit(f: Field) -> u8 {
    1 << f as u8
}

impl Part {
    /// The text of a key.
    fn key(&self, e: &Entry) -> &str {
        text(&self.keys, e.start, e.len)
    }

    /// Records mailbox `i` as having the folded key at `start..start + len` of the arena (of
    /// hash `h`) in field `f`.
    fn add(&mut self, start: u32, len: u32, h: u64, f: Field, i: u32) {
        let Self {
            keys,
            table,
            spilled,
        } = self;
        let folded = text(keys, start, len);
        let found = table.entry(
            h,
            |e| text(keys, e.start, e.len) == folded,
            |e| hash(text(keys, e.start, e.len)),
        );
        let e = match found {
            hashbrown::hash_table::Entry::Occupied(e) => e.into_mut(),
            hashbrown::hash_table::Entry::Vacant(e) => {
                e.insert(Entry {
                    start,
                    len,
                    who: i,
                    fields: bit(f),
                });
                return;
            }
        };
        if e.fields & SPILLED != 0 {
            if let Some(slot) = spilled.get_mut(e.who as usize) {
                slot.add(f, i);
            }
        } else if e.who == i && e.fields & bit(f) == 0 {
            e.fields |= bit(f);
        } else {
            let mut slot = Self::slot_of(e, &[]);
            slot.add(f, i);
            // Past four billion spilled keys in one part (never, with 2^31 mailboxes at most):
            // the key names none.
            let at = u32::try_from(spilled.len()).unwrap_or(NONE);
            if at != NONE {
                spilled.push(slot);
            }
            *e = Entry {
                who: at,
                fields: SPILLED,
                ..*e
            };
        }
    }

    /// The slot an entry stands for.
    fn slot_of(e: &Entry, spilled: &[Slot]) -> Slot {
        if e.fields & SPILLED != 0 {
            return spilled.get(e.who as usize).copied().unwrap_or(Slot::EMPTY);
        }
        let mut slot = Slot::EMPTY;
        for f in Field::ALL {
            if e.fields & bit(f) != 0 {
                slot.0[f as usize] = e.who;
            }
        }
        slot
    }

    /// The slot of a folded key of hash `h`.
    fn slot(&self, folded: &str, h: u64) -> Slot {
        self.table
            .find(h, |e| self.key(e) == folded)
            .map_or(Slot::EMPTY, |e| Self::slot_of(e, &self.spilled))
    }
}

/// A key set aside for its part, as its mailbox's place, its field, and its length: the keys of
/// a part follow each other in its arena in the order they are set aside, so where each starts
/// need not be kept. [`SAME`] as the length: the key is the one set aside before it.
#[derive(Clone, Copy, Debug)]
struct Pending {
    i: u32,
    f: Field,
    len: u32,
}

/// The length of a [`Pending`] key written as the one before it.
const SAME: u32 = u32::MAX;

/// The keys an index puts in one part, about: few enough that a part's table stays in the
/// processor's caches while it is built.
const KEYS_PER_PART: usize = 32 * 1024;

/// The inventory's names indexed: folded key → [`Slot`], in [`Part`]s by hash.
///
/// Built once, as the inventory is read ([`Index::build`]), on the thread that read it, while
/// other threads still read the permission exports: each key is folded and hashed once, in the
/// order the mailboxes were read, and set aside for its part; then each part's table is built
/// whole, small enough to stay in the caches, instead of one large table taking its keys in no
/// order.
#[derive(Clone, Debug, Default)]
pub struct Index {
    parts: Vec<Part>,
}

/// Which of `parts` (a power of two) parts a hash is in: bits neither a table's bucket index
/// (the low bits) nor its tag (the top seven) uses, so each part's table is as well spread as
/// one table.
const fn part_of(h: u64, parts: usize) -> usize {
    (h >> 40) as usize & (parts - 1)
}

impl Index {
    /// Indexes `mailboxes`, mailbox `i` recorded as mailbox `at[i]`: its place once the list is
    /// sorted. The mailboxes are read in the order they were read from the file, where their
    /// strings lie one after another in memory, so indexing reads memory in order. A key is not
    /// indexed (it names no mailbox) when its part's keys would pass 4 GiB.
    #[must_use]
    pub fn build(mailboxes: &[Mailbox], at: &[u32]) -> Self {
        let parts = (mailboxes.len() * 3 / KEYS_PER_PART)
            .clamp(1, 1 << 16)
            .next_power_of_two();
        let mut index = Self {
            parts: vec![Part::default(); parts],
        };
        // Room for five keys a mailbox and an eighth more, as hashes spread them: few grow.
        let room = mailboxes.len() * 5 / parts;
        let mut pending: Vec<Vec<Pending>> = (0..parts)
            .map(|_| Vec::with_capacity(room + room / 8))
            .collect();
        let mut folded = String::new();
        for (m, &i) in mailboxes.iter().zip(at) {
            // Places from 2^31 (two billion mailboxes) are not indexed: they resolve to none.
            if i & AMBIGUOUS != 0 {
                continue;
            }
            // The last key folded (into `folded`) and its part: a field written as the one
            // before it (a `SamAccountName` that is the alias, a display name that is the
            // `Name`) is not folded, hashed and kept again.
            let mut last: Option<(&str, usize)> = None;
            for f in Field::ALL {
                let key = field(m, f);
                if key.is_empty() {
                    continue;
                }
                let (p, len) = match last {
                    Some((before, p)) if before == key => (p, SAME),
                    _ => {
                        fold_into(key, &mut folded);
                        let p = part_of(hash(&folded), parts);
                        let arena = &mut index.parts[p].keys;
                        let len = u32::try_from(folded.len()).unwrap_or(SAME);
                        if len == SAME || u32::try_from(arena.len() + folded.len()).is_err() {
                            last = None;
                            continue;
                        }
                        arena.push_str(&folded);
                        (p, len)
                    }
                };
                last = Some((key, p));
                pending[p].push(Pending { i, f, len });
            }
        }
        for (part, pending) in index.parts.iter_mut().zip(pending) {
            let keys = pending.iter().filter(|p| p.len != SAME).count();
            part.table = hashbrown::HashTable::with_capacity(keys);
            // Where the next key starts, and the last key (start, length, hash).
            let (mut next, mut at) = (0, (0, 0, 0));
            for Pending { i, f, len } in pending {
                if len != SAME {
                    at = (next, len, hash(text(&part.keys, next, len)));
                    next += len;
                }
                part.add(at.0, at.1, at.2, f, i);
            }
        }
        index
    }

    /// The slot of a folded key.
    fn slot(&self, folded: &str) -> Slot {
        let h = hash(folded);
        self.parts
            .get(part_of(h, self.parts.len().max(1)))
            .map_or(Slot::EMPTY, |part| part.slot(folded, h))
    }
}

/// Resolves the identities of permission exports to mailboxes through an [`Index`]: the one an
/// inventory was read with ([`Resolver::of`]), or one built for a list of mailboxes.
#[derive(Debug)]
pub struct Resolver {
    index: Index,
}

impl Resolver {
    /// Indexes `mailboxes` (in their order).
    #[must_use]
    pub fn new(mailboxes: &[Mailbox]) -> Self {
        let at: Vec<u32> = (0..mailboxes.len())
            .map(|i| u32::try_from(i).unwrap_or(NONE))
            .collect();
        Self {
            index: Index::build(mailboxes, &at),
        }
    }

    /// Resolves through the index `inventory` was read with, taken from it, so that it is
    /// freed with the resolver; or, when the inventory has none (any more), through one built
    /// for its mailboxes.
    #[must_use]
    pub fn of(inventory: &mut Inventory) -> Self {
        match inventory.take_index() {
            Some(index) => Self { index },
            None => Self::new(inventory.mailboxes()),
        }
    }

    /// The mailbox an identity names, if exactly one.
    #[must_use]
    pub fn resolve(&self, identity: &str) -> Option<usize> {
        self.resolve_with(identity, &mut String::new())
    }

    /// [`Self::resolve`] with a buffer for the folded identity, kept between calls so resolving
    /// many names does not allocate for each.
    #[must_use]
    pub fn resolve_with(&self, identity: &str, scratch: &mut String) -> Option<usize> {
        fold_into(identity.trim(), scratch);
        let (form, key) = Form::of(scratch);
        form.pick(self.index.slot(key))
    }

    /// The mailbox each of `names` resolves to ([`Self::resolve`]), as `u32`.
    ///
    /// Many names against a large index are looked up part by part: each name's key is folded,
    /// hashed and set aside for its part in one pass over the names, then each part's keys are
    /// looked up together, while that part's table is in the processor's caches, instead of each
    /// lookup reading memory at random.
    #[must_use]
    pub fn resolve_each<'n>(
        &self,
        names: impl ExactSizeIterator<Item = &'n str>,
    ) -> Vec<Option<u32>> {
        let mut scratch = String::new();
        let one = |name: &str, scratch: &mut String| {
            self.resolve_with(name, scratch)
                .and_then(|i| u32::try_from(i).ok())
        };
        let parts = &self.index.parts;
        if parts.len() < 2 || names.len() < parts.len() * 64 {
            return names.map(|name| one(name, &mut scratch)).collect();
        }
        // Each part's keys, one after another, and (name, form, key length) for each.
        let mut waiting: Vec<Waiting> = vec![Waiting::default(); parts.len()];
        let mut out = vec![None; names.len()];
        for (j, name) in names.enumerate() {
            fold_into(name.trim(), &mut scratch);
            let (form, key) = Form::of(&scratch);
            let (Ok(j), Ok(len)) = (u32::try_from(j), u32::try_from(key.len())) else {
                // Past four billion names, or a key of four gigabytes: looked up alone.
                out[j] = one(name, &mut String::new());
                continue;
            };
            let (keys, items) = &mut waiting[part_of(hash(key), parts.len())];
            keys.push_str(key);
            items.push((j, form, len));
        }
        for (part, (keys, items)) in parts.iter().zip(waiting) {
            let mut start = 0usize;
            for (j, form, len) in items {
                let key = keys.get(start..start + len as usize).unwrap_or_default();
                start += len as usize;
                out[j as usize] = form
                    .pick(part.slot(key, hash(key)))
                    .and_then(|i| u32::try_from(i).ok());
            }
        }
        out
    }
}

/// The keys of names waiting to be looked up in one part, one after another, and for each the
/// name's place, form and key length.
type Waiting = (String, Vec<(u32, Form, u32)>);

/// How an identity names a mailbox, which says which fields its key is looked for in.
#[derive(Clone, Copy, Debug)]
enum Form {
    /// An SMTP address (`smtp:` prefix or not): the primary address.
    Address,
    /// `DOMAIN\account`: the `SamAccountName`, then the alias.
    Account,
    /// A canonical name `domain/OU/…/Name`: by its last segment, `Name`, then display name.
    Canonical,
    /// Anything else: alias, `SamAccountName`, `Name`, display name, in that order.
    Bare,
}

impl Form {
    /// The form of a folded identity and the key to look up. Lower-casing never makes or removes
    /// the `@`, `\\`, `/` and `:` looked at, so the folded text is read.
    fn of(folded: &str) -> (Self, &str) {
        let t = folded.strip_prefix("smtp:").unwrap_or(folded);
        if t.contains('@') && !t.contains('/') && !t.contains('\\') {
            return (Self::Address, t);
        }
        if let Some((_, account)) = t.rsplit_once('\\') {
            return (Self::Account, account);
        }
        if let Some((_, last)) = t.rsplit_once('/') {
            return (Self::Canonical, last);
        }
        (Self::Bare, t)
    }

    /// The mailbox a key's slot names in this form.
    fn pick(self, slot: Slot) -> Option<usize> {
        let fields: &[Field] = match self {
            Self::Address => &[Field::Address],
            Self::Account => &[Field::Sam, Field::Alias],
            Self::Canonical => &[Field::Name, Field::Display],
            Self::Bare => &[Field::Alias, Field::Sam, Field::Name, Field::Display],
        };
        fields.iter().find_map(|&f| slot.one(f))
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
        Mailbox::new(address, names, "UserMailbox")
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
        let r = Resolver::new(&mailboxes);
        assert_eq!(r.resolve("Same"), None);
        assert_eq!(r.resolve("other"), Some(2));
        assert_eq!(r.resolve("c"), Some(2));
        // Two keys under one hash: each is found by its text.
        let mut part = Part::default();
        part.keys.push_str("otherzed");
        part.add(0, 5, 7, Field::Display, 0);
        part.add(5, 3, 7, Field::Display, 1);
        part.add(0, 5, 7, Field::Name, 2);
        assert_eq!(part.slot("other", 7).one(Field::Display), Some(0));
        assert_eq!(part.slot("other", 7).one(Field::Name), Some(2));
        assert_eq!(part.slot("zed", 7).one(Field::Display), Some(1));
        assert_eq!(part.slot("zeb", 7), Slot::EMPTY);
        let mut slot = Slot::EMPTY;
        slot.add(Field::Display, 0);
        slot.add(Field::Display, 1);
        assert_eq!(slot.one(Field::Display), None);
    }

    /// Any keys added in any fields of any mailboxes are found in a part's compact entries as
    /// in a slot kept whole for each key: the one mailbox per field, none where two have it.
    #[test]
    fn compact_entries_name_what_whole_slots_name() {
        const KEYS: [&str; 3] = ["anna", "bob", "carl"];
        fn same(adds: Vec<(u8, u8, u8)>) -> bool {
            let mut part = Part::default();
            for key in KEYS {
                part.keys.push_str(key);
            }
            let mut whole = [Slot::EMPTY; KEYS.len()];
            for (k, f, i) in adds {
                let k = usize::from(k) % KEYS.len();
                let f = Field::ALL[usize::from(f) % Field::ALL.len()];
                let i = u32::from(i % 4);
                let start: usize = KEYS[..k].iter().map(|key| key.len()).sum();
                let (start, len) = (start as u32, KEYS[k].len() as u32);
                part.add(start, len, hash(KEYS[k]), f, i);
                whole[k].add(f, i);
            }
            KEYS.iter()
                .zip(whole)
                .all(|(key, slot)| part.slot(key, hash(key)) == slot)
                && part.slot("dora", hash("dora")) == Slot::EMPTY
        }
        quickcheck::QuickCheck::new()
            .tests(5_000)
            .quickcheck(same as fn(Vec<(u8, u8, u8)>) -> bool);
    }

    #[test]
    fn a_large_inventory_is_indexed_in_parts_alike() {
        let n = KEYS_PER_PART * 2;
        let mailboxes: Vec<Mailbox> = (0..n)
            .map(|i| {
                let display = if i % 1000 == 0 { "Shared" } else { "" };
                mailbox(
                    &format!("m{i}@x.com"),
                    &format!("N{i}"),
                    &format!("a{i}"),
                    display,
                )
            })
            .collect();
        let r = Resolver::new(&mailboxes);
        assert!(r.index.parts.len() > 1);
        for i in [0, 1, 777, KEYS_PER_PART, n - 1] {
            assert_eq!(r.resolve(&format!("M{i}@X.com")), Some(i));
            assert_eq!(r.resolve(&format!("CONTOSO\\A{i}")), Some(i));
            assert_eq!(r.resolve(&format!("contoso.com/Users/n{i}")), Some(i));
        }
        assert_eq!(r.resolve("shared"), None);
        assert_eq!(r.resolve(&format!("m{n}@x.com")), None);
        // Many names at once are looked up part by part, to the same mailboxes.
        let names: Vec<String> = (0..n + 100)
            .step_by(7)
            .flat_map(|i| {
                [
                    format!("smtp:M{i}@x.com"),
                    format!("CONTOSO\\a{i}"),
                    format!("x.com/Users/N{i}"),
                    format!(" a{i} "),
                    "Shared".to_owned(),
                    format!("m{i}@x.com/odd"),
                ]
            })
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert!(names.len() > r.index.parts.len() * 64);
        let each = r.resolve_each(names.iter().copied());
        assert!(each.iter().filter(|m| m.is_some()).count() > names.len() / 2);
        for (name, found) in names.iter().zip(&each) {
            assert_eq!(r.resolve(name).map(|i| i as u32), *found, "{name}");
        }
        assert_eq!(Resolver::of(&mut Inventory::default()).resolve("a1"), None);
        let text = "EmailAddress,Alias\nm1@x.com,a1\n";
        let mut inventory = Inventory::parse("inv.csv", text).expect("parses");
        assert!(inventory.index().is_some());
        // The index is taken with the first resolver; the next one indexes the mailboxes again.
        assert_eq!(Resolver::of(&mut inventory).resolve("a1"), Some(0));
        assert!(inventory.index().is_none());
        assert_eq!(Resolver::of(&mut inventory).resolve("a1"), Some(0));
    }
}
