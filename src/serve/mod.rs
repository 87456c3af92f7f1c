//! `griffie serve`: a local preview with live reload and an error overlay.
//!
//! The preview builds into its own folder (by default `.griffie-cache/serve/site`), never into
//! `output/`, so a preview can't replace the published site. It serves that folder on loopback
//! only ([`http`]), watches the sources and rebuilds on change ([`watch`]), and adds a small
//! script and, after a failed build, an overlay to every served HTML page ([`inject`]); files on
//! disk are never touched by either.
//!
//! Every rebuild is a full [`crate::build`]: unchanged version pages and PDFs are kept through
//! the manifest, but the current pages are rendered anew (no per-page incremental rebuild yet).
//! A failed build leaves the last good site in place (see [`crate::write`]), so the browser keeps
//! showing it, with the overlay listing the problems.

pub mod http;
pub mod inject;
pub mod watch;

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::{build, BuildOptions, BuildReport, Diagnostic, Severity};

/// What `griffie serve` needs: the build to run (its `paths.output` is the preview folder) and
/// the loopback port (0: any free port).
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub port: u16,
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
    rebuild(&options.build, &shared);
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
    let _watcher = watch::watch(&options.build, shared)?;
    server.run();
    Ok(())
}

/// Runs one full build, prints a one-line summary (and the report on failure) and records it.
pub fn rebuild(options: &BuildOptions, shared: &Shared) {
    let started = Instant::now();
    let problems = match build(options) {
        Ok(report) => {
            let failed = report.failed(options.deny_warnings);
            print_outcome(options, &report, failed, started.elapsed());
            failed.then(|| problems_of(&report, options))
        }
        Err(err) => {
            eprintln!("{}", crate::t!("main.error", error = format!("{err:#}")));
            Some(vec![Problem {
                path: options.paths.shown(&options.paths.output).display().to_string(),
                line: None,
                message: format!("{err:#}"),
                hint: None,
            }])
        }
    };
    shared.finish_build(problems);
}

fn print_outcome(options: &BuildOptions, report: &BuildReport, failed: bool, took: Duration) {
    let summary = crate::diagnostics::summary(&report.diagnostics);
    let ms = took.as_millis();
    if failed {
        let color = std::env::var_os("NO_COLOR").is_none() && std::io::IsTerminal::is_terminal(&std::io::stderr());
        eprint!(
            "{}",
            crate::diagnostics::render_report(&report.diagnostics, &options.paths.root, color)
        );
        eprintln!("{}", crate::t!("serve.build_failed", ms = ms, summary = summary));
    } else {
        let documents = crate::i18n::count_documents(report.documents);
        eprintln!(
            "{}",
            crate::t!("serve.built", documents = documents, ms = ms, summary = summary)
        );
    }
}

/// The problems that made the build fail: errors, and warnings too under `--strict`.
fn problems_of(report: &BuildReport, options: &BuildOptions) -> Vec<Problem> {
    let counts =
        |d: &&Diagnostic| d.severity == Severity::Error || (options.deny_warnings && d.severity == Severity::Warning);
    report
        .diagnostics
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
