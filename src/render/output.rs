//! Where rendered files go: a folder (the staging folder of a build) or nowhere (`check`).
//!
//! Renderers hand over site-relative paths such as `documenten/x/index.html`; this module is the
//! only one that turns them into file-system paths, and it refuses any path that would leave the
//! output folder.

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// A destination for rendered files. Shared by the parallel renderers.
pub trait Output: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
}

/// Writes into a folder, creating sub-folders as needed, and remembers what it wrote (the
/// folder may hold files of an earlier build, which `write` prunes).
pub struct DirOutput {
    root: PathBuf,
    written: Mutex<HashSet<String>>,
}

impl DirOutput {
    pub fn new(root: &Path) -> DirOutput {
        DirOutput {
            root: root.to_path_buf(),
            written: Mutex::new(HashSet::new()),
        }
    }

    /// The paths written so far, relative to the folder, with `/`.
    pub fn written(&self) -> HashSet<String> {
        self.written.lock().map(|w| w.clone()).unwrap_or_default()
    }
}

impl Output for DirOutput {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let relative = Path::new(path);
        let escapes = relative.components().any(|c| !matches!(c, Component::Normal(_)));
        if escapes || path.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {path}"),
            ));
        }
        let full = self.root.join(relative);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(full, bytes)?;
        if let Ok(mut written) = self.written.lock() {
            written.insert(path.to_string());
        }
        Ok(())
    }
}

/// Discards everything: `griffie check` renders to find every problem but writes nothing.
pub struct NullOutput;

impl Output for NullOutput {
    fn write(&self, _path: &str, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }
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
