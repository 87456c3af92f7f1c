//! Word-level differences between two versions of a document, for the version pages.
//!
//! A version page shows what a commit changed in the text, readably: not a line diff of the
//! Markdown source, but the text as a reader sees it, with the changed words struck through or
//! underlined. Both bodies become a list of plain-text blocks (headings, paragraphs, list items,
//! table rows, code); the blocks are aligned first, and only blocks that were changed get a word
//! diff. That keeps the cost of a version close to one parse per body plus one comparison per
//! unchanged block, which matters when a site has hundreds of thousands of versions.
//!
//! Guarantees, whatever the sources contain:
//! - the HTML is a fragment of our own elements only: every character of source text is
//!   escaped, and Markdown markup and raw HTML never pass through (inline tags are dropped,
//!   HTML blocks are shown as the text between their tags);
//! - a change is never marked by colour alone: `<del>`/`<ins>` carry strike-through and
//!   underline (see griffie.css), and visually hidden text tells screen readers, which mostly
//!   ignore `<del>`/`<ins>`, where a change begins and ends;
//! - headings are shown as styled paragraphs, never `<h*>`, so the diff does not add to the
//!   page's outline;
//! - pure and deterministic: the same bodies and labels give byte-identical output (no
//!   deadlines, no hash-map order);
//! - bounded: a changed phrase is one `<del>` followed by one `<ins>`; unchanged blocks
//!   further than one block from a change collapse into one "… n ongewijzigde alinea's …"
//!   line; a block rewritten beyond `WORD_DIFF_LIMIT` tokens is shown as one change instead
//!   of getting a (quadratic) word diff.
//!
//! What counts as a change is a change of a block's text or of its kind (heading level, list
//! kind or depth). Markup inside a block (emphasis, a link's address) and the numbers of an
//! ordered list are not compared: inserting an item renumbers the ones after it, which is no
//! change of theirs.

mod blocks;
mod words;

use std::ops::Range;

use pulldown_cmark::Parser;
use similar::{capture_diff_slices, Algorithm, DiffOp, DiffTag};

use crate::escape::push_html;
use crate::i18n::Lang;

use blocks::{is_space, Block, BlockReader, Key, Kind};
use words::{word_count, word_segments, Segment, Tokens};

/// Words of the diff view, in the site's language (from the catalog, keys `site.diff.*`).
#[derive(Debug, Clone)]
pub struct DiffLabels {
    lang: Lang,
    /// "toegevoegd": what the legend says underlined text is.
    pub inserted: String,
    /// "verwijderd": what the legend says struck-through text is.
    pub deleted: String,
    /// Visually hidden text before inserted text, for screen readers.
    pub inserted_start: String,
    /// Visually hidden text after inserted text.
    pub inserted_end: String,
    /// Visually hidden text before deleted text, for screen readers.
    pub deleted_start: String,
    /// Visually hidden text after deleted text.
    pub deleted_end: String,
    /// Shown instead of a diff when the text did not change.
    pub no_changes: String,
    /// Note on a block whose text stayed the same but whose kind changed (a paragraph that
    /// became a heading, a list item moved a level).
    pub format_changed: String,
    /// The legend's sample of inserted text, shown underlined.
    pub legend_inserted_sample: String,
    /// The legend's sample of deleted text, shown struck through.
    pub legend_deleted_sample: String,
    /// The legend's sentence on the margin lines of whole inserted and deleted blocks.
    pub legend_blocks: String,
}

impl DiffLabels {
    pub fn new(lang: Lang) -> DiffLabels {
        DiffLabels {
            lang,
            inserted: crate::t!(lang => "site.diff.inserted"),
            deleted: crate::t!(lang => "site.diff.deleted"),
            // The spaces that part the hidden words from the text are layout, not words.
            inserted_start: format!("{} ", crate::t!(lang => "site.diff.inserted_start")),
            inserted_end: format!(" {}", crate::t!(lang => "site.diff.inserted_end")),
            deleted_start: format!("{} ", crate::t!(lang => "site.diff.deleted_start")),
            deleted_end: format!(" {}", crate::t!(lang => "site.diff.deleted_end")),
            no_changes: crate::t!(lang => "site.diff.no_changes"),
            format_changed: crate::t!(lang => "site.diff.format_changed"),
            legend_inserted_sample: crate::t!(lang => "site.diff.legend_inserted_sample"),
            legend_deleted_sample: crate::t!(lang => "site.diff.legend_deleted_sample"),
            legend_blocks: crate::t!(lang => "site.diff.legend_blocks"),
        }
    }

