//! Properties of the planner over generated inventories and permission graphs (quickcheck):
//! every mailbox lands in exactly one batch; no batch is over a limit (a single mailbox larger
//! than a window moves alone); linked mailboxes that are not hubs move together unless the link
//! is listed as broken; the plan does not depend on the order of input rows; `plan.json`
//! satisfies its schema and reads back strictly.

use std::collections::{BTreeMap, BTreeSet};

use mma::answers::{self, Format};
use mma::plan::{self, Export, Inventory, Options};
use quickcheck::{Arbitrary, Gen, QuickCheck};

/// An organisation: answers text, inventory rows and permission rows.
#[derive(Clone, Debug)]
struct Org {
    answers: String,
    inventory: Vec<String>,
    permissions: Vec<String>,
    cap: usize,
    throughput: Option<u32>,
    hub_threshold: usize,
}

const SOURCES: &[(&str, &str)] = &[
    ("exchange_2016", "months"),
    ("exchange_2007", "weeks"),
    ("imap", "weeks"),
    ("google_workspace", "weeks"),
];

impl Arbitrary for Org {
    fn arbitrary(g: &mut Gen) -> Self {
        let n = 1 + usize::arbitrary(g) % 120;
        let cap = 1 + usize::arbitrary(g) % 30;
        let throughput = bool::arbitrary(g).then(|| 1 + u32::arbitrary(g) % 20);
        let (source, timeline) = *g.choose(SOURCES).expect("sources");
        let pilot: Vec<String> = (0..usize::arbitrary(g) % 4)
            .map(|_| format!("m{}@contoso.com", usize::arbitrary(g) % n))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut answers = format!(
            "version: 1\norganization: Contoso\nsource: {source}\nmailboxes: {n}\ntimeline: {timeline}\n\
             manage_users_on_premises: false\ncoexistence: false\nschedule:\n  start: 2026-03-02\n  \
             time_zone: Europe/Paris\n  days: [monday, tuesday]\n  window: \"20:00-06:00\"\n  \
             max_batch_mailboxes: {cap}\n"
        );
        if let Some(t) = throughput {
            answers.push_str(&format!("  throughput_gb_per_hour: {t}\n"));
        }
        if !pilot.is_empty() {
            answers.push_str(&format!("  pilot: [{}]\n", pilot.join(", ")));
        }
        let inventory = (0..n)
            .map(|i| {
                let mb = u64::arbitrary(g) % 40_000;
                format!("m{i}@contoso.com,User {i},{mb} MB")
            })
            .collect();
        let rights = ["FullAccess", "SendAs", "SendOnBehalf", "Calendar", "Folder"];
        let permissions = (0..usize::arbitrary(g) % (3 * n + 1))
            .map(|_| {
                let a = usize::arbitrary(g) % n;
                // Some links go to accounts outside the inventory; some pile onto one account.
                let b = match u8::arbitrary(g) % 10 {
                    0 => format!("ghost{}@contoso.com", u8::arbitrary(g) % 5),
                    1 | 2 => "m0@contoso.com".to_owned(),
                    _ => format!("m{}@contoso.com", usize::arbitrary(g) % n),
                };
                let r = *g.choose(&rights).expect("rights");
                format!("m{a}@contoso.com,{b},{r}")
            })
            .collect();
        Self {
            answers,
            inventory,
            permissions,
            cap,
            throughput,
            hub_threshold: 2 + usize::arbitrary(g) % 15,
        }
    }
}

fn run(org: &Org, inventory: &[String], permissions: &[String]) -> Option<plan::Plan> {
    let answers = answers::check(&org.answers, Format::Yaml).answers?;
    let mut inv = Inventory::parse(
        "inventory.csv",
        &format!(
            "EmailAddress,DisplayName,SizeBytes\n{}\n",
            inventory.join("\n")
        ),
    )
    .ok()?;
    let export = Export::parse(
        "perms.csv",
        &format!("Mailbox,Delegate,Right\n{}\n", permissions.join("\n")),
    )
    .ok()?;
    let options = Options {
        hub_threshold: org.hub_threshold,
        ..Options::default()
    };
    let (plan, places) = plan::placed(
        &answers,
        &mma::recommend::recommend(&answers),
        &mut inv,
        &[export],
        &options,
        None,
    )
    .ok()?;
    assert_places(&plan, &places, &inv);
    Some(plan)
}

