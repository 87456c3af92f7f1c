//! The one pass over history: the first-parent chain from `HEAD`, oldest first, diffing only
//! the content folder's subtree between consecutive commits.
//!
//! First parent only: on a main line that CI publishes, each commit (a merge included) is one
//! publication; a branch's intermediate commits were never published, and counting them too
//! would count every merged change twice.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;

use gix::bstr::ByteSlice;
use gix::diff::tree_with_rewrites::{Change, Options};
use gix::diff::Rewrites;
use gix::objs::TreeRefIter;
use gix::ObjectId;
use jiff::civil::Date;
use rayon::prelude::*;

use super::repo::OpenRepo;
use super::{Commit, FileHistory, History, Status, Version};
use crate::source::SourceKind;

/// A commit of the chain before its metadata is needed.
struct Link {
    id: ObjectId,
    tree: ObjectId,
}

pub(super) fn read(open: OpenRepo, cache: &Path) -> History {
    let OpenRepo { repo, content_prefix } = open;
    let shallow = repo.is_shallow().unwrap_or(false);
    let head = match repo.head_commit() {
        Ok(commit) => commit,
        Err(err) => {
            let unborn = repo.head().map(|head| head.is_unborn()).unwrap_or(false);
            let mut history = History::none(crate::t!("history.cannot_read_head", error = err));
            if unborn {
                history.status = Status::NoCommits;
            }
            return history;
        }
    };
    let head_info = describe(&head);
    let head_tree = head.tree_id().ok().map(|id| id.detach());
    let workdir = repo.workdir().and_then(|dir| dir.canonicalize().ok());
    let hash_kind = repo.object_hash();
    let head_id = head.id;
    drop(head);
    let chain = first_parent_chain(&repo, head_id);
    let all_steps = content_steps(&repo, &chain, &content_prefix);
    let first = all_steps.first().map(|s| s.commit);
    // Start after the last commit walked by an earlier build, when its chain is this one's.
    let known = first.and_then(|first| super::cache::load(cache, &content_prefix, &first));
    let (mut state, start) = match known {
        Some((tip, state)) => match all_steps.iter().position(|s| s.commit == tip) {
            Some(at) => (state, at + 1),
            None => (WalkState::default(), 0),
        },
        None => (WalkState::default(), 0),
    };
    let steps = &all_steps[start..];
    let repo = repo.into_sync();
    // The diffs are independent of each other: made in parallel, applied in commit order.
    // One contiguous run of commits per thread: a tree read for one commit is cached for the next.
    let run = steps.len().div_ceil(rayon::current_num_threads().max(1)).max(1);
    let diffs: Vec<Vec<Change>> = steps
        .par_chunks(run)
        .flat_map_iter(|chunk| {
            let mut differ = Differ::new(repo.to_thread_local());
            chunk
                .iter()
                .map(|step| differ.diff(step.old, step.new))
                .collect::<Vec<_>>()
        })
        .collect();
    let local = repo.to_thread_local();
    for (step, changes) in steps.iter().zip(diffs) {
        if changes.is_empty() {
            continue;
        }
        let Some(commit) = local.find_commit(step.commit).ok().and_then(|commit| describe(&commit)) else {
            continue;
        };
        let index = state.commits.len();
        state.commits.push(commit);
        for change in changes {
            state.apply(change, index);
        }
    }
    if let (Some(first), Some(last)) = (first, all_steps.last()) {
        if !steps.is_empty() {
            super::cache::save(cache, &content_prefix, &first, &last.commit, &state);
        }
    }
    History {
        status: Status::Read { shallow },
        head: head_info,
        commits: state.commits,
        files: state.files,
        at_head: state.at_head,
        repo: Some(repo),
        workdir,
        head_tree,
        hash_kind,
    }
}

/// `HEAD` and its first parents, newest first, up to the root or the first missing commit
/// (the boundary of a shallow clone).
fn first_parent_chain(repo: &gix::Repository, head: ObjectId) -> Vec<Link> {
    let mut chain = Vec::new();
    let mut next = Some(head);
    while let Some(id) = next {
        let Ok(commit) = repo.find_commit(id) else { break };
        let Ok(decoded) = commit.decode() else { break };
        chain.push(Link {
            id,
            tree: decoded.tree(),
        });
        next = decoded.parents().next();
    }
    chain
}

