//! Watching the sources for `griffie serve`: `content/`, `templates/` and `griffie.yaml`,
//! debounced (100 ms, notify-debouncer-full) so one save (or an editor's write-and-rename) is one rebuild.
//!
//! The output and cache folders are ignored even when they lie inside a watched folder, so a
//! build never triggers the next one. Changes that arrive during a build are gathered and make
//! one more build after it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache};

use super::{rebuild, Shared};
use crate::BuildOptions;

/// How long the sources must be quiet before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// The running watcher; dropping it stops watching.
pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Starts watching and rebuilding on a thread of its own.
pub fn watch(options: &BuildOptions, shared: Arc<Shared>) -> anyhow::Result<Watcher> {
    let (sender, receiver) = channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, sender)?;
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
    let options = options.clone();
    std::thread::spawn(move || rebuild_on_change(&options, &shared, &receiver));
    Ok(Watcher { _debouncer: debouncer })
}

fn rebuild_on_change(options: &BuildOptions, shared: &Shared, receiver: &Receiver<DebounceEventResult>) {
    while let Ok(first) = receiver.recv() {
        let mut relevant = matters(options, &first);
        // Everything queued while the last build ran counts as one change.
        while let Ok(more) = receiver.try_recv() {
            relevant |= matters(options, &more);
        }
        if relevant {
            rebuild(options, shared);
        }
    }
}

fn matters(options: &BuildOptions, result: &DebounceEventResult) -> bool {
    match result {
        Ok(events) => events.iter().any(|event| is_source(options, event)),
        Err(errors) => {
            for err in errors {
                eprintln!("{}", crate::t!("serve.watch_failed", error = err));
            }
            false
        }
    }
}

/// Whether an event changed a source. Reads (the build's own, an editor's) are access events
/// and don't count.
fn is_source(options: &BuildOptions, event: &DebouncedEvent) -> bool {
    !event.kind.is_access() && event.paths.iter().any(|path| is_source_path(options, path))
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
