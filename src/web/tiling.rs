//! Cutting layers into the tiles of one zoom level, the way tippecanoe and planetiler do:
//! each feature simplified once for the zoom (Ramer–Douglas–Peucker, a quarter pixel),
//! then clipped to every tile it reaches, with a buffer so that strokes and symbols cross
//! tile edges cleanly.
//!
//! # Features too small to see
//! A polygon or line whose bounding box is under one pixel on both axes at a zoom is not
//! drawn there on its own. Its area is added to its tile's "dust"; each time the dust of a
//! tile reaches one square pixel, the feature that tipped it is kept as a one-pixel square at
//! its centre with its own id and classes (tippecanoe's tiny-polygon reduction), so a
//! district of small parcels keeps its colour and density at low zoom. From the zoom on
//! which a feature spans a pixel it is always in its tiles, whole.
//!
//! # Dense tiles
//! A polygon or line layer holds at most a cap of features in a tile (tippecanoe's
//! `--maximum-tile-features` with `--coalesce-densest-as-needed`, and
//! `--drop-smallest-as-needed` for lines): where the densest tile of a zoom would hold
//! more, the layer's small features are coalesced into cells of 2, 4, 8 … pixels instead of
//! single pixels — the smallest cell that keeps every tile under the cap. A polygon under a
//! cell on both axes is then gathered into its cell's dust; a cell that completes a cell's
//! worth of dust is drawn as a square, with the id and classes of its largest feature. A
//! line under a cell is left out at that zoom. At the deepest zoom every feature is whole.
//!
//! Points are drawn as symbols at every zoom; of several points in the same pixel only the
//! first (lowest id) is kept, as the others would be drawn on top of it.

use std::collections::HashMap;

use geo::{Area, BooleanOps, Coord, Geometry, MultiLineString, MultiPolygon, Rect};
use geo::{BoundingRect, Simplify};
use rayon::prelude::*;

/// Pixels across a tile (the usual 256; tile coordinates run to [`EXTENT`]).
pub const TILE_PX: f64 = 256.0;
/// Tile coordinates across a tile.
pub const EXTENT: u32 = 4096;
/// Buffer around each tile, pixels (tippecanoe's default is 5).
pub const BUFFER_PX: f64 = 4.0;
/// Simplification tolerance, pixels.
const SIMPLIFY_PX: f64 = 0.25;
/// A feature is drawn on its own from the zoom where its bounding box spans this many
/// pixels on one axis.
pub const VISIBLE_PX: f64 = 1.0;
/// A hole is kept from the zoom at which it spans this many times a feature's least span.
const HOLE_SPANS: f64 = 2.0;
/// The coalescing cells tried for a dense layer, pixels (1: the tiny-polygon reduction
/// alone).
const CELLS_PX: [u32; 7] = [1, 2, 4, 8, 16, 32, 64];

/// What a layer's features are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Polygons and multipolygons.
    Polygon,
    /// Lines.
    Line,
    /// Points.
    Point,
}

/// One feature to tile, in the world square ([`super::world`]).
#[derive(Debug, Clone)]
pub struct Feature {
    /// Its id in the tiles: the row of its record.
    pub id: u64,
    /// Geometry, world coordinates.
    pub geometry: Geometry<f64>,
    /// Its bounding box.
    pub bbox: Rect<f64>,
    /// One value per key of its layer (classes for styling).
    pub attrs: Vec<u32>,
}

impl Feature {
    /// A feature; `None` for an empty geometry.
    pub fn new(id: u64, geometry: Geometry<f64>, attrs: Vec<u32>) -> Option<Feature> {
        let bbox = geometry.bounding_rect()?;
        Some(Feature {
            id,
            geometry,
            bbox,
            attrs,
        })
    }
}

/// A layer of the tiles.
#[derive(Debug, Clone)]
pub struct TileLayer {
    /// The layer's name in the tiles.
    pub name: String,
    /// What its features are.
    pub kind: Kind,
    /// The attribute keys, in the order of each feature's `attrs`.
    pub keys: Vec<String>,
    /// Its features.
    pub features: Vec<Feature>,
    /// The first zoom whose tiles hold the layer (its style draws it from there).
    pub minzoom: u8,
}

/// A feature's share of one tile.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Tile column and row.
    pub tile: (u32, u32),
    /// The layer (index).
    pub layer: u32,
    /// The feature (index in its layer).
    pub feature: u32,
    /// Geometry clipped to the buffered tile, world coordinates.
    pub geometry: Geometry<f64>,
}

