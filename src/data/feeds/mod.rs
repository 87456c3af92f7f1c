//! Atom feeds (RFC 4287), so citizens can follow the council in a feed reader: the whole site,
//! each document type, each dossier, and each motion (its answers, its settlement and the
//! changes of its status).
//!
//! | feed | path |
//! |---|---|
//! | the whole site | `/atom.xml` |
//! | a document type | `/<type list>/atom.xml`, e.g. `/moties/atom.xml` |
//! | a dossier | `/dossiers/<topic>/atom.xml` |
//! | one motion | `/documenten/<motion id>/atom.xml` |
//!
//! (made by [`crate::urls`], the home of the site's URL scheme)
//!
//! What it guarantees:
//! - **Stable ids**: an entry's id is the canonical URL of the page it describes (a document
//!   page, or for a status change the permanent version page that made it), so a reader never
//!   shows an entry twice.
//! - **No wall-clock time**: `published` is the document's date (midnight UTC), `updated` the
//!   latest of that, its last commit and its withdrawal ([`crate::view::lastmod`]); a feed's
//!   `updated` is its newest entry's.
//! - **Withdrawn means gone**: a withdrawn document appears with `Document::public_title` and no
//!   summary, and its versions (change notes included) are not followed.
//! - Entries newest first (by `published`, ties by `updated`, then id); the site, type and dossier
//!   feeds hold the newest [`FEED_LIMIT`].

pub(crate) mod atom;
mod motion;
pub(crate) mod standings;

use jiff::Timestamp;
use rayon::prelude::*;
use serde::Serialize;

use crate::dates::format_date;
use crate::document_versions::SiteHistory;
use crate::model::DocType;
use crate::resolve::Site;
use crate::urls;
use crate::view::lastmod;
use crate::view::Views;
use atom::{Category, Entry, Feed};

/// Entries in the site, type and dossier feeds: the newest documents, as most sites do (Zola's
/// `feed_limit`, Hugo's `rssLimit`), so a feed stays small however large the archive grows.
pub(crate) const FEED_LIMIT: usize = 50;

/// Whether document `position` has a feed of its own: motions and commitments do (what a
/// letter settles).
pub(crate) fn has_motion_feed(site: &Site, position: usize) -> bool {
    site.documents[position].doc_type().is_settled_by_letter()
}

/// A feed as a page links it (`<link rel="alternate">` and visible links).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FeedLink {
    pub title: String,
    /// Site-relative, with the base path.
    pub url: String,
}

/// Titles of the feeds; the same text names them in `<link>` and in the feed itself.
pub(crate) fn site_feed_title(site: &Site) -> String {
    let lang = site.config.lang();
    crate::t!(lang => "site.feed.site_title", title = site.config.title)
}

pub(crate) fn type_feed_title(site: &Site, doc_type: DocType) -> String {
    let plural = doc_type.plural_label(site.config.lang()).to_lowercase();
    format!("{}: {plural}", site.config.title)
}

pub(crate) fn topic_feed_title(site: &Site, topic_title: &str) -> String {
    let lang = site.config.lang();
    crate::t!(lang => "site.feed.topic_title", title = site.config.title, topic = topic_title)
}

pub(crate) fn motion_feed_title(site: &Site, position: usize) -> String {
    let doc = &site.documents[position];
    // "Motie regionale inkoop" is not called "motie Motie regionale inkoop".
    let named = doc.withdrawn.is_some() || doc.title.to_lowercase().starts_with("motie");
    if named {
        format!("{}: {}", site.config.title, doc.public_title())
    } else {
        let lang = site.config.lang();
        crate::t!(lang => "site.feed.motion_title", title = site.config.title, motion = doc.title)
    }
}

pub(crate) fn type_feed_link(views: &Views, doc_type: DocType) -> FeedLink {
    FeedLink {
        title: type_feed_title(views.site, doc_type),
        url: views.url(&urls::type_feed(doc_type)),
    }
}

pub(crate) fn topic_feed_link(views: &Views, slug: &str) -> FeedLink {
    FeedLink {
        title: topic_feed_title(views.site, &views.topic(slug).title),
        url: views.url(&urls::dossier_feed(slug)),
    }
}

