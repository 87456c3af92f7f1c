//! Where a project's things are: the folders and files of a project (`ProjectPaths`), and paths
//! as people see them in messages (relative to the project folder).

use std::path::{Path, PathBuf};

/// Where things are. Relative paths are taken from the current directory, the project folder.
#[derive(Debug, Clone)]
pub struct ProjectPaths {
    pub root: PathBuf,
    pub content: PathBuf,
    pub output: PathBuf,
    pub templates: PathBuf,
    pub config: PathBuf,
    /// Kept between builds (compiled PDFs); safe to delete.
    pub cache: PathBuf,
}

impl ProjectPaths {
    /// The default layout of a project folder: `content/`, `output/`, `templates/`, `griffie.yaml`.
    pub fn in_folder(root: &Path) -> ProjectPaths {
        ProjectPaths {
            root: root.to_path_buf(),
            content: root.join("content"),
            output: root.join("output"),
            templates: root.join("templates"),
            config: root.join(crate::config::CONFIG_FILE),
            cache: root.join(".griffie-cache"),
        }
    }

    /// `path` as people see it: relative to the project folder when inside it.
    pub fn shown(&self, path: &Path) -> PathBuf {
        shown_path(&self.root, path)
    }
}

/// `path` relative to `root` when it lies inside it, as people see it in their project.
pub(crate) fn shown_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}
