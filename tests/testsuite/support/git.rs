//! Temporary git repositories for history tests, made with the `git` command line (the tests
//! may use it; griffie itself reads history in-process).

use std::path::Path;
use std::process::Command;

/// `git` in `dir` with a fixed identity and no user or system configuration, and without the
/// environment of an enclosing repository (`GIT_DIR` & co., set when tests run from a git hook),
/// so tests behave the same on every machine.
fn command(dir: &Path, env: &[(&str, &str)]) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Griffie Almelo")
        .env("GIT_AUTHOR_EMAIL", "griffie@almelo.nl")
        .env("GIT_COMMITTER_NAME", "Griffie Almelo")
        .env("GIT_COMMITTER_EMAIL", "griffie@almelo.nl");
    for variable in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_COMMON_DIR",
    ] {
        command.env_remove(variable);
    }
    command.envs(env.iter().copied());
    command
}

/// Runs `git args` in `dir`; its stdout, or `None` when git fails.
pub fn try_git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = command(dir, &[]).args(args).output().expect("git runs");
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Runs `git args` in `dir`; panics with git's output on failure.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_with_env(dir, args, &[])
}

pub fn git_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let output = command(dir, env).args(args).output().expect("git runs");
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

/// [`init_repo`] for a griffie project, with a `.gitignore` for what builds write: `output/` and
/// the other output folders `outputs` a test builds into, their staging folders, the cache.
pub fn init_project_repo(dir: &Path, outputs: &[&str]) {
    init_repo(dir);
    let mut ignored = String::new();
    for output in ["output"].iter().chain(outputs) {
        ignored.push_str(&format!("/{output}/\n/.{output}.*/\n"));
    }
    ignored.push_str("/.griffie-cache/\n");
    std::fs::write(dir.join(".gitignore"), ignored).unwrap();
}
