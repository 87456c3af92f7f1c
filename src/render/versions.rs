//! Version pages (`<document url>v<N>/`), their PDFs, and tombstones.
//!
//! A version page shows one committed version of a document: what changed against the version
//! before it (a word-level diff, with field changes), then its full text. Its content depends
//! only on the two versions' sources, so it never changes once published (templates aside).
//!
//! Tombstones replace a document that may no longer be shown: a withdrawn one (at its URL and
//! every version URL, without any of its text) or a deleted one (at its URL; its versions stay,
//! they were published as they are).
//!
//! Older versions are history, not the clerk's current work: a version that no longer reads
//! under today's rules is shown as its plain source text, and a version whose PDF cannot be
//! made has none. Neither is a diagnostic: nobody can fix a commit.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::dates::format_date;
use crate::document_versions::SiteHistory;
use crate::document_versions::VersionRef;
use crate::history::BlobReader;
use crate::markdown::diff::{self, Blocks};
use crate::model::{DocType, Document, Withdrawal};
use crate::output::Output;
use crate::render::pages::{Page, SiteView};
use crate::render::version_refs;
use crate::resolve::Site;
use crate::source::SourceKind;
use crate::urls;
use crate::view::history::{version_entry, StampView, VersionEntry};
use crate::view::{DateView, PdfView, Views};

/// A document with versions to publish: a current one or a deleted one.
pub(crate) struct Subject<'a> {
    pub id: &'a str,
    /// The current document, if it still exists.
    pub position: Option<usize>,
    pub versions: &'a [VersionRef],
    pub withdrawn: Option<&'a Withdrawal>,
}

/// Every document whose versions get pages: current documents first, then deleted ones.
pub(crate) fn subjects<'a>(site: &'a Site, history: &'a SiteHistory) -> Vec<Subject<'a>> {
    let current = site.documents.iter().enumerate().map(|(position, doc)| Subject {
        id: &doc.id,
        position: Some(position),
        versions: &history.documents[position].versions,
        withdrawn: doc.withdrawn.as_ref(),
    });
    let deleted = history.tombstones.iter().map(|stone| Subject {
        id: &stone.id,
        position: None,
        versions: &stone.versions,
        withdrawn: stone.withdrawn.as_ref(),
    });
    current.chain(deleted).filter(|s| !s.versions.is_empty()).collect()
}

/// One version's source, read back from git.
pub(crate) struct VersionSource {
    pub document: Option<Document>,
    /// The whole file, for versions that do not read as a document.
    pub text: String,
}

impl VersionSource {
    pub(crate) fn read(reader: Option<&mut BlobReader>, version: &VersionRef) -> VersionSource {
        let bytes = reader.and_then(|r| r.read(version.blob)).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let shown = Path::new(&version.path);
        let document = SourceKind::of(shown).and_then(|kind| crate::load::read_bytes(shown, bytes, kind).0);
        VersionSource { document, text }
    }

    /// The text compared between versions: the Markdown body, or the whole file when it does
    /// not read as a document.
    fn body(&self) -> &str {
        match &self.document {
            Some(doc) => doc.body().unwrap_or_default(),
            None => &self.text,
        }
    }
}

/// Label/value rows describing a version, for its page and for the field diff; labels and
/// dates in the site's language, values as written. The title comes second (see [`text_view`]).
pub(crate) fn facts(doc: &Document, site: &Site) -> Vec<(String, String)> {
    let lang = site.config.lang();
    let mut rows = FactRows(vec![
        (crate::t!(lang => "site.fact.type"), doc.doc_type().label(lang)),
        (crate::t!(lang => "site.fact.title"), doc.title.clone()),
        (
            crate::t!(lang => "site.fact.date"),
            format_date(lang, doc.date, doc.date_precision),
        ),
    ]);
    rows.push(
        crate::t!(lang => "site.fact.identifier"),
        doc.identifiers
            .iter()
            .map(|i| i.value.clone())
            .collect::<Vec<_>>()
            .join(", "),
    );
    rows.push(
        crate::t!(lang => "site.fact.summary"),
        doc.summary.clone().unwrap_or_default(),
    );
    rows.push(
        crate::t!(lang => "site.fact.author"),
        doc.author.clone().unwrap_or_default(),
    );
    rows.relations(doc, site);
    if let Some(letter) = doc.kind.letter() {
        rows.letter(letter, lang);
    }
    if let Some(motion) = doc.kind.motion() {
        rows.motion(motion, lang);
    }
    rows.0
}

