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

use super::repo::OpenRepo;
use super::{Commit, FileHistory, History, Status, Version};
use crate::source::SourceKind;

/// A commit of the chain before its metadata is needed.
struct Link {
    id: ObjectId,
    tree: ObjectId,
}

pub(super) fn read(open: OpenRepo) -> History {
    let OpenRepo { repo, content_prefix } = open;
    let shallow = repo.is_shallow().unwrap_or(false);
    let head = match repo.head_commit() {
        Ok(commit) => commit,
        Err(err) => {
            let unborn = repo.head().map(|head| head.is_unborn()).unwrap_or(false);
            let mut history = History::none(format!("cannot read HEAD: {err}"));
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
    let mut state = WalkState::default();
    let mut resources = repo.diff_resource_cache_for_tree_diff().ok();
    let mut tree_state = gix::diff::tree::State::default();
    let mut previous: Option<ObjectId> = None;
    for link in chain.iter().rev() {
        let content = subtree(&repo, link.tree, &content_prefix);
        if content == previous {
            continue;
        }
        let changes = diff_trees(&repo, previous, content, resources.as_mut(), &mut tree_state);
        previous = content;
        let relevant: Vec<Change> = changes.into_iter().filter(is_document_change).collect();
        if relevant.is_empty() {
            continue;
        }
        let Some(commit) = repo.find_commit(link.id).ok().and_then(|commit| describe(&commit)) else {
            continue;
        };
        let index = state.commits.len();
        state.commits.push(commit);
        for change in relevant {
            state.apply(change, index);
        }
    }
    History {
        status: Status::Read { shallow },
        head: head_info,
        commits: state.commits,
        files: state.files,
        at_head: state.at_head,
        repo: Some(repo.into_sync()),
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

/// The changes from `old` to `new` (either may be absent: an empty folder), with renames.
fn diff_trees(
    repo: &gix::Repository,
    old: Option<ObjectId>,
    new: Option<ObjectId>,
    resources: Option<&mut gix::diff::blob::Platform>,
    tree_state: &mut gix::diff::tree::State,
) -> Vec<Change> {
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
        rewrites: resources.is_some().then(Rewrites::default),
    };
    let mut fallback;
    let resources = match resources {
        Some(resources) => resources,
        None => {
            fallback = match repo.diff_resource_cache_for_tree_diff() {
                Ok(cache) => cache,
                Err(_) => return changes,
            };
            &mut fallback
        }
    };
    let result = gix::diff::tree_with_rewrites(
        TreeRefIter::from_bytes(&old_data, kind),
        TreeRefIter::from_bytes(&new_data, kind),
        resources,
        tree_state,
        &repo.objects,
        |change| {
            changes.push(change.into_owned());
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

/// Only files that `load` would read as documents count.
fn is_document_change(change: &Change) -> bool {
    let (location, mode) = match change {
        Change::Addition {
            location, entry_mode, ..
        }
        | Change::Deletion {
            location, entry_mode, ..
        }
        | Change::Modification {
            location, entry_mode, ..
        }
        | Change::Rewrite {
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
struct WalkState {
    commits: Vec<Commit>,
    files: Vec<FileHistory>,
    at_head: HashMap<String, usize>,
    /// Files deleted at a path, so a file restored there continues its history.
    deleted_at: HashMap<String, usize>,
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
