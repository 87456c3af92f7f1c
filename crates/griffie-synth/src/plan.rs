//! The shape of a synthetic corpus, before any text is written: which documents exist, their
//! dates, ids and numbers, and how they point at each other.
//!
//! Documents are planned oldest first, so every relation points back in time and the rules
//! `resolve` checks hold by construction: a letter only settles an adopted motion dated before
//! it, ids and identifiers are unique, no list names a document twice or the document itself.

use std::collections::HashSet;

use fastrand::Rng;
use griffie::slugify;
use griffie::{DatePrecision, DocType, MotionStatus};
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

use super::council::{MeetingPlan, PartyVote};
use super::links::{link, Pools};
use super::text;
use super::topics::{self, TOPICS};

/// One document of the corpus, with relations as positions in the plan.
pub struct Planned {
    pub id: String,
    pub doc_type: DocType,
    pub title: String,
    /// The subject the text is about, taken from the main topic.
    pub theme: &'static str,
    pub date: Date,
    pub precision: DatePrecision,
    /// Written as a `.yaml` record without body.
    pub metadata_only: bool,
    /// Indexes into [`TOPICS`], main topic first.
    pub topics: Vec<usize>,
    /// Printed forms, e.g. `Raad - 2408221`.
    pub identifiers: Vec<String>,
    pub responds_to: Vec<usize>,
    pub settles: Vec<usize>,
    pub references: Vec<usize>,
    /// Documents whose first identifier the body mentions.
    pub mentions: Vec<usize>,
    pub motion: Option<MotionPlan>,
    /// The meeting this voted document names in `meeting:` (see [`crate::council`]).
    pub meeting: Option<usize>,
    /// For a meeting: its agenda.
    pub council_meeting: Option<MeetingPlan>,
    /// For a commitment (toezegging): who made it and its due date.
    pub commitment: Option<(&'static str, Date)>,
    /// Seed of this document's own text, independent of every other document.
    pub seed: u64,
}

impl Planned {
    /// A document of `doc_type` on `date` (precision: the day) with nothing else planned yet;
    /// the seed of its text from the corpus `seed` and its `position` in the corpus.
    pub fn new(doc_type: DocType, date: Date, seed: u64, position: usize) -> Planned {
        Planned {
            id: String::new(),
            doc_type,
            title: String::new(),
            theme: "",
            date,
            precision: DatePrecision::Day,
            metadata_only: false,
            topics: Vec::new(),
            identifiers: Vec::new(),
            responds_to: Vec::new(),
            settles: Vec::new(),
            references: Vec::new(),
            mentions: Vec::new(),
            motion: None,
            meeting: None,
            council_meeting: None,
            commitment: None,
            seed: seed ^ (position as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        }
    }
}

pub struct MotionPlan {
    pub status: MotionStatus,
    pub due: Option<Date>,
    /// (name, party); party `None` is written as a plain name.
    pub submitters: Vec<(String, Option<&'static str>)>,
    pub vote: Option<(u32, u32)>,
    /// Instead of `vote`, in a corpus with council data.
    pub party_vote: Option<PartyVote>,
    pub unanimous: bool,
}

/// Relative frequency of each type: mostly raadsbrieven and moties, as in a real archive.
const TYPE_WEIGHTS: [(DocType, u32); 7] = [
    (DocType::Raadsbrief, 36),
    (DocType::Motie, 28),
    (DocType::Brief, 9),
    (DocType::Raadsvoorstel, 9),
    (DocType::Amendement, 7),
    (DocType::Besluit, 7),
    (DocType::Plan, 4),
];

const FIRST_DAY: Date = Date::constant(2015, 1, 5);
pub const LAST_DAY: Date = Date::constant(2026, 6, 30);

/// Plans `n` documents. Same `rng` state, same plan.
pub fn plan(rng: &mut Rng, n: usize, seed: u64) -> Vec<Planned> {
    let mut docs = skeleton(rng, n, seed);
    let mut counters = Counters::new(rng);
    let mut pools = Pools::default();
    let mut used_ids = HashSet::new();
    for i in 0..docs.len() {
        docs[i].identifiers = counters.identifiers(rng, &docs[i]);
        if docs[i].doc_type.is_voted() {
            docs[i].motion = Some(motion_plan(rng, &docs[i]));
        }
        link(rng, &mut docs, i, &mut pools);
        assign_topics(rng, &mut docs, i);
        docs[i].title = text::title(rng, &docs, i);
        docs[i].id = unique_id(&docs[i], &mut used_ids);
        pools.add(&docs, i);
    }
    keep_open_motions_on_time(rng, &mut docs, pools.open_motions());
    docs
}

/// An adopted motion nobody settled gets a due date well after the corpus (and its synthetic
/// history) ends: the corpus builds without warnings, and `motion-overdue` stays a real signal.
fn keep_open_motions_on_time(rng: &mut Rng, docs: &mut [Planned], open: &[usize]) {
    for &i in open {
        if let Some(motion) = docs[i].motion.as_mut() {
            motion.due = Some(
                LAST_DAY
                    .checked_add(rng.i32(1_100..=1_800).days())
                    .expect("date in range"),
            );
        }
    }
}

/// Types, dates and precision, sorted oldest first.
fn skeleton(rng: &mut Rng, n: usize, seed: u64) -> Vec<Planned> {
    let span = (LAST_DAY - FIRST_DAY).get_days();
    let mut slots: Vec<(Date, usize, DocType, DatePrecision, bool)> = (0..n)
        .map(|i| {
            // The first seven cover every type, so even a tiny corpus has each.
            let doc_type = if i < TYPE_WEIGHTS.len() {
                TYPE_WEIGHTS[i].0
            } else {
                pick_type(rng)
            };
            let metadata_only = rng.u32(0..100) < if doc_type.is_voted() { 2 } else { 7 };
            let precision = match (metadata_only, rng.u32(0..100)) {
                (true, 0..=4) => DatePrecision::Year,
                (true, 5..=49) => DatePrecision::Month,
                _ => DatePrecision::Day,
            };
            let day = FIRST_DAY.checked_add(rng.i32(0..=span).days()).expect("date in range");
            (snap(day, doc_type, precision), i, doc_type, precision, metadata_only)
        })
        .collect();
    slots.sort_by_key(|s| (s.0, s.1));
    slots
        .into_iter()
        .enumerate()
        .map(|(position, (date, _, doc_type, precision, metadata_only))| Planned {
            precision,
            metadata_only,
            ..Planned::new(doc_type, date, seed, position)
        })
        .collect()
}

fn pick_type(rng: &mut Rng) -> DocType {
    let mut roll = rng.u32(0..100);
    for (doc_type, weight) in TYPE_WEIGHTS {
        if roll < weight {
            return doc_type;
        }
        roll -= weight;
    }
    DocType::Raadsbrief
}

/// Motions are voted on council Thursdays; letters go out on weekdays; a date known only to the
/// month or year is written as its first day.
fn snap(day: Date, doc_type: DocType, precision: DatePrecision) -> Date {
    let back = |days: i8| day.checked_sub(i32::from(days).days()).expect("date in range");
    match precision {
        DatePrecision::Year => return day.first_of_year(),
        DatePrecision::Month => return day.first_of_month(),
        DatePrecision::Day => {}
    }
    let offset = day.weekday().to_monday_zero_offset();
    if doc_type.is_voted() {
        let thursday = Weekday::Thursday.to_monday_zero_offset();
        return back((offset - thursday).rem_euclid(7));
    }
    back((offset - 4).max(0))
}

/// The dossiers of document `i`: those of the motion or proposal it answers, else drawn by weight.
fn assign_topics(rng: &mut Rng, docs: &mut [Planned], i: usize) {
    let answered = docs[i].responds_to.first().or(docs[i].references.first()).copied();
    if let Some(j) = answered.filter(|&j| matches!(docs[j].doc_type, DocType::Motie | DocType::Raadsvoorstel)) {
        (docs[i].topics, docs[i].theme) = (docs[j].topics.clone(), docs[j].theme);
        return;
    }
    let doc = &mut docs[i];
    let main = topics::pick(rng);
    doc.topics.push(main);
    if rng.u32(0..100) < 25 {
        let second = topics::pick(rng);
        if second != main {
            doc.topics.push(second);
        }
    }
    doc.theme = TOPICS[main].themes[rng.usize(0..TOPICS[main].themes.len())];
}

/// Rising number series, so numbers grow with time like a real register and never repeat.
struct Counters {
    raad: u32,
    dcs: u32,
    d: u32,
}

impl Counters {
    fn new(rng: &mut Rng) -> Counters {
        Counters {
            raad: 1_200_000 + rng.u32(0..100_000),
            dcs: 1_500_000 + rng.u32(0..100_000),
            d: 400_000,
        }
    }

