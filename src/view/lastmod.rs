//! When a document last changed, for feeds (`updated`), the calendar (`DTSTAMP`), the sitemap
//! (`lastmod`) and structured data (`dateModified`).
//!
//! Architecture invariant: no wall-clock time. Every instant here comes from the sources: the
//! document's own date, the commit dates of its versions and the date of its withdrawal. Two
//! builds of one commit therefore write the same instants.

use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use jiff::Timestamp;

use crate::document_versions::SiteHistory;
use crate::history::Commit;
use crate::resolve::Site;

/// The start of `date` in UTC. Documents carry a date, not a time; midnight UTC is the same
/// calendar day in the Netherlands (UTC+1 or +2), so a feed reader shows the document's own date.
pub(crate) fn midnight_utc(date: Date) -> Timestamp {
    Offset::UTC
        .to_timestamp(date.to_datetime(Time::midnight()))
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The instant of a commit (its committer time).
pub(crate) fn commit_time(commit: &Commit) -> Timestamp {
    Timestamp::from_second(commit.seconds).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// RFC 3339 in UTC, as Atom wants it: `2025-03-04T09:00:00Z`.
pub(crate) fn rfc3339(instant: Timestamp) -> String {
    instant.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The last time document `position` changed as its readers see it: its date, its latest
/// committed version, or its withdrawal, whichever is latest.
pub(crate) fn updated(site: &Site, history: &SiteHistory, position: usize) -> Timestamp {
    let doc = &site.documents[position];
    let mut latest = midnight_utc(doc.date);
    if let Some(version) = history.documents[position].versions.last() {
        latest = latest.max(commit_time(&history.history.commits[version.commit]));
    }
    if let Some(withdrawal) = &doc.withdrawn {
        latest = latest.max(midnight_utc(withdrawal.date));
    }
    latest
}

/// [`updated`] as a calendar day (commit dates in the committer's own offset, as version pages
/// show them), for the sitemap.
pub(crate) fn changed_on(site: &Site, history: &SiteHistory, position: usize) -> Date {
    let doc = &site.documents[position];
    let mut latest = doc.date;
    if let Some(version) = history.documents[position].versions.last() {
        latest = latest.max(history.history.commits[version.commit].date);
    }
    if let Some(withdrawal) = &doc.withdrawn {
        latest = latest.max(withdrawal.date);
    }
    latest
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_date_is_midnight_utc_and_prints_as_rfc_3339() {
        assert_eq!(rfc3339(midnight_utc(date(2024, 7, 11))), "2024-07-11T00:00:00Z");
        let commit = Commit {
            id: "a".repeat(40),
            short: "aaaaaaa".into(),
            seconds: 1_741_078_800,
            date: date(2025, 3, 4),
            note: String::new(),
        };
        assert_eq!(rfc3339(commit_time(&commit)), "2025-03-04T09:00:00Z");
    }
}
