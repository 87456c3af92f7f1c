//! One meeting as ORI-A 1.0.1 (`https://ori-a.nl`): the meeting, its agenda items with their
//! documents, a vote (`stemming`) and decision (`besluit`) per document decided there, and the
//! parties with how each voted. The element order is the XSD's sequence.
//!
//! What ORI-A has no place for: seats (written in the decision's `toelichting`), submitters and
//! relations (in the documents' MDTO), a motion withdrawn in the meeting (it stays on its agenda
//! item, without vote or decision, as ORI-A's own example does), and a document withdrawn after
//! publication (referred to by id as "Ingetrokken document", never by its title).

use crate::data::xml::{element, text, XmlWriter};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{Document, Kind, MeetingKind, MeetingStatus, MotionStatus};
use crate::resolve::Position;
use crate::resolve::Site;

const NAMESPACE: &str = "https://ori-a.nl";
/// ORI-A's lists of concepts.
const MEETING_TYPES: (&str, &str) = (
    "https://ori-a.nl/begrippenlijsten#vergaderingstypes",
    "ORI-A vergaderingstypes",
);
const DOCUMENT_TYPES: (&str, &str) = (
    "https://ori-a.nl/begrippenlijsten#vergaderstuktypes",
    "ORI-A vergaderstuktypes",
);
const PLOOI_KINDS: (&str, &str) = (
    "https://identifier.overheid.nl/tooi/set/ccw_plooi_documentsoorten/7",
    "PLOOI documentsoorten",
);
const MUNICIPALITIES: (&str, &str) = (
    "https://identifier.overheid.nl/tooi/set/rwc_gemeenten_compleet/4",
    "Register gemeenten compleet",
);

/// The meetings an archive receives: those held or cancelled (a planned one is not yet a
/// record), not withdrawn, oldest first.
pub(super) fn archived_meetings(site: &Site) -> Vec<usize> {
    let mut meetings: Vec<usize> = site
        .documents
        .iter()
        .enumerate()
        .filter(|(_, doc)| doc.withdrawn.is_none())
        .filter(|(_, doc)| matches!(&doc.kind, Kind::Vergadering(m) if m.status != MeetingStatus::Gepland))
        .map(|(position, _)| position)
        .collect();
    meetings.sort_by(|&a, &b| {
        let (a, b) = (&site.documents[a], &site.documents[b]);
        a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
    });
    meetings
}

/// Whether meeting `position` has an ORI-A file (and a dossier) in the package: archived, with
/// at least one agenda item.
pub(super) fn is_archived(site: &Site, position: usize) -> bool {
    let doc = &site.documents[position];
    doc.withdrawn.is_none()
        && matches!(&doc.kind, Kind::Vergadering(m) if m.status != MeetingStatus::Gepland && !m.agenda.is_empty())
}

/// The ORI-A id of a meeting, which is also the MDTO `identificatieKenmerk` of its dossier.
pub(super) fn meeting_id(doc: &Document) -> String {
    format!("vergadering/{}", doc.id)
}

/// The ORI-A id of a party, which MDTO names submitters by.
pub(super) fn party_id(slug: &str) -> String {
    format!("fractie/{slug}")
}

/// A vote on a document decided in the meeting, and where on the agenda it was.
struct Decided {
    position: usize,
    item: usize,
    result: &'static str,
}

