//! Escaping text for Markdown output, shared by every Markdown document mma writes: values from
//! input are escaped so they stay data ([`escape_markdown`], [`code_span`]), and mma's own prose
//! keeps its code spans, in Markdown ([`prose`]) and in HTML ([`prose_html`]).

/// Escapes text for Markdown so names from inventories and answers stay data: markup
/// characters are backslash-escaped, `<`, `>` and `&` become entities, line breaks spaces, and
/// other control characters `\u{1b}` (see [`crate::text::printable`]).
#[must_use]
pub fn escape_markdown(text: &str) -> String {
    // Most names (addresses, batch names) have nothing to escape: copied as they are.
    if text.bytes().all(|b| PLAIN[usize::from(b)]) {
        return text.to_owned();
    }
    escape_each(text)
}

/// The bytes [`escape_markdown`] keeps as they are: printable ASCII but its markup characters.
const PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = b' ';
    while b <= b'~' {
        plain[b as usize] = true;
        b += 1;
    }
    let markup = b"<>&\\`*_[]#|!{}";
    let mut i = 0;
    while i < markup.len() {
        plain[markup[i] as usize] = false;
        i += 1;
    }
    plain
};

/// [`escape_markdown`] character by character.
fn escape_each(text: &str) -> String {
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
    printable(out)
}

/// `text` with control characters made visible, without a copy when there are none.
fn printable(text: String) -> String {
    match crate::text::printable(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(safe) => safe,
    }
}

/// Any text as one Markdown code span, shown literally: the fence is one backtick longer than
/// the longest run of backticks inside, with a space inside each fence when the text starts or
/// ends with a backtick or a space (CommonMark strips one from each side), line breaks as
/// spaces and control characters made visible. A `|` is escaped, as a table cell needs it.
#[must_use]
pub fn code_span(text: &str) -> String {
    let text = printable(text.replace(['\n', '\r'], " ").replace('|', "\\|"));
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// mma's own prose in Markdown: text between a pair of backticks is a code span, kept as code;
/// the rest is escaped as [`escape_markdown`] does, so it shows as written. An unpaired
/// backtick is shown as one.
#[must_use]
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (code, part) in parts(text) {
        if code {
            out.push_str(&code_span(part));
        } else {
            out.push_str(&escape_markdown(part));
        }
    }
    out
}

/// mma's own prose in HTML: as [`prose`], with code spans as `<code>` and everything else
/// escaped for HTML.
#[must_use]
pub fn prose_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (code, part) in parts(text) {
        if code {
            out.push_str("<code>");
        }
        for c in printable(part.to_owned()).chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                _ => out.push(c),
            }
        }
        if code {
            out.push_str("</code>");
        }
    }
    out
}

/// `text` split at backticks into (is code, text) parts: the text between a pair of backticks
/// is code; a last, unpaired backtick stays in the text.
fn parts(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        out.push((true, &rest[open + 1..open + 1 + len]));
        rest = &rest[open + 2 + len..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_keeps_its_code_spans_and_escapes_the_rest() {
        assert_eq!(prose("Run `mma plan` *now*"), "Run `mma plan` \\*now\\*");
        assert_eq!(prose("`a_b` and `c`"), "`a_b` and `c`");
        assert_eq!(prose("one ` alone"), "one \\` alone");
        assert_eq!(prose("<x> & `<y>`"), "&lt;x&gt; &amp; `<y>`");
    }

    #[test]
    fn text_with_nothing_to_escape_is_kept_as_it_is() {
        // Plain text with at most one other character in it: each is then the one that
        // decides, as in a name with one character to escape.
        fn same(picks: Vec<u8>, other: Option<(u8, u8)>) -> bool {
            let plain: Vec<char> = "aZ09 .@-~'\"".chars().collect();
            let others: Vec<char> = "<>&\\`*_[]#|!{}\n\r\t\u{1b}\u{7f}é\u{202e}"
                .chars()
                .collect();
            let mut text: Vec<char> = picks
                .iter()
                .map(|&p| plain[usize::from(p) % plain.len()])
                .collect();
            if let Some((o, at)) = other {
                let at = usize::from(at) % (text.len() + 1);
                text.insert(at, others[usize::from(o) % others.len()]);
            }
            let text: String = text.into_iter().collect();
            escape_markdown(&text) == escape_each(&text)
        }
        quickcheck::QuickCheck::new()
            .tests(2000)
            .quickcheck(same as fn(Vec<u8>, Option<(u8, u8)>) -> bool);
        assert_eq!(
            escape_markdown("anna.adams@contoso.com"),
            "anna.adams@contoso.com"
        );
        assert_eq!(escape_markdown("a_b <c>"), "a\\_b &lt;c&gt;");
    }

    #[test]
    fn code_spans_hold_any_text_literally() {
        assert_eq!(code_span("01-pilot"), "`01-pilot`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x``"), "``` `x`` ```");
        assert_eq!(code_span("a|b\nc"), "`a\\|b c`");
    }

    #[test]
    fn prose_in_html_has_code_elements_and_nothing_else_raw() {
        assert_eq!(
            prose_html("Run `mma plan` <b>"),
            "Run <code>mma plan</code> &lt;b&gt;"
        );
        assert_eq!(prose_html("`<script>`"), "<code>&lt;script&gt;</code>");
    }
}
