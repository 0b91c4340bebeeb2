//! Checks an answer file: syntax, then every schema violation at once (each located, with what
//! was found, what is allowed and the closest valid name), then the cross-field rules of
//! product.md on the typed answers.
//!
//! Structure is checked by the schema alone, so `mma validate` and the committed schema refuse
//! exactly the same inputs; the typed layer only adds the rules that span several fields.

use std::borrow::Cow;

use serde::Deserialize as _;
use serde_json::Value;

use super::document::{self, Document, Format, Location};
use super::model::{Answers, MigrationPath, Schedule, Source, Zone};
use super::schema;
pub use crate::table::diagnostic::Diagnostic;
use crate::table::diagnostic::{Severity, suggest};

/// The kind of a finding about an answer file, stable for tools (its [`Code::name`] is the
/// `code` of the diagnostic).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    /// `syntax`: the file is not valid YAML, JSON or TOML.
    Syntax,
    /// `too-large`: the file is larger than an answer file may be.
    TooLarge,
    /// `encoding`: the file is not UTF-8 or UTF-16 text.
    Encoding,
    /// `internal`: a bug in mma: the schema or the types failed.
    Internal,
    /// `unknown-field`: a field the schema does not have.
    UnknownField,
    /// `missing-field`: a required field is missing.
    MissingField,
    /// `unknown-value`: a name outside the listed values.
    UnknownValue,
    /// `type`: a value of the wrong type.
    Type,
    /// `version`: an answer file version this mma does not read.
    Version,
    /// `value`: a value other than the one allowed.
    Value,
    /// `range`: a number outside its range.
    Range,
    /// `length`: text or a list of the wrong length.
    Length,
    /// `duplicate`: a list that repeats an item.
    Duplicate,
    /// `format`: text of the wrong form (date, host name, email address, pattern).
    Format,
    /// `schema`: another schema violation.
    Schema,
    /// `time-zone`: a time zone the IANA database does not hold.
    TimeZone,
    /// `chosen-path`: a chosen path the source or size rules out.
    ChosenPath,
    /// `cutover-size`: a cutover of more mailboxes than Microsoft advises.
    CutoverSize,
    /// `hybrid-2007`: hybrid from Exchange 2007, which needs a newer hybrid server.
    Hybrid2007,
    /// `imap-setting`: an IMAP setting on a source that does not migrate over IMAP.
    ImapSetting,
    /// `cross-tenant-setting`: cross-tenant settings for a move that is not cross-tenant.
    CrossTenantSetting,
    /// `tenant-domain`: a tenant domain that is not `.onmicrosoft.com`.
    TenantDomain,
    /// `window`: an empty migration window.
    Window,
    /// `blackout`: a blackout date before the start date.
    Blackout,
    /// `pilot-size`: a pilot that does not fit a batch or the organisation.
    PilotSize,
}

impl Code {
    /// The name tools see.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::TooLarge => "too-large",
            Self::Encoding => "encoding",
            Self::Internal => "internal",
            Self::UnknownField => "unknown-field",
            Self::MissingField => "missing-field",
            Self::UnknownValue => "unknown-value",
            Self::Type => "type",
            Self::Version => "version",
            Self::Value => "value",
            Self::Range => "range",
            Self::Length => "length",
            Self::Duplicate => "duplicate",
            Self::Format => "format",
            Self::Schema => "schema",
            Self::TimeZone => "time-zone",
            Self::ChosenPath => "chosen-path",
            Self::CutoverSize => "cutover-size",
            Self::Hybrid2007 => "hybrid-2007",
            Self::ImapSetting => "imap-setting",
            Self::CrossTenantSetting => "cross-tenant-setting",
            Self::TenantDomain => "tenant-domain",
            Self::Window => "window",
            Self::Blackout => "blackout",
            Self::PilotSize => "pilot-size",
        }
    }
}

/// A finding at `location` about the value at `pointer`, its message still to be set.
fn finding(severity: Severity, location: Location, pointer: &str, code: Code) -> Diagnostic {
    Diagnostic::new(
        severity,
        code.name(),
        location.line,
        Some(location.column),
        String::new(),
    )
    .at_pointer(pointer)
}

/// The outcome of checking one file.
#[derive(Clone, Debug)]
pub struct Report {
    /// Every finding, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The answers, when the file has no errors.
    pub answers: Option<Answers>,
}

