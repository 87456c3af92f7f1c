//! The HTML pages of the site: which pages exist, at which path, with which context.
//!
//! Document pages are rendered in parallel (rayon); each is a pure function of its document, its
//! relations and the shared read-only templates. List pages are paginated so that no page grows
//! without bound with the corpus.

use super::page_context::PageContext;
use serde::Serialize;

use crate::data::feeds::{self, FeedLink};
use crate::markdown::RenderedBody;
use crate::model::DocType;
use crate::resolve::{EffectiveStatus, Site};
use crate::urls;
use crate::view::history::{HistoryView, StampView};
use crate::view::{document_view, DocRef, RelationsView, StatusView, TopicView, TypeView, Views};

/// What every page knows about the site: small and fixed-size.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub title: String,
    pub municipality: String,
    pub description: Option<String>,
    pub base_url: String,
    pub base_path: String,
    pub language: String,
    /// The Open Graph locale, e.g. `nl_NL`.
    pub locale: String,
    pub address: Vec<String>,
    pub nav: Vec<NavItem>,
    /// The site's Atom feed, linked from every page.
    pub feed: FeedLink,
    /// The accessibility statement's address, when the configuration has one (footer link).
    pub accessibility_url: Option<String>,
    /// The sources this build was made from: the home and API pages show it, a version page
    /// carries its own `stamp`, other pages [`StampView::for_every_page`]. Not part of the
    /// `site` templates see: pages get it as `stamp`.
    #[serde(skip)]
    pub stamp: StampView,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct NavItem {
    pub key: String,
    pub label: String,
    pub url: String,
}

/// What every page knows about itself.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    pub title: String,
    /// Site-relative path with base path, e.g. `/documenten/x/`.
    pub url: String,
    /// Absolute URL, for `<link rel="canonical">`.
    pub canonical: String,
    /// The navigation key of the section this page belongs to.
    pub section: String,
    pub description: Option<String>,
    /// Open Graph type: `article` for a document page, `website` for the others.
    pub og_type: &'static str,
    /// A document page's date and last change (ISO), for Open Graph.
    pub published: Option<String>,
    pub modified: Option<String>,
    /// The page's own feeds besides the site's (its type, dossier or motion), for
    /// `<link rel="alternate">` in the head and a visible link.
    pub feeds: Vec<FeedLink>,
    /// schema.org JSON-LD, already made safe for a `<script>` element (see `structured`).
    pub json_ld: Option<String>,
}

/// A page to render: its output path, template and context.
pub(crate) struct Page<'a> {
    pub path: String,
    pub template: &'static str,
    pub context: PageContext<'a>,
}

pub(crate) fn site_view(views: &Views, stamp: StampView) -> SiteView {
    let config = &views.site.config;
    let lang = views.lang;
    let mut nav = vec![NavItem {
        key: "home".into(),
        label: crate::t!(lang => "site.nav.home"),
        url: views.url(urls::HOME),
    }];
    for doc_type in DocType::ALL {
        if views.site.index.by_type.contains_key(&doc_type) {
            nav.push(NavItem {
                key: doc_type.slug().into(),
                label: doc_type.plural_label(lang),
                url: views.url(&urls::type_list(doc_type)),
            });
        }
    }
    nav.push(NavItem {
        key: "motievolglijst".into(),
        label: crate::t!(lang => "site.nav.motions"),
        url: views.url(urls::MOTIONS),
    });
    if !config.parties.is_empty() {
        nav.push(NavItem {
            key: "fracties".into(),
            label: crate::t!(lang => "site.nav.parties"),
            url: views.url(urls::PARTIES),
        });
    }
    nav.push(NavItem {
        key: "dossiers".into(),
        label: crate::t!(lang => "site.nav.dossiers"),
        url: views.url(urls::DOSSIERS),
    });
    nav.push(NavItem {
        key: "zoeken".into(),
        label: crate::t!(lang => "site.nav.search"),
        url: views.url(urls::SEARCH),
    });
    SiteView {
        title: config.title.clone(),
        municipality: config.municipality.clone(),
        description: config.description.clone(),
        base_url: config.base_url.clone(),
        base_path: views.base_path.clone(),
        language: config.language.clone(),
        locale: locale(&config.language),
        address: config.address.clone(),
        nav,
        feed: FeedLink {
            title: feeds::site_feed_title(views.site),
            url: views.url(urls::SITE_FEED),
        },
        accessibility_url: config.accessibility.as_ref().map(|_| views.url(urls::STATEMENT)),
        stamp,
    }
}

