//! The council's parties (fracties) and their seats per council term, from `parties:` and
//! `council_terms:` in `griffie.yaml`.
//!
//! Votes are recorded per party (`vote: {for: [vvd, cda], against: [pvv]}`); the seats behind a
//! vote come from the term in force on the day of the vote, so a ten-year archive that spans
//! three terms counts each vote with the council of its own day. Without terms, votes are shown
//! by party and no seats are counted. A party slug is a contract like a document id: it is the
//! address of the party's page (`/fracties/<slug>/`), so it must be a slug, and every slug used
//! anywhere (terms, votes, submitters) must be configured.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Location};
use crate::slug::{is_slug, slugify};
use crate::suggest::did_you_mean;

/// A party (fractie) as configured under `parties:`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The name the council uses, e.g. `VVD`, `Gemeentebelangen Almelo`.
    pub name: String,
    /// The full name where `name` is an abbreviation, e.g. `Volkspartij voor Vrijheid en Democratie`.
    #[serde(default)]
    pub full_name: Option<String>,
    /// The party's own website.
    #[serde(default)]
    pub website: Option<String>,
}

/// The seats of each party from a day on, until the next term's `from`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CouncilTerm {
    /// First day of the term, `YYYY-MM-DD` (usually the installation of the new council).
    pub from: String,
    /// Seats per party slug.
    pub seats: BTreeMap<String, u32>,
}

impl CouncilTerm {
    /// The term's first day; `None` only for a configuration that `check` refused.
    pub fn start(&self) -> Option<Date> {
        parse_date(&self.from).ok()
    }

    pub fn seats_of(&self, party: &str) -> Option<u32> {
        self.seats.get(party).copied()
    }

    pub fn total_seats(&self) -> u32 {
        self.seats.values().sum()
    }
}

/// The term in force on `day`: the last one whose `from` is on or before it.
pub(crate) fn term_at(terms: &[CouncilTerm], day: Date) -> Option<&CouncilTerm> {
    terms.iter().rev().find(|t| t.start().is_some_and(|start| start <= day))
}

/// Why a party slug written somewhere is not usable, with a hint naming the likely one.
pub(crate) fn unknown_party_hint(written: &str, parties: &BTreeMap<String, Party>) -> String {
    // Clerks write a party as its name ("VVD") as often as by slug: match names too.
    let by_name = parties
        .iter()
        .find(|(_, p)| p.name.eq_ignore_ascii_case(written) || slugify(&p.name) == slugify(written))
        .map(|(slug, _)| slug.as_str());
    let best = by_name.or_else(|| did_you_mean(&written.to_lowercase(), parties.keys().map(String::as_str)));
    let known = parties.keys().map(String::as_str).collect::<Vec<_>>().join(", ");
    match best {
        Some(best) => crate::t!("parties.did_you_mean", best = best, known = known),
        None if parties.is_empty() => crate::t!("parties.none_configured"),
        None => crate::t!("parties.known", known = known),
    }
}

/// Checks `parties:` and `council_terms:`; `text` is the configuration file, for positions.
pub(crate) fn check(
    parties: &BTreeMap<String, Party>,
    terms: &[CouncilTerm],
    text: &str,
    shown: &Path,
) -> Vec<Diagnostic> {
    let error = |message: String, location: Location, hint: String| {
        Diagnostic::error(Code::Config, shown, message).at(location).hint(hint)
    };
    let mut problems = Vec::new();
    for (slug, party) in parties {
        if !is_slug(slug) {
            problems.push(error(
                crate::t!("parties.invalid_slug", slug = slug),
                key_in_section(text, "parties", slug, 0),
                crate::t!("parties.invalid_slug_hint", example = slugify(slug)),
            ));
        }
        if party.name.trim().is_empty() {
            problems.push(error(
                crate::t!("parties.empty_name", slug = slug),
                key_in_section(text, "parties", slug, 0),
                crate::t!("parties.empty_name_hint"),
            ));
        }
    }
    let mut previous: Option<Date> = None;
    for (n, term) in terms.iter().enumerate() {
        let from_at = key_in_section(text, "council_terms", "from", n);
        match term.start() {
            None => problems.push(error(
                crate::t!("parties.term_date", value = term.from),
                from_at,
                crate::t!("parties.term_date_hint"),
            )),
            Some(start) if previous.is_some_and(|p| p >= start) => problems.push(error(
                crate::t!("parties.term_order", value = term.from),
                from_at,
                crate::t!("parties.term_order_hint"),
            )),
            Some(start) => previous = Some(start),
        }
        for slug in term.seats.keys().filter(|s| !parties.contains_key(*s)) {
            problems.push(
                Diagnostic::error(
                    Code::UnknownParty,
                    shown,
                    crate::t!("parties.unknown_in_term", slug = slug, from = term.from),
                )
                .at(seat_location(text, n, slug))
                .hint(unknown_party_hint(slug, parties)),
            );
        }
    }
    problems
}

