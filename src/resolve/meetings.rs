//! Meetings and what was decided in them: a meeting's agenda (ids per item), a document's
//! `meeting:`, and the links both ways between them.
//!
//! A document and a meeting know each other when either says so: the meeting's agenda lists the
//! document, or the document names the meeting in `meeting:`. Neither has to repeat the other;
//! the links are computed here (a document's `meetings`, a meeting's `on_agenda` and
//! `decided`). Where both are written and disagree, or a document's date is not its meeting's,
//! a warning says so: it is usually a wrong id or a wrong date.

use super::{Index, Links};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{DocType, Document, MeetingKind, Spanned};

/// Resolves every agenda (per meeting, per item, positions of its documents) and every
/// `meeting:`, fills the meeting links of `links`, and reports what does not fit.
pub(super) fn link_meetings(documents: &[Document], index: &Index, links: &mut [Links], diagnostics: &mut Diagnostics) {
    for (m, doc) in documents.iter().enumerate() {
        let Some(meeting) = doc.kind.meeting() else { continue };
        let mut agenda = Vec::with_capacity(meeting.agenda.len());
        for item in &meeting.agenda {
            let positions = resolve_agenda_item(doc, m, &item.documents, index, documents, diagnostics);
            for &p in &positions {
                links[m].on_agenda.push(p);
                links[p].meetings.push(m);
            }
            agenda.push(positions);
        }
        links[m].agenda = agenda;
    }
    for (d, doc) in documents.iter().enumerate() {
        let Some(written) = &doc.meeting else { continue };
        let Some(m) = meeting_position(doc, written, index, documents, diagnostics) else {
            continue;
        };
        if !links[m].on_agenda.contains(&d) {
            // A commitment is made while the meeting debates an item: never on the agenda itself.
            if doc.doc_type() != DocType::Toezegging {
                report_not_on_agenda(doc, written, &documents[m], diagnostics);
            }
            links[d].meetings.push(m);
        }
        links[d].decided_in = vec![m];
        check_date(doc, written, &documents[m], diagnostics);
    }
    // A decided document without `meeting:` on the agenda of a council meeting was decided in
    // the last one of them that was held (a proposal is often discussed in committee first).
    for d in 0..documents.len() {
        if !links[d].decided_in.is_empty() || !documents[d].doc_type().is_decided_in_meeting() {
            continue;
        }
        let last_council = links[d]
            .meetings
            .iter()
            .copied()
            .filter(|&m| is_held_council_meeting(&documents[m]))
            .max_by_key(|&m| (documents[m].date, documents[m].id.as_str()));
        links[d].decided_in.extend(last_council);
    }
    for d in 0..documents.len() {
        for m in links[d].decided_in.clone() {
            links[m].decided.push(d);
        }
    }
}

fn is_held_council_meeting(doc: &Document) -> bool {
    doc.kind
        .meeting()
        .is_some_and(|m| m.kind == MeetingKind::Raad && m.status == crate::model::MeetingStatus::Gehouden)
}

/// The positions of one agenda item's documents; unknown ids and the meeting itself are errors.
fn resolve_agenda_item(
    meeting: &Document,
    own: usize,
    ids: &[Spanned<String>],
    index: &Index,
    documents: &[Document],
    diagnostics: &mut Diagnostics,
) -> Vec<usize> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match index.position(&id.value) {
            Some(p) if p == own => diagnostics.push(
                Diagnostic::error(
                    Code::SelfLink,
                    &meeting.source.path,
                    crate::t!("resolve.self_link", field = "agenda"),
                )
                .at(id.location)
                .hint(crate::t!("resolve.self_link_hint")),
            ),
            Some(p) if out.contains(&p) => diagnostics.push(
                Diagnostic::warning(
                    Code::DuplicateLink,
                    &meeting.source.path,
                    crate::t!("resolve.duplicate_link", id = id.value, field = "agenda"),
                )
                .at(id.location)
                .hint(crate::t!("resolve.duplicate_link_hint")),
            ),
            Some(p) => out.push(p),
            None => diagnostics.push(unknown_id(meeting, "agenda", id, documents, None)),
        }
    }
    out
}

/// The meeting a document's `meeting:` names, when it names one.
fn meeting_position(
    doc: &Document,
    written: &Spanned<String>,
    index: &Index,
    documents: &[Document],
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let Some(m) = index.position(&written.value) else {
        diagnostics.push(unknown_id(
            doc,
            "meeting",
            written,
            documents,
            Some(DocType::Vergadering),
        ));
        return None;
    };
    let target = &documents[m];
    if target.doc_type() == DocType::Vergadering {
        return Some(m);
    }
    diagnostics.push(
        Diagnostic::error(
            Code::NotAMeeting,
            &doc.source.path,
            crate::t!("meetings.not_a_meeting", id = target.id, doc_type = target.doc_type()),
        )
        .at(written.location)
        .hint(crate::t!("meetings.not_a_meeting_hint")),
    );
    None
}

/// An id naming no document, with the likeliest id meant: among the documents of `expected`
/// type when the field takes one type only (`meeting:`, `amends:`), else among all.
pub(super) fn unknown_id(
    doc: &Document,
    field: &str,
    id: &Spanned<String>,
    documents: &[Document],
    expected: Option<DocType>,
) -> Diagnostic {
    let candidates = documents
        .iter()
        .filter(|d| expected.is_none_or(|t| d.doc_type() == t))
        .map(|d| d.id.as_str());
    let hint = match crate::suggest::did_you_mean(&id.value, candidates) {
        Some(best) => crate::t!("suggest.did_you_mean", best = best),
        None => crate::t!("resolve.unknown_id_hint"),
    };
    Diagnostic::error(
        Code::UnknownId,
        &doc.source.path,
        crate::t!("resolve.unknown_id", field = field, id = id.value),
    )
    .at(id.location)
    .hint(hint)
}

fn report_not_on_agenda(doc: &Document, written: &Spanned<String>, meeting: &Document, diagnostics: &mut Diagnostics) {
    diagnostics.push(
        Diagnostic::warning(
            Code::NotOnAgenda,
            &doc.source.path,
            crate::t!("meetings.not_on_agenda", meeting = meeting.id),
        )
        .at(written.location)
        .related(
            &meeting.source.path,
            Some(meeting.source.id_location),
            crate::t!("meetings.the_meeting"),
        )
        .hint(crate::t!("meetings.not_on_agenda_hint", id = doc.id)),
    );
}

fn check_date(doc: &Document, written: &Spanned<String>, meeting: &Document, diagnostics: &mut Diagnostics) {
    // A proposal is dated when the college sends it, before the meeting that decides it.
    let sent_before = doc.doc_type() == DocType::Raadsvoorstel && doc.date < meeting.date;
    if doc.date == meeting.date || sent_before {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(
            Code::MeetingDate,
            &doc.source.path,
            crate::t!(
                "meetings.date_differs",
                date = doc.date,
                meeting = meeting.id,
                meeting_date = meeting.date
            ),
        )
        .at(written.location)
        .hint(crate::t!("meetings.date_differs_hint")),
    );
}
