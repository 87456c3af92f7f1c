//! The site built from the valid fixture project: pages, cross-links, data, safety.

use crate::support::*;

#[test]
fn build_writes_every_kind_of_page() {
    let dir = project("valid-site");
    build_ok(dir.path());
    for page in [
        "output/index.html",
        "output/404.html",
        "output/raadsbrieven/index.html",
        "output/moties/index.html",
        "output/plannen/index.html",
        "output/dossiers/index.html",
        "output/dossiers/jeugdzorg/index.html",
        "output/dossiers/inkoop/index.html",
        "output/motievolglijst/index.html",
        "output/documenten/motie-wijkcoaches/index.html",
        "output/documenten/regiovisie/index.html",
        "output/api/documents.json",
        "output/static/griffie.css",
    ] {
        assert!(dir.path().join(page).is_file(), "{page} is missing");
    }
}

#[test]
fn settling_letter_marks_motion_afgedaan_and_links_both_ways() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let motion = read(dir.path(), "output/documenten/motie-wijkcoaches/index.html");
    // The motion's facts (status Afgedaan, due date, submitters, vote), its handling (settled on
    // 15 July 2025 by the letter, 369 days after the meeting; the letter as the college's answer)
    // and its relations (settled by the letter).
    let fragment = [
        element(&motion, r#"<dl class="facts">"#, "</dl>"),
        element(&motion, r#"<section class="handling""#, "</section>"),
        element(&motion, r#"<section class="relations""#, "</section>"),
    ]
    .join("\n");
    insta::assert_snapshot!("motion_status_and_relations", fragment);

    // The letter lists the motion it settles, with the motion's status.
    let letter = read(dir.path(), "output/documenten/raadsbrief-wijkcoaches/index.html");
    let relations = element(&letter, r#"<section class="relations""#, "</section>");
    insta::assert_snapshot!("settling_letter_relations", relations);
    assert_eq!(
        main_of(&letter)
            .matches(r#"href="/documenten/motie-wijkcoaches/""#)
            .count(),
        1,
        "listed once, not as answer and settlement"
    );
}

#[test]
fn back_links_are_computed_for_references() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let inkoop = read(dir.path(), "output/documenten/raadsbrief-inkoop/index.html");
    let section = &inkoop[inkoop.find("Genoemd of aangehaald in").expect("referenced_by block")..];
    assert!(section.contains(r#"href="/documenten/raadsbrief-wijkcoaches/""#));
}

#[test]
fn identifiers_in_text_link_to_the_document_that_carries_them() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let page = read(dir.path(), "output/documenten/raadsbrief-wijkcoaches/index.html");
    assert!(page.contains(
        r#"<a class="identifier" href="/documenten/raadsbrief-inkoop/" title="Inkoop Jeugdhulp">Raad - 2408221</a>"#
    ));
    assert!(page.contains(
        r#"(<a class="identifier" href="/documenten/kerntaken/" title="Kerntakendiscussie">D/25/737910</a>)"#
    ));
    let docs = documents_json(dir.path());
    assert_eq!(
        docs["raadsbrief-wijkcoaches"]["mentions"],
        serde_json::json!(["raadsbrief-inkoop", "kerntaken"])
    );
    assert_eq!(
        docs["kerntaken"]["mentioned_by"],
        serde_json::json!(["raadsbrief-wijkcoaches"])
    );
}

#[test]
fn documents_json_carries_the_contract_keys() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let docs = documents_json(dir.path());
    assert_eq!(docs.len(), 7);
    for (id, doc) in &docs {
        for key in [
            "id",
            "type",
            "title",
            "date",
            "url",
            "responds_to",
            "responded_by",
            "settles",
            "settled_by",
            "references",
            "referenced_by",
        ] {
            assert!(doc.get(key).is_some(), "{id} lacks {key}");
        }
        assert_eq!(doc["url"], format!("/documenten/{id}/"));
    }
    let motion = &docs["motie-wijkcoaches"];
    assert_eq!(motion["type"], "motie");
    assert_eq!(motion["status"], "aangenomen");
    assert_eq!(motion["effective_status"], "afgedaan");
    assert_eq!(motion["settled_by"], serde_json::json!(["raadsbrief-wijkcoaches"]));
    assert_eq!(motion["responded_by"], serde_json::json!(["raadsbrief-wijkcoaches"]));
    assert_eq!(motion["date"], "2024-07-11");
    let letter = &docs["raadsbrief-wijkcoaches"];
    assert_eq!(letter["settles"], serde_json::json!(["motie-wijkcoaches"]));
    assert!(letter.get("status").is_none(), "only motions carry a status");
    assert_eq!(docs["motie-verworpen"]["effective_status"], "verworpen");
}

#[test]
fn a_letter_settling_a_rejected_motion_is_warned_about_and_settles_nothing() {
    let dir = project("valid-site");
    let source = dir.path().join("content/moties/motie-wijkcoaches.md");
    let text = std::fs::read_to_string(&source).unwrap();
    assert!(text.contains("status: aangenomen"));
    std::fs::write(&source, text.replace("status: aangenomen", "status: verworpen")).unwrap();
    let output = griffie(dir.path(), &["build", "--no-pdf"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("settles-unadopted"), "{}", stderr(&output));
    let docs = documents_json(dir.path());
    assert_eq!(docs["motie-wijkcoaches"]["effective_status"], "verworpen");
    assert_eq!(
        docs["motie-wijkcoaches"]["settled_by"],
        serde_json::json!(["raadsbrief-wijkcoaches"])
    );
    let page = read(dir.path(), "output/motievolglijst/index.html");
    let start = page.find("/documenten/motie-wijkcoaches/").expect("listed");
    let row = &page[page[..start].rfind("<tr").unwrap()..start + page[start..].find("</tr>").unwrap()];
    assert!(
        row.contains("status--verworpen") && !row.contains("(aangenomen)"),
        "{row}"
    );
    assert!(
        !row.contains("na ") && !row.contains("dagen"),
        "no settlement date: {row}"
    );
}

#[test]
fn motievolglijst_shows_status_due_dates_and_overdue_motions() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let page = read(dir.path(), "output/motievolglijst/index.html");
    let row = |id: &str| -> String {
        let start = page
            .find(&format!("/documenten/{id}/"))
            .unwrap_or_else(|| panic!("{id} listed"));
        let row_start = page[..start].rfind("<tr").unwrap();
        let row_end = start + page[start..].find("</tr>").unwrap();
        page[row_start..row_end].to_string()
    };
    let settled = row("motie-wijkcoaches");
    assert!(settled.contains("Afgedaan") && settled.contains("1 januari 2025") && settled.contains("na 369 dagen"));
    assert!(settled.contains("/documenten/raadsbrief-wijkcoaches/"));
    let overdue = row("motie-speeltuinen");
    assert!(
        overdue.contains("is-overdue") && overdue.contains("te laat"),
        "due 2024-12-31, unsettled: {overdue}"
    );
    let rejected = row("motie-verworpen");
    assert!(rejected.contains("Verworpen") && !rejected.contains("te laat"));
    // "Stand per" uses the newest document date, never the wall clock.
    assert!(page.contains("Stand per <time datetime=\"2025-07-15\">15 juli 2025</time>"));
    let docs = documents_json(dir.path());
    assert_eq!(docs["motie-speeltuinen"]["overdue"], true);
    assert_eq!(docs["motie-wijkcoaches"]["overdue"], false);
}

#[test]
fn as_of_flag_moves_the_overdue_line() {
    let dir = project("valid-site");
    let output = griffie(dir.path(), &["build", "--as-of", "2024-06-01"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(documents_json(dir.path())["motie-speeltuinen"]["overdue"], false);
}

#[test]
fn type_and_dossier_pages_are_timelines() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let moties = read(dir.path(), "output/moties/index.html");
    let newest = moties.find("Meer wijkcoaches").unwrap();
    let oldest = moties.find("Gratis parkeren").unwrap();
    assert!(newest < oldest, "type lists show the newest first");
    let dossier = read(dir.path(), "output/dossiers/jeugdzorg/index.html");
    let plan = dossier.find("Regiovisie Jeugdhulp").unwrap();
    let letter = dossier.find("Afhandeling motie Meer wijkcoaches").unwrap();
    assert!(plan < letter, "a dossier reads oldest first");
    assert!(dossier.contains("maart 2022"), "month precision is shown as a month");
    assert!(dossier.contains("Afgedaan door"));
}

#[test]
fn script_in_a_source_file_never_reaches_the_page() {
    let dir = project("valid-site");
    let output = build_ok(dir.path());
    let page = read(dir.path(), "output/documenten/raadsbrief-wijkcoaches/index.html");
    // The one script element is griffie's own structured data (JSON, not run by browsers).
    assert_eq!(page.matches("<script").count(), 1, "no script element from the source");
    assert!(page.contains(r#"<script type="application/ld+json">"#));
    assert!(!page.contains("alert("), "no script text");
    assert!(!page.contains("onclick"), "no event handlers");
    assert!(!page.contains("javascript:"), "no javascript: links");
    assert!(
        page.contains(r#"<a href="https://www.almelo.nl/">veilige link</a>"#),
        "safe links stay"
    );
    assert!(page.contains("<p>Klik</p>"), "harmless HTML is kept, cleaned");
    let warnings = stderr(&output);
    assert!(warnings.contains("waarschuwing[unsafe-html]"));
    assert!(warnings.contains("waarschuwing[unsafe-link]"));
    assert!(warnings.contains("raadsbrief-wijkcoaches.md:32:1"), "{warnings}");
}

#[test]
fn headings_start_at_two_and_never_skip() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let letter = read(dir.path(), "output/documenten/raadsbrief-wijkcoaches/index.html");
    assert!(
        letter.contains(r#"<h3 id="te-diep-genest-kopje">"#),
        "#### after ## becomes h3"
    );
    let motion = read(dir.path(), "output/documenten/motie-wijkcoaches/index.html");
    assert!(
        motion.contains(r#"<h2 id="verzoekt-het-college">Verzoekt het college</h2>"#),
        "# becomes h2"
    );
    assert_eq!(motion.matches("<h1").count(), 1, "the title is the only h1");
}

#[test]
fn pages_are_dutch_and_accessible_by_construction() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let page = read(dir.path(), "output/documenten/motie-wijkcoaches/index.html");
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(page.contains(r##"<a class="skip-link" href="#pagina__inhoud">"##));
    assert!(page.contains(r#"<main id="pagina__inhoud""#));
    assert!(page.contains(r#"<nav class="site-nav" aria-label="Hoofdmenu">"#));
    // Dates as `<time>` in Dutch, the vote and the submitters: in the snapshot
    // `site__motion_status_and_relations` (settling_letter_marks_motion_afgedaan_and_links_both_ways).
}

#[test]
fn metadata_only_record_gets_a_page_that_says_so() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let page = read(dir.path(), "output/documenten/regiovisie/index.html");
    assert!(page.contains("De tekst van dit document staat niet op deze site"));
    assert!(page.contains("<time datetime=\"2022-03\">maart 2022</time>"));
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let dir = project("valid-site");
    under_base_path(dir.path());
    build_ok(dir.path());
    let page = read(dir.path(), "output/documenten/raadsbrief-wijkcoaches/index.html");
    assert!(page.contains(r#"href="/raad/documenten/raadsbrief-inkoop/""#));
    assert!(page.contains(r#"href="/raad/static/griffie.css""#));
    assert!(page
        .contains(r#"<link rel="canonical" href="https://www.testdorp.nl/raad/documenten/raadsbrief-wijkcoaches/">"#));
    assert!(!page.contains(r#"href="/documenten/"#), "no link without the prefix");
}

#[test]
fn list_pages_are_paginated() {
    let dir = project("valid-site");
    edit(dir.path(), "griffie.yaml", "page_size: 50", "page_size: 2");
    build_ok(dir.path());
    let first = read(dir.path(), "output/moties/index.html");
    let second = read(dir.path(), "output/moties/pagina/2/index.html");
    assert!(first.contains(r#"href="/moties/pagina/2/" rel="next""#));
    assert!(second.contains("Gratis parkeren") && !first.contains("Gratis parkeren"));
    assert!(second.contains(r#"href="/moties/" rel="prev""#));
}

#[test]
fn two_builds_give_identical_output() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let first = snapshot_tree(&dir.path().join("output"));
    build_ok(dir.path());
    let second = snapshot_tree(&dir.path().join("output"));
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    assert!(first == second, "some output bytes differ between two builds");
}

#[test]
fn output_folder_option_is_honoured() {
    let dir = project("valid-site");
    let output = griffie(dir.path(), &["build", "--output", "public"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("public/index.html").is_file());
    assert!(!dir.path().join("output").exists());
}

#[test]
fn refuses_to_overwrite_a_folder_it_did_not_make() {
    let dir = project("valid-site");
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/notes.txt"), "keep me").unwrap();
    let output = griffie(dir.path(), &["build", "--output", "docs"]);
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).contains("wordt niet vervangen"), "{}", stderr(&output));
    assert_eq!(read(dir.path(), "docs/notes.txt"), "keep me");
    let output = griffie(dir.path(), &["build", "--output", "."]);
    assert_eq!(
        output.status.code(),
        Some(3),
        "the project folder itself is never an output"
    );
    assert!(dir.path().join("content").is_dir());
}

#[test]
fn body_headings_never_reuse_an_id_of_the_page_itself() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let page = read(dir.path(), "output/documenten/raadsbrief-inkoop/index.html");
    assert!(page.contains(r#"<h2 id="samenhang">Samenhang</h2>"#));
    let mut ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "every id on the page is unique");
}

#[test]
fn tables_scroll_in_a_focusable_region() {
    let dir = project("valid-site");
    let path = dir.path().join("content/stukken/tabel.md");
    std::fs::write(
        &path,
        "---\nid: tabel\ntype: besluit\ntitle: Tabel\ndate: 2025-01-01\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    )
    .unwrap();
    build_ok(dir.path());
    let page = read(dir.path(), "output/documenten/tabel/index.html");
    assert!(page.contains("<section class=\"table-scroll\" tabindex=\"0\" aria-label=\"Tabel 1\">\n<table>"));
}

#[test]
fn motievolglijst_is_paginated_only_when_very_long() {
    let dir = project("valid-site");
    build_ok(dir.path());
    assert!(!dir.path().join("output/motievolglijst/pagina/2").exists());
    let config = dir.path().join("griffie.yaml");
    let text = std::fs::read_to_string(&config).unwrap() + "motion_page_size: 2\n";
    std::fs::write(&config, text).unwrap();
    build_ok(dir.path());
    let second = read(dir.path(), "output/motievolglijst/pagina/2/index.html");
    assert!(second.contains("Gratis parkeren"), "the oldest motion is on page 2");
    assert!(second.contains("<dd>3</dd>"), "counts cover all motions on every page");
}
