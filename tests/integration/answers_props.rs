//! Properties of answer files (quickcheck): any valid answers round-trip through YAML, JSON and
//! TOML and validate; the committed schema, run by the `jsonschema` crate on its own, accepts and
//! refuses exactly what `mma validate`'s structural checks do; no input makes the checker panic.

use mma::answers::model::{
    AdminLoginFormat, Answers, CrossTenant, Date, FormatVersion, Named, Schedule, Security, Source,
    SourceServer, Tenant, Timeline, Weekday, Window, Zone,
};
use mma::answers::time::parse_date;
use mma::answers::{self, Format, write};
use quickcheck::{Arbitrary, Gen, QuickCheck};
use serde_json::{Value, json};

use crate::support::root;

fn pick<T: Copy>(g: &mut Gen, items: &[T]) -> T {
    *g.choose(items).expect("non-empty")
}

fn some<T>(g: &mut Gen, value: impl FnOnce(&mut Gen) -> T) -> Option<T> {
    if bool::arbitrary(g) {
        Some(value(g))
    } else {
        None
    }
}

fn date(g: &mut Gen) -> Date {
    let year = 2026 + i16::from(u8::arbitrary(g) % 4);
    let month = 1 + i8::try_from(u8::arbitrary(g) % 12).expect("small");
    let day = 1 + i8::try_from(u8::arbitrary(g) % 28).expect("small");
    Date::new(year, month, day).expect("a real date")
}

/// Text of 1 to 40 characters, any Unicode but control characters, not blank.
fn text(g: &mut Gen) -> String {
    let s: String = String::arbitrary(g)
        .chars()
        .filter(|c| !c.is_control())
        .take(40)
        .collect();
    if s.trim().is_empty() {
        "Contoso".to_owned()
    } else {
        s
    }
}

/// Answers that satisfy the schema and the cross-field rules.
#[derive(Clone, Debug)]
struct Valid(Answers);

impl Arbitrary for Valid {
    fn arbitrary(g: &mut Gen) -> Self {
        let source = pick(g, &Source::ALL);
        let mailboxes = 1 + u32::arbitrary(g) % 20_000;
        let timeline = pick(g, &Timeline::ALL);
        let manage = bool::arbitrary(g);
        let coexistence = bool::arbitrary(g);
        let imap = matches!(source, Source::Imap | Source::Exchange2000OrEarlier);
        // The path the table recommends is always allowed.
        let recommended =
            mma::decision::decide(source, mailboxes, timeline, manage, coexistence).path;
        let n = usize::arbitrary(g) % 4;
        let schedule = some(g, |_| ()).map(|()| Schedule {
            start: some(g, date),
            time_zone: some(g, |g| {
                pick(
                    g,
                    &["Europe/London", "America/New_York", "UTC", "Asia/Tokyo"],
                )
            })
            .map(|name| Zone::get(name).expect("a known zone")),
            days: {
                let mut days: Vec<Weekday> = (0..usize::arbitrary(g) % 8)
                    .map(|_| pick(g, Weekday::ALL))
                    .collect();
                days.sort();
                days.dedup();
                days
            },
            window: some(g, |g| {
                pick(g, &["20:00-06:00", "00:00-23:59", "18:30-19:45"])
            })
            .map(|text| Window::parse(text).expect("a window")),
            blackout: Vec::new(),
            throughput_gb_per_hour: some(g, |g| f64::from(1 + u16::arbitrary(g) % 999) / 4.0),
            max_batch_mailboxes: some(g, |g| 1 + u32::arbitrary(g) % 50_000)
                .map(|m| m.max(u32::try_from(n).unwrap_or(1))),
            pilot: (0..n.min(mailboxes as usize))
                .map(|i| format!("user{i}@contoso.com"))
                .collect(),
            notify: (0..usize::arbitrary(g) % 3)
                .map(|i| format!("team{i}@contoso.com"))
                .collect(),
        });
        Self(Answers {
            version: FormatVersion,
            organization: text(g),
            source,
            mailboxes,
            timeline,
            manage_users_on_premises: manage,
            coexistence,
            chosen_path: some(g, |_| recommended),
            tenant: some(g, |_| ()).map(|()| Tenant {
                domain: "contoso.onmicrosoft.com".to_owned(),
                accepted_domains: (0..usize::arbitrary(g) % 3)
                    .map(|i| format!("mail{i}.contoso.com"))
                    .collect(),
            }),
            source_server: some(g, |_| ()).map(|()| SourceServer {
                hostname: "mail.contoso.com".to_owned(),
                port: if imap {
                    some(g, |g| pick(g, &[993, 143]))
                } else {
                    None
                },
                security: if imap {
                    some(g, |g| pick(g, &[Security::Ssl, Security::Tls]))
                } else {
                    None
                },
                admin_login_format: if imap {
                    some(g, |g| {
                        pick(g, &[AdminLoginFormat::Dovecot, AdminLoginFormat::None])
                    })
                } else {
                    None
                },
            }),
            // Read on a cross-tenant move only (elsewhere a warning says it is ignored).
            cross_tenant: some(g, |g| CrossTenant {
                source_tenant: "fabrikam.onmicrosoft.com".to_owned(),
                application_id: pick(
                    g,
                    &[
                        "8c9d6e2a-3b1f-4c7d-9e0a-5f6b7c8d9e0f",
                        "00000000-0000-0000-0000-00000000ABCD",
                    ],
                )
                .to_owned(),
            })
            .filter(|_| source == Source::Microsoft365 && recommended.name() == "cross_tenant"),
            schedule,
        })
    }
}

