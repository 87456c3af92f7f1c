//! The open-government exports, built by the real binary from the `council-site` fixture and
//! the bundled corpus: the Woo settings in `griffie.yaml` and front matter and their mistakes,
//! the DiWoo sitemaps the Woo index harvests (with the rules their XSD cannot express), the
//! static ORI API (every object against the vendored OpenAPI schemas), and `griffie export
//! ori-a` (checksums, identifiers, withdrawn documents, determinism). The XSD validation itself
//! is `standards_validate_the_built_exports`, with the vendored schemas (tests/standards/).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::support::{build_ok, edit, griffie, project, read, repo_root, snapshot_tree, stderr, with_code, write};

/// The `--format json` report of `griffie check` in `dir`.
fn check_json(dir: &Path) -> serde_json::Value {
    let output = griffie(dir, &["check", "--no-pdf", "--format", "json"]);
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

fn line_of(d: &serde_json::Value) -> (String, u64) {
    (
        d["path"].as_str().unwrap().to_string(),
        d["location"]["line"].as_u64().unwrap_or(0),
    )
}

/// The `<url>` entries of a DiWoo sitemap: `loc` → the element's XML text.
fn urls_of(xml: &str) -> BTreeMap<String, String> {
    let doc = roxmltree::Document::parse(xml).expect("a sitemap parses as XML");
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name("url"))
        .map(|url| {
            let loc = url.children().find(|n| n.has_tag_name("loc")).unwrap().text().unwrap();
            (loc.to_string(), xml[url.range()].to_string())
        })
        .collect()
}

const PDF: &str = "https://raad.voorbeeldstad.example/documenten";

