//! What each fuzz target asserts, shared by the libFuzzer targets (`fuzz_targets/`) and the
//! stable replay of the committed corpus (`tests/integration/fuzz_replay.rs`): no input makes
//! mma panic, and input mma accepts round-trips where a round trip applies.

use mma::answers::{self, Format};
use mma::text::{Kind, decode};

/// The text of `data` as mma reads files: UTF-8 (with or without a byte-order mark) or UTF-16
/// with one; `None` where mma refuses the bytes (with a located error).
fn text(data: &[u8], kind: Kind) -> Option<String> {
    decode(data.to_vec(), kind).ok()
}

/// What a target asserts of one input.
pub type Check = fn(&[u8]);

/// The fuzz targets, each with its check.
pub const TARGETS: &[(&str, Check)] = &[
    ("answers_yaml", answers_yaml),
    ("answers_json", answers_json),
    ("answers_toml", answers_toml),
    ("inventory_csv", inventory_csv),
    ("permissions_csv", permissions_csv),
    ("decision_table", decision_table),
    ("plan_json", plan_json),
    ("template_override", template_override),
];

/// Answers in `format`: accepted answers read back the same from every format mma writes.
fn answers_in(data: &[u8], format: Format) {
    let Some(text) = text(data, Kind::Text) else {
        return;
    };
    let report = answers::check(&text, format);
    let Some(a) = report.answers else {
        return;
    };
    for (written, again) in [
        (answers::write::to_yaml(&a, None), Format::Yaml),
        (answers::write::to_json(&a), Format::Json),
        (answers::write::to_toml(&a), Format::Toml),
    ] {
        let written = written.expect("accepted answers serialise");
        let back = answers::check(&written, again).answers;
        assert_eq!(
            back.as_ref(),
            Some(&a),
            "{again:?} round trip of\n{written}"
        );
    }
    // Everything downstream of accepted answers must not panic either.
    let rec = mma::recommend::recommend(&a);
    let view = mma::runbook::view(&a, &rec, None);
    let templates = mma::runbook::Templates::new(&[]).expect("the built-in templates parse");
    for t in mma::render::Template::ALL {
        if t.view() == mma::render::ViewKind::Runbook {
            templates
                .render(t.name(), &view)
                .expect("built-in templates render");
        }
    }
    for format in [
        mma::recommend::Format::Text,
        mma::recommend::Format::Markdown,
    ] {
        rec.render(&templates, format)
            .expect("built-in templates render");
    }
}

/// YAML answer files.
pub fn answers_yaml(data: &[u8]) {
    answers_in(data, Format::Yaml);
}

/// JSON answer files.
pub fn answers_json(data: &[u8]) {
    answers_in(data, Format::Json);
}

/// TOML answer files.
pub fn answers_toml(data: &[u8]) {
    answers_in(data, Format::Toml);
}

/// Mailbox inventories.
pub fn inventory_csv(data: &[u8]) {
    if let Some(text) = text(data, Kind::Csv) {
        let _ = mma::plan::Inventory::parse("inventory.csv", &text);
    }
}

/// Permission exports.
pub fn permissions_csv(data: &[u8]) {
    if let Some(text) = text(data, Kind::Csv) {
        let _ = mma::plan::Export::parse("permissions.csv", &text);
    }
}

/// Decision tables: checked, and a clean table evaluates and generates code.
pub fn decision_table(data: &[u8]) {
    if let Some(text) = text(data, Kind::Csv) {
        let _ = mma::table::check(&text);
    }
}

/// `plan.json`: an accepted plan serialises and reads back the same.
pub fn plan_json(data: &[u8]) {
    let Some(text) = text(data, Kind::Text) else {
        return;
    };
    let Ok(plan) = mma::plan::read::parse("plan.json", &text) else {
        return;
    };
    let written = serde_json::to_string_pretty(&plan).expect("a plan serialises");
    let back = mma::plan::read::parse("plan.json", &written).expect("what mma writes, it reads");
    assert_eq!(back, plan);
}

/// Template overrides: parsed, and rendered against a real view, without a panic.
pub fn template_override(data: &[u8]) {
    let Some(text) = text(data, Kind::Text) else {
        return;
    };
    let Ok(templates) = mma::runbook::Templates::new(&[("runbook.md".to_owned(), text)]) else {
        return;
    };
    let a = answers::check(
        "version: 1\norganization: Contoso\nsource: exchange_2016\nmailboxes: 300\n\
         timeline: weeks\nmanage_users_on_premises: false\ncoexistence: false\n",
        Format::Yaml,
    )
    .answers
    .expect("valid answers");
    let view = mma::runbook::view(&a, &mma::recommend::recommend(&a), None);
    let _ = templates.render("runbook.md", &view);
}
