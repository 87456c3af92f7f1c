//! The text of a new document: per type, the front matter with a Dutch comment above every
//! field and the body's skeleton, with `«…»` placeholders wherever only the clerk can write.
//!
//! The bodies leave out what the templates add (a letter's salutation, closing and signatures; a
//! motion's "De raad van de gemeente …, in vergadering bijeen op …," and "en gaat over tot de
//! orde van de dag."), so nothing appears twice on the page or in the PDF.

use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;

use crate::config::{load_config, CONFIG_FILE};
use crate::load::placeholder::placeholder;
use crate::model::DocType;

/// What the site configuration tells a new document, if it can be read.
#[derive(Debug, Clone, Default)]
pub(crate) struct SiteFacts {
    pub municipality: Option<String>,
    /// The dossiers named in `griffie.yaml`.
    pub topics: Vec<String>,
}

impl SiteFacts {
    pub(super) fn read(root: &Path) -> SiteFacts {
        match load_config(&root.join(CONFIG_FILE), Path::new(CONFIG_FILE)) {
            Ok(config) => SiteFacts {
                municipality: Some(config.municipality),
                topics: config.topics.into_keys().collect(),
            },
            Err(_) => SiteFacts::default(),
        }
    }
}

/// The text of a new document: front matter with comments, then the body skeleton.
pub(crate) fn render(doc_type: DocType, id: &str, title: &str, date: Date, site: &SiteFacts) -> String {
    let mut out = String::from("---\n");
    let it = Noun(doc_type);
    field(
        &mut out,
        "Vaste naam van dit document: de pagina komt op /documenten/<id>/. Na publicatie niet meer wijzigen.",
        &format!("id: {id}"),
    );
    field(&mut out, "", &format!("type: {}", doc_type.slug()));
    field(
        &mut out,
        &format!("Het onderwerp, zoals het op {} staat.", it.the()),
        &format!("title: {}", yaml_text(title)),
    );
    let date_comment = if doc_type == DocType::Vergadering {
        "De dag van de vergadering (JJJJ-MM-DD).".to_string()
    } else if doc_type == DocType::Toezegging {
        "De dag waarop de toezegging is gedaan, meestal die van de vergadering (JJJJ-MM-DD).".to_string()
    } else if doc_type.is_voted() {
        format!(
            "De datum van de raadsvergadering waarin over {} is gestemd (JJJJ-MM-DD).",
            it.the()
        )
    } else {
        format!("De datum op {} (JJJJ-MM-DD).", it.the())
    };
    field(&mut out, &date_comment, &format!("date: {date}"));
    if doc_type.is_voted() {
        voted_fields(&mut out, doc_type);
    }
    if doc_type == DocType::Toezegging {
        field(
            &mut out,
            "Id van de vergadering waarin de toezegging is gedaan.",
            "meeting:",
        );
        field(
            &mut out,
            "Wie de toezegging deed: de wethouder of burgemeester, bijv. wethouder J. Jansen.",
            &format!("made_by: {}", placeholder("naam")),
        );
        field(
            &mut out,
            "Wanneer het college de toezegging nagekomen moet zijn (JJJJ-MM-DD); een brief met `settles` doet haar af.",
            "due:",
        );
    } else if doc_type.is_decided_in_meeting() {
        field(
            &mut out,
            "Id van de vergadering waarin de raad hierover besloot; mag leeg blijven als de vergadering dit document op haar agenda heeft.",
            "meeting:",
        );
    }
    match doc_type.proposal_field() {
        Some("amends") => field(
            &mut out,
            "Id van het raadsvoorstel dat dit amendement wijzigt; het voorstel toont dan zijn amendementen.",
            "amends:",
        ),
        Some(key) => field(
            &mut out,
            "Id van het raadsvoorstel waarover dit besluit is genomen; mag leeg blijven.",
            &format!("{key}:"),
        ),
        None => {}
    }
    if doc_type == DocType::Vergadering {
        meeting_fields(&mut out);
    }
    if doc_type == DocType::Plan {
        field(
            &mut out,
            "Wie het plan heeft opgesteld, als dat niet het college is, bijv. Regio Twente; mag leeg blijven.",
            "author:",
        );
    }
    common_fields(&mut out, doc_type, site);
    if doc_type.is_letter() {
        letter_fields(&mut out, doc_type);
    }
    out.push_str(&format!("# {}\n---\n\n", body_comment(doc_type)));
    out.push_str(&body(doc_type, site));
    out
}

