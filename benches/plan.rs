//! `mma plan` at scale: parse → plan → write for 100,000 mailboxes (and 1,000,000 with
//! `MMA_PLAN_BENCH_FULL=1`), from inputs shaped like real Exchange exports: a
//! `Get-Mailbox | Get-MailboxStatistics` inventory, `Get-MailboxPermission` (Full Access, with
//! canonical-name identities, `NT AUTHORITY\SELF` and inherited rows), `Get-ADPermission`
//! (Send-As), a `GrantSendOnBehalfTo` list and `Get-MailboxFolderPermission` on calendars,
//! about 4.7 permission rows per mailbox, one hub account with Full Access on a tenth of them,
//! and former users outside the inventory.
//! Target: 1,000,000 mailboxes in under 5 s and 1.5 GB for the whole `mma plan`.
//!
//! `parse-plan-write` and `replan-1pct-churn` run the library in process, from the input texts
//! read whole into memory; `mma-plan-binary` and `mma-replan-binary` time the release binary
//! itself on the same inputs, as a user runs it, which is what the target is about.
//!
//! The generated inputs stay in `target/bench-plan/N/` so the release binary can be timed on
//! them too:
//! `/usr/bin/time -v target/release/mma plan target/bench-plan/N/answers.yaml --inventory
//! target/bench-plan/N/inventory.csv --permissions target/bench-plan/N/mailbox-permissions.csv
//! --permissions target/bench-plan/N/send-as.csv --permissions
//! target/bench-plan/N/send-on-behalf.csv --permissions target/bench-plan/N/calendar-permissions.csv
//! --out /tmp/plan-N --force`.
//!
//! Re-planning (`replan-1pct-churn`): the plan of the same inputs is the previous plan, and the
//! inventory changes by about 1%: every 200th mailbox leaves, as many join (each with Full
//! Access on a mailbox of the inventory, a tenth of them on one that left a started batch) and
//! as many new links join mailboxes already planned. The changed inputs stay in
//! `target/bench-plan/N/churn/`: time the release binary with the command above plus
//! `--inventory target/bench-plan/N/churn/inventory.csv --permissions
//! target/bench-plan/N/churn/new-links.csv --previous target/bench-plan/N/churn/previous/plan.json
//! --as-of 2026-04-01`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mma::answers::{self, Format};
use mma::plan::{self, Options};

/// The allocator the `mma` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

const FIRST: [&str; 40] = [
    "Anna", "Ben", "Carla", "David", "Emma", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Karin",
    "Liam", "Maya", "Noah", "Olga", "Paul", "Rosa", "Sam", "Tara", "Uwe", "Vera", "Will", "Xenia",
    "Yusuf", "Zoe", "Adam", "Bella", "Chris", "Dana", "Erik", "Fiona", "Gil", "Hana", "Ivan",
    "Jana", "Kurt", "Lena", "Marc", "Nina", "Omar",
];
const LAST: [&str; 50] = [
    "Adams",
    "Brown",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ito",
    "Jones",
    "Kim",
    "Lopez",
    "Martin",
    "Nguyen",
    "Olsen",
    "Patel",
    "Quinn",
    "Rossi",
    "Smith",
    "Tanaka",
    "Ueda",
    "Vogel",
    "Weber",
    "Xu",
    "Young",
    "Zimmermann",
    "Bauer",
    "Costa",
    "Dubois",
    "Eriksen",
    "Ford",
    "Gupta",
    "Hansen",
    "Ivanova",
    "Jensen",
    "Klein",
    "Lang",
    "Meyer",
    "Novak",
    "Owens",
    "Park",
    "Reyes",
    "Silva",
    "Torres",
    "Utley",
    "Varga",
    "Wagner",
    "Yilmaz",
    "Zhou",
    "Moreau",
];

/// Mailbox `i`'s display name (also its `Name`, the canonical name's last segment) and alias,
/// unique like a real directory's: `Anna B. Chen`, `anna.chen12`.
fn person(i: usize) -> (String, String) {
    let combos = FIRST.len() * LAST.len();
    let (first, last) = (FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()]);
    let k = i / combos;
    let name = if k == 0 {
        format!("{first} {last}")
    } else {
        let a = char::from(b'A' + (k % 26) as u8);
        let b = k / 26;
        if b == 0 {
            format!("{first} {a}. {last}")
        } else {
            format!("{first} {a}{b}. {last}")
        }
    };
    let alias = format!(
        "{}.{}{}",
        first.to_ascii_lowercase(),
        last.to_ascii_lowercase(),
        if k == 0 { String::new() } else { k.to_string() }
    );
    (name, alias)
}

