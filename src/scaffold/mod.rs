//! `griffie new`: a new source file, ready to be written, in the right folder.
//!
//! The file has the front matter of its type with everything griffie can know filled in (id,
//! type, title, date) and every part only the clerk can write left as a placeholder (`«…»`, see
//! [`crate::load::placeholder`]) or an empty required field; a Dutch comment above each line says
//! what belongs there, and the body has the skeleton of the type (the text itself is made in
//! `template.rs`). `griffie check` reports every placeholder at its line until it is filled in, so a
//! half-written document is never published.
//!
//! This is the one place where griffie reads the clock (for today's date), because it is not part
//! of a build: builds never depend on the time (see ARCHITECTURE.md). Nothing is ever
//! overwritten: the file is created only if neither its path nor its id exists yet.

mod template;

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostics;
use crate::load::load_documents;
use crate::load::placeholder::OPEN;
use crate::model::DocType;
use crate::paths::shown_path;
use crate::slug::{is_slug, slugify};
use crate::suggest::did_you_mean;
pub(crate) use template::{render, SiteFacts};

/// The longest title part of a generated id: ids are URLs, and they are permanent.
const MAX_TITLE_SLUG: usize = 50;

/// What to create.
#[derive(Debug, Clone)]
pub struct Request {
    pub doc_type: DocType,
    pub title: String,
    pub date: Date,
    /// The id to use instead of the one made from type, date and title.
    pub id: Option<String>,
}

/// A file `griffie new` wrote.
#[derive(Debug, Clone)]
pub struct Created {
    /// Relative to the project folder when inside it.
    pub path: PathBuf,
    pub id: String,
    /// How many placeholders (`«…»`) are left to fill in.
    pub placeholders: usize,
    /// Required fields left empty, to fill in as well (a motion's `status`).
    pub empty_fields: Vec<&'static str>,
}

impl Created {
    /// What the clerk does next, in one line.
    pub fn next_step(&self) -> String {
        let fields: String = self
            .empty_fields
            .iter()
            .map(|field| crate::t!("new.and_field", field = field))
            .collect();
        crate::t!("new.created", id = self.id, count = self.placeholders, fields = fields)
    }
}

/// Why nothing was created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request cannot be carried out as given (exit code 2): an existing file or id, a bad
    /// title or id, no content folder.
    Usage,
    /// The file system failed (exit code 3).
    Environment,
}

impl Error {
    fn usage(message: String, hint: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Usage,
            message,
            hint: Some(hint.into()),
        }
    }

    fn environment(message: String) -> Error {
        Error {
            kind: ErrorKind::Environment,
            message,
            hint: None,
        }
    }

    /// The exit code of the command line's scheme: 2 wrong usage, 3 environment.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ErrorKind::Usage => 2,
            ErrorKind::Environment => 3,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = {}", crate::t!("report.hint", hint = hint))?;
        }
        Ok(())
    }
}

/// Reads a document type as typed on the command line; the error names the types.
pub fn parse_type(text: &str) -> Result<DocType, String> {
    let lower = text.trim().to_lowercase();
    if let Some(doc_type) = DocType::from_slug(&lower) {
        return Ok(doc_type);
    }
    let slugs = DocType::ALL.map(DocType::slug);
    let plural = DocType::ALL
        .into_iter()
        .find(|t| t.plural_slug() == lower)
        .map(DocType::slug);
    let types = slugs.join(", ");
    Err(match plural.or_else(|| did_you_mean(&lower, slugs)) {
        Some(best) => crate::t!("new.unknown_type_did_you_mean", text = text, best = best, types = types),
        None => crate::t!("new.unknown_type", text = text, types = types),
    })
}

/// Today in the Netherlands (Europe/Amsterdam), or in the system's time zone when the time zone
/// database is not available.
pub fn today() -> Date {
    let zone = jiff::tz::db()
        .get("Europe/Amsterdam")
        .unwrap_or_else(|_| jiff::tz::TimeZone::system());
    jiff::Timestamp::now().to_zoned(zone).date()
}

/// The id griffie gives a new document: type, date and title, as in
/// `raadsbrief-2024-04-02-inkoop-jeugdhulp`. `None` when the title has no letters or digits.
pub(crate) fn id_for(doc_type: DocType, date: Date, title: &str) -> Option<String> {
    let slug = slugify(title);
    // "Motie vreemd aan de orde" should not become `motie-…-motie-vreemd-aan-de-orde`.
    let slug = slug
        .strip_prefix(doc_type.slug())
        .and_then(|rest| rest.strip_prefix('-'))
        .unwrap_or(&slug);
    let mut end = slug.len();
    if end > MAX_TITLE_SLUG {
        end = slug[..=MAX_TITLE_SLUG].rfind('-').unwrap_or(MAX_TITLE_SLUG);
    }
    let slug = slug[..end].trim_end_matches('-');
    if slug.is_empty() {
        return None;
    }
    Some(format!("{}-{date}-{slug}", doc_type.slug()))
}

