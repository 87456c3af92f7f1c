//! The feed of one motion, for whoever wants to follow it: the motion itself, every document
//! that answers it, its settlement, and every committed change of its status or due date.
//!
//! Status changes come from the motion's history: each committed version is read back from git
//! and compared with the one before it; a version whose `status:` or `due:` differs is an entry,
//! dated by its commit and linking to its permanent version page (which shows the change).
//! Versions that no longer read are skipped (history is not the clerk's current work). A
//! withdrawn motion's versions are not read at all: none of them may be shown.

use jiff::civil::Date;

use crate::data::feeds::atom::{Entry, Feed};
use crate::data::feeds::standings::{self, Standing};
use crate::data::feeds::FeedContext;
use crate::dates::format_date;
use crate::history::BlobReader;
use crate::i18n::Lang;
use crate::model::{DatePrecision, MotionStatus};
use crate::resolve::EffectiveStatus;
use crate::urls;
use crate::view::lastmod;
use crate::view::status_label;

/// The feed of motion `position`.
pub(super) fn feed(context: &FeedContext, position: usize, reader: Option<&mut BlobReader>) -> Feed {
    let site = context.site;
    let doc = &site.documents[position];
    let lang = site.config.lang();
    let mut entries = vec![motion_entry(context, position)];
    entries.extend(answer_entries(context, position));
    if doc.withdrawn.is_none() {
        entries.extend(status_changes(context, position, reader));
    }
    let subtitle = match (&doc.withdrawn, &doc.kind) {
        (Some(_), _) => crate::t!(lang => "site.feed.withdrawn"),
        (None, crate::model::Kind::Toezegging(_)) => {
            crate::t!(lang => "site.feed.commitment_subtitle", title = doc.title)
        }
        (None, _) => crate::t!(lang => "site.feed.motion_subtitle", title = doc.title),
    };
    context.feed(
        &urls::motion_feed(&doc.id),
        crate::data::feeds::motion_feed_title(site, position),
        subtitle,
        &urls::document(&doc.id),
        entries,
    )
}

/// The motion itself, with the council's decision and due date in its summary.
fn motion_entry(context: &FeedContext, position: usize) -> Entry {
    let mut entry = context.document_entry(position);
    let doc = &context.site.documents[position];
    if let (None, Some(motion)) = (&doc.withdrawn, doc.kind.motion()) {
        let mut text = doc.summary.clone().map(|s| format!("{s} ")).unwrap_or_default();
        let lang = context.site.config.lang();
        text.push_str(&crate::t!(lang => "site.feed.motion_summary",
            date = format_date(lang, doc.date, doc.date_precision),
            status = vote_word(lang, motion.status)
        ));
        if let Some(due) = motion.due {
            text.push_str(&crate::t!(lang => "site.feed.motion_due", date = day(lang, due)));
        }
        entry.summary = Some(text);
    }
    entry
}

/// Every document that answers or settles the motion, oldest first.
fn answer_entries(context: &FeedContext, position: usize) -> Vec<Entry> {
    let site = context.site;
    let links = &site.index.links[position];
    let mut answers: Vec<usize> = links.responded_by.iter().chain(&links.settled_by).copied().collect();
    answers.sort_unstable();
    answers.dedup();
    let settlement = site.index.motions[position].and_then(|state| state.settlement);
    let lang = site.config.lang();
    answers
        .into_iter()
        .map(|answer| {
            let mut entry = context.document_entry(answer);
            let doc = &site.documents[answer];
            let what = context.type_and_date(answer, true);
            let (title, mut text) = match settlement.filter(|s| s.by == answer) {
                Some(s) => (
                    crate::t!(lang => "site.feed.settled_title", title = doc.public_title()),
                    if s.days == 1 {
                        crate::t!(lang => "site.feed.settled_text_one", what = what, days = s.days)
                    } else {
                        crate::t!(lang => "site.feed.settled_text_many", what = what, days = s.days)
                    },
                ),
                None if links.settled_by.contains(&answer) => (
                    crate::t!(lang => "site.feed.also_settles_title", title = doc.public_title()),
                    crate::t!(lang => "site.feed.also_settles_text", what = what),
                ),
                None => (
                    crate::t!(lang => "site.feed.answer_title", title = doc.public_title()),
                    crate::t!(lang => "site.feed.answer_text", what = what),
                ),
            };
            if let (None, Some(summary)) = (&doc.withdrawn, &doc.summary) {
                text.push(' ');
                text.push_str(summary);
            }
            entry.title = title;
            entry.summary = Some(text);
            entry
        })
        .collect()
}

