//! griffie's integration tests: one test binary, one module per feature.
//!
//! Each module builds fixture sites (`tests/fixtures/<name>`, copied with the repository's
//! templates into a temporary folder by [`support::project`]) or generated corpora
//! (`griffie_synth`), runs the real `griffie` binary on them (or the library, where a test needs
//! structured results), and checks what comes out. One binary rather than one per file: every
//! test binary links typst, Pagefind and gix, so two dozen of them were most of a test run's
//! compile and link time.
//!
//! All tests share one process, so none may change what is process-wide: no environment
//! variables (a child process gets its own, see [`support::griffie_with_env`]), no current
//! folder, no message language (`griffie::i18n::set_language`; a test in another language runs
//! the binary with `--lang`), and rayon's global pool only through [`support::init`].
//!
//! Run one feature with `cargo test --test testsuite <module>::`, e.g.
//! `cargo test --test testsuite feeds::`.

mod support;

mod accessibility;
mod bundled_corpus;
mod ci_recipes;
mod crash_consistency;
mod diagnostics;
mod feeds;
mod fuzz_corpus;
mod history_read;
mod hostile_input;
mod language;
mod layers;
mod links;
mod meetings;
mod new_command;
mod open_data;
mod pdf;
mod schemas;
mod search;
mod serve;
mod serve_session;
mod site;
mod site_language;
mod synthetic_corpus;
mod synthetic_history;
mod urls;
mod versions;
mod woo;
