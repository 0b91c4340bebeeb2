//! `mma plan` at scale: parse → plan → write for 10,000 and 100,000 mailboxes with ten
//! permission rows each (targets: 100,000 mailboxes with 1,000,000 permission rows under 1 s;
//! 1,000,000 mailboxes under 10 s, with `MMA_PLAN_BENCH_FULL=1`).
//!
//! The generated inputs stay in `target/bench-plan/N/` so the release binary can be timed on
//! them too (`mma plan target/bench-plan/N/answers.yaml --inventory …`).

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mma::answers::{self, Format};
use mma::plan::{self, Options};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// Writes the answers, an inventory export and a permission export for `n` mailboxes, once.
fn inputs(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-plan/{n}"));
    if dir.join(".complete").exists() {
        return dir;
    }
    std::fs::create_dir_all(&dir).expect("create the input directory");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ n as u64);
    std::fs::write(
        dir.join("answers.yaml"),
        format!(
            "version: 1\norganization: Contoso\nsource: exchange_2016\nmailboxes: {n}\n\
             timeline: months\nmanage_users_on_premises: true\ncoexistence: false\n\
             schedule:\n  start: 2026-03-02\n  time_zone: Europe/Paris\n  \
             days: [monday, tuesday, wednesday, thursday]\n  window: \"20:00-06:00\"\n  \
             throughput_gb_per_hour: 50\n  max_batch_mailboxes: 1000\n"
        ),
    )
    .expect("write answers");
    let mut inv = String::with_capacity(n * 120);
    inv.push_str(
        "#TYPE Selected.Microsoft.Exchange.Management.MapiTasks.Presentation.MailboxStatistics\r\n",
    );
    inv.push_str("\"PrimarySmtpAddress\",\"DisplayName\",\"SamAccountName\",\"Database\",\"TotalItemSize\"\r\n");
    for i in 0..n {
        let bytes = 1 + rng.below(8 << 30);
        let _ = write!(
            inv,
            "\"user{i}@contoso.com\",\"User {i}\",\"user{i}\",\"DB{:02}\",\"{:.3} GB ({bytes} bytes)\"\r\n",
            i % 40,
            bytes as f64 / f64::from(1u32 << 30)
        );
    }
    std::fs::write(dir.join("inventory.csv"), inv).expect("write inventory");
    // Ten rows per mailbox: mostly within a team of 20, some across, some to a few service
    // accounts, some to accounts outside the inventory.
    let mut perms = String::with_capacity(n * 10 * 60);
    perms.push_str("\"Identity\",\"User\",\"AccessRights\",\"IsInherited\",\"Deny\"\r\n");
    for i in 0..n {
        for k in 0..10 {
            let user = match rng.below(20) {
                0 => format!("CONTOSO\\user{}", rng.below(8)),
                1 => format!("CONTOSO\\ghost{}", rng.below(1000)),
                2 => format!("user{}@contoso.com", rng.below(n as u64)),
                _ => format!(
                    "CONTOSO\\user{}",
                    (i / 20) * 20 + rng.below(20) as usize % (n - (i / 20) * 20).max(1)
                ),
            };
            let inherited = if k == 0 { "True" } else { "False" };
            let _ = write!(
                perms,
                "\"contoso.com/Users/User {i}\",\"{user}\",\"FullAccess\",\"{inherited}\",\"False\"\r\n"
            );
        }
    }
    std::fs::write(dir.join("permissions.csv"), perms).expect("write permissions");
    std::fs::write(dir.join(".complete"), "").expect("marker");
    dir
}

/// Reads, plans and writes, as `mma plan` does; returns the number of batches.
fn plan_once(dir: &Path) -> usize {
    let answers_text = std::fs::read_to_string(dir.join("answers.yaml")).expect("answers");
    let answers = answers::check(&answers_text, Format::Yaml)
        .answers
        .expect("valid answers");
    let inventory_text = std::fs::read_to_string(dir.join("inventory.csv")).expect("inventory");
    let permissions = vec![(
        "permissions.csv".to_owned(),
        std::fs::read_to_string(dir.join("permissions.csv")).expect("permissions"),
    )];
    let (inventory, exports) =
        plan::load(("inventory.csv", &inventory_text), &permissions).expect("inputs parse");
    let options = Options::default();
    let p = plan::plan(&answers, &inventory, &exports, &options).expect("a plan");
    let files = plan::output::files(&p, &answers, &inventory, &options).expect("files");
    let out = dir.join("out");
    for (rel, bytes) in &files {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, bytes).expect("write");
    }
    p.batches.len()
}

fn bench(c: &mut Criterion) {
    let mut sizes = vec![10_000, 100_000];
    if std::env::var_os("MMA_PLAN_BENCH_FULL").is_some() {
        sizes.push(1_000_000);
    }
    let mut group = c.benchmark_group("plan");
    group.sample_size(10);
    for n in sizes {
        let dir = inputs(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("parse-plan-write", n), &dir, |b, dir| {
            b.iter(|| plan_once(black_box(dir)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
