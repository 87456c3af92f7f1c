//! Motion tracking (the motievolglijst): from a motion's vote and the letters that settle it to
//! its effective status, settlement date and whether it is overdue.

use jiff::civil::Date;
use serde::Serialize;

use super::Links;
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
    Afgedaan,
}

impl EffectiveStatus {
    pub fn slug(self) -> &'static str {
        match self {
            EffectiveStatus::Ingediend => "ingediend",
            EffectiveStatus::Aangenomen => "aangenomen",
            EffectiveStatus::Verworpen => "verworpen",
            EffectiveStatus::Ingetrokken => "ingetrokken",
            EffectiveStatus::Aangehouden => "aangehouden",
            EffectiveStatus::Afgedaan => "afgedaan",
        }
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

pub fn motion_states(
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
            let settlement = link.settled_by.first().map(|&by| {
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
                None => EffectiveStatus::from_vote(motion.status),
            };
            let overdue = effective == EffectiveStatus::Aangenomen && motion.due.is_some_and(|due| due < as_of);
            Some(MotionState {
                effective,
                settlement,
                overdue,
            })
        })
        .collect()
}

/// Warnings for settlements that are possible but probably a mistake.
fn check_settlement(motion: &Document, status: MotionStatus, by: &Document, diagnostics: &mut Diagnostics) {
    let location = by.settles.iter().find(|s| s.value == motion.id).map(|s| s.location);
    if status != MotionStatus::Aangenomen {
        diagnostics.push(
            Diagnostic::warning(
                "settles-unadopted",
                &by.source.path,
                format!(
                    "this document settles `{}`, but that motion was {}, not adopted",
                    motion.id,
                    status.slug()
                ),
            )
            .at_opt(location)
            .hint("only adopted motions are carried out; check the motion's `status` or use `responds_to`"),
        );
    }
    if by.date < motion.date {
        diagnostics.push(
            Diagnostic::warning(
                "settles-before-motion",
                &by.source.path,
                format!(
                    "this document ({}) is dated before the motion `{}` it settles ({})",
                    by.date, motion.id, motion.date
                ),
            )
            .at_opt(location)
            .hint("check the `date` of both documents"),
        );
    }
}
