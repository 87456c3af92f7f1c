//! The typed content model: what a council document is.
//!
//! Everything after `load` works on these types, never on raw YAML. A document's kind is an enum
//! whose variants carry the fields only that kind has (a letter's signatories, a motion's
//! status), so a template or renderer cannot ask a motion for its addressee.
//! Relations are stored as written (ids with their position in the source); the `resolve` stage
//! turns them into an index with the computed back-links.

use std::fmt;
use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use crate::diagnostics::Location;
use crate::i18n::Lang;

/// The kinds of document a council publishes. The `type` field in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocType {
    Raadsbrief,
    Brief,
    Motie,
    Amendement,
    Raadsvoorstel,
    Besluit,
    Plan,
    Vergadering,
    Toezegging,
}

impl DocType {
    pub const ALL: [DocType; 9] = [
        DocType::Raadsbrief,
        DocType::Brief,
        DocType::Motie,
        DocType::Amendement,
        DocType::Raadsvoorstel,
        DocType::Besluit,
        DocType::Plan,
        DocType::Vergadering,
        DocType::Toezegging,
    ];

    /// The value written in front matter.
    pub fn slug(self) -> &'static str {
        match self {
            DocType::Raadsbrief => "raadsbrief",
            DocType::Brief => "brief",
            DocType::Motie => "motie",
            DocType::Amendement => "amendement",
            DocType::Raadsvoorstel => "raadsvoorstel",
            DocType::Besluit => "besluit",
            DocType::Plan => "plan",
            DocType::Vergadering => "vergadering",
            DocType::Toezegging => "toezegging",
        }
    }

    pub fn from_slug(slug: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|t| t.slug() == slug)
    }

    /// The folder of the type's list page, e.g. `raadsbrieven`.
    pub fn plural_slug(self) -> &'static str {
        match self {
            DocType::Raadsbrief => "raadsbrieven",
            DocType::Brief => "brieven",
            DocType::Motie => "moties",
            DocType::Amendement => "amendementen",
            DocType::Raadsvoorstel => "raadsvoorstellen",
            DocType::Besluit => "besluiten",
            DocType::Plan => "plannen",
            DocType::Vergadering => "vergaderingen",
            DocType::Toezegging => "toezeggingen",
        }
    }

    /// The type's name in the site's language, e.g. "Raadsbrief", "Council letter".
    pub fn label(self, lang: Lang) -> String {
        match self {
            DocType::Raadsbrief => crate::t!(lang => "site.type.raadsbrief"),
            DocType::Brief => crate::t!(lang => "site.type.brief"),
            DocType::Motie => crate::t!(lang => "site.type.motie"),
            DocType::Amendement => crate::t!(lang => "site.type.amendement"),
            DocType::Raadsvoorstel => crate::t!(lang => "site.type.raadsvoorstel"),
            DocType::Besluit => crate::t!(lang => "site.type.besluit"),
            DocType::Plan => crate::t!(lang => "site.type.plan"),
            DocType::Vergadering => crate::t!(lang => "site.type.vergadering"),
            DocType::Toezegging => crate::t!(lang => "site.type.toezegging"),
        }
    }

    /// The plural, e.g. "Raadsbrieven", "Council letters".
    pub fn plural_label(self, lang: Lang) -> String {
        match self {
            DocType::Raadsbrief => crate::t!(lang => "site.types.raadsbrief"),
            DocType::Brief => crate::t!(lang => "site.types.brief"),
            DocType::Motie => crate::t!(lang => "site.types.motie"),
            DocType::Amendement => crate::t!(lang => "site.types.amendement"),
            DocType::Raadsvoorstel => crate::t!(lang => "site.types.raadsvoorstel"),
            DocType::Besluit => crate::t!(lang => "site.types.besluit"),
            DocType::Plan => crate::t!(lang => "site.types.plan"),
            DocType::Vergadering => crate::t!(lang => "site.types.vergadering"),
            DocType::Toezegging => crate::t!(lang => "site.types.toezegging"),
        }
    }

    pub fn is_letter(self) -> bool {
        matches!(self, DocType::Raadsbrief | DocType::Brief)
    }

    /// Motions and amendments are voted on and carry a status.
    pub fn is_voted(self) -> bool {
        matches!(self, DocType::Motie | DocType::Amendement)
    }

    /// What the tracker (the motievolglijst, "moties en toezeggingen") follows until a document
    /// settles it: motions, amendments and the college's commitments.
    pub fn is_tracked(self) -> bool {
        matches!(self, DocType::Motie | DocType::Amendement | DocType::Toezegging)
    }

    /// What is carried out and settled by a letter (`settles:`), with a due date and overdue
    /// warnings: motions and commitments (an amendment changes a decision, nothing to carry out).
    pub fn is_settled_by_letter(self) -> bool {
        matches!(self, DocType::Motie | DocType::Toezegging)
    }

    /// The field naming the proposal this type acts on: an amendment `amends` a proposal, a
    /// decision `decides` one.
    pub fn proposal_field(self) -> Option<&'static str> {
        match self {
            DocType::Amendement => Some("amends"),
            DocType::Besluit => Some("decides"),
            _ => None,
        }
    }

    /// Documents the council decides in a meeting, which may say which one (`meeting:`); a
    /// commitment names the meeting it was made in.
    pub fn is_decided_in_meeting(self) -> bool {
        matches!(
            self,
            DocType::Motie | DocType::Amendement | DocType::Raadsvoorstel | DocType::Besluit | DocType::Toezegging
        )
    }
}

