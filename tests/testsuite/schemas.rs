//! The front-matter JSON Schemas (`src/schema.rs`, committed in `schemas/`): the committed files
//! are what the code generates, they are valid draft-07 schemas, they accept every document of
//! the bundled and of a synthetic corpus, and they reject a bad document with errors that name
//! the field.
//!
//! After changing the schema types, refresh the committed files and commit them:
//! `GRIFFIE_UPDATE_SCHEMAS=1 cargo test --test testsuite schemas::`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support;

const UPDATE: &str = "GRIFFIE_UPDATE_SCHEMAS";

fn schemas_dir() -> PathBuf {
    support::repo_root().join("schemas")
}

/// The committed schema of a document type, by its `type` value.
fn committed(doc_type: &str) -> Value {
    let path = schemas_dir().join(format!("{doc_type}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The front matter of a source file as JSON: YAML between the first two `---` lines of a `.md`
/// file, or the whole of a `.yaml` file.
fn front_matter(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        let mut lines = text.lines();
        assert_eq!(lines.next().map(str::trim_end), Some("---"), "{}", path.display());
        let block: Vec<&str> = lines.take_while(|line| line.trim_end() != "---").collect();
        block.join("\n")
    } else {
        text
    };
    let value: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    serde_json::to_value(value).unwrap()
}

/// Every document source under `content`, sorted.
fn sources(content: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "yaml" || e == "yml"))
        .collect();
    out.sort();
    out
}

/// Validation errors as `"<path in the document>: <message>"`.
fn errors(document: &Value) -> Vec<String> {
    let doc_type = document["type"].as_str().expect("a `type` field");
    let schema = committed(doc_type);
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(document)
        .map(|e| match e.instance_path().as_str() {
            "" => format!("/: {e}"),
            path => format!("{path}: {e}"),
        })
        .collect()
}

/// Every document in `content` is valid against the schema of its type; returns how many.
fn assert_all_valid(content: &Path) -> usize {
    let files = sources(content);
    for file in &files {
        let found = errors(&front_matter(file));
        assert!(
            found.is_empty(),
            "{} is valid for griffie but not for its schema:\n{found:#?}",
            file.display()
        );
    }
    files.len()
}

#[test]
fn committed_schemas_are_current() {
    let dir = schemas_dir();
    let made = griffie::schemas();
    if std::env::var_os(UPDATE).is_some_and(|v| v == "1") {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, json) in &made {
            std::fs::write(dir.join(name), json).unwrap();
        }
    }
    let mut stale: Vec<String> = made
        .iter()
        .filter(|(name, json)| std::fs::read_to_string(dir.join(name)).ok().as_ref() != Some(json))
        .map(|(name, _)| name.clone())
        .collect();
    let committed = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().file_name());
    let names: Vec<String> = committed.map(|n| n.to_string_lossy().into_owned()).collect();
    stale.extend(names.into_iter().filter(|n| !made.iter().any(|(name, _)| name == n)));
    assert!(
        stale.is_empty(),
        "schemas/ does not match the schema types in src/schema.rs ({}): run \
         `{UPDATE}=1 cargo test --test testsuite schemas::`, then commit schemas/ (and delete files no type makes)",
        stale.join(", ")
    );
}

#[test]
fn committed_schemas_are_valid_draft_07() {
    for (name, json) in griffie::schemas() {
        let schema: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#", "{name}");
        if let Err(err) = jsonschema::meta::validate(&schema) {
            panic!("{name} is not a valid schema: {err}");
        }
    }
}

#[test]
fn schemas_accept_the_bundled_corpus() {
    let content = support::repo_root().join("content");
    assert!(
        assert_all_valid(&content) >= 10,
        "the bundled corpus has at least ten documents"
    );
}

#[test]
fn schemas_accept_a_synthetic_corpus() {
    // Motions with submitters, votes and due dates, letters with every field: what the bundled
    // corpus does not show.
    let (dir, summary) = support::synthetic(300, 42);
    assert_eq!(assert_all_valid(&dir.path().join("content")), summary.documents);
}

const GOOD_MOTION: &str = "\
id: motie-2025-01-30-speeltuinen
type: motie
title: Speeltuinen in elke wijk
date: 2025-01-30
status: aangenomen
due: 2025-12-31
submitters:
  - {name: J. Jansen, party: VVD}
  - P. de Vries
vote: {for: 21, against: 8}
topics: [speeltuinen]
withdrawn: {date: 2025-08-12, reason: Bevat persoonsgegevens}
";

