//! Findability and open data, built by the real binary from the `feeds-site` fixture in git:
//! `sitemap.xml` and `robots.txt`, JSON-LD and Open Graph on the pages, the motievolglijst as
//! CSV, the `/api/` page, and byte-identical builds of one commit.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support;
use crate::support::git::{commit_all, init_project_repo};
use crate::support::{build_ok, build_ok_with, documents_json, griffie, read, snapshot_tree, stderr};

const ORIGIN: &str = "https://raad.testdorp.nl/raad";
const SCRIPT_TITLE: &str = "Tarieven </script><script>alert(1)</script> & “zorg”, één; twee — een titel die zo lang is dat een agenda-regel gevouwen moet worden";

/// The fixture committed twice (a correction of a letter and a new due date of a motion:
/// their version 2), then built with PDFs.
fn built_repo() -> tempfile::TempDir {
    let dir = support::project("feeds-site");
    init_project_repo(dir.path(), &["again", "cached"]);
    commit_all(dir.path(), "Eerste publicatie", "2025-10-21T10:00:00+02:00");
    let letter = dir.path().join("content/raadsbrieven/antwoord.md");
    let text = std::fs::read_to_string(&letter).unwrap();
    std::fs::write(&letter, text.replace("Wij zijn begonnen", "Wij zijn in juni begonnen")).unwrap();
    let motion = dir.path().join("content/moties/script.md");
    let text = std::fs::read_to_string(&motion).unwrap();
    std::fs::write(&motion, text.replace("due: 2026-06-30", "due: 2026-09-30")).unwrap();
    commit_all(dir.path(), "Correctie", "2025-11-03T14:00:00+01:00");
    build_ok(dir.path());
    dir
}

/// Every HTML file of the output, as site-relative paths (`documenten/x/index.html`).
fn html_files(output: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(output)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// The absolute URL of an output file.
fn url_of(file: &str) -> String {
    format!("{ORIGIN}/{}", file.strip_suffix("index.html").unwrap_or(file))
}

#[test]
fn the_sitemap_lists_every_page_with_its_date_and_robots_txt_points_at_it() {
    let dir = built_repo();
    let output = dir.path().join("output");
    let expected: BTreeSet<String> = html_files(&output)
        .iter()
        .filter(|f| *f != "404.html")
        .map(|f| url_of(f))
        .collect();
    assert!(expected.contains(&format!("{ORIGIN}/documenten/raadsbrief-antwoord/v2/")));
    assert!(expected.contains(&format!("{ORIGIN}/api/")));

    let xml = read(dir.path(), "output/sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let mut listed = BTreeSet::new();
    for url in doc.root_element().children().filter(|c| c.is_element()) {
        let text = |name: &str| {
            url.children()
                .find(|c| c.has_tag_name((ns, name)))
                .and_then(|c| c.text())
                .map(str::to_string)
        };
        let loc = text("loc").expect("loc");
        let lastmod = text("lastmod").unwrap_or_else(|| panic!("{loc} has no lastmod"));
        assert!(
            lastmod.len() == 10 && jiff::civil::Date::strptime("%Y-%m-%d", &lastmod).is_ok(),
            "{lastmod}"
        );
        if loc.ends_with("/raadsbrief-antwoord/v2/") {
            assert_eq!(lastmod, "2025-11-03", "a version's commit date");
        }
        if loc.ends_with("/documenten/raadsbrief-geheim/") {
            assert_eq!(lastmod, "2025-10-21", "the latest of date, withdrawal and commit");
        }
        assert!(listed.insert(loc.clone()), "{loc} listed twice");
    }
    assert_eq!(listed, expected, "sitemap = every page but the 404 page");

    let robots = read(dir.path(), "output/robots.txt");
    assert!(robots.contains("User-agent: *\nAllow: /\n"), "{robots}");
    assert!(
        robots.lines().any(|l| l == format!("Sitemap: {ORIGIN}/sitemap.xml")),
        "{robots}"
    );
}

/// The JSON-LD of a page (its one `<script>` element).
fn json_ld(html: &str) -> serde_json::Value {
    let open = r#"<script type="application/ld+json">"#;
    let start = html.find(open).expect("a JSON-LD script") + open.len();
    let end = start + html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..end]).unwrap_or_else(|e| panic!("not JSON: {e}\n{}", &html[start..end]))
}

