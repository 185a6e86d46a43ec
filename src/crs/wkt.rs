//! The CRS of an ESRI or OGC WKT string (a shapefile `.prj`): by its EPSG authority when it
//! has one, else by its parameters (ESRI writes none: `CGCS2000_3_Degree_GK_CM_120E`).

use super::Crs;

/// Parses WKT into a CRS.
pub(super) fn parse_wkt(wkt: &str) -> Result<Crs, String> {
    let upper = wkt.to_uppercase();
    let projected = upper.starts_with("PROJCS") || upper.starts_with("PROJCRS");
    if !projected {
        return Ok(Crs::LonLat);
    }
    // The top-level authority is the last one in WKT1.
    if let Some(code) = last_epsg_authority(wkt) {
        if let Ok(crs) = Crs::from_epsg(code) {
            return Ok(crs);
        }
    }
    // ESRI names the CGCS2000 Gauss-Krüger systems without an authority.
    if let Some(code) = quoted_after(&upper, "PROJCS[").and_then(|n| esri_cgcs2000_code(&n)) {
        if let Ok(crs) = Crs::from_epsg(code) {
            return Ok(crs);
        }
    }
    let projection = quoted_after(&upper, "PROJECTION[").unwrap_or_default();
    if !(projection.contains("TRANSVERSE_MERCATOR")
        || projection.contains("GAUSS_KRUGER")
        || projection.contains("GAUSS-KRUGER"))
    {
        return Err(format!(
            "unsupported projection {projection} in WKT (declare the layer's crs as an EPSG code)"
        ));
    }
    let param = |name: &str| parameter(&upper, name);
    let cm = param("CENTRAL_MERIDIAN")
        .or_else(|| param("LONGITUDE_OF_ORIGIN"))
        .unwrap_or(0.0);
    let fe = param("FALSE_EASTING").unwrap_or(0.0);
    let fn_ = param("FALSE_NORTHING").unwrap_or(0.0);
    let k = param("SCALE_FACTOR").unwrap_or(1.0);
    let lat0 = param("LATITUDE_OF_ORIGIN").unwrap_or(0.0);
    let (a, rf) = spheroid(&upper).unwrap_or((6_378_137.0, 298.257_222_101));
    let proj4 = format!(
        "+proj=tmerc +lat_0={lat0} +lon_0={cm} +k={k} +x_0={fe} +y_0={fn_} +a={a} +rf={rf} +units=m +no_defs"
    );
    Crs::from_proj4(&proj4, None)
}

/// The EPSG code of an ESRI CGCS2000 Gauss-Krüger name (upper case):
/// `CGCS2000_3_DEGREE_GK_CM_120E` → 4549, `CGCS2000_3_DEGREE_GK_ZONE_40` → 4528.
fn esri_cgcs2000_code(name: &str) -> Option<u32> {
    let num = |s: &str| s.trim_end_matches('E').parse::<u32>().ok();
    let cm3 =
        |cm: u32| ((75..=135).contains(&cm) && cm.is_multiple_of(3)).then(|| 4534 + (cm - 75) / 3);
    let cm6 = |cm: u32| ((75..=135).contains(&cm) && cm % 6 == 3).then(|| 4502 + (cm - 75) / 6);
    if let Some(cm) = name.strip_prefix("CGCS2000_3_DEGREE_GK_CM_").and_then(num) {
        return cm3(cm);
    }
    if let Some(z) = name
        .strip_prefix("CGCS2000_3_DEGREE_GK_ZONE_")
        .and_then(num)
    {
        return (25..=45).contains(&z).then(|| 4513 + z - 25);
    }
    if let Some(cm) = name.strip_prefix("CGCS2000_GK_CM_").and_then(num) {
        return cm6(cm);
    }
    if let Some(z) = name.strip_prefix("CGCS2000_GK_ZONE_").and_then(num) {
        return (13..=23).contains(&z).then(|| 4491 + z - 13);
    }
    None
}

fn last_epsg_authority(wkt: &str) -> Option<u32> {
    let up = wkt.to_uppercase();
    let idx = up
        .rfind("AUTHORITY[\"EPSG\",")
        .or_else(|| up.rfind("ID[\"EPSG\","))?;
    let rest = &up[idx..];
    let start = rest.find(',')? + 1;
    let digits: String = rest[start..]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    // Only the outermost authority identifies the CRS: it must close the string.
    let tail = &rest[start..];
    let closes = tail
        .find(']')
        .map(|i| tail[i..].trim_end().trim_end_matches(']').is_empty())
        .unwrap_or(false);
    if closes {
        digits.parse().ok()
    } else {
        None
    }
}

fn quoted_after(s: &str, key: &str) -> Option<String> {
    let i = s.find(key)? + key.len();
    let rest = &s[i..];
    let a = rest.find('"')? + 1;
    let b = rest[a..].find('"')? + a;
    Some(rest[a..b].to_owned())
}

fn parameter(s: &str, name: &str) -> Option<f64> {
    let key = format!("PARAMETER[\"{name}\",");
    let i = s.find(&key)? + key.len();
    let rest = &s[i..];
    let end = rest.find(']')?;
    rest[..end].trim().parse().ok()
}

fn spheroid(s: &str) -> Option<(f64, f64)> {
    let i = s.find("SPHEROID[").or_else(|| s.find("ELLIPSOID["))?;
    let rest = &s[i..];
    let parts: Vec<&str> = rest.split(',').collect();
    let a = parts.get(1)?.trim().parse().ok()?;
    let rf = parts
        .get(2)?
        .trim()
        .trim_end_matches(']')
        .trim_end_matches(']')
        .parse()
        .ok()?;
    Some((a, rf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esri_gk_prj_without_authority() {
        let prj = r#"PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
        let crs = parse_wkt(prj).unwrap();
        assert_eq!(crs.name(), "EPSG:4549", "recognised by its ESRI name");
        let Crs::Projected(p) = crs else {
            panic!("projected")
        };
        assert_eq!(p.tmerc_params(), Some((120.0, 500_000.0, 0.0, 1.0)));
    }

    #[test]
    fn geographic_prj_is_lonlat() {
        let prj = r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;
        assert!(matches!(parse_wkt(prj), Ok(Crs::LonLat)));
    }

    #[test]
    fn ogc_wkt_with_authority() {
        let wkt = crs_definitions::from_code(4528).unwrap().wkt;
        assert_eq!(parse_wkt(wkt).unwrap().name(), "EPSG:4528");
    }
}