/// The tree id at `prefix` below `tree`, `None` when that folder does not exist there.
fn subtree(repo: &gix::Repository, tree: ObjectId, prefix: &[String]) -> Option<ObjectId> {
    let mut id = tree;
    for name in prefix {
        let tree = repo.find_tree(id).ok()?;
        let entry = tree.find_entry(name.as_str())?;
        if !entry.mode().is_tree() {
            return None;
        }
        id = entry.object_id();
    }
    Some(id)
}

/// A commit whose content folder differs from its first parent's.
struct Step {
    commit: ObjectId,
    old: Option<ObjectId>,
    new: Option<ObjectId>,
}

/// The content folder's tree per commit, oldest first, only where it changed.
fn content_steps(repo: &gix::Repository, chain: &[Link], prefix: &[String]) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut previous: Option<ObjectId> = None;
    for link in chain.iter().rev() {
        let content = subtree(repo, link.tree, prefix);
        if content != previous {
            steps.push(Step {
                commit: link.id,
                old: previous,
                new: content,
            });
            previous = content;
        }
    }
    steps
}

/// Tree diffs with one repository handle and reusable buffers, per worker thread.
struct Differ {
    repo: gix::Repository,
    /// Made on first use: it loads the index and attributes, and only rename detection needs it.
    resources: Option<gix::diff::blob::Platform>,
    tree_state: gix::diff::tree::State,
}

impl Differ {
    fn new(mut repo: gix::Repository) -> Differ {
        // Consecutive diffs read the same unchanged subtrees again: keep decoded objects.
        repo.object_cache_size(64 * 1024 * 1024);
        Differ {
            repo,
            resources: None,
            tree_state: Default::default(),
        }
    }

    /// The document changes from `old` to `new` (either may be absent: an empty folder). Renames
    /// are looked for only when documents were both added and deleted: pairing them compares
    /// file contents, which most commits (edits only) do not need.
    fn diff(&mut self, old: Option<ObjectId>, new: Option<ObjectId>) -> Vec<Change> {
        let plain = self.run(old, new, false);
        let added = plain.iter().any(|c| matches!(c, Change::Addition { .. }));
        let deleted = plain.iter().any(|c| matches!(c, Change::Deletion { .. }));
        if added && deleted {
            self.run(old, new, true)
        } else {
            plain
        }
    }

    fn run(&mut self, old: Option<ObjectId>, new: Option<ObjectId>, renames: bool) -> Vec<Change> {
        if self.resources.is_none() {
            match self.repo.diff_resource_cache_for_tree_diff() {
                Ok(cache) => self.resources = Some(cache),
                Err(_) => return Vec::new(),
            }
        }
        let repo = &self.repo;
        let load = |id: Option<ObjectId>| -> Vec<u8> {
            id.and_then(|id| repo.find_tree(id).ok())
                .map(|tree| tree.detach().data)
                .unwrap_or_default()
        };
        let (old_data, new_data) = (load(old), load(new));
        let kind = repo.object_hash();
        let mut changes = Vec::new();
        let options = Options {
            location: Some(gix::diff::tree::recorder::Location::Path),
            rewrites: renames.then(Rewrites::default),
        };
        let Some(resources) = self.resources.as_mut() else {
            return changes;
        };
        let result = gix::diff::tree_with_rewrites(
            TreeRefIter::from_bytes(&old_data, kind),
            TreeRefIter::from_bytes(&new_data, kind),
            resources,
            &mut self.tree_state,
            &repo.objects,
            |change| {
                if is_document_change_ref(&change) {
                    changes.push(change.into_owned());
                }
                Ok(ControlFlow::Continue(()))
            },
            options,
        );
        resources.clear_resource_cache_keep_allocation();
        if result.is_err() {
            changes.clear();
        }
        changes
    }
}

/// Only files that `load` would read as documents count.
fn is_document_change_ref(change: &gix::diff::tree_with_rewrites::ChangeRef<'_>) -> bool {
    use gix::diff::tree_with_rewrites::ChangeRef;
    let (location, mode) = match change {
        ChangeRef::Addition {
            location, entry_mode, ..
        }
        | ChangeRef::Deletion {
            location, entry_mode, ..
        }
        | ChangeRef::Modification {
            location, entry_mode, ..
        }
        | ChangeRef::Rewrite {
            location, entry_mode, ..
        } => (location, entry_mode),
    };
    mode.is_blob() && location.to_str().is_ok_and(is_document_path)
}

