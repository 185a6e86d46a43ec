//! ESRI Shapefile: `.shp` + `.dbf`, the CRS from `.prj`, the text encoding from `.cpg`,
//! else from the DBF language-driver byte, else the project file, else a guess.
//!
//! The shapefile crate's own `.cpg` handling knows only a few labels ("GBK", "936",
//! "UTF-8") and falls back to lossy CP1252 otherwise, which turns GB2312, GB18030 and
//! label-less ArcGIS files (LDID 0x4D) into mojibake. We pick the encoding ourselves.

use std::io::Cursor;
use std::path::Path;

use super::encoding::{encoding_for_label, encoding_for_ldid};
use super::{display_name, read_bytes, RawFeature, RawLayer, RawValue, ReadOptions};
use crate::error::{Error, Problem, Result, Severity};

/// Reads a shapefile with its attributes.
pub(super) fn read(path: &Path, opts: &ReadOptions) -> Result<RawLayer> {
    let file = display_name(path);
    let shp = read_bytes(path)?;
    let dbf_path = path.with_extension("dbf");
    let dbf = read_bytes(&dbf_path).map_err(|_| {
        Error::in_file(
            &file,
            format!("the attribute file {} is missing", display_name(&dbf_path)),
        )
    })?;
    let declared_crs = std::fs::read(path.with_extension("prj"))
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .filter(|s| !s.is_empty());
    let (encoding, _source) = choose_encoding(path, &dbf, opts)?;
    let scanned = super::shp_scan::scan(&shp)
        .map_err(|why| Error::in_file(&file, format!("not a valid shapefile: {why}")))?;
    let mut problems = Vec::new();
    if let Some(why) = &scanned.cut {
        problems.push(Problem::new(Severity::Rejected, None, why.clone()));
    }
    // The number of records the .dbf header declares.
    let dbf_records = dbf
        .get(4..8)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    if let Some(n) = dbf_records
        .filter(|n| *n < scanned.records || (*n > scanned.records && scanned.cut.is_none()))
    {
        let dbf_name = display_name(&dbf_path);
        let why = if n < scanned.records {
            format!(
                "{dbf_name} has {n} records for {} shapes: shapes {}–{} have no attributes and were not read",
                scanned.records,
                n + 1,
                scanned.records
            )
        } else {
            format!(
                "{dbf_name} has {n} records for {} shapes: records {}–{n} have no shape and were not read",
                scanned.records,
                scanned.records + 1
            )
        };
        problems.push(Problem::new(Severity::Rejected, None, why));
    }
    let shp = scanned.bytes;

    let dbf_reader = dbase::ReaderBuilder::new()
        .with_encoding(dbase::encoding::EncodingRs::from(encoding))
        .build(Cursor::new(dbf))
        .map_err(|e| Error::in_file(&file, format!("cannot read the attribute table: {e}")))?;
    let fields: Vec<String> = dbf_reader
        .fields()
        .iter()
        .map(|f| f.name().to_owned())
        .collect();
    let shape_reader = shapefile::ShapeReader::new(Cursor::new(shp))
        .map_err(|e| Error::in_file(&file, format!("not a valid shapefile: {e}")))?;
    let mut reader = shapefile::Reader::new(shape_reader, dbf_reader);

    let mut features = Vec::new();
    let mut count = 0;
    for (i, item) in reader.iter_shapes_and_records().enumerate() {
        count += 1;
        let number = i + 1;
        let (shape, record) = match item {
            Ok(x) => x,
            Err(e) => {
                // The reader cannot find the next record after one it could not read.
                problems.push(Problem::new(
                    Severity::Rejected,
                    Some(number),
                    format!("unreadable record: {e}; the records after it were not read"),
                ));
                break;
            }
        };
        let geometry = match shape {
            shapefile::Shape::NullShape => None,
            shapefile::Shape::Polygon(p) => Some(organize_rings(
                p.rings()
                    .iter()
                    .map(|r| r.points().iter().map(|q| (q.x, q.y)).collect())
                    .collect(),
            )),
            shapefile::Shape::PolygonZ(p) => Some(organize_rings(
                p.rings()
                    .iter()
                    .map(|r| r.points().iter().map(|q| (q.x, q.y)).collect())
                    .collect(),
            )),
            shapefile::Shape::PolygonM(p) => Some(organize_rings(
                p.rings()
                    .iter()
                    .map(|r| r.points().iter().map(|q| (q.x, q.y)).collect())
                    .collect(),
            )),
            s => match geo::Geometry::<f64>::try_from(s) {
                Ok(g) => Some(g),
                Err(e) => {
                    problems.push(Problem::new(
                        Severity::Rejected,
                        Some(number),
                        format!("unsupported shape: {e:?}"),
                    ));
                    continue;
                }
            },
        };
        let values = fields
            .iter()
            .map(|f| record.get(f).map(field_value).unwrap_or(RawValue::Null))
            .collect();
        features.push(RawFeature {
            number,
            geometry,
            values,
        });
    }
    let count = count.max(scanned.records).max(dbf_records.unwrap_or(0));
    Ok(RawLayer {
        path: path.to_path_buf(),
        declared_crs,
        fields,
        features,
        problems,
        count,
        encoding: Some(encoding.name()),
    })
}

