//! PDF council briefs: accessible (PDF/UA-1), archival (PDF/A-2a) PDFs made in-process with the
//! typst crates, from the same sources as the web pages.
//!
//! The house style lives in `templates/pdf/*.typ`: `<type>.typ` for a document type (falling back
//! to `document.typ`), sharing `house.typ`. A template reads the document from `/doc.json` (see
//! [`data`]), in which the Markdown body is a tree of plain values: text is data, never typst
//! code. Every typst warning (an unknown font, a missing glyph) fails the build.
//!
//! Speed and memory: fonts and the standard library are loaded once per process; documents
//! compile in parallel; typst's memoisation is evicted after each document so memory stays flat;
//! unchanged documents come from the [`cache`].

pub(crate) mod cache;
mod fonts;
mod world;

use std::path::Path;

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::Source;
use typst::WorldExt;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Location};
use cache::PdfCache;
use world::{file_id, DocumentWorld, Templates};

/// A finished PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Its entry in the PDF cache (empty until [`PdfEngine::make`] returns it): an output that
    /// keeps the PDF from an earlier build names it, so the entry outlives builds that don't
    /// need it (see [`cache::PdfCache::keep`]).
    pub cache_key: String,
}

/// A PDF about to be made: its cache key, template and data (see [`PdfEngine::job`]).
pub(crate) struct PdfJob<'a> {
    pub key: String,
    template: &'a Source,
    data: Vec<u8>,
}

/// Stack size of threads that run typst: its layout of a long document recurses deeply.
pub const COMPILE_STACK_SIZE: usize = 32 * 1024 * 1024;

/// What the engine is asked to make a PDF of. The engine knows no documents: it gets a template
/// name and the JSON the template reads, and for its problems a place in a source text.
/// `view::pdf_data::PdfOf` is the document's side.
pub(crate) trait PdfSubject: Sync {
    /// The template's name without `.typ`; `document.typ` is used when there is none by that name.
    fn template(&self) -> &str;
    /// The PDF's identifier (`griffie/<ident>` in its metadata).
    fn ident(&self) -> &str;
    /// The PDF's date (its metadata and typst's `today`).
    fn date(&self) -> jiff::civil::Date;
    /// Where problems are reported.
    fn place(&self) -> Place<'_>;
    /// How many top-level blocks the body has (a problem in one is found by bisection).
    fn blocks(&self) -> usize;
    /// Where block `index` starts in [`Place::text`] (a byte offset).
    fn block_start(&self, index: usize) -> usize;
    /// `/doc.json` with the body's blocks chosen by `blocks`.
    fn json(&self, blocks: Blocks) -> Vec<u8>;
}

/// Which of the body's top-level blocks `/doc.json` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blocks {
    All,
    /// The first n.
    First(usize),
    /// Only block `index`'s neutral twin: the same structure with text `x`.
    Neutral(usize),
}

/// The source a PDF's problems are reported at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    /// As people see it.
    pub path: &'a Path,
    pub text: &'a str,
    /// Where a problem without a better place goes (the document's `id:` line).
    pub fallback: Location,
}

/// The fallback template for types without their own.
const FALLBACK: &str = "document.typ";

/// Templates and cache, shared read-only by the parallel PDF jobs of one build.
pub(crate) struct PdfEngine {
    templates: Templates,
    /// Hash of griffie's version and every template: part of each cache key.
    fingerprint: blake3::Hash,
    cache: PdfCache,
    templates_shown: std::path::PathBuf,
}

