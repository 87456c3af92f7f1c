//! The build fails on a broken internal link or anchor, pointing at the source that has it.

use serde_json::Value;

use crate::support::*;

/// Runs `args` in `dir` with `--format json`: the exit code and the report.
fn diagnostics(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut args = args.to_vec();
    args.extend(["--no-pdf", "--format", "json"]);
    let output = griffie(dir, &args);
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    (output.status.code(), report)
}

#[test]
fn broken_link_and_anchor_in_markdown_fail_the_build_at_their_line() {
    let dir = project("links-site");
    std::fs::create_dir_all(dir.path().join("output")).unwrap();
    let (code, report) = diagnostics(dir.path(), &["build"]);
    assert_eq!(code, Some(1), "{report:#}");
    let links = with_code(&report, "broken-link");
    assert_eq!(links.len(), 1, "{report:#}");
    assert_eq!(links[0]["severity"], "error");
    assert_eq!(links[0]["path"], "content/raadsbrieven/kapot.md");
    assert_eq!(links[0]["location"]["line"], 10);
    let message = links[0]["message"].as_str().unwrap();
    assert!(message.contains("/documenten/bestaat-niet/"), "{message}");
    assert!(
        message.contains("documenten/kapot/index.html"),
        "names the page: {message}"
    );
    assert!(links[0]["hint"].is_string());

    let anchors = with_code(&report, "broken-anchor");
    assert_eq!(anchors.len(), 1, "{report:#}");
    assert_eq!(anchors[0]["path"], "content/raadsbrieven/kapot.md");
    assert_eq!(anchors[0]["location"]["line"], 12);
    assert!(anchors[0]["message"]
        .as_str()
        .unwrap()
        .contains("/documenten/doel/#anker"));

    let elsewhere: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error" && d["path"] != "content/raadsbrieven/kapot.md")
        .collect();
    assert!(elsewhere.is_empty(), "good links and headings pass: {elsewhere:#?}");
    assert!(
        !dir.path().join("output/index.html").exists(),
        "the output stays untouched"
    );
}

#[test]
fn check_reports_broken_links_too() {
    let dir = project("links-site");
    let (code, report) = diagnostics(dir.path(), &["check"]);
    assert_eq!(code, Some(1));
    assert_eq!(with_code(&report, "broken-link").len(), 1, "{report:#}");
    assert_eq!(with_code(&report, "broken-anchor").len(), 1, "{report:#}");
}

#[test]
fn fixing_the_links_makes_the_build_pass() {
    let dir = project("links-site");
    std::fs::remove_file(dir.path().join("content/raadsbrieven/kapot.md")).unwrap();
    build_ok(dir.path());
}

#[test]
fn broken_link_in_a_template_names_the_template_once() {
    let dir = project("valid-site");
    let base = dir.path().join("templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    let broken = text.replacen(
        r#"href="{{ site.base_path }}/dossiers/">{{ t(key="site.nav.dossiers") }}"#,
        r#"href="{{ site.base_path }}/dossiers-oud/">{{ t(key="site.nav.dossiers") }}"#,
        1,
    );
    assert_ne!(text, broken, "the footer link is there to break");
    std::fs::write(&base, broken).unwrap();
    let (code, report) = diagnostics(dir.path(), &["build"]);
    assert_eq!(code, Some(1));
    let links = with_code(&report, "broken-link");
    assert_eq!(links.len(), 1, "one problem for every page it is on: {links:#?}");
    assert_eq!(links[0]["path"], "templates/base.html");
    assert!(links[0]["location"]["line"].as_u64().unwrap() > 1);
    let message = links[0]["message"].as_str().unwrap();
    assert!(
        message.contains("/dossiers-oud/") && message.contains("pagina's"),
        "{message}"
    );
}

#[test]
fn the_fixture_sites_have_no_broken_links() {
    for name in ["valid-site", "pdf-site", "browser-site"] {
        let dir = project(name);
        let (_, report) = diagnostics(dir.path(), &["check"]);
        let broken = [with_code(&report, "broken-link"), with_code(&report, "broken-anchor")].concat();
        assert!(broken.is_empty(), "{name}: {broken:#?}");
    }
}

/// Builds `dir` twice: the next build writes into the first one's folder and keeps every page
/// whose views did not change.
fn build_twice(dir: &std::path::Path) {
    for _ in 0..2 {
        let (code, report) = diagnostics(dir, &["build"]);
        assert_eq!(code, Some(0), "{report:#}");
    }
}

/// A page kept from an earlier build (nothing it shows changed) is checked again: when the
/// document it links to is gone, the build fails at the link.
#[test]
fn a_kept_page_whose_link_target_went_fails_the_build() {
    let dir = project("links-site");
    let root = dir.path();
    std::fs::remove_file(root.join("content/raadsbrieven/kapot.md")).unwrap();
    let tijdelijk =
        "---\nid: tijdelijk\ntype: raadsbrief\ntitle: Een tijdelijke brief\ndate: 2025-04-01\n---\n\nTijdelijk.\n";
    std::fs::write(root.join("content/raadsbrieven/tijdelijk.md"), tijdelijk).unwrap();
    let goed = root.join("content/raadsbrieven/goed.md");
    let text = std::fs::read_to_string(&goed).unwrap();
    std::fs::write(
        &goed,
        format!("{text}\nZie ook [de tijdelijke brief](/documenten/tijdelijk/).\n"),
    )
    .unwrap();
    build_twice(root);

    std::fs::remove_file(root.join("content/raadsbrieven/tijdelijk.md")).unwrap();
    let (code, report) = diagnostics(root, &["build"]);
    assert_eq!(code, Some(1), "{report:#}");
    let links = with_code(&report, "broken-link");
    assert_eq!(links.len(), 1, "{report:#}");
    assert_eq!(links[0]["path"], "content/raadsbrieven/goed.md");
    assert!(links[0]["message"].as_str().unwrap().contains("/documenten/tijdelijk/"));
    let (code, report) = diagnostics(root, &["check"]);
    assert_eq!(code, Some(1), "check keeps pages of the published output: {report:#}");
    assert_eq!(with_code(&report, "broken-link").len(), 1, "{report:#}");
}

/// A kept page's link into another page's anchor is checked against that page as it is now:
/// renaming the heading fails the build at the link, though the linking page did not change.
#[test]
fn a_kept_page_whose_anchor_went_fails_the_build() {
    let dir = project("links-site");
    let root = dir.path();
    std::fs::remove_file(root.join("content/raadsbrieven/kapot.md")).unwrap();
    build_twice(root);

    let doel = root.join("content/raadsbrieven/doel.md");
    let text = std::fs::read_to_string(&doel).unwrap();
    let renamed = text
        .replace("## Besluit", "## Beslissing")
        .replace("(#besluit)", "(#beslissing)");
    assert_ne!(text, renamed);
    std::fs::write(&doel, renamed).unwrap();
    let (code, report) = diagnostics(root, &["build"]);
    assert_eq!(code, Some(1), "{report:#}");
    let anchors = with_code(&report, "broken-anchor");
    assert_eq!(anchors.len(), 1, "{report:#}");
    assert_eq!(anchors[0]["path"], "content/raadsbrieven/goed.md");
    assert!(anchors[0]["message"]
        .as_str()
        .unwrap()
        .contains("/documenten/doel/#besluit"));
}
