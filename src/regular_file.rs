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

/// The bytes of the regular file at `path`; an error for anything else (a symbolic link, a
/// FIFO, a socket, a device) as for a file that isn't there.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK | libc::O_NOFOLLOW);
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(not_a_regular_file());
    }
    let mut file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_a_regular_file());
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
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
}
