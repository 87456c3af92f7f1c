//! A page's template context, kept as the typed views it is made of until the page is rendered.
//!
//! Converting views to template values and running the template is most of what a page costs.
//! A [`PageContext`] hashes each view as it is inserted (its JSON, streamed into BLAKE3, nothing
//! kept), so a page's key, everything it shows plus the templates it is made with, is known
//! before any of that work. A page whose key the output holds already is kept as it is
//! ([`crate::output::Output::reuse`]): a commit that changes one document renders that
//! document's page and the pages that show it, not ten thousand others. The key is correct by
//! construction: the same views and templates give the same bytes.

use serde::Serialize;

/// One view, inserted into a template context when the page is rendered.
type Part<'a> = Box<dyn Fn(&mut tera::Context) + Send + Sync + 'a>;

/// The views a page shows, by the name templates know them by, and a running hash of them.
pub(crate) struct PageContext<'a> {
    hasher: blake3::Hasher,
    parts: Vec<Part<'a>>,
}

impl<'a> PageContext<'a> {
    pub(crate) fn new() -> PageContext<'a> {
        PageContext {
            hasher: blake3::Hasher::new(),
            parts: Vec::new(),
        }
    }

    /// Adds `value` as `name`; a later insert of the same name replaces it, as in tera.
    pub(crate) fn insert<T: Serialize + Send + Sync + 'a>(&mut self, name: &'static str, value: T) {
        self.hasher.update(name.as_bytes());
        self.hasher.update(b"=");
        // Buffered: serde_json writes token by token, and BLAKE3 is fast on long runs only.
        // Writing into a hasher cannot fail; a view that cannot be serialised fails the render
        // below with the template error that names it.
        let mut buffered = std::io::BufWriter::with_capacity(16 * 1024, &mut self.hasher);
        let written = serde_json::to_writer(&mut buffered, &value)
            .and_then(|()| std::io::Write::flush(&mut buffered).map_err(serde_json::Error::io));
        drop(buffered);
        if written.is_err() {
            self.hasher.update(b"\0unserialisable");
        }
        self.hasher.update(b"\n");
        self.parts.push(Box::new(move |context: &mut tera::Context| {
            context.insert(name, &value)
        }));
    }

    /// The key of a page made with `template` from these views, by templates whose
    /// [`templates_fingerprint`] is `templates`: plain hex, as [`crate::output::manifest::key`].
    pub(crate) fn key(&self, template: &str, templates: &[u8]) -> String {
        let mut hasher = self.hasher.clone();
        hasher.update(b"\0template=");
        hasher.update(template.as_bytes());
        hasher.update(b"\0templates=");
        hasher.update(templates);
        hasher.finalize().to_hex()[..32].to_string()
    }

    /// The template context of these views.
    pub(crate) fn to_tera(&self) -> tera::Context {
        let mut context = tera::Context::new();
        for part in &self.parts {
            part(&mut context);
        }
        context
    }
}

/// What every page depends on besides its views: griffie's version (its translations and
/// template functions) and every file of the templates folder, by name and content. Names are
/// taken inside the folder, so a clone of the project elsewhere (a CI run) has the same keys.
pub(crate) fn templates_fingerprint(templates_dir: &std::path::Path) -> Vec<u8> {
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    let files = walkdir::WalkDir::new(templates_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok);
    for entry in files.filter(|e| e.file_type().is_file()) {
        let name = entry.path().strip_prefix(templates_dir).unwrap_or(entry.path());
        hasher.update(name.to_string_lossy().as_bytes());
        hasher.update(b"\0");
        hasher.update(&std::fs::read(entry.path()).unwrap_or_default());
        hasher.update(b"\0");
    }
    hasher.finalize().as_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context_of(title: &str, count: usize) -> PageContext<'static> {
        let mut context = PageContext::new();
        context.insert("title", title.to_string());
        context.insert("count", count);
        context
    }

    #[test]
    fn the_key_changes_with_any_view_the_template_or_the_templates() {
        let key = context_of("Motie", 2).key("list.html", b"t1");
        assert_eq!(key, context_of("Motie", 2).key("list.html", b"t1"));
        assert_ne!(key, context_of("Motie", 3).key("list.html", b"t1"));
        assert_ne!(key, context_of("Moties", 2).key("list.html", b"t1"));
        assert_ne!(key, context_of("Motie", 2).key("dossier.html", b"t1"));
        assert_ne!(key, context_of("Motie", 2).key("list.html", b"t2"));
        assert_eq!(key.len(), 32);
        assert!(key.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn the_templates_fingerprint_depends_on_names_and_contents_not_the_folders_place() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a/templates"), dir.path().join("b/templates"));
        for folder in [&a, &b] {
            std::fs::create_dir_all(folder.join("static")).unwrap();
            std::fs::write(folder.join("base.html"), "<html>").unwrap();
            std::fs::write(folder.join("static/site.css"), "body{}").unwrap();
        }
        assert_eq!(templates_fingerprint(&a), templates_fingerprint(&b));
        std::fs::write(b.join("static/site.css"), "body{margin:0}").unwrap();
        assert_ne!(templates_fingerprint(&a), templates_fingerprint(&b));
        std::fs::rename(b.join("static/site.css"), b.join("static/other.css")).unwrap();
        std::fs::write(b.join("static/other.css"), "body{}").unwrap();
        assert_ne!(templates_fingerprint(&a), templates_fingerprint(&b));
    }

    #[test]
    fn names_are_part_of_the_key_and_a_later_insert_wins_in_the_context() {
        let mut a = PageContext::new();
        a.insert("x", 1);
        let mut b = PageContext::new();
        b.insert("y", 1);
        assert_ne!(a.key("p.html", b""), b.key("p.html", b""));
        a.insert("x", 2);
        let context = a.to_tera();
        let mut tera = tera::Tera::default();
        tera.add_raw_template("p.html", "{{ x }}").unwrap();
        assert_eq!(tera.render("p.html", &context).unwrap(), "2");
    }
}