pub(crate) fn motion_feed_link(views: &Views, position: usize) -> FeedLink {
    FeedLink {
        title: motion_feed_title(views.site, position),
        url: views.url(&urls::motion_feed(&views.site.documents[position].id)),
    }
}

/// What every feed is made from.
pub(crate) struct FeedContext<'a> {
    pub site: &'a Site,
    pub history: &'a SiteHistory,
    views: Views<'a>,
    /// [`lastmod::updated`] of every document.
    updated: Vec<Timestamp>,
}

impl<'a> FeedContext<'a> {
    pub(crate) fn new(site: &'a Site, history: &'a SiteHistory) -> FeedContext<'a> {
        FeedContext {
            site,
            history,
            views: Views::new(site),
            updated: (0..site.documents.len())
                .map(|p| lastmod::updated(site, history, p))
                .collect(),
        }
    }

    /// The absolute URL of a site-relative path.
    fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.site_origin())
    }

    /// The entry of document `position` as the site, type and dossier feeds show it.
    fn document_entry(&self, position: usize) -> Entry {
        let doc = &self.site.documents[position];
        let url = self.absolute(&urls::document(&doc.id));
        let summary = if doc.withdrawn.is_some() {
            None
        } else {
            Some(doc.summary.clone().unwrap_or_else(|| self.description(position)))
        };
        Entry {
            id: url.clone(),
            title: doc.public_title().to_string(),
            url,
            published: lastmod::midnight_utc(doc.date),
            updated: self.updated[position],
            summary,
            categories: self.categories(position),
        }
    }

    /// "Raadsbrief van 2 april 2024, kenmerk Raad - 2408221": for a document without summary.
    fn description(&self, position: usize) -> String {
        let doc = &self.site.documents[position];
        let mut text = self.type_and_date(position, false);
        if !doc.identifiers.is_empty() {
            let numbers: Vec<&str> = doc.identifiers.iter().map(|i| i.value.as_str()).collect();
            let numbers = numbers.join(", ");
            text.push_str(&crate::t!(self.views.lang => "site.feed.identifiers", numbers = numbers));
        }
        text.push('.');
        text
    }

    /// "Raadsbrief van 2 april 2024" ("raadsbrief van …" with `lower`), in the site's language.
    fn type_and_date(&self, position: usize, lower: bool) -> String {
        let doc = &self.site.documents[position];
        let label = doc.doc_type().label(self.views.lang);
        let label = if lower { label.to_lowercase() } else { label };
        let date = format_date(self.views.lang, doc.date, doc.date_precision);
        crate::t!(self.views.lang => "site.feed.type_and_date", type = label, date = date)
    }

    /// The document's type and dossiers, each with the list page it belongs to as scheme.
    fn categories(&self, position: usize) -> Vec<Category> {
        let doc = &self.site.documents[position];
        let doc_type = doc.doc_type();
        let mut categories = vec![Category {
            term: doc_type.slug().to_string(),
            label: doc_type.label(self.views.lang),
            scheme: self.absolute(&urls::type_list(doc_type)),
        }];
        categories.extend(doc.topics.iter().map(|slug| Category {
            term: slug.clone(),
            label: self.views.topic(slug).title,
            scheme: self.absolute(urls::DOSSIERS),
        }));
        categories
    }

    /// A feed at `path` for the page at `page_path`, with `entries` sorted newest first.
    fn feed(&self, path: &str, title: String, subtitle: String, page_path: &str, mut entries: Vec<Entry>) -> Feed {
        sort_newest_first(&mut entries);
        let updated = entries
            .iter()
            .map(|e| e.updated)
            .max()
            .unwrap_or_else(|| lastmod::midnight_utc(self.site.as_of));
        Feed {
            url: self.absolute(path),
            title,
            subtitle,
            page_url: self.absolute(page_path),
            updated,
            author: crate::t!(self.views.lang => "site.municipality", municipality = self.site.config.municipality),
            author_url: self.absolute(urls::HOME),
            entries,
        }
    }

    /// A feed of the newest [`FEED_LIMIT`] of `positions`.
    /// The documents are ordered as [`sort_newest_first`] orders their entries, from what the
    /// entries are sorted by, so that only the entries that make it into the feed are made (a
    /// site feed of 10,000 documents makes 50, not 10,000).
    fn newest_feed(&self, path: &str, title: String, subtitle: String, page_path: &str, positions: &[usize]) -> Feed {
        let mut newest: Vec<(Timestamp, Timestamp, String, usize)> = positions
            .iter()
            .map(|&p| {
                let doc = &self.site.documents[p];
                (
                    lastmod::midnight_utc(doc.date),
                    self.updated[p],
                    urls::document(&doc.id),
                    p,
                )
            })
            .collect();
        // An entry's id is the page's absolute URL: the same order as the site-relative one.
        let order = |a: &(Timestamp, Timestamp, String, usize), b: &(Timestamp, Timestamp, String, usize)| {
            newest_first((a.0, a.1, &a.2), (b.0, b.1, &b.2))
        };
        if newest.len() > FEED_LIMIT {
            newest.select_nth_unstable_by(FEED_LIMIT - 1, order);
            newest.truncate(FEED_LIMIT);
        }
        let entries: Vec<Entry> = newest.iter().map(|&(_, _, _, p)| self.document_entry(p)).collect();
        self.feed(path, title, subtitle, page_path, entries)
    }
}

