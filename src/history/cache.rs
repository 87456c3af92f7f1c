//! The walked history, saved between builds: commits never change, so a build only walks the
//! commits that arrived since the last one.
//!
//! The snapshot is the walk's state after its last commit (`tip`). It is used only when `HEAD`'s
//! first-parent chain still starts at the same commit and contains `tip`; a rewritten history,
//! a reset to an older commit or a shallow clone that got its full history fail that test and
//! are walked from the start. A missing or unreadable snapshot only costs time; it is written
//! and read through [`crate::cache_file`], so one cut short by a killed build is unreadable.

use std::collections::HashMap;
use std::path::Path;

use gix::ObjectId;
use serde::{Deserialize, Serialize};

use super::walk::WalkState;
use super::{Commit, FileHistory, Version};

/// Bump when the saved shape or the walk's rules change.
const FORMAT: u32 = 1;
const FILE: &str = "history.json";

#[derive(Serialize, Deserialize)]
struct Snapshot {
    format: u32,
    prefix: Vec<String>,
    /// The first and the last commit of the chain that was walked.
    first: String,
    tip: String,
    commits: Vec<Commit>,
    files: Vec<SavedFile>,
    at_head: Vec<(String, usize)>,
    deleted_at: Vec<(String, usize)>,
}

#[derive(Serialize, Deserialize)]
struct SavedFile {
    /// (commit index, blob id, path) per version.
    versions: Vec<(usize, String, String)>,
    deleted_in: Option<usize>,
}

/// The walk state after `tip`, if a usable snapshot exists for a chain starting at `first`.
pub(super) fn load(cache: &Path, prefix: &[String], first: &ObjectId) -> Option<(ObjectId, WalkState)> {
    let text = crate::cache_file::read(&cache.join(FILE))?;
    let snapshot: Snapshot = serde_json::from_slice(&text).ok()?;
    let same_root = ObjectId::from_hex(snapshot.first.as_bytes()).ok().as_ref() == Some(first);
    if snapshot.format != FORMAT || snapshot.prefix != prefix || !same_root {
        return None;
    }
    let tip = ObjectId::from_hex(snapshot.tip.as_bytes()).ok()?;
    let mut files = Vec::with_capacity(snapshot.files.len());
    for saved in snapshot.files {
        let mut versions = Vec::with_capacity(saved.versions.len());
        for (commit, blob, path) in saved.versions {
            let blob = ObjectId::from_hex(blob.as_bytes()).ok()?;
            versions.push(Version { commit, blob, path });
        }
        files.push(FileHistory {
            versions,
            deleted_in: saved.deleted_in,
        });
    }
    let state = WalkState {
        commits: snapshot.commits,
        files,
        at_head: snapshot.at_head.into_iter().collect(),
        deleted_at: snapshot.deleted_at.into_iter().collect(),
    };
    Some((tip, state))
}

/// Saves the state after `tip`; failures are ignored (the next build walks again).
pub(super) fn save(cache: &Path, prefix: &[String], first: &ObjectId, tip: &ObjectId, state: &WalkState) {
    let sorted = |map: &HashMap<String, usize>| {
        let mut items: Vec<(String, usize)> = map.iter().map(|(k, v)| (k.clone(), *v)).collect();
        items.sort();
        items
    };
    let snapshot = Snapshot {
        format: FORMAT,
        prefix: prefix.to_vec(),
        first: first.to_string(),
        tip: tip.to_string(),
        commits: state.commits.clone(),
        files: state
            .files
            .iter()
            .map(|file| SavedFile {
                versions: file
                    .versions
                    .iter()
                    .map(|v| (v.commit, v.blob.to_string(), v.path.clone()))
                    .collect(),
                deleted_in: file.deleted_in,
            })
            .collect(),
        at_head: sorted(&state.at_head),
        deleted_at: sorted(&state.deleted_at),
    };
    if let Ok(json) = serde_json::to_vec(&snapshot) {
        std::fs::create_dir_all(cache).ok();
        crate::cache_file::write(&cache.join(FILE), &json).ok();
    }
}
