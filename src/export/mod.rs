//! `griffie export ori-a <DIR>`: the council's archive as a transfer package for an e-depot,
//! in the archive standards of the Dutch government: ORI-A 1.0.1 for the meetings (agenda
//! items, votes per party, decisions, parties) and MDTO 1.0.1 for every document and file.
//!
//! The package, laid out as ORI-A's own example package:
//!
//! ```text
//! <meeting>.ori-a.xml                      per held (or cancelled) meeting: ORI-A
//! <meeting>.ori-a.xml.bestand.mdto.xml     that file as an MDTO bestand (size, SHA-256)
//! <meeting>.mdto.xml                       the meeting as an MDTO dossier of its documents
//! <document>/<document>.pdf                the document's PDF (PDF/A-2a), when it has text
//! <document>/<document>.mdto.xml           the document as an MDTO informatieobject
//! <document>/<document>.pdf.bestand.mdto.xml  its PDF as an MDTO bestand (size, SHA-256)
//! ```
//!
//! ORI-A refers to a document by its id, which is the MDTO `identificatieKenmerk` of its
//! informatieobject; a bestand names the informatieobject it represents. A withdrawn document
//! keeps its informatieobject, without title or text and with the withdrawal as an event; its
//! PDF is not in the package.
//!
//! Like a build, the export writes nothing when the sources have errors, and it replaces the
//! folder in one step: the package is made beside it (`.<name>.new`) and exchanged with it
//! (`output::write::replace_folder`), so an interrupted export leaves the previous package. A folder that is not an earlier package of
//! griffie's (no [`MARKER`]) is never replaced.

mod mdto;
mod ori_a;

use std::collections::BTreeMap;
use std::path::Path;

use crate::build::BuildOptions;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::document_versions::SiteHistory;
use crate::resolve::Site;

/// The file that marks a folder as a package griffie made (so it may replace it).
pub const MARKER: &str = ".griffie-export";

/// What an export did.
#[derive(Debug)]
pub struct ExportReport {
    pub diagnostics: Diagnostics,
    /// Meetings written as ORI-A.
    pub meetings: usize,
    /// Documents written as MDTO informatieobjecten, and of them with a PDF.
    pub documents: usize,
    pub files: usize,
    /// Whether the folder now holds the new package.
    pub written: bool,
}

/// Runs `griffie export ori-a`: reads the site as a build does, makes every PDF (from the PDF
/// cache where it can), and writes the package into `target`. `Err` for what the environment
/// did wrong (a folder that cannot be written, one that is not a package); problems of the
/// sources are in the report.
pub fn export_ori_a(options: &BuildOptions, target: &Path) -> anyhow::Result<ExportReport> {
    let (site, history, engine, mut diagnostics) = crate::build::read_site(options);
    check_target(target)?;
    if site.config.woo.publisher.is_none() {
        diagnostics.push(
            Diagnostic::error(
                Code::Config,
                &options.paths.shown(&options.paths.config),
                crate::t!("export.no_publisher"),
            )
            .hint(crate::t!("woo.no_publisher_hint")),
        );
    }
    let empty = ExportReport {
        diagnostics: Diagnostics::new(),
        meetings: 0,
        documents: 0,
        files: 0,
        written: false,
    };
    if diagnostics.fails_run(options.deny_warnings) {
        return Ok(ExportReport { diagnostics, ..empty });
    }
    let pdfs = match &engine {
        Some(engine) => make_pdfs(&site, engine, &mut diagnostics),
        None => vec![None; site.documents.len()],
    };
    if diagnostics.fails_run(options.deny_warnings) {
        return Ok(ExportReport { diagnostics, ..empty });
    }
    let package = Package::new(&site, &history, &pdfs, &mut diagnostics);
    if diagnostics.fails_run(options.deny_warnings) {
        return Ok(ExportReport { diagnostics, ..empty });
    }
    write_package(target, &package.files)?;
    Ok(ExportReport {
        diagnostics,
        meetings: package.meetings,
        documents: package.documents,
        files: package.files.len(),
        written: true,
    })
}

