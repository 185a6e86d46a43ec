//! A multi-page PDF from SVG pages (the `--atlas`): each page is converted by svg2pdf into
//! a self-contained chunk (a form XObject with its fonts and images), renumbered into one
//! document and drawn full-page. Pages keep their own paper size; text stays selectable.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use rayon::prelude::*;

use super::fonts::FontSet;
use super::output::tree;
use crate::error::{Error, Result};

/// CSS pixels (usvg's unit, 96 per inch) to PDF points (72 per inch).
const PT_PER_PX: f32 = 72.0 / 96.0;

/// Writes SVG pages as one PDF file at `path`, atomically (see [`atlas_pdf`]).
///
/// # Errors
/// As [`atlas_pdf`], or the file cannot be written.
pub fn save_atlas(
    pages: &[String],
    title: &str,
    path: &std::path::Path,
    fonts: &FontSet,
) -> Result<()> {
    crate::write::write_bytes(path, &atlas_pdf(pages, title, fonts)?)
}

/// Converts SVG pages into one PDF, in order, with `title` in the document information.
///
/// # Errors
/// A page's SVG is invalid or its conversion fails.
pub fn atlas_pdf(pages: &[String], title: &str, fonts: &FontSet) -> Result<Vec<u8>> {
    // Conversion is the slow part and independent per page.
    let chunks = pages
        .par_iter()
        .enumerate()
        .map(|(i, svg)| {
            let tree = tree(svg, fonts)?;
            let size = tree.size();
            let (chunk, root) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
                .map_err(|e| {
                    Error::Internal(format!("PDF conversion of page {} failed: {e}", i + 1))
                })?;
            Ok((
                chunk,
                root,
                size.width() * PT_PER_PX,
                size.height() * PT_PER_PX,
            ))
        })
        .collect::<Result<Vec<_>>>()?;

    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_id = alloc.bump();
    let info = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::with_capacity(chunks.len());
    let map_name = Name(b"M");
    for (chunk, root, w, h) in &chunks {
        let mut renumbered = HashMap::new();
        let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| alloc.bump()));
        let xobject = renumbered[root];
        let page_id = alloc.bump();
        let content_id = alloc.bump();
        page_ids.push(page_id);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, *w, *h));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(map_name, xobject);
        page.finish();
        let mut content = Content::new();
        // The chunk's XObject is one point square: scale it to the page.
        content
            .save_state()
            .transform([*w, 0.0, 0.0, *h, 0.0, 0.0])
            .x_object(map_name)
            .restore_state();
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
    }
    pdf.catalog(catalog).pages(tree_id);
    let count = page_ids.len() as i32;
    pdf.pages(tree_id).kids(page_ids).count(count);
    pdf.document_info(info)
        .title(TextStr(title))
        .creator(TextStr(concat!("parkscope ", env!("CARGO_PKG_VERSION"))));
    Ok(pdf.finish())
}
