//! Entry points for the fuzz targets in `fuzz/` and for replaying their corpus in tests:
//! hostile bytes through each reader, the project-file parser and a whole project load.
//! Each returns whether the input was accepted; none may panic, hang or allocate without
//! bound, whatever the bytes. Not part of the supported API.

use std::path::PathBuf;

use crate::read::{read_layer, ReadOptions};

/// A scratch folder of this process and thread, where inputs are written as files (the
/// readers read files, as a user's project does).
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "parkscope-fuzz-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Removes this thread's scratch folder (tests call it when done).
pub fn clean_scratch() {
    let _ = std::fs::remove_dir_all(scratch());
}

/// Reads `data` as a layer file with the extension `ext` (`geojson`, `csv`, `xlsx`, …).
pub fn read_as(ext: &str, data: &[u8]) -> bool {
    let path = scratch().join(format!("layer.{ext}"));
    if std::fs::write(&path, data).is_err() {
        return false;
    }
    read_layer(&path, &ReadOptions::default()).is_ok()
}

/// Reads a shapefile made of `data`: the first 4 bytes (little-endian) give the length of
/// the `.shp` part, the rest after it is the `.dbf`.
pub fn read_shapefile(data: &[u8]) -> bool {
    let Some((head, rest)) = data.split_first_chunk::<4>() else {
        return false;
    };
    let cut = (u32::from_le_bytes(*head) as usize).min(rest.len());
    let dir = scratch();
    let (shp, dbf) = rest.split_at(cut);
    if std::fs::write(dir.join("layer.shp"), shp).is_err()
        || std::fs::write(dir.join("layer.dbf"), dbf).is_err()
    {
        return false;
    }
    read_layer(&dir.join("layer.shp"), &ReadOptions::default()).is_ok()
}

/// Parses `data` as a project file.
pub fn parse_project(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    crate::Project::parse(text, &scratch().join("parkscope.toml")).is_ok()
}

/// Opens a project whose parcels layer is `data` as a `.ext` file: reading, typing,
/// coordinate checks, repair and indexing.
pub fn open_parcels(ext: &str, data: &[u8]) -> bool {
    let dir = scratch().join("project");
    let _ = std::fs::create_dir_all(&dir);
    let toml = format!("as_of = \"2026-06-30\"\n[layers.parcels]\npath = \"parcels.{ext}\"\n");
    if std::fs::write(dir.join("parkscope.toml"), toml).is_err()
        || std::fs::write(dir.join(format!("parcels.{ext}")), data).is_err()
    {
        return false;
    }
    crate::Workspace::open(&dir).is_ok()
}
