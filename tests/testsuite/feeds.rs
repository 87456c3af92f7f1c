//! The Atom feeds and the iCalendar feed of motion due dates, built by the real binary from the
//! `feeds-site` fixture (under the base path `/raad/`), read back as XML and as iCalendar lines.

use std::path::Path;

use crate::support;
use crate::support::git::{commit_all, init_project_repo};
use crate::support::{build_ok_with, read, without_version};

const ORIGIN: &str = "https://raad.testdorp.nl/raad";
const ATOM: &str = "http://www.w3.org/2005/Atom";

fn build(dir: &Path) {
    build_ok_with(dir, &["--no-pdf"]);
}

fn built_site() -> tempfile::TempDir {
    let dir = support::project("feeds-site");
    build(dir.path());
    dir
}

/// A feed's entries: (id, title, link, published, updated, summary).
#[derive(Debug)]
struct EntryData {
    id: String,
    title: String,
    link: String,
    published: String,
    updated: String,
    summary: Option<String>,
}

fn child_text(node: roxmltree::Node, name: &str) -> Option<String> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .map(|c| c.text().unwrap_or_default().to_string())
}

fn entries(xml: &str) -> Vec<EntryData> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML: {e}\n{xml}"));
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "root is an Atom feed");
    feed.children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|entry| EntryData {
            id: child_text(entry, "id").expect("entry id"),
            title: child_text(entry, "title").expect("entry title"),
            link: entry
                .children()
                .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("alternate"))
                .and_then(|l| l.attribute("href"))
                .expect("entry link")
                .to_string(),
            published: child_text(entry, "published").expect("published"),
            updated: child_text(entry, "updated").expect("updated"),
            summary: child_text(entry, "summary"),
        })
        .collect()
}

/// RFC 3339 in UTC as griffie writes it: `2025-02-01T00:00:00Z`.
fn is_rfc3339(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 20
        && text.ends_with('Z')
        && bytes[10] == b'T'
        && text[..10].split('-').count() == 3
        && text[11..19].split(':').count() == 3
}

fn site_relative(url: &str) -> &str {
    url.strip_prefix(ORIGIN)
        .unwrap_or_else(|| panic!("{url} is not absolute under {ORIGIN}"))
}

/// The output file a URL of the site leads to.
fn file_of(dir: &Path, url: &str) -> std::path::PathBuf {
    let path = site_relative(url).trim_start_matches('/');
    let file = dir.join("output").join(path);
    if path.is_empty() || path.ends_with('/') {
        file.join("index.html")
    } else {
        file
    }
}

#[test]
fn site_type_and_dossier_feeds_are_atom_with_absolute_urls_newest_first() {
    let dir = built_site();
    let site = read(dir.path(), "output/atom.xml");
    let doc = roxmltree::Document::parse(&site).unwrap();
    let feed = doc.root_element();
    assert_eq!(
        feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("nl")
    );
    assert_eq!(child_text(feed, "id").unwrap(), format!("{ORIGIN}/atom.xml"));
    let self_link = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .unwrap();
    assert_eq!(self_link.attribute("href"), Some(format!("{ORIGIN}/atom.xml").as_str()));
    let author = feed.children().find(|c| c.has_tag_name((ATOM, "author"))).unwrap();
    assert_eq!(child_text(author, "name").unwrap(), "Gemeente Testdorp");

    let all = entries(&site);
    assert_eq!(all.len(), 6, "every document: {all:#?}");
    for entry in &all {
        assert!(is_rfc3339(&entry.published) && is_rfc3339(&entry.updated), "{entry:?}");
        assert!(entry.updated >= entry.published, "{entry:?}");
        assert_eq!(entry.id, entry.link, "the canonical URL is the id");
        assert!(
            file_of(dir.path(), &entry.link).is_file(),
            "{} leads nowhere",
            entry.link
        );
    }
    let published: Vec<&str> = all.iter().map(|e| e.published.as_str()).collect();
    let mut sorted = published.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(published, sorted, "newest first");
    let newest_update = all.iter().map(|e| e.updated.clone()).max().unwrap();
    assert_eq!(child_text(feed, "updated").unwrap(), newest_update);
    assert_eq!(
        newest_update, "2025-10-20T00:00:00Z",
        "the withdrawal is the latest change"
    );

    let motions = entries(&read(dir.path(), "output/moties/atom.xml"));
    let ids: Vec<&str> = motions.iter().map(|e| site_relative(&e.id)).collect();
    assert_eq!(
        ids,
        [
            "/documenten/motie-script/",
            "/documenten/motie-verworpen/",
            "/documenten/motie-inkoop/"
        ]
    );
    let letters = entries(&read(dir.path(), "output/raadsbrieven/atom.xml"));
    assert_eq!(letters.len(), 3);
    let dossier = entries(&read(dir.path(), "output/dossiers/jeugdzorg/atom.xml"));
    assert_eq!(dossier.len(), 5, "the motion without topic is not in the dossier");
    let script = all.iter().find(|e| e.id.ends_with("/motie-script/")).unwrap();
    assert!(script
        .title
        .starts_with("Tarieven </script><script>alert(1)</script> & “zorg”"));
    assert!(site.contains("Tarieven &lt;/script&gt;"), "escaped in the XML text");
}

