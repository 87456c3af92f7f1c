//! `api/documents.json`: the corpus as open data, one object per document.
//!
//! The key names are a contract with tools outside griffie (see README, "Open data"): keep them,
//! add to them. Objects are sorted by id and lists by date, so the file is byte-identical for the
//! same sources.

use serde::Serialize;

use crate::dates::iso;
use crate::model::{DatePrecision, DocType, Submitter, Vote};
use crate::resolve::{EffectiveStatus, Site};

#[derive(Debug, Serialize)]
pub struct ApiDocument<'a> {
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
}

/// Extra keys for motions and amendments.
#[derive(Debug, Serialize)]
pub struct ApiMotion<'a> {
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

/// The JSON text of `api/documents.json`.
pub fn documents_json(site: &Site) -> String {
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
            ApiDocument {
                id: &doc.id,
                doc_type: doc.doc_type(),
                title: &doc.title,
                date: iso(doc.date),
                date_precision: doc.date_precision,
                url: doc.url_path(),
                identifiers: doc.identifiers.iter().map(|i| i.value.as_str()).collect(),
                topics: &doc.topics,
                summary: doc.summary.as_deref(),
                source: doc.source.path.display().to_string().replace('\\', "/"),
                responds_to: ids(&links.responds_to),
                responded_by: ids(&links.responded_by),
                settles: ids(&links.settles),
                settled_by: ids(&links.settled_by),
                references: ids(&links.references),
                referenced_by: ids(&links.referenced_by),
                mentions: ids(&links.mentions),
                mentioned_by: ids(&links.mentioned_by),
                motion,
            }
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&documents).expect("documents serialise to JSON");
    json.push('\n');
    json
}
