//! `mma plan`'s output directory, written so it can be trusted: `--force` replaces only a
//! directory mma wrote (marked by `.mma-plan`, or an older one's `plan.json`) and refuses one with
//! anything else in it, naming those files; the new directory is built beside the old one under
//! an unpredictable name, synced, and swapped in whole (on Linux by `renameat2(RENAME_EXCHANGE)`,
//! so `--out` is never missing or partial); runs on one `--out` take turns on a lock; a killed
//! run's leftovers are removed by the next.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::Failure;

/// The file that marks a directory as written by `mma plan`.
pub(super) const MARKER: &str = ".mma-plan";

const MARKER_TEXT: &str =
    "This directory was written by `mma plan`; `mma plan --force` replaces it whole.\n";

/// Top-level names `mma plan` writes (besides [`MARKER`]); `batches/` holds only `*.csv`.
pub(super) const WRITTEN: [&str; 9] = [
    "batches",
    "broken-links.csv",
    "changes.md",
    "commands.ps1",
    "communications.md",
    "plan.json",
    "plan.md",
    "runbook.html",
    "runbook.md",
];

/// Files an operating system leaves in any directory it shows, replaced without asking.
const OS_DEBRIS: [&str; 3] = [".DS_Store", "Thumbs.db", "desktop.ini"];

/// How a plan's first bytes read when mma wrote it (older versions wrote no marker).
const PLAN_START: &[u8] = b"{\n  \"format_version\": 1,";

/// What `--out` is now.
#[derive(Debug, PartialEq, Eq)]
enum Existing {
    /// Nothing: the new directory is renamed into place.
    Missing,
    /// An empty directory, or one mma wrote: replaced.
    Replaceable,
}

fn io_error(what: &str, path: &Path, e: &std::io::Error) -> Failure {
    Failure::usage(format!("cannot {what} {}: {e}", path.display()))
}

/// The directory `out` is in and its name.
fn split(out: &Path) -> Result<(PathBuf, String), Failure> {
    let name = match out.components().next_back() {
        Some(Component::Normal(name)) => name.to_string_lossy().into_owned(),
        _ => {
            return Err(Failure::usage(format!(
                "--out {}: name the output directory itself (not `.`, `..` or a root)",
                out.display()
            )));
        }
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}

/// Checks what `out` is: a file or a link is refused, as is a non-empty directory without
/// `force`, or with `force` one that mma did not write or that holds files mma did not write.
fn existing(out: &Path, force: bool) -> Result<Existing, Failure> {
    let meta = match fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Missing),
        Err(e) => return Err(io_error("read", out, &e)),
    };
    if meta.file_type().is_symlink() {
        return Err(Failure::usage(format!(
            "--out {} is a symbolic link; give the directory itself (nothing was written)",
            out.display()
        )));
    }
    if !meta.is_dir() {
        return Err(Failure::usage(format!(
            "--out {} is a file, not a directory; nothing was written",
            out.display()
        )));
    }
    let entries = names(out)?;
    if entries.is_empty() {
        return Ok(Existing::Replaceable);
    }
    if !force {
        return Err(Failure::usage(format!(
            "{} is not empty; pass --force to replace a plan mma wrote there",
            out.display()
        )));
    }
    let marked = out.join(MARKER).is_file() || legacy_plan(&out.join("plan.json"));
    let mut foreign = Vec::new();
    for (name, is_dir) in &entries {
        let known = if name == "batches" {
            *is_dir
        } else {
            !is_dir && (name == MARKER || WRITTEN.contains(&name.as_str()))
        };
        if OS_DEBRIS.contains(&name.as_str()) && !is_dir {
            continue;
        }
        if !known {
            foreign.push(format!("{name}{}", if *is_dir { "/" } else { "" }));
        } else if name == "batches" {
            for (inner, inner_dir) in names(&out.join("batches"))? {
                let csv = !inner_dir
                    && Path::new(&inner)
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
                if !csv && !OS_DEBRIS.contains(&inner.as_str()) {
                    foreign.push(format!(
                        "batches/{inner}{}",
                        if inner_dir { "/" } else { "" }
                    ));
                }
            }
        }
    }
    if !marked {
        return Err(Failure::usage(format!(
            "--force replaces only a directory mma plan wrote, and {} has no `{MARKER}` or plan.json of mma's; \
             it holds {}; nothing was written",
            out.display(),
            listing(&entries.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>())
        )));
    }
    if !foreign.is_empty() {
        return Err(Failure::usage(format!(
            "{} holds files mma did not write, which --force would delete: {}; move them away or choose another --out (nothing was written)",
            out.display(),
            listing(&foreign)
        )));
    }
    Ok(Existing::Replaceable)
}

/// Whether `path` starts the way mma writes a `plan.json`.
fn legacy_plan(path: &Path) -> bool {
    let mut start = [0u8; PLAN_START.len()];
    File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut start))
        .is_ok_and(|()| start == PLAN_START)
}

