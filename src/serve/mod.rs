//! `griffie serve`: a local preview with live reload and an error overlay.
//!
//! The preview builds into its own folder (by default `.griffie-cache/serve/site`), never into
//! `output/`, so a preview can't replace the published site. It serves that folder on loopback
//! only, to requests addressed to it by a loopback name, with bounded threads and timeouts
//! ([`http`], [`host`], [`files`]), watches the sources and rebuilds on change ([`watch`]), and
//! adds a small script and, after a failed build, an overlay to every served HTML page
//! ([`inject`]); files on disk are never touched by either.
//!
//! A [`session`] keeps the site in memory between saves: an edit of a document re-renders only
//! the pages it touches ([`affected`]), anything larger is a full [`crate::build`]. Either way a
//! failed round leaves the last good pages in place, so the browser keeps showing them, with
//! the overlay listing the problems. A round that panics (a bug) is caught ([`run_round`]): the
//! overlay says so and the next save makes a full build.

pub(crate) mod affected;
pub(crate) mod files;
pub(crate) mod host;
pub(crate) mod http;
pub(crate) mod index;
pub(crate) mod inject;
pub(crate) mod session;
pub(crate) mod watch;

use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use crate::build::BuildOptions;
use session::{Round, Session};

/// What `griffie serve` needs: the build to run (its `paths.output` is the preview folder) and
/// the loopback port (0: any free port).
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub port: u16,
    /// Print how long each step of every round took.
    pub timings: bool,
}

/// One problem as the overlay shows it: already relative to the project folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

/// The state every request reads: the build number, what each recent build changed, and, after
/// a failed build, its problems.
#[derive(Debug, Default)]
pub(crate) struct Status {
    /// Goes up after every build, failed or not; pages reload when it changes.
    pub version: u64,
    /// `Some` while the latest build failed.
    pub problems: Option<Vec<Problem>>,
    /// The last builds: their number and the files they wrote (`None`: any page may have
    /// changed). A page whose file none of the builds since its own wrote needn't reload.
    recent: std::collections::VecDeque<(u64, Option<BTreeSet<String>>)>,
}

/// How many builds [`Status::recent`] remembers; a page older than that reloads.
const RECENT_BUILDS: usize = 32;

/// [`Status`] shared between the watcher thread and the HTTP side; waiting pages are woken
/// through a tokio watch channel of the build number, so a long poll holds no thread.
#[derive(Debug)]
pub struct Shared {
    status: Mutex<Status>,
    builds: tokio::sync::watch::Sender<u64>,
    /// Set by the watcher when a source changes, cleared when a round takes the changes: the
    /// work a round leaves for after the reload stops early when it is set, because a newer
    /// round will redo it.
    sources_changed: std::sync::atomic::AtomicBool,
}

impl Default for Shared {
    fn default() -> Shared {
        Shared {
            status: Mutex::default(),
            builds: tokio::sync::watch::Sender::new(0),
            sources_changed: std::sync::atomic::AtomicBool::new(false),
        }
    }
}

/// What a waiting page learns: the current build number, and whether it must reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub version: u64,
    pub reload: bool,
}

