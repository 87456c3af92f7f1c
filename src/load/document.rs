//! From one source file to one [`Document`]: parse the YAML, read every field, check each value.
//!
//! Pure: the result depends on the file only, so files are read in parallel. Problems are
//! returned next to the document ("parsing never fails"); the document is `None` only when a
//! required field is unusable.

use serde_yaml::{Mapping, Value};

use super::fields::{describe, scalar_text, Fields};
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{
    Commitment, DatePrecision, DocType, Document, Kind, Letter, Motion, MotionStatus, Signatory, Source, Spanned,
    Submitter,
};
use crate::slug::{is_slug, slugify};
use crate::source::{SourceFile, SourceKind};
use crate::suggest::did_you_mean;
use crate::yaml::{Bounds, Exceeded, YamlError};

const COMMON_FIELDS: &[&str] = &[
    "id",
    "type",
    "title",
    "date",
    "date_precision",
    "identifiers",
    "responds_to",
    "settles",
    "references",
    "topics",
    "summary",
    "author",
    "withdrawn",
    "woo_category",
];
const LETTER_FIELDS: &[&str] = &[
    "addressee",
    "salutation",
    "handled_by",
    "phone",
    "attachments",
    "closing",
    "sender",
    "signatories",
];
const MOTION_FIELDS: &[&str] = &["status", "due", "submitters", "vote", "unanimous"];
/// Fields of the documents a meeting decides (`DocType::is_decided_in_meeting`).
const DECIDED_FIELDS: &[&str] = &["meeting"];
/// Fields of a `toezegging`.
const COMMITMENT_FIELDS: &[&str] = &["due", "made_by"];
/// Every type's [`DocType::proposal_field`].
const PROPOSAL_FIELDS: &[&str] = &["amends", "decides"];
use super::meeting::MEETING_FIELDS;

/// Reads one document out of a source file.
pub(crate) fn read_document(file: &SourceFile) -> (Option<Document>, Vec<Diagnostic>) {
    let value = match crate::yaml::from_str::<Value>(file.front_matter_text(), Bounds::FRONT_MATTER) {
        Ok(value) => value,
        Err(YamlError::Parse(err)) => return (None, vec![yaml_error(file, &err)]),
        Err(YamlError::Bound { exceeded, at }) => return (None, vec![yaml_bound(file, exceeded, at)]),
    };
    let empty = Mapping::new();
    let map = match &value {
        Value::Mapping(map) => map,
        Value::Null => &empty,
        other => {
            let diagnostic = Diagnostic::error(
                Code::WrongType,
                &file.path,
                crate::t!("document.not_mapping", found = describe(other)),
            )
            .at(file.front_matter_location(0, 0))
            .hint(crate::t!("document.not_mapping_hint"));
            return (None, vec![diagnostic]);
        }
    };
    let mut fields = Fields::new(file, map);
    let mut document = read_fields(file, &mut fields);
    let body_problems = match super::body::check_nesting(file) {
        Some(too_deep) => vec![too_deep],
        None => super::body::check_blocks(file),
    };
    if body_problems.iter().any(Diagnostic::is_error) {
        // The body stops here: no later stage may lay out or descend into it.
        if let Some(document) = &mut document {
            document.source.body = file.body.end..file.body.end;
        }
    }
    fields.diagnostics.extend(body_problems);
    if file.kind == SourceKind::Markdown && file.body_text().trim().is_empty() {
        let location = file.body_location(0, 0);
        fields.warning(
            Code::EmptyBody,
            location,
            crate::t!("document.empty_body"),
            crate::t!("document.empty_body_hint"),
        );
    }
    fields.diagnostics.extend(super::placeholder::find_placeholders(file));
    (document, fields.diagnostics)
}

fn read_fields(file: &SourceFile, fields: &mut Fields) -> Option<Document> {
    let id = read_id(fields);
    let doc_type = read_type(fields);
    let title = fields.required_text("title", "Inkoop Jeugdhulp");
    let date = fields.required_date("date");
    let date_precision = read_precision(fields);
    let identifiers = fields.text_list("identifiers");
    let responds_to = read_id_list(fields, "responds_to");
    let settles = read_id_list(fields, "settles");
    let references = read_id_list(fields, "references");
    let meeting = doc_type
        .filter(|t| t.is_decided_in_meeting())
        .and_then(|_| read_single_id(fields, "meeting"));
    let proposal = doc_type
        .and_then(DocType::proposal_field)
        .and_then(|key| read_single_id(fields, key));
    let topics = read_topics(fields);
    let summary = fields.text("summary");
    let author = fields.text("author");
    let withdrawn = super::withdrawal::read_withdrawal(fields);
    let woo_category = read_woo_category(fields);
    let kind = doc_type.map(|t| read_kind(fields, t));

    let allowed: Vec<&str> = allowed_fields(doc_type);
    let misplaced = |name: &str| misplaced_field(name, doc_type);
    fields.report_unknown(&allowed, &misplaced);

    let kind = kind??;
    Some(Document {
        candidates: Default::default(),
        source: Source {
            path: file.path.clone(),
            id_location: fields.value_location("id"),
            text: file.text.clone(),
            body: file.body.clone(),
        },
        id: id?,
        kind,
        title: title?,
        date: date?,
        date_precision,
        identifiers,
        responds_to,
        settles,
        references,
        meeting,
        proposal,
        topics,
        summary,
        author,
        withdrawn,
        woo_category,
    })
}

