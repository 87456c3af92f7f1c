//! A PDF is rebuilt only when its inputs changed: compiled PDFs are kept under
//! `.griffie-cache/pdf/`, named by a hash of everything that shapes them (griffie's version, the
//! templates, the document's data). The folder survives between builds; a build prunes the
//! entries it no longer uses.
//!
//! An entry is one file, `<key>.entry`: the page count (u32, little-endian) and the PDF's bytes,
//! written and read through [`crate::cache_file`]. The key names the inputs, not the bytes, so
//! it cannot tell a PDF cut short by a killed build from a whole one; the file's own length and
//! checksum do, and an entry that does not verify is made again.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Pdf;
use crate::cache_file;

const EXTENSION: &str = "entry";

pub(crate) struct PdfCache {
    dir: PathBuf,
    /// `check` reads the cache but never writes.
    writable: bool,
    used: Mutex<HashSet<String>>,
}

impl PdfCache {
    pub(crate) fn new(dir: &Path, writable: bool) -> PdfCache {
        PdfCache {
            dir: dir.to_path_buf(),
            writable,
            used: Mutex::new(HashSet::new()),
        }
    }

    /// Keeps entry `key` through this build's [`prune`](PdfCache::prune) although the build did
    /// not read it: its PDF is in the output, kept from an earlier build, and a build without
    /// that output (a CI run with only the cache restored) needs the entry.
    pub(crate) fn keep(&self, key: &str) {
        if key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
            self.mark_used(key);
        }
    }

    fn mark_used(&self, key: &str) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.to_string());
        }
    }

    fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.{EXTENSION}"))
    }

    pub(crate) fn get(&self, key: &str) -> Option<Pdf> {
        let mut bytes = cache_file::read(&self.entry(key))?;
        let pages = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
        bytes.drain(..4);
        self.mark_used(key);
        Some(Pdf {
            bytes,
            pages,
            cache_key: key.to_string(),
        })
    }

    /// Stores a PDF. Best effort: a cache that cannot be written only makes the next build slower.
    pub(crate) fn put(&self, key: &str, pdf: &Pdf) {
        self.mark_used(key);
        let Ok(pages) = u32::try_from(pdf.pages) else {
            return;
        };
        if !self.writable || std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let mut contents = Vec::with_capacity(4 + pdf.bytes.len());
        contents.extend_from_slice(&pages.to_le_bytes());
        contents.extend_from_slice(&pdf.bytes);
        cache_file::write(&self.entry(key), &contents).ok();
    }

    /// Removes entries this build did not use, and files of older cache formats.
    pub(crate) fn prune(&self) {
        if !self.writable {
            return;
        }
        let Ok(used) = self.used.lock() else { return };
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let in_use = name
                .strip_suffix(EXTENSION)
                .and_then(|stem| stem.strip_suffix('.'))
                .is_some_and(|key| used.contains(key));
            if !in_use && !cache_file::is_temporary(&name) {
                std::fs::remove_file(entry.path()).ok();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_cut_short_is_made_again_and_unused_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PdfCache::new(dir.path(), true);
        let pdf = Pdf {
            bytes: b"%PDF-1.7 ... %%EOF".to_vec(),
            pages: 2,
            cache_key: String::new(),
        };
        cache.put("k1", &pdf);
        cache.put("k2", &pdf);
        let got = cache.get("k1").unwrap();
        assert_eq!((got.bytes, got.pages), (pdf.bytes.clone(), 2));

        let path = dir.path().join("k1.entry");
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 10]).unwrap();
        assert!(PdfCache::new(dir.path(), true).get("k1").is_none());

        // A new build uses only k2; k1 and a file of the older format go.
        std::fs::write(dir.path().join("k2.pdf"), "old format").unwrap();
        let next = PdfCache::new(dir.path(), true);
        assert!(next.get("k2").is_some());
        next.prune();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["k2.entry"]);
    }

    #[test]
    fn a_kept_entry_survives_a_build_that_did_not_read_it() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = Pdf {
            bytes: b"%PDF-1.7 ... %%EOF".to_vec(),
            pages: 1,
            cache_key: String::new(),
        };
        let (kept, read, unused) = ("a".repeat(64), "b".repeat(64), "c".repeat(64));
        let first = PdfCache::new(dir.path(), true);
        for key in [&kept, &read, &unused] {
            first.put(key, &pdf);
        }
        let next = PdfCache::new(dir.path(), true);
        assert_eq!(next.get(&read).unwrap().cache_key, read);
        next.keep(&kept);
        next.keep("../not-a-key");
        next.prune();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [format!("{kept}.entry"), format!("{read}.entry")]);
    }
}
