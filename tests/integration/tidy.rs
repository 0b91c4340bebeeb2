//! The repository's structural invariants, checked on the source text: every Rust file opens with
//! a `//!` line, only `src/cli` does IO, modules import only what ARCHITECTURE.md's "What may use
//! what" table allows, and no lint is silenced with `#[allow]`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::root;

/// Every `.rs` file under `dir`, sorted, skipping build output and fuzz corpora.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !matches!(name, "target" | "corpus" | "artifacts" | "node_modules") {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

/// The project's own Rust sources: the crates, build script, tests, benches and fuzz targets.
fn sources() -> Vec<PathBuf> {
    let mut out = vec![root().join("build.rs")];
    for dir in ["src", "crates", "tests", "benches", "fuzz"] {
        rust_files(&root().join(dir), &mut out);
    }
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", relative(path)))
}

/// The text with comments and the contents of string and character literals blanked out, so
/// what remains is code; line structure is kept.
fn code_only(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            i += end;
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(rest.len(), |e| e + 2);
            out.extend(rest[..end].chars().filter(|&c| c == '\n'));
            i += end;
        } else if let Some(len) = raw_string_len(rest) {
            out.push_str("\"\"");
            out.extend(rest[..len].chars().filter(|&c| c == '\n'));
            i += len;
        } else if rest.starts_with('"') {
            let len = quoted_len(rest);
            out.push_str("\"\"");
            out.extend(rest[..len].chars().filter(|&c| c == '\n'));
            i += len;
        } else if let Some(len) = char_literal_len(rest) {
            out.push_str("' '");
            i += len;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The length of a `r"…"` / `r#"…"#` literal at the start of `s`.
fn raw_string_len(s: &str) -> Option<usize> {
    let after_r = s.strip_prefix('r').or_else(|| s.strip_prefix("br"))?;
    let hashes = after_r.len() - after_r.trim_start_matches('#').len();
    let body = after_r[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let end = body.find(&close)?;
    Some(s.len() - body.len() + end + close.len())
}

/// The length of a `"…"` literal at the start of `s`, escapes included.
fn quoted_len(s: &str) -> usize {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '"') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The length of a character literal (`'a'`, `'\n'`, `'\u{1b}'`) at the start of `s`; lifetimes
/// are not literals.
fn char_literal_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('\'')?;
    if let Some(escape) = body.strip_prefix('\\') {
        let end = escape.find('\'')?;
        return (end <= 10).then_some(end + 3);
    }
    let c = body.chars().next()?;
    body[c.len_utf8()..]
        .starts_with('\'')
        .then_some(c.len_utf8() + 2)
}

/// The code before the file's unit-test module (by convention the last item of a file).
fn without_unit_tests(code: &str) -> &str {
    code.find("#[cfg(test)]").map_or(code, |at| &code[..at])
}

#[test]
fn every_rust_file_opens_with_a_doc_line_saying_what_it_is_for() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|p| !read(p).starts_with("//!"))
        .map(|p| relative(&p))
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` first line: {missing:?}"
    );
}

#[test]
fn no_lint_is_silenced_with_allow() {
    let mut found = Vec::new();
    for path in sources() {
        let code = code_only(&read(&path));
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("#[allow(") || line.starts_with("#![allow(") {
                found.push(format!("{}:{}", relative(&path), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "`#[allow]` found; use `#[expect(lint, reason = \"…\")]`: {found:?}"
    );
}

#[test]
fn unsafe_code_is_the_allocator_option_in_main_alone() {
    let mut found = Vec::new();
    for path in sources() {
        let code = code_only(&read(&path));
        let uses = code
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|word| *word == "unsafe")
            .count();
        if uses > 0 {
            found.push((relative(&path), uses));
        }
    }
    // The setter's call, and in its test one read before and one after.
    assert_eq!(
        found,
        [("src/main.rs".to_owned(), 3)],
        "`unsafe` outside the allocator option of src/main.rs"
    );
}

/// What doing IO looks like in code: files, standard streams, the environment, processes.
const IO: [&str; 12] = [
    "std::fs",
    "fs::",
    "File::",
    "OpenOptions",
    "stdin()",
    "stdout()",
    "stderr()",
    "println!",
    "eprintln!",
    "print!",
    "eprint!",
    "std::env::",
];