    /// The line that stands for `n` unchanged blocks left out of the view.
    pub fn unchanged_blocks(&self, n: usize) -> String {
        if n == 1 {
            crate::t!(self.lang => "site.diff.unchanged_one")
        } else {
            crate::t!(self.lang => "site.diff.unchanged_many", n = n)
        }
    }
}

/// The difference between two bodies, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyDiff {
    /// A `<div class="diff">` fragment; all source text is escaped.
    pub html: String,
    /// Words in inserted text (whole inserted blocks included).
    pub inserted_words: usize,
    /// Words in deleted text (whole deleted blocks included).
    pub deleted_words: usize,
    /// Blocks shown with a change: a changed, an inserted or a deleted block counts once.
    pub changed_blocks: usize,
    /// Nothing changed in any block's text or kind; changes of inline markup only (emphasis,
    /// link addresses) count as none. The HTML then holds only the "no changes" line.
    pub identical: bool,
}

/// Word-level diff of two Markdown bodies (bodies only, no front matter).
pub fn diff_bodies(old: &str, new: &str, labels: &DiffLabels) -> BodyDiff {
    diff_blocks(&Blocks::parse(old), &Blocks::parse(new), labels)
}

/// A body read as blocks of plain text. Parse each version once and reuse it for both of its
/// diffs (as the new side of its own and the old side of the next) to halve the parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Blocks(Vec<Block>);

impl Blocks {
    /// Reads a Markdown body. Never fails: anything pulldown-cmark accepts gives blocks.
    pub(crate) fn parse(markdown: &str) -> Blocks {
        let options = crate::source::markdown_options();
        let mut reader = BlockReader::default();
        for event in Parser::new_ext(markdown, options) {
            reader.event(event);
        }
        reader.flush();
        Blocks(reader.blocks)
    }
}

/// Word-level diff of two parsed bodies; the same result as [`diff_bodies`] on their sources.
pub(crate) fn diff_blocks(old: &Blocks, new: &Blocks, labels: &DiffLabels) -> BodyDiff {
    let old_keys: Vec<Key> = old.0.iter().map(Block::key).collect();
    let new_keys: Vec<Key> = new.0.iter().map(Block::key).collect();
    // Myers finds the common prefix and suffix first, so unchanged blocks around the edits cost
    // one comparison each. Its minimal script can pair unrelated blocks inside a heavily
    // rewritten stretch, but those are shown as changed either way.
    let ops = align(&old_keys, &new_keys);
    let mut view = View::new(labels);
    let regions = regions(&ops);
    if regions.iter().all(|r| matches!(r, Region::Same { .. })) {
        view.none();
        return view.finish(true);
    }
    for (i, region) in regions.iter().enumerate() {
        match region {
            Region::Same { new: range } => {
                view.context(&new.0[range.clone()], i > 0, i + 1 < regions.len());
            }
            Region::Changed { old: o, new: n } => view.changed(&old.0[o.clone()], &new.0[n.clone()]),
        }
    }
    view.finish(false)
}

/// Blocks in the changed middle of two bodies (after their common start and end) up to which
/// they are aligned block by block; beyond it the middle is one changed region. Myers costs
/// up to the square of the middle, and no real edit rewrites thousands of blocks at once.
const BLOCK_DIFF_LIMIT: usize = 4_000;

/// The alignment of two bodies' blocks: Myers on the keys, or, for a middle larger than
/// [`BLOCK_DIFF_LIMIT`], the common start and end with everything between as one change.
fn align(old: &[Key], new: &[Key]) -> Vec<DiffOp> {
    let (prefix, suffix) = common_ends(old, new);
    if old.len() + new.len() - 2 * (prefix + suffix) <= BLOCK_DIFF_LIMIT {
        return capture_diff_slices(Algorithm::Myers, old, new);
    }
    let mut ops = Vec::with_capacity(3);
    if prefix > 0 {
        ops.push(DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: prefix,
        });
    }
    ops.push(DiffOp::Replace {
        old_index: prefix,
        old_len: old.len() - prefix - suffix,
        new_index: prefix,
        new_len: new.len() - prefix - suffix,
    });
    if suffix > 0 {
        ops.push(DiffOp::Equal {
            old_index: old.len() - suffix,
            new_index: new.len() - suffix,
            len: suffix,
        });
    }
    ops
}

