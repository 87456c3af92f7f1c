//! Shared helpers for the integration tests: copy a fixture project into a temporary folder
//! (with the repository's own templates), run the real `griffie` binary or library on it.

#![allow(dead_code)]

pub mod git;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of `tests/fixtures/<name>` plus the repository's `templates/`.
pub fn project(name: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo_root().join("tests/fixtures").join(name), dir.path());
    copy_dir(&repo_root().join("templates"), &dir.path().join("templates"));
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    griffie_synth::copy_dir(from, to).unwrap_or_else(|e| panic!("cannot copy {}: {e}", from.display()));
}

/// Runs the real binary in `dir` with `args`; colour is off so output is plain text, and the
/// messages are in the default language (Dutch) whatever `GRIFFIE_LANG` the caller has.
pub fn griffie(dir: &Path, args: &[&str]) -> Output {
    griffie_with_env(dir, args, &[])
}

/// [`griffie`] with environment variables set (e.g. `GRIFFIE_LANG`).
pub fn griffie_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::cargo_bin("griffie").expect("griffie binary");
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GRIFFIE_LANG")
        // Inside GitHub Actions, `--format auto` would print annotations instead of the report.
        .env_remove("GITHUB_ACTIONS");
    for (name, value) in env {
        command.env(name, value);
    }
    command.args(args).output().expect("griffie runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Builds `dir` and panics with the diagnostics if it fails.
pub fn build_ok(dir: &Path) -> Output {
    let output = griffie(dir, &["build"]);
    assert!(output.status.success(), "build failed:\n{}", stderr(&output));
    output
}

pub fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// Every file under `dir` with its bytes, for comparing whole outputs.
pub fn snapshot_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The document objects of `output/api/documents.json`, by id.
pub fn documents_json(dir: &Path) -> BTreeMap<String, serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(&read(dir, "output/api/documents.json")).unwrap();
    json.as_array()
        .expect("documents.json is an array")
        .iter()
        .map(|d| (d["id"].as_str().unwrap().to_string(), d.clone()))
        .collect()
}

/// The `<main>` element of a page, where the page's own content is.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page closes <main>");
    &html[start..end]
}

/// Runs the library's `build` on `dir` (for structured diagnostics).
pub fn build_with_library(dir: &Path, mode: griffie::Mode) -> griffie::BuildReport {
    let options = griffie::BuildOptions {
        paths: griffie::ProjectPaths::in_folder(dir),
        mode,
        as_of: None,
        deny_warnings: false,
        pdf: true,
        progress: None,
        preview: false,
    };
    griffie::build(&options).expect("build runs")
}
