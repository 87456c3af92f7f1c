//! The accessibility statement (toegankelijkheidsverklaring) from `griffie.yaml`.

use crate::support::*;

#[test]
fn statement_page_shows_the_configured_facts() {
    let dir = project("links-site");
    std::fs::remove_file(dir.path().join("content/raadsbrieven/kapot.md")).unwrap();
    build_ok(dir.path());
    let page = read(dir.path(), "output/toegankelijkheid/index.html");
    let main = main_of(&page);
    for fact in [
        "<h1>Toegankelijkheidsverklaring</h1>",
        "B: voldoet gedeeltelijk aan de eisen",
        r#"<time datetime="2026-03-01">1 maart 2026</time>"#,
        "Toegankelijkheidsbureau Voorbeeld",
        r#"<time datetime="2026-01-15">15 januari 2026</time>"#,
        "Enkele oude PDF-bijlagen hebben geen koppen. (WCAG-succescriterium 1.3.1)",
        r#"<a href="mailto:toegankelijkheid@testdorp.nl">"#,
        r#"<a href="tel:0123456789">0123 456 789</a>"#,
        "binnen 5 werkdagen",
        "https://www.nationaleombudsman.nl/",
    ] {
        assert!(main.contains(fact), "missing {fact:?} in:\n{main}");
    }
}

#[test]
fn every_page_links_the_statement_in_its_footer() {
    let dir = project("links-site");
    std::fs::remove_file(dir.path().join("content/raadsbrieven/kapot.md")).unwrap();
    build_ok(dir.path());
    let pages: Vec<_> = walkdir::WalkDir::new(dir.path().join("output"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .collect();
    assert!(pages.len() > 5);
    for page in pages {
        let html = std::fs::read_to_string(page.path()).unwrap();
        let footer = &html[html.find("<footer").expect("footer")..];
        assert!(
            footer.contains(r#"<a href="/toegankelijkheid/">Toegankelijkheid</a>"#),
            "{}",
            page.path().display()
        );
    }
}

#[test]
fn without_a_statement_there_is_no_page_and_a_note() {
    let dir = project("valid-site");
    let output = build_ok(dir.path());
    assert!(!dir.path().join("output/toegankelijkheid").exists());
    assert!(!read(dir.path(), "output/index.html").contains("/toegankelijkheid/"));
    assert!(
        stderr(&output).contains("opmerking[no-accessibility-statement]"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn missing_and_wrong_fields_are_reported_at_their_line() {
    let dir = project("valid-site");
    let config = dir.path().join("griffie.yaml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    let line = text.lines().count() + 1;
    text.push_str(
        "accessibility:\n  organisation: Gemeente Testdorp\n  date: 2026-03-01\n  contact:\n    email: x@y.nl\n",
    );
    std::fs::write(&config, &text).unwrap();
    let output = griffie(dir.path(), &["check", "--no-pdf"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(report.contains("missing field `status`"), "{report}");
    assert!(report.contains(&format!("griffie.yaml:{}:", line + 1)), "{report}");
    assert!(
        report.contains("Accessibility statement"),
        "the hint points at the README: {report}"
    );

    text = text.replace("  date: 2026-03-01\n", "  status: voldoet\n  date: 2026-02-30\n");
    text = text.replace("    email: x@y.nl\n", "    email: geen adres\n");
    std::fs::write(&config, &text).unwrap();
    let report = stderr(&griffie(dir.path(), &["check", "--no-pdf"]));
    assert!(
        report.contains(&format!("griffie.yaml:{}:3", line + 3)),
        "date at its line: {report}"
    );
    assert!(report.contains("`geen adres` is geen e-mailadres"), "{report}");
}