#[test]
fn robots_lists_one_sitemap_index_per_category_and_each_lists_the_pdfs_of_its_documents() {
    let dir = project("council-site");
    build_ok(dir.path());
    let robots = read(dir.path(), "output/robots.txt");
    assert!(robots.contains("Sitemap: https://raad.voorbeeldstad.example/sitemapindex-diwoo-infocat006.xml\n"));
    assert!(robots.contains("Sitemap: https://raad.voorbeeldstad.example/sitemapindex-diwoo-infocat008.xml\n"));
    assert!(robots.contains("Sitemap: https://raad.voorbeeldstad.example/sitemap.xml\n"));

    let index = read(dir.path(), "output/sitemapindex-diwoo-infocat006.xml");
    assert!(index.contains("<loc>https://raad.voorbeeldstad.example/diwoo/infocat006-1.xml</loc>"));
    // Ingekomen stukken (3.3.2a): the council's letters, received by the council.
    let received = urls_of(&read(dir.path(), "output/diwoo/infocat006-1.xml"));
    assert_eq!(
        received.keys().collect::<Vec<_>>(),
        [
            &format!("{PDF}/raadsbrief-speelplekkenkaart/raadsbrief-speelplekkenkaart.pdf"),
            &format!("{PDF}/raadsbrief-speeltuinen/raadsbrief-speeltuinen.pdf"),
        ]
    );
    let letter = &received[&format!("{PDF}/raadsbrief-speeltuinen/raadsbrief-speeltuinen.pdf")];
    for expected in [
        // The name the TOOI register gives the organisation (the fixture borrows Almelo's code).
        "<diwoo:publisher resource=\"https://identifier.overheid.nl/tooi/id/gemeente/gm0141\">gemeente Almelo</diwoo:publisher>",
        "<diwoo:officieleTitel>Uitvoering motie speeltuinen</diwoo:officieleTitel>",
        "<diwoo:informatiecategorie resource=\"https://identifier.overheid.nl/tooi/def/thes/kern/c_8c840238\">bij vertegenwoordigende organen ingekomen stukken</diwoo:informatiecategorie>",
        "<diwoo:documentsoort resource=\"https://identifier.overheid.nl/tooi/def/thes/kern/c_7652d853\">brief</diwoo:documentsoort>",
        "<diwoo:creatiedatum>2025-11-03</diwoo:creatiedatum>",
        "<diwoo:soortHandeling resource=\"https://identifier.overheid.nl/tooi/def/thes/kern/c_dfcee535\">ontvangst</diwoo:soortHandeling>",
        "<diwoo:atTime>2025-11-03T00:00:00Z</diwoo:atTime>",
        "<diwoo:language resource=\"http://publications.europa.eu/resource/authority/language/NLD\">Nederlands</diwoo:language>",
        "<diwoo:format resource=\"http://publications.europa.eu/resource/authority/file-type/PDF\">PDF</diwoo:format>",
        // The motion it answers, by the address of its own PDF.
        "<diwoo:role resource=\"https://identifier.overheid.nl/tooi/def/thes/kern/c_07748060\">is reactie op</diwoo:role>",
        "<diwoo:relation resource=\"https://raad.voorbeeldstad.example/documenten/motie-speeltuinen/motie-speeltuinen.pdf\">Speeltuinen in elke wijk</diwoo:relation>",
    ] {
        assert!(letter.contains(expected), "{expected}\nin\n{letter}");
    }
    // In the order the sitemaps.org XSD wants: loc, lastmod, then the DiWoo document.
    let (loc, lastmod, document) = (
        letter.find("<loc>"),
        letter.find("<lastmod>"),
        letter.find("<diwoo:Document>"),
    );
    assert!(loc < lastmod && lastmod < document);

    // Vergaderstukken (3.3.2c): motions, amendments, the proposal, its decision, the meeting
    // with text; the planned meeting without text (a record) is not a file the index can link.
    let meeting_documents = urls_of(&read(dir.path(), "output/diwoo/infocat008-1.xml"));
    let ids: Vec<&str> = meeting_documents
        .keys()
        .map(|loc| loc.rsplit('/').next().unwrap().trim_end_matches(".pdf"))
        .collect();
    assert_eq!(
        ids,
        [
            "amendement-speelruimte-schrappen",
            "amendement-speelruimte-wijken",
            "besluit-speelruimteplan",
            "motie-fietspaden",
            "motie-speeltuinen",
            "raad-2025-06-12",
            "raadsvoorstel-speelruimteplan",
        ]
    );
    let adopted = &meeting_documents[&format!("{PDF}/motie-speeltuinen/motie-speeltuinen.pdf")];
    assert!(adopted.contains(">motie</diwoo:documentsoort>"));
    assert!(
        adopted.contains(">ondertekening</diwoo:soortHandeling>")
            && adopted.contains(">vaststelling</diwoo:soortHandeling>")
    );
    assert!(adopted
        .contains("<diwoo:naamOpsteller>A. de Vries (Stadspartij), B. Bakker (GroenLinks)</diwoo:naamOpsteller>"));
    // A rejected motion was signed, never adopted.
    let rejected = &meeting_documents[&format!("{PDF}/motie-fietspaden/motie-fietspaden.pdf")];
    assert!(rejected.contains(">ondertekening</diwoo:soortHandeling>") && !rejected.contains(">vaststelling<"));
    // Commitments are not documents of their own in the index (the minutes are).
    assert!(!dir.path().join("output/sitemapindex-diwoo-infocat017.xml").exists());
    assert!(!meeting_documents.keys().any(|loc| loc.contains("toezegging")));
}

#[test]
fn every_loc_is_an_https_pdf_of_the_site_and_every_coded_element_carries_its_tooi_uri() {
    let dir = project("council-site");
    build_ok(dir.path());
    let output = dir.path().join("output");
    let mut coded = 0;
    for index in ["sitemapindex-diwoo-infocat006.xml", "sitemapindex-diwoo-infocat008.xml"] {
        let xml = read(&output, index);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for loc in doc.descendants().filter(|n| n.has_tag_name("loc")) {
            let part = loc
                .text()
                .unwrap()
                .strip_prefix("https://raad.voorbeeldstad.example/")
                .unwrap();
            let sitemap = read(&output, part);
            let urls = urls_of(&sitemap);
            assert!(!urls.is_empty() && urls.len() <= 50_000);
            assert!(sitemap.len() <= 50 * 1024 * 1024);
            for loc in urls.keys() {
                let file = loc
                    .strip_prefix("https://raad.voorbeeldstad.example/")
                    .expect("https, on the site");
                assert!(std::fs::read(output.join(file)).unwrap().starts_with(b"%PDF-"), "{loc}");
            }
            let parsed = roxmltree::Document::parse(&sitemap).unwrap();
            for element in parsed.descendants().filter(|n| {
                [
                    "publisher",
                    "verantwoordelijke",
                    "informatiecategorie",
                    "documentsoort",
                    "soortHandeling",
                    "language",
                    "format",
                    "role",
                ]
                .iter()
                .any(|name| n.has_tag_name(("https://standaarden.overheid.nl/diwoo/metadata/", *name)))
            }) {
                let resource = element
                    .attribute("resource")
                    .expect("every coded element has its resource");
                assert!(
                    resource.starts_with("https://identifier.overheid.nl/tooi/")
                        || resource.starts_with("http://publications.europa.eu/resource/authority/")
                );
                assert!(!element.text().unwrap_or_default().trim().is_empty());
                coded += 1;
            }
        }
    }
    assert!(coded > 50, "{coded} coded elements");
}

