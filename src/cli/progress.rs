//! The progress display for long work (`mma plan` on big exports): one line on stderr, drawn by
//! `indicatif`, naming the stage and, while the exports are read, the bytes read of the total.
//! Only when stderr is a terminal and `--quiet` is not given; it never reaches stdout or a file.
//! The command layer drives it between the calls of the pure stages (the planner knows nothing
//! of it): [`stage`] announces a stage, [`expect_files`] and [`open`] count the bytes read,
//! [`tick`] counts the files written, and [`clear`] erases it before a message is printed.

use std::io::IsTerminal as _;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The one display of the process; hidden when stderr is not a terminal or with `--quiet`.
static BAR: OnceLock<ProgressBar> = OnceLock::new();

/// The display, made on first use.
fn bar() -> &'static ProgressBar {
    BAR.get_or_init(|| {
        if super::quiet() || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(style("{spinner} {wide_msg}"));
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        }
    })
}

/// A style from one of the fixed templates below (which parse), or the default.
fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// Shows `what` (e.g. `mma plan: planning`) with a spinner.
pub(crate) fn stage(what: &str) {
    let bar = bar();
    bar.set_style(style("{spinner} {wide_msg}"));
    bar.set_message(format!("{what}…"));
}

/// Announces that the files `paths` are about to be read through [`open`]: the display counts
/// the bytes read of their total size.
pub(crate) fn expect_files<'p>(paths: impl Iterator<Item = &'p std::path::PathBuf>) {
    let bar = bar();
    if bar.is_hidden() {
        return;
    }
    let total = paths
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    bar.set_position(0);
    bar.set_length(total);
    bar.set_style(style("{spinner} {bytes}/{total_bytes} {wide_msg}"));
}

/// Opens the file at `path` for reading, its bytes counted on the display as they are read.
///
/// # Errors
/// The file cannot be opened.
pub(crate) fn open(path: &Path) -> std::io::Result<Counted> {
    let file = std::fs::File::open(path)?;
    let bar = bar();
    Ok(Counted {
        file,
        bar: (!bar.is_hidden()).then(|| bar.clone()),
    })
}

/// A file being read, its bytes counted on the display (see [`open`]).
#[derive(Debug)]
pub(crate) struct Counted {
    file: std::fs::File,
    bar: Option<ProgressBar>,
}

impl std::io::Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
        }
        Ok(n)
    }
}

/// Counts one file written in the current stage.
pub(crate) fn tick() {
    bar().inc(1);
}

/// Shows `what` with the count of files written so far, which [`tick`] advances.
pub(crate) fn counting(what: &str) {
    let bar = bar();
    bar.set_position(0);
    bar.set_style(style("{spinner} {pos} files {wide_msg}"));
    bar.set_message(format!("{what}…"));
}

/// Runs `print` (which writes to stderr) with the display erased, then draws it again.
pub(crate) fn suspend<R>(print: impl FnOnce() -> R) -> R {
    match BAR.get() {
        Some(bar) => bar.suspend(print),
        None => print(),
    }
}

/// Erases the display for good (the command is done, or failed).
pub(crate) fn clear() {
    if let Some(bar) = BAR.get() {
        bar.finish_and_clear();
    }
}
