//! The preview's HTTP side (tiny_http): files from the preview folder on 127.0.0.1 only, with
//! content types, `index.html` for folders, the site's `404.html`, and the reload endpoint.
//!
//! Guarantees: a request can only reach files inside the served folder. Paths are
//! percent-decoded first and refused (403) if any segment is `..` or holds a backslash or NUL,
//! and the file found must still lie inside the folder after resolving symbolic links.

use std::io::Cursor;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::anyhow;
use tiny_http::{Header, Request, Response, StatusCode};

use super::{inject, Shared};

/// How long a reload poll waits for a new build before answering with the current number.
const POLL_WAIT: Duration = Duration::from_secs(25);

/// The bound server; [`Server::run`] answers requests until the process ends.
pub struct Server {
    server: tiny_http::Server,
    root: PathBuf,
    shared: Arc<Shared>,
}

impl Server {
    /// Binds 127.0.0.1:`port` (0: a free port chosen by the system).
    pub fn bind(port: u16, root: &Path, shared: Arc<Shared>) -> anyhow::Result<Server> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let server = tiny_http::Server::http(address)
            .map_err(|e| anyhow!(crate::t!("serve.cannot_listen", address = address, error = e)))?;
        Ok(Server {
            server,
            root: root.to_path_buf(),
            shared,
        })
    }

    /// `http://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        match self.server.server_addr().to_ip() {
            Some(address) => format!("http://{address}/"),
            None => crate::t!("serve.not_tcp"),
        }
    }

    /// Answers each request on its own thread (reload polls wait for minutes at a time).
    pub fn run(self) {
        let root = Arc::new(self.root);
        for request in self.server.incoming_requests() {
            let (root, shared) = (root.clone(), self.shared.clone());
            std::thread::spawn(move || answer(request, &root, &shared));
        }
    }
}

type Reply = Response<Cursor<Vec<u8>>>;

fn answer(request: Request, root: &Path, shared: &Shared) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let reply = if path == "/__griffie/version" {
        version(query, root, shared)
    } else {
        file(path, root, shared)
    };
    // The browser may have gone away (a reload while polling); nothing to do about that.
    let _ = request.respond(reply);
}

/// The long poll of the reload script: the new build number when the page must reload, or
/// `=N` when builds happened that didn't write its file (it goes on waiting from `N`).
fn version(query: &str, root: &Path, shared: &Shared) -> Reply {
    let value = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
    };
    let since = value("since").and_then(|v| v.parse::<u64>().ok());
    let body = match since {
        Some(seen) => {
            let file = value("page").and_then(|page| served_file(page, root));
            let change = shared.wait_for_change(seen, file.as_deref(), POLL_WAIT);
            match change.reload {
                true => change.version.to_string(),
                false => format!("={}", change.version),
            }
        }
        None => shared.snapshot().0.to_string(),
    };
    text(200, "text/plain; charset=utf-8", body.into_bytes())
}

/// The file a page address shows, relative to the served folder with `/` separators; `None`
/// when there is none (a 404 page, which any build may change).
fn served_file(page: &str, root: &Path) -> Option<String> {
    // The script sends the path percent-encoded once more, as a query value.
    let page = percent_encoding::percent_decode_str(page).decode_utf8().ok()?;
    let mut relative = safe_relative(&page)?;
    if root.join(&relative).is_dir() {
        relative.push("index.html");
    }
    root.join(&relative).is_file().then(|| {
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    })
}

fn file(path: &str, root: &Path, shared: &Shared) -> Reply {
    let Some(relative) = safe_relative(path) else {
        return text(
            403,
            "text/plain; charset=utf-8",
            format!("{}\n", crate::t!("serve.forbidden")).into_bytes(),
        );
    };
    let mut target = root.join(&relative);
    if target.is_dir() {
        if !path.ends_with('/') {
            return redirect(&format!("{path}/"));
        }
        target.push("index.html");
    }
    match read_inside(&target, root) {
        Some(bytes) => page(200, &target, bytes, shared),
        None => not_found(root, shared),
    }
}

/// The request path as a relative path inside the served folder; `None` when it could escape.
pub fn safe_relative(path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    let mut relative = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(['\\', '\0']) || s.contains(':') => return None,
            s => relative.push(s),
        }
    }
    Some(relative)
}

/// The file's bytes, if it is a file that (symbolic links resolved) lies inside `root`.
fn read_inside(target: &Path, root: &Path) -> Option<Vec<u8>> {
    let real = target.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file())
        .then(|| std::fs::read(&real).ok())
        .flatten()
}

fn not_found(root: &Path, shared: &Shared) -> Reply {
    let path = root.join("404.html");
    let bytes = std::fs::read(&path).unwrap_or_else(|_| {
        let title = crate::t!("serve.not_found");
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
             <body><h1>{title}</h1></body></html>"
        )
        .into_bytes()
    });
    page(404, &path, bytes, shared)
}

/// A file response; HTML gets the reload script and, after a failed build, the overlay.
fn page(status: u16, path: &Path, bytes: Vec<u8>, shared: &Shared) -> Reply {
    let content_type = content_type(path);
    if !content_type.starts_with("text/html") {
        return text(status, content_type, bytes);
    }
    let (version, problems) = shared.snapshot();
    let html = String::from_utf8_lossy(&bytes);
    let body = inject::inject(&html, version, problems.as_deref());
    text(status, content_type, body.into_bytes())
}

/// The content type by file extension.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

fn text(status: u16, content_type: &str, bytes: Vec<u8>) -> Reply {
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

fn redirect(location: &str) -> Reply {
    text(301, "text/plain; charset=utf-8", Vec::new()).with_header(header("Location", location))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_paths_are_refused() {
        for path in [
            "/../Cargo.toml",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a%5c..%5cb",
            "/C:/x",
        ] {
            assert_eq!(safe_relative(path), None, "{path}");
        }
    }

    #[test]
    fn ordinary_paths_stay_inside() {
        assert_eq!(
            safe_relative("/documenten/a%20b/"),
            Some(PathBuf::from("documenten/a b"))
        );
        assert_eq!(safe_relative("/"), Some(PathBuf::new()));
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("b.PDF")), "application/pdf");
        assert_eq!(content_type(Path::new("feed.xml")), "application/xml");
        assert_eq!(content_type(Path::new("logo.svg")), "image/svg+xml");
    }
}
