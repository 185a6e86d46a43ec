//! FlatGeobuf output through the `flatgeobuf` crate: one `.fgb` per spatial table, its
//! features sorted along a Hilbert curve behind a packed R-tree index (what QGIS and GDAL
//! use to read a window of a million parcels without the rest), the CRS in the header.

use std::borrow::Cow;
use std::path::Path;

use flatgeobuf::{ColumnType, FgbCrs, FgbWriter, FgbWriterOptions, GeometryType};
use geo::Geometry;
use geozero::{ColumnValue, FeatureProcessor, GeozeroGeometry, PropertyProcessor};

use super::column_types::{column_stats, Kind};
use super::format::ShpEncoding;
use super::rows::in_order_chunks;
use super::space::Prepare;
use super::{AtomicFile, Cell, Rows};
use crate::crs::Crs;
use crate::error::{Error, Result};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Writes a spatial table as a FlatGeobuf file with its spatial index.
///
/// # Errors
/// The file cannot be written.
pub(super) fn write_fgb(path: &Path, table: &dyn Rows, crs: &Crs) -> Result<()> {
    let err = |e: BoxError| Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let stats = column_stats(table, ShpEncoding::Utf8)?;
    let kinds: Vec<Kind> = stats.iter().map(|s| s.kind).collect();
    let first = (0..table.len()).find_map(|i| table.geometry(i));
    // The crate writes a row without geometry as an empty geometry of the layer's type;
    // GDAL reads an empty MultiPoint but not an empty Point, so a point layer with such
    // rows (enterprises known only by their parcel) is declared MultiPoint.
    let has_null = {
        use rayon::prelude::*;
        (0..table.len())
            .into_par_iter()
            .any(|i| table.geometry(i).is_none())
    };
    let gtype = match first.as_deref() {
        Some(Geometry::Point(_)) if has_null => GeometryType::MultiPoint,
        Some(Geometry::Point(_)) => GeometryType::Point,
        Some(Geometry::MultiPoint(_)) => GeometryType::MultiPoint,
        Some(Geometry::LineString(_)) | Some(Geometry::Line(_)) => GeometryType::LineString,
        Some(Geometry::MultiLineString(_)) => GeometryType::MultiLineString,
        Some(Geometry::Polygon(_)) | Some(Geometry::MultiPolygon(_)) => GeometryType::MultiPolygon,
        _ => GeometryType::Unknown,
    };
    let multi_points = gtype == GeometryType::MultiPoint;
    let (code, wkt) = match crs {
        Crs::Projected(p) => (
            p.epsg.map(|c| c as i32).unwrap_or(0),
            p.epsg
                .and_then(|c| u16::try_from(c).ok())
                .and_then(crs_definitions::from_code)
                .map(|d| d.wkt),
        ),
        _ => (4326, None),
    };
    let mut fgb = FgbWriter::create_with_options(
        table.name(),
        gtype,
        FgbWriterOptions {
            write_index: true,
            detect_type: gtype == GeometryType::Unknown,
            promote_to_multi: true,
            crs: FgbCrs {
                code,
                wkt,
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .map_err(|e| err(e.into()))?;
    for (c, k) in table.columns().iter().zip(&kinds) {
        let ty = match k {
            Kind::Empty | Kind::Text => ColumnType::String,
            Kind::Number { .. } => ColumnType::Double,
            Kind::Int => ColumnType::Long,
            Kind::Bool => ColumnType::Bool,
            Kind::Date => ColumnType::DateTime,
        };
        fgb.add_column(&c.key, ty, |_, col| col.nullable = true);
    }
    let prepare = Prepare::new(table.space(), crs);
    let keys: Vec<&str> = table.columns().iter().map(|c| c.key.as_str()).collect();
    let mut idx: u64 = 0;
    in_order_chunks::<_, BoxError>(
        table.len(),
        |rows| {
            Ok(rows
                .map(|i| {
                    let g = table
                        .geometry(i)
                        .and_then(|g| prepare.apply(g))
                        .map(Cow::into_owned)
                        .map(|g| match g {
                            Geometry::Point(p) if multi_points => {
                                Geometry::MultiPoint(geo::MultiPoint(vec![p]))
                            }
                            other => other,
                        });
                    (table.row(i).into_owned(), g)
                })
                .collect::<Vec<_>>())
        },
        |rows| {
            for (cells, g) in rows {
                fgb.feature_begin(idx)?;
                fgb.properties_begin()?;
                for (j, ((c, k), key)) in cells.iter().zip(&kinds).zip(&keys).enumerate() {
                    let date;
                    let text;
                    let v = match (c, k) {
                        (Cell::Empty, _) => continue,
                        (Cell::Number(v, _), Kind::Number { .. }) if v.is_finite() => {
                            ColumnValue::Double(*v)
                        }
                        (Cell::Number(..), _) => continue,
                        (Cell::Int(i), Kind::Number { .. }) => ColumnValue::Double(*i as f64),
                        (Cell::Int(i), Kind::Int) => ColumnValue::Long(*i),
                        (Cell::Bool(b), Kind::Bool) => ColumnValue::Bool(*b),
                        (Cell::Date(d), Kind::Date) => {
                            date = d.to_string();
                            ColumnValue::DateTime(&date)
                        }
                        (Cell::Text(s), _) => ColumnValue::String(s),
                        (other, _) => {
                            text = other.to_text();
                            ColumnValue::String(&text)
                        }
                    };
                    fgb.property(j, key, &v)?;
                }
                fgb.properties_end()?;
                if let Some(g) = g {
                    fgb.geometry_begin()?;
                    g.process_geom(&mut fgb)?;
                    fgb.geometry_end()?;
                }
                fgb.feature_end(idx)?;
                idx += 1;
            }
            Ok(())
        },
    )
    .map_err(err)?;
    let mut f = AtomicFile::create(path)?;
    fgb.write(f.writer()).map_err(|e| err(e.into()))?;
    f.commit()
}
