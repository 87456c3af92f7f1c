//! A document's Markdown body as a tree of plain data, for the PDF templates.
//!
//! Text reaches typst only as string values inside this tree (serialised to JSON), never as
//! typst markup, so nothing a clerk writes (`#read(..)`, `$x$`, `]`, `//`) can run as code. The
//! tree follows the same normalised heading levels as the HTML page, and official identifiers in
//! the text become links to the document that carries them, as on the web page. Raw HTML is kept
//! as the literal characters the clerk typed (the web page removes unsafe HTML instead).

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use crate::identifiers;
use crate::model::Document;
use crate::resolve::Site;

/// One node of the tree. `kind` tells the template how to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Node {
    Paragraph {
        children: Vec<Node>,
    },
    Heading {
        level: u8,
        children: Vec<Node>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Node>>,
    },
    Quote {
        children: Vec<Node>,
    },
    CodeBlock {
        text: String,
    },
    Table {
        columns: usize,
        header: Vec<Vec<Node>>,
        rows: Vec<Vec<Vec<Node>>>,
    },
    Rule,
    Text {
        text: String,
    },
    Code {
        text: String,
    },
    Strong {
        children: Vec<Node>,
    },
    Emph {
        children: Vec<Node>,
    },
    Strike {
        children: Vec<Node>,
    },
    Link {
        url: String,
        children: Vec<Node>,
    },
    /// Images are shown by their description until documents can carry image files.
    Image {
        alt: String,
    },
    SoftBreak,
    HardBreak,
}

/// A body as a tree, with where each top-level node starts in the body (a byte offset), so a
/// problem the PDF engine finds in one block can be put at the block's line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyTree {
    pub nodes: Vec<Node>,
    /// `starts[i]`: the body offset of `nodes[i]`.
    pub starts: Vec<usize>,
}

impl Node {
    /// The same structure with neutral content: every text `x`, every address the same. When a
    /// template fails on a node but not on its neutral twin, the node's content is the cause,
    /// not the template's code for that kind of node.
    pub fn neutral(&self) -> Node {
        let all = |nodes: &[Node]| nodes.iter().map(Node::neutral).collect::<Vec<_>>();
        let x = || "x".to_string();
        match self {
            Node::Paragraph { children } => Node::Paragraph {
                children: all(children),
            },
            Node::Heading { level, children } => Node::Heading {
                level: *level,
                children: all(children),
            },
            Node::List { ordered, start, items } => Node::List {
                ordered: *ordered,
                start: 1.min(*start),
                items: items.iter().map(|item| all(item)).collect(),
            },
            Node::Quote { children } => Node::Quote {
                children: all(children),
            },
            Node::CodeBlock { .. } => Node::CodeBlock { text: x() },
            Node::Table { columns, header, rows } => Node::Table {
                columns: *columns,
                header: header.iter().map(|cell| all(cell)).collect(),
                rows: rows
                    .iter()
                    .map(|row| row.iter().map(|cell| all(cell)).collect())
                    .collect(),
            },
            Node::Rule => Node::Rule,
            Node::Text { .. } => Node::Text { text: x() },
            Node::Code { .. } => Node::Code { text: x() },
            Node::Strong { children } => Node::Strong {
                children: all(children),
            },
            Node::Emph { children } => Node::Emph {
                children: all(children),
            },
            Node::Strike { children } => Node::Strike {
                children: all(children),
            },
            Node::Link { children, .. } => Node::Link {
                url: "https://example.org/".to_string(),
                children: all(children),
            },
            Node::Image { .. } => Node::Image { alt: x() },
            Node::SoftBreak => Node::SoftBreak,
            Node::HardBreak => Node::HardBreak,
        }
    }
}

/// An open element while walking the events.
enum Frame {
    Root,
    Paragraph,
    Heading(u8),
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Node>>,
    },
    Item,
    Quote,
    CodeBlock(String),
    Table {
        columns: usize,
        header: Vec<Vec<Node>>,
        rows: Vec<Vec<Vec<Node>>>,
    },
    TableHead(Vec<Vec<Node>>),
    TableRow(Vec<Vec<Node>>),
    Cell,
    Strong,
    Emph,
    Strike,
    Link(String),
    Image(String),
    /// Content that is dropped but whose text is kept (e.g. footnote definitions' wrappers).
    Transparent,
}

