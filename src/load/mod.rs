//! Stage 1, `load`: walk `content/`, read every source file and turn it into a [`Document`].
//!
//! Files are read and parsed in parallel; the result is sorted by path so everything after this
//! stage sees the same order on every run. Nothing here looks at other documents: checks that
//! need the whole corpus (unique ids, links) belong to `resolve`.

mod body;
mod document;
mod fields;
mod locate;
mod meeting;
pub(crate) mod placeholder;
mod vote;
mod withdrawal;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

#[cfg(test)] // the schema tests compare their fields with the loader's
pub(crate) use document::allowed_fields;
pub(crate) use document::read_document;

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Document;
use crate::regular_file::{self, ReadError};
use crate::source::{parse_source, SourceKind};

/// Reads all documents under `content_dir`. `root` is the project folder; paths in diagnostics
/// are shown relative to it.
pub(crate) fn load_documents(root: &Path, content_dir: &Path, diagnostics: &mut Diagnostics) -> Vec<Document> {
    let files = find_source_files(root, content_dir, diagnostics);
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|(full, shown, kind)| {
            crate::diagnostics::catch_panic(shown, || load_one(full, shown, *kind))
                .unwrap_or_else(|problem| (None, vec![*problem]))
        })
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    for (document, found) in results {
        diagnostics.extend(found);
        documents.extend(document);
    }
    documents
}

fn load_one(full: &Path, shown: &Path, kind: SourceKind) -> (Option<Document>, Vec<Diagnostic>) {
    let bytes = match regular_file::read_bounded(full, crate::limits::MAX_SOURCE_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(err)) => {
            let diagnostic = Diagnostic::error(Code::Unreadable, shown, crate::t!("load.unreadable_file", error = err))
                .hint(crate::t!("load.unreadable_file_hint"));
            return (None, vec![diagnostic]);
        }
        Err(ReadError::NotAFile) => {
            // It became a link, FIFO or device after the walk: skipped as the walk skips them.
            let diagnostic = Diagnostic::warning(Code::SpecialFileSkipped, shown, crate::t!("load.special_file"))
                .hint(crate::t!("load.special_file_hint"));
            return (None, vec![diagnostic]);
        }
        Err(ReadError::TooLarge { .. }) => return (None, vec![too_large(shown)]),
    };
    read_bytes(shown, bytes, kind)
}

/// One document from the bytes of a source file (the working copy's or an older version's);
/// `shown` names it in diagnostics.
pub fn read_bytes(shown: &Path, bytes: Vec<u8>, kind: SourceKind) -> (Option<Document>, Vec<Diagnostic>) {
    if bytes.len() as u64 > crate::limits::MAX_SOURCE_BYTES {
        return (None, vec![too_large(shown)]);
    }
    match parse_source(shown, bytes, kind) {
        Ok(file) => read_document(&file),
        Err(diagnostic) => (None, vec![*diagnostic]),
    }
}

/// A source file over [`crate::limits::MAX_SOURCE_BYTES`].
fn too_large(shown: &Path) -> Diagnostic {
    let limit = crate::i18n::number(crate::limits::MAX_SOURCE_BYTES as usize);
    Diagnostic::error(
        Code::FileTooLarge,
        shown,
        crate::t!("limits.file_too_large", limit = limit),
    )
    .hint(crate::t!("limits.file_too_large_hint"))
}

/// Every document file under `content_dir`, sorted, as (full path, shown path, kind).
fn find_source_files(
    root: &Path,
    content_dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Vec<(PathBuf, PathBuf, SourceKind)> {
    let mut files = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(|p| shown_path(root, p)).unwrap_or_default();
                diagnostics.push(
                    Diagnostic::error(
                        Code::Unreadable,
                        &path,
                        crate::t!("load.unreadable_folder", error = err),
                    )
                    .hint(crate::t!("load.unreadable_folder_hint")),
                );
                continue;
            }
        };
        let shown = shown_path(root, entry.path());
        if entry.path_is_symlink() {
            diagnostics.push(
                Diagnostic::warning(Code::SymlinkSkipped, &shown, crate::t!("load.symlink"))
                    .hint(crate::t!("load.symlink_hint")),
            );
            continue;
        }
        if is_special(entry.file_type()) {
            diagnostics.push(
                Diagnostic::warning(Code::SpecialFileSkipped, &shown, crate::t!("load.special_file"))
                    .hint(crate::t!("load.special_file_hint")),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        match SourceKind::of(entry.path()) {
            Some(kind) => files.push((entry.path().to_path_buf(), shown, kind)),
            None => diagnostics.push(
                Diagnostic::warning(Code::NotADocument, &shown, crate::t!("load.not_a_document"))
                    .hint(crate::t!("load.not_a_document_hint")),
            ),
        }
    }
    files
}

/// A FIFO, socket or device: not a file to read (opening a FIFO waits for a writer).
fn is_special(file_type: std::fs::FileType) -> bool {
    !file_type.is_file() && !file_type.is_dir() && !file_type.is_symlink()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.') || n.starts_with('_'))
}

/// `path` relative to `root` when it lies inside it, as people see it in their project.
pub(crate) fn shown_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::time::Duration;

    fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
    }

    /// Runs `work` on a thread of its own: a failure, not a hang, if it blocks.
    fn without_hanging<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || sender.send(work()));
        receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("finished instead of waiting for a FIFO's writer")
    }

    #[test]
    fn links_and_fifos_are_skipped_with_a_warning_each() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        std::fs::write(dir.path().join("elsewhere.md"), "---\nid: x\n---\n").unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere.md"), content.join("link.md")).unwrap();
        mkfifo(&content.join("fifo.md"));
        let root = dir.path().to_path_buf();
        let diagnostics = without_hanging(move || {
            let mut diagnostics = Diagnostics::new();
            let documents = load_documents(&root, &root.join("content"), &mut diagnostics);
            assert!(documents.is_empty());
            diagnostics
        });
        let found: Vec<(Code, String)> = diagnostics
            .sorted()
            .iter()
            .map(|d| (d.code, d.path.display().to_string()))
            .collect();
        assert_eq!(
            found,
            [
                (Code::SpecialFileSkipped, "content/fifo.md".to_string()),
                (Code::SymlinkSkipped, "content/link.md".to_string()),
            ]
        );
    }
}
