//! A preview session: the site kept in memory between saves, so an edit re-renders only the
//! pages it touches.
//!
//! The first round, and any change that can move more than a few pages, is a full
//! [`crate::build`]: a template or the configuration changed, a file was added, deleted or
//! renamed, an id changed, `HEAD` moved, a PDF appeared or vanished. An edit of existing
//! documents takes the short way instead:
//! 1. only the changed files are read again;
//! 2. the corpus is resolved again as a whole (ids, links, back-links, motion states), which
//!    takes milliseconds;
//! 3. only the edited documents are compared with `HEAD` again (drafts);
//! 4. [`affected`](super::affected) compares fingerprints with those of the pages on disk and
//!    picks the pages to make again;
//! 5. they are rendered in memory and written only if the round has no errors, so the last
//!    good pages stay. The data files follow after the browser has been told to reload.
//!
//! A round's diagnostics are the same set a build would report. Load problems are kept per
//! file and resolve problems are found anew each round. Render problems are kept per document
//! and replaced when its page is made again. One exception: while an edited file cannot be
//! read at all (broken YAML), the round reports its load errors with the previous round's
//! resolve and render findings. It does not report the "unknown id" errors that a build
//! without that document would add in every file linking to it.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::affected::Fingerprints;
use crate::build::BuildOptions;
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::document_versions::SiteHistory;
use crate::output::{DirOutput, MemoryOutput, Output};
use crate::render::incremental::{self as render, chrome, Pages, RenderInput, Selection};
use crate::resolve::Site;
use crate::source::SourceKind;
use crate::stopwatch::Stopwatch;

/// How a round went.
pub struct Round {
    pub diagnostics: Diagnostics,
    pub documents: usize,
    pub failed: bool,
    /// `None`: a full build; `Some(n)`: n pages (and their PDFs) were made again.
    pub pages: Option<usize>,
    /// The files the round wrote, relative to the preview folder with `/` separators (`None`:
    /// any file, after a full build): the open pages that must reload.
    pub written: Option<BTreeSet<String>>,
    pub took: Duration,
    /// The environment failed (the preview folder can't be written): the message.
    pub fatal: Option<String>,
    /// Each step with the time it took (a partial round's; a full build's are its stages).
    pub timings: Vec<(&'static str, Duration)>,
}

/// The state between rounds; `live` is `None` until a full build has published.
pub struct Session {
    options: BuildOptions,
    live: Option<Live>,
    /// Data files (`api/`) of the last round are still to be written.
    data_pending: bool,
    /// The hash of each data file as this session last wrote it (empty after a full build,
    /// which wrote them itself).
    data_written: HashMap<String, blake3::Hash>,
    /// Positions of the documents whose pages and PDFs the last round left for after the
    /// reload: those related to the edited ones, when PDFs are made.
    later: Vec<usize>,
    /// Makes the preview's search index after the reload.
    indexer: super::index::Indexer,
    /// Print each round's step times.
    pub show_timings: bool,
}

/// The site whose pages are in the preview folder, and the current sources.
struct Live {
    /// The site as the current sources make it (possibly with errors).
    site: Site,
    history: SiteHistory,
    pdf: Option<crate::pdf::PdfEngine>,
    tera: tera::Tera,
    /// `HEAD` when the history was read; a different one means a full build.
    head: Option<String>,
    config_diagnostics: Vec<Diagnostic>,
    /// Per source file (as shown): what reading it found.
    load_diagnostics: HashMap<PathBuf, Vec<Diagnostic>>,
    resolve_diagnostics: Vec<Diagnostic>,
    /// Per document id: what rendering its page and PDF found.
    render_by_document: HashMap<String, Vec<Diagnostic>>,
    /// What rendering the other pages, or loading templates, found.
    render_other: Vec<Diagnostic>,
    /// Fingerprints of the site whose pages are on disk.
    on_disk: Fingerprints,
    /// Fingerprints of `site` (the current sources; differs from `on_disk` after a failed round).
    current: Fingerprints,
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            live: None,
            data_pending: false,
            data_written: HashMap::new(),
            later: Vec::new(),
            indexer: Default::default(),
            show_timings: false,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// A full build, after which edits can take the short way.
    pub fn full(&mut self) -> Round {
        let started = Stopwatch::start();
        self.live = None;
        self.data_pending = false;
        self.data_written.clear();
        self.later.clear();
        // The build writes its own index; an older one must not land in its folder.
        self.indexer.cancel();
        let (report, state) = match crate::build::build_keeping(&self.options) {
            Ok(result) => result,
            Err(err) => {
                return Round {
                    diagnostics: Diagnostics::new(),
                    documents: 0,
                    failed: true,
                    pages: None,
                    written: None,
                    took: started.elapsed(),
                    fatal: Some(format!("{err:#}")),
                    timings: Vec::new(),
                }
            }
        };
        let failed = report.failed(self.options.deny_warnings);
        if report.published {
            self.live = Live::from_build(state, &self.options);
        } else {
            // The folder holds an earlier build's pages, which no fingerprint describes.
            std::thread::spawn(move || drop(state));
        }
        Round {
            timings: report.timings.clone(),
            diagnostics: report.diagnostics,
            documents: report.documents,
            failed,
            pages: None,
            written: None,
            took: started.elapsed(),
            fatal: None,
        }
    }

