//! The site as a static ORI API: `api/ori/informatieobjecten.json`, `vergaderingen.json` and
//! `agendapunten.json`, shaped as the responses of the VNG's mini-ORI API 1.0.0 ("ORI API voor
//! Open Overheid", `tests/standards/ori-api/mini-ORI-API-v1.0.0-openapi.yaml`), so that a client
//! written for that API can read a griffie site without a server.
//!
//! Each collection is a list response (`{next, previous, results}`) of at most
//! [`PER_PAGE`] objects, further pages at `<collection>-2.json` and on, linked by `next` and
//! `previous`; each object is also at `api/ori/<collection>/<uuid>.json`, its `url`, as the
//! API's `GET /<collection>/{id}` returns it. The informatieobjecten are the documents in a
//! Woo category with a PDF ([`crate::data::diwoo::in_categories`]), the DiWoo sitemaps' set.
//!
//! Where the specification is defective, the choices are these (README, "ORI API"):
//! - `pid`, required but never defined: the document's permanent page address.
//! - `id`, a UUID: version 5 (name-based) of the object's permanent page address, so it never
//!   changes between builds.
//! - `informatieobjecttype`, `vergaderstatus`, `vergaderingstype`: no values listed; the
//!   values of mini-ORI 0.0.1 and the full ORI specification (`motie`, `amendement`,
//!   `voorstel`, `besluitvormingsstuk`, `ingekomen_stuk`, `toezegging`; `gepland`, …).
//! - no link to the file itself: `inhoudlink`, added beside `formaat` (as 0.0.1's
//!   `inhoudLink`).
//! - `gerelateerdinformatieobject` holds one relation: the first of amends, decides,
//!   responds_to, settles whose document is in the collection.
//! - no withdrawn state (the API deletes): a withdrawn document is not in the collection.
//! - no votes, parties or decisions: those are in `api/documents.json` and the ORI-A export.

use serde::Serialize;
use uuid::Uuid;

use crate::data::diwoo;
use crate::model::{Document, Kind, MeetingKind, MeetingStatus};
use crate::resolve::Site;
use crate::urls::{self, OriCollection};

/// Objects per list page.
pub(crate) const PER_PAGE: usize = 500;

/// Every file of the static API, as (output path, JSON); none without a publisher that the
/// API's `organisatie` can name (a municipality, province or water board).
pub(crate) fn files(site: &Site) -> Vec<(String, String)> {
    let Some(organisatie) = organisation(site) else {
        return Vec::new();
    };
    let api = Api { site, organisatie };
    let mut files = Vec::new();
    let documents: Vec<usize> = diwoo::in_categories(site)
        .into_iter()
        .flat_map(|(_, positions)| positions)
        .collect();
    let mut documents = documents;
    documents.sort_by(|&a, &b| site.documents[a].id.cmp(&site.documents[b].id));
    let mut listed = vec![false; site.documents.len()];
    for &p in &documents {
        listed[p] = true;
    }
    let informatieobjecten: Vec<(String, InformatieObject)> = documents
        .iter()
        .map(|&p| (api.uuid_of_document(p), api.informatieobject(p, &listed)))
        .collect();
    collection(
        &mut files,
        site,
        OriCollection::Informatieobjecten,
        informatieobjecten,
        PER_PAGE,
    );
    let meetings = api.meetings();
    let vergaderingen = meetings
        .iter()
        .map(|&p| (api.uuid_of_document(p), api.vergadering(p)))
        .collect();
    collection(&mut files, site, OriCollection::Vergaderingen, vergaderingen, PER_PAGE);
    let agendapunten = meetings
        .iter()
        .flat_map(|&p| {
            let items = match &site.documents[p].kind {
                Kind::Vergadering(meeting) => meeting.agenda.len(),
                _ => 0,
            };
            (0..items).map(move |i| (p, i))
        })
        .map(|(p, i)| (api.uuid_of_item(p, i), api.agendapunt(p, i)))
        .collect();
    collection(&mut files, site, OriCollection::Agendapunten, agendapunten, PER_PAGE);
    files
}