#[test]
fn a_withdrawn_document_leaves_the_index_and_the_ori_api() {
    let dir = project("council-site");
    build_ok(dir.path());
    let before = read(dir.path(), "output/diwoo/infocat006-1.xml");
    assert!(before.contains("raadsbrief-speelplekkenkaart.pdf"));
    let informatieobjecten = read(dir.path(), "output/api/ori/informatieobjecten.json");
    assert!(informatieobjecten.contains("/documenten/raadsbrief-speelplekkenkaart/"));

    edit(
        dir.path(),
        "content/raadsbrieven/raadsbrief-speelplekkenkaart.md",
        "type: raadsbrief\n",
        "type: raadsbrief\nwithdrawn:\n  date: 2026-01-15\n  reason: Bevatte een adres van een inwoner.\n",
    );
    build_ok(dir.path());
    let after = read(dir.path(), "output/diwoo/infocat006-1.xml");
    assert!(!after.contains("speelplekkenkaart"), "{after}");
    assert!(after.contains("raadsbrief-speeltuinen.pdf"));
    // The index's lastmod moves, so the Woo index harvests the sitemap again.
    let lastmod = |xml: &str| xml[xml.find("<lastmod>").unwrap()..xml.find("</lastmod>").unwrap()].to_string();
    let index = read(dir.path(), "output/sitemapindex-diwoo-infocat006.xml");
    assert!(lastmod(&index).contains("2026-01-15"), "{index}");
    let informatieobjecten = read(dir.path(), "output/api/ori/informatieobjecten.json");
    assert!(!informatieobjecten.contains("speelplekkenkaart"));
    assert!(!informatieobjecten.contains("adres van een inwoner"));
}

#[test]
fn woo_category_moves_a_document_and_geen_keeps_it_out() {
    let dir = project("council-site");
    edit(
        dir.path(),
        "content/moties/motie-fietspaden.md",
        "type: motie\n",
        "type: motie\nwoo_category: 3.3.2a\n",
    );
    edit(
        dir.path(),
        "content/raadsbrieven/raadsbrief-speeltuinen.md",
        "type: raadsbrief\n",
        "type: raadsbrief\nwoo_category: geen\n",
    );
    build_ok(dir.path());
    let received = read(dir.path(), "output/diwoo/infocat006-1.xml");
    assert!(received.contains("motie-fietspaden.pdf"));
    assert!(!received.contains("raadsbrief-speeltuinen.pdf"));
    assert!(!read(dir.path(), "output/diwoo/infocat008-1.xml").contains("motie-fietspaden.pdf"));
    // The ORI API names the category the document is in.
    let json: serde_json::Value =
        serde_json::from_str(&read(dir.path(), "output/api/ori/informatieobjecten.json")).unwrap();
    let motion = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["webpaginalink"].as_str().unwrap().ends_with("/motie-fietspaden/"))
        .unwrap();
    assert_eq!(motion["wooinformatiecategorie"], "c_8c840238");
}