/// A Dutch noun with its article, for the comments.
struct Noun(DocType);

impl Noun {
    fn the(&self) -> String {
        let article = match self.0 {
            DocType::Amendement | DocType::Raadsvoorstel | DocType::Besluit | DocType::Plan => "het",
            DocType::Raadsbrief | DocType::Brief | DocType::Motie | DocType::Vergadering | DocType::Toezegging => "de",
        };
        format!("{article} {}", self.0.slug())
    }
}

/// Writes `line`, with `comment` as a YAML comment above it when there is one.
fn field(out: &mut String, comment: &str, line: &str) {
    if !comment.is_empty() {
        let _ = writeln!(out, "# {comment}");
    }
    let _ = writeln!(out, "{line}");
}

fn voted_fields(out: &mut String, doc_type: DocType) {
    field(
        out,
        "De uitslag van de stemming: ingediend, aangenomen, verworpen, ingetrokken of aangehouden.",
        "status:",
    );
    field(
        out,
        "De indieners: eerst de initiatiefnemer, dan de mede-indieners; de partij mag weg.",
        &format!(
            "submitters:\n  - {{name: {}, party: {}}}",
            placeholder("naam"),
            placeholder("partij")
        ),
    );
    field(
        out,
        "De stemming, bijv. {for: 21, against: 8}; leeg laten als die niet is vastgelegd.",
        "vote:",
    );
    field(out, "Aangenomen met algemene stemmen: true.", "unanimous: false");
    if doc_type == DocType::Motie {
        field(
            out,
            "Streefdatum: wanneer het college de motie moet hebben uitgevoerd (JJJJ-MM-DD); mag leeg blijven.",
            "due:",
        );
    }
}

fn meeting_fields(out: &mut String) {
    field(
        out,
        "Soort vergadering: raad, commissie, presidium of overig.",
        "kind: raad",
    );
    field(
        out,
        "Stand: gepland (nog niet gehouden), gehouden of geannuleerd.",
        "status: gepland",
    );
    field(
        out,
        "Aanvangstijd als UU:MM, tussen aanhalingstekens; mag leeg blijven.",
        "start: \"19:30\"",
    );
    field(
        out,
        "Plaats van de vergadering; mag leeg blijven.",
        &format!("location: {}", placeholder("bijv. Raadzaal, stadhuis")),
    );
    field(
        out,
        "De agenda, in volgorde. Per punt: een titel, eventueel een nummer zoals op de agenda, en de ids van de documenten die erbij horen.",
        &format!(
            "agenda:\n  - {{number: \"1\", title: Opening en vaststelling van de agenda}}\n  - {{number: \"2\", title: {}, documents: []}}",
            placeholder("titel van het agendapunt")
        ),
    );
}

