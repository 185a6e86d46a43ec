//! Which files the tables of a run are written as: the formats (`--format`), the CRS of
//! the GIS formats (`--crs`) and the text encoding of shapefiles (`--encoding`).

use std::fmt;

use crate::crs::Crs;
use crate::error::{Error, Result};

/// One output format of the result tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// GeoJSON (RFC 7946, WGS84 lon/lat), spatial tables only.
    GeoJson,
    /// CSV, UTF-8 with a BOM, every table, no geometry.
    Csv,
    /// One Excel workbook per command, a sheet per table (the 台账).
    Xlsx,
    /// ESRI Shapefile per spatial table (`.shp .shx .dbf .prj .cpg`), a `.dbf` per table
    /// without geometry.
    Shp,
    /// One GeoPackage per command holding every table as a layer.
    Gpkg,
    /// FlatGeobuf per spatial table, with its packed R-tree index.
    Fgb,
}

impl Format {
    /// Every format, in the order they are listed.
    pub const ALL: [Format; 6] = [
        Format::GeoJson,
        Format::Csv,
        Format::Xlsx,
        Format::Shp,
        Format::Gpkg,
        Format::Fgb,
    ];

    /// The name used in `--format` and as the file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::GeoJson => "geojson",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Shp => "shp",
            Format::Gpkg => "gpkg",
            Format::Fgb => "fgb",
        }
    }

    /// The format of a name or file extension (`geojson`/`json`, `csv`, `xlsx`, `shp`,
    /// `gpkg`, `fgb`; any case).
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "geojson" | "json" => Format::GeoJson,
            "csv" => Format::Csv,
            "xlsx" => Format::Xlsx,
            "shp" | "shapefile" => Format::Shp,
            "gpkg" | "geopackage" => Format::Gpkg,
            "fgb" | "flatgeobuf" => Format::Fgb,
            _ => return None,
        })
    }

    /// True for the formats whose geometry is in the survey CRS by default (shapefile,
    /// GeoPackage, FlatGeobuf); GeoJSON is always WGS84.
    pub fn is_gis(self) -> bool {
        matches!(self, Format::Shp | Format::Gpkg | Format::Fgb)
    }

    /// True when this build of parkscope can write the format (GeoPackage and FlatGeobuf
    /// are cargo features, on by default).
    pub fn is_available(self) -> bool {
        let (gpkg, fgb) = (cfg!(feature = "gpkg"), cfg!(feature = "fgb"));
        (self != Format::Gpkg || gpkg) && (self != Format::Fgb || fgb)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of output formats. Default: `geojson,csv,xlsx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats(u8);

impl Formats {
    /// No format.
    pub const NONE: Formats = Formats(0);

    /// The set of these formats.
    pub fn of(formats: &[Format]) -> Formats {
        formats.iter().fold(Formats::NONE, |s, f| s.with(*f))
    }

    /// This set with `f` added.
    pub fn with(self, f: Format) -> Formats {
        Formats(self.0 | 1 << f as u8)
    }

    /// True when `f` is in the set.
    pub fn has(self, f: Format) -> bool {
        self.0 & (1 << f as u8) != 0
    }

    /// The formats of the set, in [`Format::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(move |f| self.has(*f))
    }

    /// True when a format of the set holds tables without geometry (CSV, workbook,
    /// GeoPackage, or a shapefile's `.dbf`).
    pub fn holds_attribute_tables(self) -> bool {
        [Format::Csv, Format::Xlsx, Format::Gpkg, Format::Shp]
            .iter()
            .any(|f| self.has(*f))
    }

    /// Parses a comma-separated list such as `geojson,csv,shp`.
    ///
    /// # Errors
    /// [`Error::Invalid`] for the parameter `formats`: an unknown name, an empty list, or a
    /// format this build was made without.
    pub fn parse(list: &str) -> Result<Formats> {
        let mut set = Formats::NONE;
        for name in list.split([',', ' ']).filter(|s| !s.trim().is_empty()) {
            let f = Format::from_name(name).ok_or_else(|| {
                Error::invalid(
                    "formats",
                    name.trim(),
                    "unknown format (accepted: geojson, csv, xlsx, shp, gpkg, fgb)",
                )
            })?;
            if !f.is_available() {
                return Err(Error::invalid(
                    "formats",
                    name.trim(),
                    format!("this build of parkscope was made without the `{f}` feature"),
                ));
            }
            set = set.with(f);
        }
        if set == Formats::NONE {
            return Err(Error::invalid("formats", list, "no format given"));
        }
        Ok(set)
    }
}

impl Default for Formats {
    fn default() -> Formats {
        Formats::of(&[Format::GeoJson, Format::Csv, Format::Xlsx])
    }
}

