//! Reading a file in the clerk's project that must be a regular file: a document source, or a
//! file a diagnostic points at.
//!
//! A name in `content/` can be a symbolic link (to anything, `/dev/zero` included), a FIFO or
//! a device, and can become one between the moment a folder was walked, or a watcher saw it
//! change, and the moment it is read. Opening a FIFO waits for a writer, so an ordinary
//! `std::fs::read` could hang a build or `griffie serve` for good. [`read`] checks the opened
//! file instead of the name: on Unix it opens without following a link and without waiting
//! for a FIFO's writer, and reads only a regular file.

use std::io::Read;
use std::path::Path;

/// Why [`read_bounded`] returned no bytes.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// Not a regular file: a symbolic link, a FIFO, a socket, a device.
    NotAFile,
    /// Longer than the bound; nothing past the bound was read.
    TooLarge { limit: u64 },
}

/// The bytes of the regular file at `path`; an error for anything else (a symbolic link, a
/// FIFO, a socket, a device) as for a file that isn't there. At most
/// [`crate::limits::MAX_SOURCE_BYTES`] are read.
pub(crate) fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    read_bounded(path, crate::limits::MAX_SOURCE_BYTES).map_err(|err| match err {
        ReadError::Io(err) => err,
        ReadError::NotAFile => not_a_regular_file(),
        ReadError::TooLarge { .. } => std::io::Error::other(crate::t!(
            "limits.file_too_large",
            limit = crate::i18n::number(crate::limits::MAX_SOURCE_BYTES as usize)
        )),
    })
}

/// The bytes of the regular file at `path`, if it has at most `limit` of them. The file is
/// checked to be a regular file before anything is read, and at most `limit + 1` bytes are
/// ever read, whatever its size says or grows to.
pub(crate) fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK | libc::O_NOFOLLOW);
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path)
        .map_err(ReadError::Io)?
        .file_type()
        .is_symlink()
    {
        return Err(ReadError::NotAFile);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        // O_NOFOLLOW on a link fails with ELOOP.
        #[cfg(unix)]
        Err(err) if err.raw_os_error() == Some(libc::ELOOP) => return Err(ReadError::NotAFile),
        Err(err) => return Err(ReadError::Io(err)),
    };
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile);
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

fn not_a_regular_file() -> std::io::Error {
    std::io::Error::other(crate::t!("load.special_file"))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn only_a_regular_file_is_read_and_a_fifo_never_waits() {
        let dir = tempfile::tempdir().unwrap();
        let (file, link, fifo) = (
            dir.path().join("a.md"),
            dir.path().join("b.md"),
            dir.path().join("c.md"),
        );
        std::fs::write(&file, "tekst").unwrap();
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        assert_eq!(read(&file).unwrap(), b"tekst");
        assert!(read(&link).is_err(), "a link is not followed");
        assert!(read(Path::new("/dev/null")).is_err(), "a device is not read");
        // On a thread of its own: a failure, not a hang, should it wait for a writer.
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || sender.send(read(&fifo).is_err()));
        let refused = receiver.recv_timeout(Duration::from_secs(60));
        assert_eq!(refused, Ok(true), "a FIFO is refused at once");
    }

    #[test]
    fn reading_stops_at_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "12345").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"12345");
        assert!(matches!(read_bounded(&path, 4), Err(ReadError::TooLarge { limit: 4 })));
        assert!(matches!(read_bounded(dir.path(), 4), Err(ReadError::NotAFile)));
    }
}
