//! The site's URL scheme: every address the site publishes, made and recognised here only.
//!
//! **These addresses are a contract.** Council documents are cited by their URL in minutes,
//! letters, newspapers and other councils' documents, and harvesters and feed readers keep
//! them; a published path must keep working for as long as the site exists. Change nothing
//! here except by adding; a new kind of page gets a new [`Template`] (and a row in the table,
//! which a test holds to the list). Only the folders of the last two rows are a contract: the
//! files in them are Pagefind's and the templates'.
//!
//! | what | path |
//! |---|---|
//! | home page | `/` |
//! | document page (a tombstone once withdrawn or deleted) | `/documenten/<id>/` |
//! | the document's PDF | `/documenten/<id>/<id>.pdf` |
//! | a motion's feed | `/documenten/<id>/atom.xml` |
//! | version N of a document (permanent) | `/documenten/<id>/v<N>/` |
//! | version N's PDF | `/documenten/<id>/v<N>/<id>.pdf` |
//! | list of a document type, e.g. `/moties/` | `/<types>/` |
//! | its further pages, from 2 | `/<types>/pagina/<N>/` |
//! | the type's feed | `/<types>/atom.xml` |
//! | index of dossiers | `/dossiers/` |
//! | a dossier (topic) | `/dossiers/<topic>/` |
//! | its further pages, from 2 | `/dossiers/<topic>/pagina/<N>/` |
//! | the dossier's feed | `/dossiers/<topic>/atom.xml` |
//! | motion list (motievolglijst) | `/motievolglijst/` |
//! | its further pages, from 2 | `/motievolglijst/pagina/<N>/` |
//! | calendar of due dates | `/motievolglijst/moties.ics` |
//! | spreadsheet of motions | `/motievolglijst/moties.csv` |
//! | calendar of meetings, planned ones included | `/vergaderingen/vergaderingen.ics` |
//! | index of parties (fracties) | `/fracties/` |
//! | a party's votes, newest first | `/fracties/<party>/` |
//! | their further pages, from 2 | `/fracties/<party>/pagina/<N>/` |
//! | the site's feed | `/atom.xml` |
//! | open data page | `/api/` |
//! | every document as JSON | `/api/documents.json` |
//! | deleted documents as JSON | `/api/deleted.json` |
//! | the sources of the build as JSON | `/api/build.json` |
//! | every party with its votes as JSON | `/api/parties.json` |
//! | front-matter schema of a type, e.g. `/schemas/motie.schema.json` | `/schemas/<type>.schema.json` |
//! | sitemap (an index of parts above 50,000 URLs) | `/sitemap.xml` |
//! | part N of a large sitemap | `/sitemap-<N>.xml` |
//! | robots.txt | `/robots.txt` |
//! | the Woo index's sitemap index of information category NNN (`006`, …) | `/sitemapindex-diwoo-infocat<NNN>.xml` |
//! | part N of it | `/diwoo/infocat<NNN>-<N>.xml` |
//! | an ORI API collection (`informatieobjecten`, `vergaderingen`, `agendapunten`) | `/api/ori/<collection>.json` |
//! | its further pages, from 2 | `/api/ori/<collection>-<N>.json` |
//! | one object of it, by its UUID | `/api/ori/<collection>/<uuid>.json` |
//! | search page | `/zoeken/` |
//! | search index (Pagefind's files) | `/pagefind/<file>` |
//! | accessibility statement | `/toegankelijkheid/` |
//! | page for a missing address | `/404.html` |
//! | stylesheets, scripts, icons (`templates/static/`) | `/static/<file>` |
//!
//! `<types>` is a type's plural ([`DocType::plural_slug`]); `<type>` its front-matter value.
//!
//! Two forms of the same address: a **URL path** (`/documenten/x/`) is site-relative, starts
//! with `/` and has no base path (`Views::url` adds it; the origin goes in front for an
//! absolute URL); every maker here returns one. A **file** (`documenten/x/index.html`) is where
//! the output folder holds it: [`file`] turns the first into the second, and a folder's page
//! is its `index.html`. [`parse`] recognises both forms as a [`SitePath`].
//!
//! This module is low in the layers: it knows the model's types and nothing of pages, views or
//! data files, so every one of them can ask it.

use crate::model::DocType;

