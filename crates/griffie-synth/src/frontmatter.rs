//! The YAML front matter of a synthetic document, written by hand in the style a clerk would
//! use (flow lists for ids and topics, a folded summary), with only the fields of
//! `docs/content-model.md`.

use std::fmt::Write;

use fastrand::Rng;
use griffie::{DatePrecision, DocType};

use super::council;
use super::plan::{MotionPlan, Planned};
use super::text::{self, pick};
use super::topics::TOPICS;
use super::words::{ATTACHMENTS, INITIALS, ORGANISATIONS, PLACES, PLAN_AUTHORS, SIGNATORIES, STREETS, SURNAMES};

/// The front matter of document `i`, without the `---` lines.
pub fn front_matter(docs: &[Planned], i: usize, municipality: &str) -> String {
    let doc = &docs[i];
    let mut rng = Rng::with_seed(doc.seed ^ 0xF00D_F00D);
    let mut out = String::with_capacity(1024);
    let _ = writeln!(out, "id: {}", doc.id);
    let _ = writeln!(out, "type: {}", doc.doc_type.slug());
    let _ = writeln!(out, "title: {}", scalar(&doc.title, false));
    let _ = writeln!(out, "date: {}", doc.date);
    match doc.precision {
        DatePrecision::Day => {}
        DatePrecision::Month => out.push_str("date_precision: month\n"),
        DatePrecision::Year => out.push_str("date_precision: year\n"),
    }
    block_list(
        &mut out,
        "identifiers",
        doc.identifiers.iter().map(|s| scalar(s, false)),
    );
    id_list(&mut out, docs, "responds_to", &doc.responds_to);
    id_list(&mut out, docs, "settles", &doc.settles);
    id_list(&mut out, docs, "references", &doc.references);
    let topics: Vec<&str> = doc.topics.iter().map(|&t| TOPICS[t].slug).collect();
    let _ = writeln!(out, "topics: [{}]", topics.join(", "));
    if rng.u32(0..100) < 85 {
        folded(&mut out, "summary", &text::summary(&mut rng, docs, i, municipality));
    }
    if doc.metadata_only {
        // Only the metadata is here: the text is published (and indexed for the Woo) elsewhere.
        out.push_str("woo_category: geen\n");
    }
    if doc.doc_type == DocType::Plan && rng.u32(0..100) < 40 {
        let _ = writeln!(out, "author: {}", scalar(pick(&mut rng, PLAN_AUTHORS), false));
    }
    if doc.doc_type.is_letter() {
        letter_fields(&mut out, &mut rng, doc, municipality);
    }
    if let Some(motion) = &doc.motion {
        motion_fields(&mut out, motion);
    }
    if let Some(m) = doc.meeting {
        let _ = writeln!(out, "meeting: {}", docs[m].id);
    }
    if let Some((made_by, due)) = doc.commitment {
        let _ = writeln!(out, "made_by: {made_by}\ndue: {due}");
    }
    if let Some(meeting) = &doc.council_meeting {
        council::meeting_fields(&mut out, docs, meeting, municipality);
    }
    out
}

fn id_list(out: &mut String, docs: &[Planned], key: &str, positions: &[usize]) {
    let ids: Vec<&str> = positions.iter().map(|&p| docs[p].id.as_str()).collect();
    match ids.len() {
        0 => {}
        1 | 2 => {
            let _ = writeln!(out, "{key}: [{}]", ids.join(", "));
        }
        _ => block_list(out, key, ids.iter().map(|s| s.to_string())),
    }
}

fn block_list(out: &mut String, key: &str, items: impl Iterator<Item = String>) {
    let mut items = items.peekable();
    if items.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "{key}:");
    for item in items {
        let _ = writeln!(out, "  - {item}");
    }
}

