//! The search index: Pagefind, used as a library, so that search works on any static host
//! with no server, no separate `pagefind` binary and no npm step.
//!
//! Each current document becomes one Pagefind record made from the resolved site, never from
//! the rendered HTML: its title, type and date as metadata, its summary, identifiers and body
//! text as content, and the filters the search page offers (`type`, `year`, `status`, `topic`), with
//! the labels the rest of the site shows, in the site's language. Pagefind's language is that
//! of the documents ([`CONTENT_LANGUAGE`], Dutch, also on an English site), so it stems Dutch
//! words both here and in the browser ("jeugdzorgen" finds "jeugdzorg").
//!
//! **One index per year.** The documents are split by the year of their date into separate
//! Pagefind indexes, `pagefind/<year>/`, which the search page merges in the browser with
//! Pagefind's multi-index support (`mergeIndex`; see `templates/static/zoeken.js`). A commit
//! touches one year or a few, and only their indexes are made again (each is cached on its
//! own); a cold build makes the years in parallel, each with a fraction of the memory one
//! index of everything took. Scores are computed per year (a word rare in one year weighs a
//! little more there), which changes the order of results a little, not which are found.
//!
//! Guarantees:
//! - **Withdrawn means gone**: a withdrawn document's record holds only
//!   [`Document::public_title`], never its title, summary or text.
//! - **Deterministic**: records go in sorted by id and the files come out sorted by path;
//!   Pagefind names its files by content hash and gzips without a timestamp, so two builds of
//!   the same sources give byte-identical files (tested).
//! - Files reach the site only through the build's [`Output`], under
//!   [`urls::SEARCH_INDEX_FOLDER`].
//! - **Made once per version of the sources**: the files are cached by a hash of the records
//!   ([`crate::search::cache`]); a hit gives the bytes a miss would make.

pub(crate) mod cache;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;
use serde::Serialize;

use crate::dates::iso_with_precision;
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{DocType, Document};
use crate::output::Output;
use crate::resolve::{EffectiveStatus, Site};
use crate::urls;
use crate::view::{status_label, Views};

/// Pagefind's language: that of the documents, which are Dutch whatever the site's interface
/// language (content is never translated), so words are stemmed as Dutch on an English site
/// too. The words the search page shows come from the catalog, not from Pagefind.
pub(crate) const CONTENT_LANGUAGE: &str = "nl";

/// Pagefind's own search interfaces and its highlighter: the search page has its own small
/// script (`templates/static/zoeken.js`) on Pagefind's JavaScript API, `pagefind.js`.
pub(crate) const UNUSED: [&str; 7] = [
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// One document as Pagefind indexes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Record {
    /// Site-relative, without the base path (the search page's script adds it).
    pub url: String,
    pub content: String,
    /// `title`, `type` (Dutch label) and `date` (ISO, as precise as the document's date).
    /// Pagefind searches these words too: "motie" finds every motion.
    pub meta: BTreeMap<String, String>,
    /// `type`, `year`, `status` (motions and amendments), `topic`: Dutch labels.
    pub filters: BTreeMap<String, Vec<String>>,
    /// `date`, so that a search by filters alone lists the newest first.
    pub sort: BTreeMap<String, String>,
}

/// The record of document `position`.
pub(crate) fn record(views: &Views, position: usize) -> Record {
    let site = views.site;
    let doc = &site.documents[position];
    let date = iso_with_precision(doc.date, doc.date_precision);
    let content = if doc.withdrawn.is_some() {
        doc.public_title().to_string()
    } else {
        searchable_text(doc)
    };
    let mut filters = BTreeMap::new();
    filters.insert("type".to_string(), vec![doc.doc_type().label(views.lang)]);
    filters.insert("year".to_string(), vec![doc.date.year().to_string()]);
    if let Some(state) = &site.index.motions[position] {
        filters.insert("status".to_string(), vec![status_label(views.lang, state.effective)]);
    }
    if !doc.topics.is_empty() {
        filters.insert(
            "topic".to_string(),
            doc.topics.iter().map(|t| views.topic(t).title).collect(),
        );
    }
    let mut meetings: Vec<usize> = site.index.links[position].meetings.clone();
    if doc.kind.meeting().is_some() {
        meetings.push(position);
    }
    if !meetings.is_empty() {
        filters.insert(
            "meeting".to_string(),
            meetings.iter().map(|&m| meeting_choice(views, m)).collect(),
        );
    }
    let parties = parties_of(views, position);
    if !parties.is_empty() {
        filters.insert("party".to_string(), parties);
    }
    Record {
        url: urls::document(&doc.id),
        content,
        meta: BTreeMap::from([
            ("title".to_string(), doc.public_title().to_string()),
            ("type".to_string(), doc.doc_type().label(views.lang)),
            ("date".to_string(), date.clone()),
        ]),
        filters,
        sort: BTreeMap::from([("date".to_string(), date)]),
    }
}

