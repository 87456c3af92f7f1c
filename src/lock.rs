//! One griffie at a time per project: a build or a preview holds `.griffie-cache/lock`, and a
//! second one on the same project stops at once with a message naming the first, instead of
//! writing the same caches and folders at the same time.
//!
//! The lock is the operating system's advisory file lock (`flock` on Linux and the BSDs,
//! `LockFileEx` on Windows, through `std::fs::File::try_lock`). The kernel releases it when
//! the process ends in any way, so a killed build never leaves a lock behind: the file stays,
//! but nobody holds it. Inside one process the lock is shared: `griffie serve` holds it for its
//! whole run, and the builds it starts take it again without waiting for themselves.
//!
//! `griffie check` takes no lock: it writes only the history cache, atomically (see
//! [`crate::cache_file`]).

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, Weak};

use anyhow::Context as _;

const FILE: &str = "lock";

/// Held while it lives; clones share one lock.
#[derive(Clone)]
pub(crate) struct ProjectLock {
    _held: Arc<Held>,
}

struct Held {
    /// Open while held: closing it releases the lock.
    _file: File,
}

/// The locks this process holds, by lock file.
fn held() -> &'static Mutex<HashMap<PathBuf, Weak<Held>>> {
    static HELD: OnceLock<Mutex<HashMap<PathBuf, Weak<Held>>>> = OnceLock::new();
    HELD.get_or_init(Default::default)
}

impl ProjectLock {
    /// Takes the lock of the project whose cache folder is `cache`, for `command` (what the
    /// lock file tells a second griffie, e.g. `griffie build`). Fails at once if another process
    /// holds it, with a message naming that process.
    pub(crate) fn acquire(cache: &Path, command: &str) -> anyhow::Result<ProjectLock> {
        std::fs::create_dir_all(cache).with_context(|| crate::t!("lock.cannot_create", path = cache.display()))?;
        let path = std::path::absolute(cache.join(FILE))?;
        let mut held = held().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(lock) = held.get(&path).and_then(Weak::upgrade) {
            return Ok(ProjectLock { _held: lock });
        }
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| crate::t!("lock.cannot_create", path = path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                anyhow::bail!(crate::t!(
                    "lock.busy",
                    holder = holder(&mut file),
                    path = path.display()
                ))
            }
            Err(std::fs::TryLockError::Error(err)) => {
                return Err(err).with_context(|| crate::t!("lock.cannot_create", path = path.display()))
            }
        }
        // Who holds it, for the message of a second griffie; only informative.
        let about = format!("pid: {}\ncommand: {command}\n", std::process::id());
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(about.as_bytes()))
            .ok();
        let lock = Arc::new(Held { _file: file });
        held.insert(path, Arc::downgrade(&lock));
        Ok(ProjectLock { _held: lock })
    }
}

/// "griffie build, proces 1234" from the lock file, or a general description when it says
/// nothing yet (the other process has only just taken the lock).
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    file.read_to_string(&mut text).ok();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    match (field("command"), field("pid")) {
        (Some(command), Some(pid)) => crate::t!("lock.holder", command = command, pid = pid),
        _ => crate::t!("lock.holder_unknown"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_process_shares_its_own_lock_and_releases_it_when_done() {
        let dir = tempfile::tempdir().unwrap();
        let first = ProjectLock::acquire(dir.path(), "griffie serve").unwrap();
        let again = ProjectLock::acquire(dir.path(), "griffie build").unwrap();
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(text.contains("command: griffie serve"), "{text}");

        // Another open file description is another holder, as another process would be.
        let other = File::options().write(true).open(dir.path().join(FILE)).unwrap();
        assert!(matches!(other.try_lock(), Err(std::fs::TryLockError::WouldBlock)));
        drop((first, again));
        other.try_lock().expect("free once every holder is gone");
        let refused = ProjectLock::acquire(dir.path(), "griffie build")
            .err()
            .expect("held by another");
        let message = refused.to_string();
        assert!(
            message.contains("griffie serve") && message.contains(&std::process::id().to_string()),
            "{message}"
        );
    }
}
