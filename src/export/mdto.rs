//! MDTO 1.0.1 (`https://www.nationaalarchief.nl/mdto`, the Nationaal Archief's metadata for
//! sustainable access): an `informatieobject` per document and per meeting (a dossier of its
//! documents), a `bestand` per file (its size, format and SHA-256). Element order is the XSD's.
//!
//! Identifiers tie the package together: a document's `identificatieKenmerk` is its id (what
//! ORI-A refers to it by), a meeting dossier's the meeting's ORI-A id, a file's its name; the
//! `identificatieBron` of all of them is the site's address. Dates and instants come from the
//! sources (a checksum is dated when its document last changed), so the same sources make the
//! same package.

use sha2::{Digest, Sha256};

use crate::data::xml::{element, text, XmlWriter};
use crate::document_versions::SiteHistory;
use crate::export::ori_a;
use crate::model::{Document, Kind};
use crate::resolve::Site;
use crate::tooi::{self, List};
use crate::view::lastmod::{rfc3339, updated};

const NAMESPACE: &str = "https://www.nationaalarchief.nl/mdto";
const TOOI_RELATIONS: &str = "https://identifier.overheid.nl/tooi/set/scw_documentrelatie/1";
const ORI_A_PARTICIPANTS: &str = "https://ori-a.nl/begrippenlijsten#betrokkene-vergaderstuk-relaties";
/// PRONOM's ids of the formats in a package.
const PDF_A_2A: (&str, &str) = ("fmt/476", "Acrobat PDF/A - Portable Document Format");
const XML: (&str, &str) = ("fmt/101", "Extensible Markup Language");

/// What every MDTO file of one export shares.
pub(super) struct Context<'a> {
    site: &'a Site,
    history: &'a SiteHistory,
    /// `identificatieBron`: the site's address.
    source: String,
}

