//! What each file of an output folder was made from, so a rebuild can keep a file instead of
//! making it again.
//!
//! Why it exists: a versioned site has a page (and a PDF) per version of every document, and
//! most of them are the same from build to build. A renderer gives such a file a key: a hash of
//! everything that goes into it. The manifest of the folder being rebuilt says which key each
//! file was made with; a file with the same key is kept as it is, unread and unwritten.
//!
//! The manifest lives in the cache (`.griffie-cache/outputs/<output>/manifests/<id>`), not in the published
//! output; the output folder's marker file names it. Its id is the hash of its content, so the
//! marker, like every other output file, is the same for the same sources. It is written and
//! read through [`crate::cache_file`]: a missing, cut-short or altered manifest does not verify
//! and counts as none, which only means that everything is made anew and the folder is walked
//! to prune it. A manifest is trusted for what it promises: it lists every file of its folder,
//! so files it does not list are not looked for (see [`crate::output::write`] for when a marker names
//! one).

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::output::write::MARKER;

/// The line of the marker file that names the manifest.
const MARKER_LINE: &str = "manifest: ";

/// How a file was made: its key, and facts about it a page linking to it needs (a PDF's page
/// count and size), so a kept file never has to be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub key: String,
    pub meta: String,
}

/// Path (relative to the output folder, with `/`) → how that file was made.
#[derive(Debug, Default)]
pub(crate) struct Manifest {
    entries: HashMap<String, Entry>,
    /// Read from the cache: then it lists every file of its folder (not only keyed ones).
    known: bool,
}

impl Manifest {
    /// The manifest named by an output folder's marker text, or an empty one.
    pub(crate) fn load(cache: &Path, marker: &str) -> Manifest {
        let id = marker
            .lines()
            .find_map(|l| l.strip_prefix(MARKER_LINE).map(str::to_string));
        let text = id
            .and_then(|id| crate::cache_file::read(&manifest_path(cache, &id)))
            .and_then(|bytes| String::from_utf8(bytes).ok());
        let known = text.is_some();
        let entries = text
            .as_deref()
            .unwrap_or_default()
            .par_lines()
            .filter_map(|line| {
                let mut parts = line.splitn(3, '\t');
                let (path, key, meta) = (parts.next()?, parts.next()?, parts.next()?);
                Some((
                    path.to_string(),
                    Entry {
                        key: key.to_string(),
                        meta: meta.to_string(),
                    },
                ))
            })
            .collect();
        Manifest { entries, known }
    }

    /// Every file of the folder, when the manifest is known; `None`: the folder must be walked.
    pub(crate) fn files(&self) -> Option<Vec<String>> {
        self.known.then(|| self.entries.keys().cloned().collect())
    }

    /// Every file the manifest lists, in no order.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    pub(crate) fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    /// Saves `entries` in the cache; returns the id, for the marker line ([`marker_line`]).
    pub(crate) fn save(cache: &Path, entries: &BTreeMap<String, Entry>) -> io::Result<String> {
        let mut text = String::with_capacity(entries.len() * 100);
        for (path, entry) in entries {
            text.push_str(path);
            text.push('\t');
            text.push_str(&entry.key);
            text.push('\t');
            text.push_str(&entry.meta);
            text.push('\n');
        }
        let id = blake3::hash(text.as_bytes()).to_hex()[..32].to_string();
        let path = manifest_path(cache, &id);
        std::fs::create_dir_all(path.parent().unwrap_or(cache))?;
        crate::cache_file::write(&path, text.as_bytes())?;
        Ok(id)
    }

    /// Removes every manifest not named by the markers of `folders` (the output and the folders
    /// beside it that a later build may reuse).
    pub(crate) fn prune(cache: &Path, folders: &[&Path]) {
        let keep: Vec<String> = folders
            .iter()
            .filter_map(|folder| std::fs::read_to_string(folder.join(MARKER)).ok())
            .filter_map(|text| {
                text.lines()
                    .find_map(|l| l.strip_prefix(MARKER_LINE).map(str::to_string))
            })
            .collect();
        let Ok(entries) = std::fs::read_dir(cache.join("manifests")) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !keep.contains(&name) && !crate::cache_file::is_temporary(&name) {
                std::fs::remove_file(entry.path()).ok();
            }
        }
    }
}