/// The planner's places are the batches' members: member `k` of batch `b` is the mailbox at
/// `places[b][k]` of the inventory (which the batch CSVs are written from).
pub fn assert_places(plan: &plan::Plan, places: &plan::Places, inventory: &Inventory) {
    assert_eq!(places.len(), plan.batches.len());
    for (b, at) in plan.batches.iter().zip(places) {
        let placed: Vec<&str> = at
            .iter()
            .map(|&i| inventory.mailboxes()[i].address())
            .collect();
        assert_eq!(placed, b.members, "batch {}", b.name);
    }
}

fn holds(org: &Org) -> Result<(), String> {
    let p = run(org, &org.inventory, &org.permissions).ok_or("no plan")?;
    // Every mailbox in exactly one batch.
    let mut batch_of: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &p.batches {
        for m in &b.members {
            if batch_of.insert(m, b.number).is_some() {
                return Err(format!("{m} is in two batches"));
            }
        }
    }
    if batch_of.len() != org.inventory.len() {
        return Err(format!(
            "{} of {} mailboxes placed",
            batch_of.len(),
            org.inventory.len()
        ));
    }
    // No batch over a limit, unless it holds a single mailbox.
    let volume = org
        .throughput
        .map_or(u64::MAX, |t| u64::from(t) * 10 * (1 << 30));
    for b in &p.batches {
        if b.members.len() > 1 && (b.members.len() > org.cap || b.bytes > volume) {
            return Err(format!(
                "batch {} holds {} mailboxes, {} bytes",
                b.number,
                b.members.len(),
                b.bytes
            ));
        }
    }
    // Linked non-hub mailboxes together unless listed as broken.
    let hubs: BTreeSet<&str> = p.hubs.iter().map(|h| h.address.as_str()).collect();
    let broken: BTreeSet<(&str, &str)> = p
        .broken_links
        .iter()
        .map(|l| (l.mailbox.as_str(), l.delegate.as_str()))
        .collect();
    for row in &org.permissions {
        let mut cells = row.split(',');
        let (a, b) = (cells.next().unwrap_or(""), cells.next().unwrap_or(""));
        let (Some(ba), Some(bb)) = (batch_of.get(a), batch_of.get(b)) else {
            continue;
        };
        if a != b && ba != bb && !broken.contains(&(a, b)) {
            return Err(format!("{a} and {b} are apart and the link is not listed"));
        }
        if a != b && ba != bb && !hubs.contains(a) && !hubs.contains(b) {
            let reason = &p
                .broken_links
                .iter()
                .find(|l| l.mailbox == a && l.delegate == b)
                .map(|l| l.reason.clone())
                .unwrap_or_default();
            if reason == "hub" {
                return Err(format!("{a}–{b} blamed on a hub that is not one"));
            }
        }
    }
    // The order of input rows does not matter.
    let mut inv = org.inventory.clone();
    inv.reverse();
    let mut perms = org.permissions.clone();
    perms.reverse();
    let q = run(org, &inv, &perms).ok_or("no plan for reversed rows")?;
    if serde_json::to_string(&p).ok() != serde_json::to_string(&q).ok() {
        return Err("the plan depends on row order".to_owned());
    }
    Ok(())
}

#[test]
fn planner_invariants_hold_on_generated_organisations() {
    fn prop(org: Org) -> bool {
        match holds(&org) {
            Ok(()) => true,
            Err(e) => {
                eprintln!("{e}\n{org:?}");
                false
            }
        }
    }
    QuickCheck::new()
        .tests(300)
        .quickcheck(prop as fn(Org) -> bool);
}

#[test]
fn plan_json_satisfies_the_committed_plan_schema() {
    let text = std::fs::read_to_string(crate::support::root().join("schema/plan.schema.json"))
        .expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("json");
    let validator = jsonschema::draft202012::new(&schema).expect("compiles");
    let mut g = Gen::new(30);
    for _ in 0..20 {
        let org = Org::arbitrary(&mut g);
        let p = run(&org, &org.inventory, &org.permissions).expect("a plan");
        let value = serde_json::to_value(&p).expect("value");
        assert!(validator.is_valid(&value), "{value}");
        // …and the strict reader of `mma runbook --plan` takes back all that mma writes.
        let text = serde_json::to_string_pretty(&p).expect("text");
        let back = plan::read::parse("plan.json", &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(serde_json::to_string_pretty(&back).expect("text"), text);
    }
}
