//! One document's text through its versions: small edits of the kind a clerk makes, each of
//! which keeps the document valid (a build of any version gives no errors or warnings).
//!
//! Edits work on the text, not on the plan: a sentence inserted, replaced or deleted in a prose
//! paragraph (never its first sentence, which may name another document), an item added to or taken
//! from a motion's considerations, a typing error made in one version and fixed in a later one,
//! a reworded title, an attachment added to a letter, a date moved by a few days. Dates only
//! move for documents that neither answer or settle another nor are answered or settled, so
//! no answer ever predates its question.

use fastrand::Rng;
use griffie::DatePrecision;
use jiff::ToSpan;

use super::schedule::EditKind;
use crate::frontmatter::scalar;
use crate::plan::Planned;
use crate::text::{self, capitalise, fill, pick, Ctx};
use crate::words::{ATTACHMENTS, CONSTATERENDE, OVERWEGENDE};
use crate::{document_parts, document_text};

/// Endings a reworded title may get; `{g}` is the municipality.
const TITLE_ENDINGS: &[&str] = &[" (herzien)", " (gewijzigde versie)", " – aangevuld", " in {g}"];

/// Word choices a "correction" swaps, in both directions.
const WORD_CHOICES: &[(&str, &str)] = &[
    ("inwoners", "bewoners"),
    ("grotendeels", "voor het grootste deel"),
    ("Tegelijkertijd", "Tegelijk"),
    ("verlopen constructief", "verlopen goed"),
    ("zorgvuldige", "weloverwogen"),
    ("Daarom", "Om die reden"),
    ("belangrijk", "van belang"),
];

/// The current text of one document, and what later edits need to remember.
pub struct DocText<'a> {
    doc: &'a Planned,
    ctx: Ctx<'a>,
    front: String,
    /// `None` for a metadata-only record.
    body: Option<String>,
    title: String,
    /// Days the date has been moved, weeks the due date has.
    date_shift: i32,
    due_shift: i32,
    /// A typing error in the body, as (wrong, right), waiting for a fix.
    typo: Option<(String, String)>,
    /// The date may not move: this document answers or settles another, or is answered or settled.
    pinned: bool,
}

