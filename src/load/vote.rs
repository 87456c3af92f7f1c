//! `vote:` of a motion or amendment, in either of its two forms.
//!
//! - Counts: `vote: {for: 21, against: 14}`, the members' votes as the minutes give them.
//! - Per party: `vote: {for: [vvd, cda], against: [pvv]}`, optionally with `split:` for a party
//!   whose members voted both ways (`split: {d66: {for: 2, against: 1}}`). The seats are then
//!   computed in `resolve` from the council term of the day, where the slugs are also checked
//!   against `parties:`.
//!
//! A unanimous vote is `unanimous: true`, in either form or without a vote.

use serde_yaml::Value;

use super::fields::{scalar_text, Fields};
use crate::diagnostics::Code;
use crate::model::{PartyVote, Spanned, SplitVote, Vote};

/// The vote as counts or per party; `(None, None)` when absent or unusable (after a diagnostic).
pub(super) fn read_vote(fields: &mut Fields) -> (Option<Vote>, Option<PartyVote>) {
    let Some(value) = fields.raw("vote") else {
        return (None, None);
    };
    let is_list = |key: &str| value.get(key).is_some_and(Value::is_sequence);
    if is_list("for") || is_list("against") || value.get("split").is_some() {
        return (None, read_party_vote(fields, value));
    }
    (read_counts(fields, value), None)
}

fn read_counts(fields: &mut Fields, value: &Value) -> Option<Vote> {
    let count = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    };
    let keys_ok = value.as_mapping().is_some_and(|m| m.len() == 2);
    match (count("for"), count("against")) {
        (Some(votes_for), Some(against)) if keys_ok => Some(Vote { votes_for, against }),
        _ => {
            problem(fields, crate::t!("document.vote"));
            None
        }
    }
}

fn read_party_vote(fields: &mut Fields, value: &Value) -> Option<PartyVote> {
    let Some(map) = value.as_mapping() else {
        problem(fields, crate::t!("document.vote"));
        return None;
    };
    if map
        .keys()
        .any(|k| !matches!(k.as_str(), Some("for" | "against" | "split")))
    {
        problem(fields, crate::t!("vote.party_keys"));
        return None;
    }
    // How often each slug came before, to place the n-th mention of a repeated one.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut slugs = |fields: &mut Fields, key: &str| -> Option<Vec<Spanned<String>>> {
        let items = match value.get(key) {
            None | Some(Value::Null) => return Some(Vec::new()),
            Some(Value::Sequence(items)) => items,
            Some(_) => {
                problem(fields, crate::t!("vote.party_list", key = key));
                return None;
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let Some(slug) = scalar_text(item) else {
                problem(fields, crate::t!("vote.party_list", key = key));
                return None;
            };
            out.push(spanned(fields, &mut seen, slug));
        }
        Some(out)
    };
    let parties_for = slugs(fields, "for")?;
    let against = slugs(fields, "against")?;
    let split = read_split(fields, value.get("split"), &mut seen)?;
    Some(PartyVote {
        parties_for,
        against,
        split,
    })
}

fn read_split(
    fields: &mut Fields,
    value: Option<&Value>,
    seen: &mut std::collections::HashMap<String, usize>,
) -> Option<Vec<SplitVote>> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Some(Vec::new());
    };
    let Some(map) = value.as_mapping() else {
        problem(fields, crate::t!("vote.split"));
        return None;
    };
    let mut out = Vec::with_capacity(map.len());
    for (party, votes) in map {
        let count = |key: &str| {
            votes
                .get(key)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
        };
        let keys_ok = votes.as_mapping().is_some_and(|m| m.len() == 2);
        match (scalar_text(party), count("for"), count("against")) {
            (Some(slug), Some(votes_for), Some(against)) if keys_ok => out.push(SplitVote {
                party: spanned(fields, seen, slug),
                votes_for,
                against,
            }),
            _ => {
                problem(fields, crate::t!("vote.split"));
                return None;
            }
        }
    }
    Some(out)
}

fn spanned(fields: &Fields, seen: &mut std::collections::HashMap<String, usize>, slug: String) -> Spanned<String> {
    let nth = seen.entry(slug.clone()).or_default();
    let nth = std::mem::replace(nth, *nth + 1);
    let location = fields.item_location("vote", &slug, nth);
    Spanned { value: slug, location }
}

fn problem(fields: &mut Fields, message: String) {
    let location = fields.value_location("vote");
    fields.error(Code::InvalidValue, location, message, crate::t!("document.vote_hint"));
}