impl Report {
    /// Whether the file has no errors (warnings allowed).
    #[must_use]
    pub fn is_valid(&self) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The report on a file refused before it is parsed (its bytes are not text, or it is too
    /// large): one error at `location`.
    #[must_use]
    pub fn refused(location: Location, code: Code, message: String) -> Self {
        Self {
            diagnostics: vec![finding(Severity::Error, location, "", code).message(message)],
            answers: None,
        }
    }

    /// Number of findings of `severity`.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Checks the text of an answer file written in `format`.
#[must_use]
pub fn check(text: &str, format: Format) -> Report {
    let doc = match document::parse(text, format) {
        Ok(doc) => doc,
        Err(errors) => {
            let diagnostics = errors
                .into_iter()
                .map(|e| {
                    finding(Severity::Error, e.location, "", Code::Syntax).message(format!(
                        "{} syntax: {}",
                        format.name().to_uppercase(),
                        e.message
                    ))
                })
                .collect();
            return Report {
                diagnostics,
                answers: None,
            };
        }
    };
    check_value(&doc)
}

/// Checks a parsed document.
#[must_use]
pub fn check_value(doc: &Document) -> Report {
    let compiled = schema::compiled();
    let mut diagnostics = Vec::new();
    match &compiled.validator {
        Some(validator) => {
            for error in validator.iter_errors(&doc.value) {
                diagnostics.extend(schema_error(&compiled.schema, doc, &error));
            }
        }
        None => diagnostics.push(
            finding(Severity::Error, Location::default(), "", Code::Internal)
                .message("the answers schema did not compile; this is a bug in mma"),
        ),
    }
    let mut answers = None;
    if diagnostics.is_empty() {
        let value = convert(doc, &mut diagnostics);
        match Answers::deserialize(value.as_ref()) {
            Ok(a) => {
                diagnostics.extend(rules(&a, doc));
                answers = Some(a);
            }
            Err(e) => diagnostics.push(
                finding(Severity::Error, Location::default(), "", Code::Internal).message(
                    format!("the schema accepted the file but the types refused it: {e}; this is a bug in mma"),
                ),
            ),
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.line, a.column, &a.pointer, a.code, &a.message)
            .cmp(&(b.line, b.column, &b.pointer, b.code, &b.message))
    });
    diagnostics.dedup();
    let answers = answers.filter(|_| !diagnostics.iter().any(|d| d.severity == Severity::Error));
    Report {
        diagnostics,
        answers,
    }
}

/// The conversions of valid text into typed values the schema cannot check (a time zone the
/// IANA database holds), each refusal located. A refused field is left out of the value returned,
/// so the typed layer still reads the rest and the cross-field rules still run.
fn convert<'a>(doc: &'a Document, diagnostics: &mut Vec<Diagnostic>) -> Cow<'a, Value> {
    let mut value = Cow::Borrowed(&doc.value);
    let pointer = "/schedule/time_zone";
    if let Some(Value::String(name)) = doc.value.pointer(pointer)
        && let Err(unknown) = Zone::get(name)
    {
        let mut d = finding(
            Severity::Error,
            doc.locate(pointer),
            pointer,
            Code::TimeZone,
        )
        .message(unknown.to_string());
        d.help = Some(
            "use an IANA name such as `Europe/London` or `America/New_York`, or `UTC`".to_owned(),
        );
        diagnostics.push(d);
        if let Some(schedule) = value
            .to_mut()
            .get_mut("schedule")
            .and_then(Value::as_object_mut)
        {
            schedule.remove("time_zone");
        }
    }
    value
}

/// The last segment of a pointer, unescaped: the field an error is about.
fn field_name(pointer: &str) -> String {
    let last = pointer.rsplit('/').next().unwrap_or("");
    last.replace("~1", "/").replace("~0", "~")
}

/// How a pointer is named in a message: `` `source` ``, `item 2 of `pilot``, `the file`.
fn describe_place(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the file".to_owned();
    }
    let name = field_name(pointer);
    if name.bytes().all(|b| b.is_ascii_digit()) {
        let parent = &pointer[..pointer.len() - name.len() - 1];
        let n: usize = name.parse().unwrap_or(0);
        return format!("item {} of `{}`", n + 1, field_name(parent));
    }
    format!("`{name}`")
}