/// The rows of [`facts`], collected.
struct FactRows(Vec<(String, String)>);

impl FactRows {
    /// Adds a row, unless its value is empty.
    fn push(&mut self, label: String, value: String) {
        if !value.is_empty() {
            self.0.push((label, value));
        }
    }

    /// The documents `doc` responds to, settles and refers to, by their titles (ids of documents
    /// the site does not have), and its topics.
    fn relations(&mut self, doc: &Document, site: &Site) {
        let lang = site.config.lang();
        let titles = |ids: &[crate::model::Spanned<String>]| {
            let title_of = |id: &String| {
                site.index
                    .position(id)
                    .map_or_else(|| id.clone(), |p| site.documents[p].public_title().to_string())
            };
            ids.iter().map(|r| title_of(&r.value)).collect::<Vec<_>>().join("; ")
        };
        self.push(crate::t!(lang => "site.fact.responds_to"), titles(&doc.responds_to));
        self.push(crate::t!(lang => "site.fact.settles"), titles(&doc.settles));
        self.push(crate::t!(lang => "site.fact.references"), titles(&doc.references));
        let topic = |slug: &String| site.config.topic_title(slug);
        self.push(
            crate::t!(lang => "site.fact.topics"),
            doc.topics.iter().map(topic).collect::<Vec<_>>().join(", "),
        );
    }

    /// A letter's addressee, handler and attachments.
    fn letter(&mut self, letter: &crate::model::Letter, lang: crate::i18n::Lang) {
        self.push(
            crate::t!(lang => "site.fact.addressee"),
            letter.addressee.clone().unwrap_or_default(),
        );
        self.push(
            crate::t!(lang => "site.fact.handled_by"),
            letter.handled_by.clone().unwrap_or_default(),
        );
        self.push(
            crate::t!(lang => "site.fact.attachments"),
            letter.attachments.join("; "),
        );
    }

    /// A motion's decision as voted (not its later state), due date, submitters and vote.
    fn motion(&mut self, motion: &crate::model::Motion, lang: crate::i18n::Lang) {
        self.push(
            crate::t!(lang => "site.fact.decision"),
            crate::view::status_label(lang, crate::resolve::EffectiveStatus::from_vote(motion.status)),
        );
        self.push(
            crate::t!(lang => "site.fact.due"),
            motion
                .due
                .map(|d| format_date(lang, d, crate::model::DatePrecision::Day))
                .unwrap_or_default(),
        );
        let submitters: Vec<String> = motion
            .submitters
            .iter()
            .map(|s| match &s.party {
                Some(party) => format!("{} ({party})", s.name),
                None => s.name.clone(),
            })
            .collect();
        self.push(crate::t!(lang => "site.fact.submitters"), submitters.join(", "));
        if let Some(vote) = motion.vote {
            self.push(
                crate::t!(lang => "site.fact.vote"),
                crate::t!(lang => "site.fact.vote_counts", votes_for = vote.votes_for, against = vote.against),
            );
        } else if motion.unanimous {
            self.push(
                crate::t!(lang => "site.fact.vote"),
                crate::t!(lang => "site.fact.unanimous"),
            );
        }
    }
}

#[derive(Debug, Serialize)]
struct FieldChangeView {
    label: String,
    old: Option<String>,
    new: Option<String>,
}

#[derive(Debug, Serialize)]
struct DiffView {
    html: String,
    legend_html: String,
    inserted_words: usize,
    deleted_words: usize,
    changed_blocks: usize,
    identical: bool,
    fields: Vec<FieldChangeView>,
}

#[derive(Debug, Serialize)]
struct FactView {
    label: String,
    value: String,
}

