//! The Almelo corpus shipped in `content/`: it builds cleanly and tells the real story.

use crate::support::*;

fn built_corpus() -> tempfile::TempDir {
    let dir = bundled_corpus();
    let output = griffie(dir.path(), &["build", "--deny-warnings"]);
    assert!(
        output.status.success(),
        "the bundled corpus must build without warnings:\n{}",
        stderr(&output)
    );
    dir
}

#[test]
fn bundled_corpus_links_the_motion_to_its_answer() {
    let dir = built_corpus();
    let docs = documents_json(dir.path());
    let motion = &docs["motie-2024-07-11-juiste-basis-jeugdzorg"];
    assert_eq!(motion["effective_status"], "afgedaan");
    assert_eq!(
        motion["settled_by"],
        serde_json::json!(["raadsbrief-2025-07-15-motie-juiste-basis"])
    );
    assert_eq!(motion["settled_on"], "2025-07-15");
    assert_eq!(
        docs["brief-2018-transformatiefonds-lokale-deal"]["responds_to"],
        serde_json::json!(["plan-2018-09-27-twents-transformatieplan"])
    );
}

#[test]
fn bundled_corpus_links_printed_numbers() {
    let dir = built_corpus();
    let agenda = read(
        dir.path(),
        "output/documenten/raadsbrief-2026-02-03-prioritaire-agenda-jeugdzorg/index.html",
    );
    assert!(agenda.contains(r#"href="/documenten/raadsbrief-2023-11-samenwerkingsagenda-jeugdhulp-twente/" title="Samenwerkingsagenda Jeugdhulp Twente">Raad-7975</a>"#));
    assert!(agenda.contains(">D/25/737910</a>"));
    let answer = read(
        dir.path(),
        "output/documenten/raadsbrief-2025-07-15-motie-juiste-basis/index.html",
    );
    assert!(answer.contains(">Raad-8529</a>"));
}

#[test]
fn bundled_corpus_keeps_the_full_text_without_pdf_artefacts() {
    let dir = built_corpus();
    let plan = read(
        dir.path(),
        "output/documenten/plan-2018-09-27-twents-transformatieplan/index.html",
    );
    assert!(plan.contains("Inhoudsopgave"), "a long plan gets a table of contents");
    for page in std::fs::read_dir(dir.path().join("output/documenten")).unwrap() {
        let html = std::fs::read_to_string(page.unwrap().path().join("index.html")).unwrap();
        assert!(!html.contains('•'), "bullets became lists");
        assert!(!html.contains("Pagina 1 van"), "no page footers");
        assert!(!html.contains("InleidingInleiding"), "no repeated headings");
    }
    let letter = read(
        dir.path(),
        "output/documenten/raadsbrief-2024-04-02-inkoop-jeugdhulp/index.html",
    );
    assert!(letter.contains("K. Rondhuis"));
    assert!(letter.contains("Raad - 2408221"));
}

#[test]
fn the_youth_care_dossier_tells_the_story_in_order_with_its_relations() {
    let dir = built_corpus();
    let page = read(dir.path(), "output/dossiers/jeugdzorg/index.html");
    let main = main_of(&page);
    // Plan 2018 → letter 2018 → procurement letter 2024 → motion 2024 → answer 2025 → agenda 2026.
    let story = [
        "/documenten/plan-2018-09-27-twents-transformatieplan/",
        "/documenten/brief-2018-transformatiefonds-lokale-deal/",
        "/documenten/raadsbrief-2024-04-02-inkoop-jeugdhulp/",
        "/documenten/motie-2024-07-11-juiste-basis-jeugdzorg/",
        "/documenten/raadsbrief-2025-07-15-motie-juiste-basis/",
        "/documenten/raadsbrief-2026-02-03-prioritaire-agenda-jeugdzorg/",
    ];
    let headings: Vec<usize> = story
        .iter()
        .map(|url| {
            let heading = format!(r#"<h2 class="timeline__title"><a href="{url}">"#);
            main.find(&heading)
                .unwrap_or_else(|| panic!("{url} is not an entry of the dossier"))
        })
        .collect();
    assert!(
        headings.windows(2).all(|w| w[0] < w[1]),
        "the entries are oldest first: {headings:?}"
    );
    // Each relation is written out in words at the entry it belongs to, readable without script.
    let entry = |i: usize| &main[headings[i]..headings.get(i + 1).copied().unwrap_or(main.len())];
    assert!(entry(1).contains("Antwoord op: <a href=\"/documenten/plan-2018-09-27-twents-transformatieplan/\""));
    assert!(entry(3).contains("Afgedaan door: <a href=\"/documenten/raadsbrief-2025-07-15-motie-juiste-basis/\""));
    assert!(entry(4).contains("Handelt af: <a href=\"/documenten/motie-2024-07-11-juiste-basis-jeugdzorg/\""));
    // The 2026 agenda cites earlier documents by their official numbers; they show both ways.
    assert!(entry(5)
        .contains("Verwijst naar: <a href=\"/documenten/raadsbrief-2025-03-28-kerntakendiscussie-samentwente/\""));
    assert!(main.contains("Aangehaald in: <a href=\"/documenten/raadsbrief-2026-02-03-prioritaire-agenda-jeugdzorg/\""));
}
