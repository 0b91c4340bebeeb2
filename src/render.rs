//! The template engine behind every document mma writes for people: the one list of built-in
//! Tera templates ([`Template`]), the filters they use, overrides by name, and rendering a
//! `Serialize` view model. Pure, no IO: the command layer reads override files.

use std::sync::OnceLock;

use serde::Serialize;

/// The most a template override may be: 16 MB (the built-in templates are a few kilobytes
/// each; a page with its styles and images inline is a few megabytes).
pub const MAX_TEMPLATE_BYTES: u64 = 16_000_000;

/// What a template is given to render, and so which documents it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// A runbook document, from [`crate::runbook::RunbookView`].
    Runbook,
    /// A part the runbook documents include (with `s` set to a section); never rendered alone.
    Partial,
    /// What users are told, one block per subject and body, from
    /// [`crate::runbook::MessageView`]; the documents escape it for their format.
    Messages,
    /// The recommendation, from [`crate::recommend::RecommendationView`].
    Recommendation,
    /// `plan.md`, from [`crate::plan::output::SummaryView`].
    PlanSummary,
    /// `changes.md`, from [`crate::plan::changes::ChangesView`].
    PlanChanges,
    /// `mma status`, from [`crate::status::view::StatusView`].
    Status,
}

impl ViewKind {
    /// The Rust type of the view, whose fields are the template's variables, in Markdown.
    #[must_use]
    pub const fn type_name(self) -> &'static str {
        match self {
            Self::Runbook => "`runbook::RunbookView`",
            Self::Partial => "`runbook::RunbookView`, with `s` a `runbook::steps::Section`",
            Self::Messages => "`runbook::MessageView`",
            Self::Recommendation => "`recommend::RecommendationView`",
            Self::PlanSummary => "`plan::output::SummaryView`",
            Self::PlanChanges => "`plan::changes::ChangesView`",
            Self::Status => "`status::view::StatusView`",
        }
    }

    /// What this kind of template renders, for messages.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Runbook => "a runbook document",
            Self::Partial => "a part the runbooks include",
            Self::Messages => "the user messages",
            Self::Recommendation => "the recommendation",
            Self::PlanSummary => "the plan summary",
            Self::PlanChanges => "the changes of a re-plan",
            Self::Status => "the migration status report",
        }
    }
}

/// Declares the built-in templates once: each one's variant, name (as rendered, overridden and
/// exported, without `.tera`), view and description. The text is `src/templates/NAME.tera`.
macro_rules! templates {
    ($($(#[doc = $doc:literal])+ $variant:ident => $name:literal, $view:ident;)+) => {
        /// A built-in template. [`Template::ALL`] is the one list the loader, `mma templates
        /// export`, the `--templates` help, the README and the error messages use.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Template {
            $($(#[doc = $doc])+ $variant),+
        }

        impl Template {
            /// Every built-in template, partials first (the documents include them).
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The name it is rendered and overridden by: its file name without `.tera`.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name),+
                }
            }

            /// The built-in text.
            #[must_use]
            pub const fn text(self) -> &'static str {
                match self {
                    $(Self::$variant => include_str!(concat!("templates/", $name, ".tera"))),+
                }
            }

            /// What it renders.
            #[must_use]
            pub const fn view(self) -> ViewKind {
                match self {
                    $(Self::$variant => ViewKind::$view),+
                }
            }

            /// What it is, in one line (its doc comment, with the leading space).
            #[must_use]
            pub const fn about(self) -> &'static str {
                match self {
                    $(Self::$variant => concat!($($doc),+)),+
                }
            }
        }
    };
}

templates! {
    /// One runbook section in Markdown, included by `runbook.md`.
    SectionMd => "section.md", Partial;
    /// One runbook section in HTML, included by `runbook.html`.
    SectionHtml => "section.html", Partial;
    /// The runbook in Markdown (`mma runbook`, `runbook.md`).
    RunbookMd => "runbook.md", Runbook;
    /// The runbook as one printable HTML page (`--format html`, `runbook.html`).
    RunbookHtml => "runbook.html", Runbook;
    /// The runbook's PowerShell as a script (`--format powershell`, `commands.ps1`).
    CommandsPs1 => "commands.ps1", Runbook;
    /// The user-communication drafts per batch (`--format communications`, `communications.md`).
    CommunicationsMd => "communications.md", Runbook;
    /// What users are told: subject and body of each message, as plain text.
    MessagesTxt => "messages.txt", Messages;
    /// The recommendation in Markdown (`mma recommend --format markdown`).
    RecommendationMd => "recommendation.md", Recommendation;
    /// The recommendation as text for a terminal (`mma recommend`, `mma init`).
    RecommendationTxt => "recommendation.txt", Recommendation;
    /// The plan summary (`plan.md`).
    PlanMd => "plan.md", PlanSummary;
    /// The summary `mma plan` prints once the plan is written.
    PlanTxt => "plan.txt", PlanSummary;
    /// What re-planning changed against the previous plan (`changes.md`, with `--previous`).
    ChangesMd => "changes.md", PlanChanges;
    /// Where the migration stands against its plan, for a terminal (`mma status`).
    StatusTxt => "status.txt", Status;
    /// Where the migration stands against its plan, in Markdown (`mma status --format markdown`).
    StatusMd => "status.md", Status;
    /// Where the migration stands, as one HTML page with a burn-up chart (`mma status --format html`).
    StatusHtml => "status.html", Status;
}

