//! One tile's pieces as a Mapbox Vector Tile (spec 2.1), encoded by the `mvt` crate: a
//! layer per tile layer that has pieces there, each feature with its id and its classes as
//! unsigned integer tags, coordinates rounded to the tile's [`EXTENT`] grid.

use geo::{Coord, Geometry, LineString, Polygon};
use mvt::{GeomEncoder, GeomType, Tile};

use super::tiling::{Grid, Kind, Piece, TileLayer, EXTENT};
use crate::error::{Error, Result};

/// Encodes the pieces of tile (`x`, `y`) at `grid`'s zoom, sorted by layer then feature.
///
/// # Errors
/// A coordinate the encoder refuses (not finite); an internal encoding error.
pub fn encode_tile(
    layers: &[TileLayer],
    pieces: &[Piece],
    grid: &Grid,
    (x, y): (u32, u32),
) -> Result<Vec<u8>> {
    let mut tile = Tile::new(EXTENT);
    let scale = f64::from(EXTENT) / grid.tile;
    let origin = Coord {
        x: f64::from(x) * grid.tile,
        y: f64::from(y) * grid.tile,
    };
    let to_tile = |c: &Coord<f64>| {
        (
            ((c.x - origin.x) * scale).round(),
            ((c.y - origin.y) * scale).round(),
        )
    };
    for group in pieces.chunk_by(|a, b| a.layer == b.layer) {
        let tl = &layers[group[0].layer as usize];
        let mut layer = tile.create_layer(&tl.name);
        for p in group {
            let Some(data) = geometry(&p.geometry, tl.kind, &to_tile).map_err(mvt_error)? else {
                continue;
            };
            let f = &tl.features[p.feature as usize];
            let mut feature = layer.into_feature(data);
            feature.set_id(f.id);
            for (k, v) in tl.keys.iter().zip(&f.attrs) {
                feature.add_tag_uint(k, u64::from(*v));
            }
            layer = feature.into_layer();
        }
        if layer.num_features() > 0 {
            tile.add_layer(layer).map_err(mvt_error)?;
        }
    }
    tile.to_bytes().map_err(mvt_error)
}

fn mvt_error(e: mvt::Error) -> Error {
    Error::Internal(format!("vector tile encoding: {e}"))
}

type ToTile<'a> = &'a dyn Fn(&Coord<f64>) -> (f64, f64);

/// The encoded geometry, or `None` when nothing of it is left on the grid.
fn geometry(
    g: &Geometry<f64>,
    kind: Kind,
    to_tile: ToTile<'_>,
) -> std::result::Result<Option<mvt::GeomData>, mvt::Error> {
    let mut enc = match kind {
        Kind::Polygon => GeomEncoder::new(GeomType::Polygon),
        Kind::Line => GeomEncoder::new(GeomType::Linestring),
        Kind::Point => GeomEncoder::new(GeomType::Point),
    };
    let mut any = false;
    match g {
        Geometry::Polygon(p) => any |= polygon(&mut enc, p, to_tile)?,
        Geometry::MultiPolygon(mp) => {
            for p in mp {
                any |= polygon(&mut enc, p, to_tile)?;
            }
        }
        Geometry::LineString(l) => any |= line(&mut enc, l, to_tile)?,
        Geometry::MultiLineString(ml) => {
            for l in ml {
                any |= line(&mut enc, l, to_tile)?;
            }
        }
        Geometry::Point(p) => {
            let (x, y) = to_tile(&p.0);
            enc.add_point(x, y)?;
            any = true;
        }
        Geometry::MultiPoint(mp) => {
            for p in mp {
                let (x, y) = to_tile(&p.0);
                enc.add_point(x, y)?;
                any = true;
            }
        }
        _ => {}
    }
    if !any {
        return Ok(None);
    }
    let data = enc.encode()?;
    Ok((!data.is_empty()).then_some(data))
}

/// A ring on the grid: consecutive repeats dropped, the closing point left off; `None` when
/// fewer than three points or no area are left.
fn grid_ring(ring: &LineString<f64>, to_tile: ToTile<'_>) -> Option<Vec<(f64, f64)>> {
    let mut pts: Vec<(f64, f64)> = Vec::with_capacity(ring.0.len());
    for c in &ring.0 {
        let p = to_tile(c);
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }
    if pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    if pts.len() < 3 {
        return None;
    }
    let twice_area: f64 = (0..pts.len())
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    (twice_area != 0.0).then_some(pts)
}

fn polygon(
    enc: &mut GeomEncoder<f64>,
    p: &Polygon<f64>,
    to_tile: ToTile<'_>,
) -> std::result::Result<bool, mvt::Error> {
    let Some(shell) = grid_ring(p.exterior(), to_tile) else {
        return Ok(false);
    };
    for ring in
        std::iter::once(shell).chain(p.interiors().iter().filter_map(|r| grid_ring(r, to_tile)))
    {
        for (x, y) in ring {
            enc.add_point(x, y)?;
        }
        enc.complete_geom()?;
    }
    Ok(true)
}

fn line(
    enc: &mut GeomEncoder<f64>,
    l: &LineString<f64>,
    to_tile: ToTile<'_>,
) -> std::result::Result<bool, mvt::Error> {
    let mut pts: Vec<(f64, f64)> = Vec::with_capacity(l.0.len());
    for c in &l.0 {
        let p = to_tile(c);
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }
    if pts.len() < 2 {
        return Ok(false);
    }
    for (x, y) in pts {
        enc.add_point(x, y)?;
    }
    enc.complete_geom()?;
    Ok(true)
}