/// `key: >-` with the text wrapped at about 90 columns.
fn folded(out: &mut String, key: &str, text: &str) {
    let _ = writeln!(out, "{key}: >-");
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + word.chars().count() > 88 {
            let _ = writeln!(out, "  {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = writeln!(out, "  {line}");
}

fn letter_fields(out: &mut String, rng: &mut Rng, doc: &Planned, municipality: &str) {
    let raadsbrief = doc.doc_type == DocType::Raadsbrief;
    if raadsbrief && rng.u32(0..100) < 20 {
        let _ = writeln!(out, "addressee: Aan de raad van de gemeente {municipality}");
        out.push_str("salutation: Geachte leden van de raad,\n");
    }
    if !raadsbrief {
        let surname = pick(rng, SURNAMES);
        let (postcode, place) = PLACES[rng.usize(0..PLACES.len())];
        let street = pick(rng, STREETS);
        let _ = writeln!(
            out,
            "addressee: |-\n  {}\n  t.a.v. {} {surname}",
            pick(rng, ORGANISATIONS),
            pick(rng, INITIALS)
        );
        let _ = writeln!(
            out,
            "  {street} {}\n  {postcode} {}",
            rng.u32(1..400),
            place.to_uppercase()
        );
        let title = if rng.bool() { "heer" } else { "mevrouw" };
        let _ = writeln!(
            out,
            "salutation: {}",
            scalar(&format!("Geachte {title} {},", text::capitalise(surname)), false)
        );
    }
    if rng.u32(0..100) < 65 {
        let _ = writeln!(out, "handled_by: {} {}", pick(rng, INITIALS), pick(rng, SURNAMES));
    }
    if rng.u32(0..100) < 45 {
        let _ = writeln!(out, "phone: 0546 54 {:02} {:02}", rng.u32(10..100), rng.u32(0..100));
    }
    if rng.u32(0..100) < 30 {
        let count = 1 + rng.usize(0..2);
        let items = (0..count)
            .map(|_| format!("{} {}", pick(rng, ATTACHMENTS), doc.theme))
            .collect::<Vec<_>>();
        let mut unique = items.clone();
        unique.dedup();
        block_list(out, "attachments", unique.iter().map(|s| scalar(s, false)));
    }
    if rng.u32(0..100) < 15 {
        out.push_str("closing: Hoogachtend,\n");
        let _ = writeln!(out, "sender: Burgemeester en Wethouders van {municipality}");
    }
    if rng.u32(0..100) < 85 {
        let (_, secretaris, burgemeester) = SIGNATORIES
            .iter()
            .find(|(until, _, _)| doc.date.year() <= *until)
            .copied()
            .unwrap_or(SIGNATORIES[0]);
        let _ = writeln!(out, "signatories:\n  - {{role: de secretaris, name: {secretaris}}}");
        let _ = writeln!(out, "  - {{role: de burgemeester, name: {burgemeester}}}");
    }
}

fn motion_fields(out: &mut String, motion: &MotionPlan) {
    let _ = writeln!(out, "status: {}", motion.status.slug());
    if let Some(due) = motion.due {
        let _ = writeln!(out, "due: {due}");
    }
    if !motion.submitters.is_empty() {
        out.push_str("submitters:\n");
        for (name, party) in &motion.submitters {
            match party {
                Some(party) => {
                    let _ = writeln!(
                        out,
                        "  - {{name: {}, party: {}}}",
                        scalar(name, true),
                        scalar(party, true)
                    );
                }
                None => {
                    let _ = writeln!(out, "  - {}", scalar(name, false));
                }
            }
        }
    }
    if let Some((votes_for, against)) = motion.vote {
        let _ = writeln!(out, "vote: {{for: {votes_for}, against: {against}}}");
    }
    if let Some(vote) = &motion.party_vote {
        council::vote_fields(out, vote);
    }
    if motion.unanimous {
        out.push_str("unanimous: true\n");
    }
}

/// `text` as a YAML scalar: plain when that is unambiguous, else double-quoted (a JSON string
/// is a valid YAML double-quoted scalar). `flow`: inside `{…}` or `[…]`.
pub fn scalar(text: &str, flow: bool) -> String {
    let starts_well = text.chars().next().is_some_and(char::is_alphabetic);
    let reserved = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off"
    );
    let risky = text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.ends_with(' ')
        || text.contains('\n')
        || (flow && text.contains([',', '[', ']', '{', '}']));
    if starts_well && !reserved && !risky {
        text.to_string()
    } else {
        serde_json::to_string(text).expect("a string serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::scalar;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(
            scalar("Voortgang inkoop jeugdhulp", false),
            "Voortgang inkoop jeugdhulp"
        );
        assert_eq!(scalar("Motie: jeugdzorg", false), "\"Motie: jeugdzorg\"");
        assert_eq!(scalar("Geachte heer Bos,", false), "Geachte heer Bos,");
        assert_eq!(scalar("Geachte heer Bos,", true), "\"Geachte heer Bos,\"");
        assert_eq!(scalar("‘x’", false), "\"‘x’\"");
    }
}