#[derive(Debug, Serialize)]
struct VersionTextView {
    title: String,
    type_label: String,
    facts: Vec<FactView>,
    body_html: Option<String>,
    /// The version did not read as a document; `raw` holds its source text.
    unreadable: bool,
    raw: Option<String>,
}

/// The parts of a version a diff compares, kept for diffing the next one.
struct Previous {
    blocks: Blocks,
    facts: Vec<(String, String)>,
}

impl Previous {
    fn of(source: &VersionSource, site: &Site) -> Previous {
        Previous {
            blocks: Blocks::parse(source.body()),
            facts: source.document.as_ref().map(|d| facts(d, site)).unwrap_or_default(),
        }
    }
}

/// What every version page depends on besides its own sources and what they refer to
/// ([`version_refs`]): griffie's version, the templates, the configuration as pages see it and
/// the topics.
pub(crate) fn chrome_fingerprint(site: &Site, site_view: &SiteView, templates: &[u8]) -> Vec<u8> {
    let mut hasher = blake3::Hasher::new();
    hasher.update(templates);
    let mut chrome = site_view.clone();
    chrome.stamp = StampView::none();
    hasher.update(&serde_json::to_vec(&chrome).unwrap_or_default());
    hasher.update(format!("{:?}", site.config.topics).as_bytes());
    hasher.finalize().as_bytes().to_vec()
}

/// The [`chrome_fingerprint`] and the title, type and identifiers of every document: what a
/// version page or PDF is keyed by when its references cannot be known (its blob, or the one
/// before it, cannot be read).
pub(crate) fn site_fingerprint(site: &Site, site_view: &SiteView, templates: &[u8]) -> Vec<u8> {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&chrome_fingerprint(site, site_view, templates));
    for doc in &site.documents {
        hasher.update(format!("{}\t{}\t{}", doc.id, doc.public_title(), doc.doc_type().slug()).as_bytes());
        for identifier in &doc.identifiers {
            hasher.update(identifier.value.as_bytes());
        }
        hasher.update(b"\n");
    }
    hasher.finalize().as_bytes().to_vec()
}

/// The key of `version`'s page: its sources and everything the page shows about them;
/// `fingerprint`: the [`chrome_fingerprint`] and what today's site answers for the references of
/// the version and the one before it (see [`AllVersions::references`]).
fn page_key(
    fingerprint: &[u8],
    subject: &Subject,
    version: &VersionRef,
    history: &SiteHistory,
    pdf: Option<&PdfView>,
    site: &Site,
) -> String {
    let commit = &history.history.commits[version.commit];
    let previous = version.previous.map(|p| p.to_string()).unwrap_or_default();
    let doc_type = subject
        .position
        .map(|p| site.documents[p].doc_type().slug())
        .unwrap_or("deleted");
    // The address too: the newest version links to the document's PDF until a newer version
    // gives it one of its own.
    let pdf = pdf
        .map(|p| format!("{} {} {}", p.url, p.pages, p.bytes))
        .unwrap_or_default();
    crate::output::manifest::key(&[
        b"version-page",
        fingerprint,
        subject.id.as_bytes(),
        version.number.to_string().as_bytes(),
        version.blob.to_string().as_bytes(),
        previous.as_bytes(),
        commit.id.as_bytes(),
        commit.note.as_bytes(),
        doc_type.as_bytes(),
        pdf.as_bytes(),
    ])
}

/// Version pages to render for one subject, and how many were kept from the last build.
pub(crate) struct VersionWork<'a> {
    /// Each page with the key to record it under (empty: not keyed).
    pub pages: Vec<(Page<'a>, String)>,
    pub kept: usize,
}