/// Whether `value` has at most 1,000 parts, so a finding may hold a copy of it.
fn small(value: &Value) -> bool {
    let mut budget = 1_000usize;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        if budget == 0 {
            return false;
        }
        budget -= 1;
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    true
}

/// A value as shown in a message: JSON, cut to a readable length.
fn show(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// `text `abc``, `an integer `5``, `nothing (null)`.
fn found_text(value: &Value) -> String {
    match value {
        Value::Null => json_kind(value).to_owned(),
        Value::Array(_) | Value::Object(_) => json_kind(value).to_owned(),
        other => format!("{} `{}`", json_kind(other), show(other)),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// Follows a local `$ref`.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) if r.starts_with('#') => root.pointer(&r[1..]).unwrap_or(node),
        _ => node,
    }
}

/// The `const` values of a `oneOf`/`anyOf` of constants (a documented enum), or `enum` values.
fn enum_values(node: &Value) -> Option<Vec<String>> {
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        return Some(values.iter().map(show).collect());
    }
    let branches = node
        .get("oneOf")
        .or_else(|| node.get("anyOf"))?
        .as_array()?;
    branches
        .iter()
        .map(|b| b.get("const").map(show))
        .collect::<Option<Vec<_>>>()
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a schema allows, in words.
fn allowed(root: &Value, node: &Value) -> String {
    let node = resolve(root, node);
    if let Some(values) = enum_values(node) {
        return format!("one of {}", quoted(&values));
    }
    if let Some(c) = node.get("const") {
        return format!("`{}`", show(c));
    }
    let num = |k: &str| node.get(k).map(show);
    match node.get("type").and_then(Value::as_str) {
        Some("integer") | Some("number") => {
            let what = if node["type"] == "integer" {
                "an integer"
            } else {
                "a number"
            };
            match (num("minimum"), num("exclusiveMinimum"), num("maximum")) {
                (Some(lo), _, Some(hi)) => format!("{what} from {lo} to {hi}"),
                (None, Some(lo), Some(hi)) => format!("{what} above {lo}, at most {hi}"),
                (Some(lo), _, None) => format!("{what} of at least {lo}"),
                (None, Some(lo), None) => format!("{what} above {lo}"),
                (None, None, Some(hi)) => format!("{what} of at most {hi}"),
                (None, None, None) => what.to_owned(),
            }
        }
        Some("boolean") => "`true` or `false`".to_owned(),
        Some("string") => {
            let example = node
                .get("examples")
                .and_then(Value::as_array)
                .and_then(|e| e.first())
                .map(show);
            match (node.get("format").and_then(Value::as_str), example) {
                (Some("date"), _) => "a date, `YYYY-MM-DD`".to_owned(),
                (Some("hostname"), Some(e)) => format!("a host name such as `{e}`"),
                (Some("hostname"), None) => "a host name".to_owned(),
                (Some("email"), _) => "an email address".to_owned(),
                (_, Some(e)) if node.get("pattern").is_some() => format!("text like `{e}`"),
                _ => match (num("minLength"), num("maxLength")) {
                    (Some(lo), Some(hi)) => format!("text of {lo} to {hi} characters"),
                    _ => "text".to_owned(),
                },
            }
        }
        Some("array") => match node.get("items") {
            Some(items) => format!("a list of {}", allowed(root, items)),
            None => "a list".to_owned(),
        },
        Some("object") => {
            let fields: Vec<String> = node
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            format!("a mapping with the fields {}", quoted(&fields))
        }
        _ => "a value the schema describes".to_owned(),
    }
}

/// The subschema holding the failing keyword (the schema path minus its last segment).
fn parent_schema<'a>(root: &'a Value, schema_path: &str) -> &'a Value {
    let parent = schema_path.rfind('/').map_or("", |i| &schema_path[..i]);
    root.pointer(parent).unwrap_or(root)
}

/// A schema error's context: where it is, the subschema that failed and the value found.
struct Failed<'a> {
    root: &'a Value,
    doc: &'a Document,
    /// The subschema holding the failing keyword.
    node: &'a Value,
    instance: &'a Value,
    pointer: String,
    location: Location,
    /// How the place is named in a message.
    place: String,
}

