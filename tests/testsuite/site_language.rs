//! The site's interface language: `language: en` in griffie.yaml gives English pages and PDFs,
//! while the content (titles, bodies, summaries, topic titles), the URL paths and the JSON data
//! stay as they are. An unknown language is a configuration error.

use crate::support::*;

/// A fixture with `language: en`, built.
fn english(fixture: &str) -> tempfile::TempDir {
    let dir = project(fixture);
    let config = dir.path().join("griffie.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = if text.contains("language: nl") {
        text.replace("language: nl", "language: en")
    } else {
        format!("{text}language: en\n")
    };
    std::fs::write(&config, text).unwrap();
    build_ok(dir.path());
    dir
}

/// The page without the document's own text (marked `lang="nl"`, up to the next section),
/// which is Dutch content and may hold any Dutch word.
fn interface_of(page: &str) -> String {
    let mut out = page.to_string();
    while let Some(start) = out.find(r#"<div class="document__text" lang="nl">"#) {
        let rest = &out[start..];
        let end = ["<section", "</article>"]
            .iter()
            .filter_map(|marker| rest.find(marker))
            .min()
            .unwrap_or(rest.len());
        out.replace_range(start..start + end, "");
    }
    out
}

/// Dutch interface words the English site must not show (none of them occurs in the
/// fixture's titles, summaries or topic texts; the test checks that too).
const DUTCH_INTERFACE: &[&str] = &[
    "Direct naar de inhoud",
    "Hoofdmenu",
    "Motievolglijst",
    "Kruimelpad",
    "Nieuwste documenten",
    "Alle documenten per soort",
    "In totaal",
    "nieuwste eerst",
    "Stand van zaken",
    "Streefdatum",
    "Raadsvergadering",
    "Antwoord van het college",
    "Aangenomen",
    "Verworpen",
    "Afgedaan",
    "Datum",
    "Kenmerk",
    "Ingediend door",
    "Stemming",
    "stemmen voor",
    ">Afhandeling<",
    "Samenhang met andere documenten",
    "Antwoord op",
    "Beantwoord door",
    "Inhoudsopgave",
    "Pagina niet gevonden",
    "Naar de startpagina",
    "Gemaakt uit",
    "Deze pagina",
    "Open data: alle",
    "Raadsbrieven",
    "Raadsbrief",
    "pagina's",
    "Gemeente Testdorp</span>",
    "dagen na",
    "nog geen",
    "Er zijn nog geen",
];

const PAGES: &[&str] = &[
    "index.html",
    "moties/index.html",
    "raadsbrieven/index.html",
    "motievolglijst/index.html",
    "dossiers/index.html",
    "dossiers/jeugdzorg/index.html",
    "documenten/motie-wijkcoaches/index.html",
    "documenten/motie-verworpen/index.html",
    "documenten/raadsbrief-wijkcoaches/index.html",
    "404.html",
];

