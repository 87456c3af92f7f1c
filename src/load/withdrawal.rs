//! The `withdrawn:` field: a published document taken back (for example under the Woo, for
//! privacy), with the date and the public reason.
//!
//! ```yaml
//! withdrawn:
//!   date: 2025-08-12
//!   reason: Bevat persoonsgegevens (Woo, artikel 5.1, tweede lid, onder e)
//! ```
//!
//! Both parts are required: a tombstone without a date or a reason tells citizens nothing.

use serde_yaml::Value;

use super::fields::{describe, scalar_text, Fields};
use crate::dates::parse_date;
use crate::diagnostics::Code;
use crate::model::Withdrawal;

const EXAMPLE: &str = "withdrawn:\n  date: 2025-08-12\n  reason: Bevat persoonsgegevens (Woo, artikel 5.1)";

/// Reads `withdrawn:`; `None` when absent or unusable (then with an error).
pub(super) fn read_withdrawal(fields: &mut Fields) -> Option<Withdrawal> {
    let value = fields.raw("withdrawn")?;
    let location = fields.value_location("withdrawn");
    let Value::Mapping(map) = value else {
        fields.error(
            Code::WrongType,
            location,
            crate::t!("withdrawal.not_mapping", found = describe(value)),
            crate::t!("withdrawal.example_hint", example = crate::i18n::Verbatim(EXAMPLE)),
        );
        return None;
    };
    let mut unknown: Vec<String> = map
        .keys()
        .filter_map(|key| key.as_str())
        .filter(|key| !matches!(*key, "date" | "reason"))
        .map(str::to_string)
        .collect();
    unknown.sort();
    for key in unknown {
        let at = fields.item_location("withdrawn", &key, 0);
        fields.error(
            Code::UnknownField,
            at,
            crate::t!("withdrawal.unknown", key = key),
            crate::t!("withdrawal.unknown_hint"),
        );
    }
    let date = read_part(fields, map.get("date"), "date").and_then(|text| {
        let at = fields.item_location("withdrawn", "date", 0);
        match parse_date(&text) {
            Ok(date) => Some(date),
            Err(_) => {
                fields.error(
                    Code::InvalidDate,
                    at,
                    crate::t!("withdrawal.bad_date", text = text),
                    crate::t!("withdrawal.bad_date_hint"),
                );
                None
            }
        }
    });
    let reason = read_part(fields, map.get("reason"), "reason");
    Some(Withdrawal {
        date: date?,
        reason: reason?,
    })
}

/// The text of `withdrawn.<part>`, with an error when it is missing or empty.
fn read_part(fields: &mut Fields, value: Option<&Value>, part: &str) -> Option<String> {
    let text = value.and_then(scalar_text).map(|t| t.trim().to_string());
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        return Some(text);
    }
    let at = fields.item_location("withdrawn", part, 0);
    let message = if part == "date" {
        crate::t!("withdrawal.missing_date")
    } else {
        crate::t!("withdrawal.missing_reason")
    };
    fields.error(
        Code::MissingField,
        at,
        message,
        crate::t!("withdrawal.example_hint", example = crate::i18n::Verbatim(EXAMPLE)),
    );
    None
}
