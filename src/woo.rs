//! The Woo (Wet open overheid) settings of a site, `woo:` in `griffie.yaml`: who publishes
//! (a TOOI organisation), and in which information category each type of document goes into
//! the national Woo index; and per document, the category and the kind of document it is.
//!
//! A council must publish its meeting documents (art. 3.3 lid 2c) and what the council received
//! (lid 2a) actively, findable through the Woo index, which harvests a site's DiWoo sitemaps
//! (`data::diwoo`). The defaults follow the law for the council's own types; the others
//! (letters to others, plans) depend on the council and are set here, or per document with
//! `woo_category:`. `geen` keeps a type or a document out of the index on purpose.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{DocType, Document, Kind, MeetingStatus};
use crate::suggest::did_you_mean;
use crate::tooi::{self, Category, Concept, List, WooChoice};

/// `woo:` in `griffie.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WooConfig {
    /// The organisation that publishes the documents; without it no DiWoo sitemaps are made.
    #[serde(default)]
    pub publisher: Option<Publisher>,
    /// Per document type (`raadsbrief`, …) its category: an article (`3.3.2a`), a TOOI code
    /// (`c_8c840238`) or `geen`. Types not listed keep their default ([`default_choice`]).
    #[serde(default)]
    pub categories: BTreeMap<String, String>,
}

/// The publisher as the Woo index knows it: a TOOI organisation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// The TOOI URI, e.g. `https://identifier.overheid.nl/tooi/id/gemeente/gm0141`.
    pub uri: String,
    /// The organisation's name as TOOI gives it, e.g. `gemeente Almelo`: optional, and checked
    /// against the list (the exports always write the list's label).
    #[serde(default)]
    pub name: Option<String>,
}

impl Publisher {
    /// The organisation's name in the TOOI register (the URI for one `check` refused).
    pub fn label(&self) -> &str {
        tooi::organisation(&self.uri).map_or(&self.uri, |o| o.label.as_str())
    }
}

/// The beginning of every TOOI organisation URI.
pub(crate) const ORGANISATION_PREFIX: &str = "https://identifier.overheid.nl/tooi/id/";

/// The category of a type when `griffie.yaml` says nothing: the law's for the council's own
/// documents, `geen` for a commitment (a line of the minutes, which are published themselves),
/// `None` (to be decided by the council) for letters to others and plans.
pub(crate) fn default_choice(doc_type: DocType) -> Option<WooChoice> {
    let category = |article| tooi::category(article).map(WooChoice::Category);
    match doc_type {
        DocType::Raadsbrief => category("3.3.2a"),
        DocType::Motie | DocType::Amendement | DocType::Raadsvoorstel | DocType::Besluit | DocType::Vergadering => {
            category("3.3.2c")
        }
        DocType::Toezegging => Some(WooChoice::NotIndexed),
        DocType::Brief | DocType::Plan => None,
    }
}

impl WooConfig {
    /// The category of a type: `griffie.yaml`'s, else the default. `None`: nobody said.
    pub(crate) fn type_choice(&self, doc_type: DocType) -> Option<WooChoice> {
        match self.categories.get(doc_type.slug()) {
            Some(written) => tooi::choice(written),
            None => default_choice(doc_type),
        }
    }

    /// Where a document goes: its own `woo_category:`, else its type's.
    pub(crate) fn choice(&self, doc: &Document) -> Option<WooChoice> {
        doc.woo_category
            .as_ref()
            .map(|c| c.value)
            .or_else(|| self.type_choice(doc.doc_type()))
    }

    /// The category a document is published in, if it is published in one.
    pub(crate) fn category(&self, doc: &Document) -> Option<&'static Category> {
        match self.choice(doc)? {
            WooChoice::Category(category) => Some(category),
            WooChoice::NotIndexed => None,
        }
    }
}

/// What kind of document it is, in the TOOI list of document kinds (`documentsoort`). The list
/// has no amendment or council proposal: those are `vergaderstuk`, the list's word for any
/// meeting document. A meeting's own document is its agenda until it is held, then its
/// besluitenlijst.
pub(crate) fn document_kind(doc: &Document) -> &'static Concept {
    let code = match &doc.kind {
        Kind::Raadsbrief(_) | Kind::Brief(_) => "c_7652d853",
        Kind::Motie(_) => "c_bf0f9c95",
        Kind::Besluit => "c_465163c9",
        Kind::Plan => "c_5b1055aa",
        Kind::Vergadering(meeting) if meeting.status == MeetingStatus::Gehouden => "c_d4a4792f",
        Kind::Vergadering(_) => "c_f90465b3",
        Kind::Amendement(_) | Kind::Raadsvoorstel | Kind::Toezegging(_) => "c_7f9dffa7",
    };
    tooi::known(List::DocumentKind, code)
}

