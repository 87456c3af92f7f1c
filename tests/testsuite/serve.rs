//! `griffie serve`: the real binary on a temporary copy of the valid fixture, asked over HTTP
//! with hand-written requests. Every wait is bounded, and the child is killed on every path out.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support;
use crate::support::edit;
use crate::support::serve::{start, start_with_stderr};

const PATIENCE: Duration = Duration::from_secs(10);
const PAGE: &str = "/documenten/motie-speeltuinen/";
const SOURCE: &str = "content/moties/motie-speeltuinen.md";

/// `GET path` on the server: the status code and the body.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    get_as(port, path, &format!("127.0.0.1:{port}"))
}

/// `GET path` with `Host: host`.
fn get_as(port: u16, path: &str, host: &str) -> Option<(u16, String)> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    let answer = exchange(port, request.as_bytes()).ok()?;
    Some((answer.status?, answer.body))
}

/// What the server sent back on one connection, until it closed it.
struct Answer {
    /// `None`: it closed the connection without an answer.
    status: Option<u16>,
    head: String,
    body: String,
}

impl Answer {
    /// The value of header `name` (any letter case).
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (field, value) = line.split_once(':')?;
            field.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// Sends `request` as it is on a new connection and reads until the server closes it. An
/// error when the server neither answered nor closed within the patience (it hangs); a
/// connection the server reset counts as closed.
fn exchange(port: u16, request: &[u8]) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(PATIENCE))?;
    // The server may stop reading (and close) before the request is all sent.
    let _ = stream.write_all(request);
    let mut bytes = Vec::new();
    match stream.read_to_end(&mut bytes) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(e) => return Err(e),
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok());
    Ok(Answer {
        status,
        head: head.to_string(),
        body: body.to_string(),
    })
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

#[test]
fn edits_show_up_and_errors_show_an_overlay_until_fixed() {
    let project = support::project("valid-site");
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
    let on_disk = support::read(dir, ".griffie-cache/serve/site/documenten/motie-speeltuinen/index.html");
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
    let project = support::project("valid-site");
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

/// Threads of process `pid` now (Linux; `None` elsewhere).
fn threads(pid: u32) -> Option<usize> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn only_requests_for_a_loopback_name_are_answered() {
    let project = support::project("valid-site");
    let serve = start(project.path());
    let port = serve.port;
    poll_until(port, PAGE, "the first build", |b| b.contains("Veilige speeltuinen"));
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = get_as(port, PAGE, &host).expect("an answer");
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("Veilige speeltuinen"), "{host}");
    }
    // A page on another site that points its own name at 127.0.0.1 (DNS rebinding).
    let refused = [
        format!("GET {PAGE} HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"),
        format!("GET {PAGE} HTTP/1.1\r\nHost: 127.0.0.1:{port}.evil.example\r\nConnection: close\r\n\r\n"),
        format!(
            "GET {PAGE} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            port ^ 1
        ),
        format!("GET /__griffie/version HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"),
        // An absolute target naming another site, and no Host at all.
        format!("GET http://evil.example{PAGE} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
        format!("GET {PAGE} HTTP/1.1\r\nConnection: close\r\n\r\n"),
        format!("GET {PAGE} HTTP/1.0\r\n\r\n"),
    ];
    for request in refused {
        let answer = exchange(port, request.as_bytes()).expect("an answer");
        assert_eq!(answer.status, Some(403), "{request:?}");
        assert!(
            !answer.body.contains("<html") && !answer.body.contains("speeltuinen"),
            "no page for {request:?}: {}",
            answer.body
        );
    }
}

#[test]
fn idle_and_slow_connections_neither_take_threads_nor_delay_a_request() {
    const HELD: usize = 200;
    let project = support::project("valid-site");
    let serve = start(project.path());
    let port = serve.port;
    poll_until(port, PAGE, "the first build", |b| b.contains("Veilige speeltuinen"));
    let pid = serve.child.id();
    let threads_before = threads(pid);
    let mut held = Vec::with_capacity(HELD);
    for i in 0..HELD {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("a connection");
        if i % 2 == 1 {
            // Slow: a request head that never ends.
            let _ = stream.write_all(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ").as_bytes());
        }
        held.push(stream);
    }
    let started = Instant::now();
    let (status, body) = get(port, PAGE).expect("an answer while the connections are held");
    eprintln!(
        "a request while {HELD} idle and slow connections were held took {:?}",
        started.elapsed()
    );
    assert_eq!(status, 200);
    assert!(body.contains("Veilige speeltuinen"));
    if let (Some(before), Some(now)) = (threads_before, threads(pid)) {
        // The file threads may have started since; nothing per connection.
        assert!(
            now <= before + 6,
            "{before} threads before, {now} with {HELD} connections held"
        );
    }
    // The server closes every one of them once they have sent no complete head in time.
    let deadline = Instant::now() + Duration::from_secs(60);
    for stream in &mut held {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        stream.set_read_timeout(Some(left)).unwrap();
        let mut rest = Vec::new();
        match stream.read_to_end(&mut rest) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
            Err(e) => panic!("a held connection was not closed by the server: {e}"),
        }
    }
    assert_eq!(get(port, PAGE).map(|(status, _)| status), Some(200));
}