/// Where `key:` is written inside the top-level `section:` (its `nth` occurrence there); the
/// section's start when it cannot be found.
fn key_in_section(text: &str, section: &str, key: &str, nth: usize) -> Location {
    let (start, end) = section_range(text, section);
    let found = key_offsets(text, start, end, key).nth(nth).unwrap_or(start);
    Location::in_text(text, found, found + key.len())
}

/// Where party `slug` is given seats in the `term`-th council term.
fn seat_location(text: &str, term: usize, slug: &str) -> Location {
    let (start, end) = section_range(text, "council_terms");
    // The term's entry runs from its `- ` item to the next one.
    let mut items: Vec<usize> = text[start..end]
        .match_indices("\n  -")
        .chain(text[start..end].match_indices("\n-"))
        .map(|(i, _)| start + i + 1)
        .collect();
    items.sort_unstable();
    let from = items.get(term).copied().unwrap_or(start);
    let to = items.get(term + 1).copied().unwrap_or(end);
    let found = key_offsets(text, from, to, slug).next().unwrap_or(from);
    Location::in_text(text, found, found + slug.len())
}

fn section_range(text: &str, section: &str) -> (usize, usize) {
    let start = if text.starts_with(&format!("{section}:")) {
        0
    } else {
        text.find(&format!("\n{section}:")).map_or(0, |i| i + 1)
    };
    // The section ends at the next line that starts at column 1 (another top-level key).
    let end = text[start..]
        .match_indices('\n')
        .map(|(i, _)| start + i + 1)
        .find(|&i| text[i..].starts_with(|c: char| c.is_ascii_alphanumeric()))
        .unwrap_or(text.len());
    (start, end)
}

fn key_offsets<'t>(text: &'t str, start: usize, end: usize, key: &'t str) -> impl Iterator<Item = usize> + 't {
    let needle = format!("{key}:");
    text[start..end]
        .match_indices(&needle)
        .map(move |(i, _)| start + i)
        .filter(move |&i| text[..i].ends_with([' ', '-', '\n', '{', ',']))
        .collect::<Vec<_>>()
        .into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parties() -> BTreeMap<String, Party> {
        ["vvd", "cda", "pvda"]
            .into_iter()
            .map(|slug| {
                let party = Party {
                    name: slug.to_uppercase(),
                    full_name: None,
                    website: None,
                };
                (slug.to_string(), party)
            })
            .collect()
    }

    fn term(from: &str, seats: &[(&str, u32)]) -> CouncilTerm {
        CouncilTerm {
            from: from.to_string(),
            seats: seats.iter().map(|(s, n)| (s.to_string(), *n)).collect(),
        }
    }

    #[test]
    fn the_term_in_force_is_the_last_one_started() {
        let terms = [term("2018-03-29", &[("vvd", 5)]), term("2022-03-31", &[("vvd", 7)])];
        let day = |s: &str| parse_date(s).unwrap();
        assert_eq!(term_at(&terms, day("2018-03-28")), None);
        assert_eq!(term_at(&terms, day("2018-03-29")).unwrap().seats_of("vvd"), Some(5));
        assert_eq!(term_at(&terms, day("2022-03-30")).unwrap().seats_of("vvd"), Some(5));
        assert_eq!(term_at(&terms, day("2024-07-11")).unwrap().seats_of("vvd"), Some(7));
    }

    #[test]
    fn an_unknown_party_in_a_term_is_reported_at_its_line_with_the_likely_slug() {
        let text = "title: x\nparties:\n  vvd: {name: VVD}\n  cda: {name: CDA}\n  pvda: {name: PvdA}\ncouncil_terms:\n  - from: 2018-03-29\n    seats: {vvd: 5}\n  - from: 2022-03-31\n    seats:\n      vvd: 7\n      cdaa: 3\n";
        let terms = [
            term("2018-03-29", &[("vvd", 5)]),
            term("2022-03-31", &[("vvd", 7), ("cdaa", 3)]),
        ];
        let problems = check(&parties(), &terms, text, Path::new("griffie.yaml"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        let location = problems[0].location.unwrap();
        assert_eq!((location.line, location.column), (12, 7));
        assert!(problems[0].hint.as_deref().unwrap().contains("cda"), "{problems:?}");
    }

    #[test]
    fn terms_must_be_dated_and_in_order() {
        let text = "council_terms:\n  - from: 2022-03-31\n    seats: {}\n  - from: 2018-03-29\n    seats: {}\n  - from: 2026-02-30\n    seats: {}\n";
        let terms = [
            term("2022-03-31", &[]),
            term("2018-03-29", &[]),
            term("2026-02-30", &[]),
        ];
        let problems = check(&parties(), &terms, text, Path::new("griffie.yaml"));
        let lines: Vec<usize> = problems.iter().map(|p| p.location.unwrap().line).collect();
        assert_eq!(lines, [4, 6], "{problems:?}");
    }

    #[test]
    fn a_party_written_by_its_name_is_pointed_at_its_slug() {
        let hint = unknown_party_hint("PvdA", &parties());
        assert!(hint.contains("pvda"), "{hint}");
    }
}
