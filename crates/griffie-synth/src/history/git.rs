//! Running git: a fast-import fed from another thread, and plain commands, all of them
//! unaffected by the user's and the system's git configuration.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;

/// Runs `git fast-import` in `dir` and feeds it what `produce` sends, from another thread so
/// making versions and packing them overlap.
pub fn fast_import<T>(dir: &Path, produce: impl FnOnce(&mpsc::SyncSender<Vec<u8>>) -> io::Result<T>) -> io::Result<T> {
    let mut child = git(dir)
        .args(["fast-import", "--quiet", "--done"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdin = child.stdin.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let (send, receive) = mpsc::sync_channel::<Vec<u8>>(4);
    let (produced, written, errors) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> io::Result<()> {
            let mut stdin = io::BufWriter::with_capacity(1 << 20, stdin);
            for chunk in receive {
                stdin.write_all(&chunk)?;
            }
            stdin.flush()
        });
        let reader = scope.spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let produced = produce(&send);
        drop(send);
        let written = writer.join().expect("the writer thread does not panic");
        (
            produced,
            written,
            reader.join().expect("the reader thread does not panic"),
        )
    });
    let status = child.wait()?;
    if !status.success() {
        return Err(io::Error::other(format!(
            "git fast-import failed ({status}): {}",
            errors.trim()
        )));
    }
    written?;
    produced
}

/// `git` in `dir`, unaffected by the user's and the system's git configuration and by the
/// environment of an enclosing repository.
pub fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_OBJECT_DIRECTORY")
        .env_remove("GIT_COMMON_DIR");
    command
}

/// Runs a git command and returns its standard output.
pub fn run(command: &mut Command) -> io::Result<String> {
    let output = command.output()?;
    if !output.status.success() {
        return Err(io::Error::other(format!(
            "{:?} failed ({}): {}",
            command,
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
