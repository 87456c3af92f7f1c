//! `griffie serve`: the real binary on a temporary copy of the valid fixture, asked over HTTP
//! with hand-written requests. Every wait is bounded, and the child is killed on every path out.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(10);
const PAGE: &str = "/documenten/motie-speeltuinen/";
const SOURCE: &str = "content/moties/motie-speeltuinen.md";

/// The server process; killed when dropped, also when an assertion fails.
struct Serve {
    child: Child,
    port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `griffie serve --port 0 --no-pdf` in `dir` and reads the URL it prints.
fn start(dir: &Path) -> Serve {
    let child = Command::new(env!("CARGO_BIN_EXE_griffie"))
        .args(["serve", "--port", "0", "--no-pdf"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GRIFFIE_LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
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
    let port = receiver.recv_timeout(Duration::from_secs(60)).ok().flatten();
    serve.port = port.expect("griffie serve prints its URL");
    serve
}

/// `GET path` on the server: the status code and the body.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n")?.1.to_string();
    Some((status, body))
}

/// Polls `path` until `ready` holds for the body; panics with the last body after the patience.
fn poll_until(port: u16, path: &str, what: &str, ready: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + PATIENCE;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Some((200, body)) = get(port, path) {
            if ready(&body) {
                return body;
            }
            last = body;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not happen within {PATIENCE:?}; last page:\n{last}");
}

fn edit(dir: &Path, path: &str, from: &str, to: &str) {
    let text = common::read(dir, path);
    assert!(text.contains(from), "{path} has no `{from}`");
    std::fs::write(dir.join(path), text.replace(from, to)).unwrap();
}

#[test]
fn edits_show_up_and_errors_show_an_overlay_until_fixed() {
    let project = common::project("valid-site");
    let dir = project.path();
    let serve = start(dir);
    let first = poll_until(serve.port, PAGE, "the first build", |b| {
        b.contains("Veilige speeltuinen")
    });
    assert!(
        first.contains("/__griffie/version"),
        "served pages get the reload script"
    );
    assert!(!first.contains("griffie-overlay"));
    let on_disk = common::read(dir, ".griffie-cache/serve/site/documenten/motie-speeltuinen/index.html");
    assert!(!on_disk.contains("__griffie"), "the script is never written to disk");
    assert!(!dir.join("output").exists(), "the preview keeps out of output/");

    edit(
        dir,
        SOURCE,
        "title: Veilige speeltuinen",
        "title: Keuring van speeltuinen",
    );
    poll_until(serve.port, PAGE, "the new title", |b| {
        b.contains("Keuring van speeltuinen")
    });
    // Open pages learn of the round: the edited one reloads, an unrelated one only moves on.
    let seen: u64 = first
        .split("var v=")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .and_then(|n| n.parse().ok())
        .expect("the script carries the build number");
    let poll = |page: &str| {
        let path = format!("/__griffie/version?since={seen}&page={page}");
        get(serve.port, &path).expect("an answer").1
    };
    let edited = poll("%2Fdocumenten%2Fmotie-speeltuinen%2F");
    assert!(
        edited.parse::<u64>().is_ok_and(|now| now > seen),
        "the edited page reloads: {edited:?}"
    );
    let other = poll("%2Fdocumenten%2Fraadsbrief-inkoop%2F");
    assert!(
        other
            .strip_prefix('=')
            .and_then(|n| n.parse::<u64>().ok())
            .is_some_and(|now| now > seen),
        "a page the round didn't write stays: {other:?}"
    );

    edit(dir, SOURCE, "status: aangenomen", "status: [aangenomen");
    let broken = poll_until(serve.port, PAGE, "the overlay", |b| b.contains("griffie-overlay"));
    assert!(broken.contains("role=\"alert\""));
    let place = broken
        .split("content/moties/motie-speeltuinen.md:")
        .nth(1)
        .unwrap_or("");
    assert!(
        place.starts_with(|c: char| c.is_ascii_digit()),
        "file and line in the overlay:\n{broken}"
    );
    assert!(broken.contains("Keuring van speeltuinen"), "the last good page stays");

    edit(dir, SOURCE, "status: [aangenomen", "status: aangenomen");
    poll_until(serve.port, PAGE, "the overlay to go", |b| {
        !b.contains("griffie-overlay")
    });
}

#[test]
fn requests_cannot_leave_the_site_folder() {
    let project = common::project("valid-site");
    let serve = start(project.path());
    poll_until(serve.port, "/", "the first build", |b| b.contains("</html>"));
    for path in [
        "/../Cargo.toml",
        "/../../../griffie.yaml",
        "/%2e%2e/griffie.yaml",
        "/documenten/%2E%2E/%2e%2e/%2e%2e/griffie.yaml",
    ] {
        let (status, body) = get(serve.port, path).expect("an answer");
        assert_eq!(status, 403, "{path}");
        assert!(!body.contains("title:"), "{path}");
    }
    let (status, body) = get(serve.port, "/no-such-page/").expect("an answer");
    assert_eq!(status, 404);
    assert!(body.contains("Pagina niet gevonden"), "the site's own 404 page");
}
