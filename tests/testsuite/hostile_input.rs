//! Sources a careless or hostile contributor could commit: each is a diagnostic at its file and
//! line, never a crash, a hang or gigabytes of memory; and nothing from a source can write a
//! line into a CI log or an escape sequence to a terminal. The inputs are generated here, so no
//! large fixtures are committed. Everything runs the real binary.

use std::path::Path;

use crate::support::*;

/// A document with `extra` front matter lines and `body`, as `content/stukken/<name>.md`.
fn add_document(dir: &Path, name: &str, extra: &str, body: &str) {
    let text = format!("---\nid: {name}\ntype: raadsbrief\ntitle: Test\ndate: 2024-01-01\n{extra}---\n{body}");
    std::fs::write(dir.join(format!("content/stukken/{name}.md")), text).unwrap();
}

/// `griffie check --format json` under a memory ceiling, as its parsed report. The ceiling
/// (`ulimit -v`, address space) is far below what an unbounded alias expansion or nesting
/// would take, and well above a normal check of a small site.
fn check_json(dir: &Path) -> (std::process::Output, serde_json::Value) {
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg("ulimit -v 4000000; exec \"$0\" check --format json")
        .arg(griffie_bin())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GRIFFIE_LANG")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("griffie runs");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "no JSON report ({err}); exit {:?}, stderr:\n{}",
            output.status.code(),
            stderr(&output)
        )
    });
    (output, report)
}

fn line(diagnostic: &serde_json::Value) -> u64 {
    diagnostic["location"]["line"].as_u64().expect("a line")
}

#[test]
fn an_alias_bomb_in_front_matter_is_refused_at_its_line() {
    let dir = project("valid-site");
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        ));
    }
    add_document(dir.path(), "bom", &bomb, "Tekst.\n");
    let (output, report) = check_json(dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found = with_code(&report, "yaml-too-many-nodes");
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(found[0]["path"].as_str().unwrap().ends_with("bom.md"));
    // The front matter starts on line 2; the bomb's anchors on line 6 and later.
    assert!(line(found[0]) >= 6, "{:#}", found[0]);
}