impl Failed<'_> {
    /// A finding about the failing value, with the value found and what is allowed.
    fn base(&self, code: Code) -> Diagnostic {
        let mut d = finding(Severity::Error, self.location, &self.pointer, code);
        // A huge list or mapping is not copied into every finding about it.
        d.found = small(self.instance).then(|| self.instance.clone());
        d.allowed = Some(allowed(self.root, self.node));
        d
    }

    /// One finding per unknown field, each with the closest known name.
    fn unknown_fields(&self, unexpected: &[String]) -> Vec<Diagnostic> {
        let fields: Vec<&str> = self
            .node
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let container = if self.pointer.is_empty() {
            "the file".to_owned()
        } else {
            self.place.clone()
        };
        let names: Vec<String> = fields.iter().map(|s| (*s).to_owned()).collect();
        unexpected
            .iter()
            .map(|name| {
                let at = format!("{}/{}", self.pointer, document::escape(name));
                let mut d = finding(
                    Severity::Error,
                    self.doc.locate_key(&at),
                    &at,
                    Code::UnknownField,
                )
                .message(format!("unknown field `{name}` in {container}"));
                d.allowed = Some(format!("the fields {}", quoted(&names)));
                d.help =
                    suggest(name, fields.iter().copied()).map(|s| format!("did you mean `{s}`?"));
                d
            })
            .collect()
    }

    /// A required field is missing: what it is, from its title and description.
    fn missing(&self, property: &Value) -> Diagnostic {
        let name = show(property);
        let field = self.node.get("properties").and_then(|p| p.get(&name));
        let within = if self.pointer.is_empty() {
            String::new()
        } else {
            format!(" in {}", self.place)
        };
        let mut d = finding(
            Severity::Error,
            self.location,
            &self.pointer,
            Code::MissingField,
        )
        .message(format!("missing field `{name}`{within}"));
        if let Some(field) = field {
            let target = resolve(self.root, field);
            d.allowed = Some(allowed(self.root, field));
            let text = |key: &str| {
                field
                    .get(key)
                    .or_else(|| target.get(key))
                    .and_then(Value::as_str)
            };
            d.help = match (text("title"), text("description")) {
                (Some(t), Some(desc)) => Some(format!("{t}: {}", desc.replace("\n\n", " "))),
                (None, Some(desc)) | (Some(desc), None) => Some(desc.to_owned()),
                (None, None) => None,
            };
        }
        d
    }

    /// A value outside a list of names; `None` when the enum's own type check reports it.
    fn enumerated(&self, error: &jsonschema::ValidationError<'_>) -> Option<Diagnostic> {
        let place = &self.place;
        Some(match (enum_values(self.node), self.instance) {
            (Some(values), Value::String(found)) => {
                let mut d = self
                    .base(Code::UnknownValue)
                    .message(format!("unknown value `{found}` for {place}"));
                d.help = suggest(found, values.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"));
                d
            }
            // The enum's `"type": "string"` reports a value of another type.
            (Some(_), _) if resolve(self.root, self.node).get("type").is_some() => return None,
            (Some(_), other) => self.base(Code::Type).message(format!(
                "{place} must be one of the listed names, found {}",
                found_text(other)
            )),
            (None, _) => self.base(Code::Schema).message(format!("{place}: {error}")),
        })
    }

    /// A value of the wrong type, with a hint for YAML 1.1 booleans and quoted numbers.
    fn wrong_type(&self) -> Diagnostic {
        let instance = self.instance;
        let mut d = self.base(Code::Type).message(format!(
            "{} has the wrong type: found {}",
            self.place,
            found_text(instance)
        ));
        if self.pointer.is_empty() {
            d.message = format!(
                "an answer file is a mapping of fields, found {}",
                json_kind(instance)
            );
        }
        let expected = self.node.get("type").and_then(Value::as_str);
        let yaml_bool = matches!(
            instance.as_str().map(str::to_ascii_lowercase).as_deref(),
            Some("yes" | "no" | "on" | "off" | "y" | "n" | "true" | "false")
        );
        if expected == Some("boolean") && yaml_bool {
            d.help = Some(
                "write `true` or `false` (YAML 1.2 reads `yes`, `no`, `on` and `off` as text)"
                    .to_owned(),
            );
        } else if let (Some("integer" | "number"), Some(s)) = (expected, instance.as_str())
            && s.trim().replace([',', '_', ' '], "").parse::<f64>().is_ok()
        {
            d.help = Some("write the number without quotes, separators or units".to_owned());
        }
        d
    }

    /// A list that repeats an item.
    fn duplicate(&self) -> Diagnostic {
        let repeated = self.instance.as_array().and_then(|items| {
            items
                .iter()
                .enumerate()
                .find(|(i, v)| items[..*i].contains(v))
                .map(|(_, v)| show(v))
        });
        self.base(Code::Duplicate).message(format!(
            "{} lists `{}` more than once",
            self.place,
            repeated.unwrap_or_default()
        ))
    }

    /// A number outside its range: `too small` or `too large`, and the bound in words.
    fn range(&self, what: &str, bound: String) -> Diagnostic {
        self.base(Code::Range).message(format!(
            "{} is too {what}: `{}` ({bound})",
            self.place,
            show(self.instance)
        ))
    }
}

