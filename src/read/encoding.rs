//! Text encodings of Chinese files: GBK from Excel on a Chinese Windows, code page 936
//! in DBF headers, `.cpg` labels the shapefile crate does not know.

use encoding_rs::{Encoding, GBK, UTF_8};

/// The encoding a label names: `.cpg` contents or the project file's `encoding`.
/// Knows the labels of the WHATWG standard and the Windows code-page numbers bureaus'
/// software writes ("936", "CP936", "ANSI 936", "GB2312", "GB18030", "65001").
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let l = label.trim().trim_start_matches('\u{feff}').to_lowercase();
    let l = l.trim_start_matches("ansi").trim();
    match l {
        "936" | "cp936" | "ms936" | "windows-936" | "gbk" | "gb2312" | "gb_2312-80" | "euc-cn" => {
            Some(GBK)
        }
        "65001" | "utf8" | "utf-8" => Some(UTF_8),
        "54936" | "gb18030" => Some(encoding_rs::GB18030),
        "950" | "cp950" | "big5" => Some(encoding_rs::BIG5),
        "1252" | "cp1252" => Some(encoding_rs::WINDOWS_1252),
        other => Encoding::for_label(other.as_bytes()),
    }
}

/// The encoding the DBF language-driver byte (offset 29) names, for the code pages of
/// Chinese data: 0x4D and 0x7A are code page 936 (GBK) as ArcGIS writes them.
pub fn encoding_for_ldid(ldid: u8) -> Option<&'static Encoding> {
    match ldid {
        0x4D | 0x7A => Some(GBK),
        0x4E => Some(encoding_rs::EUC_KR),
        0x4F | 0x78 => Some(encoding_rs::BIG5),
        0x57 | 0x58 | 0x59 | 0x03 => Some(encoding_rs::WINDOWS_1252),
        _ => None,
    }
}

/// Decodes text whose encoding is not declared: UTF-8 (with or without BOM) when the bytes
/// are valid UTF-8, else GB18030 (a superset of GBK). Returns the text and the encoding.
pub fn decode_guess(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), "GBK")
        }
    }
}

/// Decodes text in a named encoding; a BOM, when present, wins.
pub fn decode_with(bytes: &[u8], enc: &'static Encoding) -> String {
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chinese_label_decodes_gbk() {
        for l in [
            "GBK",
            "GB2312",
            "gb18030",
            "936",
            "CP936",
            "ANSI 936",
            "\u{feff}GBK\r\n",
        ] {
            let enc = encoding_for_label(l).expect(l);
            let (text, _, _) = enc.decode(&[0xD6, 0xD0, 0xCE, 0xC4]);
            assert_eq!(text, "中文", "{l}");
        }
    }

    #[test]
    fn guess_tells_gbk_from_utf8() {
        assert_eq!(
            decode_guess("名称".as_bytes()),
            ("名称".to_owned(), "UTF-8")
        );
        assert_eq!(decode_guess(b"\xEF\xBB\xBFa"), ("a".to_owned(), "UTF-8"));
        assert_eq!(
            decode_guess(&[0xC3, 0xFB, 0xB3, 0xC6]),
            ("名称".to_owned(), "GBK")
        );
    }
}
