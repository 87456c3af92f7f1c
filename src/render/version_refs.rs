//! What each committed version of a document refers to, so that a version page's key names
//! exactly the documents it shows something of.
//!
//! A version page shows an old text with today's site: the identifiers in its text link to the
//! documents that carry them now (by their current title), and its facts name the documents it
//! responds to, settles and refers to by their current titles (the diff shows the facts of the
//! version before it too). Keying every version page by the titles of all documents meant that
//! renaming one document made all ten thousand version pages again. The page's key holds what
//! today's site answers for the references of the version and of the one before it, so only
//! the pages that name the renamed document change.
//!
//! Finding a version's references means reading and parsing its blob, which is what keeping
//! the page saves; a blob's content never changes, so its references are kept by blob id: in
//! memory for the process and between builds in `.griffie-cache/versions/refs.json`, written
//! and read through [`crate::cache_file`] (a missing, old, cut-short or altered file means
//! reading the blobs again; the keys are the same either way).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::document_versions::VersionRef;
use crate::history::{BlobReader, ObjectId};
use crate::resolve::Site;
use crate::source::SourceKind;

/// Bump when the saved shape or what counts as a reference changes.
const FORMAT: u32 = 1;
const FILE: &str = "refs.json";
/// At most this many blobs are kept in the file; a larger archive reads the rest again.
const MAX_SAVED: usize = 1_000_000;

/// What one version refers to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Refs {
    /// The ids in `responds_to`, `settles` and `references`, in order.
    pub ids: Vec<String>,
    /// The normal forms of the identifier-shaped pieces of its text, sorted.
    pub identifiers: Vec<String>,
}

impl Refs {
    /// The references of a version's source at `path`: none when it does not read as a
    /// document (its page shows the file as text).
    pub(crate) fn read(path: &str, bytes: Vec<u8>) -> Refs {
        let shown = Path::new(path);
        let Some(doc) = SourceKind::of(shown).and_then(|kind| crate::load::read_bytes(shown, bytes, kind).0) else {
            return Refs::default();
        };
        let ids = doc
            .responds_to
            .iter()
            .chain(&doc.settles)
            .chain(&doc.references)
            .map(|r| r.value.clone())
            .collect();
        let identifiers = doc
            .body()
            .map(crate::markdown::identifier_candidates)
            .unwrap_or_default();
        Refs { ids, identifiers }
    }

    /// What today's `site` answers for these references: each id's document title (or that
    /// there is none), each identifier's document id and title. Part of a page key.
    pub(crate) fn resolution(&self, site: &Site) -> String {
        let mut out = String::new();
        for id in &self.ids {
            let title = site.index.position(id).map(|p| site.documents[p].public_title());
            out.push_str(&format!("id\t{id}\t{title:?}\n"));
        }
        for normal in &self.identifiers {
            let target = site.index.by_identifier(normal).map(|p| {
                let doc = &site.documents[p];
                (doc.id.as_str(), doc.public_title())
            });
            out.push_str(&format!("identifier\t{normal}\t{target:?}\n"));
        }
        out
    }
}

/// References by blob id.
fn known() -> &'static Mutex<HashMap<ObjectId, Arc<Refs>>> {
    static KNOWN: OnceLock<Mutex<HashMap<ObjectId, Arc<Refs>>>> = OnceLock::new();
    KNOWN.get_or_init(Default::default)
}

/// Something was learnt since the cache file was last read or written.
static ADDED: AtomicBool = AtomicBool::new(false);

/// The references of `version`: known already, or read from git once. `None` when its blob
/// cannot be read (no reader, a shallow clone): then nothing is known of what its page shows.
pub(crate) fn of(reader: Option<&mut BlobReader>, version: &VersionRef) -> Option<Arc<Refs>> {
    if let Some(refs) = known().lock().ok().and_then(|k| k.get(&version.blob).cloned()) {
        return Some(refs);
    }
    let bytes = reader.and_then(|r| r.read(version.blob))?;
    let refs = Arc::new(Refs::read(&version.path, bytes));
    if let Ok(mut known) = known().lock() {
        known.insert(version.blob, refs.clone());
        ADDED.store(true, Ordering::Relaxed);
    }
    Some(refs)
}

/// Adds what `dir` holds from earlier builds to what the process knows.
pub(crate) fn load(dir: &Path) {
    let Some(saved) = crate::cache_file::read_json::<BTreeMap<String, Refs>>(&dir.join(FILE), FORMAT) else {
        return;
    };
    let Ok(mut known) = known().lock() else {
        return;
    };
    for (blob, refs) in saved {
        if let Ok(blob) = ObjectId::from_hex(blob.as_bytes()) {
            known.entry(blob).or_insert_with(|| Arc::new(refs));
        }
    }
}

/// Writes what the process knows to `dir`, if it learnt something; failures are ignored (the
/// next build reads the blobs again).
pub(crate) fn save(dir: &Path) {
    if !ADDED.swap(false, Ordering::Relaxed) {
        return;
    }
    let refs: BTreeMap<String, Refs> = match known().lock() {
        Ok(known) => known
            .iter()
            .map(|(blob, refs)| (blob.to_string(), Refs::clone(refs)))
            .collect(),
        Err(_) => return,
    };
    let refs: BTreeMap<String, Refs> = refs.into_iter().take(MAX_SAVED).collect();
    crate::cache_file::write_json(&dir.join(FILE), FORMAT, &refs);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_refers_to_the_ids_of_its_relations_and_the_identifiers_of_its_text() {
        let text = "---\nid: antwoord\ntype: raadsbrief\ntitle: Antwoord\ndate: 2025-01-01\nresponds_to: [motie-a]\nreferences: [brief-b]\n---\n\nZie Raad-7975 en `Raad-1234`.\n";
        let refs = Refs::read("raadsbrieven/antwoord.md", text.as_bytes().to_vec());
        assert_eq!(refs.ids, vec!["motie-a".to_string(), "brief-b".to_string()]);
        assert!(
            refs.identifiers.iter().any(|n| n.contains("7975")),
            "{:?}",
            refs.identifiers
        );
        assert_eq!(
            Refs::read("raadsbrieven/kapot.md", b"---\n: : :\n---\n".to_vec()),
            Refs::default(),
            "a version that does not read as a document refers to nothing"
        );
    }
}