/// The list pages of a collection (`per_page` objects each) and a file per object; objects in
/// the order given.
fn collection<T: Serialize>(
    files: &mut Vec<(String, String)>,
    site: &Site,
    collection: OriCollection,
    objects: Vec<(String, T)>,
    per_page: usize,
) {
    let origin = site.config.site_origin();
    let pages = urls::page_count(objects.len(), per_page);
    let page_url = |n: usize| format!("{origin}{}", urls::ori_page(collection, n));
    let mut chunks = objects.chunks(per_page.max(1));
    for number in 1..=pages {
        let chunk = chunks.next().unwrap_or_default();
        let list = List {
            next: (number < pages).then(|| page_url(number + 1)),
            previous: (number > 1).then(|| page_url(number - 1)),
            results: chunk.iter().map(|(_, object)| object).collect(),
        };
        files.push((urls::file(&urls::ori_page(collection, number)), json(&list)));
        for (uuid, object) in chunk {
            files.push((urls::file(&urls::ori_object(collection, uuid)), json(object)));
        }
    }
}

fn json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("API objects always serialise");
    text.push('\n');
    text
}

/// Whether the site publishes the ORI API files: it has a publisher the API can name.
pub(crate) fn published(site: &Site) -> bool {
    organisation(site).is_some()
}

/// The organisation as the API names it: `{"gemeente": "gm0141", "naam": …}`, from the TOOI
/// URI of `woo: publisher:`.
fn organisation(site: &Site) -> Option<Organisatie> {
    let publisher = site.config.woo.publisher.as_ref()?;
    let rest = publisher.uri.strip_prefix(crate::woo::ORGANISATION_PREFIX)?;
    let (kind, code) = rest.split_once('/')?;
    let code = code.to_string();
    let naam = publisher.label().to_string();
    Some(match kind {
        "gemeente" => Organisatie::Gemeente { gemeente: code, naam },
        "provincie" => Organisatie::Provincie { provincie: code, naam },
        "waterschap" => Organisatie::Waterschap { waterschap: code, naam },
        _ => return None,
    })
}

/// A list response of the API.
#[derive(Serialize)]
struct List<'a, T> {
    next: Option<String>,
    previous: Option<String>,
    results: Vec<&'a T>,
}

#[derive(Clone, Serialize)]
#[serde(untagged)]
enum Organisatie {
    Gemeente { gemeente: String, naam: String },
    Provincie { provincie: String, naam: String },
    Waterschap { waterschap: String, naam: String },
}

/// `VerwijzingNaarResource`.
#[derive(Serialize)]
struct Reference {
    id: String,
    url: String,
}

#[derive(Serialize)]
struct Related {
    informatieobject: String,
    rol: &'static str,
}

#[derive(Serialize)]
struct InformatieObject {
    id: String,
    url: String,
    pid: String,
    webpaginalink: String,
    /// Not in 1.0.0 (0.0.1's `inhoudLink`): the document file itself.
    inhoudlink: String,
    organisatie: Organisatie,
    bronorganisatie: String,
    titel: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    informatieobjecttype: Option<&'static str>,
    wooinformatiecategorie: String,
    datumingediend: String,
    creatiedatum: String,
    formaat: &'static str,
    taal: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    auteur: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    omschrijving: Option<String>,
    vergaderingen: Vec<Reference>,
    agendapunten: Vec<Reference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gerelateerdinformatieobject: Option<Related>,
}

#[derive(Serialize)]
struct Vergadering {
    id: String,
    url: String,
    organisatie: Organisatie,
    dossiertype: &'static str,
    naam: String,
    webpaginalink: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    vergaderdatum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geplandedatum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aanvang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geplandeaanvang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locatie: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vergadertoelichting: Option<String>,
    vergaderstatus: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    vergaderingstype: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    georganiseerddoorgremium: Option<Gremium>,
}

#[derive(Serialize)]
struct Gremium {
    gremiumidentificatie: &'static str,
    gremiumnaam: &'static str,
}

#[derive(Serialize)]
struct Agendapunt {
    id: String,
    url: String,
    organisatie: Organisatie,
    dossiertype: &'static str,
    agendapuntnaam: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    volgnummer: Option<String>,
    webpaginalink: String,
    vergaderingen: Vec<Reference>,
}

struct Api<'a> {
    site: &'a Site,
    organisatie: Organisatie,
}

