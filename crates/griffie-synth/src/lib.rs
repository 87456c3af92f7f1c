//! A seeded generator of synthetic council archives, for benchmarks and scale tests.
//!
//! Why it exists: the real corpus has a dozen documents, but a council publishes thousands, and
//! griffie promises to build 10,000 of them in seconds. Measuring that needs a corpus that is
//! large, realistic in shape (mostly raadsbrieven and moties, letters that answer and settle
//! motions, bodies that cite other documents by number), valid (a build gives no errors or
//! warnings, so the benchmark measures the normal path) and reproducible: the same seed and size
//! give byte-identical files, so two measurements compare like with like.
//!
//! [`generate`] writes a complete project folder: `griffie.yaml`, `content/<type>/<year>/…`
//! and, on request, a copy of the templates. [`generate_history`] writes the same project as a
//! git repository whose history edits, renames and deletes documents (see [`history`]).
//!
//! A crate of its own in the workspace, beside griffie rather than inside it: the tests and
//! benchmarks take it as a dev-dependency, and the `gen-corpus` binary
//! (`cargo run --release -p griffie-synth -- --docs 10000 --out DIR`) writes a corpus to disk, so
//! griffie's own library and dependencies (`fastrand`) carry none of it.

mod body;
mod council;
mod frontmatter;
pub mod history;
mod links;
mod plan;
mod text;
mod topics;
mod words;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use griffie::DocType;
use rayon::prelude::*;

pub use history::{generate_history, HistoryOptions, HistorySummary};
use plan::Planned;

/// What to generate.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// Number of documents.
    pub docs: usize,
    /// Same seed and `docs`, same files, byte for byte.
    pub seed: u64,
    /// The municipality named in the configuration and the texts.
    pub municipality: String,
    /// When set, this folder is copied to `templates/` in the project, so it builds as is.
    pub templates_from: Option<PathBuf>,
    /// Council data besides the documents: parties and their seats, a council meeting per day
    /// with motions or amendments (extra documents), votes per party. Off, the same documents
    /// without them, to measure what they cost.
    pub council: bool,
}

