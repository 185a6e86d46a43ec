//! The tile pyramid as one PMTiles v3 archive (the `pmtiles` crate's writer): zoom by zoom,
//! each zoom's tiles cut ([`super::tiling`]), encoded and gzipped in parallel, then added
//! in tile-id order, so only one zoom's tiles are held at a time.

use std::io::Write;
use std::ops::RangeInclusive;
use std::path::Path;

use flate2::write::GzEncoder;
use pmtiles::{Compression, PmTilesWriter, TileCoord, TileId, TileType};
use rayon::prelude::*;

use super::encode::encode_tile;
use super::tiling::{pieces_at, Cut, Grid, Piece, TileLayer};
use crate::error::{Error, Result};
use crate::write::AtomicFile;

/// What one zoom level holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoomStats {
    /// The zoom.
    pub zoom: u8,
    /// Tiles written.
    pub tiles: usize,
    /// Their gzipped bytes.
    pub bytes: u64,
    /// Per layer, the features in at least one tile (whole, clipped or as a dust cell).
    pub features: Vec<usize>,
    /// Per layer, the coalescing cell, pixels (1: none; 0: the layer starts deeper).
    pub cells: Vec<u32>,
}

/// Where and how big the archive is, for its header.
#[derive(Debug, Clone)]
pub struct ArchiveInfo {
    /// Zoom levels cut.
    pub zooms: RangeInclusive<u8>,
    /// West, south, east, north, degrees.
    pub bounds: [f64; 4],
    /// The TileJSON-style metadata (must hold `vector_layers`).
    pub metadata: String,
    /// At most this many features of a polygon layer in a tile, above the deepest zoom.
    pub max_features: usize,
}

/// Writes `layers` as a PMTiles archive at `path`; returns what each zoom holds.
///
/// # Errors
/// The file cannot be written; a tile cannot be encoded.
pub fn write_archive(
    path: &Path,
    layers: &[TileLayer],
    info: &ArchiveInfo,
) -> Result<Vec<ZoomStats>> {
    let mut file = AtomicFile::create(path)?;
    let fail = |e: pmtiles::PmtError| Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let [w, s, e, n] = info.bounds;
    let (z0, z1) = (*info.zooms.start(), *info.zooms.end());
    let mut writer = PmTilesWriter::new(TileType::Mvt)
        .precompressed(Compression::Gzip)
        .internal_compression(Compression::Gzip)
        .min_zoom(z0)
        .max_zoom(z1)
        .bounds(w, s, e, n)
        .center((w + e) / 2.0, (s + n) / 2.0)
        .center_zoom(z0.saturating_add(1).min(z1))
        .metadata(info.metadata.clone())
        .create(file.writer())
        .map_err(fail)?;
    let mut stats = Vec::new();
    for z in info.zooms.clone() {
        let cut = Cut {
            z,
            max_features: info.max_features,
            deepest: z == z1,
        };
        let (tiles, st) = cut_zoom(layers, cut)?;
        for (id, data) in &tiles {
            let coord = TileCoord::from(TileId::new(*id).map_err(fail)?);
            writer.add_tile(coord, data).map_err(fail)?;
        }
        stats.push(st);
    }
    writer.finalize().map_err(fail)?;
    file.commit()?;
    Ok(stats)
}

/// A tile: its PMTiles id and gzipped bytes.
pub type Tile = (u64, Vec<u8>);

/// The gzipped tiles of a zoom by tile id, ascending, and what they hold.
///
/// # Errors
/// A tile cannot be encoded.
pub fn cut_zoom(layers: &[TileLayer], cut: Cut) -> Result<(Vec<Tile>, ZoomStats)> {
    let z = cut.z;
    let grid = Grid::new(z);
    let (pieces, cells) = pieces_at(layers, cut);
    let mut features = vec![0usize; layers.len()];
    {
        let mut seen: Vec<(u32, u32)> = pieces.iter().map(|p| (p.layer, p.feature)).collect();
        seen.par_sort_unstable();
        seen.dedup();
        for (l, _) in seen {
            features[l as usize] += 1;
        }
    }
    let groups: Vec<&[Piece]> = pieces.chunk_by(|a, b| a.tile == b.tile).collect();
    let mut tiles: Vec<Tile> = groups
        .par_iter()
        .map(|g| {
            let (x, y) = g[0].tile;
            let mvt = encode_tile(layers, g, &grid, (x, y))?;
            let id =
                TileId::from(TileCoord::new(z, x, y).map_err(|e| Error::Internal(e.to_string()))?)
                    .value();
            Ok((id, gzip(&mvt)?))
        })
        .collect::<Result<_>>()?;
    tiles.sort_unstable_by_key(|t| t.0);
    let bytes = tiles.iter().map(|t| t.1.len() as u64).sum();
    let st = ZoomStats {
        zoom: z,
        tiles: tiles.len(),
        bytes,
        features,
        cells,
    };
    Ok((tiles, st))
}

/// Gzip at the default level, with no name or time in the header (same bytes every run).
pub fn gzip(data: &[u8]) -> Result<Vec<u8>> {
    let mut enc = GzEncoder::new(
        Vec::with_capacity(data.len() / 3 + 64),
        flate2::Compression::default(),
    );
    enc.write_all(data)
        .and_then(|()| enc.finish())
        .map_err(|e| Error::Internal(format!("gzip: {e}")))
}
