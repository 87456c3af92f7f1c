//! `/doc.json`: everything a PDF template shows, as plain data.
//!
//! URLs are absolute (a PDF lives outside the site); dates come both as text in the site's
//! language and as numbers for typst's `datetime`. Every word the templates show besides the
//! document's own text comes in `labels`, from the catalog in the site's language (`lang`), so
//! the typst templates hold no interface words of their own.

use serde::Serialize;

use crate::dates::{format_date, format_dutch};
use crate::i18n::Lang;
use crate::markdown::tree::{BodyTree, Node};
use crate::model::{DatePrecision, Document, Submitter, Vote};
use crate::pdf::{Blocks, PdfSubject, Place};
use crate::resolve::{EffectiveStatus, Site};
use crate::view::{status_label, LetterView};

#[derive(Debug, Serialize)]
pub struct PdfData<'a> {
    /// The site's interface language, `nl` or `en` (the document's own text is Dutch).
    pub lang: &'static str,
    pub labels: PdfLabels,
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

/// The interface words of the PDF templates, in the site's language.
#[derive(Debug, Serialize)]
pub struct PdfLabels {
    /// "Gemeente Almelo": the letterhead and the PDF's author.
    pub municipality: String,
    /// The footer's "Pagina 1 van 3": `page` and `of` around the numbers.
    pub page: String,
    pub of: String,
    pub postal_address: String,
    /// Above a raadsbrief's subject: "Raadsbrief ter informatie".
    pub council_letter: String,
    pub attachment: String,
    pub phone: String,
    pub handled_by: String,
    pub date: String,
    pub subject: String,
    pub identifier: String,
    pub author: String,
    pub submitted_by: String,
    pub status: String,
    /// After the status when the due date has passed: "(streefdatum verstreken)".
    pub overdue: String,
    pub vote: String,
    pub due: String,
    pub settled: String,
    /// "Afgedaan met", before the link to the settling document.
    pub settled_with: String,
    /// The title of a report's table of contents.
    pub contents: String,
    pub image: String,
    /// "Deze motie staat online op", before the link to the document's page.
    pub online: String,
    pub meeting_kind: String,
    pub meeting_status: String,
    pub meeting_start: String,
    pub meeting_location: String,
    pub agenda: String,
    pub no_agenda: String,
    pub made_by: String,
    pub made_in: String,
}

