//! Stage 4, `write`: publish a finished build by swapping folders.
//!
//! A build renders into a staging folder next to the output folder. Only when the whole build
//! succeeded is the old output replaced, by two renames; otherwise the staging folder is removed
//! and the previous output stays exactly as it was. The output folder carries a marker file, and
//! griffie refuses to replace a non-empty folder without it (or one that holds the sources), so
//! a mistyped `--output` can never delete someone's work.

use std::io;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

/// Marks a folder as griffie's output, safe to replace.
pub const MARKER: &str = ".griffie-output";
const MARKER_TEXT: &str = "This folder is written by `griffie build` and replaced on every build.\n";

/// A staging folder that becomes the output folder on [`Staging::publish`], and is removed when
/// dropped unpublished.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    published: bool,
}

impl Staging {
    /// Prepares a fresh staging folder for `target`, after checking that `target` may be replaced.
    /// `protected` are folders the output must neither be nor contain (project, content, templates).
    pub fn create(target: &Path, protected: &[&Path]) -> anyhow::Result<Staging> {
        check_target(target, protected)?;
        let dir = sibling(target, "staging")?;
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot remove the old staging folder {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create the staging folder {}", dir.display()))?;
        std::fs::write(dir.join(MARKER), MARKER_TEXT)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            published: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces the output folder with the staging folder.
    pub fn publish(mut self) -> anyhow::Result<()> {
        let old = sibling(&self.target, "old")?;
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        let had_output = self.target.exists();
        if had_output {
            std::fs::rename(&self.target, &old)
                .with_context(|| format!("cannot move the old output {} aside", self.target.display()))?;
        }
        if let Err(err) = std::fs::rename(&self.dir, &self.target) {
            if had_output {
                // Put the previous output back: a failed publish must lose nothing.
                std::fs::rename(&old, &self.target).ok();
            }
            return Err(err).with_context(|| format!("cannot move the new site into {}", self.target.display()));
        }
        self.published = true;
        if had_output {
            std::fs::remove_dir_all(&old).ok();
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            std::fs::remove_dir_all(&self.dir).ok();
        }
    }
}

/// `<parent>/.<name>.<suffix>`: on the same file system as `target`, so renames are atomic.
fn sibling(target: &Path, suffix: &str) -> anyhow::Result<PathBuf> {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .context("the output folder needs a name")?;
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{name}.{suffix}")))
}

fn check_target(target: &Path, protected: &[&Path]) -> anyhow::Result<()> {
    let target_abs = absolute(target)?;
    for folder in protected {
        let folder = absolute(folder)?;
        if folder.starts_with(&target_abs) {
            bail!(
                "refusing to use {} as output folder: it is or contains {}, which would be deleted",
                target.display(),
                folder.display()
            );
        }
    }
    if target.exists() && !target.join(MARKER).exists() && !is_empty_dir(target)? {
        bail!(
            "refusing to replace {}: it is not empty and was not made by griffie (no {MARKER} file). \
             Choose another --output folder, or empty this one first",
            target.display()
        );
    }
    Ok(())
}

fn absolute(path: &Path) -> io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    // Resolve `..` and symlinks where the path exists, so comparisons are meaningful.
    Ok(path.canonicalize().unwrap_or(path))
}

fn is_empty_dir(path: &Path) -> anyhow::Result<bool> {
    if !path.is_dir() {
        bail!("{} exists and is not a folder", path.display());
    }
    Ok(std::fs::read_dir(path)?.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_replaces_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let staging = Staging::create(&target, &[]).unwrap();
        std::fs::write(staging.dir().join("a.html"), "one").unwrap();
        staging.publish().unwrap();
        assert_eq!(std::fs::read_to_string(target.join("a.html")).unwrap(), "one");

        let staging = Staging::create(&target, &[]).unwrap();
        std::fs::write(staging.dir().join("a.html"), "two").unwrap();
        drop(staging);
        assert_eq!(std::fs::read_to_string(target.join("a.html")).unwrap(), "one");
        assert!(!dir.path().join(".output.staging").exists());
    }

    #[test]
    fn refuses_foreign_or_source_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "x").unwrap();
        assert!(
            Staging::create(dir.path(), &[]).is_err(),
            "non-empty folder without marker"
        );
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        assert!(
            Staging::create(dir.path(), &[&content]).is_err(),
            "contains the sources"
        );
    }
}