/// The lengths of the longest common start of `a` and `b`, and of their longest common end
/// after it (the two never overlap). One pass: linear in the shorter of the two.
fn common_ends<T: PartialEq>(a: &[T], b: &[T]) -> (usize, usize) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
}

/// One metadata row that differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldChange {
    /// The row's label, as displayed.
    pub label: String,
    /// `None`: the row is new.
    pub old: Option<String>,
    /// `None`: the row was removed.
    pub new: Option<String>,
}

/// Metadata rows (label, displayed value) of two versions → the rows that differ, in the order
/// of `new`, then removed rows (in the order of `old`). A label that occurs more than once is
/// matched occurrence by occurrence.
pub(crate) fn diff_fields(old: &[(String, String)], new: &[(String, String)]) -> Vec<FieldChange> {
    let mut matched = vec![false; old.len()];
    let mut changes = Vec::new();
    for (label, value) in new {
        let found = (0..old.len()).find(|&i| !matched[i] && old[i].0 == *label);
        match found {
            Some(i) => {
                matched[i] = true;
                if old[i].1 != *value {
                    changes.push(FieldChange {
                        label: label.clone(),
                        old: Some(old[i].1.clone()),
                        new: Some(value.clone()),
                    });
                }
            }
            None => changes.push(FieldChange {
                label: label.clone(),
                old: None,
                new: Some(value.clone()),
            }),
        }
    }
    let removed = old.iter().zip(&matched).filter(|(_, &m)| !m);
    changes.extend(removed.map(|((label, value), _)| FieldChange {
        label: label.clone(),
        old: Some(value.clone()),
        new: None,
    }));
    changes
}

/// The legend line that explains the marking, as a `<p class="diff-legend">`.
pub(crate) fn legend_html(labels: &DiffLabels) -> String {
    let mut html = String::from("<p class=\"diff-legend\">");
    html.push_str("<span class=\"diff__del\">");
    push_html(&mut html, &labels.legend_deleted_sample);
    html.push_str("</span>: ");
    push_html(&mut html, &labels.deleted);
    html.push_str(". <span class=\"diff__ins\">");
    push_html(&mut html, &labels.legend_inserted_sample);
    html.push_str("</span>: ");
    push_html(&mut html, &labels.inserted);
    html.push_str(". ");
    push_html(&mut html, &labels.legend_blocks);
    html.push_str("</p>");
    html
}

/// A stretch of the block alignment: unchanged blocks, or a run of changes between them.
enum Region {
    Same { new: Range<usize> },
    Changed { old: Range<usize>, new: Range<usize> },
}

/// Joins consecutive non-equal ops (a delete next to an insert, whatever their order) into one
/// changed region, so that its blocks can be paired.
fn regions(ops: &[DiffOp]) -> Vec<Region> {
    let mut regions: Vec<Region> = Vec::with_capacity(ops.len());
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            regions.push(Region::Same { new });
            continue;
        }
        match regions.last_mut() {
            Some(Region::Changed { old: o, new: n }) => {
                o.end = old.end;
                n.end = new.end;
            }
            _ => regions.push(Region::Changed { old, new }),
        }
    }
    regions
}

// ---------------------------------------------------------------------------------------------
// Output

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Del,
    Ins,
}

/// The HTML being written and the counters.
struct View<'l> {
    labels: &'l DiffLabels,
    html: String,
    inserted_words: usize,
    deleted_words: usize,
    changed_blocks: usize,
    /// What word comparisons may still cost (see [`words::WORD_DIFF_BUDGET`]).
    word_budget: usize,
}

