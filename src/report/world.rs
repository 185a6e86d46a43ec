//! The typst [`World`] of a dossier: one main source (the template), the dossier's data as
//! `/data.json`, its maps and charts as SVG files, the bundled font and nothing else — no
//! packages, no system fonts, no clock (the date is the one the rules were judged at), so
//! the same inputs typeset the same PDF.

use std::collections::BTreeMap;

use chrono::Datelike;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The bundled font (the one the maps draw with).
static FONT: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei-gb2312.ttf");

/// A closed world: the template, the files it may read, one font.
pub(super) struct DossierWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    files: BTreeMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl DossierWorld {
    /// A world whose main source is `template`, with `files` (absolute virtual paths such
    /// as `/data.json`) readable from it; `today` is what `datetime.today()` returns.
    pub(super) fn new(
        template: &str,
        files: Vec<(String, Vec<u8>)>,
        today: chrono::NaiveDate,
    ) -> DossierWorld {
        let fonts: Vec<Font> = Font::iter(Bytes::new(FONT)).collect();
        let book = FontBook::from_fonts(&fonts);
        let main_id = FileId::new(None, VirtualPath::new("/main.typ"));
        let files = files
            .into_iter()
            .map(|(path, bytes)| {
                (
                    FileId::new(None, VirtualPath::new(&path)),
                    Bytes::new(bytes),
                )
            })
            .collect();
        let today = Datetime::from_ymd(
            today.year(),
            u8::try_from(today.month()).unwrap_or(1),
            u8::try_from(today.day()).unwrap_or(1),
        );
        DossierWorld {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(book),
            fonts,
            main: Source::new(main_id, template.to_owned()),
            files,
            today,
        }
    }

    /// True when the bundled font parsed (an invariant of the build: the font is in the
    /// binary).
    pub(super) fn has_font(&self) -> bool {
        !self.fonts.is_empty()
    }
}

impl World for DossierWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().as_rootless_path().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        self.today
    }
}
