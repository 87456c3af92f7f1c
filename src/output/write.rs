//! Stage 4, `write`: publish a finished build by swapping folders.
//!
//! A build renders into a staging folder next to the output folder. Only when the whole build
//! succeeded is the output replaced; otherwise the output stays exactly as it was. The output
//! folder carries a marker file, and griffie refuses to replace a non-empty folder without it
//! (or one that holds the sources), so a mistyped `--output` can never delete someone's work.
//!
//! **Atomic for readers.** On Linux the staging folder and the output folder trade places in one
//! step (`renameat2` with `RENAME_EXCHANGE`): at every moment `output/` is the whole old site or
//! the whole new one, never missing and never a mix, even when the build is killed halfway.
//! Where that call does not exist (other systems, or a file system without it) the fallback is
//! two renames, `output/` → `.output.previous`, then staging → `output/`: between the two,
//! for a moment, there is no `output/`, and a build killed exactly there leaves the old site in
//! `.output.previous` and the new one in the staging folder until the next build publishes.
//!
//! **Trusting the staging folder.** Speed: creating and deleting tens of thousands of files
//! dominates a large build on slow disks. So the replaced output is not deleted but becomes the
//! next build's staging folder, which renders into it (overwriting files in folders that
//! already exist), then prunes every file it did not write. The marker names the manifest
//! ([`crate::output::manifest`]) that says how each file there was made, and so which ones can be kept
//! unread. That is only true of a finished, pruned folder: a build first rewrites the marker
//! without that line, and names the new manifest only after pruning, just before the swap. A
//! build killed in between leaves a folder whose marker names no manifest, and the next build
//! then makes every file anew and walks the folder to prune it.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use rayon::prelude::*;

use crate::cache_file;

/// Marks a folder as griffie's output, safe to replace.
pub(crate) const MARKER: &str = ".griffie-output";
const MARKER_TEXT: &str = "This folder is written by `griffie build` and replaced on every build.\n";

/// A staging folder that becomes the output folder on [`Staging::publish`].
pub(crate) struct Staging {
    /// The marker of the earlier build whose files the staging folder still holds.
    earlier_marker: String,
    dir: PathBuf,
    target: PathBuf,
    previous: PathBuf,
}

