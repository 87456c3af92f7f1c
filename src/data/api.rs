//! `api/documents.json`: the corpus as open data, one object per document; `api/deleted.json`:
//! documents whose source was deleted (their URLs and versions stay); `api/build.json`: which
//! sources the site was built from.
//!
//! The key names are a contract with tools outside griffie (see README, "Open data"): keep them,
//! add to them. Objects are sorted by id and lists by date, so the file is byte-identical for the
//! same sources.

use serde::Serialize;

use crate::dates::iso;
use crate::document_versions::SiteHistory;
use crate::document_versions::VersionRef;
use crate::model::{DatePrecision, DocType, Meeting, Motion, Submitter, Vote};
use crate::resolve::{EffectiveStatus, Position, Site};
use crate::urls;

#[derive(Debug, Serialize)]
pub(crate) struct ApiDocument<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub doc_type: DocType,
    pub title: &'a str,
    pub date: String,
    pub date_precision: DatePrecision,
    /// Site-relative, without the base path: `/documenten/<id>/`.
    pub url: String,
    pub identifiers: Vec<&'a str>,
    pub topics: &'a [String],
    pub summary: Option<&'a str>,
    pub source: String,
    pub responds_to: Vec<&'a str>,
    pub responded_by: Vec<&'a str>,
    pub settles: Vec<&'a str>,
    pub settled_by: Vec<&'a str>,
    pub references: Vec<&'a str>,
    pub referenced_by: Vec<&'a str>,
    pub mentions: Vec<&'a str>,
    pub mentioned_by: Vec<&'a str>,
    /// The meeting the document was decided in (its `meeting:`, else the last held council
    /// meeting whose agenda lists it); `null` when none is known.
    pub meeting: Option<&'a str>,
    /// Every meeting that had it on its agenda or decided it, oldest first.
    pub meetings: Vec<&'a str>,
    /// For an amendment: the proposal (`raadsvoorstel`) it amends; else `null`.
    pub amends: Option<&'a str>,
    /// For a proposal: its amendments, oldest first.
    pub amendments: Vec<&'a str>,
    /// For a decision (`besluit`): the proposal it decides; else `null`.
    pub decides: Option<&'a str>,
    /// For a proposal: the decision taken on it; else `null`.
    pub decided_by: Option<&'a str>,
    #[serde(flatten)]
    pub motion: Option<ApiMotion<'a>>,
    #[serde(flatten)]
    pub meeting_details: Option<ApiMeeting<'a>>,
    /// `published` or `withdrawn` (then `title` is a placeholder and no text is given).
    pub state: &'static str,
    pub withdrawn: Option<ApiWithdrawal<'a>>,
    /// The number of the version this object describes (the draft after the last committed
    /// version, when the working copy has uncommitted changes).
    pub version: usize,
    /// Describes uncommitted sources.
    pub draft: bool,
    /// Committed versions, oldest first.
    pub versions: Vec<ApiVersion<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ApiWithdrawal<'a> {
    pub date: String,
    pub reason: &'a str,
}

/// One committed version of a document.
#[derive(Debug, Serialize)]
pub(crate) struct ApiVersion<'a> {
    pub number: usize,
    pub date: String,
    pub commit: &'a str,
    /// Site-relative: `/documenten/<id>/v<N>/`.
    pub url: String,
    /// The change note; `null` for a withdrawn document.
    pub note: Option<&'a str>,
}

/// Extra keys for motions and amendments.
#[derive(Debug, Serialize)]
pub(crate) struct ApiMotion<'a> {
    pub status: &'static str,
    pub effective_status: EffectiveStatus,
    pub due: Option<String>,
    pub overdue: bool,
    pub settled_on: Option<String>,
    pub days_to_settle: Option<i32>,
    pub submitters: &'a [Submitter],
    pub vote: Option<ApiVote<'a>>,
    pub unanimous: bool,
    /// For a commitment (toezegging): who made it; absent for motions and amendments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub made_by: Option<&'a str>,
}

/// `vote`: the counts as recorded, or the parties for and against with the seats computed
/// from the council term of the day.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum ApiVote<'a> {
    Counts(Vote),
    Parties(ApiPartyVote<'a>),
}

#[derive(Debug, Serialize)]
pub(crate) struct ApiPartyVote<'a> {
    #[serde(rename = "for")]
    pub parties_for: Vec<&'a str>,
    pub against: Vec<&'a str>,
    /// Parties whose members voted both ways.
    pub split: Vec<ApiSplit<'a>>,
    /// Parties of the council term that did not vote.
    pub absent: Vec<&'a str>,
    /// Computed from `council_terms`; `null` without a term for the day of the vote.
    pub seats_for: Option<u32>,
    pub seats_against: Option<u32>,
    /// The first day of the council term whose seats were counted.
    pub term: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ApiSplit<'a> {
    pub party: &'a str,
    #[serde(rename = "for")]
    pub votes_for: u32,
    pub against: u32,
}