/// The hub: a service account (a mailbox of the inventory) with Full Access on every tenth.
const HUB: usize = 7;

fn file(dir: &Path, name: &str) -> std::io::BufWriter<std::fs::File> {
    std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join(name)).expect(name))
}

fn write_inventory(dir: &Path, n: usize, rng: &mut Rng) {
    let mut out = file(dir, "inventory.csv");
    let mut line = String::new();
    out.write_all(b"\xEF\xBB\xBF#TYPE Selected.Microsoft.Exchange.Management.MapiTasks.Presentation.MailboxStatistics\r\n\
        \"DisplayName\",\"Name\",\"Alias\",\"SamAccountName\",\"PrimarySmtpAddress\",\"RecipientTypeDetails\",\"Database\",\"TotalItemSize\",\"ItemCount\",\"ArchiveTotalItemSize\"\r\n")
        .expect("write");
    for i in 0..n {
        let (name, alias) = person(i);
        let kind = if i % 50 == 3 {
            "SharedMailbox"
        } else {
            "UserMailbox"
        };
        let bytes = 1 + rng.below(8 << 30);
        let archive = if i % 5 == 0 {
            let a = rng.below(20 << 30);
            format!("{:.3} GB ({a} bytes)", a as f64 / f64::from(1u32 << 30))
        } else {
            String::new()
        };
        line.clear();
        let _ = write!(
            line,
            "\"{name}\",\"{name}\",\"{alias}\",\"{alias}\",\"{alias}@contoso.com\",\"{kind}\",\"MBX-DB{:02}\",\"{:.3} GB ({bytes} bytes)\",\"{}\",\"{archive}\"\r\n",
            (i / 500) % 40 + 1,
            bytes as f64 / f64::from(1u32 << 30),
            rng.below(90_000),
        );
        out.write_all(line.as_bytes()).expect("write");
    }
    out.flush().expect("flush");
}

/// A teammate of `i` (teams of 20 consecutive mailboxes), now and then someone anywhere.
fn peer(i: usize, n: usize, rng: &mut Rng) -> usize {
    if rng.below(10) == 0 {
        return rng.below(n as u64) as usize;
    }
    let team = i / 20 * 20;
    let j = team + rng.below(20) as usize;
    if j >= n || j == i { (i + 1) % n } else { j }
}

fn write_full_access(dir: &Path, n: usize, rng: &mut Rng) {
    let mut out = file(dir, "mailbox-permissions.csv");
    out.write_all(b"\xEF\xBB\xBF#TYPE Selected.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject\r\n\
        \"Identity\",\"User\",\"AccessRights\",\"IsInherited\",\"Deny\"\r\n")
        .expect("write");
    let hub = person(HUB).1;
    let mut line = String::new();
    for i in 0..n {
        let (name, _) = person(i);
        let id = format!("contoso.com/Users/{name}");
        line.clear();
        let _ = write!(
            line,
            "\"{id}\",\"NT AUTHORITY\\SELF\",\"FullAccess, ReadPermission\",\"False\",\"False\"\r\n\
             \"{id}\",\"CONTOSO\\Exchange Servers\",\"FullAccess\",\"True\",\"False\"\r\n"
        );
        if i % 10 == 0 && i != HUB {
            let _ = write!(
                line,
                "\"{id}\",\"CONTOSO\\{hub}\",\"FullAccess\",\"False\",\"False\"\r\n"
            );
        }
        if rng.below(2) == 0 {
            let delegate = match rng.below(25) {
                0 => format!("CONTOSO\\former{}", rng.below(5000)),
                _ => format!("CONTOSO\\{}", person(peer(i, n, rng)).1),
            };
            let _ = write!(
                line,
                "\"{id}\",\"{delegate}\",\"FullAccess\",\"False\",\"False\"\r\n"
            );
        }
        out.write_all(line.as_bytes()).expect("write");
    }
    out.flush().expect("flush");
}

