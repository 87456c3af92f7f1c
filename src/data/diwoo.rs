//! The DiWoo sitemaps the national Woo index (KOOP) harvests: per information category one
//! `sitemapindex-diwoo-infocatNNN.xml` at the site's root, listed in `robots.txt`, and its
//! parts `diwoo/infocatNNN-<N>.xml`, each a sitemaps.org `urlset` of at most 50,000 documents.
//!
//! One `<url>` per published document file: `<loc>` is the https address of the PDF itself
//! (the index links to the document, not to a page about it), `<lastmod>` the last time it
//! changed as its readers see it ([`crate::view::lastmod::updated`]), and `diwoo:Document`
//! the DiWoo 0.9.8 metadata, every coded element with its TOOI `resource` and that list's label
//! ([`crate::tooi`]). The element order is the XSD's sequence; `tests/standards/validate`
//! checks the files against the vendored XSDs and the rules the XSD cannot express.
//!
//! A withdrawn document leaves the index: its PDF is gone (410-like: the tombstone page says
//! why), so its `<url>` is no longer listed, and the category's `lastmod` moves, so the index
//! harvests the sitemap again and drops it. Nothing is written for a site without a publisher or
//! without an https address (`config::woo_warnings` says why).

use jiff::Timestamp;
use quick_xml::events::BytesText;

use crate::data::feeds::atom::xml_chars;
use crate::data::xml::{document as xml_document, element, text, XmlWriter};
use crate::document_versions::SiteHistory;
use crate::model::{Document, Kind, MotionStatus};
use crate::resolve::Site;
use crate::tooi::{self, Category, Concept, List};
use crate::urls;
use crate::view::lastmod::{midnight_utc, rfc3339, updated};
use crate::woo::{self, Publisher};

/// The protocol's limit of URLs in one sitemap.
pub(crate) const URLS_PER_FILE: usize = crate::data::sitemap::URLS_PER_FILE;

const SITEMAP_NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const DIWOO_NAMESPACE: &str = "https://standaarden.overheid.nl/diwoo/metadata/";

/// Handelingen (TOOI `ccw_plooi_documenthandelingen`).
const RECEIPT: &str = "c_dfcee535";
const ADOPTION: &str = "c_641ecd76";
const SIGNING: &str = "c_e1ec050e";
/// Relations (TOOI `scw_documentrelatie`).
const RESPONDS_TO: &str = "c_07748060";
const REFERS_TO: &str = "c_75fac459";

/// The documents the Woo index gets, per category in the order of the law; each list by id.
/// None for a site whose address is not https: the index harvests https only.
pub(crate) fn indexed(site: &Site) -> Vec<(&'static Category, Vec<usize>)> {
    if !site.config.base_url.starts_with("https://") {
        return Vec::new();
    }
    in_categories(site)
}