#[test]
fn unknown_categories_are_errors_at_their_line_with_the_allowed_values() {
    let dir = project("council-site");
    edit(
        dir.path(),
        "content/moties/motie-fietspaden.md",
        "type: motie\n",
        "type: motie\nwoo_category: 3.3.2z\n",
    );
    let config = read(dir.path(), "griffie.yaml");
    write(
        dir.path(),
        "griffie.yaml",
        &format!("{config}  categories:\n    brieven: 3.3.2a\n    plan: infocat099\n"),
    );
    let report = check_json(dir.path());
    let wrong = with_code(&report, "woo-category");
    assert_eq!(wrong.len(), 2, "{wrong:#?}");
    let in_document = wrong
        .iter()
        .find(|d| d["path"] == "content/moties/motie-fietspaden.md")
        .unwrap();
    assert_eq!(line_of(in_document).1, 4);
    let hint = in_document["hint"].as_str().unwrap();
    assert!(
        hint.contains("3.3.2a (c_8c840238, bij vertegenwoordigende organen ingekomen stukken)"),
        "{hint}"
    );
    assert!(hint.contains("3.3.2c (c_db4862c3, vergaderstukken decentrale overheden)"));
    assert!(hint.contains("`geen`"));
    let in_config = wrong.iter().find(|d| d["path"] == "griffie.yaml").unwrap();
    assert!(in_config["message"].as_str().unwrap().contains("infocat099"));
    let config_lines = read(dir.path(), "griffie.yaml").lines().count() as u64;
    assert_eq!(line_of(in_config).1, config_lines);
    // A type that does not exist, with the one that was meant.
    let unknown = with_code(&report, "unknown-type");
    assert_eq!(unknown.len(), 1);
    assert!(unknown[0]["hint"].as_str().unwrap().contains("`brief`"));
}

#[test]
fn a_publisher_must_be_an_organisation_of_the_tooi_registers_with_its_own_name() {
    let publisher = "uri: https://identifier.overheid.nl/tooi/id/gemeente/gm0141";
    let config_errors = |replacement: &str| {
        let dir = project("council-site");
        edit(dir.path(), "griffie.yaml", publisher, replacement);
        let report = check_json(dir.path());
        let errors: Vec<serde_json::Value> = with_code(&report, "config").into_iter().cloned().collect();
        let lines = read(dir.path(), "griffie.yaml");
        (errors, lines)
    };
    // A name instead of a URI.
    let (errors, _) = config_errors("uri: gemeente Voorbeeldstad");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0]["message"].as_str().unwrap().contains("geen TOOI-organisatie"));
    assert!(errors[0]["hint"]
        .as_str()
        .unwrap()
        .contains("https://identifier.overheid.nl/tooi/id/gemeente/gm0141"));
    // A URI of the right shape that the register does not have: the Woo index would refuse it.
    let (errors, lines) = config_errors("uri: https://identifier.overheid.nl/tooi/id/gemeente/gm9998");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0]["hint"].as_str().unwrap().contains("TOOI-registers"));
    let line = lines.lines().position(|l| l.contains("gm9998")).unwrap() as u64 + 1;
    assert_eq!(errors[0]["location"]["line"], line);
    // A name that is not the register's.
    let (errors, _) = config_errors(&format!("{publisher}\n    name: gemeente Voorbeeldstad"));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0]["message"].as_str().unwrap().contains("`gemeente Almelo`"));
    let (errors, _) = config_errors(&format!("{publisher}\n    name: gemeente Almelo"));
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn check_warns_about_what_keeps_documents_out_of_the_index() {
    // A type without a category, a document without text in one.
    let dir = project("council-site");
    write(
        dir.path(),
        "content/brieven/brief-minister.md",
        "---\nid: brief-minister\ntype: brief\ntitle: Brief aan de minister\ndate: 2025-09-01\n---\nGeachte minister,\n",
    );
    write(
        dir.path(),
        "content/raadsbrieven/raadsbrief-alleen-gegevens.yaml",
        "id: raadsbrief-alleen-gegevens\ntype: raadsbrief\ntitle: Alleen gegevens\ndate: 2025-09-02\n",
    );
    let report = check_json(dir.path());
    let unset = with_code(&report, "woo-no-category");
    assert_eq!(unset.len(), 1, "{unset:#?}");
    assert_eq!(line_of(unset[0]), ("content/brieven/brief-minister.md".to_string(), 2));
    assert!(unset[0]["hint"].as_str().unwrap().contains("brief: 3.3.2a"));
    let no_pdf = with_code(&report, "woo-no-pdf");
    assert_eq!(no_pdf.len(), 1, "{no_pdf:#?}");
    assert_eq!(
        no_pdf[0]["path"],
        "content/raadsbrieven/raadsbrief-alleen-gegevens.yaml"
    );
    // The planned meeting (a record whose agenda is data) is not warned about.
    assert!(!no_pdf
        .iter()
        .any(|d| d["path"].as_str().unwrap().contains("raad-2026-12-17")));

    // No publisher: one warning for the site, and no Woo files at all.
    let dir = project("valid-site");
    let config = read(dir.path(), "griffie.yaml");
    let without = &config[..config.find("woo:").unwrap()];
    write(dir.path(), "griffie.yaml", without);
    let report = check_json(dir.path());
    assert_eq!(with_code(&report, "woo-no-publisher").len(), 1);
    assert!(with_code(&report, "woo-no-category").is_empty());
    build_ok(dir.path());
    let files = snapshot_tree(&dir.path().join("output"));
    assert!(!files.keys().any(|f| f.to_string_lossy().contains("diwoo")));
    assert!(!dir.path().join("output/api/ori").exists());
    assert!(!read(dir.path(), "output/robots.txt").contains("diwoo"));

    // An http address: the Woo index harvests https only.
    let dir = project("valid-site");
    edit(dir.path(), "griffie.yaml", "base_url: https://", "base_url: http://");
    let report = check_json(dir.path());
    assert_eq!(with_code(&report, "woo-not-https").len(), 1);
    build_ok(dir.path());
    assert!(!read(dir.path(), "output/robots.txt").contains("diwoo"));
    // The ORI API needs no https: its files are made all the same.
    let objects = read(dir.path(), "output/api/ori/informatieobjecten.json");
    assert!(
        objects.contains("\"wooinformatiecategorie\": \"c_8c840238\""),
        "{objects}"
    );
}