impl<'l> View<'l> {
    fn new(labels: &'l DiffLabels) -> Self {
        View {
            labels,
            html: String::from("<div class=\"diff\">\n"),
            inserted_words: 0,
            deleted_words: 0,
            changed_blocks: 0,
            word_budget: words::WORD_DIFF_BUDGET,
        }
    }

    fn finish(mut self, identical: bool) -> BodyDiff {
        self.html.push_str("</div>\n");
        BodyDiff {
            html: self.html,
            inserted_words: self.inserted_words,
            deleted_words: self.deleted_words,
            changed_blocks: self.changed_blocks,
            identical,
        }
    }

    fn none(&mut self) {
        self.html.push_str("<p class=\"diff__none\">");
        push_html(&mut self.html, &self.labels.no_changes);
        self.html.push_str("</p>\n");
    }

    /// Unchanged blocks: one block of context next to each change, the rest collapsed.
    fn context(&mut self, blocks: &[Block], after_change: bool, before_change: bool) {
        let head = usize::from(after_change);
        let tail = usize::from(before_change);
        if head + tail >= blocks.len() {
            blocks.iter().for_each(|b| self.plain(b));
            return;
        }
        blocks[..head].iter().for_each(|b| self.plain(b));
        self.skip(blocks.len() - head - tail);
        blocks[blocks.len() - tail..].iter().for_each(|b| self.plain(b));
    }

    fn skip(&mut self, count: usize) {
        self.html.push_str("<p class=\"diff__skip\">");
        push_html(&mut self.html, &self.labels.unchanged_blocks(count));
        self.html.push_str("</p>\n");
    }

    /// A changed region: old and new blocks paired in order; the ones left over are wholly
    /// deleted or inserted.
    fn changed(&mut self, old: &[Block], new: &[Block]) {
        for (o, n) in old.iter().zip(new) {
            self.pair(o, n);
        }
        old.iter().skip(new.len()).for_each(|b| self.whole(b, Side::Del));
        new.iter().skip(old.len()).for_each(|b| self.whole(b, Side::Ins));
    }

    fn plain(&mut self, block: &Block) {
        self.open(block, None);
        push_html(&mut self.html, &block.text);
        self.html.push_str("</p>\n");
    }

    fn whole(&mut self, block: &Block, side: Side) {
        self.changed_blocks += 1;
        self.open(block, Some(side));
        self.marked(side, &[&block.text], word_count(&block.text));
        self.html.push_str("</p>\n");
    }

    fn pair(&mut self, old: &Block, new: &Block) {
        if old.text == new.text {
            if old.kind == new.kind {
                return self.plain(new);
            }
            self.changed_blocks += 1;
            self.open(new, None);
            push_html(&mut self.html, &new.text);
            self.html.push_str(" <span class=\"diff__note\">");
            push_html(&mut self.html, &self.labels.format_changed);
            self.html.push_str("</span></p>\n");
            return;
        }
        self.changed_blocks += 1;
        self.open(new, None);
        let old = Tokens::new(&old.text);
        let new = Tokens::new(&new.text);
        for segment in word_segments(&old, &new, &mut self.word_budget) {
            match segment {
                Segment::Same(range) => new.tokens[range].iter().for_each(|t| push_html(&mut self.html, t)),
                Segment::Changed { old: o, new: n } if n.is_empty() => self.one_sided(Side::Del, &old, o),
                Segment::Changed { old: o, new: n } if o.is_empty() => self.one_sided(Side::Ins, &new, n),
                Segment::Changed { old: o, new: n } => {
                    self.marked(Side::Del, &old.tokens[o.clone()], old.words(&o));
                    self.marked(Side::Ins, &new.tokens[n.clone()], new.words(&n));
                }
            }
        }
        self.html.push_str("</p>\n");
    }

    /// Text only inserted or only deleted, with the space at its edges left unmarked: an
    /// underlined or struck-through space next to the words reads as part of the change.
    fn one_sided(&mut self, side: Side, tokens: &Tokens, range: Range<usize>) {
        let is_space_token = |i: usize| tokens.tokens[i].starts_with(is_space);
        let start = range.start + usize::from(!range.is_empty() && is_space_token(range.start));
        let end = range.end - usize::from(range.end > start && is_space_token(range.end - 1));
        tokens.tokens[range.start..start]
            .iter()
            .for_each(|t| push_html(&mut self.html, t));
        if start < end {
            self.marked(side, &tokens.tokens[start..end], tokens.words(&(start..end)));
        }
        tokens.tokens[end..range.end]
            .iter()
            .for_each(|t| push_html(&mut self.html, t));
    }

