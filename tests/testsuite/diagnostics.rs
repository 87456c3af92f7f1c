//! Problems in sources: every kind is reported with file, line, column and hint; all of them in
//! one run; a failed build leaves the previous output untouched; `check` writes nothing.

use griffie::{Diagnostic, Mode};

use crate::support::*;

fn invalid_project() -> tempfile::TempDir {
    let dir = project("invalid-site");
    // Saved as Windows-1252 instead of UTF-8: "Café" with a single 0xE9 byte.
    let latin1 = b"---\nid: latin1\ntype: raadsbrief\ntitle: Caf\xe9\ndate: 2025-01-01\n---\n\nTekst.\n";
    std::fs::write(dir.path().join("content/latin1.md"), latin1).unwrap();
    dir
}

fn find<'a>(diagnostics: &'a [Diagnostic], code: &str, file: &str) -> &'a Diagnostic {
    diagnostics
        .iter()
        .find(|d| d.code.as_str() == code && d.path.ends_with(file))
        .unwrap_or_else(|| panic!("no {code} diagnostic for {file} in {diagnostics:#?}"))
}

fn line_col(d: &Diagnostic) -> (usize, usize) {
    let loc = d.location.expect("diagnostic has a position");
    (loc.line, loc.column)
}

fn all_diagnostics() -> Vec<Diagnostic> {
    let dir = invalid_project();
    let report = build_with_library(dir.path(), Mode::Check);
    report.diagnostics.iter().cloned().collect()
}

#[test]
fn unknown_field_names_its_line_and_suggests_the_right_one() {
    let all = all_diagnostics();
    let d = find(&all, "unknown-field", "unknown-field.md");
    assert_eq!(line_col(d), (4, 1));
    assert_eq!(d.hint.as_deref(), Some("bedoelt u `title`?"));
}

#[test]
fn missing_field_is_reported() {
    let all = all_diagnostics();
    let d = find(&all, "missing-field", "missing-title.md");
    assert!(d.message.contains("`title`"));
    assert_eq!(line_col(d).0, 2);
}

#[test]
fn wrong_types_are_reported_at_the_value() {
    let all = all_diagnostics();
    let title = all
        .iter()
        .find(|d| d.code.as_str() == "wrong-type" && d.message.contains("`title`"))
        .unwrap();
    assert_eq!(line_col(title), (4, 8));
    let topics = all
        .iter()
        .find(|d| d.code.as_str() == "wrong-type" && d.message.contains("`topics`"))
        .unwrap();
    assert_eq!(line_col(topics).0, 6);
}

#[test]
fn impossible_date_is_refused() {
    let all = all_diagnostics();
    let d = find(&all, "invalid-date", "impossible-date.md");
    assert_eq!(line_col(d), (5, 7));
    assert!(d.message.contains("2024-02-30 bestaat niet"), "{}", d.message);
    assert!(d.hint.as_deref().unwrap().contains("2024-02-29"));
}

#[test]
fn duplicate_id_reports_both_files() {
    let all = all_diagnostics();
    let d = find(&all, "duplicate-id", "duplicate-b.md");
    assert_eq!(line_col(d), (2, 5));
    assert_eq!(d.related.len(), 1);
    assert!(d.related[0].path.ends_with("duplicate-a.md"));
    assert_eq!(d.related[0].location.map(|l| l.line), Some(2));
}

#[test]
fn unknown_id_suggests_the_closest_existing_id() {
    let all = all_diagnostics();
    let d = find(&all, "unknown-id", "unknown-link.md");
    assert_eq!(line_col(d), (7, 5));
    assert_eq!(d.hint.as_deref(), Some("bedoelt u `motie-jeugdzorg-2025`?"));
}

#[test]
fn settles_must_point_at_a_motion() {
    let all = all_diagnostics();
    let d = find(&all, "settles-not-motion", "settles-letter.md");
    assert_eq!(line_col(d), (6, 24));
    assert!(
        d.message.contains("`unknown-field`, maar dat is een raadsbrief"),
        "{}",
        d.message
    );
}

#[test]
fn yaml_syntax_error_points_at_the_problem() {
    let all = all_diagnostics();
    let d = find(&all, "yaml-syntax", "yaml-syntax.md");
    assert_eq!(line_col(d).0, 4);
    assert!(d.hint.as_deref().unwrap().contains("tussen aanhalingstekens"));
}

