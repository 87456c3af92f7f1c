//! What is checked in a Markdown body when the document is read: how deep it nests, and
//! headings without text.
//!
//! pulldown-cmark parses any nesting without recursion, but what is made from its events is a
//! tree: the PDF's data tree, its JSON, typst's layout and the PDF/UA structure tree all descend
//! it. One line of ten thousand `>` would overflow a stack there, and a few dozen levels are
//! already more than PDF/UA readers accept. So the body is walked once here, and a body that
//! nests deeper than [`crate::limits::MAX_MARKDOWN_DEPTH`] is an error at the line where it does;
//! such a body reaches no later stage.
//!
//! A heading without text (`##` alone on a line) is an empty heading on the web page and a
//! structure element PDF/UA refuses; the renderers leave it out and it is a warning here, at
//! its line.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Repeats, Severity};
use crate::limits::{MAX_MARKDOWN_DEPTH, MAX_PARAGRAPH_BYTES};
use crate::source::{markdown_options, SourceFile};

/// An error at the first place where `file`'s body nests deeper than the bound, if it does.
pub(super) fn check_nesting(file: &SourceFile) -> Option<Diagnostic> {
    let offset = too_deep_at(file.body_text(), MAX_MARKDOWN_DEPTH)?;
    Some(
        Diagnostic::error(
            Code::MarkdownTooDeep,
            &file.path,
            crate::t!("nesting.too_deep", limit = MAX_MARKDOWN_DEPTH),
        )
        .at(file.body_location(offset, offset))
        .hint(crate::t!("nesting.too_deep_hint")),
    )
}

/// A warning for every heading of `file`'s body without text (renderers leave them out), and
/// an error for every paragraph, heading or table cell longer than
/// [`crate::limits::MAX_PARAGRAPH_BYTES`].
pub(super) fn check_blocks(file: &SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut empty = Repeats::new(Code::EmptyHeading, &file.path, Severity::Warning);
    let mut long = Repeats::new(Code::ParagraphTooLong, &file.path, Severity::Error);
    let found = scan_blocks(file.body_text());
    for offset in found.empty_headings {
        if empty.take() {
            out.push(
                Diagnostic::warning(Code::EmptyHeading, &file.path, crate::t!("body.empty_heading"))
                    .at(file.body_location(offset, offset))
                    .hint(crate::t!("body.empty_heading_hint")),
            );
        }
    }
    for offset in found.long_paragraphs {
        if long.take() {
            let limit = crate::i18n::number(MAX_PARAGRAPH_BYTES);
            out.push(
                Diagnostic::error(
                    Code::ParagraphTooLong,
                    &file.path,
                    crate::t!("body.paragraph_too_long", limit = limit),
                )
                .at(file.body_location(offset, offset))
                .hint(crate::t!("body.paragraph_too_long_hint")),
            );
        }
    }
    out.extend(empty.summary());
    out.extend(long.summary());
    out
}

/// What [`scan_blocks`] finds, as body offsets.
#[derive(Debug, Default, PartialEq, Eq)]
struct Blocks {
    empty_headings: Vec<usize>,
    long_paragraphs: Vec<usize>,
}

/// One pass over `body`: headings with no text in them, and text blocks over the bound.
fn scan_blocks(body: &str) -> Blocks {
    let mut found = Blocks::default();
    let mut open: Option<(usize, bool)> = None;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => open = Some((range.start, false)),
            Event::Text(text) | Event::Code(text) if !text.trim().is_empty() => {
                if let Some((_, has_text)) = open.as_mut() {
                    *has_text = true;
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, false)) = open.take() {
                    found.empty_headings.push(start);
                }
                if range.len() > MAX_PARAGRAPH_BYTES {
                    found.long_paragraphs.push(range.start);
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::TableCell) if range.len() > MAX_PARAGRAPH_BYTES => {
                found.long_paragraphs.push(range.start);
            }
            _ => {}
        }
    }
    found
}

/// The byte offset in `body` of the first element that lies more than `limit` elements deep
/// (quotes, lists and their items, emphasis, links, …), or `None`. Stops there, so its cost is
/// at most one pass over the body.
fn too_deep_at(body: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > limit {
                    return Some(range.start);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_without_text_are_found() {
        let body = "# Titel\n\n##\n\nTekst.\n\n### `code`\n\n#### \n";
        let found = scan_blocks(body).empty_headings;
        assert_eq!(found, vec![body.find("##\n").unwrap(), body.find("#### ").unwrap()]);
    }

    #[test]
    fn paragraphs_over_the_bound_are_found_at_their_start() {
        let long = "woord ".repeat(MAX_PARAGRAPH_BYTES / 6 + 1);
        let body = format!("Kort.\n\n{long}\n\n| a |\n|---|\n| {long} |\n");
        let found = scan_blocks(&body).long_paragraphs;
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0], "Kort.\n\n".len());
        assert!(scan_blocks(&"woord ".repeat(100)).long_paragraphs.is_empty());
    }

    #[test]
    fn ordinary_nesting_passes() {
        let body = "> - een **vet [woord](https://example.org)**\n>   - twee\n";
        assert_eq!(too_deep_at(body, 8), None);
    }

    #[test]
    fn deep_quotes_are_found_at_their_offset() {
        let body = format!("Tekst.\n\n{}x\n", "> ".repeat(30));
        let at = too_deep_at(&body, 10).unwrap();
        assert!(at >= "Tekst.\n\n".len(), "found at {at}");
        assert_eq!(too_deep_at(&body, 31), None);
    }

    #[test]
    fn a_line_of_ten_thousand_quotes_is_found_without_recursion() {
        let body = "> ".repeat(10_000) + "x\n";
        assert!(too_deep_at(&body, MAX_MARKDOWN_DEPTH).is_some());
    }

    #[test]
    fn deep_lists_and_emphasis_count_too() {
        let lists: String = (0..40).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
        assert!(too_deep_at(&lists, MAX_MARKDOWN_DEPTH).is_some());
        let emphasis = format!("{}x{}", "*".repeat(200), "*".repeat(200));
        assert!(too_deep_at(&emphasis, MAX_MARKDOWN_DEPTH).is_some());
    }
}
