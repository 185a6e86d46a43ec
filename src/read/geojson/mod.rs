//! GeoJSON (RFC 7946, and the legacy `crs` member GDAL and bureau exports still write).
//!
//! The collection is split into one raw slice per feature first, then features are
//! parsed in parallel, each on its own: a feature with string coordinates or a broken
//! geometry is reported by number and the others are still read.

mod typed;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue as JsonRaw;
use serde_json::Value;

use super::{display_name, read_bytes, RawFeature, RawLayer, RawValue};
use crate::error::{Error, Problem, Result, Severity};

#[derive(Deserialize)]
struct Collection<'a> {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(borrow, default)]
    features: Option<Vec<&'a JsonRaw>>,
    #[serde(default)]
    crs: Option<Value>,
}

#[derive(Deserialize)]
struct Feature {
    #[serde(default)]
    geometry: Option<Value>,
    #[serde(default)]
    properties: Option<serde_json::Map<String, Value>>,
    #[serde(default)]
    id: Option<Value>,
}

/// Reads a GeoJSON FeatureCollection (or a single Feature).
pub(super) fn read(path: &Path, limits: &super::ReadLimits) -> Result<RawLayer> {
    let file = display_name(path);
    let bytes = read_bytes(path)?;
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)) {
        Ok(t) => t,
        Err(e) => {
            return Err(Error::in_file(
                &file,
                format!("not UTF-8 text (RFC 7946 requires UTF-8): {e}"),
            ))
        }
    };
    if text.trim().is_empty() {
        return Err(Error::in_file(&file, "the file is empty"));
    }
    let coll: Collection = serde_json::from_str(text)
        .map_err(|e| Error::in_file(&file, format!("not valid GeoJSON: {e}")))?;
    let raw_features: Vec<&JsonRaw> = match (coll.kind.as_deref(), coll.features) {
        (_, Some(f)) => f,
        (Some("Feature"), None) => vec![serde_json::from_str::<&JsonRaw>(text)
            .map_err(|e| Error::in_file(&file, format!("not valid GeoJSON: {e}")))?],
        (kind, None) => {
            return Err(Error::in_file(
                &file,
                format!(
                    "not a GeoJSON FeatureCollection (type is {})",
                    kind.unwrap_or("missing")
                ),
            ))
        }
    };
    let declared_crs = coll.crs.as_ref().and_then(crs_name);
    let parsed: Vec<std::result::Result<Parsed, String>> = raw_features
        .par_iter()
        .map(|raw| parse_feature(raw.get()))
        .collect();

    let (fields, field_pos, as_first) = columns(&parsed);
    let n = fields.len();
    let count = parsed.len();
    let (max_names, max_values) = (limits.property_names, limits.property_values);
    if n > max_names || n.saturating_mul(count) > max_values {
        return Err(Error::in_file(
            &file,
            format!(
                "{count} features carry {n} distinct property names (limits: {max_names} names, {max_values} values in all; [limits] geojson_property_names, geojson_values): a column for every name on every feature would not fit in memory"
            ),
        ));
    }
    let rows: Vec<std::result::Result<RawFeature, Problem>> = parsed
        .into_par_iter()
        .zip(as_first)
        .enumerate()
        .map(|(i, (p, same))| {
            let number = i + 1;
            let (geometry, props) =
                p.map_err(|reason| Problem::new(Severity::Rejected, Some(number), reason))?;
            let values = if same && props.len() == n {
                props.into_iter().map(|(_, v)| v).collect()
            } else {
                let mut values = vec![RawValue::Null; n];
                for (k, v) in props {
                    values[field_pos[k.as_ref()]] = v;
                }
                values
            };
            Ok(RawFeature {
                number,
                geometry,
                values,
            })
        })
        .collect();
    let (features, problems) = super::partition(rows);
    Ok(RawLayer {
        path: path.to_path_buf(),
        declared_crs,
        fields,
        features,
        problems,
        count,
        encoding: Some("UTF-8"),
    })
}

