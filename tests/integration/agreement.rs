//! The compiled `decide` and the reference interpreter agree: on one representative of every cell
//! of the table's partition (which proves them equal, since both are constant on each cell), and
//! on arbitrary inputs (quickcheck).

use mma::decision::{self, RULES};
use mma::table::{Table, interpret};
use quickcheck::{Arbitrary, Gen, QuickCheck};

use crate::support::shipped_csv;

fn shipped() -> Table {
    mma::table::check(&shipped_csv())
        .table
        .expect("the shipped table parses")
}

static SHIPPED: std::sync::OnceLock<Table> = std::sync::OnceLock::new();

/// A decision as (rule id, CSV line).
type Chosen = Option<(String, u32)>;

/// Compiled and interpreted decisions for one point.
fn both(table: &Table, point: &[u64]) -> (Chosen, Chosen) {
    let compiled = decision::decide_codes(point).map(|d| (d.rule.to_owned(), d.line));
    let interpreted =
        interpret::evaluate(table, point).map(|i| (table.rules[i].id.clone(), table.rules[i].line));
    (compiled, interpreted)
}

#[test]
fn every_cell_of_the_partition_agrees() {
    let table = shipped();
    let axes = interpret::representatives(&table);
    let mut cells = 0usize;
    interpret::for_each_point(&axes, |point| {
        cells += 1;
        let (compiled, interpreted) = both(&table, point);
        assert!(interpreted.is_some(), "the shipped table decides {point:?}");
        assert_eq!(compiled, interpreted, "at {}", table.describe_point(point));
    });
    // Every cell was visited: the source values fall into 8 classes (Exchange 2010 to SE behave
    // alike), mailboxes into the 3 bands, then 3 timelines and two booleans.
    assert_eq!(cells, axes.iter().map(Vec::len).product::<usize>());
    assert_eq!(cells, 8 * 3 * 3 * 2 * 2);
}

#[test]
fn every_rule_decides_somewhere() {
    let table = shipped();
    let axes = interpret::representatives(&table);
    let mut seen = vec![false; RULES.len()];
    interpret::for_each_point(&axes, |point| {
        if let Some(d) = decision::decide_codes(point) {
            let i = RULES
                .iter()
                .position(|r| r.rule == d.rule)
                .expect("rule in RULES");
            seen[i] = true;
        }
    });
    assert!(seen.iter().all(|&s| s), "rules never chosen: {seen:?}");
}

/// An arbitrary input of the shipped table, as codes.
#[derive(Clone, Debug)]
struct Point(Vec<u64>);

impl Arbitrary for Point {
    fn arbitrary(g: &mut Gen) -> Self {
        let mailboxes = match u8::arbitrary(g) % 4 {
            0 => u64::from(u32::arbitrary(g)),
            1 => u64::from(u16::arbitrary(g) % 3000),
            2 => *g
                .choose(&[0u64, 1, 149, 150, 2000, 2001, u64::from(u32::MAX)])
                .unwrap_or(&1),
            _ => u64::arbitrary(g),
        };
        Self(vec![
            u64::from(u8::arbitrary(g) % 12),
            mailboxes,
            u64::from(u8::arbitrary(g) % 3),
            u64::from(bool::arbitrary(g)),
            u64::from(bool::arbitrary(g)),
        ])
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        let base = self.0.clone();
        Box::new(self.0[1].shrink().map(move |m| {
            let mut p = base.clone();
            p[1] = m;
            Self(p)
        }))
    }
}

#[test]
fn compiled_and_interpreted_agree_on_arbitrary_inputs() {
    fn prop(p: Point) -> bool {
        let table = SHIPPED.get_or_init(shipped);
        let (compiled, interpreted) = both(table, &p.0);
        compiled.is_some() && compiled == interpreted
    }
    QuickCheck::new()
        .tests(2000)
        .quickcheck(prop as fn(Point) -> bool);
}

#[test]
fn decide_follows_the_normative_bands() {
    use decision::{MigrationPath, Source, Timeline, decide};
    assert_eq!(
        decide(Source::Exchange2016, 149, Timeline::Days, false, false).path,
        MigrationPath::ExpressHybrid
    );
    assert_eq!(
        decide(Source::Exchange2016, 2000, Timeline::Months, false, false).path,
        MigrationPath::MinimalHybrid
    );
    assert_eq!(
        decide(Source::Exchange2016, 2001, Timeline::Months, false, false).path,
        MigrationPath::FullHybrid
    );
    assert_eq!(
        decide(Source::Exchange2007, 149, Timeline::Days, false, false).path,
        MigrationPath::Cutover
    );
    assert_eq!(
        decide(Source::Exchange2007, 150, Timeline::Days, false, false).path,
        MigrationPath::Staged
    );
    assert_eq!(
        decide(Source::Exchange2007, 10, Timeline::Days, false, true).path,
        MigrationPath::FullHybrid
    );
    assert_eq!(
        decide(Source::Exchange2003, 10, Timeline::Days, false, true).path,
        MigrationPath::Staged
    );
    assert_eq!(
        decide(Source::Imap, 10, Timeline::Days, true, true).path,
        MigrationPath::Imap
    );
    assert_eq!(
        decide(Source::GoogleWorkspace, 10, Timeline::Weeks, false, false).path,
        MigrationPath::GoogleWorkspace
    );
    assert_eq!(
        decide(Source::Microsoft365, 10, Timeline::Weeks, false, false).path,
        MigrationPath::CrossTenant
    );
    assert_eq!(
        decide(Source::Other, 10, Timeline::Weeks, false, false).path,
        MigrationPath::ThirdParty
    );
    // Zero is outside the declared domain `1..` and is decided as 1.
    assert_eq!(
        decide(Source::Exchange2016, 0, Timeline::Days, false, false).rule,
        "modern-small-fast"
    );
}