#[test]
fn the_bundled_corpus_puts_its_letters_and_meeting_documents_in_their_categories() {
    let dir = crate::support::bundled_corpus();
    build_ok(dir.path());
    let received = urls_of(&read(dir.path(), "output/diwoo/infocat006-1.xml"));
    let meeting = urls_of(&read(dir.path(), "output/diwoo/infocat008-1.xml"));
    let ids = |urls: &BTreeMap<String, String>| -> Vec<String> {
        urls.keys()
            .map(|loc| loc.rsplit('/').next().unwrap().trim_end_matches(".pdf").to_string())
            .collect()
    };
    assert_eq!(
        ids(&received),
        [
            "raadsbrief-2024-04-02-inkoop-jeugdhulp",
            "raadsbrief-2025-07-15-motie-juiste-basis",
            "raadsbrief-2026-02-03-prioritaire-agenda-jeugdzorg",
        ]
    );
    assert_eq!(
        ids(&meeting),
        [
            "motie-2024-07-11-juiste-basis-jeugdzorg",
            "vergadering-2024-07-11-gemeenteraad"
        ]
    );
    let letter = &received["https://raad.almelo.nl/documenten/raadsbrief-2025-07-15-motie-juiste-basis/raadsbrief-2025-07-15-motie-juiste-basis.pdf"];
    assert!(letter.contains(">is reactie op</diwoo:role>"));
    assert!(letter.contains(
        "<diwoo:publisher resource=\"https://identifier.overheid.nl/tooi/id/gemeente/gm0141\">gemeente Almelo</diwoo:publisher>"
    ));
}

/// The OpenAPI document's component schemas as one JSON Schema document (draft 7): OpenAPI
/// 3.0's `nullable` becomes a `null` alternative, `$ref`s keep pointing into `components`.
fn openapi_schema(component: &str) -> serde_json::Value {
    let text =
        std::fs::read_to_string(repo_root().join("tests/standards/ori-api/mini-ORI-API-v1.0.0-openapi.yaml")).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut components = serde_json::to_value(&yaml["components"]).unwrap();
    fn convert(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for child in map.values_mut() {
                    convert(child);
                }
                map.remove("example");
                map.remove("readOnly");
                map.remove("writeOnly");
                if map.remove("nullable") == Some(serde_json::Value::Bool(true)) {
                    let inner = serde_json::Value::Object(std::mem::take(map));
                    map.insert("anyOf".into(), serde_json::json!([inner, {"type": "null"}]));
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(convert),
            _ => {}
        }
    }
    convert(&mut components);
    serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$ref": format!("#/components/schemas/{component}"),
        "components": components,
    })
}

