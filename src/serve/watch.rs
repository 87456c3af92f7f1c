//! Watching the sources for `griffie serve`: `content/`, `templates/` and `griffie.yaml`,
//! debounced (notify-debouncer-full) so one save (or an editor's write-and-rename) is one round.
//!
//! The output and cache folders are ignored even when they lie inside a watched folder, so a
//! build never triggers the next one. Changes that arrive during a build are gathered and make
//! one more build after it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache};

use super::session::Session;
use super::{run_round, Shared};
use crate::build::BuildOptions;

/// How long the sources must be quiet before a round starts. An editor's save (write, or write
/// a temporary file and rename it) lands within a few milliseconds; the debouncer looks every
/// quarter of this.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(20);

/// The running watcher; dropping it stops watching.
pub(crate) struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Starts watching the sources of `options`; changes queue up in the returned receiver until
/// [`update_on_change`] takes them, so nothing saved during the first build is missed.
/// A batch that changes a source is noted in `shared` before it is queued (see
/// [`Shared::sources_changed`]), so a round that sees the note will find the batch queued.
pub(crate) fn watch(
    options: &BuildOptions,
    shared: Arc<Shared>,
) -> anyhow::Result<(Watcher, Receiver<DebounceEventResult>)> {
    let (sender, receiver) = channel::<DebounceEventResult>();
    let watched = options.clone();
    let handler = move |result: DebounceEventResult| {
        if let Ok(events) = &result {
            if changed_sources(&watched, events).next().is_some() {
                shared.note_sources_changed();
            }
        }
        // The receiver goes only when the preview stops.
        let _ = sender.send(result);
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, handler)?;
    let paths = &options.paths;
    for folder in [&paths.content, &paths.templates] {
        if folder.is_dir() {
            debouncer.watch(folder, RecursiveMode::Recursive)?;
        }
    }
    // The configuration file is watched through its folder: editors replace files by renaming,
    // which ends a watch on the file itself.
    let config_dir = paths.config.parent().filter(|p| p.is_dir()).unwrap_or(&paths.root);
    debouncer.watch(config_dir, RecursiveMode::NonRecursive)?;
    Ok((Watcher { _debouncer: debouncer }, receiver))
}

/// Updates `session` on a thread of its own, one round per batch of changes.
pub(crate) fn spawn_updates(session: Session, shared: Arc<Shared>, receiver: Receiver<DebounceEventResult>) {
    std::thread::spawn(move || update_on_change(session, &shared, &receiver));
}

fn update_on_change(mut session: Session, shared: &Shared, receiver: &Receiver<DebounceEventResult>) {
    let options = session.options().clone();
    while let Ok(first) = receiver.recv() {
        let mut changed = BTreeSet::new();
        collect(&options, &first, &mut changed);
        // Everything queued while the last round ran counts as one change.
        while let Ok(more) = receiver.try_recv() {
            collect(&options, &more, &mut changed);
        }
        // After the queue is empty: a change noted from now on is still queued.
        shared.note_changes_taken();
        if let Some(cause) = changed.first().cloned() {
            run_round(&mut session, shared, &cause, |session| session.update(&changed));
        }
    }
}

/// Adds the sources an event batch changed to `changed`. Reads (the build's own, an editor's)
/// are access events and don't count.
fn collect(options: &BuildOptions, result: &DebounceEventResult, changed: &mut BTreeSet<PathBuf>) {
    match result {
        Ok(events) => changed.extend(changed_sources(options, events).cloned()),
        Err(errors) => {
            for err in errors {
                eprintln!("{}", crate::t!("serve.watch_failed", error = err));
            }
        }
    }
}

/// The sources `events` change.
fn changed_sources<'a>(options: &'a BuildOptions, events: &'a [DebouncedEvent]) -> impl Iterator<Item = &'a PathBuf> {
    events
        .iter()
        .filter(|event| !event.kind.is_access())
        .flat_map(|event: &DebouncedEvent| event.paths.iter())
        .filter(|path| is_source_path(options, path))
}

/// Inside content/ or templates/, or the configuration, and not inside the output or cache
/// folders (or their staging siblings).
fn is_source_path(options: &BuildOptions, path: &Path) -> bool {
    let paths = &options.paths;
    if inside_output(path, &paths.output) || path.starts_with(&paths.cache) {
        return false;
    }
    path == paths.config || path.starts_with(&paths.content) || path.starts_with(&paths.templates)
}

/// `path` is in the output folder or one of the `write` module's siblings of it.
fn inside_output(path: &Path, output: &Path) -> bool {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return path.starts_with(output);
    };
    let Ok(rest) = path.strip_prefix(parent) else {
        return false;
    };
    let first: PathBuf = rest.components().take(1).collect();
    first.to_string_lossy().starts_with(&*name.to_string_lossy())
        || first
            .to_string_lossy()
            .starts_with(&format!(".{}", name.to_string_lossy()))
}
