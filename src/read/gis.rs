//! GeoPackage (`.gpkg`, the first feature layer, or the one named as `sheet`) and
//! FlatGeobuf (`.fgb`) layers: what `parkscope --format gpkg,fgb` writes, read back, and
//! what GIS software exports. Both declare their CRS (an EPSG code); text is UTF-8.

use std::path::Path;

use super::{display_name, RawFeature, RawLayer, RawValue, ReadOptions};
use crate::error::{Error, Result};

/// Reads one GeoPackage layer.
#[cfg(feature = "gpkg")]
pub(super) fn read_gpkg(path: &Path, opts: &ReadOptions) -> Result<RawLayer> {
    use geozero::ToGeo;
    use rusqlite::types::ValueRef;
    let file = display_name(path);
    let bad = |e: rusqlite::Error| Error::in_file(&file, format!("not a readable GeoPackage: {e}"));
    let db =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(bad)?;
    let layers: Vec<(String, String)> = db
        .prepare("SELECT table_name, data_type FROM gpkg_contents ORDER BY rowid")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(bad)?;
    let table = match &opts.sheet {
        Some(name) => layers
            .iter()
            .find(|(t, _)| t == name)
            .map(|(t, _)| t.clone())
            .ok_or_else(|| {
                Error::in_file(
                    &file,
                    format!("no layer {name} (layers: {})", names(&layers)),
                )
            })?,
        None => layers
            .iter()
            .find(|(_, k)| k == "features")
            .or(layers.first())
            .map(|(t, _)| t.clone())
            .ok_or_else(|| Error::in_file(&file, "the GeoPackage holds no layer"))?,
    };
    let geom_col: Option<(String, i64)> = db
        .query_row(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?1",
            [&table],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    let declared_crs = match &geom_col {
        Some((_, srs)) => db
            .query_row(
                "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?1",
                [srs],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)),
            )
            .ok()
            .map(|(org, code, def)| {
                if org.eq_ignore_ascii_case("epsg") {
                    format!("EPSG:{code}")
                } else {
                    def
                }
            }),
        None => None,
    };
    let quoted = format!("\"{}\"", table.replace('"', "\"\""));
    let mut stmt = db
        .prepare(&format!("SELECT * FROM {quoted}"))
        .map_err(bad)?;
    let columns: Vec<String> = stmt
        .column_names()
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let types: Vec<String> = db
        .prepare(&format!("PRAGMA table_info({quoted})"))
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(2))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(bad)?;
    let pk = db
        .prepare(&format!("PRAGMA table_info({quoted})"))
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(5)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(bad)?
        .into_iter()
        .find(|(_, pk)| *pk > 0)
        .map(|(n, _)| n);
    let geom_idx = geom_col
        .as_ref()
        .and_then(|(g, _)| columns.iter().position(|c| c == g));
    let keep: Vec<usize> = (0..columns.len())
        .filter(|i| Some(*i) != geom_idx && Some(&columns[*i]) != pk.as_ref())
        .collect();
    let fields: Vec<String> = keep.iter().map(|i| columns[*i].clone()).collect();
    let mut features = Vec::new();
    let mut rows = stmt.query([]).map_err(bad)?;
    let mut number = 0;
    while let Some(row) = rows.next().map_err(bad)? {
        number += 1;
        let geometry = match geom_idx {
            Some(g) => match row.get_ref(g).map_err(bad)? {
                ValueRef::Blob(b) => geozero::wkb::GpkgWkb(b.to_vec()).to_geo().ok(),
                _ => None,
            },
            None => None,
        };
        let values = keep
            .iter()
            .map(|i| {
                let boolean = types
                    .get(*i)
                    .is_some_and(|t| t.eq_ignore_ascii_case("BOOLEAN"));
                Ok(match row.get_ref(*i)? {
                    ValueRef::Null => RawValue::Null,
                    ValueRef::Integer(v) if boolean => RawValue::Bool(v != 0),
                    ValueRef::Integer(v) => RawValue::Number(v as f64),
                    ValueRef::Real(v) => RawValue::Number(v),
                    ValueRef::Text(t) => RawValue::Text(String::from_utf8_lossy(t).as_ref().into()),
                    ValueRef::Blob(_) => RawValue::Null,
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(bad)?;
        features.push(RawFeature {
            number,
            geometry,
            values,
        });
    }
    Ok(RawLayer {
        path: path.to_path_buf(),
        declared_crs,
        fields,
        count: features.len(),
        features,
        problems: Vec::new(),
        encoding: Some("UTF-8"),
    })
}

#[cfg(feature = "gpkg")]
fn names(layers: &[(String, String)]) -> String {
    layers
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a FlatGeobuf file.
#[cfg(feature = "fgb")]
pub(super) fn read_fgb(path: &Path) -> Result<RawLayer> {
    use flatgeobuf::{FallibleStreamingIterator, FeatureProperties, FgbReader};
    use geozero::ToGeo;
    let file = display_name(path);
    let bad = |e: flatgeobuf::Error| {
        Error::in_file(&file, format!("not a readable FlatGeobuf file: {e}"))
    };
    let f = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let reader = FgbReader::open(std::io::BufReader::new(f)).map_err(bad)?;
    let header = reader.header();
    let fields: Vec<String> = header
        .columns()
        .map(|cs| cs.iter().map(|c| c.name().to_owned()).collect())
        .unwrap_or_default();
    let declared_crs = header
        .crs()
        .filter(|c| c.code() > 0)
        .map(|c| format!("EPSG:{}", c.code()));
    let mut iter = reader.select_all().map_err(bad)?;
    let mut features = Vec::new();
    let mut number = 0;
    while let Some(feature) = iter.next().map_err(bad)? {
        number += 1;
        let mut props = Props {
            values: vec![RawValue::Null; fields.len()],
        };
        feature
            .process_properties(&mut props)
            .map_err(|e| Error::in_file(&file, format!("feature {number}: {e}")))?;
        let geometry = feature.to_geo().ok();
        features.push(RawFeature {
            number,
            geometry,
            values: props.values,
        });
    }
    Ok(RawLayer {
        path: path.to_path_buf(),
        declared_crs,
        fields,
        count: features.len(),
        features,
        problems: Vec::new(),
        encoding: Some("UTF-8"),
    })
}

/// Collects a FlatGeobuf feature's properties by column index.
#[cfg(feature = "fgb")]
struct Props {
    values: Vec<RawValue>,
}

#[cfg(feature = "fgb")]
impl geozero::PropertyProcessor for Props {
    fn property(
        &mut self,
        i: usize,
        _name: &str,
        v: &geozero::ColumnValue,
    ) -> geozero::error::Result<bool> {
        use geozero::ColumnValue as C;
        let value = match v {
            C::Bool(b) => RawValue::Bool(*b),
            C::Byte(x) => RawValue::Number(f64::from(*x)),
            C::UByte(x) => RawValue::Number(f64::from(*x)),
            C::Short(x) => RawValue::Number(f64::from(*x)),
            C::UShort(x) => RawValue::Number(f64::from(*x)),
            C::Int(x) => RawValue::Number(f64::from(*x)),
            C::UInt(x) => RawValue::Number(f64::from(*x)),
            C::Long(x) => RawValue::Number(*x as f64),
            C::ULong(x) => RawValue::Number(*x as f64),
            C::Float(x) => RawValue::Number(f64::from(*x)),
            C::Double(x) => RawValue::Number(*x),
            C::String(s) | C::Json(s) | C::DateTime(s) => RawValue::Text((*s).into()),
            C::Binary(_) => RawValue::Null,
        };
        if let Some(slot) = self.values.get_mut(i) {
            *slot = value;
        }
        Ok(false)
    }
}
