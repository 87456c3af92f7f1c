//! The PDF briefs: made for every document with text, faithful, text never run as code,
//! PDF/UA-1 + PDF/A-2a, deterministic, cached.

use crate::support::*;

fn pdf_bytes(dir: &std::path::Path, id: &str) -> Vec<u8> {
    std::fs::read(dir.join(format!("output/documenten/{id}/{id}.pdf")))
        .unwrap_or_else(|e| panic!("no PDF for {id}: {e}"))
}

fn page_count(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes)
        .expect("a readable PDF")
        .get_pages()
        .len()
}

/// The decompressed XMP metadata and the `/Lang` of the catalog.
fn metadata_and_language(bytes: &[u8]) -> (String, String) {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let lang = catalog
        .get(b"Lang")
        .and_then(|l| l.as_str())
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .unwrap_or_default();
    let metadata_ref = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(metadata_ref).unwrap().as_stream().unwrap();
    let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    (String::from_utf8_lossy(&content).into_owned(), lang)
}

#[test]
fn every_document_with_text_gets_a_pdf_linked_from_its_page() {
    let dir = project("pdf-site");
    build_ok(dir.path());
    for id in ["injectie", "motie-fietspaden", "antwoord-fietspaden", "plan-fiets"] {
        let bytes = pdf_bytes(dir.path(), id);
        assert!(bytes.starts_with(b"%PDF-"), "{id}");
        let page = read(dir.path(), &format!("output/documenten/{id}/index.html"));
        let pages = page_count(&bytes);
        let label = if pages == 1 {
            "1 pagina".to_string()
        } else {
            format!("{pages} pagina's")
        };
        assert!(
            page.contains(&format!(r#"href="/documenten/{id}/{id}.pdf""#)),
            "{id} links its PDF"
        );
        assert!(page.contains(&format!("(PDF, {label}, ")), "{id} says the page count");
    }
    assert!(
        !dir.path()
            .join("output/documenten/alleen-gegevens/alleen-gegevens.pdf")
            .exists(),
        "no text, no PDF"
    );
}

#[test]
fn text_that_looks_like_typst_code_appears_literally() {
    let dir = project("pdf-site");
    build_ok(dir.path());
    let text = pdf_text(&pdf_bytes(dir.path(), "injectie"));
    for literal in [
        r#"#read("/etc/passwd")"#,
        r#"#import "@preview/x:0.1.0""#,
        "$x$",
        "haken ] en [",
        "// geen commentaar",
        "/* ook niet */",
        "<script>alert(1)</script>",
        r"\u{41}",
        "#set page(width: 1cm)",
        "#emph[nadruk]",
        "#code",
    ] {
        assert!(text.contains(literal), "`{literal}` is not in the PDF text:\n{text}");
    }
    assert!(!text.contains("root:x:0:0"), "no file was read");
}

#[test]
fn letter_has_the_house_style_and_links_back() {
    let dir = project("pdf-site");
    build_ok(dir.path());
    let bytes = pdf_bytes(dir.path(), "antwoord-fietspaden");
    let text = pdf_text(&bytes);
    for part in [
        "Gemeente Testdorp",
        "Postbus 1",
        "Raadsbrief ter informatie",
        "Aan de raad van de gemeente Testdorp",
        "Bijlage",
        "Kaart fietspaden",
        "Doorkiesnummer",
        "0546 54 11 11",
        "Behandeld door",
        "P. Pietersen",
        "Datum",
        "1 september 2025",
        "Onderwerp",
        "Afhandeling motie Veilige fietspaden",
        "Geachte leden van de raad,",
        "Hoogachtend,",
        "Burgemeester en Wethouders van Testdorp,",
        "de secretaris,",
        "S. Secretaris",
        "B. Burgemeester",
        "Pagina 1 van 1",
        "https://raad.testdorp.nl/documenten/antwoord-fietspaden/",
        "Antwoord op",
        "Veilige fietspaden",
    ] {
        assert!(text.contains(part), "`{part}` missing from the letter PDF:\n{text}");
    }
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        raw.contains("https://raad.testdorp.nl/documenten/motie-fietspaden/"),
        "link to the motion it answers"
    );
}

#[test]
fn motion_has_the_standard_form_with_status_and_vote() {
    let dir = project("pdf-site");
    build_ok(dir.path());
    let text = pdf_text(&pdf_bytes(dir.path(), "motie-fietspaden"));
    for part in [
        "Motie",
        "C. de Groot (Fietsers Partij)",
        "De raad van de gemeente Testdorp, in vergadering bijeen op 13 februari 2025,",
        "Constaterende dat",
        "Verzoekt het college",
        "en gaat over tot de orde van de dag.",
        "Afgedaan",
        "20 stemmen voor, 9 tegen",
    ] {
        assert!(text.contains(part), "`{part}` missing from the motion PDF:\n{text}");
    }
}

#[test]
fn plan_has_title_page_contents_and_numbered_headings() {
    let dir = project("pdf-site");
    build_ok(dir.path());
    let bytes = pdf_bytes(dir.path(), "plan-fiets");
    assert!(page_count(&bytes) >= 3, "title page, contents, text");
    let text = pdf_text(&bytes);
    for part in [
        "Fietsplan 2026",
        "Inhoud",
        "1 Inleiding",
        "2 Doelen",
        "2.1 Veiligheid",
        "Ë ï é ĳ Ĳ € 12,50 „aanhalingstekens” ‘enkel’ – en —",
        "Centrum",
    ] {
        assert!(text.contains(part), "`{part}` missing from the plan PDF:\n{text}");
    }
}

#[test]
fn pdfs_declare_pdf_ua_and_pdf_a_and_dutch() {
    let dir = project("pdf-site");
    build_ok(dir.path());
    let bytes = pdf_bytes(dir.path(), "antwoord-fietspaden");
    let (xmp, lang) = metadata_and_language(&bytes);
    assert!(lang.starts_with("nl"), "catalog language is `{lang}`");
    assert!(
        xmp.contains("pdfuaid:part") && (xmp.contains("<pdfuaid:part>1<") || xmp.contains("pdfuaid:part=\"1\"")),
        "PDF/UA-1 in XMP:\n{xmp}"
    );
    assert!(
        xmp.contains("<pdfaid:part>2<") || xmp.contains("pdfaid:part=\"2\""),
        "PDF/A-2 in XMP"
    );
    assert!(
        xmp.contains("<pdfaid:conformance>A<") || xmp.contains("pdfaid:conformance=\"A\""),
        "level A in XMP"
    );
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/StructTreeRoot"), "tagged PDF");
    assert!(pdf_text(&bytes).contains("Afhandeling motie Veilige fietspaden"));
    assert!(
        xmp.contains("Afhandeling motie Veilige fietspaden"),
        "document title in the metadata"
    );
}

#[test]
fn pdfs_are_byte_identical_across_builds_without_cache() {
    let dir = project("pdf-site");
    build_ok(dir.path());
    let first = pdf_bytes(dir.path(), "plan-fiets");
    std::fs::remove_dir_all(dir.path().join(".griffie-cache")).unwrap();
    build_ok(dir.path());
    assert!(first == pdf_bytes(dir.path(), "plan-fiets"), "recompiled PDF differs");
}

#[test]
fn unchanged_documents_come_from_the_cache_and_changes_rebuild() {
    let dir = project("pdf-site");
    build_ok(dir.path());
    let cache = dir.path().join(".griffie-cache/pdf");
    let entries = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".entry"))
            .collect();
        names.sort();
        names
    };
    let before = entries();
    assert_eq!(before.len(), 4, "one cached PDF per document with text");
    let plan = dir.path().join("content/plan.md");
    let text = std::fs::read_to_string(&plan)
        .unwrap()
        .replace("Minder ongelukken.", "Veel minder ongelukken.");
    std::fs::write(&plan, text).unwrap();
    build_ok(dir.path());
    let after = entries();
    assert_eq!(after.len(), 4, "the old entry of the changed document is pruned");
    assert_eq!(
        before.iter().filter(|e| after.contains(e)).count(),
        3,
        "three documents were reused"
    );
    assert!(pdf_text(&pdf_bytes(dir.path(), "plan-fiets")).contains("Veel minder ongelukken."));
}

