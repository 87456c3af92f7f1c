//! The versioned site, built by the real binary from temporary git repositories: version pages
//! and diffs, renames, withdrawal, deleted files, shallow clones, builds without git, and
//! byte-identical output for one commit.

use std::path::Path;

use crate::support;
use crate::support::git::{commit_all, git, head, init_project_repo};
use crate::support::{build_ok_with, documents_json, griffie, read, snapshot_tree, stderr, write};

const LETTER: &str = "---
id: raadsbrief-inkoop
type: raadsbrief
title: Inkoop jeugdhulp 2025
date: 2025-03-04
identifiers: [Raad-1001]
---

Geachte leden van de raad,

Het college heeft besloten de inkoop van jeugdhulp regionaal te organiseren.

De kosten bedragen twee miljoen euro per jaar.
";

const MOTION: &str = "---
id: motie-inkoop
type: motie
title: Motie regionale inkoop
date: 2025-02-01
status: aangenomen
---

Verzoekt het college de inkoop regionaal te organiseren.
";

/// A project with the repository's templates, two documents, committed as version 1.
fn repo() -> tempfile::TempDir {
    let dir = support::project("versions-site");
    write(dir.path(), "content/raadsbrieven/inkoop.md", LETTER);
    write(dir.path(), "content/moties/inkoop.md", MOTION);
    init_project_repo(dir.path(), &[]);
    commit_all(dir.path(), "Eerste publicatie", "2025-03-04T10:00:00+01:00");
    dir
}

/// Commits version 2 of the letter: "twee miljoen" corrected to "drie miljoen", at `date`.
fn correct_amount(dir: &Path, date: &str) {
    write(
        dir,
        "content/raadsbrieven/inkoop.md",
        &LETTER.replace("twee miljoen", "drie miljoen"),
    );
    commit_all(dir, "Correctie bedrag", date);
}

/// A moment clearly after every file written so far and before any written next: file times
/// tell which files a build wrote.
fn a_moment_apart() -> std::time::SystemTime {
    std::thread::sleep(std::time::Duration::from_millis(50));
    let moment = std::time::SystemTime::now();
    std::thread::sleep(std::time::Duration::from_millis(50));
    moment
}

