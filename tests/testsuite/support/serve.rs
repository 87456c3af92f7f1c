//! `griffie serve` as a child process, for the tests of the preview and of the project lock.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The server process; killed (SIGKILL) when dropped, also when an assertion fails.
pub struct Serve {
    pub child: Child,
    pub port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `griffie serve --port 0 --no-pdf` in `dir` and reads the URL it prints.
pub fn start(dir: &Path) -> Serve {
    start_with_stderr(dir, Stdio::null())
}

/// [`start`], its messages (the report of each round) going to `stderr`.
pub fn start_with_stderr(dir: &Path, stderr: Stdio) -> Serve {
    let child = Command::new(super::griffie_bin())
        .args(["serve", "--port", "0", "--no-pdf"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GRIFFIE_LANG")
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("griffie serve starts");
    let mut serve = Serve { child, port: 0 };
    let stdout = serve.child.stdout.take().expect("stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let _ = sender.send(rest.trim_end_matches('/').parse::<u16>().ok());
            }
        }
    });
    // The first build comes before the URL; the whole suite may be running beside it.
    let port = receiver.recv_timeout(Duration::from_secs(120)).ok().flatten();
    serve.port = port.expect("griffie serve prints its URL");
    serve
}