impl Api<'_> {
    fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.site_origin())
    }

    fn page(&self, position: usize) -> String {
        self.absolute(&urls::document(&self.site.documents[position].id))
    }

    fn uuid_of_document(&self, position: usize) -> String {
        Uuid::new_v5(&Uuid::NAMESPACE_URL, self.page(position).as_bytes()).to_string()
    }

    /// An agenda item's address: its meeting's page at `#agendapunt-<N>` (from 1).
    fn item_page(&self, meeting: usize, item: usize) -> String {
        format!("{}#agendapunt-{}", self.page(meeting), item + 1)
    }

    fn uuid_of_item(&self, meeting: usize, item: usize) -> String {
        Uuid::new_v5(&Uuid::NAMESPACE_URL, self.item_page(meeting, item).as_bytes()).to_string()
    }

    fn reference(&self, collection: OriCollection, uuid: String) -> Reference {
        Reference {
            url: self.absolute(&urls::ori_object(collection, &uuid)),
            id: uuid,
        }
    }

    /// The meetings of the API: every one not withdrawn, oldest first.
    fn meetings(&self) -> Vec<usize> {
        let site = self.site;
        let mut meetings: Vec<usize> = site
            .index
            .by_type
            .get(&crate::model::DocType::Vergadering)
            .map(|positions| {
                positions
                    .iter()
                    .copied()
                    .filter(|&p| site.documents[p].withdrawn.is_none())
                    .collect()
            })
            .unwrap_or_default();
        meetings.sort_by(|&a, &b| {
            let (a, b) = (&site.documents[a], &site.documents[b]);
            a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
        });
        meetings
    }

    /// The object of document `position`; `listed[p]`: document `p` is in the collection too.
    fn informatieobject(&self, position: usize, listed: &[bool]) -> InformatieObject {
        let site = self.site;
        let doc = &site.documents[position];
        let links = &site.index.links[position];
        let uuid = self.uuid_of_document(position);
        let category = site.config.woo.category(doc);
        let meetings: Vec<usize> = links
            .meetings
            .iter()
            .copied()
            .filter(|&m| site.documents[m].withdrawn.is_none())
            .collect();
        let items = meetings
            .iter()
            .flat_map(|&m| {
                site.index.links[m]
                    .agenda
                    .iter()
                    .enumerate()
                    .filter(|(_, docs)| docs.contains(&position))
                    .map(move |(i, _)| (m, i))
            })
            .map(|(m, i)| self.reference(OriCollection::Agendapunten, self.uuid_of_item(m, i)))
            .collect();
        let related = [
            (&links.amends, "voorstel"),
            (&links.decides, "verwijst_naar"),
            (&links.responds_to, "is_reactie_op"),
            (&links.settles, "is_reactie_op"),
        ]
        .into_iter()
        .find_map(|(targets, rol)| {
            let target = targets.iter().find(|&&t| listed[t])?;
            Some(Related {
                informatieobject: self.uuid_of_document(*target),
                rol,
            })
        });
        InformatieObject {
            url: self.absolute(&urls::ori_object(OriCollection::Informatieobjecten, &uuid)),
            id: uuid,
            pid: self.page(position),
            webpaginalink: self.page(position),
            inhoudlink: self.absolute(&urls::pdf(&doc.id)),
            organisatie: self.organisatie.clone(),
            bronorganisatie: site
                .config
                .woo
                .publisher
                .as_ref()
                .map(|p| p.uri.clone())
                .unwrap_or_default(),
            titel: doc.title.clone(),
            informatieobjecttype: object_type(doc, category.map(|c| c.article.as_str())),
            wooinformatiecategorie: category.map(|c| c.code().to_string()).unwrap_or_default(),
            datumingediend: crate::dates::iso(doc.date),
            creatiedatum: crate::dates::iso(doc.date),
            formaat: "application/pdf",
            taal: "dut",
            auteur: diwoo::author(site, doc),
            omschrijving: doc.summary.clone(),
            vergaderingen: meetings
                .iter()
                .map(|&m| self.reference(OriCollection::Vergaderingen, self.uuid_of_document(m)))
                .collect(),
            agendapunten: items,
            gerelateerdinformatieobject: related,
        }
    }

    fn vergadering(&self, position: usize) -> Vergadering {
        let doc = &self.site.documents[position];
        let Kind::Vergadering(meeting) = &doc.kind else {
            unreachable!("meetings() lists only meetings")
        };
        let uuid = self.uuid_of_document(position);
        let held = meeting.status == MeetingStatus::Gehouden;
        let start = meeting
            .start
            .as_deref()
            .and_then(|s| crate::dates::dutch_date_time(doc.date, s));
        let date = crate::dates::iso(doc.date);
        let (vergaderingstype, gremium) = match meeting.kind {
            MeetingKind::Raad => (Some("raadsvergadering"), Some(("raad", "Gemeenteraad"))),
            MeetingKind::Commissie => (Some("commissievergadering"), Some(("commissie", "Raadscommissie"))),
            MeetingKind::Presidium => (Some("presidium"), Some(("presidium", "Presidium"))),
            MeetingKind::Overig => (None, None),
        };
        Vergadering {
            url: self.absolute(&urls::ori_object(OriCollection::Vergaderingen, &uuid)),
            id: uuid,
            organisatie: self.organisatie.clone(),
            dossiertype: "vergadering",
            naam: doc.title.clone(),
            webpaginalink: self.page(position),
            vergaderdatum: held.then(|| date.clone()),
            geplandedatum: Some(date),
            aanvang: start.clone().filter(|_| held),
            geplandeaanvang: start,
            locatie: meeting.location.clone(),
            vergadertoelichting: doc.summary.clone(),
            vergaderstatus: meeting.status.slug(),
            vergaderingstype,
            georganiseerddoorgremium: gremium.map(|(id, name)| Gremium {
                gremiumidentificatie: id,
                gremiumnaam: name,
            }),
        }
    }

    fn agendapunt(&self, meeting: usize, item: usize) -> Agendapunt {
        let doc = &self.site.documents[meeting];
        let Kind::Vergadering(details) = &doc.kind else {
            unreachable!("agenda items belong to meetings")
        };
        let agenda_item = &details.agenda[item];
        let uuid = self.uuid_of_item(meeting, item);
        Agendapunt {
            url: self.absolute(&urls::ori_object(OriCollection::Agendapunten, &uuid)),
            id: uuid,
            organisatie: self.organisatie.clone(),
            dossiertype: "agendapunt",
            agendapuntnaam: agenda_item.title.clone(),
            volgnummer: Some(agenda_item.number.clone().unwrap_or_else(|| (item + 1).to_string())),
            webpaginalink: self.item_page(meeting, item),
            vergaderingen: vec![self.reference(OriCollection::Vergaderingen, self.uuid_of_document(meeting))],
        }
    }
}