#[test]
fn oversized_request_heads_are_refused_without_hanging() {
    let project = support::project("valid-site");
    let serve = start(project.path());
    let port = serve.port;
    poll_until(port, "/", "the first build", |b| b.contains("</html>"));
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    let long_line = format!("GET /{} HTTP/1.1\r\n{host}\r\n", "a".repeat(100_000));
    let long_header = format!("GET / HTTP/1.1\r\n{host}X-Long: {}\r\n\r\n", "b".repeat(100_000));
    let many_headers: String = (0..200).map(|i| format!("X-Field-{i}: {i}\r\n")).collect();
    let many_headers = format!("GET / HTTP/1.1\r\n{host}{many_headers}\r\n");
    for (what, request) in [
        ("a long request line", long_line),
        ("a long header", long_header),
        ("many headers", many_headers.clone()),
    ] {
        let answer = exchange(port, request.as_bytes()).unwrap_or_else(|e| panic!("{what}: no answer ({e})"));
        // Refused with a status, or the connection closed (the server stops reading at its limit,
        // so the rest of a long request can make the system reset the connection first).
        assert!(
            matches!(answer.status, None | Some(400 | 414 | 431)),
            "{what}: {:?}",
            answer.status
        );
        assert!(!answer.body.contains("<html"), "{what}: no page");
    }
    // A head read whole but with too many fields: always the status itself.
    let answer = exchange(port, many_headers.as_bytes()).expect("an answer");
    assert_eq!(answer.status, Some(431));
    assert_eq!(get(port, "/").map(|(status, _)| status), Some(200), "still serving");
}

#[test]
fn a_folder_redirect_never_repeats_the_request() {
    let project = support::project("valid-site");
    let serve = start(project.path());
    let port = serve.port;
    poll_until(port, PAGE, "the first build", |b| b.contains("Veilige speeltuinen"));
    for (path, expected) in [
        ("/documenten/motie-speeltuinen", "/documenten/motie-speeltuinen/"),
        // A browser reads `//documenten/…` as another host.
        ("//documenten/motie-speeltuinen", "/documenten/motie-speeltuinen/"),
        ("/documenten/%2e//motie-speeltuinen", "/documenten/motie-speeltuinen/"),
        ("/./documenten", "/documenten/"),
    ] {
        let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
        let answer = exchange(port, request.as_bytes()).expect("an answer");
        assert_eq!(answer.status, Some(301), "{path}");
        assert_eq!(answer.header("Location"), Some(expected), "{path}");
    }
}

/// `griffie check --no-pdf --format json` in `dir`: its diagnostics with code `code`, as
/// (path, message).
#[cfg(unix)]
fn checked(dir: &Path, code: &str) -> Vec<(String, String)> {
    let output = assert_cmd::Command::new(support::griffie_bin())
        .args(["check", "--no-pdf", "--format", "json"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GRIFFIE_LANG")
        .env_remove("GITHUB_ACTIONS")
        .timeout(Duration::from_secs(120))
        .output()
        .expect("griffie check runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    support::with_code(&report, code)
        .into_iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Waits until serve's messages in `log`, after the first `from` bytes, hold `text`; returns
/// them.
#[cfg(unix)]
fn wait_for_log(log: &Path, from: usize, text: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let all = std::fs::read(log).unwrap_or_default();
        let seen = String::from_utf8_lossy(all.get(from..).unwrap_or_default()).into_owned();
        if seen.contains(text) {
            return seen;
        }
        assert!(
            Instant::now() < deadline,
            "serve never reported {text}; it said:\n{seen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Puts a symbolic link to `elsewhere`, or a FIFO, where the file `path` was.
#[cfg(unix)]
fn replace_by(code: &str, path: &Path, elsewhere: &Path) {
    std::fs::remove_file(path).unwrap();
    if code == "symlink-skipped" {
        std::os::unix::fs::symlink(elsewhere, path).unwrap();
    } else {
        let made = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
        assert!(made.success(), "mkfifo {}", path.display());
    }
}

#[cfg(unix)]
#[test]
fn a_document_replaced_by_a_symlink_or_fifo_is_skipped_as_in_a_build() {
    const MOTION: &str = "content/moties/motie-wijkcoaches.md";
    const MOTION_PAGE: &str = "/documenten/motie-wijkcoaches/";
    let project = support::project("valid-site");
    let dir = project.path();
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("serve.log");
    let serve = start_with_stderr(dir, Stdio::from(std::fs::File::create(&log).unwrap()));
    let port = serve.port;
    poll_until(port, MOTION_PAGE, "the first build", |b| b.contains("Meer wijkcoaches"));
    let original = support::read(dir, MOTION);
    let elsewhere = dir.join("elders.md");
    std::fs::write(&elsewhere, &original).unwrap();

    for code in ["symlink-skipped", "special-file-skipped"] {
        let from = std::fs::metadata(&log).unwrap().len() as usize;
        replace_by(code, &dir.join(MOTION), &elsewhere);
        // The letter that answers the motion now links to nothing, so the round fails and
        // prints its report: it has the same skip diagnostic as a build of the same folder.
        let report = wait_for_log(&log, from, code);
        let expected = checked(dir, code);
        assert_eq!(expected.len(), 1, "a build reports the skipped file once: {expected:?}");
        let (path, message) = &expected[0];
        assert!(path.ends_with("motie-wijkcoaches.md"), "{path}");
        assert!(
            report.contains(message.as_str()) && report.contains(path.as_str()),
            "serve reports what a build does ({path}: {message}); it said:\n{report}"
        );
        poll_until(port, "/", "the overlay", |b| b.contains("griffie-overlay"));
        let (status, _) = get(port, MOTION_PAGE).expect("still serving");
        assert_eq!(status, 200, "the last good page stays");

        std::fs::remove_file(dir.join(MOTION)).unwrap();
        std::fs::write(dir.join(MOTION), &original).unwrap();
        poll_until(port, "/", "the overlay to go", |b| !b.contains("griffie-overlay"));
    }
    edit(dir, MOTION, "title: Meer wijkcoaches", "title: Nog meer wijkcoaches");
    poll_until(port, MOTION_PAGE, "the next edit", |b| {
        b.contains("Nog meer wijkcoaches")
    });
}
