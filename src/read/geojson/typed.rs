//! The fast path of a GeoJSON feature: serde straight into geo geometries and raw values,
//! without an intermediate `serde_json::Value` tree. Property names are borrowed from the
//! file's text when they hold no escapes. Anything this path does not take (a
//! GeometryCollection, text where numbers belong) is left to the general path, which also
//! words the error.

use std::borrow::Cow;
use std::fmt;

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue as JsonRaw;

use crate::read::RawValue;

/// A feature's properties in file order, names borrowed where possible.
pub(super) type Props<'a> = Vec<(Cow<'a, str>, RawValue)>;

#[derive(Deserialize)]
struct Feature<'a> {
    #[serde(borrow, default)]
    geometry: Option<GeometryHead<'a>>,
    #[serde(borrow, default)]
    properties: Option<PropMap<'a>>,
    #[serde(default)]
    id: Option<Scalar>,
}

#[derive(Deserialize)]
struct GeometryHead<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    coordinates: Option<&'a JsonRaw>,
}

/// Parses one feature; `None` when the fast path cannot take it.
pub(super) fn parse(raw: &str) -> Option<(Option<Geometry<f64>>, Props<'_>)> {
    let f: Feature = serde_json::from_str(raw).ok()?;
    let geometry = match f.geometry {
        None => None,
        Some(g) => Some(geometry(g)?),
    };
    let mut props = f.properties.map(|p| p.0).unwrap_or_default();
    if let Some(Scalar(id)) = f.id {
        if !props.iter().any(|(k, _)| k == "id") {
            props.push((Cow::Borrowed("id"), id));
        }
    }
    Some((geometry, props))
}

fn geometry(head: GeometryHead) -> Option<Geometry<f64>> {
    let c = head.coordinates?.get();
    let ring = |r: Vec<Pos>| LineString::new(r.into_iter().map(|p| p.0).collect());
    let polygon = |rings: Vec<Vec<Pos>>| {
        let mut rings = rings.into_iter().map(ring);
        let exterior = rings.next().unwrap_or_else(|| LineString::new(vec![]));
        Polygon::new(exterior, rings.collect())
    };
    Some(match head.kind.as_ref() {
        "Point" => Geometry::Point(Point(serde_json::from_str::<Pos>(c).ok()?.0)),
        "MultiPoint" => Geometry::MultiPoint(MultiPoint::new(
            serde_json::from_str::<Vec<Pos>>(c)
                .ok()?
                .into_iter()
                .map(|p| Point(p.0))
                .collect(),
        )),
        "LineString" => Geometry::LineString(ring(serde_json::from_str(c).ok()?)),
        "MultiLineString" => Geometry::MultiLineString(MultiLineString::new(
            serde_json::from_str::<Vec<Vec<Pos>>>(c)
                .ok()?
                .into_iter()
                .map(ring)
                .collect(),
        )),
        "Polygon" => Geometry::Polygon(polygon(serde_json::from_str(c).ok()?)),
        "MultiPolygon" => Geometry::MultiPolygon(MultiPolygon::new(
            serde_json::from_str::<Vec<Vec<Vec<Pos>>>>(c)
                .ok()?
                .into_iter()
                .map(polygon)
                .collect(),
        )),
        _ => return None,
    })
}

/// A position: x and y, any further ordinates (z, m) skipped.
struct Pos(Coord<f64>);

impl<'de> Deserialize<'de> for Pos {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Pos, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Pos;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a position [x, y, …]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Pos, A::Error> {
                let x: f64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let y: f64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Pos(Coord { x, y }))
            }
        }
        d.deserialize_seq(V)
    }
}

/// The properties object, in file order.
struct PropMap<'a>(Props<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for PropMap<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PropMap<'a>, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = PropMap<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a properties object")
            }
            fn visit_unit<E: de::Error>(self) -> Result<PropMap<'a>, E> {
                Ok(PropMap(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PropMap<'a>, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(16));
                // A repeated name is kept twice; the reader's column mapping lets the last
                // value win, as serde_json's own maps do.
                while let Some(Key(k)) = map.next_key::<Key<'a>>()? {
                    let Scalar(v) = map.next_value()?;
                    out.push((k, v));
                }
                Ok(PropMap(out))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A property name, borrowed from the text unless it holds escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'a>, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Key<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

/// A property value as a [`RawValue`], read the way the general path reads it.
struct Scalar(RawValue);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(RawValue::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(RawValue::Null))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Scalar, E> {
                Ok(Scalar(RawValue::Bool(b)))
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Scalar, E> {
                Ok(Scalar(RawValue::Number(x)))
            }
            fn visit_i64<E: de::Error>(self, x: i64) -> Result<Scalar, E> {
                Ok(Scalar(integer(x as f64, || x.to_string())))
            }
            fn visit_u64<E: de::Error>(self, x: u64) -> Result<Scalar, E> {
                Ok(Scalar(integer(x as f64, || x.to_string())))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Scalar, E> {
                Ok(Scalar(RawValue::Text(s.into())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Scalar, E> {
                Ok(Scalar(RawValue::Text(s.into())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element::<serde_json::Value>()? {
                    match v {
                        serde_json::Value::String(s) => items.push(s),
                        serde_json::Value::Null => {}
                        other => items.push(other.to_string()),
                    }
                }
                Ok(Scalar(RawValue::List(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
                let v = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Scalar(RawValue::Text(v.to_string().into())))
            }
        }
        d.deserialize_any(V)
    }
}

/// Integers beyond 2^53 (credit codes typed as numbers) keep their digits as text.
fn integer(f: f64, digits: impl FnOnce() -> String) -> RawValue {
    if f.abs() < 9.0e15 {
        RawValue::Number(f)
    } else {
        RawValue::Text(digits().into())
    }
}
