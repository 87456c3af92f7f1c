//! Motion tracking (the motievolglijst): from a motion's vote and the letters that settle it to
//! its effective status, settlement date and whether it is overdue.

use jiff::civil::Date;
use serde::Serialize;

use super::Links;
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Document, MotionStatus};

/// The status a citizen sees: the vote's result, or `afgedaan` once a document settles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EffectiveStatus {
    Ingediend,
    Aangenomen,
    Verworpen,
    Ingetrokken,
    Aangehouden,
    /// A commitment (toezegging) made and not yet settled.
    Open,
    Afgedaan,
}

impl EffectiveStatus {
    /// Every status, in the order the site lists them (search filters, badges).
    pub const ALL: [EffectiveStatus; 7] = [
        EffectiveStatus::Ingediend,
        EffectiveStatus::Aangenomen,
        EffectiveStatus::Verworpen,
        EffectiveStatus::Ingetrokken,
        EffectiveStatus::Aangehouden,
        EffectiveStatus::Open,
        EffectiveStatus::Afgedaan,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            EffectiveStatus::Ingediend => "ingediend",
            EffectiveStatus::Aangenomen => "aangenomen",
            EffectiveStatus::Verworpen => "verworpen",
            EffectiveStatus::Ingetrokken => "ingetrokken",
            EffectiveStatus::Aangehouden => "aangehouden",
            EffectiveStatus::Open => "open",
            EffectiveStatus::Afgedaan => "afgedaan",
        }
    }

    /// Still to be carried out: an adopted motion or an open commitment, not yet settled.
    pub fn is_pending(self) -> bool {
        matches!(self, EffectiveStatus::Aangenomen | EffectiveStatus::Open)
    }

    pub fn from_vote(status: MotionStatus) -> EffectiveStatus {
        match status {
            MotionStatus::Ingediend => EffectiveStatus::Ingediend,
            MotionStatus::Aangenomen => EffectiveStatus::Aangenomen,
            MotionStatus::Verworpen => EffectiveStatus::Verworpen,
            MotionStatus::Ingetrokken => EffectiveStatus::Ingetrokken,
            MotionStatus::Aangehouden => EffectiveStatus::Aangehouden,
        }
    }
}

/// The first document that settled a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settlement {
    /// Position of the settling document.
    pub by: usize,
    pub date: Date,
    /// Days from the motion's date (the vote) to the settling document's date.
    pub days: i32,
}

/// What the motievolglijst shows for one motion or amendment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MotionState {
    pub effective: EffectiveStatus,
    pub settlement: Option<Settlement>,
    /// Adopted, not settled, and its due date lies before the reference date.
    pub overdue: bool,
}

pub(super) fn motion_states(
    documents: &[Document],
    links: &[Links],
    as_of: Date,
    diagnostics: &mut Diagnostics,
) -> Vec<Option<MotionState>> {
    documents
        .iter()
        .zip(links)
        .map(|(doc, link)| {
            let motion = doc.kind.motion()?;
            // Only an adopted motion can be carried out: a letter "settling" a rejected or
            // withdrawn one is warned about below and doesn't change what the vote decided.
            let adopted = motion.status == MotionStatus::Aangenomen;
            let settlement = link.settled_by.first().filter(|_| adopted).map(|&by| {
                let date = documents[by].date;
                Settlement {
                    by,
                    date,
                    days: (date - doc.date).get_days(),
                }
            });
            for &by in &link.settled_by {
                check_settlement(doc, motion.status, &documents[by], diagnostics);
            }
            let effective = match settlement {
                Some(_) => EffectiveStatus::Afgedaan,
                None if doc.kind.commitment().is_some() => EffectiveStatus::Open,
                None => EffectiveStatus::from_vote(motion.status),
            };
            let overdue = effective.is_pending() && motion.due.is_some_and(|due| due < as_of);
            check_progress(doc, motion, effective, overdue, as_of, diagnostics);
            Some(MotionState {
                effective,
                settlement,
                overdue,
            })
        })
        .collect()
}