impl<'a> Context<'a> {
    pub(super) fn new(site: &'a Site, history: &'a SiteHistory) -> Context<'a> {
        Context {
            site,
            history,
            source: site.config.base_url.clone(),
        }
    }

    /// The informatieobject of document `position`; `has_pdf`: the package holds its PDF.
    pub(super) fn informatieobject(&self, position: usize, has_pdf: bool) -> String {
        let site = self.site;
        let doc = &site.documents[position];
        let links = &site.index.links[position];
        let lang = site.config.lang();
        mdto(|w| {
            element(w, "informatieobject", |w| {
                self.identification(w, &doc.id)?;
                if doc.withdrawn.is_none() {
                    for identifier in &doc.identifiers {
                        element(w, "identificatie", |w| {
                            text(w, "identificatieKenmerk", &identifier.value)?;
                            text(w, "identificatieBron", &self.publisher_name())
                        })?;
                    }
                }
                text(w, "naam", title(doc))?;
                concept(
                    w,
                    "aggregatieniveau",
                    "Archiefstuk",
                    None,
                    "Begrippenlijst Aggregatieniveaus MDTO",
                    None,
                )?;
                if doc.withdrawn.is_none() {
                    self.classification(w, doc)?;
                    for topic in &doc.topics {
                        text(w, "trefwoord", &site.config.topic_title(topic))?;
                    }
                    if let Some(summary) = &doc.summary {
                        text(w, "omschrijving", summary)?;
                    }
                }
                self.online_location(w, doc)?;
                text(w, "taal", "nl")?;
                if let Some(withdrawal) = &doc.withdrawn {
                    element(w, "event", |w| {
                        concept(
                            w,
                            "eventType",
                            "Intrekking publicatie",
                            None,
                            "griffie eventtypes",
                            None,
                        )?;
                        text(w, "eventTijd", &crate::dates::iso(withdrawal.date))?;
                        self.archive_creator(w, "eventVerantwoordelijkeActor")?;
                        text(w, "eventResultaat", &withdrawal.reason)
                    })?;
                }
                appraisal(w)?;
                for &meeting in &links.meetings {
                    if ori_a::is_archived(site, meeting) {
                        element(w, "isOnderdeelVan", |w| {
                            self.reference(
                                w,
                                title(&site.documents[meeting]),
                                &ori_a::meeting_id(&site.documents[meeting]),
                            )
                        })?;
                    }
                }
                if has_pdf {
                    let file = format!("{}.pdf", doc.id);
                    element(w, "heeftRepresentatie", |w| self.reference(w, &file, &file))?;
                }
                if doc.withdrawn.is_none() {
                    self.relations(w, position)?;
                }
                self.archive_creator(w, "archiefvormer")?;
                if doc.withdrawn.is_none() {
                    self.submitters(w, doc)?;
                }
                element(w, "beperkingGebruik", |w| match &doc.withdrawn {
                    None => concept(
                        w,
                        "beperkingGebruikType",
                        "Geen beperking",
                        None,
                        "Begrippenlijst BeperkingGebruikType MDTO",
                        None,
                    ),
                    Some(withdrawal) => {
                        concept(
                            w,
                            "beperkingGebruikType",
                            "Openbaarheidsbeperking",
                            None,
                            "Begrippenlijst BeperkingGebruikType MDTO",
                            None,
                        )?;
                        text(
                            w,
                            "beperkingGebruikNadereBeschrijving",
                            &crate::t!(
                                lang => "export.withdrawn_restriction",
                                date = crate::dates::iso(withdrawal.date),
                                reason = withdrawal.reason
                            ),
                        )
                    }
                })
            })
        })
    }

    /// A meeting as a dossier of the documents on its agenda (and its own), described in
    /// detail by `ori_a_file`.
    pub(super) fn dossier(&self, position: usize, ori_a_file: &str) -> String {
        let site = self.site;
        let doc = &site.documents[position];
        let links = &site.index.links[position];
        let mut parts: Vec<usize> = Vec::new();
        if doc.body().is_some() {
            parts.push(position);
        }
        for &p in links.agenda.iter().flatten().chain(&links.decided) {
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
        mdto(|w| {
            element(w, "informatieobject", |w| {
                self.identification(w, &ori_a::meeting_id(doc))?;
                text(w, "naam", &doc.title)?;
                concept(
                    w,
                    "aggregatieniveau",
                    "Dossier",
                    None,
                    "Begrippenlijst Aggregatieniveaus MDTO",
                    None,
                )?;
                if let Some(summary) = &doc.summary {
                    text(w, "omschrijving", summary)?;
                }
                self.online_location(w, doc)?;
                element(w, "dekkingInTijd", |w| {
                    concept(
                        w,
                        "dekkingInTijdType",
                        "Vergaderdatum",
                        None,
                        "griffie dekkingInTijdTypes",
                        None,
                    )?;
                    text(w, "dekkingInTijdBegindatum", &crate::dates::iso(doc.date))
                })?;
                text(w, "taal", "nl")?;
                appraisal(w)?;
                for &part in &parts {
                    let part_doc = &site.documents[part];
                    element(w, "bevatOnderdeel", |w| {
                        self.reference(w, title(part_doc), &part_doc.id)
                    })?;
                }
                element(w, "aanvullendeMetagegevens", |w| {
                    self.reference(w, ori_a_file, ori_a_file)
                })?;
                self.archive_creator(w, "archiefvormer")?;
                element(w, "beperkingGebruik", |w| {
                    concept(
                        w,
                        "beperkingGebruikType",
                        "Geen beperking",
                        None,
                        "Begrippenlijst BeperkingGebruikType MDTO",
                        None,
                    )
                })
            })
        })
    }

    /// The PDF of document `position` as a bestand.
    pub(super) fn pdf_bestand(&self, position: usize, name: &str, bytes: &[u8]) -> String {
        let doc = &self.site.documents[position];
        let url = self.absolute(&crate::urls::pdf(&doc.id));
        self.bestand(position, name, bytes, PDF_A_2A, Some(&url), (title(doc), &doc.id))
    }

    /// Meeting `position`'s ORI-A file as a bestand of its dossier.
    pub(super) fn ori_a_bestand(&self, position: usize, name: &str, bytes: &[u8]) -> String {
        let doc = &self.site.documents[position];
        self.bestand(position, name, bytes, XML, None, (&doc.title, &ori_a::meeting_id(doc)))
    }

    fn bestand(
        &self,
        position: usize,
        name: &str,
        bytes: &[u8],
        (format, format_name): (&str, &str),
        url: Option<&str>,
        (of_name, of_id): (&str, &str),
    ) -> String {
        let checksum: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        let dated = rfc3339(updated(self.site, self.history, position));
        mdto(|w| {
            element(w, "bestand", |w| {
                self.identification(w, name)?;
                text(w, "naam", name)?;
                text(w, "omvang", &bytes.len().to_string())?;
                concept(w, "bestandsformaat", format_name, Some(format), "PRONOM-register", None)?;
                element(w, "checksum", |w| {
                    concept(
                        w,
                        "checksumAlgoritme",
                        "SHA-256",
                        None,
                        "Begrippenlijst ChecksumAlgoritme MDTO",
                        None,
                    )?;
                    text(w, "checksumWaarde", &checksum)?;
                    text(w, "checksumDatum", &dated)
                })?;
                if let Some(url) = url {
                    text(w, "URLBestand", url)?;
                }
                element(w, "isRepresentatieVan", |w| self.reference(w, of_name, of_id))
            })
        })
    }

    /// `raadpleeglocatie`: the document's page on the site.
    fn online_location(&self, w: &mut XmlWriter, doc: &Document) -> std::io::Result<()> {
        element(w, "raadpleeglocatie", |w| {
            text(
                w,
                "raadpleeglocatieOnline",
                &self.absolute(&crate::urls::document(&doc.id)),
            )
        })
    }

    fn identification(&self, w: &mut XmlWriter, kenmerk: &str) -> std::io::Result<()> {
        element(w, "identificatie", |w| {
            text(w, "identificatieKenmerk", kenmerk)?;
            text(w, "identificatieBron", &self.source)
        })
    }

    /// `verwijzingGegevens`: a name, and the id in this package.
    fn reference(&self, w: &mut XmlWriter, name: &str, id: &str) -> std::io::Result<()> {
        text(w, "verwijzingNaam", name)?;
        element(w, "verwijzingIdentificatie", |w| {
            text(w, "identificatieKenmerk", id)?;
            text(w, "identificatieBron", &self.source)
        })
    }

    fn classification(&self, w: &mut XmlWriter, doc: &Document) -> std::io::Result<()> {
        let (label, code, _) = ori_a::document_type(doc);
        if code.is_none() {
            let (list, list_name) = ori_a::ORI_A_DOCUMENT_TYPES;
            concept(w, "classificatie", label, None, list_name, Some((list, "ORI-A")))?;
        }
        let kind = crate::woo::document_kind(doc);
        let (list, list_name) = ori_a::PLOOI_LIST;
        concept(
            w,
            "classificatie",
            &kind.label,
            Some(kind.code()),
            list_name,
            Some((list, "TOOI")),
        )
    }

    /// Relations as TOOI names them: answers and settlements "is reactie op", amendments,
    /// decisions and references "verwijst naar".
    fn relations(&self, w: &mut XmlWriter, position: usize) -> std::io::Result<()> {
        let links = &self.site.index.links[position];
        let answers = links
            .responds_to
            .iter()
            .chain(&links.settles)
            .map(|&t| (t, "c_07748060"));
        let refers = links
            .amends
            .iter()
            .chain(&links.decides)
            .chain(&links.references)
            .map(|&t| (t, "c_75fac459"));
        let mut seen = Vec::new();
        for (target, role) in answers.chain(refers) {
            if seen.contains(&target) {
                continue;
            }
            seen.push(target);
            let other = &self.site.documents[target];
            let relation = tooi::known(List::Relation, role);
            element(w, "gerelateerdInformatieobject", |w| {
                element(w, "gerelateerdInformatieobjectVerwijzing", |w| {
                    self.reference(w, title(other), &other.id)
                })?;
                concept(
                    w,
                    "gerelateerdInformatieobjectTypeRelatie",
                    &relation.label,
                    Some(relation.code()),
                    "TOOI documentrelaties",
                    Some((TOOI_RELATIONS, "TOOI")),
                )
            })?;
        }
        Ok(())
    }

    /// The submitters of a motion or amendment (`betrokkene`, "Indiener"): a party by its ORI-A
    /// id, a person by name.
    fn submitters(&self, w: &mut XmlWriter, doc: &Document) -> std::io::Result<()> {
        let (Kind::Motie(motion) | Kind::Amendement(motion)) = &doc.kind else {
            return Ok(());
        };
        for submitter in &motion.submitters {
            element(w, "betrokkene", |w| {
                concept(
                    w,
                    "betrokkeneTypeRelatie",
                    "Indiener",
                    None,
                    "ORI-A Begrippenlijst Betrokkene-vergaderstuk relaties",
                    Some((ORI_A_PARTICIPANTS, "ORI-A")),
                )?;
                element(w, "betrokkeneActor", |w| match &submitter.party {
                    Some(party) if self.site.config.parties.contains_key(party) => {
                        let name = format!("{} ({})", submitter.name, self.site.config.parties[party].name);
                        self.reference(w, &name, &ori_a::party_id(party))
                    }
                    _ => text(w, "verwijzingNaam", &submitter.name),
                })
            })?;
        }
        Ok(())
    }

    /// The publisher as the creator of the archive (`archiefvormer`) or the actor of an event.
    fn archive_creator(&self, w: &mut XmlWriter, name: &str) -> std::io::Result<()> {
        let Some(publisher) = &self.site.config.woo.publisher else {
            return Ok(());
        };
        element(w, name, |w| {
            text(w, "verwijzingNaam", publisher.label())?;
            element(w, "verwijzingIdentificatie", |w| {
                text(w, "identificatieKenmerk", &publisher.uri)?;
                text(w, "identificatieBron", "TOOI")
            })
        })
    }

    fn publisher_name(&self) -> String {
        self.site
            .config
            .woo
            .publisher
            .as_ref()
            .map_or_else(|| self.site.config.municipality.clone(), |p| p.label().to_string())
    }

    fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.site_origin())
    }
}