/// A path relative to the content folder that `load` reads: a document extension, and no
/// hidden (`.`) or skipped (`_`) component.
pub(super) fn is_document_path(path: &str) -> bool {
    let visible = path
        .split('/')
        .all(|part| !part.starts_with('.') && !part.starts_with('_'));
    visible && SourceKind::of(Path::new(path)).is_some()
}

/// Metadata of a commit: id, date in the committer's offset, first line of the message.
fn describe(commit: &gix::Commit<'_>) -> Option<Commit> {
    let decoded = commit.decode().ok()?;
    let time = decoded.committer().ok()?.time().ok()?;
    let id = commit.id.to_hex().to_string();
    Some(Commit {
        short: id[..7.min(id.len())].to_string(),
        id,
        seconds: time.seconds,
        date: local_date(time.seconds, time.offset),
        note: change_note(decoded.message.to_str_lossy().as_ref(), decoded.parents().count() > 1),
    })
}

fn local_date(seconds: i64, offset: i32) -> Date {
    let offset = jiff::tz::Offset::from_seconds(offset).unwrap_or(jiff::tz::Offset::UTC);
    jiff::Timestamp::from_second(seconds)
        .map(|ts| ts.to_zoned(jiff::tz::TimeZone::fixed(offset)).date())
        .unwrap_or(Date::constant(1970, 1, 1))
}

/// The first line of the message. For a merge ("Merge pull request #12 from …") the first line
/// of the body says more, when there is one.
fn change_note(message: &str, merge: bool) -> String {
    let mut lines = message.lines().map(str::trim).filter(|line| !line.is_empty());
    let first = lines.next().unwrap_or_default();
    if merge && first.starts_with("Merge ") {
        if let Some(body) = lines.next() {
            return body.to_string();
        }
    }
    first.to_string()
}

/// File histories being built, commit by commit.
#[derive(Default)]
pub(super) struct WalkState {
    pub(super) commits: Vec<Commit>,
    pub(super) files: Vec<FileHistory>,
    pub(super) at_head: HashMap<String, usize>,
    /// Files deleted at a path, so a file restored there continues its history.
    pub(super) deleted_at: HashMap<String, usize>,
}

impl WalkState {
    fn apply(&mut self, change: Change, commit: usize) {
        match change {
            Change::Addition { location, id, .. } => {
                let path = location.to_string();
                let file = match self.deleted_at.remove(&path) {
                    Some(file) => {
                        self.files[file].deleted_in = None;
                        file
                    }
                    None => self.new_file(),
                };
                self.add_version(file, commit, id, path);
            }
            Change::Deletion { location, .. } => {
                let path = location.to_string();
                if let Some(file) = self.at_head.remove(&path) {
                    self.files[file].deleted_in = Some(commit);
                    self.deleted_at.insert(path, file);
                }
            }
            Change::Modification { location, id, .. } => {
                let path = location.to_string();
                let file = match self.at_head.get(&path) {
                    Some(&file) => file,
                    None => self.new_file(),
                };
                self.add_version(file, commit, id, path);
            }
            Change::Rewrite {
                source_location,
                source_id,
                location,
                id,
                copy,
                ..
            } => {
                let path = location.to_string();
                let source = (!copy)
                    .then(|| self.at_head.remove(&source_location.to_string()))
                    .flatten();
                match source {
                    Some(file) if id == source_id => {
                        // A pure move: same text, so no new version; the file lives on at `path`.
                        self.at_head.insert(path, file);
                    }
                    Some(file) => self.add_version(file, commit, id, path),
                    None => {
                        let file = self.new_file();
                        self.add_version(file, commit, id, path);
                    }
                }
            }
        }
    }

    fn new_file(&mut self) -> usize {
        self.files.push(FileHistory::default());
        self.files.len() - 1
    }

    fn add_version(&mut self, file: usize, commit: usize, blob: ObjectId, path: String) {
        self.files[file].versions.push(Version {
            commit,
            blob,
            path: path.clone(),
        });
        self.at_head.insert(path, file);
    }
}