impl<'a> DocText<'a> {
    /// Document `i` as [`crate::generate`] writes it.
    pub fn new(docs: &'a [Planned], i: usize, municipality: &'a str, pinned: bool) -> DocText<'a> {
        let doc = &docs[i];
        let (front, body) = document_parts(docs, i, municipality);
        DocText {
            doc,
            ctx: Ctx {
                theme: doc.theme,
                municipality,
                date: doc.date,
            },
            front,
            body,
            title: doc.title.clone(),
            date_shift: 0,
            due_shift: 0,
            typo: None,
            pinned,
        }
    }

    /// The file's bytes.
    pub fn text(&self) -> String {
        document_text(&self.front, self.body.as_deref())
    }

    /// Applies an edit of `kind`, or a text edit where that kind does not fit this document.
    /// The text always changes.
    pub fn edit(&mut self, kind: EditKind, rng: &mut Rng) {
        let before = self.text();
        let applied = match kind {
            EditKind::Text => false,
            EditKind::Typo => self.fix_typo() || self.change_word(rng),
            EditKind::Title => self.retitle(rng),
            EditKind::Date => self.move_date(rng),
            EditKind::Attachment => self.add_attachment(rng),
        };
        if !applied || self.text() == before {
            self.edit_text(rng);
        }
        debug_assert!(self.text() != before, "an edit changes the text");
    }

    /// A sentence inserted, replaced or deleted; in a record without body, the summary; in a
    /// motion, an item of its considerations.
    fn edit_text(&mut self, rng: &mut Rng) {
        let Some(body) = self.body.as_ref() else {
            return self.edit_summary(rng);
        };
        let lines = prose_lines(body);
        if lines.is_empty() {
            let body = self.body.as_mut().expect("checked above");
            if !edit_considerations(body, rng, &self.ctx) {
                let paragraph = text::sentences(rng, &self.ctx, 2);
                body.push_str(&format!("\n{paragraph}\n"));
            }
            return;
        }
        let range = lines[rng.usize(0..lines.len())].clone();
        let mut sentences: Vec<String> = split_sentences(&body[range.clone()]).map(str::to_string).collect();
        let k = sentences.len();
        match rng.u32(0..10) {
            8..=9 if k >= 3 => {
                sentences.remove(rng.usize(1..k));
            }
            roll => {
                let sentence = self.new_sentence(rng);
                let j = rng.usize(1..=k);
                if (4..=7).contains(&roll) && j < k && sentences[j] != sentence {
                    sentences[j] = sentence;
                } else {
                    sentences.insert(j, sentence);
                }
            }
        }
        let body = self.body.as_mut().expect("checked above");
        body.replace_range(range, &sentences.join(" "));
    }

    /// A new sentence about the document's theme; now and then with a typing error in it.
    fn new_sentence(&mut self, rng: &mut Rng) -> String {
        let sentence = text::sentences(rng, &self.ctx, 1);
        if self.typo.is_some() || self.body.is_none() || rng.u32(0..3) != 0 {
            return sentence;
        }
        let mut words: Vec<String> = sentence.split(' ').map(str::to_string).collect();
        let long: Vec<usize> = (0..words.len())
            .filter(|&w| words[w].len() >= 7 && words[w].bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        if long.is_empty() {
            return sentence;
        }
        let w = long[rng.usize(0..long.len())];
        let right = words[w].clone();
        let wrong = swap_letters(&right, rng.usize(1..right.len() - 2));
        let body = self.body.as_ref().expect("checked above");
        if wrong == right || body.contains(&wrong) {
            return sentence;
        }
        words[w].clone_from(&wrong);
        self.typo = Some((wrong, right));
        words.join(" ")
    }

    /// Fixes the pending typing error, if it is still in the text.
    fn fix_typo(&mut self) -> bool {
        let (Some((wrong, right)), Some(body)) = (self.typo.take(), self.body.as_mut()) else {
            return false;
        };
        match body.find(&wrong) {
            Some(at) => {
                body.replace_range(at..at + wrong.len(), &right);
                true
            }
            None => false,
        }
    }

    /// Swaps one word for another from [`WORD_CHOICES`], either way round.
    fn change_word(&mut self, rng: &mut Rng) -> bool {
        let Some(body) = self.body.as_mut() else {
            return false;
        };
        let start = rng.usize(0..WORD_CHOICES.len());
        for n in 0..WORD_CHOICES.len() {
            let (a, b) = WORD_CHOICES[(start + n) % WORD_CHOICES.len()];
            for (from, to) in [(a, b), (b, a)] {
                if let Some(at) = find_word(body, from) {
                    body.replace_range(at..at + from.len(), to);
                    return true;
                }
            }
        }
        false
    }

    /// The original title with another ending, or back without one.
    fn retitle(&mut self, rng: &mut Rng) -> bool {
        let original = &self.doc.title;
        let mut choices: Vec<String> = TITLE_ENDINGS
            .iter()
            .map(|ending| format!("{original}{}", ending.replace("{g}", self.ctx.municipality)))
            .collect();
        choices.push(original.clone());
        choices.retain(|t| *t != self.title);
        let title = choices.swap_remove(rng.usize(0..choices.len()));
        let done = set_field(&mut self.front, "title", &scalar(&title, false));
        self.title = title;
        done
    }

    /// The date moved by a few days (to another weekday), or a motion's due date by some weeks.
    fn move_date(&mut self, rng: &mut Rng) -> bool {
        let doc = self.doc;
        if !self.pinned && doc.precision == DatePrecision::Day {
            let shifts: Vec<i32> = (-3..=3)
                .filter(|&s| s != self.date_shift)
                .filter(|&s| {
                    let day = doc.date.checked_add(s.days()).expect("date in range");
                    day.weekday().to_monday_zero_offset() < 5
                })
                .collect();
            if !shifts.is_empty() {
                self.date_shift = shifts[rng.usize(0..shifts.len())];
                let date = doc.date.checked_add(self.date_shift.days()).expect("date in range");
                return set_field(&mut self.front, "date", &date.to_string());
            }
        }
        if let Some(due) = doc.motion.as_ref().and_then(|m| m.due) {
            let weeks: Vec<i32> = (1..=8).filter(|&w| w != self.due_shift).collect();
            self.due_shift = weeks[rng.usize(0..weeks.len())];
            let date = due.checked_add((7 * self.due_shift).days()).expect("date in range");
            return set_field(&mut self.front, "due", &date.to_string());
        }
        false
    }

    /// An attachment listed in a letter's front matter, or mentioned in another document's text.
    fn add_attachment(&mut self, rng: &mut Rng) -> bool {
        let name = format!("{} {}", pick(rng, ATTACHMENTS), self.doc.theme);
        if self.doc.doc_type.is_letter() {
            return add_list_item(&mut self.front, "attachments", &scalar(&name, false), 4);
        }
        let Some(body) = self.body.as_mut() else {
            return false;
        };
        let lines = prose_lines(body);
        let Some(range) = lines.last().cloned() else {
            return false;
        };
        let sentence = format!("Als bijlage is ‘{}’ toegevoegd.", capitalise(&name));
        if body.contains(&sentence) {
            return false;
        }
        body.insert_str(range.end, &format!(" {sentence}"));
        true
    }

    /// A sentence added to the summary (or replacing its last line once it has four).
    fn edit_summary(&mut self, rng: &mut Rng) {
        let sentence = text::sentences(rng, &self.ctx, 1);
        let line = format!("  {sentence}\n");
        let Some(start) = field_start(&self.front, "summary").map(|at| at + "summary: >-\n".len()) else {
            self.front.push_str(&format!("summary: >-\n{line}"));
            return;
        };
        let mut end = start;
        let mut last = start;
        let mut count = 0;
        for l in self.front[start..].split_inclusive('\n') {
            if !l.starts_with("  ") {
                break;
            }
            last = end;
            end += l.len();
            count += 1;
        }
        if count >= 4 && self.front[last..end] != line {
            self.front.replace_range(last..end, &line);
        } else {
            self.front.insert_str(end, &line);
        }
    }
}

