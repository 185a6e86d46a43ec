//! The cell references (`<c r="B12">`, `<row r="12">`) of a workbook's XML parts, checked
//! before the workbook reader sees them: the reader adds up a reference's letters and
//! digits without bounds, so `r="AAAAAAAAA1"` made it multiply past `u32` (a panic where
//! overflow is checked, a wrong cell where it is not). A reference past Excel's last
//! column (XFD) or row (1,048,576) is refused with the part and the reference named.
//! References that are not letters then digits are left to the reader, which refuses them.

use std::io::Read;

/// Excel's last column (XFD) and row.
const LAST_COLUMN: u64 = 16_384;
const LAST_ROW: u64 = 1_048_576;

/// Reads the XML part `part` from `xml` to its end and checks the `r` attribute of every
/// `c` and `row` element; `Err` names the first reference past Excel's sheet. A stream that
/// breaks ends the check where it breaks (the reader refuses the part).
pub(super) fn check(part: &str, mut xml: impl Read) -> Result<(), String> {
    let mut scan = Scanner::default();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match xml.read(&mut buf) {
            Ok(0) | Err(_) => return Ok(()),
            Ok(n) => n,
        };
        for &b in &buf[..n] {
            if let Some(shown) = scan.feed(b) {
                return Err(format!(
                    "{part} names a cell {shown}, past Excel's last column XFD or row 1,048,576: the file is damaged (save it again from Excel)"
                ));
            }
        }
    }
}

/// Where the scanner is in the XML text.
#[derive(Default, PartialEq)]
enum State {
    /// Character data between tags.
    #[default]
    Text,
    /// The name of a start or end tag, after `<`.
    Name,
    /// Inside a tag, between attributes.
    Tag,
    /// An attribute's name.
    Attr,
    /// After an attribute's `=`, before its quote.
    Equals,
    /// Inside a quoted attribute value.
    Value(u8),
    /// A comment, CDATA section, declaration or processing instruction, up to its end.
    Skip,
}

/// A byte-at-a-time reader of tags and their attributes, keeping only what it needs: the
/// tag's local name, the attribute's name and a running parse of an `r` value.
#[derive(Default)]
struct Scanner {
    state: State,
    name: Vec<u8>,
    /// Whether the current tag is a `c` or `row` element.
    counted: bool,
    attr: Vec<u8>,
    /// The `r` value being read, when the attribute is one to check.
    reference: Option<Reference>,
    /// The first bytes of a skipped construct (they tell where it ends), its last three
    /// bytes and its length so far.
    skipped: Vec<u8>,
    tail: [u8; 3],
    skipped_len: usize,
}

/// A cell reference read so far: its letters, then its digits.
#[derive(Default)]
struct Reference {
    letters: u32,
    column: u64,
    digits: u32,
    row: u64,
    /// A byte that is neither (the reader refuses the reference itself).
    other: bool,
    shown: String,
}

impl Reference {
    fn push(&mut self, b: u8) {
        if self.shown.len() < 24 {
            self.shown.push(char::from(b));
        }
        if self.other {
            return;
        }
        match b {
            b'A'..=b'Z' | b'a'..=b'z' if self.digits == 0 => {
                self.letters += 1;
                let v = u64::from(b.to_ascii_uppercase() - b'A' + 1);
                self.column = self.column.saturating_mul(26).saturating_add(v);
            }
            b'0'..=b'9' => {
                self.digits += 1;
                self.row = self
                    .row
                    .saturating_mul(10)
                    .saturating_add(u64::from(b - b'0'));
            }
            _ => self.other = true,
        }
    }

    /// Whether the reader would take this reference past Excel's sheet (or past `u32`).
    fn is_past_the_sheet(&self) -> bool {
        self.letters > 3 || self.column > LAST_COLUMN || self.digits > 7 || self.row > LAST_ROW
    }
}

