//! SVG → PNG (resvg, at any dpi) and SVG → PDF (svg2pdf: vector, text selectable, fonts
//! embedded as subsets). The file's extension picks the format.

use std::path::Path;

use resvg::{tiny_skia, usvg};

use super::fonts::FontSet;
use crate::error::{Error, Result};
use crate::write::write_bytes;

pub(super) fn tree(svg: &str, fonts: &FontSet) -> Result<usvg::Tree> {
    let opt = usvg::Options {
        fontdb: fonts.db.clone(),
        font_family: super::fonts::FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &opt)
        .map_err(|e| Error::Internal(format!("the map's SVG could not be parsed: {e}")))
}

/// Renders an SVG page to PNG bytes at `dpi`, on white.
///
/// # Errors
/// The SVG is invalid or the image too large.
pub fn to_png(svg: &str, dpi: f32, fonts: &FontSet) -> Result<Vec<u8>> {
    let tree = tree(svg, fonts)?;
    let scale = dpi / 96.0;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| {
        Error::invalid("dpi", dpi.to_string(), "cannot render at this resolution")
    })?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| {
        Error::invalid(
            "dpi",
            dpi.to_string(),
            format!(
                "an image of {}×{} pixels is too large",
                size.width(),
                size.height()
            ),
        )
    })?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::Internal(format!("PNG encoding failed: {e}")))
}

/// Converts an SVG page to a one-page PDF.
///
/// # Errors
/// The SVG is invalid or conversion fails.
pub fn to_pdf(svg: &str, fonts: &FontSet) -> Result<Vec<u8>> {
    let tree = tree(svg, fonts)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        // usvg measures the page in CSS pixels (96 per inch): the PDF page comes out at its
        // paper size (297 × 210 mm) only when svg2pdf assumes the same resolution.
        svg2pdf::PageOptions { dpi: 96.0 },
    )
    .map_err(|e| Error::Internal(format!("PDF conversion failed: {e}")))
}

/// Writes an SVG page as `.svg`, `.png` or `.pdf`, by the path's extension.
///
/// # Errors
/// An unknown extension, or the file cannot be written.
pub fn save_map(svg: &str, path: &Path, dpi: f32, fonts: &FontSet) -> Result<()> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_lowercase();
    let bytes = match ext.as_str() {
        "svg" => svg.as_bytes().to_vec(),
        "png" => to_png(svg, dpi, fonts)?,
        "pdf" => to_pdf(svg, fonts)?,
        _ => {
            return Err(Error::invalid(
                "path",
                path.display().to_string(),
                "the map file must end in .png, .svg or .pdf",
            ))
        }
    };
    write_bytes(path, &bytes)
}