#[test]
fn a_line_of_ten_thousand_quotes_is_an_error_in_check_and_build() {
    let dir = project("valid-site");
    add_document(dir.path(), "diep", "", &format!("Eerst.\n\n{}x\n", "> ".repeat(10_000)));
    let (output, report) = check_json(dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found = with_code(&report, "markdown-too-deep");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(line(found[0]), 9, "{:#}", found[0]);
    // The build makes PDFs too: still the same error, and no crash.
    let build = griffie(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(1), "{}", stderr(&build));
    assert!(stderr(&build).contains("markdown-too-deep"), "{}", stderr(&build));
}

#[test]
fn deep_lists_and_emphasis_are_bounded_too() {
    let dir = project("valid-site");
    let lists: String = (0..500).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
    add_document(dir.path(), "lijsten", "", &lists);
    add_document(
        dir.path(),
        "nadruk",
        "",
        &format!("{}x{}\n", "*".repeat(20_000), "*".repeat(20_000)),
    );
    let (output, report) = check_json(dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(with_code(&report, "markdown-too-deep").len(), 2, "{report:#}");
}

#[test]
fn long_identifier_lists_are_refused_and_many_citations_are_summed_up() {
    let dir = project("valid-site");
    let list = |n: usize| {
        (0..n)
            .map(|i| format!("  - Raad-{}\n", 100_000 + i))
            .collect::<String>()
    };
    add_document(
        dir.path(),
        "lijst",
        &format!("identifiers:\n{}", list(1_500)),
        "Tekst.\n",
    );
    add_document(
        dir.path(),
        "enorm",
        &format!("identifiers:\n{}", list(50_000)),
        "Tekst.\n",
    );
    // 50,000 citations of unknown numbers, fifty to a paragraph.
    let citations: Vec<String> = (0..50_000).map(|i| format!("Raad-{}", 200_000 + i)).collect();
    let body: Vec<String> = citations.chunks(50).map(|c| c.join(" ")).collect();
    add_document(dir.path(), "citaten", "", &format!("{}\n", body.join("\n\n")));
    let (output, report) = check_json(dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let long = with_code(&report, "list-too-long");
    assert_eq!(long.len(), 1, "{report:#}");
    assert!(long[0]["path"].as_str().unwrap().ends_with("lijst.md"));
    let large = with_code(&report, "yaml-too-large");
    assert_eq!(large.len(), 1, "{report:#}");
    assert!(large[0]["path"].as_str().unwrap().ends_with("enorm.md"));
    // Twenty citations in full, then one diagnostic for the other 49,980.
    let unknown = with_code(&report, "unknown-identifier");
    assert_eq!(unknown.len(), 21, "{report:#}");
    let summary = unknown.iter().find(|d| d["location"].is_null()).expect("a summary");
    assert!(summary["message"].as_str().unwrap().contains("49.980"), "{summary:#}");
}

#[test]
fn a_paragraph_over_the_bound_is_an_error_and_is_not_laid_out() {
    let dir = project("valid-site");
    let words = "woord ".repeat(40_000);
    add_document(dir.path(), "alinea", "", &format!("Kort.\n\n{words}\n"));
    let (output, report) = check_json(dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found = with_code(&report, "paragraph-too-long");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(line(found[0]), 9, "{:#}", found[0]);
}

#[test]
fn a_report_quotes_a_window_of_a_very_long_line_not_the_line() {
    let dir = project("valid-site");
    let citations: Vec<String> = (0..2_000).map(|i| format!("Raad-{}", 200_000 + i)).collect();
    add_document(dir.path(), "regel", "", &format!("{}\n", citations.join(" ")));
    let output = griffie(dir.path(), &["check"]);
    let report = stderr(&output);
    assert!(report.contains("Raad-200000"), "{report}");
    assert!(report.contains('…'), "{report}");
    let longest = report.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 400, "a report line of {longest} characters");
}

#[test]
fn a_source_file_over_the_size_bound_is_refused_without_reading_it_all() {
    let dir = project("valid-site");
    let big = "Tekst. ".repeat(200_000);
    add_document(dir.path(), "groot", "", &big);
    let (output, report) = check_json(dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found = with_code(&report, "file-too-large");
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(found[0]["path"].as_str().unwrap().ends_with("groot.md"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_fifo_among_the_sources_or_as_configuration_does_not_block() {
    let dir = project("valid-site");
    let fifo = dir.path().join("content/stukken/pijp.md");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (output, report) = check_json(dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let skipped = with_code(&report, "special-file-skipped");
    assert_eq!(skipped.len(), 1, "{report:#}");
    assert!(skipped[0]["path"].as_str().unwrap().ends_with("pijp.md"));

    let config = dir.path().join("griffie.yaml");
    std::fs::remove_file(&config).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(&config)
        .status()
        .unwrap()
        .success());
    let (output, report) = check_json(dir.path());
    assert_ne!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(with_code(&report, "missing-config").len(), 1, "{report:#}");
}

#[test]
fn an_empty_heading_is_left_out_with_a_warning_and_the_pdf_is_made() {
    let dir = project("valid-site");
    add_document(dir.path(), "kop", "", "Tekst.\n\n##\n\nMeer tekst.\n");
    let build = griffie(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let report = stderr(&build);
    assert!(report.contains("empty-heading"), "{report}");
    assert!(report.contains("content/stukken/kop.md:9:1"), "{report}");
    assert!(dir.path().join("output/documenten/kop/kop.pdf").is_file());
    let page = read(dir.path(), "output/documenten/kop/index.html");
    assert!(!page.contains("<h2></h2>") && !page.contains("id=\"sectie\""), "{page}");
}

#[test]
fn source_text_cannot_start_a_ci_log_line_or_reach_the_terminal_raw() {
    let dir = project("valid-site");
    let text = "---\nid: e-doc\ntype: raadsbrief\ntitle: \"T\\n::error file=x::pwned \\e]0;title\\a\"\n\
                date: 2024-01-01\n\"onbekend\\e[31m\": 1\nresponds_to: [\"nope\\n::warning::x\\u009b\"]\n---\nTekst.\n";
    std::fs::write(dir.path().join("content/stukken/e.md"), text).unwrap();
    for format in ["human", "github", "json"] {
        let output = griffie(dir.path(), &["check", "--format", format]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        for stream in [&output.stdout, &output.stderr] {
            let shown = String::from_utf8_lossy(stream);
            assert!(
                !shown.contains('\u{1b}') && !shown.contains('\u{9b}') && !shown.contains('\u{7}'),
                "{format}: {shown}"
            );
            for line in shown.lines() {
                let is_annotation = format == "github" && stream == &output.stdout;
                assert!(
                    is_annotation || !line.trim_start().starts_with("::"),
                    "{format}: {line}"
                );
            }
        }
        let shown = String::from_utf8_lossy(&output.stderr);
        if format == "human" {
            assert!(shown.contains("onbekend\\u{1b}[31m"), "{shown}");
            assert!(shown.contains("nope\\n::warning::x"), "{shown}");
        }
        if format == "github" {
            let annotations = String::from_utf8_lossy(&output.stdout);
            assert!(annotations.lines().all(|l| l.starts_with("::")), "{annotations}");
        }
    }
}

#[test]
fn a_word_too_long_for_a_pdf_is_the_document_s_problem_at_its_line() {
    let dir = project("valid-site");
    let before: String = (0..9).map(|i| format!("Alinea {i}.\n\n")).collect();
    let word = "a".repeat(30_000);
    add_document(dir.path(), "woord", "", &format!("{before}Een {word} woord.\n\nNa.\n"));
    let output = griffie(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = stderr(&output);
    assert!(report.contains("fout[pdf-content]"), "{report}");
    // Nine paragraphs of two lines each after the front matter's six lines.
    assert!(report.contains("content/stukken/woord.md:25:1"), "{report}");
    assert!(
        !report.contains("pdf-template") && !report.contains("house.typ"),
        "{report}"
    );
}