    /// Forgets the site kept between rounds, so the next round is a full build: after a round
    /// that panicked, the state it left behind can't be trusted.
    pub fn forget(&mut self) {
        self.live = None;
        self.data_pending = false;
        self.later.clear();
    }

    /// Brings the preview up to date after `changed` (absolute paths) changed on disk.
    pub fn update(&mut self, changed: &BTreeSet<PathBuf>) -> Round {
        match self.try_partial(changed) {
            Some(round) => round,
            None => self.full(),
        }
    }

    /// Writes the data files a partial round left for after the reload (they don't show in any
    /// page, and `api/documents.json` is the slowest of them), and hands the search index to
    /// the background worker ([`super::index`]): the next round need not wait for Pagefind.
    pub fn write_data(&mut self) -> Vec<Diagnostic> {
        self.write_data_unless(&|| false)
            .expect("data files that are never stopped are written")
    }

    /// [`Session::write_data`], unless `stop` says so before the files are made: then `None`,
    /// nothing is written, and the files stay pending for the next call.
    pub fn write_data_unless(&mut self, stop: &(dyn Fn() -> bool + Sync)) -> Option<Vec<Diagnostic>> {
        let (true, Some(live)) = (self.data_pending, &self.live) else {
            return Some(Vec::new());
        };
        let files = crate::data::data_files_unless(&live.site, &live.history, stop)?;
        self.data_pending = false;
        let paths = &self.options.paths;
        // Most of them (a feed per motion, the sitemap) are the same as last time: only the
        // changed ones are written, which saves thousands of writes per save on a large site.
        let folder = DirOutput::new(&paths.output);
        let mut problems = Vec::new();
        for (path, bytes) in files {
            let hash = blake3::hash(&bytes);
            let unchanged = match self.data_written.get(&path) {
                Some(written) => *written == hash,
                // Not written by this session yet: the full build before it may have.
                None => std::fs::read(paths.output.join(&path)).is_ok_and(|on_disk| on_disk == bytes),
            };
            if unchanged {
                self.data_written.insert(path, hash);
                continue;
            }
            match folder.write(&path, &bytes) {
                Ok(()) => {
                    self.data_written.insert(path, hash);
                }
                Err(err) => problems.push(Diagnostic::error(
                    Code::Write,
                    Path::new(&path),
                    crate::t!("serve.cannot_write", path = path, error = err),
                )),
            }
        }
        self.indexer.submit(super::index::Job {
            shards: crate::search::shards(&live.site),
            language: crate::search::CONTENT_LANGUAGE.to_string(),
            output: paths.output.clone(),
            cache: paths.cache.join("search"),
        });
        Some(problems)
    }

    /// Waits until the search index of the last round is in the preview folder.
    pub fn wait_for_index(&self) {
        self.indexer.wait();
    }

