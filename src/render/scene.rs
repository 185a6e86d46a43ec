//! The scene: what a map shows, in frame metres, before any page layout.

use geo::{Geometry, Rect};

/// How a geometry is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// Fill colour (polygons, point symbols).
    pub fill: Option<&'static str>,
    /// Stroke colour.
    pub stroke: Option<&'static str>,
    /// Stroke width on the page, mm.
    pub stroke_mm: f64,
    /// Dash pattern on the page, mm.
    pub dash: Option<(f64, f64)>,
    /// Diagonal hatching in this colour, over the fill.
    pub hatch: Option<&'static str>,
    /// Fill opacity, 0..1.
    pub opacity: f64,
    /// Symbol for points.
    pub symbol: Symbol,
    /// Point symbol size on the page, mm.
    pub size_mm: f64,
}

/// Point symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    /// A circle.
    Circle,
    /// A triangle.
    Triangle,
    /// A square.
    Square,
}

impl Style {
    /// A polygon fill with a thin outline.
    pub fn fill(fill: &'static str, stroke: &'static str, stroke_mm: f64) -> Style {
        Style {
            fill: Some(fill),
            stroke: Some(stroke),
            stroke_mm,
            dash: None,
            hatch: None,
            opacity: 1.0,
            symbol: Symbol::Circle,
            size_mm: 0.0,
        }
    }
    /// A line.
    pub fn line(stroke: &'static str, stroke_mm: f64) -> Style {
        Style {
            fill: None,
            stroke: Some(stroke),
            stroke_mm,
            dash: None,
            hatch: None,
            opacity: 1.0,
            symbol: Symbol::Circle,
            size_mm: 0.0,
        }
    }
    /// A point symbol.
    pub fn point(symbol: Symbol, fill: &'static str, size_mm: f64) -> Style {
        Style {
            fill: Some(fill),
            stroke: Some("#ffffff"),
            stroke_mm: 0.25,
            dash: None,
            hatch: None,
            opacity: 1.0,
            symbol,
            size_mm,
        }
    }
    /// The same style, dashed.
    pub fn dashed(mut self, on: f64, off: f64) -> Style {
        self.dash = Some((on, off));
        self
    }
    /// The same style, hatched.
    pub fn hatched(mut self, color: &'static str) -> Style {
        self.hatch = Some(color);
        self
    }
    /// The same style, with a fill opacity.
    pub fn with_opacity(mut self, o: f64) -> Style {
        self.opacity = o;
        self
    }
}

/// One drawing layer: geometries with their style, drawn in order.
#[derive(Debug, Clone, Default)]
pub struct SceneLayer {
    /// Geometries (frame metres) and the index of their style in `styles`.
    pub items: Vec<(Geometry<f64>, usize)>,
    /// Styles used by the items.
    pub styles: Vec<Style>,
}

impl SceneLayer {
    /// Adds a geometry with a style (styles are shared by equality).
    pub fn push(&mut self, g: Geometry<f64>, style: &Style) {
        let i = match self.styles.iter().position(|s| s == style) {
            Some(i) => i,
            None => {
                self.styles.push(style.clone());
                self.styles.len() - 1
            }
        };
        self.items.push((g, i));
    }
}

/// A legend entry.
#[derive(Debug, Clone)]
pub struct LegendItem {
    /// Its symbol.
    pub style: Style,
    /// What kind of swatch: polygon, line or point.
    pub swatch: Swatch,
    /// The label.
    pub label: String,
    /// A second line, e.g. "12 宗 · 345.6 亩".
    pub detail: Option<String>,
}

/// Legend swatch shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    /// A filled box.
    Area,
    /// A line.
    Line,
    /// A point symbol.
    Point,
    /// A numbered key, as the map's markers of the same number.
    Key(u16),
}

/// A numbered marker on the map (a move's number at both its ends), always drawn, and
/// kept clear of by the labels.
#[derive(Debug, Clone)]
pub struct Marker {
    /// Where, frame metres.
    pub at: geo::Coord<f64>,
    /// The number.
    pub number: u16,
}