#[test]
fn json_ld_describes_the_document_and_a_script_in_its_title_stays_text() {
    let dir = built_repo();
    let html = read(dir.path(), "output/documenten/motie-script/index.html");
    assert_eq!(html.matches("<script").count(), 1, "only the JSON-LD element");
    assert_eq!(html.matches("</script>").count(), 1, "the title cannot close it");
    let ld = json_ld(&html);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "DigitalDocument");
    assert_eq!(ld["name"], SCRIPT_TITLE, "the exact title, escaped only as JSON");
    assert_eq!(
        ld["description"],
        "Samenvatting met <b>opmaak</b> & een regelscheiding\u{2028}hier."
    );
    assert_eq!(ld["url"], format!("{ORIGIN}/documenten/motie-script/"));
    assert_eq!(ld["inLanguage"], "nl");
    assert_eq!(ld["datePublished"], "2025-03-05");
    assert_eq!(ld["publisher"]["@type"], "GovernmentOrganization");
    assert_eq!(ld["publisher"]["name"], "Gemeente Testdorp");
    assert_eq!(ld["about"][0]["name"], "Jeugdzorg");
    assert_eq!(ld["about"][0]["url"], format!("{ORIGIN}/dossiers/jeugdzorg/"));
    assert_eq!(ld["identifier"][0]["value"], "motie-script");
    assert_eq!(ld["creativeWorkStatus"], "Aangenomen");
    let pdf = ld["encoding"]["contentUrl"].as_str().expect("the PDF");
    assert_eq!(ld["encoding"]["encodingFormat"], "application/pdf");
    let pdf_file = dir
        .path()
        .join("output")
        .join(pdf.strip_prefix(&format!("{ORIGIN}/")).unwrap());
    assert!(pdf_file.is_file(), "{pdf}");

    let corrected = json_ld(&read(dir.path(), "output/documenten/raadsbrief-antwoord/index.html"));
    assert_eq!(corrected["dateModified"], "2025-11-03");
    assert_eq!(corrected["version"], "2");

    let withdrawn = read(dir.path(), "output/documenten/raadsbrief-geheim/index.html");
    assert!(
        !withdrawn.contains("application/ld+json"),
        "a tombstone describes no document"
    );
}

