//! The council's side of a synthetic archive: its parties and their seats per term, a council
//! meeting on every Thursday that has motions or amendments, and votes recorded per party.
//!
//! Added after the documents are planned (see [`add_meetings`]), so a corpus with and without
//! council data holds the same base documents, and a benchmark can compare the two builds. The
//! votes are drawn from the seats of the day's term, so the recorded result always agrees with
//! them (no `vote-contradicts-status` or `vote-seats` warning), and a meeting lists exactly the
//! motions and amendments of its day (no `not-on-agenda` or `meeting-date` warning).

use std::collections::BTreeMap;
use std::fmt::Write;

use fastrand::Rng;
use griffie::{slugify, DatePrecision, DocType, MotionStatus};
use jiff::civil::Date;
use jiff::ToSpan;

use super::frontmatter::scalar;
use super::plan::{Planned, LAST_DAY};
use super::words::PARTIES;

/// The slug of each of [`PARTIES`], in the same order (what `griffie::slugify` makes of it).
pub const PARTY_SLUGS: [&str; 12] = [
    "vvd",
    "cda",
    "pvda",
    "groenlinks",
    "d66",
    "sp",
    "christenunie",
    "sterk-lokaal",
    "almelo-centraal",
    "pvv",
    "leefbaar-almelo",
    "hart-voor-almelo",
];

/// Council terms: the first day and the seats per party (index into [`PARTY_SLUGS`]), 31 seats
/// each; a party without seats in a term is not listed.
const TERMS: [(Date, [u32; 12]); 3] = [
    (Date::constant(2014, 3, 19), [5, 4, 4, 1, 3, 3, 2, 0, 4, 0, 3, 2]),
    (Date::constant(2018, 3, 21), [4, 3, 3, 2, 2, 2, 2, 3, 5, 2, 3, 0]),
    (Date::constant(2022, 3, 30), [4, 3, 2, 3, 2, 1, 2, 6, 4, 1, 2, 1]),
];

/// A vote per party: the slugs for and against, and at most one split party.
pub struct PartyVote {
    pub parties_for: Vec<&'static str>,
    pub against: Vec<&'static str>,
    /// (party, members for, members against).
    pub split: Option<(&'static str, u32, u32)>,
}

/// A planned meeting: its agenda as positions in the plan.
pub struct MeetingPlan {
    pub agenda: Vec<usize>,
}

/// The term of `day`: the last one that began on or before it.
fn term_at(day: Date) -> &'static [u32; 12] {
    let mut seats = &TERMS[0].1;
    for (from, term) in &TERMS {
        if *from <= day {
            seats = term;
        }
    }
    seats
}

/// The lines of `griffie.yaml` for the parties and terms.
pub fn config_lines(out: &mut String) {
    out.push_str("parties:\n");
    for (slug, name) in PARTY_SLUGS.iter().zip(PARTIES) {
        let _ = writeln!(out, "  {slug}: {{name: {}}}", scalar(name, true));
    }
    out.push_str("council_terms:\n");
    for (from, seats) in &TERMS {
        let listed: Vec<String> = PARTY_SLUGS
            .iter()
            .zip(seats)
            .filter(|(_, &n)| n > 0)
            .map(|(slug, n)| format!("{slug}: {n}"))
            .collect();
        let _ = writeln!(out, "  - from: {from}\n    seats: {{{}}}", listed.join(", "));
    }
}

/// Adds a council meeting per day with motions or amendments (appended to `docs`, so the
/// positions of the other documents stay), turns their vote counts into votes per party, writes
/// submitters' parties as slugs, and lets every other voted document name its meeting.
pub fn add_meetings(rng: &mut Rng, docs: &mut Vec<Planned>, seed: u64) {
    let mut by_day: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
    for (i, doc) in docs.iter_mut().enumerate() {
        if let Some(motion) = doc.motion.as_mut() {
            for (_, party) in &mut motion.submitters {
                if let Some(p) = party.as_mut() {
                    *p = PARTY_SLUGS[PARTIES.iter().position(|q| q == p).expect("a known party")];
                }
            }
        }
        if doc.doc_type.is_voted() && doc.precision == DatePrecision::Day {
            by_day.entry(doc.date).or_default().push(i);
        }
    }
    for (day, agenda) in by_day {
        let position = docs.len();
        for (n, &i) in agenda.iter().enumerate() {
            if n % 2 == 0 {
                docs[i].meeting = Some(position);
            }
            if let Some(motion) = docs[i].motion.as_mut() {
                if motion.vote.is_some() {
                    motion.vote = None;
                    motion.party_vote = Some(party_vote(rng, motion.status, day));
                }
            }
        }
        let topics = docs[agenda[0]].topics.clone();
        let theme = docs[agenda[0]].theme;
        docs.push(Planned {
            id: format!("raad-{day}"),
            title: format!("Raadsvergadering {}", griffie::format_dutch(day, DatePrecision::Day)),
            theme,
            topics,
            council_meeting: Some(MeetingPlan { agenda }),
            ..Planned::new(DocType::Vergadering, day, seed, position)
        });
        // A third of the meetings end with a commitment of the college, due well after the
        // corpus ends (so none is overdue: the corpus builds without warnings).
        if rng.u32(0..3) == 0 {
            let commitment = docs.len();
            let made_by = PORTFOLIO_HOLDERS[rng.usize(0..PORTFOLIO_HOLDERS.len())];
            let due = LAST_DAY
                .checked_add(rng.i32(1_100..=1_800).days())
                .expect("date in range");
            docs.push(Planned {
                id: format!("toezegging-{day}-{}", slugify(theme)),
                title: format!("Toezegging over {theme}"),
                theme,
                topics: docs[position].topics.clone(),
                meeting: Some(position),
                commitment: Some((made_by, due)),
                ..Planned::new(DocType::Toezegging, day, seed, commitment)
            });
        }
    }
}

