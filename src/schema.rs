//! JSON Schemas of the front matter, one per document type, for the clerk's editor.
//!
//! An editor with a YAML language server reads a schema to complete field names and values, show
//! a field's meaning on hover, and underline a mistake while it is typed, long before
//! `griffie check` runs. The schemas are committed in `schemas/` and published in the site's
//! `schemas/` folder.
//!
//! What they guarantee: each schema is generated from the Rust types below, not written by hand,
//! and the tests hold those types to the loader (`load::document`): per type, the schema's fields
//! are exactly the fields the loader reads, its required fields are exactly the ones the loader
//! reports as missing, and the allowed values come from the model's own lists ([`DocType::ALL`],
//! [`MotionStatus::ALL`]). A schema is a first check, never the last: the loader remains the
//! judge and checks what a schema cannot express, such as whether a date exists in the calendar
//! or whether an id names a document.
//!
//! Each type below is never a value, only a shape: it exists to be described by `schemars`.
//! Descriptions are in Dutch, because clerks read them in their editor.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

use crate::model::{DocType, MeetingKind, MeetingStatus, MotionStatus};

/// An id or topic slug, as the loader's `is_slug` accepts it: `a-z`, `0-9`, single hyphens inside.
pub(crate) const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// `YYYY-MM-DD` with a month from 01 to 12 and a day from 01 to 31. Whether the day exists in
/// that month (`2024-02-30`) only the loader checks.
pub(crate) const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// Every schema as (file name, pretty JSON with a final newline), in the order of
/// [`DocType::ALL`]. Deterministic: the same types give the same bytes.
pub fn schemas() -> Vec<(String, String)> {
    DocType::ALL
        .into_iter()
        .map(|doc_type| {
            let mut value = schema_for(doc_type).to_value();
            sort_keys(&mut value);
            let json = serde_json::to_string_pretty(&value).expect("a JSON value always serialises");
            (file_name(doc_type), json + "\n")
        })
        .collect()
}

/// The schema's file name, e.g. `raadsbrief.schema.json`.
pub(crate) fn file_name(doc_type: DocType) -> String {
    format!("{}.schema.json", doc_type.slug())
}

/// The schema of one document type: the fields of its family, with `type` fixed to its slug.
pub(crate) fn schema_for(doc_type: DocType) -> Schema {
    // Draft 7 with everything inlined: what the YAML language server supports, one file each.
    let mut settings = SchemaSettings::draft07();
    settings.inline_subschemas = true;
    let generator = settings.into_generator();
    let mut schema = if doc_type.is_letter() {
        generator.into_root_schema_for::<LetterFrontMatter>()
    } else if doc_type.is_voted() {
        generator.into_root_schema_for::<MotionFrontMatter>()
    } else if doc_type == DocType::Vergadering {
        generator.into_root_schema_for::<MeetingFrontMatter>()
    } else if doc_type == DocType::Toezegging {
        generator.into_root_schema_for::<CommitmentFrontMatter>()
    } else if doc_type.is_decided_in_meeting() {
        generator.into_root_schema_for::<DecidedFrontMatter>()
    } else {
        generator.into_root_schema_for::<PlainFrontMatter>()
    };
    let slug = doc_type.slug();
    schema.insert(
        "title".into(),
        format!("griffie: {}", doc_type.label(crate::i18n::Lang::Nl)).into(),
    );
    schema.insert(
        "description".into(),
        format!(
            "De velden bovenaan een {} (front matter). Zie docs/content-model.md.",
            doc_type.label(crate::i18n::Lang::Nl).to_lowercase()
        )
        .into(),
    );
    if let Some(field) = doc_type.proposal_field() {
        add_proposal_field(&mut schema, field);
    }
    if let Some(property) = schema.pointer_mut("/properties/type") {
        *property = serde_json::json!({
            "description": format!("Soort document; voor dit schema altijd `{slug}`."),
            "const": slug,
        });
    }
    schema
}

