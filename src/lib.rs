//! griffie turns a council's YAML and Markdown sources into a cross-linked static website.
//!
//! The pipeline reads top to bottom in `build.rs`:
//!
//! 1. `load`: walk `content/`, parse front matter and bodies into typed documents (`model`);
//! 2. `resolve`: check ids and links across the corpus, compute back-links and motion states;
//! 3. `render`: HTML pages, PDFs, data files and static assets, into a staging folder (or
//!    nowhere, for `check`);
//! 4. `output::write`: swap the staging folder in as the new output, only if nothing went wrong.
//!
//! The modules are in layers (ARCHITECTURE.md, enforced by `tests/testsuite/layers.rs`). This
//! file holds only their declarations and the re-exports the binary, griffie-synth and the tests
//! use; everything else is crate-private, so the compiler reports code nothing uses.
//!
//! Every stage adds to one [`Diagnostics`] collection instead of stopping at the first problem;
//! the caller decides the exit code from it.
//!
//! Messages to people are Dutch unless the process chose English (see [`i18n`]).

// A `pub` item is part of the library's interface only when lib.rs re-exports it; everything else
// is `pub(crate)` or private, so the compiler reports what nothing uses.
#![warn(unreachable_pub)]

// The message catalog, embedded at compile time (see `i18n`).
rust_i18n::i18n!("locales", fallback = ["nl", "en"]);

/// A message in the process's language (see [`i18n`]): `t!("key")`, or
/// `t!("key", name = value, …)` to fill in `%{name}`; values are anything `Display`, and are
/// escaped (line breaks, control characters: see [`diagnostics::escape`]) unless wrapped in
/// [`i18n::Verbatim`], for griffie's own multi-line examples.
///
/// `t!(lang => "key", …)` is the text in the given language instead: the site's interface
/// language (`language:` in `griffie.yaml`), for what ends up in output files. Those never
/// depend on the process's message language.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::translate($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::translate($key, &[$((stringify!($name), $crate::i18n::MessageArg::message_arg(&$value))),+])
    };
    ($lang:expr => $key:literal) => {
        $crate::i18n::translate_in($lang, $key, &[])
    };
    ($lang:expr => $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::translate_in($lang, $key, &[$((stringify!($name), ::std::string::ToString::to_string(&$value))),+])
    };
}

mod accessibility;
mod build;
mod cache_file;
mod config;
mod data;
mod dates;
mod diagnostics;
mod document_versions;
mod escape;
mod export;
mod history;
mod parties;
// Public: `t!` expands to `$crate::i18n::translate`.
pub mod i18n;
mod identifiers;
mod limits;
mod load;
mod lock;
mod markdown;
mod model;
mod output;
mod paths;
mod pdf;
mod progress;
mod regular_file;
mod render;
mod resolve;
mod scaffold;
mod schema;
mod search;
mod serve;
mod slug;
mod source;
mod stopwatch;
mod suggest;
mod tooi;
// Public: the site's addresses are a contract, and the tests check them against a built site.
pub mod urls;
mod view;
mod woo;
mod yaml;

// What the binary (`main.rs`) uses: the commands, their options and how results are shown.
pub use build::{build, BuildOptions, BuildReport, Mode};
pub use diagnostics::{count_errors, count_warnings, formats, render_report, Diagnostic, Diagnostics, Severity};
pub use export::{export_ori_a, ExportReport, MARKER as EXPORT_MARKER};
pub use paths::ProjectPaths;
pub use progress::{Progress, ProgressHandle};
pub use scaffold::{create as create_document, parse_type, today, Request as NewDocument};
pub use serve::{serve, ServeOptions};
pub use stopwatch::Stopwatch;

// What griffie-synth uses to write documents the loader accepts.
pub use config::CONFIG_FILE;
pub use dates::{format_dutch, parse_date};
pub use model::{DatePrecision, DocType, MotionStatus};
pub use slug::slugify;

// What the integration tests and fuzz targets run on their own: single stages and transforms,
// the preview session, the history reader, the cache's file names.
pub use cache_file::is_temporary as is_cache_temporary;
pub use config::Config;
pub use escape::visible;
pub use history::{read as read_history, History, Status as HistoryStatus};
pub use identifiers::{find_candidates, normalise as normalise_identifier};
pub use load::read_bytes;
pub use markdown::diff::{diff_bodies, DiffLabels};
pub use markdown::{body_tree, render_body};
pub use pdf::COMPILE_STACK_SIZE;
pub use resolve::resolve;
pub use schema::schemas;
pub use serve::inject::overlay;
pub use serve::session::{Round, Session};
pub use serve::{run_round, Shared};
pub use source::SourceKind;
pub use view::pdf_data::pdf_data;