    /// The short way, or `None` when the change needs a full build.
    fn try_partial(&mut self, changed: &BTreeSet<PathBuf>) -> Option<Round> {
        let mut clock = Stopwatch::start();
        let paths = &self.options.paths;
        let live = self.live.as_mut()?;
        if crate::history::head_id(&paths.content) != live.head {
            return None;
        }
        let edits = live.read_edits(changed, paths)?;
        if edits.is_empty() {
            return Some(self.quiet_round(&clock));
        }
        let options = &self.options;
        let live = self.live.as_mut()?;
        if !live.note_reads(&edits) {
            // Keep the last readable version in the site; report what reading found.
            return Some(Round::unwritten(
                live.diagnostics(paths),
                live.site.documents.len(),
                clock.elapsed(),
            ));
        }
        clock.lap("read");
        let (edited, touched) = live.apply_edits(edits, options)?;
        let templates_shown = paths.shown(&paths.templates);
        let input = preview_input(options, &live.history, live.pdf.as_ref(), &templates_shown);
        clock.lap("resolve");
        let now = live
            .current
            .updated(&live.site, &live.history, chrome(&live.site, &input), &touched);
        let selection = live
            .on_disk
            .selection(&now, &live.site)
            .unwrap_or_else(|| everything(&live.site));
        clock.lap("pages to make");
        let (first, later) = split_off_later(selection, &edited, live.pdf.is_some());
        let memory = MemoryOutput::new();
        let rendered = live.render_edits(&templates_shown, &memory, &first, &later, options)?;
        clock.lap("render");
        Some(self.write_partial(memory, now, later, rendered, clock))
    }

    /// Writes a partial round's pages into the preview folder, unless the round failed, and
    /// makes the round's report.
    fn write_partial(
        &mut self,
        memory: MemoryOutput,
        now: Fingerprints,
        later: Vec<usize>,
        rendered: RenderedEdits,
        mut clock: Stopwatch,
    ) -> Round {
        let live = self.live.as_mut().expect("a partial round has a live session");
        let mut written = BTreeSet::new();
        if !rendered.failed {
            if let Err(fatal) = write_all(memory, &self.options.paths.output, &mut written) {
                let documents = live.site.documents.len();
                self.live = None;
                return Round {
                    fatal: Some(fatal),
                    written: Some(written),
                    ..Round::unwritten(rendered.diagnostics, documents, clock.elapsed())
                };
            }
            live.on_disk = now.clone();
            self.data_pending = true;
            self.later = later;
            clock.lap("write");
        }
        live.current = now;
        Round {
            documents: live.site.documents.len(),
            diagnostics: rendered.diagnostics,
            failed: rendered.failed,
            pages: Some(rendered.pages),
            written: Some(written),
            took: clock.elapsed(),
            fatal: None,
            timings: clock.into_laps(),
        }
    }

    /// Makes what the last round left for after the reload: the pages and PDFs of the documents
    /// related to the edited ones. `None` when there was nothing left. Should they fail (a
    /// related document's PDF no longer compiles), or a PDF appear or go, a full build follows,
    /// which reports the whole site as it is.
    pub fn finish_later(&mut self) -> Option<Round> {
        if self.later.is_empty() {
            return None;
        }
        let later = std::mem::take(&mut self.later);
        let mut clock = Stopwatch::start();
        let options = &self.options;
        let paths = &options.paths;
        let live = self.live.as_mut()?;
        let templates_shown = paths.shown(&paths.templates);
        let input = preview_input(options, &live.history, live.pdf.as_ref(), &templates_shown);
        let documents = live.site.documents.len();
        let memory = MemoryOutput::new();
        let rendered = render::render_documents(&live.site, &input, &memory, &later, &live.tera);
        if !record_renders(&live.site, &mut live.render_by_document, &rendered, paths) {
            return Some(self.full());
        }
        let diagnostics = live.diagnostics(paths);
        if diagnostics.fails_run(options.deny_warnings) {
            return Some(self.full());
        }
        let mut written = BTreeSet::new();
        let fatal = write_all(memory, &paths.output, &mut written).err();
        if fatal.is_some() {
            self.live = None;
        }
        clock.lap("render after the reload");
        Some(Round {
            failed: fatal.is_some(),
            fatal,
            documents,
            diagnostics,
            pages: Some(rendered.pages),
            written: Some(written),
            took: clock.elapsed(),
            timings: clock.into_laps(),
        })
    }