/// The Open Graph locale of a language: `nl` → `nl_NL`.
fn locale(language: &str) -> String {
    match language {
        "nl" => "nl_NL".to_string(),
        "en" => "en_GB".to_string(),
        other => other.to_string(),
    }
}

impl Views<'_> {
    fn page_view(&self, title: &str, path: &str, section: &str, description: Option<String>) -> PageView {
        PageView {
            title: title.to_string(),
            url: self.url(path),
            canonical: format!("{}{path}", self.site.config.site_origin()),
            section: section.to_string(),
            description,
            og_type: "website",
            published: None,
            modified: None,
            feeds: Vec::new(),
            json_ld: None,
        }
    }
}

fn context(site: &SiteView, page: PageView) -> PageContext<'_> {
    let mut context = PageContext::new();
    context.insert("site", site);
    context.insert("stamp", site.stamp.for_every_page());
    context.insert("page", page);
    context
}

/// The context every page starts from: site, page and (in a preview) the preview notice.
pub(crate) fn page_context<'a>(
    site: &'a SiteView,
    views: &Views,
    title: &str,
    path: &str,
    section: &str,
    description: Option<String>,
) -> PageContext<'a> {
    context(site, views.page_view(title, path, section, description))
}

/// The page of document `position`.
pub(crate) fn document_page<'a>(
    views: &Views,
    site_view: &'a SiteView,
    position: usize,
    body: &RenderedBody,
    pdf: Option<crate::view::PdfView>,
    history: HistoryView,
) -> Page<'a> {
    let doc = &views.site.documents[position];
    let mut document = document_view(position, body, views);
    let url = urls::document(&doc.id);
    let mut page = views.page_view(&doc.title, &url, doc.doc_type().slug(), doc.summary.clone());
    page.og_type = "article";
    page.published = Some(document.head.date.iso.clone());
    page.modified = history.versions.last().map(|v| v.date.iso.clone());
    page.json_ld = Some(crate::view::structured::document_json_ld(
        views,
        position,
        pdf.as_ref(),
        &history,
    ));
    if feeds::has_motion_feed(views.site, position) {
        page.feeds.push(feeds::motion_feed_link(views, position));
    }
    document.pdf = pdf;
    let mut context = context(site_view, page);
    context.insert("doc", document);
    context.insert("relations", RelationsView::new(position, views));
    context.insert("history", history);
    Page {
        path: urls::file(&url),
        template: "document.html",
        context,
    }
}

/// Page numbers and links for a paginated list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pagination {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLink {
    pub number: usize,
    pub url: String,
}

pub(crate) fn pagination(views: &Views, base: &str, current: usize, total: usize) -> Pagination {
    let link = |n: usize| views.url(&urls::paged(base, n));
    Pagination {
        current,
        total,
        previous: (current > 1).then(|| link(current - 1)),
        next: (current < total).then(|| link(current + 1)),
        pages: (1..=total)
            .map(|number| PageLink {
                number,
                url: link(number),
            })
            .collect(),
    }
}

/// Documents of one year, for timelines.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearGroup {
    pub year: i16,
    pub items: Vec<DocRef>,
}

