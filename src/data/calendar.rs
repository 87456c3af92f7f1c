//! `motievolglijst/moties.ics`: the due dates of adopted motions as an iCalendar feed (RFC 5545),
//! for a calendar app that subscribes to it.
//!
//! One all-day event per adopted motion with a `due:` date, on that date. Open motions say so;
//! settled ones stay, marked as settled, so the calendar also shows which deadlines were met
//! (removing them would make a subscribed calendar forget the history the motievolglijst keeps).
//! Withdrawn motions and motions that were not adopted have no event.
//!
//! Written by hand rather than with the `icalendar` crate: that crate stamps `DTSTAMP` with the
//! clock and a random `UID` whenever they are not set, writes all-day events ending on their
//! start day, and brings chrono and uuid. The format is small; this module folds lines at 75
//! octets (never inside a UTF-8 character), escapes TEXT values, and ends lines with CRLF. UIDs are
//! stable (the motion's id and the site's host) and `DTSTAMP` is the last change of the motion
//! or its settling letter ([`crate::view::lastmod`]), never the clock.

use jiff::civil::Date;
use jiff::Timestamp;

use crate::dates::format_date;
use crate::document_versions::SiteHistory;
use crate::model::{DatePrecision, DocType, MotionStatus};
use crate::resolve::Site;
use crate::urls;
use crate::view::lastmod;

/// The text of the calendar.
pub(crate) fn motions_calendar(site: &Site, history: &SiteHistory) -> String {
    let config = &site.config;
    let lang = config.lang();
    let name = crate::t!(lang => "site.calendar.name", title = config.title);
    let description = crate::t!(lang => "site.calendar.description", municipality = config.municipality);
    let mut out = Lines::default();
    begin_calendar(&mut out, site, &name, &description, urls::MOTIONS);
    let category = DocType::Motie.label(lang);
    for event in events(site, history) {
        event.write(&mut out, &category);
    }
    out.line("END", "VCALENDAR");
    out.text
}

/// The calendar's opening lines, up to its first event.
pub(super) fn begin_calendar(out: &mut Lines, site: &Site, name: &str, description: &str, page: &str) {
    let config = &site.config;
    let lang = config.lang();
    out.line("BEGIN", "VCALENDAR");
    out.line("VERSION", "2.0");
    out.line(
        "PRODID",
        &format!(
            "-//griffie//griffie {}//{}",
            env!("CARGO_PKG_VERSION"),
            lang.code().to_uppercase()
        ),
    );
    out.line("CALSCALE", "GREGORIAN");
    out.line("METHOD", "PUBLISH");
    out.line("NAME", &text(name));
    out.line("X-WR-CALNAME", &text(name));
    out.line("DESCRIPTION", &text(description));
    out.line("X-WR-CALDESC", &text(description));
    out.line("URL", &format!("{}{}", config.site_origin(), page));
    out.line("REFRESH-INTERVAL;VALUE=DURATION", "P1D");
    out.line("X-PUBLISHED-TTL", "P1D");
}

/// One motion's due date.
struct DueEvent {
    uid: String,
    stamp: Timestamp,
    due: Date,
    summary: String,
    description: String,
    url: String,
}

impl DueEvent {
    fn write(&self, out: &mut Lines, category: &str) {
        out.line("BEGIN", "VEVENT");
        out.line("UID", &self.uid);
        out.line("DTSTAMP", &utc(self.stamp));
        out.line("LAST-MODIFIED", &utc(self.stamp));
        out.line("DTSTART;VALUE=DATE", &compact(self.due));
        // All-day: the end is exclusive, the next day.
        out.line("DTEND;VALUE=DATE", &compact(self.due.tomorrow().unwrap_or(self.due)));
        out.line("SUMMARY", &text(&self.summary));
        out.line("DESCRIPTION", &text(&self.description));
        out.line("URL", &self.url);
        out.line("CATEGORIES", &text(category));
        out.line("STATUS", "CONFIRMED");
        out.line("TRANSP", "TRANSPARENT");
        out.line("END", "VEVENT");
    }
}