/// Builds the tree from parsed events. `levels` are the normalised levels of the headings, in
/// order (see `markdown::plan_headings`).
pub(crate) fn build(
    events: &[(Event, std::ops::Range<usize>)],
    levels: &[u8],
    site: &Site,
    doc: &Document,
    position: Option<usize>,
) -> BodyTree {
    let mut builder = Builder {
        stack: vec![(Frame::Root, Vec::new())],
        headings: levels.iter(),
        site,
        doc,
        position,
        current: 0,
        starts: Vec::new(),
    };
    for (event, range) in events {
        // For an end event the range is the whole element's: its start is the element's.
        builder.current = range.start;
        builder.event(event);
    }
    while builder.stack.len() > 1 {
        builder.close();
    }
    let nodes = builder.stack.pop().map(|(_, children)| children).unwrap_or_default();
    BodyTree {
        nodes,
        starts: builder.starts,
    }
}

struct Builder<'a> {
    stack: Vec<(Frame, Vec<Node>)>,
    headings: std::slice::Iter<'a, u8>,
    site: &'a Site,
    /// The document (or earlier version) being built; `position` is its current document.
    doc: &'a Document,
    position: Option<usize>,
    /// Where the event being handled starts in the body.
    current: usize,
    /// Where each node added to the root starts.
    starts: Vec<usize>,
}