impl PdfLabels {
    fn new(lang: Lang, site: &Site, doc: &Document) -> PdfLabels {
        let type_label = doc.doc_type().label(lang).to_lowercase();
        PdfLabels {
            municipality: crate::t!(lang => "site.municipality", municipality = site.config.municipality),
            page: crate::t!(lang => "site.pdf.page"),
            of: crate::t!(lang => "site.pdf.of"),
            postal_address: crate::t!(lang => "site.pdf.postal_address"),
            council_letter: crate::t!(lang => "site.pdf.council_letter"),
            attachment: crate::t!(lang => "site.pdf.attachment"),
            phone: crate::t!(lang => "site.document.phone"),
            handled_by: crate::t!(lang => "site.fact.handled_by"),
            date: crate::t!(lang => "site.fact.date"),
            subject: crate::t!(lang => "site.pdf.subject"),
            identifier: crate::t!(lang => "site.fact.identifier"),
            author: crate::t!(lang => "site.fact.author"),
            submitted_by: crate::t!(lang => "site.fact.submitters"),
            status: crate::t!(lang => "site.document.status"),
            overdue: crate::t!(lang => "site.pdf.overdue"),
            vote: crate::t!(lang => "site.fact.vote"),
            due: crate::t!(lang => "site.fact.due"),
            settled: crate::t!(lang => "site.status.afgedaan"),
            settled_with: crate::t!(lang => "site.pdf.settled_with"),
            contents: crate::t!(lang => "site.pdf.contents"),
            image: crate::t!(lang => "site.pdf.image"),
            online: crate::t!(lang => "site.pdf.online", kind = type_label),
            meeting_kind: crate::t!(lang => "site.meeting.kind_fact"),
            meeting_status: crate::t!(lang => "site.meeting.status_fact"),
            meeting_start: crate::t!(lang => "site.meeting.start"),
            meeting_location: crate::t!(lang => "site.meeting.location"),
            agenda: crate::t!(lang => "site.meeting.agenda"),
            no_agenda: crate::t!(lang => "site.meeting.no_agenda"),
            made_by: crate::t!(lang => "site.commitment.made_by"),
            made_in: crate::t!(lang => "site.commitment.made_in"),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PdfDate {
    pub text: String,
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

impl PdfDate {
    fn new(lang: Lang, date: jiff::civil::Date, precision: DatePrecision) -> PdfDate {
        PdfDate {
            text: format_date(lang, date, precision),
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
    pub type_label: String,
    pub title: &'a str,
    pub date: PdfDate,
    pub identifiers: Vec<&'a str>,
    pub summary: Option<&'a str>,
    pub author: Option<&'a str>,
    /// The document's page on the site.
    pub url: String,
    pub letter: Option<LetterView>,
    pub motion: Option<PdfMotion<'a>>,
    pub meeting: Option<PdfMeeting>,
    /// For a commitment: who made it, and the meeting it was made in ("title, date").
    pub made_by: Option<&'a str>,
    pub made_in: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PdfMeeting {
    pub kind_label: String,
    pub status_label: String,
    pub start: Option<String>,
    pub location: Option<String>,
    pub agenda: Vec<PdfAgendaItem>,
}

#[derive(Debug, Serialize)]
pub struct PdfAgendaItem {
    /// As the agenda prints it, else the item's place from 1.
    pub number: String,
    pub title: String,
    pub documents: Vec<PdfAgendaDocument>,
}

#[derive(Debug, Serialize)]
pub struct PdfAgendaDocument {
    pub title: String,
    pub type_label: String,
    pub date: String,
    pub url: String,
    /// For a motion or amendment: its result ("Aangenomen").
    pub result: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PdfMotion<'a> {
    pub vote_status: &'static str,
    pub status_label: String,
    /// The vote as a phrase: "12 stemmen voor, 8 tegen", "met algemene stemmen".
    pub vote_text: String,
    /// The meeting's date as the motion's own (Dutch) opening formula says it.
    pub meeting_date: String,
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
    pub label: String,
    pub items: Vec<PdfLink>,
}

#[derive(Debug, Serialize)]
pub struct PdfLink {
    pub title: String,
    pub type_label: String,
    pub date: String,
    pub url: String,
}

/// The data of `doc` with its body tree. `position`: the current document it is (or is an
/// earlier version of) when its relations and motion state belong in the PDF.
/// A document as the PDF engine sees it: its template (the type's), identity and date, its
/// source for problems, and its `/doc.json` made from [`pdf_data`].
pub(crate) struct PdfOf<'a> {
    pub site: &'a Site,
    pub doc: &'a Document,
    /// The document's place in the site; `None` for an earlier version (then without the
    /// relations and motion state of today: those belong to the current version).
    pub position: Option<usize>,
    pub body: &'a BodyTree,
}

impl PdfSubject for PdfOf<'_> {
    fn template(&self) -> &str {
        self.doc.doc_type().slug()
    }

    fn ident(&self) -> &str {
        &self.doc.id
    }

    fn date(&self) -> jiff::civil::Date {
        self.doc.date
    }

    fn place(&self) -> Place<'_> {
        Place {
            path: &self.doc.source.path,
            text: &self.doc.source.text,
            fallback: self.doc.source.id_location,
        }
    }

    fn blocks(&self) -> usize {
        self.body.nodes.len()
    }

    fn block_start(&self, index: usize) -> usize {
        self.doc.source.body.start + self.body.starts.get(index).copied().unwrap_or(0)
    }

    fn json(&self, blocks: Blocks) -> Vec<u8> {
        let neutral;
        let nodes = match blocks {
            Blocks::All => &self.body.nodes[..],
            Blocks::First(count) => &self.body.nodes[..count],
            Blocks::Neutral(index) => {
                neutral = [self.body.nodes[index].neutral()];
                &neutral[..]
            }
        };
        serde_json::to_vec(&pdf_data(self.site, self.doc, self.position, nodes)).expect("PDF data serialises to JSON")
    }
}

pub fn pdf_data<'a>(site: &'a Site, doc: &'a Document, position: Option<usize>, body: &'a [Node]) -> PdfData<'a> {
    let lang = site.config.lang();
    let link = |p: usize| pdf_link(site, &site.documents[p]);
    let none = crate::resolve::Links::default();
    let links = position.map_or(&none, |p| &site.index.links[p]);
    let groups: [(String, &[usize]); 6] = [
        (crate::t!(lang => "site.relation.responds_to"), &links.responds_to),
        (crate::t!(lang => "site.relation.settles"), &links.settles),
        (crate::t!(lang => "site.relation.references"), &links.references),
        (crate::t!(lang => "site.relation.responded_by"), &links.responded_by),
        (crate::t!(lang => "site.relation.settled_by"), &links.settled_by),
        (crate::t!(lang => "site.relation.cited_in"), &links.referenced_by),
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
        lang: lang.code(),
        labels: PdfLabels::new(lang, site, doc),
        site: PdfSite {
            title: &site.config.title,
            municipality: &site.config.municipality,
            address: &site.config.address,
            url: site.config.site_origin(),
        },
        doc: PdfDoc {
            id: &doc.id,
            doc_type: doc.doc_type().slug(),
            type_label: doc.doc_type().label(lang),
            title: &doc.title,
            date: PdfDate::new(lang, doc.date, doc.date_precision),
            identifiers: doc.identifiers.iter().map(|i| i.value.as_str()).collect(),
            summary: doc.summary.as_deref(),
            author: doc.author.as_deref(),
            url: page_url(site, doc),
            letter: doc.kind.letter().map(|l| LetterView::new(l, doc.doc_type(), site)),
            motion: motion(site, doc, position),
            meeting: meeting(site, doc, position),
            made_by: doc.kind.commitment().and_then(|c| c.made_by.as_deref()),
            made_in: doc
                .kind
                .commitment()
                .and(position)
                .and_then(|p| site.index.links[p].decided_in.first().copied())
                .map(|m| {
                    let meeting = &site.documents[m];
                    format!(
                        "{}, {}",
                        meeting.public_title(),
                        format_date(lang, meeting.date, meeting.date_precision)
                    )
                }),
        },
        relations,
        body,
    }
}

fn motion<'a>(site: &'a Site, doc: &'a Document, position: Option<usize>) -> Option<PdfMotion<'a>> {
    let motion = doc.kind.motion()?;
    let lang = site.config.lang();
    let state = position.and_then(|p| site.index.motions[p].as_ref());
    let tally = position.and_then(|p| site.index.votes[p].as_ref());
    let vote_text = match (motion.vote, tally) {
        (Some(vote), _) => crate::t!(lang => "site.pdf.votes", votes_for = vote.votes_for, against = vote.against),
        (None, _) if motion.unanimous => crate::t!(lang => "site.fact.unanimous"),
        (None, Some(tally)) => {
            let views = crate::view::Views::new(site);
            let parties = crate::view::meeting::TallyView::new(tally, &views).summary;
            match (tally.seats_for, tally.seats_against) {
                (Some(votes_for), Some(against)) => format!(
                    "{} {parties}",
                    crate::t!(lang => "site.pdf.votes", votes_for = votes_for, against = against)
                ),
                _ => parties,
            }
        }
        (None, None) => crate::t!(lang => "site.pdf.vote_unknown"),
    };
    Some(PdfMotion {
        vote_status: motion.status.slug(),
        status_label: status_label(
            lang,
            state.map_or(EffectiveStatus::from_vote(motion.status), |s| s.effective),
        ),
        vote_text,
        meeting_date: format_dutch(doc.date, doc.date_precision),
        overdue: state.is_some_and(|s| s.overdue),
        due: motion.due.map(|d| format_date(lang, d, DatePrecision::Day)),
        submitters: &motion.submitters,
        vote: motion.vote,
        unanimous: motion.unanimous,
        settled_by: state
            .and_then(|s| s.settlement)
            .map(|s| pdf_link(site, &site.documents[s.by])),
        settled_on: state
            .and_then(|s| s.settlement)
            .map(|s| format_date(lang, s.date, DatePrecision::Day)),
    })
}

/// A meeting's facts and agenda; an earlier version's agenda names its documents as they are
/// today only through the current version (`position`), so it lists titles only by id then.
fn meeting(site: &Site, doc: &Document, position: Option<usize>) -> Option<PdfMeeting> {
    let meeting = doc.kind.meeting()?;
    let views = crate::view::Views::new(site);
    let resolved = position.map(|p| &site.index.links[p].agenda);
    let agenda = meeting
        .agenda
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let documents = match resolved.and_then(|agenda| agenda.get(i)) {
                Some(positions) => positions.iter().map(|&p| agenda_document(site, p)).collect(),
                None => item
                    .documents
                    .iter()
                    .filter_map(|id| site.index.position(&id.value))
                    .map(|p| agenda_document(site, p))
                    .collect(),
            };
            PdfAgendaItem {
                number: item.number.clone().unwrap_or_else(|| (i + 1).to_string()),
                title: item.title.clone(),
                documents,
            }
        })
        .collect();
    Some(PdfMeeting {
        kind_label: crate::view::meeting::kind_label(&views, meeting.kind),
        status_label: crate::view::meeting::status_label(&views, meeting.status),
        start: meeting.start.clone(),
        location: meeting.location.clone(),
        agenda,
    })
}

fn agenda_document(site: &Site, position: usize) -> PdfAgendaDocument {
    let lang = site.config.lang();
    let link = pdf_link(site, &site.documents[position]);
    PdfAgendaDocument {
        title: link.title,
        type_label: link.type_label,
        date: link.date,
        url: link.url,
        result: site.index.motions[position]
            .as_ref()
            .map(|state| status_label(lang, state.effective)),
    }
}

fn pdf_link(site: &Site, doc: &Document) -> PdfLink {
    let lang = site.config.lang();
    PdfLink {
        title: doc.public_title().to_string(),
        type_label: doc.doc_type().label(lang),
        date: format_date(lang, doc.date, doc.date_precision),
        url: page_url(site, doc),
    }
}

fn page_url(site: &Site, doc: &Document) -> String {
    format!("{}{}", site.config.site_origin(), crate::urls::document(&doc.id))
}
