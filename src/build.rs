//! The build pipeline: load → resolve (with the history read beside it) → render → write, each
//! stage adding to one `Diagnostics` collection, and the choice at the end whether the staging
//! folder replaces the output. `griffie build`, `check` and the first round of `serve` run it;
//! `BuildState` is what a preview session keeps to update the site incrementally afterwards.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::civil::Date;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::paths::ProjectPaths;
use crate::progress::ProgressHandle;
use crate::stopwatch::Stopwatch;
use crate::{cache_file, config, data, document_versions, history, load, lock, model, output, pdf, render, resolve};

/// What to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Render everything and publish it to the output folder.
    Build,
    /// Run every check, including rendering, but write nothing.
    Check,
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub paths: ProjectPaths,
    pub mode: Mode,
    /// The day against which motions count as overdue. `None`: `SOURCE_DATE_EPOCH` if set, else
    /// the date of the `HEAD` commit, else the newest document date. Never the wall clock, so
    /// output is reproducible.
    pub as_of: Option<Date>,
    /// Treat warnings as errors (for CI).
    pub deny_warnings: bool,
    /// Make the PDF briefs (off for a quick look at the pages).
    pub pdf: bool,
    /// Told how far the long parts of a build are (a progress bar); `None`: silent.
    pub progress: Option<ProgressHandle>,
    /// A local preview (`griffie serve`) of the working copy: the footer says so instead of
    /// naming the commit state, so the first edit doesn't change every page's stamp.
    pub preview: bool,
}

/// What happened in a run.
#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Diagnostics,
    pub documents: usize,
    pub stats: render::RenderStats,
    /// Each stage with the time it took, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// `true` when the output folder was replaced by this run's result.
    pub published: bool,
}

impl BuildReport {
    /// Whether the run counts as failed: errors, or warnings under `deny_warnings`.
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.diagnostics.fails_run(deny_warnings)
    }
}

/// Runs the pipeline. `Err` means the environment failed (an output folder that cannot be
/// created, …); problems in the sources are diagnostics in the report.
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let (report, state) = build_keeping(options)?;
    // Freeing a large site (hundreds of thousands of strings) takes a noticeable part of a
    // second; nothing waits for it, so it happens beside the caller (and is skipped at exit).
    std::thread::spawn(move || drop(state));
    Ok(report)
}

/// What a build worked from, kept for a preview session to update incrementally
/// ([`serve::session`]). Diagnostics are split by the stage that found them, because a session
/// recomputes each kind on its own terms (load per file, resolve as a whole, render per page).
pub(crate) struct BuildState {
    pub site: resolve::Site,
    pub history: document_versions::SiteHistory,
    pub pdf: Option<pdf::PdfEngine>,
    /// Problems of `griffie.yaml` and of finding the source files.
    pub config_diagnostics: Vec<Diagnostic>,
    /// Problems found reading the source files, each at its file.
    pub load_diagnostics: Vec<Diagnostic>,
    /// Problems found checking the corpus as a whole (ids, links, motions).
    pub resolve_diagnostics: Vec<Diagnostic>,
    /// Problems found rendering (pages, PDFs, templates).
    pub render_diagnostics: Vec<Diagnostic>,
    /// Files of a document that `resolve` dropped (a duplicate id): a session can't update
    /// such a site file by file.
    pub loaded_documents: usize,
}

/// [`build`], also returning the state it worked from.
///
/// A build holds the project's lock ([`lock`]) until it returns, so a second griffie on the
/// same project fails at once (`Err`) instead of writing the same files, and cleans up what a
/// killed build left in the cache.
pub(crate) fn build_keeping(options: &BuildOptions) -> anyhow::Result<(BuildReport, BuildState)> {
    init_thread_pool();
    let paths = &options.paths;
    let _lock = match options.mode {
        Mode::Build => {
            let lock = lock::ProjectLock::acquire(&paths.cache, "griffie build")?;
            clean_leftovers(&paths.cache);
            Some(lock)
        }
        Mode::Check => None,
    };
    let mut run = Run::default();
    let sources = read_sources(options, &mut run);
    let render_start = run.diagnostics.len();
    let pdf_engine = if options.pdf {
        load_pdf_engine(options, &mut run.diagnostics)
    } else {
        None
    };
    let templates_shown = paths.shown(&paths.templates);
    let search_cache = paths.cache.join("search");
    let input = render::RenderInput {
        progress: options.progress.as_ref().map(|p| p.0.as_ref()),
        history: &sources.history,
        preview: options.preview,
        pdf: pdf_engine.as_ref(),
        templates_dir: &paths.templates,
        templates_shown: &templates_shown,
        search_cache: Some(&search_cache),
    };
    let (stats, published) = render_and_publish(&sources.site, &input, options, &mut run)?;
    if published {
        if let Some(engine) = &pdf_engine {
            engine.cache().prune();
        }
        data::feeds::standings::save(&paths.cache.join("feeds"));
        render::version_refs::save(&paths.cache.join("versions"));
        run.clock.lap("write");
    }
    if let Some(progress) = &options.progress {
        progress.0.finish();
    }
    let state = sources.into_state(&run.diagnostics, render_start, pdf_engine);
    let report = BuildReport {
        documents: state.site.documents.len(),
        diagnostics: run.diagnostics,
        stats,
        timings: run.clock.into_laps(),
        published,
    };
    Ok((report, state))
}

