//! `vergaderingen/vergaderingen.ics`: the council's meetings as an iCalendar feed (RFC 5545),
//! planned ones included, so a citizen's calendar app shows the next council meeting.
//!
//! One event per meeting: at its starting time (local, floating: the council meets in its own
//! town) when `start:` is given, else all day. The end is not known, so a timed event has none
//! (RFC 5545 3.6.1: it then ends when it starts) rather than a guessed one. A cancelled meeting
//! stays with `STATUS:CANCELLED`, so a subscribed calendar removes it instead of keeping a stale
//! event. Withdrawn meetings have no event. Written with the writer of
//! [`super::calendar`]; stable UIDs and no clock, as there.

use crate::document_versions::SiteHistory;
use crate::model::{DocType, MeetingStatus};
use crate::resolve::Site;
use crate::urls;
use crate::view::lastmod;

use super::calendar::{begin_calendar, compact, host, text, utc, Lines};

/// The text of the calendar of meetings.
pub(crate) fn meetings_calendar(site: &Site, history: &SiteHistory) -> String {
    let config = &site.config;
    let lang = config.lang();
    let name = crate::t!(lang => "site.calendar.meetings_name", title = config.title);
    let description = crate::t!(lang => "site.calendar.meetings_description", municipality = config.municipality);
    let mut out = Lines::default();
    begin_calendar(
        &mut out,
        site,
        &name,
        &description,
        &urls::type_list(DocType::Vergadering),
    );
    let host = host(&config.base_url);
    let category = DocType::Vergadering.label(lang);
    // Oldest first (the type's list is newest first), then by id.
    let positions = site
        .index
        .by_type
        .get(&DocType::Vergadering)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for &position in positions.iter().rev() {
        let doc = &site.documents[position];
        let (Some(meeting), None) = (doc.kind.meeting(), &doc.withdrawn) else {
            continue;
        };
        let stamp = lastmod::updated(site, history, position);
        let url = format!("{}{}", config.site_origin(), urls::document(&doc.id));
        let mut description = doc.summary.clone().unwrap_or_default();
        for (n, item) in meeting.agenda.iter().enumerate() {
            if !description.is_empty() {
                description.push('\n');
            }
            let number = item.number.clone().unwrap_or_else(|| (n + 1).to_string());
            description.push_str(&format!("{number}. {}", item.title));
        }
        if !description.is_empty() {
            description.push('\n');
        }
        description.push_str(&url);
        out.line("BEGIN", "VEVENT");
        out.line("UID", &format!("vergadering-{}@{host}", doc.id));
        out.line("DTSTAMP", &utc(stamp));
        out.line("LAST-MODIFIED", &utc(stamp));
        match &meeting.start {
            Some(start) => out.line(
                "DTSTART",
                &format!("{}T{}00", compact(doc.date), start.replace(':', "")),
            ),
            None => {
                out.line("DTSTART;VALUE=DATE", &compact(doc.date));
                out.line("DTEND;VALUE=DATE", &compact(doc.date.tomorrow().unwrap_or(doc.date)));
            }
        }
        out.line("SUMMARY", &text(&doc.title));
        out.line("DESCRIPTION", &text(&description));
        if let Some(location) = &meeting.location {
            out.line("LOCATION", &text(location));
        }
        out.line("URL", &url);
        out.line("CATEGORIES", &text(&category));
        let status = match meeting.status {
            MeetingStatus::Gepland | MeetingStatus::Gehouden => "CONFIRMED",
            MeetingStatus::Geannuleerd => "CANCELLED",
        };
        out.line("STATUS", status);
        out.line("END", "VEVENT");
    }
    out.line("END", "VCALENDAR");
    out.text
}
