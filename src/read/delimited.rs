//! CSV tables (UTF-8 with or without BOM, or GBK as Excel on a Chinese Windows saves
//! them), with point geometry from two coordinate columns when the table has them.

use std::path::Path;

use rayon::prelude::*;

use super::encoding::{decode_guess, decode_with, encoding_for_label, line_list};
use super::{
    coordinate_columns, display_name, read_bytes, RawFeature, RawLayer, RawValue, ReadOptions,
};
use crate::error::{Error, Problem, Result, Severity};

/// Reads a CSV file; `;` or tab separated files are recognised by their header line.
pub(super) fn read(path: &Path, opts: &ReadOptions) -> Result<RawLayer> {
    let file = display_name(path);
    let bytes = read_bytes(path)?;
    let declared = match &opts.encoding {
        Some(label) => Some(
            encoding_for_label(label)
                .ok_or_else(|| Error::in_file(&file, format!("unknown encoding {label}")))?,
        ),
        None => None,
    };
    let decoded = match declared {
        Some(enc) => decode_with(&bytes, enc),
        None => decode_guess(&bytes),
    };
    let mut warnings = Vec::new();
    if !decoded.odd_lines.is_empty() {
        let word = if decoded.odd_lines.len() == 1 {
            "line"
        } else {
            "lines"
        };
        let lines = format!("{word} {}", line_list(&decoded.odd_lines));
        let why = match declared {
            Some(enc) => format!(
                "{lines}: bytes that are not {} (the declared encoding) were replaced with \u{FFFD}",
                enc.name()
            ),
            None => format!(
                "{lines}: not UTF-8 like the rest of the file; read as GBK (check the names there)"
            ),
        };
        warnings.push(Problem::new(Severity::Warning, None, why));
    }
    let (text, encoding) = (decoded.text, decoded.encoding);
    if text.trim().is_empty() {
        return Err(Error::in_file(&file, "the file is empty"));
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| first_line.matches(*d as char).count())
        .unwrap_or(b',');
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let fields: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::in_file(&file, format!("cannot read the header line: {e}")))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let n = fields.len();
    let mut rows: Vec<std::result::Result<Vec<RawValue>, String>> = Vec::new();
    for r in rdr.records() {
        let number = rows.len() + 1;
        let row = r.map_err(|e| e.to_string()).and_then(|r| {
            let line = r.position().map_or(0, |p| p.line());
            let breaks: usize = r.iter().map(|c| c.matches('\n').count()).sum();
            let lines = if breaks > 0 {
                format!(
                    "lines {line}–{} were read as one row (a quoted cell holds line breaks: is a quote out of place?)",
                    line as usize + breaks
                )
            } else {
                format!("line {line}")
            };
            let sep = delimiter as char;
            if r.iter().any(|c| c.contains('\n') && c.contains(sep)) {
                return Err(format!(
                    "lines {line}–{}: a quote out of place swallowed rows into one cell (it holds line breaks and separators)",
                    line as usize + breaks
                ));
            }
            if r.len() > n {
                return Err(format!(
                    "{lines}: {} cells where the header has {n} (a separator or quote out of place?)",
                    r.len()
                ));
            }
            if r.len() < n && !r.iter().all(|c| c.trim().is_empty()) {
                warnings.push(Problem::new(
                    Severity::Warning,
                    Some(number),
                    format!("{lines}: {} cells where the header has {n}: the last {} are empty", r.len(), n - r.len()),
                ));
            } else if breaks > 0 {
                warnings.push(Problem::new(Severity::Warning, Some(number), lines));
            }
            Ok(r.iter().map(|c| RawValue::Text(c.into())).collect())
        });
        rows.push(row);
    }
    let mut layer = table_layer(path, fields, rows, opts, Some(encoding))?;
    layer.problems.extend(warnings);
    Ok(layer)
}

/// Builds a layer from table rows (CSV or a worksheet), taking point geometry from the
/// coordinate columns when there are any, and any geometry from a `wkt` column (what
/// `parkscope convert` writes for lines and polygons). Rows are numbered from 1 after the
/// header.
pub(super) fn table_layer(
    path: &Path,
    fields: Vec<String>,
    rows: Vec<std::result::Result<Vec<RawValue>, String>>,
    opts: &ReadOptions,
    encoding: Option<&'static str>,
) -> Result<RawLayer> {
    let file = display_name(path);
    let coords = coordinate_columns(&fields, opts, &file)?;
    let wkt_col = fields
        .iter()
        .position(|f| f.trim().eq_ignore_ascii_case("wkt"));
    let n = fields.len();
    // Per row: a feature, a row that cannot be read, or nothing for a blank row.
    let rows: Vec<Option<std::result::Result<RawFeature, Problem>>> = rows
        .into_par_iter()
        .enumerate()
        .map(|(i, row)| {
            let number = i + 1;
            let mut values = match row {
                Ok(v) => v,
                Err(e) => {
                    return Some(Err(Problem::new(
                        Severity::Rejected,
                        Some(number),
                        format!("unreadable row: {e}"),
                    )))
                }
            };
            if values.iter().all(RawValue::is_empty) {
                return None;
            }
            values.resize(n, RawValue::Null);
            let point = match coords {
                None => None,
                Some((xi, yi)) => match point_from(&values[xi], &values[yi]) {
                    Ok(p) => p.map(geo::Geometry::Point),
                    Err(reason) => {
                        return Some(Err(Problem::new(Severity::Rejected, Some(number), reason)
                            .with_field(format!("{}/{}", fields[xi], fields[yi]))))
                    }
                },
            };
            let geometry = match (point, wkt_col) {
                (Some(p), _) => Some(p),
                (None, Some(w)) => match geometry_from_wkt(&values[w]) {
                    Ok(g) => g,
                    Err(reason) => {
                        return Some(Err(Problem::new(Severity::Rejected, Some(number), reason)
                            .with_field(fields[w].clone())))
                    }
                },
                (None, None) => None,
            };
            Some(Ok(RawFeature {
                number,
                geometry,
                values,
            }))
        })
        .collect();
    let count = rows.iter().flatten().count();
    let (features, problems) = super::partition(rows.into_iter().flatten());
    Ok(RawLayer {
        path: path.to_path_buf(),
        declared_crs: None,
        fields,
        features,
        problems,
        count,
        encoding,
    })
}

/// The geometry of a WKT cell; `None` when the cell is empty.
fn geometry_from_wkt(v: &RawValue) -> std::result::Result<Option<geo::Geometry<f64>>, String> {
    let Some(text) = v.as_text().filter(|t| !t.trim().is_empty()) else {
        return Ok(None);
    };
    let parsed: wkt::Wkt<f64> = text
        .trim()
        .parse()
        .map_err(|e| format!("not WKT geometry: {e}"))?;
    geo::Geometry::try_from(parsed)
        .map(Some)
        .map_err(|e| format!("not WKT geometry: {e}"))
}

fn point_from(x: &RawValue, y: &RawValue) -> std::result::Result<Option<geo::Point<f64>>, String> {
    let px = super::value::parse_number(x).map_err(|e| format!("coordinate {e}"))?;
    let py = super::value::parse_number(y).map_err(|e| format!("coordinate {e}"))?;
    match (px, py) {
        (Some(x), Some(y)) => Ok(Some(geo::Point::new(x, y))),
        (None, None) => Ok(None),
        _ => Err("only one of the two coordinates is given".into()),
    }
}
