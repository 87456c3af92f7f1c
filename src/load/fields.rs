//! Reading typed fields out of a parsed front-matter mapping, collecting every problem.
//!
//! serde's derive would stop at the first wrong field and could not say which line a list item
//! is on; this reader checks each field on its own, points at the exact value (see
//! [`super::locate`]) and keeps going, so one run reports all mistakes of a file.

use jiff::civil::Date;
use serde_yaml::{Mapping, Value};

use super::locate::Locator;
use crate::dates::{parse_date, DateError};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Location};
use crate::model::Spanned;
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

/// A cursor over one file's front matter that records problems as it reads.
pub(super) struct Fields<'a> {
    file: &'a SourceFile,
    map: &'a Mapping,
    locator: Locator<'a>,
    used: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    pub(super) fn new(file: &'a SourceFile, map: &'a Mapping) -> Fields<'a> {
        Fields {
            file,
            map,
            locator: Locator::new(file.front_matter_text()),
            used: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    pub(super) fn key_location(&self, key: &str) -> Location {
        let range = self.locator.key(key);
        self.file.front_matter_location(range.start, range.end)
    }

    pub(super) fn value_location(&self, key: &str) -> Location {
        let range = self.locator.value(key);
        self.file.front_matter_location(range.start, range.end)
    }

    pub(super) fn item_location(&self, key: &str, needle: &str, nth: usize) -> Location {
        let range = self.locator.nth_item(key, needle, nth);
        self.file.front_matter_location(range.start, range.end)
    }

    pub(super) fn error(&mut self, code: Code, location: Location, message: String, hint: String) {
        let diagnostic = Diagnostic::error(code, &self.file.path, message)
            .at(location)
            .hint(hint);
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn warning(&mut self, code: Code, location: Location, message: String, hint: String) {
        let diagnostic = Diagnostic::warning(code, &self.file.path, message)
            .at(location)
            .hint(hint);
        self.diagnostics.push(diagnostic);
    }

    /// The raw value of `key`, `None` when absent or empty (`key:` with nothing after it).
    pub(super) fn raw(&mut self, key: &str) -> Option<&'a Value> {
        self.used.push(key.to_string());
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub(super) fn is_present(&self, key: &str) -> bool {
        self.map.get(key).is_some_and(|v| !v.is_null())
    }

    /// A text field. Numbers and booleans are taken as their text (`title: 2024` is a title).
    pub(super) fn text(&mut self, key: &str) -> Option<String> {
        let value = self.raw(key)?;
        match scalar_text(value) {
            Some(text) => Some(text),
            None => {
                let loc = self.value_location(key);
                self.error(
                    Code::WrongType,
                    loc,
                    crate::t!("fields.not_text", key = key, found = describe(value)),
                    crate::t!("fields.not_text_hint", key = key),
                );
                None
            }
        }
    }

    pub(super) fn required_text(&mut self, key: &str, example: &str) -> Option<String> {
        let text = self.text(key);
        if text.is_none() && !self.is_present(key) {
            self.missing(key, example);
        }
        if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            let location = self.value_location(key);
            self.error(
                Code::MissingField,
                location,
                crate::t!("fields.empty", key = key),
                crate::t!("fields.empty_hint", key = key, example = example),
            );
            return None;
        }
        text
    }

    pub(super) fn missing(&mut self, key: &str, example: &str) {
        // `key:` with nothing after it (as `griffie new` leaves a field to fill in).
        if self.map.contains_key(key) {
            let location = self.key_location(key);
            self.error(
                Code::MissingField,
                location,
                crate::t!("fields.empty", key = key),
                crate::t!("fields.empty_hint", key = key, example = example),
            );
            return;
        }
        let location = self.file.front_matter_location(0, 0);
        self.error(
            Code::MissingField,
            location,
            crate::t!("fields.missing", key = key),
            crate::t!("fields.missing_hint", key = key, example = example),
        );
    }

    /// A list of text items. A single value is taken as a list of one.
    pub(super) fn text_list(&mut self, key: &str) -> Vec<Spanned<String>> {
        let Some(value) = self.raw(key) else { return Vec::new() };
        let items: Vec<&Value> = match value {
            Value::Sequence(items) => items.iter().collect(),
            other => vec![other],
        };
        let mut out: Vec<Spanned<String>> = Vec::new();
        // How often each text came before, to place the n-th copy of a repeated item.
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for item in items {
            match scalar_text(item) {
                Some(text) => {
                    let nth = seen.entry(text.clone()).or_default();
                    let nth = std::mem::replace(nth, *nth + 1);
                    let location = self.item_location(key, &text, nth);
                    out.push(Spanned { value: text, location });
                }
                None => {
                    let loc = self.value_location(key);
                    self.error(
                        Code::WrongType,
                        loc,
                        crate::t!("fields.item_not_text", key = key, found = describe(item)),
                        crate::t!("fields.item_not_text_hint", key = key),
                    );
                }
            }
        }
        out
    }

    /// A `YYYY-MM-DD` date that exists in the calendar.
    pub(super) fn date(&mut self, key: &str) -> Option<Date> {
        let text = self.text(key)?;
        let location = self.value_location(key);
        match parse_date(&text) {
            Ok(date) => Some(date),
            Err(DateError::Format) => {
                self.error(
                    Code::InvalidDate,
                    location,
                    crate::t!("fields.date_format", key = key, text = text),
                    crate::t!("fields.date_format_hint"),
                );
                None
            }
            Err(DateError::Impossible {
                year,
                month,
                day,
                days_in_month,
            }) => {
                self.error(
                    Code::InvalidDate,
                    location,
                    crate::t!(
                        "fields.date_impossible",
                        key = key,
                        text = text,
                        month = month_name(month),
                        year = year,
                        days = days_in_month
                    ),
                    if day > days_in_month {
                        crate::t!(
                            "fields.check_day",
                            last = format!("{year}-{month:02}-{days_in_month:02}")
                        )
                    } else {
                        crate::t!("fields.check_month")
                    },
                );
                None
            }
        }
    }

    pub(super) fn required_date(&mut self, key: &str) -> Option<Date> {
        let date = self.date(key);
        if date.is_none() && !self.is_present(key) {
            self.missing(key, "2025-07-15");
        }
        date
    }

    pub(super) fn boolean(&mut self, key: &str) -> Option<bool> {
        let value = self.raw(key)?;
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                let loc = self.value_location(key);
                self.error(
                    Code::WrongType,
                    loc,
                    crate::t!("fields.not_boolean", key = key, found = describe(other)),
                    crate::t!("fields.not_boolean_hint", key = key),
                );
                None
            }
        }
    }

    /// A list whose items are mappings (or, where `allow_text`, plain text items).
    pub(super) fn list(&mut self, key: &str) -> Vec<&'a Value> {
        match self.raw(key) {
            None => Vec::new(),
            Some(Value::Sequence(items)) => items.iter().collect(),
            Some(other) => {
                let loc = self.value_location(key);
                self.error(
                    Code::WrongType,
                    loc,
                    crate::t!("fields.not_list", key = key, found = describe(other)),
                    crate::t!("fields.not_list_hint", key = key),
                );
                Vec::new()
            }
        }
    }

    /// Reports every key that was not read, with a suggestion. `misplaced` names fields that
    /// exist for other document types, with the types they belong to.
    pub(super) fn report_unknown(&mut self, allowed: &[&str], misplaced: &dyn Fn(&str) -> Option<String>) {
        let keys: Vec<&Value> = self.map.keys().collect();
        for key in keys {
            let Some(name) = key.as_str() else {
                let loc = self.file.front_matter_location(0, 0);
                self.error(
                    Code::UnknownField,
                    loc,
                    crate::t!("fields.name_not_text", found = describe(key)),
                    crate::t!("fields.name_not_text_hint"),
                );
                continue;
            };
            if self.used.iter().any(|u| u == name) {
                continue;
            }
            let location = self.key_location(name);
            if let Some(belongs_to) = misplaced(name) {
                self.error(
                    Code::MisplacedField,
                    location,
                    crate::t!("fields.misplaced", name = name),
                    crate::t!("fields.misplaced_hint", name = name, types = belongs_to),
                );
                continue;
            }
            let hint = match did_you_mean(name, allowed.iter().copied()) {
                Some(best) => crate::t!("suggest.did_you_mean", best = best),
                None => crate::t!("fields.known", list = allowed.join(", ")),
            };
            self.error(
                Code::UnknownField,
                location,
                crate::t!("fields.unknown", name = name),
                hint,
            );
        }
    }
}

/// The text of a scalar value, `None` for lists and mappings.
pub(super) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(tagged) => scalar_text(&tagged.value),
        Value::Null | Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

/// Describes a value's shape in words for error messages.
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Null => crate::t!("value.empty"),
        Value::Bool(_) => crate::t!("value.boolean"),
        Value::Number(_) => crate::t!("value.number"),
        Value::String(_) => crate::t!("value.text"),
        Value::Sequence(_) => crate::t!("value.list"),
        Value::Mapping(_) => crate::t!("value.mapping"),
        Value::Tagged(_) => crate::t!("value.tagged"),
    }
}

/// The name of month `month` (1-12) in the message language; out-of-range months are clamped.
fn month_name(month: i8) -> String {
    match month.clamp(1, 12) {
        1 => crate::t!("month.01"),
        2 => crate::t!("month.02"),
        3 => crate::t!("month.03"),
        4 => crate::t!("month.04"),
        5 => crate::t!("month.05"),
        6 => crate::t!("month.06"),
        7 => crate::t!("month.07"),
        8 => crate::t!("month.08"),
        9 => crate::t!("month.09"),
        10 => crate::t!("month.10"),
        11 => crate::t!("month.11"),
        _ => crate::t!("month.12"),
    }
}
