//! The preview session's short way (`serve::session`): after each edit it makes only the
//! pages the edit touches, and the preview folder must then equal a full build of the same
//! sources, file for file and with the same diagnostics. Run on a generated corpus with many
//! relations (letters answering and settling motions, identifier mentions, dossiers).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use griffie::{BuildOptions, Mode};
use griffie::{Round, Session};

use crate::support;

/// Generated corpus outside git (every document a draft, no version pages to confuse things).
fn corpus(docs: usize) -> tempfile::TempDir {
    let (dir, _) = support::synthetic(docs, 7);
    // Several pages of the motievolglijst, so a round can make only the one it touches.
    let config = dir.path().join("griffie.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}motion_page_size: 10\n")).unwrap();
    dir
}

/// The pages of the motievolglijst a round wrote.
fn motion_pages(round: &Round) -> Vec<String> {
    let written = round.written.as_ref().expect("a round that took the short way");
    written
        .iter()
        .filter(|f| f.starts_with("motievolglijst/") && f.ends_with(".html"))
        .cloned()
        .collect()
}

fn options(dir: &Path, output: &str) -> BuildOptions {
    options_with_pdf(dir, output, false)
}

fn options_with_pdf(dir: &Path, output: &str, pdf: bool) -> BuildOptions {
    let mut options = support::library_options(dir, Mode::Build);
    options.paths.output = dir.join(output);
    options.pdf = pdf;
    options.preview = true;
    options
}

/// The folder's files, without the build marker (it names the build's own manifest).
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut tree = support::snapshot_tree(dir);
    tree.remove(Path::new(".griffie-output"));
    tree
}

/// Diagnostics as one line each, sorted, for comparing two runs.
fn lines(diagnostics: &griffie::Diagnostics) -> Vec<String> {
    diagnostics.sorted().iter().map(|d| d.to_string()).collect()
}

/// A full build of the same sources into a fresh folder: its files and diagnostics.
fn fresh_build(dir: &Path) -> (BTreeMap<PathBuf, Vec<u8>>, Vec<String>) {
    fresh_build_with_pdf(dir, false)
}

fn fresh_build_with_pdf(dir: &Path, pdf: bool) -> (BTreeMap<PathBuf, Vec<u8>>, Vec<String>) {
    let fresh = dir.join("fresh-build");
    let _ = std::fs::remove_dir_all(&fresh);
    let report = griffie::build(&options_with_pdf(dir, "fresh-build", pdf)).unwrap();
    let tree = if report.published {
        files(&fresh)
    } else {
        BTreeMap::new()
    };
    (tree, lines(&report.diagnostics))
}

/// Source file of document `id`, relative to the project.
fn file_of(dir: &Path, id: &str) -> PathBuf {
    walkdir::WalkDir::new(dir.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.file_type().is_file()
                && std::fs::read_to_string(e.path()).is_ok_and(|t| t.lines().any(|l| l == format!("id: {id}")))
        })
        .map(|e| e.path().to_path_buf())
        .unwrap_or_else(|| panic!("no source file for {id}"))
}

/// Rewrites the first line starting with `prefix` in the source of `id`; returns the path.
fn edit_line(dir: &Path, id: &str, prefix: &str, new_line: &str) -> PathBuf {
    let path = file_of(dir, id);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut done = false;
    let edited: Vec<String> = text
        .lines()
        .map(|line| {
            if !done && line.starts_with(prefix) {
                done = true;
                new_line.to_string()
            } else {
                line.to_string()
            }
        })
        .collect();
    assert!(done, "{} has no line starting with {prefix:?}", path.display());
    std::fs::write(&path, edited.join("\n") + "\n").unwrap();
    path
}

/// The documents of the corpus from a build's `api/documents.json`.
fn documents(dir: &Path) -> Vec<serde_json::Value> {
    let json = std::fs::read_to_string(dir.join("fresh-build/api/documents.json")).unwrap();
    serde_json::from_str(&json).unwrap()
}