impl AllVersions<'_> {
    /// The pages of all versions of `subject` that the output does not hold already, in order.
    /// `pdfs[i]`: the PDF of version `i + 1`.
    fn version_pages(
        &self,
        subject: &Subject,
        reader: Option<&mut BlobReader>,
        pdfs: &[Option<PdfView>],
    ) -> VersionWork<'_> {
        if let Some(withdrawal) = subject.withdrawn {
            return self.withdrawn_pages(subject, withdrawal);
        }
        let (site, history, output) = (self.views.site, self.history, self.output);
        let mut work = VersionWork {
            pages: Vec::new(),
            kept: 0,
        };
        let mut reader = reader;
        // The version before the one being made: parsed, or only known (its page was kept).
        let mut previous: Option<Previous> = None;
        let mut unread: Option<&VersionRef> = None;
        for (i, version) in subject.versions.iter().enumerate() {
            let pdf = pdfs.get(i).cloned().flatten();
            let fingerprint = self.references(subject, i, reader.as_deref_mut());
            let key = page_key(&fingerprint, subject, version, history, pdf.as_ref(), site);
            let path = page_path(subject.id, version.number);
            if let Some(meta) = output.reuse(&path, &key) {
                // Its links are checked again: a page it links to may be gone since.
                if let Some(links) = self.links {
                    links.made_with(&path, VERSION_TEMPLATE);
                    links.kept_page(&path, &meta);
                }
                work.kept += 1;
                previous = None;
                unread = Some(version);
                continue;
            }
            if let Some(before) = unread.take() {
                previous = Some(Previous::of(&VersionSource::read(reader.as_deref_mut(), before), site));
            }
            let source = VersionSource::read(reader.as_deref_mut(), version);
            let parsed = Previous::of(&source, site);
            let diff = previous
                .as_ref()
                .map(|before| DiffView::between(before, &parsed, self.views.lang));
            let text = text_view(&source, &parsed.facts, subject.position, self.views);
            let page = self.version_page(subject, version, text, diff, pdf);
            work.pages.push((page, key));
            previous = Some(parsed);
        }
        work
    }

    /// What the page of version `index` of `subject` shows of other documents: the
    /// [`chrome_fingerprint`], the document's current title (a version without one is named by
    /// it) and what today's site answers for the references of the version and of the one
    /// before it (its facts are in the diff). When a blob cannot be read, the title, type and
    /// identifiers of every document instead ([`site_fingerprint`]).
    fn references(&self, subject: &Subject, index: usize, mut reader: Option<&mut BlobReader>) -> Vec<u8> {
        let site = self.views.site;
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.chrome);
        if let Some(position) = subject.position {
            hasher.update(site.documents[position].public_title().as_bytes());
        }
        hasher.update(b"\0");
        for version in &subject.versions[index.saturating_sub(1)..=index] {
            match version_refs::of(reader.as_deref_mut(), version) {
                Some(refs) => hasher.update(refs.resolution(site).as_bytes()),
                None => return self.fingerprint.to_vec(),
            };
            hasher.update(b"\0");
        }
        hasher.finalize().as_bytes().to_vec()
    }

    /// The versions of a withdrawn document: tombstones, unkeyed (none of its text is read).
    fn withdrawn_pages(&self, subject: &Subject, withdrawal: &Withdrawal) -> VersionWork<'_> {
        let pages = subject
            .versions
            .iter()
            .map(|v| {
                (
                    withdrawn_page(subject.id, Some(v.number), withdrawal, self.views, self.site_view),
                    String::new(),
                )
            })
            .collect();
        VersionWork { pages, kept: 0 }
    }
}

impl DiffView {
    /// What changed from version `before` to version `after`: the words of the text, and the
    /// fields.
    fn between(before: &Previous, after: &Previous, lang: crate::i18n::Lang) -> DiffView {
        let labels = diff::DiffLabels::new(lang);
        let body = diff::diff_blocks(&before.blocks, &after.blocks, &labels);
        let fields = diff::diff_fields(&before.facts, &after.facts);
        DiffView {
            html: body.html,
            legend_html: diff::legend_html(&labels),
            inserted_words: body.inserted_words,
            deleted_words: body.deleted_words,
            changed_blocks: body.changed_blocks,
            identical: body.identical && fields.is_empty(),
            fields: fields
                .into_iter()
                .map(|f| FieldChangeView {
                    label: f.label,
                    old: f.old,
                    new: f.new,
                })
                .collect(),
        }
    }
}

/// The template of a version page.
const VERSION_TEMPLATE: &str = "version.html";

