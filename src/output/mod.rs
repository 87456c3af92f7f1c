//! Where rendered files go: a folder (the staging folder of a build) or nowhere (`check`).
//!
//! Renderers hand over site-relative paths such as `documenten/x/index.html`; this module is the
//! only one that turns them into file-system paths, and it refuses any path that would leave the
//! output folder.

pub(crate) mod manifest;
pub(crate) mod write;

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostics::Code;
use crate::output::manifest::{Entry, Manifest};

/// A destination for rendered files. Shared by the parallel renderers.
pub(crate) trait Output: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;

    /// Keeps `path` as it is if the folder already holds it made with `key` (see
    /// [`crate::output::manifest`]); returns the file's recorded facts then, `None` if it must be made.
    fn reuse(&self, _path: &str, _key: &str) -> Option<String> {
        None
    }

    /// Writes `path`, recording that it was made with `key` and has the facts `meta`.
    fn write_keyed(&self, path: &str, bytes: &[u8], _key: &str, _meta: &str) -> io::Result<()> {
        self.write(path, bytes)
    }

    /// The bytes of `path` as an earlier build left it (a file kept by [`Output::reuse`]), if
    /// they can be read; for the link check's anchors (`render::links`).
    fn kept(&self, _path: &str) -> Option<Vec<u8>> {
        None
    }

    /// Everything written is thrown away (`check`): work that can find no problem in the
    /// sources, such as the search index, may be skipped.
    fn discards(&self) -> bool {
        false
    }

    /// The manifest [`Output::reuse`] keeps files by: the files of the build they were kept
    /// from. `None`: nothing is kept.
    fn earlier(&self) -> Option<&Manifest> {
        None
    }
}

/// Writes into a folder, creating sub-folders as needed, and remembers what it wrote (the
/// folder may hold files of an earlier build, which `write` prunes).
pub(crate) struct DirOutput {
    root: PathBuf,
    written: Mutex<HashSet<String>>,
    /// How the folder's files were made by the build that wrote it.
    previous: Manifest,
    /// How this build's keyed files were made.
    keyed: Mutex<BTreeMap<String, Entry>>,
}

impl DirOutput {
    pub(crate) fn new(root: &Path) -> DirOutput {
        DirOutput::reusing(root, Manifest::default())
    }

    /// A folder holding an earlier build's files, made as `previous` says.
    pub(crate) fn reusing(root: &Path, previous: Manifest) -> DirOutput {
        DirOutput {
            root: root.to_path_buf(),
            written: Mutex::new(HashSet::new()),
            previous,
            keyed: Mutex::new(BTreeMap::new()),
        }
    }

    /// The paths written (or kept) so far, relative to the folder, with `/`.
    pub(crate) fn written(&self) -> HashSet<String> {
        self.written.lock().map(|w| w.clone()).unwrap_or_default()
    }

    /// How this build's files were made (those written without a key with a hash of their bytes), for the next build.
    pub(crate) fn manifest(&self) -> BTreeMap<String, Entry> {
        self.keyed.lock().map(|k| k.clone()).unwrap_or_default()
    }

    fn record(&self, path: &str, entry: Entry) {
        if let Ok(mut written) = self.written.lock() {
            written.insert(path.to_string());
        }
        if let Ok(mut keyed) = self.keyed.lock() {
            keyed.insert(path.to_string(), entry);
        }
    }
}

impl Output for DirOutput {
    fn reuse(&self, path: &str, key: &str) -> Option<String> {
        // The manifest lists exactly the files of the folder it was read for: no need to look.
        let entry = self.previous.get(path).filter(|e| !e.key.is_empty() && e.key == key)?;
        let meta = entry.meta.clone();
        self.record(path, entry.clone());
        Some(meta)
    }

    fn write_keyed(&self, path: &str, bytes: &[u8], key: &str, meta: &str) -> io::Result<()> {
        self.write(path, bytes)?;
        let entry = Entry {
            key: key.to_string(),
            meta: meta.to_string(),
        };
        self.record(path, entry);
        Ok(())
    }

    fn kept(&self, path: &str) -> Option<Vec<u8>> {
        let relative = Path::new(path);
        let inside = relative.components().all(|c| matches!(c, Component::Normal(_)));
        inside.then(|| std::fs::read(self.root.join(relative)).ok()).flatten()
    }

