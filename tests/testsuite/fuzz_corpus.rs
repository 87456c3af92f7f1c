//! The fuzz targets' inputs replayed on every `cargo test`: every Markdown source of the
//! bundled corpus and the fixtures, every input the fuzzers ever found a problem with
//! (`fuzz/regressions/<target>/`, one file each, kept forever), and the hostile shapes the
//! limits exist for, made here at full size. See `fuzz/harness.rs` for what each target checks.
//! The harness resolves and renders in this process, so each test first readies rayon's pool
//! (`support::init`).

#[path = "../../fuzz/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

use crate::support::{self, repo_root as repo};

/// The Markdown sources under `content/` and `tests/fixtures/`.
fn sources() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["content", "tests/fixtures"]
        .iter()
        .flat_map(|folder| walkdir::WalkDir::new(repo().join(folder)))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    assert!(files.len() > 10, "the corpus and fixtures were found");
    files
}

/// The committed reproducers of one target.
fn regressions(target: &str) -> Vec<PathBuf> {
    let dir = repo().join("fuzz/regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.file_name().is_some_and(|n| n != ".gitkeep"));
    files.sort();
    files
}

fn replay(files: &[PathBuf], target: fn(&[u8])) {
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        if std::panic::catch_unwind(|| target(&bytes)).is_err() {
            panic!("fuzz input {} fails", file.display());
        }
    }
}

fn front(body: &str) -> Vec<u8> {
    format!("---\nid: a\ntype: raadsbrief\ntitle: T\ndate: 2024-01-01\n---\n{body}").into_bytes()
}

/// Inputs of the shapes `src/limits.rs` bounds, at sizes that broke griffie before the bounds.
fn hostile() -> Vec<Vec<u8>> {
    let mut bomb = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        ));
    }
    bomb.push_str("---\nTekst.\n");
    let ids: String = (0..50_000).map(|i| format!("  - Raad-{i}\n")).collect();
    vec![
        bomb.into_bytes(),
        front(&("> ".repeat(10_000) + "x\n")),
        front(
            &(0..3000)
                .map(|i| format!("{}- a\n", "  ".repeat(i)))
                .collect::<String>(),
        ),
        front(&format!("{}x{}", "*".repeat(20_000), "*".repeat(20_000))),
        front(&format!("{}x{}", "[".repeat(20_000), "](u)".repeat(20_000))),
        front(&(0..50_000).map(|i| format!("Raad-{i} ")).collect::<String>()),
        front("Tekst.\n\n##\n\n#\n\nMeer.\n"),
        format!("---\nid: a\ntype: raadsbrief\ntitle: T\ndate: 2024-01-01\nidentifiers:\n{ids}---\nx\n").into_bytes(),
        b"---\ntitle: \"\\e]0;x\\a\\n::error::y\"\n---\n".to_vec(),
    ]
}

#[test]
fn the_document_target_passes_on_every_source_and_reproducer() {
    support::init();
    replay(&sources(), harness::document);
    replay(&regressions("document"), harness::document);
}

#[test]
fn the_document_target_passes_on_hostile_shapes() {
    support::init();
    for input in hostile() {
        harness::document(&input);
    }
}

#[test]
fn the_diff_target_passes_on_pairs_of_sources_and_reproducers() {
    support::init();
    let files = sources();
    let texts: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    for pair in texts.windows(2) {
        let mut input = pair[0].clone();
        input.push(0);
        input.extend_from_slice(&pair[1]);
        harness::diff(&input);
    }
    replay(&regressions("diff"), harness::diff);
    // Two long bodies with nothing in common: bounded, not quadratic.
    let old: String = (0..20_000).map(|i| format!("Alinea {i} oud.\n\n")).collect();
    let new: String = (0..20_000).map(|i| format!("Paragraaf {i} nieuw.\n\n")).collect();
    harness::diff(format!("{old}\0{new}").as_bytes());
}

#[test]
fn the_identifiers_target_passes_on_sources_and_reproducers() {
    support::init();
    replay(&sources(), harness::identifiers);
    replay(&regressions("identifiers"), harness::identifiers);
    harness::identifiers(
        Path::new("Raad-7975 D/25/737910 Raad - 2408221 x/1/2/3")
            .to_str()
            .unwrap()
            .as_bytes(),
    );
}
