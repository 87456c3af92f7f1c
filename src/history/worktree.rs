//! The working copy against `HEAD`: which documents have uncommitted changes (shown as a draft
//! version) and whether templates or configuration differ from the commit being stamped.
//!
//! Compared by git blob id, so an unchanged file costs one hash of text already in memory.
//! Files whose bytes differ only by what git's checkout filters add (CRLF line ends with
//! `core.autocrlf`, a byte-order mark) count as unchanged: the text is what matters.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{History, ObjectId};
use crate::model::Document;

/// Per document: is the working copy a draft? Outside git every document is: nothing records it.
pub(crate) fn drafts(history: &History, documents: &[Document], files: &[Option<usize>], root: &Path) -> Vec<bool> {
    if history.head.is_none() {
        return vec![true; documents.len()];
    }
    documents
        .par_iter()
        .zip(files)
        .map_init(
            || history.reader(),
            |reader, (doc, file)| {
                let Some(committed) = file.and_then(|f| history.files[f].versions.last()) else {
                    return true;
                };
                let text = doc.source.text.as_bytes();
                if blob_id(history, text) == Some(committed.blob) {
                    return false;
                }
                // Read again without blocking: the file may have become a FIFO since `load`.
                let raw = crate::regular_file::read(&root.join(&doc.source.path)).ok();
                if raw.as_deref().and_then(|raw| blob_id(history, raw)) == Some(committed.blob) {
                    return false;
                }
                let head_text = reader.as_mut().and_then(|r| r.read(committed.blob));
                head_text.is_none_or(|bytes| normalise(&bytes) != doc.source.text)
            },
        )
        .collect()
}

/// Whether any of `files` (absolute paths; folders are walked) differs from `HEAD`, or exists
/// only in the working copy. Outside git: `false` (there is nothing to differ from).
pub(crate) fn any_changed(history: &History, files: &[PathBuf]) -> bool {
    let (Some(workdir), Some(mut reader)) = (history.workdir.as_ref(), history.reader()) else {
        return false;
    };
    let Some(head_tree) = history.head_tree else {
        return false;
    };
    files
        .iter()
        .flat_map(|path| {
            walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
        })
        .filter(|entry| entry.file_type().is_file())
        .any(|entry| {
            let Ok(canonical) = entry.path().canonicalize() else {
                return true;
            };
            let Ok(relative) = canonical.strip_prefix(workdir) else {
                return false;
            };
            let committed = reader.blob_at(head_tree, relative);
            let bytes = std::fs::read(entry.path()).ok();
            match (committed, bytes) {
                (Some(committed), Some(bytes)) => blob_id(history, &bytes) != Some(committed),
                // A new file counts, unless hidden (editor swap files and the like).
                (None, Some(_)) => !entry.file_name().to_string_lossy().starts_with('.'),
                _ => true,
            }
        })
}

fn blob_id(history: &History, bytes: &[u8]) -> Option<ObjectId> {
    gix::objs::compute_hash(history.hash_kind, gix::objs::Kind::Blob, bytes).ok()
}

/// Text as `load` sees it: no byte-order mark, `\n` line ends.
fn normalise(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.replace("\r\n", "\n")
}