/// Creates the new document under `content` (relative to `root` unless absolute), in the type's
/// folder, e.g. `content/moties/<id>.md`.
pub fn create(root: &Path, content: &Path, request: &Request) -> Result<Created, Error> {
    let title = check_title(&request.title)?;
    let id = choose_id(request, title)?;
    let content_dir = root.join(content);
    if !content_dir.is_dir() {
        return Err(Error::usage(
            crate::t!("new.no_content_folder", folder = content.display()),
            crate::t!("new.no_content_folder_hint", file = CONFIG_FILE),
        ));
    }
    let folder = content_dir.join(request.doc_type.plural_slug());
    let path = folder.join(format!("{id}.md"));
    let shown = shown_path(root, &path);
    refuse_taken_id(root, &content_dir, &id)?;

    let site = SiteFacts::read(root);
    let text = render(request.doc_type, &id, title, request.date, &site);
    std::fs::create_dir_all(&folder).map_err(|err| {
        Error::environment(crate::t!(
            "new.cannot_create_folder",
            folder = folder.display(),
            error = err
        ))
    })?;
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::usage(
                crate::t!("new.exists", path = shown.display()),
                crate::t!("new.other_title_hint"),
            ))
        }
        Err(err) => {
            return Err(Error::environment(crate::t!(
                "new.cannot_create",
                path = shown.display(),
                error = err
            )))
        }
    };
    file.write_all(text.as_bytes())
        .map_err(|err| Error::environment(crate::t!("new.cannot_write", path = shown.display(), error = err)))?;
    Ok(Created {
        path: shown,
        id,
        placeholders: text.matches(OPEN).count(),
        empty_fields: if request.doc_type.is_voted() {
            vec!["status"]
        } else {
            Vec::new()
        },
    })
}

fn check_title(title: &str) -> Result<&str, Error> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::usage(
            crate::t!("new.empty_title"),
            crate::t!("new.empty_title_hint"),
        ));
    }
    if title.chars().any(char::is_control) {
        return Err(Error::usage(
            crate::t!("new.multiline_title"),
            crate::t!("new.multiline_title_hint"),
        ));
    }
    Ok(title)
}

fn choose_id(request: &Request, title: &str) -> Result<String, Error> {
    match &request.id {
        Some(id) if is_slug(id) => Ok(id.clone()),
        Some(id) => Err(Error::usage(
            crate::t!("document.invalid_id", id = id),
            crate::t!("document.for_example", example = slugify(id)),
        )),
        None => id_for(request.doc_type, request.date, title).ok_or_else(|| {
            Error::usage(
                crate::t!("new.no_id_from_title", title = title),
                crate::t!("new.no_id_from_title_hint"),
            )
        }),
    }
}

/// Refuses an id that a document in the content folder already has (in any folder or name).
fn refuse_taken_id(root: &Path, content_dir: &Path, id: &str) -> Result<(), Error> {
    // Only the ids matter here; the sources' own problems are for `griffie check`.
    let documents = load_documents(root, content_dir, &mut Diagnostics::new());
    match documents.iter().find(|d| d.id == id) {
        Some(other) => Err(Error::usage(
            crate::t!("new.id_taken", id = id, path = other.source.path.display()),
            crate::t!("new.other_title_hint"),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ids_are_type_date_and_title() {
        let day = date(2024, 4, 2);
        assert_eq!(
            id_for(DocType::Raadsbrief, day, "Inkoop Jeugdhulp").as_deref(),
            Some("raadsbrief-2024-04-02-inkoop-jeugdhulp")
        );
        assert_eq!(
            id_for(DocType::Motie, day, "Motie: één loket").as_deref(),
            Some("motie-2024-04-02-een-loket")
        );
        assert_eq!(id_for(DocType::Plan, day, "?!"), None);
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let title = "Transformatiefonds jeugdzorg – verzoek om een lokale deal voor de gemeente Almelo";
        let id = id_for(DocType::Brief, date(2018, 9, 28), title).unwrap();
        assert_eq!(
            id,
            "brief-2018-09-28-transformatiefonds-jeugdzorg-verzoek-om-een-lokale"
        );
        assert!(is_slug(&id));
    }

    #[test]
    fn types_are_suggested() {
        assert_eq!(parse_type("Motie"), Ok(DocType::Motie));
        assert!(parse_type("motei").unwrap_err().contains("bedoelt u `motie`?"));
        assert!(parse_type("moties").unwrap_err().contains("bedoelt u `motie`?"));
        assert!(parse_type("xyz")
            .unwrap_err()
            .contains("de soorten zijn: raadsbrief, brief"));
    }
}