/// Who makes commitments: the portfolio holders of a synthetic college.
const PORTFOLIO_HOLDERS: [&str; 4] = [
    "wethouder A. de Vries",
    "wethouder M. Bakker",
    "wethouder S. Yilmaz",
    "burgemeester J. Hendriks",
];

/// Parties in random order join the "for" side until it has a majority (adopted) or until one
/// more would give it one (not adopted); the rest vote against. Now and then one party's
/// members split, without changing the result.
fn party_vote(rng: &mut Rng, status: MotionStatus, day: Date) -> PartyVote {
    let seats = term_at(day);
    let total: u32 = seats.iter().sum();
    let mut order: Vec<usize> = (0..PARTY_SLUGS.len()).filter(|&p| seats[p] > 0).collect();
    rng.shuffle(&mut order);
    let adopted = status == MotionStatus::Aangenomen;
    let (mut parties_for, mut against, mut seats_for) = (Vec::new(), Vec::new(), 0);
    for p in order {
        let joins = if adopted {
            seats_for * 2 <= total
        } else {
            (seats_for + seats[p]) * 2 < total && rng.bool()
        };
        if joins {
            seats_for += seats[p];
            parties_for.push(p);
        } else {
            against.push(p);
        }
    }
    let seats_against = total - seats_for;
    // One member of a party with three or more seats votes with the other side.
    let mut split = None;
    if rng.u32(0..100) < 10 {
        let (side, margin_ok) = if adopted {
            (&mut parties_for, seats_for >= seats_against + 3)
        } else {
            (&mut against, seats_against >= seats_for + 2)
        };
        if let Some(k) = side.iter().position(|&p| seats[p] >= 3).filter(|_| margin_ok) {
            let p = side.remove(k);
            split = Some(if adopted {
                (PARTY_SLUGS[p], seats[p] - 1, 1)
            } else {
                (PARTY_SLUGS[p], 1, seats[p] - 1)
            });
        }
    }
    PartyVote {
        parties_for: parties_for.into_iter().map(|p| PARTY_SLUGS[p]).collect(),
        against: against.into_iter().map(|p| PARTY_SLUGS[p]).collect(),
        split,
    }
}

/// The front matter lines of a meeting.
pub fn meeting_fields(out: &mut String, docs: &[Planned], meeting: &MeetingPlan, municipality: &str) {
    out.push_str("kind: raad\nstatus: gehouden\nstart: \"19:30\"\n");
    let _ = writeln!(out, "location: Raadzaal, stadhuis {municipality}");
    out.push_str("agenda:\n  - number: \"1\"\n    title: Opening en vaststelling van de agenda\n");
    let (amendments, motions): (Vec<usize>, Vec<usize>) = meeting
        .agenda
        .iter()
        .partition(|&&i| docs[i].doc_type == DocType::Amendement);
    let mut number = 2;
    for (title, items) in [("Amendementen", amendments), ("Moties", motions)] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  - number: \"{number}\"\n    title: {title}\n    documents:");
        for i in items {
            let _ = writeln!(out, "      - {}", docs[i].id);
        }
        number += 1;
    }
    let _ = writeln!(out, "  - number: \"{number}\"\n    title: Sluiting");
}

/// `vote:` per party.
pub fn vote_fields(out: &mut String, vote: &PartyVote) {
    let _ = writeln!(
        out,
        "vote:\n  for: [{}]\n  against: [{}]",
        vote.parties_for.join(", "),
        vote.against.join(", ")
    );
    if let Some((party, votes_for, against)) = vote.split {
        let _ = writeln!(out, "  split:\n    {party}: {{for: {votes_for}, against: {against}}}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_what_griffie_makes_of_the_names() {
        for (slug, name) in PARTY_SLUGS.iter().zip(PARTIES) {
            assert_eq!(*slug, griffie::slugify(name));
        }
        for (_, seats) in &TERMS {
            assert_eq!(seats.iter().sum::<u32>(), 31);
        }
    }

    #[test]
    fn a_vote_per_party_agrees_with_the_result() {
        let mut rng = Rng::with_seed(5);
        for round in 0..400 {
            let status = if round % 2 == 0 {
                MotionStatus::Aangenomen
            } else {
                MotionStatus::Verworpen
            };
            let day = Date::constant(2015 + (round % 11) as i16, 6, 4);
            let vote = party_vote(&mut rng, status, day);
            let seats = term_at(day);
            let of = |slug: &str| seats[PARTY_SLUGS.iter().position(|s| *s == slug).unwrap()];
            let (mut yes, mut no): (u32, u32) = (
                vote.parties_for.iter().map(|p| of(p)).sum(),
                vote.against.iter().map(|p| of(p)).sum(),
            );
            if let Some((party, f, a)) = vote.split {
                assert_eq!(f + a, of(party));
                (yes, no) = (yes + f, no + a);
            }
            assert_eq!(yes + no, 31);
            assert_eq!(yes > no, status == MotionStatus::Aangenomen, "{yes} for, {no} against");
        }
    }
}