    fn identifiers(&mut self, rng: &mut Rng, doc: &Planned) -> Vec<String> {
        let mut out = Vec::new();
        let spaced = rng.bool();
        let mut raad = |rng: &mut Rng| {
            self.raad += rng.u32(1..=40);
            if spaced {
                format!("Raad - {}", self.raad)
            } else {
                format!("Raad-{}", self.raad)
            }
        };
        match doc.doc_type {
            DocType::Raadsbrief | DocType::Raadsvoorstel => out.push(raad(rng)),
            DocType::Brief if rng.u32(0..100) < 30 => out.push(raad(rng)),
            _ => {}
        }
        let dcs = match doc.doc_type {
            DocType::Besluit => true,
            DocType::Raadsbrief | DocType::Brief | DocType::Raadsvoorstel => rng.u32(0..100) < 35,
            _ => false,
        };
        if dcs {
            self.dcs += rng.u32(1..=60);
            out.push(if spaced {
                format!("DCS - {}", self.dcs)
            } else {
                format!("DCS-{}", self.dcs)
            });
        }
        let d = match doc.doc_type {
            DocType::Brief => true,
            DocType::Raadsbrief | DocType::Plan => rng.u32(0..100) < 30,
            _ => false,
        };
        if d {
            self.d += rng.u32(1..=90);
            out.push(format!("D/{:02}/{}", doc.date.year() % 100, self.d));
        }
        out
    }
}

fn motion_plan(rng: &mut Rng, doc: &Planned) -> MotionPlan {
    let status = match rng.u32(0..100) {
        0..=67 => MotionStatus::Aangenomen,
        68..=87 => MotionStatus::Verworpen,
        88..=93 => MotionStatus::Ingetrokken,
        94..=97 => MotionStatus::Aangehouden,
        _ => MotionStatus::Ingediend,
    };
    let adopted = status == MotionStatus::Aangenomen;
    // Every adopted motion gets a due date (`motion-no-due` warns otherwise).
    let due = (adopted && doc.doc_type == DocType::Motie)
        .then(|| doc.date.checked_add(rng.i32(60..=720).days()).expect("date in range"));
    let seats = 33 - rng.u32(0..4);
    let (vote, unanimous) = match status {
        MotionStatus::Aangenomen if rng.u32(0..100) < 15 => (rng.bool().then_some((seats, 0)), true),
        MotionStatus::Aangenomen => vote(rng, seats, true),
        MotionStatus::Verworpen => vote(rng, seats, false),
        _ => (None, false),
    };
    MotionPlan {
        status,
        due,
        submitters: submitters(rng),
        vote,
        party_vote: None,
        unanimous,
    }
}

fn vote(rng: &mut Rng, seats: u32, adopted: bool) -> (Option<(u32, u32)>, bool) {
    if rng.u32(0..100) < 25 {
        return (None, false);
    }
    let majority = rng.u32(seats / 2 + 1..seats);
    let pair = if adopted {
        (majority, seats - majority)
    } else {
        (seats - majority, majority)
    };
    (Some(pair), false)
}

fn submitters(rng: &mut Rng) -> Vec<(String, Option<&'static str>)> {
    use super::words::{INITIALS, PARTIES, SURNAMES};
    let count = 1 + rng.usize(0..4);
    let plain = rng.u32(0..100) < 10;
    let mut parties: Vec<&'static str> = Vec::new();
    while parties.len() < count {
        let party = PARTIES[rng.usize(0..PARTIES.len())];
        if !parties.contains(&party) {
            parties.push(party);
        }
    }
    parties
        .into_iter()
        .map(|party| {
            let name = format!(
                "{} {}",
                INITIALS[rng.usize(0..INITIALS.len())],
                SURNAMES[rng.usize(0..SURNAMES.len())]
            );
            (name, (!plain).then_some(party))
        })
        .collect()
}

/// `type-date-first-words-of-title`, with the date as precise as it is known.
fn unique_id(doc: &Planned, used: &mut HashSet<String>) -> String {
    let date = match doc.precision {
        DatePrecision::Day => doc.date.to_string(),
        DatePrecision::Month => format!("{:04}-{:02}", doc.date.year(), doc.date.month()),
        DatePrecision::Year => format!("{:04}", doc.date.year()),
    };
    let words: Vec<String> = slugify(&doc.title).split('-').take(6).map(str::to_string).collect();
    let base = format!("{}-{date}-{}", doc.doc_type.slug(), words.join("-"))
        .trim_end_matches('-')
        .to_string();
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}