fn common_fields(out: &mut String, doc_type: DocType, site: &SiteFacts) {
    field(
        out,
        "Eén of twee zinnen over de inhoud, voor lijsten en zoekresultaten.",
        &format!("summary: {}", placeholder("samenvatting in één of twee zinnen")),
    );
    let known = match site.topics.as_slice() {
        [] => String::new(),
        topics => format!(" Dossiers in {CONFIG_FILE}: {}.", topics.join(", ")),
    };
    field(
        out,
        &format!("Dossiers waar dit document bij hoort, bijv. [jeugdzorg]; mag leeg blijven.{known}"),
        "topics: []",
    );
    field(
        out,
        "Ids van documenten waarop dit document antwoordt, bijv. een motie; mag leeg blijven.",
        "responds_to: []",
    );
    if doc_type.is_letter() {
        field(
            out,
            "Ids van moties die met deze brief zijn afgedaan; mag leeg blijven.",
            "settles: []",
        );
    }
    let references = if doc_type == DocType::Amendement {
        "Het id van het raadsvoorstel dat het amendement wijzigt, en andere documenten waarnaar het verwijst."
    } else {
        "Ids van documenten waarnaar dit document verwijst; mag leeg blijven."
    };
    field(out, references, "references: []");
}

fn letter_fields(out: &mut String, doc_type: DocType) {
    field(
        out,
        "Kenmerken zoals op de brief gedrukt, bijv. [Raad - 2408221, DCS - 2382087]; mag leeg blijven.",
        "identifiers: []",
    );
    if doc_type == DocType::Brief {
        field(
            out,
            "Naam en adres van de geadresseerde, elk op een eigen regel.",
            &format!("addressee: |-\n  {}\n  {}", placeholder("naam"), placeholder("adres")),
        );
        field(
            out,
            "De aanhef, bijv. Geachte heer De Jonge,",
            &format!("salutation: {}", placeholder("aanhef")),
        );
    }
    field(
        out,
        "Behandeld door.",
        &format!("handled_by: {}", placeholder("naam van de behandelaar")),
    );
    field(out, "Doorkiesnummer; mag leeg blijven.", "phone:");
    field(
        out,
        "Bijlagen, bijv. [Regiovisie Jeugdhulp Twente]; mag leeg blijven.",
        "attachments: []",
    );
    field(
        out,
        "Wie ondertekenen: rol en naam.",
        &format!(
            "signatories:\n  - {{role: de secretaris, name: {}}}\n  - {{role: de burgemeester, name: {}}}",
            placeholder("naam"),
            placeholder("naam")
        ),
    );
}

fn body_comment(doc_type: DocType) -> &'static str {
    match doc_type {
        DocType::Raadsbrief | DocType::Brief => {
            "Onder de streep hieronder staat de tekst van de brief. Aanhef, slot en ondertekening zet griffie er zelf bij."
        }
        DocType::Motie | DocType::Amendement => {
            "Onder de streep hieronder staat de tekst. \"De raad van de gemeente …, in vergadering bijeen op …,\" \
             en \"en gaat over tot de orde van de dag.\" zet griffie er zelf omheen."
        }
        DocType::Raadsvoorstel | DocType::Besluit | DocType::Plan => {
            "Onder de streep hieronder staat de tekst, in Markdown: ## voor een kop, - voor een opsomming."
        }
        DocType::Vergadering => {
            "Onder de streep hieronder staan de aantekeningen of de besluitenlijst van de vergadering. Vóór de vergadering: sla het op als .yaml, zonder tekst."
        }
        DocType::Toezegging => {
            "Onder de streep hieronder staat wat het college heeft toegezegd, zo letterlijk als het verslag het geeft."
        }
    }
}

