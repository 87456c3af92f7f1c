//! Stage 3, `render`: from the resolved site to files, written to an [`Output`].
//!
//! Order: templates are loaded once; document bodies and pages are rendered in parallel; list
//! pages, the motion overview, the data files (JSON, feeds, calendar, spreadsheet, sitemap) and
//! static assets follow. Problems (a template error, an image without alt text) are collected
//! as diagnostics like any other.

pub(crate) mod incremental;
pub(crate) mod links;
pub(crate) mod page_context;
pub(crate) mod pages;
pub(crate) mod party_pages;
pub(crate) mod statement;
pub(crate) mod templates;
pub(crate) mod version_refs;
pub(crate) mod versions;

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::resolve::Site;
use crate::stopwatch::Stopwatch;
use crate::view::{self, Views};
use crate::{data, markdown, search};
use pages::Page;

/// What `render` needs besides the site.
pub(crate) struct RenderInput<'a> {
    /// Told how far rendering is, for a progress bar.
    pub progress: Option<&'a dyn crate::progress::Progress>,
    /// Versions of every document, deleted documents, the build stamp.
    pub history: &'a crate::document_versions::SiteHistory,
    /// A `griffie serve` preview (the footer says so).
    pub preview: bool,
    /// Makes the PDF briefs; `None` when PDFs are switched off.
    pub pdf: Option<&'a crate::pdf::PdfEngine>,
    pub templates_dir: &'a Path,
    /// The templates folder as shown in diagnostics.
    pub templates_shown: &'a Path,
    /// Where made search indexes are kept (`.griffie-cache/search/`); `None`: made every time.
    pub search_cache: Option<&'a Path>,
}

/// How much was rendered, for the build summary.
#[derive(Debug, Default, Clone)]
pub struct RenderStats {
    pub pages: usize,
    pub files: usize,
    /// Version pages kept from the previous build (unchanged, not rendered again).
    pub kept: usize,
    /// PDFs published (made, taken from the cache, or kept), versions included.
    pub pdfs: usize,
    /// Each part of rendering with the time it took, in order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Renders the whole site into `output`.
pub(crate) fn render(
    site: &Site,
    input: &RenderInput,
    output: &dyn Output,
    diagnostics: &mut Diagnostics,
) -> RenderStats {
    let tera = match templates::load_templates(input.templates_dir, input.templates_shown, site.config.lang()) {
        Ok(tera) => tera,
        Err(problems) => {
            diagnostics.extend(problems);
            return RenderStats::default();
        }
    };
    let mut clock = Stopwatch::start();
    // Beside everything else: it needs only the resolved site.
    let search_index = search::IndexBuild::start(site, output, input.search_cache);
    let history = input.history;
    let views = Views::new(site);
    let site_view = pages::site_view(
        &views,
        view::history::StampView::of_build(history, input.preview, views.lang),
    );
    // Everything below writes through the link check, which reads every HTML file it passes on.
    let link_check = links::LinkCheck::new(output, &site.config.base_url, &views.base_path);
    let output: &dyn Output = &link_check;
    let templates_fingerprint = page_context::templates_fingerprint(input.templates_dir);
    let renderer = Renderer {
        tera: &tera,
        output,
        templates: Some(&templates_fingerprint),
        links: Some(&link_check),
        templates_shown: input.templates_shown,
    };
    let full = FullRender {
        site,
        input,
        views: &views,
        site_view: &site_view,
        renderer: &renderer,
        subjects: versions::subjects(site, history),
        chrome: versions::chrome_fingerprint(site, &site_view, &templates_fingerprint),
        fingerprint: versions::site_fingerprint(site, &site_view, &templates_fingerprint),
    };

    let (mut stats, version_pdfs) = full.documents(diagnostics);
    clock.lap("render: PDFs and documents");
    full.versions(&version_pdfs, &mut stats, diagnostics);
    clock.lap("render: versions");
    full.lists(&mut stats, diagnostics);
    clock.lap("render: lists");
    full.data(&mut stats, diagnostics);
    clock.lap("render: data");

    let (found, files) = search_index.finish(output);
    diagnostics.extend(found);
    stats.files += files;
    clock.lap("render: search index (rest)");

    diagnostics.extend(link_check.report(site, input.templates_dir, input.templates_shown));
    clock.lap("render: link check");
    stats.timings = clock.into_laps();
    stats
}

/// What [`FullRender::pdfs`] makes: per document its PDF's link data and problems; per subject
/// the PDFs of its versions.
type AllPdfs = (
    Vec<(Option<view::PdfView>, Vec<Diagnostic>)>,
    Vec<Vec<Option<view::PdfView>>>,
);

/// What the parts of a full [`render`] share: the site and its views, the renderer (writing
/// through the link check), and the documents whose versions get pages.
struct FullRender<'a> {
    site: &'a Site,
    input: &'a RenderInput<'a>,
    views: &'a Views<'a>,
    site_view: &'a pages::SiteView,
    renderer: &'a Renderer<'a>,
    subjects: Vec<versions::Subject<'a>>,
    /// What every version page depends on besides its sources and what they refer to.
    chrome: Vec<u8>,
    /// What every version PDF depends on besides its own sources.
    fingerprint: Vec<u8>,
}

