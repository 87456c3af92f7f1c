//! `/doc.json`: everything a PDF template shows, as plain data.
//!
//! URLs are absolute (a PDF lives outside the site); dates come both as Dutch text and as
//! numbers for typst's `datetime`.

use serde::Serialize;

use crate::dates::format_dutch;
use crate::model::{DatePrecision, Document, Submitter, Vote};
use crate::render::doc_tree::Node;
use crate::render::view::{status_label, LetterView};
use crate::resolve::{EffectiveStatus, Site};

#[derive(Debug, Serialize)]
pub struct PdfData<'a> {
    pub site: PdfSite<'a>,
    pub doc: PdfDoc<'a>,
    /// Related documents in groups ("Antwoord op", "Verwijst naar", …), only non-empty groups.
    pub relations: Vec<PdfRelation>,
    pub body: &'a [Node],
}

#[derive(Debug, Serialize)]
pub struct PdfSite<'a> {
    pub title: &'a str,
    pub municipality: &'a str,
    pub address: &'a [String],
    pub url: &'a str,
}

#[derive(Debug, Serialize)]
pub struct PdfDate {
    pub text: String,
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

impl PdfDate {
    fn new(date: jiff::civil::Date, precision: DatePrecision) -> PdfDate {
        PdfDate {
            text: format_dutch(date, precision),
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PdfDoc<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub doc_type: &'static str,
    pub type_label: &'static str,
    pub title: &'a str,
    pub date: PdfDate,
    pub identifiers: Vec<&'a str>,
    pub summary: Option<&'a str>,
    pub author: Option<&'a str>,
    /// The document's page on the site.
    pub url: String,
    pub letter: Option<LetterView>,
    pub motion: Option<PdfMotion<'a>>,
}

#[derive(Debug, Serialize)]
pub struct PdfMotion<'a> {
    pub vote_status: &'static str,
    pub status_label: &'static str,
    pub overdue: bool,
    pub due: Option<String>,
    pub submitters: &'a [Submitter],
    pub vote: Option<Vote>,
    pub unanimous: bool,
    pub settled_by: Option<PdfLink>,
    pub settled_on: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PdfRelation {
    pub label: &'static str,
    pub items: Vec<PdfLink>,
}

#[derive(Debug, Serialize)]
pub struct PdfLink {
    pub title: String,
    pub type_label: &'static str,
    pub date: String,
    pub url: String,
}

/// The data of `doc` with its body tree. `position`: the current document it is (or is an
/// earlier version of) when its relations and motion state belong in the PDF.
pub fn pdf_data<'a>(site: &'a Site, doc: &'a Document, position: Option<usize>, body: &'a [Node]) -> PdfData<'a> {
    let link = |p: usize| pdf_link(site, &site.documents[p]);
    let none = crate::resolve::Links::default();
    let links = position.map_or(&none, |p| &site.index.links[p]);
    let groups: [(&'static str, &[usize]); 6] = [
        ("Antwoord op", &links.responds_to),
        ("Handelt af", &links.settles),
        ("Verwijst naar", &links.references),
        ("Beantwoord door", &links.responded_by),
        ("Afgedaan door", &links.settled_by),
        ("Aangehaald in", &links.referenced_by),
    ];
    let relations = groups
        .into_iter()
        .filter(|(_, items)| !items.is_empty())
        .map(|(label, items)| PdfRelation {
            label,
            items: items.iter().map(|&p| link(p)).collect(),
        })
        .collect();
    PdfData {
        site: PdfSite {
            title: &site.config.title,
            municipality: &site.config.municipality,
            address: &site.config.address,
            url: site.config.site_origin(),
        },
        doc: PdfDoc {
            id: &doc.id,
            doc_type: doc.doc_type().slug(),
            type_label: doc.doc_type().label(),
            title: &doc.title,
            date: PdfDate::new(doc.date, doc.date_precision),
            identifiers: doc.identifiers.iter().map(|i| i.value.as_str()).collect(),
            summary: doc.summary.as_deref(),
            author: doc.author.as_deref(),
            url: page_url(site, doc),
            letter: doc.kind.letter().map(|l| LetterView::new(l, doc.doc_type(), site)),
            motion: motion(site, doc, position),
        },
        relations,
        body,
    }
}

fn motion<'a>(site: &'a Site, doc: &'a Document, position: Option<usize>) -> Option<PdfMotion<'a>> {
    let motion = doc.kind.motion()?;
    let state = position.and_then(|p| site.index.motions[p].as_ref());
    Some(PdfMotion {
        vote_status: motion.status.slug(),
        status_label: status_label(state.map_or(EffectiveStatus::from_vote(motion.status), |s| s.effective)),
        overdue: state.is_some_and(|s| s.overdue),
        due: motion.due.map(|d| format_dutch(d, DatePrecision::Day)),
        submitters: &motion.submitters,
        vote: motion.vote,
        unanimous: motion.unanimous,
        settled_by: state
            .and_then(|s| s.settlement)
            .map(|s| pdf_link(site, &site.documents[s.by])),
        settled_on: state
            .and_then(|s| s.settlement)
            .map(|s| format_dutch(s.date, DatePrecision::Day)),
    })
}

fn pdf_link(site: &Site, doc: &Document) -> PdfLink {
    PdfLink {
        title: doc.public_title().to_string(),
        type_label: doc.doc_type().label(),
        date: format_dutch(doc.date, doc.date_precision),
        url: page_url(site, doc),
    }
}

fn page_url(site: &Site, doc: &Document) -> String {
    format!("{}{}", site.config.site_origin(), doc.url_path())
}