/// Warnings for adopted motions that nobody is tracking: past their due date and not settled,
/// or without a due date at all.
fn check_progress(
    doc: &Document,
    motion: &crate::model::Motion,
    effective: EffectiveStatus,
    overdue: bool,
    as_of: Date,
    diagnostics: &mut Diagnostics,
) {
    // Amendments change a proposal when adopted; motions and commitments ask the college to act.
    if !effective.is_pending() || !doc.doc_type().is_settled_by_letter() {
        return;
    }
    let commitment = doc.doc_type() == crate::model::DocType::Toezegging;
    match motion.due {
        Some(due) if overdue => {
            let (code, message, hint) = if commitment {
                (
                    Code::CommitmentOverdue,
                    crate::t!("motions.commitment_overdue", due = due, as_of = as_of),
                    crate::t!("motions.commitment_overdue_hint"),
                )
            } else {
                (
                    Code::MotionOverdue,
                    crate::t!("motions.overdue", due = due, as_of = as_of),
                    crate::t!("motions.overdue_hint"),
                )
            };
            diagnostics.push(
                Diagnostic::warning(code, &doc.source.path, message)
                    .at_opt(front_matter_value(doc, "due"))
                    .hint(hint),
            );
        }
        Some(_) => {}
        None if commitment => diagnostics.push(
            Diagnostic::warning(
                Code::CommitmentNoDue,
                &doc.source.path,
                crate::t!("motions.commitment_no_due"),
            )
            .at(doc.source.id_location)
            .hint(crate::t!("motions.no_due_hint")),
        ),
        None => diagnostics.push(
            Diagnostic::warning(Code::MotionNoDue, &doc.source.path, crate::t!("motions.no_due"))
                .at_opt(front_matter_value(doc, "status"))
                .hint(crate::t!("motions.no_due_hint")),
        ),
    }
}

/// A warning for a letter that answers a motion the council rejected or that was withdrawn:
/// there is nothing to carry out, so the link is probably to the wrong motion.
pub(super) fn check_answer_to_motion(letter: &Document, target: &Document, diagnostics: &mut Diagnostics) {
    let Some(motion) = target.kind.motion() else { return };
    if !letter.doc_type().is_letter() || !matches!(motion.status, MotionStatus::Verworpen | MotionStatus::Ingetrokken) {
        return;
    }
    let location = letter
        .responds_to
        .iter()
        .find(|r| r.value == target.id)
        .map(|r| r.location);
    diagnostics.push(
        Diagnostic::warning(
            Code::AnswersUnadopted,
            &letter.source.path,
            crate::t!(
                "motions.answers_unadopted",
                id = target.id,
                status = motion.status.slug()
            ),
        )
        .at_opt(location)
        .hint(crate::t!("motions.answers_unadopted_hint")),
    );
}

/// Where `key:`'s value is written in `doc`'s front matter (serde_yaml keeps no positions).
pub(super) fn front_matter_value(doc: &Document, key: &str) -> Option<crate::diagnostics::Location> {
    let text = &doc.source.text;
    // A .yaml record is all front matter (its body range is empty).
    let front_end = if doc.source.body.is_empty() {
        text.len()
    } else {
        doc.source.body.start
    };
    let front = &text[..front_end.min(text.len())];
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let value = rest.trim();
            let start = offset + key.len() + 1 + (rest.len() - rest.trim_start().len());
            let end = start + value.len().max(1).min(line.len() - (start - offset));
            return Some(crate::diagnostics::Location::in_text(text, start, end));
        }
        offset += line.len();
    }
    None
}

/// Warnings for settlements that are possible but probably a mistake.
fn check_settlement(motion: &Document, status: MotionStatus, by: &Document, diagnostics: &mut Diagnostics) {
    let location = by.settles.iter().find(|s| s.value == motion.id).map(|s| s.location);
    if status != MotionStatus::Aangenomen {
        diagnostics.push(
            Diagnostic::warning(
                Code::SettlesUnadopted,
                &by.source.path,
                crate::t!("motions.settles_unadopted", id = motion.id, status = status.slug()),
            )
            .at_opt(location)
            .hint(crate::t!("motions.settles_unadopted_hint")),
        );
    }
    if by.date < motion.date {
        diagnostics.push(
            Diagnostic::warning(
                Code::SettlesBeforeMotion,
                &by.source.path,
                crate::t!(
                    "motions.settles_before_motion",
                    date = by.date,
                    id = motion.id,
                    motion_date = motion.date
                ),
            )
            .at_opt(location)
            .hint(crate::t!("motions.settles_before_motion_hint")),
        );
    }
}
