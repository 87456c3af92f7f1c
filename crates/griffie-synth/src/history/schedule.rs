//! The shape of a synthetic history, before any text is edited: which commits exist, when and by
//! whom they are made, what they say, and which documents each one adds, edits, moves or deletes.
//!
//! The layout: one import commit adds every document; then `10 × (versions − 1)` edit commits,
//! each touching a random 2–18 % of the documents (10 % on average, so a document gets
//! `versions` versions on average); a few rename commits in the middle of the history move
//! documents (same id, new path) and nothing else; a few deletion commits late in the history
//! delete documents for good. Commits fall on working days, one per day, in office hours.

use std::collections::HashSet;

use fastrand::Rng;
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

use super::HistoryOptions;
use crate::plan::Planned;
use crate::topics::TOPICS;

/// How an edit commit changes the documents it touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// A sentence inserted, replaced or deleted (a summary line for a metadata-only record).
    Text,
    /// A typing error fixed, or a word choice changed.
    Typo,
    /// The title reworded.
    Title,
    /// The date (or a motion's due date) corrected by a few days.
    Date,
    /// An attachment added to a letter, or mentioned in the text.
    Attachment,
}

/// What one commit does to one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Add,
    Edit(EditKind),
    /// Moved to `to` (a path in the repository); `edit`: with a small edit in the same commit.
    Move {
        to: String,
        edit: bool,
    },
    Delete,
}