impl Staging {
    /// Prepares the staging folder for `target`, after checking that `target` may be replaced.
    /// `protected` are folders the output must neither be nor contain (project, content, templates).
    ///
    /// Cleans up after a killed build: of a staging folder and a `.previous` one, only the
    /// first is kept; an empty staging folder (killed before its marker was written) is used.
    pub(crate) fn create(target: &Path, protected: &[&Path]) -> anyhow::Result<Staging> {
        check_target(target, protected)?;
        let dir = sibling(target, "staging")?;
        let previous = sibling(target, "previous")?;
        let reusable = |folder: &Path| folder.join(MARKER).is_file() || is_empty_dir(folder).unwrap_or(false);
        // A marker being written when a build was killed.
        cache_file::clean_temporaries(&dir);
        if dir.exists() && !reusable(&dir) {
            bail!(crate::t!("write.foreign_staging", path = dir.display()));
        }
        if dir.exists() && reusable(&previous) {
            std::fs::remove_dir_all(&previous)
                .with_context(|| crate::t!("write.cannot_remove", path = previous.display()))?;
        }
        if !dir.exists() && reusable(&previous) {
            std::fs::rename(&previous, &dir)
                .with_context(|| crate::t!("write.cannot_reuse", path = previous.display()))?;
        }
        // Nothing to reuse, but a published output: start from a linked copy of it, made under
        // another name and renamed into place only when whole (a killed copy is removed here).
        let linking = sibling(target, "linking")?;
        if linking.exists() {
            std::fs::remove_dir_all(&linking)
                .with_context(|| crate::t!("write.cannot_remove", path = linking.display()))?;
        }
        if !dir.exists() && target.join(MARKER).is_file() && link_copy(target, &linking) {
            std::fs::rename(&linking, &dir).ok();
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| crate::t!("write.cannot_create_staging", path = dir.display()))?;
        cache_file::clean_temporaries(&dir);
        let earlier_marker = std::fs::read_to_string(dir.join(MARKER)).unwrap_or_default();
        // From here until `publish` the folder's files are no longer those of its manifest.
        cache_file::replace(&dir.join(MARKER), MARKER_TEXT.as_bytes())
            .with_context(|| crate::t!("write.cannot_create_staging", path = dir.display()))?;
        Ok(Staging {
            earlier_marker,
            dir,
            target: target.to_path_buf(),
            previous,
        })
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The marker text of the earlier build whose files the folder holds (empty if none).
    pub(crate) fn earlier_marker(&self) -> &str {
        &self.earlier_marker
    }

    /// The folders next to the output that may hold an earlier build (the staging folder and
    /// `.previous`), with the output itself: whose manifests must be kept.
    pub(crate) fn folders(&self) -> [&Path; 3] {
        [&self.target, &self.dir, &self.previous]
    }

    /// Removes every file of the staging folder that this build did not write (`written`:
    /// paths relative to the folder, with `/`), names the manifest in the marker (`mark`: the
    /// marker line, see [`crate::output::manifest::marker_line`]) and swaps the folder in as the output.
    /// `earlier`: the files the folder held before this build, when known (from its manifest):
    /// then only those are looked at, instead of walking the whole folder.
    pub(crate) fn publish(
        self,
        written: &HashSet<String>,
        earlier: Option<&[String]>,
        mark: Option<&str>,
    ) -> anyhow::Result<()> {
        let left = match earlier {
            Some(files) => prune_listed(&self.dir, files, written),
            None => prune(&self.dir, written),
        };
        // A file this build did not make must not be published: it may be a withdrawn
        // document's. The output stays as it was.
        if let Some(file) = left.first() {
            bail!(crate::t!(
                "write.cannot_prune",
                path = file.display(),
                count = left.len()
            ));
        }
        // Only now does the folder hold exactly what the manifest lists.
        if let Some(line) = mark {
            let text = format!("{MARKER_TEXT}{line}");
            cache_file::replace(&self.dir.join(MARKER), text.as_bytes())
                .with_context(|| crate::t!("write.cannot_mark", path = self.dir.display()))?;
        }
        if self.previous.exists() {
            std::fs::remove_dir_all(&self.previous)
                .with_context(|| crate::t!("write.cannot_remove", path = self.previous.display()))?;
        }
        if !self.target.exists() {
            return std::fs::rename(&self.dir, &self.target)
                .with_context(|| crate::t!("write.cannot_move_new", path = self.target.display()));
        }
        match exchange(&self.dir, &self.target) {
            // The earlier output is now the staging folder, ready for the next build.
            Ok(()) => {
                cache_file::sync_folder(parent(&self.target)).ok();
                Ok(())
            }
            Err(err) if exchange_unsupported(&err) => self.publish_by_two_renames(),
            Err(err) => Err(err).with_context(|| crate::t!("write.cannot_move_new", path = self.target.display())),
        }
    }

    /// The fallback of [`exchange`]: `output/` is missing between the two renames.
    fn publish_by_two_renames(&self) -> anyhow::Result<()> {
        std::fs::rename(&self.target, &self.previous)
            .with_context(|| crate::t!("write.cannot_move_old", path = self.target.display()))?;
        if let Err(err) = std::fs::rename(&self.dir, &self.target) {
            // Put the previous output back: a failed publish must lose nothing.
            std::fs::rename(&self.previous, &self.target).ok();
            return Err(err).with_context(|| crate::t!("write.cannot_move_new", path = self.target.display()));
        }
        Ok(())
    }
}

/// A new, empty folder beside `target` (`.<name>.new`) to make a replacement of it in; what a
/// killed run left there is removed first.
pub(crate) fn replacement_folder(target: &Path) -> anyhow::Result<PathBuf> {
    let dir = sibling(target, "new")?;
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Puts the folder `new` (from [`replacement_folder`]) in the place of `target`: in one step
/// where the system can exchange folders, else by two renames; then removes the old folder.
pub(crate) fn replace_folder(new: &Path, target: &Path) -> anyhow::Result<()> {
    if !target.exists() {
        std::fs::rename(new, target)?;
        return Ok(());
    }
    match exchange(new, target) {
        Ok(()) => {
            std::fs::remove_dir_all(new)?;
            return Ok(());
        }
        Err(err) if exchange_unsupported(&err) => {}
        Err(err) => return Err(err.into()),
    }
    let old = sibling(target, "old")?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    std::fs::rename(target, &old)?;
    std::fs::rename(new, target)?;
    std::fs::remove_dir_all(&old)?;
    Ok(())
}

/// Swaps two folders in one step (Linux: `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt as _;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated strings that outlive the call; the system call
    // reads them and touches no memory of ours otherwise.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The kernel (before 3.15) or the file system cannot exchange: fall back to two renames.
fn exchange_unsupported(err: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(err.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)) {
        return true;
    }
    err.kind() == io::ErrorKind::Unsupported
}

/// Makes `copy` a copy of the folder `source` whose files are hard links to `source`'s, so a
/// build with no staging folder to reuse (a CI run that restored only `output/`) keeps what did
/// not change instead of making everything. Safe because a build never writes a file of its
/// staging folder in place ([`crate::output::DirOutput`] replaces it) and the marker is
/// replaced by rename. Anything that fails (another file system, no hard links) leaves no copy:
/// the build then starts from an empty folder, as it would have. `true` when the copy is whole.
fn link_copy(source: &Path, copy: &Path) -> bool {
    let linked = (|| -> io::Result<()> {
        // The folders first, in order; then the files, in parallel (tens of thousands of links).
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(source) {
            let entry = entry.map_err(io::Error::other)?;
            if entry.file_type().is_dir() {
                let relative = entry.path().strip_prefix(source).map_err(io::Error::other)?;
                std::fs::create_dir_all(copy.join(relative))?;
            } else if entry.file_type().is_file() {
                files.push(entry.into_path());
            }
        }
        files.par_iter().try_for_each(|file| {
            let relative = file.strip_prefix(source).map_err(io::Error::other)?;
            std::fs::hard_link(file, copy.join(relative))
        })
    })();
    if linked.is_err() && copy.exists() {
        std::fs::remove_dir_all(copy).ok();
    }
    linked.is_ok()
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Removes a stale file; the file if it is still there.
fn remove_stale(path: &Path) -> Option<PathBuf> {
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Some(path.to_path_buf()),
        _ => None,
    }
}

/// Deletes files not in `written` (in parallel: there can be tens of thousands), then folders
/// left empty; returns the files that could not be deleted.
fn prune(dir: &Path, written: &HashSet<String>) -> Vec<PathBuf> {
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(dir)
        .contents_first(true)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let left = entries
        .par_iter()
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let relative = relative.to_string_lossy().replace('\\', "/");
            let stale = relative != MARKER && !written.contains(&relative);
            stale.then(|| remove_stale(entry.path())).flatten()
        })
        .collect();
    for entry in entries.iter().filter(|e| e.file_type().is_dir() && e.depth() > 0) {
        // Fails, as intended, for folders that still hold files.
        std::fs::remove_dir(entry.path()).ok();
    }
    left
}