/// `/`.
pub const HOME: &str = "/";
/// `/dossiers/`: the index of dossiers.
pub const DOSSIERS: &str = "/dossiers/";
/// `/motievolglijst/`: the motion list's first page.
pub const MOTIONS: &str = "/motievolglijst/";
/// The motion list's calendar of due dates.
pub const CALENDAR: &str = "/motievolglijst/moties.ics";
/// The motion list as a spreadsheet.
pub const MOTIONS_CSV: &str = "/motievolglijst/moties.csv";
/// The calendar of meetings.
pub const MEETINGS_CALENDAR: &str = "/vergaderingen/vergaderingen.ics";
/// `/fracties/`: the index of parties.
pub const PARTIES: &str = "/fracties/";
/// Every party and its votes as open data.
pub const API_PARTIES: &str = "/api/parties.json";
/// The site's Atom feed.
pub const SITE_FEED: &str = "/atom.xml";
/// `/api/`: the page describing the open data.
pub const API: &str = "/api/";
/// Every document as open data.
pub const API_DOCUMENTS: &str = "/api/documents.json";
/// The documents whose source was deleted (their addresses stay).
pub const API_DELETED: &str = "/api/deleted.json";
/// Which sources the site was built from.
pub const API_BUILD: &str = "/api/build.json";
/// The sitemap, or the index of its parts.
pub const SITEMAP: &str = "/sitemap.xml";
/// Where crawlers learn where the sitemap is.
pub const ROBOTS: &str = "/robots.txt";
/// `/zoeken/`: the search page.
pub const SEARCH: &str = "/zoeken/";
/// The folder of the search index in the output (Pagefind's bundle).
pub const SEARCH_INDEX_FOLDER: &str = "pagefind";
/// The accessibility statement.
pub const STATEMENT: &str = "/toegankelijkheid/";
/// The page a host shows for an address the site does not have.
pub const NOT_FOUND: &str = "/404.html";
/// The folder of the static assets in the output.
pub const STATIC_FOLDER: &str = "static";

/// `/documenten/<id>/`: a document's page. Stable: it depends on the id only, so a corrected
/// type or title never breaks a link.
pub fn document(id: &str) -> String {
    format!("/documenten/{id}/")
}

/// `/documenten/<id>/<id>.pdf`.
pub fn pdf(id: &str) -> String {
    format!("/documenten/{id}/{id}.pdf")
}

/// `/documenten/<id>/atom.xml`, for motions.
pub fn motion_feed(id: &str) -> String {
    format!("/documenten/{id}/atom.xml")
}

/// `/documenten/<id>/v<N>/`: version `number` (from 1) of a document.
pub fn version(id: &str, number: usize) -> String {
    format!("/documenten/{id}/v{number}/")
}

/// `/documenten/<id>/v<N>/<id>.pdf`.
pub fn version_pdf(id: &str, number: usize) -> String {
    format!("/documenten/{id}/v{number}/{id}.pdf")
}

/// `/<types>/`, e.g. `/moties/`: the list of a document type.
pub fn type_list(doc_type: DocType) -> String {
    format!("/{}/", doc_type.plural_slug())
}

/// `/<types>/atom.xml`.
pub fn type_feed(doc_type: DocType) -> String {
    format!("/{}/atom.xml", doc_type.plural_slug())
}

/// `/fracties/<party>/`: a party's votes.
pub fn party(slug: &str) -> String {
    format!("/fracties/{slug}/")
}

/// `/dossiers/<topic>/`.
pub fn dossier(slug: &str) -> String {
    format!("/dossiers/{slug}/")
}

/// `/dossiers/<topic>/atom.xml`.
pub fn dossier_feed(slug: &str) -> String {
    format!("/dossiers/{slug}/atom.xml")
}

/// How many pages a list of `len` items has at `size` a page (an empty list has one page): the
/// numbers [`paged`] is published for.
pub fn page_count(len: usize, size: usize) -> usize {
    len.div_ceil(size.max(1)).max(1)
}

/// Page `number` (from 1) of the paginated list at `base` ([`type_list`], [`dossier`],
/// [`MOTIONS`]): the list itself, then `<base>pagina/<N>/`.
pub fn paged(base: &str, number: usize) -> String {
    if number == 1 {
        base.to_string()
    } else {
        format!("{base}pagina/{number}/")
    }
}

