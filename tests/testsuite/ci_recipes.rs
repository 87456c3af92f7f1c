//! The CI recipes in `ci-recipes/` are valid YAML and do what README promises: fetch the full
//! history, install griffie, keep `.griffie-cache/`, run `griffie check --strict` and
//! `griffie build`, and publish on GitHub Pages or GitLab Pages.

use serde_yaml::Value;

use crate::support::{griffie, repo_root};

fn recipe(name: &str) -> Value {
    let path = repo_root().join("ci-recipes").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name} is not valid YAML: {e}"))
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

/// The steps of a GitHub Actions job.
fn steps<'a>(workflow: &'a Value, job: &str) -> &'a [Value] {
    workflow["jobs"][job]["steps"]
        .as_sequence()
        .unwrap_or_else(|| panic!("job {job} has no steps"))
}

/// The position of the first step using `action` (any version).
fn uses(steps: &[Value], action: &str) -> usize {
    steps
        .iter()
        .position(|s| text(&s["uses"]).starts_with(&format!("{action}@")))
        .unwrap_or_else(|| panic!("no step uses {action}"))
}

/// The position of the first step whose shell command contains `command`.
fn runs(steps: &[Value], command: &str) -> usize {
    steps
        .iter()
        .position(|s| text(&s["run"]).contains(command))
        .unwrap_or_else(|| panic!("no step runs `{command}`"))
}

#[test]
fn github_actions_recipe_checks_builds_and_publishes_on_pages() {
    let workflow = recipe("github-actions.yml");
    let build = steps(&workflow, "build");

    let checkout = uses(build, "actions/checkout");
    assert_eq!(build[checkout]["with"]["fetch-depth"].as_u64(), Some(0), "full history");

    let install = runs(build, "cargo install --locked --git \"$GRIFFIE_GIT\"");
    assert!(text(&workflow["env"]["GRIFFIE_GIT"]).ends_with(".git"));
    let cached = |path: &str| {
        build
            .iter()
            .any(|s| text(&s["uses"]).starts_with("actions/cache@") && text(&s["with"]["path"]).contains(path))
    };
    assert!(cached(".griffie-cache"), "no cache of .griffie-cache");
    assert!(
        cached("output"),
        "no cache of the last site, whose unchanged pages a build keeps"
    );
    assert!(cached(".griffie-bin"), "no cache of the installed binary");

    let check = runs(build, "griffie check --strict");
    let site = runs(build, "griffie build");
    let upload = uses(build, "actions/upload-pages-artifact");
    assert_eq!(text(&build[upload]["with"]["path"]), "output");
    assert!(checkout < install && install < check && check < site && site < upload);

    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(text(&deploy["needs"]), "build");
    assert_eq!(text(&deploy["permissions"]["pages"]), "write");
    assert_eq!(text(&deploy["permissions"]["id-token"]), "write");
    assert_eq!(text(&deploy["environment"]["name"]), "github-pages");
    uses(steps(&workflow, "deploy"), "actions/deploy-pages");
    // Everything else may only read.
    assert_eq!(text(&workflow["permissions"]["contents"]), "read");
}

#[test]
fn gitlab_ci_recipe_checks_builds_and_publishes_on_pages() {
    let pipeline = recipe("gitlab-ci.yml");
    assert_eq!(pipeline["variables"]["GIT_DEPTH"].as_u64(), Some(0), "full history");
    assert!(text(&pipeline["variables"]["GRIFFIE_GIT"]).ends_with(".git"));

    let shared = &pipeline[".griffie"];
    let install: Vec<&str> = shared["before_script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    assert!(install
        .iter()
        .any(|l| l.contains("cargo install --locked --force --git \"$GRIFFIE_GIT\"")));
    let cached: Vec<&str> = shared["cache"]
        .as_sequence()
        .unwrap()
        .iter()
        .flat_map(|c| c["paths"].as_sequence().unwrap().iter().map(text))
        .collect();
    assert!(cached.contains(&".griffie-cache/") && cached.contains(&".griffie-bin/"));
    assert!(
        cached.contains(&"public/"),
        "the last site, whose unchanged pages a build keeps"
    );

    let script = |job: &str| -> Vec<&str> {
        assert_eq!(text(&pipeline[job]["extends"]), ".griffie", "{job} installs griffie");
        pipeline[job]["script"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(text)
            .collect()
    };
    assert_eq!(script("check"), ["griffie check --strict --output public"]);
    assert_eq!(script("pages"), ["griffie build --output public"]);
    let pages = &pipeline["pages"];
    assert_eq!(pages["artifacts"]["paths"][0].as_str(), Some("public"));
    assert!(text(&pages["rules"][0]["if"]).contains("$CI_DEFAULT_BRANCH"));
    let stages: Vec<&str> = pipeline["stages"].as_sequence().unwrap().iter().map(text).collect();
    let stage = |job: &str| stages.iter().position(|s| *s == text(&pipeline[job]["stage"])).unwrap();
    assert!(
        stage("check") < stage("pages"),
        "pages is published only after the check"
    );
}

/// Every `griffie <command> --flag` in the recipes names a flag the binary has.
#[test]
fn recipes_use_only_flags_griffie_has() {
    for name in ["github-actions.yml", "gitlab-ci.yml"] {
        let source = std::fs::read_to_string(repo_root().join("ci-recipes").join(name)).unwrap();
        for line in source.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let Some(start) = line.find("griffie ") else { continue };
            let words: Vec<&str> = line[start..].split_whitespace().collect();
            let (command, flags) = (words[1], &words[2..]);
            if !matches!(command, "check" | "build") {
                continue;
            }
            let help = griffie(&repo_root(), &[command, "--help"]);
            let help = String::from_utf8_lossy(&help.stdout);
            for flag in flags.iter().filter(|w| w.starts_with("--")) {
                assert!(help.contains(flag), "{name}: `griffie {command}` has no {flag}");
            }
        }
    }
}
