//! The TOOI value lists of the Dutch government (Thesauri en Ontologieën voor
//! Overheidsinformatie) that the open-data exports are coded with: the Woo information
//! categories, document kinds, handelingen, relations, reasons for removal, file formats and
//! languages.
//!
//! A harvester of the national Woo index reads the codes (`resource="https://identifier…"`), a
//! person reads the labels, and both must match the published lists exactly. So they are never
//! typed by hand: the lists are compiled in from the vendored files in `src/tooi/` (see its
//! README for their sources and versions) and looked up by code. Everything here is read-only
//! data, parsed once on first use.

use std::sync::LazyLock;

use serde::Deserialize;

/// A coded value: its URI (the `resource` of a DiWoo element) and its label in that list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    pub uri: String,
    pub label: String,
}

impl Concept {
    /// The last segment of the URI: `c_8c840238`, `PDF`, `NLD`.
    pub(crate) fn code(&self) -> &str {
        self.uri.rsplit('/').next().unwrap_or(&self.uri)
    }
}

/// A Woo information category (art. 3.3 Woo) as the Woo index knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// The TOOI concept, labelled as the DiWoo 0.9.8 list labels it.
    pub concept: Concept,
    /// The article of the Woo that names it: `3.3.2a` (art. 3.3, lid 2, onder a).
    pub article: String,
    /// Its number in the Woo index's sitemap names: `sitemapindex-diwoo-infocat006.xml`.
    pub infocat: u16,
}

impl Category {
    /// `infocat006`.
    pub(crate) fn infocat_name(&self) -> String {
        format!("infocat{:03}", self.infocat)
    }

    /// `c_8c840238`.
    pub(crate) fn code(&self) -> &str {
        self.concept.code()
    }
}

/// The value lists of the DiWoo metadata XSD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    DocumentKind,
    Handeling,
    Relation,
    Format,
    Language,
}

impl List {
    fn key(self) -> &'static str {
        match self {
            List::DocumentKind => "documentsoortlijst",
            List::Handeling => "soorthandelinglijst",
            List::Relation => "documentrelatielijst",
            List::Format => "formatlijst",
            List::Language => "taallijst",
        }
    }
}

/// The concept with this code (the URI's last segment, e.g. `c_bf0f9c95`, `PDF`, `NLD`) in a
/// list. `None` for a code the list lacks.
pub(crate) fn concept(list: List, code: &str) -> Option<&'static Concept> {
    LISTS
        .iter()
        .find(|(key, _)| *key == list.key())
        .and_then(|(_, concepts)| concepts.iter().find(|c| c.code() == code))
}

/// [`concept`] for codes griffie itself writes: a code missing from the compiled-in lists is a
/// bug in griffie (the tests check every such code), never the user's doing.
pub(crate) fn known(list: List, code: &str) -> &'static Concept {
    concept(list, code).unwrap_or_else(|| panic!("{code} is not in the TOOI list {}", list.key()))
}

/// A government organisation of the TOOI registers (municipalities, provinces, water boards,
/// ministries, other public bodies) by its URI, e.g.
/// `https://identifier.overheid.nl/tooi/id/gemeente/gm0141` → "gemeente Almelo". The DiWoo XSD
/// accepts only these as publisher.
pub(crate) fn organisation(uri: &str) -> Option<&'static Concept> {
    ORGANISATIONS.iter().find(|o| o.uri == uri)
}

/// The 17 information categories of art. 3.3 Woo, in the order of the law.
pub(crate) fn categories() -> &'static [Category] {
    &CATEGORIES
}

/// The category a person wrote: its code (`c_8c840238`), URI, article (`3.3.2a`) or sitemap
/// number (`infocat006`).
pub(crate) fn category(written: &str) -> Option<&'static Category> {
    let written = written.trim();
    categories().iter().find(|c| {
        c.code() == written
            || c.concept.uri == written
            || c.article.eq_ignore_ascii_case(written)
            || c.infocat_name().eq_ignore_ascii_case(written)
    })
}

/// Where a document goes in the Woo index: `woo_category:` in its front matter, or its type's
/// entry under `woo: categories:` in `griffie.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WooChoice {
    Category(&'static Category),
    /// Deliberately not in the Woo index (`geen`): published elsewhere, or not a document the
    /// Woo asks to publish actively.
    NotIndexed,
}

/// The words that say "not in the Woo index".
pub(crate) const NOT_INDEXED: [&str; 2] = ["geen", "none"];

/// A category as written in `griffie.yaml` or front matter ([`category`]'s forms), or `geen`.
pub(crate) fn choice(written: &str) -> Option<WooChoice> {
    if NOT_INDEXED.contains(&written.trim().to_lowercase().as_str()) {
        return Some(WooChoice::NotIndexed);
    }
    category(written).map(WooChoice::Category)
}

