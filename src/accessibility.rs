//! The accessibility statement (toegankelijkheidsverklaring), from `accessibility:` in
//! `griffie.yaml`.
//!
//! Dutch government websites must meet WCAG 2.1 AA and publish a statement in the form of the
//! model statement (modelverklaring) of digitoegankelijk.nl: who states it, for which site, the
//! status reached, how that was established, the known problems, and how a visitor reports a
//! problem or complains, up to the ombudsman. Those are facts only the organisation can give, so
//! griffie never fills them in: without the section there is no page (and a note says so), and
//! with it every required fact must be there, each missing or malformed one reported at its line.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Location};

/// The statement as configured.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Who makes the statement, e.g. `Gemeente Almelo`.
    pub organisation: String,
    /// How far the site meets WCAG 2.1 AA, in the model statement's terms.
    pub status: Status,
    /// The day the statement was made or last revised, `YYYY-MM-DD`.
    pub date: String,
    /// How the site is checked besides audits, e.g. automated tests in CI.
    #[serde(default)]
    pub checks: Vec<String>,
    /// Evaluations by people: an audit with its date and auditor.
    #[serde(default)]
    pub audits: Vec<Audit>,
    /// Known problems, with the criterion and what is being done.
    #[serde(default)]
    pub known_problems: Vec<KnownProblem>,
    /// Where to report a problem or complain.
    pub contact: Contact,
    /// Where to go when the answer does not satisfy; the Nationale ombudsman if not given.
    #[serde(default)]
    pub escalation: Option<Escalation>,
}

/// The statuses of the model statement (A to D; E, "no statement", is having none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A: meets the requirements in full, shown by a complete evaluation.
    Voldoet,
    /// B: meets them in part, shown by an evaluation; the problems are listed.
    VoldoetGedeeltelijk,
    /// C: first measures taken; not (fully) evaluated yet.
    EersteMaatregelen,
    /// D: does not meet the requirements.
    VoldoetNiet,
}

impl Status {
    /// The model statement's letter and wording, in the site's language `lang`.
    pub fn label(self, lang: crate::i18n::Lang) -> (&'static str, String) {
        match self {
            Status::Voldoet => ("A", crate::t!(lang => "site.statement.status_a")),
            Status::VoldoetGedeeltelijk => ("B", crate::t!(lang => "site.statement.status_b")),
            Status::EersteMaatregelen => ("C", crate::t!(lang => "site.statement.status_c")),
            Status::VoldoetNiet => ("D", crate::t!(lang => "site.statement.status_d")),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    /// The day the audit was finished, `YYYY-MM-DD`.
    pub date: String,
    /// Who did it.
    pub auditor: String,
    /// Where the report is published.
    #[serde(default)]
    pub report: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KnownProblem {
    pub description: String,
    /// The WCAG success criterion, e.g. `1.4.3`.
    #[serde(default)]
    pub criterion: Option<String>,
    /// What is done about it, and when.
    #[serde(default)]
    pub measure: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Postal address lines.
    #[serde(default)]
    pub address: Vec<String>,
    /// A web form for feedback.
    #[serde(default)]
    pub form: Option<String>,
    /// Working days within which a report is answered.
    #[serde(default)]
    pub response_days: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    pub name: String,
    pub url: String,
}

impl Escalation {
    /// Most municipalities are under the Nationale ombudsman (named in the site's language).
    pub fn default_route(lang: crate::i18n::Lang) -> Escalation {
        Escalation {
            name: crate::t!(lang => "site.statement.ombudsman"),
            url: "https://www.nationaleombudsman.nl/".to_string(),
        }
    }
}

impl Statement {
    /// What serde cannot check: real dates, a way to get in touch, no empty required text.
    /// `text` is the configuration file, to point at the lines.
    pub fn check(&self, text: &str, shown: &Path) -> Vec<Diagnostic> {
        let at = |key: &str, nth: usize| key_location(text, key, nth);
        let mut problems = Vec::new();
        let error = |message: String, location: Location, hint: String| {
            Diagnostic::error(Code::Config, shown, message).at(location).hint(hint)
        };
        if self.organisation.trim().is_empty() {
            problems.push(error(
                crate::t!("accessibility.organisation"),
                at("organisation", 0),
                crate::t!("accessibility.organisation_hint"),
            ));
        }
        if !is_date(&self.date) {
            problems.push(error(
                crate::t!("accessibility.date", value = self.date),
                at("date", 0),
                crate::t!("accessibility.date_hint"),
            ));
        }
        for (i, audit) in self.audits.iter().enumerate() {
            if !is_date(&audit.date) {
                problems.push(error(
                    crate::t!("accessibility.audit_date", n = i + 1, value = audit.date),
                    at("date", i + 1),
                    crate::t!("accessibility.audit_date_hint"),
                ));
            }
        }
        let contact = &self.contact;
        let blank = |value: &Option<String>| value.as_deref().is_none_or(|v| v.trim().is_empty());
        if blank(&contact.email) && blank(&contact.phone) && blank(&contact.form) && contact.address.is_empty() {
            problems.push(error(
                crate::t!("accessibility.contact"),
                at("contact", 0),
                crate::t!("accessibility.contact_hint"),
            ));
        }
        if let Some(email) = contact.email.as_deref().filter(|e| !e.trim().is_empty()) {
            if !email.contains('@') || email.contains(char::is_whitespace) {
                problems.push(error(
                    crate::t!("accessibility.email", value = email),
                    at("email", 0),
                    crate::t!("accessibility.email_hint"),
                ));
            }
        }
        problems
    }
}

fn is_date(text: &str) -> bool {
    text.len() == 10 && text.parse::<jiff::civil::Date>().is_ok()
}

/// The `nth` (from 0) `key:` inside the `accessibility:` section, or the section itself.
fn key_location(text: &str, key: &str, nth: usize) -> Location {
    let section = text.find("\naccessibility:").map_or(0, |i| i + 1);
    // The section ends at the next line that starts at column 1 (another top-level key).
    let end = text[section..]
        .match_indices('\n')
        .map(|(i, _)| section + i + 1)
        .find(|&i| text[i..].starts_with(|c: char| c.is_ascii_alphabetic()))
        .unwrap_or(text.len());
    let needle_found = text[section..end]
        .match_indices(&format!("{key}:"))
        .map(|(i, _)| section + i)
        .filter(|&i| text[..i].ends_with([' ', '-', '\n']))
        .nth(nth);
    let start = needle_found.unwrap_or(section);
    Location::in_text(text, start, start + key.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_inside_the_section_only() {
        let text =
            "title: x\ndate: no\naccessibility:\n  date: 2026-01-01\n  audits:\n    - date: 2025-01-01\nother: 1\n";
        assert_eq!(key_location(text, "date", 0).line, 4);
        assert_eq!(key_location(text, "date", 1).line, 6);
        assert_eq!(key_location(text, "missing", 0).line, 3);
    }
}