/// `woo_category:`: an article (`3.3.2a`), a TOOI code or URI, or `geen`.
fn read_woo_category(fields: &mut Fields) -> Option<Spanned<crate::tooi::WooChoice>> {
    let written = fields.text("woo_category")?;
    let location = fields.value_location("woo_category");
    match crate::tooi::choice(&written) {
        Some(value) => Some(Spanned { value, location }),
        None => {
            fields.error(
                Code::WooCategory,
                location,
                crate::t!("woo.unknown_category", value = written),
                crate::tooi::choice_hint(&written),
            );
            None
        }
    }
}

/// The fields a document of this type may have (every known field when the type is unusable).
pub(crate) fn allowed_fields(doc_type: Option<DocType>) -> Vec<&'static str> {
    let mut allowed = COMMON_FIELDS.to_vec();
    match doc_type {
        Some(t) if t.is_letter() => allowed.extend(LETTER_FIELDS),
        Some(t) if t.is_voted() => allowed.extend(MOTION_FIELDS),
        Some(DocType::Vergadering) => allowed.extend(MEETING_FIELDS),
        Some(DocType::Toezegging) => allowed.extend(COMMITMENT_FIELDS),
        Some(_) => {}
        // With an unusable type, accept every known field rather than pile up errors.
        None => allowed.extend(
            LETTER_FIELDS
                .iter()
                .chain(MOTION_FIELDS)
                .chain(MEETING_FIELDS)
                .chain(COMMITMENT_FIELDS),
        ),
    }
    if doc_type.is_none_or(DocType::is_decided_in_meeting) {
        allowed.extend(DECIDED_FIELDS);
    }
    match doc_type.map(DocType::proposal_field) {
        Some(Some(field)) => allowed.push(field),
        Some(None) => {}
        None => allowed.extend(PROPOSAL_FIELDS),
    }
    allowed.sort_unstable();
    allowed.dedup();
    allowed
}

fn misplaced_field(name: &str, doc_type: Option<DocType>) -> Option<String> {
    let doc_type = doc_type?;
    if LETTER_FIELDS.contains(&name) && !doc_type.is_letter() {
        return Some(crate::t!("document.for_letters"));
    }
    if MOTION_FIELDS.contains(&name) && !doc_type.is_voted() {
        // `status` is also a meeting's field: a motion's status belongs to motions only when
        // the document is not a meeting either.
        if !(MEETING_FIELDS.contains(&name) && doc_type == DocType::Vergadering) {
            return Some(crate::t!("document.for_motions"));
        }
    }
    if name == "made_by" && doc_type != DocType::Toezegging {
        return Some(crate::t!("document.for_commitments"));
    }
    if MEETING_FIELDS.contains(&name) && doc_type != DocType::Vergadering {
        return Some(crate::t!("document.for_meetings"));
    }
    if DECIDED_FIELDS.contains(&name) && !doc_type.is_decided_in_meeting() {
        return Some(crate::t!("document.for_decided"));
    }
    if PROPOSAL_FIELDS.contains(&name) && doc_type.proposal_field() != Some(name) {
        return Some(if name == "amends" {
            crate::t!("document.for_amendments")
        } else {
            crate::t!("document.for_decisions")
        });
    }
    None
}

fn read_id(fields: &mut Fields) -> Option<String> {
    let id = fields.required_text("id", "raadsbrief-2025-07-15-onderwerp")?;
    if is_slug(&id) {
        return Some(id);
    }
    let location = fields.value_location("id");
    fields.error(
        Code::InvalidId,
        location,
        crate::t!("document.invalid_id", id = id),
        crate::t!("document.for_example", example = slugify(&id)),
    );
    None
}

