//! GBK text for shapefile attributes, fast. encoding_rs is built for decoding: it encodes a
//! Chinese character by searching its decode tables, which made GBK encoding most of the
//! time of writing a million-row `.dbf`. Here each character's bytes are asked of
//! encoding_rs once and kept in a table shared by every thread, so the bytes are
//! encoding_rs's own and every later lookup is an array read. The bytes reach the `dbase`
//! writer as [`PASSTHROUGH`] text.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU32, Ordering};

/// One entry per Basic Multilingual Plane character: 0 not yet asked, [`UNMAPPABLE`], or
/// the byte count in bits 16.. and the bytes (first in the high byte when two) below.
static TABLE: [AtomicU32; 65_536] = [const { AtomicU32::new(0) }; 65_536];
const UNMAPPABLE: u32 = 1;

/// The GBK bytes of `c` (one or two), or `None` when GBK has no such character.
pub(crate) fn gbk_bytes(c: char) -> Option<([u8; 2], usize)> {
    if c.is_ascii() {
        return Some(([c as u8, 0], 1));
    }
    let cp = c as u32;
    if cp > 0xFFFF {
        // GBK (unlike GB18030) has no characters beyond the BMP.
        return None;
    }
    let slot = &TABLE[cp as usize];
    let mut entry = slot.load(Ordering::Relaxed);
    if entry == 0 {
        entry = ask_encoding_rs(c);
        slot.store(entry, Ordering::Relaxed);
    }
    match entry {
        UNMAPPABLE => None,
        e if e >> 16 == 1 => Some(([e as u8, 0], 1)),
        e => Some(([(e >> 8) as u8, e as u8], 2)),
    }
}

fn ask_encoding_rs(c: char) -> u32 {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    match (unmappable, bytes.as_ref()) {
        (false, [b]) => (1 << 16) | u32::from(*b),
        (false, [a, b]) => (2 << 16) | (u32::from(*a) << 8) | u32::from(*b),
        _ => UNMAPPABLE,
    }
}

/// True when every character of `s` has GBK bytes.
pub(crate) fn gbk_holds(s: &str) -> bool {
    s.is_ascii() || s.chars().all(|c| gbk_bytes(c).is_some())
}

/// The encoding the `dbase` writer is given for GBK files: windows-1252, whose WHATWG
/// mapping gives each of the 256 byte values its own character, so [`as_byte_chars`] text
/// comes out as exactly the GBK bytes it stands for. (The crate's `Encoding` trait cannot
/// be implemented outside it: its error types are private.) The header's code page mark
/// is then set to GBK's ([`GBK_CODE_PAGE_MARK`]).
pub(crate) const PASSTHROUGH: &encoding_rs::Encoding = encoding_rs::WINDOWS_1252;

/// The DBF header's language driver byte for GBK (code page 936), as dBase and ArcGIS
/// write it.
pub(crate) fn gbk_code_page_mark() -> u8 {
    u8::from(dbase::CodePageMark::CP936)
}

/// The windows-1252 character of each byte value from 0x80.
fn byte_chars() -> &'static [char; 128] {
    static CHARS: std::sync::OnceLock<[char; 128]> = std::sync::OnceLock::new();
    CHARS.get_or_init(|| {
        let mut out = ['\0'; 128];
        for (k, c) in out.iter_mut().enumerate() {
            let byte = [0x80 + k as u8];
            let (text, _) = PASSTHROUGH.decode_without_bom_handling(&byte);
            *c = text.chars().next().unwrap_or('\u{FFFD}');
        }
        out
    })
}

/// `s` as GBK bytes, each byte written as its [`PASSTHROUGH`] character; a character GBK
/// lacks becomes `?` (callers replace such characters first:
/// [`super::dbf_names::representable`]).
pub(crate) fn as_byte_chars(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let chars = byte_chars();
    let mut out = String::with_capacity(s.len() * 2);
    let mut push = |b: u8| match b {
        0..=0x7F => out.push(b as char),
        _ => out.push(chars[usize::from(b - 0x80)]),
    };
    for c in s.chars() {
        match gbk_bytes(c) {
            Some((b, n)) => b[..n].iter().for_each(|b| push(*b)),
            None => push(b'?'),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_encoding_rs_bytes_for_every_bmp_character() {
        for cp in (0u32..=0xFFFF)
            .step_by(7)
            .chain([0x20AC, 0x4E00, 0x9FA5, 0xB2])
        {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = c.to_string();
            let (want, _, bad) = encoding_rs::GBK.encode(&s);
            match gbk_bytes(c) {
                Some((b, n)) => {
                    assert!(!bad, "U+{cp:04X}");
                    assert_eq!(&b[..n], want.as_ref(), "U+{cp:04X}");
                }
                None => assert!(bad, "U+{cp:04X} is in GBK"),
            }
        }
    }

    #[test]
    fn text_passes_through_windows_1252_as_its_gbk_bytes() {
        for s in ["杭州湾新区 P-001", "€ 价格", "abc", "闲置土地（已批未供）"] {
            let passed = as_byte_chars(s);
            let (bytes, _, bad) = PASSTHROUGH.encode(&passed);
            assert!(!bad, "{s}");
            assert_eq!(bytes.as_ref(), encoding_rs::GBK.encode(s).0.as_ref(), "{s}");
        }
        for b in 0x80u8..=0xFF {
            let c = byte_chars()[usize::from(b - 0x80)];
            let mut buf = [0; 4];
            let (back, _, bad) = PASSTHROUGH.encode(c.encode_utf8(&mut buf));
            assert!(!bad && back.as_ref() == [b], "byte {b:#x}");
        }
        assert!(gbk_holds("闲置土地"));
        assert!(!gbk_holds("m²"));
        assert_eq!(as_byte_chars("m²"), "m?");
    }
}
