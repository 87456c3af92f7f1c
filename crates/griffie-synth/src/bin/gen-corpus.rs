//! `gen-corpus`: writes a seeded synthetic griffie project (see `griffie_synth`), for
//! benchmarks and scale tests.
//!
//! ```text
//! gen-corpus --docs 10000 --out /tmp/corpus10k [--seed 42] [--templates templates] [--force] [--no-council]
//! cd /tmp/corpus10k && griffie build
//!
//! gen-corpus --docs 10000 --history 20 --out /tmp/hist10k [--renames 100] [--deletions 50]
//! ```
//!
//! With `--history N` the folder is also a git repository whose history gives every document N
//! versions on average (see `griffie_synth::history`); `git` must be installed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use griffie_synth::history::is_generated_repository;
use griffie_synth::{generate, generate_history, HistoryOptions, SynthOptions};

#[derive(Parser)]
#[command(
    name = "gen-corpus",
    version,
    about = "Writes a seeded synthetic corpus of council documents"
)]
struct Cli {
    /// Number of documents.
    #[arg(long, default_value_t = 1000)]
    docs: usize,
    /// Project folder to write (griffie.yaml, content/, templates/).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Same seed and --docs, byte-identical files.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Templates folder to copy into DIR/templates. Default: ./templates if it exists.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Municipality named in the configuration and the texts.
    #[arg(long, default_value = "Almelo")]
    municipality: String,
    /// Write into a non-empty DIR. Its content/ folder is deleted first, so no document of an
    /// earlier corpus stays behind; with --history also its .git, if gen-corpus made it.
    #[arg(long)]
    force: bool,
    /// Leave out the council data (parties, a meeting per council Thursday, votes per party),
    /// e.g. to measure what it costs. Histories never have it.
    #[arg(long)]
    no_council: bool,
    /// Make DIR a git repository with N versions per document on average (0: no git).
    #[arg(long, value_name = "N", default_value_t = 0)]
    history: usize,
    /// With --history: documents moved to another path at some commit. Default: docs / 100.
    #[arg(long, value_name = "K", requires = "history")]
    renames: Option<usize>,
    /// With --history: documents deleted at some commit. Default: docs / 200.
    #[arg(long, value_name = "K", requires = "history")]
    deletions: Option<usize>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if is_non_empty(&cli.out) {
        if !cli.force {
            eprintln!(
                "error: {} is not empty; pass --force to write into it anyway",
                cli.out.display()
            );
            return ExitCode::from(2);
        }
        if let Err(code) = clear(&cli.out, cli.history > 0) {
            return code;
        }
    }
    let templates_from = cli
        .templates
        .clone()
        .or_else(|| Some(PathBuf::from("templates")).filter(|p| p.is_dir()));
    if let Some(dir) = templates_from.as_ref().filter(|d| !d.is_dir()) {
        eprintln!("error: templates folder {} does not exist", dir.display());
        return ExitCode::from(2);
    }
    let options = SynthOptions {
        docs: cli.docs,
        seed: cli.seed,
        municipality: cli.municipality.clone(),
        templates_from,
        council: !cli.no_council,
    };
    let start = Instant::now();
    let written = if cli.history > 0 {
        let mut history = HistoryOptions::for_docs(cli.docs, cli.history);
        history.renames = cli.renames.unwrap_or(history.renames);
        history.deletions = cli.deletions.unwrap_or(history.deletions);
        generate_history(&options, &history, &cli.out)
            .map(|summary| format!("{}\n  history: {summary}", summary.corpus))
    } else {
        generate(&options, &cli.out).map(|summary| summary.to_string())
    };
    match written {
        Ok(summary) => {
            println!(
                "wrote {summary}\n  to {} (seed {}) in {:.2} s",
                cli.out.display(),
                options.seed,
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: cannot write the corpus into {}: {err}", cli.out.display());
            ExitCode::from(3)
        }
    }
}

/// Removes what an earlier corpus left in `out`: `content/`, and with `history` a `.git` that
/// gen-corpus made (any other repository is refused).
fn clear(out: &Path, history: bool) -> Result<(), ExitCode> {
    let git = out.join(".git");
    if history && git.exists() && !is_generated_repository(out) {
        eprintln!(
            "error: {} is a git repository gen-corpus did not make; refusing to replace it",
            out.display()
        );
        return Err(ExitCode::from(2));
    }
    let mut doomed = vec![out.join("content")];
    if history {
        doomed.push(git);
    }
    for dir in doomed.into_iter().filter(|d| d.is_dir()) {
        if let Err(err) = std::fs::remove_dir_all(&dir) {
            eprintln!("error: cannot remove {}: {err}", dir.display());
            return Err(ExitCode::from(3));
        }
    }
    Ok(())
}

fn is_non_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}