/// The events, by due date, then id.
fn events(site: &Site, history: &SiteHistory) -> Vec<DueEvent> {
    let host = host(&site.config.base_url);
    let lang = site.config.lang();
    let mut events: Vec<(Date, &str, DueEvent)> = Vec::new();
    for (position, doc) in site.documents.iter().enumerate() {
        let (Some(motion), Some(state), None) = (doc.kind.motion(), &site.index.motions[position], &doc.withdrawn)
        else {
            continue;
        };
        let (true, MotionStatus::Aangenomen, Some(due)) =
            (doc.doc_type().is_settled_by_letter(), motion.status, motion.due)
        else {
            continue;
        };
        let commitment = doc.kind.commitment().is_some();
        let mut stamp = lastmod::updated(site, history, position);
        let meeting = format_date(lang, doc.date, doc.date_precision);
        let mut description = if commitment {
            crate::t!(lang => "site.calendar.committed", title = doc.title, date = meeting)
        } else {
            crate::t!(lang => "site.calendar.adopted", title = doc.title, date = meeting)
        };
        let summary = match state.settlement {
            Some(settlement) => {
                stamp = stamp.max(lastmod::updated(site, history, settlement.by));
                let letter = &site.documents[settlement.by];
                let date = format_date(lang, settlement.date, DatePrecision::Day);
                let kind = letter.doc_type().label(lang).to_lowercase();
                let title = letter.public_title();
                description.push('\n');
                description.push_str(&if settlement.days == 1 {
                    crate::t!(lang => "site.calendar.settled_one", date = date, kind = kind, title = title, days = settlement.days)
                } else {
                    crate::t!(lang => "site.calendar.settled_many", date = date, kind = kind, title = title, days = settlement.days)
                });
                if commitment {
                    crate::t!(lang => "site.calendar.commitment_summary_settled", title = doc.title)
                } else {
                    crate::t!(lang => "site.calendar.summary_settled", title = doc.title)
                }
            }
            None => {
                description.push('\n');
                description.push_str(&if state.overdue {
                    crate::t!(lang => "site.calendar.open_overdue")
                } else {
                    crate::t!(lang => "site.calendar.open")
                });
                if commitment {
                    crate::t!(lang => "site.calendar.commitment_summary", title = doc.title)
                } else {
                    crate::t!(lang => "site.calendar.summary", title = doc.title)
                }
            }
        };
        let url = format!("{}{}", site.config.site_origin(), urls::document(&doc.id));
        description.push_str(&format!("\n{url}"));
        events.push((
            due,
            &doc.id,
            DueEvent {
                uid: format!("streefdatum-{}@{host}", doc.id),
                stamp,
                due,
                summary,
                description,
                url,
            },
        ));
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    events.into_iter().map(|(_, _, event)| event).collect()
}

/// The host of `base_url`, for UIDs (`raad.almelo.nl`).
pub(super) fn host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or("", |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        "griffie.invalid"
    } else {
        host
    }
}

/// `20250101`.
pub(super) fn compact(date: Date) -> String {
    date.strftime("%Y%m%d").to_string()
}

/// `20250304T090000Z`.
pub(super) fn utc(instant: Timestamp) -> String {
    instant.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newline escaped; other
/// control characters, which a TEXT value may not hold, left out.
pub(crate) fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines, folded and ended with CRLF.
#[derive(Default)]
pub(super) struct Lines {
    pub(super) text: String,
}

impl Lines {
    /// `NAME:value`; `value` must already be escaped.
    pub(super) fn line(&mut self, name: &str, value: &str) {
        self.text.push_str(&fold(&format!("{name}:{value}")));
    }
}

/// RFC 5545, 3.1: lines longer than 75 octets are split by CRLF and one space; a split never
/// falls inside a UTF-8 character. Ends with CRLF.
pub(crate) fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / LIMIT * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        if width + size > LIMIT {
            out.push_str("\r\n ");
            // The space of the continuation line counts towards its 75 octets.
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a, b; c\\d\ne\u{7}"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_outside_characters() {
        let line = format!("SUMMARY:{}", "ë".repeat(60));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        for part in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
    }

    #[test]
    fn host_of_base_url() {
        assert_eq!(host("https://raad.almelo.nl/"), "raad.almelo.nl");
        assert_eq!(host("https://example.org/almelo/raad/"), "example.org");
        assert_eq!(host("/"), "griffie.invalid");
    }
}
