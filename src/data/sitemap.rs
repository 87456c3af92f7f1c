//! `sitemap.xml` (the sitemaps.org protocol) and `robots.txt`, so search engines and the Woo's
//! harvesters find every page.
//!
//! The sitemap lists every HTML page the build writes except the 404 page: home, lists with all
//! their pages, dossiers, the motievolglijst, the API and search pages, the accessibility statement, every document page (tombstones
//! included, so a search engine learns soon that a withdrawn text is gone) and every version
//! page. `lastmod` is a date from the sources ([`crate::view::lastmod`]): a document's latest change, a
//! version's commit, a list's newest change among its documents. Above [`URLS_PER_FILE`] URLs the
//! protocol's limit applies: `sitemap.xml` becomes an index of `sitemap-1.xml`, `sitemap-2.xml`, ….

use jiff::civil::Date;
use quick_xml::events::BytesText;
use quick_xml::Writer;

use crate::data::feeds::atom::xml_chars;
use crate::data::xml::document;
use crate::dates::iso;
use crate::document_versions::SiteHistory;
use crate::model::DocType;
use crate::resolve::Site;
use crate::view::lastmod::changed_on;

/// The protocol's limit of URLs in one sitemap file.
pub(crate) const URLS_PER_FILE: usize = 50_000;

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// One page: its site-relative path and when it last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Url {
    pub path: String,
    pub lastmod: Option<Date>,
}

/// The sitemap files (`sitemap.xml` and, for a large site, its parts): output path and XML.
pub(crate) fn sitemaps(site: &Site, history: &SiteHistory) -> Vec<(String, String)> {
    split(&urls(site, history), site.config.site_origin(), URLS_PER_FILE)
}

/// `robots.txt`: everything may be crawled; where the sitemap is, and the Woo index's sitemap
/// index of each information category the site publishes in ([`crate::data::diwoo`]).
pub(crate) fn robots_txt(site: &Site) -> String {
    let mut text = format!(
        "# robots.txt of {}, made by griffie.\n# Crawlers read it only at the root of a host: if the site lives in a sub-folder,\n# copy the Sitemap lines into the host's own robots.txt.\nUser-agent: *\nAllow: /\n\nSitemap: {}{}\n",
        site.config.title.replace('\n', " "),
        site.config.site_origin(),
        crate::urls::SITEMAP
    );
    let woo = crate::data::diwoo::robots_lines(site);
    if !woo.is_empty() {
        text.push_str("\n# The Woo index (KOOP): one sitemap index per information category.\n");
        for line in woo {
            text.push_str(&line);
            text.push('\n');
        }
    }
    text
}

/// Every page of the site, in a fixed order.
pub(crate) fn urls(site: &Site, history: &SiteHistory) -> Vec<Url> {
    let changed: Vec<Date> = (0..site.documents.len())
        .map(|p| changed_on(site, history, p))
        .collect();
    let newest = |positions: &[usize]| positions.iter().map(|&p| changed[p]).max();
    let all: Vec<usize> = (0..site.documents.len()).collect();
    let site_lastmod = newest(&all);
    let mut urls = vec![url(crate::urls::HOME, site_lastmod)];
    for (&doc_type, positions) in &site.index.by_type {
        list(
            &mut urls,
            &crate::urls::type_list(doc_type),
            positions.len(),
            site.config.page_size,
            newest(positions),
        );
    }
    urls.push(url(crate::urls::DOSSIERS, site_lastmod));
    for (slug, positions) in &site.index.by_topic {
        list(
            &mut urls,
            &crate::urls::dossier(slug),
            positions.len(),
            site.config.page_size,
            newest(positions),
        );
    }
    let motions = site
        .index
        .by_type
        .get(&DocType::Motie)
        .map(Vec::as_slice)
        .unwrap_or_default();
    list(
        &mut urls,
        crate::urls::MOTIONS,
        motions.len(),
        site.config.motion_page_size,
        site_lastmod,
    );
    urls.push(url(crate::urls::API, site_lastmod));
    urls.push(url(crate::urls::SEARCH, site_lastmod));
    if let Some(statement) = &site.config.accessibility {
        urls.push(url(crate::urls::STATEMENT, statement.date.parse().ok()));
    }
    for (position, doc) in site.documents.iter().enumerate() {
        urls.push(url(&crate::urls::document(&doc.id), Some(changed[position])));
        for version in &history.documents[position].versions {
            let mut date = history.history.commits[version.commit].date;
            if let Some(withdrawal) = &doc.withdrawn {
                date = date.max(withdrawal.date);
            }
            urls.push(url(&crate::urls::version(&doc.id, version.number), Some(date)));
        }
    }
    for stone in &history.tombstones {
        let deleted = stone.deleted_in.map(|c| history.history.commits[c].date);
        let withdrawn = stone.withdrawn.as_ref().map(|w| w.date);
        urls.push(url(&crate::urls::document(&stone.id), deleted.max(withdrawn)));
        for version in &stone.versions {
            let date = history.history.commits[version.commit].date;
            urls.push(url(
                &crate::urls::version(&stone.id, version.number),
                Some(withdrawn.map_or(date, |w| w.max(date))),
            ));
        }
    }
    urls
}

