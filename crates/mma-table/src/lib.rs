//! Decision tables: the model, the CSV parser, the verifier, the reference interpreter and the code
//! generator — one crate used by mma's `build.rs` (as a build dependency) and by the `mma` crate.
//!
//! Nothing in it does IO: callers hand it the CSV text and a file name.
//!
//! Every input value is encoded as a `u64` "code": an enum value is its index in the declared
//! domain, a boolean is 0 (false) or 1 (true), an integer is itself. A rule's condition on an
//! input is a [`ValueSet`] of codes, so every rule is a box in the input space and gaps, overlaps
//! and shadowing are questions about boxes.

pub mod analyze;
pub mod codegen;
pub mod csv;
mod declare;
pub mod diagnostic;
pub mod interpret;
pub mod parse;
pub mod render;
pub mod sha256;
pub mod tree;

pub use diagnostic::{Diagnostic, Severity};

/// The result of checking a table: the parsed table (when its structure is sound), what the
/// verifier found, and every diagnostic, sorted by position.
#[derive(Clone, Debug)]
pub struct Report {
    /// The table; rules with errors are left out of it.
    pub table: Option<Table>,
    /// Gaps, overlaps and unreachable rules, when the table could be analysed.
    pub findings: Option<analyze::Findings>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any diagnostic is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Parses and verifies a table: every syntax, structure and cell problem, every gap, every
/// overlap (unique policy) and every rule that can never fire (first-hit policy).
#[must_use]
pub fn check(src: &str) -> Report {
    let parsed = parse::parse(src);
    let mut diagnostics = parsed.diagnostics;
    let Some(table) = parsed.table else {
        return Report {
            table: None,
            findings: None,
            diagnostics,
        };
    };
    let findings = analyze::analyze(&table);
    let left_out = (!parsed.rejected_rows.is_empty()).then(|| {
        format!(
            "rows with errors were left out of this analysis: line {}",
            parsed
                .rejected_rows
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    for gap in &findings.gaps {
        let mut d = Diagnostic::error(
            "gap",
            table.header_line,
            None,
            format!("no rule matches {}", table.describe_region(gap)),
        )
        .note(format!(
            "for example: {}",
            table.describe_point(&analyze::witness(gap))
        ));
        if let Some(note) = &left_out {
            d = d.note(note.clone());
        }
        diagnostics.push(d);
    }
    let rule_list = |indexes: &[usize]| rule_list(&table, indexes);
    for overlap in &findings.overlaps {
        let last = overlap.rules.last().map_or(0, |&i| i);
        diagnostics.push(
            Diagnostic::error(
                "overlap",
                table.rules[last].line,
                Some(1),
                format!(
                    "rules {} {} match {}; under the `unique` hit policy at most one rule may match",
                    rule_list(&overlap.rules),
                    if overlap.rules.len() == 2 { "both" } else { "all" },
                    table.describe_region(&overlap.region)
                ),
            )
            .note(format!(
                "for example: {}",
                table.describe_point(&analyze::witness(&overlap.region))
            ))
            .note("narrow one of the rules, or declare `@hit_policy,first` if their order is meant to decide"),
        );
    }
    for unreachable in &findings.unreachable {
        let rule = &table.rules[unreachable.rule];
        let covering = rule_list(&unreachable.covered_by);
        let message = if unreachable.covered_by.len() == 1 {
            format!(
                "rule `{}` can never fire: the earlier rule {covering} matches everything it matches",
                rule.id
            )
        } else {
            format!(
                "rule `{}` can never fire: the earlier rules {covering} together match everything it matches",
                rule.id
            )
        };
        diagnostics.push(
            Diagnostic::error("unreachable", rule.line, Some(1), message)
                .note("the hit policy is `first`: the first matching rule wins"),
        );
    }
    diagnostic::sort(&mut diagnostics);
    Report {
        table: Some(table),
        findings: Some(findings),
        diagnostics,
    }
}

/// Rules by id and line, `a, b and c`: at most twenty named, the rest counted.
fn rule_list(table: &Table, indexes: &[usize]) -> String {
    const MAX_NAMED: usize = 20;
    let mut names: Vec<String> = indexes
        .iter()
        .take(MAX_NAMED)
        .map(|&i| format!("`{}` (line {})", table.rules[i].id, table.rules[i].line))
        .collect();
    if indexes.len() > MAX_NAMED {
        names.push(format!("{} more", indexes.len() - MAX_NAMED));
    }
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How overlapping rules are treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitPolicy {
    /// At most one rule may match any input (DMN "U"); an overlap is an error.
    Unique,
    /// Rules are tried in order and the first match wins (DMN "F"); a rule that can never be the
    /// first match is an error.
    First,
}

impl HitPolicy {
    /// The name used in the CSV (`@hit_policy,unique`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Unique => "unique",
            Self::First => "first",
        }
    }
}

/// The values an input may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// One of the named values; the code is the index.
    Enum(Vec<String>),
    /// `false` (code 0) or `true` (code 1).
    Bool,
    /// An integer in `lo..=hi`. Values outside are clamped to the nearest bound when evaluated.
    Int {
        /// Smallest value of the domain.
        lo: u64,
        /// Largest value of the domain.
        hi: u64,
    },
}

/// A declared input column (`@input,NAME,DOMAIN`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// Column name, also the argument name of the generated `decide`.
    pub name: String,
    /// Its domain.
    pub kind: InputKind,
    /// What the input means (optional fourth cell of the declaration).
    pub description: String,
    /// The generated enum's name and doc comments (`@type`, `@value`), for an enum input.
    pub doc: TypeDoc,
    /// Line of the declaration.
    pub line: u32,
}

/// What the generated enum of a column is called and what its doc comments say, from the
/// `@type` and `@value` declarations. Empty for a column that declares neither (and for every
/// column that is not an enum).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeDoc {
    /// The Rust name declared with `@type`; `None`: the camel-cased column name.
    pub name: Option<String>,
    /// What one value of the type is (`@type`'s optional description), empty when not declared.
    pub description: String,
    /// Title and description of every value, in the order of the domain (`@value`); empty when
    /// the column declares none.
    pub values: Vec<ValueDoc>,
}

