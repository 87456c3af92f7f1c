//! What each fuzz target does with its input, shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`) and by the regression test that replays the committed corpus in
//! every `cargo test` (`tests/testsuite/fuzz_corpus.rs`), so both exercise exactly the same code.
//!
//! Every function must return normally for every input: a panic, an abort, a stack overflow or
//! a hang is a bug in griffie. The properties checked besides "no crash" are cheap invariants
//! that hold for any input.

#![allow(dead_code)]

use std::path::Path;

use griffie::visible;
use griffie::SourceKind;

/// The date every fuzzed site is resolved against (fixed: no clock in the harness).
fn as_of() -> jiff::civil::Date {
    jiff::civil::date(2026, 1, 1)
}

/// A whole source file (front matter and Markdown body) through load and resolve, then the
/// document page's HTML, the PDF data tree and the JSON the PDF templates read.
pub fn document(data: &[u8]) {
    let path = Path::new("content/fuzz.md");
    let (document, diagnostics) = griffie::read_bytes(path, data.to_vec(), SourceKind::Markdown);
    for diagnostic in &diagnostics {
        // Every location lies inside the file it names.
        if let Some(location) = diagnostic.location {
            assert!(
                location.start <= location.end && location.end <= data.len(),
                "{diagnostic:?}"
            );
        }
        // Reports never carry raw control characters from the source.
        let line = diagnostic.to_string();
        assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
    }
    let Some(document) = document else { return };
    let mut found = griffie::Diagnostics::new();
    let site = griffie::resolve(griffie::Config::default(), vec![document], as_of(), &mut found);
    if site.documents.is_empty() {
        return;
    }
    let body = griffie::render_body(&site, 0);
    assert!(!body.html.contains("<script"), "{}", body.html);
    let tree = griffie::body_tree(&site, 0);
    assert_eq!(tree.nodes.len(), tree.starts.len());
    let data = griffie::pdf_data(&site, &site.documents[0], Some(0), &tree.nodes);
    let json = serde_json::to_vec(&data).expect("PDF data serialises");
    serde_json::from_slice::<serde_json::Value>(&json).expect("PDF data reads back");
}

/// Two Markdown bodies (split at the first NUL byte) through the word diff of version pages.
pub fn diff(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (old, new) = text.split_once('\0').unwrap_or((&text, ""));
    let labels = griffie::DiffLabels::new(griffie::i18n::Lang::Nl);
    let result = griffie::diff_bodies(old, new, &labels);
    assert!(result.html.starts_with("<div class=\"diff\">"));
    assert!(!result.html.contains("<script"));
    let same = griffie::diff_bodies(new, new, &labels);
    assert!(same.identical, "a body differs from itself");
}

/// Free text through the identifier scanner: every candidate is a piece of the text, and its
/// normal form is a fixed point of `normalise`.
pub fn identifiers(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for mention in griffie::find_candidates(&text) {
        let cited = &text[mention.range.clone()];
        assert_eq!(
            griffie::normalise_identifier(cited).as_deref(),
            Some(mention.normal.as_str())
        );
        assert_eq!(
            griffie::normalise_identifier(&mention.normal).as_deref(),
            Some(mention.normal.as_str())
        );
    }
    assert!(!visible(&text).chars().any(|c| c.is_control()));
}
