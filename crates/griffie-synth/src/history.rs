//! A synthetic corpus with a git history: every document has versions, some are moved to
//! another path (same id) and some are deleted, as in a clerk's real repository.
//!
//! Why it exists: griffie shows a document's versions from git history (every commit that changed
//! its source file, following renames) and promises to read and render the history of 10,000
//! documents with 20 versions each within seconds. Measuring that needs such a repository, made
//! quickly and reproducibly.
//!
//! What it guarantees:
//! - **Valid in every commit.** Edits are small and keep each version a valid document (see
//!   `history/edit.rs`); deleted documents are ones no other document links to. A build of any commit
//!   gives no errors or warnings.
//! - **Reproducible.** The same [`SynthOptions`] (seed, size, municipality, templates) and
//!   [`HistoryOptions`] give the same commits, with the same commit ids: authors, dates and
//!   messages come from the seed, never from the clock or the user's git configuration.
//! - **Clean.** The working tree is the last commit's tree; `git status` shows nothing.
//!
//! How: the whole history is planned first (`history/schedule.rs`), each document's versions
//! are made in memory in parallel, and one `git fast-import` stream writes blobs and commits
//! straight into a pack (`history/stream.rs`, `history/git.rs`). `git` must be installed;
//! griffie itself never runs it.

mod edit;
mod git;
mod schedule;
mod stream;

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::Path;
use std::sync::mpsc;

use fastrand::Rng;
use jiff::civil::Date;
use rayon::prelude::*;

use super::{config_yaml, copy_dir, file_name, plan, summarise_kept, SynthOptions, SynthSummary};
use edit::DocText;
use git::{fast_import, git, run};
use schedule::{EditKind, Event, Op, Schedule};
use stream::FileOp;

/// The history to make on top of a corpus.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// Average number of versions per document, the first included. 1 gives a single commit
    /// (plus rename and deletion commits). The history has `10 × (versions − 1)` edit commits.
    pub commits_per_doc: usize,
    /// Documents moved to another path (same id) at some commit.
    pub renames: usize,
    /// Documents deleted at some commit, never to come back. Only documents no other document
    /// links to are deleted, so fewer may be deleted than asked in a tightly linked corpus.
    pub deletions: usize,
    /// The day of the first commit (the import); later commits follow one per working day.
    pub start: Date,
}

impl HistoryOptions {
    /// The defaults for a corpus of `docs` documents: 1 % renamed, 0.5 % deleted.
    pub fn for_docs(docs: usize, commits_per_doc: usize) -> HistoryOptions {
        HistoryOptions {
            commits_per_doc,
            renames: docs / 100,
            deletions: docs / 200,
            ..HistoryOptions::default()
        }
    }
}

impl Default for HistoryOptions {
    fn default() -> HistoryOptions {
        HistoryOptions {
            commits_per_doc: 20,
            renames: 0,
            deletions: 0,
            // The day after the newest possible document: the archive moves into git complete.
            start: Date::constant(2026, 7, 1),
        }
    }
}

/// What [`generate_history`] made.
#[derive(Debug, Clone, Default)]
pub struct HistorySummary {
    /// The corpus as it stands in the last commit (deleted documents not counted).
    pub corpus: SynthSummary,
    pub commits: usize,
    /// (document, commit) pairs where the commit added, changed or moved the document's file:
    /// what `git log --follow` lists for it, the deletion not included.
    pub versions: usize,
    /// Bytes of all those versions together.
    pub version_bytes: u64,
    pub renamed: Vec<Renamed>,
    pub deleted: Vec<Deleted>,
    /// The id of the last commit.
    pub head: String,
}

/// A document moved to another path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub id: String,
    /// Paths relative to the project folder, with `/`.
    pub from: String,
    pub to: String,
    /// The commit's position in the history; 0 is the first commit.
    pub commit: usize,
    /// `true` when the same commit also makes a small edit.
    pub edited: bool,
}

/// A document deleted for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    pub id: String,
    pub path: String,
    pub commit: usize,
}

impl fmt::Display for HistorySummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let documents = self.corpus.documents + self.deleted.len();
        write!(
            f,
            "{} commits, {} versions of {documents} documents ({:.1} per document, {:.0} MB), {} renamed, {} deleted; HEAD {}",
            self.commits,
            self.versions,
            self.versions as f64 / documents.max(1) as f64,
            self.version_bytes as f64 / 1_000_000.0,
            self.renamed.len(),
            self.deleted.len(),
            self.head.get(..12).unwrap_or(&self.head)
        )
    }
}