impl Template {
    /// The built-in template named `name` (without `.tera`).
    #[must_use]
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// Every template's file name, `` `runbook.md.tera`, … ``, for messages and help.
    #[must_use]
    pub fn file_list() -> String {
        Self::ALL
            .iter()
            .map(|t| format!("`{}.tera`", t.name()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The templates as a Markdown table (file, what it renders, its view), as the README
    /// shows them.
    #[must_use]
    pub fn markdown_table() -> String {
        let mut out = String::from("| template | what it renders | view |\n|---|---|---|\n");
        for t in Self::ALL {
            out.push_str(&format!(
                "| `{}.tera` | {} | {} |\n",
                t.name(),
                t.about().trim(),
                t.view().type_name()
            ));
        }
        out
    }
}

/// The help of every `--templates` option.
#[must_use]
pub fn templates_help() -> String {
    format!(
        "A directory of templates that replace the built-ins of the same name: {} (`mma templates export` writes them)",
        Template::file_list()
    )
}

/// A template problem: which template, where, what.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(pub String);

/// A Tera error with its causes, one a line (the location is in the first).
pub(crate) fn tera_error(e: &tera::Error) -> TemplateError {
    use std::error::Error as _;
    let text = e.to_string();
    let mut message = text.strip_prefix("error: ").unwrap_or(&text).to_owned();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(&format!("\n{s}"));
        source = s.source();
    }
    TemplateError(message)
}

/// The filters every template can use, registered here and nowhere else:
/// - `md`: a value escaped for Markdown ([`crate::markdown::escape_markdown`]);
/// - `code`: a value as one Markdown code span ([`crate::markdown::code_span`]);
/// - `prose`, `prose_html`: mma's own text, its code spans kept, the rest escaped for Markdown
///   or HTML ([`crate::markdown::prose`], [`crate::markdown::prose_html`]);
/// - `ps`: a PowerShell single-quoted literal ([`crate::text::ps`]);
/// - `comment`: line breaks as spaces, so a value cannot end a PowerShell comment;
/// - `printable`: control characters made visible for a terminal ([`crate::text::printable`]).
fn register_filters(tera: &mut tera::Tera) {
    tera.register_filter("md", |s: &str, _: tera::Kwargs, _: &tera::State| {
        crate::markdown::escape_markdown(s)
    });
    tera.register_filter("code", |s: &str, _: tera::Kwargs, _: &tera::State| {
        crate::markdown::code_span(s)
    });
    tera.register_filter("prose", |s: &str, _: tera::Kwargs, _: &tera::State| {
        crate::markdown::prose(s)
    });
    tera.register_filter("prose_html", |s: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&crate::markdown::prose_html(s))
    });
    tera.register_filter("ps", |s: &str, _: tera::Kwargs, _: &tera::State| {
        crate::text::ps(s)
    });
    tera.register_filter("comment", |s: &str, _: tera::Kwargs, _: &tera::State| {
        s.replace(['\n', '\r'], " ")
    });
    tera.register_filter("printable", |s: &str, _: tera::Kwargs, _: &tera::State| {
        crate::text::printable(s).into_owned()
    });
}

/// Whether `name` is a template for views of type `V`.
fn check_view<V: View>(name: &str) -> Result<(), TemplateError> {
    match Template::named(name) {
        Some(t) if t.view() == V::KIND => Ok(()),
        Some(t) => Err(TemplateError(format!(
            "`{name}` renders {}, not {}",
            t.view().describe(),
            V::KIND.describe()
        ))),
        None => Err(TemplateError(format!(
            "no template `{name}`; the templates are {}",
            Template::file_list()
        ))),
    }
}

