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
use crate::model::{DatePrecision, DocType, Submitter, Vote};
use crate::resolve::{EffectiveStatus, Site};
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
    #[serde(flatten)]
    pub motion: Option<ApiMotion<'a>>,
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
    pub vote: Option<Vote>,
    pub unanimous: bool,
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
                    vote: m.vote,
                    unanimous: m.unanimous,
                });
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
                motion,
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
