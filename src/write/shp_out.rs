//! ESRI Shapefile output, through the `shapefile` and `dbase` crates: `.shp .shx .dbf`, a
//! `.prj` in ESRI WKT, a `.cpg` naming the text encoding (GBK by default, as ArcGIS on a
//! Chinese Windows expects), and `<name>.fields.csv`, the table of which DBF field holds
//! which column (DBF names are at most 10 bytes). A table without geometry is a lone `.dbf`.
//!
//! DBF types follow the cells: numbers as `N` with the table's decimals, dates as `D`,
//! booleans as `L`, text as `C` as wide as its longest value (at most 254 bytes; longer
//! text is cut at a character boundary and the cut is counted in the fields table).

use std::borrow::Cow;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use dbase::{FieldName, FieldWriter, TableWriterBuilder, WritableRecord};
use geo::{BoundingRect, Geometry};

use super::column_types::{column_stats, Kind, Stats};
use super::cuts::{CutCount, Written};
use super::dbf_names::{cut, dbf_names, encoded_len, representable};
use super::esri_wkt::esri_wkt;
use super::format::ShpEncoding;
use super::gbk::{as_byte_chars, gbk_code_page_mark, PASSTHROUGH};
use super::rows::in_order_chunks;
use super::space::Prepare;
use super::{write_bytes, AtomicFile, Cell, Rows};
use crate::crs::Crs;
use crate::error::{Error, Result};
use crate::model::geometry::rect_union;

/// The widest DBF character field.
const MAX_TEXT: usize = 254;
/// The widest numeric field written (dBase III allows 20 characters).
const MAX_NUMBER: usize = 20;

/// One DBF field as written.
#[derive(Debug, Clone)]
struct Field {
    name: String,
    kind: Kind,
    width: usize,
    decimals: u8,
}

impl Field {
    fn of(name: String, s: Stats) -> Field {
        let (kind, width, decimals) = match s.kind {
            Kind::Empty => (Kind::Text, 1, 0),
            Kind::Text => (Kind::Text, s.text_bytes.clamp(1, MAX_TEXT), 0),
            Kind::Int => (Kind::Int, s.int_digits.min(MAX_NUMBER), 0),
            Kind::Number { decimals } => {
                // Keep the integer part whole: fewer decimals when the number is long.
                let room = MAX_NUMBER.saturating_sub(s.int_digits + 1);
                let d = (decimals as usize).min(room);
                let width = (s.int_digits + usize::from(d > 0) + d).min(MAX_NUMBER);
                (Kind::Number { decimals: d as u8 }, width, d as u8)
            }
            Kind::Bool => (Kind::Bool, 1, 0),
            Kind::Date => (Kind::Date, 8, 0),
        };
        Field {
            name,
            kind,
            width,
            decimals,
        }
    }

    fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Text | Kind::Empty => "C",
            Kind::Number { .. } | Kind::Int => "N",
            Kind::Bool => "L",
            Kind::Date => "D",
        }
    }
}

/// One row as a DBF record: its cells, and its text fields as written ([`Prepared`]).
struct Record<'r> {
    cells: &'r [Cell],
    prepared: &'r Prepared,
    fields: &'r [Field],
}

/// A row's text fields as the DBF holds them, made where rows are made (on every core):
/// replaced where the encoding lacks a character, cut to the field's width and, for GBK,
/// as [`as_byte_chars`] text; and which fields were cut.
struct Prepared {
    texts: Vec<String>,
    cut: Vec<bool>,
}