/// Sizes at a zoom, world units.
#[derive(Debug, Clone, Copy)]
pub struct Grid {
    /// The zoom.
    pub z: u8,
    /// Tiles across the world.
    pub n: u32,
    /// A tile's width.
    pub tile: f64,
    /// A pixel's width.
    pub px: f64,
}

impl Grid {
    /// The grid of zoom `z`.
    pub fn new(z: u8) -> Grid {
        let n = 1u32 << z;
        let tile = 1.0 / f64::from(n);
        Grid {
            z,
            n,
            tile,
            px: tile / TILE_PX,
        }
    }

    fn index(&self, v: f64) -> u32 {
        ((v / self.tile).floor().max(0.0) as u32).min(self.n - 1)
    }

    /// The tile's bounds with the buffer.
    pub fn buffered(&self, x: u32, y: u32) -> Rect<f64> {
        let b = BUFFER_PX * self.px;
        let (x0, y0) = (f64::from(x) * self.tile, f64::from(y) * self.tile);
        Rect::new(
            Coord {
                x: x0 - b,
                y: y0 - b,
            },
            Coord {
                x: x0 + self.tile + b,
                y: y0 + self.tile + b,
            },
        )
    }

    /// The tiles whose buffered bounds meet `r`: columns and rows, inclusive.
    fn tiles_of(&self, r: &Rect<f64>) -> ((u32, u32), (u32, u32)) {
        let b = BUFFER_PX * self.px;
        (
            (self.index(r.min().x - b), self.index(r.max().x + b)),
            (self.index(r.min().y - b), self.index(r.max().y + b)),
        )
    }
}

/// How one zoom is cut.
#[derive(Debug, Clone, Copy)]
pub struct Cut {
    /// The zoom.
    pub z: u8,
    /// At most this many features of a polygon layer in a tile, unless `deepest`.
    pub max_features: usize,
    /// The deepest zoom: every feature whole, no cap.
    pub deepest: bool,
}

/// Every piece of every layer at a zoom, sorted by tile (row-major), then layer, then
/// feature; and per layer the coalescing cell used, pixels (0: layer not at this zoom).
pub fn pieces_at(layers: &[TileLayer], cut: Cut) -> (Vec<Piece>, Vec<u32>) {
    let grid = Grid::new(cut.z);
    let mut all: Vec<Piece> = Vec::new();
    let mut cells = Vec::with_capacity(layers.len());
    for (li, layer) in layers.iter().enumerate() {
        if cut.z < layer.minzoom {
            cells.push(0);
            continue;
        }
        let li = li as u32;
        let (mut pieces, cell) = match layer.kind {
            Kind::Point => (point_pieces(layer, li, &grid), 1),
            Kind::Line | Kind::Polygon => {
                let cell = if cut.deepest {
                    1
                } else {
                    cell_for(layer, &grid, cut.max_features)
                };
                (shape_pieces(layer, li, &grid, cell), cell)
            }
        };
        cells.push(cell);
        all.append(&mut pieces);
    }
    all.par_sort_unstable_by_key(|p| (p.tile.1, p.tile.0, p.layer, p.feature));
    (all, cells)
}

/// The smallest coalescing cell (pixels) with which no tile of the layer holds more than
/// `cap` features; the largest cell tried when none does.
fn cell_for(layer: &TileLayer, g: &Grid, cap: usize) -> u32 {
    if layer.features.len() <= cap {
        return 1;
    }
    for &cell in &CELLS_PX {
        let min_px = VISIBLE_PX * f64::from(cell);
        let mut per_tile: HashMap<(u32, u32), usize> = HashMap::new();
        let mut dust = Vec::new();
        for (i, f) in layer.features.iter().enumerate() {
            match speck(f, i as u32, g, min_px) {
                Some(s) => dust.push(s),
                None => {
                    let ((x0, x1), (y0, y1)) = g.tiles_of(&f.bbox);
                    for y in y0..=y1 {
                        for x in x0..=x1 {
                            *per_tile.entry((x, y)).or_default() += 1;
                        }
                    }
                }
            }
        }
        if layer.kind == Kind::Polygon {
            for (t, _, _) in dust_cells(dust, g, cell) {
                *per_tile.entry(t).or_default() += 1;
            }
        }
        if per_tile.values().all(|&n| n <= cap) {
            return cell;
        }
    }
    CELLS_PX[CELLS_PX.len() - 1]
}