impl TypeDoc {
    /// The Rust name of the generated type of the column named `column`.
    #[must_use]
    pub fn type_name(&self, column: &str) -> String {
        self.name.clone().unwrap_or_else(|| parse::camel(column))
    }
}

/// One value's title and description (`@value`): its doc comment, and its title and description
/// in a JSON Schema derived from the generated type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValueDoc {
    /// A short name for people (`Exchange Server 2010`).
    pub title: String,
    /// One sentence or two on the value; may be empty.
    pub description: String,
}

impl Input {
    /// The Rust name of the input's generated type (meaningful for an enum input).
    #[must_use]
    pub fn type_name(&self) -> String {
        self.doc.type_name(&self.name)
    }

    /// Smallest and largest code of the domain.
    #[must_use]
    pub fn bounds(&self) -> (u64, u64) {
        match &self.kind {
            InputKind::Enum(values) => (0, values.len().saturating_sub(1) as u64),
            InputKind::Bool => (0, 1),
            InputKind::Int { lo, hi } => (*lo, *hi),
        }
    }

    /// The whole domain as a set.
    #[must_use]
    pub fn full(&self) -> ValueSet {
        let (lo, hi) = self.bounds();
        ValueSet::range(lo, hi)
    }

    /// Clamps an integer into the domain (identity for enums and booleans).
    #[must_use]
    pub fn clamp(&self, code: u64) -> u64 {
        let (lo, hi) = self.bounds();
        code.clamp(lo, hi)
    }

    /// The text of one code, as written in the CSV.
    #[must_use]
    pub fn value_name(&self, code: u64) -> String {
        match &self.kind {
            InputKind::Enum(values) => usize::try_from(code)
                .ok()
                .and_then(|i| values.get(i))
                .cloned()
                .unwrap_or_else(|| format!("#{code}")),
            InputKind::Bool => (if code == 0 { "false" } else { "true" }).to_owned(),
            InputKind::Int { .. } => code.to_string(),
        }
    }

