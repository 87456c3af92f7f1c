//! Files griffie keeps between builds, written so that a killed build can never leave one that a
//! later build trusts.
//!
//! Why it exists: a cache file or manifest cut short by a kill (or a full disk, or a power cut)
//! used to be read back as if it were whole. A manifest missing its last lines, for example,
//! made the next build keep a withdrawn document's old PDF in the output. So every file under
//! `.griffie-cache/` is written through [`write`] and read through [`read`]:
//!
//! - **written** to a temporary name unique to the process and the write
//!   (`.<name>.<pid>-<n>.tmp`, in the same folder), flushed to disk (fsync), renamed over the
//!   real name, and the folder flushed too; a reader sees the old file or the new one, whole;
//! - **verified**: the contents are followed by a 48-byte trailer, `griffie\x01`, the length
//!   of the contents (u64, little-endian) and their blake3 hash (32 bytes). [`read`] returns
//!   `None` for anything that does not match: a missing, truncated, extended or altered file,
//!   or one in an older format. That is a cache miss, never an error and never a panic.
//!
//! JSON caches go through [`write_json`] and [`read_json`], which add griffie's version and the
//! file's format, so a file of another version reads as missing too.
//!
//! Temporary files of a process that is gone are removed by [`clean_temporaries`] (the next
//! build does that, holding the project's lock). Files that people or other programs read, such
//! as the output folder's marker, get the same atomic replacement without the trailer
//! ([`replace`]).

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The first bytes of the trailer; the last byte is the format's version.
const MAGIC: &[u8; 8] = b"griffie\x01";
/// Magic, length, hash.
const TRAILER: usize = 8 + 8 + 32;
const TEMPORARY_SUFFIX: &str = ".tmp";

/// Writes `contents` to `path` with the verification trailer, atomically (see the module).
pub(crate) fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace_with(path, &[contents, &trailer(contents)])
}

/// The contents of a file written by [`write`], or `None` if it is missing or does not verify.
pub(crate) fn read(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = std::fs::read(path).ok()?;
    let length = verified_length(&bytes)?;
    bytes.truncate(length);
    Some(bytes)
}

/// A JSON cache file's value, if the file verifies and was written in `format` by this version
/// of griffie (an older one's file is a miss like any other).
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(path: &Path, format: u32) -> Option<T> {
    let saved: Versioned<T> = serde_json::from_slice(&read(path)?).ok()?;
    (saved.format == format && saved.griffie == env!("CARGO_PKG_VERSION")).then_some(saved.value)
}

/// Writes `value` as JSON for [`read_json`], making the folder; a failure only means the next
/// build works it out again, so it is not reported.
pub(crate) fn write_json<T: serde::Serialize>(path: &Path, format: u32, value: &T) {
    let saved = Versioned {
        format,
        griffie: env!("CARGO_PKG_VERSION").to_string(),
        value,
    };
    if let Ok(json) = serde_json::to_vec(&saved) {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).ok();
        }
        write(path, &json).ok();
    }
}

/// What [`write_json`] saves around a value.
#[derive(serde::Serialize, serde::Deserialize)]
struct Versioned<T> {
    format: u32,
    griffie: String,
    value: T,
}

/// Replaces `path` by `bytes` atomically and durably, without a trailer: for files that are
/// read as they are (the output folder's marker).
pub(crate) fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_with(path, &[bytes])
}

fn trailer(contents: &[u8]) -> Vec<u8> {
    let mut trailer = Vec::with_capacity(TRAILER);
    trailer.extend_from_slice(MAGIC);
    trailer.extend_from_slice(&(contents.len() as u64).to_le_bytes());
    trailer.extend_from_slice(blake3::hash(contents).as_bytes());
    trailer
}

/// The length of the contents if `bytes` is contents plus a matching trailer.
fn verified_length(bytes: &[u8]) -> Option<usize> {
    let length = bytes.len().checked_sub(TRAILER)?;
    let (contents, trailer) = bytes.split_at(length);
    let (magic, rest) = trailer.split_at(MAGIC.len());
    let (recorded, hash) = rest.split_at(8);
    let recorded = u64::from_le_bytes(recorded.try_into().ok()?);
    let whole = magic == MAGIC && recorded == length as u64 && blake3::hash(contents).as_bytes() == hash;
    whole.then_some(length)
}

