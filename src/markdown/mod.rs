//! A document's Markdown body to safe, accessible HTML.
//!
//! Guarantees, whatever the source contains:
//! - no script runs: raw HTML goes through ammonia, and link or image addresses with a scheme
//!   other than http(s), mailto or tel are dropped (with a warning);
//! - headings start at level 2 (the page title is the only `<h1>`) and never skip a level, each
//!   with a stable `id` for deep links and the table of contents;
//! - official identifiers in the text ("Raad-7975") link to the document that carries them;
//! - every image has alt text (an error otherwise: WCAG 1.1.1 and PDF/UA require it).
//!
//! Pure: depends on the document, the link index and the base path only.

pub(crate) mod diff;
pub(crate) mod tree;

use std::collections::HashMap;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde::Serialize;

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::escape;
use crate::identifiers;
use crate::model::Document;
use crate::resolve::Site;

/// One entry of a document's table of contents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The rendered body of one document.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub diagnostics: Vec<Diagnostic>,
}

fn options() -> Options {
    crate::source::markdown_options()
}

/// The events of a body with their source ranges, without headings that have no text: an
/// empty heading is no heading for a screen reader and a structure element PDF/UA refuses
/// (load warns about each, `empty-heading`).
fn parse(body: &str) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
    let mut events: Vec<(Event, std::ops::Range<usize>)> = Vec::new();
    // Where the open heading's events start in `events`, and whether it has text yet.
    let mut heading: Option<(usize, bool)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Heading { .. }) => heading = Some((events.len(), false)),
            Event::Text(text) | Event::Code(text) if !text.trim().is_empty() => {
                if let Some((_, has_text)) = heading.as_mut() {
                    *has_text = true;
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, false)) = heading.take() {
                    events.truncate(start);
                    continue;
                }
            }
            _ => {}
        }
        events.push((event, range));
    }
    events
}

/// The normal form of every identifier-shaped piece of the body's text, sorted, each once: all
/// that [`render_document_body`] may link to a document (it links those in running text only).
pub(crate) fn identifier_candidates(body: &str) -> Vec<String> {
    let mut normals: Vec<String> = parse(body)
        .into_iter()
        .filter_map(|(event, _)| match event {
            Event::Text(text) => Some(text),
            _ => None,
        })
        .flat_map(|text| {
            identifiers::find_candidates(&text)
                .map(|mention| mention.normal)
                .collect::<Vec<_>>()
        })
        .collect();
    normals.sort_unstable();
    normals.dedup();
    normals
}

/// Renders the body of document `position` of `site`.
pub fn render_body(site: &Site, position: usize) -> RenderedBody {
    render_document_body(site, &site.documents[position], Some(position))
}

/// Renders the body of `doc`, which may be an earlier version of a document of `site`;
/// `position` is the document it is a version of (its own identifiers are not linked).
pub(crate) fn render_document_body(site: &Site, doc: &Document, position: Option<usize>) -> RenderedBody {
    let Some(body) = doc.body() else {
        return RenderedBody::default();
    };
    let base_path = site.config.base_path();
    let parsed = parse(body);
    let headings = plan_headings(&parsed);
    let mut walk = Walk {
        doc,
        position,
        site,
        base_path: &base_path,
        headings: &headings,
        state: WalkState::default(),
        events: Vec::with_capacity(parsed.len()),
        out: RenderedBody::default(),
    };
    for (event, range) in parsed {
        walk.transform(event, range);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, walk.events.into_iter());
    let mut out = walk.out;
    out.html = if walk.state.raw_html { sanitise(&html) } else { html };
    out.toc = headings
        .into_iter()
        .map(|h| TocEntry {
            level: h.level,
            id: h.id,
            text: h.text,
        })
        .collect();
    out
}

/// The body of document `position` as a data tree for the PDF templates, with the same
/// normalised heading levels as the web page.
pub fn body_tree(site: &Site, position: usize) -> crate::markdown::tree::BodyTree {
    document_body_tree(site, &site.documents[position], Some(position))
}