impl Builder<'_> {
    fn event(&mut self, event: &Event) {
        match event {
            Event::Start(tag) => self.open(tag),
            Event::End(TagEnd::CodeBlock) => self.close(),
            Event::End(_) => self.close(),
            Event::Text(text) => self.text(text),
            Event::Code(text) => self.push(Node::Code { text: text.to_string() }),
            Event::SoftBreak => self.push(Node::SoftBreak),
            Event::HardBreak => self.push(Node::HardBreak),
            Event::Rule => self.push(Node::Rule),
            Event::FootnoteReference(label) => self.push(Node::Text {
                text: format!("[{label}]"),
            }),
            // Raw HTML is shown as the characters the clerk typed: it is text, not markup, here.
            Event::Html(html) | Event::InlineHtml(html) => {
                let text = html.trim_end_matches('\n');
                if !text.is_empty() {
                    self.push(Node::Text { text: text.to_string() });
                }
            }
            _ => {}
        }
    }

    fn open(&mut self, tag: &Tag) {
        let frame = match tag {
            Tag::Paragraph | Tag::HtmlBlock => Frame::Paragraph,
            Tag::Heading { .. } => Frame::Heading(self.headings.next().copied().unwrap_or(2)),
            Tag::List(start) => Frame::List {
                ordered: start.is_some(),
                start: start.unwrap_or(1),
                items: Vec::new(),
            },
            Tag::Item => Frame::Item,
            Tag::BlockQuote(_) => Frame::Quote,
            Tag::CodeBlock(_) => Frame::CodeBlock(String::new()),
            Tag::Table(alignments) => Frame::Table {
                columns: alignments.len(),
                header: Vec::new(),
                rows: Vec::new(),
            },
            Tag::TableHead => Frame::TableHead(Vec::new()),
            Tag::TableRow => Frame::TableRow(Vec::new()),
            Tag::TableCell => Frame::Cell,
            Tag::Strong => Frame::Strong,
            Tag::Emphasis => Frame::Emph,
            Tag::Strikethrough => Frame::Strike,
            Tag::Link { dest_url, .. } => Frame::Link(self.absolute_url(dest_url)),
            Tag::Image { .. } => Frame::Image(String::new()),
            Tag::FootnoteDefinition(label) => {
                self.stack.push((
                    Frame::Paragraph,
                    vec![Node::Text {
                        text: format!("[{label}] "),
                    }],
                ));
                return;
            }
            _ => Frame::Transparent,
        };
        self.stack.push((frame, Vec::new()));
    }

    fn close(&mut self) {
        let Some((frame, children)) = self.stack.pop() else {
            return;
        };
        let node = match frame {
            Frame::Root => return,
            Frame::Paragraph => Node::Paragraph { children },
            Frame::Heading(level) => Node::Heading { level, children },
            Frame::List { ordered, start, items } => Node::List { ordered, start, items },
            Frame::Item => {
                if let Some((Frame::List { items, .. }, _)) = self.stack.last_mut() {
                    items.push(children);
                }
                return;
            }
            Frame::Quote => Node::Quote { children },
            Frame::CodeBlock(text) => Node::CodeBlock { text },
            Frame::Table { columns, header, rows } => Node::Table { columns, header, rows },
            Frame::TableHead(cells) => {
                if let Some((Frame::Table { header, .. }, _)) = self.stack.last_mut() {
                    *header = cells;
                }
                return;
            }
            Frame::TableRow(cells) => {
                if let Some((Frame::Table { rows, .. }, _)) = self.stack.last_mut() {
                    rows.push(cells);
                }
                return;
            }
            Frame::Cell => {
                match self.stack.last_mut() {
                    Some((Frame::TableHead(cells), _)) | Some((Frame::TableRow(cells), _)) => cells.push(children),
                    _ => {}
                }
                return;
            }
            Frame::Strong => Node::Strong { children },
            Frame::Emph => Node::Emph { children },
            Frame::Strike => Node::Strike { children },
            Frame::Link(url) if url.is_empty() => {
                // An unsafe link: keep its text, drop the address (as on the web page).
                for child in children {
                    self.push(child);
                }
                return;
            }
            Frame::Link(url) => Node::Link { url, children },
            Frame::Image(alt) => Node::Image { alt },
            Frame::Transparent => {
                for child in children {
                    self.push(child);
                }
                return;
            }
        };
        self.push(node);
    }

    fn push(&mut self, node: Node) {
        if self.stack.len() == 1 {
            self.starts.push(self.current);
        }
        if let Some((_, children)) = self.stack.last_mut() {
            children.push(node);
        }
    }

    fn text(&mut self, text: &str) {
        match self.stack.last_mut() {
            Some((Frame::CodeBlock(code), _)) => code.push_str(text),
            Some((Frame::Image(alt), _)) => alt.push_str(text),
            Some((Frame::Link(_), _)) => self.push(Node::Text { text: text.to_string() }),
            _ => self.text_with_identifiers(text),
        }
    }

    /// Plain text, with official identifiers of other documents turned into links.
    fn text_with_identifiers(&mut self, text: &str) {
        let mut last = 0;
        for mention in identifiers::find_candidates(text) {
            let Some(target) = self.site.index.by_identifier(&mention.normal) else {
                continue;
            };
            if Some(target) == self.position {
                continue;
            }
            if mention.range.start > last {
                self.push(Node::Text {
                    text: text[last..mention.range.start].to_string(),
                });
            }
            let url = self.page_url(&self.site.documents[target].id);
            let label = Node::Text {
                text: text[mention.range.clone()].to_string(),
            };
            self.push(Node::Link {
                url,
                children: vec![label],
            });
            last = mention.range.end;
        }
        if last < text.len() {
            self.push(Node::Text {
                text: text[last..].to_string(),
            });
        }
    }

    fn page_url(&self, id: &str) -> String {
        format!("{}{}", self.site.config.site_origin(), crate::urls::document(id))
    }

    /// Links in a PDF must be absolute; site-relative ones get the site's address. Unsafe
    /// schemes give an empty address (the link is dropped, its text kept).
    fn absolute_url(&self, url: &str) -> String {
        if !crate::markdown::is_safe_url(url) {
            return String::new();
        }
        let origin = self.site.config.site_origin();
        if url.starts_with('/') {
            format!("{origin}{url}")
        } else if url.contains(':') {
            url.to_string()
        } else {
            // `#section` or a relative path: relative to the document's own page.
            format!("{}{url}", self.page_url(&self.doc.id))
        }
    }
}