/// `informatieobjecttype` in the values of the full ORI specification; none for a plan or a
/// meeting's own document (no value fits), and for a letter only when the council received it.
fn object_type(doc: &Document, article: Option<&str>) -> Option<&'static str> {
    match &doc.kind {
        Kind::Motie(_) => Some("motie"),
        Kind::Amendement(_) => Some("amendement"),
        Kind::Raadsvoorstel => Some("voorstel"),
        Kind::Besluit => Some("besluitvormingsstuk"),
        Kind::Toezegging(_) => Some("toezegging"),
        Kind::Raadsbrief(_) | Kind::Brief(_) if article == Some("3.3.2a") => Some("ingekomen_stuk"),
        Kind::Raadsbrief(_) | Kind::Brief(_) | Kind::Plan | Kind::Vergadering(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_collection_is_paged_with_next_and_previous() {
        let site = crate::resolve::resolve(
            crate::config::Config {
                base_url: "https://raad.example/".into(),
                ..Default::default()
            },
            Vec::new(),
            jiff::civil::date(2025, 1, 1),
            &mut crate::diagnostics::Diagnostics::new(),
        );
        let objects: Vec<(String, u32)> = (0..5).map(|i| (format!("u{i}"), i)).collect();
        let mut files = Vec::new();
        collection(&mut files, &site, OriCollection::Vergaderingen, objects, 2);
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "api/ori/vergaderingen.json",
                "api/ori/vergaderingen/u0.json",
                "api/ori/vergaderingen/u1.json",
                "api/ori/vergaderingen-2.json",
                "api/ori/vergaderingen/u2.json",
                "api/ori/vergaderingen/u3.json",
                "api/ori/vergaderingen-3.json",
                "api/ori/vergaderingen/u4.json",
            ]
        );
        let page = |i: usize| serde_json::from_str::<serde_json::Value>(&files[i].1).unwrap();
        assert_eq!(page(0)["previous"], serde_json::Value::Null);
        assert_eq!(page(0)["next"], "https://raad.example/api/ori/vergaderingen-2.json");
        assert_eq!(page(3)["previous"], "https://raad.example/api/ori/vergaderingen.json");
        assert_eq!(page(3)["results"], serde_json::json!([2, 3]));
        assert_eq!(page(6)["next"], serde_json::Value::Null);
        // The one template of the URL scheme no fixture site is large enough to make.
        let template = crate::urls::parse(names[3]).map(|p| p.template());
        assert_eq!(template, Some(crate::urls::Template::OriCollectionPage));
    }
}