/// Writes the project [`super::generate`] would write into `dir`, as a git repository whose
/// history evolves it (see the module documentation). `dir` must not be a git repository yet.
/// The branch is `main`; the working tree and index match its last commit. Without council data
/// (`options.council` is ignored): a history that deletes documents would have to rewrite the
/// agendas naming them.
pub fn generate_history(options: &SynthOptions, history: &HistoryOptions, dir: &Path) -> io::Result<HistorySummary> {
    if dir.join(".git").exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is already a git repository", dir.display()),
        ));
    }
    let mut rng = Rng::with_seed(options.seed);
    let docs = plan::plan(&mut rng, options.docs, options.seed);
    let paths: Vec<String> = docs.iter().map(first_path).collect();
    let schedule = schedule::schedule(&docs, &paths, history, options.seed);
    let mut layout = Layout::new(&docs, &schedule, paths);

    std::fs::create_dir_all(dir)?;
    let (project, template_files) = write_project_files(options, dir)?;
    layout.ops[0].splice(0..0, project);
    create_folders(dir, &layout)?;
    run(git(dir).args(["-c", "init.defaultBranch=main", "init", "--quiet"]))?;
    let pinned = edit::pinned_dates(&docs);
    let maker = Maker {
        docs: &docs,
        schedule: &schedule,
        layout: &layout,
        pinned: &pinned,
        municipality: &options.municipality,
        dir,
    };
    let bytes = fast_import(dir, |send| maker.send_all(send))?;
    run(git(dir).args(["config", "griffie.synthetic", "true"]))?;
    run(git(dir).args(["reset", "--quiet"]))?;
    let head = run(git(dir).args(["rev-parse", "HEAD"]))?.trim().to_string();

    let mut corpus = summarise_kept(&docs, |i| layout.last_path[i].is_some());
    corpus.content_bytes = bytes.content;
    corpus.template_files = template_files;
    Ok(HistorySummary {
        corpus,
        commits: schedule.commits.len(),
        versions: layout.versions,
        version_bytes: bytes.versions,
        renamed: layout.renamed,
        deleted: layout.deleted,
        head,
    })
}

/// Where a document starts: where [`super::generate`] writes it.
fn first_path(doc: &plan::Planned) -> String {
    let (doc_type, year) = (doc.doc_type.plural_slug(), doc.date.year());
    format!("content/{doc_type}/{year}/{}", file_name(doc))
}

/// The folders of the documents' last versions.
fn create_folders(dir: &Path, layout: &Layout) -> io::Result<()> {
    let folders: BTreeSet<&str> = layout
        .last_path
        .iter()
        .flatten()
        .filter_map(|p| Some(p.rsplit_once('/')?.0))
        .collect();
    for folder in folders {
        std::fs::create_dir_all(dir.join(folder))?;
    }
    Ok(())
}

/// `true` when `dir` is a repository [`generate_history`] made (so a tool may replace it).
pub fn is_generated_repository(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(".git/config"))
        .is_ok_and(|c| c.contains("[griffie]") && c.contains("synthetic = true"))
}

/// Where every version goes: marks, paths, the file operations of each commit.
struct Layout {
    /// Per document: the mark of its first blob; later versions count up from it.
    first_mark: Vec<u64>,
    /// Per document: its path after the last commit, `None` when deleted.
    last_path: Vec<Option<String>>,
    /// Per commit, in document order.
    ops: Vec<Vec<FileOp>>,
    versions: usize,
    renamed: Vec<Renamed>,
    deleted: Vec<Deleted>,
}

impl Layout {
    fn new(docs: &[plan::Planned], schedule: &Schedule, paths: Vec<String>) -> Layout {
        let mut layout = Layout {
            first_mark: Vec::with_capacity(docs.len()),
            last_path: Vec::with_capacity(docs.len()),
            ops: (0..schedule.commits.len()).map(|_| Vec::new()).collect(),
            versions: 0,
            renamed: Vec::new(),
            deleted: Vec::new(),
        };
        let mut next_mark = 1;
        for ((doc, events), path) in docs.iter().zip(&schedule.events).zip(paths) {
            layout.first_mark.push(next_mark);
            let mut path = Some(path);
            let mut blobs = 0;
            for event in events {
                let current = path.clone().expect("no event after a deletion");
                let ops = &mut layout.ops[event.commit];
                match &event.op {
                    Op::Add | Op::Edit(_) => {
                        ops.push(FileOp::Modify {
                            path: current,
                            mark: next_mark + blobs,
                        });
                        blobs += 1;
                    }
                    Op::Move { to, edit } => {
                        blobs += u64::from(*edit);
                        ops.push(FileOp::Delete { path: current.clone() });
                        ops.push(FileOp::Modify {
                            path: to.clone(),
                            mark: next_mark + blobs - 1,
                        });
                        layout.renamed.push(Renamed {
                            id: doc.id.clone(),
                            from: current,
                            to: to.clone(),
                            commit: event.commit,
                            edited: *edit,
                        });
                        path = Some(to.clone());
                    }
                    Op::Delete => {
                        ops.push(FileOp::Delete { path: current.clone() });
                        layout.deleted.push(Deleted {
                            id: doc.id.clone(),
                            path: current,
                            commit: event.commit,
                        });
                        path = None;
                    }
                }
                layout.versions += usize::from(event.op != Op::Delete);
            }
            next_mark += blobs;
            layout.last_path.push(path);
        }
        layout
    }
}