/// Newest first by `published`, then `updated`, then id: a total order, so two builds agree.
fn sort_newest_first(entries: &mut [Entry]) {
    entries.sort_by(|a, b| newest_first((a.published, a.updated, &a.id), (b.published, b.updated, &b.id)));
}

/// The order of [`sort_newest_first`] on (published, updated, id).
fn newest_first(a: (Timestamp, Timestamp, &str), b: (Timestamp, Timestamp, &str)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)).then_with(|| a.2.cmp(b.2))
}

/// Every feed of the site: its output path (relative to the output folder) and its XML.
pub(crate) fn feeds(site: &Site, history: &SiteHistory) -> Vec<(String, String)> {
    let context = FeedContext::new(site, history);
    let language = &site.config.language;
    let lang = site.config.lang();
    let mut feeds: Vec<(String, Feed)> = Vec::new();
    let all: Vec<usize> = (0..site.documents.len()).collect();
    feeds.push((
        urls::SITE_FEED.to_string(),
        context.newest_feed(
            urls::SITE_FEED,
            site_feed_title(site),
            crate::t!(lang => "site.feed.site_subtitle", municipality = site.config.municipality),
            urls::HOME,
            &all,
        ),
    ));
    for (&doc_type, positions) in &site.index.by_type {
        let path = urls::type_feed(doc_type);
        let plural = doc_type.plural_label(lang).to_lowercase();
        let subtitle =
            crate::t!(lang => "site.feed.type_subtitle", plural = plural, municipality = site.config.municipality);
        let feed = context.newest_feed(
            &path,
            type_feed_title(site, doc_type),
            subtitle,
            &urls::type_list(doc_type),
            positions,
        );
        feeds.push((path, feed));
    }
    for (slug, positions) in &site.index.by_topic {
        let path = urls::dossier_feed(slug);
        let topic = context.views.topic(slug);
        let subtitle = crate::t!(lang => "site.feed.topic_subtitle", topic = topic.title);
        let feed = context.newest_feed(
            &path,
            topic_feed_title(site, &topic.title),
            subtitle,
            &urls::dossier(slug),
            positions,
        );
        feeds.push((path, feed));
    }
    let motions: Vec<usize> = (0..site.documents.len())
        .filter(|&p| has_motion_feed(site, p))
        .collect();
    let motion_feeds: Vec<(String, Feed)> = motions
        .par_iter()
        .map_init(
            || history.history.reader(),
            |reader, &p| {
                let path = urls::motion_feed(&site.documents[p].id);
                (path, motion::feed(&context, p, reader.as_mut()))
            },
        )
        .collect();
    feeds.extend(motion_feeds);
    feeds
        .into_iter()
        .map(|(path, feed)| (urls::file(&path), atom::write(&feed, language)))
        .collect()
}