fn group_by_year(items: Vec<DocRef>) -> Vec<YearGroup> {
    let mut groups: Vec<YearGroup> = Vec::new();
    for item in items {
        match groups.last_mut() {
            Some(group) if group.year == item.date.year => group.items.push(item),
            _ => groups.push(YearGroup {
                year: item.date.year,
                items: vec![item],
            }),
        }
    }
    groups
}

/// The title of page `number` (from 2) of a list: "Moties, pagina 2".
fn numbered_title(views: &Views, title: &str, number: usize) -> String {
    crate::t!(views.lang => "site.page.numbered", title = title, number = number)
}

/// The paginated list pages of each document type, newest first.
/// Only the pages `wanted(type, page number)` says yes to (a preview round renders only what
/// changed).
pub(crate) fn type_pages<'a>(
    views: &Views,
    site_view: &'a SiteView,
    wanted: impl Fn(DocType, usize) -> bool,
) -> Vec<Page<'a>> {
    let size = views.site.config.page_size;
    let mut pages = Vec::new();
    for (&doc_type, positions) in &views.site.index.by_type {
        let base = urls::type_list(doc_type);
        let chunks: Vec<&[usize]> = positions.chunks(size).collect();
        for (i, chunk) in chunks.iter().enumerate() {
            if !wanted(doc_type, i + 1) {
                continue;
            }
            let path = urls::paged(&base, i + 1);
            let mut title = doc_type.plural_label(views.lang);
            if i > 0 {
                title = numbered_title(views, &title, i + 1);
            }
            let mut page = views.page_view(&title, &path, doc_type.slug(), None);
            page.feeds.push(feeds::type_feed_link(views, doc_type));
            let mut context = context(site_view, page);
            context.insert("list", views.type_view(doc_type));
            context.insert("groups", group_by_year(views.doc_refs(chunk)));
            context.insert("pagination", pagination(views, &base, i + 1, chunks.len()));
            pages.push(Page {
                path: urls::file(&path),
                template: "list.html",
                context,
            });
        }
    }
    pages
}

/// One entry of a dossier timeline: the document and how it relates to the others.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TimelineEntry {
    #[serde(flatten)]
    pub doc: DocRef,
    pub relations: RelationsView,
}

/// A page per topic telling its story oldest first (the pages `wanted(topic, page number)`
/// says yes to), and the index of dossiers.
pub(crate) fn dossier_pages<'a>(
    views: &Views,
    site_view: &'a SiteView,
    wanted: impl Fn(&str, usize) -> bool,
) -> Vec<Page<'a>> {
    let size = views.site.config.page_size;
    let mut pages = Vec::new();
    let topics: Vec<TopicView> = views.site.index.by_topic.keys().map(|t| views.topic(t)).collect();
    for topic in &topics {
        let positions = &views.site.index.by_topic[&topic.slug];
        let base = urls::dossier(&topic.slug);
        let chunks: Vec<&[usize]> = positions.chunks(size).collect();
        for (i, chunk) in chunks.iter().enumerate() {
            if !wanted(&topic.slug, i + 1) {
                continue;
            }
            let path = urls::paged(&base, i + 1);
            let mut title = crate::t!(views.lang => "site.dossier.title", title = topic.title);
            if i > 0 {
                title = numbered_title(views, &title, i + 1);
            }
            let mut page = views.page_view(&title, &path, "dossiers", topic.description.clone());
            page.feeds.push(feeds::topic_feed_link(views, &topic.slug));
            let mut context = context(site_view, page);
            let entries: Vec<TimelineEntry> = chunk
                .iter()
                .map(|&p| TimelineEntry {
                    doc: views.doc_ref(p),
                    relations: RelationsView::new(p, views),
                })
                .collect();
            context.insert("topic", topic.clone());
            context.insert("entries", entries);
            context.insert("pagination", pagination(views, &base, i + 1, chunks.len()));
            pages.push(Page {
                path: urls::file(&path),
                template: "dossier.html",
                context,
            });
        }
    }
    let page = views.page_view(
        &crate::t!(views.lang => "site.nav.dossiers"),
        urls::DOSSIERS,
        "dossiers",
        None,
    );
    let mut context = context(site_view, page);
    context.insert("topics", topics);
    pages.push(Page {
        path: urls::file(urls::DOSSIERS),
        template: "dossiers.html",
        context,
    });
    pages
}