    /// A change that touched no document (an editor's temporary file): same report as before.
    fn quiet_round(&self, started: &Stopwatch) -> Round {
        let live = self.live.as_ref();
        let diagnostics = live.map(|l| l.diagnostics(&self.options.paths)).unwrap_or_default();
        Round {
            failed: diagnostics.fails_run(self.options.deny_warnings),
            documents: live.map_or(0, |l| l.site.documents.len()),
            diagnostics,
            pages: Some(0),
            written: Some(BTreeSet::new()),
            took: started.elapsed(),
            fatal: None,
            timings: Vec::new(),
        }
    }
}

impl Live {
    /// The session state after a published full build; `None` if the templates can't be
    /// loaded again or a document was dropped (duplicate id): then every round is full.
    fn from_build(state: crate::build::BuildState, options: &BuildOptions) -> Option<Live> {
        let paths = &options.paths;
        if state.loaded_documents != state.site.documents.len() {
            return None;
        }
        let tera = render::load_templates(
            &paths.templates,
            &paths.shown(&paths.templates),
            state.site.config.lang(),
        )
        .ok()?;
        let mut load_diagnostics: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
        for diagnostic in state.load_diagnostics {
            load_diagnostics
                .entry(diagnostic.path.clone())
                .or_default()
                .push(diagnostic);
        }
        let ids_by_path: HashMap<&Path, &str> = state
            .site
            .documents
            .iter()
            .map(|d| (d.source.path.as_path(), d.id.as_str()))
            .collect();
        let mut render_by_document: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        let mut render_other = Vec::new();
        for diagnostic in state.render_diagnostics {
            match ids_by_path.get(diagnostic.path.as_path()) {
                Some(id) => render_by_document.entry(id.to_string()).or_default().push(diagnostic),
                None => render_other.push(diagnostic),
            }
        }
        let templates_shown = paths.shown(&paths.templates);
        let input = preview_input(options, &state.history, None, &templates_shown);
        let on_disk = Fingerprints::of(&state.site, &state.history, chrome(&state.site, &input));
        let current = on_disk.clone();
        let head = crate::history::head_id(&paths.content);
        if head.as_deref() != state.history.history.head.as_ref().map(|c| c.id.as_str()) {
            return None; // a commit landed during the build
        }
        Some(Live {
            site: state.site,
            history: state.history,
            pdf: state.pdf,
            tera,
            head,
            config_diagnostics: state.config_diagnostics,
            load_diagnostics,
            resolve_diagnostics: state.resolve_diagnostics,
            render_by_document,
            render_other,
            on_disk,
            current,
        })
    }

    /// Everything the current sources give, as a build would report it.
    fn diagnostics(&self, paths: &crate::paths::ProjectPaths) -> Diagnostics {
        let mut all = Diagnostics::new();
        all.extend(self.config_diagnostics.iter().cloned());
        all.extend(self.load_diagnostics.values().flatten().cloned());
        all.extend(self.resolve_diagnostics.iter().cloned());
        all.extend(crate::build::history_notes(&self.history, paths));
        all.extend(self.render_by_document.values().flatten().cloned());
        all.extend(self.render_other.iter().cloned());
        all
    }