/// `op` on a document in commit number `commit` (0 is the import).
#[derive(Debug, Clone)]
pub struct Event {
    pub commit: usize,
    pub op: Op,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitKind {
    Import,
    Edit(EditKind),
    Rename,
    Delete,
}

/// One commit: its time, author and message.
#[derive(Debug, Clone)]
pub struct CommitPlan {
    /// Seconds since the Unix epoch.
    pub time: i64,
    /// `+0100` or `+0200`: Dutch winter or summer time.
    pub offset: &'static str,
    /// Index into [`AUTHORS`].
    pub author: usize,
    pub message: String,
}

/// The commits, and per document its events in commit order.
pub struct Schedule {
    pub commits: Vec<CommitPlan>,
    pub events: Vec<Vec<Event>>,
}

/// (name, e-mail user) of the clerks who commit; `{g}` is the municipality. The first one makes
/// the import.
pub const AUTHORS: &[(&str, &str)] = &[
    ("Griffie {g}", "griffie"),
    ("Anne Kuipers", "a.kuipers"),
    ("Sander Mulder", "s.mulder"),
    ("Fatma Yilmaz", "f.yilmaz"),
];

/// Relative frequency of each kind of edit commit.
const KIND_WEIGHTS: [(EditKind, u32); 5] = [
    (EditKind::Text, 40),
    (EditKind::Typo, 20),
    (EditKind::Title, 12),
    (EditKind::Date, 14),
    (EditKind::Attachment, 14),
];

/// Documents moved per rename commit, and deleted per deletion commit, at most.
const RENAME_BATCH: usize = 20;
const DELETE_BATCH: usize = 10;

/// Plans the history of `docs`, whose files start at `paths`. Same inputs, same schedule.
pub fn schedule(docs: &[Planned], paths: &[String], options: &HistoryOptions, seed: u64) -> Schedule {
    let mut rng = Rng::with_seed(seed ^ 0x4849_5354_4F52_5921);
    let (renamed, deleted) = choose_moved_and_deleted(&mut rng, docs, options);
    let kinds = commit_kinds(&mut rng, options.commits_per_doc, renamed.len(), deleted.len());
    let mut events: Vec<Vec<Event>> = vec![Vec::new(); docs.len()];
    let mut live = vec![true; docs.len()];
    let mut current: Vec<String> = paths.to_vec();
    let mut taken: HashSet<String> = paths.iter().cloned().collect();
    let mut day = weekday_on_or_after(options.start);
    let mut commits = Vec::with_capacity(kinds.len());
    for (c, &(kind, batch)) in kinds.iter().enumerate() {
        let touched = match kind {
            CommitKind::Import => (0..docs.len()).map(|d| (d, Op::Add)).collect(),
            CommitKind::Edit(edit) => edited(&mut rng, &live, edit),
            CommitKind::Rename => {
                let batches = renamed.len().div_ceil(RENAME_BATCH);
                let mine = batch_of(&renamed, batch, batches);
                mine.iter()
                    .map(|&(d, k)| {
                        let to = rename_targets(&docs[d], &current[d], k)
                            .find(|to| !taken.contains(to))
                            .expect("numbered names never run out");
                        taken.insert(to.clone());
                        current[d].clone_from(&to);
                        (d, Op::Move { to, edit: k % 2 == 1 })
                    })
                    .collect()
            }
            CommitKind::Delete => {
                let batches = deleted.len().div_ceil(DELETE_BATCH);
                let mine = batch_of(&deleted, batch, batches);
                mine.iter().map(|&(d, _)| (d, Op::Delete)).collect::<Vec<_>>()
            }
        };
        let mut count = 0;
        for (d, op) in touched {
            if op == Op::Delete {
                live[d] = false;
            }
            events[d].push(Event { commit: c, op });
            count += 1;
        }
        commits.push(commit_plan(&mut rng, kind, day, count, docs.len()));
        day = weekday_on_or_after(day.tomorrow().expect("date in range"));
    }
    Schedule { commits, events }
}

/// Documents, each with its position in the list.
type Numbered = Vec<(usize, usize)>;

/// Which documents get moved and which deleted, each list with its position `k` in the list.
/// Only documents no other document links to (`responds_to`, `settles`, `references`) are
/// deleted, so no version ever names a missing id.
fn choose_moved_and_deleted(rng: &mut Rng, docs: &[Planned], options: &HistoryOptions) -> (Numbered, Numbered) {
    let mut linked = vec![false; docs.len()];
    for doc in docs {
        for &t in doc.responds_to.iter().chain(&doc.settles).chain(&doc.references) {
            linked[t] = true;
        }
    }
    let mut candidates: Vec<usize> = (0..docs.len()).filter(|&d| !linked[d]).collect();
    rng.shuffle(&mut candidates);
    candidates.truncate(options.deletions);
    candidates.sort_unstable();
    let mut others: Vec<usize> = (0..docs.len())
        .filter(|d| candidates.binary_search(d).is_err())
        .collect();
    rng.shuffle(&mut others);
    others.truncate(options.renames);
    others.sort_unstable();
    let numbered = |list: Vec<usize>| list.into_iter().enumerate().map(|(k, d)| (d, k)).collect();
    (numbered(others), numbered(candidates))
}

/// The `batch`-th of `batches` consecutive slices of `list`.
fn batch_of(list: &[(usize, usize)], batch: usize, batches: usize) -> &[(usize, usize)] {
    let start = list.len() * batch / batches;
    let end = list.len() * (batch + 1) / batches;
    &list[start..end]
}

/// The kind of every commit in order, with the batch number of rename and deletion commits.
/// Renames fall between 30 % and 70 % of the edit commits, deletions between 50 % and 90 %, so
/// moved documents have versions on both sides and deleted ones a history before.
fn commit_kinds(rng: &mut Rng, versions: usize, renames: usize, deletions: usize) -> Vec<(CommitKind, usize)> {
    let edits = 10 * versions.saturating_sub(1);
    let rename_batches = renames.div_ceil(RENAME_BATCH);
    let delete_batches = deletions.div_ceil(DELETE_BATCH);
    let after =
        |k: usize, batches: usize, from: usize| edits * (from * (batches + 1) + 4 * (k + 1)) / (10 * (batches + 1));
    let mut kinds = vec![(CommitKind::Import, 0)];
    for e in 0..=edits {
        for k in (0..rename_batches).filter(|&k| after(k, rename_batches, 3) == e) {
            kinds.push((CommitKind::Rename, k));
        }
        for k in (0..delete_batches).filter(|&k| after(k, delete_batches, 5) == e) {
            kinds.push((CommitKind::Delete, k));
        }
        if e < edits {
            kinds.push((CommitKind::Edit(pick_kind(rng)), 0));
        }
    }
    kinds
}

fn pick_kind(rng: &mut Rng) -> EditKind {
    let total: u32 = KIND_WEIGHTS.iter().map(|(_, w)| w).sum();
    let mut roll = rng.u32(0..total);
    for (kind, weight) in KIND_WEIGHTS {
        if roll < weight {
            return kind;
        }
        roll -= weight;
    }
    EditKind::Text
}

/// The live documents an edit commit touches: each with a chance between 2 % and 18 %, at least one.
fn edited(rng: &mut Rng, live: &[bool], kind: EditKind) -> Vec<(usize, Op)> {
    let per_mille = rng.u32(20..=180);
    let mut out: Vec<(usize, Op)> = (0..live.len())
        .filter(|&d| rng.u32(0..1000) < per_mille && live[d])
        .map(|d| (d, Op::Edit(kind)))
        .collect();
    let alive: Vec<usize> = (0..live.len()).filter(|&d| live[d]).collect();
    if out.is_empty() && !alive.is_empty() {
        out.push((alive[rng.usize(0..alive.len())], Op::Edit(kind)));
    }
    out
}

/// Where the `k`-th moved document may go, best first: alternately into a folder named after
/// its main dossier (`raadsbrieven/2024/jeugdzorg/<id>.md`) or to a new name in place
/// (`<id>-definitief.md`); then the other one, then numbered names, should a path be taken.
fn rename_targets(doc: &Planned, path: &str, k: usize) -> impl Iterator<Item = String> {
    let (folder, file) = path.rsplit_once('/').expect("paths are under content/");
    let (stem, extension) = file.rsplit_once('.').expect("documents have an extension");
    let topic = doc.topics.first().map_or("overig", |&t| TOPICS[t].slug);
    let in_dossier = format!("{folder}/{topic}/{file}");
    let renamed = format!("{folder}/{stem}-definitief.{extension}");
    let pair = if k.is_multiple_of(2) {
        [in_dossier, renamed]
    } else {
        [renamed, in_dossier]
    };
    let (folder, stem, extension) = (folder.to_string(), stem.to_string(), extension.to_string());
    let numbered = (2..).map(move |n| format!("{folder}/{stem}-definitief-{n}.{extension}"));
    pair.into_iter().chain(numbered)
}

fn commit_plan(rng: &mut Rng, kind: CommitKind, day: Date, touched: usize, documents: usize) -> CommitPlan {
    // Office hours: 08:30 to 17:00.
    let seconds_into_day = 8 * 3600 + 1800 + rng.i64(0..8 * 3600 + 1800);
    let summer = is_summer_time(day);
    let days = (day - Date::constant(1970, 1, 1)).get_days();
    let offset_seconds = if summer { 7200 } else { 3600 };
    CommitPlan {
        time: i64::from(days) * 86_400 + seconds_into_day - offset_seconds,
        offset: if summer { "+0200" } else { "+0100" },
        author: if kind == CommitKind::Import {
            0
        } else {
            rng.usize(0..AUTHORS.len())
        },
        message: message(rng, kind, touched, documents),
    }
}

/// A commit message in the clerks' style; the first line is the change note readers see.
fn message(rng: &mut Rng, kind: CommitKind, touched: usize, documents: usize) -> String {
    let first = match kind {
        CommitKind::Import => {
            return format!(
                "Archief overgezet naar griffie\n\n{documents} documenten uit het zaaksysteem, met de sjablonen en de siteconfiguratie.\n"
            )
        }
        CommitKind::Edit(EditKind::Text) => pick(
            rng,
            &[
                "Tekstuele aanpassing na raadsvergadering",
                "Tekst aangevuld",
                "Passage herschreven na opmerkingen van de portefeuillehouder",
                "Verwerking opmerkingen presidium",
                "Alinea verduidelijkt",
                "Tekst geactualiseerd",
            ],
        ),
        CommitKind::Edit(EditKind::Typo) => pick(
            rng,
            &["Typfout hersteld", "Spelfouten gecorrigeerd", "Kleine tekstcorrectie"],
        ),
        CommitKind::Edit(EditKind::Title) => pick(
            rng,
            &[
                "Titel aangepast",
                "Onderwerp verduidelijkt",
                "Titel in lijn gebracht met de agenda",
            ],
        ),
        CommitKind::Edit(EditKind::Date) => pick(
            rng,
            &["Correctie datum", "Datum gecorrigeerd", "Streefdatum aangepast"],
        ),
        CommitKind::Edit(EditKind::Attachment) => pick(
            rng,
            &["Bijlage toegevoegd", "Ontbrekende bijlage toegevoegd", "Bijlagen bijgewerkt"],
        ),
        CommitKind::Rename => "Bestanden hernoemd en naar dossiermappen verplaatst",
        CommitKind::Delete => pick(
            rng,
            &[
                "Dubbel opgenomen document verwijderd",
                "Document verwijderd op verzoek van de griffier",
                "Ingetrokken stuk verwijderd",
            ],
        ),
    };
    let note = match rng.u32(0..10) {
        0 => "\n\nAfgestemd met de afdeling Communicatie.",
        1 => "\n\nOp verzoek van de portefeuillehouder.",
        2 => "\n\nZie het verslag van het presidium.",
        _ => "",
    };
    let count = match touched {
        1 => String::new(),
        n => format!("\n\n{n} documenten."),
    };
    format!("{first}{note}{count}\n")
}

fn pick<'a>(rng: &mut Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(0..list.len())]
}