/// A meeting as the search page's filter names it: its title and date ("Raadsvergadering, 11
/// juli 2024"), so that two meetings of the same title stay apart.
fn meeting_choice(views: &Views, position: usize) -> String {
    let doc = &views.site.documents[position];
    let date = crate::dates::format_date(views.lang, doc.date, doc.date_precision);
    format!("{}, {date}", doc.public_title())
}

/// The parties that voted on the document at `position` or submitted it, by name.
fn parties_of(views: &Views, position: usize) -> Vec<String> {
    let site = views.site;
    let config = &site.config;
    let mut slugs: Vec<&str> = Vec::new();
    if let Some(tally) = &site.index.votes[position] {
        let voted = tally
            .rows
            .iter()
            .filter(|r| r.position != crate::resolve::Position::Absent);
        slugs.extend(voted.map(|r| r.party.as_str()));
    }
    if let Some(motion) = site.documents[position].kind.motion() {
        slugs.extend(motion.submitters.iter().filter_map(|s| s.party.as_deref()));
    }
    let mut names: Vec<String> = slugs
        .into_iter()
        .filter_map(|slug| config.parties.get(slug).map(|p| p.name.clone()))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// What a search can find in a current document besides its title (which Pagefind indexes
/// as metadata): summary, official identifiers and the body's words. Never empty, because
/// Pagefind leaves out a record without content: a record with neither gets its title.
fn searchable_text(doc: &Document) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(doc.summary.clone());
    if !doc.identifiers.is_empty() {
        parts.push(
            doc.identifiers
                .iter()
                .map(|i| i.value.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    parts.extend(doc.body().map(crate::markdown::plain_text));
    let text = parts.join("\n");
    if text.trim().is_empty() {
        doc.title.clone()
    } else {
        text
    }
}

/// The records of the site split into indexes: year → its documents' records, sorted by id
/// (Pagefind numbers pages in the order they come, and hash collisions are settled in that
/// order too).
pub(crate) type Shards = BTreeMap<i16, Vec<Record>>;

/// Every document's record, by the year of its date ([`Shards`]).
pub(crate) fn shards(site: &Site) -> Shards {
    let views = Views::new(site);
    let mut order: Vec<usize> = (0..site.documents.len()).collect();
    order.sort_by(|&a, &b| site.documents[a].id.cmp(&site.documents[b].id));
    let records: Vec<(i16, Record)> = order
        .par_iter()
        .map(|&position| (site.documents[position].date.year(), record(&views, position)))
        .collect();
    let mut shards = Shards::new();
    for (year, record) in records {
        shards.entry(year).or_default().push(record);
    }
    shards
}

/// The folder of year `year`'s index in the site, without slashes: `pagefind/2024`.
fn shard_folder(year: i16) -> String {
    urls::search_shard(year).trim_matches('/').to_string()
}

/// The files of one index for `records`, as (path in the site, bytes), sorted by path;
/// `folder` is where the index lives in the site (`pagefind/2024`).
pub(crate) fn index_files(records: Vec<Record>, language: &str, folder: &str) -> anyhow::Result<Files> {
    // A runtime of its own, on this thread: Pagefind's API is async, the build is not.
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .keep_index_url(true)
            .build();
        let mut index = PagefindIndex::new(Some(config))?;
        for record in records {
            index
                .add_custom_record(
                    record.url,
                    record.content,
                    language.to_string(),
                    Some(record.meta),
                    Some(record.filters),
                    Some(record.sort),
                )
                .await?;
        }
        index.get_files().await
    })?;
    let mut files: Files = files
        .into_iter()
        .map(|file| (file.filename.to_string_lossy().replace('\\', "/"), file.contents))
        .filter(|(name, _)| !UNUSED.contains(&name.as_str()))
        .map(|(name, contents)| (format!("{folder}/{name}"), contents))
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The files of every year's index, sorted by path: each from `cache` when it has it, else
/// made by Pagefind and stored there. `parallel`: the years are made on the rayon pool (a
/// build); otherwise one after the other on this thread (the preview's background worker,
/// which must not take the cores a preview round needs).
pub(crate) fn cached_index_files(
    shards: Shards,
    language: &str,
    cache: Option<&Path>,
    parallel: bool,
) -> anyhow::Result<Files> {
    let cache = cache.map(crate::search::cache::SearchCache::new);
    let one = |(year, records): (i16, Vec<Record>)| -> anyhow::Result<(String, Files)> {
        let folder = shard_folder(year);
        let Some(cache) = &cache else {
            return Ok((String::new(), index_files(records, language, &folder)?));
        };
        let key = crate::search::cache::key(&records, language, &folder);
        if let Some(files) = cache.get(&key) {
            return Ok((key, files));
        }
        let files = index_files(records, language, &folder)?;
        cache.put(&key, &files);
        Ok((key, files))
    };
    let made: Vec<anyhow::Result<(String, Files)>> = if parallel {
        shards.into_par_iter().map(one).collect()
    } else {
        shards.into_iter().map(one).collect()
    };
    let mut files = Files::new();
    let mut used = std::collections::HashSet::new();
    for result in made {
        let (key, shard_files) = result?;
        used.insert(key);
        files.extend(shard_files);
    }
    if let Some(cache) = &cache {
        cache.prune(&used);
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The files of the index, being made on a thread of their own beside the rest of rendering:
/// Pagefind adds records one at a time and compresses its files one at a time (about 10 s for
/// 10,000 documents on two cores), while the pages mostly wait for the other core.
pub(crate) struct IndexBuild {
    thread: Option<std::thread::JoinHandle<anyhow::Result<Files>>>,
    /// Made here when no thread could be started.
    done: Option<anyhow::Result<Files>>,
}

/// Files of the site: (path, bytes).
pub(crate) type Files = Vec<(String, Vec<u8>)>;

impl IndexBuild {
    /// Starts building the index of `site`, or taking it from `cache` (a folder); nothing for
    /// an output that discards it (`check`): the index is made from checked data and has no
    /// problems of its own to find.
    pub(crate) fn start(site: &Site, output: &dyn Output, cache: Option<&Path>) -> IndexBuild {
        let mut build = IndexBuild {
            thread: None,
            done: None,
        };
        if output.discards() {
            return build;
        }
        let all = shards(site);
        let language = CONTENT_LANGUAGE.to_string();
        let folder: Option<PathBuf> = cache.map(Path::to_path_buf);
        let spawned = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || cached_index_files(all, &language, folder.as_deref(), true));
        match spawned {
            Ok(thread) => build.thread = Some(thread),
            // No thread to be had: made here, slower but the same.
            Err(_) => build.done = Some(cached_index_files(shards(site), CONTENT_LANGUAGE, cache, true)),
        }
        build
    }

    /// Waits for the index and writes it to `output`: the problems, and how many files it
    /// wrote.
    pub(crate) fn finish(self, output: &dyn Output) -> (Vec<Diagnostic>, usize) {
        let result = match (self.thread, self.done) {
            (Some(thread), _) => thread
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("the thread that built it stopped"))),
            (None, Some(done)) => done,
            (None, None) => return (Vec::new(), 0),
        };
        write_files(result, output)
    }
}

/// Writes the index's files to `output`, the `pagefind-entry.json` files last: a browser that
/// reads a new entry finds every file it names. The problems, and how many files it wrote.
pub(crate) fn write_files(result: anyhow::Result<Files>, output: &dyn Output) -> (Vec<Diagnostic>, usize) {
    let mut files = match result {
        Ok(files) => files,
        Err(err) => return (vec![index_problem(&err)], 0),
    };
    files.sort_by_key(|(path, _)| path.ends_with("/pagefind-entry.json"));
    let problems: Vec<Diagnostic> = files
        .iter()
        .filter_map(|(path, bytes)| {
            output
                .write(path, bytes)
                .err()
                .map(|e| crate::output::write_problem(path, &e))
        })
        .collect();
    (problems, files.len())
}

fn index_problem(err: &anyhow::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Search,
        Path::new(urls::SEARCH_INDEX_FOLDER),
        crate::t!("search.cannot_build", error = format!("{err:#}")),
    )
    .hint(crate::t!("search.cannot_build_hint"))
}

