//! Stage 2, `resolve`: check the corpus as a whole and build the link index.
//!
//! Turns the documents' written relations (ids, identifiers) into an [`Index`] of positions,
//! computes every back-link (`responded_by`, `settled_by`, `referenced_by`, `mentioned_by`) and
//! the state of every motion. Renderers only read the index; no renderer resolves a link itself.
//!
//! Architecture invariant: back-links exist only here, computed from forward links; a source
//! file never states one.

mod meetings;
mod motions;
mod proposals;
mod votes;
mod woo;

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;
use rayon::prelude::*;

pub(crate) use motions::{EffectiveStatus, MotionState};
pub(crate) use votes::{with_majority, Position, Tally};

use crate::config::Config;
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, Repeats, Severity};
use crate::identifiers;
use crate::model::{DocType, Document, Spanned};
use crate::suggest::did_you_mean;

/// Output of `resolve`: documents plus everything computed about how they relate.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub documents: Vec<Document>,
    pub index: Index,
    /// The day "overdue" is measured against (never the wall clock; see `BuildOptions`).
    pub as_of: Date,
}

/// Positions of documents (indexes into `Site::documents`) and their relations.
#[derive(Debug, Default)]
pub struct Index {
    by_id: HashMap<String, usize>,
    by_identifier: HashMap<String, usize>,
    /// Per document, in the same order as `Site::documents`.
    pub links: Vec<Links>,
    /// Per document: `Some` for motions and amendments.
    pub motions: Vec<Option<MotionState>>,
    /// Per document: `Some` for a motion or amendment voted per party, with its seats.
    pub votes: Vec<Option<Tally>>,
    /// Every document, newest first (ties by id).
    pub newest_first: Vec<usize>,
    /// Per type, newest first.
    pub by_type: BTreeMap<DocType, Vec<usize>>,
    /// Per topic slug, oldest first: a dossier reads as a story.
    pub by_topic: BTreeMap<String, Vec<usize>>,
    /// Per party slug, the documents it voted on, newest first.
    pub votes_by_party: BTreeMap<String, Vec<usize>>,
}

/// One document's relations, forward and backward, as positions. Each list is sorted by the
/// other document's date, oldest first, without duplicates.
#[derive(Debug, Default, Clone)]
pub struct Links {
    pub responds_to: Vec<usize>,
    pub responded_by: Vec<usize>,
    pub settles: Vec<usize>,
    pub settled_by: Vec<usize>,
    pub references: Vec<usize>,
    pub referenced_by: Vec<usize>,
    /// Documents whose official identifier appears in this document's text.
    pub mentions: Vec<usize>,
    pub mentioned_by: Vec<usize>,
    /// The meetings that treated this document: those whose agenda lists it, and the one its
    /// `meeting:` names.
    pub meetings: Vec<usize>,
    /// The meeting this document was decided in (at most one): its `meeting:`, else the last
    /// held council meeting whose agenda lists it.
    pub decided_in: Vec<usize>,
    /// For a meeting: every document on its agenda.
    pub on_agenda: Vec<usize>,
    /// For a meeting: the documents decided in it.
    pub decided: Vec<usize>,
    /// For a meeting: per agenda item, in order, the positions of its documents as listed.
    pub agenda: Vec<Vec<usize>>,
    /// For an amendment: the proposal it amends (at most one).
    pub amends: Vec<usize>,
    /// For a proposal: its amendments.
    pub amendments: Vec<usize>,
    /// For a decision: the proposal it decides (at most one).
    pub decides: Vec<usize>,
    /// For a proposal: the decision taken on it.
    pub decided_by: Vec<usize>,
}

impl Links {
    /// Every list, forward and backward, in a fixed order.
    pub fn all(&self) -> [&Vec<usize>; 16] {
        [
            &self.responds_to,
            &self.responded_by,
            &self.settles,
            &self.settled_by,
            &self.references,
            &self.referenced_by,
            &self.mentions,
            &self.mentioned_by,
            &self.meetings,
            &self.decided_in,
            &self.on_agenda,
            &self.decided,
            &self.amends,
            &self.amendments,
            &self.decides,
            &self.decided_by,
        ]
    }
}

impl Index {
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The documents party `slug` voted on, newest first (none for a party that never voted).
    pub fn votes_of(&self, slug: &str) -> &[usize] {
        self.votes_by_party.get(slug).map(Vec::as_slice).unwrap_or_default()
    }