/// Deletes the files of `earlier` not in `written`, and the folders that leaves empty; returns
/// the files that could not be deleted.
fn prune_listed(dir: &Path, earlier: &[String], written: &HashSet<String>) -> Vec<PathBuf> {
    let stale: Vec<&String> = earlier.iter().filter(|p| !written.contains(*p)).collect();
    let left = stale
        .par_iter()
        .filter_map(|path| remove_stale(&dir.join(path)))
        .collect();
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
    left
}

/// `<parent>/.<name>.<suffix>`: on the same file system as `target`, so renames are atomic.
fn sibling(target: &Path, suffix: &str) -> anyhow::Result<PathBuf> {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .with_context(|| crate::t!("write.needs_name"))?;
    Ok(parent(target).join(format!(".{name}.{suffix}")))
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

    /// Writes as a build does ([`crate::output::DirOutput`]): a file of a staging folder may be
    /// a hard link to the output's, so it is replaced, never written through.
    fn put(path: &Path, text: &str) {
        std::fs::remove_file(path).ok();
        std::fs::write(path, text).unwrap();
    }

    fn written(paths: &[&str]) -> HashSet<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn publish_swaps_in_exactly_the_files_of_this_build() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let staging = Staging::create(&target, &[]).unwrap();
        std::fs::create_dir_all(staging.dir().join("a")).unwrap();
        put(&staging.dir().join("a/one.html"), "one");
        put(&staging.dir().join("two.html"), "two");
        staging
            .publish(&written(&["a/one.html", "two.html"]), None, None)
            .unwrap();
        assert_eq!(std::fs::read_to_string(target.join("a/one.html")).unwrap(), "one");

        // The next build reuses the previous output's folder; files it does not write go.
        let staging = Staging::create(&target, &[]).unwrap();
        put(&staging.dir().join("two.html"), "TWO");
        staging.publish(&written(&["two.html"]), None, None).unwrap();
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
            put(&staging.dir().join(file), "x");
        }
        staging
            .publish(&written(&["a/v1/index.html", "a/v2/index.html", "b.html"]), None, None)
            .unwrap();
        let _other = Staging::create(&target, &[])
            .unwrap()
            .publish(&written(&[]), None, None);
        // The folder now reused holds the three files; this build keeps only a/v1.
        let staging = Staging::create(&target, &[]).unwrap();
        let earlier: Vec<String> = ["a/v1/index.html", "a/v2/index.html", "b.html"]
            .map(String::from)
            .to_vec();
        staging
            .publish(&written(&["a/v1/index.html"]), Some(&earlier), None)
            .unwrap();
        assert!(target.join("a/v1/index.html").is_file());
        assert!(!target.join("a/v2").exists(), "the emptied version folder goes too");
        assert!(!target.join("b.html").exists());
    }

    #[test]
    fn an_unpublished_staging_folder_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let staging = Staging::create(&target, &[]).unwrap();
        put(&staging.dir().join("a.html"), "one");
        staging.publish(&written(&["a.html"]), None, None).unwrap();
        let staging = Staging::create(&target, &[]).unwrap();
        put(&staging.dir().join("a.html"), "broken");
        drop(staging);
        assert_eq!(std::fs::read_to_string(target.join("a.html")).unwrap(), "one");
    }

    #[test]
    fn the_old_output_becomes_the_next_staging_folder_with_its_marker() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        for (text, mark) in [("one", "manifest: m1\n"), ("two", "manifest: m2\n")] {
            let staging = Staging::create(&target, &[]).unwrap();
            put(&staging.dir().join("a.html"), text);
            staging.publish(&written(&["a.html"]), None, Some(mark)).unwrap();
        }
        assert_eq!(std::fs::read_to_string(target.join("a.html")).unwrap(), "two");
        let staging = sibling(&target, "staging").unwrap();
        if cfg!(target_os = "linux") {
            assert_eq!(std::fs::read_to_string(staging.join("a.html")).unwrap(), "one");
        }
        let reused = Staging::create(&target, &[]).unwrap();
        assert!(reused.earlier_marker().ends_with("manifest: m1\n"));
        let marker = std::fs::read_to_string(staging.join(MARKER)).unwrap();
        assert_eq!(
            marker, MARKER_TEXT,
            "while a build writes into it, the folder names no manifest"
        );
        assert!(std::fs::read_to_string(target.join(MARKER))
            .unwrap()
            .ends_with("manifest: m2\n"));
    }

    #[test]
    fn without_a_folder_to_reuse_the_output_is_linked_in_and_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let staging = Staging::create(&target, &[]).unwrap();
        std::fs::create_dir_all(staging.dir().join("a")).unwrap();
        put(&staging.dir().join("a/one.html"), "one");
        put(&staging.dir().join("two.html"), "two");
        staging
            .publish(&written(&["a/one.html", "two.html"]), None, Some("manifest: m1\n"))
            .unwrap();
        // What a CI run has: the published output, no staging folder.
        std::fs::remove_dir_all(sibling(&target, "staging").unwrap()).ok();
        let staging = Staging::create(&target, &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(staging.dir().join("a/one.html")).unwrap(),
            "one"
        );
        assert!(
            staging.earlier_marker().ends_with("manifest: m1\n"),
            "the output's manifest is reused"
        );
        let out = crate::output::DirOutput::new(staging.dir());
        crate::output::Output::write(&out, "a/one.html", b"ONE").unwrap();
        assert_eq!(
            std::fs::read_to_string(staging.dir().join("a/one.html")).unwrap(),
            "ONE"
        );
        assert_eq!(
            std::fs::read_to_string(target.join("a/one.html")).unwrap(),
            "one",
            "the published output is untouched"
        );
        assert!(std::fs::read_to_string(target.join(MARKER))
            .unwrap()
            .ends_with("manifest: m1\n"));
        drop(staging);
        assert_eq!(std::fs::read_to_string(target.join("two.html")).unwrap(), "two");
    }

    #[test]
    fn a_replacement_folder_takes_the_place_of_the_old_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("pakket");
        // What a killed run left beside the target does not get in the way.
        std::fs::create_dir(dir.path().join(".pakket.new")).unwrap();
        put(&dir.path().join(".pakket.new/half.xml"), "half");
        let new = replacement_folder(&target).unwrap();
        assert_eq!(std::fs::read_dir(&new).unwrap().count(), 0);
        put(&new.join("a.xml"), "one");
        replace_folder(&new, &target).unwrap();
        assert_eq!(std::fs::read_to_string(target.join("a.xml")).unwrap(), "one");
        let new = replacement_folder(&target).unwrap();
        put(&new.join("b.xml"), "two");
        replace_folder(&new, &target).unwrap();
        assert!(!target.join("a.xml").exists(), "nothing of the old folder stays");
        assert_eq!(std::fs::read_to_string(target.join("b.xml")).unwrap(), "two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["pakket"]);
    }

    #[test]
    fn the_two_renames_of_the_fallback_publish_too() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let staging = Staging::create(&target, &[]).unwrap();
        put(&staging.dir().join("a.html"), "one");
        staging.publish(&written(&["a.html"]), None, None).unwrap();
        let staging = Staging::create(&target, &[]).unwrap();
        put(&staging.dir().join("a.html"), "two");
        staging.publish_by_two_renames().unwrap();
        assert_eq!(std::fs::read_to_string(target.join("a.html")).unwrap(), "two");
        // The next build takes the old output from `.previous`.
        let next = Staging::create(&target, &[]).unwrap();
        assert_eq!(std::fs::read_to_string(next.dir().join("a.html")).unwrap(), "one");
        assert!(!sibling(&target, "previous").unwrap().exists());
    }

    #[test]
    fn leftovers_of_a_killed_build_do_not_block_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        // Killed between making the staging folder and writing its marker.
        std::fs::create_dir(sibling(&target, "staging").unwrap()).unwrap();
        // Killed between the two renames of the fallback, an older `.previous` beside it.
        let previous = sibling(&target, "previous").unwrap();
        std::fs::create_dir(&previous).unwrap();
        std::fs::write(previous.join(MARKER), MARKER_TEXT).unwrap();
        // A marker being replaced when the build was killed (no such process runs).
        let temporary = sibling(&target, "staging")
            .unwrap()
            .join(".griffie-output.4999999-0.tmp");
        std::fs::write(&temporary, "half").unwrap();
        let staging = Staging::create(&target, &[]).unwrap();
        assert!(!previous.exists(), "one folder to reuse is enough");
        if cfg!(target_os = "linux") {
            assert!(!temporary.exists());
        }
        put(&staging.dir().join("a.html"), "one");
        staging.publish(&written(&["a.html"]), None, None).unwrap();
        assert!(target.join("a.html").is_file());
    }

    #[test]
    fn a_stale_file_that_cannot_be_removed_stops_the_publish() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        let staging = Staging::create(&target, &[]).unwrap();
        put(&staging.dir().join("a.html"), "one");
        staging.publish(&written(&["a.html"]), None, None).unwrap();
        let staging = Staging::create(&target, &[]).unwrap();
        // Listed as a file by the manifest, but something else now: it can't be removed.
        std::fs::create_dir_all(staging.dir().join("stale.pdf/inside")).unwrap();
        put(&staging.dir().join("a.html"), "two");
        let earlier = vec!["stale.pdf".to_string()];
        let err = staging
            .publish(&written(&["a.html"]), Some(&earlier), Some("manifest: m\n"))
            .unwrap_err();
        assert!(err.to_string().contains("stale.pdf"), "{err}");
        assert_eq!(std::fs::read_to_string(target.join("a.html")).unwrap(), "one");
        let marker = std::fs::read_to_string(sibling(&target, "staging").unwrap().join(MARKER)).unwrap();
        assert!(!marker.contains("manifest"), "the folder names no manifest");
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
