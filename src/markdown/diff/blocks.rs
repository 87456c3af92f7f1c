//! Markdown bodies as lists of plain-text blocks (headings, paragraphs, list items, table
//! rows, code): what the version diff aligns and compares.

use pulldown_cmark::{Event, Tag, TagEnd};

/// What a block is, as far as the diff compares and shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Kind {
    Paragraph,
    Heading(u8),
    /// A list item's own text; `depth` 1 is a top-level list.
    Item {
        ordered: bool,
        depth: u8,
    },
    /// A later paragraph of a list item.
    ItemText {
        depth: u8,
    },
    Quote,
    TableRow,
    Code,
    /// An HTML block, shown as the text between its tags.
    Html,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    pub(super) kind: Kind,
    pub(super) text: String,
    /// The number of an ordered list item: shown, not compared.
    pub(super) number: Option<u64>,
}

/// What the block alignment compares.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Key<'a> {
    pub(super) kind: Kind,
    pub(super) text: &'a str,
}

impl Block {
    pub(super) fn key(&self) -> Key<'_> {
        Key {
            kind: self.kind,
            text: &self.text,
        }
    }
}

/// Turns pulldown-cmark events into blocks. A block is open from its start event to its end;
/// a list item or footnote opens a block that its first paragraph continues (`fresh`).
#[derive(Default)]
pub(super) struct BlockReader {
    pub(super) blocks: Vec<Block>,
    pub(super) current: Option<Block>,
    /// The open block is a list item or footnote that no paragraph has continued yet.
    pub(super) fresh: bool,
    /// Next number of each open list (`None`: unordered).
    pub(super) lists: Vec<Option<u64>>,
    /// Depth of block quotes.
    pub(super) quotes: usize,
    /// Cells so far in the open table row.
    pub(super) cells: usize,
}

impl BlockReader {
    pub(super) fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.push(&text),
            Event::Html(html) => self.push(&html),
            Event::InlineHtml(html) if html.to_ascii_lowercase().starts_with("<br") => self.push(" "),
            Event::SoftBreak | Event::HardBreak => self.push(" "),
            Event::FootnoteReference(label) => self.push(&format!("[{label}]")),
            _ => {}
        }
    }

    pub(super) fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph if self.fresh => self.fresh = false,
            Tag::Paragraph => self.open(self.paragraph_kind(), None),
            Tag::Heading { level, .. } => self.open(Kind::Heading(level as u8), None),
            Tag::CodeBlock(_) => self.open(Kind::Code, None),
            Tag::HtmlBlock => self.open(Kind::Html, None),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quotes += 1;
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => self.open_item(),
            Tag::FootnoteDefinition(label) => {
                self.open(Kind::Paragraph, None);
                self.fresh = true;
                self.push(&format!("[{label}] "));
            }
            Tag::TableHead | Tag::TableRow => {
                self.open(Kind::TableRow, None);
                self.cells = 0;
            }
            Tag::TableCell => {
                if self.cells > 0 {
                    self.push(" | ");
                }
                self.cells += 1;
            }
            _ => {}
        }
    }

    pub(super) fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::TableHead
            | TagEnd::TableRow => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            _ => {}
        }
    }

    pub(super) fn open_item(&mut self) {
        let depth = u8::try_from(self.lists.len()).unwrap_or(u8::MAX);
        let (ordered, number) = match self.lists.last_mut() {
            Some(Some(next)) => {
                let number = *next;
                *next = next.saturating_add(1);
                (true, Some(number))
            }
            _ => (false, None),
        };
        self.open(Kind::Item { ordered, depth }, number);
        self.fresh = true;
    }

    pub(super) fn paragraph_kind(&self) -> Kind {
        if !self.lists.is_empty() {
            Kind::ItemText {
                depth: u8::try_from(self.lists.len()).unwrap_or(u8::MAX),
            }
        } else if self.quotes > 0 {
            Kind::Quote
        } else {
            Kind::Paragraph
        }
    }

    pub(super) fn open(&mut self, kind: Kind, number: Option<u64>) {
        self.flush();
        self.current = Some(Block {
            kind,
            text: String::new(),
            number,
        });
    }

    pub(super) fn push(&mut self, text: &str) {
        if self.current.is_none() {
            self.open(self.paragraph_kind(), None);
        }
        if let Some(block) = &mut self.current {
            block.text.push_str(text);
        }
    }

    /// Closes the open block; blocks without visible text are left out.
    pub(super) fn flush(&mut self) {
        self.fresh = false;
        let Some(mut block) = self.current.take() else {
            return;
        };
        block.text = match block.kind {
            Kind::Code => block.text.trim_end_matches(['\n', '\r']).to_string(),
            Kind::Html => normalise_space(&strip_tags(&block.text)),
            _ => normalise_space(&block.text),
        };
        if !block.text.trim().is_empty() {
            self.blocks.push(block);
        }
    }
}

/// Whitespace that separates words. No-break spaces do not: the clerk put them there to keep
/// "art. 12" together, and the diff treats such a group as one word.
pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}'
}

/// Collapses runs of whitespace to one space and trims the ends, as a browser would show them.
pub(super) fn normalise_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The text of an HTML block: tags and comments removed, the rest kept as typed (a `<` that
/// starts no tag stays). Block-level tags separate words; inline ones (`<b>`) do not. A rough
/// scanner is enough, since the result is escaped like all other text.
pub(super) fn strip_tags(html: &str) -> String {
    const SEPARATING: [&str; 16] = [
        "br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let opens_tag = tag[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let close = if tag.starts_with("<!--") { "-->" } else { ">" };
        match tag.find(close).filter(|_| opens_tag) {
            Some(end) => {
                let name = tag[1..].trim_start_matches('/');
                let name_len = name.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name.len());
                if SEPARATING.contains(&name[..name_len].to_ascii_lowercase().as_str()) {
                    out.push(' ');
                }
                rest = &tag[end + close.len()..];
            }
            None => {
                out.push('<');
                rest = &tag[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