/// An entry per committed version whose status or due date differs from the version before.
fn status_changes(context: &FeedContext, position: usize, reader: Option<&mut BlobReader>) -> Vec<Entry> {
    let site = context.site;
    let doc = &site.documents[position];
    let versions = &context.history.documents[position].versions;
    if versions.len() < 2 {
        return Vec::new();
    }
    let mut reader = reader;
    let mut previous: Option<Standing> = None;
    let mut entries = Vec::new();
    for version in versions {
        let Some(now) = standings::of(reader.as_deref_mut(), version) else {
            continue;
        };
        if let Some(before) = previous.filter(|before| *before != now) {
            let commit = &context.history.history.commits[version.commit];
            let url = context.absolute(&urls::version(&doc.id, version.number));
            let at = lastmod::commit_time(commit);
            let lang = site.config.lang();
            let mut summary = change_sentences(lang, before, now);
            summary.push_str(&crate::t!(lang => "site.feed.recorded_in", number = version.number));
            if commit.note.is_empty() {
                summary.push('.');
            } else {
                summary.push_str(&format!(": {}.", commit.note.trim_end_matches('.')));
            }
            entries.push(Entry {
                id: url.clone(),
                title: format!("{}: {}", change_title(lang, before, now), doc.title),
                url,
                published: at,
                updated: at,
                summary: Some(summary),
                categories: context.categories(position),
            });
        }
        previous = Some(now);
    }
    entries
}

fn vote_word(lang: Lang, status: MotionStatus) -> String {
    status_label(lang, EffectiveStatus::from_vote(status)).to_lowercase()
}

fn day(lang: Lang, date: Date) -> String {
    format_date(lang, date, DatePrecision::Day)
}

/// "Motie aangenomen", "Streefdatum gewijzigd", or both.
fn change_title(lang: Lang, before: Standing, now: Standing) -> String {
    let status = (before.status != now.status)
        .then(|| crate::t!(lang => "site.feed.change_status", status = vote_word(lang, now.status)));
    let due = (before.due != now.due).then(|| match now.due {
        Some(_) if before.due.is_none() => crate::t!(lang => "site.feed.change_due_set"),
        Some(_) => crate::t!(lang => "site.feed.change_due_moved"),
        None => crate::t!(lang => "site.feed.change_due_dropped"),
    });
    match (status, due) {
        (Some(status), Some(due)) => format!("{status}, {due}"),
        (Some(status), None) => status,
        (None, Some(due)) => {
            let mut chars = due.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        }
        (None, None) => crate::t!(lang => "site.feed.changed"),
    }
}

/// The change in full sentences.
fn change_sentences(lang: Lang, before: Standing, now: Standing) -> String {
    let mut sentences = Vec::new();
    if before.status != now.status {
        sentences.push(crate::t!(lang => "site.feed.decision_changed",
            old = vote_word(lang, before.status),
            new = vote_word(lang, now.status)
        ));
    }
    if before.due != now.due {
        sentences.push(match (before.due, now.due) {
            (None, Some(new)) => crate::t!(lang => "site.feed.due_set", date = day(lang, new)),
            (Some(old), Some(new)) => {
                crate::t!(lang => "site.feed.due_moved", old = day(lang, old), new = day(lang, new))
            }
            (Some(old), None) => crate::t!(lang => "site.feed.due_dropped", date = day(lang, old)),
            (None, None) => String::new(),
        });
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_change_reads_as_dutch() {
        let before = Standing {
            status: MotionStatus::Ingediend,
            due: None,
        };
        let adopted = Standing {
            status: MotionStatus::Aangenomen,
            due: Some(date(2025, 12, 31)),
        };
        assert_eq!(
            change_title(Lang::Nl, before, adopted),
            "Motie aangenomen, streefdatum vastgesteld"
        );
        assert_eq!(
            change_sentences(Lang::Nl, before, adopted),
            "Het besluit van de raad is gewijzigd van “ingediend” in “aangenomen”. De streefdatum is vastgesteld op 31 december 2025."
        );
        let moved = Standing {
            due: Some(date(2026, 3, 1)),
            ..adopted
        };
        assert_eq!(change_title(Lang::Nl, adopted, moved), "Streefdatum gewijzigd");
        assert_eq!(
            change_sentences(Lang::Nl, adopted, moved),
            "De streefdatum is gewijzigd van 31 december 2025 in 1 maart 2026."
        );
    }
}
