//! Limits a zip container (an .xlsx workbook) must keep before it is unpacked: the sizes
//! its central directory declares, in total and against each entry's compressed size. A
//! 3 MB "zip bomb" that inflates to 900 MB is refused before a byte is inflated.

use super::ReadLimits;

/// One entry of a zip file's central directory, as it declares itself.
struct Entry {
    name: String,
    /// Compression method (0 stored, 8 deflate).
    method: u16,
    packed: u32,
    size: u32,
    /// Offset of its local header.
    local: usize,
}

/// The entries the central directory lists, in order, up to the first that cannot be read
/// (none when the directory cannot be found: the zip reader refuses such a file).
fn entries(bytes: &[u8]) -> Vec<Entry> {
    let Some(eocd) = find_eocd(bytes) else {
        return Vec::new();
    };
    let count = u16_at(bytes, eocd + 10).unwrap_or(0) as usize;
    let mut at = u32_at(bytes, eocd + 16).unwrap_or(u32::MAX) as usize;
    let mut out = Vec::new();
    for _ in 0..count {
        if u32_at(bytes, at) != Some(0x0201_4b50) {
            break;
        }
        let fields = (
            u16_at(bytes, at + 10),
            u32_at(bytes, at + 20),
            u32_at(bytes, at + 24),
            u16_at(bytes, at + 28),
            u16_at(bytes, at + 30),
            u16_at(bytes, at + 32),
            u32_at(bytes, at + 42),
        );
        let (
            Some(method),
            Some(packed),
            Some(size),
            Some(n),
            Some(extra),
            Some(comment),
            Some(local),
        ) = fields
        else {
            break;
        };
        let name = bytes
            .get(at + 46..at + 46 + n as usize)
            .map(String::from_utf8_lossy)
            .unwrap_or_default()
            .into_owned();
        out.push(Entry {
            name,
            method,
            packed,
            size,
            local: local as usize,
        });
        at += 46 + n as usize + extra as usize + comment as usize;
    }
    out
}

/// Checks the declared sizes of a zip file's entries against the inflated size and ratio
/// of `limits`; `Err` says which limit was passed.
pub(super) fn check(bytes: &[u8], limits: &ReadLimits) -> Result<(), String> {
    let (max_inflated, max_ratio) = (limits.inflated_bytes, limits.inflate_ratio);
    let mut total: u64 = 0;
    for Entry {
        name, packed, size, ..
    } in entries(bytes)
    {
        if size == u32::MAX || packed == u32::MAX {
            return Err(format!("the part {name} is larger than 4 GiB (ZIP64)"));
        }
        let (packed, size) = (u64::from(packed), u64::from(size));
        if size > (1 << 20) && size > packed.max(1).saturating_mul(max_ratio) {
            return Err(format!(
                "the part {name} inflates from {packed} to {size} bytes (more than {max_ratio} times; [limits] workbook_inflate_ratio): a zip bomb?"
            ));
        }
        total += size;
        if total > max_inflated {
            return Err(format!(
                "its parts inflate to more than {} MiB ([limits] workbook_inflated_mib)",
                max_inflated >> 20
            ));
        }
    }
    Ok(())
}

/// The XML parts (`*.xml`) of a zip file by name, each as a reader of its inflated bytes:
/// where a workbook's sheets declare their dimension and cell references (every part, not
/// only `xl/worksheets/`: the workbook's relations may put a sheet anywhere). Parts that are
/// neither stored nor deflated, or whose bytes are not where the directory says, are left
/// out (the zip reader refuses them).
pub(super) fn xml_parts(bytes: &[u8]) -> Vec<(String, Box<dyn std::io::Read + '_>)> {
    entries(bytes)
        .into_iter()
        .filter(|e| e.name.to_ascii_lowercase().ends_with(".xml"))
        .filter_map(|e| {
            let (Some(0x0403_4b50), Some(n), Some(x)) = (
                u32_at(bytes, e.local),
                u16_at(bytes, e.local + 26),
                u16_at(bytes, e.local + 28),
            ) else {
                return None;
            };
            let start = e.local + 30 + n as usize + x as usize;
            let end = start.saturating_add(e.packed as usize).min(bytes.len());
            let data = bytes.get(start..end)?;
            let reader: Box<dyn std::io::Read> = match e.method {
                0 => Box::new(data),
                8 => Box::new(flate2::read::DeflateDecoder::new(data)),
                _ => return None,
            };
            Some((e.name, reader))
        })
        .collect()
}

/// The end-of-central-directory record, searched from the end (a comment may follow it).
fn find_eocd(b: &[u8]) -> Option<usize> {
    let lowest = b.len().saturating_sub(22 + 65_535);
    (lowest..=b.len().checked_sub(22)?)
        .rev()
        .find(|&i| u32_at(b, i) == Some(0x0605_4b50))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip directory of one entry with the declared sizes (no data: only the
    /// directory is read).
    fn zip_with(packed: u32, size: u32) -> Vec<u8> {
        let mut b = Vec::new();
        let cd = b.len() as u32;
        b.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        b.extend_from_slice(&[0u8; 16]);
        b.extend_from_slice(&packed.to_le_bytes());
        b.extend_from_slice(&size.to_le_bytes());
        b.extend_from_slice(&5u16.to_le_bytes());
        b.extend_from_slice(&[0u8; 16]);
        b.extend_from_slice(b"a.xml");
        let cd_len = b.len() as u32 - cd;
        b.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        b.extend_from_slice(&[0u8; 4]);
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&cd_len.to_le_bytes());
        b.extend_from_slice(&cd.to_le_bytes());
        b.extend_from_slice(&0u16.to_le_bytes());
        b
    }

    #[test]
    fn bombs_are_refused_by_their_declared_sizes() {
        assert!(check(&zip_with(100_000, 2_000_000), &ReadLimits::default()).is_ok());
        let e =
            check(&zip_with(3_000_000, 900_000_000), &ReadLimits::default()).expect_err("a bomb");
        assert!(
            e.contains("a.xml inflates from 3000000 to 900000000"),
            "{e}"
        );
        assert!(check(&zip_with(u32::MAX, u32::MAX), &ReadLimits::default()).is_err());
        assert!(check(b"not a zip", &ReadLimits::default()).is_ok());
    }
}