fn page_path(id: &str, number: usize) -> String {
    urls::file(&urls::version(id, number))
}

fn text_view(
    source: &VersionSource,
    facts: &[(String, String)],
    position: Option<usize>,
    views: &Views,
) -> VersionTextView {
    match &source.document {
        Some(doc) => {
            let body = crate::markdown::render_document_body(views.site, doc, position);
            VersionTextView {
                title: doc.title.clone(),
                type_label: doc.doc_type().label(views.lang),
                facts: facts
                    .iter()
                    .enumerate()
                    // The title is the page's heading already: the second row (see `facts`).
                    .filter(|(i, _)| *i != 1)
                    .map(|(_, row)| row)
                    .map(|(label, value)| FactView {
                        label: label.clone(),
                        value: value.clone(),
                    })
                    .collect(),
                body_html: (!body.html.is_empty()).then(|| below_heading(&body.html)),
                unreadable: false,
                raw: None,
            }
        }
        None => VersionTextView {
            title: String::new(),
            type_label: String::new(),
            facts: Vec::new(),
            body_html: None,
            unreadable: true,
            raw: Some(source.text.clone()),
        },
    }
}

/// The body's headings one level down: on a version page the text sits under the `<h2>` "Tekst
/// van versie N". The body's own headings start at `<h2>` (see `markdown`); `<h6>` stays.
fn below_heading(html: &str) -> String {
    let mut out = html.to_string();
    for level in (2..=5).rev() {
        out = out
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    out
}

impl AllVersions<'_> {
    /// The page of `version` of `subject`. It names the document by the version's own title, else
    /// by the current document's (a version that does not read as a document has none), else by
    /// its id.
    fn version_page(
        &self,
        subject: &Subject,
        version: &VersionRef,
        text: VersionTextView,
        diff: Option<DiffView>,
        pdf: Option<PdfView>,
    ) -> Page<'_> {
        let (history, views, site_view) = (self.history, self.views, self.site_view);
        let title = if text.title.is_empty() {
            let current = subject
                .position
                .map(|p| views.site.documents[p].public_title().to_string());
            current.unwrap_or_else(|| subject.id.to_string())
        } else {
            text.title.clone()
        };
        let entry = version_entry(subject.id, version, history, views);
        let commit = &history.history.commits[version.commit];
        let path = urls::version(subject.id, version.number);
        let page_title = crate::t!(views.lang => "site.version.page_title", title = title, number = version.number);
        let mut context = crate::render::pages::page_context(site_view, views, &page_title, &path, "", None);
        context.insert("stamp", StampView::of_commit(commit, false, views.lang));
        context.insert("doc_title", title);
        context.insert("doc_url", views.url(&urls::document(subject.id)));
        context.insert(
            "doc_type",
            subject.position.map(|p| views.site.documents[p].doc_type().slug()),
        );
        context.insert("deleted", subject.position.is_none());
        context.insert("version", entry);
        let previous: Option<VersionEntry> = version
            .number
            .checked_sub(2)
            .and_then(|i| subject.versions.get(i))
            .map(|v| version_entry(subject.id, v, history, views));
        context.insert("previous", previous);
        context.insert("diff", diff);
        context.insert("text", text);
        context.insert("pdf", pdf);
        Page {
            path: page_path(subject.id, version.number),
            template: VERSION_TEMPLATE,
            context,
        }
    }
}

#[derive(Debug, Serialize)]
struct TombstoneView {
    id: String,
    type_label: Option<String>,
    /// Shown only for deleted documents; a withdrawn document shows no text of its own.
    title: Option<String>,
    withdrawn: Option<WithdrawnView>,
    deleted: Option<DeletedView>,
    /// The version URL this tombstone stands at, if not the document's own.
    version: Option<usize>,
    versions: Vec<VersionEntry>,
}

#[derive(Debug, Serialize)]
struct WithdrawnView {
    date: DateView,
    reason: String,
}

#[derive(Debug, Serialize)]
struct DeletedView {
    /// `None`: deleted in the working copy, not committed yet.
    date: Option<DateView>,
    note: Option<String>,
}