fn write_send_as(dir: &Path, n: usize, rng: &mut Rng) {
    let mut out = file(dir, "send-as.csv");
    out.write_all(b"\xEF\xBB\xBF#TYPE Selected.Microsoft.Exchange.Management.RecipientTasks.ADAcePresentationObject\r\n\
        \"Identity\",\"User\",\"ExtendedRights\",\"IsInherited\",\"Deny\"\r\n")
        .expect("write");
    let mut line = String::new();
    for i in 0..n {
        if rng.below(3) != 0 {
            continue;
        }
        let (name, _) = person(i);
        line.clear();
        let _ = write!(
            line,
            "\"contoso.com/Users/{name}\",\"CONTOSO\\{}\",\"Send-As\",\"False\",\"False\"\r\n",
            person(peer(i, n, rng)).1
        );
        out.write_all(line.as_bytes()).expect("write");
    }
    out.flush().expect("flush");
}

fn write_send_on_behalf(dir: &Path, n: usize, rng: &mut Rng) {
    let mut out = file(dir, "send-on-behalf.csv");
    out.write_all(
        b"\xEF\xBB\xBF#TYPE Selected.Microsoft.Exchange.Data.Directory.Management.Mailbox\r\n\
        \"PrimarySmtpAddress\",\"GrantSendOnBehalfTo\"\r\n",
    )
    .expect("write");
    let mut line = String::new();
    for i in 0..n {
        if rng.below(4) != 0 {
            continue;
        }
        let (_, alias) = person(i);
        let a = person(peer(i, n, rng)).0;
        let b = person(peer(i, n, rng)).0;
        line.clear();
        let _ = write!(
            line,
            "\"{alias}@contoso.com\",\"contoso.com/Users/{a};contoso.com/Users/{b}\"\r\n"
        );
        out.write_all(line.as_bytes()).expect("write");
    }
    out.flush().expect("flush");
}

fn write_calendar(dir: &Path, n: usize, rng: &mut Rng) {
    let mut out = file(dir, "calendar-permissions.csv");
    out.write_all(b"\xEF\xBB\xBF#TYPE Selected.Microsoft.Exchange.Management.StoreTasks.MailboxFolderPermission\r\n\
        \"Identity\",\"FolderName\",\"User\",\"AccessRights\"\r\n")
        .expect("write");
    let mut line = String::new();
    for i in 0..n {
        let (_, alias) = person(i);
        line.clear();
        let _ = write!(
            line,
            "\"{alias}:\\Calendar\",\"Calendar\",\"Default\",\"AvailabilityOnly\"\r\n"
        );
        if rng.below(2) == 0 {
            let _ = write!(
                line,
                "\"{alias}:\\Calendar\",\"Calendar\",\"{}\",\"Editor\"\r\n",
                person(peer(i, n, rng)).0
            );
        }
        out.write_all(line.as_bytes()).expect("write");
    }
    out.flush().expect("flush");
}

/// The permission exports, in the order `mma plan` is given them.
const EXPORTS: [&str; 4] = [
    "mailbox-permissions.csv",
    "send-as.csv",
    "send-on-behalf.csv",
    "calendar-permissions.csv",
];

/// Writes the answers, the inventory and the permission exports for `n` mailboxes, once.
fn inputs(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-plan/{n}"));
    if dir.join(".complete-v2").exists() {
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
    write_inventory(&dir, n, &mut rng);
    write_full_access(&dir, n, &mut rng);
    write_send_as(&dir, n, &mut rng);
    write_send_on_behalf(&dir, n, &mut rng);
    write_calendar(&dir, n, &mut rng);
    std::fs::write(dir.join(".complete-v2"), "").expect("marker");
    dir
}

/// Writes `files` into a fresh directory for `what` (a bench and its size): in memory
/// (`/dev/shm`) where the machine has it, as the README's figures were measured, else beside
/// the inputs in `fallback`. Thousands of files made and removed on a disk's file system run
/// after run time its bookkeeping, which grows from run to run, more than mma.
fn write_out(what: &str, fallback: &Path, files: &[(String, Vec<u8>)]) {
    let shm = Path::new("/dev/shm");
    let out = if shm.is_dir() {
        shm.join(format!("mma-bench-{what}"))
    } else {
        fallback.join("out")
    };
    // Fresh files each time: rewriting a file in place makes ext4 flush it to disk, which would
    // time the disk rather than mma.
    let _ = std::fs::remove_dir_all(&out);
    for (rel, bytes) in files {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, bytes).expect("write");
    }
}