/// A view model a template renders: its fields are the template's variables.
pub trait View: Serialize {
    /// The templates that render it.
    const KIND: ViewKind;

    /// The variables a template sees: the view's fields, plus whatever the view renders from
    /// other templates (the runbook's user messages).
    ///
    /// # Errors
    /// A value that does not serialise, or a template the view renders from that fails.
    fn context(&self, _templates: &Templates) -> Result<tera::Context, TemplateError> {
        tera::Context::from_serialize(self).map_err(|e| tera_error(&e))
    }
}

/// The variables of a view of type `V`, built once ([`Templates::prepare`]).
pub struct Prepared<V> {
    context: tera::Context,
    view: std::marker::PhantomData<fn(&V)>,
}

impl<V> std::fmt::Debug for Prepared<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared").finish_non_exhaustive()
    }
}

/// Why rendering into a writer stopped.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The template failed.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The writer failed.
    #[error(transparent)]
    Write(std::io::Error),
}

/// A writer that keeps the first error of the writer it wraps, so a rendering that stops on
/// it is told from one that stops on the template.
struct Noting<'w> {
    out: &'w mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl Noting<'_> {
    /// `result`, its error kept.
    fn note<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        result.map_err(|e| {
            let again = std::io::Error::new(e.kind(), e.to_string());
            self.error.get_or_insert(e);
            again
        })
    }
}

impl std::io::Write for Noting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(buf);
        self.note(written)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let written = self.out.write_all(buf);
        self.note(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let flushed = self.out.flush();
        self.note(flushed)
    }
}

/// The templates, parsed up front: the built-ins, then any override by name.
#[derive(Debug)]
pub struct Templates {
    tera: tera::Tera,
    /// Each overridden template's name and the file it came from, for error locations.
    origins: Vec<(String, String)>,
}

/// A template that replaces the built-in of the same name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// The built-in template it replaces (`runbook.md`).
    pub name: String,
    /// Where it came from, as errors name it (the override file's path).
    pub origin: String,
    /// Its text.
    pub text: String,
}

impl Templates {
    /// The built-in templates, with `overrides` (name, text) replacing those of the same name.
    ///
    /// # Errors
    /// A template that does not parse, named, with line and column; an override whose name is
    /// not a built-in template.
    pub fn new(overrides: &[(String, String)]) -> Result<Self, TemplateError> {
        let overrides: Vec<Override> = overrides
            .iter()
            .map(|(name, text)| Override {
                name: name.clone(),
                origin: format!("{name}.tera"),
                text: text.clone(),
            })
            .collect();
        Self::with_overrides(&overrides)
    }