impl Scanner {
    /// Takes the next byte; `Some` is a reference past the sheet, as written.
    fn feed(&mut self, b: u8) -> Option<String> {
        match self.state {
            State::Text => {
                if b == b'<' {
                    self.name.clear();
                    self.reference = None;
                    self.state = State::Name;
                }
            }
            State::Name => {
                if self.name.is_empty() && (b == b'!' || b == b'?') {
                    self.skipped.clear();
                    self.skipped.push(b);
                    self.skipped_len = 1;
                    self.tail = [0, 0, b];
                    self.state = State::Skip;
                } else if b == b'>' {
                    self.state = State::Text;
                } else if b.is_ascii_whitespace() || b == b'/' {
                    let local = self.name.rsplit(|&c| c == b':').next().unwrap_or(&[]);
                    self.counted = local == b"c" || local == b"row";
                    self.state = State::Tag;
                } else if self.name.len() < 32 {
                    self.name.push(b);
                }
            }
            State::Tag => match b {
                b'>' => self.state = State::Text,
                b'"' | b'\'' => {
                    self.reference = None;
                    self.state = State::Value(b);
                }
                b'=' => self.start_value(),
                _ if b.is_ascii_whitespace() || b == b'/' => {}
                _ => {
                    self.attr.clear();
                    self.attr.push(b);
                    self.state = State::Attr;
                }
            },
            State::Attr => match b {
                b'=' => self.start_value(),
                b'>' => self.state = State::Text,
                _ if b.is_ascii_whitespace() => self.state = State::Equals,
                _ if self.attr.len() < 32 => self.attr.push(b),
                _ => {}
            },
            State::Equals => match b {
                b'"' | b'\'' => self.state = State::Value(b),
                b'=' => self.start_value(),
                b'>' => self.state = State::Text,
                _ => {}
            },
            State::Value(quote) => {
                if b == quote {
                    self.state = State::Tag;
                    if let Some(r) = self.reference.take() {
                        if r.is_past_the_sheet() {
                            return Some(r.shown);
                        }
                    }
                } else if let Some(r) = &mut self.reference {
                    r.push(b);
                }
            }
            State::Skip => {
                if self.skipped.len() < 8 {
                    self.skipped.push(b);
                }
                self.tail = [self.tail[1], self.tail[2], b];
                self.skipped_len += 1;
                if b == b'>' && self.skip_ends() {
                    self.state = State::Text;
                }
            }
        }
        None
    }

    /// After an `=`: the value that follows is checked when it is the `r` of a counted tag.
    fn start_value(&mut self) {
        self.reference = (self.counted && self.attr == b"r").then(Reference::default);
        self.state = State::Equals;
    }

    /// Whether the `>` just read ends the skipped construct: `-->` for a comment, `]]>` for
    /// CDATA, any `>` for a declaration or processing instruction.
    fn skip_ends(&self) -> bool {
        let s = &self.skipped;
        let ends = |end: &[u8; 3]| self.skipped_len >= 6 && &self.tail == end;
        if s.starts_with(b"!--") {
            ends(b"-->")
        } else if s.starts_with(b"![CDATA[") {
            ends(b"]]>")
        } else {
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(xml: &str) -> Option<String> {
        check("xl/worksheets/sheet1.xml", xml.as_bytes()).err()
    }

    #[test]
    fn references_within_the_sheet_pass() {
        let xml = r#"<?xml version="1.0"?><worksheet><dimension ref="A1:XFD1048576"/>
            <sheetData><row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c>
            <c r = 'XFD1048576'><v>1</v></c></row><x:row r="2"><x:c r="B2"/></x:row>
            <c t="n"><v>5</v></c></sheetData></worksheet>"#;
        assert_eq!(refused(xml), None);
        // Not letters then digits: left to the reader, which refuses it.
        assert_eq!(refused(r#"<c r="A-1"/>"#), None);
        // Other elements' r and other attributes are not cell references.
        assert_eq!(
            refused(r#"<rPr r="ZZZZZZZZZ1"/><c s="99999999999"/>"#),
            None
        );
    }

    #[test]
    fn references_past_the_sheet_are_refused_by_name() {
        let e = refused(r#"<sheetData><row r="1"><c r="AAAAAAAAA1"/></row></sheetData>"#)
            .expect("nine letters");
        assert!(e.contains("AAAAAAAAA1") && e.contains("sheet1.xml"), "{e}");
        assert!(refused(r#"<c r="XFE1"/>"#).is_some());
        assert!(refused(r#"<c r="A1048577"/>"#).is_some());
        assert!(refused(r#"<row r="99999999999">"#).is_some());
        assert!(refused(r#"<x:c t="s" r='B4294967297'/>"#).is_some());
        assert!(refused(r#"<c r="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"/>"#).is_some());
    }

    #[test]
    fn comments_and_cdata_hide_nothing_and_show_nothing() {
        assert_eq!(
            refused(r#"<!-- <c r="ZZZZZZZZ1"> it's --><c r="A1"/>"#),
            None
        );
        assert!(refused(r#"<!-- it's --><c r="ZZZZZZZZ1"/>"#).is_some());
        assert!(refused(r#"<![CDATA[ <c r="ZZZZZZZZ1"> ]]><c r="ZZZZZZZZ1"/>"#).is_some());
    }

    #[test]
    fn a_reference_split_across_reads_is_still_read() {
        struct Dribble<'a>(&'a [u8]);
        impl Read for Dribble<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let Some((&b, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                out[0] = b;
                self.0 = rest;
                Ok(1)
            }
        }
        let xml = br#"<row r="1"><c r="AAAAAAAAA1"/></row>"#;
        assert!(check("p", Dribble(xml)).is_err());
    }
}