    /// The changed files read again, each as the edit of a current document; `None` when the
    /// change is more than that (a file of no current document, a changed id, a file that is no
    /// longer a regular one): a full build. Files the loader ignores are left out.
    fn read_edits(&self, changed: &BTreeSet<PathBuf>, paths: &crate::paths::ProjectPaths) -> Option<Vec<Edit>> {
        let positions: HashMap<&Path, usize> = self
            .site
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.source.path.as_path(), i))
            .collect();
        let mut edits = Vec::new();
        for path in changed {
            if !path.starts_with(&paths.content) {
                return None;
            }
            let shown = paths.shown(path);
            if is_ignored(&paths.content, path) {
                continue;
            }
            let Some(&position) = positions.get(shown.as_path()) else {
                if !path.exists() && !self.load_diagnostics.contains_key(&shown) {
                    continue; // a temporary file that came and went
                }
                return None;
            };
            let kind = SourceKind::of(path)?;
            // No longer a regular file (now a symbolic link, a FIFO, a device) or unreadable: a
            // full build skips or reports it as `load` does, and never waits on a FIFO.
            let bytes = crate::regular_file::read(path).ok()?;
            let (document, found) = crate::load::read_bytes(&shown, bytes, kind);
            if document
                .as_ref()
                .is_some_and(|d| d.id != self.site.documents[position].id)
            {
                return None;
            }
            edits.push(Edit {
                position,
                document,
                found,
            });
        }
        Some(edits)
    }

    /// Keeps what reading each edited file found; `false` when one could not be read as a
    /// document at all.
    fn note_reads(&mut self, edits: &[Edit]) -> bool {
        for edit in edits {
            let shown = self.site.documents[edit.position].source.path.clone();
            self.load_diagnostics.insert(shown, edit.found.clone());
        }
        edits.iter().all(|edit| edit.document.is_some())
    }

    /// Puts the edited documents into the site and resolves it again. Returns the edited
    /// positions and those whose fingerprints can have changed: the edited documents, those
    /// related to them before or after, and every motion when the day "overdue" is measured
    /// against moved. `None` when a duplicate id dropped a document (positions moved).
    fn apply_edits(&mut self, edits: Vec<Edit>, options: &BuildOptions) -> Option<(Vec<usize>, BTreeSet<usize>)> {
        let count = self.site.documents.len();
        let mut documents = std::mem::take(&mut self.site.documents);
        let mut edited = Vec::new();
        for edit in edits {
            if let Some(document) = edit.document {
                documents[edit.position] = document;
                edited.push(edit.position);
            }
        }
        let head_date = self.history.history.head.as_ref().map(|c| c.date);
        let as_of = crate::build::reference_date(options.as_of, head_date, &documents);
        let mut resolved = Diagnostics::new();
        let as_of_before = self.site.as_of;
        let site = crate::resolve::resolve(self.site.config.clone(), documents, as_of, &mut resolved);
        if site.documents.len() != count {
            return None;
        }
        let mut touched: BTreeSet<usize> = BTreeSet::new();
        for &position in &edited {
            touched.insert(position);
            touched.extend(self.current.neighbours(&site.documents[position].id, &site));
            touched.extend(site.index.links[position].all().into_iter().flatten().copied());
        }
        if site.as_of != as_of_before {
            touched.extend((0..site.documents.len()).filter(|&p| site.index.motions[p].is_some()));
        }
        self.site = site;
        self.resolve_diagnostics = resolved.iter().cloned().collect();
        let paths = &options.paths;
        crate::document_versions::redraft(
            &mut self.history,
            &self.site.documents,
            &edited,
            &paths.root,
            &paths.content,
        );
        Some((edited, touched))
    }

    /// Renders the pages of `first` into `memory`, and what the whole round finds. When the
    /// round fails, the `later` documents are rendered too (into nothing), so the report holds
    /// all the round's problems. `None` when a document gained or lost its PDF (a full build).
    fn render_edits(
        &mut self,
        templates_shown: &Path,
        memory: &MemoryOutput,
        first: &Selection,
        later: &[usize],
        options: &BuildOptions,
    ) -> Option<RenderedEdits> {
        let paths = &options.paths;
        let input = &preview_input(options, &self.history, self.pdf.as_ref(), templates_shown);
        let rendered = render::render_selected(&self.site, input, memory, first, &self.tera);
        if !record_renders(&self.site, &mut self.render_by_document, &rendered, paths) {
            return None;
        }
        let mut diagnostics = self.diagnostics(paths);
        diagnostics.extend(rendered.other.iter().cloned());
        let failed = |d: &Diagnostics| d.fails_run(options.deny_warnings);
        if failed(&diagnostics) && !later.is_empty() {
            let rendered_later = render::render_documents(&self.site, input, &MemoryOutput::new(), later, &self.tera);
            if !record_renders(&self.site, &mut self.render_by_document, &rendered_later, paths) {
                return None;
            }
            diagnostics = self.diagnostics(paths);
            diagnostics.extend(rendered.other.iter().cloned());
        }
        Some(RenderedEdits {
            failed: failed(&diagnostics),
            diagnostics,
            pages: rendered.pages,
        })
    }
}