/// Extra keys for meetings.
#[derive(Debug, Serialize)]
pub(crate) struct ApiMeeting<'a> {
    pub kind: &'static str,
    pub status: &'static str,
    pub start: Option<&'a str>,
    pub location: Option<&'a str>,
    pub agenda: Vec<ApiAgendaItem<'a>>,
    /// Ids of the documents decided in this meeting.
    pub meeting_of: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ApiAgendaItem<'a> {
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub documents: Vec<&'a str>,
}

/// `vote` of the motion at `position`.
fn api_vote<'a>(site: &'a Site, position: usize, motion: &'a Motion) -> Option<ApiVote<'a>> {
    if let Some(vote) = motion.vote {
        return Some(ApiVote::Counts(vote));
    }
    let tally = site.index.votes[position].as_ref()?;
    let with = |position: Position| -> Vec<&'a str> {
        tally
            .rows
            .iter()
            .filter(|r| r.position == position)
            .map(|r| r.party.as_str())
            .collect()
    };
    Some(ApiVote::Parties(ApiPartyVote {
        parties_for: with(Position::For),
        against: with(Position::Against),
        split: tally
            .rows
            .iter()
            .filter(|r| r.position == Position::Split)
            .map(|r| ApiSplit {
                party: &r.party,
                votes_for: r.votes_for.unwrap_or(0),
                against: r.votes_against.unwrap_or(0),
            })
            .collect(),
        absent: with(Position::Absent),
        seats_for: tally.seats_for,
        seats_against: tally.seats_against,
        term: tally.term_from.as_deref(),
    }))
}

fn api_meeting<'a>(site: &'a Site, position: usize, meeting: &'a Meeting) -> ApiMeeting<'a> {
    let links = &site.index.links[position];
    let ids =
        |positions: &[usize]| -> Vec<&'a str> { positions.iter().map(|&p| site.documents[p].id.as_str()).collect() };
    ApiMeeting {
        kind: meeting.kind.slug(),
        status: meeting.status.slug(),
        start: meeting.start.as_deref(),
        location: meeting.location.as_deref(),
        agenda: meeting
            .agenda
            .iter()
            .zip(&links.agenda)
            .map(|(item, positions)| ApiAgendaItem {
                number: item.number.as_deref(),
                title: &item.title,
                documents: ids(positions),
            })
            .collect(),
        meeting_of: ids(&links.decided),
    }
}

fn api_versions<'a>(id: &str, versions: &[VersionRef], history: &'a SiteHistory, notes: bool) -> Vec<ApiVersion<'a>> {
    versions
        .iter()
        .map(|v| {
            let commit = &history.history.commits[v.commit];
            ApiVersion {
                number: v.number,
                date: iso(commit.date),
                commit: &commit.id,
                url: urls::version(id, v.number),
                note: notes.then_some(commit.note.as_str()),
            }
        })
        .collect()
}

