//! Temporary git repositories for history tests, made with the `git` command line (the tests
//! may use it; griffie itself reads history in-process).

use std::path::Path;
use std::process::Command;

/// Runs `git` in `dir` with a fixed identity and no user or system configuration, so tests
/// behave the same on every machine. Panics with git's output on failure.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_with_env(dir, args, &[])
}

pub fn git_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Griffie Almelo")
        .env("GIT_AUTHOR_EMAIL", "griffie@almelo.nl")
        .env("GIT_COMMITTER_NAME", "Griffie Almelo")
        .env("GIT_COMMITTER_EMAIL", "griffie@almelo.nl")
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `git init` with branch `main`.
pub fn init_repo(dir: &Path) {
    git(dir, &["-c", "init.defaultBranch=main", "init", "-q"]);
}

/// Stages everything and commits with `message` at `date` (ISO 8601 with offset) as both author
/// and committer date.
pub fn commit_all(dir: &Path, message: &str, date: &str) {
    git(dir, &["add", "-A"]);
    git_with_env(
        dir,
        &["commit", "-q", "-m", message],
        &[("GIT_AUTHOR_DATE", date), ("GIT_COMMITTER_DATE", date)],
    );
}

/// The full id of `HEAD`.
pub fn head(dir: &Path) -> String {
    git(dir, &["rev-parse", "HEAD"]).trim().to_string()
}
