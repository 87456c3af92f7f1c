//! Build-time benchmark on synthetic corpora (`griffie_synth`).
//!
//! For each size (default 1,000 and 10,000 documents; override with
//! `GRIFFIE_BENCH_SIZES=1000,10000,100000`) it generates a corpus with seed 42 in a temporary
//! folder, runs the full build three times and prints the best and median wall time, documents
//! per second, the median time of each stage and the peak resident memory.
//!
//! Run with `cargo bench --bench build`. This measures the library in one process; the figure
//! that counts for the "10,000 documents in under 3 seconds" goal is the release binary's, from
//! `scripts/bench.sh`.
//!
//! Peak memory is `VmHWM` from `/proc/self/status`. It is reset before each size where the kernel
//! allows it (`/proc/self/clear_refs`); where it does not, the figure is the peak of the whole
//! process so far, which is why sizes run smallest first.

use std::path::Path;
use std::time::{Duration, Instant};

use griffie::{build, BuildOptions, Mode, ProjectPaths};
use griffie_synth::{generate, SynthOptions};

const RUNS: usize = 3;
const SEED: u64 = 42;

/// PDFs are part of the benchmark only with `GRIFFIE_BENCH_PDF=1` (the site-only figure is the
/// one compared against earlier builds).
fn pdf_enabled() -> bool {
    std::env::var("GRIFFIE_BENCH_PDF").is_ok_and(|v| v == "1")
}

fn main() {
    let mut sizes = sizes();
    sizes.sort_unstable();
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    println!(
        "griffie build benchmark: {RUNS} runs per size, seed {SEED}, {} threads",
        rayon::current_num_threads()
    );
    for size in sizes {
        bench_size(size, &templates);
    }
}

fn sizes() -> Vec<usize> {
    match std::env::var("GRIFFIE_BENCH_SIZES") {
        Ok(text) => text
            .split(',')
            .map(|s| s.trim().replace('_', ""))
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse()
                    .unwrap_or_else(|_| panic!("GRIFFIE_BENCH_SIZES: `{s}` is not a number"))
            })
            .collect(),
        Err(_) => vec![1_000, 10_000],
    }
}

fn bench_size(size: usize, templates: &Path) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let options = SynthOptions {
        docs: size,
        seed: SEED,
        templates_from: Some(templates.to_path_buf()),
        ..SynthOptions::default()
    };
    let start = Instant::now();
    let summary = generate(&options, dir.path()).expect("corpus generated");
    println!(
        "\n{size} documents: generated in {:.2} s ({summary})",
        start.elapsed().as_secs_f64()
    );

    let reset = reset_peak_rss();
    let build_options = BuildOptions {
        paths: ProjectPaths::in_folder(dir.path()),
        mode: Mode::Build,
        as_of: None,
        deny_warnings: false,
        pdf: pdf_enabled(),
        progress: None,
        preview: false,
    };
    let mut walls = Vec::new();
    let mut stages: Vec<(&'static str, Vec<Duration>)> = Vec::new();
    let mut warnings = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let report = build(&build_options).expect("the build runs");
        walls.push(start.elapsed());
        assert_eq!(
            report.diagnostics.error_count(),
            0,
            "the synthetic corpus must build without errors"
        );
        assert!(report.published, "the build published its output");
        warnings = report.diagnostics.warning_count();
        for (stage, time) in &report.timings {
            match stages.iter_mut().find(|(name, _)| name == stage) {
                Some((_, times)) => times.push(*time),
                None => stages.push((stage, vec![*time])),
            }
        }
    }
    print_results(size, &walls, &stages, warnings, reset);
}

fn print_results(size: usize, walls: &[Duration], stages: &[(&str, Vec<Duration>)], warnings: usize, reset: bool) {
    let best = walls.iter().min().copied().unwrap_or_default();
    let median = median_of(walls);
    println!(
        "  build: best {:.3} s, median {:.3} s, {:.0} documents/s (best), 0 errors, {warnings} warnings",
        best.as_secs_f64(),
        median.as_secs_f64(),
        size as f64 / best.as_secs_f64()
    );
    let stage_text: Vec<String> = stages
        .iter()
        .map(|(name, times)| format!("{name} {} ms", median_of(times).as_millis()))
        .collect();
    println!("  stages (median): {}", stage_text.join(", "));
    let scope = if reset {
        "this size only"
    } else {
        "whole process so far"
    };
    match peak_rss_kib() {
        Some(kib) => println!("  peak RSS: {:.0} MiB ({scope})", kib as f64 / 1024.0),
        None => println!("  peak RSS: unavailable (no /proc/self/status)"),
    }
}

fn median_of(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

/// Resets the kernel's peak-RSS counter (Linux: writing 5 to clear_refs). `false` if not allowed.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// `VmHWM`, the peak resident set size, in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
