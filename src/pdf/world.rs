//! The typst `World` of one PDF: the house-style templates, this document's data, fonts.
//!
//! It serves nothing else: no file from disk, no package, no system font. File ids come from a
//! fixed set of virtual paths interned once (typst's id table is global and never freed).

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::FONTS;

/// The standard library, built once.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Interns a virtual path of the project root.
pub(super) fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("griffie's virtual paths are valid");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// The document's data, read by the templates with `json("/doc.json")`.
pub(super) static DATA_ID: LazyLock<FileId> = LazyLock::new(|| file_id("/doc.json"));

/// The house-style templates, parsed once per build.
pub(super) struct Templates {
    /// Every `templates/pdf/*.typ`, as (file name, source).
    pub sources: Vec<(String, Source)>,
}

impl Templates {
    pub(super) fn get(&self, id: FileId) -> Option<&Source> {
        self.sources.iter().map(|(_, s)| s).find(|s| s.id() == id)
    }

    pub(super) fn by_name(&self, name: &str) -> Option<&Source> {
        self.sources.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }
}

/// What one compilation can see.
pub(super) struct DocumentWorld<'a> {
    pub templates: &'a Templates,
    pub main: FileId,
    pub data: Bytes,
    pub today: Datetime,
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        FONTS.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.templates.get(id) {
            Some(source) => Ok(source.clone()),
            None if id == *DATA_ID => Err(FileError::NotSource),
            None => Err(FileError::AccessDenied),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATA_ID {
            return Ok(self.data.clone());
        }
        match self.templates.get(id) {
            Some(source) => Ok(Bytes::from_string(source.clone())),
            None => Err(FileError::AccessDenied),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
