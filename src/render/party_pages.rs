//! The parties' pages: `/fracties/`, the index of the council's parties with their seats, and
//! `/fracties/<slug>/`, every vote of one party, newest first, paginated like every list.
//!
//! A row says what the party voted, what the council decided and whether the party was with the
//! majority, in words (never by colour alone). Only sites that configure `parties:` have them.

use serde::Serialize;

use super::page_context::PageContext;
use super::pages::{page_context, pagination, Page, SiteView};
use crate::parties::term_at;
use crate::resolve::{with_majority, Site};
use crate::urls;
use crate::view::meeting::{position_label, PartyRef};
use crate::view::{DocRef, StatusView, Views};

/// A party in the index.
#[derive(Debug, Clone, Serialize)]
struct PartySummary {
    #[serde(flatten)]
    party: PartyRef,
    full_name: Option<String>,
    website: Option<String>,
    /// Seats in the council term in force on the site's reference date.
    seats: Option<u32>,
    votes: usize,
}

/// One vote on a party's page.
#[derive(Debug, Clone, Serialize)]
struct PartyVoteRow {
    document: DocRef,
    position: crate::resolve::Position,
    position_label: String,
    result: Option<StatusView>,
    with_majority: Option<bool>,
}

/// The seats of a party in one council term.
#[derive(Debug, Clone, Serialize)]
struct TermSeats {
    from: crate::view::DateView,
    seats: u32,
}

/// The index of parties and each party's pages (those `wanted(slug, page number)` accepts);
/// nothing when the site configures no parties.
pub(crate) fn party_pages<'a>(
    views: &Views,
    site_view: &'a SiteView,
    wanted: impl Fn(&str, usize) -> bool,
) -> Vec<Page<'a>> {
    let site = views.site;
    if site.config.parties.is_empty() {
        return Vec::new();
    }
    let mut pages = vec![index_page(views, site_view)];
    let size = site.config.page_size;
    for slug in site.config.parties.keys() {
        let positions = site.index.votes_of(slug);
        let chunks: Vec<&[usize]> = if positions.is_empty() {
            vec![positions]
        } else {
            positions.chunks(size).collect()
        };
        for (i, chunk) in chunks.iter().enumerate() {
            if wanted(slug, i + 1) {
                pages.push(party_page(views, site_view, slug, chunk, i + 1, chunks.len()));
            }
        }
    }
    pages
}

fn index_page<'a>(views: &Views, site_view: &'a SiteView) -> Page<'a> {
    let site = views.site;
    let term = term_at(&site.config.council_terms, site.as_of);
    let mut parties: Vec<PartySummary> = site
        .config
        .parties
        .iter()
        .map(|(slug, party)| PartySummary {
            party: views.party_ref(slug),
            full_name: party.full_name.clone(),
            website: party.website.clone(),
            seats: term.and_then(|t| t.seats_of(slug)),
            votes: site.index.votes_of(slug).len(),
        })
        .collect();
    // Largest first, as councils list their parties; then by name.
    parties.sort_by(|a, b| {
        b.seats
            .cmp(&a.seats)
            .then_with(|| a.party.name.to_lowercase().cmp(&b.party.name.to_lowercase()))
    });
    let title = crate::t!(views.lang => "site.parties.title");
    let description =
        Some(crate::t!(views.lang => "site.parties.description", municipality = site.config.municipality));
    let mut context = page_context(site_view, views, &title, urls::PARTIES, "fracties", description);
    context.insert("parties", parties);
    context.insert("term_from", term.and_then(|t| t.start()).map(|d| views.day(d)));
    context.insert("total_seats", term.map(|t| t.total_seats()));
    Page {
        path: urls::file(urls::PARTIES),
        template: "parties.html",
        context,
    }
}

fn party_page<'a>(
    views: &Views,
    site_view: &'a SiteView,
    slug: &str,
    chunk: &[usize],
    number: usize,
    total: usize,
) -> Page<'a> {
    let site = views.site;
    let party = views.party_ref(slug);
    let base = urls::party(slug);
    let path = urls::paged(&base, number);
    let mut title = crate::t!(views.lang => "site.party.title", name = party.name);
    if number > 1 {
        title = crate::t!(views.lang => "site.page.numbered", title = title, number = number);
    }
    let description = Some(crate::t!(views.lang => "site.party.description", name = party.name));
    let mut context: PageContext = page_context(site_view, views, &title, &path, "fracties", description);
    let rows: Vec<PartyVoteRow> = chunk.iter().filter_map(|&p| vote_row(views, site, slug, p)).collect();
    let seats: Vec<TermSeats> = site
        .config
        .council_terms
        .iter()
        .filter_map(|term| {
            Some(TermSeats {
                from: views.day(term.start()?),
                seats: term.seats_of(slug)?,
            })
        })
        .collect();
    let configured = &site.config.parties[slug];
    context.insert("party", party);
    context.insert("full_name", configured.full_name.clone());
    context.insert("website", configured.website.clone());
    context.insert("seats", seats);
    context.insert("vote_count", site.index.votes_of(slug).len());
    context.insert("rows", rows);
    context.insert("pagination", pagination(views, &base, number, total));
    Page {
        path: urls::file(&path),
        template: "party.html",
        context,
    }
}

fn vote_row(views: &Views, site: &Site, slug: &str, position: usize) -> Option<PartyVoteRow> {
    let motion = site.documents[position].kind.motion()?;
    let row = site.index.votes[position].as_ref()?.row_of(slug)?;
    Some(PartyVoteRow {
        document: views.doc_ref(position),
        position: row.position,
        position_label: position_label(views, row.position, row.votes_for, row.votes_against),
        result: site.index.motions[position]
            .as_ref()
            .map(|state| StatusView::new(views.lang, state)),
        with_majority: with_majority(motion.status, row.position),
    })
}