/// A document's name in the archive: its title, or the placeholder once withdrawn.
fn title(doc: &Document) -> &str {
    match &doc.withdrawn {
        Some(_) => crate::model::WITHDRAWN_TITLE,
        None => &doc.title,
    }
}

/// `waardering`: council documents and meetings are kept permanently (B).
fn appraisal(w: &mut XmlWriter) -> std::io::Result<()> {
    concept(
        w,
        "waardering",
        "Blijvend te bewaren",
        Some("B"),
        "Begrippenlijst Waarderingen MDTO",
        None,
    )
}

/// An MDTO file around what `body` writes.
fn mdto(body: impl FnOnce(&mut XmlWriter) -> std::io::Result<()>) -> String {
    crate::data::xml::document(|w| {
        w.create_element("MDTO")
            .with_attribute(("xmlns", NAMESPACE))
            .write_inner_content(body)?;
        Ok(())
    })
}

/// `begripGegevens`: label, code, and the list (`begripBegrippenlijst`, a reference by name,
/// with its identifier and the identifier's source when the list has one).
fn concept(
    w: &mut XmlWriter,
    name: &str,
    label: &str,
    code: Option<&str>,
    list_name: &str,
    list_id: Option<(&str, &str)>,
) -> std::io::Result<()> {
    element(w, name, |w| {
        text(w, "begripLabel", label)?;
        if let Some(code) = code {
            text(w, "begripCode", code)?;
        }
        element(w, "begripBegrippenlijst", |w| {
            text(w, "verwijzingNaam", list_name)?;
            if let Some((id, source)) = list_id {
                element(w, "verwijzingIdentificatie", |w| {
                    text(w, "identificatieKenmerk", id)?;
                    text(w, "identificatieBron", source)
                })?;
            }
            Ok(())
        })
    })
}
