//! The language of griffie's messages: Dutch by default, English with `--lang en` or
//! `GRIFFIE_LANG=en` (the flag wins); every message exists in both; what tools read (codes,
//! severities) is the same in both. The site's interface texts (`site.*`, asked for by the
//! templates with `t(key=…)` and by the code with `t!(lang => …)`) share the catalog and its
//! checks; `site_language` checks the English site itself.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::*;

/// The catalog as key → language → text.
fn catalog() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut all = BTreeMap::new();
    for entry in std::fs::read_dir(repo_root().join("locales")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let yaml: serde_yaml::Mapping =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            yaml.get("_version").and_then(|v| v.as_u64()),
            Some(2),
            "{}",
            path.display()
        );
        for (key, value) in yaml {
            let key = key.as_str().expect("keys are text").to_string();
            if key == "_version" {
                continue;
            }
            let texts: BTreeMap<String, String> =
                serde_yaml::from_value(value).unwrap_or_else(|e| panic!("{key}: not a map of language to text: {e}"));
            assert!(
                all.insert(key.clone(), texts).is_none(),
                "{key} is in the catalog twice"
            );
        }
    }
    all
}

/// `%{name}` placeholders in a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    regex::Regex::new(r"%\{([a-z_]+)\}")
        .unwrap()
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect()
}