    /// A set of codes written as a cell would be: `*` for the whole domain, `a|b` for values,
    /// `..=149|2001..` for integer ranges.
    #[must_use]
    pub fn describe(&self, set: &ValueSet) -> String {
        if *set == self.full() {
            return "*".to_owned();
        }
        let (dlo, dhi) = self.bounds();
        let mut parts = Vec::new();
        for &(lo, hi) in set.intervals() {
            match self.kind {
                InputKind::Int { .. } => parts.push(match (lo == dlo, hi == dhi) {
                    _ if lo == hi => lo.to_string(),
                    (true, false) => format!("..={hi}"),
                    (false, true) => format!("{lo}.."),
                    _ => format!("{lo}..={hi}"),
                }),
                _ => parts.extend((lo..=hi).map(|c| self.value_name(c))),
            }
        }
        parts.join("|")
    }
}

impl Input {
    /// Most values [`Self::describe_brief`] names.
    pub const BRIEF_VALUES: usize = 40;

    /// [`Self::describe`] for a message: a set of more than [`Self::BRIEF_VALUES`] enum values
    /// names the first of them and counts the rest.
    #[must_use]
    pub fn describe_brief(&self, set: &ValueSet) -> String {
        let InputKind::Enum(_) = self.kind else {
            return self.describe(set);
        };
        let total: u64 = set.intervals().iter().map(|&(lo, hi)| hi - lo + 1).sum();
        if total <= Self::BRIEF_VALUES as u64 || *set == self.full() {
            return self.describe(set);
        }
        let names: Vec<String> = set
            .intervals()
            .iter()
            .flat_map(|&(lo, hi)| lo..=hi)
            .take(Self::BRIEF_VALUES)
            .map(|c| self.value_name(c))
            .collect();
        format!(
            "{} and {} more",
            names.join("|"),
            total - Self::BRIEF_VALUES as u64
        )
    }
}

/// What an output column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputKind {
    /// Exactly one of the named values.
    Enum(Vec<String>),
    /// A list (possibly empty, written `-`) of values of the enum output at this index.
    List(usize),
    /// Free text.
    Text,
}

/// A declared output column (`@output,NAME,KIND`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// Column name, also the field name in the generated `Decision`.
    pub name: String,
    /// What it holds.
    pub kind: OutputKind,
    /// What the output means (optional fourth cell of the declaration).
    pub description: String,
    /// The generated enum's name and doc comments (`@type`, `@value`), for an enum output.
    pub doc: TypeDoc,
    /// Line of the declaration.
    pub line: u32,
}

impl Output {
    /// The Rust name of the output's generated type (meaningful for an enum output).
    #[must_use]
    pub fn type_name(&self) -> String {
        self.doc.type_name(&self.name)
    }
}

/// The value of one output cell of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputValue {
    /// Index into the output's enum values.
    Enum(usize),
    /// Indexes into the referenced enum output's values.
    List(Vec<usize>),
    /// Free text.
    Text(String),
}

/// One rule row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable id from the `id` column.
    pub id: String,
    /// Line of the row in the CSV.
    pub line: u32,
    /// Condition per input, in declaration order.
    pub conditions: Vec<ValueSet>,
    /// Value per output, in declaration order.
    pub outputs: Vec<OutputValue>,
}

/// A verified-to-parse decision table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// How overlaps are treated.
    pub hit_policy: HitPolicy,
    /// Input columns in declaration order.
    pub inputs: Vec<Input>,
    /// Output columns in declaration order.
    pub outputs: Vec<Output>,
    /// Rules in file order.
    pub rules: Vec<Rule>,
    /// Line of the header row (`id,…`).
    pub header_line: u32,
}