    /// `<p>` with the block's classes and, for list items, the bullet or number.
    fn open(&mut self, block: &Block, whole: Option<Side>) {
        let html = &mut self.html;
        html.push_str("<p class=\"diff__block");
        match block.kind {
            Kind::Paragraph => {}
            Kind::Heading(_) => html.push_str(" diff__block--heading"),
            Kind::Item { depth, .. } | Kind::ItemText { depth } => {
                html.push_str(" diff__block--item diff__block--depth-");
                html.push(char::from(b'0' + depth.clamp(1, 4)));
            }
            Kind::Quote => html.push_str(" diff__block--quote"),
            Kind::TableRow => html.push_str(" diff__block--row"),
            Kind::Code => html.push_str(" diff__block--code"),
            Kind::Html => {}
        }
        match whole {
            Some(Side::Ins) => html.push_str(" diff__block--ins"),
            Some(Side::Del) => html.push_str(" diff__block--del"),
            None => {}
        }
        html.push_str("\">");
        if let Kind::Item { ordered, .. } = block.kind {
            html.push_str("<span class=\"diff__marker\">");
            match (ordered, block.number) {
                (true, Some(n)) => html.push_str(&format!("{n}.")),
                _ => html.push('•'),
            }
            html.push_str("</span> ");
        }
    }