/// The documents in a Woo category that the site publishes a PDF of, per category in the
/// order of the law, each list by id; none without a publisher. The ORI API's
/// informatieobjecten, and the Woo index's documents when the site is on https.
pub(crate) fn in_categories(site: &Site) -> Vec<(&'static Category, Vec<usize>)> {
    if site.config.woo.publisher.is_none() {
        return Vec::new();
    }
    let mut per_category: Vec<(&'static Category, Vec<usize>)> =
        tooi::categories().iter().map(|c| (c, Vec::new())).collect();
    for (position, doc) in site.documents.iter().enumerate() {
        if !has_pdf(doc) {
            continue;
        }
        if let Some(category) = site.config.woo.category(doc) {
            if let Some((_, list)) = per_category.iter_mut().find(|(c, _)| *c == category) {
                list.push(position);
            }
        }
    }
    per_category.retain(|(_, list)| !list.is_empty());
    for (_, list) in &mut per_category {
        list.sort_by(|&a, &b| site.documents[a].id.cmp(&site.documents[b].id));
    }
    per_category
}

/// Whether the site publishes a PDF of the document: it has text and is not withdrawn.
fn has_pdf(doc: &Document) -> bool {
    doc.body().is_some() && doc.withdrawn.is_none()
}

/// Every DiWoo file: the index of each category used and its parts, as (output path, XML).
pub(crate) fn sitemaps(site: &Site, history: &SiteHistory) -> Vec<(String, String)> {
    sitemaps_of(site, history, URLS_PER_FILE)
}

/// [`sitemaps`] with at most `per_file` documents in a part.
fn sitemaps_of(site: &Site, history: &SiteHistory, per_file: usize) -> Vec<(String, String)> {
    let Some(publisher) = &site.config.woo.publisher else {
        return Vec::new();
    };
    let origin = site.config.site_origin();
    let mut files = Vec::new();
    for (category, positions) in indexed(site) {
        let removed = last_withdrawal(site, history, category);
        let mut parts = Vec::new();
        for (i, chunk) in positions.chunks(per_file.max(1)).enumerate() {
            let path = urls::diwoo_part(category.infocat, i + 1);
            let lastmod = chunk.iter().map(|&p| updated(site, history, p)).max().max(removed);
            parts.push((format!("{origin}{path}"), lastmod));
            let xml = urlset(site, history, publisher, category, chunk);
            files.push((urls::file(&path), xml));
        }
        files.push((urls::file(&urls::diwoo_index(category.infocat)), sitemap_index(&parts)));
    }
    files
}

/// When a document of `category` was last withdrawn: its entry left the sitemaps then, so their
/// `lastmod` is at least that late and the Woo index harvests them again and drops it.
fn last_withdrawal(site: &Site, history: &SiteHistory, category: &Category) -> Option<Timestamp> {
    site.documents
        .iter()
        .enumerate()
        .filter(|(_, doc)| doc.withdrawn.is_some() && doc.body().is_some())
        .filter(|(_, doc)| site.config.woo.category(doc) == Some(category))
        .map(|(position, _)| updated(site, history, position))
        .max()
}

/// The `Sitemap:` lines `robots.txt` adds for the Woo index: one per category index.
pub(crate) fn robots_lines(site: &Site) -> Vec<String> {
    let origin = site.config.site_origin();
    indexed(site)
        .iter()
        .map(|(category, _)| format!("Sitemap: {origin}{}", urls::diwoo_index(category.infocat)))
        .collect()
}

fn sitemap_index(parts: &[(String, Option<Timestamp>)]) -> String {
    xml_document(|w| {
        w.create_element("sitemapindex")
            .with_attribute(("xmlns", SITEMAP_NAMESPACE))
            .write_inner_content(|w| {
                for (location, lastmod) in parts {
                    element(w, "sitemap", |w| {
                        text(w, "loc", location)?;
                        if let Some(instant) = lastmod {
                            text(w, "lastmod", &rfc3339(*instant))?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

fn urlset(
    site: &Site,
    history: &SiteHistory,
    publisher: &Publisher,
    category: &Category,
    positions: &[usize],
) -> String {
    let origin = site.config.site_origin();
    xml_document(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", SITEMAP_NAMESPACE))
            .with_attribute(("xmlns:diwoo", DIWOO_NAMESPACE))
            .write_inner_content(|w| {
                for &position in positions {
                    let doc = &site.documents[position];
                    element(w, "url", |w| {
                        text(w, "loc", &format!("{origin}{}", urls::pdf(&doc.id)))?;
                        text(w, "lastmod", &rfc3339(updated(site, history, position)))?;
                        element(w, "diwoo:Document", |w| {
                            element(w, "diwoo:DiWoo", |w| diwoo(w, site, publisher, category, position))?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// The `diwoo:DiWoo` of document `position`, in the XSD's order.
fn diwoo(
    w: &mut XmlWriter,
    site: &Site,
    publisher: &Publisher,
    category: &Category,
    position: usize,
) -> std::io::Result<()> {
    let doc = &site.documents[position];
    let origin = site.config.site_origin();
    element(w, "diwoo:identifiers", |w| {
        for identifier in &doc.identifiers {
            text(w, "diwoo:identifier", &identifier.value)?;
        }
        text(w, "diwoo:identifier", &format!("{origin}{}", urls::document(&doc.id)))?;
        Ok(())
    })?;
    organisation(w, "diwoo:publisher", publisher)?;
    organisation(w, "diwoo:verantwoordelijke", publisher)?;
    if let Some(author) = author(site, doc) {
        text(w, "diwoo:naamOpsteller", &author)?;
    }
    element(w, "diwoo:titelcollectie", |w| {
        text(w, "diwoo:officieleTitel", &doc.title)?;
        Ok(())
    })?;
    if let Some(summary) = &doc.summary {
        element(w, "diwoo:omschrijvingen", |w| {
            text(w, "diwoo:omschrijving", summary)?;
            Ok(())
        })?;
    }
    element(w, "diwoo:classificatiecollectie", |w| {
        element(w, "diwoo:informatiecategorieen", |w| {
            coded(w, "diwoo:informatiecategorie", &category.concept)?;
            Ok(())
        })?;
        element(w, "diwoo:documentsoorten", |w| {
            coded(w, "diwoo:documentsoort", woo::document_kind(doc))?;
            Ok(())
        })?;
        if !doc.topics.is_empty() {
            element(w, "diwoo:trefwoorden", |w| {
                for topic in &doc.topics {
                    text(w, "diwoo:trefwoord", &site.config.topic_title(topic))?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    text(w, "diwoo:creatiedatum", &crate::dates::iso(doc.date))?;
    coded(w, "diwoo:language", tooi::known(List::Language, "NLD"))?;
    coded(w, "diwoo:format", tooi::known(List::Format, "PDF"))?;
    element(w, "diwoo:documenthandelingen", |w| {
        for (handeling, at) in handelingen(site, doc, category) {
            element(w, "diwoo:documenthandeling", |w| {
                coded(w, "diwoo:soortHandeling", tooi::known(List::Handeling, handeling))?;
                text(w, "diwoo:atTime", &rfc3339(at))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    let relations = relations(site, position);
    if !relations.is_empty() {
        element(w, "diwoo:documentrelaties", |w| {
            for (role, target) in relations {
                let other = &site.documents[target];
                let address = if has_pdf(other) {
                    urls::pdf(&other.id)
                } else {
                    urls::document(&other.id)
                };
                element(w, "diwoo:documentrelatie", |w| {
                    coded(w, "diwoo:role", tooi::known(List::Relation, role))?;
                    w.create_element("diwoo:relation")
                        .with_attribute(("resource", xml_chars(&format!("{origin}{address}")).as_str()))
                        .write_text_content(BytesText::new(&xml_chars(&other.title)))?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Who made the document, as far as the sources say: a letter's sender, a plan's author, the
/// submitters of a motion or amendment.
pub(crate) fn author(site: &Site, doc: &Document) -> Option<String> {
    match &doc.kind {
        Kind::Raadsbrief(letter) | Kind::Brief(letter) => {
            Some(letter.sender.clone().unwrap_or_else(|| site.config.sender()))
        }
        Kind::Motie(motion) | Kind::Amendement(motion) if !motion.submitters.is_empty() => Some(
            motion
                .submitters
                .iter()
                .map(|s| {
                    let party = s
                        .party
                        .as_deref()
                        .map(|p| site.config.parties.get(p).map_or(p, |known| known.name.as_str()));
                    match party {
                        Some(party) => format!("{} ({party})", s.name),
                        None => s.name.clone(),
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => doc.author.clone(),
    }
}

/// What happened to the document, with when: a received document's receipt (category 3.3.2a),
/// a motion's or amendment's signing by its submitters and, once adopted, its adoption; the
/// adoption of a decision, a meeting's agenda or besluitenlijst and a plan; a letter's signing.
/// Documents carry a day, not a time: the instant is that day's start in UTC (the same
/// calendar day in the Netherlands).
fn handelingen(site: &Site, doc: &Document, category: &Category) -> Vec<(&'static str, Timestamp)> {
    let day = midnight_utc(doc.date);
    let decided = site
        .index
        .position(&doc.id)
        .and_then(|p| site.index.links[p].decided_in.first().copied())
        .map_or(day, |meeting| midnight_utc(site.documents[meeting].date));
    match &doc.kind {
        _ if category.article == "3.3.2a" => vec![(RECEIPT, day)],
        Kind::Motie(motion) | Kind::Amendement(motion) => {
            let mut done = vec![(SIGNING, day)];
            if motion.status == MotionStatus::Aangenomen {
                done.push((ADOPTION, decided.max(day)));
            }
            done
        }
        Kind::Raadsbrief(_) | Kind::Brief(_) => vec![(SIGNING, day)],
        Kind::Raadsvoorstel | Kind::Toezegging(_) => vec![(RECEIPT, day)],
        Kind::Besluit | Kind::Plan | Kind::Vergadering(_) => vec![(ADOPTION, day)],
    }
}

/// The relations DiWoo has a word for: `responds_to` is "is reactie op"; what a document
/// settles, amends, decides or refers to, "verwijst naar". Each target once, in that order.
fn relations(site: &Site, position: usize) -> Vec<(&'static str, usize)> {
    let links = &site.index.links[position];
    let mut found: Vec<(&'static str, usize)> = Vec::new();
    let refers = links
        .settles
        .iter()
        .chain(&links.amends)
        .chain(&links.decides)
        .chain(&links.references);
    for (role, &target) in links
        .responds_to
        .iter()
        .map(|t| (RESPONDS_TO, t))
        .chain(refers.map(|t| (REFERS_TO, t)))
    {
        if site.documents[target].withdrawn.is_none() && !found.iter().any(|(_, t)| *t == target) {
            found.push((role, target));
        }
    }
    found
}

fn organisation(w: &mut XmlWriter, name: &str, publisher: &Publisher) -> std::io::Result<()> {
    w.create_element(name)
        .with_attribute(("resource", xml_chars(&publisher.uri).as_str()))
        .write_text_content(BytesText::new(&xml_chars(publisher.label())))?;
    Ok(())
}

fn coded(w: &mut XmlWriter, name: &str, concept: &Concept) -> std::io::Result<()> {
    w.create_element(name)
        .with_attribute(("resource", concept.uri.as_str()))
        .write_text_content(BytesText::new(&concept.label))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Five council letters, loaded and resolved as a build does, published by Almelo.
    fn five_letters(dir: &std::path::Path) -> (Site, SiteHistory) {
        let content = dir.join("content");
        std::fs::create_dir_all(&content).unwrap();
        for day in 1..=5 {
            let text = format!(
                "---\nid: raadsbrief-{day}\ntype: raadsbrief\ntitle: Brief {day}\ndate: 2025-03-0{day}\n---\nTekst.\n"
            );
            std::fs::write(content.join(format!("raadsbrief-{day}.md")), text).unwrap();
        }
        let mut diagnostics = crate::diagnostics::Diagnostics::new();
        let documents = crate::load::load_documents(dir, &content, &mut diagnostics);
        let config = crate::config::Config {
            base_url: "https://raad.example/".into(),
            woo: crate::woo::WooConfig {
                publisher: Some(Publisher {
                    uri: "https://identifier.overheid.nl/tooi/id/gemeente/gm0141".into(),
                    name: None,
                }),
                ..Default::default()
            },
            ..Default::default()
        };
        let site = crate::resolve::resolve(config, documents, jiff::civil::date(2025, 4, 1), &mut diagnostics);
        let history = crate::history::read(&content, &dir.join(".griffie-cache/history"));
        let history = crate::document_versions::attach(history, &site.documents, dir, &content, &[]);
        (site, history)
    }

    #[test]
    fn a_category_above_the_limit_is_an_index_of_parts_each_within_it() {
        let dir = tempfile::tempdir().unwrap();
        let (site, history) = five_letters(dir.path());
        let files = sitemaps_of(&site, &history, 2);
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "diwoo/infocat006-1.xml",
                "diwoo/infocat006-2.xml",
                "diwoo/infocat006-3.xml",
                "sitemapindex-diwoo-infocat006.xml",
            ]
        );
        let urls = |xml: &str| xml.matches("<url>").count();
        assert_eq!([urls(&files[0].1), urls(&files[1].1), urls(&files[2].1)], [2, 2, 1]);
        let index = &files[3].1;
        for part in 1..=3 {
            assert!(index.contains(&format!("<loc>https://raad.example/diwoo/infocat006-{part}.xml</loc>")));
        }
        // Each part is as new as its newest document: the third holds the letter of 5 March.
        assert!(files[2].1.contains("raadsbrief-5.pdf"));
        assert!(index.contains("<lastmod>2025-03-05T00:00:00Z</lastmod>"));
        for name in &names {
            let template = crate::urls::parse(name).map(|p| p.template());
            assert!(matches!(
                template,
                Some(crate::urls::Template::DiwooPart | crate::urls::Template::DiwooIndex)
            ));
        }
        assert_eq!(sitemaps(&site, &history).len(), 2, "one part under the real limit");
    }
}
