//! A worksheet's declared dimension (`<dimension ref="A1:G67"/>`), checked before the
//! workbook reader sees it: a range whose end lies before its start (`Q1:E3`) made the
//! reader subtract past zero and panic, and a reference past Excel's last row or column
//! (`A99999999999`) made it multiply past `u32`; such a sheet is refused with its range
//! named.

/// Checks the dimension a worksheet part declares in `head` (its first bytes); `Err` says
/// what is wrong with it. A part that declares none is left to the reader.
pub(super) fn check(part: &str, head: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(head);
    let Some(at) = text.find("dimension ref=\"") else {
        return Ok(());
    };
    let rest = &text[at + "dimension ref=\"".len()..];
    let Some(end) = rest.find('"') else {
        return Ok(());
    };
    let range = &rest[..end];
    let shown: String = range.chars().take(24).collect();
    let cells: Vec<Option<(u32, u32)>> = range.split(':').map(cell).collect();
    if cells.len() > 2 || cells.iter().any(Option::is_none) {
        return Err(format!(
            "worksheet {part} declares its range as {shown}, which is not a range of Excel cells (A1 to XFD1048576): the file is damaged (save it again from Excel)"
        ));
    }
    if let [Some((r0, c0)), Some((r1, c1))] = cells[..] {
        if r1 < r0 || c1 < c0 {
            return Err(format!(
                "worksheet {part} declares its range as {shown}, ending before it starts: the file is damaged (save it again from Excel)"
            ));
        }
    }
    Ok(())
}

/// A cell reference's (row, column), both from 1: `B12` → (12, 2). `None` when it is not
/// one (letters then digits, within Excel's 16,384 columns and 1,048,576 rows).
fn cell(r: &str) -> Option<(u32, u32)> {
    let r = r.trim().trim_start_matches('$');
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let letters = letters.trim_end_matches('$');
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters.chars().fold(0u32, |n, c| {
        n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    });
    let row: u32 = digits.parse().ok()?;
    (col <= 16_384 && (1..=1_048_576).contains(&row)).then_some((row, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_read_as_row_and_column() {
        assert_eq!(cell("A1"), Some((1, 1)));
        assert_eq!(cell("B12"), Some((12, 2)));
        assert_eq!(cell("$AA$3"), Some((3, 27)));
        assert_eq!(cell("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell("1A"), None);
        assert_eq!(cell("A0"), None);
    }

    #[test]
    fn a_range_ending_before_it_starts_is_refused_by_name() {
        let head = br#"<worksheet><dimension ref="Q1:E3"/><sheetData>"#;
        let e = check("xl/worksheets/sheet1.xml", head).unwrap_err();
        assert!(e.contains("Q1:E3") && e.contains("sheet1.xml"), "{e}");
        assert!(check("s", br#"<dimension ref="A1:G67"/>"#).is_ok());
        assert!(check("s", br#"<dimension ref="C5"/>"#).is_ok());
        assert!(check("s", br#"<dimension ref="A5:C1"/>"#).is_err());
        assert!(check("s", b"<sheetData/>").is_ok());
        // Past Excel's last row or column (the reader multiplied past u32 on them).
        let e = check("s", br#"<dimension ref="A1:Eackaial"/>"#).unwrap_err();
        assert!(e.contains("not a range of Excel cells"), "{e}");
        assert!(check("s", br#"<dimension ref="A1:B99999999999"/>"#).is_err());
        assert!(check("s", br#"<dimension ref="A1:B2:C3"/>"#).is_err());
    }
}
