//! What may go into a cell of the CSV files mma writes, against CSV (formula) injection.
//!
//! A spreadsheet reads a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as
//! a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`). OWASP's advice is to prefix such a cell
//! with a single quote, but the batch CSVs are read by Exchange Online, not by a spreadsheet: a
//! quote-prefixed `UserName` is a different login, and the batch fails for that user. So:
//!
//! 1. values that cannot be an address or a login are refused where they are read, with their
//!    file, line and column: addresses by [`super::input::is_address`] (no formula first
//!    character, no spaces, quotes or control characters), aliases by [`alias_problem`];
//! 2. a login that a spreadsheet would read as a formula (an alias starting with `+` or `-`,
//!    which Exchange allows but no IMAP server's login does in practice) is refused when the
//!    IMAP path would write it as a `UserName`, naming its inventory line ([`login_problem`]);
//! 3. every cell written still passes through [`neutralise`], which prefixes a formula-like cell
//!    with `'` as OWASP advises: with 1 and 2 in place it never changes a value mma writes, and
//!    it keeps any future column from opening the hole again.

use std::borrow::Cow;

use super::PlanError;
use super::inventory::Mailbox;

/// First characters a spreadsheet reads as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell`, prefixed with `'` when a spreadsheet would read it as a formula.
#[must_use]
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Characters besides letters and digits that an Exchange alias may hold
/// (``!#$%&'*+-/=?^_`{|}~`` and `.`), with `@` and `\` for IMAP logins such as
/// `anna@contoso.com` or `contoso\anna` given as the alias.
const ALIAS_PUNCTUATION: &str = "!#$%&'*+-/=?^_`{|}~.@\\";

/// Why `alias` cannot be an alias or a login, if it cannot: a character no alias holds (spaces,
/// quotes, parentheses, commas, control characters), or a first `=` or `@`.
#[must_use]
pub fn alias_problem(alias: &str) -> Option<String> {
    if let Some(c) = alias
        .chars()
        .find(|&c| !(c.is_alphanumeric() || ALIAS_PUNCTUATION.contains(c)))
    {
        return Some(format!(
            "`{}` is not an alias: {} is not allowed; expected letters, digits and {ALIAS_PUNCTUATION}",
            shown(alias),
            describe(c)
        ));
    }
    if alias.starts_with(['=', '@']) {
        return Some(format!(
            "`{alias}` is not an alias: it starts with `{}`, which spreadsheets read as a formula",
            &alias[..1]
        ));
    }
    None
}

/// Why `login` cannot be written as an IMAP `UserName` cell, if it cannot: empty, a character
/// no login holds, or a first character that spreadsheets read as a formula.
#[must_use]
pub fn login_problem(login: &str) -> Option<String> {
    if login.is_empty() {
        return Some("the login is empty".to_owned());
    }
    if let Some(c) = login
        .chars()
        .find(|&c| c.is_whitespace() || c.is_control() || matches!(c, '"' | ',' | ';'))
    {
        return Some(format!(
            "`{}` cannot be a login: {} is not allowed",
            shown(login),
            describe(c)
        ));
    }
    if login.starts_with(FORMULA_STARTS) {
        return Some(format!(
            "the login `{login}` starts with `{}`, which spreadsheets read as a formula; mma does not write it into a batch CSV",
            &login[..1]
        ));
    }
    None
}

/// Refuses `login` as the IMAP `UserName` of `mailbox`, naming its inventory line.
///
/// # Errors
/// See [`login_problem`].
pub fn check_login(mailbox: &Mailbox, login: &str) -> Result<(), PlanError> {
    match login_problem(login) {
        None => Ok(()),
        Some(problem) => Err(PlanError(format!(
            "inventory line {} ({}): {problem}; give the mailbox an alias that is its IMAP login",
            mailbox.line,
            mailbox.address()
        ))),
    }
}

/// `text` for a message: control characters escaped (`\n`, `\u{0}`), everything else as is.
#[must_use]
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A character as a message names it.
fn describe(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("the character U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_prefixed_and_others_kept() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        for cell in ["anna@contoso.com", "anna", "#anna@contoso.com#admin#", ""] {
            assert_eq!(neutralise(cell), cell);
        }
    }

    #[test]
    fn aliases_and_logins() {
        assert_eq!(alias_problem("anna.smith"), None);
        assert_eq!(alias_problem("o'brien+x"), None);
        assert_eq!(alias_problem("contoso\\anna"), None);
        assert_eq!(alias_problem("änna"), None);
        assert!(alias_problem("=HYPERLINK(\"http://x\")").is_some());
        assert!(alias_problem("=cmd|'/Ccalc'!A0").is_some());
        assert!(alias_problem("anna smith").is_some());
        assert!(alias_problem("an\u{7}na").is_some());
        assert_eq!(login_problem("anna"), None);
        assert_eq!(login_problem("contoso/admin/anna"), None);
        assert!(login_problem("-anna").is_some());
        assert!(login_problem("+cmd|'/Ccalc'!A0").is_some());
        assert!(login_problem("").is_some());
        assert!(login_problem("ad min").is_some());
    }
}