/// Points: one per pixel, each in every tile whose buffer holds it.
fn point_pieces(layer: &TileLayer, li: u32, g: &Grid) -> Vec<Piece> {
    let per_axis = u64::from(g.n) * TILE_PX as u64;
    let mut cells: Vec<(u64, u32)> = layer
        .features
        .par_iter()
        .enumerate()
        .map(|(i, f)| {
            let c = f.bbox.min();
            let cx = ((c.x / g.px).floor().max(0.0) as u64).min(per_axis - 1);
            let cy = ((c.y / g.px).floor().max(0.0) as u64).min(per_axis - 1);
            (cy * per_axis + cx, i as u32)
        })
        .collect();
    cells.par_sort_unstable();
    cells.dedup_by_key(|c| c.0);
    cells
        .par_iter()
        .flat_map_iter(|&(_, i)| {
            let f = &layer.features[i as usize];
            let ((x0, x1), (y0, y1)) = g.tiles_of(&f.bbox);
            let mut out = Vec::new();
            for y in y0..=y1 {
                for x in x0..=x1 {
                    if let Some(geometry) = points_in(&f.geometry, &g.buffered(x, y)) {
                        out.push(Piece {
                            tile: (x, y),
                            layer: li,
                            feature: i,
                            geometry,
                        });
                    }
                }
            }
            out
        })
        .collect()
}

fn points_in(g: &Geometry<f64>, r: &Rect<f64>) -> Option<Geometry<f64>> {
    let inside = |c: &Coord<f64>| {
        c.x >= r.min().x && c.x <= r.max().x && c.y >= r.min().y && c.y <= r.max().y
    };
    match g {
        Geometry::Point(p) => inside(&p.0).then(|| g.clone()),
        Geometry::MultiPoint(mp) => {
            let kept: Vec<geo::Point<f64>> = mp.iter().filter(|p| inside(&p.0)).copied().collect();
            (!kept.is_empty()).then(|| Geometry::MultiPoint(kept.into()))
        }
        _ => None,
    }
}

/// What one polygon or line gives at a zoom: pieces, or a speck of dust.
enum Share {
    Pieces(Vec<Piece>),
    /// Too small to see.
    Dust(Speck),
}

/// Polygons and lines: simplified, clipped to each tile; features under `cell` pixels
/// gathered as dust (polygons) or left out (lines).
fn shape_pieces(layer: &TileLayer, li: u32, g: &Grid, cell: u32) -> Vec<Piece> {
    let min_px = VISIBLE_PX * f64::from(cell);
    let shares: Vec<Share> = layer
        .features
        .par_iter()
        .enumerate()
        .map(|(i, f)| share(f, layer.kind, li, i as u32, g, min_px))
        .collect();
    let mut pieces = Vec::new();
    let mut dust: Vec<Speck> = Vec::new();
    for s in shares {
        match s {
            Share::Pieces(mut p) => pieces.append(&mut p),
            Share::Dust(d) => dust.push(d),
        }
    }
    if layer.kind == Kind::Polygon {
        pieces.extend(dust_pieces(dust, li, g, cell));
    }
    pieces
}

/// The feature as a speck of dust when it is under `min_px` pixels on both axes.
fn speck(f: &Feature, fi: u32, g: &Grid, min_px: f64) -> Option<Speck> {
    let (w, h) = (f.bbox.width() / g.px, f.bbox.height() / g.px);
    (w.max(h) < min_px).then(|| {
        let area = f.geometry.unsigned_area() / (g.px * g.px);
        (fi, area, f.bbox.center())
    })
}