impl Prepared {
    fn of(cells: &[Cell], fields: &[Field], enc: ShpEncoding) -> Prepared {
        let mut texts = Vec::new();
        let mut was_cut = Vec::new();
        for (c, f) in cells.iter().zip(fields) {
            if !matches!(f.kind, Kind::Text | Kind::Empty) {
                continue;
            }
            let text: Cow<'_, str> = match c {
                Cell::Empty => Cow::Borrowed(""),
                Cell::Text(s) => representable(s, enc),
                other => Cow::Owned(other.to_text()),
            };
            let kept = cut(&text, f.width, enc);
            was_cut.push(matches!(c, Cell::Text(s) if encoded_len(s, enc) > f.width));
            texts.push(match enc {
                ShpEncoding::Gbk => as_byte_chars(kept).into_owned(),
                ShpEncoding::Utf8 => kept.to_owned(),
            });
        }
        Prepared {
            texts,
            cut: was_cut,
        }
    }

    /// Adds this row's cuts to the per-field counts.
    fn count_cuts(&self, cells: &[Cell], fields: &[Field], truncated: &mut [CutCount]) {
        let text_fields = fields
            .iter()
            .zip(truncated.iter_mut())
            .filter(|(f, _)| matches!(f.kind, Kind::Text | Kind::Empty));
        for ((_, t), was_cut) in text_fields.zip(&self.cut) {
            if *was_cut {
                t.add(cells);
            }
        }
    }
}

impl WritableRecord for Record<'_> {
    fn write_using<W: Write>(
        &self,
        w: &mut FieldWriter<'_, W>,
    ) -> std::result::Result<(), dbase::FieldError> {
        let mut texts = self.prepared.texts.iter();
        for (c, f) in self.cells.iter().zip(self.fields) {
            match f.kind {
                Kind::Text | Kind::Empty => {
                    let text = texts.next().map_or("", String::as_str);
                    w.write_next_field_value(&text)?;
                }
                Kind::Number { .. } | Kind::Int => {
                    let v = match c {
                        Cell::Number(v, _) if v.is_finite() => Some(*v),
                        Cell::Int(i) => Some(*i as f64),
                        _ => None,
                    };
                    w.write_next_field_value(&v)?;
                }
                Kind::Bool => {
                    let v = match c {
                        Cell::Bool(b) => Some(*b),
                        _ => None,
                    };
                    w.write_next_field_value(&v)?;
                }
                Kind::Date => {
                    let v = match c {
                        Cell::Date(d) => {
                            use chrono::Datelike;
                            dbase::Date::new(d.day(), d.month(), d.year().max(0) as u32).ok()
                        }
                        _ => None,
                    };
                    w.write_next_field_value(&v)?;
                }
            }
        }
        Ok(())
    }
}

