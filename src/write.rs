//! Stage 4, `write`: publish a finished build by swapping folders.
//!
//! A build renders into a staging folder next to the output folder. Only when the whole build
//! succeeded is the output replaced, by two renames; otherwise the output stays exactly as it
//! was. The output folder carries a marker file, and griffie refuses to replace a non-empty
//! folder without it (or one that holds the sources), so a mistyped `--output` can never delete
//! someone's work.
//!
//! Speed: creating and deleting tens of thousands of files dominates a large build on slow
//! disks. So the replaced output is not deleted but kept as `.<output>.previous`, and the next
//! build renders into it (overwriting files in folders that already exist), then prunes every
//! file it did not write. The published folder therefore holds exactly this build's files.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use rayon::prelude::*;

/// Marks a folder as griffie's output, safe to replace.
pub const MARKER: &str = ".griffie-output";
const MARKER_TEXT: &str = "This folder is written by `griffie build` and replaced on every build.\n";

/// A staging folder that becomes the output folder on [`Staging::publish`].
pub struct Staging {
    /// The marker of the earlier build whose files the staging folder still holds.
    earlier_marker: String,
    dir: PathBuf,
    target: PathBuf,
    previous: PathBuf,
}

impl Staging {
    /// Prepares the staging folder for `target`, after checking that `target` may be replaced.
    /// `protected` are folders the output must neither be nor contain (project, content, templates).
    pub fn create(target: &Path, protected: &[&Path]) -> anyhow::Result<Staging> {
        check_target(target, protected)?;
        let dir = sibling(target, "staging")?;
        let previous = sibling(target, "previous")?;
        let reusable = |folder: &Path| folder.join(MARKER).is_file();
        if dir.exists() && !reusable(&dir) {
            bail!(crate::t!("write.foreign_staging", path = dir.display()));
        }
        if !dir.exists() && reusable(&previous) {
            std::fs::rename(&previous, &dir)
                .with_context(|| crate::t!("write.cannot_reuse", path = previous.display()))?;
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| crate::t!("write.cannot_create_staging", path = dir.display()))?;
        let earlier_marker = std::fs::read_to_string(dir.join(MARKER)).unwrap_or_default();
        std::fs::write(dir.join(MARKER), MARKER_TEXT)?;
        Ok(Staging {
            earlier_marker,
            dir,
            target: target.to_path_buf(),
            previous,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The marker text of the earlier build whose files the folder holds (empty if none).
    pub fn earlier_marker(&self) -> &str {
        &self.earlier_marker
    }

    /// Adds `line` to the marker file (the manifest id, see [`crate::manifest`]).
    pub fn mark(&self, line: &str) -> io::Result<()> {
        std::fs::write(self.dir.join(MARKER), format!("{MARKER_TEXT}{line}"))
    }

    /// The folder the next build will render into: the output this build replaces.
    pub fn next_staging(&self) -> &Path {
        &self.previous
    }

    /// Removes every file of the staging folder that this build did not write (`written`:
    /// paths relative to the folder, with `/`), then swaps it in as the output folder.
    /// `earlier`: the files the folder held before this build, when known (from its manifest):
    /// then only those are looked at, instead of walking the whole folder.
    pub fn publish(self, written: &HashSet<String>, earlier: Option<&[String]>) -> anyhow::Result<()> {
        match earlier {
            Some(files) => prune_listed(&self.dir, files, written),
            None => prune(&self.dir, written),
        }
        if self.previous.exists() {
            std::fs::remove_dir_all(&self.previous)
                .with_context(|| crate::t!("write.cannot_remove", path = self.previous.display()))?;
        }
        let had_output = self.target.exists();
        if had_output {
            std::fs::rename(&self.target, &self.previous)
                .with_context(|| crate::t!("write.cannot_move_old", path = self.target.display()))?;
        }
        if let Err(err) = std::fs::rename(&self.dir, &self.target) {
            if had_output {
                // Put the previous output back: a failed publish must lose nothing.
                std::fs::rename(&self.previous, &self.target).ok();
            }
            return Err(err).with_context(|| crate::t!("write.cannot_move_new", path = self.target.display()));
        }
        Ok(())
    }
}

/// Deletes files not in `written` (in parallel: there can be tens of thousands), then folders
/// left empty. Best effort: whatever cannot be removed is tried again by the next build.
fn prune(dir: &Path, written: &HashSet<String>) {
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(dir)
        .contents_first(true)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    entries
        .par_iter()
        .filter(|e| !e.file_type().is_dir())
        .for_each(|entry| {
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let relative = relative.to_string_lossy().replace('\\', "/");
            if relative != MARKER && !written.contains(&relative) {
                std::fs::remove_file(entry.path()).ok();
            }
        });
    for entry in entries.iter().filter(|e| e.file_type().is_dir() && e.depth() > 0) {
        // Fails, as intended, for folders that still hold files.
        std::fs::remove_dir(entry.path()).ok();
    }
}

/// Deletes the files of `earlier` not in `written`, and the folders that leaves empty.
fn prune_listed(dir: &Path, earlier: &[String], written: &HashSet<String>) {
    let stale: Vec<&String> = earlier.iter().filter(|p| !written.contains(*p)).collect();
    stale.par_iter().for_each(|path| {
        std::fs::remove_file(dir.join(path)).ok();
    });
    for path in stale {
        // Fails, as intended, at the first folder that still holds files.
        let mut folder = Path::new(path.as_str()).parent();
        while let Some(relative) = folder.filter(|f| !f.as_os_str().is_empty()) {
            if std::fs::remove_dir(dir.join(relative)).is_err() {
                break;
            }
            folder = relative.parent();
        }
    }
}

/// `<parent>/.<name>.<suffix>`: on the same file system as `target`, so renames are atomic.
fn sibling(target: &Path, suffix: &str) -> anyhow::Result<PathBuf> {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .with_context(|| crate::t!("write.needs_name"))?;
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
            bail!(crate::t!(
                "write.protected",
                target = target.display(),
                folder = folder.display()
            ));
        }
    }
    if target.exists() && !target.join(MARKER).exists() && !is_empty_dir(target)? {
        bail!(crate::t!(
            "write.foreign_output",
            target = target.display(),
            marker = MARKER
        ));
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
        bail!(crate::t!("write.not_a_folder", path = path.display()));
    }
    Ok(std::fs::read_dir(path)?.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(paths: &[&str]) -> HashSet<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn publish_swaps_in_exactly_the_files_of_this_build() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let staging = Staging::create(&target, &[]).unwrap();
        std::fs::create_dir_all(staging.dir().join("a")).unwrap();
        std::fs::write(staging.dir().join("a/one.html"), "one").unwrap();
        std::fs::write(staging.dir().join("two.html"), "two").unwrap();
        staging.publish(&written(&["a/one.html", "two.html"]), None).unwrap();
        assert_eq!(std::fs::read_to_string(target.join("a/one.html")).unwrap(), "one");

        // The next build reuses the previous output's folder; files it does not write go.
        let staging = Staging::create(&target, &[]).unwrap();
        std::fs::write(staging.dir().join("two.html"), "TWO").unwrap();
        staging.publish(&written(&["two.html"]), None).unwrap();
        assert_eq!(std::fs::read_to_string(target.join("two.html")).unwrap(), "TWO");
        assert!(!target.join("a").exists(), "stale files and emptied folders are pruned");
        assert!(target.join(MARKER).is_file());
    }

    #[test]
    fn a_known_file_list_prunes_without_walking() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let staging = Staging::create(&target, &[]).unwrap();
        for file in ["a/v1/index.html", "a/v2/index.html", "b.html"] {
            std::fs::create_dir_all(staging.dir().join(file).parent().unwrap()).unwrap();
            std::fs::write(staging.dir().join(file), "x").unwrap();
        }
        staging
            .publish(&written(&["a/v1/index.html", "a/v2/index.html", "b.html"]), None)
            .unwrap();
        let _other = Staging::create(&target, &[]).unwrap().publish(&written(&[]), None);
        // The folder now reused holds the three files; this build keeps only a/v1.
        let staging = Staging::create(&target, &[]).unwrap();
        let earlier: Vec<String> = ["a/v1/index.html", "a/v2/index.html", "b.html"]
            .map(String::from)
            .to_vec();
        staging.publish(&written(&["a/v1/index.html"]), Some(&earlier)).unwrap();
        assert!(target.join("a/v1/index.html").is_file());
        assert!(!target.join("a/v2").exists(), "the emptied version folder goes too");
        assert!(!target.join("b.html").exists());
    }

    #[test]
    fn an_unpublished_staging_folder_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let staging = Staging::create(&target, &[]).unwrap();
        std::fs::write(staging.dir().join("a.html"), "one").unwrap();
        staging.publish(&written(&["a.html"]), None).unwrap();
        let staging = Staging::create(&target, &[]).unwrap();
        std::fs::write(staging.dir().join("a.html"), "broken").unwrap();
        drop(staging);
        assert_eq!(std::fs::read_to_string(target.join("a.html")).unwrap(), "one");
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