impl fmt::Display for DocType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// The result of the council's vote on a motion or amendment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MotionStatus {
    Ingediend,
    Aangenomen,
    Verworpen,
    Ingetrokken,
    Aangehouden,
}

impl MotionStatus {
    pub const ALL: [MotionStatus; 5] = [
        MotionStatus::Ingediend,
        MotionStatus::Aangenomen,
        MotionStatus::Verworpen,
        MotionStatus::Ingetrokken,
        MotionStatus::Aangehouden,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            MotionStatus::Ingediend => "ingediend",
            MotionStatus::Aangenomen => "aangenomen",
            MotionStatus::Verworpen => "verworpen",
            MotionStatus::Ingetrokken => "ingetrokken",
            MotionStatus::Aangehouden => "aangehouden",
        }
    }

    pub fn from_slug(slug: &str) -> Option<MotionStatus> {
        MotionStatus::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// How much of `date` is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    #[default]
    Day,
    Month,
    Year,
}

/// A value together with where it was written, so later stages can point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub location: Location,
}

/// Someone who signs a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signatory {
    pub role: String,
    pub name: String,
}

/// A council member who submitted a motion or amendment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Submitter {
    pub name: String,
    pub party: Option<String>,
    /// Where `party` is written, for a party `parties:` does not know.
    #[serde(skip)]
    pub party_location: Option<Location>,
}

/// A recorded vote count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Vote {
    #[serde(rename = "for")]
    pub votes_for: u32,
    pub against: u32,
}

/// A vote recorded per party (`vote: {for: [vvd, cda], against: [pvv]}`): the slugs as
/// written, checked against `parties:` in `resolve`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartyVote {
    pub parties_for: Vec<Spanned<String>>,
    pub against: Vec<Spanned<String>>,
    /// Parties whose members voted both ways, with the members' votes.
    pub split: Vec<SplitVote>,
}

/// A party whose members did not all vote the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitVote {
    pub party: Spanned<String>,
    pub votes_for: u32,
    pub against: u32,
}

/// What a letter shows besides its text. Empty fields fall back to the site configuration's
/// defaults where the house style has one (salutation, closing, sender).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Letter {
    pub addressee: Option<String>,
    pub salutation: Option<String>,
    pub handled_by: Option<String>,
    pub phone: Option<String>,
    pub attachments: Vec<String>,
    pub closing: Option<String>,
    pub sender: Option<String>,
    pub signatories: Vec<Signatory>,
}

/// What a motion or amendment records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Motion {
    pub status: MotionStatus,
    pub due: Option<Date>,
    pub submitters: Vec<Submitter>,
    pub vote: Option<Vote>,
    /// The vote per party, when recorded so (then `vote` is `None`: resolve computes the seats).
    pub party_vote: Option<PartyVote>,
    pub unanimous: bool,
}

/// What kind of body meets (`kind:` of a `vergadering`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MeetingKind {
    Raad,
    Commissie,
    Presidium,
    Overig,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 4] = [
        MeetingKind::Raad,
        MeetingKind::Commissie,
        MeetingKind::Presidium,
        MeetingKind::Overig,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            MeetingKind::Raad => "raad",
            MeetingKind::Commissie => "commissie",
            MeetingKind::Presidium => "presidium",
            MeetingKind::Overig => "overig",
        }
    }

    pub fn from_slug(slug: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// Whether a meeting took place (`status:` of a `vergadering`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MeetingStatus {
    Gepland,
    Gehouden,
    Geannuleerd,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 3] = [
        MeetingStatus::Gepland,
        MeetingStatus::Gehouden,
        MeetingStatus::Geannuleerd,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            MeetingStatus::Gepland => "gepland",
            MeetingStatus::Gehouden => "gehouden",
            MeetingStatus::Geannuleerd => "geannuleerd",
        }
    }

    pub fn from_slug(slug: &str) -> Option<MeetingStatus> {
        MeetingStatus::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// One item of a meeting's agenda, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    /// The item's number as the agenda prints it ("3", "4a"), when it has one.
    pub number: Option<String>,
    pub title: String,
    /// The documents treated under this item, as written.
    pub documents: Vec<Spanned<String>>,
}

/// What a meeting (`vergadering`) records besides its notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub kind: MeetingKind,
    /// Starting time `HH:MM`, as written.
    pub start: Option<String>,
    pub location: Option<String>,
    pub status: MeetingStatus,
    pub agenda: Vec<AgendaItem>,
}

/// The kind of a document with the fields only that kind has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Raadsbrief(Letter),
    Brief(Letter),
    Motie(Motion),
    Amendement(Motion),
    Raadsvoorstel,
    Besluit,
    Plan,
    Vergadering(Meeting),
    Toezegging(Commitment),
}

