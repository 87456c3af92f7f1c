//! The incremental-render API of `griffie serve`: render a chosen part of the site (some
//! document pages, some pages of the lists, the cheap pages every change may touch) into any
//! `Output`, and say what every page shows besides its own content (`chrome`), so a preview can
//! tell which pages an edit touches. `serve` uses the render stage only through this module.

use rayon::prelude::*;

use super::pages::{self, Page};
use super::{make_pdf, render_document, Renderer};
use crate::diagnostics::Diagnostic;

use crate::output::Output;
use crate::resolve::Site;
use crate::view::{self, Views};

pub(crate) use super::templates::load_templates;
pub(crate) use super::RenderInput;

/// What every page shows besides its own content: the site view (navigation, footer) and the
/// stamp every page carries (a preview's notice), serialised; a change in it touches every page.
pub(crate) fn chrome(site: &Site, input: &RenderInput) -> Vec<u8> {
    let views = Views::new(site);
    let stamp = view::history::StampView::of_build(input.history, input.preview, views.lang);
    let every_page = stamp.for_every_page();
    serde_json::to_vec(&(pages::site_view(&views, stamp), every_page)).unwrap_or_default()
}

/// Which pages a preview round renders again (see `serve::session`): never the version pages,
/// which depend on commits, not on the working copy.
#[derive(Debug, Default, Clone)]
pub(crate) struct Selection {
    /// Positions of the documents whose page (and PDF) is made again.
    pub documents: Vec<usize>,
    /// Per type, which of its list pages are made again.
    pub type_pages: std::collections::BTreeMap<crate::model::DocType, Pages>,
    /// Per topic, which of its dossier pages are made again.
    pub topic_pages: std::collections::BTreeMap<String, Pages>,
    /// The motievolglijst is made again.
    pub motions: Pages,
    /// The parties' pages are made again (a vote, a voted document's title or status changed).
    pub parties: bool,
}

/// Which pages of a paginated list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pages {
    All,
    /// Page numbers, from 1.
    Numbers(std::collections::BTreeSet<usize>),
}

impl Default for Pages {
    fn default() -> Pages {
        Pages::Numbers(Default::default())
    }
}

impl Pages {
    /// Adds page `number` (nothing to do when all pages are in already).
    pub(crate) fn add(&mut self, number: usize) {
        if let Pages::Numbers(numbers) = self {
            numbers.insert(number);
        }
    }

    pub(crate) fn contains(&self, number: usize) -> bool {
        match self {
            Pages::All => true,
            Pages::Numbers(numbers) => numbers.contains(&number),
        }
    }
}

/// What [`render_selected`] made.
#[derive(Debug, Default)]
pub(crate) struct PartialRender {
    /// Per selected document: its position, its problems, whether it has a PDF.
    pub documents: Vec<(usize, Vec<Diagnostic>, bool)>,
    /// Problems of the other pages (lists, home, the motion overview).
    pub other: Vec<Diagnostic>,
    pub pages: usize,
}

/// Renders the selected document pages (with their PDFs), list and dossier pages and
/// motievolglijst, and the cheap pages every change may touch: home, the dossier index, the
/// 404, API and search pages (the search page shows the filters). The data files are
/// [`data::write_data_files`]'s; the search index is [`search`]'s, made after the reload.
pub(crate) fn render_selected(
    site: &Site,
    input: &RenderInput,
    output: &dyn Output,
    selection: &Selection,
    tera: &tera::Tera,
) -> PartialRender {
    with_renderer(site, input, output, tera, |renderer, views, site_view| {
        render_selection(site, input, renderer, views, site_view, selection)
    })
}

/// [`render_selected`] with the views and renderer made.
fn render_selection(
    site: &Site,
    input: &RenderInput,
    renderer: &Renderer,
    views: &Views,
    site_view: &pages::SiteView,
    selection: &Selection,
) -> PartialRender {
    let (documents, other_pages) = rayon::join(
        || selected_documents(site, input, renderer, views, site_view, &selection.documents),
        || {
            let wanted = |pages: Option<&Pages>, number: usize| pages.is_some_and(|p| p.contains(number));
            let mut other_pages: Vec<Page> = pages::type_pages(views, site_view, |doc_type, number| {
                wanted(selection.type_pages.get(&doc_type), number)
            });
            other_pages.extend(pages::dossier_pages(views, site_view, |topic, number| {
                wanted(selection.topic_pages.get(topic), number)
            }));
            other_pages.extend(pages::motions_pages(views, site_view, |number| {
                selection.motions.contains(number)
            }));
            if selection.parties {
                other_pages.extend(super::party_pages::party_pages(views, site_view, |_, _| true));
            }
            other_pages.push(pages::home_page(views, site_view));
            other_pages.push(pages::not_found_page(views, site_view));
            other_pages.push(pages::api_page(views, site_view));
            other_pages.push(pages::search_page(views, site_view));
            let other: Vec<Diagnostic> = other_pages.par_iter().filter_map(|p| renderer.render(p)).collect();
            (other_pages.len(), other)
        },
    );
    let (other_count, other) = other_pages;
    PartialRender {
        pages: documents.len() + other_count,
        documents,
        other,
    }
}

/// Renders the pages (with their PDFs) of the documents at `positions`, and nothing else: what
/// a preview round leaves for after the reload (see `serve::session`).
pub(crate) fn render_documents(
    site: &Site,
    input: &RenderInput,
    output: &dyn Output,
    positions: &[usize],
    tera: &tera::Tera,
) -> PartialRender {
    with_renderer(site, input, output, tera, |renderer, views, site_view| {
        let documents = selected_documents(site, input, renderer, views, site_view, positions);
        PartialRender {
            pages: documents.len(),
            documents,
            other: Vec::new(),
        }
    })
}

/// Runs `work` with the site's views, the site view every page shows, and a renderer into
/// `output` (no link check: a preview round renders part of the site).
fn with_renderer<T>(
    site: &Site,
    input: &RenderInput,
    output: &dyn Output,
    tera: &tera::Tera,
    work: impl FnOnce(&Renderer, &Views, &pages::SiteView) -> T,
) -> T {
    let views = Views::new(site);
    let site_view = pages::site_view(
        &views,
        view::history::StampView::of_build(input.history, input.preview, views.lang),
    );
    let renderer = Renderer {
        tera,
        output,
        templates: None,
        links: None,
        templates_shown: input.templates_shown,
    };
    work(&renderer, &views, &site_view)
}

/// Per document at `positions`: its PDF (when there is an engine) and page made; its problems
/// and whether it has a PDF.
fn selected_documents(
    site: &Site,
    input: &RenderInput,
    renderer: &Renderer,
    views: &Views,
    site_view: &pages::SiteView,
    positions: &[usize],
) -> Vec<(usize, Vec<Diagnostic>, bool)> {
    positions
        .par_iter()
        .map(|&position| {
            let pdf = match input.pdf {
                Some(engine) => make_pdf(site, engine, renderer, views, position),
                None => Default::default(),
            };
            let has_pdf = pdf.0.is_some();
            let (found, _) = render_document(site, position, pdf, views, site_view, renderer, input.history);
            (position, found, has_pdf)
        })
        .collect()
}
