//! What the preview answers for a path: a file of the preview folder with its content type,
//! `index.html` for a folder, the site's `404.html`, or a redirect to the folder's address.
//!
//! Guarantees:
//! - A request can only reach files inside the served folder. Paths are percent-decoded first
//!   and refused (403) if any segment is `..` or holds a backslash, colon or NUL, and the file
//!   found must still lie inside the folder after resolving symbolic links.
//! - A redirect's `Location` is made from the normalised path, every segment percent-encoded
//!   again: nothing of the request's own text (`//other.host`, line breaks, quotes) reaches it.
//!
//! These functions read the disk, so [`super::http`] runs them on its blocking threads.

use std::path::{Path, PathBuf};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::{inject, Shared};

/// An answer, before it becomes an HTTP response.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Where a redirect goes: a path made by [`folder_location`].
    pub location: Option<String>,
}

impl Reply {
    /// A plain-text answer (a message for people, from the catalog).
    pub(crate) fn text(status: u16, message: String) -> Reply {
        Reply {
            status,
            content_type: TEXT,
            body: format!("{message}\n").into_bytes(),
            location: None,
        }
    }
}

/// The content type of plain text.
pub(crate) const TEXT: &str = "text/plain; charset=utf-8";

/// Everything but the unreserved characters of RFC 3986 is encoded in a redirect's segments.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The answer for the request path `path` (without its query).
pub(crate) fn answer(path: &str, root: &Path, shared: &Shared) -> Reply {
    let Some(relative) = safe_relative(path) else {
        return Reply::text(403, crate::t!("serve.forbidden"));
    };
    let mut target = root.join(&relative);
    if target.is_dir() {
        if !path.ends_with('/') {
            return redirect(folder_location(&relative));
        }
        target.push("index.html");
    }
    match read_inside(&target, root) {
        Some(bytes) => page(200, &target, bytes, shared),
        None => not_found(root, shared),
    }
}

/// The request path as a relative path inside the served folder; `None` when it could escape.
pub(crate) fn safe_relative(path: &str) -> Option<PathBuf> {
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

/// The address of the folder `relative` (a [`safe_relative`] path): `/a%20b/c/`.
pub(crate) fn folder_location(relative: &Path) -> String {
    let mut location = String::from("/");
    for segment in relative.components() {
        let segment = segment.as_os_str().to_string_lossy();
        location.extend(utf8_percent_encode(&segment, SEGMENT));
        location.push('/');
    }
    location
}

/// The file a page address shows, relative to the served folder with `/` separators; `None`
/// when there is none (a 404 page, which any build may change).
pub(crate) fn served_file(page: &str, root: &Path) -> Option<String> {
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

/// The file's bytes, if it is a file that (symbolic links resolved) lies inside `root`.
fn read_inside(target: &Path, root: &Path) -> Option<Vec<u8>> {
    let real = target.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file())
        .then(|| std::fs::read(&real).ok())
        .flatten()
}

fn not_found(root: &Path, shared: &Shared) -> Reply {
    let path = root.join(crate::urls::file(crate::urls::NOT_FOUND));
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

/// A file's answer; HTML gets the reload script and, after a failed build, the overlay.
fn page(status: u16, path: &Path, bytes: Vec<u8>, shared: &Shared) -> Reply {
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        let (version, problems) = shared.snapshot();
        let html = String::from_utf8_lossy(&bytes);
        inject::inject(&html, version, problems.as_deref()).into_bytes()
    } else {
        bytes
    };
    Reply {
        status,
        content_type,
        body,
        location: None,
    }
}

fn redirect(location: String) -> Reply {
    Reply {
        status: 301,
        content_type: TEXT,
        body: Vec::new(),
        location: Some(location),
    }
}

/// The content type by file extension.
pub(crate) fn content_type(path: &Path) -> &'static str {
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
        "txt" => TEXT,
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
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
    fn a_folder_redirect_is_made_from_the_normalised_path() {
        let cases = [
            ("//evil.example", "/evil.example/"),
            ("/./documenten//a%20b", "/documenten/a%20b/"),
            ("/x%0d%0aSet-Cookie:%20a", "/x%0D%0ASet-Cookie%3A%20a/"),
            ("/%22%3E%3Cscript%3E", "/%22%3E%3Cscript%3E/"),
        ];
        for (path, expected) in cases {
            // `:` is refused by `safe_relative`; the location must be safe for any segment.
            let relative: PathBuf = percent_encoding::percent_decode_str(path)
                .decode_utf8()
                .unwrap()
                .split('/')
                .filter(|s| !s.is_empty() && *s != ".")
                .collect();
            assert_eq!(folder_location(&relative), expected, "{path}");
        }
        assert_eq!(folder_location(Path::new("")), "/");
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("b.PDF")), "application/pdf");
        assert_eq!(content_type(Path::new("feed.xml")), "application/xml");
        assert_eq!(content_type(Path::new("logo.svg")), "image/svg+xml");
    }
}