#[test]
fn a_character_no_font_has_fails_the_build_instead_of_a_silent_box() {
    let dir = project("pdf-site");
    let path = dir.path().join("content/emoji.md");
    std::fs::write(
        &path,
        "---\nid: emoji\ntype: besluit\ntitle: Met emoji\ndate: 2025-01-01\n---\n\nFeest 🎉 in de raad.\n",
    )
    .unwrap();
    let output = griffie(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(report.contains("fout[pdf]"), "{report}");
    assert!(
        report.contains("content/emoji.md:8:7"),
        "points at the character: {report}"
    );
}

#[test]
fn no_pdf_flag_skips_pdfs() {
    let dir = project("pdf-site");
    let output = griffie(dir.path(), &["build", "--no-pdf"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!dir.path().join("output/documenten/plan-fiets/plan-fiets.pdf").exists());
    assert!(!read(dir.path(), "output/documenten/plan-fiets/index.html").contains(".pdf"));
}

#[test]
fn bundled_corpus_letters_keep_their_two_pages_and_text() {
    let dir = bundled_corpus();
    build_ok(dir.path());
    // The originals of these letters are two pages each; the house style keeps them so.
    for id in [
        "raadsbrief-2024-04-02-inkoop-jeugdhulp",
        "raadsbrief-2025-07-15-motie-juiste-basis",
        "raadsbrief-2026-02-03-prioritaire-agenda-jeugdzorg",
        "brief-2018-transformatiefonds-lokale-deal",
    ] {
        assert_eq!(page_count(&pdf_bytes(dir.path(), id)), 2, "{id}");
    }
    assert_eq!(
        page_count(&pdf_bytes(dir.path(), "motie-2024-07-11-juiste-basis-jeugdzorg")),
        1
    );
    let plan = pdf_bytes(dir.path(), "plan-2018-09-27-twents-transformatieplan");
    assert!(page_count(&plan) >= 10, "the plan is a long report");
    let outline = lopdf::Document::load_mem(&plan).unwrap();
    assert!(
        outline.catalog().unwrap().get(b"Outlines").is_ok(),
        "bookmarks from the headings"
    );

    let inkoop = pdf_text(&pdf_bytes(dir.path(), "raadsbrief-2024-04-02-inkoop-jeugdhulp"));
    for part in [
        "Raad - 2408221, DCS - 2382087",
        "K. Rondhuis",
        "2 april 2024",
        "Inkoop Jeugdhulp",
        "Pagina 1 van 2",
        "Pagina 2 van 2",
        "M.M. van ’t Veld",
    ] {
        assert!(inkoop.contains(part), "`{part}` missing:\n{inkoop}");
    }
    let agenda = pdf_text(&pdf_bytes(
        dir.path(),
        "raadsbrief-2026-02-03-prioritaire-agenda-jeugdzorg",
    ));
    assert!(
        agenda.contains("D/25/737910") && agenda.contains("Raad-7975"),
        "identifiers kept in the text"
    );
    let brief = pdf_text(&pdf_bytes(dir.path(), "brief-2018-transformatiefonds-lokale-deal"));
    assert!(
        brief.contains("Hooggeachte heer De Jonge,"),
        "a brief has its own salutation"
    );
}

#[test]
fn a_mistake_in_a_pdf_template_is_reported_once_at_the_template() {
    let dir = project("pdf-site");
    let house = dir.path().join("templates/pdf/house.typ");
    let text = std::fs::read_to_string(&house)
        .unwrap()
        .replace("{ node(n, data.labels) }", "{ nod(n, data.labels) }");
    std::fs::write(&house, text).unwrap();
    let output = griffie(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert_eq!(report.matches("fout[pdf-template]").count(), 1, "{report}");
    assert!(report.contains("templates/pdf/house.typ:"), "{report}");
    assert!(report.contains("unknown variable: nod"), "{report}");
}
