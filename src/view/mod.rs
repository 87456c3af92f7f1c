//! The data templates see: small, serialisable views built from the resolved site.
//!
//! Architecture invariant: a page's context holds what that page shows and nothing that grows
//! with the corpus (a document page gets its own relations, never the list of all documents).
//! Dates arrive formatted in the site's language and as ISO for `<time datetime>`; every word
//! of the interface (type and status labels, the PDF link's label) comes from the catalog in the
//! site's language (`Views::lang`); URLs arrive complete with the site's base path, so templates
//! never build links themselves.

pub(crate) mod history;
pub(crate) mod lastmod;
pub(crate) mod meeting;
pub(crate) mod pdf_data;
pub(crate) mod structured;

use serde::Serialize;

use crate::dates::{format_date, format_dutch, iso, iso_with_precision};
use crate::i18n::Lang;
use crate::model::{DatePrecision, DocType, Document, Letter, Motion, Signatory, Submitter, Vote};
use crate::resolve::{EffectiveStatus, MotionState, Site};
use crate::urls;

/// A link to a document, as lists and relation blocks show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocRef {
    pub id: String,
    pub title: String,
    pub url: String,
    #[serde(rename = "type")]
    pub doc_type: DocType,
    pub type_label: String,
    pub date: DateView,
    pub summary: Option<String>,
    pub identifiers: Vec<String>,
    /// For motions and amendments: their effective status.
    pub status: Option<StatusView>,
    /// Withdrawn: `title` is a placeholder and the link leads to a tombstone.
    pub withdrawn: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateView {
    pub iso: String,
    pub text: String,
    pub year: i16,
}

impl DateView {
    pub(crate) fn new(lang: Lang, date: jiff::civil::Date, precision: DatePrecision) -> DateView {
        DateView {
            iso: iso_with_precision(date, precision),
            text: format_date(lang, date, precision),
            year: date.year(),
        }
    }

    pub(crate) fn day(lang: Lang, date: jiff::civil::Date) -> DateView {
        DateView {
            iso: iso(date),
            text: format_date(lang, date, DatePrecision::Day),
            year: date.year(),
        }
    }
}

/// A motion's status for display: the slug (for CSS and data, the same in every language) and
/// its words in the site's language.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusView {
    pub slug: &'static str,
    pub label: String,
    pub overdue: bool,
}

impl StatusView {
    pub(crate) fn new(lang: Lang, state: &MotionState) -> StatusView {
        StatusView {
            slug: state.effective.slug(),
            label: status_label(lang, state.effective),
            overdue: state.overdue,
        }
    }
}

/// "Aangenomen", "Adopted".
pub(crate) fn status_label(lang: Lang, status: EffectiveStatus) -> String {
    match status {
        EffectiveStatus::Ingediend => crate::t!(lang => "site.status.ingediend"),
        EffectiveStatus::Aangenomen => crate::t!(lang => "site.status.aangenomen"),
        EffectiveStatus::Open => crate::t!(lang => "site.status.open"),
        EffectiveStatus::Verworpen => crate::t!(lang => "site.status.verworpen"),
        EffectiveStatus::Ingetrokken => crate::t!(lang => "site.status.ingetrokken"),
        EffectiveStatus::Aangehouden => crate::t!(lang => "site.status.aangehouden"),
        EffectiveStatus::Afgedaan => crate::t!(lang => "site.status.afgedaan"),
    }
}

/// Builds views; holds the base path so URLs are made in one place, and the site's interface
/// language so every word and date is made in it.
pub(crate) struct Views<'s> {
    pub site: &'s Site,
    pub base_path: String,
    pub lang: Lang,
}