/// The PDF of every document with text that is not withdrawn, by position.
fn make_pdfs(site: &Site, engine: &crate::pdf::PdfEngine, diagnostics: &mut Diagnostics) -> Vec<Option<Vec<u8>>> {
    let results = crate::render::on_pdf_threads(site.documents.len(), |position| {
        let doc = &site.documents[position];
        if doc.body().is_none() || doc.withdrawn.is_some() {
            return (None, Vec::new());
        }
        let tree = crate::markdown::body_tree(site, position);
        let subject = crate::view::pdf_data::PdfOf {
            site,
            doc,
            position: Some(position),
            body: &tree,
        };
        match engine.make(&subject) {
            Ok(pdf) => (Some(pdf.bytes), Vec::new()),
            Err(problems) => (None, problems),
        }
    });
    results
        .into_iter()
        .map(|(pdf, problems)| {
            diagnostics.extend(problems);
            pdf
        })
        .collect()
}

/// The files of a package, by path inside it, and what they hold.
struct Package {
    files: BTreeMap<String, Vec<u8>>,
    meetings: usize,
    documents: usize,
}

impl Package {
    fn new(site: &Site, history: &SiteHistory, pdfs: &[Option<Vec<u8>>], diagnostics: &mut Diagnostics) -> Package {
        let mut files = BTreeMap::new();
        let context = mdto::Context::new(site, history);
        for (position, doc) in site.documents.iter().enumerate() {
            let folder = &doc.id;
            if let Some(pdf) = &pdfs[position] {
                let name = format!("{}.pdf", doc.id);
                let bestand = context.pdf_bestand(position, &name, pdf);
                files.insert(format!("{folder}/{name}.bestand.mdto.xml"), bestand.into_bytes());
                files.insert(format!("{folder}/{name}"), pdf.clone());
            }
            let object = context.informatieobject(position, pdfs[position].is_some());
            files.insert(format!("{folder}/{}.mdto.xml", doc.id), object.into_bytes());
        }
        let mut meetings = 0;
        for position in ori_a::archived_meetings(site) {
            let doc = &site.documents[position];
            let Some(xml) = ori_a::ori_a(site, position, diagnostics) else {
                continue;
            };
            let name = format!("{}.ori-a.xml", doc.id);
            let bestand = context.ori_a_bestand(position, &name, xml.as_bytes());
            files.insert(format!("{name}.bestand.mdto.xml"), bestand.into_bytes());
            files.insert(
                format!("{}.mdto.xml", doc.id),
                context.dossier(position, &name).into_bytes(),
            );
            files.insert(name, xml.into_bytes());
            meetings += 1;
        }
        files.insert(MARKER.to_string(), crate::t!("export.marker").into_bytes());
        Package {
            files,
            meetings,
            documents: site.documents.len(),
        }
    }
}

/// Refuses a target that exists and is not a folder, or is a folder with files that is not an
/// earlier package.
fn check_target(target: &Path) -> anyhow::Result<()> {
    match std::fs::symlink_metadata(target) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.is_dir() => anyhow::bail!(crate::t!("export.not_a_folder", path = target.display())),
        Ok(_) => {
            let empty = std::fs::read_dir(target)?.next().is_none();
            if empty || target.join(MARKER).is_file() {
                Ok(())
            } else {
                anyhow::bail!(crate::t!(
                    "export.not_a_package",
                    path = target.display(),
                    marker = MARKER
                ))
            }
        }
    }
}

/// Writes the package beside `target` and swaps it into place.
fn write_package(target: &Path, files: &BTreeMap<String, Vec<u8>>) -> anyhow::Result<()> {
    let staging = crate::output::write::replacement_folder(target)?;
    for (path, bytes) in files {
        let file = staging.join(path);
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(&file, bytes)?;
    }
    crate::output::write::replace_folder(&staging, target)
}
