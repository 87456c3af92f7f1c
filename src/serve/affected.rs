//! Which pages an edit touches, for a preview round that renders only those.
//!
//! Every document gets fingerprints after `resolve`:
//! - **inner**: everything its own page is made from: its source text and path, its relations
//!   (as ids), its motion state and its version history;
//! - **links**: its relations alone (as ids), which its entry in a dossier shows;
//! - **outer**: everything *other* pages show of it, its [`DocRef`](crate::view::DocRef)
//!   (title, date, type, status, summary, identifiers).
//!
//! What is made again:
//! - the page of a document whose inner or outer fingerprint changed;
//! - the page of every document related to one whose outer fingerprint changed (before or after
//!   the change), since its relation block shows that one's title and status;
//! - the list pages holding a document whose outer fingerprint changed. All pages of a list are
//!   made again when its order changed;
//! - the dossier pages holding a document whose entry changed (outer, links, or a related
//!   document's outer);
//! - the motievolglijst when such an entry is a motion;
//! - the home page, the dossier index and the 404 page, which are cheap, every time.
//!
//! When what every page shows changes (the navigation, the footer), every page is made again.
//! The rules lean towards too much: a page made again needlessly costs a millisecond, a page
//! missed would show stale text.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::document_versions::SiteHistory;
use crate::model::DocType;
use crate::render::incremental::{Pages, Selection};
use crate::resolve::Site;
use crate::view::Views;

/// What one document's pages depend on, in short.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Print {
    inner: [u8; 32],
    links: [u8; 32],
    outer: [u8; 32],
    /// Ids of every document related to it, in any direction.
    neighbours: Vec<String>,
    doc_type: DocType,
    topics: Vec<String>,
}

/// The fingerprints of a whole site.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fingerprints {
    by_id: HashMap<String, Arc<Print>>,
    /// The order of each list (`type:<slug>`, `topic:<slug>`), hashed.
    orders: BTreeMap<String, [u8; 32]>,
    chrome: Vec<u8>,
}

impl Fingerprints {
    /// Fingerprints of `site` with its history; `chrome` is what every page shows (the
    /// serialised site view: navigation, footer, stamp).
    pub(crate) fn of(site: &Site, history: &SiteHistory, chrome: Vec<u8>) -> Fingerprints {
        let views = Views::new(site);
        let by_id = (0..site.documents.len())
            .into_par_iter()
            .map(|position| {
                let print = print(site, history, &views, position);
                (site.documents[position].id.clone(), Arc::new(print))
            })
            .collect();
        Fingerprints {
            by_id,
            orders: orders(site),
            chrome,
        }
    }

    /// These fingerprints after a change that can only have touched the documents at
    /// `positions` in `site` (the edited ones and those related to them): the others are kept.
    pub(crate) fn updated(
        &self,
        site: &Site,
        history: &SiteHistory,
        chrome: Vec<u8>,
        positions: &BTreeSet<usize>,
    ) -> Fingerprints {
        let views = Views::new(site);
        let fresh: Vec<(String, Arc<Print>)> = positions
            .par_iter()
            .map(|&position| {
                let print = print(site, history, &views, position);
                (site.documents[position].id.clone(), Arc::new(print))
            })
            .collect();
        let mut by_id = self.by_id.clone();
        by_id.extend(fresh);
        Fingerprints {
            by_id,
            orders: orders(site),
            chrome,
        }
    }

    /// Positions in `site` of the documents related to `id` when these fingerprints were made.
    pub(crate) fn neighbours<'a>(&'a self, id: &str, site: &'a Site) -> impl Iterator<Item = usize> + 'a {
        self.by_id
            .get(id)
            .into_iter()
            .flat_map(|print| print.neighbours.iter())
            .filter_map(|id| site.index.position(id))
    }