impl<'s> Views<'s> {
    pub(crate) fn new(site: &'s Site) -> Views<'s> {
        Views {
            site,
            base_path: site.config.base_path(),
            lang: site.config.lang(),
        }
    }

    /// A date of a known day, in the site's language.
    pub(crate) fn day(&self, date: jiff::civil::Date) -> DateView {
        DateView::day(self.lang, date)
    }

    /// A site-relative URL with the base path in front.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    pub(crate) fn doc_ref(&self, position: usize) -> DocRef {
        let doc = &self.site.documents[position];
        DocRef {
            id: doc.id.clone(),
            title: doc.public_title().to_string(),
            url: self.url(&urls::document(&doc.id)),
            doc_type: doc.doc_type(),
            type_label: doc.doc_type().label(self.lang),
            date: DateView::new(self.lang, doc.date, doc.date_precision),
            summary: doc.summary.clone().filter(|_| doc.withdrawn.is_none()),
            withdrawn: doc.withdrawn.is_some(),
            identifiers: doc.identifiers.iter().map(|i| i.value.clone()).collect(),
            status: self.site.index.motions[position]
                .as_ref()
                .map(|state| StatusView::new(self.lang, state)),
        }
    }

    pub(crate) fn doc_refs(&self, positions: &[usize]) -> Vec<DocRef> {
        positions.iter().map(|&p| self.doc_ref(p)).collect()
    }

    pub(crate) fn topic(&self, slug: &str) -> TopicView {
        let configured = self.site.config.topics.get(slug);
        TopicView {
            slug: slug.to_string(),
            title: self.site.config.topic_title(slug),
            description: configured.and_then(|t| t.description.clone()),
            url: self.url(&urls::dossier(slug)),
            count: self.site.index.by_topic.get(slug).map_or(0, Vec::len),
        }
    }

    pub(crate) fn type_view(&self, doc_type: DocType) -> TypeView {
        TypeView {
            slug: doc_type.slug(),
            label: doc_type.label(self.lang),
            plural: doc_type.plural_label(self.lang),
            url: self.url(&urls::type_list(doc_type)),
            count: self.site.index.by_type.get(&doc_type).map_or(0, Vec::len),
        }
    }
}

/// A dossier (topic).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TopicView {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub url: String,
    pub count: usize,
}

/// A document type with its list page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TypeView {
    pub slug: &'static str,
    pub label: String,
    pub plural: String,
    pub url: String,
    pub count: usize,
}

/// Everything a document page shows about its own document.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocumentView {
    #[serde(flatten)]
    pub head: DocRef,
    pub author: Option<String>,
    pub topics: Vec<TopicView>,
    pub body_html: Option<String>,
    pub toc: Vec<crate::markdown::TocEntry>,
    pub source_path: String,
    pub letter: Option<LetterView>,
    pub motion: Option<MotionView>,
    /// For a meeting: its facts and agenda.
    pub meeting: Option<meeting::MeetingView>,
    /// For a commitment (toezegging): who made it (`motion` holds its tracking).
    pub commitment: Option<CommitmentView>,
    /// The PDF brief, when one was made.
    pub pdf: Option<PdfView>,
}

/// The link to a document's PDF, with what a citizen wants to know before downloading it.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct PdfView {
    pub url: String,
    pub pages: usize,
    pub bytes: usize,
    /// "PDF, 2 pagina's, 41 kB", "PDF, 2 pages, 41 kB". Made only of numbers and catalog words,
    /// so templates may print it unescaped (tera would otherwise write the apostrophe as `&#39;`).
    pub label: String,
}

impl PdfView {
    pub(crate) fn new(views: &Views, id: &str, pdf: &crate::pdf::Pdf) -> PdfView {
        PdfView::at(views, &urls::file(&urls::pdf(id)), pdf)
    }

    /// The link to `pdf` written at `path` (relative to the output folder).
    pub(crate) fn at(views: &Views, path: &str, pdf: &crate::pdf::Pdf) -> PdfView {
        PdfView::of_size(views, path, pdf.pages, pdf.bytes.len())
    }

    /// The link to a PDF of `pages` pages and `bytes` bytes at `path`.
    pub(crate) fn of_size(views: &Views, path: &str, pages: usize, bytes: usize) -> PdfView {
        let size = file_size(views.lang, bytes);
        let label = if pages == 1 {
            crate::t!(views.lang => "site.pdf.label_one", pages = pages, size = size)
        } else {
            crate::t!(views.lang => "site.pdf.label_many", pages = pages, size = size)
        };
        PdfView {
            url: views.url(&format!("/{path}")),
            pages,
            bytes,
            label,
        }
    }
}