/// The tombstone of a withdrawn document, at its URL (`version: None`) or a version URL.
pub(crate) fn withdrawn_page<'a>(
    id: &str,
    version: Option<usize>,
    withdrawal: &Withdrawal,
    views: &Views,
    site_view: &'a SiteView,
) -> Page<'a> {
    let stone = TombstoneView {
        id: id.to_string(),
        type_label: None,
        title: None,
        withdrawn: Some(WithdrawnView {
            date: views.day(withdrawal.date),
            reason: withdrawal.reason.clone(),
        }),
        deleted: None,
        version,
        versions: Vec::new(),
    };
    tombstone_page(stone, views, site_view)
}

/// The tombstone at the URL of a deleted document, listing its versions (which stay online).
pub(crate) fn deleted_page<'a>(
    stone: &crate::document_versions::Tombstone,
    history: &SiteHistory,
    views: &Views,
    site_view: &'a SiteView,
) -> Page<'a> {
    if let Some(withdrawal) = &stone.withdrawn {
        return withdrawn_page(&stone.id, None, withdrawal, views, site_view);
    }
    let commit = stone.deleted_in.map(|c| &history.history.commits[c]);
    let view = TombstoneView {
        id: stone.id.clone(),
        type_label: stone.doc_type.map(|t: DocType| t.label(views.lang)),
        title: stone.title.clone(),
        withdrawn: None,
        deleted: Some(DeletedView {
            date: commit.map(|c| views.day(c.date)),
            note: commit.map(|c| c.note.clone()).filter(|n| !n.is_empty()),
        }),
        version: None,
        versions: stone
            .versions
            .iter()
            .map(|v| version_entry(&stone.id, v, history, views))
            .collect(),
    };
    tombstone_page(view, views, site_view)
}

fn tombstone_page<'a>(stone: TombstoneView, views: &Views, site_view: &'a SiteView) -> Page<'a> {
    let base = urls::document(&stone.id);
    let path = match stone.version {
        Some(n) => urls::version(&stone.id, n),
        None => base,
    };
    let title = match (&stone.withdrawn, &stone.title) {
        (Some(_), _) | (None, None) => crate::t!(views.lang => "site.tombstone.page_title"),
        (None, Some(title)) => crate::t!(views.lang => "site.tombstone.deleted_title", title = title),
    };
    let mut context = crate::render::pages::page_context(site_view, views, &title, &path, "", None);
    context.insert("stone", stone);
    Page {
        path: urls::file(&path),
        template: "tombstone.html",
        context,
    }
}

/// The PDFs of one subject's versions (index = number − 1), compiled on the caller's thread. A
/// PDF the output holds already (same key) is kept without reading its version.
///
/// `current`: when the newest version is the document as it stands (a current document, not a
/// draft), the document's own PDF, which that version's page links to instead of a copy of it
/// (`Some(None)`: the document has none). Its own file appears once a newer version supersedes
/// it, so every version PDF URL that is ever published stays.
///
/// A version PDF's key holds its blob and what the PDF shows of the rest of the site: the
/// configuration, the [`chrome_fingerprint`] and what today's site answers for the version's
/// references ([`version_refs`]), so a commit that renames one document makes again only the
/// PDFs of versions that name it. When the references cannot be read, `fallback` (the
/// [`site_fingerprint`]) stands for them.
pub(crate) fn version_pdfs(
    subject: &Subject,
    reader: Option<&mut BlobReader>,
    engine: &crate::pdf::PdfEngine,
    views: &Views,
    output: &dyn Output,
    keys: &VersionPdfKeys,
    current: Option<Option<PdfView>>,
) -> Vec<Option<PdfView>> {
    if subject.withdrawn.is_some() {
        return Vec::new();
    }
    let mut reader = reader;
    let newest = subject.versions.len().checked_sub(1);
    let mut current = current;
    subject
        .versions
        .iter()
        .enumerate()
        .map(|(index, version)| {
            if Some(index) == newest {
                if let Some(pdf) = current.take() {
                    return pdf;
                }
            }
            let path = urls::file(&urls::version_pdf(subject.id, version.number));
            let references = match version_refs::of(reader.as_deref_mut(), version) {
                Some(refs) => blake3::hash(refs.resolution(views.site).as_bytes()).as_bytes().to_vec(),
                None => keys.fallback.to_vec(),
            };
            let key = crate::output::manifest::key(&[
                b"version-pdf",
                &keys.chrome,
                &references,
                engine.fingerprint(),
                subject.id.as_bytes(),
                version.blob.to_string().as_bytes(),
            ]);
            if let Some(meta) = output.reuse(&path, &key) {
                // "pages bytes cache-key": the PDF cache keeps the entry of a PDF kept here.
                let mut fields = meta.split(' ');
                let mut number = || fields.next()?.parse::<usize>().ok();
                let (pages, size) = (number()?, number()?);
                if let Some(cache_key) = fields.next() {
                    engine.cache().keep(cache_key);
                }
                return Some(PdfView::of_size(views, &path, pages, size));
            }
            let source = VersionSource::read(reader.as_deref_mut(), version);
            let doc = source.document.as_ref().filter(|d| d.body().is_some())?;
            let tree = crate::markdown::document_body_tree(views.site, doc, subject.position);
            let of = crate::view::pdf_data::PdfOf {
                site: views.site,
                doc,
                position: None,
                body: &tree,
            };
            let pdf = engine.make(&of).ok()?;
            let meta = format!("{} {} {}", pdf.pages, pdf.bytes.len(), pdf.cache_key);
            output.write_keyed(&path, &pdf.bytes, &key, &meta).ok()?;
            Some(PdfView::at(views, &path, &pdf))
        })
        .collect()
}

