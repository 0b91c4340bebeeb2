//! Rendering the runbook, the PowerShell script and the user communications for a
//! 100,000-mailbox plan (100 batches of 1,000, 10,000 broken links); target: under a second.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mma::answers::{self, Format, MigrationPath};
use mma::plan::Right;
use mma::plan::model::{Batch, BrokenLink, Estimate, Hub, Impact, Plan, Totals};
use mma::recommend;
use mma::render::{Template, ViewKind};
use mma::runbook::{self, Templates};

fn synthetic_plan() -> Plan {
    let batches: Vec<Batch> = (0..100)
        .map(|b| Batch {
            number: b + 1,
            name: format!("{:03}-db{:02}", b + 1, b % 12),
            file: Some(format!("batches/{:03}-db{:02}.csv", b + 1, b % 12)),
            pilot: b == 0,
            members: (0..1000)
                .map(|i| format!("user{}@contoso.com", b * 1000 + i))
                .collect(),
            bytes: 900 << 30,
            largest_bytes: 9 << 30,
            date: Some(format!("2026-{:02}-{:02}", 3 + b / 28, 1 + b % 28)),
            window: Some("20:00-06:00".to_owned()),
            sync_start: Some(format!("2026-{:02}-{:02}", 2 + b / 28, 1 + b % 28)),
            complete_after_utc: Some(format!(
                "2026-{:02}-{:02}T19:00:00Z",
                3 + b / 28,
                1 + b % 28
            )),
            estimate: Estimate {
                hours: Some(9.0),
                p50_days: 1,
                p90_days: 7,
            },
        })
        .collect();
    let broken_links = (0..10_000)
        .map(|i| BrokenLink {
            mailbox: format!("user{i}@contoso.com"),
            delegate: format!("user{}@contoso.com", (i * 7919) % 100_000),
            right: Right::FullAccess,
            mailbox_batch: i / 1000 + 1,
            delegate_batch: (i * 7919) % 100_000 / 1000 + 1,
            reason: "split".to_owned(),
            impact: Impact::WorksAcrossPremises,
        })
        .collect();
    Plan {
        format_version: 1,
        organization: "Contoso".to_owned(),
        path: MigrationPath::FullHybrid,
        path_title: MigrationPath::FullHybrid.title().to_owned(),
        rule: "modern-large".to_owned(),
        time_zone: "Europe/Paris".to_owned(),
        totals: Totals {
            mailboxes: 100_000,
            bytes: 90_000 << 30,
            batches: 100,
            groups: 0,
            links: 10_000,
            broken_links: 10_000,
            hubs: 1,
            unresolved_rows: 0,
        },
        batches,
        groups: Vec::new(),
        hubs: vec![Hub {
            address: "svc@contoso.com".to_owned(),
            degree: 5000,
        }],
        broken_links,
        unresolved: Vec::new(),
        warnings: Vec::new(),
        changes: None,
    }
}

fn bench(c: &mut Criterion) {
    let answers = answers::check(
        "version: 1\norganization: Contoso\nsource: exchange_2016\nmailboxes: 100000\n\
         timeline: months\nmanage_users_on_premises: true\ncoexistence: false\n\
         tenant:\n  domain: contoso.onmicrosoft.com\n  accepted_domains: [contoso.com]\n\
         source_server:\n  hostname: mail.contoso.com\n",
        Format::Yaml,
    )
    .answers
    .expect("valid answers");
    let plan = synthetic_plan();
    let templates = Templates::new(&[]).expect("templates parse");
    let names: Vec<&str> = Template::ALL
        .iter()
        .filter(|t| t.view() == ViewKind::Runbook)
        .map(|t| t.name())
        .collect();
    c.bench_function("runbook/100k-mailboxes/all-documents", |b| {
        b.iter(|| {
            let rec = recommend::recommend(&answers);
            let view = runbook::view(&answers, &rec, Some(black_box(&plan)));
            // As `mma plan` renders them: one context for every runbook document, each
            // rendered into a writer (here one that drops what it is given).
            let Ok(prepared) = templates.prepare(&view) else {
                return 0;
            };
            let mut out = std::io::sink();
            names
                .iter()
                .filter(|name| templates.render_prepared(name, &prepared, &mut out).is_ok())
                .count()
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