fn motion_with(replace: &str, with: &str) -> Value {
    assert!(GOOD_MOTION.contains(replace), "`{replace}` is in the good motion");
    let yaml = GOOD_MOTION.replace(replace, with);
    serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(&yaml).unwrap()).unwrap()
}

/// The errors for a motion with one line changed; asserts there is one and that it names `field`.
fn rejected(replace: &str, with: &str, field: &str) -> String {
    let found = errors(&motion_with(replace, with));
    assert!(!found.is_empty(), "`{with}` is accepted");
    let joined = found.join("\n");
    assert!(
        joined.contains(field),
        "the errors for `{with}` do not name `{field}`:\n{joined}"
    );
    joined
}

#[test]
fn schema_accepts_a_complete_motion() {
    assert_eq!(errors(&motion_with("", "")), Vec::<String>::new());
}

#[test]
fn schema_rejects_a_bad_document_naming_the_field() {
    rejected("topics:", "onderwerpen:", "onderwerpen");
    rejected("date: 2025-01-30", "date: 30-01-2025", "/date");
    rejected("due: 2025-12-31", "due: 2025-13-01", "/due");
    rejected("title: Speeltuinen in elke wijk\n", "", "title");
    rejected("status: aangenomen", "status: afgedaan", "/status");
    rejected("id: motie-2025-01-30-speeltuinen", "id: Motie 2025", "/id");
    rejected("vote: {for: 21, against: 8}", "vote: {voor: 21, against: 8}", "voor");
    rejected(
        "{date: 2025-08-12, reason: Bevat persoonsgegevens}",
        "{date: 2025-08-12}",
        "reason",
    );
    // A letter's field on a motion, as the loader's `misplaced-field`.
    rejected("due: 2025-12-31", "addressee: Aan de raad", "addressee");
}

#[test]
fn every_mistake_in_a_bad_document_is_named_like_the_loader_does() {
    // An unknown field, a date in the wrong format, no title, a status that does not exist, a
    // signatory without role on a letter.
    let motion = "id: motie-x\ntype: motie\ndate: 30-01-2025\nstatus: afgedaan\nonderwerpen: [x]\n";
    let letter = "id: brief-x\ntype: brief\ntitle: T\ndate: 2025-01-30\nsignatories: [{name: A. Gerritsen}]\n";
    for (yaml, fields, codes) in [
        (
            motion,
            &["onderwerpen", "/date", "title", "/status"][..],
            &["unknown-field", "invalid-date", "missing-field", "invalid-value"][..],
        ),
        (letter, &["/signatories/0: \"role\""], &["invalid-value"]),
    ] {
        let document = serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(yaml).unwrap()).unwrap();
        let found = errors(&document);
        assert_eq!(found.len(), fields.len(), "{found:#?}");
        for field in fields {
            assert!(
                found.iter().any(|e| e.contains(field)),
                "no error names `{field}`: {found:#?}"
            );
        }
        let (_, diagnostics) = griffie::read_bytes(
            Path::new("bad.yaml"),
            yaml.as_bytes().to_vec(),
            griffie::SourceKind::Yaml,
        );
        let loader: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        for code in codes {
            assert!(loader.contains(code), "the loader reports {loader:?}, not `{code}`");
        }
    }
}

#[test]
fn a_schema_comment_in_the_front_matter_changes_nothing_for_the_loader() {
    let modeline = "# yaml-language-server: $schema=../../schemas/plan.schema.json\n";
    let fields = "id: plan-x\ntype: plan\ntitle: T\ndate: 2025-01-30\n";
    let markdown = format!("---\n{modeline}{fields}---\n\nTekst.\n");
    let record = format!("{modeline}{fields}");
    for (name, text, kind) in [
        ("plan-x.md", markdown, griffie::SourceKind::Markdown),
        ("plan-x.yaml", record, griffie::SourceKind::Yaml),
    ] {
        let (document, diagnostics) = griffie::read_bytes(Path::new(name), text.into_bytes(), kind);
        assert!(diagnostics.is_empty(), "{name}: {diagnostics:#?}");
        assert_eq!(document.unwrap().title, "T");
    }
}

#[test]
fn build_publishes_the_schemas() {
    let (dir, _) = support::synthetic(5, 42);
    let options = griffie::BuildOptions {
        pdf: false,
        ..support::library_options(dir.path(), griffie::Mode::Build)
    };
    let report = griffie::build(&options).unwrap();
    assert!(report.published, "{:#?}", report.diagnostics);
    for (name, json) in griffie::schemas() {
        let published = std::fs::read_to_string(dir.path().join("output/schemas").join(&name)).unwrap();
        assert_eq!(published, json, "output/schemas/{name}");
    }
}
