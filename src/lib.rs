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
pub mod pdf;
pub mod regular_file;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod source;
pub mod suggest;
pub mod urls;
pub mod view;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::civil::Date;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};

/// Where things are. Relative paths are taken from the current directory, the project folder.
#[derive(Debug, Clone)]
pub struct ProjectPaths {
    pub root: PathBuf,
    pub content: PathBuf,
    pub output: PathBuf,
    pub templates: PathBuf,
    pub config: PathBuf,
    /// Kept between builds (compiled PDFs); safe to delete.
    pub cache: PathBuf,
}

impl ProjectPaths {
    /// The default layout of a project folder: `content/`, `output/`, `templates/`, `griffie.yaml`.
    pub fn in_folder(root: &Path) -> ProjectPaths {
        ProjectPaths {
            root: root.to_path_buf(),
            content: root.join("content"),
            output: root.join("output"),
            templates: root.join("templates"),
            config: root.join(config::CONFIG_FILE),
            cache: root.join(".griffie-cache"),
        }
    }

    /// `path` as people see it: relative to the project folder when inside it.
    pub fn shown(&self, path: &Path) -> PathBuf {
        load::shown_path(&self.root, path)
    }
}

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

/// Receives progress of the long parts of a build, in order: PDFs, document pages, versions.
pub trait Progress: Send + Sync {
    /// A part begins that has `total` steps; `label` names it for people ("PDF's"), in the
    /// message language.
    fn start(&self, label: &str, total: u64);
    /// `steps` more steps of the current part are done.
    fn advance(&self, steps: u64);
    /// The build is over (whatever its outcome).
    fn finish(&self);
}

/// A shared [`Progress`] in [`BuildOptions`].
#[derive(Clone)]
pub struct ProgressHandle(pub std::sync::Arc<dyn Progress>);