/// The `content` of `<meta property="{property}">` in a page's head.
fn meta(html: &str, property: &str) -> Option<String> {
    let marker = format!(r#"<meta property="{property}" content=""#);
    let start = html.find(&marker)? + marker.len();
    Some(html[start..start + html[start..].find('"')?].to_string())
}

#[test]
fn every_page_has_open_graph_metadata() {
    let dir = built_repo();
    let output = dir.path().join("output");
    for file in html_files(&output) {
        let html = read(&output, &file);
        let head = &html[..html.find("</head>").unwrap()];
        for property in [
            "og:title",
            "og:type",
            "og:url",
            "og:site_name",
            "og:locale",
            "og:description",
        ] {
            assert!(
                meta(head, property).is_some_and(|v| !v.is_empty()),
                "{file}: no {property}"
            );
        }
        assert_eq!(meta(head, "og:locale").unwrap(), "nl_NL");
        assert_eq!(meta(head, "og:site_name").unwrap(), "Raadsinformatie Testdorp");
        if file != "404.html" {
            assert!(
                head.contains(&format!(
                    r#"<link rel="canonical" href="{}">"#,
                    meta(head, "og:url").unwrap()
                )),
                "{file}: og:url is the canonical URL"
            );
        }
    }
    let motion = read(&output, "documenten/motie-inkoop/index.html");
    assert_eq!(meta(&motion, "og:type").unwrap(), "article");
    assert_eq!(meta(&motion, "og:title").unwrap(), "Motie regionale inkoop");
    assert_eq!(
        meta(&motion, "og:description").unwrap(),
        "De raad wil de jeugdhulp regionaal inkopen."
    );
    assert_eq!(meta(&motion, "article:published_time").unwrap(), "2025-02-01");
    let home = read(&output, "index.html");
    assert_eq!(meta(&home, "og:type").unwrap(), "website");
    let withdrawn = read(&output, "documenten/raadsbrief-geheim/index.html");
    assert!(!withdrawn.contains("Geheime casus"));
}

#[test]
fn the_motions_csv_parses_and_matches_documents_json() {
    let dir = built_repo();
    let bytes = std::fs::read(dir.path().join("output/motievolglijst/moties.csv")).unwrap();
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("UTF-8 with BOM, for Excel");
    let text = std::str::from_utf8(body).unwrap();
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "RFC 4180 line ends"
    );
    // The header (a data contract: the same column names in every language), then the motions
    // newest first, as on the page: the title with markup, quotes, commas and semicolons quoted;
    // the answers in date order.
    insta::assert_snapshot!("motions_csv", text);
    let mut reader = csv::Reader::from_reader(body);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let documents = documents_json(dir.path());
    let motions: Vec<&serde_json::Value> = documents.values().filter(|d| d["type"] == "motie").collect();
    assert_eq!(rows.len(), motions.len());
    let text_of = |value: &serde_json::Value| match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    for row in &rows {
        let doc = &documents[&row[0]];
        assert_eq!(&row[1], doc["title"].as_str().unwrap());
        for (column, key) in [
            (2, "date"),
            (3, "status"),
            (4, "effective_status"),
            (5, "due"),
            (8, "settled_on"),
            (9, "days_to_settle"),
            (10, "overdue"),
        ] {
            assert_eq!(row[column], text_of(&doc[key]), "{} {key}", &row[0]);
        }
        let mut answers: Vec<String> = doc["responded_by"]
            .as_array()
            .unwrap()
            .iter()
            .chain(doc["settled_by"].as_array().unwrap())
            .map(text_of)
            .collect();
        answers.sort_by_key(|id| documents[id]["date"].as_str().unwrap().to_string());
        answers.dedup();
        assert_eq!(row[6], answers.join(";"));
        assert_eq!(row[7], doc["settled_by"].get(0).map(text_of).unwrap_or_default());
        assert_eq!(row[11], format!("{ORIGIN}{}", doc["url"].as_str().unwrap()));
    }
    assert_eq!(&rows[0][1], SCRIPT_TITLE, "quotes, commas and semicolons survive");

    let page = read(dir.path(), "output/motievolglijst/index.html");
    assert!(page.contains(r#"href="/raad/motievolglijst/moties.csv" type="text/csv" download"#));
}

#[test]
fn the_api_page_documents_every_file_and_every_page_links_it() {
    let dir = built_repo();
    let page = read(dir.path(), "output/api/index.html");
    for href in [
        "/raad/api/documents.json",
        "/raad/api/deleted.json",
        "/raad/api/build.json",
        "/raad/atom.xml",
        "/raad/moties/atom.xml",
        "/raad/dossiers/jeugdzorg/atom.xml",
        "/raad/documenten/motie-script/atom.xml",
        "/raad/motievolglijst/moties.ics",
        "/raad/motievolglijst/moties.csv",
        "/raad/schemas/motie.schema.json",
        "/raad/sitemap.xml",
        "/raad/robots.txt",
    ] {
        assert!(
            page.contains(&format!(r#"href="{href}""#)),
            "/api/ does not link {href}"
        );
        let file = dir.path().join("output").join(href.trim_start_matches("/raad/"));
        assert!(file.is_file(), "{href} does not exist");
    }
    for key in [
        "responded_by",
        "effective_status",
        "days_to_settle",
        "griffie_version",
        "answered_by",
    ] {
        assert!(page.contains(&format!("<code>{key}</code>")), "/api/ explains {key}");
    }
    for file in html_files(&dir.path().join("output")) {
        let html = read(&dir.path().join("output"), &file);
        let footer = &html[html.find("<footer").unwrap()..];
        assert!(
            footer.contains(r#"<a href="/raad/api/">"#),
            "{file} links /api/ in its footer"
        );
    }
}

/// The files of two outputs that differ (the build marker aside, which names its manifest).
fn differing(first: &Path, second: &Path) -> Vec<std::path::PathBuf> {
    let (first, second) = (snapshot_tree(first), snapshot_tree(second));
    first
        .keys()
        .chain(second.keys())
        .filter(|path| path.as_os_str() != ".griffie-output" && first.get(*path) != second.get(*path))
        .cloned()
        .collect()
}

#[test]
fn two_builds_of_one_commit_are_byte_identical_with_or_without_the_cache() {
    let dir = built_repo();
    let first = snapshot_tree(&dir.path().join("output"));
    assert!(
        dir.path().join(".griffie-cache/feeds/standings.json").is_file(),
        "what the motion versions say is kept for the next build"
    );
    let feed = read(dir.path(), "output/documenten/motie-script/atom.xml");
    assert!(feed.contains("De streefdatum is gewijzigd van 30 juni 2026 in 30 september 2026."));
    build_ok_with(dir.path(), &["--output", "cached"]);
    let cached = differing(&dir.path().join("output"), &dir.path().join("cached"));
    assert!(cached.is_empty(), "with the cache, differ: {cached:?}");
    std::fs::remove_dir_all(dir.path().join(".griffie-cache")).unwrap();
    build_ok_with(dir.path(), &["--output", "again"]);
    let new_files = [
        "atom.xml",
        "documenten/motie-inkoop/atom.xml",
        "motievolglijst/moties.ics",
        "motievolglijst/moties.csv",
        "sitemap.xml",
        "robots.txt",
        "api/index.html",
    ];
    for file in new_files {
        assert!(first.contains_key(Path::new(file)), "{file} is written");
    }
    let fresh = differing(&dir.path().join("output"), &dir.path().join("again"));
    assert!(fresh.is_empty(), "without the cache, differ: {fresh:?}");
}

#[test]
fn check_writes_no_feed_or_data_file() {
    let dir = support::project("feeds-site");
    let output = griffie(dir.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!dir.path().join("output").exists());
}
