//! Typesetting: the template, its data and its pictures through typst into PDF bytes.

use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst::layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use super::world::DossierWorld;
use crate::error::{Error, Result};

/// The dossier template (typst markup; it reads everything it prints from `/data.json`).
pub(super) const TEMPLATE: &str = include_str!("dossier.typ");

/// Typesets the template over `files` (`/data.json` and the pictures it names) into a PDF
/// dated `date`, its document id derived from `ident`.
///
/// # Errors
/// [`Error::Internal`] when the template does not compile or the PDF cannot be written:
/// the template reads only data it was given, so either is a bug.
pub(super) fn typeset(
    files: Vec<(String, Vec<u8>)>,
    date: chrono::NaiveDate,
    ident: &str,
) -> Result<Vec<u8>> {
    let world = DossierWorld::new(TEMPLATE, files, date);
    if !world.has_font() {
        return Err(Error::Internal(
            "the bundled font assets/fonts/wqy-microhei-gb2312.ttf did not parse".into(),
        ));
    }
    let doc = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| Error::Internal(format!("the dossier template failed: {}", first(&e))))?;
    use chrono::Datelike;
    let stamp = Datetime::from_ymd_hms(
        date.year(),
        u8::try_from(date.month()).unwrap_or(1),
        u8::try_from(date.day()).unwrap_or(1),
        0,
        0,
        0,
    )
    .map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        timestamp: stamp,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&doc, &options)
        .map_err(|e| Error::Internal(format!("the dossier PDF failed: {}", first(&e))))
}

/// The first diagnostic's message and hints, on one line.
fn first(diags: &[SourceDiagnostic]) -> String {
    diags
        .first()
        .map(|d| {
            let mut s = d.message.to_string();
            for h in &d.hints {
                s.push_str("; hint: ");
                s.push_str(h);
            }
            s
        })
        .unwrap_or_else(|| "no diagnostic".into())
}
