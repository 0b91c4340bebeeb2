//! Planning stage 8, name: each batch's name and its CSV file on paths that have one. A name
//! states only what is true of every member: its number, then `pilot` for the pilot, `cutover`
//! for a cutover's one batch, or the database every member is on (`02-mbx-db01`); a batch
//! whose members share no database is its number alone (`03`), with its migration day once
//! scheduled (`03-2026-12-05`, see [`Named::on`]). Numbers make names unique.

use super::inventory::Mailbox;
use super::model::batch_name;
use super::slug;
use crate::answers::MigrationPath;

/// A batch's name and its CSV file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The batch name.
    pub name: String,
    /// `batches/<name>.csv`, on paths with a batch CSV.
    pub file: Option<String>,
}

impl Named {
    /// A name and the file that goes with it on `path`.
    fn new(path: MigrationPath, name: String) -> Self {
        let file = (!path.limits().csv_columns.is_empty()).then(|| format!("batches/{name}.csv"));
        Self { name, file }
    }

    /// The name with the batch's migration day (`YYYY-MM-DD`) when the name is its number
    /// alone and the batch has a day; otherwise unchanged.
    #[must_use]
    pub fn on(self, date: Option<&str>) -> Self {
        match date {
            Some(date) if self.name.bytes().all(|b| b.is_ascii_digit()) => {
                let name = format!("{}-{}", self.name, slug(date));
                let file = self.file.map(|_| format!("batches/{name}.csv"));
                Self { name, file }
            }
            _ => self,
        }
    }
}

/// The label a database gives a batch: its slug, with `db-` before it when the slug alone
/// could be read as another label (`pilot`, `cutover`, a day: anything starting with a digit).
#[must_use]
pub fn database_label(database: &str) -> String {
    let label = slug(database);
    let ambiguous = matches!(label.as_str(), "pilot" | "cutover")
        || label.starts_with(|c: char| c.is_ascii_digit());
    if ambiguous {
        slug(&format!("db-{database}"))
    } else {
        label
    }
}

/// The database every member is on, when they share one (and it has a label).
fn shared_database(members: &[usize], mailboxes: &[Mailbox]) -> Option<String> {
    let (first, rest) = members.split_first()?;
    let db = mailboxes[*first].database();
    let shared = !db.is_empty() && rest.iter().all(|&i| mailboxes[i].database() == db);
    shared
        .then(|| database_label(db))
        .filter(|label| !label.is_empty())
}

