//! A generated history (`griffie_synth::generate_history`) is a clean git repository that git
//! reads the way the summary says: the right number of commits and versions, renames that
//! `git log --follow` follows, deletions that stay deleted, the same commit ids for the same
//! options, and a valid project in every commit.

use std::collections::BTreeSet;
use std::path::Path;

use griffie_synth::{generate_history, HistoryOptions, HistorySummary, SynthOptions};

use crate::support;
use crate::support::git::{git, try_git};

/// 30 documents with 4 versions each on average, 2 moved, 1 deleted.
fn small_history(dir: &Path, seed: u64) -> HistorySummary {
    let history = HistoryOptions {
        commits_per_doc: 4,
        renames: 2,
        deletions: 1,
        ..HistoryOptions::default()
    };
    support::synthetic_history(dir, 30, seed, &history)
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.is_empty()).collect()
}

#[test]
fn history_matches_its_summary_and_leaves_a_clean_tree() {
    let dir = tempfile::tempdir().unwrap();
    let summary = small_history(dir.path(), 11);

    assert_eq!(
        git(dir.path(), &["rev-list", "--count", "HEAD"]).trim(),
        summary.commits.to_string()
    );
    assert_eq!(git(dir.path(), &["rev-parse", "HEAD"]).trim(), summary.head);
    assert_eq!(git(dir.path(), &["symbolic-ref", "HEAD"]).trim(), "refs/heads/main");
    assert_eq!(git(dir.path(), &["status", "--porcelain", "--untracked-files=all"]), "");
    assert_eq!(summary.corpus.documents, 29);
    assert_eq!((summary.renamed.len(), summary.deleted.len()), (2, 1));
    assert!(summary.corpus.template_files > 0);

    // Every added, modified or renamed content file in every commit is one version.
    let log = git(
        dir.path(),
        &["log", "-M", "--format=", "--name-status", "--", "content"],
    );
    let versions = lines(&log).iter().filter(|l| l.starts_with(['A', 'M', 'R'])).count();
    assert_eq!(versions, summary.versions, "{log}");
    let average = summary.versions as f64 / 30.0;
    assert!((3.0..=5.0).contains(&average), "{average} versions per document");

    let messages = git(dir.path(), &["log", "--format=%an <%ae>|%s"]);
    let distinct: BTreeSet<&str> = lines(&messages).into_iter().collect();
    assert!(distinct.len() > 5, "varied authors and messages: {distinct:?}");
    assert!(messages.contains("Griffie Almelo <griffie@almelo.nl>|Archief overgezet naar griffie"));
}

#[test]
fn renamed_documents_keep_their_history() {
    let dir = tempfile::tempdir().unwrap();
    let summary = small_history(dir.path(), 11);
    for renamed in &summary.renamed {
        let at_head = git(dir.path(), &["show", &format!("HEAD:{}", renamed.to)]);
        assert!(at_head.contains(&format!("id: {}\n", renamed.id)));
        assert!(try_git(dir.path(), &["cat-file", "-e", &format!("HEAD:{}", renamed.from)]).is_none());
        assert!(dir.path().join(&renamed.to).is_file() && !dir.path().join(&renamed.from).exists());

        let followed = git(dir.path(), &["log", "--follow", "--format=%s", "--", &renamed.to]);
        let unfollowed = git(dir.path(), &["log", "--format=%s", "--", &renamed.to]);
        assert!(
            followed.ends_with("Archief overgezet naar griffie\n"),
            "--follow reaches the import for {renamed:?}:\n{followed}"
        );
        assert!(lines(&followed).len() > lines(&unfollowed).len());
        let before = git(dir.path(), &["log", "--format=%s", "--", &renamed.from]);
        assert_eq!(
            lines(&followed).len(),
            lines(&unfollowed).len() + lines(&before).len() - 1,
            "the commits after the move, then those before it (the move counted once)"
        );
    }
    assert!(summary.renamed.iter().any(|r| r.edited) && summary.renamed.iter().any(|r| !r.edited));
}

#[test]
fn deleted_documents_are_gone_at_head_but_in_earlier_commits() {
    let dir = tempfile::tempdir().unwrap();
    let summary = small_history(dir.path(), 11);
    let commits = git(dir.path(), &["rev-list", "--reverse", "HEAD"]);
    let commits = lines(&commits);
    for deleted in &summary.deleted {
        assert!(try_git(dir.path(), &["cat-file", "-e", &format!("HEAD:{}", deleted.path)]).is_none());
        assert!(!dir.path().join(&deleted.path).exists());
        let before = commits[deleted.commit - 1];
        let text = git(dir.path(), &["show", &format!("{before}:{}", deleted.path)]);
        assert!(text.contains(&format!("id: {}\n", deleted.id)));
        let deleting = git(
            dir.path(),
            &["log", "--diff-filter=D", "--format=%H", "--", &deleted.path],
        );
        assert_eq!(lines(&deleting), [commits[deleted.commit]]);
    }
}

#[test]
fn same_options_give_the_same_commits() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let first = small_history(a.path(), 11);
    let second = small_history(b.path(), 11);
    assert_eq!(first.head, second.head);
    assert_eq!(first.renamed, second.renamed);
    let other = small_history(c.path(), 12);
    assert_ne!(first.head, other.head);
}

#[test]
fn refuses_an_existing_repository() {
    let dir = tempfile::tempdir().unwrap();
    small_history(dir.path(), 11);
    let again = generate_history(&SynthOptions::default(), &HistoryOptions::default(), dir.path());
    assert_eq!(again.unwrap_err().kind(), std::io::ErrorKind::AlreadyExists);
    assert!(griffie_synth::history::is_generated_repository(dir.path()));
}

/// Every version is a valid document: `griffie check` passes on every commit, warnings
/// included.
#[test]
fn every_commit_checks_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    small_history(dir.path(), 11);
    let commits = git(dir.path(), &["rev-list", "HEAD"]);
    for commit in lines(&commits) {
        git(dir.path(), &["checkout", "--quiet", "--detach", commit]);
        let output = support::griffie(dir.path(), &["check", "--deny-warnings", "--no-pdf", "--quiet"]);
        assert!(
            output.status.success(),
            "commit {commit}:\n{}",
            support::stderr(&output)
        );
    }
    git(dir.path(), &["checkout", "--quiet", "main"]);
    assert_eq!(git(dir.path(), &["status", "--porcelain"]), "");
}
