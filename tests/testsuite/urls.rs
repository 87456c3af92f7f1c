//! The URL scheme (`griffie::urls`) against a real build: every template it declares is live
//! (some file of a rich site fills it), and every file a build writes is an address it knows.
//! Together they keep `urls` the one complete list of what the site publishes.

use std::collections::BTreeSet;
use std::path::Path;

use griffie::urls::{self, Template};

use crate::support::git::{commit_all, git, init_project_repo};
use crate::support::{build_ok, edit, project, read, snapshot_tree};

/// The templates no fixture is large enough for: a sitemap is split only above 50,000 URLs,
/// an ORI API collection above 500 objects (`data::sitemap`'s and `data::ori_api`'s unit tests
/// make the parts and pages and check them against `urls`).
const TOO_LARGE_FOR_A_FIXTURE: [Template; 2] = [Template::SitemapPart, Template::OriCollectionPage];

/// The browser fixture with the history `tests/browser/fixture-site` gives it (a correction, a
/// withdrawal, a deletion: version pages and PDFs, tombstones) and an accessibility statement:
/// a page of every kind.
fn every_kind_of_page() -> tempfile::TempDir {
    let dir = project("browser-site");
    let root = dir.path();
    let statement = read(
        &crate::support::repo_root().join("tests/fixtures/links-site"),
        "griffie.yaml",
    );
    let accessibility = &statement[statement.find("accessibility:").expect("links-site has a statement")..];
    let config = read(root, "griffie.yaml");
    std::fs::write(root.join("griffie.yaml"), format!("{config}{accessibility}")).unwrap();
    init_project_repo(root, &[]);
    commit_all(root, "Eerste publicatie", "2025-05-20T10:00:00+02:00");
    edit(root, "content/raadsbrieven/inkoop.md", "twee miljoen", "drie miljoen");
    commit_all(root, "Correctie bedrag", "2025-05-27T10:00:00+02:00");
    edit(
        root,
        "content/raadsbrieven/persoonsgegevens.md",
        "title: Casus jeugdhulp\n",
        "title: Casus jeugdhulp\nwithdrawn:\n  date: 2025-06-01\n  reason: Bevat persoonsgegevens\n",
    );
    commit_all(root, "Brief ingetrokken", "2025-06-01T10:00:00+02:00");
    git(root, &["rm", "-q", "content/brieven/dubbel.md"]);
    commit_all(root, "Dubbel document verwijderd", "2025-06-02T10:00:00+02:00");
    build_ok(root);
    dir
}

/// Every file of the built site, relative to the output folder with `/`, without the build's
/// own marker (which names its manifest; no page links it).
fn published_files(output: &Path) -> Vec<String> {
    snapshot_tree(output)
        .into_keys()
        .map(|path| path.to_string_lossy().replace('\\', "/"))
        .filter(|path| path != ".griffie-output")
        .collect()
}

#[test]
fn every_url_template_is_live_and_every_published_address_is_known() {
    let dir = every_kind_of_page();
    let output = dir.path().join("output");
    every_file_fills_a_template_and_every_template_a_file(&output);
    every_sitemap_address_is_a_page_of_the_site(&output);
}

fn every_file_fills_a_template_and_every_template_a_file(output: &Path) {
    let files = published_files(output);
    let unknown: Vec<&String> = files.iter().filter(|f| urls::parse(f).is_none()).collect();
    assert!(
        unknown.is_empty(),
        "files no template of `urls` describes: {unknown:#?}"
    );

    let live: BTreeSet<Template> = files
        .iter()
        .filter_map(|f| urls::parse(f))
        .map(|p| p.template())
        .collect();
    let dead: Vec<(Template, &str)> = Template::ALL
        .iter()
        .filter(|t| !live.contains(t) && !TOO_LARGE_FOR_A_FIXTURE.contains(t))
        .map(|&t| (t, t.pattern()))
        .collect();
    assert!(dead.is_empty(), "templates no file of the site fills: {dead:#?}");

    // A file reads back to itself, so parsing and making agree on every real address.
    for file in &files {
        let path = urls::parse(file).unwrap();
        assert_eq!(&path.file(), file, "{path:?}");
    }
}

/// The sitemap is made with `urls`' makers: each of its addresses parses back to itself and
/// names a page the build wrote.
fn every_sitemap_address_is_a_page_of_the_site(output: &Path) {
    let sitemap = read(output, "sitemap.xml");
    let locations: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</loc>").map(|(loc, _)| loc))
        .collect();
    assert!(locations.len() > 20, "{sitemap}");
    for location in locations {
        // The fixture lives under a base path: https://raad.testdorp.nl/raad/.
        let url = location.strip_prefix("https://raad.testdorp.nl/raad").expect(location);
        let path = urls::parse(url).unwrap_or_else(|| panic!("{url} is no address of `urls`"));
        assert_eq!(path.url(), url);
        assert!(output.join(path.file()).is_file(), "{url}: no {}", path.file());
    }
}