/// Applies the round's data files and checks the preview equals a fresh build.
fn assert_equals_fresh_build(dir: &Path, session: &mut Session, round: &Round, what: &str) {
    assert_equals_fresh_build_with_pdf(dir, session, round, what, false)
}

fn assert_equals_fresh_build_with_pdf(dir: &Path, session: &mut Session, round: &Round, what: &str, pdf: bool) {
    assert!(session.write_data().is_empty());
    session.wait_for_index();
    let (expected, expected_diagnostics) = fresh_build_with_pdf(dir, pdf);
    assert_eq!(lines(&round.diagnostics), expected_diagnostics, "{what}: diagnostics");
    let preview = files(&dir.join("preview"));
    let differing: Vec<&PathBuf> = expected
        .keys()
        .chain(preview.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|path| expected.get(*path) != preview.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: the preview differs from a full build in {} files, e.g. {:?}",
        differing.len(),
        &differing[..differing.len().min(5)]
    );
}

fn update(session: &mut Session, changed: &[PathBuf]) -> Round {
    session.update(&changed.iter().cloned().collect())
}

#[test]
fn each_edit_makes_few_pages_and_the_preview_equals_a_full_build() {
    let project = corpus(240);
    let dir = project.path();
    let mut session = Session::new(options(dir, "preview"));
    let first = session.full();
    assert!(!first.failed, "{:?}", lines(&first.diagnostics));
    let (_, _) = fresh_build(dir);
    let docs = documents(dir);
    let total_pages = files(&dir.join("preview"))
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();

    // A motion that a letter answers, and that letter.
    let answered = docs
        .iter()
        .find(|d| d["type"] == "motie" && d["responded_by"].as_array().is_some_and(|a| !a.is_empty()))
        .expect("the corpus has an answered motion");
    let motion = answered["id"].as_str().unwrap().to_string();
    let letter = answered["responded_by"][0].as_str().unwrap().to_string();

    // 1. A new title: the motion's page, its answer's page, its list and dossier pages.
    let path = edit_line(dir, &motion, "title:", "title: Een geheel nieuwe titel voor deze motie");
    let round = update(&mut session, &[path]);
    let pages = round.pages.expect("a title edit takes the short way");
    assert!(pages < total_pages / 4, "{pages} of {total_pages} pages made again");
    let all_motion_pages = files(&dir.join("preview"))
        .keys()
        .filter(|p| p.starts_with("motievolglijst") && p.extension().is_some_and(|e| e == "html"))
        .count();
    assert!(all_motion_pages > 2, "the corpus's motievolglijst has several pages");
    let made = motion_pages(&round).len();
    assert!(
        (1..all_motion_pages).contains(&made),
        "the page that shows the motion (and those of motions related to it), not all: {made} of {all_motion_pages}"
    );
    assert_equals_fresh_build(dir, &mut session, &round, "title edit");

    // 2. The motion is rejected after all: states, the motievolglijst, a warning on the letter.
    let path = edit_line(dir, &motion, "status:", "status: verworpen");
    let round = update(&mut session, &[path]);
    assert!(round.pages.is_some());
    assert!(
        round.diagnostics.iter().any(|d| d.code.as_str() == "answers-unadopted"),
        "the answering letter now answers a rejected motion"
    );
    assert!(
        motion_pages(&round).len() > 2,
        "the counts on every page of the motievolglijst change: {:?}",
        round.written
    );
    assert_equals_fresh_build(dir, &mut session, &round, "status edit");

    // 3. The letter moves to another date: list order changes.
    let path = edit_line(dir, &letter, "date:", "date: 2019-06-03");
    let round = update(&mut session, &[path]);
    assert!(round.pages.is_some());
    assert_equals_fresh_build(dir, &mut session, &round, "date edit");

    // 4. Only the body text changes.
    let path = file_of(dir, &letter);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nEen extra alinea in de brief.\n")).unwrap();
    let round = update(&mut session, std::slice::from_ref(&path));
    assert!(round.pages.expect("a body edit takes the short way") <= 12);
    assert_equals_fresh_build(dir, &mut session, &round, "body edit");

    // 5. A mistake: the round fails, the preview keeps the last good pages, and the report is
    //    what a build reports.
    let before = files(&dir.join("preview"));
    let path = edit_line(
        dir,
        &letter,
        "title:",
        "title: De brief\nonderwerp: een veld dat niet bestaat",
    );
    let round = update(&mut session, std::slice::from_ref(&path));
    assert!(round.failed);
    assert_eq!(files(&dir.join("preview")), before, "a failed round writes nothing");
    let (_, expected) = fresh_build(dir);
    assert_eq!(lines(&round.diagnostics), expected);

    // 6. Broken YAML: the file can't be read at all; still failing, still nothing written.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("date:", "date: [", 1)).unwrap();
    let round = update(&mut session, std::slice::from_ref(&path));
    assert!(round.failed && round.pages == Some(0));
    assert!(round
        .diagnostics
        .iter()
        .any(|d| d.code.as_str() == "yaml-syntax" && d.path.ends_with(path.file_name().unwrap())));
    assert_eq!(files(&dir.join("preview")), before);

    // 7. Fixed: everything since the last good round shows.
    edit_line(dir, &letter, "date:", "date: 2019-06-03");
    let path = edit_line(dir, &letter, "onderwerp:", "author: De griffie");
    let round = update(&mut session, &[path]);
    assert!(!round.failed && round.pages.is_some());
    assert_equals_fresh_build(dir, &mut session, &round, "after the fix");
}