/// The names in `dir` (sorted) and whether each is a directory (links are not followed).
fn names(dir: &Path) -> Result<Vec<(String, bool)>, Failure> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| io_error("read", dir, &e))? {
        let entry = entry.map_err(|e| io_error("read", dir, &e))?;
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        out.push((entry.file_name().to_string_lossy().into_owned(), is_dir));
    }
    out.sort();
    Ok(out)
}

/// `a, b, c` (the first 20, then how many more), each quoted.
fn listing(names: &[String]) -> String {
    let mut text = names
        .iter()
        .take(20)
        .map(|n| format!("`{}`", n.escape_debug()))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > 20 {
        text.push_str(&format!(" and {} more", names.len() - 20));
    }
    text
}

/// The checks of [`write`] that need no lock, made before planning so a run that will be
/// refused fails at once.
pub(super) fn precheck(out: &Path, force: bool) -> Result<(), Failure> {
    split(out)?;
    existing(out, force).map(|_| ())
}

/// Holds the lock that serialises writers of one output directory until dropped.
#[derive(Debug)]
struct Lock {
    _file: File,
}

/// Takes the lock for writing `name` in `parent`, waiting for another run to finish (and
/// saying so). On Unix the lock is on `parent` itself, which leaves nothing behind; elsewhere it
/// is on a `.NAME.mma-lock` file beside the output.
fn lock(parent: &Path, name: &str, out: &Path) -> Result<Lock, Failure> {
    #[cfg(unix)]
    let (file, what) = {
        let _ = name;
        (File::open(parent), parent.to_path_buf())
    };
    #[cfg(not(unix))]
    let (file, what) = {
        let path = parent.join(format!(".{name}.mma-lock"));
        (
            fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path),
            path,
        )
    };
    let file = file.map_err(|e| io_error("lock", &what, &e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            super::inform(&format!(
                "mma plan: waiting for another mma plan writing {} to finish…\n",
                out.display()
            ));
            file.lock().map_err(|e| io_error("lock", &what, &e))?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(io_error("lock", &what, &e)),
    }
    Ok(Lock { _file: file })
}

/// The prefix of the temporary directories beside `out` named `name`.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.mma-tmp-")
}

/// Removes what a killed run left beside `out`: its temporary directories (the lock is held, so
/// no other run is using them).
fn clean_debris(parent: &Path, name: &str) {
    let prefix = temp_prefix(name);
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = fs::remove_dir_all(&path);
            } else {
                let _ = fs::remove_file(&path);
            }
        }
    }
}

/// Syncs a directory's entries to disk (a no-op where directories cannot be opened).
fn sync_dir(dir: &Path) -> Result<(), Failure> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io_error("sync", dir, &e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes the file `rel` (relative to `dir`) with `write` through a buffer of `buffer` bytes,
/// created new and synced; a directory it needs is created and remembered in `dirs`, to be
/// synced at the end.
fn put(
    (dir, dirs): (&Path, &std::sync::Mutex<Vec<PathBuf>>),
    (rel, buffer): (&str, usize),
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let rel_path = Path::new(rel);
    let top = rel_path.components().next();
    let plain = rel_path
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let listed = matches!(top, Some(Component::Normal(t))
        if t == MARKER || WRITTEN.iter().any(|w| t == *w));
    if !plain || !listed {
        return Err(Failure::usage(format!(
            "internal error: mma would write `{rel}`, outside the names --force may replace"
        )));
    }
    let path = dir.join(rel_path);
    if let Some(sub) = path.parent() {
        // Another thread failed while holding the list: the list is still whole.
        let mut dirs = dirs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !dirs.iter().any(|d| d == sub) {
            fs::create_dir_all(sub).map_err(|e| io_error("create", sub, &e))?;
            dirs.push(sub.to_path_buf());
        }
    }
    let file = File::create_new(&path).map_err(|e| io_error("create", &path, &e))?;
    let mut buffered = std::io::BufWriter::with_capacity(buffer, file);
    write(&mut buffered)
        .and_then(|()| {
            buffered
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)
        })
        .and_then(sync_file)
        .map_err(|e| io_error("write", &path, &e))
}

/// Syncs a file written, where the whole directory is not synced at once by [`sync_all_files`].
#[cfg(not(target_os = "linux"))]
fn sync_file(file: File) -> std::io::Result<()> {
    file.sync_all()
}

/// On Linux the files are synced together by [`sync_all_files`]: a sync per file (a million
/// mailboxes make over ten thousand batch files) costs seconds on a disk.
#[cfg(target_os = "linux")]
#[expect(
    clippy::unnecessary_wraps,
    reason = "the same signature as the per-file sync elsewhere"
)]
fn sync_file(_: File) -> std::io::Result<()> {
    Ok(())
}