#[test]
fn file_that_is_not_utf8_is_reported_with_its_position() {
    let all = all_diagnostics();
    let d = find(&all, "not-utf8", "latin1.md");
    assert_eq!(line_col(d), (4, 11));
    assert!(d.hint.as_deref().unwrap().contains("UTF-8"));
}

#[test]
fn image_without_alt_text_is_an_error() {
    let all = all_diagnostics();
    let d = find(&all, "missing-alt", "missing-alt.md");
    assert_eq!(line_col(d), (10, 1));
}

#[test]
fn status_afgedaan_and_misplaced_fields_are_explained() {
    let all = all_diagnostics();
    let status = find(&all, "invalid-value", "wrong-status.md");
    assert!(status.hint.as_deref().unwrap().contains("settles"));
    let misplaced = find(&all, "misplaced-field", "wrong-status.md");
    assert_eq!(line_col(misplaced), (7, 1));
}

#[test]
fn every_problem_of_the_run_is_reported_together() {
    let dir = invalid_project();
    let output = griffie(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    insta::assert_snapshot!("invalid_site_report", text);
}

#[test]
fn the_same_report_in_english() {
    let dir = invalid_project();
    let output = griffie(dir.path(), &["build", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    insta::assert_snapshot!("invalid_site_report_en", text);
}

#[test]
fn failed_build_leaves_the_previous_output_exactly_as_it_was() {
    let dir = project("valid-site");
    build_ok(dir.path());
    let before = snapshot_tree(&dir.path().join("output"));
    let broken = dir.path().join("content/moties/motie-wijkcoaches.md");
    let text = std::fs::read_to_string(&broken)
        .unwrap()
        .replace("date: 2024-07-11", "date: 2024-02-30");
    std::fs::write(&broken, text).unwrap();

    let output = griffie(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("is niet gewijzigd"));
    assert!(
        before == snapshot_tree(&dir.path().join("output")),
        "output changed after a failed build"
    );
}

#[test]
fn check_validates_without_writing() {
    let dir = invalid_project();
    let output = griffie(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("fout[duplicate-id]"));
    assert!(!dir.path().join("output").exists());

    let valid = project("valid-site");
    let output = griffie(valid.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!valid.path().join("output").exists());
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let dir = project("valid-site");
    let output = griffie(dir.path(), &["build", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1), "the fixture has unsafe-html warnings");
    assert!(!dir.path().join("output").exists());
}

#[test]
fn missing_configuration_is_explained() {
    let dir = project("valid-site");
    std::fs::remove_file(dir.path().join("griffie.yaml")).unwrap();
    let output = griffie(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("fout[missing-config]"));
}

#[test]
fn usage_errors_exit_with_two() {
    let dir = project("valid-site");
    assert_eq!(griffie(dir.path(), &["bouw"]).status.code(), Some(2));
    assert_eq!(
        griffie(dir.path(), &["build", "--as-of", "2024-02-30"]).status.code(),
        Some(2)
    );
}

#[test]
fn answer_dated_before_its_question_is_a_warning() {
    let dir = project("valid-site");
    let letter = dir.path().join("content/raadsbrieven/vroeg.md");
    std::fs::write(
        &letter,
        "---\nid: vroeg\ntype: raadsbrief\ntitle: Te vroeg\ndate: 2023-01-01\nresponds_to: [motie-wijkcoaches]\n---\n\nTekst.\n",
    )
    .unwrap();
    let report = build_with_library(dir.path(), Mode::Check);
    let all: Vec<Diagnostic> = report.diagnostics.iter().cloned().collect();
    let d = find(&all, "answer-before-question", "vroeg.md");
    assert_eq!(line_col(d), (6, 15));
    assert!(!report.diagnostics.has_errors(), "a warning, not an error");
}

#[test]
fn json_format_lists_every_problem_for_tools() {
    let dir = project("invalid-site");
    let output = griffie(dir.path(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    assert_eq!(report["failed"], true);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(
        report["errors"].as_u64().unwrap() as usize,
        diagnostics.iter().filter(|d| d["severity"] == "error").count()
    );
    let unknown = diagnostics
        .iter()
        .find(|d| d["code"] == "unknown-field")
        .expect("an unknown field is reported");
    assert!(unknown["path"].as_str().unwrap().starts_with("content/"));
    assert!(unknown["location"]["line"].as_u64().unwrap() > 1);
    assert!(unknown["hint"].is_string());
    assert!(
        stderr(&output).is_empty(),
        "nothing but JSON is printed: {}",
        stderr(&output)
    );
}

#[test]
fn github_actions_get_annotations_on_the_right_lines() {
    let dir = project("invalid-site");
    let output = griffie_with_env(dir.path(), &["check", "--no-pdf"], &[("GITHUB_ACTIONS", "true")]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let errors: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("::error file=content/"))
        .collect();
    assert!(!errors.is_empty(), "{stdout}");
    assert!(
        errors.iter().all(|l| l.contains(",line=") && l.contains("::")),
        "{stdout}"
    );
    assert!(
        stdout.lines().all(|l| l.starts_with("::")),
        "only workflow commands on stdout"
    );
    assert!(stderr(&output).contains("fout["), "the human report stays in the log");
}

#[test]
fn strict_turns_warnings_into_a_failure() {
    let dir = project("valid-site");
    let motion = dir.path().join("content/moties/motie-wijkcoaches.md");
    let text = std::fs::read_to_string(&motion).unwrap();
    // A citation of a number no document carries is a warning.
    std::fs::write(&motion, format!("{text}\nZie ook Raad-9999999.\n")).unwrap();
    let relaxed = griffie(dir.path(), &["check", "--no-pdf"]);
    assert!(relaxed.status.success(), "{}", stderr(&relaxed));
    assert!(stderr(&relaxed).contains("waarschuwing[unknown-identifier]"));
    let strict = griffie(dir.path(), &["check", "--no-pdf", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let alias = griffie(dir.path(), &["check", "--no-pdf", "--deny-warnings"]);
    assert_eq!(alias.status.code(), Some(1), "--deny-warnings still works");
}

#[test]
fn motions_nobody_tracks_and_answers_to_rejected_motions_are_warned_about() {
    let dir = project("versions-site");
    write(
        dir.path(),
        "content/moties/laat.md",
        "---\nid: motie-laat\ntype: motie\ntitle: Te laat\ndate: 2024-01-10\nstatus: aangenomen\ndue: 2024-06-01\n---\n\nVerzoekt het college iets.\n",
    );
    write(
        dir.path(),
        "content/moties/zonder.md",
        "---\nid: motie-zonder\ntype: motie\ntitle: Zonder datum\ndate: 2024-01-10\nstatus: aangenomen\n---\n\nVerzoekt het college iets anders.\n",
    );
    write(
        dir.path(),
        "content/moties/verworpen.md",
        "---\nid: motie-verworpen\ntype: motie\ntitle: Verworpen\ndate: 2024-01-10\nstatus: verworpen\n---\n\nVerzoekt het college niets.\n",
    );
    write(
        dir.path(),
        "content/raadsbrieven/antwoord.md",
        "---\nid: antwoord\ntype: raadsbrief\ntitle: Antwoord\ndate: 2024-03-01\nresponds_to: [motie-verworpen]\n---\n\nTekst.\n",
    );
    let output = griffie(dir.path(), &["check", "--no-pdf", "--as-of", "2025-01-01"]);
    assert!(output.status.success(), "warnings only: {}", stderr(&output));
    let report = stderr(&output);
    assert!(
        report.contains("waarschuwing[motion-overdue]: deze aangenomen motie moest op 2024-06-01 zijn uitgevoerd"),
        "{report}"
    );
    assert!(
        report.contains("content/moties/laat.md:7:6"),
        "points at the due date: {report}"
    );
    assert!(report.contains("waarschuwing[motion-no-due]"), "{report}");
    assert!(
        report.contains("content/moties/zonder.md:6:9"),
        "points at the status: {report}"
    );
    assert!(report.contains(
        "waarschuwing[answers-unadopted]: deze brief is een antwoord op `motie-verworpen`, maar die motie is verworpen"
    ));
    let in_time = griffie(dir.path(), &["check", "--no-pdf", "--as-of", "2024-05-01"]);
    assert!(
        !stderr(&in_time).contains("motion-overdue"),
        "not late before the due date"
    );
}
