//! Diagnostics as data.
//!
//! Every problem found in a run (a YAML error, an unknown field, a link to an id that does not
//! exist, …) becomes a [`Diagnostic`] value. Stages collect them instead of stopping at the
//! first one, so a clerk sees every mistake of a run at once; the exit code follows from them.
//!
//! Positions are positions in the file the clerk edits: 1-based line and column (counted in
//! characters, as editors do), with the front-matter offset already included.

use std::fmt;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
pub(crate) mod codes;
pub mod formats;
mod snippets;

use codespan_reporting::term::{self, termcolor};
use serde::Serialize;

use crate::escape::{visible, visible_lines};
pub(crate) use codes::Code;

/// How bad a problem is: errors stop the build, warnings do not (unless `--deny-warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Information about the run (no git history, uncommitted changes); never fails a build.
    Note,
}

/// A place in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset of the start of the marked text in the file.
    #[serde(skip)]
    pub start: usize,
    /// Byte offset of the end of the marked text in the file.
    #[serde(skip)]
    pub end: usize,
}

impl Location {
    /// The location of `start..end` (byte offsets) in `text`.
    pub fn in_text(text: &str, start: usize, end: usize) -> Location {
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        Location {
            line,
            column,
            start,
            end,
        }
    }

    /// The start of the file, for problems that concern a whole file.
    pub fn file_start() -> Location {
        Location {
            line: 1,
            column: 1,
            start: 0,
            end: 0,
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// A secondary place that helps explain a diagnostic (e.g. the other file of a duplicate id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub path: PathBuf,
    pub location: Option<Location>,
    pub message: String,
}

/// One problem, with enough context for a clerk to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The kind of problem, printed as its stable name, e.g. `unknown-field`.
    pub code: Code,
    /// The file, relative to the project folder where possible.
    pub path: PathBuf,
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn error(code: Code, path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, path, message)
    }

