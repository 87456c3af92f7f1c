//! Search (`render::search`, `templates/search.html`): the Pagefind indexes built in-process
//! into `pagefind/<year>/`, the search page and the header's search form, on the real binary. The browser
//! side (typing, filters, results) is checked by `tests/browser/` (see README).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::support::{build_ok, griffie, project, read, snapshot_tree, stderr, synthetic, under_base_path};

/// The index files of a built site (`output/pagefind/<year>/…`), gzip-compressed ones
/// decompressed, by path relative to `pagefind/`.
fn index_files(site: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot_tree(&site.join("pagefind"))
        .into_iter()
        .map(|(path, bytes)| {
            let compressed = ["pf_fragment", "pf_index", "pf_meta", "pf_filter"]
                .iter()
                .any(|ext| path.extension().is_some_and(|e| e == *ext));
            if !compressed {
                return (path, bytes);
            }
            let mut text = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut text)
                .unwrap_or_else(|e| panic!("{} is not gzip: {e}", path.display()));
            (path, text)
        })
        .collect()
}

/// Whether `path` (relative to `pagefind/`) is a fragment: `<year>/fragment/…`.
fn is_fragment(path: &Path) -> bool {
    path.components().nth(1).is_some_and(|c| c.as_os_str() == "fragment")
}

/// The fragments (one per document): Pagefind's JSON of the record, by its `url`.
fn fragments(site: &Path) -> BTreeMap<String, serde_json::Value> {
    index_files(site)
        .into_iter()
        .filter(|(path, _)| is_fragment(path))
        .map(|(_, bytes)| {
            let json = bytes.strip_prefix(b"pagefind_dcd").expect("Pagefind's file signature");
            let fragment: serde_json::Value = serde_json::from_slice(json).unwrap();
            (fragment["url"].as_str().unwrap().to_string(), fragment)
        })
        .collect()
}

#[test]
fn build_writes_a_dutch_search_index_per_year_with_one_record_per_document() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let site = dir.path().join("output");
    let years: Vec<String> = std::fs::read_dir(site.join("pagefind"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        years,
        ["2022", "2024", "2025"],
        "one index per year of the documents' dates"
    );
    let mut pages = 0;
    for year in &years {
        for file in [
            "pagefind.js",
            "pagefind-worker.js",
            "pagefind-entry.json",
            "wasm.nl.pagefind",
        ] {
            let path = format!("pagefind/{year}/{file}");
            assert!(site.join(&path).is_file(), "{path} is missing");
        }
        assert!(
            !site.join(format!("pagefind/{year}/pagefind-ui.js")).exists(),
            "the search page has its own script, not Pagefind's UI"
        );
        let entry: serde_json::Value =
            serde_json::from_str(&read(&site, &format!("pagefind/{year}/pagefind-entry.json"))).unwrap();
        assert_eq!(
            entry["languages"]["nl"]["wasm"], "nl",
            "Dutch stemming in the browser: {entry}"
        );
        pages += entry["languages"]["nl"]["page_count"].as_u64().unwrap();
    }
    assert_eq!(pages, 7);
    let in_2024: Vec<String> = fragments(&site)
        .into_iter()
        .filter(|(_, f)| f["filters"]["year"] == serde_json::json!(["2024"]))
        .map(|(url, _)| url)
        .collect();
    let entry_2024: serde_json::Value =
        serde_json::from_str(&read(&site, "pagefind/2024/pagefind-entry.json")).unwrap();
    assert_eq!(
        entry_2024["languages"]["nl"]["page_count"],
        in_2024.len() as u64,
        "{in_2024:?}"
    );

    let fragments = fragments(&site);
    assert_eq!(fragments.len(), 7, "{:?}", fragments.keys());
    let motion = &fragments["/documenten/motie-speeltuinen/"];
    assert_eq!(motion["meta"]["title"], "Veilige speeltuinen");
    assert_eq!(motion["meta"]["type"], "Motie");
    assert_eq!(motion["meta"]["date"], "2024-03-14");
    assert_eq!(motion["filters"]["type"], serde_json::json!(["Motie"]));
    assert_eq!(motion["filters"]["year"], serde_json::json!(["2024"]));
    assert_eq!(motion["filters"]["topic"], serde_json::json!(["Jeugdzorg"]));
    assert!(
        motion["filters"]["status"].is_array(),
        "a motion has its effective status: {motion}"
    );
    assert!(motion["content"]
        .as_str()
        .unwrap()
        .contains("alle speeltuinen te keuren"));
    let letter = &fragments["/documenten/raadsbrief-inkoop/"];
    assert!(
        letter["filters"].get("status").is_none(),
        "only motions and amendments have a status"
    );
}