/// What every version PDF's key holds besides the version's own blob and references.
pub(crate) struct VersionPdfKeys {
    /// The [`chrome_fingerprint`] and the whole configuration (a PDF shows the letterhead, the
    /// letter defaults and the site's address, not all of which the pages show).
    pub chrome: Vec<u8>,
    /// The [`site_fingerprint`], for a version whose references cannot be read.
    pub fallback: Vec<u8>,
}

impl VersionPdfKeys {
    pub(crate) fn new(site: &Site, chrome: &[u8], fallback: &[u8]) -> VersionPdfKeys {
        let chrome = blake3::Hasher::new()
            .update(chrome)
            .update(format!("{:?}", site.config).as_bytes())
            .finalize();
        VersionPdfKeys {
            chrome: chrome.as_bytes().to_vec(),
            fallback: fallback.to_vec(),
        }
    }
}

/// The version pages of every subject; `pdfs` per subject as from [`version_pdfs`].
pub(crate) struct AllVersions<'a> {
    pub subjects: &'a [Subject<'a>],
    pub pdfs: &'a [Vec<Option<PdfView>>],
    pub history: &'a SiteHistory,
    pub views: &'a Views<'a>,
    pub site_view: &'a SiteView,
    pub output: &'a dyn Output,
    /// The build's link check, told of every kept page (`None` in the preview, which checks no
    /// links).
    pub links: Option<&'a super::links::LinkCheck<'a>>,
    /// See [`chrome_fingerprint`].
    pub chrome: &'a [u8],
    /// See [`site_fingerprint`].
    pub fingerprint: &'a [u8],
}

impl AllVersions<'_> {
    /// In parallel, one blob reader per worker.
    pub(crate) fn pages(&self) -> impl ParallelIterator<Item = VersionWork<'_>> + '_ {
        self.subjects.par_iter().enumerate().map_init(
            || self.history.history.reader(),
            move |reader, (i, subject)| {
                let pdfs = self.pdfs.get(i).map(Vec::as_slice).unwrap_or_default();
                self.version_pages(subject, reader.as_mut(), pdfs)
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::below_heading;

    #[test]
    fn body_headings_move_one_level_down_once() {
        let html = r#"<h2 id="a">A</h2><p>x</p><h3 id="b">B</h3><h6>F</h6><header>kop</header>"#;
        assert_eq!(
            below_heading(html),
            r#"<h3 id="a">A</h3><p>x</p><h4 id="b">B</h4><h6>F</h6><header>kop</header>"#
        );
    }
}
