//! Writing a `git fast-import` stream: blobs with marks, then commits that name them.
//!
//! Blobs go first, grouped per document and newest version first: fast-import stores each blob
//! as a delta against the blob before it, so a document's versions become a chain of small
//! deltas with the newest version whole, as `git gc` would pack them. A tiny unreachable blob
//! between two documents keeps one document's chain from continuing into the next (without it,
//! chains run through many documents up to fast-import's depth limit of 50).

use std::io::{self, Write};

use super::schedule::{CommitPlan, AUTHORS};

/// A change to one path in a commit.
pub enum FileOp {
    /// The blob with this mark.
    Modify {
        path: String,
        mark: u64,
    },
    /// Bytes given in the stream itself (configuration, templates); `executable` for mode 100755.
    Inline {
        path: String,
        data: Vec<u8>,
        executable: bool,
    },
    Delete {
        path: String,
    },
}

/// `blob` with `mark` and `data`.
pub fn blob(out: &mut Vec<u8>, mark: u64, data: &[u8]) {
    out.extend_from_slice(format!("blob\nmark :{mark}\ndata {}\n", data.len()).as_bytes());
    out.extend_from_slice(data);
    out.push(b'\n');
}

/// A blob no commit names, too small to be a delta base: the next blob is stored whole. Unique
/// per `document`, since fast-import skips a blob it already has.
pub fn separator(out: &mut Vec<u8>, document: usize) {
    let data = format!("{document}\n");
    out.extend_from_slice(format!("blob\ndata {}\n{data}\n", data.len()).as_bytes());
}

/// A commit on `main` with `ops`; the first commit in the stream starts the branch, every later
/// one continues it.
pub fn commit(out: &mut impl Write, plan: &CommitPlan, municipality: &str, ops: &[FileOp]) -> io::Result<()> {
    let (name, user) = AUTHORS[plan.author];
    let name = name.replace("{g}", municipality);
    let domain = griffie::slugify(municipality);
    let who = format!("{name} <{user}@{domain}.nl> {} {}", plan.time, plan.offset);
    writeln!(out, "commit refs/heads/main\nauthor {who}\ncommitter {who}")?;
    writeln!(out, "data {}\n{}", plan.message.len(), plan.message)?;
    for op in ops {
        match op {
            FileOp::Modify { path, mark } => writeln!(out, "M 100644 :{mark} {}", quote(path))?,
            FileOp::Inline { path, data, executable } => {
                let mode = if *executable { "100755" } else { "100644" };
                writeln!(out, "M {mode} inline {}\ndata {}", quote(path), data.len())?;
                out.write_all(data)?;
                out.write_all(b"\n")?;
            }
            FileOp::Delete { path } => writeln!(out, "D {}", quote(path))?,
        }
    }
    out.write_all(b"\n")
}

/// A path as fast-import reads it: C-style quoted when it starts with a quote or holds a
/// newline, backslash or quote; as is otherwise (spaces are fine at the end of a line).
fn quote(path: &str) -> String {
    if !path.contains(['"', '\n', '\\']) {
        return path.to_string();
    }
    let escaped = path.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_odd_paths() {
        assert_eq!(quote("content/a b.md"), "content/a b.md");
        assert_eq!(quote("templates/\"x\".html"), "\"templates/\\\"x\\\".html\"");
    }
}
