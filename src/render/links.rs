//! The build fails on a broken internal link or anchor.
//!
//! A council site is cited for years: a link in a letter to `/documenten/x/#besluit` that leads
//! nowhere is a defect of the publication, so it is an error of the build (`broken-link`,
//! `broken-anchor`), not something a later CI step might notice. External links are not
//! checked here (they need the network; CI runs lychee for them).
//!
//! [`LinkCheck`] wraps the [`Output`] a render writes to: every HTML file passing through it is
//! scanned once, in the thread that made it, for its link targets (`href`, `src`, `action`) and
//! its `id`s. When rendering is over, [`LinkCheck::report`] resolves every link that points into
//! the site (relative, root-relative under the base path, or absolute on the site's own origin,
//! such as the canonical link) against the files this build wrote or kept, and each `#fragment`
//! against the ids of its target page. Pages kept from an earlier build (see [`Output::reuse`])
//! are checked without being read: their links to files hold while no file of the build they
//! were kept from went (else they are read back and scanned), and their links into other pages'
//! anchors and the search index, recorded in their manifest entry when they were made, are
//! checked every build. A kept page is read back for its ids only when a fragment points into it.
//!
//! Why a regular expression and not an HTML tokenizer: every HTML file griffie writes is
//! generated (tera with autoescape, pulldown-cmark, ammonia), so attribute values are always
//! double-quoted and a `"` inside text or an attribute value is always escaped (`&quot;`). An
//! attribute `␣href="…"` can then only occur as an attribute, never inside text, and one
//! byte-level pattern finds them all at a fraction of the cost of tokenizing (measured in the
//! README, "Broken links").
//!
//! Where a broken link is reported: on a document page, at the line of the document's Markdown
//! body that holds it; otherwise at the template line that writes it (found by its text), or
//! the page's template. One diagnostic per source and target, with the number of pages, so a
//! broken link in `base.html` is one problem, not ten thousand. Archived version pages show
//! history that cannot be edited: a broken link in their old text is a note, not an error.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use rayon::prelude::*;
use regex::bytes::Regex;

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::output::Output;
use crate::resolve::Site;

/// An [`Output`] that passes everything on to `inner` and remembers the links and ids of each
/// HTML file, for [`LinkCheck::report`].
pub(crate) struct LinkCheck<'a> {
    inner: &'a dyn Output,
    /// Path part of `base_url` without trailing slash: `""` or e.g. `"/raad"`.
    base_path: String,
    /// Scheme and host of `base_url`, e.g. `https://raad.almelo.nl`.
    origin: String,
    /// Every file written or kept, site-relative.
    files: Mutex<HashSet<String>>,
    pages: Mutex<Vec<ScannedPage>>,
    /// Pages kept from an earlier build, with what their manifest entry says of their links
    /// ([`volatile_links`]), for [`LinkCheck::report`].
    kept_pages: Mutex<Vec<(String, String)>>,
    /// The template each page was made with.
    templates: Mutex<HashMap<String, &'static str>>,
}

/// The links and ids of one HTML file this build wrote.
struct ScannedPage {
    path: String,
    links: Vec<Box<str>>,
    ids: HashSet<Box<str>>,
}

/// Attribute values of generated HTML; see the module comment for why this is exact here.
static ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[ \t\n](?:href|src|action|id)="[^"]*""#).expect("pattern is valid"));