impl Table {
    /// A region (one set per input) written as `name=cell, …`.
    #[must_use]
    pub fn describe_region(&self, region: &[ValueSet]) -> String {
        self.inputs
            .iter()
            .zip(region)
            .map(|(input, set)| format!("{}={}", input.name, input.describe_brief(set)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A point (one code per input) written as `name=value, …`.
    #[must_use]
    pub fn describe_point(&self, point: &[u64]) -> String {
        self.inputs
            .iter()
            .zip(point)
            .map(|(input, &code)| format!("{}={}", input.name, input.value_name(code)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The text of a rule's output cell, as written in the CSV.
    #[must_use]
    pub fn output_text(&self, output: usize, value: &OutputValue) -> String {
        match value {
            OutputValue::Enum(i) => match &self.outputs[output].kind {
                OutputKind::Enum(values) => values[*i].clone(),
                _ => String::new(),
            },
            OutputValue::List(items) => {
                let OutputKind::List(target) = self.outputs[output].kind else {
                    return String::new();
                };
                let OutputKind::Enum(values) = &self.outputs[target].kind else {
                    return String::new();
                };
                if items.is_empty() {
                    "-".to_owned()
                } else {
                    items
                        .iter()
                        .map(|&i| values[i].as_str())
                        .collect::<Vec<_>>()
                        .join("|")
                }
            }
            OutputValue::Text(text) => text.clone(),
        }
    }
}

/// A set of codes: sorted, disjoint, non-adjacent inclusive intervals.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ValueSet(Vec<(u64, u64)>);

impl ValueSet {
    /// The empty set.
    #[must_use]
    pub const fn empty() -> Self {
        Self(Vec::new())
    }

    /// `lo..=hi` (empty when `lo > hi`).
    #[must_use]
    pub fn range(lo: u64, hi: u64) -> Self {
        if lo > hi {
            Self::empty()
        } else {
            Self(vec![(lo, hi)])
        }
    }

    /// Builds a set from any intervals (overlapping, adjacent or unsorted; inverted ones are
    /// ignored).
    #[must_use]
    pub fn from_intervals(mut intervals: Vec<(u64, u64)>) -> Self {
        intervals.retain(|&(lo, hi)| lo <= hi);
        intervals.sort_unstable();
        let mut merged: Vec<(u64, u64)> = Vec::with_capacity(intervals.len());
        for (lo, hi) in intervals {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        Self(merged)
    }

    /// The intervals, sorted.
    #[must_use]
    pub fn intervals(&self) -> &[(u64, u64)] {
        &self.0
    }

    /// Whether the set has no value.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `code` is in the set.
    #[must_use]
    pub fn contains(&self, code: u64) -> bool {
        let i = self.0.partition_point(|&(_, hi)| hi < code);
        self.0.get(i).is_some_and(|&(lo, _)| lo <= code)
    }

    /// Smallest value, if any.
    #[must_use]
    pub fn smallest(&self) -> Option<u64> {
        self.0.first().map(|&(lo, _)| lo)
    }

    /// Union of two sets.
    #[must_use]
    pub fn union(&self, other: &Self) -> Self {
        let mut all = self.0.clone();
        all.extend_from_slice(&other.0);
        Self::from_intervals(all)
    }

    /// Intersection of two sets.
    #[must_use]
    pub fn intersect(&self, other: &Self) -> Self {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < self.0.len() && j < other.0.len() {
            let (a, b) = (self.0[i], other.0[j]);
            let (lo, hi) = (a.0.max(b.0), a.1.min(b.1));
            if lo <= hi {
                out.push((lo, hi));
            }
            if a.1 < b.1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        Self(out)
    }

    /// Whether the two sets share a value: each interval of the smaller set is looked up in the
    /// larger by binary search.
    #[must_use]
    pub fn meets(&self, other: &Self) -> bool {
        let (small, large) = if self.0.len() <= other.0.len() {
            (&self.0, &other.0)
        } else {
            (&other.0, &self.0)
        };
        small.iter().any(|&(lo, hi)| {
            let i = large.partition_point(|&(_, b)| b < lo);
            large.get(i).is_some_and(|&(a, _)| a <= hi)
        })
    }

    /// The values of `self` not in `other`, in one pass over both.
    #[must_use]
    pub fn minus(&self, other: &Self) -> Self {
        let mut out = Vec::new();
        let mut j = 0;
        for &(lo, hi) in &self.0 {
            // Intervals of `other` wholly before this one cannot touch later ones either.
            while j < other.0.len() && other.0[j].1 < lo {
                j += 1;
            }
            // `None` once nothing of this interval is left.
            let mut start = Some(lo);
            let mut k = j;
            while let (Some(s), Some(&(olo, ohi))) = (start, other.0.get(k)) {
                if olo > hi {
                    break;
                }
                if olo > s {
                    out.push((s, olo - 1));
                }
                start = ohi.checked_add(1).filter(|&next| next <= hi);
                if ohi > hi {
                    break;
                }
                k += 1;
            }
            if let Some(s) = start {
                out.push((s, hi));
            }
        }
        Self(out)
    }

    /// Whether every value of `self` is in `other`.
    #[must_use]
    pub fn is_subset(&self, other: &Self) -> bool {
        self.minus(other).is_empty()
    }
}