#[test]
fn new_files_and_template_changes_take_a_full_build() {
    let project = corpus(40);
    let dir = project.path();
    let mut session = Session::new(options(dir, "preview"));
    assert!(!session.full().failed);

    let new_file = dir.join("content/moties/motie-2025-01-01-nieuw.md");
    let some_motion = walkdir::WalkDir::new(dir.join("content/moties"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_type().is_file())
        .unwrap();
    let text = std::fs::read_to_string(some_motion.path()).unwrap();
    let id_line = text.lines().find(|l| l.starts_with("id: ")).unwrap();
    std::fs::write(&new_file, text.replacen(id_line, "id: motie-2025-01-01-nieuw", 1)).unwrap();
    let round = update(&mut session, std::slice::from_ref(&new_file));
    assert_eq!(round.pages, None, "a new file is a full build");
    assert_equals_fresh_build(dir, &mut session, &round, "new file");

    let base = dir.join("templates/base.html");
    let html = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, html.replacen("<footer", "<!-- changed --><footer", 1)).unwrap();
    let round = update(&mut session, &[base]);
    assert_eq!(round.pages, None, "a template change is a full build");
    assert_equals_fresh_build(dir, &mut session, &round, "template change");

    // An editor's swap file changes nothing.
    let swap = dir.join("content/moties/.motie.md.swp");
    std::fs::write(&swap, "x").unwrap();
    let round = update(&mut session, &[swap]);
    assert_eq!(round.pages, Some(0));
}

#[test]
fn with_pdfs_the_related_documents_follow_after_the_reload() {
    let project = corpus(30);
    let dir = project.path();
    let mut session = Session::new(options_with_pdf(dir, "preview", true));
    let first = session.full();
    assert!(!first.failed, "{:?}", lines(&first.diagnostics));
    fresh_build_with_pdf(dir, true);
    let docs = documents(dir);
    let answered = docs
        .iter()
        .find(|d| d["type"] == "motie" && d["responded_by"].as_array().is_some_and(|a| !a.is_empty()))
        .expect("the corpus has an answered motion");
    let motion = answered["id"].as_str().unwrap().to_string();
    let letter = answered["responded_by"][0].as_str().unwrap().to_string();
    let page = |id: &str| format!("documenten/{id}/index.html");
    let pdf = |id: &str| format!("documenten/{id}/{id}.pdf");
    assert!(dir.join("preview").join(pdf(&letter)).is_file());

    let path = edit_line(dir, &motion, "title:", "title: Een geheel nieuwe titel voor deze motie");
    let round = update(&mut session, &[path]);
    let written = round.written.clone().expect("a title edit takes the short way");
    assert!(
        written.contains(&page(&motion)) && written.contains(&pdf(&motion)),
        "{written:?}"
    );
    assert!(
        written.contains("index.html"),
        "the home page lists the newest documents"
    );
    assert!(
        !written.contains(&page(&letter)) && !written.contains(&pdf(&letter)),
        "the answering letter waits until after the reload: {written:?}"
    );

    let later = session.finish_later().expect("the answering letter is left for later");
    assert!(!later.failed);
    let written = later.written.clone().unwrap();
    assert!(
        written.contains(&page(&letter)) && written.contains(&pdf(&letter)),
        "{written:?}"
    );
    assert!(
        !written.contains(&page(&motion)),
        "the motion was made before the reload"
    );
    assert!(session.finish_later().is_none(), "nothing is left after that");
    assert_equals_fresh_build_with_pdf(dir, &mut session, &round, "title edit with PDFs", true);
}