/// One schema error as diagnostics (an `additionalProperties` error names each unknown field).
fn schema_error(
    root: &Value,
    doc: &Document,
    error: &jsonschema::ValidationError<'_>,
) -> Vec<Diagnostic> {
    use jsonschema::error::ValidationErrorKind as Kind;

    let pointer = error.instance_path().as_str().to_owned();
    let f = Failed {
        root,
        doc,
        node: parent_schema(root, error.schema_path().as_str()),
        instance: error.instance().as_ref(),
        location: doc.locate(&pointer),
        place: describe_place(&pointer),
        pointer,
    };
    let place = &f.place;
    let shown = show(f.instance);
    let d = match error.kind() {
        Kind::AdditionalProperties { unexpected } | Kind::UnevaluatedProperties { unexpected } => {
            return f.unknown_fields(unexpected);
        }
        Kind::Required { property } => f.missing(property),
        Kind::OneOfNotValid { .. } | Kind::AnyOf { .. } | Kind::Enum { .. } => {
            match f.enumerated(error) {
                Some(d) => d,
                None => return Vec::new(),
            }
        }
        Kind::Constant { expected_value } if f.pointer == "/version" => {
            f.base(Code::Version).message(format!(
                "unsupported version `{shown}`; this mma reads version {}",
                show(expected_value)
            ))
        }
        Kind::Constant { expected_value } => f
            .base(Code::Value)
            .message(format!("{place} must be `{}`", show(expected_value))),
        Kind::Type { .. } => f.wrong_type(),
        Kind::Minimum { limit } => f.range("small", format!("at least {}", show(limit))),
        Kind::ExclusiveMinimum { limit } => {
            f.range("small", format!("must be above {}", show(limit)))
        }
        Kind::Maximum { limit } => f.range("large", format!("at most {}", show(limit))),
        Kind::ExclusiveMaximum { limit } => {
            f.range("large", format!("must be below {}", show(limit)))
        }
        Kind::MinLength { .. } | Kind::MaxLength { .. } => f
            .base(Code::Length)
            .message(format!("{place} has the wrong length: `{shown}`")),
        Kind::MinItems { limit } => f
            .base(Code::Length)
            .message(format!("{place} is an empty list; give at least {limit}")),
        Kind::MaxItems { limit } => f
            .base(Code::Length)
            .message(format!("{place} has more than {limit} items")),
        Kind::UniqueItems => f.duplicate(),
        Kind::Format { format } => {
            let what = match format.as_str() {
                "date" => "a real date (YYYY-MM-DD)",
                "hostname" => "a host name",
                "email" => "an email address",
                other => other,
            };
            f.base(Code::Format)
                .message(format!("{place} is not {what}: `{shown}`"))
        }
        Kind::Pattern { .. } => f.base(Code::Format).message(format!(
            "{place} does not have the expected form: `{shown}`"
        )),
        _ => f.base(Code::Schema).message(format!("{place}: {error}")),
    };
    vec![d]
}

/// Findings of the cross-field rules, located in the document.
struct Findings<'a> {
    doc: &'a Document,
    out: Vec<Diagnostic>,
}

impl Findings<'_> {
    fn push(
        &mut self,
        severity: Severity,
        pointer: &str,
        code: Code,
        message: String,
        help: Option<String>,
    ) {
        let mut d = finding(severity, self.doc.locate(pointer), pointer, code).message(message);
        d.help = help;
        self.out.push(d);
    }
}

