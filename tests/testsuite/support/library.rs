//! The library in this process: rayon's global pool made as `griffie::build` makes it, the
//! build options of a project, and generated corpora (`griffie_synth`, which uses rayon too).

use std::path::Path;

use tempfile::TempDir;

use super::repo_root;

/// Gets the process ready for the library: rayon's global pool made the way `griffie::build`
/// makes it (large stacks, for typst), before any test's own use of rayon (generating a corpus,
/// reading history) can make it with the defaults. Once per process.
pub fn init() {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(griffie::COMPILE_STACK_SIZE)
            .build_global()
            .expect("rayon's global pool was made before support::init: a test ran the library or griffie_synth without calling it first");
    });
}

/// The library's build options for the project in `dir` (output in `dir/output`), PDFs made.
pub fn library_options(dir: &Path, mode: griffie::Mode) -> griffie::BuildOptions {
    init();
    griffie::BuildOptions {
        paths: griffie::ProjectPaths::in_folder(dir),
        mode,
        as_of: None,
        deny_warnings: false,
        pdf: true,
        progress: None,
        preview: false,
    }
}

/// Runs the library's `build` on `dir` (for structured diagnostics).
pub fn build_with_library(dir: &Path, mode: griffie::Mode) -> griffie::BuildReport {
    griffie::build(&library_options(dir, mode)).expect("build runs")
}

/// A generated project of `docs` documents from `seed`, with the repository's templates (see
/// `griffie_synth`), outside git.
pub fn synthetic(docs: usize, seed: u64) -> (TempDir, griffie_synth::SynthSummary) {
    init();
    let dir = tempfile::tempdir().expect("temp dir");
    let summary = griffie_synth::generate(&synth_options(docs, seed), dir.path()).expect("the corpus is generated");
    (dir, summary)
}

/// [`synthetic`] as a git repository in `dir`, whose history `history` describes.
pub fn synthetic_history(
    dir: &Path,
    docs: usize,
    seed: u64,
    history: &griffie_synth::HistoryOptions,
) -> griffie_synth::HistorySummary {
    init();
    griffie_synth::generate_history(&synth_options(docs, seed), history, dir).expect("the history is generated")
}

fn synth_options(docs: usize, seed: u64) -> griffie_synth::SynthOptions {
    griffie_synth::SynthOptions {
        docs,
        seed,
        templates_from: Some(repo_root().join("templates")),
        ..griffie_synth::SynthOptions::default()
    }
}
