//! Word-level comparison of one changed block: tokens, segments, and the rules that merge
//! nearby changes into one readable phrase.

use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, DiffTag};

use crate::markdown::diff::blocks::is_space;

/// A block's text as alternating runs of word and whitespace characters. Words are split at
/// whitespace only, as in `git diff --word-diff`: "besluit" → "besluit," shows the whole word
/// replaced, which is easier to see than a lone inserted comma.
pub(super) struct Tokens<'a> {
    pub(super) tokens: Vec<&'a str>,
    /// `words_before[i]`: the number of words in `tokens[..i]`, so that counting the words of
    /// any stretch is one subtraction.
    pub(super) words_before: Vec<usize>,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        // Byte by byte, decoding only non-ASCII characters: this runs over every changed block.
        let bytes = text.as_bytes();
        let mut tokens = Vec::with_capacity(text.len() / 4);
        let (mut start, mut i, mut in_space) = (0, 0, false);
        while i < bytes.len() {
            let (space, len) = match bytes[i] {
                byte if byte.is_ascii() => (matches!(byte, b' ' | b'\t'..=b'\r'), 1),
                _ => text[i..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (is_space(c), c.len_utf8())),
            };
            if i > start && space != in_space {
                tokens.push(&text[start..i]);
                start = i;
            }
            in_space = space;
            i += len;
        }
        if start < text.len() {
            tokens.push(&text[start..]);
        }
        let mut words_before = Vec::with_capacity(tokens.len() + 1);
        words_before.push(0);
        let mut count = 0;
        for token in &tokens {
            count += usize::from(!token.starts_with(is_space));
            words_before.push(count);
        }
        Tokens { tokens, words_before }
    }

    pub(super) fn words(&self, range: &Range<usize>) -> usize {
        self.words_before[range.end] - self.words_before[range.start]
    }
}

pub(super) fn word_count(text: &str) -> usize {
    text.split(is_space).filter(|w| !w.is_empty()).count()
}

/// A stretch of a paired block: tokens equal on both sides (range in the new tokens), or a
/// changed phrase (ranges in the old and in the new tokens; either may be empty).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Segment {
    Same(Range<usize>),
    Changed { old: Range<usize>, new: Range<usize> },
}

/// Word diff of one pair of blocks, cleaned up so that a changed phrase is one deletion
/// followed by one insertion.
///
/// Myers rather than Patience: Patience anchors on tokens that occur once, and in prose most
/// tokens (spaces, "de", "het") do not, so it would fall back to Myers for most of the text
/// anyway. Myers' minimal script does match such small words between unrelated phrases; the
/// cleanup below folds them back into the change around them.
pub(super) fn word_segments(old: &Tokens, new: &Tokens, budget: &mut usize) -> Vec<Segment> {
    if let Some(segments) = too_large_to_compare(old, new, budget) {
        return segments;
    }
    let ops = capture_diff_slices(Algorithm::Myers, &old.tokens, &new.tokens);
    let mut out: Vec<Segment> = Vec::with_capacity(ops.len());
    for op in &ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            out.push(Segment::Same(new_range));
            continue;
        }
        let (mut o, mut n) = (old_range, new_range);
        // Fold the change into the previous one while it touches it, or is separated from it
        // only by an equality too small to read as "unchanged" (see `absorbs`). Folding makes
        // the previous change larger, which may let it absorb the equality before it in turn.
        loop {
            match out.as_slice() {
                [.., Segment::Changed { old: po, new: pn }] => {
                    (o, n) = (po.start..o.end, pn.start..n.end);
                    out.pop();
                }
                [.., Segment::Changed { old: po, new: pn }, Segment::Same(same)]
                    if absorbs(new.words(same), size(old, new, po, pn), size(old, new, &o, &n)) =>
                {
                    (o, n) = (po.start..o.end, pn.start..n.end);
                    out.truncate(out.len() - 2);
                }
                _ => break,
            }
        }
        out.push(Segment::Changed { old: o, new: n });
    }
    out
}

/// Changed tokens (both sides together) beyond which a block gets no word diff.
///
/// Myers takes time proportional to the tokens times the differences, so a long block that
/// was rewritten throughout (a pasted HTML table, a long code block) would take seconds. No
/// deadline: that would make the output depend on the machine's speed. At this size a word
/// diff takes about 20 ms in a release build.
pub(super) const WORD_DIFF_LIMIT: usize = 4_000;

/// Word comparisons one body may cost, in squared tokens (the worst case of Myers for a
/// changed middle of n tokens is about n²). Once spent, the remaining changed blocks of the
/// body are shown as whole changes: a body of thousands of rewritten paragraphs costs no more
/// than this, and real edits (a few hundred changed paragraphs of a hundred words) stay far
/// below it.
pub(super) const WORD_DIFF_BUDGET: usize = 100_000_000;

/// For a pair of blocks whose changed middle (after the common start and end) exceeds
/// [`WORD_DIFF_LIMIT`], or whose comparison would overspend `budget`: the whole middle as one
/// change. Otherwise `None`, and the comparison's cost is taken from `budget`.
pub(super) fn too_large_to_compare(old: &Tokens, new: &Tokens, budget: &mut usize) -> Option<Vec<Segment>> {
    let (a, b) = (&old.tokens, &new.tokens);
    let (prefix, suffix) = crate::markdown::diff::common_ends(a, b);
    let middle = a.len() + b.len() - 2 * (prefix + suffix);
    if middle <= WORD_DIFF_LIMIT && middle * middle <= *budget {
        *budget -= middle * middle;
        return None;
    }
    let mut segments = vec![Segment::Same(0..prefix)];
    segments.push(Segment::Changed {
        old: prefix..a.len() - suffix,
        new: prefix..b.len() - suffix,
    });
    segments.push(Segment::Same(b.len() - suffix..b.len()));
    segments.retain(|s| !matches!(s, Segment::Same(r) if r.is_empty()));
    Some(segments)
}

/// The size of a change in words: the larger of its two sides.
pub(super) fn size(old: &Tokens, new: &Tokens, o: &Range<usize>, n: &Range<usize>) -> usize {
    old.words(o).max(new.words(n))
}

/// Whether an unchanged stretch of `same_words` words between two changes is folded into
/// them: always when it is only whitespace, otherwise when it has fewer words than each change
/// (after diff-match-patch's semantic cleanup). A "de" between two rewritten phrases
/// disappears into them; one unchanged word between two one-word changes stays.
pub(super) fn absorbs(same_words: usize, before: usize, after: usize) -> bool {
    same_words == 0 || same_words < before.min(after)
}