    /// The document carrying the identifier with this normal form.
    pub fn by_identifier(&self, normal: &str) -> Option<usize> {
        self.by_identifier.get(normal).copied()
    }
}

/// Checks the corpus and builds the index. Documents with a duplicate id are dropped (after a
/// diagnostic naming both files) so the index is always consistent.
pub fn resolve(config: Config, documents: Vec<Document>, as_of: Date, diagnostics: &mut Diagnostics) -> Site {
    let documents = drop_duplicate_ids(documents, diagnostics);
    let by_id: HashMap<String, usize> = documents.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
    let by_identifier = index_identifiers(&documents, diagnostics);
    let mut index = Index {
        by_id,
        by_identifier,
        ..Index::default()
    };
    index.links = forward_links(&documents, &index, diagnostics);
    add_back_links(&mut index.links);
    let mut links = std::mem::take(&mut index.links);
    meetings::link_meetings(&documents, &index, &mut links, diagnostics);
    proposals::link_proposals(&documents, &index, &mut links, diagnostics);
    index.links = links;
    sort_links(&mut index.links, &documents);
    index.motions = motions::motion_states(&documents, &index.links, as_of, diagnostics);
    woo::check_documents(&config, &documents, diagnostics);
    index.votes = votes::tallies(&config, &documents, &index.links, diagnostics);
    build_orderings(&mut index, &documents);
    index.votes_by_party = votes::votes_by_party(&index.votes, &index.newest_first);
    Site {
        config,
        documents,
        index,
        as_of,
    }
}

fn drop_duplicate_ids(mut documents: Vec<Document>, diagnostics: &mut Diagnostics) -> Vec<Document> {
    documents.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    let mut first_of: HashMap<String, usize> = HashMap::new();
    let mut keep = vec![true; documents.len()];
    for (i, doc) in documents.iter().enumerate() {
        if let Some(&first) = first_of.get(&doc.id) {
            keep[i] = false;
            let original = &documents[first];
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    &doc.source.path,
                    crate::t!("resolve.duplicate_id", id = doc.id),
                )
                .at(doc.source.id_location)
                .related(
                    &original.source.path,
                    Some(original.source.id_location),
                    crate::t!("resolve.first_used_here"),
                )
                .hint(crate::t!(
                    "resolve.duplicate_id_hint",
                    other = original.source.path.display(),
                    id = doc.id
                )),
            );
        } else {
            first_of.insert(doc.id.clone(), i);
        }
    }
    let mut keep = keep.into_iter();
    documents.retain(|_| keep.next().unwrap_or(true));
    documents
}

fn index_identifiers(documents: &[Document], diagnostics: &mut Diagnostics) -> HashMap<String, usize> {
    let mut by_identifier: HashMap<String, (usize, &Spanned<String>)> = HashMap::new();
    for (i, doc) in documents.iter().enumerate() {
        for identifier in &doc.identifiers {
            let Some(normal) = identifiers::normalise(&identifier.value) else {
                diagnostics.push(
                    Diagnostic::warning(
                        Code::UnusualIdentifier,
                        &doc.source.path,
                        crate::t!("resolve.unusual_identifier", value = identifier.value),
                    )
                    .at(identifier.location)
                    .hint(crate::t!("resolve.unusual_identifier_hint")),
                );
                continue;
            };
            match by_identifier.get(&normal) {
                Some(&(j, first)) if j != i => {
                    let other = &documents[j];
                    diagnostics.push(
                        Diagnostic::error(
                            Code::DuplicateIdentifier,
                            &doc.source.path,
                            crate::t!(
                                "resolve.duplicate_identifier",
                                value = identifier.value,
                                other = other.id
                            ),
                        )
                        .at(identifier.location)
                        .related(
                            &other.source.path,
                            Some(first.location),
                            crate::t!("resolve.also_listed_here"),
                        )
                        .hint(crate::t!("resolve.duplicate_identifier_hint")),
                    );
                }
                Some(_) => {}
                None => {
                    by_identifier.insert(normal, (i, identifier));
                }
            }
        }
    }
    by_identifier.into_iter().map(|(k, (i, _))| (k, i)).collect()
}