/// Byte ranges of the one-line prose paragraphs of a body: starting with a capital, ending with
/// a full stop (not headings, list items, numbered decisions or the motion's opening form).
fn prose_lines(body: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches('\n');
        if text.chars().next().is_some_and(char::is_uppercase) && text.ends_with('.') {
            out.push(start..start + text.len());
        }
        start += line.len();
    }
    out
}

/// The sentences of a paragraph: split at ". " before a capital or an opening quote.
fn split_sentences(paragraph: &str) -> impl Iterator<Item = &str> {
    let mut bounds = vec![0];
    for (at, _) in paragraph.match_indices(". ") {
        if paragraph[at + 2..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '‘')
        {
            bounds.push(at + 2);
        }
    }
    bounds.push(paragraph.len() + 1);
    (0..bounds.len() - 1).map(move |k| &paragraph[bounds[k]..bounds[k + 1] - 1])
}

/// A motion's "Constaterende dat" or "Overwegende dat" list with an item added or removed.
fn edit_considerations(body: &mut String, rng: &mut Rng, ctx: &Ctx) -> bool {
    let sections = [
        ("## Constaterende dat\n", CONSTATERENDE),
        ("## Overwegende dat\n", OVERWEGENDE),
    ];
    let first = rng.usize(0..2);
    (0..2).any(|n| {
        let (heading, bank) = sections[(first + n) % 2];
        edit_list(body, rng, ctx, heading, bank)
    })
}

/// Removes an item (never the last, which closes the sentence) from the list under `heading`,
/// or adds one from `bank` that is not there yet.
fn edit_list(body: &mut String, rng: &mut Rng, ctx: &Ctx, heading: &str, bank: &[&str]) -> bool {
    let Some(at) = body.find(heading) else {
        return false;
    };
    let list_start = at + heading.len() + 1;
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut end = list_start;
    for line in body[list_start..].split_inclusive('\n') {
        if !line.starts_with("- ") {
            break;
        }
        items.push((end, end + line.len()));
        end += line.len();
    }
    if items.is_empty() {
        return false;
    }
    if items.len() >= 3 && rng.bool() {
        let (from, to) = items[rng.usize(0..items.len() - 1)];
        body.replace_range(from..to, "");
        return true;
    }
    let offset = rng.usize(0..bank.len());
    for n in 0..bank.len() {
        let item = format!("- {}\n", capitalise(&fill(rng, ctx, bank[(offset + n) % bank.len()])));
        let bare = item.trim_end_matches([';', '\n']);
        if !body[list_start..end].contains(bare) {
            body.insert_str(items[rng.usize(0..items.len())].0, &item);
            return true;
        }
    }
    false
}