impl Default for SynthOptions {
    fn default() -> SynthOptions {
        SynthOptions {
            docs: 1000,
            seed: 42,
            municipality: "Almelo".to_string(),
            templates_from: None,
            council: true,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct SynthSummary {
    pub documents: usize,
    /// Of which `.yaml` records without body.
    pub metadata_only: usize,
    /// Documents per type, in [`DocType::ALL`] order.
    pub per_type: Vec<(DocType, usize)>,
    /// Motions that some letter settles.
    pub settled_motions: usize,
    /// Bytes of all document files together.
    pub content_bytes: u64,
    /// Files copied from `templates_from`.
    pub template_files: usize,
}

impl std::fmt::Display for SynthSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let types: Vec<String> = self.per_type.iter().map(|(t, n)| format!("{n} {}", t.slug())).collect();
        write!(
            f,
            "{} documents ({}; {} metadata-only), {} motions settled, {:.1} MB of content",
            self.documents,
            types.join(", "),
            self.metadata_only,
            self.settled_motions,
            self.content_bytes as f64 / 1_000_000.0
        )?;
        if self.template_files > 0 {
            write!(f, ", {} template files", self.template_files)?;
        }
        Ok(())
    }
}

/// Writes a complete griffie project into `dir` (created if missing). Existing files with the
/// same names are overwritten; other files are left alone, so pass an empty or new folder.
pub fn generate(options: &SynthOptions, dir: &Path) -> io::Result<SynthSummary> {
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let mut docs = plan::plan(&mut rng, options.docs, options.seed);
    if options.council {
        council::add_meetings(&mut rng, &mut docs, options.seed);
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join(griffie::CONFIG_FILE),
        config_yaml(&options.municipality, options.council),
    )?;

    let content = dir.join("content");
    let folders: BTreeSet<PathBuf> = docs.iter().map(|d| content.join(folder(d))).collect();
    for folder in &folders {
        std::fs::create_dir_all(folder)?;
    }
    let municipality = options.municipality.as_str();
    let sizes: Vec<u64> = (0..docs.len())
        .into_par_iter()
        .map(|i| write_document(&docs, i, &content, municipality))
        .collect::<io::Result<_>>()?;

    let mut summary = summarise(&docs);
    summary.content_bytes = sizes.iter().sum();
    if let Some(from) = &options.templates_from {
        summary.template_files = copy_dir(from, &dir.join("templates"))?;
    }
    Ok(summary)
}

/// `raadsbrieven/2024`: per type and year, so no folder holds more than a few thousand files.
fn folder(doc: &Planned) -> PathBuf {
    PathBuf::from(doc.doc_type.plural_slug()).join(doc.date.year().to_string())
}

/// `<id>.md`, or `<id>.yaml` for a record without body.
fn file_name(doc: &Planned) -> String {
    let extension = if doc.metadata_only { "yaml" } else { "md" };
    format!("{}.{extension}", doc.id)
}

/// The front matter of document `i` and, unless it is a metadata-only record, its body.
fn document_parts(docs: &[Planned], i: usize, municipality: &str) -> (String, Option<String>) {
    let front = frontmatter::front_matter(docs, i, municipality);
    let body = (!docs[i].metadata_only).then(|| body::body(docs, i, municipality));
    (front, body)
}

/// The file text of a document from its parts.
fn document_text(front: &str, body: Option<&str>) -> String {
    match body {
        Some(body) => format!("---\n{front}---\n\n{body}"),
        None => front.to_string(),
    }
}

fn write_document(docs: &[Planned], i: usize, content: &Path, municipality: &str) -> io::Result<u64> {
    let (front, body) = document_parts(docs, i, municipality);
    let text = document_text(&front, body.as_deref());
    std::fs::write(content.join(folder(&docs[i])).join(file_name(&docs[i])), &text)?;
    Ok(text.len() as u64)
}

fn summarise(docs: &[Planned]) -> SynthSummary {
    summarise_kept(docs, |_| true)
}

/// The summary of the documents `kept` says are in the corpus.
fn summarise_kept(docs: &[Planned], kept: impl Fn(usize) -> bool) -> SynthSummary {
    let kept: Vec<&Planned> = (0..docs.len()).filter(|&i| kept(i)).map(|i| &docs[i]).collect();
    let per_type = DocType::ALL
        .iter()
        .map(|&t| (t, kept.iter().filter(|d| d.doc_type == t).count()))
        .collect();
    let settled: BTreeSet<usize> = kept.iter().flat_map(|d| d.settles.iter().copied()).collect();
    SynthSummary {
        documents: kept.len(),
        metadata_only: kept.iter().filter(|d| d.metadata_only).count(),
        per_type,
        settled_motions: settled.len(),
        content_bytes: 0,
        template_files: 0,
    }
}

/// `griffie.yaml` with the same keys as the real project's, and every synthetic topic.
fn config_yaml(municipality: &str, council: bool) -> String {
    let mut out = String::new();
    out.push_str("# Site configuration of a synthetic corpus made by gen-corpus (griffie-synth).\n");
    let _ = writeln!(out, "title: Raadsinformatie {municipality} (synthetisch)");
    let _ = writeln!(out, "municipality: {municipality}");
    out.push_str("base_url: https://raad.example.nl/\nlanguage: nl\n");
    // The DiWoo sitemaps and the ORI API need a publisher of the TOOI registers: a real code.
    out.push_str(
        "woo:\n  publisher:\n    uri: https://identifier.overheid.nl/tooi/id/gemeente/gm0141\n  categories:\n    brief: 3.3.2a\n    plan: geen\n",
    );
    let _ = writeln!(
        out,
        "description: >-\n  Een gegenereerd archief van raadsbrieven, moties, brieven en plannen van de gemeente\n  {municipality}, om griffie op grote aantallen documenten te meten."
    );
    let _ = writeln!(
        out,
        "address:\n  - Gemeente {municipality}\n  - Postbus 5100\n  - 7600 GC {municipality}"
    );
    out.push_str("page_size: 50\ntopics:\n");
    for topic in topics::TOPICS {
        let _ = writeln!(
            out,
            "  {}:\n    title: {}",
            topic.slug,
            frontmatter::scalar(topic.title, false)
        );
        let _ = writeln!(
            out,
            "    description: {}",
            frontmatter::scalar(topic.description, false)
        );
    }
    if council {
        council::config_lines(&mut out);
    }
    out
}

/// Copies the files under `from` into `to`, keeping sub-folders. Returns the number of files.
/// (Also used by the tests and benchmarks to set up projects.)
pub fn copy_dir(from: &Path, to: &Path) -> io::Result<usize> {
    let mut count = 0;
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)?;
            count += 1;
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn same_seed_gives_identical_files() {
        let options = SynthOptions {
            docs: 200,
            seed: 7,
            ..SynthOptions::default()
        };
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let summary = generate(&options, a.path()).unwrap();
        generate(&options, b.path()).unwrap();
        let (first, second) = (files(a.path()), files(b.path()));
        let count = |doc_type| summary.per_type.iter().find(|(t, _)| *t == doc_type).unwrap().1;
        let council = count(DocType::Vergadering) + count(DocType::Toezegging);
        assert_eq!(summary.documents, 200 + council, "meetings and commitments come on top");
        assert_eq!(first.len(), summary.documents + 1, "every document and griffie.yaml");
        assert!(first == second, "two runs with the same seed differ");
        assert!(
            summary.per_type.iter().all(|&(_, n)| n > 0),
            "every type present: {summary}"
        );

        let other = tempfile::tempdir().unwrap();
        generate(&SynthOptions { seed: 8, ..options }, other.path()).unwrap();
        assert!(files(other.path()) != first, "another seed gives another corpus");
    }

    #[test]
    fn raadsbrieven_are_about_two_pages() {
        let mut rng = fastrand::Rng::with_seed(3);
        let docs = plan::plan(&mut rng, 300, 3);
        let (mut shortest, mut longest) = (usize::MAX, 0);
        for (i, doc) in docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.doc_type == DocType::Raadsbrief && !d.metadata_only)
        {
            let words = text::word_count(&body::body(&docs, i, "Almelo"));
            longest = longest.max(words);
            shortest = shortest.min(words);
            assert!((580..=1000).contains(&words), "{} has {words} words", doc.id);
        }
        assert!(shortest < 700 && longest > 800, "lengths vary: {shortest}..{longest}");
    }
}