/// [`body_tree`] for `doc`, which may be an earlier version of document `position`.
pub(crate) fn document_body_tree(
    site: &Site,
    doc: &Document,
    position: Option<usize>,
) -> crate::markdown::tree::BodyTree {
    let Some(body) = doc.body() else {
        return Default::default();
    };
    let parsed = parse(body);
    let levels: Vec<u8> = plan_headings(&parsed).iter().map(|h| h.level).collect();
    crate::markdown::tree::build(&parsed, &levels, site, doc, position)
}

/// The words of a Markdown body as plain text, for the search index: text, code and image
/// descriptions, blocks on lines of their own. Raw HTML blocks are left out (the page shows
/// them only after sanitising); the text between inline tags is kept.
pub(crate) fn plain_text(body: &str) -> String {
    let mut text = String::with_capacity(body.len());
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => text.push('\n'),
            _ => {}
        }
    }
    text
}

#[derive(Debug)]
struct PlannedHeading {
    level: u8,
    id: String,
    text: String,
}

/// Normalised level, id and text of every heading, in order.
fn plan_headings(events: &[(Event, std::ops::Range<usize>)]) -> Vec<PlannedHeading> {
    let mut raw: Vec<(u8, String)> = Vec::new();
    let mut current: Option<(u8, String)> = None;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((heading_number(*level), String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => raw.extend(current.take()),
            _ => {}
        }
    }
    let min = raw.iter().map(|(l, _)| *l).min().unwrap_or(2);
    let mut previous = 1u8;
    // Heading ids are slugs (a-z, 0-9, single `-`); the templates' own ids contain `__`, so the
    // two can never clash.
    let mut used: HashMap<String, usize> = HashMap::new();
    raw.into_iter()
        .map(|(level, text)| {
            let level = (level + 2 - min).min(previous + 1).min(6);
            previous = level;
            let base = slug_for_anchor(&text);
            let count = used.entry(base.clone()).or_insert(0);
            *count += 1;
            let id = if *count == 1 { base } else { format!("{base}-{count}") };
            PlannedHeading {
                level,
                id,
                text: text.trim().to_string(),
            }
        })
        .collect()
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn heading_level(n: u8) -> HeadingLevel {
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

fn slug_for_anchor(text: &str) -> String {
    let slug = crate::slug::slugify(text);
    if slug.is_empty() || slug.starts_with(|c: char| c.is_ascii_digit()) {
        format!("sectie-{slug}").trim_end_matches('-').to_string()
    } else {
        slug
    }
}

#[derive(Default)]
struct WalkState {
    heading_index: usize,
    in_heading: bool,
    link_depth: usize,
    code_depth: usize,
    /// For each open link or image: was it dropped as unsafe?
    dropped: Vec<bool>,
    image_alt: Option<(String, std::ops::Range<usize>)>,
    raw_html: bool,
    tables: usize,
}

/// One walk over a body's events: what transforming every event reads (the document, the site,
/// the planned headings) and what it adds to (the state, the events out, the rendered body).
struct Walk<'a, 'w> {
    doc: &'w Document,
    position: Option<usize>,
    site: &'w Site,
    base_path: &'w str,
    headings: &'w [PlannedHeading],
    state: WalkState,
    events: Vec<Event<'a>>,
    out: RenderedBody,
}

impl<'a> Walk<'a, '_> {
    /// Adds `event` (at `range` of the body) to the events out, changed where it must be.
    fn transform(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(Tag::Heading { .. }) => self.start_heading(),
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(tag @ Tag::Link { .. }) => {
                self.start_if_safe(tag, &range);
                self.state.link_depth += 1;
            }
            Event::End(TagEnd::Link) => {
                self.state.link_depth = self.state.link_depth.saturating_sub(1);
                self.end_unless_dropped(TagEnd::Link);
            }
            Event::Start(tag @ Tag::Image { .. }) => {
                self.start_if_safe(tag, &range);
                self.state.image_alt = Some((String::new(), range));
            }
            Event::End(TagEnd::Image) => self.end_image(),
            Event::Start(Tag::Table(alignments)) => self.start_table(alignments),
            Event::End(TagEnd::Table) => {
                self.events.push(Event::End(TagEnd::Table));
                self.events.push(Event::Html(CowStr::from("</section>\n")));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.state.code_depth += 1;
                self.events.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.state.code_depth = self.state.code_depth.saturating_sub(1);
                self.events.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Text(text) => self.text(text),
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, &range),
            other => self.events.push(other),
        }
    }

    /// A heading gets its planned level and id.
    fn start_heading(&mut self) {
        let planned = &self.headings[self.state.heading_index];
        self.state.in_heading = true;
        self.events.push(Event::Start(Tag::Heading {
            level: heading_level(planned.level),
            id: Some(CowStr::from(planned.id.clone())),
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
    }

    /// Closes the heading at its planned level; the next heading takes the next plan.
    fn end_heading(&mut self) {
        let planned = &self.headings[self.state.heading_index];
        self.state.heading_index += 1;
        self.state.in_heading = false;
        self.events
            .push(Event::End(TagEnd::Heading(heading_level(planned.level))));
    }

    /// Opens a link or image whose address is safe; one with an unsafe address is dropped with a
    /// warning (its text stays), and so is its end (see [`Walk::end_unless_dropped`]).
    fn start_if_safe(&mut self, tag: Tag<'a>, range: &std::ops::Range<usize>) {
        let safe = match &tag {
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                check_url(dest_url, self.doc, range, &mut self.out)
            }
            _ => true,
        };
        self.state.dropped.push(!safe);
        if safe {
            self.events.push(Event::Start(tag));
        }
    }

    /// Closes the innermost link or image, unless its start was dropped.
    fn end_unless_dropped(&mut self, end: TagEnd) {
        if !self.state.dropped.pop().unwrap_or(false) {
            self.events.push(Event::End(end));
        }
    }

    /// The end of an image: its text (the alt text) is complete, and must not be empty.
    fn end_image(&mut self) {
        if let Some((alt, range)) = self.state.image_alt.take() {
            if alt.trim().is_empty() {
                self.out.diagnostics.push(missing_alt(self.doc, &range));
            }
        }
        self.end_unless_dropped(TagEnd::Image);
    }

    /// Opens a table inside its own numbered scrolling region (closed after the table).
    fn start_table(&mut self, alignments: Vec<pulldown_cmark::Alignment>) {
        self.state.tables += 1;
        // A wide table scrolls inside its own region, which keyboard users can focus.
        self.events.push(Event::Html(CowStr::from(format!(
            "<section class=\"table-scroll\" tabindex=\"0\" aria-label=\"Tabel {}\">\n",
            self.state.tables
        ))));
        self.events.push(Event::Start(Tag::Table(alignments)));
    }

    /// Text: part of an image's alt text; its identifiers linked where it is running text (not in
    /// a link, code, a heading or an image).
    fn text(&mut self, text: CowStr<'a>) {
        let state = &mut self.state;
        if let Some((alt, _)) = state.image_alt.as_mut() {
            alt.push_str(&text);
        }
        if state.link_depth == 0 && state.code_depth == 0 && !state.in_heading && state.image_alt.is_none() {
            link_identifiers(text, self.position, self.site, self.base_path, &mut self.events);
        } else {
            self.events.push(Event::Text(text));
        }
    }

    /// Raw HTML: kept for the sanitiser (which then cleans the whole body), with a warning when
    /// it tries something dangerous.
    fn raw_html(&mut self, html: CowStr<'a>, range: &std::ops::Range<usize>) {
        self.state.raw_html = true;
        if DANGEROUS_HTML.is_match(&html) {
            self.out.diagnostics.push(
                Diagnostic::warning(
                    Code::UnsafeHtml,
                    &self.doc.source.path,
                    crate::t!("markdown.unsafe_html"),
                )
                .at(doc_location(self.doc, range))
                .hint(crate::t!("markdown.unsafe_html_hint")),
            );
        }
        self.events.push(Event::Html(html));
    }
}

static DANGEROUS_HTML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<\s*(script|iframe|object|embed|style|form|meta|link|base)\b|\bon[a-z]+\s*=|javascript:")
        .expect("pattern is valid")
});