/// The shape of one record, in the kind of the file.
enum Shape {
    Point(shapefile::Point),
    Line(shapefile::Polyline),
    Polygon(shapefile::Polygon),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ShapeKind {
    Point,
    Line,
    Polygon,
}

fn kind_of(g: &Geometry<f64>) -> ShapeKind {
    match g {
        Geometry::Point(_) | Geometry::MultiPoint(_) => ShapeKind::Point,
        Geometry::Line(_) | Geometry::LineString(_) | Geometry::MultiLineString(_) => {
            ShapeKind::Line
        }
        _ => ShapeKind::Polygon,
    }
}

/// The geometry as a shape of `kind`; `None` for an empty or mismatched geometry.
fn to_shape(g: Geometry<f64>, kind: ShapeKind) -> Option<Shape> {
    let pt = |c: geo::Coord<f64>| shapefile::Point::new(c.x, c.y);
    Some(match (kind, g) {
        (ShapeKind::Point, Geometry::Point(p)) => Shape::Point(pt(p.0)),
        (ShapeKind::Point, Geometry::MultiPoint(m)) => Shape::Point(pt(m.0.first()?.0)),
        (ShapeKind::Line, Geometry::LineString(l)) if l.0.len() >= 2 => {
            Shape::Line(shapefile::Polyline::new(l.0.into_iter().map(pt).collect()))
        }
        (ShapeKind::Line, Geometry::Line(l)) => {
            Shape::Line(shapefile::Polyline::new(vec![pt(l.start), pt(l.end)]))
        }
        (ShapeKind::Line, Geometry::MultiLineString(m)) => {
            let parts: Vec<Vec<shapefile::Point>> =
                m.0.into_iter()
                    .filter(|l| l.0.len() >= 2)
                    .map(|l| l.0.into_iter().map(pt).collect())
                    .collect();
            if parts.is_empty() {
                return None;
            }
            Shape::Line(shapefile::Polyline::with_parts(parts))
        }
        (ShapeKind::Polygon, Geometry::Polygon(p)) if !p.exterior().0.is_empty() => {
            Shape::Polygon(shapefile::Polygon::from(p))
        }
        (ShapeKind::Polygon, Geometry::MultiPolygon(mut m)) => {
            m.0.retain(|p| p.exterior().0.len() >= 4);
            if m.0.is_empty() {
                return None;
            }
            Shape::Polygon(shapefile::Polygon::from(m))
        }
        _ => return None,
    })
}

/// What a shapefile writer needs to know.
#[derive(Debug, Clone)]
pub struct ShpOptions {
    /// The CRS of the geometry written.
    pub crs: Crs,
    /// The text encoding of the attributes.
    pub encoding: ShpEncoding,
}

/// Writes a table as `<dir>/<name>.shp` (with `.shx .dbf .prj .cpg`), or as a lone
/// `<dir>/<name>.dbf` when it has no geometry, and `<dir>/<name>.fields.csv`; returns the
/// files written and the columns whose text was cut to a DBF field's 254 bytes.
///
/// # Errors
/// A file that cannot be written.
pub fn write_shapefile(dir: &Path, table: &dyn Rows, opts: &ShpOptions) -> Result<Written> {
    let enc = opts.encoding;
    let name = table.name();
    let names = dbf_names(table.columns().iter().map(|c| c.key.as_str()), enc);
    // First pass: the type and width of every field, from every cell.
    let stats = column_stats(table, enc)?;
    let n = stats.len();
    let fields: Vec<Field> = names
        .into_iter()
        .zip(&stats)
        .map(|(nm, s)| Field::of(nm, *s))
        .collect();
    let dbf_path = dir.join(format!("{name}.dbf"));
    let mut dbf = AtomicFile::create(&dbf_path)?;
    let mut files = vec![dbf_path.clone()];
    let mut truncated = vec![CutCount::default(); n];
    let prepare = Prepare::new(table.space(), &opts.crs);
    let kind = (0..table.len())
        .find_map(|i| table.geometry(i))
        .map(|g| kind_of(&g));
    let builder = dbf_builder(&fields, enc)?;
    if table.spatial() {
        let shp_path = dir.join(format!("{name}.shp"));
        let shx_path = dir.join(format!("{name}.shx"));
        let mut shp = AtomicFile::create(&shp_path)?;
        let mut shx = AtomicFile::create(&shx_path)?;
        let kind = kind.unwrap_or(ShapeKind::Point);
        let nulls = {
            let shapes = shapefile::ShapeWriter::with_shx(shp.writer(), shx.writer());
            let mut w = shapefile::Writer::new(shapes, builder.build_with_dest(dbf.writer()));
            let nulls = write_records(table, &fields, &prepare, kind, enc, &mut truncated, &mut w)
                .map_err(|e| shp_err(&shp_path, e))?;
            drop(w);
            nulls
        };
        if !nulls.offsets.is_empty() {
            patch_nulls(&mut shp, &mut shx, &nulls).map_err(|e| shp_err(&shp_path, e))?;
        }
        shp.commit()?;
        shx.commit()?;
        write_bytes(
            &dir.join(format!("{name}.prj")),
            esri_wkt(&opts.crs).as_bytes(),
        )?;
        files.extend([shp_path, shx_path, dir.join(format!("{name}.prj"))]);
    } else {
        let mut w = builder.build_with_dest(dbf.writer());
        in_order_chunks::<_, Error>(
            table.len(),
            |rows| {
                Ok(rows
                    .map(|i| {
                        let cells = table.row(i).into_owned();
                        let prepared = Prepared::of(&cells, &fields, enc);
                        (cells, prepared)
                    })
                    .collect::<Vec<_>>())
            },
            |rows| {
                for (cells, prepared) in &rows {
                    prepared.count_cuts(cells, &fields, &mut truncated);
                    w.write_record(&Record {
                        cells,
                        prepared,
                        fields: &fields,
                    })
                    .map_err(|e| shp_err(&dbf_path, e))?;
                }
                Ok(())
            },
        )?;
        w.finalize().map_err(|e| shp_err(&dbf_path, e))?;
    }
    patch_field_names(&mut dbf, &fields, enc).map_err(|e| shp_err(&dbf_path, e))?;
    dbf.commit()?;
    let cpg = dir.join(format!("{name}.cpg"));
    write_bytes(&cpg, enc.cpg().as_bytes())?;
    let map = dir.join(format!("{name}.fields.csv"));
    write_field_table(&map, table, &fields, &truncated)?;
    files.extend([cpg, map]);
    let data_file = if table.spatial() {
        dir.join(format!("{name}.shp"))
    } else {
        dbf_path
    };
    let cuts = truncated
        .into_iter()
        .zip(table.columns())
        .filter_map(|(t, c)| {
            t.into_cut(
                data_file.clone(),
                None,
                &c.key,
                "254 bytes (a DBF text field)",
            )
        })
        .collect();
    Ok(Written { files, cuts })
}

fn dbf_builder(fields: &[Field], enc: ShpEncoding) -> Result<TableWriterBuilder> {
    let mut b = match enc {
        ShpEncoding::Gbk => {
            TableWriterBuilder::with_encoding(dbase::encoding::EncodingRs::from(PASSTHROUGH))
        }
        ShpEncoding::Utf8 => {
            TableWriterBuilder::with_encoding(dbase::encoding::EncodingRs::from(enc.encoding()))
        }
    };
    for (k, f) in fields.iter().enumerate() {
        // Placeholder ASCII names: dbase checks names as UTF-8 bytes; the real names are
        // written in the file's encoding afterwards (patch_field_names).
        let name = FieldName::try_from(format!("F{k}").as_str())
            .map_err(|e| Error::Internal(format!("a placeholder DBF name: {e}")))?;
        b = match f.kind {
            Kind::Text | Kind::Empty => b.add_character_field(name, f.width as u8),
            Kind::Number { .. } | Kind::Int => b.add_numeric_field(name, f.width as u8, f.decimals),
            Kind::Bool => b.add_logical_field(name),
            Kind::Date => b.add_date_field(name),
        };
    }
    Ok(b)
}

/// Where the records without geometry are, to be marked as null shapes.
#[derive(Default)]
struct Nulls {
    /// Byte offsets of their shape-type words in the `.shp`.
    offsets: Vec<u64>,
    /// The bounding box of the real shapes.
    bbox: Option<geo::Rect<f64>>,
}

fn write_records<W: Write + Seek>(
    table: &dyn Rows,
    fields: &[Field],
    prepare: &Prepare,
    kind: ShapeKind,
    enc: ShpEncoding,
    truncated: &mut [CutCount],
    w: &mut shapefile::Writer<W>,
) -> std::result::Result<Nulls, shapefile::Error> {
    let mut nulls = Nulls::default();
    // Bytes written to the .shp so far: the 100-byte header, then per record an 8-byte
    // header and its content.
    let mut offset: u64 = 100;
    in_order_chunks::<_, shapefile::Error>(
        table.len(),
        |rows| {
            Ok(rows
                .map(|i| {
                    let g = table
                        .geometry(i)
                        .and_then(|g| prepare.apply(g))
                        .map(Cow::into_owned);
                    let rect = g.as_ref().and_then(|g| g.bounding_rect());
                    let shape = g.and_then(|g| to_shape(g, kind));
                    let cells = table.row(i).into_owned();
                    let prepared = Prepared::of(&cells, fields, enc);
                    (cells, prepared, shape, rect)
                })
                .collect::<Vec<_>>())
        },
        |rows| {
            for (cells, prepared, shape, rect) in rows {
                prepared.count_cuts(&cells, fields, truncated);
                let rec = Record {
                    cells: &cells,
                    prepared: &prepared,
                    fields,
                };
                let shape = match shape {
                    Some(s) => {
                        if let Some(r) = rect {
                            nulls.bbox = Some(match nulls.bbox {
                                Some(b) => rect_union(b, r),
                                None => r,
                            });
                        }
                        s
                    }
                    None => {
                        // The crate writes no null shapes: a placeholder, marked null later.
                        nulls.offsets.push(offset + 8);
                        placeholder(kind)
                    }
                };
                offset += 8 + 4 + size_of_shape(&shape) as u64;
                match &shape {
                    Shape::Point(p) => w.write_shape_and_record(p, &rec)?,
                    Shape::Line(l) => w.write_shape_and_record(l, &rec)?,
                    Shape::Polygon(p) => w.write_shape_and_record(p, &rec)?,
                }
            }
            Ok(())
        },
    )?;
    Ok(nulls)
}

fn size_of_shape(s: &Shape) -> usize {
    use shapefile::record::WritableShape;
    match s {
        Shape::Point(p) => p.size_in_bytes(),
        Shape::Line(l) => l.size_in_bytes(),
        Shape::Polygon(p) => p.size_in_bytes(),
    }
}

fn placeholder(kind: ShapeKind) -> Shape {
    let o = shapefile::Point::new(0.0, 0.0);
    let e = shapefile::Point::new(1.0, 0.0);
    match kind {
        ShapeKind::Point => Shape::Point(o),
        ShapeKind::Line => Shape::Line(shapefile::Polyline::new(vec![o, e])),
        ShapeKind::Polygon => Shape::Polygon(shapefile::Polygon::new(
            shapefile::PolygonRing::Outer(vec![o, shapefile::Point::new(0.0, 1.0), e, o]),
        )),
    }
}

/// Marks the placeholder records as null shapes (shape type 0) and sets the files' extent
/// to that of the real shapes.
fn patch_nulls(shp: &mut AtomicFile, shx: &mut AtomicFile, nulls: &Nulls) -> std::io::Result<()> {
    let w = shp.writer();
    for off in &nulls.offsets {
        w.seek(SeekFrom::Start(*off))?;
        w.write_all(&0i32.to_le_bytes())?;
    }
    let r = nulls.bbox.unwrap_or_else(|| {
        geo::Rect::new(
            geo::coord! { x: 0.0, y: 0.0 },
            geo::coord! { x: 0.0, y: 0.0 },
        )
    });
    for w in [shp.writer(), shx.writer()] {
        w.seek(SeekFrom::Start(36))?;
        for v in [r.min().x, r.min().y, r.max().x, r.max().y] {
            w.write_all(&v.to_le_bytes())?;
        }
        w.seek(SeekFrom::End(0))?;
    }
    Ok(())
}

/// Writes the real field names, in the file's encoding, over the placeholders.
fn patch_field_names(
    dbf: &mut AtomicFile,
    fields: &[Field],
    enc: ShpEncoding,
) -> std::io::Result<()> {
    let w = dbf.writer();
    if enc == ShpEncoding::Gbk {
        // The writer was given the pass-through encoding: the header names GBK instead.
        w.seek(SeekFrom::Start(29))?;
        w.write_all(&[gbk_code_page_mark()])?;
    }
    for (k, f) in fields.iter().enumerate() {
        let (bytes, _, _) = enc.encoding().encode(&f.name);
        let mut name = [0u8; 11];
        let len = bytes.len().min(10);
        name[..len].copy_from_slice(&bytes[..len]);
        w.seek(SeekFrom::Start(32 + 32 * k as u64))?;
        w.write_all(&name)?;
    }
    w.seek(SeekFrom::End(0))?;
    Ok(())
}

/// `<name>.fields.csv`: which DBF field holds which column, its type, and how many values
/// were cut to fit.
fn write_field_table(
    path: &Path,
    table: &dyn Rows,
    fields: &[Field],
    cut: &[CutCount],
) -> Result<()> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let err = |e: csv::Error| Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    w.write_record([
        "dbf_field",
        "column",
        "header_zh",
        "type",
        "width",
        "decimals",
        "values_cut",
    ])
    .map_err(err)?;
    for ((f, c), n) in fields.iter().zip(table.columns()).zip(cut) {
        w.write_record([
            f.name.as_str(),
            c.key.as_str(),
            c.zh.as_str(),
            f.type_name(),
            &f.width.to_string(),
            &f.decimals.to_string(),
            &n.values.to_string(),
        ])
        .map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    write_bytes(path, &bytes)
}

fn shp_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
