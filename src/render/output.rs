//! Where rendered files go: a folder (the staging folder of a build) or nowhere (`check`).
//!
//! Renderers hand over site-relative paths such as `documenten/x/index.html`; this module is the
//! only one that turns them into file-system paths, and it refuses any path that would leave the
//! output folder.

use std::io;
use std::path::{Component, Path, PathBuf};

/// A destination for rendered files. Shared by the parallel renderers.
pub trait Output: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
}

/// Writes into a folder, creating sub-folders as needed.
pub struct DirOutput {
    root: PathBuf,
}

impl DirOutput {
    pub fn new(root: &Path) -> DirOutput {
        DirOutput {
            root: root.to_path_buf(),
        }
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
        std::fs::write(full, bytes)
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
