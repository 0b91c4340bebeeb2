//! Planning stage 7, name: each batch's name (`01-pilot`, `02-mbx-db01`, `01-cutover`) — its
//! number and a label, the slug of the database most of its members are on — and its CSV file
//! on paths that have one.

use std::collections::BTreeMap;

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

/// The label of a batch that is not the pilot: the slug of the database most members are on
/// (ties to the first by name), else `batch`.
fn database_label(members: &[usize], mailboxes: &[Mailbox]) -> String {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in members {
        let db = mailboxes[i].database.as_str();
        if !db.is_empty() {
            *count.entry(db).or_default() += 1;
        }
    }
    count
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(db, _)| slug(db))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "batch".to_owned())
}

/// Names the batches of `path`, the first `pilot_batches` of them the pilot.
#[must_use]
pub fn name_batches(
    path: MigrationPath,
    batches: &[Vec<usize>],
    pilot_batches: usize,
    mailboxes: &[Mailbox],
) -> Vec<Named> {
    let limits = path.limits();
    let width = batches.len().to_string().len().max(2);
    batches
        .iter()
        .enumerate()
        .map(|(b, members)| {
            let label = if b < pilot_batches {
                "pilot".to_owned()
            } else if limits.single_batch {
                "cutover".to_owned()
            } else {
                database_label(members, mailboxes)
            };
            let name = batch_name(b + 1, width, &label);
            let file = (!limits.csv_columns.is_empty()).then(|| format!("batches/{name}.csv"));
            Named { name, file }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_labels_and_files() {
        let inventory = crate::plan::Inventory::parse(
            "inv.csv",
            "EmailAddress,Database\na@x.com,DB 2\nb@x.com,DB 1\nc@x.com,DB 2\nd@x.com,\ne@x.com,DB 1\n",
        )
        .expect("parses");
        let m = &inventory.mailboxes;
        let batches = vec![vec![0], vec![0, 1, 2], vec![1, 4], vec![3]];
        let named = name_batches(MigrationPath::Staged, &batches, 1, m);
        let names: Vec<&str> = named.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["01-pilot", "02-db-2", "03-db-1", "04-batch"]);
        assert_eq!(named[1].file.as_deref(), Some("batches/02-db-2.csv"));
        // Ties go to the first database by name.
        assert_eq!(database_label(&[0, 1], m), "db-1");
        let cutover = name_batches(MigrationPath::Cutover, &[vec![0, 1]], 0, m);
        assert_eq!(
            cutover,
            [Named {
                name: "01-cutover".to_owned(),
                file: None
            }]
        );
    }
}
