//! Reading a source file and splitting it into front matter and body.
//!
//! This is the only place that turns bytes from `content/` into text. It guarantees: the text is
//! valid UTF-8 (otherwise a diagnostic points at the first bad byte), a byte-order mark is
//! dropped, CRLF line ends become LF, and the front matter keeps its position in the file so that
//! every later diagnostic can name the line the clerk sees in the editor.

use std::path::{Path, PathBuf};

use crate::diagnostics::Code;
use crate::diagnostics::{normalise_newlines, Diagnostic, Location};

/// The Markdown extensions of every body, the same wherever a body is parsed (load's checks,
/// the web page, the PDF tree, the diff), so all of them see the same elements.
pub(crate) fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// The two kinds of document file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// `.md`: front matter and a Markdown body.
    Markdown,
    /// `.yaml` / `.yml`: metadata only.
    Yaml,
}

impl SourceKind {
    pub fn of(path: &Path) -> Option<SourceKind> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(SourceKind::Markdown),
            "yaml" | "yml" => Some(SourceKind::Yaml),
            _ => None,
        }
    }
}

/// A source file as text, split into its parts.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// Path as shown to people: relative to the project folder.
    pub path: PathBuf,
    /// The whole normalised text.
    pub text: String,
    /// Byte range of the YAML front matter in `text`.
    pub front_matter: std::ops::Range<usize>,
    /// Byte range of the Markdown body in `text` (empty for `.yaml` records).
    pub body: std::ops::Range<usize>,
    pub kind: SourceKind,
}

impl SourceFile {
    pub(crate) fn front_matter_text(&self) -> &str {
        &self.text[self.front_matter.clone()]
    }

    pub(crate) fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// The location of `start..end`, given as byte offsets inside the front matter.
    pub(crate) fn front_matter_location(&self, start: usize, end: usize) -> Location {
        let base = self.front_matter.start;
        Location::in_text(&self.text, base + start, base + end)
    }

    /// The location of `start..end`, given as byte offsets inside the body.
    pub(crate) fn body_location(&self, start: usize, end: usize) -> Location {
        let base = self.body.start;
        Location::in_text(&self.text, base + start, base + end)
    }
}

/// Turns raw bytes into a [`SourceFile`], or a diagnostic saying why that is impossible.
pub(crate) fn parse_source(path: &Path, bytes: Vec<u8>, kind: SourceKind) -> Result<SourceFile, Box<Diagnostic>> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => return Err(Box::new(not_utf8(path, err))),
    };
    let text = normalise_newlines(text.strip_prefix('\u{feff}').unwrap_or(&text));
    match kind {
        SourceKind::Yaml => Ok(SourceFile {
            path: path.to_path_buf(),
            front_matter: 0..text.len(),
            body: text.len()..text.len(),
            text,
            kind,
        }),
        SourceKind::Markdown => split_front_matter(path, text),
    }
}

fn not_utf8(path: &Path, err: std::string::FromUtf8Error) -> Diagnostic {
    let bytes = err.as_bytes();
    let valid = err.utf8_error().valid_up_to();
    // The valid prefix is text, so its lines and columns are meaningful.
    let prefix = String::from_utf8_lossy(&bytes[..valid]);
    let loc = Location::in_text(&prefix, prefix.len(), prefix.len());
    Diagnostic::error(
        Code::NotUtf8,
        path,
        crate::t!("source.not_utf8", byte = format!("{:02X}", bytes[valid])),
    )
    .at(Location {
        start: 0,
        end: 0,
        ..loc
    })
    .hint(crate::t!("source.not_utf8_hint"))
}

/// Splits `---\n<yaml>\n---\n<body>`. The closing line may also be `...`.
fn split_front_matter(path: &Path, text: String) -> Result<SourceFile, Box<Diagnostic>> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(Box::new(
            Diagnostic::error(Code::MissingFrontMatter, path, crate::t!("source.missing_front_matter"))
                .at(Location::in_text(&text, 0, first_line_end))
                .hint(crate::t!("source.missing_front_matter_hint")),
        ));
    }
    let fm_start = (first_line_end + 1).min(text.len());
    let mut offset = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body_start = offset + line.len();
            return Ok(SourceFile {
                path: path.to_path_buf(),
                front_matter: fm_start..offset,
                body: body_start..text.len(),
                text,
                kind: SourceKind::Markdown,
            });
        }
        offset += line.len();
    }
    Err(Box::new(
        Diagnostic::error(
            Code::UnclosedFrontMatter,
            path,
            crate::t!("source.unclosed_front_matter"),
        )
        .at(Location::in_text(&text, 0, first_line_end))
        .hint(crate::t!("source.unclosed_front_matter_hint")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Result<SourceFile, Box<Diagnostic>> {
        parse_source(Path::new("a.md"), text.as_bytes().to_vec(), SourceKind::Markdown)
    }

    #[test]
    fn splits_front_matter_and_body_keeping_offsets() {
        let file = md("---\r\nid: a\r\n---\r\nHallo\r\n").unwrap();
        assert_eq!(file.front_matter_text(), "id: a\n");
        assert_eq!(file.body_text(), "Hallo\n");
        assert_eq!(file.front_matter_location(0, 2).line, 2);
        assert_eq!(file.body_location(0, 5).line, 4);
    }

    #[test]
    fn missing_closing_line_is_reported() {
        let err = md("---\nid: a\nHallo\n").unwrap_err();
        assert_eq!(err.code, Code::UnclosedFrontMatter);
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let bytes = b"---\nid: caf\xe9\n".to_vec();
        let err = parse_source(Path::new("a.md"), bytes, SourceKind::Markdown).unwrap_err();
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 8));
        assert!(err.message.contains("0xE9"));
    }
}
