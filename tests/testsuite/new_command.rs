//! `griffie new`: the file lands in the type's folder with the expected id; it is never
//! overwritten; `check` fails at each placeholder until it is filled in, and then passes even
//! with `--deny-warnings`; wrong types and ids are usage errors (exit code 2).

use std::path::Path;

use crate::support::*;

/// Runs `griffie new` and returns the path it printed.
fn new_ok(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let output = griffie(dir, &all);
    assert!(output.status.success(), "new failed:\n{}", stderr(&output));
    stdout(&output).trim().to_string()
}

/// 1-based number of the first line of `text` that starts with `start`.
fn line_of(text: &str, start: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start:?} in\n{text}"))
        + 1
}

/// What a clerk does: every placeholder written out, every empty required field given a value.
fn fill_in(dir: &Path, path: &str, status: &str) {
    let text = read(dir, path);
    let placeholders = regex::Regex::new("«[^»]*»").unwrap();
    let text = placeholders.replace_all(&text, "Jansen").into_owned();
    let text = text.replace("\nstatus:\n", &format!("\nstatus: {status}\n"));
    let text = text.replace("\ndue:\n", "\ndue: 2027-01-01\n");
    std::fs::write(dir.join(path), text).unwrap();
}

/// `check` fails, and reports a placeholder at each of `lines` of `path`.
fn assert_check_points_at(dir: &Path, path: &str, lines: &[usize]) -> String {
    let output = griffie(dir, &["check", "--no-pdf"]);
    let report = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "check should fail:\n{report}");
    for line in lines {
        assert!(
            report.contains(&format!("{path}:{line}:")),
            "no diagnostic at {path}:{line} in\n{report}"
        );
    }
    report
}

fn assert_check_passes(dir: &Path) {
    let output = griffie(dir, &["check", "--deny-warnings"]);
    assert!(output.status.success(), "check failed:\n{}", stderr(&output));
}

#[test]
fn new_letter_lands_in_its_folder_and_passes_check_once_filled_in() {
    let dir = bundled_corpus();
    let path = new_ok(
        dir.path(),
        &["raadsbrief", "Inkoop jeugdhulp 2027", "--date", "2026-03-02"],
    );
    assert_eq!(
        path,
        "content/raadsbrieven/raadsbrief-2026-03-02-inkoop-jeugdhulp-2027.md"
    );
    let text = read(dir.path(), &path);
    assert!(text.starts_with("---\n"));
    assert!(text.contains("\nid: raadsbrief-2026-03-02-inkoop-jeugdhulp-2027\n"));
    assert!(text.contains("\ntype: raadsbrief\n"));
    assert!(text.contains("\ntitle: Inkoop jeugdhulp 2027\n"));
    assert!(text.contains("\ndate: 2026-03-02\n"));
    // Salutation and closing come from the templates, not from the body.
    assert!(!text.contains("Geachte") && !text.contains("Hoogachtend"));
    // Every field line has a Dutch comment above it.
    let handled_by = line_of(&text, "handled_by:");
    assert!(text.lines().nth(handled_by - 2).unwrap().starts_with("# "));

    let signatories = line_of(&text, "signatories:");
    let body = line_of(&text, "«Inleiding");
    let report = assert_check_points_at(dir.path(), &path, &[handled_by, signatories + 1, signatories + 2, body]);
    assert!(report.contains("fout[placeholder]: plaatshouder `«naam van de behandelaar»` is nog niet ingevuld"));

    fill_in(dir.path(), &path, "");
    assert_check_passes(dir.path());
}

#[test]
fn new_motion_has_the_motion_form_and_an_empty_status_to_fill_in() {
    let dir = bundled_corpus();
    let path = new_ok(
        dir.path(),
        &["motie", "Motie: meer wijkcoaches", "--date", "2026-03-12"],
    );
    // The leading type word is not repeated in the id; the colon is quoted in YAML.
    assert_eq!(path, "content/moties/motie-2026-03-12-meer-wijkcoaches.md");
    let text = read(dir.path(), &path);
    assert!(text.contains("\ntitle: 'Motie: meer wijkcoaches'\n"));
    let body = text.split("\n---\n").nth(1).unwrap();
    let headings: Vec<&str> = body.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        ["## Constaterende dat", "## Overwegende dat", "## Verzoekt het college"]
    );
    // The templates put the standard opening and closing around the body.
    assert!(!body.contains("in vergadering bijeen") && !body.contains("orde van de dag"));

    let status = line_of(&text, "status:");
    let request = line_of(&text, "- «wat het college moet doen»");
    let report = assert_check_points_at(dir.path(), &path, &[status, request]);
    assert!(report.contains("fout[missing-field]: verplicht veld `status` is leeg"));
    assert!(report.contains("vul een waarde in na de dubbele punt: `status: aangenomen`"));

    fill_in(dir.path(), &path, "aangenomen");
    assert_check_passes(dir.path());
    let filled = read(dir.path(), &path);
    assert!(filled.contains("\nsubmitters:\n  - {name: Jansen, party: Jansen}\n"));
}