/// The cross-field rules of product.md: a chosen path the source or size rules out, IMAP
/// settings that only an IMAP migration reads, an empty window, …
fn rules(answers: &Answers, doc: &Document) -> Vec<Diagnostic> {
    let mut findings = Findings {
        doc,
        out: Vec::new(),
    };
    if let Some(path) = answers.chosen_path {
        chosen_path(answers, path, &mut findings);
    }
    imap_settings(answers, &mut findings);
    cross_tenant_settings(answers, &mut findings);
    if let Some(tenant) = &answers.tenant
        && !tenant
            .domain
            .to_ascii_lowercase()
            .ends_with(".onmicrosoft.com")
    {
        findings.push(
            Severity::Warning,
            "/tenant/domain",
            Code::TenantDomain,
            format!(
                "`{}` is not a `.onmicrosoft.com` domain; the tenant domain is the initial `<name>.onmicrosoft.com` one",
                tenant.domain
            ),
            None,
        );
    }
    if let Some(schedule) = &answers.schedule {
        schedule_rules(answers, schedule, &mut findings);
    }
    findings.out
}

/// Why the source or size rules out a chosen path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A cutover moves at most 2,000 mailboxes.
    #[error("a cutover migration moves at most 2,000 mailboxes; these answers have {0}")]
    CutoverTooLarge(u32),
    /// A cutover needs Exchange 2003 or later.
    #[error("a cutover migration needs Exchange 2003 or later as the source, not `{0}`")]
    CutoverSource(Source),
    /// A staged migration works only from Exchange 2003 and 2007.
    #[error("a staged migration works only from Exchange 2003 and 2007, not `{0}`")]
    StagedSource(Source),
    /// Exchange 2003 has no part in a hybrid deployment's moves.
    #[error("Exchange 2003 cannot take part in a hybrid deployment's online moves")]
    HybridFrom2003,
    /// A hybrid deployment needs on-premises Exchange.
    #[error("a hybrid deployment needs on-premises Exchange 2010 or later, not `{0}`")]
    HybridSource(Source),
    /// A Google Workspace migration needs Google Workspace.
    #[error("a Google Workspace migration needs Google Workspace as the source, not `{0}`")]
    GoogleSource(Source),
    /// A cross-tenant migration needs another Microsoft 365 tenant.
    #[error("a cross-tenant migration needs another Microsoft 365 tenant as the source, not `{0}`")]
    CrossTenantSource(Source),
    /// An IMAP migration needs IMAP access.
    #[error("an IMAP migration needs IMAP access, which the source `other` does not offer")]
    ImapWithoutImap,
}

/// Why the source or size rules out `path`, if they do.
fn path_refusal(answers: &Answers, path: MigrationPath) -> Option<Refusal> {
    let source = answers.source;
    let hybrid_source = matches!(
        source,
        Source::Exchange2007
            | Source::Exchange2010
            | Source::Exchange2013
            | Source::Exchange2016
            | Source::Exchange2019
            | Source::ExchangeSe
    );
    Some(match path {
        MigrationPath::Cutover
            if answers.mailboxes as usize > MigrationPath::Cutover.limits().max_batch_mailboxes =>
        {
            Refusal::CutoverTooLarge(answers.mailboxes)
        }
        MigrationPath::Cutover
            if !source.is_exchange() || source == Source::Exchange2000OrEarlier =>
        {
            Refusal::CutoverSource(source)
        }
        MigrationPath::Staged if !matches!(source, Source::Exchange2003 | Source::Exchange2007) => {
            Refusal::StagedSource(source)
        }
        p if p.is_hybrid() && source == Source::Exchange2003 => Refusal::HybridFrom2003,
        p if p.is_hybrid() && !hybrid_source => Refusal::HybridSource(source),
        MigrationPath::GoogleWorkspace if source != Source::GoogleWorkspace => {
            Refusal::GoogleSource(source)
        }
        MigrationPath::CrossTenant if source != Source::Microsoft365 => {
            Refusal::CrossTenantSource(source)
        }
        MigrationPath::Imap if source == Source::Other => Refusal::ImapWithoutImap,
        _ => return None,
    })
}