/// Checks `woo:` of `griffie.yaml` (`text`, shown as `shown`).
pub(crate) fn check(woo: &WooConfig, text: &str, shown: &Path) -> Vec<Diagnostic> {
    let at = |needle: &str| {
        let start = text.find(needle).unwrap_or(0);
        Location::in_text(text, start, start + needle.len())
    };
    let mut problems = Vec::new();
    if let Some(publisher) = &woo.publisher {
        match tooi::organisation(&publisher.uri) {
            None => problems.push(
                Diagnostic::error(
                    Code::Config,
                    shown,
                    crate::t!("woo.publisher_uri", value = publisher.uri),
                )
                .at(at(&publisher.uri))
                .hint(if is_organisation_uri(&publisher.uri) {
                    crate::t!("woo.publisher_unknown_hint")
                } else {
                    crate::t!("woo.publisher_uri_hint")
                }),
            ),
            Some(known) => {
                if let Some(name) = publisher.name.as_deref().filter(|n| *n != known.label) {
                    problems.push(
                        Diagnostic::error(
                            Code::Config,
                            shown,
                            crate::t!("woo.publisher_name", name = name, label = known.label),
                        )
                        .at(at(&format!("name: {name}")))
                        .hint(crate::t!("woo.publisher_name_hint", label = known.label)),
                    );
                }
            }
        }
    }
    for (type_slug, written) in &woo.categories {
        if DocType::from_slug(type_slug).is_none() {
            let slugs = DocType::ALL.map(DocType::slug);
            let types = slugs.join(", ");
            let hint = match did_you_mean(&type_slug.to_lowercase(), slugs) {
                Some(best) => crate::t!("document.types_did_you_mean", best = best, types = types),
                None => crate::t!("document.types", types = types),
            };
            problems.push(
                Diagnostic::error(
                    Code::UnknownType,
                    shown,
                    crate::t!("woo.category_type", text = type_slug),
                )
                .at(at(&format!("{type_slug}:")))
                .hint(hint),
            );
        }
        if tooi::choice(written).is_none() {
            problems.push(
                Diagnostic::error(
                    Code::WooCategory,
                    shown,
                    crate::t!("woo.unknown_category", value = written),
                )
                .at(at(&format!("{type_slug}: {written}")))
                .hint(tooi::choice_hint(written)),
            );
        }
    }
    problems
}

/// `https://identifier.overheid.nl/tooi/id/<kind>/<code>`, with a municipality's code as
/// `gm` and four digits.
fn is_organisation_uri(uri: &str) -> bool {
    let Some(rest) = uri.strip_prefix(ORGANISATION_PREFIX) else {
        return false;
    };
    let mut parts = rest.split('/');
    let (Some(kind), Some(code), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    if kind == "gemeente" {
        return code.len() == 6 && code.starts_with("gm") && code[2..].chars().all(|c| c.is_ascii_digit());
    }
    plain(kind) && plain(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_uris() {
        assert!(is_organisation_uri(
            "https://identifier.overheid.nl/tooi/id/gemeente/gm0141"
        ));
        assert!(is_organisation_uri(
            "https://identifier.overheid.nl/tooi/id/provincie/pv24"
        ));
        assert!(!is_organisation_uri(
            "https://identifier.overheid.nl/tooi/id/gemeente/0141"
        ));
        assert!(!is_organisation_uri(
            "http://identifier.overheid.nl/tooi/id/gemeente/gm0141"
        ));
        assert!(!is_organisation_uri(
            "https://identifier.overheid.nl/tooi/id/gemeente/gm0141/x"
        ));
        assert!(!is_organisation_uri("gemeente Almelo"));
    }

    #[test]
    fn defaults_follow_article_3_3() {
        let code = |t| match default_choice(t) {
            Some(WooChoice::Category(c)) => Some(c.code()),
            _ => None,
        };
        assert_eq!(code(DocType::Raadsbrief), Some("c_8c840238"));
        for t in [
            DocType::Motie,
            DocType::Amendement,
            DocType::Raadsvoorstel,
            DocType::Besluit,
            DocType::Vergadering,
        ] {
            assert_eq!(code(t), Some("c_db4862c3"), "{t:?}");
        }
        assert_eq!(default_choice(DocType::Brief), None);
        assert_eq!(default_choice(DocType::Toezegging), Some(WooChoice::NotIndexed));
    }
}
