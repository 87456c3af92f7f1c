//! The source files a report quotes, as codespan-reporting reads them: escaped (see
//! [`super::escape`]), and with very long lines cut to a window around the marked place.
//!
//! A Markdown body can be one line of a megabyte; quoting that line whole for each of twenty
//! diagnostics would print twenty megabytes. A label on a line longer than [`LONG_LINE`] is shown
//! in an excerpt of its own: the marked text with some context on either side, between `…`,
//! after as many empty lines as needed for codespan to print the right line number.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::files::SimpleFiles;

use super::normalise_newlines;
use crate::escape::{visible, EscapedSource};

/// Lines up to this many bytes are quoted whole.
const LONG_LINE: usize = 240;
/// Bytes of context kept on each side of the marked text in an excerpt.
const CONTEXT: usize = 80;
/// Bytes of a marked text kept in an excerpt.
const MARKED: usize = 160;

/// One source file as the report quotes it.
struct Source {
    /// The file's text, with CRLF as LF: the text that diagnostics' offsets refer to.
    text: String,
    escaped: EscapedSource,
    id: usize,
}

/// The files of one report.
pub(super) struct Snippets<'r> {
    root: &'r Path,
    pub(super) files: SimpleFiles<String, String>,
    sources: HashMap<PathBuf, Option<Source>>,
}

impl<'r> Snippets<'r> {
    pub(super) fn new(root: &'r Path) -> Snippets<'r> {
        Snippets {
            root,
            files: SimpleFiles::new(),
            sources: HashMap::new(),
        }
    }

    /// The file id and range to mark `range` of `path` with, or `None` when the file cannot be
    /// read (it is then named without a snippet).
    pub(super) fn label(&mut self, path: &Path, range: Range<usize>) -> Option<(usize, Range<usize>)> {
        if !self.sources.contains_key(path) {
            let source = self.read(path);
            self.sources.insert(path.to_path_buf(), source);
        }
        let source = self.sources.get(path)?.as_ref()?;
        let start = floor_boundary(&source.text, range.start.min(source.text.len()));
        let end = floor_boundary(&source.text, range.end.clamp(start, source.text.len()));
        let line_start = source.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source.text[start..].find('\n').map_or(source.text.len(), |i| start + i);
        if line_end - line_start <= LONG_LINE {
            return Some((source.id, source.escaped.offset(start)..source.escaped.offset(end)));
        }
        let (text, marked) = excerpt(&source.text, line_start..line_end, start..end);
        let name = visible(&path.display().to_string()).into_owned();
        Some((self.files.add(name, text), marked))
    }

    fn read(&mut self, path: &Path) -> Option<Source> {
        let full = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        };
        // Never through a link, nor waiting on a FIFO: a diagnostic may point at either.
        let bytes = crate::regular_file::read(&full).ok()?;
        let text = normalise_newlines(&String::from_utf8(bytes).ok()?);
        let escaped = EscapedSource::new(&text);
        let name = visible(&path.display().to_string()).into_owned();
        let id = self.files.add(name, escaped.text.clone());
        Some(Source { text, escaped, id })
    }
}

/// A file of empty lines up to the line of `marked`, then an escaped excerpt of that line
/// (`line` in `text`) around `marked`; and where `marked` lies in it.
fn excerpt(text: &str, line: Range<usize>, marked: Range<usize>) -> (String, Range<usize>) {
    // A mark that runs on past its line is cut at the line's end.
    let kept_end = floor_boundary(text, marked.end.min(marked.start + MARKED).min(line.end));
    let from = floor_boundary(text, marked.start.saturating_sub(CONTEXT).max(line.start));
    let to = floor_boundary(text, (kept_end + CONTEXT).min(line.end));
    let newlines = text[..line.start].matches('\n').count();
    let mut out = "\n".repeat(newlines);
    if from > line.start {
        out.push('…');
    }
    out.push_str(&visible(&text[from..marked.start]));
    let mark_start = out.len();
    out.push_str(&visible(&text[marked.start..kept_end]));
    let mark_end = out.len();
    out.push_str(&visible(&text[kept_end..to]));
    if to < line.end {
        out.push('…');
    }
    (out, mark_start..mark_end)
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_on_a_long_line_gets_an_excerpt_on_the_same_line_number() {
        let line = "woord ".repeat(10_000);
        let text = format!("a\nb\n{line}\n");
        let at = text.find("woord").unwrap() + 6 * 5_000;
        let (excerpt, marked) = excerpt(&text, 4..4 + line.len(), at..at + 5);
        assert_eq!(&excerpt[marked.clone()], "woord");
        assert_eq!(
            excerpt.matches('\n').count(),
            2,
            "two lines before, so the line number is 3"
        );
        assert!(excerpt.len() < 2 * (CONTEXT + MARKED) + 16, "{}", excerpt.len());
        assert!(excerpt.trim_start().starts_with('…') && excerpt.ends_with('…'));
    }

    #[test]
    fn a_mark_running_past_the_end_of_a_long_line_stops_there() {
        let line = "woord ".repeat(100);
        let text = format!("{line}\nvolgende regel\n");
        let at = line.len() - 3;
        let (excerpt, marked) = excerpt(&text, 0..line.len(), at..text.len());
        assert_eq!(&excerpt[marked], "rd ");
        assert!(!excerpt.contains("volgende"));
    }
}
