//! Open data, built by the real binary from the `feeds-site` fixture in git: the
//! motievolglijst as CSV.

mod common;

use std::path::Path;

use common::git::{commit_all, init_repo};
use common::{documents_json, griffie, read, stderr};

const ORIGIN: &str = "https://raad.testdorp.nl/raad";
const SCRIPT_TITLE: &str = "Tarieven </script><script>alert(1)</script> & “zorg”, één; twee — een titel die zo lang is dat een agenda-regel gevouwen moet worden";

fn build(dir: &Path, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend(args);
    let output = griffie(dir, &all);
    assert!(output.status.success(), "build failed:\n{}", stderr(&output));
}

/// The fixture committed twice (a correction of a letter and a new due date of a motion:
/// their version 2), then built with PDFs.
fn built_repo() -> tempfile::TempDir {
    let dir = common::project("feeds-site");
    init_repo(dir.path());
    std::fs::write(
        dir.path().join(".gitignore"),
        "/output/\n/.output.*/\n/.griffie-cache/\n",
    )
    .unwrap();
    commit_all(dir.path(), "Eerste publicatie", "2025-10-21T10:00:00+02:00");
    let letter = dir.path().join("content/raadsbrieven/antwoord.md");
    let text = std::fs::read_to_string(&letter).unwrap();
    std::fs::write(&letter, text.replace("Wij zijn begonnen", "Wij zijn in juni begonnen")).unwrap();
    let motion = dir.path().join("content/moties/script.md");
    let text = std::fs::read_to_string(&motion).unwrap();
    std::fs::write(&motion, text.replace("due: 2026-06-30", "due: 2026-09-30")).unwrap();
    commit_all(dir.path(), "Correctie", "2025-11-03T14:00:00+01:00");
    build(dir.path(), &[]);
    dir
}

#[test]
fn the_motions_csv_parses_and_matches_documents_json() {
    let dir = built_repo();
    let bytes = std::fs::read(dir.path().join("output/motievolglijst/moties.csv")).unwrap();
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("UTF-8 with BOM, for Excel");
    let text = std::str::from_utf8(body).unwrap();
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "RFC 4180 line ends"
    );
    let mut reader = csv::Reader::from_reader(body);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        [
            "id",
            "title",
            "date",
            "status",
            "effective_status",
            "due",
            "answered_by",
            "settled_by",
            "settled_on",
            "days_to_settle",
            "overdue",
            "url"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let documents = documents_json(dir.path());
    let motions: Vec<&serde_json::Value> = documents.values().filter(|d| d["type"] == "motie").collect();
    assert_eq!(rows.len(), motions.len());
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(
        ids,
        ["motie-script", "motie-verworpen", "motie-inkoop"],
        "as the page: newest first"
    );
    let text_of = |value: &serde_json::Value| match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    for row in &rows {
        let doc = &documents[&row[0]];
        assert_eq!(&row[1], doc["title"].as_str().unwrap());
        for (column, key) in [
            (2, "date"),
            (3, "status"),
            (4, "effective_status"),
            (5, "due"),
            (8, "settled_on"),
            (9, "days_to_settle"),
            (10, "overdue"),
        ] {
            assert_eq!(row[column], text_of(&doc[key]), "{} {key}", &row[0]);
        }
        let mut answers: Vec<String> = doc["responded_by"]
            .as_array()
            .unwrap()
            .iter()
            .chain(doc["settled_by"].as_array().unwrap())
            .map(text_of)
            .collect();
        answers.sort_by_key(|id| documents[id]["date"].as_str().unwrap().to_string());
        answers.dedup();
        assert_eq!(row[6], answers.join(";"));
        assert_eq!(row[7], doc["settled_by"].get(0).map(text_of).unwrap_or_default());
        assert_eq!(row[11], format!("{ORIGIN}{}", doc["url"].as_str().unwrap()));
    }
    assert_eq!(&rows[0][1], SCRIPT_TITLE, "quotes, commas and semicolons survive");
    assert_eq!(&rows[2][6], "raadsbrief-antwoord;raadsbrief-afhandeling");

    let page = read(dir.path(), "output/motievolglijst/index.html");
    assert!(page.contains(r#"href="/raad/motievolglijst/moties.csv" type="text/csv" download"#));
}