/// When `path` in the output folder was last written.
fn modified(dir: &Path, path: &str) -> std::time::SystemTime {
    std::fs::metadata(dir.join("output").join(path))
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn build(dir: &Path) -> std::process::Output {
    build_ok_with(dir, &["--no-pdf"])
}

#[test]
fn an_edit_makes_version_2_with_the_change_marked() {
    let dir = repo();
    correct_amount(dir.path(), "2025-08-12T09:30:00+02:00");
    build(dir.path());

    let page = read(dir.path(), "output/documenten/raadsbrief-inkoop/index.html");
    assert!(page.contains("drie miljoen"), "the stable URL shows the latest version");
    assert!(
        page.contains(r#"<a href="/documenten/raadsbrief-inkoop/v2/">Versie 2</a> · <time datetime="2025-08-12">12 augustus 2025</time> · Correctie bedrag"#),
        "history entry:\n{page}"
    );
    let v1 = read(dir.path(), "output/documenten/raadsbrief-inkoop/v1/index.html");
    assert!(
        v1.contains("twee miljoen") && !v1.contains("drie miljoen"),
        "v1 keeps its text"
    );
    assert!(v1.contains("Eerste versie"));
    let v2 = read(dir.path(), "output/documenten/raadsbrief-inkoop/v2/index.html");
    let del = v2.find(r#"<del class="diff__del">"#).expect("a deletion");
    let ins = v2.find(r#"<ins class="diff__ins">"#).expect("an insertion");
    assert!(v2[del..ins].contains("twee"), "the deleted word: {}", &v2[del..ins]);
    assert!(
        v2[ins..].starts_with(r#"<ins class="diff__ins"><span class="visually-hidden">"#),
        "labelled for screen readers"
    );
    assert!(v2[ins..ins + 200].contains("drie"));
    assert!(v2.contains("1 woord toegevoegd en 1 verwijderd"), "{v2}");

    let json = documents_json(dir.path());
    let letter = &json["raadsbrief-inkoop"];
    assert_eq!(letter["version"], 2);
    assert_eq!(letter["draft"], false);
    let versions = letter["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["number"], 2);
    assert_eq!(versions[1]["date"], "2025-08-12");
    assert_eq!(versions[1]["url"], "/documenten/raadsbrief-inkoop/v2/");
    assert_eq!(versions[1]["commit"], head(dir.path()));
    assert_eq!(json["motie-inkoop"]["versions"].as_array().unwrap().len(), 1);
}

#[test]
fn the_home_and_api_pages_carry_the_build_stamp_and_build_json_describes_the_commit() {
    let dir = repo();
    build(dir.path());
    let commit = head(dir.path());
    let stamp = format!(r#"<code title="{commit}">{}</code>"#, &commit[..7]);
    for page in ["index.html", "api/index.html"] {
        let html = read(dir.path(), &format!("output/{page}"));
        assert!(html.contains(&stamp), "{page} has no stamp");
        assert!(
            html.contains(r#"<time datetime="2025-03-04">4 maart 2025</time>."#),
            "{page}: stamp date"
        );
    }
    // Other pages do not change with every commit: no build stamp in their footer.
    for page in [
        "documenten/motie-inkoop/index.html",
        "motievolglijst/index.html",
        "404.html",
    ] {
        let html = read(dir.path(), &format!("output/{page}"));
        assert!(!html.contains("build-stamp"), "{page} carries the build stamp");
    }
    let build: serde_json::Value = serde_json::from_str(&read(dir.path(), "output/api/build.json")).unwrap();
    assert_eq!(build["commit"], commit);
    assert_eq!(build["date"], "2025-03-04");
    assert_eq!(build["document_count"], 2);
    assert_eq!(build["griffie_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(build["uncommitted"], false);
}

#[test]
fn a_renamed_file_keeps_its_versions() {
    let dir = repo();
    write(
        dir.path(),
        "content/raadsbrieven/inkoop.md",
        &LETTER.replace("regionaal", "samen met de regio"),
    );
    commit_all(dir.path(), "Tekst aangepast", "2025-04-01T10:00:00+02:00");
    std::fs::create_dir_all(dir.path().join("content/brieven-2025")).unwrap();
    git(
        dir.path(),
        &[
            "mv",
            "content/raadsbrieven/inkoop.md",
            "content/brieven-2025/inkoop-jeugdhulp.md",
        ],
    );
    commit_all(dir.path(), "Map opgeschoond", "2025-05-01T10:00:00+02:00");
    build(dir.path());

    let json = documents_json(dir.path());
    let versions = json["raadsbrief-inkoop"]["versions"].as_array().unwrap().clone();
    let notes: Vec<&str> = versions.iter().map(|v| v["note"].as_str().unwrap()).collect();
    assert_eq!(
        notes,
        ["Eerste publicatie", "Tekst aangepast"],
        "a pure move adds no version"
    );
    assert!(dir
        .path()
        .join("output/documenten/raadsbrief-inkoop/v2/index.html")
        .is_file());
}

#[test]
fn withdrawal_removes_the_text_from_every_output() {
    let dir = repo();
    let secret_title = "Inkoop jeugdhulp 2025";
    let secret_text = "miljoen euro per jaar";
    correct_amount(dir.path(), "2025-04-01T10:00:00+02:00");
    let withdrawn = LETTER.replace(
        "identifiers: [Raad-1001]\n",
        "identifiers: [Raad-1001]\nwithdrawn:\n  date: 2025-09-01\n  reason: Bevat persoonsgegevens (Woo, artikel 5.1)\n",
    );
    write(dir.path(), "content/raadsbrieven/inkoop.md", &withdrawn);
    // The motion cites the letter by its identifier: the link stays, the title does not leak.
    write(
        dir.path(),
        "content/moties/inkoop.md",
        &MOTION.replace("Verzoekt", "Zie Raad-1001. Verzoekt"),
    );
    commit_all(dir.path(), "Brief ingetrokken", "2025-09-01T10:00:00+02:00");
    let output = griffie(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));

    for (path, bytes) in snapshot_tree(&dir.path().join("output")) {
        let text = String::from_utf8_lossy(&bytes);
        // The motion's own title contains neither phrase, so any hit is a leak.
        assert!(
            !text.contains(secret_text),
            "{} still contains the text",
            path.display()
        );
        assert!(
            !text.contains(secret_title),
            "{} still contains the title",
            path.display()
        );
    }
    let pdfs: Vec<_> = walkdir::WalkDir::new(dir.path().join("output/documenten/raadsbrief-inkoop"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert!(pdfs.is_empty(), "no PDF of a withdrawn document: {pdfs:?}");
    for page in ["", "v1/", "v2/", "v3/"] {
        let html = read(
            dir.path(),
            &format!("output/documenten/raadsbrief-inkoop/{page}index.html"),
        );
        assert!(html.contains("Dit document is ingetrokken"), "tombstone at /{page}");
        assert!(html.contains("Bevat persoonsgegevens (Woo, artikel 5.1)"));
    }
    let json = documents_json(dir.path());
    let letter = &json["raadsbrief-inkoop"];
    assert_eq!(letter["state"], "withdrawn");
    assert_eq!(letter["withdrawn"]["date"], "2025-09-01");
    assert_eq!(letter["versions"].as_array().unwrap().len(), 3);
    assert!(
        letter["versions"][1]["note"].is_null(),
        "change notes may name what was withdrawn"
    );
    let motion = read(dir.path(), "output/documenten/motie-inkoop/index.html");
    assert!(
        motion.contains(r#"href="/documenten/raadsbrief-inkoop/""#),
        "links still lead to the tombstone"
    );
}

#[test]
fn a_deleted_file_leaves_a_tombstone_and_its_versions() {
    let dir = repo();
    git(dir.path(), &["rm", "-q", "content/raadsbrieven/inkoop.md"]);
    commit_all(dir.path(), "Dubbel document verwijderd", "2025-06-01T10:00:00+02:00");
    build(dir.path());

    let stone = read(dir.path(), "output/documenten/raadsbrief-inkoop/index.html");
    assert!(stone.contains("Verwijderd"), "{stone}");
    assert!(stone
        .contains(r#"<time datetime="2025-06-01">1 juni 2025</time> met de toelichting “Dubbel document verwijderd”"#));
    assert!(stone.contains(r#"<a href="/documenten/raadsbrief-inkoop/v1/">Versie 1</a>"#));
    let v1 = read(dir.path(), "output/documenten/raadsbrief-inkoop/v1/index.html");
    assert!(
        v1.contains("twee miljoen"),
        "a deleted document's published versions stay"
    );
    let deleted: serde_json::Value = serde_json::from_str(&read(dir.path(), "output/api/deleted.json")).unwrap();
    assert_eq!(deleted[0]["id"], "raadsbrief-inkoop");
    assert_eq!(deleted[0]["deleted"]["date"], "2025-06-01");
    assert!(!documents_json(dir.path()).contains_key("raadsbrief-inkoop"));
}

#[test]
fn uncommitted_changes_are_shown_as_a_draft() {
    let dir = repo();
    write(
        dir.path(),
        "content/moties/inkoop.md",
        &MOTION.replace("regionaal", "samen"),
    );
    let output = build(dir.path());
    assert!(
        stderr(&output).contains("opmerking[uncommitted]"),
        "{}",
        stderr(&output)
    );
    let page = read(dir.path(), "output/documenten/motie-inkoop/index.html");
    assert!(page.contains("<strong>Concept.</strong>"));
    assert!(page.contains("met wijzigingen die nog niet zijn vastgelegd (concept)"));
    let json = documents_json(dir.path());
    assert_eq!(json["motie-inkoop"]["version"], 2);
    assert_eq!(json["motie-inkoop"]["draft"], true);
    assert_eq!(json["raadsbrief-inkoop"]["draft"], false);
    assert!(
        !dir.path().join("output/documenten/motie-inkoop/v2").exists(),
        "a draft gets no permanent URL"
    );
}

#[test]
fn a_shallow_clone_warns_once_and_builds() {
    let origin = repo();
    write(
        origin.path(),
        "content/moties/inkoop.md",
        &MOTION.replace("regionaal", "samen"),
    );
    commit_all(origin.path(), "Tweede versie", "2025-04-01T10:00:00+02:00");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git(clone.path(), &["clone", "-q", "--depth", "1", &url, "site"]);
    let site = clone.path().join("site");

    let output = griffie(&site, &["build", "--no-pdf"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stderr(&output);
    assert_eq!(report.matches("waarschuwing[shallow-history]").count(), 1, "{report}");
    assert!(report.contains("git fetch --unshallow"));
    assert!(site.join("output/documenten/motie-inkoop/v1/index.html").is_file());
    let strict = griffie(&site, &["build", "--no-pdf", "--deny-warnings"]);
    assert_eq!(
        strict.status.code(),
        Some(1),
        "CI with --deny-warnings refuses incomplete history"
    );
}

#[test]
fn without_git_the_build_works_and_says_so() {
    let dir = support::project("versions-site");
    write(dir.path(), "content/raadsbrieven/inkoop.md", LETTER);
    let output = build(dir.path());
    assert!(stderr(&output).contains("opmerking[no-history]"), "{}", stderr(&output));
    let page = read(dir.path(), "output/documenten/raadsbrief-inkoop/index.html");
    assert!(page.contains("Gemaakt uit bronnen zonder versiebeheer (concept)."));
    assert!(
        !page.contains("<strong>Concept.</strong>"),
        "no draft banner without a repository"
    );
    let json = documents_json(dir.path());
    assert_eq!(json["raadsbrief-inkoop"]["version"], 1);
    assert_eq!(json["raadsbrief-inkoop"]["draft"], true);
    let build: serde_json::Value = serde_json::from_str(&read(dir.path(), "output/api/build.json")).unwrap();
    assert!(build["commit"].is_null());
}

#[test]
fn two_builds_of_one_commit_are_byte_identical() {
    let dir = repo();
    correct_amount(dir.path(), "2025-08-12T09:30:00+02:00");
    let first = griffie(dir.path(), &["build", "--output", "first"]);
    assert!(first.status.success(), "{}", stderr(&first));
    std::fs::remove_dir_all(dir.path().join(".griffie-cache")).unwrap();
    let second = griffie(dir.path(), &["build", "--output", "second"]);
    assert!(second.status.success(), "{}", stderr(&second));
    let (a, b) = (
        snapshot_tree(&dir.path().join("first")),
        snapshot_tree(&dir.path().join("second")),
    );
    assert!(
        a.keys().any(|p| p.ends_with("v1/raadsbrief-inkoop.pdf")),
        "version PDFs are part of it"
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs between two builds of one commit",
            path.display()
        );
    }
}

#[test]
fn unchanged_versions_are_kept_and_the_result_equals_a_clean_build() {
    let dir = repo();
    correct_amount(dir.path(), "2025-08-12T09:30:00+02:00");
    build(dir.path());
    build(dir.path());
    write(
        dir.path(),
        "content/raadsbrieven/inkoop.md",
        &LETTER.replace("twee miljoen", "vier miljoen"),
    );
    commit_all(dir.path(), "Nieuwe raming", "2025-09-12T09:30:00+02:00");
    let incremental = build(dir.path());
    // The folder reused is the output of the first build: letter v1 and v2 and motion v1.
    assert!(
        stderr(&incremental).contains("3 versiepagina's ongewijzigd hergebruikt"),
        "{}",
        stderr(&incremental)
    );
    let v3 = read(dir.path(), "output/documenten/raadsbrief-inkoop/v3/index.html");
    assert!(v3.contains("vier miljoen"));

    let clean = assert_equals_a_clean_build(dir.path(), &["--no-pdf"]);
    assert!(stderr(&clean).contains("0 versiepagina's ongewijzigd hergebruikt"));
}

/// Renaming a document makes again the version pages that name it (here the letter's second
/// version, whose facts name the motion it responds to, and the motion's own), and keeps the
/// others: the letter's first version names no other document. The result equals a clean build.
#[test]
fn a_rename_makes_only_the_version_pages_that_name_the_document_again() {
    let dir = repo();
    let answering = LETTER.replace(
        "identifiers: [Raad-1001]\n",
        "identifiers: [Raad-1001]\nresponds_to: [motie-inkoop]\n",
    );
    assert_ne!(answering, LETTER);
    write(dir.path(), "content/raadsbrieven/inkoop.md", &answering);
    commit_all(dir.path(), "Antwoord op de motie", "2025-08-12T09:30:00+02:00");
    build(dir.path());
    build(dir.path());
    write(
        dir.path(),
        "content/moties/inkoop.md",
        &MOTION.replace("title: Motie regionale inkoop", "title: Motie over de regionale inkoop"),
    );
    commit_all(dir.path(), "Nieuwe titel", "2025-09-12T09:30:00+02:00");
    let incremental = build(dir.path());
    assert!(
        stderr(&incremental).contains("(1 versiepagina ongewijzigd hergebruikt)"),
        "{}",
        stderr(&incremental)
    );
    let v2 = read(dir.path(), "output/documenten/raadsbrief-inkoop/v2/index.html");
    assert!(v2.contains("Motie over de regionale inkoop"), "{v2}");
    assert_equals_a_clean_build(dir.path(), &["--no-pdf"]);
}

/// CI as the recipes run it: a fresh clone in another folder with `.griffie-cache/` and the last
/// run's `output/` restored (no staging folder). A build that fails there leaves the restored
/// output as it was, though it started from a linked copy of it; the next one keeps what the
/// commit did not change and gives what a clean build gives.
#[test]
fn a_fresh_clone_with_the_cache_and_the_output_restored_keeps_what_did_not_change() {
    let dir = repo();
    build(dir.path());
    correct_amount(dir.path(), "2025-08-12T09:30:00+02:00");
    let runner = tempfile::tempdir().unwrap();
    let clone = runner.path().join("site");
    git(runner.path(), &["clone", "-q", dir.path().to_str().unwrap(), "site"]);
    support::copy_dir(&dir.path().join(".griffie-cache"), &clone.join(".griffie-cache"));
    support::copy_dir(&dir.path().join("output"), &clone.join("output"));
    let restored = snapshot_tree(&clone.join("output"));

    write(
        &clone,
        "content/raadsbrieven/kapot.md",
        "---\nid: kapot\ntype: raadsbrief\ntitle: Kapot\ndate: 2025-08-01\n---\n\n[Weg](/documenten/weg/)\n",
    );
    let failed = griffie(&clone, &["build", "--no-pdf"]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert!(clone.join(".output.staging").is_dir(), "the build started from a copy");
    assert!(
        snapshot_tree(&clone.join("output")) == restored,
        "a failed build wrote into the restored output"
    );

    std::fs::remove_file(clone.join("content/raadsbrieven/kapot.md")).unwrap();
    std::fs::remove_dir_all(clone.join(".output.staging")).unwrap();
    let incremental = build(&clone);
    // The letter's version 1 and the motion's: only the letter's version 2 is new.
    assert!(
        stderr(&incremental).contains("(2 versiepagina's ongewijzigd hergebruikt)"),
        "{}",
        stderr(&incremental)
    );
    assert_equals_a_clean_build(&clone, &["--no-pdf"]);
}

/// Builds the project anew into `clean/` (with `args`) and asserts that `output/` holds exactly
/// the same files with the same bytes; the clean build's run.
fn assert_equals_a_clean_build(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["build", "--output", "clean"];
    all.extend_from_slice(args);
    let clean = griffie(dir, &all);
    assert!(clean.status.success(), "{}", stderr(&clean));
    let (kept, fresh) = (snapshot_tree(&dir.join("output")), snapshot_tree(&dir.join("clean")));
    assert_eq!(kept.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>());
    for (path, bytes) in &kept {
        assert!(bytes == &fresh[path], "{} differs from a clean build", path.display());
    }
    clean
}

/// A commit that changes one document's text rewrites that document's files and leaves the
/// others alone: the motion's page and PDF keep the modification time of the build that made
/// them, and the result is byte-identical to a clean build.
#[test]
fn a_commit_rewrites_only_the_files_it_changed() {
    let dir = repo();
    build_ok_with(dir.path(), &[]);
    build_ok_with(dir.path(), &[]);
    write(
        dir.path(),
        "content/raadsbrieven/inkoop.md",
        &LETTER.replace("twee miljoen", "vier miljoen"),
    );
    commit_all(dir.path(), "Nieuwe raming", "2025-09-12T09:30:00+02:00");
    let before = a_moment_apart();
    build_ok_with(dir.path(), &[]);
    let modified = |path: &str| modified(dir.path(), path);
    for unchanged in [
        "documenten/motie-inkoop/index.html",
        "documenten/motie-inkoop/motie-inkoop.pdf",
        "documenten/motie-inkoop/v1/index.html",
        "static/griffie.css",
    ] {
        assert!(modified(unchanged) < before, "{unchanged} was written again");
    }
    for changed in [
        "documenten/raadsbrief-inkoop/index.html",
        "documenten/raadsbrief-inkoop/raadsbrief-inkoop.pdf",
        "documenten/raadsbrief-inkoop/v2/index.html",
        "index.html",
    ] {
        assert!(modified(changed) > before, "{changed} was not made again");
    }
    assert_equals_a_clean_build(dir.path(), &[]);
}

/// The newest version of a document is the document as it stands: its page links to the
/// document's PDF, and it gets a PDF of its own only when a newer version supersedes it. So the
/// output holds no second copy of every current PDF, and no published PDF address ever goes.
#[test]
fn the_newest_version_links_the_documents_pdf_until_it_is_superseded() {
    let dir = repo();
    build_ok_with(dir.path(), &[]);
    let v1 = "output/documenten/raadsbrief-inkoop/v1/";
    assert!(
        !dir.path().join(v1).join("raadsbrief-inkoop.pdf").exists(),
        "no copy of the current PDF"
    );
    let page = read(dir.path(), &format!("{v1}index.html"));
    assert!(
        page.contains(r#"href="/documenten/raadsbrief-inkoop/raadsbrief-inkoop.pdf""#),
        "version 1 links to the document's PDF:\n{page}"
    );
    let current = std::fs::read(
        dir.path()
            .join("output/documenten/raadsbrief-inkoop/raadsbrief-inkoop.pdf"),
    )
    .unwrap();

    correct_amount(dir.path(), "2025-08-12T09:30:00+02:00");
    build_ok_with(dir.path(), &[]);
    let own = std::fs::read(dir.path().join(v1).join("raadsbrief-inkoop.pdf")).expect("version 1's own PDF");
    assert!(
        own == current,
        "version 1's PDF is the PDF it linked to while it was the newest"
    );
    let page = read(dir.path(), &format!("{v1}index.html"));
    assert!(page.contains(r#"href="/documenten/raadsbrief-inkoop/v1/raadsbrief-inkoop.pdf""#));
    let v2 = read(dir.path(), "output/documenten/raadsbrief-inkoop/v2/index.html");
    assert!(v2.contains(r#"href="/documenten/raadsbrief-inkoop/raadsbrief-inkoop.pdf""#));
    assert!(!dir
        .path()
        .join("output/documenten/raadsbrief-inkoop/v2/raadsbrief-inkoop.pdf")
        .exists());
}

/// A superseded version's PDF is made again only when what it shows changes: a commit that
/// renames a document the version does not name keeps it unwritten (its key holds what the
/// version refers to, not every title of the site).
#[test]
fn a_rename_keeps_the_version_pdfs_that_do_not_name_the_document() {
    let dir = repo();
    correct_amount(dir.path(), "2025-08-12T09:30:00+02:00");
    build_ok_with(dir.path(), &[]);
    build_ok_with(dir.path(), &[]);
    let v1_pdf = "documenten/raadsbrief-inkoop/v1/raadsbrief-inkoop.pdf";
    assert!(
        dir.path().join("output").join(v1_pdf).is_file(),
        "version 1 has a PDF of its own"
    );
    write(
        dir.path(),
        "content/moties/inkoop.md",
        &MOTION.replace("title: Motie regionale inkoop", "title: Motie over de regionale inkoop"),
    );
    commit_all(dir.path(), "Nieuwe titel", "2025-09-12T09:30:00+02:00");
    let before = a_moment_apart();
    build_ok_with(dir.path(), &[]);
    let modified = |path: &str| modified(dir.path(), path);
    assert!(modified(v1_pdf) < before, "the letter's version 1 PDF was made again");
    assert!(
        modified("documenten/motie-inkoop/motie-inkoop.pdf") > before,
        "the renamed motion's PDF was not made again"
    );
    assert_equals_a_clean_build(dir.path(), &[]);
}

/// A version page kept from an earlier build is checked again like any kept page: when a page
/// its old text links to is gone, the build reports the link as a clean build does.
#[test]
fn a_kept_version_page_whose_link_target_went_is_reported_as_by_a_clean_build() {
    let dir = repo();
    let linking = format!("{LETTER}\nZie ook [de tijdelijke brief](/documenten/tijdelijk/).\n");
    write(dir.path(), "content/raadsbrieven/inkoop.md", &linking);
    commit_all(dir.path(), "Verwijzing", "2025-08-12T09:30:00+02:00");
    correct_amount(dir.path(), "2025-09-12T09:30:00+02:00");
    // A draft (never committed): when it goes, its page goes with it, without a tombstone.
    write(
        dir.path(),
        "content/raadsbrieven/tijdelijk.md",
        "---\nid: tijdelijk\ntype: raadsbrief\ntitle: Een tijdelijke brief\ndate: 2025-04-01\n---\n\nTijdelijk.\n",
    );
    build(dir.path());
    build(dir.path());
    let v2 = read(dir.path(), "output/documenten/raadsbrief-inkoop/v2/index.html");
    assert!(
        v2.contains("/documenten/tijdelijk/"),
        "version 2 links to the draft:\n{v2}"
    );

    std::fs::remove_file(dir.path().join("content/raadsbrieven/tijdelijk.md")).unwrap();
    let broken_links = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--no-pdf", "--format", "json"]);
        let run = griffie(dir.path(), &all);
        let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("a JSON report");
        let links: Vec<String> = support::with_code(&report, "broken-link")
            .iter()
            .map(|d| format!("{} {}", d["path"], d["message"]))
            .collect();
        (run.status.code(), links)
    };
    let (code, kept) = broken_links(&["build"]);
    assert!(
        kept.iter().any(|link| link.contains("/documenten/tijdelijk/")),
        "the kept version page's link is reported: {kept:#?}"
    );
    let (clean_code, clean) = broken_links(&["build", "--output", "clean"]);
    assert_eq!((code, kept), (clean_code, clean), "as a clean build reports it");
}

#[test]
fn a_template_change_renders_every_version_again() {
    let dir = repo();
    build(dir.path());
    build(dir.path());
    let path = dir.path().join("templates/version.html");
    let template = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        template.replace(r#"<h2 id="versie__tekst">"#, r#"<h2 id="versie__tekst">Volledig: "#),
    )
    .unwrap();
    let after = build(dir.path());
    assert!(
        stderr(&after).contains("0 versiepagina's ongewijzigd hergebruikt"),
        "{}",
        stderr(&after)
    );
    let v1 = read(dir.path(), "output/documenten/raadsbrief-inkoop/v1/index.html");
    assert!(v1.contains("Volledig: Tekst van versie 1"));
}

/// A version PDF kept from the previous output still has its PDF cache entry afterwards: a CI
/// run that restores only `.griffie-cache/` (no `output/`) finds every PDF there and compiles
/// none. Before, a rebuild that kept the version PDFs pruned their entries as unused.
#[test]
fn kept_version_pdfs_keep_their_cache_entries() {
    let dir = repo();
    correct_amount(dir.path(), "2025-03-11T10:00:00+01:00");
    let entries = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir.join(".griffie-cache/pdf"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".entry"))
            .collect();
        names.sort();
        names
    };
    build_ok_with(dir.path(), &[]);
    let made = entries(dir.path());
    // Current letter and motion, and the letter's two versions and the motion's one: the
    // current PDFs equal their latest version's, so some keys are shared.
    assert!(made.len() >= 3, "{made:?}");
    assert!(dir
        .path()
        .join("output/documenten/raadsbrief-inkoop/v1/raadsbrief-inkoop.pdf")
        .is_file());

    build_ok_with(dir.path(), &[]);
    assert_eq!(
        entries(dir.path()),
        made,
        "a rebuild that kept the version PDFs pruned their entries"
    );

    let output = snapshot_tree(&dir.path().join("output"));
    std::fs::remove_dir_all(dir.path().join("output")).unwrap();
    build_ok_with(dir.path(), &[]);
    assert_eq!(entries(dir.path()), made);
    assert_eq!(snapshot_tree(&dir.path().join("output")), output);
}