fn read_type(fields: &mut Fields) -> Option<DocType> {
    let text = fields.required_text("type", "raadsbrief")?;
    if let Some(t) = DocType::from_slug(&text) {
        return Some(t);
    }
    let location = fields.value_location("type");
    let slugs = DocType::ALL.map(DocType::slug);
    let types = slugs.join(", ");
    let hint = match did_you_mean(&text.to_lowercase(), slugs) {
        Some(best) => crate::t!("document.types_did_you_mean", best = best, types = types),
        None => crate::t!("document.types", types = types),
    };
    fields.error(
        Code::UnknownType,
        location,
        crate::t!("document.unknown_type", text = text),
        hint,
    );
    None
}

fn read_precision(fields: &mut Fields) -> DatePrecision {
    match fields.text("date_precision").as_deref() {
        None | Some("day") => DatePrecision::Day,
        Some("month") => DatePrecision::Month,
        Some("year") => DatePrecision::Year,
        Some(other) => {
            let location = fields.value_location("date_precision");
            fields.error(
                Code::InvalidValue,
                location,
                crate::t!("document.date_precision", value = other),
                crate::t!("document.date_precision_hint"),
            );
            DatePrecision::Day
        }
    }
}

fn read_id_list(fields: &mut Fields, key: &str) -> Vec<Spanned<String>> {
    let ids = fields.text_list(key);
    for id in ids.iter().filter(|id| !is_slug(&id.value)) {
        fields.error(
            Code::InvalidId,
            id.location,
            crate::t!("document.id_in_list", value = id.value, key = key),
            crate::t!("document.id_in_list_hint", example = slugify(&id.value)),
        );
    }
    ids.into_iter().filter(|id| is_slug(&id.value)).collect()
}

/// A field holding one document id (`meeting: <vergadering id>`, `amends: <raadsvoorstel
/// id>`), read only for the types it belongs to (elsewhere it is a misplaced field).
fn read_single_id(fields: &mut Fields, key: &str) -> Option<Spanned<String>> {
    let id = fields.text(key)?;
    let location = fields.value_location(key);
    if is_slug(&id) {
        return Some(Spanned { value: id, location });
    }
    fields.error(
        Code::InvalidId,
        location,
        crate::t!("document.id_in_list", value = id, key = key),
        crate::t!("document.id_in_list_hint", example = slugify(&id)),
    );
    None
}

fn read_topics(fields: &mut Fields) -> Vec<String> {
    let topics = fields.text_list("topics");
    for topic in topics.iter().filter(|t| !is_slug(&t.value)) {
        fields.error(
            Code::InvalidTopic,
            topic.location,
            crate::t!("document.invalid_topic", value = topic.value),
            crate::t!("document.for_example", example = slugify(&topic.value)),
        );
    }
    let mut out: Vec<String> = topics.into_iter().map(|t| t.value).filter(|t| is_slug(t)).collect();
    out.dedup();
    out
}

fn read_kind(fields: &mut Fields, doc_type: DocType) -> Option<Kind> {
    Some(match doc_type {
        DocType::Raadsbrief => Kind::Raadsbrief(read_letter(fields)),
        DocType::Brief => Kind::Brief(read_letter(fields)),
        DocType::Motie => Kind::Motie(read_motion(fields)?),
        DocType::Amendement => Kind::Amendement(read_motion(fields)?),
        DocType::Raadsvoorstel => Kind::Raadsvoorstel,
        DocType::Besluit => Kind::Besluit,
        DocType::Plan => Kind::Plan,
        DocType::Vergadering => Kind::Vergadering(super::meeting::read_meeting(fields)?),
        DocType::Toezegging => Kind::Toezegging(read_commitment(fields)),
    })
}

/// A commitment: made (so tracked as adopted), with its due date and who made it.
fn read_commitment(fields: &mut Fields) -> Commitment {
    Commitment {
        tracked: Motion {
            status: MotionStatus::Aangenomen,
            due: fields.date("due"),
            submitters: Vec::new(),
            vote: None,
            party_vote: None,
            unanimous: false,
        },
        made_by: fields.text("made_by"),
    }
}

fn read_letter(fields: &mut Fields) -> Letter {
    Letter {
        addressee: fields.text("addressee"),
        salutation: fields.text("salutation"),
        handled_by: fields.text("handled_by"),
        phone: fields.text("phone"),
        attachments: fields.text_list("attachments").into_iter().map(|a| a.value).collect(),
        closing: fields.text("closing"),
        sender: fields.text("sender"),
        signatories: read_signatories(fields),
    }
}

