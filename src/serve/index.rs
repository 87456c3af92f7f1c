//! The preview's search index, made in the background after the reload.
//!
//! An edit changes its year's index (its words, its title, its filters; see [`crate::search`]),
//! which Pagefind needs about a second for at 10,000 documents (10 to 12 s for all years), so
//! no round waits for it: after the pages are written and the
//! browser told to reload, [`Indexer::submit`] hands the records to one worker thread and the
//! next round can start at once. Rounds that come while it works are coalesced: only the newest
//! waiting job is kept, so after a burst of saves the index is made twice at most, not once per
//! save. Until it is done the preview's `pagefind/` is the previous index (search finds the
//! previous words); when it is, the preview equals a build again.
//!
//! The worker waits for a pause in the saving ([`QUIET`]) before it starts, and runs at the
//! lowest CPU priority: on two cores a 10-second index beside every round made saves wait
//! (a median of 414 ms instead of 130 ms at 10,000 documents, measured).
//!
//! A full build replaces the whole preview folder, index included, so [`Indexer::cancel`]
//! drops the waiting job and makes the running one throw its files away; it waits only while
//! the worker is writing files, never while Pagefind works.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::output::DirOutput;
use crate::search;
use crate::urls::SEARCH_INDEX_FOLDER;

/// How long no new job may come before the worker starts on the waiting one.
const QUIET: Duration = Duration::from_millis(1500);

/// What to index, and where the files go.
pub(crate) struct Job {
    pub shards: search::Shards,
    pub language: String,
    /// The preview folder.
    pub output: PathBuf,
    /// `.griffie-cache/search/`.
    pub cache: PathBuf,
}

/// The background worker of one preview; started by the first job.
#[derive(Default)]
pub(crate) struct Indexer {
    shared: Arc<Shared>,
    started: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    /// The newest job not started yet.
    waiting: Option<(u64, Job)>,
    /// A job is being made (or written).
    running: bool,
    /// Raised by [`Indexer::cancel`]; a job of an older generation is not written.
    generation: u64,
    /// Jobs submitted so far: a new one restarts the quiet period.
    submitted: u64,
    /// Someone waits for the index ([`Indexer::wait`]): no quiet period.
    hurry: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Indexer {
    /// Queues `job` in place of any job still waiting.
    pub(crate) fn submit(&mut self, job: Job) {
        {
            let mut state = self.shared.lock();
            let generation = state.generation;
            state.waiting = Some((generation, job));
            state.submitted += 1;
        }
        self.shared.changed.notify_all();
        if !self.started {
            let shared = self.shared.clone();
            let spawned = std::thread::Builder::new()
                .name("preview-search-index".into())
                .spawn(move || work(&shared));
            self.started = spawned.is_ok();
            if !self.started {
                // No thread to be had: made here, as before the reload.
                let job = self.shared.lock().waiting.take();
                if let Some((_, job)) = job {
                    report(&make(job));
                }
            }
        }
    }

    /// Forgets the waiting job and makes the running one's files go unwritten (a full build
    /// is about to replace the preview folder).
    pub(crate) fn cancel(&mut self) {
        let mut state = self.shared.lock();
        state.waiting = None;
        state.generation += 1;
    }

    /// Waits until every submitted job is written (tests compare the preview with a build).
    pub(crate) fn wait(&self) {
        let mut state = self.shared.lock();
        state.hurry = true;
        self.shared.changed.notify_all();
        let mut idle = self
            .shared
            .changed
            .wait_while(state, |s| s.running || s.waiting.is_some())
            .unwrap_or_else(|e| e.into_inner());
        idle.hurry = false;
    }
}

fn work(shared: &Shared) {
    lowest_priority();
    loop {
        let (generation, job) = {
            let state = shared.lock();
            let mut state = shared
                .changed
                .wait_while(state, |s| s.waiting.is_none())
                .unwrap_or_else(|e| e.into_inner());
            // Until the clerk pauses: each save would make the index out of date again.
            loop {
                let seen = state.submitted;
                let (next, timeout) = shared
                    .changed
                    .wait_timeout_while(state, QUIET, |s| s.submitted == seen && !s.hurry && s.waiting.is_some())
                    .unwrap_or_else(|e| e.into_inner());
                state = next;
                if timeout.timed_out() || state.hurry || state.waiting.is_none() {
                    break;
                }
            }
            if state.waiting.is_none() {
                continue; // cancelled while waiting
            }
            state.running = true;
            state.waiting.take().expect("waited for a job")
        };
        let files = search::cached_index_files(job.shards, &job.language, Some(&job.cache), false);
        let mut state = shared.lock();
        // Written under the lock: `cancel` waits for it, so a full build never races it.
        if state.generation == generation {
            report(&write(files, &job.output));
        }
        state.running = false;
        drop(state);
        shared.changed.notify_all();
    }
}

/// Puts the calling thread (and the threads it starts) at the lowest CPU priority.
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority with this thread's own id only changes its scheduling priority.
    unsafe {
        let thread = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, thread as libc::id_t, 19);
    }
}

/// Makes and writes `job`'s index.
fn make(job: Job) -> Vec<Diagnostic> {
    let files = search::cached_index_files(job.shards, &job.language, Some(&job.cache), false);
    write(files, &job.output)
}

/// Writes the index's files into `output` and removes those of the previous index (its files
/// are named by their content).
fn write(files: anyhow::Result<search::Files>, output: &Path) -> Vec<Diagnostic> {
    let folder = DirOutput::new(output);
    let (mut problems, _) = search::write_files(files, &folder);
    if problems.is_empty() {
        problems.extend(remove_others(output, SEARCH_INDEX_FOLDER, &folder.written()));
    }
    problems
}

fn report(problems: &[Diagnostic]) {
    for problem in problems {
        eprintln!("{}", crate::t!("main.error", error = problem));
    }
}

/// Removes the files in `output/folder` that are not in `written` (paths relative to
/// `output`, with `/`).
fn remove_others(output: &Path, folder: &str, written: &HashSet<String>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(output.join(folder))
        .into_iter()
        .filter_map(Result::ok)
    {
        let relative = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let relative = relative.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_file() && !written.contains(&relative) {
            if let Err(err) = std::fs::remove_file(entry.path()) {
                problems.push(Diagnostic::error(
                    Code::Write,
                    Path::new(&relative),
                    crate::t!("search.cannot_remove", error = err),
                ));
            }
        }
    }
    problems
}