/// One row of the motievolglijst.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MotionRow {
    pub motion: DocRef,
    pub vote_status: &'static str,
    pub status: StatusView,
    pub due: Option<crate::view::DateView>,
    pub answers: Vec<DocRef>,
    pub settled_by: Option<DocRef>,
    pub settled_on: Option<crate::view::DateView>,
    pub days_to_settle: Option<i32>,
    /// For a commitment: who made it.
    pub made_by: Option<String>,
}

/// Counts shown above the motievolglijst and on the home page.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct MotionCounts {
    pub total: usize,
    /// Of `total`, the commitments (toezeggingen): when there are any, the tracker is titled
    /// "Moties en toezeggingen".
    pub commitments: usize,
    /// Of `total`, the motions.
    pub motions: usize,
    pub open: usize,
    pub overdue: usize,
    pub settled: usize,
    pub other: usize,
}

pub(crate) fn motion_rows(views: &Views) -> (Vec<MotionRow>, MotionCounts) {
    let positions = views.site.motion_positions();
    let rows = positions.iter().filter_map(|&p| motion_row(views, p)).collect();
    (rows, motion_counts(views.site, &positions))
}

/// The counts above the motievolglijst, of the motions at `positions`.
fn motion_counts(site: &Site, positions: &[usize]) -> MotionCounts {
    let mut counts = MotionCounts::default();
    for &p in positions {
        let Some(state) = site.index.motions[p].as_ref() else {
            continue;
        };
        counts.total += 1;
        let commitment = site.documents[p].kind.commitment().is_some();
        counts.commitments += usize::from(commitment);
        counts.motions += usize::from(!commitment);
        match state.effective {
            EffectiveStatus::Afgedaan => counts.settled += 1,
            EffectiveStatus::Aangenomen | EffectiveStatus::Open => counts.open += 1,
            _ => counts.other += 1,
        }
        counts.overdue += usize::from(state.overdue);
    }
    counts
}

/// The row of the motion at `position`.
fn motion_row(views: &Views, position: usize) -> Option<MotionRow> {
    let site = views.site;
    let motion = site.documents[position].kind.motion()?;
    let state = site.index.motions[position].as_ref()?;
    let relations = RelationsView::new(position, views);
    Some(MotionRow {
        motion: views.doc_ref(position),
        vote_status: motion.status.slug(),
        status: StatusView::new(views.lang, state),
        due: motion.due.map(|d| views.day(d)),
        answers: relations.answers,
        settled_by: state.settlement.map(|s| views.doc_ref(s.by)),
        settled_on: state.settlement.map(|s| views.day(s.date)),
        days_to_settle: state.settlement.map(|s| s.days),
        made_by: site.documents[position]
            .kind
            .commitment()
            .and_then(|c| c.made_by.clone()),
    })
}

