//! What keeps a document out of the Woo index, told per document: a type without an
//! information category, or a document in a category without text (so without the PDF the
//! index links to). Only for a site that publishes to the index (`woo: publisher:`); a site
//! without a publisher hears that once, from [`crate::config::woo_warnings`].

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::Document;

pub(super) fn check_documents(config: &Config, documents: &[Document], diagnostics: &mut Diagnostics) {
    if config.woo.publisher.is_none() {
        return;
    }
    for doc in documents.iter().filter(|doc| doc.withdrawn.is_none()) {
        match config.woo.choice(doc) {
            None => diagnostics.push(
                Diagnostic::warning(
                    Code::WooNoCategory,
                    &doc.source.path,
                    crate::t!("woo.no_category", type = doc.doc_type().slug()),
                )
                .at(doc.source.id_location)
                .hint(crate::t!("woo.no_category_hint", type = doc.doc_type().slug())),
            ),
            // A meeting recorded without text yet (planned, its agenda as data) is published
            // in the index once its agenda or besluitenlijst is written.
            Some(crate::tooi::WooChoice::Category(category))
                if doc.body().is_none() && doc.doc_type() != crate::model::DocType::Vergadering =>
            {
                diagnostics.push(
                    Diagnostic::warning(
                        Code::WooNoPdf,
                        &doc.source.path,
                        crate::t!("woo.no_pdf", article = category.article, label = category.concept.label),
                    )
                    .at(doc.source.id_location)
                    .hint(crate::t!("woo.no_pdf_hint")),
                )
            }
            Some(_) => {}
        }
    }
}