/// The chosen path: refused when the source or size rules it out, warned about when it works
/// with caveats.
fn chosen_path(answers: &Answers, path: MigrationPath, findings: &mut Findings<'_>) {
    let p = "/chosen_path";
    if let Some(refusal) = path_refusal(answers, path) {
        findings.push(
            Severity::Error,
            p,
            Code::ChosenPath,
            refusal.to_string(),
            None,
        );
        return;
    }
    if path == MigrationPath::Cutover && answers.mailboxes > 150 {
        findings.push(
            Severity::Warning,
            p,
            Code::CutoverSize,
            format!(
                "a cutover of {} mailboxes: Microsoft advises 150 or fewer, performance suffers above",
                answers.mailboxes
            ),
            Some("consider a staged or hybrid migration".to_owned()),
        );
    }
    if path.is_hybrid() && answers.source == Source::Exchange2007 {
        findings.push(
            Severity::Warning,
            p,
            Code::Hybrid2007,
            "hybrid from Exchange 2007 needs an Exchange 2013 hybrid server added first".to_owned(),
            None,
        );
    }
}

/// IMAP settings on a source that does not migrate over IMAP are ignored.
fn imap_settings(answers: &Answers, findings: &mut Findings<'_>) {
    let source = answers.source;
    let imap = matches!(source, Source::Imap | Source::Exchange2000OrEarlier)
        || answers.chosen_path == Some(MigrationPath::Imap);
    let Some(server) = answers.source_server.as_ref().filter(|_| !imap) else {
        return;
    };
    for (field, set) in [
        ("port", server.port.is_some()),
        ("security", server.security.is_some()),
        ("admin_login_format", server.admin_login_format.is_some()),
    ] {
        if set {
            findings.push(
                Severity::Warning,
                &format!("/source_server/{field}"),
                Code::ImapSetting,
                format!(
                    "`{field}` is an IMAP setting, and `{source}` does not migrate over IMAP; it is ignored"
                ),
                None,
            );
        }
    }
}

/// Cross-tenant settings are read only for a move from another Microsoft 365 tenant.
fn cross_tenant_settings(answers: &Answers, findings: &mut Findings<'_>) {
    let source = answers.source;
    let elsewhere = answers
        .chosen_path
        .is_some_and(|p| p != MigrationPath::CrossTenant);
    if answers.cross_tenant.is_some() && (source != Source::Microsoft365 || elsewhere) {
        let why = if elsewhere {
            "the chosen path is not `cross_tenant`".to_owned()
        } else {
            format!("`{source}` is not another Microsoft 365 tenant")
        };
        findings.push(
            Severity::Warning,
            "/cross_tenant",
            Code::CrossTenantSetting,
            format!(
                "`cross_tenant` is read for a cross-tenant move only, and {why}; it is ignored"
            ),
            None,
        );
    }
}

/// The schedule: an empty window, blackout dates before the start, a pilot that does not fit.
fn schedule_rules(answers: &Answers, schedule: &Schedule, findings: &mut Findings<'_>) {
    if let Some(window) = schedule.window
        && window.is_empty()
    {
        findings.push(
            Severity::Error,
            "/schedule/window",
            Code::Window,
            format!("the window `{window}` starts and ends at the same time, so it is empty"),
            None,
        );
    }
    if let Some(start) = schedule.start {
        for (i, date) in schedule.blackout.iter().enumerate() {
            if *date < start {
                findings.push(
                    Severity::Warning,
                    &format!("/schedule/blackout/{i}"),
                    Code::Blackout,
                    format!(
                        "blackout date {date} is before the start date {start}; it has no effect"
                    ),
                    None,
                );
            }
        }
    }
    if let Some(max) = schedule.max_batch_mailboxes
        && schedule.pilot.len() > max as usize
    {
        findings.push(
            Severity::Warning,
            "/schedule/pilot",
            Code::PilotSize,
            format!(
                "{} pilot mailboxes do not fit one batch of at most {max}; the pilot is split",
                schedule.pilot.len()
            ),
            None,
        );
    }
    if schedule.pilot.len() > answers.mailboxes as usize {
        findings.push(
            Severity::Error,
            "/schedule/pilot",
            Code::PilotSize,
            format!(
                "{} pilot mailboxes, but only {} mailboxes move",
                schedule.pilot.len(),
                answers.mailboxes
            ),
            None,
        );
    }
}
