//! What pages show of history: the build stamp in every footer and the version list of a
//! document ("Versie 3 · 12 augustus 2025 · Correctie datum"), dates in the site's language.
//!
//! Version URLs are `<document url>v<N>/` ([`crate::urls::version`]): permanent, numbered from 1
//! in commit order.

use serde::Serialize;

use crate::document_versions::VersionRef;
use crate::document_versions::{DocHistory, SiteHistory};
use crate::history::Commit;
use crate::i18n::Lang;
use crate::urls;
use crate::view::{DateView, Views};

/// Which sources a page was made from, in the footer: the build's commit on the home and API
/// pages (and in `api/build.json`), a version's own commit on its version page, and a draft's
/// notice (preview, uncommitted changes, no git) on every page. Other pages of a build of a
/// clean commit carry no build stamp, so that their bytes do not change with every commit: a
/// commit rewrites only the pages whose content it changed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StampView {
    /// The footer shows this stamp (false: the page has none, see [`StampView::for_every_page`]).
    pub shown: bool,
    /// Full commit id; `None` outside git or before the first commit.
    pub commit: Option<String>,
    pub short: Option<String>,
    pub date: Option<DateView>,
    /// The working copy differed from the commit (a local preview, never a CI build).
    pub uncommitted: bool,
    /// A `griffie serve` preview of the working copy: the footer says so, and `uncommitted` is
    /// left out (it would change every page's footer at the first edit).
    pub preview: bool,
}

impl StampView {
    /// The stamp of the build as a whole: `HEAD`.
    pub(crate) fn of_build(history: &SiteHistory, preview: bool, lang: Lang) -> StampView {
        let mut stamp = match &history.history.head {
            Some(head) => StampView::of_commit(head, history.uncommitted, lang),
            None => StampView {
                shown: true,
                commit: None,
                short: None,
                date: None,
                uncommitted: true,
                preview: false,
            },
        };
        if preview {
            stamp.uncommitted = false;
            stamp.preview = true;
        }
        stamp
    }

    /// The stamp of pages other than the home and API pages. A build of a clean commit gives
    /// them none, so they change only with their content. A draft says so on every page: a
    /// preview, a build of a working copy with uncommitted changes, a build without git.
    pub(crate) fn for_every_page(&self) -> StampView {
        if self.preview || self.uncommitted || self.commit.is_none() {
            return self.clone();
        }
        StampView::none()
    }

    /// No stamp at all.
    pub(crate) fn none() -> StampView {
        StampView {
            shown: false,
            commit: None,
            short: None,
            date: None,
            uncommitted: false,
            preview: false,
        }
    }

    /// The stamp of a page made from one commit's sources (a version page).
    pub(crate) fn of_commit(commit: &Commit, uncommitted: bool, lang: Lang) -> StampView {
        StampView {
            shown: true,
            commit: Some(commit.id.clone()),
            short: Some(commit.short.clone()),
            date: Some(DateView::day(lang, commit.date)),
            uncommitted,
            preview: false,
        }
    }
}

/// One entry of a document's version list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VersionEntry {
    pub number: usize,
    pub url: String,
    pub date: DateView,
    pub commit: String,
    pub short: String,
    /// The change note (first line of the commit message), when it has one.
    pub note: Option<String>,
}

/// The history block of a document page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HistoryView {
    /// Oldest first.
    pub versions: Vec<VersionEntry>,
    /// The page shows uncommitted changes (only said inside a repository).
    pub draft: bool,
    /// The number of the version the page shows.
    pub current: usize,
    /// The URL of the last committed version.
    pub latest_url: Option<String>,
}

impl HistoryView {
    pub(crate) fn new(id: &str, doc: &DocHistory, history: &SiteHistory, views: &Views) -> HistoryView {
        let versions: Vec<VersionEntry> = doc
            .versions
            .iter()
            .map(|v| version_entry(id, v, history, views))
            .collect();
        HistoryView {
            latest_url: versions.last().map(|v| v.url.clone()),
            versions,
            draft: doc.draft && history.history.head.is_some(),
            current: doc.current_number(),
        }
    }
}

pub(crate) fn version_entry(id: &str, version: &VersionRef, history: &SiteHistory, views: &Views) -> VersionEntry {
    let commit = &history.history.commits[version.commit];
    VersionEntry {
        number: version.number,
        url: views.url(&urls::version(id, version.number)),
        date: views.day(commit.date),
        commit: commit.id.clone(),
        short: commit.short.clone(),
        note: Some(commit.note.clone()).filter(|n| !n.is_empty()),
    }
}