    /// The built-in templates, with `overrides` replacing those of the same name; an error in
    /// an override names its origin (the file), not the built-in.
    ///
    /// # Errors
    /// As [`Templates::new`].
    pub fn with_overrides(overrides: &[Override]) -> Result<Self, TemplateError> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        register_filters(&mut tera);
        tera.add_raw_templates(Template::ALL.iter().map(|t| (t.name(), t.text())))
            .map_err(|e| tera_error(&e))?;
        let mut templates = Self {
            tera,
            origins: Vec::new(),
        };
        for o in overrides {
            if Template::named(&o.name).is_none() {
                return Err(TemplateError(format!(
                    "{}: overrides no template; the templates are {}",
                    o.origin,
                    Template::file_list()
                )));
            }
            templates.origins.push((o.name.clone(), o.origin.clone()));
            let added = templates.tera.add_raw_template(&o.name, &o.text);
            added.map_err(|e| templates.error(&e))?;
        }
        Ok(templates)
    }

    /// A Tera error as [`tera_error`] words it, located in the override file rather than the
    /// built-in's name when the template was overridden.
    fn error(&self, e: &tera::Error) -> TemplateError {
        let TemplateError(mut message) = tera_error(e);
        for (name, origin) in &self.origins {
            let built_in = format!("--> {name}:");
            if message.contains(&built_in) {
                message = message.replacen(&built_in, &format!("--> {origin}:"), 1);
                return TemplateError(format!("in {origin}: {message}"));
            }
        }
        TemplateError(message)
    }

    /// The built-in templates alone, parsed once for the process.
    ///
    /// # Errors
    /// A built-in template that does not parse (the test suite parses them all).
    pub fn builtin() -> Result<&'static Self, TemplateError> {
        static BUILTIN: OnceLock<Result<Templates, TemplateError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Self::new(&[]))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Renders template `name` with `view`.
    ///
    /// # Errors
    /// A name that is no template for this view; an error while rendering (an undefined
    /// variable in an override), located.
    pub fn render<V: View>(&self, name: &str, view: &V) -> Result<String, TemplateError> {
        check_view::<V>(name)?;
        let context = view.context(self)?;
        self.tera.render(name, &context).map_err(|e| self.error(&e))
    }

    /// The variables of `view`, built once for rendering several of its templates with
    /// [`Templates::render_prepared`] (the runbook's messages are rendered once for all its
    /// documents).
    ///
    /// # Errors
    /// As [`View::context`].
    pub fn prepare<V: View>(&self, view: &V) -> Result<Prepared<V>, TemplateError> {
        Ok(Prepared {
            context: view.context(self)?,
            view: std::marker::PhantomData,
        })
    }

    /// Renders template `name` with variables `prepared` into `out`, as it goes: a document
    /// is never held whole in memory.
    ///
    /// # Errors
    /// As [`Templates::render`]; or `out` failing to take what is written.
    pub fn render_prepared<V: View>(
        &self,
        name: &str,
        prepared: &Prepared<V>,
        out: &mut dyn std::io::Write,
    ) -> Result<(), RenderError> {
        check_view::<V>(name)?;
        let mut out = Noting { out, error: None };
        match self.tera.render_to(name, &prepared.context, &mut out) {
            Ok(()) => Ok(()),
            Err(e) => Err(match out.error {
                Some(failed) => RenderError::Write(failed),
                None => RenderError::Template(self.error(&e)),
            }),
        }
    }

    /// Renders block `block` of template `template` with `context`.
    ///
    /// # Errors
    /// A template without that block; an error while rendering it, located.
    pub(crate) fn render_block(
        &self,
        template: Template,
        block: &str,
        context: &tera::Context,
    ) -> Result<String, TemplateError> {
        let mut text = self
            .tera
            .render_block(template.name(), block, context)
            .map_err(|e| self.error(&e))?;
        // Tera sizes the buffer for the whole template, and a block's text is kept (the
        // runbook holds four messages per batch): 12,000 batches kept 590 MB of spare room.
        text.shrink_to_fit();
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(name: &str, value: &str) -> String {
        let templates = Templates::builtin().expect("built-ins parse");
        let mut context = tera::Context::new();
        context.insert("v", value);
        templates
            .tera
            .render_str(&format!("{{{{ v | {name} }}}}"), &context, false)
            .expect("renders")
    }

    #[test]
    fn md_escapes_markup() {
        assert_eq!(filter("md", "a_b <c>\nd"), "a\\_b &lt;c&gt; d");
    }

    #[test]
    fn ps_quotes_every_quote() {
        assert_eq!(filter("ps", "it's ‘x’"), "'it''s ‘‘x’’'");
    }

    #[test]
    fn comment_keeps_one_line() {
        assert_eq!(filter("comment", "a\r\nb"), "a  b");
    }

    #[test]
    fn printable_shows_control_characters() {
        assert_eq!(filter("printable", "a\u{1b}[31m"), "a\\u{1b}[31m");
    }

    #[test]
    fn names_are_unique_and_each_has_a_file() {
        for (i, t) in Template::ALL.iter().enumerate() {
            assert_eq!(Template::named(t.name()), Some(*t));
            assert!(!t.text().is_empty(), "{}", t.name());
            assert!(Template::ALL[..i].iter().all(|u| u.name() != t.name()));
        }
    }

    #[derive(Serialize)]
    struct Empty;

    impl View for Empty {
        const KIND: ViewKind = ViewKind::Recommendation;
    }

    #[test]
    fn a_template_renders_only_its_own_view() {
        let templates = Templates::builtin().expect("built-ins parse");
        let err = templates
            .render("plan.md", &Empty)
            .expect_err("another view");
        assert_eq!(
            err.0,
            "`plan.md` renders the plan summary, not the recommendation"
        );
        let err = templates
            .render("plan", &Empty)
            .expect_err("no such template");
        assert!(
            err.0
                .starts_with("no template `plan`; the templates are `section.md.tera`")
        );
    }

    #[test]
    fn an_unknown_override_names_every_template() {
        let err = Templates::new(&[("runbok.md".to_owned(), String::new())])
            .expect_err("no such template");
        assert!(
            err.0.contains("runbok.md.tera: overrides no template"),
            "{err}"
        );
        for t in Template::ALL {
            assert!(err.0.contains(&format!("`{}.tera`", t.name())), "{err}");
        }
    }
}
