//! The search index is made again only when what it is made from changed: Pagefind takes 10 to
//! 12 s for 10,000 documents, the rest of a `--no-pdf` build about 1.5 s.
//!
//! There is one entry per year's index (see [`crate::search`]), so a commit that changes one
//! document makes one year's index again. The key is a blake3 hash of every record of that
//! year in index order (see [`crate::search::shards`]), the index's folder, Pagefind's
//! version, the language and the options griffie gives it, and which of its files griffie
//! leaves out; the entry is the index's files exactly as Pagefind made them, in one pack file
//! `.griffie-cache/search/<key>.pack`. A hit writes those bytes through the build's
//! `Output`, a miss makes them with Pagefind and stores them: both give the same bytes, because
//! Pagefind's output is a function of its input (tested in `search/mod.rs` and `tests/testsuite/search.rs`),
//! so a build without the cache is byte-identical to one with it.
//!
//! The pack is written and read through [`crate::cache_file`] (temporary name, fsync, rename;
//! length and checksum), so an interrupted build never leaves an entry that a later build would
//! trust: one cut short, even exactly between two of its files, is a miss. The entries of the
//! latest build stay, and the newest [`KEEP`] others (indexes a preview went through).

use std::path::{Path, PathBuf};

use crate::search::{Files, Record, UNUSED};

/// The version of the `pagefind` crate (pinned in `Cargo.toml`; a test holds the two equal).
pub(crate) const PAGEFIND_VERSION: &str = "1.6.0";

/// What else shapes the files: bump when griffie changes how it calls Pagefind.
const FORMAT: &str = "griffie-search-cache-1 keep_index_url=true";

/// Entries kept besides those of the current build: the newest few before them (undoing an
/// edit in `griffie serve` finds the year's index of before the edit).
const KEEP: usize = 8;

/// The cache key of the index of `records` in `language`, in the site's folder `folder`.
pub(crate) fn key(records: &[Record], language: &str, folder: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(FORMAT.as_bytes());
    field(PAGEFIND_VERSION.as_bytes());
    field(language.as_bytes());
    field(folder.as_bytes());
    for unused in UNUSED {
        field(unused.as_bytes());
    }
    for record in records {
        // BTreeMaps and Vecs: one serialisation per record.
        field(&serde_json::to_vec(record).unwrap_or_default());
    }
    hasher.finalize().to_hex().to_string()
}

/// The folder of entries, under `.griffie-cache/`.
pub(crate) struct SearchCache {
    dir: PathBuf,
}

impl SearchCache {
    pub(crate) fn new(dir: &Path) -> SearchCache {
        SearchCache { dir: dir.to_path_buf() }
    }

    fn pack(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.pack"))
    }

    /// The files stored under `key`, if there is a whole entry.
    pub(crate) fn get(&self, key: &str) -> Option<Files> {
        let path = self.pack(key);
        let bytes = crate::cache_file::read(&path)?;
        let files = unpack(&bytes)?;
        // Used now: the newest entries stay.
        if let Ok(file) = std::fs::File::options().append(true).open(&path) {
            file.set_modified(std::time::SystemTime::now()).ok();
        }
        Some(files)
    }

    /// Stores `files` under `key` and removes all but the newest entries. Best effort: a cache
    /// that cannot be written only makes the next build slower.
    pub(crate) fn put(&self, key: &str, files: &Files) {
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        crate::cache_file::write(&self.pack(key), &pack(files)).ok();
    }

    /// Removes every entry but those in `used` (the current build's) and the [`KEEP`] newest
    /// others.
    pub(crate) fn prune(&self, used: &std::collections::HashSet<String>) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut packs: Vec<(std::time::SystemTime, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "pack"))
            .filter(|e| !crate::cache_file::is_temporary(&e.file_name().to_string_lossy()))
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                !used.contains(name.strip_suffix(".pack").unwrap_or(&name))
            })
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        packs.sort_by(|a, b| b.cmp(a));
        for (_, path) in packs.into_iter().skip(KEEP) {
            std::fs::remove_file(path).ok();
        }
    }
}

/// Per file: the path's length (u32, little-endian), the path, the contents' length (u64) and
/// the contents.
fn pack(files: &Files) -> Vec<u8> {
    let size: usize = files.iter().map(|(p, b)| 12 + p.len() + b.len()).sum();
    let mut out = Vec::with_capacity(size);
    for (path, bytes) in files {
        out.extend_from_slice(&(path.len() as u32).to_le_bytes());
        out.extend_from_slice(path.as_bytes());
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

/// [`pack`] read back; `None` for anything cut short or malformed.
fn unpack(mut bytes: &[u8]) -> Option<Files> {
    let mut files = Vec::new();
    let take = |bytes: &mut &[u8], n: usize| -> Option<Vec<u8>> {
        let (head, rest) = (bytes.get(..n)?, bytes.get(n..)?);
        *bytes = rest;
        Some(head.to_vec())
    };
    while !bytes.is_empty() {
        let len = u32::from_le_bytes(take(&mut bytes, 4)?.try_into().ok()?) as usize;
        let path = String::from_utf8(take(&mut bytes, len)?).ok()?;
        let len = usize::try_from(u64::from_le_bytes(take(&mut bytes, 8)?.try_into().ok()?)).ok()?;
        let contents = take(&mut bytes, len)?;
        files.push((path, contents));
    }
    (!files.is_empty()).then_some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        vec![
            ("pagefind/a.pf_fragment".to_string(), vec![1, 2, 3]),
            ("pagefind/pagefind.js".to_string(), b"export {}".to_vec()),
        ]
    }

    #[test]
    fn a_pack_reads_back_whole_or_not_at_all() {
        let packed = pack(&files());
        assert_eq!(unpack(&packed), Some(files()));
        assert_eq!(unpack(&packed[..packed.len() - 1]), None);
        assert_eq!(unpack(&[]), None);
    }

    #[test]
    fn a_pack_cut_between_two_files_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = SearchCache::new(dir.path());
        cache.put("k", &files());
        let path = dir.path().join("k.pack");
        let first_file_only = pack(&files()[..1].to_vec());
        assert!(unpack(&first_file_only).is_some(), "the pack format alone can't tell");
        std::fs::write(&path, &first_file_only).unwrap();
        assert_eq!(cache.get("k"), None);
    }

    #[test]
    fn prunes_to_the_used_entries_and_the_newest_others() {
        let dir = tempfile::tempdir().unwrap();
        let cache = SearchCache::new(dir.path());
        let keys: Vec<String> = (0..KEEP + 3).map(|n| format!("k{n}")).collect();
        for key in &keys {
            cache.put(key, &files());
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        // The oldest is in use: it stays although KEEP newer ones exist.
        let used = std::collections::HashSet::from([keys[0].clone()]);
        cache.prune(&used);
        assert_eq!(cache.get(&keys[0]), Some(files()));
        assert_eq!(cache.get(&keys[1]), None, "the oldest unused entries went");
        assert_eq!(cache.get(&keys[2]), None);
        assert_eq!(cache.get(&keys[KEEP + 2]), Some(files()));
        let left = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, KEEP + 1);
    }

    #[test]
    fn the_pinned_pagefind_is_the_one_in_the_key() {
        let lock = include_str!("../../Cargo.lock");
        let at = lock.find("name = \"pagefind\"\n").expect("pagefind is a dependency");
        let version = lock[at..].lines().nth(1).unwrap_or_default();
        assert_eq!(version, format!("version = \"{PAGEFIND_VERSION}\""));
    }
}