fn doc_location(doc: &Document, range: &std::ops::Range<usize>) -> crate::diagnostics::Location {
    let base = doc.source.body.start;
    let text = &doc.source.text;
    // Block events end after their newline; mark the text only, so the snippet stays one line.
    let marked = text[base + range.start..base + range.end].trim_end();
    crate::diagnostics::Location::in_text(text, base + range.start, base + range.start + marked.len())
}

fn missing_alt(doc: &Document, range: &std::ops::Range<usize>) -> Diagnostic {
    Diagnostic::error(Code::MissingAlt, &doc.source.path, crate::t!("markdown.missing_alt"))
        .at(doc_location(doc, range))
        .hint(crate::t!("markdown.missing_alt_hint"))
}

/// `true` for links to the web, e-mail, phone and within the site.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let trimmed: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    match trimmed.split_once(':').map(|(s, _)| s.to_ascii_lowercase()) {
        None => true,
        // A colon after a slash, `?` or `#` is part of a path, not a scheme.
        Some(s) if s.contains(['/', '?', '#']) => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto" | "tel"),
    }
}

/// Keeps safe links; drops everything else, with a warning.
fn check_url(url: &str, doc: &Document, range: &std::ops::Range<usize>, out: &mut RenderedBody) -> bool {
    let safe = is_safe_url(url);
    if !safe {
        out.diagnostics.push(
            Diagnostic::warning(
                Code::UnsafeLink,
                &doc.source.path,
                crate::t!("markdown.unsafe_link", url = url),
            )
            .at(doc_location(doc, range))
            .hint(crate::t!("markdown.unsafe_link_hint")),
        );
    }
    safe
}