    /// Inserted or deleted text, with the words screen readers announce around it.
    fn marked(&mut self, side: Side, text: &[&str], word_count: usize) {
        let labels = self.labels;
        let (open, start, end, close) = match side {
            Side::Ins => {
                self.inserted_words += word_count;
                (
                    "<ins class=\"diff__ins\">",
                    labels.inserted_start.as_str(),
                    labels.inserted_end.as_str(),
                    "</ins>",
                )
            }
            Side::Del => {
                self.deleted_words += word_count;
                (
                    "<del class=\"diff__del\">",
                    labels.deleted_start.as_str(),
                    labels.deleted_end.as_str(),
                    "</del>",
                )
            }
        };
        let html = &mut self.html;
        html.push_str(open);
        html.push_str("<span class=\"visually-hidden\">");
        push_html(html, start);
        html.push_str("</span>");
        text.iter().for_each(|t| push_html(html, t));
        html.push_str("<span class=\"visually-hidden\">");
        push_html(html, end);
        html.push_str("</span>");
        html.push_str(close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dutch() -> DiffLabels {
        DiffLabels::new(Lang::Nl)
    }

    fn diff(old: &str, new: &str) -> BodyDiff {
        diff_bodies(old, new, &dutch())
    }

    fn count(html: &str, pattern: &str) -> usize {
        html.matches(pattern).count()
    }

    /// The text of the first `<del>` or `<ins>` element, without the screen-reader words.
    fn marked_text(html: &str, element: &str) -> String {
        let start = html.find(&format!("<{element} ")).expect("element present");
        let end = start + html[start..].find(&format!("</{element}>")).expect("element closed");
        let inner = &html[start..end];
        let text_start = inner.find("</span>").unwrap() + "</span>".len();
        let text_end = inner.rfind("<span").unwrap();
        inner[text_start..text_end].to_string()
    }

    fn paragraphs(n: usize) -> Vec<String> {
        (1..=n)
            .map(|i| format!("Dit is alinea {i} van het raadsvoorstel."))
            .collect()
    }

    #[test]
    fn identical_bodies_are_identical_without_marks() {
        let body = "# Voorstel\n\nDe raad besluit.\n\n- een\n- twee\n";
        let result = diff(body, body);
        assert!(result.identical);
        assert_eq!(
            (result.inserted_words, result.deleted_words, result.changed_blocks),
            (0, 0, 0)
        );
        assert_eq!(count(&result.html, "<del"), 0);
        assert_eq!(count(&result.html, "<ins"), 0);
        assert!(result.html.contains(&dutch().no_changes));
    }

    #[test]
    fn markup_only_change_is_no_textual_change() {
        let result = diff(
            "De raad *besluit* [nu](https://a.nl).",
            "De raad **besluit** [nu](https://b.nl).",
        );
        assert!(result.identical);
    }

    #[test]
    fn one_changed_word_gives_one_del_and_one_ins() {
        let result = diff(
            "Het college besluit vandaag.\n\nTweede.",
            "Het college beslist vandaag.\n\nTweede.",
        );
        assert!(!result.identical);
        assert_eq!(count(&result.html, "<del "), 1);
        assert_eq!(count(&result.html, "<ins "), 1);
        assert_eq!(marked_text(&result.html, "del"), "besluit");
        assert_eq!(marked_text(&result.html, "ins"), "beslist");
        assert!(result.html.contains(
            "Het college <del class=\"diff__del\"><span class=\"visually-hidden\">begin verwijderd: </span>besluit\
             <span class=\"visually-hidden\"> (einde verwijderd)</span></del><ins class=\"diff__ins\">\
             <span class=\"visually-hidden\">begin toegevoegd: </span>beslist"
        ));
        assert!(result.html.contains("</ins> vandaag."));
        assert_eq!(
            (result.deleted_words, result.inserted_words, result.changed_blocks),
            (1, 1, 1)
        );
    }

    #[test]
    fn one_unchanged_word_between_one_word_changes_stays_unmarked() {
        let result = diff("Het voorstel aan te nemen.", "Het voorstel af te wijzen.");
        assert_eq!(count(&result.html, "<del "), 2);
        assert!(result.html.contains("</ins> te <del "));
        assert_eq!((result.deleted_words, result.inserted_words), (2, 2));
    }

    #[test]
    fn rewritten_phrase_is_one_del_followed_by_one_ins() {
        let result = diff("Het plan kost veel geld.", "Het plan levert weinig op.");
        assert_eq!(count(&result.html, "<del "), 1);
        assert_eq!(count(&result.html, "<ins "), 1);
        assert!(result.html.find("<del ").unwrap() < result.html.find("<ins ").unwrap());
        assert_eq!(marked_text(&result.html, "del"), "kost veel geld.");
        assert_eq!(marked_text(&result.html, "ins"), "levert weinig op.");
    }

    #[test]
    fn inserted_word_leaves_surrounding_spaces_unmarked() {
        let result = diff("De raad neemt de motie aan.", "De raad neemt de motie niet aan.");
        assert!(result.html.contains("motie <ins class=\"diff__ins\">"));
        assert!(result.html.contains("</ins> aan."));
        assert_eq!(marked_text(&result.html, "ins"), "niet");
        assert_eq!((result.inserted_words, result.deleted_words), (1, 0));
    }

    #[test]
    fn very_long_changed_block_is_one_change_without_word_diff() {
        // Every other word changed: a word diff would mark 1,500 separate words.
        let old: Vec<String> = (0..1_500).map(|i| format!("oud{i} gelijk")).collect();
        let new: Vec<String> = (0..1_500).map(|i| format!("nieuw{i} gelijk")).collect();
        let result = diff(
            &format!("Begin {} eind.", old.join(" ")),
            &format!("Begin {} eind.", new.join(" ")),
        );
        assert_eq!(count(&result.html, "<del "), 1);
        assert_eq!(count(&result.html, "<ins "), 1);
        assert!(result.html.contains("Begin <del "));
        assert!(result.html.contains("</ins> gelijk eind."));
        assert_eq!((result.deleted_words, result.inserted_words), (2_999, 2_999));
    }

    #[test]
    fn inserted_paragraph_is_a_whole_inserted_block() {
        let result = diff(
            "Eerste alinea.\n\nDerde alinea.",
            "Eerste alinea.\n\nEen nieuwe alinea.\n\nDerde alinea.",
        );
        assert!(result
            .html
            .contains("<p class=\"diff__block diff__block--ins\"><ins class=\"diff__ins\">"));
        assert_eq!(marked_text(&result.html, "ins"), "Een nieuwe alinea.");
        assert_eq!(count(&result.html, "<del"), 0);
        assert_eq!((result.inserted_words, result.changed_blocks), (3, 1));
    }

    #[test]
    fn deleted_paragraph_is_a_whole_deleted_block() {
        let result = diff(
            "Eerste alinea.\n\nWeg ermee.\n\nDerde alinea.",
            "Eerste alinea.\n\nDerde alinea.",
        );
        assert!(result
            .html
            .contains("<p class=\"diff__block diff__block--del\"><del class=\"diff__del\">"));
        assert_eq!(marked_text(&result.html, "del"), "Weg ermee.");
        assert_eq!(count(&result.html, "<ins"), 0);
        assert_eq!((result.deleted_words, result.changed_blocks), (2, 1));
    }

    #[test]
    fn changed_heading_is_a_heading_block_not_an_h_element() {
        let result = diff("## Besluit\n\nTekst.", "## Besluiten\n\nTekst.");
        let heading = result.html.lines().find(|l| l.contains("<del ")).unwrap();
        assert!(heading.starts_with("<p class=\"diff__block diff__block--heading\">"));
        assert_eq!(marked_text(heading, "del"), "Besluit");
        assert_eq!(marked_text(heading, "ins"), "Besluiten");
        assert!(!result.html.contains("<h"));
    }

    #[test]
    fn kind_change_with_same_text_is_noted_not_marked() {
        let result = diff("Besluit\n\nTekst.", "## Besluit\n\nTekst.");
        assert!(!result.identical);
        assert_eq!(result.changed_blocks, 1);
        assert_eq!(count(&result.html, "<del"), 0);
        assert!(result.html.contains(&dutch().format_changed));
    }

    #[test]
    fn source_html_and_script_are_escaped() {
        let old = "Tekst.\n\n<script>alert(1)</script>\n\nOud `<script>` en Tom & \"Jerry\" 'x' <b>vet</b>.\n";
        let new = "Tekst.\n\n<script>alert(2)</script>\n\nNieuw `<script>` en Tom & \"Jerry\" 'x' <b>vet</b>.\n\n```\n<script>x</script>\n```\n";
        let result = diff(old, new);
        let lower = result.html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{}", result.html);
        assert!(!lower.contains("<b>"));
        assert!(result.html.contains("&lt;script&gt;"));
        assert!(result.html.contains("Tom &amp; &quot;Jerry&quot; &#39;x&#39;"));
        assert!(result.html.contains("alert(2)"), "an HTML block shows as its text");
    }

    #[test]
    fn one_word_in_forty_paragraphs_collapses_the_rest() {
        let old = paragraphs(40);
        let mut new = old.clone();
        new[19] = new[19].replace("raadsvoorstel", "collegevoorstel");
        let result = diff(&old.join("\n\n"), &new.join("\n\n"));
        assert_eq!(count(&result.html, "<del "), 1);
        assert_eq!(count(&result.html, "<ins "), 1);
        assert_eq!(marked_text(&result.html, "del"), "raadsvoorstel.");
        // 19 blocks before the change, one shown as context; 20 after, one shown.
        assert!(result
            .html
            .contains("<p class=\"diff__skip\">… 18 ongewijzigde alinea&#39;s …</p>"));
        assert!(result
            .html
            .contains("<p class=\"diff__skip\">… 19 ongewijzigde alinea&#39;s …</p>"));
        assert!(result.html.contains("alinea 19 van"));
        assert!(result.html.contains("alinea 21 van"));
        assert!(!result.html.contains("alinea 18 van") && !result.html.contains("alinea 22 van"));
        assert_eq!(count(&result.html, "<p class=\"diff__block"), 3);
    }

    #[test]
    fn skip_between_changes_keeps_context_on_both_sides() {
        let old = paragraphs(6);
        let mut new = old.clone();
        new[0] = "Anders.".to_string();
        new[5] = "Ook anders.".to_string();
        let result = diff(&old.join("\n\n"), &new.join("\n\n"));
        // Blocks 2 to 5 are unchanged: 2 and 5 are context, 3 and 4 are collapsed.
        assert!(result.html.contains("… 2 ongewijzigde alinea&#39;s …"));
        assert!(result.html.contains("alinea 2 van") && result.html.contains("alinea 5 van"));
        assert_eq!(result.changed_blocks, 2);

        let mut new = old.clone();
        new[0] = "Anders.".to_string();
        new[4] = "Ook anders.".to_string();
        let result = diff(&old.join("\n\n"), &new.join("\n\n"));
        assert!(result.html.contains(">… 1 ongewijzigde alinea …<"));
    }

    #[test]
    fn changed_list_item_is_an_item_block() {
        let result = diff("- appel\n- peer\n- kers\n", "- appel\n- banaan\n- kers\n");
        let line = result.html.lines().find(|l| l.contains("<del ")).unwrap();
        assert!(line.starts_with("<p class=\"diff__block diff__block--item diff__block--depth-1\">"));
        assert!(line.contains("<span class=\"diff__marker\">•</span> "));
        assert_eq!(marked_text(line, "del"), "peer");
        assert_eq!(marked_text(line, "ins"), "banaan");
        assert_eq!(result.changed_blocks, 1);
    }

    #[test]
    fn inserted_ordered_item_does_not_mark_the_renumbered_ones() {
        let result = diff("1. a\n2. b\n3. c\n", "1. a\n2. x\n3. b\n4. c\n");
        assert_eq!(result.changed_blocks, 1);
        assert_eq!(marked_text(&result.html, "ins"), "x");
        assert!(result.html.contains("<span class=\"diff__marker\">3.</span> b</p>"));
    }

    #[test]
    fn blocks_are_plain_text_of_the_markdown() {
        let body = "# Kop\n\nZie [de site](https://x.nl) en\n![kaart van de wijk](k.png) <br>hier.\n\n\
                    - een\n  - diep\n\n> citaat\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
                    <div class=\"x\">Hallo <!-- notitie --><b>wer</b>eld<br>3 < 4</div>\n";
        let blocks = Blocks::parse(body);
        let got: Vec<(Kind, &str)> = blocks.0.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (Kind::Heading(1), "Kop"),
                (Kind::Paragraph, "Zie de site en kaart van de wijk hier."),
                (
                    Kind::Item {
                        ordered: false,
                        depth: 1
                    },
                    "een"
                ),
                (
                    Kind::Item {
                        ordered: false,
                        depth: 2
                    },
                    "diep"
                ),
                (Kind::Quote, "citaat"),
                (Kind::TableRow, "a | b"),
                (Kind::TableRow, "1 | 2"),
                (Kind::Html, "Hallo wereld 3 < 4"),
            ]
        );
    }

