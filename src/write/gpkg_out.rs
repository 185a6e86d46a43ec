//! GeoPackage output (OGC 12-128r18, version 1.3): one SQLite file holding every table of a
//! command as a layer — features with their CRS in `gpkg_spatial_ref_sys` and an R-tree
//! spatial index, attribute tables for those without geometry. SQLite is rusqlite's
//! bundled build (compiled from C; no system library); geometry blobs are GeoPackage WKB
//! from geozero.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use geo::{BoundingRect, Geometry};
use geozero::{CoordDimensions, ToWkb};
use rusqlite::{params_from_iter, types::Value, Connection};

use super::column_types::{column_stats, Kind};
use super::format::ShpEncoding;
use super::rows::in_order_chunks;
use super::space::Prepare;
use super::{gis_crs, Cell, OutputOptions, Rows};
use crate::crs::Crs;
use crate::error::{Error, Result};
use crate::model::geometry::rect_union;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Writes `tables` as the layers of the GeoPackage at `path`.
pub(super) fn write_gpkg(
    path: &Path,
    tables: &[&dyn Rows],
    opts: &OutputOptions,
    stamp: &str,
) -> Result<()> {
    let temp = TempDb::new(path)?;
    let err = |e: rusqlite::Error| Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let mut db = Connection::open(&temp.path).map_err(err)?;
    db.execute_batch(
        "PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;
         PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;",
    )
    .map_err(err)?;
    db.execute_batch(SCHEMA).map_err(err)?;
    let mut srs_done: Vec<i64> = Vec::new();
    for t in tables {
        let crs = gis_crs(*t, opts);
        let srs = if t.spatial() { srs_id(&crs) } else { 0 };
        if t.spatial() && !srs_done.contains(&srs) && srs > 0 {
            add_srs(&db, srs, &crs).map_err(err)?;
            srs_done.push(srs);
        }
        write_layer(&mut db, *t, &crs, srs, stamp).map_err(|e| Error::Write {
            path: path.to_path_buf(),
            reason: format!("layer {}: {e}", t.name()),
        })?;
    }
    db.close().map_err(|(_, e)| err(e))?;
    temp.commit()
}

/// The `srs_id` of a CRS: its EPSG code; 4326 for lon/lat.
fn srs_id(crs: &Crs) -> i64 {
    match crs {
        Crs::Projected(p) => p.epsg.map(i64::from).unwrap_or(999_999),
        _ => 4326,
    }
}

fn add_srs(db: &Connection, id: i64, crs: &Crs) -> rusqlite::Result<()> {
    if id == 4326 {
        return Ok(()); // in the schema already
    }
    let (name, def) = match crs {
        Crs::Projected(p) => {
            let def = p
                .epsg
                .and_then(|c| u16::try_from(c).ok())
                .and_then(crs_definitions::from_code)
                .map(|d| d.wkt.to_owned())
                .unwrap_or_else(|| super::esri_wkt::esri_wkt(crs));
            (crs.name(), def)
        }
        _ => (crs.name(), String::new()),
    };
    let (org, code) = match crs {
        Crs::Projected(p) if p.epsg.is_some() => ("EPSG", id),
        _ => ("NONE", id),
    };
    db.execute(
        "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![name, id, org, code, def, crs.name()],
    )?;
    Ok(())
}

/// A quoted SQL identifier.
fn ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn geometry_type_name(g: &Geometry<f64>) -> &'static str {
    match g {
        Geometry::Point(_) => "POINT",
        Geometry::MultiPoint(_) => "MULTIPOINT",
        Geometry::LineString(_) | Geometry::Line(_) => "LINESTRING",
        Geometry::MultiLineString(_) => "MULTILINESTRING",
        Geometry::Polygon(_) | Geometry::Rect(_) | Geometry::Triangle(_) => "POLYGON",
        Geometry::MultiPolygon(_) => "MULTIPOLYGON",
        Geometry::GeometryCollection(_) => "GEOMETRYCOLLECTION",
    }
}

/// A made-valid polygon may come out as a MultiPolygon: a table of polygons is declared
/// as multi so every row fits.
fn promote(g: Geometry<f64>, multi_polygons: bool) -> Geometry<f64> {
    match g {
        Geometry::Polygon(p) if multi_polygons => {
            Geometry::MultiPolygon(geo::MultiPolygon(vec![p]))
        }
        other => other,
    }
}