/// `/schemas/<type>.schema.json`: the front-matter schema of a type.
pub fn schema(doc_type: DocType) -> String {
    format!("/schemas/{}.schema.json", doc_type.slug())
}

/// `/sitemap-<N>.xml`: part `number` (from 1) of a sitemap too large for one file.
pub fn sitemap_part(number: usize) -> String {
    format!("/sitemap-{number}.xml")
}

/// `/sitemapindex-diwoo-infocat<NNN>.xml`: the sitemap index of one Woo information category,
/// by its number (see `tooi::Category::infocat`). The name is the Woo index's: it harvests only
/// indexes so named that `robots.txt` lists.
pub fn diwoo_index(infocat: u16) -> String {
    format!("/sitemapindex-diwoo-infocat{infocat:03}.xml")
}

/// `/diwoo/infocat<NNN>-<N>.xml`: part `number` (from 1) of a category's sitemap index.
pub fn diwoo_part(infocat: u16, number: usize) -> String {
    format!("/diwoo/infocat{infocat:03}-{number}.xml")
}

/// The ORI API's collections a static site publishes, as `/api/ori/<name>-<N>.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OriCollection {
    Informatieobjecten,
    Vergaderingen,
    Agendapunten,
}

impl OriCollection {
    pub const ALL: [OriCollection; 3] = [
        OriCollection::Informatieobjecten,
        OriCollection::Vergaderingen,
        OriCollection::Agendapunten,
    ];

