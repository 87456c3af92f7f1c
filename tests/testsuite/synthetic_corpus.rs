//! A generated corpus (`griffie_synth`) is a valid project: it builds without errors or
//! warnings, every document gets its page, and letters really settle motions.

use griffie::{build, BuildOptions, Mode};

use crate::support;

#[test]
fn synthetic_corpus_builds_cleanly() {
    let (dir, summary) = support::synthetic(300, 2026);
    let count = |doc_type| {
        summary
            .per_type
            .iter()
            .find(|(t, _)| *t == doc_type)
            .map_or(0, |&(_, n)| n)
    };
    let (meetings, commitments) = (
        count(griffie::DocType::Vergadering),
        count(griffie::DocType::Toezegging),
    );
    assert!(
        meetings > 0 && commitments > 0,
        "council meetings and commitments: {summary}"
    );
    assert_eq!(summary.documents, 300 + meetings + commitments);
    assert!(summary.template_files > 0, "templates were copied");

    let options = BuildOptions {
        deny_warnings: true,
        pdf: false,
        ..support::library_options(dir.path(), Mode::Build)
    };
    let paths = options.paths.clone();
    let report = build(&options).unwrap();
    let problems = griffie::render_report(&report.diagnostics, dir.path(), false);
    assert_eq!(report.diagnostics.error_count(), 0, "{problems}");
    assert_eq!(report.diagnostics.warning_count(), 0, "{problems}");
    assert!(report.published);
    assert_eq!(report.documents, summary.documents);

    let json = std::fs::read_to_string(paths.output.join("api/documents.json")).unwrap();
    let documents: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(documents.len(), summary.documents);
    for doc in &documents {
        let id = doc["id"].as_str().unwrap();
        let page = paths.output.join("documenten").join(id).join("index.html");
        assert!(page.is_file(), "no page for {id}");
    }
    let settled = documents
        .iter()
        .filter(|d| d["type"] == "motie" && d["effective_status"] == "afgedaan")
        .count();
    assert!(settled > 0, "at least one motion is settled (afgedaan)");
    let mentioned = documents
        .iter()
        .filter(|d| d["mentioned_by"].as_array().is_some_and(|a| !a.is_empty()))
        .count();
    assert!(mentioned > 0, "body text mentions other documents' identifiers");
    let party_votes = documents
        .iter()
        .filter(|d| d["vote"]["for"].is_array() && d["vote"]["seats_for"].is_u64())
        .count();
    assert!(
        party_votes > 0,
        "votes are recorded per party and counted with the term's seats"
    );
    let decided = documents
        .iter()
        .filter(|d| d["type"] == "motie" && d["meeting"].is_string())
        .count();
    assert!(decided > 0, "motions know the meeting they were decided in");
}