/// `amends` (of an amendment) or `decides` (of a decision): an id, shaped like `meeting`, which
/// both families have. Added here rather than as a family of its own: one field of one type.
fn add_proposal_field(schema: &mut Schema, field: &str) {
    let Some(mut property) = schema.pointer("/properties/meeting").cloned() else {
        return;
    };
    let description = if field == "amends" {
        "Id van het raadsvoorstel (`type: raadsvoorstel`) dat dit amendement wijzigt. Het \
         voorstel toont dan zijn amendementen met hun uitslag."
    } else {
        "Id van het raadsvoorstel (`type: raadsvoorstel`) waarover dit besluit is genomen. Het \
         voorstel toont dan dit besluit."
    };
    if let Some(object) = property.as_object_mut() {
        object.insert("description".into(), description.into());
    }
    if let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        properties.insert(field.to_string(), property);
    }
}

/// Sorts every object's keys, so the bytes do not depend on serde_json's `preserve_order`
/// feature (which another crate in the build may switch on).
fn sort_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.sort_keys();
            map.values_mut().for_each(sort_keys);
        }
        Value::Array(items) => items.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

/// The fields of a `plan`: only the common ones.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields)]
pub(crate) struct PlainFrontMatter {
    #[schemars(flatten)]
    pub common: Common,
}

/// The fields of a `raadsvoorstel` or `besluit`: the common ones and the meeting.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields)]
pub(crate) struct DecidedFrontMatter {
    #[schemars(flatten)]
    pub common: Common,
    #[schemars(flatten)]
    pub decided: DecidedFields,
}

/// The fields of a `toezegging`.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields)]
pub(crate) struct CommitmentFrontMatter {
    #[schemars(flatten)]
    pub common: Common,
    #[schemars(flatten)]
    pub commitment: CommitmentFields,
}

/// What only commitments have (`COMMITMENT_FIELDS` in the loader), and the meeting.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
pub(crate) struct CommitmentFields {
    #[schemars(description = "Wie de toezegging deed, bv. `wethouder J. Jansen`.")]
    pub made_by: Option<Text>,
    #[schemars(
        description = "Wanneer het college de toezegging nagekomen moet zijn, als JJJJ-MM-DD. Een brief \
        met `settles` doet haar af; daarna is ze niet meer te laat."
    )]
    pub due: Option<Date>,
    #[schemars(description = "Id van de vergadering (`type: vergadering`) waarin de toezegging is gedaan.")]
    pub meeting: Option<Id>,
}

/// The fields of a `vergadering`.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields)]
pub(crate) struct MeetingFrontMatter {
    #[schemars(flatten)]
    pub common: Common,
    #[schemars(flatten)]
    pub meeting: MeetingFields,
}

/// What the documents a meeting decides have (`DECIDED_FIELDS` in the loader).
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
pub(crate) struct DecidedFields {
    #[schemars(
        description = "Id van de vergadering (`type: vergadering`) waarin de raad hierover besloot. \
        Staat het document op de agenda van die vergadering, dan hoeft dit niet: de koppeling \
        wordt dan vanzelf gelegd."
    )]
    pub meeting: Option<Id>,
}

/// What only meetings have (`MEETING_FIELDS` in the loader).
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
pub(crate) struct MeetingFields {
    #[schemars(description = "Soort vergadering: `raad`, `commissie`, `presidium` of `overig`.")]
    pub kind: MeetingKindSlug,
    #[schemars(description = "`gepland`, `gehouden` of `geannuleerd`.")]
    pub status: MeetingStatusSlug,
    #[schemars(description = "Aanvangstijd als UU:MM, bv. `\"19:30\"`.")]
    pub start: Option<Time>,
    #[schemars(description = "Plaats, bv. `Raadzaal, stadhuis Almelo`.")]
    pub location: Option<Text>,
    #[schemars(
        description = "De agenda, in volgorde: elk punt met `title`, de `documents` (ids) die \
        erbij horen en eventueel een `number` zoals de agenda het drukt (`4a`)."
    )]
    pub agenda: Option<Vec<AgendaItem>>,
}

/// One item of `agenda:`.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields, description = "Een agendapunt.")]
pub(crate) struct AgendaItem {
    #[schemars(description = "Nummer zoals de agenda het drukt, bv. `4a`.")]
    pub number: Option<Text>,
    #[schemars(description = "Titel van het agendapunt.")]
    pub title: RequiredText,
    #[schemars(description = "Ids van de documenten die onder dit punt worden behandeld.")]
    pub documents: Option<IdList>,
}

