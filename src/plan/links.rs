//! Planning stage 1, resolve links: the grants of the permission exports, their identities
//! resolved to mailboxes of the inventory, as links between two mailboxes over the rights that
//! keep mailboxes together; the names that resolve to no mailbox are counted.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use super::permissions::{Export, Names, Right};
use super::resolve::Resolver;

/// A link: the mailbox the right is on, who holds it (both inventory indexes), and the right.
/// Ordered by mailbox, delegate and right, so a sorted list follows the inventory's order.
pub type Link = (u32, u32, Right);

/// The links between mailboxes of the inventory, and the names that resolve to none.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Links {
    /// Links over the linking rights, sorted, each once.
    pub linking: Vec<Link>,
    /// Names the exports use that resolve to no mailbox (or to several), with their rows.
    pub unresolved: BTreeMap<String, usize>,
}

/// The mailbox each name of `range` resolves to.
fn resolve_all(
    resolver: &Resolver,
    names: &Names,
    range: std::ops::Range<usize>,
) -> Vec<Option<u32>> {
    resolver.resolve_each(range.map(|i| names.get(i)))
}

/// [`resolve_all`], the second half of a long list on a second thread (lookups are read-only
/// and independent; the result is in the names' order either way).
fn resolve_names(resolver: &Resolver, names: &Names) -> Vec<Option<u32>> {
    const ALONE: usize = 50_000;
    let n = names.len();
    if n < ALONE {
        return resolve_all(resolver, names, 0..n);
    }
    let half = n / 2;
    std::thread::scope(|scope| {
        let other = scope.spawn(|| resolve_all(resolver, names, half..n));
        let mut out = resolve_all(resolver, names, 0..half);
        // A panic there is a bug: do its half here instead.
        out.extend(
            other
                .join()
                .unwrap_or_else(|_| resolve_all(resolver, names, half..n)),
        );
        out
    })
}

/// Adds the links of `export`, its names resolved as `resolved`, to `out` (unsorted).
fn add_export(export: &Export, resolved: &[Option<u32>], rights: &[Right], out: &mut Links) {
    let mut missing: Vec<u32> = vec![0; export.names.len()];
    out.linking.reserve(export.grants.len());
    for grant in &export.grants {
        let (mi, di) = (grant.mailbox as usize, grant.delegate as usize);
        match (resolved[mi], resolved[di]) {
            (Some(m), Some(d)) if m != d && rights.contains(&grant.right) => {
                out.linking.push((m, d, grant.right));
            }
            (Some(_), Some(_)) => {}
            (None, _) => missing[mi] += 1,
            (_, None) => missing[di] += 1,
        }
    }
    for (name, count) in export.names.iter().zip(missing) {
        if count > 0 {
            *out.unresolved.entry(name.to_owned()).or_default() += count as usize;
        }
    }
}

/// The links of the exports that `take` hands out one at a time, sorted, each once. An export
/// handed over (not borrowed) is freed as soon as its links are made.
fn links_of<E: Borrow<Export>>(
    resolver: &Resolver,
    rights: &[Right],
    mut take: impl FnMut() -> Option<E>,
) -> Links {
    let mut out = Links::default();
    while let Some(export) = take() {
        let export = export.borrow();
        let resolved = resolve_all(resolver, &export.names, 0..export.names.len());
        add_export(export, &resolved, rights, &mut out);
    }
    out.linking.sort_unstable();
    out.linking.dedup();
    out
}

/// Two sorted lists as one, sorted, each link once.
fn merge(a: Vec<Link>, b: Vec<Link>) -> Vec<Link> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x <= y => a.next(),
            (Some(_), Some(_)) | (None, Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, None) => break,
        };
        if let Some(link) = next
            && out.last() != Some(&link)
        {
            out.push(link);
        }
    }
    out
}

