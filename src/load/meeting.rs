//! The fields of a meeting (`type: vergadering`): its kind, time, place, status and agenda.
//!
//! The agenda is a list of items in order, each with a title and the ids of the documents treated
//! under it (`{title: …, documents: [ids]}`, optional `number`). The ids are checked against the
//! corpus in `resolve`, like every relation; here only their shape.

use serde_yaml::Value;

use super::fields::{describe, scalar_text, Fields};
use crate::diagnostics::Code;
use crate::model::{AgendaItem, Meeting, MeetingKind, MeetingStatus, Spanned};
use crate::slug::{is_slug, slugify};
use crate::suggest::did_you_mean;

/// The fields only a meeting has.
pub(super) const MEETING_FIELDS: &[&str] = &["kind", "start", "location", "status", "agenda"];

pub(super) fn read_meeting(fields: &mut Fields) -> Option<Meeting> {
    let kind = read_choice(fields, "kind", "raad", MeetingKind::ALL.map(MeetingKind::slug));
    let status = read_choice(
        fields,
        "status",
        "gehouden",
        MeetingStatus::ALL.map(MeetingStatus::slug),
    );
    let start = read_start(fields);
    let location = fields.text("location");
    let agenda = read_agenda(fields);
    Some(Meeting {
        kind: MeetingKind::from_slug(kind?)?,
        start,
        location,
        status: MeetingStatus::from_slug(status?)?,
        agenda,
    })
}

/// A required field that takes one of `choices`; the choice as written, when it is one.
fn read_choice<const N: usize>(
    fields: &mut Fields,
    key: &str,
    example: &str,
    choices: [&'static str; N],
) -> Option<&'static str> {
    let text = fields.required_text(key, example)?;
    if let Some(choice) = choices.iter().find(|c| **c == text) {
        return Some(choice);
    }
    let location = fields.value_location(key);
    let list = choices.join(", ");
    let hint = match did_you_mean(&text.to_lowercase(), choices) {
        Some(best) => crate::t!("meeting.choice_did_you_mean", best = best, list = list),
        None => crate::t!("meeting.choices", list = list),
    };
    fields.error(
        Code::InvalidValue,
        location,
        crate::t!("meeting.invalid_choice", key = key, text = text),
        hint,
    );
    None
}

/// `start: "19:30"`. YAML reads an unquoted `19:30` as text, which is what we want.
fn read_start(fields: &mut Fields) -> Option<String> {
    let text = fields.text("start")?;
    if is_time(&text) {
        return Some(text);
    }
    let location = fields.value_location("start");
    fields.error(
        Code::InvalidValue,
        location,
        crate::t!("meeting.start", text = text),
        crate::t!("meeting.start_hint"),
    );
    None
}

/// `HH:MM` on a 24-hour clock.
fn is_time(text: &str) -> bool {
    let Some((hours, minutes)) = text.split_once(':') else {
        return false;
    };
    let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    two_digits(hours)
        && two_digits(minutes)
        && hours.parse::<u8>().is_ok_and(|h| h < 24)
        && minutes.parse::<u8>().is_ok_and(|m| m < 60)
}

fn read_agenda(fields: &mut Fields) -> Vec<AgendaItem> {
    let items = fields.list("agenda");
    let mut agenda = Vec::with_capacity(items.len());
    // How often each id came before, to place the n-th mention of a repeated id.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (n, item) in items.into_iter().enumerate() {
        if let Some(item) = read_item(fields, n, item, &mut seen) {
            agenda.push(item);
        }
    }
    agenda
}

fn read_item(
    fields: &mut Fields,
    n: usize,
    item: &Value,
    seen: &mut std::collections::HashMap<String, usize>,
) -> Option<AgendaItem> {
    let item_problem = |fields: &mut Fields, message: String| {
        let location = fields.value_location("agenda");
        fields.error(Code::InvalidValue, location, message, crate::t!("meeting.item_hint"));
    };
    let Some(map) = item.as_mapping() else {
        item_problem(
            fields,
            crate::t!("meeting.item_shape", n = n + 1, found = describe(item)),
        );
        return None;
    };
    if let Some(extra) = map
        .keys()
        .find(|k| !matches!(k.as_str(), Some("title" | "documents" | "number")))
    {
        let name = extra.as_str().map_or_else(|| describe(extra), str::to_string);
        item_problem(fields, crate::t!("meeting.item_field", n = n + 1, name = name));
        return None;
    }
    let Some(title) = map.get("title").and_then(scalar_text).filter(|t| !t.trim().is_empty()) else {
        item_problem(fields, crate::t!("meeting.item_title", n = n + 1));
        return None;
    };
    let number = map.get("number").and_then(scalar_text);
    let ids: Vec<String> = match map.get("documents") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Sequence(ids)) => ids.iter().filter_map(scalar_text).collect(),
        Some(other) => scalar_text(other).into_iter().collect(),
    };
    let mut documents = Vec::with_capacity(ids.len());
    for id in ids {
        let nth = seen.entry(id.clone()).or_default();
        let nth = std::mem::replace(nth, *nth + 1);
        let location = fields.item_location("agenda", &id, nth);
        if is_slug(&id) {
            documents.push(Spanned { value: id, location });
        } else {
            fields.error(
                Code::InvalidId,
                location,
                crate::t!("document.id_in_list", value = id, key = "agenda"),
                crate::t!("document.id_in_list_hint", example = slugify(&id)),
            );
        }
    }
    Some(AgendaItem {
        number,
        title,
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::is_time;

    #[test]
    fn times_are_hours_and_minutes() {
        assert!(is_time("19:30"));
        assert!(is_time("09:05"));
        assert!(!is_time("9:30"));
        assert!(!is_time("24:00"));
        assert!(!is_time("19.30"));
        assert!(!is_time("19:60"));
    }
}
