//! The Almelo corpus shipped in `content/`: it builds cleanly and tells the real story.

mod common;

use common::*;

fn built_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    copy_dir(&repo_root().join("templates"), &dir.path().join("templates"));
    std::fs::copy(repo_root().join("griffie.yaml"), dir.path().join("griffie.yaml")).unwrap();
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