    /// What to render when the pages on disk were made from `self` and the site (`site`) is
    /// now `now`. `None`: every page, since what all pages show has changed.
    pub(crate) fn selection(&self, now: &Fingerprints, site: &Site) -> Option<Selection> {
        if self.chrome != now.chrome {
            return None;
        }
        let before = |id: &str| self.by_id.get(id).map(Arc::as_ref);
        let after = |id: &str| now.by_id.get(id).map(Arc::as_ref);
        let all_ids: BTreeSet<&str> = self.by_id.keys().chain(now.by_id.keys()).map(String::as_str).collect();
        let changed = |id: &str, part: fn(&Print) -> [u8; 32]| match (before(id), after(id)) {
            (Some(a), Some(b)) => part(a) != part(b),
            _ => true,
        };
        let outer: Vec<&str> = all_ids.iter().copied().filter(|id| changed(id, |p| p.outer)).collect();
        let inner: Vec<&str> = all_ids.iter().copied().filter(|id| changed(id, |p| p.inner)).collect();
        let links: Vec<&str> = all_ids.iter().copied().filter(|id| changed(id, |p| p.links)).collect();
        let neighbours_of_outer: HashSet<&str> = outer
            .iter()
            .flat_map(|id| [before(id), after(id)])
            .flatten()
            .flat_map(|p| p.neighbours.iter().map(String::as_str))
            .collect();

        let mut selection = Selection::default();
        let pages: HashSet<&str> = inner
            .iter()
            .chain(&outer)
            .copied()
            .chain(neighbours_of_outer.iter().copied())
            .collect();
        selection.documents = pages.iter().filter_map(|id| site.index.position(id)).collect();
        selection.documents.sort_unstable();
        // A party's page shows its votes: any voted document whose text or reference changed.
        selection.parties = inner
            .iter()
            .chain(&outer)
            .flat_map(|id| [before(id), after(id)])
            .flatten()
            .any(|print| print.doc_type.is_voted());

        let size = site.config.page_size.max(1);
        let page_of = |positions: &[usize], id: &str| {
            let position = site.index.position(id)?;
            positions.iter().position(|&p| p == position).map(|i| i / size + 1)
        };
        // List pages show each document's reference only.
        for id in &outer {
            for print in [before(id), after(id)].into_iter().flatten() {
                let doc_type = print.doc_type;
                let key = format!("type:{}", doc_type.slug());
                let pages = selection.type_pages.entry(doc_type).or_default();
                if self.orders.get(&key) != now.orders.get(&key) {
                    *pages = Pages::All;
                } else if let Some(number) = site.index.by_type.get(&doc_type).and_then(|list| page_of(list, id)) {
                    pages.add(number);
                }
            }
        }
        // A dossier entry shows the document and its relations.
        let entries: HashSet<&str> = outer
            .iter()
            .chain(&links)
            .copied()
            .chain(neighbours_of_outer.iter().copied())
            .collect();
        for id in &entries {
            for print in [before(id), after(id)].into_iter().flatten() {
                match print.doc_type {
                    DocType::Motie if self.orders.get(MOTIONS) == now.orders.get(MOTIONS) => {
                        if let Some(number) = motion_page(site, id) {
                            selection.motions.add(number);
                        }
                    }
                    DocType::Motie | DocType::Amendement => selection.motions = Pages::All,
                    _ => {}
                }
                for topic in &print.topics {
                    let key = format!("topic:{topic}");
                    let pages = selection.topic_pages.entry(topic.clone()).or_default();
                    if self.orders.get(&key) != now.orders.get(&key) {
                        *pages = Pages::All;
                    } else if let Some(number) = site.index.by_topic.get(topic).and_then(|list| page_of(list, id)) {
                        pages.add(number);
                    }
                }
            }
        }
        Some(selection)
    }
}

/// The key in [`orders`] of what every page of the motievolglijst shows beside its rows: the
/// order of the rows, the counts and the reference date.
const MOTIONS: &str = "motions";

/// The page of the motievolglijst (from 1) that shows motion `id`.
fn motion_page(site: &Site, id: &str) -> Option<usize> {
    let position = site.index.position(id)?;
    let row = site.motion_positions().iter().position(|&p| p == position)?;
    Some(row / site.config.motion_page_size.max(1) + 1)
}

/// The order of each list (`type:<slug>`, `topic:<slug>`), hashed; and [`MOTIONS`].
fn orders(site: &Site) -> BTreeMap<String, [u8; 32]> {
    let order = |positions: &[usize]| {
        let mut hasher = blake3::Hasher::new();
        for &p in positions {
            hasher.update(site.documents[p].id.as_bytes());
            hasher.update(b"\n");
        }
        *hasher.finalize().as_bytes()
    };
    let mut orders = BTreeMap::new();
    for (doc_type, positions) in &site.index.by_type {
        orders.insert(format!("type:{}", doc_type.slug()), order(positions));
    }
    for (topic, positions) in &site.index.by_topic {
        orders.insert(format!("topic:{topic}"), order(positions));
    }
    let rows = site.motion_positions();
    let mut hasher = blake3::Hasher::new();
    hasher.update(&order(&rows));
    hasher.update(site.as_of.to_string().as_bytes());
    for state in rows.iter().filter_map(|&p| site.index.motions[p].as_ref()) {
        hasher.update(format!("{:?} {}|", state.effective, state.overdue).as_bytes());
    }
    orders.insert(MOTIONS.to_string(), *hasher.finalize().as_bytes());
    orders
}

fn print(site: &Site, history: &SiteHistory, views: &Views, position: usize) -> Print {
    let doc = &site.documents[position];
    let links = &site.index.links[position];
    let lists = links.all();
    let mut link_hasher = blake3::Hasher::new();
    for list in lists {
        for &p in list {
            link_hasher.update(site.documents[p].id.as_bytes());
            link_hasher.update(b" ");
        }
        link_hasher.update(b"\n");
    }
    let links_hash = *link_hasher.finalize().as_bytes();
    let doc_history = &history.documents[position];
    let mut inner = blake3::Hasher::new();
    inner.update(doc.source.path.to_string_lossy().as_bytes());
    inner.update(b"\0");
    inner.update(doc.source.text.as_bytes());
    inner.update(b"\0");
    inner.update(&links_hash);
    inner.update(format!("{:?}", site.index.motions[position]).as_bytes());
    inner.update(format!("{} {:?}", doc_history.draft, doc_history.versions.last()).as_bytes());
    inner.update(doc_history.versions.len().to_string().as_bytes());
    let outer = blake3::hash(&serde_json::to_vec(&views.doc_ref(position)).unwrap_or_default());
    let mut neighbours: Vec<String> = lists
        .into_iter()
        .flatten()
        .map(|&p| site.documents[p].id.clone())
        .collect();
    neighbours.sort_unstable();
    neighbours.dedup();
    Print {
        inner: *inner.finalize().as_bytes(),
        links: links_hash,
        outer: *outer.as_bytes(),
        neighbours,
        doc_type: doc.doc_type(),
        topics: doc.topics.clone(),
    }
}