fn forward_links(documents: &[Document], index: &Index, diagnostics: &mut Diagnostics) -> Vec<Links> {
    let mut all_ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    all_ids.sort_unstable();
    // Per document and independent of the others (the text scan for mentions is the costly
    // part), so it runs in parallel; diagnostics are gathered per document and merged.
    let results: Vec<(Links, Diagnostics)> = documents
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            let mut found = Diagnostics::new();
            let mut resolve_list =
                |field: &str, list: &[Spanned<String>]| resolve_ids(doc, i, field, list, index, &all_ids, &mut found);
            let responds_to = resolve_list("responds_to", &doc.responds_to);
            let settles = resolve_list("settles", &doc.settles);
            let references = resolve_list("references", &doc.references);
            let settles = settles
                .into_iter()
                .filter(|&t| check_settles(doc, &documents[t], &mut found))
                .collect();
            for &t in &responds_to {
                check_answer_date(doc, &documents[t], &mut found);
                motions::check_answer_to_motion(doc, &documents[t], &mut found);
            }
            let links = Links {
                responds_to,
                settles,
                references,
                mentions: mentions(doc, i, index, &mut found),
                ..Links::default()
            };
            (links, found)
        })
        .collect();
    results
        .into_iter()
        .map(|(links, found)| {
            diagnostics.extend(found.iter().cloned());
            links
        })
        .collect()
}

fn resolve_ids(
    doc: &Document,
    own: usize,
    field: &str,
    list: &[Spanned<String>],
    index: &Index,
    all_ids: &[&str],
    diagnostics: &mut Diagnostics,
) -> Vec<usize> {
    let mut out = Vec::new();
    for target in list {
        let problem = match index.position(&target.value) {
            Some(t) if t == own => Some((
                Code::SelfLink,
                crate::t!("resolve.self_link", field = field),
                crate::t!("resolve.self_link_hint"),
            )),
            Some(t) if out.contains(&t) => {
                diagnostics.push(
                    Diagnostic::warning(
                        Code::DuplicateLink,
                        &doc.source.path,
                        crate::t!("resolve.duplicate_link", id = target.value, field = field),
                    )
                    .at(target.location)
                    .hint(crate::t!("resolve.duplicate_link_hint")),
                );
                None
            }
            Some(t) => {
                out.push(t);
                None
            }
            None => Some((
                Code::UnknownId,
                crate::t!("resolve.unknown_id", field = field, id = target.value),
                unknown_id_hint(&target.value, all_ids),
            )),
        };
        if let Some((code, message, hint)) = problem {
            diagnostics.push(
                Diagnostic::error(code, &doc.source.path, message)
                    .at(target.location)
                    .hint(hint),
            );
        }
    }
    out
}

fn unknown_id_hint(id: &str, all_ids: &[&str]) -> String {
    match did_you_mean(id, all_ids.iter().copied()) {
        Some(best) => crate::t!("suggest.did_you_mean", best = best),
        None => crate::t!("resolve.unknown_id_hint"),
    }
}

fn check_settles(doc: &Document, target: &Document, diagnostics: &mut Diagnostics) -> bool {
    if target.doc_type().is_settled_by_letter() {
        return true;
    }
    let location = doc.settles.iter().find(|s| s.value == target.id).map(|s| s.location);
    diagnostics.push(
        Diagnostic::error(
            Code::SettlesNotMotion,
            &doc.source.path,
            crate::t!(
                "resolve.settles_not_motion",
                id = target.id,
                doc_type = target.doc_type()
            ),
        )
        .at_opt(location)
        .hint(crate::t!("resolve.settles_not_motion_hint")),
    );
    false
}

/// An answer dated before the document it answers is probably a wrong date or a wrong id.
fn check_answer_date(doc: &Document, target: &Document, diagnostics: &mut Diagnostics) {
    if doc.date >= target.date {
        return;
    }
    let location = doc
        .responds_to
        .iter()
        .find(|s| s.value == target.id)
        .map(|s| s.location);
    diagnostics.push(
        Diagnostic::warning(
            Code::AnswerBeforeQuestion,
            &doc.source.path,
            crate::t!(
                "resolve.answer_before_question",
                date = doc.date,
                id = target.id,
                later = target.date
            ),
        )
        .at_opt(location)
        .hint(crate::t!("resolve.answer_before_question_hint")),
    );
}