/// The cache folder for the manifests of the output folder `output`: one per output folder, so
/// builds into different folders never prune each other's manifests. An output folder inside
/// the project is named by its path in the project, so a clone elsewhere with the cache and the
/// output restored (a CI run) finds them; the manifest a marker names is found by its content's
/// hash either way, so a folder can only ever be matched with its own manifest.
pub(crate) fn folder_for(cache: &Path, output: &Path) -> PathBuf {
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let output = absolute(output);
    let project = cache.parent().map(absolute);
    let name = match project.as_deref().and_then(|root| output.strip_prefix(root).ok()) {
        Some(inside) => format!("project:{}", inside.to_string_lossy()),
        None => output.to_string_lossy().into_owned(),
    };
    let name = blake3::hash(name.as_bytes()).to_hex()[..16].to_string();
    cache.join("outputs").join(name)
}

/// The marker file's line naming manifest `id`.
pub(crate) fn marker_line(id: &str) -> String {
    format!("{MARKER_LINE}{id}\n")
}

fn manifest_path(cache: &Path, id: &str) -> PathBuf {
    cache.join("manifests").join(id)
}

/// A key from the parts that make a file: each part is length-prefixed, so no two different
/// lists of parts give the same bytes.
pub(crate) fn key(parts: &[&[u8]]) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().to_hex()[..32].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_inside_the_project_has_the_same_manifests_in_a_clone_elsewhere() {
        let here = folder_for(Path::new("/ci/a/site/.griffie-cache"), Path::new("/ci/a/site/output"));
        let there = folder_for(Path::new("/ci/b/site/.griffie-cache"), Path::new("/ci/b/site/output"));
        assert_eq!(
            here,
            Path::new("/ci/a/site/.griffie-cache/outputs").join(here.file_name().unwrap())
        );
        assert_eq!(here.file_name(), there.file_name());
        let public = folder_for(Path::new("/ci/a/site/.griffie-cache"), Path::new("/ci/a/site/public"));
        assert_ne!(here.file_name(), public.file_name(), "each output folder has its own");
        let outside = folder_for(Path::new("/ci/a/site/.griffie-cache"), Path::new("/srv/www"));
        assert_ne!(here.file_name(), outside.file_name());
    }

    #[test]
    fn a_saved_manifest_is_found_through_the_marker() {
        let dir = tempfile::tempdir().unwrap();
        let (cache, folder) = (dir.path().join("cache"), dir.path().join("out"));
        std::fs::create_dir_all(&folder).unwrap();
        let mut entries = BTreeMap::new();
        entries.insert(
            "a/index.html".to_string(),
            Entry {
                key: "k1".into(),
                meta: "2 41000".into(),
            },
        );
        let id = Manifest::save(&cache, &entries).unwrap();
        std::fs::write(folder.join(MARKER), format!("griffie\n{}", marker_line(&id))).unwrap();
        let marker = std::fs::read_to_string(folder.join(MARKER)).unwrap();
        let manifest = Manifest::load(&cache, &marker);
        assert_eq!(manifest.get("a/index.html").unwrap().meta, "2 41000");
        Manifest::prune(&cache, &[]);
        assert!(
            Manifest::load(&cache, &marker).get("a/index.html").is_none(),
            "pruned when unnamed"
        );
    }

    #[test]
    fn a_manifest_cut_short_is_no_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        let entries: BTreeMap<String, Entry> = (0..50)
            .map(|i| {
                let entry = Entry {
                    key: format!("k{i}"),
                    meta: String::new(),
                };
                (format!("documenten/d{i}/index.html"), entry)
            })
            .collect();
        let id = Manifest::save(&cache, &entries).unwrap();
        let marker = marker_line(&id);
        assert_eq!(Manifest::load(&cache, &marker).files().map(|f| f.len()), Some(50));
        let path = manifest_path(&cache, &id);
        let whole = std::fs::read(&path).unwrap();
        for cut in [0, whole.len() / 2, whole.len() - 1] {
            std::fs::write(&path, &whole[..cut]).unwrap();
            let manifest = Manifest::load(&cache, &marker);
            // Unknown: the build walks the folder instead of trusting a partial list.
            assert_eq!(manifest.files(), None, "cut at {cut}");
            assert!(manifest.get("documenten/d0/index.html").is_none());
        }
    }

    #[test]
    fn keys_separate_their_parts() {
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        assert_eq!(key(&[b"ab", b"c"]), key(&[b"ab", b"c"]));
    }
}