fn write_layer(
    db: &mut Connection,
    t: &dyn Rows,
    crs: &Crs,
    srs: i64,
    stamp: &str,
) -> std::result::Result<(), BoxError> {
    let stats = column_stats(t, ShpEncoding::Utf8)?;
    let name = t.name();
    let kinds: Vec<Kind> = stats.iter().map(|s| s.kind).collect();
    let mut cols = vec!["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL".to_owned()];
    let first = (0..t.len()).find_map(|i| t.geometry(i));
    let gtype = match first.as_deref() {
        Some(Geometry::Polygon(_)) | Some(Geometry::MultiPolygon(_)) => "MULTIPOLYGON",
        Some(g) => geometry_type_name(g),
        None => "GEOMETRY",
    };
    let multi_polygons = gtype == "MULTIPOLYGON";
    if t.spatial() {
        cols.push(format!("geom {gtype}"));
    }
    for (c, k) in t.columns().iter().zip(&kinds) {
        let ty = match k {
            Kind::Empty | Kind::Text => "TEXT",
            Kind::Number { .. } => "REAL",
            Kind::Int => "INTEGER",
            Kind::Bool => "BOOLEAN",
            Kind::Date => "DATE",
        };
        cols.push(format!("{} {ty}", ident(&c.key)));
    }
    let tx = db.transaction()?;
    tx.execute_batch(&format!(
        "CREATE TABLE {} ({});",
        ident(name),
        cols.join(", ")
    ))?;
    let n_values = t.columns().len() + usize::from(t.spatial());
    let placeholders = vec!["?"; n_values].join(", ");
    let names: Vec<String> = t
        .spatial()
        .then(|| "geom".to_owned())
        .into_iter()
        .chain(t.columns().iter().map(|c| ident(&c.key)))
        .collect();
    let prepare = Prepare::new(t.space(), crs);
    let mut extent: Option<geo::Rect<f64>> = None;
    {
        let mut insert = tx.prepare(&format!(
            "INSERT INTO {} ({}) VALUES ({placeholders})",
            ident(name),
            names.join(", ")
        ))?;
        let mut rtree = if t.spatial() {
            tx.execute_batch(&format!(
                "CREATE VIRTUAL TABLE {} USING rtree(id, minx, maxx, miny, maxy);",
                ident(&format!("rtree_{name}_geom"))
            ))?;
            Some(tx.prepare(&format!(
                "INSERT INTO {} VALUES (?1, ?2, ?3, ?4, ?5)",
                ident(&format!("rtree_{name}_geom"))
            ))?)
        } else {
            None
        };
        let mut fid: i64 = 0;
        in_order_chunks::<_, BoxError>(
            t.len(),
            |rows| {
                rows.map(|i| {
                    let mut values: Vec<Value> = Vec::with_capacity(n_values);
                    let mut bbox = None;
                    if t.spatial() {
                        let g = t
                            .geometry(i)
                            .and_then(|g| prepare.apply(g))
                            .map(|g| promote(Cow::into_owned(g), multi_polygons));
                        match g {
                            Some(g) => {
                                let r = g.bounding_rect();
                                let env = r
                                    .map(|r| vec![r.min().x, r.max().x, r.min().y, r.max().y])
                                    .unwrap_or_default();
                                let blob =
                                    g.to_gpkg_wkb(CoordDimensions::xy(), Some(srs as i32), env)?;
                                bbox = r;
                                values.push(Value::Blob(blob));
                            }
                            None => values.push(Value::Null),
                        }
                    }
                    for (c, k) in t.row(i).iter().zip(&kinds) {
                        values.push(value(c, *k));
                    }
                    Ok((values, bbox))
                })
                .collect::<std::result::Result<Vec<_>, BoxError>>()
            },
            |rows| {
                for (values, bbox) in rows {
                    insert.execute(params_from_iter(values.iter()))?;
                    fid += 1;
                    if let (Some(r), Some(rt)) = (bbox, rtree.as_mut()) {
                        rt.execute(rusqlite::params![
                            fid,
                            r.min().x,
                            r.max().x,
                            r.min().y,
                            r.max().y
                        ])?;
                        extent = Some(match extent {
                            Some(e) => rect_union(e, r),
                            None => r,
                        });
                    }
                }
                Ok(())
            },
        )?;
    }
    let (minx, miny, maxx, maxy) = extent
        .map(|e| {
            (
                Some(e.min().x),
                Some(e.min().y),
                Some(e.max().x),
                Some(e.max().y),
            )
        })
        .unwrap_or((None, None, None, None));
    let data_type = if t.spatial() {
        "features"
    } else {
        "attributes"
    };
    tx.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?1, ?2, ?1, '', ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![name, data_type, stamp, minx, miny, maxx, maxy, t.spatial().then_some(srs)],
    )?;
    if t.spatial() {
        tx.execute(
            "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?1, 'geom', ?2, ?3, 0, 0)",
            rusqlite::params![name, gtype, srs],
        )?;
        tx.execute(
            "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES (?1, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
            rusqlite::params![name],
        )?;
        tx.execute_batch(&rtree_triggers(name))?;
    }
    tx.commit()?;
    Ok(())
}

