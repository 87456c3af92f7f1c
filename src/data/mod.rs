//! The site-wide data files: everything under `output/` that is data rather than a page, made
//! from the resolved site and its history. The open-data exports (`api/`), the Atom feeds, the
//! motion list's calendar and spreadsheet, and the sitemaps with `robots.txt`. They change with
//! any document, so a build writes them once at the end and `griffie serve` after every round.

pub(crate) mod api;
pub(crate) mod calendar;
pub(crate) mod diwoo;
pub(crate) mod feeds;
pub(crate) mod meetings_calendar;
pub(crate) mod motions_csv;
pub(crate) mod ori_api;
pub(crate) mod parties;
pub(crate) mod sitemap;
pub(crate) mod xml;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::document_versions::SiteHistory;
use crate::model::DocType;
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

/// Every site-wide data file: its path in the output and its bytes, in a fixed order.
pub(crate) fn data_files(site: &Site, history: &SiteHistory) -> Vec<(String, Vec<u8>)> {
    data_files_unless(site, history, &|| false).expect("a build that is never stopped makes every file")
}

/// [`data_files`], made part by part in parallel; `None` when `stop` says so before every
/// part is made. The preview stops when the sources change again: its files would be out of
/// date, and the next round makes them anew.
pub(crate) fn data_files_unless(
    site: &Site,
    history: &SiteHistory,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<(String, Vec<u8>)>> {
    let parts: Vec<Option<Files>> = Part::ALL
        .par_iter()
        .map(|part| (!stop()).then(|| part.make(site, history)))
        .collect();
    let parts: Vec<Files> = parts.into_iter().collect::<Option<_>>()?;
    Some(parts.into_iter().flatten().collect())
}

/// Files as (path in the output, bytes).
type Files = Vec<(String, Vec<u8>)>;

/// The data files in groups that are made on their own.
#[derive(Debug, Clone, Copy)]
enum Part {
    Documents,
    Deleted,
    Build,
    Calendar,
    MotionsCsv,
    MeetingsCalendar,
    Parties,
    Robots,
    Feeds,
    Sitemaps,
    Diwoo,
    OriApi,
}

impl Part {
    /// In the order their files are listed.
    const ALL: [Part; 12] = [
        Part::Documents,
        Part::Deleted,
        Part::Build,
        Part::Calendar,
        Part::MotionsCsv,
        Part::MeetingsCalendar,
        Part::Parties,
        Part::Robots,
        Part::Feeds,
        Part::Sitemaps,
        Part::Diwoo,
        Part::OriApi,
    ];

    fn make(self, site: &Site, history: &SiteHistory) -> Files {
        let one = |path: &str, bytes: Vec<u8>| vec![(urls::file(path), bytes)];
        let texts = |files: Vec<(String, String)>| {
            files
                .into_iter()
                .map(|(path, text)| (path, text.into_bytes()))
                .collect()
        };
        match self {
            Part::Documents => one(urls::API_DOCUMENTS, api::documents_json(site, history).into_bytes()),
            Part::Deleted => one(urls::API_DELETED, api::deleted_json(history).into_bytes()),
            Part::Build => one(urls::API_BUILD, api::build_json(site, history).into_bytes()),
            Part::Calendar => one(urls::CALENDAR, calendar::motions_calendar(site, history).into_bytes()),
            Part::MotionsCsv => one(urls::MOTIONS_CSV, motions_csv::motions_csv(site)),
            Part::MeetingsCalendar if site.index.by_type.contains_key(&DocType::Vergadering) => one(
                urls::MEETINGS_CALENDAR,
                meetings_calendar::meetings_calendar(site, history).into_bytes(),
            ),
            Part::MeetingsCalendar => Vec::new(),
            Part::Parties => parties::parties_json(site)
                .map(|json| one(urls::API_PARTIES, json.into_bytes()))
                .unwrap_or_default(),
            Part::Robots => one(urls::ROBOTS, sitemap::robots_txt(site).into_bytes()),
            Part::Feeds => texts(feeds::feeds(site, history)),
            Part::Sitemaps => texts(sitemap::sitemaps(site, history)),
            Part::Diwoo => texts(diwoo::sitemaps(site, history)),
            Part::OriApi => texts(ori_api::files(site)),
        }
    }
}
