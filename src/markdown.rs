//! Escaping text for Markdown output, shared by every Markdown document mma writes.

/// Escapes text for Markdown so names from inventories and answers stay data: markup
/// characters are backslash-escaped, `<`, `>` and `&` become entities, line breaks spaces, and
/// other control characters `\u{1b}` (see [`crate::text::printable`]).
#[must_use]
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    // Other control characters (ESC, bidirectional overrides) must not reach a terminal raw.
    match crate::text::printable(&out) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(safe) => safe,
    }
}