/// Syncs every file written into `dir` before it is put in place: on Linux by one `syncfs` of
/// its file system; elsewhere each file was synced as it was written.
fn sync_all_files(dir: &Path) -> Result<(), Failure> {
    #[cfg(target_os = "linux")]
    File::open(dir)
        .and_then(|d| rustix::fs::syncfs(&d).map_err(std::io::Error::from))
        .map_err(|e| io_error("sync", dir, &e))?;
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    Ok(())
}

/// Swaps the directories `a` and `b` (both exist). `Ok(false)` when the file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Renames `from` to `to`, which must not exist (on Linux a directory created there meanwhile is
/// never replaced).
fn rename_new(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {}
            Err(e) => return Err(e.into()),
        }
    }
    fs::rename(from, to)
}

/// A plan directory being written: each file goes into a new temporary directory beside `out`
/// as soon as it is made (so a million mailboxes' files are never all held in memory), and
/// [`Staged::finish`] puts the directory in the place of `out`. Dropped unfinished, the
/// temporary directory is removed and `out` is untouched.
#[derive(Debug)]
pub(super) struct Staged {
    out: PathBuf,
    parent: PathBuf,
    state: Existing,
    tmp: tempfile::TempDir,
    /// The directories written into, to be synced at the end (files are added from several
    /// threads).
    dirs: std::sync::Mutex<Vec<PathBuf>>,
    _lock: Lock,
}

/// Starts writing the directory `out`, replacing what `out` holds (see the module's
/// documentation for what is replaced and how): takes the lock, checks `out`, and writes the
/// marker into a new temporary directory.
pub(super) fn stage(out: &Path, force: bool) -> Result<Staged, Failure> {
    let (parent, name) = split(out)?;
    fs::create_dir_all(&parent).map_err(|e| io_error("create", &parent, &e))?;
    let lock = lock(&parent, &name, out)?;
    clean_debris(&parent, &name);
    let state = existing(out, force)?;
    let tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(&name))
        .tempdir_in(&parent)
        .map_err(|e| io_error("create a directory in", &parent, &e))?;
    let staged = Staged {
        out: out.to_path_buf(),
        parent,
        state,
        dirs: std::sync::Mutex::new(vec![tmp.path().to_path_buf()]),
        tmp,
        _lock: lock,
    };
    staged.add(MARKER, MARKER_TEXT.as_bytes())?;
    Ok(staged)
}

impl Staged {
    /// Writes the file `rel` (a path relative to the directory).
    pub(super) fn add(&self, rel: &str, bytes: &[u8]) -> Result<(), Failure> {
        // Made whole: written in one go, through no buffer.
        put((self.tmp.path(), &self.dirs), (rel, 0), |w| {
            w.write_all(bytes)
        })
    }

    /// Writes the file `rel` with `write`, through a buffer: for a file too large to make in
    /// memory first.
    pub(super) fn add_with(
        &self,
        rel: &str,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        put((self.tmp.path(), &self.dirs), (rel, 1 << 20), write)
    }

    /// Syncs the directories written and puts the new directory in the place of `out`.
    pub(super) fn finish(self) -> Result<(), Failure> {
        sync_all_files(self.tmp.path())?;
        let dirs = self
            .dirs
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for d in dirs.iter().rev() {
            sync_dir(d)?;
        }
        let new = self.tmp.keep();
        let out = &self.out;
        let result = match self.state {
            Existing::Missing => rename_new(&new, out).map_err(|e| io_error("write", out, &e)),
            Existing::Replaceable => replace(&new, out),
        };
        if result.is_err() {
            let _ = fs::remove_dir_all(&new);
        }
        result?;
        sync_dir(&self.parent)
    }
}

/// Puts the complete directory `new` in the place of `out`; the old one is deleted after.
fn replace(new: &Path, out: &Path) -> Result<(), Failure> {
    if exchange(new, out).map_err(|e| io_error("replace", out, &e))? {
        // `new` now names the old directory.
        remove_old(new);
        return Ok(());
    }
    // No atomic swap here: move the old directory aside (under a name the next run cleans up),
    // put the new one in place, and move the old one back if that fails.
    let mut old = new.as_os_str().to_owned();
    old.push("-old");
    let old = PathBuf::from(old);
    fs::rename(out, &old).map_err(|e| io_error("replace", out, &e))?;
    if let Err(e) = fs::rename(new, out) {
        let _ = fs::rename(&old, out);
        return Err(io_error("replace", out, &e));
    }
    remove_old(&old);
    Ok(())
}

/// Deletes a replaced output directory, best effort: its folders (the thousands of batch CSVs)
/// on a second thread while its files are deleted here, which takes a third less time.
fn remove_old(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let (folders, files): (Vec<_>, Vec<_>) = entries
        .flatten()
        .partition(|e| e.file_type().is_ok_and(|t| t.is_dir()));
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for folder in &folders {
                let _ = fs::remove_dir_all(folder.path());
            }
        });
        for file in &files {
            let _ = fs::remove_file(file.path());
        }
    });
    let _ = fs::remove_dir_all(dir);
}