/// The body skeleton of each type; the formulas the templates add are left out.
fn body(doc_type: DocType, site: &SiteFacts) -> String {
    let p = placeholder;
    match doc_type {
        DocType::Raadsbrief => format!(
            "{}\n\n## {}\n\n{}\n\n## Vervolg\n\n{}\n",
            p("Inleiding: waarover informeert het college de raad, en waarom nu?"),
            p("Kop van het eerste onderwerp"),
            p("Tekst"),
            p("Wat gebeurt er nu, en wanneer hoort de raad meer?"),
        ),
        DocType::Brief => format!(
            "{}\n\n## {}\n\n{}\n",
            p("Inleiding: waarover schrijft het college, en waarom?"),
            p("Kop van het eerste onderwerp"),
            p("Tekst"),
        ),
        DocType::Motie => format!(
            "## Constaterende dat\n\n- {}\n\n## Overwegende dat\n\n- {}\n\n## Verzoekt het college\n\n- {}\n",
            p("wat de raad vaststelt"),
            p("waarom de raad dat van belang vindt"),
            p("wat het college moet doen"),
        ),
        DocType::Amendement => format!(
            "gelezen het raadsvoorstel {},\n\n## Besluit\n\nhet ontwerpbesluit als volgt te wijzigen:\n\n- {}\n\n\
             ## Toelichting\n\n{}\n",
            p("titel van het raadsvoorstel"),
            p("de wijziging"),
            p("Waarom de raad het besluit wil wijzigen"),
        ),
        DocType::Raadsvoorstel => {
            let mut out = format!(
                "## Samenvatting\n\n{}\n\n## Voorgesteld besluit\n\n1. {}\n",
                p("Het voorstel in een paar zinnen"),
                p("Wat de raad besluit"),
            );
            for (heading, what) in [
                ("Inleiding", "Aanleiding en achtergrond"),
                ("Argumenten", "Waarom dit besluit"),
                ("Kanttekeningen", "Risico’s en bezwaren"),
                ("Financiën", "Kosten en dekking"),
                ("Vervolg", "Wat er na het besluit gebeurt"),
            ] {
                let _ = write!(out, "\n## {heading}\n\n{}\n", p(what));
            }
            out
        }
        DocType::Besluit => format!(
            "De raad van de gemeente {};\n\ngelezen het voorstel van burgemeester en wethouders;\n\nbesluit:\n\n1. {}\n\n\
             ## Toelichting\n\n{}\n",
            site.municipality.clone().unwrap_or_else(|| p("gemeente")),
            p("Wat de raad besluit"),
            p("Tekst"),
        ),
        DocType::Plan => format!(
            "## Inleiding\n\n{}\n\n## Doelen\n\n{}\n\n## Aanpak\n\n{}\n",
            p("Waar gaat dit plan over, en waarom nu?"),
            p("Wat wil de gemeente bereiken?"),
            p("Hoe, met wie en wanneer?"),
        ),
        DocType::Vergadering => format!(
            "## Besluitenlijst\n\n1. {}\n",
            p("Wat de raad besloot, per agendapunt"),
        ),
        DocType::Toezegging => format!("{}\n", p("Wat het college toezegt, en aan wie")),
    }
}

/// `text` as a YAML value on one line: plain when it reads back as the same text, else quoted.
fn yaml_text(text: &str) -> String {
    let plain_ok = matches!(
        serde_yaml::from_str::<serde_yaml::Value>(text),
        Ok(serde_yaml::Value::String(ref read)) if read == text
    );
    if plain_ok {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn titles_are_quoted_only_when_needed() {
        assert_eq!(yaml_text("Inkoop Jeugdhulp"), "Inkoop Jeugdhulp");
        assert_eq!(yaml_text("Motie: jeugdzorg"), "'Motie: jeugdzorg'");
        assert_eq!(yaml_text("2024"), "'2024'");
        assert_eq!(yaml_text("Het ‘Twents model’ #2"), "'Het ‘Twents model’ #2'");
        assert_eq!(yaml_text("'t Veld"), "'''t Veld'");
    }

    #[test]
    fn every_type_reads_back_as_valid_yaml() {
        let site = SiteFacts::default();
        for doc_type in DocType::ALL {
            let text = render(doc_type, "x", "Motie: a 'b'", date(2025, 1, 1), &site);
            let front = text.split("\n---\n").next().unwrap().trim_start_matches("---\n");
            let value: serde_yaml::Value = serde_yaml::from_str(front).unwrap_or_else(|e| panic!("{doc_type}: {e}"));
            assert_eq!(value["title"].as_str(), Some("Motie: a 'b'"));
            assert_eq!(value["type"].as_str(), Some(doc_type.slug()));
        }
    }
}
