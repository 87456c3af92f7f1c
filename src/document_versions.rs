//! Tying file histories to documents: which versions each current document has, whether its
//! working copy is a draft, and which documents were deleted (they keep a tombstone).
//!
//! A document is its id, not its path. Histories are grouped by the id their file carries (the
//! current document's id, or the id in the last version of a deleted file), so a document whose
//! file was deleted and later written anew, or moved and rewritten so much that git sees no
//! rename, keeps one numbering of its versions.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::history::{worktree, BlobReader, History, ObjectId};
use crate::model::{DocType, Document, Withdrawal};
use crate::source::SourceKind;

/// One version of a document, numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VersionRef {
    pub number: usize,
    /// Index into [`History::commits`].
    pub commit: usize,
    pub blob: ObjectId,
    /// The source path (relative to the content folder) at that version.
    pub path: String,
    /// The version before it, for the diff.
    pub previous: Option<ObjectId>,
}

/// The versions of one current document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DocHistory {
    /// Committed versions, oldest first.
    pub versions: Vec<VersionRef>,
    /// The working copy is not what was last committed (or was never committed).
    pub draft: bool,
}

impl DocHistory {
    /// The number of the version the working copy is: the last committed one, or the draft after it.
    pub(crate) fn current_number(&self) -> usize {
        self.versions.len() + usize::from(self.draft)
    }
}

/// A document whose source file is gone: its URL and version URLs stay, with a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tombstone {
    pub id: String,
    pub doc_type: Option<DocType>,
    pub title: Option<String>,
    /// Set when the last version was itself withdrawn: then no text of any version is shown.
    pub withdrawn: Option<Withdrawal>,
    pub versions: Vec<VersionRef>,
    /// The commit (index into [`History::commits`]) that deleted it; `None`: deleted in the
    /// working copy, not yet committed.
    pub deleted_in: Option<usize>,
}

/// The history of the whole site, aligned with the resolved documents.
pub(crate) struct SiteHistory {
    pub history: History,
    /// Per document, in the order of `Site::documents`.
    pub documents: Vec<DocHistory>,
    /// Deleted documents, sorted by id.
    pub tombstones: Vec<Tombstone>,
    /// Some source (a document, a template, the configuration) differs from `HEAD`.
    pub uncommitted: bool,
    /// A source other than a current document differs from `HEAD` (a deleted document,
    /// templates, configuration): what [`redraft`] can't see.
    pub uncommitted_elsewhere: bool,
}

/// Matches `history` to `documents` (paths shown relative to `root`, content folder `content_dir`).
/// `other_sources` are the non-document files whose uncommitted changes also make the build a
/// draft (templates, configuration).
pub(crate) fn attach(
    history: History,
    documents: &[Document],
    root: &Path,
    content_dir: &Path,
    other_sources: &[std::path::PathBuf],
) -> SiteHistory {
    let content_shown = crate::paths::shown_path(root, content_dir);
    let paths: Vec<Option<String>> = documents
        .iter()
        .map(|doc| content_relative(&doc.source.path, &content_shown))
        .collect();
    let files_of_docs: Vec<Option<usize>> = paths
        .iter()
        .map(|path| path.as_ref().and_then(|p| history.at_head.get(p).copied()))
        .collect();
    let drafts = worktree::drafts(&history, documents, &files_of_docs, root);

    let mut owner: HashMap<usize, String> = HashMap::new();
    for (doc, file) in documents.iter().zip(&files_of_docs) {
        if let Some(file) = file {
            owner.insert(*file, doc.id.clone());
        }
    }
    let orphans = read_orphans(&history, &owner);
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (file, id) in owner.iter().map(|(f, id)| (*f, id.clone())) {
        groups.entry(id).or_default().push(file);
    }
    for orphan in &orphans {
        groups.entry(orphan.id.clone()).or_default().push(orphan.file);
    }

    let doc_histories = documents
        .iter()
        .zip(drafts)
        .map(|(doc, draft)| DocHistory {
            versions: groups
                .get(&doc.id)
                .map(|files| merge_versions(&history, files))
                .unwrap_or_default(),
            draft,
        })
        .collect::<Vec<_>>();
    let current: HashSet<&str> = documents.iter().map(|doc| doc.id.as_str()).collect();
    let tombstones = tombstones(&history, &orphans, &groups, &current);
    let uncommitted_elsewhere = orphans.iter().any(|o| history.files[o.file].deleted_in.is_none())
        || worktree::any_changed(&history, other_sources);
    SiteHistory {
        uncommitted: uncommitted_elsewhere || doc_histories.iter().any(|h| h.draft),
        history,
        documents: doc_histories,
        tombstones,
        uncommitted_elsewhere,
    }
}