fn replace_with(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let folder = parent(path);
    let temporary = temporary_name(path)?;
    let written = (|| {
        let mut file = std::fs::File::options().write(true).create_new(true).open(&temporary)?;
        for part in parts {
            file.write_all(part)?;
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, path)?;
        sync_folder(folder)
    })();
    if written.is_err() {
        std::fs::remove_file(&temporary).ok();
    }
    written
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `.<name>.<pid>-<n>.tmp` beside `path`: no two writes, in this process or another, share it.
fn temporary_name(path: &Path) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temporary = format!(
        ".{}.{}-{n}{TEMPORARY_SUFFIX}",
        name.to_string_lossy(),
        std::process::id()
    );
    Ok(parent(path).join(temporary))
}

/// Makes a rename in `folder` durable. Folders cannot be opened for syncing on every system;
/// where they cannot, the rename is still atomic, only perhaps not yet on disk.
pub(crate) fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(folder)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

/// Whether `name` is one of [`write`]'s temporary names; prunes leave those to
/// [`clean_temporaries`].
pub fn is_temporary(name: &str) -> bool {
    writer_of(name).is_some()
}

/// The process id in a temporary name.
fn writer_of(name: &str) -> Option<u32> {
    let stem = name.strip_prefix('.')?.strip_suffix(TEMPORARY_SUFFIX)?;
    let (_, tag) = stem.rsplit_once('.')?;
    let (pid, n) = tag.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Removes the temporary files in `folder` left by processes that are no longer running (a
/// killed build); returns how many. Another process's write in progress is left alone.
pub(crate) fn clean_temporaries(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = writer_of(&name.to_string_lossy()) else {
            continue;
        };
        if !is_running(pid, &entry) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether the process that wrote `entry` may still be writing it.
fn is_running(pid: u32, entry: &std::fs::DirEntry) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    // Elsewhere there is no cheap question to ask: a file untouched for an hour is left over.
    let age = entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|modified| modified.elapsed().ok());
    age.is_none_or(|age| age < std::time::Duration::from_secs(3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_cache_reads_back_only_in_its_own_format() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/cache.json");
        let value = vec![("a".to_string(), 1u32), ("b".to_string(), 2)];
        write_json(&path, 3, &value);
        assert_eq!(read_json::<Vec<(String, u32)>>(&path, 3), Some(value));
        assert_eq!(
            read_json::<Vec<(String, u32)>>(&path, 4),
            None,
            "another format is a miss"
        );
        assert_eq!(read_json::<Vec<bool>>(&path, 3), None, "another shape is a miss");
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(read_json::<Vec<(String, u32)>>(&path, 3), None, "a cut file is a miss");
    }

    #[test]
    fn a_written_file_reads_back_and_any_damage_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entry");
        let contents = b"path\tkey\tmeta\n".repeat(100);
        write(&path, &contents).unwrap();
        assert_eq!(read(&path).as_deref(), Some(&contents[..]));

        let whole = std::fs::read(&path).unwrap();
        for cut in [0, 1, contents.len() / 2, contents.len(), whole.len() - 1] {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert_eq!(read(&path), None, "cut at {cut} of {}", whole.len());
        }
        let mut flipped = whole.clone();
        flipped[3] ^= 1;
        std::fs::write(&path, &flipped).unwrap();
        assert_eq!(read(&path), None, "a changed byte");
        let mut longer = whole.clone();
        longer.push(0);
        std::fs::write(&path, &longer).unwrap();
        assert_eq!(read(&path), None, "a byte too many");
        std::fs::write(&path, &contents).unwrap();
        assert_eq!(read(&path), None, "no trailer: an older format");
        assert_eq!(read(&dir.path().join("missing")), None);

        write(&path, b"").unwrap();
        assert_eq!(read(&path), Some(Vec::new()), "empty contents are contents");
    }

    #[test]
    fn writing_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("a.json"), b"{}").unwrap();
        replace(&dir.path().join("marker"), b"text").unwrap();
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_eq!(std::fs::read(dir.path().join("marker")).unwrap(), b"text");
    }

    #[test]
    fn temporaries_of_dead_processes_are_cleaned_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // Process ids above the kernel's limit (4,194,304) never run.
        let dead = dir.path().join(".history.json.4999999-3.tmp");
        let mine = dir.path().join(format!(".x.pack.{}-0.tmp", std::process::id()));
        let other = dir.path().join("history.json");
        for path in [&dead, &mine, &other] {
            std::fs::write(path, "x").unwrap();
        }
        if cfg!(target_os = "linux") {
            assert_eq!(clean_temporaries(dir.path()), 1);
            assert!(!dead.exists());
        }
        assert!(mine.exists() && other.exists());
        assert!(is_temporary(".a.pdf.entry.12-0.tmp"));
        assert!(!is_temporary("abc.entry") && !is_temporary(".griffie-output") && !is_temporary(".x.tmp"));
    }
}