fn share(f: &Feature, kind: Kind, li: u32, fi: u32, g: &Grid, min_px: f64) -> Share {
    if let Some(s) = speck(f, fi, g, min_px) {
        return Share::Dust(s);
    }
    let simple = simplified(&f.geometry, SIMPLIFY_PX * g.px, min_px * g.px);
    let ((x0, x1), (y0, y1)) = g.tiles_of(&f.bbox);
    let mut out = Vec::new();
    let mut emit = |x: u32, y: u32, geometry: Geometry<f64>| {
        out.push(Piece {
            tile: (x, y),
            layer: li,
            feature: fi,
            geometry,
        })
    };
    if x0 == x1 || y0 == y1 {
        for y in y0..=y1 {
            for x in x0..=x1 {
                if let Some(p) = cut(&simple, &f.bbox, kind, &g.buffered(x, y)) {
                    emit(x, y, p);
                }
            }
        }
        return Share::Pieces(out);
    }
    // A feature over several rows and columns is cut into row strips first, then each
    // strip into tiles: each cut then handles only the part of the feature near it.
    for y in y0..=y1 {
        let row = g.buffered(x0, y);
        let strip = Rect::new(
            Coord {
                x: f.bbox.min().x.min(row.min().x),
                y: row.min().y,
            },
            Coord {
                x: f.bbox.max().x.max(row.max().x),
                y: row.max().y,
            },
        );
        let Some(part) = cut(&simple, &f.bbox, kind, &strip) else {
            continue;
        };
        let Some(pb) = part.bounding_rect() else {
            continue;
        };
        let ((px0, px1), _) = g.tiles_of(&pb);
        for x in px0..=px1 {
            if let Some(p) = cut(&part, &pb, kind, &g.buffered(x, y)) {
                emit(x, y, p);
            }
        }
    }
    Share::Pieces(out)
}

/// The part of `g` (bounding box `b`) inside `r`: itself when wholly inside, else clipped.
fn cut(g: &Geometry<f64>, b: &Rect<f64>, kind: Kind, r: &Rect<f64>) -> Option<Geometry<f64>> {
    let inside = r.min().x <= b.min().x
        && r.min().y <= b.min().y
        && r.max().x >= b.max().x
        && r.max().y >= b.max().y;
    let apart = r.max().x < b.min().x
        || r.max().y < b.min().y
        || r.min().x > b.max().x
        || r.min().y > b.max().y;
    if inside {
        Some(g.clone())
    } else if apart {
        None
    } else {
        clip(g, kind, r)
    }
}

/// A speck of dust: its feature, area in square pixels and centre.
type Speck = (u32, f64, Coord<f64>);

/// A dust cell: tile row and column, cell row and column.
type CellKey = (u64, u64, u64, u64);

/// Dust to cells of `cell` pixels: per tile, cells in row-major order, every cell's worth of
/// area gathered keeps the cell that completed it, with the largest feature in it (the
/// lowest on a tie). Returns (tile, feature, cell bounds).
fn dust_cells(dust: Vec<Speck>, g: &Grid, cell: u32) -> Vec<((u32, u32), u32, Rect<f64>)> {
    let side = g.px * f64::from(cell);
    let per_axis = (u64::from(g.n) * TILE_PX as u64 / u64::from(cell)).max(1);
    let of = |c: &Coord<f64>| {
        let i = |v: f64| ((v / side).floor().max(0.0) as u64).min(per_axis - 1);
        (i(c.y), i(c.x))
    };
    let per_tile = (TILE_PX as u64 / u64::from(cell)).max(1);
    let mut keyed: Vec<(CellKey, u32, f64)> = dust
        .into_iter()
        .map(|(fi, area, c)| {
            let (cy, cx) = of(&c);
            ((cy / per_tile, cx / per_tile, cy, cx), fi, area)
        })
        .collect();
    keyed.par_sort_unstable_by_key(|k| (k.0, k.1));
    let mut out = Vec::new();
    let mut acc = 0.0;
    let mut tile = None;
    let unit = f64::from(cell) * f64::from(cell);
    for group in keyed.chunk_by(|a, b| a.0 == b.0) {
        let (ty, tx, cy, cx) = group[0].0;
        if tile != Some((tx, ty)) {
            tile = Some((tx, ty));
            acc = 0.0;
        }
        let mut best = group[0];
        for k in group {
            acc += k.2 / unit;
            if k.2 > best.2 {
                best = *k;
            }
        }
        if acc >= 1.0 {
            acc -= 1.0;
            let (x0, y0) = (cx as f64 * side, cy as f64 * side);
            let r = Rect::new(
                Coord { x: x0, y: y0 },
                Coord {
                    x: x0 + side,
                    y: y0 + side,
                },
            );
            out.push(((tx as u32, ty as u32), best.1, r));
        }
    }
    out
}

/// Dust as pieces: each kept cell a square.
fn dust_pieces(dust: Vec<Speck>, li: u32, g: &Grid, cell: u32) -> Vec<Piece> {
    dust_cells(dust, g, cell)
        .into_iter()
        .map(|(tile, feature, r)| Piece {
            tile,
            layer: li,
            feature,
            geometry: super::world::oriented(Geometry::Polygon(r.to_polygon())),
        })
        .collect()
}