impl std::fmt::Debug for ProgressHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressHandle")
    }
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
        self.diagnostics.has_errors() || (deny_warnings && self.diagnostics.warning_count() > 0)
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
pub struct BuildState {
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
pub fn build_keeping(options: &BuildOptions) -> anyhow::Result<(BuildReport, BuildState)> {
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
    let mut diagnostics = Diagnostics::new();
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    let config = match config::load_config(&paths.config, &paths.shown(&paths.config)) {
        Ok(config) => config,
        Err(problems) => {
            diagnostics.extend(problems);
            config::Config::default()
        }
    };
    let config_end = diagnostics.len();
    let documents = load::load_documents(&paths.root, &paths.content, &mut diagnostics);
    let loaded_documents = documents.len();
    let load_end = diagnostics.len();
    lap("load", &mut timings);

    let history = history::read(&paths.content, &paths.cache.join("history"));
    lap("history", &mut timings);
    let as_of = reference_date(options.as_of, history.head.as_ref().map(|c| c.date), &documents);
    let site = resolve::resolve(config, documents, as_of, &mut diagnostics);
    let resolve_end = diagnostics.len();
    lap("resolve", &mut timings);
    let other_sources = [paths.templates.clone(), paths.config.clone()];
    let history = document_versions::attach(history, &site.documents, &paths.root, &paths.content, &other_sources);
    diagnostics.extend(history_notes(&history, paths));
    lap("versions", &mut timings);

    let templates_shown = paths.shown(&paths.templates);
    let render_start = diagnostics.len();
    let pdf_engine = if options.pdf {
        load_pdf_engine(options, &mut diagnostics)
    } else {
        None
    };
    let search_cache = paths.cache.join("search");
    let input = render::RenderInput {
        progress: options.progress.as_ref().map(|p| p.0.as_ref()),
        history: &history,
        preview: options.preview,
        pdf: pdf_engine.as_ref(),
        templates_dir: &paths.templates,
        templates_shown: &templates_shown,
        search_cache: Some(&search_cache),
    };
    let mut report = BuildReport {
        diagnostics: Diagnostics::new(),
        documents: site.documents.len(),
        stats: Default::default(),
        timings: Vec::new(),
        published: false,
    };
    // Per output folder, so a preview build (`griffie serve`) never prunes `output/`'s manifests.
    let manifests = output::manifest::folder_for(&paths.cache, &paths.output);
    // What motion versions say, for the feeds' status changes: saved only by a build.
    data::feeds::standings::load(&paths.cache.join("feeds"));
    if options.mode == Mode::Check || report_failed(&diagnostics, options) {
        let marker = std::fs::read_to_string(paths.output.join(output::write::MARKER)).unwrap_or_default();
        let published =
            output::NullOutput::knowing(output::manifest::Manifest::load(&manifests, &marker)).reading(&paths.output);
        report.stats = render::render(&site, &input, &published, &mut diagnostics);
        lap("render (check only)", &mut timings);
    } else {
        let protected = [paths.root.as_path(), paths.content.as_path(), paths.templates.as_path()];
        let staging = output::write::Staging::create(&paths.output, &protected)?;
        let made_before = output::manifest::Manifest::load(&manifests, staging.earlier_marker());
        let earlier_files = made_before.files();
        let output = output::DirOutput::reusing(staging.dir(), made_before);
        report.stats = render::render(&site, &input, &output, &mut diagnostics);
        lap("render", &mut timings);
        timings.extend(report.stats.timings.iter().map(|(part, time)| (*part, *time)));
        if !report_failed(&diagnostics, options) {
            // Without a saved manifest the next build makes everything anew: slower, not wrong.
            let mark = output::manifest::Manifest::save(&manifests, &output.manifest())
                .ok()
                .map(|id| output::manifest::marker_line(&id));
            let folders = staging.folders().map(Path::to_path_buf);
            staging.publish(&output.written(), earlier_files.as_deref(), mark.as_deref())?;
            output::manifest::Manifest::prune(&manifests, &folders.each_ref().map(PathBuf::as_path));
            report.published = true;
            if let Some(engine) = &pdf_engine {
                engine.cache().prune();
            }
            data::feeds::standings::save(&paths.cache.join("feeds"));
            lap("write", &mut timings);
        }
    }
    if let Some(progress) = &options.progress {
        progress.0.finish();
    }
    report.timings = timings;
    let items: Vec<&Diagnostic> = diagnostics.iter().collect();
    let owned = |range: &[&Diagnostic]| range.iter().map(|d| (*d).clone()).collect();
    let state = BuildState {
        config_diagnostics: owned(&items[..config_end]),
        load_diagnostics: owned(&items[config_end..load_end]),
        resolve_diagnostics: owned(&items[load_end..resolve_end]),
        render_diagnostics: owned(&items[render_start..]),
        site,
        history,
        pdf: pdf_engine,
        loaded_documents,
    };
    report.diagnostics = diagnostics;
    Ok((report, state))
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

/// Stack size of threads that run typst: its layout of a long document recurses deeply.
pub const COMPILE_STACK_SIZE: usize = 32 * 1024 * 1024;

/// The rayon workers also run typst's inner parallel work, so they get the same large stack.
/// Set once per process; if the embedding program already configured rayon, its pool is used.
fn init_thread_pool() {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(COMPILE_STACK_SIZE)
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

fn report_failed(diagnostics: &Diagnostics, options: &BuildOptions) -> bool {
    diagnostics.has_errors() || (options.deny_warnings && diagnostics.warning_count() > 0)
}

/// What the build tells about the history it could read: a note without git or with
/// uncommitted changes, a warning for a shallow clone (its early versions are missing, so
/// version numbers would change once the full history is there).
pub fn history_notes(history: &document_versions::SiteHistory, paths: &ProjectPaths) -> Vec<Diagnostic> {
    let content = paths.shown(&paths.content);
    let mut notes = Vec::new();
    match &history.history.status {
        history::Status::NoRepository { reason } => notes.push(
            Diagnostic::note("no-history", &content, crate::t!("history.none", reason = reason))
                .hint(crate::t!("history.none_hint")),
        ),
        history::Status::NoCommits => notes.push(
            Diagnostic::note("no-history", &content, crate::t!("history.no_commits"))
                .hint(crate::t!("history.no_commits_hint")),
        ),
        history::Status::Read { shallow } => {
            if *shallow {
                notes.push(
                    Diagnostic::warning("shallow-history", &content, crate::t!("history.shallow"))
                        .hint(crate::t!("history.shallow_hint")),
                );
            }
            if history.uncommitted {
                notes.push(
                    Diagnostic::note("uncommitted", &content, crate::t!("history.uncommitted"))
                        .hint(crate::t!("history.uncommitted_hint")),
                );
            }
        }
    }
    notes
}

/// The day "overdue" is measured against; see [`BuildOptions::as_of`].
pub fn reference_date(explicit: Option<Date>, head: Option<Date>, documents: &[model::Document]) -> Date {
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