#[test]
fn search_page_and_header_form_honour_the_base_path() {
    let dir = project("valid-site");
    under_base_path(dir.path());
    build_ok(dir.path());
    let site = dir.path().join("output");

    let document = read(&site, "documenten/raadsbrief-wijkcoaches/index.html");
    assert!(
        document.contains(r#"<form class="site-search" role="search""#),
        "header form on every page"
    );
    assert!(document.contains(r#"action="/raad/zoeken/" method="get""#));
    assert!(document.contains(r#"name="q""#));
    assert!(
        document.contains(r#"<li><a href="/raad/zoeken/">Zoeken</a></li>"#),
        "in the navigation"
    );

    let search = read(&site, "zoeken/index.html");
    assert_eq!(
        search.matches(r#"name="q""#).count(),
        1,
        "one search box: no header form on the search page"
    );
    assert!(
        search.contains(r#"data-bundles="[&quot;/raad/pagefind/2025/&quot;,&quot;/raad/pagefind/2024/&quot;,&quot;/raad/pagefind/2022/&quot;]" data-base="/raad/""#),
        "the years' indexes, newest first"
    );
    assert!(search.contains(r#"<script type="module" src="/raad/static/zoeken.js"></script>"#));
    assert!(search.contains(r#"<a href="/raad/zoeken/" aria-current="page">Zoeken</a>"#));
    assert!(search.contains(r#"<label for="zoeken__vraag">"#) || search.contains(r#"for="zoeken__vraag""#));
    assert!(search.contains(r#"role="status" aria-live="polite""#));
    for (name, filter) in [
        ("soort", "type"),
        ("jaar", "year"),
        ("status", "status"),
        ("dossier", "topic"),
    ] {
        assert!(
            search.contains(&format!(r#"name="{name}" data-filter="{filter}""#)),
            "filter {filter} is missing"
        );
    }
    assert!(search.contains("<option>Motie</option>") && search.contains("<option>2024</option>"));
    assert!(search.contains("<option>Jeugdzorg</option>"));
    // Without JavaScript: what to do instead, with links that carry the base path.
    let noscript = &search[search.find("<noscript>").unwrap()..search.find("</noscript>").unwrap()];
    assert!(noscript.contains("Zoeken werkt alleen met JavaScript"));
    for link in [
        "/raad/moties/",
        "/raad/dossiers/",
        "/raad/motievolglijst/",
        "/raad/api/documents.json",
    ] {
        assert!(search.contains(&format!(r#"href="{link}""#)), "no link to {link}");
    }
    assert!(site.join("static/zoeken.js").is_file());

    // Records carry site paths; the page's script puts the base path in front (data-base).
    assert!(fragments(&site).contains_key("/documenten/raadsbrief-wijkcoaches/"));
}

#[test]
fn withdrawn_document_text_never_reaches_the_index() {
    let dir = project("valid-site");
    let source = dir.path().join("content/moties/motie-speeltuinen.md");
    let text = std::fs::read_to_string(&source).unwrap().replace(
        "topics: [jeugdzorg]\n",
        "topics: [jeugdzorg]\nwithdrawn:\n  date: 2024-05-01\n  reason: Bevat persoonsgegevens\n",
    );
    std::fs::write(&source, text).unwrap();
    build_ok(dir.path());
    let site = dir.path().join("output");

    let fragments = fragments(&site);
    let withdrawn = &fragments["/documenten/motie-speeltuinen/"];
    assert_eq!(withdrawn["meta"]["title"], "Ingetrokken document");
    assert_eq!(withdrawn["content"], "Ingetrokken document");
    // Its id stays public (the tombstone's address, in every fragment's `url`); no word of its
    // title or text may be anywhere else: fragments, word index, metadata, filters.
    for (path, bytes) in index_files(&site) {
        let mut text = String::from_utf8_lossy(&bytes).to_lowercase();
        if is_fragment(&path) {
            text = text.replace("/documenten/motie-speeltuinen/", "");
        }
        for word in ["speeltuin", "keuren"] {
            assert!(
                !text.contains(word),
                "{word:?} of the withdrawn motion is in pagefind/{}",
                path.display()
            );
        }
    }
}

/// Pagefind makes the same bytes from the same records, so an index taken from the cache
/// (`.griffie-cache/search/`) equals one made anew: a build without the cache is byte-identical.
#[test]
fn two_builds_give_identical_search_index_files_with_or_without_the_cache() {
    let (dir, _) = synthetic(300, 11);
    let cache = dir.path().join(".griffie-cache/search");
    // Made, made again without the cache, then taken from the cache.
    for output in ["first", "second", "cached"] {
        if output == "second" {
            std::fs::remove_dir_all(&cache).unwrap();
        }
        let run = griffie(dir.path(), &["build", "--no-pdf", "--output", output]);
        assert!(run.status.success(), "{}", stderr(&run));
        let entries = std::fs::read_dir(&cache).unwrap().count();
        let years = std::fs::read_dir(dir.path().join(output).join("pagefind"))
            .unwrap()
            .count();
        assert!(years > 1, "the corpus spans years");
        assert_eq!(
            entries, years,
            "one cache entry per year's index for one version of the sources"
        );
    }
    let first = snapshot_tree(&dir.path().join("first"));
    let index: Vec<&PathBuf> = first.keys().filter(|p| p.starts_with("pagefind")).collect();
    assert!(index.len() > 300, "one fragment per document and more: {}", index.len());
    for other in ["second", "cached"] {
        let other = snapshot_tree(&dir.path().join(other));
        assert_eq!(first.keys().collect::<Vec<_>>(), other.keys().collect::<Vec<_>>());
        let differing: Vec<&PathBuf> = first.keys().filter(|p| first[*p] != other[*p]).collect();
        assert!(differing.is_empty(), "bytes differ between two builds: {differing:?}");
    }
}

#[test]
fn check_writes_no_search_index() {
    let dir = project("valid-site");
    let run = griffie(dir.path(), &["check"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!dir.path().join("output").exists());
}
