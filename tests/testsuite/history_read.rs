//! Reading document history from temporary git repositories (the `history` module on its own;
//! the pages built from it are tested in `versions`).

use std::path::Path;

use griffie::{read_history, History, HistoryStatus as Status};

use crate::support;
use crate::support::git::{commit_all, git, init_repo};
use crate::support::write;

fn letter(id: &str, title: &str, body: &str) -> String {
    format!("---\nid: {id}\ntype: raadsbrief\ntitle: {title}\ndate: 2025-03-04\n---\n\n{body}\n")
}

/// The history of `dir/content`, the walk kept in `cache` (read in this process: the library's
/// rayon pool, see `support::init`).
fn read_with_cache(dir: &Path, cache: &Path) -> History {
    support::init();
    read_history(&dir.join("content"), cache)
}

/// [`read_with_cache`] with the project's own cache folder.
fn read(dir: &Path) -> History {
    read_with_cache(dir, &dir.join(".griffie-cache/history"))
}

#[test]
fn edits_become_versions_oldest_first_with_commit_notes() {
    let dir = tempfile::tempdir().unwrap();
    init_repo(dir.path());
    write(
        dir.path(),
        "content/brieven/a.md",
        &letter("brief-a", "Brief A", "Eerste tekst."),
    );
    write(
        dir.path(),
        "content/brieven/b.md",
        &letter("brief-b", "Brief B", "Andere tekst."),
    );
    commit_all(dir.path(), "Brieven toegevoegd", "2025-03-04T10:00:00+01:00");
    write(
        dir.path(),
        "content/brieven/a.md",
        &letter("brief-a", "Brief A", "Verbeterde tekst."),
    );
    write(dir.path(), "README.txt", "not content");
    commit_all(
        dir.path(),
        "Correctie datum\n\nMet uitleg.",
        "2025-08-12T09:30:00+02:00",
    );

    let history = read(dir.path());
    assert_eq!(history.status, Status::Read { shallow: false });
    assert_eq!(
        history.commits.len(),
        2,
        "the README-only change is not a content commit"
    );
    let a = history.at_head["brieven/a.md"];
    let b = history.at_head["brieven/b.md"];
    let notes: Vec<&str> = history.files[a]
        .versions
        .iter()
        .map(|v| history.commits[v.commit].note.as_str())
        .collect();
    assert_eq!(notes, ["Brieven toegevoegd", "Correctie datum"]);
    assert_eq!(history.files[b].versions.len(), 1);
    let dates: Vec<String> = history.commits.iter().map(|c| c.date.to_string()).collect();
    assert_eq!(dates, ["2025-03-04", "2025-08-12"]);
    assert_eq!(history.head.as_ref().unwrap().short.len(), 7);
}

#[test]
fn a_renamed_file_keeps_its_history() {
    let dir = tempfile::tempdir().unwrap();
    init_repo(dir.path());
    let text = letter(
        "brief-a",
        "Brief A",
        &"Een lange alinea over jeugdzorg in Almelo. ".repeat(20),
    );
    write(dir.path(), "content/brieven/a.md", &text);
    commit_all(dir.path(), "Eerste versie", "2025-01-01T10:00:00+01:00");
    write(
        dir.path(),
        "content/brieven/a.md",
        &text.replace("Almelo", "Almelo en omstreken"),
    );
    commit_all(dir.path(), "Aanvulling", "2025-01-02T10:00:00+01:00");
    std::fs::create_dir_all(dir.path().join("content/raadsbrieven")).unwrap();
    git(
        dir.path(),
        &["mv", "content/brieven/a.md", "content/raadsbrieven/a-hernoemd.md"],
    );
    commit_all(dir.path(), "Verplaatst", "2025-01-03T10:00:00+01:00");

    let history = read(dir.path());
    let file = history.at_head["raadsbrieven/a-hernoemd.md"];
    let versions = &history.files[file].versions;
    assert_eq!(versions.len(), 2, "a pure move is not a new version");
    assert_eq!(versions[0].path, "brieven/a.md");
    assert!(!history.at_head.contains_key("brieven/a.md"));
}