fn weekday_on_or_after(day: Date) -> Date {
    match day.weekday() {
        Weekday::Saturday => day.checked_add(2.days()).expect("date in range"),
        Weekday::Sunday => day.checked_add(1.days()).expect("date in range"),
        _ => day,
    }
}

/// Central European Summer Time runs from the last Sunday of March to the last Sunday of
/// October; the switch is at night, so for office hours the date decides.
fn is_summer_time(day: Date) -> bool {
    let last_sunday = |month: i8| {
        let end = Date::new(day.year(), month, 31).expect("March and October have 31 days");
        let back = end.weekday().to_sunday_zero_offset();
        end.checked_sub(i32::from(back).days()).expect("date in range")
    };
    day >= last_sunday(3) && day < last_sunday(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summer_time_follows_the_last_sundays() {
        assert!(!is_summer_time(Date::constant(2026, 3, 27)));
        assert!(is_summer_time(Date::constant(2026, 3, 30)));
        assert!(is_summer_time(Date::constant(2026, 10, 23)));
        assert!(!is_summer_time(Date::constant(2026, 10, 26)));
    }

    #[test]
    fn renames_and_deletions_fall_inside_the_edits() {
        let mut rng = Rng::with_seed(1);
        let kinds = commit_kinds(&mut rng, 20, 45, 12);
        let count = |kind: CommitKind| kinds.iter().filter(|(k, _)| *k == kind).count();
        assert_eq!(kinds[0].0, CommitKind::Import);
        assert_eq!(count(CommitKind::Rename), 3);
        assert_eq!(count(CommitKind::Delete), 2);
        assert_eq!(kinds.len(), 1 + 190 + 3 + 2);
        let position = |kind: CommitKind| kinds.iter().position(|(k, _)| *k == kind).unwrap();
        assert!(position(CommitKind::Rename) > 40 && position(CommitKind::Delete) > 80);
        assert!(!matches!(
            kinds.last().unwrap().0,
            CommitKind::Rename | CommitKind::Delete
        ));
    }
}