    pub fn warning(code: Code, path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, path, message)
    }

    pub fn note(code: Code, path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Note, code, path, message)
    }

    fn new(severity: Severity, code: Code, path: &Path, message: impl Into<String>) -> Self {
        debug_assert!(
            code.allows(severity),
            "{code} is not reported as {severity:?} (see codes.rs)"
        );
        Diagnostic {
            severity,
            code,
            path: path.to_path_buf(),
            location: None,
            message: message.into(),
            hint: None,
            related: Vec::new(),
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    pub fn at_opt(mut self, location: Option<Location>) -> Diagnostic {
        self.location = location;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn related(mut self, path: &Path, location: Option<Location>, message: impl Into<String>) -> Self {
        self.related.push(Related {
            path: path.to_path_buf(),
            location,
            message: message.into(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether this problem makes a run fail: an error does, a warning too under
    /// `--strict` (`deny_warnings`), a note never.
    pub fn fails_run(&self, deny_warnings: bool) -> bool {
        match self.severity {
            Severity::Error => true,
            Severity::Warning => deny_warnings,
            Severity::Note => false,
        }
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        let (line, column) = self.location.map_or((0, 0), |l| (l.line, l.column));
        (&self.path, line, column, self.severity, &self.message)
    }
}

impl Severity {
    /// The word people read for it, in the message language ("fout", "error").
    pub fn word(self) -> String {
        match self {
            Severity::Error => crate::t!("severity.error"),
            Severity::Warning => crate::t!("severity.warning"),
            Severity::Note => crate::t!("severity.note"),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// One line, `path:line:column: fout[code]: message (tip: …)`, the format of compilers and
    /// CI annotations; the words are in the message language, the code never changes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", visible(&self.path.display().to_string()))?;
        if let Some(loc) = self.location {
            write!(f, ":{}:{}", loc.line, loc.column)?;
        }
        write!(
            f,
            ": {}[{}]: {}",
            self.severity.word(),
            self.code,
            visible(&self.message)
        )?;
        if let Some(hint) = &self.hint {
            // `t!` escapes the hint, line breaks included: this format is one line.
            write!(f, " ({})", crate::t!("report.hint", hint = hint))?;
        }
        Ok(())
    }
}

/// Diagnostics of one kind in one file, of which only the first
/// [`crate::limits::MAX_REPEATS_PER_DOCUMENT`] are reported in full; the rest are summed up in
/// one more diagnostic of the same kind. A file that repeats a mistake fifty thousand times
/// gives a report a clerk can read, and costs no more than that to make.
#[derive(Debug)]
pub(crate) struct Repeats {
    code: Code,
    path: PathBuf,
    severity: Severity,
    seen: usize,
}

impl Repeats {
    pub(crate) fn new(code: Code, path: &Path, severity: Severity) -> Repeats {
        Repeats {
            code,
            path: path.to_path_buf(),
            severity,
            seen: 0,
        }
    }

    /// Counts one more; `true` when it is to be reported in full.
    pub(crate) fn take(&mut self) -> bool {
        self.seen += 1;
        self.seen <= crate::limits::MAX_REPEATS_PER_DOCUMENT
    }

    /// "… and N more like this in this file", when some were not reported in full.
    pub(crate) fn summary(self) -> Option<Diagnostic> {
        let more = self.seen.checked_sub(crate::limits::MAX_REPEATS_PER_DOCUMENT)?;
        (more > 0).then(|| {
            Diagnostic::new(
                self.severity,
                self.code,
                &self.path,
                crate::t!("report.more_of_kind", n = crate::i18n::number(more)),
            )
            .hint(crate::t!("report.more_of_kind_hint"))
        })
    }
}

/// Runs `work`, turning a panic inside it (a bug in griffie or a library it uses) into an
/// error about `path`, the file whose handling set it off, so one document cannot take the
/// whole run down and the report names the document to look at.
pub(crate) fn catch_panic<T>(path: &Path, work: impl FnOnce() -> T) -> Result<T, Box<Diagnostic>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Box::new(
            Diagnostic::error(
                Code::InternalError,
                path,
                crate::t!("report.internal_error", detail = detail),
            )
            .hint(crate::t!("report.internal_error_hint")),
        )
    })
}

/// All diagnostics of a run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Whether the run these are of failed: it has errors, or warnings under `--strict`
    /// (`deny_warnings`). The one test of failure for `build`, `check` and `serve`.
    pub fn fails_run(&self, deny_warnings: bool) -> bool {
        self.items.iter().any(|d| d.fails_run(deny_warnings))
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The diagnostics sorted by file, position and message, so output is deterministic
    /// whatever order the parallel stages found them in.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        items.dedup();
        items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// Renders diagnostics for people: a header (`fout[code]: message`), a snippet of the source
/// with the place marked, and the hint. `root` is the folder the paths are relative to; sources
/// are read from there (a file that cannot be read, is not a regular file, or is not UTF-8, is
/// shown without a snippet).
///
/// codespan-reporting draws the snippets, but it writes its severity labels in English only, so
/// the header is ours: codespan gets the diagnostic without a message, and its one header line
/// is replaced by ours, in the message language and the same colours.
pub fn render_report(diagnostics: &Diagnostics, root: &Path, color: bool) -> String {
    let mut snippets = snippets::Snippets::new(root);

    let mut out = String::new();
    let config = term::Config::default();
    for diagnostic in diagnostics.sorted() {
        let mut cs = match diagnostic.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
            Severity::Note => CsDiagnostic::note(),
        };
        let mut notes = Vec::new();
        let mut label =
            |path: &Path, loc: Option<Location>| loc.and_then(|loc| snippets.label(path, loc.start..loc.end));
        match label(&diagnostic.path, diagnostic.location) {
            Some((id, range)) => cs = cs.with_label(Label::primary(id, range)),
            None => notes.push(crate::t!(
                "report.in",
                place = place(&diagnostic.path, diagnostic.location)
            )),
        }
        for related in &diagnostic.related {
            let message = visible(&related.message);
            match label(&related.path, related.location) {
                Some((id, range)) => cs = cs.with_label(Label::secondary(id, range).with_message(message)),
                None => notes.push(format!(
                    "{message}: {}",
                    visible(&place(&related.path, related.location))
                )),
            }
        }
        if let Some(hint) = &diagnostic.hint {
            // The catalog's own line breaks stay; values in it were escaped by `t!`.
            let hint = visible_lines(hint);
            notes.push(crate::i18n::translate("report.hint", &[("hint", hint.into_owned())]));
        }
        cs = cs.with_notes(notes);
        let mut buffer = new_buffer(color);
        write_header(&mut buffer, &config, diagnostic);
        let mut body = new_buffer(color);
        // Writing into an in-memory buffer only fails if a label lies outside its file, which
        // cannot happen for locations made by `Location::in_text` on the same text.
        term::emit(&mut body, &config, &snippets.files, &cs).ok();
        let body = String::from_utf8_lossy(body.as_slice()).into_owned();
        out.push_str(&String::from_utf8_lossy(buffer.as_slice()));
        // codespan's own header is its first line (one line: the message is empty).
        out.push_str(body.split_once('\n').map_or("", |(_, rest)| rest));
    }
    out
}

fn new_buffer(color: bool) -> termcolor::Buffer {
    if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    }
}

/// `fout[code]: message`, coloured as codespan colours its own headers.
fn write_header(buffer: &mut termcolor::Buffer, config: &term::Config, diagnostic: &Diagnostic) {
    use std::io::Write as _;
    use termcolor::WriteColor as _;
    let style = match diagnostic.severity {
        Severity::Error => &config.styles.header_error,
        Severity::Warning => &config.styles.header_warning,
        Severity::Note => &config.styles.header_note,
    };
    // Writing into memory cannot fail.
    buffer.set_color(style).ok();
    write!(buffer, "{}[{}]", diagnostic.severity.word(), diagnostic.code).ok();
    buffer.set_color(&config.styles.header_message).ok();
    write!(buffer, ": {}", visible(&diagnostic.message)).ok();
    buffer.reset().ok();
    writeln!(buffer).ok();
}

fn place(path: &Path, location: Option<Location>) -> String {
    match location {
        Some(loc) => format!("{}:{}:{}", path.display(), loc.line, loc.column),
        None => path.display().to_string(),
    }
}

/// Sources are read with CRLF turned into LF; byte offsets refer to the normalised text.
pub(crate) fn normalise_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    }
}

/// A one-line summary such as `2 fouten, 1 waarschuwing` (`2 errors, 1 warning`).
pub(crate) fn summary(diagnostics: &Diagnostics) -> String {
    format!(
        "{}, {}",
        count_errors(diagnostics.error_count()),
        count_warnings(diagnostics.warning_count())
    )
}

/// "1 fout", "12 fouten" (numbers grouped as the message language does).
pub fn count_errors(n: usize) -> String {
    let shown = crate::i18n::number(n);
    crate::i18n::plural(
        n,
        crate::t!("count.errors_one", n = shown),
        crate::t!("count.errors_many", n = shown),
    )
}

/// "1 waarschuwing", "3 waarschuwingen".
pub fn count_warnings(n: usize) -> String {
    let shown = crate::i18n::number(n);
    crate::i18n::plural(
        n,
        crate::t!("count.warnings_one", n = shown),
        crate::t!("count.warnings_many", n = shown),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "a: 1\nbë: tweé\n";
        let start = text.find("tweé").unwrap();
        let loc = Location::in_text(text, start, start + "tweé".len());
        assert_eq!((loc.line, loc.column), (2, 5));
    }

    #[test]
    fn a_panic_becomes_an_internal_error_about_the_file() {
        let path = Path::new("content/a.md");
        assert_eq!(catch_panic(path, || 7).unwrap(), 7);
        let problem = catch_panic(path, || -> usize { panic!("boem {}", 1) }).unwrap_err();
        assert_eq!(problem.code, Code::InternalError);
        assert_eq!(problem.path, path);
        assert!(problem.message.contains("boem 1"), "{}", problem.message);
    }

    #[test]
    fn repeats_report_the_first_ones_and_sum_up_the_rest() {
        let limit = crate::limits::MAX_REPEATS_PER_DOCUMENT;
        let mut repeats = Repeats::new(Code::Placeholder, Path::new("a.md"), Severity::Error);
        let taken = (0..limit + 5).filter(|_| repeats.take()).count();
        assert_eq!(taken, limit);
        let summary = repeats.summary().expect("a summary");
        assert_eq!((summary.code, summary.severity), (Code::Placeholder, Severity::Error));
        assert!(summary.message.contains('5'), "{}", summary.message);
        let mut few = Repeats::new(Code::Placeholder, Path::new("a.md"), Severity::Error);
        assert!(few.take());
        assert!(few.summary().is_none());
    }

    #[test]
    fn errors_fail_a_run_warnings_only_under_strict_notes_never() {
        let path = Path::new("content/a.md");
        let run = |diagnostic: Diagnostic| {
            let mut diagnostics = Diagnostics::new();
            diagnostics.push(diagnostic);
            (diagnostics.fails_run(false), diagnostics.fails_run(true))
        };
        assert_eq!(run(Diagnostic::error(Code::UnknownField, path, "x")), (true, true));
        assert_eq!(run(Diagnostic::warning(Code::MotionNoDue, path, "x")), (false, true));
        assert_eq!(run(Diagnostic::note(Code::NoHistory, path, "x")), (false, false));
        assert!(!Diagnostics::new().fails_run(true));
    }

    #[test]
    fn display_is_one_line_with_hint() {
        let d = Diagnostic::error(Code::UnknownField, Path::new("content/a.md"), "onbekend veld `tittle`")
            .at(Location {
                line: 3,
                column: 1,
                start: 10,
                end: 16,
            })
            .hint("bedoelt u `title`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:1: fout[unknown-field]: onbekend veld `tittle` (tip: bedoelt u `title`?)"
        );
    }
}