/// A cell as an SQLite value of the column's type.
fn value(c: &Cell, k: Kind) -> Value {
    match (c, k) {
        (Cell::Empty, _) => Value::Null,
        (Cell::Number(v, _), Kind::Number { .. }) if v.is_finite() => Value::Real(*v),
        (Cell::Number(..), Kind::Number { .. }) => Value::Null,
        (Cell::Int(i), Kind::Number { .. }) => Value::Real(*i as f64),
        (Cell::Int(i), Kind::Int) => Value::Integer(*i),
        (Cell::Bool(b), Kind::Bool) => Value::Integer(i64::from(*b)),
        (Cell::Date(d), Kind::Date) => Value::Text(d.to_string()),
        (Cell::Text(s), _) => Value::Text(s.clone()),
        (other, _) => Value::Text(other.to_text()),
    }
}

/// The triggers that keep the R-tree in step when the layer is edited (GeoPackage 1.3,
/// annex F.3; the ST_ functions are those GIS software registers when it opens the file).
fn rtree_triggers(t: &str) -> String {
    let r = ident(&format!("rtree_{t}_geom"));
    let q = ident(t);
    let tr = |suffix: &str| ident(&format!("rtree_{t}_geom_{suffix}"));
    let vals =
        "NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)";
    format!(
        "CREATE TRIGGER {i} AFTER INSERT ON {q} WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN INSERT OR REPLACE INTO {r} VALUES ({vals}); END;
CREATE TRIGGER {u1} AFTER UPDATE OF geom ON {q} WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN INSERT OR REPLACE INTO {r} VALUES ({vals}); END;
CREATE TRIGGER {u2} AFTER UPDATE OF geom ON {q} WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM {r} WHERE id = OLD.fid; END;
CREATE TRIGGER {u3} AFTER UPDATE ON {q} WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM {r} WHERE id = OLD.fid; INSERT OR REPLACE INTO {r} VALUES ({vals}); END;
CREATE TRIGGER {u4} AFTER UPDATE ON {q} WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM {r} WHERE id IN (OLD.fid, NEW.fid); END;
CREATE TRIGGER {d} AFTER DELETE ON {q} WHEN old.geom NOT NULL BEGIN DELETE FROM {r} WHERE id = OLD.fid; END;",
        i = tr("insert"),
        u1 = tr("update1"),
        u2 = tr("update2"),
        u3 = tr("update3"),
        u4 = tr("update4"),
        d = tr("delete"),
    )
}

/// The tables every GeoPackage has, with the three CRS rows the standard requires.
const SCHEMA: &str = "
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
";

/// The database is built beside its target under a temporary name and renamed into place
/// when complete; dropped unfinished, it is deleted.
struct TempDb {
    target: PathBuf,
    path: PathBuf,
    done: bool,
}

impl TempDb {
    fn new(target: &Path) -> Result<TempDb> {
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Write {
                path: target.to_path_buf(),
                reason: e.to_string(),
            })?;
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let _ = std::fs::remove_file(&path);
        Ok(TempDb {
            target: target.to_path_buf(),
            path,
            done: false,
        })
    }

    fn commit(mut self) -> Result<()> {
        std::fs::rename(&self.path, &self.target).map_err(|e| Error::Write {
            path: self.target.clone(),
            reason: e.to_string(),
        })?;
        self.done = true;
        Ok(())
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