/// The DBF text encoding, and where it came from.
fn choose_encoding(
    path: &Path,
    dbf: &[u8],
    opts: &ReadOptions,
) -> Result<(&'static encoding_rs::Encoding, &'static str)> {
    let file = display_name(path);
    if let Ok(label) = std::fs::read_to_string(path.with_extension("cpg")) {
        if let Some(enc) = encoding_for_label(&label) {
            return Ok((enc, ".cpg"));
        }
    }
    if let Some(enc) = dbf.get(29).copied().and_then(encoding_for_ldid) {
        return Ok((enc, "language driver"));
    }
    if let Some(label) = &opts.encoding {
        return encoding_for_label(label)
            .map(|e| (e, "project file"))
            .ok_or_else(|| Error::in_file(&file, format!("unknown encoding {label}")));
    }
    // No declaration: valid UTF-8 records are UTF-8, anything else is taken as GBK.
    let header_len = dbf
        .get(8..10)
        .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
        .unwrap_or(0);
    let body = dbf.get(header_len.min(dbf.len())..).unwrap_or_default();
    if std::str::from_utf8(body).is_ok() {
        Ok((encoding_rs::UTF_8, "guess"))
    } else {
        Ok((encoding_rs::GBK, "guess"))
    }
}

fn field_value(v: &dbase::FieldValue) -> RawValue {
    use dbase::FieldValue as F;
    match v {
        F::Character(Some(s)) | F::Memo(s) => RawValue::Text(s.trim().into()),
        F::Numeric(Some(n)) | F::Double(n) | F::Currency(n) => RawValue::Number(*n),
        F::Float(Some(n)) => RawValue::Number(f64::from(*n)),
        F::Integer(n) => RawValue::Number(f64::from(*n)),
        F::Logical(Some(b)) => RawValue::Bool(*b),
        F::Date(Some(d)) => chrono::NaiveDate::from_ymd_opt(d.year() as i32, d.month(), d.day())
            .map(RawValue::Date)
            .unwrap_or(RawValue::Null),
        _ => RawValue::Null,
    }
}

/// Builds polygons from shapefile rings by containment, not by winding order: real files
/// write rings in either orientation (the format says outer rings run clockwise). Rings
/// are taken largest first; a ring inside an outer ring (and not inside one of its holes)
/// becomes a hole of it, any other ring a new outer ring — as GDAL organises them.
fn organize_rings(rings: Vec<Vec<(f64, f64)>>) -> geo::Geometry<f64> {
    use geo::{Area, Contains, LineString, Polygon};
    let mut rings: Vec<(f64, LineString<f64>)> = rings
        .into_iter()
        .map(|pts| {
            let ls = LineString::from(pts);
            (Polygon::new(ls.clone(), vec![]).unsigned_area(), ls)
        })
        .collect();
    rings.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut polygons: Vec<Polygon<f64>> = Vec::new();
    for (_, ring) in rings {
        let probe = ring.0.first().copied();
        let host = probe.and_then(|c| {
            let pt = geo::Point::from(c);
            polygons.iter().position(|p| {
                Polygon::new(p.exterior().clone(), vec![]).contains(&pt)
                    && !p
                        .interiors()
                        .iter()
                        .any(|h| Polygon::new(h.clone(), vec![]).contains(&pt))
            })
        });
        match host {
            Some(i) => polygons[i].interiors_push(ring),
            None => polygons.push(Polygon::new(ring, vec![])),
        }
    }
    if polygons.len() == 1 {
        geo::Geometry::Polygon(polygons.remove(0))
    } else {
        geo::Geometry::MultiPolygon(geo::MultiPolygon::new(polygons))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_organised_by_containment_whatever_their_winding() {
        let outer_ccw = vec![
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (0.0, 0.0),
        ];
        let hole_ccw = vec![(2.0, 2.0), (4.0, 2.0), (4.0, 4.0), (2.0, 4.0), (2.0, 2.0)];
        let island = vec![
            (20.0, 0.0),
            (21.0, 0.0),
            (21.0, 1.0),
            (20.0, 1.0),
            (20.0, 0.0),
        ];
        let g = organize_rings(vec![hole_ccw, island, outer_ccw]);
        let geo::Geometry::MultiPolygon(mp) = g else {
            panic!("two parts")
        };
        assert_eq!(mp.0.len(), 2);
        assert_eq!(mp.0[0].interiors().len(), 1);
        use geo::Area;
        assert!((mp.unsigned_area() - (100.0 - 4.0 + 1.0)).abs() < 1e-9);
    }
}