fn url(path: &str, lastmod: Option<Date>) -> Url {
    Url {
        path: path.to_string(),
        lastmod,
    }
}

/// The pages of a paginated list of `len` items at `base`.
fn list(urls: &mut Vec<Url>, base: &str, len: usize, size: usize, lastmod: Option<Date>) {
    for number in 1..=crate::urls::page_count(len, size) {
        urls.push(url(&crate::urls::paged(base, number), lastmod));
    }
}

/// The sitemap files for `urls`: one `sitemap.xml` when they fit in `per_file`, else an index
/// and its numbered parts.
pub(crate) fn split(urls: &[Url], origin: &str, per_file: usize) -> Vec<(String, String)> {
    if urls.len() <= per_file {
        return vec![(crate::urls::file(crate::urls::SITEMAP), urlset(urls, origin))];
    }
    let parts: Vec<&[Url]> = urls.chunks(per_file.max(1)).collect();
    let mut files = Vec::with_capacity(parts.len() + 1);
    let mut index = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let path = crate::urls::sitemap_part(i + 1);
        index.push((format!("{origin}{path}"), part.iter().filter_map(|u| u.lastmod).max()));
        files.push((crate::urls::file(&path), urlset(part, origin)));
    }
    files.insert(0, (crate::urls::file(crate::urls::SITEMAP), sitemap_index(&index)));
    files
}

fn urlset(urls: &[Url], origin: &str) -> String {
    document(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", NAMESPACE))
            .write_inner_content(|w| {
                for u in urls {
                    entry(w, "url", &format!("{origin}{}", u.path), u.lastmod)?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

fn sitemap_index(parts: &[(String, Option<Date>)]) -> String {
    document(|w| {
        w.create_element("sitemapindex")
            .with_attribute(("xmlns", NAMESPACE))
            .write_inner_content(|w| {
                for (location, lastmod) in parts {
                    entry(w, "sitemap", location, *lastmod)?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

fn entry(w: &mut Writer<Vec<u8>>, name: &str, location: &str, lastmod: Option<Date>) -> std::io::Result<()> {
    w.create_element(name).write_inner_content(|w| {
        w.create_element("loc")
            .write_text_content(BytesText::new(&xml_chars(location)))?;
        if let Some(date) = lastmod {
            w.create_element("lastmod")
                .write_text_content(BytesText::new(&iso(date)))?;
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_sitemap_becomes_an_index_of_parts() {
        let urls: Vec<Url> = (0..5)
            .map(|i| url(&format!("/documenten/d{i}/"), Some(jiff::civil::date(2024, 1, 1 + i))))
            .collect();
        let files = split(&urls, "https://raad.example", 2);
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
        );
        // The one template of the URL scheme no fixture site is large enough to make.
        let parts = names[1..]
            .iter()
            .map(|name| crate::urls::parse(name).map(|p| p.template()));
        assert!(parts.into_iter().all(|t| t == Some(crate::urls::Template::SitemapPart)));
        assert!(files[0].1.contains("<sitemapindex"));
        assert!(files[0].1.contains("<loc>https://raad.example/sitemap-3.xml</loc>"));
        assert!(files[0].1.contains("<lastmod>2024-01-05</lastmod>"));
        assert!(files[3].1.contains("<loc>https://raad.example/documenten/d4/</loc>"));
        assert_eq!(split(&urls, "https://raad.example", 5).len(), 1);
    }
}
