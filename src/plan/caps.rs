//! The limits one batch of the plan keeps — the path's (see [`crate::limits`]), the answers'
//! `max_batch_mailboxes`, and the data one migration window moves at the answers' throughput —
//! and what each mailbox weighs against them.

use super::inventory::Mailbox;
use super::pack::{Caps, Weight};
use super::schedule::Window;
use super::{Options, PlanError, imap_user_name};
use crate::answers::MigrationPath;
use crate::answers::model::{AdminLoginFormat, Schedule};

/// The limits of a batch and each mailbox's weight.
#[derive(Debug, PartialEq)]
pub struct Budget {
    /// What one batch may hold.
    pub caps: Caps,
    /// What each mailbox weighs.
    pub weights: Vec<Weight>,
    /// The answers' throughput (GiB per hour), when positive.
    pub throughput: Option<f64>,
    /// The data one migration window moves at that throughput (`u64::MAX` without one).
    pub volume_cap: u64,
}

/// The data `window` moves at `throughput` GiB per hour.
fn volume(throughput: Option<f64>, window: Window) -> u64 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "throughput and window are bounded by the schema"
    )]
    throughput.map_or(u64::MAX, |t| {
        (t * window.hours() * f64::from(1u32 << 30)) as u64
    })
}

/// The batch limits for `path` and `schedule`, and the weights of `mailboxes`.
///
/// # Errors
/// When an IMAP user name cannot be formed (see [`imap_user_name`]).
pub fn budget(
    path: MigrationPath,
    schedule: &Schedule,
    mailboxes: &[Mailbox],
    form: Option<AdminLoginFormat>,
    options: &Options,
) -> Result<Budget, PlanError> {
    let limits = path.limits();
    let window = schedule.window.unwrap_or(Window::DAY);
    let throughput = schedule.throughput_gb_per_hour.filter(|t| *t > 0.0);
    let volume_cap = volume(throughput, window);
    let mut weights = Vec::with_capacity(mailboxes.len());
    for m in mailboxes {
        let csv_bytes = if limits.max_csv_bytes.is_some() {
            // `address,user,` and the line end.
            (m.address().len() + imap_user_name(m, form, options)?.len() + 4) as u64
        } else {
            0
        };
        weights.push(Weight {
            bytes: m.total_bytes(),
            csv_bytes,
        });
    }
    let caps = if limits.single_batch {
        Caps {
            mailboxes: limits.max_batch_mailboxes,
            bytes: u64::MAX,
            csv_bytes: u64::MAX,
        }
    } else {
        Caps {
            mailboxes: schedule
                .max_batch_mailboxes
                .map_or(limits.default_batch_mailboxes, |m| m as usize)
                .min(limits.max_batch_mailboxes)
                .max(1),
            bytes: volume_cap,
            csv_bytes: limits.max_csv_bytes.unwrap_or(u64::MAX),
        }
    };
    Ok(Budget {
        caps,
        weights,
        throughput,
        volume_cap,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_per_path_and_answers() {
        let inventory = crate::plan::Inventory::parse(
            "inv.csv",
            "EmailAddress,Alias,SizeBytes\nanna@x.com,anna,100\n",
        )
        .expect("parses");
        let m = &inventory.mailboxes();
        let options = Options::default();
        let schedule = Schedule {
            max_batch_mailboxes: Some(100_000),
            throughput_gb_per_hour: Some(1.0),
            window: Window::parse("20:00-22:00").ok(),
            ..Schedule::default()
        };
        let b = budget(MigrationPath::Imap, &schedule, m, None, &options).expect("a budget");
        // The answers' cap is held to the path's hard limit.
        assert_eq!(b.caps.mailboxes, 50_000);
        assert_eq!(b.caps.csv_bytes, 10_000_000);
        assert_eq!(b.caps.bytes, 2 << 30);
        assert_eq!(
            b.weights[0],
            Weight {
                bytes: 100,
                csv_bytes: 18
            }
        );
        let b = budget(MigrationPath::Cutover, &schedule, m, None, &options).expect("a budget");
        assert_eq!((b.caps.mailboxes, b.caps.bytes), (2000, u64::MAX));
        assert_eq!(b.weights[0].csv_bytes, 0);
        let b = budget(
            MigrationPath::FullHybrid,
            &Schedule::default(),
            m,
            None,
            &options,
        )
        .expect("a budget");
        assert_eq!(b.caps.mailboxes, 1000);
        assert_eq!(b.volume_cap, u64::MAX);
    }
}
