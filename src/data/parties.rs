//! `api/parties.json`: every configured party with its seats per council term and every vote
//! it cast, newest first, with the result and whether it voted with the majority.
//!
//! The same facts as the party pages (`/fracties/<slug>/`), as open data. Sorted by slug; the
//! votes in the order of the pages, so the file is byte-identical for the same sources.

use serde::Serialize;

use crate::dates::iso;
use crate::resolve::{with_majority, Position, Site};
use crate::urls;

#[derive(Debug, Serialize)]
struct ApiParty<'a> {
    slug: &'a str,
    name: &'a str,
    full_name: Option<&'a str>,
    website: Option<&'a str>,
    /// Site-relative: `/fracties/<slug>/`.
    url: String,
    /// The party's seats in each council term it had seats in, oldest first.
    seats: Vec<ApiSeats<'a>>,
    votes: Vec<ApiPartyVote<'a>>,
}

#[derive(Debug, Serialize)]
struct ApiSeats<'a> {
    term: &'a str,
    seats: u32,
}

#[derive(Debug, Serialize)]
struct ApiPartyVote<'a> {
    document: &'a str,
    date: String,
    /// `for`, `against` or `split`.
    vote: Position,
    /// The members' votes: the party's seats for a whole party, as recorded for a split one.
    votes_for: Option<u32>,
    votes_against: Option<u32>,
    /// The recorded result: `aangenomen`, `verworpen`, ….
    result: &'static str,
    /// Voted for an adopted or against a rejected proposal; `null` for a split vote.
    with_majority: Option<bool>,
}

/// The JSON text of `api/parties.json`; `None` when the site configures no parties.
pub(crate) fn parties_json(site: &Site) -> Option<String> {
    let config = &site.config;
    if config.parties.is_empty() {
        return None;
    }
    let parties: Vec<ApiParty> = config
        .parties
        .iter()
        .map(|(slug, party)| ApiParty {
            slug,
            name: &party.name,
            full_name: party.full_name.as_deref(),
            website: party.website.as_deref(),
            url: urls::party(slug),
            seats: config
                .council_terms
                .iter()
                .filter_map(|term| {
                    term.seats_of(slug).map(|seats| ApiSeats {
                        term: &term.from,
                        seats,
                    })
                })
                .collect(),
            votes: party_votes(site, slug),
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&parties).expect("parties serialise to JSON");
    json.push('\n');
    Some(json)
}

fn party_votes<'a>(site: &'a Site, slug: &str) -> Vec<ApiPartyVote<'a>> {
    site.index
        .votes_of(slug)
        .iter()
        .filter_map(|&p| {
            let doc = &site.documents[p];
            let motion = doc.kind.motion()?;
            let row = site.index.votes[p].as_ref()?.row_of(slug)?;
            Some(ApiPartyVote {
                document: &doc.id,
                date: iso(doc.date),
                vote: row.position,
                votes_for: row.votes_for,
                votes_against: row.votes_against,
                result: motion.status.slug(),
                with_majority: with_majority(motion.status, row.position),
            })
        })
        .collect()
}