/// Splits `text` around identifiers that belong to another document and links them.
fn link_identifiers<'a>(
    text: CowStr<'a>,
    position: Option<usize>,
    site: &Site,
    base_path: &str,
    events: &mut Vec<Event<'a>>,
) {
    let mut last = 0;
    for mention in identifiers::find_candidates(&text) {
        let Some(target) = site.index.by_identifier(&mention.normal) else {
            continue;
        };
        if Some(target) == position {
            continue;
        }
        let target = &site.documents[target];
        if mention.range.start > last {
            events.push(Event::Text(CowStr::from(text[last..mention.range.start].to_string())));
        }
        let href = format!("{base_path}{}", crate::urls::document(&target.id));
        events.push(Event::InlineHtml(CowStr::from(format!(
            "<a class=\"identifier\" href=\"{}\" title=\"{}\">",
            escape::html(&href),
            escape::html(target.public_title())
        ))));
        events.push(Event::Text(CowStr::from(text[mention.range.clone()].to_string())));
        events.push(Event::InlineHtml(CowStr::from("</a>")));
        last = mention.range.end;
    }
    if last == 0 {
        events.push(Event::Text(text));
    } else if last < text.len() {
        events.push(Event::Text(CowStr::from(text[last..].to_string())));
    }
}

/// Cleans HTML that contains raw HTML from the source. Keeps heading ids (deep links) and the
/// identifier-link class; removes scripts, event handlers, styles and unsafe URLs.
fn sanitise(html: &str) -> String {
    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_generic_attributes(["id"])
            .add_tag_attributes("a", ["class"])
            .add_tags(["section"])
            .add_tag_attributes("section", ["class", "tabindex", "aria-label"])
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .link_rel(None);
        builder
    });
    CLEANER.clean(html).to_string()
}