fn swap_letters(word: &str, at: usize) -> String {
    let mut bytes = word.as_bytes().to_vec();
    bytes.swap(at, at + 1);
    String::from_utf8(bytes).expect("ASCII letters")
}

/// The first occurrence of `word` in `text` as a whole word.
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Where the top-level `key: …` line of a front matter starts.
fn field_start(front: &str, key: &str) -> Option<usize> {
    let prefix = format!("{key}:");
    if front.starts_with(&prefix) {
        return Some(0);
    }
    front.find(&format!("\n{prefix}")).map(|at| at + 1)
}

/// Replaces the value of the top-level one-line field `key`.
fn set_field(front: &mut String, key: &str, value: &str) -> bool {
    let Some(start) = field_start(front, key) else {
        return false;
    };
    let end = start + front[start..].find('\n').unwrap_or(front.len() - start);
    front.replace_range(start..end, &format!("{key}: {value}"));
    true
}

/// Adds `item` to the block list `key` (creating it), unless it is there or the list is full.
fn add_list_item(front: &mut String, key: &str, item: &str, max: usize) -> bool {
    let line = format!("  - {item}\n");
    let Some(start) = field_start(front, key) else {
        front.push_str(&format!("{key}:\n{line}"));
        return true;
    };
    let mut end = start + key.len() + 2;
    let mut count = 0;
    for l in front[end..].split_inclusive('\n') {
        if !l.starts_with("  - ") {
            break;
        }
        if l == line {
            return false;
        }
        end += l.len();
        count += 1;
    }
    if count >= max {
        return false;
    }
    front.insert_str(end, &line);
    true
}

/// Whether a document's date must stay: it answers or settles another, or another answers or
/// settles it.
pub fn pinned_dates(docs: &[Planned]) -> Vec<bool> {
    let mut pinned = vec![false; docs.len()];
    for (i, doc) in docs.iter().enumerate() {
        for &t in doc.responds_to.iter().chain(&doc.settles) {
            pinned[i] = true;
            pinned[t] = true;
        }
    }
    pinned
}

#[cfg(test)]
mod tests {
    use super::*;
    use griffie::DocType;

    #[test]
    fn splits_sentences_but_not_amounts() {
        let text = "Het budget bedraagt € 1.250.000. Wij houden u op de hoogte. Zie ‘x’ (Raad-1).";
        let parts: Vec<&str> = split_sentences(text).collect();
        assert_eq!(
            parts,
            [
                "Het budget bedraagt € 1.250.000.",
                "Wij houden u op de hoogte.",
                "Zie ‘x’ (Raad-1)."
            ]
        );
        assert_eq!(split_sentences("Eén zin.").collect::<Vec<_>>(), ["Eén zin."]);
    }

    #[test]
    fn fields_and_lists_are_edited_in_place() {
        let mut front =
            "id: a\ntitle: Oud\nsummary: >-\n  title: niet dit\nattachments:\n  - Monitor\nphone: 1\n".to_string();
        assert!(set_field(&mut front, "title", "Nieuw"));
        assert!(add_list_item(&mut front, "attachments", "Planning", 4));
        assert!(!add_list_item(&mut front, "attachments", "Planning", 4));
        assert_eq!(
            front,
            "id: a\ntitle: Nieuw\nsummary: >-\n  title: niet dit\nattachments:\n  - Monitor\n  - Planning\nphone: 1\n"
        );
        assert!(!set_field(&mut front, "due", "2024-01-01"));
        assert_eq!(find_word("de inwonersavond voor inwoners", "inwoners"), Some(22));
    }

    #[test]
    fn a_typing_error_is_made_and_fixed() {
        let mut rng = Rng::with_seed(9);
        let docs = crate::plan::plan(&mut rng, 40, 9);
        let i = docs
            .iter()
            .position(|d| d.doc_type == DocType::Raadsbrief && !d.metadata_only)
            .unwrap();
        let mut doc = DocText::new(&docs, i, "Almelo", true);
        let original = doc.text();
        while doc.typo.is_none() {
            doc.edit(EditKind::Text, &mut rng);
        }
        let (wrong, right) = doc.typo.clone().unwrap();
        assert!(doc.text().contains(&wrong), "{wrong} for {right}");
        doc.edit(EditKind::Typo, &mut rng);
        assert!(!doc.text().contains(&wrong) && doc.typo.is_none());
        assert_ne!(doc.text(), original);
    }
}
