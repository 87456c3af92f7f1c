//! Loading the tera templates from `templates/` once per build.
//!
//! Templates are the house style and belong to the site, not the binary: a municipality changes
//! them without touching Rust. Syntax errors are reported as diagnostics on the template file.
//!
//! Templates write no interface words of their own: they ask the catalog (`locales/griffie.yml`,
//! keys under `site.`) with the function `t`, bound to the site's language (`language:` in
//! `griffie.yaml`, never the process's message language):
//!
//! ```text
//! {{ t(key="site.nav.label") }}
//! {{ t(key="site.document.votes", for=doc.motion.vote.for, against=doc.motion.vote.against) }}
//! ```
//!
//! Every other named argument fills in `%{name}` in the text. Catalog texts are trusted HTML
//! (they may hold `&nbsp;` or markup); an argument is escaped like any printed value unless it
//! is already safe, such as a `{% set x %}…{% endset %}` block, which is how markup (a
//! `<time>`, a link) goes inside a sentence whose word order differs between languages. Tests
//! check that every key a template asks for is in the catalog in both languages.

use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::i18n::Lang;

/// The templates griffie renders; each must exist in `templates/`.
pub(crate) const REQUIRED: &[&str] = &[
    "home.html",
    "document.html",
    "list.html",
    "dossier.html",
    "dossiers.html",
    "motions.html",
    "404.html",
];

/// Parses every `.html` file under `dir` (names relative to `dir`, with `/`), with the function
/// `t` speaking `lang`.
pub(crate) fn load_templates(dir: &Path, shown_dir: &Path, lang: Lang) -> Result<tera::Tera, Vec<Diagnostic>> {
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
    tera.register_function("t", move |kwargs: tera::Kwargs, _: &tera::State| {
        translate(lang, &kwargs)
    });
    if let Err(err) = tera.add_template_files(files.iter().map(|(path, name)| (path, Some(name.as_str())))) {
        return Err(vec![
            Diagnostic::error(Code::Template, shown_dir, error_chain(&err)).hint(crate::t!("templates.syntax_hint"))
        ]);
    }
    let missing: Vec<Diagnostic> = REQUIRED
        .iter()
        .filter(|name| !tera.contains_template(name))
        .map(|name| {
            Diagnostic::error(
                Code::Template,
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

/// `t(key="site.…", name=value, …)`: the catalog's text of `key` in `lang`, with each `%{name}`
/// replaced by its argument (escaped unless safe); safe HTML itself. An unknown key is an error
/// (which names the template and line), never a placeholder on a published page.
fn translate(lang: Lang, kwargs: &tera::Kwargs) -> tera::TeraResult<tera::Value> {
    let key: String = kwargs.must_get("key")?;
    if !crate::i18n::has_key(&key) {
        return Err(tera::Error::message(crate::t!("templates.unknown_key", key = key)));
    }
    let mut args = Vec::new();
    for (name, value) in kwargs.iter() {
        let name = name.to_string();
        if name == "key" {
            continue;
        }
        let shown = value.to_string();
        let shown = if value.is_safe() {
            shown
        } else {
            crate::escape::html(&shown)
        };
        args.push((name, shown));
    }
    let args: Vec<(&str, String)> = args
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    Ok(tera::Value::safe_string(&crate::i18n::translate_in(lang, &key, &args)))
}

/// A tera error with all its causes, one per line.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
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