/// Reads, plans and writes, as `mma plan` does; returns the number of batches.
fn plan_once(dir: &Path) -> usize {
    let answers_text = std::fs::read_to_string(dir.join("answers.yaml")).expect("answers");
    let answers = answers::check(&answers_text, Format::Yaml)
        .answers
        .expect("valid answers");
    let inventory_text = std::fs::read_to_string(dir.join("inventory.csv")).expect("inventory");
    let permissions: Vec<(String, String)> = EXPORTS
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).expect("permissions");
            ((*name).to_owned(), text)
        })
        .collect();
    let (mut inventory, exports) =
        plan::load(("inventory.csv", &inventory_text), &permissions).expect("inputs parse");
    let options = Options::default();
    let rec = mma::recommend::recommend(&answers);
    let p = plan::plan(&answers, &rec, &mut inventory, exports, &options).expect("a plan");
    let files = plan::output::files(&p, &answers, &inventory, &options).expect("files");
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    write_out(&format!("plan-{}", name.unwrap_or_default()), dir, &files);
    p.batches.len()
}

/// The answers, inventory and exports of `dir`, loaded.
fn load(
    dir: &Path,
    inventory: &Path,
    extra: &[&Path],
) -> (answers::Answers, plan::Inventory, Vec<plan::Export>) {
    let answers_text = std::fs::read_to_string(dir.join("answers.yaml")).expect("answers");
    let answers = answers::check(&answers_text, Format::Yaml)
        .answers
        .expect("valid answers");
    let inventory_text = std::fs::read_to_string(inventory).expect("inventory");
    let permissions: Vec<(String, String)> = EXPORTS
        .iter()
        .map(|name| dir.join(name))
        .chain(extra.iter().map(|p| p.to_path_buf()))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("permissions");
            (path.display().to_string(), text)
        })
        .collect();
    let (inventory, exports) =
        plan::load(("inventory.csv", &inventory_text), &permissions).expect("inputs parse");
    (answers, inventory, exports)
}

/// The day the bench re-plans as of.
const AS_OF: &str = "2026-04-01";

/// The inputs of `dir` changed by about 1% (see the module's comment), and the plan of the
/// unchanged inputs as the previous plan, once; their directory.
fn churned(dir: &Path, n: usize) -> PathBuf {
    let churn = dir.join("churn");
    if churn.join(".complete-v1").exists() {
        return churn;
    }
    std::fs::create_dir_all(churn.join("previous")).expect("create the churn directory");
    let (answers, mut inventory, exports) = load(dir, &dir.join("inventory.csv"), &[]);
    let rec = mma::recommend::recommend(&answers);
    let p =
        plan::plan(&answers, &rec, &mut inventory, exports, &Options::default()).expect("a plan");
    let mut json = file(&churn.join("previous"), "plan.json");
    plan::output::write_plan_json(&p, &mut json).expect("write plan.json");
    json.flush().expect("flush");
    let text = std::fs::read_to_string(dir.join("inventory.csv")).expect("inventory");
    let mut out = file(&churn, "inventory.csv");
    let mut gone = Vec::new();
    for (k, line) in text.split_inclusive('\n').enumerate() {
        // Two header lines, then mailbox i on line i + 2.
        if k >= 2 && (k - 2) % 200 == 199 {
            gone.push(k - 2);
            continue;
        }
        out.write_all(line.as_bytes()).expect("write");
    }
    let joiners = n / 200;
    for j in 0..joiners {
        let alias = format!("joiner{j}");
        write!(
            out,
            "\"Joiner {j}\",\"Joiner {j}\",\"{alias}\",\"{alias}\",\"{alias}@contoso.com\",\"UserMailbox\",\"MBX-DB41\",\"1.000 GB (1073741824 bytes)\",\"100\",\"\"\r\n"
        )
        .expect("write");
    }
    out.flush().expect("flush");
    let mut links = file(&churn, "new-links.csv");
    links
        .write_all(b"Mailbox,Delegate,Right\r\n")
        .expect("write");
    let address = |i: usize| format!("{}@contoso.com", person(i).1);
    for j in 0..joiners {
        // Each joiner works beside someone: mostly anyone, now and then a mailbox of the first
        // batches (frozen), and the new links tie mailboxes already planned.
        let peer = if j % 10 == 0 {
            j % 1000
        } else {
            (j * 7919) % n
        };
        if peer % 200 != 199 {
            writeln!(
                links,
                "{},joiner{j}@contoso.com,FullAccess\r",
                address(peer)
            )
            .expect("write");
        }
        let (a, b) = ((j * 104_729) % n, (j * 15_485_863) % n);
        if a % 200 != 199 && b % 200 != 199 && a != b {
            writeln!(links, "{},{},SendAs\r", address(a), address(b)).expect("write");
        }
    }
    links.flush().expect("flush");
    std::fs::write(churn.join(".complete-v1"), "").expect("marker");
    churn
}

