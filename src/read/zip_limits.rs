//! Limits a zip container (an .xlsx workbook) must keep before it is unpacked: the sizes
//! its central directory declares, in total and against each entry's compressed size. A
//! 3 MB "zip bomb" that inflates to 900 MB is refused before a byte is inflated. The parts
//! are read with the zip reader the workbook reader uses, so a damaged directory (shifted,
//! repeated) is read here as the workbook reader will read it.

use std::io::{Cursor, Read};

use super::ReadLimits;

/// Checks the declared sizes of an open zip's entries against the inflated size and ratio
/// of `limits`; `Err` says which limit was passed.
fn check_sizes(zip: &mut Archive<'_>, limits: &ReadLimits) -> Result<(), String> {
    let (max_inflated, max_ratio) = (limits.inflated_bytes, limits.inflate_ratio);
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(e) = zip.by_index_raw(i) else {
            continue;
        };
        let (name, packed, size) = (part_name(e.name()), e.compressed_size(), e.size());
        if size > (1 << 20) && size > packed.max(1).saturating_mul(max_ratio) {
            return Err(format!(
                "the part {name} inflates from {packed} to {size} bytes (more than {max_ratio} times; [limits] workbook_inflate_ratio): a zip bomb?"
            ));
        }
        total = total.saturating_add(size);
        if total > max_inflated {
            return Err(format!(
                "its parts inflate to more than {} MiB ([limits] workbook_inflated_mib)",
                max_inflated >> 20
            ));
        }
    }
    Ok(())
}

/// A zip file read from memory.
type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Checks the declared sizes against `limits`, before a byte is inflated (a file that is not
/// a zip passes: the workbook reader refuses it), then calls `f` on each XML
/// part (`*.xml`) of a zip file with its name, its declared inflated size and a reader of its inflated bytes, up to the size the part declares (a part that inflates past it is
/// refused): where a workbook's sheets declare their dimension and cell references (every
/// part, not only `xl/worksheets/`: the workbook's relations may put a sheet anywhere).
/// Parts the zip reader cannot open are left out (the workbook reader refuses them).
pub(super) fn check_and_scan(
    bytes: &[u8],
    limits: &ReadLimits,
    mut f: impl FnMut(&str, u64, &mut dyn Read) -> Result<(), String>,
) -> Result<(), String> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    check_sizes(&mut zip, limits)?;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part_name(part.name());
        if !name.to_ascii_lowercase().ends_with(".xml") {
            continue;
        }
        let declared = part.size();
        let mut counted = Counted {
            inner: part.take(declared.saturating_add(1)),
            read: 0,
        };
        f(&name, declared, &mut counted)?;
        if counted.read > declared {
            return Err(format!(
                "the part {name} inflates past the {declared} bytes it declares: the file is damaged"
            ));
        }
    }
    Ok(())
}

/// A part's name as the zip gives it, or a placeholder when it cannot be decoded.
fn part_name<E>(name: Result<std::borrow::Cow<'_, str>, E>) -> String {
    name.map(|n| n.into_owned())
        .unwrap_or_else(|_| "(a part with an unreadable name)".to_owned())
}

/// A reader that counts the bytes it gives.
struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A zip of one deflated part `name` holding `data`.
    fn zip_of(name: &str, data: &[u8]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("a zip in memory");
        w.write_all(data).expect("a zip in memory");
        w.finish().expect("a zip in memory").into_inner()
    }

    fn check(bytes: &[u8], limits: &ReadLimits) -> Result<(), String> {
        check_and_scan(bytes, limits, |_, _, _| Ok(()))
    }

    #[test]
    fn bombs_are_refused_by_their_declared_sizes() {
        let small = zip_of("a.xml", &vec![b'a'; 100_000]);
        assert!(check(&small, &ReadLimits::default()).is_ok());
        let bomb = zip_of("a.xml", &vec![b'a'; 50_000_000]);
        let e = check(&bomb, &ReadLimits::default()).expect_err("a bomb");
        assert!(
            e.contains("a.xml inflates from") && e.contains("to 50000000"),
            "{e}"
        );
        assert!(check(b"not a zip", &ReadLimits::default()).is_ok());
    }
}