#[test]
fn only_the_command_layer_does_io() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("crates"), &mut files);
    let cli = root().join("src/cli");
    let mut found = Vec::new();
    for path in files.iter().filter(|p| !p.starts_with(&cli)) {
        if path.ends_with("src/main.rs") {
            continue;
        }
        let code = code_only(&read(path));
        for (n, line) in without_unit_tests(&code).lines().enumerate() {
            if let Some(io) = IO.iter().find(|io| line.contains(*io)) {
                found.push(format!("{}:{}: {io}", relative(path), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "IO outside src/cli: {found:#?}");
}

/// The top-level module a file under `src/` belongs to (`src/plan/pack.rs` → `plan`).
fn module_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root().join("src")).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_owned())
}

/// The crate-level modules `code` refers to through `crate::…`, `use crate::{…}` included.
fn crate_references(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item = String::new();
            let mut items = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    _ => item.push(c),
                }
            }
            items.push(item);
            for item in items {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

/// ARCHITECTURE.md's "What may use what" table: module → the modules it may use.
fn allowed_uses() -> BTreeMap<String, BTreeSet<String>> {
    let doc = read(&root().join("ARCHITECTURE.md"));
    let section = doc
        .split("## What may use what")
        .nth(1)
        .expect("ARCHITECTURE.md has a `## What may use what` section");
    let mut table = BTreeMap::new();
    for line in section.lines().skip_while(|l| !l.starts_with('|')) {
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let [module, uses] = cells[..] else {
            panic!("ARCHITECTURE.md: a row of two cells expected: {line}");
        };
        let Some(module) = module.strip_prefix('`').and_then(|m| m.strip_suffix('`')) else {
            continue; // the header and the separator row
        };
        let uses = uses
            .split(',')
            .map(|u| u.trim().trim_matches('`').to_owned())
            .filter(|u| !u.is_empty() && u != "—")
            .collect();
        table.insert(module.to_owned(), uses);
    }
    table
}

#[test]
fn modules_use_only_what_the_architecture_allows() {
    let allowed = allowed_uses();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut found = Vec::new();
    for path in &files {
        let Some(module) = module_of(path) else {
            continue;
        };
        if matches!(module.as_str(), "lib" | "main") {
            continue;
        }
        let Some(may_use) = allowed.get(&module) else {
            found.push(format!(
                "{}: module `{module}` is missing from ARCHITECTURE.md's table",
                relative(path)
            ));
            continue;
        };
        let code = code_only(&read(path));
        for used in crate_references(without_unit_tests(&code)) {
            if used != module && !may_use.contains(&used) {
                found.push(format!("{}: `{module}` uses `{used}`", relative(path)));
            }
        }
    }
    let listed: BTreeSet<&String> = allowed.keys().collect();
    let present: BTreeSet<String> = files.iter().filter_map(|p| module_of(p)).collect();
    for module in listed {
        if !present.contains(module) {
            found.push(format!(
                "ARCHITECTURE.md lists `{module}`, which src/ does not have"
            ));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_table_crate_stands_alone() {
    let mut files = Vec::new();
    rust_files(&root().join("crates/mma-table/src"), &mut files);
    for path in files {
        let code = code_only(&read(&path));
        assert!(
            !code.contains("mma::"),
            "{}: the table crate must not use the mma crate",
            relative(&path)
        );
    }
}

#[test]
fn the_code_scanner_sees_code_not_comments_or_strings() {
    let code = code_only(
        "let a = \"std::fs\"; // println!\n/* crate::plan */ let b = r#\"File::\"#; let c = '\"';",
    );
    assert!(!code.contains("std::fs") && !code.contains("println!"));
    assert!(!code.contains("crate::plan") && !code.contains("File::"));
    assert!(code.contains("let c = ' ';"), "{code}");
    let refs = crate_references("use crate::{answers::X, plan::{a, b}};\nlet x = crate::text::y;");
    assert_eq!(
        refs.into_iter().collect::<Vec<_>>(),
        ["answers", "plan", "text"]
    );
}
