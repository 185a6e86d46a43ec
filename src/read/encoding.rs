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

/// Text decoded from bytes, with the lines (numbered from 1) that did not decode as the
/// rest of the file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding of the file (of most of its lines when they are mixed).
    pub encoding: &'static str,
    /// Lines not in `encoding`: GBK lines in a UTF-8 file (decoded as GBK), or lines whose
    /// bytes the declared encoding cannot read (bad bytes replaced with U+FFFD).
    pub odd_lines: Vec<usize>,
}

/// Decodes text whose encoding is not declared: UTF-8 (with or without BOM) when the bytes
/// are valid UTF-8, else GB18030 (a superset of GBK). A file that is mostly UTF-8 with a few
/// lines that are not (a GBK name pasted into a UTF-8 ledger) is read line by line: the
/// UTF-8 lines as UTF-8, the others as GBK, and those lines are listed.
pub fn decode_guess(bytes: &[u8]) -> Decoded {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF");
    let had_bom = body.is_some();
    let body = body.unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return Decoded {
            text: s.to_owned(),
            encoding: "UTF-8",
            odd_lines: Vec::new(),
        };
    }
    // Which lines with bytes past ASCII are UTF-8, which are not.
    let lines: Vec<&[u8]> = body.split_inclusive(|&b| b == b'\n').collect();
    let (mut utf8, mut other) = (0usize, Vec::new());
    for (i, line) in lines.iter().enumerate() {
        if line.is_ascii() {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(_) => utf8 += 1,
            Err(_) => other.push(i + 1),
        }
    }
    if !had_bom && utf8 < other.len() {
        let (text, _, _) = encoding_rs::GB18030.decode(body);
        return Decoded {
            text: text.into_owned(),
            encoding: "GBK",
            odd_lines: Vec::new(),
        };
    }
    let mut text = String::with_capacity(body.len());
    for line in &lines {
        match std::str::from_utf8(line) {
            Ok(s) => text.push_str(s),
            Err(_) => text.push_str(&encoding_rs::GB18030.decode_without_bom_handling(line).0),
        }
    }
    Decoded {
        text,
        encoding: "UTF-8",
        odd_lines: other,
    }
}

/// Decodes text in a named encoding; a UTF-8 BOM, when present, is dropped. Lines with bytes
/// the encoding cannot read are listed (their bad bytes become U+FFFD).
pub fn decode_with(bytes: &[u8], enc: &'static Encoding) -> Decoded {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, _, had_errors) = enc.decode(body);
    let odd_lines = if had_errors {
        text.split('\n')
            .enumerate()
            .filter(|(_, l)| l.contains('\u{FFFD}'))
            .map(|(i, _)| i + 1)
            .collect()
    } else {
        Vec::new()
    };
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        odd_lines,
    }
}

/// Line numbers as a message names them: the first few, then how many more.
pub fn line_list(lines: &[usize]) -> String {
    const SHOWN: usize = 5;
    let mut s = lines
        .iter()
        .take(SHOWN)
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if lines.len() > SHOWN {
        s.push_str(&format!(" and {} more", lines.len() - SHOWN));
    }
    s
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
        let guess = |b: &[u8]| {
            let d = decode_guess(b);
            (d.text, d.encoding, d.odd_lines)
        };
        assert_eq!(guess("名称".as_bytes()), ("名称".into(), "UTF-8", vec![]));
        assert_eq!(guess(b"\xEF\xBB\xBFa"), ("a".into(), "UTF-8", vec![]));
        assert_eq!(
            guess(&[0xC3, 0xFB, 0xB3, 0xC6]),
            ("名称".into(), "GBK", vec![])
        );
    }

    #[test]
    fn one_gbk_line_in_a_utf8_file_is_read_as_gbk_and_named() {
        let mut bytes = "名称,面积\n甲厂,1\n".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xD2, 0xD2, 0xB3, 0xA7]); // 乙厂 in GBK
        bytes.extend_from_slice(b",2\n");
        bytes.extend_from_slice("丙厂,3\n".as_bytes());
        let d = decode_guess(&bytes);
        assert_eq!(d.text, "名称,面积\n甲厂,1\n乙厂,2\n丙厂,3\n");
        assert_eq!((d.encoding, d.odd_lines), ("UTF-8", vec![3]));
    }

    #[test]
    fn a_gbk_file_stays_gbk_whatever_a_line_happens_to_be() {
        // 名称 then 乙厂 in GBK: no line is UTF-8, the file is GBK.
        let bytes = [0xC3, 0xFB, 0xB3, 0xC6, b'\n', 0xD2, 0xD2, 0xB3, 0xA7, b'\n'];
        let d = decode_guess(&bytes);
        assert_eq!((d.text.as_str(), d.encoding), ("名称\n乙厂\n", "GBK"));
        assert!(d.odd_lines.is_empty());
    }

    #[test]
    fn bytes_the_declared_encoding_cannot_read_are_named_by_line() {
        let d = decode_with(b"a\nb\xFF\nc\n", UTF_8);
        assert_eq!(d.odd_lines, vec![2]);
        assert_eq!(
            line_list(&[1, 2, 3, 4, 5, 6, 7]),
            "1, 2, 3, 4, 5 and 2 more"
        );
    }
}