/// The sources as a build reads them (configuration, documents, history), resolved, without
/// rendering anything; with the PDF engine when `options.pdf`. For the exports (`griffie
/// export`), which make files of their own from the same site.
pub(crate) fn read_site(
    options: &BuildOptions,
) -> (
    resolve::Site,
    document_versions::SiteHistory,
    Option<pdf::PdfEngine>,
    Diagnostics,
) {
    init_thread_pool();
    let mut run = Run::default();
    let sources = read_sources(options, &mut run);
    let engine = if options.pdf {
        load_pdf_engine(options, &mut run.diagnostics)
    } else {
        None
    };
    (sources.site, sources.history, engine, run.diagnostics)
}

/// What a run has found so far, and its stages' times.
struct Run {
    diagnostics: Diagnostics,
    clock: Stopwatch,
}

impl Default for Run {
    fn default() -> Run {
        Run {
            diagnostics: Diagnostics::new(),
            clock: Stopwatch::start(),
        }
    }
}

/// The resolved site with its history, and where each stage's diagnostics end in the run's.
struct Sources {
    site: resolve::Site,
    history: document_versions::SiteHistory,
    loaded_documents: usize,
    config_end: usize,
    load_end: usize,
    resolve_end: usize,
}

/// The stages before rendering: the configuration, the documents, the history, the resolved
/// site, and the history attached to its documents.
fn read_sources(options: &BuildOptions, run: &mut Run) -> Sources {
    let paths = &options.paths;
    let config = match config::load_config(&paths.config, &paths.shown(&paths.config)) {
        Ok(config) => config,
        Err(rejected) => {
            run.diagnostics.extend(rejected.problems);
            *rejected.fallback
        }
    };
    run.diagnostics
        .extend(crate::config::woo_warnings(&config, &paths.shown(&paths.config)));
    let config_end = run.diagnostics.len();
    let documents = load::load_documents(&paths.root, &paths.content, &mut run.diagnostics);
    let loaded_documents = documents.len();
    let load_end = run.diagnostics.len();
    run.clock.lap("load");

    let history = history::read(&paths.content, &paths.cache.join("history"));
    run.clock.lap("history");
    let as_of = reference_date(options.as_of, history.head.as_ref().map(|c| c.date), &documents);
    let site = resolve::resolve(config, documents, as_of, &mut run.diagnostics);
    let resolve_end = run.diagnostics.len();
    run.clock.lap("resolve");
    let other_sources = [paths.templates.clone(), paths.config.clone()];
    let history = document_versions::attach(history, &site.documents, &paths.root, &paths.content, &other_sources);
    run.diagnostics.extend(history_notes(&history, paths));
    run.clock.lap("versions");
    Sources {
        site,
        history,
        loaded_documents,
        config_end,
        load_end,
        resolve_end,
    }
}

impl Sources {
    /// What a preview session keeps: the site, its history and engine, and the run's
    /// diagnostics split by stage (rendering's start at `render_start`).
    fn into_state(self, diagnostics: &Diagnostics, render_start: usize, pdf: Option<pdf::PdfEngine>) -> BuildState {
        let items: Vec<&Diagnostic> = diagnostics.iter().collect();
        let owned = |range: &[&Diagnostic]| range.iter().map(|d| (*d).clone()).collect();
        BuildState {
            config_diagnostics: owned(&items[..self.config_end]),
            load_diagnostics: owned(&items[self.config_end..self.load_end]),
            resolve_diagnostics: owned(&items[self.load_end..self.resolve_end]),
            render_diagnostics: owned(&items[render_start..]),
            site: self.site,
            history: self.history,
            pdf,
            loaded_documents: self.loaded_documents,
        }
    }
}