#[test]
fn an_english_site_has_english_pages_and_keeps_its_content() {
    let dir = english("valid-site");
    let content: String = walkdir::WalkDir::new(dir.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    let dutch_date = regex::Regex::new(
        r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}",
    )
    .unwrap();
    let english_date = regex::Regex::new(
        r#"<time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}</time>"#,
    )
    .unwrap();
    for path in PAGES {
        let page = read(dir.path(), &format!("output/{path}"));
        assert!(page.contains(r#"<html lang="en">"#), "{path}");
        assert!(page.contains("Skip to content"), "{path}");
        assert!(page.contains(r#"aria-label="Main menu""#), "{path}");
        let interface = interface_of(&page);
        for word in DUTCH_INTERFACE {
            assert!(!content.contains(word), "`{word}` is in the content; pick another word");
            assert!(
                !interface.contains(word),
                "{path} shows the Dutch `{word}`:\n{interface}"
            );
        }
        assert!(
            !dutch_date.is_match(&interface),
            "{path} has a Dutch date: {:?}",
            dutch_date.find(&interface)
        );
    }

    let home = read(dir.path(), "output/index.html");
    for text in [
        "Latest documents",
        "All documents by type",
        "Council letters",
        "Motion tracker",
    ] {
        assert!(home.contains(text), "home lacks `{text}`");
    }
    let motions = read(dir.path(), "output/motievolglijst/index.html");
    for text in [
        "Council meeting",
        "Reply from the executive",
        "Due date",
        "Adopted · overdue",
        "Status as of",
    ] {
        assert!(motions.contains(text), "motion tracker lacks `{text}`");
    }
    assert!(english_date.is_match(&motions), "English dates with ISO datetime");
    let motion = read(dir.path(), "output/documenten/motie-wijkcoaches/index.html");
    for text in ["Follow-up", "Submitted by", ">Date<", "Related documents"] {
        assert!(motion.contains(text), "motion page lacks `{text}`");
    }
    assert!(english_date.is_match(&motion));
    // The motion's own opening formula is part of its (Dutch) text.
    assert!(motion.contains("De raad van de gemeente Testdorp, in vergadering bijeen op"));
    let rejected = read(dir.path(), "output/documenten/motie-verworpen/index.html");
    assert!(rejected.contains("This motion is rejected; it will not be carried out."));
    let not_found = read(dir.path(), "output/404.html");
    assert!(not_found.contains("<h1>Page not found</h1>"));
    let dossier = read(dir.path(), "output/dossiers/jeugdzorg/index.html");
    assert!(dossier.contains("in this dossier, oldest first"), "{dossier}");
    assert!(dossier.contains("Jeugdzorg"), "topic titles are content");
}

#[test]
fn the_language_changes_neither_paths_nor_data() {
    let english = english("valid-site");
    let dutch = project("valid-site");
    build_ok(dutch.path());
    // The search index's file names are hashes of what they hold, and its filters hold the
    // type and status labels the site shows, so those names differ; its entry point does not.
    let paths = |dir: &std::path::Path| -> Vec<std::path::PathBuf> {
        snapshot_tree(&dir.join("output"))
            .into_keys()
            .filter(|path| !path.starts_with("pagefind") || path.extension().is_some_and(|e| e == "js"))
            .collect()
    };
    assert_eq!(
        paths(english.path()),
        paths(dutch.path()),
        "the same files at the same paths"
    );
    assert_eq!(
        read(english.path(), "output/api/documents.json"),
        read(dutch.path(), "output/api/documents.json"),
        "the JSON data is a contract"
    );
}

#[test]
fn an_english_site_has_english_pdfs() {
    let dir = english("pdf-site");
    let bytes = std::fs::read(
        dir.path()
            .join("output/documenten/motie-fietspaden/motie-fietspaden.pdf"),
    )
    .unwrap();
    let text = pdf_text(&bytes);
    for part in [
        "Municipality of Testdorp",
        "Postal address",
        "Motion",
        "Submitted by",
        "Subject",
        "Status",
        "Vote",
        "20 votes for, 9 against",
        "Settled",
        "Page 1 of",
        "This motion is online at",
        // The motion's own formula and text stay as written.
        "De raad van de gemeente Testdorp, in vergadering bijeen op 13 februari 2025,",
        "Constaterende dat",
    ] {
        assert!(
            text.contains(part),
            "`{part}` missing from the English motion PDF:\n{text}"
        );
    }
    for dutch in [
        "Onderwerp",
        "Stand van zaken",
        "stemmen voor",
        "Pagina 1 van",
        "Postadres",
        "Ingediend door",
    ] {
        assert!(!text.contains(dutch), "`{dutch}` in the English motion PDF:\n{text}");
    }
    let letter = std::fs::read(
        dir.path()
            .join("output/documenten/antwoord-fietspaden/antwoord-fietspaden.pdf"),
    )
    .unwrap();
    let letter = pdf_text(&letter);
    for part in ["Council letter for information", "Date", "Subject", "Handled by"] {
        assert!(
            letter.contains(part),
            "`{part}` missing from the English letter PDF:\n{letter}"
        );
    }
    assert!(
        regex::Regex::new(
            r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
        )
        .unwrap()
        .is_match(&letter),
        "an English date in the letter PDF:\n{letter}"
    );
}

#[test]
fn an_unknown_site_language_is_a_config_error_naming_file_line_and_choices() {
    let dir = project("valid-site");
    edit(dir.path(), "griffie.yaml", "language: nl", "language: de");
    let output = griffie(dir.path(), &["check", "--no-pdf"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(report.contains("taal `de` wordt niet ondersteund"), "{report}");
    assert!(report.contains("griffie.yaml:4:"), "file and line: {report}");
    assert!(
        report.contains("`language: nl`") && report.contains("`language: en`"),
        "the choices: {report}"
    );
}

/// The accessibility statement of `tests/fixtures/links-site` (its facts are the organisation's
/// own, in Dutch: content).
const STATEMENT: &str = "accessibility:
  organisation: Gemeente Testdorp
  status: voldoet-gedeeltelijk
  date: 2026-03-01
  audits:
    - date: 2026-01-15
      auditor: Toegankelijkheidsbureau Voorbeeld
  known_problems:
    - description: Enkele oude PDF-bijlagen hebben geen koppen.
      criterion: 1.3.1
      measure: Ze worden in 2026 opnieuw gemaakt.
  contact:
    email: toegankelijkheid@testdorp.nl
    response_days: 5
";

/// Dutch words of the search page, open-data page, statement, feeds and calendar that the
/// English site must not show.
const DUTCH_DATA_INTERFACE: &[&str] = &[
    "Zoeken",
    "Zoek in",
    "Alleen tonen",
    "Alle jaren",
    "Elke status",
    "JavaScript staat",
    "Volg ",
    "Open data en feeds",
    "nieuwste documenten",
    "Streefdata",
    "spreadsheet (CSV)</a> bevat",
    "Toegankelijkheidsverklaring",
    ">Toegankelijkheid<",
    "voldoet",
    "Bekende problemen",
    "werkdagen",
    "de Nationale ombudsman",
    "gemeenteraad van",
    "Motie uit de raadsvergadering",
    "Besluit van de raad",
    "Streefdatum",
    "aangenomen in de raadsvergadering",
    "Nog niet afgedaan",
    "alle documenten",
];

#[test]
fn an_english_site_has_english_search_data_feeds_calendar_and_statement() {
    let dir = project("valid-site");
    let config = dir.path().join("griffie.yaml");
    let text = std::fs::read_to_string(&config).unwrap().replace("language: nl", "");
    std::fs::write(&config, format!("{text}language: en\n{STATEMENT}")).unwrap();
    build_ok(dir.path());
    let pages = [
        "zoeken/index.html",
        "api/index.html",
        "toegankelijkheid/index.html",
        "motievolglijst/index.html",
        "moties/index.html",
        "dossiers/jeugdzorg/index.html",
        "documenten/motie-wijkcoaches/index.html",
    ];
    for path in pages {
        let page = read(dir.path(), &format!("output/{path}"));
        assert!(page.contains(r#"<html lang="en">"#), "{path}");
        assert!(
            page.contains(r#"<meta property="og:locale" content="en_GB">"#),
            "{path}"
        );
        let interface = interface_of(&page);
        for word in DUTCH_DATA_INTERFACE {
            assert!(
                !interface.contains(word),
                "{path} shows the Dutch `{word}`:\n{interface}"
            );
        }
    }
    let search = read(dir.path(), "output/zoeken/index.html");
    for text in [
        "Search all documents",
        "Show only",
        "All years",
        "Finding documents without searching",
    ] {
        assert!(search.contains(text), "search page lacks `{text}`");
    }
    // The script's words come from the page, in the site's language.
    assert!(search.contains("data-texts=\""), "{search}");
    assert!(search.contains("found for"), "the script's texts are English");
    assert!(
        search.contains("&quot;Adopted&quot;:&quot;aangenomen&quot;"),
        "status label → slug"
    );
    let api = read(dir.path(), "output/api/index.html");
    assert!(api.contains("<h1>Open data and feeds</h1>"));
    assert!(api.contains("Due dates in your calendar (iCalendar)"));
    let statement = read(dir.path(), "output/toegankelijkheid/index.html");
    for text in [
        "<h1>Accessibility statement</h1>",
        "B: partially compliant with the requirements",
        "1 March 2026",
        "Audit by Toegankelijkheidsbureau Voorbeeld, completed on",
        "Enkele oude PDF-bijlagen hebben geen koppen. (WCAG success criterion 1.3.1)",
        "within 5 working days",
        "the National Ombudsman",
    ] {
        assert!(statement.contains(text), "statement lacks `{text}`:\n{statement}");
    }

    let feed = read(dir.path(), "output/atom.xml");
    assert!(feed.contains(r#"xml:lang="en""#));
    assert!(feed.contains(": new documents</title>"), "{feed}");
    assert!(
        feed.contains("The newest documents of the municipal council of Testdorp."),
        "{feed}"
    );
    assert!(
        !feed.contains("Gemeente Testdorp"),
        "the author is named in English: {feed}"
    );
    let motion_feed = read(dir.path(), "output/documenten/motie-wijkcoaches/atom.xml");
    assert!(motion_feed.contains("What happens to the motion"), "{motion_feed}");
    assert!(
        motion_feed.contains("Motion from the council meeting of"),
        "{motion_feed}"
    );
    for word in [
        "Motie uit",
        "Besluit van de raad",
        "Antwoord van het college",
        "Streefdatum",
    ] {
        assert!(
            !motion_feed.contains(word),
            "motion feed shows `{word}`:\n{motion_feed}"
        );
    }

    let calendar = read(dir.path(), "output/motievolglijst/moties.ics");
    assert!(calendar.contains("NAME:Motion due dates"), "{calendar}");
    assert!(calendar.contains("CATEGORIES:Motion"), "{calendar}");
    for word in ["Streefdatum", "Streefdata", "Nog niet afgedaan", "raadsvergadering"] {
        assert!(!calendar.contains(word), "calendar shows `{word}`:\n{calendar}");
    }
    // The spreadsheet's header is a data contract: the same column names in every language.
    let csv = read(dir.path(), "output/motievolglijst/moties.csv");
    assert!(
        csv.starts_with("\u{feff}id,title,date,status,effective_status,due,"),
        "{csv}"
    );
}