/// Every key the code asks for with `t!("key"…)` or `t!(lang => "key"…)`, with the file that
/// asks (comments, which show the macro with made-up keys, are left out).
fn keys_used_in_src() -> BTreeMap<String, String> {
    let pattern = regex::Regex::new(r#"\bt!\(\s*(?:[a-z_.]+\s*=>\s*)?"([^"]+)""#).unwrap();
    let mut used = BTreeMap::new();
    for entry in walkdir::WalkDir::new(repo_root().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let code: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
        let text = code.join("\n");
        for found in pattern.captures_iter(&text) {
            used.insert(found[1].to_string(), entry.path().display().to_string());
        }
    }
    used
}

/// Every key the templates ask for with `t(key="…")` (HTML and typst templates), with the
/// file that asks; tera comments are left out.
fn keys_used_in_templates() -> BTreeMap<String, String> {
    let pattern = regex::Regex::new(r#"\bt\(\s*key\s*=\s*"([^"]+)""#).unwrap();
    let comment = regex::Regex::new(r"(?s)\{#.*?#\}").unwrap();
    let mut used = BTreeMap::new();
    for entry in walkdir::WalkDir::new(repo_root().join("templates")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let text = comment.replace_all(&text, "");
        for found in pattern.captures_iter(&text) {
            used.insert(found[1].to_string(), entry.path().display().to_string());
        }
    }
    used
}

#[test]
fn every_message_is_in_dutch_and_in_english() {
    let catalog = catalog();
    assert!(catalog.len() > 100, "the catalog holds griffie's messages");
    for (key, texts) in &catalog {
        let languages: Vec<&str> = texts.keys().map(String::as_str).collect();
        assert_eq!(languages, ["en", "nl"], "{key} must have exactly nl and en");
        for (language, text) in texts {
            assert!(!text.trim().is_empty(), "{key}: the {language} text is empty");
        }
        assert_eq!(
            placeholders(&texts["nl"]),
            placeholders(&texts["en"]),
            "{key}: nl and en must fill in the same %{{…}}"
        );
    }
}

#[test]
fn every_key_the_code_asks_for_is_in_the_catalog_and_every_key_is_used() {
    let catalog = catalog();
    let mut used = keys_used_in_src();
    used.extend(keys_used_in_templates());
    for (key, file) in &used {
        assert!(
            catalog.contains_key(key),
            "{file} asks for `{key}`, which locales/ lacks"
        );
    }
    for key in catalog.keys() {
        assert!(
            used.contains_key(key),
            "`{key}` is in the catalog but no code or template uses it"
        );
    }
}

#[test]
fn templates_ask_for_site_texts_and_write_no_dutch_of_their_own() {
    let used = keys_used_in_templates();
    assert!(used.len() > 100, "the templates take their words from the catalog");
    for (key, file) in &used {
        assert!(
            key.starts_with("site."),
            "{file} asks for `{key}`: templates use the site's texts (`site.…`)"
        );
    }
    // A few words every Dutch page used to carry literally; each now comes from the catalog.
    let tag = regex::Regex::new(r"(?s)\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}").unwrap();
    let comment = regex::Regex::new(r"(?m)^\s*//.*$").unwrap();
    let mut checked = Vec::new();
    for entry in walkdir::WalkDir::new(repo_root().join("templates")) {
        let entry = entry.unwrap();
        // The HTML templates, and the search page's script: it takes its words from the page.
        if entry.path().extension().is_none_or(|e| e != "html" && e != "js") {
            continue;
        }
        checked.push(entry.file_name().to_string_lossy().into_owned());
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let literal = tag.replace_all(&text, " ");
        // Comments of the script may quote the Dutch it shows.
        let literal = comment.replace_all(&literal, " ");
        for word in [
            "Pagina",
            "pagina",
            "Versie",
            "versie",
            "Datum",
            "Streefdatum",
            "Motievolglijst",
            "Dossiers",
            "Kruimelpad",
            "documenten",
            "niet",
            "Zoeken",
            "Toegankelijkheid",
            "Volg",
            "Streefdata",
            "Nieuwste",
            "gevonden",
            "januari",
        ] {
            assert!(
                !regex::Regex::new(&format!(r"\b{word}\b")).unwrap().is_match(&literal),
                "{}: `{word}` is written in the template; ask the catalog with t(key=…)",
                entry.path().display()
            );
        }
    }
    for file in [
        "accessibility.html",
        "api.html",
        "search.html",
        "zoeken.js",
        "base.html",
    ] {
        assert!(checked.iter().any(|f| f == file), "{file} is checked");
    }
}

#[test]
fn griffie_lang_en_gives_english_and_the_flag_beats_it() {
    let dir = project("invalid-site");
    let english = griffie_with_env(dir.path(), &["check", "--no-pdf"], &[("GRIFFIE_LANG", "en")]);
    assert_eq!(english.status.code(), Some(1));
    let report = stderr(&english);
    assert!(
        report.contains("error[duplicate-id]: id `dubbel` is already used"),
        "{report}"
    );
    assert!(report.contains("hint: did you mean `title`?"), "{report}");
    assert!(report.contains("check failed: "), "{report}");

    let dutch = griffie_with_env(
        dir.path(),
        &["check", "--no-pdf", "--lang", "nl"],
        &[("GRIFFIE_LANG", "en")],
    );
    let report = stderr(&dutch);
    assert!(
        report.contains("fout[duplicate-id]: id `dubbel` wordt al gebruikt"),
        "{report}"
    );
    assert!(report.contains("tip: bedoelt u `title`?"), "{report}");
    assert!(report.contains("controle mislukt: "), "{report}");
}

#[test]
fn an_unknown_language_is_a_usage_error_naming_the_choices() {
    let dir = project("valid-site");
    for output in [
        griffie(dir.path(), &["check", "--lang", "xx"]),
        griffie(dir.path(), &["--lang=de", "check"]),
        griffie_with_env(dir.path(), &["check"], &[("GRIFFIE_LANG", "fr")]),
    ] {
        assert_eq!(output.status.code(), Some(2));
        let text = stderr(&output);
        assert!(text.contains("nl") && text.contains("en"), "{text}");
    }
}

#[test]
fn json_codes_and_severities_are_the_same_in_both_languages() {
    let dir = project("invalid-site");
    let run = |lang: &str| {
        let output = griffie(dir.path(), &["check", "--format", "json", "--lang", lang]);
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
        report["diagnostics"].as_array().unwrap().clone()
    };
    let (nl, en) = (run("nl"), run("en"));
    let contract = |list: &[serde_json::Value]| -> Vec<String> {
        list.iter()
            .map(|d| format!("{} {} {} {}", d["severity"], d["code"], d["path"], d["location"]))
            .collect()
    };
    assert_eq!(contract(&nl), contract(&en));
    let severities: BTreeSet<&str> = nl.iter().map(|d| d["severity"].as_str().unwrap()).collect();
    assert!(
        severities.is_subset(&BTreeSet::from(["error", "warning", "note"])),
        "{severities:?}"
    );
    let messages =
        |list: &[serde_json::Value]| -> Vec<String> { list.iter().map(|d| d["message"].to_string()).collect() };
    assert_ne!(messages(&nl), messages(&en), "the messages themselves are translated");
}

#[test]
fn help_is_dutch_by_default_and_english_on_request() {
    let dir = project("valid-site");
    let help = |args: &[&str]| {
        let output = griffie(dir.path(), args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let dutch = help(&["--help"]);
    assert!(
        dutch.contains("Opdrachten:") && dutch.contains("Bouw de site uit content/"),
        "{dutch}"
    );
    assert!(dutch.contains("Toon deze hulp"), "{dutch}");
    let build = help(&["build", "--help"]);
    assert!(build.contains("Map waarin de site komt"), "{build}");
    assert!(build.contains("--strict"), "{build}");
    assert_eq!(
        help(&["help", "build"]),
        build,
        "`griffie help build` is `griffie build --help`"
    );

    let english = help(&["--help", "--lang", "en"]);
    assert!(
        english.contains("Commands:") && english.contains("Build the site from content/"),
        "{english}"
    );
    let english_new = help(&["new", "--help", "--lang=en"]);
    assert!(english_new.contains("The document type"), "{english_new}");
}

#[test]
fn the_closing_summary_writes_numbers_as_each_language_does() {
    let dir = project("valid-site");
    let dutch = stderr(&griffie(dir.path(), &["check", "--no-pdf"]));
    let seconds = regex::Regex::new(r"in \d+,\d s").unwrap();
    assert!(
        dutch.starts_with("gecontroleerd: ") || dutch.contains("\ngecontroleerd: "),
        "{dutch}"
    );
    assert!(seconds.is_match(&dutch), "{dutch}");
    let english = stderr(&griffie(dir.path(), &["check", "--no-pdf", "--lang", "en"]));
    assert!(english.contains("checked: "), "{english}");
    assert!(
        regex::Regex::new(r"in \d+\.\d s").unwrap().is_match(&english),
        "{english}"
    );
}

#[test]
fn no_output_file_depends_on_the_message_language() {
    let dir = project("valid-site");
    for (lang, folder) in [("nl", "output-nl"), ("en", "output-en")] {
        let output = griffie(dir.path(), &["build", "--lang", lang, "--output", folder]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let tree = |folder: &str| {
        let mut files = snapshot_tree(&dir.path().join(folder));
        // The marker names the folder's own manifest, which is per output folder.
        files.remove(std::path::Path::new(".griffie-output"));
        files
    };
    let (nl, en) = (tree("output-nl"), tree("output-en"));
    assert!(
        nl.keys().any(|p| p.extension().is_some_and(|e| e == "pdf")),
        "PDFs are compared too"
    );
    assert!(nl == en, "the site differs between --lang nl and --lang en");
}