impl Shared {
    /// Whether a source changed since the running round took its changes.
    pub(crate) fn sources_changed(&self) -> bool {
        self.sources_changed.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Called by the watcher before it passes the changes on.
    pub(crate) fn note_sources_changed(&self) {
        self.sources_changed.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Called by a round once it has taken every change queued for it.
    pub(crate) fn note_changes_taken(&self) {
        self.sources_changed.store(false, std::sync::atomic::Ordering::SeqCst);
    }

    /// The build number and the problems of the latest build.
    pub fn snapshot(&self) -> (u64, Option<Vec<Problem>>) {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        (status.version, status.problems.clone())
    }

    /// Records a finished build that wrote `files` (relative to the preview folder, `/`
    /// separated; `None`: any) and wakes every waiting page. When the problems shown change,
    /// every page reloads to show or drop the overlay.
    pub fn finish_build(&self, problems: Option<Vec<Problem>>, files: Option<BTreeSet<String>>) {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let files = if status.problems == problems { files } else { None };
        status.version += 1;
        status.problems = problems;
        let version = status.version;
        status.recent.push_back((version, files));
        while status.recent.len() > RECENT_BUILDS {
            status.recent.pop_front();
        }
        drop(status);
        self.builds.send_replace(version);
    }

    /// Waits until the build number differs from `seen` or `timeout` passes, then tells the
    /// page what [`Shared::change_since`] says.
    pub async fn wait_for_change(&self, seen: u64, file: Option<&str>, timeout: Duration) -> Change {
        let mut builds = self.builds.subscribe();
        // Looks at the current number first, so a build that ended just before is not missed.
        let _ = tokio::time::timeout(timeout, builds.wait_for(|&version| version != seen)).await;
        self.change_since(seen, file)
    }

    /// The build number now, and whether the page showing `file` (`None`: unknown), which has
    /// seen build `seen`, must reload: a build since may have written its file.
    pub fn change_since(&self, seen: u64, file: Option<&str>) -> Change {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let version = status.version;
        if version == seen {
            return Change { version, reload: false };
        }
        let remembered = status.recent.front().is_some_and(|(first, _)| *first <= seen + 1) && seen < version;
        let reload = !remembered
            || status
                .recent
                .iter()
                .filter(|(number, _)| *number > seen)
                .any(|(_, files)| match (files, file) {
                    (Some(files), Some(file)) => files.contains(file),
                    _ => true,
                });
        Change { version, reload }
    }
}

/// Builds once, then serves and rebuilds on change until the process is stopped. Holds the
/// project's lock ([`crate::lock`]) all the while: a `griffie build` beside it is refused.
pub fn serve(options: &ServeOptions) -> anyhow::Result<()> {
    let _lock = crate::lock::ProjectLock::acquire(&options.build.paths.cache, "griffie serve")?;
    if let Some(parent) = options.build.paths.output.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let shared = std::sync::Arc::new(Shared::default());
    let (_watcher, changes) = watch::watch(&options.build, shared.clone())?;
    let mut session = Session::new(options.build.clone());
    session.show_timings = options.timings;
    run_round(&mut session, &shared, &options.build.paths.content, Session::full);
    let server = http::Server::bind(options.port, &options.build.paths.output, shared.clone())?;
    println!(
        "{}",
        crate::t!(
            "serve.serving",
            folder = options.build.paths.shown(&options.build.paths.output).display(),
            url = server.url()
        )
    );
    println!("{}", crate::t!("serve.stop"));
    watch::spawn_updates(session, shared, changes);
    server.run()
}

/// Runs `round` on the session and [`finish_round`]s it. A panic in either (a bug in griffie:
/// sources can't cause one) is caught: it is reported, the overlay shows it on the last good
/// pages, and the session forgets its state, so the next save makes a full build. `cause` is
/// the file (or folder) the overlay names: the first file that changed.
pub fn run_round(session: &mut Session, shared: &Shared, cause: &Path, round: impl FnOnce(&mut Session) -> Round) {
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let round = round(session);
        finish_round(session, round, shared);
    }));
    if let Err(payload) = result {
        session.forget();
        let problem = panic_problem(session.options(), cause, payload.as_ref());
        eprintln!("{}", crate::t!("main.error", error = problem.message));
        shared.finish_build(Some(vec![problem]), None);
    }
}

/// What the overlay says about a panic: the catalog's message with the panic's own text.
fn panic_problem(options: &BuildOptions, cause: &Path, payload: &(dyn std::any::Any + Send)) -> Problem {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    Problem {
        path: options.paths.shown(cause).display().to_string(),
        line: None,
        message: crate::t!("serve.round_panicked", error = detail),
        hint: Some(crate::t!("serve.round_panicked_hint")),
    }
}

/// Reports a round (a one-line summary, the full report on failure) and tells the open pages it
/// wrote to reload; then makes what the round left for after the reload (related documents'
/// pages and PDFs, the data files) and reloads the pages that changed once more.
pub(crate) fn finish_round(session: &mut Session, round: Round, shared: &Shared) {
    let written = round.written.clone();
    let problems = report_round(session, &round);
    shared.finish_build(problems, written);
    if let Some(later) = session.finish_later() {
        let written = later.written.clone();
        let problems = match (later.pages, later.failed || later.fatal.is_some()) {
            // Quiet when it went well: one more line per save would drown the first.
            (Some(pages), false) => {
                if session.show_timings {
                    eprintln!(
                        "{}",
                        crate::t!(
                            "serve.updated_later",
                            pages = crate::i18n::number(pages),
                            ms = later.took.as_millis()
                        )
                    );
                }
                None
            }
            _ => report_round(session, &later),
        };
        shared.finish_build(problems, written);
    }
    let started = crate::stopwatch::Stopwatch::start();
    let Some(problems) = session.write_data_unless(&|| shared.sources_changed()) else {
        if session.show_timings {
            eprintln!(
                "{}",
                crate::t!("serve.data_stopped", ms = started.elapsed().as_millis())
            );
        }
        return;
    };
    for problem in problems {
        eprintln!("{}", crate::t!("main.error", error = problem));
    }
    if session.show_timings {
        eprintln!(
            "{}",
            crate::t!("serve.data_written", ms = started.elapsed().as_millis())
        );
    }
}

/// Prints how `round` went; the problems the overlay shows, if it failed.
fn report_round(session: &Session, round: &Round) -> Option<Vec<Problem>> {
    let options = session.options();
    match &round.fatal {
        Some(message) => {
            eprintln!("{}", crate::t!("main.error", error = message));
            Some(vec![Problem {
                path: options.paths.shown(&options.paths.output).display().to_string(),
                line: None,
                message: message.clone(),
                hint: None,
            }])
        }
        None => {
            print_outcome(options, round);
            if session.show_timings {
                let laps: Vec<String> = round
                    .timings
                    .iter()
                    .map(|(name, took)| format!("{} {} ms", crate::i18n::stage_name(name), took.as_millis()))
                    .collect();
                eprintln!("{}", crate::t!("summary.timings", list = laps.join(", ")));
            }
            round.failed.then(|| problems_of(&round.diagnostics, options))
        }
    }
}

