//! Finding the git repository that holds the content folder, and where the folder sits in it.

use std::path::Path;

/// An open repository and the path of the content folder inside its work tree.
pub(super) struct OpenRepo {
    pub repo: gix::Repository,
    /// Path components from the work tree root to the content folder (empty: the root itself).
    pub content_prefix: Vec<String>,
}

/// Opens the repository whose work tree contains `content_dir`. `Ok(None)`: there is none.
/// `Err`: there is one, but it cannot be used (the reason, for the build's note).
pub(super) fn open(content_dir: &Path) -> Result<Option<OpenRepo>, String> {
    let start = content_dir
        .canonicalize()
        .map_err(|err| crate::t!("history.cannot_read", path = content_dir.display(), error = err))?;
    if !start.ancestors().any(|folder| folder.join(".git").exists()) {
        return Ok(None);
    }
    let repo = gix::discover(&start).map_err(|err| crate::t!("history.cannot_open", error = err))?;
    let Some(workdir) = repo.workdir() else {
        return Err(crate::t!("history.bare"));
    };
    let workdir = workdir
        .canonicalize()
        .map_err(|err| crate::t!("history.cannot_read_work_tree", path = workdir.display(), error = err))?;
    let relative = start.strip_prefix(&workdir).map_err(|_| {
        crate::t!(
            "history.outside_work_tree",
            path = start.display(),
            work_tree = workdir.display()
        )
    })?;
    let mut content_prefix = Vec::new();
    for component in relative.components() {
        match component.as_os_str().to_str() {
            Some(name) => content_prefix.push(name.to_string()),
            None => return Err(crate::t!("history.path_not_utf8", path = relative.display())),
        }
    }
    Ok(Some(OpenRepo { repo, content_prefix }))
}
