//! Limits a zip container (an .xlsx workbook) must keep before it is unpacked: the sizes
//! its central directory declares, in total and against each entry's compressed size. A
//! 3 MB "zip bomb" that inflates to 900 MB is refused before a byte is inflated.

use super::ReadLimits;

/// Checks the declared sizes of a zip file's entries against the inflated size and ratio
/// of `limits`; `Err` says which limit was passed. A file whose central directory cannot
/// be found is left to the zip reader to refuse.
pub(super) fn check(bytes: &[u8], limits: &ReadLimits) -> Result<(), String> {
    let (max_inflated, max_ratio) = (limits.inflated_bytes, limits.inflate_ratio);
    let Some(eocd) = find_eocd(bytes) else {
        return Ok(());
    };
    let entries = u16_at(bytes, eocd + 10).unwrap_or(0) as usize;
    let mut at = u32_at(bytes, eocd + 16).unwrap_or(u32::MAX) as usize;
    let mut total: u64 = 0;
    for _ in 0..entries {
        if u32_at(bytes, at) != Some(0x0201_4b50) {
            break;
        }
        let (Some(packed), Some(size), Some(name_len), Some(extra), Some(comment)) = (
            u32_at(bytes, at + 20),
            u32_at(bytes, at + 24),
            u16_at(bytes, at + 28),
            u16_at(bytes, at + 30),
            u16_at(bytes, at + 32),
        ) else {
            break;
        };
        let name = bytes
            .get(at + 46..at + 46 + name_len as usize)
            .map(String::from_utf8_lossy)
            .unwrap_or_default();
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
        at += 46 + name_len as usize + extra as usize + comment as usize;
    }
    Ok(())
}

/// The first `max` bytes (inflated) of each worksheet part (`xl/worksheets/*.xml`) of a
/// zip file, by part name: where a sheet declares its dimension. Parts that are neither
/// stored nor deflated, or whose bytes are not where the directory says, are left out (the
/// zip reader refuses them).
pub(super) fn worksheet_heads(bytes: &[u8], max: usize) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let Some(eocd) = find_eocd(bytes) else {
        return Vec::new();
    };
    let entries = u16_at(bytes, eocd + 10).unwrap_or(0) as usize;
    let mut at = u32_at(bytes, eocd + 16).unwrap_or(u32::MAX) as usize;
    let mut heads = Vec::new();
    for _ in 0..entries {
        if u32_at(bytes, at) != Some(0x0201_4b50) {
            break;
        }
        let (Some(method), Some(packed), Some(name_len), Some(extra), Some(comment), Some(local)) = (
            u16_at(bytes, at + 10),
            u32_at(bytes, at + 20),
            u16_at(bytes, at + 28),
            u16_at(bytes, at + 30),
            u16_at(bytes, at + 32),
            u32_at(bytes, at + 42),
        ) else {
            break;
        };
        let name = bytes
            .get(at + 46..at + 46 + name_len as usize)
            .map(String::from_utf8_lossy)
            .unwrap_or_default()
            .into_owned();
        at += 46 + name_len as usize + extra as usize + comment as usize;
        if !(name.starts_with("xl/worksheets/") && name.ends_with(".xml")) {
            continue;
        }
        let local = local as usize;
        let (Some(0x0403_4b50), Some(n), Some(e)) = (
            u32_at(bytes, local),
            u16_at(bytes, local + 26),
            u16_at(bytes, local + 28),
        ) else {
            continue;
        };
        let start = local + 30 + n as usize + e as usize;
        let Some(data) = bytes.get(start..start.saturating_add(packed as usize).min(bytes.len()))
        else {
            continue;
        };
        let head = match method {
            0 => data[..data.len().min(max)].to_vec(),
            8 => {
                let mut out = Vec::new();
                // A damaged stream ends the head where it breaks: what came before is kept.
                let _ = flate2::read::DeflateDecoder::new(data)
                    .take(max as u64)
                    .read_to_end(&mut out);
                out
            }
            _ => continue,
        };
        heads.push((name, head));
    }
    heads
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