/// Documents whose identifier is mentioned in `doc`'s body, without `doc` itself. An
/// identifier no document carries gets a warning (once per identifier and document): the
/// citation cannot become a link, often because of a typo or a document not yet published.
fn mentions(doc: &Document, own: usize, index: &Index, diagnostics: &mut Diagnostics) -> Vec<usize> {
    let Some(body) = doc.body() else { return Vec::new() };
    let body_start = doc.source.body.start;
    let mut out = Vec::new();
    let mut unknown: HashSet<&str> = HashSet::new();
    let mut repeats = Repeats::new(Code::UnknownIdentifier, &doc.source.path, Severity::Warning);
    for mention in doc.candidates() {
        match index.by_identifier(&mention.normal) {
            Some(t) if t != own => out.push(t),
            Some(_) => {}
            None if !unknown.contains(mention.normal.as_str())
                && identifiers::is_citation(&body[mention.range.clone()]) =>
            {
                unknown.insert(&mention.normal);
                if !repeats.take() {
                    continue;
                }
                let cited = &body[mention.range.clone()];
                let (start, end) = (body_start + mention.range.start, body_start + mention.range.end);
                diagnostics.push(
                    Diagnostic::warning(
                        Code::UnknownIdentifier,
                        &doc.source.path,
                        crate::t!("resolve.unknown_identifier", cited = cited),
                    )
                    .at(crate::diagnostics::Location::in_text(&doc.source.text, start, end))
                    .hint(crate::t!("resolve.unknown_identifier_hint")),
                );
            }
            None => {}
        }
    }
    diagnostics.extend(repeats.summary());
    out.sort_unstable();
    out.dedup();
    out
}

fn add_back_links(links: &mut [Links]) {
    for i in 0..links.len() {
        let forward = links[i].clone();
        for &t in &forward.responds_to {
            links[t].responded_by.push(i);
        }
        for &t in &forward.settles {
            links[t].settled_by.push(i);
        }
        for &t in &forward.references {
            links[t].referenced_by.push(i);
        }
        for &t in &forward.mentions {
            links[t].mentioned_by.push(i);
        }
    }
}

fn sort_links(links: &mut [Links], documents: &[Document]) {
    let key = |&i: &usize| (documents[i].date, documents[i].id.as_str());
    for l in links {
        for list in [
            &mut l.responds_to,
            &mut l.responded_by,
            &mut l.settles,
            &mut l.settled_by,
            &mut l.references,
            &mut l.referenced_by,
            &mut l.mentions,
            &mut l.mentioned_by,
            &mut l.meetings,
            &mut l.on_agenda,
            &mut l.decided,
            &mut l.amendments,
            &mut l.decided_by,
        ] {
            list.sort_by(|a, b| key(a).cmp(&key(b)));
            list.dedup();
        }
    }
}

fn build_orderings(index: &mut Index, documents: &[Document]) {
    let mut newest_first: Vec<usize> = (0..documents.len()).collect();
    newest_first.sort_by(|&a, &b| {
        documents[b]
            .date
            .cmp(&documents[a].date)
            .then_with(|| documents[a].id.cmp(&documents[b].id))
    });
    for &i in &newest_first {
        index.by_type.entry(documents[i].doc_type()).or_default().push(i);
    }
    for &i in newest_first.iter().rev() {
        for topic in &documents[i].topics {
            index.by_topic.entry(topic.clone()).or_default().push(i);
        }
    }
    // Within one day, keep the story order stable: by id.
    for list in index.by_topic.values_mut() {
        list.sort_by(|&a, &b| {
            documents[a]
                .date
                .cmp(&documents[b].date)
                .then_with(|| documents[a].id.cmp(&documents[b].id))
        });
    }
    index.newest_first = newest_first;
}

impl Site {
    /// Positions of what the motievolglijst ("moties en toezeggingen") lists, in its order:
    /// every motion and commitment with a tracked state, newest first (amendments change a
    /// proposal and are followed on its page).
    pub(crate) fn motion_positions(&self) -> Vec<usize> {
        self.index
            .newest_first
            .iter()
            .copied()
            .filter(|&p| {
                self.documents[p].doc_type().is_settled_by_letter()
                    && self.documents[p].kind.motion().is_some()
                    && self.index.motions[p].is_some()
            })
            .collect()
    }
}