/// The fields of a `raadsbrief` or `brief`.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields)]
pub(crate) struct LetterFrontMatter {
    #[schemars(flatten)]
    pub common: Common,
    #[schemars(flatten)]
    pub letter: LetterFields,
}

/// The fields of a `motie` or `amendement`.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields)]
pub(crate) struct MotionFrontMatter {
    #[schemars(flatten)]
    pub common: Common,
    #[schemars(flatten)]
    pub motion: MotionFields,
}

/// The fields every document has (`COMMON_FIELDS` in the loader).
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
pub(crate) struct Common {
    #[schemars(
        description = "Unieke, vaste naam van het document: kleine letters, cijfers en enkele \
        koppeltekens, bv. `raadsbrief-2025-07-15-inkoop-jeugdhulp`. De pagina staat op /documenten/<id>/; \
        verander een gepubliceerd id niet meer."
    )]
    pub id: Id,
    #[schemars(rename = "type")]
    pub doc_type: TypeSlug,
    #[schemars(description = "Onderwerp van het document.")]
    pub title: RequiredText,
    #[schemars(
        description = "Datum van het document, als JJJJ-MM-DD. Bij een motie of amendement: \
        de vergadering waarin erover is gestemd."
    )]
    pub date: Date,
    #[schemars(
        description = "Hoe precies `date` is: `day` (standaard), `month` of `year`. Bij `month` \
        of `year` is `date` een dag in die periode, voor de volgorde (meestal de eerste)."
    )]
    pub date_precision: Option<DatePrecision>,
    #[schemars(
        description = "Officiële nummers zoals gedrukt, bv. `Raad-2408221` of `D/25/737910` \
        (de kenmerken van een brief). Teksten die een nummer noemen, linken hierheen."
    )]
    pub identifiers: Option<TextList>,
    #[schemars(description = "Ids van de documenten waarop dit document antwoordt.")]
    pub responds_to: Option<IdList>,
    #[schemars(description = "Ids van de moties die dit document afdoet.")]
    pub settles: Option<IdList>,
    #[schemars(description = "Ids van andere documenten die dit document aanhaalt.")]
    pub references: Option<IdList>,
    #[schemars(description = "Dossiers waar dit document bij hoort, als slug, bv. `jeugdzorg`.")]
    pub topics: Option<IdList>,
    #[schemars(description = "Een of twee zinnen voor lijsten, feeds en zoekresultaten.")]
    pub summary: Option<Text>,
    #[schemars(description = "Wie het document schreef, als dat niet het college is, bv. `Regio Twente`.")]
    pub author: Option<Text>,
    #[schemars(
        description = "Na publicatie ingetrokken (bv. onder de Woo): alleen een melding met \
        datum en reden blijft staan, de tekst wordt nergens meer gepubliceerd."
    )]
    pub withdrawn: Option<Withdrawn>,
    #[schemars(
        description = "De Woo-informatiecategorie van dit document, boven die van zijn soort: een artikel \
        (`3.3.2a`), een TOOI-code (`c_8c840238`) of `geen` om het buiten de Woo-index te houden."
    )]
    pub woo_category: Option<WooCategory>,
}

/// `withdrawn:` (see `load::withdrawal`).
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields)]
pub(crate) struct Withdrawn {
    #[schemars(description = "Datum van intrekking, als JJJJ-MM-DD.")]
    pub date: Date,
    #[schemars(description = "Openbare reden van intrekking, in woorden die een inwoner begrijpt.")]
    pub reason: RequiredText,
}