    /// The collection's name in the ORI API's paths.
    pub fn name(self) -> &'static str {
        match self {
            OriCollection::Informatieobjecten => "informatieobjecten",
            OriCollection::Vergaderingen => "vergaderingen",
            OriCollection::Agendapunten => "agendapunten",
        }
    }

    fn from_name(name: &str) -> Option<OriCollection> {
        OriCollection::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Page `number` (from 1) of an ORI API collection: `/api/ori/<collection>.json`, then
/// `/api/ori/<collection>-<N>.json`.
pub fn ori_page(collection: OriCollection, number: usize) -> String {
    if number == 1 {
        format!("/api/ori/{}.json", collection.name())
    } else {
        format!("/api/ori/{}-{number}.json", collection.name())
    }
}

/// `/api/ori/<collection>/<uuid>.json`: one object, as the ORI API's `/<collection>/{id}`.
pub fn ori_object(collection: OriCollection, uuid: &str) -> String {
    format!("/api/ori/{}/{uuid}.json", collection.name())
}

/// `/pagefind/<name>`: a file of the search index; `""` for the folder.
pub fn search_index(name: &str) -> String {
    format!("/{SEARCH_INDEX_FOLDER}/{name}")
}

/// `/pagefind/<year>/`: the search index of the documents of `year` (see `search`).
pub fn search_shard(year: i16) -> String {
    search_index(&format!("{year}/"))
}

/// `/static/<relative>`: a file of `templates/static/`.
pub fn static_file(relative: &str) -> String {
    format!("/{STATIC_FOLDER}/{relative}")
}

/// Where the output folder holds `url`: without the leading `/`, a folder's page as its
/// `index.html`. `/documenten/x/` → `documenten/x/index.html`, `/atom.xml` → `atom.xml`.
pub fn file(url: &str) -> String {
    let path = url.strip_prefix('/').unwrap_or(url);
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Declares [`Template`] with its list and patterns in one place, so [`Template::ALL`] cannot
/// miss one.
macro_rules! templates {
    ($($(#[$doc:meta])* $name:ident => $pattern:literal,)*) => {
        /// The kinds of address the site publishes: one per row of the table above.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Template {
            $($(#[$doc])* $name,)*
        }

        impl Template {
            /// Every template, in the table's order.
            pub const ALL: &[Template] = &[$(Template::$name,)*];

            /// The pattern as the table writes it, e.g. `/documenten/<id>/v<N>/`.
            pub fn pattern(self) -> &'static str {
                match self {
                    $(Template::$name => $pattern,)*
                }
            }
        }
    };
}

templates! {
    Home => "/",
    /// Also the tombstone of a withdrawn or deleted document.
    Document => "/documenten/<id>/",
    Pdf => "/documenten/<id>/<id>.pdf",
    MotionFeed => "/documenten/<id>/atom.xml",
    Version => "/documenten/<id>/v<N>/",
    VersionPdf => "/documenten/<id>/v<N>/<id>.pdf",
    TypeList => "/<types>/",
    TypeListPage => "/<types>/pagina/<N>/",
    TypeFeed => "/<types>/atom.xml",
    Dossiers => "/dossiers/",
    Dossier => "/dossiers/<topic>/",
    DossierPage => "/dossiers/<topic>/pagina/<N>/",
    DossierFeed => "/dossiers/<topic>/atom.xml",
    Motions => "/motievolglijst/",
    MotionsPage => "/motievolglijst/pagina/<N>/",
    Calendar => "/motievolglijst/moties.ics",
    MotionsCsv => "/motievolglijst/moties.csv",
    MeetingsCalendar => "/vergaderingen/vergaderingen.ics",
    Parties => "/fracties/",
    Party => "/fracties/<party>/",
    PartyPage => "/fracties/<party>/pagina/<N>/",
    SiteFeed => "/atom.xml",
    Api => "/api/",
    ApiDocuments => "/api/documents.json",
    ApiDeleted => "/api/deleted.json",
    ApiBuild => "/api/build.json",
    ApiParties => "/api/parties.json",
    Schema => "/schemas/<type>.schema.json",
    Sitemap => "/sitemap.xml",
    /// Only above 50,000 URLs.
    SitemapPart => "/sitemap-<N>.xml",
    Robots => "/robots.txt",
    DiwooIndex => "/sitemapindex-diwoo-infocat<NNN>.xml",
    DiwooPart => "/diwoo/infocat<NNN>-<N>.xml",
    OriCollection => "/api/ori/<collection>.json",
    OriCollectionPage => "/api/ori/<collection>-<N>.json",
    OriObject => "/api/ori/<collection>/<uuid>.json",
    Search => "/zoeken/",
    SearchIndex => "/pagefind/<file>",
    Statement => "/toegankelijkheid/",
    NotFound => "/404.html",
    Static => "/static/<file>",
}

/// One address of the site, recognised: its [`Template`] and the values filled into it.
/// Page numbers of lists are from 1; page 1 is the list's own address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SitePath<'a> {
    Home,
    Document(&'a str),
    Pdf(&'a str),
    MotionFeed(&'a str),
    Version {
        id: &'a str,
        number: usize,
    },
    VersionPdf {
        id: &'a str,
        number: usize,
    },
    TypeList {
        doc_type: DocType,
        page: usize,
    },
    TypeFeed(DocType),
    Dossiers,
    Dossier {
        slug: &'a str,
        page: usize,
    },
    DossierFeed(&'a str),
    Motions {
        page: usize,
    },
    Calendar,
    MotionsCsv,
    MeetingsCalendar,
    Parties,
    Party {
        slug: &'a str,
        page: usize,
    },
    SiteFeed,
    Api,
    ApiDocuments,
    ApiDeleted,
    ApiBuild,
    ApiParties,
    Schema(DocType),
    Sitemap,
    SitemapPart(usize),
    Robots,
    DiwooIndex(u16),
    DiwooPart {
        infocat: u16,
        number: usize,
    },
    OriPage {
        collection: OriCollection,
        number: usize,
    },
    OriObject {
        collection: OriCollection,
        uuid: &'a str,
    },
    Search,
    /// A file of the search index, relative to its folder.
    SearchIndex(&'a str),
    Statement,
    NotFound,
    /// A static asset, relative to `static/`.
    Static(&'a str),
}

impl SitePath<'_> {
    /// Which template this address fills.
    pub fn template(&self) -> Template {
        match *self {
            SitePath::Home => Template::Home,
            SitePath::Document(_) => Template::Document,
            SitePath::Pdf(_) => Template::Pdf,
            SitePath::MotionFeed(_) => Template::MotionFeed,
            SitePath::Version { .. } => Template::Version,
            SitePath::VersionPdf { .. } => Template::VersionPdf,
            SitePath::TypeList { page: 1, .. } => Template::TypeList,
            SitePath::TypeList { .. } => Template::TypeListPage,
            SitePath::TypeFeed(_) => Template::TypeFeed,
            SitePath::Dossiers => Template::Dossiers,
            SitePath::Dossier { page: 1, .. } => Template::Dossier,
            SitePath::Dossier { .. } => Template::DossierPage,
            SitePath::DossierFeed(_) => Template::DossierFeed,
            SitePath::Motions { page: 1 } => Template::Motions,
            SitePath::Motions { .. } => Template::MotionsPage,
            SitePath::Calendar => Template::Calendar,
            SitePath::MotionsCsv => Template::MotionsCsv,
            SitePath::MeetingsCalendar => Template::MeetingsCalendar,
            SitePath::Parties => Template::Parties,
            SitePath::Party { page: 1, .. } => Template::Party,
            SitePath::Party { .. } => Template::PartyPage,
            SitePath::SiteFeed => Template::SiteFeed,
            SitePath::Api => Template::Api,
            SitePath::ApiDocuments => Template::ApiDocuments,
            SitePath::ApiDeleted => Template::ApiDeleted,
            SitePath::ApiBuild => Template::ApiBuild,
            SitePath::ApiParties => Template::ApiParties,
            SitePath::Schema(_) => Template::Schema,
            SitePath::Sitemap => Template::Sitemap,
            SitePath::SitemapPart(_) => Template::SitemapPart,
            SitePath::Robots => Template::Robots,
            SitePath::DiwooIndex(_) => Template::DiwooIndex,
            SitePath::DiwooPart { .. } => Template::DiwooPart,
            SitePath::OriPage { number: 1, .. } => Template::OriCollection,
            SitePath::OriPage { .. } => Template::OriCollectionPage,
            SitePath::OriObject { .. } => Template::OriObject,
            SitePath::Search => Template::Search,
            SitePath::SearchIndex(_) => Template::SearchIndex,
            SitePath::Statement => Template::Statement,
            SitePath::NotFound => Template::NotFound,
            SitePath::Static(_) => Template::Static,
        }
    }

    /// The URL path, made by this module's makers.
    pub fn url(&self) -> String {
        match *self {
            SitePath::Home => HOME.to_string(),
            SitePath::Document(id) => document(id),
            SitePath::Pdf(id) => pdf(id),
            SitePath::MotionFeed(id) => motion_feed(id),
            SitePath::Version { id, number } => version(id, number),
            SitePath::VersionPdf { id, number } => version_pdf(id, number),
            SitePath::TypeList { doc_type, page } => paged(&type_list(doc_type), page),
            SitePath::TypeFeed(doc_type) => type_feed(doc_type),
            SitePath::Dossiers => DOSSIERS.to_string(),
            SitePath::Dossier { slug, page } => paged(&dossier(slug), page),
            SitePath::DossierFeed(slug) => dossier_feed(slug),
            SitePath::Motions { page } => paged(MOTIONS, page),
            SitePath::Calendar => CALENDAR.to_string(),
            SitePath::MotionsCsv => MOTIONS_CSV.to_string(),
            SitePath::MeetingsCalendar => MEETINGS_CALENDAR.to_string(),
            SitePath::Parties => PARTIES.to_string(),
            SitePath::Party { slug, page } => paged(&party(slug), page),
            SitePath::SiteFeed => SITE_FEED.to_string(),
            SitePath::Api => API.to_string(),
            SitePath::ApiDocuments => API_DOCUMENTS.to_string(),
            SitePath::ApiDeleted => API_DELETED.to_string(),
            SitePath::ApiBuild => API_BUILD.to_string(),
            SitePath::ApiParties => API_PARTIES.to_string(),
            SitePath::Schema(doc_type) => schema(doc_type),
            SitePath::Sitemap => SITEMAP.to_string(),
            SitePath::SitemapPart(number) => sitemap_part(number),
            SitePath::Robots => ROBOTS.to_string(),
            SitePath::DiwooIndex(infocat) => diwoo_index(infocat),
            SitePath::DiwooPart { infocat, number } => diwoo_part(infocat, number),
            SitePath::OriPage { collection, number } => ori_page(collection, number),
            SitePath::OriObject { collection, uuid } => ori_object(collection, uuid),
            SitePath::Search => SEARCH.to_string(),
            SitePath::SearchIndex(name) => search_index(name),
            SitePath::Statement => STATEMENT.to_string(),
            SitePath::NotFound => NOT_FOUND.to_string(),
            SitePath::Static(relative) => static_file(relative),
        }
    }

    /// Where the output folder holds it (see [`file`]).
    pub fn file(&self) -> String {
        file(&self.url())
    }
}

/// The address `path` names, as a URL path (`/documenten/x/`) or a file of the output
/// (`documenten/x/index.html`); `None` when the site publishes nothing of that shape. Exact:
/// a number with a leading zero, page 1 written out (`pagina/1/`) or an unknown type's list is
/// no address of the site.
pub fn parse(path: &str) -> Option<SitePath<'_>> {
    let path = path.strip_prefix('/').unwrap_or(path);
    // The two folders whose files are not the site's pages.
    if let Some(name) = in_folder(path, SEARCH_INDEX_FOLDER) {
        return Some(SitePath::SearchIndex(name));
    }
    if let Some(relative) = in_folder(path, STATIC_FOLDER) {
        return Some(SitePath::Static(relative));
    }
    let folder = path.strip_suffix("index.html").unwrap_or(path);
    if folder.is_empty() || folder.ends_with('/') {
        let segments: Vec<&str> = folder.strip_suffix('/').map_or(Vec::new(), |f| f.split('/').collect());
        return page(&segments);
    }
    let segments: Vec<&str> = path.split('/').collect();
    data_file(&segments)
}

/// `path`'s rest below `folder/`, when it is there and names a file.
fn in_folder<'a>(path: &'a str, folder: &str) -> Option<&'a str> {
    let rest = path.strip_prefix(folder)?.strip_prefix('/')?;
    (!rest.is_empty() && !rest.ends_with('/') && rest.split('/').all(|s| !s.is_empty())).then_some(rest)
}

/// A page: the folder's `segments`.
fn page<'a>(segments: &[&'a str]) -> Option<SitePath<'a>> {
    if segments.iter().any(|s| s.is_empty()) {
        return None;
    }
    Some(match *segments {
        [] => SitePath::Home,
        ["documenten", id] => SitePath::Document(id),
        ["documenten", id, v] => SitePath::Version {
            id,
            number: number(v.strip_prefix('v')?)?,
        },
        ["dossiers"] => SitePath::Dossiers,
        ["dossiers", slug, ref rest @ ..] => SitePath::Dossier {
            slug,
            page: page_number(rest)?,
        },
        ["motievolglijst", ref rest @ ..] => SitePath::Motions {
            page: page_number(rest)?,
        },
        ["fracties"] => SitePath::Parties,
        ["fracties", slug, ref rest @ ..] => SitePath::Party {
            slug,
            page: page_number(rest)?,
        },
        ["api"] => SitePath::Api,
        ["zoeken"] => SitePath::Search,
        ["toegankelijkheid"] => SitePath::Statement,
        [types, ref rest @ ..] => SitePath::TypeList {
            doc_type: from_plural(types)?,
            page: page_number(rest)?,
        },
    })
}

/// A file other than a page: `segments` of its path.
fn data_file<'a>(segments: &[&'a str]) -> Option<SitePath<'a>> {
    Some(match *segments {
        ["404.html"] => SitePath::NotFound,
        ["atom.xml"] => SitePath::SiteFeed,
        ["sitemap.xml"] => SitePath::Sitemap,
        ["robots.txt"] => SitePath::Robots,
        [name] if name.starts_with("sitemapindex-diwoo-infocat") => SitePath::DiwooIndex(infocat(
            name.strip_prefix("sitemapindex-diwoo-infocat")?.strip_suffix(".xml")?,
        )?),
        ["diwoo", name] => {
            let (category, part) = name.strip_prefix("infocat")?.strip_suffix(".xml")?.split_once('-')?;
            SitePath::DiwooPart {
                infocat: infocat(category)?,
                number: number(part)?,
            }
        }
        ["api", "ori", name] => {
            let stem = name.strip_suffix(".json")?;
            let (collection, page) = match stem.rsplit_once('-') {
                Some((collection, page)) => (collection, number(page).filter(|&n| n >= 2)?),
                None => (stem, 1),
            };
            SitePath::OriPage {
                collection: OriCollection::from_name(collection)?,
                number: page,
            }
        }
        ["api", "ori", collection, name] => {
            let uuid = name.strip_suffix(".json").filter(|u| !u.is_empty())?;
            SitePath::OriObject {
                collection: OriCollection::from_name(collection)?,
                uuid,
            }
        }
        [name] => SitePath::SitemapPart(number(name.strip_prefix("sitemap-")?.strip_suffix(".xml")?)?),
        ["motievolglijst", "moties.ics"] => SitePath::Calendar,
        ["motievolglijst", "moties.csv"] => SitePath::MotionsCsv,
        ["api", "documents.json"] => SitePath::ApiDocuments,
        ["api", "deleted.json"] => SitePath::ApiDeleted,
        ["api", "build.json"] => SitePath::ApiBuild,
        ["api", "parties.json"] => SitePath::ApiParties,
        ["vergaderingen", "vergaderingen.ics"] => SitePath::MeetingsCalendar,
        ["schemas", name] => SitePath::Schema(DocType::from_slug(name.strip_suffix(".schema.json")?)?),
        ["documenten", id, "atom.xml"] if !id.is_empty() => SitePath::MotionFeed(id),
        ["documenten", id, name] if is_pdf_of(name, id) => SitePath::Pdf(id),
        ["documenten", id, v, name] if is_pdf_of(name, id) => SitePath::VersionPdf {
            id,
            number: number(v.strip_prefix('v')?)?,
        },
        ["dossiers", slug, "atom.xml"] if !slug.is_empty() => SitePath::DossierFeed(slug),
        [types, "atom.xml"] => SitePath::TypeFeed(from_plural(types)?),
        _ => return None,
    })
}

