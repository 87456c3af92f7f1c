//! Votes per party: which party voted how, and the seats behind it.
//!
//! A vote recorded per party (`vote: {for: [vvd, cda], against: [pvv]}`) is counted with the
//! seats of the council term in force on the day of the vote (the day of the meeting it was
//! decided in, else the document's date). Every party slug must be one of `parties:`; a party of
//! the term that is in neither list did not vote (absent). A recorded `status` that the seats
//! contradict (adopted with more seats against) is a warning: one of the two is wrong.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::Links;
use crate::config::Config;
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Document, Motion, MotionStatus, PartyVote, Spanned};
use crate::parties::{term_at, unknown_party_hint, CouncilTerm};

/// How a party voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    For,
    Against,
    /// Members voted both ways.
    Split,
    /// In the council but in neither list: did not vote.
    Absent,
}

/// One party's row of a vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyRow {
    pub party: String,
    pub position: Position,
    /// The party's seats in the term of the vote, when the site has terms.
    pub seats: Option<u32>,
    /// Members for and against: the seats for a whole party, as written for a split one.
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
}

/// A vote per party with its seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// The first day of the council term whose seats were counted.
    pub term_from: Option<String>,
    /// Every party that voted, then those of the term that did not; largest first.
    pub rows: Vec<PartyRow>,
    pub seats_for: Option<u32>,
    pub seats_against: Option<u32>,
}

impl Tally {
    /// The row of `party`, when it was in the council or voted.
    pub fn row_of(&self, party: &str) -> Option<&PartyRow> {
        self.rows.iter().find(|r| r.party == party)
    }
}

/// Whether a party's vote went the way the council decided: for an adopted or against a
/// rejected proposal. `None` when the party was split or absent, or nothing was decided.
pub(crate) fn with_majority(status: MotionStatus, position: Position) -> Option<bool> {
    match (status, position) {
        (_, Position::Split | Position::Absent) => None,
        (MotionStatus::Aangenomen, position) => Some(position == Position::For),
        (MotionStatus::Verworpen, position) => Some(position == Position::Against),
        _ => None,
    }
}

/// Per party slug, the positions of the documents it voted on (for, against or split), in
/// the order of `newest_first`.
pub(super) fn votes_by_party(tallies: &[Option<Tally>], newest_first: &[usize]) -> BTreeMap<String, Vec<usize>> {
    let mut by_party: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &position in newest_first {
        let Some(tally) = &tallies[position] else { continue };
        for row in tally.rows.iter().filter(|r| r.position != Position::Absent) {
            by_party.entry(row.party.clone()).or_default().push(position);
        }
    }
    by_party
}

/// Per document: `Some` for a motion or amendment voted per party (or unanimously, when the
/// site has terms). Also checks every submitter's party against `parties:`.
pub(super) fn tallies(
    config: &Config,
    documents: &[Document],
    links: &[Links],
    diagnostics: &mut Diagnostics,
) -> Vec<Option<Tally>> {
    documents
        .iter()
        .zip(links)
        .map(|(doc, link)| {
            let motion = doc.kind.motion()?;
            check_submitters(config, doc, motion, diagnostics);
            let day = link.decided_in.first().map_or(doc.date, |&m| documents[m].date);
            let tally = tally(config, doc, motion, day, diagnostics)?;
            check_status(doc, motion.status, tally.seats_for, tally.seats_against, diagnostics);
            Some(tally)
        })
        .collect()
}

fn tally(config: &Config, doc: &Document, motion: &Motion, day: Date, diagnostics: &mut Diagnostics) -> Option<Tally> {
    let term = term_at(&config.council_terms, day);
    if let Some(vote) = motion.vote {
        check_status(
            doc,
            motion.status,
            Some(vote.votes_for),
            Some(vote.against),
            diagnostics,
        );
        return None;
    }
    let rows = match &motion.party_vote {
        Some(vote) => party_rows(config, doc, vote, term, diagnostics),
        // Unanimous: every party of the term voted for.
        None if motion.unanimous => term?
            .seats
            .iter()
            .map(|(party, &seats)| whole(party, Position::For, Some(seats)))
            .collect(),
        None => return None,
    };
    let mut rows = rows;
    if let Some(term) = term {
        for (party, &seats) in &term.seats {
            if !rows.iter().any(|r| &r.party == party) {
                rows.push(PartyRow {
                    party: party.clone(),
                    position: Position::Absent,
                    seats: Some(seats),
                    votes_for: None,
                    votes_against: None,
                });
            }
        }
    }
    let name = |slug: &str| {
        config
            .parties
            .get(slug)
            .map_or(slug, |p| p.name.as_str())
            .to_lowercase()
    };
    rows.sort_by(|a, b| {
        (a.position == Position::Absent)
            .cmp(&(b.position == Position::Absent))
            .then_with(|| b.seats.cmp(&a.seats))
            .then_with(|| name(&a.party).cmp(&name(&b.party)))
            .then_with(|| a.party.cmp(&b.party))
    });
    let sum = |pick: fn(&PartyRow) -> Option<u32>| -> Option<u32> {
        term?;
        Some(rows.iter().filter_map(pick).sum())
    };
    Some(Tally {
        term_from: term.map(|t| t.from.clone()),
        seats_for: sum(|r| r.votes_for),
        seats_against: sum(|r| r.votes_against),
        rows,
    })
}