/// After the working copy of the documents at `positions` changed (same paths, same ids, so
/// nothing else in `site_history` moves): whether each is now a draft.
pub(crate) fn redraft(
    site_history: &mut SiteHistory,
    documents: &[Document],
    positions: &[usize],
    root: &Path,
    content_dir: &Path,
) {
    let content_shown = crate::paths::shown_path(root, content_dir);
    let changed: Vec<Document> = positions.iter().map(|&p| documents[p].clone()).collect();
    let files: Vec<Option<usize>> = changed
        .iter()
        .map(|doc| {
            content_relative(&doc.source.path, &content_shown)
                .and_then(|p| site_history.history.at_head.get(&p).copied())
        })
        .collect();
    let drafts = worktree::drafts(&site_history.history, &changed, &files, root);
    for (&position, draft) in positions.iter().zip(drafts) {
        site_history.documents[position].draft = draft;
    }
    site_history.uncommitted = site_history.uncommitted_elsewhere || site_history.documents.iter().any(|h| h.draft);
}

/// `content/moties/x.md` → `moties/x.md`.
fn content_relative(shown: &Path, content_shown: &Path) -> Option<String> {
    let relative = shown.strip_prefix(content_shown).ok()?;
    let parts: Option<Vec<&str>> = relative.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// A file without a current document: deleted in a commit, or in the working copy.
struct Orphan {
    file: usize,
    id: String,
    doc_type: Option<DocType>,
    title: Option<String>,
    withdrawn: Option<Withdrawal>,
}

/// Every orphaned file with what its last version says about itself.
fn read_orphans(history: &History, owner: &HashMap<usize, String>) -> Vec<Orphan> {
    let files: Vec<usize> = (0..history.files.len())
        .filter(|f| !owner.contains_key(f) && !history.files[*f].versions.is_empty())
        .collect();
    files
        .par_iter()
        .map_init(
            || history.reader(),
            |reader, &file| read_orphan(history, reader.as_mut(), file),
        )
        .collect::<Vec<Option<Orphan>>>()
        .into_iter()
        .flatten()
        .collect()
}

fn read_orphan(history: &History, reader: Option<&mut BlobReader>, file: usize) -> Option<Orphan> {
    let last = history.files[file].versions.last()?;
    let stem = Path::new(&last.path).file_stem()?.to_str()?.to_string();
    let kind = SourceKind::of(Path::new(&last.path))?;
    let document = reader
        .and_then(|reader| reader.read(last.blob))
        .and_then(|bytes| crate::load::read_bytes(Path::new(&last.path), bytes, kind).0);
    match document {
        Some(doc) => Some(Orphan {
            file,
            id: doc.id.clone(),
            doc_type: Some(doc.doc_type()),
            title: Some(doc.title.clone()),
            withdrawn: doc.withdrawn.clone(),
        }),
        // An unreadable last version still names its URL when the file name is a valid id.
        None => crate::slug::is_slug(&stem).then_some(Orphan {
            file,
            id: stem,
            doc_type: None,
            title: None,
            withdrawn: None,
        }),
    }
}

/// The versions of all files of one document, in commit order, numbered from 1. When two
/// files changed in the same commit (a delete and an add git did not pair), the later file wins.
fn merge_versions(history: &History, files: &[usize]) -> Vec<VersionRef> {
    let mut all: Vec<(usize, usize, &crate::history::Version)> = files
        .iter()
        .flat_map(|&file| history.files[file].versions.iter().map(move |v| (v.commit, file, v)))
        .collect();
    all.sort_by_key(|(commit, file, _)| (*commit, *file));
    all.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            *earlier = *later;
        }
        same
    });
    let mut versions: Vec<VersionRef> = Vec::with_capacity(all.len());
    for (commit, _, version) in all {
        let previous = versions.last().map(|v| v.blob);
        versions.push(VersionRef {
            number: versions.len() + 1,
            commit,
            blob: version.blob,
            path: version.path.clone(),
            previous,
        });
    }
    versions
}

fn tombstones(
    history: &History,
    orphans: &[Orphan],
    groups: &BTreeMap<String, Vec<usize>>,
    current: &HashSet<&str>,
) -> Vec<Tombstone> {
    let mut stones: BTreeMap<String, Tombstone> = BTreeMap::new();
    for orphan in orphans {
        if current.contains(orphan.id.as_str()) {
            continue;
        }
        let deleted_in = history.files[orphan.file].deleted_in;
        let newer = stones.get(&orphan.id).is_some_and(|stone| {
            // The file deleted last tells the document's last state.
            let order = |d: Option<usize>| d.map_or(usize::MAX, |c| c);
            order(stone.deleted_in) > order(deleted_in)
        });
        if newer {
            continue;
        }
        let versions = groups
            .get(&orphan.id)
            .map(|files| merge_versions(history, files))
            .unwrap_or_default();
        stones.insert(
            orphan.id.clone(),
            Tombstone {
                id: orphan.id.clone(),
                doc_type: orphan.doc_type,
                title: orphan.title.clone(),
                withdrawn: orphan.withdrawn.clone(),
                versions,
                deleted_in,
            },
        );
    }
    stones.into_values().collect()
}