#[test]
fn a_deleted_file_is_remembered_with_its_deleting_commit() {
    let dir = tempfile::tempdir().unwrap();
    init_repo(dir.path());
    write(
        dir.path(),
        "content/brieven/a.md",
        &letter("brief-a", "Brief A", "Tekst."),
    );
    write(
        dir.path(),
        "content/brieven/b.md",
        &letter("brief-b", "Brief B", "Tekst B."),
    );
    commit_all(dir.path(), "Eerste versie", "2025-01-01T10:00:00+01:00");
    git(dir.path(), &["rm", "-q", "content/brieven/a.md"]);
    commit_all(dir.path(), "Brief A verwijderd", "2025-02-01T10:00:00+01:00");

    let history = read(dir.path());
    assert!(!history.at_head.contains_key("brieven/a.md"));
    let deleted: Vec<_> = history.files.iter().filter(|f| f.deleted_in.is_some()).collect();
    assert_eq!(deleted.len(), 1);
    assert_eq!(
        history.commits[deleted[0].deleted_in.unwrap()].note,
        "Brief A verwijderd"
    );
}

#[test]
fn outside_git_there_is_no_history() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/brieven/a.md",
        &letter("brief-a", "Brief A", "Tekst."),
    );
    let history = read(dir.path());
    assert!(
        matches!(history.status, Status::NoRepository { .. }),
        "{:?}",
        history.status
    );
}

#[test]
fn a_repository_without_commits_builds_as_drafts() {
    let dir = tempfile::tempdir().unwrap();
    init_repo(dir.path());
    write(
        dir.path(),
        "content/brieven/a.md",
        &letter("brief-a", "Brief A", "Tekst."),
    );
    let history = read(dir.path());
    assert_eq!(history.status, Status::NoCommits);
}

/// Everything `read` reports, in a comparable form.
fn summary(history: &History) -> Vec<String> {
    let mut lines: Vec<String> = history
        .commits
        .iter()
        .map(|c| format!("{} {} {}", c.id, c.date, c.note))
        .collect();
    let mut heads: Vec<String> = history
        .at_head
        .iter()
        .map(|(path, &file)| {
            let versions: Vec<String> = history.files[file]
                .versions
                .iter()
                .map(|v| format!("{}:{}:{}", v.commit, v.blob, v.path))
                .collect();
            format!("{path} = {}", versions.join(" "))
        })
        .collect();
    heads.sort();
    lines.extend(heads);
    lines.extend(history.files.iter().map(|f| format!("deleted {:?}", f.deleted_in)));
    lines
}

#[test]
fn a_cached_walk_continues_where_the_last_build_stopped_and_agrees_with_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    init_repo(dir.path());
    let cache = dir.path().join(".griffie-cache/history");
    let elsewhere = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/brieven/a.md",
        &letter("brief-a", "Brief A", "Eerste tekst."),
    );
    commit_all(dir.path(), "Eerste versie", "2025-01-01T10:00:00+01:00");
    let first = read_with_cache(dir.path(), &cache);
    assert!(cache.join("history.json").is_file(), "the walk is saved");

    write(
        dir.path(),
        "content/brieven/a.md",
        &letter("brief-a", "Brief A", "Tweede tekst."),
    );
    write(
        dir.path(),
        "content/brieven/b.md",
        &letter("brief-b", "Brief B", "Nieuw."),
    );
    commit_all(dir.path(), "Tweede versie", "2025-02-01T10:00:00+01:00");
    let continued = read_with_cache(dir.path(), &cache);
    let fresh = read_with_cache(dir.path(), elsewhere.path());
    assert_eq!(summary(&continued), summary(&fresh));
    assert_eq!(continued.files[continued.at_head["brieven/a.md"]].versions.len(), 2);
    assert_ne!(summary(&first), summary(&continued));

    // Rewritten history (a new root): the snapshot no longer applies.
    git(dir.path(), &["checkout", "-q", "--orphan", "other"]);
    commit_all(dir.path(), "Opnieuw begonnen", "2025-03-01T10:00:00+01:00");
    let rewritten = read_with_cache(dir.path(), &cache);
    assert_eq!(rewritten.commits.len(), 1);
    assert_eq!(rewritten.commits[0].note, "Opnieuw begonnen");
}
