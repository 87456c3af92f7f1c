//! Loading the tera templates from `templates/` once per build.
//!
//! Templates are the house style and belong to the site, not the binary: a municipality changes
//! them without touching Rust. Syntax errors are reported as diagnostics on the template file.

use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

/// The templates griffie renders; each must exist in `templates/`.
pub const REQUIRED: &[&str] = &[
    "home.html",
    "document.html",
    "list.html",
    "dossier.html",
    "dossiers.html",
    "motions.html",
    "404.html",
];

/// Parses every `.html` file under `dir` (names relative to `dir`, with `/`).
pub fn load_templates(dir: &Path, shown_dir: &Path) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        let is_template = entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html");
        if !is_template {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        files.push((entry.path().to_path_buf(), name));
    }
    let mut tera = tera::Tera::new();
    if let Err(err) = tera.add_template_files(files.iter().map(|(path, name)| (path, Some(name.as_str())))) {
        return Err(vec![
            Diagnostic::error("template", shown_dir, error_chain(&err)).hint(crate::t!("templates.syntax_hint"))
        ]);
    }
    let missing: Vec<Diagnostic> = REQUIRED
        .iter()
        .filter(|name| !tera.contains_template(name))
        .map(|name| {
            Diagnostic::error(
                "template",
                &shown_dir.join(name),
                crate::t!("templates.missing", name = name),
            )
            .hint(crate::t!("templates.missing_hint"))
        })
        .collect();
    if missing.is_empty() {
        Ok(tera)
    } else {
        Err(missing)
    }
}

/// A tera error with all its causes, one per line.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push('\n');
            message.push_str(&crate::t!("templates.caused_by", cause = text));
        }
        source = cause.source();
    }
    message
}