/// A commitment (toezegging) the college made in a meeting: tracked like an adopted motion
/// (`tracked.status` is always `aangenomen`: made, to be carried out), by whom it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    pub tracked: Motion,
    /// The portfolio holder (wethouder or burgemeester) who made it.
    pub made_by: Option<String>,
}

impl Kind {
    pub fn doc_type(&self) -> DocType {
        match self {
            Kind::Raadsbrief(_) => DocType::Raadsbrief,
            Kind::Brief(_) => DocType::Brief,
            Kind::Motie(_) => DocType::Motie,
            Kind::Amendement(_) => DocType::Amendement,
            Kind::Raadsvoorstel => DocType::Raadsvoorstel,
            Kind::Besluit => DocType::Besluit,
            Kind::Plan => DocType::Plan,
            Kind::Vergadering(_) => DocType::Vergadering,
            Kind::Toezegging(_) => DocType::Toezegging,
        }
    }

    pub fn commitment(&self) -> Option<&Commitment> {
        match self {
            Kind::Toezegging(commitment) => Some(commitment),
            _ => None,
        }
    }

    pub fn meeting(&self) -> Option<&Meeting> {
        match self {
            Kind::Vergadering(meeting) => Some(meeting),
            _ => None,
        }
    }

    pub fn letter(&self) -> Option<&Letter> {
        match self {
            Kind::Raadsbrief(letter) | Kind::Brief(letter) => Some(letter),
            _ => None,
        }
    }

    /// What the tracker follows: the motion part of a motion or amendment, the tracked part of
    /// a commitment (see [`DocType::is_tracked`]).
    pub fn motion(&self) -> Option<&Motion> {
        match self {
            Kind::Motie(motion) | Kind::Amendement(motion) => Some(motion),
            Kind::Toezegging(commitment) => Some(&commitment.tracked),
            _ => None,
        }
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the project folder, as shown in diagnostics.
    pub path: PathBuf,
    /// Where `id:` is written, for diagnostics about the document as a whole.
    pub id_location: Location,
    /// The full text of the file, kept for diagnostics about the body.
    pub text: String,
    /// Byte range of the Markdown body in `text`; empty for metadata-only records.
    pub body: std::ops::Range<usize>,
}

/// One council document, as written by the clerk and checked by `load`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    pub date: Date,
    pub date_precision: DatePrecision,
    pub identifiers: Vec<Spanned<String>>,
    pub responds_to: Vec<Spanned<String>>,
    pub settles: Vec<Spanned<String>>,
    pub references: Vec<Spanned<String>>,
    /// The meeting (a `vergadering` id) a motion, amendment, proposal or decision was decided in.
    pub meeting: Option<Spanned<String>>,
    /// The proposal (a `raadsvoorstel` id) this document acts on: the one an amendment amends
    /// (`amends:`) or a decision decides (`decides:`); see [`DocType::proposal_field`].
    pub proposal: Option<Spanned<String>>,
    pub topics: Vec<String>,
    pub summary: Option<String>,
    pub author: Option<String>,
    /// `woo_category:`: the document's own place in the Woo index, over its type's.
    pub woo_category: Option<Spanned<crate::tooi::WooChoice>>,
    /// Taken back after publication: only a tombstone is published, never the text.
    pub withdrawn: Option<Withdrawal>,
    pub source: Source,
    /// The identifier-shaped pieces of the body, found on first use: a preview session keeps
    /// documents between rounds, so only an edited one is scanned again.
    pub candidates: Memo<Vec<crate::identifiers::Mention>>,
}

/// A value computed once from data that never changes after `load`, on first use. Not part
/// of the value: two documents are equal whether or not it has been computed.
#[derive(Debug, Clone, Default)]
pub struct Memo<T>(std::sync::OnceLock<T>);

impl<T> Memo<T> {
    pub fn get_or_init(&self, make: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(make)
    }
}

impl<T> PartialEq for Memo<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Memo<T> {}

/// What lists and links show instead of a withdrawn document's title.
pub(crate) const WITHDRAWN_TITLE: &str = "Ingetrokken document";

/// Why and when a published document was withdrawn (`withdrawn:` in the front matter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    pub date: Date,
    /// The public reason, shown on the tombstone.
    pub reason: String,
}

impl Document {
    pub fn doc_type(&self) -> DocType {
        self.kind.doc_type()
    }

    /// Every identifier-shaped piece of the body (ranges relative to the body), in order.
    pub fn candidates(&self) -> &[crate::identifiers::Mention] {
        self.candidates.get_or_init(|| {
            self.body()
                .map(|body| crate::identifiers::find_candidates(body).collect())
                .unwrap_or_default()
        })
    }

    /// The title other pages may show: a withdrawn document's title is part of its text and
    /// disappears with it.
    pub fn public_title(&self) -> &str {
        if self.withdrawn.is_some() {
            WITHDRAWN_TITLE
        } else {
            &self.title
        }
    }

    /// The Markdown body, `None` for a metadata-only record or an empty body.
    pub fn body(&self) -> Option<&str> {
        let body = &self.source.text[self.source.body.clone()];
        (!body.trim().is_empty()).then_some(body)
    }
}