/// A file size as the site's readers expect it: "41 kB", and "1,2 MB" in Dutch, "1.2 MB" in
/// English.
pub(crate) fn file_size(lang: Lang, bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{} kB", bytes.div_ceil(1000).max(1))
    } else {
        let tenths = (bytes + 50_000) / 100_000;
        let mark = match lang {
            Lang::Nl => ',',
            Lang::En => '.',
        };
        format!("{}{mark}{} MB", tenths / 10, tenths % 10)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LetterView {
    pub addressee: Option<String>,
    pub salutation: String,
    pub handled_by: Option<String>,
    pub phone: Option<String>,
    pub attachments: Vec<String>,
    pub closing: String,
    pub sender: String,
    pub signatories: Vec<Signatory>,
}

impl LetterView {
    pub fn new(letter: &Letter, doc_type: DocType, site: &Site) -> LetterView {
        let config = &site.config;
        let is_raadsbrief = doc_type == DocType::Raadsbrief;
        LetterView {
            addressee: letter
                .addressee
                .clone()
                .or_else(|| is_raadsbrief.then(|| config.raadsbrief_addressee())),
            salutation: letter.salutation.clone().unwrap_or_else(|| {
                if is_raadsbrief {
                    config.salutation()
                } else {
                    "Geachte heer, mevrouw,".to_string()
                }
            }),
            handled_by: letter.handled_by.clone(),
            phone: letter.phone.clone(),
            attachments: letter.attachments.clone(),
            closing: letter.closing.clone().unwrap_or_else(|| config.closing()),
            sender: letter.sender.clone().unwrap_or_else(|| config.sender()),
            signatories: letter.signatories.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MotionView {
    /// The result of the vote as recorded.
    pub vote_status: &'static str,
    /// The date of the council meeting as the motion's own text says it ("De raad …, in
    /// vergadering bijeen op 21 mei 2015,"): that formula is part of the document, which stays
    /// as written (Dutch) whatever the interface language.
    pub meeting_date: String,
    pub status: StatusView,
    pub due: Option<DateView>,
    pub submitters: Vec<SubmitterView>,
    pub vote: Option<Vote>,
    /// The vote per party, with seats when the site has council terms.
    pub tally: Option<meeting::TallyView>,
    pub unanimous: bool,
    pub settlement: Option<SettlementView>,
}

/// A submitter, with a link to the party's page when the site configures parties.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SubmitterView {
    pub name: String,
    pub party: Option<String>,
    pub party_url: Option<String>,
}

impl SubmitterView {
    fn new(submitter: &Submitter, views: &Views) -> SubmitterView {
        let known = submitter
            .party
            .as_deref()
            .filter(|p| views.site.config.parties.contains_key(*p))
            .map(|p| views.party_ref(p));
        SubmitterView {
            name: submitter.name.clone(),
            party: known
                .as_ref()
                .map(|p| p.name.clone())
                .or_else(|| submitter.party.clone()),
            party_url: known.map(|p| p.url),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SettlementView {
    pub by: DocRef,
    pub date: DateView,
    pub days: i32,
}

impl MotionView {
    pub(crate) fn new(position: usize, motion: &Motion, state: &MotionState, views: &Views) -> MotionView {
        let doc = &views.site.documents[position];
        MotionView {
            vote_status: motion.status.slug(),
            meeting_date: format_dutch(doc.date, doc.date_precision),
            status: StatusView::new(views.lang, state),
            due: motion.due.map(|d| views.day(d)),
            submitters: motion.submitters.iter().map(|s| SubmitterView::new(s, views)).collect(),
            vote: motion.vote,
            tally: views.site.index.votes[position]
                .as_ref()
                .map(|tally| meeting::TallyView::new(tally, views)),
            unanimous: motion.unanimous,
            settlement: state.settlement.map(|s| SettlementView {
                by: views.doc_ref(s.by),
                date: views.day(s.date),
                days: s.days,
            }),
        }
    }
}

/// A document's relations, as links, both directions, each related document listed once.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RelationsView {
    pub responds_to: Vec<DocRef>,
    pub responded_by: Vec<DocRef>,
    pub settles: Vec<DocRef>,
    pub settled_by: Vec<DocRef>,
    pub references: Vec<DocRef>,
    pub referenced_by: Vec<DocRef>,
    pub mentions: Vec<DocRef>,
    pub mentioned_by: Vec<DocRef>,
    /// For a motion: every document that answers or settles it, oldest first.
    pub answers: Vec<DocRef>,
    /// The meeting the document was decided in, when known.
    pub decided_in: Option<DocRef>,
    /// The other meetings that had it on their agenda.
    pub meetings: Vec<DocRef>,
    /// For a meeting: the documents decided in it.
    pub decided: Vec<DocRef>,
    /// For an amendment or a decision: the proposal it amends or decides.
    pub proposal: Option<DocRef>,
    /// For a proposal: its amendments, oldest first, each with its result.
    pub amendments: Vec<DocRef>,
    /// For a proposal: the decision taken on it.
    pub decision: Option<DocRef>,
}

impl RelationsView {
    pub(crate) fn new(position: usize, views: &Views) -> RelationsView {
        let links = &views.site.index.links[position];
        let mut answers: Vec<usize> = links.responded_by.iter().chain(&links.settled_by).copied().collect();
        let docs = &views.site.documents;
        answers.sort_by(|&a, &b| {
            docs[a]
                .date
                .cmp(&docs[b].date)
                .then_with(|| docs[a].id.cmp(&docs[b].id))
        });
        answers.dedup();
        // A page lists each related document once: settling implies answering, and a cited
        // document whose number also appears in the text is listed as cited. The data files
        // keep every relation.
        let without = |list: &[usize], shown: &[usize]| -> Vec<DocRef> {
            let rest: Vec<usize> = list.iter().copied().filter(|p| !shown.contains(p)).collect();
            views.doc_refs(&rest)
        };
        RelationsView {
            responds_to: without(&links.responds_to, &links.settles),
            responded_by: without(&links.responded_by, &links.settled_by),
            settles: views.doc_refs(&links.settles),
            settled_by: views.doc_refs(&links.settled_by),
            references: views.doc_refs(&links.references),
            referenced_by: views.doc_refs(&links.referenced_by),
            mentions: without(&links.mentions, &links.references),
            mentioned_by: without(&links.mentioned_by, &links.referenced_by),
            answers: views.doc_refs(&answers),
            decided_in: links.decided_in.first().map(|&m| views.doc_ref(m)),
            meetings: without(&links.meetings, &links.decided_in),
            decided: views.doc_refs(&links.decided),
            proposal: links
                .amends
                .iter()
                .chain(&links.decides)
                .next()
                .map(|&p| views.doc_ref(p)),
            amendments: views.doc_refs(&links.amendments),
            decision: links.decided_by.first().map(|&d| views.doc_ref(d)),
        }
    }
}

pub(crate) fn document_view(position: usize, body: &crate::markdown::RenderedBody, views: &Views) -> DocumentView {
    let doc: &Document = &views.site.documents[position];
    DocumentView {
        head: views.doc_ref(position),
        author: doc.author.clone(),
        topics: doc.topics.iter().map(|t| views.topic(t)).collect(),
        body_html: (!body.html.is_empty()).then(|| body.html.clone()),
        toc: body.toc.clone(),
        source_path: doc.source.path.display().to_string().replace('\\', "/"),
        letter: doc
            .kind
            .letter()
            .map(|l| LetterView::new(l, doc.doc_type(), views.site)),
        motion: doc
            .kind
            .motion()
            .zip(views.site.index.motions[position].as_ref())
            .map(|(m, s)| MotionView::new(position, m, s, views)),
        meeting: doc
            .kind
            .meeting()
            .map(|m| meeting::MeetingView::new(m, position, views)),
        commitment: doc.kind.commitment().map(|c| CommitmentView {
            made_by: c.made_by.clone(),
        }),
        pdf: None,
    }
}

/// What a commitment adds to its tracking: who made it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CommitmentView {
    pub made_by: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::file_size;
    use crate::i18n::Lang;

    #[test]
    fn file_sizes_in_dutch_and_english() {
        assert_eq!(file_size(Lang::Nl, 40_321), "41 kB");
        assert_eq!(file_size(Lang::Nl, 12), "1 kB");
        assert_eq!(file_size(Lang::Nl, 1_234_567), "1,2 MB");
        assert_eq!(file_size(Lang::En, 1_234_567), "1.2 MB");
    }
}