/// The ORI-A XML of meeting `position`; `None`, with a warning, for a meeting without agenda
/// items (ORI-A requires at least one).
pub(super) fn ori_a(site: &Site, position: usize, diagnostics: &mut Diagnostics) -> Option<String> {
    let doc = &site.documents[position];
    let Kind::Vergadering(meeting) = &doc.kind else {
        return None;
    };
    if meeting.agenda.is_empty() {
        diagnostics.push(
            Diagnostic::warning(Code::OriA, &doc.source.path, crate::t!("export.no_agenda"))
                .at(doc.source.id_location)
                .hint(crate::t!("export.no_agenda_hint")),
        );
        return None;
    }
    let links = &site.index.links[position];
    let decided: Vec<Decided> = links
        .decided
        .iter()
        .filter_map(|&p| {
            let item = links.agenda.iter().position(|docs| docs.contains(&p))?;
            Some(Decided {
                position: p,
                item,
                result: result(site, p)?,
            })
        })
        .collect();
    let id = meeting_id(doc);
    let origin = site.config.site_origin();
    let xml = crate::data::xml::document(|w| {
        w.create_element("ORI-A")
            .with_attribute(("xmlns", NAMESPACE))
            .write_inner_content(|w| {
                element(w, "vergadering", |w| {
                    text(w, "ID", &id)?;
                    text(w, "naam", &doc.title)?;
                    let date = crate::dates::iso(doc.date);
                    text(w, "geplandeDatum", &date)?;
                    text(w, "datum", &date)?;
                    let start = meeting
                        .start
                        .as_deref()
                        .and_then(|s| crate::dates::dutch_date_time(doc.date, s));
                    if let Some(start) = &start {
                        text(w, "geplandeAanvang", start)?;
                        if meeting.status == MeetingStatus::Gehouden {
                            text(w, "aanvang", start)?;
                        }
                    }
                    if let Some((label, gremium)) = meeting_type(meeting.kind) {
                        concept(w, "type", label, None, MEETING_TYPES)?;
                        element(w, "georganiseerdDoorGremium", |w| {
                            text(w, "naam", gremium)?;
                            text(w, "identificatie", meeting.kind.slug())
                        })?;
                    }
                    if let Some(location) = &meeting.location {
                        text(w, "locatie", location)?;
                    }
                    text(w, "weblocatie", &format!("{origin}{}", crate::urls::document(&doc.id)))?;
                    text(w, "status", status(meeting.status))?;
                    authority(w, site)?;
                    if doc.body().is_some() {
                        element(w, "heeftAlsBijlage", |w| document_reference(w, site, position))?;
                    }
                    Ok(())
                })?;
                for (i, item) in meeting.agenda.iter().enumerate() {
                    element(w, "agendapunt", |w| {
                        text(w, "ID", &format!("{id}/agendapunt/{}", i + 1))?;
                        text(w, "naam", &item.title)?;
                        let shown = item.number.clone().unwrap_or_else(|| (i + 1).to_string());
                        if shown.starts_with(|c: char| c.is_ascii_digit()) {
                            text(w, "volgnummer", &shown)?;
                        }
                        text(w, "volgnummerWeergave", &shown)?;
                        if meeting.status == MeetingStatus::Gehouden {
                            text(w, "indicatieBehandeld", "true")?;
                        }
                        element(w, "wordtBehandeldTijdens", |w| {
                            text(w, "verwijzingID", &id)?;
                            text(w, "verwijzingNaam", &doc.title)
                        })?;
                        for &listed in links.agenda.get(i).map(Vec::as_slice).unwrap_or_default() {
                            element(w, "heeftAlsBijlage", |w| document_reference(w, site, listed))?;
                        }
                        Ok(())
                    })?;
                }
                for vote in &decided {
                    let subject = &site.documents[vote.position].id;
                    element(w, "stemming", |w| {
                        text(w, "ID", &format!("{id}/stemming/{subject}"))?;
                        text(w, "type", "Regulier")?;
                        element(w, "leidtTotBesluit", |w| {
                            text(w, "verwijzingID", &format!("{id}/besluit/{subject}"))
                        })?;
                        element(w, "heeftBetrekkingOpAgendapunt", |w| {
                            text(w, "verwijzingID", &format!("{id}/agendapunt/{}", vote.item + 1))?;
                            text(w, "verwijzingNaam", &meeting.agenda[vote.item].title)
                        })?;
                        element(w, "heeftBetrekkingOpBesluitvormingsstuk", |w| {
                            document_reference(w, site, vote.position)
                        })
                    })?;
                }
                for vote in &decided {
                    let subject = &site.documents[vote.position].id;
                    element(w, "besluit", |w| {
                        text(w, "ID", &format!("{id}/besluit/{subject}"))?;
                        text(w, "resultaat", vote.result)?;
                        if let Some(explained) = seats_text(site, vote.position) {
                            text(w, "toelichting", &explained)?;
                        }
                        Ok(())
                    })?;
                }
                for (slug, party) in &site.config.parties {
                    let votes: Vec<(&'static str, &str)> = decided
                        .iter()
                        .filter_map(|vote| {
                            let tally = site.index.votes[vote.position].as_ref()?;
                            let how = match tally.row_of(slug)?.position {
                                Position::For => "Aangenomen",
                                Position::Against => "Verworpen",
                                Position::Split => "Verdeeld",
                                Position::Absent => return None,
                            };
                            Some((how, site.documents[vote.position].id.as_str()))
                        })
                        .collect();
                    if votes.is_empty() {
                        continue;
                    }
                    element(w, "fractie", |w| {
                        text(w, "ID", &party_id(slug))?;
                        text(w, "naam", &party.name)?;
                        authority(w, site)?;
                        for (how, subject) in &votes {
                            element(w, "neemtDeelAanStemming", |w| {
                                text(w, "fractieStemresultaat", how)?;
                                element(w, "verwijzingStemming", |w| {
                                    text(w, "verwijzingID", &format!("{id}/stemming/{subject}"))
                                })
                            })?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    });
    Some(xml)
}

/// The decision on document `position` as ORI-A words it; `None` when nothing was decided by
/// vote (submitted, withdrawn, a document that is not voted on).
fn result(site: &Site, position: usize) -> Option<&'static str> {
    let doc = &site.documents[position];
    if doc.withdrawn.is_some() {
        return None;
    }
    match &doc.kind {
        Kind::Motie(motion) | Kind::Amendement(motion) => match motion.status {
            MotionStatus::Aangenomen if motion.unanimous => Some("Unaniem aangenomen"),
            MotionStatus::Aangenomen => Some("Aangenomen"),
            MotionStatus::Verworpen => Some("Verworpen"),
            MotionStatus::Aangehouden => Some("Aangehouden"),
            MotionStatus::Ingediend | MotionStatus::Ingetrokken => None,
        },
        Kind::Raadsvoorstel if !site.index.links[position].decided_by.is_empty() => {
            let amended = site.index.links[position].amendments.iter().any(
                |&a| matches!(&site.documents[a].kind, Kind::Amendement(m) if m.status == MotionStatus::Aangenomen),
            );
            Some(if amended {
                "Geamendeerd aangenomen"
            } else {
                "Aangenomen"
            })
        }
        _ => None,
    }
}

/// The seats for and against, which ORI-A has no element for: "19 stemmen voor, 12 tegen.".
fn seats_text(site: &Site, position: usize) -> Option<String> {
    let (votes_for, against) = match (&site.index.votes[position], &site.documents[position].kind) {
        (Some(tally), _) => (tally.seats_for?, tally.seats_against?),
        (None, Kind::Motie(motion) | Kind::Amendement(motion)) => {
            let vote = motion.vote?;
            (vote.votes_for, vote.against)
        }
        _ => return None,
    };
    let lang = site.config.lang();
    Some(crate::t!(lang => "export.seats", votes_for = votes_for, against = against))
}

fn meeting_type(kind: MeetingKind) -> Option<(&'static str, &'static str)> {
    match kind {
        MeetingKind::Raad => Some(("Raadsvergadering", "Gemeenteraad")),
        MeetingKind::Commissie => Some(("Commissievergadering", "Raadscommissie")),
        MeetingKind::Presidium => Some(("Presidium", "Presidium")),
        MeetingKind::Overig => None,
    }
}

fn status(status: MeetingStatus) -> &'static str {
    match status {
        MeetingStatus::Gepland => "Gepland",
        MeetingStatus::Gehouden => "Gehouden",
        MeetingStatus::Geannuleerd => "Geannuleerd",
    }
}

/// `overheidsorgaan`: the municipality, when the publisher is one.
fn authority(w: &mut XmlWriter, site: &Site) -> std::io::Result<()> {
    let Some(publisher) = &site.config.woo.publisher else {
        return Ok(());
    };
    let Some(code) = publisher
        .uri
        .strip_prefix("https://identifier.overheid.nl/tooi/id/gemeente/")
    else {
        return Ok(());
    };
    concept(w, "overheidsorgaan", publisher.label(), Some(code), MUNICIPALITIES)
}

/// A concept (`begripGegevens`): label, code, and the list it is from.
fn concept(
    w: &mut XmlWriter,
    name: &str,
    label: &str,
    code: Option<&str>,
    (list, list_name): (&str, &str),
) -> std::io::Result<()> {
    element(w, name, |w| {
        text(w, "begripLabel", label)?;
        if let Some(code) = code {
            text(w, "begripCode", code)?;
        }
        element(w, "verwijzingBegrippenlijst", |w| {
            text(w, "verwijzingID", list)?;
            text(w, "verwijzingNaam", list_name)
        })
    })
}

/// `informatieobjectGegevens`: a document by its id, typed; a withdrawn one without its title.
fn document_reference(w: &mut XmlWriter, site: &Site, position: usize) -> std::io::Result<()> {
    let doc = &site.documents[position];
    let (label, code, list) = document_type(doc);
    concept(w, "informatieobjectType", label, code, list)?;
    element(w, "verwijzingInformatieobject", |w| {
        text(w, "verwijzingID", &doc.id)?;
        let name = match &doc.withdrawn {
            Some(_) => crate::model::WITHDRAWN_TITLE,
            None => doc.title.as_str(),
        };
        text(w, "verwijzingNaam", name)
    })
}

/// A document's type: ORI-A's own list for the meeting documents it knows, the PLOOI list of
/// document kinds for the others.
pub(super) fn document_type(doc: &Document) -> (&'static str, Option<&'static str>, (&'static str, &'static str)) {
    let own = match &doc.kind {
        Kind::Motie(_) => Some("Motie"),
        Kind::Amendement(_) => Some("Amendement"),
        Kind::Raadsvoorstel => Some("Voorstel"),
        Kind::Toezegging(_) => Some("Toezegging"),
        _ => None,
    };
    match own {
        Some(label) => (label, None, DOCUMENT_TYPES),
        None => {
            let kind = crate::woo::document_kind(doc);
            (kind.label.as_str(), Some(kind.code()), PLOOI_KINDS)
        }
    }
}

/// The PLOOI list, for MDTO's classification.
pub(super) const PLOOI_LIST: (&str, &str) = PLOOI_KINDS;
/// ORI-A's list of meeting documents, for MDTO's classification.
pub(super) const ORI_A_DOCUMENT_TYPES: (&str, &str) = DOCUMENT_TYPES;
