//! `motievolglijst/moties.csv`: the motievolglijst as a spreadsheet, one row per motion in the
//! order of the page (newest first), with the columns the page shows.
//!
//! RFC 4180 via the `csv` crate (quoting, CRLF line ends). Values are those of
//! `api/documents.json` (ids, ISO dates, status slugs, `true`/`false`), so tools can join the two.
//! Withdrawn motions keep their row with `Document::public_title`.

use serde::Serialize;

use crate::dates::iso;
use crate::resolve::Site;

/// One row. The field names are the header row: a contract like the keys of `documents.json`.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    title: String,
    date: String,
    status: &'static str,
    effective_status: &'static str,
    due: Option<String>,
    /// Ids of the documents that answer or settle the motion, oldest first, separated by `;`.
    answered_by: String,
    /// The document that settled it.
    settled_by: Option<&'a str>,
    settled_on: Option<String>,
    days_to_settle: Option<i32>,
    overdue: bool,
    /// Absolute.
    url: String,
    /// `motie` or `toezegging` (added after `url`, so existing column positions stay).
    #[serde(rename = "type")]
    doc_type: &'static str,
    /// For a commitment: who made it.
    made_by: Option<String>,
    /// The meeting it was decided or made in (an id), when known.
    meeting: Option<&'a str>,
}

/// The bytes of the CSV file.
pub(crate) fn motions_csv(site: &Site) -> Vec<u8> {
    // Excel reads a CSV file without byte order mark in the computer's legacy code page
    // (Windows-1252 on Dutch Windows), which garbles ë, é and „”; with the UTF-8 BOM it reads
    // UTF-8. Other tools (the csv crate, pandas, LibreOffice) accept the BOM.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        for row in rows(site) {
            // Serialising plain strings and numbers into memory cannot fail.
            writer.serialize(row).expect("a motion row serialises to CSV");
        }
        writer.flush().expect("writing CSV into memory");
    }
    bytes
}

fn rows(site: &Site) -> Vec<Row<'_>> {
    // The motions the motievolglijst shows, in its order.
    let positions = site.motion_positions();
    let ids = |list: &[usize]| -> Vec<&str> { list.iter().map(|&p| site.documents[p].id.as_str()).collect() };
    positions
        .iter()
        .filter_map(|&p| {
            let doc = &site.documents[p];
            let motion = doc.kind.motion()?;
            let state = site.index.motions[p].as_ref()?;
            let links = &site.index.links[p];
            let mut answers: Vec<usize> = links.responded_by.iter().chain(&links.settled_by).copied().collect();
            answers.sort_by(|&a, &b| {
                let (a, b) = (&site.documents[a], &site.documents[b]);
                a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
            });
            answers.dedup();
            Some(Row {
                id: &doc.id,
                title: defuse(doc.public_title()),
                date: iso(doc.date),
                status: motion.status.slug(),
                effective_status: state.effective.slug(),
                due: motion.due.map(iso),
                answered_by: ids(&answers).join(";"),
                settled_by: state.settlement.map(|s| site.documents[s.by].id.as_str()),
                settled_on: state.settlement.map(|s| iso(s.date)),
                days_to_settle: state.settlement.map(|s| s.days),
                overdue: state.overdue,
                url: format!("{}{}", site.config.site_origin(), crate::urls::document(&doc.id)),
                doc_type: doc.doc_type().slug(),
                made_by: doc.kind.commitment().and_then(|c| c.made_by.as_deref()).map(defuse),
                meeting: links.decided_in.first().map(|&m| site.documents[m].id.as_str()),
            })
        })
        .collect()
}

/// A title that a spreadsheet would take for a formula (`=`, `+`, `-`, `@` first) gets a `'`
/// in front, as OWASP advises against CSV injection: titles are the clerk's text, and a
/// citizen opening the file must not run whatever a title says.
fn defuse(title: &str) -> String {
    if title.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{title}")
    } else {
        title.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("Meer wijkcoaches"), "Meer wijkcoaches");
    }
}
