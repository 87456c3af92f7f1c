//! griffie turns a council's YAML and Markdown sources into a cross-linked static website.
//!
//! The pipeline reads top to bottom in [`build`]:
//!
//! 1. [`load`]: walk `content/`, parse front matter and bodies into typed [`model::Document`]s;
//! 2. [`resolve`]: check ids and links across the corpus, compute back-links and motion states;
//! 3. [`render`]: HTML pages, data files and static assets, into a staging folder (or nowhere,
//!    for `check`);
//! 4. [`write`]: swap the staging folder in as the new output, only if nothing went wrong.
//!
//! Every stage adds to one [`Diagnostics`] collection instead of stopping at the first problem;
//! the caller decides the exit code from it.
//!
//! Messages to people are Dutch unless the process chose English (see [`i18n`]).

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

pub mod accessibility;
pub mod build;
pub mod cache_file;
pub mod config;
pub mod data;
pub mod dates;
pub mod diagnostics;
pub mod document_versions;
pub mod escape;
pub mod history;
pub mod i18n;
pub mod identifiers;
pub mod limits;
pub mod load;
pub mod lock;
pub mod markdown;
pub mod model;
pub mod output;
pub mod paths;
pub mod pdf;
pub mod regular_file;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod search;

pub mod serve;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod view;
pub mod yaml;

pub use build::{
    build, build_keeping, BuildOptions, BuildReport, BuildState, Mode, Progress, ProgressHandle, COMPILE_STACK_SIZE,
};
pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use paths::ProjectPaths;