/// The JSON text of `api/documents.json`.
pub(crate) fn documents_json(site: &Site, history: &SiteHistory) -> String {
    let ids = |positions: &[usize]| -> Vec<&str> { positions.iter().map(|&p| site.documents[p].id.as_str()).collect() };
    let mut order: Vec<usize> = (0..site.documents.len()).collect();
    order.sort_by(|&a, &b| site.documents[a].id.cmp(&site.documents[b].id));
    let documents: Vec<ApiDocument> = order
        .into_iter()
        .map(|p| {
            let doc = &site.documents[p];
            let links = &site.index.links[p];
            let motion = doc
                .kind
                .motion()
                .zip(site.index.motions[p].as_ref())
                .map(|(m, state)| ApiMotion {
                    status: m.status.slug(),
                    effective_status: state.effective,
                    due: m.due.map(iso),
                    overdue: state.overdue,
                    settled_on: state.settlement.map(|s| iso(s.date)),
                    days_to_settle: state.settlement.map(|s| s.days),
                    submitters: &m.submitters,
                    vote: api_vote(site, p, m),
                    unanimous: m.unanimous,
                    made_by: doc.kind.commitment().and_then(|c| c.made_by.as_deref()),
                });
            let meeting_details = doc.kind.meeting().map(|m| api_meeting(site, p, m));
            let withdrawn = doc.withdrawn.is_some();
            let doc_history = &history.documents[p];
            ApiDocument {
                id: &doc.id,
                doc_type: doc.doc_type(),
                title: doc.public_title(),
                date: iso(doc.date),
                date_precision: doc.date_precision,
                url: urls::document(&doc.id),
                identifiers: doc.identifiers.iter().map(|i| i.value.as_str()).collect(),
                topics: &doc.topics,
                summary: doc.summary.as_deref().filter(|_| !withdrawn),
                source: doc.source.path.display().to_string().replace('\\', "/"),
                responds_to: ids(&links.responds_to),
                responded_by: ids(&links.responded_by),
                settles: ids(&links.settles),
                settled_by: ids(&links.settled_by),
                references: ids(&links.references),
                referenced_by: ids(&links.referenced_by),
                mentions: if withdrawn { Vec::new() } else { ids(&links.mentions) },
                mentioned_by: ids(&links.mentioned_by),
                meeting: links.decided_in.first().map(|&m| site.documents[m].id.as_str()),
                meetings: ids(&links.meetings),
                amends: ids(&links.amends).first().copied(),
                amendments: ids(&links.amendments),
                decides: ids(&links.decides).first().copied(),
                decided_by: ids(&links.decided_by).first().copied(),
                motion,
                meeting_details,
                state: if withdrawn { "withdrawn" } else { "published" },
                withdrawn: doc.withdrawn.as_ref().map(|w| ApiWithdrawal {
                    date: iso(w.date),
                    reason: &w.reason,
                }),
                version: doc_history.current_number(),
                draft: doc_history.draft,
                versions: api_versions(&doc.id, &doc_history.versions, history, !withdrawn),
            }
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&documents).expect("documents serialise to JSON");
    json.push('\n');
    json
}

/// A deleted document in `api/deleted.json`.
#[derive(Debug, Serialize)]
pub(crate) struct ApiDeleted<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub doc_type: Option<DocType>,
    /// `null` when the document was withdrawn before it was deleted.
    pub title: Option<&'a str>,
    pub url: String,
    /// The deleting commit; `null` when deleted in the working copy only.
    pub deleted: Option<ApiVersionRef<'a>>,
    pub withdrawn: Option<ApiWithdrawal<'a>>,
    pub versions: Vec<ApiVersion<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ApiVersionRef<'a> {
    pub date: String,
    pub commit: &'a str,
}

/// The JSON text of `api/deleted.json`, sorted by id.
pub(crate) fn deleted_json(history: &SiteHistory) -> String {
    let deleted: Vec<ApiDeleted> = history
        .tombstones
        .iter()
        .map(|stone| {
            let withdrawn = stone.withdrawn.is_some();
            ApiDeleted {
                id: &stone.id,
                doc_type: stone.doc_type,
                title: stone.title.as_deref().filter(|_| !withdrawn),
                url: urls::document(&stone.id),
                deleted: stone.deleted_in.map(|c| {
                    let commit = &history.history.commits[c];
                    ApiVersionRef {
                        date: iso(commit.date),
                        commit: &commit.id,
                    }
                }),
                withdrawn: stone.withdrawn.as_ref().map(|w| ApiWithdrawal {
                    date: iso(w.date),
                    reason: &w.reason,
                }),
                versions: api_versions(&stone.id, &stone.versions, history, !withdrawn),
            }
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&deleted).expect("deleted documents serialise to JSON");
    json.push('\n');
    json
}

/// `api/build.json`: which sources the site was built from.
#[derive(Debug, Serialize)]
pub(crate) struct ApiBuild<'a> {
    /// Full id of the `HEAD` commit; `null` outside git.
    pub commit: Option<&'a str>,
    /// The commit date; `null` outside git.
    pub date: Option<String>,
    pub griffie_version: &'static str,
    pub document_count: usize,
    /// Documents, templates or configuration differ from the commit.
    pub uncommitted: bool,
    /// The history is incomplete (shallow clone).
    pub shallow: bool,
}

/// The JSON text of `api/build.json`.
pub(crate) fn build_json(site: &Site, history: &SiteHistory) -> String {
    let head = history.history.head.as_ref();
    let build = ApiBuild {
        commit: head.map(|c| c.id.as_str()),
        date: head.map(|c| iso(c.date)),
        griffie_version: env!("CARGO_PKG_VERSION"),
        document_count: site.documents.len(),
        uncommitted: history.uncommitted,
        shallow: history.history.is_shallow(),
    };
    let mut json = serde_json::to_string_pretty(&build).expect("the build stamp serialises to JSON");
    json.push('\n');
    json
}