type Parsed<'a> = (Option<geo::Geometry<f64>>, typed::Props<'a>);

/// The layer's fields in order of first appearance, their positions, and per feature
/// whether it repeats the first feature's names in order (its values are then the columns
/// as they come). Features nearly always do: that is checked for every feature in
/// parallel, and only the features that differ are walked (in file order) for new names.
fn columns(
    parsed: &[std::result::Result<Parsed<'_>, String>],
) -> (Vec<String>, HashMap<String, usize>, Vec<bool>) {
    let mut first: Vec<&str> = parsed
        .iter()
        .find_map(|p| p.as_ref().ok())
        .map(|(_, props)| props.iter().map(|(k, _)| k.as_ref()).collect())
        .unwrap_or_default();
    if first.iter().collect::<HashSet<_>>().len() < first.len() {
        first.clear(); // a repeated name: every feature takes the mapped path (last wins)
    }
    let as_first: Vec<bool> = parsed
        .par_iter()
        .map(|p| {
            p.as_ref().is_ok_and(|(_, props)| {
                props.len() == first.len() && props.iter().zip(&first).all(|((k, _), f)| k == f)
            })
        })
        .collect();
    let mut fields: Vec<String> = first.iter().map(|f| f.to_string()).collect();
    let mut field_pos: HashMap<String, usize> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.clone(), i))
        .collect();
    for (p, _) in parsed.iter().zip(&as_first).filter(|(_, same)| !**same) {
        if let Ok((_, props)) = p {
            for (k, _) in props {
                if !field_pos.contains_key(k.as_ref()) {
                    field_pos.insert(k.to_string(), fields.len());
                    fields.push(k.to_string());
                }
            }
        }
    }
    (fields, field_pos, as_first)
}

/// One feature: the typed fast path, else the general path through `serde_json::Value`,
/// which also words what is wrong.
fn parse_feature(raw: &str) -> std::result::Result<Parsed<'_>, String> {
    if let Some(parsed) = typed::parse(raw) {
        return Ok(parsed);
    }
    let f: Feature =
        serde_json::from_str(raw).map_err(|e| format!("not a GeoJSON feature: {e}"))?;
    let mut props = BTreeMap::new();
    if let Some(p) = f.properties {
        for (k, v) in p {
            props.insert(k, json_to_raw(v));
        }
    }
    if let Some(id) = f.id {
        props
            .entry("id".to_owned())
            .or_insert_with(|| json_to_raw(id));
    }
    let geometry = match f.geometry {
        None | Some(Value::Null) => None,
        Some(g) => Some(parse_geometry(g)?),
    };
    Ok((
        geometry,
        props.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect(),
    ))
}

fn parse_geometry(g: Value) -> std::result::Result<geo::Geometry<f64>, String> {
    if let Some(c) = g.get("coordinates") {
        if let Some(s) = first_string(c) {
            return Err(format!("coordinates are text (\"{s}\"), not numbers"));
        }
    }
    // The geojson crate's conversion panics on a position of fewer than two numbers.
    check_positions(&g)?;
    let geom: geojson::Geometry =
        serde_json::from_value(g).map_err(|e| format!("invalid geometry: {e}"))?;
    geo::Geometry::<f64>::try_from(&geom.value).map_err(|e| format!("invalid geometry: {e}"))
}

