//! Placeholders: the parts of a new document that `griffie new` leaves for the clerk to write.
//!
//! A placeholder is text between `«` and `»` on one line, such as `«naam van de behandelaar»`.
//! Every placeholder still in a source file is an error at its own line and column, so a
//! half-written document is never published, and `griffie check` lists exactly what is left to
//! fill in. Guillemets are not used in Dutch council texts (Dutch quotes with „…", "…" or ‘…’),
//! which is why they can mark placeholders without getting in the way of real text. Lines of the
//! front matter that are YAML comments are skipped: comments are never published.

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Location, Repeats, Severity};
use crate::source::SourceFile;

/// Opens a placeholder.
pub(crate) const OPEN: char = '«';
/// Closes a placeholder.
pub(crate) const CLOSE: char = '»';

/// `description` as a placeholder: `«description»`.
pub(crate) fn placeholder(description: &str) -> String {
    format!("{OPEN}{description}{CLOSE}")
}

/// One error per placeholder left in `file`, in the order they appear.
pub(crate) fn find_placeholders(file: &SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut repeats = Repeats::new(Code::Placeholder, &file.path, Severity::Error);
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let in_front_matter = file.front_matter.contains(&offset);
        if !(in_front_matter && line.trim_start().starts_with('#')) {
            for (start, end) in spans(line) {
                if repeats.take() {
                    out.push(diagnostic(file, offset + start, offset + end));
                }
            }
        }
        offset += line.len();
    }
    out.extend(repeats.summary());
    out
}

/// Byte ranges of the placeholders in one line, marks included.
fn spans(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find(OPEN).map(|i| from + i) {
        let inner = open + OPEN.len_utf8();
        let Some(close) = line[inner..].find(CLOSE).map(|i| inner + i) else {
            break;
        };
        let end = close + CLOSE.len_utf8();
        if close > inner {
            out.push((open, end));
        }
        from = end;
    }
    out
}

fn diagnostic(file: &SourceFile, start: usize, end: usize) -> Diagnostic {
    let text = &file.text[start..end];
    Diagnostic::error(
        Code::Placeholder,
        &file.path,
        crate::t!("placeholder.unfilled", text = text),
    )
    .at(Location::in_text(&file.text, start, end))
    .hint(crate::t!("placeholder.unfilled_hint"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{parse_source, SourceKind};
    use std::path::Path;

    fn found(text: &str) -> Vec<(usize, usize, String)> {
        let file = parse_source(Path::new("x.md"), text.as_bytes().to_vec(), SourceKind::Markdown).unwrap();
        find_placeholders(&file)
            .into_iter()
            .map(|d| {
                let loc = d.location.unwrap();
                (loc.line, loc.column, text[loc.start..loc.end].to_string())
            })
            .collect()
    }

    #[test]
    fn every_placeholder_is_found_at_its_position() {
        let text = "---\n# vul «niet» in: een commentaar\nhandled_by: «naam»\n---\n\n- «eerste» en «tweede»\n";
        assert_eq!(
            found(text),
            vec![
                (3, 13, "«naam»".to_string()),
                (6, 3, "«eerste»".to_string()),
                (6, 15, "«tweede»".to_string()),
            ]
        );
    }

    #[test]
    fn unpaired_or_empty_marks_are_text() {
        assert!(found("---\ntitle: a\n---\n\nHet «citaat\nloopt door» en «».\n").is_empty());
    }

    #[test]
    fn a_heading_in_the_body_is_not_a_comment() {
        assert_eq!(found("---\ntitle: a\n---\n# «Kop»\n").len(), 1);
    }
}
