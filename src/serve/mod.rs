//! `griffie serve`: a local preview with live reload and an error overlay.
//!
//! The preview builds into its own folder (by default `.griffie-cache/serve/site`), never into
//! `output/`, so a preview can't replace the published site. It serves that folder on loopback
//! only ([`http`]), watches the sources and rebuilds on change ([`watch`]), and adds a small
//! script and, after a failed build, an overlay to every served HTML page ([`inject`]); files on
//! disk are never touched by either.
//!
//! A [`session`] keeps the site in memory between saves: an edit of a document re-renders only
//! the pages it touches ([`affected`]), anything larger is a full [`crate::build`]. Either way a
//! failed round leaves the last good pages in place, so the browser keeps showing them, with
//! the overlay listing the problems.

pub mod affected;
pub mod http;
pub mod index;
pub mod inject;
pub mod session;
pub mod watch;

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use crate::{BuildOptions, Diagnostic, Severity};
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

/// The state every request reads: the build number and, after a failed build, its problems.
#[derive(Debug, Default)]
pub struct Status {
    /// Goes up after every build, failed or not; pages reload when it changes.
    pub version: u64,
    /// `Some` while the latest build failed.
    pub problems: Option<Vec<Problem>>,
}

/// [`Status`] shared between the watcher and the HTTP threads; waiters are woken on change.
#[derive(Debug, Default)]
pub struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Shared {
    /// The build number and the problems of the latest build.
    pub fn snapshot(&self) -> (u64, Option<Vec<Problem>>) {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        (status.version, status.problems.clone())
    }

    /// Records a finished build and wakes every waiting page.
    pub fn finish_build(&self, problems: Option<Vec<Problem>>) {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        status.version += 1;
        status.problems = problems;
        self.changed.notify_all();
    }

    /// Waits until the build number differs from `seen` or `timeout` passes; returns the number.
    pub fn wait_for_change(&self, seen: u64, timeout: Duration) -> u64 {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let (status, _) = self
            .changed
            .wait_timeout_while(status, timeout, |s| s.version == seen)
            .unwrap_or_else(|e| e.into_inner());
        status.version
    }
}

/// Builds once, then serves and rebuilds on change until the process is stopped.
pub fn serve(options: &ServeOptions) -> anyhow::Result<()> {
    if let Some(parent) = options.build.paths.output.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let shared = std::sync::Arc::new(Shared::default());
    let (_watcher, changes) = watch::watch(&options.build)?;
    let mut session = Session::new(options.build.clone());
    session.show_timings = options.timings;
    let round = session.full();
    finish_round(&mut session, round, &shared);
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
    server.run();
    Ok(())
}

/// Reports a round (a one-line summary, the full report on failure), tells the pages to reload,
/// then writes what the round left for after the reload.
pub fn finish_round(session: &mut Session, round: Round, shared: &Shared) {
    let options = session.options().clone();
    let problems = match &round.fatal {
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
            print_outcome(&options, &round);
            if session.show_timings {
                let laps: Vec<String> = round
                    .timings
                    .iter()
                    .map(|(name, took)| format!("{} {} ms", crate::i18n::stage_name(name), took.as_millis()))
                    .collect();
                eprintln!("{}", crate::t!("summary.timings", list = laps.join(", ")));
            }
            round.failed.then(|| problems_of(&round.diagnostics, &options))
        }
    };
    shared.finish_build(problems);
    for problem in session.write_data() {
        eprintln!("{}", crate::t!("main.error", error = problem));
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
fn problems_of(diagnostics: &crate::Diagnostics, options: &BuildOptions) -> Vec<Problem> {
    let counts =
        |d: &&Diagnostic| d.severity == Severity::Error || (options.deny_warnings && d.severity == Severity::Warning);
    diagnostics
        .sorted()
        .into_iter()
        .filter(counts)
        .map(|d| Problem {
            path: options.paths.shown(&d.path).display().to_string(),
            line: d.location.map(|l| l.line),
            message: d.message.clone(),
            hint: d.hint.clone(),
        })
        .collect()
}