impl FullRender<'_> {
    /// Starts a part of the progress bar.
    fn start(&self, label: &str, total: usize) {
        if let Some(p) = self.input.progress {
            p.start(label, total as u64);
        }
    }

    /// One more document or subject done.
    fn step(&self) {
        if let Some(p) = self.input.progress {
            p.advance(1);
        }
    }

    /// The PDFs, then the document pages in parallel: the first counts of the build, and the
    /// version PDFs for [`FullRender::versions`].
    fn documents(&self, diagnostics: &mut Diagnostics) -> (RenderStats, Vec<Vec<Option<view::PdfView>>>) {
        let (pdfs, version_pdfs) = self.pdfs();
        let site = self.site;
        self.start(&crate::t!("progress.pages"), site.documents.len() + self.subjects.len());
        let document_results: Vec<(Vec<Diagnostic>, usize)> = (0..site.documents.len())
            .into_par_iter()
            .map(|position| {
                let pdf = pdfs.get(position).cloned().unwrap_or_default();
                let path = &site.documents[position].source.path;
                let result = crate::diagnostics::catch_panic(path, || {
                    let history = self.input.history;
                    render_document(site, position, pdf, self.views, self.site_view, self.renderer, history)
                })
                .unwrap_or_else(|problem| (vec![*problem], 0));
                self.step();
                result
            })
            .collect();
        let stats = RenderStats {
            pages: site.documents.len(),
            files: document_results.iter().map(|(_, files)| files).sum(),
            kept: 0,
            pdfs: pdfs.iter().filter(|(pdf, _)| pdf.is_some()).count()
                + version_pdfs.iter().flatten().flatten().count(),
            timings: Vec::new(),
        };
        diagnostics.extend(document_results.into_iter().flat_map(|(found, _)| found));
        (stats, version_pdfs)
    }

    /// The PDFs of every document and every version, when there is an engine (none otherwise).
    fn pdfs(&self) -> AllPdfs {
        let Some(engine) = self.input.pdf else {
            return (Vec::new(), Vec::new());
        };
        self.start(
            &crate::t!("progress.pdfs"),
            self.site.documents.len() + self.subjects.len(),
        );
        let step = || self.step();
        let (output, history) = (self.renderer.output, self.input.history);
        let documents = make_pdfs(self.site, engine, self.renderer, self.views, &step);
        let keys = versions::VersionPdfKeys::new(self.site, &self.chrome, &self.fingerprint);
        let versions = make_version_pdfs(
            &self.subjects,
            history,
            engine,
            output,
            self.views,
            &keys,
            &documents,
            &step,
        );
        (documents, versions)
    }

    /// The version pages, in parallel; those the output holds already are kept, not made again.
    fn versions(
        &self,
        version_pdfs: &[Vec<Option<view::PdfView>>],
        stats: &mut RenderStats,
        diagnostics: &mut Diagnostics,
    ) {
        let all_versions = versions::AllVersions {
            subjects: &self.subjects,
            pdfs: version_pdfs,
            history: self.input.history,
            views: self.views,
            site_view: self.site_view,
            output: self.renderer.output,
            links: self.renderer.links,
            chrome: &self.chrome,
            fingerprint: &self.fingerprint,
        };
        let version_results: Vec<(Vec<Diagnostic>, usize, usize)> = all_versions
            .pages()
            .map(|work| {
                self.step();
                let found = work
                    .pages
                    .iter()
                    .filter_map(|(page, key)| self.renderer.render_keyed(page, key))
                    .collect();
                (found, work.pages.len(), work.kept)
            })
            .collect();
        let made: usize = version_results.iter().map(|(_, made, _)| made).sum();
        stats.kept = version_results.iter().map(|(_, _, kept)| kept).sum();
        stats.pages += made + stats.kept;
        stats.files += made + stats.kept + version_pdfs.iter().flatten().flatten().count();
        diagnostics.extend(version_results.into_iter().flat_map(|(found, _, _)| found));
    }

    /// The list and dossier pages, the motievolglijst, the fixed pages (home, 404, API, search,
    /// accessibility statement) and the tombstones of deleted documents.
    fn lists(&self, stats: &mut RenderStats, diagnostics: &mut Diagnostics) {
        let (views, site_view, history) = (self.views, self.site_view, self.input.history);
        let mut other_pages: Vec<Page> = pages::type_pages(views, site_view, |_, _| true);
        other_pages.extend(pages::dossier_pages(views, site_view, |_, _| true));
        other_pages.extend(pages::motions_pages(views, site_view, |_| true));
        other_pages.extend(party_pages::party_pages(views, site_view, |_, _| true));
        other_pages.push(pages::home_page(views, site_view));
        other_pages.push(pages::not_found_page(views, site_view));
        other_pages.push(pages::api_page(views, site_view));
        other_pages.push(pages::search_page(views, site_view));
        match statement::accessibility_page(views, site_view) {
            Some(page) => other_pages.push(page),
            None => diagnostics.push(no_statement_note(self.input)),
        }
        other_pages.extend(
            history
                .tombstones
                .iter()
                .map(|stone| versions::deleted_page(stone, history, views, site_view)),
        );
        let page_results: Vec<Option<Diagnostic>> = other_pages.par_iter().map(|p| self.renderer.render(p)).collect();
        diagnostics.extend(page_results.into_iter().flatten());
        stats.pages += other_pages.len();
        stats.files += other_pages.len();
    }

    /// The site-wide data files, the front-matter schemas and the static assets.
    fn data(&self, stats: &mut RenderStats, diagnostics: &mut Diagnostics) {
        let output = self.renderer.output;
        let (data_problems, data_files) = data::write_data_files(self.site, self.input.history, output);
        diagnostics.extend(data_problems);
        stats.files += data_files + self.renderer.write_schemas(diagnostics);
        stats.files += copy_static(self.input, output, diagnostics);
    }
}