/// What only letters have (`LETTER_FIELDS` in the loader).
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
pub(crate) struct LetterFields {
    #[schemars(description = "Geadresseerde (mag meerdere regels beslaan). Bij een raadsbrief \
        standaard de raad, uit griffie.yaml.")]
    pub addressee: Option<Text>,
    #[schemars(description = "Aanhef, bv. `Geachte leden van de raad,`.")]
    pub salutation: Option<Text>,
    #[schemars(description = "Behandeld door.")]
    pub handled_by: Option<Text>,
    #[schemars(description = "Doorkiesnummer.")]
    pub phone: Option<Text>,
    #[schemars(description = "Bijlage(n), één per regel.")]
    pub attachments: Option<TextList>,
    #[schemars(description = "Slotformule, standaard `Hoogachtend,`.")]
    pub closing: Option<Text>,
    #[schemars(description = "Afzender, standaard Burgemeester en Wethouders.")]
    pub sender: Option<Text>,
    #[schemars(description = "Ondertekenaars, elk met `role` en `name`, bv. \
        `- {role: de burgemeester, name: A. Gerritsen}`.")]
    pub signatories: Option<Vec<Signatory>>,
}

/// One item of `signatories`: exactly a role and a name.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(
    deny_unknown_fields,
    description = "Een ondertekenaar: `role` en `name`, beide verplicht."
)]
pub(crate) struct Signatory {
    #[schemars(description = "Functie, bv. `de burgemeester`.")]
    pub role: Text,
    #[schemars(description = "Naam van de ondertekenaar.")]
    pub name: Text,
}

/// What only motions and amendments have (`MOTION_FIELDS` in the loader).
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
pub(crate) struct MotionFields {
    #[schemars(
        description = "Uitslag van de stemming. `afgedaan` is geen status: dat wordt een motie \
        zodra een ander document haar noemt onder `settles`."
    )]
    pub status: Status,
    #[schemars(description = "Streefdatum: wanneer het college de motie uitgevoerd moet hebben, als JJJJ-MM-DD.")]
    pub due: Option<Date>,
    #[schemars(
        description = "Indieners: eerst de initiatiefnemer, dan de mede-indieners; elk een naam \
        of `{name: J. Jansen, party: VVD}`."
    )]
    pub submitters: Option<Vec<SubmitterItem>>,
    #[schemars(description = "Stemuitslag: het aantal stemmen, bv. `{for: 21, against: 8}`, of de \
        fracties, bv. `{for: [vvd, cda], against: [pvv]}` (met `split` voor een verdeelde fractie).")]
    pub vote: Option<VoteForm>,
    #[schemars(description = "`true` als de motie unaniem is aangenomen.")]
    pub unanimous: Option<bool>,
    #[schemars(
        description = "Id van de vergadering (`type: vergadering`) waarin erover is gestemd. \
        Staat het document op de agenda van die vergadering, dan hoeft dit niet."
    )]
    pub meeting: Option<Id>,
}

/// `vote:` in one of its two forms.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(untagged)]
pub(crate) enum VoteForm {
    Counts(Vote),
    Parties(PartyVote),
}

/// `vote:` per party.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields)]
pub(crate) struct PartyVote {
    #[schemars(
        rename = "for",
        description = "Fracties (korte namen uit griffie.yaml) die voor stemden."
    )]
    pub parties_for: Option<Vec<Id>>,
    #[schemars(description = "Fracties die tegen stemden.")]
    pub against: Option<Vec<Id>>,
    #[schemars(
        description = "Verdeelde fracties, met het aantal leden voor en tegen, bv. `{d66: {for: 2, against: 1}}`."
    )]
    pub split: Option<std::collections::BTreeMap<String, Vote>>,
}

/// One item of `submitters`: a plain name, or a name with a party.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(untagged, description = "Een indiener: alleen de naam, of `{name: …, party: …}`.")]
pub(crate) enum SubmitterItem {
    Name(Text),
    Full(Submitter),
}

/// A submitter written out: a name and optionally a party.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields, description = "Een indiener met naam en eventueel partij.")]
pub(crate) struct Submitter {
    #[schemars(description = "Naam van de indiener.")]
    pub name: Text,
    #[schemars(
        description = "Fractie: de korte naam uit `parties:` in griffie.yaml, bv. `vvd` (zonder fracties daar: vrije tekst, bv. `VVD`)."
    )]
    pub party: Option<Text>,
}

/// `vote:`: both counts, nothing else.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(deny_unknown_fields)]
pub(crate) struct Vote {
    #[schemars(rename = "for", description = "Aantal stemmen voor.")]
    pub votes_for: Count,
    #[schemars(description = "Aantal stemmen tegen.")]
    pub against: Count,
}