#[test]
fn valid_answers_round_trip_through_every_format_and_validate() {
    fn prop(v: Valid) -> bool {
        let a = v.0;
        [
            (
                write::to_yaml(&a, Some("answers.schema.json")).expect("serialises"),
                Format::Yaml,
            ),
            (write::to_json(&a).expect("serialises"), Format::Json),
            (write::to_toml(&a).expect("serialises"), Format::Toml),
        ]
        .into_iter()
        .all(|(text, format)| {
            let report = answers::check(&text, format);
            let ok = report.is_valid() && report.answers.as_ref() == Some(&a);
            if !ok {
                eprintln!("{format:?}:\n{text}\n{:?}", report.diagnostics);
            }
            ok
        })
    }
    QuickCheck::new()
        .tests(300)
        .quickcheck(prop as fn(Valid) -> bool);
}

/// A valid value with one structural fault: a field dropped, renamed, retyped or pushed out of
/// range, or a value no enum holds.
#[derive(Clone, Debug)]
struct Mutated(Value);

impl Arbitrary for Mutated {
    fn arbitrary(g: &mut Gen) -> Self {
        let mut value = serde_json::to_value(Valid::arbitrary(g).0).expect("serialises");
        // Pick any member (nested ones included) and change it.
        let mut pointers = Vec::new();
        fn collect(v: &Value, at: String, out: &mut Vec<String>) {
            if let Value::Object(map) = v {
                for (k, child) in map {
                    let p = format!("{at}/{k}");
                    out.push(p.clone());
                    collect(child, p, out);
                }
            }
            if let Value::Array(items) = v {
                for (i, child) in items.iter().enumerate() {
                    let p = format!("{at}/{i}");
                    out.push(p.clone());
                    collect(child, p, out);
                }
            }
        }
        collect(&value, String::new(), &mut pointers);
        let target = pick(g, &pointers.iter().map(String::as_str).collect::<Vec<_>>()).to_owned();
        let (parent, key) = target.rsplit_once('/').expect("a member");
        let replacement = match u8::arbitrary(g) % 9 {
            0 => json!(null),
            1 => json!("mailboxes"),
            2 => json!(-1),
            3 => json!(0),
            4 => json!(1.5),
            5 => json!(true),
            6 => json!([]),
            7 => json!({}),
            _ => json!(99_999_999),
        };
        let mode = u8::arbitrary(g) % 3;
        if let Some(container) = value.pointer_mut(if parent.is_empty() { "" } else { parent }) {
            match (container, mode) {
                (Value::Object(map), 0) => {
                    map.remove(key);
                }
                (Value::Object(map), 1) => {
                    if let Some(v) = map.remove(key) {
                        map.insert(format!("{key}x"), v);
                    }
                }
                (Value::Object(map), _) => {
                    map.insert(key.to_owned(), replacement);
                }
                (Value::Array(items), _) => {
                    if let Ok(i) = key.parse::<usize>() {
                        items[i] = replacement;
                    }
                }
                _ => {}
            }
        }
        Self(value)
    }
}

/// The committed schema file, compiled by the `jsonschema` crate independently of `mma`.
fn committed_schema() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let text =
            std::fs::read_to_string(root().join("schema/answers.schema.json")).expect("schema");
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema compiles")
    })
}

/// The committed draft-07 schema for editors, compiled by the `jsonschema` crate.
fn committed_draft07() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("schema/answers.draft-07.schema.json"))
            .expect("schema");
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema compiles")
    })
}

#[test]
fn the_editor_schema_accepts_and_refuses_what_the_canonical_one_does() {
    fn prop(m: Mutated) -> bool {
        committed_draft07().is_valid(&m.0) == committed_schema().is_valid(&m.0)
    }
    QuickCheck::new()
        .tests(500)
        .quickcheck(prop as fn(Mutated) -> bool);
}

/// Diagnostics codes of the cross-field rules (not structural).
const RULE_CODES: &[&str] = &[
    "chosen-path",
    "cutover-size",
    "hybrid-2007",
    "imap-setting",
    "cross-tenant-setting",
    "tenant-domain",
    "window",
    "blackout",
    "pilot-size",
    "time-zone",
];