impl PdfEngine {
    /// Reads `dir` (`templates/pdf`). `shown` is how the folder is named in diagnostics.
    pub(crate) fn load(dir: &Path, shown: &Path, cache: PdfCache) -> Result<PdfEngine, Vec<Diagnostic>> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map_err(|err| {
                vec![Diagnostic::error(
                    Code::Template,
                    shown,
                    crate::t!("pdf.cannot_read_templates", error = err),
                )
                .hint(crate::t!("pdf.cannot_read_templates_hint"))]
            })?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".typ"))
            .collect();
        names.sort();
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        let mut sources = Vec::new();
        for name in names {
            let text = std::fs::read_to_string(dir.join(&name)).map_err(|err| {
                vec![Diagnostic::error(
                    Code::Template,
                    &shown.join(&name),
                    crate::t!("pdf.cannot_read_template", error = err),
                )
                .hint(crate::t!("pdf.cannot_read_template_hint"))]
            })?;
            hasher
                .update(name.as_bytes())
                .update(&[0])
                .update(text.as_bytes())
                .update(&[0]);
            sources.push((name.clone(), Source::new(file_id(&format!("/{name}")), text)));
        }
        let templates = Templates { sources };
        if templates.by_name(FALLBACK).is_none() {
            return Err(vec![Diagnostic::error(
                Code::Template,
                &shown.join(FALLBACK),
                crate::t!("pdf.missing_template", name = FALLBACK),
            )
            .hint(crate::t!("pdf.missing_template_hint"))]);
        }
        Ok(PdfEngine {
            templates,
            fingerprint: hasher.finalize(),
            cache,
            templates_shown: shown.to_path_buf(),
        })
    }

    /// A hash of the templates and griffie's version: what every PDF depends on besides its data.
    pub(crate) fn fingerprint(&self) -> &[u8] {
        self.fingerprint.as_bytes()
    }

    pub(crate) fn cache(&self) -> &PdfCache {
        &self.cache
    }

    /// What the PDF of `subject` is made from, with its cache key: a caller that already has
    /// the PDF of that key (in the output it rebuilds) need not make it.
    pub(crate) fn job(&self, subject: &dyn PdfSubject) -> PdfJob<'_> {
        let template = self.template_for(subject.template());
        let data = subject.json(Blocks::All);
        let key = blake3::Hasher::new()
            .update(self.fingerprint.as_bytes())
            .update(template.id().vpath().get_with_slash().as_bytes())
            .update(&data)
            .finalize()
            .to_hex()
            .to_string();
        PdfJob { key, template, data }
    }

    /// The PDF of `subject`, from the cache or freshly compiled.
    pub(crate) fn make(&self, subject: &dyn PdfSubject) -> Result<Pdf, Vec<Diagnostic>> {
        let job = self.job(subject);
        self.make_job(subject, job)
    }

    /// The PDF of `job` (made by [`PdfEngine::job`] for `subject`), from the cache or freshly
    /// compiled.
    pub(crate) fn make_job(&self, subject: &dyn PdfSubject, job: PdfJob<'_>) -> Result<Pdf, Vec<Diagnostic>> {
        let PdfJob { key, template, data } = job;
        if let Some(pdf) = self.cache.get(&key) {
            return Ok(pdf);
        }
        let result = self.compile_guarded(subject, template, data);
        let mut pdf = match result {
            Err(problems) if problems.iter().any(|p| is_unplaced(p, &subject.place())) => {
                return Err(self.blame(subject, template, problems));
            }
            other => other?,
        };
        self.cache.put(&key, &pdf);
        pdf.cache_key = key;
        Ok(pdf)
    }

    /// One compilation; a panic inside typst becomes an error about the document, and typst's
    /// memoisation is evicted after it (without that, memory grows with every document).
    fn compile_guarded(
        &self,
        subject: &dyn PdfSubject,
        template: &Source,
        json: Vec<u8>,
    ) -> Result<Pdf, Vec<Diagnostic>> {
        let result = crate::diagnostics::catch_panic(subject.place().path, || self.compile(subject, template, json))
            .unwrap_or_else(|problem| Err(vec![*problem]));
        typst::comemo::evict(10);
        result
    }

    /// Who is to blame when typst rejects a document at a place in a template: the template,
    /// or something in the document's text that the template passed on (an overlong word, a
    /// structure PDF/UA refuses). When the document compiles without its body, the first
    /// top-level block that makes it fail is found by bisection (a few more compilations, only
    /// on this error path). If that block's neutral twin (same structure, text `x`) compiles,
    /// the block's content is the cause and the problems are put at its line; otherwise the
    /// template's code for that kind of block is wrong, and the template is named.
    fn blame(&self, subject: &dyn PdfSubject, template: &Source, problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let fails = |blocks: usize| {
            self.compile_guarded(subject, template, subject.json(Blocks::First(blocks)))
                .is_err()
        };
        let count = subject.blocks();
        if count == 0 || fails(0) {
            return problems;
        }
        // fails(0) is false and fails(count) is true: find the first prefix that fails.
        let (mut good, mut bad) = (0, count);
        while bad - good > 1 {
            let middle = good + (bad - good) / 2;
            if fails(middle) {
                bad = middle;
            } else {
                good = middle;
            }
        }
        if self
            .compile_guarded(subject, template, subject.json(Blocks::Neutral(bad - 1)))
            .is_err()
        {
            return problems;
        }
        let place = subject.place();
        let start = subject.block_start(bad - 1);
        let location = Location::in_text(place.text, start, start);
        let mut seen = std::collections::BTreeSet::new();
        problems
            .into_iter()
            .filter(|problem| seen.insert(problem.message.clone()))
            .map(|problem| {
                Diagnostic::error(Code::PdfContent, place.path, problem.message)
                    .at(location)
                    .hint(crate::t!("pdf.content_hint"))
            })
            .collect()
    }

    fn template_for(&self, name: &str) -> &Source {
        self.templates
            .by_name(&format!("{name}.typ"))
            .or_else(|| self.templates.by_name(FALLBACK))
            .expect("load checked that the fallback template exists")
    }

    fn compile(&self, subject: &dyn PdfSubject, template: &Source, json: Vec<u8>) -> Result<Pdf, Vec<Diagnostic>> {
        let day = subject.date();
        let date = Datetime::from_ymd(i32::from(day.year()), day.month() as u8, day.day() as u8)
            .expect("a checked civil date is a valid typst date");
        let world = DocumentWorld {
            templates: &self.templates,
            main: template.id(),
            data: Bytes::new(json),
            today: date,
        };
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let document = output.map_err(|errors| self.diagnostics(&world, &subject.place(), &errors))?;
        if !warnings.is_empty() {
            return Err(self.diagnostics(&world, &subject.place(), &warnings));
        }
        let options = PdfOptions {
            ident: Smart::Custom(format!("griffie/{}", subject.ident())),
            timestamp: Some(Timestamp::new_utc(date)),
            standards: PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
                .expect("PDF/A-2a and PDF/UA-1 go together"),
            tagged: true,
            ..PdfOptions::default()
        };
        let bytes = typst_pdf::pdf(&document, &options)
            .map_err(|errors| self.diagnostics(&world, &subject.place(), &errors))?;
        Ok(Pdf {
            bytes,
            pages: document.pages().len(),
            cache_key: String::new(),
        })
    }

    /// typst's errors and warnings as diagnostics. A problem in the text (a character no font
    /// has) points at the document; a problem in a template points at the template, once: every
    /// document using it would report the same, and the sorted report drops the repeats.
    fn diagnostics(&self, world: &DocumentWorld, place: &Place, found: &[SourceDiagnostic]) -> Vec<Diagnostic> {
        found
            .iter()
            .map(|problem| {
                // typst's own messages are English in every language.
                let message = crate::t!("pdf.failed", problem = problem.message);
                let typst_hints: Vec<&str> = problem.hints.iter().map(|h| h.v.as_str()).collect();
                match (
                    missing_glyph_text(&problem.message),
                    self.template_place(world, problem),
                ) {
                    (None, Some((path, location))) => Diagnostic::error(Code::PdfTemplate, &path, message)
                        .at(location)
                        .hint(if typst_hints.is_empty() {
                            crate::t!("pdf.template_hint")
                        } else {
                            typst_hints.join("; ")
                        }),
                    (glyph, _) => {
                        let location = glyph
                            .and_then(|text| place.text.find(text).map(|start| (start, start + text.len())))
                            .map(|(start, end)| Location::in_text(place.text, start, end))
                            .unwrap_or(place.fallback);
                        let hint = if glyph.is_some() {
                            crate::t!("pdf.glyph_hint")
                        } else if typst_hints.is_empty() {
                            crate::t!("pdf.warning_hint")
                        } else {
                            typst_hints.join("; ")
                        };
                        Diagnostic::error(Code::Pdf, place.path, message)
                            .at(location)
                            .hint(hint)
                    }
                }
            })
            .collect()
    }

    /// The template file and position a typst problem points at, if it points into a template.
    fn template_place(
        &self,
        world: &DocumentWorld,
        problem: &SourceDiagnostic,
    ) -> Option<(std::path::PathBuf, Location)> {
        let id = problem.span.id()?;
        let source = self.templates.get(id)?;
        let range = world.range(problem.span)?;
        let name = &self.templates.sources.iter().find(|(_, s)| s.id() == id)?.0;
        Some((
            self.templates_shown.join(name),
            Location::in_text(source.text(), range.start, range.end),
        ))
    }
}

/// Whether `problem` has no place in the document yet: typst found it at a place in a
/// template, or in the PDF export without a place (e.g. a string too long for PDF/A), rather
/// than at a character it could not display.
fn is_unplaced(problem: &Diagnostic, place: &Place) -> bool {
    problem.code == Code::PdfTemplate || (problem.code == Code::Pdf && problem.location == Some(place.fallback))
}

/// The text typst names in "the text `\"🎉\"` could not be displayed with font …".
fn missing_glyph_text(message: &str) -> Option<&str> {
    let start = message.find("the text `\"")? + "the text `\"".len();
    let end = start + message[start..].find("\"`")?;
    message.contains("could not be displayed").then(|| &message[start..end])
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_text_typst_cannot_display() {
        let message = "PDF/A-2a, PDF/UA-1 error: the text `\"🎉\"` could not be displayed with font `\"Noto Sans\"`";
        assert_eq!(super::missing_glyph_text(message), Some("🎉"));
        assert_eq!(super::missing_glyph_text("something else"), None);
    }
}
