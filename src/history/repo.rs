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
        .map_err(|err| format!("cannot read {}: {err}", content_dir.display()))?;
    if !start.ancestors().any(|folder| folder.join(".git").exists()) {
        return Ok(None);
    }
    let repo = gix::discover(&start).map_err(|err| format!("cannot open the git repository: {err}"))?;
    let Some(workdir) = repo.workdir() else {
        return Err("the git repository has no work tree (a bare repository)".to_string());
    };
    let workdir = workdir
        .canonicalize()
        .map_err(|err| format!("cannot read the work tree {}: {err}", workdir.display()))?;
    let relative = start
        .strip_prefix(&workdir)
        .map_err(|_| format!("{} is not inside the work tree {}", start.display(), workdir.display()))?;
    let mut content_prefix = Vec::new();
    for component in relative.components() {
        match component.as_os_str().to_str() {
            Some(name) => content_prefix.push(name.to_string()),
            None => return Err(format!("the path {} is not valid UTF-8", relative.display())),
        }
    }
    Ok(Some(OpenRepo { repo, content_prefix }))
}
