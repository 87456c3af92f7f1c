//! Stage 3, `render`: from the resolved site to files, written to an [`Output`].
//!
//! Order: templates are loaded once; document bodies and pages are rendered in parallel; list
//! pages, the motion overview, the data files and static assets follow. Problems (a template
//! error, an image without alt text) are collected as diagnostics like any other.

pub mod api;
pub mod doc_tree;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod templates;
pub mod view;

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::resolve::Site;
use output::Output;
use pages::Page;
use view::Views;

/// What `render` needs besides the site.
pub struct RenderInput<'a> {
    /// Makes the PDF briefs; `None` when PDFs are switched off.
    pub pdf: Option<&'a crate::pdf::PdfEngine>,
    pub templates_dir: &'a Path,
    /// The templates folder as shown in diagnostics.
    pub templates_shown: &'a Path,
}

/// How much was rendered, for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
    pub files: usize,
}

/// Renders the whole site into `output`.
pub fn render(site: &Site, input: &RenderInput, output: &dyn Output, diagnostics: &mut Diagnostics) -> RenderStats {
    let tera = match templates::load_templates(input.templates_dir, input.templates_shown) {
        Ok(tera) => tera,
        Err(problems) => {
            diagnostics.extend(problems);
            return RenderStats::default();
        }
    };
    let views = Views::new(site);
    let site_view = pages::site_view(&views);
    let renderer = Renderer {
        tera: &tera,
        output,
        templates_shown: input.templates_shown,
    };

    let document_results: Vec<(Vec<Diagnostic>, usize)> = (0..site.documents.len())
        .into_par_iter()
        .map(|position| {
            let body = markdown::render_body(site, position);
            let mut found = body.diagnostics.clone();
            let mut files = 1;
            let pdf = match (input.pdf, site.documents[position].body().is_some()) {
                (Some(engine), true) => match engine.make(site, position, &body.tree) {
                    Ok(pdf) => {
                        let path = view::pdf_path(&site.documents[position].id);
                        found.extend(renderer.write(&path, &pdf.bytes));
                        files += 1;
                        Some(view::PdfView::new(&views, &site.documents[position].id, &pdf))
                    }
                    Err(problems) => {
                        found.extend(problems);
                        None
                    }
                },
                _ => None,
            };
            let page = pages::document_page(&views, &site_view, position, &body, pdf);
            found.extend(renderer.render(&page));
            (found, files)
        })
        .collect();
    let document_files: usize = document_results.iter().map(|(_, files)| files).sum();
    let mut stats = RenderStats {
        pages: site.documents.len(),
        files: document_files,
    };
    diagnostics.extend(document_results.into_iter().flat_map(|(found, _)| found));

    let mut other_pages: Vec<Page> = pages::type_pages(&views, &site_view);
    other_pages.extend(pages::dossier_pages(&views, &site_view));
    other_pages.extend(pages::motions_pages(&views, &site_view));
    other_pages.push(pages::home_page(&views, &site_view));
    other_pages.push(pages::not_found_page(&views, &site_view));
    let page_results: Vec<Option<Diagnostic>> = other_pages.par_iter().map(|p| renderer.render(p)).collect();
    diagnostics.extend(page_results.into_iter().flatten());
    stats.pages += other_pages.len();
    stats.files += other_pages.len();

    stats.files += renderer.write_data(site, diagnostics);
    stats.files += copy_static(input, output, diagnostics);
    stats
}

struct Renderer<'a> {
    tera: &'a tera::Tera,
    output: &'a dyn Output,
    templates_shown: &'a Path,
}

impl Renderer<'_> {
    fn render(&self, page: &Page) -> Option<Diagnostic> {
        let html = match self.tera.render(page.template, &page.context) {
            Ok(html) => html,
            Err(err) => {
                return Some(
                    Diagnostic::error(
                        "template",
                        &self.templates_shown.join(page.template),
                        templates::error_chain(&err),
                    )
                    .hint(format!("the error happened while rendering {}", page.path)),
                )
            }
        };
        self.write(&page.path, html.as_bytes())
    }

    fn write(&self, path: &str, bytes: &[u8]) -> Option<Diagnostic> {
        self.output.write(path, bytes).err().map(|err| {
            Diagnostic::error(
                "write",
                Path::new(path),
                format!("cannot write this output file: {err}"),
            )
            .hint("check that the output folder is writable and the disk is not full")
        })
    }

    fn write_data(&self, site: &Site, diagnostics: &mut Diagnostics) -> usize {
        diagnostics.extend(self.write("api/documents.json", api::documents_json(site).as_bytes()));
        1
    }
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
        let result = std::fs::read(entry.path()).and_then(|bytes| output.write(&format!("static/{relative}"), &bytes));
        match result {
            Ok(()) => count += 1,
            Err(err) => diagnostics.push(
                Diagnostic::error(
                    "write",
                    &input.templates_shown.join("static").join(&relative),
                    format!("cannot copy this file: {err}"),
                )
                .hint("check that the file is readable and the output folder writable"),
            ),
        }
    }
    count
}