    #[test]
    fn diff_fields_reports_changed_added_and_removed_rows() {
        let row = |l: &str, v: &str| (l.to_string(), v.to_string());
        let old = vec![
            row("Datum", "1 mei"),
            row("Status", "ingediend"),
            row("Indiener", "Jansen"),
        ];
        let new = vec![
            row("Status", "aangenomen"),
            row("Datum", "1 mei"),
            row("Fractie", "Groen"),
        ];
        let change = |l: &str, o: Option<&str>, n: Option<&str>| FieldChange {
            label: l.to_string(),
            old: o.map(str::to_string),
            new: n.map(str::to_string),
        };
        assert_eq!(
            diff_fields(&old, &new),
            vec![
                change("Status", Some("ingediend"), Some("aangenomen")),
                change("Fractie", None, Some("Groen")),
                change("Indiener", Some("Jansen"), None),
            ]
        );
        assert!(diff_fields(&old, &old).is_empty());

        // A repeated label is matched occurrence by occurrence.
        let old = vec![row("Indiener", "Jansen"), row("Indiener", "De Vries")];
        let new = vec![row("Indiener", "Jansen"), row("Indiener", "Bakker")];
        assert_eq!(
            diff_fields(&old, &new),
            vec![change("Indiener", Some("De Vries"), Some("Bakker"))]
        );
    }

    #[test]
    fn legend_explains_both_marks() {
        let legend = legend_html(&dutch());
        assert!(legend.starts_with("<p class=\"diff-legend\">"));
        assert!(legend.contains("<span class=\"diff__del\">Doorgehaalde tekst</span>: verwijderd"));
        assert!(legend.contains("<span class=\"diff__ins\">Onderstreepte tekst</span>: toegevoegd"));
    }
}
