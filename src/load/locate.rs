//! Finding where a front-matter field or list item stands in the file.
//!
//! serde_yaml gives positions for syntax errors but not for the values it returns, and a clerk
//! needs the line of the wrong value, not just the name of the file. Front matter is a flat
//! mapping of top-level keys, so after serde_yaml has accepted the syntax a plain scan of the text
//! finds each key's line and, inside the key's block, the line of each list item. When a scan
//! finds nothing (unusual YAML such as quoted keys or anchors) the position falls back to the
//! key, then to the start of the front matter: a diagnostic is never lost for want of a place.

use std::ops::Range;

/// Byte ranges of top-level keys and their blocks in one front-matter text.
#[derive(Debug, Clone)]
pub(super) struct Locator<'a> {
    text: &'a str,
    keys: Vec<KeyBlock<'a>>,
}

#[derive(Debug, Clone)]
struct KeyBlock<'a> {
    name: &'a str,
    /// The key itself.
    key: Range<usize>,
    /// Everything after the colon up to the next top-level key.
    block: Range<usize>,
}

impl<'a> Locator<'a> {
    pub(super) fn new(text: &'a str) -> Locator<'a> {
        let mut keys: Vec<KeyBlock<'a>> = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if let Some((name, colon)) = top_level_key(line) {
                if let Some(last) = keys.last_mut() {
                    last.block.end = offset;
                }
                keys.push(KeyBlock {
                    name,
                    key: offset..offset + name.len(),
                    block: offset + colon + 1..text.len(),
                });
            }
            offset += line.len();
        }
        Locator { text, keys }
    }

    fn find(&self, key: &str) -> Option<&KeyBlock<'a>> {
        self.keys.iter().find(|k| k.name == key)
    }

    /// The key `key:` itself.
    pub(super) fn key(&self, key: &str) -> Range<usize> {
        self.find(key).map_or(0..0, |k| k.key.clone())
    }

    /// The value of `key` when it stands on the key's line, else the key.
    pub(super) fn value(&self, key: &str) -> Range<usize> {
        let Some(k) = self.find(key) else { return 0..0 };
        let line_end = self.text[k.block.start..]
            .find('\n')
            .map_or(self.text.len(), |i| k.block.start + i);
        let raw = &self.text[k.block.start..line_end];
        let value = raw.split(" #").next().unwrap_or("").trim();
        if value.is_empty() {
            return k.key.clone();
        }
        let start = k.block.start + raw.find(value).unwrap_or(0);
        start..start + value.len()
    }

    /// The `n`th (0-based) occurrence of `needle` as a whole word inside the block of `key` (a
    /// list item, a nested field), else the value of `key`.
    pub(super) fn nth_item(&self, key: &str, needle: &str, n: usize) -> Range<usize> {
        let Some(k) = self.find(key) else { return 0..0 };
        let block = &self.text[k.block.clone()];
        let found = (!needle.is_empty())
            .then(|| whole_word_matches(block, needle).nth(n))
            .flatten();
        match found {
            Some(i) => k.block.start + i..k.block.start + i + needle.len(),
            None => self.value(key),
        }
    }
}

/// `name` and the offset of the colon when `line` starts a top-level mapping key.
fn top_level_key(line: &str) -> Option<(&str, usize)> {
    let first = line.chars().next()?;
    if !(first.is_ascii_alphanumeric() || first == '_') {
        return None;
    }
    let colon = line.find(':')?;
    let name = &line[..colon];
    let after = &line[colon + 1..];
    let is_key_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    (name.chars().all(is_key_char) && (after.is_empty() || after.starts_with([' ', '\t', '\n'])))
        .then_some((name, colon))
}

fn whole_word_matches<'t>(haystack: &'t str, needle: &'t str) -> impl Iterator<Item = usize> + 't {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    haystack.match_indices(needle).map(|(i, _)| i).filter(move |&i| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FM: &str =
        "id: a-b\ntitle: Hallo wereld # comment\nresponds_to:\n  - motie-1\n  - motie-12\nsettles: [motie-12]\n";

    fn at(range: Range<usize>) -> &'static str {
        &FM[range]
    }

    #[test]
    fn finds_keys_values_and_items() {
        let loc = Locator::new(FM);
        assert_eq!(at(loc.key("title")), "title");
        assert_eq!(at(loc.value("title")), "Hallo wereld");
        assert_eq!(at(loc.value("responds_to")), "responds_to");
        let item = loc.nth_item("responds_to", "motie-12", 0);
        assert_eq!(at(item.clone()), "motie-12");
        assert!(item.start < FM.find("settles").unwrap(), "stays inside its own block");
        assert_eq!(at(loc.nth_item("settles", "motie-12", 0)), "motie-12");
    }

    #[test]
    fn whole_words_only() {
        let loc = Locator::new(FM);
        let item = loc.nth_item("responds_to", "motie-1", 0);
        assert_eq!(&FM[item.start..item.end + 1], "motie-1\n");
    }

    #[test]
    fn unknown_key_falls_back_to_start() {
        assert_eq!(Locator::new(FM).value("nope"), 0..0);
    }
}