#[test]
fn a_round_that_panics_shows_in_the_overlay_and_the_next_save_still_works() {
    use griffie::{run_round, Shared};
    let project = corpus(20);
    let dir = project.path();
    let shared = Shared::default();
    let mut session = Session::new(options(dir, "preview"));
    run_round(&mut session, &shared, &dir.join("content"), Session::full);
    assert_eq!(shared.snapshot().1, None, "the first build succeeds");
    fresh_build(dir);
    let docs = documents(dir);
    let id = docs[0]["id"].as_str().unwrap().to_string();
    let path = file_of(dir, &id);

    // A bug in a round (sources can't cause a panic, so the test makes one).
    run_round(&mut session, &shared, &path, |_| panic!("een fout om te testen"));
    let (_, problems) = shared.snapshot();
    let problems = problems.expect("the overlay shows the panic");
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message,
        griffie::t!("serve.round_panicked", error = "een fout om te testen")
    );
    assert!(
        path.ends_with(&problems[0].path),
        "names the file saved: {}",
        problems[0].path
    );
    let overlay = griffie::overlay(&problems);
    assert!(overlay.contains("een fout om te testen"));

    // The next save works: the edit shows, the overlay goes, the preview equals a build.
    edit_line(dir, &id, "title:", "title: Na de interne fout");
    let changed = BTreeSet::from([path.clone()]);
    run_round(&mut session, &shared, &path, |session| session.update(&changed));
    assert_eq!(shared.snapshot().1, None, "the overlay is gone");
    let page = std::fs::read_to_string(dir.join(format!("preview/documenten/{id}/index.html"))).unwrap();
    assert!(page.contains("Na de interne fout"));
    session.wait_for_index();
    let (expected, _) = fresh_build(dir);
    assert_eq!(files(&dir.join("preview")), expected, "the preview equals a full build");
}

/// The data files a round leaves for after the reload are not made while a newer save is
/// waiting (`write_data_unless` is told to stop): nothing is written, and they stay pending, so
/// the next call makes them and the preview ends equal to a full build.
#[test]
fn stopped_data_files_stay_pending_until_the_next_call() {
    let project = corpus(60);
    let dir = project.path();
    let mut session = Session::new(options(dir, "preview"));
    let first = session.full();
    assert!(!first.failed, "{:?}", lines(&first.diagnostics));
    let (_, _) = fresh_build(dir);
    let id = documents(dir)[0]["id"].as_str().unwrap().to_string();
    let path = edit_line(
        dir,
        &id,
        "title:",
        "title: Een titel die ook in de gegevensbestanden staat",
    );
    let round = update(&mut session, &[path]);
    assert!(round.pages.is_some(), "a title edit takes the short way");
    let api = dir.join("preview/api/documents.json");
    let before = std::fs::read(&api).unwrap();
    assert!(session.write_data_unless(&|| true).is_none(), "told to stop, it stops");
    assert_eq!(std::fs::read(&api).unwrap(), before, "nothing is written when stopped");
    assert_equals_fresh_build(dir, &mut session, &round, "data files made after a stop");
}