#[test]
fn the_schema_and_validate_accept_and_refuse_the_same_values() {
    fn prop(m: Mutated) -> bool {
        let validator = committed_schema();
        let text = serde_json::to_string(&m.0).expect("json");
        let report = answers::check(&text, Format::Json);
        let structural = report
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity == mma::table::diagnostic::Severity::Error
                    && !RULE_CODES.contains(&d.code)
            })
            .count();
        let schema_ok = validator.is_valid(&m.0);
        // Never a disagreement between the schema and the types behind it.
        let internal = report.diagnostics.iter().any(|d| d.code == "internal");
        schema_ok == (structural == 0) && !internal
    }
    QuickCheck::new()
        .tests(500)
        .quickcheck(prop as fn(Mutated) -> bool);
    // The generated valid values are all accepted by the schema too.
    fn accept(v: Valid) -> bool {
        committed_schema().is_valid(&serde_json::to_value(v.0).expect("value"))
    }
    QuickCheck::new()
        .tests(300)
        .quickcheck(accept as fn(Valid) -> bool);
}

#[test]
fn no_input_makes_the_checker_panic() {
    fn prop(bytes: Vec<u8>, cut: usize, format: u8) -> bool {
        let format = [Format::Yaml, Format::Json, Format::Toml][usize::from(format % 3)];
        // Arbitrary text, and a valid file cut short and spliced with it.
        let noise = String::from_utf8_lossy(&bytes).into_owned();
        let example =
            std::fs::read_to_string(root().join("examples/full-hybrid.yaml")).unwrap_or_default();
        let at = example
            .char_indices()
            .map(|(i, _)| i)
            .nth(cut % example.chars().count().max(1))
            .unwrap_or(0);
        let spliced = format!("{}{noise}", &example[..at]);
        for text in [&noise, &spliced] {
            let report = answers::check(text, format);
            if let Some(a) = &report.answers {
                let _ = mma::recommend::recommend(a).to_text();
            }
        }
        true
    }
    QuickCheck::new()
        .tests(1000)
        .quickcheck(prop as fn(Vec<u8>, usize, u8) -> bool);
}

#[test]
fn dates_are_refused_exactly_when_they_do_not_exist() {
    let validator = committed_schema();
    for (text, real) in [
        ("2024-02-29", true),
        ("2026-02-29", false),
        ("2000-02-29", true),
        ("1900-02-29", false),
        ("2026-04-31", false),
        ("2026-12-31", true),
        ("2026-13-01", false),
        ("2026-1-01", false),
    ] {
        assert_eq!(parse_date(text).is_some(), real, "{text}");
        let value = json!({
            "version": 1, "organization": "X", "source": "imap", "mailboxes": 1,
            "timeline": "days", "manage_users_on_premises": false, "coexistence": false,
            "schedule": { "start": text }
        });
        assert_eq!(validator.is_valid(&value), real, "schema on {text}");
        let report = answers::check(&value.to_string(), Format::Json);
        assert_eq!(report.is_valid(), real, "validate on {text}");
    }
}

#[test]
fn every_enum_name_parses_back() {
    fn all<T: Named + PartialEq + std::fmt::Debug>() {
        for v in T::all() {
            assert_eq!(answers::model::parse_named::<T>(v.name()), Ok(*v));
        }
    }
    all::<Source>();
    all::<Timeline>();
    all::<answers::MigrationPath>();
    all::<Weekday>();
    let err = answers::model::parse_named::<Source>("exchange_2061").expect_err("unknown");
    assert!(err.contains("did you mean `exchange_2016`?"), "{err}");
}

#[test]
fn an_empty_nested_object_round_trips() {
    let text = std::fs::read_to_string(root().join("examples/third-party.yaml")).expect("example");
    let mut a = answers::check(&text, Format::Yaml).answers.expect("valid");
    a.schedule = Some(Schedule::default());
    assert_round_trips(&a);
}

/// `a` reads back the same from the YAML, JSON and TOML mma writes.
fn assert_round_trips(a: &Answers) {
    for (text, format) in [
        (write::to_yaml(a, None).expect("serialises"), Format::Yaml),
        (write::to_json(a).expect("serialises"), Format::Json),
        (write::to_toml(a).expect("serialises"), Format::Toml),
    ] {
        let report = answers::check(&text, format);
        assert_eq!(
            report.answers.as_ref(),
            Some(a),
            "{format:?}: {text}\n{:?}",
            report.diagnostics
        );
    }
}

#[test]
fn control_characters_in_names_round_trip_through_every_format() {
    // Found by fuzzing: a DEL in the organisation's name made `mma convert --to toml` write a
    // file TOML refuses. Every character TOML or YAML refuses raw is written as an escape.
    let text = std::fs::read_to_string(root().join("examples/third-party.yaml")).expect("example");
    let mut a = answers::check(&text, Format::Yaml).answers.expect("valid");
    for name in [
        "Adventure W\u{7f}rks",
        "C1 \u{85}\u{9f} controls",
        "BOM \u{feff} inside",
        "tab\tand \"quotes\" \\ back",
    ] {
        a.organization = name.to_owned();
        assert_round_trips(&a);
    }
}