/// One edited source file, read again.
struct Edit {
    /// The document's position in the site.
    position: usize,
    /// `None`: the file could not be read as a document.
    document: Option<crate::model::Document>,
    found: Vec<Diagnostic>,
}

/// What rendering a partial round's pages found.
struct RenderedEdits {
    diagnostics: Diagnostics,
    failed: bool,
    /// How many pages were made.
    pages: usize,
}

impl Round {
    /// A round that wrote nothing: what it found, for `documents` documents.
    fn unwritten(diagnostics: Diagnostics, documents: usize, took: Duration) -> Round {
        Round {
            failed: true,
            documents,
            diagnostics,
            pages: Some(0),
            written: Some(BTreeSet::new()),
            took,
            fatal: None,
            timings: Vec::new(),
        }
    }
}

/// `selection` split in what is made before the reload and the documents left for after it.
/// With PDFs, the documents related to the edited ones (a title in their lists of relations,
/// in their PDF too) follow after the reload: typst is the slow part.
fn split_off_later(selection: Selection, edited: &[usize], pdfs: bool) -> (Selection, Vec<usize>) {
    let later: Vec<usize> = match pdfs {
        true => selection
            .documents
            .iter()
            .copied()
            .filter(|p| !edited.contains(p))
            .collect(),
        false => Vec::new(),
    };
    let first = Selection {
        documents: selection
            .documents
            .iter()
            .copied()
            .filter(|p| !later.contains(p))
            .collect(),
        ..selection
    };
    (first, later)
}

/// Records in `by_document` the problems of each document `rendered` made; `false` when one
/// gained or lost its PDF, which changes the folder's file list (a full build's job).
fn record_renders(
    site: &Site,
    by_document: &mut HashMap<String, Vec<Diagnostic>>,
    rendered: &render::PartialRender,
    paths: &crate::paths::ProjectPaths,
) -> bool {
    for (position, found, has_pdf) in &rendered.documents {
        let id = &site.documents[*position].id;
        let on_disk = paths.output.join(crate::urls::file(&crate::urls::pdf(id))).is_file();
        if *has_pdf != on_disk {
            return false;
        }
        by_document.insert(id.clone(), found.clone());
    }
    true
}

/// Writes the files of `memory` into `folder`, noting each in `written`; the message of the
/// first write that fails.
fn write_all(memory: MemoryOutput, folder: &Path, written: &mut BTreeSet<String>) -> Result<(), String> {
    let output = DirOutput::new(folder);
    for (path, bytes) in memory.files() {
        output
            .write(&path, &bytes)
            .map_err(|err| crate::t!("serve.cannot_write", path = path, error = err))?;
        written.insert(path.to_string());
    }
    Ok(())
}

/// What a preview round renders with: no progress bar, and no search index (made after the
/// reload, see `serve::index`).
fn preview_input<'a>(
    options: &'a BuildOptions,
    history: &'a SiteHistory,
    pdf: Option<&'a crate::pdf::PdfEngine>,
    templates_shown: &'a Path,
) -> RenderInput<'a> {
    RenderInput {
        progress: None,
        history,
        preview: options.preview,
        pdf,
        templates_dir: &options.paths.templates,
        templates_shown,
        search_cache: None,
    }
}

/// Every current page (not the versions).
fn everything(site: &Site) -> Selection {
    Selection {
        documents: (0..site.documents.len()).collect(),
        type_pages: site.index.by_type.keys().map(|&t| (t, Pages::All)).collect(),
        topic_pages: site.index.by_topic.keys().map(|t| (t.clone(), Pages::All)).collect(),
        motions: Pages::All,
        parties: true,
    }
}

/// Files the loader skips: a hidden or `_` name anywhere below the content folder.
fn is_ignored(content: &Path, path: &Path) -> bool {
    path.strip_prefix(content).is_ok_and(|relative| {
        relative.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|n| n.starts_with('.') || n.starts_with('_'))
        })
    })
}