#[test]
fn new_plan_passes_check_once_filled_in() {
    let dir = bundled_corpus();
    let path = new_ok(
        dir.path(),
        &["plan", "Uitvoeringsplan jeugdhulp Almelo", "--date", "2026-04-01"],
    );
    assert_eq!(
        path,
        "content/plannen/plan-2026-04-01-uitvoeringsplan-jeugdhulp-almelo.md"
    );
    let text = read(dir.path(), &path);
    let summary = line_of(&text, "summary:");
    let aims = line_of(&text, "«Wat wil de gemeente bereiken?»");
    assert_check_points_at(dir.path(), &path, &[summary, aims]);
    fill_in(dir.path(), &path, "");
    assert_check_passes(dir.path());
}

#[test]
fn every_type_passes_check_once_filled_in() {
    let dir = bundled_corpus();
    let types = [
        "raadsbrief",
        "brief",
        "motie",
        "amendement",
        "raadsvoorstel",
        "besluit",
        "plan",
    ];
    let paths: Vec<String> = types
        .iter()
        .map(|t| new_ok(dir.path(), &[t, "Wijkteams in Almelo", "--date", "2026-05-04"]))
        .collect();
    let output = griffie(dir.path(), &["check", "--no-pdf"]);
    assert_eq!(output.status.code(), Some(1));
    for path in &paths {
        assert!(stderr(&output).contains(path.as_str()), "nothing reported for {path}");
        // A motion or amendment just written is `ingediend`: it has not been voted on yet.
        fill_in(dir.path(), path, "ingediend");
    }
    assert_check_passes(dir.path());
    let output = griffie(dir.path(), &["build", "--deny-warnings"]);
    assert!(output.status.success(), "build failed:\n{}", stderr(&output));
    for path in &paths {
        let id = Path::new(path).file_stem().unwrap().to_str().unwrap();
        assert!(
            dir.path().join(format!("output/documenten/{id}/{id}.pdf")).is_file(),
            "no PDF of {id}"
        );
    }
}

#[test]
fn new_never_overwrites_a_file() {
    let dir = bundled_corpus();
    let args = [
        "new",
        "brief",
        "Reactie op het Transformatieplan",
        "--date",
        "2026-03-02",
    ];
    let first = griffie(dir.path(), &args);
    assert!(first.status.success());
    let path = stdout(&first).trim().to_string();
    std::fs::write(dir.path().join(&path), "al begonnen").unwrap();

    let second = griffie(dir.path(), &args);
    assert_eq!(second.status.code(), Some(2));
    assert!(stdout(&second).is_empty());
    assert!(
        stderr(&second).contains(&format!(
            "`{path}` bestaat al; griffie new overschrijft nooit een bestand"
        )),
        "{}",
        stderr(&second)
    );
    assert_eq!(read(dir.path(), &path), "al begonnen");
}

#[test]
fn new_refuses_an_id_another_file_already_has() {
    let dir = bundled_corpus();
    // The bundled corpus keeps this letter as a record under content/stukken/.
    let output = griffie(
        dir.path(),
        &[
            "new",
            "raadsbrief",
            "Kerntakendiscussie SamenTwente",
            "--date",
            "2025-03-28",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(
        "id `raadsbrief-2025-03-28-kerntakendiscussie-samentwente` wordt al gebruikt door \
         `content/stukken/raadsbrief-2025-03-28-kerntakendiscussie-samentwente.yaml`"
    ));
    assert!(stderr(&output).contains("--id"));

    let path = new_ok(
        dir.path(),
        &[
            "raadsbrief",
            "Kerntakendiscussie SamenTwente",
            "--date",
            "2025-03-28",
            "--id",
            "raadsbrief-2025-03-28-kerntaken-vervolg",
        ],
    );
    assert_eq!(path, "content/raadsbrieven/raadsbrief-2025-03-28-kerntaken-vervolg.md");
}

#[test]
fn unknown_type_is_a_usage_error_with_a_suggestion() {
    let dir = bundled_corpus();
    let output = griffie(dir.path(), &["new", "motei", "Meer wijkcoaches"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains("onbekende documentsoort `motei`; bedoelt u `motie`?"),
        "{text}"
    );
    assert!(text.contains("raadsbrief, brief, motie, amendement, raadsvoorstel, besluit, plan"));
    assert_eq!(std::fs::read_dir(dir.path().join("content/moties")).unwrap().count(), 1);
}

#[test]
fn bad_ids_titles_and_folders_are_usage_errors() {
    let dir = bundled_corpus();
    let cases: [(&[&str], &str); 4] = [
        (&["new", "motie", "X", "--id", "Motie X"], "bijvoorbeeld `motie-x`"),
        (
            &["new", "motie", "?!"],
            "heeft geen letters of cijfers om een id van te maken",
        ),
        (
            &["new", "motie", "X", "--date", "2026-02-30"],
            "is geen datum in de vorm JJJJ-MM-DD",
        ),
        (
            &["new", "motie", "X", "--content", "bronnen"],
            "hier is geen map `bronnen` met bronnen",
        ),
    ];
    for (args, message) in cases {
        let output = griffie(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn content_option_chooses_the_sources_folder() {
    let dir = bundled_corpus();
    std::fs::rename(dir.path().join("content"), dir.path().join("bronnen")).unwrap();
    let path = new_ok(
        dir.path(),
        &[
            "besluit",
            "Verordening jeugdhulp",
            "--date",
            "2026-06-01",
            "--content",
            "bronnen",
        ],
    );
    assert_eq!(path, "bronnen/besluiten/besluit-2026-06-01-verordening-jeugdhulp.md");
    // The municipality comes from griffie.yaml.
    assert!(read(dir.path(), &path).contains("De raad van de gemeente Almelo;"));
}