#[test]
fn a_withdrawn_document_appears_only_as_its_public_title() {
    let dir = built_site();
    for feed in ["atom.xml", "raadsbrieven/atom.xml", "dossiers/jeugdzorg/atom.xml"] {
        let xml = read(dir.path(), &format!("output/{feed}"));
        for secret in ["Geheime casus", "niet meer mag verschijnen", "persoonsgegevens"] {
            assert!(!xml.contains(secret), "{feed} shows {secret:?}");
        }
        let withdrawn = entries(&xml)
            .into_iter()
            .find(|e| e.id.ends_with("/documenten/raadsbrief-geheim/"))
            .unwrap_or_else(|| panic!("{feed} lists the withdrawn letter (its place stays visible)"));
        assert_eq!(withdrawn.title, "Ingetrokken document");
        assert_eq!(withdrawn.summary, None);
        assert_eq!(withdrawn.published, "2025-10-01T00:00:00Z");
        assert_eq!(withdrawn.updated, "2025-10-20T00:00:00Z");
    }
}

#[test]
fn pages_link_their_feeds_in_the_head_and_visibly() {
    let dir = built_site();
    let has_alternate = |page: &str, href: &str| {
        let html = read(dir.path(), &format!("output/{page}"));
        let head = &html[..html.find("</head>").unwrap()];
        head.lines().any(|line| {
            line.starts_with(r#"<link rel="alternate" type="application/atom+xml" title=""#)
                && line.ends_with(&format!(r#"" href="{href}">"#))
        })
    };
    for page in [
        "index.html",
        "404.html",
        "motievolglijst/index.html",
        "documenten/raadsbrief-antwoord/index.html",
        "documenten/raadsbrief-geheim/index.html",
    ] {
        assert!(has_alternate(page, "/raad/atom.xml"), "{page} links the site feed");
    }
    assert!(has_alternate("raadsbrieven/index.html", "/raad/raadsbrieven/atom.xml"));
    assert!(has_alternate(
        "raadsbrieven/pagina/2/index.html",
        "/raad/raadsbrieven/atom.xml"
    ));
    assert!(has_alternate(
        "dossiers/jeugdzorg/index.html",
        "/raad/dossiers/jeugdzorg/atom.xml"
    ));
    assert!(has_alternate(
        "documenten/motie-inkoop/index.html",
        "/raad/documenten/motie-inkoop/atom.xml"
    ));
    assert!(!has_alternate(
        "documenten/raadsbrief-antwoord/index.html",
        "/raad/documenten/raadsbrief-antwoord/atom.xml"
    ));
    let motion = read(dir.path(), "output/documenten/motie-inkoop/index.html");
    assert!(motion.contains(
        r#"<a href="/raad/documenten/motie-inkoop/atom.xml" type="application/atom+xml">Volg deze motie via RSS/Atom</a>"#
    ));
    let list = read(dir.path(), "output/raadsbrieven/index.html");
    assert!(list.contains(
        r#"<a href="/raad/raadsbrieven/atom.xml" type="application/atom+xml">Volg nieuwe raadsbrieven via RSS/Atom</a>"#
    ));
    let footer = &list[list.find("<footer").unwrap()..];
    assert!(footer.contains(r#"<a href="/raad/atom.xml" type="application/atom+xml">"#));
}

const MOTION_SUBMITTED: &str = "---
id: motie-inkoop
type: motie
title: Motie regionale inkoop
date: 2025-02-01
status: ingediend
summary: De raad wil de jeugdhulp regionaal inkopen.
topics: [jeugdzorg]
---

## Verzoekt het college

- de inkoop van jeugdhulp regionaal te organiseren.
";

/// The fixture in git: first the motion as submitted (the letters already there), then the
/// vote ("aangenomen", with a due date) as version 2.
fn repo_with_a_vote() -> tempfile::TempDir {
    let dir = support::project("feeds-site");
    let motion = dir.path().join("content/moties/inkoop.md");
    let adopted = std::fs::read_to_string(&motion).unwrap();
    std::fs::write(&motion, MOTION_SUBMITTED).unwrap();
    init_project_repo(dir.path(), &[]);
    commit_all(dir.path(), "Eerste publicatie", "2025-02-01T10:00:00+01:00");
    std::fs::write(&motion, adopted).unwrap();
    commit_all(dir.path(), "Uitslag van de stemming", "2025-02-10T09:30:00+01:00");
    dir
}

#[test]
fn a_motion_feed_follows_its_answers_settlement_and_status_changes() {
    let dir = repo_with_a_vote();
    build(dir.path());
    let xml = read(dir.path(), "output/documenten/motie-inkoop/atom.xml");
    // Newest first: the settling letter ("Motie afgedaan", 226 days after the meeting), the
    // answer, the vote as version 2 (from "ingediend" to "aangenomen", due date 31 December 2025,
    // at the commit's time in UTC), and the motion itself, updated at its last version. No entry
    // for version 1, which changed nothing.
    insta::assert_snapshot!("motion_feed", without_version(&xml));
    let change = entries(&xml)
        .into_iter()
        .find(|e| e.id == format!("{ORIGIN}/documenten/motie-inkoop/v2/"))
        .unwrap_or_else(|| panic!("no entry for version 2 in\n{xml}"));
    assert!(file_of(dir.path(), &change.link).is_file(), "the version page exists");

    // A motion whose versions never changed its standing has no status entries.
    let other = entries(&read(dir.path(), "output/documenten/motie-script/atom.xml"));
    assert_eq!(other.len(), 1);
}

/// The calendar's content lines, unfolded, after checking the line ends and the folding.
fn unfolded_lines(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "every line ends with CRLF");
    let physical: Vec<&str> = ics.trim_end_matches("\r\n").split("\r\n").collect();
    for line in &physical {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let mut lines: Vec<String> = Vec::new();
    for line in physical {
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a continuation follows a line").push_str(rest),
            None => lines.push(line.to_string()),
        }
    }
    lines
}

/// An escaped TEXT value back to text.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("a value ends in a lone backslash: {value}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_calendar_has_an_all_day_event_per_adopted_motion_folded_and_escaped() {
    let dir = built_site();
    let ics = read(dir.path(), "output/motievolglijst/moties.ics");
    let lines = unfolded_lines(&ics);
    // Two all-day events, for the adopted motions only (not the rejected one), each ending the
    // next day (exclusive); stamped with the date of the settling letter or of the motion; the
    // long summary folded at 75 octets, its commas and semicolons escaped.
    insta::assert_snapshot!("motions_calendar", without_version(&ics));
    let summaries: Vec<String> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("SUMMARY:"))
        .map(unescape)
        .collect();
    assert_eq!(
        summaries,
        [
            "Streefdatum motie (afgedaan): Motie regionale inkoop",
            "Streefdatum motie: Tarieven </script><script>alert(1)</script> & “zorg”, één; twee — een titel die zo lang is dat een agenda-regel gevouwen moet worden"
        ],
        "unfolded and unescaped, the titles as written"
    );

    let motions = read(dir.path(), "output/motievolglijst/index.html");
    assert!(motions.contains(r#"href="/raad/motievolglijst/moties.ics" type="text/calendar""#));
}

/// A feed holds only the newest 50 of its documents, newest first and, on the same day, by URL.
/// On a generated site of 240 documents outside git (so a document's `updated` is its date),
/// the site feed's entries are exactly the first 50 of all documents in that order.
#[test]
fn the_site_feed_holds_the_newest_fifty_documents_in_order() {
    let (dir, summary) = support::synthetic(240, 7);
    build(dir.path());
    let json = read(dir.path(), "output/api/documents.json");
    let documents: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(documents.len(), summary.documents);
    assert!(
        documents.iter().all(|d| d["withdrawn"].is_null()),
        "no withdrawals, so the date alone orders the documents"
    );
    let mut expected: Vec<(&str, &str)> = documents
        .iter()
        .map(|d| (d["date"].as_str().unwrap(), d["url"].as_str().unwrap()))
        .collect();
    expected.sort_by(|a, b| b.0.cmp(a.0).then_with(|| a.1.cmp(b.1)));
    let same_day = expected.windows(2).filter(|pair| pair[0].0 == pair[1].0).count();
    assert!(
        same_day > 0,
        "the corpus has documents of the same day, so the tie-break is tested"
    );
    let feed = entries(&read(dir.path(), "output/atom.xml"));
    let links: Vec<&str> = feed.iter().map(|e| e.link.as_str()).collect();
    assert_eq!(links.len(), 50);
    for (link, (_, url)) in links.iter().zip(&expected) {
        assert!(link.ends_with(url), "{link} is not {url}: the feed is {links:#?}");
    }
}
