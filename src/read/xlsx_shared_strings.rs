//! A workbook's shared-string table (`xl/sharedStrings.xml`), checked before the workbook
//! reader sees it: the reader reserves room for as many strings as `<sst uniqueCount="N">`
//! declares, so a damaged or hostile count (`uniqueCount="99999999999"`) made it ask for
//! gigabytes, or abort, before reading a string. Each string takes at least the 5 bytes of
//! `<si/>`, so a part of B bytes holds at most B / 5: a count above that is refused.

/// The fewest bytes one shared string takes in the part (`<si/>`).
const LEAST_BYTES_PER_STRING: u64 = 5;

/// Checks the string count the part declares in `head` (its first bytes) against the
/// part's inflated size `size`; `Err` names the part and the count. A part without a
/// shared-string table, or whose count the reader would not parse, is left as it is.
pub(super) fn check(part: &str, head: &[u8], size: u64) -> Result<(), String> {
    let Some(count) = unique_count(head) else {
        return Ok(());
    };
    if count > u128::from(size / LEAST_BYTES_PER_STRING) {
        let shown: String = count.to_string().chars().take(24).collect();
        return Err(format!(
            "{part} declares {shown} shared strings in {size} bytes, more than it can hold: the file is damaged (save it again from Excel)"
        ));
    }
    Ok(())
}

/// The `uniqueCount` of the first `sst` start tag (any namespace prefix), when it is a run
/// of digits (saturating past `u128`).
fn unique_count(head: &[u8]) -> Option<u128> {
    let mut i = 0;
    while let Some(lt) = head[i..].iter().position(|&b| b == b'<') {
        let start = i + lt + 1;
        let name_end = head[start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .map_or(head.len(), |e| start + e);
        let name = &head[start..name_end];
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        if local == b"sst" {
            let tag_end = head[name_end..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(head.len(), |e| name_end + e);
            return attribute(&head[name_end..tag_end], b"uniqueCount");
        }
        i = start;
    }
    None
}

/// The digits of attribute `key` in a tag's attribute text, in either quotes.
fn attribute(attrs: &[u8], key: &[u8]) -> Option<u128> {
    let mut from = 0;
    while let Some(at) = find(&attrs[from..], key) {
        let k = from + at;
        from = k + key.len();
        // A whole attribute name: preceded by a blank.
        if k > 0 && !attrs[k - 1].is_ascii_whitespace() {
            continue;
        }
        let rest = &attrs[from..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        let (&quote, value) = rest.split_first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let end = value.iter().position(|&b| b == quote)?;
        let digits = value[..end].strip_prefix(b"+").unwrap_or(&value[..end]);
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        return Some(digits.iter().fold(0u128, |n, d| {
            n.saturating_mul(10).saturating_add(u128::from(d - b'0'))
        }));
    }
    None
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_the_part_cannot_hold_is_refused() {
        let part = "xl/sharedStrings.xml";
        let ok = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;
        assert!(check(part, ok, ok.len() as u64).is_ok());
        let bad = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="99999999999"><si><t>a</t></si></sst>"#;
        let e = check(part, bad, bad.len() as u64).unwrap_err();
        assert!(
            e.contains("99999999999 shared strings") && e.contains(part),
            "{e}"
        );
        // Any prefix, single quotes, a leading +, and a count past u128 are seen.
        let ns = b"<x:sst uniqueCount='123456789'>";
        assert!(check(part, ns, 400).is_err());
        let plus = b"<sst uniqueCount=\"+77777777\">";
        assert!(check(part, plus, 400).is_err());
        let huge = format!("<sst uniqueCount=\"{}\">", "9".repeat(60));
        assert!(check(part, huge.as_bytes(), 400).is_err());
        // Not a count the reader parses, or no table: left alone.
        assert!(check(part, b"<sst uniqueCount=\"12a\">", 4).is_ok());
        assert!(check("xl/worksheets/sheet1.xml", b"<worksheet><c r=\"A1\"/>", 4).is_ok());
        // The attribute must be whole: xuniqueCount is another one.
        assert!(check(part, b"<sst xuniqueCount=\"999999\">", 4).is_ok());
    }
}