fn read_signatories(fields: &mut Fields) -> Vec<Signatory> {
    let mut out = Vec::new();
    for item in fields.list("signatories") {
        let role = item.get("role").and_then(scalar_text);
        let name = item.get("name").and_then(scalar_text);
        match (role, name) {
            (Some(role), Some(name)) if item.as_mapping().is_some_and(|m| m.len() == 2) => {
                out.push(Signatory { role, name })
            }
            _ => {
                let needle = item.get("name").and_then(scalar_text).unwrap_or_default();
                let location = fields.item_location("signatories", &needle, 0);
                fields.error(
                    Code::InvalidValue,
                    location,
                    crate::t!("document.signatory"),
                    crate::t!("document.signatory_hint"),
                );
            }
        }
    }
    out
}

fn read_motion(fields: &mut Fields) -> Option<Motion> {
    let status = read_status(fields);
    let due = fields.date("due");
    let submitters = read_submitters(fields);
    let (vote, party_vote) = super::vote::read_vote(fields);
    let unanimous = fields.boolean("unanimous").unwrap_or(false);
    Some(Motion {
        status: status?,
        due,
        submitters,
        vote,
        party_vote,
        unanimous,
    })
}

fn read_status(fields: &mut Fields) -> Option<MotionStatus> {
    let text = fields.required_text("status", "aangenomen")?;
    if let Some(status) = MotionStatus::from_slug(&text) {
        return Some(status);
    }
    let location = fields.value_location("status");
    let slugs = MotionStatus::ALL.map(MotionStatus::slug);
    let list = slugs.join(", ");
    let hint = if text == "afgedaan" {
        crate::t!("document.status_afgedaan_hint")
    } else if let Some(best) = did_you_mean(&text.to_lowercase(), slugs) {
        crate::t!("document.statuses_did_you_mean", best = best, list = list)
    } else {
        crate::t!("document.statuses", list = list)
    };
    fields.error(
        Code::InvalidValue,
        location,
        crate::t!("document.unknown_status", text = text),
        hint,
    );
    None
}

fn read_submitters(fields: &mut Fields) -> Vec<Submitter> {
    let mut out = Vec::new();
    // How often each party came before, to place the n-th mention of a repeated one.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for item in fields.list("submitters") {
        if let Some(name) = scalar_text(item) {
            out.push(Submitter {
                name,
                party: None,
                party_location: None,
            });
            continue;
        }
        let name = item.get("name").and_then(scalar_text);
        let party = item.get("party").and_then(scalar_text);
        let extra = item
            .as_mapping()
            .is_some_and(|m| m.keys().any(|k| !matches!(k.as_str(), Some("name") | Some("party"))));
        match name {
            Some(name) if !extra => {
                let party_location = party.as_ref().map(|party| {
                    let nth = seen.entry(party.clone()).or_default();
                    let nth = std::mem::replace(nth, *nth + 1);
                    fields.item_location("submitters", party, nth)
                });
                out.push(Submitter {
                    name,
                    party,
                    party_location,
                })
            }
            _ => {
                let location = fields.value_location("submitters");
                fields.error(
                    Code::InvalidValue,
                    location,
                    crate::t!("document.submitter"),
                    crate::t!("document.submitter_hint"),
                );
            }
        }
    }
    out
}

/// A front matter that crosses a bound of [`Bounds::FRONT_MATTER`], placed where the walk
/// noticed (the start of the front matter for its size).
fn yaml_bound(file: &SourceFile, exceeded: Exceeded, at: Option<usize>) -> Diagnostic {
    let at = at.unwrap_or(0);
    Diagnostic::error(exceeded.code(), &file.path, exceeded.message())
        .at(file.front_matter_location(at, at))
        .hint(exceeded.hint())
}

/// A YAML syntax error, placed where serde_yaml found it, with a hint for the usual causes.
fn yaml_error(file: &SourceFile, err: &serde_yaml::Error) -> Diagnostic {
    let message = err.to_string();
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let location = match err.location() {
        Some(loc) => file.front_matter_location(loc.index(), loc.index()),
        None => file.front_matter_location(0, 0),
    };
    // serde_yaml's messages are English in every language; the hint explains them.
    let hint = if message.contains("mapping values are not allowed") {
        crate::t!("document.yaml_colon_hint")
    } else if message.contains("cannot start any token") {
        crate::t!("document.yaml_token_hint")
    } else if message.contains("duplicate entry") {
        crate::t!("document.yaml_duplicate_hint")
    } else {
        crate::t!("document.yaml_other_hint")
    };
    Diagnostic::error(
        Code::YamlSyntax,
        &file.path,
        crate::t!("document.yaml", error = message),
    )
    .at(location)
    .hint(hint)
}