/// The page of document `position` (a tombstone when it is withdrawn), given its PDF (link and
/// problems): its problems and the number of files it adds to the output.
pub(super) fn render_document(
    site: &Site,
    position: usize,
    (pdf, pdf_problems): (Option<view::PdfView>, Vec<Diagnostic>),
    views: &Views,
    site_view: &pages::SiteView,
    renderer: &Renderer,
    history: &crate::document_versions::SiteHistory,
) -> (Vec<Diagnostic>, usize) {
    let doc = &site.documents[position];
    if let Some(withdrawal) = &doc.withdrawn {
        let page = versions::withdrawn_page(&doc.id, None, withdrawal, views, site_view);
        return (renderer.render(&page).into_iter().collect(), 1);
    }
    let body = markdown::render_body(site, position);
    let mut found = body.diagnostics.clone();
    found.extend(pdf_problems);
    let files = 1 + usize::from(pdf.is_some());
    let doc_history = view::history::HistoryView::new(&doc.id, &history.documents[position], history, views);
    let page = pages::document_page(views, site_view, position, &body, pdf, doc_history);
    found.extend(renderer.render(&page));
    (found, files)
}

/// The PDF of document `position` written to the output, with its link data and problems;
/// nothing for a document without text or a withdrawn one.
pub(super) fn make_pdf(
    site: &Site,
    engine: &crate::pdf::PdfEngine,
    renderer: &Renderer,
    views: &Views,
    position: usize,
) -> (Option<view::PdfView>, Vec<Diagnostic>) {
    let doc = &site.documents[position];
    if doc.body().is_none() || doc.withdrawn.is_some() {
        return Default::default();
    }
    let tree = markdown::body_tree(site, position);
    let subject = view::pdf_data::PdfOf {
        site,
        doc,
        position: Some(position),
        body: &tree,
    };
    let path = crate::urls::file(&crate::urls::pdf(&doc.id));
    let job = engine.job(&subject);
    // The output holds the PDF of these very inputs already: kept, neither read nor written.
    if let Some(meta) = renderer.output.reuse(&path, &job.key) {
        if let Some((pages, size)) = kept_pdf_facts(&meta) {
            engine.cache().keep(&job.key);
            return (Some(view::PdfView::of_size(views, &path, pages, size)), Vec::new());
        }
    }
    match engine.make_job(&subject, job) {
        Ok(pdf) => {
            let meta = format!("{} {}", pdf.pages, pdf.bytes.len());
            let problems: Vec<Diagnostic> = renderer
                .write_keyed_file(&path, &pdf.bytes, &pdf.cache_key, &meta)
                .into_iter()
                .collect();
            let link = problems.is_empty().then(|| view::PdfView::new(views, &doc.id, &pdf));
            (link, problems)
        }
        Err(problems) => (None, problems),
    }
}