/// A label anchored in the map.
#[derive(Debug, Clone)]
pub struct Label {
    /// The text.
    pub text: String,
    /// Anchor (frame metres), the label's centre.
    pub at: geo::Coord<f64>,
    /// Font size, mm.
    pub size_mm: f64,
    /// Higher is placed first.
    pub priority: f64,
    /// Bold with a halo (park names).
    pub major: bool,
    /// The label is dropped when wider than this many metres (it must fit its feature).
    pub max_width_m: Option<f64>,
    /// Anchors tried in turn when the label does not fit at `at` (a park's name above or
    /// below the park when a move number sits on its middle).
    pub also_at: Vec<geo::Coord<f64>>,
}

/// A whole map's content.
#[derive(Debug, Clone)]
pub struct Scene {
    /// Map title.
    pub title: String,
    /// Subtitle (the park, the indicator).
    pub subtitle: String,
    /// Layers, bottom first.
    pub layers: Vec<SceneLayer>,
    /// Legend entries, with an optional heading per group.
    pub legend: Vec<(Option<String>, Vec<LegendItem>)>,
    /// Labels.
    pub labels: Vec<Label>,
    /// Numbered markers.
    pub markers: Vec<Marker>,
    /// The area the map frame shows (frame metres), at a standard round scale.
    pub extent: Rect<f64>,
    /// The whole project's extent, for the locator inset.
    pub context: Rect<f64>,
    /// Shapes drawn in the locator inset: the parks, else the parcels or their hull.
    pub context_shapes: Vec<Geometry<f64>>,
    /// The built-up area (城市建成区 constraints), drawn under them in the locator.
    pub context_built_up: Vec<Geometry<f64>>,
    /// Expressways and arterial roads, drawn over them in the locator.
    pub context_roads: Vec<Geometry<f64>>,
    /// Title-block lines: (label, value).
    pub title_block: Vec<(String, String)>,
    /// The line printed at the foot of the sheet (the data's credit, the software).
    pub footer: String,
    /// Printed across the map when its finding could not be assessed (未提供建筑数据，未评价).
    pub stamp: Option<String>,
    /// A table drawn on the sheet under the map frame (the siting map's move table); the
    /// frame is shortened by [`SheetTable::height_mm`] to make room.
    pub table: Option<SheetTable>,
    /// The wind rose drawn under the north arrow (the siting map, when the siting rules
    /// give one).
    pub wind_rose: Option<WindRose>,
    /// Lines no label may cross (the siting map's moves), frame metres.
    pub keep_clear: Vec<geo::LineString<f64>>,
    /// The parcel list (宗地清单) of the parcels keyed by number, before the sheet places it:
    /// a table in a clear corner of the frame, else a group of the legend.
    pub parcel_list: Option<ParcelList>,
}

/// The sheet's parcel list (宗地清单): the parcels of interest too small for their id,
/// each with the key printed inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParcelList {
    /// How many parcels of interest it leaves to the ledger (past the cap, too small for a
    /// key, or with a key the sheet could not print); its heading says so.
    pub left: usize,
    /// The keyed parcels, in key order.
    pub rows: Vec<ParcelListRow>,
}

/// One keyed parcel of a [`ParcelList`].
#[derive(Debug, Clone, PartialEq)]
pub struct ParcelListRow {
    /// The number printed inside the parcel.
    pub key: usize,
    /// The parcel's id (宗地代码).
    pub id: String,
    /// Its class on this map, in the project's language.
    pub class: String,
    /// The class's fill.
    pub fill: &'static str,
    /// Its area, 亩.
    pub mu: f64,
}

/// A wind rose (风玫瑰图): how often the wind blows from each of the 16 compass points.
#[derive(Debug, Clone, PartialEq)]
pub struct WindRose {
    /// Frequencies from north clockwise (N, NNE, … NNW), any unit.
    pub frequencies: [f64; 16],
    /// The caption under it: what it is and where it comes from.
    pub caption: String,
}