/// Every position of a geometry (at the nesting depth its type gives) holds at least
/// two numbers.
fn check_positions(g: &Value) -> std::result::Result<(), String> {
    fn walk(c: &Value, depth: usize) -> std::result::Result<(), String> {
        let Value::Array(items) = c else {
            return Err("coordinates are not arrays of positions".into());
        };
        if depth > 0 {
            return items.iter().try_for_each(|i| walk(i, depth - 1));
        }
        let numbers = items.iter().take_while(|v| v.is_number()).count();
        if numbers < 2 {
            return Err(format!(
                "a position holds {} number{} where x and y are needed: {}",
                numbers,
                if numbers == 1 { "" } else { "s" },
                short_json(c)
            ));
        }
        Ok(())
    }
    let kind = g.get("type").and_then(Value::as_str).unwrap_or_default();
    if kind == "GeometryCollection" {
        if let Some(Value::Array(gs)) = g.get("geometries") {
            return gs.iter().try_for_each(check_positions);
        }
        return Ok(());
    }
    let depth = match kind {
        "Point" => 0,
        "MultiPoint" | "LineString" => 1,
        "Polygon" | "MultiLineString" => 2,
        "MultiPolygon" => 3,
        _ => return Ok(()),
    };
    match g.get("coordinates") {
        Some(c) => walk(c, depth),
        None => Ok(()),
    }
}

/// A JSON value as at most 40 characters of text.
fn short_json(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

fn first_string(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Array(a) => a.iter().find_map(first_string),
        _ => None,
    }
}

fn json_to_raw(v: Value) -> RawValue {
    match v {
        Value::Null => RawValue::Null,
        Value::Bool(b) => RawValue::Bool(b),
        Value::Number(n) => match n.as_f64() {
            // Integers beyond 2^53 (credit codes typed as numbers) keep their digits.
            Some(f) if n.is_f64() || f.abs() < 9.0e15 => RawValue::Number(f),
            _ => RawValue::Text(n.to_string().into()),
        },
        Value::String(s) => RawValue::Text(s.into()),
        Value::Array(a) => RawValue::List(
            a.into_iter()
                .filter_map(|x| match x {
                    Value::String(s) => Some(s),
                    Value::Null => None,
                    other => Some(other.to_string()),
                })
                .collect(),
        ),
        Value::Object(o) => RawValue::Text(Value::Object(o).to_string().into()),
    }
}

/// The CRS name of a legacy `crs` member: `{"type":"name","properties":{"name":"…"}}`.
fn crs_name(v: &Value) -> Option<String> {
    v.get("properties")
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> RawLayer {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.geojson");
        std::fs::write(&path, text).expect("written");
        read(&path, &super::super::ReadLimits::default()).expect("read")
    }

    fn text_of(layer: &RawLayer, feature: usize, field: &str) -> Option<String> {
        let i = layer.fields.iter().position(|f| f == field)?;
        layer.features[feature].values[i].as_text()
    }

    #[test]
    fn fields_in_other_orders_missing_or_new_land_in_their_columns() {
        let layer = read_text(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"a":"1","b":"2"},"geometry":null},
            {"type":"Feature","properties":{"b":"3","a":"4"},"geometry":null},
            {"type":"Feature","properties":{"a":"5","c":"6"},"geometry":null},
            {"type":"Feature","properties":{"a":"7","b":"8"},"geometry":null}]}"#,
        );
        assert_eq!(layer.fields, vec!["a", "b", "c"]);
        let col = |f| -> Vec<Option<String>> { (0..4).map(|i| text_of(&layer, i, f)).collect() };
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(col("a"), vec![s("1"), s("4"), s("5"), s("7")]);
        assert_eq!(col("b"), vec![s("2"), s("3"), None, s("8")]);
        assert_eq!(col("c"), vec![None, None, s("6"), None]);
    }

    #[test]
    fn a_name_repeated_in_a_feature_is_one_column_and_the_last_value_wins() {
        let layer = read_text(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"a":"1","a":"2"},"geometry":null},
            {"type":"Feature","properties":{"a":"3"},"geometry":null}]}"#,
        );
        assert_eq!(layer.fields, vec!["a"]);
        assert_eq!(text_of(&layer, 0, "a").as_deref(), Some("2"));
        assert_eq!(text_of(&layer, 1, "a").as_deref(), Some("3"));
    }
}