    fn earlier(&self) -> Option<&Manifest> {
        Some(&self.previous)
    }

    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let relative = Path::new(path);
        let escapes = relative.components().any(|c| !matches!(c, Component::Normal(_)));
        if escapes || path.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                crate::t!("render.outside_output", path = path),
            ));
        }
        // The folder holds these very bytes already (the manifest says so): left alone, so a
        // commit rewrites only the files it changed, and their modification times stay.
        let content = content_key(bytes);
        let entry = Entry {
            key: content,
            meta: String::new(),
        };
        if self.previous.get(path).is_some_and(|earlier| earlier.key == entry.key) {
            self.record(path, entry);
            return Ok(());
        }
        let full = self.root.join(relative);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // A file of the folder may be a hard link to the published output's (see
        // `write::Staging::create`): never written in place, but replaced by a file of its own.
        match std::fs::remove_file(&full) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
            _ => {}
        }
        std::fs::write(full, bytes)?;
        self.record(path, entry);
        Ok(())
    }
}

/// The manifest key of a file written without a key of its own: `=` and a hash of its bytes
/// (never equal to a renderer's key, which is plain hex).
fn content_key(bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    format!("={}", &hash[..32])
}

/// Keeps rendered files in memory, for a preview round that writes them only if it succeeds
/// (`serve::session`); [`MemoryOutput::files`] hands them over in the order they came.
#[derive(Default)]
pub(crate) struct MemoryOutput {
    files: Mutex<Vec<(String, Vec<u8>)>>,
}

impl MemoryOutput {
    pub(crate) fn new() -> MemoryOutput {
        MemoryOutput::default()
    }

    pub(crate) fn files(self) -> Vec<(String, Vec<u8>)> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Output for MemoryOutput {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.push((path.to_string(), bytes.to_vec()));
        Ok(())
    }
}

/// Discards everything: `griffie check` renders to find every problem but writes nothing.
/// Files the published output already holds, made from the same inputs (same key), were
/// checked when they were made and are skipped.
#[derive(Default)]
pub(crate) struct NullOutput {
    published: Manifest,
    /// The published output folder, to read kept files back from.
    folder: Option<PathBuf>,
}

impl NullOutput {
    /// Skips what `published` (the manifest of the current output folder) says exists already.
    pub(crate) fn knowing(published: Manifest) -> NullOutput {
        NullOutput {
            published,
            folder: None,
        }
    }

    /// Reads the files it skips back from `folder` (the published output) when asked.
    pub(crate) fn reading(self, folder: &Path) -> NullOutput {
        NullOutput {
            folder: Some(folder.to_path_buf()),
            ..self
        }
    }
}

impl Output for NullOutput {
    fn write(&self, _path: &str, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn discards(&self) -> bool {
        true
    }

    fn reuse(&self, path: &str, key: &str) -> Option<String> {
        let entry = self.published.get(path).filter(|e| !e.key.is_empty() && e.key == key)?;
        Some(entry.meta.clone())
    }

    fn kept(&self, path: &str) -> Option<Vec<u8>> {
        let relative = Path::new(path);
        let inside = relative.components().all(|c| matches!(c, Component::Normal(_)));
        let folder = self.folder.as_ref().filter(|_| inside)?;
        std::fs::read(folder.join(relative)).ok()
    }

    fn earlier(&self) -> Option<&Manifest> {
        Some(&self.published)
    }
}

pub(crate) fn write_problem(path: &str, err: &std::io::Error) -> crate::diagnostics::Diagnostic {
    crate::diagnostics::Diagnostic::error(
        Code::Write,
        Path::new(path),
        crate::t!("render.cannot_write", error = err),
    )
    .hint(crate::t!("render.cannot_write_hint"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = DirOutput::new(dir.path());
        assert!(out.write("../evil.html", b"x").is_err());
        assert!(out.write("/etc/evil.html", b"x").is_err());
        out.write("a/b/index.html", b"ok").unwrap();
        assert_eq!(std::fs::read(dir.path().join("a/b/index.html")).unwrap(), b"ok");
    }
}
