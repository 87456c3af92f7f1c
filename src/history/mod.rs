//! Document history from git: which commits changed which source file, read in-process with
//! gitoxide (`gix`), never by running `git`.
//!
//! Why it exists: council documents are corrected after publication, and citizens have a right
//! to see what changed and when. The sources live in git, so git history is the record: every
//! commit on the first-parent line that changed a document's source file is a version of it.
//!
//! What it guarantees:
//! - **One pass.** The first-parent chain from `HEAD` is walked once, oldest first; per commit
//!   only the `content/` subtree is compared with the previous one (skipped when its tree id is
//!   unchanged), with rename tracking. Never a walk per file.
//! - **Renames are followed**: a file moved (and possibly edited a little) keeps its history. A
//!   pure move is not a version (the text did not change).
//! - **Nothing from the clock or the machine**: dates are commit dates in the committer's own
//!   offset, so two builds of one commit agree anywhere.
//! - **Never fails the build.** No repository, an empty one, a shallow clone, a broken object:
//!   the build goes on with what could be read, and [`History::status`] says what that was.
//!
//! [`walk`] reads the history; [`worktree`] compares the working copy with `HEAD` (uncommitted
//! changes become a draft); [`attach`] ties file histories to the loaded documents and finds the
//! files that were deleted.

mod cache;
mod repo;
mod walk;
pub(crate) mod worktree;

use std::collections::HashMap;
use std::path::Path;

use jiff::civil::Date;

pub(crate) use gix::ObjectId;

/// A commit that changed something under `content/`, or the `HEAD` commit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Commit {
    /// Full hexadecimal id.
    pub id: String,
    /// The first 7 characters of the id, as people quote it.
    pub short: String,
    /// Commit time, seconds since the epoch.
    pub seconds: i64,
    /// The committer's calendar date, in the committer's own UTC offset.
    #[serde(with = "iso_date")]
    pub date: Date,
    /// The change note: the first line of the commit message.
    pub note: String,
}

/// One version of a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Index into [`History::commits`].
    pub commit: usize,
    /// The file's content at that commit.
    pub blob: ObjectId,
    /// Path relative to the content folder at that commit, with `/`.
    pub path: String,
}

/// The versions of one source file across renames, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileHistory {
    pub versions: Vec<Version>,
    /// The commit (index into [`History::commits`]) that deleted the file, if it is gone at `HEAD`.
    pub deleted_in: Option<usize>,
}

/// What the build could learn from git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The project is not inside a git repository (or it could not be opened).
    NoRepository { reason: String },
    /// A repository without commits yet.
    NoCommits,
    /// History was read up to `HEAD`.
    Read {
        /// A shallow clone: the oldest commits are missing, so early versions are missing too.
        shallow: bool,
    },
}

/// Everything read from git, for the whole content folder.
pub struct History {
    pub status: Status,
    /// The `HEAD` commit, when there is one.
    pub head: Option<Commit>,
    /// Commits that changed the content folder, oldest first.
    pub commits: Vec<Commit>,
    pub files: Vec<FileHistory>,
    /// Path relative to the content folder at `HEAD` → index into `files`.
    pub at_head: HashMap<String, usize>,
    /// For reading blobs later (in parallel: one thread-local handle per worker).
    repo: Option<gix::ThreadSafeRepository>,
    /// The work tree root, canonical.
    workdir: Option<std::path::PathBuf>,
    /// The root tree of `HEAD`.
    head_tree: Option<ObjectId>,
    hash_kind: gix::hash::Kind,
}

impl History {
    /// A history with nothing in it, for builds outside git.
    pub fn none(reason: impl Into<String>) -> History {
        History {
            status: Status::NoRepository { reason: reason.into() },
            head: None,
            commits: Vec::new(),
            files: Vec::new(),
            at_head: HashMap::new(),
            repo: None,
            workdir: None,
            head_tree: None,
            hash_kind: gix::hash::Kind::Sha1,
        }
    }

    /// A blob reader for the current thread; `None` outside git.
    pub fn reader(&self) -> Option<BlobReader> {
        self.repo.as_ref().map(|repo| BlobReader {
            repo: repo.to_thread_local(),
        })
    }

    /// Whether the history is known to be incomplete (shallow clone).
    pub fn is_shallow(&self) -> bool {
        matches!(self.status, Status::Read { shallow: true })
    }
}

/// Reads file contents from the repository's object database.
pub struct BlobReader {
    repo: gix::Repository,
}

impl BlobReader {
    /// The bytes of blob `id`, or `None` when the object is missing (a shallow clone, a broken
    /// repository) or larger than a source file may be ([`crate::limits::MAX_SOURCE_BYTES`]):
    /// its size is read from the object's header first, so a huge blob committed once is never
    /// unpacked.
    pub fn read(&mut self, id: ObjectId) -> Option<Vec<u8>> {
        let header = self.repo.find_header(id).ok()?;
        if header.size() > crate::limits::MAX_SOURCE_BYTES {
            return None;
        }
        self.repo.find_blob(id).ok().map(|mut blob| blob.take_data())
    }

    /// The blob at `path` (relative to the work tree root) in `tree`.
    pub fn blob_at(&mut self, tree: ObjectId, path: &Path) -> Option<ObjectId> {
        let tree = self.repo.find_tree(tree).ok()?;
        let entry = tree.lookup_entry_by_path(path).ok()??;
        entry.mode().is_blob().then(|| entry.object_id())
    }
}

/// Reads the history of every file under `content_dir` (a folder inside the project), walking
/// only the commits that `cache` (a folder kept between builds) does not know yet. Never
/// fails: problems become [`Status::NoRepository`] with the reason.
pub fn read(content_dir: &Path, cache: &Path) -> History {
    let repo = match repo::open(content_dir) {
        Ok(Some(repo)) => repo,
        Ok(None) => return History::none(crate::t!("history.not_in_repository")),
        Err(reason) => return History::none(reason),
    };
    walk::read(repo, cache)
}

/// The id of the `HEAD` commit of the repository holding `content_dir`; `None` outside git or
/// before the first commit. Cheap (no walk): a preview checks it before each update.
pub(crate) fn head_id(content_dir: &Path) -> Option<String> {
    let repo = repo::open(content_dir).ok()??;
    let id = repo.repo.head_id().ok()?;
    Some(id.to_string())
}

/// Dates as `YYYY-MM-DD` in the history snapshot.
mod iso_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&date.to_string())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        crate::dates::parse_date(&text).map_err(|_| serde::de::Error::custom("not a date"))
    }
}
