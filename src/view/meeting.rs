//! What pages show of meetings and votes: a meeting's facts and agenda, a vote per party as a
//! table of parties with their seats, and links to the parties' pages.
//!
//! Every word comes from the catalog in the site's language; the vote's result is always given
//! in words and numbers, never by colour alone (WCAG 1.4.1).

use serde::Serialize;

use super::{DocRef, Views};
use crate::model::{Meeting, MeetingKind, MeetingStatus};
use crate::resolve::{Position, Tally};
use crate::urls;

/// A meeting's own facts and its agenda, with the documents of each item.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MeetingView {
    pub kind: &'static str,
    pub kind_label: String,
    pub status: &'static str,
    pub status_label: String,
    pub start: Option<String>,
    pub location: Option<String>,
    pub agenda: Vec<AgendaItemView>,
    /// Documents decided in the meeting (by their `meeting:`) that its agenda does not list.
    pub also_decided: Vec<DocRef>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AgendaItemView {
    pub number: Option<String>,
    pub title: String,
    pub documents: Vec<DocRef>,
}

impl MeetingView {
    pub(crate) fn new(meeting: &Meeting, position: usize, views: &Views) -> MeetingView {
        let links = &views.site.index.links[position];
        let agenda_links = &links.agenda;
        let off_agenda: Vec<usize> = links
            .decided
            .iter()
            .copied()
            .filter(|d| !links.on_agenda.contains(d))
            .collect();
        MeetingView {
            also_decided: views.doc_refs(&off_agenda),
            kind: meeting.kind.slug(),
            kind_label: kind_label(views, meeting.kind),
            status: meeting.status.slug(),
            status_label: status_label(views, meeting.status),
            start: meeting.start.clone(),
            location: meeting.location.clone(),
            agenda: meeting
                .agenda
                .iter()
                .enumerate()
                .map(|(i, item)| AgendaItemView {
                    number: item.number.clone(),
                    title: item.title.clone(),
                    documents: agenda_links.get(i).map(|p| views.doc_refs(p)).unwrap_or_default(),
                })
                .collect(),
        }
    }
}

/// "Gemeenteraad", "Commissie", … in the site's language.
pub(crate) fn kind_label(views: &Views, kind: MeetingKind) -> String {
    let lang = views.lang;
    match kind {
        MeetingKind::Raad => crate::t!(lang => "site.meeting.kind.raad"),
        MeetingKind::Commissie => crate::t!(lang => "site.meeting.kind.commissie"),
        MeetingKind::Presidium => crate::t!(lang => "site.meeting.kind.presidium"),
        MeetingKind::Overig => crate::t!(lang => "site.meeting.kind.overig"),
    }
}

/// "Gepland", "Gehouden", "Geannuleerd" in the site's language.
pub(crate) fn status_label(views: &Views, status: MeetingStatus) -> String {
    let lang = views.lang;
    match status {
        MeetingStatus::Gepland => crate::t!(lang => "site.meeting.status.gepland"),
        MeetingStatus::Gehouden => crate::t!(lang => "site.meeting.status.gehouden"),
        MeetingStatus::Geannuleerd => crate::t!(lang => "site.meeting.status.geannuleerd"),
    }
}

/// A party as links show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartyRef {
    pub slug: String,
    pub name: String,
    pub url: String,
}

impl Views<'_> {
    pub(crate) fn party_ref(&self, slug: &str) -> PartyRef {
        let name = self.site.config.parties.get(slug).map_or(slug, |p| p.name.as_str());
        PartyRef {
            slug: slug.to_string(),
            name: name.to_string(),
            url: self.url(&urls::party(slug)),
        }
    }
}

/// A vote per party, as the accessible table of a motion's page shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TallyView {
    pub rows: Vec<TallyRowView>,
    pub seats_for: Option<u32>,
    pub seats_against: Option<u32>,
    /// Whether seats were counted (the site has a council term for the day of the vote).
    pub counted: bool,
    /// "Voor: VVD, CDA. Tegen: PVV." — the whole vote in one sentence, for lists and PDFs.
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TallyRowView {
    pub party: PartyRef,
    pub position: Position,
    pub position_label: String,
    pub seats: Option<u32>,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
}

impl TallyView {
    pub(crate) fn new(tally: &Tally, views: &Views) -> TallyView {
        let rows: Vec<TallyRowView> = tally
            .rows
            .iter()
            .map(|row| TallyRowView {
                party: views.party_ref(&row.party),
                position: row.position,
                position_label: position_label(views, row.position, row.votes_for, row.votes_against),
                seats: row.seats,
                votes_for: row.votes_for,
                votes_against: row.votes_against,
            })
            .collect();
        let names = |position: Position| -> Vec<String> {
            rows.iter()
                .filter(|r| r.position == position)
                .map(|r| r.party.name.clone())
                .collect()
        };
        let lang = views.lang;
        let mut parts = Vec::new();
        for (position, key) in [
            (Position::For, "for"),
            (Position::Against, "against"),
            (Position::Split, "split"),
        ] {
            let list = names(position);
            if list.is_empty() {
                continue;
            }
            let list = list.join(", ");
            parts.push(match key {
                "for" => crate::t!(lang => "site.vote.summary_for", parties = list),
                "against" => crate::t!(lang => "site.vote.summary_against", parties = list),
                _ => crate::t!(lang => "site.vote.summary_split", parties = list),
            });
        }
        TallyView {
            counted: tally.seats_for.is_some(),
            seats_for: tally.seats_for,
            seats_against: tally.seats_against,
            summary: parts.join(" "),
            rows,
        }
    }
}

/// "Voor", "Tegen", "Verdeeld (2 voor, 1 tegen)", "Niet gestemd".
pub(crate) fn position_label(
    views: &Views,
    position: Position,
    votes_for: Option<u32>,
    against: Option<u32>,
) -> String {
    let lang = views.lang;
    match position {
        Position::For => crate::t!(lang => "site.vote.for"),
        Position::Against => crate::t!(lang => "site.vote.against"),
        Position::Split => crate::t!(lang => "site.vote.split",
            votes_for = votes_for.unwrap_or(0),
            against = against.unwrap_or(0)
        ),
        Position::Absent => crate::t!(lang => "site.vote.absent"),
    }
}