/// The geometry simplified by `eps`, without the parts under `min_span` on both axes and
/// the holes under [`HOLE_SPANS`] of it (tippecanoe's tiny-polygon reduction applies to
/// rings too; a hole of a pixel or two in a fill is not seen, and a polygon of thousands
/// of holes costs the browser seconds to triangulate); polygons whose shell would collapse
/// keep their shape.
fn simplified(g: &Geometry<f64>, eps: f64, min_span: f64) -> Geometry<f64> {
    let spans = |r: &geo::LineString<f64>, min: f64| {
        r.bounding_rect()
            .is_some_and(|b| b.width().max(b.height()) >= min)
    };
    let seen = |r: &geo::LineString<f64>| spans(r, min_span);
    let polygon = |p: &geo::Polygon<f64>| {
        let holes: Vec<geo::LineString<f64>> = p
            .interiors()
            .iter()
            .filter(|r| spans(r, HOLE_SPANS * min_span))
            .cloned()
            .collect();
        let p = geo::Polygon::new(p.exterior().clone(), holes);
        let s = p.simplify(eps);
        if s.exterior().0.len() >= 4 {
            s
        } else {
            p
        }
    };
    match g {
        Geometry::Polygon(p) => Geometry::Polygon(polygon(p)),
        Geometry::MultiPolygon(mp) => {
            let mut kept: Vec<geo::Polygon<f64>> = mp
                .iter()
                .filter(|p| seen(p.exterior()))
                .map(polygon)
                .collect();
            if kept.is_empty() {
                kept = mp.iter().map(polygon).collect();
            }
            Geometry::MultiPolygon(MultiPolygon(kept))
        }
        Geometry::LineString(l) => Geometry::LineString(l.simplify(eps)),
        Geometry::MultiLineString(l) => Geometry::MultiLineString(l.simplify(eps)),
        g => g.clone(),
    }
}

/// The part of a polygon or line inside `r` (geo's boolean operations); `None` when none.
fn clip(g: &Geometry<f64>, kind: Kind, r: &Rect<f64>) -> Option<Geometry<f64>> {
    let rect = r.to_polygon();
    match (kind, g) {
        (Kind::Polygon, Geometry::Polygon(p)) => non_empty_polygons(p.intersection(&rect)),
        (Kind::Polygon, Geometry::MultiPolygon(p)) => {
            non_empty_polygons(p.intersection(&MultiPolygon(vec![rect])))
        }
        (Kind::Line, Geometry::LineString(l)) => {
            non_empty_lines(rect.clip(&MultiLineString(vec![l.clone()]), false))
        }
        (Kind::Line, Geometry::MultiLineString(l)) => non_empty_lines(rect.clip(l, false)),
        _ => None,
    }
}

fn non_empty_polygons(mp: MultiPolygon<f64>) -> Option<Geometry<f64>> {
    (!mp.0.is_empty()).then(|| super::world::oriented(Geometry::MultiPolygon(mp)))
}

fn non_empty_lines(ml: MultiLineString<f64>) -> Option<Geometry<f64>> {
    let kept: Vec<_> = ml.0.into_iter().filter(|l| l.0.len() >= 2).collect();
    (!kept.is_empty()).then_some(Geometry::MultiLineString(MultiLineString(kept)))
}

