//! Writing an Atom feed (RFC 4287) with quick-xml, which escapes every text and attribute
//! value; titles and summaries are the clerk's text and may hold `<`, `&` or quotes.
//!
//! What a feed says is decided in [`super`]; this module only writes it, in a fixed element
//! order, so equal feeds are equal bytes.

use std::io;

use jiff::Timestamp;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::view::lastmod::rfc3339;

/// One feed, all URLs absolute.
#[derive(Debug, Clone)]
pub(crate) struct Feed {
    /// The feed's own URL: its `atom:id` and `rel="self"` link.
    pub url: String,
    pub title: String,
    pub subtitle: String,
    /// The HTML page the feed belongs to.
    pub page_url: String,
    /// The newest `updated` of its entries.
    pub updated: Timestamp,
    /// Who publishes it (the municipality), the feed-level `atom:author`.
    pub author: String,
    /// The site's address, the author's `uri`.
    pub author_url: String,
    pub entries: Vec<Entry>,
}

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Stable: the canonical URL of the page the entry describes.
    pub id: String,
    pub title: String,
    /// The HTML page of the entry (usually equal to `id`).
    pub url: String,
    pub published: Timestamp,
    pub updated: Timestamp,
    /// Plain text.
    pub summary: Option<String>,
    pub categories: Vec<Category>,
}

/// An `atom:category`: the document type or a dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Category {
    pub term: String,
    pub label: String,
    pub scheme: String,
}

/// The XML text of `feed`, in language `language` (`nl`).
pub(crate) fn write(feed: &Feed, language: &str) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    write_feed(&mut writer, feed, language).expect("writing XML into memory");
    let mut text = String::from_utf8(writer.into_inner()).expect("quick-xml writes UTF-8");
    text.push('\n');
    text
}

fn write_feed(writer: &mut Writer<Vec<u8>>, feed: &Feed, language: &str) -> io::Result<()> {
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    writer
        .create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .with_attribute(("xml:lang", language))
        .write_inner_content(|w| {
            text_element(w, "id", &feed.url)?;
            text_element(w, "title", &feed.title)?;
            text_element(w, "subtitle", &feed.subtitle)?;
            link(w, "self", "application/atom+xml", &feed.url)?;
            link(w, "alternate", "text/html", &feed.page_url)?;
            text_element(w, "updated", &rfc3339(feed.updated))?;
            w.create_element("author").write_inner_content(|w| {
                text_element(w, "name", &feed.author)?;
                text_element(w, "uri", &feed.author_url)?;
                Ok(())
            })?;
            w.create_element("generator")
                .with_attribute(("version", env!("CARGO_PKG_VERSION")))
                .write_text_content(BytesText::new("griffie"))?;
            for entry in &feed.entries {
                write_entry(w, entry)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn write_entry(writer: &mut Writer<Vec<u8>>, entry: &Entry) -> io::Result<()> {
    writer.create_element("entry").write_inner_content(|w| {
        text_element(w, "id", &entry.id)?;
        text_element(w, "title", &entry.title)?;
        link(w, "alternate", "text/html", &entry.url)?;
        text_element(w, "published", &rfc3339(entry.published))?;
        text_element(w, "updated", &rfc3339(entry.updated))?;
        if let Some(summary) = &entry.summary {
            w.create_element("summary")
                .with_attribute(("type", "text"))
                .write_text_content(BytesText::new(&xml_chars(summary)))?;
        }
        for category in &entry.categories {
            w.create_element("category")
                .with_attribute(("term", xml_chars(&category.term).as_str()))
                .with_attribute(("scheme", xml_chars(&category.scheme).as_str()))
                .with_attribute(("label", xml_chars(&category.label).as_str()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn text_element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    writer
        .create_element(name)
        .write_text_content(BytesText::new(&xml_chars(text)))?;
    Ok(())
}

fn link(writer: &mut Writer<Vec<u8>>, rel: &str, media_type: &str, href: &str) -> io::Result<()> {
    writer
        .create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("type", media_type))
        .with_attribute(("href", xml_chars(href).as_str()))
        .write_empty()?;
    Ok(())
}

/// `text` without the characters XML 1.0 does not allow at all, even escaped (most control
/// characters). quick-xml escapes markup but leaves these, and one of them, written by YAML's
/// `"\a"`, would make the whole feed unreadable.
pub(crate) fn xml_chars(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(title: &str) -> Feed {
        Feed {
            url: "https://raad.example/atom.xml".into(),
            title: title.into(),
            subtitle: "Nieuwe documenten".into(),
            page_url: "https://raad.example/".into(),
            updated: Timestamp::UNIX_EPOCH,
            author: "Gemeente Testdorp".into(),
            author_url: "https://raad.example/".into(),
            entries: vec![Entry {
                id: "https://raad.example/documenten/a/".into(),
                title: "A & B <c> \u{7}".into(),
                url: "https://raad.example/documenten/a/".into(),
                published: Timestamp::UNIX_EPOCH,
                updated: Timestamp::UNIX_EPOCH,
                summary: Some("\"quoted\" & 'single'".into()),
                categories: vec![Category {
                    term: "motie".into(),
                    label: "Motie \"x\"".into(),
                    scheme: "https://raad.example/".into(),
                }],
            }],
        }
    }

    #[test]
    fn markup_in_titles_is_escaped_and_control_characters_dropped() {
        let xml = write(&feed("Titel </title><x>"), "nl");
        assert!(xml.contains("<title>Titel &lt;/title&gt;&lt;x&gt;</title>"), "{xml}");
        assert!(xml.contains("<title>A &amp; B &lt;c&gt; </title>"), "{xml}");
        assert!(xml.contains(r#"label="Motie &quot;x&quot;""#), "{xml}");
        assert!(!xml.contains('\u{7}'));
        assert!(xml.starts_with(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\">"
        ));
    }
}