/// Names the batches of `path`, the first `pilot_batches` of them the pilot.
#[must_use]
pub fn name_batches(
    path: MigrationPath,
    batches: &[Vec<usize>],
    pilot_batches: usize,
    mailboxes: &[Mailbox],
) -> Vec<Named> {
    let single_batch = path.limits().single_batch;
    let width = batches.len().to_string().len().max(2);
    batches
        .iter()
        .enumerate()
        .map(|(b, members)| {
            let label = if b < pilot_batches {
                Some("pilot".to_owned())
            } else if single_batch {
                Some("cutover".to_owned())
            } else {
                shared_database(members, mailboxes)
            };
            let name = match label {
                Some(label) => batch_name(b + 1, width, &label),
                None => format!("{:0width$}", b + 1),
            };
            Named::new(path, name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use quickcheck::{Arbitrary, Gen, QuickCheck};

    use super::*;
    use crate::plan::model::batch_name_problem;

    fn inventory(databases: &[&str]) -> Vec<Mailbox> {
        let mut text = "EmailAddress,Database\n".to_owned();
        for (i, db) in databases.iter().enumerate() {
            text.push_str(&format!("m{i:03}@x.com,\"{}\"\n", db.replace('"', "\"\"")));
        }
        crate::plan::Inventory::parse("inv.csv", &text)
            .expect("parses")
            .mailboxes()
            .to_vec()
    }

    #[test]
    fn a_name_states_a_database_only_when_every_member_is_on_it() {
        let m = inventory(&["DB 2", "DB 1", "DB 2", "", "DB 1"]);
        let batches = vec![vec![0], vec![0, 2], vec![1, 4], vec![3], vec![0, 1, 2]];
        let named = name_batches(MigrationPath::Staged, &batches, 1, &m);
        let names: Vec<&str> = named.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["01-pilot", "02-db-2", "03-db-1", "04", "05"]);
        assert_eq!(named[1].file.as_deref(), Some("batches/02-db-2.csv"));
        assert_eq!(named[3].file.as_deref(), Some("batches/04.csv"));
    }

    #[test]
    fn one_batch_of_everyone_is_not_named_after_one_database() {
        let m = inventory(&["MBX-DB01", "MBX-DB02", "MBX-DB01"]);
        let named = name_batches(MigrationPath::Staged, &[vec![0, 1, 2]], 0, &m);
        assert_eq!(named[0].name, "01");
        assert_eq!(
            named[0].clone().on(Some("2026-12-05")).name,
            "01-2026-12-05"
        );
        assert_eq!(
            named[0].clone().on(Some("2026-12-05")).file.as_deref(),
            Some("batches/01-2026-12-05.csv")
        );
        assert_eq!(named[0].clone().on(None), named[0]);
    }

    #[test]
    fn a_labelled_name_keeps_its_label_when_scheduled() {
        let m = inventory(&["DB1"]);
        let named = name_batches(MigrationPath::Staged, &[vec![0], vec![0]], 1, &m);
        assert_eq!(named[0].clone().on(Some("2026-12-05")).name, "01-pilot");
        assert_eq!(named[1].clone().on(Some("2026-12-05")).name, "02-db1");
    }

    #[test]
    fn databases_named_like_other_labels_say_they_are_databases() {
        assert_eq!(database_label("Pilot"), "db-pilot");
        assert_eq!(database_label("CUTOVER"), "db-cutover");
        assert_eq!(database_label("2026-12-05"), "db-2026-12-05");
        assert_eq!(database_label("MBX-DB01"), "mbx-db01");
        assert_eq!(database_label("---"), "");
        let m = inventory(&["Pilot", "Pilot", "***"]);
        let named = name_batches(MigrationPath::Staged, &[vec![0, 1], vec![2]], 0, &m);
        assert_eq!(named[0].name, "01-db-pilot");
        // A database with no letters or digits gives no label.
        assert_eq!(named[1].name, "02");
    }

    #[test]
    fn a_cutover_has_one_batch_and_no_file() {
        let m = inventory(&["DB1", "DB2"]);
        let cutover = name_batches(MigrationPath::Cutover, &[vec![0, 1]], 0, &m);
        assert_eq!(
            cutover,
            [Named {
                name: "01-cutover".to_owned(),
                file: None
            }]
        );
    }

    /// Batches over mailboxes on a few databases, some with names that look like labels.
    #[derive(Clone, Debug)]
    struct Case {
        databases: Vec<&'static str>,
        batches: Vec<Vec<usize>>,
        pilot_batches: usize,
        cutover: bool,
        date: Option<&'static str>,
    }

    impl Arbitrary for Case {
        fn arbitrary(g: &mut Gen) -> Self {
            const DBS: [&str; 8] = [
                "DB01",
                "db01",
                "MBX DB02",
                "",
                "Pilot",
                "2026-01-02",
                "cutover",
                "ÄÖ",
            ];
            let n = usize::arbitrary(g) % 12 + 1;
            let databases = (0..n).map(|_| *g.choose(&DBS).unwrap_or(&"")).collect();
            let count = usize::arbitrary(g) % 120 + 1;
            let batches = (0..count)
                .map(|_| {
                    let size = usize::arbitrary(g) % 5 + 1;
                    (0..size).map(|_| usize::arbitrary(g) % n).collect()
                })
                .collect();
            Self {
                databases,
                batches,
                pilot_batches: usize::arbitrary(g) % 3,
                cutover: bool::arbitrary(g),
                date: *g.choose(&[None, Some("2026-12-05")]).unwrap_or(&None),
            }
        }
    }

    /// Every attribute a name claims holds for every member; names are valid, unique and at
    /// most 64 characters (Exchange Online's limit for a migration batch name).
    fn claims_hold(case: Case) -> bool {
        let m = inventory(&case.databases);
        let path = if case.cutover {
            MigrationPath::Cutover
        } else {
            MigrationPath::Staged
        };
        let batches = if case.cutover {
            vec![case.batches.concat()]
        } else {
            case.batches.clone()
        };
        let named: Vec<Named> = name_batches(path, &batches, case.pilot_batches, &m)
            .into_iter()
            .map(|n| n.on(case.date))
            .collect();
        let unique: std::collections::BTreeSet<&str> =
            named.iter().map(|n| n.name.as_str()).collect();
        unique.len() == named.len()
            && named
                .iter()
                .zip(&batches)
                .enumerate()
                .all(|(b, (n, members))| {
                    let (number, label) = n.name.split_once('-').unwrap_or((&n.name, ""));
                    let claim_holds = match label {
                        "" => true,
                        "pilot" => b < case.pilot_batches,
                        "cutover" => case.cutover && b >= case.pilot_batches,
                        l if l.starts_with(|c: char| c.is_ascii_digit()) => Some(l) == case.date,
                        l => members
                            .iter()
                            .all(|&i| database_label(m[i].database()) == l),
                    };
                    claim_holds
                        && number.parse() == Ok(b + 1)
                        && batch_name_problem(&n.name).is_none()
                        && n.name.len() <= 64
                })
    }

    #[test]
    fn every_claim_of_a_name_holds_for_every_member() {
        QuickCheck::new()
            .tests(300)
            .quickcheck(claims_hold as fn(Case) -> bool);
    }
}
