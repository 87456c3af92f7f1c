//! How far a long build is, for whoever shows it (the binary's progress bar). Low in the layers
//! so the stages can report without knowing who listens.

/// Receives progress of the long parts of a build, in order: PDFs, document pages, versions.
pub trait Progress: Send + Sync {
    /// A part begins that has `total` steps; `label` names it for people ("PDF's"), in the
    /// message language.
    fn start(&self, label: &str, total: u64);
    /// `steps` more steps of the current part are done.
    fn advance(&self, steps: u64);
    /// The build is over (whatever its outcome).
    fn finish(&self);
}

/// A shared [`Progress`] in [`BuildOptions`].
#[derive(Clone)]
pub struct ProgressHandle(pub std::sync::Arc<dyn Progress>);

impl std::fmt::Debug for ProgressHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressHandle")
    }
}
