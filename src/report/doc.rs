//! The dossier as data: a list of blocks (headings, paragraphs, tables, figures) that the
//! typst template lays out. Every string is plain text — the template places it as text,
//! never as markup, so a parcel named `#*$` prints as `#*$`.

use serde::Serialize;

/// How a table column is aligned.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
    /// Codes and verdicts.
    Center,
}

/// One block of the dossier.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    /// A heading: level 1 parts (the city, each park, the appendix), 2 sections, 3
    /// subsections. Levels 1 and 2 are in the outline and the PDF bookmarks.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// The text.
        text: String,
    },
    /// A paragraph.
    Para {
        /// The text.
        text: String,
    },
    /// A remark set apart (what could not be assessed, a capped list).
    Note {
        /// The text.
        text: String,
    },
    /// Label–value pairs in two columns.
    Facts {
        /// The pairs.
        rows: Vec<(String, String)>,
    },
    /// A table whose header row repeats on every page it spans.
    Table {
        /// The caption above it.
        caption: String,
        /// Column headers.
        columns: Vec<String>,
        /// Per column alignment.
        align: Vec<Align>,
        /// Relative column widths.
        widths: Vec<f32>,
        /// The rows, each as long as `columns`.
        rows: Vec<Vec<String>>,
        /// Smaller type for wide tables.
        small: bool,
    },
    /// A map sheet (`/maps/…` in the typst world): its own A4 landscape page at 1:1, so
    /// the scale printed on the sheet holds.
    Map {
        /// The sheet's path in the world.
        path: String,
    },
    /// A picture (`/charts/…` in the typst world) with its caption.
    Figure {
        /// The picture's path in the world.
        path: String,
        /// The caption below it.
        caption: String,
        /// The width as a share of the text width (0–1).
        width: f32,
    },
}

/// A table block with its columns given as (header, alignment, width).
pub fn table<S: AsRef<str>>(
    caption: impl Into<String>,
    columns: &[(S, Align, f32)],
    rows: Vec<Vec<String>>,
) -> Block {
    Block::Table {
        caption: caption.into(),
        columns: columns.iter().map(|c| c.0.as_ref().to_owned()).collect(),
        align: columns.iter().map(|c| c.1).collect(),
        widths: columns.iter().map(|c| c.2).collect(),
        small: columns.len() > 7,
        rows,
    }
}

/// The whole dossier: the cover, the blocks, and the pictures they name.
#[derive(Debug, Clone, Serialize)]
pub struct Dossier {
    /// `zh` or `en`.
    pub lang: String,
    /// The cover's title (the project's name).
    pub title: String,
    /// The cover's subtitle (what the document is).
    pub subtitle: String,
    /// Cover lines under it (judged at, parks, made by).
    pub cover: Vec<String>,
    /// The data credit printed in every page's footer, when the data's licence asks one.
    pub attribution: Option<String>,
    /// The running header.
    pub header: String,
    /// The outline's heading.
    pub contents: String,
    /// The blocks in order.
    pub blocks: Vec<Block>,
    /// The pictures: path in the world → SVG text. Not serialised into the data file.
    #[serde(skip)]
    pub pictures: Vec<(String, String)>,
}