/// The values [`choice`] takes, for a hint: each category as `3.3.2a (c_8c840238, label)`,
/// and `geen`, with a guess at what was meant when one is close.
pub(crate) fn choice_hint(written: &str) -> String {
    let allowed = categories()
        .iter()
        .map(|c| format!("{} ({}, {})", c.article, c.code(), c.concept.label))
        .collect::<Vec<_>>()
        .join("; ");
    let forms = categories()
        .iter()
        .flat_map(|c| [c.article.as_str(), c.code()])
        .chain(NOT_INDEXED);
    match crate::suggest::did_you_mean(&written.trim().to_lowercase(), forms) {
        Some(best) => crate::t!("woo.category_did_you_mean", best = best, allowed = allowed),
        None => crate::t!("woo.category_allowed", allowed = allowed),
    }
}

/// The file as it is published: `{ "<list>": { "values": [ {uri, label, …} ] } }`.
#[derive(Deserialize)]
struct PublishedList {
    values: Vec<PublishedValue>,
}

#[derive(Deserialize)]
struct PublishedValue {
    uri: String,
    label: String,
}

static LISTS: LazyLock<Vec<(String, Vec<Concept>)>> = LazyLock::new(|| {
    let lists: std::collections::BTreeMap<String, PublishedList> =
        serde_json::from_str(include_str!("diwoo-0.9.8-waardelijsten.json")).expect("the compiled-in TOOI lists parse");
    lists
        .into_iter()
        .map(|(key, list)| {
            let concepts = list
                .values
                .into_iter()
                .map(|v| Concept {
                    uri: v.uri,
                    label: v.label,
                })
                .collect();
            (key, concepts)
        })
        .collect()
});

/// `organisaties.csv`: `uri,label`, a label with a comma in double quotes (URIs have none).
static ORGANISATIONS: LazyLock<Vec<Concept>> = LazyLock::new(|| {
    include_str!("organisaties.csv")
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (uri, label) = line.split_once(',')?;
            let label = match label.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
                Some(quoted) => quoted.replace("\"\"", "\""),
                None => label.to_string(),
            };
            Some(Concept {
                uri: uri.to_string(),
                label,
            })
        })
        .collect()
});

/// The categories from the CSV (article and sitemap number), labelled from the DiWoo list. Rows
/// whose sitemap number KOOP has not confirmed (the effort duty of art. 3.1, `infocat018?`) are
/// left out: the Woo index harvests no sitemap for them.
static CATEGORIES: LazyLock<Vec<Category>> = LazyLock::new(|| {
    let text = include_str!("informatiecategorieen.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header row").split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect("a known column");
    let (infocat, article, code) = (column("infocat"), column("woo_artikel"), column("tooi_code"));
    lines
        .filter_map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let number = cells.get(infocat)?.strip_prefix("infocat")?.parse().ok()?;
            let code = cells.get(code)?;
            let concept = LISTS
                .iter()
                .find(|(key, _)| key == "informatiecategorielijst")?
                .1
                .iter()
                .find(|c| c.code() == *code)?
                .clone();
            Some(Category {
                concept,
                article: cells.get(article)?.to_string(),
                infocat: number,
            })
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seventeen_categories_of_article_3_3_with_their_sitemap_numbers() {
        let all = categories();
        assert_eq!(all.len(), 17);
        assert_eq!(
            all.iter().map(|c| c.infocat).collect::<Vec<_>>(),
            (1..=17).collect::<Vec<_>>()
        );
        let received = category("3.3.2a").unwrap();
        assert_eq!(received.code(), "c_8c840238");
        assert_eq!(received.infocat_name(), "infocat006");
        assert_eq!(
            received.concept.label,
            "bij vertegenwoordigende organen ingekomen stukken"
        );
        let meeting = category("c_db4862c3").unwrap();
        assert_eq!(meeting.article, "3.3.2c");
        assert_eq!(meeting.infocat, 8);
        assert_eq!(category("infocat008"), Some(meeting));
        assert_eq!(category(&meeting.concept.uri), Some(meeting));
        assert_eq!(category("c_00000000"), None);
    }

    #[test]
    fn concepts_by_code() {
        assert_eq!(known(List::DocumentKind, "c_bf0f9c95").label, "motie");
        assert_eq!(known(List::Handeling, "c_dfcee535").label, "ontvangst");
        assert_eq!(known(List::Relation, "c_07748060").label, "is reactie op");
        assert_eq!(
            known(List::Format, "PDF").uri,
            "http://publications.europa.eu/resource/authority/file-type/PDF"
        );
        assert_eq!(known(List::Language, "NLD").label, "Nederlands");
        assert!(concept(List::DocumentKind, "c_07748060").is_none());
    }

    #[test]
    fn organisations_by_uri() {
        let almelo = organisation("https://identifier.overheid.nl/tooi/id/gemeente/gm0141").unwrap();
        assert_eq!(almelo.label, "gemeente Almelo");
        let quoted = organisation("https://identifier.overheid.nl/tooi/id/gemeente/gm0820").unwrap();
        assert_eq!(quoted.label, "gemeente Nuenen, Gerwen en Nederwetten");
        assert!(organisation("https://identifier.overheid.nl/tooi/id/gemeente/gm9999").is_none());
        assert!(ORGANISATIONS.len() > 1000);
    }
}