/// The page count and size a kept PDF's manifest entry records ("pages bytes").
fn kept_pdf_facts(meta: &str) -> Option<(usize, usize)> {
    let mut fields = meta.split(' ').map(str::parse::<usize>);
    Some((fields.next()?.ok()?, fields.next()?.ok()?))
}

/// The PDF of every document with text, written to the output; per document its link data and
/// problems.
///
/// Not a rayon `par_iter`: typst parallelises inside each compilation with rayon, and a rayon
/// worker waiting for that inner work steals other documents' compilations, so dozens ran nested
/// on one stack (stack overflows, 1.2 GB for 1,000 letters). Plain threads, one per core, each
/// compile one document at a time; typst's inner work runs on the rayon pool.
fn make_pdfs(
    site: &Site,
    engine: &crate::pdf::PdfEngine,
    renderer: &Renderer,
    views: &Views,
    step: &(dyn Fn() + Sync),
) -> Vec<(Option<view::PdfView>, Vec<Diagnostic>)> {
    on_pdf_threads(site.documents.len(), |position| {
        step();
        make_pdf(site, engine, renderer, views, position)
    })
}

/// The PDFs of every version of every subject (index = version number − 1). Problems are not
/// reported: an old version is history, and its page says when it has no PDF. The newest
/// version of a document that is not a draft is the document as it stands: its PDF is the
/// document's own (`documents`, by position), not a second copy of it.
#[allow(clippy::too_many_arguments)]
fn make_version_pdfs(
    subjects: &[versions::Subject],
    history: &crate::document_versions::SiteHistory,
    engine: &crate::pdf::PdfEngine,
    output: &dyn Output,
    views: &Views,
    keys: &versions::VersionPdfKeys,
    documents: &[(Option<view::PdfView>, Vec<Diagnostic>)],
    step: &(dyn Fn() + Sync),
) -> Vec<Vec<Option<view::PdfView>>> {
    on_pdf_threads(subjects.len(), |i| {
        step();
        let subject = &subjects[i];
        let current = subject
            .position
            .filter(|&position| !history.documents[position].draft)
            .map(|position| documents.get(position).and_then(|(pdf, _)| pdf.clone()));
        let mut reader = history.history.reader();
        versions::version_pdfs(subject, reader.as_mut(), engine, views, output, keys, current)
    })
}

/// Runs `job(0..count)` on plain threads, one per core, each with a stack large enough for
/// typst; results in index order. See [`make_pdfs`] for why not rayon.
pub(crate) fn on_pdf_threads<T: Default + Send>(count: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<T>> = (0..count).map(|_| Default::default()).collect();
    let work = || loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        if index >= count {
            break;
        }
        let result = job(index);
        if let Ok(mut slot) = results[index].lock() {
            *slot = result;
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..rayon::current_num_threads().max(1) {
            // typst's layout recurses deeply: give each compiling thread a large stack.
            std::thread::Builder::new()
                .stack_size(crate::pdf::COMPILE_STACK_SIZE)
                .spawn_scoped(scope, work)
                .expect("a PDF thread can be started");
        }
    });
    results
        .into_iter()
        .map(|slot| slot.into_inner().unwrap_or_default())
        .collect()
}

