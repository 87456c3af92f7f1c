//! Diagnostics for tools: JSON (`--format json`) and GitHub Actions workflow commands
//! (`--format github`, chosen automatically when `GITHUB_ACTIONS=true`), next to the human
//! report in `super::render_report`.
//!
//! Both are made from the same sorted list, so every format reports the same problems in the
//! same order; positions are the clerk's 1-based line and column.

use serde::Serialize;

use super::{Diagnostic, Diagnostics, Severity};
use crate::escape::{visible, visible_lines};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Source snippets with the span underlined and a hint (codespan-reporting), on stderr.
    Human,
    /// One JSON document on stdout (see [`json_report`]).
    Json,
    /// `::error file=…,line=…::message` lines on stdout, which GitHub shows on the changed
    /// lines of a pull request; the human report still goes to stderr for the log.
    Github,
}

impl Format {
    /// `--format auto`: GitHub annotations inside GitHub Actions, else the human report.
    pub fn auto() -> Format {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Human
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// `true` when the run failed (errors, or warnings under `--strict`).
    failed: bool,
    errors: usize,
    warnings: usize,
    documents: usize,
    diagnostics: Vec<&'a Diagnostic>,
}

/// The whole run as one JSON object: `failed`, `errors`, `warnings`, `documents` and
/// `diagnostics` (each with `severity`, `code`, `path`, `location` {line, column, start, end},
/// `message`, `hint`, `related`). Keys, `severity` values (`error`, `warning`, `note`) and codes
/// are the same in every language; `message` and `hint` are in the message language.
pub fn json_report(diagnostics: &Diagnostics, documents: usize, failed: bool) -> String {
    let report = JsonReport {
        failed,
        errors: diagnostics.error_count(),
        warnings: diagnostics.warning_count(),
        documents,
        diagnostics: diagnostics.sorted(),
    };
    let json = serde_json::to_string_pretty(&report).expect("diagnostics serialise to JSON");
    let mut json = escape_invisible(&json);
    json.push('\n');
    json
}

/// serde_json writes C0 controls as escapes but C1 controls, the bidirectional controls and the
/// line separators as they are; those become `\uXXXX` escapes too, with the same meaning to a
/// JSON reader. They can only stand inside JSON strings (the structure is ASCII).
fn escape_invisible(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}') {
            if c == '\n' {
                out.push(c);
                continue;
            }
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One GitHub Actions workflow command per diagnostic. The command names (`error`, `warning`,
/// `notice`) are GitHub's; the message and hint are in the message language.
pub fn github_annotations(diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.sorted() {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut properties = vec![format!(
            "file={}",
            property(&visible(&diagnostic.path.display().to_string().replace('\\', "/")))
        )];
        if let Some(location) = diagnostic.location {
            properties.push(format!("line={}", location.line));
            properties.push(format!("col={}", location.column));
        }
        properties.push(format!("title={}", property(&format!("griffie {}", diagnostic.code))));
        let mut message = visible(&diagnostic.message).into_owned();
        if let Some(hint) = &diagnostic.hint {
            message.push('\n');
            let hint = visible_lines(hint).into_owned();
            message.push_str(&crate::i18n::translate("report.hint", &[("hint", hint)]));
        }
        out.push_str(&format!("::{command} {}::{}\n", properties.join(","), data(&message)));
    }
    out
}

/// Escaping of a workflow command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping of a workflow command's property value (also `:` and `,`, which delimit them).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostics::Code;
    use crate::diagnostics::Location;

    fn sample() -> Diagnostics {
        let mut diagnostics = Diagnostics::new();
        let text = "---\nid: x\ndatum: 2025-01-01\n---\n";
        let start = text.find("datum").unwrap();
        diagnostics.push(
            Diagnostic::error(
                Code::UnknownField,
                Path::new("content/a, b.md"),
                "unknown field `datum`: 100% wrong",
            )
            .at(Location::in_text(text, start, start + 5))
            .hint("did you mean `date`?"),
        );
        diagnostics.push(Diagnostic::note(
            Code::NoHistory,
            Path::new("content"),
            "no version history",
        ));
        diagnostics
    }

    #[test]
    fn github_annotations_escape_properties_and_messages() {
        let out = github_annotations(&sample());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "::notice file=content,title=griffie no-history::no version history"
        );
        assert_eq!(
            lines[1],
            "::error file=content/a%2C b.md,line=3,col=1,title=griffie unknown-field::unknown field `datum`: 100%25 wrong%0Atip: did you mean `date`?"
        );
    }

    #[test]
    fn reports_for_tools_carry_no_control_characters_from_sources() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::error(
                Code::UnknownId,
                Path::new("content/a\u{1b}.md"),
                "id `x\n::error::y\u{9b}`",
            )
            .hint("regel 1\nregel 2 \u{202e}"),
        );
        let json = json_report(&diagnostics, 1, true);
        assert!(
            !json.contains('\u{1b}') && !json.contains('\u{9b}') && !json.contains('\u{202e}'),
            "{json}"
        );
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value["diagnostics"][0]["message"], "id `x\n::error::y\u{9b}`",
            "same text for JSON readers"
        );
        let annotations = github_annotations(&diagnostics);
        assert_eq!(annotations.lines().count(), 1, "{annotations}");
        assert!(
            annotations.contains("a\\u{1b}.md") && annotations.contains("x\\n::error::y\\u{9b}"),
            "{annotations}"
        );
        assert!(
            annotations.contains("regel 1%0Aregel 2 \\u{202e}"),
            "the hint's own lines stay: {annotations}"
        );
    }

    #[test]
    fn json_report_counts_and_lists_every_diagnostic() {
        let value: serde_json::Value = serde_json::from_str(&json_report(&sample(), 7, true)).unwrap();
        assert_eq!(value["errors"], 1);
        assert_eq!(value["warnings"], 0);
        assert_eq!(value["documents"], 7);
        assert_eq!(value["failed"], true);
        let first = &value["diagnostics"][1];
        assert_eq!(first["severity"], "error");
        assert_eq!(first["code"], "unknown-field");
        assert_eq!(first["location"]["line"], 3);
        assert_eq!(first["hint"], "did you mean `date`?");
    }
}