fn print_outcome(options: &BuildOptions, round: &Round) {
    let summary = crate::diagnostics::summary(&round.diagnostics);
    let ms = round.took.as_millis();
    let documents = crate::i18n::count_documents(round.documents);
    if round.failed {
        let color = std::env::var_os("NO_COLOR").is_none() && std::io::IsTerminal::is_terminal(&std::io::stderr());
        eprint!(
            "{}",
            crate::diagnostics::render_report(&round.diagnostics, &options.paths.root, color)
        );
        eprintln!("{}", crate::t!("serve.build_failed", ms = ms, summary = summary));
    } else {
        let line = match round.pages {
            None => crate::t!("serve.built", documents = documents, ms = ms, summary = summary),
            Some(pages) => crate::t!(
                "serve.updated",
                pages = crate::i18n::number(pages),
                documents = documents,
                ms = ms,
                summary = summary
            ),
        };
        eprintln!("{line}");
    }
}

/// The problems that made the build fail: errors, and warnings too under `--strict`.
fn problems_of(diagnostics: &crate::diagnostics::Diagnostics, options: &BuildOptions) -> Vec<Problem> {
    diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.fails_run(options.deny_warnings))
        .map(|d| Problem {
            path: options.paths.shown(&d.path).display().to_string(),
            line: d.location.map(|l| l.line),
            message: d.message.clone(),
            hint: d.hint.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Option<BTreeSet<String>> {
        Some(names.iter().map(|n| n.to_string()).collect())
    }

    fn problem() -> Problem {
        Problem {
            path: "content/moties/a.md".into(),
            line: Some(2),
            message: "kapot".into(),
            hint: None,
        }
    }

    #[test]
    fn a_page_reloads_only_when_a_build_since_wrote_its_file() {
        let shared = Shared::default();
        shared.finish_build(None, None); // the first build: 1
        shared.finish_build(None, files(&["documenten/a/index.html", "index.html"])); // 2
        shared.finish_build(None, files(&["documenten/b/index.html"])); // 3
        let wait = |seen, file| shared.change_since(seen, file);
        assert_eq!(
            wait(1, Some("documenten/a/index.html")),
            Change {
                version: 3,
                reload: true
            }
        );
        assert_eq!(
            wait(2, Some("documenten/a/index.html")),
            Change {
                version: 3,
                reload: false
            }
        );
        assert_eq!(
            wait(2, Some("documenten/b/index.html")),
            Change {
                version: 3,
                reload: true
            }
        );
        assert_eq!(
            wait(1, Some("moties/index.html")),
            Change {
                version: 3,
                reload: false
            }
        );
        // An unknown page (a 404), a full build since, or nothing changed yet.
        assert!(wait(2, None).reload);
        assert!(wait(0, Some("moties/index.html")).reload);
        assert_eq!(
            wait(3, Some("index.html")),
            Change {
                version: 3,
                reload: false
            }
        );
    }

    #[test]
    fn every_page_reloads_when_the_problems_shown_change() {
        let shared = Shared::default();
        shared.finish_build(None, None);
        shared.finish_build(Some(vec![problem()]), files(&[]));
        assert!(shared.change_since(1, Some("index.html")).reload);
        // The same problems again and nothing written: nothing to show anew.
        shared.finish_build(Some(vec![problem()]), files(&[]));
        assert!(!shared.change_since(2, Some("index.html")).reload);
        // Fixed: the overlay must go from every page.
        shared.finish_build(None, files(&["documenten/a/index.html"]));
        assert!(shared.change_since(3, Some("index.html")).reload);
    }

    #[test]
    fn a_waiting_page_wakes_when_a_build_ends_and_otherwise_at_the_timeout() {
        let shared = std::sync::Arc::new(Shared::default());
        shared.finish_build(None, None);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let builder = {
            let shared = shared.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(50));
                shared.finish_build(None, files(&["a/index.html"]));
            })
        };
        let woken = runtime.block_on(shared.wait_for_change(1, Some("a/index.html"), Duration::from_secs(600)));
        assert_eq!(
            woken,
            Change {
                version: 2,
                reload: true
            }
        );
        builder.join().unwrap();
        let quiet = runtime.block_on(shared.wait_for_change(2, Some("a/index.html"), Duration::from_millis(10)));
        assert_eq!(
            quiet,
            Change {
                version: 2,
                reload: false
            }
        );
    }

    #[test]
    fn a_page_older_than_the_builds_remembered_reloads() {
        let shared = Shared::default();
        for _ in 0..RECENT_BUILDS + 5 {
            shared.finish_build(None, files(&["a/index.html"]));
        }
        assert!(shared.change_since(2, Some("b/index.html")).reload);
        let recent = (RECENT_BUILDS + 5 - 3) as u64;
        assert!(!shared.change_since(recent, Some("b/index.html")).reload);
    }
}