pub(super) struct Renderer<'a> {
    tera: &'a tera::Tera,
    output: &'a dyn Output,
    /// The [`page_context::templates_fingerprint`] pages are keyed with; `None`: pages are not
    /// keyed, always rendered (a preview round, which keeps nothing).
    templates: Option<&'a [u8]>,
    /// Told which template made each page, to point at it when a link is broken.
    links: Option<&'a links::LinkCheck<'a>>,
    templates_shown: &'a Path,
}

impl Renderer<'_> {
    /// Renders `page`, unless the output holds it made from the same views and templates
    /// already (its key, see [`page_context`]): then it is kept as it is, and the link check
    /// checks its links again ([`links::LinkCheck::kept_page`]).
    fn render(&self, page: &Page) -> Option<Diagnostic> {
        let Some(templates) = self.templates else {
            return self.render_keyed(page, "");
        };
        let key = page.context.key(page.template, templates);
        if let Some(meta) = self.output.reuse(&page.path, &key) {
            if let Some(links) = self.links {
                links.made_with(&page.path, page.template);
                links.kept_page(&page.path, &meta);
            }
            return None;
        }
        self.render_keyed(page, &key)
    }

    /// Renders `page`; a non-empty `key` is recorded for reuse by the next build.
    fn render_keyed(&self, page: &Page, key: &str) -> Option<Diagnostic> {
        if let Some(links) = self.links {
            links.made_with(&page.path, page.template);
        }
        let html = match self.tera.render(page.template, &page.context.to_tera()) {
            Ok(html) => html,
            Err(err) => {
                return Some(
                    Diagnostic::error(
                        Code::Template,
                        &self.templates_shown.join(page.template),
                        templates::error_chain(&err),
                    )
                    .hint(crate::t!("render.while_rendering", path = page.path)),
                )
            }
        };
        if key.is_empty() {
            return self.write(&page.path, html.as_bytes());
        }
        self.output
            .write_keyed(&page.path, html.as_bytes(), key, "")
            .err()
            .map(|err| crate::output::write_problem(&page.path, &err))
    }

    fn write(&self, path: &str, bytes: &[u8]) -> Option<Diagnostic> {
        self.output
            .write(path, bytes)
            .err()
            .map(|err| crate::output::write_problem(path, &err))
    }

    /// Writes `path` recording its `key` and facts (`meta`), for [`Output::reuse`].
    fn write_keyed_file(&self, path: &str, bytes: &[u8], key: &str, meta: &str) -> Option<Diagnostic> {
        self.output
            .write_keyed(path, bytes, key, meta)
            .err()
            .map(|err| crate::output::write_problem(path, &err))
    }

    fn write_schemas(&self, diagnostics: &mut Diagnostics) -> usize {
        // The front-matter schemas, so an editor's `$schema` can point at the published site.
        let schemas = crate::schema::schemas();
        for (doc_type, (_, json)) in crate::model::DocType::ALL.into_iter().zip(&schemas) {
            let path = crate::urls::file(&crate::urls::schema(doc_type));
            diagnostics.extend(self.write(&path, json.as_bytes()));
        }
        schemas.len()
    }
}

/// Without `accessibility:` there is no statement page: its facts (status, audits, contact) are
/// the organisation's to give, and a page saying there is none would help no visitor. A note,
/// not a warning, so that a `--strict` CI does not fail on upgrading griffie.
fn no_statement_note(input: &RenderInput) -> Diagnostic {
    let config = input
        .templates_shown
        .parent()
        .unwrap_or(Path::new(""))
        .join(crate::config::CONFIG_FILE);
    Diagnostic::note(
        Code::NoAccessibilityStatement,
        &config,
        crate::t!("accessibility.no_statement"),
    )
    .hint(crate::t!("accessibility.no_statement_hint"))
}

/// Copies `templates/static/` to `static/` in the output (stylesheets, icons).
fn copy_static(input: &RenderInput, output: &dyn Output, diagnostics: &mut Diagnostics) -> usize {
    let dir = input.templates_dir.join("static");
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(&dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let path = crate::urls::file(&crate::urls::static_file(&relative));
        let result = std::fs::read(entry.path()).and_then(|bytes| output.write(&path, &bytes));
        match result {
            Ok(()) => count += 1,
            Err(err) => diagnostics.push(
                Diagnostic::error(
                    Code::Write,
                    &input.templates_shown.join("static").join(&relative),
                    crate::t!("render.cannot_copy", error = err),
                )
                .hint(crate::t!("render.cannot_copy_hint")),
            ),
        }
    }
    count
}
