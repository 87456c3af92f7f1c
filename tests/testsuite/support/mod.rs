//! The project builder every module of the suite shares: a temporary project made from a
//! fixture (`tests/fixtures/<name>` with the repository's own templates), the bundled corpus or a
//! generated corpus; the real `griffie` binary or the library run on it; and readers of what a
//! build wrote.
//!
//! Everything here leaves process-wide state alone (see the crate documentation): the binary
//! runs as a child with its own environment, and the library only after [`init`].

#![allow(dead_code)]

pub mod git;
mod library;
pub mod serve;

pub use library::{build_with_library, init, library_options, synthetic, synthetic_history};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `griffie` binary under test.
pub fn griffie_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_griffie"))
}

/// A temporary copy of `tests/fixtures/<name>` plus the repository's `templates/`.
pub fn project(name: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo_root().join("tests/fixtures").join(name), dir.path());
    copy_dir(&repo_root().join("templates"), &dir.path().join("templates"));
    dir
}

/// A temporary copy of the bundled corpus: `content/`, `templates/` and `griffie.yaml`.
pub fn bundled_corpus() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    copy_dir(&repo_root().join("templates"), &dir.path().join("templates"));
    std::fs::copy(repo_root().join("griffie.yaml"), dir.path().join("griffie.yaml")).unwrap();
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    griffie_synth::copy_dir(from, to).unwrap_or_else(|e| panic!("cannot copy {}: {e}", from.display()));
}

/// Writes `text` to `path` under `dir`, making its folders.
pub fn write(dir: &Path, path: &str, text: &str) {
    let full = dir.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, text).unwrap();
}

/// Replaces `from` by `to` in the file `path` under `dir`; panics if `from` is not there.
pub fn edit(dir: &Path, path: &str, from: &str, to: &str) {
    let text = read(dir, path);
    assert!(text.contains(from), "{path} has no `{from}`");
    std::fs::write(dir.join(path), text.replace(from, to)).unwrap();
}

/// Moves a fixture's site (`https://raad.testdorp.nl/`) under a base path:
/// `https://www.testdorp.nl/raad/`, so every link must start with `/raad/`.
pub fn under_base_path(dir: &Path) {
    edit(
        dir,
        "griffie.yaml",
        "https://raad.testdorp.nl/",
        "https://www.testdorp.nl/raad/",
    );
}

/// Runs the real binary in `dir` with `args`; colour is off so output is plain text, and the
/// messages are in the default language (Dutch) whatever `GRIFFIE_LANG` the caller has.
pub fn griffie(dir: &Path, args: &[&str]) -> Output {
    griffie_with_env(dir, args, &[])
}

/// [`griffie`] with environment variables set (e.g. `GRIFFIE_LANG`), for the child only.
pub fn griffie_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(griffie_bin());
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

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Builds `dir` and panics with the diagnostics if it fails.
pub fn build_ok(dir: &Path) -> Output {
    build_ok_with(dir, &[])
}

/// `griffie build ARGS` in `dir`; panics with the diagnostics if it fails.
pub fn build_ok_with(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let output = griffie(dir, &all);
    assert!(output.status.success(), "build failed:\n{}", stderr(&output));
    output
}

/// The diagnostics of a `--format json` report with `code`.
pub fn with_code<'a>(report: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    report["diagnostics"]
        .as_array()
        .expect("a JSON report")
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
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

/// The first element of `html` that starts with `start`, through the first `end` after it (an
/// element that does not nest itself, such as a `<section>` without sections inside).
pub fn element<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start} in the page"));
    let to = from
        + html[from..]
            .find(end)
            .unwrap_or_else(|| panic!("{start} is not closed by {end}"))
        + end.len();
    &html[from..to]
}

/// `text` with griffie's version (in feeds and calendars) replaced by `[version]`, so a snapshot
/// does not change with every release.
pub fn without_version(text: &str) -> String {
    text.replace(env!("CARGO_PKG_VERSION"), "[version]")
}

/// The text of a PDF with all white space folded to single spaces.
pub fn pdf_text(bytes: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(bytes).expect("text can be extracted");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