/// Reads the previous plan and the changed inputs, re-plans and writes, as `mma plan --previous`
/// does; returns the number of batches.
fn replan_once(dir: &Path, churn: &Path) -> usize {
    let (answers, mut inventory, exports) = load(
        dir,
        &churn.join("inventory.csv"),
        &[&churn.join("new-links.csv")],
    );
    let rec = mma::recommend::recommend(&answers);
    let text = std::fs::read_to_string(churn.join("previous/plan.json")).expect("plan.json");
    let as_of = answers::time::parse_date(AS_OF).expect("a date");
    let previous =
        plan::previous::parse("plan.json", &text, (&answers.organization, rec.path), as_of)
            .expect("a previous plan");
    drop(text);
    let options = Options::default();
    let p =
        plan::replan(&answers, &rec, &mut inventory, exports, &options, &previous).expect("a plan");
    drop(previous);
    let files = plan::output::files(&p, &answers, &inventory, &options).expect("files");
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    write_out(
        &format!("replan-{}", name.unwrap_or_default()),
        churn,
        &files,
    );
    p.batches.len()
}

/// Runs the `mma` binary this bench was built with on the inputs of `dir`, exactly as a user
/// does (its files read a piece at a time, the runbook documents rendered, its allocator's
/// options set, the plan directory swapped into place), writing to `/dev/shm` where there is
/// one; `replan` gives re-planning's inventory and further arguments.
fn mma_plan(dir: &Path, replan: Option<&(PathBuf, Vec<String>)>) {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    let shm = Path::new("/dev/shm");
    let out = if shm.is_dir() {
        shm.join(format!("mma-bench-binary-{}", name.unwrap_or_default()))
    } else {
        dir.join("out-binary")
    };
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mma"));
    command
        .arg("plan")
        .arg(dir.join("answers.yaml"))
        .arg("--inventory")
        .arg(replan.map_or_else(|| dir.join("inventory.csv"), |(inv, _)| inv.clone()));
    for export in EXPORTS {
        command.arg("--permissions").arg(dir.join(export));
    }
    let extra = replan.map_or(&[][..], |(_, args)| args.as_slice());
    let status = command
        .args(extra)
        .arg("--out")
        .arg(&out)
        .args(["--force", "--quiet"])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("mma runs");
    assert!(status.success(), "mma plan failed: {status}");
}

/// Re-planning's inventory and further arguments for the churned inputs in `churn`.
fn replan_args(churn: &Path) -> (PathBuf, Vec<String>) {
    let path = |p: &str| churn.join(p).display().to_string();
    let args = vec![
        "--permissions".to_owned(),
        path("new-links.csv"),
        "--previous".to_owned(),
        path("previous/plan.json"),
        "--as-of".to_owned(),
        AS_OF.to_owned(),
    ];
    (churn.join("inventory.csv"), args)
}

fn bench(c: &mut Criterion) {
    let mut sizes = vec![100_000];
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
        group.bench_with_input(BenchmarkId::new("mma-plan-binary", n), &dir, |b, dir| {
            b.iter(|| mma_plan(black_box(dir), None));
        });
        let churn = churned(&dir, n);
        group.bench_with_input(
            BenchmarkId::new("replan-1pct-churn", n),
            &(dir.clone(), churn.clone()),
            |b, (dir, churn)| {
                b.iter(|| replan_once(black_box(dir), black_box(churn)));
            },
        );
        let replan = replan_args(&churn);
        group.bench_with_input(BenchmarkId::new("mma-replan-binary", n), &dir, |b, dir| {
            b.iter(|| mma_plan(black_box(dir), Some(&replan)));
        });
        remove_outputs_in_memory(n);
    }
    group.finish();
}

/// Removes what the benches of size `n` wrote to `/dev/shm`: it is memory (a million mailboxes
/// write a gigabyte there), which later runs, and the rest of the machine, would go without.
fn remove_outputs_in_memory(n: usize) {
    for what in ["plan", "replan", "binary"] {
        let _ = std::fs::remove_dir_all(format!("/dev/shm/mma-bench-{what}-{n}"));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
