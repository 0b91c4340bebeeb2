//! The answers JSON Schema (draft 2020-12), generated from the types in `model.rs`, and the
//! validator built from it once per process.

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use schemars::transform::RestrictFormats;
use serde_json::Value;

use super::model::Answers;

/// The `$id` the schema is published under, relative to a checkout of the repository.
pub const SCHEMA_FILE: &str = "schema/answers.schema.json";

/// The answers schema as JSON.
#[must_use]
pub fn schema() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RestrictFormats::default())
        .into_generator();
    let mut value = generator.into_root_schema_for::<Answers>().to_value();
    unwrap_descriptions(&mut value);
    value
}

/// Joins the lines of each paragraph of every `description` (doc comments wrap at 100 columns;
/// form tools and editors wrap on their own), keeping blank lines between paragraphs.
fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(text) if key == "description" => {
                        *text = text
                            .split("\n\n")
                            .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
                            .collect::<Vec<_>>()
                            .join("\n\n");
                    }
                    other => unwrap_descriptions(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// The schema as committed: pretty JSON with a final newline.
#[must_use]
pub fn schema_text() -> String {
    crate::text::pretty_json(&schema())
}

/// The schema in draft-07, for editors: the YAML language server validates with draft-07
/// semantics, where siblings of `$ref` are ignored; schemars' draft-07 output wraps them in
/// `allOf`, so titles and descriptions still show on hover. Same constraints as the canonical
/// schema (a test checks both accept and refuse the same values).
#[must_use]
pub fn draft07() -> Value {
    let generator = SchemaSettings::draft07()
        .with_transform(RestrictFormats::default())
        .into_generator();
    let mut value = generator.into_root_schema_for::<Answers>().to_value();
    unwrap_descriptions(&mut value);
    value
}

/// The draft-07 schema as committed.
#[must_use]
pub fn draft07_text() -> String {
    crate::text::pretty_json(&draft07())
}

/// The schema and its validator, built on first use.
pub(super) struct Compiled {
    pub schema: Value,
    pub validator: Option<jsonschema::Validator>,
}

pub(super) fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let schema = schema();
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .ok();
        Compiled { schema, validator }
    })
}