#[test]
fn the_ori_api_files_are_valid_list_responses_and_objects_of_the_mini_ori_api() {
    let dir = project("council-site");
    build_ok(dir.path());
    let output = dir.path().join("output");
    let mut checked = 0;
    for (file, list, object) in [
        (
            "api/ori/informatieobjecten.json",
            "PaginatedInformatieObjectList",
            "InformatieObject",
        ),
        ("api/ori/vergaderingen.json", "PaginatedVergaderingList", "Vergadering"),
        ("api/ori/agendapunten.json", "PaginatedAgendapuntList", "Agendapunt"),
    ] {
        let json: serde_json::Value = serde_json::from_str(&read(&output, file)).unwrap();
        let list_schema = jsonschema::draft7::new(&openapi_schema(list)).expect("the list schema compiles");
        assert!(
            list_schema.is_valid(&json),
            "{file}: {:?}",
            list_schema
                .iter_errors(&json)
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
        );
        let object_schema = jsonschema::draft7::new(&openapi_schema(object)).unwrap();
        let results = json["results"].as_array().unwrap();
        assert!(!results.is_empty(), "{file}");
        for item in results {
            let errors: Vec<String> = object_schema
                .iter_errors(item)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{file}: {errors:#?}\n{item:#}");
            // `pid` is required but undefined in the specification: griffie's is the page.
            if object == "InformatieObject" {
                assert!(item["pid"]
                    .as_str()
                    .unwrap()
                    .starts_with("https://raad.voorbeeldstad.example/documenten/"));
            }
            // Each object is also at its own url, the same object.
            let own = item["url"]
                .as_str()
                .unwrap()
                .strip_prefix("https://raad.voorbeeldstad.example/")
                .unwrap();
            let alone: serde_json::Value = serde_json::from_str(&read(&output, own)).unwrap();
            assert_eq!(&alone, item);
            checked += 1;
        }
        assert_eq!(json["next"], serde_json::Value::Null);
    }
    assert!(checked >= 12, "{checked}");

    // What a client of the API follows: the motion on the agenda item of its meeting.
    let objects: serde_json::Value = serde_json::from_str(&read(&output, "api/ori/informatieobjecten.json")).unwrap();
    let motion = objects["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["titel"] == "Speeltuinen in elke wijk")
        .unwrap();
    assert_eq!(motion["informatieobjecttype"], "motie");
    assert_eq!(motion["wooinformatiecategorie"], "c_db4862c3");
    let item_url = motion["agendapunten"][0]["url"].as_str().unwrap();
    let item: serde_json::Value = serde_json::from_str(&read(
        &output,
        item_url.strip_prefix("https://raad.voorbeeldstad.example/").unwrap(),
    ))
    .unwrap();
    assert_eq!(item["agendapuntnaam"], "Moties vreemd aan de orde van de dag");
    assert_eq!(item["volgnummer"], "4a");
    assert_eq!(item["vergaderingen"][0]["id"], motion["vergaderingen"][0]["id"]);
    let meetings: serde_json::Value = serde_json::from_str(&read(&output, "api/ori/vergaderingen.json")).unwrap();
    let held = meetings["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["vergaderstatus"] == "gehouden")
        .unwrap();
    assert_eq!(held["aanvang"], "2025-06-12T19:30:00+02:00");
    assert_eq!(held["vergaderingstype"], "raadsvergadering");
    let planned = meetings["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["vergaderstatus"] == "gepland")
        .unwrap();
    assert_eq!(
        planned["geplandeaanvang"].as_str().unwrap().get(19..),
        Some("+01:00"),
        "December: CET"
    );
    assert!(planned.get("aanvang").is_none());
    // The agenda item's page address points at an anchor its meeting's page has.
    let anchor = item["webpaginalink"].as_str().unwrap().rsplit_once('#').unwrap().1;
    assert!(read(&output, "documenten/raad-2025-06-12/index.html").contains(&format!("id=\"{anchor}\"")));
}

/// Runs `griffie export ori-a <target>` in `dir`.
fn export(dir: &Path, target: &Path) -> std::process::Output {
    griffie(dir, &["export", "ori-a", target.to_str().unwrap()])
}

#[test]
fn export_ori_a_writes_the_meetings_votes_and_every_document_with_checksums() {
    let dir = project("council-site");
    let package = dir.path().join("archief");
    let output = export(dir.path(), &package);
    assert!(output.status.success(), "{}", stderr(&output));
    let files = snapshot_tree(&package);
    // The held meeting as ORI-A; the planned one is not a record yet.
    assert!(files.contains_key(Path::new("raad-2025-06-12.ori-a.xml")));
    assert!(!files
        .keys()
        .any(|f| f.to_string_lossy().starts_with("raad-2026-12-17.ori-a")));
    let ori_a = read(&package, "raad-2025-06-12.ori-a.xml");
    let doc = roxmltree::Document::parse(&ori_a).unwrap();
    let ns = "https://ori-a.nl";
    let root = doc.root_element();
    let order: Vec<&str> = root
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    let first_of = |name: &str| order.iter().position(|n| *n == name).unwrap();
    assert!(first_of("vergadering") < first_of("agendapunt") && first_of("agendapunt") < first_of("stemming"));
    assert!(first_of("stemming") < first_of("besluit") && first_of("besluit") < first_of("fractie"));
    assert_eq!(order.iter().filter(|n| **n == "agendapunt").count(), 4);
    // The party split on the motion voted "Verdeeld"; the seats are in the decision.
    let sociaal = root
        .children()
        .find(|n| {
            n.has_tag_name((ns, "fractie"))
                && n.children()
                    .any(|c| c.has_tag_name((ns, "ID")) && c.text() == Some("fractie/sociaal"))
        })
        .expect("the party that split");
    let on_motion = sociaal
        .descendants()
        .find(|n| n.has_tag_name((ns, "verwijzingID")) && n.text().unwrap().ends_with("/stemming/motie-speeltuinen"))
        .expect("it took part in the vote on the motion");
    let result = on_motion
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .children()
        .find(|n| n.has_tag_name((ns, "fractieStemresultaat")))
        .unwrap();
    assert_eq!(result.text(), Some("Verdeeld"));
    assert!(ori_a.contains("<resultaat>Aangenomen</resultaat>") && ori_a.contains("<resultaat>Verworpen</resultaat>"));
    assert!(ori_a.contains("stemmen voor"));
    // Every reference to a document is the id its MDTO file carries.
    for id in doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "verwijzingInformatieobject")))
    {
        let id = id
            .children()
            .find(|n| n.has_tag_name((ns, "verwijzingID")))
            .unwrap()
            .text()
            .unwrap();
        let mdto = read(&package, &format!("{id}/{id}.mdto.xml"));
        assert!(mdto.contains(&format!("<identificatieKenmerk>{id}</identificatieKenmerk>")));
    }

    // Every PDF has its bestand with the SHA-256 and size of the file beside it.
    let mut pdfs = 0;
    for (path, bytes) in &files {
        let name = path.to_string_lossy();
        if !name.ends_with(".pdf") {
            continue;
        }
        pdfs += 1;
        assert!(bytes.starts_with(b"%PDF-"));
        let bestand = String::from_utf8(
            files[&path.with_file_name(format!(
                "{}.bestand.mdto.xml",
                path.file_name().unwrap().to_string_lossy()
            ))]
                .clone(),
        )
        .unwrap();
        let sum: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert!(
            bestand.contains(&format!("<checksumWaarde>{sum}</checksumWaarde>")),
            "{name}"
        );
        assert!(bestand.contains(&format!("<omvang>{}</omvang>", bytes.len())));
        assert!(bestand.contains("<begripCode>fmt/476</begripCode>"), "PDF/A-2a");
    }
    assert_eq!(pdfs, 11, "every document with text");
    // Submitters and relations, which ORI-A has no place for, are in MDTO.
    let motion = read(&package, "motie-speeltuinen/motie-speeltuinen.mdto.xml");
    assert!(
        motion.contains("<betrokkene>")
            && motion.contains("<identificatieKenmerk>fractie/stadspartij</identificatieKenmerk>")
    );
    let letter = read(&package, "raadsbrief-speeltuinen/raadsbrief-speeltuinen.mdto.xml");
    assert!(letter.contains("<begripLabel>is reactie op</begripLabel>"));
    assert!(letter.contains("<identificatieKenmerk>motie-speeltuinen</identificatieKenmerk>"));
}

#[test]
fn export_is_deterministic_keeps_withdrawn_documents_as_records_and_never_replaces_a_foreign_folder() {
    let dir = project("council-site");
    edit(
        dir.path(),
        "content/raadsbrieven/raadsbrief-speelplekkenkaart.md",
        "type: raadsbrief\n",
        "type: raadsbrief\nwithdrawn:\n  date: 2026-01-15\n  reason: Bevatte een adres van een inwoner.\n",
    );
    let (first, second) = (dir.path().join("een"), dir.path().join("twee"));
    assert!(export(dir.path(), &first).status.success());
    std::fs::remove_dir_all(dir.path().join(".griffie-cache")).unwrap();
    assert!(export(dir.path(), &second).status.success());
    assert_eq!(
        snapshot_tree(&first),
        snapshot_tree(&second),
        "byte-identical, with or without the cache"
    );

    let withdrawn = read(
        &first,
        "raadsbrief-speelplekkenkaart/raadsbrief-speelplekkenkaart.mdto.xml",
    );
    assert!(withdrawn.contains("<naam>Ingetrokken document</naam>"));
    assert!(withdrawn.contains("<begripLabel>Intrekking publicatie</begripLabel>"));
    assert!(withdrawn.contains("<eventTijd>2026-01-15</eventTijd>"));
    assert!(!withdrawn.contains("speelplekkenkaart</naam>") && !withdrawn.contains("Speelplekkenkaart"));
    assert!(!first
        .join("raadsbrief-speelplekkenkaart/raadsbrief-speelplekkenkaart.pdf")
        .exists());

    // A package without its PDFs is no archive: a usage error, nothing written.
    let without_pdfs = griffie(dir.path(), &["export", "ori-a", "zonder-pdf", "--no-pdf"]);
    assert_eq!(without_pdfs.status.code(), Some(2));
    assert!(!dir.path().join("zonder-pdf").exists());

    // Exporting again replaces an earlier package; a folder of other files is refused.
    assert!(export(dir.path(), &first).status.success());
    let foreign = dir.path().join("foto's");
    write(&foreign, "vakantie.txt", "niet van griffie");
    let refused = export(dir.path(), &foreign);
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        stderr(&refused).contains("geen eerder archiefpakket"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(read(&foreign, "vakantie.txt"), "niet van griffie");
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);

    // Sources with an error: nothing is written, the earlier package stays.
    edit(
        dir.path(),
        "content/moties/motie-fietspaden.md",
        "status: verworpen",
        "status: weggestemd",
    );
    let failed = export(dir.path(), &first);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(snapshot_tree(&first), snapshot_tree(&second));
}

#[test]
fn the_exports_are_byte_identical_across_two_builds() {
    let dir = project("council-site");
    build_ok(dir.path());
    let woo_files = |dir: &Path| -> BTreeMap<std::path::PathBuf, Vec<u8>> {
        snapshot_tree(&dir.join("output"))
            .into_iter()
            .filter(|(path, _)| {
                let name = path.to_string_lossy();
                name.contains("diwoo") || name.starts_with("api/ori") || name == "robots.txt"
            })
            .collect()
    };
    let first = woo_files(dir.path());
    assert!(first.len() > 10);
    std::fs::remove_dir_all(dir.path().join("output")).unwrap();
    std::fs::remove_dir_all(dir.path().join(".griffie-cache")).unwrap();
    build_ok(dir.path());
    assert_eq!(first, woo_files(dir.path()));
}

/// Installs the validator's Python packages (tests/standards/install, once per machine) and
/// runs `tests/standards/validate` on a built site and an export of the fixture and of the
/// bundled corpus: the XSDs (sitemaps.org, DiWoo 0.9.8, ORI-A 1.0.1, MDTO 1.0.1), the OpenAPI
/// schemas, and the rules the schemas cannot express, all from the vendored files, offline.
#[test]
fn standards_validate_the_built_exports() {
    let standards = repo_root().join("tests/standards");
    let install = Command::new(standards.join("install"))
        .output()
        .expect("tests/standards/install runs");
    assert!(
        install.status.success(),
        "tests/standards/install failed (it needs python3 with venv and pip, and PyPI): {}",
        String::from_utf8_lossy(&install.stderr)
    );
    let council = project("council-site");
    build_ok(council.path());
    assert!(export(council.path(), &council.path().join("archief")).status.success());
    let corpus = crate::support::bundled_corpus();
    build_ok(corpus.path());
    assert!(export(corpus.path(), &corpus.path().join("archief")).status.success());
    let validated = Command::new(standards.join("validate"))
        .arg(council.path().join("output"))
        .arg(corpus.path().join("output"))
        .arg("--ori-a")
        .arg(council.path().join("archief"))
        .arg("--ori-a")
        .arg(corpus.path().join("archief"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&validated.stdout);
    assert!(
        validated.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&validated.stderr)
    );
    assert!(report.contains("standards: all checks passed"), "{report}");
}
