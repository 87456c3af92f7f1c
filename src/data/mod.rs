//! The site-wide data files: everything under `output/` that is data rather than a page, made
//! from the resolved site and its history. The open-data exports (`api/`), the Atom feeds, the
//! motion list's calendar and spreadsheet, and the sitemaps with `robots.txt`. They change with
//! any document, so a build writes them once at the end and `griffie serve` after every round.

pub(crate) mod api;
pub(crate) mod calendar;
pub(crate) mod feeds;
pub(crate) mod motions_csv;
pub(crate) mod sitemap;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::document_versions::SiteHistory;
use crate::output::Output;
use crate::resolve::Site;
use crate::urls;

/// Writes the site-wide files that change with any document: `api/documents.json`,
/// `api/deleted.json`, `api/build.json`, the Atom feeds, the calendar and spreadsheet of the
/// motievolglijst, `sitemap.xml` and `robots.txt`. A full build writes them, and so does every
/// round of `griffie serve`, so the preview keeps equal to a build. Returns the problems and the
/// number of files written.
pub(crate) fn write_data_files(site: &Site, history: &SiteHistory, output: &dyn Output) -> (Vec<Diagnostic>, usize) {
    let files = data_files(site, history);
    let problems = files
        .par_iter()
        .filter_map(|(path, bytes)| {
            output
                .write(path, bytes)
                .err()
                .map(|e| crate::output::write_problem(path, &e))
        })
        .collect();
    (problems, files.len())
}

/// Every site-wide data file: its path in the output and its bytes.
pub(crate) fn data_files(site: &Site, history: &SiteHistory) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            urls::file(urls::API_DOCUMENTS),
            api::documents_json(site, history).into_bytes(),
        ),
        (urls::file(urls::API_DELETED), api::deleted_json(history).into_bytes()),
        (urls::file(urls::API_BUILD), api::build_json(site, history).into_bytes()),
        (
            urls::file(urls::CALENDAR),
            calendar::motions_calendar(site, history).into_bytes(),
        ),
        (urls::file(urls::MOTIONS_CSV), motions_csv::motions_csv(site)),
        (urls::file(urls::ROBOTS), sitemap::robots_txt(site).into_bytes()),
    ];
    let text_files = feeds::feeds(site, history)
        .into_iter()
        .chain(sitemap::sitemaps(site, history));
    files.extend(text_files.map(|(path, text)| (path, text.into_bytes())));
    files
}
