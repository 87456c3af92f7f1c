//! Structured data for search engines and the Woo's harvesters: schema.org JSON-LD on every
//! document page (`DigitalDocument`, published by the municipality as `GovernmentOrganization`).
//!
//! Architecture invariant (untrusted text): the JSON sits in a `<script>` element, where HTML
//! escaping does not apply and `</script>` in a title would end the element. [`script_json`]
//! writes `<`, `>` and `&` (and U+2028/U+2029, line ends to old JavaScript parsers) as `\u`
//! escapes, which only ever occur inside JSON strings: the JSON means the same, and the text
//! can never close the element. Templates print it with `safe`, and nothing else.

use serde_json::{json, Map, Value};

use crate::dates::iso_with_precision;
use crate::urls;
use crate::view::history::HistoryView;
use crate::view::{PdfView, Views};

/// `value` as JSON text that is safe inside a `<script>` element.
pub(crate) fn script_json(value: &Value) -> String {
    let text = serde_json::to_string_pretty(value).expect("a JSON value serialises");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The JSON-LD of document `position`'s page (a current, not withdrawn document).
pub(crate) fn document_json_ld(views: &Views, position: usize, pdf: Option<&PdfView>, history: &HistoryView) -> String {
    let site = views.site;
    let config = &site.config;
    let doc = &site.documents[position];
    let origin = config.site_origin();
    let url = format!("{origin}{}", urls::document(&doc.id));
    let published = iso_with_precision(doc.date, doc.date_precision);
    let mut ld = Map::new();
    ld.insert("@context".into(), json!("https://schema.org"));
    ld.insert("@type".into(), json!("DigitalDocument"));
    ld.insert("@id".into(), json!(url));
    ld.insert("url".into(), json!(url));
    ld.insert("name".into(), json!(doc.public_title()));
    if let Some(summary) = &doc.summary {
        ld.insert("description".into(), json!(summary));
    }
    ld.insert("genre".into(), json!(doc.doc_type().label(views.lang)));
    // The document's own language: content is never translated, whatever the site's interface.
    ld.insert("inLanguage".into(), json!("nl"));
    ld.insert("datePublished".into(), json!(published));
    ld.insert(
        "dateModified".into(),
        json!(history.versions.last().map_or(published, |v| v.date.iso.clone())),
    );
    // The version the page shows; a build outside git has no versions to number.
    if !history.versions.is_empty() {
        ld.insert("version".into(), json!(history.current.to_string()));
    }
    let mut identifiers = vec![property("id", &doc.id)];
    identifiers.extend(doc.identifiers.iter().map(|i| property("kenmerk", &i.value)));
    ld.insert("identifier".into(), Value::Array(identifiers));
    if !doc.topics.is_empty() {
        let about: Vec<Value> = doc
            .topics
            .iter()
            .map(|slug| {
                json!({
                    "@type": "Thing",
                    "name": views.topic(slug).title,
                    "url": format!("{origin}{}", urls::dossier(slug)),
                })
            })
            .collect();
        ld.insert("about".into(), Value::Array(about));
    }
    if let Some(state) = &site.index.motions[position] {
        ld.insert(
            "creativeWorkStatus".into(),
            json!(crate::view::status_label(views.lang, state.effective)),
        );
    }
    ld.insert(
        "publisher".into(),
        json!({
            "@type": "GovernmentOrganization",
            "name": crate::t!(views.lang => "site.municipality", municipality = config.municipality),
            "url": format!("{origin}{}", urls::HOME),
        }),
    );
    ld.insert(
        "isPartOf".into(),
        json!({"@type": "WebSite", "name": config.title, "url": format!("{origin}{}", urls::HOME)}),
    );
    if let Some(pdf) = pdf {
        ld.insert(
            "encoding".into(),
            json!({
                "@type": "MediaObject",
                "contentUrl": format!("{origin}{}", urls::pdf(&doc.id)),
                "encodingFormat": "application/pdf",
                "contentSize": format!("{} bytes", pdf.bytes),
            }),
        );
    }
    script_json(&Value::Object(ld))
}

fn property(name: &str, value: &str) -> Value {
    json!({"@type": "PropertyValue", "propertyID": name, "value": value})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let value = json!({"name": "</script><script>alert(1)</script> & \u{2028}"});
        let text = script_json(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "the same JSON");
    }
}
