//! Writing XML files (sitemaps, DiWoo, ORI-A, MDTO) with quick-xml: a document with its
//! declaration, and elements of text, every value cleaned of the characters XML 1.0 forbids.

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

/// The writer every XML file of griffie is written with.
pub(crate) type XmlWriter = Writer<Vec<u8>>;

/// An XML document: the declaration, then what `body` writes, indented by two spaces, ending
/// in a line break.
pub(crate) fn document(body: impl FnOnce(&mut XmlWriter) -> std::io::Result<()>) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| body(&mut writer))
        .expect("writing XML into memory");
    let mut text = String::from_utf8(writer.into_inner()).expect("quick-xml writes UTF-8");
    text.push('\n');
    text
}

/// `<name>value</name>`.
pub(crate) fn text(w: &mut XmlWriter, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&crate::data::feeds::atom::xml_chars(value)))?;
    Ok(())
}

/// `<name>…</name>` with what `inner` writes.
pub(crate) fn element(
    w: &mut XmlWriter,
    name: &str,
    inner: impl FnOnce(&mut XmlWriter) -> std::io::Result<()>,
) -> std::io::Result<()> {
    w.create_element(name).write_inner_content(inner)?;
    Ok(())
}