/// Everything needed to make the documents' versions and send them to fast-import.
struct Maker<'a> {
    docs: &'a [plan::Planned],
    schedule: &'a Schedule,
    layout: &'a Layout,
    pinned: &'a [bool],
    municipality: &'a str,
    dir: &'a Path,
}

/// Bytes of the last versions (the working tree) and of all versions.
#[derive(Default)]
struct Bytes {
    content: u64,
    versions: u64,
}

/// Documents whose versions are made together, then sent in one piece.
const CHUNK: usize = 128;

impl Maker<'_> {
    /// Sends every blob, then every commit; writes each document's last version to disk.
    fn send_all(&self, send: &mpsc::SyncSender<Vec<u8>>) -> io::Result<Bytes> {
        let mut total = Bytes::default();
        for start in (0..self.docs.len()).step_by(CHUNK) {
            let end = (start + CHUNK).min(self.docs.len());
            let made: Vec<(Vec<u8>, Bytes)> = (start..end)
                .into_par_iter()
                .map(|d| self.document(d))
                .collect::<io::Result<_>>()?;
            let mut chunk = Vec::with_capacity(made.iter().map(|m| m.0.len()).sum());
            for (blobs, bytes) in made {
                chunk.extend_from_slice(&blobs);
                total.content += bytes.content;
                total.versions += bytes.versions;
            }
            if send.send(chunk).is_err() {
                return Err(io::Error::new(io::ErrorKind::BrokenPipe, "git fast-import stopped"));
            }
        }
        let mut commits = Vec::new();
        for (plan, ops) in self.schedule.commits.iter().zip(&self.layout.ops) {
            stream::commit(&mut commits, plan, self.municipality, ops)?;
        }
        commits.extend_from_slice(b"done\n");
        send.send(commits)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "git fast-import stopped"))?;
        Ok(total)
    }

    /// Document `d`'s blobs, newest first, and its last version written to disk.
    fn document(&self, d: usize) -> io::Result<(Vec<u8>, Bytes)> {
        let doc = &self.docs[d];
        let mut text = DocText::new(self.docs, d, self.municipality, self.pinned[d]);
        let mut versions: Vec<String> = Vec::new();
        for Event { commit, op } in &self.schedule.events[d] {
            let mut rng = Rng::with_seed(doc.seed ^ (*commit as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407));
            match op {
                Op::Add => {}
                Op::Edit(kind) => text.edit(*kind, &mut rng),
                Op::Move { edit: true, .. } => text.edit(EditKind::Typo, &mut rng),
                Op::Move { edit: false, .. } | Op::Delete => continue,
            }
            versions.push(text.text());
        }
        let mut bytes = Bytes {
            content: 0,
            versions: versions.iter().map(|v| v.len() as u64).sum(),
        };
        let mut blobs = Vec::with_capacity(bytes.versions as usize + 64 * versions.len());
        let first = self.layout.first_mark[d];
        stream::separator(&mut blobs, d);
        for (k, version) in versions.iter().enumerate().rev() {
            stream::blob(&mut blobs, first + k as u64, version.as_bytes());
        }
        if let (Some(path), Some(last)) = (&self.layout.last_path[d], versions.last()) {
            std::fs::write(self.dir.join(path), last)?;
            bytes.content = last.len() as u64;
        }
        Ok((blobs, bytes))
    }
}

/// `griffie.yaml`, `.gitignore` and the templates, on disk and as the import commit's files.
fn write_project_files(options: &SynthOptions, dir: &Path) -> io::Result<(Vec<FileOp>, usize)> {
    let mut files = vec![
        (".gitignore".to_string(), GITIGNORE.as_bytes().to_vec()),
        (
            griffie::CONFIG_FILE.to_string(),
            config_yaml(&options.municipality, false).into_bytes(),
        ),
    ];
    for (path, data) in &files {
        std::fs::write(dir.join(path), data)?;
    }
    let mut ops: Vec<FileOp> = files
        .drain(..)
        .map(|(path, data)| FileOp::Inline {
            path,
            data,
            executable: false,
        })
        .collect();
    let Some(from) = &options.templates_from else {
        return Ok((ops, 0));
    };
    let templates = dir.join("templates");
    let count = copy_dir(from, &templates)?;
    for entry in walkdir::WalkDir::new(&templates).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
        let path: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        ops.push(FileOp::Inline {
            path: path.join("/"),
            data: std::fs::read(entry.path())?,
            executable: is_executable(&entry.metadata().map_err(io::Error::other)?),
        });
    }
    Ok((ops, count))
}

#[cfg(unix)]
fn is_executable(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &std::fs::Metadata) -> bool {
    false
}

/// What griffie writes into a project folder and nobody commits.
const GITIGNORE: &str = "# Written by `griffie build`; never committed.\n/output/\n/.output.previous/\n/.output.staging/\n/.griffie-cache/\n";
