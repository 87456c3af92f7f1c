//! `gen-corpus`: writes a seeded synthetic griffie project (see `griffie::synth`), for
//! benchmarks and scale tests.
//!
//! ```text
//! gen-corpus --docs 10000 --out /tmp/corpus10k [--seed 42] [--templates templates] [--force]
//! cd /tmp/corpus10k && griffie build
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use griffie::synth::{generate, SynthOptions};

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
    /// earlier corpus stays behind.
    #[arg(long)]
    force: bool,
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
        let content = cli.out.join("content");
        if content.is_dir() {
            if let Err(err) = std::fs::remove_dir_all(&content) {
                eprintln!("error: cannot remove {}: {err}", content.display());
                return ExitCode::from(3);
            }
        }
    }
    let templates_from = cli
        .templates
        .or_else(|| Some(PathBuf::from("templates")).filter(|p| p.is_dir()));
    if let Some(dir) = templates_from.as_ref().filter(|d| !d.is_dir()) {
        eprintln!("error: templates folder {} does not exist", dir.display());
        return ExitCode::from(2);
    }
    let options = SynthOptions {
        docs: cli.docs,
        seed: cli.seed,
        municipality: cli.municipality,
        templates_from,
    };
    let start = Instant::now();
    match generate(&options, &cli.out) {
        Ok(summary) => {
            println!(
                "wrote {summary} to {} (seed {}) in {:.2} s",
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

fn is_non_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}