/// The choices of the search page's filters: every value some document has, in the order
/// the site shows them elsewhere.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct FilterChoices {
    pub types: Vec<String>,
    /// Newest first.
    pub years: Vec<i16>,
    pub statuses: Vec<String>,
    pub topics: Vec<String>,
    /// Newest first.
    pub meetings: Vec<String>,
    /// By name.
    pub parties: Vec<String>,
}

impl FilterChoices {
    pub(crate) fn of(views: &Views) -> FilterChoices {
        let site = views.site;
        let types: Vec<String> = DocType::ALL
            .into_iter()
            .filter(|t| site.index.by_type.contains_key(t))
            .map(|t| t.label(views.lang))
            .collect();
        let mut years: Vec<i16> = site.documents.iter().map(|d| d.date.year()).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let present: Vec<EffectiveStatus> = site.index.motions.iter().flatten().map(|m| m.effective).collect();
        let statuses = EffectiveStatus::ALL
            .into_iter()
            .filter(|s| present.contains(s))
            .map(|s| status_label(views.lang, s))
            .collect();
        let topics = site.index.by_topic.keys().map(|t| views.topic(t).title).collect();
        let meetings = site
            .index
            .by_type
            .get(&DocType::Vergadering)
            .map(|positions| positions.iter().map(|&m| meeting_choice(views, m)).collect())
            .unwrap_or_default();
        let mut parties: Vec<String> = site.config.parties.values().map(|p| p.name.clone()).collect();
        parties.sort();
        parties.dedup();
        FilterChoices {
            types,
            years,
            statuses,
            topics,
            meetings,
            parties,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_words_and_drops_markup() {
        let text = crate::markdown::plain_text(
            "## Kop\n\nEen *nadrukkelijke* [link](https://x.nl) en `code`.\n\n- één\n- twee\n\n<div>rauw</div>\n",
        );
        assert_eq!(text, "Kop\nEen nadrukkelijke link en code.\néén\ntwee\n");
    }

    #[test]
    fn index_files_are_the_same_for_the_same_records() {
        let record = |id: &str, text: &str| Record {
            url: format!("/documenten/{id}/"),
            content: text.to_string(),
            meta: BTreeMap::from([("title".to_string(), format!("Titel {id}"))]),
            filters: BTreeMap::from([("type".to_string(), vec!["Motie".to_string()])]),
            sort: BTreeMap::new(),
        };
        let records = vec![record("a", "jeugdzorg in Almelo"), record("b", "de wijkcoaches")];
        let first = index_files(records.clone(), "nl", "pagefind/2024").unwrap();
        let second = index_files(records, "nl", "pagefind/2024").unwrap();
        assert_eq!(first, second);
        let names: Vec<&str> = first.iter().map(|(p, _)| p.as_str()).collect();
        assert!(names.contains(&"pagefind/2024/pagefind.js"));
        assert!(
            names.contains(&"pagefind/2024/wasm.nl.pagefind"),
            "Dutch stemming: {names:?}"
        );
        assert_eq!(names.iter().filter(|n| n.ends_with(".pf_fragment")).count(), 2);
    }
}

/// The words `static/zoeken.js` writes (result counts, messages, dates, status badges), in the
/// site's language: the search page hands them to the script as JSON in `data-texts`, so the
/// script has no language of its own. `%{name}` is filled in by the script.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScriptTexts {
    /// For `toLocaleString`: `nl-NL`, `en-GB`.
    locale: &'static str,
    months: Vec<String>,
    /// Status label → its slug, for the badge's class (`status--aangenomen`).
    statuses: BTreeMap<String, &'static str>,
    unavailable: String,
    one: String,
    many: String,
    none_filters: String,
    listed: String,
    none_found: String,
    fewer_filters: String,
    found: String,
}

impl ScriptTexts {
    pub(crate) fn of(lang: crate::i18n::Lang) -> ScriptTexts {
        use crate::i18n::Lang;
        let statuses = EffectiveStatus::ALL
            .into_iter()
            .map(|s| (status_label(lang, s), s.slug()))
            .collect();
        ScriptTexts {
            locale: match lang {
                Lang::Nl => "nl-NL",
                Lang::En => "en-GB",
            },
            months: (1..=12).map(|m| crate::dates::month_name(lang, m)).collect(),
            statuses,
            unavailable: crate::t!(lang => "site.search.js.unavailable"),
            one: crate::t!(lang => "site.search.js.one"),
            many: crate::t!(lang => "site.search.js.many"),
            none_filters: crate::t!(lang => "site.search.js.none_filters"),
            listed: crate::t!(lang => "site.search.js.listed"),
            none_found: crate::t!(lang => "site.search.js.none_found"),
            fewer_filters: crate::t!(lang => "site.search.js.fewer_filters"),
            found: crate::t!(lang => "site.search.js.found"),
        }
    }

    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string(self).expect("texts serialise")
    }
}
