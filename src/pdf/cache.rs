//! A PDF is rebuilt only when its inputs changed: compiled PDFs are kept under
//! `.griffie-cache/pdf/`, named by a hash of everything that shapes them (griffie's version, the
//! templates, the document's data). The folder survives between builds; a build prunes the
//! entries it no longer uses.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Pdf;

pub struct PdfCache {
    dir: PathBuf,
    /// `check` reads the cache but never writes.
    writable: bool,
    used: Mutex<HashSet<String>>,
}

impl PdfCache {
    pub fn new(dir: &Path, writable: bool) -> PdfCache {
        PdfCache {
            dir: dir.to_path_buf(),
            writable,
            used: Mutex::new(HashSet::new()),
        }
    }

    fn mark_used(&self, key: &str) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.to_string());
        }
    }

    pub fn get(&self, key: &str) -> Option<Pdf> {
        let bytes = std::fs::read(self.dir.join(format!("{key}.pdf"))).ok()?;
        let pages = std::fs::read_to_string(self.dir.join(format!("{key}.pages")))
            .ok()?
            .trim()
            .parse()
            .ok()?;
        self.mark_used(key);
        Some(Pdf { bytes, pages })
    }

    /// Stores a PDF. Best effort: a cache that cannot be written only makes the next build slower.
    pub fn put(&self, key: &str, pdf: &Pdf) {
        self.mark_used(key);
        if !self.writable || std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        // Write under a temporary name and rename, so an interrupted build never leaves a
        // truncated PDF that a later build would trust. The page count goes last: it marks the
        // entry complete.
        let write = |name: String, bytes: &[u8]| {
            let temp = self.dir.join(format!("{name}.tmp"));
            std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, self.dir.join(name)))
        };
        if write(format!("{key}.pdf"), &pdf.bytes).is_ok() {
            write(format!("{key}.pages"), pdf.pages.to_string().as_bytes()).ok();
        }
    }

    /// Removes entries this build did not use.
    pub fn prune(&self) {
        if !self.writable {
            return;
        }
        let Ok(used) = self.used.lock() else { return };
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let key = name.split('.').next().unwrap_or_default();
            if !used.contains(key) {
                std::fs::remove_file(entry.path()).ok();
            }
        }
    }
}
