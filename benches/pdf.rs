//! PDF benchmark: 1,000 two-page council letters, cold (empty PDF cache, fresh process) and warm
//! (every PDF from the cache), with peak memory.
//!
//! The letters are the bundled corpus's raadsbrief of 15 July 2025 (two pages), each with its own
//! id, date and an extra sentence so that no two compile the same. Run with
//! `cargo bench --bench pdf`; `GRIFFIE_BENCH_LETTERS=5000` changes the count.
//! Targets (issue 3): at most 10 ms per letter cold on 2 cores, near zero warm, peak memory at
//! most 300 MB.

use std::path::Path;
use std::time::Instant;

use griffie::{build, BuildOptions, Mode, ProjectPaths};

fn main() {
    let count: usize = std::env::var("GRIFFIE_BENCH_LETTERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    write_project(repo, dir.path(), count);
    println!("griffie PDF benchmark: {count} two-page letters");
    for (label, _) in [("cold", ()), ("warm", ())] {
        let options = BuildOptions {
            paths: ProjectPaths::in_folder(dir.path()),
            mode: Mode::Build,
            as_of: None,
            deny_warnings: true,
            pdf: true,
            progress: None,
            preview: false,
        };
        let start = Instant::now();
        let report = build(&options).expect("build runs");
        let elapsed = start.elapsed();
        assert_eq!(report.diagnostics.error_count(), 0, "the benchmark corpus must build");
        let render = report
            .timings
            .iter()
            .find(|(s, _)| *s == "render")
            .map(|(_, t)| *t)
            .unwrap_or_default();
        println!(
            "  {label}: {:.2} s total, render {:.2} s = {:.2} ms per letter (wall, {} threads)",
            elapsed.as_secs_f64(),
            render.as_secs_f64(),
            render.as_secs_f64() * 1000.0 / count as f64,
            rayon::current_num_threads()
        );
    }
    let pdf = dir.path().join("output/documenten/brief-0000/brief-0000.pdf");
    println!(
        "  one PDF: {} bytes",
        std::fs::metadata(pdf).map(|m| m.len()).unwrap_or(0)
    );
    println!("  peak RSS: {} MiB", peak_rss_kib().unwrap_or(0) / 1024);
}

fn write_project(repo: &Path, dir: &Path, count: usize) {
    griffie_synth::copy_dir(&repo.join("templates"), &dir.join("templates")).expect("templates");
    std::fs::copy(repo.join("griffie.yaml"), dir.join("griffie.yaml")).expect("config");
    let letter = std::fs::read_to_string(repo.join("content/raadsbrieven/raadsbrief-2025-07-15-motie-juiste-basis.md"))
        .expect("the bundled two-page raadsbrief");
    let (front, body) = letter
        .trim_start_matches("---\n")
        .split_once("\n---\n")
        .expect("front matter");
    // Keep the letter's own fields (title, addressee, signatories, …); drop its id, date and
    // links, which refer to documents that are not in the benchmark corpus.
    let mut fields: serde_yaml::Mapping = serde_yaml::from_str(front).expect("valid front matter");
    for key in [
        "id",
        "type",
        "date",
        "responds_to",
        "settles",
        "references",
        "topics",
        "summary",
    ] {
        fields.remove(key);
    }
    let front = serde_yaml::to_string(&fields).expect("front matter serialises");
    let content = dir.join("content");
    std::fs::create_dir_all(&content).expect("content folder");
    for i in 0..count {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let text = format!(
            "---\nid: brief-{i:04}\ntype: raadsbrief\ndate: 2025-{month:02}-{day:02}\n{front}---\n\nDit is brief nummer {i}.\n{body}"
        );
        std::fs::write(content.join(format!("brief-{i:04}.md")), text).expect("letter");
    }
}

/// `VmHWM`, the peak resident set size of this process, in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