/// The motievolglijst: one table of every motion, newest first. Paginated only for very large
/// councils' archives (`motion_page_size` rows a page), so a normal list stays one page. Only
/// the pages whose number (from 1) `wanted` accepts are made.
pub(crate) fn motions_pages<'a>(
    views: &Views,
    site_view: &'a SiteView,
    wanted: impl Fn(usize) -> bool,
) -> Vec<Page<'a>> {
    let positions = views.site.motion_positions();
    let counts = motion_counts(views.site, &positions);
    let base = urls::MOTIONS;
    let size = views.site.config.motion_page_size.max(1);
    let chunks: Vec<&[usize]> = if positions.is_empty() {
        vec![&positions[..]]
    } else {
        positions.chunks(size).collect()
    };
    let description = Some(crate::t!(views.lang => "site.motions.description"));
    chunks
        .iter()
        .enumerate()
        .filter(|(i, _)| wanted(i + 1))
        .map(|(i, chunk)| {
            let path = urls::paged(base, i + 1);
            let title = if counts.commitments > 0 {
                crate::t!(views.lang => "site.motions.title_with_commitments")
            } else {
                crate::t!(views.lang => "site.nav.motions")
            };
            let title = if i == 0 {
                title
            } else {
                numbered_title(views, &title, i + 1)
            };
            let mut page = views.page_view(&title, &path, "motievolglijst", description.clone());
            if views.site.index.by_type.contains_key(&DocType::Motie) {
                page.feeds.push(feeds::type_feed_link(views, DocType::Motie));
            }
            let mut context = context(site_view, page);
            context.insert("calendar_url", views.url(urls::CALENDAR));
            context.insert("csv_url", views.url(urls::MOTIONS_CSV));
            let rows: Vec<MotionRow> = chunk.iter().filter_map(|&p| motion_row(views, p)).collect();
            context.insert("rows", rows);
            context.insert("counts", counts.clone());
            context.insert("as_of", views.day(views.site.as_of));
            context.insert("pagination", pagination(views, base, i + 1, chunks.len()));
            Page {
                path: urls::file(&path),
                template: "motions.html",
                context,
            }
        })
        .collect()
}

pub(crate) fn home_page<'a>(views: &Views, site_view: &'a SiteView) -> Page<'a> {
    let site = views.site;
    let latest: Vec<usize> = site.index.newest_first.iter().take(10).copied().collect();
    let types: Vec<TypeView> = site.index.by_type.keys().map(|&t| views.type_view(t)).collect();
    let topics: Vec<TopicView> = site.index.by_topic.keys().map(|t| views.topic(t)).collect();
    let (_, counts) = motion_rows(views);
    let page = views.page_view(&site.config.title, urls::HOME, "home", site.config.description.clone());
    let mut context = context(site_view, page);
    context.insert("stamp", &site_view.stamp);
    context.insert("latest", views.doc_refs(&latest));
    context.insert("types", types);
    context.insert("topics", topics);
    context.insert("motion_counts", counts);
    context.insert("document_count", site.documents.len());
    Page {
        path: urls::file(urls::HOME),
        template: "home.html",
        context,
    }
}

pub(crate) fn not_found_page<'a>(views: &Views, site_view: &'a SiteView) -> Page<'a> {
    let page = views.page_view(
        &crate::t!(views.lang => "site.not_found.title"),
        urls::NOT_FOUND,
        "",
        None,
    );
    Page {
        path: urls::file(urls::NOT_FOUND),
        template: "404.html",
        context: context(site_view, page),
    }
}

/// `/api/`: what the open data files, feeds, calendar and spreadsheet contain.
pub(crate) fn api_page<'a>(views: &Views, site_view: &'a SiteView) -> Page<'a> {
    let site = views.site;
    let description = Some(crate::t!(views.lang => "site.api.description", title = site.config.title));
    let page = views.page_view(&crate::t!(views.lang => "site.api.title"), urls::API, "", description);
    let mut context = context(site_view, page);
    context.insert("stamp", &site_view.stamp);
    let type_feeds: Vec<FeedLink> = site
        .index
        .by_type
        .keys()
        .map(|&t| feeds::type_feed_link(views, t))
        .collect();
    let topic_feeds: Vec<FeedLink> = site
        .index
        .by_topic
        .keys()
        .map(|t| feeds::topic_feed_link(views, t))
        .collect();
    let example_motion = site
        .index
        .by_type
        .get(&DocType::Motie)
        .and_then(|positions| positions.iter().find(|&&p| site.documents[p].withdrawn.is_none()))
        .map(|&p| (views.doc_ref(p), feeds::motion_feed_link(views, p)));
    context.insert("type_feeds", type_feeds);
    context.insert("topic_feeds", topic_feeds);
    context.insert("example_motion", example_motion.as_ref().map(|(doc, _)| doc.clone()));
    context.insert("example_motion_feed", example_motion.map(|(_, feed)| feed));
    context.insert("calendar_url", views.url(urls::CALENDAR));
    context.insert("csv_url", views.url(urls::MOTIONS_CSV));
    let schemas: Vec<serde_json::Value> = DocType::ALL
        .iter()
        .map(|&t| {
            let name = crate::schema::file_name(t);
            serde_json::json!({"url": views.url(&urls::schema(t)), "name": name})
        })
        .collect();
    context.insert("schemas", schemas);
    context.insert("feed_limit", feeds::FEED_LIMIT);
    context.insert("origin", site.config.site_origin().to_string());
    context.insert("woo", woo_view(views));
    Page {
        path: urls::file(urls::API),
        template: "api.html",
        context,
    }
}