/// Renders the site: into nothing for `check` or a run that has already failed (files the
/// published output holds are read from there), else into a staging folder that replaces the
/// output if rendering adds no failure. Returns the render's numbers and whether it published.
fn render_and_publish(
    site: &resolve::Site,
    input: &render::RenderInput,
    options: &BuildOptions,
    run: &mut Run,
) -> anyhow::Result<(render::RenderStats, bool)> {
    let paths = &options.paths;
    // Per output folder, so a preview build (`griffie serve`) never prunes `output/`'s manifests.
    let manifests = output::manifest::folder_for(&paths.cache, &paths.output);
    // What motion versions say, for the feeds' status changes: saved only by a build.
    data::feeds::standings::load(&paths.cache.join("feeds"));
    // What each version refers to, for the keys of version pages: saved only by a build.
    render::version_refs::load(&paths.cache.join("versions"));
    if options.mode == Mode::Check || run.diagnostics.fails_run(options.deny_warnings) {
        let marker = std::fs::read_to_string(paths.output.join(output::write::MARKER)).unwrap_or_default();
        let published =
            output::NullOutput::knowing(output::manifest::Manifest::load(&manifests, &marker)).reading(&paths.output);
        let stats = render::render(site, input, &published, &mut run.diagnostics);
        run.clock.lap("render (check only)");
        return Ok((stats, false));
    }
    let protected = [paths.root.as_path(), paths.content.as_path(), paths.templates.as_path()];
    let staging = output::write::Staging::create(&paths.output, &protected)?;
    let made_before = output::manifest::Manifest::load(&manifests, staging.earlier_marker());
    let earlier_files = made_before.files();
    let output = output::DirOutput::reusing(staging.dir(), made_before);
    let stats = render::render(site, input, &output, &mut run.diagnostics);
    run.clock.lap("render");
    run.clock.extend(&stats.timings);
    if run.diagnostics.fails_run(options.deny_warnings) {
        return Ok((stats, false));
    }
    // Without a saved manifest the next build makes everything anew: slower, not wrong.
    let mark = output::manifest::Manifest::save(&manifests, &output.manifest())
        .ok()
        .map(|id| output::manifest::marker_line(&id));
    let folders = staging.folders().map(Path::to_path_buf);
    staging.publish(&output.written(), earlier_files.as_deref(), mark.as_deref())?;
    output::manifest::Manifest::prune(&manifests, &folders.each_ref().map(PathBuf::as_path));
    Ok((stats, true))
}

/// Removes the temporary files killed builds left in the cache's folders (see [`cache_file`]).
/// The preview folder of `griffie serve` is an output folder, cleaned by [`write`] instead.
fn clean_leftovers(cache: &Path) {
    let folders = walkdir::WalkDir::new(cache)
        .max_depth(3)
        .into_iter()
        .filter_entry(|e| e.file_type().is_dir() && !(e.depth() == 1 && e.file_name() == "serve"))
        .filter_map(Result::ok);
    for folder in folders {
        cache_file::clean_temporaries(folder.path());
    }
}

/// The rayon workers also run typst's inner parallel work, so they get the same large stack.
/// Set once per process; if the embedding program already configured rayon, its pool is used.
fn init_thread_pool() {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(crate::pdf::COMPILE_STACK_SIZE)
            .build_global()
            .ok();
    });
}

/// The commit date counts only when `SOURCE_DATE_EPOCH` does not say otherwise.
fn head_unless_env(head: Option<Date>) -> Option<Date> {
    std::env::var_os("SOURCE_DATE_EPOCH")
        .is_none()
        .then_some(head)
        .flatten()
}

fn load_pdf_engine(options: &BuildOptions, diagnostics: &mut Diagnostics) -> Option<pdf::PdfEngine> {
    let paths = &options.paths;
    let dir = paths.templates.join("pdf");
    let cache = pdf::cache::PdfCache::new(&paths.cache.join("pdf"), options.mode == Mode::Build);
    match pdf::PdfEngine::load(&dir, &paths.shown(&dir), cache) {
        Ok(engine) => Some(engine),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    }
}

/// What the build tells about the history it could read: a note without git or with
/// uncommitted changes, a warning for a shallow clone (its early versions are missing, so
/// version numbers would change once the full history is there).
pub(crate) fn history_notes(history: &document_versions::SiteHistory, paths: &ProjectPaths) -> Vec<Diagnostic> {
    let content = paths.shown(&paths.content);
    let mut notes = Vec::new();
    match &history.history.status {
        history::Status::NoRepository { reason } => notes.push(
            Diagnostic::note(Code::NoHistory, &content, crate::t!("history.none", reason = reason))
                .hint(crate::t!("history.none_hint")),
        ),
        history::Status::NoCommits => notes.push(
            Diagnostic::note(Code::NoHistory, &content, crate::t!("history.no_commits"))
                .hint(crate::t!("history.no_commits_hint")),
        ),
        history::Status::Read { shallow } => {
            if *shallow {
                notes.push(
                    Diagnostic::warning(Code::ShallowHistory, &content, crate::t!("history.shallow"))
                        .hint(crate::t!("history.shallow_hint")),
                );
            }
            if history.uncommitted {
                notes.push(
                    Diagnostic::note(Code::Uncommitted, &content, crate::t!("history.uncommitted"))
                        .hint(crate::t!("history.uncommitted_hint")),
                );
            }
        }
    }
    notes
}

/// The day "overdue" is measured against; see [`BuildOptions::as_of`].
pub(crate) fn reference_date(explicit: Option<Date>, head: Option<Date>, documents: &[model::Document]) -> Date {
    if let Some(date) = explicit.or(head_unless_env(head)) {
        return date;
    }
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map(|ts| ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    from_env
        .or_else(|| documents.iter().map(|d| d.date).max())
        .unwrap_or(Date::constant(2000, 1, 1))
}