impl<'a> LinkCheck<'a> {
    pub(crate) fn new(inner: &'a dyn Output, base_url: &str, base_path: &str) -> LinkCheck<'a> {
        LinkCheck {
            inner,
            base_path: base_path.trim_end_matches('/').to_string(),
            origin: origin_of(base_url),
            files: Mutex::new(HashSet::new()),
            pages: Mutex::new(Vec::new()),
            kept_pages: Mutex::new(Vec::new()),
            templates: Mutex::new(HashMap::new()),
        }
    }

    /// Remembers that the page at `path` is made with `template`, to point at it.
    pub(crate) fn made_with(&self, path: &str, template: &'static str) {
        lock(&self.templates).insert(path.to_string(), template);
    }

    /// The page at `path` is kept from an earlier build (see [`Output::reuse`]) with the facts
    /// `meta` its manifest entry records. The page is the same, but a page it links to may be
    /// gone: [`LinkCheck::report`] checks it again.
    pub(crate) fn kept_page(&self, path: &str, meta: &str) {
        lock(&self.kept_pages).push((path.to_string(), meta.to_string()));
    }

    fn record(&self, path: &str, bytes: &[u8]) {
        lock(&self.files).insert(path.to_string());
        if path.ends_with(".html") {
            let page = scan(path, bytes);
            lock(&self.pages).push(page);
        }
    }

    /// Every broken internal link and anchor of the files written so far, one diagnostic per
    /// source place and target.
    pub(crate) fn report(self, site: &Site, templates_dir: &Path, templates_shown: &Path) -> Vec<Diagnostic> {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut pages = self.pages.into_inner().unwrap_or_else(|e| e.into_inner());
        let kept_pages = self.kept_pages.into_inner().unwrap_or_else(|e| e.into_inner());
        // A kept page was checked when it was made, against the files of that build, and kept
        // since only by builds that lost none of them (or read it back). If this build still
        // has every file of the build it keeps pages from, the page's links to files hold; only
        // its anchors in other pages, which may have changed, need checking, and its manifest
        // entry lists those (and its links into the search index, whose files come and go).
        // Otherwise each kept page is read back and checked in full.
        let lost_a_file = self.inner.earlier().is_none_or(|earlier| {
            earlier
                .paths()
                .any(|path| !is_search_index_file(path) && !files.contains(path))
        });
        let (reread, listed): (Vec<_>, Vec<_>) = kept_pages
            .into_iter()
            .partition(|(_, meta)| lost_a_file || meta == MUST_REREAD);
        let inner = self.inner;
        pages.par_extend(
            reread
                .par_iter()
                .filter_map(|(path, _)| inner.kept(path).map(|bytes| scan(path, &bytes))),
        );
        let kept_links: Vec<(String, Vec<Box<str>>)> = listed
            .into_iter()
            .filter_map(|(path, meta)| {
                let hrefs = meta
                    .strip_prefix(VOLATILE_LINKS)?
                    .split(SEPARATOR)
                    .map(Box::from)
                    .collect();
                Some((path, hrefs))
            })
            .collect();
        let made_with = self.templates.into_inner().unwrap_or_else(|e| e.into_inner());
        let ids: HashMap<&str, &HashSet<Box<str>>> = pages.iter().map(|p| (p.path.as_str(), &p.ids)).collect();
        let kept_ids = KeptIds {
            output: self.inner,
            read: Mutex::new(HashMap::new()),
        };
        let targets = Targets {
            files: &files,
            ids: &ids,
            kept: &kept_ids,
        };
        let all_links: Vec<(&String, &[Box<str>])> = pages
            .iter()
            .map(|page| (&page.path, &page.links[..]))
            .chain(kept_links.iter().map(|(path, links)| (path, &links[..])))
            .collect();
        let broken: Vec<Broken> = all_links
            .par_iter()
            .flat_map_iter(|&(path, links)| {
                links
                    .iter()
                    .filter_map(|href| {
                        let target = resolve(href, path, &self.base_path, &self.origin)?;
                        let code = targets.problem(path, &target)?;
                        Some(Broken {
                            page: path.clone(),
                            href: href.to_string(),
                            code,
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let places = Places {
            site,
            templates_dir,
            templates_shown,
            made_with: &made_with,
            base_path: &self.base_path,
            template_texts: Mutex::new(HashMap::new()),
        };
        group(broken.iter().map(|b| (places.locate(b), b)))
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Output for LinkCheck<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.inner.write(path, bytes)?;
        self.record(path, bytes);
        Ok(())
    }

    fn reuse(&self, path: &str, key: &str) -> Option<String> {
        let meta = self.inner.reuse(path, key)?;
        lock(&self.files).insert(path.to_string());
        Some(meta)
    }

    fn write_keyed(&self, path: &str, bytes: &[u8], key: &str, meta: &str) -> io::Result<()> {
        if !(path.ends_with(".html") && meta.is_empty()) {
            self.inner.write_keyed(path, bytes, key, meta)?;
            self.record(path, bytes);
            return Ok(());
        }
        // A keyed page records its volatile links, for when it is kept.
        let page = scan(path, bytes);
        let meta = volatile_links(&page, &self.base_path, &self.origin);
        self.inner.write_keyed(path, bytes, key, &meta)?;
        lock(&self.files).insert(path.to_string());
        lock(&self.pages).push(page);
        Ok(())
    }

    fn earlier(&self) -> Option<&crate::output::manifest::Manifest> {
        self.inner.earlier()
    }

    fn kept(&self, path: &str) -> Option<Vec<u8>> {
        self.inner.kept(path)
    }

    fn discards(&self) -> bool {
        self.inner.discards()
    }
}

/// A keyed page's manifest facts when none of its links is volatile (see [`volatile_links`]).
const NO_VOLATILE_LINKS: &str = "";
/// The start of a keyed page's manifest facts listing its volatile links.
const VOLATILE_LINKS: &str = "#";
/// Between two links of [`VOLATILE_LINKS`]: a character generated HTML never puts in a link.
const SEPARATOR: char = '\u{1f}';
/// A keyed page's manifest facts when its links cannot be listed there: read it back to check.
const MUST_REREAD: &str = "!";

/// What the manifest records of a keyed page's links: those whose target may change while the
/// page stays the same. That is an anchor in another page of the site (its ids may change) and
/// a file of the search index (named after its content, so most commits replace some). Links to
/// other files need no record: [`LinkCheck::report`] knows whether any of those went.
fn volatile_links(page: &ScannedPage, base_path: &str, origin: &str) -> String {
    let hrefs: Vec<&str> = page
        .links
        .iter()
        .filter(|href| {
            resolve(href, &page.path, base_path, origin).is_some_and(|target| {
                (target.fragment.is_some() && target.file != page.path) || is_search_index_file(&target.file)
            })
        })
        .map(|href| &**href)
        .collect();
    if hrefs.is_empty() {
        NO_VOLATILE_LINKS.to_string()
    } else if hrefs.iter().any(|href| href.contains(['\t', '\n', '\r', SEPARATOR])) {
        MUST_REREAD.to_string()
    } else {
        format!("{VOLATILE_LINKS}{}", hrefs.join(&SEPARATOR.to_string()))
    }
}

/// A file of the search index (`pagefind/…`): these come and go with the content.
fn is_search_index_file(path: &str) -> bool {
    path.strip_prefix(crate::urls::SEARCH_INDEX_FOLDER)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The links (each target once) and ids of one HTML file.
fn scan(path: &str, bytes: &[u8]) -> ScannedPage {
    let mut links: Vec<Box<str>> = Vec::new();
    let mut seen: HashSet<&[u8]> = HashSet::new();
    let mut ids = HashSet::new();
    for found in ATTRIBUTE.find_iter(bytes) {
        let attribute = &found.as_bytes()[1..];
        let Some(quote) = attribute.iter().position(|&b| b == b'"') else {
            continue;
        };
        let value = &attribute[quote + 1..attribute.len() - 1];
        if attribute.starts_with(b"id=") {
            ids.insert(decode_entities(&String::from_utf8_lossy(value)).into_boxed_str());
        } else if seen.insert(value) {
            links.push(decode_entities(&String::from_utf8_lossy(value)).into_boxed_str());
        }
    }
    ScannedPage {
        path: path.to_string(),
        links,
        ids,
    }
}

/// The character references our HTML writers produce in attribute values.
fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&end| end <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let decoded = match &rest[1..end] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            entity => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `https://raad.almelo.nl/raad/` → `https://raad.almelo.nl`.
fn origin_of(base_url: &str) -> String {
    let Some((scheme, rest)) = base_url.split_once("://") else {
        return String::new();
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    format!("{}://{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase())
}

/// Where an internal link leads: a site-relative file path and the fragment, if any.
#[derive(Debug, PartialEq, Eq)]
struct Target {
    file: String,
    fragment: Option<String>,
}

/// Resolves `href` on the page at `page` (site-relative); `None` for a link that leads outside
/// the site (another origin, `mailto:`, a root path outside the base path), which is not ours
/// to check.
fn resolve(href: &str, page: &str, base_path: &str, origin: &str) -> Option<Target> {
    let href = href.trim();
    let (before_fragment, fragment) = match href.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (href, None),
    };
    let without_query = before_fragment.split('?').next().unwrap_or("");
    let fragment = fragment
        .filter(|f| !f.is_empty())
        .map(|f| percent_encoding::percent_decode_str(f).decode_utf8_lossy().into_owned());
    if without_query.is_empty() {
        return Some(Target {
            file: page.to_string(),
            fragment,
        });
    }
    let root_path = if let Some(rest) = without_query.strip_prefix("//") {
        on_origin(
            &format!("{}//{rest}", origin.split("//").next().unwrap_or("https:")),
            origin,
        )?
    } else if has_scheme(without_query) {
        on_origin(without_query, origin)?
    } else if without_query.starts_with('/') {
        without_query.to_string()
    } else {
        let directory = page.rfind('/').map_or("", |i| &page[..=i]);
        format!("/{directory}{without_query}")
    };
    let decoded = percent_encoding::percent_decode_str(&root_path).decode_utf8_lossy();
    let in_site = if base_path.is_empty() {
        decoded.as_ref()
    } else if decoded == base_path {
        "/"
    } else {
        decoded.strip_prefix(base_path).filter(|rest| rest.starts_with('/'))?
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in in_site.split('/').skip(1) {
        match segment {
            "." => {}
            ".." => {
                // Above the site's root: outside what this build made.
                segments.pop()?;
            }
            other => segments.push(other),
        }
    }
    let file = crate::urls::file(&format!("/{}", segments.join("/")));
    Some(Target { file, fragment })
}

fn has_scheme(href: &str) -> bool {
    match href.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// The root path of absolute `url` if it is on `origin`.
fn on_origin(url: &str, origin: &str) -> Option<String> {
    let start = url.get(..origin.len())?;
    if origin.is_empty() || !start.eq_ignore_ascii_case(origin) {
        return None;
    }
    let rest = &url[origin.len()..];
    match rest.chars().next() {
        None => Some("/".to_string()),
        Some('/') => Some(rest.to_string()),
        _ => None,
    }
}

/// What the built site holds, to check targets against.
struct Targets<'a> {
    files: &'a HashSet<String>,
    ids: &'a HashMap<&'a str, &'a HashSet<Box<str>>>,
    kept: &'a KeptIds<'a>,
}

impl Targets<'_> {
    /// The code of the problem with a link from `page` to `target`, if any.
    fn problem(&self, page: &str, target: &Target) -> Option<Code> {
        let file = if self.files.contains(&target.file) {
            target.file.clone()
        } else {
            // `/moties` for `/moties/`: static hosts answer it with a redirect.
            let index = crate::urls::file(&format!("/{}/", target.file));
            if !self.files.contains(&index) {
                return Some(Code::BrokenLink);
            }
            index
        };
        let fragment = target.fragment.as_deref()?;
        let found = match self.ids.get(file.as_str()) {
            Some(ids) => ids.contains(fragment),
            None if file.ends_with(".html") && file != page => self.kept.has(&file, fragment),
            // Fragments of PDFs and data files are the viewer's business.
            None => true,
        };
        (!found).then_some(Code::BrokenAnchor)
    }
}

/// Ids of pages kept from an earlier build, read from disk once each, only when a fragment
/// points into them.
struct KeptIds<'a> {
    output: &'a dyn Output,
    read: Mutex<HashMap<String, Option<HashSet<Box<str>>>>>,
}

impl KeptIds<'_> {
    fn has(&self, file: &str, fragment: &str) -> bool {
        let mut read = lock(&self.read);
        let ids = read
            .entry(file.to_string())
            .or_insert_with(|| self.output.kept(file).map(|bytes| scan(file, &bytes).ids));
        // A kept file that cannot be read back (`check` without an output folder) was checked
        // when it was made.
        ids.as_ref().is_none_or(|ids| ids.contains(fragment))
    }
}

/// One broken link on one page.
struct Broken {
    page: String,
    href: String,
    code: Code,
}

/// The place a broken link is reported at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    path: PathBuf,
    location: Option<Location>,
    /// `true` in a document's Markdown text, `false` in a template.
    in_text: bool,
    severity: Severity,
}

struct Places<'a> {
    site: &'a Site,
    templates_dir: &'a Path,
    templates_shown: &'a Path,
    made_with: &'a HashMap<String, &'static str>,
    base_path: &'a str,
    template_texts: Mutex<HashMap<PathBuf, Option<String>>>,
}

impl Places<'_> {
    fn locate(&self, broken: &Broken) -> Place {
        let archived = is_version_page(&broken.page);
        if let Some(place) = self.in_document_text(broken) {
            return place;
        }
        let template = self.made_with.get(&broken.page).copied();
        if let Some(place) = self.in_templates(template, &broken.href) {
            return place;
        }
        Place {
            path: self.templates_shown.join(template.unwrap_or("base.html")),
            location: None,
            in_text: archived,
            severity: if archived { Severity::Note } else { Severity::Error },
        }
    }

    /// On a document's page (not an archived version), the link's place in its Markdown text.
    fn in_document_text(&self, broken: &Broken) -> Option<Place> {
        let Some(crate::urls::SitePath::Document(id)) = crate::urls::parse(&broken.page) else {
            return None;
        };
        let doc = &self.site.documents[self.site.index.position(id)?];
        if doc.withdrawn.is_some() {
            return None;
        }
        let body = &doc.source.text[doc.source.body.clone()];
        let candidates = [
            format!("]({}", broken.href),
            format!("](<{}", broken.href),
            broken.href.clone(),
        ];
        let (at, len) = candidates.iter().find_map(|c| {
            body.find(c.as_str())
                .map(|at| (at + c.len() - broken.href.len(), broken.href.len()))
        })?;
        let start = doc.source.body.start + at;
        Some(Place {
            path: doc.source.path.clone(),
            location: Some(Location::in_text(&doc.source.text, start, start + len)),
            in_text: true,
            severity: Severity::Error,
        })
    }

    /// The template line that writes the link, searched by its text (as written, or after the
    /// base path), the page's own template first.
    fn in_templates(&self, template: Option<&'static str>, href: &str) -> Option<Place> {
        let mut names: Vec<&str> = template.into_iter().collect();
        names.extend(["base.html", "components.html"]);
        let after_base = href.strip_prefix(self.base_path).unwrap_or(href);
        for name in names {
            let file = self.templates_dir.join(name);
            let mut texts = lock(&self.template_texts);
            let text = texts
                .entry(file.clone())
                .or_insert_with(|| std::fs::read_to_string(&file).ok());
            let Some(text) = text.as_deref() else {
                continue;
            };
            for needle in [format!("\"{href}\""), format!("{after_base}\"")] {
                if let Some(at) = text.find(&needle) {
                    let start = at + usize::from(needle.starts_with('"'));
                    return Some(Place {
                        path: self.templates_shown.join(name),
                        location: Some(Location::in_text(text, start, start + needle.len() - 1)),
                        in_text: false,
                        severity: Severity::Error,
                    });
                }
            }
        }
        None
    }
}

/// `documenten/<id>/v<N>/index.html`: an archived version.
fn is_version_page(page: &str) -> bool {
    matches!(crate::urls::parse(page), Some(crate::urls::SitePath::Version { .. }))
}

/// One diagnostic per place, target and kind of problem, naming the pages it is on.
fn group<'b>(located: impl Iterator<Item = (Place, &'b Broken)>) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<(Place, Code, &str), Vec<&str>> = BTreeMap::new();
    for (place, broken) in located {
        groups
            .entry((place, broken.code, broken.href.as_str()))
            .or_default()
            .push(broken.page.as_str());
    }
    groups
        .into_iter()
        .map(|((place, code, href), mut pages)| {
            pages.sort_unstable();
            diagnostic(&place, code, href, &pages)
        })
        .collect()
}

fn diagnostic(place: &Place, code: Code, href: &str, pages: &[&str]) -> Diagnostic {
    let on = match pages {
        [one] => crate::t!("links.on_page", page = one),
        [first, ..] => crate::t!("links.on_pages", n = crate::i18n::number(pages.len()), page = first),
        [] => String::new(),
    };
    let message = match code {
        Code::BrokenAnchor => crate::t!("links.broken_anchor", href = href, on = on),
        _ => crate::t!("links.broken_link", href = href, on = on),
    };
    let hint = match (code, place.in_text, place.severity) {
        (_, _, Severity::Note) => crate::t!("links.archived_hint"),
        (Code::BrokenAnchor, true, _) => crate::t!("links.broken_anchor_hint"),
        (_, true, _) => crate::t!("links.broken_link_hint"),
        (_, false, _) => crate::t!("links.in_template_hint"),
    };
    let mut diagnostic = match place.severity {
        Severity::Note => Diagnostic::note(code, &place.path, message),
        Severity::Warning => Diagnostic::warning(code, &place.path, message),
        Severity::Error => Diagnostic::error(code, &place.path, message),
    };
    diagnostic.location = place.location;
    diagnostic.hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_records_its_links_into_other_pages_anchors_and_the_search_index_only() {
        let html = br##"<a href="/documenten/doel/#besluit">x</a> <a href="#boven">y</a>
<a href="/documenten/doel/">z</a> <a href="/documenten/eigen/#kop">w</a> <a href="https://elders.nl/#a">v</a>
<a href="../doel/#vervolg">u</a> <a href="/pagefind/2024/pagefind-entry.json">t</a>"##;
        let page = scan("documenten/eigen/index.html", html);
        let meta = volatile_links(&page, "", "https://raad.example.nl");
        assert_eq!(
            meta,
            "#/documenten/doel/#besluit\u{1f}../doel/#vervolg\u{1f}/pagefind/2024/pagefind-entry.json"
        );
        let none = scan("documenten/eigen/index.html", br##"<a href="#boven">y</a>"##);
        assert_eq!(volatile_links(&none, "", "https://raad.example.nl"), NO_VOLATILE_LINKS);
        let odd = scan("a/index.html", "<a href=\"/b/#x\u{1f}y\">".as_bytes());
        assert_eq!(volatile_links(&odd, "", "https://raad.example.nl"), MUST_REREAD);
    }

    fn target(file: &str, fragment: Option<&str>) -> Option<Target> {
        Some(Target {
            file: file.to_string(),
            fragment: fragment.map(str::to_string),
        })
    }

    #[test]
    fn resolves_links_into_the_site() {
        let origin = "https://raad.almelo.nl";
        let page = "documenten/x/index.html";
        let r = |href: &str| resolve(href, page, "", origin);
        assert_eq!(r("/documenten/y/"), target("documenten/y/index.html", None));
        assert_eq!(r("/"), target("index.html", None));
        assert_eq!(r("#besluit"), target(page, Some("besluit")));
        assert_eq!(r("x.pdf"), target("documenten/x/x.pdf", None));
        assert_eq!(r("../y/#a%20b"), target("documenten/y/index.html", Some("a b")));
        assert_eq!(
            r("https://raad.almelo.nl/moties/?p=1"),
            target("moties/index.html", None)
        );
        assert_eq!(r("https://RAAD.almelo.nl"), target("index.html", None));
        assert_eq!(r("https://raad.almelo.nl.evil.nl/"), None);
        assert_eq!(r("https://example.org/"), None);
        assert_eq!(r("mailto:griffie@almelo.nl"), None);
        assert_eq!(r("../../../x"), None);
    }

    #[test]
    fn resolves_under_a_base_path() {
        let r = |href: &str| resolve(href, "index.html", "/raad", "https://x.nl");
        assert_eq!(r("/raad/moties/"), target("moties/index.html", None));
        assert_eq!(r("/raad"), target("index.html", None));
        assert_eq!(r("https://x.nl/raad/"), target("index.html", None));
        assert_eq!(r("/raadhuis/"), None, "outside the base path");
        assert_eq!(r("/elders/"), None);
    }

    #[test]
    fn scans_generated_attributes_only() {
        let html = br#"<a href="/a/?x=1&amp;y=2#top" class="c">t</a> <p data-id="no">id="no"</p>
<h2 id="kop">k</h2><img src="/i.png" alt=""><form action="/zoeken/"><a href="/a/?x=1&amp;y=2#top">"#;
        let page = scan("p.html", html);
        let links: Vec<&str> = page.links.iter().map(|l| &**l).collect();
        assert_eq!(links, ["/a/?x=1&y=2#top", "/i.png", "/zoeken/"]);
        assert_eq!(page.ids.len(), 1);
        assert!(page.ids.contains("kop"));
    }

    #[test]
    fn decodes_character_references() {
        assert_eq!(decode_entities("a&amp;b&#39;c&#x2F;d&quot;&bogus"), "a&b'c/d\"&bogus");
    }

    #[test]
    fn knows_version_pages() {
        assert!(is_version_page("documenten/x/v12/index.html"));
        assert!(!is_version_page("documenten/x/index.html"));
        assert!(!is_version_page("documenten/x/vrij/index.html"));
    }
}