/// What the open-data page says about the Woo index and the ORI API: the publisher, each
/// category's sitemap index with its count, where each type of document goes, the ORI files.
fn woo_view(views: &Views) -> serde_json::Value {
    let site = views.site;
    let lang = views.lang;
    let indexes: Vec<serde_json::Value> = crate::data::diwoo::indexed(site)
        .iter()
        .map(|(category, positions)| {
            let path = urls::diwoo_index(category.infocat);
            serde_json::json!({
                "url": views.url(&path),
                "name": path.trim_start_matches('/'),
                "article": category.article,
                "label": category.concept.label,
                "code": category.code(),
                "count": positions.len(),
            })
        })
        .collect();
    let types: Vec<serde_json::Value> = DocType::ALL
        .iter()
        .map(|&t| {
            let category = match site.config.woo.type_choice(t) {
                Some(crate::tooi::WooChoice::Category(c)) => format!("{} ({})", c.article, c.concept.label),
                Some(crate::tooi::WooChoice::NotIndexed) => crate::t!(lang => "site.api.woo_not_indexed"),
                None => crate::t!(lang => "site.api.woo_unset"),
            };
            serde_json::json!({"label": t.plural_label(lang), "category": category})
        })
        .collect();
    let ori: Vec<serde_json::Value> = if !crate::data::ori_api::published(site) {
        Vec::new()
    } else {
        urls::OriCollection::ALL
            .iter()
            .map(|&c| {
                let path = urls::ori_page(c, 1);
                serde_json::json!({"url": views.url(&path), "name": path.trim_start_matches('/')})
            })
            .collect()
    };
    serde_json::json!({
        "publisher": site.config.woo.publisher.as_ref().map(|p| p.label().to_string()),
        "indexes": indexes,
        "types": types,
        "ori": ori,
    })
}

/// The search page: a search box and filters, answered in the browser from the Pagefind index
/// (`search`); without JavaScript it says where else to look.
pub(crate) fn search_page<'a>(views: &Views, site_view: &'a SiteView) -> Page<'a> {
    let description = Some(crate::t!(views.lang => "site.search.description"));
    let page = views.page_view(
        &crate::t!(views.lang => "site.nav.search"),
        urls::SEARCH,
        "zoeken",
        description,
    );
    let mut context = context(site_view, page);
    context.insert("filters", crate::search::FilterChoices::of(views));
    context.insert("script_texts", crate::search::ScriptTexts::of(views.lang).to_json());
    // One index per year (see `search`), newest first: the first is the one the others merge into.
    let mut years: Vec<i16> = views.site.documents.iter().map(|d| d.date.year()).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let bundles: Vec<String> = years.iter().map(|&y| views.url(&urls::search_shard(y))).collect();
    context.insert("bundles", serde_json::to_string(&bundles).expect("strings serialise"));
    context.insert(
        "types",
        views
            .site
            .index
            .by_type
            .keys()
            .map(|&t| views.type_view(t))
            .collect::<Vec<_>>(),
    );
    Page {
        path: urls::file(urls::SEARCH),
        template: "search.html",
        context,
    }
}
