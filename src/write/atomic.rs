//! Atomic file writes: write to a temporary file beside the target, rename on success,
//! delete on drop otherwise — so a failed or interrupted run leaves no partial file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file being written; it appears under its name only on [`AtomicFile::commit`].
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `target` (its folder is created when missing).
    ///
    /// # Errors
    /// The folder or the temporary file cannot be created.
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let err = |e: std::io::Error| Error::Write {
            path: target.to_path_buf(),
            reason: e.to_string(),
        };
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(err)?;
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let file = File::create(&temp).map_err(err)?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            writer: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.writer
            .as_mut()
            .expect("the writer exists until commit consumes the AtomicFile")
    }

    /// Flushes and moves the file into place.
    ///
    /// # Errors
    /// Flushing or renaming fails.
    pub fn commit(mut self) -> Result<()> {
        let err = |e: std::io::Error| Error::Write {
            path: self.target.clone(),
            reason: e.to_string(),
        };
        let mut w = self.writer.take().expect("commit is called once");
        w.flush().map_err(err)?;
        drop(w);
        std::fs::rename(&self.temp, &self.target).map_err(err)
    }

    /// A write error for this file.
    pub fn error(&self, e: impl std::fmt::Display) -> Error {
        Error::Write {
            path: self.target.clone(),
            reason: e.to_string(),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Writes bytes to a file atomically.
///
/// # Errors
/// As [`AtomicFile`].
pub fn write_bytes(target: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(target)?;
    f.writer().write_all(bytes).map_err(|e| Error::Write {
        path: target.to_path_buf(),
        reason: e.to_string(),
    })?;
    f.commit()
}
