//! The chain from a council proposal to its decision: amendments name the proposal they change
//! (`amends:`), a decision names the proposal it decides (`decides:`), and the proposal learns
//! both without writing them (`amendments`, `decided_by`).
//!
//! Only a `raadsvoorstel` can be amended or decided; any other target is an error at the id,
//! because a wrong type here is nearly always a mistyped id. A proposal decided twice is a
//! warning (a second decision usually belongs to a later proposal). A decision without
//! `meeting:` was taken in the meeting that decided its proposal.

use super::meetings::unknown_id;
use super::{Index, Links};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{DocType, Document, Spanned};

/// Resolves every `amends:` and `decides:` and fills the proposal links both ways.
pub(super) fn link_proposals(
    documents: &[Document],
    index: &Index,
    links: &mut [Links],
    diagnostics: &mut Diagnostics,
) {
    for (d, doc) in documents.iter().enumerate() {
        let (Some(written), Some(field)) = (&doc.proposal, doc.doc_type().proposal_field()) else {
            continue;
        };
        let Some(p) = proposal_position(doc, field, written, index, documents, diagnostics) else {
            continue;
        };
        if doc.doc_type() == DocType::Besluit {
            if let Some(&first) = links[p].decided_by.first() {
                report_second_decision(doc, written, &documents[first], &documents[p], diagnostics);
            }
            links[d].decides.push(p);
            links[p].decided_by.push(d);
        } else {
            links[d].amends.push(p);
            links[p].amendments.push(d);
        }
    }
    // A decision is taken in the meeting that decided its proposal, unless it names another.
    for d in 0..documents.len() {
        if let (Some(&p), true) = (links[d].decides.first(), links[d].decided_in.is_empty()) {
            if let Some(&m) = links[p].decided_in.first() {
                links[d].decided_in.push(m);
                links[m].decided.push(d);
            }
        }
    }
}

/// The proposal `written` names, when it names one.
fn proposal_position(
    doc: &Document,
    field: &str,
    written: &Spanned<String>,
    index: &Index,
    documents: &[Document],
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let Some(p) = index.position(&written.value) else {
        diagnostics.push(unknown_id(doc, field, written, documents, Some(DocType::Raadsvoorstel)));
        return None;
    };
    let target = &documents[p];
    if target.doc_type() == DocType::Raadsvoorstel {
        return Some(p);
    }
    let code = if p == index.position(&doc.id).unwrap_or(usize::MAX) {
        Code::SelfLink
    } else {
        Code::NotAProposal
    };
    diagnostics.push(
        Diagnostic::error(
            code,
            &doc.source.path,
            crate::t!(
                "proposals.not_a_proposal",
                field = field,
                id = target.id,
                doc_type = target.doc_type()
            ),
        )
        .at(written.location)
        .related(
            &target.source.path,
            Some(target.source.id_location),
            crate::t!("proposals.the_document"),
        )
        .hint(crate::t!("proposals.not_a_proposal_hint", field = field)),
    );
    None
}

fn report_second_decision(
    doc: &Document,
    written: &Spanned<String>,
    first: &Document,
    proposal: &Document,
    diagnostics: &mut Diagnostics,
) {
    diagnostics.push(
        Diagnostic::warning(
            Code::DecidedTwice,
            &doc.source.path,
            crate::t!("proposals.decided_twice", proposal = proposal.id, other = first.id),
        )
        .at(written.location)
        .related(
            &first.source.path,
            first.proposal.as_ref().map(|p| p.location),
            crate::t!("proposals.first_decision"),
        )
        .hint(crate::t!("proposals.decided_twice_hint")),
    );
}