/// `date_precision:`, as the loader reads it.
#[derive(JsonSchema)]
#[expect(dead_code, reason = "a shape for the schema only: never built or read")]
#[schemars(rename_all = "lowercase")]
pub(crate) enum DatePrecision {
    Day,
    Month,
    Year,
}

/// Defines a shape-only type whose schema is the given JSON.
macro_rules! shape {
    ($(#[$doc:meta])* $name:ident, $schema:expr) => {
        $(#[$doc])*
        pub(crate) enum $name {}

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

shape!(
    /// A text field. The loader also takes a number or `true`/`false` as its text.
    Text,
    json_schema!({ "type": ["string", "number", "boolean"] })
);
shape!(
    /// A text field that must not be blank.
    RequiredText,
    json_schema!({ "type": ["string", "number", "boolean"], "pattern": "\\S" })
);
// A list may be written as one value: the loader takes it as a list of one. One flat schema for
// both (`items` applies only to a list, `pattern` only to text) reads better on hover than `anyOf`.
shape!(
    /// One text item or a list of them.
    TextList,
    json_schema!({
        "type": ["string", "number", "boolean", "array"],
        "items": { "type": ["string", "number", "boolean"] },
    })
);
shape!(
    /// A document id or topic slug.
    Id,
    json_schema!({ "type": "string", "pattern": ID_PATTERN })
);
shape!(
    /// One id or a list of them.
    IdList,
    json_schema!({
        "type": ["string", "array"],
        "pattern": ID_PATTERN,
        "items": { "type": "string", "pattern": ID_PATTERN },
    })
);
shape!(
    /// A vote count: what fits the model's `u32`.
    Count,
    json_schema!({ "type": "integer", "minimum": 0, "maximum": u32::MAX })
);
shape!(
    /// A `YYYY-MM-DD` date.
    Date,
    json_schema!({ "type": "string", "pattern": DATE_PATTERN })
);
shape!(
    /// The `type` field; [`schema_for`] fixes it to one slug.
    TypeSlug,
    json_schema!({ "type": "string", "enum": DocType::ALL.map(DocType::slug) })
);
shape!(
    /// A starting time `HH:MM`.
    Time,
    json_schema!({ "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$" })
);
shape!(
    /// A meeting's kind: the model's own list.
    MeetingKindSlug,
    json_schema!({ "type": "string", "enum": MeetingKind::ALL.map(MeetingKind::slug) })
);
shape!(
    /// A meeting's status: the model's own list.
    MeetingStatusSlug,
    json_schema!({ "type": "string", "enum": MeetingStatus::ALL.map(MeetingStatus::slug) })
);
shape!(
    /// A motion's status: the model's own list.
    Status,
    json_schema!({ "type": "string", "enum": MotionStatus::ALL.map(MotionStatus::slug) })
);

shape!(
    /// A Woo information category: what `tooi::choice` takes, as articles, codes and `geen`.
    WooCategory,
    json_schema!({
        "type": "string",
        "enum": crate::tooi::categories()
            .iter()
            .flat_map(|c| [c.article.clone(), c.code().to_string()])
            .chain(crate::tooi::NOT_INDEXED.map(String::from))
            .collect::<Vec<_>>(),
    })
);

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::diagnostics::Code;
    use crate::load::{allowed_fields, read_bytes};
    use crate::slug::is_slug;
    use crate::source::SourceKind;

    fn property_names(doc_type: DocType) -> BTreeSet<String> {
        let schema = schema_for(doc_type);
        let properties = schema.get("properties").and_then(Value::as_object).expect("properties");
        properties.keys().cloned().collect()
    }

    fn required(schema: &Value) -> BTreeSet<String> {
        let list = schema.get("required").and_then(Value::as_array);
        list.into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    }

    /// Diagnostics of the loader for a `.yaml` record with this text.
    fn load(text: &str) -> Vec<crate::diagnostics::Diagnostic> {
        read_bytes(Path::new("probe.yaml"), text.as_bytes().to_vec(), SourceKind::Yaml).1
    }

    /// The field names the loader reports as missing (`required field `x` is …`).
    fn missing_fields(text: &str) -> BTreeSet<String> {
        let diagnostics = load(text);
        let missing = diagnostics.iter().filter(|d| d.code == Code::MissingField);
        missing
            .filter_map(|d| d.message.split('`').nth(1))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn schema_fields_are_the_fields_the_loader_reads() {
        for doc_type in DocType::ALL {
            let loader: BTreeSet<String> = allowed_fields(Some(doc_type)).iter().map(|f| f.to_string()).collect();
            assert_eq!(property_names(doc_type), loader, "fields of `{doc_type}`");
        }
    }

    #[test]
    fn schema_requires_what_the_loader_reports_missing() {
        for doc_type in DocType::ALL {
            let schema = schema_for(doc_type).to_value();
            let mut missing = missing_fields(&format!("type: {doc_type}\n"));
            missing.insert("type".to_string());
            assert_eq!(required(&schema), missing, "required fields of `{doc_type}`");
        }
        let withdrawn = schema_for(DocType::Plan).to_value()["properties"]["withdrawn"].clone();
        // "`withdrawn` heeft een `date` nodig: …": the part is the second name in backticks.
        let diagnostics = load("type: plan\nwithdrawn: {}\n");
        let needs = diagnostics
            .iter()
            .filter(|d| d.code == Code::MissingField && d.message.starts_with("`withdrawn` heeft een"));
        let loader: BTreeSet<String> = needs
            .filter_map(|d| d.message.split('`').nth(3))
            .map(String::from)
            .collect();
        assert_eq!(required(&withdrawn), loader);
    }

    #[test]
    fn every_schema_forbids_other_fields_and_fixes_its_type() {
        for doc_type in DocType::ALL {
            let schema = schema_for(doc_type).to_value();
            assert_eq!(schema["additionalProperties"], Value::Bool(false), "{doc_type}");
            assert_eq!(schema["properties"]["type"]["const"], doc_type.slug());
            assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        }
    }

    #[test]
    fn enumerated_values_are_the_ones_the_loader_accepts() {
        let motion = schema_for(DocType::Motie).to_value();
        let precision = &motion["properties"]["date_precision"]["enum"];
        let status = &motion["properties"]["status"]["enum"];
        let probe = |field: &str, value: &str| {
            let status = if field == "status" { "" } else { "status: aangenomen\n" };
            let text = format!("id: a\ntype: motie\ntitle: T\ndate: 2025-01-01\n{status}{field}: {value}\n");
            !load(&text).iter().any(|d| d.code == Code::InvalidValue)
        };
        for (field, values) in [("date_precision", precision), ("status", status)] {
            let values: Vec<&str> = values.as_array().unwrap().iter().filter_map(Value::as_str).collect();
            assert!(!values.is_empty(), "{field} has values");
            for value in values {
                assert!(probe(field, value), "the loader refuses {field}: {value}");
            }
            assert!(!probe(field, "afgedaan"), "the loader takes {field}: afgedaan");
        }
    }

    #[test]
    fn id_pattern_agrees_with_the_loader() {
        let pattern = regex::Regex::new(ID_PATTERN).unwrap();
        let samples = [
            "a",
            "motie-2024-07-11",
            "a-b-c",
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "a_b",
            "é",
            "a b",
            "2024",
        ];
        for sample in samples {
            assert_eq!(pattern.is_match(sample), is_slug(sample), "`{sample}`");
        }
    }

    #[test]
    fn schemas_are_deterministic_and_named_by_type() {
        let names: Vec<String> = schemas().into_iter().map(|(name, _)| name).collect();
        assert_eq!(names[0], "raadsbrief.schema.json");
        assert_eq!(names.len(), DocType::ALL.len());
        assert_eq!(schemas(), schemas());
    }

    /// The committed file and the published one have the same name (the site writes
    /// [`schemas`] in the order of [`DocType::ALL`] to [`crate::urls::schema`]).
    #[test]
    fn the_site_publishes_each_schema_under_its_file_name() {
        for (doc_type, (name, _)) in DocType::ALL.into_iter().zip(schemas()) {
            assert_eq!(crate::urls::schema(doc_type), format!("/schemas/{name}"));
        }
    }
}