impl fmt::Display for Formats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(Format::name).collect();
        f.write_str(&names.join(","))
    }
}

/// The text encoding of shapefile attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShpEncoding {
    /// GBK (code page 936), what ArcGIS on a Chinese Windows reads and writes. The default.
    #[default]
    Gbk,
    /// UTF-8.
    Utf8,
}

impl ShpEncoding {
    /// Parses `gbk` (also `936`, `cp936`, `gb2312`, `gb18030`) or `utf-8` (`utf8`).
    ///
    /// # Errors
    /// [`Error::Invalid`] for the parameter `encoding`.
    pub fn parse(s: &str) -> Result<ShpEncoding> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_'], "")
            .as_str()
        {
            "gbk" | "936" | "cp936" | "gb2312" | "gb18030" => Ok(ShpEncoding::Gbk),
            "utf8" => Ok(ShpEncoding::Utf8),
            _ => Err(Error::invalid(
                "encoding",
                s,
                "unknown shapefile encoding (accepted: gbk, utf-8)",
            )),
        }
    }

    /// The label written in the `.cpg` file.
    pub fn cpg(self) -> &'static str {
        match self {
            ShpEncoding::Gbk => "GBK",
            ShpEncoding::Utf8 => "UTF-8",
        }
    }

    /// The encoding_rs encoding.
    pub(crate) fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            ShpEncoding::Gbk => encoding_rs::GBK,
            ShpEncoding::Utf8 => encoding_rs::UTF_8,
        }
    }
}

/// How the tables of a run are written.
#[derive(Debug, Clone, Default)]
pub struct OutputOptions {
    /// The formats. Default: `geojson,csv,xlsx`.
    pub formats: Formats,
    /// The CRS of shapefile, GeoPackage and FlatGeobuf geometry. Default (`None`): the
    /// project's survey CRS, the CGCS2000 3-degree Gauss-Krüger zone of the working frame.
    /// GeoJSON is always WGS84 (RFC 7946).
    pub crs: Option<Crs>,
    /// The text encoding of shapefile attributes. Default: GBK.
    pub encoding: ShpEncoding,
    /// How CSV text cells that a spreadsheet would run as a formula are written.
    /// Default: guarded.
    pub csv_text: CsvText,
}

/// CSV text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return and are
/// not numbers run as formulas when a spreadsheet opens the file (CSV injection).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CsvText {
    /// Such cells get a leading apostrophe (`'=HYPERLINK(…)`), as the OWASP guidance on
    /// CSV injection describes: the spreadsheet shows text.
    #[default]
    Guarded,
    /// Every text as it is.
    Raw,
}

impl CsvText {
    /// The text of a cell as this policy writes it.
    pub fn apply<'a>(self, text: &'a str) -> std::borrow::Cow<'a, str> {
        let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
        if self == CsvText::Raw || !risky || text.trim().parse::<f64>().is_ok() {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(format!("'{text}"))
        }
    }
}

impl OutputOptions {
    /// The default options with these formats.
    pub fn with_formats(formats: Formats) -> OutputOptions {
        OutputOptions {
            formats,
            ..OutputOptions::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_in_any_order_and_print_in_one() {
        let f = Formats::parse("shp, GeoJSON,fgb").expect("parsed");
        assert!(f.has(Format::Shp) && f.has(Format::GeoJson) && f.has(Format::Fgb));
        assert!(!f.has(Format::Csv));
        assert_eq!(f.to_string(), "geojson,shp,fgb");
        assert_eq!(Formats::default().to_string(), "geojson,csv,xlsx");
        assert!(Formats::parse("kml").is_err());
        assert!(Formats::parse(" , ").is_err());
        assert!(!Formats::of(&[Format::Fgb, Format::GeoJson]).holds_attribute_tables());
    }

    #[test]
    fn formula_like_text_is_guarded_and_numbers_are_not() {
        let g = CsvText::Guarded;
        for (i, o) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-12.5", "-12.5"),
            ("+3", "+3"),
            ("1e5", "1e5"),
            ("新河园区", "新河园区"),
            ("a=b", "a=b"),
        ] {
            assert_eq!(g.apply(i), o, "{i:?}");
        }
        assert_eq!(CsvText::Raw.apply("=1+1"), "=1+1");
    }

    #[test]
    fn encodings() {
        assert_eq!(
            ShpEncoding::parse("UTF-8").expect("utf-8"),
            ShpEncoding::Utf8
        );
        assert_eq!(ShpEncoding::parse("cp936").expect("gbk"), ShpEncoding::Gbk);
        assert!(ShpEncoding::parse("latin1").is_err());
    }
}
