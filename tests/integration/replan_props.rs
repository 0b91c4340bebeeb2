//! Properties of re-planning over generated organisations and generated changes to them
//! (quickcheck): mailboxes leave, join and gain links, and the plan is re-made against the
//! previous one as of a random day. Re-planning never moves a mailbox the previous plan placed,
//! never changes a frozen batch (its members, less those gone, and its dates), places every
//! mailbox once, writes a `plan.json` its schema and the strict reader accept; and re-planning
//! an unchanged organisation changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use mma::answers::{self, Format};
use mma::plan::{self, Export, Inventory, Options, Plan};
use quickcheck::{Arbitrary, Gen, QuickCheck};

/// An organisation, a change to it, and the day of re-planning.
#[derive(Clone, Debug)]
struct Case {
    answers: String,
    /// Mailbox numbers before, with sizes in MB.
    before: Vec<(usize, u64)>,
    /// Mailbox numbers that leave.
    gone: BTreeSet<usize>,
    /// Mailbox numbers that join, with sizes in MB.
    joiners: Vec<(usize, u64)>,
    /// Permission rows before (`Mailbox,Delegate,Right` by number).
    links: Vec<(usize, usize, &'static str)>,
    /// Permission rows added.
    new_links: Vec<(usize, usize, &'static str)>,
    /// Days from the schedule's start to the re-planning day.
    as_of_days: i64,
    hub_threshold: usize,
}

const SOURCES: &[(&str, &str)] = &[
    ("exchange_2016", "months"),
    ("exchange_2007", "weeks"),
    ("imap", "weeks"),
    ("google_workspace", "weeks"),
];

const RIGHTS: [&str; 5] = ["FullAccess", "SendAs", "SendOnBehalf", "Calendar", "Folder"];

fn links(g: &mut Gen, count: usize, among: &[usize]) -> Vec<(usize, usize, &'static str)> {
    if among.is_empty() {
        return Vec::new();
    }
    (0..count)
        .map(|_| {
            let a = among[usize::arbitrary(g) % among.len()];
            let b = among[usize::arbitrary(g) % among.len()];
            (a, b, RIGHTS[usize::arbitrary(g) % RIGHTS.len()])
        })
        .collect()
}

impl Arbitrary for Case {
    fn arbitrary(g: &mut Gen) -> Self {
        let n = 1 + usize::arbitrary(g) % 80;
        let cap = 1 + usize::arbitrary(g) % 20;
        let (source, timeline) = *g.choose(SOURCES).expect("sources");
        let mut answers = format!(
            "version: 1\norganization: Contoso\nsource: {source}\nmailboxes: {n}\ntimeline: {timeline}\n\
             manage_users_on_premises: false\ncoexistence: false\nschedule:\n  start: 2026-03-02\n  \
             time_zone: Europe/Paris\n  days: [monday, tuesday]\n  window: \"20:00-06:00\"\n  \
             max_batch_mailboxes: {cap}\n"
        );
        if bool::arbitrary(g) {
            answers.push_str(&format!(
                "  throughput_gb_per_hour: {}\n",
                1 + u32::arbitrary(g) % 20
            ));
        }
        if bool::arbitrary(g) {
            answers.push_str(&format!(
                "  pilot: [m{}@contoso.com]\n",
                usize::arbitrary(g) % n
            ));
        }
        let before: Vec<(usize, u64)> = (0..n).map(|i| (i, u64::arbitrary(g) % 40_000)).collect();
        // Keep at least one mailbox, so the inventory is never empty.
        let gone: BTreeSet<usize> = (0..usize::arbitrary(g) % (n / 3 + 1))
            .map(|_| 1 + usize::arbitrary(g) % n)
            .filter(|&i| i < n)
            .collect();
        let joiners: Vec<(usize, u64)> = (0..usize::arbitrary(g) % (n / 2 + 2))
            .map(|k| (n + k, u64::arbitrary(g) % 40_000))
            .collect();
        let all: Vec<usize> = (0..n).collect();
        let count = usize::arbitrary(g) % (2 * n + 1);
        let links_before = links(g, count, &all);
        let after: Vec<usize> = (0..n)
            .filter(|i| !gone.contains(i))
            .chain(joiners.iter().map(|&(i, _)| i))
            .collect();
        let count = usize::arbitrary(g) % (n + 1);
        let new_links = links(g, count, &after);
        Self {
            answers,
            before,
            gone,
            joiners,
            links: links_before,
            new_links,
            as_of_days: i64::from(u8::arbitrary(g) % 60),
            hub_threshold: 2 + usize::arbitrary(g) % 15,
        }
    }
}

/// The plan of `mailboxes` and `links`, against `previous` when given.
fn run(
    case: &Case,
    mailboxes: &[(usize, u64)],
    links: &[(usize, usize, &str)],
    previous: Option<&plan::PreviousPlan>,
) -> Result<Plan, String> {
    let answers = answers::check(&case.answers, Format::Yaml)
        .answers
        .ok_or("answers")?;
    let rows: String = mailboxes
        .iter()
        .map(|(i, mb)| format!("m{i}@contoso.com,User {i},{mb} MB\n"))
        .collect();
    let mut inv = Inventory::parse(
        "inventory.csv",
        &format!("EmailAddress,DisplayName,SizeBytes\n{rows}"),
    )
    .map_err(|e| format!("{e:?}"))?;
    let rows: String = links
        .iter()
        .map(|(a, b, r)| format!("m{a}@contoso.com,m{b}@contoso.com,{r}\n"))
        .collect();
    let export = Export::parse("perms.csv", &format!("Mailbox,Delegate,Right\n{rows}"))
        .map_err(|e| format!("{e:?}"))?;
    let options = Options {
        hub_threshold: case.hub_threshold,
        ..Options::default()
    };
    let rec = mma::recommend::recommend(&answers);
    let (plan, places) = plan::placed(&answers, &rec, &mut inv, [export], &options, previous)
        .map_err(|e| e.to_string())?;
    super::plan_props::assert_places(&plan, &places, &inv);
    Ok(plan)
}

/// `plan` read back as the previous plan, as of the case's day.
fn previous(case: &Case, plan: &Plan) -> Result<plan::PreviousPlan, String> {
    let text = serde_json::to_string_pretty(plan).map_err(|e| e.to_string())?;
    let start = answers::time::parse_date("2026-03-02").ok_or("date")?;
    let as_of = start
        .checked_add(jiff::Span::new().days(case.as_of_days))
        .map_err(|e| e.to_string())?;
    plan::previous::parse("old/plan.json", &text, ("Contoso", plan.path), as_of)
}

/// Each mailbox's batch name.
fn batch_of(plan: &Plan) -> Result<BTreeMap<&str, &str>, String> {
    let mut of = BTreeMap::new();
    for b in &plan.batches {
        for m in &b.members {
            if of.insert(m.as_str(), b.name.as_str()).is_some() {
                return Err(format!("{m} is in two batches"));
            }
        }
    }
    Ok(of)
}

fn holds(case: &Case) -> Result<(), String> {
    let old = run(case, &case.before, &case.links, None)?;
    let prev = previous(case, &old)?;
    let now_mailboxes: Vec<(usize, u64)> = case
        .before
        .iter()
        .filter(|(i, _)| !case.gone.contains(i))
        .chain(&case.joiners)
        .copied()
        .collect();
    let mut now_links = case.links.clone();
    now_links.retain(|(a, b, _)| !case.gone.contains(a) && !case.gone.contains(b));
    now_links.extend(&case.new_links);
    let now = match run(case, &now_mailboxes, &now_links, Some(&prev)) {
        // A cutover's one batch, once frozen, takes no one: refused, as documented.
        Err(e) if e.contains("cutover") && !case.joiners.is_empty() => return Ok(()),
        other => other?,
    };
    let gone: BTreeSet<String> = case
        .gone
        .iter()
        .map(|i| format!("m{i}@contoso.com"))
        .collect();
    // Nobody the previous plan placed moves; everyone is placed once.
    let (was, is) = (batch_of(&old)?, batch_of(&now)?);
    for (m, b) in &was {
        if !gone.contains(*m) && is.get(m) != Some(b) {
            return Err(format!("{m} moved from {b} to {:?}", is.get(m)));
        }
    }
    if is.len() != now_mailboxes.len() {
        return Err(format!("{} of {} placed", is.len(), now_mailboxes.len()));
    }
    // Frozen batches keep their members, less those gone, and their dates.
    for ((b, frozen), a) in old.batches.iter().zip(&prev.frozen).zip(&now.batches) {
        let kept: Vec<&String> = b.members.iter().filter(|m| !gone.contains(*m)).collect();
        let when = |x: &plan::model::Batch| {
            (
                x.date.clone(),
                x.window.clone(),
                x.sync_start.clone(),
                x.complete_after_utc.clone(),
            )
        };
        if *frozen && (a.members.iter().collect::<Vec<_>>() != kept || when(a) != when(b)) {
            return Err(format!("frozen batch {} changed", b.name));
        }
        if a.name != b.name || a.number != b.number || (when(a).0 != when(b).0) {
            return Err(format!("batch {} renamed, renumbered or moved", b.name));
        }
    }
    // What mma writes, it reads back, and the schema accepts.
    let text = serde_json::to_string_pretty(&now).map_err(|e| e.to_string())?;
    let back = plan::read::parse("plan.json", &text)?;
    if back != now {
        return Err("plan.json does not read back".to_owned());
    }
    let value = serde_json::to_value(&now).map_err(|e| e.to_string())?;
    if let Some(e) = validator().iter_errors(&value).next() {
        return Err(format!(
            "the schema refuses plan.json at {}: {e}",
            e.instance_path()
        ));
    }
    // An unchanged organisation re-planned changes nothing.
    let same = run(case, &case.before, &case.links, Some(&prev))?;
    let changes = same.changes.as_ref().ok_or("no changes section")?;
    if !(changes.added.is_empty()
        && changes.removed.is_empty()
        && changes.batches.is_empty()
        && changes.newly_broken.is_empty())
    {
        return Err(format!("an unchanged re-plan reports changes: {changes:?}"));
    }
    let strip = |p: &Plan| Plan {
        changes: None,
        warnings: Vec::new(),
        ..p.clone()
    };
    if strip(&same) != strip(&old) {
        return Err("an unchanged re-plan differs from the previous plan".to_owned());
    }
    Ok(())
}

/// The committed plan schema's validator, built once.
fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let text = std::fs::read_to_string(crate::support::root().join("schema/plan.schema.json"))
            .expect("schema");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("json");
        jsonschema::draft202012::new(&schema).expect("compiles")
    })
}

#[test]
fn replanning_never_moves_a_placed_mailbox_nor_changes_a_frozen_batch() {
    fn prop(case: Case) -> bool {
        match holds(&case) {
            Ok(()) => true,
            Err(e) => {
                eprintln!("{e}\n{case:?}");
                false
            }
        }
    }
    QuickCheck::new()
        .tests(200)
        .quickcheck(prop as fn(Case) -> bool);
}
