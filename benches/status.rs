//! `mma status` at scale: read `plan.json`, parse a `Get-MigrationUser | Export-Csv` export and
//! reconcile them, for 100,000 mailboxes (and 1,000,000 with `MMA_PLAN_BENCH_FULL=1`). The plan
//! has batches of 1,000 mailboxes, ten a day; the export, as Windows PowerShell 5 writes it
//! (byte-order mark, `#TYPE` line, every value quoted, the columns `Get-MigrationUser` has),
//! holds every planned mailbox but one in 997 — the first half completed, the rest in every
//! status Microsoft lists in turn — and one mailbox in 300 that the plan does not know: about
//! 1,002,000 rows for 1,000,000 mailboxes. Target: in seconds.
//!
//! The inputs stay in `target/bench-status/N/` so the release binary can be timed on them:
//! `/usr/bin/time -v target/release/mma status target/bench-status/N/plan.json --users
//! target/bench-status/N/users.csv --as-of 2026-06-01 --format json -o /dev/null`.

use std::hint::black_box;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mma::answers::MigrationPath;
use mma::plan::model::{Batch, Estimate, Plan, Totals};
use mma::status::{self, Extra, export};

/// The allocator the `mma` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const BATCH: usize = 1000;
const AS_OF: &str = "2026-06-01";

fn address(i: usize) -> String {
    format!("user{i:07}@contoso.com")
}

fn plan(n: usize) -> Plan {
    let start: jiff::civil::Date = "2026-03-02".parse().expect("a date");
    let batches: Vec<Batch> = (0..n.div_ceil(BATCH))
        .map(|k| {
            let name = format!("{:04}-b", k + 1);
            let members: Vec<String> = (k * BATCH..((k + 1) * BATCH).min(n)).map(address).collect();
            let day = start
                .checked_add(jiff::Span::new().days(i64::try_from(k / 10).expect("small")))
                .expect("a day");
            Batch {
                number: k + 1,
                file: Some(format!("batches/{name}.csv")),
                name,
                pilot: false,
                bytes: members.len() as u64 * 2_000_000_000,
                largest_bytes: 4_000_000_000,
                members,
                date: Some(day.to_string()),
                window: Some("20:00-06:00".to_owned()),
                sync_start: Some(day.to_string()),
                complete_after_utc: Some(format!("{day}T19:00:00Z")),
                estimate: Estimate {
                    hours: None,
                    p50_days: 1,
                    p90_days: 7,
                },
            }
        })
        .collect();
    Plan {
        format_version: 1,
        organization: "Contoso".to_owned(),
        path: MigrationPath::FullHybrid,
        path_title: "Full hybrid".to_owned(),
        rule: "modern-large".to_owned(),
        time_zone: "Europe/Paris".to_owned(),
        totals: Totals {
            mailboxes: n,
            bytes: n as u64 * 2_000_000_000,
            batches: batches.len(),
            ..Totals::default()
        },
        batches,
        groups: Vec::new(),
        hubs: Vec::new(),
        broken_links: Vec::new(),
        unresolved: Vec::new(),
        warnings: Vec::new(),
        changes: None,
    }
}

fn write_users(path: &Path, n: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    out.write_all(
        b"\xef\xbb\xbf#TYPE Microsoft.Exchange.Migration.MigrationUser\r\n\
          \"Identity\",\"Identifier\",\"BatchId\",\"RecipientType\",\"Status\",\"StatusSummary\",\"ErrorSummary\",\"LastSuccessfulSyncTime\",\"DataConsistencyScore\"\r\n",
    )
    .expect("write");
    for i in 0..n {
        if i % 997 == 0 {
            continue; // missing from the export
        }
        let status = if i < n / 2 {
            "Completed"
        } else {
            export::UserStatus::ALL[i % export::UserStatus::ALL.len()].name()
        };
        let error = if status.contains("Failed") {
            "MigrationPermanentException: Error: The target mailbox doesn't have an SMTP proxy matching 'contoso.mail.onmicrosoft.com'."
        } else {
            ""
        };
        let a = address(i);
        writeln!(
            out,
            "\"{a}\",\"{a}\",\"{:04}-b\",\"Mailbox\",\"{status}\",\"{status}\",\"{error}\",\"03/02/2026 21:13:05\",\"Perfect\"\r",
            i / BATCH + 1
        )
        .expect("write");
    }
    for i in 0..n / 300 {
        writeln!(
            out,
            "\"extra{i}@contoso.com\",\"extra{i}@contoso.com\",\"adhoc\",\"Mailbox\",\"Syncing\",\"Syncing\",\"\",\"\",\"Perfect\"\r"
        )
        .expect("write");
    }
    out.flush().expect("flush");
}

/// Writes `plan.json` and `users.csv` for `n` mailboxes, once.
fn inputs(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-status/{n}"));
    if dir.join(".complete-v2").exists() {
        return dir;
    }
    std::fs::create_dir_all(&dir).expect("create the input directory");
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(dir.join("plan.json")).expect("create"));
    mma::plan::output::write_plan_json(&plan(n), &mut out).expect("plan.json");
    out.flush().expect("flush");
    write_users(&dir.join("users.csv"), n);
    std::fs::write(dir.join(".complete-v2"), "").expect("marker");
    dir
}

/// Reads, parses and reconciles, as `mma status` does; returns the failed count.
fn status_once(dir: &Path) -> usize {
    let plan_text = std::fs::read_to_string(dir.join("plan.json")).expect("plan");
    let plan = mma::plan::read::parse("plan.json", &plan_text).expect("a plan");
    let users_bytes = std::fs::read(dir.join("users.csv")).expect("users");
    let users_text = mma::text::decode(users_bytes, mma::text::Kind::Csv).expect("text");
    let users = export::users("users.csv", &users_text).expect("an export");
    let report = status::reconcile(
        &plan,
        &users,
        Extra::default(),
        AS_OF.parse().expect("a date"),
    );
    report.totals.failed
}

fn bench(c: &mut Criterion) {
    let mut sizes = vec![100_000];
    if std::env::var_os("MMA_PLAN_BENCH_FULL").is_some() {
        sizes.push(1_000_000);
    }
    let mut group = c.benchmark_group("status");
    group.sample_size(10);
    for n in sizes {
        let dir = inputs(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("read-reconcile", n), &dir, |b, dir| {
            b.iter(|| status_once(black_box(dir)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