/// The zoom at which a box of this size (world units) first spans [`VISIBLE_PX`] pixels.
pub fn visible_from(width: f64, height: f64) -> u8 {
    let span = width.max(height);
    if span <= 0.0 {
        return u8::MAX;
    }
    // px(z) = 2^-(z+8); visible when span / px >= 1, i.e. z >= -log2(span) - 8.
    let z = (-(span / VISIBLE_PX).log2() - TILE_PX.log2()).ceil();
    z.clamp(0.0, 30.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, s: f64) -> Geometry<f64> {
        super::super::world::oriented(Geometry::Polygon(
            Rect::new(Coord { x, y }, Coord { x: x + s, y: y + s }).to_polygon(),
        ))
    }

    fn layer(features: Vec<Feature>) -> TileLayer {
        TileLayer {
            name: "t".into(),
            kind: Kind::Polygon,
            keys: vec![],
            features,
            minzoom: 0,
        }
    }

    fn at(l: &[TileLayer], z: u8) -> Vec<Piece> {
        pieces_at(
            l,
            Cut {
                z,
                max_features: 1000,
                deepest: false,
            },
        )
        .0
    }

    // A square of 1.5 px at zoom 10 spans 0.75 px at zoom 9: it is a speck at 9 and
    // whole at 10 (hand-worked: px(10) = 2^-18).
    #[test]
    fn small_feature_visible_from_its_zoom() {
        let px10 = (2f64).powi(-18);
        let f = Feature::new(0, square(0.3, 0.3, 1.5 * px10), vec![]).unwrap();
        assert_eq!(visible_from(f.bbox.width(), f.bbox.height()), 10);
        let l = [layer(vec![f])];
        let at10 = at(&l, 10);
        assert_eq!(at10.len(), 1);
        assert!((at10[0].geometry.unsigned_area() - (1.5 * px10).powi(2)).abs() < 1e-20);
        // At 9 one speck of 0.5625 px² is not a pixel of dust yet: nothing is drawn.
        assert!(at(&l, 9).is_empty());
    }

    // Four specks of 0.36 px² in one tile: the third tips the dust over one pixel.
    #[test]
    fn dust_becomes_pixels() {
        let px = Grid::new(8).px;
        let fs = (0..4)
            .map(|i| {
                Feature::new(i, square(0.5 + i as f64 * 4.0 * px, 0.5, 0.6 * px), vec![]).unwrap()
            })
            .collect();
        let p = at(&[layer(fs)], 8);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].feature, 2);
        assert!((p[0].geometry.unsigned_area() - px * px).abs() < 1e-24);
    }

    // A square across a tile corner is cut into four pieces whose areas add up to the
    // square's (the buffers overlap, so each piece reaches BUFFER_PX into the neighbour).
    #[test]
    fn clipped_at_tile_edges() {
        let g = Grid::new(4);
        let s = 20.0 * g.px;
        let f = Feature::new(0, square(g.tile - s / 2.0, g.tile - s / 2.0, s), vec![]).unwrap();
        let p = at(&[layer(vec![f])], 4);
        assert_eq!(p.len(), 4);
        let b = BUFFER_PX * g.px;
        for piece in &p {
            let expect = (s / 2.0 + b) * (s / 2.0 + b);
            assert!((piece.geometry.unsigned_area() - expect).abs() < 1e-9 * expect);
        }
    }

    // A 64 × 64 grid of 1.5-px squares, 2 px apart, in one zoom-10 tile: 4,096 features,
    // each over a pixel. Capped at 1,000 a tile they are coalesced: 2-px cells would keep
    // 4,096 × 2.25 / 4 = 2,304 cells, 4-px cells (32 × 32 of them, 4 squares each, 9 px²
    // of 16) keep 1,024 × 9 / 16 = 576. At the deepest zoom every square is whole.
    #[test]
    fn dense_tiles_coalesce_into_cells() {
        let g = Grid::new(10);
        let (x0, y0) = (100.0 * g.tile, 200.0 * g.tile);
        let fs: Vec<Feature> = (0..64 * 64)
            .map(|i| {
                let (c, r) = (f64::from(i % 64), f64::from(i / 64));
                let (x, y) = (x0 + (c * 2.0 + 0.25) * g.px, y0 + (r * 2.0 + 0.25) * g.px);
                Feature::new(u64::from(i as u32), square(x, y, 1.5 * g.px), vec![]).unwrap()
            })
            .collect();
        let l = [layer(fs)];
        let capped = |cap| {
            pieces_at(
                &l,
                Cut {
                    z: 10,
                    max_features: cap,
                    deepest: false,
                },
            )
        };
        let (p, cells) = capped(1000);
        assert_eq!(cells, [4]);
        assert_eq!(p.len(), 32 * 32 * 9 / 16);
        for piece in &p {
            assert!((piece.geometry.unsigned_area() - 16.0 * g.px * g.px).abs() < 1e-9 * g.px);
        }
        // Uncapped, every square is whole in its own tile (squares near its edges are
        // also in the neighbours' buffers).
        let home = |p: &[Piece]| p.iter().filter(|p| p.tile == (100, 200)).count();
        let (p, cells) = capped(5000);
        assert_eq!((home(&p), cells), (64 * 64, vec![1]));
        let (p, _) = pieces_at(
            &l,
            Cut {
                z: 10,
                max_features: 10,
                deepest: true,
            },
        );
        assert_eq!(home(&p), 64 * 64);
    }
}
