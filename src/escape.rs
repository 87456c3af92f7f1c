//! Source text made harmless for terminals and CI logs.
//!
//! Reports quote what clerks wrote: titles, ids, keys, file names, source lines. That text is
//! untrusted. A title holding a line break followed by `::error …` would start a real GitHub
//! Actions workflow command in the CI log, and an escape character (`ESC ]…`) would reach the
//! clerk's terminal as a command to it. So every piece of source text is escaped before it
//! reaches a report: a line break shows as `\n`, a tab as `\t`, every other C0 or C1 control
//! character, `DEL`, the bidirectional overrides and isolates (which can make a line read
//! differently from what it is) and the Unicode line and paragraph separators as `\u{…}`.
//! griffie's own texts (the catalog's messages and hints) may keep their line breaks; a value
//! put into them is escaped in [`crate::i18n::translate`].
//!
//! Text put into HTML that griffie writes itself (the word diff, identifier links, `t()` values
//! in templates, `griffie serve`'s overlay) is escaped by [`html`] and [`push_html`], the one
//! HTML escaper: `&`, `<`, `>`, `"` and `'`, so the result is safe in text and in quoted
//! attribute values alike.

use std::borrow::Cow;

/// `text` with every character a terminal or a log could act on written as an escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Like [`visible`], but line breaks stay: for a source file's lines in a snippet, where the
/// lines are the file's own.
pub(crate) fn visible_lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_escape(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_escaped(&mut out, c, keep_newlines);
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char, keep_newlines: bool) {
    if !needs_escape(c, keep_newlines) {
        out.push(c);
        return;
    }
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        other => out.push_str(&format!("\\u{{{:x}}}", other as u32)),
    }
}

/// Whether `c` is written as an escape. Tabs in a source line stay (codespan lays them out);
/// in a one-line message they are escaped like every other control character.
fn needs_escape(c: char, keep_newlines: bool) -> bool {
    if keep_newlines && (c == '\n' || c == '\t') {
        return false;
    }
    c.is_control() || is_invisible_format(c)
}

/// Characters that change how a line reads without being seen: the bidirectional embeddings,
/// overrides and isolates, and the line and paragraph separators.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// `text` with `&`, `<`, `>`, `"` and `'` written as character references.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_html(&mut out, text);
    out
}

/// Appends `text` to `out` as [`html`] writes it. Copies the stretches between those (ASCII)
/// characters whole: the word diff runs this over every character it shows.
pub(crate) fn push_html(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// A source text escaped for a snippet, with a way to move byte offsets of the original text
/// to the escaped one (each escape is longer than the character it replaces).
pub(crate) struct EscapedSource {
    pub text: String,
    /// `(offset in the original, bytes added before it)` for every escaped character.
    shifts: Vec<(usize, usize)>,
}

impl EscapedSource {
    pub(crate) fn new(text: &str) -> EscapedSource {
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut added = 0;
        for (offset, c) in text.char_indices() {
            let before = out.len();
            push_escaped(&mut out, c, true);
            let grew = (out.len() - before) - c.len_utf8();
            if grew > 0 {
                added += grew;
                shifts.push((offset, added));
            }
        }
        EscapedSource { text: out, shifts }
    }

    /// Where `offset` of the original text lies in the escaped text. An offset inside an
    /// escaped character moves to the start of its escape.
    pub(crate) fn offset(&self, offset: usize) -> usize {
        let escaped_before = self.shifts.partition_point(|&(at, _)| at < offset);
        let added = match escaped_before {
            0 => 0,
            n => self.shifts[n - 1].1,
        };
        offset + added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_escapes_cannot_start_a_log_line_or_reach_a_terminal() {
        assert_eq!(visible("T\n::error file=x::pwned"), "T\\n::error file=x::pwned");
        assert_eq!(visible("a\u{1b}]0;title\u{7}b"), "a\\u{1b}]0;title\\u{7}b");
        assert_eq!(visible("c1\u{9b}31m"), "c1\\u{9b}31m");
        assert_eq!(visible("r\r\tt\u{7f}"), "r\\r\\tt\\u{7f}");
        assert_eq!(visible("rtl\u{202e}cod.exe"), "rtl\\u{202e}cod.exe");
        assert!(matches!(visible("gewone tekst, één € en „quotes”"), Cow::Borrowed(_)));
    }

    #[test]
    fn html_escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            html("Tom & \"Jerry\" <b>'x'</b> één €"),
            "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;x&#39;&lt;/b&gt; één €"
        );
        let mut out = String::from("<p>");
        push_html(&mut out, "a<b");
        assert_eq!(out, "<p>a&lt;b");
        assert_eq!(html(""), "");
    }

    #[test]
    fn snippet_text_keeps_its_lines_and_moves_offsets() {
        let text = "a\u{1b}b\nc\td\u{9b}e\n";
        let escaped = EscapedSource::new(text);
        assert_eq!(escaped.text, "a\\u{1b}b\nc\td\\u{9b}e\n");
        for needle in ["a", "b", "c", "d", "e"] {
            let at = text.find(needle).unwrap();
            assert_eq!(&escaped.text[escaped.offset(at)..][..1], needle);
        }
        assert_eq!(escaped.offset(text.len()), escaped.text.len());
    }
}