/// Resolves the grants of `exports` through `resolver`, keeping the links over `rights`. With
/// several large exports, two threads each take the next export (largest first), resolve its
/// names and link its grants, and their sorted links are merged; one export has its names
/// resolved in two halves instead. Exports handed over (not borrowed) are freed one by one as
/// their links are made, so the links grow as the exports go.
#[must_use]
pub fn resolve_links<E: Borrow<Export> + Send>(
    resolver: &Resolver,
    exports: impl IntoIterator<Item = E>,
    rights: &[Right],
) -> Links {
    const ALONE: usize = 50_000;
    let mut exports: Vec<E> = exports.into_iter().collect();
    let names: usize = exports.iter().map(|e| e.borrow().names.len()).sum();
    if exports.len() < 2 || names < ALONE {
        let mut out = Links::default();
        for export in exports {
            let export = export.borrow();
            let resolved = resolve_names(resolver, &export.names);
            add_export(export, &resolved, rights, &mut out);
        }
        out.linking.sort_unstable();
        out.linking.dedup();
        return out;
    }
    exports.sort_by_key(|e| std::cmp::Reverse(e.borrow().names.len()));
    let queue = std::sync::Mutex::new(exports.into_iter());
    // A thread that failed while taking one leaves the rest of the queue as it was.
    let take = || {
        queue
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .next()
    };
    let (first, second) = std::thread::scope(|scope| {
        let other = scope.spawn(|| links_of(resolver, rights, take));
        let mine = links_of(resolver, rights, take);
        (mine, other.join())
    });
    // A panic there is a bug, and the exports it took are gone: it is the caller's.
    let second = second.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let mut unresolved = first.unresolved;
    for (name, count) in second.unresolved {
        *unresolved.entry(name).or_default() += count;
    }
    Links {
        linking: merge(first.linking, second.linking),
        unresolved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Inventory;

    #[test]
    fn links_are_resolved_filtered_and_deduplicated() {
        let inventory = Inventory::parse(
            "inv.csv",
            "EmailAddress,DisplayName\nanna@x.com,Anna\nbob@x.com,Bob\ncarl@x.com,Carl\n",
        )
        .expect("parses");
        let resolver = Resolver::new(inventory.mailboxes());
        let export = Export::parse(
            "p.csv",
            "Mailbox,Delegate,Right\nbob@x.com,anna@x.com,FullAccess\nbob@x.com,Anna,FullAccess\n\
             carl@x.com,bob@x.com,SendAs\nanna@x.com,ghost@x.com,FullAccess\n\
             ghost@x.com,anna@x.com,Calendar\nanna@x.com,anna@x.com,FullAccess\n",
        )
        .expect("parses");
        let links = resolve_links(&resolver, &[export], &[Right::FullAccess, Right::Calendar]);
        // One Full Access link from bob (1) to anna (0), written twice; Send As is not kept.
        assert_eq!(links.linking, vec![(1, 0, Right::FullAccess)]);
        // The unknown mailbox counts once per row, as mailbox and as delegate.
        assert_eq!(
            links.unresolved.into_iter().collect::<Vec<_>>(),
            vec![("ghost@x.com".to_owned(), 2)]
        );
    }

    #[test]
    fn several_large_exports_link_as_each_alone_does() {
        let text: String = std::iter::once("EmailAddress\n".to_owned())
            .chain((0..1000).map(|i| format!("m{i:04}@x.com\n")))
            .collect();
        let inventory = Inventory::parse("inv.csv", &text).expect("parses");
        let resolver = Resolver::new(inventory.mailboxes());
        // Three exports of 30,000 rows, overlapping, with names outside the inventory.
        let exports = || -> Vec<Export> {
            (0..3)
                .map(|k| {
                    let rows: String = std::iter::once("Mailbox,Delegate,Right\n".to_owned())
                        .chain((0..30_000).map(|i| {
                            let right = if i % 3 == 0 { "SendAs" } else { "FullAccess" };
                            format!(
                                "m{:04}@x.com,m{:04}@x.com,{right}\n",
                                (i * 7 + k) % 1100,
                                i % 997
                            )
                        }))
                        .collect();
                    Export::parse(&format!("e{k}.csv"), &rows).expect("parses")
                })
                .collect()
        };
        let rights = [Right::FullAccess];
        let borrowed = exports();
        let together = resolve_links(&resolver, borrowed.iter(), &rights);
        // Handed over, and freed one by one as their links are made: the same links.
        assert_eq!(resolve_links(&resolver, exports(), &rights), together);
        let exports = exports();
        let mut linking = Vec::new();
        let mut unresolved: BTreeMap<String, usize> = BTreeMap::new();
        for export in &exports {
            let alone = resolve_links(&resolver, std::slice::from_ref(export), &rights);
            linking.extend(alone.linking);
            for (name, count) in alone.unresolved {
                *unresolved.entry(name).or_default() += count;
            }
        }
        linking.sort_unstable();
        linking.dedup();
        assert!(!linking.is_empty() && !unresolved.is_empty());
        assert_eq!(
            together,
            Links {
                linking,
                unresolved
            }
        );
    }

    #[test]
    fn long_name_lists_resolve_in_order() {
        let text: String = std::iter::once("EmailAddress\n".to_owned())
            .chain((0..100).map(|i| format!("m{i:03}@x.com\n")))
            .collect();
        let inventory = Inventory::parse("inv.csv", &text).expect("parses");
        let resolver = Resolver::new(inventory.mailboxes());
        let names: Vec<String> = (0..120_000)
            .map(|i| format!("m{:03}@x.com", (i * 7) % 120))
            .collect();
        let names: Names = names.iter().map(String::as_str).collect();
        let resolved = resolve_names(&resolver, &names);
        assert_eq!(resolved, resolve_all(&resolver, &names, 0..names.len()));
        assert_eq!(resolved[1], Some(7));
        assert_eq!(resolved[15], None);
        assert_eq!(resolved.len(), names.len());
    }
}
