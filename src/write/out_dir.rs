//! The output folder of a command as one set: [`prepare_out_dir`] before anything is
//! written (the folder exists and takes files, temporary files that killed runs left
//! behind are removed, the previous set's manifest is removed), [`write_manifest`] after
//! the last file (every file of the set with its size and SHA-256). A folder without a
//! `manifest.json` holds an interrupted or a foreign set.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use super::sha256::file_sha256;
use super::AtomicFile;
use crate::error::{Error, Result};

/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";

/// What the manifest says about the run besides its files.
#[derive(Debug, Clone, Default)]
pub struct ManifestInfo {
    /// The command that wrote the set (`run`, `idle`, …).
    pub command: String,
    /// The project's name.
    pub project: String,
    /// The date the rules were judged at.
    pub as_of: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    parkscope: &'a str,
    command: &'a str,
    project: &'a str,
    as_of: &'a str,
    files: Vec<Entry>,
}

#[derive(Serialize)]
struct Entry {
    name: String,
    bytes: u64,
    sha256: String,
}

/// Readies `dir` for a new set of outputs: creates it, checks that a file can be written
/// in it, removes the temporary files (`.NAME.PID.tmp`) of parkscope runs that are no
/// longer running, and removes the previous manifest (the set is incomplete until the
/// new one is written).
///
/// # Errors
/// [`Error::Write`] when the folder cannot be created or written into (read-only, full,
/// not a folder).
pub fn prepare_out_dir(dir: &Path) -> Result<()> {
    let fail = |e: std::io::Error| Error::Write {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    drop(AtomicFile::create(&dir.join(".parkscope-probe"))?);
    for entry in std::fs::read_dir(dir).map_err(fail)?.flatten() {
        let name = entry.file_name();
        if let Some(pid) = name.to_str().and_then(temp_owner) {
            if !alive(pid) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    match std::fs::remove_file(dir.join(MANIFEST)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(fail(e)),
        _ => Ok(()),
    }
}

/// The process id in the name of one of parkscope's temporary files
/// (`.NAME.PID.tmp`, and SQLite's `-journal`/`-wal`/`-shm` beside a GeoPackage's).
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let rest = ["-journal", "-wal", "-shm"]
        .iter()
        .find_map(|s| rest.strip_suffix(s))
        .unwrap_or(rest);
    let rest = rest.strip_suffix(".tmp")?;
    let (_, pid) = rest.rsplit_once('.')?;
    pid.parse().ok()
}

/// Whether process `pid` still runs (this one always does). Where processes cannot be
/// looked up (no `/proc`), every other process counts as running, so nothing of a
/// concurrent run is removed.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// Writes `dir/manifest.json`, last: parkscope's version, the command, project and as-of
/// date, and every file of `files` inside `dir` or its subfolders (by path relative to
/// `dir`, `/`-separated, sorted: `web/records/parcels-0.js`) with its size and SHA-256.
/// Returns its path.
///
/// # Errors
/// A file of the set cannot be read back, or the manifest cannot be written.
pub fn write_manifest(dir: &Path, files: &[PathBuf], info: &ManifestInfo) -> Result<PathBuf> {
    let mut names: Vec<String> = files.iter().filter_map(|p| relative_name(dir, p)).collect();
    names.sort();
    names.dedup();
    let entries = names
        .into_par_iter()
        .map(|name| {
            let (bytes, sha256) = file_sha256(&dir.join(&name)).map_err(|e| Error::Write {
                path: dir.join(&name),
                reason: format!("cannot be read back for the manifest: {e}"),
            })?;
            Ok(Entry {
                name,
                bytes,
                sha256,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let m = Manifest {
        parkscope: env!("CARGO_PKG_VERSION"),
        command: &info.command,
        project: &info.project,
        as_of: &info.as_of,
        files: entries,
    };
    let path = dir.join(MANIFEST);
    let mut text = serde_json::to_string_pretty(&m)
        .map_err(|e| Error::Internal(format!("the manifest could not be made: {e}")))?;
    text.push('\n');
    super::write_bytes(&path, text.as_bytes())?;
    Ok(path)
}

/// `p` relative to `dir`, its components joined by `/`; `None` outside `dir` (or `dir`
/// itself, or through `..`).
fn relative_name(dir: &Path, p: &Path) -> Option<String> {
    let rest = p.strip_prefix(dir).ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|c| match c {
            std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_names_are_relative_to_the_folder() {
        let d = Path::new("out/run");
        assert_eq!(
            relative_name(d, &d.join("parcels.csv")).as_deref(),
            Some("parcels.csv")
        );
        assert_eq!(
            relative_name(d, &d.join("web").join("records").join("parcels-0.js")).as_deref(),
            Some("web/records/parcels-0.js")
        );
        assert_eq!(relative_name(d, Path::new("out/other.csv")), None);
        assert_eq!(relative_name(d, d), None);
        assert_eq!(relative_name(d, &d.join("..").join("x")), None);
    }

    #[test]
    fn temp_file_names_give_their_process() {
        assert_eq!(temp_owner(".parcels.csv.4242.tmp"), Some(4242));
        assert_eq!(temp_owner(".run.gpkg.17.tmp-journal"), Some(17));
        assert_eq!(temp_owner("parcels.csv"), None);
        assert_eq!(temp_owner(".hidden"), None);
        assert_eq!(temp_owner(".x.tmp"), None);
    }
}