/// `<id>.pdf` of a non-empty `id`.
fn is_pdf_of(name: &str, id: &str) -> bool {
    !id.is_empty() && name.strip_suffix(".pdf") == Some(id)
}

/// The page number of a list's folder below its own: none is page 1, `pagina/<N>` page N ≥ 2.
fn page_number(rest: &[&str]) -> Option<usize> {
    match *rest {
        [] => Some(1),
        ["pagina", n] => number(n).filter(|&n| n >= 2),
        _ => None,
    }
}

/// A number as the makers write it: digits, no leading zero, from 1.
fn number(text: &str) -> Option<usize> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0');
    digits.then(|| text.parse().ok()).flatten()
}

/// An information category's number as the Woo index writes it: three digits, from `001`.
fn infocat(text: &str) -> Option<u16> {
    let number: u16 = (text.len() == 3 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()?;
    (number >= 1).then_some(number)
}

/// The type whose list is at `/<plural>/`.
fn from_plural(plural: &str) -> Option<DocType> {
    DocType::ALL.into_iter().find(|t| t.plural_slug() == plural)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One address of every template.
    fn examples() -> Vec<SitePath<'static>> {
        let mut all = vec![
            SitePath::Home,
            SitePath::Document("motie-2025-03-jeugdhulp"),
            SitePath::Pdf("motie-2025-03-jeugdhulp"),
            SitePath::MotionFeed("motie-2025-03-jeugdhulp"),
            SitePath::Version { id: "x", number: 1 },
            SitePath::Version { id: "x", number: 12 },
            SitePath::VersionPdf { id: "x", number: 3 },
            SitePath::Dossiers,
            SitePath::Dossier {
                slug: "jeugdzorg",
                page: 1,
            },
            SitePath::Dossier {
                slug: "jeugdzorg",
                page: 2,
            },
            SitePath::DossierFeed("jeugdzorg"),
            SitePath::Motions { page: 1 },
            SitePath::Motions { page: 10 },
            SitePath::Calendar,
            SitePath::MotionsCsv,
            SitePath::MeetingsCalendar,
            SitePath::Parties,
            SitePath::DiwooIndex(6),
            SitePath::DiwooPart { infocat: 8, number: 2 },
            SitePath::OriPage {
                collection: OriCollection::Informatieobjecten,
                number: 1,
            },
            SitePath::OriPage {
                collection: OriCollection::Agendapunten,
                number: 3,
            },
            SitePath::OriObject {
                collection: OriCollection::Vergaderingen,
                uuid: "6ba7b810-9dad-51d1-80b4-00c04fd430c8",
            },
            SitePath::Party { slug: "vvd", page: 1 },
            SitePath::Party { slug: "vvd", page: 4 },
            SitePath::SiteFeed,
            SitePath::Api,
            SitePath::ApiDocuments,
            SitePath::ApiDeleted,
            SitePath::ApiBuild,
            SitePath::ApiParties,
            SitePath::Sitemap,
            SitePath::SitemapPart(2),
            SitePath::Robots,
            SitePath::Search,
            SitePath::SearchIndex("fragment/nl_9cc7692.pf_fragment"),
            SitePath::Statement,
            SitePath::NotFound,
            SitePath::Static("griffie.css"),
        ];
        for doc_type in DocType::ALL {
            all.push(SitePath::TypeList { doc_type, page: 1 });
            all.push(SitePath::TypeList { doc_type, page: 3 });
            all.push(SitePath::TypeFeed(doc_type));
            all.push(SitePath::Schema(doc_type));
        }
        all
    }

    #[test]
    fn every_address_reads_back_from_its_url_and_its_file() {
        for path in examples() {
            assert_eq!(parse(&path.url()), Some(path), "{}", path.url());
            assert_eq!(parse(&path.file()), Some(path), "{}", path.file());
        }
    }

    #[test]
    fn the_examples_cover_every_template() {
        let mut covered: Vec<Template> = examples().iter().map(SitePath::template).collect();
        covered.sort();
        covered.dedup();
        assert_eq!(covered, Template::ALL);
    }

    #[test]
    fn the_module_doc_lists_every_template() {
        let table: Vec<&str> = include_str!("urls.rs")
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .filter_map(|line| line.strip_suffix("` |"))
            .filter_map(|line| line.rsplit_once("| `").map(|(_, pattern)| pattern))
            .collect();
        let patterns: Vec<&str> = Template::ALL.iter().map(|t| t.pattern()).collect();
        assert_eq!(table, patterns);
    }

    #[test]
    fn the_makers_write_the_published_strings() {
        assert_eq!(document("a"), "/documenten/a/");
        assert_eq!(version("a", 2), "/documenten/a/v2/");
        assert_eq!(pdf("a"), "/documenten/a/a.pdf");
        assert_eq!(version_pdf("a", 2), "/documenten/a/v2/a.pdf");
        assert_eq!(type_list(DocType::Raadsbrief), "/raadsbrieven/");
        assert_eq!(paged(&type_list(DocType::Motie), 2), "/moties/pagina/2/");
        assert_eq!(dossier_feed("inkoop"), "/dossiers/inkoop/atom.xml");
        assert_eq!(schema(DocType::Motie), "/schemas/motie.schema.json");
        assert_eq!(search_index(""), "/pagefind/");
        assert_eq!(search_shard(2024), "/pagefind/2024/");
        assert_eq!(file("/"), "index.html");
        assert_eq!(file(STATEMENT), "toegankelijkheid/index.html");
        assert_eq!(file(CALENDAR), "motievolglijst/moties.ics");
        assert_eq!(diwoo_index(6), "/sitemapindex-diwoo-infocat006.xml");
        assert_eq!(diwoo_part(17, 2), "/diwoo/infocat017-2.xml");
        assert_eq!(ori_page(OriCollection::Vergaderingen, 1), "/api/ori/vergaderingen.json");
        assert_eq!(
            ori_page(OriCollection::Vergaderingen, 2),
            "/api/ori/vergaderingen-2.json"
        );
    }

    #[test]
    fn what_the_site_does_not_publish_is_not_recognised() {
        for path in [
            "documenten/",
            "documenten/a/b/",
            "documenten/a/v0/",
            "documenten/a/v01/",
            "documenten/a/vrij/",
            "documenten/a/b.pdf",
            "documenten/a/v2/b.pdf",
            "documenten//",
            "moties/pagina/1/",
            "sitemapindex-diwoo-infocat6.xml",
            "sitemapindex-diwoo-infocat000.xml",
            "diwoo/infocat006-0.xml",
            "api/ori/informatieobjecten-1.json",
            "api/ori/zaken.json",
            "moties/pagina/02/",
            "moties/pagina/",
            "onbekend/",
            "onbekend/atom.xml",
            "schemas/onbekend.schema.json",
            "sitemap-0.xml",
            "api/anders.json",
            "pagefind/",
            "static/",
            "x.html",
        ] {
            assert_eq!(parse(path), None, "{path}");
        }
    }
}