/// A table on the sheet, under the map frame: a title, a header row and at most
/// [`SheetTable::MAX_ROWS`] rows, the rest counted in a note that says where they are.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetTable {
    /// The title above the table (搬迁安置一览表).
    pub title: String,
    /// Column headings.
    pub header: Vec<String>,
    /// Relative column widths (any unit: the table spans the frame's width).
    pub widths: Vec<f64>,
    /// Right-aligned (number) columns.
    pub numeric: Vec<bool>,
    /// The rows, in order; the first cell of each is the number of its key on the map.
    pub rows: Vec<Vec<String>>,
    /// How the first column's numbers are drawn: as on the map.
    pub keys: KeyStyle,
    /// Widest the table is in a corner of the frame, mm on A4.
    pub corner_w_mm: f64,
    /// Blocks side by side when under the frame (the rows run down one, then the next),
    /// so that a narrow table takes less height; a corner holds one.
    pub blocks: usize,
    /// Rows a block keeps room for under the frame, at least its own (a list that lost
    /// rows after the frame was fitted keeps the frame's size, and so the map's scale).
    pub held_rows: usize,
    /// Where the rows past [`SheetTable::MAX_ROWS`] are listed ("另有 3 项见 siting.xlsx").
    pub more: String,
    /// Where on the sheet the table sits.
    pub place: TablePlace,
}

/// How a sheet table's first column draws its numbers, as the map draws the same keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStyle {
    /// A numbered circle (the siting map's moves).
    Circled,
    /// A plain number (the parcel keys, printed inside their parcels).
    Plain,
}

/// Where a sheet's table sits: under the frame (which is shortened for it), or in a corner
/// of the frame the map leaves clear (the frame keeps its size and the map its scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TablePlace {
    /// Under the frame, across its width.
    Below,
    /// Inside the frame, in this corner.
    Corner(Corner),
}

/// A corner of the map frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    /// Bottom right.
    BottomRight,
    /// Top right.
    TopRight,
    /// Top left.
    TopLeft,
    /// Bottom left.
    BottomLeft,
}

impl Corner {
    /// Every corner, in the order tried.
    pub const ALL: [Corner; 4] = [
        Corner::BottomRight,
        Corner::TopRight,
        Corner::TopLeft,
        Corner::BottomLeft,
    ];
}

impl SheetTable {
    /// Most rows drawn: a longer list takes the frame's room from the map.
    pub const MAX_ROWS: usize = 14;
    /// Height of one row, mm on A4.
    pub const ROW_MM: f64 = 4.2;

    /// The height (mm, `u` = the page's size unit) a table of `rows` rows takes with its
    /// title, header and gap above: known before the table is made, so the map's view can
    /// be fitted to the frame that is left.
    pub fn height_for(rows: usize, u: f64) -> f64 {
        if rows == 0 {
            return 0.0;
        }
        let shown = rows.min(Self::MAX_ROWS);
        let note = usize::from(rows > Self::MAX_ROWS);
        (5.5 + (1 + shown + note) as f64 * Self::ROW_MM + 3.0) * u
    }

    /// The blocks the table is drawn in where it is.
    pub fn blocks_here(&self) -> usize {
        match self.place {
            TablePlace::Below => self.blocks.max(1),
            TablePlace::Corner(_) => 1,
        }
    }

    /// The rows of one block where the table is (the last block may have fewer).
    pub fn block_rows(&self) -> usize {
        self.rows.len().div_ceil(self.blocks_here())
    }

    /// The rows a block takes room for: its rows, or the rows it holds room for under the
    /// frame.
    fn room_rows(&self) -> usize {
        match self.place {
            TablePlace::Below => self.block_rows().max(self.held_rows),
            TablePlace::Corner(_) => self.block_rows(),
        }
    }

    /// The height this table takes from the frame (mm): none in a corner of it.
    pub fn height_mm(&self, u: f64) -> f64 {
        match self.place {
            TablePlace::Below => Self::height_for(self.room_rows(), u),
            TablePlace::Corner(_) => 0.0,
        }
    }
}