fn whole(party: &str, position: Position, seats: Option<u32>) -> PartyRow {
    let (votes_for, votes_against) = match position {
        Position::For => (seats, Some(0)),
        Position::Against => (Some(0), seats),
        Position::Split | Position::Absent => (None, None),
    };
    PartyRow {
        party: party.to_string(),
        position,
        seats,
        votes_for: votes_for.filter(|_| seats.is_some()),
        votes_against: votes_against.filter(|_| seats.is_some()),
    }
}

fn party_rows(
    config: &Config,
    doc: &Document,
    vote: &PartyVote,
    term: Option<&CouncilTerm>,
    diagnostics: &mut Diagnostics,
) -> Vec<PartyRow> {
    let mut rows: Vec<PartyRow> = Vec::new();
    let mut seen: BTreeMap<&str, &Spanned<String>> = BTreeMap::new();
    let listed = vote
        .parties_for
        .iter()
        .map(|p| (p, Position::For, None))
        .chain(vote.against.iter().map(|p| (p, Position::Against, None)))
        .chain(
            vote.split
                .iter()
                .map(|s| (&s.party, Position::Split, Some((s.votes_for, s.against)))),
        );
    for (party, position, split) in listed {
        if !known_party(config, doc, party, diagnostics) {
            continue;
        }
        if let Some(first) = seen.insert(&party.value, party) {
            diagnostics.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    &doc.source.path,
                    crate::t!("votes.twice", party = party.value),
                )
                .at(party.location)
                .related(&doc.source.path, Some(first.location), crate::t!("votes.first_here"))
                .hint(crate::t!("votes.twice_hint")),
            );
            continue;
        }
        let seats = term.and_then(|t| t.seats_of(&party.value));
        if let Some(term) = term.filter(|_| seats.is_none()) {
            diagnostics.push(
                Diagnostic::warning(
                    Code::VoteSeats,
                    &doc.source.path,
                    crate::t!("votes.no_seats", party = party.value, from = term.from),
                )
                .at(party.location)
                .hint(crate::t!("votes.no_seats_hint")),
            );
        }
        let row = match split {
            None => whole(&party.value, position, seats),
            Some((votes_for, against)) => {
                if let Some(seats) = seats.filter(|&s| s != votes_for + against) {
                    diagnostics.push(
                        Diagnostic::warning(
                            Code::VoteSeats,
                            &doc.source.path,
                            crate::t!(
                                "votes.split_seats",
                                party = party.value,
                                votes = votes_for + against,
                                seats = seats
                            ),
                        )
                        .at(party.location)
                        .hint(crate::t!("votes.split_seats_hint")),
                    );
                }
                PartyRow {
                    party: party.value.clone(),
                    position,
                    seats,
                    votes_for: Some(votes_for),
                    votes_against: Some(against),
                }
            }
        };
        rows.push(row);
    }
    rows
}

fn known_party(config: &Config, doc: &Document, party: &Spanned<String>, diagnostics: &mut Diagnostics) -> bool {
    if config.parties.contains_key(&party.value) {
        return true;
    }
    diagnostics.push(
        Diagnostic::error(
            Code::UnknownParty,
            &doc.source.path,
            crate::t!("votes.unknown_party", party = party.value),
        )
        .at(party.location)
        .hint(unknown_party_hint(&party.value, &config.parties)),
    );
    false
}

/// With parties configured, a submitter's `party` must be one of them.
fn check_submitters(config: &Config, doc: &Document, motion: &Motion, diagnostics: &mut Diagnostics) {
    if config.parties.is_empty() {
        return;
    }
    for submitter in &motion.submitters {
        let Some(party) = &submitter.party else { continue };
        let spanned = Spanned {
            value: party.clone(),
            location: submitter.party_location.unwrap_or(doc.source.id_location),
        };
        known_party(config, doc, &spanned, diagnostics);
    }
}

/// A warning when the recorded result is not what the votes say. A tie rejects a proposal
/// (staken der stemmen), so adoption needs more votes for than against.
fn check_status(
    doc: &Document,
    status: MotionStatus,
    votes_for: Option<u32>,
    against: Option<u32>,
    diagnostics: &mut Diagnostics,
) {
    let (Some(votes_for), Some(against)) = (votes_for, against) else {
        return;
    };
    let contradicts = match status {
        MotionStatus::Aangenomen => votes_for <= against,
        MotionStatus::Verworpen => votes_for > against,
        _ => false,
    };
    if !contradicts {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(
            Code::VoteContradictsStatus,
            &doc.source.path,
            crate::t!(
                "votes.contradicts",
                status = status.slug(),
                votes_for = votes_for,
                against = against
            ),
        )
        .at_opt(super::motions::front_matter_value(doc, "status"))
        .hint(crate::t!("votes.contradicts_hint")),
    );
}
