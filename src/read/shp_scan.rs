//! A walk over a `.shp` file's records before the shapefile crate reads it: every record
//! must fit in the file and hold the parts and points it declares, and part indices must
//! be in order. The crate trusts these counts (a record claiming 2³¹ points asks for
//! 32 GiB) and, after a record it cannot read, asks for the next one forever; parkscope
//! gives it only the records that passed, and says where and why the rest was cut.

/// What the walk found.
pub(super) struct Scan {
    /// The file cut after the last sound record, with its header's length to match.
    pub bytes: Vec<u8>,
    /// Sound records.
    pub records: usize,
    /// Why the file was cut, naming the first record that was not read.
    pub cut: Option<String>,
}

const HEADER: usize = 100;

/// Walks the records of a `.shp` file's bytes; `Err` when its header is not a shapefile's.
pub(super) fn scan(shp: &[u8]) -> Result<Scan, String> {
    if shp.len() < HEADER {
        return Err(format!(
            "{} bytes is shorter than a shapefile header (100 bytes)",
            shp.len()
        ));
    }
    if be_i32(shp, 0) != Some(9994) {
        return Err("the header does not start with the shapefile code 9994".into());
    }
    let mut at = HEADER;
    let mut records = 0;
    let mut cut = None;
    while at < shp.len() {
        let number = records + 1;
        match record_len(shp, at) {
            Ok(len) => {
                at += len;
                records += 1;
            }
            Err(why) => {
                cut = Some(format!(
                    "record {number} (byte {at}) {why}: it and anything after it were not read"
                ));
                break;
            }
        }
    }
    let mut bytes = shp[..at].to_vec();
    let words = i32::try_from(at / 2).unwrap_or(i32::MAX);
    bytes[24..28].copy_from_slice(&words.to_be_bytes());
    Ok(Scan {
        bytes,
        records,
        cut,
    })
}

/// The length of the record at `at` (header and content), checked.
fn record_len(shp: &[u8], at: usize) -> Result<usize, String> {
    let words = be_i32(shp, at + 4).ok_or("is cut off in its header")?;
    let content = usize::try_from(words)
        .ok()
        .and_then(|w| w.checked_mul(2))
        .ok_or_else(|| format!("declares a negative length ({words})"))?;
    let start = at + 8;
    let end = start
        .checked_add(content)
        .filter(|e| *e <= shp.len())
        .ok_or_else(|| {
            format!(
                "declares {content} bytes but the file ends {} bytes later",
                shp.len().saturating_sub(start)
            )
        })?;
    let body = &shp[start..end];
    let kind = le_i32(body, 0).ok_or("has no shape type")?;
    let need = |n: usize| -> Result<(), String> {
        if n <= content {
            Ok(())
        } else {
            Err(format!(
                "needs {n} bytes for what it declares but holds {content}"
            ))
        }
    };
    let count = |off: usize, what: &str| -> Result<usize, String> {
        let n = le_i32(body, off).ok_or_else(|| format!("is cut off before its {what} count"))?;
        usize::try_from(n).map_err(|_| format!("declares {n} {what}"))
    };
    match kind {
        0 => {}
        1 | 11 | 21 => need(20)?,
        8 | 18 | 28 => {
            let points = count(36, "points")?;
            need(points.saturating_mul(16).saturating_add(40))?;
        }
        3 | 5 | 13 | 15 | 23 | 25 | 31 => {
            let parts = count(36, "parts")?;
            let points = count(40, "points")?;
            let base = 44usize
                .saturating_add(parts.saturating_mul(4))
                .saturating_add(points.saturating_mul(16));
            need(base)?;
            if parts > points {
                return Err(format!("declares {parts} parts for {points} points"));
            }
            let mut last = 0;
            for p in 0..parts {
                let first = le_i32(body, 44 + 4 * p).unwrap_or(-1);
                let ok = usize::try_from(first).is_ok_and(|f| f < points.max(1) && f >= last);
                if !ok || (p == 0 && first != 0) {
                    return Err(format!("has part {} starting at point {first}", p + 1));
                }
                last = first as usize;
            }
        }
        other => return Err(format!("has the unknown shape type {other}")),
    }
    Ok(8 + content)
}

fn be_i32(b: &[u8], at: usize) -> Option<i32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(i32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

fn le_i32(b: &[u8], at: usize) -> Option<i32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(i32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header and polygon records of one part with `points` points each, as declared.
    fn file(records: &[(i32, i32, usize)]) -> Vec<u8> {
        let mut b = vec![0u8; HEADER];
        b[0..4].copy_from_slice(&9994i32.to_be_bytes());
        b[32..36].copy_from_slice(&5i32.to_le_bytes());
        for (n, (parts, points, real)) in records.iter().enumerate() {
            let content = 44 + 4 * (*parts).max(0) as usize + 16 * real;
            b.extend_from_slice(&(n as i32 + 1).to_be_bytes());
            b.extend_from_slice(&((content / 2) as i32).to_be_bytes());
            b.extend_from_slice(&5i32.to_le_bytes());
            b.extend_from_slice(&[0u8; 32]);
            b.extend_from_slice(&parts.to_le_bytes());
            b.extend_from_slice(&points.to_le_bytes());
            for _ in 0..(*parts).max(0) {
                b.extend_from_slice(&0i32.to_le_bytes());
            }
            b.extend(std::iter::repeat_n(0u8, 16 * real));
        }
        let words = (b.len() / 2) as i32;
        b[24..28].copy_from_slice(&words.to_be_bytes());
        b
    }

    #[test]
    fn sound_records_pass_and_the_first_bad_one_cuts_the_file() {
        let ok = file(&[(1, 4, 4), (1, 5, 5)]);
        let s = scan(&ok).expect("a shapefile");
        assert_eq!(
            (s.records, s.cut.is_none(), s.bytes.len()),
            (2, true, ok.len())
        );
        // A record claiming 2^31-1 points in 64 bytes of points.
        let huge = file(&[(1, 4, 4), (1, i32::MAX, 4), (1, 4, 4)]);
        let s = scan(&huge).expect("a shapefile");
        assert_eq!(s.records, 1);
        let why = s.cut.expect("cut");
        assert!(why.starts_with("record 2 "), "{why}");
        assert_eq!(be_i32(&s.bytes, 24), Some((s.bytes.len() / 2) as i32));
        // Truncated in the middle of the second record.
        let mut t = file(&[(1, 4, 4), (1, 4, 4)]);
        t.truncate(t.len() - 10);
        let s = scan(&t).expect("a shapefile");
        assert_eq!(s.records, 1);
        assert!(s.cut.expect("cut").contains("file ends"));
        // More parts than points; a negative count.
        assert_eq!(scan(&file(&[(3, 2, 2)])).expect("shp").records, 0);
        assert_eq!(scan(&file(&[(1, -5, 0)])).expect("shp").records, 0);
        assert!(scan(b"not a shapefile").is_err());
        assert!(scan(&[0u8; 100]).is_err());
    }
}
